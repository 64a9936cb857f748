//! The plan detail view: terms, APR against the naive rate, payoff today, schedule, payments.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::form::apr_text;
use crate::i18n::count::{Noun, count};
use crate::i18n::policy::payoff_policy_name;
use crate::i18n::store::{channel, installment_status};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::InstallmentStatus;
use crate::tui::overlay::DetailView;
use crate::tui::theme;
use crate::tui::widgets::popup::PopupClear;
use crate::tui::widgets::text::{clean, pad_left, pad_right, truncate, wrap};
use crate::view::plan_detail::{PlanDetailView, ScheduleLine};

/// Widths of the schedule's columns but the last (status): `#`, date, amount, principal, fee,
/// paid, penalty. With the spaces between them they leave 12 columns of an 80-column screen for
/// the status ("debit failed").
const SCHEDULE_WIDTHS: [usize; 7] = [3, 10, 10, 10, 8, 10, 8];

/// Widths of a payment line's columns but the last (reference): date, amount, channel, card.
const PAYMENT_WIDTHS: [usize; 4] = [10, 12, 12, 20];

/// Appends `text` wrapped to `width` columns, every line in `style`.
fn prose(lines: &mut Vec<Line<'static>>, text: &str, style: Style, width: usize) {
    lines.extend(
        wrap(text, width)
            .into_iter()
            .map(|l| Line::styled(l, style)),
    );
}

/// The columns left for the last cell of a row whose other cells are `widths` wide.
fn rest(width: usize, widths: &[usize]) -> usize {
    width.saturating_sub(widths.iter().sum::<usize>() + widths.len())
}

/// Every line of the detail view for `width` columns, prose wrapped (the view scrolls
/// through them).
pub fn detail_lines(view: &DetailView, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let d = PlanDetailView::new(&view.data.detail, lang);
    let mut lines = Vec::new();
    lines.push(Line::styled(
        TuiText::DetailTerms.text(lang),
        theme::header(),
    ));
    let rate = d.rate.map(|rate| rate.to_string()).unwrap_or_default();
    let terms = fill(
        TuiText::TermsLine.text(lang),
        &[
            &d.principal.grouped(),
            &count(lang, d.periods.into(), Noun::Period),
            &d.model,
            &rate,
            &d.first_due,
        ],
    );
    prose(&mut lines, &terms, Style::new(), width);
    let card = d
        .card
        .clone()
        .unwrap_or_else(|| TuiText::NoCard.text(lang).to_string());
    let card_line = fill(TuiText::TermsCard.text(lang), &[&card, &d.auto_debit]);
    prose(&mut lines, &card_line, Style::new(), width);
    if let Some(new_card) = &d.debit_setup {
        let reminder = fill(
            TuiText::DetailDebitSetup.text(lang),
            &[&d.provider, new_card],
        );
        prose(&mut lines, &reminder, theme::soon(), width);
    }
    if !d.note.is_empty() {
        let note = fill(TuiText::DetailNote.text(lang), &[&d.note]);
        prose(&mut lines, &note, Style::new(), width);
    }
    let policy = fill(
        TuiText::TermsPolicy.text(lang),
        &[
            &payoff_policy_name(lang, d.payoff_policy),
            &count(lang, d.grace_days.into(), Noun::Day),
            &d.penalty_daily,
            &d.penalty_from,
        ],
    );
    prose(&mut lines, &policy, Style::new(), width);
    for (label, value) in &d.rules {
        let rule = fill(TuiText::RuleLine.text(lang), &[label, value]);
        prose(&mut lines, &rule, Style::new(), width);
    }
    prose(
        &mut lines,
        &apr_text(&d.cost, lang),
        theme::emphasis(),
        width,
    );
    let totals = fill(
        TuiText::PreviewTotals.text(lang),
        &[&d.total_fee.grouped(), &d.total_repayment.grouped()],
    );
    prose(&mut lines, &totals, Style::new(), width);
    let (payoff, style) = match &d.payoff {
        Ok(p) => (
            fill(
                TuiText::DetailPayoff.text(lang),
                &[
                    &payoff_policy_name(lang, p.policy),
                    &p.amount.grouped(),
                    &p.principal.grouped(),
                    &p.fee.grouped(),
                    &p.penalty.grouped(),
                ],
            ),
            theme::soon(),
        ),
        Err(why) => (
            fill(
                TuiText::DetailPayoffUnavailable.text(lang),
                &[&crate::i18n::errors::payoff(lang, why)],
            ),
            theme::muted(),
        ),
    };
    prose(&mut lines, &payoff, style, width);
    lines.push(Line::from(""));
    lines.push(Line::styled(
        TuiText::DetailSchedule.text(lang),
        theme::header(),
    ));
    let [
        period_w,
        date_w,
        amount_w,
        principal_w,
        fee_w,
        paid_w,
        penalty_w,
    ] = SCHEDULE_WIDTHS;
    let status_w = rest(width, &SCHEDULE_WIDTHS);
    lines.push(Line::styled(
        format!(
            "{} {} {} {} {} {} {} {}",
            pad_left("#", period_w),
            pad_right(TuiText::ColDate.text(lang), date_w),
            pad_left(TuiText::ColAmount.text(lang), amount_w),
            pad_left(TuiText::ColPrincipal.text(lang), principal_w),
            pad_left(TuiText::ColFee.text(lang), fee_w),
            pad_left(TuiText::ColPaid.text(lang), paid_w),
            pad_left(TuiText::ColPenalty.text(lang), penalty_w),
            truncate(TuiText::ColStatus.text(lang), status_w),
        ),
        theme::label(),
    ));
    for line in &d.schedule {
        let i = &line.row;
        let style = match i.status {
            InstallmentStatus::Overdue | InstallmentStatus::DebitFailed => theme::alert(),
            InstallmentStatus::Paid | InstallmentStatus::Waived => theme::muted(),
            InstallmentStatus::PartlyPaid => theme::soon(),
            InstallmentStatus::Pending if line.days_late > 0 => theme::soon(),
            InstallmentStatus::Pending => Style::new(),
        };
        // Owed so far while open; once paid, what was paid of it.
        let penalty = match line.paid_on {
            Some(_) => i.paid_penalty,
            None => i.penalty,
        };
        let penalty = if penalty.is_zero() {
            String::new()
        } else {
            penalty.grouped()
        };
        // The status column is narrow: the paid day and the end of grace go under the row.
        let status = match (line.paid_on, line.grace_until) {
            (Some(paid), _) => format!("{} {}", line.status_name, paid.format("%m-%d")),
            (None, Some(_)) => installment_status(lang, i.status).to_string(),
            (None, None) => line.status_name.clone(),
        };
        lines.push(Line::styled(
            format!(
                "{} {} {} {} {} {} {} {}",
                pad_left(&i.period.to_string(), period_w),
                pad_right(&i.due_date.to_string(), date_w),
                pad_left(&i.amount.grouped(), amount_w),
                pad_left(&i.principal.grouped(), principal_w),
                pad_left(&i.fee.grouped(), fee_w),
                pad_left(&i.paid.grouped(), paid_w),
                pad_left(&penalty, penalty_w),
                truncate(&status, status_w),
            ),
            style,
        ));
        if let Some(note) = paid_late_note(line, lang) {
            let indent = period_w + 1;
            for piece in wrap(&note, width.saturating_sub(indent)) {
                lines.push(Line::styled(
                    format!("{}{piece}", " ".repeat(indent)),
                    theme::muted(),
                ));
            }
        }
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
    for r in d.repayments {
        let (channel, style) = if r.failed {
            (TuiText::FailedMark.text(lang).to_string(), theme::alert())
        } else {
            (channel(lang, r.channel).to_string(), Style::new())
        };
        let card = r.card.as_ref().map(|c| c.display()).unwrap_or_default();
        let [date_w, amount_w, channel_w, card_w] = PAYMENT_WIDTHS;
        lines.push(Line::styled(
            format!(
                "{} {} {} {} {}",
                pad_right(&r.paid_on.to_string(), date_w),
                pad_left(&r.amount.grouped(), amount_w),
                pad_right(&channel, channel_w),
                pad_right(&clean(&card), card_w),
                truncate(&clean(&r.reference), rest(width, &PAYMENT_WIDTHS)),
            ),
            style,
        ));
    }
    lines
}

/// Under a period paid late or with a penalty paid: `↳ paid on 2025-03-17; 7 days late;
/// penalty and late fees paid 0.44`; under one within grace, until when (what the schedule's
/// columns have no room for).
fn paid_late_note(line: &ScheduleLine, lang: Lang) -> Option<String> {
    if let Some(until) = line.grace_until {
        return Some(format!(
            "↳ {}",
            fill(TuiText::NoteGraceUntil.text(lang), &[&until])
        ));
    }
    let paid_penalty = line.row.paid_penalty;
    let late = line.paid_on.is_some() && line.days_late > 0;
    if !late && paid_penalty.is_zero() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(paid) = line.paid_on {
        parts.push(fill(TuiText::NotePaidOn.text(lang), &[&paid]));
    }
    if late {
        let days = count(lang, line.days_late.unsigned_abs(), Noun::Day);
        parts.push(fill(TuiText::NoteDaysLate.text(lang), &[&days]));
    }
    if paid_penalty.is_positive() {
        parts.push(fill(
            TuiText::NotePenaltyPaid.text(lang),
            &[&paid_penalty.grouped()],
        ));
    }
    Some(format!(
        "↳ {}",
        parts.join(TuiText::NoteSeparator.text(lang))
    ))
}

/// The area inside the detail view's border when it covers `body`.
pub(crate) fn inner_area(body: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(body)
}

/// How far the detail view over `body` scrolls at most: its lines past the visible height.
pub fn max_scroll(view: &DetailView, lang: Lang, body: Rect) -> usize {
    let inner = inner_area(body);
    let lines = detail_lines(view, lang, inner.width as usize).len();
    lines.saturating_sub(inner.height as usize)
}

/// Draws the detail view over `body`, scrolled.
pub(crate) fn render(frame: &mut Frame, body: Rect, view: &DetailView, lang: Lang) {
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
    let inner = inner_area(body);
    frame.render_widget(block, body);
    let lines = detail_lines(view, lang, inner.width as usize);
    let scroll = view
        .scroll
        .min(lines.len().saturating_sub(inner.height as usize));
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        inner,
    );
}
