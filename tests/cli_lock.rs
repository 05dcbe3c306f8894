//! One writer per session: a held session is refused naming its holder, with the file
//! unchanged; a lock left by a dead process is taken over.
//!
//! The test process itself holds the OS lock (flock conflicts between open file
//! descriptions, so the child `pinggu` sees it as another holder).

mod cli_support;

use cli_support::{Env, load, stderr};
use pinggu::lock::{LockError, SessionLock, lock_path};
use pinggu::session::Mark;
use std::fs::{File, OpenOptions};
use std::io::Write;

const NAME: &str = "测试中心-2024-05-01.json";
const RECORD: &str =
    r#"{"host":"laptop-7","pid":4242,"user":"wang","since":"2024-05-01T09:00:00+08:00"}"#;

/// Holds the lock on `session` the way another pinggu would: flock plus a record.
fn hold(session: &std::path::Path, record: &str) -> File {
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(lock_path(session))
        .unwrap();
    f.write_all(record.as_bytes()).unwrap();
    f.try_lock().expect("test takes the lock");
    f
}

#[test]
fn a_held_session_is_refused_naming_the_holder_and_left_unchanged() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let before = std::fs::read(&path).unwrap();
    let held = hold(&path, RECORD);
    for args in [
        &["mark", NAME, "1.1.1", "met"][..],
        &["note", NAME, "1.1.1", "x"][..],
        &["penalty", NAME, "8.1", "on"][..],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "pinggu: {}: in use by wang@laptop-7 (pid 4242) since 2024-05-01T09:00:00+08:00; try again once it is closed there\n",
                path.display()
            )
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Reading is not writing: a report does not need the lock.
    env.ok(&["report", NAME]);
    drop(held);
    // The holder died without cleaning up: its record is still there, but not its lock.
    assert!(lock_path(&path).exists());
    env.ok(&["mark", NAME, "1.1.1", "met"]);
    assert_eq!(load(&path).mark("1.1.1"), Some(Mark::Met));
    assert!(
        !lock_path(&path).exists(),
        "released and removed after the edit"
    );
}

#[test]
fn a_garbled_lock_record_still_blocks_while_held() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let _held = hold(&path, "\u{1b}[2J garbage");
    let out = env.run(&["mark", NAME, "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "pinggu: {}: in use by another pinggu; try again once it is closed there\n",
            path.display()
        )
    );
}

#[test]
fn a_lock_left_by_a_killed_process_is_taken_over() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    // A real pinggu killed mid-save (the crash hook aborts after the temp file is synced)
    // leaves its lock file behind, holding its record.
    let out = env.run_env(
        &["mark", NAME, "1.1.1", "met"],
        "PINGGU_TEST_CRASH_AT",
        "temp-synced",
    );
    assert_eq!(out.status.code(), None, "aborted");
    let record = std::fs::read_to_string(lock_path(&path)).unwrap();
    assert!(record.contains("\"pid\":"), "{record}");
    env.ok(&["mark", NAME, "1.1.2", "met"]);
    let s = load(&path);
    assert_eq!((s.mark("1.1.1"), s.mark("1.1.2")), (None, Some(Mark::Met)));
}

#[test]
fn two_names_for_one_session_share_one_lock() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let _held = hold(&path, RECORD);
    let relative = format!("sessions/{NAME}");
    for name in [relative.as_str(), "测试中心", path.to_str().unwrap()] {
        let out = env.run(&["mark", name, "1.1.1", "met"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains("in use by wang@laptop-7"), "{name}");
    }
}

#[test]
fn the_library_lock_names_this_process_and_releases_on_drop() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let lock = SessionLock::acquire(&path).unwrap();
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(lock.path()).unwrap()).unwrap();
    assert_eq!(record["pid"], std::process::id());
    match SessionLock::acquire(&path) {
        Err(LockError::Held { holder, .. }) => assert_eq!(holder.pid, std::process::id()),
        other => panic!("expected Held, got {other:?}"),
    }
    let out = env.run(&["mark", NAME, "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("(pid {})", std::process::id())));
    drop(lock);
    env.ok(&["mark", NAME, "1.1.1", "met"]);
}
