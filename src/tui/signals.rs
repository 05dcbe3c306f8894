//! SIGHUP (the SSH link dropped), SIGTERM and SIGINT, noticed by the event loop.
//!
//! The handlers only set flags; the loop polls for keys with a short timeout and checks
//! them, then saves, restores the terminal and exits. A second signal of the same kind
//! while that is going on ends the process at once (the state is saved after every change).

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caught {
    Hangup,
    Terminate,
    Interrupt,
}

impl Caught {
    /// The shell's convention: 128 + the signal number.
    pub fn exit_code(self) -> i32 {
        128 + match self {
            Caught::Hangup => SIGHUP,
            Caught::Terminate => SIGTERM,
            Caught::Interrupt => SIGINT,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Caught::Hangup => "SIGHUP",
            Caught::Terminate => "SIGTERM",
            Caught::Interrupt => "SIGINT",
        }
    }
}

struct Flags {
    hup: Arc<AtomicBool>,
    term: Arc<AtomicBool>,
    int: Arc<AtomicBool>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// Installs the handlers (once per process).
pub fn install() -> std::io::Result<()> {
    if FLAGS.get().is_some() {
        return Ok(());
    }
    let flags = Flags {
        hup: Arc::new(AtomicBool::new(false)),
        term: Arc::new(AtomicBool::new(false)),
        int: Arc::new(AtomicBool::new(false)),
    };
    for (sig, flag) in [
        (SIGHUP, &flags.hup),
        (SIGTERM, &flags.term),
        (SIGINT, &flags.int),
    ] {
        // Registered first, so it sees the flag as it was before this signal set it.
        signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(flag))?;
        signal_hook::flag::register(sig, Arc::clone(flag))?;
    }
    let _ = FLAGS.set(flags);
    Ok(())
}

/// The first signal caught since `install`, if any.
pub fn caught() -> Option<Caught> {
    let f = FLAGS.get()?;
    if f.hup.load(Ordering::Relaxed) {
        Some(Caught::Hangup)
    } else if f.term.load(Ordering::Relaxed) {
        Some(Caught::Terminate)
    } else if f.int.load(Ordering::Relaxed) {
        Some(Caught::Interrupt)
    } else {
        None
    }
}
