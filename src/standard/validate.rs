//! Checking a standard: every problem at once, each naming its id (duplicate ids, ids
//! not extending their parent's, points not summing, missing text, non-positive points,
//! penalties above the cap, unknown fields), so one run of check-standard lists them all.

use super::{FORMAT, Standard};
use crate::amount;
use rust_decimal::Decimal;
use std::collections::HashSet;

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
pub(super) fn strip_unknown_fields(value: &mut serde_json::Value) -> Vec<String> {
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
