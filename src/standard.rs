//! The assessment standard as data: schema, loading, validation and lookups.
//!
//! The tree is categories (一级指标) → indicators (二级指标) → items (评估内容).
//! An indicator whose one item has the indicator's own id is itself the scored item.
//! Penalties (扣分项) sit beside the tree: the largest triggered one counts, up to a cap.

use crate::amount;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;

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

/// The fields each level of the schema allows.
const STANDARD_FIELDS: &[&str] = &[
    "format",
    "id",
    "title",
    "version",
    "total",
    "categories",
    "penalties",
];
const CATEGORY_FIELDS: &[&str] = &["id", "title", "points", "indicators"];
const INDICATOR_FIELDS: &[&str] = &["id", "title", "points", "items"];
const ITEM_FIELDS: &[&str] = &["id", "title", "text"];
const PENALTY_GROUP_FIELDS: &[&str] = &["id", "title", "rule", "cap", "items"];
const PENALTY_ITEM_FIELDS: &[&str] = &["id", "title", "points", "text"];

/// Removes the fields the schema does not know, returning one problem per field, each
/// naming the id of the object that holds it.
fn strip_unknown_fields(value: &mut serde_json::Value) -> Vec<String> {
    use serde_json::Value;
    fn strip(v: &mut Value, allowed: &[&str], problems: &mut Vec<String>) {
        let Value::Object(map) = v else { return };
        let owner = match map.get("id").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => "standard".to_string(),
        };
        let unknown: Vec<String> = map
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()))
            .cloned()
            .collect();
        for k in unknown {
            problems.push(format!("{owner}: unknown field \"{k}\""));
            map.remove(&k);
        }
    }
    fn each<'a>(v: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
        v.get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
    }
    let mut problems = Vec::new();
    strip(value, STANDARD_FIELDS, &mut problems);
    for c in each(value, "categories") {
        strip(c, CATEGORY_FIELDS, &mut problems);
        for i in each(c, "indicators") {
            strip(i, INDICATOR_FIELDS, &mut problems);
            for item in each(i, "items") {
                strip(item, ITEM_FIELDS, &mut problems);
            }
        }
    }
    if let Some(p) = value.get_mut("penalties") {
        strip(p, PENALTY_GROUP_FIELDS, &mut problems);
        for item in each(p, "items") {
            strip(item, PENALTY_ITEM_FIELDS, &mut problems);
        }
    }
    problems
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

/// Every semantic problem in a standard, each naming the id it concerns.
pub fn validate(s: &Standard) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut dup = |id: &str, problems: &mut Vec<String>| {
        if !seen.insert(id.to_string()) {
            problems.push(format!("{id}: duplicate id"));
        }
    };
    if s.format != FORMAT {
        problems.push(format!(
            "format is \"{}\", this version reads \"{FORMAT}\"",
            s.format
        ));
    }
    for (field, value) in [("id", &s.id), ("title", &s.title), ("version", &s.version)] {
        if value.trim().is_empty() {
            problems.push(format!("standard {field} is empty"));
        }
    }
    if s.total <= Decimal::ZERO {
        problems.push(format!("total {} is not positive", amount::fmt(s.total)));
    }
    if s.categories.is_empty() {
        problems.push("no categories".into());
    }
    let mut category_sum = Decimal::ZERO;
    for c in &s.categories {
        dup(&c.id, &mut problems);
        check_segment_id(&c.id, "", &mut problems);
        check_node(&c.id, &c.title, c.points, &mut problems);
        category_sum += c.points;
        if c.indicators.is_empty() {
            problems.push(format!("{}: category has no indicators", c.id));
        }
        let mut indicator_sum = Decimal::ZERO;
        for i in &c.indicators {
            dup(&i.id, &mut problems);
            check_segment_id(&i.id, &c.id, &mut problems);
            check_node(&i.id, &i.title, i.points, &mut problems);
            indicator_sum += i.points;
            if i.items.is_empty() {
                problems.push(format!("{}: indicator has no items", i.id));
            }
            for item in &i.items {
                if item.id == i.id {
                    if i.items.len() > 1 {
                        problems.push(format!(
                            "{}: an item may share its indicator's id only when it is the indicator's only item",
                            item.id
                        ));
                    }
                } else {
                    dup(&item.id, &mut problems);
                    check_segment_id(&item.id, &i.id, &mut problems);
                }
                if item.title.trim().is_empty() {
                    problems.push(format!("{}: item has no title", item.id));
                }
                if item.text.trim().is_empty() {
                    problems.push(format!("{}: scored item has no text", item.id));
                }
            }
        }
        if indicator_sum != c.points {
            problems.push(format!(
                "{}: indicator points sum to {}, category declares {}",
                c.id,
                amount::fmt(indicator_sum),
                amount::fmt(c.points)
            ));
        }
    }
    if category_sum != s.total {
        problems.push(format!(
            "category points sum to {}, the standard declares a total of {}",
            amount::fmt(category_sum),
            amount::fmt(s.total)
        ));
    }
    let p = &s.penalties;
    dup(&p.id, &mut problems);
    check_segment_id(&p.id, "", &mut problems);
    if p.cap <= Decimal::ZERO {
        problems.push(format!(
            "{}: penalty cap {} is not positive",
            p.id,
            amount::fmt(p.cap)
        ));
    }
    for item in &p.items {
        dup(&item.id, &mut problems);
        check_segment_id(&item.id, &p.id, &mut problems);
        check_node(&item.id, &item.title, item.points, &mut problems);
        if item.points > p.cap {
            problems.push(format!(
                "{}: penalty of {} is above the cap of {}",
                item.id,
                amount::fmt(item.points),
                amount::fmt(p.cap)
            ));
        }
        if item.text.trim().is_empty() {
            problems.push(format!("{}: penalty item has no text", item.id));
        }
    }
    problems
}

fn check_node(id: &str, title: &str, points: Decimal, problems: &mut Vec<String>) {
    if title.trim().is_empty() {
        problems.push(format!("{id}: no title"));
    }
    if points <= Decimal::ZERO {
        problems.push(format!(
            "{id}: points {} are not positive",
            amount::fmt(points)
        ));
    }
}

/// An id is its parent's id plus one numeric segment ("1.2" under "1").
fn check_segment_id(id: &str, parent: &str, problems: &mut Vec<String>) {
    let last = if parent.is_empty() {
        Some(id)
    } else {
        id.strip_prefix(parent)
            .and_then(|rest| rest.strip_prefix('.'))
    };
    match last {
        Some(seg) if !seg.is_empty() && seg.chars().all(|c| c.is_ascii_digit()) => {}
        _ if parent.is_empty() => problems.push(format!("{id}: id is not a number")),
        _ => problems.push(format!(
            "{id}: id does not extend its parent's id \"{parent}\""
        )),
    }
}

/// Orders ids like "1.2.10" after "1.2.9".
pub fn compare_ids(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| -> Vec<(u64, String)> {
        s.split('.')
            .map(|seg| (seg.parse::<u64>().unwrap_or(u64::MAX), seg.to_string()))
            .collect()
    };
    key(a).cmp(&key(b))
}
