//! What is drawn over the panes: detail, month view, cards, forms, questions, help, errors.

pub(crate) mod decide;
pub mod detail;
pub(crate) mod form;
pub(crate) mod help;
pub(crate) mod picker;
pub(crate) mod review;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::overlay::{CardsView, Confirm, LimitsView, MonthView, Overlay};
use super::theme;
use super::theme::FOCUSED_SELECTION;
use super::widgets::cells::cells;
use super::widgets::month_chart::MonthChart;
use super::widgets::popup::{PopupClear, centered};
use super::widgets::text::{clean, pad_left, pad_right, wrap, wrap_lines};
use crate::i18n::count::{Noun, count as count_text};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::Card;

/// Draws one overlay over the body of the screen, scrolled by `scroll` lines where it scrolls
/// as a whole; `cards` are every card (the cards list shows those not archived).
pub(crate) fn render(
    frame: &mut Frame,
    body: Rect,
    overlay: &Overlay,
    lang: Lang,
    scroll: usize,
    cards: &[Card],
) {
    match overlay {
        Overlay::Detail(view) => detail::render(frame, body, view, lang),
        Overlay::Cards(view) => render_cards(frame, body, view, lang, cards),
        Overlay::Limits(view) => render_limits(frame, body, view, lang),
        Overlay::Form(view) => form::render(frame, body, view, lang),
        Overlay::Picker(view) => picker::render_picker(frame, body, view, lang),
        Overlay::Offers(view) => picker::render_offers(frame, body, view, lang),
        Overlay::Review(view) => review::render(frame, body, view, lang),
        _ => {
            if let Some(scrolled) = Scrolled::of(overlay, body, lang) {
                scrolled.render(frame, scroll);
            }
        }
    }
}

/// An overlay that is a box of lines scrolled with j/k (help, month view, questions, errors):
/// where its box goes and what it holds.
struct Scrolled {
    area: Rect,
    title: String,
    style: Style,
    lines: Vec<Line<'static>>,
}

impl Scrolled {
    /// The box and lines of `overlay` over `body`; `None` for overlays that scroll otherwise.
    fn of(overlay: &Overlay, body: Rect, lang: Lang) -> Option<Scrolled> {
        let scrolled = match overlay {
            Overlay::Help => {
                let lines = help::lines(lang);
                let area = centered(body, 78, cells(lines.len()).saturating_add(2));
                Scrolled::new(
                    area,
                    TuiText::HelpTitle.text(lang),
                    theme::focused_border(),
                    lines,
                )
            }
            Overlay::Month(view) => Scrolled::new(
                body,
                month_title(view).text(lang),
                theme::focused_border(),
                month_lines(view, lang, body.width.saturating_sub(2)),
            ),
            Overlay::Summary(view) => Scrolled::new(
                body,
                TuiText::SummaryTitle.text(lang),
                theme::focused_border(),
                decide::summary_lines(&view.data, lang, body.width.saturating_sub(2)),
            ),
            Overlay::Confirm(question) => message(
                body,
                TuiText::ConfirmTitle.text(lang),
                &confirm_text(question, lang),
                theme::soon(),
            ),
            Overlay::Error(text) => {
                message(body, TuiText::ErrorTitle.text(lang), text, theme::alert())
            }
            Overlay::Detail(_)
            | Overlay::Cards(_)
            | Overlay::Limits(_)
            | Overlay::Form(_)
            | Overlay::Picker(_)
            | Overlay::Offers(_)
            | Overlay::Review(_) => return None,
        };
        Some(scrolled)
    }

    /// `lines` wrapped to the inside of `area`.
    fn new(area: Rect, title: &str, style: Style, lines: Vec<Line<'static>>) -> Scrolled {
        let width = area.width.saturating_sub(2) as usize;
        Scrolled {
            area,
            title: title.to_string(),
            style,
            lines: wrap_lines(lines, width),
        }
    }

    /// How far it scrolls at most: its lines past the inside of its box.
    fn limit(&self) -> usize {
        self.lines
            .len()
            .saturating_sub(self.area.height.saturating_sub(2) as usize)
    }

    /// Draws the box scrolled by `scroll` lines, with ▲ / ▼ on its right edge when there is
    /// more above / below.
    fn render(self, frame: &mut Frame, scroll: usize) {
        let scroll = scroll.min(self.limit());
        let (limit, area) = (self.limit(), self.area);
        let inner = boxed(frame, area, &self.title, self.style);
        frame.render_widget(
            Paragraph::new(self.lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
            inner,
        );
        scroll_marks(frame, area, scroll, limit, self.style);
    }
}

/// ▲ / ▼ on the right border of a scrolled box when there is more above / below.
pub(crate) fn scroll_marks(
    frame: &mut Frame,
    area: Rect,
    scroll: usize,
    limit: usize,
    style: Style,
) {
    if area.height < 3 || area.width < 1 {
        return;
    }
    let x = area.right() - 1;
    let buf = frame.buffer_mut();
    if scroll > 0 {
        buf.set_string(x, area.y + 1, "▲", style);
    }
    if scroll < limit {
        buf.set_string(x, area.bottom() - 2, "▼", style);
    }
}

/// How far the topmost overlay scrolls at most over `body` (0 for those that do not scroll
/// by j/k as a whole).
pub(crate) fn scroll_limit(overlays: &[Overlay], body: Rect, lang: Lang) -> usize {
    overlays
        .last()
        .and_then(|overlay| Scrolled::of(overlay, body, lang))
        .map_or(0, |s| s.limit())
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

fn month_title(view: &MonthView) -> TuiText {
    if view.calendar {
        TuiText::MonthTitleCalendar
    } else if view.by_card {
        TuiText::MonthTitleCard
    } else {
        TuiText::MonthTitleProvider
    }
}

/// The month chart as lines `width` columns wide.
fn month_lines(view: &MonthView, lang: Lang, width: u16) -> Vec<Line<'static>> {
    if view.calendar {
        let mut calendar = view.data.calendar.clone();
        for (name, _) in &mut calendar.cards {
            *name = if name.is_empty() {
                TuiText::NoCard.text(lang).to_string()
            } else {
                clean(name)
            };
        }
        return calendar.lines(lang, width);
    }
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
    MonthChart { data: &data }.lines(width)
}

fn render_cards(frame: &mut Frame, body: Rect, view: &CardsView, lang: Lang, cards: &[Card]) {
    let cards: Vec<&Card> = cards.iter().filter(|c| !c.archived).collect();
    let height = cells(cards.len().max(1)).saturating_add(4);
    let area = centered(body, 70, height);
    let inner = boxed(
        frame,
        area,
        TuiText::CardsTitle.text(lang),
        theme::focused_border(),
    );
    let mut lines = vec![Line::styled(
        format!(
            " {} {} {} {}",
            pad_right("#", 3),
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
        let mark = if index == view.selected {
            FOCUSED_SELECTION
        } else {
            " "
        };
        let mut spans = vec![Span::styled(
            format!(
                "{mark}{} {} {} {}",
                pad_right(&card.id.to_string(), 3),
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
    // Scrolled so the selected card shows, under the heading that stays.
    let rows = (inner.height as usize).saturating_sub(1).max(1);
    let skip = (view.selected + 1).saturating_sub(rows);
    let heading = lines.remove(0);
    let limit = lines.len().saturating_sub(rows);
    lines.drain(..skip.min(lines.len()));
    lines.insert(0, heading);
    frame.render_widget(Paragraph::new(lines), inner);
    scroll_marks(frame, area, skip, limit, theme::focused_border());
}

/// The credit limits: provider, limit, used (unpaid principal), available; the selected row
/// marked ▶, scrolled to it.
fn render_limits(frame: &mut Frame, body: Rect, view: &LimitsView, lang: Lang) {
    let area = centered(body, 72, cells(view.rows.len().max(1)).saturating_add(4));
    let inner = boxed(
        frame,
        area,
        TuiText::LimitsTitle.text(lang),
        theme::focused_border(),
    );
    let mut lines = vec![Line::styled(
        format!(
            " {} {} {} {}",
            pad_right(TuiText::ColProvider.text(lang), 20),
            pad_left(TuiText::ColLimit.text(lang), 14),
            pad_left(TuiText::ColUsed.text(lang), 14),
            pad_left(TuiText::ColAvailable.text(lang), 14),
        ),
        theme::header(),
    )];
    if view.rows.is_empty() {
        lines.push(Line::styled(TuiText::NoLimits.text(lang), theme::muted()));
    }
    let rows = (inner.height as usize).saturating_sub(1).max(1);
    let skip = (view.selected + 1).saturating_sub(rows);
    for (index, row) in view.rows.iter().enumerate().skip(skip) {
        let (mark, style) = if index == view.selected {
            (FOCUSED_SELECTION, theme::selected())
        } else {
            (" ", Style::new())
        };
        let available = if row.available.is_negative() {
            theme::alert()
        } else {
            style
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{mark}{} {} {} ",
                    pad_right(&clean(&row.provider), 20),
                    pad_left(&row.limit.grouped(), 14),
                    pad_left(&row.used.grouped(), 14),
                ),
                style,
            ),
            Span::styled(pad_left(&row.available.grouped(), 14), available),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scroll_marks(
        frame,
        area,
        skip,
        view.rows.len().saturating_sub(rows),
        theme::focused_border(),
    );
}

fn confirm_text(question: &Confirm, lang: Lang) -> String {
    match question {
        Confirm::DeletePlan { id, name, .. } => {
            fill(TuiText::ConfirmDelete.text(lang), &[id, &clean(name)])
        }
        Confirm::LoadDemo => TuiText::ConfirmDemo.text(lang).to_string(),
        Confirm::RestoreDraft(_) => TuiText::ConfirmDraft.text(lang).to_string(),
        Confirm::Quit => TuiText::ConfirmQuit.text(lang).to_string(),
        Confirm::TakeBack(r) => fill(
            TuiText::ConfirmTakeBack.text(lang),
            &[&r.amount.grouped(), &r.paid_on, &clean(&r.plan_name)],
        ),
        Confirm::DeleteCard { id, name } => {
            fill(TuiText::ConfirmDeleteCard.text(lang), &[id, &clean(name)])
        }
        Confirm::ConfirmPostings { count, amount } => fill(
            TuiText::ConfirmPostings.text(lang),
            &[&count_text(lang, *count, Noun::Posting), &amount.grouped()],
        ),
        Confirm::FailedWithoutAutoDebit { id, name } => fill(
            TuiText::ConfirmFailedNoAutoDebit.text(lang),
            &[id, &clean(name)],
        ),
    }
}

/// A question or an error: `text` wrapped in a box 56 columns wide (or the body's width).
fn message(body: Rect, title: &str, text: &str, style: Style) -> Scrolled {
    let width = 56u16.min(body.width);
    let lines: Vec<Line<'static>> = wrap(&clean(text), width.saturating_sub(2) as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    let area = centered(body, width, cells(lines.len()).saturating_add(2));
    Scrolled::new(area, title, style, lines)
}
