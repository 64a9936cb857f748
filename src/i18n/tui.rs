//! Texts of the terminal interface in both languages.

use super::{Lang, fill};
use crate::domain::PayoffPolicy;

crate::messages! {
    /// Every string the TUI shows.
    TuiText {
        PanePlans => ("Plans", "分期计划"),
        PaneUpcoming => ("Upcoming", "待还款"),
        UpcomingScope => ("overdue + next {0} days", "逾期及未来{0}天"),
        PaneHistory => ("History", "还款记录"),
        ColProvider => ("Provider", "平台"),
        ColName => ("Name", "名称"),
        ColPaid => ("Paid", "已还"),
        ColNextDue => ("Next due", "下次还款"),
        ColRemaining => ("Remaining", "剩余"),
        ColApr => ("APR", "年化"),
        ColDate => ("Date", "日期"),
        ColDays => ("Days", "天数"),
        ColAmount => ("Amount", "金额"),
        ColCard => ("Card", "银行卡"),
        ColPlan => ("Plan", "计划"),
        ColPenalty => ("Penalty", "罚息"),
        ColChannel => ("Channel", "渠道"),
        ColReference => ("Reference", "流水号"),
        ColPrincipal => ("Principal", "本金"),
        ColFee => ("Fee", "手续费"),
        ColStatus => ("Status", "状态"),
        ColBank => ("Bank", "银行"),
        ColLast4 => ("Last 4", "尾号"),
        ColLabel => ("Label", "备注"),
        DaysLeft => ("in {0}d", "{0}天后"),
        DueToday => ("today", "今天"),
        DaysLate => ("{0}d late", "逾期{0}天"),
        AutoDebitMark => ("auto", "自动"),
        FailedMark => ("FAILED", "扣款失败"),
        Done => ("done", "已结清"),
        NoCard => ("(none)", "（无）"),
        Next7DaysPerCard => ("Next 7 days by card:", "未来7天各卡应还："),
        NoPlans => ("No plans yet. Press a to add one.", "还没有分期计划。按 a 添加。"),
        NothingDue => ("Nothing due.", "没有待还款项。"),
        NoHistory => ("No repayments recorded yet.", "还没有还款记录。"),
        NoMatches => ("Nothing matches the filter.", "没有符合筛选条件的项目。"),
        StatusDue7 => ("7 days: {0}", "7天内：{0}"),
        StatusDue30 => ("30 days: {0}", "30天内：{0}"),
        StatusOverdue => ("overdue: {0} ({1})", "逾期：{0} 笔（{1}）"),
        StatusNextDue => ("next due in {0}d", "距下次还款 {0} 天"),
        StatusNextDueToday => ("next due today", "今天有还款"),
        StatusNoneDue => ("nothing due", "没有待还"),
        FilterPrompt => ("Filter {0}: ", "筛选{0}："),
        FilterActive => ("filter: {0}", "筛选：{0}"),
        HintBrowse => ("⏎ open  a add  e edit  d del  p pay  o payoff  m month  / filter  u undo  ? help", "⏎ 详情  a 添加  e 编辑  d 删除  p 还款  o 结清  m 月视图  / 筛选  u 撤销  ? 帮助"),
        HintUpcoming => ("⏎ plan  p pay this  f failed debit  o payoff  m month  / filter  u undo  ? help", "⏎ 计划  p 还这一期  f 扣款失败  o 结清  m 月视图  / 筛选  u 撤销  ? 帮助"),
        HintHistory => ("⏎ plan  / filter  u undo  a add plan  c cards  m month  L 中文  ? help  q quit", "⏎ 计划  / 筛选  u 撤销  a 添加计划  c 银行卡  m 月视图  L 英文  ? 帮助"),
        HintBrowseWide => ("⏎ open  a add  e edit  d del  p pay  f failed  o payoff  c cards  m month  / filter  u undo  L 中文  ? help  q quit", "⏎ 详情  a 添加  e 编辑  d 删除  p 还款  f 扣款失败  o 结清  c 银行卡  m 月视图  / 筛选  u 撤销  L 英文  ? 帮助  q 退出"),
        HintUpcomingWide => ("⏎ plan  p pay this  f failed debit  o payoff  a add plan  c cards  m month  / filter  u undo  L 中文  ? help  q quit", "⏎ 计划  p 还这一期  f 扣款失败  o 结清  a 添加计划  c 银行卡  m 月视图  / 筛选  u 撤销  L 英文  ? 帮助  q 退出"),
        HintHistoryWide => ("⏎ plan  p pay  f failed  o payoff  a add plan  c cards  m month  / filter  u undo  L 中文  ? help  q quit", "⏎ 计划  p 还款  f 扣款失败  o 结清  a 添加计划  c 银行卡  m 月视图  / 筛选  u 撤销  L 英文  ? 帮助  q 退出"),
        HintForm => ("Tab/↓ next  Shift-Tab/↑ back  ←/→ choice  Enter save  Esc cancel", "Tab/↓ 下一项  Shift-Tab/↑ 上一项  ←/→ 切换选项  Enter 保存  Esc 取消"),
        HintConfirm => ("y/Enter confirm  n/Esc cancel", "y/Enter 确认  n/Esc 取消"),
        HintDetail => ("j/k scroll  p pay  f failed  o payoff  e edit  d delete  Esc close", "j/k 滚动  p 还款  f 扣款失败  o 提前结清  e 编辑  d 删除  Esc 关闭"),
        HintDetailWide => ("j/k scroll  p pay  f failed  o payoff  e edit  d delete  u undo  L 中文  ? help  Esc close", "j/k 滚动  p 还款  f 扣款失败  o 提前结清  e 编辑  d 删除  u 撤销  L 英文  ? 帮助  Esc 关闭"),
        HintMonth => ("v by provider / by card  Esc close", "v 按平台/按银行卡  Esc 关闭"),
        HintCards => ("j/k move  a add  s set default  r replace lost card  Esc close", "j/k 移动  a 添加  s 设为默认  r 挂失换卡  Esc 关闭"),
        HintMonthWide => ("v by provider / by card  L 中文  ? help  Esc close", "v 按平台/按银行卡  L 英文  ? 帮助  Esc 关闭"),
        HintCardsWide => ("j/k move  a add  s set default  r replace lost card  u undo  L 中文  ? help  Esc close", "j/k 移动  a 添加  s 设为默认  r 挂失换卡  u 撤销  L 英文  ? 帮助  Esc 关闭"),
        HintFilter => ("type to filter  Enter keep  Esc clear", "输入以筛选  Enter 保留  Esc 清除"),
        HintHelp => ("Esc close", "Esc 关闭"),
        HintError => ("any key to close", "按任意键关闭"),
        HelpTitle => ("Keys", "按键"),
        HelpPanes => ("Tab / Shift-Tab, 1 2 3: next / previous pane, jump to pane", "Tab / Shift-Tab，1 2 3：下一个/上一个窗格，跳到窗格"),
        HelpMove => ("j k ↓ ↑, g G, PgUp PgDn: move, top, bottom, page", "j k ↓ ↑，g G，PgUp PgDn：移动、顶部、底部、翻页"),
        HelpEnter => ("Enter: open the selected plan (schedule, terms, APR, payments)", "Enter：打开所选计划（还款计划、条款、年化利率、还款记录）"),
        HelpAdd => ("a: add a plan (live schedule and APR preview)", "a：添加计划（实时预览还款计划和年化利率）"),
        HelpEditDelete => ("e / d: edit / delete the selected plan", "e / d：编辑/删除所选计划"),
        HelpPay => ("p: record a repayment (prefilled with what is due)", "p：记录还款（预填应还金额）"),
        HelpFailed => ("f: mark a failed auto-debit", "f：标记自动扣款失败"),
        HelpPayoff => ("o: early payoff quote, then confirm", "o：提前结清报价并确认"),
        HelpCards => ("c: cards: add, set default, replace a lost card", "c：银行卡：添加、设为默认、挂失换卡"),
        HelpMonth => ("m: month view: what is due per month, next 12 months", "m：月视图：未来12个月每月应还"),
        HelpFilter => ("/: filter the focused pane", "/：筛选当前窗格"),
        HelpUndo => ("u: undo the last change", "u：撤销上一次修改"),
        HelpLang => ("L: switch language 中文 / English", "L：切换语言 中文 / English"),
        HelpHelp => ("?: this help", "?：显示帮助"),
        HelpQuit => ("q, Esc: close / quit", "q，Esc：关闭/退出"),
        HelpForms => ("Forms: Tab moves between fields, Enter saves, Esc cancels; ←/→ change a choice.", "表单：Tab 在字段间移动，Enter 保存，Esc 取消；←/→ 切换选项。"),
        FormAddPlan => ("Add a plan", "添加分期计划"),
        FormEditPlan => ("Edit plan #{0}", "编辑计划 #{0}"),
        FormPay => ("Record a repayment: {0}", "记录还款：{0}"),
        FormFailed => ("Failed auto-debit: {0}", "自动扣款失败：{0}"),
        FormAddCard => ("Add a card", "添加银行卡"),
        FormReplaceCard => ("Replace lost card {0}", "挂失换卡：{0}"),
        FormPayoff => ("Early payoff: {0}", "提前结清：{0}"),
        FieldName => ("Name", "名称"),
        FieldProvider => ("Provider", "平台"),
        FieldPrincipal => ("Principal", "本金"),
        FieldPeriods => ("Periods", "期数"),
        FieldModel => ("Fee model", "费用模式"),
        FieldMonthlyFee => ("Monthly fee", "月手续费率"),
        FieldTotalFee => ("Total fee", "总手续费率"),
        FieldAnnualRate => ("Annual rate", "年利率"),
        FieldFirstDue => ("First due", "首期还款日"),
        FieldCard => ("Card", "还款卡"),
        FieldAutoDebit => ("Auto-debit", "自动扣款"),
        FieldDiscount => ("Fee discount", "手续费折扣"),
        FieldFreePeriods => ("Fee-free periods", "免息期数"),
        FieldRemainder => ("Remainder to", "尾差计入"),
        FieldPayoffPolicy => ("Payoff policy", "提前还款规则"),
        FieldGraceDays => ("Grace days", "宽限天数"),
        FieldPenaltyDaily => ("Daily penalty", "日罚息率"),
        FieldPenaltyFrom => ("Penalty from", "罚息起算"),
        FieldAmount => ("Amount", "金额"),
        FieldDate => ("Date", "日期"),
        FieldChannel => ("Channel", "渠道"),
        FieldReference => ("Reference", "流水号"),
        FieldBank => ("Bank", "银行"),
        FieldLast4 => ("Last 4 digits", "卡号后四位"),
        FieldLabel => ("Label", "备注"),
        FieldNewCard => ("New card", "新卡"),
        ModelMonthlyFee => ("flat monthly fee", "每月固定手续费"),
        ModelTotalFee => ("total fee, spread", "总手续费分摊"),
        ModelUpfrontFee => ("total fee, upfront", "总手续费首期收取"),
        ModelAnnuity => ("annuity (等额本息)", "等额本息"),
        ModelEqualPrincipal => ("equal principal (等额本金)", "等额本金"),
        ModelInterestFree => ("interest-free", "免息"),
        RemainderLast => ("last period", "最后一期"),
        RemainderFirst => ("first period", "第一期"),
        PayoffUnderPolicy => ("(early payoff rule: {0})", "（提前还款规则：{0}）"),
        PolicyWaiveRemainingFees => ("waive remaining fees", "免除剩余手续费"),
        PolicyCurrentFeeDue => ("current period's fee due", "收取当期手续费"),
        PolicyAllFeesDue => ("all remaining fees due", "收取剩余全部手续费"),
        PolicyPenalty => ("fees waived, {0} of the remaining principal", "免除剩余手续费，收取剩余本金的 {0}"),
        PolicyInterestToDate => ("interest to date", "收取当期利息"),
        PolicyNotAllowed => ("not allowed", "不允许提前还款"),
        PenaltyFromDue => ("due date", "还款日"),
        PenaltyFromGraceEnd => ("end of grace", "宽限期结束"),
        Yes => ("yes", "是"),
        No => ("no", "否"),
        Required => ("required", "必填"),
        TooLong => ("at most {0} characters", "最多 {0} 个字符"),
        NoControlChars => ("no control characters", "不能包含控制字符"),
        Last4Digits => ("exactly 4 digits", "必须是4位数字"),
        Overpayment => ("more than can be paid now: at most {0} (what is due by this date and the next period); to pay more, pay the plan off early with o", "超过目前可还的金额：最多 {0}（截至该日已到期的款项加下一期）；如需多还，请按 o 提前结清"),
        BeforeLatestPayment => ("a repayment dated {0} is already recorded on this plan, and repayments are recorded in date order; to enter an earlier one, undo the later one first (u)", "该计划已记录了 {0} 的还款，还款须按日期顺序记录；如需补记更早的还款，请先撤销较晚的那笔（按 u）"),
        SameCard => ("choose a different card", "请选择另一张卡"),
        NoOtherCard => ("add the new card first (a in the cards list)", "请先添加新卡（在银行卡列表按 a）"),
        PreviewTitle => ("Preview", "预览"),
        PreviewFillIn => ("To see the schedule, fill in: {0}", "填写后显示还款计划：{0}"),
        PreviewCorrect => ("To see the schedule, correct: {0}", "修正后显示还款计划：{0}"),
        ListSeparator => (", ", "、"),
        PreviewTotals => ("Total fee {0}  Total {1}", "总手续费 {0}  还款总额 {1}"),
        AprVsNaive => ("APR {0}%  EAR {1}%  vs {2}% naive ({3}×)", "年化 {0}%  实际年利率 {1}%，粗算 {2}%（{3} 倍）"),
        AprOnly => ("APR {0}%  EAR {1}%", "年化 {0}%  实际年利率 {1}%"),
        MoreRows => ("… {0} more", "……还有 {0} 期"),
        DetailTitle => ("Plan #{0}: {1}", "计划 #{0}：{1}"),
        DetailTerms => ("Terms", "条款"),
        DetailSchedule => ("Schedule", "还款计划"),
        DetailPayments => ("Payments", "还款记录"),
        DetailPayoff => ("Payoff today ({0}): {1} = principal {2} + fee {3} + penalty {4}", "今日提前结清（{0}）：{1} = 本金 {2} + 手续费 {3} + 罚息 {4}"),
        DetailPayoffUnavailable => ("Payoff today: {0}", "今日提前结清：{0}"),
        DetailNoPayments => ("No payments yet.", "还没有还款。"),
        TermsLine => ("{0} over {1}, {2} {3}, first due {4}", "{0}，分 {1}，{2} {3}，首期 {4}"),
        Periods => ("{0} periods", "{0} 期"),
        PeriodsOne => ("{0} period", "{0} 期"),
        TermsCard => ("Card: {0}  Auto-debit: {1}", "还款卡：{0}  自动扣款：{1}"),
        TermsPolicy => ("Payoff: {0}  Grace: {1}  Penalty: {2}/day from {3}", "提前还款：{0}  宽限：{1}  罚息：每日 {2}，自{3}起算"),
        Days => ("{0} days", "{0} 天"),
        DaysOne => ("{0} day", "{0} 天"),
        MonthTitleProvider => ("Due per month, next 12 months, by provider", "未来12个月每月应还（按平台）"),
        MonthTitleCard => ("Due per month, next 12 months, by card", "未来12个月每月应还（按银行卡）"),
        CardsTitle => ("Cards", "银行卡"),
        NoCards => ("No cards yet. Press a to add one.", "还没有银行卡。按 a 添加。"),
        DefaultMark => ("default", "默认"),
        ArchivedMark => ("archived", "已停用"),
        ConfirmDelete => ("Delete plan #{0} \"{1}\" with its schedule and payments?", "删除计划 #{0}「{1}」及其还款计划和还款记录？"),
        ConfirmPayoff => ("Record an early payoff of {0} on {1}?", "在 {1} 记录提前结清 {0}？"),
        ConfirmDraft => ("fenqi was stopped while a form was open. Restore what you had typed?", "上次退出时有未完成的表单。要恢复已输入的内容吗？"),
        ConfirmDemo => ("The database is empty. Load demo data to look around?", "数据库是空的。要加载演示数据看看吗？"),
        ConfirmTitle => ("Confirm", "确认"),
        ErrorTitle => ("Error", "错误"),
        MsgPlanAdded => ("Plan #{0} added.", "已添加计划 #{0}。"),
        MsgPlanUpdated => ("Plan #{0} updated.", "已更新计划 #{0}。"),
        MsgPlanDeleted => ("Plan #{0} deleted.", "已删除计划 #{0}。"),
        MsgPaymentRecorded => ("Repayment of {0} recorded.", "已记录还款 {0}。"),
        MsgFailedRecorded => ("Failed debit recorded.", "已记录扣款失败。"),
        MsgPayoffRecorded => ("Plan paid off: {0}.", "已提前结清：{0}。"),
        MsgCardAdded => ("Card #{0} added.", "已添加银行卡 #{0}。"),
        MsgDefaultCard => ("Card #{0} is now the default.", "银行卡 #{0} 已设为默认。"),
        MsgCardReplaced => ("{0} plans moved to the new card.", "已将 {0} 个计划转到新卡。"),
        MsgCardReplacedOne => ("{0} plan moved to the new card.", "已将 {0} 个计划转到新卡。"),
        MsgUndone => ("Undone: {0}", "已撤销：{0}"),
        MsgNothingToUndo => ("Nothing to undo.", "没有可撤销的操作。"),
        MsgNoPlanSelected => ("Select a plan first.", "请先选择一个计划。"),
        MsgNothingDueForPlan => ("Nothing is due on this plan.", "该计划没有待还款项。"),
        MsgNothingToPayOff => ("Nothing to pay off: this plan is fully paid.", "无需提前结清：该计划已全部还清。"),
        MsgPayoffNotAllowed => ("This plan does not allow early payoff.", "该计划不允许提前还款。"),
        MsgDraftRestored => ("Draft restored: check it, then Enter to save.", "已恢复草稿：核对后按 Enter 保存。"),
        MsgDraftDiscarded => ("Draft discarded.", "已丢弃草稿。"),
        MsgDemoLoaded => ("Demo data loaded.", "已加载演示数据。"),
        MsgLanguage => ("Language: English", "语言：中文"),
        MonthAxisTotal => ("total", "合计"),
        ByProvider => ("by provider", "按平台"),
        ByCard => ("by card", "按银行卡"),
        FatalError => ("fenqi: error: {0}", "fenqi: 错误: {0}"),
        PanicMessage => ("fenqi: internal error at {0}. The terminal was restored; every change is saved in one transaction, so nothing was written half-way. Please report this.", "fenqi: 内部错误（{0}）。终端已恢复；每次修改都在一个事务中保存，不会写入一半。请报告此问题。"),
        DraftSaveFailed => ("fenqi: the open form could not be saved as a draft: {0}", "fenqi: 未能把打开的表单保存为草稿：{0}"),
    }
}

/// The name of an early-payoff policy as the TUI shows it ("waive remaining fees").
pub fn payoff_policy(lang: Lang, policy: &PayoffPolicy) -> String {
    let text = match policy {
        PayoffPolicy::WaiveRemainingFees => TuiText::PolicyWaiveRemainingFees,
        PayoffPolicy::CurrentFeeDue => TuiText::PolicyCurrentFeeDue,
        PayoffPolicy::AllFeesDue => TuiText::PolicyAllFeesDue,
        PayoffPolicy::Penalty(rate) => return fill(TuiText::PolicyPenalty.text(lang), &[rate]),
        PayoffPolicy::InterestToDate => TuiText::PolicyInterestToDate,
        PayoffPolicy::NotAllowed => TuiText::PolicyNotAllowed,
    };
    text.text(lang).to_string()
}

/// The name of the policy a code like `penalty:3%` stands for (the code itself when it is
/// none).
pub fn payoff_policy_code(lang: Lang, code: &str) -> String {
    PayoffPolicy::parse(code).map_or_else(|| code.to_string(), |p| payoff_policy(lang, &p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for text in TuiText::ALL {
            assert!(!text.text(Lang::En).is_empty(), "{text:?}");
            assert!(!text.text(Lang::Zh).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn payoff_policies_have_names_in_both_languages() {
        assert_eq!(
            payoff_policy_code(Lang::Zh, "waive-remaining-fees"),
            "免除剩余手续费"
        );
        assert_eq!(
            payoff_policy_code(Lang::En, "waive-remaining-fees"),
            "waive remaining fees"
        );
        assert_eq!(
            payoff_policy_code(Lang::Zh, "penalty:3%"),
            "免除剩余手续费，收取剩余本金的 3%"
        );
        assert_eq!(payoff_policy_code(Lang::En, "not-allowed"), "not allowed");
        assert_eq!(payoff_policy_code(Lang::En, "bogus"), "bogus");
    }

    #[test]
    fn placeholders_match_between_languages() {
        for text in TuiText::ALL {
            for n in 0..6 {
                let mark = format!("{{{n}}}");
                assert_eq!(
                    text.text(Lang::En).contains(&mark),
                    text.text(Lang::Zh).contains(&mark),
                    "{text:?} {mark}"
                );
            }
        }
    }
}
