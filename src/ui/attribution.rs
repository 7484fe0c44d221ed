//! Whose words and whose facts: the voices inside a passage (a claim, a denial, the
//! author's inference, each over its own words) and where placements and dates that are
//! not the article's come from. Pure drawing from the atlas; the side panel calls it.

use egui::RichText;

use crate::model::timeline::Event;
use crate::model::{Atlas, Element, ElementId, Kind, Link};

fn names(atlas: &Atlas, ids: &[ElementId]) -> String {
    ids.iter()
        .map(|i| atlas.name(*i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The voices of a passage, in text order: who speaks, then the words that are theirs.
/// Draws nothing for a passage with one voice.
pub fn voices(ui: &mut egui::Ui, atlas: &Atlas, link: &Link) {
    if link.voices.is_empty() {
        return;
    }
    ui.add_space(2.0);
    ui.label(RichText::new("Whose words are whose").strong());
    for v in &link.voices {
        let mut who = Vec::new();
        if !v.claimed_by.is_empty() {
            who.push(format!("Claimed by {}", names(atlas, &v.claimed_by)));
        }
        if !v.denied_by.is_empty() {
            who.push(format!("Denied by {}", names(atlas, &v.denied_by)));
        }
        if v.assessment {
            who.push("The author’s assessment".to_owned());
        }
        ui.horizontal_wrapped(|ui| {
            for w in &who {
                ui.label(RichText::new(w).strong());
            }
            let body = ui.visuals().text_color();
            ui.label(
                RichText::new(crate::ui::side_panel::quoted(atlas.article.slice(&v.range)))
                    .size(13.0)
                    .color(body),
            );
        });
    }
}

/// Where an element's route runs and where its date comes from, when the article does
/// not say (its geometry source is shown by the panel itself).
pub fn sources(ui: &mut egui::Ui, atlas: &Atlas, el: &Element) {
    if el.kind == Kind::Corridor
        && let Some(serde_json::Value::Array(via)) = el.properties.get("via")
    {
        let via: Vec<&str> = via
            .iter()
            .filter_map(|v| v.as_str())
            .filter_map(|k| atlas.by_key(k))
            .map(|id| atlas.name(id))
            .collect();
        ui.label(
            RichText::new(format!("Passes through: {}", via.join(", ")))
                .small()
                .weak(),
        );
    }
    if let (Some(date), Some(src)) = (el.changed, &el.changed_source) {
        ui.label(
            RichText::new(format!("Date ({date}): {src}"))
                .small()
                .weak(),
        );
    }
    if let (Some(date), Some(src)) = (el.until, &el.until_source) {
        ui.label(
            RichText::new(format!("Until ({date}): {src}"))
                .small()
                .weak(),
        );
    }
}

/// Where an event's date comes from, when its words are not in the passage.
pub fn event_source(ui: &mut egui::Ui, ev: &Event) {
    if let Some(src) = &ev.source {
        ui.label(RichText::new(format!("Date: {src}")).small().weak());
    }
}
