//! Values the items of a page repeat — their parent, who changed them, their MIME type — kept
//! once: the 200 items of a folder's page share one parent reference instead of holding 200
//! copies of it (a 10,000-item folder's rows are a quarter smaller for it). Their links share
//! their beginning ([`super::prefixed`]).

use std::sync::Arc;

use super::model::{DriveItem, IdentitySet, ItemReference};
use super::prefixed::Heads;

/// How many distinct values of each kind are remembered (an answer with more distinct values
/// is still right, only less shared).
const REMEMBERED: usize = 16;

/// The values seen so far, most recently seen first.
#[derive(Debug, Default)]
pub struct Interner {
    parents: Vec<Arc<ItemReference>>,
    editors: Vec<Arc<IdentitySet>>,
    types: Vec<Arc<str>>,
    /// The beginnings of the items' `webUrl`s, and of their small and medium thumbnails'.
    links: [Heads; 3],
}

impl Interner {
    /// Points `item`'s repeated values at the copies seen before (and remembers new ones).
    pub fn share(&mut self, item: &mut DriveItem) {
        if let Some(parent) = &mut item.parent_reference {
            once(&mut self.parents, parent);
        }
        if let Some(editor) = &mut item.last_modified_by {
            once(&mut self.editors, editor);
        }
        if let Some(mime) = item.file.as_mut().and_then(|f| f.mime_type.as_mut()) {
            once(&mut self.types, mime);
        }
        let [web, small, medium] = &mut self.links;
        let remote = item.remote_item.as_mut().and_then(|r| r.web_url.as_mut());
        item.web_url.iter_mut().chain(remote).for_each(|u| web.share(u));
        for set in item.thumbnails.iter_mut().flat_map(|t| t.iter_mut()) {
            for (t, heads) in [(&mut set.small, &mut *small), (&mut set.medium, &mut *medium)] {
                if let Some(u) = t.as_mut().and_then(|t| t.url.as_mut()) {
                    heads.share(u);
                }
            }
        }
    }
}

/// Replaces `value` with the equal one in `known`, or remembers it.
fn once<T: PartialEq + ?Sized>(known: &mut Vec<Arc<T>>, value: &mut Arc<T>) {
    match known.iter().position(|k| **k == **value) {
        Some(at) => {
            known[..=at].rotate_right(1);
            *value = known[0].clone();
        }
        None => {
            known.insert(0, value.clone());
            known.truncate(REMEMBERED);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Page;

    #[test]
    fn the_items_of_a_page_share_what_they_repeat() {
        let item = |id: &str, parent: &str, by: &str, mime: &str| {
            format!(
                r#"{{"id":"{id}","name":"{id}","parentReference":{{"driveId":"d","id":"{parent}"}},
                "lastModifiedBy":{{"user":{{"displayName":"{by}"}}}},"file":{{"mimeType":"{mime}"}},
                "webUrl":"https://contoso-my.sharepoint.com/personal/adele/Documents/{id}.txt",
                "thumbnails":[{{"small":{{"url":"https://thumbs.example/t?drive=d&item={id}&s=96"}},
                "medium":{{"url":"https://thumbs.example/t?drive=d&item={id}&s=176"}}}}]}}"#
            )
        };
        let json = format!(
            r#"{{"value":[{},{},{}]}}"#,
            item("a", "p", "Adele", "text/plain"),
            item("b", "p", "Pat", "text/plain"),
            item("c", "q", "Adele", "image/png")
        );
        let mut items = serde_json::from_str::<Page<DriveItem>>(&json).unwrap().value;
        let copies = items.clone();
        let mut interner = Interner::default();
        items.iter_mut().for_each(|i| interner.share(i));
        // What the items say is unchanged; equal values are one value.
        assert_eq!(items, copies);
        let parent = |i: usize| items[i].parent_reference.clone().unwrap();
        let editor = |i: usize| items[i].last_modified_by.clone().unwrap();
        let mime = |i: usize| items[i].file.clone().unwrap().mime_type.unwrap();
        assert!(Arc::ptr_eq(&parent(0), &parent(1)) && !Arc::ptr_eq(&parent(0), &parent(2)));
        assert!(Arc::ptr_eq(&editor(0), &editor(2)) && !Arc::ptr_eq(&editor(0), &editor(1)));
        assert!(Arc::ptr_eq(&mime(0), &mime(1)) && !Arc::ptr_eq(&mime(0), &mime(2)));
        // The links keep only their own end after the first item's.
        let web = |i: usize| items[i].web_url.clone().unwrap().head().cloned();
        assert!(web(0).is_none() && Arc::ptr_eq(&web(1).unwrap(), &web(2).unwrap()));
        let thumbs = |i: usize| items[i].thumbnails.clone().unwrap()[0].clone();
        let small = thumbs(2).small.unwrap().url.unwrap();
        assert_eq!(small.head().map(|h| &**h), Some("https://thumbs.example/t?drive=d&item="));
        assert_eq!(small.to_string(), "https://thumbs.example/t?drive=d&item=c&s=96");
        assert!(thumbs(1).medium.unwrap().url.unwrap().head().is_some());
    }

    #[test]
    fn only_a_few_distinct_values_are_remembered() {
        let mut known: Vec<Arc<str>> = Vec::new();
        for n in 0..100 {
            let mut value: Arc<str> = Arc::from(n.to_string());
            once(&mut known, &mut value);
        }
        assert_eq!(known.len(), REMEMBERED);
        assert_eq!(&*known[0], "99", "the most recent first");
        // A value seen again comes first, and is the copy kept.
        let mut again: Arc<str> = Arc::from("90");
        once(&mut known, &mut again);
        assert!(Arc::ptr_eq(&again, &known[0]));
    }
}
