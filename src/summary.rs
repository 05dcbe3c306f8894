//! Comparing centers: one row per session, ranked by total.
//!
//! `collect` finds the files, `build` scores each one against the loaded standard (a broken
//! or foreign file becomes a line in `broken`, never a stop), ranks the rows and averages
//! the final ones; `summary_view` lays the result out as text, CSV or JSON.

mod view;

use crate::cli::{Lang, SummaryFormat};
use crate::commands::{Failure, Outcome};
use crate::scoring;
use crate::session::{SessionError, Warning};
use crate::standard::Loaded;
use crate::store::{self, Store};
use rust_decimal::{Decimal, RoundingStrategy};
use std::path::{Path, PathBuf};

/// One session's row.
#[derive(Debug, Clone)]
pub struct Entry {
    pub file: String,
    pub center: String,
    pub district: String,
    pub date: String,
    pub assessors: Vec<String>,
    pub is_final: bool,
    pub reviewed: usize,
    pub items_total: usize,
    /// One score per category of the loaded standard, in its order.
    pub categories: Vec<Decimal>,
    pub penalty: Decimal,
    pub total: Decimal,
    /// 1 for the best total; equal totals share a rank (1, 2, 2, 4).
    pub rank: usize,
    /// Set when the session was scored against another standard: "id version".
    pub other_standard: Option<String>,
}

/// A file that could not be summarised, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub file: String,
    pub reason: String,
}

/// Averages over the final sessions, rounded to 2 decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct Average {
    pub count: usize,
    pub categories: Vec<Decimal>,
    pub penalty: Decimal,
    pub total: Decimal,
}

#[derive(Debug, Clone)]
pub struct Summary {
    /// Sorted best first.
    pub entries: Vec<Entry>,
    pub average: Option<Average>,
    pub broken: Vec<Broken>,
}

/// `pinggu summary`.
pub fn command(
    store: &Store,
    loaded: &Loaded,
    paths: &[PathBuf],
    format: SummaryFormat,
    district: Option<&str>,
    lang: Lang,
) -> Outcome {
    let (files, mut broken) = collect(store, paths)?;
    let mut summary = build(loaded, &files, district);
    broken.append(&mut summary.broken);
    summary.broken = broken;
    let text = match format {
        SummaryFormat::Text => view::text(loaded, &summary, lang),
        SummaryFormat::Csv => view::csv(loaded, &summary, lang),
        SummaryFormat::Json => view::json(loaded, &summary),
    };
    print!("{text}");
    Ok(())
}

/// The session files to summarise, sorted by path, and the paths that could not be listed.
/// No paths means the store; a directory means its session files.
pub fn collect(store: &Store, paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Broken>), Failure> {
    let mut files = Vec::new();
    let mut broken = Vec::new();
    if paths.is_empty() {
        match store.session_files() {
            Ok(found) => keep_inside(store, found, &mut files, &mut broken),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Failure::new(format!(
                    "{}: cannot list: {e}",
                    store.dir.display()
                )));
            }
        }
    }
    for path in paths {
        if path.is_dir() {
            let dir = Store { dir: path.clone() };
            match dir.session_files() {
                Ok(found) => keep_inside(&dir, found, &mut files, &mut broken),
                Err(e) => broken.push(Broken {
                    file: path.display().to_string(),
                    reason: format!("cannot list: {e}"),
                }),
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok((files, broken))
}

/// A listed file that is a link out of its directory is not read (as in the picker): a
/// planted link must not bring a file from elsewhere into the comparison.
fn keep_inside(
    dir: &Store,
    found: Vec<PathBuf>,
    files: &mut Vec<PathBuf>,
    broken: &mut Vec<Broken>,
) {
    for path in found {
        match dir.check_link(&path) {
            Ok(()) => files.push(path),
            Err(e) => broken.push(Broken {
                file: path.display().to_string(),
                reason: reason(e),
            }),
        }
    }
}

fn reason(e: SessionError) -> String {
    match e {
        SessionError::Invalid { message, .. } => message,
        SessionError::Io { source, .. } => format!("cannot read: {source}"),
    }
}

/// Scores every file; `district` keeps only the sessions of that district.
pub fn build(loaded: &Loaded, files: &[PathBuf], district: Option<&str>) -> Summary {
    let mut entries = Vec::new();
    let mut broken = Vec::new();
    for path in files {
        match entry(loaded, path) {
            Ok(e) => {
                if district.is_none_or(|d| e.district.trim() == d.trim()) {
                    entries.push(e);
                }
            }
            Err(reason) => broken.push(Broken {
                file: path.display().to_string(),
                reason,
            }),
        }
    }
    rank(&mut entries);
    let average = average(&entries);
    Summary {
        entries,
        average,
        broken,
    }
}

fn entry(loaded: &Loaded, path: &Path) -> Result<Entry, String> {
    let parsed = store::load(path, loaded).map_err(reason)?;
    let session = parsed.session;
    let card = scoring::score(&loaded.standard, &session);
    let (reviewed, items_total, penalty, total) =
        (card.reviewed, card.items_total, card.penalty, card.total);
    let categories = card.categories.iter().map(|c| c.score).collect();
    let other_standard = parsed.warnings.iter().find_map(|w| match w {
        Warning::OtherStandard { id, version } => Some(format!("{id} {version}")),
        _ => None,
    });
    Ok(Entry {
        file: path.display().to_string(),
        center: session.center.name,
        district: session.center.district,
        date: session.center.date,
        assessors: session.center.assessors,
        is_final: session.status == crate::session::Status::Final,
        reviewed,
        items_total,
        categories,
        penalty,
        total,
        rank: 0,
        other_standard,
    })
}

/// Sorts best first (ties by center, date, file) and gives equal totals the same rank.
pub fn rank(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.center.cmp(&b.center))
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| a.file.cmp(&b.file))
    });
    let mut rank = 0;
    let mut previous = None;
    for (n, e) in entries.iter_mut().enumerate() {
        if previous != Some(e.total) {
            rank = n + 1;
            previous = Some(e.total);
        }
        e.rank = rank;
    }
}

/// Averages over the final sessions; None when there is none.
pub fn average(entries: &[Entry]) -> Option<Average> {
    let finals: Vec<&Entry> = entries.iter().filter(|e| e.is_final).collect();
    let first = finals.first()?;
    let n = Decimal::from(finals.len());
    let mean = |sum: Decimal| {
        (sum / n)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    };
    let categories = (0..first.categories.len())
        .map(|i| {
            mean(
                finals
                    .iter()
                    .map(|e| e.categories.get(i).copied().unwrap_or_default())
                    .sum(),
            )
        })
        .collect();
    Some(Average {
        count: finals.len(),
        categories,
        penalty: mean(finals.iter().map(|e| e.penalty).sum()),
        total: mean(finals.iter().map(|e| e.total).sum()),
    })
}
