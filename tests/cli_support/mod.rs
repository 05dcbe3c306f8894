//! Shared by the tests that run the real `pinggu` binary: a temporary store, a runner,
//! and readers. Each test binary uses a different subset, hence the allow.
#![allow(dead_code)]

use pinggu::session::{self, Session};
use pinggu::standard::Standard;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary directory holding a session store at `store`.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub store: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("sessions");
        std::fs::create_dir(&store).expect("store dir");
        Env { dir, store }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_pinggu"));
        c.args(args)
            .current_dir(self.dir.path())
            .env("PINGGU_SESSIONS", &self.store)
            .env_remove("PINGGU_LANG")
            .env_remove("PINGGU_TEST_CRASH_AT")
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run pinggu")
    }

    pub fn run_env(&self, args: &[&str], key: &str, value: &str) -> Output {
        self.command(args)
            .env(key, value)
            .output()
            .expect("run pinggu")
    }

    pub fn run_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pinggu");
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(input).expect("write stdin");
        }
        child.wait_with_output().expect("wait pinggu")
    }

    /// Creates a session with `pinggu new --no-open`; returns its path.
    pub fn new_session(&self, center: &str) -> PathBuf {
        let out = self.run(&[
            "new",
            "--center",
            center,
            "--date",
            "2024-05-01",
            "--no-open",
        ]);
        assert_eq!(out.status.code(), Some(0), "new: {}", stderr(&out));
        let path = String::from_utf8(out.stdout).expect("utf-8 path");
        PathBuf::from(path.trim_end_matches('\n'))
    }

    /// Runs a command and asserts success.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        out
    }

    /// The store's file names, sorted (hidden ones included).
    pub fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.store)
            .expect("read store")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Parses a session file under the embedded standard.
pub fn load(path: &Path) -> Session {
    let loaded = Standard::embedded();
    let bytes = std::fs::read(path).expect("read session");
    match session::parse(&bytes, &path.display().to_string(), &loaded) {
        Ok(p) => p.session,
        Err(e) => panic!("{e}"),
    }
}

pub fn bak(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".bak");
    PathBuf::from(p)
}
