//! Terminal lifecycle: ratatui's init/restore plus bracketed paste, and a panic hook that
//! (after ratatui's own restores the terminal) says where the session file is.

use super::autosave;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use std::io::{BufWriter, Stdout, Write};
use std::sync::Once;
use std::time::Duration;

static PANIC_HOOK: Once = Once::new();

/// Room for a whole frame (a full redraw at 200x60 is about 9.5 KB): ratatui flushes once
/// per frame, so each frame leaves in one write instead of std's 1 KB line-buffer pieces,
/// which over SSH could arrive as separate packets and show a half-drawn frame.
const FRAME_BUFFER: usize = 16 * 1024;

/// The terminal the screens draw on: ratatui's crossterm backend over a buffered stdout.
pub type Tui = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Raw mode, alternate screen, bracketed paste (a pasted note arrives as one event).
/// What `ratatui::try_init` does, but with the buffered stdout; our panic hook restores.
pub fn init() -> std::io::Result<Tui> {
    #[cfg(unix)]
    tty();
    install_panic_hook();
    enable_raw_mode()?;
    execute!(std::io::stdout(), EnterAlternateScreen)?;
    let terminal = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_BUFFER,
        std::io::stdout(),
    )))?;
    execute!(std::io::stdout(), EnableBracketedPaste)?;
    Ok(terminal)
}

/// Sends what the terminal's buffer still holds (ratatui flushes after each frame, so
/// normally nothing): called before the terminal is restored or anything is said on stderr.
pub fn flush(terminal: &mut Tui) {
    let _ = terminal.backend_mut().flush();
}

/// Puts the terminal back. Errors are ignored: after SIGHUP there is no terminal left to
/// restore, and saying so would fail the same way.
pub fn restore() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste, cursor::Show);
    let _ = ratatui::try_restore();
}

/// Restores the terminal and lets go of `terminal` without running its Drop, which would
/// show the cursor again (done here already) and, on a hung-up terminal, panic printing
/// the failure to a stderr that is gone.
pub fn close(mut terminal: Tui) {
    flush(&mut terminal);
    restore();
    std::mem::forget(terminal);
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

/// What waiting for input brought.
#[derive(Debug)]
pub enum Input {
    /// Keys, pastes, resizes: everything crossterm has read.
    Events(Vec<Event>),
    /// Nothing within the timeout (or a signal interrupted the wait).
    Idle,
    /// The terminal hung up or failed: the SSH link dropped.
    Lost,
}

/// Waits up to `timeout` for input.
///
/// Why not `event::poll` alone: on a hung-up terminal (the SSH link dropped) crossterm's
/// reader loops forever on EOF/EIO at full CPU, so the process would never notice SIGHUP
/// and would keep the session locked. Waiting with poll(2) on the terminal ourselves sees
/// the hang-up (POLLHUP/POLLERR) first; crossterm reads only once data is really there.
pub fn next_input(timeout: Duration) -> Input {
    match wait_readable(timeout) {
        Wait::Lost => return Input::Lost,
        Wait::Timeout => return Input::Idle,
        Wait::Ready => {}
    }
    let mut events = Vec::new();
    // One read may hold several events (keys typed fast over SSH, a paste): take them all.
    loop {
        match event::poll(Duration::ZERO) {
            Ok(true) => match event::read() {
                Ok(e) => events.push(e),
                Err(_) => return Input::Lost,
            },
            Ok(false) => break,
            Err(_) => return Input::Lost,
        }
    }
    Input::Events(events)
}

enum Wait {
    Ready,
    Timeout,
    Lost,
}

/// The controlling terminal, opened once while it is alive: every descriptor of a tty
/// sees its hang-up, and asking "is stdin a terminal?" after one would say no.
#[cfg(unix)]
static TTY: std::sync::OnceLock<Option<std::fs::File>> = std::sync::OnceLock::new();

#[cfg(unix)]
fn tty() -> Option<&'static std::fs::File> {
    TTY.get_or_init(|| std::fs::OpenOptions::new().read(true).open("/dev/tty").ok())
        .as_ref()
}

#[cfg(unix)]
fn wait_readable(timeout: Duration) -> Wait {
    use std::os::fd::AsRawFd;
    let Some(tty) = tty() else {
        // No terminal to watch: let crossterm wait.
        return match event::poll(timeout) {
            Ok(true) => Wait::Ready,
            Ok(false) => Wait::Timeout,
            Err(_) => Wait::Lost,
        };
    };
    let mut fd = libc::pollfd {
        fd: tty.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid, initialised pollfd, and its count.
    let n = unsafe { libc::poll(&mut fd, 1, millis) };
    if n < 0 {
        return match std::io::Error::last_os_error().kind() {
            // A signal (SIGHUP, SIGWINCH, ...) woke us: the caller checks its flags.
            std::io::ErrorKind::Interrupted => Wait::Timeout,
            _ => Wait::Lost,
        };
    }
    if n == 0 {
        return Wait::Timeout;
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Wait::Lost;
    }
    Wait::Ready
}

#[cfg(not(unix))]
fn wait_readable(timeout: Duration) -> Wait {
    match event::poll(timeout) {
        Ok(true) => Wait::Ready,
        Ok(false) => Wait::Timeout,
        Err(_) => Wait::Lost,
    }
}

/// The terminal's size, to notice a resize while idle (SIGWINCH only interrupts the wait).
pub fn size() -> Option<(u16, u16)> {
    ratatui::crossterm::terminal::size().ok()
}
