//! The terminal program: picker, new-session form, the event loop with autosave (skeleton).

use crate::app::Options;
use crate::commands::{Failure, Outcome};
use crate::standard::Loaded;
use crate::store::Store;

/// `pinggu` with no arguments: the session picker.
pub fn picker(_store: &Store, _loaded: &Loaded, _options: Options) -> Outcome {
    Err(Failure::new("the session picker is not built yet"))
}

/// Opens one session file in the assessment screen.
pub fn open(
    _store: &Store,
    _loaded: &Loaded,
    _path: &std::path::Path,
    _options: Options,
    _read_only: bool,
) -> Outcome {
    Err(Failure::new("the assessment screen is not built yet"))
}
