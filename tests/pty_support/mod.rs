//! Runs the real `pinggu` binary in a pseudo-terminal and reads its screen with vt100.
//!
//! Every wait polls the screen (or the process) with a deadline instead of sleeping a
//! fixed time, so the tests are as fast as the program and fail with the screen shown.

#![allow(dead_code)] // each test file uses its own part of the harness

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_pinggu");
pub const WAIT: Duration = Duration::from_secs(5);

/// A `pinggu` command line with a private store, outside any terminal.
pub fn cli(store: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env("PINGGU_SESSIONS", store)
        .env_remove("PINGGU_LANG")
        .env_remove("PINGGU_ASCII")
        .env("NO_COLOR", "1");
    c
}

/// `pinggu new --no-open`: the new session's path.
pub fn new_session(store: &Path, center: &str) -> PathBuf {
    let out = cli(store)
        .args(["new", "--center", center, "--district", "徐汇区"])
        .args(["--assessor", "张三", "--date", "2026-12-03", "--no-open"])
        .output()
        .expect("run pinggu new");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Starts `pinggu ARGS` in a `cols`x`rows` terminal with the store at `store`.
    pub fn spawn(store: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_with(store, args, cols, rows, &[])
    }

    /// Like [`Pty::spawn`], with extra environment variables.
    pub fn spawn_with(
        store: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("PINGGU_SESSIONS", store);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("PINGGU_LANG");
        cmd.env_remove("PINGGU_ASCII");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(store);
        let child = pair.slave.spawn_command(cmd).expect("spawn pinggu");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal size above 0");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            child,
            writer,
            parser,
            _master: pair.master,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Where the terminal's cursor is (row, column).
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.lock().unwrap().screen().cursor_position()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits until the screen shows `text`; panics with the screen after `WAIT`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text));
    }

    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        self.wait(what, |pty| ok(&pty.screen()));
    }

    /// Waits until `ok` holds for the terminal (screen, cursor, modes). Output arrives in
    /// pieces: never assert on a screen read once, wait for what should be there.
    pub fn wait(&self, what: &str, ok: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + WAIT;
        loop {
            if ok(self) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the program has left the alternate screen (the terminal is restored).
    pub fn wait_normal_screen(&self) {
        self.wait("the normal screen", |pty| !pty.alternate_screen());
    }

    /// Waits for the process to end within `limit`; its exit code.
    pub fn wait_exit(&mut self, limit: Duration) -> u32 {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let screen = self.screen();
                let _ = self.child.kill();
                panic!("pinggu did not exit within {limit:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends `signal` (libc::SIGHUP, ...) to the program.
    pub fn signal(&self, signal: i32) {
        kill(self.pid(), signal);
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The session file as JSON.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read the session file");
    serde_json::from_str(&text).expect("the session file is JSON")
}

/// kill(2), without relying on a `kill` program being installed.
pub fn kill(pid: u32, signal: i32) {
    let pid = libc::pid_t::try_from(pid).expect("a pid");
    // SAFETY: kill(2) takes plain integers.
    let rc = unsafe { libc::kill(pid, signal) };
    assert_eq!(
        rc,
        0,
        "kill({pid}, {signal}): {}",
        std::io::Error::last_os_error()
    );
}
