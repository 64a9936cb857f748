//! Values fenqi must be able to read back: which columns hold dates, codes, rates and period
//! numbers (parsed by the same conversions the reads use) or free text, and what is wrong
//! with a value that would not read back. `import` refuses such values; `check` reports them.

use rusqlite::types::{FromSql, Value, ValueRef};

use crate::domain::glyphs::is_control;
use crate::domain::{FeeModel, PayoffPolicy, PenaltyBase, PenaltyFrom, Period, Rate, Remainder};
use crate::store::model::{Channel, InstallmentStatus, PlanStatus, RepaymentKind};
use crate::store::sql::{SqlDate, SqlPercent, date_text, parse_periods_text};

/// What a column holds, as fenqi reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// `YYYY-MM-DD`, a real calendar day, written exactly as fenqi writes it.
    Date,
    Rate,
    Percent,
    PayoffPolicy,
    FeeModel,
    Remainder,
    PenaltyFrom,
    /// What the daily penalty is charged on: `installment`, `principal`, `balance`.
    PenaltyBase,
    /// A period length: `month`, `2w`, `1w`, `Nd`.
    Every,
    /// A due-date rule: `first-due`, `due-day`, `statement-day`, `after-start`.
    DueRule,
    PlanStatus,
    InstallmentState,
    Channel,
    RepaymentKind,
    /// Fee-free periods: `1,2,3`.
    PeriodList,
    /// A period number (read as a 32-bit count).
    Period,
    /// Names, providers, banks, labels, references: no control characters.
    Text,
}

/// The columns whose values fenqi parses or shows as free text, by table.
const COLUMNS: &[(&str, &[(&str, ValueKind)])] = {
    use ValueKind::*;
    &[
        ("cards", &[("bank", Text), ("label", Text)]),
        ("credit_limits", &[("provider", Text)]),
        (
            "plans",
            &[
                ("name", Text),
                ("provider", Text),
                ("fee_model", FeeModel),
                ("fee_rate", Rate),
                ("fee_discount", Rate),
                ("fee_free_periods", PeriodList),
                ("remainder", Remainder),
                ("first_due_on", Date),
                ("payoff_policy", PayoffPolicy),
                ("penalty_daily", Rate),
                ("penalty_from", PenaltyFrom),
                ("apr_percent", Percent),
                ("ear_percent", Percent),
                ("next_due_on", Date),
                ("status", PlanStatus),
                ("paid_off_on", Date),
                ("start_on", Date),
                ("every", Every),
                ("due_rule", DueRule),
                ("penalty_base", PenaltyBase),
                ("late_fee_cap_percent", Rate),
            ],
        ),
        (
            "installments",
            &[
                ("period", Period),
                ("due_on", Date),
                ("state", InstallmentState),
                ("settled_on", Date),
            ],
        ),
        (
            "repayments",
            &[
                ("paid_on", Date),
                ("channel", Channel),
                ("reference", Text),
                ("kind", RepaymentKind),
                ("period", Period),
                ("retry_on", Date),
                ("statement_key", Text),
            ],
        ),
        ("allocations", &[("period", Period)]),
    ]
};

/// Why a stored value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// The column is declared INTEGER and the value is not a whole number.
    NotInteger,
    /// The column is declared TEXT and the value is not text.
    NotText,
    /// fenqi cannot read the value back as this kind.
    Unreadable(ValueKind),
    /// Free text with a control character (a line break, a tab, an escape).
    ControlCharacter,
}

/// The kinds of the columns of `table` that fenqi parses, by column name.
pub(crate) fn kinds(table: &str) -> &'static [(&'static str, ValueKind)] {
    COLUMNS
        .iter()
        .find(|(name, _)| *name == table)
        .map_or(&[], |(_, columns)| columns)
}

/// The kind of `table.column`, if fenqi parses it.
pub(crate) fn kind_of(table: &str, column: &str) -> Option<ValueKind> {
    kinds(table)
        .iter()
        .find(|(name, _)| *name == column)
        .map(|(_, kind)| *kind)
}

fn reads_as<T: FromSql>(value: ValueRef<'_>) -> bool {
    T::column_result(value).is_ok()
}

/// What is wrong with `value` in a column of `kind`; NULL is the schema's business.
pub(crate) fn problem(kind: ValueKind, value: ValueRef<'_>) -> Option<ValueProblem> {
    if matches!(value, ValueRef::Null) {
        return None;
    }
    let readable = match kind {
        ValueKind::Date => SqlDate::column_result(value)
            .is_ok_and(|date| value.as_str().is_ok_and(|text| date_text(date.0) == text)),
        ValueKind::Rate => reads_as::<Rate>(value),
        ValueKind::Percent => reads_as::<SqlPercent>(value),
        ValueKind::PayoffPolicy => reads_as::<PayoffPolicy>(value),
        ValueKind::FeeModel => reads_as::<FeeModel>(value),
        ValueKind::Remainder => reads_as::<Remainder>(value),
        ValueKind::PenaltyFrom => reads_as::<PenaltyFrom>(value),
        ValueKind::PenaltyBase => reads_as::<PenaltyBase>(value),
        ValueKind::Every => value
            .as_str()
            .is_ok_and(|text| Period::parse(text).is_some_and(|p| p.code() == text)),
        ValueKind::DueRule => value.as_str().is_ok_and(|text| {
            ["first-due", "due-day", "statement-day", "after-start"].contains(&text)
        }),
        ValueKind::PlanStatus => reads_as::<PlanStatus>(value),
        ValueKind::InstallmentState => reads_as::<InstallmentStatus>(value),
        ValueKind::Channel => reads_as::<Channel>(value),
        ValueKind::RepaymentKind => reads_as::<RepaymentKind>(value),
        ValueKind::PeriodList => value
            .as_str()
            .is_ok_and(|text| parse_periods_text(text).is_ok()),
        ValueKind::Period => reads_as::<u32>(value),
        ValueKind::Text => {
            return match value.as_str() {
                Ok(text) if text.chars().any(is_control) => Some(ValueProblem::ControlCharacter),
                Ok(_) => None,
                Err(_) => Some(ValueProblem::NotText),
            };
        }
    };
    (!readable).then_some(ValueProblem::Unreadable(kind))
}

/// A column's declared type, as far as a value must match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declared {
    Integer,
    Text,
    Other,
}

impl Declared {
    /// From `pragma_table_info`'s type.
    pub(crate) fn of(declared: &str) -> Declared {
        match declared.to_ascii_uppercase().as_str() {
            "INTEGER" | "INT" => Declared::Integer,
            "TEXT" => Declared::Text,
            _ => Declared::Other,
        }
    }
}

/// What is wrong with `value` for a column declared `declared` holding `kind` values: the
/// wrong type (a STRICT table would silently convert `"5"` into 5), or a value fenqi cannot
/// read back.
pub(crate) fn cell_problem(
    declared: Declared,
    kind: Option<ValueKind>,
    value: &Value,
) -> Option<ValueProblem> {
    match (declared, value) {
        (_, Value::Null) => None,
        (Declared::Integer, v) if !matches!(v, Value::Integer(_)) => Some(ValueProblem::NotInteger),
        (Declared::Text, v) if !matches!(v, Value::Text(_)) => Some(ValueProblem::NotText),
        _ => kind.and_then(|kind| problem(kind, ValueRef::from(value))),
    }
}

/// A stored value as it appears in a message: quoted text (at most 40 characters) or a number.
pub fn value_text(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "null".to_string(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            let mut short: String = text.chars().take(40).collect();
            if text.chars().count() > 40 {
                short.push('…');
            }
            format!("{short:?}")
        }
        ValueRef::Blob(bytes) => format!("{} bytes", bytes.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(kind: ValueKind, text: &str) -> Option<ValueProblem> {
        problem(kind, ValueRef::Text(text.as_bytes()))
    }

    #[test]
    fn dates_must_be_real_days_written_as_fenqi_writes_them() {
        use ValueKind::Date;
        assert_eq!(text(Date, "2025-02-28"), None);
        assert_eq!(text(Date, "2024-02-29"), None);
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "2025-1-5",
            " 2025-01-05",
            "２０２５-01-05",
            "1899-12-31",
            "",
        ] {
            assert_eq!(
                text(Date, bad),
                Some(ValueProblem::Unreadable(Date)),
                "{bad:?}"
            );
        }
        assert_eq!(
            problem(Date, ValueRef::Integer(20250101)),
            Some(ValueProblem::Unreadable(Date))
        );
        assert_eq!(problem(Date, ValueRef::Null), None);
    }

    #[test]
    fn codes_rates_and_periods_read_back_with_the_store_s_own_conversions() {
        use ValueKind::*;
        for (kind, good, bad) in [
            (FeeModel, "annuity", "annuit"),
            (Remainder, "first", "middle"),
            (PenaltyFrom, "grace-end", "grace"),
            (PayoffPolicy, "penalty:3%", "penalty:x"),
            (Rate, "0.006", "0.6%"),
            (Percent, "13.0342", "13,0342"),
            (PlanStatus, "paid-off", "paid off"),
            (InstallmentState, "partly-paid", "partly"),
            (Channel, "bank-app", "bank"),
            (RepaymentKind, "payoff", "refund"),
            (PeriodList, "1,2,3", "1,x"),
            (PenaltyBase, "balance", "order"),
            (Every, "2w", "14d"),
            (Every, "10d", "0d"),
            (DueRule, "statement-day", "statement"),
        ] {
            assert_eq!(text(kind, good), None, "{kind:?} {good}");
            assert_eq!(
                text(kind, bad),
                Some(ValueProblem::Unreadable(kind)),
                "{kind:?} {bad}"
            );
        }
        assert_eq!(problem(Period, ValueRef::Integer(360)), None);
        assert_eq!(
            problem(Period, ValueRef::Integer(1 << 40)),
            Some(ValueProblem::Unreadable(Period))
        );
    }

    #[test]
    fn free_text_holds_no_control_characters() {
        assert_eq!(text(ValueKind::Text, "小米14 =1+1 \u{202E}"), None);
        for bad in ["a\nb", "a\rb", "a\tb", "\u{1b}[31m", "\0"] {
            assert_eq!(
                text(ValueKind::Text, bad),
                Some(ValueProblem::ControlCharacter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn values_must_have_their_column_s_type() {
        let int = Value::Integer(5);
        let five = Value::Text("5".into());
        assert_eq!(cell_problem(Declared::Integer, None, &int), None);
        assert_eq!(
            cell_problem(Declared::Integer, None, &five),
            Some(ValueProblem::NotInteger)
        );
        assert_eq!(
            cell_problem(Declared::Text, Some(ValueKind::Date), &int),
            Some(ValueProblem::NotText)
        );
        assert_eq!(cell_problem(Declared::Text, None, &Value::Null), None);
    }

    #[test]
    fn every_date_column_of_the_schema_is_read_back_as_a_date() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("a.db")).unwrap();
        let conn = store.conn();
        let mut stmt = conn
            .prepare(
                "SELECT t.name, c.name FROM sqlite_schema t, pragma_table_info(t.name) c
                 WHERE t.type = 'table' AND c.name LIKE '%\\_on' ESCAPE '\\'
                   AND t.name NOT IN ('open_by_day')",
            )
            .unwrap();
        let columns: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(columns.len(), 8, "{columns:?}");
        for (table, column) in columns {
            assert_eq!(
                kind_of(&table, &column),
                Some(ValueKind::Date),
                "{table}.{column}"
            );
        }
    }
}
