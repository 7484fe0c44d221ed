//! The right panel: the selected element, our one-line summary (marked as ours), every
//! linked passage as a verbatim quote with its place in the article, who claims it, and
//! related elements. A new selection starts at the top with its own details first (a
//! scenario follows them); the passage the reader points at is framed and kept in view.

mod passages;

use crate::ui::bidi::display;
use egui::RichText;

use super::{Command, Origin, ViewCtx};
use crate::model::{Atlas, Element, ElementId};
use passages::{by_part, passage_ui};
pub use passages::{citation, quoted, where_in_article};

/// Where the side panel notes its first "Copy citation" button each frame.
fn first_copy_key() -> egui::Id {
    egui::Id::unique("aras-side-first-copy")
}

/// The side panel's first "Copy citation" button in the last frame it was drawn, if it
/// is still on screen: F6's stop between the search box and the map.
pub fn first_copy(ctx: &egui::Context) -> Option<egui::Id> {
    let id = ctx.data(|d| d.get_temp::<Option<egui::Id>>(first_copy_key()))??;
    ctx.read_response(id).map(|r| r.id)
}

/// What the side panel remembers between frames.
#[derive(Default)]
pub struct SidePanel {
    /// The selection and event shown last frame: a new one starts at the top.
    shown: Option<(Option<ElementId>, Option<usize>)>,
    /// The reader's passage index last frame: a new one is scrolled into view.
    passage: Option<usize>,
}

/// Which of the selection's passages the reader shows, and whether to scroll to it.
#[derive(Clone, Copy)]
struct Current {
    index: usize,
    scroll: bool,
}

impl SidePanel {
    /// Draws the panel; `passage` is the index of the selection's passage the reader shows.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        passage: usize,
        commands: &mut Vec<Command>,
    ) {
        ui.data_mut(|d| d.insert_temp(first_copy_key(), None::<egui::Id>));
        let now = (ctx.selection.selected, ctx.selection.event);
        let new_selection = self.shown != Some(now);
        self.shown = Some(now);
        let current = Current {
            index: passage,
            scroll: !new_selection && self.passage != Some(passage),
        };
        self.passage = Some(passage);
        let mut area = egui::ScrollArea::vertical()
            .id_salt("side-panel")
            .auto_shrink([false, false]);
        if new_selection {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| {
            if let Some(ev) = ctx.selection.event.and_then(|i| ctx.atlas.events.get(i)) {
                event_ui(ui, ctx, ev, commands);
                ui.separator();
            }
            // The selection's details come first; with nothing selected, the scenario.
            let selected = ctx.selection.selected.is_some();
            if let Some(sc) = ctx.scenario.filter(|_| !selected) {
                scenario_ui(ui, ctx, sc, commands);
                ui.separator();
            }
            element_ui(ui, ctx, current, commands);
            if let Some(sc) = ctx.scenario.filter(|_| selected) {
                ui.add_space(8.0);
                ui.separator();
                scenario_ui(ui, ctx, sc, commands);
            }
            crate::ui::style::focus::keep_in_view(ui);
        });
    }
}

/// The selected element's details, top to bottom; with nothing selected, the welcome text.
fn element_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, current: Current, commands: &mut Vec<Command>) {
    let Some(el) = ctx.selection.selected.and_then(|s| ctx.atlas.element(s)) else {
        empty_ui(ui, ctx);
        return;
    };
    header_ui(ui, ctx.atlas, el);
    if let Some(r) = el.relation {
        relation_ui(ui, ctx.atlas, r, commands);
    }
    facts_ui(ui, ctx, el, commands);
    notes_ui(ui, ctx, el);
    passages_ui(ui, ctx, el, current, commands);
    related_ui(ui, ctx.atlas, el, commands);
    if let Some(src) = &el.source {
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Geometry: {src}")).small().weak());
    }
    super::attribution::sources(ui, ctx.atlas, el);
}

/// The element's name and kind ("Region of Azerbaijan"), so the reader knows what it is.
fn header_ui(ui: &mut egui::Ui, atlas: &Atlas, el: &Element) {
    ui.heading(display(&el.name));
    let mut kind = el.kind.label().to_owned();
    if let Some(part) = el.part_of.and_then(|p| atlas.element(p)) {
        kind = format!("{kind} of {}", part.name);
    }
    ui.label(RichText::new(kind).weak());
}

/// A relation's two ends (links), its type and who claims it.
fn relation_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    r: crate::model::timeline::Relation,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("From");
        if ui.link(atlas.name(r.from)).clicked() {
            commands.push(Command::Focus(r.from, Origin::Chip));
        }
        ui.label("to");
        if ui.link(atlas.name(r.to)).clicked() {
            commands.push(Command::Focus(r.to, Origin::Chip));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Type:");
        ui.label(RichText::new(r.kind.label()).strong());
    });
    ui.label(match r.claimed_by {
        crate::model::timeline::Claimant::Author => "The author’s assessment".to_owned(),
        crate::model::timeline::Claimant::Actor(a) => {
            format!("Claimed by {}", display(atlas.name(a)))
        }
    });
    ui.label(RichText::new("Its evidence is in the passages below.").weak());
}

/// Status, who promotes, opposes, allows or alleges it, whether it is disputed, and
/// where a person acts: the facts the atlas records beside the passages.
fn facts_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, el: &Element, commands: &mut Vec<Command>) {
    let atlas = ctx.atlas;
    if let Some(status) = el.status {
        ui.horizontal(|ui| {
            ui.label("Status:");
            ui.label(RichText::new(status.label()).strong());
        });
    }
    for (field, label) in [
        ("promoted_by", "Promoted by"),
        ("opposed_by", "Opposed by"),
        ("allowed_by", "Allowed by"),
        ("alleged_by", "Alleged by"),
    ] {
        let names: Vec<&str> = el
            .properties
            .get(field)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|k| k.as_str().and_then(|k| atlas.by_key(k)))
            .map(|id| atlas.name(id))
            .collect();
        if !names.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{label}:"));
                ui.label(RichText::new(names.join(", ")).strong());
            });
        }
    }
    if el.disputed {
        ui.label(
            RichText::new("Disputed")
                .color(ctx.palette.disputed)
                .strong(),
        );
    }
    if let Some(at) = el.at.and_then(|a| atlas.element(a)) {
        ui.horizontal(|ui| {
            ui.label("Acts in:");
            if ui.link(&at.name).clicked() {
                commands.push(Command::Focus(at.id, Origin::Chip));
            }
        });
    }
}

/// Our summary (marked as ours), the context-only notice, what stood on the map date
/// before the element existed, and the atlas's note.
fn notes_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, el: &Element) {
    if let Some(s) = &el.summary {
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new("SUMMARY (ours, not the article’s words)")
                    .small()
                    .weak(),
            );
            ui.label(RichText::new(s).italics());
        });
    }
    if el.context {
        ui.add_space(6.0);
        ui.label(
            RichText::new("Shown for geography only: the article does not discuss it.").italics(),
        );
    }
    if let Some(b) = el
        .before
        .as_ref()
        .filter(|_| !ctx.layers.exists_on_date(ctx.atlas, el))
    {
        ui.label(
            RichText::new(format!("On the map date: {b}"))
                .color(ctx.palette.recaptured)
                .strong(),
        );
    }
    if let Some(n) = off_the_map(ctx, el) {
        ui.label(RichText::new(n).color(ctx.palette.recaptured).strong());
    }
    if let Some(n) = &el.note {
        ui.label(RichText::new(n).small().weak());
    }
}

/// Why a selected element that says nothing of how it was (`before`) is not on the map
/// at the map date: "Not yet proposed on 1 June 2019 (from November 2020)", or no longer
/// there; `None` while it is. The selection is kept, so a later date shows it again.
fn off_the_map(ctx: &ViewCtx<'_>, el: &Element) -> Option<String> {
    if el.before.is_some() || ctx.layers.exists_on_date(ctx.atlas, el) {
        return None;
    }
    let day = ctx.layers.day(ctx.atlas);
    let (year, month, d) = crate::model::timeline::civil_from_days(day);
    let on = crate::model::timeline::DatePoint {
        year,
        month,
        day: d,
        precision: crate::model::timeline::Precision::Day,
    };
    if let Some(until) = el.until.filter(|u| day >= u.first_day()) {
        return Some(format!("No longer on the map on {on}: until {until}"));
    }
    let what = match (el.status, el.kind) {
        (Some(crate::model::element::Status::Proposed), _) => "Not yet proposed",
        (Some(crate::model::element::Status::Alleged), _) => "Not yet alleged",
        (Some(crate::model::element::Status::Reported), _) => "Not yet reported",
        (_, crate::model::Kind::Person) => "Not yet in this role",
        _ => "Not yet on the map",
    };
    let from = el
        .changed
        .map(|c| format!(" (from {c})"))
        .unwrap_or_default();
    Some(format!("{what} on {on}{from}"))
}

/// How many passages support the element, then one card per paragraph; the card with
/// the reader's passage is framed (and scrolled to when `current.scroll`).
fn passages_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    el: &Element,
    current: Current,
    commands: &mut Vec<Command>,
) {
    let atlas = ctx.atlas;
    let links = atlas.links_of(el.id);
    ui.add_space(8.0);
    ui.label(
        RichText::new(match links.len() {
            0 => "No passages".to_owned(),
            1 => "1 passage in the article".to_owned(),
            n => format!("{n} passages in the article"),
        })
        .strong(),
    );
    let current_link = links.get(current.index).copied();
    for card in by_part(atlas, links) {
        let shown = card
            .iter()
            .any(|l| Some(l.id) == current_link)
            .then_some(current.scroll);
        passage_ui(ui, ctx, &card, current_link, shown, Some(el.id), commands);
    }
}

/// Chips to the relations the element is an end of, then to its other related elements.
fn related_ui(ui: &mut egui::Ui, atlas: &Atlas, el: &Element, commands: &mut Vec<Command>) {
    let (relations, related): (Vec<ElementId>, Vec<ElementId>) =
        atlas.related(el.id).into_iter().partition(|r| {
            atlas
                .element(*r)
                .is_some_and(|e| e.kind == crate::model::Kind::Relation)
        });
    let relations: Vec<ElementId> = relations
        .into_iter()
        .filter(|r| {
            atlas
                .element(*r)
                .and_then(|e| e.relation)
                .is_some_and(|rel| rel.from == el.id || rel.to == el.id)
        })
        .collect();
    if !relations.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Relations").strong());
        ui.horizontal_wrapped(|ui| {
            for r in relations {
                if ui
                    .add(egui::Button::new(atlas.name(r)).corner_radius(10))
                    .clicked()
                {
                    commands.push(Command::Focus(r, Origin::Chip));
                }
            }
        });
    }
    if !related.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Related").strong());
        ui.horizontal_wrapped(|ui| {
            for r in related {
                if ui
                    .add(egui::Button::new(atlas.name(r)).corner_radius(10))
                    .on_hover_text(format!("Select {}", atlas.name(r)))
                    .clicked()
                {
                    commands.push(Command::Focus(r, Origin::Chip));
                }
            }
        });
    }
}

/// A timeline event: its date as precise as the article, its passage, its elements.
fn event_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    ev: &crate::model::timeline::Event,
    commands: &mut Vec<Command>,
) {
    let atlas = ctx.atlas;
    ui.label(RichText::new("EVENT").small().weak());
    ui.heading(&ev.label);
    ui.label(
        RichText::new(format!(
            "{} (to the {})",
            ev.date_label(),
            ev.date.precision_key()
        ))
        .weak(),
    );
    super::attribution::event_source(ui, ev);
    if let Some(link) = atlas.link(ev.link) {
        passage_ui(ui, ctx, &[link], None, None, None, commands);
    }
    ui.horizontal_wrapped(|ui| {
        for e in &ev.elements {
            if ui
                .add(egui::Button::new(atlas.name(*e)).corner_radius(10))
                .clicked()
            {
                commands.push(Command::Focus(*e, Origin::Chip));
            }
        }
    });
}

/// The emphasised scenario: our summary, and the passages that argue for it.
fn scenario_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    sc: &crate::model::timeline::Scenario,
    commands: &mut Vec<Command>,
) {
    let atlas = ctx.atlas;
    egui::CollapsingHeader::new(RichText::new(format!("Scenario: {}", sc.name)).strong())
        .id_salt("scenario")
        .default_open(true)
        .show(ui, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(
                    RichText::new("SUMMARY (ours, not the article’s words)")
                        .small()
                        .weak(),
                );
                ui.label(RichText::new(&sc.summary).italics());
            });
            ui.label(RichText::new(format!("{} passages argue for it", sc.links.len())).strong());
            for card in by_part(atlas, &sc.links) {
                passage_ui(ui, ctx, &card, None, None, None, commands);
            }
        });
}

fn empty_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    ui.heading("Click a country, region, corridor or person");
    ui.label("Every element of the map is linked to the passages of the article that support it. Drag to pan, scroll to zoom. F6 (or \"Skip to map\", the first Tab stop) takes the keyboard to the map, where Tab or the arrows step through the elements.");
    ui.add_space(10.0);
    if let Some(sf) = ctx.atlas.article.standfirst() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("From the article").small().weak());
            ui.label(RichText::new(format!("“{sf}”")).size(15.0));
        });
    }
    ui.add_space(6.0);
    ui.label(RichText::new(&ctx.atlas.article.citation).small().weak());
}
