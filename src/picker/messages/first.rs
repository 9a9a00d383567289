//! The first screen's words: the few a page's first screen ([`crate::embed`]) shows before the
//! picker's code is here. English takes them from its table at build time, so the table itself
//! (and its strings) is in the picker's module, not in the first screen's.

use super::en::EN_TEXT;
use super::{Messages, Text};

/// The words of the first screen, in one language.
#[derive(Clone, Copy, Debug)]
pub struct FirstWords {
    /// The BCP 47 tag.
    pub lang: &'static str,
    /// `rtl` for a language written right to left.
    pub dir: Option<&'static str>,
    /// The picker's accessible name.
    pub picker: Text,
    /// The header's title.
    pub title: Text,
    /// What signing in is for.
    pub sign_in_prompt: Text,
    /// The sign-in button.
    pub sign_in: Text,
    /// The wait for the sign-in window.
    pub signing_in: Text,
    /// The wait for a session.
    pub loading: Text,
    /// The picker's code could not be fetched.
    pub load_failed: Text,
    /// A retry.
    pub try_again: Text,
    /// The sign-in's code could not be fetched (a sign-in network error).
    pub network: Text,
}

impl FirstWords {
    /// English as written.
    pub const ENGLISH: FirstWords = FirstWords::words(&EN_TEXT);

    /// The first screen's words of `m` (English as written when none).
    pub fn of(m: Option<&'static Messages>) -> FirstWords {
        m.map_or(Self::ENGLISH, |m| FirstWords {
            dir: m.dir(),
            ..FirstWords::words(m)
        })
    }

    const fn words(m: &Messages) -> FirstWords {
        FirstWords {
            lang: m.lang,
            dir: None,
            picker: m.picker,
            title: m.title,
            sign_in_prompt: m.sign_in_prompt,
            sign_in: m.sign_in,
            signing_in: m.signing_in,
            loading: m.loading,
            load_failed: m.load_failed,
            try_again: m.try_again,
            network: m.error_auth_network,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirstWords;
    use crate::auth::AuthError;
    use crate::picker::messages::{Messages, EN};

    #[test]
    fn the_first_screen_says_what_the_picker_says() {
        for m in [None, Some(&EN)] {
            let w = FirstWords::of(m);
            assert_eq!(
                (w.lang, w.dir, w.picker, w.title, w.sign_in_prompt, w.sign_in),
                (EN.lang, EN.dir(), EN.picker, EN.title, EN.sign_in_prompt, EN.sign_in)
            );
            assert_eq!((w.signing_in, w.loading), (EN.signing_in, EN.loading));
            assert_eq!((w.load_failed, w.try_again), (EN.load_failed, EN.try_again));
            assert_eq!(w.network, EN.auth_error(&AuthError::Network("x".into())));
        }
        let arabic: &'static Messages = Box::leak(Box::new(Messages { lang: "ar", ..EN }));
        assert_eq!(FirstWords::of(Some(arabic)).dir, Some("rtl"));
    }
}
