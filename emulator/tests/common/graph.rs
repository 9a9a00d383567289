//! Graph requests with a token, and the emulator's control endpoints.

use reqwest::Response;
use serde_json::Value;

use super::{graph_error, json_checked, Client};

impl Client {
    pub fn graph(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}/v1.0{path}", self.base)
        }
    }

    /// The body of a plain GET of the absolute `url` (a page, a redirect's target), as text.
    pub async fn text(&self, url: impl reqwest::IntoUrl) -> String {
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// A GET of `path` on the emulator (a page or a pre-authenticated URL) without a token.
    pub async fn get_plain(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.http
            .get(self.graph(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn get_ok(&self, token: &str, path: &str, schema: &str) -> Value {
        let r = self.get(token, path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        json_checked(r, schema).await
    }

    /// A simple upload (or any PUT) with a bearer token.
    pub async fn put(&self, token: &str, path: &str, body: impl Into<reqwest::Body>) -> Response {
        self.http
            .put(self.graph(path))
            .bearer_auth(token)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// A call to the emulator's control API (`/_emulator/...`).
    pub async fn control(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut req = self
            .http
            .request(method, format!("{}/_emulator/{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json");
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.unwrap()
    }

    /// GETs `path` and asserts a Graph error (see [`graph_error`]).
    pub async fn get_err(&self, token: &str, path: &str, status: u16, code: &str) -> Value {
        graph_error(self.get(token, path).await, status, code).await
    }

    pub async fn post_json(&self, token: &str, path: &str, body: Value) -> Response {
        self.http
            .post(self.graph(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

/// Decodes a JWT's payload (tests only: the widget never parses access tokens).
pub fn jwt_claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&emulator::util::b64url_decode(payload).unwrap()).unwrap()
}
