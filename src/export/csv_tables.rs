//! CSV tables of plans, installments and repayments: headers, two-decimal amounts, ISO dates,
//! text cells neutralised against spreadsheet formula injection.

use chrono::NaiveDate;

use super::csv_cell::neutralise;
use crate::domain::rate::percent4;
use crate::domain::{DueRule, Money, PlanTerms};
use crate::store::export_rows::{InstallmentRow, PlanRow, RepaymentRow};
use crate::store::{Card, Channel, RepaymentKind, RepaymentSource};

/// Which table(s) `export --format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CsvTable {
    Plans,
    Installments,
    Repayments,
}

impl CsvTable {
    pub(crate) const ALL: [CsvTable; 3] = [
        CsvTable::Plans,
        CsvTable::Installments,
        CsvTable::Repayments,
    ];

    /// The `--what` value and file-name suffix.
    pub(crate) fn code(self) -> &'static str {
        match self {
            CsvTable::Plans => "plans",
            CsvTable::Installments => "installments",
            CsvTable::Repayments => "repayments",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<CsvTable> {
        CsvTable::ALL.into_iter().find(|t| t.code() == code)
    }
}

pub(crate) const PLAN_HEADER: [&str; 32] = [
    "id",
    "name",
    "provider",
    "card",
    "auto_debit",
    "fee_model",
    "principal",
    "periods",
    "paid_periods",
    "total_fee",
    "remaining",
    "remaining_principal",
    "next_due_date",
    "next_amount",
    "apr_percent",
    "ear_percent",
    "status",
    "paid_off_on",
    "first_due",
    "start",
    "every",
    "due_rule",
    "due_day",
    "statement_day",
    "due_after",
    "min_fee",
    "penalty_base",
    "penalty_min",
    "late_fee",
    "late_fee_extra",
    "late_fee_caps",
    "tolerance",
];

pub(crate) const INSTALLMENT_HEADER: [&str; 16] = [
    "plan_id",
    "plan_name",
    "provider",
    "period",
    "due_date",
    "amount",
    "principal",
    "fee",
    "paid",
    "paid_penalty",
    "unpaid",
    "status",
    "confirmed",
    "settled_on",
    "card",
    "penalty",
];

pub(crate) const REPAYMENT_HEADER: [&str; 17] = [
    "id",
    "plan_id",
    "plan_name",
    "provider",
    "paid_on",
    "amount",
    "principal",
    "fee",
    "penalty",
    "channel",
    "card",
    "reference",
    "kind",
    "failed",
    "period",
    "source",
    "confirmed",
];

/// A text cell as written: neutralised.
fn text(value: &str) -> String {
    neutralise(value)
}

fn date(value: Option<NaiveDate>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

fn money(value: Option<Money>) -> String {
    value.map(|m| m.to_string()).unwrap_or_default()
}

fn card(value: Option<&Card>) -> String {
    value.map(|c| text(&c.display())).unwrap_or_default()
}

/// Renders records with a header (the csv crate quotes and escapes as needed).
fn render(header: &[&str], records: Vec<Vec<String>>) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header)?;
    for record in records {
        writer.write_record(&record)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The cells of a plan's dates and overdue charges beyond its summary, named as `plan show
/// --json` names them.
fn terms_cells(terms: &PlanTerms) -> Vec<String> {
    let dates = &terms.dates;
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let (due_day, statement_day, due_after) = match dates.due {
        DueRule::DueDay(day) => (Some(day), None, None),
        DueRule::StatementDay { day, due_after } => (None, Some(day), Some(due_after)),
        DueRule::FirstDue | DueRule::AfterStart => (None, None, None),
    };
    let overdue = &terms.overdue;
    let fees = &overdue.late_fees;
    let caps: Vec<String> = fees.caps().iter().map(ToString::to_string).collect();
    vec![
        terms.first_due.to_string(),
        date(dates.start),
        dates.every.code(),
        dates.due.code().to_string(),
        number(due_day),
        number(statement_day),
        number(due_after),
        money(terms.fee.min_fee),
        overdue.base.code().to_string(),
        overdue.penalty_min.to_string(),
        fees.fee.to_string(),
        fees.extra.map(|e| e.to_string()).unwrap_or_default(),
        caps.join(" "),
        overdue.tolerance.to_string(),
    ]
}

/// `plans.csv`.
pub(crate) fn plans_csv(plans: &[PlanRow]) -> Result<String, csv::Error> {
    let records = plans
        .iter()
        .map(|p| {
            let s = &p.summary;
            vec![
                s.id.to_string(),
                text(&s.name),
                text(&s.provider),
                card(p.card.as_ref()),
                s.auto_debit.to_string(),
                s.fee_model.code().to_string(),
                s.principal.to_string(),
                s.periods.to_string(),
                s.paid_periods.to_string(),
                s.total_fee.to_string(),
                s.remaining.to_string(),
                s.remaining_principal.to_string(),
                date(s.next_due_date),
                money(s.next_amount),
                percent4(s.apr_percent),
                percent4(s.ear_percent),
                s.status.code().to_string(),
                date(s.paid_off_on),
            ]
            .into_iter()
            .chain(terms_cells(&p.terms))
            .collect()
        })
        .collect();
    render(&PLAN_HEADER, records)
}

/// `installments.csv`.
pub(crate) fn installments_csv(rows: &[InstallmentRow]) -> Result<String, csv::Error> {
    let records = rows
        .iter()
        .map(|i| {
            vec![
                i.plan_id.to_string(),
                text(&i.plan_name),
                text(&i.provider),
                i.period.to_string(),
                i.due_date.to_string(),
                i.amount.to_string(),
                i.principal.to_string(),
                i.fee.to_string(),
                i.paid.to_string(),
                i.paid_penalty.to_string(),
                i.unpaid.to_string(),
                i.status.code().to_string(),
                i.confirmed.to_string(),
                date(i.settled_on),
                card(i.card.as_ref()),
                i.penalty.to_string(),
            ]
        })
        .collect();
    render(&INSTALLMENT_HEADER, records)
}

/// `repayments.csv`: the recorded repayments and failed debits, then the automatic postings
/// not yet confirmed among `open` (the open installments), each on its due date with no id.
pub(crate) fn repayments_csv(
    rows: &[RepaymentRow],
    open: &[InstallmentRow],
) -> Result<String, csv::Error> {
    let recorded = rows.iter().map(|row| {
        let r = &row.repayment;
        vec![
            r.id.to_string(),
            r.plan_id.to_string(),
            text(&r.plan_name),
            text(&r.provider),
            r.paid_on.to_string(),
            r.amount.to_string(),
            row.principal.to_string(),
            row.fee.to_string(),
            row.penalty.to_string(),
            r.channel.code().to_string(),
            card(r.card.as_ref()),
            text(&r.reference),
            r.kind.code().to_string(),
            r.failed.to_string(),
            r.period.map(|p| p.to_string()).unwrap_or_default(),
            r.source.code().to_string(),
            true.to_string(),
        ]
    });
    let posted = open.iter().filter(|i| !i.confirmed).map(|i| {
        vec![
            String::new(),
            i.plan_id.to_string(),
            text(&i.plan_name),
            text(&i.provider),
            i.due_date.to_string(),
            i.posted.to_string(),
            i.posted_principal.to_string(),
            i.posted_fee.to_string(),
            Money::ZERO.to_string(),
            Channel::AutoDebit.code().to_string(),
            card(i.card.as_ref()),
            String::new(),
            RepaymentKind::Regular.code().to_string(),
            false.to_string(),
            i.period.to_string(),
            RepaymentSource::AutoDebit.code().to_string(),
            false.to_string(),
        ]
    });
    render(&REPAYMENT_HEADER, recorded.chain(posted).collect())
}
