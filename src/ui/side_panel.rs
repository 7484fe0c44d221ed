//! The right panel: the selected element, our one-line summary (marked as ours), every
//! linked passage as a verbatim quote with its place in the article, who claims it, and
//! related elements.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};

use super::{Command, ViewCtx};
use crate::model::{Atlas, ElementId, Link};

pub fn ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            match ctx.selection.selected.and_then(|s| ctx.atlas.element(s)) {
                None => empty_ui(ui, ctx),
                Some(el) => {
                    let atlas = ctx.atlas;
                    ui.heading(&el.name);
                    let mut kind = el.kind.label().to_owned();
                    if let Some(part) = el.part_of.and_then(|p| atlas.element(p)) {
                        kind = format!("{kind} of {}", part.name);
                    }
                    ui.label(RichText::new(kind).weak());
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
                                commands.push(Command::Focus(at.id));
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
                            RichText::new(
                                "Shown for geography only: the article does not discuss it.",
                            )
                            .italics(),
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
                    for l in links {
                        if let Some(link) = atlas.link(*l) {
                            passage_ui(ui, ctx, link, commands);
                        }
                    }
                    let related = atlas.related(el.id);
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
                                    commands.push(Command::Focus(r));
                                }
                            }
                        });
                    }
                    if let Some(src) = &el.source {
                        ui.add_space(8.0);
                        ui.label(RichText::new(format!("Geometry: {src}")).small().weak());
                    }
                }
            }
        });
}

fn empty_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    ui.heading("Click a country, region, corridor or person");
    ui.label("Every element of the map is linked to the passages of the article that support it. Drag to pan, scroll to zoom, Tab or arrows to step through the elements.");
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

/// One passage: place in the article, the quote with dimmed context, the claim, copy.
fn passage_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, link: &Link, commands: &mut Vec<Command>) {
    let atlas = ctx.atlas;
    let article = &atlas.article;
    ui.add_space(4.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(where_in_article(atlas, link)).small().weak());
        let (before, after) = article.sentence_context(&link.range);
        let quote = article.slice(&link.range);
        let body = ui.visuals().text_color();
        let dim = ui.visuals().weak_text_color();
        let mut job = LayoutJob::default();
        let font = FontId::proportional(14.0);
        let fmt = |color: Color32| TextFormat {
            font_id: font.clone(),
            color,
            ..Default::default()
        };
        if !before.is_empty() {
            job.append(&format!("{before} "), 0.0, fmt(dim));
        }
        job.append(&format!("“{quote}”"), 0.0, fmt(body));
        if !after.is_empty() {
            job.append(&format!(" {after}"), 0.0, fmt(dim));
        }
        job.wrap.max_width = ui.available_width();
        ui.add(egui::Label::new(job).selectable(true));
        let names = |ids: &[ElementId]| {
            ids.iter()
                .map(|i| atlas.name(*i))
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
        if ui
            .small_button("Copy citation")
            .on_hover_text("Copy the quote and the article's citation")
            .clicked()
        {
            commands.push(Command::Copy(citation(atlas, link)));
        }
    });
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
