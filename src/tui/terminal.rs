//! Terminal lifecycle: ratatui's init/restore plus bracketed paste, and a panic hook that
//! (after ratatui's own restores the terminal) says where the session file is.

use super::autosave;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute};
use std::io::Write;
use std::sync::Once;

static PANIC_HOOK: Once = Once::new();

/// Raw mode, alternate screen, bracketed paste (a pasted note arrives as one event).
pub fn init() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    install_panic_hook();
    execute!(std::io::stdout(), EnableBracketedPaste)?;
    Ok(terminal)
}

/// Puts the terminal back. Errors are ignored: after SIGHUP there is no terminal left to
/// restore, and saying so would fail the same way.
pub fn restore() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste, cursor::Show);
    let _ = ratatui::try_restore();
}

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
            if let Some(note) = autosave::panic_note() {
                let _ = writeln!(std::io::stderr(), "pinggu: {note}");
            }
        }));
    });
}
