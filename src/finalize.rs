//! Finalize (定稿) and reopen.
//!
//! A session may only become final when nothing is left open: every item reviewed and
//! every deduction and triggered penalty explained. Otherwise the assessor gets the list of
//! what is missing and the session is left exactly as it was.

use crate::scoring;
use crate::session::{Finalized, HistoryEvent, Session, Status};
use crate::standard::Standard;

/// The history event names written to the session file.
pub const FINALIZED: &str = "finalized";
pub const REOPENED: &str = "reopened";

/// Marks `session` final when complete; otherwise says what is missing and changes nothing.
pub fn finalize(session: &mut Session, standard: &Standard, now: &str) -> Result<(), String> {
    if session.is_final() {
        return Err("already final (已定稿); nothing to do".into());
    }
    let card = scoring::score(standard, session);
    let mut missing = Vec::new();
    if !card.unreviewed.is_empty() {
        missing.push(format!(
            "{} item(s) not reviewed (未评): {}",
            card.unreviewed.len(),
            card.unreviewed.join(", ")
        ));
    }
    if !card.deductions_without_note.is_empty() {
        missing.push(format!(
            "{} deduction(s) without a note (扣分未说明): {}",
            card.deductions_without_note.len(),
            card.deductions_without_note.join(", ")
        ));
    }
    if !card.penalties_without_note.is_empty() {
        missing.push(format!(
            "{} triggered penalty item(s) without a note (扣分项未说明): {}",
            card.penalties_without_note.len(),
            card.penalties_without_note.join(", ")
        ));
    }
    if !missing.is_empty() {
        return Err(format!(
            "cannot finalize (未能定稿): {}",
            missing.join("; ")
        ));
    }
    let total = card.total;
    session.status = Status::Final;
    session.finalized = Some(Finalized {
        at: now.to_string(),
        total,
    });
    session.history.push(HistoryEvent {
        event: FINALIZED.to_string(),
        at: now.to_string(),
    });
    Ok(())
}

/// Makes a final session a draft again, recording the reopening.
pub fn reopen(session: &mut Session, now: &str) -> Result<(), String> {
    if !session.is_final() {
        return Err("not final (草稿); only a final session can be reopened".into());
    }
    session.status = Status::Draft;
    session.finalized = None;
    session.history.push(HistoryEvent {
        event: REOPENED.to_string(),
        at: now.to_string(),
    });
    Ok(())
}
