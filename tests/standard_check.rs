//! `pinggu check-standard`: every problem listed with its id, JSON errors with line and
//! column, exit 0 valid / 1 invalid / 2 usage or I/O, and the same messages for `--standard`.

use pinggu::standard::{self, EMBEDDED_JSON, Standard, StandardError};
use serde_json::{Value, json};
use std::process::{Command, Output};

fn pinggu(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pinggu"))
        .args(args)
        .current_dir(dir)
        .env("PINGGU_SESSIONS", dir.join("sessions"))
        .env_remove("PINGGU_LANG")
        .output()
        .expect("run pinggu")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn embedded_value() -> Value {
    serde_json::from_str(EMBEDDED_JSON).expect("embedded JSON")
}

/// The embedded standard with one instance of every kind of problem.
fn broken() -> Value {
    let mut v = embedded_value();
    // Duplicate id: 1.1.2 renamed to 1.1.1.
    v["categories"][0]["indicators"][0]["items"][1]["id"] = json!("1.1.1");
    // An id that does not extend its parent: 2.1.1 filed as 3.1.9.
    v["categories"][1]["indicators"][0]["items"][0]["id"] = json!("3.1.9");
    // Category 3 declares 10 while its indicators sum to 9 (and the total becomes 101).
    v["categories"][2]["points"] = json!("10");
    // A scored item without text.
    v["categories"][3]["indicators"][1]["items"][1]["text"] = json!("  ");
    // Non-positive points.
    v["categories"][6]["indicators"][1]["points"] = json!("0");
    // A penalty above the cap.
    v["penalties"]["items"][1]["points"] = json!("16");
    // Unknown fields at two levels.
    v["categories"][4]["indicators"][0]["colour"] = json!("red");
    v["penalties"]["items"][0]["weight"] = json!(1);
    v
}

const EXPECTED_PROBLEMS: &[&str] = &[
    "5.1: unknown field \"colour\"",
    "8.1: unknown field \"weight\"",
    "1.1.1: duplicate id",
    "3.1.9: id does not extend its parent's id \"2.1\"",
    "3: indicator points sum to 9, category declares 10",
    "4.2.2: scored item has no text",
    "7.2: points 0 are not positive",
    "7: indicator points sum to 6, category declares 7",
    "category points sum to 101, the standard declares a total of 100",
    "8.2: penalty of 16 is above the cap of 15",
];

#[test]
fn embedded_standard_is_valid_and_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let out = pinggu(&["check-standard"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ok: 2022年社区事务受理服务中心标准化建设第三方评估标准 2022 — 7 categories, 22 indicators, 47 items, total 100, 2 penalty items (cap 15)\n"
    );
}

#[test]
fn a_bad_file_lists_every_problem_naming_its_id() {
    let text = serde_json::to_string_pretty(&broken()).unwrap();
    match standard::parse(text.as_bytes(), "bad.json") {
        Err(StandardError::Invalid { path, problems }) => {
            assert_eq!(path, "bad.json");
            assert_eq!(problems, EXPECTED_PROBLEMS);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn check_standard_prints_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, serde_json::to_string_pretty(&broken()).unwrap()).unwrap();
    let out = pinggu(&["check-standard", "bad.json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("pinggu: bad.json: 10 problem(s):\n"),
        "{err}"
    );
    for p in EXPECTED_PROBLEMS {
        assert!(
            err.contains(&format!("  - {p}\n")),
            "missing {p:?} in {err}"
        );
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn json_errors_give_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.json"),
        "{\n  \"format\": \"pinggu-standard/1\",\n  \"id\": \n",
    )
    .unwrap();
    let out = pinggu(&["check-standard", "t.json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "pinggu: t.json: line 4, column 0: EOF while parsing a value\n"
    );
    std::fs::write(dir.path().join("w.json"), "{\"format\": 3}").unwrap();
    let out = pinggu(&["check-standard", "w.json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "pinggu: w.json: line 1, column 12: invalid type: integer `3`, expected a string\n"
    );
}

#[test]
fn missing_file_directory_and_usage_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = pinggu(&["check-standard", "nope.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("pinggu: nope.json: cannot read: "));
    let out = pinggu(&["check-standard", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "pinggu: .: cannot read: is a directory, not a standard file\n"
    );
    let out = pinggu(&["check-standard", "a", "b"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn not_json_and_empty_files_are_invalid_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("empty.json", &b""[..]),
        ("bin.json", &b"\xff\xfe\x00garbage"[..]),
        ("list.json", &b"[1, 2]"[..]),
        ("null.json", &b"null"[..]),
    ] {
        std::fs::write(dir.path().join(name), body).unwrap();
        let out = pinggu(&["check-standard", name], dir.path());
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.starts_with(&format!("pinggu: {name}: ")), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn a_broken_standard_flag_gets_the_same_messages_for_any_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.json"),
        serde_json::to_string_pretty(&broken()).unwrap(),
    )
    .unwrap();
    let check = pinggu(&["check-standard", "bad.json"], dir.path());
    for args in [
        &["--standard", "bad.json", "report", "x"][..],
        &["--standard", "bad.json", "mark", "x", "1.1.1", "met"][..],
        &[
            "--standard",
            "bad.json",
            "new",
            "--center",
            "c",
            "--no-open",
        ][..],
        &["--standard", "bad.json", "check-standard"][..],
    ] {
        let out = pinggu(args, dir.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), stderr(&check), "{args:?}");
    }
    assert!(!dir.path().join("sessions").exists(), "nothing was created");
    // An unreadable --standard is an I/O error, exit 2, for every command alike.
    for args in [
        &["--standard", "missing.json", "report", "x"][..],
        &["--standard", "missing.json", "check-standard"][..],
    ] {
        let out = pinggu(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("pinggu: missing.json: cannot read: "));
    }
}

#[test]
fn another_valid_standard_is_accepted() {
    // Next year's standard needs no code change: a renamed, re-versioned copy loads.
    let mut v = embedded_value();
    v["version"] = json!("2023");
    v["categories"][0]["indicators"][0]["items"][0]["text"] = json!("新的条款。");
    let text = serde_json::to_string(&v).unwrap();
    let loaded = standard::parse(text.as_bytes(), "2023.json").expect("valid");
    assert_eq!(loaded.standard.version, "2023");
    assert_ne!(loaded.sha256, Standard::embedded().sha256);
}
