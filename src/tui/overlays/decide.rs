//! The decision views' lines: the summary (figures, providers, the balance chart) and the
//! advice under the advise form.

use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::domain::Money;
use crate::domain::advise::Advice;
use crate::domain::overview::Overview;
use crate::i18n::decide::{DecideText, action_name, no_gain_reason, summary_figures};
use crate::i18n::store::StoreText;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::tui::theme;
use crate::tui::widgets::balance_chart;
use crate::tui::widgets::text::{clean, pad_left, pad_right, wrap};

/// Rows of bars in the balance chart (its month labels below them).
const CHART_BARS: u16 = 6;

/// The summary in `width` columns: the figures, the providers, then the chart of the balance
/// month by month.
pub(crate) fn summary_lines(o: &Overview, lang: Lang, width: u16) -> Vec<Line<'static>> {
    let figures = summary_figures(lang, o);
    let label_width = figures.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let value_width = figures.iter().map(|(_, v)| v.width()).max().unwrap_or(0);
    // Too narrow for label and value side by side: the value right-aligned under its label.
    let side_by_side = label_width + 2 + value_width <= usize::from(width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (index, (label, value)) in figures.into_iter().enumerate() {
        // The overdue figure in the alert colour when something is overdue.
        let style = if index == 4 && o.due.overdue_count > 0 {
            theme::alert()
        } else {
            Style::new()
        };
        if side_by_side {
            lines.push(Line::from(vec![
                Span::styled(pad_right(&label, label_width + 2), theme::label()),
                Span::styled(pad_left(&value, value_width), style),
            ]));
        } else {
            lines.push(Line::styled(label, theme::label()));
            lines.push(Line::styled(pad_left(&value, usize::from(width)), style));
        }
    }
    if !o.providers.is_empty() {
        lines.push(Line::from(""));
        lines.extend(provider_lines(o, lang));
    }
    lines.push(Line::from(""));
    let (Some((first, _)), Some((last, _))) =
        (o.balance_by_month.first(), o.balance_by_month.last())
    else {
        lines.push(Line::styled(
            TuiText::SummaryNothingOwed.text(lang).to_string(),
            theme::muted(),
        ));
        return lines;
    };
    let month = |d: &NaiveDate| d.format("%Y-%m").to_string();
    lines.push(Line::styled(
        fill(
            TuiText::SummaryChart.text(lang),
            &[&month(first), &month(last)],
        ),
        theme::header(),
    ));
    lines.extend(balance_chart::lines(
        &o.balance_by_month,
        width,
        CHART_BARS + 1,
    ));
    let highest = o
        .balance_by_month
        .iter()
        .map(|(_, b)| *b)
        .max()
        .unwrap_or(Money::ZERO);
    lines.push(Line::styled(
        fill(TuiText::SummaryChartNote.text(lang), &[&highest.grouped()]),
        theme::muted(),
    ));
    lines
}

/// The providers' table: used, limit, available (— without a limit; over it in red).
fn provider_lines(o: &Overview, lang: Lang) -> Vec<Line<'static>> {
    let amount = |m: Option<Money>| m.map_or_else(|| "—".to_string(), Money::grouped);
    let rows: Vec<[String; 4]> = o
        .providers
        .iter()
        .map(|p| {
            [
                clean(&p.provider),
                p.used.grouped(),
                amount(p.limit),
                amount(p.available),
            ]
        })
        .collect();
    let headers = [
        StoreText::ColProvider,
        StoreText::ColUsed,
        StoreText::ColLimit,
        StoreText::ColAvailable,
    ]
    .map(|t| t.text(lang).to_string());
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].width())
                .chain([headers[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let cells = |row: &[String; 4]| {
        format!(
            "{}  {}  {}  {}",
            pad_right(&row[0], widths[0]),
            pad_left(&row[1], widths[1]),
            pad_left(&row[2], widths[2]),
            pad_left(&row[3], widths[3]),
        )
    };
    let mut lines = vec![Line::styled(cells(&headers), theme::header())];
    for (row, p) in rows.iter().zip(&o.providers) {
        let over = p.available.is_some_and(Money::is_negative);
        let style = if over { theme::alert() } else { Style::new() };
        lines.push(Line::styled(cells(row), style));
    }
    lines
}

/// The advice for `cash` on `on` in `width` columns: what to pay and what it saves, then the
/// plans where paying early saves nothing and why.
pub(crate) fn advice_lines(
    cash: Money,
    on: NaiveDate,
    advice: &Advice,
    lang: Lang,
    width: usize,
) -> Vec<Line<'static>> {
    let wrapped = |text: String, style: Style| -> Vec<Line<'static>> {
        wrap(&text, width)
            .into_iter()
            .map(|line| Line::styled(line, style))
            .collect()
    };
    let mut lines = vec![Line::from("")];
    if advice.actions.is_empty() {
        lines.extend(wrapped(
            fill(DecideText::AdviseNothing.text(lang), &[&cash.grouped()]),
            Style::new(),
        ));
    } else {
        lines.extend(wrapped(
            fill(
                DecideText::AdviseHeading.text(lang),
                &[&cash.grouped(), &on],
            ),
            theme::label(),
        ));
        let action_width = advice
            .actions
            .iter()
            .map(|a| action_name(lang, a.kind).width())
            .chain([DecideText::ColAction.text(lang).width()])
            .max()
            .unwrap_or(0);
        let row = |plan: &str, action: &str, amount: &str, saving: &str| {
            format!(
                "{}  {}  {}  {}",
                pad_left(plan, 5),
                pad_right(action, action_width),
                pad_left(amount, 12),
                pad_left(saving, 10),
            )
        };
        lines.push(Line::styled(
            row(
                DecideText::ColPlan.text(lang),
                DecideText::ColAction.text(lang),
                DecideText::ColAmount.text(lang),
                DecideText::ColSaving.text(lang),
            ),
            theme::header(),
        ));
        for a in &advice.actions {
            lines.push(Line::from(row(
                &format!("#{}", a.plan_id),
                action_name(lang, a.kind),
                &a.amount.grouped(),
                &a.saving.grouped(),
            )));
        }
        lines.extend(wrapped(
            fill(
                DecideText::AdviseTotal.text(lang),
                &[&advice.spent.grouped(), &advice.total_saving.grouped()],
            ),
            theme::good(),
        ));
    }
    if !advice.no_gain.is_empty() {
        lines.extend(wrapped(
            DecideText::NoGainHeading.text(lang).to_string(),
            Style::new(),
        ));
        for (id, why) in &advice.no_gain {
            let reason = format!("#{id}: {}", no_gain_reason(lang, *why));
            lines.extend(
                wrap(&reason, width.saturating_sub(2))
                    .into_iter()
                    .map(|line| Line::styled(format!("  {line}"), theme::muted())),
            );
        }
    }
    lines.extend(wrapped(
        TuiText::AdviseRecordHint.text(lang).to_string(),
        theme::muted(),
    ));
    lines
}
