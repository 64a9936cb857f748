//! The Upcoming pane: overdue, then what falls due within the `upcoming_days` setting (named
//! in the title).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{CellText, ListPane, render_pane};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::{DueItem, InstallmentStatus};
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::pane_columns::UPCOMING;
use crate::tui::theme;
use crate::tui::widgets::text::PENDING;

static PANE: ListPane<7> = ListPane {
    id: PaneId::Upcoming,
    number: 2,
    name: TuiText::PaneUpcoming,
    columns: UPCOMING,
    headings: [
        TuiText::ColDate,
        TuiText::ColDays,
        TuiText::ColAmount,
        TuiText::ColPenalty,
        TuiText::ColPlan,
        TuiText::ColCard,
        TuiText::AutoDebitMark,
    ],
    empty: TuiText::NothingDue,
};

/// `in 5d`, `today`, `3d late`.
pub(crate) fn days_text(days: i64, lang: Lang) -> String {
    match days {
        0 => TuiText::DueToday.text(lang).to_string(),
        d if d > 0 => fill(TuiText::DaysLeft.text(lang), &[&d]),
        d => fill(TuiText::DaysLate.text(lang), &[&-d]),
    }
}

/// The days cell of an item: `3d late` when overdue, `grace 03-13` while a period past its
/// due date is within its grace days (still due, not overdue), else [`days_text`].
fn due_text(item: &DueItem, lang: Lang) -> String {
    if item.days < 0 && item.status != InstallmentStatus::Overdue {
        let until = item
            .due_date
            .checked_add_days(chrono::Days::new(item.grace_days.into()))
            .unwrap_or(item.due_date);
        return fill(TuiText::GraceUntil.text(lang), &[&until.format("%m-%d")]);
    }
    days_text(item.days, lang)
}

pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let mut view = PANE.view(app, &app.upcoming, |item| {
        let style = if matches!(
            item.status,
            InstallmentStatus::Overdue | InstallmentStatus::DebitFailed
        ) {
            theme::alert()
        } else if item.days <= 7 {
            theme::soon()
        } else {
            Style::new()
        };
        let penalty = if item.penalty.is_zero() {
            String::new()
        } else {
            item.penalty.grouped()
        };
        let auto = if item.status == InstallmentStatus::DebitFailed {
            TuiText::FailedMark.text(lang)
        } else if item.auto_debit {
            TuiText::AutoDebitMark.text(lang)
        } else {
            ""
        };
        let card = app
            .card_name(item.card_id)
            .unwrap_or_else(|| TuiText::NoCard.text(lang).to_string());
        let cells = [
            CellText::left(item.due_date.to_string()),
            CellText::left(due_text(item, lang)),
            CellText::right(item.amount.grouped()),
            CellText::right(penalty),
            CellText::left(format!("{} #{}", item.plan_name, item.period)),
            CellText::left(card),
            CellText::left(auto),
        ];
        (cells, style)
    });
    let scope = fill(
        TuiText::UpcomingScope.text(lang),
        &[&app.prefs.upcoming_days],
    );
    view.title = format!("{}· {scope} ", view.title);
    view.footer = vec![card_week_line(app)];
    render_pane(frame, area, view);
}

/// `Next 7 days by card: CMB ····1234 1,072.00 · (none) 300.00`.
fn card_week_line(app: &App) -> Line<'static> {
    let lang = app.lang;
    let mut spans = vec![Span::styled(
        TuiText::Next7DaysPerCard.text(lang).to_string(),
        theme::label(),
    )];
    if app.past_due_pending {
        spans.push(Span::raw(format!(" {}", PENDING)));
    } else if app.card_week.is_empty() {
        spans.push(Span::raw(" —"));
    }
    for (index, need) in app.card_week.iter().enumerate() {
        if index > 0 {
            spans.push(Span::styled(" ·", theme::muted()));
        }
        let card = app
            .card_name(need.card)
            .unwrap_or_else(|| TuiText::NoCard.text(lang).to_string());
        spans.push(Span::raw(format!(" {card} ")));
        spans.push(Span::styled(need.amount.grouped(), theme::soon()));
    }
    Line::from(spans)
}
