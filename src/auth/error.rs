//! Sign-in errors, classified by what the caller can do about them.

use std::fmt;

/// What the user or the page can do about an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorAction {
    /// Try the same thing again (transient, or the user stopped it).
    Retry,
    /// Sign in again interactively.
    SignInAgain,
    /// Grant consent (interactive sign-in with the missing scopes).
    Consent,
    /// Nothing the user can do: the configuration or the service is wrong.
    GiveUp,
}

/// Why sign-in or token acquisition failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthError {
    /// The browser blocked the sign-in window.
    PopupBlocked,
    /// The user closed the sign-in window.
    PopupClosed,
    /// The sign-in window did not answer in time.
    Timeout,
    /// Another sign-in is already in progress.
    InteractionInProgress,
    /// The user declined the permissions (`access_denied`).
    ConsentDeclined,
    /// The response's `state` is not this attempt's: it was not ours, or it was tampered with.
    StateMismatch,
    /// The id_token's `nonce` is not this attempt's.
    NonceMismatch,
    /// The service needs the user: session expired, consent missing, MFA…
    InteractionRequired {
        /// The AADSTS code, when the service gave one.
        code: Option<u32>,
        /// Whether it is consent that is missing.
        consent: bool,
        /// The service's description.
        description: String,
    },
    /// Any other error from the identity platform.
    Server {
        /// OAuth `error`.
        error: String,
        /// The AADSTS code.
        code: Option<u32>,
        /// The service's description (no tokens or codes in it).
        description: String,
    },
    /// The request did not reach the service or its answer was lost.
    Network(String),
    /// The service answered something that is not a valid response.
    InvalidResponse(String),
    /// The widget is configured wrongly.
    Config(String),
    /// The Teams or Outlook host that brokers the tokens (nested app authentication) refused.
    Host {
        /// What the host said.
        status: HostStatus,
        /// The host's error code, when it gave one.
        code: Option<String>,
        /// The host's description.
        description: String,
    },
    /// The host that brokers the tokens did not answer in time.
    HostTimeout,
}

/// Why a nested app authentication host refused (its `error.status`; `USER_INTERACTION_REQUIRED`
/// is [`AuthError::InteractionRequired`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostStatus {
    /// The user cancelled the host's prompt (`USER_CANCEL`).
    Cancelled,
    /// The host is offline (`NO_NETWORK`).
    NoNetwork,
    /// A passing failure (`TRANSIENT_ERROR`).
    Transient,
    /// A lasting failure: the app's registration, its scopes (`PERSISTENT_ERROR`).
    Persistent,
    /// The host has nested app authentication turned off (`DISABLED`).
    Disabled,
    /// The account asked for is not the host's (`ACCOUNT_UNAVAILABLE`).
    AccountUnavailable,
    /// The host offers no nested app authentication (`NESTED_APP_AUTH_UNAVAILABLE`, or no bridge
    /// where the page asked for one).
    Unavailable,
}

impl HostStatus {
    /// The `kind` of the error it is.
    fn kind(self) -> &'static str {
        match self {
            HostStatus::Cancelled => "host_cancelled",
            HostStatus::NoNetwork => "host_offline",
            HostStatus::Transient => "host_transient",
            HostStatus::Persistent => "host_error",
            HostStatus::Disabled => "host_disabled",
            HostStatus::AccountUnavailable => "host_account_unavailable",
            HostStatus::Unavailable => "host_unavailable",
        }
    }
}

impl AuthError {
    /// What can be done about it.
    pub fn action(&self) -> ErrorAction {
        match self {
            AuthError::PopupBlocked
            | AuthError::PopupClosed
            | AuthError::Timeout
            | AuthError::InteractionInProgress
            | AuthError::StateMismatch
            | AuthError::NonceMismatch
            | AuthError::Network(_) => ErrorAction::Retry,
            AuthError::ConsentDeclined => ErrorAction::Consent,
            AuthError::InteractionRequired { consent: true, .. } => ErrorAction::Consent,
            AuthError::InteractionRequired { .. } => ErrorAction::SignInAgain,
            // Transient service trouble, or a page-supplied token provider that failed this time.
            AuthError::Server { error, .. }
                if error == "temporarily_unavailable" || error == "token_provider" =>
            {
                ErrorAction::Retry
            }
            AuthError::Server { .. } | AuthError::InvalidResponse(_) | AuthError::Config(_) => {
                ErrorAction::GiveUp
            }
            // The host may let the user pick the account, or sign in to it.
            AuthError::Host {
                status: HostStatus::AccountUnavailable,
                ..
            } => ErrorAction::SignInAgain,
            // Whatever the host said, asking it again costs nothing: a cancelled prompt comes
            // back, a host turned on or back online answers.
            AuthError::Host { .. } | AuthError::HostTimeout => ErrorAction::Retry,
        }
    }

    /// A short, stable machine-readable kind (for `data-error` attributes and callbacks).
    pub fn kind(&self) -> &'static str {
        match self {
            AuthError::PopupBlocked => "popup_blocked",
            AuthError::PopupClosed => "popup_closed",
            AuthError::Timeout => "timeout",
            AuthError::InteractionInProgress => "interaction_in_progress",
            AuthError::ConsentDeclined => "consent_declined",
            AuthError::StateMismatch => "state_mismatch",
            AuthError::NonceMismatch => "nonce_mismatch",
            AuthError::InteractionRequired { .. } => "interaction_required",
            AuthError::Server { .. } => "server_error",
            AuthError::Network(_) => "network_error",
            AuthError::InvalidResponse(_) => "invalid_response",
            AuthError::Config(_) => "config_error",
            AuthError::Host { status, .. } => status.kind(),
            AuthError::HostTimeout => "host_timeout",
        }
    }

    /// Classifies an OAuth error (`error`, AADSTS codes, `suberror`) from the redirect or token endpoint.
    pub fn from_oauth(
        error: &str,
        codes: &[u32],
        suberror: Option<&str>,
        description: &str,
    ) -> AuthError {
        let code = codes.first().copied().or_else(|| aadsts_code(description));
        // Keep only the first sentence: descriptions carry trace ids and timestamps, never secrets,
        // but they are long.
        let description = description
            .split(" Trace ID:")
            .next()
            .unwrap_or(description)
            .trim()
            .to_string();
        let consent = error == "consent_required"
            || suberror == Some("consent_required")
            || matches!(code, Some(65001));
        match error {
            "access_denied" => AuthError::ConsentDeclined,
            "interaction_required" | "login_required" | "consent_required" => {
                AuthError::InteractionRequired {
                    code,
                    consent,
                    description,
                }
            }
            "invalid_grant" => AuthError::InteractionRequired {
                code,
                consent,
                description,
            },
            _ => AuthError::Server {
                error: error.to_string(),
                code,
                description,
            },
        }
    }
}

/// An interactive sign-in is needed (`reason` is for developers).
pub(crate) fn sign_in_required(reason: &str) -> AuthError {
    AuthError::InteractionRequired {
        code: None,
        consent: false,
        description: reason.into(),
    }
}

/// The AADSTS number at the start of a description (`AADSTS700084: …`).
pub fn aadsts_code(description: &str) -> Option<u32> {
    let rest = description.trim_start().strip_prefix("AADSTS")?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// For developers (logs, `Debug`-like output): the kind and the detail. What users see comes from
/// the picker's message table.
impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind())?;
        match self {
            AuthError::InteractionRequired {
                code, description, ..
            } => write!(f, " (AADSTS{}): {description}", code.unwrap_or(0)),
            AuthError::Server {
                error, description, ..
            } => write!(f, " ({error}): {description}"),
            AuthError::Network(why) | AuthError::InvalidResponse(why) | AuthError::Config(why) => {
                write!(f, ": {why}")
            }
            AuthError::Host {
                code, description, ..
            } => write!(f, " ({}): {description}", code.as_deref().unwrap_or("-")),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for AuthError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_by_what_can_be_done() {
        let expired = AuthError::from_oauth("invalid_grant", &[700084], Some("bad_token"), "AADSTS700084: The refresh token was issued to a single page app (SPA)… Trace ID: 1 Correlation ID: 2");
        assert_eq!(expired.action(), ErrorAction::SignInAgain);
        assert!(
            matches!(&expired, AuthError::InteractionRequired { code: Some(700084), description, .. } if !description.contains("Trace ID"))
        );
        let consent = AuthError::from_oauth(
            "invalid_grant",
            &[65001],
            Some("consent_required"),
            "AADSTS65001: …",
        );
        assert_eq!(consent.action(), ErrorAction::Consent);
        assert_eq!(
            AuthError::from_oauth(
                "access_denied",
                &[],
                Some("cancel"),
                "AADSTS65004: declined"
            )
            .action(),
            ErrorAction::Consent
        );
        assert_eq!(
            AuthError::from_oauth("login_required", &[], None, "AADSTS50058: no session").action(),
            ErrorAction::SignInAgain
        );
        assert_eq!(
            AuthError::from_oauth("temporarily_unavailable", &[], None, "").action(),
            ErrorAction::Retry
        );
        let unknown_client = AuthError::from_oauth(
            "unauthorized_client",
            &[],
            None,
            "AADSTS700016: Application not found",
        );
        assert_eq!(unknown_client.action(), ErrorAction::GiveUp);
        assert!(matches!(
            unknown_client,
            AuthError::Server {
                code: Some(700016),
                ..
            }
        ));
        assert_eq!(AuthError::PopupBlocked.action(), ErrorAction::Retry);
        let provider = AuthError::Server {
            error: "token_provider".into(),
            code: None,
            description: "x".into(),
        };
        assert_eq!(provider.action(), ErrorAction::Retry);
        assert_eq!(AuthError::StateMismatch.kind(), "state_mismatch");
    }

    #[test]
    fn aadsts_codes_from_descriptions() {
        assert_eq!(aadsts_code("AADSTS50058: A silent sign-in"), Some(50058));
        assert_eq!(aadsts_code("something else"), None);
    }
}
