//! Every label the assessment screen shows, in Chinese (default) and English.

use crate::app::Action;
use crate::cli::Lang;
use crate::session::ChangeError;

/// A fixed label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum L {
    Total,
    Penalty,
    Progress,
    Draft,
    Final,
    ReadOnly,
    Tree,
    Detail,
    Unreviewed,
    Met,
    Na,
    Note,
    NoNote,
    Points,
    Score,
    Mark,
    Triggered,
    NotTriggered,
    Category,
    Indicator,
    Rule,
    DeductPrompt,
    JumpPrompt,
    SearchPrompt,
    HelpTitle,
    PreviewTitle,
    NoteTitle,
    TooSmall,
    HelpBrowse,
    HelpPrompt,
    HelpNote,
    HelpOverlay,
    NeedItem,
    NeedGroup,
    NeedPenalty,
    NeedNoteTarget,
    ReadOnlyRefused,
    FinalRefused,
    NothingToUndo,
    NothingToRedo,
    Undone,
    Redone,
    AllReviewed,
    LastItem,
    NoSearch,
    NoneUnreviewed,
    NoteKept,
    Finalized,
    NotFinalized,
    Reviewed,
}

/// The label in `lang`.
pub fn t(lang: Lang, label: L) -> &'static str {
    let (zh, en) = match label {
        L::Total => ("总分", "Total"),
        L::Penalty => ("扣分项", "Penalty"),
        L::Progress => ("已评", "Reviewed"),
        L::Draft => ("草稿", "Draft"),
        L::Final => ("定稿", "Final"),
        L::ReadOnly => ("只读", "Read-only"),
        L::Tree => ("评估标准", "Standard"),
        L::Detail => ("详情", "Details"),
        L::Unreviewed => ("未评", "Unreviewed"),
        L::Met => ("符合", "Met"),
        L::Na => ("不适用", "N/A"),
        L::Note => ("说明", "Note"),
        L::NoNote => ("（无说明，按 e 填写）", "(no note: press e)"),
        L::Points => ("分值", "Points"),
        L::Score => ("得分", "Score"),
        L::Mark => ("评分", "Mark"),
        L::Triggered => ("已触发", "Triggered"),
        L::NotTriggered => ("未触发", "Not triggered"),
        L::Category => ("一级指标", "Category"),
        L::Indicator => ("二级指标", "Indicator"),
        L::Rule => ("规则", "Rule"),
        L::DeductPrompt => ("扣分", "Deduct"),
        L::JumpPrompt => ("跳转到", "Go to"),
        L::SearchPrompt => ("搜索", "Search"),
        L::HelpTitle => ("按键", "Keys"),
        L::PreviewTitle => ("评分表预览", "Scorecard preview"),
        L::NoteTitle => ("说明", "Note"),
        L::TooSmall => (
            "终端窗口太小，至少需要 40x10",
            "Terminal too small: need at least 40x10",
        ),
        L::HelpBrowse => ("浏览与评分", "Browse and score"),
        L::HelpPrompt => ("输入框", "Prompts"),
        L::HelpNote => ("说明编辑", "Note editor"),
        L::HelpOverlay => ("预览与帮助", "Preview and help"),
        L::NeedItem => ("请先选中一条评估内容", "Select an item first"),
        L::NeedGroup => ("Y 用于一级或二级指标", "Y works on a category or indicator"),
        L::NeedPenalty => ("t 用于扣分项（8.1、8.2）", "t works on a penalty item"),
        L::NeedNoteTarget => (
            "说明只能写在评估内容或扣分项上",
            "Notes go on an item or a penalty item",
        ),
        L::ReadOnlyRefused => ("只读：不能修改", "Read-only: changes are refused"),
        L::FinalRefused => (
            "已定稿：先用 pinggu reopen 重新打开才能修改",
            "Final (定稿): run pinggu reopen to change it",
        ),
        L::NothingToUndo => ("没有可撤销的操作", "Nothing to undo"),
        L::NothingToRedo => ("没有可重做的操作", "Nothing to redo"),
        L::Undone => ("已撤销", "Undone"),
        L::Redone => ("已重做", "Redone"),
        L::AllReviewed => ("全部评估内容都已评", "Every item is reviewed"),
        L::LastItem => ("已是最后一条", "That was the last item"),
        L::NoSearch => ("先按 / 搜索", "Search with / first"),
        L::NoneUnreviewed => ("没有未评的条目", "No unreviewed items here"),
        L::NoteKept => ("说明已保存", "Note kept"),
        L::Finalized => ("已定稿", "Finalized"),
        L::NotFinalized => ("未能定稿", "Cannot finalize"),
        L::Reviewed => ("已评", "reviewed"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A field label with its colon: "评分：" / "Mark: ".
pub fn label(lang: Lang, label: L) -> String {
    match lang {
        Lang::Zh => format!("{}：", t(lang, label)),
        Lang::En => format!("{}: ", t(lang, label)),
    }
}

/// A deduction as shown in the detail pane ("扣 1.5 分").
pub fn deducted(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::Zh => format!("扣 {amount} 分"),
        Lang::En => format!("Deducted {amount}"),
    }
}

pub fn no_such_item(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Zh => format!("没有编号为 {id} 的条目"),
        Lang::En => format!("No item numbered {id}"),
    }
}

pub fn no_match(lang: Lang, query: &str) -> String {
    match lang {
        Lang::Zh => format!("没有匹配“{query}”的条目"),
        Lang::En => format!("Nothing matches \"{query}\""),
    }
}

pub fn match_of(lang: Lang, at: usize, of: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {at}/{of} 个匹配"),
        Lang::En => format!("Match {at} of {of}"),
    }
}

pub fn marked_met(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("{count} 条标为符合"),
        Lang::En => format!("{count} item(s) marked met"),
    }
}

pub fn bad_amount(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("“{text}”不是有效分数（如 1 或 0.5）"),
        Lang::En => format!("\"{text}\" is not an amount (e.g. 1 or 0.5)"),
    }
}

/// The deduct prompt's label: item and the indicator's points.
pub fn deduct_label(lang: Lang, item: &str, max: &str) -> String {
    match lang {
        Lang::Zh => format!("扣分 {item}（最多 {max} 分）："),
        Lang::En => format!("Deduct from {item} (at most {max}): "),
    }
}

/// A refused change, in the assessor's language.
pub fn change_error(lang: Lang, error: &ChangeError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        ChangeError::UnknownItem(id) | ChangeError::UnknownPenalty(id) => {
            format!("标准中没有 {id}")
        }
        ChangeError::DeductionTooLarge {
            item,
            amount,
            indicator,
            points,
        } => format!("{item}：扣 {amount} 分超过二级指标 {indicator} 的分值 {points} 分，未接受"),
        ChangeError::DeductionNotPositive(id) => format!("{id}：扣分必须大于 0"),
        ChangeError::Final => t(lang, L::FinalRefused).to_string(),
    }
}

/// What is still open when quitting.
pub fn open_work(lang: Lang, unreviewed: usize, no_note: usize, penalty_no_note: usize) -> String {
    let mut parts = Vec::new();
    if unreviewed > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{unreviewed} 项未评"),
            Lang::En => format!("{unreviewed} unreviewed"),
        });
    }
    if no_note > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{no_note} 项扣分无说明"),
            Lang::En if no_note == 1 => "1 deduction without a note".to_string(),
            Lang::En => format!("{no_note} deductions without a note"),
        });
    }
    if penalty_no_note > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{penalty_no_note} 个扣分项无说明"),
            Lang::En => format!("{penalty_no_note} penalty without a note"),
        });
    }
    parts.join(" · ")
}

/// The footer's short name for an action.
pub fn hint(lang: Lang, action: Action) -> &'static str {
    if lang == Lang::En {
        return match action {
            Action::NextUnreviewed => "next unreviewed",
            Action::MarkMet => "met",
            Action::Deduct => "deduct",
            Action::MarkNa => "n/a",
            Action::EditNote => "note",
            Action::Undo => "undo",
            Action::Search => "search",
            Action::Preview => "scorecard",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Submit => "apply",
            Action::Cancel => "cancel",
            Action::CloseNote => "close and keep",
            Action::ScrollUp | Action::ScrollDown => "scroll",
            Action::PageDown => "page",
            Action::DetailPageDown => "detail page",
            Action::Close => "close",
            other => other.doc(),
        };
    }
    match action {
        Action::NextUnreviewed => "下一未评",
        Action::MarkMet => "符合",
        Action::Deduct => "扣分",
        Action::MarkNa => "不适用",
        Action::EditNote => "说明",
        Action::Undo => "撤销",
        Action::Search => "搜索",
        Action::Preview => "评分表",
        Action::Help => "帮助",
        Action::Quit => "退出",
        Action::Submit => "确定",
        Action::Cancel => "取消",
        Action::CloseNote => "关闭并保留",
        Action::ScrollUp | Action::ScrollDown => "滚动",
        Action::PageDown => "翻页",
        Action::DetailPageDown => "详情翻页",
        Action::Close => "关闭",
        other => help(lang, other),
    }
}

/// The help overlay's line for an action.
pub fn help(lang: Lang, action: Action) -> &'static str {
    if lang == Lang::En {
        return action.doc();
    }
    match action {
        Action::Up => "上移",
        Action::Down => "下移",
        Action::Collapse => "折叠，或回到上一级",
        Action::Expand => "展开",
        Action::Toggle => "展开/折叠",
        Action::First => "第一行",
        Action::Last => "最后一行",
        Action::NextUnreviewed => "下一条未评内容",
        Action::MarkMet => "标为符合并移到下一条",
        Action::Deduct => "扣分（输入分数）",
        Action::DeductDigit => "以该数字开始输入扣分",
        Action::Raise => "多扣 0.5 分",
        Action::Lower => "少扣 0.5 分（减到 0 即为符合）",
        Action::MarkAllMet => "本一级/二级指标下未评内容全部标为符合",
        Action::Jump => "按编号跳转（如 3.2.1）",
        Action::MarkNa => "不适用",
        Action::ClearMark => "清除评分",
        Action::EditNote => "编辑说明",
        Action::TogglePenalty => "触发/取消扣分项",
        Action::Undo => "撤销",
        Action::Redo => "重做",
        Action::Search => "按编号或文字搜索",
        Action::NextMatch => "下一个匹配",
        Action::PrevMatch => "上一个匹配",
        Action::DetailPageDown => "详情向下翻页（全文，再到评分和说明）",
        Action::DetailPageUp => "详情向上翻页",
        Action::DetailLineDown => "详情向下滚动一行",
        Action::DetailLineUp => "详情向上滚动一行",
        Action::Preview => "评分表预览",
        Action::Finalize => "定稿",
        Action::Help => "按键帮助",
        Action::Quit => "退出",
        Action::Submit => "确定",
        Action::Cancel => "取消",
        Action::CloseNote => "关闭说明并保留文字",
        Action::ScrollUp => "向上滚动",
        Action::ScrollDown => "向下滚动",
        Action::PageUp => "向上翻页",
        Action::PageDown => "向下翻页",
        Action::Close => "关闭",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_help_in_both_languages() {
        for a in Action::ALL {
            assert!(!help(Lang::Zh, *a).is_empty(), "{a:?}");
            assert!(!help(Lang::En, *a).is_empty(), "{a:?}");
            assert!(!hint(Lang::Zh, *a).is_empty(), "{a:?}");
        }
        assert_eq!(
            help(Lang::En, Action::MarkMet),
            "Mark met and move to the next item"
        );
    }

    #[test]
    fn open_work_counts() {
        assert_eq!(open_work(Lang::Zh, 3, 1, 0), "3 项未评 · 1 项扣分无说明");
        assert_eq!(
            open_work(Lang::En, 3, 1, 0),
            "3 unreviewed · 1 deduction without a note"
        );
        assert_eq!(open_work(Lang::En, 0, 0, 0), "");
    }
}
