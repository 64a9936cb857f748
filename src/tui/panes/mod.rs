//! The three panes of the main screen, drawn from the app's loaded windows.

pub(crate) mod history;
pub(crate) mod plans;
pub(crate) mod upcoming;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::action::PaneId;
use super::app::App;
use super::pane_state::PaneState;
use super::theme;
use super::widgets::cells::cells;
use super::widgets::columns::{Column, fit, spans};
use super::widgets::pane_table::PaneTable;
use crate::i18n::tui::TuiText;

/// One table cell: its text and whether it hugs the right edge (amounts).
pub(crate) struct CellText {
    pub text: String,
    pub right: bool,
}

impl CellText {
    pub(crate) fn left(text: impl Into<String>) -> CellText {
        CellText {
            text: text.into(),
            right: false,
        }
    }

    pub(crate) fn right(text: impl Into<String>) -> CellText {
        CellText {
            text: text.into(),
            right: true,
        }
    }
}

/// Everything a pane draws: title, columns, the loaded rows and which one is selected.
pub(crate) struct PaneView<'a> {
    pub title: String,
    pub focused: bool,
    pub headings: Vec<&'a str>,
    pub columns: &'a [Column],
    /// Cells (one per column) and the row's style.
    pub rows: Vec<(Vec<CellText>, Style)>,
    /// Index into `rows` of the selection.
    pub selected: Option<usize>,
    /// Shown instead of the table when there are no rows.
    pub empty: &'a str,
    /// Lines under the table (the per-card totals).
    pub footer: Vec<Line<'a>>,
}

/// What sets one list pane apart: which it is, its number and name in the title, its columns
/// with their headings, and what it says when it has nothing to list.
pub(crate) struct ListPane<const N: usize> {
    pub id: PaneId,
    pub number: u8,
    pub name: TuiText,
    pub columns: [Column; N],
    pub headings: [TuiText; N],
    /// Shown for an empty list with no filter (with one: `NoMatches`).
    pub empty: TuiText,
}

impl<const N: usize> ListPane<N> {
    /// The view of `pane`'s loaded rows, each drawn by `row` as its cells and style.
    pub(crate) fn view<'a, R>(
        &'a self,
        app: &App,
        pane: &PaneState<R>,
        row: impl FnMut(&R) -> ([CellText; N], Style),
    ) -> PaneView<'a> {
        let lang = app.lang;
        let empty = if pane.filter.is_empty() {
            self.empty
        } else {
            TuiText::NoMatches
        };
        let mut title = pane_title(
            self.number,
            self.name.text(lang),
            pane.total,
            &pane.filter,
            lang,
        );
        if crate::tui::layout::screen_layout(app.size, app.focus).alone {
            // The other panes are a key away: say which.
            title.push_str(TuiText::AlonePaneHint.text(lang));
            title.push(' ');
        }
        PaneView {
            title,
            focused: app.focus == self.id && app.overlays.is_empty(),
            headings: self.headings.map(|t| t.text(lang)).to_vec(),
            columns: &self.columns,
            rows: pane
                .rows
                .iter()
                .map(row)
                .map(|(cells, style)| (cells.into(), style))
                .collect(),
            selected: pane.selected.checked_sub(pane.offset),
            empty: empty.text(lang),
            footer: Vec::new(),
        }
    }
}

pub(crate) const OTHER_SELECTION: &str = "›";
const SELECTION_MARK_WIDTH: u16 = 1;

/// Draws a pane: bordered block, table with the columns that fit, optional footer.
pub(crate) fn render_pane(frame: &mut Frame, area: Rect, view: PaneView<'_>) {
    let border = if view.focused {
        theme::focused_border()
    } else {
        theme::border()
    };
    // The focused pane is marked by its border's characters too (┏━┓), not by colour alone.
    let border_type = if view.focused {
        BorderType::Thick
    } else {
        BorderType::Plain
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(border)
        .title(Line::styled(view.title, border));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, footer_area] = table_and_footer(inner, cells(view.footer.len()));
    if !view.footer.is_empty() {
        frame.render_widget(Paragraph::new(view.footer), footer_area);
    }
    if view.rows.is_empty() {
        frame.render_widget(Paragraph::new(view.empty).style(theme::muted()), table_area);
        return;
    }
    // One column on the left marks the selected row (▶ in the focused pane, › in the others),
    // so it shows without colour or reverse video.
    let marked = table_area.width.saturating_sub(SELECTION_MARK_WIDTH);
    let (shown, widths) = fit(view.columns, marked);
    let spans = spans(&widths, marked);
    let header = shown
        .iter()
        .zip(&spans)
        .map(|(&i, &(_, w))| {
            let text = view.headings.get(i).copied().unwrap_or("");
            let right = view
                .rows
                .first()
                .is_some_and(|(cells, _)| cells.get(i).is_some_and(|c| c.right));
            align(text, w, right)
        })
        .collect();
    let rows = view
        .rows
        .iter()
        .map(|(cells, style)| {
            let cells = shown
                .iter()
                .zip(&spans)
                .map(|(&i, &(_, w))| {
                    let cell = cells.get(i);
                    let text = cell.map_or("", |c| c.text.as_str());
                    align(text, w, cell.is_some_and(|c| c.right))
                })
                .collect();
            (cells, *style)
        })
        .collect();
    let (highlight, mark) = if view.focused {
        (theme::selected(), theme::FOCUSED_SELECTION)
    } else {
        (theme::selected_unfocused(), OTHER_SELECTION)
    };
    let table = PaneTable {
        header,
        header_style: theme::header(),
        rows,
        spans: &spans,
        selected: view.selected,
        highlight,
        mark,
    };
    frame.render_widget(table, table_area);
}

/// `inner` split into the table and, under it, `footer` lines (as many as fit): what ratatui's
/// layout solver gives for `Min(0)` over `Length(footer)` (the test holds the two together),
/// by arithmetic, as the solver is slow on the cold cache of a fresh start.
fn table_and_footer(inner: Rect, footer: u16) -> [Rect; 2] {
    let footer = footer.min(inner.height);
    let table = Rect {
        height: inner.height - footer,
        ..inner
    };
    [
        table,
        Rect {
            y: inner.y + table.height,
            height: footer,
            ..inner
        },
    ]
}

fn align(text: &str, width: u16, right: bool) -> String {
    let cleaned = super::widgets::text::clean(text);
    if right {
        super::widgets::text::pad_left(&cleaned, width as usize)
    } else {
        super::widgets::text::truncate(&cleaned, width as usize)
    }
}

/// `Plans (12)` / `Plans (3 of 12) · filter: 花呗`.
fn pane_title(
    number: u8,
    name: &str,
    total: usize,
    filter: &str,
    lang: crate::i18n::Lang,
) -> String {
    let capped = !filter.is_empty() && total as u64 >= crate::store::tui_queries::MATCH_COUNT_CAP;
    let more = if capped { "+" } else { "" };
    let mut title = format!(" {number} {name} ({total}{more}) ");
    if !filter.is_empty() {
        title.push_str(&crate::i18n::fill(
            crate::i18n::tui::TuiText::FilterActive.text(lang),
            &[&filter],
        ));
        title.push(' ');
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    #[test]
    fn the_footer_split_is_the_layout_solvers() {
        for height in 0..40 {
            for footer in 0..6 {
                let inner = Rect::new(3, 2, 50, height);
                let solved =
                    Layout::vertical([Constraint::Min(0), Constraint::Length(footer)]).areas(inner);
                assert_eq!(table_and_footer(inner, footer), solved, "{height} {footer}");
            }
        }
    }
}
