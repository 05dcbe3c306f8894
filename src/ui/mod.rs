//! Drawing the assessment screen: one function per region, all reading `App`.
//!
//! ```text
//! ┌──────────────────────── header (2 rows) ─────────────────────────┐
//! │ title                                               草稿 / 只读  │
//! │ center district date              总分 87.5 / 100  已评 32/47    │
//! ├─ tree (scrolls, visible rows only) ─┬─ detail of the cursor row ─┤
//! │ ► ▾ 1 服务环境            13.5/15   │ 1.2.3 综合受理区           │
//! │     + 1.2.1 大厅环境                │ wrapped text, mark, note   │
//! ├─────────────────────────────────────┴────────────────────────────┤
//! │ key hints for this mode  (or the prompt being typed)             │
//! │ status message                                                   │
//! └──────────────────────────────────────────────────────────────────┘
//! overlays (note editor, help, scorecard preview) are drawn last, on top.
//! ```
//! Scores are computed from the session on every frame (`scoring::score`), never cached.

mod detail;
mod footer;
mod header;
mod help;
mod note;
mod preview;
mod small;
pub mod theme;
mod tree;

use crate::app::{App, Mode};
use crate::scoring;
use crate::text;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Clear, Widget};
pub use theme::Theme;

/// Smallest usable screen; below it only a message is drawn.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn render(app: &mut App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(app.options);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        small::render(app, theme, frame, area);
        return;
    }
    let card = scoring::score(&app.loaded.standard, &app.session);
    let [top, body, bottom] = area.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(2),
    ]));
    let tree_width = (body.width * 11 / 20).clamp(30.min(body.width), 72);
    let [left, right] = body.layout(&Layout::horizontal([
        Constraint::Length(tree_width),
        Constraint::Min(1),
    ]));
    header::render(app, &card, theme, frame, top);
    let offset = tree::render(app, &card, theme, frame, left);
    let detail = detail::render(app, &card, theme, frame, right);
    app.tree_offset = offset;
    app.detail = detail;
    footer::render(app, theme, frame, bottom);
    match &app.mode {
        Mode::Note(_) => note::render(app, theme, frame, body),
        Mode::Help { .. } => help::render(app, theme, frame, body),
        Mode::Preview { .. } => preview::render(app, theme, frame, body),
        _ => {}
    }
}

/// Clears `area` for an overlay. A wide (CJK) character just left of it is blanked too:
/// its right half lies under the overlay's border, and a terminal (and ratatui's diff,
/// which skips the cell a wide character covers) would draw it over the border.
pub(crate) fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    Clear.render(area, buf);
    if area.x <= buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlay_border_is_not_hidden_by_a_wide_character_to_its_left() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        buf.set_string(0, 0, "ab服务cd", ratatui::style::Style::new());
        buf.set_string(0, 1, "abc服务d", ratatui::style::Style::new());
        clear(&mut buf, Rect::new(3, 0, 3, 2));
        let row = |y| (0..8).map(|x| buf[(x, y)].symbol()).collect::<Vec<_>>();
        // 服 straddled the overlay's left edge: blanked. Row 1 had nothing straddling.
        assert_eq!(row(0), ["a", "b", " ", " ", " ", " ", "c", "d"]);
        assert_eq!(row(1), ["a", "b", "c", " ", " ", " ", " ", "d"]);
    }
}
