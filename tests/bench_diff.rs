//! Checks the harness's "minimum bytes" arithmetic (benches/terminal/diff.rs), which every
//! sent / minimum ratio in BENCHMARKS.md rests on.

#[path = "../benches/terminal/diff.rs"]
mod diff;

use diff::{Breakdown, Change, breakdown, cup_len, minimum};
use std::num::NonZeroU16;
use vt100::Screen;

fn screen(bytes: &[u8]) -> Screen {
    let n = |v| NonZeroU16::new(v).unwrap_or(NonZeroU16::MIN);
    let mut p = vt100::Parser::new(n(4), n(20), 0);
    p.process(bytes);
    p.screen().clone()
}

#[test]
fn one_cursor_move_per_run_plus_the_utf8_of_the_new_characters() {
    let a = screen(b"abc\r\nxyz");
    let b = screen("abX\r\nx\u{8bc4}z".as_bytes());
    // Row 0: "X" at column 3: ESC[1;3H (6 bytes) + 1.
    // Row 1: columns 2-4 change: ESC[2;2H (6) + "评" (3) + its right half (0) + "z" (1).
    assert_eq!(
        minimum(&a, &b),
        Change {
            cells: 4,
            runs: 2,
            min_bytes: 6 + 1 + 6 + 3 + 1
        }
    );
}

#[test]
fn identical_screens_need_nothing() {
    let a = screen(b"same");
    assert_eq!(minimum(&a, &a.clone()), Change::default());
}

#[test]
fn an_attribute_change_counts_the_cell_but_not_its_sgr_bytes() {
    let a = screen(b"ab");
    let b = screen(b"\x1b[7ma\x1b[0mb");
    assert_eq!(
        minimum(&a, &b),
        Change {
            cells: 1,
            runs: 1,
            min_bytes: 6 + 1
        }
    );
}

#[test]
fn a_blank_cell_costs_one_space() {
    let a = screen(b"abc");
    let b = screen(b"a c");
    assert_eq!(minimum(&a, &b).min_bytes, cup_len(0, 1) + 1);
}

#[test]
fn cursor_move_length_counts_digits() {
    assert_eq!(cup_len(0, 0), 6); // ESC [ 1 ; 1 H
    assert_eq!(cup_len(59, 199), 9); // ESC [ 60 ; 200 H
}

#[test]
fn breakdown_sorts_output_into_moves_colours_other_and_text() {
    let out = "\x1b[3;7H\x1b[38;5;2m评a\x1b[0m\x1b[?25h".as_bytes();
    assert_eq!(
        breakdown(out),
        Breakdown {
            moves: 6,
            redundant_moves: 0,
            sgr: 9 + 4,
            other: 6,
            text: 4
        }
    );
}

#[test]
fn a_move_to_just_after_a_wide_character_is_redundant() {
    // "评" at column 1 leaves the cursor at column 3: the second move goes nowhere, the
    // third goes one column further.
    let out = "\x1b[1;1H评\x1b[1;3Hx\x1b[1;5Hy".as_bytes();
    let b = breakdown(out);
    assert_eq!(b.moves, 18);
    assert_eq!(b.redundant_moves, 6);
}
