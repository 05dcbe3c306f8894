//! One writer per session: an OS file lock on `NAME.json.lock`, plus a small record in it
//! saying who holds it (host, pid, user, since).
//!
//! The OS releases the lock when its process dies, so a lock file left by a killed
//! process is simply taken over: only a live holder blocks.

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Who holds a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub host: String,
    pub pid: u32,
    pub user: String,
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The record is a file anyone could have written: shown safely.
        use crate::text::safe_line;
        write!(
            f,
            "{}@{} (pid {}) since {}",
            safe_line(&self.user),
            safe_line(&self.host),
            self.pid,
            safe_line(&self.since)
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path}: in use by {holder}; try again once it is closed there")]
    Held { path: String, holder: Holder },
    #[error("{path}: in use by another pinggu; try again once it is closed there")]
    HeldUnknown { path: String },
    #[error("{path}: cannot take the session lock: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// A held lock; released (and its file removed) on drop.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
}

/// The lock file beside a session file.
pub fn lock_path(session: &Path) -> PathBuf {
    let mut p = session.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

impl SessionLock {
    /// Takes the lock for `session`, or says who holds it.
    pub fn acquire(session: &Path) -> Result<SessionLock, LockError> {
        // Lock beside the real file, so two names for one file share one lock.
        let real = session
            .canonicalize()
            .unwrap_or_else(|_| session.to_path_buf());
        let path = lock_path(&real);
        let shown = session.display().to_string();
        let io = |source| LockError::Io {
            path: shown.clone(),
            source,
        };
        // A holder removes the lock file before unlocking; if we locked a file that was
        // removed meanwhile, someone may hold a fresh one under the name: look again.
        let mut attempts = 0;
        let mut file = loop {
            let mut file = open_no_follow(&path).map_err(|e| {
                if e.raw_os_error() == Some(libc::ELOOP) {
                    io(std::io::Error::other(format!(
                        "{} is a symbolic link, not a lock file; refused (remove it)",
                        path.display()
                    )))
                } else {
                    io(e)
                }
            })?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    return Err(match serde_json::from_str::<Holder>(&text) {
                        Ok(holder) => LockError::Held {
                            path: shown,
                            holder,
                        },
                        Err(_) => LockError::HeldUnknown { path: shown },
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
            }
            attempts += 1;
            if still_named(&file, &path) || attempts >= 5 {
                break file;
            }
        };
        let record = Holder {
            host: hostname(),
            pid: std::process::id(),
            user: username(),
            since: crate::clock::timestamp(),
        };
        let body = serde_json::to_string(&record).unwrap_or_default();
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(body.as_bytes()).map_err(io)?;
        let _ = file.sync_all();
        Ok(SessionLock { file, path })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Opens (creating) the lock file without following a symbolic link: a planted
/// `NAME.json.lock` pointing at another file (another session) must not get overwritten
/// by the lock record.
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// True when `path` still names the open `file` (it was not removed or replaced).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Remove first, then unlock: a waiter never sees a stale record as live.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown-host".into())
}

fn username() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| user_from_uid().unwrap_or_else(|| "unknown-user".into()))
}

/// The login name for our uid from /etc/passwd, else "uid N" (services and cron lack $USER).
fn user_from_uid() -> Option<String> {
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id = fields.nth(1)?;
        (id.parse::<u32>().ok()? == uid).then(|| name.to_string())
    });
    Some(name.unwrap_or_else(|| format!("uid {uid}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_file_that_is_a_symlink_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.json");
        std::fs::write(&session, "{}").unwrap();
        let victim = dir.path().join("b.json");
        std::fs::write(&victim, "another session").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("a.json.lock")).unwrap();
        let err = SessionLock::acquire(&session).err().unwrap().to_string();
        assert!(err.contains("a.json.lock is a symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "another session");
        assert!(std::fs::symlink_metadata(dir.path().join("a.json.lock")).is_ok());
    }

    #[test]
    fn second_acquire_names_the_holder_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.json");
        std::fs::write(&session, "{}").unwrap();
        let first = SessionLock::acquire(&session).unwrap();
        match SessionLock::acquire(&session) {
            Err(LockError::Held { holder, .. }) => assert_eq!(holder.pid, std::process::id()),
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        assert!(!lock_path(&session).exists());
        SessionLock::acquire(&session).unwrap();
    }

    #[test]
    fn stale_lock_file_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("b.json");
        std::fs::write(
            lock_path(&session),
            r#"{"host":"h","pid":999999,"user":"u","since":"2020-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        SessionLock::acquire(&session).unwrap();
    }
}
