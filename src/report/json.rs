//! The JSON scorecard: a stable, documented shape for other programs.
//!
//! ```text
//! {"standard": {"id", "title", "version"},
//!  "center": {"name", "district", "assessors": [..], "date"},
//!  "status": "draft" | "final", "max", "total", "penalty", "reviewed", "items_total",
//!  "categories": [{"id", "title", "points", "score",
//!     "indicators": [{"id", "title", "points", "score",
//!        "items": [{"id", "title", "status": "unreviewed|met|deducted|na", "deduction", "note"}]}]}],
//!  "penalties": [{"id", "title", "points", "triggered": bool, "note"}]}
//! ```
//! Every number is a decimal string ("10.5", "47"), so no reader turns a score into a float.
//! Keys keep this order (serde_json's `preserve_order`). An indicator that is itself the
//! scored item (2.2, 7.3 ...) lists itself as its one item. Text is made safe like every
//! other format: line breaks stay, control and bidi characters become U+FFFD.

use super::facts::Facts;
use crate::amount::fmt;
use crate::text::safe_lines;
use serde_json::{Value, json};

pub fn render(f: &Facts) -> String {
    let card = &f.card;
    let center = &f.session.center;
    let categories: Vec<Value> = card
        .categories
        .iter()
        .map(|c| {
            let indicators: Vec<Value> = c
                .indicators
                .iter()
                .map(|i| {
                    let items: Vec<Value> = i
                        .items
                        .iter()
                        .map(|it| {
                            json!({
                                "id": safe(it.id),
                                "title": safe(it.title),
                                "status": it.status.key(),
                                "deduction": fmt(it.status.deduction()),
                                "note": safe(it.note),
                            })
                        })
                        .collect();
                    json!({
                        "id": safe(i.id),
                        "title": safe(i.title),
                        "points": fmt(i.points),
                        "score": fmt(i.score),
                        "items": items,
                    })
                })
                .collect();
            json!({
                "id": safe(c.id),
                "title": safe(c.title),
                "points": fmt(c.points),
                "score": fmt(c.score),
                "indicators": indicators,
            })
        })
        .collect();
    let penalties: Vec<Value> = card
        .penalties
        .iter()
        .map(|p| {
            json!({
                "id": safe(p.id),
                "title": safe(p.title),
                "points": fmt(p.points),
                "triggered": p.triggered,
                "note": safe(p.note),
            })
        })
        .collect();
    let doc = json!({
        "standard": {
            "id": safe(&f.standard.id),
            "title": safe(&f.standard.title),
            "version": safe(&f.standard.version),
        },
        "center": {
            "name": safe(&center.name),
            "district": safe(&center.district),
            "assessors": center.assessors.iter().map(|a| safe(a)).collect::<Vec<_>>(),
            "date": safe(&center.date),
        },
        "status": if f.session.is_final() { "final" } else { "draft" },
        "max": fmt(card.max),
        "total": fmt(card.total),
        "penalty": fmt(card.penalty),
        "reviewed": card.reviewed.to_string(),
        "items_total": card.items_total.to_string(),
        "categories": categories,
        "penalties": penalties,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Safe text that keeps its line breaks.
fn safe(s: &str) -> String {
    safe_lines(s).join("\n")
}
