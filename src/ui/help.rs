//! The `?` overlay: every key, generated from the keymap tables and the actions' help text.

use super::{Theme, centered};
use crate::app::{App, KeyContext, Mode};
use crate::i18n::{self, L};
use crate::{keymap, text};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The help text: one section per key context, one line per binding.
pub fn lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let lang = app.options.lang;
    let sections = [
        (L::HelpBrowse, KeyContext::Browse),
        (L::HelpPrompt, KeyContext::Prompt),
        (L::HelpNote, KeyContext::Note),
        (L::HelpOverlay, KeyContext::Overlay),
    ];
    let mut out = Vec::new();
    for (title, context) in sections {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(
            i18n::t(lang, title).to_string(),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ));
        for b in keymap::table(context) {
            let keys = keymap::keys_label(b, theme.ascii);
            out.push(Line::from(vec![
                Span::styled(text::pad(&keys, 16), theme.key()),
                Span::raw(i18n::help(lang, b.action).to_string()),
            ]));
        }
    }
    out
}

pub fn render(app: &mut App, theme: Theme, frame: &mut Frame, body: Rect) {
    let all = lines(app, theme);
    let area = centered(body, 64, body.height);
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Line::styled(
            format!(" {} ", i18n::t(app.options.lang, L::HelpTitle)),
            theme.title(),
        ));
    let visible = block.inner(area).height as usize;
    let Mode::Help { scroll } = &mut app.mode else {
        return;
    };
    *scroll = (*scroll).min(all.len().saturating_sub(visible));
    let shown: Vec<Line> = all.into_iter().skip(*scroll).collect();
    crate::ui::clear(frame.buffer_mut(), area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Options;
    use crate::cli::Lang;
    use crate::standard::Standard;

    #[test]
    fn help_lists_every_binding_with_its_text() {
        let loaded = Standard::embedded();
        let session = crate::session::Session::new(Default::default(), &loaded, "now");
        let options = Options {
            lang: Lang::En,
            ascii: true,
            color: false,
        };
        let app = App::new(loaded, session, "x".into(), options, false, vec![]);
        let text: Vec<String> = lines(&app, Theme::new(options))
            .iter()
            .map(|l| l.to_string())
            .collect();
        for ctx in [
            KeyContext::Browse,
            KeyContext::Prompt,
            KeyContext::Note,
            KeyContext::Overlay,
        ] {
            for b in keymap::table(ctx) {
                let keys = keymap::keys_label(b, true);
                let want = format!("{}{}", text::pad(&keys, 16), b.action.doc());
                assert!(text.contains(&want), "missing help line {want:?}");
            }
        }
        assert!(text.contains(&format!(
            "{}Mark met and move to the next item",
            text::pad("y/Space", 16)
        )));
    }
}
