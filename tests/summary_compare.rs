//! `pinggu summary`: ranking with shared ranks, averages over final sessions, broken and
//! foreign files listed without stopping, other standard versions flagged, the district
//! filter, and the three formats on the shipped examples (golden files).

use pinggu::standard::Standard;
use pinggu::summary::{self, Entry};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;

fn pinggu(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pinggu"))
        .args(args)
        .env_remove("PINGGU_LANG")
        .env_remove("PINGGU_SESSIONS")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn check_golden(name: &str, actual: &str) {
    let path = Path::new("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert_eq!(expected, actual, "{}", path.display());
}

#[test]
fn summary_of_the_examples_matches_the_golden_files() {
    for (format, ext) in [("text", "txt"), ("csv", "csv"), ("json", "json")] {
        let (code, out, err) = pinggu(&["summary", "sessions", "--format", format]);
        assert_eq!(code, 0, "{err}");
        check_golden(&format!("summary.{ext}"), &out);
    }
    let (_, out, _) = pinggu(&["summary", "sessions", "--format", "csv"]);
    assert!(out.starts_with('\u{FEFF}'));
}

fn entry(center: &str, total: i64, is_final: bool) -> Entry {
    Entry {
        file: format!("{center}.json"),
        center: center.into(),
        district: String::new(),
        date: "2026-11-18".into(),
        assessors: Vec::new(),
        is_final,
        reviewed: 47,
        items_total: 47,
        categories: vec![Decimal::new(total, 0)],
        penalty: Decimal::ZERO,
        total: Decimal::new(total, 0),
        rank: 0,
        other_standard: None,
    }
}

#[test]
fn equal_totals_share_a_rank_and_the_next_rank_skips() {
    let mut rows = vec![
        entry("丙", 90, true),
        entry("甲", 95, true),
        entry("丁", 80, false),
        entry("乙", 90, true),
    ];
    summary::rank(&mut rows);
    let got: Vec<(&str, usize)> = rows.iter().map(|e| (e.center.as_str(), e.rank)).collect();
    // Ties keep a stable order by center name (by code point).
    assert_eq!(got, [("甲", 1), ("丙", 2), ("乙", 2), ("丁", 4)]);
    let avg = summary::average(&rows).unwrap();
    assert_eq!(avg.count, 3);
    assert_eq!(avg.total, Decimal::new(9167, 2)); // (95 + 90 + 90) / 3 = 91.666… → 91.67
    assert_eq!(summary::average(&[entry("x", 50, false)]), None);
}

#[test]
fn broken_foreign_and_other_version_files_are_listed_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in std::fs::read_dir("sessions").unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, d.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(d.join("broken.json"), "{\"format\": \"pinggu-session/1\", ").unwrap();
    std::fs::write(d.join("foreign.json"), "{\"name\": \"package.json\"}").unwrap();
    std::fs::write(d.join("binary.json"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    std::fs::create_dir(d.join("folder.json")).unwrap();
    std::fs::write(d.join("notes.txt"), "not a session, not listed").unwrap();
    let old = std::fs::read_to_string("sessions/青枫街道社区事务受理服务中心-2026-11-18.json")
        .unwrap()
        .replace("\"version\": \"2022\"", "\"version\": \"2019\"")
        .replace("青枫街道", "旧标准街道");
    std::fs::write(d.join("old.json"), old).unwrap();

    let shown = d.display().to_string();
    let (code, out, err) = pinggu(&["--sessions", &shown, "summary"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("/47")).collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(out.contains("定稿*"), "{out}");
    assert!(out.contains("* 按其他版本的评估标准评分"));
    assert!(out.contains("old.json (sh-community-affairs-2022 2019)"));
    assert!(out.contains("无法汇总的文件："));
    for (file, reason) in [
        ("broken.json", "not valid JSON"),
        ("foreign.json", "not a pinggu session"),
        ("binary.json", "not UTF-8"),
        ("folder.json", "is a directory"),
    ] {
        let line = out
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file}: {out}"));
        assert!(line.contains(reason), "{line}");
    }
    assert!(!out.contains("notes.txt"));
    // The averages are over final sessions only: 100, 86 and 86 (the old-standard copy).
    let avg = out
        .lines()
        .find(|l| l.starts_with("定稿平均（3）"))
        .unwrap();
    assert!(avg.trim_end().ends_with("90.67"), "{avg}");

    let (_, json, _) = pinggu(&["--sessions", &shown, "summary", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), 4);
    assert_eq!(v["errors"].as_array().unwrap().len(), 4);
    assert_eq!(v["average"]["total"], "90.67");
    let old = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["center"] == "旧标准街道社区事务受理服务中心")
        .unwrap();
    assert_eq!(old["other_standard"], "sh-community-affairs-2022 2019");
    assert_eq!(old["rank"], "3");
}

#[test]
fn district_filter_and_file_arguments() {
    let (code, out, _) = pinggu(&["summary", "sessions", "--district", "云杉区"]);
    assert_eq!(code, 0);
    assert!(out.contains("白鹭湾街道"));
    assert!(!out.contains("青枫街道") && !out.contains("梧桐镇"));
    let (_, out, _) = pinggu(&[
        "summary",
        "--format",
        "json",
        "sessions/青枫街道社区事务受理服务中心-2026-11-18.json",
        "sessions/梧桐镇社区事务受理服务中心-2026-11-25.json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let totals: Vec<&str> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["total"].as_str().unwrap())
        .collect();
    assert_eq!(totals, ["98.5", "86"]);
    assert_eq!(v["average"]["count"], "1");
    assert_eq!(v["average"]["total"], "86");
}

#[test]
fn a_thousand_sessions_are_summarised() {
    let loaded = Standard::embedded();
    let dir = tempfile::tempdir().unwrap();
    let template =
        std::fs::read_to_string("sessions/青枫街道社区事务受理服务中心-2026-11-18.json").unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for n in 0..1000 {
        let path = dir.path().join(format!("c{n:04}.json"));
        let text = template.replace("青枫街道", &format!("第{n}街道"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let started = std::time::Instant::now();
    let s = summary::build(&loaded, &files, None);
    let took = started.elapsed();
    assert_eq!(s.entries.len(), 1000);
    assert!(
        s.entries
            .iter()
            .all(|e| e.rank == 1 && e.total == Decimal::new(86, 0))
    );
    assert!(s.broken.is_empty());
    // Generous for a debug build on a shared machine; release is measured by hand.
    assert!(took.as_secs() < 20, "{took:?}");
}

#[test]
fn a_link_out_of_the_store_is_listed_as_broken_not_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    let outside = dir.path().join("elsewhere.json");
    std::fs::copy(
        "sessions/白鹭湾街道社区事务受理服务中心-2026-11-20.json",
        &outside,
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, store.join("planted.json")).unwrap();
    let shown = store.display().to_string();
    for args in [
        vec!["--sessions", &shown, "summary"],
        vec!["summary", &shown],
    ] {
        let (code, out, err) = pinggu(&args);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out.lines().filter(|l| l.contains("/47")).count(),
            0,
            "{out}"
        );
        let line = out.lines().find(|l| l.contains("planted.json")).unwrap();
        assert!(line.contains("outside the session store"), "{line}");
    }
}
