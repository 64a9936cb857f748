//! Calendar rules: strict date parsing, period lengths, and due dates computed from their anchor
//! (the first due date, a due day, a statement day, or the start date).

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::numtext::to_halfwidth;

/// The last year a date may fall in (dates print as `YYYY-MM-DD`, the store checks four digits).
pub(crate) const LAST_YEAR: i32 = 9999;

/// Why a piece of text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not in YYYY-MM-DD form")]
    Format,
    #[error("no such day in the calendar")]
    NoSuchDay,
    #[error("the year must be from 1900 to 9999")]
    YearOutOfRange,
}

/// Parses a strict `YYYY-MM-DD` date (full-width digits accepted); rejects `2025-02-30`.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let ascii: String = text.trim().chars().map(to_halfwidth).collect();
    let bytes = ascii.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Format);
    }
    let number = |range: std::ops::Range<usize>| ascii[range].parse::<u32>().unwrap_or(0);
    let year = number(0..4) as i32;
    let (month, day) = (number(5..7), number(8..10));
    if !(1..=12).contains(&month) {
        return Err(DateError::Format);
    }
    if year < 1900 {
        return Err(DateError::YearOutOfRange);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay)
}

/// The due date of period `period` (1-based): the first due date plus `period − 1` months,
/// clamped to the month's last day (31 Jan → 28/29 Feb → 31 Mar). `None` past year 9999.
pub fn due_date(first_due: NaiveDate, period: u32) -> Option<NaiveDate> {
    first_due
        .checked_add_months(Months::new(period.saturating_sub(1)))
        .filter(|date| date.year() <= LAST_YEAR)
}

/// The longest period in days (`--every 365d`).
pub(crate) const MAX_PERIOD_DAYS: u32 = 365;

/// The most days a due date may fall after its statement date (`--due-after`).
pub(crate) const MAX_DUE_AFTER_DAYS: u32 = 60;

/// How far apart due dates are (`--every`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Period {
    /// A calendar month (default), dates computed from their anchor and clamped to month end.
    #[default]
    Month,
    /// A fixed number of days: 14 is `2w` (pay-in-4), 7 is `1w`, others `Nd`.
    Days(u32),
}

impl Period {
    /// The contract's name: `month`, `2w`, `1w` or `Nd`.
    pub(crate) fn code(self) -> String {
        match self {
            Period::Month => "month".to_string(),
            Period::Days(14) => "2w".to_string(),
            Period::Days(7) => "1w".to_string(),
            Period::Days(n) => format!("{n}d"),
        }
    }

    /// Parses `month`, `2w`, `1w` or `Nd` (N from 1 to [`MAX_PERIOD_DAYS`]); `None` otherwise.
    pub(crate) fn parse(text: &str) -> Option<Period> {
        let ascii: String = text.trim().chars().map(to_halfwidth).collect();
        let days = |n: &str| {
            n.parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_PERIOD_DAYS).contains(n))
        };
        match ascii.as_str() {
            "month" => Some(Period::Month),
            other => {
                if let Some(weeks) = other.strip_suffix('w') {
                    days(weeks)
                        .and_then(|w| w.checked_mul(7))
                        .filter(|d| *d <= MAX_PERIOD_DAYS)
                        .map(Period::Days)
                } else {
                    other.strip_suffix('d').and_then(days).map(Period::Days)
                }
            }
        }
    }

    /// The share of a year one period is, as `(numerator, denominator)`: 1/12 for a month,
    /// 1/26 for two weeks, 1/52 for a week, N/365 for N days. Kept as a ratio so that an
    /// annual rate's periodic interest is computed exactly and divided once.
    pub(crate) fn year_share(self) -> (Decimal, Decimal) {
        match self {
            Period::Month => (Decimal::ONE, Decimal::from(12)),
            Period::Days(14) => (Decimal::ONE, Decimal::from(26)),
            Period::Days(7) => (Decimal::ONE, Decimal::from(52)),
            Period::Days(n) => (Decimal::from(n), Decimal::from(365)),
        }
    }

    /// Periods a year for APR: 12, 26, 52 or 365/N.
    pub(crate) fn per_year(self) -> Decimal {
        let (numerator, denominator) = self.year_share();
        denominator / numerator
    }

    /// The days a daily rate is multiplied by to make one period's rate for a level payment:
    /// 30 for a month (`R × 30`), N for N days.
    pub(crate) fn nominal_days(self) -> u32 {
        match self {
            Period::Month => 30,
            Period::Days(n) => n,
        }
    }

    /// `date` moved by `count` periods (months from `date` as anchor, clamped to month end);
    /// `None` outside the calendar or past year 9999.
    pub(crate) fn advance(self, date: NaiveDate, count: u32) -> Option<NaiveDate> {
        match self {
            Period::Month => date.checked_add_months(Months::new(count)),
            Period::Days(n) => date.checked_add_days(Days::new(u64::from(n) * u64::from(count))),
        }
        .filter(|d| d.year() <= LAST_YEAR)
    }

    /// `date` moved back one period (`None` outside the calendar).
    pub(crate) fn back_one(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Month => date.checked_sub_months(Months::new(1)),
            Period::Days(n) => date.checked_sub_days(Days::new(u64::from(n))),
        }
    }
}

/// Which rule sets the due dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DueRule {
    /// `--first-due D` (and every plan from before due rules): period 1 is due on the plan's
    /// first due date, the others follow by period length from it.
    #[default]
    FirstDue,
    /// `--due-day D` (1–31): day D of each month, clamped to the month's last day; period 1 in
    /// the month after the start date.
    DueDay(u32),
    /// `--statement-day S --due-after N`: period k's statement date is the k-th day S (clamped)
    /// strictly after the start date; it is due N days later.
    StatementDay { day: u32, due_after: u32 },
    /// No rule given: one period after the start date, monthly dates computed from the start
    /// date (bought 31 Jan → 28 Feb, 31 Mar).
    AfterStart,
}

impl DueRule {
    /// The rule's name in JSON and storage: `first-due`, `due-day`, `statement-day`,
    /// `after-start`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            DueRule::FirstDue => "first-due",
            DueRule::DueDay(_) => "due-day",
            DueRule::StatementDay { .. } => "statement-day",
            DueRule::AfterStart => "after-start",
        }
    }
}

/// The calendar side of a plan's terms: start date, period length and due-date rule.
/// The default is how every plan from before them was dated: no start date, monthly, from the
/// first due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateTerms {
    /// The purchase or loan date (`--start`). `None` (plans from before it): one period before
    /// the first due date wherever a start is needed.
    pub start: Option<NaiveDate>,
    pub every: Period,
    pub due: DueRule,
}

/// Why date terms do not make due dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateRuleError {
    #[error("this due-date rule needs a start date")]
    NeedsStart,
    #[error("due days and statement days need monthly periods")]
    NeedsMonths,
    #[error("the due day must be from 1 to 31")]
    DueDay,
    #[error("the statement day must be from 1 to 31")]
    StatementDay,
    #[error("the days after the statement must be from 0 to {MAX_DUE_AFTER_DAYS}")]
    DueAfter,
    #[error("a period must be from 1 to {MAX_PERIOD_DAYS} days")]
    PeriodDays,
    #[error("the first due date is before the start date")]
    DueBeforeStart,
    #[error("the first due date does not follow from the due-date rule")]
    FirstDueMismatch,
    #[error("a due date would fall past year 9999")]
    OutOfCalendar,
}

impl DateTerms {
    /// Checks the rule's numbers and that it fits the period length.
    pub(crate) fn check(&self) -> Result<(), DateRuleError> {
        if let Period::Days(n) = self.every
            && !(1..=MAX_PERIOD_DAYS).contains(&n)
        {
            return Err(DateRuleError::PeriodDays);
        }
        match self.due {
            DueRule::FirstDue => Ok(()),
            DueRule::AfterStart => self.start.map(|_| ()).ok_or(DateRuleError::NeedsStart),
            DueRule::DueDay(day) => {
                if !(1..=31).contains(&day) {
                    return Err(DateRuleError::DueDay);
                }
                self.monthly_with_start().map(|_| ())
            }
            DueRule::StatementDay { day, due_after } => {
                if !(1..=31).contains(&day) {
                    return Err(DateRuleError::StatementDay);
                }
                if due_after > MAX_DUE_AFTER_DAYS {
                    return Err(DateRuleError::DueAfter);
                }
                self.monthly_with_start().map(|_| ())
            }
        }
    }

    fn monthly_with_start(&self) -> Result<NaiveDate, DateRuleError> {
        if self.every != Period::Month {
            return Err(DateRuleError::NeedsMonths);
        }
        self.start.ok_or(DateRuleError::NeedsStart)
    }

    /// Period 1's due date under a rule that computes it from the start date; `None` under
    /// [`DueRule::FirstDue`], where it is given.
    pub fn computed_first_due(&self) -> Result<Option<NaiveDate>, DateRuleError> {
        self.check()?;
        match self.due {
            DueRule::FirstDue => Ok(None),
            _ => self.due_date(NaiveDate::MIN, 1).map(Some),
        }
    }

    /// The date interest and APR periods count from: the start date, or one period before
    /// `first_due` for plans without one.
    pub(crate) fn effective_start(&self, first_due: NaiveDate) -> NaiveDate {
        self.start
            .or_else(|| self.every.back_one(first_due))
            .unwrap_or(first_due)
    }

    /// The due date of period `period` (1-based) of a plan whose period 1 is due on
    /// `first_due` (the anchor under [`DueRule::FirstDue`], unused by the other rules).
    pub(crate) fn due_date(
        &self,
        first_due: NaiveDate,
        period: u32,
    ) -> Result<NaiveDate, DateRuleError> {
        let out = DateRuleError::OutOfCalendar;
        match self.due {
            DueRule::FirstDue => self.every.advance(first_due, period.saturating_sub(1)),
            DueRule::AfterStart => {
                let start = self.start.ok_or(DateRuleError::NeedsStart)?;
                self.every.advance(start, period)
            }
            DueRule::DueDay(day) => {
                let start = self.monthly_with_start()?;
                day_of_month(start, period, day)
            }
            DueRule::StatementDay { day, due_after } => {
                let start = self.monthly_with_start()?;
                // The first day S (clamped) strictly after the start: this month's or the next.
                let skip = u32::from(day_of_month(start, 0, day).ok_or(out)? <= start);
                day_of_month(start, period - 1 + skip, day)
                    .and_then(|statement| statement.checked_add_days(Days::new(due_after.into())))
                    .filter(|d| d.year() <= LAST_YEAR)
            }
        }
        .ok_or(out)
    }

    /// Every due date of a plan of `periods` periods whose period 1 is due on `first_due`,
    /// after checking the rule (and, when there is a start date, that `first_due` follows
    /// from the rule and is not before it).
    pub(crate) fn due_dates(
        &self,
        first_due: NaiveDate,
        periods: u32,
    ) -> Result<Vec<NaiveDate>, DateRuleError> {
        self.check()?;
        if let Some(computed) = self.computed_first_due()?
            && computed != first_due
        {
            return Err(DateRuleError::FirstDueMismatch);
        }
        if self.start.is_some_and(|start| first_due < start) {
            return Err(DateRuleError::DueBeforeStart);
        }
        (1..=periods)
            .map(|period| self.due_date(first_due, period))
            .collect()
    }
}

/// Day `day` (clamped to the month's last day) of the month `months` after `anchor`'s month.
fn day_of_month(anchor: NaiveDate, months: u32, day: u32) -> Option<NaiveDate> {
    let first = anchor
        .with_day(1)?
        .checked_add_months(Months::new(months))?;
    let next_first = first.checked_add_months(Months::new(1))?;
    let last_day = next_first.pred_opt()?.day();
    first
        .with_day(day.min(last_day))
        .filter(|d| d.year() <= LAST_YEAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_strictly() {
        assert_eq!(parse_date("2025-01-15"), Ok(d(2025, 1, 15)));
        assert_eq!(parse_date("２０２５-０１-１５"), Ok(d(2025, 1, 15)));
        assert_eq!(parse_date("2025-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2025-13-01"), Err(DateError::Format));
        assert_eq!(parse_date("2025-1-5"), Err(DateError::Format));
        assert_eq!(parse_date("tomorrow"), Err(DateError::Format));
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date("0000-01-01"), Err(DateError::YearOutOfRange));
    }

    #[test]
    fn month_end_clamps_from_the_first_due_date() {
        let first = d(2025, 1, 31);
        assert_eq!(due_date(first, 1), Some(d(2025, 1, 31)));
        assert_eq!(due_date(first, 2), Some(d(2025, 2, 28)));
        assert_eq!(due_date(first, 3), Some(d(2025, 3, 31)));
        assert_eq!(due_date(first, 14), Some(d(2026, 2, 28)));
        assert_eq!(due_date(d(2023, 12, 31), 3), Some(d(2024, 2, 29)));
    }

    #[test]
    fn no_due_date_falls_past_year_9999() {
        assert_eq!(due_date(d(9999, 12, 31), 1), Some(d(9999, 12, 31)));
        assert_eq!(due_date(d(9999, 12, 31), 2), None);
        assert_eq!(due_date(d(9999, 1, 31), 13), None);
    }

    #[test]
    fn period_lengths_parse_and_show() {
        for (text, period, code) in [
            ("month", Period::Month, "month"),
            ("2w", Period::Days(14), "2w"),
            ("14d", Period::Days(14), "2w"),
            ("1w", Period::Days(7), "1w"),
            ("30d", Period::Days(30), "30d"),
            ("365d", Period::Days(365), "365d"),
            ("２w", Period::Days(14), "2w"),
        ] {
            assert_eq!(Period::parse(text), Some(period), "{text}");
            assert_eq!(period.code(), code);
        }
        for bad in ["0d", "366d", "53w", "monthly", "d", "-1d", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::Month.per_year(), rust_decimal::Decimal::from(12));
        assert_eq!(Period::Days(14).per_year(), rust_decimal::Decimal::from(26));
        assert_eq!(Period::Days(73).per_year(), rust_decimal::Decimal::from(5));
    }

    #[test]
    fn date_rules_refuse_what_makes_no_dates() {
        let start = Some(d(2025, 2, 5));
        let rules = |every, due, start| DateTerms { start, every, due };
        assert_eq!(
            rules(Period::Month, DueRule::DueDay(32), start).check(),
            Err(DateRuleError::DueDay)
        );
        assert_eq!(
            rules(Period::Month, DueRule::DueDay(10), None).check(),
            Err(DateRuleError::NeedsStart)
        );
        assert_eq!(
            rules(Period::Days(14), DueRule::DueDay(10), start).check(),
            Err(DateRuleError::NeedsMonths)
        );
        let statement = |day, due_after| DueRule::StatementDay { day, due_after };
        assert_eq!(
            rules(Period::Month, statement(0, 20), start).check(),
            Err(DateRuleError::StatementDay)
        );
        assert_eq!(
            rules(Period::Month, statement(24, 61), start).check(),
            Err(DateRuleError::DueAfter)
        );
        assert_eq!(
            rules(Period::Days(0), DueRule::FirstDue, start).check(),
            Err(DateRuleError::PeriodDays)
        );
        assert_eq!(
            rules(Period::Month, DueRule::AfterStart, None).check(),
            Err(DateRuleError::NeedsStart)
        );
        // Period 1 must be the rule's own, and not before the start.
        let due_day = rules(Period::Month, DueRule::DueDay(10), start);
        assert_eq!(due_day.computed_first_due(), Ok(Some(d(2025, 3, 10))));
        assert_eq!(
            due_day.due_dates(d(2025, 3, 11), 2),
            Err(DateRuleError::FirstDueMismatch)
        );
        let first_due = rules(Period::Month, DueRule::FirstDue, start);
        assert_eq!(
            first_due.due_dates(d(2025, 2, 4), 2),
            Err(DateRuleError::DueBeforeStart)
        );
        // A payment due on the start itself (pay-in-4) is allowed.
        let pay_in_4 = rules(Period::Days(14), DueRule::FirstDue, start);
        assert_eq!(
            pay_in_4.due_dates(d(2025, 2, 5), 4),
            Ok(vec![
                d(2025, 2, 5),
                d(2025, 2, 19),
                d(2025, 3, 5),
                d(2025, 3, 19)
            ])
        );
        // Past 9999-12-31: out of the calendar.
        let late = rules(Period::Month, DueRule::AfterStart, Some(d(9999, 11, 30)));
        assert_eq!(
            late.due_dates(d(9999, 12, 30), 2),
            Err(DateRuleError::OutOfCalendar)
        );
    }

    #[test]
    fn plans_without_a_start_count_from_one_period_before_the_first_due_date() {
        let terms = DateTerms::default();
        assert_eq!(terms.effective_start(d(2025, 3, 31)), d(2025, 2, 28));
        let fortnightly = DateTerms {
            every: Period::Days(14),
            ..DateTerms::default()
        };
        assert_eq!(fortnightly.effective_start(d(2025, 3, 1)), d(2025, 2, 15));
    }
}
