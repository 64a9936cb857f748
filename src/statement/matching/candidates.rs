//! Each repayment line's candidate installments, worked out once for all the lines that show the
//! same (same day, amount, card, period marker and lenders), so that many identical lines cost
//! one lookup, not one each.

use std::collections::HashMap;

use super::score::{Scorer, Shown};

/// Installments a line is offered at first (all of them, in order, when it is still left
/// without one after the first rounds).
pub(super) const CANDIDATES_PER_LINE: usize = 8;

/// The candidates of every line.
pub(super) struct Candidates {
    /// For each distinct keyless [`Shown`]: every installment it can pay, best first.
    lists: Vec<Vec<(i64, usize)>>,
    /// Per line: its list, `None` for a line that is no repayment.
    list_of: Vec<Option<usize>>,
    /// Per line: the installment whose recorded payment carries the line's key, scored + 1000.
    referenced: Vec<Option<(i64, usize)>>,
    /// Per list: how far [`Candidates::best_free`] has found its installments taken.
    cursor: Vec<usize>,
}

impl Candidates {
    pub fn new(scorer: &Scorer<'_>, shown: &[Option<Shown<'_>>]) -> Candidates {
        let mut index: HashMap<Shown<'_>, usize> = HashMap::new();
        let mut lists = Vec::new();
        let mut list_of = Vec::with_capacity(shown.len());
        let mut referenced = Vec::with_capacity(shown.len());
        for line in shown {
            let Some(line) = line else {
                list_of.push(None);
                referenced.push(None);
                continue;
            };
            let slot = *index.entry(line.keyless()).or_insert_with(|| {
                lists.push(scorer.payable_sorted(line));
                lists.len() - 1
            });
            list_of.push(Some(slot));
            referenced.push(scorer.referenced(line));
        }
        let cursor = vec![0; lists.len()];
        Candidates {
            lists,
            list_of,
            referenced,
            cursor,
        }
    }

    /// The best [`CANDIDATES_PER_LINE`] installments of `line`, best first.
    pub fn first(&self, line: usize) -> Vec<(i64, usize)> {
        let Some(list) = self.list_of[line] else {
            return Vec::new();
        };
        let referenced = self.referenced[line];
        referenced
            .into_iter()
            .chain(
                self.lists[list]
                    .iter()
                    .copied()
                    .filter(|&(_, i)| referenced.is_none_or(|(_, r)| r != i)),
            )
            .take(CANDIDATES_PER_LINE)
            .collect()
    }

    /// The best installment of `line` no line has yet (`taken[i]` is `None`). Installments are
    /// only ever taken, never given back, while this is asked, so each list's taken head is
    /// skipped once.
    pub fn best_free(&mut self, line: usize, taken: &[Option<usize>]) -> Option<usize> {
        if let Some((_, i)) = self.referenced[line].filter(|&(_, i)| taken[i].is_none()) {
            return Some(i);
        }
        let list = self.list_of[line]?;
        let entries = &self.lists[list];
        let cursor = &mut self.cursor[list];
        while let Some(&(_, i)) = entries.get(*cursor) {
            if taken[i].is_none() {
                return Some(i);
            }
            *cursor += 1;
        }
        None
    }
}
