//! The fewest bytes that turn one screen into another, as issue 6 defines it: for each run of
//! changed cells on a row, one cursor move (the real bytes of `ESC [ row ; col H`) plus the
//! UTF-8 of the new characters. Colour and attribute changes count as changed cells but their
//! SGR bytes are not added, so the minimum is a floor, never an overestimate.

use vt100::{Cell, Screen};

/// What changed between two screens of the same size.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub cells: usize,
    pub runs: usize,
    pub min_bytes: usize,
}

pub fn minimum(before: &Screen, after: &Screen) -> Change {
    let (rows, cols) = after.size();
    let (rows, cols) = (rows.get(), cols.get());
    let mut change = Change::default();
    for row in 0..rows {
        let mut in_run = false;
        for col in 0..cols {
            let (Some(new), old) = (after.cell(row, col), before.cell(row, col)) else {
                continue;
            };
            if old.is_some_and(|old| same(old, new)) {
                in_run = false;
                continue;
            }
            change.cells += 1;
            if !in_run {
                change.runs += 1;
                change.min_bytes += cup_len(row, col);
                in_run = true;
            }
            change.min_bytes += glyph_len(new);
        }
    }
    change
}

/// Bytes of the cursor-position sequence to 0-based (row, col): ESC [ r ; c H.
pub fn cup_len(row: u16, col: u16) -> usize {
    4 + digits(row + 1) + digits(col + 1)
}

fn digits(n: u16) -> usize {
    n.to_string().len()
}

/// Bytes a cell's character costs: its UTF-8, a space for a blank, nothing for the right half
/// of a wide character (it came with the left half).
fn glyph_len(cell: &Cell) -> usize {
    if cell.is_wide_continuation() {
        0
    } else if cell.has_contents() {
        cell.contents().len()
    } else {
        1
    }
}

fn same(a: &Cell, b: &Cell) -> bool {
    a.contents() == b.contents()
        && a.is_wide() == b.is_wide()
        && a.is_wide_continuation() == b.is_wide_continuation()
        && a.fgcolor() == b.fgcolor()
        && a.bgcolor() == b.bgcolor()
        && a.bold() == b.bold()
        && a.dim() == b.dim()
        && a.italic() == b.italic()
        && a.underline() == b.underline()
        && a.inverse() == b.inverse()
}

/// Where a stretch of terminal output went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Breakdown {
    /// Cursor positioning (CSI … H / G / d / A-D).
    pub moves: usize,
    /// Of `moves`, those to where the cursor already was: after printing a wide (CJK)
    /// character it stands two columns on, and a backend that counts columns by width would
    /// not send these.
    pub redundant_moves: usize,
    /// Colours and attributes (CSI … m).
    pub sgr: usize,
    /// Every other control sequence (cursor shown/hidden, modes, clears).
    pub other: usize,
    /// Printable characters.
    pub text: usize,
}

/// Splits `bytes` into cursor moves, SGR, other sequences and text, following the cursor
/// through absolute moves (CSI r;c H) and printed text to spot moves that go nowhere.
pub fn breakdown(bytes: &[u8]) -> Breakdown {
    let mut b = Breakdown::default();
    let mut cursor: Option<(u16, u16)> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && !(0x40..=0x7e).contains(&bytes[j]) {
                j += 1;
            }
            let len = (j + 1).min(bytes.len()) - i;
            match bytes.get(j) {
                Some(b'H' | b'f') => {
                    b.moves += len;
                    let target = cup_target(&bytes[i + 2..j]);
                    if target.is_some() && target == cursor {
                        b.redundant_moves += len;
                    }
                    cursor = target;
                }
                Some(b'G' | b'd' | b'A' | b'B' | b'C' | b'D') => {
                    b.moves += len;
                    cursor = None;
                }
                Some(b'm') => b.sgr += len,
                _ => b.other += len,
            }
            i += len;
        } else if bytes[i] == 0x1b || bytes[i] < 0x20 {
            b.other += 1;
            cursor = None;
            i += 1;
        } else {
            let end = (i + 1..=bytes.len())
                .find(|&e| e == bytes.len() || bytes[e] == 0x1b || bytes[e] < 0x20)
                .unwrap_or(bytes.len());
            let text = String::from_utf8_lossy(&bytes[i..end]);
            b.text += end - i;
            if let Some((_, col)) = cursor.as_mut() {
                *col += unicode_width::UnicodeWidthStr::width(text.as_ref()) as u16;
            }
            i = end;
        }
    }
    b
}

/// The 0-based (row, col) a CSI r;c H names (defaults 1).
fn cup_target(params: &[u8]) -> Option<(u16, u16)> {
    let text = std::str::from_utf8(params).ok()?;
    let mut parts = text.split(';');
    let num = |p: Option<&str>| -> Option<u16> {
        match p {
            None | Some("") => Some(1),
            Some(v) => v.parse().ok(),
        }
    };
    let row = num(parts.next())?;
    let col = num(parts.next())?;
    Some((row.saturating_sub(1), col.saturating_sub(1)))
}
