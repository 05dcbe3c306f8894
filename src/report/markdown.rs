//! The Markdown scorecard: GitHub-style pipe tables that render on common viewers.
//!
//! Cells cannot hold a raw `|` or a line break, and many viewers render inline HTML, so
//! every piece of text goes through [`cell`]: `|`, `\` and emphasis characters are
//! backslash-escaped, `<`, `>` and `&` become entities, line breaks become `<br>`.

use super::facts::{Facts, RowKind};

pub fn render(f: &Facts) -> String {
    let l = f.l;
    let mut out = Vec::new();
    out.push(format!("# {}", cell(&f.title())));
    out.push(String::new());
    out.push(format!("## {}", cell(l.sheet)));
    out.push(String::new());
    for (label, value) in f.header() {
        out.push(format!("- **{}**{}{}", cell(label), l.colon, cell(&value)));
    }
    out.push(String::new());
    out.push(format!(
        "| {} | {} | {} | {} | {} | {} |",
        cell(l.id),
        cell(l.item),
        cell(l.points),
        cell(l.mark),
        cell(l.score),
        cell(l.explain)
    ));
    out.push("|---|---|---:|---|---:|---|".to_string());
    for row in f.rows() {
        let strong = matches!(
            row.kind,
            RowKind::Category | RowKind::PenaltyGroup | RowKind::Total
        );
        let b = |s: String| {
            if strong && !s.is_empty() {
                format!("**{s}**")
            } else {
                s
            }
        };
        let mut explain: Vec<String> = Vec::new();
        if !row.formula.is_empty() {
            explain.push(cell(&row.formula));
        }
        explain.extend(row.note.iter().map(|n| cell(n)));
        out.push(format!(
            "| {} | {} | {} | {} | {} | {} |",
            b(cell(&row.id)),
            b(cell(&row.title)),
            cell(&row.points),
            cell(&row.mark),
            b(cell(&row.score)),
            explain.join("<br>")
        ));
    }
    out.push(String::new());
    out.push(format!("- {}", cell(&f.penalty_line())));
    out.push(format!("- **{}**", cell(&f.total_line())));
    let open = f.open_points();
    if !open.is_empty() {
        out.push(String::new());
        out.push(format!("## {}", cell(l.open_points)));
        out.push(String::new());
        for (label, ids) in open {
            out.push(format!(
                "- {}{}{}{}{}{}",
                cell(label),
                l.parens.0,
                ids.len(),
                l.parens.1,
                l.colon,
                cell(&ids.join(l.list_sep))
            ));
        }
    }
    out.push(String::new());
    out.push(format!(
        "| {} | {} | {} |",
        cell(l.assessor_sign),
        cell(l.reviewer_sign),
        cell(l.sign_date)
    ));
    out.push("|---|---|---|".to_string());
    out.push("| &nbsp; | &nbsp; | &nbsp; |".to_string());
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Safe inside a table cell on GitHub, GitLab, VS Code and pandoc.
/// Callers pass text that is already free of control characters (the facts did that).
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
