//! Calendar events for unpaid installments: stable UIDs, localised summaries.

use super::ics::DueEvent;
use crate::i18n::interop::InteropText;
use crate::i18n::{Lang, fill};
use crate::store::export_rows::InstallmentRow;

/// The UID of an installment's event, stable across exports: `fenqi-<plan>-<period>@fenqi`.
pub(crate) fn event_uid(row: &InstallmentRow) -> String {
    format!("fenqi-{}-{}@fenqi", row.plan_id, row.period)
}

/// One event per row (the open installments), summary "<provider> <plan> <amount>".
pub(crate) fn due_events(rows: &[InstallmentRow], lang: Lang) -> Vec<DueEvent> {
    rows.iter()
        .map(|row| {
            let card = row.card.as_ref().map_or_else(
                || InteropText::NoCard.text(lang).to_string(),
                |c| c.display(),
            );
            DueEvent {
                uid: event_uid(row),
                date: row.due_date,
                summary: fill(
                    InteropText::EventSummary.text(lang),
                    &[&row.provider, &row.plan_name, &row.unpaid],
                ),
                description: description(row, &card, lang),
            }
        })
        .collect()
}

/// "Installment k of n, paid from …", and for an overdue one the penalty and late fees it
/// owes so far.
fn description(row: &InstallmentRow, card: &str, lang: Lang) -> String {
    let mut text = fill(
        InteropText::EventDescription.text(lang),
        &[&row.period, &row.periods, &card],
    );
    if row.penalty.is_positive() {
        text.push(' ');
        text.push_str(&fill(
            InteropText::EventPenalty.text(lang),
            &[&row.penalty.grouped()],
        ));
    }
    text
}
