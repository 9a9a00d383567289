//! The pseudo-locale `en-XA`: English with accented letters, 40 % longer and bracketed
//! (`[Šîĝñ îñ ŵîţĥ Ṁîçŕöšöƒţ ·········]`). Rendered at 360 px by the tests, it shows the
//! strings a longer language would clip and the ones that do not come from the table.

use super::{Messages, Slot, Text};

/// The tag that asks for it.
pub(crate) const TAG: &str = "en-XA";

/// An accented look-alike of an ASCII letter.
fn accent(c: char) -> char {
    const LOWER: [char; 26] = [
        'å', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    match c {
        'a'..='z' => LOWER[c as usize - 'a' as usize],
        'A'..='Z' => UPPER[c as usize - 'A' as usize],
        c => c,
    }
}

/// `text` in the pseudo-locale: placeholders (`{count}`) kept as they are.
pub(crate) fn pseudo(text: &str) -> String {
    let mut out = String::from("[");
    let mut in_placeholder = false;
    let mut letters = 0;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        out.push(if in_placeholder { c } else { accent(c) });
        letters += usize::from(!in_placeholder);
    }
    out.push(' ');
    out.extend(std::iter::repeat_n('·', letters.div_ceil(5).max(1) * 2));
    out.push(']');
    out
}

/// The pseudo-locale's table (its strings are made once per page).
pub(crate) fn table() -> Messages {
    let mut table = super::EN;
    table.lang = TAG;
    let leak = |t: Text| -> Text { Box::leak(pseudo(t).into_boxed_str()) };
    for key in Messages::KEYS {
        match table.slot(key) {
            Some(Slot::Text(t)) => *t = leak(t),
            Some(Slot::Plural(p)) => {
                for form in p.forms.iter_mut().filter(|f| !f.is_empty()) {
                    *form = leak(form);
                }
            }
            None => {}
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_text_is_longer_accented_and_keeps_placeholders() {
        assert_eq!(pseudo("Sign in"), "[Šîĝñ îñ ····]");
        let p = pseudo("{count} items");
        assert!(p.starts_with("[{count} îţéɱš "), "{p}");
        let t = table();
        assert_eq!(t.lang, "en-XA");
        assert!(t.select.chars().count() >= "Select".len() * 7 / 5);
        assert_eq!(t.item_count.form("one"), pseudo("{count} item"));
    }
}
