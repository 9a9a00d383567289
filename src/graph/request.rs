//! Graph request URLs, built from configuration and opaque ids.

use super::GraphError;
use crate::auth::AuthError;
use crate::safe_url::{parse_secure, same_origin, Url};
use crate::util::encode_segment;

/// Microsoft Graph v1.0 in the public cloud.
pub const DEFAULT_GRAPH: &str = "https://graph.microsoft.com/v1.0";

/// The properties a folder listing needs (one request per folder shown).
pub const CHILDREN_SELECT: &str =
    "id,name,size,lastModifiedDateTime,lastModifiedBy,webUrl,file,folder,package,parentReference,remoteItem";

/// Entries per page of a listing.
pub const PAGE_SIZE: u32 = 200;

/// The Graph base URL (`https://graph.microsoft.com/v1.0`, a national cloud, or the emulator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphBase {
    /// Without a trailing slash.
    text: String,
    url: Url,
}

/// A URL on the configured Graph origin: the only kind of URL a bearer token is sent to. Made
/// by [`GraphBase`] from a path, or from a link in a response after checking its origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphUrl(String);

impl GraphUrl {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl GraphBase {
    /// Parses a base URL: `https`, or `http` on a loopback host; no user name or password.
    pub fn parse(url: &str) -> Result<GraphBase, AuthError> {
        let refuse =
            |why: &dyn std::fmt::Display| AuthError::Config(format!("Graph base URL: {why}"));
        let parsed = parse_secure(url).map_err(|p| refuse(&p))?;
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(refuse(&"must not have a query or fragment"));
        }
        Ok(GraphBase {
            text: parsed.as_str().trim_end_matches('/').to_string(),
            url: parsed,
        })
    }

    /// The base URL.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `{base}{path_and_query}`; `path_and_query` starts with `/`.
    pub fn at(&self, path_and_query: &str) -> GraphUrl {
        GraphUrl(format!("{}{path_and_query}", self.text))
    }

    /// A link from a response (`@odata.nextLink`), only when it is on the Graph origin over
    /// https (or loopback http), so that the bearer token never leaves for another host. The URL
    /// sent is the one checked: the link as parsed and serialized (as the browser would send it
    /// anyway), never the raw text, so no difference between two URL parsers can matter.
    pub fn link(&self, link: &str) -> Result<GraphUrl, GraphError> {
        let refused = || GraphError::UntrustedLink;
        let parsed = parse_secure(link).map_err(|_| refused())?;
        if !same_origin(&parsed, &self.url) {
            return Err(refused());
        }
        Ok(GraphUrl(parsed.into()))
    }
}

impl Default for GraphBase {
    fn default() -> Self {
        GraphBase::parse(DEFAULT_GRAPH).expect("the default Graph base parses")
    }
}

/// A folder to list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderRef {
    /// The root of the signed-in user's OneDrive.
    MyFiles,
    /// A folder of the signed-in user's OneDrive, by id (when a listing gave no drive id).
    MyItem {
        /// Item id.
        item_id: String,
    },
    /// A folder in some drive (ids are opaque).
    Item {
        /// Drive id.
        drive_id: String,
        /// Item id.
        item_id: String,
    },
}

/// The first page of a folder's children, with thumbnails.
pub fn children_url(base: &GraphBase, folder: &FolderRef) -> GraphUrl {
    let path = match folder {
        FolderRef::MyFiles => "/me/drive/root/children".to_string(),
        FolderRef::MyItem { item_id } => {
            format!("/me/drive/items/{}/children", encode_segment(item_id))
        }
        FolderRef::Item { drive_id, item_id } => format!(
            "/drives/{}/items/{}/children",
            encode_segment(drive_id),
            encode_segment(item_id)
        ),
    };
    base.at(&format!(
        "{path}?$select={CHILDREN_SELECT}&$expand=thumbnails($select=small)&$top={PAGE_SIZE}"
    ))
}

/// `/me` with the fields the header shows.
pub fn me_url(base: &GraphBase) -> GraphUrl {
    base.at("/me?$select=displayName,userPrincipalName,id")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_urls_encode_opaque_ids() {
        let base = GraphBase::parse("http://127.0.0.1:8787/v1.0/").unwrap();
        assert_eq!(
            children_url(&base, &FolderRef::MyFiles).as_str(),
            format!("http://127.0.0.1:8787/v1.0/me/drive/root/children?$select={CHILDREN_SELECT}&$expand=thumbnails($select=small)&$top=200")
        );
        let item = FolderRef::Item {
            drive_id: "b!a/b+c".into(),
            item_id: "3AE1D764B70B25B3!108".into(),
        };
        assert!(children_url(&GraphBase::default(), &item)
            .as_str()
            .starts_with("https://graph.microsoft.com/v1.0/drives/b!a%2Fb+c/items/3AE1D764B70B25B3!108/children?"));
        assert!(GraphBase::parse("http://graph.example/v1.0").is_err());
        assert!(GraphBase::parse("https://graph.microsoft.us/v1.0").is_ok());
        assert!(GraphBase::parse("http://[::1]:8787/v1.0").is_ok());
        for bad in [
            "http://localhost:1@evil.example/v1.0",
            "https://graph.microsoft.com@evil.example/v1.0",
            "https://graph.microsoft.com/v1.0?x=1",
        ] {
            assert!(GraphBase::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links_from_responses_stay_on_the_graph_origin() {
        let base = GraphBase::default();
        let next = "https://graph.microsoft.com/v1.0/me/drive/root/children?$skiptoken=opaque%20x";
        assert_eq!(base.link(next).unwrap().as_str(), next);
        for bad in [
            "https://evil.example/v1.0/me/drive/root/children",
            "http://graph.microsoft.com/v1.0/me/drive/root/children",
            "https://graph.microsoft.com.evil.example/v1.0/x",
            "https://graph.microsoft.com@evil.example/v1.0/x",
            "https://graph.microsoft.com:444/v1.0/x",
            "javascript:alert(1)",
            "/v1.0/relative",
        ] {
            assert_eq!(base.link(bad), Err(GraphError::UntrustedLink), "{bad}");
        }
        // What is sent is what was checked (found by fuzzing: a host in other case).
        assert_eq!(
            base.link("https://grAph.microsoft.com/v1.0/me?$skiptoken=a b")
                .unwrap()
                .as_str(),
            "https://graph.microsoft.com/v1.0/me?$skiptoken=a%20b"
        );
        let emu = GraphBase::parse("http://127.0.0.1:8787/v1.0").unwrap();
        assert!(emu
            .link("http://127.0.0.1:8787/v1.0/x?$skiptoken=1")
            .is_ok());
        assert!(emu.link("http://127.0.0.1:9999/v1.0/x").is_err());
    }
}
