//! Every transition of the sign-in machine.

use super::*;

fn adele() -> Account {
    Account {
        name: "Adele Vance".into(),
        username: "adele@contoso.com".into(),
        tenant_id: "t".into(),
        object_id: "a".into(),
    }
}

fn megan() -> Account {
    Account {
        object_id: "m".into(),
        ..adele()
    }
}

fn signed_in() -> SignIn {
    let mut s = SignIn::new(false, None, false);
    s.step(Event::Begin {
        attempt: 1,
        why: Why::SignIn,
    });
    s.step(Event::Finished {
        attempt: 1,
        result: Ok(adele()),
    });
    s
}

#[test]
fn it_starts_where_the_page_and_the_storage_say() {
    assert_eq!(SignIn::new(false, None, false).phase(), &Phase::SignedOut);
    assert_eq!(
        SignIn::new(false, None, true).phase(),
        &Phase::Restoring { replaced: false }
    );
    let known = SignIn::new(false, Some(adele()), true);
    assert_eq!(known.phase(), &Phase::SignedIn);
    assert_eq!(known.account(), Some(&adele()));
    let provided = SignIn::new(true, None, false);
    assert_eq!(provided.phase(), &Phase::SignedIn);
    assert!(provided.provided() && provided.account().is_none());
}

#[test]
fn restoring_ends_signed_in_or_out_unless_overtaken() {
    let mut s = SignIn::new(false, None, true);
    s.step(Event::Restored(Some(adele())));
    assert_eq!((s.phase(), s.account()), (&Phase::SignedIn, Some(&adele())));
    assert_eq!(s.sign_ins(), 0, "a session found at start is not a new sign-in");

    let mut none = SignIn::new(false, None, true);
    none.step(Event::Restored(None));
    assert_eq!(none.phase(), &Phase::SignedOut);

    // The user signed in while the stored session was read: the late answer changes nothing.
    let mut overtaken = SignIn::new(false, None, true);
    overtaken.step(Event::Begin {
        attempt: 1,
        why: Why::SignIn,
    });
    overtaken.step(Event::Restored(Some(megan())));
    assert_eq!(overtaken.phase(), &Phase::SigningIn(Why::SignIn));
    assert_eq!(overtaken.account(), None);
}

#[test]
fn a_host_that_refuses_at_start_shows_its_error_until_the_user_acts() {
    let mut s = SignIn::new(false, None, true);
    s.step(Event::RestoreFailed(AuthError::HostTimeout));
    assert_eq!(s.phase(), &Phase::Failed(AuthError::HostTimeout));
    assert_eq!(s.error().map(AuthError::action), Some(crate::auth::ErrorAction::Retry));
    s.step(Event::Begin {
        attempt: 1,
        why: Why::Retry,
    });
    s.step(Event::Finished {
        attempt: 1,
        result: Ok(adele()),
    });
    assert_eq!(s.phase(), &Phase::SignedIn);
    // A late refusal after the user signed in changes nothing.
    s.step(Event::RestoreFailed(AuthError::HostTimeout));
    assert_eq!(s.phase(), &Phase::SignedIn);
}

#[test]
fn signing_in_succeeds_fails_or_looks_closed() {
    let s = signed_in();
    assert_eq!((s.phase(), s.account()), (&Phase::SignedIn, Some(&adele())));
    assert_eq!(s.sign_ins(), 1);

    let mut refused = SignIn::new(false, None, false);
    refused.step(Event::Begin {
        attempt: 3,
        why: Why::SignIn,
    });
    refused.step(Event::Finished {
        attempt: 3,
        result: Err(AuthError::ConsentDeclined),
    });
    assert_eq!(refused.error(), Some(&AuthError::ConsentDeclined));

    // The window only looked closed (COOP): its answer still signs the user in.
    let mut closed = SignIn::new(false, None, false);
    closed.step(Event::Begin {
        attempt: 4,
        why: Why::SignIn,
    });
    closed.step(Event::PopupClosed { attempt: 4 });
    assert_eq!(closed.error(), Some(&AuthError::PopupClosed));
    closed.step(Event::Finished {
        attempt: 4,
        result: Ok(adele()),
    });
    assert_eq!(closed.phase(), &Phase::SignedIn);

    let mut blocked = SignIn::new(false, None, false);
    blocked.step(Event::CouldNotBegin(AuthError::PopupBlocked));
    assert_eq!(blocked.error(), Some(&AuthError::PopupBlocked));
}

#[test]
fn a_newer_attempt_owns_the_screen() {
    let mut s = SignIn::new(false, None, false);
    s.step(Event::Begin {
        attempt: 1,
        why: Why::SignIn,
    });
    s.step(Event::Begin {
        attempt: 2,
        why: Why::Retry,
    });
    s.step(Event::PopupClosed { attempt: 1 });
    s.step(Event::Finished {
        attempt: 1,
        result: Err(AuthError::ConsentDeclined),
    });
    assert_eq!(s.phase(), &Phase::SigningIn(Why::Retry));
    s.step(Event::Finished {
        attempt: 2,
        result: Ok(adele()),
    });
    assert_eq!(s.phase(), &Phase::SignedIn);
}

#[test]
fn consent_and_switching_keep_the_account_until_the_answer() {
    let mut s = signed_in();
    s.step(Event::Begin {
        attempt: 2,
        why: Why::Consent,
    });
    assert_eq!(s.phase(), &Phase::SigningIn(Why::Consent));
    assert_eq!(s.account(), Some(&adele()));
    s.step(Event::Finished {
        attempt: 2,
        result: Ok(adele()),
    });
    assert_eq!(s.sign_ins(), 2, "waiting work goes on after a consent");

    s.step(Event::Begin {
        attempt: 3,
        why: Why::Switch,
    });
    s.step(Event::Finished {
        attempt: 3,
        result: Ok(megan()),
    });
    assert_eq!((s.phase(), s.account()), (&Phase::SignedIn, Some(&megan())));
    assert_eq!(s.forgets(), 0);
}

#[test]
fn signing_out_forgets_and_drops_an_answer_on_its_way() {
    let mut s = signed_in();
    s.step(Event::Begin {
        attempt: 2,
        why: Why::Switch,
    });
    s.step(Event::SignOut);
    assert_eq!((s.phase(), s.account()), (&Phase::SignedOut, None));
    assert_eq!((s.sign_outs(), s.forgets()), (1, 1));
    s.step(Event::Finished {
        attempt: 2,
        result: Ok(megan()),
    });
    assert_eq!(s.phase(), &Phase::SignedOut, "a late answer does not sign in");
}

#[test]
fn other_tabs_sign_out_forget_or_replace_the_session() {
    for outside in [Outside::SignedOut, Outside::Forgotten] {
        let mut s = signed_in();
        s.step(Event::Outside(outside));
        assert_eq!((s.phase(), s.account()), (&Phase::SignedOut, None));
        assert_eq!(s.sign_outs(), 1);
    }
    let mut s = signed_in();
    s.step(Event::Outside(Outside::Refreshed));
    s.step(Event::Outside(Outside::Unchanged));
    assert_eq!(s, signed_in());

    s.step(Event::Outside(Outside::Replaced));
    assert_eq!(s.phase(), &Phase::Restoring { replaced: true });
    assert_eq!((s.account(), s.sign_outs(), s.forgets()), (None, 0, 1));
    s.step(Event::Restored(Some(megan())));
    assert_eq!((s.phase(), s.account()), (&Phase::SignedIn, Some(&megan())));
    assert_eq!(s.sign_ins(), 2, "the other account counts as a sign-in");
}

fn expired() -> AuthError {
    AuthError::InteractionRequired {
        code: Some(50078),
        consent: false,
        description: "expired".into(),
    }
}

#[test]
fn graph_needing_the_user_fails_a_sign_in_but_not_provided_tokens() {
    let mut s = signed_in();
    s.step(Event::NeedsUser(expired()));
    assert_eq!(s.error(), Some(&expired()));
    assert_eq!(s.account(), None);

    let mut out = SignIn::new(false, None, false);
    out.step(Event::NeedsUser(expired()));
    assert_eq!(out.phase(), &Phase::SignedOut, "the signed-out screen stays");

    let mut provided = SignIn::new(true, None, false);
    provided.step(Event::NeedsUser(expired()));
    assert_eq!(provided.phase(), &Phase::SignedIn);
    assert_eq!(Phase::SignedIn.name(), "browsing");
}
