//! The assessment screen's state, and the routing of keys to its update function.
//!
//! Contract used by `tui.rs` (the event loop) — keep these signatures:
//! `App::new`, `App::handle_key`, `App::handle_paste`, `App::render`, `App::session`,
//! `App::set_status`, `App::quit_summary`.
//!
//! The cursor and the expanded nodes live in `session.view` itself, so the session
//! handed to the autosave is always current. Drawing is in `ui`; keys are in `keymap`.

mod action;
mod input;
mod nav;
mod note;
pub mod tree;
mod update;

pub use action::{Action, KeyContext, Mode};
pub use input::LineInput;
pub use note::NoteEditor;

use crate::cli::Lang;
use crate::session::{MarkEntry, PenaltyEntry, Session};
use crate::standard::Loaded;
use crate::{i18n, keymap, scoring};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
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

/// One undo step: the entries a change touched, as they were before it (None: absent),
/// and where the cursor was. Only what changed is kept, so a step costs the same on a
/// 47- and a 10,000-item session.
#[derive(Debug, Clone)]
struct Snapshot {
    marks: Vec<(String, Option<MarkEntry>)>,
    penalties: Vec<(String, Option<PenaltyEntry>)>,
    cursor: Option<String>,
}

impl Snapshot {
    /// The entries of `ids` as they are now (one pass over the lists, however many ids).
    fn of(session: &Session, ids: &[String]) -> Snapshot {
        let at: std::collections::HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(n, id)| (id.as_str(), n))
            .collect();
        let mut marks: Vec<_> = ids.iter().map(|id| (id.clone(), None)).collect();
        for e in &session.marks {
            if let Some(&n) = at.get(e.item.as_str()) {
                marks[n].1 = Some(e.clone());
            }
        }
        let mut penalties: Vec<_> = ids.iter().map(|id| (id.clone(), None)).collect();
        for p in &session.penalties {
            if let Some(&n) = at.get(p.item.as_str()) {
                penalties[n].1 = Some(p.clone());
            }
        }
        Snapshot {
            marks,
            penalties,
            cursor: session.view.cursor.clone(),
        }
    }

    /// This step without the entries `session` still holds as they were; None when the
    /// change changed nothing.
    fn changed(self, session: &Session) -> Option<Snapshot> {
        let ids: Vec<String> = self.marks.iter().map(|(id, _)| id.clone()).collect();
        let now = Snapshot::of(session, &ids);
        let marks: Vec<_> = self
            .marks
            .into_iter()
            .zip(now.marks)
            .filter(|(before, now)| before.1 != now.1)
            .map(|(before, _)| before)
            .collect();
        let penalties: Vec<_> = self
            .penalties
            .into_iter()
            .zip(now.penalties)
            .filter(|(before, now)| before.1 != now.1)
            .map(|(before, _)| before)
            .collect();
        if marks.is_empty() && penalties.is_empty() {
            return None;
        }
        Some(Snapshot {
            marks,
            penalties,
            cursor: self.cursor,
        })
    }

    /// Puts the recorded entries back; returns the step that undoes this (cursor unset).
    fn restore(self, session: &mut Session) -> Snapshot {
        let marks = (self.marks.into_iter())
            .map(|(id, e)| {
                let was = session.replace_entry(&id, e);
                (id, was)
            })
            .collect();
        let penalties = (self.penalties.into_iter())
            .map(|(id, p)| {
                let was = session.replace_penalty(&id, p);
                (id, was)
            })
            .collect();
        Snapshot {
            marks,
            penalties,
            cursor: None,
        }
    }
}

/// Undo steps kept; older ones are dropped.
const UNDO_DEPTH: usize = 500;

pub struct App {
    pub loaded: Loaded,
    pub session: Session,
    pub path: PathBuf,
    pub options: Options,
    pub read_only: bool,
    pub status: Option<(String, bool)>,
    /// Timestamps for `session.updated` (replaceable so tests are deterministic).
    pub clock: fn() -> String,
    pub(crate) mode: Mode,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The last search, for n/N.
    search: Option<String>,
    /// First tree row on screen; kept so the cursor stays in view while scrolling.
    pub(crate) tree_offset: usize,
    /// The detail pane's scroll; back to the top whenever the cursor moves to another node.
    pub(crate) detail: DetailScroll,
}

/// First line of the detail pane on screen, and what the last frame measured
/// (a page scrolls by what was visible; scrolling stops at the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DetailScroll {
    pub offset: usize,
    /// Lines the pane showed.
    pub page: usize,
    /// The largest useful offset (all lines minus a page).
    pub max: usize,
}

impl Default for DetailScroll {
    /// Before the first frame nothing is measured: no limit yet (the frame clamps).
    fn default() -> DetailScroll {
        DetailScroll {
            offset: 0,
            page: 10,
            max: usize::MAX,
        }
    }
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
        let mut app = App {
            loaded,
            session,
            path,
            options,
            read_only,
            status: (!warnings.is_empty()).then(|| (warnings.join("; "), false)),
            clock: crate::clock::timestamp,
            mode: Mode::Browse,
            undo: Vec::new(),
            redo: Vec::new(),
            search: None,
            tree_offset: 0,
            detail: DetailScroll::default(),
        };
        app.restore_view();
        app
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind == KeyEventKind::Release {
            return Effect::default();
        }
        let context = self.mode.context();
        let action = keymap::lookup(context, &key);
        match (context, action) {
            (KeyContext::Browse, Some(action)) => {
                self.status = None;
                self.update(action, &key)
            }
            (_, Some(action)) => self.update(action, &key),
            (KeyContext::Prompt, None) => {
                if let Mode::Deduct { input, .. } | Mode::Jump(input) | Mode::Search(input) =
                    &mut self.mode
                {
                    input.key(&key);
                }
                Effect::default()
            }
            (KeyContext::Note, None) => {
                if let Mode::Note(editor) = &mut self.mode {
                    editor.area.input(key);
                }
                self.sync_note()
            }
            _ => Effect::default(),
        }
    }

    /// Bracketed paste (and what some input methods send as one burst of text).
    pub fn handle_paste(&mut self, text: &str) -> Effect {
        match &mut self.mode {
            Mode::Note(editor) => {
                editor.paste(text);
                return self.sync_note();
            }
            Mode::Deduct { input, .. } | Mode::Jump(input) | Mode::Search(input) => {
                input.insert(text)
            }
            _ => {}
        }
        Effect::default()
    }

    pub fn render(&mut self, frame: &mut Frame) {
        crate::ui::render(self, frame);
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
        let card = scoring::score(&self.loaded.standard, &self.session);
        let text = i18n::open_work(
            self.options.lang,
            card.unreviewed.len(),
            card.deductions_without_note.len(),
            card.penalties_without_note.len(),
        );
        (!text.is_empty()).then_some(text)
    }

    /// What the keys act on now.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The id under the cursor.
    pub fn cursor_id(&self) -> String {
        self.cursor().id(&self.loaded.standard).to_string()
    }

    /// The first line of the detail pane on screen (0: its top).
    pub fn detail_offset(&self) -> usize {
        self.detail.offset
    }

    /// The rows of the tree as they are now (visible nodes only).
    pub fn rows(&self) -> Vec<tree::Node> {
        tree::rows(&self.loaded.standard, &self.session.view.expanded)
    }

    fn error(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), true));
    }

    fn info(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), false));
    }
}
