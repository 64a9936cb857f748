//! Helpers the ledger commands share: opening the store, ids, channels, text fields, JSON.

use std::borrow::Cow;

use serde_json::{Value, json};

use super::Context;
use super::error::{CliError, CliResult};
use super::table::one_line;
use crate::domain::allocation::AllocationError;
use crate::domain::card_digits::last4_of;
use crate::domain::numtext::to_halfwidth;
use crate::domain::privacy::mask_card_numbers;
use crate::domain::rate::percent4;
use crate::i18n::store::{StoreText, store_error};
use crate::i18n::{Lang, fill};
use crate::store::{
    Card, CardId, Channel, PlanId, PlanSummary, Posting, Repayment, RepaymentKind, RepaymentSource,
    Store, StoreError,
};

/// Opens the database named by `--db` / `FENQI_DB` (or the default one), first removing what
/// an interrupted backup left beside it; says on stderr what opening it did (a `-wal` set
/// aside).
pub(crate) fn open_store(ctx: &Context) -> CliResult<Store> {
    opened(ctx, Store::open)
}

/// Like [`open_store`], for a command that only reads: see [`Store::open_to_read`] (read-only
/// media, backups left byte for byte as they were).
pub(crate) fn open_store_to_read(ctx: &Context) -> CliResult<Store> {
    opened(ctx, Store::open_to_read)
}

fn opened(
    ctx: &Context,
    open: fn(&std::path::Path) -> Result<Store, StoreError>,
) -> CliResult<Store> {
    super::output::clean_up_beside(ctx.lang, &ctx.db_path);
    let store = open(&ctx.db_path).map_err(|e| store_err(ctx.lang, e))?;
    for notice in store.notices() {
        eprintln!("{}", crate::i18n::store::open_notice(ctx.lang, notice));
    }
    Ok(store)
}

/// Turns a store error into a CLI error: the user's mistakes name their field and exit 2.
pub(crate) fn store_err(lang: Lang, error: StoreError) -> CliError {
    let field = match &error {
        StoreError::NotFenqi(_)
        | StoreError::NotAFile(_)
        | StoreError::NeedsUpgrade(_)
        | StoreError::Newer { .. }
        | StoreError::Damaged(_) => "--db",
        StoreError::CardNotFound(_) | StoreError::CardArchived(_) => "--card",
        StoreError::SameCard => "NEW",
        StoreError::Allocation(
            AllocationError::BeforeLatestPayment(_) | AllocationError::AfterToday(_),
        ) => "--on",
        StoreError::Allocation(_) => "--amount",
        StoreError::Quote(_) => "--principal",
        _ => "PLAN",
    };
    store_err_in(lang, error, field)
}

/// Like [`store_err`], naming `field` for input errors.
pub(crate) fn store_err_in(lang: Lang, error: StoreError, field: &str) -> CliError {
    if error.is_input() {
        CliError::input(field, store_error(lang, &error))
    } else {
        CliError::Other(anyhow::anyhow!(store_error(lang, &error)))
    }
}

/// Parses a positive whole number id (full-width digits and a leading `#` accepted).
fn parse_id(lang: Lang, field: &str, text: &str) -> CliResult<i64> {
    let ascii: String = text.trim().chars().map(to_halfwidth).collect();
    ascii
        .strip_prefix('#')
        .unwrap_or(&ascii)
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| CliError::input(field, StoreText::NotAnId.text(lang)))
}

/// Parses a plan id argument.
pub(crate) fn parse_plan_id(lang: Lang, field: &str, text: &str) -> CliResult<PlanId> {
    parse_id(lang, field, text).map(PlanId)
}

/// Parses a card id argument.
pub(crate) fn parse_card_id(lang: Lang, field: &str, text: &str) -> CliResult<CardId> {
    parse_id(lang, field, text).map(CardId)
}

/// Parses `--channel`.
pub(crate) fn parse_channel(lang: Lang, text: &str) -> CliResult<Channel> {
    Channel::from_code(text.trim())
        .ok_or_else(|| CliError::input("--channel", StoreText::ChannelValues.text(lang)))
}

/// A free-text field: trimmed, control characters removed, `max` characters at most, and any
/// full card number masked to its last four digits (with a notice on stderr).
pub fn text_field(
    lang: Lang,
    field: &str,
    text: &str,
    max: usize,
    required: bool,
) -> CliResult<String> {
    let clean = one_line(text).trim().to_string();
    let clean = match mask_card_numbers(&clean) {
        Cow::Borrowed(_) => clean,
        Cow::Owned(masked) => {
            eprintln!(
                "fenqi: {}",
                fill(StoreText::CardNumberMasked.text(lang), &[&field])
            );
            masked
        }
    };
    if required && clean.is_empty() {
        return Err(CliError::input(field, StoreText::Required.text(lang)));
    }
    if clean.chars().count() > max {
        return Err(CliError::input(
            field,
            fill(StoreText::TooLong.text(lang), &[&max]),
        ));
    }
    Ok(clean)
}

/// Reads `--last4`: four digits, or a full card number (13–19 digits, spaces or dashes allowed)
/// reduced to its last four. Returns the digits and whether a longer number was reduced.
pub(crate) fn parse_last4(lang: Lang, text: &str) -> CliResult<(String, bool)> {
    last4_of(text).map_err(|_| CliError::input("--last4", StoreText::Last4Format.text(lang)))
}

/// Prints a JSON value on stdout.
pub(crate) fn print_json(value: &Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
    );
}

/// A card as JSON (the `card list` fields).
pub(crate) fn card_json(card: &Card) -> Value {
    json!({
        "id": card.id.0,
        "bank": card.bank,
        "last4": card.last4,
        "label": card.label,
        "default": card.is_default,
        "archived": card.archived,
        "kind": card.kind.code(),
        "replaced_by": card.replaced_by.map(|c| c.0),
    })
}

/// A plan summary as JSON (the `plan list` fields and more).
pub(crate) fn plan_summary_json(p: &PlanSummary) -> Value {
    json!({
        "id": p.id.0,
        "name": p.name,
        "provider": p.provider,
        "principal": p.principal,
        "periods": p.periods,
        "paid_periods": p.paid_periods,
        "remaining": p.remaining,
        "remaining_principal": p.remaining_principal,
        "next_due_date": p.next_due_date.map(|d| d.to_string()),
        "next_period": p.next_period,
        "next_amount": p.next_amount,
        "apr_percent": percent4(p.apr_percent),
        "ear_percent": percent4(p.ear_percent),
        "total_fee": p.total_fee,
        "fee_model": p.fee_model.code(),
        "card_id": p.card_id.map(|c| c.0),
        "auto_debit": p.auto_debit,
        "status": p.status.code(),
        "paid_off_on": p.paid_off_on.map(|d| d.to_string()),
        "note": p.note,
        "debit_setup_card_id": p.debit_setup.map(|c| c.0),
    })
}

/// A repayment as JSON (the `history` fields and more).
pub(crate) fn repayment_json(r: &Repayment) -> Value {
    json!({
        "id": r.id.0,
        "plan_id": r.plan_id.0,
        "plan_name": r.plan_name,
        "provider": r.provider,
        "paid_on": r.paid_on.to_string(),
        "amount": r.amount,
        "channel": r.channel.code(),
        "card": r.card.as_ref().map(|c| c.id.0),
        "card_bank": r.card.as_ref().map(|c| c.bank.clone()),
        "card_last4": r.card.as_ref().map(|c| c.last4.clone()),
        "reference": r.reference,
        "failed": r.failed,
        "kind": r.kind.code(),
        "period": r.period,
        "source": r.source.code(),
        "confirmed": true,
        "retry_on": r.retry_on.map(|d| d.to_string()),
    })
}

/// An automatic posting as a `history` item: no id (nothing is recorded yet), paid by
/// auto-debit on its due date, unconfirmed.
pub(crate) fn posting_history_json(p: &Posting, card: Option<&Card>) -> Value {
    json!({
        "id": null,
        "plan_id": p.plan_id.0,
        "plan_name": p.plan_name,
        "provider": p.provider,
        "paid_on": p.due_date.to_string(),
        "amount": p.amount,
        "channel": Channel::AutoDebit.code(),
        "card": p.card_id.map(|c| c.0),
        "card_bank": card.map(|c| c.bank.clone()),
        "card_last4": card.map(|c| c.last4.clone()),
        "reference": "",
        "failed": false,
        "kind": RepaymentKind::Regular.code(),
        "period": p.period,
        "source": RepaymentSource::AutoDebit.code(),
        "confirmed": false,
        "retry_on": null,
    })
}

/// A card for text output, or "(no card)".
pub(crate) fn card_text(lang: Lang, card: Option<&Card>) -> String {
    card.map(|c| one_line(&c.display()))
        .unwrap_or_else(|| StoreText::NoCard.text(lang).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last4_accepts_four_digits_or_reduces_a_full_number() {
        assert_eq!(
            parse_last4(Lang::En, "1234").unwrap(),
            ("1234".into(), false)
        );
        assert_eq!(
            parse_last4(Lang::En, "6225 8801 2345 6789").unwrap(),
            ("6789".into(), true)
        );
        assert_eq!(
            parse_last4(Lang::En, "6225-8801-2345-678912").unwrap(),
            ("8912".into(), true)
        );
        for bad in ["123", "12345", "12a4", "", "1 234", "6225 8801 2345"] {
            assert!(parse_last4(Lang::En, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_positive_numbers() {
        assert_eq!(parse_plan_id(Lang::En, "PLAN", "#3").unwrap(), PlanId(3));
        assert_eq!(parse_plan_id(Lang::En, "PLAN", "３").unwrap(), PlanId(3));
        for bad in ["0", "-1", "x", ""] {
            assert!(parse_plan_id(Lang::En, "PLAN", bad).is_err());
        }
    }
}
