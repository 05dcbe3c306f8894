//! The session picker (`pinggu` with no arguments): state, keys and drawing.
//!
//! ```text
//! title                                     (n sessions) [filter]
//! header: center | district | date | assessor | done | total | status | modified
//! ─────────────────────────────────────────────────────────────
//! > rows, newest first; a broken file shows its reason
//! status line (messages) or the store directory
//! key hints
//! ```
//! The picker never touches files: keys become a [`Request`] the shell carries out.

use super::columns::Columns;
use super::draw;
use super::form::{Form, FormOutcome};
use super::input::Input;
use super::labels::{Labels, labels};
use super::listing::{Entry, Kind};
use crate::app::Options;
use crate::session::NewSession;
use crate::text;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    /// Typing into the `/` filter.
    Filter,
    Form(Form),
    /// Another pinggu holds this session: open it read-only?
    ConfirmReadOnly {
        path: PathBuf,
        holder: String,
    },
}

/// What the picker asks the shell to do.
#[derive(Debug, Clone)]
pub enum Request {
    Nothing,
    Quit,
    Open(PathBuf),
    OpenReadOnly(PathBuf),
    Create(NewSession),
}

pub struct Picker {
    pub entries: Vec<Entry>,
    /// Why the store could not be listed, if it could not.
    pub list_error: Option<String>,
    /// Index into the filtered rows.
    pub cursor: usize,
    pub filter: Input,
    pub mode: Mode,
    pub status: Option<(String, bool)>,
    pub store_dir: String,
    pub options: Options,
    pub today: String,
}

impl Picker {
    pub fn new(store_dir: String, options: Options, today: String) -> Picker {
        Picker {
            entries: Vec::new(),
            list_error: None,
            cursor: 0,
            filter: Input::default(),
            mode: Mode::Browse,
            status: None,
            store_dir,
            options,
            today,
        }
    }

    fn labels(&self) -> &'static Labels {
        labels(self.options.lang)
    }

    /// Replaces the list (after a session closes), keeping the cursor on the same file.
    pub fn set_entries(&mut self, listed: Result<Vec<Entry>, String>) {
        let current = self.current().map(|e| e.path.clone());
        match listed {
            Ok(entries) => {
                self.entries = entries;
                self.list_error = None;
            }
            Err(e) => {
                self.entries.clear();
                self.list_error = Some(e);
            }
        }
        let rows = self.visible();
        self.cursor = current
            .and_then(|p| rows.iter().position(|&i| self.entries[i].path == p))
            .unwrap_or(0);
    }

    /// Indices of the entries the filter lets through.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.filter.value.trim().to_lowercase();
        (0..self.entries.len())
            .filter(|&i| needle.is_empty() || self.entries[i].haystack().contains(&needle))
            .collect()
    }

    pub fn current(&self) -> Option<&Entry> {
        self.visible().get(self.cursor).map(|&i| &self.entries[i])
    }

    pub fn handle_paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Form(form) => form.handle_paste(text),
            Mode::Filter => {
                self.filter.insert(text);
                self.cursor = 0;
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Request {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let labels = self.labels();
        match &mut self.mode {
            Mode::Form(form) => {
                match form.handle_key(key, labels) {
                    FormOutcome::Editing => {}
                    FormOutcome::Cancel => self.mode = Mode::Browse,
                    FormOutcome::Submit(new) => return Request::Create(new),
                }
                Request::Nothing
            }
            Mode::ConfirmReadOnly { path, .. } => {
                let path = path.clone();
                self.mode = Mode::Browse;
                match key.code {
                    KeyCode::Char('y' | 'Y') => Request::OpenReadOnly(path),
                    _ => Request::Nothing,
                }
            }
            Mode::Filter => {
                match key.code {
                    KeyCode::Enter => self.mode = Mode::Browse,
                    KeyCode::Esc => {
                        self.filter = Input::default();
                        self.mode = Mode::Browse;
                    }
                    KeyCode::Up | KeyCode::Down => return self.browse(key),
                    _ => {
                        if self.filter.handle_key(key) {
                            self.cursor = 0;
                        }
                    }
                }
                Request::Nothing
            }
            Mode::Browse if ctrl && key.code == KeyCode::Char('c') => Request::Quit,
            Mode::Browse => self.browse(key),
        }
    }

    fn browse(&mut self, key: KeyEvent) -> Request {
        let rows = self.visible().len();
        self.status = None;
        match key.code {
            KeyCode::Char('q') => return Request::Quit,
            KeyCode::Esc if !self.filter.value.is_empty() => self.filter = Input::default(),
            KeyCode::Esc => return Request::Quit,
            KeyCode::Down | KeyCode::Char('j') => {
                self.cursor = (self.cursor + 1).min(rows.saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.cursor = rows.saturating_sub(1),
            KeyCode::Char('n') => self.mode = Mode::Form(Form::new(&self.today)),
            KeyCode::Char('/') => self.mode = Mode::Filter,
            KeyCode::Enter => match self.current() {
                Some(Entry {
                    kind: Kind::Broken(reason),
                    file,
                    ..
                }) => {
                    let msg = format!("{}: {file}: {reason}", self.labels().cannot_open);
                    self.status = Some((msg, true));
                }
                Some(e) => return Request::Open(e.path.clone()),
                None => {}
            },
            _ => {}
        }
        Request::Nothing
    }

    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        let l = self.labels();
        let o = self.options;
        if area.width < 40 || area.height < 10 {
            let msg = format!("{} ({}x{})", l.too_small, area.width, area.height);
            frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
            return;
        }
        let cols = area.width as usize;
        let [top, head, rule, body, status, hints] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ]));
        let rows = self.visible();
        let count = format!("({}/{})", rows.len(), self.entries.len());
        let title_w = cols.saturating_sub(text::width(&count) + 1);
        let mut title = draw::fit(l.title, title_w, o);
        if !self.filter.value.is_empty() || self.mode == Mode::Filter {
            let prefix = format!("{}  {}: ", l.title, l.filter);
            let field_w = title_w.saturating_sub(text::width(&prefix) + 1);
            let (shown, caret) = self.filter.view(field_w);
            title = draw::fit(&format!("{prefix}{shown}"), title_w, o);
            if self.mode == Mode::Filter {
                let x = (text::width(&prefix) + caret).min(cols.saturating_sub(1));
                frame.set_cursor_position(Position::new(top.x + x as u16, top.y));
            }
        }
        frame.render_widget(
            Line::from(vec![
                Span::styled(title, draw::header(o)),
                Span::raw(" "),
                Span::raw(count),
            ]),
            top,
        );
        let widths = Columns::for_width(cols);
        frame.render_widget(Line::styled(widths.header(l, o), draw::header(o)), head);
        frame.render_widget(Line::raw(draw::rule(o, cols)), rule);
        self.render_rows(frame, body, &rows, &widths);
        let (msg, style) = match &self.status {
            Some((m, true)) => (m.clone(), draw::error(o)),
            Some((m, false)) => (m.clone(), ratatui::style::Style::new()),
            None => (format!("{}: {}", l.store, self.store_dir), draw::dim(o)),
        };
        frame.render_widget(Line::styled(draw::fit(&msg, cols, o), style), status);
        let hint = if self.mode == Mode::Filter {
            l.filter_hints
        } else {
            l.hints
        };
        frame.render_widget(Line::styled(draw::fit(hint, cols, o), draw::dim(o)), hints);
        match &self.mode {
            Mode::Form(form) => form.render(frame, area, l, o),
            Mode::ConfirmReadOnly { holder, .. } => self.render_confirm(frame, area, holder),
            _ => {}
        }
    }

    fn render_rows(&self, frame: &mut Frame, body: Rect, rows: &[usize], widths: &Columns) {
        let l = self.labels();
        let o = self.options;
        let height = body.height as usize;
        let message = match &self.list_error {
            Some(e) => Some((e.as_str(), draw::error(o))),
            None if self.entries.is_empty() => Some((l.empty, ratatui::style::Style::new())),
            None if rows.is_empty() => Some((l.no_match, ratatui::style::Style::new())),
            None => None,
        };
        if let Some((m, style)) = message {
            let p =
                Paragraph::new(Line::styled(text::safe_line(m), style)).wrap(Wrap { trim: true });
            frame.render_widget(p, body);
            return;
        }
        // Scroll so the cursor row stays visible; only visible rows are laid out.
        let first = (self.cursor + 1).saturating_sub(height);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(n, &i)| {
                let on = n == self.cursor;
                let row = widths.row(&self.entries[i], on, l, o);
                let style = match (&self.entries[i].kind, on) {
                    (_, true) => draw::selected(o),
                    (Kind::Broken(_), false) => draw::error(o),
                    _ => ratatui::style::Style::new(),
                };
                Line::styled(row, style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }

    fn render_confirm(&self, frame: &mut Frame, area: Rect, holder: &str) {
        let l = self.labels();
        let o = self.options;
        let width = area.width.saturating_sub(8).min(64);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + area.height.saturating_sub(6) / 2,
            width,
            height: 6.min(area.height),
        };
        crate::ui::clear(frame.buffer_mut(), rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(draw::border_set(o));
        let text = vec![
            Line::raw(format!("{}: {}", l.held_by, text::safe_line(holder))),
            Line::raw(""),
            Line::styled(l.open_read_only, draw::header(o)),
        ];
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            rect,
        );
    }
}
