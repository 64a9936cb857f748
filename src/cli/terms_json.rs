//! The terms fields `quote --json` and `plan show --json` add beside the contract's: the
//! repayment method, minimum fee, start date, period length, due-date rule and the overdue
//! rules beyond grace and the daily rate.

use serde_json::{Map, Value, json};

use crate::domain::dates::DueRule;
use crate::domain::terms::PlanTerms;

/// `method`, `min_fee`, `start`, `every`, `due_rule`, `due_day`, `statement_day`, `due_after`.
pub(crate) fn schedule_terms_json(terms: &PlanTerms) -> Map<String, Value> {
    let dates = &terms.dates;
    let (due_day, statement_day, due_after) = match dates.due {
        DueRule::DueDay(day) => (Some(day), None, None),
        DueRule::StatementDay { day, due_after } => (None, Some(day), Some(due_after)),
        DueRule::FirstDue | DueRule::AfterStart => (None, None, None),
    };
    object(json!({
        "method": terms.fee.model.method(),
        "min_fee": terms.fee.min_fee,
        "start": dates.start.map(|d| d.to_string()),
        "every": dates.every.code(),
        "due_rule": dates.due.code(),
        "due_day": due_day,
        "statement_day": statement_day,
        "due_after": due_after,
    }))
}

/// `penalty_base`, `penalty_min`, `late_fee`, `late_fee_extra` (`"7.00:7"` or null),
/// `late_fee_caps` (`["68.00", "25%"]`), `tolerance`.
pub(crate) fn overdue_terms_json(terms: &PlanTerms) -> Map<String, Value> {
    let overdue = &terms.overdue;
    let fees = &overdue.late_fees;
    object(json!({
        "penalty_base": overdue.base.code(),
        "penalty_min": overdue.penalty_min,
        "late_fee": fees.fee,
        "late_fee_extra": fees.extra.map(|e| e.to_string()),
        "late_fee_caps": fees.caps().iter().map(ToString::to_string).collect::<Vec<_>>(),
        "tolerance": overdue.tolerance,
    }))
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
