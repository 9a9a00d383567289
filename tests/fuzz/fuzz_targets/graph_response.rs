//! A Graph response, as any server (or a proxy) might send it: the page decoder, the error
//! decoder and every accessor the picker calls never panic, and a link the picker keeps is
//! always one it may open.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onedrive_picker::graph::{DriveItem, GraphBase, GraphError, Page};
use onedrive_picker::http::HttpResponse;

fuzz_target!(|data: &[u8]| {
    let Some((&status, body)) = data.split_first() else {
        return;
    };
    let body = String::from_utf8_lossy(body).into_owned();
    if let Ok(page) = serde_json::from_str::<Page<DriveItem>>(&body) {
        for item in &page.value {
            let _ = (item.kind(), item.is_folder(), &item.name);
            for url in [item.open_url(), item.thumbnail_url()]
                .into_iter()
                .flatten()
            {
                assert!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "{url}"
                );
            }
        }
        if let Some(next) = &page.next_link {
            if let Ok(u) = GraphBase::default().link(next) {
                assert!(u.as_str().starts_with("https://graph.microsoft.com/"));
            }
        }
    }
    let response = HttpResponse {
        status: 400 + u16::from(status),
        headers: vec![("retry-after".into(), body.chars().take(8).collect())],
        body,
    };
    let e = GraphError::from_response(&response);
    let _ = (e.action(), e.is_transient(), e.to_string());
});
