//! Every scoring rule with exact values: indicator floor, refused deductions, the penalty
//! group (largest triggered, capped, not accumulated), total floor, progress and the lists.

use pinggu::amount::{self, parse_amount};
use pinggu::scoring::{ItemStatus, score};
use pinggu::session::{ChangeError, Mark, NewSession, Session};
use pinggu::standard::{self, Loaded, Standard};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    parse_amount(s).expect("test amount")
}

fn fresh(loaded: &Loaded) -> Session {
    let form = NewSession {
        center: "测试中心".into(),
        district: "浦东新区".into(),
        assessors: vec!["张三".into()],
        date: "2024-05-01".into(),
    };
    Session::new(form, loaded, "2024-05-01T09:00:00Z")
}

fn deduct(s: &mut Session, std: &Standard, item: &str, amount: &str) {
    s.set_mark(std, item, Some(Mark::Deducted(d(amount))))
        .expect("deduction accepted");
}

fn shown(v: Decimal) -> String {
    amount::fmt(v)
}

#[test]
fn an_untouched_session_scores_full_marks_and_lists_all_47_unreviewed() {
    let loaded = Standard::embedded();
    let session = fresh(&loaded);
    let card = score(&loaded.standard, &session);
    assert_eq!(shown(card.total), "100");
    assert_eq!(shown(card.max), "100");
    assert_eq!((card.reviewed, card.items_total), (0, 47));
    assert_eq!(card.unreviewed.len(), 47);
    assert_eq!(card.unreviewed.first().copied(), Some("1.1.1"));
    assert_eq!(card.unreviewed.last().copied(), Some("7.3"));
    assert_eq!(shown(card.penalty), "0");
    assert!(!card.is_complete());
}

#[test]
fn indicator_is_points_minus_deductions_floored_at_zero() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    deduct(&mut s, std, "1.1.1", "2");
    deduct(&mut s, std, "1.1.2", "2.5");
    let card = score(std, &s);
    let i = card.indicator("1.1").unwrap();
    assert_eq!(
        (shown(i.deducted), shown(i.score)),
        ("4.5".into(), "0".into())
    );
    assert_eq!(shown(card.category("1").unwrap().score), "12");
    assert_eq!(shown(card.total), "97");
}

#[test]
fn deductions_add_up_exactly_and_display_trims_zeros() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    deduct(&mut s, std, "5.1.1", "0.25");
    deduct(&mut s, std, "5.1.2", "0.50");
    deduct(&mut s, std, "5.1.3", "0.75");
    deduct(&mut s, std, "5.1.4", "2");
    deduct(&mut s, std, "1.2.1", "1.5");
    let card = score(std, &s);
    assert_eq!(shown(card.indicator("5.1").unwrap().score), "7.5");
    assert_eq!(shown(card.category("5").unwrap().score), "19.5");
    assert_eq!(shown(card.indicator("1.2").unwrap().score), "10.5");
    assert_eq!(shown(card.total), "95");
    assert_eq!(
        card.indicator("5.1").unwrap().items[1].status,
        ItemStatus::Deducted(d("0.5"))
    );
}

#[test]
fn a_single_deduction_above_its_indicator_points_is_refused() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    let err = s
        .set_mark(std, "1.1.1", Some(Mark::Deducted(d("3.5"))))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "1.1.1: a deduction of 3.5 is more than indicator 1.1's 3 points"
    );
    assert_eq!(
        s.set_mark(std, "4.1", Some(Mark::Deducted(d("0")))),
        Err(ChangeError::DeductionNotPositive("4.1".into()))
    );
    assert_eq!(
        s.set_mark(std, "9.9", Some(Mark::Met)),
        Err(ChangeError::UnknownItem("9.9".into()))
    );
    assert!(s.marks.is_empty(), "refusals change nothing");
    deduct(&mut s, std, "1.1.1", "3");
    assert_eq!(shown(score(std, &s).indicator("1.1").unwrap().score), "0");
}

#[test]
fn penalty_is_the_largest_triggered_item_not_the_sum() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    s.set_penalty(std, "8.1", true, Some("报道")).unwrap();
    let card = score(std, &s);
    assert_eq!(
        (shown(card.penalty), shown(card.total)),
        ("5".into(), "95".into())
    );
    assert!(!card.penalty_limited);
    s.set_penalty(std, "8.2", true, None).unwrap();
    let card = score(std, &s);
    assert_eq!(
        (shown(card.penalty), shown(card.total)),
        ("15".into(), "85".into())
    );
    assert!(card.penalty_limited, "two triggered: not accumulated");
    assert_eq!(card.penalties_without_note, ["8.2"]);
    s.set_penalty(std, "8.1", false, None).unwrap();
    let card = score(std, &s);
    assert_eq!(
        (shown(card.penalty), shown(card.total)),
        ("15".into(), "85".into())
    );
    assert!(!card.penalty_limited);
    assert_eq!(
        s.set_penalty(std, "8.3", true, None),
        Err(ChangeError::UnknownPenalty("8.3".into()))
    );
}

#[test]
fn penalty_never_exceeds_the_cap() {
    // The validator forbids an item above its cap; scoring still enforces it on its own.
    let loaded = Standard::embedded();
    let mut std = loaded.standard.clone();
    std.penalties.cap = d("10");
    let mut s = fresh(&loaded);
    s.set_penalty(&std, "8.2", true, Some("x")).unwrap();
    let card = score(&std, &s);
    assert_eq!(
        (shown(card.penalty), shown(card.total)),
        ("10".into(), "90".into())
    );
    assert!(card.penalty_limited);
}

#[test]
fn total_is_floored_at_zero() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    for c in &std.categories {
        for i in &c.indicators {
            let points = shown(i.points);
            deduct(&mut s, std, &i.items[0].id, &points);
        }
    }
    s.set_penalty(std, "8.2", true, Some("违纪")).unwrap();
    let card = score(std, &s);
    assert!(card.categories.iter().all(|c| c.score.is_zero()));
    assert_eq!(shown(card.penalty), "15");
    assert_eq!(shown(card.total), "0");
    assert_eq!(card.reviewed, 22);
}

#[test]
fn unreviewed_met_and_na_deduct_nothing() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    s.set_mark(std, "2.1.1", Some(Mark::Met)).unwrap();
    s.set_mark(std, "2.1.2", Some(Mark::Na)).unwrap();
    let card = score(std, &s);
    assert_eq!(shown(card.total), "100");
    assert_eq!(card.reviewed, 2);
    assert_eq!(card.unreviewed.len(), 45);
    assert!(!card.unreviewed.contains(&"2.1.1"));
}

#[test]
fn progress_and_the_lists_of_what_is_missing() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    let ids: Vec<String> = std.items().map(|r| r.item.id.clone()).collect();
    for id in &ids[..44] {
        s.set_mark(std, id, Some(Mark::Met)).unwrap();
    }
    deduct(&mut s, std, "3.2.2", "1");
    deduct(&mut s, std, "1.2.5", "0.5");
    s.set_note(std, "1.2.5", "扫码设备故障").unwrap();
    deduct(&mut s, std, "6.1.2", "1");
    s.set_note(std, "6.1.2", "   ").unwrap();
    s.set_penalty(std, "8.1", true, None).unwrap();
    let card = score(std, &s);
    assert_eq!((card.reviewed, card.items_total), (44, 47));
    assert_eq!(card.unreviewed, ["7.1", "7.2", "7.3"]);
    assert_eq!(card.deductions_without_note, ["3.2.2", "6.1.2"]);
    assert_eq!(card.penalties_without_note, ["8.1"]);
    assert_eq!(shown(card.total), "92.5");
    assert!(!card.is_complete());
    for id in ["7.1", "7.2", "7.3"] {
        s.set_mark(std, id, Some(Mark::Na)).unwrap();
    }
    s.set_note(std, "3.2.2", "中午未受理").unwrap();
    s.set_note(std, "6.1.2", "回访记录缺失").unwrap();
    s.set_note(std, "8.1", "负面报道一篇").unwrap();
    let card = score(std, &s);
    assert!(card.is_complete());
    assert_eq!(card.reviewed, 47);
}

/// A one-point indicator with ten items: ten deductions of 0.1 must leave exactly 0.
fn ten_item_standard() -> Loaded {
    let items: Vec<String> = (1..=10)
        .map(|n| format!(r#"{{"id":"1.1.{n}","title":"条{n}","text":"内容{n}"}}"#))
        .collect();
    let json = format!(
        r#"{{"format":"pinggu-standard/1","id":"t","title":"测试","version":"1","total":"1",
        "categories":[{{"id":"1","title":"类","points":"1","indicators":[
          {{"id":"1.1","title":"指标","points":"1","items":[{}]}}]}}],
        "penalties":{{"id":"2","title":"扣分项","rule":"r","cap":"1",
          "items":[{{"id":"2.1","title":"p","points":"1","text":"t"}}]}}}}"#,
        items.join(",")
    );
    standard::parse(json.as_bytes(), "ten.json").expect("valid test standard")
}

#[test]
fn ten_deductions_of_a_tenth_from_one_leave_exactly_zero() {
    let loaded = ten_item_standard();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    for n in 1..=10 {
        deduct(&mut s, std, &format!("1.1.{n}"), "0.1");
    }
    let card = score(std, &s);
    let i = card.indicator("1.1").unwrap();
    assert_eq!(i.deducted, Decimal::ONE);
    assert_eq!(i.score, Decimal::ZERO);
    assert_eq!(shown(card.total), "0");
    deduct(&mut s, std, "1.1.10", "0.05");
    assert_eq!(shown(score(std, &s).total), "0.05");
}

#[test]
fn orphaned_marks_are_not_scored() {
    let loaded = Standard::embedded();
    let mut s = fresh(&loaded);
    s.marks.push(pinggu::session::MarkEntry {
        item: "9.9.9".into(),
        mark: Some(Mark::Deducted(d("50"))),
        note: "旧版标准".into(),
    });
    let card = score(&loaded.standard, &s);
    assert_eq!(shown(card.total), "100");
    assert_eq!(card.reviewed, 0);
}

#[test]
fn a_final_session_refuses_changes() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = fresh(&loaded);
    s.status = pinggu::session::Status::Final;
    assert_eq!(
        s.set_mark(std, "1.1.1", Some(Mark::Met)),
        Err(ChangeError::Final)
    );
    assert_eq!(s.set_note(std, "1.1.1", "x"), Err(ChangeError::Final));
    assert_eq!(
        s.set_penalty(std, "8.1", true, None),
        Err(ChangeError::Final)
    );
}
