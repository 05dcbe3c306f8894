//! The scriptable commands as the real binary: the exact session file they write, and
//! their exit codes (0 done, 1 refused or failed, 2 usage).

mod cli_support;

use cli_support::{Env, stderr};
use pinggu::standard::Standard;

const CENTER: &str = "黄浦区外滩街道社区事务受理服务中心";
const NAME: &str = "黄浦区外滩街道社区事务受理服务中心-2024-05-01.json";

/// The file with its two timestamps replaced, so it can be compared exactly.
fn masked(path: &std::path::Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match l.split_once(": ") {
            Some((k @ ("  \"created\"" | "  \"updated\""), _)) => format!("{k}: \"T\","),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn the_session_file_is_stable_sorted_and_keeps_amounts_as_strings() {
    let env = Env::new();
    let out = env.ok(&[
        "new",
        "--center",
        CENTER,
        "--district",
        "黄浦区",
        "--assessor",
        "张三,李四",
        "--date",
        "2024-05-01",
        "--no-open",
    ]);
    let path = env.store.join(NAME);
    assert_eq!(cli_support::stdout(&out), format!("{}\n", path.display()));
    // Out of order on purpose: the file is sorted by item id regardless.
    env.ok(&["mark", NAME, "7.3", "na"]);
    env.ok(&["mark", NAME, "1.2.3", "deduct", "1.50"]);
    env.ok(&["note", NAME, "1.2.3", "柜台有玻璃隔断"]);
    env.ok(&["note", NAME, "2.2", "仅备注"]);
    env.ok(&["mark", NAME, "1.1.1", "met"]);
    env.ok(&["penalty", NAME, "8.2", "on", "--note", "违纪"]);
    env.ok(&["penalty", NAME, "8.1", "on"]);
    env.ok(&["penalty", NAME, "8.1", "off"]);
    let sha = Standard::embedded().sha256;
    let expected = format!(
        r#"{{
  "format": "pinggu-session/1",
  "center": {{
    "name": "{CENTER}",
    "district": "黄浦区",
    "assessors": [
      "张三",
      "李四"
    ],
    "date": "2024-05-01"
  }},
  "standard": {{
    "id": "sh-community-affairs-2022",
    "version": "2022",
    "sha256": "{sha}"
  }},
  "created": "T",
  "updated": "T",
  "status": "draft",
  "marks": [
    {{
      "item": "1.1.1",
      "mark": "met"
    }},
    {{
      "item": "1.2.3",
      "mark": "deducted",
      "deduction": "1.5",
      "note": "柜台有玻璃隔断"
    }},
    {{
      "item": "2.2",
      "note": "仅备注"
    }},
    {{
      "item": "7.3",
      "mark": "na"
    }}
  ],
  "penalties": [
    {{
      "item": "8.2",
      "triggered": true,
      "note": "违纪"
    }}
  ],
  "view": {{
    "expanded": []
  }}
}}
"#
    );
    assert_eq!(masked(&path), expected);
}

#[test]
fn clearing_a_mark_and_its_note_removes_the_entry() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let name = "测试中心";
    env.ok(&["mark", name, "4.1", "deduct", "0.5"]);
    env.ok(&["note", name, "4.1", "未上墙"]);
    env.ok(&["mark", name, "4.1", "clear"]);
    assert_eq!(
        cli_support::load(&path).note("4.1"),
        "未上墙",
        "the note stays"
    );
    env.ok(&["note", name, "4.1", ""]);
    assert!(cli_support::load(&path).marks.is_empty());
}

#[test]
fn usage_errors_exit_2_and_refusals_exit_1_leaving_the_file_alone() {
    let env = Env::new();
    let path = env.new_session("测试中心");
    let name = "测试中心-2024-05-01.json";
    let before = std::fs::read(&path).unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["mark", name, "1.1.1", "deduct"],
            2,
            "pinggu: deduct needs an AMOUNT, e.g. deduct 1.5\n",
        ),
        (
            &["mark", name, "1.1.1", "bogus"],
            2,
            "pinggu: 'bogus': expected met, na, clear or deduct AMOUNT\n",
        ),
        (
            &["mark", name, "1.1.1", "met", "extra"],
            2,
            "pinggu: unexpected 'extra' after met\n",
        ),
        (
            &["penalty", name, "8.1", "maybe"],
            2,
            "pinggu: 'maybe': expected on or off\n",
        ),
        (
            &["mark", name, "1.1.1", "deduct", "0.125"],
            2,
            "pinggu: '0.125' has more than two decimal places\n",
        ),
        (
            &["mark", name, "1.1.1", "deduct", "abc"],
            2,
            "pinggu: 'abc' is not a number\n",
        ),
        (
            &["mark", name, "1.1.1", "deduct", "0"],
            1,
            "1.1.1: a deduction must be above 0\n",
        ),
        (
            &["mark", name, "1.1.1", "deduct", "3.5"],
            1,
            "1.1.1: a deduction of 3.5 is more than indicator 1.1's 3 points\n",
        ),
        (
            &["mark", name, "1.9.9", "met"],
            1,
            "1.9.9: no such item in the standard\n",
        ),
        (
            &["penalty", name, "8.3", "on"],
            1,
            "8.3: no such penalty item in the standard\n",
        ),
        (
            &["note", name, "0", "x"],
            1,
            "0: no such item in the standard\n",
        ),
        (
            &["new", "--center", " ", "--no-open"],
            2,
            "pinggu: the center name is empty\n",
        ),
        (
            &["new", "--center", "c", "--date", "2024-13-45", "--no-open"],
            2,
            "pinggu: 2024-13-45: not a date; write it as YYYY-MM-DD\n",
        ),
    ];
    for (args, code, tail) in cases {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).ends_with(tail), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{args:?}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(env.listing(), [name.to_string()]);
}

#[test]
fn report_output_never_overwrites_a_session_file() {
    let env = Env::new();
    let path = env.new_session("甲中心");
    env.ok(&["mark", "甲中心", "1.1.1", "met"]);
    let other = env.new_session("乙中心");
    let bak = cli_support::bak(&path);
    let (before, other_before, bak_before) = (
        std::fs::read(&path).unwrap(),
        std::fs::read(&other).unwrap(),
        std::fs::read(&bak).unwrap(),
    );
    for target in [&path, &other, &bak] {
        let shown = target.display().to_string();
        let out = env.run(&["report", "甲中心", "--format", "html", "-o", &shown]);
        assert_eq!(out.status.code(), Some(1), "{shown}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&shown) && err.contains("session"), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
    assert_eq!(std::fs::read(&bak).unwrap(), bak_before);
    // An ordinary report file is still written, and rewritten.
    let card = env.dir.path().join("card.txt");
    let shown = card.display().to_string();
    env.ok(&["report", "甲中心", "-o", &shown]);
    env.ok(&["report", "甲中心", "-o", &shown]);
    assert!(std::fs::read_to_string(&card).unwrap().contains("甲中心"));
}

#[test]
fn a_change_that_changes_nothing_does_not_rewrite_the_file_or_its_bak() {
    let env = Env::new();
    let path = env.new_session("丙中心");
    env.ok(&["mark", "丙中心", "1.1.1", "deduct", "1"]);
    env.ok(&["note", "丙中心", "1.1.1", "柜台杂乱"]);
    let bak = cli_support::bak(&path);
    let (file, previous) = (std::fs::read(&path).unwrap(), std::fs::read(&bak).unwrap());
    for args in [
        ["mark", "丙中心", "1.1.1", "deduct", "1.0"].as_slice(),
        &["note", "丙中心", "1.1.1", "柜台杂乱"],
        &["penalty", "丙中心", "8.1", "off"],
        &["mark", "丙中心", "1.1.2", "clear"],
    ] {
        env.ok(args);
        assert_eq!(std::fs::read(&path).unwrap(), file, "{args:?}");
        // The .bak still holds the version before the last real change (no note yet).
        assert_eq!(std::fs::read(&bak).unwrap(), previous, "{args:?}");
    }
}
