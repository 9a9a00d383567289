//! The picker's options: the one table that spells each for every way in ([`table`]), and
//! the options checked into what the picker runs with ([`setup`], [`start`]).

pub(crate) mod setup;
pub(crate) mod start;
pub(crate) mod table;
