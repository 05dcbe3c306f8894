//! The assessment screen driven by key sequences, checked by exact scores and file contents.

mod app_support;

use app_support::*;
use pinggu::app::Mode;
use pinggu::cli::Lang;
use pinggu::session::{Mark, Status};
use pinggu::standard::Standard;

#[test]
fn fresh_session_starts_expanded_on_the_first_item() {
    let app = app();
    assert_eq!(app.cursor_id(), "1.1.1");
    // 7 categories, 10 indicators with items of their own, 47 items, the penalty group and 2.
    assert_eq!(app.rows().len(), 7 + 10 + 47 + 1 + 2);
    assert_eq!(total(&app), "100");
}

#[test]
fn y_marks_met_and_moves_on() {
    let mut app = app();
    let e = keys(&mut app, "y<Space>");
    assert!(e.changed);
    assert_eq!(status(&app, "1.1.1"), "met");
    assert_eq!(status(&app, "1.1.2"), "met");
    assert_eq!(app.cursor_id(), "1.2.1");
    assert_eq!(total(&app), "100");
}

#[test]
fn deduct_prompt_applies_and_moves_on() {
    let mut app = app();
    keys(&mut app, ":1.2.3<Enter>");
    assert_eq!(app.cursor_id(), "1.2.3");
    let e = keys(&mut app, "d1.5<Enter>");
    assert!(e.changed);
    assert_eq!(status(&app, "1.2.3"), "deducted 1.5");
    assert_eq!(total(&app), "98.5");
    assert_eq!(app.cursor_id(), "1.2.4");
    // A digit opens the prompt with that digit already typed.
    keys(&mut app, "2");
    assert!(matches!(app.mode(), Mode::Deduct { item, .. } if item == "1.2.4"));
    keys(&mut app, ".5<Enter>");
    assert_eq!(status(&app, "1.2.4"), "deducted 2.5");
    assert_eq!(total(&app), "96");
}

#[test]
fn d_on_a_deducted_item_offers_the_amount_and_typing_replaces_it() {
    let mut app = app();
    keys(&mut app, "d1.5<Enter>k");
    assert_eq!(app.cursor_id(), "1.1.1");
    keys(&mut app, "d");
    assert!(matches!(app.mode(), Mode::Deduct { input, .. } if input.text() == "1.5"));
    keys(&mut app, "2<Enter>");
    assert_eq!(status(&app, "1.1.1"), "deducted 2");
    assert_eq!(total(&app), "98");
}

#[test]
fn esc_cancels_a_deduction() {
    let mut app = app();
    let e = keys(&mut app, "d3<Esc>");
    assert!(!e.changed);
    assert!(matches!(app.mode(), Mode::Browse));
    assert_eq!(status(&app, "1.1.1"), "unreviewed");
}

#[test]
fn over_deduction_is_refused_with_a_message() {
    let mut app = app();
    // 1.1.1 belongs to indicator 1.1, worth 3 points.
    let e = keys(&mut app, "d3.5<Enter>");
    assert!(!e.changed);
    assert_eq!(status(&app, "1.1.1"), "unreviewed");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("1.1.1：扣 3.5 分超过二级指标 1.1 的分值 3 分，未接受")
    );
    assert!(app.status.as_ref().is_some_and(|(_, err)| *err));
    // The prompt stays open to correct the amount.
    assert!(matches!(app.mode(), Mode::Deduct { .. }));
    keys(&mut app, "<BS><BS><BS>3<Enter>");
    assert_eq!(status(&app, "1.1.1"), "deducted 3");
    assert_eq!(total(&app), "97");
    // Not a number: refused, nothing changed.
    keys(&mut app, ":1.1.2<Enter>dabc<Enter>");
    assert_eq!(status(&app, "1.1.2"), "unreviewed");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("“abc”不是有效分数（如 1 或 0.5）")
    );
}

#[test]
fn over_deduction_message_in_english() {
    let mut app = app_lang(Lang::En, false);
    keys(&mut app, "d4<Enter>");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("1.1.1: a deduction of 4 is more than indicator 1.1's 3 points")
    );
}

#[test]
fn plus_and_minus_step_by_half_a_point() {
    let mut app = app();
    keys(&mut app, "+");
    assert_eq!(status(&app, "1.1.1"), "deducted 0.5");
    keys(&mut app, "++");
    assert_eq!(status(&app, "1.1.1"), "deducted 1.5");
    assert_eq!(total(&app), "98.5");
    keys(&mut app, "--");
    assert_eq!(status(&app, "1.1.1"), "deducted 0.5");
    keys(&mut app, "-");
    assert_eq!(status(&app, "1.1.1"), "met");
    let e = keys(&mut app, "-");
    assert!(!e.changed);
    assert_eq!(status(&app, "1.1.1"), "met");
    // Raising past the indicator's points is refused.
    keys(&mut app, "d3<Enter>:1.1.1<Enter>+");
    assert_eq!(status(&app, "1.1.1"), "deducted 3");
    assert!(app.status.as_ref().is_some_and(|(_, err)| *err));
}

#[test]
fn na_and_clear() {
    let mut app = app();
    keys(&mut app, "a");
    assert_eq!(status(&app, "1.1.1"), "na");
    assert_eq!(app.cursor_id(), "1.1.1");
    keys(&mut app, "<BS>");
    assert_eq!(status(&app, "1.1.1"), "unreviewed");
    keys(&mut app, "a<Del>");
    assert_eq!(status(&app, "1.1.1"), "unreviewed");
}

#[test]
fn note_editor_keeps_text_on_esc_and_ctrl_s() {
    let mut app = app();
    // What is typed is in the session at once (a dropped SSH link loses nothing) …
    let e = keys(&mut app, "e门牌");
    assert!(e.changed);
    assert_eq!(app.session().note("1.1.1"), "门牌");
    let e = app.handle_paste("不清晰\n见照片");
    assert!(e.changed);
    assert_eq!(app.session().note("1.1.1"), "门牌不清晰\n见照片");
    // … and closing keeps it, as one undo step.
    let e = keys(&mut app, "<Esc>");
    assert!(e.changed);
    assert_eq!(app.session().note("1.1.1"), "门牌不清晰\n见照片");
    keys(&mut app, "<Down>e!<C-s>");
    assert_eq!(app.session().note("1.1.2"), "!");
    keys(&mut app, "u");
    assert_eq!(app.session().note("1.1.2"), "");
    assert_eq!(app.session().note("1.1.1"), "门牌不清晰\n见照片");
    keys(&mut app, "u");
    assert_eq!(app.session().note("1.1.1"), "");
    keys(&mut app, "<C-r><C-r>");
    // Ctrl-C inside the editor quits and still keeps the note.
    let e = keys(&mut app, ":1.2.1<Enter>exyz<C-c>");
    assert!(e.quit && e.changed);
    assert_eq!(app.session().note("1.2.1"), "xyz");
}

#[test]
fn undo_and_redo_marks_notes_and_penalties() {
    let mut app = app();
    keys(&mut app, "yyd1<Enter>");
    assert_eq!(total(&app), "99");
    keys(&mut app, "u");
    assert_eq!(status(&app, "1.2.1"), "unreviewed");
    assert_eq!(app.cursor_id(), "1.2.1");
    keys(&mut app, "uu");
    assert!(app.session().marks.is_empty());
    keys(&mut app, "u");
    assert_eq!(status_message(&app).as_deref(), Some("没有可撤销的操作"));
    keys(&mut app, "<C-r><C-r><C-r>");
    assert_eq!(status(&app, "1.1.1"), "met");
    assert_eq!(status(&app, "1.2.1"), "deducted 1");
    keys(&mut app, "eabc<Esc>u");
    assert_eq!(app.session().note("1.2.1"), "");
    keys(&mut app, ":8.1<Enter>tu");
    assert!(!app.session().penalty_triggered("8.1"));
    keys(&mut app, "<C-r>");
    assert!(app.session().penalty_triggered("8.1"));
    assert_eq!(total(&app), "94");
}

#[test]
fn bulk_met_is_one_undo_step() {
    let mut app = app();
    keys(&mut app, ":1.2.3<Enter>d1<Enter>:1.2<Enter>Y");
    for id in [
        "1.2.1", "1.2.2", "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.8",
    ] {
        assert_eq!(status(&app, id), "met", "{id}");
    }
    assert_eq!(status(&app, "1.2.3"), "deducted 1");
    assert_eq!(status_message(&app).as_deref(), Some("7 条标为符合"));
    keys(&mut app, "u");
    assert_eq!(app.session().marks.len(), 1);
    // On a category: every item under it.
    keys(&mut app, ":2<Enter>Y");
    let card = pinggu::scoring::score(&app.loaded.standard, app.session());
    assert_eq!(card.reviewed, 1 + 8);
    // On an item, Y says what it is for.
    keys(&mut app, ":1.1.1<Enter>Y");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("Y 用于一级或二级指标")
    );
}

#[test]
fn tab_goes_to_the_next_unreviewed_item() {
    let mut app = app();
    keys(&mut app, "yy:1.1.1<Enter><Tab>");
    assert_eq!(app.cursor_id(), "1.2.1");
    keys(&mut app, ":7.3<Enter><Tab>");
    assert_eq!(app.cursor_id(), "1.2.1", "wraps around");
}

#[test]
fn search_and_next_previous_match() {
    let mut app = app();
    keys(&mut app, "/自助<Enter>");
    assert_eq!(app.cursor_id(), "1.2.6");
    assert_eq!(status_message(&app).as_deref(), Some("第 1/2 个匹配"));
    keys(&mut app, "n");
    assert_eq!(app.cursor_id(), "5.1.3");
    keys(&mut app, "n");
    assert_eq!(app.cursor_id(), "1.2.6");
    keys(&mut app, "N");
    assert_eq!(app.cursor_id(), "5.1.3");
    keys(&mut app, "/3.2.4<Enter>");
    assert_eq!(app.cursor_id(), "3.2.4");
    keys(&mut app, "/不存在的词<Enter>");
    assert_eq!(app.cursor_id(), "3.2.4");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("没有匹配“不存在的词”的条目")
    );
}

#[test]
fn jump_expands_the_way_and_refuses_unknown_numbers() {
    let mut app = app();
    keys(&mut app, "gh"); // collapse category 1
    assert!(!app.session().view.expanded.contains(&"1".to_string()));
    keys(&mut app, ":1.2.7<Enter>");
    assert_eq!(app.cursor_id(), "1.2.7");
    assert!(app.session().view.expanded.contains(&"1".to_string()));
    keys(&mut app, ":9.9<Enter>");
    assert_eq!(app.cursor_id(), "1.2.7");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("没有编号为 9.9 的条目")
    );
}

#[test]
fn moving_collapsing_and_expanding() {
    let mut app = app();
    let e = keys(&mut app, "k");
    assert!(e.view_changed && !e.changed);
    assert_eq!(app.cursor_id(), "1.1");
    keys(&mut app, "<Left>");
    assert_eq!(app.cursor_id(), "1.1");
    assert!(!app.session().view.expanded.contains(&"1.1".to_string()));
    keys(&mut app, "j");
    assert_eq!(app.cursor_id(), "1.2");
    keys(&mut app, "<Enter><Enter>l");
    assert_eq!(app.cursor_id(), "1.2.1");
    keys(&mut app, "h");
    assert_eq!(app.cursor_id(), "1.2");
    keys(&mut app, "G");
    assert_eq!(app.cursor_id(), "8.2");
    keys(&mut app, "g");
    assert_eq!(app.cursor_id(), "1");
}

#[test]
fn penalties_toggle_and_the_largest_counts() {
    let mut app = app();
    keys(&mut app, ":8.1<Enter>t");
    assert_eq!(total(&app), "95");
    keys(&mut app, ":8.2<Enter>t");
    assert_eq!(total(&app), "85", "largest counts, not cumulative");
    keys(&mut app, "t");
    assert_eq!(total(&app), "95");
    keys(&mut app, ":1.1.1<Enter>t");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("t 用于扣分项（8.1、8.2）")
    );
}

#[test]
fn read_only_refuses_every_change() {
    let loaded = Standard::embedded();
    let s = session(&loaded);
    let mut app = app_with(loaded, s, options(Lang::Zh, false), true);
    for seq in [
        "y",
        "d",
        "3",
        "a",
        "+",
        "<BS>",
        "e",
        "u",
        ":8.1<Enter>t",
        ":1<Enter>Y",
        "F",
    ] {
        let e = keys(&mut app, seq);
        assert!(!e.changed, "{seq}");
        assert_eq!(
            status_message(&app).as_deref(),
            Some("只读：不能修改"),
            "{seq}"
        );
        assert!(matches!(app.mode(), Mode::Browse), "{seq}");
    }
    assert!(app.session().marks.is_empty() && app.session().penalties.is_empty());
}

#[test]
fn final_session_refuses_changes() {
    let loaded = Standard::embedded();
    let mut s = session(&loaded);
    s.status = Status::Final;
    let mut app = app_with(loaded, s, options(Lang::En, false), false);
    let e = keys(&mut app, "y");
    assert!(!e.changed);
    assert_eq!(
        status_message(&app).as_deref(),
        Some("Final (定稿): run pinggu reopen to change it")
    );
    assert_eq!(app.session().mark("1.1.1"), None);
}

#[test]
fn session_file_after_a_few_keys() {
    let mut app = app();
    keys(
        &mut app,
        "y:1.2.3<Enter>d1.5<Enter>:1.2.3<Enter>e柜台过高<Esc>:8.1<Enter>t",
    );
    let json = app.session().to_json();
    let expected = r#"{
  "format": "pinggu-session/1",
  "center": {
    "name": "陆家嘴社区事务受理服务中心",
    "district": "浦东新区",
    "assessors": [
      "张三"
    ],
    "date": "2026-12-03"
  },
  "standard": {
    "id": "sh-community-affairs-2022",
    "version": "2022",
    "sha256": "SHA"
  },
  "created": "2026-12-03T09:00:00+08:00",
  "updated": "2026-12-03T10:00:00+08:00",
  "status": "draft",
  "marks": [
    {
      "item": "1.1.1",
      "mark": "met"
    },
    {
      "item": "1.2.3",
      "mark": "deducted",
      "deduction": "1.5",
      "note": "柜台过高"
    }
  ],
  "penalties": [
    {
      "item": "8.1",
      "triggered": true
    }
  ],
  "view": {
    "cursor": "8.1",
    "expanded": [
      "1",
      "1.1",
      "1.2",
      "2",
      "2.1",
      "3",
      "3.1",
      "3.2",
      "4",
      "4.2",
      "5",
      "5.1",
      "5.2",
      "5.3",
      "6",
      "6.1",
      "7",
      "8"
    ]
  }
}
"#
    .replace("SHA", &app.loaded.sha256);
    assert_eq!(json, expected);
    assert_eq!(total(&app), "93.5");
}

#[test]
fn view_is_restored_on_reopen() {
    let mut app = app();
    keys(&mut app, ":5.2.2<Enter>:3<Enter>h");
    let saved = app.session().clone();
    assert_eq!(saved.view.cursor.as_deref(), Some("3"));
    let reopened = app_with(
        Standard::embedded(),
        saved.clone(),
        options(Lang::Zh, false),
        false,
    );
    assert_eq!(reopened.cursor_id(), "3");
    assert_eq!(reopened.session().view, saved.view);
    assert_eq!(reopened.rows(), app.rows());
}

#[test]
fn quit_summary_counts_open_work() {
    let mut app = app();
    keys(&mut app, "d1<Enter>");
    assert_eq!(
        app.quit_summary().as_deref(),
        Some("46 项未评 · 1 项扣分无说明")
    );
    let e = keys(&mut app, "q");
    assert!(e.quit && !e.changed);
    let mut en = app_lang(Lang::En, false);
    keys(
        &mut en,
        ":1<Enter>Y:2<Enter>Y:3<Enter>Y:4<Enter>Y:5<Enter>Y:6<Enter>Y:7<Enter>Y",
    );
    assert_eq!(en.quit_summary(), None);
    assert_eq!(en.session().mark("7.3"), Some(Mark::Met));
}

#[test]
fn finalize_says_what_is_open_then_finalizes() {
    let mut app = app();
    keys(&mut app, "d1<Enter>");
    let e = keys(&mut app, "F");
    assert!(!e.changed);
    assert_eq!(
        status_message(&app).as_deref(),
        Some("未能定稿：46 项未评 · 1 项扣分无说明")
    );
    assert_eq!(app.session().status, Status::Draft);
    keys(&mut app, ":1.1.1<Enter>e门牌褪色<Esc>");
    keys(
        &mut app,
        ":1<Enter>Y:2<Enter>Y:3<Enter>Y:4<Enter>Y:5<Enter>Y:6<Enter>Y:7<Enter>Y",
    );
    let e = keys(&mut app, "F");
    assert!(e.changed);
    assert_eq!(app.session().status, Status::Final);
    assert_eq!(
        app.session()
            .finalized
            .as_ref()
            .map(|f| f.total.to_string()),
        Some("99".to_string())
    );
    // Final: changes are refused, undo too.
    keys(&mut app, "u");
    assert_eq!(
        status_message(&app).as_deref(),
        Some("已定稿：先用 pinggu reopen 重新打开才能修改")
    );
    assert_eq!(total(&app), "99");
}
