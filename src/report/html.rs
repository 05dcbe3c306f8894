//! The HTML scorecard: one self-contained file that prints as an official A4 score sheet.
//!
//! Inline CSS only: no script, no font or image fetched, nothing that needs a network on a
//! site laptop. The print stylesheet repeats the table head on every page and never splits
//! a row across pages. Every piece of text is HTML-escaped by [`esc`].

use super::facts::{Facts, RowKind};
use crate::cli::Lang;

const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "Noto Serif CJK SC", SimSun, sans-serif;
       font-size: 10pt; line-height: 1.45; color: #000; background: #fff;
       max-width: 186mm; margin: 8mm auto; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2pt 0; }
h2 { font-size: 13pt; text-align: center; letter-spacing: 0.6em; margin: 0 0 8pt 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.info { margin-bottom: 8pt; }
table.info th { width: 16%; background: #f0f0f0; font-weight: normal; white-space: nowrap; }
col.id { width: 9%; } col.title { width: 22%; } col.points { width: 7%; }
col.mark { width: 9%; } col.score { width: 8%; }
table.score { table-layout: fixed; }
table.score th { background: #e6e6e6; text-align: center; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.id { white-space: nowrap; }
td.mark { white-space: nowrap; text-align: center; }
tr.category td, tr.group td, tr.total td { font-weight: bold; background: #f3f3f3; }
tr.item td.title { padding-left: 12pt; }
tr.total td { border-top: 1.5pt solid #000; }
.formula { white-space: nowrap; }
.note { color: #000; }
.status-draft { color: #b00; font-weight: bold; }
.status-final { font-weight: bold; }
.summary { margin: 8pt 0; break-inside: avoid; }
.summary p { margin: 2pt 0; }
.open { border: 1pt solid #b00; padding: 4pt 6pt; margin: 8pt 0; break-inside: avoid; }
.open h3 { font-size: 10.5pt; margin: 0 0 2pt 0; color: #b00; }
.open p { margin: 1pt 0; }
.signature { margin-top: 18pt; width: 100%; break-inside: avoid; }
.signature td { border: none; padding: 14pt 4pt 0 0; width: 33%; }
/* A draft says so on every printed page (fixed elements repeat per page in print). */
.watermark { position: fixed; top: 38%; left: 0; right: 0; text-align: center;
             font-size: 110pt; font-weight: bold; color: rgba(190, 0, 0, 0.09);
             transform: rotate(-28deg); z-index: -1; pointer-events: none; }
.line { display: inline-block; min-width: 34mm; border-bottom: 0.75pt solid #000; }
"#;

pub fn render(f: &Facts) -> String {
    let l = f.l;
    let lang = match f.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut h = String::new();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&crate::text::safe_line(&f.session.center.name)),
        esc(l.sheet)
    ));
    if !f.session.is_final() {
        h.push_str(&format!(
            "<div class=\"watermark\">{}</div>\n",
            esc(f.l.draft)
        ));
    }
    h.push_str(&format!(
        "<h1>{}</h1>\n<h2>{}</h2>\n",
        esc(&f.title()),
        esc(l.sheet)
    ));
    h.push_str("<table class=\"info\">\n");
    for (label, value) in f.header() {
        let class = if label == l.status {
            if f.session.is_final() {
                " class=\"status-final\""
            } else {
                " class=\"status-draft\""
            }
        } else {
            ""
        };
        h.push_str(&format!(
            "<tr><th>{}</th><td{class}>{}</td></tr>\n",
            esc(label),
            esc(&value)
        ));
    }
    h.push_str("</table>\n");
    h.push_str(&format!(
        "<table class=\"score\">\n<colgroup><col class=\"id\"><col class=\"title\">\
         <col class=\"points\"><col class=\"mark\"><col class=\"score\"><col></colgroup>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(l.id),
        esc(l.item),
        esc(l.points),
        esc(l.mark),
        esc(l.score),
        esc(l.explain)
    ));
    for row in f.rows() {
        let class = match row.kind {
            RowKind::Category => "category",
            RowKind::Indicator => "indicator",
            RowKind::Item => "item",
            RowKind::PenaltyGroup => "group",
            RowKind::Penalty => "penalty",
            RowKind::Total => "total",
        };
        let mut explain = Vec::new();
        if !row.formula.is_empty() {
            explain.push(format!(
                "<span class=\"formula\">{}</span>",
                esc(&row.formula)
            ));
        }
        if !row.note.is_empty() {
            let lines: Vec<String> = row.note.iter().map(|n| esc(n)).collect();
            explain.push(format!(
                "<span class=\"note\">{}</span>",
                lines.join("<br>")
            ));
        }
        h.push_str(&format!(
            "<tr class=\"{class}\"><td class=\"id\">{}</td><td class=\"title\">{}</td>\
             <td class=\"num\">{}</td><td class=\"mark\">{}</td><td class=\"num\">{}</td>\
             <td>{}</td></tr>\n",
            esc(&row.id),
            esc(&row.title),
            esc(&row.points),
            esc(&row.mark),
            esc(&row.score),
            explain.join("<br>")
        ));
    }
    h.push_str("</tbody>\n</table>\n");
    h.push_str(&format!(
        "<div class=\"summary\">\n<p>{}</p>\n<p><strong>{}</strong></p>\n</div>\n",
        esc(&f.penalty_line()),
        esc(&f.total_line())
    ));
    let open = f.open_points();
    if !open.is_empty() {
        h.push_str(&format!(
            "<div class=\"open\">\n<h3>{}</h3>\n",
            esc(l.open_points)
        ));
        for (label, ids) in open {
            h.push_str(&format!(
                "<p>{}{}{}{}{}{}</p>\n",
                esc(label),
                esc(l.parens.0),
                ids.len(),
                esc(l.parens.1),
                esc(l.colon),
                esc(&ids.join(l.list_sep))
            ));
        }
        h.push_str("</div>\n");
    }
    h.push_str("<table class=\"signature\"><tr>");
    for label in [l.assessor_sign, l.reviewer_sign, l.sign_date] {
        h.push_str(&format!(
            "<td>{}{}<span class=\"line\"></span></td>",
            esc(label),
            esc(l.colon)
        ));
    }
    h.push_str("</tr></table>\n</body>\n</html>\n");
    h
}

/// Text as HTML character data or attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
