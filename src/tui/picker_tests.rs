//! The picker driven by keys and drawn on a TestBackend (snapshots at 80x24).

use super::listing::{Entry, Kind, Summary};
use super::picker::{Mode, Picker, Request};
use crate::app::Options;
use crate::cli::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;
use std::path::PathBuf;

fn options(lang: Lang, ascii: bool) -> Options {
    Options {
        lang,
        ascii,
        color: false,
    }
}

fn session(file: &str, center: &str, district: &str, reviewed: usize, total: i64) -> Entry {
    Entry {
        path: PathBuf::from(format!("/store/{file}")),
        file: file.into(),
        modified: None,
        modified_text: "12-03 14:05".into(),
        kind: Kind::Session(Summary {
            center: center.into(),
            district: district.into(),
            date: "2026-12-03".into(),
            assessors: "张三, 李四".into(),
            reviewed,
            items_total: 47,
            total: Decimal::new(total, 1),
            is_final: reviewed == 47,
        }),
    }
}

fn entries() -> Vec<Entry> {
    vec![
        session(
            "徐汇区枫林街道社区事务受理服务中心-2026-12-03.json",
            "徐汇区枫林街道社区事务受理服务中心",
            "徐汇区",
            32,
            875,
        ),
        Entry {
            path: PathBuf::from("/store/broken.json"),
            file: "broken.json".into(),
            modified: None,
            modified_text: String::new(),
            kind: Kind::Broken("not valid JSON: EOF while parsing an object at line 3".into()),
        },
        session("pudong.json", "Pudong Huamu Center", "浦东新区", 47, 965),
    ]
}

fn picker(lang: Lang, ascii: bool) -> Picker {
    let mut p = Picker::new(
        "/home/assessor/.local/share/pinggu/sessions".into(),
        options(lang, ascii),
        "2026-12-03".into(),
    );
    p.set_entries(Ok(entries()));
    p
}

fn draw(p: &Picker, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| p.render(f)).unwrap();
    t
}

fn press(p: &mut Picker, code: KeyCode) -> Request {
    p.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn picker_zh_80x24() {
    let t = draw(&picker(Lang::Zh, false), 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn picker_en_80x24() {
    let mut p = picker(Lang::En, false);
    press(&mut p, KeyCode::Char('j'));
    let t = draw(&p, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn picker_ascii_narrow_60x12() {
    let t = draw(&picker(Lang::Zh, true), 60, 12);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn picker_empty_store_says_how_to_start() {
    let mut p = picker(Lang::Zh, false);
    p.set_entries(Ok(Vec::new()));
    let t = draw(&p, 80, 24);
    let screen = format!("{:?}", t.backend());
    assert!(
        screen.contains("还没有评估会话。按 n 新建一个。"),
        "{screen}"
    );
}

#[test]
fn picker_new_form_zh_80x24_puts_the_cursor_at_the_caret() {
    let mut p = picker(Lang::Zh, false);
    press(&mut p, KeyCode::Char('n'));
    p.handle_paste("枫林中心");
    let mut t = draw(&p, 80, 24);
    insta::assert_snapshot!(t.backend());
    // The caret sits after the four CJK characters (8 columns) of the first field.
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (9 + 1 + 10 + 8, 9));
}

/// Row `y` of the screen as text (a wide character's second cell skipped), trimmed.
fn row(t: &Terminal<TestBackend>, y: u16) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = crate::text::width(sym).saturating_sub(1);
        out.push_str(sym);
    }
    out.trim_end().to_string()
}

#[test]
fn the_form_hint_says_what_enter_does_on_each_field() {
    for (lang, next, create) in [
        (
            Lang::Zh,
            "│Enter 下一项  Shift-Tab 上一项  Ctrl-S 创建  Esc 取消",
            "│Enter 创建  Tab 下一项  Shift-Tab 上一项  Esc 取消",
        ),
        (
            Lang::En,
            "│Enter next field  Shift-Tab back  Ctrl-S create  Esc cancel",
            "│Enter create  Tab next  Shift-Tab back  Esc cancel",
        ),
    ] {
        let mut p = picker(lang, false);
        press(&mut p, KeyCode::Char('n'));
        p.handle_paste("枫林中心");
        // Center, district, assessor: Enter moves on; the date: Enter creates.
        for _ in 0..3 {
            let hint = row(&draw(&p, 80, 24), 14);
            assert!(hint.starts_with(&format!("        {next}")), "{hint}");
            assert!(matches!(press(&mut p, KeyCode::Enter), Request::Nothing));
        }
        let hint = row(&draw(&p, 80, 24), 14);
        assert!(hint.starts_with(&format!("        {create}")), "{hint}");
        assert!(matches!(press(&mut p, KeyCode::Enter), Request::Create(_)));
    }
}

#[test]
fn too_small_never_panics() {
    let p = picker(Lang::En, false);
    for (w, h) in [(1, 1), (39, 9), (40, 10), (10, 40)] {
        draw(&p, w, h);
    }
    let t = draw(&p, 30, 5);
    assert!(format!("{:?}", t.backend()).contains("Terminal too small (30x5)"));
}

#[test]
fn enter_opens_the_row_and_a_broken_row_says_why() {
    let mut p = picker(Lang::En, false);
    assert!(
        matches!(press(&mut p, KeyCode::Enter), Request::Open(path) if path.ends_with("徐汇区枫林街道社区事务受理服务中心-2026-12-03.json"))
    );
    press(&mut p, KeyCode::Down);
    assert!(matches!(press(&mut p, KeyCode::Enter), Request::Nothing));
    assert_eq!(
        p.status,
        Some((
            "Cannot open: broken.json: not valid JSON: EOF while parsing an object at line 3"
                .into(),
            true
        ))
    );
    assert!(matches!(press(&mut p, KeyCode::Char('q')), Request::Quit));
}

#[test]
fn slash_filters_by_center_or_district() {
    let mut p = picker(Lang::Zh, false);
    press(&mut p, KeyCode::Char('/'));
    assert_eq!(p.mode, Mode::Filter);
    p.handle_paste("浦东");
    assert_eq!(p.visible(), vec![2]);
    press(&mut p, KeyCode::Enter);
    assert_eq!(p.mode, Mode::Browse);
    assert!(
        matches!(press(&mut p, KeyCode::Enter), Request::Open(path) if path.ends_with("pudong.json"))
    );
    press(&mut p, KeyCode::Esc);
    assert_eq!(p.visible(), vec![0, 1, 2]);
}

#[test]
fn a_held_session_asks_before_opening_read_only() {
    let mut p = picker(Lang::En, false);
    p.mode = Mode::ConfirmReadOnly {
        path: PathBuf::from("/store/pudong.json"),
        holder: "li@laptop (pid 42) since 2026-12-03T14:00:00+08:00".into(),
    };
    let t = draw(&p, 80, 24);
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains("In use by: li@laptop (pid 42)"), "{screen}");
    assert!(
        matches!(press(&mut p, KeyCode::Char('y')), Request::OpenReadOnly(path) if path.ends_with("pudong.json"))
    );
    assert_eq!(p.mode, Mode::Browse);
}
