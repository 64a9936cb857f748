//! The Plans pane: provider, name, paid/total with a gauge, next due, remaining, APR.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{CellText, PaneView, pane_title, render_pane};
use crate::domain::rate::percent4;
use crate::i18n::tui::TuiText;
use crate::store::PlanStatus;
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::widgets::columns::Column;
use crate::tui::widgets::gauge::progress;

const COLUMNS: [Column; 6] = [
    Column::fixed(10, 4),
    Column::flexible(12, 0),
    Column::fixed(11, 3),
    Column::fixed(10, 2),
    Column::fixed(12, 0),
    Column::fixed(8, 1),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let pane = &app.plans;
    let rows = pane
        .rows
        .iter()
        .map(|plan| {
            let style = match plan.status {
                PlanStatus::Overdue | PlanStatus::DebitFailed => theme::alert(),
                status if status.is_finished() => theme::muted(),
                _ => Style::new(),
            };
            let next = match plan.next_due_date {
                Some(date) => date.to_string(),
                None => TuiText::Done.text(lang).to_string(),
            };
            (
                vec![
                    CellText::left(plan.provider.clone()),
                    CellText::left(plan.name.clone()),
                    CellText::left(progress(plan.paid_periods, plan.periods, 5)),
                    CellText::left(next),
                    CellText::right(plan.remaining.grouped()),
                    CellText::right(format!("{}%", percent4(plan.apr_percent))),
                ],
                style,
            )
        })
        .collect();
    let headings = [
        TuiText::ColProvider,
        TuiText::ColName,
        TuiText::ColPaid,
        TuiText::ColNextDue,
        TuiText::ColRemaining,
        TuiText::ColApr,
    ]
    .map(|t| t.text(lang))
    .to_vec();
    let empty = if pane.filter.is_empty() {
        TuiText::NoPlans
    } else {
        TuiText::NoMatches
    };
    render_pane(
        frame,
        area,
        PaneView {
            title: pane_title(
                1,
                TuiText::PanePlans.text(lang),
                pane.total,
                &pane.filter,
                lang,
            ),
            focused: app.focus == PaneId::Plans && app.overlays.is_empty(),
            headings,
            columns: &COLUMNS,
            rows,
            selected: pane.selected.checked_sub(pane.offset),
            empty: empty.text(lang),
            footer: Vec::new(),
        },
    );
}
