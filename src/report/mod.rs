//! Scorecards in five formats, all carrying the same facts.
//!
//! `facts` scores the session once and words every number and label; `text`, `markdown`,
//! `csv`, `html` and `json` only lay those facts out. All of them are pure functions of
//! (standard, session, language): the same session always gives the same bytes.

pub mod csv;
pub mod facts;
pub mod html;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod text;

use crate::cli::{Lang, ReportFormat};
use crate::session::Session;
use crate::standard::Loaded;
use facts::Facts;

/// The scorecard of `session` in `format`.
pub fn render(format: ReportFormat, loaded: &Loaded, session: &Session, lang: Lang) -> String {
    let facts = Facts::new(&loaded.standard, session, lang);
    match format {
        ReportFormat::Text => text::render(&facts),
        ReportFormat::Markdown => markdown::render(&facts),
        ReportFormat::Csv => csv::render(&facts),
        ReportFormat::Html => html::render(&facts),
        ReportFormat::Json => json::render(&facts),
    }
}
