//! Every string the picker shows, in one table per language (English here, German in
//! [`de`], the uploads' section in [`upload`]), with the language's number and date conventions. Components read the
//! table from context ([`use_messages`]).

pub(crate) mod de;
pub(crate) mod upload;

use leptos::prelude::*;

use crate::picker::model::format::human_size;
use crate::picker::model::listing::PlaceKind;
use crate::picker::messages::upload::{UploadMessages, EN_UPLOAD};
use crate::picker::model::sort::SortKey;
use crate::picker::model::source::Source;
use crate::auth::{AuthError, HostStatus};
use crate::graph::GraphError;

/// The picker's strings in one language.
#[derive(Debug)]
pub struct Messages {
    /// The BCP 47 language tag (`lang` attribute, dates).
    pub lang: &'static str,
    /// The decimal separator.
    pub decimal: char,
    /// The thousands separator.
    pub thousands: char,
    /// The unit of sizes below a kilobyte.
    pub bytes: &'static str,
    /// The sources' names, in [`Source::ALL`] order.
    pub source_names: [&'static str; 5],
    /// Name, Modified, Size.
    pub sort_names: [&'static str; 3],
    /// Site, Library, Team, Channel, Folder.
    pub place_names: [&'static str; 5],
    /// The picker's accessible name.
    pub picker: &'static str,
    /// The header's title.
    pub title: &'static str,
    /// Above the sign-in button.
    pub sign_in_prompt: &'static str,
    /// The sign-in button.
    pub sign_in: &'static str,
    /// While the popup is open.
    pub signing_in: &'static str,
    /// Header buttons.
    pub switch_account: &'static str,
    /// Header buttons.
    pub sign_out: &'static str,
    /// Error actions.
    pub sign_in_again: &'static str,
    /// Error actions.
    pub review_permissions: &'static str,
    /// Error actions.
    pub try_again: &'static str,
    /// Error actions: a blocked sign-in window, signing in by redirect instead.
    pub sign_in_here: &'static str,
    /// The navigation pane's label.
    pub sources: &'static str,
    /// The breadcrumb trail's label.
    pub path: &'static str,
    /// The up button.
    pub up: &'static str,
    /// The search box (placeholder and label).
    pub search_here: &'static str,
    /// The search box for sites.
    pub search_sites: &'static str,
    /// The button that clears a search.
    pub clear_search: &'static str,
    /// The sort buttons' group label.
    pub sort_by: &'static str,
    /// Said after the sort key that sorts ascending ("Name, ascending").
    pub ascending: &'static str,
    /// Said after the sort key that sorts descending.
    pub descending: &'static str,
    /// The view switch.
    pub list_view: &'static str,
    /// The view switch.
    pub grid_view: &'static str,
    /// The listing's label.
    pub items: &'static str,
    /// Column headers.
    pub modified_by: &'static str,
    /// While a listing loads.
    pub loading: &'static str,
    /// The browsing screen's code could not be fetched.
    pub load_failed: &'static str,
    /// An empty folder.
    pub empty_folder: &'static str,
    /// A search without results.
    pub no_results: &'static str,
    /// A list that answered nothing.
    pub nothing_here: &'static str,
    /// Recent or Shared with me answered nothing (Graph retires both feeds).
    pub feed_retired: &'static str,
    /// Asks for the Teams permissions.
    pub allow_teams: &'static str,
    /// The fallback button below a listing.
    pub show_more: &'static str,
    /// The details pane's label and toggle.
    pub details: &'static str,
    /// The details pane with nothing focused.
    pub details_hint: &'static str,
    /// The preview frame's title.
    pub preview: &'static str,
    /// The "where" fact.
    pub location: &'static str,
    /// Opens a file by its link.
    pub open: &'static str,
    /// Office for the web, read-only.
    pub open_view: &'static str,
    /// Office for the web, editing.
    pub open_edit: &'static str,
    /// The desktop app (its name given).
    pub open_desktop: fn(&str) -> String,
    /// The selection tray's label.
    pub selected: &'static str,
    /// Removes an item from the tray.
    pub remove: &'static str,
    /// Confirms the pick.
    pub select: &'static str,
    /// Ends the pick with nothing.
    pub cancel: &'static str,
    /// Said when the maximum is reached.
    pub limit_reached: fn(usize) -> String,
    /// `3 items`.
    pub item_count: fn(u64) -> String,
    /// Search results' crumb.
    pub results_for: fn(&str) -> String,
    /// A sign-in error, saying what happened and what to do.
    pub auth_error: fn(&AuthError) -> String,
    /// A Graph error, likewise.
    pub graph_error: fn(&GraphError) -> String,
    /// Uploads, new folders and sharing links.
    pub upload: &'static UploadMessages,
}

/// English.
pub const EN: Messages = Messages {
    lang: "en",
    decimal: '.',
    thousands: ',',
    bytes: "bytes",
    source_names: [
        "My files",
        "Recent",
        "Shared with me",
        "SharePoint",
        "Teams",
    ],
    sort_names: ["Name", "Modified", "Size"],
    place_names: ["Site", "Library", "Team", "Channel", "Folder"],
    picker: "Microsoft 365 file picker",
    title: "Microsoft 365",
    sign_in_prompt: "Sign in to pick files from OneDrive, SharePoint and Teams.",
    sign_in: "Sign in with Microsoft",
    signing_in: "Finish signing in in the pop-up window…",
    switch_account: "Switch account",
    sign_out: "Sign out",
    sign_in_again: "Sign in again",
    review_permissions: "Review permissions",
    try_again: "Try again",
    sign_in_here: "Sign in on this page instead",
    sources: "Sources",
    path: "Folder path",
    up: "Up one level",
    search_here: "Search this library",
    search_sites: "Search sites",
    clear_search: "Clear search",
    sort_by: "Sort by",
    ascending: "ascending",
    descending: "descending",
    list_view: "List",
    grid_view: "Grid",
    items: "Files and folders",
    modified_by: "Modified by",
    loading: "Loading…",
    load_failed: "The picker could not load. Check your connection, then try again.",
    empty_folder: "This folder is empty.",
    no_results: "Nothing matches your search.",
    nothing_here: "Nothing to show here.",
    feed_retired: "Nothing here. Microsoft 365 is retiring this list: find your files in My files, in SharePoint or by searching.",
    allow_teams: "Allow access to Teams",
    show_more: "Show more",
    details: "Details",
    details_hint: "Select a file to see its details.",
    preview: "Preview",
    location: "Location",
    open: "Open",
    open_view: "Open in browser",
    open_edit: "Edit in browser",
    open_desktop: |app| format!("Open in {app}"),
    selected: "Selected",
    remove: "Remove",
    select: "Select",
    cancel: "Cancel",
    limit_reached: |n| match n {
        1 => "You can select one item.".into(),
        n => format!("You can select up to {n} items."),
    },
    item_count: |n| match n {
        1 => "1 item".into(),
        n => format!("{} items", group_thousands(n, ',')),
    },
    results_for: |q| format!("Results for “{q}”"),
    auth_error: en_auth_error,
    graph_error: en_graph_error,
    upload: &EN_UPLOAD,
};

fn en_auth_error(e: &AuthError) -> String {
    let text = match e {
        AuthError::PopupBlocked => "The sign-in window was blocked by the browser. Allow pop-ups for this site and try again.",
        AuthError::PopupClosed => "The sign-in window was closed, or the browser no longer lets this page see it. If it is still open, finish signing in there; otherwise try again.",
        AuthError::Timeout => "Sign-in took too long. Try again.",
        AuthError::InteractionInProgress => "A sign-in is already in progress in another window.",
        AuthError::ConsentDeclined => "The permissions were not granted, so your files cannot be shown.",
        AuthError::StateMismatch => "The sign-in response did not belong to this sign-in, so it was ignored. Try again.",
        AuthError::NonceMismatch => "The sign-in response could not be verified. Try again.",
        AuthError::InteractionRequired { consent: true, .. } => "More permissions are needed. Sign in again to grant them.",
        AuthError::InteractionRequired { .. } => "Your session has expired. Sign in again.",
        AuthError::Server { error, description, .. } => return format!("Sign-in failed ({error}): {description}"),
        AuthError::Network(_) => "Could not reach the sign-in service. Check your connection and try again.",
        AuthError::InvalidResponse(why) => return format!("The sign-in service sent an unexpected answer: {why}"),
        AuthError::Config(why) => return format!("The picker is misconfigured: {why}"),
        AuthError::Host { status, .. } => match status {
            HostStatus::Cancelled => "Signing in through the app you are in was cancelled. Try again to see your files.",
            HostStatus::NoNetwork => "The app you are in is offline. Check your connection and try again.",
            HostStatus::Transient => "The app you are in could not sign you in just now. Try again.",
            HostStatus::Persistent => "The app you are in could not sign you in to this picker. If it keeps happening, tell your administrator.",
            HostStatus::Disabled => "The app you are in does not let this picker sign you in. Try again, or ask your administrator.",
            HostStatus::AccountUnavailable => "The account this picker asked for is not the one signed in to the app you are in. Sign in again to choose.",
            HostStatus::Unavailable => "The app you are in cannot sign you in to this picker. Try again, or open the page in a browser.",
        },
        AuthError::HostTimeout => "The app you are in did not answer the sign-in in time. Try again.",
    };
    text.into()
}

fn en_graph_error(e: &GraphError) -> String {
    let text = match e {
        GraphError::Service { status: 404, .. } => "This item no longer exists or was moved.",
        GraphError::Service { status: 403, .. } => "You don't have access to this location.",
        GraphError::Service { status: 409, .. } => "An item with this name already exists here.",
        GraphError::Service { status: 507, .. } => {
            "There is not enough storage space left for this file."
        }
        GraphError::Service {
            status: 429 | 503, ..
        } => "Microsoft 365 is busy right now. Try again in a moment.",
        GraphError::Service { status: 401, .. } => "Your session has expired. Sign in again.",
        GraphError::Service { status, code, .. } => {
            return format!("Microsoft 365 answered an error ({status} {code}).")
        }
        GraphError::Auth(a) => return en_auth_error(a),
        GraphError::Network(_) => {
            "Could not reach Microsoft 365. Check your connection and try again."
        }
        GraphError::InvalidResponse(_) => "Microsoft 365 sent an answer the picker could not read.",
        GraphError::Aborted => "The request was cancelled.",
        GraphError::UntrustedLink => {
            "Microsoft 365 sent a link to another site; the picker did not follow it."
        }
        GraphError::Unreadable(_) => {
            "The file could not be read. It may have been moved or changed since you chose it."
        }
    };
    text.into()
}

impl Messages {
    /// A source's name.
    pub fn source(&self, s: Source) -> &'static str {
        let i = Source::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.source_names[i]
    }

    /// A sort key's name.
    pub fn sort_key(&self, k: SortKey) -> &'static str {
        self.sort_names[k as usize]
    }

    /// A place kind's name (for screen readers).
    pub fn place_kind(&self, k: PlaceKind) -> &'static str {
        self.place_names[k as usize]
    }

    /// A size in this language (`1.5 KB`, `1,5 KB`).
    pub fn size(&self, bytes: u64) -> String {
        human_size(bytes, self.decimal, self.bytes)
    }
}

/// `12,345` (with the language's separator).
pub fn group_thousands(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The message table in context.
#[derive(Clone, Copy)]
pub struct MessagesContext(pub &'static Messages);

/// The picker's strings (English when none were provided).
pub fn use_messages() -> &'static Messages {
    use_context::<MessagesContext>().map_or(&EN, |m| m.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!((EN.item_count)(1), "1 item");
        assert_eq!((EN.item_count)(0), "0 items");
        assert_eq!((EN.item_count)(10000), "10,000 items");
        assert_eq!((EN.item_count)(1_234_567), "1,234,567 items");
        assert_eq!((EN.limit_reached)(3), "You can select up to 3 items.");
        assert_eq!(EN.size(1536), "1.5 KB");
        assert_eq!(EN.source(Source::Shared), "Shared with me");
    }
}
