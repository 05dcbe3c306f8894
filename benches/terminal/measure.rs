//! The whole-program measurements: each starts the real binary (or vim) in a fresh pty.

use crate::diff::{self, Change};
use crate::fixtures::{self, Fixtures};
use crate::pty::Pty;
use std::io;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub const PINGGU: &str = env!("CARGO_BIN_EXE_pinggu");
/// Longest wait for a first frame; far above any real figure, it only stops a hung run.
const FRAME_LIMIT: Duration = Duration::from_secs(20);
/// Silence that ends a keystroke's output (the autosave and its status line included).
const QUIET: Duration = Duration::from_millis(150);

/// The same clean environment for pinggu and vim: UTF-8 locale, a private HOME, no NO_COLOR.
fn command(program: &str, fx: &Fixtures) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &fx.home)
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .env("PINGGU_SESSIONS", &fx.store)
        .current_dir(&fx.home);
    cmd
}

/// `pinggu [--standard FILE] open SESSION`.
pub fn pinggu_open(fx: &Fixtures, session: &Path, standard: Option<&Path>) -> Command {
    let mut cmd = command(PINGGU, fx);
    if let Some(s) = standard {
        cmd.arg("--standard").arg(s);
    }
    cmd.arg("open").arg(session);
    cmd
}

/// `vim -u NONE standard.md`.
pub fn vim(fx: &Fixtures) -> Command {
    let mut cmd = command("vim", fx);
    cmd.arg("-u").arg("NONE").arg(&fx.markdown);
    cmd
}

/// pinggu's first frame is complete when the first category's row is drawn and a row below
/// the panes' bottom border (the key hints, drawn last: ratatui writes rows top to bottom) has
/// text.
pub fn pinggu_ready(screen: &vt100::Screen) -> bool {
    let cols = screen.size().1.get();
    let rows: Vec<String> = screen.rows(0, cols).collect();
    let Some(bottom) = rows.iter().rposition(|r| r.contains('┘')) else {
        return false;
    };
    screen.contents().contains("服务环境")
        && rows[bottom + 1..].iter().any(|r| !r.trim().is_empty())
}

/// vim's first frame is complete when the file's first line is on top and its file message
/// ("standard.md" NL, NB) is on the bottom row.
pub fn vim_ready(screen: &vt100::Screen) -> bool {
    let top = screen
        .rows(0, screen.size().1.get())
        .next()
        .unwrap_or_default();
    top.starts_with("# ") && last_row(screen).contains("standard.md")
}

fn last_row(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(usize::from(rows.get() - 1))
        .unwrap_or_default()
}

/// Time from spawn to the first complete frame; quits the program politely after (`quit`).
pub fn first_frame(
    mut cmd: Command,
    size: (u16, u16),
    ready: fn(&vt100::Screen) -> bool,
    quit: &[u8],
) -> io::Result<Duration> {
    let start = Instant::now();
    let mut pty = Pty::spawn(&mut cmd, size.0, size.1)?;
    let at = pty.wait_for(FRAME_LIMIT, ready)?;
    pty.send(quit)?;
    pty.wait_exit(Duration::from_secs(5))?;
    Ok(at - start)
}

/// One measured keystroke.
pub struct KeyRow {
    pub label: &'static str,
    pub sent: usize,
    pub change: Change,
    pub parts: diff::Breakdown,
}

/// What each key costs in bytes, on a fresh copy of the empty session at `size`; the first
/// row is the full redraw (the first frame, against a blank screen).
pub fn keystrokes(fx: &Fixtures, size: (u16, u16)) -> io::Result<Vec<KeyRow>> {
    let session = fixtures::fresh_copy(&fx.empty, &format!("keys-{}x{}", size.1, size.0))?;
    let mut pty = Pty::spawn(&mut pinggu_open(fx, &session, None), size.0, size.1)?;
    let blank = pty.screen().clone();
    pty.wait_for(FRAME_LIMIT, pinggu_ready)?;
    pty.settle(Duration::from_millis(300), Duration::from_secs(5))?;
    let mut rows = vec![KeyRow {
        label: "full redraw (first frame)",
        sent: pty.received,
        change: diff::minimum(&blank, pty.screen()),
        parts: diff::breakdown(&pty.log),
    }];
    // A fresh session opens on item 1.1.1: j goes to 1.1.2, y marks it and moves to 1.2.1,
    // 1 + Enter deduct 1 point there and move to 1.2.2, whose note is edited.
    let steps: [(&str, &[u8]); 7] = [
        ("cursor move (j)", b"j"),
        ("mark met (y)", b"y"),
        ("deduction: digit opens the prompt (1)", b"1"),
        ("deduction: Enter applies it", b"\r"),
        ("note: open the editor (e)", b"e"),
        ("note keystroke (好)", "好".as_bytes()),
        ("note: close the editor (Esc)", b"\x1b"),
    ];
    for (label, keys) in steps {
        let before = pty.screen().clone();
        let from = pty.log.len();
        pty.send(keys)?;
        let sent = pty.settle(QUIET, Duration::from_secs(3))?;
        rows.push(KeyRow {
            label,
            sent,
            change: diff::minimum(&before, pty.screen()),
            parts: diff::breakdown(&pty.log[from..]),
        });
        dump(size, rows.len() - 1, &pty.log[from..]);
    }
    pty.send(b"q")?;
    pty.wait_exit(Duration::from_secs(5))?;
    Ok(rows)
}

/// With `PINGGU_BENCH_DUMP=DIR`, keeps each keystroke's raw output for inspection
/// (`cat -v DIR/80x24-2.bin`).
fn dump(size: (u16, u16), n: usize, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("PINGGU_BENCH_DUMP") {
        let dir = Path::new(&dir);
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(dir.join(format!("{}x{}-{n}.bin", size.1, size.0)), bytes);
    }
}

/// Peak RSS (KiB) once `cmd`'s first frame is drawn and it has gone quiet.
pub fn peak_rss(mut cmd: Command) -> io::Result<(u64, Duration)> {
    let start = Instant::now();
    let mut pty = Pty::spawn(&mut cmd, 40, 120)?;
    let at = pty.wait_for(Duration::from_secs(120), pinggu_ready)?;
    pty.settle(Duration::from_millis(300), Duration::from_secs(10))?;
    let rss = pty
        .peak_rss_kib()
        .ok_or_else(|| io::Error::other("no VmHWM in /proc"))?;
    pty.send(b"q")?;
    pty.wait_exit(Duration::from_secs(10))?;
    Ok((rss, at - start))
}

/// Instructions (callgrind's Ir) for start-up, 47 × `y` through the whole real standard, and
/// quit; returns the count and how many items the file has marked met afterwards.
pub fn callgrind(fx: &Fixtures) -> io::Result<(u64, usize)> {
    let session = fixtures::fresh_copy(&fx.empty, "callgrind")?;
    let out = fx.home.join("callgrind.out");
    let mut cmd = command("valgrind", fx);
    cmd.arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(PINGGU)
        .arg("open")
        .arg(&session);
    let mut pty = Pty::spawn(&mut cmd, 24, 80)?;
    pty.wait_for(Duration::from_secs(120), pinggu_ready)?;
    pty.settle(Duration::from_millis(500), Duration::from_secs(10))?;
    // A fresh session opens on item 1.1.1; each y marks one item met and moves to the next.
    for _ in 0..47 {
        pty.send(b"y")?;
        pty.settle(Duration::from_millis(300), Duration::from_secs(10))?;
    }
    pty.send(b"q")?;
    pty.wait_exit(Duration::from_secs(60))?;
    let text = std::fs::read_to_string(&out)?;
    // Kept for `callgrind_annotate target/benchmarks/callgrind.out`.
    let keep = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/benchmarks");
    if std::fs::create_dir_all(&keep).is_ok() {
        let _ = std::fs::write(keep.join("callgrind.out"), &text);
    }
    let ir = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("summary:")
                .or_else(|| l.strip_prefix("totals:"))
        })
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| io::Error::other("no summary line in the callgrind output"))?;
    Ok((ir, count_met(&session)?))
}

fn count_met(session: &Path) -> io::Result<usize> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(session)?)?;
    let marks = v.get("marks").and_then(|m| m.as_array());
    Ok(marks.map_or(0, |m| {
        m.iter()
            .filter(|e| e.get("mark").and_then(|k| k.as_str()) == Some("met"))
            .count()
    }))
}

/// Wall time of `pinggu summary DIR` over the 1,000 generated sessions, output discarded.
pub fn summary(fx: &Fixtures) -> io::Result<Duration> {
    let start = Instant::now();
    let out = command(PINGGU, fx)
        .arg("summary")
        .arg(&fx.summary_dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .output()?;
    let took = start.elapsed();
    if !out.status.success() {
        return Err(io::Error::other(format!(
            "pinggu summary failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(took)
}

/// True when `program` can be run from PATH.
pub fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// vim's swap file, left behind if a run was cut short.
pub fn remove_vim_swap(fx: &Fixtures) {
    if let Some(dir) = fx.markdown.parent() {
        let _ = std::fs::remove_file(dir.join(".standard.md.swp"));
    }
}
