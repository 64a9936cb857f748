//! Matching a statement's lines to the installments fenqi expects: matched, missing, duplicates,
//! unexpected lines and purchases that no plan tracks. Pure: the caller passes the installments
//! and plans in, and writes nothing until it applies the result.
//!
//! # Rules
//!
//! A line is a **repayment** when it is money out or neutral, went through, is in CNY, is not a
//! purchase on credit, and says so: a repayment word (还款, 代扣, 扣款, 分期, 借还, 月供,
//! repayment, installment), a period marker (`3/12期`, `第3期`, `共12期`) or a lender's name
//! ([`Provider`]: 花呗 / 蚂蚁花呗, 京东白条, 小米分期, the banks…) in its text, category or note.
//!
//! A repayment line **can pay** an installment when all of these hold:
//! - amount: what was due ≤ the line's amount ≤ what was due + the penalty so far;
//! - date: from [`EARLY_DAYS`] before the due date to [`LATE_DAYS`] after the due date (or
//!   after the retry date of a failed debit, when later);
//! - the period marker, if the line has one, names this period (k) and count (N);
//! - the lenders the line names, if any, include the plan's provider (when fenqi knows it).
//!
//! Each pair is scored: +40 for the exact amount (+20 within the penalty), +30 when the line's
//! card is the plan's (−30 when it is another card), +30 for a matching k and +20 for a matching
//! N, +30 when the line names the plan's provider (+10 when only the statement's issuer is the
//! provider), +1000 when the installment's recorded payment already carries this line's key (so
//! reading a file again matches as before), −1 per day from the due (or retry) date. A line
//! keeps its 8 best installments.
//!
//! **Assignment**: pairs are taken best score first (ties: earlier line, then earlier
//! installment), each line and each installment at most once; then a line left without one
//! takes an installment from a line that has another free installment to move to. A line left
//! over whose installments are all taken is a **duplicate** of its best one (a double debit);
//! a repayment line with no installment at all is **unexpected**.
//!
//! A matched installment already paid (assumed by auto-debit, recorded, or confirmed) gets
//! [`Action::Confirm`]; an open or failed one gets [`Action::Record`] (the line's key is the
//! reference to record it with).
//!
//! An unmatched installment is **missing** (a likely failed debit) when it is open, assumed or
//! failed, due inside the statement's dates, and on a card the statement covers: its card is
//! one of the statement's cards (the `--card` given, a bank export's card column), or — when it
//! has no card, or the statement names no cards — its provider is one the statement's format
//! shows (花呗 and 借呗 in 支付宝, 白条 and 金条 in 京东, 微粒贷 in 微信支付, the bank's own in
//! its export).
//!
//! A **suggested plan** is a purchase paid with 花呗, 白条 or an installment method (not fully
//! refunded) that no plan covers: no plan of a compatible provider whose principal is the
//! purchase's amount less refunds and that starts from 3 days before to 31 days after it.
//!
//! Work: each line looks installments up by amount (a hash of exact amounts due, searched by
//! due date; installments with a penalty or retry date in an ordered map by amount), so 10,000
//! lines against 12,000 installments cost milliseconds, not their product.

pub mod evidence;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};

use self::evidence::LineEvidence;
use super::Statement;
use super::line::CardLast4;
use super::provider::Provider;
use crate::domain::Money;

/// Days before the due date a repayment may be made.
pub const EARLY_DAYS: i64 = 7;

/// Days after the due date (or the retry date) a repayment may be made.
pub const LATE_DAYS: i64 = 14;

/// Installments one line keeps as candidates.
const CANDIDATES_PER_LINE: usize = 8;

/// What fenqi knows of an installment's payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentState {
    /// Nothing recorded (not yet due, or due and unpaid).
    Open,
    /// A failed debit was recorded.
    Failed,
    /// Counted as paid by auto-debit, unconfirmed.
    Assumed,
    /// A payment recorded by hand, unconfirmed.
    Recorded,
    /// Confirmed paid.
    Confirmed,
}

/// An installment the statement may show, as the caller knows it. Pass every installment due
/// near the statement's dates, whatever its state (confirmed ones let a second reading of the
/// same file match as the first did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedInstallment {
    pub plan_id: i64,
    /// k (1-based).
    pub period: u32,
    /// N: the plan's period count.
    pub periods: u32,
    /// The plan's provider as the user named it.
    pub provider: String,
    /// The card it is paid from.
    pub card_last4: Option<CardLast4>,
    pub due_on: NaiveDate,
    /// The retry date of a failed debit.
    pub retry_on: Option<NaiveDate>,
    /// What the debit takes: the period's amount still due.
    pub amount_due: Money,
    /// Penalty (and late fees) owed so far.
    pub penalty: Money,
    pub state: PaymentState,
    /// The reference of the payment recorded for it (a line key when it came from a statement).
    pub reference: Option<String>,
}

/// A plan as far as suggestions need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownPlan {
    pub plan_id: i64,
    pub provider: String,
    pub principal: Money,
    pub start: NaiveDate,
}

/// What the caller knows about the statement beyond its lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchOptions {
    /// The cards the statement is for (`--card`).
    pub cards: Vec<CardLast4>,
}

/// What to do with a matched installment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Confirm the assumed or recorded payment.
    Confirm,
    /// Record the repayment, with the line's key as its reference.
    Record,
}

impl Action {
    /// `confirm` / `record`, as JSON says.
    pub fn code(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Record => "record",
        }
    }
}

/// A line matched to an installment (indexes into the statement's lines and the installments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched {
    pub line: usize,
    pub installment: usize,
    pub action: Action,
    /// The installment was confirmed already: applying changes nothing.
    pub already_confirmed: bool,
}

/// An installment with no line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    pub installment: usize,
}

/// A second line for an installment another line matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    pub line: usize,
    pub installment: usize,
    pub matched_line: usize,
}

/// A repayment line no installment explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unexpected {
    pub line: usize,
}

/// A purchase on credit no plan covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestedPlan {
    pub line: usize,
    pub provider: Option<Provider>,
    /// The period count the line names.
    pub periods: Option<u32>,
    /// The purchase's amount less refunds.
    pub principal: Money,
}

/// The result of matching a statement, each list in line (or due date) order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    pub matched: Vec<Matched>,
    pub missing: Vec<Missing>,
    pub duplicates: Vec<Duplicate>,
    pub unexpected: Vec<Unexpected>,
    pub suggested_plans: Vec<SuggestedPlan>,
}

/// Matches `statement` against `expected` installments (see the module documentation).
pub fn reconcile(
    statement: &Statement,
    expected: &[ExpectedInstallment],
    plans: &[KnownPlan],
    options: &MatchOptions,
) -> Reconciliation {
    let evidence: Vec<LineEvidence> = statement.lines.iter().map(LineEvidence::of).collect();
    let facts: Vec<InstallmentFacts> = expected.iter().map(InstallmentFacts::of).collect();
    let issuers = statement.format.providers();
    let index = AmountIndex::new(&facts);
    let candidates: Vec<Vec<(i64, usize)>> = statement
        .lines
        .iter()
        .zip(&evidence)
        .map(|(line, ev)| {
            if !ev.repayment {
                return Vec::new();
            }
            let pair = Pair {
                line,
                evidence: ev,
                issuers: &issuers,
            };
            let mut found: Vec<(i64, usize)> = index
                .lookup(ev.cents, line.date)
                .filter_map(|i| pair.score(&expected[i], &facts[i]).map(|s| (s, i)))
                .collect();
            found.sort_by_key(|&(score, i)| (Reverse(score), i));
            found.truncate(CANDIDATES_PER_LINE);
            found
        })
        .collect();
    let assignment = assign(&candidates, expected.len());

    let mut result = Reconciliation::default();
    for (line, owned) in assignment.of_line.iter().enumerate() {
        match (owned, candidates[line].first()) {
            (Some(installment), _) => {
                let state = expected[*installment].state;
                result.matched.push(Matched {
                    line,
                    installment: *installment,
                    action: match state {
                        PaymentState::Open | PaymentState::Failed => Action::Record,
                        _ => Action::Confirm,
                    },
                    already_confirmed: state == PaymentState::Confirmed,
                });
            }
            (None, Some(&(_, best))) => {
                if let Some(matched_line) = assignment.of_installment[best] {
                    result.duplicates.push(Duplicate {
                        line,
                        installment: best,
                        matched_line,
                    });
                }
            }
            (None, None) if evidence[line].repayment => result.unexpected.push(Unexpected { line }),
            (None, None) => {}
        }
    }
    result.missing = missing(
        statement,
        expected,
        &facts,
        &assignment.of_installment,
        options,
    );
    result.suggested_plans = suggestions(&evidence, statement, plans);
    result
}

/// `date` moved by `days` (kept as is at the ends of the calendar).
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(date)
}

/// An installment's amounts in fen, its date window and its provider, worked out once.
struct InstallmentFacts {
    due_on: NaiveDate,
    due: i64,
    most: i64,
    from: NaiveDate,
    until: NaiveDate,
    provider: Option<Provider>,
    /// Has a penalty or a retry date (looked up by amount range, not exact amount).
    wide: bool,
}

impl InstallmentFacts {
    fn of(installment: &ExpectedInstallment) -> InstallmentFacts {
        let due = installment.amount_due.cents();
        let penalty = installment.penalty.cents().max(0);
        let last = installment
            .retry_on
            .map_or(installment.due_on, |retry| retry.max(installment.due_on));
        InstallmentFacts {
            due_on: installment.due_on,
            due,
            most: due.saturating_add(penalty),
            from: shift(installment.due_on, -EARLY_DAYS),
            until: shift(last, LATE_DAYS),
            provider: Provider::of_name(&installment.provider),
            wide: penalty > 0 || installment.retry_on.is_some(),
        }
    }
}

/// Installments by amount: exact amounts due in a hash (each bucket by due date), the ones
/// with a penalty or retry date in an ordered map.
struct AmountIndex {
    exact: HashMap<i64, Vec<(NaiveDate, usize)>>,
    wide: BTreeMap<i64, Vec<usize>>,
    widest: i64,
}

impl AmountIndex {
    fn new(facts: &[InstallmentFacts]) -> AmountIndex {
        let mut exact: HashMap<i64, Vec<(NaiveDate, usize)>> = HashMap::new();
        let mut wide: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        let mut widest = 0;
        for (i, f) in facts.iter().enumerate() {
            if f.wide {
                wide.entry(f.due).or_default().push(i);
                widest = widest.max(f.most - f.due);
            } else {
                exact.entry(f.due).or_default().push((f.due_on, i));
            }
        }
        for bucket in exact.values_mut() {
            bucket.sort();
        }
        AmountIndex {
            exact,
            wide,
            widest,
        }
    }

    /// The installments a line of `cents` on `date` may pay, by amount and (for exact ones)
    /// due date; the caller checks each.
    fn lookup(&self, cents: i64, date: NaiveDate) -> impl Iterator<Item = usize> + '_ {
        let earliest_due = shift(date, -LATE_DAYS);
        let latest_due = shift(date, EARLY_DAYS);
        let exact = self.exact.get(&cents).map_or(&[][..], |bucket| {
            let start = bucket.partition_point(|(due, _)| *due < earliest_due);
            let end = bucket.partition_point(|(due, _)| *due <= latest_due);
            &bucket[start..end.max(start)]
        });
        let wide = self
            .wide
            .range(cents.saturating_sub(self.widest)..=cents)
            .flat_map(|(_, ids)| ids.iter().copied());
        exact.iter().map(|(_, i)| *i).chain(wide)
    }
}

/// A line and what it says, scored against installments.
struct Pair<'a> {
    line: &'a super::StatementLine,
    evidence: &'a LineEvidence,
    issuers: &'a [Provider],
}

impl Pair<'_> {
    /// The pair's score, `None` when the line cannot pay the installment.
    fn score(&self, installment: &ExpectedInstallment, facts: &InstallmentFacts) -> Option<i64> {
        let (line, ev) = (self.line, self.evidence);
        if ev.cents < facts.due || ev.cents > facts.most {
            return None;
        }
        if line.date < facts.from || line.date > facts.until {
            return None;
        }
        let mut score = if ev.cents == facts.due { 40 } else { 20 };
        if let (Some(a), Some(b)) = (line.card_last4, installment.card_last4) {
            score += if a == b { 30 } else { -30 };
        }
        if let Some(marker) = ev.marker {
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
            Some(p) if ev.providers.contains(&p) => score += 30,
            Some(_) if !ev.providers.is_empty() => return None,
            Some(p) if self.issuers.contains(&p) => score += 10,
            _ => {}
        }
        if installment.reference.as_deref() == Some(line.key.as_str()) {
            score += 1000;
        }
        let days = |d: NaiveDate| (line.date - d).num_days().abs();
        let distance = installment.retry_on.map_or(days(installment.due_on), |r| {
            days(r).min(days(installment.due_on))
        });
        Some(score - distance)
    }
}

/// Which installment each line got, and which line each installment got.
struct Assignment {
    of_line: Vec<Option<usize>>,
    of_installment: Vec<Option<usize>>,
}

/// Best pairs first, each line and installment once; then one step of moving a matched line to
/// another free installment so that a line left without one gets its installment.
fn assign(candidates: &[Vec<(i64, usize)>], installments: usize) -> Assignment {
    let mut pairs: Vec<(i64, usize, usize)> = candidates
        .iter()
        .enumerate()
        .flat_map(|(line, list)| list.iter().map(move |&(score, i)| (score, line, i)))
        .collect();
    pairs.sort_by_key(|&(score, line, i)| (Reverse(score), line, i));
    let mut a = Assignment {
        of_line: vec![None; candidates.len()],
        of_installment: vec![None; installments],
    };
    for (_, line, i) in pairs {
        if a.of_line[line].is_none() && a.of_installment[i].is_none() {
            a.of_line[line] = Some(i);
            a.of_installment[i] = Some(line);
        }
    }
    for line in 0..candidates.len() {
        if a.of_line[line].is_some() {
            continue;
        }
        for &(_, wanted) in &candidates[line] {
            let Some(holder) = a.of_installment[wanted] else {
                continue;
            };
            let free = candidates[holder]
                .iter()
                .map(|&(_, i)| i)
                .find(|&i| i != wanted && a.of_installment[i].is_none());
            if let Some(other) = free {
                a.of_line[holder] = Some(other);
                a.of_installment[other] = Some(holder);
                a.of_line[line] = Some(wanted);
                a.of_installment[wanted] = Some(line);
                break;
            }
        }
    }
    a
}

/// The unmatched installments the statement should have shown (see the module documentation),
/// by due date, plan and period.
fn missing(
    statement: &Statement,
    expected: &[ExpectedInstallment],
    facts: &[InstallmentFacts],
    taken: &[Option<usize>],
    options: &MatchOptions,
) -> Vec<Missing> {
    let Some((first, last)) = statement.date_range() else {
        return Vec::new();
    };
    let cards: BTreeSet<CardLast4> = statement
        .cards()
        .into_iter()
        .chain(options.cards.iter().copied())
        .collect();
    let issuers = statement.format.providers();
    let covers = |installment: &ExpectedInstallment, facts: &InstallmentFacts| match installment
        .card_last4
    {
        Some(card) if cards.contains(&card) => true,
        Some(_) if !cards.is_empty() => false,
        _ => facts.provider.is_some_and(|p| issuers.contains(&p)),
    };
    let mut found: Vec<usize> = (0..expected.len())
        .filter(|&i| {
            let installment = &expected[i];
            taken[i].is_none()
                && matches!(
                    installment.state,
                    PaymentState::Open | PaymentState::Assumed | PaymentState::Failed
                )
                && (first..=last).contains(&installment.due_on)
                && covers(installment, &facts[i])
        })
        .collect();
    found.sort_by_key(|&i| (expected[i].due_on, expected[i].plan_id, expected[i].period));
    found
        .into_iter()
        .map(|installment| Missing { installment })
        .collect()
}

/// Purchases on credit no plan covers (see the module documentation).
fn suggestions(
    evidence: &[LineEvidence],
    statement: &Statement,
    plans: &[KnownPlan],
) -> Vec<SuggestedPlan> {
    let mut by_principal: HashMap<i64, Vec<(NaiveDate, Option<Provider>)>> = HashMap::new();
    for plan in plans {
        by_principal
            .entry(plan.principal.cents())
            .or_default()
            .push((plan.start, Provider::of_name(&plan.provider)));
    }
    evidence
        .iter()
        .enumerate()
        .filter_map(|(line, ev)| {
            let purchase = ev.purchase?;
            let date = statement.lines[line].date;
            let compatible = |p: Option<Provider>| {
                p.is_none() || purchase.provider.is_none() || p == purchase.provider
            };
            let covered = by_principal
                .get(&purchase.net.cents())
                .is_some_and(|starts| {
                    starts.iter().any(|&(start, provider)| {
                        start >= shift(date, -3) && start <= shift(date, 31) && compatible(provider)
                    })
                });
            (!covered).then_some(SuggestedPlan {
                line,
                provider: purchase.provider,
                periods: purchase.periods,
                principal: purchase.net,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
