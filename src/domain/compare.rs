//! Offers side by side for one purchase: offer specs (`huabei:6,12`, `custom:periods=12,…`),
//! and each option's typical payment, totals, APR and rank (cheapest first).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::money::Money;
use super::presets::{Preset, PresetError};
use super::schedule::Installment;
use super::summary::{PlanQuote, QuoteError, quote_plan};
use super::terms::MAX_PERIODS;
use super::terms_input::{FieldError, TermField, TermsText, parse_count};

/// The word that starts an offer with no preset.
pub(crate) const CUSTOM: &str = "custom";

/// One `--offer`: a preset (or none) with period counts and terms of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OfferSpec {
    /// The preset's id; `None` for `custom:`.
    pub preset: Option<String>,
    /// The period counts asked for (`huabei:6,12`); empty: every count the preset has.
    pub periods: Vec<u32>,
    /// The terms written as `KEY=VALUE` (flag names), in order.
    pub terms: Vec<(TermField, String)>,
}

/// Why an offer spec cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SpecError {
    /// Nothing, or nothing before the `:`.
    Empty,
    /// Not a terms flag's name (or one an offer cannot set: the principal, which is the
    /// purchase's).
    UnknownKey(String),
    /// A period count that is not a whole number from 1 to 360.
    BadCount(String),
    /// `custom:` without `periods=N`.
    CustomNeedsPeriods,
    /// The same key twice.
    Duplicate(TermField),
}

impl OfferSpec {
    /// Reads `PRESET[:N,N,…][,KEY=VALUE,…]` or `custom:KEY=VALUE,…`. Items are separated by
    /// commas; an item without `=` after a `KEY=VALUE` continues its value, so
    /// `fee-free-periods=1,2,3` keeps its commas.
    pub(crate) fn parse(text: &str) -> Result<OfferSpec, SpecError> {
        let text = text.trim();
        let (head, rest) = text.split_once([':', '：']).unwrap_or((text, ""));
        let head = head.trim();
        if head.is_empty() {
            return Err(SpecError::Empty);
        }
        let custom = head.eq_ignore_ascii_case(CUSTOM);
        let mut periods = Vec::new();
        let mut pairs: Vec<(String, String)> = Vec::new();
        for item in rest.split([',', '，']).filter(|i| !i.trim().is_empty()) {
            match item.split_once('=') {
                Some((key, value)) => pairs.push((key.trim().to_string(), value.trim().into())),
                None => match pairs.last_mut() {
                    Some((_, value)) => {
                        value.push(',');
                        value.push_str(item.trim());
                    }
                    None => periods.push(
                        parse_count(item, 1..=MAX_PERIODS)
                            .map_err(|_| SpecError::BadCount(item.trim().to_string()))?,
                    ),
                },
            }
        }
        let mut terms: Vec<(TermField, String)> = Vec::new();
        for (key, value) in pairs {
            let field = TermField::from_key(&key)
                .filter(|f| *f != TermField::Principal)
                .ok_or(SpecError::UnknownKey(key))?;
            if terms.iter().any(|(f, _)| *f == field) {
                return Err(SpecError::Duplicate(field));
            }
            terms.push((field, value));
        }
        if custom && (!periods.is_empty() || !terms.iter().any(|(f, _)| *f == TermField::Periods)) {
            return Err(match periods.first() {
                Some(n) => SpecError::BadCount(n.to_string()),
                None => SpecError::CustomNeedsPeriods,
            });
        }
        periods.dedup();
        Ok(OfferSpec {
            preset: (!custom).then(|| head.to_string()),
            periods,
            terms,
        })
    }

    /// The typed text of one option: the principal (and start) of the purchase, this spec's
    /// terms, and `periods` when the spec did not set them itself.
    pub(crate) fn typed(&self, purchase: &TermsText, periods: Option<u32>) -> TermsText {
        let mut text = purchase.clone();
        if let Some(n) = periods {
            text.set(TermField::Periods, n.to_string());
        }
        for (field, value) in &self.terms {
            text.set(*field, value.as_str());
        }
        text
    }

    /// The option's name in a comparison: `huabei:12`, with its own terms after it.
    pub(crate) fn option(&self, periods: Option<u32>) -> String {
        let mut parts = Vec::new();
        if let Some(n) = periods {
            parts.push(n.to_string());
        }
        parts.extend(
            self.terms
                .iter()
                .map(|(field, value)| format!("{}={value}", field.key())),
        );
        format!(
            "{}:{}",
            self.preset.as_deref().unwrap_or(CUSTOM),
            parts.join(",")
        )
    }
}

/// One option of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferRow {
    pub option: String,
    /// The preset's id; `None` for a custom offer.
    pub preset: Option<String>,
    pub periods: u32,
    /// The amount most periods ask for (the earliest of equally common ones).
    pub per_period: Money,
    pub total_fee: Money,
    pub total_repayment: Money,
    pub apr_percent: Decimal,
    pub ear_percent: Decimal,
    pub first_due: NaiveDate,
    /// 1 for the lowest APR (to four decimals); equal APRs share a rank.
    pub rank: u32,
}

/// The amount most periods ask for; of equally common amounts, the earliest period's (so an
/// equal-principal plan shows its first, largest, payment).
pub(crate) fn typical_amount(schedule: &[Installment]) -> Money {
    let mut best: Option<(usize, Money)> = None;
    for installment in schedule {
        let count = schedule
            .iter()
            .filter(|i| i.amount == installment.amount)
            .count();
        if best.is_none_or(|(most, _)| count > most) {
            best = Some((count, installment.amount));
        }
    }
    best.map_or(Money::ZERO, |(_, amount)| amount)
}

impl OfferRow {
    /// The row of a quoted option (ranked later by [`rank`]).
    pub(crate) fn new(
        option: String,
        preset: Option<String>,
        periods: u32,
        quote: &PlanQuote,
    ) -> Self {
        OfferRow {
            option,
            preset,
            periods,
            per_period: typical_amount(&quote.schedule),
            total_fee: quote.total_fee,
            total_repayment: quote.total_repayment,
            apr_percent: quote.cost.apr_percent,
            ear_percent: quote.cost.ear_percent,
            first_due: quote
                .schedule
                .first()
                .map_or(NaiveDate::MIN, |i| i.due_date),
            rank: 0,
        }
    }
}

/// Why one option of an offer cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OfferError {
    /// The preset has no rate for the count, or needs a field the offer does not give.
    Preset(PresetError),
    /// The terms do not parse: every field's error.
    Terms(Vec<FieldError>),
    /// The terms make no schedule or APR.
    Quote(QuoteError),
}

/// Quotes every option of `spec` for the purchase (`purchase`: its principal and start): each
/// period count it asks for, else each its preset has; `preset` is the spec's preset, found by
/// the caller. A refused option comes back with its name.
pub(crate) fn quote_offer(
    spec: &OfferSpec,
    preset: Option<&Preset>,
    purchase: &TermsText,
    today: NaiveDate,
) -> Result<Vec<OfferRow>, (String, OfferError)> {
    let counts: Vec<Option<u32>> = if spec.terms.iter().any(|(f, _)| *f == TermField::Periods) {
        vec![None]
    } else if !spec.periods.is_empty() {
        spec.periods.iter().copied().map(Some).collect()
    } else {
        preset.map_or_else(Vec::new, |p| p.periods().into_iter().map(Some).collect())
    };
    let mut rows = Vec::new();
    for count in counts {
        let option = spec.option(count);
        let typed = spec.typed(purchase, count);
        let text = match preset {
            Some(preset) => match preset.fill(&typed, today) {
                Ok(filled) => filled.text,
                Err(e) => return Err((option, OfferError::Preset(e))),
            },
            None => typed,
        };
        let terms = text
            .parse(today)
            .map_err(|e| (option.clone(), OfferError::Terms(e)))?;
        let quote = quote_plan(&terms).map_err(|e| (option.clone(), OfferError::Quote(e)))?;
        rows.push(OfferRow::new(
            option,
            spec.preset.clone(),
            terms.periods,
            &quote,
        ));
    }
    Ok(rows)
}

/// Ranks the rows by APR to four decimals, cheapest first (equal APRs share a rank, the next
/// rank skipping as many), and orders them so; rows of equal APR keep their order.
pub(crate) fn rank(rows: &mut [OfferRow]) {
    let key = |row: &OfferRow| row.apr_percent.round_dp(4);
    rows.sort_by_key(key);
    let mut previous: Option<(Decimal, u32)> = None;
    for (place, row) in (1u32..).zip(rows.iter_mut()) {
        let apr = key(row);
        row.rank = match previous {
            Some((last, rank)) if last == apr => rank,
            _ => place,
        };
        previous = Some((apr, row.rank));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_preset_and_custom_specs() {
        let spec = OfferSpec::parse("huabei:6,12").unwrap();
        assert_eq!(spec.preset.as_deref(), Some("huabei"));
        assert_eq!(spec.periods, vec![6, 12]);
        assert!(spec.terms.is_empty());
        assert_eq!(
            OfferSpec::parse("huabei").unwrap().periods,
            Vec::<u32>::new()
        );
        let custom =
            OfferSpec::parse("custom:periods=12,monthly-fee=0.6%,fee-free-periods=1,2,3").unwrap();
        assert_eq!(custom.preset, None);
        assert_eq!(
            custom.terms,
            vec![
                (TermField::Periods, "12".to_string()),
                (TermField::MonthlyFee, "0.6%".to_string()),
                (TermField::FeeFreePeriods, "1,2,3".to_string()),
            ]
        );
        assert_eq!(
            custom.option(None),
            "custom:periods=12,monthly-fee=0.6%,fee-free-periods=1,2,3"
        );
        let with_terms = OfferSpec::parse("card:12,24,fee-discount=8折").unwrap();
        assert_eq!(with_terms.periods, vec![12, 24]);
        assert_eq!(with_terms.option(Some(12)), "card:12,fee-discount=8折");
    }

    #[test]
    fn refuses_bad_specs() {
        assert_eq!(OfferSpec::parse(""), Err(SpecError::Empty));
        assert_eq!(OfferSpec::parse(":12"), Err(SpecError::Empty));
        assert_eq!(
            OfferSpec::parse("huabei:0"),
            Err(SpecError::BadCount("0".into()))
        );
        assert_eq!(
            OfferSpec::parse("custom:monthly-fee=1%"),
            Err(SpecError::CustomNeedsPeriods)
        );
        assert_eq!(
            OfferSpec::parse("custom:periods=3,rate=1%"),
            Err(SpecError::UnknownKey("rate".into()))
        );
        assert_eq!(
            OfferSpec::parse("custom:periods=3,principal=5"),
            Err(SpecError::UnknownKey("principal".into()))
        );
        assert_eq!(
            OfferSpec::parse("custom:periods=3,periods=4"),
            Err(SpecError::Duplicate(TermField::Periods))
        );
    }

    fn row(option: &str, apr: &str) -> OfferRow {
        OfferRow {
            option: option.into(),
            preset: None,
            periods: 12,
            per_period: Money::ZERO,
            total_fee: Money::ZERO,
            total_repayment: Money::ZERO,
            apr_percent: apr.parse().unwrap(),
            ear_percent: Decimal::ZERO,
            first_due: NaiveDate::MIN,
            rank: 0,
        }
    }

    #[test]
    fn ranks_by_apr_with_ties_sharing_a_rank() {
        let mut rows = vec![
            row("a", "16.0"),
            row("b", "13.03424"),
            row("c", "13.03421"),
            row("d", "9"),
        ];
        rank(&mut rows);
        let ranked: Vec<(&str, u32)> = rows.iter().map(|r| (r.option.as_str(), r.rank)).collect();
        assert_eq!(ranked, vec![("d", 1), ("b", 2), ("c", 2), ("a", 4)]);
    }

    #[test]
    fn the_typical_amount_is_the_most_common_one() {
        let at = |period: u32, amount: &str| Installment {
            period,
            due_date: NaiveDate::MIN,
            amount: Money::parse(amount).unwrap(),
            principal: Money::ZERO,
            fee: Money::ZERO,
            remaining_principal: Money::ZERO,
        };
        // An upfront fee: period 1 is larger, the others alike.
        let upfront = [at(1, "932.00"), at(2, "500.00"), at(3, "500.00")];
        assert_eq!(typical_amount(&upfront).to_string(), "500.00");
        // Equal principal: all differ, the first shows.
        let falling = [at(1, "1100.00"), at(2, "1050.00"), at(3, "1025.00")];
        assert_eq!(typical_amount(&falling).to_string(), "1100.00");
    }
}
