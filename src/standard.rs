//! The assessment standard as data: schema, loading, validation and lookups.
//!
//! The tree is categories (一级指标) → indicators (二级指标) → items (评估内容).
//! An indicator whose one item has the indicator's own id is itself the scored item.
//! Penalties (扣分项) sit beside the tree: the largest triggered one counts, up to a cap.

use crate::amount;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

mod validate;
use validate::strip_unknown_fields;
pub use validate::validate;

/// The standard shipped inside the binary: the 2022 standard, word for word.
pub const EMBEDDED_JSON: &str = include_str!("../standard.json");
/// The `format` value this version reads.
pub const FORMAT: &str = "pinggu-standard/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub format: String,
    pub id: String,
    pub title: String,
    pub version: String,
    #[serde(with = "amount")]
    pub total: Decimal,
    pub categories: Vec<Category>,
    pub penalties: PenaltyGroup,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub title: String,
    #[serde(with = "amount")]
    pub points: Decimal,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub title: String,
    #[serde(with = "amount")]
    pub points: Decimal,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PenaltyGroup {
    pub id: String,
    pub title: String,
    /// The rule as the standard words it (e.g. 最高扣15分，不累计扣分).
    pub rule: String,
    #[serde(with = "amount")]
    pub cap: Decimal,
    pub items: Vec<PenaltyItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PenaltyItem {
    pub id: String,
    pub title: String,
    #[serde(with = "amount")]
    pub points: Decimal,
    pub text: String,
}

/// A loaded, validated standard with its source hash.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub standard: Standard,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// Everything that can be wrong with a standard file.
#[derive(Debug, thiserror::Error)]
pub enum StandardError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Json { path: String, message: String },
    #[error("{path}: {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid { path: String, problems: Vec<String> },
}

/// Largest standard file accepted; a real one is a few tens of kilobytes.
const MAX_STANDARD_BYTES: u64 = 64 * 1024 * 1024;

impl Standard {
    /// The embedded 2022 standard. It is validated by tests, so this cannot fail at run time.
    pub fn embedded() -> Loaded {
        parse(EMBEDDED_JSON.as_bytes(), "<embedded standard.json>")
            .expect("embedded standard.json is validated by the test suite")
    }

    /// Every scored item in tree order, with its indicator and category.
    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.categories.iter().flat_map(|c| {
            c.indicators.iter().flat_map(move |i| {
                i.items.iter().map(move |item| ItemRef {
                    category: c,
                    indicator: i,
                    item,
                })
            })
        })
    }

    pub fn item_count(&self) -> usize {
        self.categories
            .iter()
            .flat_map(|c| &c.indicators)
            .map(|i| i.items.len())
            .sum()
    }

    /// Finds a scored item by id.
    pub fn item(&self, id: &str) -> Option<ItemRef<'_>> {
        self.items().find(|r| r.item.id == id)
    }

    pub fn penalty(&self, id: &str) -> Option<&PenaltyItem> {
        self.penalties.items.iter().find(|p| p.id == id)
    }
}

/// A scored item seen together with its parents.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub category: &'a Category,
    pub indicator: &'a Indicator,
    pub item: &'a Item,
}

impl ItemRef<'_> {
    /// True when the indicator is itself the scored item (e.g. 2.2, 7.3).
    pub fn is_indicator_item(&self) -> bool {
        self.item.id == self.indicator.id
    }
}

/// Reads and validates a standard file (or the embedded one when `path` is None).
pub fn load(path: Option<&Path>) -> Result<Loaded, StandardError> {
    let Some(path) = path else {
        return Ok(Standard::embedded());
    };
    let shown = path.display().to_string();
    let io = |source| StandardError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other(
            "is a directory, not a standard file",
        )));
    }
    if !meta.is_file() {
        return Err(io(std::io::Error::other(
            "is not a regular file (a device, pipe or socket)",
        )));
    }
    if meta.len() > MAX_STANDARD_BYTES {
        return Err(StandardError::Json {
            path: shown,
            message: format!("is {} bytes, too large for a standard file", meta.len()),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse(&bytes, &shown)
}

/// Parses and validates standard JSON. `path` is only used in messages.
pub fn parse(bytes: &[u8], path: &str) -> Result<Loaded, StandardError> {
    let sha256 = hex_sha256(bytes);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| StandardError::Json {
        path: path.to_string(),
        message: format!("not UTF-8 text (byte {})", e.valid_up_to()),
    })?;
    let json_error = |message| StandardError::Json {
        path: path.to_string(),
        message,
    };
    // Syntax first (with line and column); then unknown fields are listed with every
    // other problem rather than stopping the check at the first one.
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json_error(json_error_message(&e)))?;
    let unknown = strip_unknown_fields(&mut value);
    let standard: Standard = if unknown.is_empty() {
        serde_json::from_str(text).map_err(|e| json_error(json_error_message(&e)))?
    } else {
        serde_json::from_value(value).map_err(|e| {
            let mut all = unknown.clone();
            all.push(e.to_string());
            StandardError::Invalid {
                path: path.to_string(),
                problems: all,
            }
        })?
    };
    let mut problems = unknown;
    problems.extend(validate(&standard));
    if problems.is_empty() {
        Ok(Loaded { standard, sha256 })
    } else {
        Err(StandardError::Invalid {
            path: path.to_string(),
            problems,
        })
    }
}

/// A serde_json error as "line L, column C: message".
pub fn json_error_message(e: &serde_json::Error) -> String {
    if e.line() == 0 {
        return e.to_string();
    }
    let msg = e.to_string();
    // serde_json appends " at line L column C"; we lead with the position instead.
    let bare = msg
        .rsplit_once(" at line ")
        .map(|(m, _)| m.to_string())
        .unwrap_or(msg);
    let bare = if bare.is_empty() {
        "invalid JSON".to_string()
    } else {
        bare
    };
    format!("line {}, column {}: {}", e.line(), e.column(), bare)
}

pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Orders ids like "1.2.10" after "1.2.9".
///
/// Segment by segment: a numeric segment by its value, a non-numeric one after every
/// number, ties broken by the segment's text; a prefix ("1") before what extends it
/// ("1.1"). Allocates nothing: it runs O(log n) times on every mark.
pub fn compare_ids(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(seg: &str) -> (u64, &str) {
        (seg.parse::<u64>().unwrap_or(u64::MAX), seg)
    }
    let (mut a, mut b) = (a.split('.'), b.split('.'));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => match key(x).cmp(&key(y)) {
                std::cmp::Ordering::Equal => {}
                other => return other,
            },
        }
    }
}

#[cfg(test)]
mod compare_ids_tests {
    use super::compare_ids;
    use std::cmp::Ordering::{Equal, Greater, Less};

    #[test]
    fn ids_order_numerically_segment_by_segment() {
        assert_eq!(compare_ids("1.2.10", "1.2.9"), Greater);
        assert_eq!(compare_ids("1.2.9", "1.2.10"), Less);
        assert_eq!(compare_ids("1", "1.1"), Less);
        assert_eq!(compare_ids("1.1", "1"), Greater);
        assert_eq!(compare_ids("2.2", "2.1.3"), Greater);
        assert_eq!(compare_ids("10.1", "9.9.9"), Greater);
        assert_eq!(compare_ids("1.2.3", "1.2.3"), Equal);
        // A non-numeric segment comes after every number, then by its text.
        assert_eq!(compare_ids("1.a", "1.99"), Greater);
        assert_eq!(compare_ids("1.a", "1.b"), Less);
        assert_eq!(compare_ids("x", "x"), Equal);
        assert_eq!(compare_ids("", "1"), Greater);
        // Equal values, different text ("01" and "1"): the text decides.
        assert_eq!(compare_ids("1.01", "1.1"), Less);
    }

    #[test]
    fn the_same_order_as_the_sorted_keys_it_replaces() {
        let key = |s: &str| -> Vec<(u64, String)> {
            s.split('.')
                .map(|seg| (seg.parse::<u64>().unwrap_or(u64::MAX), seg.to_string()))
                .collect()
        };
        let ids = [
            "1",
            "1.1",
            "1.1.1",
            "1.2.9",
            "1.2.10",
            "1.01",
            "2.2",
            "2.1.3",
            "a",
            "1.a",
            "",
            "1.",
            ".1",
            "8.1.1",
            "18446744073709551615",
            "99999999999999999999",
            "+1",
            "1.b",
        ];
        for a in ids {
            for b in ids {
                assert_eq!(compare_ids(a, b), key(a).cmp(&key(b)), "{a} vs {b}");
            }
        }
    }
}
