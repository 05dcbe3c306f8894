//! One assessment of one center: the marks, notes and penalties, and the file format.
//!
//! On disk (`pinggu-session/1`) a session is pretty-printed JSON with keys in a fixed
//! order and one entry per reviewed item, sorted by id, so two files diff cleanly.

use crate::amount;
use crate::standard::{self, Loaded, Standard};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
#[serde(try_from = "RawMarkEntry", into = "RawMarkEntry")]
pub struct MarkEntry {
    pub item: String,
    pub mark: Option<Mark>,
    pub note: String,
}

/// The on-disk shape of a mark entry.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkEntry {
    item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mark: Option<RawMark>,
    /// Kept as JSON until the item is known, so a bad amount's message can name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deduction: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawMark {
    Met,
    Deducted,
    Na,
}

impl TryFrom<RawMarkEntry> for MarkEntry {
    type Error = String;
    fn try_from(raw: RawMarkEntry) -> Result<Self, String> {
        let deduction = match &raw.deduction {
            Some(v) => Some(
                amount::from_json(v).map_err(|e| format!("item {}: deduction {e}", raw.item))?,
            ),
            None => None,
        };
        let mark = match (raw.mark, deduction) {
            (Some(RawMark::Deducted), Some(d)) if d > Decimal::ZERO => Some(Mark::Deducted(d)),
            (Some(RawMark::Deducted), Some(_)) => {
                return Err(format!("item {}: a deduction must be above 0", raw.item));
            }
            (Some(RawMark::Deducted), None) => {
                return Err(format!(
                    "item {}: \"deducted\" without a deduction",
                    raw.item
                ));
            }
            (_, Some(_)) => {
                return Err(format!(
                    "item {}: a deduction is only allowed with \"mark\": \"deducted\"",
                    raw.item
                ));
            }
            (Some(RawMark::Met), None) => Some(Mark::Met),
            (Some(RawMark::Na), None) => Some(Mark::Na),
            (None, None) => None,
        };
        Ok(MarkEntry {
            item: raw.item,
            mark,
            note: raw.note,
        })
    }
}

impl From<MarkEntry> for RawMarkEntry {
    fn from(e: MarkEntry) -> Self {
        let (mark, deduction) = match e.mark {
            None => (None, None),
            Some(Mark::Met) => (Some(RawMark::Met), None),
            Some(Mark::Na) => (Some(RawMark::Na), None),
            Some(Mark::Deducted(d)) => (
                Some(RawMark::Deducted),
                Some(serde_json::Value::String(amount::fmt(d))),
            ),
        };
        RawMarkEntry {
            item: e.item,
            mark,
            deduction,
            note: e.note,
        }
    }
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

/// Why a session file could not be read. Messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl SessionError {
    pub fn invalid(path: &str, message: impl Into<String>) -> Self {
        SessionError::Invalid {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

/// Something worth telling the assessor about a session that still loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The session was scored against another version of the standard.
    OtherStandard { id: String, version: String },
    /// The standard file differs from the one the session was started with.
    StandardChanged,
    /// Marks for items this standard does not have: kept in the file, not scored.
    Orphans(Vec<String>),
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::OtherStandard { id, version } => write!(
                f,
                "scored against standard {id} version {version}; items are matched by id"
            ),
            Warning::StandardChanged => {
                write!(f, "the standard file changed since this session began")
            }
            Warning::Orphans(ids) => write!(
                f,
                "{} item(s) not in this standard, kept but not scored: {}",
                ids.len(),
                ids.join(", ")
            ),
        }
    }
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
        self.marks.retain(|e| e.item != entry.item);
        if entry.mark.is_some() || !entry.note.is_empty() {
            self.marks.push(entry);
        }
        self.marks
            .sort_by(|a, b| standard::compare_ids(&a.item, &b.item));
    }

    fn put_penalty(&mut self, item: &str, triggered: bool, note: String) {
        self.penalties.retain(|p| p.item != item);
        if triggered || !note.is_empty() {
            self.penalties.push(PenaltyEntry {
                item: item.to_string(),
                triggered,
                note,
            });
        }
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

/// A session read from a file, with what the assessor should be told.
#[derive(Debug)]
pub struct Parsed {
    pub session: Session,
    pub warnings: Vec<Warning>,
}

/// Parses session JSON and checks it against the standard. `path` is only for messages.
///
/// A UTF-8 byte-order mark and CRLF line endings are accepted. Amounts above their
/// indicator's points are refused; items the standard lacks are kept as orphans.
pub fn parse(bytes: &[u8], path: &str, standard: &Loaded) -> Result<Parsed, SessionError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(SessionError::invalid(path, "empty file, not a session"));
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        SessionError::invalid(
            path,
            format!("not UTF-8 text (bad byte at offset {})", e.valid_up_to()),
        )
    })?;
    // Check the format tag first so a newer file is refused for the right reason.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        SessionError::invalid(
            path,
            format!("not valid JSON: {}", standard::json_error_message(&e)),
        )
    })?;
    let format = value
        .get("format")
        .and_then(|f| f.as_str())
        .ok_or_else(|| SessionError::invalid(path, "not a pinggu session (no \"format\" field)"))?;
    let version = format
        .strip_prefix(FORMAT_PREFIX)
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| {
            SessionError::invalid(path, format!("not a pinggu session (format \"{format}\")"))
        })?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(SessionError::invalid(
            path,
            format!(
                "written by a newer pinggu (format \"{format}\"); this version reads \"{FORMAT}\""
            ),
        ));
    }
    let session: Session = if version == u64::from(FORMAT_VERSION) {
        // Straight from the text, so errors carry a line and column.
        serde_json::from_str(text).map_err(|e| {
            SessionError::invalid(
                path,
                format!("not a valid session: {}", standard::json_error_message(&e)),
            )
        })?
    } else {
        let current = migrate(version, value).map_err(|m| SessionError::invalid(path, m))?;
        serde_json::from_value(current).map_err(|e| {
            SessionError::invalid(path, format!("not a valid session after migration: {e}"))
        })?
    };
    let warnings = check_against(&session, standard)
        .map_err(|message| SessionError::invalid(path, message))?;
    Ok(Parsed { session, warnings })
}

/// Brings an older format's JSON up to the current one, one version at a time.
///
/// `pinggu-session/1` is the first format, so no step exists yet. When format 2 arrives,
/// add `1 => migrate(2, v1_to_v2(value)?)` here; the session is then written back only on
/// its next change, through `store::write_atomic`, which keeps the old file as `.bak`.
fn migrate(version: u64, value: serde_json::Value) -> Result<serde_json::Value, String> {
    match version {
        v if v == u64::from(FORMAT_VERSION) => Ok(value),
        v => Err(format!(
            "format \"{FORMAT_PREFIX}{v}\" is older than any this version can migrate"
        )),
    }
}

/// Amount and duplicate checks, and the warnings, for a session under a standard.
fn check_against(session: &Session, loaded: &Loaded) -> Result<Vec<Warning>, String> {
    let standard = &loaded.standard;
    let mut warnings = Vec::new();
    if session.standard.id != standard.id || session.standard.version != standard.version {
        warnings.push(Warning::OtherStandard {
            id: session.standard.id.clone(),
            version: session.standard.version.clone(),
        });
    } else if session.standard.sha256 != loaded.sha256 {
        warnings.push(Warning::StandardChanged);
    }
    let mut seen = std::collections::HashSet::new();
    let mut orphans = Vec::new();
    for e in &session.marks {
        if !seen.insert(e.item.as_str()) {
            return Err(format!("item {} is marked twice", e.item));
        }
        match standard.item(&e.item) {
            Some(found) => {
                if let Some(Mark::Deducted(d)) = e.mark {
                    check_deduction(&e.item, d, found.indicator).map_err(|e| e.to_string())?;
                }
            }
            None => orphans.push(e.item.clone()),
        }
    }
    for p in &session.penalties {
        if !seen.insert(p.item.as_str()) {
            return Err(format!("penalty {} is listed twice", p.item));
        }
        if standard.penalty(&p.item).is_none() {
            orphans.push(p.item.clone());
        }
    }
    if !orphans.is_empty() {
        warnings.push(Warning::Orphans(orphans));
    }
    Ok(warnings)
}
