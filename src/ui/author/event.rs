//! The event editor: a dated event's label, date (at the precision its passage gives),
//! qualifier, date source and the elements it involves. "Save" makes each changed field
//! one named, undoable edit, and refuses a date that does not parse, saying why. Opened
//! by picking the event on the timeline, from the Element tab's list of the selected
//! element's events, or by clicking a problem about it (trial #4).

use egui::RichText;

use super::Author;
use crate::model::edit::{Edit, EventField, EventRow, date_in};
use crate::model::timeline::EventDate;

/// The text fields as typed, for one event at one generation of the document.
#[derive(Default)]
pub struct Form {
    /// `(event id, session generation)` the fields were read at.
    read: Option<(String, u64)>,
    label: String,
    date: String,
    qualifier: String,
    source: String,
    /// Why the last "Save" was refused.
    error: Option<String>,
}

impl Form {
    fn load(&mut self, ev: &EventRow, generation: u64) {
        let now = (ev.id.clone(), generation);
        if self.read.as_ref() == Some(&now) {
            return;
        }
        if self.read.as_ref().is_none_or(|(id, _)| *id != ev.id) {
            self.error = None;
        }
        self.label.clone_from(&ev.label);
        self.date.clone_from(&ev.date);
        self.qualifier = ev.qualifier.clone().unwrap_or_default();
        self.source = ev.source.clone().unwrap_or_default();
        self.read = Some(now);
    }

    /// The edits that make the event what the fields say, in the fields' order; an
    /// error if the date does not parse (then none is made).
    fn edits(&self, ev: &EventRow) -> Result<Vec<Edit>, String> {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let date = self.date.trim();
        if date != ev.date {
            EventDate::parse(date).map_err(|why| {
                format!(
                    "Not saved: the date “{date}” does not parse ({why}); write YYYY, \
                     YYYY-MM or YYYY-MM-DD"
                )
            })?;
        }
        let mut fields = Vec::new();
        if self.label.trim() != ev.label {
            if self.label.trim().is_empty() {
                return Err("Not saved: an event needs a label".to_owned());
            }
            fields.push(EventField::Label(self.label.trim().to_owned()));
        }
        if date != ev.date {
            fields.push(EventField::Date(date.to_owned()));
        }
        if opt(&self.qualifier) != ev.qualifier {
            fields.push(EventField::Qualifier(opt(&self.qualifier)));
        }
        if opt(&self.source) != ev.source {
            fields.push(EventField::Source(opt(&self.source)));
        }
        Ok(fields
            .into_iter()
            .map(|field| Edit::SetEvent {
                id: ev.id.clone(),
                field,
            })
            .collect())
    }
}

/// The editor for event `id`: its name, "Save event" and "Back" at the top (in reach at
/// 640×480, where the fields scroll), then the fields and its elements.
pub fn ui(ui: &mut egui::Ui, a: &mut Author, id: &str) {
    let Some(ev) = a.lists().events.iter().find(|e| e.id == id).cloned() else {
        a.event = None;
        return;
    };
    let generation = a.session.generation();
    a.event_form.load(&ev, generation);
    ui.label(RichText::new(format!("Editing event {}", ev.label)).strong());
    let changed = a.event_form.edits(&ev).map_or(true, |e| !e.is_empty());
    let mut save_now = false;
    ui.horizontal_wrapped(|ui| {
        save_now = ui
            .add_enabled(changed, egui::Button::new("Save event"))
            .on_hover_text("Each changed field is one edit, undone by its name")
            .clicked();
        if ui.button("Back to the element").clicked() {
            a.event = None;
        }
    });
    if let Some(why) = &a.event_form.error {
        ui.label(RichText::new(why.as_str()).color(ui.visuals().error_fg_color));
    }
    let passage = a.session.doc.link_quote(&ev.link);
    egui::ScrollArea::vertical()
        .id_salt("author-event")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            save_now |= fields_ui(ui, &mut a.event_form, passage.as_deref());
            if let Some(q) = &passage {
                ui.label(RichText::new(format!("Passage: “{q}”")).weak());
            }
            elements_ui(ui, a, &ev);
        });
    if save_now && changed {
        save(a, &ev);
    }
}

/// The text fields; true if Enter was pressed in one.
fn fields_ui(ui: &mut egui::Ui, f: &mut Form, passage: Option<&str>) -> bool {
    let mut enter = false;
    let mut field = |ui: &mut egui::Ui, label: &str, text: &mut String| {
        ui.add_space(4.0);
        let l = ui.label(label);
        let r = ui
            .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        enter |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    };
    field(ui, "Label", &mut f.label);
    field(
        ui,
        "Date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text)",
        &mut f.date,
    );
    if let Some(d) = passage.and_then(date_in) {
        ui.label(RichText::new(format!("The passage gives the date {d}.")).weak());
    }
    field(
        ui,
        "Qualifier (“early”, “late”), if the text gives one",
        &mut f.qualifier,
    );
    field(
        ui,
        "Source of the date, if the passage does not give it in full",
        &mut f.source,
    );
    enter
}

/// Applies the form's edits, one per changed field; a date that does not parse is
/// refused in the form and nothing is applied.
fn save(a: &mut Author, ev: &EventRow) {
    match a.event_form.edits(ev) {
        Err(why) => a.event_form.error = Some(why),
        Ok(edits) => {
            a.event_form.error = None;
            for edit in edits {
                if !a.apply(edit) {
                    break;
                }
            }
        }
    }
}

/// "Involves": the event's elements, each to untick (one stays), and any other to add.
fn elements_ui(ui: &mut egui::Ui, a: &mut Author, ev: &EventRow) {
    let rows = a.lists().elements.clone();
    let name = |id: &str| {
        rows.iter()
            .find(|e| e.id == id)
            .map_or(id.to_owned(), |e| e.name.clone())
    };
    ui.add_space(4.0);
    ui.label(RichText::new("Where and who (the elements it involves)").strong());
    let mut next = None;
    for id in &ev.elements {
        let mut on = true;
        let last = ev.elements.len() == 1;
        let r = ui.add_enabled(!last, egui::Checkbox::new(&mut on, name(id)));
        if r.changed() && !on {
            next = Some(ev.elements.iter().filter(|v| *v != id).cloned().collect());
        }
    }
    ui.horizontal(|ui| {
        let label = ui.label("Add");
        egui::ComboBox::from_id_salt("author-event-add")
            .selected_text("an element…")
            .show_ui(ui, |ui| {
                for e in rows.iter().filter(|e| !ev.elements.contains(&e.id)) {
                    if ui.selectable_label(false, e.name.as_str()).clicked() {
                        let mut more = ev.elements.clone();
                        more.push(e.id.clone());
                        next = Some(more);
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(elements) = next {
        a.apply(Edit::SetEvent {
            id: ev.id.clone(),
            field: EventField::Elements(elements),
        });
    }
}

/// The Element tab's list of the events that involve element `key`, each a button that
/// opens it in the event editor.
pub fn list_ui(ui: &mut egui::Ui, a: &mut Author, key: &str) {
    let events = a.lists().events.clone();
    let mine: Vec<&EventRow> = events
        .iter()
        .filter(|e| e.elements.iter().any(|x| x == key))
        .collect();
    if mine.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Events").strong());
    for e in mine {
        let text = format!("Edit event {} ({})", e.label, e.date);
        if ui.button(text).clicked() {
            a.event = Some(e.id.clone());
        }
    }
}
