//! The relation editor: a relation's name, its two ends, its type, who claims it, our
//! summary and its evidence, changed after it is made, each change one named, undoable
//! edit checked live; and "Delete relation". Shown in the Element tab when the selection
//! is a relation (picked on the map, from a chip in Passages, from a problem, or from
//! "Edit relation …" in an actor's Element tab).

use egui::RichText;

use super::Author;
use super::choose::Item;
use super::create::{ACTOR_KINDS, passage_range};
use crate::model::edit::{Attr, Edit, RelationField, RelationRow, element_value};
use crate::model::timeline::RelationType;
use crate::ui::Command;

/// The text fields as typed, for one relation at one generation of the document.
#[derive(Default)]
pub struct Form {
    /// `(relation id, session generation)` the fields were read at.
    read: Option<(String, u64)>,
    name: String,
    summary: String,
    /// Each evidence passage: its link id and its words as typed.
    evidence: Vec<(String, String)>,
    /// Why the last change of the evidence was refused.
    error: Option<String>,
}

impl Form {
    fn load(&mut self, a: &Author, r: &RelationRow) {
        let now = (r.id.clone(), a.session.generation());
        if self.read.as_ref() == Some(&now) {
            return;
        }
        if self.read.as_ref().is_none_or(|(id, _)| *id != r.id) {
            self.error = None;
        }
        self.name.clone_from(&r.name);
        self.summary = summary_of(a, &r.id);
        self.evidence = r
            .evidence
            .iter()
            .map(|l| (l.clone(), a.session.doc.link_quote(l).unwrap_or_default()))
            .collect();
        self.read = Some(now);
    }
}

fn summary_of(a: &Author, id: &str) -> String {
    element_value(&a.session.doc, id)
        .and_then(|p| p.get("summary"))
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The relation `id` of the document, if it is one.
pub fn find(a: &mut Author, id: &str) -> Option<RelationRow> {
    a.lists().relations.iter().find(|r| r.id == id).cloned()
}

/// The editor for relation `r`.
pub fn ui(ui: &mut egui::Ui, a: &mut Author, r: &RelationRow) {
    let mut form = std::mem::take(&mut a.relation_form);
    form.load(a, r);
    ui.label(RichText::new(format!("Editing {}", r.name)).strong());
    let mut edits: Vec<Edit> = Vec::new();
    let delete = ui
        .button(format!("Delete relation {}", r.name))
        .on_hover_text("Removes the relation and its evidence links; Undo brings it back")
        .clicked();
    if let Some(why) = &form.error {
        ui.label(RichText::new(why.as_str()).color(ui.visuals().error_fg_color));
    }
    egui::ScrollArea::vertical()
        .id_salt("author-relation")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::style::focus::scrolled(ui, |ui| {
                if let Some(e) = name_ui(ui, &mut form, r) {
                    edits.push(e);
                }
                edits.extend(ends_ui(ui, a, r));
                edits.extend(type_ui(ui, r));
                edits.extend(claimant_ui(ui, a, r));
                if let Some(e) = summary_ui(ui, &mut form, a, r) {
                    edits.push(e);
                }
                edits.extend(evidence_ui(ui, &mut form, a, r));
            })
        });
    a.relation_form = form;
    if delete {
        // Back to the actor it went from.
        a.pending_select = Some(r.from.clone());
        edits = vec![Edit::RemoveElement { id: r.id.clone() }];
    }
    for e in edits {
        if !a.apply(e) {
            break;
        }
    }
}

fn name_ui(ui: &mut egui::Ui, f: &mut Form, r: &RelationRow) -> Option<Edit> {
    ui.add_space(4.0);
    let l = ui.label("Name");
    let resp = ui
        .add(egui::TextEdit::singleline(&mut f.name).desired_width(f32::INFINITY))
        .labelled_by(l.id);
    let new = f.name.trim();
    (resp.lost_focus() && !new.is_empty() && new != r.name).then(|| Edit::RenameElement {
        id: r.id.clone(),
        name: new.to_owned(),
    })
}

/// The actors a relation can be between, as the New relation form offers them.
fn actors(a: &mut Author) -> Vec<Item> {
    a.lists()
        .elements
        .iter()
        .filter(|e| ACTOR_KINDS.contains(&e.kind.as_str()) && !e.context)
        .map(|e| Item::named(&e.id, &e.name, format!("{} ({})", e.name, e.kind)))
        .collect()
}

/// From and To, each a list of the actors (not the other end).
fn ends_ui(ui: &mut egui::Ui, a: &mut Author, r: &RelationRow) -> Option<Edit> {
    let all = actors(a);
    let but =
        |other: &str| -> Vec<Item> { all.iter().filter(|i| i.id != other).cloned().collect() };
    let mut field = None;
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if let Some(Some(v)) = super::choose::combo(ui, "From", Some(&r.from), &but(&r.to), None)
            && v != r.from
        {
            field = Some(RelationField::From(v));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if let Some(Some(v)) = super::choose::combo(ui, "To", Some(&r.to), &but(&r.from), None)
            && v != r.to
        {
            field = Some(RelationField::To(v));
        }
    });
    field.map(|field| Edit::SetRelation {
        id: r.id.clone(),
        field,
    })
}

/// Every type in view, wrapped (as in the New relation form).
fn type_ui(ui: &mut egui::Ui, r: &RelationRow) -> Option<Edit> {
    ui.add_space(4.0);
    ui.label("Relation");
    let mut out = None;
    ui.horizontal_wrapped(|ui| {
        for t in RelationType::ALL {
            let on = t.key() == r.relation;
            if ui.selectable_label(on, t.label()).clicked() && !on {
                out = Some(Edit::SetRelation {
                    id: r.id.clone(),
                    field: RelationField::Type(t.key().to_owned()),
                });
            }
        }
    });
    out
}

fn claimant_ui(ui: &mut egui::Ui, a: &mut Author, r: &RelationRow) -> Option<Edit> {
    let all = actors(a);
    let now = Some(r.claimed_by.as_str()).filter(|c| *c != "author");
    let mut out = None;
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let label = "Claimed by (none: the author's assessment)";
        if let Some(v) = super::choose::combo(ui, label, now, &all, Some("none")) {
            let v = v.unwrap_or_else(|| "author".to_owned());
            if v != r.claimed_by {
                out = Some(Edit::SetRelation {
                    id: r.id.clone(),
                    field: RelationField::ClaimedBy(v),
                });
            }
        }
    });
    out
}

fn summary_ui(ui: &mut egui::Ui, f: &mut Form, a: &Author, r: &RelationRow) -> Option<Edit> {
    ui.add_space(4.0);
    let l = ui.label("Our summary (ours, not the article's words)");
    let (_, entered) = super::wrapped_line(ui, &mut f.summary, 2, l.id);
    ui.label(RichText::new("Shown as our summary, never as a quote of the article.").weak());
    let new = f.summary.trim();
    (entered && new != summary_of(a, &r.id).trim()).then(|| Edit::SetAttr {
        id: r.id.clone(),
        attr: Attr::Summary(Some(new.to_owned()).filter(|s| !s.is_empty())),
    })
}

/// Each evidence passage, its words editable: new words (found once in the article)
/// move the passage.
fn evidence_ui(ui: &mut egui::Ui, f: &mut Form, a: &Author, r: &RelationRow) -> Option<Edit> {
    ui.add_space(4.0);
    ui.label(RichText::new("Evidence (the words that say it)").strong());
    if f.evidence.is_empty() {
        ui.label(RichText::new("None: select its words in the article and use Link to….").weak());
    }
    let mut out = None;
    let many = f.evidence.len() > 1;
    for (n, (link, words)) in f.evidence.iter_mut().enumerate() {
        let text = if many {
            format!("Evidence {}", n + 1)
        } else {
            "Evidence".to_owned()
        };
        let l = ui.label(text);
        let (_, entered) = super::wrapped_line(ui, words, 2, l.id);
        let old = a.session.doc.link_quote(link).unwrap_or_default();
        if !entered || words.trim() == old.trim() {
            continue;
        }
        match passage_range(&a.session.doc, words, None) {
            Ok(range) => {
                f.error = None;
                out = Some(Edit::SetRelation {
                    id: r.id.clone(),
                    field: RelationField::Evidence {
                        link: link.clone(),
                        range,
                    },
                });
            }
            Err(why) => f.error = Some(format!("Evidence not changed: {why}")),
        }
    }
    out
}

/// Saves what is typed in the relation editor but not yet saved (the author leaves the
/// tab, or saves the atlas, with the cursor still in a field).
pub fn flush(a: &mut Author) {
    let Some((id, generation)) = a.relation_form.read.clone() else {
        return;
    };
    if generation != a.session.generation() {
        return;
    }
    let Some(r) = find(a, &id) else { return };
    let f = &a.relation_form;
    let mut edits = Vec::new();
    let name = f.name.trim();
    if !name.is_empty() && name != r.name {
        edits.push(Edit::RenameElement {
            id: id.clone(),
            name: name.to_owned(),
        });
    }
    let summary = f.summary.trim();
    if summary != summary_of(a, &id).trim() {
        edits.push(Edit::SetAttr {
            id: id.clone(),
            attr: Attr::Summary(Some(summary.to_owned()).filter(|s| !s.is_empty())),
        });
    }
    for e in edits {
        if !a.apply(e) {
            break;
        }
    }
}

/// The Element tab's list of the relations actor `key` is an end or the claimant of,
/// each a button that selects it (its editor opens).
pub fn list_ui(
    ui: &mut egui::Ui,
    a: &mut Author,
    key: &str,
    atlas: &crate::model::Atlas,
    commands: &mut Vec<Command>,
) {
    let rels = a.lists().relations.clone();
    let mine: Vec<&RelationRow> = rels
        .iter()
        .filter(|r| r.from == key || r.to == key || r.claimed_by == key)
        .collect();
    if mine.is_empty() {
        return;
    }
    ui.add_space(6.0);
    let n = mine.len();
    egui::CollapsingHeader::new(RichText::new(format!("Relations ({n})")).strong())
        .id_salt(("author-relations", key))
        .default_open(n <= super::LIST_OPEN_UP_TO)
        .show(ui, |ui| {
            for r in mine {
                let id = atlas.by_key(&r.id);
                let text = format!("Edit relation {}", r.name);
                let b = ui
                    .add_enabled(id.is_some(), egui::Button::new(text))
                    .on_disabled_hover_text("Shown once the atlas checks clean");
                if b.clicked() {
                    commands.push(Command::Select(id));
                }
            }
        });
}
