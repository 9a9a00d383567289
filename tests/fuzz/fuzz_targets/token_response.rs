//! A token endpoint response: parsed into tokens or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onedrive_picker::auth::token::parse_token_response;
use onedrive_picker::http::HttpResponse;

fuzz_target!(|data: &[u8]| {
    let Some((&status, body)) = data.split_first() else {
        return;
    };
    let response = HttpResponse {
        status: if status < 128 { 200 } else { 400 },
        headers: vec![],
        body: String::from_utf8_lossy(body).into_owned(),
    };
    match parse_token_response(&response, 1.7e12, Some("expected-nonce")) {
        Ok(set) => {
            let _ = (set.is_fresh(1.7e12), format!("{set:?}"));
        }
        Err(e) => {
            let _ = (e.action(), e.kind(), e.to_string());
        }
    }
});
