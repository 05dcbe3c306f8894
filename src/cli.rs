//! The command line (clap derive). Every subcommand but `open`/`new` prints and exits.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "pinggu",
    version,
    about = "评估 — score a community affairs acceptance service center against the 2022 standard",
    long_about = None
)]
pub struct Cli {
    /// Standard file to use instead of the embedded 2022 standard
    #[arg(long, global = true, value_name = "FILE")]
    pub standard: Option<PathBuf>,
    /// Session store directory (default: the platform data directory)
    #[arg(long, global = true, value_name = "DIR", env = "PINGGU_SESSIONS")]
    pub sessions: Option<PathBuf>,
    /// Interface language
    #[arg(
        long,
        global = true,
        value_enum,
        env = "PINGGU_LANG",
        default_value = "zh"
    )]
    pub lang: Lang,
    /// Draw borders, glyphs and markers in plain ASCII (for SSH clients with wide symbols)
    #[arg(long, global = true, env = "PINGGU_ASCII", value_parser = clap::builder::FalseyValueParser::new())]
    pub ascii: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a standard file (default: the embedded one) and summarise it
    CheckStandard {
        /// The standard file to check
        file: Option<PathBuf>,
    },
    /// Start a new session and open it
    New {
        /// Center name (受理中心名称)
        #[arg(long)]
        center: String,
        /// District (区)
        #[arg(long, default_value = "")]
        district: String,
        /// Assessor(s); repeat, or separate with commas or 、
        #[arg(long)]
        assessor: Vec<String>,
        /// Assessment date, YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<String>,
        /// Only create the file and print its path
        #[arg(long)]
        no_open: bool,
    },
    /// Open a session by name or path
    Open {
        /// Session file name, center name or path
        session: String,
        /// Open read-only even when no one else holds the session
        #[arg(long)]
        read_only: bool,
    },
    /// Mark an item: met, na, clear, or deduct AMOUNT
    Mark {
        session: String,
        /// Item id, e.g. 1.2.3
        item: String,
        /// met | na | clear | deduct
        verdict: String,
        /// The amount, with `deduct`
        amount: Option<String>,
    },
    /// Set an item's or penalty's note (TEXT `-` reads standard input)
    Note {
        session: String,
        item: String,
        text: String,
    },
    /// Trigger or clear a penalty item (扣分项)
    Penalty {
        session: String,
        /// Penalty id, e.g. 8.1
        item: String,
        /// on | off
        state: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Print or export the scorecard
    Report {
        session: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Mark a session final (定稿) once everything is reviewed and explained
    Finalize { session: String },
    /// Make a final session a draft again
    Reopen { session: String },
    /// Compare sessions: one row per center, ranked by total
    Summary {
        /// Directories or session files (default: the store)
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: SummaryFormat,
        /// Only this district
        #[arg(long)]
        district: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Csv,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Csv,
    Json,
}
