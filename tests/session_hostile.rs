//! Hostile text: notes and center names holding escapes, controls, bidi overrides, tabs,
//! CR, NUL, a megabyte of paste, emoji with joiners. Stored verbatim in the file, made safe
//! by `text` for display, never written raw to the terminal, never unsafe in a file name.

mod cli_support;

use cli_support::{Env, load, stderr};
use pinggu::store::{Store, safe_stem};
use pinggu::text::{self, PLACEHOLDER};

const NAME: &str = "测试中心-2024-05-01.json";

/// One of everything a note must survive.
const HOSTILE: &str = "\u{1b}[31m红\u{1b}[0m \u{1b}]0;pwned\u{7} \u{9b}2J tab\there cr\rline nul\0end \
                       bidi\u{202e}txet\u{202c} 👩\u{200d}👩\u{200d}👧 🇨🇳 e\u{301}\r\n第二行\u{2028}x";

fn contains_raw_control(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|b| matches!(b, 0x00..=0x08 | 0x0b..=0x1f | 0x7f) && *b != b'\n')
}

#[test]
fn hostile_note_round_trips_verbatim_through_the_file() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let out = env.run_stdin(&["note", NAME, "1.1.1", "-"], HOSTILE.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(load(&path).note("1.1.1"), HOSTILE);
    // JSON escapes C0 controls, so even `cat` of the file cannot drive a terminal with them.
    let bytes = std::fs::read(&path).unwrap();
    assert!(!contains_raw_control(&bytes));
    // A second, unrelated change keeps the note byte for byte.
    env.ok(&["mark", NAME, "1.1.1", "deduct", "1"]);
    assert_eq!(load(&path).note("1.1.1"), HOSTILE);
    env.ok(&[
        "penalty",
        NAME,
        "8.1",
        "on",
        "--note",
        "\u{1b}[2J舆情\u{202e}",
    ]);
    assert_eq!(load(&path).note("8.1"), "\u{1b}[2J舆情\u{202e}");
}

#[test]
fn a_megabyte_of_pasted_text_round_trips() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let chunk = "受理中心 abc\t\u{1b}[1m 👩\u{200d}💻\n";
    let big = chunk.repeat(1024 * 1024 / chunk.len() + 1);
    assert!(big.len() >= 1024 * 1024);
    let started = std::time::Instant::now();
    let out = env.run_stdin(&["note", NAME, "2.1.1", "-"], big.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    env.ok(&["mark", NAME, "2.1.1", "met"]);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(load(&path).note("2.1.1"), big);
}

#[test]
fn hostile_center_name_is_stored_verbatim_in_a_safe_file_name() {
    let env = Env::new();
    let center = "../../etc/\u{1b}[2J pass\u{202e}wd\t中心\r:*?";
    let path = env.new_session(center);
    assert_eq!(path.parent().unwrap(), env.store);
    let file = path.file_name().unwrap().to_str().unwrap();
    // Controls (the tab, CR, ESC) vanish; separators and reserved characters become `_`.
    assert_eq!(file, "_._etc_[2J_passwd中心___-2024-05-01.json");
    assert_eq!(load(&path).center.name, center);
    assert_eq!(env.listing(), [file.to_string()]);
}

#[test]
fn safe_stem_keeps_names_safe() {
    let cases = [
        "../../etc/passwd",
        "..",
        ".",
        "",
        "/",
        "\u{1b}]0;title\u{7}",
        "a\0b\u{202e}c\u{2066}d",
        "C:\\Windows\\system32",
        "-rf",
        ".hidden",
        "黄浦区外滩街道社区事务受理服务中心",
    ];
    for raw in cases {
        let stem = safe_stem(raw);
        assert!(!stem.is_empty(), "{raw:?}");
        assert!(!stem.contains(['/', '\\', ':']), "{raw:?} -> {stem:?}");
        assert!(!stem.contains(".."), "{raw:?} -> {stem:?}");
        assert!(!stem.starts_with(['.', '-']), "{raw:?} -> {stem:?}");
        assert!(!stem.chars().any(text::is_unsafe), "{raw:?} -> {stem:?}");
    }
    assert_eq!(safe_stem(".."), "session");
    assert_eq!(safe_stem("../../etc/passwd"), "_._etc_passwd");
    assert_eq!(
        safe_stem("黄浦区外滩街道社区事务受理服务中心"),
        "黄浦区外滩街道社区事务受理服务中心"
    );
}

#[test]
fn a_very_long_center_name_keeps_the_date_and_fits_every_suffix() {
    let env = Env::new();
    let long = "很长的中心名称".repeat(60);
    let store = Store::locate(Some(env.store.clone()));
    let path = store.new_session_path(&long, "2024-05-01");
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.ends_with("-2024-05-01.json"), "{name}");
    assert!(name.starts_with("很长的中心名称"));
    // The longest names pinggu puts beside it: a numbered copy's lock and backup.
    let worst = format!("{}-99.json.lock", name.trim_end_matches(".json"));
    assert!(worst.len() <= 255, "{} bytes", worst.len());
    assert!(format!("{name}.bak").len() <= 255);
    let created = env.new_session(&long);
    assert_eq!(created.file_name().unwrap().to_str().unwrap(), name);
}

#[test]
fn safe_line_replaces_every_unsafe_character_with_a_visible_placeholder() {
    let safe = text::safe_line(HOSTILE);
    assert!(!safe.chars().any(|c| c.is_control()), "{safe:?}");
    assert!(!safe.contains('\u{202e}') && !safe.contains('\u{2028}'));
    assert!(safe.contains("👩\u{200d}👩\u{200d}👧"), "joined emoji kept");
    assert!(safe.contains("tab here"), "a tab is one space");
    let p = PLACEHOLDER;
    assert!(safe.starts_with(&format!("{p}[31m红{p}[0m {p}]0;pwned{p} {p}2J")));
    assert!(safe.contains(&format!("cr{p}line nul{p}end bidi{p}txet{p}")));
    assert_eq!(
        text::safe_lines("一\r\n二\r三\n"),
        ["一".to_string(), format!("二{p}三"), String::new()]
    );
}

#[test]
fn wrapped_hostile_text_keeps_the_layout() {
    for cols in [4, 10, 23, 40] {
        let lines = text::wrap_text(HOSTILE, cols);
        assert!(lines.len() >= 2);
        for l in &lines {
            assert!(text::width(l) <= cols, "{l:?} wider than {cols}");
            // The zero-width joiner is the one invisible character kept: emoji need it.
            assert!(
                !l.chars().any(|c| text::is_unsafe(c) && c != '\u{200d}'),
                "{l:?}"
            );
        }
    }
    assert_eq!(text::width(&text::pad("中心\u{1b}", 8)), 8);
    assert_eq!(
        text::width(&text::truncate("受理中心👩\u{200d}💻abc", 9)),
        9
    );
}

#[test]
fn error_messages_never_write_raw_escapes_to_the_terminal() {
    let env = Env::new();
    let out = env.run(&["mark", "\u{1b}]0;pwned\u{7}\u{1b}[2J", "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!contains_raw_control(&out.stderr), "{:?}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{PLACEHOLDER}[2J")));
    // A standard whose ids carry escapes: check-standard names them, safely.
    let mut v: serde_json::Value = serde_json::from_str(pinggu::standard::EMBEDDED_JSON).unwrap();
    v["categories"][0]["id"] = serde_json::json!("\u{1b}[2J");
    std::fs::write(env.dir.path().join("evil.json"), v.to_string()).unwrap();
    let out = env.run(&["check-standard", "evil.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!contains_raw_control(&out.stderr), "{:?}", stderr(&out));
    assert!(stderr(&out).contains(&format!("  - {PLACEHOLDER}[2J: id is not a number")));
}

#[test]
fn a_hostile_lock_record_is_shown_safely() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let mut f = std::fs::File::create(pinggu::lock::lock_path(&path)).unwrap();
    use std::io::Write;
    f.write_all(br#"{"host":"h\u001b[2J","pid":1,"user":"\u001b]0;x\u0007","since":"\u202e"}"#)
        .unwrap();
    f.try_lock().unwrap();
    let out = env.run(&["mark", NAME, "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!contains_raw_control(&out.stderr), "{:?}", stderr(&out));
    assert!(!stderr(&out).contains('\u{202e}'));
}
