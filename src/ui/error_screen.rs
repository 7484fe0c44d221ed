//! Shown instead of the map when the atlas does not load: every problem, with its file
//! and item, so an author can fix them. Nothing is guessed.

use crate::model::{AtlasSource, Problems};

pub fn ui(ui: &mut egui::Ui, source: &AtlasSource, problems: &Problems) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading("Aras could not open this atlas");
        ui.label(format!(
            "{} has {} problem(s). Fix them and start Aras again; `aras check` prints the same list.",
            source.describe(),
            problems.len()
        ));
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| crate::ui::style::focus::scrolled(ui, |ui| {
            for p in problems.iter() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(&p.file).monospace().strong());
                    if let Some(item) = &p.item {
                        ui.label(egui::RichText::new(item).monospace());
                    }
                    ui.label(p.kind.to_string());
                });
            }
        }));
    });
}
