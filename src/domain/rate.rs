//! `Rate`: an exact fraction (0.006 for "0.6%"), parsed from percent text and shown as percent.

use std::fmt;

use rust_decimal::Decimal;

use super::numtext::{NumberTextError, normalize_number};

/// An exact rate stored as a fraction: `Rate::parse("0.6%")` holds 0.006.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(Decimal);

/// Why a piece of text is not a rate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    #[error("empty")]
    Empty,
    #[error("not a percentage")]
    NotANumber,
    #[error("negative")]
    Negative,
    #[error("too large")]
    TooLarge,
    #[error("not a discount")]
    NotADiscount,
}

/// Rates are capped at 1000% — far above any legal consumer rate, low enough to keep maths exact.
const MAX_PERCENT: i64 = 1000;

impl Rate {
    pub const ZERO: Rate = Rate(Decimal::ZERO);

    /// A rate from its fraction (0.006 for 0.6%).
    pub(crate) fn from_fraction(fraction: Decimal) -> Rate {
        Rate(fraction.normalize())
    }

    /// A rate from its percent value (0.6 for 0.6%).
    pub fn from_percent(percent: Decimal) -> Rate {
        Rate((percent / Decimal::ONE_HUNDRED).normalize())
    }

    /// The fraction (0.006 for 0.6%).
    pub fn fraction(self) -> Decimal {
        self.0
    }

    /// The percent value (0.6 for 0.6%).
    pub fn percent(self) -> Decimal {
        (self.0 * Decimal::ONE_HUNDRED).normalize()
    }

    pub(crate) fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The percent value with exactly four decimals, as every `*_percent` JSON field shows it
    /// (`0.6000` for 0.6%).
    pub(crate) fn percent4(self) -> String {
        percent4(self.percent())
    }

    /// Parses `0.6%`, `0.6` (read as percent too), full-width `０．６％`.
    pub fn parse(text: &str) -> Result<Rate, RateError> {
        let trimmed = text.trim();
        let without_sign = trimmed
            .strip_suffix('%')
            .or_else(|| trimmed.strip_suffix('％'))
            .unwrap_or(trimmed);
        let normalized = normalize_number(without_sign, &[]).map_err(|e| match e {
            NumberTextError::Empty => RateError::Empty,
            NumberTextError::NotANumber => RateError::NotANumber,
        })?;
        if normalized.len() > 24 {
            return Err(RateError::TooLarge);
        }
        let percent = Decimal::from_str_exact(&normalized).map_err(|_| RateError::TooLarge)?;
        if percent.is_sign_negative() && !percent.is_zero() {
            return Err(RateError::Negative);
        }
        if percent > Decimal::from(MAX_PERCENT) {
            return Err(RateError::TooLarge);
        }
        Ok(Rate::from_percent(percent))
    }

    /// Parses a fee discount as a multiplier on the fee: `80%` (also `８０％`), the coupon
    /// notation `8折` / `8.5折` / `85折`, a bare factor from 0 to 1 (`0.8`), or what is taken
    /// off (`20% off`: the fee × 0.8). A bare number
    /// above 1 (`80`, `8`) could mean either, so it is refused rather than guessed.
    pub(crate) fn parse_discount(text: &str) -> Result<Rate, RateError> {
        let trimmed = text.trim();
        let not_a_discount = |e| match e {
            RateError::NotANumber => RateError::NotADiscount,
            other => other,
        };
        // "20% off" (减免 20%): the fee × 0.8.
        if let Some(off) = strip_off(trimmed) {
            let off = Rate::parse(off).map_err(not_a_discount)?.fraction();
            if !off.is_sign_negative() && off <= Decimal::ONE {
                return Ok(Rate::from_fraction(Decimal::ONE - off));
            }
            return Err(RateError::NotADiscount);
        }
        if trimmed.ends_with(['%', '％']) {
            return Rate::parse(trimmed);
        }
        if let Some(number) = trimmed.strip_suffix('折') {
            let tenths = Rate::parse(number).map_err(not_a_discount)?.percent();
            let factor = if tenths <= Decimal::TEN {
                tenths / Decimal::TEN
            } else if tenths < Decimal::ONE_HUNDRED && tenths.fract().is_zero() {
                tenths / Decimal::ONE_HUNDRED
            } else {
                return Err(RateError::NotADiscount);
            };
            return Ok(Rate::from_fraction(factor));
        }
        let factor = Rate::parse(trimmed).map_err(not_a_discount)?.percent();
        if factor > Decimal::ONE {
            return Err(RateError::NotADiscount);
        }
        Ok(Rate::from_fraction(factor))
    }

    /// A stable text form for storage: the fraction, normalised (`0.006`).
    pub fn to_storage(self) -> String {
        self.0.to_string()
    }

    /// Reads the storage form written by [`Rate::to_storage`].
    pub fn from_storage(text: &str) -> Option<Rate> {
        Decimal::from_str_exact(text).ok().map(Rate::from_fraction)
    }
}

/// The percent of `text` when it reads "N% off" (any case, spaces optional); `None` otherwise.
fn strip_off(text: &str) -> Option<&str> {
    let cut = text.len().checked_sub(3)?;
    let (number, suffix) = (text.get(..cut)?, text.get(cut..)?);
    let number = number.trim_end();
    (suffix.eq_ignore_ascii_case("off") && number.ends_with(['%', '％'])).then_some(number)
}

impl fmt::Display for Rate {
    /// Shows the percent without trailing zeros: `0.6%`, `15%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{}%", self.percent()))
    }
}

/// Formats a percent value with exactly four decimals, as APR and EAR are shown (`13.0342`).
pub fn percent4(percent: Decimal) -> String {
    let mut rounded =
        percent.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(4);
    rounded.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_percent_text() {
        assert_eq!(Rate::parse("0.6%").unwrap().fraction(), Decimal::new(6, 3));
        assert_eq!(Rate::parse("0.6").unwrap(), Rate::parse("0.6%").unwrap());
        assert_eq!(
            Rate::parse("０．６％").unwrap(),
            Rate::parse("0.6%").unwrap()
        );
        assert_eq!(Rate::parse("80%").unwrap().fraction(), Decimal::new(8, 1));
        assert_eq!(Rate::parse("0.05%").unwrap().to_string(), "0.05%");
        assert_eq!(Rate::parse("15%").unwrap().to_string(), "15%");
    }

    #[test]
    fn rejects_bad_rates() {
        assert_eq!(Rate::parse("abc"), Err(RateError::NotANumber));
        assert_eq!(Rate::parse(""), Err(RateError::Empty));
        assert_eq!(Rate::parse("-1%"), Err(RateError::Negative));
        assert_eq!(Rate::parse("1e2%"), Err(RateError::NotANumber));
        assert_eq!(Rate::parse("5000%"), Err(RateError::TooLarge));
    }

    #[test]
    fn parses_discounts_as_multipliers() {
        let eighty = Rate::parse("80%").unwrap();
        for text in ["80%", "８０％", "8折", "80折", "0.8", "０．８"] {
            assert_eq!(Rate::parse_discount(text), Ok(eighty), "{text}");
        }
        let eighty_five = Rate::parse("85%").unwrap();
        for text in ["8.5折", "85折", "0.85"] {
            assert_eq!(Rate::parse_discount(text), Ok(eighty_five), "{text}");
        }
        for text in ["20% off", "20%off", "20% OFF", "２０％ off"] {
            assert_eq!(Rate::parse_discount(text), Ok(eighty), "{text}");
        }
        assert_eq!(
            Rate::parse_discount("100% off"),
            Ok(Rate::ZERO),
            "the whole fee off"
        );
        for text in ["120% off", "20 off", "x% off", "off"] {
            assert_eq!(
                Rate::parse_discount(text),
                Err(RateError::NotADiscount),
                "{text}"
            );
        }
        assert_eq!(Rate::parse_discount("0"), Ok(Rate::ZERO));
        assert_eq!(Rate::parse_discount("1"), Ok(Rate::parse("100%").unwrap()));
        for text in ["80", "8", "1.5", "8.5.折", "105折", "85.5折", "x折", "abc"] {
            assert_eq!(
                Rate::parse_discount(text),
                Err(RateError::NotADiscount),
                "{text}"
            );
        }
        assert_eq!(Rate::parse_discount("-0.8"), Err(RateError::Negative));
        assert_eq!(Rate::parse_discount(""), Err(RateError::Empty));
    }

    #[test]
    fn storage_round_trips() {
        let r = Rate::parse("0.68%").unwrap();
        assert_eq!(Rate::from_storage(&r.to_storage()), Some(r));
    }

    #[test]
    fn four_decimal_percent() {
        assert_eq!(percent4(Decimal::new(1303421, 5)), "13.0342");
        assert_eq!(percent4(Decimal::ZERO), "0.0000");
        assert_eq!(Rate::parse("0.6%").unwrap().percent4(), "0.6000");
        assert_eq!(Rate::parse("85%").unwrap().percent4(), "85.0000");
        assert_eq!(Rate::parse("0.05%").unwrap().percent4(), "0.0500");
    }
}
