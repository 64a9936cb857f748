//! A plan's terms as its row holds them: read into `PlanTerms`, and the schema-3 columns
//! (minimum fee, start date, period length, due-date rule, penalty base and minimum, late fees
//! and their caps, tolerance) bound for writing.

use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row};

use super::model::PlanId;
use super::sql::{SqlDate, bad, opt_date, parse_periods_text};
use super::{StoreError, StoreResult};
use crate::domain::dates::{DateTerms, DueRule, Period};
use crate::domain::terms::{FeeTerms, LateFeeExtra, LateFees, OverdueTerms, PenaltyBase};
use crate::domain::{Money, PlanTerms, Rate};

/// The schema-3 terms columns, in the order [`MoreTerms::values`] binds them and
/// [`read_more_terms`] reads them.
pub(crate) const MORE_TERMS_COLUMNS: [&str; 15] = [
    "min_fee_cents",
    "start_on",
    "every",
    "due_rule",
    "due_day",
    "statement_day",
    "due_after_days",
    "penalty_base",
    "penalty_min_cents",
    "late_fee_cents",
    "late_fee_extra_cents",
    "late_fee_extra_days",
    "late_fee_cap_cents",
    "late_fee_cap_percent",
    "tolerance_cents",
];

/// The schema-3 columns of a plan's terms, as bound.
pub(crate) struct MoreTerms {
    min_fee: Option<Money>,
    start: Option<SqlDate>,
    every: String,
    due_rule: &'static str,
    due_day: Option<u32>,
    statement_day: Option<u32>,
    due_after: Option<u32>,
    base: PenaltyBase,
    penalty_min: Money,
    late_fee: Money,
    extra_amount: Option<Money>,
    extra_days: Option<u32>,
    cap_amount: Option<Money>,
    cap_percent: Option<Rate>,
    tolerance: Money,
}

impl MoreTerms {
    pub(crate) fn of(terms: &PlanTerms) -> MoreTerms {
        let dates = &terms.dates;
        let (due_day, statement_day, due_after) = match dates.due {
            DueRule::DueDay(day) => (Some(day), None, None),
            DueRule::StatementDay { day, due_after } => (None, Some(day), Some(due_after)),
            DueRule::FirstDue | DueRule::AfterStart => (None, None, None),
        };
        let overdue = &terms.overdue;
        let fees = &overdue.late_fees;
        MoreTerms {
            min_fee: terms.fee.min_fee,
            start: dates.start.map(SqlDate),
            every: dates.every.code(),
            due_rule: dates.due.code(),
            due_day,
            statement_day,
            due_after,
            base: overdue.base,
            penalty_min: overdue.penalty_min,
            late_fee: fees.fee,
            extra_amount: fees.extra.map(|e| e.amount),
            extra_days: fees.extra.map(|e| e.days),
            cap_amount: fees.cap_amount,
            cap_percent: fees.cap_percent,
            tolerance: overdue.tolerance,
        }
    }

    /// The values of [`MORE_TERMS_COLUMNS`], in order.
    pub(crate) fn values(&self) -> [&dyn ToSql; 15] {
        [
            &self.min_fee,
            &self.start,
            &self.every,
            &self.due_rule,
            &self.due_day,
            &self.statement_day,
            &self.due_after,
            &self.base,
            &self.penalty_min,
            &self.late_fee,
            &self.extra_amount,
            &self.extra_days,
            &self.cap_amount,
            &self.cap_percent,
            &self.tolerance,
        ]
    }
}

/// A stored date rule from its columns: `due_rule`, `due_day`, `statement_day`,
/// `due_after_days`.
pub(crate) fn due_rule(
    code: &str,
    due_day: Option<u32>,
    statement_day: Option<u32>,
    due_after: Option<u32>,
) -> Option<DueRule> {
    match (code, due_day, statement_day, due_after) {
        ("first-due", None, None, None) => Some(DueRule::FirstDue),
        ("after-start", None, None, None) => Some(DueRule::AfterStart),
        ("due-day", Some(day), None, None) => Some(DueRule::DueDay(day)),
        ("statement-day", None, Some(day), Some(due_after)) => {
            Some(DueRule::StatementDay { day, due_after })
        }
        _ => None,
    }
}

/// A stored period length (`month`, `2w`, `1w`, `Nd`).
pub(crate) fn period(text: &str) -> Option<Period> {
    Period::parse(text)
}

/// Reads the columns of [`MORE_TERMS_COLUMNS`], selected from `at` on, into `terms`.
fn read_more_terms(r: &Row<'_>, at: usize, terms: &mut PlanTerms) -> rusqlite::Result<()> {
    let corrupt = |what: &str, text: String| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, bad(what, &text))
    };
    terms.fee.min_fee = r.get(at)?;
    let every: String = r.get(at + 2)?;
    let code: String = r.get(at + 3)?;
    let (due_day, statement_day, due_after) = (r.get(at + 4)?, r.get(at + 5)?, r.get(at + 6)?);
    terms.dates = DateTerms {
        start: opt_date(r.get(at + 1)?),
        every: period(&every).ok_or_else(|| corrupt("period length", every))?,
        due: due_rule(&code, due_day, statement_day, due_after)
            .ok_or_else(|| corrupt("due-date rule", code))?,
    };
    let overdue = &mut terms.overdue;
    overdue.base = r.get(at + 7)?;
    overdue.penalty_min = r.get(at + 8)?;
    let extra = match (r.get(at + 10)?, r.get(at + 11)?) {
        (Some(amount), Some(days)) => Some(LateFeeExtra { amount, days }),
        _ => None,
    };
    overdue.late_fees = LateFees {
        fee: r.get(at + 9)?,
        extra,
        cap_amount: r.get(at + 12)?,
        cap_percent: r.get(at + 13)?,
    };
    overdue.tolerance = r.get(at + 14)?;
    Ok(())
}

/// The columns [`terms_from_row`] reads, in order (prefixed with `p.` to select from `plans p`).
pub(crate) fn terms_columns() -> String {
    let old = [
        "principal_cents",
        "periods",
        "fee_model",
        "fee_rate",
        "fee_discount",
        "fee_free_periods",
        "remainder",
        "first_due_on",
        "payoff_policy",
        "grace_days",
        "penalty_daily",
        "penalty_from",
    ];
    old.iter()
        .chain(MORE_TERMS_COLUMNS.iter())
        .map(|c| format!("p.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plan's terms from a row selected with [`terms_columns`] from `at` on.
pub(crate) fn terms_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<PlanTerms> {
    let free: String = r.get(at + 5)?;
    let free_periods = parse_periods_text(&free).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at + 5, rusqlite::types::Type::Text, e.into())
    })?;
    let mut terms = PlanTerms {
        principal: r.get(at)?,
        periods: r.get(at + 1)?,
        fee: FeeTerms {
            model: r.get(at + 2)?,
            rate: r.get(at + 3)?,
            discount: r.get(at + 4)?,
            free_periods,
            min_fee: None,
        },
        remainder: r.get(at + 6)?,
        first_due: r.get::<_, SqlDate>(at + 7)?.0,
        payoff: r.get(at + 8)?,
        overdue: OverdueTerms {
            grace_days: r.get(at + 9)?,
            penalty_daily: r.get(at + 10)?,
            from: r.get(at + 11)?,
            ..OverdueTerms::default()
        },
        dates: DateTerms::default(),
    };
    read_more_terms(r, at + 12, &mut terms)?;
    Ok(terms)
}

/// Reads a plan's terms.
pub(crate) fn load_terms(conn: &Connection, plan: PlanId) -> StoreResult<PlanTerms> {
    let sql = format!("SELECT {} FROM plans p WHERE p.id = ?1", terms_columns());
    conn.prepare_cached(&sql)?
        .query_row([plan], |r| terms_from_row(r, 0))
        .optional()?
        .ok_or(StoreError::PlanNotFound(plan))
}
