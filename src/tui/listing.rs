//! What the picker lists: every session file in the store, read and scored, or broken.
//!
//! Reading never fails as a whole: a file that cannot be read becomes a broken row
//! carrying the one-line reason, so one bad file never hides the others.

use crate::scoring;
use crate::standard::Loaded;
use crate::store::{self, Store};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One session file in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    /// The file name, for broken rows and the filter.
    pub file: String,
    pub modified: Option<SystemTime>,
    /// `modified` as local "MM-DD HH:MM" ("" when unknown).
    pub modified_text: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Session(Summary),
    /// The reason, one line.
    Broken(String),
}

/// The figures a row shows for a readable session.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub center: String,
    pub district: String,
    pub date: String,
    pub assessors: String,
    pub reviewed: usize,
    pub items_total: usize,
    pub total: Decimal,
    pub is_final: bool,
}

impl Entry {
    /// The text the `/` filter searches, lower-cased.
    pub fn haystack(&self) -> String {
        let mut s = self.file.clone();
        if let Kind::Session(sum) = &self.kind {
            for part in [&sum.center, &sum.district, &sum.date, &sum.assessors] {
                s.push('\n');
                s.push_str(part);
            }
        }
        s.to_lowercase()
    }
}

/// Every session file in the store, newest first. A missing store is an empty list.
pub fn scan(store: &Store, loaded: &Loaded) -> Result<Vec<Entry>, String> {
    let files = match store.session_files() {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("{}: cannot list: {e}", store.dir.display())),
    };
    let mut entries: Vec<Entry> = files.into_iter().map(|p| read(store, loaded, p)).collect();
    // Newest first; ties (same second) by name so the order is stable.
    entries.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.file.cmp(&b.file)));
    Ok(entries)
}

fn read(store: &Store, loaded: &Loaded, path: PathBuf) -> Entry {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let kind = match real_path(store, &path) {
        Err(reason) => Kind::Broken(reason),
        Ok(real) => match store::load(&real, loaded) {
            Err(e) => Kind::Broken(reason_without_path(&e.to_string(), &real)),
            Ok(parsed) => {
                let s = parsed.session;
                let card = scoring::score(&loaded.standard, &s);
                let (reviewed, items_total, total) = (card.reviewed, card.items_total, card.total);
                Kind::Session(Summary {
                    center: s.center.name,
                    district: s.center.district,
                    date: s.center.date,
                    assessors: s.center.assessors.join(", "),
                    reviewed,
                    items_total,
                    total,
                    is_final: s.status == crate::session::Status::Final,
                })
            }
        },
    };
    Entry {
        path,
        file,
        modified_text: modified.map(short_time).unwrap_or_default(),
        modified,
        kind,
    }
}

/// The file to read and write for `path`: itself, or where its symlink points when that
/// is inside the store. A link out of the store is refused: nothing outside is written.
pub fn real_path(store: &Store, path: &Path) -> Result<PathBuf, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    store
        .check_link(path)
        .map_err(|e| reason_without_path(&e.to_string(), path))?;
    path.canonicalize()
        .map_err(|e| format!("cannot follow the link: {e}"))
}

/// Messages name the file; the row already does.
fn reason_without_path(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

/// Local "MM-DD HH:MM" (UTC when the local offset is unknown).
fn short_time(t: SystemTime) -> String {
    let utc = time::OffsetDateTime::from(t);
    let local = time::UtcOffset::current_local_offset()
        .map(|o| utc.to_offset(o))
        .unwrap_or(utc);
    format!(
        "{:02}-{:02} {:02}:{:02}",
        u8::from(local.month()),
        local.day(),
        local.hour(),
        local.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Mark, NewSession, Session};

    fn store_with(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let store = Store {
            dir: dir.path().to_path_buf(),
        };
        (dir, store)
    }

    #[test]
    fn scan_scores_sessions_and_lists_broken_files_with_their_reason() {
        let loaded = crate::standard::load(None).unwrap();
        let mut s = Session::new(
            NewSession {
                center: "徐汇区枫林街道社区事务受理服务中心".into(),
                district: "徐汇区".into(),
                assessors: vec!["张三".into(), "李四".into()],
                date: "2026-12-03".into(),
            },
            &loaded,
            "2026-12-03T10:00:00+08:00",
        );
        s.set_mark(&loaded.standard, "1.1.1", Some(Mark::Met))
            .unwrap();
        s.set_mark(
            &loaded.standard,
            "1.1.2",
            Some(Mark::Deducted(Decimal::new(15, 1))),
        )
        .unwrap();
        let json = s.to_json();
        let (_dir, store) = store_with(&[
            ("good.json", json.as_bytes()),
            ("empty.json", b""),
            ("notes.txt", b"ignored"),
        ]);
        let entries = scan(&store, &loaded).unwrap();
        assert_eq!(entries.len(), 2);
        let good = entries.iter().find(|e| e.file == "good.json").unwrap();
        let Kind::Session(sum) = &good.kind else {
            panic!("good.json should read: {:?}", good.kind)
        };
        assert_eq!(sum.assessors, "张三, 李四");
        assert_eq!((sum.reviewed, sum.items_total), (2, 47));
        assert_eq!(sum.total, Decimal::new(985, 1));
        assert!(!sum.is_final);
        let empty = entries.iter().find(|e| e.file == "empty.json").unwrap();
        assert_eq!(empty.kind, Kind::Broken("empty file, not a session".into()));
    }

    #[test]
    fn a_directory_named_like_a_session_is_broken_not_fatal() {
        let loaded = crate::standard::load(None).unwrap();
        let (dir, store) = store_with(&[]);
        std::fs::create_dir(dir.path().join("dir.json")).unwrap();
        let entries = scan(&store, &loaded).unwrap();
        assert_eq!(
            entries[0].kind,
            Kind::Broken("is a directory, not a session file".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_store_is_refused() {
        let loaded = crate::standard::load(None).unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("x.json");
        std::fs::write(&target, "{}").unwrap();
        let (dir, store) = store_with(&[]);
        std::os::unix::fs::symlink(&target, dir.path().join("link.json")).unwrap();
        let entries = scan(&store, &loaded).unwrap();
        assert_eq!(
            entries[0].kind,
            Kind::Broken(format!(
                "is a link to {}, outside the session store {}; refused",
                target.display(),
                dir.path().display()
            ))
        );
    }

    #[test]
    fn a_missing_store_is_empty() {
        let loaded = crate::standard::load(None).unwrap();
        let store = Store {
            dir: PathBuf::from("/nonexistent/pinggu-store"),
        };
        assert_eq!(scan(&store, &loaded).unwrap(), Vec::new());
    }
}
