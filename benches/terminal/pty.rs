//! A program running in a pseudo-terminal of fixed size, its output fed to a `vt100` screen.
//!
//! Linux only (openpty, poll, /proc). The terminal answers the two queries programs wait on at
//! start (cursor position, primary device attributes), as a real terminal would, so neither
//! pinggu nor vim sits out a timeout here that it would not sit out on a real terminal.

use std::io::{self, Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Answers to terminal queries, collected while parsing and written back after.
#[derive(Default)]
pub struct Replies(Vec<u8>);

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        match (i1, c, first) {
            // DSR: report the cursor position (1-based).
            (None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                self.0
                    .extend(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
            }
            // DA1: "VT220 with ANSI colour", like many terminals.
            (None, 'c', 0) => self.0.extend(b"\x1b[?62;22c"),
            _ => {}
        }
    }
}

pub struct Pty {
    master: std::fs::File,
    child: Child,
    parser: vt100::Parser<Replies>,
    /// Every byte the program has written to the terminal.
    pub received: usize,
    /// The bytes themselves, for breaking a keystroke's cost down (cursor moves, colours, text).
    pub log: Vec<u8>,
    exited: bool,
}

impl Pty {
    /// Starts `cmd` on a new pty of `rows` x `cols`, as the session leader with it as its
    /// controlling terminal, TERM=xterm-256color.
    pub fn spawn(cmd: &mut Command, rows: u16, cols: u16) -> io::Result<Pty> {
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let (mut master, mut slave) = (-1, -1);
        // SAFETY: openpty writes two fds into the out-params; the null name/termios are allowed.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        if rc != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: both fds were just returned by openpty and are owned by nobody else.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        // SAFETY: plain fcntl on an fd we own; the child must not inherit the master.
        unsafe { libc::fcntl(master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
        cmd.env("TERM", "xterm-256color")
            .env("LINES", rows.to_string())
            .env("COLUMNS", cols.to_string())
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        // SAFETY: setsid and ioctl are async-signal-safe, as pre_exec requires.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn()?;
        // Drop our copies of the slave side, so the master reads EOF when the program exits.
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let rows = NonZeroU16::new(rows).unwrap_or(NonZeroU16::MIN);
        let cols = NonZeroU16::new(cols).unwrap_or(NonZeroU16::MIN);
        Ok(Pty {
            master: std::fs::File::from(master),
            child,
            parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Replies::default()),
            received: 0,
            log: Vec::new(),
            exited: false,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Waits up to `timeout` for output and reads what is there; 0 when none came (or the
    /// program has closed the terminal).
    pub fn read_once(&mut self, timeout: Duration) -> io::Result<usize> {
        if self.exited {
            return Ok(0);
        }
        let mut fds = libc::pollfd {
            fd: self.master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd for the duration of the call.
        let ready = unsafe { libc::poll(&mut fds, 1, ms) };
        if ready < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(0)
            } else {
                Err(e)
            };
        }
        if ready == 0 {
            return Ok(0);
        }
        let mut buf = [0u8; 65536];
        match self.master.read(&mut buf) {
            Ok(0) => {
                self.exited = true;
                Ok(0)
            }
            Ok(n) => {
                self.received += n;
                self.log.extend_from_slice(&buf[..n]);
                self.parser.process(&buf[..n]);
                let replies = std::mem::take(&mut self.parser.callbacks_mut().0);
                if !replies.is_empty() {
                    self.master.write_all(&replies)?;
                }
                Ok(n)
            }
            // EIO: every copy of the slave side is closed, the program is gone.
            Err(e) if e.raw_os_error() == Some(libc::EIO) => {
                self.exited = true;
                Ok(0)
            }
            Err(e) => Err(e),
        }
    }

    /// Reads until `done(screen)` holds; returns the moment it first held.
    pub fn wait_for(
        &mut self,
        limit: Duration,
        done: impl Fn(&vt100::Screen) -> bool,
    ) -> io::Result<Instant> {
        let deadline = Instant::now() + limit;
        loop {
            if done(self.screen()) {
                return Ok(Instant::now());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.exited {
                let why = if self.exited {
                    "the program exited"
                } else {
                    "timed out"
                };
                let (rows, cols) = self.screen().size();
                let shown: Vec<String> = self
                    .screen()
                    .rows(0, cols.get())
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(n, l)| format!("{n}:{}", l.trim()))
                    .collect();
                let shown = format!("{}x{} {}", cols, rows, shown.join(" / "));
                return Err(io::Error::other(format!(
                    "expected screen not seen ({why} after {:?}); screen: {}",
                    limit.saturating_sub(left),
                    shown
                )));
            }
            self.read_once(left.min(Duration::from_millis(50)))?;
        }
    }

    /// Reads until the program has been silent for `quiet` (at most `limit` in all); returns the
    /// bytes read.
    pub fn settle(&mut self, quiet: Duration, limit: Duration) -> io::Result<usize> {
        let start = self.received;
        let deadline = Instant::now() + limit;
        let mut last = Instant::now();
        while Instant::now() < deadline && !self.exited {
            if self.read_once(Duration::from_millis(10))? > 0 {
                last = Instant::now();
            } else if last.elapsed() >= quiet {
                break;
            }
        }
        Ok(self.received - start)
    }

    /// Types `bytes` as the keyboard would.
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.master.write_all(bytes)?;
        self.master.flush()
    }

    /// Peak resident set size so far, from /proc (VmHWM), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Waits up to `limit` for the program to exit on its own, reading its output meanwhile.
    pub fn wait_exit(&mut self, limit: Duration) -> io::Result<Option<std::process::ExitStatus>> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(Some(status));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            self.read_once(Duration::from_millis(20))?;
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
