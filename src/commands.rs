//! The scriptable commands: each reads, maybe writes one session file, prints and returns.

use crate::amount;
use crate::clock;
use crate::session::{Mark, NewSession, Session};
use crate::standard::{self, Loaded};
use crate::store::{self, Store};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A command's failure: the one line to print, and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::new(e.to_string())
    }
}

pub type Outcome = Result<(), Failure>;

/// Loads the standard for any command, failing as check-standard does: exit 1 when the
/// file is invalid (every problem listed), 2 when it cannot be read at all.
pub fn load_standard(file: Option<&Path>) -> Result<Loaded, Failure> {
    standard::load(file).map_err(|e| match e {
        standard::StandardError::Io { .. } => Failure::usage(e.to_string()),
        e => Failure::new(e.to_string()),
    })
}

/// `pinggu check-standard [FILE]`: exit 0 valid, 1 invalid, 2 unreadable.
pub fn check_standard(file: Option<&Path>) -> Outcome {
    match load_standard(file) {
        Ok(loaded) => {
            let s = &loaded.standard;
            let indicators: usize = s.categories.iter().map(|c| c.indicators.len()).sum();
            println!(
                "ok: {} {} — {} categories, {} indicators, {} items, total {}, {} penalty items (cap {})",
                s.title,
                s.version,
                s.categories.len(),
                indicators,
                s.item_count(),
                amount::fmt(s.total),
                s.penalties.items.len(),
                amount::fmt(s.penalties.cap)
            );
            Ok(())
        }
        Err(f) => Err(f),
    }
}

/// Creates a session file; returns its path.
pub fn create(store: &Store, loaded: &Loaded, form: NewSession) -> Result<PathBuf, Failure> {
    if form.center.trim().is_empty() {
        return Err(Failure::usage("the center name is empty"));
    }
    if !clock::is_date(&form.date) {
        return Err(Failure::usage(format!(
            "{}: not a date; write it as YYYY-MM-DD",
            form.date
        )));
    }
    store
        .ensure_dir()
        .map_err(|e| Failure::new(format!("{}: cannot create: {e}", store.dir.display())))?;
    let path = store.new_session_path(&form.center, &form.date);
    let session = Session::new(form, loaded, &clock::timestamp());
    store::write_new(&path, session.to_json().as_bytes())
        .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
    Ok(path)
}

/// `pinggu mark SESSION ITEM met|na|clear|deduct AMOUNT`.
pub fn mark(
    store: &Store,
    loaded: &Loaded,
    name: &str,
    item: &str,
    verdict: &str,
    amount_text: Option<&str>,
) -> Outcome {
    let mark = match (verdict, amount_text) {
        ("met", None) => Some(Mark::Met),
        ("na", None) => Some(Mark::Na),
        ("clear", None) => None,
        ("deduct", Some(text)) => Some(Mark::Deducted(
            amount::parse_amount(text).map_err(|e| Failure::usage(e.to_string()))?,
        )),
        ("deduct", None) => return Err(Failure::usage("deduct needs an AMOUNT, e.g. deduct 1.5")),
        ("met" | "na" | "clear", Some(extra)) => {
            return Err(Failure::usage(format!(
                "unexpected '{extra}' after {verdict}"
            )));
        }
        (other, _) => {
            return Err(Failure::usage(format!(
                "'{other}': expected met, na, clear or deduct AMOUNT"
            )));
        }
    };
    edit(store, loaded, name, |s, std| s.set_mark(std, item, mark))?;
    Ok(())
}

/// `pinggu note SESSION ITEM TEXT` (TEXT `-` reads standard input).
pub fn note(store: &Store, loaded: &Loaded, name: &str, item: &str, text: &str) -> Outcome {
    let text = if text == "-" {
        let mut buf = String::new();
        std::io::stdin()
            .read_to_string(&mut buf)
            .map_err(|e| Failure::new(format!("standard input: {e}")))?;
        buf
    } else {
        text.to_string()
    };
    edit(store, loaded, name, |s, std| s.set_note(std, item, &text))
}

/// `pinggu penalty SESSION ID on|off [--note TEXT]`.
pub fn penalty(
    store: &Store,
    loaded: &Loaded,
    name: &str,
    item: &str,
    state: &str,
    note: Option<&str>,
) -> Outcome {
    let triggered = match state {
        "on" => true,
        "off" => false,
        other => return Err(Failure::usage(format!("'{other}': expected on or off"))),
    };
    edit(store, loaded, name, |s, std| {
        s.set_penalty(std, item, triggered, note)
    })
}

/// Loads a session, applies one change, and saves it; the file is untouched on any error.
fn edit(
    store: &Store,
    loaded: &Loaded,
    name: &str,
    change: impl FnOnce(&mut Session, &standard::Standard) -> Result<(), crate::session::ChangeError>,
) -> Outcome {
    edit_with(store, loaded, name, |s, std| {
        change(s, std).map_err(|e| e.to_string())
    })
}

/// Reads a session for a command, telling the assessor (on stderr) what they should know:
/// another standard version, orphaned items.
fn load_warned(path: &Path, loaded: &Loaded) -> Result<Session, Failure> {
    let parsed = store::load(path, loaded)?;
    for w in &parsed.warnings {
        eprintln!(
            "pinggu: warning: {}: {}",
            crate::text::safe_line(&path.display().to_string()),
            crate::text::safe_line(&w.to_string())
        );
    }
    Ok(parsed.session)
}

/// `pinggu report SESSION [--format F] [-o FILE]`.
pub fn report(
    store: &Store,
    loaded: &Loaded,
    name: &str,
    format: crate::cli::ReportFormat,
    output: Option<&Path>,
    lang: crate::cli::Lang,
) -> Outcome {
    let path = store.resolve(name).map_err(Failure::new)?;
    let session = load_warned(&path, loaded)?;
    let text = crate::report::render(format, loaded, &session, lang);
    match output {
        Some(out) => {
            refuse_session_target(out, &path)?;
            std::fs::write(out, text)
                .map_err(|e| Failure::new(format!("{}: cannot write: {e}", out.display())))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// `-o` must not destroy an assessment: refuses the session file itself (by any path) and
/// any existing file that holds a pinggu session (its `.bak`, another center's file).
fn refuse_session_target(out: &Path, session: &Path) -> Outcome {
    let same = matches!(
        (out.canonicalize(), session.canonicalize()),
        (Ok(a), Ok(b)) if a == b
    );
    let mut head = Vec::new();
    if let Ok(file) = std::fs::File::open(out) {
        // Best effort: an unreadable target is left to the write to report.
        let _ = file.take(4096).read_to_end(&mut head);
    }
    let holds_session = String::from_utf8_lossy(&head).contains("\"pinggu-session/");
    if same || holds_session {
        return Err(Failure::new(format!(
            "{}: is a pinggu session file; a report would overwrite it. Choose another -o file",
            out.display()
        )));
    }
    Ok(())
}

/// `pinggu finalize SESSION`.
pub fn finalize(store: &Store, loaded: &Loaded, name: &str) -> Outcome {
    let now = clock::timestamp();
    edit_with(store, loaded, name, |s, std| {
        crate::finalize::finalize(s, std, &now)
    })
}

/// `pinggu reopen SESSION`.
pub fn reopen(store: &Store, loaded: &Loaded, name: &str) -> Outcome {
    let now = clock::timestamp();
    edit_with(store, loaded, name, |s, _| crate::finalize::reopen(s, &now))
}

/// Like `edit`, for changes whose refusal is a ready message. One writer at a time: the
/// session lock is held from before the read until after the write, so a TUI or another
/// command on the same session cannot lose this change or have its own lost.
fn edit_with(
    store: &Store,
    loaded: &Loaded,
    name: &str,
    change: impl FnOnce(&mut Session, &standard::Standard) -> Result<(), String>,
) -> Outcome {
    let path = store.resolve(name).map_err(Failure::new)?;
    let shown = path.display().to_string();
    let _lock = crate::lock::SessionLock::acquire(&path)?;
    let mut session = load_warned(&path, loaded)?;
    let before = session.to_json();
    change(&mut session, &loaded.standard).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
    if session.to_json() == before {
        // Nothing changed: rewriting would bump `updated` (a diff in git) and replace the
        // .bak, the one copy of the version before the last real change, with this one.
        return Ok(());
    }
    session.updated = clock::timestamp();
    store::write_atomic(&path, session.to_json().as_bytes())
        .map_err(|e| Failure::new(format!("{shown}: cannot save, the file is unchanged: {e}")))?;
    Ok(())
}
