//! Top two rows: what is being assessed, and where the score stands.

use super::Theme;
use crate::amount::fmt;
use crate::app::App;
use crate::i18n::{self, L};
use crate::scoring::Scorecard;
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, card: &Scorecard, theme: Theme, frame: &mut Frame, area: Rect) {
    let lang = app.options.lang;
    let width = area.width as usize;
    let session = &app.session;

    // Row 1: the standard's title, then draft/final and read-only badges on the right.
    let mut badges = vec![if session.is_final() {
        i18n::t(lang, L::Final)
    } else {
        i18n::t(lang, L::Draft)
    }];
    if app.read_only {
        badges.push(i18n::t(lang, L::ReadOnly));
    }
    let badge = format!(" [{}]", badges.join("] ["));
    let title_room = width.saturating_sub(text::width(&badge));
    let title = theme.fit(&theme.line(&app.loaded.standard.title), title_room);
    let gap = title_room.saturating_sub(text::width(&title));
    let badge_style = if session.is_final() || app.read_only {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let row1 = Line::from(vec![
        Span::styled(title, theme.title()),
        Span::raw(" ".repeat(gap)),
        Span::styled(badge, badge_style),
    ]);

    // Row 2: center, district, date on the left; total, penalty, progress on the right.
    let mut right = format!(
        "{} {} / {}",
        i18n::t(lang, L::Total),
        fmt(card.total),
        fmt(card.max)
    );
    if card.penalty > rust_decimal::Decimal::ZERO {
        right.push_str(&format!(
            "  {} -{}",
            i18n::t(lang, L::Penalty),
            fmt(card.penalty)
        ));
    }
    right.push_str(&format!(
        "  {} {}/{}",
        i18n::t(lang, L::Progress),
        card.reviewed,
        card.items_total
    ));
    let right = theme.fit(&right, width);
    let left = place(
        theme,
        &session.center,
        width.saturating_sub(text::width(&right) + 1),
    );
    let gap = width.saturating_sub(text::width(&left) + text::width(&right));
    let row2 = Line::from(vec![
        Span::styled(left, Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, Style::new().add_modifier(Modifier::BOLD)),
    ]);
    frame.render_widget(Paragraph::new(vec![row1, row2]), area);
}

/// "center  district  date" in `room` columns: the district goes first when it is
/// tight, then the center's name is shortened; the date is kept whole.
fn place(theme: Theme, center: &crate::session::Center, room: usize) -> String {
    let name = theme.line(&center.name);
    let date = theme.line(&center.date);
    let district = theme.line(&center.district);
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("  ")
    };
    let all = join(&[&name, &district, &date]);
    if text::width(&all) <= room {
        return all;
    }
    let tail = if date.trim().is_empty() {
        String::new()
    } else {
        format!("  {date}")
    };
    let name_room = room.saturating_sub(text::width(&tail));
    if name_room < 6 {
        return theme.fit(&join(&[&name, &date]), room);
    }
    format!("{}{tail}", theme.fit(&name, name_room))
}
