//! The terminal program: the session picker, the new-session form, and the event loop
//! that runs the assessment screen with autosave, signals and locks.
//!
//! - `picker`, `columns`, `form`, `input`, `labels`, `draw`: the picker's state and drawing (pure).
//! - `listing`: reading the store into picker rows (broken files included).
//! - `run`: opening a session (lock, read-only) and the assessment screen's loop.
//! - `autosave`, `signals`, `terminal`: saving, SIGHUP/SIGTERM/SIGINT, terminal lifecycle.

mod autosave;
mod columns;
mod draw;
mod form;
mod input;
mod labels;
pub mod listing;
pub mod picker;
mod run;
mod signals;
mod terminal;

#[cfg(test)]
mod picker_tests;

use crate::app::Options;
use crate::clock;
use crate::commands::{self, Failure, Outcome};
use crate::standard::Loaded;
use crate::store::Store;
use picker::{Mode, Picker, Request};
use ratatui::crossterm::event::Event;
use run::{Closed, Ended, OpenError};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// `pinggu` with no arguments: the session picker. Closing a session returns to it.
pub fn picker(store: &Store, loaded: &Loaded, options: Options) -> Outcome {
    signals::install()?;
    let mut picker = Picker::new(store.dir.display().to_string(), options, clock::today());
    picker.set_entries(listing::scan(store, loaded));
    let mut terminal = terminal::init().map_err(|e| Failure::new(format!("terminal: {e}")))?;
    let mut said = Vec::new();
    let result = picker_loop(&mut terminal, &mut picker, store, loaded, &mut said);
    terminal::close(terminal);
    for line in said {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
    result
}

fn picker_loop(
    terminal: &mut terminal::Tui,
    picker: &mut Picker,
    store: &Store,
    loaded: &Loaded,
    said: &mut Vec<String>,
) -> Outcome {
    let mut redraw = true;
    let mut size = terminal::size();
    loop {
        if let Some(sig) = signals::caught() {
            return Err(signal_failure(sig, None));
        }
        if redraw {
            terminal
                .draw(|f| picker.render(f))
                .map_err(|e| Failure::new(format!("terminal: {e}")))?;
        }
        let events = match terminal::next_input(Duration::from_millis(250)) {
            terminal::Input::Lost => return Err(Failure::new("the terminal went away")),
            terminal::Input::Idle => {
                let now = terminal::size();
                redraw = now != size;
                size = now;
                continue;
            }
            terminal::Input::Events(events) => events,
        };
        redraw = true;
        let mut request = Request::Nothing;
        for event in events {
            request = match event {
                Event::Key(key) if key.is_press() => picker.handle_key(key),
                Event::Paste(text) => {
                    picker.handle_paste(&text);
                    Request::Nothing
                }
                _ => Request::Nothing,
            };
            if !matches!(request, Request::Nothing) {
                break;
            }
        }
        let (path, read_only) = match request {
            Request::Nothing => continue,
            Request::Quit => return Ok(()),
            Request::Open(path) => (path, false),
            Request::OpenReadOnly(path) => (path, true),
            Request::Create(new) => match commands::create(store, loaded, new) {
                Ok(path) => {
                    picker.mode = Mode::Browse;
                    (path, false)
                }
                Err(f) => {
                    if let Mode::Form(form) = &mut picker.mode {
                        form.error = Some(f.message);
                    }
                    continue;
                }
            },
        };
        let mut opened = match run::prepare(store, loaded, &path, picker.options, read_only) {
            Ok(o) => o,
            Err(OpenError::Held(holder)) => {
                picker.mode = Mode::ConfirmReadOnly { path, holder };
                continue;
            }
            Err(OpenError::Other(message)) => {
                picker.status = Some((message, true));
                continue;
            }
        };
        let center = opened.app.session.center.name.clone();
        let closed = run::screen(terminal, &mut opened);
        drop(opened);
        if let Some(unsaved) = &closed.unsaved {
            // Asking on stdin needs the normal terminal back for a moment.
            terminal::flush(terminal);
            terminal::restore();
            said.push(autosave::offer_rescue(unsaved, closed.ended == Ended::Quit));
            if !matches!(closed.ended, Ended::Quit) {
                return Err(ended_failure(&closed, &path));
            }
            // The old Terminal was restored above; forget it rather than run its Drop.
            std::mem::forget(std::mem::replace(terminal, terminal::init()?));
        }
        if !matches!(closed.ended, Ended::Quit) {
            return Err(ended_failure(&closed, &path));
        }
        let closed_msg = format!("{} {}", labels::labels(picker.options.lang).closed, center);
        let message = match &closed.summary {
            Some(s) => {
                said.push(format!("{center}: {s}"));
                format!("{closed_msg}: {s}")
            }
            None => closed_msg,
        };
        picker.set_entries(listing::scan(store, loaded));
        picker.status = Some((crate::text::safe_line(&message), false));
    }
}

/// Opens one session file in the assessment screen (`pinggu open`, `pinggu new`).
pub fn open(
    store: &Store,
    loaded: &Loaded,
    path: &Path,
    options: Options,
    read_only: bool,
) -> Outcome {
    signals::install()?;
    let mut opened = match run::prepare(store, loaded, path, options, read_only) {
        Ok(o) => o,
        Err(OpenError::Held(holder)) => {
            return Err(Failure::new(format!(
                "{}: in use by {holder}; `pinggu open --read-only` opens it without changing it",
                path.display()
            )));
        }
        Err(OpenError::Other(message)) => return Err(Failure::new(message)),
    };
    let mut terminal = terminal::init().map_err(|e| Failure::new(format!("terminal: {e}")))?;
    let closed = run::screen(&mut terminal, &mut opened);
    // The lock goes first: nothing after this may keep the session from the next pinggu.
    drop(opened);
    terminal::close(terminal);
    let mut err = std::io::stderr();
    if let Some(unsaved) = &closed.unsaved {
        let said = autosave::offer_rescue(unsaved, closed.ended == Ended::Quit);
        let _ = writeln!(err, "pinggu: {said}");
    }
    match closed.ended {
        Ended::Quit => {
            if let Some(s) = &closed.summary {
                let _ = writeln!(err, "{s}");
            }
            Ok(())
        }
        _ => Err(ended_failure(&closed, path)),
    }
}

fn ended_failure(closed: &Closed, path: &Path) -> Failure {
    match closed.ended {
        Ended::Signal(sig) if closed.unsaved.is_some() => Failure {
            message: format!("{}: stopped; see above for the unsaved changes", sig.name()),
            code: sig.exit_code(),
        },
        Ended::Signal(sig) => signal_failure(sig, Some(path)),
        _ => Failure::new(format!(
            "the terminal went away; {} holds the work up to the last change",
            path.display()
        )),
    }
}

fn signal_failure(sig: signals::Caught, path: Option<&Path>) -> Failure {
    let message = match path {
        Some(p) => format!("{}: stopped; {} is saved", sig.name(), p.display()),
        None => format!("{}: stopped", sig.name()),
    };
    Failure {
        message,
        code: sig.exit_code(),
    }
}
