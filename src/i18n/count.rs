//! Counted nouns ("1 day", "3 days"; "1 天", "3 天"): English picks the singular for exactly one.

use super::{Lang, fill, one_or_many};

crate::messages! {
    /// A count with its noun, singular and plural (Chinese has one form).
    CountText {
        DayOne => ("{0} day", "{0} 天"),
        DayMany => ("{0} days", "{0} 天"),
        GraceDayOne => ("{0} grace day", "宽限 {0} 天"),
        GraceDayMany => ("{0} grace days", "宽限 {0} 天"),
        PeriodOne => ("{0} period", "{0} 期"),
        PeriodMany => ("{0} periods", "{0} 期"),
        PlanOne => ("{0} plan", "{0} 个分期计划"),
        PlanMany => ("{0} plans", "{0} 个分期计划"),
        SamplePlanOne => ("{0} sample plan", "{0} 个示例分期计划"),
        SamplePlanMany => ("{0} sample plans", "{0} 个示例分期计划"),
        CardOne => ("{0} card", "{0} 张银行卡"),
        CardMany => ("{0} cards", "{0} 张银行卡"),
        RepaymentRecordOne => ("{0} repayment record", "{0} 条还款记录"),
        RepaymentRecordMany => ("{0} repayment records", "{0} 条还款记录"),
        RowOne => ("{0} row", "{0} 行"),
        RowMany => ("{0} rows", "{0} 行"),
        ProblemOne => ("{0} problem", "{0} 个问题"),
        ProblemMany => ("{0} problems", "{0} 个问题"),
        PostingOne => ("{0} automatic posting", "{0} 笔自动扣款"),
        PostingMany => ("{0} automatic postings", "{0} 笔自动扣款"),
        EntryOne => ("{0} entry", "{0} 项"),
        EntryMany => ("{0} entries", "{0} 项"),
    }
}

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noun {
    Day,
    GraceDay,
    Period,
    Plan,
    SamplePlan,
    Card,
    RepaymentRecord,
    Row,
    Problem,
    Posting,
    /// What a reconciliation wrote: a repayment recorded or confirmed, a failed debit marked.
    Entry,
}

/// `n` with its noun in `lang`: "1 day", "0 days", "3 天".
pub(crate) fn count(lang: Lang, n: u64, noun: Noun) -> String {
    let (one, many) = match noun {
        Noun::Day => (CountText::DayOne, CountText::DayMany),
        Noun::GraceDay => (CountText::GraceDayOne, CountText::GraceDayMany),
        Noun::Period => (CountText::PeriodOne, CountText::PeriodMany),
        Noun::Plan => (CountText::PlanOne, CountText::PlanMany),
        Noun::SamplePlan => (CountText::SamplePlanOne, CountText::SamplePlanMany),
        Noun::Card => (CountText::CardOne, CountText::CardMany),
        Noun::RepaymentRecord => (
            CountText::RepaymentRecordOne,
            CountText::RepaymentRecordMany,
        ),
        Noun::Row => (CountText::RowOne, CountText::RowMany),
        Noun::Problem => (CountText::ProblemOne, CountText::ProblemMany),
        Noun::Posting => (CountText::PostingOne, CountText::PostingMany),
        Noun::Entry => (CountText::EntryOne, CountText::EntryMany),
    };
    fill(one_or_many(n, one, many).text(lang), &[&n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_singular_for_exactly_one() {
        assert_eq!(count(Lang::En, 1, Noun::Day), "1 day");
        assert_eq!(count(Lang::En, 0, Noun::Day), "0 days");
        assert_eq!(count(Lang::En, 2, Noun::Period), "2 periods");
        assert_eq!(count(Lang::En, 1, Noun::Plan), "1 plan");
        assert_eq!(count(Lang::Zh, 1, Noun::Day), "1 天");
        assert_eq!(count(Lang::Zh, 12, Noun::Period), "12 期");
    }

    #[test]
    fn every_entry_is_translated() {
        for entry in CountText::ALL {
            super::super::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
