//! Phrasing of a plan's rules beyond its rate: the period length and due-date rule, what the
//! daily penalty is charged on, and the late fees with their caps (plan show, the TUI detail).

use super::{Lang, fill};
use crate::domain::dates::{DateTerms, DueRule, Period};
use crate::domain::terms::{LateFeeCap, LateFees, PenaltyBase};

crate::messages! {
    /// Labels and phrases of a plan's date, penalty and late-fee rules.
    RuleText {
        FieldMinFee => ("Minimum fee", "最低手续费"),
        FieldStart => ("Start", "起始日"),
        FieldDueDates => ("Due dates", "还款日"),
        FieldPenaltyBase => ("Penalty on", "罚息基数"),
        FieldPenaltyMin => ("Least penalty", "最低罚息"),
        FieldLateFees => ("Late fees", "滞纳金"),
        FieldTolerance => ("Tolerance", "容差"),
        EveryMonth => ("monthly", "按月"),
        EveryTwoWeeks => ("every 2 weeks", "每 2 周"),
        EveryWeek => ("every week", "每周"),
        EveryDays => ("every {0} days", "每 {0} 天"),
        RuleFirstDue => ("from the first due date", "从首期还款日起"),
        RuleAfterStart => ("one period after the start", "起始日后一期"),
        RuleDueDay => ("day {0} of each month", "每月 {0} 日"),
        RuleStatementDay => ("{1} days after statement day {0}", "账单日 {0} 日后 {1} 天"),
        RulesJoin => ("{0}, {1}", "{0}，{1}"),
        ChoiceDueDay => ("a day of each month", "每月固定一天"),
        ChoiceStatementDay => ("days after a statement day", "账单日后若干天"),
        BaseInstallment => ("each late installment", "逾期的那一期"),
        BasePrincipal => ("all outstanding principal", "全部剩余本金"),
        BaseBalance => ("the whole unpaid balance", "全部未还本金和费用"),
        PerDay => ("{0} a day", "每天 {0}"),
        LateFee => ("{0} when overdue", "逾期收 {0}"),
        LateFeeExtra => ("{0} more at {1} days late", "逾期第 {1} 天再收 {0}"),
        LateFeeCapAt => ("at most {0}", "最多 {0}"),
        CapPercent => ("{0} of the principal", "本金的 {0}"),
        PartsJoin => ("; ", "；"),
    }
}

/// A period length: monthly, every 2 weeks, every week, every N days.
pub(crate) fn period_name(lang: Lang, every: Period) -> String {
    match every {
        Period::Month => RuleText::EveryMonth.text(lang).to_string(),
        Period::Days(14) => RuleText::EveryTwoWeeks.text(lang).to_string(),
        Period::Days(7) => RuleText::EveryWeek.text(lang).to_string(),
        Period::Days(n) => fill(RuleText::EveryDays.text(lang), &[&n]),
    }
}

/// The period length and due-date rule: "monthly, day 10 of each month".
pub(crate) fn due_dates_text(lang: Lang, dates: &DateTerms) -> String {
    let rule = match dates.due {
        DueRule::FirstDue => RuleText::RuleFirstDue.text(lang).to_string(),
        DueRule::AfterStart => RuleText::RuleAfterStart.text(lang).to_string(),
        DueRule::DueDay(day) => fill(RuleText::RuleDueDay.text(lang), &[&day]),
        DueRule::StatementDay { day, due_after } => {
            fill(RuleText::RuleStatementDay.text(lang), &[&day, &due_after])
        }
    };
    fill(
        RuleText::RulesJoin.text(lang),
        &[&period_name(lang, dates.every), &rule],
    )
}

/// What the daily penalty is charged on.
pub(crate) fn penalty_base_name(lang: Lang, base: PenaltyBase) -> &'static str {
    match base {
        PenaltyBase::Installment => RuleText::BaseInstallment,
        PenaltyBase::Principal => RuleText::BasePrincipal,
        PenaltyBase::Balance => RuleText::BaseBalance,
    }
    .text(lang)
}

/// An amount a day: "0.01 a day".
pub(crate) fn per_day(lang: Lang, amount: &dyn std::fmt::Display) -> String {
    fill(RuleText::PerDay.text(lang), &[amount])
}

/// Late fees with their caps: "10.00 when overdue; 7.00 more at 7 days late; at most 68.00 /
/// 25% of the principal".
pub(crate) fn late_fees_text(lang: Lang, fees: &LateFees) -> String {
    let mut parts = Vec::new();
    if fees.fee.is_positive() {
        parts.push(fill(RuleText::LateFee.text(lang), &[&fees.fee.grouped()]));
    }
    if let Some(extra) = fees.extra {
        parts.push(fill(
            RuleText::LateFeeExtra.text(lang),
            &[&extra.amount.grouped(), &extra.days],
        ));
    }
    let caps: Vec<String> = fees
        .caps()
        .into_iter()
        .map(|cap| match cap {
            LateFeeCap::Amount(amount) => amount.grouped(),
            LateFeeCap::Percent(rate) => fill(RuleText::CapPercent.text(lang), &[&rate]),
        })
        .collect();
    if !caps.is_empty() {
        parts.push(fill(
            RuleText::LateFeeCapAt.text(lang),
            &[&caps.join(" / ")],
        ));
    }
    parts.join(RuleText::PartsJoin.text(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    #[test]
    fn every_phrase_is_translated() {
        for entry in RuleText::ALL {
            let (en, zh) = (entry.text(Lang::En), entry.text(Lang::Zh));
            super::super::assert_translated(entry, en, zh);
        }
    }

    #[test]
    fn rules_read_as_a_sentence() {
        let dates = DateTerms {
            start: None,
            every: Period::Month,
            due: DueRule::StatementDay {
                day: 24,
                due_after: 20,
            },
        };
        assert_eq!(
            due_dates_text(Lang::En, &dates),
            "monthly, 20 days after statement day 24"
        );
        assert_eq!(
            due_dates_text(Lang::Zh, &dates),
            "按月，账单日 24 日后 20 天"
        );
        let mut fees = LateFees {
            fee: Money::from_cents(1_000),
            extra: crate::domain::LateFeeExtra::parse("7:7"),
            ..LateFees::default()
        };
        fees.add_cap(LateFeeCap::parse("68").unwrap());
        fees.add_cap(LateFeeCap::parse("25%").unwrap());
        assert_eq!(
            late_fees_text(Lang::En, &fees),
            "10.00 when overdue; 7.00 more at 7 days late; at most 68.00 / 25% of the principal"
        );
        assert_eq!(period_name(Lang::En, Period::Days(10)), "every 10 days");
    }
}
