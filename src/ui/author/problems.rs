//! The problems panel: the live check of the files as edited (the same checks as
//! `aras check`), updated after every edit. Clicking a problem goes to its item: an
//! element is selected and opened in the editor, a passage is shown in the reader.

use egui::RichText;

use super::{Author, AuthorTab};
use crate::model::edit::element_exists;
use crate::model::load::EVENTS_FILE;
use crate::ui::{Command, Origin, ViewCtx};

pub fn ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    if a.problems.is_empty() {
        ui.label(RichText::new("No problems").strong());
        ui.label(RichText::new("The atlas passes every check of `aras check`.").weak());
        return;
    }
    ui.label(
        RichText::new(format!(
            "{} problem(s). The map shows the atlas as it was at its last clean check.",
            a.problems.len()
        ))
        .weak(),
    );
    let mut go = None;
    egui::ScrollArea::vertical()
        .id_salt("author-problems")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, p) in a.problems.iter().enumerate() {
                let text = in_app(p);
                let r = ui.add(
                    egui::Button::new(RichText::new(text).color(ui.visuals().error_fg_color))
                        .wrap()
                        .frame(false),
                );
                if r.clicked() {
                    go = Some(i);
                }
                ui.separator();
            }
        });
    let Some((file, item)) = go
        .and_then(|i| a.problems.get(i))
        .and_then(|p| Some((p.file.clone(), p.item.clone()?)))
    else {
        return;
    };
    if file == EVENTS_FILE && a.lists().events.iter().any(|e| e.id == item) {
        // A problem about an event (its date, its source) opens the event editor.
        a.event = Some(item);
        a.tab = AuthorTab::Element;
    } else if let Some(id) = view.atlas.by_key(&item) {
        commands.push(Command::Focus(id, Origin::Chip));
        if element_exists(&a.session.doc, &item) {
            a.tab = AuthorTab::Element;
        }
    } else if let Some(range) = a.session.doc.link_range(&item) {
        commands.push(Command::ShowPassage(range, None));
    }
}

/// A problem as the author fixes it in the app: never "edit links.json" (trial #2).
pub fn in_app(p: &crate::model::Problem) -> String {
    let text = p.to_string();
    if matches!(p.kind, crate::model::ProblemKind::NoPassage) {
        let file = "link it in links.json or mark it `\"context\": true`";
        return text.replace(
            file,
            "select its words in the reader and choose Link to…, or reject it in Review",
        );
    }
    text
}
