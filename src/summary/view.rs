//! The summary laid out as an aligned text table, CSV (with BOM) or JSON.
//!
//! Column order everywhere: center, district, date, assessor(s), status, progress, the
//! categories of the standard, penalty, total, rank. Text columns are sized by display
//! width, so Chinese center names line up; CSV cells are neutralised like the scorecard's.

use super::{Entry, Summary};
use crate::amount::fmt;
use crate::cli::Lang;
use crate::report::csv::{BOM, neutralise};
use crate::report::facts::{EN, Labels, ZH};
use crate::standard::Loaded;
use crate::text::{pad, pad_left, safe_line, truncate, width};
use serde_json::{Map, Value, json};

/// Longest center name and assessor list shown in the text table, in columns.
const CENTER_MAX: usize = 32;
const ASSESSOR_MAX: usize = 14;

struct Words {
    l: &'static Labels,
    title: &'static str,
    progress: &'static str,
    rank: &'static str,
    average: &'static str,
    no_final: &'static str,
    broken: &'static str,
    unreadable: &'static str,
    other_standard: &'static str,
    empty: &'static str,
    file: &'static str,
    remark: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            l: &ZH,
            title: "评估汇总",
            progress: "进度",
            rank: "排名",
            average: "定稿平均",
            no_final: "（无定稿，不计平均）",
            broken: "无法汇总的文件",
            unreadable: "无法读取",
            other_standard: "* 按其他版本的评估标准评分，分项按编号对应",
            empty: "没有评估记录",
            file: "文件",
            remark: "备注",
        },
        Lang::En => Words {
            l: &EN,
            title: "Summary",
            progress: "Progress",
            rank: "Rank",
            average: "Average (final)",
            no_final: "(no final session, no average)",
            broken: "Files left out",
            unreadable: "unreadable",
            other_standard: "* scored against another standard version; items matched by id",
            empty: "no sessions",
            file: "File",
            remark: "Remark",
        },
    }
}

fn status(w: &Words, e: &Entry) -> String {
    let s = if e.is_final { w.l.final_ } else { w.l.draft };
    let s = s.split(' ').next().unwrap_or(s);
    if e.other_standard.is_some() {
        format!("{s}*")
    } else {
        s.to_string()
    }
}

fn assessors(w: &Words, e: &Entry) -> String {
    let names: Vec<String> = e.assessors.iter().map(|a| safe_line(a)).collect();
    names.join(w.l.list_sep)
}

/// Header and rows as cells (safe text), shared by text and CSV.
fn table(loaded: &Loaded, s: &Summary, w: &Words) -> (Vec<String>, Vec<Vec<String>>) {
    let l = w.l;
    let mut head: Vec<String> = [l.center, l.district, l.date, l.assessors, l.status]
        .map(String::from)
        .to_vec();
    head.push(w.progress.to_string());
    for c in &loaded.standard.categories {
        head.push(safe_line(&c.id));
    }
    head.extend([l.penalties, l.total, w.rank].map(String::from));
    let mut rows = Vec::new();
    for e in &s.entries {
        let mut row = vec![
            safe_line(&e.center),
            safe_line(&e.district),
            safe_line(&e.date),
            assessors(w, e),
            status(w, e),
            format!("{}/{}", e.reviewed, e.items_total),
        ];
        row.extend(e.categories.iter().map(|d| fmt(*d)));
        row.extend([fmt(e.penalty), fmt(e.total), e.rank.to_string()]);
        rows.push(row);
    }
    (head, rows)
}

fn average_row(s: &Summary, w: &Words, columns: usize) -> Vec<String> {
    let mut row = vec![String::new(); columns];
    match &s.average {
        Some(a) => {
            row[0] = format!("{}{}{}{}", w.average, w.l.parens.0, a.count, w.l.parens.1);
            for (i, c) in a.categories.iter().enumerate() {
                row[6 + i] = fmt(*c);
            }
            row[columns - 3] = fmt(a.penalty);
            row[columns - 2] = fmt(a.total);
        }
        None => row[0] = format!("{}{}", w.average, w.no_final),
    }
    row
}

pub fn text(loaded: &Loaded, s: &Summary, lang: Lang) -> String {
    let w = words(lang);
    let std = &loaded.standard;
    let mut out = vec![format!(
        "{}{}{}{}{}",
        w.title,
        w.l.parens.0,
        safe_line(&std.title),
        w.l.parens.1,
        w.l.colon.trim_end()
    )];
    let legend: Vec<String> = std
        .categories
        .iter()
        .map(|c| {
            format!(
                "{} {}{}{}{}",
                safe_line(&c.id),
                safe_line(&c.title),
                w.l.parens.0,
                fmt(c.points),
                w.l.parens.1
            )
        })
        .collect();
    out.push(legend.join("  "));
    out.push(String::new());
    let (head, mut rows) = table(loaded, s, &w);
    if s.entries.is_empty() {
        out.push(w.empty.to_string());
    } else {
        rows.push(average_row(s, &w, head.len()));
        for row in rows.iter_mut() {
            row[0] = truncate(&row[0], CENTER_MAX);
            row[3] = truncate(&row[3], ASSESSOR_MAX);
        }
        let widths: Vec<usize> = (0..head.len())
            .map(|i| {
                rows.iter()
                    .map(|r| width(&r[i]))
                    .chain([width(&head[i])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let numeric = |i: usize| i >= 5;
        let line = |cells: &[String]| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if numeric(i) {
                        pad_left(c, widths[i])
                    } else {
                        pad(c, widths[i])
                    }
                })
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        out.push(line(&head));
        let rule: Vec<String> = widths.iter().map(|n| "-".repeat(*n)).collect();
        out.push(rule.join("  "));
        let last = rows.len() - 1;
        for (n, row) in rows.iter().enumerate() {
            if n == last {
                out.push(rule.join("  "));
            }
            out.push(line(row));
        }
    }
    if s.entries.iter().any(|e| e.other_standard.is_some()) {
        out.push(String::new());
        out.push(w.other_standard.to_string());
        for e in s.entries.iter().filter(|e| e.other_standard.is_some()) {
            let other = e.other_standard.as_deref().unwrap_or("");
            out.push(format!("  {} ({})", safe_line(&e.file), safe_line(other)));
        }
    }
    if !s.broken.is_empty() {
        out.push(String::new());
        out.push(format!("{}{}", w.broken, w.l.colon.trim_end()));
        for b in &s.broken {
            out.push(format!(
                "  {}: {}",
                safe_line(&b.file),
                safe_line(&b.reason)
            ));
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

pub fn csv(loaded: &Loaded, s: &Summary, lang: Lang) -> String {
    let w = words(lang);
    let (mut head, rows) = table(loaded, s, &w);
    let columns = head.len();
    for (i, c) in loaded.standard.categories.iter().enumerate() {
        head[6 + i] = format!("{} {}", safe_line(&c.id), safe_line(&c.title));
    }
    head.extend([w.file.to_string(), w.remark.to_string()]);
    let mut out = vec![head];
    for (row, e) in rows.into_iter().zip(&s.entries) {
        let mut row = row;
        row.push(safe_line(&e.file));
        row.push(
            e.other_standard
                .as_deref()
                .map(safe_line)
                .unwrap_or_default(),
        );
        out.push(row);
    }
    let mut avg = average_row(s, &w, columns);
    avg.extend([String::new(), String::new()]);
    out.push(avg);
    for b in &s.broken {
        let mut row = vec![String::new(); columns + 2];
        row[4] = w.unreadable.to_string();
        row[columns] = safe_line(&b.file);
        row[columns + 1] = safe_line(&b.reason);
        out.push(row);
    }
    let mut wr = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in &out {
        let _ = wr.write_record(row.iter().map(|c| neutralise(c)));
    }
    let bytes = wr.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

pub fn json(loaded: &Loaded, s: &Summary) -> String {
    let std = &loaded.standard;
    let ids: Vec<&str> = std.categories.iter().map(|c| c.id.as_str()).collect();
    let scores = |values: &[rust_decimal::Decimal]| {
        let mut m = Map::new();
        for (id, v) in ids.iter().zip(values) {
            m.insert(safe_line(id), Value::String(fmt(*v)));
        }
        Value::Object(m)
    };
    let sessions: Vec<Value> = s
        .entries
        .iter()
        .map(|e| {
            json!({
                "file": safe_line(&e.file),
                "center": safe_line(&e.center),
                "district": safe_line(&e.district),
                "date": safe_line(&e.date),
                "assessors": e.assessors.iter().map(|a| safe_line(a)).collect::<Vec<_>>(),
                "status": if e.is_final { "final" } else { "draft" },
                "reviewed": e.reviewed.to_string(),
                "items_total": e.items_total.to_string(),
                "categories": scores(&e.categories),
                "penalty": fmt(e.penalty),
                "total": fmt(e.total),
                "rank": e.rank.to_string(),
                "other_standard": e.other_standard.as_deref().map(safe_line),
            })
        })
        .collect();
    let average = s.average.as_ref().map(|a| {
        json!({
            "count": a.count.to_string(),
            "categories": scores(&a.categories),
            "penalty": fmt(a.penalty),
            "total": fmt(a.total),
        })
    });
    let doc = json!({
        "standard": {"id": safe_line(&std.id), "title": safe_line(&std.title), "version": safe_line(&std.version)},
        "categories": std.categories.iter().map(|c| json!({
            "id": safe_line(&c.id), "title": safe_line(&c.title), "points": fmt(c.points),
        })).collect::<Vec<_>>(),
        "sessions": sessions,
        "average": average,
        "errors": s.broken.iter().map(|b| json!({
            "file": safe_line(&b.file), "reason": safe_line(&b.reason),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
