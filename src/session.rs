//! One assessment of one center: the marks, notes and penalties, and the file format.
//!
//! On disk (`pinggu-session/1`) a session is pretty-printed JSON with keys in a fixed
//! order and one entry per reviewed item, sorted by id, so two files diff cleanly.

use crate::amount;
use crate::standard::{self, Loaded, Standard};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod file;
pub use file::{Parsed, SessionError, Warning, parse};

/// The `format` value this version writes.
pub const FORMAT: &str = "pinggu-session/1";
const FORMAT_PREFIX: &str = "pinggu-session/";
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub format: String,
    pub center: Center,
    pub standard: StandardRef,
    pub created: String,
    pub updated: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalized: Option<Finalized>,
    /// Finalize/reopen events, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEvent>,
    #[serde(default)]
    pub marks: Vec<MarkEntry>,
    #[serde(default)]
    pub penalties: Vec<PenaltyEntry>,
    /// Where the assessor was: restored on reopen.
    #[serde(default)]
    pub view: View,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Center {
    pub name: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub assessors: Vec<String>,
    /// The assessment date, YYYY-MM-DD.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Final,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finalized {
    pub at: String,
    #[serde(with = "amount")]
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEvent {
    pub event: String,
    pub at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    #[serde(default)]
    pub expanded: Vec<String>,
}

/// The assessor's verdict on one scored item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// 符合
    Met,
    /// 扣分, with the amount taken off the indicator.
    Deducted(Decimal),
    /// 不适用
    Na,
}

/// One item's mark and note. An entry with neither is not stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "file::RawMarkEntry", into = "file::RawMarkEntry")]
pub struct MarkEntry {
    pub item: String,
    pub mark: Option<Mark>,
    pub note: String,
}

/// A penalty item (扣分项): triggered or not, with a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PenaltyEntry {
    pub item: String,
    pub triggered: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Why a change to a session was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("{0}: no such item in the standard")]
    UnknownItem(String),
    #[error("{0}: no such penalty item in the standard")]
    UnknownPenalty(String),
    #[error("{item}: a deduction of {amount} is more than indicator {indicator}'s {points} points")]
    DeductionTooLarge {
        item: String,
        amount: String,
        indicator: String,
        points: String,
    },
    #[error("{0}: a deduction must be above 0")]
    DeductionNotPositive(String),
    #[error("this session is final (定稿): reopen it to change it")]
    Final,
}

/// Splits "张三、李四, 王五" into names: commas (half- or full-width) and 、 separate.
pub fn split_assessors<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    texts
        .into_iter()
        .flat_map(|t| t.split([',', '，', '、']))
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The new-session form's fields.
#[derive(Debug, Clone, Default)]
pub struct NewSession {
    pub center: String,
    pub district: String,
    pub assessors: Vec<String>,
    pub date: String,
}

impl Session {
    pub fn new(form: NewSession, standard: &Loaded, now: &str) -> Session {
        Session {
            format: FORMAT.to_string(),
            center: Center {
                name: form.center,
                district: form.district,
                assessors: form.assessors,
                date: form.date,
            },
            standard: StandardRef {
                id: standard.standard.id.clone(),
                version: standard.standard.version.clone(),
                sha256: standard.sha256.clone(),
            },
            created: now.to_string(),
            updated: now.to_string(),
            status: Status::Draft,
            finalized: None,
            history: Vec::new(),
            marks: Vec::new(),
            penalties: Vec::new(),
            view: View::default(),
        }
    }

    pub fn is_final(&self) -> bool {
        self.status == Status::Final
    }

    pub fn entry(&self, item: &str) -> Option<&MarkEntry> {
        self.marks.iter().find(|e| e.item == item)
    }

    pub fn mark(&self, item: &str) -> Option<Mark> {
        self.entry(item).and_then(|e| e.mark)
    }

    /// The note on a scored item or a penalty item ("" when none).
    pub fn note(&self, item: &str) -> &str {
        if let Some(e) = self.entry(item) {
            return &e.note;
        }
        self.penalty(item).map(|p| p.note.as_str()).unwrap_or("")
    }

    pub fn penalty(&self, item: &str) -> Option<&PenaltyEntry> {
        self.penalties.iter().find(|p| p.item == item)
    }

    pub fn penalty_triggered(&self, item: &str) -> bool {
        self.penalty(item).is_some_and(|p| p.triggered)
    }

    /// Sets or clears an item's mark, refusing what the scoring rules forbid.
    pub fn set_mark(
        &mut self,
        standard: &Standard,
        item: &str,
        mark: Option<Mark>,
    ) -> Result<(), ChangeError> {
        self.refuse_if_final()?;
        let found = standard
            .item(item)
            .ok_or_else(|| ChangeError::UnknownItem(item.to_string()))?;
        if let Some(Mark::Deducted(d)) = mark {
            check_deduction(item, d, found.indicator)?;
        }
        let note = self.entry(item).map(|e| e.note.clone()).unwrap_or_default();
        self.put_entry(MarkEntry {
            item: item.to_string(),
            mark,
            note,
        });
        Ok(())
    }

    /// Sets the note of a scored item or of a penalty item.
    pub fn set_note(
        &mut self,
        standard: &Standard,
        item: &str,
        note: &str,
    ) -> Result<(), ChangeError> {
        self.refuse_if_final()?;
        if standard.penalty(item).is_some() {
            let triggered = self.penalty_triggered(item);
            self.put_penalty(item, triggered, note.to_string());
            return Ok(());
        }
        standard
            .item(item)
            .ok_or_else(|| ChangeError::UnknownItem(item.to_string()))?;
        let mark = self.mark(item);
        self.put_entry(MarkEntry {
            item: item.to_string(),
            mark,
            note: note.to_string(),
        });
        Ok(())
    }

    /// Triggers or clears a penalty item; `note` of None keeps the present note.
    pub fn set_penalty(
        &mut self,
        standard: &Standard,
        item: &str,
        triggered: bool,
        note: Option<&str>,
    ) -> Result<(), ChangeError> {
        self.refuse_if_final()?;
        standard
            .penalty(item)
            .ok_or_else(|| ChangeError::UnknownPenalty(item.to_string()))?;
        let note = note
            .map(str::to_string)
            .unwrap_or_else(|| self.note(item).to_string());
        self.put_penalty(item, triggered, note);
        Ok(())
    }

    fn refuse_if_final(&self) -> Result<(), ChangeError> {
        if self.is_final() {
            Err(ChangeError::Final)
        } else {
            Ok(())
        }
    }

    fn put_entry(&mut self, entry: MarkEntry) {
        let id = entry.item.clone();
        let keep = entry.mark.is_some() || !entry.note.is_empty();
        self.replace_entry(&id, keep.then_some(entry));
    }

    fn put_penalty(&mut self, item: &str, triggered: bool, note: String) {
        let keep = triggered || !note.is_empty();
        let entry = keep.then(|| PenaltyEntry {
            item: item.to_string(),
            triggered,
            note,
        });
        self.replace_penalty(item, entry);
    }

    /// Puts `entry` (or nothing) where item `id`'s entry belongs in the sorted `marks`,
    /// returning what was there: an undo step restores exactly that.
    pub fn replace_entry(&mut self, id: &str, entry: Option<MarkEntry>) -> Option<MarkEntry> {
        replace_sorted(&mut self.marks, |e| &e.item, id, entry)
    }

    /// [`Session::replace_entry`] for penalty items.
    pub fn replace_penalty(
        &mut self,
        id: &str,
        entry: Option<PenaltyEntry>,
    ) -> Option<PenaltyEntry> {
        replace_sorted(&mut self.penalties, |p| &p.item, id, entry)
    }

    /// Puts `marks` and `penalties` in id order (a hand-edited file may not be); changes
    /// then keep them sorted by binary search.
    pub(crate) fn sort_entries(&mut self) {
        self.marks
            .sort_by(|a, b| standard::compare_ids(&a.item, &b.item));
        self.penalties
            .sort_by(|a, b| standard::compare_ids(&a.item, &b.item));
    }

    /// The file's text: pretty JSON, fixed key order, trailing newline.
    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(self).expect("a session always serializes to JSON");
        text.push('\n');
        text
    }
}

/// Replaces, inserts or removes `id`'s entry in a list kept sorted by `compare_ids`.
fn replace_sorted<T>(
    list: &mut Vec<T>,
    item: impl Fn(&T) -> &String,
    id: &str,
    entry: Option<T>,
) -> Option<T> {
    match (
        list.binary_search_by(|e| standard::compare_ids(item(e), id)),
        entry,
    ) {
        (Ok(at), Some(entry)) => Some(std::mem::replace(&mut list[at], entry)),
        (Ok(at), None) => Some(list.remove(at)),
        (Err(at), Some(entry)) => {
            list.insert(at, entry);
            None
        }
        (Err(_), None) => None,
    }
}

/// A deduction must be above 0 and within its indicator's points.
pub fn check_deduction(
    item: &str,
    amount: Decimal,
    indicator: &standard::Indicator,
) -> Result<(), ChangeError> {
    if amount <= Decimal::ZERO {
        return Err(ChangeError::DeductionNotPositive(item.to_string()));
    }
    if amount > indicator.points {
        return Err(ChangeError::DeductionTooLarge {
            item: item.to_string(),
            amount: amount::fmt(amount),
            indicator: indicator.id.clone(),
            points: amount::fmt(indicator.points),
        });
    }
    Ok(())
}
