//! Where a file opens: Office for the web (view or edit), the desktop app through the Office
//! URI schemes, or its `webUrl`. DOM-free; every URL here starts as an `https` `webUrl` that
//! passed [`crate::safe_url::openable`].
//!
//! On OneDrive for Business and SharePoint, Office files' `webUrl` is
//! `…/_layouts/15/Doc.aspx?sourcedoc={guid}&file=…&action=default`, and `action` can be `view`
//! or `edit` (picker-anchors.md 7). Personal OneDrive `webUrl`s are opaque: they open as they
//! are. The desktop apps take `ms-word:ofv|u|{url}` (view) and `ofe|u|{url}` (edit), at most
//! 256 characters (Excel: 216).

use crate::graph::{DriveItem, ItemKind};
use url::Url;

/// What the details pane's preview shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Preview {
    /// Nothing (no preview offered).
    None,
    /// Being fetched.
    Loading,
    /// An embeddable page (Graph's `getUrl`).
    Frame(String),
    /// A picture.
    Image(String),
}

/// An Office desktop app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfficeApp {
    /// Word.
    Word,
    /// Excel.
    Excel,
    /// PowerPoint.
    PowerPoint,
}

impl OfficeApp {
    /// The app for an item kind.
    pub fn of(kind: ItemKind) -> Option<OfficeApp> {
        match kind {
            ItemKind::Word => Some(OfficeApp::Word),
            ItemKind::Excel => Some(OfficeApp::Excel),
            ItemKind::PowerPoint => Some(OfficeApp::PowerPoint),
            _ => None,
        }
    }

    /// The URI scheme.
    pub fn scheme(self) -> &'static str {
        match self {
            OfficeApp::Word => "ms-word",
            OfficeApp::Excel => "ms-excel",
            OfficeApp::PowerPoint => "ms-powerpoint",
        }
    }

    /// The longest URI the app accepts.
    fn limit(self) -> usize {
        match self {
            OfficeApp::Excel => 216,
            _ => 256,
        }
    }

    /// The app's name (a product name: not translated).
    pub fn name(self) -> &'static str {
        match self {
            OfficeApp::Word => "Word",
            OfficeApp::Excel => "Excel",
            OfficeApp::PowerPoint => "PowerPoint",
        }
    }
}

/// The ways a file can be opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenLinks {
    /// The `webUrl` as it is.
    pub web: Option<String>,
    /// Office for the web, read-only.
    pub view: Option<String>,
    /// Office for the web, editing.
    pub edit: Option<String>,
    /// The desktop app, editing (with the app it opens in).
    pub desktop: Option<(OfficeApp, String)>,
}

/// How `item` can be opened.
pub fn links(item: &DriveItem) -> OpenLinks {
    let web = item.open_url();
    let app = OfficeApp::of(item.kind());
    let doc = web.as_deref().and_then(|w| Url::parse(w).ok()).filter(|u| {
        u.path()
            .to_ascii_lowercase()
            .ends_with("/_layouts/15/doc.aspx")
    });
    let (Some(app), Some(doc)) = (app, doc) else {
        return OpenLinks {
            web,
            ..OpenLinks::default()
        };
    };
    // `|` separates the Office URI's fields: one inside the URL (a query may hold it unencoded)
    // would end the URL there and start a field of the page's choosing.
    let desktop = format!(
        "{}:ofe|u|{}",
        app.scheme(),
        doc.as_str().replace('|', "%7C")
    );
    OpenLinks {
        view: Some(with_action(&doc, "view")),
        edit: Some(with_action(&doc, "edit")),
        desktop: (desktop.len() <= app.limit()).then_some((app, desktop)),
        web,
    }
}

/// The preview frame's sandbox for a preview at `url` on a page of `page_origin`. A preview of
/// another origin (Graph's `getUrl` is SharePoint's) keeps its own origin, which its script
/// needs; one on the page's own origin does not (a sandboxed frame with scripts and the page's
/// origin could reach into the page and lift its sandbox).
pub fn frame_sandbox(url: &str, page_origin: &str) -> &'static str {
    let same = crate::safe_url::parse_secure(url).map_or(true, |u| u.origin() == page_origin);
    if same {
        "allow-scripts allow-popups allow-forms"
    } else {
        "allow-scripts allow-same-origin allow-popups allow-forms"
    }
}

/// The URL with its `action` parameter set (others kept, in order).
fn with_action(url: &Url, action: &str) -> String {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "action")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut out = url.clone();
    out.query_pairs_mut()
        .clear()
        .extend_pairs(pairs)
        .append_pair("action", action);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, web: &str) -> DriveItem {
        serde_json::from_value(
            serde_json::json!({"id": "1", "name": name, "file": {}, "webUrl": web}),
        )
        .unwrap()
    }

    #[test]
    fn office_files_open_to_view_edit_or_the_desktop() {
        let doc = "https://contoso.sharepoint.com/sites/x/_layouts/15/Doc.aspx?sourcedoc=%7BB5%7D&file=Q3.xlsx&action=default&mobileredirect=true";
        let l = links(&item("Q3.xlsx", doc));
        assert_eq!(
            l.view.as_deref(),
            Some("https://contoso.sharepoint.com/sites/x/_layouts/15/Doc.aspx?sourcedoc=%7BB5%7D&file=Q3.xlsx&mobileredirect=true&action=view")
        );
        assert!(l.edit.unwrap().ends_with("&action=edit"));
        let (app, uri) = l.desktop.unwrap();
        assert_eq!(app, OfficeApp::Excel);
        assert!(
            uri.starts_with("ms-excel:ofe|u|https://contoso.sharepoint.com/"),
            "{uri}"
        );
        assert_eq!(l.web.as_deref(), Some(doc));
    }

    #[test]
    fn a_preview_of_the_page_s_own_origin_loses_its_origin() {
        let page = "https://portal.contoso.com";
        let own = frame_sandbox("https://portal.contoso.com/preview/1", page);
        assert!(!own.contains("allow-same-origin"), "{own}");
        let sharepoint = frame_sandbox(
            "https://contoso.sharepoint.com/_layouts/15/embed.aspx",
            page,
        );
        assert!(sharepoint.contains("allow-same-origin"), "{sharepoint}");
        assert!(!frame_sandbox("not a url", page).contains("allow-same-origin"));
    }

    #[test]
    fn the_desktop_uri_encodes_the_separator_inside_the_url() {
        let doc = "https://contoso.sharepoint.com/_layouts/15/Doc.aspx?file=a|b.docx&x=|u|https://evil.example/";
        let (_, uri) = links(&item("a|b.docx", doc)).desktop.unwrap();
        assert_eq!(uri.matches('|').count(), 2, "{uri}");
        assert!(uri.starts_with("ms-word:ofe|u|https://contoso.sharepoint.com/"));
        assert!(uri.contains("file=a%7Cb.docx"), "{uri}");
    }

    #[test]
    fn other_files_and_opaque_links_open_as_they_are() {
        let pdf = links(&item(
            "a.pdf",
            "https://contoso.sharepoint.com/sites/x/Shared%20Documents/a.pdf",
        ));
        assert_eq!((pdf.view, pdf.edit, pdf.desktop), (None, None, None));
        assert!(pdf.web.is_some());
        let personal = links(&item(
            "b.docx",
            "https://onedrive.live.com/edit.aspx?cid=1&resid=2",
        ));
        assert_eq!((personal.view, personal.desktop), (None, None));
        let hostile = links(&item("c.docx", "javascript:alert(1)//_layouts/15/Doc.aspx"));
        assert_eq!(hostile, OpenLinks::default());
        let long = format!(
            "https://contoso.sharepoint.com/_layouts/15/Doc.aspx?file={}",
            "x".repeat(300)
        );
        let l = links(&item("d.docx", &long));
        assert!(
            l.edit.is_some() && l.desktop.is_none(),
            "too long for the desktop app"
        );
    }
}
