//! pinggu (评估): score a community affairs acceptance service center against the
//! 2022 standardization assessment standard, from the keyboard.
//!
//! - `standard`, `session`, `scoring`, `amount`: the model — pure, exact (Decimal), no I/O but parsing.
//! - `store`: where session files live, and how they are written (atomically) and read.
//! - `app` (state + update), `ui` (render), `tui` (terminal loop, picker): the assessor's screen.
//! - `report`, `summary`, `finalize`: scorecards, comparing centers, 定稿.
//! - `cli`, `commands`: the command line; the scriptable commands print and exit.
//! - `text`: safe, width-aware text for the terminal and reports; `lock`: one writer per session.

pub mod amount;
pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod finalize;
pub mod i18n;
pub mod keymap;
pub mod lock;
pub mod report;
pub mod scoring;
pub mod session;
pub mod standard;
pub mod store;
pub mod summary;
pub mod text;
pub mod tui;
pub mod ui;
