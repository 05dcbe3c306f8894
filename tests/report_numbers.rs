//! Every number explained: the floor at 0, both penalties triggered, the total line,
//! and the same facts in every format.

use pinggu::cli::{Lang, ReportFormat};
use pinggu::report;
use pinggu::session::{Mark, NewSession, Session};
use pinggu::standard::{Loaded, Standard};
use rust_decimal::Decimal;

fn session(loaded: &Loaded) -> Session {
    let form = NewSession {
        center: "梧桐镇社区事务受理服务中心".into(),
        district: "梧桐区".into(),
        assessors: vec!["陆思远".into()],
        date: "2026-11-25".into(),
    };
    let mut s = Session::new(form, loaded, "2026-11-25T09:00:00+08:00");
    let std = &loaded.standard;
    // 1.1 has 3 points; 2 + 2.5 taken off floors it at 0.
    s.set_mark(std, "1.1.1", Some(Mark::Deducted(Decimal::TWO)))
        .unwrap();
    s.set_mark(std, "1.1.2", Some(Mark::Deducted(Decimal::new(25, 1))))
        .unwrap();
    s.set_note(std, "1.1.1", "门牌缺失").unwrap();
    s.set_penalty(std, "8.1", true, Some("负面报道")).unwrap();
    s.set_penalty(std, "8.2", true, None).unwrap();
    s
}

#[test]
fn floor_and_penalty_cap_are_shown_honestly() {
    let loaded = Standard::embedded();
    let s = session(&loaded);
    let text = report::render(ReportFormat::Text, &loaded, &s, Lang::Zh);
    let row = text.lines().find(|l| l.starts_with("1.1   |")).unwrap();
    assert_eq!(
        row,
        "1.1   | 标识标牌           |    3 |         |      0 | 3 − 4.5 → 0（最低0分）"
    );
    assert!(
        text.contains("15 − 3 = 12"),
        "category 1 loses what 1.1 lost: 3"
    );
    // 97 from the categories; the larger penalty (15) counts, not 5 + 15.
    assert!(text.contains("总分：82 / 100（各类合计 − 扣分项：97 − 15 = 82）"));
    let flat: String = text.lines().map(str::trim_end).collect();
    assert!(flat.contains(
        "扣分项：触发 8.1 负面舆情、负面报道（5分）、8.2 违规违纪（15分）；\
         按“两个扣分项，最高扣15分，不累计扣分”，取最高一项、上限 15 分、不累计，扣 15 分"
    ));
    assert!(text.contains("扣分未说明（1）：1.1.2"));
    assert!(text.contains("扣分项未说明（1）：8.2"));
    let en = report::render(ReportFormat::Text, &loaded, &s, Lang::En);
    assert!(en.contains("3 − 4.5 → 0 (floor 0)"));
    assert!(en.contains("capped at 15, not cumulative"));
}

#[test]
fn every_format_carries_the_same_totals() {
    let loaded = Standard::embedded();
    let s = session(&loaded);
    let out = |f| report::render(f, &loaded, &s, Lang::Zh);
    for f in [
        ReportFormat::Text,
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Csv,
    ] {
        let o = out(f);
        for fact in [
            "97 − 15 = 82",
            "3 − 4.5 → 0（最低0分）",
            "门牌缺失",
            "梧桐镇社区事务受理服务中心",
            "陆思远",
            "2026-11-25",
            "草稿",
        ] {
            assert!(o.contains(fact), "{f:?} lacks {fact}");
        }
    }
    let v: serde_json::Value = serde_json::from_str(&out(ReportFormat::Json)).unwrap();
    assert_eq!(v["total"], "82");
    assert_eq!(v["penalty"], "15");
    assert_eq!(v["status"], "draft");
    assert_eq!(v["reviewed"], "2");
    assert_eq!(v["categories"][0]["score"], "12");
    assert_eq!(v["categories"][0]["indicators"][0]["score"], "0");
    assert_eq!(
        v["categories"][0]["indicators"][0]["items"][1]["deduction"],
        "2.5"
    );
    assert_eq!(v["penalties"][0]["triggered"], true);
    assert_eq!(v["penalties"][1]["note"], "");
}
