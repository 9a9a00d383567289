//! Small helpers shared by the identity and Graph halves: time formats, encodings, escaping.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use rand::RngCore;

/// Base64url without padding (JWT segments, PKCE, opaque tokens).
pub fn b64url(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url without padding.
pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

/// Standard base64 with padding.
pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    STANDARD.encode(bytes)
}

/// `n` random bytes from the OS generator.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    rand::thread_rng().fill_bytes(&mut v);
    v
}

/// A random base64url string of `n` bytes of entropy.
pub fn random_token(n: usize) -> String {
    b64url(random_bytes(n))
}

/// ISO 8601 with `Z`, as Graph writes `DateTimeOffset` values.
pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Graph's `innerError.date`: no offset suffix.
pub fn inner_error_date(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The identity platform's `timestamp`: `YYYY-MM-DD HH:MM:SSZ`.
pub fn aad_timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%SZ").to_string()
}

/// Escapes text for HTML element content and attribute values.
/// The authority of an absolute URL as a `Host` header names it: `host` or `host:port` (none
/// for a URL without a host, or text that is not a URL).
pub fn host_and_port(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    })
}

pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes one path segment (space as `%20`, `#`, `%`, `?` and `/` escaped).
pub fn encode_segment(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const SEGMENT: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'/')
        .add(b'\\')
        .add(b'^')
        .add(b'|')
        .add(b'[')
        .add(b']');
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Percent-encodes a query component value.
pub fn encode_query(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Percent-decodes (no `+` handling: paths).
pub fn decode_path(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// A stable GUID-looking string derived from a name (UUID v5).
pub fn stable_guid(name: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}

/// Lower-case RFC 4648 base32 without padding (the alphabet OneDrive for Business ids use, upper-cased).
pub fn base32_upper(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Inverse of [`base32_upper`].
pub fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        } as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trips() {
        let bytes: Vec<u8> = (0u8..20).collect();
        let s = base32_upper(&bytes);
        assert_eq!(s.len(), 32);
        assert_eq!(base32_decode(&s).unwrap(), bytes);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            html_escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }

    #[test]
    fn segment_encoding_escapes_reserved() {
        assert_eq!(encode_segment("a b#c%d/e"), "a%20b%23c%25d%2Fe");
        assert_eq!(decode_path("a%20b%23c"), "a b#c");
    }

    #[test]
    fn time_formats_match_the_services() {
        let t = DateTime::parse_from_rfc3339("2024-09-16T17:12:09Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(iso(t), "2024-09-16T17:12:09Z");
        assert_eq!(inner_error_date(t), "2024-09-16T17:12:09");
        assert_eq!(aad_timestamp(t), "2024-09-16 17:12:09Z");
    }
}
