//! End-to-end: the real binary in a pseudo-terminal — picker, locks, signals, kill -9.

mod pty_support;

use pty_support::{Pty, cli, new_session, read_json};
use std::time::{Duration, Instant};

/// The assessment screen has drawn its first frame (the header names the center).
fn wait_first_frame(pty: &Pty) {
    pty.wait_until("the first frame", |s| !s.trim().is_empty());
    assert!(pty.alternate_screen());
}

#[test]
fn pty_picker_lists_a_broken_file_and_quits() {
    let store = tempfile::tempdir().unwrap();
    new_session(store.path(), "枫林街道社区事务受理服务中心");
    std::fs::write(store.path().join("broken.json"), "{\"format\": ").unwrap();
    let mut pty = Pty::spawn(store.path(), &["--lang", "en"], 80, 24);
    for text in [
        "broken.json",
        "broken: not valid JSON",
        "枫林街道社区事务",
        "0/47",
        "draft",
    ] {
        pty.wait_for(text);
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
    pty.wait_normal_screen();
}

#[test]
fn pty_picker_new_form_creates_opens_and_returns() {
    let store = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(store.path(), &[], 80, 24);
    pty.wait_for("还没有评估会话");
    pty.send("n");
    pty.wait_for("新建评估");
    // Chinese typed as an input method commits it: plain UTF-8 text.
    pty.send("枫林中心\t徐汇区\t张三");
    pty.wait_for("张三");
    // The real cursor sits at the caret, after 张三 in the assessor field.
    pty.wait("the cursor after 张三", |pty| {
        let (row, col) = pty.cursor();
        let screen = pty.screen();
        let line = screen.lines().nth(row as usize).unwrap_or("");
        line.contains("评估员") && col == 9 + 1 + 10 + 4
    });
    pty.send("\t\x15"); // Ctrl-U clears the date: it must be refused
    pty.send("\r");
    pty.wait_for("YYYY-MM-DD");
    pty.send("2026-12-03\r");
    pty.wait_until("the session screen", |s| !s.contains("新建评估"));
    let file = store.path().join("枫林中心-2026-12-03.json");
    assert!(file.exists(), "created {}", file.display());
    let json = read_json(&file);
    assert_eq!(json["center"]["name"], "枫林中心");
    assert_eq!(json["center"]["district"], "徐汇区");
    assert_eq!(json["center"]["assessors"], serde_json::json!(["张三"]));
    pty.send("q");
    pty.wait_for("已关闭 枫林中心");
    pty.wait_for("0/47");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
}

#[test]
fn pty_second_open_names_the_holder_and_exits_nonzero() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "held");
    let before = std::fs::read(&path).unwrap();
    let pty = Pty::spawn(store.path(), &["open", path.to_str().unwrap()], 100, 30);
    wait_first_frame(&pty);
    let out = cli(store.path())
        .args(["open", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("in use by ") && err.contains(&format!("(pid {})", pty.pid())),
        "{err}"
    );
    assert!(err.contains("--read-only"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file unchanged");
}

#[test]
fn pty_sighup_exits_within_2s_with_the_file_saved_and_the_lock_released() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "hangup");
    let mut pty = Pty::spawn(store.path(), &["open", path.to_str().unwrap()], 100, 30);
    wait_first_frame(&pty);
    assert!(pinggu::lock::lock_path(&path).exists());
    let started = Instant::now();
    pty.signal(libc::SIGHUP);
    let code = pty.wait_exit(Duration::from_secs(2));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(code, 129, "128 + SIGHUP");
    let loaded = pinggu::standard::load(None).unwrap();
    pinggu::store::load(&path, &loaded).expect("the session still loads");
    assert!(!pinggu::lock::lock_path(&path).exists(), "lock released");
}

#[test]
fn pty_sigterm_restores_the_terminal() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "term");
    let mut pty = Pty::spawn(store.path(), &["open", path.to_str().unwrap()], 100, 30);
    wait_first_frame(&pty);
    pty.signal(libc::SIGTERM);
    assert_eq!(pty.wait_exit(Duration::from_secs(2)), 143);
    pty.wait_normal_screen();
}

#[test]
fn pty_kill_9_after_a_keystroke_leaves_a_loadable_file() {
    let loaded = pinggu::standard::load(None).unwrap();
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "killed");
    for round in 0..3 {
        let mut pty = Pty::spawn(store.path(), &["open", path.to_str().unwrap()], 100, 30);
        wait_first_frame(&pty);
        // Mark the first item met, then kill without any chance to clean up.
        pty.send(if round % 2 == 0 { "y" } else { "\x7f" });
        pty.signal(libc::SIGKILL);
        pty.wait_exit(Duration::from_secs(2));
        let parsed = pinggu::store::load(&path, &loaded).expect("loads after kill -9");
        let first = loaded.standard.items().next().unwrap().item.id.clone();
        let mark = parsed.session.mark(&first);
        assert!(
            mark.is_none() || mark == Some(pinggu::session::Mark::Met),
            "old or new state, got {mark:?}"
        );
        // The stale lock of the killed process does not block the next round.
    }
}

#[cfg(unix)]
#[test]
fn pty_open_refuses_a_symlink_out_of_the_store() {
    let store = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = new_session(elsewhere.path(), "outside");
    let link = store.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let before = std::fs::read(&real).unwrap();
    let out = cli(store.path()).args(["open", "link"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("outside the session store"), "{err}");
    assert_eq!(std::fs::read(&real).unwrap(), before);
    assert!(!pinggu::lock::lock_path(&real).exists());
}

#[test]
fn pty_a_final_session_opens_read_only_without_the_lock() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "final");
    let mut json = read_json(&path);
    json["status"] = "final".into();
    json["finalized"] = serde_json::json!({"at": "2026-12-03T16:00:00+08:00", "total": "100"});
    let text = serde_json::to_string_pretty(&json).unwrap() + "\n";
    std::fs::write(&path, &text).unwrap();
    let mut pty = Pty::spawn(store.path(), &["open", path.to_str().unwrap()], 100, 30);
    wait_first_frame(&pty);
    assert!(
        !pinggu::lock::lock_path(&path).exists(),
        "no lock for a read-only view"
    );
    pty.send("y");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "untouched");
}

#[test]
fn pty_picker_offers_read_only_for_a_held_session() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "shared");
    let holder = Pty::spawn(store.path(), &["open", path.to_str().unwrap()], 100, 30);
    wait_first_frame(&holder);
    let mut picker = Pty::spawn(store.path(), &["--lang", "en"], 80, 24);
    picker.wait_for("shared");
    picker.send("\r");
    picker.wait_for("Open it read-only? (y/n)");
    picker.wait_for(&format!("(pid {})", holder.pid()));
    picker.send("y");
    picker.wait_until("the session screen", |s| {
        !s.contains("read-only? (y/n)") && !s.contains("Store:")
    });
    picker.send("q");
    picker.wait_for("Closed shared");
    picker.send("q");
    assert_eq!(picker.wait_exit(Duration::from_secs(3)), 0);
    assert!(
        pinggu::lock::lock_path(&path).exists(),
        "the holder keeps its lock"
    );
}

#[test]
fn pty_picker_in_ascii_and_english_from_the_environment() {
    let store = tempfile::tempdir().unwrap();
    new_session(store.path(), "枫林中心");
    let env = [("PINGGU_ASCII", "1"), ("PINGGU_LANG", "en")];
    let mut pty = Pty::spawn_with(store.path(), &[], 80, 24, &env);
    pty.wait_for("pinggu: sessions");
    pty.wait_for(&"-".repeat(80));
    pty.wait_for("draft");
    let screen = pty.screen();
    assert!(
        screen.chars().all(|c| c.is_ascii() || text_is_cjk(c)),
        "only ASCII and CJK text: {screen}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
}

/// CJK ideographs and fullwidth forms: always two columns, never ambiguous.
fn text_is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}
