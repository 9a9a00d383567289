//! The table's keys and their English text: the source every locale file in `locales/`
//! translates, and what a page's `messages` option may override (`docs/messages.md` lists them).
//! Placeholders are `{name}`; a plural's count is `{count}`.

use super::table::{messages, Plural};

messages! {
    /// The picker's accessible name.
    picker: Text = "Microsoft 365 file picker";
    /// The header's title.
    title: Text = "Microsoft 365";
    /// Above the sign-in button.
    sign_in_prompt: Text = "Sign in to pick files from OneDrive, SharePoint and Teams.";
    /// The sign-in button.
    sign_in: Text = "Sign in with Microsoft";
    /// While the sign-in window is open.
    signing_in: Text = "Finish signing in in the pop-up window…";
    /// Header button.
    switch_account: Text = "Switch account";
    /// Header button.
    sign_out: Text = "Sign out";
    /// Error action.
    sign_in_again: Text = "Sign in again";
    /// Error action.
    review_permissions: Text = "Review permissions";
    /// Error action.
    try_again: Text = "Try again";
    /// Error action: a blocked sign-in window, signing in by redirect instead.
    sign_in_here: Text = "Sign in on this page instead";
    /// A source.
    source_mine: Text = "My files";
    /// A source.
    source_recent: Text = "Recent";
    /// A source.
    source_shared: Text = "Shared with me";
    /// A source.
    source_sites: Text = "SharePoint";
    /// A source.
    source_teams: Text = "Teams";
    /// A sort key and column.
    sort_name: Text = "Name";
    /// A sort key and column.
    sort_modified: Text = "Modified";
    /// A sort key and column.
    sort_size: Text = "Size";
    /// A place's kind, for screen readers.
    place_site: Text = "Site";
    /// A place's kind.
    place_library: Text = "Library";
    /// A place's kind.
    place_team: Text = "Team";
    /// A place's kind.
    place_channel: Text = "Channel";
    /// A place's kind.
    place_folder: Text = "Folder";
    /// The navigation pane's label.
    sources: Text = "Sources";
    /// The breadcrumb trail's label.
    path: Text = "Folder path";
    /// The up button.
    up: Text = "Up one level";
    /// The search box (placeholder and label).
    search_here: Text = "Search this library";
    /// The search box for sites.
    search_sites: Text = "Search sites";
    /// The button that clears a search.
    clear_search: Text = "Clear search";
    /// Shown beside the search box when it holds a link: opens what the link shares.
    open_link: Text = "Open link";
    /// A pasted link that leads nowhere (removed, mistyped, or another organization's).
    link_not_found: Text = "This link doesn't lead to a file or folder. It may have been removed.";
    /// A pasted link the user may not open.
    link_denied: Text = "You don't have access to what this link shares.";
    /// A pasted link's file, chosen; `{name}` is the file's name.
    link_chosen: Text = "{name} is selected.";
    /// A pasted link's file that the page's rules refuse; `{name}` is its name.
    link_not_pickable: Text = "{name} can't be picked here.";
    /// The sort buttons' group label.
    sort_by: Text = "Sort by";
    /// Said after the sort key that sorts ascending ("Name, ascending").
    ascending: Text = "ascending";
    /// Said after the sort key that sorts descending.
    descending: Text = "descending";
    /// The view switch.
    list_view: Text = "List";
    /// The view switch.
    grid_view: Text = "Grid";
    /// The listing's label.
    items: Text = "Files and folders";
    /// A column header.
    modified_by: Text = "Modified by";
    /// While a listing loads.
    loading: Text = "Loading…";
    /// The browsing screen's code could not be fetched.
    load_failed: Text = "The picker could not load. Check your connection, then try again.";
    /// An empty folder.
    empty_folder: Text = "This folder is empty.";
    /// A search without results.
    no_results: Text = "Nothing matches your search.";
    /// A list that answered nothing.
    nothing_here: Text = "Nothing to show here.";
    /// Recent or Shared with me answered nothing (Graph retires both feeds).
    feed_retired: Text = "Nothing here. Microsoft 365 is retiring this list: find your files in My files, in SharePoint or by searching.";
    /// Asks for the Teams permissions.
    allow_teams: Text = "Allow access to Teams";
    /// The fallback button below a listing.
    show_more: Text = "Show more";
    /// The details pane's label and toggle.
    details: Text = "Details";
    /// The details pane with nothing focused.
    details_hint: Text = "Select a file to see its details.";
    /// The preview frame's title.
    preview: Text = "Preview";
    /// The "where" fact.
    location: Text = "Location";
    /// Opens a file by its link.
    open: Text = "Open";
    /// Office for the web, read-only.
    open_view: Text = "Open in browser";
    /// Office for the web, editing.
    open_edit: Text = "Edit in browser";
    /// The desktop app; `{app}` is its name.
    open_desktop: Text = "Open in {app}";
    /// The selection tray's label.
    selected: Text = "Selected";
    /// Removes an item from the tray.
    remove: Text = "Remove";
    /// Confirms the pick.
    select: Text = "Select";
    /// Ends the pick with nothing.
    cancel: Text = "Cancel";
    /// Save as: the bar's label (instead of the tray).
    save_as: Text = "Save as";
    /// Save as: the file name box.
    file_name: Text = "File name";
    /// Save as: the button that ends it.
    save: Text = "Save";
    /// Save as: while the file is uploaded.
    saving: Text = "Saving…";
    /// Save as: the place shown is not a folder.
    save_where: Text = "Open a folder to save in.";
    /// The check box (and Ctrl+A) that selects every item of the folder shown.
    select_all: Text = "Select all";
    /// Said when every item of the folder is selected.
    all_selected: Plural = Plural::en("{count} item selected", "All {count} items selected");
    /// Said when "select all" deselects them again.
    all_cleared: Plural = Plural::en("{count} item deselected", "{count} items deselected");
    /// Items the page chose before that are gone or refused (left out of the tray).
    left_out: Plural = Plural::en("{count} item chosen before is not available.", "{count} items chosen before are not available.");
    /// Said when the maximum is reached.
    limit_reached: Plural = Plural::en("You can select one item.", "You can select up to {count} items.");
    /// A folder's size in items.
    item_count: Plural = Plural::en("{count} item", "{count} items");
    /// Search results' crumb; `{query}` is what was searched.
    results_for: Text = "Results for “{query}”";
    /// A size below a kilobyte.
    size_bytes: Plural = Plural::en("{count} byte", "{count} bytes");
    /// A size; `{size}` has one decimal.
    size_kb: Text = "{size} KB";
    /// A size.
    size_mb: Text = "{size} MB";
    /// A size.
    size_gb: Text = "{size} GB";
    /// A size.
    size_tb: Text = "{size} TB";
    /// A size.
    size_pb: Text = "{size} PB";
    /// Sign-in error.
    error_popup_blocked: Text = "The sign-in window was blocked by the browser. Allow pop-ups for this site and try again.";
    /// Sign-in error.
    error_popup_closed: Text = "The sign-in window was closed, or the browser no longer lets this page see it. If it is still open, finish signing in there; otherwise try again.";
    /// Sign-in error.
    error_timeout: Text = "Sign-in took too long. Try again.";
    /// Sign-in error.
    error_in_progress: Text = "A sign-in is already in progress in another window.";
    /// Sign-in error.
    error_consent_declined: Text = "The permissions were not granted, so your files cannot be shown.";
    /// Sign-in error.
    error_state: Text = "The sign-in response did not belong to this sign-in, so it was ignored. Try again.";
    /// Sign-in error.
    error_nonce: Text = "The sign-in response could not be verified. Try again.";
    /// Sign-in error: consent needed.
    error_more_permissions: Text = "More permissions are needed. Sign in again to grant them.";
    /// Sign-in error, and Graph's 401.
    error_expired: Text = "Your session has expired. Sign in again.";
    /// Sign-in error; `{error}` and `{description}` are the service's.
    error_server: Text = "Sign-in failed ({error}): {description}";
    /// Sign-in error.
    error_auth_network: Text = "Could not reach the sign-in service. Check your connection and try again.";
    /// Sign-in error; `{why}` says what was wrong.
    error_auth_invalid: Text = "The sign-in service sent an unexpected answer: {why}";
    /// A wrong option; `{why}` names it.
    error_config: Text = "The picker is misconfigured: {why}";
    /// Host error (Teams, Outlook).
    host_cancelled: Text = "Signing in through the app you are in was cancelled. Try again to see your files.";
    /// Host error.
    host_no_network: Text = "The app you are in is offline. Check your connection and try again.";
    /// Host error.
    host_transient: Text = "The app you are in could not sign you in just now. Try again.";
    /// Host error.
    host_persistent: Text = "The app you are in could not sign you in to this picker. If it keeps happening, tell your administrator.";
    /// Host error.
    host_disabled: Text = "The app you are in does not let this picker sign you in. Try again, or ask your administrator.";
    /// Host error.
    host_account: Text = "The account this picker asked for is not the one signed in to the app you are in. Sign in again to choose.";
    /// Host error.
    host_unavailable: Text = "The app you are in cannot sign you in to this picker. Try again, or open the page in a browser.";
    /// Host error.
    host_timeout: Text = "The app you are in did not answer the sign-in in time. Try again.";
    /// Graph error (404).
    error_not_found: Text = "This item no longer exists or was moved.";
    /// Graph error (403).
    error_forbidden: Text = "You don't have access to this location.";
    /// Graph error (409).
    error_conflict: Text = "An item with this name already exists here.";
    /// Graph error (507).
    error_storage: Text = "There is not enough storage space left for this file.";
    /// Graph error (429, 503).
    error_busy: Text = "Microsoft 365 is busy right now. Try again in a moment.";
    /// Graph error; `{status}` and `{code}` are Graph's.
    error_service: Text = "Microsoft 365 answered an error ({status} {code}).";
    /// Graph error.
    error_graph_network: Text = "Could not reach Microsoft 365. Check your connection and try again.";
    /// Graph error.
    error_graph_invalid: Text = "Microsoft 365 sent an answer the picker could not read.";
    /// Graph error.
    error_aborted: Text = "The request was cancelled.";
    /// Graph error.
    error_untrusted_link: Text = "Microsoft 365 sent a link to another site; the picker did not follow it.";
    /// Graph error.
    error_unreadable: Text = "The file could not be read. It may have been moved or changed since you chose it.";
    /// The upload button.
    upload_files: Text = "Upload files";
    /// The folder-upload button.
    upload_folder: Text = "Upload folder";
    /// The new-folder button and the form's title.
    new_folder: Text = "New folder";
    /// Shown over the listing while files are dragged over it.
    drop_here: Text = "Drop files or folders to upload them here";
    /// The uploads panel's label.
    uploads: Text = "Uploads";
    /// Upload progress; `{done}` of `{count}`.
    uploading: Plural = Plural::en("Uploading {done} of {count} file", "Uploading {done} of {count} files");
    /// Uploads finished.
    uploaded: Plural = Plural::en("{count} file uploaded", "{count} files uploaded");
    /// Cancels one upload.
    upload_cancel: Text = "Cancel";
    /// Cancels every upload.
    cancel_all: Text = "Cancel all";
    /// Tries an upload again.
    retry: Text = "Try again";
    /// Closes the uploads panel.
    close: Text = "Close";
    /// An upload's state.
    state_waiting: Text = "Waiting";
    /// An upload's state.
    state_done: Text = "Uploaded";
    /// An upload's state.
    state_skipped: Text = "Skipped";
    /// An upload's state.
    state_cancelled: Text = "Cancelled";
    /// An upload's state.
    state_conflict: Text = "Name taken";
    /// A name conflict; `{name}` is the file's.
    conflict: Text = "“{name}” already exists here.";
    /// A conflict's answer.
    choice_replace: Text = "Replace";
    /// A conflict's answer.
    choice_keep_both: Text = "Keep both";
    /// A conflict's answer.
    choice_skip: Text = "Skip";
    /// The "for all" check box.
    for_all: Text = "Do this for all conflicts";
    /// Why uploads wait for a permission.
    needs_scope: Text = "Uploading needs your permission to change files.";
    /// Asks for it.
    allow: Text = "Allow uploads";
    /// The new folder's name field.
    folder_name: Text = "Folder name";
    /// Creates the folder.
    create: Text = "Create";
    /// A name OneDrive refuses.
    name_empty: Text = "Enter a name.";
    /// A name OneDrive refuses; `{char}` is the character.
    name_character: Text = "Names can't contain “{char}”.";
    /// A name OneDrive refuses.
    name_reserved: Text = "This name is reserved and can't be used.";
    /// A name OneDrive refuses.
    name_edges: Text = "Names can't start or end with a space, or end with a period.";
    /// A name OneDrive refuses.
    name_vti: Text = "Names can't contain “_vti_”.";
    /// A name OneDrive refuses.
    name_too_long: Text = "Names can be at most 255 characters long.";
    /// A name OneDrive refuses; `{code}` is the character's code point (`U+200E`).
    name_invisible: Text = "Names can't contain invisible or direction-changing characters ({code}).";
    /// A file refused before sending; `{size}` is the limit.
    refused_too_large: Text = "Larger than {size}.";
    /// A file refused before sending.
    refused_too_many: Plural = Plural::en("At most {count} file can be uploaded at once.", "At most {count} files can be uploaded at once.");
    /// A file refused before sending.
    refused_extension: Text = "This type of file can't be uploaded here.";
    /// A pick whose sharing link was refused (the selection is kept).
    link_refused: Text = "The sharing link could not be created, so nothing was handed over; your selection is kept.";
    /// Why: the organization's sharing policy (Graph's 403 to `createLink`).
    link_policy: Text = "Your organization doesn't allow sharing links of this kind.";
}
