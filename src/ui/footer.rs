//! Bottom two rows: the key hints of the current mode (read from the keymap) or the
//! prompt being typed, then the status message.

use super::Theme;
use crate::amount::fmt;
use crate::app::{Action, App, LineInput, Mode};
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
        _ => {
            let rows = if app.status.is_some() { 1 } else { 2 };
            let mut lines = hints(app, theme, width, rows);
            let first = lines.remove(0);
            let second = lines.pop().unwrap_or_default();
            let status = status_line(app, theme, width).unwrap_or(second);
            frame.render_widget(Paragraph::new(vec![first, status]), area);
            return;
        }
    };
    let second =
        status_line(app, theme, width).unwrap_or_else(|| hints(app, theme, width, 1).remove(0));
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

/// "key action  key action …" for the mode's hinted bindings, on up to `rows` lines.
/// Help and quit are always on the first line; the rest fill in table order.
fn hints(app: &App, theme: Theme, width: usize, rows: usize) -> Vec<Line<'static>> {
    let lang = app.options.lang;
    let pieces: Vec<(String, &str, bool)> = keymap::table(app.mode.context())
        .iter()
        .filter(|b| b.hint)
        .map(|b| {
            let always = matches!(b.action, Action::Help | Action::Quit);
            (
                keymap::keys_label(b, theme.ascii),
                i18n::hint(lang, b.action),
                always,
            )
        })
        .collect();
    let cost = |(keys, what, _): &(String, &str, bool)| text::width(keys) + text::width(what) + 3;
    let reserved: usize = pieces.iter().filter(|p| p.2).map(cost).sum();
    let mut lines = vec![Vec::new(); rows.max(1)];
    let mut used = vec![0; rows.max(1)];
    used[0] = reserved;
    let mut row = 0;
    for piece in pieces.iter().filter(|p| !p.2) {
        while row < lines.len() && used[row] + cost(piece) > width + 2 {
            row += 1;
        }
        if row == lines.len() {
            break;
        }
        used[row] += cost(piece);
        lines[row].push(piece);
    }
    lines[0].extend(pieces.iter().filter(|p| p.2));
    lines
        .into_iter()
        .map(|row| {
            let spans: Vec<Span> = row
                .into_iter()
                .flat_map(|(keys, what, _)| {
                    [
                        Span::styled(keys.clone(), theme.key()),
                        Span::raw(format!(" {what}  ")),
                    ]
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// The status message, styled as an error when it is one.
fn status_line(app: &App, theme: Theme, width: usize) -> Option<Line<'static>> {
    let (message, error) = app.status.as_ref()?;
    let style = if *error {
        theme.error()
    } else {
        ratatui::style::Style::new()
    };
    Some(Line::styled(theme.fit(&theme.line(message), width), style))
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
        if input.is_selected() {
            Span::styled(theme.fit(&shown, room), theme.cursor())
        } else {
            Span::raw(theme.fit(&shown, room))
        },
    ])
}
