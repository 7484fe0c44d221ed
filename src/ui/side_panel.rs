//! The right panel: the selected element, our one-line summary (marked as ours), every
//! linked passage as a verbatim quote with its place in the article, who claims it, and
//! related elements. A new selection starts at the top with its own details first (a
//! scenario follows them); the passage the reader points at is framed and kept in view.

use crate::ui::bidi::display;
use egui::{Color32, FontId, RichText, TextFormat};

use super::{Command, Origin, ViewCtx};
use crate::model::{Atlas, ElementId, Link, LinkId};

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
        });
    }
}

fn element_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, current: Current, commands: &mut Vec<Command>) {
    {
        match ctx.selection.selected.and_then(|s| ctx.atlas.element(s)) {
            None => empty_ui(ui, ctx),
            Some(el) => {
                let atlas = ctx.atlas;
                ui.heading(display(&el.name));
                let mut kind = el.kind.label().to_owned();
                if let Some(part) = el.part_of.and_then(|p| atlas.element(p)) {
                    kind = format!("{kind} of {}", part.name);
                }
                ui.label(RichText::new(kind).weak());
                if let Some(r) = el.relation {
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
                        crate::model::timeline::Claimant::Author => {
                            "The author’s assessment".to_owned()
                        }
                        crate::model::timeline::Claimant::Actor(a) => {
                            format!("Claimed by {}", display(atlas.name(a)))
                        }
                    });
                    ui.label(RichText::new("Its evidence is in the passages below.").weak());
                }
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
                        RichText::new("Shown for geography only: the article does not discuss it.")
                            .italics(),
                    );
                }
                if let Some(b) = el
                    .before
                    .as_ref()
                    .filter(|_| !ctx.layers.exists_on_date(el))
                {
                    ui.label(
                        RichText::new(format!("On the map date: {b}"))
                            .color(ctx.palette.recaptured)
                            .strong(),
                    );
                }
                if let Some(n) = &el.note {
                    ui.label(RichText::new(n).small().weak());
                }
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
                if let Some(src) = &el.source {
                    ui.add_space(8.0);
                    ui.label(RichText::new(format!("Geometry: {src}")).small().weak());
                }
                super::attribution::sources(ui, atlas, el);
            }
        }
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

/// Passages grouped by the part (paragraph) they stand in: one card each, in the order
/// of the first passage of each part in `links`, each card's passages in text order.
fn by_part<'a>(atlas: &'a Atlas, links: &[LinkId]) -> Vec<Vec<&'a Link>> {
    let mut cards: Vec<Vec<&Link>> = Vec::new();
    for link in links.iter().filter_map(|l| atlas.link(*l)) {
        match cards
            .iter_mut()
            .find(|c| c.first().is_some_and(|f| f.part == link.part))
        {
            Some(card) => card.push(link),
            None => cards.push(vec![link]),
        }
    }
    for card in &mut cards {
        card.sort_by_key(|l| (l.range.start, l.range.end));
    }
    cards
}

/// One card: the passages of one paragraph, verbatim with their dimmed context and each
/// linked run in quotation marks; then, per passage, who claims it and "Copy citation".
/// `current` is the passage the reader marks (underlined here); `shown` is `Some(scroll)`
/// when this card holds it: the card is framed in the selection colour and, if `scroll`,
/// brought into view. A click on a passage's opening words marks it in the reader, with
/// `element` selected.
fn passage_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    card: &[&Link],
    current: Option<LinkId>,
    shown: Option<bool>,
    element: Option<ElementId>,
    commands: &mut Vec<Command>,
) {
    let atlas = ctx.atlas;
    let Some(first) = card.first() else { return };
    ui.add_space(4.0);
    let mut frame = egui::Frame::group(ui.style());
    if shown.is_some() {
        frame = frame.stroke(egui::Stroke::new(2.0, ctx.palette.selection));
    }
    let resp = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        let place = where_in_article(atlas, first);
        if shown.is_some() {
            ui.label(
                RichText::new(format!("{place} · marked in the article"))
                    .small()
                    .strong(),
            );
        } else {
            ui.label(RichText::new(place).small().weak());
        }
        let galley = card_text(ui, ctx, card, current, ui.available_width());
        ui.add(egui::Label::new(galley).selectable(true));
        for link in card {
            if card.len() > 1 {
                ui.add_space(2.0);
                let words = opening_words(atlas.article.slice(&link.range), 6);
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .link(RichText::new(format!("Show in the article: {words}")).small())
                        .on_hover_text("Mark this passage in the article")
                        .clicked()
                    {
                        commands.push(Command::ShowPassage(link.range.clone(), element));
                    }
                    copy_button(ui, atlas, link, commands);
                });
                claims(ui, atlas, link);
            } else {
                claims(ui, atlas, link);
                copy_button(ui, atlas, link, commands);
            }
        }
    });
    if shown == Some(true) {
        ui.scroll_to_rect(resp.response.rect, None);
    }
}

/// The card's text exactly as the article has it, from the context before its first
/// passage to the context after its last: passages in the body colour between
/// quotation marks (the one the reader marks underlined), the rest dimmed. Wrapped at
/// `width`, each line in bidirectional order.
fn card_text(
    ui: &egui::Ui,
    ctx: &ViewCtx<'_>,
    card: &[&Link],
    current: Option<LinkId>,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let article = &ctx.atlas.article;
    let body = ui.visuals().text_color();
    let dim = ui.visuals().weak_text_color();
    let outer = card
        .iter()
        .map(|l| article.context_range(&l.range))
        .fold(None::<std::ops::Range<usize>>, |acc, r| {
            Some(acc.map_or(r.clone(), |a| a.start.min(r.start)..a.end.max(r.end)))
        })
        .unwrap_or_default();
    // Overlapping passages are quoted as one run.
    let mut runs: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    for l in card {
        let is_current = Some(l.id) == current;
        match runs.last_mut() {
            Some((r, cur)) if l.range.start < r.end => {
                r.end = r.end.max(l.range.end);
                *cur |= is_current;
            }
            _ => runs.push((l.range.clone(), is_current)),
        }
    }
    // The text with its quotation marks, and its pieces: (range in it, colour, underline).
    let mut text = String::new();
    let mut styled: Vec<(std::ops::Range<usize>, Color32, bool)> = Vec::new();
    let mut add = |s: &str, color: Color32, underline: bool| {
        styled.push((text.len()..text.len() + s.len(), color, underline));
        text.push_str(s);
    };
    let mut pos = outer.start;
    for (r, is_current) in runs {
        add(article.slice(&(pos..r.start)), dim, false);
        add("“", body, false);
        add(article.slice(&r), body, is_current);
        add("”", body, false);
        pos = r.end;
    }
    add(article.slice(&(pos..outer.end)), dim, false);
    let mut cuts: Vec<usize> = styled.iter().flat_map(|(r, ..)| [r.start, r.end]).collect();
    cuts.dedup();
    let format = |r: std::ops::Range<usize>| {
        let (color, underline) = styled
            .iter()
            .find(|(s, ..)| s.start <= r.start && r.end <= s.end && s.start < s.end)
            .map_or((dim, false), |(_, c, u)| (*c, *u));
        TextFormat {
            font_id: FontId::proportional(14.0),
            color,
            underline: if underline {
                egui::Stroke::new(1.5, ctx.palette.selection)
            } else {
                egui::Stroke::NONE
            },
            ..Default::default()
        }
    };
    let wrap = egui::text::TextWrapping {
        max_width: width,
        ..Default::default()
    };
    crate::ui::bidi::lay_out(ui.painter(), &text, &cuts, &format, None, wrap).galley
}

/// The first `n` words of a passage, with "…" if there are more.
fn opening_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
    if words.len() > n {
        out.push('…');
    }
    out
}

/// Who claims or denies a passage, and whose words are whose.
fn claims(ui: &mut egui::Ui, atlas: &Atlas, link: &Link) {
    let names = |ids: &[ElementId]| {
        ids.iter()
            .map(|i| display(atlas.name(*i)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !link.claimed_by.is_empty() {
        ui.label(
            RichText::new(format!("Claimed by {}", names(&link.claimed_by)))
                .small()
                .strong(),
        );
    }
    if !link.denied_by.is_empty() {
        ui.label(
            RichText::new(format!("Denied by {}", names(&link.denied_by)))
                .small()
                .strong(),
        );
    }
    if link.assessment {
        ui.label(RichText::new("The author’s assessment").small().strong());
    }
    super::attribution::voices(ui, atlas, link);
}

/// "Copy citation": the passage with the article's citation.
fn copy_button(ui: &mut egui::Ui, atlas: &Atlas, link: &Link, commands: &mut Vec<Command>) {
    if ui
        .small_button("Copy citation")
        .on_hover_text("Copy the quote and the article's citation")
        .clicked()
    {
        commands.push(Command::Copy(citation(atlas, link)));
    }
}

/// "¶5 · Iran–Turkey Rivalry" or the part's name outside the body.
pub fn where_in_article(atlas: &Atlas, link: &Link) -> String {
    let article = &atlas.article;
    let Some(part) = article.parts.get(link.part) else {
        return String::new();
    };
    match part.paragraph {
        Some(n) => match article.section_heading(link.part) {
            Some(h) => format!("¶{n} · {h}"),
            None => format!("¶{n} · opening"),
        },
        None => {
            let mut s = part.kind.label().to_owned();
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + s.get(1..).unwrap_or_default();
            }
            s
        }
    }
}

/// The text "Copy citation" puts on the clipboard.
pub fn citation(atlas: &Atlas, link: &Link) -> String {
    let quote = atlas.article.slice(&link.range);
    format!(
        "“{quote}” ({}) — {}",
        where_in_article(atlas, link),
        atlas.article.citation
    )
}
