//! A one-line text input for the deduct, jump and search prompts.
//!
//! The caret is a char index; its screen column is the display width of the text
//! before it, so Chinese typed through an input method lands where it is drawn.

use crate::text;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    caret: usize,
    /// The text was filled in for the assessor: the first character typed replaces it.
    selected: bool,
}

/// Longest prompt input accepted: a pasted essay is not an item number.
const MAX_CHARS: usize = 200;

impl LineInput {
    pub fn with(text: &str) -> LineInput {
        let mut input = LineInput::default();
        input.insert(text);
        input
    }

    /// Prefilled text that typing replaces (Left/Right/Home/End keep it for editing).
    pub fn selected(text: &str) -> LineInput {
        let mut input = LineInput::with(text);
        input.selected = true;
        input
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Display columns before the caret.
    pub fn caret_column(&self) -> usize {
        text::width(&self.text.chars().take(self.caret).collect::<String>())
    }

    /// Inserts text at the caret: only its first line, made safe.
    pub fn insert(&mut self, s: &str) {
        let first = s.split(['\n', '\r']).find(|l| !l.is_empty()).unwrap_or("");
        let clean = text::safe_line(first);
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let at = self.byte_at(self.caret);
        let piece: String = clean.chars().take(room).collect();
        self.caret += piece.chars().count();
        self.text.insert_str(at, &piece);
    }

    fn byte_at(&self, caret: usize) -> usize {
        self.text
            .char_indices()
            .nth(caret)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }

    /// Edits the text with a key; returns false for keys it does not use.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if std::mem::take(&mut self.selected)
            && matches!(
                key.code,
                KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete
            )
            && !ctrl
        {
            self.text.clear();
            self.caret = 0;
            if !matches!(key.code, KeyCode::Char(_)) {
                return true;
            }
        }
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.caret);
                self.text.replace_range(..at, "");
                self.caret = 0;
            }
            KeyCode::Char('a') if ctrl => self.caret = 0,
            KeyCode::Char('e') if ctrl => self.caret = len,
            KeyCode::Char(c) if !ctrl => self.insert(&c.to_string()),
            KeyCode::Backspace if self.caret > 0 => {
                self.caret -= 1;
                let at = self.byte_at(self.caret);
                self.text.remove(at);
            }
            KeyCode::Delete if self.caret < len => {
                let at = self.byte_at(self.caret);
                self.text.remove(at);
            }
            KeyCode::Left => self.caret = self.caret.saturating_sub(1),
            KeyCode::Right => self.caret = (self.caret + 1).min(len),
            KeyCode::Home => self.caret = 0,
            KeyCode::End => self.caret = len,
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_at_the_caret_with_wide_characters() {
        let mut i = LineInput::with("受理");
        assert_eq!(i.caret_column(), 4);
        i.key(&key(KeyCode::Left));
        i.key(&key(KeyCode::Char('x')));
        assert_eq!(i.text(), "受x理");
        assert_eq!(i.caret_column(), 3);
        i.key(&key(KeyCode::Backspace));
        i.key(&key(KeyCode::Backspace));
        assert_eq!(i.text(), "理");
        i.insert("a\u{1b}b\nignored");
        assert_eq!(i.text(), "a\u{FFFD}b理");
    }

    #[test]
    fn prefilled_text_is_replaced_by_typing_and_kept_by_moving() {
        let mut i = LineInput::selected("1.5");
        i.key(&key(KeyCode::Char('2')));
        assert_eq!(i.text(), "2");
        let mut i = LineInput::selected("1.5");
        i.key(&key(KeyCode::Backspace));
        assert_eq!(i.text(), "");
        let mut i = LineInput::selected("1.5");
        i.key(&key(KeyCode::End));
        i.key(&key(KeyCode::Char('5')));
        assert_eq!(i.text(), "1.55");
    }
}
