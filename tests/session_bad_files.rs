//! Bad session files, run through the real binary: one clear line naming the file and the
//! problem, a non-zero exit, and the file (and the store) byte-for-byte unchanged.

mod cli_support;

use cli_support::{Env, load, stderr};
use pinggu::session::Mark;
use std::path::PathBuf;

/// A valid session's text, with `1.1.1` deducted by `amount`.
fn session_text(env: &Env, amount: &str) -> String {
    let path = env.new_session("基准中心");
    env.ok(&[
        "mark",
        "基准中心-2024-05-01.json",
        "1.1.1",
        "deduct",
        amount,
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::remove_file(cli_support::bak(&path)).unwrap();
    text
}

/// Writes `bytes` as `bad.json`, runs `mark` and `report` on it, and checks each refuses
/// with exactly `pinggu: PATH: {problem}` and leaves every file as it was.
fn refused(env: &Env, bytes: &[u8], problem: &str) -> PathBuf {
    let path = env.store.join("bad.json");
    std::fs::write(&path, bytes).unwrap();
    let before = env.listing();
    for args in [
        &["mark", "bad.json", "1.1.2", "met"][..],
        &["report", "bad.json"][..],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!("pinggu: {}: {problem}\n", path.display()),
            "{args:?}"
        );
        assert!(out.stdout.is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "file changed");
        assert_eq!(env.listing(), before, "store changed");
    }
    path
}

#[test]
fn empty_file() {
    let env = Env::new();
    refused(&env, b"", "empty file, not a session");
    refused(&env, b"  \n\n", "empty file, not a session");
}

#[test]
fn truncated_json() {
    let env = Env::new();
    let text = session_text(&env, "1");
    // Cut inside the center's name, as a dropped copy over SSH might.
    let at = text.find("\"name\": \"基准").unwrap() + "\"name\": \"基准".len();
    let cut = &text[..at];
    let line = cut.lines().count();
    let col = cut.lines().last().unwrap().len(); // serde_json counts bytes
    assert_eq!((line, col), (4, 19));
    refused(
        &env,
        cut.as_bytes(),
        &format!("not valid JSON: line {line}, column {col}: EOF while parsing a string"),
    );
}

#[test]
fn not_json() {
    let env = Env::new();
    refused(
        &env,
        b"center: x\n",
        "not valid JSON: line 1, column 1: expected value",
    );
    refused(
        &env,
        b"\xff\xfe\x00\x01",
        "not UTF-8 text (bad byte at offset 0)",
    );
    refused(
        &env,
        b"[1, 2, 3]",
        "not a pinggu session (no \"format\" field)",
    );
}

#[test]
fn utf8_bom_reads_fine() {
    let env = Env::new();
    let text = session_text(&env, "1.5");
    let path = env.store.join("bom.json");
    let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    std::fs::write(&path, &bytes).unwrap();
    env.ok(&["report", "bom.json"]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "reading writes nothing"
    );
    env.ok(&["mark", "bom.json", "1.1.2", "met"]);
    let s = load(&path);
    assert_eq!(
        s.mark("1.1.1"),
        Some(Mark::Deducted("1.5".parse().unwrap()))
    );
    assert_eq!(s.mark("1.1.2"), Some(Mark::Met));
    assert_eq!(std::fs::read(cli_support::bak(&path)).unwrap(), bytes);
}

#[test]
fn crlf_line_endings_read_fine() {
    let env = Env::new();
    let text = session_text(&env, "2").replace('\n', "\r\n");
    let path = env.store.join("crlf.json");
    std::fs::write(&path, &text).unwrap();
    env.ok(&["report", "crlf.json"]);
    env.ok(&["mark", "crlf.json", "1.2.1", "na"]);
    let s = load(&path);
    assert_eq!(s.mark("1.1.1"), Some(Mark::Deducted("2".parse().unwrap())));
    assert_eq!(s.mark("1.2.1"), Some(Mark::Na));
}

#[test]
fn newer_format_version_is_refused_naming_it() {
    let env = Env::new();
    let text = session_text(&env, "1").replace("pinggu-session/1", "pinggu-session/7");
    refused(
        &env,
        text.as_bytes(),
        "written by a newer pinggu (format \"pinggu-session/7\"); this version reads \"pinggu-session/1\"",
    );
}

#[test]
fn older_format_version_has_no_migration_yet() {
    // Format 1 is the first; the loader's migrate step is keyed on the version for later.
    let env = Env::new();
    let text = session_text(&env, "1").replace("pinggu-session/1", "pinggu-session/0");
    refused(
        &env,
        text.as_bytes(),
        "format \"pinggu-session/0\" is older than any this version can migrate",
    );
}

#[test]
fn amount_as_json_number_is_read_exactly_and_written_back_as_a_string() {
    let env = Env::new();
    let text = session_text(&env, "0.1").replace("\"deduction\": \"0.1\"", "\"deduction\": 0.1");
    assert!(text.contains("\"deduction\": 0.1\n"));
    let path = env.store.join("num.json");
    std::fs::write(&path, &text).unwrap();
    env.ok(&["report", "num.json"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "read only");
    assert_eq!(
        load(&path).mark("1.1.1"),
        Some(Mark::Deducted("0.1".parse().unwrap()))
    );
    env.ok(&["mark", "num.json", "1.1.2", "met"]);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("\"deduction\": \"0.1\"\n"), "{after}");
    assert_eq!(
        std::fs::read_to_string(cli_support::bak(&path)).unwrap(),
        text
    );
}

/// Where serde_json places an entry's own errors: the end of the `marks` list holding it
/// (the message itself names the item).
fn entry_end(text: &str, needle: &str) -> (usize, usize) {
    let at = text.lines().position(|l| l.contains(needle)).unwrap();
    let end = at
        + text
            .lines()
            .skip(at)
            .position(|l| l.trim_start().starts_with(']'))
            .unwrap();
    (end + 1, 3)
}

#[test]
fn negative_amount() {
    let env = Env::new();
    let text = session_text(&env, "1").replace("\"deduction\": \"1\"", "\"deduction\": \"-1\"");
    let (line, col) = entry_end(&text, "\"deduction\"");
    refused(
        &env,
        text.as_bytes(),
        &format!(
            "not a valid session: line {line}, column {col}: item 1.1.1: deduction '-1' is negative"
        ),
    );
}

#[test]
fn amount_with_more_than_two_decimals() {
    let env = Env::new();
    let text = session_text(&env, "1").replace("\"deduction\": \"1\"", "\"deduction\": 1.125");
    let (line, col) = entry_end(&text, "\"deduction\"");
    refused(
        &env,
        text.as_bytes(),
        &format!(
            "not a valid session: line {line}, column {col}: item 1.1.1: deduction '1.125' has more than two decimal places"
        ),
    );
}

#[test]
fn amount_that_is_not_a_number() {
    let env = Env::new();
    let text = session_text(&env, "1").replace("\"deduction\": \"1\"", "\"deduction\": true");
    let (line, col) = entry_end(&text, "\"deduction\"");
    refused(
        &env,
        text.as_bytes(),
        &format!(
            "not a valid session: line {line}, column {col}: item 1.1.1: deduction expected a decimal string like \"1.5\", found a boolean"
        ),
    );
}

#[test]
fn amount_above_its_indicator_points() {
    let env = Env::new();
    let text = session_text(&env, "1").replace("\"deduction\": \"1\"", "\"deduction\": \"3.5\"");
    refused(
        &env,
        text.as_bytes(),
        "1.1.1: a deduction of 3.5 is more than indicator 1.1's 3 points",
    );
}

#[test]
fn unknown_item_id_is_kept_and_reported_as_orphaned() {
    let env = Env::new();
    let text = session_text(&env, "1").replace(
        "\"marks\": [\n",
        "\"marks\": [\n    {\n      \"item\": \"9.9.9\",\n      \"mark\": \"met\",\n      \"note\": \"旧条款\"\n    },\n",
    );
    let path = env.store.join("orphan.json");
    std::fs::write(&path, &text).unwrap();
    let out = env.ok(&["mark", "orphan.json", "1.1.2", "na"]);
    assert_eq!(
        stderr(&out),
        format!(
            "pinggu: warning: {}: 1 item(s) not in this standard, kept but not scored: 9.9.9\n",
            path.display()
        )
    );
    let s = load(&path);
    assert_eq!(s.mark("9.9.9"), Some(Mark::Met), "never silently dropped");
    assert_eq!(s.note("9.9.9"), "旧条款");
    assert_eq!(s.mark("1.1.2"), Some(Mark::Na));
    let ids: Vec<&str> = s.marks.iter().map(|m| m.item.as_str()).collect();
    assert_eq!(ids, ["1.1.1", "1.1.2", "9.9.9"]);
}

#[test]
fn another_standard_version_opens_with_a_warning() {
    let env = Env::new();
    let text = session_text(&env, "1").replace("\"version\": \"2022\"", "\"version\": \"2021\"");
    let path = env.store.join("old.json");
    std::fs::write(&path, &text).unwrap();
    let out = env.ok(&["report", "old.json"]);
    assert_eq!(
        stderr(&out),
        format!(
            "pinggu: warning: {}: scored against standard sh-community-affairs-2022 version 2021; items are matched by id\n",
            path.display()
        )
    );
    env.ok(&["mark", "old.json", "2.2", "met"]);
    let s = load(&path);
    assert_eq!(s.mark("1.1.1"), Some(Mark::Deducted("1".parse().unwrap())));
    assert_eq!(
        s.standard.version, "2021",
        "the session keeps what it was scored on"
    );
}

#[test]
fn item_marked_twice_is_refused() {
    let env = Env::new();
    let text = session_text(&env, "1").replace(
        "\"marks\": [\n",
        "\"marks\": [\n    {\n      \"item\": \"1.1.1\",\n      \"mark\": \"met\"\n    },\n",
    );
    refused(&env, text.as_bytes(), "item 1.1.1 is marked twice");
}

#[test]
fn fifty_megabyte_file_is_refused_quickly_without_reading_it() {
    let env = Env::new();
    let path = env.store.join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    drop(f);
    let started = std::time::Instant::now();
    let out = env.run(&["report", "huge.json"]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "pinggu: {}: is 50 MB, larger than any session (16 MB at most); not read\n",
            path.display()
        )
    );
    assert!(took.as_secs_f64() < 2.0, "took {took:?}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 50 * 1024 * 1024);
}

#[test]
fn a_directory_where_a_file_should_be() {
    let env = Env::new();
    let path = env.store.join("dir.json");
    std::fs::create_dir(&path).unwrap();
    let before = env.listing();
    for args in [
        &["report", "dir.json"][..],
        &["mark", "dir.json", "1.1.1", "met"][..],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr(&out),
            format!(
                "pinggu: {}: is a directory, not a session file\n",
                path.display()
            )
        );
    }
    assert_eq!(env.listing(), before);
}

#[test]
#[cfg(unix)]
fn a_symlink_out_of_the_store_is_refused() {
    let env = Env::new();
    let text = session_text(&env, "1");
    let outside = env.dir.path().join("outside.json");
    std::fs::write(&outside, &text).unwrap();
    let link = env.store.join("link.json");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    for args in [
        &["report", "link.json"][..],
        &["mark", "link.json", "1.1.2", "met"][..],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "pinggu: {}: is a link to {}, outside the session store {}; refused\n",
                link.display(),
                outside.display(),
                env.store.display()
            )
        );
    }
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), text);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A link that stays inside the store is fine.
    std::fs::write(env.store.join("real.json"), &text).unwrap();
    std::os::unix::fs::symlink("real.json", env.store.join("alias.json")).unwrap();
    env.ok(&["report", "alias.json"]);
    // Saving through it changes the file it names and leaves the link a link.
    env.ok(&["mark", "alias.json", "1.1.2", "na"]);
    assert_eq!(
        load(&env.store.join("real.json")).mark("1.1.2"),
        Some(Mark::Na)
    );
    let alias = env.store.join("alias.json");
    assert!(
        std::fs::symlink_metadata(&alias)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
#[cfg(unix)]
fn a_pipe_where_a_file_should_be_is_refused_without_blocking() {
    let env = Env::new();
    let fifo = env.store.join("fifo.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("note: mkfifo not available; skipping");
        return;
    }
    let mut child = env
        .command(&["report", "fifo.json"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("pinggu blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let out = child.wait_with_output().unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "pinggu: {}: is not a regular file (a device, pipe or socket)\n",
            fifo.display()
        )
    );
}

#[test]
fn unknown_field_is_refused_naming_it() {
    let env = Env::new();
    let text = session_text(&env, "1").replace(
        "\"status\": \"draft\"",
        "\"status\": \"draft\", \"colour\": 1",
    );
    let line = text.lines().position(|l| l.contains("colour")).unwrap() + 1;
    let col = text.lines().nth(line - 1).unwrap().find("colour").unwrap() + 7;
    refused(
        &env,
        text.as_bytes(),
        &format!(
            "not a valid session: line {line}, column {col}: unknown field `colour`, expected one of `format`, `center`, `standard`, `created`, `updated`, `status`, `finalized`, `history`, `marks`, `penalties`, `view`"
        ),
    );
}

#[test]
fn a_missing_session_names_where_it_looked() {
    let env = Env::new();
    let out = env.run(&["mark", "nobody", "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "pinggu: nobody: no such session (looked for a file and a center name in {})\n",
            env.store.display()
        )
    );
    assert!(env.listing().is_empty());
}
