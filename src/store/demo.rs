//! Realistic sample plans for `fenqi demo`: deterministic, fast, across providers and cards.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::OptionalExtension;

use super::changelog::{self, UndoStep};
use super::ledger::Ledger;
use super::model::*;
use super::payments::{NewRepayment, insert_repayment, insert_repayments};
use super::plans::insert_ledger;
use super::{Store, StoreResult};
use crate::domain::apr::AnnualCost;
use crate::domain::schedule::build;
use crate::domain::summary::{PlanQuote, naive_annual_percent};
use crate::domain::terms::{FeeTerms, OverdueTerms};
use crate::domain::{FeeModel, Money, PayoffPolicy, PlanTerms, Rate, Remainder};

/// A tiny deterministic PRNG (splitmix64): the same seed gives the same sample data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// How many plans and cards a demo fill added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoFilled {
    pub plans: u32,
    pub cards: u32,
}

/// A provider's typical products and terms.
struct ProviderKind {
    provider: &'static str,
    products: &'static [(&'static str, i64)],
    periods: &'static [u32],
    model: FeeModel,
    /// Rates in hundredths of a percent (50 = 0.50%), by model's meaning.
    rates: &'static [i64],
    auto_debit: bool,
    payoff: &'static str,
}

const PROVIDERS: &[ProviderKind] = &[
    ProviderKind {
        provider: "小米分期",
        products: &[
            ("Xiaomi 14 Ultra", 6_499),
            ("Redmi Note 13 Pro", 1_799),
            ("小米电视 S Pro 65", 4_999),
            ("米家扫地机器人 X20", 2_999),
            ("Xiaomi Pad 6S Pro", 3_599),
        ],
        periods: &[3, 6, 12, 24],
        model: FeeModel::MonthlyFee,
        rates: &[50, 60, 68, 75],
        auto_debit: true,
        payoff: "current-fee-due",
    },
    ProviderKind {
        provider: "花呗",
        products: &[
            ("AirPods Pro 2", 1_899),
            ("优衣库羽绒服", 599),
            ("戴森吹风机 HD15", 2_999),
            ("淘宝年货", 860),
            ("Switch OLED", 2_099),
        ],
        periods: &[3, 6, 12],
        model: FeeModel::TotalFee,
        rates: &[230, 450, 750],
        auto_debit: true,
        payoff: "waive-remaining-fees",
    },
    ProviderKind {
        provider: "京东白条",
        products: &[
            ("iPad Air 11", 4_799),
            ("海尔冰箱 BCD-510", 3_299),
            ("索尼 WH-1000XM5", 2_499),
            ("京东京造 人体工学椅", 1_299),
        ],
        periods: &[3, 6, 12, 24],
        model: FeeModel::MonthlyFee,
        rates: &[0, 50, 60, 80],
        auto_debit: false,
        payoff: "waive-remaining-fees",
    },
    ProviderKind {
        provider: "招商银行信用卡",
        products: &[
            ("账单分期", 12_000),
            ("账单分期", 20_000),
            ("消费分期 装修", 40_000),
            ("账单分期", 8_800),
        ],
        periods: &[6, 12, 24],
        model: FeeModel::MonthlyFee,
        rates: &[60, 68, 75],
        auto_debit: true,
        payoff: "all-fees-due",
    },
    ProviderKind {
        provider: "招联金融",
        products: &[("好期贷", 10_000), ("好期贷", 30_000), ("装修贷", 50_000)],
        periods: &[12, 24, 36],
        model: FeeModel::Annuity,
        rates: &[1_080, 1_440, 1_800],
        auto_debit: true,
        payoff: "interest-to-date",
    },
    ProviderKind {
        provider: "Klarna",
        products: &[
            ("Nike Air Max", 129),
            ("IKEA sofa", 699),
            ("Zalando order", 89),
            ("Sephora haul", 154),
        ],
        periods: &[4],
        model: FeeModel::InterestFree,
        rates: &[0],
        auto_debit: true,
        payoff: "waive-remaining-fees",
    },
    ProviderKind {
        provider: "Affirm",
        products: &[
            ("Peloton Bike", 1_445),
            ("MacBook Air", 1_099),
            ("Casper mattress", 995),
        ],
        periods: &[6, 12],
        model: FeeModel::Annuity,
        rates: &[0, 1_500, 2_999],
        auto_debit: false,
        payoff: "waive-remaining-fees",
    },
];

const CARDS: &[(&str, &str, &str)] = &[
    ("招商银行", "8842", "工资卡"),
    ("中国工商银行", "1029", ""),
    ("建设银行", "5567", "信用卡"),
    ("Chase", "4417", "Freedom"),
];

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

/// The change-log summary of a demo fill, `8 plans, seed 1` (read back by
/// [`parse_demo_summary`] to show it in the reader's language).
pub fn demo_summary(plans: u32, seed: u64) -> String {
    format!("{plans} plans, seed {seed}")
}

/// The number of plans and the seed a demo fill's change-log summary names.
pub fn parse_demo_summary(summary: &str) -> Option<(u32, u64)> {
    let (plans, seed) = summary.split_once(" plans, seed ")?;
    Some((plans.parse().ok()?, seed.parse().ok()?))
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
        // A large fill stays in memory until commit instead of spilling pages to the WAL.
        let cache: i64 = self
            .conn()
            .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let wanted_kib = (i64::from(plans) * 3).clamp(2_000, 400_000);
        self.conn().pragma_update(None, "cache_size", -wanted_kib)?;
        let filled = super::tallies::bulk_write(self, |tx| {
            let has_default: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE is_default = 1)")?
                .query_row([], |r| r.get(0))?;
            // A sample card already there (same bank and last 4, not archived) is reused, so a
            // second fill adds plans but no duplicate cards.
            let mut card_ids = Vec::with_capacity(CARDS.len());
            let mut added_cards = Vec::new();
            for (index, (bank, last4, label)) in CARDS.iter().enumerate() {
                let existing: Option<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM cards WHERE bank = ?1 AND last4 = ?2 AND archived = 0
                         ORDER BY id LIMIT 1",
                    )?
                    .query_row(rusqlite::params![bank, last4], |r| r.get(0))
                    .optional()?;
                if let Some(id) = existing {
                    card_ids.push(CardId(id));
                    continue;
                }
                tx.prepare_cached(
                    "INSERT INTO cards (bank, last4, label, is_default) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(rusqlite::params![
                    bank,
                    last4,
                    label,
                    index == 0 && !has_default
                ])?;
                card_ids.push(CardId(tx.last_insert_rowid()));
                added_cards.push(tx.last_insert_rowid());
            }
            let mut costs: HashMap<(i64, u32, FeeModel, i64), (AnnualCost, Money)> = HashMap::new();
            let mut first_plan = None;
            let mut last_plan = None;
            for index in 0..plans {
                let story = match index {
                    1 => Story::Overdue,
                    2 => Story::FailedDebit,
                    3 => Story::PaidOffEarly,
                    _ => Story::OnTime,
                };
                let id = demo_plan(tx, &mut rng, &mut costs, &card_ids, story, today)?;
                first_plan.get_or_insert(id.0);
                last_plan = Some(id.0);
            }
            let cards = added_cards.len() as u32;
            let mut steps = vec![UndoStep::DeleteCards { ids: added_cards }];
            if let (Some(from), Some(to)) = (first_plan, last_plan) {
                steps.push(UndoStep::DeletePlanRange { from, to });
            }
            changelog::log_change(tx, ChangeKind::Demo, &demo_summary(plans, seed), &steps)?;
            Ok(DemoFilled { plans, cards })
        });
        self.conn().pragma_update(None, "cache_size", cache)?;
        filled
    }
}

/// Builds, pays and inserts one sample plan.
fn demo_plan(
    conn: &rusqlite::Connection,
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
        Story::OnTime => rng.below(u64::from(periods) + 3) as u32,
        Story::Overdue | Story::FailedDebit => 4,
        Story::PaidOffEarly => 7,
    };
    let day = match story {
        Story::Overdue => today.checked_sub_days(Days::new(10)).unwrap_or(today).day(),
        Story::FailedDebit => today.day(),
        _ => 1 + rng.below(28) as u32,
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
        terms: terms.clone(),
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
    for (index, due) in due_dates.iter().enumerate() {
        let period = index as u32 + 1;
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
                failed_period = Some((ledger.flag_failed_debit()?, *due));
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
    let id = insert_ledger(conn, &draft, &quote, &ledger)?;
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
            },
        )
        .collect();
    insert_repayments(
        conn,
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
        insert_repayment(
            conn,
            &NewRepayment {
                plan: id,
                paid_on: due,
                amount,
                channel: Channel::AutoDebit,
                card: Some(card),
                reference: "余额不足 insufficient funds",
                kind: RepaymentKind::Regular,
                failed: true,
                period: Some(period),
            },
            &[],
        )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        assert!((0..100).all(|_| a.below(6) < 6));
    }
}
