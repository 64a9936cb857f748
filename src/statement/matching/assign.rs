//! Giving each repayment line at most one installment and each installment at most one line
//! (or one period's lines together), from the scored candidates.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::candidates::CANDIDATES_PER_LINE;
use super::evidence::{LineEvidence, PeriodMarker};
use super::score::{Scorer, Shown};
use crate::statement::Statement;
use crate::statement::line::CardLast4;
use crate::statement::provider::Provider;

/// Which installment each line got, and which line each installment got (the first line of a
/// period's lines).
pub(super) struct Assignment {
    pub of_line: Vec<Option<usize>>,
    pub of_installment: Vec<Option<usize>>,
    /// The other lines of each period's lines matched together, by their first line.
    pub together: HashMap<usize, Vec<usize>>,
}

impl Assignment {
    fn give(&mut self, line: usize, installment: usize) {
        self.of_line[line] = Some(installment);
        self.of_installment[installment] = Some(line);
    }
}

/// Best pairs first, each line and installment once; then one step of moving a matched line to
/// another free installment so that a line left without one gets its installment; then a line
/// still left whose first candidates were cut at [`CANDIDATES_PER_LINE`] takes the best free
/// one of all it can pay (`best_free(line, taken)`), so that many identical installments are
/// not mistaken for double debits.
pub(super) fn assign(
    candidates: &[Vec<(i64, usize)>],
    installments: usize,
    mut best_free: impl FnMut(usize, &[Option<usize>]) -> Option<usize>,
) -> Assignment {
    let mut pairs: Vec<(i64, usize, usize)> = candidates
        .iter()
        .enumerate()
        .flat_map(|(line, list)| list.iter().map(move |&(score, i)| (score, line, i)))
        .collect();
    pairs.sort_by_key(|&(score, line, i)| (Reverse(score), line, i));
    let mut a = Assignment {
        of_line: vec![None; candidates.len()],
        of_installment: vec![None; installments],
        together: HashMap::new(),
    };
    for (_, line, i) in pairs {
        if a.of_line[line].is_none() && a.of_installment[i].is_none() {
            a.give(line, i);
        }
    }
    for line in 0..candidates.len() {
        if a.of_line[line].is_some() {
            continue;
        }
        for &(_, wanted) in &candidates[line] {
            let Some(holder) = a.of_installment[wanted] else {
                continue;
            };
            let free = candidates[holder]
                .iter()
                .map(|&(_, i)| i)
                .find(|&i| i != wanted && a.of_installment[i].is_none());
            if let Some(other) = free {
                a.give(holder, other);
                a.give(line, wanted);
                break;
            }
        }
    }
    for (line, first) in candidates.iter().enumerate() {
        if a.of_line[line].is_some() || first.len() < CANDIDATES_PER_LINE {
            continue;
        }
        if let Some(i) = best_free(line, &a.of_installment) {
            a.give(line, i);
        }
    }
    a
}

/// What makes lines one period's lines: the same day, card and period marker.
type PeriodKey = (NaiveDate, Option<CardLast4>, PeriodMarker);

/// Matches a period's lines together: repayment lines left without any installment that share
/// a day, a card and a period marker naming k (a card statement's 本金 and 手续费 lines of
/// 账单分期 第3/12期) are scored as one line of their sum, keyed by the first, and take the
/// best installment still free.
pub(super) fn match_periods(
    statement: &Statement,
    evidence: &[LineEvidence],
    candidates: &[Vec<(i64, usize)>],
    scorer: &Scorer<'_>,
    a: &mut Assignment,
) {
    let mut groups: Vec<(PeriodKey, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<PeriodKey, usize> = HashMap::new();
    for (line, ev) in evidence.iter().enumerate() {
        let Some(marker) = ev.marker.filter(|m| m.period.is_some()) else {
            continue;
        };
        if !ev.repayment || a.of_line[line].is_some() || !candidates[line].is_empty() {
            continue;
        }
        let l = &statement.lines[line];
        let key = (l.date, l.card_last4, marker);
        let slot = *by_key.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(line);
    }
    for ((date, card, marker), lines) in groups {
        if lines.len() < 2 {
            continue;
        }
        let Some(cents) = lines
            .iter()
            .try_fold(0i64, |sum, &l| sum.checked_add(evidence[l].cents))
        else {
            continue;
        };
        let mut providers: Vec<Provider> = lines
            .iter()
            .flat_map(|&l| evidence[l].providers.iter().copied())
            .collect();
        providers.sort();
        providers.dedup();
        let shown = Shown {
            date,
            cents,
            card,
            marker: Some(marker),
            providers: &providers,
            key: statement.lines[lines[0]].key.as_str(),
        };
        if let Some(installment) = scorer.best_free(&shown, &a.of_installment) {
            for &line in &lines {
                a.of_line[line] = Some(installment);
            }
            a.of_installment[installment] = Some(lines[0]);
            a.together.insert(lines[0], lines[1..].to_vec());
        }
    }
}
