//! What the picker tells its page besides the pick: an account signed in, the user signed out,
//! and every error the user is shown — each with a stable code, the text on screen, what can be
//! done, and Graph's request id for support.

use std::rc::Rc;

use leptos::prelude::*;

use crate::picker::browsing::controller::Picker;
use super::messages::Messages;
use crate::auth::{Account, AuthError, ErrorAction};
use crate::graph::GraphError;

/// An error the user was shown.
#[derive(Clone, Debug, PartialEq)]
pub struct PickerErrorInfo {
    /// A stable code: the sign-in error's kind (`popup_blocked`, `consent_required`…), Graph's
    /// most specific error code (`itemNotFound`, `activityLimitReached`…), or `network`,
    /// `invalid_response`, `untrusted_link`, `config_error`.
    pub code: String,
    /// The message on screen, in the picker's language.
    pub message: String,
    /// What can be done: `retry`, `sign_in_again`, `consent` or `give_up`.
    pub action: &'static str,
    /// Graph's `request-id`, when Graph answered.
    pub request_id: Option<String>,
}

impl PickerErrorInfo {
    /// A sign-in (or configuration) error as `m` words it.
    pub fn auth(e: &AuthError, m: &Messages) -> PickerErrorInfo {
        PickerErrorInfo {
            code: e.kind().to_string(),
            message: m.auth_error(e),
            action: action(e.action()),
            request_id: None,
        }
    }

    /// A Graph error as `m` words it.
    pub fn graph(e: &GraphError, m: &Messages) -> PickerErrorInfo {
        let (code, request_id) = match e {
            GraphError::Service {
                code,
                inner,
                request_id,
                ..
            } => (
                inner.clone().unwrap_or_else(|| code.clone()),
                request_id.clone(),
            ),
            GraphError::Auth(a) => (a.kind().to_string(), None),
            GraphError::Network(_) => ("network".into(), None),
            GraphError::InvalidResponse(_) => ("invalid_response".into(), None),
            GraphError::Aborted => ("aborted".into(), None),
            GraphError::UntrustedLink => ("untrusted_link".into(), None),
            GraphError::Unreadable(_) => ("unreadable_file".into(), None),
        };
        PickerErrorInfo {
            code,
            message: m.graph_error(e),
            action: action(e.action()),
            request_id,
        }
    }
}

fn action(a: ErrorAction) -> &'static str {
    match a {
        ErrorAction::Retry => "retry",
        ErrorAction::SignInAgain => "sign_in_again",
        ErrorAction::Consent => "consent",
        ErrorAction::GiveUp => "give_up",
    }
}

/// A listener for the signed-in account.
pub type AccountListener = Rc<dyn Fn(&Account)>;

/// The page's listeners (each optional).
#[derive(Clone, Default)]
pub struct PageEvents {
    /// An account is signed in (after sign-in, a switch of account, or a session restored).
    pub on_sign_in: Option<AccountListener>,
    /// The user signed out.
    pub on_sign_out: Option<Rc<dyn Fn()>>,
    /// The user was shown an error.
    pub on_error: Option<Rc<dyn Fn(PickerErrorInfo)>>,
}

/// Tells the page when the account changes and when a sign-in error is shown (each once, as it
/// appears). `auth_error` is the sign-in error on screen, if any; `known` says the page was told
/// of the account already (the picker was built again in place).
pub(crate) fn announce(
    events: &PageEvents,
    account: Signal<Option<Account>>,
    auth_error: Signal<Option<AuthError>>,
    m: &'static Messages,
    known: bool,
) {
    if let Some(f) = events.on_sign_in.clone() {
        let key = Memo::new(move |_| {
            account.with(|a| {
                a.as_ref()
                    .map(|a| (a.tenant_id.clone(), a.object_id.clone()))
            })
        });
        Effect::new(move |first: Option<()>| {
            let told = first.is_none() && known;
            if key.get().is_some() && !told {
                if let Some(a) = account.get_untracked() {
                    f(&a);
                }
            }
        });
    }
    if let Some(f) = events.on_error.clone() {
        Effect::new(move |_| {
            if let Some(e) = auth_error.get() {
                f(PickerErrorInfo::auth(&e, m));
            }
        });
    }
}

/// Tells the page of every listing error shown (once, as it appears).
pub(crate) fn announce_listing_errors(
    f: Rc<dyn Fn(PickerErrorInfo)>,
    picker: Picker,
    m: &'static Messages,
) {
    let listing_error = Memo::new(move |_| picker.browser.with(|b| b.listing.error.clone()));
    Effect::new(move |_| {
        if let Some(e) = listing_error.get() {
            if e != GraphError::Aborted {
                f(PickerErrorInfo::graph(&e, m));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picker::messages::EN;

    #[test]
    fn errors_carry_the_most_specific_code_the_action_and_the_request_id() {
        let throttled = GraphError::Service {
            status: 429,
            code: "tooManyRequests".into(),
            inner: Some("activityLimitReached".into()),
            message: "slow down".into(),
            request_id: Some("req-1".into()),
            retry_after: Some(3),
        };
        let info = PickerErrorInfo::graph(&throttled, &EN);
        assert_eq!(info.code, "activityLimitReached");
        assert_eq!(info.action, "retry");
        assert_eq!(info.request_id.as_deref(), Some("req-1"));
        assert_eq!(info.message, EN.graph_error(&throttled));
        let offline = PickerErrorInfo::graph(&GraphError::Network("offline".into()), &EN);
        assert_eq!(
            (offline.code.as_str(), offline.request_id),
            ("network", None)
        );
        let blocked = PickerErrorInfo::auth(&AuthError::PopupBlocked, &EN);
        assert_eq!(
            (blocked.code.as_str(), blocked.action),
            ("popup_blocked", "retry")
        );
        let config = PickerErrorInfo::auth(&AuthError::Config("bad authority".into()), &EN);
        assert_eq!(
            (config.code.as_str(), config.action),
            ("config_error", "give_up")
        );
    }
}
