//! Opening one session (checks, lock) and the assessment screen's event loop.

use super::autosave::{Autosave, Unsaved};
use super::terminal::{self, Input};
use super::{listing, signals};
use crate::app::{App, Options};
use crate::lock::{LockError, SessionLock};
use crate::standard::Loaded;
use crate::store::{self, Store};
use ratatui::crossterm::event::Event;
use std::path::Path;
use std::time::Duration;

/// How often the loop wakes without input to notice signals and flush view changes.
const POLL: Duration = Duration::from_millis(250);

/// A session ready for the screen: the App and, unless read-only, its lock.
pub struct Opened {
    pub app: App,
    /// Held (not read) until the screen closes and this is dropped.
    _lock: Option<SessionLock>,
}

/// Why a session could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// Another live pinggu holds it; the text names who.
    Held(String),
    Other(String),
}

/// Loads the session and takes its lock. A final (定稿) session, or `read_only`, opens
/// without the lock; a lock that cannot be taken for a reason other than a live holder
/// (e.g. a read-only directory) opens read-only with a warning.
pub fn prepare(
    store: &Store,
    loaded: &Loaded,
    path: &Path,
    options: Options,
    read_only: bool,
) -> Result<Opened, OpenError> {
    let shown = path.display();
    let real =
        listing::real_path(store, path).map_err(|e| OpenError::Other(format!("{shown}: {e}")))?;
    let parsed = store::load(&real, loaded).map_err(|e| OpenError::Other(e.to_string()))?;
    let mut warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    let is_final = parsed.session.is_final();
    let mut lock = None;
    let mut read_only = read_only;
    if is_final {
        read_only = true;
        warnings.insert(
            0,
            "final (定稿): read-only; `pinggu reopen` makes it a draft".into(),
        );
    } else if !read_only {
        match SessionLock::acquire(&real) {
            Ok(l) => lock = Some(l),
            Err(LockError::Held { holder, .. }) => return Err(OpenError::Held(holder.to_string())),
            Err(LockError::HeldUnknown { .. }) => {
                return Err(OpenError::Held("another pinggu".into()));
            }
            Err(e @ LockError::Io { .. }) => {
                read_only = true;
                warnings.insert(0, format!("{e}; opened read-only"));
            }
        }
    }
    let app = App::new(
        loaded.clone(),
        parsed.session,
        real,
        options,
        read_only,
        warnings,
    );
    Ok(Opened { app, _lock: lock })
}

/// How the screen ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    Signal(signals::Caught),
    /// Reading keys or drawing failed (the terminal went away).
    TerminalLost,
}

pub struct Closed {
    pub ended: Ended,
    pub summary: Option<String>,
    pub unsaved: Option<Unsaved>,
}

/// Runs the assessment screen until quit, a signal or a lost terminal, saving as it goes.
/// The lock is held for the whole loop and released by the caller dropping `opened`.
pub fn screen(terminal: &mut terminal::Tui, opened: &mut Opened) -> Closed {
    let app = &mut opened.app;
    let mut saver = Autosave::new(app.path.clone(), app.read_only);
    let mut redraw = true;
    let mut size = terminal::size();
    let ended = 'run: loop {
        if let Some(sig) = signals::caught() {
            break Ended::Signal(sig);
        }
        // One Terminal, one draw per event: ratatui sends only the cells that changed.
        if redraw && terminal.draw(|f| app.render(f)).is_err() {
            break Ended::TerminalLost;
        }
        let events = match terminal::next_input(POLL) {
            Input::Lost => break Ended::TerminalLost,
            Input::Idle => {
                let saved = saver.idle(app);
                let now = terminal::size();
                redraw = saved || now != size;
                size = now;
                continue;
            }
            Input::Events(events) => events,
        };
        redraw = true;
        for event in events {
            panic_for_tests(&event);
            let effect = match event {
                Event::Key(key) if key.is_press() => app.handle_key(key),
                Event::Paste(text) => app.handle_paste(&text),
                _ => continue,
            };
            saver.after(effect, app);
            if effect.quit {
                break 'run Ended::Quit;
            }
        }
    };
    let unsaved = saver.finish(app);
    Closed {
        ended,
        summary: app.quit_summary(),
        unsaved,
    }
}

/// Debug builds only: `PINGGU_TEST_PANIC=1` makes `!` panic, so a test can prove that a
/// panic restores the terminal and says where the session file is.
fn panic_for_tests(event: &Event) {
    #[cfg(debug_assertions)]
    if let Event::Key(key) = event
        && key.code == ratatui::crossterm::event::KeyCode::Char('!')
        && std::env::var_os("PINGGU_TEST_PANIC").is_some()
    {
        panic!("test panic (PINGGU_TEST_PANIC)");
    }
    let _ = event;
}
