//! The `r` overlay: the text scorecard exactly as `pinggu report` prints it, scrollable.

use super::Theme;
use crate::app::{App, Mode};
use crate::i18n::{self, L};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

pub fn render(app: &mut App, theme: Theme, frame: &mut Frame, body: Rect) {
    // The whole body: the scorecard is wide, and half-covered panes would only distract.
    let area = body;
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Line::styled(
            format!(" {} ", i18n::t(app.options.lang, L::PreviewTitle)),
            theme.title(),
        ));
    let inner = block.inner(area);
    let Mode::Preview { lines, scroll } = &mut app.mode else {
        return;
    };
    *scroll = (*scroll).min(lines.len().saturating_sub(inner.height as usize));
    let shown: Vec<Line> = lines
        .iter()
        .skip(*scroll)
        .take(inner.height as usize)
        .map(|l| Line::raw(theme.fit(&theme.line(l), inner.width as usize)))
        .collect();
    crate::ui::clear(frame.buffer_mut(), area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
