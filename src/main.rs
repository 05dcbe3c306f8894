//! The `pinggu` binary: parse the command line, run one command or the TUI, exit.

use clap::Parser;
use pinggu::cli::{Cli, Command};
use pinggu::clock;
use pinggu::commands::{self, Failure};
use pinggu::session::NewSession;
use pinggu::standard;
use pinggu::store::Store;

fn main() {
    let cli = Cli::parse();
    if let Err(f) = run(cli) {
        eprintln!("pinggu: {}", f.message);
        std::process::exit(f.code);
    }
}

fn run(cli: Cli) -> commands::Outcome {
    if let Some(Command::CheckStandard { file }) = &cli.command {
        return commands::check_standard(file.as_deref().or(cli.standard.as_deref()));
    }
    let loaded = standard::load(cli.standard.as_deref())?;
    let store = Store::locate(cli.sessions.clone());
    match cli.command {
        Some(Command::New {
            center,
            district,
            assessor,
            date,
            no_open,
        }) => {
            let form = NewSession {
                center,
                district,
                assessors: assessor
                    .into_iter()
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect(),
                date: date.unwrap_or_else(clock::today),
            };
            let path = commands::create(&store, &loaded, form)?;
            if no_open {
                println!("{}", path.display());
                Ok(())
            } else {
                Err(Failure::new("the TUI is not built yet"))
            }
        }
        Some(Command::Mark {
            session,
            item,
            verdict,
            amount,
        }) => commands::mark(
            &store,
            &loaded,
            &session,
            &item,
            &verdict,
            amount.as_deref(),
        ),
        Some(Command::Note {
            session,
            item,
            text,
        }) => commands::note(&store, &loaded, &session, &item, &text),
        Some(Command::Penalty {
            session,
            item,
            state,
            note,
        }) => commands::penalty(&store, &loaded, &session, &item, &state, note.as_deref()),
        _ => Err(Failure::new("not built yet")),
    }
}
