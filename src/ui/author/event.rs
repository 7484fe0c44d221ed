//! The event editor: a dated event's label, date (at the precision its passage gives),
//! qualifier, date source and the elements it involves. Each field is saved when it loses
//! focus (or on Enter, or "Save event") as one named, undoable edit; a date that does not
//! parse is refused, saying why. Opened
//! by picking the event on the timeline, from the Element tab's list of the selected
//! element's events, or by clicking a problem about it (trial #4).

use egui::RichText;

use super::Author;
use super::choose::Item;
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

    /// The edit that makes the event's `field` what its text field says: `None` if it
    /// says what the event has; an error (and no edit) for a date that does not parse or
    /// an empty label.
    fn edit_for(&self, ev: &EventRow, field: Which) -> Result<Option<Edit>, String> {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let value = match field {
            Which::Label if self.label.trim() == ev.label => None,
            Which::Label if self.label.trim().is_empty() => {
                return Err("Not saved: an event needs a label".to_owned());
            }
            Which::Label => Some(EventField::Label(self.label.trim().to_owned())),
            Which::Date => {
                let date = self.date.trim();
                if date == ev.date {
                    None
                } else {
                    EventDate::parse(date).map_err(|why| {
                        format!(
                            "Not saved: the date “{date}” does not parse ({why}); write YYYY, \
                             YYYY-MM or YYYY-MM-DD"
                        )
                    })?;
                    Some(EventField::Date(date.to_owned()))
                }
            }
            Which::Qualifier => (opt(&self.qualifier) != ev.qualifier)
                .then(|| EventField::Qualifier(opt(&self.qualifier))),
            Which::Source => {
                (opt(&self.source) != ev.source).then(|| EventField::Source(opt(&self.source)))
            }
        };
        Ok(value.map(|field| Edit::SetEvent {
            id: ev.id.clone(),
            field,
        }))
    }

    /// The edits that make the event what the fields say, in the fields' order; an
    /// error if one is refused (then none is made).
    fn edits(&self, ev: &EventRow) -> Result<Vec<Edit>, String> {
        let mut out = Vec::new();
        for w in Which::ALL {
            out.extend(self.edit_for(ev, w)?);
        }
        Ok(out)
    }
}

/// The event's text fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Label,
    Date,
    Qualifier,
    Source,
}

impl Which {
    const ALL: [Which; 4] = [Self::Label, Self::Date, Self::Qualifier, Self::Source];
}

/// The editor for event `id`: its name, "Save event" and "Back" at the top (in reach at
/// 640×480, where the fields scroll), then the fields and its elements. A field is saved
/// when it loses focus (Tab, Enter, a click elsewhere), as one named edit (trial #14:
/// the source was saved only by the button, and lost when the author went on).
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
    let mut back = false;
    ui.horizontal_wrapped(|ui| {
        save_now = ui
            .add_enabled(changed, egui::Button::new("Save event"))
            .on_hover_text(
                "Each field is saved when you leave it (Tab or Enter), one edit each, \
                 undone by its name",
            )
            .clicked();
        back = ui.button("Back to the element").clicked();
    });
    if let Some(why) = &a.event_form.error {
        ui.label(RichText::new(why.as_str()).color(ui.visuals().error_fg_color));
    }
    let passage = a.session.doc.link_quote(&ev.link);
    let mut left = None;
    egui::ScrollArea::vertical()
        .id_salt("author-event")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::style::focus::scrolled(ui, |ui| {
                left = fields_ui(ui, &mut a.event_form, passage.as_deref());
                if let Some(q) = &passage {
                    ui.label(RichText::new(format!("Passage: “{q}”")).weak());
                }
                elements_ui(ui, a, &ev);
            })
        });
    if save_now || back {
        save(a, &ev);
    } else if let Some(w) = left {
        save_field(a, &ev, w);
    }
    if back {
        a.event = None;
    }
}

/// The text fields; the one that lost focus this frame (left with Tab, Enter or a
/// click elsewhere), if any.
fn fields_ui(ui: &mut egui::Ui, f: &mut Form, passage: Option<&str>) -> Option<Which> {
    let mut left = None;
    let mut field = |ui: &mut egui::Ui, label: &str, which: Which, text: &mut String| {
        ui.add_space(4.0);
        let l = ui.label(label);
        // A date's source is a citation, often long: wrapped, one line of text (s10 #4).
        let done = if which == Which::Source {
            super::wrapped_line(ui, text, 2, l.id).1
        } else {
            ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
                .labelled_by(l.id)
                .lost_focus()
        };
        if done {
            left = Some(which);
        }
    };
    field(ui, "Label", Which::Label, &mut f.label);
    field(
        ui,
        "Date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text)",
        Which::Date,
        &mut f.date,
    );
    if let Some(d) = passage.and_then(date_in) {
        ui.label(RichText::new(format!("The passage gives the date {d}.")).weak());
    }
    field(
        ui,
        "Qualifier (“early”, “late”), if the text gives one",
        Which::Qualifier,
        &mut f.qualifier,
    );
    field(
        ui,
        "Source of the date, if the passage does not give it in full",
        Which::Source,
        &mut f.source,
    );
    left
}

/// Saves the one field left: its edit, or why it is refused (the text stays as typed).
fn save_field(a: &mut Author, ev: &EventRow, which: Which) {
    match a.event_form.edit_for(ev, which) {
        Err(why) => a.event_form.error = Some(why),
        Ok(edit) => {
            a.event_form.error = None;
            if let Some(edit) = edit {
                a.apply(edit);
            }
        }
    }
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

/// Saves what is typed in the event editor but not yet saved (the author leaves the
/// tab, or saves the atlas, with the cursor still in a field).
pub fn flush(a: &mut Author) {
    let Some(id) = a.event.clone() else {
        return;
    };
    let Some(ev) = a.lists().events.iter().find(|e| e.id == id).cloned() else {
        return;
    };
    // Only fields read at this generation hold what the author typed over it.
    if a.event_form.read == Some((id, a.session.generation())) {
        save(a, &ev);
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
    // Sorted, filterable, and only what an event can involve (trial #7).
    let others: Vec<Item> = rows
        .iter()
        .filter(|e| e.kind != "relation" && !e.context && !ev.elements.contains(&e.id))
        .map(|e| Item::named(&e.id, &e.name, format!("{} ({})", e.name, e.kind)))
        .collect();
    if let Some(id) = super::choose::combo_add(ui, "Add", "an element…", &others) {
        let mut more = ev.elements.clone();
        more.push(id);
        next = Some(more);
    }
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
    // Folded when long, so the element's own fields are not below a wall of buttons
    // (Iran has about 30 events and relations: trial14 #17).
    let n = mine.len();
    egui::CollapsingHeader::new(RichText::new(format!("Events ({n})")).strong())
        .id_salt(("author-events", key))
        .default_open(n <= super::LIST_OPEN_UP_TO)
        .show(ui, |ui| {
            for e in mine {
                let text = format!("Edit event {} ({})", e.label, e.date);
                if ui.button(text).clicked() {
                    a.event = Some(e.id.clone());
                }
            }
        });
}
