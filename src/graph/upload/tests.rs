use std::cell::{Cell, RefCell};

use super::*;
use crate::auth::secret::AccessToken;
use crate::auth::AuthError;
use crate::graph::client::Graph;
use crate::graph::GraphBase;
use crate::http::testing::{block_on, response, Fake};
use crate::http::HttpResponse;

struct Tokens;

impl TokenSource for Tokens {
    async fn token(&self, _refresh: bool) -> Result<AccessToken, AuthError> {
        Ok(AccessToken::new("t".into()))
    }
}

/// A file of `len` bytes (byte i is i mod 251) that records the largest read.
struct File {
    len: u64,
    largest: Cell<u64>,
    gone: bool,
}

impl File {
    fn new(len: u64) -> File {
        File {
            len,
            largest: Cell::new(0),
            gone: false,
        }
    }
}

impl Content for File {
    fn size(&self) -> u64 {
        self.len
    }
    async fn read(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        if self.gone {
            return Err("NotReadableError".into());
        }
        self.largest.set(self.largest.get().max(end - start));
        Ok((start..end).map(|i| (i % 251) as u8).collect())
    }
}

fn base() -> GraphBase {
    GraphBase::parse("https://g/v1.0").unwrap()
}

fn to(conflict: Conflict) -> Destination {
    Destination {
        folder: FolderRef::MyFiles,
        name: "big.bin".into(),
        conflict,
    }
}

const SESSION: &str = r#"{"uploadUrl":"https://up.example/s?tempauth=secret","expirationDateTime":"2030-01-01T00:00:00Z"}"#;
const ITEM: &str = r#"{"id":"new","name":"big.bin","size":12000000,"file":{}}"#;

fn accepted(next: u64) -> Result<HttpResponse, String> {
    Ok(response(
        202,
        &[],
        &format!(
            r#"{{"expirationDateTime":"2030-01-01T00:00:00Z","nextExpectedRanges":["{next}-"]}}"#
        ),
    ))
}

fn ranges(sent: &[HttpRequest]) -> Vec<String> {
    sent.iter()
        .filter(|r| r.method == "PUT")
        .filter_map(|r| {
            r.headers
                .iter()
                .find(|(k, _)| k == "content-range")
                .map(|(_, v)| v.clone())
        })
        .collect()
}

/// Uploads a file of `total` bytes as `big.bin`, failing on a taken name, hearing nothing.
fn quietly(fake: &Fake, total: u64) -> Result<DriveItem, GraphError> {
    block_on(upload(
        &Graph::new(base(), Tokens, fake),
        &to(Conflict::Fail),
        &File::new(total),
        &|_| {},
        &|_| {},
    ))
}

#[test]
fn a_small_file_goes_in_one_put_with_its_bytes() {
    let fake = Fake::new(vec![Ok(response(
        201,
        &[],
        r#"{"id":"s","name":"a.txt","size":3,"file":{}}"#,
    ))]);
    let file = File::new(3);
    let seen = RefCell::new(vec![]);
    let item = block_on(upload(
        &Graph::new(base(), Tokens, &fake),
        &Destination {
            name: "a.txt".into(),
            ..to(Conflict::Fail)
        },
        &file,
        &|_| panic!("no session"),
        &|n| seen.borrow_mut().push(n),
    ))
    .unwrap();
    assert_eq!(item.id, "s");
    assert_eq!(*seen.borrow(), vec![3]);
    let sent = fake.sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "PUT");
    assert_eq!(
        sent[0].url,
        "https://g/v1.0/me/drive/root:/a.txt:/content?@microsoft.graph.conflictBehavior=fail"
    );
    assert_eq!(sent[0].headers[0].1, "Bearer t");
    assert_eq!(sent[0].body, Some(Body::Bytes(vec![0, 1, 2])));
}

#[test]
fn a_large_file_goes_in_fragments_of_320_kib_multiples_without_a_token() {
    let total = 12_000_000;
    let f = FRAGMENT;
    let fake = Fake::new(vec![
        Ok(response(200, &[], SESSION)),
        accepted(f),
        accepted(2 * f),
        Ok(response(201, &[], ITEM)),
    ]);
    let file = File::new(total);
    let sessions = RefCell::new(vec![]);
    let seen = RefCell::new(vec![]);
    let item = block_on(upload(
        &Graph::new(base(), Tokens, &fake),
        &to(Conflict::Fail),
        &file,
        &|s| sessions.borrow_mut().push(s),
        &|n| seen.borrow_mut().push(n),
    ))
    .unwrap();
    assert_eq!(item.id, "new");
    let sent = fake.sent.borrow();
    assert_eq!(
        sent[0].url,
        "https://g/v1.0/me/drive/root:/big.bin:/createUploadSession"
    );
    assert_eq!(
        ranges(&sent),
        [
            format!("bytes 0-{}/{total}", f - 1),
            format!("bytes {f}-{}/{total}", 2 * f - 1),
            format!("bytes {}-{}/{total}", 2 * f, total - 1)
        ]
    );
    assert_eq!(f % FRAGMENT_UNIT, 0);
    for fragment in &sent[1..] {
        assert_eq!(fragment.url, "https://up.example/s?tempauth=secret");
        assert!(
            fragment.headers.iter().all(|(k, _)| k != "authorization"),
            "no token to the upload host"
        );
    }
    assert_eq!(*seen.borrow(), vec![f, 2 * f, total]);
    assert_eq!(
        file.largest.get(),
        FRAGMENT,
        "never read more than a fragment at once"
    );
    let sessions = sessions.borrow();
    assert!(sessions[0].is_some() && sessions[1].is_none());
    assert!(!format!("{:?}", sessions[0]).contains("secret"));
}

#[test]
fn a_dropped_fragment_resumes_where_the_service_says() {
    let total = 3 * FRAGMENT;
    let fake = Fake::new(vec![
        Ok(response(200, &[], SESSION)),
        accepted(FRAGMENT),
        Err("connection reset".into()),
        // The service had kept the second fragment: the status says so, it is not sent again.
        accepted(2 * FRAGMENT),
        Ok(response(
            503,
            &[("retry-after", "7")],
            r#"{"error":{"code":"serviceNotAvailable","message":"x"}}"#,
        )),
        accepted(2 * FRAGMENT),
        Ok(response(201, &[], ITEM)),
    ]);
    let item = quietly(&fake, total).unwrap();
    assert_eq!(item.id, "new");
    let sent = fake.sent.borrow();
    let methods: Vec<_> = sent.iter().map(|r| r.method).collect();
    assert_eq!(methods, ["POST", "PUT", "PUT", "GET", "PUT", "GET", "PUT"]);
    assert_eq!(
        ranges(&sent)[2],
        ranges(&sent)[3],
        "the refused fragment is sent again"
    );
    assert!(ranges(&sent)[2].starts_with(&format!("bytes {}-", 2 * FRAGMENT)));
    assert_eq!(
        *fake.slept.borrow(),
        vec![500, 7000],
        "back-off, then Retry-After"
    );
}

#[test]
fn a_session_that_accepts_fragments_without_progress_is_given_up() {
    let url = UploadUrl::parse("https://up.example/s").unwrap();
    let file = File::new(3 * FRAGMENT);
    // Every fragment "accepted", the range never moving: the upload must end, not loop.
    let fake = Fake::new((0..100).map(|_| accepted(0)).collect());
    let e = block_on(send_fragments(&fake, &url, &file, 0, &|_| {})).unwrap_err();
    assert!(matches!(e, GraphError::InvalidResponse(_)), "{e:?}");
    assert_eq!(fake.sent.borrow().len(), MAX_FAILURES as usize);
    assert_eq!(fake.slept.borrow().len(), MAX_FAILURES as usize - 1);
    // A range that moves back and forth is no progress either.
    let answers = (0..100)
        .map(|i| accepted(if i % 2 == 0 { FRAGMENT } else { 0 }))
        .collect();
    let fake = Fake::new(answers);
    assert!(block_on(send_fragments(&fake, &url, &file, 0, &|_| {})).is_err());
    assert!(fake.sent.borrow().len() <= 2 * MAX_FAILURES as usize);
}

#[test]
fn overlapping_fragments_resync_and_failures_give_up() {
    let overlap = r#"{"error":{"code":"invalidRange","message":"overlap","innerError":{"code":"fragmentOverlap"}}}"#;
    let url = UploadUrl::parse("https://up.example/s").unwrap();
    let fake = Fake::new(vec![
        Ok(response(416, &[], overlap)),
        accepted(FRAGMENT_UNIT),
        Ok(response(201, &[], ITEM)),
    ]);
    let file = File::new(FRAGMENT_UNIT + 10);
    block_on(send_fragments(&fake, &url, &file, 0, &|_| {})).unwrap();
    assert_eq!(
        ranges(&fake.sent.borrow())[1],
        format!(
            "bytes {FRAGMENT_UNIT}-{}/{}",
            FRAGMENT_UNIT + 9,
            FRAGMENT_UNIT + 10
        )
    );

    let down: Vec<_> = (0..MAX_FAILURES)
        .map(|_| Err("offline".to_string()))
        .collect();
    let fake = Fake::new(down);
    let e = block_on(send_fragments(&fake, &url, &file, 0, &|_| {})).unwrap_err();
    assert!(matches!(e, GraphError::Network(_)));
    assert_eq!(fake.sent.borrow().len(), MAX_FAILURES as usize);

    let denied = Fake::new(vec![Ok(response(
        403,
        &[],
        r#"{"error":{"code":"accessDenied","message":"x"}}"#,
    ))]);
    assert_eq!(
        block_on(send_fragments(&denied, &url, &file, 0, &|_| {}))
            .unwrap_err()
            .status(),
        Some(403)
    );
    let gone = File {
        gone: true,
        ..File::new(10)
    };
    assert!(matches!(
        block_on(send_fragments(&Fake::new(vec![]), &url, &gone, 0, &|_| {})),
        Err(GraphError::Unreadable(_))
    ));
    let aborted = Fake::new(vec![Err("aborted".into())]);
    assert_eq!(
        block_on(send_fragments(&aborted, &url, &file, 0, &|_| {})).unwrap_err(),
        GraphError::Aborted
    );
}

#[test]
fn a_session_that_ended_with_its_last_answer_lost_is_found_by_name() {
    let total = FRAGMENT + 5;
    let missing = r#"{"error":{"code":"itemNotFound","message":"x","innerError":{"code":"uploadSessionNotFound"}}}"#;
    let answers = |found: &str| {
        Fake::new(vec![
            Ok(response(200, &[], SESSION)),
            accepted(FRAGMENT),
            Err("connection reset".into()),
            Ok(response(404, &[], missing)),
            Ok(response(200, &[], found)),
        ])
    };
    let ours = format!(r#"{{"id":"done","name":"big.bin","size":{total},"file":{{}}}}"#);
    let fake = answers(&ours);
    let item = quietly(&fake, total).unwrap();
    assert_eq!(item.id, "done");
    let other = answers(r#"{"id":"x","name":"big.bin","size":1,"file":{}}"#);
    let e = quietly(&other, total).unwrap_err();
    assert_eq!(e.status(), Some(404));
}

#[test]
fn cancelling_deletes_the_session_and_offsets_are_read() {
    let url = UploadUrl::parse("https://up.example/s").unwrap();
    let fake = Fake::new(vec![Ok(response(204, &[], "")), Ok(response(404, &[], ""))]);
    block_on(delete_session(&fake, &url)).unwrap();
    block_on(delete_session(&fake, &url)).unwrap();
    let sent = fake.sent.borrow();
    assert_eq!(
        (sent[0].method, sent[0].url.as_str(), sent[0].headers.len()),
        ("DELETE", "https://up.example/s", 0)
    );
    assert_eq!(next_offset(&["26-".into()]), Some(26));
    assert_eq!(next_offset(&["0-999".into(), "2000-".into()]), Some(0));
    assert_eq!(next_offset(&[]), None);
    assert!(UploadUrl::parse("http://up.example/s").is_err());
    assert!(UploadUrl::parse("javascript:alert(1)").is_err());
}
