//! The History pane: date, plan, amount, channel, card, reference; failed debits marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{CellText, ListPane, render_pane};
use crate::i18n::store::channel;
use crate::i18n::tui::TuiText;
use crate::store::RepaymentKind;
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::widgets::columns::Column;

static PANE: ListPane<6> = ListPane {
    id: PaneId::History,
    number: 3,
    name: TuiText::PaneHistory,
    columns: [
        Column::fixed(10, 0),
        Column::flexible(10, 1),
        Column::fixed(10, 0),
        Column::fixed(12, 2),
        Column::fixed(14, 3),
        Column::fixed(12, 4),
    ],
    headings: [
        TuiText::ColDate,
        TuiText::ColPlan,
        TuiText::ColAmount,
        TuiText::ColChannel,
        TuiText::ColCard,
        TuiText::ColReference,
    ],
    empty: TuiText::NoHistory,
};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let view = PANE.view(app, &app.history, |r| {
        let (channel, style) = if r.failed {
            (TuiText::FailedMark.text(lang).to_string(), theme::alert())
        } else if r.kind == RepaymentKind::Payoff {
            (format!("{} ✓", channel(lang, r.channel)), theme::good())
        } else {
            (channel(lang, r.channel).to_string(), Style::new())
        };
        let card = r
            .card
            .as_ref()
            .map(crate::tui::app::short_card)
            .unwrap_or_else(|| TuiText::NoCard.text(lang).to_string());
        let cells = [
            CellText::left(r.paid_on.to_string()),
            CellText::left(r.plan_name.clone()),
            CellText::right(r.amount.grouped()),
            CellText::left(channel),
            CellText::left(card),
            CellText::left(r.reference.clone()),
        ];
        (cells, style)
    });
    render_pane(frame, area, view);
}
