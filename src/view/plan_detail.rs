//! The plan-detail view model: what `plan show` and the TUI's detail view say about one plan.

use chrono::{Days, NaiveDate};

use crate::domain::apr::AnnualCost;
use crate::domain::overdue::days_late;
use crate::domain::payoff::{PayoffError, PayoffQuote};
use crate::domain::summary::{PlanQuote, naive_annual_percent};
use crate::domain::{
    DueRule, FeeModel, Money, PayoffPolicy, PenaltyBase, PenaltyFrom, Period, PlanTerms, Rate,
};
use crate::i18n::rules::{RuleText, due_dates_text, late_fees_text, penalty_base_name, per_day};
use crate::i18n::store::{StoreText, plan_status};
use crate::i18n::terms::model_name;
use crate::i18n::{Lang, fill};
use crate::store::{InstallmentStatus, InstallmentView, PlanDetail, PlanId, Repayment};
use crate::text::one_line;

/// One plan's terms, costs, payoff today, schedule and repayments, in `lang`.
#[derive(Debug, Clone)]
pub(crate) struct PlanDetailView<'a> {
    pub id: PlanId,
    /// Name and provider on one line each (control characters blanked).
    pub name: String,
    pub provider: String,
    pub status: &'static str,
    pub principal: Money,
    pub periods: u32,
    /// The fee model's name and its rate (none when interest-free).
    pub model: &'static str,
    pub rate: Option<Rate>,
    pub first_due: NaiveDate,
    /// The card that pays it, on one line; `None` when there is none.
    pub card: Option<String>,
    /// "yes" / "no": whether the provider debits the card.
    pub auto_debit: &'static str,
    /// The model charges interest (annuity, equal principal) rather than fees.
    pub interest_based: bool,
    pub total_fee: Money,
    pub total_repayment: Money,
    /// APR, EAR and the naive annual rate, as a quote without its schedule.
    pub cost: PlanQuote,
    pub payoff_policy: PayoffPolicy,
    pub grace_days: u32,
    pub penalty_daily: Rate,
    /// From which day a penalty counts, named.
    pub penalty_from: &'static str,
    /// The rules this plan has beyond the common ones, labelled (minimum fee, start date, due
    /// dates, penalty base and minimum, late fees, tolerance): only those it uses.
    pub rules: Vec<(&'static str, String)>,
    pub remaining: Money,
    /// The user's note on one line (empty when none).
    pub note: String,
    /// After a card replacement: the card its auto-debit must be set up with again.
    pub debit_setup: Option<String>,
    /// Paying off today, or why that is not possible.
    pub payoff: Result<PayoffQuote, PayoffError>,
    pub schedule: Vec<ScheduleLine>,
    pub repayments: &'a [Repayment],
}

/// One period of the schedule, its status named, and when and how late it was paid.
#[derive(Debug, Clone)]
pub(crate) struct ScheduleLine {
    pub row: InstallmentView,
    /// The status's name; a period past its due date but within grace reads
    /// "due (grace until D)", an automatic posting "paid (auto-debit, unconfirmed)", a failed
    /// debit with its retry date.
    pub status_name: String,
    /// The day the period was paid in full.
    pub paid_on: Option<NaiveDate>,
    /// Days after the due date it was paid in full (or, still open, as of the detail's day);
    /// zero when on time.
    pub days_late: i64,
    /// Still open, past its due date but within its grace days: the last day of grace.
    pub grace_until: Option<NaiveDate>,
}

impl ScheduleLine {
    fn new(row: &InstallmentView, on: NaiveDate, grace_days: u32, lang: Lang) -> ScheduleLine {
        let paid_on = match row.status {
            InstallmentStatus::Paid => row.settled_on,
            _ => None,
        };
        let open = !matches!(
            row.status,
            InstallmentStatus::Paid | InstallmentStatus::Waived
        );
        let days_late = match (paid_on, open) {
            (Some(paid), _) => days_late(row.due_date, paid),
            (None, true) => days_late(row.due_date, on),
            (None, false) => 0,
        };
        let grace_until = row
            .due_date
            .checked_add_days(Days::new(grace_days.into()))
            .unwrap_or(NaiveDate::MAX);
        let grace_until = (open && days_late > 0 && row.status != InstallmentStatus::Overdue)
            .then_some(grace_until);
        let status_name = match grace_until {
            Some(until) => fill(StoreText::StDueInGrace.text(lang), &[&until]),
            None => crate::i18n::autodebit::period_status(lang, row),
        };
        ScheduleLine {
            row: row.clone(),
            status_name,
            paid_on,
            days_late,
            grace_until,
        }
    }
}

impl<'a> PlanDetailView<'a> {
    /// The view of `detail` in `lang`.
    pub(crate) fn new(detail: &'a PlanDetail, lang: Lang) -> PlanDetailView<'a> {
        let s = &detail.summary;
        let t = &detail.terms;
        let penalty_from = match t.overdue.from {
            PenaltyFrom::Due => StoreText::FromDue,
            PenaltyFrom::GraceEnd => StoreText::FromGraceEnd,
        };
        let payoff = match &detail.payoff {
            Some(quote) => Ok(quote.clone()),
            None if t.payoff == PayoffPolicy::NotAllowed => Err(PayoffError::NotAllowed),
            None => Err(PayoffError::NothingOwed),
        };
        PlanDetailView {
            id: s.id,
            name: one_line(&s.name),
            provider: one_line(&s.provider),
            status: plan_status(lang, s.status),
            principal: t.principal,
            periods: t.periods,
            model: model_name(t.fee.model, lang),
            rate: (t.fee.model != FeeModel::InterestFree).then_some(t.fee.rate),
            first_due: t.first_due,
            card: detail.card.as_ref().map(|c| one_line(&c.display())),
            auto_debit: if s.auto_debit {
                StoreText::Yes
            } else {
                StoreText::No
            }
            .text(lang),
            interest_based: t.fee.model.is_interest_based(),
            total_fee: s.total_fee,
            total_repayment: detail.total_repayment,
            cost: PlanQuote {
                schedule: Vec::new(),
                total_fee: s.total_fee,
                total_repayment: detail.total_repayment,
                cost: AnnualCost {
                    monthly: rust_decimal::Decimal::ZERO,
                    apr_percent: s.apr_percent,
                    ear_percent: s.ear_percent,
                },
                naive_percent: naive_annual_percent(t),
            },
            payoff_policy: t.payoff,
            grace_days: t.overdue.grace_days,
            penalty_daily: t.overdue.penalty_daily,
            penalty_from: penalty_from.text(lang),
            rules: rule_lines(t, lang),
            remaining: s.remaining,
            note: one_line(&s.note),
            debit_setup: s.debit_setup.map(|id| match &detail.debit_setup_card {
                Some(card) => one_line(&card.display()),
                None => format!("#{id}"),
            }),
            payoff,
            schedule: detail
                .schedule
                .iter()
                .map(|row| ScheduleLine::new(row, detail.on, t.overdue.grace_days, lang))
                .collect(),
            repayments: &detail.repayments,
        }
    }
}

/// The labelled rules of `terms` beyond the common ones, only those in use: a plan with none
/// of them reads as plans always did. The start date is shown where it counts: daily interest,
/// a due day or statement day, or periods other than months.
pub(crate) fn rule_lines(terms: &PlanTerms, lang: Lang) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    if let Some(least) = terms.fee.min_fee {
        lines.push((RuleText::FieldMinFee.text(lang), least.grouped()));
    }
    let dates = &terms.dates;
    let ruled = matches!(dates.due, DueRule::DueDay(_) | DueRule::StatementDay { .. })
        || dates.every != Period::Month;
    if let Some(start) = dates.start
        && (ruled || terms.fee.model.is_daily())
    {
        lines.push((RuleText::FieldStart.text(lang), start.to_string()));
    }
    if ruled {
        lines.push((
            RuleText::FieldDueDates.text(lang),
            due_dates_text(lang, dates),
        ));
    }
    let overdue = &terms.overdue;
    if overdue.base != PenaltyBase::Installment {
        let base = penalty_base_name(lang, overdue.base).to_string();
        lines.push((RuleText::FieldPenaltyBase.text(lang), base));
    }
    if overdue.penalty_min.is_positive() {
        let least = per_day(lang, &overdue.penalty_min.grouped());
        lines.push((RuleText::FieldPenaltyMin.text(lang), least));
    }
    if !overdue.late_fees.is_none() {
        let fees = late_fees_text(lang, &overdue.late_fees);
        lines.push((RuleText::FieldLateFees.text(lang), fees));
    }
    if overdue.tolerance.is_positive() {
        let tolerance = overdue.tolerance.grouped();
        lines.push((RuleText::FieldTolerance.text(lang), tolerance));
    }
    lines
}
