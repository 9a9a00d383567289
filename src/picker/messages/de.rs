//! Deutsch: the picker's strings in German (every field of [`Messages`]).

use crate::picker::messages::{group_thousands, Messages};
use super::upload::DE_UPLOAD;
use crate::auth::{AuthError, HostStatus};
use crate::graph::GraphError;

/// German.
pub const DE: Messages = Messages {
    lang: "de",
    decimal: ',',
    thousands: '.',
    bytes: "Byte",
    source_names: [
        "Meine Dateien",
        "Zuletzt verwendet",
        "Für mich freigegeben",
        "SharePoint",
        "Teams",
    ],
    sort_names: ["Name", "Geändert", "Größe"],
    place_names: ["Website", "Bibliothek", "Team", "Kanal", "Ordner"],
    picker: "Microsoft 365-Dateiauswahl",
    title: "Microsoft 365",
    sign_in_prompt:
        "Melden Sie sich an, um Dateien aus OneDrive, SharePoint und Teams auszuwählen.",
    sign_in: "Mit Microsoft anmelden",
    signing_in: "Schließen Sie die Anmeldung im Pop-up-Fenster ab …",
    switch_account: "Konto wechseln",
    sign_out: "Abmelden",
    sign_in_again: "Erneut anmelden",
    review_permissions: "Berechtigungen prüfen",
    try_again: "Erneut versuchen",
    sign_in_here: "Stattdessen auf dieser Seite anmelden",
    sources: "Quellen",
    path: "Ordnerpfad",
    up: "Eine Ebene höher",
    search_here: "In dieser Bibliothek suchen",
    search_sites: "Websites suchen",
    clear_search: "Suche löschen",
    sort_by: "Sortieren nach",
    ascending: "aufsteigend",
    descending: "absteigend",
    list_view: "Liste",
    grid_view: "Kacheln",
    items: "Dateien und Ordner",
    modified_by: "Geändert von",
    loading: "Wird geladen …",
    load_failed: "Die Auswahl konnte nicht geladen werden. Prüfen Sie die Verbindung und versuchen Sie es erneut.",
    empty_folder: "Dieser Ordner ist leer.",
    no_results: "Keine Treffer für Ihre Suche.",
    nothing_here: "Hier gibt es nichts anzuzeigen.",
    feed_retired: "Hier ist nichts. Microsoft 365 stellt diese Liste ein: Ihre Dateien finden Sie unter „Meine Dateien“, in SharePoint oder über die Suche.",
    allow_teams: "Zugriff auf Teams erlauben",
    show_more: "Mehr anzeigen",
    details: "Details",
    details_hint: "Wählen Sie eine Datei, um ihre Details zu sehen.",
    preview: "Vorschau",
    location: "Speicherort",
    open: "Öffnen",
    open_view: "Im Browser öffnen",
    open_edit: "Im Browser bearbeiten",
    open_desktop: |app| format!("In {app} öffnen"),
    selected: "Ausgewählt",
    remove: "Entfernen",
    select: "Auswählen",
    cancel: "Abbrechen",
    limit_reached: |n| match n {
        1 => "Sie können ein Element auswählen.".into(),
        n => format!("Sie können bis zu {n} Elemente auswählen."),
    },
    item_count: |n| match n {
        1 => "1 Element".into(),
        n => format!("{} Elemente", group_thousands(n, '.')),
    },
    results_for: |q| format!("Ergebnisse für „{q}“"),
    auth_error: de_auth_error,
    graph_error: de_graph_error,
    upload: &DE_UPLOAD,
};

fn de_auth_error(e: &AuthError) -> String {
    let text = match e {
        AuthError::PopupBlocked => "Der Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Website und versuchen Sie es erneut.",
        AuthError::PopupClosed => "Das Anmeldefenster wurde geschlossen, oder der Browser lässt diese Seite es nicht mehr sehen. Ist es noch offen, melden Sie sich dort fertig an; sonst versuchen Sie es erneut.",
        AuthError::Timeout => "Die Anmeldung hat zu lange gedauert. Versuchen Sie es erneut.",
        AuthError::InteractionInProgress => "In einem anderen Fenster läuft bereits eine Anmeldung.",
        AuthError::ConsentDeclined => "Die Berechtigungen wurden nicht erteilt, daher können Ihre Dateien nicht angezeigt werden.",
        AuthError::StateMismatch => "Die Anmeldeantwort gehörte nicht zu dieser Anmeldung und wurde ignoriert. Versuchen Sie es erneut.",
        AuthError::NonceMismatch => "Die Anmeldeantwort konnte nicht überprüft werden. Versuchen Sie es erneut.",
        AuthError::InteractionRequired { consent: true, .. } => "Es werden weitere Berechtigungen benötigt. Melden Sie sich erneut an, um sie zu erteilen.",
        AuthError::InteractionRequired { .. } => "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.",
        AuthError::Server { error, description, .. } => return format!("Anmeldung fehlgeschlagen ({error}): {description}"),
        AuthError::Network(_) => "Der Anmeldedienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
        AuthError::InvalidResponse(why) => return format!("Der Anmeldedienst hat unerwartet geantwortet: {why}"),
        AuthError::Config(why) => return format!("Die Dateiauswahl ist falsch konfiguriert: {why}"),
        AuthError::Host { status, .. } => match status {
            HostStatus::Cancelled => "Die Anmeldung über die App, in der Sie sind, wurde abgebrochen. Versuchen Sie es erneut, um Ihre Dateien zu sehen.",
            HostStatus::NoNetwork => "Die App, in der Sie sind, ist offline. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
            HostStatus::Transient => "Die App, in der Sie sind, konnte Sie gerade nicht anmelden. Versuchen Sie es erneut.",
            HostStatus::Persistent => "Die App, in der Sie sind, konnte Sie bei dieser Dateiauswahl nicht anmelden. Wenn es wieder passiert, wenden Sie sich an Ihre Administration.",
            HostStatus::Disabled => "Die App, in der Sie sind, lässt diese Dateiauswahl Sie nicht anmelden. Versuchen Sie es erneut, oder fragen Sie Ihre Administration.",
            HostStatus::AccountUnavailable => "Das angefragte Konto ist nicht das, mit dem Sie in der App angemeldet sind. Melden Sie sich erneut an, um es zu wählen.",
            HostStatus::Unavailable => "Die App, in der Sie sind, kann Sie bei dieser Dateiauswahl nicht anmelden. Versuchen Sie es erneut, oder öffnen Sie die Seite im Browser.",
        },
        AuthError::HostTimeout => "Die App, in der Sie sind, hat auf die Anmeldung nicht rechtzeitig geantwortet. Versuchen Sie es erneut.",
    };
    text.into()
}

fn de_graph_error(e: &GraphError) -> String {
    let text = match e {
        GraphError::Service { status: 404, .. } => "Dieses Element existiert nicht mehr oder wurde verschoben.",
        GraphError::Service { status: 403, .. } => "Sie haben keinen Zugriff auf diesen Speicherort.",
        GraphError::Service { status: 409, .. } => "Hier gibt es bereits ein Element mit diesem Namen.",
        GraphError::Service { status: 507, .. } => "Für diese Datei ist nicht genug Speicherplatz frei.",
        GraphError::Service { status: 429 | 503, .. } => "Microsoft 365 ist gerade ausgelastet. Versuchen Sie es gleich noch einmal.",
        GraphError::Service { status: 401, .. } => "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.",
        GraphError::Service { status, code, .. } => return format!("Microsoft 365 hat einen Fehler gemeldet ({status} {code})."),
        GraphError::Auth(a) => return de_auth_error(a),
        GraphError::Network(_) => "Microsoft 365 ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
        GraphError::InvalidResponse(_) => "Microsoft 365 hat eine Antwort gesendet, die nicht gelesen werden konnte.",
        GraphError::Aborted => "Die Anfrage wurde abgebrochen.",
        GraphError::UntrustedLink => "Microsoft 365 hat einen Link zu einer anderen Website gesendet; er wurde nicht verfolgt.",
        GraphError::Unreadable(_) => "Die Datei konnte nicht gelesen werden. Vielleicht wurde sie seit der Auswahl verschoben oder geändert.",
    };
    text.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picker::model::listing::PlaceKind;
    use crate::picker::options::setup::for_locale;
    use crate::picker::model::sort::SortKey;
    use crate::picker::model::source::Source;

    #[test]
    fn german_is_complete_and_chosen_by_locale() {
        let de = for_locale("de-AT");
        assert_eq!(de.lang, "de");
        assert_eq!(for_locale("en-GB").lang, "en");
        assert_eq!(for_locale("").lang, "en");
        assert_eq!((de.item_count)(10000), "10.000 Elemente");
        assert_eq!((de.item_count)(1), "1 Element");
        assert_eq!(de.size(1536), "1,5 KB");
        assert_eq!(de.size(3), "3 Byte");
        assert_eq!(de.source(Source::MyFiles), "Meine Dateien");
        assert_eq!(de.sort_key(SortKey::Modified), "Geändert");
        assert_eq!(de.place_kind(PlaceKind::Channel), "Kanal");
        assert!((de.auth_error)(&AuthError::PopupBlocked).contains("Pop-up"));
    }
}
