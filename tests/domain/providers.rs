//! Real plans to the cent: the providers' published rules and examples (sources named at each
//! test; where a provider publishes no figure to the cent, the expected numbers were computed
//! by hand from the rule with exact fractions, and the test says so).

use chrono::NaiveDate;

use fenqi::domain::apr::{Timing, annual_cost_timed};
use fenqi::domain::overdue::{PaidPart, is_overdue};
use fenqi::domain::penalties::{accrued, due};
use fenqi::domain::period_state::PeriodState;
use fenqi::domain::rate::percent4;
use fenqi::domain::schedule::{Installment, build};
use fenqi::domain::summary::quote_plan;
use fenqi::domain::{
    DateTerms, DueRule, FeeModel, FeeTerms, LateFeeCap, LateFeeExtra, LateFees, Money,
    OverdueTerms, PayoffPolicy, PenaltyBase, Period, PlanTerms, Rate, Remainder,
};

fn d(text: &str) -> NaiveDate {
    fenqi::domain::dates::parse_date(text).unwrap()
}

fn m(text: &str) -> Money {
    Money::parse(text).unwrap()
}

fn r(text: &str) -> Rate {
    Rate::parse(text).unwrap()
}

/// Terms bought or borrowed on `start`, dated by `due`.
fn plan(
    principal: &str,
    periods: u32,
    model: FeeModel,
    rate: &str,
    start: &str,
    due: DueRule,
) -> PlanTerms {
    let dates = DateTerms {
        start: Some(d(start)),
        every: Period::Month,
        due,
    };
    PlanTerms {
        principal: m(principal),
        periods,
        fee: FeeTerms {
            model,
            rate: if rate.is_empty() { Rate::ZERO } else { r(rate) },
            ..FeeTerms::default()
        },
        remainder: Remainder::Last,
        first_due: dates.computed_first_due().unwrap().unwrap_or(d(start)),
        payoff: PayoffPolicy::default(),
        overdue: OverdueTerms::default(),
        dates,
    }
}

fn column(schedule: &[Installment], part: impl Fn(&Installment) -> Money) -> Vec<String> {
    schedule.iter().map(|i| part(i).to_string()).collect()
}

fn dates(schedule: &[Installment]) -> Vec<String> {
    schedule.iter().map(|i| i.due_date.to_string()).collect()
}

/// The periods of `terms`, the first `paid` paid on their due dates.
fn states(terms: &PlanTerms, paid: u32) -> Vec<PeriodState> {
    build(terms)
        .unwrap()
        .into_iter()
        .map(|i| {
            let done = i.period <= paid;
            PeriodState {
                period: i.period,
                due_date: i.due_date,
                principal: i.principal,
                fee: i.fee,
                paid_principal: if done { i.principal } else { Money::ZERO },
                paid_fee: if done { i.fee } else { Money::ZERO },
                paid_penalty: Money::ZERO,
                waived: false,
                paid_parts: if done {
                    vec![PaidPart {
                        on: i.due_date,
                        amount: i.amount,
                    }]
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Daily interest loans.

/// 微粒贷: 5,000.00 over 5 months at 0.05% a day (日利率), 等额本息 by actual days: a level
/// payment from the monthly rate 0.05% × 30 = 1.5% (1,045.45), each period's interest on the
/// balance for the days since the previous due date, the last settling the balance. 微众银行
/// publishes the rule (按日计息, 等额本息) but no schedule to the cent; these figures were
/// computed by hand from the rule with exact fractions.
#[test]
fn weilidai_5000_over_5_months_at_005_percent_a_day() {
    let terms = plan(
        "5000",
        5,
        FeeModel::DailyAnnuity,
        "0.05%",
        "2025-03-05",
        DueRule::AfterStart,
    );
    let s = build(&terms).unwrap();
    assert_eq!(
        dates(&s),
        [
            "2025-04-05",
            "2025-05-05",
            "2025-06-05",
            "2025-07-05",
            "2025-08-05"
        ]
    );
    // 5000 × 0.05% × 31 = 77.50; 4032.05 × 0.05% × 30 = 60.48075 → 60.48; …
    assert_eq!(
        column(&s, |i| i.fee),
        ["77.50", "60.48", "47.23", "30.73", "16.03"]
    );
    assert_eq!(
        column(&s, |i| i.amount),
        ["1045.45", "1045.45", "1045.45", "1045.45", "1050.17"]
    );
    assert_eq!(s[4].principal.to_string(), "1034.14");
    assert_eq!(s[4].remaining_principal, Money::ZERO);
    // 等额本金 on the same loan: 1,000.00 a month plus the days' interest on the balance.
    let mut ep = terms.clone();
    ep.fee.model = FeeModel::DailyEqualPrincipal;
    let s = build(&ep).unwrap();
    assert_eq!(
        column(&s, |i| i.fee),
        ["77.50", "60.00", "46.50", "30.00", "15.50"]
    );
    // Quoted as 18.25% a year (0.05% × 365).
    assert_eq!(
        percent4(quote_plan(&terms).unwrap().naive_percent),
        "18.2500"
    );
}

/// 借呗 先息后本: 10,000.00 borrowed on 2025-01-15 for 3 months at 0.03% a day (借呗 quotes
/// 日利率, interest by actual days); interest only each month, the principal with the last.
/// Computed by hand: 10,000 × 0.03% × 31 / 28 / 31 days.
#[test]
fn jiebei_interest_only_by_actual_days() {
    let terms = plan(
        "10000",
        3,
        FeeModel::DailyInterestOnly,
        "0.03%",
        "2025-01-15",
        DueRule::AfterStart,
    );
    let s = build(&terms).unwrap();
    assert_eq!(dates(&s), ["2025-02-15", "2025-03-15", "2025-04-15"]);
    assert_eq!(column(&s, |i| i.fee), ["93.00", "84.00", "93.00"]);
    assert_eq!(column(&s, |i| i.amount), ["93.00", "84.00", "10093.00"]);
    // Paid off on 2025-03-01 after period 1: interest from 02-15, 14 days: 42.00.
    let mut early = terms.clone();
    early.payoff = PayoffPolicy::InterestToDate;
    let q = fenqi::domain::payoff::quote(&early, &states(&early, 1), d("2025-03-01")).unwrap();
    assert_eq!(
        (q.fee.to_string(), q.amount.to_string()),
        ("42.00".into(), "10042.00".into())
    );
}

// ---------------------------------------------------------------------------------------------
// Due-date rules.

/// 京东白条 订单分期 bought on 31 Jan, 3 periods: due 28 Feb, 31 Mar, 30 Apr (京东白条 help,
/// as quoted at w.sf024.com/info/369482763778504644.html, read 2025: "1月31日使用白条消费，
/// 分3期支付，每次付款截止日为：2月28/29日、3月31日、4月30日"). 0.5% a month on 1,200.00 is
/// 6.00 a period.
#[test]
fn baitiao_order_bought_on_31_january() {
    let terms = plan(
        "1200",
        3,
        FeeModel::MonthlyFee,
        "0.5%",
        "2025-01-31",
        DueRule::AfterStart,
    );
    let s = build(&terms).unwrap();
    assert_eq!(dates(&s), ["2025-02-28", "2025-03-31", "2025-04-30"]);
    assert_eq!(column(&s, |i| i.amount), ["406.00", "406.00", "406.00"]);
    // The same dates from a due day of 31; in a leap year February's is the 29th.
    let by_day = plan(
        "1200",
        3,
        FeeModel::MonthlyFee,
        "0.5%",
        "2025-01-31",
        DueRule::DueDay(31),
    );
    assert_eq!(
        dates(&build(&by_day).unwrap()),
        ["2025-02-28", "2025-03-31", "2025-04-30"]
    );
    let leap = plan(
        "1200",
        2,
        FeeModel::MonthlyFee,
        "0.5%",
        "2024-01-31",
        DueRule::AfterStart,
    );
    assert_eq!(dates(&build(&leap).unwrap()), ["2024-02-29", "2024-03-31"]);
}

/// A due day falls in the month after the start: applied 5 Feb, due day 10 → 10 Mar, 10 Apr
/// (PRODUCT.md's rule).
#[test]
fn due_day_starts_the_month_after() {
    let terms = plan(
        "3000",
        3,
        FeeModel::InterestFree,
        "",
        "2025-02-05",
        DueRule::DueDay(10),
    );
    assert_eq!(
        dates(&build(&terms).unwrap()),
        ["2025-03-10", "2025-04-10", "2025-05-10"]
    );
}

/// 建设银行: statement day 24, due 20 days after the statement → 16 Mar, 13 Apr, 14 May
/// (2025). Any purchase from 24 Jan to 23 Feb 2025 posts on the 24 Feb statement first.
/// 京东白条 账单制 (statement day 1, due 9 days later, as quoted at the page above: bought
/// 4月5日 → 5月10日, 6月10日, 7月10日) follows the same rule.
#[test]
fn statement_day_and_days_after() {
    let ccb = DueRule::StatementDay {
        day: 24,
        due_after: 20,
    };
    for start in ["2025-01-24", "2025-02-10", "2025-02-23"] {
        let terms = plan("3000", 3, FeeModel::MonthlyFee, "0.6%", start, ccb);
        let s = build(&terms).unwrap();
        assert_eq!(
            dates(&s),
            ["2025-03-16", "2025-04-13", "2025-05-14"],
            "{start}"
        );
        assert_eq!(column(&s, |i| i.amount), ["1018.00", "1018.00", "1018.00"]);
    }
    // On the statement day itself the next statement is a month later.
    let terms = plan("3000", 1, FeeModel::MonthlyFee, "0.6%", "2025-02-24", ccb);
    assert_eq!(dates(&build(&terms).unwrap()), ["2025-04-13"]);
    let baitiao = DueRule::StatementDay {
        day: 1,
        due_after: 9,
    };
    let terms = plan(
        "3000",
        3,
        FeeModel::MonthlyFee,
        "0.5%",
        "2025-04-05",
        baitiao,
    );
    assert_eq!(
        dates(&build(&terms).unwrap()),
        ["2025-05-10", "2025-06-10", "2025-07-10"]
    );
}

// ---------------------------------------------------------------------------------------------
// Minimum fee.

/// 招商银行's minimum fee of 5.00 a period: 600.00 over 12 at 0.6% is 3.60 a period, charged
/// as 5.00; after an 8折 discount (2.88) still 5.00; a fee-free period stays 0.
#[test]
fn cmb_minimum_fee_of_5() {
    let mut terms = plan(
        "600",
        12,
        FeeModel::MonthlyFee,
        "0.6%",
        "2025-01-10",
        DueRule::AfterStart,
    );
    terms.fee.min_fee = Some(m("5"));
    let s = build(&terms).unwrap();
    assert!(s.iter().all(|i| i.fee.to_string() == "5.00"));
    assert_eq!(s[0].amount.to_string(), "55.00");
    terms.fee.discount = Some(r("80%"));
    terms.fee.free_periods = vec![1];
    let s = build(&terms).unwrap();
    assert_eq!(s[0].fee, Money::ZERO);
    assert!(s[1..].iter().all(|i| i.fee.to_string() == "5.00"));
    // Above the minimum the fee is untouched: 6,000.00 × 0.6% = 36.00.
    let mut big = plan(
        "6000",
        12,
        FeeModel::MonthlyFee,
        "0.6%",
        "2025-01-10",
        DueRule::AfterStart,
    );
    big.fee.min_fee = Some(m("5"));
    assert_eq!(build(&big).unwrap()[0].fee.to_string(), "36.00");
}

// ---------------------------------------------------------------------------------------------
// Pay-in-4 and late fees.

/// Afterpay, four payments every two weeks, the first at purchase.
fn afterpay(order: &str) -> PlanTerms {
    let dates = DateTerms {
        start: Some(d("2025-03-01")),
        every: Period::Days(14),
        due: DueRule::FirstDue,
    };
    let mut late_fees = LateFees {
        fee: m("10"),
        extra: LateFeeExtra::parse("7:7"),
        ..LateFees::default()
    };
    late_fees.add_cap(LateFeeCap::parse("68").unwrap());
    late_fees.add_cap(LateFeeCap::parse("25%").unwrap());
    PlanTerms {
        principal: m(order),
        periods: 4,
        fee: FeeTerms::interest_free(),
        remainder: Remainder::Last,
        first_due: d("2025-03-01"),
        payoff: PayoffPolicy::default(),
        overdue: OverdueTerms {
            grace_days: 0,
            penalty_daily: Rate::ZERO,
            late_fees,
            ..OverdueTerms::default()
        },
        dates,
    }
}

/// Afterpay (help.afterpay.com/hc/en-au/articles/360016272971, read 2025): "$10 late fee is
/// charged when a payment is missed. If the outstanding amount remains unpaid after seven
/// days, an additional $7 late fee applies … Late fees will never exceed 25% of the order total
/// or $68 per order, whichever is lower … we may charge partial amounts".
#[test]
fn afterpay_late_fees_and_their_cap() {
    let terms = afterpay("100");
    let s = build(&terms).unwrap();
    assert_eq!(
        dates(&s),
        ["2025-03-01", "2025-03-15", "2025-03-29", "2025-04-12"]
    );
    // The first payment, at purchase, paid; the second (due 03-15) and third (03-29) missed.
    let periods = states(&terms, 1);
    let fees = |on: &str| -> Vec<String> {
        accrued(&periods, d(on), &terms.overdue)
            .unwrap()
            .iter()
            .map(|p| p.late_fees.to_string())
            .collect()
    };
    assert_eq!(fees("2025-03-15"), ["0.00", "0.00", "0.00", "0.00"]);
    assert_eq!(fees("2025-03-16"), ["0.00", "10.00", "0.00", "0.00"]);
    assert_eq!(fees("2025-03-21"), ["0.00", "10.00", "0.00", "0.00"]);
    assert_eq!(fees("2025-03-22"), ["0.00", "17.00", "0.00", "0.00"]);
    // The cap: 25% of 100.00 = 25.00 (below 68.00): the third period's 10.00 is cut to 8.00 and
    // its 7.00 never charged.
    assert_eq!(fees("2025-03-30"), ["0.00", "17.00", "8.00", "0.00"]);
    assert_eq!(fees("2025-05-30"), ["0.00", "17.00", "8.00", "0.00"]);
    // A 400.00 order: three missed payments are 51.00, within both caps; a 1,000.00 order with
    // a fifth period would reach 68.00.
    let big = afterpay("400");
    let periods = states(&big, 1);
    let total: i64 = accrued(&periods, d("2025-06-01"), &big.overdue)
        .unwrap()
        .iter()
        .map(|p| p.late_fees.cents())
        .sum();
    assert_eq!(total, 5_100);
    // The pay-in-4 first payment is at k = 0: an interest-free plan costs 0%, and 104.00
    // repaid on 100.00 as four 26.00 (first at purchase) is 2.679…% a fortnight: APR 69.6565%
    // (26 periods a year), computed by bisection with exact fractions.
    let dues = vec![m("26"); 4];
    let timing = Timing {
        every: Period::Days(14),
        first_at_start: true,
    };
    let cost = annual_cost_timed(m("100"), &dues, timing).unwrap();
    assert_eq!(percent4(cost.apr_percent), "69.6565");
    assert_eq!(percent4(cost.ear_percent), "98.8533");
    assert_eq!(
        percent4(quote_plan(&terms).unwrap().cost.apr_percent),
        "0.0000"
    );
}

/// A late fee when a period turns overdue after grace, and the extra on the day it is D days
/// late (PRODUCT.md: due 3 Mar, 7:7 → 10 Mar).
#[test]
fn late_fee_after_grace_and_extra_on_its_day() {
    let mut terms = plan(
        "300",
        3,
        FeeModel::InterestFree,
        "",
        "2025-02-03",
        DueRule::AfterStart,
    );
    terms.overdue.penalty_daily = Rate::ZERO;
    terms.overdue.late_fees = LateFees {
        fee: m("10"),
        extra: LateFeeExtra::parse("7:7"),
        ..LateFees::default()
    };
    let periods = states(&terms, 0);
    assert_eq!(periods[0].due_date, d("2025-03-03"));
    let first = |on: &str| {
        accrued(&periods, d(on), &terms.overdue).unwrap()[0]
            .late_fees
            .to_string()
    };
    assert_eq!(first("2025-03-06"), "0.00"); // 3 days late: within grace, reads due
    assert_eq!(first("2025-03-07"), "10.00");
    assert_eq!(first("2025-03-09"), "10.00");
    assert_eq!(first("2025-03-10"), "17.00");
    // A percent cap is that share of the principal rounded down: 25% of 99.99 = 24.9975 → 24.99.
    let mut fees = LateFees::default();
    fees.add_cap(LateFeeCap::Percent(r("25%")));
    assert_eq!(fees.cap(m("99.99")), Some(m("24.99")));
    fees.add_cap(LateFeeCap::Amount(m("30")));
    fees.add_cap(LateFeeCap::Amount(m("20")));
    assert_eq!(fees.cap(m("99.99")), Some(m("20")));
    assert_eq!(LateFeeCap::parse("120%"), None);
}

// ---------------------------------------------------------------------------------------------
// Penalties.

/// 金条 charges the daily penalty on all the loan's outstanding principal, once a day, from the
/// first late period's due date. 3,000.00 at 0.05% a day over 3 months from 2025-01-10 (1,000.00
/// of principal a month); nothing paid on 02-20, 10 days after period 1's due date: 3,000.00 ×
/// 0.05% × 10 = 15.00, all on period 1 (its own unpaid 1,046.50 would give 5.23). By hand.
#[test]
fn jintiao_penalty_on_all_outstanding_principal() {
    let mut terms = plan(
        "3000",
        3,
        FeeModel::DailyEqualPrincipal,
        "0.05%",
        "2025-01-10",
        DueRule::AfterStart,
    );
    let s = build(&terms).unwrap();
    assert_eq!(column(&s, |i| i.amount), ["1046.50", "1028.00", "1015.50"]);
    let unpaid = states(&terms, 0);
    let on = d("2025-02-20");
    let daily = |terms: &PlanTerms, periods: &[PeriodState], on| -> Vec<String> {
        accrued(periods, on, &terms.overdue)
            .unwrap()
            .iter()
            .map(|p| p.daily.to_string())
            .collect()
    };
    assert_eq!(daily(&terms, &unpaid, on), ["5.23", "0.00", "0.00"]);
    terms.overdue.base = PenaltyBase::Principal;
    assert_eq!(daily(&terms, &unpaid, on), ["15.00", "0.00", "0.00"]);
    // On the balance base: the whole unpaid principal and interest, 3,090.00 × 0.05% × 10.
    let mut balance = terms.clone();
    balance.overdue.base = PenaltyBase::Balance;
    assert_eq!(daily(&balance, &unpaid, on), ["15.45", "0.00", "0.00"]);
    // Period 1 paid (with its 15.00) on 02-20; period 2 due 03-10 unpaid on 03-20: the days
    // between are nobody's, then 2,000.00 × 0.05% × 10 = 10.00 on period 2.
    let mut periods = unpaid.clone();
    periods[0].paid_principal = periods[0].principal;
    periods[0].paid_fee = periods[0].fee;
    periods[0].paid_penalty = m("15");
    periods[0].paid_parts = vec![PaidPart {
        on,
        amount: m("1046.50"),
    }];
    assert_eq!(
        daily(&terms, &periods, d("2025-03-20")),
        ["0.00", "10.00", "0.00"]
    );
    assert_eq!(
        due(&periods, d("2025-03-20"), &terms.overdue).unwrap(),
        [Money::ZERO, m("10"), Money::ZERO]
    );
}

/// 白条 charges at least 0.01 a day: 9.00 over 3 periods (3.00 each), period 1 unpaid 5 days
/// with no grace: 9.00 × 0.05% = 0.0045 a day on the balance base, charged 0.01 a day: 0.05
/// (0.0225 → 0.02 without the minimum).
#[test]
fn baitiao_minimum_penalty_a_day() {
    let mut terms = plan(
        "9",
        3,
        FeeModel::InterestFree,
        "",
        "2025-01-31",
        DueRule::AfterStart,
    );
    terms.overdue.grace_days = 0;
    terms.overdue.base = PenaltyBase::Balance;
    let periods = states(&terms, 0);
    let on = d("2025-03-05");
    let first = |terms: &PlanTerms| {
        accrued(&periods, on, &terms.overdue).unwrap()[0]
            .daily
            .to_string()
    };
    assert_eq!(first(&terms), "0.02");
    terms.overdue.penalty_min = m("0.01");
    assert_eq!(first(&terms), "0.05");
    // On the installment base too: 3.00 × 0.05% = 0.0015 a day, charged 0.01.
    terms.overdue.base = PenaltyBase::Installment;
    assert_eq!(first(&terms), "0.05");
}

/// Within grace a period reads due, not overdue; at or under the tolerance (容差) it is not
/// overdue and accrues nothing, though the rest stays owed.
#[test]
fn grace_and_tolerance() {
    let mut terms = plan(
        "6000",
        12,
        FeeModel::MonthlyFee,
        "0.6%",
        "2024-12-31",
        DueRule::AfterStart,
    );
    let mut periods = states(&terms, 0);
    let p = &periods[0];
    assert_eq!(p.due_date, d("2025-01-31"));
    let overdue = |p: &PeriodState, terms: &PlanTerms, on: &str| {
        is_overdue(
            p.unpaid().unwrap(),
            &p.paid_parts,
            p.due_date,
            d(on),
            &terms.overdue,
        )
        .unwrap()
    };
    assert!(!overdue(p, &terms, "2025-02-03"));
    assert!(overdue(p, &terms, "2025-02-04"));
    // 535.50 of 536.00 paid on the due date: 0.50 left, under a tolerance of 1.00.
    periods[0].paid_fee = m("36");
    periods[0].paid_principal = m("499.50");
    periods[0].paid_parts = vec![PaidPart {
        on: d("2025-01-31"),
        amount: m("535.50"),
    }];
    terms.overdue.tolerance = m("1");
    assert!(!overdue(&periods[0], &terms, "2025-02-20"));
    assert_eq!(
        accrued(&periods, d("2025-02-20"), &terms.overdue).unwrap()[0]
            .total()
            .unwrap(),
        Money::ZERO
    );
    assert_eq!(periods[0].unpaid().unwrap(), m("0.50"));
    // Without the tolerance: 0.50 × 0.05% × 20 days = 0.005 → 0.01.
    terms.overdue.tolerance = Money::ZERO;
    assert!(overdue(&periods[0], &terms, "2025-02-20"));
    assert_eq!(
        accrued(&periods, d("2025-02-20"), &terms.overdue).unwrap()[0]
            .daily
            .to_string(),
        "0.01"
    );
}

/// Every model and rule above keeps a 360-period daily-rate plan quick to quote.
#[test]
fn a_360_period_daily_plan_quotes() {
    let terms = plan(
        "100000",
        360,
        FeeModel::DailyAnnuity,
        "0.05%",
        "2025-01-31",
        DueRule::AfterStart,
    );
    let q = quote_plan(&terms).unwrap();
    assert_eq!(q.schedule.len(), 360);
    assert_eq!(q.schedule[359].remaining_principal, Money::ZERO);
    assert_eq!(q.schedule[359].due_date.to_string(), "2055-01-31");
}
