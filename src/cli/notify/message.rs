//! The reminder `notify` shows: a summary and one line per item of the due report (the one
//! `due --check` reads), overdue first, then unconfirmed auto-debits, then what is due soon.

use crate::cli::due::when;
use crate::i18n::count::{Noun, count};
use crate::i18n::notify::NotifyText;
use crate::i18n::{Lang, fill};
use crate::store::{DueItem, DueReport, Posting};
use crate::text::one_line;

/// At most this many item lines; the rest are counted in one more line.
const MAX_LINES: usize = 8;

/// A reminder: what a desktop notification (or, without one, stdout) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reminder {
    /// "fenqi: 1 overdue, 2 due within 3 days, 1 automatic posting to confirm".
    pub summary: String,
    /// One line per item, at most [`MAX_LINES`] and a line counting the rest.
    pub lines: Vec<String>,
    /// Something is overdue: the notification asks to be noticed (critical urgency).
    pub urgent: bool,
}

impl Reminder {
    /// The reminder as printed: the summary, then its lines.
    pub(crate) fn text(&self) -> String {
        let mut out = format!("{}\n", self.summary);
        for line in &self.lines {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// The reminder for `report`, or `None` when nothing is overdue, due within its window or
/// waiting for confirmation.
pub(crate) fn reminder(lang: Lang, report: &DueReport) -> Option<Reminder> {
    let mut parts = Vec::new();
    if !report.overdue.is_empty() {
        parts.push(fill(
            NotifyText::OverdueCount.text(lang),
            &[&report.overdue.len()],
        ));
    }
    if !report.upcoming.is_empty() {
        parts.push(fill(
            NotifyText::DueCount.text(lang),
            &[
                &report.upcoming.len(),
                &count(lang, u64::from(report.days), Noun::Day),
            ],
        ));
    }
    if !report.unconfirmed.is_empty() {
        let postings = count(lang, report.unconfirmed.len() as u64, Noun::Posting);
        parts.push(fill(NotifyText::UnconfirmedCount.text(lang), &[&postings]));
    }
    if parts.is_empty() {
        return None;
    }
    let summary = fill(
        NotifyText::Summary.text(lang),
        &[&parts.join(NotifyText::Separator.text(lang))],
    );
    let all: Vec<String> = report
        .overdue
        .iter()
        .map(|item| item_line(lang, item))
        .chain(report.unconfirmed.iter().map(|p| posting_line(lang, p)))
        .chain(report.upcoming.iter().map(|item| item_line(lang, item)))
        .collect();
    let mut lines: Vec<String> = all.iter().take(MAX_LINES).cloned().collect();
    if all.len() > MAX_LINES {
        lines.push(fill(
            NotifyText::More.text(lang),
            &[&(all.len() - MAX_LINES)],
        ));
    }
    Some(Reminder {
        summary,
        lines,
        urgent: !report.overdue.is_empty(),
    })
}

/// "2025-01-15 · 3 days late · iPhone 15 (小米分期), period 3: 536.00".
fn item_line(lang: Lang, item: &DueItem) -> String {
    fill(
        NotifyText::ItemLine.text(lang),
        &[
            &item.due_date,
            &when(lang, item.days),
            &one_line(&item.plan_name),
            &one_line(&item.provider),
            &item.period,
            &item.amount.grouped(),
        ],
    )
}

/// "2025-01-15 · auto-debit to confirm · iPhone 15 (小米分期), period 1: 536.00".
fn posting_line(lang: Lang, posting: &Posting) -> String {
    fill(
        NotifyText::UnconfirmedLine.text(lang),
        &[
            &posting.due_date,
            &one_line(&posting.plan_name),
            &one_line(&posting.provider),
            &posting.period,
            &posting.amount.grouped(),
        ],
    )
}
