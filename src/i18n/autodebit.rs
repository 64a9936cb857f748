//! Texts of automatic postings, failed debits and `confirm` (CLI and TUI).

use crate::store::{InstallmentStatus, InstallmentView};

use super::store::installment_status;
use super::{Lang, fill};

crate::messages! {
    /// Automatic postings, failed debits, confirmations.
    AutoDebitText {
        UnconfirmedHeading => ("Paid by auto-debit, not yet confirmed (check the bank's record, then `fenqi confirm`)", "已按自动扣款计为已还、尚未确认（核对银行记录后运行 `fenqi confirm`）"),
        Unconfirmed => ("{0} unconfirmed", "{0} 笔待确认"),
        PaidUnconfirmed => ("paid (auto-debit, unconfirmed)", "已还（自动扣款，待确认）"),
        RetryOn => ("retry {0}", "{0} 重试"),
        FailedWithoutAutoDebit => ("fenqi: warning: plan #{0} has no auto-debit; the failed debit was recorded anyway", "fenqi：警告：分期计划 #{0} 未开通自动扣款；仍已记录扣款失败"),
        Confirmed => ("Confirmed {0}: {1}.", "已确认 {0}：{1}。"),
        NothingToConfirm => ("Nothing to confirm: no automatic posting is waiting.", "没有要确认的内容：没有待确认的自动扣款。"),
        RetryBeforeFailure => ("must not be before the failed debit's date", "不能早于扣款失败的日期"),
        RetryNeedsFailed => ("--retry-on goes with --failed", "--retry-on 需与 --failed 一起使用"),
    }
}

/// A period's status in words: "paid (auto-debit, unconfirmed)" for an automatic posting,
/// "debit failed · retry 2025-03-05" for a failed debit with its retry date.
pub(crate) fn period_status(lang: Lang, row: &InstallmentView) -> String {
    let name = installment_status(lang, row.status);
    match (row.status, row.retry_on) {
        (InstallmentStatus::Paid, _) if !row.confirmed => {
            AutoDebitText::PaidUnconfirmed.text(lang).to_string()
        }
        (InstallmentStatus::DebitFailed, Some(retry)) => format!(
            "{name} · {}",
            fill(AutoDebitText::RetryOn.text(lang), &[&retry])
        ),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        for entry in AutoDebitText::ALL {
            super::super::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
