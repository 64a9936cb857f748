//! The History pane: date, plan, amount, channel, card, reference; failed debits marked,
//! automatic postings not yet confirmed first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{CellText, ListPane, render_pane};
use crate::i18n::store::channel;
use crate::i18n::tui::TuiText;
use crate::store::RepaymentKind;
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::pane_columns::HISTORY;
use crate::tui::rows::HistoryRow;
use crate::tui::theme;

static PANE: ListPane<6> = ListPane {
    id: PaneId::History,
    number: 3,
    name: TuiText::PaneHistory,
    columns: HISTORY,
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

/// `payoff · app` / `提前结清 · 支付宝/App`: a payoff, and how it was paid.
pub(crate) fn payoff_channel(lang: crate::i18n::Lang, paid_by: crate::store::Channel) -> String {
    format!(
        "{} · {}",
        TuiText::PayoffMark.text(lang),
        channel(lang, paid_by)
    )
}

pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let view = PANE.view(app, &app.history, |row| {
        let r = match row {
            HistoryRow::Recorded(r) => r,
            HistoryRow::Posted(p) => {
                let card = app
                    .card_name(p.card_id)
                    .unwrap_or_else(|| TuiText::NoCard.text(lang).to_string());
                let cells = [
                    CellText::left(p.due_date.to_string()),
                    CellText::left(p.plan_name.clone()),
                    CellText::right(p.amount.grouped()),
                    CellText::left(TuiText::PostedChannel.text(lang).to_string()),
                    CellText::left(card),
                    CellText::left(String::new()),
                ];
                return (cells, theme::soon());
            }
        };
        let (channel, style) = if r.failed {
            (TuiText::FailedMark.text(lang).to_string(), theme::alert())
        } else if r.kind == RepaymentKind::Payoff {
            // The word first, so a narrow column cuts the channel, never "payoff".
            (payoff_channel(lang, r.channel), theme::good())
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
