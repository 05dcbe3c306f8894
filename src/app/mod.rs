//! The assessment screen's state and its update function (skeleton: the TUI helper fills it in).
//!
//! Contract used by `tui.rs` (the event loop) — keep these signatures:
//! `App::new`, `App::handle_key`, `App::handle_paste`, `App::render`, `App::session`,
//! `App::set_status`, `App::quit_summary`.

use crate::cli::Lang;
use crate::session::Session;
use crate::standard::Loaded;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use std::path::PathBuf;

/// How the screen is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// Plain ASCII borders, glyphs and markers.
    pub ascii: bool,
    /// False under NO_COLOR.
    pub color: bool,
}

/// What a key or paste did, for the event loop.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effect {
    /// The session's content (marks, notes, penalties, status) changed: save now.
    pub changed: bool,
    /// Only the cursor or expanded nodes changed: worth saving, not urgent.
    pub view_changed: bool,
    /// The assessor asked to quit.
    pub quit: bool,
}

pub struct App {
    pub loaded: Loaded,
    pub session: Session,
    pub path: PathBuf,
    pub options: Options,
    pub read_only: bool,
    pub status: Option<(String, bool)>,
}

impl App {
    /// `warnings` are shown in the status line on the first frame.
    pub fn new(
        loaded: Loaded,
        session: Session,
        path: PathBuf,
        options: Options,
        read_only: bool,
        warnings: Vec<String>,
    ) -> App {
        App {
            loaded,
            session,
            path,
            options,
            read_only,
            status: warnings.first().map(|w| (w.clone(), false)),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        use ratatui::crossterm::event::KeyCode;
        Effect {
            quit: matches!(key.code, KeyCode::Char('q')),
            ..Effect::default()
        }
    }

    pub fn handle_paste(&mut self, _text: &str) -> Effect {
        Effect::default()
    }

    pub fn render(&mut self, frame: &mut Frame) {
        frame.render_widget(
            ratatui::text::Line::from(self.loaded.standard.title.as_str()),
            frame.area(),
        );
    }

    /// The session with the current view (cursor, expanded nodes) written into it.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Shows a message in the status line (`error` draws it as an error).
    pub fn set_status(&mut self, message: String, error: bool) {
        self.status = Some((message, error));
    }

    /// What is still open, said on quit ("3 items unreviewed, 1 deduction without a note").
    pub fn quit_summary(&self) -> Option<String> {
        None
    }
}
