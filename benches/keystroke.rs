//! One keystroke's update + render through the real `App` on ratatui's `TestBackend`.
//!
//! `cargo bench --bench keystroke`. Each sample starts from the same state (a fresh App whose
//! first frame is already drawn, cursor on the middle item, every node expanded) and times
//! `App::handle_key` plus `Terminal::draw` (layout, render and ratatui's buffer diff), which
//! is the CPU a keystroke costs apart from the autosave (see `model::session_save_*`).

#[allow(dead_code)] // shared with the other benches; each uses part of it
mod common;

use divan::Bencher;
use pinggu::app::{App, Options};
use pinggu::cli::Lang;
use pinggu::standard::{Loaded, Standard};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// A standard size and a terminal size.
#[derive(Clone, Copy)]
struct Case {
    items: usize,
    cols: u16,
    rows: u16,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:>5} items {}x{}", self.items, self.cols, self.rows)
    }
}

const fn case(items: usize, cols: u16, rows: u16) -> Case {
    Case { items, cols, rows }
}

const CASES: [Case; 9] = [
    case(47, 80, 24),
    case(47, 120, 40),
    case(47, 200, 60),
    case(1_000, 80, 24),
    case(1_000, 120, 40),
    case(1_000, 200, 60),
    case(10_000, 80, 24),
    case(10_000, 120, 40),
    case(10_000, 200, 60),
];

fn loaded(n: usize) -> &'static Loaded {
    static REAL: OnceLock<Loaded> = OnceLock::new();
    static K1: OnceLock<Loaded> = OnceLock::new();
    static K10: OnceLock<Loaded> = OnceLock::new();
    match n {
        1_000 => K1.get_or_init(|| common::synthetic(1_000)),
        10_000 => K10.get_or_init(|| common::synthetic(10_000)),
        _ => REAL.get_or_init(Standard::embedded),
    }
}

/// A fresh App on an empty session, its first frame drawn, after `prelude` keys (undrawn
/// changes from the prelude are drawn too, so only the measured key's work remains).
fn ready(case: Case, prelude: &[KeyEvent]) -> (App, Terminal<TestBackend>) {
    ready_on(case, prelude, common::empty_session(loaded(case.items)))
}

fn ready_on(
    case: Case,
    prelude: &[KeyEvent],
    mut session: pinggu::session::Session,
) -> (App, Terminal<TestBackend>) {
    let l = loaded(case.items);
    common::expand_all(&mut session, l);
    let options = Options {
        lang: Lang::Zh,
        ascii: false,
        color: true,
    };
    let path = std::env::temp_dir().join("pinggu-bench-keystroke.json");
    let mut app = App::new(l.clone(), session, path, options, false, Vec::new());
    let backend = TestBackend::new(case.cols, case.rows);
    // TestBackend's error type is Infallible.
    let Ok(mut terminal) = Terminal::new(backend);
    for key in prelude {
        app.handle_key(*key);
    }
    draw(&mut app, &mut terminal);
    (app, terminal)
}

fn draw(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    if let Err(e) = terminal.draw(|f| app.render(f)) {
        panic!("TestBackend draw failed: {e}");
    }
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn bench_key(bencher: Bencher, case: Case, prelude: &[KeyEvent], measured: KeyEvent) {
    bencher
        .with_inputs(|| ready(case, prelude))
        .bench_local_refs(|(app, terminal)| {
            app.handle_key(measured);
            draw(app, terminal);
        });
}

/// Cursor move: `j` (down one row).
#[divan::bench(args = CASES, sample_count = 60, sample_size = 1)]
fn cursor_move(bencher: Bencher, case: Case) {
    bench_key(bencher, case, &[], key('j'));
}

/// Mark: `y` marks the item met and moves to the next.
#[divan::bench(args = CASES, sample_count = 60, sample_size = 1)]
fn mark_met(bencher: Bencher, case: Case) {
    bench_key(bencher, case, &[], key('y'));
}

/// Deduction: with `1` typed in the prompt, Enter applies it and moves on.
#[divan::bench(args = CASES, sample_count = 60, sample_size = 1)]
fn deduction_enter(bencher: Bencher, case: Case) {
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    bench_key(bencher, case, &[key('1')], enter);
}

/// Cursor move on a fully assessed session (every item marked, every 5th with a note): what
/// the last hour of an assessment costs, when the scorecard has the most to look up.
#[divan::bench(args = [case(47, 120, 40), case(1_000, 120, 40), case(10_000, 120, 40)], sample_count = 10, sample_size = 1)]
fn cursor_move_full_session(bencher: Bencher, case: Case) {
    bencher
        .with_inputs(|| ready_on(case, &[], common::full_session(loaded(case.items))))
        .bench_local_refs(|(app, terminal)| {
            app.handle_key(key('j'));
            draw(app, terminal);
        });
}

/// Mark on a fully assessed session: `y` re-marks the middle item (every item already has an
/// entry, so the model re-sorts the whole list of marks).
#[divan::bench(args = [case(47, 120, 40), case(1_000, 120, 40), case(10_000, 120, 40)], sample_count = 10, sample_size = 1)]
fn mark_met_full_session(bencher: Bencher, case: Case) {
    bencher
        .with_inputs(|| ready_on(case, &[], common::full_session(loaded(case.items))))
        .bench_local_refs(|(app, terminal)| {
            app.handle_key(key('y'));
            draw(app, terminal);
        });
}
