//! The decision views the Plans pane opens: the summary (s) and the advise form (A).

use super::{App, FormView, Overlay};
use crate::tui::forms::advise::AdviseForm;
use crate::tui::overlay::SummaryView;

impl App {
    /// Opens the summary view as of today.
    pub(super) fn open_summary(&mut self) {
        let result = self.store.overview(self.today);
        if let Some(data) = self.report(result) {
            self.overlays.push(Overlay::Summary(SummaryView {
                data: Box::new(data),
            }));
        }
    }

    /// Opens the advise form over every plan still owing money.
    pub(super) fn open_advise(&mut self) {
        let result = self.store.open_plans_for_advice();
        if let Some(plans) = self.report(result) {
            let form = AdviseForm::new(plans, self.today, self.lang);
            self.overlays
                .push(Overlay::Form(FormView::Advise(Box::new(form))));
        }
    }

    /// After a change (here or elsewhere): the summary and the advice as the data now is.
    pub(super) fn reload_decisions(&mut self) {
        let (today, lang) = (self.today, self.lang);
        for overlay in &mut self.overlays {
            match overlay {
                Overlay::Summary(view) => {
                    if let Ok(data) = self.store.overview(today) {
                        *view.data = data;
                    }
                }
                Overlay::Form(FormView::Advise(form)) => {
                    if let Ok(plans) = self.store.open_plans_for_advice() {
                        form.plans = plans;
                        form.refresh(lang);
                    }
                }
                _ => {}
            }
        }
    }
}
