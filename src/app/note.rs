//! The note editor: a multi-line text area over the screen. Closing it always keeps the text.

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
}

impl NoteEditor {
    /// Opens `note` for editing. Control characters are shown as placeholders, since
    /// a text area would otherwise send them to the terminal.
    pub fn open(item: &str, note: &str) -> NoteEditor {
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
        }
    }

    /// Pasted or IME-committed text, made safe (newlines kept).
    pub fn paste(&mut self, s: &str) {
        self.area.insert_str(text::safe_lines(s).join("\n"));
    }

    /// The note to store: None when the assessor changed nothing (so a note with
    /// unsafe characters is not silently rewritten by merely looking at it).
    pub fn result(&self) -> Option<String> {
        let now = self.area.lines().join("\n");
        if now == self.shown {
            return None;
        }
        let trimmed = now.trim_end_matches(['\n', ' ']).to_string();
        (trimmed != self.original).then_some(trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_note_is_left_alone_and_edits_are_kept() {
        let e = NoteEditor::open("1.1.1", "bad\u{1b}[2J");
        assert_eq!(e.result(), None);
        let mut e = NoteEditor::open("1.1.1", "门牌");
        e.paste("不清晰\n第二行");
        assert_eq!(e.result().as_deref(), Some("门牌不清晰\n第二行"));
    }
}
