//! The plan detail view: terms, APR against the naive rate, payoff today, schedule, payments.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::form::apr_line;
use crate::cli::quote::model_name;
use crate::domain::summary::{PlanQuote, naive_annual_percent};
use crate::domain::terms::FeeModel;
use crate::i18n::store::{channel, installment_status};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::InstallmentStatus;
use crate::tui::app::DetailView;
use crate::tui::theme;
use crate::tui::widgets::popup::PopupClear;
use crate::tui::widgets::text::{clean, pad_left, pad_right};

/// Every line of the detail view (the view scrolls through them).
pub fn detail_lines(view: &DetailView, lang: Lang) -> Vec<Line<'static>> {
    let d = &view.data.detail;
    let s = &d.summary;
    let t = &d.terms;
    let yes_no = |b: bool| if b { TuiText::Yes } else { TuiText::No }.text(lang);
    let mut lines = Vec::new();
    lines.push(Line::styled(
        TuiText::DetailTerms.text(lang),
        theme::header(),
    ));
    let rate = if t.fee.model == FeeModel::InterestFree {
        String::new()
    } else {
        t.fee.rate.to_string()
    };
    lines.push(Line::from(fill(
        TuiText::TermsLine.text(lang),
        &[
            &t.principal.grouped(),
            &t.periods,
            &model_name(t.fee.model, lang),
            &rate,
            &t.first_due,
        ],
    )));
    let card = d
        .card
        .as_ref()
        .map(|c| clean(&c.display()))
        .unwrap_or_else(|| TuiText::NoCard.text(lang).to_string());
    lines.push(Line::from(fill(
        TuiText::TermsCard.text(lang),
        &[&card, &yes_no(s.auto_debit)],
    )));
    let from = match t.overdue.from {
        crate::domain::PenaltyFrom::Due => TuiText::PenaltyFromDue,
        crate::domain::PenaltyFrom::GraceEnd => TuiText::PenaltyFromGraceEnd,
    };
    lines.push(Line::from(fill(
        TuiText::TermsPolicy.text(lang),
        &[
            &t.payoff,
            &t.overdue.grace_days,
            &t.overdue.penalty_daily,
            &from.text(lang),
        ],
    )));
    let quote = PlanQuote {
        schedule: Vec::new(),
        total_fee: s.total_fee,
        total_repayment: d.total_repayment,
        cost: crate::domain::apr::AnnualCost {
            monthly: rust_decimal::Decimal::ZERO,
            apr_percent: s.apr_percent,
            ear_percent: s.ear_percent,
        },
        naive_percent: naive_annual_percent(t),
    };
    lines.push(apr_line(&quote, lang));
    lines.push(Line::from(fill(
        TuiText::PreviewTotals.text(lang),
        &[&s.total_fee.grouped(), &d.total_repayment.grouped()],
    )));
    match &d.payoff {
        Some(p) => lines.push(Line::styled(
            fill(
                TuiText::DetailPayoff.text(lang),
                &[
                    &p.policy,
                    &p.amount.grouped(),
                    &p.principal.grouped(),
                    &p.fee.grouped(),
                    &p.penalty.grouped(),
                ],
            ),
            theme::soon(),
        )),
        None => lines.push(Line::styled(
            fill(
                TuiText::DetailPayoffUnavailable.text(lang),
                &[&crate::i18n::errors::payoff(
                    lang,
                    &if t.payoff == crate::domain::PayoffPolicy::NotAllowed {
                        crate::domain::payoff::PayoffError::NotAllowed
                    } else {
                        crate::domain::payoff::PayoffError::NothingOwed
                    },
                )],
            ),
            theme::muted(),
        )),
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        TuiText::DetailSchedule.text(lang),
        theme::header(),
    ));
    lines.push(Line::styled(
        format!(
            "{} {} {} {} {} {} {} {}",
            pad_left(TuiText::ColPeriod.text(lang), 4),
            pad_right(TuiText::ColDate.text(lang), 10),
            pad_left(TuiText::ColAmount.text(lang), 10),
            pad_left(TuiText::ColPrincipal.text(lang), 10),
            pad_left(TuiText::ColFee.text(lang), 8),
            pad_left(TuiText::ColPaid.text(lang), 10),
            pad_left(TuiText::ColPenalty.text(lang), 8),
            TuiText::ColStatus.text(lang),
        ),
        theme::label(),
    ));
    for i in &d.schedule {
        let style = match i.status {
            InstallmentStatus::Overdue | InstallmentStatus::DebitFailed => theme::alert(),
            InstallmentStatus::Paid | InstallmentStatus::Waived => theme::muted(),
            InstallmentStatus::PartlyPaid => theme::soon(),
            InstallmentStatus::Pending => Style::new(),
        };
        let penalty = if i.penalty.is_zero() {
            String::new()
        } else {
            i.penalty.grouped()
        };
        lines.push(Line::styled(
            format!(
                "{} {} {} {} {} {} {} {}",
                pad_left(&i.period.to_string(), 4),
                i.due_date,
                pad_left(&i.amount.grouped(), 10),
                pad_left(&i.principal.grouped(), 10),
                pad_left(&i.fee.grouped(), 8),
                pad_left(&i.paid.grouped(), 10),
                pad_left(&penalty, 8),
                installment_status(lang, i.status),
            ),
            style,
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        TuiText::DetailPayments.text(lang),
        theme::header(),
    ));
    if d.repayments.is_empty() {
        lines.push(Line::styled(
            TuiText::DetailNoPayments.text(lang),
            theme::muted(),
        ));
    }
    for r in &d.repayments {
        let (channel, style) = if r.failed {
            (TuiText::FailedMark.text(lang).to_string(), theme::alert())
        } else {
            (channel(lang, r.channel).to_string(), Style::new())
        };
        let card = r.card.as_ref().map(|c| c.display()).unwrap_or_default();
        lines.push(Line::styled(
            format!(
                "{} {} {} {} {}",
                r.paid_on,
                pad_left(&r.amount.grouped(), 12),
                pad_right(&channel, 12),
                pad_right(&clean(&card), 20),
                clean(&r.reference)
            ),
            style,
        ));
    }
    lines
}

/// Draws the detail view over `body`, scrolled.
pub fn render(frame: &mut Frame, body: Rect, view: &DetailView, lang: Lang) {
    frame.render_widget(PopupClear, body);
    let s = &view.data.detail.summary;
    let title = fill(
        TuiText::DetailTitle.text(lang),
        &[&s.id, &clean(&format!("{} · {}", s.provider, s.name))],
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focused_border())
        .title(Line::from(vec![Span::raw(format!(" {title} "))]));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let lines = detail_lines(view, lang);
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    let scroll = view.scroll.min(max_scroll);
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        inner,
    );
}
