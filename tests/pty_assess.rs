//! End-to-end: score a few items in the real binary, quit, check the file and the total,
//! reopen and find the same place.

mod pty_support;

use pty_support::{Pty, new_session, read_json};
use std::time::{Duration, Instant};

#[test]
fn pty_scores_items_quits_and_reopens_where_it_was() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "枫林街道社区事务受理服务中心");
    let file = path.to_str().unwrap();
    let mut pty = Pty::spawn(store.path(), &["--lang", "en", "open", file], 100, 30);
    pty.wait_for("0/47");
    // Jump to 1.1.1; met, met (moves on to 1.2.1); deduct 2 there; 1.2.2 not applicable.
    pty.send(":1.1.1\r");
    pty.send("y");
    pty.send("y");
    pty.wait_for("2/47");
    pty.send("d");
    pty.send("2\r");
    pty.wait_for("3/47");
    pty.send("a");
    pty.wait_for("4/47");
    pty.wait_for("98");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
    // The quit summary is said on the restored terminal.
    pty.wait_for("43");

    let json = read_json(&path);
    assert_eq!(
        json["marks"],
        serde_json::json!([
            {"item": "1.1.1", "mark": "met"},
            {"item": "1.1.2", "mark": "met"},
            {"item": "1.2.1", "mark": "deducted", "deduction": "2"},
            {"item": "1.2.2", "mark": "na"},
        ])
    );
    assert_eq!(json["status"], "draft");
    let loaded = pinggu::standard::load(None).unwrap();
    let session = pinggu::store::load(&path, &loaded).unwrap().session;
    let card = pinggu::scoring::score(&loaded.standard, &session);
    assert_eq!(card.total.to_string(), "98");
    assert_eq!(card.reviewed, 4);
    // The scorecard the assessor hands over says the same.
    let out = pty_support::cli(store.path())
        .args(["report", "--format", "json", file])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&report["total"], &report["reviewed"]),
        (&"98".into(), &"4".into())
    );
    let cursor = session.view.cursor.clone().expect("the cursor is saved");
    assert!(!pinggu::lock::lock_path(&path).exists(), "lock released");

    // Reopen: same marks, same place.
    let mut again = Pty::spawn(store.path(), &["--lang", "en", "open", file], 100, 30);
    again.wait_for("4/47");
    let title = loaded
        .standard
        .item(&cursor)
        .map(|r| r.item.title.clone())
        .unwrap_or_default();
    let shown: String = title.chars().take(6).collect();
    again.wait_for(&shown);
    again.send("q");
    assert_eq!(again.wait_exit(Duration::from_secs(3)), 0);
    assert_eq!(
        read_json(&path)["marks"],
        json["marks"],
        "reopening changed nothing"
    );
}

#[test]
fn pty_sighup_after_a_mark_exits_within_2s_with_the_mark_saved() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "hangup");
    let file = path.to_str().unwrap();
    let mut pty = Pty::spawn(store.path(), &["--lang", "en", "open", file], 100, 30);
    pty.wait_for("0/47");
    pty.send(":2.2\ry");
    pty.wait_for("1/47");
    let started = std::time::Instant::now();
    pty.signal(libc::SIGHUP);
    assert_eq!(pty.wait_exit(Duration::from_secs(2)), 129);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        read_json(&path)["marks"],
        serde_json::json!([{"item": "2.2", "mark": "met"}])
    );
}

#[test]
fn pty_a_failed_save_is_offered_elsewhere_on_quit() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().join("sessions");
    let path = new_session(&dir, "doomed");
    let file = path.to_str().unwrap();
    let mut pty = Pty::spawn(&dir, &["--lang", "en", "open", file], 100, 30);
    pty.wait_for("0/47");
    // The store disappears under the running session (unmounted stick, rm -r).
    std::fs::remove_dir_all(&dir).unwrap();
    pty.send(":2.2\ry");
    pty.wait_for("cannot save");
    pty.send("q");
    pty.wait_for("Write the session to another file");
    let rescue = store.path().join("rescued.json");
    pty.send(&format!("{}\r", rescue.display()));
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
    let json = read_json(&rescue);
    assert_eq!(
        json["marks"],
        serde_json::json!([{"item": "2.2", "mark": "met"}])
    );
    assert_eq!(json["center"]["name"], "doomed");
}

/// The SSH link drops: the terminal itself hangs up. No reader thread may hold a copy of
/// the pty, so the test drains the output itself, non-blocking, while it waits.
#[test]
fn pty_hangup_of_the_terminal_exits_within_2s_and_releases_the_lock() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Write;
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "dropped");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // Under a shell, as over SSH: the shell leads the session, so the kernel's SIGHUP
    // goes to the shell and pinggu must notice the hang-up on the terminal itself.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "\"$0\" open \"$1\"; sleep 5"]);
    cmd.args([pty_support::BIN, path.to_str().unwrap()]);
    cmd.env("PINGGU_SESSIONS", store.path());
    cmd.env("TERM", "xterm-256color");
    let _shell = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let fd = pair.master.as_raw_fd().expect("the master's fd");
    // SAFETY: fcntl and read on a file descriptor this test owns, into a buffer it owns.
    unsafe {
        libc::fcntl(
            fd,
            libc::F_SETFL,
            libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK,
        )
    };
    let mut output = Vec::new();
    let mut drain = |output: &mut Vec<u8>| {
        let mut buf = [0u8; 65536];
        loop {
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            output.extend_from_slice(&buf[..n as usize]);
        }
    };
    let wait = |what: &str,
                output: &mut Vec<u8>,
                drain: &mut dyn FnMut(&mut Vec<u8>),
                done: &dyn Fn(&[u8]) -> bool| {
        let deadline = Instant::now() + pty_support::WAIT;
        loop {
            drain(output);
            if done(output) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    // Raw mode is on once the alternate screen is entered.
    wait("the first frame", &mut output, &mut drain, &|o: &[u8]| {
        o.windows(8).any(|w| w == b"\x1b[?1049h")
    });
    let mut writer = pair.master.take_writer().unwrap();
    writer.write_all(b":2.2\ry").unwrap();
    writer.flush().unwrap();
    // The mark is saved the moment it is made.
    wait(
        "the mark in the file",
        &mut output,
        &mut drain,
        &|_: &[u8]| std::fs::read_to_string(&path).is_ok_and(|t| t.contains("\"2.2\"")),
    );
    let lock = pinggu::lock::lock_path(&path);
    let holder: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&lock).unwrap()).unwrap();
    let pid = holder["pid"].as_u64().unwrap();
    let cut = Instant::now();
    drop(writer);
    drop(pair.master);
    // Gone, or a zombie nobody reaps yet: either way it has exited.
    let running = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            !s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    };
    while running() {
        if cut.elapsed() > Duration::from_secs(2) {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let wchan = std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
            let stack = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/syscall"))
                .unwrap_or_default();
            pty_support::kill(u32::try_from(pid).unwrap(), libc::SIGKILL);
            panic!("still running 2 s after the hang-up: {stat} wchan {wchan} syscall {stack}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!lock.exists(), "lock released");
    assert_eq!(
        read_json(&path)["marks"],
        serde_json::json!([{"item": "2.2", "mark": "met"}])
    );
}

#[test]
fn pty_a_panic_restores_the_terminal_and_says_where_the_work_is() {
    let store = tempfile::tempdir().unwrap();
    let path = new_session(store.path(), "panicky");
    let file = path.to_str().unwrap();
    let env = [("PINGGU_TEST_PANIC", "1")];
    let mut pty = Pty::spawn_with(store.path(), &["--lang", "en", "open", file], 100, 30, &env);
    pty.wait_for("0/47");
    pty.send(":2.2\ry");
    pty.wait_for("1/47");
    pty.send("!");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 101);
    pty.wait_normal_screen();
    pty.wait_until("where the work is", |s| {
        s.replace('\n', "").contains(&format!(
            "your work is saved in {file} (up to the last change)"
        ))
    });
    assert!(
        !pinggu::lock::lock_path(&path).exists(),
        "unwinding released the lock"
    );
    assert_eq!(
        read_json(&path)["marks"],
        serde_json::json!([{"item": "2.2", "mark": "met"}])
    );
}

#[test]
fn pty_picker_offers_a_failed_save_elsewhere_and_comes_back() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().join("sessions");
    new_session(&dir, "doomed");
    let mut pty = Pty::spawn(&dir, &["--lang", "en"], 100, 30);
    pty.wait_for("doomed");
    pty.send("\r");
    pty.wait_for("100 / 100"); // the assessment screen's header
    std::fs::remove_dir_all(&dir).unwrap();
    pty.send(":2.2\ry");
    pty.wait_for("cannot save");
    pty.send("q");
    pty.wait_for("Write the session to another file");
    let rescue = store.path().join("rescued.json");
    pty.send(&format!("{}\r", rescue.display()));
    // Back in the picker, which now finds an empty (vanished) store.
    pty.wait_for("Closed doomed");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
    pty.wait_normal_screen();
    pty.wait_for("the session was written to");
    assert_eq!(
        read_json(&rescue)["marks"],
        serde_json::json!([{"item": "2.2", "mark": "met"}])
    );
}
