//! Which installments a repayment can pay and how well: the amount index, the date window and
//! the score of each pair (see the rules in the module documentation of `matching`).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};

use super::evidence::PeriodMarker;
use super::{EARLY_DAYS, ExpectedInstallment, LATE_DAYS};
use crate::statement::line::CardLast4;
use crate::statement::provider::Provider;

/// `date` moved by `days` (kept as is at the ends of the calendar).
pub(super) fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(date)
}

/// What a repayment line (or a period's lines together) shows, as scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Shown<'a> {
    pub date: NaiveDate,
    /// The amount without sign, in fen.
    pub cents: i64,
    pub card: Option<CardLast4>,
    pub marker: Option<PeriodMarker>,
    pub providers: &'a [Provider],
    /// The line's key (the first line's, for a period's lines).
    pub key: &'a str,
}

impl<'a> Shown<'a> {
    /// The same, keyless: lines that show the same can pay the same installments.
    pub fn keyless(self) -> Shown<'a> {
        Shown { key: "", ..self }
    }
}

/// An installment's amounts in fen, its date window and its provider, worked out once.
struct InstallmentFacts {
    due: i64,
    most: i64,
    from: NaiveDate,
    until: NaiveDate,
    provider: Option<Provider>,
}

impl InstallmentFacts {
    fn of(installment: &ExpectedInstallment) -> InstallmentFacts {
        let due = installment.amount_due.cents();
        let penalty = installment.penalty.cents().max(0);
        let last = installment
            .retry_on
            .map_or(installment.due_on, |retry| retry.max(installment.due_on));
        InstallmentFacts {
            due,
            most: due.saturating_add(penalty),
            from: shift(installment.due_on, -EARLY_DAYS),
            until: shift(last, LATE_DAYS),
            provider: Provider::of_name(&installment.provider),
        }
    }

    /// Has a penalty or a retry date: looked up by an amount range, not the exact amount.
    fn wide(&self, installment: &ExpectedInstallment) -> bool {
        self.most > self.due || installment.retry_on.is_some()
    }
}

/// Scores repayments against a list of installments, finding candidates by amount: exact amounts
/// due in a hash (each bucket by due date), installments with a penalty or retry date in an
/// ordered map.
pub(super) struct Scorer<'a> {
    expected: &'a [ExpectedInstallment],
    facts: Vec<InstallmentFacts>,
    exact: HashMap<i64, Vec<(NaiveDate, usize)>>,
    wide: BTreeMap<i64, Vec<usize>>,
    widest: i64,
    /// The providers the statement's format shows.
    issuers: Vec<Provider>,
    /// Installments by the reference of their recorded payment.
    by_reference: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Scorer<'a> {
    pub fn new(expected: &'a [ExpectedInstallment], issuers: Vec<Provider>) -> Scorer<'a> {
        let facts: Vec<InstallmentFacts> = expected.iter().map(InstallmentFacts::of).collect();
        let mut exact: HashMap<i64, Vec<(NaiveDate, usize)>> = HashMap::new();
        let mut wide: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        let mut widest = 0;
        for (i, (f, installment)) in facts.iter().zip(expected).enumerate() {
            if f.wide(installment) {
                wide.entry(f.due).or_default().push(i);
                widest = widest.max(f.most - f.due);
            } else {
                exact
                    .entry(f.due)
                    .or_default()
                    .push((installment.due_on, i));
            }
        }
        for bucket in exact.values_mut() {
            bucket.sort();
        }
        let mut by_reference: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, installment) in expected.iter().enumerate() {
            if let Some(reference) = installment.reference.as_deref() {
                by_reference.entry(reference).or_default().push(i);
            }
        }
        Scorer {
            expected,
            facts,
            exact,
            wide,
            widest,
            issuers,
            by_reference,
        }
    }

    /// The provider fenqi knows installment `i`'s plan by.
    pub fn provider(&self, i: usize) -> Option<Provider> {
        self.facts[i].provider
    }

    /// Every installment `shown` can pay, best first (ties: earlier installment), with its
    /// score (the key aside: see [`Scorer::referenced`]).
    pub fn payable_sorted(&self, shown: &Shown<'_>) -> Vec<(i64, usize)> {
        let mut found: Vec<(i64, usize)> = self.payable(shown).collect();
        found.sort_by_key(|&(score, i)| (Reverse(score), i));
        found
    }

    /// The installment whose recorded payment carries `shown`'s key, when `shown` can pay it,
    /// with its score + 1000 (so that reading a file again matches as before).
    pub fn referenced(&self, shown: &Shown<'_>) -> Option<(i64, usize)> {
        self.by_reference
            .get(shown.key)?
            .iter()
            .find_map(|&i| self.score(shown, i).map(|score| (score + 1000, i)))
    }

    /// The best installment `shown` can pay that no line has yet (`taken[i]` is `None`).
    pub fn best_free(&self, shown: &Shown<'_>, taken: &[Option<usize>]) -> Option<usize> {
        self.payable(shown)
            .filter(|&(_, i)| taken[i].is_none())
            .min_by_key(|&(score, i)| (Reverse(score), i))
            .map(|(_, i)| i)
    }

    /// Every installment `shown` can pay, with its score, in no particular order.
    fn payable<'s>(&'s self, shown: &'s Shown<'_>) -> impl Iterator<Item = (i64, usize)> + 's {
        let earliest_due = shift(shown.date, -LATE_DAYS);
        let latest_due = shift(shown.date, EARLY_DAYS);
        let exact = self.exact.get(&shown.cents).map_or(&[][..], |bucket| {
            let start = bucket.partition_point(|(due, _)| *due < earliest_due);
            let end = bucket.partition_point(|(due, _)| *due <= latest_due);
            &bucket[start..end.max(start)]
        });
        let wide = self
            .wide
            .range(shown.cents.saturating_sub(self.widest)..=shown.cents)
            .flat_map(|(_, ids)| ids.iter().copied());
        exact
            .iter()
            .map(|&(_, i)| i)
            .chain(wide)
            .filter_map(|i| self.score(shown, i).map(|score| (score, i)))
    }

    /// The score of `shown` paying installment `i`, `None` when it cannot.
    fn score(&self, shown: &Shown<'_>, i: usize) -> Option<i64> {
        let (installment, facts) = (&self.expected[i], &self.facts[i]);
        if shown.cents < facts.due || shown.cents > facts.most {
            return None;
        }
        if shown.date < facts.from || shown.date > facts.until {
            return None;
        }
        let mut score = if shown.cents == facts.due { 40 } else { 20 };
        if let (Some(a), Some(b)) = (shown.card, installment.card_last4) {
            score += if a == b { 30 } else { -30 };
        }
        if let Some(marker) = shown.marker {
            if let Some(k) = marker.period {
                if k != installment.period {
                    return None;
                }
                score += 30;
            }
            if let Some(n) = marker.of {
                if n != installment.periods {
                    return None;
                }
                score += 20;
            }
        }
        match facts.provider {
            Some(p) if shown.providers.contains(&p) => score += 30,
            Some(_) if !shown.providers.is_empty() => return None,
            Some(p) if self.issuers.contains(&p) => score += 10,
            _ => {}
        }
        let days = |d: NaiveDate| (shown.date - d).num_days().abs();
        let distance = installment.retry_on.map_or(days(installment.due_on), |r| {
            days(r).min(days(installment.due_on))
        });
        Some(score - distance)
    }
}
