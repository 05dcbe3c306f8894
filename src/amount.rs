//! Exact decimal amounts: parsing user input, JSON (de)serialization as strings, display.
//!
//! Scores never pass through `f64`. On disk every amount is a JSON string ("1.5");
//! a JSON number is read from its exact source text (serde_json's arbitrary precision).

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};
use std::str::FromStr;

/// The step used by the `+`/`-` keys.
pub const STEP: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Why a piece of text is not a valid amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("'{0}' is not a number")]
    NotANumber(String),
    #[error("'{0}' is negative")]
    Negative(String),
    #[error("'{0}' has more than two decimal places")]
    TooPrecise(String),
    #[error("'{0}' is too large (at most 1000000)")]
    TooLarge(String),
}

/// The largest amount accepted anywhere. Far above any standard's points, and small enough
/// that no sum of amounts can overflow a `Decimal` (which would panic).
pub const MAX: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Parses a non-negative decimal with at most two decimal places ("1", "0.5", "2.25").
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let trimmed = text.trim();
    let plain = !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        && trimmed.chars().filter(|c| *c == '.').count() <= 1;
    if !plain {
        return Err(AmountError::NotANumber(text.to_string()));
    }
    let value =
        Decimal::from_str(trimmed).map_err(|_| AmountError::NotANumber(text.to_string()))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(AmountError::Negative(text.to_string()));
    }
    if value.normalize().scale() > 2 {
        return Err(AmountError::TooPrecise(text.to_string()));
    }
    if value > MAX {
        return Err(AmountError::TooLarge(text.to_string()));
    }
    Ok(value.normalize())
}

/// Display form: trailing zeros trimmed ("12", "10.5"), never "-0".
pub fn fmt(value: Decimal) -> String {
    let v = value.normalize();
    if v.is_zero() {
        "0".to_string()
    } else {
        v.to_string()
    }
}

/// serde `serialize_with`: a decimal as a JSON string in display form.
pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&fmt(*value))
}

/// serde `deserialize_with`: a JSON string, or a JSON number read from its exact text.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    use serde::de::Error;
    from_json(&serde_json::Value::deserialize(d)?).map_err(D::Error::custom)
}

/// An amount from a JSON value: a string ("1.5"), or a number read from its exact source
/// text (serde_json's arbitrary precision), never through `f64`.
pub fn from_json(value: &serde_json::Value) -> Result<Decimal, String> {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        other => {
            return Err(format!(
                "expected a decimal string like \"1.5\", found {}",
                json_kind(other)
            ));
        }
    };
    parse_amount(&text).map_err(|e| e.to_string())
}

/// serde helpers for `Option<Decimal>`.
pub mod option {
    use super::*;
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::serialize(v, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::deserialize(d).map(Some)
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_plain_amounts() {
        assert_eq!(parse_amount("1.5"), Ok(d("1.5")));
        assert_eq!(parse_amount(" 2 "), Ok(d("2")));
        assert_eq!(parse_amount("0.25"), Ok(d("0.25")));
        assert_eq!(parse_amount("3.10"), Ok(d("3.1")));
        assert_eq!(parse_amount("0"), Ok(d("0")));
    }

    #[test]
    fn refuses_bad_amounts() {
        assert!(matches!(parse_amount("-1"), Err(AmountError::Negative(_))));
        assert!(matches!(
            parse_amount("0.125"),
            Err(AmountError::TooPrecise(_))
        ));
        assert!(matches!(
            parse_amount("abc"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount("1e3"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(parse_amount(""), Err(AmountError::NotANumber(_))));
        assert_eq!(parse_amount("1000000"), Ok(MAX));
        assert!(matches!(
            parse_amount("1000000.01"),
            Err(AmountError::TooLarge(_))
        ));
        assert!(matches!(
            parse_amount("79228162514264337593543950335"),
            Err(AmountError::TooLarge(_))
        ));
        assert!(matches!(
            parse_amount("1.2.3"),
            Err(AmountError::NotANumber(_))
        ));
    }

    #[test]
    fn display_trims_trailing_zeros() {
        assert_eq!(fmt(d("12.00")), "12");
        assert_eq!(fmt(d("10.50")), "10.5");
        assert_eq!(fmt(d("-0.0")), "0");
        assert_eq!(fmt(STEP), "0.5");
    }

    #[test]
    fn ten_tenths_from_one_is_exactly_zero() {
        let mut v = d("1");
        for _ in 0..10 {
            v -= d("0.1");
        }
        assert_eq!(v, Decimal::ZERO);
        assert_eq!(fmt(v), "0");
    }

    #[test]
    fn json_number_is_read_exactly() {
        #[derive(serde::Deserialize)]
        struct A {
            #[serde(deserialize_with = "super::deserialize")]
            a: Decimal,
        }
        let a: A = serde_json::from_str(r#"{"a": 0.1}"#).unwrap();
        assert_eq!(a.a, d("0.1"));
        let a: A = serde_json::from_str(r#"{"a": "2.50"}"#).unwrap();
        assert_eq!(fmt(a.a), "2.5");
        assert!(serde_json::from_str::<A>(r#"{"a": 0.123}"#).is_err());
        assert!(serde_json::from_str::<A>(r#"{"a": true}"#).is_err());
    }
}
