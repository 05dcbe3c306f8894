//! Bottom two rows: the key hints of the current mode (read from the keymap) or the
//! prompt being typed, then the status message.

use super::Theme;
use crate::amount::fmt;
use crate::app::{App, LineInput, Mode};
use crate::i18n::{self, L};
use crate::{keymap, text};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let first = match &app.mode {
        Mode::Deduct { item, input } => {
            let max = app
                .loaded
                .standard
                .item(item)
                .map(|r| fmt(r.indicator.points))
                .unwrap_or_default();
            let label = i18n::deduct_label(app.options.lang, item, &max);
            prompt(theme, frame, area, &label, input)
        }
        Mode::Jump(input) => {
            let label = format!("{} :", i18n::t(app.options.lang, L::JumpPrompt));
            prompt(theme, frame, area, &label, input)
        }
        Mode::Search(input) => {
            let label = format!("{} /", i18n::t(app.options.lang, L::SearchPrompt));
            prompt(theme, frame, area, &label, input)
        }
        _ => hints(app, theme, width),
    };
    let second = match &app.status {
        Some((message, error)) => {
            let style = if *error {
                theme.error()
            } else {
                ratatui::style::Style::new()
            };
            Line::styled(theme.fit(&theme.line(message), width), style)
        }
        None if matches!(
            app.mode,
            Mode::Deduct { .. } | Mode::Jump(_) | Mode::Search(_)
        ) =>
        {
            hints(app, theme, width)
        }
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

/// "key action  key action …" for the mode's hinted bindings, as many as fit.
fn hints(app: &App, theme: Theme, width: usize) -> Line<'static> {
    let lang = app.options.lang;
    let mut spans = Vec::new();
    let mut used = 0;
    for b in keymap::table(app.mode.context()).iter().filter(|b| b.hint) {
        let keys = keymap::keys_label(b, theme.ascii);
        let what = i18n::hint(lang, b.action);
        let w = text::width(&keys) + 1 + text::width(what) + 2;
        if used + w > width + 2 {
            break;
        }
        used += w;
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

/// The prompt line, with the terminal's cursor put at the caret (input methods anchor there).
fn prompt(
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
    label: &str,
    input: &LineInput,
) -> Line<'static> {
    let width = area.width as usize;
    let label = theme.fit(label, width / 2);
    let typed = input.text().to_string();
    let label_w = text::width(&label);
    // Scroll the typed text left when the caret would pass the right edge.
    let room = width.saturating_sub(label_w + 1).max(1);
    let caret = input.caret_column();
    let skip_cols = caret.saturating_sub(room);
    let mut shown = String::new();
    let mut col = 0;
    for c in typed.chars() {
        let w = text::width(&c.to_string());
        if col >= skip_cols {
            shown.push(c);
        }
        col += w;
    }
    let x = area.x as usize + label_w + caret - skip_cols;
    let x = x.min((area.x + area.width).saturating_sub(1) as usize);
    frame.set_cursor_position(Position::new(x as u16, area.y));
    Line::from(vec![
        Span::styled(label, theme.key()),
        Span::raw(theme.fit(&shown, room)),
    ])
}
