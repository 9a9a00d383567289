//! Small DOM-free helpers.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Runs `task` at once up to its first wait, then on Leptos's executor: a request it sends goes
/// out now, before whatever the caller does next (the render of the screen that shows its
/// answer, say), not after it. Right for any future that keeps `Future`'s contract (each poll
/// registers the waker it is given, and only the latest is woken). That first step reads no
/// signal on the caller's behalf: an effect calling this is not made to follow what the task reads.
pub fn spawn_now(task: impl std::future::Future<Output = ()> + 'static) {
    let mut task = Box::pin(task);
    let mut now = std::task::Context::from_waker(std::task::Waker::noop());
    if leptos::prelude::untrack(|| task.as_mut().poll(&mut now)).is_pending() {
        leptos::task::spawn_local(task);
    }
}

/// Base64url without padding.
pub fn b64url(bytes: impl AsRef<[u8]>) -> String {
    // Written out: the crate's engine is 2 KB of the first screen, which encodes ids at most.
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes = bytes.as_ref();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url (padding tolerated).
pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

/// Whether `c` is an invisible formatting character that can disguise a name: the
/// bidirectional marks, embeddings, overrides and isolates (`invoice\u{202E}fdp.exe` reads as
/// "invoiceexe.pdf"), zero-width spaces and joiners of words, the byte-order mark, the soft
/// hyphen and the other invisible operators. The zero-width (non-)joiners U+200C and U+200D are
/// not among them: Persian, the Indic scripts and emoji sequences need them.
pub fn is_deceptive(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `name` as a listing shows it: every [`is_deceptive`] character written out visibly
/// (`invoice[U+202E]fdp.exe`), so that a name reads as what it is.
pub fn visible_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_deceptive(c) {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Percent-encodes a query value: every byte but the unreserved characters (RFC 3986: letters,
/// digits, `-._~`), spaces as `%20`. Written out: the first screen encodes the authorize URL, and
/// form_urlencoded's serializer would add to it for nothing.
pub fn encode_query(s: &str) -> String {
    percent_encode(s, b"-._~")
}

/// Percent-encodes one path segment for Graph path addressing.
pub fn encode_segment(s: &str) -> String {
    percent_encode(s, b"-._~!$&'()*+,;=@")
}

/// `s` with every byte but letters, digits and `kept` as `%XX`.
fn percent_encode(s: &str, kept: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || kept.contains(&b) {
            out.push(b as char);
        } else {
            out.extend(['%', HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]);
        }
    }
    out
}

/// Parses `a=1&b=2` (a query string or fragment, leading `?`/`#` allowed).
pub fn parse_params(s: &str) -> Vec<(String, String)> {
    let s = s.trim_start_matches(['?', '#']);
    form_urlencoded::parse(s.as_bytes()).into_owned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spawn_now_runs_a_task_up_to_its_first_wait_before_returning() {
        use std::cell::Cell;
        use std::rc::Rc;
        let sent = Rc::new(Cell::new(false));
        let s = sent.clone();
        // A task that never waits ends here and now, with no executor involved.
        spawn_now(async move { s.set(true) });
        assert!(sent.get(), "the task's first step ran before spawn_now returned");
    }

    #[test]
    fn query_values_keep_only_the_unreserved_characters() {
        let value = "a b+c/d?e=f&g#h%i*~._-é€";
        let encoded = encode_query(value);
        assert_eq!(encoded, "a%20b%2Bc%2Fd%3Fe%3Df%26g%23h%25i%2A~._-%C3%A9%E2%82%AC");
        assert_eq!(parse_params(&format!("k={encoded}")), [("k".into(), value.into())]);
    }

    #[test]
    fn deceptive_characters_are_shown_as_what_they_are() {
        assert_eq!(
            visible_name("invoice\u{202E}fdp.exe"),
            "invoice[U+202E]fdp.exe"
        );
        assert_eq!(
            visible_name("a\u{200B}b\u{200E}c\u{FEFF}"),
            "a[U+200B]b[U+200E]c[U+FEFF]"
        );
        assert_eq!(visible_name("\u{2067}x\u{2069}"), "[U+2067]x[U+2069]");
        // Scripts that need joiners keep them; ordinary text is untouched.
        for kept in [
            "می\u{200C}خواهم",
            "👩\u{200D}💻",
            "Résumé 文件.docx",
            "עברית.txt",
        ] {
            assert_eq!(visible_name(kept), kept);
        }
    }

    #[test]
    fn base64url_is_the_engines_without_padding() {
        use base64::Engine;
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let mut bytes = Vec::new();
        for n in 0..=300u32 {
            assert_eq!(super::b64url(&bytes), engine.encode(&bytes), "{n} bytes");
            bytes.push((n.wrapping_mul(167) ^ (n >> 3)) as u8);
        }
        assert_eq!(super::b64url(b"\xfb\xff"), "-_8");
    }

    #[test]
    fn segments_escape_reserved_characters() {
        assert_eq!(encode_segment("a b#c%d/e?.txt"), "a%20b%23c%25d%2Fe%3F.txt");
        assert_eq!(encode_segment("Résumé"), "R%C3%A9sum%C3%A9");
    }

    #[test]
    fn params_from_fragment_or_query() {
        let p = parse_params("#code=abc&state=x%20y");
        assert_eq!(
            p,
            vec![
                ("code".into(), "abc".into()),
                ("state".into(), "x y".into())
            ]
        );
        assert_eq!(encode_query("a b&c"), "a%20b%26c");
    }
}
