//! The left pane: the standard as a tree, with running scores and item marks.
//! Only the rows that fit are laid out, so a huge standard costs no more per frame.

use super::Theme;
use crate::amount::fmt;
use crate::app::App;
use crate::app::tree::Node;
use crate::i18n::{self, L};
use crate::scoring::{ItemStatus, Scorecard};
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the visible rows; returns the scroll offset that keeps the cursor in view.
pub fn render(app: &App, card: &Scorecard, theme: Theme, frame: &mut Frame, area: Rect) -> usize {
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Line::from(format!(
            " {} ",
            i18n::t(app.options.lang, L::Tree)
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = app.rows();
    let height = inner.height as usize;
    let cursor = app.cursor();
    let at = rows.iter().position(|n| *n == cursor).unwrap_or(0);
    // Keep the cursor in view with the least scrolling.
    let mut offset = app.tree_offset.min(rows.len().saturating_sub(height));
    if at < offset {
        offset = at;
    } else if height > 0 && at >= offset + height {
        offset = at + 1 - height;
    }
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, node)| row(app, card, theme, *node, i == at, inner.width as usize))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    offset
}

/// One row: cursor marker, indent, expander or status glyph, id, title … right-aligned score.
fn row<'a>(
    app: &App,
    card: &Scorecard,
    theme: Theme,
    node: Node,
    selected: bool,
    width: usize,
) -> Line<'a> {
    let s = &app.loaded.standard;
    let g = theme.glyphs();
    let id = node.id(s);
    let (glyph, glyph_style, right) = match node {
        Node::Category(c) => {
            let cat = &card.categories[c];
            let open = app.session.view.expanded.iter().any(|e| e == id);
            let mark = if open { g.open } else { g.closed };
            (
                mark,
                Style::new(),
                format!("{}/{}", fmt(cat.score), fmt(cat.points)),
            )
        }
        Node::Indicator(c, i) => {
            let ind = &card.categories[c].indicators[i];
            let open = app.session.view.expanded.iter().any(|e| e == id);
            let mark = if open { g.open } else { g.closed };
            (
                mark,
                Style::new(),
                format!("{}/{}", fmt(ind.score), fmt(ind.points)),
            )
        }
        Node::Item(c, i, t) => {
            let item = &card.categories[c].indicators[i].items[t];
            let note = note_mark(item.note, g.note);
            match item.status {
                ItemStatus::Unreviewed => (g.unreviewed, Style::new(), note.trim_start().into()),
                ItemStatus::Met => (g.met, theme.met(), note.trim_start().into()),
                ItemStatus::Na => (g.na, theme.na(), note.trim_start().into()),
                ItemStatus::Deducted(d) => {
                    (g.deducted, theme.deducted(), format!("-{}{note}", fmt(d)))
                }
            }
        }
        Node::Penalties => {
            let open = app.session.view.expanded.iter().any(|e| e == id);
            let mark = if open { g.open } else { g.closed };
            let right = if card.penalty.is_zero() {
                "0".to_string()
            } else {
                format!("-{}", fmt(card.penalty))
            };
            (mark, Style::new(), right)
        }
        Node::Penalty(p) => {
            let pen = &card.penalties[p];
            let note = note_mark(pen.note, g.note);
            if pen.triggered {
                (
                    g.penalty_on,
                    theme.penalty(),
                    format!("-{}{note}", fmt(pen.points)),
                )
            } else {
                (g.penalty_off, Style::new(), note.trim_start().to_string())
            }
        }
    };
    let marker = if selected { g.cursor } else { " " };
    let indent = "  ".repeat(node.depth(s));
    let prefix = format!("{marker} {indent}");
    let name = format!(" {} {}", id, theme.line(node.title(s)));
    let fixed = text::width(&prefix) + text::width(glyph);
    let right_w = text::width(&right);
    let room = width.saturating_sub(fixed + right_w + 1);
    let name = theme.fit(&name, room);
    let gap = width.saturating_sub(fixed + text::width(&name) + right_w);
    let right_style = match node {
        Node::Item(..) | Node::Penalty(_) => glyph_style,
        _ => Style::new(),
    };
    let line = Line::from(vec![
        Span::raw(prefix),
        Span::styled(glyph, glyph_style),
        Span::raw(name),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, right_style),
    ]);
    if selected {
        line.style(theme.cursor())
    } else {
        line
    }
}

/// " ✎" when there is a note, "" otherwise.
fn note_mark(note: &str, glyph: &str) -> String {
    if note.trim().is_empty() {
        String::new()
    } else {
        format!(" {glyph}")
    }
}
