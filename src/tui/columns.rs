//! The picker's table columns: fixed widths, with the center name taking what is left.

use super::draw;
use super::labels::Labels;
use super::listing::{Entry, Kind};
use crate::amount;
use crate::app::Options;

/// Column widths for a terminal `cols` wide: the center name takes what is left; narrow
/// terminals drop district, assessor and modified time.
pub struct Columns {
    center: usize,
    wide: bool,
}

const DISTRICT: usize = 8;
const DATE: usize = 10;
const ASSESSOR: usize = 8;
const PROGRESS: usize = 5;
const TOTAL: usize = 5;
const STATUS: usize = 6;
const MODIFIED: usize = 11;

impl Columns {
    pub fn for_width(cols: usize) -> Columns {
        let wide = cols >= 72;
        let fixed = if wide {
            2 + DISTRICT + DATE + ASSESSOR + PROGRESS + TOTAL + STATUS + MODIFIED + 7
        } else {
            2 + DATE + PROGRESS + TOTAL + STATUS + 4
        };
        Columns {
            center: cols.saturating_sub(fixed + 1).max(6),
            wide,
        }
    }

    fn join(&self, marker: &str, cells: [String; 8]) -> String {
        let [
            center,
            district,
            date,
            assessor,
            progress,
            total,
            status,
            modified,
        ] = cells;
        if self.wide {
            format!(
                "{marker}{center} {district} {date} {assessor} {progress} {total} {status} {modified}"
            )
        } else {
            format!("{marker}{center} {date} {progress} {total} {status}")
        }
    }

    pub fn header(&self, l: &Labels, o: Options) -> String {
        self.join(
            "  ",
            [
                draw::fit(l.col_center, self.center, o),
                draw::fit(l.col_district, DISTRICT, o),
                draw::fit(l.col_date, DATE, o),
                draw::fit(l.col_assessor, ASSESSOR, o),
                draw::fit_right(l.col_progress, PROGRESS, o),
                draw::fit_right(l.col_total, TOTAL, o),
                draw::fit(l.col_status, STATUS, o),
                draw::fit(l.col_modified, MODIFIED, o),
            ],
        )
    }

    pub fn row(&self, e: &Entry, on: bool, l: &Labels, o: Options) -> String {
        let marker = if on { "> " } else { "  " };
        match &e.kind {
            Kind::Session(s) => self.join(
                marker,
                [
                    draw::fit(&s.center, self.center, o),
                    draw::fit(&s.district, DISTRICT, o),
                    draw::fit(&s.date, DATE, o),
                    draw::fit(&s.assessors, ASSESSOR, o),
                    draw::fit_right(&format!("{}/{}", s.reviewed, s.items_total), PROGRESS, o),
                    draw::fit_right(&amount::fmt(s.total), TOTAL, o),
                    draw::fit(if s.is_final { l.final_ } else { l.draft }, STATUS, o),
                    draw::fit(&e.modified_text, MODIFIED, o),
                ],
            ),
            Kind::Broken(reason) => {
                let rest_w = self.full_width().saturating_sub(self.center + 3);
                format!(
                    "{marker}{} {}",
                    draw::fit(&e.file, self.center, o),
                    draw::fit(&format!("{}: {reason}", l.broken), rest_w, o)
                )
            }
        }
    }

    fn full_width(&self) -> usize {
        if self.wide {
            self.center + 2 + DISTRICT + DATE + ASSESSOR + PROGRESS + TOTAL + STATUS + MODIFIED + 7
        } else {
            self.center + 2 + DATE + PROGRESS + TOTAL + STATUS + 4
        }
    }
}
