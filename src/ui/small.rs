//! Below 40x10 the screen says so instead of drawing a broken layout.

use super::Theme;
use crate::app::App;
use crate::i18n::{self, L};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let message = i18n::t(app.options.lang, L::TooSmall);
    let size = format!("{}x{}", area.width, area.height);
    let mut lines: Vec<Line> = theme
        .wrap(message, area.width.max(2) as usize)
        .into_iter()
        .map(|l| Line::styled(l, theme.error()))
        .collect();
    lines.push(Line::raw(size));
    let top = (area.height as usize).saturating_sub(lines.len()) / 2;
    let mut padded = vec![Line::default(); top];
    padded.extend(lines);
    frame.render_widget(Paragraph::new(padded), area);
}
