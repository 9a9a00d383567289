//! Nested app authentication (NAA): inside a Teams or Outlook host that offers the bridge, the
//! host brokers the tokens — no sign-in window, no redirect. [`codec`] is the protocol
//! (DOM-free), [`bridge`] the page's bridge object; the client's `hosted` room drives them.
//! `../shared/reference/naa.md` has the protocol as `@azure/msal-browser` speaks it.

pub mod bridge;
pub mod codec;

use crate::auth::config::AuthMode;
use bridge::Bridge;

/// Where the client stands with a host.
pub enum Host {
    /// No host: the popup flow.
    Absent,
    /// There may be one (a bridge, or the hook that installs it): not greeted yet.
    Offered,
    /// Greeted: its bridge, and the account it said it is signed in as.
    Connected {
        bridge: Bridge,
        account_id: Option<String>,
    },
}

impl Host {
    /// At start, for `mode`.
    pub fn at_start(mode: AuthMode) -> Host {
        match mode {
            AuthMode::Nested => Host::Offered,
            AuthMode::Auto if bridge::offered() => Host::Offered,
            _ => Host::Absent,
        }
    }
}


/// A request or correlation id: a version 4 GUID from 16 random bytes.
pub fn guid(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
