//! The session store: where session files live, their names, and reading and writing them.
//!
//! Writes are atomic (temp file in the same directory, fsync, rename, fsync the directory)
//! and keep the previous version beside the file as `NAME.json.bak`.
//!
//! Crash test hook: with `PINGGU_TEST_CRASH_AT=<step>` in the environment, `write_atomic`
//! aborts the process (no destructors, no flushing, like a power cut of the process) at that
//! step. Steps, in order: `temp-partial` (half the bytes in the temp file, not synced),
//! `temp-synced`, `backup` (the `.bak` is in place, the session not yet replaced),
//! `renamed` (before the directory fsync), `done`. `tests/store_crash.rs` uses it.

use crate::session::{self, Parsed, SessionError};
use crate::standard::Loaded;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest session file read; a full real session is about 30 KB even with long notes.
pub const MAX_SESSION_BYTES: u64 = 16 * 1024 * 1024;
/// Room left under the 255-byte file-name limit for ".json.bak", a "-NN" suffix and temp names.
const MAX_STEM_BYTES: usize = 200;

/// The directory of session files.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

impl Store {
    /// `--sessions DIR` / `PINGGU_SESSIONS`, else the platform data directory.
    pub fn locate(explicit: Option<PathBuf>) -> Store {
        let dir = explicit.unwrap_or_else(|| {
            directories::ProjectDirs::from("", "", "pinggu")
                .map(|p| p.data_dir().join("sessions"))
                .unwrap_or_else(|| PathBuf::from("pinggu-sessions"))
        });
        Store { dir }
    }

    pub fn ensure_dir(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)
    }

    /// A fresh path for a new session of `center` on `date`; never an existing file.
    pub fn new_session_path(&self, center: &str, date: &str) -> PathBuf {
        // Cut a long center name, never the date that tells two visits apart.
        let date = safe_stem(date);
        let room = MAX_STEM_BYTES.saturating_sub(date.len() + 1);
        let stem = format!("{}-{date}", stem_within(center, room));
        let mut n = 1;
        loop {
            let name = if n == 1 {
                format!("{stem}.json")
            } else {
                format!("{stem}-{n}.json")
            };
            let path = self.dir.join(&name);
            if std::fs::symlink_metadata(&path).is_err() {
                return path;
            }
            n += 1;
        }
    }

    /// Session files in the store (`*.json`, not hidden, not backups), unsorted.
    pub fn session_files(&self) -> std::io::Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".json") && !name.starts_with('.') {
                files.push(path);
            }
        }
        Ok(files)
    }

    /// Resolves NAME|PATH: an existing path, or a file name, stem or center name in the store.
    pub fn resolve(&self, name: &str) -> Result<PathBuf, String> {
        let as_path = Path::new(name);
        if (name.contains(std::path::MAIN_SEPARATOR) || name.ends_with(".json"))
            && std::fs::symlink_metadata(as_path).is_ok()
        {
            self.check_link(as_path).map_err(|e| e.to_string())?;
            return Ok(as_path.to_path_buf());
        }
        if is_plain_name(name) {
            for candidate in [self.dir.join(name), self.dir.join(format!("{name}.json"))] {
                if std::fs::symlink_metadata(&candidate).is_ok() {
                    self.check_link(&candidate).map_err(|e| e.to_string())?;
                    return Ok(candidate);
                }
            }
        }
        // Last, a center name: must match exactly one session.
        let mut matches = Vec::new();
        if let Ok(files) = self.session_files() {
            for f in files {
                if self.check_link(&f).is_ok()
                    && let Ok(bytes) = read_limited(&f)
                    && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes)
                    && v.pointer("/center/name").and_then(|n| n.as_str()) == Some(name)
                {
                    matches.push(f);
                }
            }
        }
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(format!(
                "{name}: no such session (looked for a file and a center name in {})",
                self.dir.display()
            )),
            n => Err(format!(
                "{name}: {n} sessions have this center name; give the file name instead"
            )),
        }
    }

    /// True when `path` lies inside the store (after resolving links).
    pub fn contains(&self, path: &Path) -> bool {
        match (self.dir.canonicalize(), path.canonicalize()) {
            (Ok(dir), Ok(p)) => p.starts_with(dir),
            _ => false,
        }
    }

    /// Refuses a symbolic link that leads out of the store (or nowhere): a planted link
    /// must not make pinggu read or overwrite a file elsewhere. Plain files anywhere are fine.
    pub fn check_link(&self, path: &Path) -> Result<(), SessionError> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link || self.contains(path) {
            return Ok(());
        }
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into());
        Err(SessionError::invalid(
            &path.display().to_string(),
            format!(
                "is a link to {target}, outside the session store {}; refused",
                self.dir.display()
            ),
        ))
    }
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains('/')
        && !name.contains('\\')
        && !name.chars().any(char::is_control)
}

/// A file-name stem made safe: no separators, `..`, control or reserved characters,
/// no leading dot, at most `MAX_STEM_BYTES` bytes (cut on a character boundary).
pub fn safe_stem(raw: &str) -> String {
    stem_within(raw, MAX_STEM_BYTES)
}

fn stem_within(raw: &str, max_bytes: usize) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let c = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            // Controls, bidi overrides and other invisible formatting characters.
            c if crate::text::is_unsafe(c) => continue,
            c if c.is_whitespace() => '_',
            c => c,
        };
        if out.len() + c.len_utf8() > max_bytes {
            break;
        }
        out.push(c);
    }
    while out.contains("..") {
        out = out.replace("..", ".");
    }
    let out = out.trim_start_matches(['.', '-']).to_string();
    if out.is_empty() {
        "session".to_string()
    } else {
        out
    }
}

/// Reads a file of at most `MAX_SESSION_BYTES`, refusing directories, devices, pipes and
/// oversized files without reading them (a FIFO would block, `/dev/zero` never ends).
pub fn read_limited(path: &Path) -> Result<Vec<u8>, SessionError> {
    let shown = path.display().to_string();
    let io = |source| SessionError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    check_size(&shown, &meta)?;
    let file = std::fs::File::open(path).map_err(io)?;
    // The file may have been swapped between the two looks: check what was opened too.
    check_size(&shown, &file.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_SESSION_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Err(too_large(&shown, bytes.len() as u64));
    }
    Ok(bytes)
}

fn check_size(shown: &str, meta: &std::fs::Metadata) -> Result<(), SessionError> {
    if meta.is_dir() {
        return Err(SessionError::invalid(
            shown,
            "is a directory, not a session file",
        ));
    }
    if !meta.is_file() {
        return Err(SessionError::invalid(
            shown,
            "is not a regular file (a device, pipe or socket)",
        ));
    }
    if meta.len() > MAX_SESSION_BYTES {
        return Err(too_large(shown, meta.len()));
    }
    Ok(())
}

fn too_large(shown: &str, len: u64) -> SessionError {
    SessionError::invalid(
        shown,
        format!(
            "is {} MB, larger than any session ({} MB at most); not read",
            len / (1024 * 1024),
            MAX_SESSION_BYTES / (1024 * 1024)
        ),
    )
}

/// Reads and checks a session file.
pub fn load(path: &Path, standard: &Loaded) -> Result<Parsed, SessionError> {
    let bytes = read_limited(path)?;
    session::parse(&bytes, &path.display().to_string(), standard)
}

/// Writes `bytes` to `path` atomically, keeping the previous file as `path.bak`.
///
/// A crash at any point leaves `path` holding either the old or the new bytes, whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, true)
}

fn write_atomic_with(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    // A file too large to read back would lose the assessment on the next open.
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "it would be {} MB, more than a session may hold ({} MB); not saved",
                bytes.len() / (1024 * 1024),
                MAX_SESSION_BYTES / (1024 * 1024)
            ),
        ));
    }
    // Through a link (one inside the store): replace the file it names, not the link.
    let real;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        real = std::fs::canonicalize(path)?;
        real.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".pinggu-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let half = bytes.len() / 2;
    tmp.write_all(&bytes[..half])?;
    crash_point("temp-partial");
    tmp.write_all(&bytes[half..])?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    crash_point("temp-synced");
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        keep_backup(path, dir)?;
    }
    crash_point("backup");
    tmp.persist(path).map_err(|e| e.error)?;
    crash_point("renamed");
    if durable {
        sync_dir(dir);
    }
    crash_point("done");
    sweep_stale_temps(dir);
    Ok(())
}

/// Temp files older than this were left by a crash, not by a save in progress.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes temp files a crashed save left behind (they may hold a draft's notes).
fn sweep_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".pinggu-") && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The test hook: aborts when `PINGGU_TEST_CRASH_AT` names this step.
fn crash_point(step: &str) {
    if std::env::var_os("PINGGU_TEST_CRASH_AT").is_some_and(|s| s == step) {
        std::process::abort();
    }
}

/// Makes `path.bak` the current content of `path`, itself atomically.
fn keep_backup(path: &Path, dir: &Path) -> std::io::Result<()> {
    let mut bak = path.as_os_str().to_owned();
    bak.push(".bak");
    let bak = PathBuf::from(bak);
    let staged = dir.join(format!(".pinggu-bak-{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&staged);
    // A hard link costs nothing; copy where the file system has none.
    if std::fs::hard_link(path, &staged).is_err()
        && let Err(e) = std::fs::copy(path, &staged)
    {
        let _ = std::fs::remove_file(&staged);
        return Err(e);
    }
    std::fs::rename(&staged, &bak).inspect_err(|_| {
        let _ = std::fs::remove_file(&staged);
    })
}

fn sync_dir(dir: &Path) {
    // Directory fsync makes the rename durable; not every platform allows opening one.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes a brand-new file, failing if the name was taken in the meantime.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".pinggu-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// `write_atomic` without its two fsyncs: the same steps otherwise. Only for measuring what a
/// save costs before the disk makes it durable (benches/model.rs compares the two); a session
/// must never be saved this way, since a crash could leave it empty.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, false)
}
