//! The Plans pane: provider, name, paid/total with a gauge, next due, remaining, APR.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{CellText, ListPane, render_pane};
use crate::domain::rate::percent4;
use crate::i18n::tui::TuiText;
use crate::store::PlanStatus;
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::pane_columns::PLANS;
use crate::tui::theme;
use crate::tui::widgets::gauge::progress;

static PANE: ListPane<6> = ListPane {
    id: PaneId::Plans,
    number: 1,
    name: TuiText::PanePlans,
    columns: PLANS,
    headings: [
        TuiText::ColProvider,
        TuiText::ColName,
        TuiText::ColPaid,
        TuiText::ColNextDue,
        TuiText::ColRemaining,
        TuiText::ColApr,
    ],
    empty: TuiText::NoPlans,
};

pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let view = PANE.view(app, &app.plans, |plan| {
        let style = match plan.status {
            PlanStatus::Overdue | PlanStatus::DebitFailed => theme::alert(),
            status if status.is_finished() => theme::muted(),
            _ => Style::new(),
        };
        let next = match plan.next_due_date {
            Some(date) => date.to_string(),
            None => TuiText::Done.text(lang).to_string(),
        };
        let cells = [
            CellText::left(plan.provider.clone()),
            // ⚑: the auto-debit must be set up again with a new card (see the detail).
            CellText::left(match plan.debit_setup {
                Some(_) => format!("⚑ {}", plan.name),
                None => plan.name.clone(),
            }),
            CellText::left(progress(plan.paid_periods, plan.periods, 5)),
            CellText::left(next),
            CellText::right(plan.remaining.grouped()),
            CellText::right(format!("{}%", percent4(plan.apr_percent))),
        ];
        (cells, style)
    });
    render_pane(frame, area, view);
}
