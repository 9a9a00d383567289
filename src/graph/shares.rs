//! An item by its link: a OneDrive or SharePoint sharing link (or any URL of a file or folder)
//! pasted by the user, resolved through `/shares/{u!…}/driveItem`, the encoding Graph documents
//! (`u!` and the URL's unpadded base64url). The link is redeemed (`Prefer: redeemSharingLink`),
//! so a folder it shares can be opened afterwards.

use super::client::Graph;
use super::request::{GraphBase, GraphUrl, ITEM_SELECT, THUMBNAILS};
use super::{DriveItem, GraphError};
use crate::auth::{TokenSource, Tokens};
use crate::http::Transport;
use crate::util::b64url;

/// The scopes Microsoft lists for `/shares` (any one of them).
pub const SHARE_SCOPES: [&str; 3] = ["Files.ReadWrite", "Files.ReadWrite.All", "Sites.ReadWrite.All"];

/// Whether `text` is a link to resolve rather than words to search for: one `https` URL (`http`
/// too: a tenant's own host may be), nothing else.
pub fn is_link(text: &str) -> bool {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !text.chars().any(char::is_whitespace)
}

/// A sharing URL as Graph takes it in a path: `u!` and the unpadded base64url of its bytes.
pub fn share_id(url: &str) -> String {
    format!("u!{}", b64url(url.trim()))
}

/// `GET` here: the item `link` shares, with a listing's fields.
pub fn shared_item_url(base: &GraphBase, link: &str) -> GraphUrl {
    base.at(&format!(
        "/shares/{}/driveItem?$select={ITEM_SELECT}&$expand={THUMBNAILS}",
        share_id(link)
    ))
}

/// The scope to consent to before a link can be resolved, when none that allows it was granted.
pub fn share_consent(tokens: &Tokens) -> Option<Vec<String>> {
    (!tokens.granted_any(&SHARE_SCOPES)).then(|| vec![SHARE_SCOPES[0].to_string()])
}

/// The item `link` shares, the link redeemed (the caller keeps access to it).
pub async fn resolve_link<S: TokenSource, X: Transport>(
    graph: &Graph<S, X>,
    link: &str,
) -> Result<DriveItem, GraphError> {
    let url = shared_item_url(graph.base(), link);
    let prefer = [("prefer", "redeemSharingLink")];
    let answer = graph.send_with("GET", &url, None, &prefer).await?;
    super::client::parse(&answer.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_told_from_words() {
        for link in [
            "https://contoso.sharepoint.com/:w:/g/personal/x/EaBc?e=1",
            "  https://1drv.ms/f/s!AmXr  ",
            "http://localhost:8080/_share/abc",
        ] {
            assert!(is_link(link), "{link}");
        }
        for words in ["report", "https://", "https:///x", "see https://x.y", "ftp://x", "javascript:alert(1)"] {
            assert!(!is_link(words), "{words}");
        }
    }

    #[test]
    fn a_link_is_encoded_as_graph_documents() {
        // Microsoft's example: https://learn.microsoft.com/graph/api/shares-get
        let url = "https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1";
        assert_eq!(
            share_id(url),
            "u!aHR0cHM6Ly9vbmVkcml2ZS5saXZlLmNvbS9yZWRpcj9yZXNpZD0xMjMxMjQ0MTkzOTEyITEyJmF1dGhLZXk9MTIwMTkxOSExMjkyMSEx"
        );
        // `+` and `/` become `-` and `_`; no padding.
        assert_eq!(share_id("https://x/?>>?"), "u!aHR0cHM6Ly94Lz8-Pj8");
        let base = GraphBase::parse("https://graph.microsoft.com/v1.0").unwrap();
        assert_eq!(
            shared_item_url(&base, "https://x/?>>?").as_str(),
            format!("https://graph.microsoft.com/v1.0/shares/u!aHR0cHM6Ly94Lz8-Pj8/driveItem?$select={ITEM_SELECT}&$expand={THUMBNAILS}")
        );
    }

    #[test]
    fn resolving_sends_one_get_that_redeems_the_link() {
        use crate::auth::secret::AccessToken;
        use crate::auth::AuthError;
        use crate::http::testing::{block_on, response, Fake};
        struct Tokens;
        impl TokenSource for Tokens {
            async fn token(&self, _refresh: bool) -> Result<AccessToken, AuthError> {
                Ok(AccessToken::new("t".into()))
            }
        }
        let fake = Fake::new(vec![
            Ok(response(404, &[], r#"{"error":{"code":"itemNotFound","message":"gone"}}"#)),
            Ok(response(200, &[], r#"{"id":"F1","name":"Drafts","folder":{"childCount":1},"parentReference":{"driveId":"b!m"}}"#)),
        ]);
        let base = GraphBase::parse("https://g/v1.0").unwrap();
        let graph = Graph::new(base, Tokens, &fake);
        let gone = block_on(resolve_link(&graph, "https://x/a")).unwrap_err();
        assert!(matches!(&gone, GraphError::Service { status: 404, code, .. } if code == "itemNotFound"));
        let item = block_on(resolve_link(&graph, "https://x/a")).unwrap();
        assert!(item.is_folder());
        let sent = fake.sent.borrow();
        assert_eq!(sent.len(), 2, "a 404 is not retried");
        assert_eq!(sent[1].method, "GET");
        assert_eq!(sent[1].url, shared_item_url(graph.base(), "https://x/a").as_str());
        let headers: Vec<(&str, &str)> = sent[1]
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            headers,
            [("authorization", "Bearer t"), ("accept", "application/json"), ("prefer", "redeemSharingLink")]
        );
        assert!(sent[1].body.is_none());
    }
}
