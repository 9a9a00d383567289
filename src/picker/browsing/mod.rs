//! Browsing at the DOM edge: the picker's state in signals and the Graph requests each transition
//! needs ([`controller`], [`loader`]), selecting and picking ([`selecting`], [`pick`]), the
//! browsing screen built once per picker ([`screen`]), browser history ([`history`]) and pasted
//! links ([`link`]), and folders fetched ahead of their opening ([`ahead`]).

pub(crate) mod ahead;
pub(crate) mod controller;
pub(crate) mod history;
pub(crate) mod link;
pub(crate) mod loader;
pub(crate) mod pick;
pub(crate) mod screen;
pub(crate) mod selecting;
