//! The right pane: everything about the row under the cursor, wrapped to the pane
//! (Chinese wraps between characters; nothing is split or lost at the border).
//! When it is longer than the pane it scrolls (PgDn/PgUp, Shift-↓/↑): the standard's
//! full text, then the mark and the note. The bottom border then says where the pane is,
//! "▾ 12/30" (more below; last line shown / all lines) or "▴ 30/30" (at the end).

use super::Theme;
use crate::amount::fmt;
use crate::app::tree::Node;
use crate::app::{App, DetailScroll};
use crate::cli::Lang;
use crate::i18n::{self, L};
use crate::scoring::{ItemStatus, Scorecard};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the pane at the app's scroll (clamped to the content) and returns the scroll
/// as drawn, with the page and the limit this frame measured.
pub fn render(
    app: &App,
    card: &Scorecard,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> DetailScroll {
    let lang = app.options.lang;
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Line::from(format!(" {} ", i18n::t(lang, L::Detail))));
    let inner = block.inner(area);
    let lines = lines(app, card, theme, inner.width);
    let page = inner.height as usize;
    let max = lines.len().saturating_sub(page);
    let offset = app.detail.offset.min(max);
    let block = match position(theme, offset, page, lines.len()) {
        Some(mark) => block.title_bottom(Line::from(mark).right_aligned()),
        None => block,
    };
    frame.render_widget(block, area);
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    DetailScroll { offset, page, max }
}

/// " ▾ 12/30 " while more is below, " ▴ 30/30 " at the end of a scrolled pane, else none.
/// Both triangles are East-Asian narrow (unlike ↓ or ▼); ASCII uses v and ^.
fn position(theme: Theme, offset: usize, page: usize, total: usize) -> Option<String> {
    if total <= page || page == 0 {
        return None;
    }
    let last = (offset + page).min(total);
    let arrow = match (last < total, theme.ascii) {
        (true, false) => "▾",
        (true, true) => "v",
        (false, false) => "▴",
        (false, true) => "^",
    };
    Some(format!(" {arrow} {last}/{total} "))
}

/// Everything about the node under the cursor, wrapped to `width` columns.
fn lines(app: &App, card: &Scorecard, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let lang = app.options.lang;
    let mut out = Out {
        lines: Vec::new(),
        cols: width.max(2) as usize,
        theme,
    };
    let s = &app.loaded.standard;
    let node = app.cursor();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    out.text(&format!("{} {}", node.id(s), node.title(s)), theme.title());
    match node {
        Node::Category(c) => {
            let cat = &card.categories[c];
            out.score(lang, cat.score, cat.points);
            out.blank();
            for ind in &cat.indicators {
                let line = format!(
                    "{} {}  {}/{}",
                    ind.id,
                    ind.title,
                    fmt(ind.score),
                    fmt(ind.points)
                );
                out.text(&line, Style::new());
            }
        }
        Node::Indicator(c, i) => {
            let ind = &card.categories[c].indicators[i];
            out.text(
                &format!(
                    "{}{} {}",
                    i18n::label(lang, L::Category),
                    card.categories[c].id,
                    card.categories[c].title
                ),
                Style::new(),
            );
            out.score(lang, ind.score, ind.points);
            out.blank();
            for item in &ind.items {
                let line = format!(
                    "{} {}  {}",
                    item.id,
                    item.title,
                    status_text(lang, item.status)
                );
                out.text(&line, Style::new());
            }
        }
        Node::Item(c, i, t) => {
            let cat = &card.categories[c];
            let ind = &cat.indicators[i];
            let item = &ind.items[t];
            out.text(
                &format!("{}{} {}", i18n::label(lang, L::Category), cat.id, cat.title),
                Style::new(),
            );
            let indicator = format!(
                "{}{} {}  {}/{}",
                i18n::label(lang, L::Indicator),
                ind.id,
                ind.title,
                fmt(ind.score),
                fmt(ind.points)
            );
            out.text(&indicator, Style::new());
            out.blank();
            out.text(&s.categories[c].indicators[i].items[t].text, Style::new());
            out.blank();
            let style = match item.status {
                ItemStatus::Met => theme.met(),
                ItemStatus::Deducted(_) => theme.deducted(),
                ItemStatus::Na => theme.na(),
                ItemStatus::Unreviewed => bold,
            };
            out.pair(
                &i18n::label(lang, L::Mark),
                &status_text(lang, item.status),
                style,
            );
            out.note(lang, item.note);
        }
        Node::Penalties => {
            out.text(
                &format!("{}{}", i18n::label(lang, L::Rule), s.penalties.rule),
                Style::new(),
            );
            out.blank();
            let now = if card.penalty.is_zero() {
                "0".into()
            } else {
                format!("-{}", fmt(card.penalty))
            };
            out.pair(&i18n::label(lang, L::Penalty), &now, theme.penalty());
        }
        Node::Penalty(p) => {
            let pen = &card.penalties[p];
            out.text(
                &format!("{}-{}", i18n::label(lang, L::Points), fmt(pen.points)),
                Style::new(),
            );
            out.blank();
            out.text(&s.penalties.items[p].text, Style::new());
            out.blank();
            let (state, style) = if pen.triggered {
                (i18n::t(lang, L::Triggered), theme.penalty())
            } else {
                (i18n::t(lang, L::NotTriggered), bold)
            };
            out.pair(&i18n::label(lang, L::Mark), state, style);
            out.note(lang, pen.note);
        }
    }
    out.lines
}

/// "未评", "符合", "扣 1.5 分", "不适用".
pub fn status_text(lang: Lang, status: ItemStatus) -> String {
    match status {
        ItemStatus::Unreviewed => i18n::t(lang, L::Unreviewed).into(),
        ItemStatus::Met => i18n::t(lang, L::Met).into(),
        ItemStatus::Na => i18n::t(lang, L::Na).into(),
        ItemStatus::Deducted(d) => i18n::deducted(lang, &fmt(d)),
    }
}

/// Lines being built, wrapped to the pane's width.
struct Out {
    lines: Vec<Line<'static>>,
    cols: usize,
    theme: Theme,
}

impl Out {
    fn text(&mut self, s: &str, style: Style) {
        for l in self.theme.wrap(s, self.cols) {
            self.lines.push(Line::styled(l, style));
        }
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn score(&mut self, lang: Lang, score: rust_decimal::Decimal, points: rust_decimal::Decimal) {
        let line = format!(
            "{}{} / {}",
            i18n::label(lang, L::Score),
            fmt(score),
            fmt(points)
        );
        self.text(&line, Style::new().add_modifier(Modifier::BOLD));
    }

    /// "label: value" with the value styled (kept on one line when it fits).
    fn pair(&mut self, label: &str, value: &str, style: Style) {
        let whole = format!("{label}{value}");
        if crate::text::width(&whole) <= self.cols {
            self.lines.push(Line::from(vec![
                Span::raw(label.to_string()),
                Span::styled(value.to_string(), style),
            ]));
        } else {
            self.text(&whole, style);
        }
    }

    fn note(&mut self, lang: Lang, note: &str) {
        self.lines.push(Line::styled(
            i18n::label(lang, L::Note).trim_end().to_string(),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        if note.trim().is_empty() {
            let dim = self.theme.dim();
            self.text(i18n::t(lang, L::NoNote), dim);
        } else {
            self.text(note, Style::new());
        }
    }
}
