//! The `pinggu` binary: parse the command line, run one command or the TUI, exit.

use clap::Parser;
use pinggu::app::Options;
use pinggu::cli::{Cli, Command};
use pinggu::clock;
use pinggu::commands::{self, Failure};
use pinggu::session::NewSession;
use pinggu::store::Store;
use pinggu::{summary, tui};
use std::io::Write;

fn main() {
    let cli = Cli::parse();
    if let Err(f) = run(cli) {
        // Messages quote file contents (ids, names): never let them drive the terminal.
        // Not eprintln!: after SIGHUP stderr is a dead terminal, and that must not panic.
        let _ = writeln!(
            std::io::stderr(),
            "pinggu: {}",
            pinggu::text::safe_lines(&f.message).join("\n")
        );
        std::process::exit(f.code);
    }
}

fn run(cli: Cli) -> commands::Outcome {
    if let Some(Command::CheckStandard { file }) = &cli.command {
        return commands::check_standard(file.as_deref().or(cli.standard.as_deref()));
    }
    let loaded = commands::load_standard(cli.standard.as_deref())?;
    let store = Store::locate(cli.sessions.clone());
    let options = Options {
        lang: cli.lang,
        ascii: cli.ascii,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let Some(command) = cli.command else {
        return tui::picker(&store, &loaded, options);
    };
    match command {
        Command::CheckStandard { .. } => unreachable!("handled above"),
        Command::New {
            center,
            district,
            assessor,
            date,
            no_open,
        } => {
            let form = NewSession {
                center,
                district,
                assessors: pinggu::session::split_assessors(assessor.iter().map(String::as_str)),
                date: date.unwrap_or_else(clock::today),
            };
            let path = commands::create(&store, &loaded, form)?;
            if no_open {
                println!("{}", path.display());
                Ok(())
            } else {
                tui::open(&store, &loaded, &path, options, false)
            }
        }
        Command::Open { session, read_only } => {
            let path = store.resolve(&session).map_err(Failure::new)?;
            tui::open(&store, &loaded, &path, options, read_only)
        }
        Command::Mark {
            session,
            item,
            verdict,
            amount,
        } => commands::mark(
            &store,
            &loaded,
            &session,
            &item,
            &verdict,
            amount.as_deref(),
        ),
        Command::Note {
            session,
            item,
            text,
        } => commands::note(&store, &loaded, &session, &item, &text),
        Command::Penalty {
            session,
            item,
            state,
            note,
        } => commands::penalty(&store, &loaded, &session, &item, &state, note.as_deref()),
        Command::Report {
            session,
            format,
            output,
        } => commands::report(
            &store,
            &loaded,
            &session,
            format,
            output.as_deref(),
            cli.lang,
        ),
        Command::Finalize { session } => commands::finalize(&store, &loaded, &session),
        Command::Reopen { session } => commands::reopen(&store, &loaded, &session),
        Command::Summary {
            paths,
            format,
            district,
        } => summary::command(
            &store,
            &loaded,
            &paths,
            format,
            district.as_deref(),
            cli.lang,
        ),
    }
}
