//! The preset picker and the offers list over the plan form: their keys, and what choosing
//! one puts into the form.

use super::App;
use crate::domain::presets;
use crate::domain::presets::Preset;
use crate::domain::terms::MAX_PERIODS;
use crate::domain::terms_input::parse_amount;
use crate::domain::terms_input::parse_count;
use crate::i18n::tui::TuiText;
use crate::tui::action::Action;
use crate::tui::forms::plan::preset_fill::{self, default_periods};
use crate::tui::forms::plan::{PlanField, PlanForm};
use crate::tui::overlay::{FormView, Note, Overlay};
use crate::tui::picker::{OfferList, PresetPicker};

/// The currency compared when the form has no preset (fenqi's own presets are mostly in yuan).
const HOME_CURRENCY: &str = "CNY";

impl App {
    /// The plan form under the picker or the comparison.
    fn plan_form_mut(&mut self) -> Option<&mut PlanForm> {
        self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Form(FormView::Plan(form)) => Some(form.as_mut()),
            _ => None,
        })
    }

    /// Opens the preset picker over the plan form.
    pub(super) fn open_picker(&mut self) {
        self.overlays.push(Overlay::Picker(PresetPicker::default()));
    }

    /// Opens the comparison of the plan form's amount across the presets (of the form's
    /// preset's currency); without a valid principal, says so instead.
    pub(super) fn open_offers(&mut self) {
        let Ok(all) = presets::all() else {
            return;
        };
        let today = self.today;
        let Some(form) = self.plan_form_mut() else {
            return;
        };
        let currency = form
            .preset
            .as_ref()
            .map_or(HOME_CURRENCY, |fill| fill.preset.currency.as_str());
        match parse_amount(form.form.value(PlanField::Principal)) {
            Ok(principal) => {
                let offers = OfferList::build(all, currency, principal, today);
                self.overlays.push(Overlay::Offers(Box::new(offers)));
            }
            Err(_) => {
                self.note = Some(Note {
                    text: TuiText::MsgOffersNeedPrincipal,
                    args: Vec::new(),
                });
            }
        }
    }

    /// Fills the plan form from `preset` for `periods` (its default count when `None`).
    fn fill_plan_form(&mut self, preset: &'static Preset, periods: Option<u32>) {
        let (lang, today) = (self.lang, self.today);
        if let Some(form) = self.plan_form_mut() {
            let current = parse_count(form.form.value(PlanField::Periods), 1..=MAX_PERIODS).ok();
            let periods = periods.unwrap_or_else(|| default_periods(preset, current));
            preset_fill::apply(form, preset, periods, lang, today);
            form.refresh(lang, today);
        }
    }

    /// Keys in the picker: typing filters, Enter fills the form with the chosen preset, Esc
    /// leaves the form as it is.
    pub(super) fn update_picker(&mut self, action: Action) {
        let all = presets::all().unwrap_or(&[]);
        let Some(Overlay::Picker(picker)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Edit(key) => picker.edit(key, all),
            Action::Move(motion) => picker.step(motion, all),
            Action::Submit => {
                let chosen = picker.chosen(all);
                self.overlays.pop();
                if let Some(preset) = chosen {
                    self.fill_plan_form(preset, None);
                }
            }
            Action::Cancel | Action::Close => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    /// Keys in the comparison: move, Enter fills the form with the chosen option, Esc back.
    pub(super) fn update_offers(&mut self, action: Action) {
        let all = presets::all().unwrap_or(&[]);
        let Some(Overlay::Offers(offers)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Move(motion) => offers.step(motion),
            Action::Submit => {
                let chosen = offers.chosen(all);
                self.overlays.pop();
                if let Some((preset, periods)) = chosen {
                    self.fill_plan_form(preset, Some(periods));
                }
            }
            Action::Cancel | Action::Close => {
                self.overlays.pop();
            }
            _ => {}
        }
    }
}
