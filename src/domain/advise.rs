//! How to spend a sum on early repayment to save the most, under each plan's own payoff policy.
//!
//! Full payoffs are whole choices (a 0/1 knapsack): every combination is searched, depth first
//! with a bound (the fractional knapsack of what is undecided: each plan at the better of its
//! payoff's and its prepayment's saving per yuan, a plan left out by its prepayment alone —
//! never both, so the bound stays close and 50 plans take milliseconds), when there are at most
//! [`EXHAUSTIVE_LIMIT`] plans whose payoff saves anything;
//! beyond that the ones saving the most per yuan are searched and the others only considered
//! by the fill. The cash left is then filled greedily by saving per yuan: partial prepayments of
//! annuity plans (whichever of keep-term and shorten-term saves more, priced at the largest
//! prepayment the plan takes), largest ratio first. Every saving reported comes from the
//! plan's own quote: what keeping the plan still costs less what it costs after the action.

use chrono::NaiveDate;

use super::money::{Money, Overflow};
use super::payoff::{PayoffError, quote};
use super::period_state::PeriodState;
use super::prepay::{PrepayMode, quote_prepayment};
use super::terms::{PayoffPolicy, PlanTerms};

/// Full-payoff candidates searched in every combination (2^20 at most).
pub(crate) const EXHAUSTIVE_LIMIT: usize = 20;

/// One plan as the advisor sees it.
#[derive(Debug, Clone)]
pub struct AdvisePlan {
    pub id: i64,
    pub terms: PlanTerms,
    pub periods: Vec<PeriodState>,
}

/// What to do with one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    Payoff,
    Prepay(PrepayMode),
}

/// One recommended repayment: the cash it takes and what it saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub plan_id: i64,
    pub kind: ActionKind,
    pub amount: Money,
    pub saving: Money,
}

/// Why paying a plan early saves nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoGain {
    /// The policy forbids early repayment.
    NotAllowed,
    /// The policy charges every remaining fee.
    AllFeesDue,
    /// Nothing is charged beyond the principal anyway (interest-free, or fees already paid).
    NothingToSave,
    /// The policy's charge is more than the fees it waives.
    CostsMore,
}

impl NoGain {
    pub(crate) fn code(self) -> &'static str {
        match self {
            NoGain::NotAllowed => "not-allowed",
            NoGain::AllFeesDue => "all-fees-due",
            NoGain::NothingToSave => "nothing-to-save",
            NoGain::CostsMore => "costs-more",
        }
    }
}

/// The advice: actions (payoffs first, then prepayments), their total saving, the cash they
/// take, and the plans where paying early saves nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub actions: Vec<Action>,
    pub total_saving: Money,
    pub spent: Money,
    pub no_gain: Vec<(i64, NoGain)>,
}

/// A full payoff that saves something.
struct Payoff {
    index: usize,
    cost: i64,
    saving: i64,
}

/// A partial prepayment's best mode and its saving per cent spent at its largest size.
#[derive(Clone, Copy)]
struct Prepay {
    index: usize,
    mode: PrepayMode,
    /// The most cash it can take (largest principal plus its charge), in cents.
    max_cost: i64,
    ratio: f64,
}

/// Advises how to spend `cash` on `on`.
pub(crate) fn advise(plans: &[AdvisePlan], cash: Money, on: NaiveDate) -> Result<Advice, Overflow> {
    let mut payoffs = Vec::new();
    let mut prepays = Vec::new();
    let mut no_gain = Vec::new();
    for (index, plan) in plans.iter().enumerate() {
        let q = match quote(&plan.terms, &plan.periods, on) {
            Ok(q) => q,
            Err(PayoffError::NotAllowed) => {
                no_gain.push((plan.id, NoGain::NotAllowed));
                continue;
            }
            Err(PayoffError::NothingOwed) => continue,
            Err(PayoffError::Overflow(o)) => return Err(o),
        };
        if !q.saving.is_positive() {
            let why = match q.policy {
                PayoffPolicy::AllFeesDue => NoGain::AllFeesDue,
                _ if q.saving.is_negative() => NoGain::CostsMore,
                _ => NoGain::NothingToSave,
            };
            no_gain.push((plan.id, why));
            continue;
        }
        payoffs.push(Payoff {
            index,
            cost: q.amount.cents(),
            saving: q.saving.cents(),
        });
        if let Some(p) = best_prepay(plan, index, on)? {
            prepays.push(p);
        }
    }
    prepays.sort_by(|a, b| b.ratio.total_cmp(&a.ratio));
    let cash_cents = cash.cents();
    let chosen = best_payoffs(&payoffs, &prepays, cash_cents);
    let mut actions = Vec::new();
    let mut left = cash_cents;
    let mut paid_off = vec![false; plans.len()];
    for &k in &chosen {
        let p = &payoffs[k];
        paid_off[p.index] = true;
        left -= p.cost;
        actions.push(Action {
            plan_id: plans[p.index].id,
            kind: ActionKind::Payoff,
            amount: Money::from_cents(p.cost),
            saving: Money::from_cents(p.saving),
        });
    }
    for p in prepays.iter().filter(|p| !paid_off[p.index]) {
        if left <= 0 {
            break;
        }
        let spend = left.min(p.max_cost);
        if let Some(action) = exact_prepay(&plans[p.index], p.mode, spend, on)? {
            left -= action.amount.cents();
            actions.push(action);
        }
    }
    let total_saving = Money::try_sum(actions.iter().map(|a| a.saving))?;
    let spent = Money::try_sum(actions.iter().map(|a| a.amount))?;
    Ok(Advice {
        actions,
        total_saving,
        spent,
        no_gain,
    })
}

/// The set of full payoffs (indexes into `payoffs`) that, with the greedy fill of what is
/// left, saves the most.
fn best_payoffs(payoffs: &[Payoff], prepays: &[Prepay], cash: i64) -> Vec<usize> {
    let ratio = |k: usize| payoffs[k].saving as f64 / payoffs[k].cost.max(1) as f64;
    let mut order: Vec<usize> = (0..payoffs.len()).collect();
    order.sort_by(|&a, &b| ratio(b).total_cmp(&ratio(a)));
    let searched = order.len().min(EXHAUSTIVE_LIMIT);
    // The bound's divisible items, best saving per cent first: each plan as its better ratio
    // (paid off or prepaid: it takes at most the larger of the two's cash), and each searched
    // plan's prepayment alone, for when its payoff is left out.
    let prepay_of = |plan: usize| prepays.iter().find(|p| p.index == plan);
    let mut plans: Vec<Item> = order
        .iter()
        .enumerate()
        .map(|(position, &k)| Item {
            cost: prepay_of(payoffs[k].index)
                .map_or(payoffs[k].cost, |p| p.max_cost.max(payoffs[k].cost)),
            ratio: prepay_of(payoffs[k].index).map_or(ratio(k), |p| p.ratio.max(ratio(k))),
            payoff: k,
            searched_at: (position < searched).then_some(position),
        })
        .collect();
    plans.sort_by(|a, b| b.ratio.total_cmp(&a.ratio));
    let mut prepays_alone: Vec<Item> = order[..searched]
        .iter()
        .enumerate()
        .filter_map(|(position, &k)| {
            prepay_of(payoffs[k].index).map(|p| Item {
                cost: p.max_cost,
                ratio: p.ratio,
                payoff: k,
                searched_at: Some(position),
            })
        })
        .collect();
    prepays_alone.sort_by(|a, b| b.ratio.total_cmp(&a.ratio));
    let mut search = Search {
        payoffs,
        prepays,
        order: &order[..searched],
        rest: &order[searched..],
        plans,
        prepays_alone,
        taken: vec![false; payoffs.len()],
        plan_taken: vec![false; payoffs.iter().map(|p| p.index + 1).max().unwrap_or(0)],
        best_value: -1.0,
        best: Vec::new(),
    };
    search.visit(0, cash, 0.0);
    search.best
}

/// A plan (or a plan's prepayment) as the bound sees it: any part of it saves in proportion.
struct Item {
    cost: i64,
    ratio: f64,
    /// The plan's payoff (index into the payoffs).
    payoff: usize,
    /// For a searched payoff, its depth in the search (decided above that depth).
    searched_at: Option<usize>,
}

struct Search<'a> {
    payoffs: &'a [Payoff],
    prepays: &'a [Prepay],
    order: &'a [usize],
    rest: &'a [usize],
    /// Each plan undecided: its better ratio, up to its payoff's cash.
    plans: Vec<Item>,
    /// Each searched plan's prepayment, counted once its payoff is left out.
    prepays_alone: Vec<Item>,
    taken: Vec<bool>,
    /// By plan index: paid off in the combination being visited.
    plan_taken: Vec<bool>,
    best_value: f64,
    best: Vec<usize>,
}

impl Search<'_> {
    fn visit(&mut self, depth: usize, left: i64, value: f64) {
        if value + self.bound(depth, left) <= self.best_value {
            return;
        }
        if depth == self.order.len() {
            let total = value + self.fill_rest(left, None);
            if total > self.best_value {
                self.best_value = total;
                let mut taken = Vec::new();
                self.fill_rest(left, Some(&mut taken));
                self.best = (0..self.payoffs.len())
                    .filter(|&k| self.taken[k])
                    .chain(taken)
                    .collect();
            }
            return;
        }
        let k = self.order[depth];
        let cost = self.payoffs[k].cost;
        if cost <= left {
            let plan = self.payoffs[k].index;
            self.taken[k] = true;
            self.plan_taken[plan] = true;
            let saving = self.payoffs[k].saving as f64;
            self.visit(depth + 1, left - cost, value + saving);
            self.taken[k] = false;
            self.plan_taken[plan] = false;
        }
        self.visit(depth + 1, left, value);
    }

    /// The most the plans not yet decided at `depth` (paid off or prepaid) and the
    /// prepayments of those whose payoff was left out could save with `left` cents, each taken
    /// in part if need be (a fractional knapsack, best ratio first): no completion saves more.
    fn bound(&self, depth: usize, mut left: i64) -> f64 {
        let undecided = |item: &&Item| item.searched_at.is_none_or(|at| at >= depth);
        let left_out = |item: &&Item| {
            item.searched_at.is_some_and(|at| at < depth) && !self.taken[item.payoff]
        };
        let mut a = self.plans.iter().filter(undecided).peekable();
        let mut b = self.prepays_alone.iter().filter(left_out).peekable();
        let mut value = 0.0;
        while left > 0 {
            let item = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if y.ratio > x.ratio => b.next(),
                (Some(_), _) => a.next(),
                (None, _) => b.next(),
            };
            let Some(item) = item else {
                break;
            };
            let spend = left.min(item.cost);
            value += spend as f64 * item.ratio;
            left -= spend;
        }
        value
    }

    /// The prepayments' saving for `left` cents, greedily, on plans not paid off.
    fn fill(&self, mut left: i64) -> f64 {
        let mut value = 0.0;
        for p in self.prepays {
            if left <= 0 {
                break;
            }
            if self.paid_off(p.index) {
                continue;
            }
            let spend = left.min(p.max_cost);
            value += spend as f64 * p.ratio;
            left -= spend;
        }
        value
    }

    fn paid_off(&self, plan: usize) -> bool {
        self.plan_taken.get(plan).copied().unwrap_or(false)
    }

    /// Beyond the searched candidates, whole payoffs taken greedily by saving per yuan (listed
    /// in `taken` when asked), then the prepayment fill on the plans not paid off.
    fn fill_rest(&mut self, left: i64, mut taken: Option<&mut Vec<usize>>) -> f64 {
        let mut value = 0.0;
        let mut cash = left;
        for &k in self.rest {
            if self.payoffs[k].cost <= cash {
                cash -= self.payoffs[k].cost;
                value += self.payoffs[k].saving as f64;
                self.plan_taken[self.payoffs[k].index] = true;
                if let Some(taken) = taken.as_deref_mut() {
                    taken.push(k);
                }
            }
        }
        value += self.fill(cash);
        // The same greedy picks again, to unmark them.
        let mut cash = left;
        for &k in self.rest {
            if self.payoffs[k].cost <= cash {
                cash -= self.payoffs[k].cost;
                self.plan_taken[self.payoffs[k].index] = false;
            }
        }
        value
    }
}

/// The largest principal a prepayment of at most `cash` cents can take on `plan` (below the
/// balance), with its charge.
fn prepay_principal(plan: &AdvisePlan, balance: Money, cash: i64) -> Result<Money, Overflow> {
    let mut principal = Money::from_cents(cash.min(balance.cents() - 1));
    if let PayoffPolicy::Penalty(rate) = plan.terms.payoff {
        while principal.is_positive()
            && principal.try_add(super::payoff::share_of(principal, rate)?)?
                > Money::from_cents(cash)
        {
            principal = principal.try_sub(Money::from_cents(1))?;
        }
    }
    Ok(principal)
}

/// An annuity plan's better prepayment mode at its largest size, if a prepayment is possible
/// and saves anything.
fn best_prepay(plan: &AdvisePlan, index: usize, on: NaiveDate) -> Result<Option<Prepay>, Overflow> {
    if plan.terms.fee.model != super::terms::FeeModel::Annuity {
        return Ok(None);
    }
    let balance = Money::try_sum(plan.periods.iter().map(PeriodState::unpaid_principal))?;
    let mut best: Option<Prepay> = None;
    for mode in [PrepayMode::ShortenTerm, PrepayMode::KeepTerm] {
        let Some(action) = exact_prepay(plan, mode, balance.cents() * 2, on)? else {
            continue;
        };
        let ratio = action.saving.cents() as f64 / action.amount.cents().max(1) as f64;
        if best.is_none_or(|b| ratio > b.ratio) {
            best = Some(Prepay {
                index,
                mode,
                max_cost: action.amount.cents(),
                ratio,
            });
        }
    }
    Ok(best)
}

/// Prepaying as much as `cash` cents allows on `plan` in `mode`: its cash and exact saving, or
/// nothing when it cannot be done or saves nothing.
fn exact_prepay(
    plan: &AdvisePlan,
    mode: PrepayMode,
    cash: i64,
    on: NaiveDate,
) -> Result<Option<Action>, Overflow> {
    let balance = Money::try_sum(plan.periods.iter().map(PeriodState::unpaid_principal))?;
    let principal = prepay_principal(plan, balance, cash)?;
    if !principal.is_positive() {
        return Ok(None);
    }
    let Ok(q) = quote_prepayment(&plan.terms, &plan.periods, on, principal, mode) else {
        return Ok(None);
    };
    let kept = Money::try_sum_results(plan.periods.iter().map(PeriodState::unpaid))?;
    let after = q
        .amount
        .try_add(Money::try_sum(q.schedule.iter().map(|i| i.amount))?)?;
    let saving = kept.try_sub(after)?;
    if !saving.is_positive() {
        return Ok(None);
    }
    Ok(Some(Action {
        plan_id: plan.id,
        kind: ActionKind::Prepay(mode),
        amount: q.amount,
        saving,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rate::Rate;
    use crate::domain::schedule::tests::terms;
    use crate::domain::terms::FeeModel;

    fn day(text: &str) -> NaiveDate {
        crate::domain::dates::parse_date(text).unwrap()
    }

    /// Plan `id`: `n` unpaid periods of `principal` + `fee` (in yuan), due monthly from
    /// 31 January 2025, under `policy`.
    fn plan(id: i64, n: u32, principal: i64, fee: i64, policy: PayoffPolicy) -> AdvisePlan {
        let model = if fee == 0 {
            FeeModel::InterestFree
        } else {
            FeeModel::MonthlyFee
        };
        let mut terms = terms("100", n, model, "1%");
        terms.payoff = policy;
        let periods = (1..=n)
            .map(|period| PeriodState {
                period,
                due_date: day("2025-01-31")
                    .checked_add_months(chrono::Months::new(period - 1))
                    .unwrap(),
                principal: Money::from_cents(principal * 100),
                fee: Money::from_cents(fee * 100),
                paid_principal: Money::ZERO,
                paid_fee: Money::ZERO,
                paid_penalty: Money::ZERO,
                waived: false,
                paid_parts: Vec::new(),
            })
            .collect();
        AdvisePlan { id, terms, periods }
    }

    fn plans() -> Vec<AdvisePlan> {
        vec![
            // Pays off for 300.00 and saves its three fees, 30.00 (10% per yuan).
            plan(1, 3, 100, 10, PayoffPolicy::WaiveRemainingFees),
            // Charges both fees: saves nothing.
            plan(2, 2, 100, 8, PayoffPolicy::AllFeesDue),
            plan(3, 2, 50, 5, PayoffPolicy::NotAllowed),
            // Interest-free: nothing to save.
            plan(4, 2, 100, 0, PayoffPolicy::WaiveRemainingFees),
            // 100.00 + 10% penalty = 110.00 against 105.00 kept: 5.00 more.
            plan(
                5,
                1,
                100,
                5,
                PayoffPolicy::Penalty(Rate::parse("10%").unwrap()),
            ),
            // Pays off for 200.00 and saves 24.00 (12% per yuan, the best ratio).
            plan(6, 2, 100, 12, PayoffPolicy::WaiveRemainingFees),
        ]
    }

    #[test]
    fn the_best_combination_of_payoffs_not_the_best_ratio() {
        let on = day("2025-01-01");
        // With 350.00, #6 first (the best ratio) leaves 150.00: 24.00 saved; #1 alone saves
        // 30.00; both need 500.00.
        let advice = advise(&plans(), Money::from_cents(35_000), on).unwrap();
        let expected = vec![Action {
            plan_id: 1,
            kind: ActionKind::Payoff,
            amount: Money::from_cents(30_000),
            saving: Money::from_cents(3_000),
        }];
        assert_eq!(advice.actions, expected);
        assert_eq!(advice.total_saving, Money::from_cents(3_000));
        assert_eq!(advice.spent, Money::from_cents(30_000));
        assert_eq!(
            advice.no_gain,
            vec![
                (2, NoGain::AllFeesDue),
                (3, NoGain::NotAllowed),
                (4, NoGain::NothingToSave),
                (5, NoGain::CostsMore),
            ]
        );
        // With 500.00 both: 30.00 + 24.00.
        let advice = advise(&plans(), Money::from_cents(50_000), on).unwrap();
        assert_eq!(advice.total_saving, Money::from_cents(5_400));
        assert_eq!(advice.spent, Money::from_cents(50_000));
        // With 100.00 no payoff fits and no plan takes a partial prepayment (none is an
        // annuity): nothing to do.
        let advice = advise(&plans(), Money::from_cents(10_000), on).unwrap();
        assert!(advice.actions.is_empty());
        assert_eq!(advice.total_saving, Money::ZERO);
    }

    /// The search against every subset of payoffs on small instances (a fixed pseudo-random
    /// sequence): the same best saving, so the bound never cuts off the best combination.
    #[test]
    fn the_search_finds_what_trying_every_subset_finds() {
        let mut seed: u64 = 0x5eed;
        let mut next = |n: i64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as i64).rem_euclid(n)
        };
        for _ in 0..300 {
            let n = 1 + usize::try_from(next(10)).unwrap();
            let payoffs: Vec<Payoff> = (0..n)
                .map(|index| Payoff {
                    index,
                    cost: 100 + next(5_000),
                    saving: 1 + next(400),
                })
                .collect();
            let mut prepays: Vec<Prepay> = Vec::new();
            for payoff in &payoffs {
                if next(2) == 0 {
                    prepays.push(Prepay {
                        index: payoff.index,
                        mode: PrepayMode::KeepTerm,
                        max_cost: 50 + next(payoff.cost),
                        ratio: next(1_000) as f64 / 10_000.0,
                    });
                }
            }
            let mut sorted = prepays.clone();
            sorted.sort_by(|a, b| b.ratio.total_cmp(&a.ratio));
            let cash = next(20_000);
            // What a set of payoffs saves with the greedy prepayment fill of the rest.
            let worth = |chosen: &[usize]| -> Option<f64> {
                let cost: i64 = chosen.iter().map(|&k| payoffs[k].cost).sum();
                if cost > cash {
                    return None;
                }
                let mut left = cash - cost;
                let mut value: f64 = chosen.iter().map(|&k| payoffs[k].saving as f64).sum();
                for p in &sorted {
                    if left <= 0 {
                        break;
                    }
                    if chosen.iter().any(|&k| payoffs[k].index == p.index) {
                        continue;
                    }
                    let spend = left.min(p.max_cost);
                    value += spend as f64 * p.ratio;
                    left -= spend;
                }
                Some(value)
            };
            let brute = (0u32..1 << n)
                .filter_map(|mask| {
                    let chosen: Vec<usize> = (0..n).filter(|k| mask & (1 << k) != 0).collect();
                    worth(&chosen)
                })
                .fold(f64::MIN, f64::max);
            let found = worth(&best_payoffs(&payoffs, &sorted, cash)).unwrap();
            assert!((found - brute).abs() < 1e-6, "{found} vs {brute}");
        }
    }
}
