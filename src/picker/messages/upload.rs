//! The strings of uploads, new folders and sharing links: a section of the picker's one
//! message table ([`crate::picker::messages::Messages::upload`]), in English and German.

use crate::picker::model::format::human_size;
use crate::picker::uploads::queue::Refusal;
use crate::graph::write::NameProblem;

/// Upload, new-folder and sharing-link strings in one language.
#[derive(Debug)]
pub struct UploadMessages {
    /// The upload button.
    pub upload_files: &'static str,
    /// The folder-upload button.
    pub upload_folder: &'static str,
    /// The new-folder button and the form's title.
    pub new_folder: &'static str,
    /// Shown over the listing while files are dragged over it.
    pub drop_here: &'static str,
    /// The panel's label.
    pub uploads: &'static str,
    /// `Uploading 2 of 5 files`.
    pub uploading: fn(usize, usize) -> String,
    /// `5 files uploaded`.
    pub uploaded: fn(usize) -> String,
    /// Cancels one file.
    pub cancel: &'static str,
    /// Cancels everything.
    pub cancel_all: &'static str,
    /// Tries a file again.
    pub retry: &'static str,
    /// Closes the panel.
    pub close: &'static str,
    /// Waiting, Uploaded, Skipped, Cancelled, Name taken.
    pub states: [&'static str; 5],
    /// `report.docx already exists here.`
    pub conflict: fn(&str) -> String,
    /// Replace, Keep both, Skip.
    pub choices: [&'static str; 3],
    /// The "for all" check box.
    pub for_all: &'static str,
    /// Why uploads wait for a permission.
    pub needs_scope: &'static str,
    /// Asks for it.
    pub allow: &'static str,
    /// The new folder's name field.
    pub folder_name: &'static str,
    /// Creates the folder.
    pub create: &'static str,
    /// A name OneDrive refuses.
    pub name_problem: fn(&NameProblem) -> String,
    /// A file refused before sending.
    pub refused: fn(&Refusal, char) -> String,
    /// A pick whose sharing link was refused (the selection is kept).
    pub link_refused: &'static str,
    /// Why: the organization's sharing policy (Graph's 403 to `createLink`).
    pub link_policy: &'static str,
}

fn en_name(p: &NameProblem) -> String {
    match p {
        NameProblem::Empty => "Enter a name.".into(),
        NameProblem::Character(c) => format!("Names can't contain “{c}”."),
        NameProblem::Reserved => "This name is reserved and can't be used.".into(),
        NameProblem::Edges => "Names can't start or end with a space, or end with a period.".into(),
        NameProblem::Vti => "Names can't contain “_vti_”.".into(),
        NameProblem::TooLong => "Names can be at most 255 characters long.".into(),
        NameProblem::Invisible(c) => format!(
            "Names can't contain invisible or direction-changing characters (U+{:04X}).",
            *c as u32
        ),
    }
}

fn en_refused(r: &Refusal, decimal: char) -> String {
    match r {
        Refusal::TooLarge(max) => format!("Larger than {}.", human_size(*max, decimal, "bytes")),
        Refusal::TooMany(max) => format!("At most {max} files can be uploaded at once."),
        Refusal::Extension => "This type of file can't be uploaded here.".into(),
        Refusal::Name(p) => en_name(p),
    }
}

/// English.
pub const EN_UPLOAD: UploadMessages = UploadMessages {
    upload_files: "Upload files",
    upload_folder: "Upload folder",
    new_folder: "New folder",
    drop_here: "Drop files or folders to upload them here",
    uploads: "Uploads",
    uploading: |done, all| format!("Uploading {done} of {all} files"),
    uploaded: |n| match n {
        1 => "1 file uploaded".into(),
        n => format!("{n} files uploaded"),
    },
    cancel: "Cancel",
    cancel_all: "Cancel all",
    retry: "Try again",
    close: "Close",
    states: ["Waiting", "Uploaded", "Skipped", "Cancelled", "Name taken"],
    conflict: |name| format!("“{name}” already exists here."),
    choices: ["Replace", "Keep both", "Skip"],
    for_all: "Do this for all conflicts",
    needs_scope: "Uploading needs your permission to change files.",
    allow: "Allow uploads",
    folder_name: "Folder name",
    create: "Create",
    name_problem: en_name,
    refused: en_refused,
    link_refused:
        "The sharing link could not be created, so nothing was handed over; your selection is kept.",
    link_policy: "Your organization doesn't allow sharing links of this kind.",
};

fn de_name(p: &NameProblem) -> String {
    match p {
        NameProblem::Empty => "Geben Sie einen Namen ein.".into(),
        NameProblem::Character(c) => format!("Namen dürfen „{c}“ nicht enthalten."),
        NameProblem::Reserved => "Dieser Name ist reserviert und kann nicht verwendet werden.".into(),
        NameProblem::Edges => "Namen dürfen nicht mit einem Leerzeichen beginnen oder enden und nicht mit einem Punkt enden.".into(),
        NameProblem::Vti => "Namen dürfen „_vti_“ nicht enthalten.".into(),
        NameProblem::TooLong => "Namen dürfen höchstens 255 Zeichen lang sein.".into(),
        NameProblem::Invisible(c) => format!(
            "Namen dürfen keine unsichtbaren oder richtungsändernden Zeichen enthalten (U+{:04X}).",
            *c as u32
        ),
    }
}

fn de_refused(r: &Refusal, decimal: char) -> String {
    match r {
        Refusal::TooLarge(max) => format!("Größer als {}.", human_size(*max, decimal, "Byte")),
        Refusal::TooMany(max) => format!("Höchstens {max} Dateien auf einmal."),
        Refusal::Extension => "Dieser Dateityp kann hier nicht hochgeladen werden.".into(),
        Refusal::Name(p) => de_name(p),
    }
}

/// German.
pub const DE_UPLOAD: UploadMessages = UploadMessages {
    upload_files: "Dateien hochladen",
    upload_folder: "Ordner hochladen",
    new_folder: "Neuer Ordner",
    drop_here: "Dateien oder Ordner hier ablegen, um sie hochzuladen",
    uploads: "Uploads",
    uploading: |done, all| format!("{done} von {all} Dateien werden hochgeladen"),
    uploaded: |n| match n {
        1 => "1 Datei hochgeladen".into(),
        n => format!("{n} Dateien hochgeladen"),
    },
    cancel: "Abbrechen",
    cancel_all: "Alle abbrechen",
    retry: "Erneut versuchen",
    close: "Schließen",
    states: ["Wartet", "Hochgeladen", "Übersprungen", "Abgebrochen", "Name vergeben"],
    conflict: |name| format!("„{name}“ ist hier bereits vorhanden."),
    choices: ["Ersetzen", "Beide behalten", "Überspringen"],
    for_all: "Für alle Konflikte übernehmen",
    needs_scope: "Zum Hochladen ist Ihre Erlaubnis nötig, Dateien zu ändern.",
    allow: "Hochladen erlauben",
    folder_name: "Ordnername",
    create: "Erstellen",
    name_problem: de_name,
    refused: de_refused,
    link_refused: "Der Freigabelink konnte nicht erstellt werden, daher wurde nichts übergeben; Ihre Auswahl bleibt erhalten.",
    link_policy: "Ihre Organisation erlaubt Freigabelinks dieser Art nicht.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_worded_in_both_languages() {
        assert_eq!(
            (EN_UPLOAD.refused)(&Refusal::TooLarge(10 * 1024 * 1024), '.'),
            "Larger than 10.0 MB."
        );
        assert_eq!(
            (DE_UPLOAD.refused)(&Refusal::TooLarge(10 * 1024 * 1024), ','),
            "Größer als 10,0 MB."
        );
        assert_eq!(
            (EN_UPLOAD.name_problem)(&NameProblem::Character('|')),
            "Names can't contain “|”."
        );
        assert_eq!(
            (DE_UPLOAD.uploading)(2, 5),
            "2 von 5 Dateien werden hochgeladen"
        );
    }
}
