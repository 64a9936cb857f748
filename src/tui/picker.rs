//! The plan form's provider choices: the preset picker (type to filter, both languages) and
//! the comparison of one amount across every preset and period count.

use chrono::NaiveDate;

use super::action::Motion;
use super::forms::input::{EditKey, TextInput};
use crate::domain::Money;
use crate::domain::compare::{OfferError, OfferRow, OfferSpec, quote_offer, rank};
use crate::domain::presets::{Preset, PresetError};
use crate::domain::terms_input::{TermField, TermsText};

/// Rows a page of a list moves by.
const PAGE: usize = 10;

/// The picker the plan form starts with: a filter line over the presets.
#[derive(Debug, Clone, Default)]
pub struct PresetPicker {
    pub query: TextInput,
    /// The chosen line: 0 is "no preset", then the presets that match.
    pub selected: usize,
}

impl PresetPicker {
    /// The presets that match the query (by id or either name), in the file's order.
    pub fn matches(&self, all: &'static [Preset]) -> Vec<&'static Preset> {
        all.iter()
            .filter(|p| p.matches(self.query.text()))
            .collect()
    }

    /// Edits the query; the first match is chosen while there is a query.
    pub(crate) fn edit(&mut self, key: EditKey, all: &'static [Preset]) {
        if self.query.apply(key) {
            let any = !self.matches(all).is_empty();
            self.selected = usize::from(any && !self.query.text().trim().is_empty());
        }
    }

    /// Moves the choice over "no preset" and the matches.
    pub(crate) fn step(&mut self, motion: Motion, all: &'static [Preset]) {
        let last = self.matches(all).len();
        self.selected = moved(self.selected, motion, last);
    }

    /// The chosen preset; `None` for "no preset".
    pub(crate) fn chosen(&self, all: &'static [Preset]) -> Option<&'static Preset> {
        self.selected
            .checked_sub(1)
            .and_then(|i| self.matches(all).get(i).copied())
    }
}

/// `selected` moved within `0..=last`.
fn moved(selected: usize, motion: Motion, last: usize) -> usize {
    match motion {
        Motion::Up => selected.saturating_sub(1),
        Motion::Down => (selected + 1).min(last),
        Motion::Top => 0,
        Motion::Bottom => last,
        Motion::PageUp => selected.saturating_sub(PAGE),
        Motion::PageDown => (selected + PAGE).min(last),
    }
}

/// One amount quoted on every preset of a currency and each of its period counts, cheapest
/// first; the presets that could not be quoted with why.
#[derive(Debug, Clone)]
pub struct OfferList {
    pub principal: Money,
    pub start: NaiveDate,
    pub rows: Vec<OfferRow>,
    /// Presets left out: the preset and what it needs (or why its terms were refused).
    pub skipped: Vec<(&'static Preset, Skipped)>,
    pub selected: usize,
}

/// Why a preset is not in the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// It needs a field the form cannot give it here (a card's statement day).
    Needs(TermField),
    /// Its terms do not quote for this amount.
    Refused,
}

impl OfferList {
    /// `principal` from `start` on every preset in `currency` and each of its counts.
    pub(crate) fn build(
        all: &'static [Preset],
        currency: &str,
        principal: Money,
        start: NaiveDate,
    ) -> OfferList {
        let mut purchase = TermsText::default();
        purchase.set(TermField::Principal, principal.to_string());
        let mut rows = Vec::new();
        let mut skipped = Vec::new();
        for preset in all.iter().filter(|p| p.currency == currency) {
            let spec = OfferSpec {
                preset: Some(preset.id.clone()),
                periods: Vec::new(),
                terms: Vec::new(),
            };
            match quote_offer(&spec, Some(preset), &purchase, start) {
                Ok(quoted) => rows.extend(quoted),
                Err((_, OfferError::Preset(PresetError::Needs(field)))) => {
                    skipped.push((preset, Skipped::Needs(field)));
                }
                Err(_) => skipped.push((preset, Skipped::Refused)),
            }
        }
        rank(&mut rows);
        OfferList {
            principal,
            start,
            rows,
            skipped,
            selected: 0,
        }
    }

    pub(crate) fn step(&mut self, motion: Motion) {
        self.selected = moved(self.selected, motion, self.rows.len().saturating_sub(1));
    }

    /// The chosen option: its preset and period count.
    pub(crate) fn chosen(&self, all: &'static [Preset]) -> Option<(&'static Preset, u32)> {
        let row = self.rows.get(self.selected)?;
        let preset = all.iter().find(|p| Some(&p.id) == row.preset.as_ref())?;
        Some((preset, row.periods))
    }
}
