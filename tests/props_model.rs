//! Property tests of the model: scoring invariants, order independence, byte-identical
//! round trips, and loaders that never panic on arbitrary bytes or JSON.

use pinggu::amount;
use pinggu::scoring::score;
use pinggu::session::{self, Mark, NewSession, Session};
use pinggu::standard::{self, Loaded, Standard};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::sync::OnceLock;

fn loaded() -> &'static Loaded {
    static L: OnceLock<Loaded> = OnceLock::new();
    L.get_or_init(Standard::embedded)
}

fn item_ids() -> Vec<String> {
    loaded()
        .standard
        .items()
        .map(|r| r.item.id.clone())
        .collect()
}

/// A mark for item number `idx`: kind 0 none, 1 met, 2 na, else a deduction that is a
/// fraction (`frac`/10000, at least 0.01) of its indicator's points.
fn make_mark(idx: usize, kind: u8, frac: u32) -> (String, Option<Mark>) {
    let r = loaded().standard.items().nth(idx % 47).expect("47 items");
    let mark = match kind {
        0 => None,
        1 => Some(Mark::Met),
        2 => Some(Mark::Na),
        _ => {
            let cents = (r.indicator.points * Decimal::from(100)).trunc();
            let c = (cents * Decimal::from(frac) / Decimal::from(10_000))
                .trunc()
                .max(Decimal::ONE);
            Some(Mark::Deducted(c / Decimal::from(100)))
        }
    };
    (r.item.id.clone(), mark)
}

/// Distinct items with marks, in generation order.
fn marks() -> impl Strategy<Value = Vec<(String, Option<Mark>)>> {
    proptest::collection::vec((0usize..47, 0u8..6, 1u32..=10_000), 0..60).prop_map(|v| {
        let mut seen = std::collections::HashSet::new();
        v.into_iter()
            .map(|(i, k, f)| make_mark(i, k, f))
            .filter(|(id, _)| seen.insert(id.clone()))
            .collect()
    })
}

fn fresh(center: &str) -> Session {
    let form = NewSession {
        center: center.to_string(),
        district: "静安区".into(),
        assessors: vec!["李四".into()],
        date: "2024-05-01".into(),
    };
    Session::new(form, loaded(), "2024-05-01T09:00:00+08:00")
}

fn apply(s: &mut Session, marks: &[(String, Option<Mark>)], p1: bool, p2: bool) {
    let std = &loaded().standard;
    for (id, m) in marks {
        s.set_mark(std, id, *m).expect("valid mark");
    }
    s.set_penalty(std, "8.1", p1, None).expect("8.1");
    s.set_penalty(std, "8.2", p2, None).expect("8.2");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn indicators_stay_within_their_points_and_totals_add_up(
        marks in marks(), p1 in any::<bool>(), p2 in any::<bool>()
    ) {
        let std = &loaded().standard;
        let mut s = fresh("中心");
        apply(&mut s, &marks, p1, p2);
        let card = score(std, &s);
        let mut sum = Decimal::ZERO;
        for c in &card.categories {
            let mut cat = Decimal::ZERO;
            for i in &c.indicators {
                prop_assert!(i.score >= Decimal::ZERO && i.score <= i.points, "{}", i.id);
                let deducted: Decimal = i.items.iter().map(|it| it.status.deduction()).sum();
                prop_assert_eq!(i.score, (i.points - deducted).max(Decimal::ZERO));
                cat += i.score;
            }
            prop_assert_eq!(c.score, cat);
            sum += c.score;
        }
        let largest = [(p1, 5), (p2, 15)]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, p)| Decimal::from(*p))
            .max()
            .unwrap_or(Decimal::ZERO);
        prop_assert_eq!(card.penalty, largest.min(Decimal::from(15)));
        prop_assert_eq!(card.total, (sum - card.penalty).max(Decimal::ZERO));
        prop_assert!(card.total <= card.max);
        let reviewed = marks.iter().filter(|(_, m)| m.is_some()).count();
        prop_assert_eq!(card.reviewed, reviewed);
        prop_assert_eq!(card.reviewed + card.unreviewed.len(), 47);
    }

    #[test]
    fn the_order_of_marking_does_not_change_the_result(
        (marks, shuffled) in marks().prop_flat_map(|m| (Just(m.clone()), Just(m).prop_shuffle())),
        p1 in any::<bool>(), p2 in any::<bool>()
    ) {
        let std = &loaded().standard;
        let mut a = fresh("中心");
        apply(&mut a, &marks, p1, p2);
        let mut b = fresh("中心");
        apply(&mut b, &shuffled, p1, p2);
        prop_assert_eq!(score(std, &a), score(std, &b));
        prop_assert_eq!(a.to_json(), b.to_json());
    }

    #[test]
    fn save_then_load_round_trips_byte_identically(
        marks in marks(),
        notes in proptest::collection::vec((0usize..47, any::<String>()), 0..8),
        center in any::<String>(),
        p1 in any::<bool>(),
        penalty_note in any::<String>(),
    ) {
        let std = &loaded().standard;
        let ids = item_ids();
        let mut s = fresh(&center);
        apply(&mut s, &marks, p1, false);
        for (i, note) in &notes {
            s.set_note(std, &ids[*i], note).expect("note");
        }
        s.set_note(std, "8.2", &penalty_note).expect("penalty note");
        let text = s.to_json();
        let parsed = session::parse(text.as_bytes(), "p.json", loaded()).expect("parses");
        prop_assert!(parsed.warnings.is_empty());
        prop_assert_eq!(&parsed.session, &s);
        prop_assert_eq!(parsed.session.to_json(), text.clone());

        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("p.json");
        pinggu::store::write_atomic(&path, text.as_bytes()).expect("write");
        prop_assert_eq!(std::fs::read(&path).expect("read"), text.as_bytes());
        let again = pinggu::store::load(&path, loaded()).expect("load");
        prop_assert_eq!(again.session.to_json(), text);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loaders(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = session::parse(&bytes, "x.json", loaded());
        let _ = standard::parse(&bytes, "x.json");
        let _ = amount::parse_amount(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_values_never_panic_the_loaders(v in json_value()) {
        let text = v.to_string();
        check_session(&text);
        let _ = standard::parse(text.as_bytes(), "x.json");
    }

    #[test]
    fn a_valid_session_with_one_node_replaced_never_panics(
        marks in marks(), at in any::<usize>(), with in json_value()
    ) {
        let mut s = fresh("中心");
        apply(&mut s, &marks, true, false);
        s.set_note(&loaded().standard, "1.1.1", "备注").expect("note");
        let mut v: Value = serde_json::from_str(&s.to_json()).expect("json");
        replace_nth(&mut v, at, with);
        check_session(&v.to_string());
    }

    #[test]
    fn the_standard_with_one_node_replaced_never_panics(at in any::<usize>(), with in json_value()) {
        let mut v: Value = serde_json::from_str(standard::EMBEDDED_JSON).expect("json");
        replace_nth(&mut v, at, with);
        let text = v.to_string();
        if let Ok(l) = standard::parse(text.as_bytes(), "x.json") {
            // Whatever loads must also score an empty session without trouble.
            let s = Session::new(NewSession::default(), &l, "t");
            let card = score(&l.standard, &s);
            prop_assert_eq!(card.total, l.standard.total);
        }
    }
}

#[test]
fn huge_points_are_refused_not_overflowed() {
    let mut v: Value = serde_json::from_str(standard::EMBEDDED_JSON).expect("json");
    let max = "79228162514264337593543950335";
    v["total"] = Value::String(max.into());
    v["categories"][0]["points"] = Value::String(max.into());
    v["categories"][1]["points"] = Value::String(max.into());
    let err = standard::parse(v.to_string().as_bytes(), "huge.json").unwrap_err();
    assert!(
        err.to_string().contains("is too large (at most 1000000)"),
        "{err}"
    );
}

/// Parses session text; anything that loads must also score and save again.
fn check_session(text: &str) {
    if let Ok(p) = session::parse(text.as_bytes(), "x.json", loaded()) {
        let card = score(&loaded().standard, &p.session);
        assert!(card.total >= Decimal::ZERO && card.total <= card.max);
        let again = session::parse(p.session.to_json().as_bytes(), "x.json", loaded())
            .expect("a loaded session saves to a loadable file");
        assert_eq!(again.session, p.session);
    }
}

/// Arbitrary JSON, including exact-text numbers (arbitrary precision) and odd strings.
fn json_value() -> impl Strategy<Value = Value> {
    let number =
        "-?[0-9]{1,30}(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?|7922816251426433759354395033[0-9]"
            .prop_filter_map("json number", |s| serde_json::from_str::<Value>(&s).ok());
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number,
        any::<String>().prop_map(Value::String),
        prop_oneof![
            Just("met"),
            Just("na"),
            Just("deducted"),
            Just("1.5"),
            Just("-1"),
            Just("pinggu-session/1"),
            Just("pinggu-session/2"),
            Just("1.1.1"),
            Just("8.1"),
            Just("draft"),
            Just("final"),
            Just("100")
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        Just("format".to_string()),
                        Just("item".to_string()),
                        Just("mark".to_string()),
                        Just("deduction".to_string()),
                        Just("id".to_string()),
                        Just("points".to_string()),
                        "[a-z]{1,8}"
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replaces the `n`-th node (pre-order, modulo the node count) of `v` with `with`.
fn replace_nth(v: &mut Value, n: usize, with: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, n: &mut usize, with: &mut Option<Value>) {
        if *n == 0 {
            if let Some(w) = with.take() {
                *v = w;
            }
            return;
        }
        *n -= 1;
        match v {
            Value::Array(a) => a.iter_mut().for_each(|c| walk(c, n, with)),
            Value::Object(o) => o.values_mut().for_each(|c| walk(c, n, with)),
            _ => {}
        }
    }
    let mut n = n % count(v);
    walk(v, &mut n, &mut Some(with));
}
