use super::*;

fn chosen(path: &str, size: u64) -> Chosen {
    Chosen {
        path: path.split('/').map(String::from).collect(),
        size,
    }
}

fn item(name: &str) -> DriveItem {
    serde_json::from_str(&format!(r#"{{"id":"{name}","name":"{name}","file":{{}}}}"#)).unwrap()
}

fn taken() -> GraphError {
    GraphError::Service {
        status: 409,
        code: "nameAlreadyExists".into(),
        inner: None,
        message: String::new(),
        request_id: None,
        retry_after: None,
    }
}

#[test]
fn limits_refuse_files_with_the_reason_before_anything_is_sent() {
    let mut limits = UploadLimits {
        max_size: Some(100),
        max_count: Some(2),
        ..Default::default()
    };
    limits.set_extensions(".txt, .PDF").unwrap();
    assert!(limits.set_extensions("pdf").is_err());
    let mut q = Queue::default();
    let ok = q.add(
        &FolderRef::MyFiles,
        vec![
            chosen("a.txt", 10),
            chosen("big.pdf", 101),
            chosen("c.exe", 1),
            chosen("bad:name.txt", 1),
            chosen("CON/d.txt", 1),
            chosen("e.pdf", 100),
            chosen("f.txt", 1),
        ],
        &limits,
    );
    assert_eq!(ok.len(), 2);
    let status: Vec<_> = q.entries.iter().map(|e| e.status.clone()).collect();
    assert_eq!(
        status,
        [
            Status::Waiting,
            Status::Refused(Refusal::TooLarge(100)),
            Status::Refused(Refusal::Extension),
            Status::Refused(Refusal::Name(NameProblem::Character(':'))),
            Status::Refused(Refusal::Name(NameProblem::Reserved)),
            Status::Waiting,
            Status::Refused(Refusal::TooMany(2)),
        ]
    );
    assert_eq!(q.progress(), (0, 110), "refused files do not count");
}

#[test]
fn one_file_at_a_time_with_progress() {
    let mut q = Queue::default();
    let ids = q.add(
        &FolderRef::MyFiles,
        vec![chosen("a", 10), chosen("b", 30)],
        &UploadLimits::default(),
    );
    assert_eq!(q.next().map(|e| e.id), Some(ids[0]));
    q.sending(ids[0], 0);
    assert!(q.next().is_none(), "one at a time");
    q.sending(ids[0], 4);
    assert_eq!(q.progress(), (4, 40));
    q.done(ids[0], item("a"));
    assert_eq!(q.next().map(|e| e.id), Some(ids[1]));
    q.sending(ids[1], 30);
    q.done(ids[1], item("b"));
    assert_eq!(q.progress(), (40, 40));
    assert!(q.idle());
    let uploaded = q.take_uploaded();
    assert_eq!(
        uploaded
            .iter()
            .map(|(i, _)| i.name.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert!(q.take_uploaded().is_empty(), "each reported once");
    q.clear_finished();
    assert!(q.entries.is_empty());
}

#[test]
fn conflicts_are_asked_once_or_for_all() {
    let mut q = Queue::default();
    let ids = q.add(
        &FolderRef::MyFiles,
        vec![
            chosen("a", 1),
            chosen("b", 1),
            chosen("c", 1),
            chosen("d", 1),
        ],
        &UploadLimits::default(),
    );
    q.sending(ids[0], 0);
    q.failed(ids[0], taken());
    assert_eq!(q.conflict().map(|e| e.id), Some(ids[0]));
    assert_eq!(
        q.next().map(|e| e.id),
        Some(ids[1]),
        "the others go on meanwhile"
    );
    q.resolve(ids[0], Choice::Replace, false);
    assert_eq!(q.get(ids[0]).unwrap().conflict, Conflict::Replace);
    assert_eq!(q.get(ids[0]).unwrap().status, Status::Waiting);
    // A replace that still conflicts (a folder of that name) is a failure, not a question.
    q.failed(ids[0], taken());
    assert!(matches!(q.get(ids[0]).unwrap().status, Status::Failed(_)));

    q.failed(ids[1], taken());
    q.resolve(ids[1], Choice::KeepBoth, true);
    assert_eq!(q.get(ids[1]).unwrap().conflict, Conflict::Rename);
    q.failed(ids[2], taken());
    assert_eq!(
        q.get(ids[2]).unwrap().conflict,
        Conflict::Rename,
        "answered for all"
    );
    assert_eq!(q.get(ids[2]).unwrap().status, Status::Waiting);

    let mut skip = Queue::default();
    let ids = skip.add(
        &FolderRef::MyFiles,
        vec![chosen("a", 1), chosen("b", 1)],
        &UploadLimits::default(),
    );
    skip.failed(ids[0], taken());
    skip.failed(ids[1], taken());
    skip.resolve(ids[0], Choice::Skip, true);
    assert!(skip.entries.iter().all(|e| e.status == Status::Skipped));
    assert!(skip.idle());
    skip.add(
        &FolderRef::MyFiles,
        vec![chosen("c", 1)],
        &UploadLimits::default(),
    );
    assert_eq!(skip.for_all, None, "a new batch asks again");
}

#[test]
fn cancel_and_retry() {
    let mut q = Queue::default();
    let ids = q.add(
        &FolderRef::MyFiles,
        vec![chosen("a", 5), chosen("b", 5), chosen("c", 5)],
        &UploadLimits::default(),
    );
    q.sending(ids[0], 1);
    assert!(q.cancel(ids[0]), "it was being sent: abort it");
    q.failed(ids[0], GraphError::Aborted);
    assert_eq!(q.get(ids[0]).unwrap().status, Status::Cancelled);
    q.sending(ids[1], 0);
    q.failed(ids[1], GraphError::Network("reset".into()));
    assert!(matches!(q.get(ids[1]).unwrap().status, Status::Failed(_)));
    q.retry(ids[1]);
    assert_eq!(q.get(ids[1]).unwrap().status, Status::Waiting);
    q.sending(ids[1], 2);
    assert_eq!(q.cancel_all(), Some(ids[1]));
    assert!(q.idle());
    assert_eq!(q.progress(), (0, 0));
    q.retry(ids[2]);
    assert_eq!(q.next().map(|e| e.id), Some(ids[2]));
}
