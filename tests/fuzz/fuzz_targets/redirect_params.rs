//! What the redirect page hands over (a query string or fragment): accepted only with the
//! attempt's exact state, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onedrive_picker::auth::flow::{accept_redirect, Attempt};
use onedrive_picker::util::parse_params;

fuzz_target!(|data: &[u8]| {
    let attempt = Attempt::new(|buf: &mut [u8]| buf.fill(7));
    let text = String::from_utf8_lossy(data);
    let params = parse_params(&text);
    if accept_redirect(&attempt, &params).is_ok() {
        assert!(params
            .iter()
            .any(|(k, v)| k == "state" && v == attempt.state.secret()));
    }
});
