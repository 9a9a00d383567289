//! What a pick hands over besides the items: short-lived download URLs and sharing links, each
//! asked of Graph per item. A download URL that cannot be had is left out; a sharing link the
//! tenant refuses fails the pick (the page asked for links), and the selection is kept.

use crate::picker::model::result::PickedItem;
use crate::auth::{TokenSource, Tokens};
use crate::graph::client::Graph;
use crate::graph::request::download_url_request;
use crate::graph::write::{create_link, write_scopes, LinkRequest, WRITE_SCOPES};
use crate::graph::{DriveItem, FolderRef, GraphError};
use crate::http::Transport;
use crate::safe_url::openable;

/// The scope to consent to before a pick can make its sharing links, if one is missing (the
/// picked items may be anywhere: the organization-wide one is asked for).
pub fn link_consent(tokens: &Tokens, link: Option<LinkRequest>) -> Option<Vec<String>> {
    // Any write scope makes links (as in the user's own drive); the one asked for reaches all.
    let (any, _) = write_scopes(&FolderRef::MyFiles);
    (link.is_some() && !tokens.granted_any(any)).then(|| vec![WRITE_SCOPES[0].into()])
}

/// The items as handed over: a thumbnail URL works without a token (on SharePoint it carries one
/// for the file), so it stays only when the page asked for it (`keep`).
pub fn keep_thumbnails(mut items: Vec<PickedItem>, keep: bool) -> Vec<PickedItem> {
    if !keep {
        items.iter_mut().for_each(|i| i.thumbnail_url = None);
    }
    items
}

/// Adds download URLs (with `downloads`) and sharing links (with `link`) to `items`.
pub async fn complete<S: TokenSource, X: Transport>(
    items: &mut [PickedItem],
    graph: &Graph<S, X>,
    downloads: bool,
    link: Option<LinkRequest>,
) -> Result<(), GraphError> {
    if downloads {
        for item in items.iter_mut().filter(|i| !i.is_folder) {
            let Some(drive) = item.drive_id.clone() else {
                continue;
            };
            let url = download_url_request(graph.base(), &drive, &item.id);
            if let Ok(d) = graph.get_json::<DriveItem>(&url).await {
                item.download_url = d.download_url.as_deref().and_then(openable);
            }
        }
    }
    if let Some(link) = link {
        for item in items.iter_mut() {
            let mut made = create_link(graph, item.drive_id.as_deref(), &item.id, link).await?;
            // Only a link the browser may open is handed over.
            made.web_url = made.web_url.as_deref().and_then(openable);
            item.sharing_link = Some(made);
        }
    }
    Ok(())
}
