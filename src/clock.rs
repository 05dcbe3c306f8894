//! Wall-clock time for timestamps and the default assessment date.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn now() -> OffsetDateTime {
    // The local offset is unavailable when other threads may touch the environment;
    // UTC is then the honest answer.
    OffsetDateTime::now_local().unwrap_or_else(|_| OffsetDateTime::now_utc())
}

/// Now as RFC 3339 with seconds, e.g. 2026-12-03T14:05:09+08:00.
pub fn timestamp() -> String {
    let t = now().replace_nanosecond(0).unwrap_or_else(|_| now());
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

/// Today's date as YYYY-MM-DD.
pub fn today() -> String {
    let d = now().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// True when `text` is a real calendar date written YYYY-MM-DD.
pub fn is_date(text: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    text.len() == 10 && time::Date::parse(text, &format).is_ok()
}
