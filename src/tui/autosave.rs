//! Saving the open session: after every content change, view changes coalesced.
//!
//! Marks, notes and penalties are written (atomically) the moment they change. Cursor
//! moves only set a flag: they ride along with the next content save, or are written on
//! quit or after a pause, so moving around never fsyncs per keystroke. A failed save
//! keeps everything in memory, says so in the status line and is retried on the next
//! change; on quit the caller offers to write the session elsewhere.

use crate::app::{App, Effect};
use crate::cli::Lang;
use crate::clock;
use crate::store;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long the keyboard must be idle before pending view changes are written.
pub const VIEW_FLUSH_AFTER: Duration = Duration::from_secs(3);

/// The session a panic would interrupt: where it lives and, while saves fail, its text.
struct Active {
    path: PathBuf,
    unsaved: Option<String>,
}

static ACTIVE: Mutex<Option<Active>> = Mutex::new(None);

fn set_active(active: Option<Active>) {
    if let Ok(mut a) = ACTIVE.lock() {
        *a = active;
    }
}

/// For the panic hook: where the work is. Writes unsaved work to a rescue file first.
pub fn panic_note() -> Option<String> {
    // try_lock: a panic while the lock is held must not deadlock the hook.
    let guard = ACTIVE.try_lock().ok()?;
    let active = guard.as_ref()?;
    match &active.unsaved {
        None => Some(format!(
            "your work is saved in {} (up to the last change)",
            active.path.display()
        )),
        Some(json) => {
            let rescue = rescue_path(&active.path);
            match std::fs::write(&rescue, json) {
                Ok(()) => Some(format!(
                    "{} could not be saved; your work was written to {}",
                    active.path.display(),
                    rescue.display()
                )),
                Err(e) => Some(format!(
                    "{} could not be saved, nor {}: {e}",
                    active.path.display(),
                    rescue.display()
                )),
            }
        }
    }
}

/// A file in the temporary directory named after the session.
pub fn rescue_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".into());
    std::env::temp_dir().join(format!(
        "pinggu-rescue-{}-{}.json",
        stem,
        std::process::id()
    ))
}

/// Work that could not be written where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    pub path: PathBuf,
    pub json: String,
    pub error: String,
    /// False when only the cursor position is missing from the file.
    pub content: bool,
}

pub struct Autosave {
    path: PathBuf,
    read_only: bool,
    /// When the content last changed: the session's `updated` on the next write.
    updated: Option<String>,
    content_dirty: bool,
    view_dirty: bool,
    last_error: Option<String>,
    last_input: Instant,
}

impl Autosave {
    pub fn new(path: PathBuf, read_only: bool) -> Autosave {
        set_active(Some(Active {
            path: path.clone(),
            unsaved: None,
        }));
        Autosave {
            path,
            read_only,
            updated: None,
            content_dirty: false,
            view_dirty: false,
            last_error: None,
            last_input: Instant::now(),
        }
    }

    /// Call after every key or paste with what it did.
    pub fn after(&mut self, effect: Effect, app: &mut App) {
        self.last_input = Instant::now();
        if self.read_only {
            return;
        }
        if effect.changed {
            self.updated = Some(clock::timestamp());
            self.content_dirty = true;
        }
        if effect.view_changed {
            self.view_dirty = true;
        }
        if self.content_dirty {
            self.save(app);
        }
    }

    /// Call when no key came for a while: writes a pending cursor move. True when it
    /// tried (the status line may have changed).
    pub fn idle(&mut self, app: &mut App) -> bool {
        let due = self.view_dirty
            && !self.content_dirty
            && self.last_error.is_none()
            && self.last_input.elapsed() >= VIEW_FLUSH_AFTER;
        if due {
            self.save(app);
        }
        due
    }

    /// The last save attempt: on quit, a signal or a lost terminal.
    pub fn finish(&mut self, app: &mut App) -> Option<Unsaved> {
        if self.read_only || !(self.content_dirty || self.view_dirty) {
            set_active(None);
            return None;
        }
        self.save(app);
        let unsaved = match &self.last_error {
            None => None,
            Some(error) => Some(Unsaved {
                path: self.path.clone(),
                json: self.json(app),
                error: error.clone(),
                content: self.content_dirty,
            }),
        };
        set_active(None);
        unsaved
    }

    fn json(&self, app: &App) -> String {
        let mut session = app.session().clone();
        if let Some(u) = &self.updated {
            session.updated = u.clone();
        }
        session.to_json()
    }

    fn save(&mut self, app: &mut App) {
        let json = self.json(app);
        match store::write_atomic(&self.path, json.as_bytes()) {
            Ok(()) => {
                self.content_dirty = false;
                self.view_dirty = false;
                if self.last_error.take().is_some() {
                    let shown = self.path.display();
                    let message = match app.options.lang {
                        Lang::Zh => format!("已保存 {shown}"),
                        Lang::En => format!("saved {shown}"),
                    };
                    app.set_status(message, false);
                }
                set_active(Some(Active {
                    path: self.path.clone(),
                    unsaved: None,
                }));
            }
            Err(e) => {
                let shown = self.path.display();
                let message = match app.options.lang {
                    Lang::Zh => format!("无法保存 {shown}：{e}（修改仍在内存中，下次修改时重试）"),
                    Lang::En => format!(
                        "cannot save {shown}: {e} (kept in memory; retried on the next change)"
                    ),
                };
                app.set_status(message.clone(), true);
                self.last_error = Some(message);
                set_active(Some(Active {
                    path: self.path.clone(),
                    unsaved: self.content_dirty.then_some(json),
                }));
            }
        }
    }
}

/// After the terminal is restored: offers to write unsaved work to another path, on
/// stderr/stdin. With no answer (or no stdin, or `ask` false after a signal, when the
/// process must exit promptly) it goes to a rescue file; never silently lost.
pub fn offer_rescue(unsaved: &Unsaved, ask: bool) -> String {
    use std::io::{BufRead, Write};
    let mut err = std::io::stderr();
    let _ = writeln!(err, "pinggu: {}", unsaved.error);
    if !unsaved.content {
        return format!(
            "{}: only the cursor position was not saved",
            unsaved.path.display()
        );
    }
    let stdin = std::io::stdin();
    for _ in 0..5 {
        if ask {
            let _ = write!(
                err,
                "Write the session to another file (a path; Enter for a rescue file): "
            );
            let _ = err.flush();
        }
        let mut answer = String::new();
        let read = if ask {
            stdin.lock().read_line(&mut answer)
        } else {
            Ok(0)
        };
        let answer = answer.trim();
        let target = match read {
            Ok(n) if n > 0 && !answer.is_empty() => PathBuf::from(answer),
            _ => rescue_path(&unsaved.path),
        };
        match store::write_new(&target, unsaved.json.as_bytes()) {
            Ok(()) => return format!("the session was written to {}", target.display()),
            Err(e) => {
                let _ = writeln!(err, "pinggu: {}: cannot write: {e}", target.display());
                if read.is_err() || matches!(read, Ok(0)) {
                    break;
                }
            }
        }
    }
    format!(
        "UNSAVED: the changes to {} could not be written anywhere",
        unsaved.path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Options;
    use crate::cli::Lang;
    use crate::session::{Mark, NewSession, Session};

    /// The panic note is process-wide: tests that open an Autosave take turns.
    static SERIAL: Mutex<()> = Mutex::new(());

    fn app_at(path: &Path) -> App {
        let loaded = crate::standard::load(None).unwrap();
        let session = Session::new(
            NewSession {
                center: "中心".into(),
                date: "2026-12-03".into(),
                ..NewSession::default()
            },
            &loaded,
            "2026-12-03T09:00:00+08:00",
        );
        let options = Options {
            lang: Lang::En,
            ascii: false,
            color: false,
        };
        App::new(
            loaded,
            session,
            path.to_path_buf(),
            options,
            false,
            Vec::new(),
        )
    }

    const CHANGED: Effect = Effect {
        changed: true,
        view_changed: false,
        quit: false,
    };
    const MOVED: Effect = Effect {
        changed: false,
        view_changed: true,
        quit: false,
    };

    #[test]
    fn a_failed_save_is_reported_in_the_screen_language() {
        let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let path = store.join("s.json");
        let mut app = app_at(&path);
        app.options.lang = Lang::Zh;
        let mut saver = Autosave::new(path.clone(), false);
        let standard = app.loaded.standard.clone();
        app.session
            .set_mark(&standard, "1.1.1", Some(Mark::Met))
            .unwrap();
        saver.after(CHANGED, &mut app);
        let (message, error) = app.status.clone().unwrap();
        let head = format!("无法保存 {}：", path.display());
        assert!(error && message.starts_with(&head), "{message}");
        assert!(
            message.ends_with("（修改仍在内存中，下次修改时重试）"),
            "{message}"
        );
        let _ = std::fs::remove_file(rescue_path(&path));
        std::fs::create_dir(&store).unwrap();
        saver.after(MOVED, &mut app);
        let saved = format!("已保存 {}", path.display());
        assert_eq!(app.status, Some((saved, false)));
        set_active(None);
    }

    #[test]
    fn a_failed_save_is_shown_kept_retried_and_offered_on_quit() {
        let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let path = store.join("s.json");
        let mut app = app_at(&path);
        let mut saver = Autosave::new(path.clone(), false);
        // The store directory is gone: the save fails.
        let standard = app.loaded.standard.clone();
        app.session
            .set_mark(&standard, "1.1.1", Some(Mark::Met))
            .unwrap();
        saver.after(CHANGED, &mut app);
        let (message, error) = app.status.clone().unwrap();
        assert!(error && message.starts_with("cannot save "), "{message}");
        assert!(panic_note().unwrap().contains("could not be saved"));
        let rescued = std::fs::read_to_string(rescue_path(&path)).unwrap();
        assert!(rescued.contains("\"item\": \"1.1.1\""));
        std::fs::remove_file(rescue_path(&path)).unwrap();
        // It comes back: the next change retries and says it is saved.
        std::fs::create_dir(&store).unwrap();
        saver.after(MOVED, &mut app);
        assert_eq!(
            app.status,
            Some((format!("saved {}", path.display()), false))
        );
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(on_disk.contains("\"item\": \"1.1.1\""), "{on_disk}");
        assert_ne!(
            serde_json::from_str::<serde_json::Value>(&on_disk).unwrap()["updated"],
            "2026-12-03T09:00:00+08:00",
            "a content change updates the timestamp"
        );
        // Gone again at quit: the work is handed back, not dropped.
        std::fs::remove_dir_all(&store).unwrap();
        app.session.set_note(&standard, "1.1.1", "看过").unwrap();
        saver.after(CHANGED, &mut app);
        let unsaved = saver.finish(&mut app).expect("unsaved work is returned");
        assert!(unsaved.content);
        assert!(unsaved.json.contains("看过"));
    }

    #[test]
    fn cursor_moves_are_not_written_until_quit() {
        let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let mut app = app_at(&path);
        let mut saver = Autosave::new(path.clone(), false);
        for _ in 0..5 {
            saver.after(MOVED, &mut app);
        }
        assert!(!saver.idle(&mut app));
        assert!(!path.exists(), "no write per cursor move");
        // After a pause the position is written once.
        saver.last_input = Instant::now() - VIEW_FLUSH_AFTER;
        assert!(saver.idle(&mut app));
        assert!(path.exists());
        assert!(!saver.idle(&mut app), "nothing left to write");
        std::fs::remove_file(&path).unwrap();
        saver.after(MOVED, &mut app);
        assert_eq!(saver.finish(&mut app), None);
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(on_disk.contains("\"updated\": \"2026-12-03T09:00:00+08:00\""));
    }

    #[test]
    fn after_a_signal_unsaved_work_goes_to_a_rescue_file_without_asking() {
        let path = PathBuf::from("/nonexistent/pinggu-test/rescued.json");
        let unsaved = Unsaved {
            path: path.clone(),
            json: "{\"format\": \"pinggu-session/1\"}\n".into(),
            error: "cannot save".into(),
            content: true,
        };
        let rescue = rescue_path(&path);
        let _ = std::fs::remove_file(&rescue);
        let said = offer_rescue(&unsaved, false);
        assert_eq!(
            said,
            format!("the session was written to {}", rescue.display())
        );
        assert_eq!(std::fs::read_to_string(&rescue).unwrap(), unsaved.json);
        std::fs::remove_file(&rescue).unwrap();
    }

    #[test]
    fn read_only_never_writes() {
        let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let mut app = app_at(&path);
        let mut saver = Autosave::new(path.clone(), true);
        saver.after(CHANGED, &mut app);
        assert_eq!(saver.finish(&mut app), None);
        assert!(!path.exists());
    }
}
