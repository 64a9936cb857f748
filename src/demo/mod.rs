//! Realistic sample plans for `fenqi demo`: deterministic, fast, across providers and cards.
//! Built here from the domain's rules and written through the store's sample fill.

mod catalogue;
mod rng;

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::domain::apr::AnnualCost;
use crate::domain::ledger::Ledger;
use crate::domain::schedule::build;
use crate::domain::summary::{PlanQuote, naive_annual_percent};
use crate::domain::terms::{FeeTerms, OverdueTerms};
use crate::domain::{FeeModel, Money, PayoffPolicy, PlanTerms, Rate, Remainder};
use crate::store::RepaymentSource;
use crate::store::payments::NewRepayment;
use crate::store::sample_fill::SampleFill;
use crate::store::{
    CardDraft, CardId, CardKind, Channel, PlanDraft, PlanId, RepaymentKind, Store, StoreResult,
};
use catalogue::{CARDS, PROVIDERS};
pub use rng::SplitMix64;

/// How many plans and cards a demo fill added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoFilled {
    pub plans: u32,
    pub cards: u32,
}

/// What happens to a sample plan beyond paying each past period on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    OnTime,
    /// The latest past period was missed and is about ten days late.
    Overdue,
    /// Today's auto-debit failed.
    FailedDebit,
    /// Paid off early a while ago.
    PaidOffEarly,
}

impl Store {
    /// Adds `plans` realistic sample plans (and a few cards) in one transaction, as of `today`:
    /// most paid on time so far, one overdue, one with a failed debit, one paid off early.
    /// The same seed gives the same data; `undo` removes the whole fill.
    pub fn fill_demo(
        &mut self,
        plans: u32,
        seed: u64,
        today: NaiveDate,
    ) -> StoreResult<DemoFilled> {
        let mut rng = SplitMix64::new(seed);
        self.fill_samples(plans, seed, |fill| {
            let mut card_ids = Vec::with_capacity(CARDS.len());
            for (index, (bank, last4, label)) in CARDS.iter().enumerate() {
                let draft = CardDraft {
                    bank: bank.to_string(),
                    last4: last4.to_string(),
                    label: label.to_string(),
                    kind: CardKind::Debit,
                };
                card_ids.push(fill.card(&draft, index == 0)?);
            }
            let mut costs: HashMap<(i64, u32, FeeModel, i64), (AnnualCost, Money)> = HashMap::new();
            for index in 0..plans {
                let story = match index {
                    1 => Story::Overdue,
                    2 => Story::FailedDebit,
                    3 => Story::PaidOffEarly,
                    _ => Story::OnTime,
                };
                demo_plan(fill, &mut rng, &mut costs, &card_ids, story, today)?;
            }
            Ok(DemoFilled {
                plans,
                cards: u32::try_from(fill.cards_added()).unwrap_or(u32::MAX),
            })
        })
    }
}

/// Builds, pays and inserts one sample plan.
fn demo_plan(
    fill: &mut SampleFill<'_>,
    rng: &mut SplitMix64,
    costs: &mut HashMap<(i64, u32, FeeModel, i64), (AnnualCost, Money)>,
    cards: &[CardId],
    story: Story,
    today: NaiveDate,
) -> StoreResult<PlanId> {
    let kind = match story {
        Story::Overdue => &PROVIDERS[2],
        Story::FailedDebit => &PROVIDERS[0],
        Story::PaidOffEarly => &PROVIDERS[3],
        Story::OnTime => rng.pick(PROVIDERS),
    };
    let (product, price) = *rng.pick(kind.products);
    let periods = match story {
        Story::OnTime => *rng.pick(kind.periods),
        _ => 12,
    };
    let rate_hundredths = *rng.pick(kind.rates);
    let model = if rate_hundredths == 0 {
        FeeModel::InterestFree
    } else {
        kind.model
    };
    // Where in its life the plan is: periods already due before today.
    let elapsed = match story {
        Story::OnTime => rng.below_u32(periods.saturating_add(3)),
        Story::Overdue | Story::FailedDebit => 4,
        Story::PaidOffEarly => 7,
    };
    let day = match story {
        Story::Overdue => today.checked_sub_days(Days::new(10)).unwrap_or(today).day(),
        Story::FailedDebit => today.day(),
        _ => 1 + rng.below_u32(28),
    };
    let anchor = today.with_day(1).unwrap_or(today);
    let first_month = anchor
        .checked_sub_months(Months::new(elapsed))
        .unwrap_or(anchor);
    let mut first_due = first_month.with_day(day.min(28)).unwrap_or(first_month);
    if story == Story::Overdue || story == Story::FailedDebit {
        // Anchor the story's period on its exact date (10 days ago / today).
        let target = match story {
            Story::Overdue => today.checked_sub_days(Days::new(10)).unwrap_or(today),
            _ => today,
        };
        first_due = target
            .checked_sub_months(Months::new(elapsed))
            .unwrap_or(target);
    }
    let terms = PlanTerms {
        principal: Money::from_cents(price * 100),
        periods,
        fee: FeeTerms {
            model,
            rate: Rate::from_fraction(rust_decimal::Decimal::new(rate_hundredths, 4)),
            discount: None,
            free_periods: Vec::new(),
            ..FeeTerms::default()
        },
        remainder: Remainder::Last,
        first_due,
        payoff: PayoffPolicy::parse(kind.payoff).unwrap_or_default(),
        overdue: OverdueTerms::default(),
        dates: Default::default(),
    };
    let schedule = build(&terms).map_err(crate::domain::summary::QuoteError::from)?;
    let key = (price, periods, model, rate_hundredths);
    let (cost, total_fee) = match costs.get(&key) {
        Some(found) => *found,
        None => {
            let quote = crate::domain::summary::quote_plan(&terms)?;
            costs.insert(key, (quote.cost, quote.total_fee));
            (quote.cost, quote.total_fee)
        }
    };
    let quote = PlanQuote {
        total_repayment: Money::try_sum(schedule.iter().map(|i| i.amount))?,
        naive_percent: naive_annual_percent(&terms),
        schedule,
        total_fee,
        cost,
    };
    let card = *rng.pick(cards);
    let name = if kind.provider == "招商银行信用卡" && product == "账单分期" {
        format!("{product} {}", first_due.format("%Y-%m"))
    } else {
        product.to_string()
    };
    let draft = PlanDraft {
        name,
        provider: kind.provider.to_string(),
        card: Some(card),
        auto_debit: kind.auto_debit,
        // An overdue story's debit did not happen and was never recorded as failed: its plan
        // does not post auto-debits, so the period shows overdue.
        auto_post: story != Story::Overdue,
        terms: terms.clone(),
        note: String::new(),
    };
    let mut ledger = Ledger::from_schedule(terms, &quote.schedule);
    let channel = if kind.auto_debit {
        Channel::AutoDebit
    } else {
        *rng.pick(&[Channel::App, Channel::BankApp, Channel::OnlineBanking])
    };
    let mut payments: Vec<(NaiveDate, Money, RepaymentKind, Vec<_>)> = Vec::new();
    let due_dates: Vec<NaiveDate> = quote.schedule.iter().map(|i| i.due_date).collect();
    let mut failed_period = None;
    for (period, due) in (1u32..).zip(&due_dates) {
        if story == Story::PaidOffEarly && period == 7 {
            let on = due.checked_sub_days(Days::new(5)).unwrap_or(*due);
            let payoff = ledger.payoff_quote(on)?;
            let allocations = ledger.apply_payoff(&payoff, on)?;
            payments.push((on, payoff.amount, RepaymentKind::Payoff, allocations));
            break;
        }
        let unpaid_story = match story {
            Story::Overdue | Story::FailedDebit => period == elapsed + 1,
            _ => false,
        };
        if unpaid_story {
            if story == Story::FailedDebit {
                failed_period = Some((ledger.flag_failed_debit(*due, false)?, *due));
            }
            break;
        }
        if *due >= today {
            break;
        }
        let on = due
            .checked_sub_days(Days::new(rng.below(3)))
            .unwrap_or(*due);
        let allocation = ledger.pay_period_in_full(period, on)?;
        payments.push((
            on,
            allocation.total()?,
            RepaymentKind::Regular,
            vec![allocation],
        ));
    }
    let id = fill.plan(&draft, &quote, &ledger)?;
    let references: Vec<String> = payments
        .iter()
        .enumerate()
        .map(|(serial, (on, ..))| reference(id, serial, *on))
        .collect();
    let rows: Vec<NewRepayment<'_>> = payments
        .iter()
        .zip(&references)
        .map(
            |((on, amount, kind, allocations), reference)| NewRepayment {
                plan: id,
                paid_on: *on,
                amount: *amount,
                channel: if *kind == RepaymentKind::Payoff {
                    Channel::App
                } else {
                    channel
                },
                card: Some(card),
                reference,
                kind: *kind,
                failed: false,
                period: allocations.first().map(|a| a.period),
                source: RepaymentSource::Manual,
                retry_on: None,
                statement_key: None,
            },
        )
        .collect();
    fill.repayments(
        rows.iter()
            .zip(&payments)
            .map(|(row, (.., allocations))| (row, allocations.as_slice())),
    )?;
    if let Some((period, due)) = failed_period {
        let amount = ledger
            .periods
            .get(period as usize - 1)
            .map(|p| p.unpaid())
            .transpose()?
            .unwrap_or(Money::ZERO);
        let row = NewRepayment {
            plan: id,
            paid_on: due,
            amount,
            channel: Channel::AutoDebit,
            card: Some(card),
            reference: "余额不足 insufficient funds",
            kind: RepaymentKind::Regular,
            failed: true,
            period: Some(period),
            source: RepaymentSource::Manual,
            retry_on: None,
            statement_key: None,
        };
        fill.repayments([(&row, &[][..])])?;
    }
    Ok(id)
}

/// A plausible transaction reference: `FQ20250115000301`.
fn reference(id: PlanId, serial: usize, on: NaiveDate) -> String {
    format!(
        "FQ{:04}{:02}{:02}{:04}{:02}",
        on.year(),
        on.month(),
        on.day(),
        id.0 % 10_000,
        serial
    )
}
