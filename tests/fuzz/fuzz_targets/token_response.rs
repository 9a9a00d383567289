//! A token endpoint response, read by oauth2 through the widget's HTTP boundary: tokens or a
//! typed error, never a panic, and never a token in an error message.
#![no_main]

use std::future::Future;
use std::task::{Context, Poll, Waker};

use libfuzzer_sys::fuzz_target;
use onedrive_picker::auth::flow::refresh;
use onedrive_picker::auth::secret::{CsrfToken, RefreshToken};
use onedrive_picker::auth::token::token_set;
use onedrive_picker::auth::AuthConfig;
use onedrive_picker::http::{HttpRequest, HttpResponse, Transport};

/// Answers every request with the fuzzer's response.
struct Answer(HttpResponse);

impl Transport for Answer {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, String> {
        Ok(self.0.clone())
    }
    async fn sleep(&self, _: u32) {}
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the answer is immediate"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&status, body)) = data.split_first() else {
        return;
    };
    let content_type = match status % 3 {
        0 => vec![],
        1 => vec![("content-type".into(), "application/json".into())],
        _ => vec![("content-type".into(), "text/html".into())],
    };
    let answer = Answer(HttpResponse {
        status: if status < 128 { 200 } else { 400 },
        headers: content_type,
        body: String::from_utf8_lossy(body).into_owned(),
    });
    let config = AuthConfig::new("client", "http://localhost:8080/auth.html");
    let rt = RefreshToken::new("rt".into());
    let nonce = CsrfToken::new("expected-nonce".into());
    let result = block_on(refresh(&answer, &config, &rt, "User.Read"))
        .and_then(|r| token_set(r, 1.7e12, Some(&nonce)));
    match result {
        Ok(set) => {
            let _ = (set.is_fresh(1.7e12), format!("{set:?}"));
        }
        Err(e) => {
            let _ = (e.action(), e.kind(), e.to_string());
        }
    }
});
