//! Golden files: every report format of every shipped example, byte for byte.
//!
//! The examples in `sessions/` were written by the app itself. After an intended change
//! to a format, regenerate with `UPDATE_GOLDEN=1 cargo test --test report_golden` and
//! read the diff before committing it.

use pinggu::cli::{Lang, ReportFormat};
use pinggu::standard::{Loaded, Standard};
use pinggu::{report, store};
use std::path::Path;

/// (golden name, session file)
const EXAMPLES: [(&str, &str); 3] = [
    (
        "final",
        "sessions/青枫街道社区事务受理服务中心-2026-11-18.json",
    ),
    (
        "draft",
        "sessions/梧桐镇社区事务受理服务中心-2026-11-25.json",
    ),
    (
        "clean",
        "sessions/白鹭湾街道社区事务受理服务中心-2026-11-20.json",
    ),
];

const FORMATS: [(ReportFormat, &str); 5] = [
    (ReportFormat::Text, "txt"),
    (ReportFormat::Markdown, "md"),
    (ReportFormat::Csv, "csv"),
    (ReportFormat::Html, "html"),
    (ReportFormat::Json, "json"),
];

fn check(name: &str, actual: &str) {
    let path = Path::new("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output, first at line {}:\nexpected: {:?}\nactual:   {:?}",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn loaded() -> Loaded {
    Standard::embedded()
}

#[test]
fn every_format_of_every_example_matches_its_golden_file() {
    let loaded = loaded();
    for (name, file) in EXAMPLES {
        let parsed = store::load(Path::new(file), &loaded).unwrap();
        assert!(parsed.warnings.is_empty(), "{file}: {:?}", parsed.warnings);
        for (format, ext) in FORMATS {
            let out = report::render(format, &loaded, &parsed.session, Lang::Zh);
            check(&format!("{name}.{ext}"), &out);
        }
    }
}

#[test]
fn english_labels_carry_the_same_facts() {
    let loaded = loaded();
    let session = store::load(Path::new(EXAMPLES[1].1), &loaded)
        .unwrap()
        .session;
    let en = report::render(ReportFormat::Text, &loaded, &session, Lang::En);
    check("draft.en.txt", &en);
    let zh = report::render(ReportFormat::Text, &loaded, &session, Lang::Zh);
    for fact in ["15 − 0.5 = 14.5", "98.5 − 0 = 98.5", "2.1.3", "陆思远"] {
        assert!(en.contains(fact) && zh.contains(fact), "{fact}");
    }
}

#[test]
fn the_final_example_explains_its_numbers() {
    let loaded = loaded();
    let session = store::load(Path::new(EXAMPLES[0].1), &loaded)
        .unwrap()
        .session;
    let text = report::render(ReportFormat::Text, &loaded, &session, Lang::Zh);
    for fact in [
        "12 − 1.5 = 10.5",
        "30 − 2 = 28",
        "91 − 5 = 86",
        "总分：86 / 100",
        "触发 8.1 负面舆情、负面报道（5分）",
        "最高扣15分，",
        "不累计",
        "状态：    定稿",
        "评估人（签字）",
        "复核人（签字）",
        "日期：",
    ] {
        assert!(text.contains(fact), "missing {fact:?}");
    }
    assert!(!text.contains("草稿，尚未定稿"));
    let json: serde_json::Value = serde_json::from_str(&report::render(
        ReportFormat::Json,
        &loaded,
        &session,
        Lang::Zh,
    ))
    .unwrap();
    assert_eq!(json["total"], "86");
    assert_eq!(json["penalty"], "5");
    assert_eq!(json["status"], "final");
    assert_eq!(json["reviewed"], "47");
    assert_eq!(json["categories"][0]["indicators"][1]["score"], "10.5");
}

#[test]
fn the_draft_lists_what_is_still_open() {
    let loaded = loaded();
    let session = store::load(Path::new(EXAMPLES[1].1), &loaded)
        .unwrap()
        .session;
    let text = report::render(ReportFormat::Text, &loaded, &session, Lang::Zh);
    assert!(text.contains("状态：    草稿"));
    assert!(text.contains("未评项目（31）：2.4、2.5、3.1.1"));
    assert!(text.contains("扣分未说明（1）：2.1.3"));
}

#[test]
fn json_has_the_documented_shape_in_order() {
    let loaded = loaded();
    let session = store::load(Path::new(EXAMPLES[2].1), &loaded)
        .unwrap()
        .session;
    let text = report::render(ReportFormat::Json, &loaded, &session, Lang::Zh);
    assert!(text.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "standard",
            "center",
            "status",
            "max",
            "total",
            "penalty",
            "reviewed",
            "items_total",
            "categories",
            "penalties"
        ]
    );
    assert_eq!(v["max"], "100");
    assert_eq!(v["total"], "100");
    assert_eq!(v["items_total"], "47");
    // 2.2 is itself the scored item: it lists itself as its one item.
    let ind = &v["categories"][1]["indicators"][1];
    assert_eq!(ind["id"], "2.2");
    assert_eq!(ind["items"].as_array().unwrap().len(), 1);
    assert_eq!(ind["items"][0]["id"], "2.2");
    let item = &v["categories"][4]["indicators"][0]["items"][2];
    assert_eq!(item["id"], "5.1.3");
    assert_eq!(item["status"], "na");
    assert_eq!(item["deduction"], "0");
    let keys: Vec<&str> = item
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys, ["id", "title", "status", "deduction", "note"]);
    assert_eq!(v["penalties"][1]["triggered"], false);
    assert_eq!(v["penalties"][1]["points"], "15");
}
