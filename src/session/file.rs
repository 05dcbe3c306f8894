//! Reading session files: the on-disk shape of a mark, parsing, the migrate step keyed on
//! the format version, and the checks against the standard that turn a file into warnings
//! (another standard version, orphaned items) or one clear refusal.

use super::{FORMAT, FORMAT_PREFIX, FORMAT_VERSION, Mark, MarkEntry, Session, check_deduction};
use crate::amount;
use crate::standard::{self, Loaded};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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

/// The on-disk shape of a mark entry.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkEntry {
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
pub(super) enum RawMark {
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
    let mut session: Session = if version == u64::from(FORMAT_VERSION) {
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
    session.sort_entries();
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
    // One pass over the tree, not one per mark: `standard.item` is a linear scan.
    let mut items = std::collections::HashMap::new();
    for r in standard.items() {
        // The first of any duplicate id, as `standard.item` finds it.
        items.entry(r.item.id.as_str()).or_insert(r);
    }
    for e in &session.marks {
        if !seen.insert(e.item.as_str()) {
            return Err(format!("item {} is marked twice", e.item));
        }
        match items.get(e.item.as_str()) {
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
