//! The files a whole-program run needs, in one temporary directory: a session store with an
//! empty and a fully assessed session, a 10,000-item standard with its sessions, 1,000 session
//! files for `summary`, and the Markdown checklist vim opens.

use crate::common;
use pinggu::standard::{self, Loaded, Standard};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub struct Fixtures {
    /// Kept so the directory lives as long as the run.
    pub _dir: tempfile::TempDir,
    pub home: PathBuf,
    pub store: PathBuf,
    pub empty: PathBuf,
    pub full: PathBuf,
    pub markdown: PathBuf,
    pub standard_10k: PathBuf,
    pub empty_10k: PathBuf,
    pub full_10k: PathBuf,
    pub summary_dir: PathBuf,
}

pub fn build() -> std::io::Result<Fixtures> {
    let dir = tempfile::Builder::new().prefix("pinggu-bench-").tempdir()?;
    let home = dir.path().join("home");
    let store = dir.path().join("sessions");
    let summary_dir = dir.path().join("summary");
    for d in [&home, &store, &summary_dir] {
        std::fs::create_dir_all(d)?;
    }
    let real = Standard::embedded();
    let empty = store.join("empty.json");
    std::fs::write(&empty, common::empty_session(&real).to_json())?;
    let full = store.join("full.json");
    std::fs::write(&full, common::full_session(&real).to_json())?;
    let markdown = dir.path().join("standard.md");
    std::fs::write(&markdown, markdown_checklist(&real.standard))?;

    // The 10,000-item standard is read back from its file so the sessions carry its real hash.
    let standard_10k = dir.path().join("standard-10k.json");
    std::fs::write(
        &standard_10k,
        common::standard_json(&common::synthetic(10_000)),
    )?;
    let big: Loaded = standard::load(Some(&standard_10k)).map_err(std::io::Error::other)?;
    let empty_10k = store.join("empty-10k.json");
    std::fs::write(&empty_10k, common::empty_session(&big).to_json())?;
    let full_10k = store.join("full-10k.json");
    std::fs::write(&full_10k, common::full_session(&big).to_json())?;

    write_summary_sessions(&summary_dir, &real, 1_000)?;
    Ok(Fixtures {
        _dir: dir,
        home,
        store,
        empty,
        full,
        markdown,
        standard_10k,
        empty_10k,
        full_10k,
        summary_dir,
    })
}

/// A copy of `session` under a new name in the same store, for a run that changes it.
pub fn fresh_copy(session: &Path, name: &str) -> std::io::Result<PathBuf> {
    let copy = session.with_file_name(format!("{name}.json"));
    std::fs::copy(session, &copy)?;
    Ok(copy)
}

/// `n` fully assessed sessions of different centers, districts and totals.
fn write_summary_sessions(dir: &Path, real: &Loaded, n: usize) -> std::io::Result<()> {
    const DISTRICTS: [&str; 6] = ["黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "浦东新区"];
    let base = common::full_session(real);
    for k in 0..n {
        let mut s = base.clone();
        s.center.name = format!("第{k}街道社区事务受理服务中心");
        s.center.district = DISTRICTS[k % DISTRICTS.len()].to_string();
        // Vary the totals: un-deduct a different number of items in each session.
        for entry in s.marks.iter_mut().take(k % 40) {
            if matches!(entry.mark, Some(pinggu::session::Mark::Deducted(_))) {
                entry.mark = Some(pinggu::session::Mark::Met);
            }
        }
        std::fs::write(dir.join(format!("center-{k:04}.json")), s.to_json())?;
    }
    Ok(())
}

/// The standard as the Markdown checklist an assessor would otherwise keep in vim.
pub fn markdown_checklist(s: &Standard) -> String {
    let mut md = format!("# {}\n\n总分 {} 分\n", s.title, s.total);
    for c in &s.categories {
        let _ = write!(md, "\n## {} {}（{}分）\n", c.id, c.title, c.points);
        for i in &c.indicators {
            let _ = write!(md, "\n### {} {}（{}分）\n\n", i.id, i.title, i.points);
            for item in &i.items {
                let _ = writeln!(md, "- [ ] {} {}：{}", item.id, item.title, item.text);
            }
        }
    }
    let p = &s.penalties;
    let _ = write!(md, "\n## {} {}（{}）\n\n", p.id, p.title, p.rule);
    for item in &p.items {
        let _ = writeln!(
            md,
            "- [ ] {} {}（{}分）：{}",
            item.id, item.title, item.points, item.text
        );
    }
    md
}
