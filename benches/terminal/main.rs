//! Whole-program measurements of the release binary in a pseudo-terminal, beside vim.
//!
//! `cargo bench --bench terminal` (part of `cargo bench`). Prints Markdown tables for
//! BENCHMARKS.md and writes them to target/benchmarks/terminal.md. Under `cargo test` (no
//! `--bench` argument) it does nothing, so the test suite stays fast.
//!
//! ```text
//! fixtures (temp dir) ──► pty (openpty, vt100 screen) ──► measure::* ──► tables
//! ```

#[allow(dead_code)] // shared with the in-process benches; this harness uses part of it
#[path = "../common/mod.rs"]
mod common;
mod diff;
mod fixtures;
mod measure;
mod pty;

use std::fmt::Write as _;
use std::time::Duration;

/// Runs per first-frame figure (issue 6: median of 20); `PINGGU_BENCH_RUNS` overrides it.
const RUNS: usize = 20;
const SIZES: [(u16, u16); 2] = [(24, 80), (60, 200)];

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("terminal: whole-program harness; run it with `cargo bench --bench terminal`");
        return;
    }
    let runs = std::env::var("PINGGU_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(RUNS);
    let fx = match fixtures::build() {
        Ok(fx) => fx,
        Err(e) => {
            eprintln!("terminal: cannot build the fixtures: {e}");
            std::process::exit(1);
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "\nLoad average at start: {}", load_average());
    first_frames(&mut out, &fx, runs);
    keystrokes(&mut out, &fx);
    memory(&mut out, &fx);
    instructions(&mut out, &fx);
    summary(&mut out, &fx);
    let _ = writeln!(out, "\nLoad average at end: {}", load_average());
    print!("{out}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/benchmarks");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("terminal.md"), &out);
    }
}

fn first_frames(out: &mut String, fx: &fixtures::Fixtures, runs: usize) {
    let has_vim = measure::available("vim");
    for size in SIZES {
        let _ = writeln!(
            out,
            "\n### First frame at {}x{} (ms, {runs} runs each, interleaved)\n",
            size.1, size.0
        );
        let _ = writeln!(
            out,
            "| program | median | min | max |\n|---|---:|---:|---:|"
        );
        let (mut ours, mut vims) = (Vec::new(), Vec::new());
        let mut errors = Vec::new();
        for _ in 0..runs {
            let cmd = measure::pinggu_open(fx, &fx.empty, None);
            match measure::first_frame(cmd, size, measure::pinggu_ready, b"q") {
                Ok(d) => ours.push(d),
                Err(e) => errors.push(format!("pinggu: {e}")),
            }
            if has_vim {
                measure::remove_vim_swap(fx);
                match measure::first_frame(measure::vim(fx), size, measure::vim_ready, b":q!\r") {
                    Ok(d) => vims.push(d),
                    Err(e) => errors.push(format!("vim: {e}")),
                }
            }
        }
        row(out, "`pinggu open` (empty session)", &mut ours);
        if has_vim {
            row(out, "`vim -u NONE standard.md`", &mut vims);
        }
        if let (Some(a), Some(b)) = (median(&mut ours), median(&mut vims)) {
            let ratio = a.as_secs_f64() / b.as_secs_f64();
            let verdict = if ratio <= 1.0 {
                "within budget (≤ 1.0)"
            } else {
                "MISSED (budget ≤ 1.0)"
            };
            let _ = writeln!(
                out,
                "\nRatio pinggu / vim (medians): **{ratio:.2}** — {verdict}"
            );
        } else if !has_vim {
            let _ = writeln!(out, "\nvim: not measured: vim is not installed");
        }
        errors_note(out, &errors);
    }
}

fn keystrokes(out: &mut String, fx: &fixtures::Fixtures) {
    for size in SIZES {
        let _ = writeln!(out, "\n### Bytes per keystroke at {}x{}\n", size.1, size.0);
        match measure::keystrokes(fx, size) {
            Ok(rows) => {
                let _ = writeln!(
                    out,
                    "| keystroke | sent | minimum | sent / min | cells changed | runs | sent: moves (redundant) / SGR / other / text | without redundant moves / min |\n|---|---:|---:|---:|---:|---:|---|---:|"
                );
                for r in rows {
                    let ratio = if r.change.min_bytes == 0 {
                        "—".to_string()
                    } else {
                        let x = r.sent as f64 / r.change.min_bytes as f64;
                        format!("{x:.2}{}", if x > 2.0 { " MISSED" } else { "" })
                    };
                    let p = r.parts;
                    let lean = if r.change.min_bytes == 0 {
                        "—".to_string()
                    } else {
                        let x = (r.sent - p.redundant_moves) as f64 / r.change.min_bytes as f64;
                        format!("{x:.2}")
                    };
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {ratio} | {} | {} | {} ({}) / {} / {} / {} | {lean} |",
                        r.label,
                        r.sent,
                        r.change.min_bytes,
                        r.change.cells,
                        r.change.runs,
                        p.moves,
                        p.redundant_moves,
                        p.sgr,
                        p.other,
                        p.text
                    );
                }
            }
            Err(e) => {
                let _ = writeln!(out, "not measured: {}", first_line(&e.to_string()));
            }
        }
    }
}

fn memory(out: &mut String, fx: &fixtures::Fixtures) {
    let _ = writeln!(
        out,
        "\n### Peak RSS (VmHWM once the first frame is drawn, 120x40)\n\n| opened | peak RSS | first frame |\n|---|---:|---:|"
    );
    let cases = [
        ("full session, real standard", &fx.full, None),
        (
            "empty session, 10,000-item standard",
            &fx.empty_10k,
            Some(fx.standard_10k.as_path()),
        ),
        (
            "full session, 10,000-item standard",
            &fx.full_10k,
            Some(fx.standard_10k.as_path()),
        ),
    ];
    for (label, session, standard) in cases {
        match measure::peak_rss(measure::pinggu_open(fx, session, standard)) {
            Ok((kib, frame)) => {
                let mib = kib as f64 / 1024.0;
                let _ = writeln!(out, "| {label} | {mib:.1} MiB | {} ms |", ms(frame));
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "| {label} | not measured: {} | |",
                    first_line(&e.to_string())
                );
            }
        }
    }
}

fn instructions(out: &mut String, fx: &fixtures::Fixtures) {
    let _ = writeln!(
        out,
        "\n### Instructions for a scripted assessment of all 47 items\n"
    );
    if !measure::available("valgrind") {
        let _ = writeln!(out, "not measured: valgrind is not installed");
        return;
    }
    match measure::callgrind(fx) {
        Ok((ir, met)) => {
            let _ = writeln!(
                out,
                "callgrind Ir (start, 47 × `y`, quit; 80x24): **{ir}** ({met}/47 items met in the file afterwards)"
            );
        }
        Err(e) => {
            let _ = writeln!(out, "not measured: {}", first_line(&e.to_string()));
        }
    }
}

fn summary(out: &mut String, fx: &fixtures::Fixtures) {
    let _ = writeln!(
        out,
        "\n### `pinggu summary` over 1,000 session files (ms, 5 runs)\n"
    );
    let mut times = Vec::new();
    for _ in 0..5 {
        match measure::summary(fx) {
            Ok(d) => times.push(d),
            Err(e) => {
                let _ = writeln!(out, "not measured: {}", first_line(&e.to_string()));
                return;
            }
        }
    }
    let _ = writeln!(
        out,
        "| command | median | min | max |\n|---|---:|---:|---:|"
    );
    row(out, "`pinggu summary DIR` (1,000 files)", &mut times);
}

fn row(out: &mut String, label: &str, times: &mut [Duration]) {
    match (median(times), times.first(), times.last()) {
        (Some(m), Some(lo), Some(hi)) => {
            let _ = writeln!(out, "| {label} | {} | {} | {} |", ms(m), ms(*lo), ms(*hi));
        }
        _ => {
            let _ = writeln!(out, "| {label} | not measured | | |");
        }
    }
}

/// Sorts `times` and returns the median.
fn median(times: &mut [Duration]) -> Option<Duration> {
    times.sort();
    match times.len() {
        0 => None,
        n if n % 2 == 1 => Some(times[n / 2]),
        n => Some((times[n / 2 - 1] + times[n / 2]) / 2),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn errors_note(out: &mut String, errors: &[String]) {
    if let Some(first) = errors.first() {
        let _ = writeln!(
            out,
            "\n{} failed run(s); first: {}",
            errors.len(),
            first_line(first)
        );
    }
}

/// The 1, 5 and 15 minute load averages: other work on the machine skews every figure.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}
