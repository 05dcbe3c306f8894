//! Shared helpers for the app tests: a fresh session on the embedded standard, key
//! sequences written as text, and screens drawn on a TestBackend.
#![allow(dead_code)] // each test crate uses a different subset

use pinggu::amount;
use pinggu::app::{App, Effect, Options};
use pinggu::cli::Lang;
use pinggu::scoring;
use pinggu::session::{NewSession, Session};
use pinggu::standard::{Loaded, Standard};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

pub const NOW: &str = "2026-12-03T10:00:00+08:00";

pub fn session(loaded: &Loaded) -> Session {
    let form = NewSession {
        center: "陆家嘴社区事务受理服务中心".into(),
        district: "浦东新区".into(),
        assessors: vec!["张三".into()],
        date: "2026-12-03".into(),
    };
    Session::new(form, loaded, "2026-12-03T09:00:00+08:00")
}

pub fn options(lang: Lang, ascii: bool) -> Options {
    Options {
        lang,
        ascii,
        color: false,
    }
}

pub fn app_with(loaded: Loaded, session: Session, opts: Options, read_only: bool) -> App {
    let mut app = App::new(
        loaded,
        session,
        PathBuf::from("/tmp/app-test.json"),
        opts,
        read_only,
        vec![],
    );
    app.clock = || NOW.to_string();
    app
}

/// A fresh draft on the embedded standard, Chinese UI, no colour.
pub fn app() -> App {
    app_lang(Lang::Zh, false)
}

pub fn app_lang(lang: Lang, ascii: bool) -> App {
    let loaded = Standard::embedded();
    let s = session(&loaded);
    app_with(loaded, s, options(lang, ascii), false)
}

/// Keys written as text: plain characters, plus <Enter> <Esc> <Tab> <BS> <Del> <Up>
/// <Down> <Left> <Right> <PgDn> <PgUp> <S-Down> <S-Up> (Shift) <C-x> (Ctrl) and <Space>.
/// Returns the combined effect.
pub fn keys(app: &mut App, seq: &str) -> Effect {
    let mut total = Effect::default();
    let mut rest = seq;
    while let Some(c) = rest.chars().next() {
        let (event, used) = if c == '<' && rest[1..].contains('>') {
            let end = rest.find('>').unwrap_or(0);
            let name = &rest[1..end];
            (named(name), end + 1)
        } else {
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyEvent::new(KeyCode::Char(c), mods), c.len_utf8())
        };
        rest = &rest[used..];
        let e = app.handle_key(event);
        total.changed |= e.changed;
        total.view_changed |= e.view_changed;
        total.quit |= e.quit;
    }
    total
}

fn named(name: &str) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match name {
        "Enter" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Tab" => plain(KeyCode::Tab),
        "BS" => plain(KeyCode::Backspace),
        "Del" => plain(KeyCode::Delete),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "Space" => plain(KeyCode::Char(' ')),
        "PgDn" => plain(KeyCode::PageDown),
        "PgUp" => plain(KeyCode::PageUp),
        "S-Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT),
        "S-Up" => KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT),
        n if n.starts_with("C-") => KeyEvent::new(
            KeyCode::Char(n.chars().nth(2).unwrap_or('?')),
            KeyModifiers::CONTROL,
        ),
        other => panic!("unknown key name <{other}>"),
    }
}

/// The live total as displayed ("98.5").
pub fn total(app: &App) -> String {
    amount::fmt(scoring::score(&app.loaded.standard, app.session()).total)
}

/// The item's status key and amount, e.g. "deducted 1.5", "met", "unreviewed".
pub fn status(app: &App, id: &str) -> String {
    let card = scoring::score(&app.loaded.standard, app.session());
    for c in &card.categories {
        for i in &c.indicators {
            for it in &i.items {
                if it.id == id {
                    return match it.status {
                        scoring::ItemStatus::Deducted(d) => format!("deducted {}", amount::fmt(d)),
                        s => s.key().to_string(),
                    };
                }
            }
        }
    }
    panic!("no item {id}")
}

pub fn status_message(app: &App) -> Option<String> {
    app.status.as_ref().map(|(m, _)| m.clone())
}

pub fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("test backend")
}

/// Draws the app once and returns the terminal (for snapshots and cursor checks).
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut t = terminal(width, height);
    t.draw(|f| app.render(f)).expect("draw");
    t
}

/// The screen as plain text rows (wide characters occupy their cell; the
/// continuation cell is skipped).
pub fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}
