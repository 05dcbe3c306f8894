//! A one-line text field: the filter and the new-session form's fields.
//!
//! The caret is a byte index on a character boundary. Drawing reports the caret's column
//! so the terminal's real cursor can sit there (input methods anchor their window on it).

use crate::text;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub value: String,
    caret: usize,
}

impl Input {
    pub fn new(value: &str) -> Input {
        Input {
            value: value.to_string(),
            caret: value.len(),
        }
    }

    /// Applies an editing key; false when the key is not an editing key.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.value.clear();
                self.caret = 0;
            }
            KeyCode::Char('a') if ctrl => self.caret = 0,
            KeyCode::Char('e') if ctrl => self.caret = self.value.len(),
            KeyCode::Char(_) if ctrl => return false,
            KeyCode::Char(c) => self.insert(&c.to_string()),
            KeyCode::Backspace => {
                if let Some(c) = self.value[..self.caret].chars().next_back() {
                    self.caret -= c.len_utf8();
                    self.value.remove(self.caret);
                }
            }
            KeyCode::Delete => {
                if self.caret < self.value.len() {
                    self.value.remove(self.caret);
                }
            }
            KeyCode::Left => {
                if let Some(c) = self.value[..self.caret].chars().next_back() {
                    self.caret -= c.len_utf8();
                }
            }
            KeyCode::Right => {
                if let Some(c) = self.value[self.caret..].chars().next() {
                    self.caret += c.len_utf8();
                }
            }
            KeyCode::Home => self.caret = 0,
            KeyCode::End => self.caret = self.value.len(),
            _ => return false,
        }
        true
    }

    /// Inserts pasted or typed text at the caret; line breaks and control characters
    /// become spaces (a field is one line).
    pub fn insert(&mut self, text: &str) {
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.value.insert_str(self.caret, &clean);
        self.caret += clean.len();
    }

    /// The visible part of the value in `cols` columns and the caret's column in it.
    /// When the value is wider than the field, the start scrolls out of view.
    pub fn view(&self, cols: usize) -> (String, usize) {
        let cols = cols.max(1);
        let before = text::safe_line(&self.value[..self.caret]);
        let after = text::safe_line(&self.value[self.caret..]);
        // Keep the caret inside the field: drop characters from the start as needed.
        let mut start = 0;
        let mut before_w = text::width(&before);
        let mut chars = before.char_indices();
        while before_w >= cols {
            match chars.next() {
                Some((_, c)) => {
                    before_w -= text::width(c.encode_utf8(&mut [0; 4]));
                    start += c.len_utf8();
                }
                None => break,
            }
        }
        let shown = format!("{}{}", &before[start..], after);
        (text::truncate(&shown, cols), before_w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_chinese_text_at_the_caret() {
        let mut i = Input::new("徐汇中心");
        i.handle_key(key(KeyCode::Left));
        i.handle_key(key(KeyCode::Left));
        i.insert("区枫林");
        assert_eq!(i.value, "徐汇区枫林中心");
        assert_eq!(i.view(20), ("徐汇区枫林中心".to_string(), 10));
        i.handle_key(key(KeyCode::Backspace));
        i.handle_key(key(KeyCode::Delete));
        assert_eq!(i.value, "徐汇区枫心");
        assert_eq!(i.view(20).1, 8);
    }

    #[test]
    fn a_long_value_scrolls_to_keep_the_caret_visible() {
        let i = Input::new("一二三四五六七八");
        let (shown, caret) = i.view(9);
        assert_eq!(shown, "五六七八");
        assert_eq!(caret, 8);
    }

    #[test]
    fn pasted_line_breaks_and_escapes_do_not_reach_the_screen() {
        let mut i = Input::new("");
        i.insert("a\nb\u{1b}[31m");
        assert_eq!(i.value, "a b [31m");
    }
}
