//! Deserializers that accept what real responses carry instead of failing a whole page:
//! numbers as integers, floats or strings (`IEEE754Compatible=true` sends Int64 as strings),
//! `null` where a value was expected, and collections with an entry that does not parse (the
//! entry is skipped; the others are shown).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A non-negative integer, or `None` when absent, `null`, negative, fractional beyond range, or
/// not a number.
pub fn u64_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0 && *f < u64::MAX as f64)
                .map(|f| f as u64)
        }),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Like [`u64_opt`], for values that fit a `u32` (thumbnail sizes).
pub fn u32_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(u64_opt(d)?.and_then(|v| u32::try_from(v).ok()))
}

/// A string, with `null` (or any non-string) read as empty.
pub fn string_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        _ => String::new(),
    })
}

/// The entries of a collection that parse; `null` is an empty collection.
pub fn valid_entries<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(Option::<Vec<Value>>::deserialize(d)?
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct N {
        #[serde(default, deserialize_with = "u64_opt")]
        n: Option<u64>,
        #[serde(default, deserialize_with = "u32_opt")]
        w: Option<u32>,
        #[serde(default, deserialize_with = "string_or_empty")]
        s: String,
    }

    #[test]
    fn numbers_and_strings_as_responses_carry_them() {
        let n = |json: &str| serde_json::from_str::<N>(json).unwrap();
        assert_eq!(n(r#"{"n": 42}"#).n, Some(42));
        assert_eq!(
            n(r#"{"n": "9007199254740993"}"#).n,
            Some(9_007_199_254_740_993)
        );
        assert_eq!(n(r#"{"n": 1.0e3}"#).n, Some(1000));
        for huge in [
            r#"{"n": 1e300}"#,
            r#"{"n": -1}"#,
            r#"{"n": null}"#,
            r#"{"n": "x"}"#,
            r#"{"n": []}"#,
            r#"{}"#,
        ] {
            assert_eq!(n(huge).n, None, "{huge}");
        }
        assert_eq!(n(r#"{"w": 5000000000}"#).w, None);
        assert_eq!(n(r#"{"s": null}"#).s, "");
        assert_eq!(n(r#"{"s": "a"}"#).s, "a");
    }
}
