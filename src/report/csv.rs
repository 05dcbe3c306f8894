//! The CSV scorecard, for spreadsheets.
//!
//! Columns: id, category, indicator, item, indicator points, status, deduction, note, score.
//! One row per scored item, then the indicator, category, penalty and total rows, then the
//! header facts (center, date ...). UTF-8 with a byte-order mark, or Excel guesses GBK and
//! garbles the Chinese. A cell starting with `=`, `+`, `-`, `@`, tab or CR would be run as a
//! formula by a spreadsheet: it gets a leading `'` (OWASP's advice).

use super::facts::{Facts, is_self_item, minus, note_lines};
use crate::amount::fmt;
use crate::text::safe_line;

/// The UTF-8 byte-order mark every CSV export starts with.
pub const BOM: &str = "\u{FEFF}";

pub fn render(f: &Facts) -> String {
    let l = f.l;
    let mut rows: Vec<[String; 9]> = Vec::new();
    let s = String::from;
    rows.push(
        [
            l.id,
            l.category,
            l.indicator,
            l.item,
            l.points,
            l.mark,
            l.deduction,
            l.note,
            l.score,
        ]
        .map(s),
    );
    for c in &f.card.categories {
        for i in &c.indicators {
            for it in &i.items {
                let d = it.status.deduction();
                rows.push([
                    safe_line(it.id),
                    safe_line(c.title),
                    safe_line(i.title),
                    safe_line(it.title),
                    fmt(i.points),
                    f.mark(it.status),
                    if d.is_zero() { s("") } else { fmt(d) },
                    note_lines(it.note).join("\n"),
                    s(""),
                ]);
            }
        }
    }
    for c in &f.card.categories {
        for i in &c.indicators {
            let own = is_self_item(i).is_some();
            rows.push([
                safe_line(i.id),
                safe_line(c.title),
                safe_line(i.title),
                if own { safe_line(i.title) } else { s("") },
                fmt(i.points),
                s(l.subtotal),
                fmt(i.deducted),
                f.indicator_formula(i),
                fmt(i.score),
            ]);
        }
    }
    for c in &f.card.categories {
        rows.push([
            safe_line(c.id),
            safe_line(c.title),
            s(""),
            s(""),
            fmt(c.points),
            s(l.subtotal),
            fmt(c.points - c.score),
            f.category_formula(c),
            fmt(c.score),
        ]);
    }
    let group = &f.standard.penalties;
    for p in &f.card.penalties {
        rows.push([
            safe_line(p.id),
            safe_line(&group.title),
            safe_line(p.title),
            s(""),
            fmt(p.points),
            s(if p.triggered {
                l.triggered
            } else {
                l.not_triggered
            }),
            if p.triggered { fmt(p.points) } else { s("") },
            note_lines(p.note).join("\n"),
            s(""),
        ]);
    }
    rows.push([
        safe_line(&group.id),
        safe_line(&group.title),
        s(""),
        s(""),
        fmt(f.card.penalty_cap),
        s(l.subtotal),
        fmt(f.card.penalty),
        f.penalty_line(),
        minus(f.card.penalty),
    ]);
    rows.push([
        s(""),
        s(l.total),
        s(""),
        s(""),
        fmt(f.card.max),
        s(f.status()),
        s(""),
        f.total_formula(),
        fmt(f.card.total),
    ]);
    // Header facts and open points: a label in the category column, its value beside it.
    let labelled = |label: &str, value: String| {
        let mut row: [String; 9] = Default::default();
        row[1] = label.to_string();
        row[2] = value;
        row
    };
    for (label, value) in f.header() {
        rows.push(labelled(label, value));
    }
    for (label, ids) in f.open_points() {
        rows.push(labelled(label, ids.join(l.list_sep)));
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in &rows {
        // Writing to a Vec cannot fail; a failure would only lose the row, never panic.
        let _ = w.write_record(row.iter().map(|c| neutralise(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// A cell a spreadsheet will not evaluate: formula starters get a leading `'`.
/// Leading blanks are looked through, since some spreadsheets trim them before parsing.
pub fn neutralise(cell: &str) -> String {
    let start = cell.trim_start_matches([' ', '\u{3000}']);
    match start.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}
