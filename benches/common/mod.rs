//! Inputs shared by the benches: synthetic standards of any size and fully assessed sessions.
//!
//! Nothing here is shipped: the standards are generated from the real one's texts so their
//! rows wrap and measure like the real thing, and every one passes `standard::validate`.

use pinggu::session::{Mark, MarkEntry, NewSession, PenaltyEntry, Session};
use pinggu::standard::{self, Category, Indicator, Item, Loaded, Standard};
use rust_decimal::Decimal;

/// Categories × indicators per category in a synthetic standard; items fill the rest.
const CATEGORIES: usize = 10;
const INDICATORS: usize = 10;

/// A valid standard of `items` scored items (a multiple of 100), 10 categories of 10 indicators,
/// total 100, with the real standard's penalties, titles and texts reused round-robin.
pub fn synthetic(items: usize) -> Loaded {
    assert!(
        items.is_multiple_of(CATEGORIES * INDICATORS),
        "items must be a multiple of 100"
    );
    let real = Standard::embedded().standard;
    let texts: Vec<Item> = real.items().map(|r| r.item.clone()).collect();
    let per_indicator = items / (CATEGORIES * INDICATORS);
    let mut n = 0;
    let categories = (1..=CATEGORIES)
        .map(|c| Category {
            id: c.to_string(),
            title: format!(
                "{}（合成{c}）",
                real.categories[(c - 1) % real.categories.len()].title
            ),
            points: Decimal::from(10),
            indicators: (1..=INDICATORS)
                .map(|i| Indicator {
                    id: format!("{c}.{i}"),
                    title: format!("合成指标{c}.{i}"),
                    points: Decimal::ONE,
                    items: (1..=per_indicator)
                        .map(|k| {
                            let src = &texts[n % texts.len()];
                            n += 1;
                            Item {
                                id: format!("{c}.{i}.{k}"),
                                title: src.title.clone(),
                                text: src.text.clone(),
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    // The penalty group follows the last category, as 8 follows 7 in the real standard.
    let mut penalties = real.penalties.clone();
    penalties.id = (CATEGORIES + 1).to_string();
    for (k, p) in penalties.items.iter_mut().enumerate() {
        p.id = format!("{}.{}", penalties.id, k + 1);
    }
    let synthetic = Standard {
        id: format!("synthetic-{items}"),
        title: format!("合成评估标准（{items}项）"),
        version: "bench".into(),
        categories,
        penalties,
        ..real
    };
    let json = serde_json::to_string_pretty(&synthetic).expect("a standard serializes");
    match standard::parse(json.as_bytes(), "<synthetic>") {
        Ok(loaded) => loaded,
        Err(e) => panic!("synthetic standard of {items} items is invalid: {e}"),
    }
}

/// The standard's JSON text, as a `--standard FILE` would hold it.
pub fn standard_json(loaded: &Loaded) -> String {
    serde_json::to_string_pretty(&loaded.standard).expect("a standard serializes")
}

/// A session with every item reviewed: mostly met, every 5th deducted 0.5 with a Chinese note,
/// every 11th not applicable, one penalty triggered with a note — the worst realistic file.
pub fn full_session(loaded: &Loaded) -> Session {
    let mut session = empty_session(loaded);
    for (n, r) in loaded.standard.items().enumerate() {
        let (mark, note) = match n {
            n if n % 5 == 0 => (
                Mark::Deducted(Decimal::new(5, 1)),
                format!(
                    "{}：现场查看发现部分标识褪色，已拍照留存（第{n}项）。",
                    r.item.title
                ),
            ),
            n if n % 11 == 0 => (Mark::Na, String::new()),
            _ => (Mark::Met, String::new()),
        };
        session.marks.push(MarkEntry {
            item: r.item.id.clone(),
            mark: Some(mark),
            note,
        });
    }
    if let Some(p) = loaded.standard.penalties.items.first() {
        session.penalties.push(PenaltyEntry {
            item: p.id.clone(),
            triggered: true,
            note: "群众投诉一次，经核实属实。".into(),
        });
    }
    session
}

/// A fresh session of `loaded` with nothing marked.
pub fn empty_session(loaded: &Loaded) -> Session {
    let form = NewSession {
        center: "徐汇区凌云街道社区事务受理服务中心".into(),
        district: "徐汇区".into(),
        assessors: vec!["张敏".into(), "李强".into()],
        date: "2026-12-03".into(),
    };
    Session::new(form, loaded, "2026-12-03T09:00:00+08:00")
}

/// Opens every category and indicator and puts the cursor on the middle item, so a frame
/// has the most rows to consider and the cursor is far from both ends.
pub fn expand_all(session: &mut Session, loaded: &Loaded) {
    let s = &loaded.standard;
    session.view.expanded = s
        .categories
        .iter()
        .flat_map(|c| {
            std::iter::once(c.id.clone()).chain(c.indicators.iter().map(|i| i.id.clone()))
        })
        .collect();
    let middle = s.item_count() / 2;
    session.view.cursor = s.items().nth(middle).map(|r| r.item.id.clone());
}
