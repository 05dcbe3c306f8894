//! What must never happen in a scorecard: escape sequences or control characters from a
//! note reaching the output raw, a `<script>` surviving into HTML, a spreadsheet formula
//! running from a CSV cell, a Markdown table broken by a `|` or a newline.

use pinggu::cli::{Lang, ReportFormat};
use pinggu::report;
use pinggu::session::{Mark, NewSession, Session};
use pinggu::standard::{Loaded, Standard};
use rust_decimal::Decimal;

const NASTY: &str =
    "扣分\u{1b}[31m红字\u{1b}[0m \u{1b}]0;owned\u{7} nul\u{0}end \u{202E}evil \u{9b}2J";

fn session(loaded: &Loaded, center: &str, notes: &[(&str, &str)]) -> Session {
    let form = NewSession {
        center: center.to_string(),
        district: "梧桐区".to_string(),
        assessors: vec!["沈嘉禾".to_string(), "A. Smith".to_string()],
        date: "2026-11-18".to_string(),
    };
    let mut s = Session::new(form, loaded, "2026-11-18T09:00:00+08:00");
    let std = &loaded.standard;
    for (id, note) in notes {
        if std.penalty(id).is_some() {
            s.set_penalty(std, id, true, Some(note)).unwrap();
        } else {
            s.set_mark(std, id, Some(Mark::Deducted(Decimal::new(5, 1))))
                .unwrap();
            s.set_note(std, id, note).unwrap();
        }
    }
    s
}

fn all(loaded: &Loaded, s: &Session) -> Vec<(ReportFormat, String)> {
    [
        ReportFormat::Text,
        ReportFormat::Markdown,
        ReportFormat::Csv,
        ReportFormat::Html,
        ReportFormat::Json,
    ]
    .into_iter()
    .map(|f| (f, report::render(f, loaded, s, Lang::Zh)))
    .collect()
}

#[test]
fn no_control_or_escape_character_reaches_any_format() {
    let loaded = Standard::embedded();
    let s = session(
        &loaded,
        "青枫\u{1b}[2J中心",
        &[
            ("1.2.1", NASTY),
            ("8.2", NASTY),
            ("2.2", "第一行\r\n第二行\u{1b}P"),
        ],
    );
    for (format, out) in all(&loaded, &s) {
        for c in out.chars() {
            let allowed = c == '\n' || (c == '\r' && format == ReportFormat::Csv);
            assert!(
                allowed || !(c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
                "{format:?} output holds {c:?}"
            );
        }
        // The visible text survives, with the escape shown as a placeholder.
        assert!(out.contains("红字"), "{format:?}");
        let shown = if format == ReportFormat::Markdown {
            "\u{FFFD}\\[31m"
        } else {
            "\u{FFFD}[31m"
        };
        assert!(out.contains(shown), "{format:?}");
    }
}

#[test]
fn html_escapes_markup_from_notes_and_names() {
    let loaded = Standard::embedded();
    let note = "<script>alert('x')</script> & \"quoted\"";
    let s = session(&loaded, "<b>中心</b>", &[("1.2.1", note)]);
    let html = report::render(ReportFormat::Html, &loaded, &s, Lang::Zh);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<b>"));
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
    );
    assert!(html.contains("&lt;b&gt;中心&lt;/b&gt;"));
    // Self-contained: nothing fetched, nothing run.
    for banned in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(banned), "{banned}");
    }
    for needed in [
        "@page { size: A4",
        "thead { display: table-header-group; }",
        "break-inside: avoid",
        "\"Noto Sans CJK SC\"",
        "<meta charset=\"utf-8\">",
    ] {
        assert!(html.contains(needed), "{needed}");
    }
}

#[test]
fn csv_starts_with_a_bom_and_neutralises_formulas() {
    let loaded = Standard::embedded();
    let s = session(
        &loaded,
        "=HYPERLINK(\"http://x\")",
        &[
            ("1.1.1", "=SUM(A1)"),
            ("1.1.2", "+1"),
            ("1.2.1", "-1"),
            ("1.2.2", "@x"),
            ("1.2.3", "\tcmd"),
            ("1.2.5", " =1+1"),
            ("1.2.4", "普通说明"),
        ],
    );
    let csv = report::render(ReportFormat::Csv, &loaded, &s, Lang::Zh);
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.as_bytes().starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let note_of = |id: &str| {
        rows.iter()
            .find(|r| &r[0] == id)
            .map(|r| r[7].to_string())
            .unwrap()
    };
    assert_eq!(note_of("1.1.1"), "'=SUM(A1)");
    assert_eq!(note_of("1.1.2"), "'+1");
    assert_eq!(note_of("1.2.1"), "'-1");
    assert_eq!(note_of("1.2.2"), "'@x");
    assert_eq!(note_of("1.2.3"), " cmd"); // the tab became a space (text::safe_line)
    assert_eq!(note_of("1.2.5"), "' =1+1");
    assert_eq!(note_of("1.2.4"), "普通说明");
    assert!(rows.iter().any(|r| &r[2] == "'=HYPERLINK(\"http://x\")"));
    for r in &rows {
        for cell in r.iter() {
            assert!(
                !cell
                    .trim_start()
                    .starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    // The total row: what a spreadsheet sums against.
    let total = rows.iter().find(|r| &r[1] == "总分").unwrap();
    assert_eq!(&total[4], "100");
    assert_eq!(&total[8], "96.5"); // 100 − 7 deductions of 0.5
}

#[test]
fn markdown_escapes_pipes_and_newlines_in_notes() {
    let loaded = Standard::embedded();
    let s = session(&loaded, "中心|名", &[("1.2.1", "a | b\n第二行 <i>x</i>")]);
    let md = report::render(ReportFormat::Markdown, &loaded, &s, Lang::Zh);
    let row = md.lines().find(|l| l.starts_with("| 1.2.1 |")).unwrap();
    assert_eq!(
        row,
        "| 1.2.1 | 大厅环境 |  | 扣0.5 |  | a \\| b<br>第二行 &lt;i&gt;x&lt;/i&gt; |"
    );
    // Every table row has the header's 6 columns: 7 unescaped pipes.
    for line in md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("扣"))
    {
        let pipes = line.replace("\\|", "").matches('|').count();
        assert!(pipes == 7 || pipes == 4, "{line}");
    }
    assert!(md.contains("中心\\|名"));
}
