//! The browsing model, DOM-free and tested natively: the state and its transitions ([`state`]), the
//! places and their Graph requests ([`source`]), the listing as it grows, selection, sort, the
//! page's rules, virtualisation arithmetic, type-ahead, formatting, where files open, what a
//! pick hands over ([`result`]), and the first pages kept for places hovered or seen
//! ([`pages`]).

pub(crate) mod format;
pub(crate) mod listing;
pub(crate) mod open;
pub(crate) mod pages;
pub(crate) mod result;
pub(crate) mod rules;
pub(crate) mod selection;
pub(crate) mod sort;
pub(crate) mod source;
pub(crate) mod state;
pub(crate) mod typeahead;
pub(crate) mod window;
