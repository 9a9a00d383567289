//! The table's messages made into text: names by kind, counts by the language's plural rules,
//! numbers and sizes by `Intl` ([`crate::browser::plural_category`],
//! [`crate::browser::format_number`]), and every error by what happened.

use super::{fill, Messages, Plural, Text};
use crate::auth::{AuthError, HostStatus};
use crate::browser::{format_number, plural_category};
use crate::graph::write::NameProblem;
use crate::graph::GraphError;
use crate::picker::model::format::size_parts;
use crate::picker::model::listing::PlaceKind;
use crate::picker::model::sort::SortKey;
use crate::picker::model::source::Source;
use crate::picker::uploads::queue::Refusal;

impl Messages {
    /// `rtl` for a language written right to left (Arabic); none for the others, which follow
    /// the page's direction (an English picker on a Hebrew page is mirrored with it).
    pub fn dir(&self) -> Option<&'static str> {
        let tag = self.lang.as_bytes();
        let rtl = matches!(tag.get(..2), Some(b"ar" | b"he" | b"fa" | b"ur"))
            && matches!(tag.get(2), None | Some(b'-'));
        rtl.then_some("rtl")
    }

    /// A source's name.
    pub fn source(&self, s: Source) -> Text {
        match s {
            Source::MyFiles => self.source_mine,
            Source::Recent => self.source_recent,
            Source::Shared => self.source_shared,
            Source::Sites => self.source_sites,
            Source::Teams => self.source_teams,
        }
    }

    /// A sort key's name.
    pub fn sort_key(&self, k: SortKey) -> Text {
        match k {
            SortKey::Name => self.sort_name,
            SortKey::Modified => self.sort_modified,
            SortKey::Size => self.sort_size,
        }
    }

    /// A place kind's name (for screen readers).
    pub fn place_kind(&self, k: PlaceKind) -> Text {
        match k {
            PlaceKind::Site => self.place_site,
            PlaceKind::Library => self.place_library,
            PlaceKind::Team => self.place_team,
            PlaceKind::Channel => self.place_channel,
            PlaceKind::Folder => self.place_folder,
        }
    }

    /// A count in this language's digits (`10,000`; `10.000`; `١٠٬٠٠٠`).
    pub fn number(&self, n: u64) -> String {
        format_number(self.lang, n as f64, 0)
    }

    /// `plural`'s form for `n`, with `{count}` and `args` filled in.
    pub fn count(&self, plural: &Plural, n: u64, args: &[(&str, &str)]) -> String {
        let form = plural.form(plural_category(self.lang, n as f64));
        let count = self.number(n);
        let mut all = vec![("count", count.as_str())];
        all.extend_from_slice(args);
        fill(form, &all)
    }

    /// A size in this language (`1.5 KB`, `1,5 KB`, `3 bytes`).
    pub fn size(&self, bytes: u64) -> String {
        let Some((tenths, unit)) = size_parts(bytes) else {
            return self.count(&self.size_bytes, bytes, &[]);
        };
        let units = [self.size_kb, self.size_mb, self.size_gb, self.size_tb, self.size_pb];
        let size = format_number(self.lang, tenths as f64 / 10.0, 1);
        fill(units[unit], &[("size", &size)])
    }

    /// `3 items`.
    pub fn item_count(&self, n: u64) -> String {
        self.count(&self.item_count, n, &[])
    }

    /// Said when the maximum of `n` is reached.
    pub fn limit_reached(&self, n: usize) -> String {
        self.count(&self.limit_reached, n as u64, &[])
    }

    /// Search results' crumb.
    pub fn results_for(&self, query: &str) -> String {
        fill(self.results_for, &[("query", query)])
    }

    /// Opens in the desktop app `app`.
    pub fn open_desktop(&self, app: &str) -> String {
        fill(self.open_desktop, &[("app", app)])
    }

    /// `Uploading 2 of 5 files`.
    pub fn uploading(&self, done: usize, all: usize) -> String {
        self.count(&self.uploading, all as u64, &[("done", &self.number(done as u64))])
    }

    /// `5 files uploaded`.
    pub fn uploaded(&self, n: usize) -> String {
        self.count(&self.uploaded, n as u64, &[])
    }

    /// `“report.docx” already exists here.`
    pub fn conflict(&self, name: &str) -> String {
        fill(self.conflict, &[("name", name)])
    }

    /// A sign-in error, saying what happened and what to do.
    pub fn auth_error(&self, e: &AuthError) -> String {
        let text = match e {
            AuthError::PopupBlocked => self.error_popup_blocked,
            AuthError::PopupClosed => self.error_popup_closed,
            AuthError::Timeout => self.error_timeout,
            AuthError::InteractionInProgress => self.error_in_progress,
            AuthError::ConsentDeclined => self.error_consent_declined,
            AuthError::StateMismatch => self.error_state,
            AuthError::NonceMismatch => self.error_nonce,
            AuthError::InteractionRequired { consent: true, .. } => self.error_more_permissions,
            AuthError::InteractionRequired { .. } => self.error_expired,
            AuthError::Server {
                error, description, ..
            } => return fill(self.error_server, &[("error", error), ("description", description)]),
            AuthError::Network(_) => self.error_auth_network,
            AuthError::InvalidResponse(why) => return fill(self.error_auth_invalid, &[("why", why)]),
            AuthError::Config(why) => return fill(self.error_config, &[("why", why)]),
            AuthError::Host { status, .. } => self.host_error(*status),
            AuthError::HostTimeout => self.host_timeout,
        };
        text.into()
    }

    fn host_error(&self, status: HostStatus) -> Text {
        match status {
            HostStatus::Cancelled => self.host_cancelled,
            HostStatus::NoNetwork => self.host_no_network,
            HostStatus::Transient => self.host_transient,
            HostStatus::Persistent => self.host_persistent,
            HostStatus::Disabled => self.host_disabled,
            HostStatus::AccountUnavailable => self.host_account,
            HostStatus::Unavailable => self.host_unavailable,
        }
    }

    /// A Graph error, likewise.
    pub fn graph_error(&self, e: &GraphError) -> String {
        let text = match e {
            GraphError::Service { status: 404, .. } => self.error_not_found,
            GraphError::Service { status: 403, .. } => self.error_forbidden,
            GraphError::Service { status: 409, .. } => self.error_conflict,
            GraphError::Service { status: 507, .. } => self.error_storage,
            GraphError::Service {
                status: 429 | 503, ..
            } => self.error_busy,
            GraphError::Service { status: 401, .. } => self.error_expired,
            GraphError::Service { status, code, .. } => {
                let status = status.to_string();
                return fill(self.error_service, &[("status", &status), ("code", code)]);
            }
            GraphError::Auth(a) => return self.auth_error(a),
            GraphError::Network(_) => self.error_graph_network,
            GraphError::InvalidResponse(_) => self.error_graph_invalid,
            GraphError::Aborted => self.error_aborted,
            GraphError::UntrustedLink => self.error_untrusted_link,
            GraphError::Unreadable(_) => self.error_unreadable,
        };
        text.into()
    }

    /// A name OneDrive refuses.
    pub fn name_problem(&self, p: &NameProblem) -> String {
        let text = match p {
            NameProblem::Empty => self.name_empty,
            NameProblem::Character(c) => return fill(self.name_character, &[("char", &c.to_string())]),
            NameProblem::Reserved => self.name_reserved,
            NameProblem::Edges => self.name_edges,
            NameProblem::Vti => self.name_vti,
            NameProblem::TooLong => self.name_too_long,
            NameProblem::Invisible(c) => {
                let code = format!("U+{:04X}", *c as u32);
                return fill(self.name_invisible, &[("code", &code)]);
            }
        };
        text.into()
    }

    /// A file refused before sending.
    pub fn refused(&self, r: &Refusal) -> String {
        match r {
            Refusal::TooLarge(max) => fill(self.refused_too_large, &[("size", &self.size(*max))]),
            Refusal::TooMany(max) => self.count(&self.refused_too_many, *max as u64, &[]),
            Refusal::Extension => self.refused_extension.into(),
            Refusal::Name(p) => self.name_problem(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picker::messages::EN;

    #[test]
    fn english_reads_naturally() {
        assert_eq!(EN.item_count(1), "1 item");
        assert_eq!(EN.item_count(0), "0 items");
        assert_eq!(EN.item_count(10000), "10,000 items");
        assert_eq!(EN.item_count(1_234_567), "1,234,567 items");
        assert_eq!(EN.limit_reached(1), "You can select one item.");
        assert_eq!(EN.limit_reached(3), "You can select up to 3 items.");
        assert_eq!(EN.size(1536), "1.5 KB");
        assert_eq!(EN.size(1), "1 byte");
        assert_eq!(EN.size(3), "3 bytes");
        assert_eq!(EN.size(u64::MAX), "16,384.0 PB");
        assert_eq!(EN.source(Source::Shared), "Shared with me");
        assert_eq!(EN.uploading(2, 5), "Uploading 2 of 5 files");
        assert_eq!(EN.results_for("q{a}"), "Results for “q{a}”");
        assert_eq!(EN.dir(), None);
    }

    #[test]
    fn errors_fill_what_happened() {
        let e = GraphError::Service {
            status: 418,
            code: "teapot".into(),
            inner: None,
            message: String::new(),
            request_id: None,
            retry_after: None,
        };
        assert_eq!(EN.graph_error(&e), "Microsoft 365 answered an error (418 teapot).");
        assert_eq!(
            EN.refused(&Refusal::TooLarge(10 * 1024 * 1024)),
            "Larger than 10.0 MB."
        );
        assert_eq!(EN.name_problem(&NameProblem::Character('|')), "Names can't contain “|”.");
        assert_eq!(
            EN.name_problem(&NameProblem::Invisible('\u{200e}')),
            "Names can't contain invisible or direction-changing characters (U+200E)."
        );
        assert_eq!(
            EN.auth_error(&AuthError::Config("locale".into())),
            "The picker is misconfigured: locale"
        );
    }
}
