//! What is drawn over the panes: detail, month view, cards, forms, questions, help, errors.

pub mod detail;
pub mod form;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, CardsView, Confirm, MonthView, Overlay};
use super::theme;
use super::widgets::month_chart::MonthChart;
use super::widgets::popup::{PopupClear, centered};
use super::widgets::text::{clean, pad_right, wrap, wrap_lines};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};

/// Draws one overlay over the body of the screen.
pub fn render(frame: &mut Frame, body: Rect, overlay: &Overlay, app: &App) {
    let lang = app.lang;
    match overlay {
        Overlay::Help => render_help(frame, body, lang),
        Overlay::Detail(view) => detail::render(frame, body, view, lang),
        Overlay::Month(view) => render_month(frame, body, view, lang),
        Overlay::Cards(view) => render_cards(frame, body, view, app),
        Overlay::Form(view) => form::render(frame, body, view, lang),
        Overlay::Confirm(question) => render_confirm(frame, body, question, lang),
        Overlay::Error(message) => render_message(
            frame,
            body,
            TuiText::ErrorTitle.text(lang),
            message,
            theme::alert(),
        ),
    }
}

fn boxed(frame: &mut Frame, area: Rect, title: &str, style: Style) -> Rect {
    frame.render_widget(PopupClear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn render_help(frame: &mut Frame, body: Rect, lang: Lang) {
    let keys = [
        TuiText::HelpPanes,
        TuiText::HelpMove,
        TuiText::HelpEnter,
        TuiText::HelpAdd,
        TuiText::HelpEditDelete,
        TuiText::HelpPay,
        TuiText::HelpFailed,
        TuiText::HelpPayoff,
        TuiText::HelpCards,
        TuiText::HelpMonth,
        TuiText::HelpFilter,
        TuiText::HelpUndo,
        TuiText::HelpLang,
        TuiText::HelpHelp,
        TuiText::HelpQuit,
    ];
    let mut lines: Vec<Line> = keys.iter().map(|k| Line::from(k.text(lang))).collect();
    lines.push(Line::from(""));
    lines.push(Line::styled(TuiText::HelpForms.text(lang), theme::muted()));
    let area = centered(body, 76, lines.len() as u16 + 4);
    let inner = boxed(
        frame,
        area,
        TuiText::HelpTitle.text(lang),
        theme::focused_border(),
    );
    let lines = wrap_lines(lines, inner.width as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_month(frame: &mut Frame, body: Rect, view: &MonthView, lang: Lang) {
    let title = if view.by_card {
        TuiText::MonthTitleCard
    } else {
        TuiText::MonthTitleProvider
    };
    let inner = boxed(frame, body, title.text(lang), theme::focused_border());
    let mut data = if view.by_card {
        view.data.by_card.clone()
    } else {
        view.data.by_provider.clone()
    };
    for name in &mut data.names {
        *name = if name.is_empty() {
            TuiText::NoCard.text(lang).to_string()
        } else {
            clean(name)
        };
    }
    frame.render_widget(MonthChart { data: &data }, inner);
}

fn render_cards(frame: &mut Frame, body: Rect, view: &CardsView, app: &App) {
    let lang = app.lang;
    let cards: Vec<_> = app.active_cards().collect();
    let height = cards.len().max(1) as u16 + 4;
    let area = centered(body, 70, height);
    let inner = boxed(
        frame,
        area,
        TuiText::CardsTitle.text(lang),
        theme::focused_border(),
    );
    let mut lines = vec![Line::styled(
        format!(
            "{} {} {} {}",
            pad_right("#", 4),
            pad_right(TuiText::ColBank.text(lang), 16),
            pad_right(TuiText::ColLast4.text(lang), 8),
            TuiText::ColLabel.text(lang),
        ),
        theme::header(),
    )];
    if cards.is_empty() {
        lines.push(Line::styled(TuiText::NoCards.text(lang), theme::muted()));
    }
    for (index, card) in cards.iter().enumerate() {
        let style = if index == view.selected {
            theme::selected()
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(
            format!(
                "{} {} {} {}",
                pad_right(&card.id.to_string(), 4),
                pad_right(&clean(&card.bank), 16),
                pad_right(&format!("····{}", card.last4), 8),
                clean(&card.label),
            ),
            style,
        )];
        if card.is_default {
            spans.push(Span::styled(
                format!("  [{}]", TuiText::DefaultMark.text(lang)),
                theme::good(),
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_confirm(frame: &mut Frame, body: Rect, question: &Confirm, lang: Lang) {
    let text = match question {
        Confirm::DeletePlan { id, name } => {
            fill(TuiText::ConfirmDelete.text(lang), &[id, &clean(name)])
        }
        Confirm::LoadDemo => TuiText::ConfirmDemo.text(lang).to_string(),
        Confirm::RestoreDraft(_) => TuiText::ConfirmDraft.text(lang).to_string(),
        Confirm::Quit => TuiText::ConfirmQuit.text(lang).to_string(),
    };
    render_message(
        frame,
        body,
        TuiText::ConfirmTitle.text(lang),
        &text,
        theme::soon(),
    );
}

fn render_message(frame: &mut Frame, body: Rect, title: &str, text: &str, style: Style) {
    let width = 56u16;
    let lines = (unicode_width::UnicodeWidthStr::width(text) as u16).div_ceil(width - 3);
    let area = centered(body, width, lines + 2);
    let inner = boxed(frame, area, title, style);
    let lines = wrap(&clean(text), inner.width as usize)
        .into_iter()
        .map(Line::from)
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(lines), inner);
}
