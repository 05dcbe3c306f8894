//! The embedded standard.json is the 2022 standard: exact ids, points and names, and every
//! clause text verbatim from the seed (`../shared/seed/`, checked when present).

use pinggu::amount;
use pinggu::standard::{self, Standard};

fn embedded() -> Standard {
    Standard::embedded().standard
}

/// (id, points, title) of every category and indicator, in order.
const TREE: &[(&str, &str, &str)] = &[
    ("1", "15", "服务环境"),
    ("1.1", "3", "标识标牌"),
    ("1.2", "12", "受理大厅"),
    ("2", "30", "事项受理"),
    ("2.1", "20", "综合受理"),
    ("2.2", "2", "刷证（码）办事"),
    ("2.3", "3", "落实“两免”"),
    ("2.4", "2", "收受分离"),
    ("2.5", "3", "一网通办"),
    ("3", "9", "服务提供"),
    ("3.1", "4", "服务内容"),
    ("3.2", "5", "服务要求"),
    ("4", "10", "人员管理"),
    ("4.1", "1", "岗位职责"),
    ("4.2", "5", "人员培训"),
    ("4.3", "2", "综合受理能力建设"),
    ("4.4", "2", "绩效考核"),
    ("5", "23", "运行保障"),
    ("5.1", "11", "安全管理"),
    ("5.2", "5", "信息化管理"),
    ("5.3", "5", "档案管理"),
    ("5.4", "2", "内控管理"),
    ("6", "6", "服务评价"),
    ("6.1", "4", "投诉处理"),
    ("6.2", "2", "服务改进"),
    ("7", "7", "专项评估"),
    ("7.1", "3", "受理中心特色/创新"),
    ("7.2", "1", "所获荣誉"),
    ("7.3", "3", "区作用发挥"),
];

/// (id, title) of the 47 scored items, in order.
const ITEMS: &[(&str, &str)] = &[
    ("1.1.1", "受理中心标识"),
    ("1.1.2", "“一网通办”标识"),
    ("1.2.1", "大厅环境"),
    ("1.2.2", "基本设施"),
    ("1.2.3", "综合受理区"),
    ("1.2.4", "综合受理区"),
    ("1.2.5", "综合受理区"),
    ("1.2.6", "自助服务区"),
    ("1.2.7", "盥洗设施"),
    ("1.2.8", "便民设施"),
    ("2.1.1", "综合窗口数量"),
    ("2.1.2", "人员综合能力"),
    ("2.1.3", "系统受理"),
    ("2.1.4", "申请受理"),
    ("2.2", "刷证（码）办事"),
    ("2.3", "落实“两免”"),
    ("2.4", "收受分离"),
    ("2.5", "一网通办"),
    ("3.1.1", "咨询引导"),
    ("3.1.2", "预约处理"),
    ("3.1.3", "便民服务"),
    ("3.2.1", "服务时间"),
    ("3.2.2", "服务时间"),
    ("3.2.3", "文明礼仪"),
    ("3.2.4", "工作纪律"),
    ("4.1", "岗位职责"),
    ("4.2.1", "培训要求"),
    ("4.2.2", "在线学习"),
    ("4.3", "综合受理能力建设"),
    ("4.4", "绩效考核"),
    ("5.1.1", "应急响应"),
    ("5.1.2", "监控"),
    ("5.1.3", "疫情防控"),
    ("5.1.4", "消防"),
    ("5.2.1", "信息安全"),
    ("5.2.2", "机房"),
    ("5.2.3", "网管"),
    ("5.3.1", "档案室"),
    ("5.3.2", "档案管理员"),
    ("5.3.3", "档案制度和工作记录"),
    ("5.4", "内控管理"),
    ("6.1.1", "好差评"),
    ("6.1.2", "投诉处理机制"),
    ("6.2", "服务改进"),
    ("7.1", "受理中心特色/创新"),
    ("7.2", "所获荣誉"),
    (
        "7.3",
        "区民政局（或负责社区事务受理服务中心标准化建设部门）作用发挥",
    ),
];

#[test]
fn header_total_and_format() {
    let s = embedded();
    assert_eq!(s.format, "pinggu-standard/1");
    assert_eq!(s.id, "sh-community-affairs-2022");
    assert_eq!(
        s.title,
        "2022年社区事务受理服务中心标准化建设第三方评估标准"
    );
    assert_eq!(s.version, "2022");
    assert_eq!(amount::fmt(s.total), "100");
    assert!(standard::validate(&s).is_empty());
}

#[test]
fn categories_and_indicators_have_exact_ids_points_and_titles() {
    let s = embedded();
    let mut got = Vec::new();
    for c in &s.categories {
        got.push((c.id.clone(), amount::fmt(c.points), c.title.clone()));
        for i in &c.indicators {
            got.push((i.id.clone(), amount::fmt(i.points), i.title.clone()));
        }
    }
    let want: Vec<_> = TREE
        .iter()
        .map(|(id, p, t)| (id.to_string(), p.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(s.categories.len(), 7);
    let indicators: usize = s.categories.iter().map(|c| c.indicators.len()).sum();
    assert_eq!(indicators, 22);
}

#[test]
fn the_47_items_in_order_with_names() {
    let s = embedded();
    let got: Vec<(String, String)> = s
        .items()
        .map(|r| (r.item.id.clone(), r.item.title.clone()))
        .collect();
    let want: Vec<(String, String)> = ITEMS
        .iter()
        .map(|(i, t)| (i.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(s.item_count(), 47);
}

#[test]
fn blank_names_carry_the_row_above() {
    let s = embedded();
    let title = |id: &str| s.item(id).map(|r| r.item.title.clone()).unwrap_or_default();
    assert_eq!(title("1.2.4"), title("1.2.3"));
    assert_eq!(title("1.2.5"), "综合受理区");
    assert_eq!(title("3.2.2"), title("3.2.1"));
    assert_eq!(title("3.2.2"), "服务时间");
}

#[test]
fn single_clause_indicators_are_their_own_item() {
    let s = embedded();
    let own: Vec<String> = s
        .items()
        .filter(|r| r.is_indicator_item())
        .map(|r| r.item.id.clone())
        .collect();
    assert_eq!(
        own,
        [
            "2.2", "2.3", "2.4", "2.5", "4.1", "4.3", "4.4", "5.4", "6.2", "7.1", "7.2", "7.3"
        ]
    );
    let r = s.item("7.3").expect("7.3");
    assert_eq!(r.indicator.title, "区作用发挥");
    assert_eq!(
        r.item.title,
        "区民政局（或负责社区事务受理服务中心标准化建设部门）作用发挥"
    );
}

#[test]
fn numbered_lists_keep_their_line_breaks() {
    let s = embedded();
    let text = |id: &str| s.item(id).map(|r| r.item.text.clone()).unwrap_or_default();
    assert_eq!(text("5.1.3").lines().count(), 8);
    assert!(text("5.1.3").ends_with("\n7、办理窗口1米线等待距离。"));
    assert_eq!(text("5.3.1").lines().count(), 2);
    assert!(text("4.2.1").ends_with("档案管理岗位业务技能。）"));
}

#[test]
fn penalties_are_8_1_and_8_2_capped_at_15() {
    let s = embedded();
    let p = &s.penalties;
    assert_eq!(p.id, "8");
    assert_eq!(p.title, "扣分项");
    assert_eq!(p.rule, "两个扣分项，最高扣15分，不累计扣分。");
    assert_eq!(amount::fmt(p.cap), "15");
    let got: Vec<(String, String, String)> = p
        .items
        .iter()
        .map(|i| (i.id.clone(), amount::fmt(i.points), i.title.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "8.1".to_string(),
                "5".to_string(),
                "负面舆情、负面报道".to_string()
            ),
            ("8.2".to_string(), "15".to_string(), "违规违纪".to_string()),
        ]
    );
}

fn seed() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/assessment-standard-2022.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            println!(
                "note: {} not present; skipping the verbatim check",
                path.display()
            );
            None
        }
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_text_is_verbatim_in_the_seed() {
    let Some(seed) = seed() else { return };
    let s = embedded();
    let mut missing = Vec::new();
    for r in s.items() {
        if !seed.contains(&r.item.text) {
            missing.push(r.item.id.clone());
        }
    }
    for p in &s.penalties.items {
        if !seed.contains(&p.text) {
            missing.push(p.id.clone());
        }
    }
    assert!(seed.contains(&s.penalties.rule));
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "texts not verbatim in the seed"
    );
}

#[test]
fn every_name_is_in_the_seed_ignoring_its_line_breaks() {
    let Some(seed) = seed() else { return };
    let seed = squash(&seed);
    let s = embedded();
    let mut names: Vec<&str> = vec![s.title.as_str()];
    for c in &s.categories {
        names.push(&c.title);
        for i in &c.indicators {
            names.push(&i.title);
            names.extend(i.items.iter().map(|it| it.title.as_str()));
        }
    }
    names.extend(s.penalties.items.iter().map(|p| p.title.as_str()));
    let missing: Vec<&str> = names
        .into_iter()
        .filter(|n| !seed.contains(&squash(n)))
        .collect();
    assert_eq!(missing, Vec::<&str>::new());
}
