//! What changes without rebuilding the scene: hover, selection and event highlights, and
//! the tooltip.

use egui::epaint::PathStroke;
use egui::{Color32, CornerRadius, Painter, Pos2, Shape, Stroke};

use super::MapPanel;
use super::draw::area_mesh;
use super::scene::ScreenCache;
use super::view::ScreenTransform;
use crate::model::{Atlas, ElementId, Projected};
use crate::ui::ViewCtx;

impl MapPanel {
    /// Draws the raster of the static layers, the cached scene, and hover, event and
    /// selection highlights. During a gesture both were drawn for an earlier view and
    /// are moved (and scaled) onto this one, like a browser map's tiles.
    pub(super) fn paint(&self, painter: &Painter, ctx: &ViewCtx<'_>, tf: ScreenTransform) {
        let Some(cache) = &self.cache else { return };
        let atlas = ctx.atlas;
        let pal = &ctx.palette;
        let visible = |id: ElementId| ctx.layers.visible(atlas, id);
        let base = self
            .raster
            .as_ref()
            .map(|r| (r, r.transform().onto(&tf) * r.rect));
        if base.is_none_or(|(_, on)| !on.contains_rect(tf.rect)) {
            painter.rect_filled(tf.rect, 0.0, pal.background_sea);
        }
        if let Some((r, on)) = base {
            let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
            painter.add(super::raster::sampling(r, on, painter.pixels_per_point()));
            painter.image(r.texture.id(), on, uv, Color32::WHITE);
        }
        let drawn = cache.transform();
        let mut shapes: Vec<Shape> = cache.shapes.clone();
        shapes.extend(cache.relation_shapes.iter().cloned());
        let overlay_for = |id: ElementId, color: Color32, width: f32, fill: bool| {
            let lod = &self.geometry.lod;
            overlay(
                atlas,
                lod,
                drawn,
                cache,
                id,
                Stroke::new(width, color),
                fill,
            )
        };
        let sel = ctx.selection;
        if let Some(h) = sel.hovered.filter(|h| Some(*h) != sel.selected) {
            shapes.extend(overlay_for(h, pal.hover, 2.0, false));
        }
        if let Some(ev) = sel.event.and_then(|i| atlas.events.get(i)) {
            let c = pal.selection.gamma_multiply(0.7);
            for e in ev.elements.iter().filter(|e| visible(**e)) {
                shapes.extend(overlay_for(*e, c, 2.0, false));
            }
        }
        if let Some(s) = sel.selected.filter(|s| visible(*s)) {
            shapes.extend(overlay_for(s, pal.selection, 3.0, true));
        }
        shapes.extend(cache.labels.iter().cloned());
        let onto = drawn.onto(&tf);
        if onto != egui::emath::TSTransform::IDENTITY {
            shapes.iter_mut().for_each(|s| s.transform(onto));
        }
        painter.extend(shapes);
        if !self.moving {
            self.paint_open_group(painter, ctx, cache);
        }
    }

    /// The open people group's list: a card of full names, the selected or hovered one
    /// marked.
    fn paint_open_group(&self, painter: &Painter, ctx: &ViewCtx<'_>, cache: &ScreenCache) {
        let Some(g) = self
            .open_group
            .and_then(|p| cache.groups.iter().find(|g| g.place == p))
        else {
            return;
        };
        let pal = &ctx.palette;
        let cr = CornerRadius::same(4);
        painter.rect_filled(g.frame, cr, pal.badge_fill);
        painter.rect_stroke(
            g.frame,
            cr,
            Stroke::new(1.0, pal.label_muted),
            egui::StrokeKind::Inside,
        );
        let sel = ctx.selection;
        for (r, id, galley) in &g.rows {
            if Some(*id) == sel.selected {
                painter.rect_stroke(
                    *r,
                    cr,
                    Stroke::new(2.0, pal.selection),
                    egui::StrokeKind::Inside,
                );
            } else if Some(*id) == sel.hovered {
                painter.rect_stroke(
                    *r,
                    cr,
                    Stroke::new(1.5, pal.hover),
                    egui::StrokeKind::Inside,
                );
            }
            let y = r.center().y - galley.size().y / 2.0;
            painter.galley(
                egui::pos2(r.left() + 4.0, y),
                galley.clone(),
                pal.badge_text,
            );
        }
    }
}

/// Tooltip for the hovered element: its name on the map date (or how it was then), kind,
/// passages.
pub(super) fn tooltip(
    response: &egui::Response,
    atlas: &Atlas,
    layers: &crate::state::Layers,
    hovered: Option<ElementId>,
) {
    let Some(h) = hovered else { return };
    let Some(el) = atlas.element(h) else { return };
    let n = atlas.links_of(h).len();
    let dated = layers.dated_text(el);
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.strong(crate::ui::bidi::display(&dated.title));
        if let Some(note) = &dated.note {
            ui.label(note);
        }
        let mut kind = el.kind.label().to_owned();
        if let Some(s) = el.status {
            kind = format!("{kind}, {}", s.label());
        }
        if el.context {
            kind.push_str(" (context)");
        }
        ui.label(kind);
        ui.weak(match n {
            0 => "no passages: shown for geography".to_owned(),
            1 => "1 passage".to_owned(),
            n => format!("{n} passages"),
        });
    });
}

/// Highlight shapes for one element: outline (and a tint for areas).
fn overlay(
    atlas: &Atlas,
    lod: &super::lod::Lod,
    tf: ScreenTransform,
    cache: &ScreenCache,
    id: ElementId,
    stroke: Stroke,
    fill: bool,
) -> Vec<Shape> {
    let (color, width) = (stroke.color, stroke.width);
    let mut out = Vec::new();
    let Some(el) = atlas.element(id) else {
        return out;
    };
    match &el.projected {
        Some(Projected::Area(area)) => {
            if fill {
                out.push(Shape::mesh(area_mesh(
                    tf,
                    &area.vertices,
                    &area.indices,
                    color.gamma_multiply(0.18),
                )));
            }
            // Outlines simplified for the zoom, as the map draws them.
            let ppp = cache.key.ppp;
            let rings = lod.outlines(id, tf.view.zoom * f64::from(ppp));
            for ring in rings.unwrap_or(area.rings.as_slice()) {
                let pts: Vec<Pos2> = ring.iter().map(|p| tf.to_screen32(*p)).collect();
                out.push(Shape::closed_line(pts, PathStroke::new(width, color)));
            }
        }
        Some(Projected::Lines(lines)) => {
            for l in lines {
                let pts: Vec<Pos2> = l.0.iter().map(|c| tf.to_screen([c.x, c.y])).collect();
                out.push(Shape::line(
                    pts,
                    Stroke::new(width + 5.0, color.gamma_multiply(0.45)),
                ));
            }
        }
        None if !cache.curves.is_empty() && cache.curves.iter().any(|(_, c)| *c == id) => {
            if let Some((pts, _)) = cache.curves.iter().find(|(_, c)| *c == id) {
                out.push(Shape::line(
                    pts.clone(),
                    Stroke::new(width + 5.0, color.gamma_multiply(0.45)),
                ));
            }
        }
        _ => {
            if let Some(r) = cache.element_rects.get(&id) {
                out.push(Shape::rect_stroke(
                    r.expand(2.0),
                    CornerRadius::same(4),
                    Stroke::new(width, color),
                    egui::StrokeKind::Outside,
                ));
            }
        }
    }
    out
}
