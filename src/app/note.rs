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
    /// The characters the text area holds stand-ins for (see [`STAND_INS`]), by offset.
    originals: Vec<char>,
}

/// Unsafe characters (escapes, bidi overrides, CR, tabs ...) sit in the text area as
/// private-use stand-ins from here on: drawn as the placeholder, stored as the original,
/// so a pasted note is kept verbatim without ever reaching the terminal raw.
const STAND_INS: u32 = 0xF0000;

fn is_stand_in(c: char) -> bool {
    c as u32 >= STAND_INS
}

impl NoteEditor {
    /// Opens `note` for editing. Control characters are shown as placeholders, since
    /// a text area would otherwise send them to the terminal.
    fn open(item: &str, note: &str, before: Snapshot) -> NoteEditor {
        let mut originals = Vec::new();
        let shown = stand_in(&mut originals, note);
        let mut area = TextArea::new(shown.split('\n').map(str::to_string).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        // No underlined caret line and no drawn block caret: the real terminal cursor sits
        // at the caret (the renderer places it, and input methods need it there), and each
        // style cost SGR codes and an extra cell on every keystroke: 60 bytes for one 好.
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.set_cursor_style(ratatui::style::Style::default());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor {
            item: item.to_string(),
            area,
            original: note.to_string(),
            shown,
            before,
            originals,
        }
    }

    /// Pasted or IME-committed text. Terminals send a pasted line break as CR (or CRLF):
    /// it becomes a new line; everything else is kept as it was pasted.
    pub fn paste(&mut self, s: &str) {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        let shown = stand_in(&mut self.originals, &s);
        self.area.insert_str(shown);
    }

    /// What a cell holding `c` shows: the placeholder (a space for a tab) for a stand-in.
    pub fn drawn_as(&self, c: char) -> Option<&'static str> {
        if !is_stand_in(c) {
            return None;
        }
        let original = self.originals.get((c as u32 - STAND_INS) as usize);
        Some(if original == Some(&'\t') {
            " "
        } else {
            "\u{FFFD}"
        })
    }

    /// The note as it should be stored now. Untouched, it is the original exactly (so a
    /// note is not rewritten by merely looking at it).
    pub fn note(&self) -> String {
        let now = self.area.lines().join("\n");
        if now == self.shown {
            return self.original.clone();
        }
        let now: String = now
            .chars()
            .map(|c| match is_stand_in(c) {
                true => self
                    .originals
                    .get((c as u32 - STAND_INS) as usize)
                    .copied()
                    .unwrap_or(c),
                false => c,
            })
            .collect();
        now.trim_end_matches(['\n', ' ']).to_string()
    }
}

/// `s` with every unsafe character but the line break (and any character that could be
/// taken for a stand-in) replaced by its stand-in, recorded in `originals`.
fn stand_in(originals: &mut Vec<char>, s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || c == '\u{200D}' || !(text::is_unsafe(c) || is_stand_in(c)) {
                return c;
            }
            let at = match originals.iter().position(|&o| o == c) {
                Some(at) => at,
                None => {
                    originals.push(c);
                    originals.len() - 1
                }
            };
            char::from_u32(STAND_INS + at as u32).unwrap_or(text::PLACEHOLDER)
        })
        .collect()
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
        let before = Snapshot::of(&self.session, std::slice::from_ref(&id));
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
        let Some(before) = editor.before.changed(&self.session) else {
            return effect;
        };
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

    #[test]
    fn pasted_line_breaks_from_a_terminal_become_new_lines() {
        let mut e = NoteEditor::open("1.1.1", "", nothing());
        e.paste("第一行\r第二行\r\n第三行");
        assert_eq!(e.area.lines(), ["第一行", "第二行", "第三行"]);
        assert_eq!(e.note(), "第一行\n第二行\n第三行");
    }

    #[test]
    fn pasted_hostile_text_is_stored_verbatim_and_drawn_as_placeholders() {
        let hostile = "a\u{1b}]0;x\u{7}b\u{202E}c\td\u{F0001}";
        let mut e = NoteEditor::open("1.1.1", "门牌", nothing());
        e.paste(hostile);
        assert_eq!(e.note(), format!("门牌{hostile}"));
        let drawn: String = e.area.lines()[0]
            .chars()
            .map(|c| e.drawn_as(c).map_or(c.to_string(), str::to_string))
            .collect();
        assert_eq!(drawn, "门牌a\u{FFFD}]0;x\u{FFFD}b\u{FFFD}c d\u{FFFD}");
        // Edited, a stored note with escapes keeps them too.
        let mut e = NoteEditor::open("1.1.1", "x\u{1b}[2J\r\ny", nothing());
        e.paste("!");
        assert_eq!(e.note(), "x\u{1b}[2J\r\ny!");
    }
}
