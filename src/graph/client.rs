//! Sending Graph requests: bearer tokens, one silent refresh after a 401, and bounded retries
//! of throttling and outages (Retry-After when readable, exponential back-off otherwise).
//! [`Graph`] carries the base, the tokens and the transport as one value; it is generic over
//! the transport and the token source, so the policy is tested natively.

use serde::de::DeserializeOwned;

use super::error::GraphError;
use super::retry::{backoff_ms, MAX_ATTEMPTS};
use super::request::{GraphBase, GraphUrl};
use crate::auth::secret::AccessToken;
use crate::auth::{AuthError, TokenSource};
use crate::http::{Body, HttpRequest, HttpResponse, Transport};

/// A GET with a bearer token; only to a [`GraphUrl`], so the token stays on the Graph origin.
pub fn get_request(url: &GraphUrl, token: &AccessToken) -> HttpRequest {
    HttpRequest {
        method: "GET",
        url: url.as_str().to_string(),
        headers: vec![
            ("authorization".into(), format!("Bearer {}", token.secret())),
            ("accept".into(), "application/json".into()),
        ],
        body: None,
    }
}

/// A request that makes the browser ask for `url`'s CORS preflight as a GET of it with a token
/// would: the same method and headers, a placeholder for the token (it is aborted before the
/// preflight's answer could let it go: see [`crate::browser::warm_preflight`]).
pub fn preflight_request(url: &GraphUrl) -> HttpRequest {
    get_request(url, &AccessToken::new("-".into()))
}

/// Parses a JSON answer.
pub fn parse<T: DeserializeOwned>(body: &str) -> Result<T, GraphError> {
    serde_json::from_str(body).map_err(|e| GraphError::InvalidResponse(e.to_string()))
}

/// A Graph client: where Graph is ([`GraphBase`]), the tokens for it and the transport that
/// carries its requests, as one value. Cheap to clone when its parts are (the widget's are
/// reference-counted); natively testable with a recorded transport. Every request gets a bearer
/// token (only on the Graph origin the tokens are bound to), one silent refresh after a 401,
/// and the bounded retries of throttling and outages.
#[derive(Clone)]
pub struct Graph<S, X> {
    base: GraphBase,
    tokens: S,
    transport: X,
}

impl<S: TokenSource, X: Transport> Graph<S, X> {
    /// The client for Graph at `base`, with `tokens`, over `transport`.
    pub fn new(base: GraphBase, tokens: S, transport: X) -> Self {
        Graph {
            base,
            tokens,
            transport,
        }
    }

    /// Where Graph is.
    pub fn base(&self) -> &GraphBase {
        &self.base
    }

    /// The token source.
    pub fn tokens(&self) -> &S {
        &self.tokens
    }

    /// The transport.
    pub fn transport(&self) -> &X {
        &self.transport
    }

    /// The same client over another transport (one the caller can abort, say).
    pub fn over<Y: Transport>(&self, transport: Y) -> Graph<S, Y>
    where
        S: Clone,
    {
        Graph::new(self.base.clone(), self.tokens.clone(), transport)
    }

    /// The request that warms `url`'s CORS preflight ([`preflight_request`]) for a GET to come,
    /// when there is something to gain: none for a Graph on this machine (an emulator), where a
    /// round trip costs nothing and the preflight could be answered before the abort, nor for a
    /// URL the session's tokens may not go to.
    pub fn preflight_for(&self, url: &GraphUrl) -> Option<HttpRequest> {
        let elsewhere = self.tokens.bound_origin().is_some_and(|o| !url.is_on(o));
        (!self.base.on_loopback() && !elsewhere).then(|| preflight_request(url))
    }

    /// GETs `url` and parses the JSON answer.
    pub async fn get_json<T: DeserializeOwned>(&self, url: &GraphUrl) -> Result<T, GraphError> {
        parse(&self.get_body(url).await?)
    }

    /// GETs `url` and returns the body of a success (one retry loop, whatever the body's type).
    pub async fn get_body(&self, url: &GraphUrl) -> Result<String, GraphError> {
        Ok(self.send("GET", url, None).await?.body)
    }

    /// POSTs a JSON `body` to `url` and parses the JSON answer (the same retry policy).
    pub async fn post_json<T: DeserializeOwned>(
        &self,
        url: &GraphUrl,
        body: &str,
    ) -> Result<T, GraphError> {
        let body = ("application/json", Body::from(body));
        parse(&self.send("POST", url, Some(body)).await?.body)
    }

    /// Sends `method` to `url` with a bearer token and an optional `(content type, body)`, and
    /// returns a success (any 2xx): one silent refresh after a 401, and the throttling and
    /// outage retries.
    pub async fn send(
        &self,
        method: &'static str,
        url: &GraphUrl,
        body: Option<(&str, Body)>,
    ) -> Result<HttpResponse, GraphError> {
        self.send_with(method, url, body, &[]).await
    }

    /// [`Graph::send`] with `headers` besides the token's and the body's (`Prefer`).
    pub async fn send_with(
        &self,
        method: &'static str,
        url: &GraphUrl,
        body: Option<(&str, Body)>,
        headers: &[(&str, &str)],
    ) -> Result<HttpResponse, GraphError> {
        let tokens = &self.tokens;
        if tokens.bound_origin().is_some_and(|o| !url.is_on(o)) {
            // The session was made for another Graph: its token never goes here.
            return Err(GraphError::Auth(AuthError::Config(
                "the session was made for another Graph origin".into(),
            )));
        }
        let mut token = tokens.token(false).await.map_err(GraphError::Auth)?;
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let error = match self
                .transport
                .send(request(method, url, &token, &body, headers))
                .await
            {
                Ok(r) if (200..300).contains(&r.status) => return Ok(r),
                Ok(r) => GraphError::from_response(&r),
                Err(reason) => GraphError::from_send(reason),
            };
            if error == GraphError::Aborted {
                return Err(error);
            }
            if error.status() == Some(401) && !refreshed {
                refreshed = true;
                token = tokens.token(true).await.map_err(GraphError::Auth)?;
                continue;
            }
            if error.is_transient() && attempt < MAX_ATTEMPTS {
                let wait = backoff_ms(attempt, &error, self.transport.spread());
                self.transport.sleep(wait).await;
                continue;
            }
            return Err(error);
        }
    }
}

/// One attempt's request: `method` to `url` with `token`, the optional body and `headers`.
fn request(
    method: &'static str,
    url: &GraphUrl,
    token: &AccessToken,
    body: &Option<(&str, Body)>,
    headers: &[(&str, &str)],
) -> HttpRequest {
    let mut request = get_request(url, token);
    request.method = method;
    let extra = headers.iter().map(|(k, v)| (k.to_string(), v.to_string()));
    request.headers.extend(extra);
    if let Some((content_type, body)) = body {
        request
            .headers
            .push(("content-type".into(), content_type.to_string()));
        request.body = Some(body.clone());
    }
    request
}

#[cfg(test)]
mod tests {
    use crate::graph::retry::MAX_WAIT_SECS;
    use std::cell::RefCell;

    use super::*;
    use crate::auth::AuthError;
    use crate::auth::ErrorAction;
    use crate::graph::model::{DriveItem, Page};
    use crate::http::testing::{block_on, response, Fake};
    use crate::http::HttpResponse;

    struct Tokens(RefCell<Vec<bool>>);

    impl TokenSource for Tokens {
        async fn token(&self, refresh: bool) -> Result<AccessToken, AuthError> {
            self.0.borrow_mut().push(refresh);
            Ok(AccessToken::new(
                if refresh { "fresh" } else { "cached" }.into(),
            ))
        }
    }

    fn ok(body: &str) -> Result<HttpResponse, String> {
        Ok(response(200, &[], body))
    }

    fn status(code: u16, headers: &[(&str, &str)]) -> Result<HttpResponse, String> {
        Ok(response(
            code,
            headers,
            r#"{"error":{"code":"x","message":"y"}}"#,
        ))
    }

    /// The client over `fake` with `tokens`, for Graph at the default base.
    fn graph<'a, S: TokenSource>(fake: &'a Fake, tokens: &'a S) -> Graph<&'a S, &'a Fake> {
        Graph::new(GraphBase::default(), tokens, fake)
    }

    fn u() -> GraphUrl {
        GraphBase::default().at("/me")
    }

    const PAGE: &str = r#"{"value":[{"id":"1","name":"a.docx","file":{}}]}"#;

    #[test]
    fn sends_the_exact_request() {
        let fake = Fake::new(vec![ok(PAGE)]);
        let tokens = Tokens(RefCell::new(vec![]));
        let base = GraphBase::parse("https://g/v1.0").unwrap();
        let url = base.at("/me/drive/root/children");
        let page: Page<DriveItem> = block_on(graph(&fake, &tokens).get_json(&url)).unwrap();
        assert_eq!(page.value[0].name, "a.docx");
        let sent = fake.sent.borrow();
        assert_eq!(sent[0].method, "GET");
        assert_eq!(sent[0].url, "https://g/v1.0/me/drive/root/children");
        assert_eq!(
            sent[0].headers[0],
            ("authorization".to_string(), "Bearer cached".to_string())
        );
    }

    /// Tokens bound to the public cloud's Graph.
    struct Bound;

    impl TokenSource for Bound {
        async fn token(&self, _refresh: bool) -> Result<AccessToken, AuthError> {
            Ok(AccessToken::new("bound".into()))
        }

        fn bound_origin(&self) -> Option<&str> {
            Some("https://graph.microsoft.com")
        }
    }

    #[test]
    fn a_preflight_is_warmed_with_the_real_requests_headers_and_no_token() {
        let url = GraphBase::default().at("/me/drive/root/children?$top=2");
        let fake = Fake::new(vec![]);
        let tokens = Tokens(RefCell::new(vec![]));
        let warm = graph(&fake, &tokens).preflight_for(&url).expect("Graph in the cloud");
        let real = get_request(&url, &AccessToken::new("t0k3n".into()));
        assert_eq!((warm.method, &warm.url, warm.body.is_none()), (real.method, &real.url, true));
        let names = |r: &HttpRequest| r.headers.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        assert_eq!(names(&warm), names(&real), "the same preflight");
        assert_eq!(warm.headers[0].1, "Bearer -", "no token");
        assert!(fake.sent.borrow().is_empty(), "a plain value: nothing sent");
        // Graph on this machine: nothing to gain.
        let local = Graph::new(GraphBase::parse("http://127.0.0.1:8787/v1.0").unwrap(), &tokens, &fake);
        assert!(local.preflight_for(&local.base().at("/me")).is_none());
    }

    #[test]
    fn a_bound_token_goes_to_its_own_graph_only() {
        let fake = Fake::new(vec![ok(PAGE)]);
        let elsewhere = GraphBase::parse("https://graph.microsoft.com.evil.example/v1.0").unwrap();
        let refused = block_on(graph(&fake, &Bound).get_body(&elsewhere.at("/me")));
        assert!(matches!(
            refused,
            Err(GraphError::Auth(AuthError::Config(_)))
        ));
        let port = GraphBase::parse("https://graph.microsoft.com:444/v1.0").unwrap();
        assert!(block_on(graph(&fake, &Bound).get_body(&port.at("/me"))).is_err());
        assert!(fake.sent.borrow().is_empty(), "nothing was sent");
        assert!(block_on(graph(&fake, &Bound).get_body(&u())).is_ok());
        assert_eq!(fake.sent.borrow().len(), 1);
    }

    #[test]
    fn posts_json_exactly() {
        let fake = Fake::new(vec![ok(r#"{"getUrl":"https://p/x","postUrl":null}"#)]);
        let tokens = Tokens(RefCell::new(vec![]));
        let url = GraphBase::parse("https://g/v1.0")
            .unwrap()
            .at("/drives/d/items/i/preview");
        let info: crate::graph::model::PreviewInfo =
            block_on(graph(&fake, &tokens).post_json(&url, "{}")).unwrap();
        assert_eq!(info.get_url.as_deref(), Some("https://p/x"));
        let sent = fake.sent.borrow();
        assert_eq!(sent[0].method, "POST");
        assert_eq!(
            sent[0].headers,
            [
                ("authorization".to_string(), "Bearer cached".to_string()),
                ("accept".to_string(), "application/json".to_string()),
                ("content-type".to_string(), "application/json".to_string()),
            ]
        );
        assert_eq!(sent[0].body.as_ref().and_then(|b| b.text()), Some("{}"));
    }

    #[test]
    fn refreshes_once_after_401() {
        let fake = Fake::new(vec![status(401, &[]), ok(PAGE)]);
        let tokens = Tokens(RefCell::new(vec![]));
        let _: Page<DriveItem> = block_on(graph(&fake, &tokens).get_json(&u())).unwrap();
        assert_eq!(*tokens.0.borrow(), vec![false, true]);
        assert_eq!(fake.sent.borrow()[1].headers[0].1, "Bearer fresh");

        let twice = Fake::new(vec![status(401, &[]), status(401, &[])]);
        let tokens = Tokens(RefCell::new(vec![]));
        let e = block_on(graph(&twice, &tokens).get_json::<Page<DriveItem>>(&u())).unwrap_err();
        assert_eq!(e.status(), Some(401), "at most one refresh per failure");
    }

    #[test]
    fn honours_retry_after_then_backs_off_and_gives_up() {
        let fake = Fake::new(vec![
            status(429, &[("Retry-After", "7")]),
            status(503, &[]),
            Err("dropped".into()),
            status(503, &[]),
        ]);
        let tokens = Tokens(RefCell::new(vec![]));
        let e = block_on(graph(&fake, &tokens).get_json::<Page<DriveItem>>(&u())).unwrap_err();
        // Retry-After; then 2 s for a second outage; then 2 s for a drop at the third attempt.
        assert_eq!(*fake.slept.borrow(), vec![7000, 2000, 2000]);
        assert_eq!(fake.sent.borrow().len(), MAX_ATTEMPTS as usize);
        assert!(e.is_transient());
        let huge = Fake::new(vec![status(429, &[("retry-after", "315")]), ok(PAGE)]);
        let _: Page<DriveItem> =
            block_on(graph(&huge, &Tokens(RefCell::new(vec![]))).get_json(&u())).unwrap();
        assert_eq!(*huge.slept.borrow(), vec![MAX_WAIT_SECS * 1000]);
    }

    #[test]
    fn dropped_connections_are_retried_quickly() {
        let fake = Fake::new(vec![
            Err("dropped".into()),
            Err("dropped".into()),
            Err("dropped".into()),
            Err("dropped".into()),
        ]);
        let e =
            block_on(graph(&fake, &Tokens(RefCell::new(vec![]))).get_json::<Page<DriveItem>>(&u()))
                .unwrap_err();
        assert_eq!(*fake.slept.borrow(), vec![500, 1000, 2000]);
        assert!(matches!(e, GraphError::Network(_)));
        assert_eq!(e.action(), ErrorAction::Retry);
    }

    #[test]
    fn client_errors_and_garbage_are_not_retried() {
        let fake = Fake::new(vec![status(404, &[])]);
        let e =
            block_on(graph(&fake, &Tokens(RefCell::new(vec![]))).get_json::<Page<DriveItem>>(&u()))
                .unwrap_err();
        assert_eq!(e.status(), Some(404));
        let garbage = Fake::new(vec![ok("{not json")]);
        let e = block_on(
            graph(&garbage, &Tokens(RefCell::new(vec![]))).get_json::<Page<DriveItem>>(&u()),
        )
        .unwrap_err();
        assert!(matches!(e, GraphError::InvalidResponse(_)));
        assert_eq!(garbage.sent.borrow().len(), 1);
        // Not retried by itself, but the user may try again (a proxy's glitch passes).
        assert_eq!(e.action(), ErrorAction::Retry);
        let aborted = Fake::new(vec![Err("aborted".into())]);
        let e = block_on(
            graph(&aborted, &Tokens(RefCell::new(vec![]))).get_json::<Page<DriveItem>>(&u()),
        )
        .unwrap_err();
        assert_eq!(e, GraphError::Aborted);
    }
}
