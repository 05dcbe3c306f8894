//! The plain-text scorecard: 80 columns, for a terminal, a printer, or the TUI's preview.
//!
//! ```text
//!        title (centered)            header block (label: value, wrapped)
//! 编号  | 评估内容           | 分值 | 评定    |   得分 | 计算与扣分说明
//! ------+--------------------+------+---------+--------+-------------------------
//! 1.2   | 受理大厅           |   12 |         |   10.5 | 12 − 1.5 = 10.5
//! 1.2.1 | 大厅环境           |      | 扣1.5   |        | note, wrapped here
//! ```
//! Every cell is padded by display width (a CJK character is two columns), so the `|`
//! fall in the same column on every line; titles and notes wrap inside their column.

use super::facts::{Facts, Row, RowKind};
use crate::text::{pad, pad_left, width, wrap, wrap_text};

/// The page width the scorecard fits.
pub const WIDTH: usize = 80;
/// Column widths (display columns), left to right; the last column takes the rest.
const ID: usize = 5;
const TITLE: usize = 18;
const POINTS: usize = 4;
const MARK: usize = 7;
const SCORE: usize = 6;
const SEP: &str = " | ";
/// The explanation column: whatever is left of the 80 columns.
pub const EXPLAIN: usize = WIDTH - (ID + TITLE + POINTS + MARK + SCORE + 5 * SEP.len());

pub fn render(f: &Facts) -> String {
    let l = f.l;
    let mut out = Vec::new();
    for line in wrap(&f.title(), WIDTH) {
        out.push(centered(&line));
    }
    out.push(centered(l.sheet));
    out.push(String::new());
    let header = f.header();
    let label_cols = header
        .iter()
        .map(|(label, _)| width(label) + width(l.colon))
        .max()
        .unwrap_or(0);
    for (label, value) in header {
        let label = format!("{label}{}", l.colon);
        for (n, line) in wrap(&value, WIDTH - label_cols).into_iter().enumerate() {
            let head = if n == 0 { label.as_str() } else { "" };
            out.push(
                format!("{}{line}", pad(head, label_cols))
                    .trim_end()
                    .to_string(),
            );
        }
    }
    out.push(String::new());
    out.extend(table(f));
    out.push(String::new());
    for sentence in [f.penalty_line(), f.total_line()] {
        out.extend(wrap(&sentence, WIDTH));
    }
    let open = f.open_points();
    if !open.is_empty() {
        out.push(String::new());
        out.push(format!("{}{}", l.open_points, l.colon.trim_end()));
        for (label, ids) in open {
            let head = format!(
                "  {label}{}{}{}{}",
                l.parens.0,
                ids.len(),
                l.parens.1,
                l.colon
            );
            out.extend(wrap_list(&head, &ids, l.list_sep, WIDTH));
        }
    }
    out.push(String::new());
    out.push(String::new());
    out.push(signature(l.assessor_sign, l.reviewer_sign, l.colon));
    out.push(String::new());
    out.push(signature(l.sign_date, "", l.colon));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// The score table: header, rule, then every row (a rule before each category).
pub fn table(f: &Facts) -> Vec<String> {
    let l = f.l;
    let mut lines = vec![
        line(&[l.id, l.item, l.points, l.mark, l.score, l.explain].map(String::from)),
        rule(),
    ];
    for (n, row) in f.rows().iter().enumerate() {
        let starts_block = matches!(
            row.kind,
            RowKind::Category | RowKind::PenaltyGroup | RowKind::Total
        );
        if starts_block && n > 0 {
            lines.push(rule());
        }
        lines.extend(row_lines(row));
    }
    lines
}

/// One row as one or more lines: each cell wraps inside its own column.
fn row_lines(row: &Row) -> Vec<String> {
    let titles = wrap(&row.title, TITLE);
    let mut explain = Vec::new();
    if !row.formula.is_empty() {
        explain.extend(wrap(&row.formula, EXPLAIN));
    }
    for note in &row.note {
        explain.extend(wrap_text(note, EXPLAIN));
    }
    let height = titles.len().max(explain.len()).max(1);
    (0..height)
        .map(|n| {
            let first = n == 0;
            let cell = |s: &str| if first { s.to_string() } else { String::new() };
            line(&[
                cell(&row.id),
                titles.get(n).cloned().unwrap_or_default(),
                cell(&row.points),
                cell(&row.mark),
                cell(&row.score),
                explain.get(n).cloned().unwrap_or_default(),
            ])
        })
        .collect()
}

/// Lays out six cells at their fixed columns; numbers are right-aligned.
fn line(cells: &[String; 6]) -> String {
    let [id, title, points, mark, score, explain] = cells;
    let text = [
        pad(id, ID),
        pad(title, TITLE),
        pad_left(points, POINTS),
        pad(mark, MARK),
        pad_left(score, SCORE),
        explain.clone(),
    ]
    .join(SEP);
    text.trim_end().to_string()
}

fn rule() -> String {
    [ID, TITLE, POINTS, MARK, SCORE, EXPLAIN]
        .map(|w| "-".repeat(w))
        .join("-+-")
}

fn centered(s: &str) -> String {
    let w = width(s);
    format!("{}{s}", " ".repeat(WIDTH.saturating_sub(w) / 2))
}

/// "评估人（签字）：______________    复核人（签字）：______________".
fn signature(left: &str, right: &str, colon: &str) -> String {
    let blank = "_".repeat(16);
    let left = format!("{left}{colon}{blank}");
    if right.is_empty() {
        return left;
    }
    let right = format!("{right}{colon}{blank}");
    if width(&left) + 4 > WIDTH / 2 {
        return format!("{left}\n\n{right}");
    }
    format!("{}{right}", pad(&left, WIDTH / 2))
}

/// Lists ids after `head`, breaking lines only between entries (never before a separator);
/// continuation lines are indented by four spaces.
fn wrap_list(head: &str, ids: &[String], sep: &str, cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = head.to_string();
    for (n, id) in ids.iter().enumerate() {
        let token = if n + 1 < ids.len() {
            format!("{id}{sep}")
        } else {
            id.clone()
        };
        if width(&line) + width(&token) > cols && width(line.trim_start()) > 0 {
            let done = std::mem::replace(&mut line, "    ".to_string());
            lines.push(done.trim_end().to_string());
        }
        line.push_str(&token);
    }
    lines.push(line.trim_end().to_string());
    lines
}
