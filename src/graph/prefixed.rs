//! Text whose beginning other values share. The links of a folder's items differ only at their
//! end: their `webUrl`s share the folder's address, their thumbnails' URLs the host and the
//! drive. [`Heads`] finds that beginning as a page's items are read (whatever the links look
//! like: nothing here knows their shape), and [`Prefixed`] keeps it once for them all.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

/// A beginning shorter than this is not worth a pointer of its own.
const SHORTEST: usize = 16;

/// A string kept as a beginning shared with other values, and the rest, its own. Equal to
/// another when their text is (however each is split).
#[derive(Clone, Default)]
pub struct Prefixed {
    head: Option<Arc<str>>,
    tail: Box<str>,
}

impl Prefixed {
    /// The text, in one piece.
    pub fn whole(&self) -> String {
        let mut s = String::with_capacity(self.len());
        s.push_str(self.head.as_deref().unwrap_or_default());
        s.push_str(&self.tail);
        s
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.head.as_deref().map_or(0, str::len) + self.tail.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The beginning it shares, if any.
    #[cfg(test)]
    pub(crate) fn head(&self) -> Option<&Arc<str>> {
        self.head.as_ref()
    }

    fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let head = self.head.as_deref().unwrap_or_default();
        head.bytes().chain(self.tail.bytes())
    }
}

impl From<String> for Prefixed {
    fn from(s: String) -> Self {
        Prefixed {
            head: None,
            tail: s.into_boxed_str(),
        }
    }
}

impl From<&str> for Prefixed {
    fn from(s: &str) -> Self {
        Prefixed {
            head: None,
            tail: s.into(),
        }
    }
}

impl PartialEq for Prefixed {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.bytes().eq(other.bytes())
    }
}

impl Eq for Prefixed {}

impl fmt::Display for Prefixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.head.as_deref().unwrap_or_default())?;
        f.write_str(&self.tail)
    }
}

impl fmt::Debug for Prefixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.whole(), f)
    }
}

impl<'de> Deserialize<'de> for Prefixed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Prefixed::from)
    }
}

/// How many beginnings of one field are remembered: a folder's links come in a few families
/// (SharePoint opens a file in its folder, an Office document through the Office viewer).
const FAMILIES: usize = 4;

/// The beginnings the values of one field share, as far as the values seen so far tell, the
/// most recently used first.
#[derive(Debug, Default)]
pub struct Heads {
    heads: Vec<Arc<str>>,
    /// The last few values (links of different families may alternate).
    recent: Vec<String>,
}

impl Heads {
    /// Splits `value` after the beginning it shares with the values seen before, when there is
    /// one long enough, and remembers it. The text is unchanged.
    pub fn share(&mut self, value: &mut Prefixed) {
        // A value read from JSON has no beginning yet: its text is taken, not copied.
        let whole = match value.head {
            None => String::from(std::mem::take(&mut value.tail)),
            Some(_) => value.whole(),
        };
        // The longest beginning known whole, and the longest one a new beginning would have:
        // with a value before, or less of a known one (one pass over each).
        let (mut known, mut fresh) = (None::<(usize, usize)>, 0);
        for (i, h) in self.heads.iter().enumerate() {
            let n = common(h, &whole);
            if n == h.len() && known.is_none_or(|(_, k)| n > k) {
                known = Some((i, n));
            }
            fresh = fresh.max(n);
        }
        let fresh = (self.recent.iter().map(|r| common(r, &whole))).fold(fresh, usize::max);
        let at = known.map_or(0, |(_, n)| n);
        let head = if fresh >= SHORTEST.max(at + SHORTEST) {
            let head: Arc<str> = Arc::from(&whole[..fresh]);
            self.heads.insert(0, head.clone());
            self.heads.truncate(FAMILIES);
            Some(head)
        } else if let Some((i, _)) = known.filter(|(_, n)| *n >= SHORTEST) {
            self.heads[..=i].rotate_right(1);
            Some(self.heads[0].clone())
        } else {
            None
        };
        let at = head.as_deref().map_or(0, str::len);
        *value = Prefixed {
            tail: whole[at..].into(),
            head,
        };
        self.recent.truncate(FAMILIES - 1);
        self.recent.insert(0, whole);
    }
}

/// The length of the beginning `a` and `b` have in common (whole characters).
fn common(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(values: &[&str]) -> Vec<Prefixed> {
        let mut heads = Heads::default();
        values
            .iter()
            .map(|v| {
                let mut p = Prefixed::from(*v);
                heads.share(&mut p);
                p
            })
            .collect()
    }

    #[test]
    fn values_keep_their_text_and_share_their_beginning() {
        let base = "https://contoso-my.sharepoint.com/personal/adele/Documents/Reports/";
        let values = [
            format!("{base}Q1.docx"),
            format!("{base}Q2.docx"),
            format!("{base}Archive/Q3.docx"),
            "https://elsewhere.example/x".to_string(),
            format!("{base}Q4 – é.docx"),
        ];
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let got = shared(&refs);
        for (p, v) in got.iter().zip(&values) {
            assert_eq!(p.whole(), *v);
            assert_eq!(p.to_string(), *v);
            assert_eq!(*p, Prefixed::from(v.as_str()), "equal whatever the split");
            assert_eq!(format!("{p:?}"), format!("{v:?}"));
        }
        // The first value has no one to share with; the next ones keep only their own end.
        assert!(got[0].head.is_none());
        assert_eq!(&*got[1].tail, "2.docx");
        let head = |i: usize| got[i].head.clone().unwrap();
        assert_eq!(&*head(2), base, "what the three have in common");
        assert!(got[3].head.is_none(), "nothing in common");
        // The longest beginning remembered that fits is the one shared.
        assert!(Arc::ptr_eq(&head(1), &head(4)), "the beginning is remembered");
        assert_ne!(got[1], got[2]);
    }

    #[test]
    fn a_beginning_shrinks_to_what_values_share_and_splits_whole_characters() {
        let got = shared(&["abcdefghijklmnopqrstuvwxyz-1", "abcdefghijklmnopqrstuvwxyz-2", "abcdefghijklmnopqXYZ"]);
        assert_eq!(got[1].head.as_deref(), Some("abcdefghijklmnopqrstuvwxyz-"));
        assert_eq!(got[2].head.as_deref(), Some("abcdefghijklmnopq"));
        // Two values that differ inside a character share only the characters before it.
        let got = shared(&["0123456789abcdefé1", "0123456789abcdefè2"]);
        assert_eq!(got[1].head.as_deref(), Some("0123456789abcdef"));
        assert_eq!(got[1].whole(), "0123456789abcdefè2");
        // Short beginnings are not shared.
        let got = shared(&["https://a/1", "https://a/2"]);
        assert!(got[1].head.is_none());
        assert!(Prefixed::default().is_empty());
    }

    #[test]
    fn links_of_a_few_families_each_share_their_own_beginning() {
        let folder = "https://contoso-my.sharepoint.com/personal/adele/Documents/Reports/";
        let viewer = "https://contoso-my.sharepoint.com/personal/adele/_layouts/15/Doc.aspx?sourcedoc=";
        let values: Vec<String> = (0..8)
            .map(|n| match n % 2 {
                0 => format!("{folder}Notes {n}.txt"),
                _ => format!("{viewer}%7B{n}A{n}%7D&file=Report {n}.docx"),
            })
            .collect();
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let got = shared(&refs);
        for (p, v) in got.iter().zip(&values) {
            assert_eq!(p.whole(), *v);
        }
        let head = |i: usize| got[i].head.as_deref().unwrap_or_default();
        let notes = format!("{folder}Notes ");
        assert_eq!((head(4), head(6)), (&*notes, &*notes));
        assert_eq!((head(5), head(7)), (&*format!("{viewer}%7B"), &*format!("{viewer}%7B")));
        assert!(Arc::ptr_eq(got[4].head.as_ref().unwrap(), got[6].head.as_ref().unwrap()));
    }
}
