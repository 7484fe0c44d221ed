//! The attribute editor of the selected element: name, aliases, kind, our one-line
//! summary (marked as ours), status, dates and sources. A text field's change becomes
//! one named edit when the field loses focus or Enter is pressed; a choice at once.

use egui::RichText;
use serde_json::Value;

use super::Author;
use super::choose::Item;
use crate::model::edit::{Attr, Edit, ElementRow, element_value, route_near};
use crate::model::{Atlas, GeoShape, Kind, Status};

/// The text fields as typed, for one element at one generation of the document.
#[derive(Default)]
pub struct Form {
    /// `(element key, session generation)` the fields were read at.
    read: Option<(String, u64)>,
    fields: Vec<(Field, String)>,
    /// A route's "Add a country or region" filter as typed, with the route it is for.
    via_filter: (String, String),
    /// The areas a route comes near, for `(route key, generation)`.
    near: (Option<(String, u64)>, Vec<String>),
}

/// A text attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Aliases,
    MapLabel,
    Summary,
    Changed,
    ChangedSource,
    Until,
    UntilSource,
    Source,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::Name,
        Field::Aliases,
        Field::MapLabel,
        Field::Summary,
        Field::Changed,
        Field::ChangedSource,
        Field::Until,
        Field::UntilSource,
        Field::Source,
    ];

    fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Aliases => "aliases",
            Self::MapLabel => "map_label",
            Self::Summary => "summary",
            Self::Changed => "changed",
            Self::ChangedSource => "changed_source",
            Self::Until => "until",
            Self::UntilSource => "until_source",
            Self::Source => "source",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Aliases => "Aliases (comma-separated)",
            Self::MapLabel => "Short name on the map (optional; empty: the name)",
            Self::Summary => "Our summary (ours, not the article's words)",
            Self::Changed => "Exists from (YYYY, YYYY-MM or YYYY-MM-DD)",
            Self::ChangedSource => "Source of that date, if not the article",
            Self::Until => "Exists until",
            Self::UntilSource => "Source of that date, if not the article",
            Self::Source => "Source of the geometry or placement, if not the article",
        }
    }

    /// The value as shown in the field.
    fn read(self, props: &Value) -> String {
        match props.get(self.key()) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        }
    }

    /// The edit that sets the field to `text`.
    fn edit(self, id: &str, text: &str) -> Edit {
        let t = text.trim();
        let opt = (!t.is_empty()).then(|| t.to_owned());
        let attr = match self {
            Self::Name => {
                return Edit::RenameElement {
                    id: id.to_owned(),
                    name: t.to_owned(),
                };
            }
            Self::Aliases => Attr::Aliases(
                t.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            Self::MapLabel => Attr::MapLabel(opt),
            Self::Summary => Attr::Summary(opt),
            Self::Changed => Attr::Changed(opt),
            Self::ChangedSource => Attr::ChangedSource(opt),
            Self::Until => Attr::Until(opt),
            Self::UntilSource => Attr::UntilSource(opt),
            Self::Source => Attr::Source(opt),
        };
        Edit::SetAttr {
            id: id.to_owned(),
            attr,
        }
    }
}

/// The editor for element `key` (none selected: a hint).
pub fn ui(
    ui: &mut egui::Ui,
    a: &mut Author,
    key: Option<&str>,
    (atlas, commands): (&Atlas, &mut Vec<crate::ui::Command>),
) {
    let Some(key) = key else {
        ui.label(RichText::new("Nothing selected").strong());
        ui.label(
            RichText::new("Select an element on the map, in the article or in Review to edit it.")
                .weak(),
        );
        // Scrolled: at 640×480 the article's fields and "Mark as finished" are taller
        // than the panel.
        egui::ScrollArea::vertical()
            .id_salt("author-article")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                crate::ui::style::focus::scrolled(ui, |ui| super::article::ui(ui, a, atlas))
            });
        return;
    };
    let Some(props) = element_value(&a.session.doc, key).cloned() else {
        ui.label(format!("{key} is no longer in the atlas."));
        return;
    };
    let now = (key.to_owned(), a.session.generation());
    if a.attrs.read.as_ref() != Some(&now) {
        a.attrs.fields = Field::ALL.iter().map(|f| (*f, f.read(&props))).collect();
        a.attrs.read = Some(now);
    }
    let name = props.get("name").and_then(Value::as_str).unwrap_or(key);
    ui.label(RichText::new(format!("Editing {name}")).strong());
    egui::ScrollArea::vertical()
        .id_salt("author-attributes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::style::focus::scrolled(ui, |ui| {
                super::event::list_ui(ui, a, key);
                super::relation::list_ui(ui, a, key, atlas, commands);
                choices(ui, a, key, &props);
                country_ui(ui, a, key, &props);
                via_ui(ui, a, (key, atlas), &props);
                let mut commit = None;
                // A relation (no `kind`, as `element_list` reads it) has no geometry or
                // placement to source (trial #17).
                let relation = props.get("kind").is_none();
                for (field, text) in &mut a.attrs.fields {
                    // Nor a place on the map to label.
                    if relation && matches!(*field, Field::Source | Field::MapLabel) {
                        continue;
                    }
                    if let Some(edit) = text_field(ui, key, *field, text, &props) {
                        commit = Some(edit);
                    }
                }
                if let Some(edit) = commit {
                    a.apply(edit);
                }
            })
        });
}

/// Saves what is typed in the Element tab but not yet saved (the author leaves the tab,
/// or saves the atlas, with the cursor still in a field): each changed field, one edit.
pub fn flush(a: &mut Author) {
    let Some((key, generation)) = a.attrs.read.clone() else {
        return;
    };
    // Only fields read at this generation hold what the author typed over it.
    if generation != a.session.generation() {
        return;
    }
    let Some(props) = element_value(&a.session.doc, &key).cloned() else {
        return;
    };
    let edits: Vec<Edit> = a
        .attrs
        .fields
        .iter()
        .filter(|(f, text)| text.trim() != f.read(&props).trim())
        .map(|(f, text)| f.edit(&key, text))
        .collect();
    for edit in edits {
        if !a.apply(edit) {
            break;
        }
    }
}

/// One labelled text field; the edit to make when it is committed with a new value.
fn text_field(
    ui: &mut egui::Ui,
    key: &str,
    field: Field,
    text: &mut String,
    props: &Value,
) -> Option<Edit> {
    ui.add_space(4.0);
    let label = ui.label(field.label());
    // Our summary and the sources (a citation, often long) wrap over two rows or more,
    // readable whole at 640 wide; each is one line of text (trial s7 #17, s10 #4).
    let wrapped = matches!(
        field,
        Field::Summary | Field::Source | Field::ChangedSource | Field::UntilSource
    );
    let entered = if wrapped {
        super::wrapped_line(ui, text, 2, label.id).1
    } else {
        let r = ui
            .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        r.lost_focus() || (r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
    };
    if field == Field::Summary {
        // Body size and the weak colour the contrast test holds to AA on panels.
        ui.label(RichText::new("Shown as our summary, never as a quote of the article.").weak());
    }
    (entered && text.trim() != field.read(props).trim()).then(|| field.edit(key, text))
}

/// A route's "Passes through": the countries and regions in its `via`, each to untick,
/// and any other to add. The check holds the drawn line to this list, so a region drawn
/// after the route, or a country it only grazes, is put right here (trial #5).
fn via_ui(ui: &mut egui::Ui, a: &mut Author, (key, atlas): (&str, &Atlas), props: &Value) {
    let Some(via) = props.get("via").and_then(Value::as_array) else {
        return;
    };
    let via: Vec<String> = via
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let rows = a.lists().elements.clone();
    let areas: Vec<_> = rows
        .iter()
        .filter(|e| e.kind == "country" || e.kind == "region")
        .collect();
    let name = |id: &str| {
        areas
            .iter()
            .find(|e| e.id == id)
            .map_or(id.to_owned(), |e| e.name.clone())
    };
    ui.add_space(4.0);
    ui.label(RichText::new("Passes through").strong());
    let mut next = None;
    for id in &via {
        let mut on = true;
        if ui.checkbox(&mut on, name(id)).changed() && !on {
            next = Some(via.iter().filter(|v| *v != id).cloned().collect::<Vec<_>>());
        }
    }
    if let Some(id) = via_add(ui, a, (key, atlas), &areas, &via) {
        let mut more = via.clone();
        more.push(id);
        next = Some(more);
    }
    if let Some(via) = next {
        a.apply(Edit::SetAttr {
            id: key.to_owned(),
            attr: Attr::Via(via),
        });
    }
}

/// How many matches "Add a country or region" lists; typing narrows the rest.
const VIA_SHOWN: usize = 8;

/// "Add a country or region": the areas the route comes near (sorted by name; trial #7:
/// not the first areas of the file, wherever they are), then a filter box and, sorted by
/// name, the first [`VIA_SHOWN`] areas not yet in `via` whose name holds what is typed,
/// each a button; Enter adds the first. Inline in the panel (not a list over
/// the map), all of it reachable with Tab (trial s7 #10). Returns the area to add.
fn via_add(
    ui: &mut egui::Ui,
    a: &mut Author,
    (key, atlas): (&str, &Atlas),
    areas: &[&ElementRow],
    via: &[String],
) -> Option<String> {
    if a.attrs.via_filter.0 != key {
        a.attrs.via_filter = (key.to_owned(), String::new());
    }
    let near = near_areas(a, atlas, key, via);
    let item = |e: &&ElementRow| Item::new(&e.id, e.name.as_str());
    let mut likely: Vec<Item> = near
        .iter()
        .filter_map(|k| areas.iter().find(|e| e.id == *k))
        .map(item)
        .collect();
    likely.sort_by_cached_key(|i| i.text.to_lowercase());
    let others: Vec<Item> = areas
        .iter()
        .filter(|e| !via.contains(&e.id) && !near.contains(&e.id))
        .map(item)
        .collect();
    let filter = &mut a.attrs.via_filter.1;
    let label = ("Add a country or region", "Add");
    super::choose::add_list(ui, label, filter, (&likely, &others), VIA_SHOWN, false)
}

/// The countries and regions route `key`'s line comes near without passing through
/// them (the drawn atlas's geometry), read once per route and generation.
fn near_areas(a: &mut Author, atlas: &Atlas, key: &str, via: &[String]) -> Vec<String> {
    let now = (key.to_owned(), a.session.generation());
    if a.attrs.near.0.as_ref() != Some(&now) {
        let lines = atlas
            .by_key(key)
            .and_then(|id| atlas.element(id))
            .and_then(|e| match &e.geo {
                Some(GeoShape::Lines(l)) => Some(l.clone()),
                _ => None,
            })
            .unwrap_or_default();
        let mut near: Vec<String> = Vec::new();
        for line in &lines {
            for k in route_near(atlas, line, via) {
                if !near.contains(&k) {
                    near.push(k);
                }
            }
        }
        a.attrs.near = (Some(now), near);
    }
    a.attrs.near.1.clone()
}

/// A place's country (or region): the check holds its point to it, so a place
/// re-resolved or drawn in the wrong one is put right here, as one edit (trial #1).
fn country_ui(ui: &mut egui::Ui, a: &mut Author, key: &str, props: &Value) {
    if props.get("kind").and_then(Value::as_str) != Some(Kind::Place.key()) {
        return;
    }
    let now = props.get("country").and_then(Value::as_str);
    // Sorted by name and filterable (trial #7), as every list of the forms.
    let areas: Vec<Item> = a
        .lists()
        .elements
        .iter()
        .filter(|e| e.kind == "country" || e.kind == "region")
        .map(|e| Item::new(&e.id, e.name.as_str()))
        .collect();
    let mut next = None;
    ui.horizontal(|ui| {
        next = super::choose::combo(ui, "Country", now, &areas, Some("none"));
    });
    let next = next.filter(|n| n.as_deref() != now);
    if let Some(country) = next {
        a.apply(Edit::SetAttr {
            id: key.to_owned(),
            attr: Attr::Country(country),
        });
    }
}

/// Kind and status, each a choice made at once.
fn choices(ui: &mut egui::Ui, a: &mut Author, key: &str, props: &Value) {
    let kind: Option<Kind> = props
        .get("kind")
        .and_then(|k| serde_json::from_value(k.clone()).ok());
    let status: Option<Status> = props
        .get("status")
        .and_then(|k| serde_json::from_value(k.clone()).ok());
    let mut edit = None;
    ui.horizontal(|ui| {
        if let Some(kind) = kind.filter(|k| *k != Kind::Relation) {
            let label = ui.label("Kind");
            egui::ComboBox::from_id_salt("author-kind")
                .selected_text(kind.label())
                .show_ui(ui, |ui| {
                    for k in Kind::ALL.into_iter().filter(|k| *k != Kind::Relation) {
                        if ui.selectable_label(k == kind, k.label()).clicked() && k != kind {
                            edit = Some(Attr::Kind(k));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Status");
        let name = status.map_or("none", Status::label);
        egui::ComboBox::from_id_salt("author-status")
            .selected_text(name)
            .show_ui(ui, |ui| {
                let all = [
                    None,
                    Some(Status::Proposed),
                    Some(Status::Existing),
                    Some(Status::Alleged),
                    Some(Status::Reported),
                ];
                for s in all {
                    let text = s.map_or("none", Status::label);
                    if ui.selectable_label(s == status, text).clicked() && s != status {
                        edit = Some(Attr::Status(s));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(attr) = edit {
        a.apply(Edit::SetAttr {
            id: key.to_owned(),
            attr,
        });
    }
}
