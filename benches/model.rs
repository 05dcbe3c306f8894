//! In-process benchmarks of the model: the standard, session files, saving, scoring, reports.
//!
//! `cargo bench --bench model`. Sizes are item counts: 47 is the real 2022 standard, 1,000 and
//! 10,000 are synthetic standards built by `common::synthetic` (see BENCHMARKS.md).

#[allow(dead_code)] // shared with the other benches; each uses part of it
mod common;

use divan::{Bencher, black_box};
use pinggu::cli::{Lang, ReportFormat};
use pinggu::session::{self, Mark, Session};
use pinggu::standard::{self, Loaded, Standard};
use pinggu::{report, scoring, store, summary};
use std::sync::OnceLock;

const SIZES: [usize; 3] = [47, 1_000, 10_000];

fn main() {
    divan::main();
}

/// The standard of `n` items, built once per process.
fn loaded(n: usize) -> &'static Loaded {
    static REAL: OnceLock<Loaded> = OnceLock::new();
    static K1: OnceLock<Loaded> = OnceLock::new();
    static K10: OnceLock<Loaded> = OnceLock::new();
    match n {
        47 => REAL.get_or_init(Standard::embedded),
        1_000 => K1.get_or_init(|| common::synthetic(1_000)),
        10_000 => K10.get_or_init(|| common::synthetic(10_000)),
        _ => panic!("no standard of {n} items"),
    }
}

fn standard_text(n: usize) -> String {
    if n == 47 {
        standard::EMBEDDED_JSON.to_string()
    } else {
        common::standard_json(loaded(n))
    }
}

/// Parse + validate + hash, as at every start (`standard::load`).
#[divan::bench(args = SIZES)]
fn standard_load(bencher: Bencher, n: usize) {
    let text = standard_text(n);
    bencher.bench(|| standard::parse(black_box(text.as_bytes()), "bench").is_ok());
}

/// `validate` alone, on an already parsed standard.
#[divan::bench(args = SIZES)]
fn standard_validate(bencher: Bencher, n: usize) {
    let s = &loaded(n).standard;
    bencher.bench(|| standard::validate(black_box(s)).len());
}

/// Read + parse + check a fully assessed session file (`store::load`).
#[divan::bench(args = SIZES)]
fn session_load(bencher: Bencher, n: usize) {
    let l = loaded(n);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("full.json");
    std::fs::write(&path, common::full_session(l).to_json()).expect("write session");
    bencher.bench(|| store::load(black_box(&path), l).is_ok());
}

/// An autosave: serialize + temp file + backup + rename, without fsync (issue 3: < 5 ms).
#[divan::bench(args = SIZES)]
fn session_save_nofsync(bencher: Bencher, n: usize) {
    save(bencher, n, store::write_atomic_unsynced);
}

/// The real autosave, `store::write_atomic`, with its file and directory fsyncs.
#[divan::bench(args = SIZES, sample_count = 30)]
fn session_save_fsync(bencher: Bencher, n: usize) {
    save(bencher, n, store::write_atomic);
}

fn save(bencher: Bencher, n: usize, write: fn(&std::path::Path, &[u8]) -> std::io::Result<()>) {
    let session = common::full_session(loaded(n));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("full.json");
    bencher.bench(|| write(&path, session.to_json().as_bytes()).is_ok());
}

/// The whole scorecard of a fully assessed session.
#[divan::bench(args = SIZES)]
fn score_full(bencher: Bencher, n: usize) {
    let l = loaded(n);
    let session = common::full_session(l);
    bencher.bench(|| scoring::score(black_box(&l.standard), black_box(&session)).total);
}

/// One mark through the model (`Session::set_mark`), as every mark keystroke does.
#[divan::bench(args = SIZES)]
fn set_mark(bencher: Bencher, n: usize) {
    let l = loaded(n);
    let id = l
        .standard
        .items()
        .nth(l.standard.item_count() / 2)
        .map(|r| r.item.id.clone())
        .expect("a middle item");
    let mut session: Session = common::full_session(l);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let mark = if flip { Mark::Na } else { Mark::Met };
        session.set_mark(&l.standard, &id, Some(mark)).is_ok()
    });
}

/// Each report format on a full session of the real standard.
#[divan::bench(args = [ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Csv, ReportFormat::Html, ReportFormat::Json])]
fn report_full(bencher: Bencher, format: ReportFormat) {
    let l = loaded(47);
    let session = common::full_session(l);
    bencher.bench(|| report::render(format, l, &session, Lang::Zh).len());
}

/// Session JSON parse without the file system, to separate it from the read.
#[divan::bench(args = SIZES)]
fn session_parse(bencher: Bencher, n: usize) {
    let l = loaded(n);
    let text = common::full_session(l).to_json();
    bencher.bench(|| session::parse(black_box(text.as_bytes()), "bench", l).is_ok());
}

/// `summary` over 1,000 fully assessed session files: list, read, parse, score and rank
/// (`summary::collect` + `summary::build`; the text table is left out). Budget: < 1 s.
#[divan::bench(sample_count = 10)]
fn summary_1000_files(bencher: Bencher) {
    let l = loaded(47);
    let dir = tempfile::tempdir().expect("temp dir");
    let base = common::full_session(l);
    for k in 0..1_000 {
        let mut s = base.clone();
        s.center.name = format!("第{k}街道社区事务受理服务中心");
        std::fs::write(dir.path().join(format!("c{k:04}.json")), s.to_json()).expect("write");
    }
    let store = store::Store {
        dir: dir.path().to_path_buf(),
    };
    bencher.bench(|| {
        let (files, _) = summary::collect(&store, &[])
            .map_err(|f| f.message)
            .expect("listed");
        summary::build(l, &files, None).entries.len()
    });
}

/// An autosave (no fsync) in a store that already holds 1,000 sessions: the save sweeps the
/// directory for stale temp files, so its cost grows with the store.
#[divan::bench]
fn session_save_nofsync_store_of_1000(bencher: Bencher) {
    let session = common::full_session(loaded(47));
    let dir = tempfile::tempdir().expect("temp dir");
    let text = session.to_json();
    for k in 0..1_000 {
        std::fs::write(dir.path().join(format!("c{k:04}.json")), &text).expect("write");
    }
    let path = dir.path().join("c0000.json");
    bencher.bench(|| store::write_atomic_unsynced(&path, session.to_json().as_bytes()).is_ok());
}
