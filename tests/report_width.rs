//! The text scorecard lines up with Chinese: every table line puts its column separators
//! at the same display columns (a CJK character is two columns wide), and no line is
//! wider than 80 columns, whatever mix of Chinese, ASCII and long words the notes hold.

use pinggu::cli::{Lang, ReportFormat};
use pinggu::session::{Mark, NewSession, Session};
use pinggu::standard::{Loaded, Standard};
use pinggu::text::width;
use pinggu::{report, store};
use rust_decimal::Decimal;
use std::path::Path;

/// The display columns at which `line` has `|` or `+`.
fn separator_columns(line: &str) -> Vec<usize> {
    let mut col = 0;
    let mut found = Vec::new();
    for c in line.chars() {
        if c == '|' || c == '+' {
            found.push(col);
        }
        col += width(&c.to_string());
    }
    found
}

/// Checks the table of a text scorecard; returns how many table lines it saw.
fn check_alignment(text: &str) -> usize {
    for line in text.lines() {
        assert!(width(line) <= 80, "wider than 80: {line:?}");
    }
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("编号") || l.starts_with("ID "))
        .expect("table header");
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.is_empty())
            .expect("table end");
    let boundaries = separator_columns(lines[start]);
    assert_eq!(boundaries.len(), 5, "{}", lines[start]);
    for line in &lines[start..end] {
        let found = separator_columns(line);
        assert!(
            found.len() >= 5 && found[..5] == boundaries[..],
            "columns {found:?} instead of {boundaries:?} in {line:?}"
        );
    }
    end - start
}

fn mixed_session(loaded: &Loaded) -> Session {
    let form = NewSession {
        center: "Riverside 青枫街道社区事务受理服务中心（试点 Pilot Site No.3）测试用超长名称"
            .into(),
        district: "梧桐区".into(),
        assessors: vec!["沈嘉禾".into(), "Alexander Smith-Johnson".into()],
        date: "2026-11-18".into(),
    };
    let mut s = Session::new(form, loaded, "2026-11-18T09:00:00+08:00");
    let std = &loaded.standard;
    let notes = [
        ("1.2.1", "1"),
        (
            "2.1.1",
            "窗口总数14个(excluding cash/reply windows)，综合窗口10个，占71.4%，低于80%。",
        ),
        (
            "3.2.3",
            "https://example.invalid/a/very/long/url/without/any/spaces/at/all/1234567890",
        ),
        (
            "5.1.2",
            "第一行：监控保存30天\n第二行 second line with English words\n\n第四行😀表情",
        ),
        (
            "7.3",
            "ｆｕｌｌｗｉｄｔｈ全角字母ＡＢＣ和半角abc混排，tab\there。",
        ),
    ];
    for (id, note) in notes {
        s.set_mark(std, id, Some(Mark::Deducted(Decimal::ONE)))
            .unwrap();
        s.set_note(std, id, note).unwrap();
    }
    s.set_mark(std, "2.2", Some(Mark::Na)).unwrap();
    s.set_note(std, "2.2", "不适用：本中心未开展此项 | n/a")
        .unwrap();
    s.set_penalty(
        std,
        "8.2",
        true,
        Some("违规违纪 discipline case 2026-07, 详见区纪委通报（No. 2026-17）"),
    )
    .unwrap();
    s
}

#[test]
fn mixed_chinese_and_ascii_columns_align() {
    let loaded = Standard::embedded();
    let s = mixed_session(&loaded);
    for lang in [Lang::Zh, Lang::En] {
        let text = report::render(ReportFormat::Text, &loaded, &s, lang);
        let rows = check_alignment(&text);
        assert!(rows > 80, "{rows} table lines");
        // Long notes wrapped inside their column rather than being cut.
        assert!(text.contains("| https://example.invalid/a\n"));
        assert!(text.contains("| y/spaces/at/all/123456789\n"));
        assert!(text.contains("第四行😀表情"));
    }
}

#[test]
fn shipped_examples_align() {
    let loaded = Standard::embedded();
    for entry in std::fs::read_dir("sessions").unwrap() {
        let path = entry.unwrap().path();
        let session = store::load(Path::new(&path), &loaded).unwrap().session;
        check_alignment(&report::render(
            ReportFormat::Text,
            &loaded,
            &session,
            Lang::Zh,
        ));
    }
}

#[test]
fn the_separator_finder_sees_what_a_terminal_sees() {
    // A guard on the test itself: CJK counts two columns, so a byte or char count would
    // put these separators elsewhere.
    assert_eq!(separator_columns("受理 | ab | 中"), vec![5, 10]);
    assert_eq!(separator_columns("ab | cd"), vec![3]);
}
