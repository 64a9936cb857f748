//! Drawing the plan form's provider choices: the preset picker and the comparison of offers.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::domain::presets::{self, Preset};
use crate::domain::rate::percent4;
use crate::i18n::compare::CompareText;
use crate::i18n::presets::{PresetText, counts, preset_name};
use crate::i18n::terms::flag;
use crate::i18n::{Lang, fill};
use crate::tui::picker::{OfferList, PresetPicker, Skipped};
use crate::tui::theme;
use crate::tui::widgets::popup::{PopupClear, centered};
use crate::tui::widgets::text::{clean, pad_left, pad_right, truncate};

/// A bordered box with a title; returns the area inside.
fn boxed(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    frame.render_widget(PopupClear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focused_border())
        .title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The first line of `lines` to show so that line `selected` is in a view `height` high.
fn scroll_for(selected: usize, height: usize) -> usize {
    (selected + 1).saturating_sub(height)
}

/// The presets for `all` when the file loads (an empty list otherwise: the picker then offers
/// only "no preset").
fn loaded() -> &'static [Preset] {
    presets::all().unwrap_or(&[])
}

/// The picker: the filter line, "no preset", then each match with both names and its counts.
pub fn render_picker(frame: &mut Frame, body: Rect, picker: &PresetPicker, lang: Lang) {
    let all = loaded();
    let matches = picker.matches(all);
    let height = (matches.len() as u16 + 6).min(body.height);
    let area = centered(body, 78, height);
    let inner = boxed(frame, area, PresetText::PickerTitle.text(lang));
    let width = inner.width as usize;
    let label = PresetText::PickerFilter.text(lang);
    let filter = Line::from(vec![
        Span::styled(label, theme::label()),
        Span::styled(clean(picker.query.text()), theme::input_focused()),
    ]);
    let column = unicode_width::UnicodeWidthStr::width(label) + picker.query.cursor_column();
    frame.set_cursor_position(Position::new(inner.x + column as u16, inner.y));
    let mut rows: Vec<Line> = vec![Line::styled(
        format!("  {}", PresetText::PickerNone.text(lang)),
        style_of(picker.selected == 0),
    )];
    for (index, preset) in matches.iter().enumerate() {
        let other = match lang {
            Lang::Zh => &preset.name_en,
            Lang::En => &preset.name_zh,
        };
        let names = format!("{} · {}", preset_name(lang, preset), other);
        let text = format!(
            "  {} {} {}",
            pad_right(&preset.id, 14),
            pad_right(
                &truncate(&clean(&names), width.saturating_sub(32)),
                width.saturating_sub(32)
            ),
            counts(&preset.periods())
        );
        rows.push(Line::styled(
            truncate(&text, width),
            style_of(picker.selected == index + 1),
        ));
    }
    if matches.is_empty() && !picker.query.text().is_empty() {
        rows.push(Line::styled(
            PresetText::PickerNoMatch.text(lang),
            theme::muted(),
        ));
    }
    let list_height = (inner.height as usize).saturating_sub(3);
    let skip = scroll_for(picker.selected, list_height);
    let mut lines = vec![filter, Line::from("")];
    lines.extend(rows.into_iter().skip(skip).take(list_height));
    frame.render_widget(Paragraph::new(lines), inner);
    let footer = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(PresetText::StartingPoint.text(lang), width),
            theme::muted(),
        )),
        footer,
    );
}

fn style_of(selected: bool) -> Style {
    if selected {
        theme::selected()
    } else {
        Style::new()
    }
}

/// The comparison: rank, provider and count, per period, total fee, APR; then the presets
/// left out.
pub fn render_offers(frame: &mut Frame, body: Rect, offers: &OfferList, lang: Lang) {
    let all = loaded();
    let title = fill(
        PresetText::OffersTitle.text(lang),
        &[&offers.principal.grouped(), &offers.start],
    );
    let inner = boxed(frame, body, &title);
    let width = inner.width as usize;
    let name_width = width.saturating_sub(4 + 5 + 12 + 11 + 10 + 5).clamp(8, 40);
    let header = format!(
        "{} {} {} {} {} {}",
        pad_left("#", 3),
        pad_right(CompareText::ColName.text(lang), name_width),
        pad_left(CompareText::ColPeriods.text(lang), 4),
        pad_left(CompareText::ColPerPeriod.text(lang), 11),
        pad_left(CompareText::ColTotalFee.text(lang), 10),
        pad_left(CompareText::ColApr.text(lang), 9),
    );
    let mut lines = vec![Line::styled(truncate(&header, width), theme::header())];
    let skipped = skipped_line(offers, lang);
    let room = (inner.height as usize)
        .saturating_sub(1 + usize::from(skipped.is_some()))
        .max(1);
    let skip = scroll_for(offers.selected, room);
    if offers.rows.is_empty() {
        lines.push(Line::styled(
            PresetText::OffersNone.text(lang),
            theme::muted(),
        ));
    }
    for (index, row) in offers.rows.iter().enumerate().skip(skip).take(room) {
        let name = all
            .iter()
            .find(|p| Some(&p.id) == row.preset.as_ref())
            .map_or(row.option.clone(), |p| preset_name(lang, p).to_string());
        let text = format!(
            "{} {} {} {} {} {}",
            pad_left(&row.rank.to_string(), 3),
            pad_right(&truncate(&clean(&name), name_width), name_width),
            pad_left(&row.periods.to_string(), 4),
            pad_left(&row.per_period.grouped(), 11),
            pad_left(&row.total_fee.grouped(), 10),
            pad_left(&percent4(row.apr_percent), 9),
        );
        lines.push(Line::styled(
            truncate(&text, width),
            style_of(index == offers.selected),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(text) = skipped {
        let area = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme::muted())).wrap(Wrap { trim: true }),
            area,
        );
    }
}

/// "Not compared: 招商… (needs --statement-day), …", when some preset is left out.
fn skipped_line(offers: &OfferList, lang: Lang) -> Option<String> {
    if offers.skipped.is_empty() {
        return None;
    }
    let names: Vec<String> = offers
        .skipped
        .iter()
        .map(|(preset, why)| match why {
            Skipped::Needs(field) => fill(
                PresetText::OffersSkippedNeeds.text(lang),
                &[&preset.id, &flag(*field)],
            ),
            Skipped::Refused => preset.id.clone(),
        })
        .collect();
    Some(fill(
        PresetText::OffersSkipped.text(lang),
        &[&names.join(", ")],
    ))
}
