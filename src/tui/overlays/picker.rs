//! Drawing the plan form's provider choices: the preset picker and the comparison of offers.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::presets::{self, Preset};
use crate::domain::rate::percent4;
use crate::domain::terms_input::TermField;
use crate::i18n::compare::CompareText;
use crate::i18n::presets::{PresetText, preset_name};
use crate::i18n::terms::flag;
use crate::i18n::{Lang, fill};
use crate::tui::picker::{OfferList, PresetPicker, Skipped};
use crate::tui::theme;
use crate::tui::widgets::cells::cells as cell_count;
use crate::tui::widgets::popup::{PopupClear, centered};
use crate::tui::widgets::text::{clean, pad_left, pad_right, truncate, wrap};

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
pub(crate) fn render_picker(frame: &mut Frame, body: Rect, picker: &PresetPicker, lang: Lang) {
    let all = loaded();
    let matches = picker.matches(all);
    let height = cell_count(matches.len()).saturating_add(6).min(body.height);
    let area = centered(body, 78, height);
    let inner = boxed(frame, area, PresetText::PickerTitle.text(lang));
    let width = inner.width as usize;
    let label = PresetText::PickerFilter.text(lang);
    let filter = Line::from(vec![
        Span::styled(label, theme::label()),
        Span::styled(clean(picker.query.text()), theme::input_focused()),
    ]);
    let column = label.width() + picker.query.cursor_column();
    frame.set_cursor_position(Position::new(inner.x + cell_count(column), inner.y));
    let mut rows: Vec<Line> = vec![Line::styled(
        format!("  {}", PresetText::PickerNone.text(lang)),
        style_of(picker.selected == 0),
    )];
    let compact = |preset: &Preset| {
        let counts: Vec<String> = preset.periods().iter().map(u32::to_string).collect();
        counts.join(",")
    };
    let counts_width = matches
        .iter()
        .map(|p| compact(p).width())
        .max()
        .unwrap_or(0);
    let id_width = matches.iter().map(|p| p.id.width()).max().unwrap_or(0);
    let names_width = width.saturating_sub(2 + id_width + 1 + 1 + counts_width);
    for (index, preset) in matches.iter().enumerate() {
        let other = match lang {
            Lang::Zh => &preset.name_en,
            Lang::En => &preset.name_zh,
        };
        let names = clean(&format!("{} · {}", preset_name(lang, preset), other));
        let text = format!(
            "  {} {} {}",
            pad_right(&preset.id, id_width),
            pad_right(&truncate(&names, names_width), names_width),
            compact(preset)
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
pub(crate) fn render_offers(frame: &mut Frame, body: Rect, offers: &OfferList, lang: Lang) {
    let all = loaded();
    let title = fill(
        PresetText::OffersTitle.text(lang),
        &[&offers.principal.grouped(), &offers.start],
    );
    let inner = boxed(frame, body, &title);
    let width = inner.width as usize;
    let names: Vec<String> = offers
        .rows
        .iter()
        .map(|row| {
            all.iter()
                .find(|p| Some(&p.id) == row.preset.as_ref())
                .map_or(row.option.clone(), |p| clean(preset_name(lang, p)))
        })
        .collect();
    let cells: Vec<[String; 5]> = offers
        .rows
        .iter()
        .map(|row| {
            [
                row.rank.to_string(),
                row.periods.to_string(),
                row.per_period.grouped(),
                row.total_fee.grouped(),
                percent4(row.apr_percent),
            ]
        })
        .collect();
    let headers = [
        "#",
        CompareText::ColPeriods.text(lang),
        CompareText::ColPerPeriod.text(lang),
        CompareText::ColTotalFee.text(lang),
        CompareText::ColApr.text(lang),
    ];
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].width())
                .chain([headers[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fixed: usize = widths.iter().sum::<usize>() + 5;
    let name_width = width.saturating_sub(fixed).min(40);
    let line = |name: &str, cells: [&str; 5]| {
        format!(
            "{} {} {} {} {} {}",
            pad_left(cells[0], widths[0]),
            pad_right(&truncate(name, name_width), name_width),
            pad_left(cells[1], widths[1]),
            pad_left(cells[2], widths[2]),
            pad_left(cells[3], widths[3]),
            pad_left(cells[4], widths[4]),
        )
    };
    let header = line(CompareText::ColName.text(lang), headers);
    let mut lines = vec![Line::styled(truncate(&header, width), theme::header())];
    let skipped: Vec<String> = skipped_lines(offers, lang)
        .iter()
        .flat_map(|text| wrap(text, width))
        .collect();
    let room = (inner.height as usize)
        .saturating_sub(1 + skipped.len())
        .max(1);
    let skip = scroll_for(offers.selected, room);
    if offers.rows.is_empty() {
        lines.push(Line::styled(
            PresetText::OffersNone.text(lang),
            theme::muted(),
        ));
    }
    for (index, (name, cells)) in names.iter().zip(&cells).enumerate().skip(skip).take(room) {
        let cells = [
            cells[0].as_str(),
            cells[1].as_str(),
            cells[2].as_str(),
            cells[3].as_str(),
            cells[4].as_str(),
        ];
        lines.push(Line::styled(
            truncate(&line(name, cells), width),
            style_of(index == offers.selected),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let height = cell_count(skipped.len()).min(inner.height);
    let area = Rect::new(
        inner.x,
        inner.bottom().saturating_sub(height),
        inner.width,
        height,
    );
    let skipped: Vec<Line> = skipped
        .into_iter()
        .map(|text| Line::styled(text, theme::muted()))
        .collect();
    frame.render_widget(Paragraph::new(skipped), area);
}

/// Why presets are left out: those needing a field, grouped by it, then those refused.
fn skipped_lines(offers: &OfferList, lang: Lang) -> Vec<String> {
    let mut needs: Vec<(TermField, Vec<&str>)> = Vec::new();
    let mut refused = Vec::new();
    for (preset, why) in &offers.skipped {
        match why {
            Skipped::Needs(field) => match needs.iter_mut().find(|(f, _)| f == field) {
                Some((_, ids)) => ids.push(&preset.id),
                None => needs.push((*field, vec![&preset.id])),
            },
            Skipped::Refused => refused.push(preset.id.as_str()),
        }
    }
    let mut lines: Vec<String> = needs
        .iter()
        .map(|(field, ids)| {
            fill(
                PresetText::OffersSkippedNeeds.text(lang),
                &[&flag(*field), &ids.join(", ")],
            )
        })
        .collect();
    if !refused.is_empty() {
        lines.push(fill(
            PresetText::OffersSkipped.text(lang),
            &[&refused.join(", ")],
        ));
    }
    lines
}
