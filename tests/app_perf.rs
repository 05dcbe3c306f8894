//! What a keystroke costs: update + render at 120x40, on the real standard and on a
//! synthetic 10,000-item one. Timing is only meaningful in a release build:
//! `cargo test --release --test app_perf -- --ignored --nocapture`.

mod app_support;

use app_support::*;
use pinggu::cli::Lang;
use pinggu::standard::{Category, Indicator, Item, Loaded, PenaltyGroup, PenaltyItem, Standard};
use rust_decimal::Decimal;
use std::time::Instant;

/// 100 categories x 10 indicators x 10 items, each indicator worth 1 point.
fn synthetic() -> Loaded {
    let real = Standard::embedded();
    let categories = (1..=100)
        .map(|c| Category {
            id: c.to_string(),
            title: format!("类别{c}"),
            points: Decimal::from(10),
            indicators: (1..=10)
                .map(|i| Indicator {
                    id: format!("{c}.{i}"),
                    title: format!("指标{c}.{i}"),
                    points: Decimal::ONE,
                    items: (1..=10)
                        .map(|t| Item {
                            id: format!("{c}.{i}.{t}"),
                            title: format!("内容{t}"),
                            text: "受理大厅应环境整洁美观，物品摆放规范有序。".repeat(3),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let standard = Standard {
        total: Decimal::from(1000),
        categories,
        penalties: PenaltyGroup {
            id: "101".into(),
            items: (real.standard.penalties.items.iter().enumerate())
                .map(|(n, p)| PenaltyItem {
                    id: format!("101.{}", n + 1),
                    ..p.clone()
                })
                .collect(),
            ..real.standard.penalties.clone()
        },
        ..real.standard.clone()
    };
    Loaded {
        standard,
        sha256: "synthetic".into(),
    }
}

/// Mean microseconds per keystroke (update + render) over `rounds` of `seq`.
fn cost(app: &mut pinggu::app::App, seq: &str, rounds: usize) -> f64 {
    let mut t = terminal(120, 40);
    t.draw(|f| app.render(f)).expect("draw");
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for key in ["j", "k", seq] {
            keys(app, key);
            t.draw(|f| app.render(f)).expect("draw");
            n += 1;
        }
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

#[test]
fn synthetic_standard_is_valid() {
    let s = synthetic();
    assert_eq!(
        pinggu::standard::validate(&s.standard),
        Vec::<String>::new()
    );
    assert_eq!(s.standard.item_count(), 10_000);
}

#[test]
#[ignore = "timing: run in release with --ignored --nocapture"]
fn keystroke_cost() {
    let mut app = app_lang(Lang::Zh, false);
    let real = cost(&mut app, "+", 500);
    let big = synthetic();
    let s = session(&big);
    let mut app = app_with(big, s, options(Lang::Zh, false), false);
    keys(&mut app, ":50.5.5<Enter>");
    let synthetic = cost(&mut app, "+", 200);
    // scoring::score runs once per frame; on 10,000 items it is most of the cost.
    let start = Instant::now();
    for _ in 0..100 {
        std::hint::black_box(pinggu::scoring::score(&app.loaded.standard, app.session()));
    }
    let scoring = start.elapsed().as_secs_f64() * 1e6 / 100.0;
    println!(
        "keystroke (update + render, 120x40): real standard {real:.0} us; \
         10,000 items {synthetic:.0} us, of which scoring::score {scoring:.0} us"
    );
    if !cfg!(debug_assertions) {
        assert!(real < 1000.0, "real standard: {real:.0} us");
        assert!(
            synthetic - scoring < 2000.0,
            "synthetic without scoring: {:.0} us",
            synthetic - scoring
        );
    }
}
