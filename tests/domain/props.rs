//! Property tests of the money engine against PRODUCT.md's money rules: schedules, due dates,
//! APR, parsing, allocation and payoff quotes.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use fenqi::domain::allocation::{AllocationError, OpenPeriod, allocate};
use fenqi::domain::dates::{due_date, parse_date};
use fenqi::domain::money::MAX_MONEY_CENTS;
use fenqi::domain::payoff::{PayoffError, PayoffQuote, quote};
use fenqi::domain::period_state::PeriodState;
use fenqi::domain::rate::percent4;
use fenqi::domain::schedule::{Installment, build};
use fenqi::domain::summary::quote_plan;
use fenqi::domain::{
    FeeModel, FeeTerms, Money, OverdueTerms, PayoffPolicy, PlanTerms, Rate, Remainder,
};

// ---------------------------------------------------------------------------------------------
// Reference arithmetic, written from the money rules rather than taken from the engine.

fn cents(m: Money) -> i64 {
    m.cents()
}

/// `round_half_up` to 0.01, in cents.
fn half_up_cents(value: Decimal) -> i64 {
    let rounded = (value * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    rounded.to_i64().expect("cents fit in i64")
}

/// The principal parts the rules define: `round_down(P / n)`, the remainder on one end.
fn expected_split(total: i64, n: u32, remainder: Remainder) -> Vec<i64> {
    let base = total / i64::from(n);
    let rest = total - base * i64::from(n);
    let mut parts = vec![base; n as usize];
    let index = match remainder {
        Remainder::Last => n as usize - 1,
        Remainder::First => 0,
    };
    parts[index] += rest;
    parts
}

/// The last day of a month, from the calendar itself.
fn last_day_of_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|d| d.pred_opt())
        .expect("a real month")
        .day()
}

/// First due date plus `k − 1` months, clamped to the month's last day: by hand with chrono.
fn expected_due(first: NaiveDate, k: u32) -> NaiveDate {
    let months = first.year() * 12 + first.month0() as i32 + (k as i32 - 1);
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let day = first.day().min(last_day_of_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).expect("a clamped day exists")
}

fn to_f64(value: Decimal) -> f64 {
    value.to_f64().expect("finite")
}

/// `−P + Σ due_k / (1+i)^k` in floating point (an independent check of the exact solver).
fn npv_f64(principal: Money, dues: &[Money], monthly: f64) -> f64 {
    let mut value = -to_f64(principal.decimal());
    let mut discount = 1.0;
    for due in dues {
        discount /= 1.0 + monthly;
        value += to_f64(due.decimal()) * discount;
    }
    value
}

// ---------------------------------------------------------------------------------------------
// Strategies.

fn principal_cents() -> impl Strategy<Value = i64> {
    // 0.01 … 10^9, spread over the orders of magnitude.
    prop_oneof![
        1i64..=10_000,
        10_000i64..=10_000_000,
        10_000_000i64..=100_000_000_000,
        Just(1i64),
        Just(100_000_000_000i64),
    ]
}

fn period_count() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 1u32..=36, 1 => 1u32..=360, 1 => Just(360u32)]
}

/// A rate of 0 … `max_ten_thousandths` / 10^4 percent, with up to four decimals.
fn rate_up_to(max_ten_thousandths: i64) -> impl Strategy<Value = Rate> {
    (0..=max_ten_thousandths).prop_map(|x| Rate::from_percent(Decimal::new(x, 4)))
}

fn remainder() -> impl Strategy<Value = Remainder> {
    prop_oneof![Just(Remainder::Last), Just(Remainder::First)]
}

/// Any day from 1990 to 2100, with month ends (the clamping cases) drawn often.
fn first_due() -> impl Strategy<Value = NaiveDate> {
    let any_day = (0u64..40_000)
        .prop_map(|offset| NaiveDate::from_ymd_opt(1990, 1, 1).expect("date") + Days::new(offset));
    let month_end = (1990i32..=2100, 1u32..=12, 0u32..=3).prop_map(|(y, m, back)| {
        let last = last_day_of_month(y, m);
        NaiveDate::from_ymd_opt(y, m, last - back).expect("date")
    });
    prop_oneof![any_day, month_end]
}

/// Fee options of the flat and total models: an optional discount and some fee-free periods.
fn fee_options(periods: u32) -> impl Strategy<Value = (Option<Rate>, Vec<u32>)> {
    let discount = proptest::option::of((0i64..=100).prop_map(|p| Rate::from_percent(p.into())));
    let free = proptest::collection::btree_set(1..=periods, 0..=(periods as usize).min(6))
        .prop_map(|set| set.into_iter().collect::<Vec<u32>>());
    (discount, free)
}

fn fee_terms(periods: u32) -> BoxedStrategy<FeeTerms> {
    let fee_based = |model: FeeModel, max: i64| {
        (rate_up_to(max), fee_options(periods)).prop_map(move |(rate, (discount, free_periods))| {
            FeeTerms {
                model,
                rate,
                discount,
                free_periods,
                ..FeeTerms::default()
            }
        })
    };
    let interest_based = |model: FeeModel| {
        rate_up_to(360_000).prop_map(move |rate| FeeTerms {
            model,
            rate,
            discount: None,
            free_periods: Vec::new(),
            ..FeeTerms::default()
        })
    };
    prop_oneof![
        fee_based(FeeModel::MonthlyFee, 30_000),
        fee_based(FeeModel::TotalFee, 600_000),
        fee_based(FeeModel::UpfrontFee, 600_000),
        interest_based(FeeModel::Annuity),
        interest_based(FeeModel::EqualPrincipal),
        Just(FeeTerms::interest_free()),
    ]
    .boxed()
}

fn plan_terms() -> impl Strategy<Value = PlanTerms> {
    plan_terms_over(period_count())
}

/// Plan terms with a period count from `periods`.
fn plan_terms_over(periods: impl Strategy<Value = u32>) -> impl Strategy<Value = PlanTerms> {
    (principal_cents(), periods, remainder(), first_due()).prop_flat_map(
        |(principal, periods, remainder, first_due)| {
            fee_terms(periods).prop_map(move |fee| PlanTerms {
                principal: Money::from_cents(principal),
                periods,
                fee,
                remainder,
                first_due,
                payoff: PayoffPolicy::default(),
                overdue: OverdueTerms::default(),
                dates: Default::default(),
            })
        },
    )
}

/// `cases` per property, or `PROPTEST_CASES` when set (for a longer hunt: `PROPTEST_CASES=20000`),
/// drawn from the fixed seed (`FENQI_TEST_SEED` replays another).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    crate::common::seed::proptest_config(cases)
}

// ---------------------------------------------------------------------------------------------
// Schedule checks.

/// The fee parts the rules give the flat, total, upfront and interest-free models.
fn expected_flat_fees(terms: &PlanTerms) -> Vec<i64> {
    let fee = &terms.fee;
    let n = terms.periods;
    let mut whole = half_up_cents(terms.principal.decimal() * fee.rate.fraction());
    if let Some(discount) = fee.discount {
        whole = half_up_cents(Decimal::new(whole, 2) * discount.fraction());
    }
    let mut parts = match fee.model {
        FeeModel::MonthlyFee => vec![whole; n as usize],
        FeeModel::TotalFee => expected_split(whole, n, terms.remainder),
        FeeModel::UpfrontFee => {
            let mut parts = vec![0; n as usize];
            parts[0] = whole;
            parts
        }
        _ => vec![0; n as usize],
    };
    for &free in &fee.free_periods {
        parts[free as usize - 1] = 0;
    }
    parts
}

/// `round_half_up(balance × R / 12)` in cents on integers: `balance_cents × m / (10^s × 12)`
/// for `R = m / 10^s`, the product exact and rounded once (never `R / 12` first).
fn exact_twelfth_cents(balance: Money, rate: Rate) -> i64 {
    let fraction = rate.fraction();
    let numerator = i128::from(cents(balance)) * fraction.mantissa();
    let denominator = 10i128.pow(fraction.scale()) * 12;
    let (quotient, rest) = (numerator / denominator, numerator % denominator);
    (quotient + i128::from(2 * rest >= denominator)) as i64
}

/// 等额本息 / 等额本金: interest is `round_half_up(balance × R/12)` on the balance before the period.
fn check_interest_on_balance(
    terms: &PlanTerms,
    schedule: &[Installment],
) -> Result<(), TestCaseError> {
    let mut balance = terms.principal;
    for item in schedule {
        prop_assert_eq!(
            cents(item.fee),
            exact_twelfth_cents(balance, terms.fee.rate),
            "interest of period {}",
            item.period
        );
        balance = Money::from_cents(cents(balance) - cents(item.principal));
    }
    Ok(())
}

/// 等额本息: a level payment close to the exact annuity payment; the last period settles.
fn check_annuity(terms: &PlanTerms, schedule: &[Installment]) -> Result<(), TestCaseError> {
    check_interest_on_balance(terms, schedule)?;
    let n = terms.periods as usize;
    if n < 2 || schedule[0].principal == terms.principal {
        return Ok(());
    }
    let payment = schedule[0].amount;
    let p = to_f64(terms.principal.decimal());
    let r = to_f64(terms.fee.rate.fraction()) / 12.0;
    let exact = if r == 0.0 {
        p / n as f64
    } else {
        p * r / (1.0 - (1.0 + r).powi(-(n as i32)))
    };
    let tolerance = 0.005 + exact * 1e-9;
    prop_assert!(
        (to_f64(payment.decimal()) - exact).abs() <= tolerance,
        "payment {} vs exact {}",
        payment,
        exact
    );
    let mut balance = cents(terms.principal);
    for item in &schedule[..n - 1] {
        // Every period but the last pays the level payment, unless the balance runs out first.
        prop_assert!(
            item.amount == payment || cents(item.principal) == balance,
            "period {} pays {} not {}",
            item.period,
            item.amount,
            payment
        );
        balance -= cents(item.principal);
    }
    prop_assert_eq!(cents(schedule[n - 1].principal), balance);
    Ok(())
}

fn check_schedule(terms: &PlanTerms, schedule: &[Installment]) -> Result<(), TestCaseError> {
    let n = terms.periods;
    let p = cents(terms.principal);
    prop_assert_eq!(schedule.len(), n as usize);

    let principals: Vec<i64> = schedule.iter().map(|i| cents(i.principal)).collect();
    prop_assert_eq!(
        principals.iter().sum::<i64>(),
        p,
        "principal parts sum to P"
    );
    prop_assert!(principals.iter().all(|&c| c >= 0));

    let mut remaining = p;
    for (index, item) in schedule.iter().enumerate() {
        let k = index as u32 + 1;
        prop_assert_eq!(item.period, k);
        prop_assert_eq!(
            cents(item.amount),
            cents(item.principal) + cents(item.fee),
            "amount = principal + fee in period {}",
            k
        );
        prop_assert!(cents(item.fee) >= 0);
        let next = remaining - cents(item.principal);
        prop_assert!(next <= remaining && next >= 0, "remaining never rises");
        prop_assert_eq!(cents(item.remaining_principal), next);
        remaining = next;
        prop_assert_eq!(item.due_date, expected_due(terms.first_due, k));
    }
    prop_assert_eq!(remaining, 0, "remaining principal ends at 0");

    match terms.fee.model {
        FeeModel::Annuity => check_annuity(terms, schedule)?,
        model => {
            // Every split model: round_down(P / n) each, the remainder on the chosen end.
            let expected = expected_split(p, n, terms.remainder);
            prop_assert_eq!(&principals, &expected);
            let rest = p - (p / i64::from(n)) * i64::from(n);
            let (max, min) = (principals.iter().max(), principals.iter().min());
            if let (Some(max), Some(min)) = (max, min) {
                prop_assert!(max - min <= rest, "parts differ by at most the remainder");
            }
            if model == FeeModel::EqualPrincipal {
                check_interest_on_balance(terms, schedule)?;
            } else {
                let fees: Vec<i64> = schedule.iter().map(|i| cents(i.fee)).collect();
                prop_assert_eq!(fees, expected_flat_fees(terms));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn schedules_follow_the_money_rules(terms in plan_terms()) {
        let schedule = build(&terms);
        prop_assert!(schedule.is_ok(), "{:?}", schedule);
        check_schedule(&terms, &schedule.unwrap_or_default())?;
    }

    #[test]
    fn due_dates_step_monthly_from_the_first_and_clamp(first in first_due(), k in 1u32..=360) {
        prop_assert_eq!(due_date(first, k), Some(expected_due(first, k)));
    }

    #[test]
    fn apr_solver_converges(terms in plan_terms()) {
        let quote = quote_plan(&terms);
        prop_assert!(quote.is_ok(), "{:?}", quote.as_ref().err());
        let Ok(quote) = quote else { return Ok(()) };
        let fees: i64 = quote.schedule.iter().map(|i| cents(i.fee)).sum();
        prop_assert_eq!(cents(quote.total_fee), fees);
        prop_assert_eq!(cents(quote.total_repayment), cents(terms.principal) + fees);
        let apr = percent4(quote.cost.apr_percent);
        let ear = percent4(quote.cost.ear_percent);
        if fees == 0 {
            prop_assert_eq!(quote.cost.monthly, Decimal::ZERO);
            prop_assert_eq!(apr, "0.0000");
            prop_assert_eq!(ear, "0.0000");
            return Ok(());
        }
        let i = to_f64(quote.cost.monthly);
        prop_assert!(i > 0.0, "a plan with fees costs something: {}", i);
        let p = to_f64(terms.principal.decimal());
        let dues: Vec<Money> = quote.schedule.iter().map(|i| i.amount).collect();
        let at_root = npv_f64(terms.principal, &dues, i);
        prop_assert!(at_root.abs() <= p * 1e-9, "NPV {} at i = {}", at_root, i);
        // The root is bracketed: the NPV is positive just below it and negative just above.
        prop_assert!(npv_f64(terms.principal, &dues, i - 1e-8) > 0.0);
        prop_assert!(npv_f64(terms.principal, &dues, i + 1e-8) < 0.0);
        let apr_f = to_f64(quote.cost.apr_percent);
        let ear_f = to_f64(quote.cost.ear_percent);
        prop_assert!((apr_f - 1200.0 * i).abs() <= 1e-9 * apr_f.max(1.0));
        let ear_expected = ((1.0 + i).powi(12) - 1.0) * 100.0;
        prop_assert!((ear_f - ear_expected).abs() <= 1e-9 * ear_expected.max(1.0));
        prop_assert!(ear_f >= apr_f);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Annual rates up to the 1000% the parser accepts still make a schedule and an APR.
    #[test]
    fn extreme_annual_rates_still_quote(
        principal in principal_cents(),
        periods in 1u32..=360,
        percent in 0i64..=1000,
        method in prop_oneof![Just(FeeModel::Annuity), Just(FeeModel::EqualPrincipal)],
    ) {
        let terms = PlanTerms {
            principal: Money::from_cents(principal),
            periods,
            fee: FeeTerms {
                model: method,
                rate: Rate::from_percent(percent.into()),
                discount: None,
                free_periods: Vec::new(),
                ..FeeTerms::default()
            },
            remainder: Remainder::Last,
            first_due: NaiveDate::from_ymd_opt(2025, 1, 31).unwrap_or_default(),
            payoff: PayoffPolicy::default(),
            overdue: OverdueTerms::default(),
            dates: Default::default(),
        };
        let quote = quote_plan(&terms);
        prop_assert!(quote.is_ok(), "{:?}", quote.as_ref().err());
        if let Ok(quote) = quote {
            check_schedule(&terms, &quote.schedule)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing and formatting.

/// Turns ASCII digits, point and comma into their full-width twins.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0xFF10 + (c as u32 - '0' as u32)).unwrap_or(c),
            '.' => '．',
            ',' => '，',
            other => other,
        })
        .collect()
}

/// Atoms that have broken number parsers before.
const TRICKY: &[&str] = &[
    "0",
    "1",
    "9",
    "00",
    ".",
    ",",
    "-",
    "+",
    "%",
    "％",
    "¥",
    "￥",
    "e",
    "E",
    "1e400",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "０",
    "９",
    "．",
    "，",
    "٠",
    "١",
    "٩",
    "٫",
    "٬",
    "۱",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\r",
    "\n",
    "\t",
    " ",
    "\u{3000}",
    "\u{a0}",
    "79228162514264337593543950335",
    "99999999999999999999999999999999",
    "0.0000000000000000000000000001",
    "-0",
    "2025",
    "02",
    "30",
    "31",
    "2025-02-29",
    "9999-12-31",
    "penalty:",
    "\u{1F4B0}",
    "\u{301}",
];

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(proptest::sample::select(TRICKY), 0..12)
            .prop_map(|parts| parts.concat()),
        "[0-9,.¥%+-]{0,40}",
        "[0-9０-９٠-٩۰-۹]{1,12}[.．٫]?[0-9０-９٠-٩]{0,4}%?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9,.]{9000,10000}",
    ]
}

fn parse_everything(text: &str) -> Result<(), TestCaseError> {
    if let Ok(money) = Money::parse(text) {
        prop_assert!(!money.is_negative() && cents(money) <= MAX_MONEY_CENTS);
        prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        prop_assert_eq!(Money::parse(&money.grouped()), Ok(money));
    }
    if let Ok(money) = Money::parse_positive(text) {
        prop_assert!(money.is_positive());
    }
    if let Ok(rate) = Rate::parse(text) {
        prop_assert!(rate.fraction() >= Decimal::ZERO && rate.percent() <= Decimal::from(1000));
        prop_assert_eq!(Rate::parse(&rate.to_string()), Ok(rate));
    }
    if let Ok(date) = parse_date(text) {
        prop_assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string()), Ok(date));
    }
    let _ = PayoffPolicy::parse(text);
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn money_round_trips_through_text(c in 0i64..=MAX_MONEY_CENTS) {
        let money = Money::from_cents(c);
        prop_assert_eq!(money.cents(), c);
        prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        prop_assert_eq!(Money::parse(&money.grouped()), Ok(money));
        prop_assert_eq!(Money::parse(&format!("¥{}", money.grouped())), Ok(money));
        prop_assert_eq!(Money::parse(&full_width(&money.grouped())), Ok(money));
        // The plain form is exactly the cents with a point before the last two digits.
        prop_assert_eq!(money.to_string(), format!("{}.{:02}", c / 100, c % 100));
        prop_assert_eq!(money.grouped().replace(',', ""), money.to_string());
    }

    #[test]
    fn rates_round_trip(x in 0i64..=10_000_000) {
        let percent = Decimal::new(x, 4);
        let rate = Rate::from_percent(percent);
        prop_assert_eq!(rate.percent(), percent.normalize());
        prop_assert_eq!(Rate::parse(&rate.to_string()), Ok(rate));
        prop_assert_eq!(Rate::parse(&percent.to_string()), Ok(rate));
        prop_assert_eq!(Rate::from_storage(&rate.to_storage()), Some(rate));
        prop_assert_eq!(Rate::parse(&full_width(&format!("{percent}%"))), Ok(rate));
    }

    #[test]
    fn parsers_never_panic(text in tricky_text()) {
        parse_everything(&text)?;
    }
}

#[test]
fn parsers_survive_hostile_inputs() {
    let long_digits = "9".repeat(10_000);
    let long_fraction = format!("0.{}1", "0".repeat(9_998));
    let long_grouped = format!("1{}", ",000".repeat(2_500));
    let rtl = format!("\u{202e}{}", "١٢٣".repeat(3_000));
    for text in [
        "",
        "NaN",
        "inf",
        "-inf",
        "1e400",
        "1E-400",
        "６０００",
        "٦٠٠٠",
        "۶۰۰۰",
        "\u{200f}6000",
        "6000\u{200e}",
        "60\u{0}00",
        "\u{1b}[2J",
        "2025-02-30",
        "2025-13-01",
        "２０２５-０２-２８",
        long_digits.as_str(),
        long_fraction.as_str(),
        long_grouped.as_str(),
        rtl.as_str(),
    ] {
        let checked = parse_everything(text);
        assert!(checked.is_ok(), "{text:?}: {checked:?}");
    }
    assert!(Money::parse("NaN").is_err());
    assert!(Money::parse("inf").is_err());
    assert!(Money::parse("1e400").is_err());
    assert!(Money::parse(&long_digits).is_err());
    assert!(Money::parse("٦٠٠٠").is_err());
    assert_eq!(Money::parse("６０００"), Ok(Money::from_cents(600_000)));
    assert!(Rate::parse("NaN%").is_err());
    assert!(Rate::parse("1e400%").is_err());
    assert!(parse_date("2025-02-30").is_err());
}

#[test]
fn misplaced_separators_are_refused_not_misread() {
    // A decimal comma must not turn 0.6% into 6% or 12.34 into 1,234.00.
    assert!(Rate::parse("0,6%").is_err());
    assert!(Money::parse("12,34").is_err());
    assert!(Money::parse("1,0000").is_err());
    assert_eq!(Money::parse("1,000"), Ok(Money::from_cents(100_000)));
    assert_eq!(Rate::parse("1,000%"), Rate::parse("1000%"));
}

// ---------------------------------------------------------------------------------------------
// Allocation.

fn open_periods() -> impl Strategy<Value = Vec<OpenPeriod>> {
    let part = prop_oneof![Just(0i64), 0i64..=100, 0i64..=100_000_000];
    proptest::collection::vec((part.clone(), part.clone(), part), 0..20)
        .prop_flat_map(|parts| {
            let n = parts.len();
            (
                Just(parts),
                Just((1..=n as u32).collect::<Vec<u32>>()).prop_shuffle(),
            )
        })
        .prop_map(|(parts, numbers)| {
            parts
                .into_iter()
                .zip(numbers)
                .map(|((penalty, fee, principal), period)| OpenPeriod {
                    period,
                    penalty_due: Money::from_cents(penalty),
                    fee_due: Money::from_cents(fee),
                    principal_due: Money::from_cents(principal),
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn allocation_pays_oldest_first_and_never_more_than_owed(
        open in open_periods(),
        fraction in 0.0f64..=1.0,
        over in 1i64..=1_000,
    ) {
        let owed: i64 = open.iter().map(|p| cents(p.total_due().unwrap())).sum();
        prop_assert_eq!(
            allocate(Money::from_cents(owed + over), &open),
            Err(AllocationError::Overpayment(Money::from_cents(owed)))
        );
        prop_assert_eq!(allocate(Money::ZERO, &open), Err(AllocationError::NotPositive));
        if owed == 0 {
            return Ok(());
        }
        let amount = ((owed as f64 * fraction) as i64).clamp(1, owed);
        let result = allocate(Money::from_cents(amount), &open);
        prop_assert!(result.is_ok(), "{:?}", result);
        let allocations = result.unwrap_or_default();
        let total: i64 = allocations.iter().map(|a| cents(a.total().unwrap())).sum();
        prop_assert_eq!(total, amount, "allocates exactly the amount");

        let mut by_age: Vec<&OpenPeriod> = open.iter().collect();
        by_age.sort_by_key(|p| p.period);
        let mut previous_settled = true;
        let mut seen = BTreeSet::new();
        for period in by_age {
            let got = allocations.iter().find(|a| a.period == period.period);
            let (penalty, fee, principal) = got
                .map(|a| (cents(a.penalty), cents(a.fee), cents(a.principal)))
                .unwrap_or((0, 0, 0));
            prop_assert!(seen.insert(period.period));
            prop_assert!(penalty <= cents(period.penalty_due));
            prop_assert!(fee <= cents(period.fee_due));
            prop_assert!(principal <= cents(period.principal_due));
            prop_assert!(penalty >= 0 && fee >= 0 && principal >= 0);
            if penalty + fee + principal > 0 {
                prop_assert!(previous_settled, "period {} paid before an older one", period.period);
            }
            // Within a period: penalty, then fee, then principal.
            if fee > 0 {
                prop_assert_eq!(penalty, cents(period.penalty_due));
            }
            if principal > 0 {
                prop_assert_eq!(fee, cents(period.fee_due));
            }
            previous_settled = penalty + fee + principal == cents(period.total_due().unwrap());
        }
        // Periods appear oldest first, each at most once.
        let order: Vec<u32> = allocations.iter().map(|a| a.period).collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        prop_assert_eq!(order, sorted);
    }
}

// ---------------------------------------------------------------------------------------------
// Payoff quotes.

/// The state after `paid` whole periods and `partial` cents of the next period's principal.
fn states_after(schedule: &[Installment], paid: u32, partial: i64) -> Vec<PeriodState> {
    schedule
        .iter()
        .map(|i| {
            let (paid_principal, paid_fee) = if i.period <= paid {
                (i.principal, i.fee)
            } else if i.period == paid + 1 && partial > 0 {
                // A partial payment covers the fee before any principal.
                (Money::from_cents(partial), i.fee)
            } else {
                (Money::ZERO, Money::ZERO)
            };
            PeriodState {
                period: i.period,
                due_date: i.due_date,
                principal: i.principal,
                fee: i.fee,
                paid_principal,
                paid_fee,
                paid_penalty: Money::ZERO,
                waived: false,
                paid_parts: Vec::new(),
            }
        })
        .collect()
}

fn payoff_case() -> impl Strategy<Value = (PlanTerms, u32, i64, u64, i64)> {
    let small_terms = plan_terms_over(1u32..=60);
    small_terms.prop_flat_map(|terms| {
        let n = terms.periods;
        (
            Just(terms),
            0..n,
            prop_oneof![Just(0i64), 0i64..=1_000_000],
            prop_oneof![Just(0u64), 0u64..=90],
            0i64..=1000,
        )
    })
}

fn quote_under(
    terms: &PlanTerms,
    policy: PayoffPolicy,
    states: &[PeriodState],
    on: NaiveDate,
) -> Result<PayoffQuote, PayoffError> {
    let mut terms = terms.clone();
    terms.payoff = policy;
    quote(&terms, states, on)
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn payoff_quotes_are_consistent(
        (terms, paid, partial, late_days, penalty_tenths) in payoff_case()
    ) {
        let schedule = build(&terms);
        prop_assert!(schedule.is_ok());
        let schedule = schedule.unwrap_or_default();
        let next = &schedule[paid as usize];
        let partial = if partial > 0 && partial < cents(next.principal) { partial } else { 0 };
        let states = states_after(&schedule, paid, partial);
        let on = next.due_date + Days::new(late_days);
        let penalty_rate = Rate::from_percent(Decimal::new(penalty_tenths, 1));

        let waive = quote_under(&terms, PayoffPolicy::WaiveRemainingFees, &states, on);
        let current = quote_under(&terms, PayoffPolicy::CurrentFeeDue, &states, on);
        let all = quote_under(&terms, PayoffPolicy::AllFeesDue, &states, on);
        let penalty = quote_under(&terms, PayoffPolicy::Penalty(penalty_rate), &states, on);
        let to_date = quote_under(&terms, PayoffPolicy::InterestToDate, &states, on);
        prop_assert_eq!(
            quote_under(&terms, PayoffPolicy::NotAllowed, &states, on),
            Err(PayoffError::NotAllowed)
        );

        let remaining_principal =
            cents(terms.principal) - schedule[..paid as usize].iter().map(|i| cents(i.principal)).sum::<i64>() - partial;
        if remaining_principal == 0 && schedule[paid as usize..].iter().all(|i| i.amount.is_zero()) {
            // Nothing is owed (a tiny plan whose last parts are all zero).
            prop_assert_eq!(waive, Err(PayoffError::NothingOwed));
            return Ok(());
        }
        let [waive, current, all, penalty, to_date] = [waive, current, all, penalty, to_date]
            .map(|q| q.map_err(|e| TestCaseError::fail(format!("no quote: {e:?}"))));
        let (waive, current, all, penalty, to_date) = (waive?, current?, all?, penalty?, to_date?);
        for q in [&waive, &current, &all, &penalty, &to_date] {
            prop_assert_eq!(
                cents(q.amount),
                cents(q.principal) + cents(q.fee) + cents(q.penalty),
                "amount = principal + fee + penalty under {}",
                q.policy
            );
            prop_assert_eq!(cents(q.principal), remaining_principal, "{}", q.policy);
        }
        prop_assert!(waive.amount <= current.amount && current.amount <= all.amount);
        prop_assert!(waive.fee <= current.fee && current.fee <= all.fee);
        prop_assert_eq!(waive.penalty, current.penalty);
        prop_assert_eq!(waive.penalty, all.penalty);
        prop_assert_eq!(waive.fee, penalty.fee, "the penalty policy waives the remaining fees");
        prop_assert_eq!(
            cents(penalty.penalty),
            cents(waive.penalty)
                + half_up_cents(Decimal::new(remaining_principal, 2) * penalty_rate.fraction())
        );
        if late_days == 0 {
            // Settled on the due date of the next period: nothing is overdue yet.
            let unpaid_from = if partial > 0 { paid as usize + 1 } else { paid as usize };
            let remaining_fees: i64 = schedule[unpaid_from..].iter().map(|i| cents(i.fee)).sum();
            let current_fee = if partial > 0 {
                0
            } else {
                schedule[paid as usize..]
                    .iter()
                    .find(|i| !i.amount.is_zero())
                    .map_or(0, |i| cents(i.fee))
            };
            prop_assert_eq!(cents(waive.amount), remaining_principal);
            prop_assert!(waive.fee.is_zero() && waive.penalty.is_zero());
            prop_assert_eq!(cents(current.fee), current_fee);
            prop_assert_eq!(cents(all.fee), remaining_fees);
        }
        prop_assert!(to_date.amount >= waive.amount);
    }
}
