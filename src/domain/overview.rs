//! `fenqi summary`'s figures from what the store read: what is still owed, each provider's use
//! of its credit limit, the dearest plan, the balance-weighted APR and the balance month by month.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::money::{Money, Overflow};

/// A plan still owing money, as shown today (automatic postings count as paid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpenPlan {
    pub id: i64,
    pub provider: String,
    /// The plan's APR (IRR method), in percent.
    pub apr_percent: Decimal,
    /// Principal still unpaid.
    pub principal: Money,
    /// Principal and fees or interest still unpaid (penalties aside).
    pub balance: Money,
}

/// What is due and overdue, as `due` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DueFigures {
    /// Unpaid amounts of the periods due within 7 days (and those past due but within grace).
    pub due_7_days: Money,
    /// The same within 30 days.
    pub due_30_days: Money,
    /// Overdue periods' unpaid amounts plus their penalties and late fees so far.
    pub overdue: Money,
    pub overdue_count: u64,
    /// What the automatic postings not yet confirmed came to.
    pub unconfirmed: Money,
    pub unconfirmed_count: u64,
}

/// One provider's credit line: its unpaid principal against its limit, when one is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderUse {
    pub provider: String,
    /// Unpaid principal of the provider's plans.
    pub used: Money,
    pub limit: Option<Money>,
    /// `limit − used` (negative when over the limit); `None` without a limit.
    pub available: Option<Money>,
}

/// The dearest plan still owing money: the highest APR (the lowest id among equals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dearest {
    pub id: i64,
    pub apr_percent: Decimal,
}

/// Everything `fenqi summary` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub outstanding_principal: Money,
    pub outstanding_balance: Money,
    pub due: DueFigures,
    /// Every provider with a plan owing principal or with a limit, by name.
    pub providers: Vec<ProviderUse>,
    pub dearest: Option<Dearest>,
    /// Σ (APR × balance) / Σ balance over the plans owing money, to four decimals (half away
    /// from zero); `None` when nothing is owed.
    pub weighted_apr_percent: Option<Decimal>,
    /// What is still owed at the start of each month if every period is paid on its due date:
    /// this month's figure is today's balance; a period already past due is paid in this month.
    /// From this month to the month of the last due date.
    pub balance_by_month: Vec<(NaiveDate, Money)>,
}

/// Each provider's unpaid principal, with its limit and what is left of it: the providers of
/// `plans` and those of `limits`, by name.
pub(crate) fn provider_uses(
    plans: &[OpenPlan],
    limits: &[(String, Money)],
) -> Result<Vec<ProviderUse>, Overflow> {
    let mut used: BTreeMap<&str, Money> = BTreeMap::new();
    for plan in plans {
        let sum = used.entry(&plan.provider).or_default();
        *sum = sum.try_add(plan.principal)?;
    }
    for (provider, _) in limits {
        used.entry(provider).or_default();
    }
    used.into_iter()
        .map(|(provider, used)| {
            let limit = limits
                .iter()
                .find(|(name, _)| name == provider)
                .map(|(_, limit)| *limit);
            Ok(ProviderUse {
                provider: provider.to_string(),
                used,
                limit,
                available: limit.map(|l| l.try_sub(used)).transpose()?,
            })
        })
        .collect()
}

/// The overview on `today` of the plans owing money, the providers' limits, what is due, and
/// the unpaid amounts of the open periods by month of their due dates (`(first day, amount)`,
/// any order, postings left out).
pub(crate) fn overview(
    plans: &[OpenPlan],
    limits: &[(String, Money)],
    due: DueFigures,
    dues_by_month: &[(NaiveDate, Money)],
    today: NaiveDate,
) -> Result<Overview, Overflow> {
    let owing: Vec<&OpenPlan> = plans.iter().filter(|p| p.balance.is_positive()).collect();
    let outstanding_principal = Money::try_sum(owing.iter().map(|p| p.principal))?;
    let outstanding_balance = Money::try_sum(owing.iter().map(|p| p.balance))?;
    let dearest = owing
        .iter()
        .max_by(|a, b| a.apr_percent.cmp(&b.apr_percent).then(b.id.cmp(&a.id)))
        .map(|p| Dearest {
            id: p.id,
            apr_percent: p.apr_percent,
        });
    Ok(Overview {
        outstanding_principal,
        outstanding_balance,
        due,
        providers: provider_uses(plans, limits)?,
        dearest,
        weighted_apr_percent: weighted_apr(&owing, outstanding_balance)?,
        balance_by_month: balance_by_month(outstanding_balance, dues_by_month, today)?,
    })
}

/// Σ (APR × balance) / Σ balance, to four decimals.
fn weighted_apr(owing: &[&OpenPlan], total: Money) -> Result<Option<Decimal>, Overflow> {
    if !total.is_positive() {
        return Ok(None);
    }
    let mut sum = Decimal::ZERO;
    for plan in owing {
        sum = plan
            .apr_percent
            .checked_mul(plan.balance.decimal())
            .and_then(|part| sum.checked_add(part))
            .ok_or(Overflow)?;
    }
    let average = sum.checked_div(total.decimal()).ok_or(Overflow)?;
    Ok(Some(average.round_dp_with_strategy(
        4,
        RoundingStrategy::MidpointAwayFromZero,
    )))
}

/// The balance at the start of each month from `today`'s to the last one with a due date:
/// `balance` now, less every period due in an earlier month after that.
fn balance_by_month(
    balance: Money,
    dues_by_month: &[(NaiveDate, Money)],
    today: NaiveDate,
) -> Result<Vec<(NaiveDate, Money)>, Overflow> {
    let first = today.with_day(1).unwrap_or(today);
    let mut by_month: BTreeMap<NaiveDate, Money> = BTreeMap::new();
    for (month, amount) in dues_by_month {
        // A period past due is paid this month.
        let month = (*month).max(first);
        let sum = by_month.entry(month).or_default();
        *sum = sum.try_add(*amount)?;
    }
    let Some(&last) = by_month.keys().next_back() else {
        return Ok(if balance.is_positive() {
            vec![(first, balance)]
        } else {
            Vec::new()
        });
    };
    let mut out = Vec::new();
    let mut left = balance;
    let mut month = first;
    while month <= last {
        out.push((month, left));
        if let Some(paid) = by_month.get(&month) {
            left = left.saturating_sub(*paid);
        }
        match month.checked_add_months(Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::domain::dates::parse_date(text).unwrap()
    }

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    fn plan(id: i64, provider: &str, apr: &str, principal: &str, balance: &str) -> OpenPlan {
        OpenPlan {
            id,
            provider: provider.into(),
            apr_percent: apr.parse().unwrap(),
            principal: money(principal),
            balance: money(balance),
        }
    }

    #[test]
    fn totals_dearest_and_the_balance_weighted_apr() {
        let plans = [
            plan(1, "花呗", "13.0342", "3000.00", "3108.00"),
            plan(2, "招商银行", "16.5000", "1000.00", "1050.00"),
            plan(3, "花呗", "16.5000", "500.00", "520.00"),
            // Everything posted: nothing owed any more, left out.
            plan(4, "白条", "30.0000", "0.00", "0.00"),
        ];
        let limits = [
            ("花呗".to_string(), money("5000.00")),
            ("京东白条".to_string(), money("2000.00")),
        ];
        let o = overview(
            &plans,
            &limits,
            DueFigures::default(),
            &[],
            day("2025-03-10"),
        )
        .unwrap();
        // 3,000 + 1,000 + 500; 3,108 + 1,050 + 520.
        assert_eq!(o.outstanding_principal, money("4500.00"));
        assert_eq!(o.outstanding_balance, money("4678.00"));
        // #2 and #3 share the highest APR: the lower id.
        assert_eq!(o.dearest.map(|d| d.id), Some(2));
        // (13.0342 × 3108 + 16.5 × 1050 + 16.5 × 520) / 4678
        //   = (40510.2936 + 17325 + 8580) / 4678 = 66415.2936 / 4678 = 14.19736…
        assert_eq!(o.weighted_apr_percent, Some("14.1974".parse().unwrap()));
        let names: Vec<_> = o.providers.iter().map(|p| p.provider.as_str()).collect();
        // Byte order, as `limit list` sorts: 京 (E4 BA AC) < 招 (E6 8B 9B) < 白 (E7 99 BD)
        // < 花 (E8 8A B1).
        assert_eq!(names, ["京东白条", "招商银行", "白条", "花呗"]);
        let huabei = &o.providers[3];
        assert_eq!(huabei.used, money("3500.00"));
        assert_eq!(huabei.available, Some(money("1500.00")));
        assert_eq!(o.providers[0].used, Money::ZERO);
        assert_eq!(o.providers[0].available, Some(money("2000.00")));
        assert_eq!(o.providers[1].limit, None);
        assert_eq!(o.providers[1].available, None);
    }

    #[test]
    fn the_balance_falls_month_by_month_until_the_last_due_date() {
        let plans = [plan(1, "P", "10", "900.00", "930.00")];
        // 20.00 overdue since January, 300.00 due in March (today's month), 310.00 in April,
        // none in May, 300.00 in June.
        let dues = [
            (day("2025-06-01"), money("300.00")),
            (day("2025-01-01"), money("20.00")),
            (day("2025-03-01"), money("300.00")),
            (day("2025-04-01"), money("310.00")),
        ];
        let o = overview(&plans, &[], DueFigures::default(), &dues, day("2025-03-10")).unwrap();
        let expected = [
            ("2025-03-01", "930.00"),
            // 930 − (20 + 300)
            ("2025-04-01", "610.00"),
            // 610 − 310
            ("2025-05-01", "300.00"),
            ("2025-06-01", "300.00"),
        ];
        let expected: Vec<_> = expected.iter().map(|(d, m)| (day(d), money(m))).collect();
        assert_eq!(o.balance_by_month, expected);
        let none = overview(&[], &[], DueFigures::default(), &[], day("2025-03-10")).unwrap();
        assert_eq!(none.weighted_apr_percent, None);
        assert_eq!(none.dearest, None);
        assert!(none.balance_by_month.is_empty());
    }
}
