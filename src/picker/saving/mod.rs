//! Save as (`mode="save"`): the user chooses a folder and a file name instead of picking; a name
//! taken there is settled (replace, keep both); the page gets the folder and name, or, when it
//! gave the bytes, the file the picker uploaded there ([`saver`], [`bar`]).

pub(crate) mod bar;
pub(crate) mod saver;
