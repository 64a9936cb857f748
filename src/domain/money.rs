//! `Money`: exact two-decimal amounts, checked arithmetic, parsing and formatting.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

use super::numtext::{NumberTextError, normalize_number};

/// The largest amount fenqi accepts: 10^13 (ten trillion), far above any plan and safe in i64 cents.
pub const MAX_MONEY_CENTS: i64 = 1_000_000_000_000_000;

/// Sums and differences of money stay within what SQLite stores: i64 fen (about ±9.2 × 10^16
/// yuan). Every plan fenqi accepts stays far below it (see `domain::bounds`).
const LIMIT_CENTS: i64 = i64::MAX;

/// An amount beyond what fenqi can compute and store exactly (more than i64 fen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("amounts too large to compute exactly")]
pub struct Overflow;

/// An exact amount of money with exactly two decimals (yuan and fen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// Why a piece of text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("empty")]
    Empty,
    #[error("not a number")]
    NotANumber,
    #[error("more than two decimals")]
    TooManyDecimals,
    #[error("negative")]
    Negative,
    #[error("too large")]
    TooLarge,
    #[error("must be more than zero")]
    NotPositive,
}

impl From<NumberTextError> for MoneyError {
    fn from(e: NumberTextError) -> Self {
        match e {
            NumberTextError::Empty => MoneyError::Empty,
            NumberTextError::NotANumber => MoneyError::NotANumber,
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Builds an amount from integer minor units (fen).
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The amount in integer minor units (fen), or `None` beyond what i64 holds.
    pub(crate) fn try_cents(self) -> Option<i64> {
        // Fast path (bulk writes store millions of amounts): at scale 0–2 the mantissa is the
        // amount in units of 10^-scale, so cents are one multiplication away.
        let scale = self.0.scale();
        if scale <= 2 {
            let factor = match scale {
                2 => 1,
                1 => 10,
                _ => 100,
            };
            return i64::try_from(self.0.mantissa())
                .ok()
                .and_then(|m| m.checked_mul(factor));
        }
        let scaled = self.0.checked_mul(Decimal::ONE_HUNDRED)?;
        i64::try_from(scaled.trunc()).ok()
    }

    /// The amount in integer minor units (fen); saturated beyond i64 (the checked operations
    /// never make such an amount, and the store refuses to write one: see [`Money::try_cents`]).
    pub fn cents(self) -> i64 {
        self.try_cents().unwrap_or(if self.0.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        })
    }

    /// Rounds an exact decimal half-up (away from zero) to 0.01; `None` beyond the storable
    /// range (i64 fen).
    pub(crate) fn checked_round_half_up(value: Decimal) -> Option<Money> {
        Money::within_limit(value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    /// Rounds an exact decimal down (towards zero) to 0.01.
    pub(crate) fn round_down(value: Decimal) -> Money {
        Money::normalized(value.round_dp_with_strategy(2, RoundingStrategy::ToZero))
    }

    fn normalized(mut value: Decimal) -> Money {
        value.rescale(2);
        Money(value)
    }

    /// `value` as money when it is within the storable range.
    fn within_limit(value: Decimal) -> Option<Money> {
        let limit = Decimal::new(LIMIT_CENTS, 2);
        (value.abs() <= limit).then(|| Money::normalized(value))
    }

    /// The exact decimal value.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    pub fn is_negative(self) -> bool {
        self.0 < Decimal::ZERO
    }

    /// `self + other`; `None` beyond the storable range (i64 fen).
    pub(crate) fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).and_then(Money::within_limit)
    }

    /// `self − other`; `None` beyond the storable range (i64 fen).
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).and_then(Money::within_limit)
    }

    /// `self + other`, or [`Overflow`].
    pub(crate) fn try_add(self, other: Money) -> Result<Money, Overflow> {
        self.checked_add(other).ok_or(Overflow)
    }

    /// `self − other`, or [`Overflow`].
    pub(crate) fn try_sub(self, other: Money) -> Result<Money, Overflow> {
        self.checked_sub(other).ok_or(Overflow)
    }

    /// `self - other`, floored at zero.
    pub(crate) fn saturating_sub(self, other: Money) -> Money {
        if other >= self {
            Money::ZERO
        } else {
            Money::normalized(self.0 - other.0)
        }
    }

    /// Multiplies by an integer count (e.g. n periods × base part); `None` beyond the storable
    /// range.
    pub(crate) fn checked_mul_int(self, n: i64) -> Option<Money> {
        self.0
            .checked_mul(Decimal::from(n))
            .and_then(Money::within_limit)
    }

    pub(crate) fn min(self, other: Money) -> Money {
        if self <= other { self } else { other }
    }

    /// Sums amounts; `None` beyond the storable range.
    pub(crate) fn checked_sum<I: IntoIterator<Item = Money>>(items: I) -> Option<Money> {
        items
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    /// Sums amounts, or [`Overflow`].
    pub(crate) fn try_sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money, Overflow> {
        Money::checked_sum(items).ok_or(Overflow)
    }

    /// Sums fallible amounts: the first error, or [`Overflow`] beyond the storable range.
    pub(crate) fn try_sum_results<E, I>(items: I) -> Result<Money, E>
    where
        E: From<Overflow>,
        I: IntoIterator<Item = Result<Money, E>>,
    {
        items
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| Ok(acc.try_add(m?)?))
    }

    /// Parses user text: `6000`, `6,000.00`, `¥6000`, `￥1234.5`, full-width `６０００`.
    /// Rejects NaN, exponents, more than two decimals, negatives and amounts above the maximum.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let normalized = normalize_number(text, &['¥', '￥'])?;
        // Judge decimals and size on the digits themselves, so that `1.2300000000000000000000000000001`
        // is "more than two decimals" (not "too large") and `1.230000000000000000000000000000` is 1.23.
        let (whole, fraction) = normalized
            .split_once('.')
            .unwrap_or((normalized.as_str(), ""));
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let (negative, whole) = match whole.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, whole),
        };
        let whole = whole.trim_start_matches('0');
        if negative && !(whole.is_empty() && fraction.is_empty()) {
            return Err(MoneyError::Negative);
        }
        if whole.len() > MAX_MONEY_CENTS.to_string().len() - 2 {
            return Err(MoneyError::TooLarge);
        }
        let whole = if whole.is_empty() { "0" } else { whole };
        let value = Decimal::from_str_exact(&format!("{whole}.{fraction:0<2}"))
            .map_err(|_| MoneyError::TooLarge)?;
        let money = Money::normalized(value);
        if money.0 > Decimal::new(MAX_MONEY_CENTS, 2) {
            return Err(MoneyError::TooLarge);
        }
        Ok(money)
    }

    /// Parses an amount that must be more than zero.
    pub fn parse_positive(text: &str) -> Result<Money, MoneyError> {
        let money = Money::parse(text)?;
        if money.is_zero() {
            return Err(MoneyError::NotPositive);
        }
        Ok(money)
    }

    /// Formats with thousands separators: `1,234,567.89`.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (int_part, frac) = digits.split_once('.').unwrap_or((digits, "00"));
        let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
        for (i, ch) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        format!("{sign}{grouped}.{frac}")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut v = self.0;
        v.rescale(2);
        let text = v.to_string();
        f.pad(&text)
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn parses_the_forms_people_type() {
        assert_eq!(m("6000").cents(), 600_000);
        assert_eq!(m("6,000.00").cents(), 600_000);
        assert_eq!(m("¥6000").cents(), 600_000);
        assert_eq!(m("￥1234.5").cents(), 123_450);
        assert_eq!(m("６０００").cents(), 600_000);
        assert_eq!(m("６，０００．５").cents(), 600_050);
        assert_eq!(m(" 12.3 ").cents(), 1_230);
        assert_eq!(m("0.01").cents(), 1);
        assert_eq!(m("1.230").cents(), 123);
        assert_eq!(m("1.230000000000000000000000000000").cents(), 123);
        assert_eq!(m("000000000000000000000000000000042").cents(), 4200);
        assert_eq!(m("-0.00").cents(), 0);
        assert_eq!(m("10,000,000,000,000.00").cents(), MAX_MONEY_CENTS);
    }

    #[test]
    fn rejects_what_is_not_money() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("NaN"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("inf"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1e3"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("1,2,3.4.5"), Err(MoneyError::NotANumber));
        assert_eq!(
            Money::parse("99999999999999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(Money::parse("10000000000001"), Err(MoneyError::TooLarge));
        assert_eq!(
            Money::parse("1.2300000000000000000000000000001"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(
            Money::parse("0.0000000000000000000000000000001"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(Money::parse("-1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("12,34"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse_positive("0"), Err(MoneyError::NotPositive));
    }

    #[test]
    fn formats_two_decimals_and_groups() {
        assert_eq!(Money::from_cents(53600).to_string(), "536.00");
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(Money::from_cents(123_456_789).grouped(), "1,234,567.89");
        assert_eq!(Money::from_cents(-100_000).grouped(), "-1,000.00");
        assert_eq!(format!("{:>8}", Money::from_cents(100)), "    1.00");
    }

    #[test]
    fn checked_operations_stop_at_what_sqlite_stores() {
        let most = Money::from_cents(i64::MAX);
        assert_eq!(most.try_cents(), Some(i64::MAX));
        assert_eq!(most.checked_add(Money::from_cents(1)), None);
        assert_eq!(most.try_add(Money::from_cents(1)), Err(Overflow));
        assert_eq!(Money::from_cents(i64::MIN + 1).checked_sub(most), None);
        assert_eq!(most.checked_mul_int(2), None);
        assert_eq!(Money::try_sum([most, most]), Err(Overflow));
        assert_eq!(
            Money::try_sum([Money::from_cents(1), Money::from_cents(2)]),
            Ok(Money::from_cents(3))
        );
        assert_eq!(
            Money::checked_round_half_up(Decimal::new(i64::MAX, 0)),
            None
        );
    }

    #[test]
    fn rounds_half_up_and_down() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(
            Money::checked_round_half_up(d("36.005")).unwrap().cents(),
            3601
        );
        assert_eq!(
            Money::checked_round_half_up(d("36.0049")).unwrap().cents(),
            3600
        );
        assert_eq!(Money::round_down(d("333.339")).cents(), 33333);
    }
}
