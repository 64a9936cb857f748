//! Interest on a balance over a stretch of time (a period, or so many days), computed exactly
//! and rounded half up once: `balance × R / 12`, `balance × R × days`, never `R / 12` first.

use rust_decimal::Decimal;

use super::dates::Period;
use super::money::{Money, Overflow};
use super::rate::Rate;

/// A rate over a stretch of time, kept as the exact ratio `rate × times / per` so that
/// interest on it is one exact product and one division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StretchRate {
    rate: Decimal,
    times: Decimal,
    per: Decimal,
}

impl StretchRate {
    /// One period of an annual rate: `R / 12` a month, `R / 26` two weeks, `R / 52` a week,
    /// `R × N / 365` for N days.
    pub(crate) fn annual_per_period(annual: Rate, every: Period) -> StretchRate {
        let (times, per) = every.year_share();
        StretchRate {
            rate: annual.fraction(),
            times,
            per,
        }
    }

    /// A daily rate over `days` days (`R × days`).
    pub(crate) fn daily(daily: Rate, days: u32) -> StretchRate {
        StretchRate {
            rate: daily.fraction(),
            times: Decimal::from(days),
            per: Decimal::ONE,
        }
    }

    /// An annual rate over `days` days of a 360-day year (`R × days / 360`: interest to date).
    pub(crate) fn annual_by_days(annual: Rate, days: u32) -> StretchRate {
        StretchRate {
            rate: annual.fraction(),
            times: Decimal::from(days),
            per: Decimal::from(360),
        }
    }

    /// The rate itself to 28 digits, for a level payment's formula (never for interest).
    pub(crate) fn approx(self) -> Option<Decimal> {
        self.rate.checked_mul(self.times)?.checked_div(self.per)
    }

    /// `round_half_up(balance × rate × times / per)`: the product is exact and the division
    /// is done on integers, so the cent is right whatever the divisor (3000.00 at 18.25% a
    /// year for a month is 45.625 → 45.63). [`Overflow`] beyond what fenqi computes.
    pub(crate) fn interest_on(self, balance: Money) -> Result<Money, Overflow> {
        let product = balance
            .decimal()
            .checked_mul(self.rate)
            .and_then(|x| x.checked_mul(self.times))
            .ok_or(Overflow)?;
        divide_half_up(product, self.per)
    }
}

/// `round_half_up(value / divisor)` to the cent, for a non-negative `value` and a positive
/// whole `divisor`, exactly: `value = m / 10^s`, so the cents are `m × 100 / (divisor × 10^s)`,
/// divided on 128-bit integers with the remainder deciding the rounding.
pub(crate) fn divide_half_up(value: Decimal, divisor: Decimal) -> Result<Money, Overflow> {
    let divisor = i128::try_from(divisor.trunc()).map_err(|_| Overflow)?;
    if divisor <= 0 || value.is_sign_negative() {
        return Err(Overflow);
    }
    let numerator = value.mantissa().checked_mul(100).ok_or(Overflow)?;
    let denominator = 10i128
        .checked_pow(value.scale())
        .and_then(|p| p.checked_mul(divisor))
        .ok_or(Overflow)?;
    let (quotient, rest) = (numerator / denominator, numerator % denominator);
    let cents = if rest.checked_mul(2).ok_or(Overflow)? >= denominator {
        quotient + 1
    } else {
        quotient
    };
    let cents = i64::try_from(cents).map_err(|_| Overflow)?;
    Ok(Money::from_cents(cents))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    fn rate(text: &str) -> Rate {
        Rate::parse(text).unwrap()
    }

    #[test]
    fn a_month_at_an_annual_rate_rounds_the_exact_product_once() {
        // 3000.00 × 18.25% / 12 = 547.5 / 12 = 45.625 exactly → 45.63 (R / 12 first: 45.62).
        let month = StretchRate::annual_per_period(rate("18.25%"), Period::Month);
        assert_eq!(
            month.interest_on(money("3000")).unwrap().to_string(),
            "45.63"
        );
        // 3000.00 × 7.3% / 12 = 219 / 12 = 18.25 exactly.
        let month = StretchRate::annual_per_period(rate("7.3%"), Period::Month);
        assert_eq!(
            month.interest_on(money("3000")).unwrap().to_string(),
            "18.25"
        );
        // 1000.00 × 10% / 12 = 8.3333… → 8.33.
        let month = StretchRate::annual_per_period(rate("10%"), Period::Month);
        assert_eq!(
            month.interest_on(money("1000")).unwrap().to_string(),
            "8.33"
        );
    }

    #[test]
    fn days_at_a_daily_rate() {
        // 5000.00 × 0.05% × 31 = 77.5 → 77.50; 4999.99 × 0.05% × 1 = 2.499995 → 2.50.
        let days = StretchRate::daily(rate("0.05%"), 31);
        assert_eq!(
            days.interest_on(money("5000")).unwrap().to_string(),
            "77.50"
        );
        let day = StretchRate::daily(rate("0.05%"), 1);
        assert_eq!(
            day.interest_on(money("4999.99")).unwrap().to_string(),
            "2.50"
        );
        // 1000.00 × 0.035% × 3 = 1.05 exactly.
        let days = StretchRate::daily(rate("0.035%"), 3);
        assert_eq!(days.interest_on(money("1000")).unwrap().to_string(), "1.05");
    }

    #[test]
    fn periods_of_days_and_a_360_day_year() {
        // 2600.00 × 13% / 26 = 13.00; 1000.00 × 12% × 30 / 365 = 9.863… → 9.86.
        let two_weeks = StretchRate::annual_per_period(rate("13%"), Period::Days(14));
        assert_eq!(
            two_weeks.interest_on(money("2600")).unwrap().to_string(),
            "13.00"
        );
        let thirty = StretchRate::annual_per_period(rate("12%"), Period::Days(30));
        assert_eq!(
            thirty.interest_on(money("1000")).unwrap().to_string(),
            "9.86"
        );
        // 1000.00 × 18% × 15 / 360 = 7.50.
        let to_date = StretchRate::annual_by_days(rate("18%"), 15);
        assert_eq!(
            to_date.interest_on(money("1000")).unwrap().to_string(),
            "7.50"
        );
    }

    #[test]
    fn exact_halves_round_up_and_just_below_rounds_down() {
        let one = Decimal::ONE;
        assert_eq!(divide_half_up(Decimal::new(5, 3), one).unwrap().cents(), 1);
        assert_eq!(
            divide_half_up(Decimal::new(4999, 6), one).unwrap().cents(),
            0
        );
        // 0.06 / 12 = 0.005 → 0.01; 0.05 / 12 = 0.0041… → 0.00.
        let twelve = Decimal::from(12);
        assert_eq!(
            divide_half_up(Decimal::new(6, 2), twelve).unwrap().cents(),
            1
        );
        assert_eq!(
            divide_half_up(Decimal::new(5, 2), twelve).unwrap().cents(),
            0
        );
    }
}
