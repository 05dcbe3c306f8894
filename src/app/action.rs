//! What the assessor can ask for (`Action`) and which screen state keys are routed by (`Mode`).
//!
//! Each action's doc comment is its English help text (`Action::doc`); the Chinese
//! text lives in `i18n`. The `actions!` macro keeps the two from drifting apart.

use super::input::LineInput;
use super::note::NoteEditor;

macro_rules! actions {
    ($( #[doc = $doc:literal] $name:ident, )*) => {
        /// One thing a key can do. Keys map to actions in `keymap`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( #[doc = $doc] $name, )*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$name,)*];

            /// The one-line English help text (the variant's doc comment).
            pub fn doc(self) -> &'static str {
                match self {
                    $( Action::$name => $doc.trim(), )*
                }
            }
        }
    };
}

actions! {
    /// Move up
    Up,
    /// Move down
    Down,
    /// Collapse, or go to the parent
    Collapse,
    /// Expand
    Expand,
    /// Expand or collapse
    Toggle,
    /// First row
    First,
    /// Last row
    Last,
    /// Next unreviewed item
    NextUnreviewed,
    /// Mark met and move to the next item
    MarkMet,
    /// Deduct points (type the amount)
    Deduct,
    /// Start a deduction with this digit
    DeductDigit,
    /// Deduct 0.5 more
    Raise,
    /// Deduct 0.5 less (0 makes it met)
    Lower,
    /// Mark every unreviewed item under this category or indicator met
    MarkAllMet,
    /// Jump to an item by number (e.g. 3.2.1)
    Jump,
    /// Not applicable
    MarkNa,
    /// Clear the mark
    ClearMark,
    /// Edit the note
    EditNote,
    /// Trigger or clear a penalty item
    TogglePenalty,
    /// Undo
    Undo,
    /// Redo
    Redo,
    /// Search items by number or text
    Search,
    /// Next match
    NextMatch,
    /// Previous match
    PrevMatch,
    /// Scorecard preview
    Preview,
    /// Scroll the detail pane a page down (the full text, then the mark and note)
    DetailPageDown,
    /// Scroll the detail pane a page up
    DetailPageUp,
    /// Scroll the detail pane a line down
    DetailLineDown,
    /// Scroll the detail pane a line up
    DetailLineUp,
    /// Finalize (定稿) the session
    Finalize,
    /// Show the keys
    Help,
    /// Quit
    Quit,
    /// Apply what was typed
    Submit,
    /// Cancel
    Cancel,
    /// Close the note and keep the text
    CloseNote,
    /// Scroll up
    ScrollUp,
    /// Scroll down
    ScrollDown,
    /// Scroll a page up
    PageUp,
    /// Scroll a page down
    PageDown,
    /// Close
    Close,
}

/// What the keys currently act on. Overlays and prompts are drawn over the browse screen.
pub enum Mode {
    Browse,
    /// Typing a deduction for `item`.
    Deduct {
        item: String,
        input: LineInput,
    },
    /// Typing an id to jump to.
    Jump(LineInput),
    /// Typing a search query.
    Search(LineInput),
    /// Editing a note (boxed: the text area is large).
    Note(Box<NoteEditor>),
    Help {
        scroll: usize,
    },
    Preview {
        lines: Vec<String>,
        scroll: usize,
    },
}

/// The keymap table a mode uses (see `keymap`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    Browse,
    Prompt,
    Note,
    Overlay,
}

impl Mode {
    pub fn context(&self) -> KeyContext {
        match self {
            Mode::Browse => KeyContext::Browse,
            Mode::Deduct { .. } | Mode::Jump(_) | Mode::Search(_) => KeyContext::Prompt,
            Mode::Note(_) => KeyContext::Note,
            Mode::Help { .. } | Mode::Preview { .. } => KeyContext::Overlay,
        }
    }
}
