//! From fenqi's rows to the accounting books: which account pays, when a plan opens, what is due.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use super::journal::{BookDue, BookPayment, BookPlan, Books, asset_account};
use crate::domain::Money;
use crate::store::export_rows::{InstallmentRow, PlanRow, RepaymentRow};
use crate::store::{Card, Channel};

/// The asset account of a card: `Assets:Fenqi:Card3-1234-CMB` (id and last four digits always,
/// the bank's name when it is ASCII).
pub(crate) fn card_account(card: &Card) -> String {
    asset_account(&format!("Card{} {} {}", card.id, card.last4, card.bank))
}

/// The account money came from: the card if known, else the channel (`Assets:Fenqi:Bank-app`).
pub(crate) fn paying_account(card: Option<&Card>, channel: Channel) -> String {
    match card {
        Some(card) => card_account(card),
        None => asset_account(channel.code()),
    }
}

/// Where a plan without a card will be paid from.
pub(crate) fn unassigned_account() -> String {
    asset_account("unassigned")
}

/// The day the books open a plan's liability: its start date (the purchase or loan), or for
/// a plan without one a month before its first due date (when the purchase is usually made);
/// its first repayment if that is earlier.
fn opened_on(plan: &PlanRow, first_payment: Option<NaiveDate>) -> NaiveDate {
    let first_due = plan.terms.first_due;
    let bought = plan.terms.dates.start.unwrap_or_else(|| {
        first_due
            .checked_sub_months(Months::new(1))
            .unwrap_or(first_due)
    });
    first_payment.map_or(bought, |paid| paid.min(bought))
}

/// The books: every plan as a liability, every successful repayment split into principal,
/// fee and penalty (failed debits moved no money and are left out), every automatic posting
/// not yet confirmed as a repayment on its due date (marked unconfirmed), and every other open
/// installment as a due. `dues` must be the open installments of active plans.
pub(crate) fn books(
    plans: &[PlanRow],
    repayments: &[RepaymentRow],
    dues: &[InstallmentRow],
) -> Books {
    let mut first_payment: HashMap<i64, NaiveDate> = HashMap::new();
    for row in repayments.iter().filter(|r| !r.repayment.failed) {
        let entry = first_payment
            .entry(row.repayment.plan_id.0)
            .or_insert(row.repayment.paid_on);
        *entry = (*entry).min(row.repayment.paid_on);
    }
    Books {
        plans: plans
            .iter()
            .map(|p| BookPlan {
                id: p.summary.id.0,
                name: p.summary.name.clone(),
                provider: p.summary.provider.clone(),
                opened_on: opened_on(p, first_payment.get(&p.summary.id.0).copied()),
                principal: p.summary.principal,
            })
            .collect(),
        payments: repayments
            .iter()
            .filter(|r| !r.repayment.failed)
            .map(|row| {
                let r = &row.repayment;
                BookPayment {
                    plan_id: r.plan_id.0,
                    plan_name: format!("{} {}", r.provider, r.plan_name),
                    paid_on: r.paid_on,
                    from_account: paying_account(r.card.as_ref(), r.channel),
                    principal: row.principal,
                    fee: row.fee,
                    penalty: row.penalty,
                    reference: r.reference.clone(),
                    unconfirmed: false,
                }
            })
            .chain(dues.iter().filter(|d| !d.confirmed).map(|d| BookPayment {
                plan_id: d.plan_id.0,
                plan_name: format!("{} {} {}/{}", d.provider, d.plan_name, d.period, d.periods),
                paid_on: d.due_date,
                from_account: due_account(d),
                principal: d.posted_principal,
                fee: d.posted_fee,
                penalty: Money::ZERO,
                reference: String::new(),
                unconfirmed: true,
            }))
            .collect(),
        dues: dues
            .iter()
            .filter(|d| d.confirmed)
            .map(|d| BookDue {
                plan_id: d.plan_id.0,
                plan_name: format!("{} {}", d.provider, d.plan_name),
                period: d.period,
                periods: d.periods,
                due_on: d.due_date,
                from_account: due_account(d),
                principal: d.unpaid_principal,
                fee: d.unpaid_fee,
                penalty: d.penalty,
            })
            .collect(),
    }
}

/// The account an installment is paid from: its plan's card, else the unassigned account.
fn due_account(due: &InstallmentRow) -> String {
    due.card
        .as_ref()
        .map_or_else(unassigned_account, card_account)
}
