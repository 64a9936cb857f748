//! Drawing forms: labelled fields with inline errors, the plan preview, the payoff quote.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::prepay::PrepayQuote;
use crate::domain::rate::percent4;
use crate::domain::summary::PlanQuote;
use crate::i18n::policy::{payoff_policy_name, payoff_saving_sentence};
use crate::i18n::presets::{PresetText, preset_name};
use crate::i18n::terms::flag;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::tui::forms::field::{FieldKind, Form};
use crate::tui::forms::plan::PlanForm;
use crate::tui::overlay::FormView;
use crate::tui::overlays::decide::advice_lines;
use crate::tui::theme;
use crate::tui::widgets::cells::cells;
use crate::tui::widgets::popup::{PopupClear, centered};
use crate::tui::widgets::text::{clean, pad_left, pad_right, truncate, wrap, wrap_lines};

/// Draws the open form over `body`.
pub(crate) fn render(frame: &mut Frame, body: Rect, view: &FormView, lang: Lang) {
    match view {
        FormView::Plan(form) => render_plan(frame, body, form, lang),
        FormView::Payment(form) => {
            let title = if form.failed {
                TuiText::FormFailed
            } else {
                TuiText::FormPay
            };
            let title = fill(title.text(lang), &[&clean(&form.plan_name)]);
            render_small(frame, body, &title, &form.form, lang, Vec::new());
        }
        FormView::Card(form) => render_small(
            frame,
            body,
            TuiText::FormAddCard.text(lang),
            &form.form,
            lang,
            Vec::new(),
        ),
        FormView::Replace(form) => {
            let title = fill(
                TuiText::FormReplaceCard.text(lang),
                &[&clean(&form.old_label)],
            );
            render_small(frame, body, &title, &form.form, lang, Vec::new());
        }
        FormView::Payoff(form) => {
            let title = fill(TuiText::FormPayoff.text(lang), &[&clean(&form.plan_name)]);
            let mut extra = Vec::new();
            if let Some((on, quote)) = &form.quote {
                extra.extend(amount_lines(
                    &[
                        (TuiText::ColPrincipal, quote.principal),
                        (TuiText::ColFee, quote.fee),
                        (TuiText::ColPenalty, quote.penalty),
                    ],
                    quote.amount,
                    lang,
                ));
                extra.push(Line::from(""));
                extra.push(Line::styled(
                    fill(
                        TuiText::ConfirmPayoff.text(lang),
                        &[&quote.amount.grouped(), on],
                    ),
                    theme::soon(),
                ));
                extra.push(Line::styled(
                    format!(
                        "  {}",
                        fill(
                            TuiText::PayoffUnderPolicy.text(lang),
                            &[&payoff_policy_name(lang, quote.policy)]
                        )
                    ),
                    theme::muted(),
                ));
                let saving = payoff_saving_sentence(lang, quote, form.interest_based);
                for line in wrap(&saving, 58) {
                    extra.push(Line::styled(format!("  {line}"), theme::muted()));
                }
            }
            render_small(frame, body, &title, &form.form, lang, extra);
        }
        FormView::Prepay(form) => {
            let title = fill(TuiText::FormPrepay.text(lang), &[&clean(&form.plan_name)]);
            let extra = form
                .quote
                .as_ref()
                .map(|(_, quote)| prepay_lines(quote, lang))
                .unwrap_or_default();
            render_small(frame, body, &title, &form.form, lang, extra);
        }
        FormView::Limit(form) => render_small(
            frame,
            body,
            TuiText::FormLimit.text(lang),
            &form.form,
            lang,
            Vec::new(),
        ),
        FormView::Export(form) => render_small(
            frame,
            body,
            TuiText::FormExport.text(lang),
            &form.form,
            lang,
            Vec::new(),
        ),
        FormView::Advise(form) => {
            let extra = match &form.advice {
                Some((cash, on, advice)) => {
                    advice_lines(*cash, *on, advice, lang, usize::from(SMALL_WIDTH - 2))
                }
                None if form.plans.is_empty() => vec![
                    Line::from(""),
                    Line::styled(TuiText::AdviseNothingToDo.text(lang), theme::muted()),
                ],
                None => Vec::new(),
            };
            render_small(
                frame,
                body,
                TuiText::FormAdvise.text(lang),
                &form.form,
                lang,
                extra,
            );
        }
        FormView::Reconcile(form) => render_small(
            frame,
            body,
            TuiText::FormReconcile.text(lang),
            &form.form,
            lang,
            Vec::new(),
        ),
    }
}

/// A quote's parts, one a line, then the amount in the APR colour (after a blank line).
fn amount_lines(
    parts: &[(TuiText, crate::domain::Money)],
    amount: crate::domain::Money,
    lang: Lang,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("")];
    for (label, part) in parts {
        lines.push(Line::from(format!(
            "  {} {}",
            pad_right(label.text(lang), 12),
            pad_left(&part.grouped(), 14)
        )));
    }
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled(
            pad_right(TuiText::FieldAmount.text(lang), 12),
            theme::label(),
        ),
        Span::raw(" "),
        Span::styled(pad_left(&amount.grouped(), 14), theme::emphasis()),
    ]));
    lines
}

/// What a prepayment costs and what follows: the amount (principal and any penalty), then the
/// periods left and what each costs now.
fn prepay_lines(quote: &PrepayQuote, lang: Lang) -> Vec<Line<'static>> {
    let mut lines = amount_lines(
        &[
            (TuiText::ColPrincipal, quote.principal),
            (TuiText::ColPenalty, quote.penalty),
        ],
        quote.amount,
        lang,
    );
    if let Some(next) = quote.schedule.first() {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            fill(
                TuiText::PrepayAfter.text(lang),
                &[
                    &quote.schedule.len(),
                    &next.amount.grouped(),
                    &next.due_date,
                ],
            ),
            theme::soon(),
        ));
    }
    lines
}

/// How wide a small form's box is (the terminal's width at most).
const SMALL_WIDTH: u16 = 64;

/// A form in a centred box sized to its fields, with extra lines below them.
fn render_small<F: Copy + Eq>(
    frame: &mut Frame,
    body: Rect,
    title: &str,
    form: &Form<F>,
    lang: Lang,
    extra: Vec<Line<'_>>,
) {
    let lines = field_lines(form, lang, SMALL_WIDTH as usize - 2) + extra.len();
    let area = centered(body, SMALL_WIDTH, cells(lines).saturating_add(2));
    frame.render_widget(PopupClear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focused_border())
        .title(format!(" {} ", title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // On a small terminal the lines below the fields scroll with them.
    render_fields(frame, inner, form, lang, extra);
}

/// How many lines the fields take in `width` columns (one each, plus their wrapped errors or
/// notes).
fn field_lines<F: Copy + Eq>(form: &Form<F>, lang: Lang, width: usize) -> usize {
    let indent = label_width(form, lang) + 1;
    (0..form.fields.len())
        .map(|i| 1 + under_field(form, i, width, indent).map_or(0, |(lines, _)| lines.len()))
        .sum()
}

/// The lines under field `index`: its error (`✗ …`) or else its note (`= …`), wrapped to the
/// columns right of the labels, with their style.
fn under_field<F: Copy + Eq>(
    form: &Form<F>,
    index: usize,
    width: usize,
    indent: usize,
) -> Option<(Vec<String>, ratatui::style::Style)> {
    let width = width.saturating_sub(indent).max(8);
    if let Some(error) = form.visible_error(index) {
        return Some((wrap(&format!("✗ {}", clean(error)), width), theme::error()));
    }
    let note = form.visible_note(index)?;
    Some((wrap(&format!("= {}", clean(note)), width), theme::muted()))
}

/// The widest label, plus two columns of space.
fn label_width<F: Copy + Eq>(form: &Form<F>, lang: Lang) -> usize {
    form.fields
        .iter()
        .map(|f| f.label.text(lang).width())
        .max()
        .unwrap_or(0)
        + 2
}

/// Draws the fields and the `extra` lines below them, scrolled so the focused field shows
/// (and, from the last field, everything below it), and places the cursor.
pub(crate) fn render_fields<F: Copy + Eq>(
    frame: &mut Frame,
    area: Rect,
    form: &Form<F>,
    lang: Lang,
    extra: Vec<Line<'_>>,
) {
    let label_width = label_width(form, lang);
    let value_width = (area.width as usize).saturating_sub(label_width + 1).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line = 0;
    let mut focus_end = 0;
    let mut cursor = None;
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        if focused {
            focus_line = lines.len();
        }
        let label_style = if field.enabled {
            theme::label()
        } else {
            theme::disabled()
        };
        let marker = if focused { "▸" } else { " " };
        let label = if field.marked {
            format!("{} ◆", pad_right(field.label.text(lang), label_width - 2))
        } else {
            pad_right(field.label.text(lang), label_width)
        };
        let mut spans = vec![
            Span::styled(marker, theme::focused_border()),
            Span::styled(label, label_style),
        ];
        let shown = if !field.enabled {
            "—".to_string()
        } else if field.locked {
            format!("🔒 {}", clean(&field.display(lang)))
        } else {
            clean(&field.display(lang))
        };
        let style = match (field.enabled && !field.locked, focused) {
            (false, _) => theme::disabled(),
            (true, true) => theme::input_focused(),
            (true, false) => theme::input(),
        };
        match &field.kind {
            FieldKind::Choice { options, .. }
                if field.enabled && !field.locked && options.len() > 1 =>
            {
                let inside = truncate(&shown, value_width.saturating_sub(4));
                spans.push(Span::styled(format!("‹ {inside} ›"), style));
            }
            FieldKind::Text(input) if focused && field.enabled => {
                // Keep the cursor in view when the text is wider than the field. The column
                // is counted on what is shown (a masked field shows other characters).
                let column = shown
                    .chars()
                    .take(input.cursor())
                    .collect::<String>()
                    .width();
                // A prefilled value the next key replaces is shown selected.
                let style = if input.is_selected() {
                    style.add_modifier(ratatui::style::Modifier::REVERSED)
                } else {
                    style
                };
                let skip = column.saturating_sub(value_width.saturating_sub(1));
                let visible: String = skip_columns(&shown, skip);
                spans.push(Span::styled(pad_right(&visible, value_width), style));
                cursor = Some((lines.len(), label_width + 1 + column - skip));
            }
            _ => spans.push(Span::styled(pad_right(&shown, value_width), style)),
        }
        lines.push(Line::from(spans));
        if let Some((parts, style)) = under_field(form, index, area.width as usize, label_width + 1)
        {
            for part in parts {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(label_width + 1)),
                    Span::styled(part, style),
                ]));
            }
        }
        if focused {
            focus_end = lines.len();
        }
    }
    let last_field = form
        .fields
        .iter()
        .rposition(|f| f.enabled && !f.locked)
        .unwrap_or(0);
    let extra = wrap_lines(
        extra.into_iter().map(owned_line).collect(),
        area.width as usize,
    );
    lines.extend(extra);
    if form.focus == last_field {
        focus_end = lines.len();
    }
    let height = area.height as usize;
    // Scroll just enough that the focused field and its error are in view.
    let scroll = focus_end.saturating_sub(height).min(focus_line);
    if let Some((line, column)) = cursor
        && line >= scroll
        && line - scroll < height
    {
        frame.set_cursor_position(Position::new(
            area.x + cells(column),
            area.y + cells(line - scroll),
        ));
    }
    frame.render_widget(Paragraph::new(lines).scroll((cells(scroll), 0)), area);
}

/// A line that owns its text.
fn owned_line(line: Line<'_>) -> Line<'static> {
    Line {
        spans: line
            .spans
            .into_iter()
            .map(|s| Span::styled(s.content.into_owned(), s.style))
            .collect(),
        style: line.style,
        alignment: line.alignment,
    }
}

/// `text` without its first `columns` display columns.
fn skip_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            let skip = used < columns;
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            skip
        })
        .collect()
}

/// The plan form: fields on the left, the live schedule and APR on the right.
fn render_plan(frame: &mut Frame, body: Rect, form: &PlanForm, lang: Lang) {
    frame.render_widget(PopupClear, body);
    let mut title = match form.editing {
        Some(id) => fill(TuiText::FormEditPlan.text(lang), &[&id]),
        None => TuiText::FormAddPlan.text(lang).to_string(),
    };
    if let Some(fill_) = &form.preset {
        title = fill(
            PresetText::FormTitlePreset.text(lang),
            &[&title, &clean(preset_name(lang, fill_.preset))],
        );
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focused_border())
        .title(format!(" {title} "));
    let block = match form.editing {
        None => block.title_bottom(format!(" {} ", PresetText::FormKeys.text(lang))),
        Some(_) => block,
    };
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let also = preset_lines(form, lang);
    let preview = |height: usize| {
        let mut lines = also.clone();
        lines.extend(match &form.preview {
            Some(quote) => preview_lines(quote, height.saturating_sub(also.len()), lang),
            None => preview_missing(form, lang),
        });
        lines
    };
    // Too narrow for the preview beside the fields: it follows them, reached from the last one.
    if inner.width < NARROW_PLAN_FORM {
        let mut extra = vec![
            Line::from(""),
            Line::styled(TuiText::PreviewTitle.text(lang), theme::header()),
        ];
        extra.extend(preview(usize::MAX));
        render_fields(frame, inner, &form.form, lang, extra);
        return;
    }
    let [fields_area, preview_area] = if inner.width >= 100 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .spacing(1)
            .areas(inner)
    } else {
        Layout::horizontal([Constraint::Min(44), Constraint::Length(32)])
            .spacing(1)
            .areas(inner)
    };
    render_fields(frame, fields_area, &form.form, lang, Vec::new());
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(theme::border())
        .title(format!(" {} ", TuiText::PreviewTitle.text(lang)));
    let preview_inner = block.inner(preview_area);
    frame.render_widget(block, preview_area);
    let lines = wrap_lines(
        preview(preview_inner.height as usize),
        preview_inner.width as usize,
    );
    frame.render_widget(Paragraph::new(lines), preview_inner);
}

/// What a preset gave that the form has no field for (`◆ also: --due-day 10 …`), and the
/// fields it needs that the form cannot take.
fn preset_lines(form: &PlanForm, lang: Lang) -> Vec<Line<'static>> {
    let Some(fill_) = &form.preset else {
        return Vec::new();
    };
    let terms: Vec<String> = fill_
        .hidden
        .fields()
        .map(|(field, text)| format!("{} {}", flag(field), clean(text)))
        .collect();
    let mut lines = Vec::new();
    if !terms.is_empty() {
        lines.push(Line::styled(
            fill(PresetText::AlsoFromPreset.text(lang), &[&terms.join("  ")]),
            theme::muted(),
        ));
    }
    if !fill_.missing.is_empty() {
        let flags: Vec<&str> = fill_.missing.iter().map(|f| flag(*f)).collect();
        lines.push(Line::styled(
            fill(PresetText::MissingInForm.text(lang), &[&flags.join(", ")]),
            theme::soon(),
        ));
    }
    lines
}

/// Plan forms narrower than this (inside the border) show the preview below the fields.
const NARROW_PLAN_FORM: u16 = 77;

/// What the preview waits for: the fields to fill in, and those to correct.
fn preview_missing(form: &PlanForm, lang: Lang) -> Vec<Line<'static>> {
    let (blank, invalid) = form.preview_blockers();
    let names = |labels: Vec<TuiText>| -> String {
        let names: Vec<&str> = labels.iter().map(|l| l.text(lang)).collect();
        names.join(TuiText::ListSeparator.text(lang))
    };
    let mut lines = Vec::new();
    if !blank.is_empty() {
        let text = fill(TuiText::PreviewFillIn.text(lang), &[&names(blank)]);
        lines.push(Line::styled(text, theme::muted()));
    }
    if !invalid.is_empty() {
        let text = fill(TuiText::PreviewCorrect.text(lang), &[&names(invalid)]);
        lines.push(Line::styled(text, theme::muted()));
    }
    lines
}

/// APR against the naive rate, totals, then as much of the schedule as fits.
pub(crate) fn preview_lines(quote: &PlanQuote, height: usize, lang: Lang) -> Vec<Line<'static>> {
    let mut lines = vec![apr_line(quote, lang)];
    lines.push(Line::from(fill(
        TuiText::PreviewTotals.text(lang),
        &[&quote.total_fee.grouped(), &quote.total_repayment.grouped()],
    )));
    lines.push(Line::from(""));
    lines.push(Line::styled(
        format!(
            "{} {} {}",
            pad_left("#", 4),
            pad_right(TuiText::ColDate.text(lang), 10),
            pad_left(TuiText::ColAmount.text(lang), 11),
        ),
        theme::header(),
    ));
    let room = height.saturating_sub(lines.len()).max(1);
    let count = quote.schedule.len();
    let show = if count > room {
        room.saturating_sub(2)
    } else {
        count
    };
    let row = |i: &crate::domain::schedule::Installment| {
        Line::from(format!(
            "{} {} {}",
            pad_left(&i.period.to_string(), 4),
            i.due_date,
            pad_left(&i.amount.grouped(), 11)
        ))
    };
    lines.extend(quote.schedule.iter().take(show).map(row));
    if show < count {
        lines.push(Line::styled(
            fill(TuiText::MoreRows.text(lang), &[&(count - show - 1)]),
            theme::muted(),
        ));
        if let Some(last) = quote.schedule.last() {
            lines.push(row(last));
        }
    }
    lines
}

/// `APR 13.0342%  EAR 13.8418%  vs 7.2000% naive (1.81×)` in the APR colour.
pub(crate) fn apr_line(quote: &PlanQuote, lang: Lang) -> Line<'static> {
    Line::styled(apr_text(quote, lang), theme::emphasis())
}

/// `APR 13.0342%  EAR 13.8418%  vs 7.2000% naive (1.81×)`.
pub(crate) fn apr_text(quote: &PlanQuote, lang: Lang) -> String {
    let apr = percent4(quote.cost.apr_percent);
    let ear = percent4(quote.cost.ear_percent);
    match quote.apr_multiple() {
        Some(multiple) => fill(
            TuiText::AprVsNaive.text(lang),
            &[&apr, &ear, &percent4(quote.naive_percent), &multiple],
        ),
        None => fill(TuiText::AprOnly.text(lang), &[&apr, &ear]),
    }
}
