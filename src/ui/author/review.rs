//! The review list of a draft: every element the atlas proposes (context geography
//! aside) with how often the text mentions it; select one to rename it or change its
//! kind in the editor, reject it, or merge it into another ("Bakı" into "Baku").

use egui::RichText;

use super::{Author, AuthorTab};
use crate::model::edit::{AtlasDoc, Edit, ElementRow, element_list};
use crate::ui::{Command, Origin, ViewCtx};

/// The panel's own state: the element whose "Merge into…" is open.
#[derive(Default)]
pub struct Review {
    merging: Option<String>,
}

/// Elements to review: every element that is not context geography.
fn rows(doc: &AtlasDoc) -> Vec<ElementRow> {
    element_list(doc)
        .into_iter()
        .filter(|r| !r.context && r.kind != "relation")
        .collect()
}

/// How many elements the list holds.
pub fn count(doc: &AtlasDoc) -> usize {
    rows(doc).len()
}

pub fn ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let rows = rows(&a.session.doc);
    ui.label(
        RichText::new(
            "Every element, with its mentions in the text. Select one to rename it or change \
             its kind; reject it, or merge it into another.",
        )
        .weak(),
    );
    let mut edit = None;
    egui::ScrollArea::vertical()
        .id_salt("author-review")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for row in &rows {
                if let Some(e) = row_ui(ui, a, view, row, &rows, commands) {
                    edit = Some(e);
                }
                ui.separator();
            }
        });
    if let Some(e) = edit {
        a.review.merging = None;
        a.apply(e);
    }
}

/// One element: its name, kind and mentions, then Select, Reject and Merge into….
fn row_ui(
    ui: &mut egui::Ui,
    a: &mut Author,
    view: &ViewCtx<'_>,
    row: &ElementRow,
    rows: &[ElementRow],
    commands: &mut Vec<Command>,
) -> Option<Edit> {
    let id = view.atlas.by_key(&row.id);
    let mentions = id.map_or(0, |id| {
        view.atlas
            .mentions
            .iter()
            .filter(|m| m.element == id)
            .count()
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(row.name.as_str()).strong());
        ui.label(RichText::new(format!("{} · {mentions} mention(s)", row.kind)).weak());
    });
    let mut edit = None;
    ui.horizontal_wrapped(|ui| {
        let select = ui.add_enabled(id.is_some(), egui::Button::new("Select"));
        if let (true, Some(id)) = (select.clicked(), id) {
            commands.push(Command::Focus(id, Origin::Chip));
            a.tab = AuthorTab::Element;
        }
        if ui.button(format!("Reject {}", row.name)).clicked() {
            edit = Some(Edit::RemoveElement { id: row.id.clone() });
        }
        let open = a.review.merging.as_deref() == Some(row.id.as_str());
        if ui.selectable_label(open, "Merge into…").clicked() {
            a.review.merging = (!open).then(|| row.id.clone());
        }
    });
    if a.review.merging.as_deref() == Some(row.id.as_str()) {
        ui.indent("merge", |ui| {
            for keep in rows.iter().filter(|k| k.id != row.id) {
                let text = format!("Merge {} into {}", row.name, keep.name);
                if ui.button(text).clicked() {
                    edit = Some(Edit::Merge {
                        keep: keep.id.clone(),
                        absorb: row.id.clone(),
                    });
                }
            }
        });
    }
    edit
}
