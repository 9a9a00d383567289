//! HTTP as a boundary: requests are built as plain values and sent by one client (fetch in the
//! browser, through gloo-net), so tests can check exact requests and feed exact responses.
//! The oauth2 crate's requests (`http::Request<Vec<u8>>`) cross into the same values here.

use std::future::Future;

use oauth2::http;

/// Sends requests: the one HTTP client (gloo-net's fetch in the browser, fakes in tests).
pub trait Transport {
    /// Sends one request. `Err` is a network failure (or an abort), with a short reason.
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, String>>;
    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u32) -> impl Future<Output = ()>;
    /// A number from 0 to 1 that spreads retries: each client waits its own part of a back-off,
    /// so that clients failed together do not come back together. 1 (the whole back-off) unless
    /// the transport has randomness.
    fn spread(&self) -> f64 {
        1.0
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, String>> {
        (**self).send(request)
    }

    fn sleep(&self, ms: u32) -> impl Future<Output = ()> {
        (**self).sleep(ms)
    }

    fn spread(&self) -> f64 {
        (**self).spread()
    }
}

impl<T: Transport + ?Sized> Transport for std::rc::Rc<T> {
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, String>> {
        (**self).send(request)
    }

    fn sleep(&self, ms: u32) -> impl Future<Output = ()> {
        (**self).sleep(ms)
    }

    fn spread(&self) -> f64 {
        (**self).spread()
    }
}

/// A request that did not get an answer (network failure or abort), as the oauth2 crate's
/// HTTP client reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError(pub String);

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SendError {}

/// Sends an oauth2 request through `transport`: the oauth2 crate's async HTTP client.
pub async fn send_oauth(
    transport: &impl Transport,
    request: http::Request<Vec<u8>>,
) -> Result<http::Response<Vec<u8>>, SendError> {
    let request = HttpRequest::from_http(request)?;
    let response = transport.send(request).await.map_err(SendError)?;
    response.into_http()
}

/// An HTTP request to send.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST`…
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Header pairs.
    pub headers: Vec<(String, String)>,
    /// Body: form or JSON text, or bytes (a fragment of a file being uploaded).
    pub body: Option<Body>,
}

/// A request body.
#[derive(Clone, PartialEq, Eq)]
pub enum Body {
    /// Text (a form or JSON).
    Text(String),
    /// Bytes (file content).
    Bytes(Vec<u8>),
}

impl std::fmt::Debug for Body {
    // Bodies carry codes, verifiers and refresh tokens: only their length is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Body({} bytes)", self.byte_len())
    }
}

impl Body {
    /// The text, when the body is text.
    #[cfg(test)]
    pub fn text(&self) -> Option<&str> {
        match self {
            Body::Text(t) => Some(t),
            Body::Bytes(_) => None,
        }
    }

    /// The length in bytes.
    pub fn byte_len(&self) -> usize {
        match self {
            Body::Text(t) => t.len(),
            Body::Bytes(b) => b.len(),
        }
    }

}

impl From<&str> for Body {
    fn from(t: &str) -> Body {
        Body::Text(t.into())
    }
}

impl From<String> for Body {
    fn from(t: String) -> Body {
        Body::Text(t)
    }
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

impl HttpRequest {
    /// The same request as a plain value (a form or JSON body is text).
    pub fn from_http(request: http::Request<Vec<u8>>) -> Result<HttpRequest, SendError> {
        let (parts, body) = request.into_parts();
        let method = match parts.method {
            http::Method::GET => "GET",
            http::Method::POST => "POST",
            other => return Err(SendError(format!("unsupported method {other}"))),
        };
        let headers = parts
            .headers
            .iter()
            .map(|(k, v)| {
                let v = v.to_str().map_err(|_| SendError(format!("header {k}")))?;
                Ok((k.as_str().to_string(), v.to_string()))
            })
            .collect::<Result<_, SendError>>()?;
        let body = match body.is_empty() {
            true => None,
            false => Some(Body::Text(
                String::from_utf8(body).map_err(|_| SendError("body".into()))?,
            )),
        };
        Ok(HttpRequest {
            method,
            url: parts.uri.to_string(),
            headers,
            body,
        })
    }
}

impl HttpResponse {
    /// The response as the oauth2 crate reads it: status, body and `Content-Type`, the one
    /// header oauth2 looks at (parsing arbitrary header names would link the `http` crate's
    /// name table, 17 KB of wasm).
    pub fn into_http(self) -> Result<http::Response<Vec<u8>>, SendError> {
        let mut response = http::Response::builder().status(self.status);
        if let Some(t) = self.header("content-type") {
            response = response.header(http::header::CONTENT_TYPE, t);
        }
        response
            .body(self.body.into_bytes())
            .map_err(|_| SendError("the response has an invalid status or header".into()))
    }

    /// A header value by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Test helpers: a transport that answers from a script and records what it was sent.
#[cfg(test)]
pub mod testing {
    use std::cell::RefCell;
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    use super::{HttpRequest, HttpResponse, Transport};

    /// Runs a future whose awaits all complete at once (the fakes never pend).
    pub fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("fake futures never pend"),
        }
    }

    /// Answers requests in order from a script; records requests and sleeps.
    pub struct Fake {
        answers: RefCell<Vec<Result<HttpResponse, String>>>,
        /// The requests sent, in order.
        pub sent: RefCell<Vec<HttpRequest>>,
        /// The waits asked for, in milliseconds.
        pub slept: RefCell<Vec<u32>>,
    }

    impl Fake {
        /// A transport that gives these answers in order.
        pub fn new(mut answers: Vec<Result<HttpResponse, String>>) -> Fake {
            answers.reverse();
            Fake {
                answers: RefCell::new(answers),
                sent: RefCell::new(vec![]),
                slept: RefCell::new(vec![]),
            }
        }
    }

    impl Transport for Fake {
        async fn send(&self, request: HttpRequest) -> Result<HttpResponse, String> {
            self.sent.borrow_mut().push(request);
            self.answers
                .borrow_mut()
                .pop()
                .expect("an answer for every request")
        }
        async fn sleep(&self, ms: u32) {
            self.slept.borrow_mut().push(ms);
        }
    }

    /// A response with a status, headers and body.
    pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{block_on, response, Fake};
    use super::*;

    #[test]
    fn oauth_requests_cross_the_boundary_exactly() {
        let fake = Fake::new(vec![Ok(response(
            400,
            &[("content-type", "application/json")],
            "{}",
        ))]);
        let request = http::Request::builder()
            .method(http::Method::POST)
            .uri("https://login.example/t/oauth2/v2.0/token")
            .header("accept", "application/json")
            .body(b"a=1&b=%20".to_vec())
            .unwrap();
        let answer = block_on(send_oauth(&fake, request)).unwrap();
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.headers()["content-type"], "application/json");
        assert_eq!(answer.body(), b"{}");
        assert_eq!(
            fake.sent.borrow()[0],
            HttpRequest {
                method: "POST",
                url: "https://login.example/t/oauth2/v2.0/token".into(),
                headers: vec![("accept".into(), "application/json".into())],
                body: Some("a=1&b=%20".into()),
            }
        );
        let put = http::Request::builder()
            .method(http::Method::PUT)
            .uri("https://x.example/")
            .body(vec![])
            .unwrap();
        assert!(block_on(send_oauth(&Fake::new(vec![]), put)).is_err());
        let lost = Fake::new(vec![Err("aborted".into())]);
        let get = http::Request::builder()
            .uri("https://x.example/")
            .body(vec![])
            .unwrap();
        assert_eq!(
            block_on(send_oauth(&lost, get)).unwrap_err(),
            SendError("aborted".into())
        );
    }

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
