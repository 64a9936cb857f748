//! The History pane: date, plan, amount, channel, card, reference; failed debits marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{CellText, PaneView, pane_title, render_pane};
use crate::i18n::store::channel;
use crate::i18n::tui::TuiText;
use crate::store::RepaymentKind;
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::widgets::columns::Column;

const COLUMNS: [Column; 6] = [
    Column::fixed(10, 0),
    Column::flexible(10, 1),
    Column::fixed(10, 0),
    Column::fixed(12, 2),
    Column::fixed(14, 3),
    Column::fixed(12, 4),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let pane = &app.history;
    let rows = pane
        .rows
        .iter()
        .map(|r| {
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
            (
                vec![
                    CellText::left(r.paid_on.to_string()),
                    CellText::left(r.plan_name.clone()),
                    CellText::right(r.amount.grouped()),
                    CellText::left(channel),
                    CellText::left(card),
                    CellText::left(r.reference.clone()),
                ],
                style,
            )
        })
        .collect();
    let headings = [
        TuiText::ColDate,
        TuiText::ColPlan,
        TuiText::ColAmount,
        TuiText::ColChannel,
        TuiText::ColCard,
        TuiText::ColReference,
    ]
    .map(|t| t.text(lang))
    .to_vec();
    let empty = if pane.filter.is_empty() {
        TuiText::NoHistory
    } else {
        TuiText::NoMatches
    };
    render_pane(
        frame,
        area,
        PaneView {
            title: pane_title(
                3,
                TuiText::PaneHistory.text(lang),
                pane.total,
                &pane.filter,
                lang,
            ),
            focused: app.focus == PaneId::History && app.overlays.is_empty(),
            headings,
            columns: &COLUMNS,
            rows,
            selected: pane.selected.checked_sub(pane.offset),
            empty: empty.text(lang),
            footer: Vec::new(),
        },
    );
}
