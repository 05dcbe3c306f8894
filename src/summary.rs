//! Comparing centers: one row per session (skeleton: the reports helper fills it in).

use crate::cli::{Lang, SummaryFormat};
use crate::commands::{Failure, Outcome};
use crate::standard::Loaded;
use crate::store::Store;
use std::path::PathBuf;

/// `pinggu summary`.
pub fn command(
    store: &Store,
    loaded: &Loaded,
    paths: &[PathBuf],
    format: SummaryFormat,
    district: Option<&str>,
    lang: Lang,
) -> Outcome {
    let _ = (store, loaded, paths, format, district, lang);
    Err(Failure::new("summary is not built yet"))
}
