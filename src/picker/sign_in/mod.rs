//! Signing in: the shell around browsing and its phases ([`shell`]), the session hook for Rust
//! apps ([`session`]), the screens around browsing ([`panels`]), and the code fetched when first
//! needed ([`lazy`]) with the hand-over from a page's first screen to the picker
//! ([`handover`]), and the placeholder a server renders in the picker's place
//! ([`placeholder`]).

pub(crate) mod handover;
pub(crate) mod lazy;
pub(crate) mod machine;
pub(crate) mod panels;
pub(crate) mod placeholder;
pub(crate) mod session;
pub(crate) mod shell;
