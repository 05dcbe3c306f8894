//! The facts every scorecard format carries, built once from `scoring::score`.
//!
//! Formats only lay these out: the numbers, their explanations ("12 − 1.5 = 10.5"), the
//! labels in the chosen language and the draft's open points all come from here, so a
//! text, HTML or CSV scorecard of one session can never disagree. All user and file text
//! (center, notes, even the standard's titles) is made safe here, before any format sees it.

use crate::amount::fmt;
use crate::cli::Lang;
use crate::scoring::{self, CategoryScore, IndicatorScore, ItemStatus, Scorecard};
use crate::session::Session;
use crate::standard::Standard;
use crate::text::{safe_line, safe_lines};
use rust_decimal::Decimal;

pub use super::labels::{EN, Labels, ZH};

/// The minus sign used in every formula (U+2212, one column wide).
pub const MINUS: &str = "−";

/// What a table row stands for; formats style rows by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Category,
    Indicator,
    Item,
    PenaltyGroup,
    Penalty,
    Total,
}

/// One row of the score table, every cell already safe display text.
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    pub id: String,
    pub title: String,
    pub points: String,
    /// The verdict: 符合 / 扣1.5 / 不适用 / 未评, 触发 / 未触发.
    pub mark: String,
    pub score: String,
    /// "12 − 1.5 = 10.5" for indicators and categories, the rule for penalties.
    pub formula: String,
    /// The assessor's note, one entry per line.
    pub note: Vec<String>,
}

/// Everything a scorecard shows about one session.
pub struct Facts<'a> {
    pub lang: Lang,
    pub l: &'static Labels,
    pub standard: &'a Standard,
    pub session: &'a Session,
    pub card: Scorecard<'a>,
}

impl<'a> Facts<'a> {
    pub fn new(standard: &'a Standard, session: &'a Session, lang: Lang) -> Facts<'a> {
        Facts {
            lang,
            l: match lang {
                Lang::Zh => &ZH,
                Lang::En => &EN,
            },
            standard,
            session,
            card: scoring::score(standard, session),
        }
    }

    pub fn title(&self) -> String {
        safe_line(&self.standard.title)
    }

    /// The header block as (label, value) pairs, values safe.
    pub fn header(&self) -> Vec<(&'static str, String)> {
        let l = self.l;
        let c = &self.session.center;
        let assessors: Vec<String> = c.assessors.iter().map(|a| safe_line(a)).collect();
        let mut rows = vec![
            (
                l.standard,
                format!(
                    "{}{}{} {}{}",
                    self.title(),
                    l.parens.0,
                    l.version,
                    safe_line(&self.standard.version),
                    l.parens.1
                ),
            ),
            (l.center, safe_line(&c.name)),
            (l.district, safe_line(&c.district)),
            (l.assessors, assessors.join(l.list_sep)),
            (l.date, safe_line(&c.date)),
            (l.status, self.status().to_string()),
        ];
        if let Some(f) = &self.session.finalized {
            rows.push((l.finalized_at, safe_line(&f.at)));
        }
        rows
    }

    pub fn status(&self) -> &'static str {
        if self.session.is_final() {
            self.l.final_
        } else {
            self.l.draft
        }
    }

    pub fn mark(&self, status: ItemStatus) -> String {
        match status {
            ItemStatus::Unreviewed => self.l.unreviewed.to_string(),
            ItemStatus::Met => self.l.met.to_string(),
            ItemStatus::Deducted(d) => format!("{}{}", self.l.deducted, fmt(d)),
            ItemStatus::Na => self.l.na.to_string(),
        }
    }

    /// "points − taken = score", saying so honestly when the floor at 0 applied.
    pub fn formula(&self, points: Decimal, taken: Decimal, score: Decimal) -> String {
        let shown = format!("{} {MINUS} {}", fmt(points), fmt(taken));
        if points - taken == score {
            format!("{shown} = {}", fmt(score))
        } else {
            format!("{shown} → {}{}", fmt(score), self.l.floor)
        }
    }

    pub fn indicator_formula(&self, i: &IndicatorScore) -> String {
        self.formula(i.points, i.deducted, i.score)
    }

    pub fn category_formula(&self, c: &CategoryScore) -> String {
        self.formula(c.points, c.points - c.score, c.score)
    }

    /// Σ of the category scores, before the penalty.
    pub fn categories_sum(&self) -> Decimal {
        self.card.categories.iter().map(|c| c.score).sum()
    }

    /// "97.5 − 15 = 82.5": the total from the categories and the penalty.
    pub fn total_formula(&self) -> String {
        self.formula(self.categories_sum(), self.card.penalty, self.card.total)
    }

    /// The penalty sentence: which items were triggered, the rule, and what it takes off.
    pub fn penalty_line(&self) -> String {
        let l = self.l;
        let on: Vec<String> = self
            .card
            .penalties
            .iter()
            .filter(|p| p.triggered)
            .map(|p| {
                format!(
                    "{} {}{}{}{}{}",
                    safe_line(p.id),
                    safe_line(p.title),
                    l.parens.0,
                    fmt(p.points),
                    l.points_unit,
                    l.parens.1
                )
            })
            .collect();
        let rule = safe_line(self.standard.penalties.rule.trim_end_matches('。'));
        let taken = fmt(self.card.penalty);
        match (on.is_empty(), self.lang == Lang::Zh) {
            (true, true) => format!("{}：未触发，扣 0 分（{rule}）", l.penalties),
            (true, false) => format!("{}: none triggered, 0 taken off ({rule})", l.penalties),
            (false, true) => format!(
                "{}：触发 {}；按“{rule}”，取最高一项、上限 {} 分、不累计，扣 {taken} 分",
                l.penalties,
                on.join(l.list_sep),
                fmt(self.card.penalty_cap)
            ),
            (false, false) => format!(
                "{}: triggered {}; the largest counts, capped at {}, not cumulative ({rule}): {MINUS}{taken}",
                l.penalties,
                on.join(l.list_sep),
                fmt(self.card.penalty_cap)
            ),
        }
    }

    /// "总分：82.5 / 100（各类合计 − 扣分项：97.5 − 15 = 82.5）".
    pub fn total_line(&self) -> String {
        let l = self.l;
        format!(
            "{}{}{} / {}{}{} {MINUS} {}{}{}{}",
            l.total,
            l.colon,
            fmt(self.card.total),
            fmt(self.card.max),
            l.parens.0,
            l.category_total,
            l.penalties,
            l.colon,
            self.total_formula(),
            l.parens.1,
        )
    }

    /// For a draft: (label, ids) for each kind of open point that is not empty.
    pub fn open_points(&self) -> Vec<(&'static str, Vec<String>)> {
        if self.session.is_final() {
            return Vec::new();
        }
        let l = self.l;
        [
            (l.unreviewed_items, &self.card.unreviewed),
            (
                l.deductions_without_note,
                &self.card.deductions_without_note,
            ),
            (l.penalties_without_note, &self.card.penalties_without_note),
        ]
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(label, ids)| (label, ids.iter().map(|i| safe_line(i)).collect()))
        .collect()
    }

    /// The score table: categories, indicators, items, penalties, total.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for c in &self.card.categories {
            rows.push(Row {
                kind: RowKind::Category,
                id: safe_line(c.id),
                title: safe_line(c.title),
                points: fmt(c.points),
                mark: String::new(),
                score: fmt(c.score),
                formula: self.category_formula(c),
                note: Vec::new(),
            });
            for i in &c.indicators {
                let own = is_self_item(i);
                rows.push(Row {
                    kind: RowKind::Indicator,
                    id: safe_line(i.id),
                    title: safe_line(i.title),
                    points: fmt(i.points),
                    mark: own.map(|it| self.mark(it.status)).unwrap_or_default(),
                    score: fmt(i.score),
                    formula: self.indicator_formula(i),
                    note: own.map(|it| note_lines(it.note)).unwrap_or_default(),
                });
                if own.is_some() {
                    continue;
                }
                for it in &i.items {
                    rows.push(Row {
                        kind: RowKind::Item,
                        id: safe_line(it.id),
                        title: safe_line(it.title),
                        points: String::new(),
                        mark: self.mark(it.status),
                        score: String::new(),
                        formula: String::new(),
                        note: note_lines(it.note),
                    });
                }
            }
        }
        let group = &self.standard.penalties;
        rows.push(Row {
            kind: RowKind::PenaltyGroup,
            id: safe_line(&group.id),
            title: safe_line(&group.title),
            points: fmt(self.card.penalty_cap),
            mark: String::new(),
            score: minus(self.card.penalty),
            formula: safe_line(&group.rule),
            note: Vec::new(),
        });
        for p in &self.card.penalties {
            rows.push(Row {
                kind: RowKind::Penalty,
                id: safe_line(p.id),
                title: safe_line(p.title),
                points: fmt(p.points),
                mark: if p.triggered {
                    self.l.triggered
                } else {
                    self.l.not_triggered
                }
                .to_string(),
                score: String::new(),
                formula: String::new(),
                note: note_lines(p.note),
            });
        }
        rows.push(Row {
            kind: RowKind::Total,
            id: String::new(),
            title: self.l.total.to_string(),
            points: fmt(self.card.max),
            mark: self.status().to_string(),
            score: fmt(self.card.total),
            formula: self.total_formula(),
            note: Vec::new(),
        });
        rows
    }
}

/// The item of an indicator that is itself the scored item (2.2, 4.1, 7.3 ...).
pub fn is_self_item<'c, 'a>(i: &'c IndicatorScore<'a>) -> Option<&'c scoring::ItemScore<'a>> {
    match i.items.as_slice() {
        [only] if only.id == i.id => Some(only),
        _ => None,
    }
}

/// A note as safe lines; an empty note is no lines, blank lines inside are kept.
pub fn note_lines(note: &str) -> Vec<String> {
    let trimmed = note.trim_end();
    if trimmed.trim().is_empty() {
        return Vec::new();
    }
    safe_lines(trimmed)
}

/// "−5" for an amount taken off, but plain "0" when nothing is.
pub fn minus(amount: Decimal) -> String {
    if amount.is_zero() {
        fmt(amount)
    } else {
        format!("{MINUS}{}", fmt(amount))
    }
}
