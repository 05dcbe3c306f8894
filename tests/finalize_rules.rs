//! Finalize (定稿) only a complete session, change nothing on refusal, and reopen.

use pinggu::finalize::{finalize, reopen};
use pinggu::session::{ChangeError, Mark, NewSession, Session, Status};
use pinggu::standard::{Loaded, Standard};
use rust_decimal::Decimal;
use std::process::Command;

const NOW: &str = "2026-11-18T16:30:00+08:00";

fn new_session(loaded: &Loaded) -> Session {
    let form = NewSession {
        center: "青枫街道社区事务受理服务中心".into(),
        district: "梧桐区".into(),
        assessors: vec!["沈嘉禾".into()],
        date: "2026-11-18".into(),
    };
    Session::new(form, loaded, "2026-11-18T09:00:00+08:00")
}

/// Every item met.
fn complete(loaded: &Loaded) -> Session {
    let mut s = new_session(loaded);
    let ids: Vec<String> = loaded.standard.items().map(|r| r.item.id.clone()).collect();
    for id in ids {
        s.set_mark(&loaded.standard, &id, Some(Mark::Met)).unwrap();
    }
    s
}

#[test]
fn refuses_unreviewed_items_and_changes_nothing() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = complete(&loaded);
    s.set_mark(std, "1.1.2", None).unwrap();
    s.set_mark(std, "7.3", None).unwrap();
    let before = s.clone();
    let err = finalize(&mut s, std, NOW).unwrap_err();
    assert_eq!(
        err,
        "cannot finalize (未能定稿): 2 item(s) not reviewed (未评): 1.1.2, 7.3"
    );
    assert_eq!(s, before);
}

#[test]
fn refuses_deductions_and_penalties_without_a_note() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = complete(&loaded);
    s.set_mark(std, "2.1.1", Some(Mark::Deducted(Decimal::TWO)))
        .unwrap();
    s.set_mark(std, "3.2.3", Some(Mark::Deducted(Decimal::ONE)))
        .unwrap();
    s.set_note(std, "3.2.3", "   \n ").unwrap(); // blank is no explanation
    s.set_penalty(std, "8.1", true, None).unwrap();
    let before = s.clone();
    let err = finalize(&mut s, std, NOW).unwrap_err();
    assert_eq!(
        err,
        "cannot finalize (未能定稿): 2 deduction(s) without a note (扣分未说明): 2.1.1, 3.2.3; \
         1 triggered penalty item(s) without a note (扣分项未说明): 8.1"
    );
    assert_eq!(s, before);

    // Explained, it goes through and records the total.
    s.set_note(std, "2.1.1", "综合窗口占比71.4%，低于80%")
        .unwrap();
    s.set_note(std, "3.2.3", "7号窗口未佩戴工号牌").unwrap();
    s.set_note(std, "8.1", "2026年9月负面报道，经核实属实")
        .unwrap();
    finalize(&mut s, std, NOW).unwrap();
    assert_eq!(s.status, Status::Final);
    let f = s.finalized.clone().unwrap();
    assert_eq!(f.at, NOW);
    assert_eq!(f.total, Decimal::new(92, 0)); // 100 − 2 − 1 − 5
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.history[0].event, "finalized");
    assert_eq!(s.history[0].at, NOW);
}

#[test]
fn a_final_session_is_read_only_until_reopened() {
    let loaded = Standard::embedded();
    let std = &loaded.standard;
    let mut s = complete(&loaded);
    finalize(&mut s, std, NOW).unwrap();
    assert_eq!(s.finalized.as_ref().unwrap().total, Decimal::ONE_HUNDRED);
    assert_eq!(s.set_mark(std, "1.1.1", None), Err(ChangeError::Final));
    assert_eq!(s.set_note(std, "1.1.1", "x"), Err(ChangeError::Final));
    assert_eq!(
        s.set_penalty(std, "8.2", true, Some("x")),
        Err(ChangeError::Final)
    );
    let before = s.clone();
    assert!(
        finalize(&mut s, std, NOW)
            .unwrap_err()
            .contains("already final")
    );
    assert_eq!(s, before);

    reopen(&mut s, "2026-11-19T10:00:00+08:00").unwrap();
    assert_eq!(s.status, Status::Draft);
    assert_eq!(s.finalized, None);
    let events: Vec<&str> = s.history.iter().map(|h| h.event.as_str()).collect();
    assert_eq!(events, ["finalized", "reopened"]);
    assert_eq!(s.history[1].at, "2026-11-19T10:00:00+08:00");
    s.set_mark(std, "1.1.1", Some(Mark::Na)).unwrap();

    let before = s.clone();
    assert!(reopen(&mut s, NOW).unwrap_err().contains("not final"));
    assert_eq!(s, before);
}

fn pinggu(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pinggu"))
        .arg("--sessions")
        .arg(dir)
        .args(args)
        .env_remove("PINGGU_LANG")
        .output()
        .unwrap()
}

#[test]
fn the_cli_refuses_with_the_list_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let src = "sessions/梧桐镇社区事务受理服务中心-2026-11-25.json";
    let file = dir.path().join("draft.json");
    std::fs::copy(src, &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let out = pinggu(dir.path(), &["finalize", "draft"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("31 item(s) not reviewed (未评): 2.4, 2.5, 3.1.1"),
        "{err}"
    );
    assert!(
        err.contains("1 deduction(s) without a note (扣分未说明): 2.1.3"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // A final session: reopen, then scriptable commands work again.
    let src = "sessions/白鹭湾街道社区事务受理服务中心-2026-11-20.json";
    let file = dir.path().join("clean.json");
    std::fs::copy(src, &file).unwrap();
    let out = pinggu(dir.path(), &["mark", "clean", "1.1.1", "deduct", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("final (定稿)"));
    assert!(pinggu(dir.path(), &["reopen", "clean"]).status.success());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"status\": \"draft\""));
    assert!(text.contains("\"event\": \"reopened\""));
    assert!(!text.contains("\"finalized\": {"));
    assert!(
        pinggu(dir.path(), &["mark", "clean", "1.1.1", "deduct", "1"])
            .status
            .success()
    );
    assert!(
        pinggu(dir.path(), &["note", "clean", "1.1.1", "门牌褪色"])
            .status
            .success()
    );
    assert!(pinggu(dir.path(), &["finalize", "clean"]).status.success());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"total\": \"99\""), "{text}");
}
