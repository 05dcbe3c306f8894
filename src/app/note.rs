//! The note editor: a multi-line text area over the screen. Closing it always keeps the text.
//!
//! What is typed is written into the session as it is typed (so a lost connection or a
//! signal loses nothing); closing the editor turns the whole edit into one undo step.

use super::tree::Node;
use super::{App, Effect, Mode, Snapshot};
use crate::i18n::{self, L};
use crate::text;
use ratatui_textarea::{TextArea, WrapMode};

pub struct NoteEditor {
    /// The item or penalty item the note belongs to.
    pub item: String,
    pub area: TextArea<'static>,
    /// The note as it was on disk, to tell an untouched note from an edited one.
    pub original: String,
    /// What the editor showed at first (the original, made safe to draw).
    shown: String,
    /// The session before the editor opened: the undo step closing it records.
    before: Snapshot,
}

impl NoteEditor {
    /// Opens `note` for editing. Control characters are shown as placeholders, since
    /// a text area would otherwise send them to the terminal.
    fn open(item: &str, note: &str, before: Snapshot) -> NoteEditor {
        let shown = text::safe_lines(note).join("\n");
        let mut area = TextArea::new(shown.split('\n').map(str::to_string).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor {
            item: item.to_string(),
            area,
            original: note.to_string(),
            shown,
            before,
        }
    }

    /// Pasted or IME-committed text, made safe (newlines kept).
    pub fn paste(&mut self, s: &str) {
        self.area.insert_str(text::safe_lines(s).join("\n"));
    }

    /// The note as it should be stored now. Untouched, it is the original exactly (so a
    /// note with unsafe characters is not rewritten by merely looking at it).
    pub fn note(&self) -> String {
        let now = self.area.lines().join("\n");
        if now == self.shown {
            return self.original.clone();
        }
        now.trim_end_matches(['\n', ' ']).to_string()
    }
}

impl App {
    pub(super) fn open_note(&mut self) -> Effect {
        if let Some(message) = self.refusal() {
            self.error(message);
            return Effect::default();
        }
        let node = self.cursor();
        if !matches!(node, Node::Item(..) | Node::Penalty(_)) {
            self.error(i18n::t(self.options.lang, L::NeedNoteTarget));
            return Effect::default();
        }
        let id = node.id(&self.loaded.standard).to_string();
        let before = Snapshot {
            marks: self.session.marks.clone(),
            penalties: self.session.penalties.clone(),
            cursor: self.session.view.cursor.clone(),
        };
        let editor = NoteEditor::open(&id, self.session.note(&id), before);
        self.mode = Mode::Note(Box::new(editor));
        Effect::default()
    }

    /// Writes the editor's text into the session when it differs (after each key or paste).
    pub(super) fn sync_note(&mut self) -> Effect {
        let Mode::Note(editor) = &self.mode else {
            return Effect::default();
        };
        let note = editor.note();
        if self.session.note(&editor.item) == note {
            return Effect::default();
        }
        let item = editor.item.clone();
        if let Err(e) = self.session.set_note(&self.loaded.standard, &item, &note) {
            self.error(i18n::change_error(self.options.lang, &e));
            return Effect::default();
        }
        self.session.updated = (self.clock)();
        Effect {
            changed: true,
            ..Effect::default()
        }
    }

    /// Closes the editor, keeping the text; the whole edit becomes one undo step.
    pub(super) fn close_note(&mut self) -> Effect {
        let effect = self.sync_note();
        let Mode::Note(editor) = std::mem::replace(&mut self.mode, Mode::Browse) else {
            return effect;
        };
        let before = editor.before;
        if before.marks == self.session.marks && before.penalties == self.session.penalties {
            return effect;
        }
        self.push_undo(before);
        self.info(i18n::t(self.options.lang, L::NoteKept));
        Effect {
            changed: true,
            ..effect
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nothing() -> Snapshot {
        Snapshot {
            marks: vec![],
            penalties: vec![],
            cursor: None,
        }
    }

    #[test]
    fn untouched_note_is_left_alone_and_edits_are_kept() {
        let e = NoteEditor::open("1.1.1", "bad\u{1b}[2J", nothing());
        assert_eq!(e.note(), "bad\u{1b}[2J");
        let mut e = NoteEditor::open("1.1.1", "门牌", nothing());
        e.paste("不清晰\n第二行\n\n");
        assert_eq!(e.note(), "门牌不清晰\n第二行");
    }
}
