//! `App::update`: what each action does. Changes to the assessment go through `edit`,
//! which refuses them when read-only, records one undo step and stamps `updated`.

use super::tree::{self, Node};
use super::{Action, App, Effect, LineInput, Mode, Snapshot, UNDO_DEPTH};
use crate::amount::{self, STEP};
use crate::cli::ReportFormat;
use crate::i18n::{self, L};
use crate::session::{ChangeError, Mark, Session};
use crate::standard::Standard;
use crate::{report, text};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

const CHANGED: Effect = Effect {
    changed: true,
    view_changed: true,
    quit: false,
};
const VIEW: Effect = Effect {
    changed: false,
    view_changed: true,
    quit: false,
};
const NOTHING: Effect = Effect {
    changed: false,
    view_changed: false,
    quit: false,
};

impl App {
    /// Applies one action. `key` is the key that produced it (for the digit keys).
    pub fn update(&mut self, action: Action, key: &KeyEvent) -> Effect {
        use Action as A;
        let lang = self.options.lang;
        match action {
            A::Up => self.view(|app| app.move_by(-1)),
            A::Down => self.view(|app| app.move_by(1)),
            A::Collapse => self.view(App::collapse),
            A::Expand => self.view(App::expand),
            A::Toggle => self.view(App::toggle),
            A::First => self.view(|app| app.move_to_end(false)),
            A::Last => self.view(|app| app.move_to_end(true)),
            A::NextUnreviewed => self.view(App::next_unreviewed),
            A::NextMatch => self.view(|app| app.search_step(true)),
            A::PrevMatch => self.view(|app| app.search_step(false)),
            A::MarkMet => self.mark_and_advance(Some(Mark::Met)),
            A::MarkNa => self.mark_item(Some(Mark::Na)),
            A::ClearMark => self.mark_item(None),
            A::Raise | A::Lower => self.step(action == A::Raise),
            A::Deduct | A::DeductDigit => {
                let prefill = match key.code {
                    KeyCode::Char(c) if action == A::DeductDigit => c.to_string(),
                    _ => String::new(),
                };
                self.open_deduct(&prefill)
            }
            A::MarkAllMet => self.mark_all_met(),
            A::TogglePenalty => self.toggle_penalty(),
            A::EditNote => self.open_note(),
            A::Undo => self.undo_redo(true),
            A::Redo => self.undo_redo(false),
            A::Jump => self.open(Mode::Jump(LineInput::default())),
            A::Search => self.open(Mode::Search(LineInput::default())),
            A::Help => self.open(Mode::Help { scroll: 0 }),
            A::DetailPageDown => self.detail_step(self.detail_page()),
            A::DetailPageUp => self.detail_step(-self.detail_page()),
            A::DetailLineDown => self.detail_step(1),
            A::DetailLineUp => self.detail_step(-1),
            A::Preview => {
                let report = report::render(ReportFormat::Text, &self.loaded, &self.session, lang);
                let lines = text::safe_lines(&report);
                self.open(Mode::Preview { lines, scroll: 0 })
            }
            A::Finalize => self.finalize(),
            A::Quit => {
                // Ctrl-C inside the note editor keeps the note, like every other way out.
                let mut effect = self.close_note();
                effect.quit = true;
                effect
            }
            A::Submit => self.submit(),
            A::Cancel | A::Close => self.open(Mode::Browse),
            A::CloseNote => self.close_note(),
            A::ScrollUp => self.scroll(-1),
            A::ScrollDown => self.scroll(1),
            A::PageUp => self.scroll(-10),
            A::PageDown => self.scroll(10),
        }
    }

    fn view(&mut self, f: impl FnOnce(&mut App)) -> Effect {
        let before = self.session.view.clone();
        f(self);
        if self.session.view == before {
            NOTHING
        } else {
            VIEW
        }
    }

    /// Only the screen moves: nothing to save.
    fn detail_step(&mut self, delta: isize) -> Effect {
        self.scroll_detail(delta);
        NOTHING
    }

    fn open(&mut self, mode: Mode) -> Effect {
        self.mode = mode;
        NOTHING
    }

    /// Why changes are refused right now, if they are.
    pub(super) fn refusal(&self) -> Option<&'static str> {
        if self.read_only {
            Some(i18n::t(self.options.lang, L::ReadOnlyRefused))
        } else if self.session.is_final() {
            Some(i18n::t(self.options.lang, L::FinalRefused))
        } else {
            None
        }
    }

    /// Runs one change to the items `ids` (scored or penalty items) as one undo step.
    /// Returns true when the session changed.
    fn edit(
        &mut self,
        ids: &[String],
        f: impl FnOnce(&mut Session, &Standard) -> Result<(), ChangeError>,
    ) -> bool {
        if let Some(message) = self.refusal() {
            self.error(message);
            return false;
        }
        let before = Snapshot::of(&self.session, ids);
        if let Err(e) = f(&mut self.session, &self.loaded.standard) {
            before.restore(&mut self.session);
            self.error(i18n::change_error(self.options.lang, &e));
            return false;
        }
        let Some(before) = before.changed(&self.session) else {
            return false;
        };
        self.push_undo(before);
        self.session.updated = (self.clock)();
        true
    }

    /// Records one undo step; a new change forgets what could be redone.
    pub(super) fn push_undo(&mut self, before: Snapshot) {
        self.undo.push(before);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The scored item under the cursor, or a message saying one is needed.
    fn item_id(&mut self) -> Option<String> {
        match self.cursor() {
            node @ Node::Item(..) => Some(node.id(&self.loaded.standard).to_string()),
            _ => {
                self.error(i18n::t(self.options.lang, L::NeedItem));
                None
            }
        }
    }

    fn mark_item(&mut self, mark: Option<Mark>) -> Effect {
        let Some(id) = self.item_id() else {
            return NOTHING;
        };
        self.set_item_mark(&id, mark)
    }

    /// Sets one item's mark as one undo step; CHANGED only when something changed.
    fn set_item_mark(&mut self, id: &str, mark: Option<Mark>) -> Effect {
        let ids = [id.to_string()];
        if self.edit(&ids, |s, std| s.set_mark(std, id, mark)) {
            CHANGED
        } else {
            NOTHING
        }
    }

    fn mark_and_advance(&mut self, mark: Option<Mark>) -> Effect {
        let Some(id) = self.item_id() else {
            return NOTHING;
        };
        let changed = self.edit(std::slice::from_ref(&id), |s, std| {
            s.set_mark(std, &id, mark)
        });
        let refused = self.status.as_ref().is_some_and(|(_, err)| *err);
        if !refused {
            self.advance();
        }
        Effect {
            changed,
            view_changed: !refused,
            quit: false,
        }
    }

    /// + / -: half a point more or less off this item.
    fn step(&mut self, raise: bool) -> Effect {
        let Some(id) = self.item_id() else {
            return NOTHING;
        };
        let current = match self.session.mark(&id) {
            Some(Mark::Deducted(d)) => d,
            _ => rust_decimal::Decimal::ZERO,
        };
        let next = if raise {
            current + STEP
        } else {
            current - STEP
        };
        let mark = if next > rust_decimal::Decimal::ZERO {
            Some(Mark::Deducted(next))
        } else if current > rust_decimal::Decimal::ZERO {
            Some(Mark::Met)
        } else {
            return NOTHING;
        };
        self.set_item_mark(&id, mark)
    }

    fn open_deduct(&mut self, prefill: &str) -> Effect {
        if let Some(message) = self.refusal() {
            self.error(message);
            return NOTHING;
        }
        let Some(item) = self.item_id() else {
            return NOTHING;
        };
        let input = match self.session.mark(&item) {
            Some(Mark::Deducted(d)) if prefill.is_empty() => LineInput::selected(&amount::fmt(d)),
            _ => LineInput::with(prefill),
        };
        self.open(Mode::Deduct { item, input })
    }

    /// Enter in a prompt.
    fn submit(&mut self) -> Effect {
        let lang = self.options.lang;
        match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Deduct { item, input } => {
                let typed = input.text().trim().to_string();
                let amount = match amount::parse_amount(&typed) {
                    Ok(a) => a,
                    Err(_) => {
                        self.error(i18n::bad_amount(lang, &text::safe_line(&typed)));
                        self.mode = Mode::Deduct { item, input };
                        return NOTHING;
                    }
                };
                if self.edit(std::slice::from_ref(&item), |s, std| {
                    s.set_mark(std, &item, Some(Mark::Deducted(amount)))
                }) {
                    self.advance();
                    return CHANGED;
                }
                let refused = self.status.as_ref().is_some_and(|(_, err)| *err);
                if refused && self.refusal().is_none() {
                    // Keep the prompt open so the amount can be corrected.
                    self.mode = Mode::Deduct { item, input };
                }
                NOTHING
            }
            Mode::Jump(input) => self.view(|app| app.jump(input.text())),
            Mode::Search(input) => {
                self.set_search(input.text());
                self.view(|app| app.search_step(true))
            }
            other => {
                self.mode = other;
                NOTHING
            }
        }
    }

    /// Y: every unreviewed item under a category or indicator marked met, as one step.
    fn mark_all_met(&mut self) -> Effect {
        let node = self.cursor();
        if !matches!(node, Node::Category(_) | Node::Indicator(..)) {
            self.error(i18n::t(self.options.lang, L::NeedGroup));
            return NOTHING;
        }
        let ids: Vec<String> = tree::items_under(&self.loaded.standard, node)
            .iter()
            .map(|n| n.id(&self.loaded.standard).to_string())
            .filter(|id| self.session.mark(id).is_none())
            .collect();
        if ids.is_empty() {
            self.info(i18n::t(self.options.lang, L::NoneUnreviewed));
            return NOTHING;
        }
        let changed = self.edit(&ids, |s, std| {
            ids.iter()
                .try_for_each(|id| s.set_mark(std, id, Some(Mark::Met)))
        });
        if changed {
            self.info(i18n::marked_met(self.options.lang, ids.len()));
            CHANGED
        } else {
            NOTHING
        }
    }

    fn toggle_penalty(&mut self) -> Effect {
        let Node::Penalty(p) = self.cursor() else {
            self.error(i18n::t(self.options.lang, L::NeedPenalty));
            return NOTHING;
        };
        let id = self.loaded.standard.penalties.items[p].id.clone();
        let on = !self.session.penalty_triggered(&id);
        if self.edit(std::slice::from_ref(&id), |s, std| {
            s.set_penalty(std, &id, on, None)
        }) {
            CHANGED
        } else {
            NOTHING
        }
    }

    fn undo_redo(&mut self, undo: bool) -> Effect {
        let lang = self.options.lang;
        if let Some(message) = self.refusal() {
            self.error(message);
            return NOTHING;
        }
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(mut step) = from.pop() else {
            self.info(i18n::t(
                lang,
                if undo {
                    L::NothingToUndo
                } else {
                    L::NothingToRedo
                },
            ));
            return NOTHING;
        };
        let cursor = step.cursor.take();
        let mut inverse = step.restore(&mut self.session);
        inverse.cursor = self.session.view.cursor.clone();
        to.push(inverse);
        self.session.updated = (self.clock)();
        if let Some(node) = cursor.and_then(|id| tree::find(&self.loaded.standard, &id)) {
            self.set_cursor(node);
        }
        self.info(i18n::t(lang, if undo { L::Undone } else { L::Redone }));
        CHANGED
    }

    fn finalize(&mut self) -> Effect {
        if self.read_only {
            self.error(i18n::t(self.options.lang, L::ReadOnlyRefused));
            return NOTHING;
        }
        let now = (self.clock)();
        match crate::finalize::finalize(&mut self.session, &self.loaded.standard, &now) {
            Ok(()) => {
                self.undo.clear();
                self.redo.clear();
                self.info(i18n::t(self.options.lang, L::Finalized));
                CHANGED
            }
            Err(message) => {
                // The full list of what is open is long; the count says it in one line.
                let message = match self.quit_summary() {
                    Some(open) => {
                        format!("{}{open}", i18n::label(self.options.lang, L::NotFinalized))
                    }
                    None => text::safe_line(&message),
                };
                self.error(message);
                NOTHING
            }
        }
    }

    fn scroll(&mut self, delta: isize) -> Effect {
        if let Mode::Help { scroll } | Mode::Preview { scroll, .. } = &mut self.mode {
            *scroll = scroll.saturating_add_signed(delta);
        }
        NOTHING
    }
}
