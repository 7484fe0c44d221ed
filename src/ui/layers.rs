//! The left panel: layer toggles (by group and per corridor) and the legend.

use egui::{Color32, Stroke};

use super::map::{route_swatch, swatch_area};
use super::style::{LineStyle, claimant_color, line_style, relation_style};
use super::{Command, RelationColour, ViewCtx};
use crate::model::timeline::{Claimant, RelationType};
use crate::model::{Direction, Element, Kind, Projected, Status};
use crate::state::Group;

/// Draws the layer toggles, the legend of what the map draws now, and the data credits.
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
        ui.label(egui::RichText::new("What the map draws now, on its date and layers.").weak());
        legend_areas(ui, ctx);
        legend_routes(ui, ctx);
        legend_points(ui, ctx);
        legend_relations(ui, ctx, commands);
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
        crate::ui::style::focus::keep_in_view(ui);
    });
}

/// One legend row: an area swatch (fill, outline, optional hatching) and its text.
fn area_row(ui: &mut egui::Ui, fill: Color32, stroke: Stroke, hatch: Option<Color32>, text: &str) {
    ui.horizontal(|ui| {
        swatch_area(ui, fill, stroke, hatch);
        ui.label(text);
    });
}

/// Whether any element matching `f` is drawn on the map date with the current layers.
fn any_drawn(ctx: &ViewCtx<'_>, f: impl Fn(&Element) -> bool) -> bool {
    ctx.atlas
        .elements
        .iter()
        .any(|e| f(e) && ctx.layers.visible(ctx.atlas, e.id))
}

/// Countries (each in its own colour, named), context land, water, and the region
/// styles drawn: disputed, recaptured, or as they were before the map date.
fn legend_areas(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    legend_lands(ui, ctx);
    legend_regions(ui, ctx);
}

/// Each story country drawn, in its own colour; context land and water if drawn.
fn legend_lands(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let pal = &ctx.palette;
    let (atlas, layers) = (ctx.atlas, ctx.layers);
    let border = Stroke::new(1.0, pal.border);
    for el in atlas
        .elements
        .iter()
        .filter(|e| e.kind == Kind::Country && !e.context)
    {
        if layers.visible(atlas, el.id) {
            area_row(ui, pal.area_fill(el), border, None, &el.name);
        }
    }
    if any_drawn(ctx, |e| e.kind == Kind::Country && e.context) {
        area_row(
            ui,
            pal.context_land,
            Stroke::new(1.0, pal.context_border),
            None,
            "Neighbours, for context",
        );
    }
    if any_drawn(ctx, |e| e.kind == Kind::Water) {
        area_row(
            ui,
            pal.water,
            Stroke::new(1.0, pal.water_line),
            None,
            "Seas, lakes and rivers",
        );
    }
}

/// The region styles drawn, each naming its regions: disputed, changed (by date), as
/// they were before the map date, plain.
fn legend_regions(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let pal = &ctx.palette;
    let (atlas, layers) = (ctx.atlas, ctx.layers);
    let regions: Vec<&Element> = atlas
        .elements
        .iter()
        .filter(|e| e.kind == Kind::Region && matches!(e.projected, Some(Projected::Area(_))))
        .filter(|e| layers.visible(atlas, e.id))
        .collect();
    let names = |f: &dyn Fn(&Element) -> bool| {
        regions
            .iter()
            .filter(|e| f(e))
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let disputed = names(&|e| e.disputed);
    if !disputed.is_empty() {
        area_row(
            ui,
            Color32::TRANSPARENT,
            Stroke::new(1.5, pal.disputed),
            Some(pal.disputed),
            &format!("Disputed: {disputed}"),
        );
    }
    // Areas in their later state, keyed by when they changed (the atlas's own dates).
    let mut later: std::collections::BTreeMap<_, Vec<&str>> = Default::default();
    for e in regions.iter().filter(|e| !e.disputed && !layers.earlier(e)) {
        if let Some(changed) = e.changed {
            later.entry(changed).or_default().push(e.name.as_str());
        }
    }
    for (changed, names) in later {
        area_row(
            ui,
            Color32::TRANSPARENT,
            Stroke::new(1.5, pal.recaptured),
            Some(pal.recaptured),
            &format!("Since {changed}: {}", names.join(", ")),
        );
    }
    // Areas drawn in their earlier state on the map date get that state's key.
    for el in regions.iter().filter(|e| layers.earlier(e)) {
        let dated = layers.dated_text(atlas, el);
        let text = match dated.note {
            Some(note) => format!("{} (on the map date; {note})", dated.title),
            None => dated.title,
        };
        area_row(
            ui,
            Color32::TRANSPARENT,
            Stroke::new(1.5, pal.label_muted),
            Some(pal.label_muted),
            &text,
        );
    }
    let plain = names(&|e| !e.disputed && e.changed.is_none());
    if !plain.is_empty() {
        area_row(
            ui,
            Color32::TRANSPARENT,
            Stroke::new(1.5, pal.region_outline),
            None,
            &format!("Region, dashed: {plain}"),
        );
    }
}

/// Each route drawn on the map date, in its colour and line style, then the styles.
fn legend_routes(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let pal = &ctx.palette;
    let routes: Vec<&Element> = ctx
        .atlas
        .elements
        .iter()
        .filter(|e| e.kind == Kind::Corridor && ctx.layers.visible(ctx.atlas, e.id))
        .collect();
    if routes.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Routes").strong());
    for el in &routes {
        ui.horizontal(|ui| {
            route_swatch(
                ui,
                pal.corridor(&el.key),
                line_style(el.status),
                el.direction,
                pal,
            );
            ui.label(&el.name);
        });
    }
    let ink = ui.visuals().text_color();
    for (status, text) in [
        (Status::Existing, "Existing route (solid)"),
        (Status::Proposed, "Proposed (dashed)"),
        (Status::Alleged, "Alleged (dotted)"),
    ] {
        if routes
            .iter()
            .any(|e| e.status.unwrap_or(Status::Existing) == status)
        {
            ui.horizontal(|ui| {
                route_swatch(ui, ink, line_style(Some(status)), Direction::Forward, pal);
                ui.label(text);
            });
        }
    }
    ui.label(egui::RichText::new("Arrows give the direction of travel; routes sharing a corridor are drawn side by side.").weak());
}

/// Places, people groups and off-map markers, as drawn.
fn legend_points(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let pal = &ctx.palette;
    ui.add_space(4.0);
    if any_drawn(ctx, |e| e.kind == Kind::Place) {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            ui.painter().circle_filled(r.center(), 3.5, pal.place);
            ui.label("Place (ringed: capital)");
        });
    }
    if any_drawn(ctx, |e| matches!(e.kind, Kind::Person | Kind::Organisation)) {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(r.shrink(1.0), 6.0, pal.badge_fill);
            ui.painter().rect_stroke(
                r.shrink(1.0),
                6.0,
                Stroke::new(1.0, pal.label_muted),
                egui::StrokeKind::Inside,
            );
            ui.label("Place · people and organisations there (point or focus to list each)");
        });
    }
    if any_drawn(ctx, |e| e.kind == Kind::Offmap) {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 3.0, pal.halo);
            let c = r.center();
            ui.painter().add(egui::Shape::convex_polygon(
                vec![
                    c + egui::vec2(6.0, 0.0),
                    c + egui::vec2(-4.0, 5.0),
                    c + egui::vec2(-2.0, 0.0),
                    c + egui::vec2(-4.0, -5.0),
                ],
                pal.place,
                Stroke::NONE,
            ));
            ui.label("Off-map actor at the map's edge, pointing towards it");
        });
    }
}

/// The relation key, when relations are drawn; the colouring choice always.
fn legend_relations(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let pal = &ctx.palette;
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Relations between actors").strong());
    ui.horizontal(|ui| {
        ui.label("Colour by:");
        for (c, name) in [
            (RelationColour::ByType, "type"),
            (RelationColour::ByClaimant, "whose claim"),
        ] {
            if ui
                .selectable_label(ctx.relation_colour == c, name)
                .clicked()
            {
                commands.push(Command::SetRelationColour(c));
                if !ctx.layers.group_visible(Group::Relations) {
                    commands.push(Command::SetGroup(Group::Relations, true));
                }
            }
        }
    });
    if !ctx.layers.group_visible(Group::Relations) {
        ui.label(egui::RichText::new("Hidden: switch on \"Relations\" above to draw them.").weak());
        return;
    }
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
}
