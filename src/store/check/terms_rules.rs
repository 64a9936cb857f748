//! A plan's terms as `plan add` would take them, and the values fenqi derives from them worked
//! out again rather than trusted: each period's principal and fee, the total fee, the APR and
//! EAR (that the due dates follow from the date terms is `consistency`'s own rule). A plan paid
//! off or prepaid early has a total fee that is the sum of its periods' fees; a prepayment
//! reschedules the amounts left (and may shorten the plan), which the stored terms alone cannot
//! redo, so only that is checked for it.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::inconsistency::{DerivedValue, Inconsistency};
use crate::domain::apr::{AnnualCost, Timing, annual_cost_timed};
use crate::domain::rate::percent4;
use crate::domain::schedule::build;
use crate::domain::summary::timing;
use crate::domain::terms_input::{InputError, check_stored};
use crate::domain::{Money, PlanTerms};
use crate::store::model::PlanId;

/// What a plan row says its terms cost.
pub(super) struct StoredCost {
    /// `None` when the stored text is not a number (reported as unreadable).
    pub apr: Option<Decimal>,
    pub ear: Option<Decimal>,
    pub total_fee: i64,
}

/// One stored period, as far as the schedule decides it.
pub(super) struct StoredPeriod {
    pub period: i64,
    pub principal: i64,
    pub fee: i64,
}

/// What an APR is worked out from: the principal, the payments and when they fall.
type CostKey = (Money, Vec<Money>, Timing);

/// Payments kept at most in the keys of the APRs worked out (about 16 bytes each, so a few
/// megabytes): finding an APR (an IRR) is the costly part of the rules, and plans with the
/// same amounts (the demo's, a user's similar plans) share it whatever their dates.
const KEPT_DUES: usize = 1 << 18;

/// The terms rules of one pass over the plans, with the APRs worked out so far.
#[derive(Default)]
pub(super) struct TermsRules {
    costs: HashMap<CostKey, Option<AnnualCost>>,
    /// Payments held in `costs`' keys.
    kept_dues: usize,
}

impl TermsRules {
    /// The APR and EAR of `dues` on `principal`, as a quote works them out.
    fn cost(&mut self, principal: Money, dues: Vec<Money>, timing: Timing) -> Option<AnnualCost> {
        let key = (principal, dues, timing);
        if let Some(cost) = self.costs.get(&key) {
            return *cost;
        }
        if self.kept_dues + key.1.len() > KEPT_DUES {
            self.costs.clear();
            self.kept_dues = 0;
        }
        self.kept_dues += key.1.len();
        let cost = annual_cost_timed(key.0, &key.1, key.2).ok();
        self.costs.insert(key, cost);
        cost
    }

    /// Adds to `found` the first rule of `plan add` its terms break, else every derived value
    /// that differs from what the terms give. `early`: a payoff or prepayment was recorded.
    pub(super) fn check(
        &mut self,
        plan: PlanId,
        terms: &PlanTerms,
        stored: &StoredCost,
        periods: &[StoredPeriod],
        early: bool,
        found: &mut Vec<Inconsistency>,
    ) {
        if let Err((field, error)) = check_stored(terms) {
            found.push(match error {
                InputError::Bound(bound) => Inconsistency::BeyondBounds { plan, bound },
                error => Inconsistency::Terms { plan, field, error },
            });
            return;
        }
        let mut differs = |value| found.push(Inconsistency::Derived { plan, value });
        let fees = periods.iter().map(|p| i128::from(p.fee)).sum::<i128>();
        if early {
            if fees != i128::from(stored.total_fee) {
                differs(DerivedValue::TotalFee);
            }
            return;
        }
        let Ok(schedule) = build(terms) else {
            return;
        };
        let schedule = &schedule;
        let off = periods
            .iter()
            .zip(schedule)
            .find(|(p, s)| {
                Money::from_cents(p.principal) != s.principal || Money::from_cents(p.fee) != s.fee
            })
            .map(|(p, _)| p.period);
        if let Some(period) = off {
            differs(DerivedValue::Period(period_number(period)));
        } else if periods.len() != schedule.len() {
            differs(DerivedValue::PeriodCount);
        }
        let total_fee = schedule
            .iter()
            .map(|i| i128::from(i.fee.cents()))
            .sum::<i128>();
        if i128::from(stored.total_fee) != total_fee {
            differs(DerivedValue::TotalFee);
        }
        let dues = schedule.iter().map(|i| i.amount).collect();
        let Some(cost) = self.cost(terms.principal, dues, timing(terms)) else {
            return;
        };
        let as_stored = |percent: Decimal| Decimal::from_str_exact(&percent4(percent)).ok();
        if stored
            .apr
            .is_some_and(|apr| Some(apr) != as_stored(cost.apr_percent))
        {
            differs(DerivedValue::Apr);
        }
        if stored
            .ear
            .is_some_and(|ear| Some(ear) != as_stored(cost.ear_percent))
        {
            differs(DerivedValue::Ear);
        }
    }
}

fn period_number(period: i64) -> u32 {
    u32::try_from(period).unwrap_or(u32::MAX)
}
