//! Saving survives a crash at every step of `write_atomic` (the PINGGU_TEST_CRASH_AT hook
//! aborts the real binary between steps), and a failed save leaves the file unchanged.

mod cli_support;

use cli_support::{Env, bak, load, stderr};
use pinggu::session::Mark;
use rust_decimal::Decimal;

const NAME: &str = "测试中心-2024-05-01.json";

/// (step, whether the new state is in place after a crash there)
const STEPS: &[(&str, bool)] = &[
    ("temp-partial", false),
    ("temp-synced", false),
    ("backup", false),
    ("renamed", true),
    ("done", true),
];

#[test]
fn a_crash_at_any_step_leaves_the_old_or_the_new_state() {
    for &(step, new_state) in STEPS {
        let env = Env::new();
        let path = env.new_session("测试中心");
        let created = std::fs::read(&path).unwrap();
        env.ok(&["mark", NAME, "1.1.1", "met"]);
        let old = std::fs::read(&path).unwrap();

        let out = env.run_env(
            &["mark", NAME, "1.1.2", "deduct", "1"],
            "PINGGU_TEST_CRASH_AT",
            step,
        );
        assert_eq!(
            out.status.code(),
            None,
            "{step}: the hook must abort (killed by a signal)"
        );

        let s = load(&path);
        assert_eq!(s.mark("1.1.1"), Some(Mark::Met), "{step}");
        let expected = new_state.then_some(Mark::Deducted(Decimal::ONE));
        assert_eq!(s.mark("1.1.2"), expected, "{step}");
        if !new_state {
            assert_eq!(
                std::fs::read(&path).unwrap(),
                old,
                "{step}: old bytes, whole"
            );
        }
        // The backup is always a whole session: the previous save, or the one before it.
        let b = std::fs::read(bak(&path)).unwrap();
        let backup_done = step != "temp-partial" && step != "temp-synced";
        assert_eq!(
            &b,
            if backup_done { &old } else { &created },
            "{step}: .bak"
        );
        load(&bak(&path));

        // The dead process's lock and temp files block nothing: the next save works.
        env.ok(&["mark", NAME, "1.2.1", "na"]);
        let s = load(&path);
        assert_eq!(s.mark("1.2.1"), Some(Mark::Na), "{step}");
        assert_eq!(s.mark("1.1.2"), expected, "{step}");
        // Leftovers are hidden files, never taken for sessions.
        for name in env.listing() {
            assert!(
                name.starts_with('.') || name == NAME || name == format!("{NAME}.bak"),
                "{step}: unexpected {name}"
            );
        }
    }
}

#[test]
fn every_save_keeps_the_previous_version_as_bak() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    assert!(!bak(&path).exists(), "a new file has no previous version");
    env.ok(&["mark", NAME, "1.1.1", "met"]);
    let first = std::fs::read(&path).unwrap();
    env.ok(&["note", NAME, "1.1.1", "门牌清晰"]);
    assert_eq!(std::fs::read(bak(&path)).unwrap(), first);
    assert_eq!(load(&path).note("1.1.1"), "门牌清晰");
    assert_eq!(
        env.listing(),
        [NAME.to_string(), format!("{NAME}.bak")],
        "no temp or lock files left behind"
    );
}

#[test]
fn a_save_that_cannot_write_the_backup_fails_and_changes_nothing() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    // A non-empty directory where the backup goes: rename fails even for root.
    std::fs::create_dir_all(bak(&path).join("x")).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = env.run(&["mark", NAME, "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "pinggu: {}: cannot save, the file is unchanged: ",
            path.display()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(env.listing(), [NAME.to_string(), format!("{NAME}.bak")]);
}

#[test]
#[cfg(unix)]
fn a_read_only_directory_fails_with_the_reason_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let path = env.new_session("测试中心");
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&env.store, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = env.store.join("probe");
    if std::fs::write(&probe, b"").is_ok() {
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(&env.store, std::fs::Permissions::from_mode(0o755)).unwrap();
        println!("note: running with privileges that ignore permissions; skipping");
        return;
    }
    let out = env.run(&["mark", NAME, "1.1.1", "met"]);
    std::fs::set_permissions(&env.store, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("pinggu: {}: ", path.display())),
        "{err}"
    );
    assert!(err.contains("Permission denied"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(env.listing(), [NAME.to_string()]);
}

#[test]
fn a_deleted_file_or_a_missing_store_is_an_error_not_a_new_file() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    std::fs::remove_file(&path).unwrap();
    let out = env.run(&["mark", NAME, "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with(&format!("pinggu: {NAME}: no such session")));
    assert!(env.listing().is_empty());
    std::fs::remove_dir(&env.store).unwrap();
    let out = env.run(&["mark", NAME, "1.1.1", "met"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!env.store.exists(), "no store conjured up by a failed edit");
}

#[test]
fn new_never_overwrites_an_existing_session() {
    let env = Env::new();
    let first = env.new_session("测试中心");
    env.ok(&["mark", NAME, "1.1.1", "met"]);
    let bytes = std::fs::read(&first).unwrap();
    let second = env.new_session("测试中心");
    assert_eq!(
        second.file_name().unwrap().to_string_lossy(),
        "测试中心-2024-05-01-2.json"
    );
    assert_eq!(std::fs::read(&first).unwrap(), bytes);
}

#[test]
fn a_save_too_large_to_read_back_is_refused() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let before = std::fs::read(&path).unwrap();
    let paste = "粘".repeat(6 * 1024 * 1024); // 18 MB of UTF-8
    let out = env.run_stdin(&["note", NAME, "1.1.1", "-"], paste.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "pinggu: {}: cannot save, the file is unchanged: it would be 18 MB, more than a session may hold (16 MB); not saved\n",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(env.listing(), [NAME.to_string()]);
}

#[test]
fn temp_files_left_by_an_old_crash_are_swept_on_the_next_save() {
    let env = Env::new();
    env.new_session("测试中心");
    let old = env.store.join(".pinggu-crashed.tmp");
    let young = env.store.join(".pinggu-inflight.tmp");
    std::fs::write(&old, "half a session").unwrap();
    std::fs::write(&young, "a save in progress").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    env.ok(&["mark", NAME, "1.1.1", "met"]);
    assert!(!old.exists());
    assert!(
        young.exists(),
        "a recent temp file may be another process's save"
    );
}
