//! The note editor overlay. The terminal cursor follows the caret so an input
//! method's candidate window opens where the Chinese will appear.

use super::{Theme, centered};
use crate::app::{App, Mode, tree};
use crate::i18n::{self, L};
use crate::keymap;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, body: Rect) {
    let Mode::Note(editor) = &app.mode else {
        return;
    };
    let lang = app.options.lang;
    let area = centered(
        body,
        body.width.saturating_sub(4).max(20),
        body.height.saturating_sub(2).clamp(3, 16),
    );
    let close = keymap::NOTE
        .iter()
        .find(|b| b.hint)
        .map(|b| {
            format!(
                " {}: {} ",
                keymap::keys_label(b, theme.ascii),
                i18n::hint(lang, b.action)
            )
        })
        .unwrap_or_default();
    let s = &app.loaded.standard;
    let name = tree::find(s, &editor.item)
        .map(|n| n.title(s))
        .unwrap_or("");
    let title = format!(
        " {} {} {} ",
        i18n::t(lang, L::NoteTitle),
        editor.item,
        theme.line(name)
    );
    let title = theme.fit(&title, area.width.saturating_sub(2) as usize);
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Line::styled(title, theme.title()))
        .title_bottom(Line::from(close));
    let inner = block.inner(area);
    crate::ui::clear(frame.buffer_mut(), area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    frame.render_widget(&editor.area, inner);
    // The text area drew stand-ins for unsafe characters: show them as the placeholder.
    let buf = frame.buffer_mut();
    for y in inner.top()..inner.bottom() {
        for x in inner.left()..inner.right() {
            let cell = &mut buf[(x, y)];
            if let Some(shown) = cell.symbol().chars().find_map(|c| editor.drawn_as(c)) {
                cell.set_symbol(shown);
            }
        }
    }
    // Where the caret is drawn, relative to what the text area scrolled to.
    let caret = editor.area.screen_cursor();
    let (top, left) = editor.area.scroll_offset();
    let row = caret.row.saturating_sub(top as usize) as u16;
    let col = caret.col.saturating_sub(left as usize) as u16;
    let x = (inner.x + col).min(inner.right().saturating_sub(1));
    let y = (inner.y + row).min(inner.bottom().saturating_sub(1));
    frame.set_cursor_position(Position::new(x, y));
}
