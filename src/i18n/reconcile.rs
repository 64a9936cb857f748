//! Texts of reconciling a statement (`fenqi reconcile` and the TUI's review screen): the lists,
//! the actions, what was or would be written.

use super::{Lang, fill};
use crate::statement::matching::Action;
use crate::store::reconcile::ReconcileOutcome;

crate::messages! {
    /// Reconciliation.
    ReconcileText {
        Heading => ("{0}: {1}, {2} to {3}, {4} lines", "{0}：{1}，{2} 至 {3}，共 {4} 行"),
        MatchedHeading => ("Matched ({0}): lines that pay an installment", "已匹配（{0}）：对应某期还款的账单行"),
        MissingHeading => ("Missing ({0}): installments due with no line — likely failed debits", "缺失（{0}）：已到期但账单中没有的期次——可能扣款失败"),
        DuplicatesHeading => ("Duplicates ({0}): a second line for one installment — a double debit?", "重复（{0}）：同一期的第二笔——可能重复扣款"),
        UnexpectedHeading => ("Unexpected ({0}): repayments no plan explains", "无法解释（{0}）：没有分期计划对应的还款"),
        SuggestedHeading => ("Suggested plans ({0}): purchases on credit no plan covers", "建议添加的分期（{0}）：没有分期计划对应的信用消费"),
        NoItems => ("No line of the statement concerns an installment.", "账单中没有与分期相关的记录。"),
        ColLine => ("Line", "行"),
        ColDate => ("Date", "日期"),
        ColAmount => ("Amount", "金额"),
        ColPlan => ("Plan", "计划"),
        ColPeriod => ("Period", "期次"),
        ColAction => ("Action", "操作"),
        ColText => ("Text", "摘要"),
        ColProvider => ("Provider", "放款方"),
        ColPeriods => ("Periods", "期数"),
        ActionConfirm => ("confirm", "确认"),
        ActionRecord => ("record", "记账"),
        ActionFail => ("mark failed", "标记扣款失败"),
        ActionNone => ("no change", "不更改"),
        AlreadyConfirmed => ("confirmed already", "已确认"),
        AlreadyFailed => ("failed already", "已标记扣款失败"),
        WithLines => ("with line {0}", "连同第 {0} 行"),
        DoubleOf => ("again (line {0} paid it)", "重复（第 {0} 行已还）"),
        WouldConfirm => ("confirm {0}", "确认 {0} 笔"),
        WouldRecord => ("record {0}", "记账 {0} 笔"),
        WouldFail => ("mark {0} as failed debits", "标记 {0} 笔扣款失败"),
        DidConfirm => ("confirmed {0}", "确认 {0} 笔"),
        DidRecord => ("recorded {0}", "记账 {0} 笔"),
        DidFail => ("marked {0} as failed debits", "标记 {0} 笔扣款失败"),
        DryRun => ("Nothing written: run again with --yes to {0}.", "未写入任何内容：加上 --yes 再次运行即可{0}。"),
        Applied => ("Reconciled: {0} (one change; `fenqi undo` takes it all back).", "已对账：{0}（一次更改；`fenqi undo` 可全部撤销）。"),
        NothingToApply => ("Nothing to apply: every match is recorded already.", "没有要应用的内容：所有匹配均已记录。"),
        FormatValues => ("use auto, alipay, wechat, jd, bank or generic", "请使用 auto、alipay、wechat、jd、bank 或 generic"),
    }
}

/// What an action is called.
pub(crate) fn action_name(lang: Lang, action: Action) -> &'static str {
    match action {
        Action::Confirm => ReconcileText::ActionConfirm,
        Action::Record => ReconcileText::ActionRecord,
    }
    .text(lang)
}

/// "confirm 2, record 1, mark 1 as failed debits" (what `--yes` would write, `done` false) or
/// "confirmed 2, …" (what was written); the counts that are zero left out.
pub(crate) fn writes_text(lang: Lang, counts: &ReconcileOutcome, done: bool) -> String {
    use ReconcileText as T;
    let (confirm, record, fail) = if done {
        (T::DidConfirm, T::DidRecord, T::DidFail)
    } else {
        (T::WouldConfirm, T::WouldRecord, T::WouldFail)
    };
    let parts: Vec<String> = [
        (confirm, counts.confirmed),
        (record, counts.recorded),
        (fail, counts.failed),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(text, n)| fill(text.text(lang), &[n]))
    .collect();
    let separator = match lang {
        Lang::En => ", ",
        Lang::Zh => "，",
    };
    parts.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        for entry in ReconcileText::ALL {
            super::super::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }

    #[test]
    fn what_is_written_leaves_out_what_is_not() {
        let counts = ReconcileOutcome {
            recorded: 1,
            confirmed: 2,
            failed: 0,
        };
        assert_eq!(writes_text(Lang::En, &counts, false), "confirm 2, record 1");
        assert_eq!(writes_text(Lang::Zh, &counts, true), "确认 2 笔，记账 1 笔");
    }
}
