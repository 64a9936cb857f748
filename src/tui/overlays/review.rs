//! Drawing the statement review: the statement's heading, then each list (matched, missing,
//! duplicates, unexpected, suggested plans) with a tick box on every line that writes
//! something, its action, and the selected line marked; scrolled to the selection.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{boxed, scroll_marks};
use crate::i18n::reconcile::ReconcileText;
use crate::i18n::statement::{format_name, provider_name};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::tui::overlay::ReviewView;
use crate::tui::theme;
use crate::tui::theme::FOCUSED_SELECTION;
use crate::tui::widgets::text::{clean, pad_left, pad_right, truncate};
use crate::view::reconcile::{ItemKind, ReviewItem, action_text};

/// The headings of the lists, in the order of [`ItemKind::list`].
const HEADINGS: [ReconcileText; 5] = [
    ReconcileText::MatchedHeading,
    ReconcileText::MissingHeading,
    ReconcileText::DuplicatesHeading,
    ReconcileText::UnexpectedHeading,
    ReconcileText::SuggestedHeading,
];

/// Draws the review over the whole body.
pub(crate) fn render(frame: &mut Frame, body: Rect, view: &ReviewView, lang: Lang) {
    let review = &view.review;
    let title = fill(TuiText::ReviewTitle.text(lang), &[&clean(&review.source)]);
    let inner = boxed(frame, body, &title, theme::focused_border());
    let width = inner.width as usize;
    let (from, to) = review
        .range
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .unwrap_or_default();
    let heading = fill(
        ReconcileText::Heading.text(lang),
        &[
            &clean(&review.source),
            &format_name(lang, review.format),
            &from,
            &to,
            &review.lines,
        ],
    );
    // The heading stays; the lists scroll under it.
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_line = 0;
    let counts = review.counts();
    for (list, title) in HEADINGS.iter().enumerate() {
        if counts[list] == 0 {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(
            fill(title.text(lang), &[&counts[list]]),
            theme::header(),
        ));
        for (at, item) in review.items.iter().enumerate() {
            if item.kind.list() != list {
                continue;
            }
            let chosen = view.chosen.get(at).copied().unwrap_or(false);
            let selected = at == view.selected;
            if selected {
                selected_line = lines.len();
            }
            lines.push(item_line(item, chosen, selected, lang, width));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            ReconcileText::NoItems.text(lang),
            theme::muted(),
        ));
    }
    let rows = (inner.height as usize).saturating_sub(2).max(1);
    let skip = (selected_line + 1).saturating_sub(rows);
    let limit = lines.len().saturating_sub(rows);
    let mut shown = vec![
        Line::styled(truncate(&heading, width), theme::muted()),
        Line::from(""),
    ];
    shown.extend(lines.into_iter().skip(skip));
    frame.render_widget(Paragraph::new(shown), inner);
    scroll_marks(frame, body, skip, limit, theme::focused_border());
}

/// One item: tick box, line, date, amount, plan and period, action, text.
fn item_line(
    item: &ReviewItem,
    chosen: bool,
    selected: bool,
    lang: Lang,
    width: usize,
) -> Line<'static> {
    let mark = if selected { FOCUSED_SELECTION } else { " " };
    let tick = match (&item.write, chosen) {
        (Some(_), true) => "[x]",
        (Some(_), false) => "[ ]",
        (None, _) => "   ",
    };
    let line = item.line.map(|l| l.to_string()).unwrap_or_default();
    let plan = match (&item.installment, &item.kind) {
        (Some(i), _) => format!("#{} {}/{}", i.plan_id, i.period, i.periods),
        (None, ItemKind::SuggestedPlan { provider, periods }) => {
            let provider = provider.map(|p| provider_name(lang, p)).unwrap_or_default();
            match periods {
                Some(n) => format!("{provider} ×{n}"),
                None => provider.to_string(),
            }
        }
        (None, _) => String::new(),
    };
    let action = action_text(lang, item);
    let head = format!(
        "{mark}{tick} {} {} {} {} {} ",
        pad_left(&line, 4),
        item.date,
        pad_left(&item.amount.grouped(), 10),
        pad_right(&truncate(&clean(&plan), 12), 12),
        pad_right(&truncate(&action, 16), 16),
    );
    let used = head.width();
    let text = truncate(&clean(&item.text), width.saturating_sub(used));
    let style = if selected {
        theme::selected()
    } else if item.write.is_some() && !chosen {
        theme::muted()
    } else {
        Style::new()
    };
    Line::from(vec![Span::styled(head, style), Span::styled(text, style)])
}
