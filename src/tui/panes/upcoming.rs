//! The Upcoming pane: overdue, then what falls due within `UPCOMING_DAYS` (named in the title).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{CellText, PaneView, pane_title, render_pane};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::InstallmentStatus;
use crate::tui::action::PaneId;
use crate::tui::app::{App, UPCOMING_DAYS};
use crate::tui::theme;
use crate::tui::widgets::columns::Column;

const COLUMNS: [Column; 7] = [
    Column::fixed(10, 0),
    Column::fixed(9, 0),
    Column::fixed(10, 0),
    Column::fixed(8, 1),
    Column::flexible(10, 2),
    Column::fixed(14, 3),
    Column::fixed(8, 4),
];

/// `in 5d`, `today`, `3d late`.
pub fn days_text(days: i64, lang: Lang) -> String {
    match days {
        0 => TuiText::DueToday.text(lang).to_string(),
        d if d > 0 => fill(TuiText::DaysLeft.text(lang), &[&d]),
        d => fill(TuiText::DaysLate.text(lang), &[&-d]),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let pane = &app.upcoming;
    let rows = pane
        .rows
        .iter()
        .map(|item| {
            let style = if item.days < 0 || item.status == InstallmentStatus::DebitFailed {
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
            (
                vec![
                    CellText::left(item.due_date.to_string()),
                    CellText::left(days_text(item.days, lang)),
                    CellText::right(item.amount.grouped()),
                    CellText::right(penalty),
                    CellText::left(format!("{} #{}", item.plan_name, item.period)),
                    CellText::left(
                        app.card_name(item.card_id)
                            .unwrap_or_else(|| TuiText::NoCard.text(lang).to_string()),
                    ),
                    CellText::left(auto),
                ],
                style,
            )
        })
        .collect();
    let headings = [
        TuiText::ColDate,
        TuiText::ColDays,
        TuiText::ColAmount,
        TuiText::ColPenalty,
        TuiText::ColPlan,
        TuiText::ColCard,
        TuiText::AutoDebitMark,
    ]
    .map(|t| t.text(lang))
    .to_vec();
    let empty = if pane.filter.is_empty() {
        TuiText::NothingDue
    } else {
        TuiText::NoMatches
    };
    render_pane(
        frame,
        area,
        PaneView {
            title: format!(
                "{}· {} ",
                pane_title(
                    2,
                    TuiText::PaneUpcoming.text(lang),
                    pane.total,
                    &pane.filter,
                    lang,
                ),
                fill(TuiText::UpcomingScope.text(lang), &[&UPCOMING_DAYS])
            ),
            focused: app.focus == PaneId::Upcoming && app.overlays.is_empty(),
            headings,
            columns: &COLUMNS,
            rows,
            selected: pane.selected.checked_sub(pane.offset),
            empty: empty.text(lang),
            footer: vec![card_week_line(app)],
        },
    );
}

/// `Next 7 days by card: CMB ····1234 1,072.00 · (none) 300.00`.
fn card_week_line(app: &App) -> Line<'static> {
    let lang = app.lang;
    let mut spans = vec![Span::styled(
        TuiText::Next7DaysPerCard.text(lang).to_string(),
        theme::label(),
    )];
    if app.card_week.is_empty() {
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
