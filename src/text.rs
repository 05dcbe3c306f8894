//! Text made safe and measured for the terminal and for reports.
//!
//! Notes and names may hold anything (escape sequences, bidi overrides, NUL, tabs).
//! They are stored verbatim; everything that shows them goes through here first.
//! Widths come from `unicode-width`: a CJK character takes two columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shown in place of a control or invisible formatting character.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// True for characters that must never reach a terminal or a report raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}'               // Arabic letter mark: a bidi control
            | '\u{200B}'..='\u{200F}' // zero-width spaces, LRM/RLM
            | '\u{2028}'..='\u{202E}' // line/paragraph separators, bidi embeddings/overrides
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}')
}

/// One line of safe text: tabs become a space, every other unsafe character the placeholder.
/// Newlines are unsafe here too: use [`safe_lines`] to keep them.
pub fn safe_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{200D}' => c, // zero-width joiner: part of emoji sequences, harmless
            c if is_unsafe(c) => PLACEHOLDER,
            c => c,
        })
        .collect()
}

/// Safe text split into lines on `\n` (a `\r\n` counts as one break; a lone `\r` is unsafe).
pub fn safe_lines(s: &str) -> Vec<String> {
    s.split('\n')
        .map(|l| safe_line(l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces on the right to exactly `cols` columns (truncating if longer).
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Pads on the left (right-aligns) to `cols` columns.
pub fn pad_left(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{}{t}", " ".repeat(cols.saturating_sub(w)))
}

/// Wraps one line of text to `cols` columns. ASCII words are kept whole where they fit;
/// CJK text breaks between any two characters. No character is ever split or lost.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut word = String::new();
    let mut word_w = 0;
    let flush_word = |line: &mut String,
                      used: &mut usize,
                      word: &mut String,
                      word_w: &mut usize,
                      lines: &mut Vec<String>| {
        if word.is_empty() {
            return;
        }
        if *used + *word_w > cols && *used > 0 {
            lines.push(std::mem::take(line).trim_end().to_string());
            *used = 0;
        }
        for c in word.chars() {
            let w = char_width(c);
            if *used + w > cols {
                lines.push(std::mem::take(line));
                *used = 0;
            }
            line.push(c);
            *used += w;
        }
        word.clear();
        *word_w = 0;
    };
    for c in s.chars() {
        let w = char_width(c);
        if c.is_ascii_alphanumeric() || (c.is_ascii_punctuation() && !word.is_empty()) {
            word.push(c);
            word_w += w;
            continue;
        }
        flush_word(&mut line, &mut used, &mut word, &mut word_w, &mut lines);
        if c == ' ' && used == 0 && !lines.is_empty() {
            continue; // no leading space on a continuation line
        }
        if used + w > cols {
            // 避头: a closing mark never starts a line; the character before it comes along.
            let carry = match line.chars().last() {
                Some(last)
                    if no_line_start(c)
                        && !last.is_whitespace()
                        && line.chars().nth(1).is_some() =>
                {
                    line.pop()
                }
                _ => None,
            };
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
            if let Some(p) = carry {
                line.push(p);
                used += char_width(p);
            }
            if c == ' ' {
                continue;
            }
        }
        line.push(c);
        used += w;
    }
    flush_word(&mut line, &mut used, &mut word, &mut word_w, &mut lines);
    lines.push(line);
    lines
}

/// Chinese closing punctuation, which typesetting never puts at the start of a line.
fn no_line_start(c: char) -> bool {
    "，。、；：！？）」』”’》〉】〕".contains(c)
}

/// Wraps multi-line text: each line made safe, then wrapped.
pub fn wrap_text(s: &str, cols: usize) -> Vec<String> {
    safe_lines(s).iter().flat_map(|l| wrap(l, cols)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_become_placeholders() {
        assert_eq!(safe_line("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(safe_line("x\u{0}y\u{202E}z\tw"), "x\u{FFFD}y\u{FFFD}z w");
        assert_eq!(safe_line("👩\u{200D}💻"), "👩\u{200D}💻");
        assert_eq!(
            safe_line("a\u{061C}b\u{2066}c\u{9B}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(safe_lines("一\r\n二\n三"), vec!["一", "二", "三"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        assert_eq!(wrap("一二三，四", 6), vec!["一二", "三，四"]);
        assert_eq!(wrap("扣分项”，最高", 6), vec!["扣分", "项”，", "最高"]);
        assert_eq!(wrap("一二三四", 6), vec!["一二三", "四"]);
        assert_eq!(wrap("一，", 2), vec!["一", "，"]);
    }

    #[test]
    fn width_counts_cjk_as_two() {
        assert_eq!(width("受理大厅"), 8);
        assert_eq!(width("ab受理"), 6);
        assert_eq!(pad("受理", 6), "受理  ");
        assert_eq!(pad_left("10.5", 6), "  10.5");
        assert_eq!(truncate("受理大厅环境", 7), "受理大…");
    }

    #[test]
    fn wrap_never_splits_or_loses_characters() {
        let s = "应建立受理中心培训制度，明确受理中心组织培训和参加外训的要求abc defghij";
        for cols in 2..30 {
            let lines = wrap(s, cols);
            for l in &lines {
                assert!(width(l) <= cols, "{l:?} wider than {cols}");
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let orig: String = s.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, orig, "cols {cols}");
        }
        assert_eq!(wrap("受理大厅环境", 5), vec!["受理", "大厅", "环境"]);
        assert_eq!(wrap("hello world", 8), vec!["hello", "world"]);
    }
}
