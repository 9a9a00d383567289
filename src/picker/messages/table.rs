//! The table's building blocks: a message ([`Text`]), one with plural forms ([`Plural`]), a
//! field reached by its key ([`Slot`]), and the macro that declares the table ([`messages!`],
//! used once, in [`super::en`]).

/// One message: plain text, or a template with `{name}` placeholders.
pub type Text = &'static str;

/// A message that depends on a count, by the language's plural category (CLDR's `zero`, `one`,
/// `two`, `few`, `many`, `other`; `Intl.PluralRules` chooses). A category a language lacks is
/// empty and falls back to `other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    /// The forms, in [`Plural::CATEGORIES`] order; `""` where the language has none.
    pub forms: [Text; 6],
}

impl Plural {
    /// CLDR's plural categories.
    pub const CATEGORIES: [&'static str; 6] = ["zero", "one", "two", "few", "many", "other"];

    /// English's two forms.
    pub const fn en(one: Text, other: Text) -> Plural {
        Plural {
            forms: ["", one, "", "", "", other],
        }
    }

    /// The form for `category` (`other` where the language has none).
    pub fn form(&self, category: &str) -> Text {
        let i = Self::CATEGORIES
            .iter()
            .position(|c| *c == category)
            .unwrap_or(5);
        match self.forms[i] {
            "" => self.forms[5],
            form => form,
        }
    }
}

/// A table's field, for a key read from a file or an override.
pub(crate) enum Slot<'a> {
    /// A plain message.
    Text(&'a mut Text),
    /// A message with plural forms.
    Plural(&'a mut Plural),
}

impl<'a> From<&'a mut Text> for Slot<'a> {
    fn from(t: &'a mut Text) -> Self {
        Slot::Text(t)
    }
}

impl<'a> From<&'a mut Plural> for Slot<'a> {
    fn from(p: &'a mut Plural) -> Self {
        Slot::Plural(p)
    }
}

/// Declares the table: one field per key (the key is the field's name; a plural's forms are
/// `key.one`, `key.other`, …), with its English text.
macro_rules! messages {
    ($( $(#[doc = $doc:literal])* $field:ident: $ty:ident = $en:expr; )*) => {
        /// The picker's strings in one language (see the module's documentation).
        #[derive(Clone, Copy, Debug)]
        pub struct Messages {
            /// The BCP 47 tag (`lang` attribute, plurals, numbers and dates).
            pub lang: &'static str,
            $( $(#[doc = $doc])* pub $field: $crate::picker::messages::table::$ty, )*
        }

        /// English: the keys and their text, for constants that take some of them
        /// ([`crate::picker::messages::first::FirstWords::ENGLISH`]) without the rest.
        pub const EN_TEXT: Messages = Messages { lang: "en", $( $field: $en, )* };

        /// English: the keys and their text.
        pub static EN: Messages = EN_TEXT;

        impl Messages {
            /// Every key, in the table's order.
            pub(crate) const KEYS: &[&str] = &[$( stringify!($field) ),*];

            /// The field named `key`.
            pub(crate) fn slot(&mut self, key: &str) -> Option<$crate::picker::messages::table::Slot<'_>> {
                match key {
                    $( stringify!($field) => Some((&mut self.$field).into()), )*
                    _ => None,
                }
            }

            /// Whether the key `key` has plural forms.
            #[cfg(test)]
            pub(crate) fn is_plural(key: &str) -> bool {
                let mut probe = EN;
                matches!(probe.slot(key), Some($crate::picker::messages::table::Slot::Plural(_)))
            }
        }
    };
}
pub(crate) use messages;
