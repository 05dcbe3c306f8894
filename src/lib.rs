//! pinggu (评估): score a community affairs acceptance service center against the
//! 2022 standardization assessment standard, from the keyboard.
//!
//! - `standard`, `session`, `scoring`, `amount`: the model — pure, exact (Decimal), no I/O but parsing.
//! - `store`: where session files live, and how they are written (atomically) and read.
//! - `cli`: the command line; the scriptable commands print and exit.

pub mod amount;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod lock;
pub mod scoring;
pub mod session;
pub mod standard;
pub mod store;
pub mod text;
