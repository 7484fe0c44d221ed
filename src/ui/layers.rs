//! The left panel: layer toggles (by group and per corridor) and the legend.

use egui::{Color32, Stroke};

use super::map::{route_swatch, swatch_area};
use super::style::{LineStyle, claimant_color, line_style, relation_style};
use super::{Command, RelationColour, ViewCtx};
use crate::model::timeline::{Claimant, RelationType};
use crate::model::{Direction, Kind, Status};
use crate::state::Group;

pub fn ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let pal = &ctx.palette;
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("Layers");
        for g in Group::ALL {
            let mut on = ctx.layers.group_visible(g);
            if ui.checkbox(&mut on, g.label()).changed() {
                commands.push(Command::SetGroup(g, on));
            }
            if g == Group::Corridors {
                let enabled = on;
                ui.indent("corridors", |ui| {
                    ui.add_enabled_ui(enabled, |ui| {
                        for el in ctx.atlas.elements.iter().filter(|e| e.kind == Kind::Corridor) {
                            ui.horizontal(|ui| {
                                route_swatch(ui, pal.corridor(&el.key), line_style(el.status), el.direction, pal);
                                let mut shown = !ctx.layers.hidden_corridors.contains(&el.key);
                                if ui.checkbox(&mut shown, &el.name).changed() {
                                    commands.push(Command::SetCorridor(el.key.clone(), shown));
                                }
                            });
                        }
                    });
                });
            }
        }
        ui.add_space(8.0);
        ui.separator();
        ui.heading("Legend");
        let row = |ui: &mut egui::Ui, fill: Color32, stroke: Stroke, hatch: Option<Color32>, text: &str| {
            ui.horizontal(|ui| {
                swatch_area(ui, fill, stroke, hatch);
                ui.label(text);
            });
        };
        row(ui, pal.country("azerbaijan"), Stroke::new(1.0, pal.border), None, "Countries the article discusses");
        row(ui, pal.context_land, Stroke::new(1.0, pal.context_border), None, "Neighbours, for context");
        row(ui, pal.water, Stroke::new(1.0, pal.water_line), None, "Seas and lakes");
        row(ui, Color32::TRANSPARENT, Stroke::new(1.5, pal.disputed), Some(pal.disputed), "Disputed (Nagorno-Karabakh)");
        // Areas drawn in their earlier state on the map date get that state's key.
        let earlier: Vec<_> = ctx
            .atlas
            .elements
            .iter()
            .filter(|e| e.kind == Kind::Region && ctx.layers.earlier(e))
            .collect();
        if earlier.is_empty() {
            row(ui, Color32::TRANSPARENT, Stroke::new(1.5, pal.recaptured), Some(pal.recaptured), "Recaptured by Azerbaijan, 2020");
        }
        for el in earlier {
            let dated = ctx.layers.dated_text(el);
            let text = match dated.note {
                Some(note) => format!("{} (on the map date; {note})", dated.title),
                None => dated.title,
            };
            row(ui, Color32::TRANSPARENT, Stroke::new(1.5, pal.label_muted), Some(pal.label_muted), &text);
        }
        row(ui, Color32::TRANSPARENT, Stroke::new(1.5, pal.region_outline), None, "Region (dashed outline)");
        let ink = ui.visuals().text_color();
        for (status, text) in [
            (Status::Existing, "Existing route"),
            (Status::Proposed, "Proposed (dashed)"),
            (Status::Alleged, "Alleged (dotted)"),
        ] {
            ui.horizontal(|ui| {
                route_swatch(ui, ink, line_style(Some(status)), Direction::Forward, pal);
                ui.label(text);
            });
        }
        ui.label(egui::RichText::new("Arrows give the direction of travel.").weak());
        ui.add_space(4.0);
        ui.label(egui::RichText::new("Relations between actors").strong());
        ui.horizontal(|ui| {
            ui.label("Colour by:");
            for (c, name) in [
                (RelationColour::ByType, "type"),
                (RelationColour::ByClaimant, "whose claim"),
            ] {
                if ui.selectable_label(ctx.relation_colour == c, name).clicked() {
                    commands.push(Command::SetRelationColour(c));
                    if !ctx.layers.group_visible(Group::Relations) {
                        commands.push(Command::SetGroup(Group::Relations, true));
                    }
                }
            }
        });
        match ctx.relation_colour {
            RelationColour::ByType => {
                for t in RelationType::ALL {
                    let (c, style, _) = relation_style(t, pal.dark);
                    ui.horizontal(|ui| {
                        route_swatch(ui, c, style, Direction::Forward, pal);
                        ui.label(t.label());
                    });
                }
            }
            RelationColour::ByClaimant => {
                let mut claimants: Vec<Claimant> = Vec::new();
                for r in ctx.atlas.elements.iter().filter_map(|e| e.relation) {
                    if !claimants.contains(&r.claimed_by) {
                        claimants.push(r.claimed_by);
                    }
                }
                for c in claimants {
                    let color = claimant_color(pal, ctx.atlas, c);
                    let name = match c {
                        Claimant::Author => "the author’s assessment".to_owned(),
                        Claimant::Actor(a) => format!("claimed by {}", ctx.atlas.name(a)),
                    };
                    ui.horizontal(|ui| {
                        route_swatch(ui, color, LineStyle::Solid, Direction::Forward, pal);
                        ui.label(name);
                    });
                }
            }
        }
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            ui.painter().circle_filled(r.center(), 3.5, pal.place);
            ui.label("Place (ring: capital)");
        });
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(r.shrink(1.0), 6.0, pal.badge_fill);
            ui.painter().rect_stroke(r.shrink(1.0), 6.0, Stroke::new(1.0, pal.label_muted), egui::StrokeKind::Inside);
            ui.label("Person (square: organisation)");
        });
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            let c = r.center();
            ui.painter().add(egui::Shape::convex_polygon(
                vec![c + egui::vec2(8.0, 0.0), c + egui::vec2(-5.0, 6.0), c + egui::vec2(-2.0, 0.0), c + egui::vec2(-5.0, -6.0)],
                pal.place,
                Stroke::NONE,
            ));
            ui.label("Off-map actor, pointing towards it");
        });
        ui.add_space(8.0);
        ui.separator();
        ui.label(egui::RichText::new("Map data").strong());
        ui.label(
            egui::RichText::new(
                "Borders, regions, lakes: Natural Earth (public domain). Rivers: World Data Bank II via GSHHG. \
                 Places: © GeoNames (geonames.org), CC BY 4.0. Routes are schematic lines drawn from the article's words.",
            )
            .small()
            .weak(),
        );
    });
}
