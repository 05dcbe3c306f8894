//! Glyphs, borders and styles in one place, in two sets: the default avoids
//! East-Asian-ambiguous-width symbols for markers; `--ascii` is plain ASCII throughout.
//! Without colour (NO_COLOR) only modifiers (bold, reversed, underline) are used.

use crate::app::Options;
use crate::text;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

pub struct Glyphs {
    pub cursor: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub unreviewed: &'static str,
    pub met: &'static str,
    pub deducted: &'static str,
    pub na: &'static str,
    pub note: &'static str,
    pub penalty_on: &'static str,
    pub penalty_off: &'static str,
}

/// Every symbol here has East-Asian width "N" (narrow everywhere), unlike ●✓○… or box lines.
const DEFAULT: Glyphs = Glyphs {
    cursor: "►",
    open: "▾",
    closed: "▸",
    unreviewed: "◦",
    met: "+",
    deducted: "−",
    na: "∅",
    note: "✎",
    penalty_on: "!",
    penalty_off: "◦",
};

const ASCII: Glyphs = Glyphs {
    cursor: ">",
    open: "-",
    closed: "+",
    unreviewed: ".",
    met: "v",
    deducted: "x",
    na: "/",
    note: "*",
    penalty_on: "!",
    penalty_off: ".",
};

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub ascii: bool,
    pub color: bool,
}

impl Theme {
    pub fn new(options: Options) -> Theme {
        Theme {
            ascii: options.ascii,
            color: options.color,
        }
    }

    pub fn glyphs(self) -> &'static Glyphs {
        if self.ascii { &ASCII } else { &DEFAULT }
    }

    pub fn border(self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn met(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn deducted(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn na(self) -> Style {
        if self.color {
            self.fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn penalty(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn cursor(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn error(self) -> Style {
        if self.color {
            self.fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
    pub fn dim(self) -> Style {
        if self.color {
            self.fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// User or standard text ready for one terminal line: unsafe characters replaced and,
    /// in ASCII mode, ambiguous-width punctuation (“” ‘’ … ·) swapped for ASCII.
    pub fn line(self, s: &str) -> String {
        let safe = text::safe_line(s);
        if !self.ascii {
            return safe;
        }
        safe.chars()
            .map(|c| match c {
                '“' | '”' => '"',
                '‘' | '’' => '\'',
                '…' => '~',
                '·' => '.',
                '—' | '–' => '-',
                c => c,
            })
            .collect()
    }

    /// `s` cut to `cols` columns (the cut marked with … or, in ASCII, ~).
    pub fn fit(self, s: &str, cols: usize) -> String {
        let cut = text::truncate(s, cols);
        if self.ascii && cut.ends_with('…') && !s.ends_with('…') {
            let mut c = cut;
            c.pop();
            c.push('~');
            c
        } else {
            cut
        }
    }

    /// Wrapped lines of (possibly multi-line) text, each made safe.
    pub fn wrap(self, s: &str, cols: usize) -> Vec<String> {
        text::safe_lines(s)
            .iter()
            .flat_map(|l| text::wrap(&self.line(l), cols))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn all(g: &Glyphs) -> [&'static str; 10] {
        [
            g.cursor,
            g.open,
            g.closed,
            g.unreviewed,
            g.met,
            g.deducted,
            g.na,
            g.note,
            g.penalty_on,
            g.penalty_off,
        ]
    }

    #[test]
    fn default_glyphs_are_never_ambiguous_width() {
        // Ambiguous characters are 1 column normally and 2 in a CJK context.
        for g in all(&DEFAULT) {
            assert_eq!(g.width(), 1, "{g}");
            assert_eq!(g.width_cjk(), 1, "{g} is ambiguous-width");
        }
    }

    #[test]
    fn ascii_set_is_ascii_and_distinct() {
        let a = all(&ASCII);
        assert!(a.iter().all(|g| g.is_ascii() && g.len() == 1));
        let b = ASCII_BORDER;
        for s in [
            b.top_left,
            b.vertical_left,
            b.horizontal_top,
            b.bottom_right,
        ] {
            assert!(s.is_ascii());
        }
        // Each item status reads differently.
        let statuses = [ASCII.unreviewed, ASCII.met, ASCII.deducted, ASCII.na];
        for (i, s) in statuses.iter().enumerate() {
            assert!(!statuses[i + 1..].contains(s));
        }
    }

    #[test]
    fn ascii_mode_swaps_ambiguous_punctuation() {
        let t = Theme {
            ascii: true,
            color: false,
        };
        assert_eq!(t.line("“一网通办”…"), "\"一网通办\"~");
        assert_eq!(t.fit("受理大厅环境", 7), "受理大~");
        let u = Theme {
            ascii: false,
            color: false,
        };
        assert_eq!(u.line("a\u{1b}b"), "a\u{FFFD}b");
    }
}
