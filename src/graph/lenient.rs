//! Deserializers that accept what real responses carry instead of failing a whole page:
//! numbers as integers, floats or strings (`IEEE754Compatible=true` sends Int64 as strings),
//! `null` where a value was expected, and collections with an entry that does not parse (the
//! entry is skipped; the others are shown). Written as small visitors, and entries re-read with
//! the same string deserializer as the page, so they add little to the wasm.

use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// Reads any JSON value as `Option<u64>`: non-negative integers, in-range floats and numeric
/// strings count; anything else (null, negative, huge, text, arrays, objects) is `None`.
struct U64Visitor;

impl<'de> Visitor<'de> for U64Visitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).ok())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok((v.is_finite() && v >= 0.0 && v < u64::MAX as f64).then_some(v as u64))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.trim().parse().ok())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// A non-negative integer, or `None` when absent, `null`, negative, out of range, or not a number.
pub fn u64_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(U64Visitor)
}

/// A string, with `null` (or any non-string) read as empty.
pub fn string_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(MaybeString::deserialize(d)?.0.unwrap_or_default())
}

/// A string, or `None` for any other JSON value.
struct MaybeString(Option<String>);

impl<'de> Deserialize<'de> for MaybeString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MaybeString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, v: &str) -> Result<MaybeString, E> {
                Ok(MaybeString(Some(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<MaybeString, E> {
                Ok(MaybeString(Some(v)))
            }
            fn visit_u64<E>(self, _: u64) -> Result<MaybeString, E> {
                Ok(MaybeString(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<MaybeString, E> {
                Ok(MaybeString(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<MaybeString, E> {
                Ok(MaybeString(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<MaybeString, E> {
                Ok(MaybeString(None))
            }
            fn visit_unit<E>(self) -> Result<MaybeString, E> {
                Ok(MaybeString(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MaybeString, A::Error> {
                U64Visitor.visit_seq(seq).map(|_| MaybeString(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MaybeString, A::Error> {
                U64Visitor.visit_map(map).map(|_| MaybeString(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// The entries of a collection that parse; `null` is an empty collection.
pub fn valid_entries<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(Option::<Vec<Box<RawValue>>>::deserialize(d)?
        .unwrap_or_default()
        .iter()
        .filter_map(|raw| serde_json::from_str(raw.get()).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct N {
        #[serde(default, deserialize_with = "u64_opt")]
        n: Option<u64>,
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
        for odd in [
            r#"{"n": 1e300}"#,
            r#"{"n": -1}"#,
            r#"{"n": null}"#,
            r#"{"n": "x"}"#,
            r#"{"n": [1, {"a": 2}]}"#,
            r#"{"n": {"a": [1]}}"#,
            r#"{"n": true}"#,
            r#"{}"#,
        ] {
            assert_eq!(n(odd).n, None, "{odd}");
        }
        assert_eq!(n(r#"{"s": null}"#).s, "");
        assert_eq!(n(r#"{"s": {"x": "y"}}"#).s, "");
        assert_eq!(n(r#"{"s": 5, "n": 1}"#).n, Some(1));
        assert_eq!(n(r#"{"s": "a"}"#).s, "a");
    }
}
