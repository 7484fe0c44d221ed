//! The problems panel: the live check of the files as edited (the same checks as
//! `aras check`), updated after every edit. Clicking a problem goes to its item: an
//! element is selected and opened in the editor, a passage is shown in the reader.

use egui::RichText;

use super::{Author, AuthorTab};
use crate::model::ProblemKind;
use crate::model::edit::{AtlasDoc, Attr, Edit, element_exists, element_value};
use crate::model::load::EVENTS_FILE;
use crate::ui::{Command, Origin, ViewCtx};

pub fn ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    if a.problems.is_empty() {
        ui.label(RichText::new("No problems").strong());
        ui.label(RichText::new("The atlas passes every check of `aras check`.").weak());
        egui::ScrollArea::vertical()
            .id_salt("author-coverage")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                crate::ui::style::focus::scrolled(ui, |ui| coverage_ui(ui, a, view, commands))
            });
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
    let mut fix = None;
    egui::ScrollArea::vertical()
        .id_salt("author-problems")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::style::focus::scrolled(ui, |ui| {
                for (i, p) in a.problems.iter().enumerate() {
                    let text = in_app(p, &a.session.doc);
                    let r = ui.add(
                        egui::Button::new(RichText::new(text).color(ui.visuals().error_fg_color))
                            .wrap()
                            .frame(false),
                    );
                    if r.clicked() {
                        go = Some(i);
                    }
                    if let Some((label, edit)) = quick_fix(p, &a.session.doc)
                        && ui.button(label).clicked()
                    {
                        fix = Some(edit);
                    }
                    ui.separator();
                }
            })
        });
    if let Some(edit) = fix {
        a.apply(edit);
        return;
    }
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
    } else if element_exists(&a.session.doc, &item) {
        // Made since the last clean check: not on the map yet (trial9 #3).
        a.message = Some(super::Message {
            text: format!(
                "{} is not on the map until the atlas checks clean: fix the problem here, or Undo the edit that made it.",
                name_of(&a.session.doc, &item)
            ),
            error: true,
        });
    } else if let Some(range) = a.session.doc.link_range(&item) {
        commands.push(Command::ShowPassage(range, None));
    }
}

/// What the check lets pass but an author may want to look at: passages that name none
/// of their elements, with what that means and the ways on (trial10 #13: listed with
/// no word on whether or how to fix them).
fn coverage_ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let atlas = view.atlas;
    let links = atlas.coverage().unmentioned_links.clone();
    if links.is_empty() {
        return;
    }
    ui.add_space(8.0);
    let n = links.len();
    let title = if n == 1 {
        "1 passage names none of its elements".to_owned()
    } else {
        format!("{n} passages name none of their elements")
    };
    ui.label(RichText::new(title).strong());
    ui.label(
        "Worth a look, not a problem: each is linked to an element its words never name. \
         That is often right (“the army said” is the army): leave it as it is. If the name \
         stands just before or after, extend the passage to take it in (Edit passage). If \
         the words are about something else, select them and use Link to… for that.",
    );
    for id in links {
        let Some(link) = atlas.link(id) else {
            continue;
        };
        let names: Vec<&str> = link.elements.iter().map(|e| atlas.name(*e)).collect();
        let words: Vec<&str> = atlas
            .article
            .slice(&link.range)
            .split_whitespace()
            .collect();
        let mut quote = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
        if words.len() > 8 {
            quote.push('…');
        }
        ui.separator();
        ui.label(format!("“{quote}”, linked to {}", names.join(", ")));
        let edit = format!("Edit the passage “{quote}”");
        if ui.button(edit).clicked() {
            commands.push(Command::ShowPassage(
                link.range.clone(),
                link.elements.first().copied(),
            ));
            a.tab = AuthorTab::Passage;
        }
    }
}

/// A problem as the author fixes it in the app: never "edit links.json" (trial #2), and
/// elements by their names, not their ids (`japan` read as code, trial9 #3).
pub fn in_app(p: &crate::model::Problem, doc: &AtlasDoc) -> String {
    let mut text = p.to_string();
    if let Some(item) = &p.item
        && element_exists(doc, item)
    {
        text = text.replacen(item.as_str(), &name_of(doc, item), 1);
    }
    if let ProblemKind::RouteOutsideVia { area, .. } | ProblemKind::PointOutside { area, .. } =
        &p.kind
    {
        text = text.replace(&format!("`{area}`"), &name_of(doc, area));
    }
    if matches!(p.kind, ProblemKind::NoPassage) {
        let file = "link it in links.json or mark it `\"context\": true`";
        return text.replace(
            file,
            "select its words in the reader and choose Link to…, or reject it in Review",
        );
    }
    text
}

/// An element's name in the files as edited, else its id.
pub(super) fn name_of(doc: &AtlasDoc, id: &str) -> String {
    element_value(doc, id)
        .and_then(|v| v.get("name"))
        .and_then(|n| n.as_str())
        .map_or_else(|| id.to_owned(), str::to_owned)
}

/// The one edit that fixes a problem, where there is exactly one: a route that runs
/// through an area its "Passes through" leaves out gets the area added.
fn quick_fix(p: &crate::model::Problem, doc: &AtlasDoc) -> Option<(String, Edit)> {
    let ProblemKind::RouteOutsideVia { area, .. } = &p.kind else {
        return None;
    };
    let id = p.item.clone()?;
    let mut via: Vec<String> = element_value(doc, &id)?
        .get("via")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    via.push(area.clone());
    let label = format!("Add {} to its “Passes through”", name_of(doc, area));
    Some((
        label,
        Edit::SetAttr {
            id,
            attr: Attr::Via(via),
        },
    ))
}
