//! Styles and small drawing helpers shared by the picker and the form.
//!
//! Colour only ever repeats what text already says (a `>` marker, a "损坏" word), so the
//! screens read the same under NO_COLOR and on a monochrome terminal.

use crate::app::Options;
use crate::text;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The same border set as the assessment screen (plain ASCII under `--ascii`).
pub fn border_set(options: Options) -> border::Set<'static> {
    crate::ui::theme::Theme::new(options).border()
}

/// The rule under the table header.
pub fn rule(options: Options, cols: usize) -> String {
    let c = if options.ascii { "-" } else { "─" };
    c.repeat(cols)
}

/// `s` made safe and fitted to exactly `cols` columns (cut with a marker when too wide).
pub fn fit(s: &str, cols: usize, options: Options) -> String {
    let safe = text::safe_line(s);
    if text::width(&safe) <= cols {
        return text::pad(&safe, cols);
    }
    let cut = text::truncate(&safe, cols);
    let cut = if options.ascii {
        // `…` is ambiguous-width: some clients draw it two columns wide.
        let mut c = cut;
        c.pop();
        c.push('~');
        c
    } else {
        cut
    };
    text::pad(&cut, cols)
}

/// Like [`fit`], right-aligned.
pub fn fit_right(s: &str, cols: usize, options: Options) -> String {
    let f = fit(s, cols, options);
    let trimmed = f.trim_end();
    text::pad_left(trimmed, cols)
}

pub fn selected(options: Options) -> Style {
    let s = Style::new().add_modifier(Modifier::REVERSED);
    if options.color {
        s.add_modifier(Modifier::BOLD)
    } else {
        s
    }
}

pub fn error(options: Options) -> Style {
    if options.color {
        Style::new().fg(Color::Red)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

pub fn dim(options: Options) -> Style {
    if options.color {
        Style::new().fg(Color::DarkGray)
    } else {
        Style::new()
    }
}

pub fn header(options: Options) -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD);
    if options.color { s.fg(Color::Cyan) } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lang;

    const ASCII: Options = Options {
        lang: Lang::Zh,
        ascii: true,
        color: false,
    };

    #[test]
    fn fit_cuts_by_columns_and_marks_the_cut_in_ascii() {
        assert_eq!(fit("徐汇区中心", 7, ASCII), "徐汇区~");
        assert_eq!(fit("ab", 4, ASCII), "ab  ");
        assert_eq!(fit_right("87.5", 6, ASCII), "  87.5");
        assert_eq!(fit("a\u{1b}[2Jb", 6, ASCII), "a\u{FFFD}[2Jb");
    }
}
