//! The emulator as a hostile page meets it: bodies it must not read, pages it must not let be
//! framed. Each test fails when the protection it names is removed.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends `head` (a request line and headers, with a large `Content-Length`) and 64 KiB of the
/// body, and returns the status line of the answer, which must come before the rest of the
/// body is sent (within 5 s).
async fn answer_before_the_body(addr: SocketAddr, head: &str) -> String {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(&vec![b'x'; 64 * 1024]).await.unwrap();
    let mut got = Vec::new();
    let read = async {
        let mut buf = [0u8; 4096];
        while !got.windows(2).any(|w| w == b"\r\n") {
            let n = tcp.read(&mut buf).await.unwrap();
            assert!(n > 0, "the connection closed without an answer");
            got.extend_from_slice(&buf[..n]);
        }
    };
    tokio::time::timeout(Duration::from_secs(5), read)
        .await
        .expect("an answer before the body arrived (the body was being read)");
    let text = String::from_utf8_lossy(&got);
    text.lines().next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn no_body_is_read_before_the_request_is_authenticated() {
    let env = start().await;
    let graph = env.running.addr;
    // 240 MB to a simple-upload route, with no token: refused at once.
    let status = answer_before_the_body(
        graph,
        "PUT /v1.0/me/drive/root:/big.bin:/content HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 240000000\r\n\r\n",
    )
    .await;
    assert!(status.contains(" 401 "), "{status}");
    // The same with a token that is not one.
    let status = answer_before_the_body(
        graph,
        "PUT /v1.0/me/drive/root:/big.bin:/content HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer forged\r\nContent-Length: 240000000\r\n\r\n",
    )
    .await;
    assert!(status.contains(" 401 "), "{status}");
    // An upload URL of no session.
    let status = answer_before_the_body(
        env.running.files_addr,
        "PUT /_upload/no-such-session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Range: bytes 0-49999999/50000000\r\nContent-Length: 50000000\r\n\r\n",
    )
    .await;
    assert!(status.contains(" 404 "), "{status}");
}

#[tokio::test]
async fn only_upload_routes_take_large_bodies() {
    let env = start().await;
    let graph = env.running.addr;
    // The token endpoint and the control API: over 4 MiB is refused by its declared length.
    let status = answer_before_the_body(
        graph,
        "POST /common/oauth2/v2.0/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n",
    )
    .await;
    assert!(status.contains(" 413 "), "{status}");
    // Graph, signed in, but not an upload: 4 MiB at most.
    let token = env.token(ADELE).await;
    let head = format!(
        "POST /v1.0/me/drive/root/children HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n"
    );
    let status = answer_before_the_body(graph, &head).await;
    assert!(status.contains(" 413 "), "{status}");
    // A simple upload over Graph's 250 MiB.
    let head = format!(
        "PUT /v1.0/me/drive/root:/big.bin:/content HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Length: 300000000\r\n\r\n"
    );
    let status = answer_before_the_body(graph, &head).await;
    assert!(status.contains(" 413 "), "{status}");
    // Within the limits, uploads still work.
    let put = env
        .put(&token, "/me/drive/root:/small.txt:/content", "hello")
        .await;
    assert_eq!(put.status(), 201);
}

#[tokio::test]
async fn the_sign_in_and_consent_pages_cannot_be_framed() {
    let env = start().await;
    let params = authorize_params("User.Read openid", &pkce());
    let url = url_with(
        &format!("{}/common/oauth2/v2.0/authorize", env.base),
        &params,
    );
    let page = env.http.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    assert_eq!(
        page.headers()["content-security-policy"],
        "frame-ancestors 'none'"
    );
    let logout = env
        .http
        .get(format!("{}/common/oauth2/v2.0/logout", env.base))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.headers()["x-frame-options"], "DENY");
}
