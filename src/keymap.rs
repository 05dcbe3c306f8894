//! The keys, as data: one table per key context. Dispatch, the footer hints and the
//! `?` help are all read from these tables, so they cannot disagree.

use crate::app::{Action, KeyContext};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key: a code and its modifiers (Shift is folded into the character for letters,
/// and kept for the other keys, e.g. Shift-↓).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// Keys bound to one action; `hint` puts it in the footer.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub hint: bool,
}

const fn b(keys: &'static [Key], action: Action, hint: bool) -> Binding {
    Binding { keys, action, hint }
}

use Action as A;

const DIGITS: &[Key] = &[
    k('0'),
    k('1'),
    k('2'),
    k('3'),
    k('4'),
    k('5'),
    k('6'),
    k('7'),
    k('8'),
    k('9'),
];

pub const BROWSE: &[Binding] = &[
    b(&[code(KeyCode::Up), k('k')], A::Up, false),
    b(&[code(KeyCode::Down), k('j')], A::Down, false),
    b(&[code(KeyCode::Left), k('h')], A::Collapse, false),
    b(&[code(KeyCode::Right), k('l')], A::Expand, false),
    b(&[code(KeyCode::Enter)], A::Toggle, false),
    b(&[k('g'), code(KeyCode::Home)], A::First, false),
    b(&[k('G'), code(KeyCode::End)], A::Last, false),
    b(&[code(KeyCode::Tab)], A::NextUnreviewed, true),
    b(&[k('y'), k(' ')], A::MarkMet, true),
    b(&[k('d')], A::Deduct, true),
    b(DIGITS, A::DeductDigit, false),
    b(&[k('+'), k('=')], A::Raise, false),
    b(&[k('-')], A::Lower, false),
    b(&[k('Y')], A::MarkAllMet, false),
    b(&[k('a')], A::MarkNa, true),
    b(
        &[code(KeyCode::Backspace), code(KeyCode::Delete)],
        A::ClearMark,
        false,
    ),
    b(&[k('e')], A::EditNote, true),
    b(&[k('t')], A::TogglePenalty, false),
    b(&[k('u')], A::Undo, true),
    b(&[ctrl('r')], A::Redo, false),
    b(&[k(':')], A::Jump, false),
    b(&[k('/')], A::Search, true),
    b(&[k('n')], A::NextMatch, false),
    b(&[k('N')], A::PrevMatch, false),
    b(&[k('r')], A::Preview, true),
    b(&[code(KeyCode::PageDown)], A::DetailPageDown, true),
    b(&[code(KeyCode::PageUp)], A::DetailPageUp, false),
    b(&[shift(KeyCode::Down)], A::DetailLineDown, false),
    b(&[shift(KeyCode::Up)], A::DetailLineUp, false),
    b(&[k('F')], A::Finalize, false),
    b(&[k('?')], A::Help, true),
    b(&[k('q'), ctrl('c')], A::Quit, true),
];

pub const PROMPT: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, true),
    b(&[code(KeyCode::Esc)], A::Cancel, true),
    b(&[ctrl('c')], A::Quit, false),
];

/// Every other key goes to the text area.
pub const NOTE: &[Binding] = &[
    b(&[code(KeyCode::Esc), ctrl('s')], A::CloseNote, true),
    b(&[ctrl('c')], A::Quit, false),
];

pub const OVERLAY: &[Binding] = &[
    b(&[code(KeyCode::Up), k('k')], A::ScrollUp, true),
    b(&[code(KeyCode::Down), k('j')], A::ScrollDown, true),
    b(&[code(KeyCode::PageUp), ctrl('b')], A::PageUp, false),
    b(
        &[code(KeyCode::PageDown), k(' '), ctrl('f')],
        A::PageDown,
        true,
    ),
    b(
        &[code(KeyCode::Esc), k('q'), k('?'), k('r')],
        A::Close,
        true,
    ),
    b(&[ctrl('c')], A::Quit, false),
];

pub fn table(context: KeyContext) -> &'static [Binding] {
    match context {
        KeyContext::Browse => BROWSE,
        KeyContext::Prompt => PROMPT,
        KeyContext::Note => NOTE,
        KeyContext::Overlay => OVERLAY,
    }
}

/// The key as the tables spell it: Shift folded into characters, other modifiers kept.
pub fn normalize(event: &KeyEvent) -> Key {
    let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    if !matches!(event.code, KeyCode::Char(_)) {
        mods |= event.modifiers & KeyModifiers::SHIFT;
    }
    let code = match event.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        KeyCode::BackTab => {
            mods |= KeyModifiers::SHIFT;
            KeyCode::Tab
        }
        other => other,
    };
    Key { code, mods }
}

/// The action `event` triggers in `context`, if any. A shifted key the table lacks acts
/// as the plain key (Shift-← collapses like ←), as it did before Shift-↓ was bound;
/// Shift-Tab is not Tab (it would send "next unreviewed" the wrong way).
pub fn lookup(context: KeyContext, event: &KeyEvent) -> Option<Action> {
    let key = normalize(event);
    let find = |key: Key| {
        table(context)
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    };
    find(key).or_else(|| {
        let plain = Key {
            code: key.code,
            mods: key.mods - KeyModifiers::SHIFT,
        };
        (plain != key && key.code != KeyCode::Tab)
            .then(|| find(plain))
            .flatten()
    })
}

/// How a key is written in hints and help. Arrows are ambiguous-width, so ASCII spells them out.
pub fn label(key: Key, ascii: bool) -> String {
    let base = match key.code {
        KeyCode::Up if ascii => "Up".into(),
        KeyCode::Down if ascii => "Down".into(),
        KeyCode::Left if ascii => "Left".into(),
        KeyCode::Right if ascii => "Right".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else if key.mods.contains(KeyModifiers::SHIFT) {
        format!("Shift-{base}")
    } else {
        base
    }
}

/// All of a binding's keys, e.g. "↑/k" (the digits as "0-9").
pub fn keys_label(binding: &Binding, ascii: bool) -> String {
    if binding.action == Action::DeductDigit {
        return "0-9".into();
    }
    binding
        .keys
        .iter()
        .map(|k| label(*k, ascii))
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for ctx in [
            KeyContext::Browse,
            KeyContext::Prompt,
            KeyContext::Note,
            KeyContext::Overlay,
        ] {
            let keys: Vec<Key> = table(ctx)
                .iter()
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(a),
                    "{ctx:?}: {} is bound twice",
                    label(*a, true)
                );
            }
        }
    }

    #[test]
    fn shifted_letters_and_ctrl_keys_resolve() {
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(KeyContext::Browse, &shift_g), Some(Action::Last));
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(lookup(KeyContext::Browse, &ctrl_r), Some(Action::Redo));
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(lookup(KeyContext::Browse, &r), Some(Action::Preview));
        let seven = KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE);
        assert_eq!(
            lookup(KeyContext::Browse, &seven),
            Some(Action::DeductDigit)
        );
        let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(lookup(KeyContext::Browse, &x), None);
    }

    #[test]
    fn shift_arrows_scroll_the_detail_and_other_shifted_keys_act_plain() {
        let key = |code, mods| KeyEvent::new(code, mods);
        let browse = |e: KeyEvent| lookup(KeyContext::Browse, &e);
        let shift = KeyModifiers::SHIFT;
        let none = KeyModifiers::NONE;
        assert_eq!(
            browse(key(KeyCode::Down, shift)),
            Some(Action::DetailLineDown)
        );
        assert_eq!(browse(key(KeyCode::Up, shift)), Some(Action::DetailLineUp));
        assert_eq!(browse(key(KeyCode::Down, none)), Some(Action::Down));
        assert_eq!(
            browse(key(KeyCode::PageDown, none)),
            Some(Action::DetailPageDown)
        );
        assert_eq!(
            browse(key(KeyCode::PageUp, none)),
            Some(Action::DetailPageUp)
        );
        assert_eq!(browse(key(KeyCode::Enter, shift)), Some(Action::Toggle));
        assert_eq!(browse(key(KeyCode::Left, shift)), Some(Action::Collapse));
        assert_eq!(browse(key(KeyCode::BackTab, shift)), None);
        // In an overlay Shift-↓ still scrolls the overlay by a line.
        assert_eq!(
            lookup(KeyContext::Overlay, &key(KeyCode::Down, shift)),
            Some(Action::ScrollDown)
        );
        assert_eq!(label(super::shift(KeyCode::Down), false), "Shift-↓");
        assert_eq!(label(super::shift(KeyCode::Down), true), "Shift-Down");
    }

    #[test]
    fn labels_are_ascii_when_asked() {
        assert_eq!(keys_label(&BROWSE[0], false), "↑/k");
        assert_eq!(keys_label(&BROWSE[0], true), "Up/k");
        assert_eq!(label(ctrl('r'), true), "Ctrl-R");
    }
}
