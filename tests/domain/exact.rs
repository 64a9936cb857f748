//! Whole schedules of the interest models, and penalties, checked against an exact rational
//! computation written here from PRODUCT.md's money rules (big integers, no decimals), and the
//! due-date rules checked against a calendar walked by hand.

use chrono::{Datelike, Days, NaiveDate};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use proptest::prelude::*;

use fenqi::domain::schedule::{Installment, build};
use fenqi::domain::{
    DateTerms, DueRule, FeeModel, FeeTerms, Money, OverdueTerms, PayoffPolicy, Period, PlanTerms,
    Rate, Remainder,
};

// ---------------------------------------------------------------------------------------------
// Exact arithmetic.

fn int(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

fn ratio(n: i64, d: i64) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(d))
}

/// A rate's exact fraction, from its percent text's digits.
fn exact_rate(rate: Rate) -> BigRational {
    let fraction = rate.fraction();
    BigRational::new(
        BigInt::from(fraction.mantissa()),
        BigInt::from(10).pow(fraction.scale()),
    )
}

fn money(cents: &BigInt) -> BigRational {
    BigRational::new(cents.clone(), BigInt::from(100))
}

/// `round_half_up` of a non-negative amount, in cents: floor(x × 100 + 1/2).
fn half_up_cents(x: &BigRational) -> BigInt {
    assert!(!x.is_negative());
    (x * int(100) + ratio(1, 2)).floor().to_integer()
}

fn cents_of(m: Money) -> BigInt {
    BigInt::from(m.cents())
}

/// The share of a year a period is, exactly: 1/12, 1/26, 1/52 or N/365.
fn year_share(every: Period) -> BigRational {
    match every {
        Period::Month => ratio(1, 12),
        Period::Days(14) => ratio(1, 26),
        Period::Days(7) => ratio(1, 52),
        Period::Days(n) => ratio(i64::from(n), 365),
    }
}

/// The reference schedule: principal and interest cents per period, from the rules alone.
/// Due dates are the engine's (checked on their own below); the days between them are counted
/// here.
fn reference(terms: &PlanTerms, dates: &[NaiveDate]) -> (Vec<BigInt>, Vec<BigInt>) {
    let n = terms.periods as usize;
    let p = cents_of(terms.principal);
    let r = exact_rate(terms.fee.rate);
    let daily = matches!(
        terms.fee.model,
        FeeModel::DailyAnnuity | FeeModel::DailyEqualPrincipal | FeeModel::DailyInterestOnly
    );
    let start = terms
        .dates
        .start
        .unwrap_or_else(|| match terms.dates.every {
            Period::Month => terms
                .first_due
                .checked_sub_months(chrono::Months::new(1))
                .unwrap(),
            Period::Days(d) => terms.first_due - Days::new(u64::from(d)),
        });
    // Period k's rate on the balance.
    let rates: Vec<BigRational> = (0..n)
        .map(|k| {
            if daily {
                let previous = if k == 0 { start } else { dates[k - 1] };
                &r * int((dates[k] - previous).num_days())
            } else {
                &r * year_share(terms.dates.every)
            }
        })
        .collect();
    let interest = |balance: &BigInt, k: usize| half_up_cents(&(money(balance) * &rates[k]));
    let mut principals = Vec::with_capacity(n);
    let mut interests = Vec::with_capacity(n);
    let mut balance = p.clone();
    match terms.fee.model {
        FeeModel::Annuity | FeeModel::DailyAnnuity => {
            let q = if daily {
                &r * int(match terms.dates.every {
                    Period::Month => 30,
                    Period::Days(d) => i64::from(d),
                })
            } else {
                &r * year_share(terms.dates.every)
            };
            let exact_payment = if q.is_zero() {
                money(&p) / int(n as i64)
            } else {
                let growth = num_traits::pow::pow(int(1) + &q, n);
                money(&p) * &q * &growth / (&growth - int(1))
            };
            let payment = half_up_cents(&exact_payment);
            for k in 0..n {
                let i = interest(&balance, k);
                let part = if k + 1 == n {
                    balance.clone()
                } else {
                    let part = (&payment - &i).max(BigInt::zero());
                    part.min(balance.clone())
                };
                balance -= &part;
                principals.push(part);
                interests.push(i);
            }
        }
        FeeModel::EqualPrincipal | FeeModel::DailyEqualPrincipal => {
            let base = &p / BigInt::from(n);
            let rest = &p - &base * BigInt::from(n);
            for k in 0..n {
                let mut part = base.clone();
                let takes_rest = match terms.remainder {
                    Remainder::Last => k + 1 == n,
                    Remainder::First => k == 0,
                };
                if takes_rest {
                    part += &rest;
                }
                interests.push(interest(&balance, k));
                balance -= &part;
                principals.push(part);
            }
        }
        FeeModel::InterestOnly | FeeModel::DailyInterestOnly => {
            for k in 0..n {
                interests.push(interest(&p, k));
                principals.push(if k + 1 == n {
                    p.clone()
                } else {
                    BigInt::zero()
                });
            }
        }
        other => panic!("not an interest model: {other:?}"),
    }
    (principals, interests)
}

// ---------------------------------------------------------------------------------------------
// Strategies.

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    let plain = (0u64..30_000).prop_map(|offset| day(2000, 1, 1) + Days::new(offset));
    let month_end = (2000i32..=2080, 1u32..=12).prop_map(|(y, m)| {
        let next = if m == 12 {
            day(y + 1, 1, 1)
        } else {
            day(y, m + 1, 1)
        };
        next.pred_opt().unwrap()
    });
    prop_oneof![plain, month_end]
}

/// Interest models with their usual rates: annual up to 36%, daily up to 0.1%, four decimals
/// of a percent (18.25% and 0.05% among them, often).
fn interest_fee() -> impl Strategy<Value = FeeTerms> {
    let annual = prop_oneof![
        (0i64..=360_000).prop_map(|x| Rate::from_percent(rust_decimal::Decimal::new(x, 4))),
        Just(Rate::parse("18.25%").unwrap()),
        Just(Rate::parse("7.3%").unwrap()),
    ];
    let daily = prop_oneof![
        (0i64..=1_000).prop_map(|x| Rate::from_percent(rust_decimal::Decimal::new(x, 4))),
        Just(Rate::parse("0.05%").unwrap()),
        Just(Rate::parse("0.02%").unwrap()),
    ];
    let annual_model = prop_oneof![
        Just(FeeModel::Annuity),
        Just(FeeModel::EqualPrincipal),
        Just(FeeModel::InterestOnly)
    ];
    let daily_model = prop_oneof![
        Just(FeeModel::DailyAnnuity),
        Just(FeeModel::DailyEqualPrincipal),
        Just(FeeModel::DailyInterestOnly)
    ];
    prop_oneof![
        (annual_model, annual).prop_map(|(model, rate)| FeeTerms {
            model,
            rate,
            ..FeeTerms::default()
        }),
        (daily_model, daily).prop_map(|(model, rate)| FeeTerms {
            model,
            rate,
            ..FeeTerms::default()
        }),
    ]
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        4 => Just(Period::Month),
        1 => Just(Period::Days(14)),
        1 => Just(Period::Days(7)),
        1 => (1u32..=90).prop_map(Period::Days),
    ]
}

/// Terms of an interest model with a start date and one of the due-date rules.
fn interest_terms() -> impl Strategy<Value = PlanTerms> {
    (
        prop_oneof![1i64..=100_000, 100_000i64..=1_000_000_000],
        prop_oneof![3 => 1u32..=36, 1 => 37u32..=120],
        interest_fee(),
        period(),
        any_day(),
        0u32..=3,
        1u32..=31,
        0u32..=40,
        prop_oneof![Just(Remainder::Last), Just(Remainder::First)],
    )
        .prop_map(
            |(principal, periods, fee, every, start, rule, day_of_month, offset, remainder)| {
                let due = match (rule, every) {
                    (1, Period::Month) => DueRule::DueDay(day_of_month),
                    (2, Period::Month) => DueRule::StatementDay {
                        day: day_of_month,
                        due_after: offset.min(25),
                    },
                    (3, _) => DueRule::AfterStart,
                    _ => DueRule::FirstDue,
                };
                let mut dates = DateTerms {
                    start: Some(start),
                    every,
                    due,
                };
                let first_due = match dates.computed_first_due() {
                    Ok(Some(first)) => first,
                    _ => {
                        dates.due = DueRule::FirstDue;
                        start + Days::new(u64::from(offset))
                    }
                };
                PlanTerms {
                    principal: Money::from_cents(principal),
                    periods,
                    fee,
                    remainder,
                    first_due,
                    payoff: PayoffPolicy::default(),
                    overdue: OverdueTerms::default(),
                    dates,
                }
            },
        )
}

fn check_against_reference(
    terms: &PlanTerms,
    schedule: &[Installment],
) -> Result<(), TestCaseError> {
    let dates: Vec<NaiveDate> = schedule.iter().map(|i| i.due_date).collect();
    let (principals, interests) = reference(terms, &dates);
    for (k, item) in schedule.iter().enumerate() {
        prop_assert_eq!(
            cents_of(item.fee),
            interests[k].clone(),
            "interest of period {} of {:?}",
            k + 1,
            terms.fee
        );
        prop_assert_eq!(
            cents_of(item.principal),
            principals[k].clone(),
            "principal of period {}",
            k + 1
        );
        prop_assert_eq!(
            item.amount.cents(),
            item.principal.cents() + item.fee.cents()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::common::seed::proptest_config(256))]

    #[test]
    fn interest_schedules_match_an_exact_rational_computation(terms in interest_terms()) {
        let schedule = build(&terms);
        prop_assert!(schedule.is_ok(), "{:?} for {:?}", schedule, terms);
        check_against_reference(&terms, &schedule.unwrap_or_default())?;
    }

    /// Monthly dates follow their anchor, never the previous date; other periods add N days.
    #[test]
    fn due_dates_follow_their_rule(terms in interest_terms()) {
        let schedule = build(&terms).unwrap_or_default();
        let start = terms.dates.start.unwrap_or(terms.first_due);
        for (k, item) in schedule.iter().enumerate() {
            let k = k as u32 + 1;
            let expected = match (terms.dates.due, terms.dates.every) {
                (DueRule::FirstDue, Period::Month) => months_on(terms.first_due, k - 1, terms.first_due.day()),
                (DueRule::FirstDue, Period::Days(n)) => terms.first_due + Days::new(u64::from(n * (k - 1))),
                (DueRule::AfterStart, Period::Month) => months_on(start, k, start.day()),
                (DueRule::AfterStart, Period::Days(n)) => start + Days::new(u64::from(n * k)),
                (DueRule::DueDay(d), _) => months_on(start, k, d),
                (DueRule::StatementDay { day, due_after }, _) => {
                    // Walk the calendar a day at a time to the k-th day `day` (clamped) after
                    // the start.
                    let mut seen = 0;
                    let mut date = start;
                    while seen < k {
                        date = date.succ_opt().unwrap();
                        if date.day() == clamp_day(date.year(), date.month(), day) {
                            seen += 1;
                        }
                    }
                    date + Days::new(u64::from(due_after))
                }
            };
            prop_assert_eq!(item.due_date, expected, "period {} under {:?}", k, terms.dates);
        }
    }
}

fn last_day(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        day(year + 1, 1, 1)
    } else {
        day(year, month + 1, 1)
    };
    next.pred_opt().unwrap().day()
}

fn clamp_day(year: i32, month: u32, wanted: u32) -> u32 {
    wanted.min(last_day(year, month))
}

/// Day `wanted` (clamped) of the month `months` after `anchor`'s.
fn months_on(anchor: NaiveDate, months: u32, wanted: u32) -> NaiveDate {
    let index = anchor.year() * 12 + anchor.month0() as i32 + months as i32;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    day(year, month, clamp_day(year, month, wanted))
}

// ---------------------------------------------------------------------------------------------
// The rounding fix, by the numbers in PRODUCT.md.

#[test]
fn three_thousand_at_18_25_percent_is_45_63_a_month() {
    let terms = PlanTerms {
        principal: Money::from_cents(300_000),
        periods: 1,
        fee: FeeTerms {
            model: FeeModel::InterestOnly,
            rate: Rate::parse("18.25%").unwrap(),
            ..FeeTerms::default()
        },
        remainder: Remainder::Last,
        first_due: day(2025, 2, 28),
        payoff: PayoffPolicy::default(),
        overdue: OverdueTerms::default(),
        dates: DateTerms::default(),
    };
    let schedule = build(&terms).unwrap();
    // 3000.00 × 0.1825 / 12 = 45.625 exactly.
    assert_eq!(
        half_up_cents(&(money(&BigInt::from(300_000)) * ratio(1825, 10_000) / int(12))).to_i64(),
        Some(4563)
    );
    assert_eq!(schedule[0].fee.to_string(), "45.63");
    // Equal principal at the same rate: period 1's interest on the whole 3000.00 too.
    let mut ep = terms.clone();
    ep.fee.model = FeeModel::EqualPrincipal;
    ep.periods = 3;
    assert_eq!(build(&ep).unwrap()[0].fee.to_string(), "45.63");
}

// ---------------------------------------------------------------------------------------------
// Penalties, day by day.

use fenqi::domain::overdue::PaidPart;
use fenqi::domain::penalties::accrued;
use fenqi::domain::period_state::PeriodState;
use fenqi::domain::{PenaltyBase, PenaltyFrom};

/// A period with its parts: `(principal, fee, parts as (days after the due date, cents))`.
type PeriodSpec = (i64, i64, Vec<(i64, i64)>);

fn period_states(first_due: NaiveDate, specs: &[PeriodSpec]) -> Vec<PeriodState> {
    specs
        .iter()
        .enumerate()
        .map(|(index, (principal, fee, parts))| {
            let due_date = months_on(first_due, index as u32, first_due.day());
            // Parts never pay more than the period owes.
            let mut left = principal + fee;
            let mut paid_parts = Vec::new();
            for &(offset, cents) in parts {
                let cents = cents.min(left);
                if cents > 0 {
                    left -= cents;
                    let on = if offset < 0 {
                        due_date - Days::new(offset.unsigned_abs())
                    } else {
                        due_date + Days::new(offset as u64)
                    };
                    paid_parts.push(PaidPart {
                        on,
                        amount: Money::from_cents(cents),
                    });
                }
            }
            let paid = principal + fee - left;
            // Fees are paid before principal.
            let paid_fee = paid.min(*fee);
            PeriodState {
                period: index as u32 + 1,
                due_date,
                principal: Money::from_cents(*principal),
                fee: Money::from_cents(*fee),
                paid_principal: Money::from_cents(paid - paid_fee),
                paid_fee: Money::from_cents(paid_fee),
                paid_penalty: Money::ZERO,
                waived: false,
                paid_parts,
            }
        })
        .collect()
}

/// What period `p` owed at the start of `day`, in cents.
fn owed_on(p: &PeriodState, day: NaiveDate) -> i64 {
    let unpaid =
        p.principal.cents() + p.fee.cents() - p.paid_principal.cents() - p.paid_fee.cents();
    unpaid
        + p.paid_parts
            .iter()
            .filter(|part| part.on >= day)
            .map(|part| part.amount.cents())
            .sum::<i64>()
}

/// Each period's daily penalty by `on`, walking every day: PRODUCT.md's rules written out
/// without stretches or shortcuts.
fn daily_by_walking(periods: &[PeriodState], on: NaiveDate, terms: &OverdueTerms) -> Vec<BigInt> {
    let rate = exact_rate(terms.penalty_daily);
    let least = money(&BigInt::from(terms.penalty_min.cents()));
    let tolerance = terms.tolerance.cents();
    let grace = i64::from(terms.grace_days);
    let offset = match terms.from {
        PenaltyFrom::Due => 0,
        PenaltyFrom::GraceEnd => grace,
    };
    let charged_from = |p: &PeriodState| p.due_date + Days::new(offset as u64);
    let charge = |amount: i64| {
        let by_rate = money(&BigInt::from(amount)) * &rate;
        if by_rate > least {
            by_rate
        } else {
            least.clone()
        }
    };
    let settled = |p: &PeriodState| p.paid_principal == p.principal && p.paid_fee == p.fee;
    // Overdue on `on`: open, more than the grace days late, more than the tolerance still owed
    // after `on`.
    let overdue: Vec<bool> = periods
        .iter()
        .map(|p| {
            !settled(p)
                && (on - p.due_date).num_days() > grace
                && owed_on(p, on + Days::new(1)) > tolerance
        })
        .collect();
    let mut sums = vec![int(0); periods.len()];
    let first_day = periods.iter().map(|p| p.due_date).min().unwrap();
    let mut day = first_day + Days::new(1);
    while day <= on {
        match terms.base {
            PenaltyBase::Installment => {
                for (index, p) in periods.iter().enumerate() {
                    let owed = owed_on(p, day);
                    if overdue[index] && day > charged_from(p) && owed > tolerance {
                        sums[index] += charge(owed);
                    }
                }
            }
            base => {
                let late = |p: &PeriodState| {
                    let overdue_from = p.due_date + Days::new(grace as u64 + 1);
                    overdue_from <= on
                        && owed_on(p, overdue_from) > tolerance
                        && day > charged_from(p)
                        && owed_on(p, day) > tolerance
                };
                if let Some(oldest) = periods.iter().position(late) {
                    let amount: i64 = periods
                        .iter()
                        .map(|p| {
                            let owed = owed_on(p, day);
                            match base {
                                PenaltyBase::Principal => owed.min(p.principal.cents()),
                                _ => owed,
                            }
                        })
                        .sum();
                    if amount > 0 {
                        sums[oldest] += charge(amount);
                    }
                }
            }
        }
        day = day + Days::new(1);
    }
    sums.iter()
        .zip(&overdue)
        .map(|(sum, &late)| {
            if late {
                half_up_cents(sum)
            } else {
                BigInt::zero()
            }
        })
        .collect()
}

fn period_spec() -> impl Strategy<Value = PeriodSpec> {
    (
        100i64..=100_000,
        prop_oneof![Just(0i64), 1i64..=5_000],
        proptest::collection::vec((-10i64..=60, 1i64..=60_000), 0..=2),
    )
}

fn overdue_terms() -> impl Strategy<Value = OverdueTerms> {
    (
        0u32..=5,
        prop_oneof![Just(PenaltyFrom::Due), Just(PenaltyFrom::GraceEnd)],
        prop_oneof![
            Just(PenaltyBase::Installment),
            Just(PenaltyBase::Principal),
            Just(PenaltyBase::Balance)
        ],
        prop_oneof![Just(0i64), Just(1), Just(50)],
        prop_oneof![Just(0i64), Just(100), Just(5_000)],
        prop_oneof![Just("0.05%"), Just("0.035%"), Just("0.1%")],
    )
        .prop_map(
            |(grace_days, from, base, least, tolerance, rate)| OverdueTerms {
                grace_days,
                penalty_daily: Rate::parse(rate).unwrap(),
                from,
                base,
                penalty_min: Money::from_cents(least),
                tolerance: Money::from_cents(tolerance),
                ..OverdueTerms::default()
            },
        )
}

proptest! {
    #![proptest_config(crate::common::seed::proptest_config(256))]

    /// The engine's stretches and segments give, cent for cent, what walking every day gives,
    /// on every base, with grace, the daily minimum and the tolerance.
    #[test]
    fn penalties_match_a_day_by_day_walk(
        specs in proptest::collection::vec(period_spec(), 1..=5),
        first_due in any_day(),
        days_on in 0u64..=150,
        terms in overdue_terms(),
    ) {
        let periods = period_states(first_due, &specs);
        let on = first_due + Days::new(days_on);
        let engine = accrued(&periods, on, &terms);
        prop_assert!(engine.is_ok());
        let engine: Vec<BigInt> = engine
            .unwrap_or_default()
            .iter()
            .map(|p| BigInt::from(p.daily.cents()))
            .collect();
        prop_assert_eq!(engine, daily_by_walking(&periods, on, &terms), "{:?}", terms);
    }
}
