//! What the page lets the user pick: files, folders or both, one or many (up to a maximum), and
//! filters by extension and by kind. Items that do not match are shown, but disabled.

use crate::graph::{DriveItem, ItemKind};

/// What can be picked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Files only (folders open when clicked).
    #[default]
    Files,
    /// Folders only.
    Folders,
    /// Files and folders.
    All,
    /// Nothing is picked: a folder and a file name are chosen to save as.
    Save,
}

impl Mode {
    /// `files`, `folders`, `all` or `save`.
    pub fn parse(s: &str) -> Option<Mode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "files" => Some(Mode::Files),
            "folders" => Some(Mode::Folders),
            "all" => Some(Mode::All),
            "save" => Some(Mode::Save),
            _ => None,
        }
    }
}

/// A kind of item a filter lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindFilter {
    /// Word, Excel, PowerPoint, PDF, text.
    Documents,
    /// Images.
    Images,
    /// Videos.
    Video,
    /// Audio.
    Audio,
    /// Folders.
    Folders,
}

impl KindFilter {
    /// `documents`, `images`, `video`, `audio` or `folders`.
    pub fn parse(s: &str) -> Option<KindFilter> {
        match s.trim().to_ascii_lowercase().as_str() {
            "documents" => Some(KindFilter::Documents),
            "images" => Some(KindFilter::Images),
            "video" | "videos" => Some(KindFilter::Video),
            "audio" => Some(KindFilter::Audio),
            "folders" => Some(KindFilter::Folders),
            _ => None,
        }
    }

    fn matches(self, kind: ItemKind) -> bool {
        use ItemKind::*;
        match self {
            KindFilter::Documents => matches!(kind, Word | Excel | PowerPoint | Pdf | Text),
            KindFilter::Images => kind == Image,
            KindFilter::Video => kind == Video,
            KindFilter::Audio => kind == Audio,
            KindFilter::Folders => kind == Folder,
        }
    }
}

/// The page's rules for a pick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickOptions {
    /// Files, folders or both.
    pub mode: Mode,
    /// More than one item.
    pub multiple: bool,
    /// At most this many (with `multiple`; none: no limit).
    pub max: Option<usize>,
    /// Only files with these extensions (lower case, without the dot; empty: any).
    pub extensions: Vec<String>,
    /// Only these kinds (empty: any).
    pub kinds: Vec<KindFilter>,
}

impl Default for PickOptions {
    fn default() -> Self {
        PickOptions {
            mode: Mode::Files,
            multiple: false,
            max: None,
            extensions: vec![],
            kinds: vec![],
        }
    }
}

impl PickOptions {
    /// Reads a filter list such as `.docx, .xlsx, images, folders`: extensions (with their dot)
    /// and kind names. An unknown word is an error (a typo must not silently filter).
    pub fn set_filters(&mut self, list: &str) -> Result<(), String> {
        for word in list.split([',', ' ']).filter(|w| !w.trim().is_empty()) {
            let word = word.trim();
            if let Some(kind) = KindFilter::parse(word) {
                self.kinds.push(kind);
            } else if let Some(ext) = word.strip_prefix('.').filter(|e| valid_extension(e)) {
                self.extensions.push(ext.to_ascii_lowercase());
            } else {
                return Err(format!("unknown filter '{word}'"));
            }
        }
        Ok(())
    }

    /// How many items may be picked.
    pub fn limit(&self) -> usize {
        match self.multiple {
            false => 1,
            true => self.max.unwrap_or(usize::MAX).max(1),
        }
    }

    /// Whether `item` can be picked under these rules.
    pub fn accepts(&self, item: &DriveItem) -> bool {
        let folder = item.is_folder();
        let mode_ok = match self.mode {
            Mode::Files => !folder,
            Mode::Folders => folder,
            Mode::All => true,
            Mode::Save => false,
        };
        let kind = item.kind();
        let ext_ok = folder
            || self.extensions.is_empty()
            || item
                .name
                .rsplit_once('.')
                .is_some_and(|(_, e)| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|k| k.matches(kind));
        // An extension list alone says nothing about folders; with kinds, folders need `folders`.
        mode_ok && ext_ok && kind_ok
    }
}

fn valid_extension(e: &str) -> bool {
    !e.is_empty() && e.len() <= 16 && e.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> DriveItem {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn modes_and_filters_decide_what_can_be_picked() {
        let docx = item(r#"{"id":"1","name":"Plan.DOCX","file":{}}"#);
        let png = item(r#"{"id":"2","name":"a.png","file":{"mimeType":"image/png"}}"#);
        let mp3 = item(r#"{"id":"3","name":"talk.mp3","file":{}}"#);
        let folder = item(r#"{"id":"4","name":"Reports","folder":{"childCount":2}}"#);
        let files = PickOptions::default();
        assert!(files.accepts(&docx) && files.accepts(&png) && !files.accepts(&folder));
        let folders = PickOptions {
            mode: Mode::Folders,
            ..PickOptions::default()
        };
        assert!(folders.accepts(&folder) && !folders.accepts(&docx));
        let save = PickOptions {
            mode: Mode::parse(" Save ").unwrap(),
            ..PickOptions::default()
        };
        assert!(!save.accepts(&folder) && !save.accepts(&docx), "saving picks nothing");
        let mut all = PickOptions {
            mode: Mode::All,
            ..PickOptions::default()
        };
        assert!(all.accepts(&folder) && all.accepts(&mp3));
        all.set_filters(".docx, .PNG").unwrap();
        assert!(all.accepts(&docx) && all.accepts(&png) && !all.accepts(&mp3));
        assert!(all.accepts(&folder), "extensions do not apply to folders");
        let mut kinds = PickOptions {
            mode: Mode::All,
            ..PickOptions::default()
        };
        kinds.set_filters("audio images").unwrap();
        assert!(kinds.accepts(&mp3) && kinds.accepts(&png));
        assert!(!kinds.accepts(&docx) && !kinds.accepts(&folder));
        kinds.set_filters("folders").unwrap();
        assert!(kinds.accepts(&folder));
        let mut docs = PickOptions::default();
        docs.set_filters("documents").unwrap();
        assert!(docs.accepts(&docx) && !docs.accepts(&png));
        assert!(PickOptions::default().set_filters("../etc").is_err());
        assert!(PickOptions::default().set_filters("spreadsheets").is_err());
        assert!(
            PickOptions::default().set_filters("docx").is_err(),
            "extensions have a dot"
        );
    }

    #[test]
    fn limits() {
        let mut o = PickOptions::default();
        assert_eq!(o.limit(), 1);
        o.multiple = true;
        assert_eq!(o.limit(), usize::MAX);
        o.max = Some(3);
        assert_eq!(o.limit(), 3);
        o.max = Some(0);
        assert_eq!(o.limit(), 1);
        assert_eq!(Mode::parse(" Folders"), Some(Mode::Folders));
        assert_eq!(Mode::parse("x"), None);
    }
}
