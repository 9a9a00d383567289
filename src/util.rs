//! Small DOM-free helpers.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Base64url without padding.
pub fn b64url(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url (padding tolerated).
pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

/// Percent-encodes a query value (`application/x-www-form-urlencoded`, spaces as `%20`).
pub fn encode_query(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Percent-encodes one path segment for Graph path addressing.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
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
