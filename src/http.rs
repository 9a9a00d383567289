//! HTTP as a boundary: requests are built as plain values and sent by one client (fetch in the
//! browser), so tests can check exact requests and feed exact responses.

/// An HTTP request to send.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST`…
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Header pairs.
    pub headers: Vec<(String, String)>,
    /// Body (form or JSON text).
    pub body: Option<String>,
}

impl std::fmt::Debug for HttpRequest {
    // Bodies carry codes, verifiers and refresh tokens, and headers carry bearer tokens: never shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// An HTTP response received.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Header pairs (names lower-case).
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
}

impl std::fmt::Debug for HttpResponse {
    // Token responses carry access, refresh and id tokens in the body: never shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl HttpResponse {
    /// A header value by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_bodies_and_header_values() {
        let r = HttpRequest {
            method: "POST",
            url: "https://login.example/token".into(),
            headers: vec![("authorization".into(), "Bearer secret-token".into())],
            body: Some("code=secret-code".into()),
        };
        let shown = format!("{r:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("authorization"));
        let response = HttpResponse {
            status: 200,
            headers: vec![("set-cookie".into(), "session=secret-cookie".into())],
            body: r#"{"access_token":"secret-at","refresh_token":"secret-rt"}"#.into(),
        };
        let shown = format!("{response:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(
            shown.contains("200") && shown.contains("set-cookie"),
            "{shown}"
        );
    }
}
