//! The scoring rules, as pure functions of a standard and a session.
//!
//! Indicator = points − Σ its items' deductions, never below 0.
//! Category = Σ its indicators. Penalty = the largest triggered penalty item, capped
//! (两个扣分项，最高扣15分，不累计扣分). Total = Σ categories − penalty, never below 0.

use crate::session::{Mark, MarkEntry, Session};
use crate::standard::Standard;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// An item's state as reports and the screen show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Unreviewed,
    Met,
    Deducted(Decimal),
    Na,
}

impl ItemStatus {
    pub fn from_mark(mark: Option<Mark>) -> Self {
        match mark {
            None => ItemStatus::Unreviewed,
            Some(Mark::Met) => ItemStatus::Met,
            Some(Mark::Deducted(d)) => ItemStatus::Deducted(d),
            Some(Mark::Na) => ItemStatus::Na,
        }
    }

    /// The machine name used in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            ItemStatus::Unreviewed => "unreviewed",
            ItemStatus::Met => "met",
            ItemStatus::Deducted(_) => "deducted",
            ItemStatus::Na => "na",
        }
    }

    pub fn deduction(self) -> Decimal {
        match self {
            ItemStatus::Deducted(d) => d,
            _ => Decimal::ZERO,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemScore<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: ItemStatus,
    pub note: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub points: Decimal,
    /// Σ of the items' deductions, before the floor at 0.
    pub deducted: Decimal,
    pub score: Decimal,
    pub items: Vec<ItemScore<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScore<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub points: Decimal,
    pub score: Decimal,
    pub indicators: Vec<IndicatorScore<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PenaltyScore<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub points: Decimal,
    pub triggered: bool,
    pub note: &'a str,
}

/// The whole result of scoring one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard<'a> {
    pub max: Decimal,
    pub categories: Vec<CategoryScore<'a>>,
    pub penalties: Vec<PenaltyScore<'a>>,
    pub penalty_cap: Decimal,
    /// What the penalty group takes off the total.
    pub penalty: Decimal,
    /// True when more than one penalty item is triggered or one exceeds the cap.
    pub penalty_limited: bool,
    pub total: Decimal,
    pub reviewed: usize,
    pub items_total: usize,
    pub unreviewed: Vec<&'a str>,
    /// Deducted items whose note is empty.
    pub deductions_without_note: Vec<&'a str>,
    /// Triggered penalty items whose note is empty.
    pub penalties_without_note: Vec<&'a str>,
}

impl<'a> Scorecard<'a> {
    pub fn category(&self, id: &str) -> Option<&CategoryScore<'a>> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&IndicatorScore<'a>> {
        self.categories
            .iter()
            .flat_map(|c| &c.indicators)
            .find(|i| i.id == id)
    }

    /// True when every item is reviewed and every deduction and triggered penalty has a note.
    pub fn is_complete(&self) -> bool {
        self.unreviewed.is_empty()
            && self.deductions_without_note.is_empty()
            && self.penalties_without_note.is_empty()
    }
}

/// Scores a session. Marks for items the standard lacks are ignored (they are orphans).
pub fn score<'a>(standard: &'a Standard, session: &'a Session) -> Scorecard<'a> {
    // One index per call: looking each item up in the marks list would cost items × marks.
    let entries: HashMap<&str, &MarkEntry> =
        session.marks.iter().map(|e| (e.item.as_str(), e)).collect();
    let mut reviewed = 0;
    let mut unreviewed = Vec::new();
    let mut deductions_without_note = Vec::new();
    let categories: Vec<CategoryScore<'a>> = standard
        .categories
        .iter()
        .map(|c| {
            let indicators: Vec<IndicatorScore<'a>> = c
                .indicators
                .iter()
                .map(|i| {
                    let items: Vec<ItemScore<'a>> = i
                        .items
                        .iter()
                        .map(|item| {
                            let entry = entries.get(item.id.as_str());
                            let status = ItemStatus::from_mark(entry.and_then(|e| e.mark));
                            let note = entry.map_or("", |e| e.note.as_str());
                            match status {
                                ItemStatus::Unreviewed => unreviewed.push(item.id.as_str()),
                                ItemStatus::Deducted(_) if note.trim().is_empty() => {
                                    reviewed += 1;
                                    deductions_without_note.push(item.id.as_str());
                                }
                                _ => reviewed += 1,
                            }
                            ItemScore {
                                id: &item.id,
                                title: &item.title,
                                status,
                                note,
                            }
                        })
                        .collect();
                    let deducted: Decimal = items.iter().map(|it| it.status.deduction()).sum();
                    IndicatorScore {
                        id: &i.id,
                        title: &i.title,
                        points: i.points,
                        deducted,
                        score: (i.points - deducted).max(Decimal::ZERO),
                        items,
                    }
                })
                .collect();
            CategoryScore {
                id: &c.id,
                title: &c.title,
                points: c.points,
                score: indicators.iter().map(|i| i.score).sum(),
                indicators,
            }
        })
        .collect();
    let penalties: Vec<PenaltyScore<'a>> = standard
        .penalties
        .items
        .iter()
        .map(|p| PenaltyScore {
            id: &p.id,
            title: &p.title,
            points: p.points,
            triggered: session.penalty_triggered(&p.id),
            note: session.note(&p.id),
        })
        .collect();
    let triggered: Vec<&PenaltyScore<'a>> = penalties.iter().filter(|p| p.triggered).collect();
    let largest = triggered
        .iter()
        .map(|p| p.points)
        .max()
        .unwrap_or(Decimal::ZERO);
    let cap = standard.penalties.cap;
    let penalty = largest.min(cap);
    let penalty_limited = triggered.len() > 1 || largest > cap;
    let penalties_without_note = triggered
        .iter()
        .filter(|p| p.note.trim().is_empty())
        .map(|p| p.id)
        .collect();
    let sum: Decimal = categories.iter().map(|c| c.score).sum();
    Scorecard {
        max: standard.total,
        total: (sum - penalty).max(Decimal::ZERO),
        categories,
        penalties,
        penalty_cap: cap,
        penalty,
        penalty_limited,
        reviewed,
        items_total: standard.item_count(),
        unreviewed,
        deductions_without_note,
        penalties_without_note,
    }
}
