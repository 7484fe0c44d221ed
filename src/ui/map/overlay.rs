//! What changes without rebuilding the scene: hover, selection and event highlights, and
//! the tooltip.

use egui::epaint::PathStroke;
use egui::{Color32, CornerRadius, Painter, Pos2, Shape, Stroke};

use super::MapPanel;
use super::draw::{area_mesh, decimate};
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
        let overlay_for = |id: ElementId, color: Color32, width: f32, fill: f32| {
            overlay(
                atlas,
                &self.geometry,
                drawn,
                cache,
                id,
                Stroke::new(width, color),
                fill,
            )
        };
        let sel = ctx.selection;
        // Outlines go under the labels and badges; boxes round text, over them.
        let mut boxes = Vec::new();
        let mut add = |(under, over): (Vec<Shape>, Vec<Shape>)| {
            shapes.extend(under);
            boxes.extend(over);
        };
        if let Some(h) = sel.hovered.filter(|h| Some(*h) != sel.selected) {
            // A faint tint as well as the outline: a big country's outline alone, when a
            // mention in the reader is hovered, was hard to see (trial14 #10).
            add(overlay_for(h, pal.hover, 2.0, 0.10));
        }
        if let Some(ev) = sel.event.and_then(|i| atlas.events.get(i)) {
            let c = pal.selection.gamma_multiply(0.7);
            for e in ev.elements.iter().filter(|e| visible(**e)) {
                add(overlay_for(*e, c, 2.0, 0.0));
            }
        }
        if let Some(s) = sel.selected.filter(|s| visible(*s)) {
            add(overlay_for(s, pal.selection, 3.0, 0.18));
        }
        shapes.extend(cache.labels.iter().cloned());
        shapes.extend(boxes);
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
    let dated = layers.dated_text(atlas, el);
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

/// Highlight shapes for one element: outline (and a tint of opacity `fill`, 0 for none,
/// for areas and rings), to draw under the labels; and a box round its text (a badge's
/// name, a chip, a label), to draw over them.
fn overlay(
    atlas: &Atlas,
    geometry: &super::geometry::MapGeometry,
    tf: ScreenTransform,
    cache: &ScreenCache,
    id: ElementId,
    stroke: Stroke,
    fill: f32,
) -> (Vec<Shape>, Vec<Shape>) {
    let (color, width) = (stroke.color, stroke.width);
    let mut out = Vec::new();
    let Some(el) = atlas.element(id) else {
        return (out, Vec::new());
    };
    // A place's own dot, or an area too small to see, is ringed (trial10 #2, #10: a
    // box round its group's chip set Douma west of Damascus; a small region's outline
    // was a blob over a label). Labels are drawn above the ring.
    if let Some((c, r)) = ring_mark(atlas, tf, cache, id) {
        if fill > 0.0 {
            out.push(Shape::circle_filled(
                c,
                r,
                color.gamma_multiply(fill * 0.67),
            ));
        }
        out.push(Shape::circle_stroke(
            c,
            r,
            Stroke::new(width.min(2.5), color),
        ));
        return (out, Vec::new());
    }
    match &el.projected {
        Some(Projected::Area(area)) => {
            area_overlay(&mut out, (geometry, tf, cache), id, area, stroke, fill);
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
            if let Some(r) = cache.mark_rect(id) {
                let boxed = Shape::rect_stroke(
                    r.expand(2.0),
                    CornerRadius::same(4),
                    Stroke::new(width, color),
                    egui::StrokeKind::Outside,
                );
                return (out, vec![boxed]);
            }
        }
    }
    (out, Vec::new())
}

/// An area's highlight: a tint of opacity `fill` (0 for none) and its outline, simplified
/// for the zoom as the map draws it.
fn area_overlay(
    out: &mut Vec<Shape>,
    (geometry, tf, cache): (&super::geometry::MapGeometry, ScreenTransform, &ScreenCache),
    id: ElementId,
    area: &crate::model::geometry::ProjectedArea,
    stroke: Stroke,
    fill: f32,
) {
    let (color, width) = (stroke.color, stroke.width);
    if fill > 0.0 {
        out.push(Shape::mesh(area_mesh(
            tf,
            &area.vertices,
            &area.indices,
            color.gamma_multiply(fill),
        )));
    }
    // Outlines simplified for the zoom, as the map draws them.
    let ppp = cache.key.ppp;
    let rings = geometry.lod.outlines(id, tf.view.zoom * f64::from(ppp));
    // Thinned as the fill is (a point every 0.75 px), rings under a pixel left
    // out, and cut at sharp turns: a thick closed line mitres a near-reversal
    // into a spike reaching across the map.
    for ring in rings.unwrap_or(area.rings.as_slice()) {
        // Edges a draft's clip frame cut are not outlined (see `area`).
        if let Some(runs) = geometry.border_runs(id, ring) {
            for run in runs {
                let pts = decimate(run.iter().map(|p| tf.to_screen32(*p)), 0.75);
                out.push(Shape::line(pts, Stroke::new(width, color)));
            }
            continue;
        }
        let pts = decimate(ring.iter().map(|p| tf.to_screen32(*p)), 0.75);
        if pts.len() < 3 || under_a_pixel(&pts) {
            continue;
        }
        for (path, closed) in cut_at_sharp_turns(pts) {
            out.push(if closed {
                Shape::closed_line(path, PathStroke::new(width, color))
            } else {
                Shape::line(path, Stroke::new(width, color))
            });
        }
    }
}

/// An area this small on screen (points, its larger side) is marked by a ring.
const TINY_AREA_PX: f32 = 14.0;
/// The least radius of a ring mark, points: a dot's ring clears its dot and halo.
const RING_MIN_PX: f32 = 8.0;

/// Where a ring marks `id` on screen (centre, radius): a place's dot as drawn, or an
/// area under [`TINY_AREA_PX`] across; `None` for anything else.
pub(super) fn ring_mark(
    atlas: &Atlas,
    tf: ScreenTransform,
    cache: &ScreenCache,
    id: ElementId,
) -> Option<(Pos2, f32)> {
    let el = atlas.element(id)?;
    match &el.projected {
        Some(Projected::Point(_)) => cache.dots.get(&id).map(|p| (*p, RING_MIN_PX)),
        Some(proj @ Projected::Area(_)) => {
            let [a, b] = proj.bounds()?;
            let r = egui::Rect::from_two_pos(tf.to_screen(a), tf.to_screen(b));
            (r.width().max(r.height()) < TINY_AREA_PX)
                .then(|| (r.center(), (r.size().length() / 2.0 + 3.0).max(RING_MIN_PX)))
        }
        _ => None,
    }
}

/// Whether a screen ring fits within a pixel either way (a speck of an island).
fn under_a_pixel(pts: &[Pos2]) -> bool {
    let r = egui::Rect::from_points(pts);
    r.width() < 1.0 && r.height() < 1.0
}

/// A turn sharper than this (the angle between the incoming and outgoing direction,
/// degrees) ends one stroked path and starts the next: a mitre there would be longer
/// than about 3.9 line widths.
const SHARP_TURN_DEG: f32 = 150.0;

/// A closed screen ring as paths to stroke, each with whether it is closed: the ring
/// itself when it has no sharp turn, else the open runs between its sharp vertices (each
/// run ends where the next begins, so the outline stays unbroken, with butt ends instead
/// of mitre spikes).
fn cut_at_sharp_turns(pts: Vec<Pos2>) -> Vec<(Vec<Pos2>, bool)> {
    let n = pts.len();
    let at = |i: usize| pts.get(i % n).copied().unwrap_or(Pos2::ZERO);
    let sharp: Vec<usize> = (0..n)
        .filter(|&i| {
            let (a, b, c) = (at(i + n - 1), at(i), at(i + 1));
            let (d0, d1) = ((b - a).normalized(), (c - b).normalized());
            d0 != egui::Vec2::ZERO
                && d1 != egui::Vec2::ZERO
                && d0.dot(d1) < -SHARP_TURN_DEG.to_radians().cos().abs()
        })
        .collect();
    let Some(&first) = sharp.first() else {
        return vec![(pts, true)];
    };
    let mut out = Vec::new();
    let ends: Vec<usize> = sharp.iter().skip(1).copied().chain([first + n]).collect();
    let mut start = first;
    for end in ends {
        let run: Vec<Pos2> = (start..=end).map(at).collect();
        if run.len() >= 2 {
            out.push((run, false));
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use egui::pos2;

    #[test]
    fn an_outline_with_a_needle_is_cut_at_its_tip_not_mitred_into_a_spike() {
        // A square with a thin needle out of its right side: the needle's tip turns back
        // by almost 180 degrees.
        let ring = vec![
            pos2(0.0, 0.0),
            pos2(10.0, 0.0),
            pos2(10.0, 4.9),
            pos2(60.0, 5.0),
            pos2(10.0, 5.1),
            pos2(10.0, 10.0),
            pos2(0.0, 10.0),
        ];
        let paths = cut_at_sharp_turns(ring.clone());
        assert!(paths.iter().all(|(_, closed)| !closed), "{paths:?}");
        // Every run starts or ends at a sharp vertex, and together they cover the ring.
        let points: usize = paths.iter().map(|(p, _)| p.len() - 1).sum();
        assert_eq!(points, ring.len());
        assert!(paths.iter().any(|(p, _)| p[0] == pos2(60.0, 5.0)));
        // Tessellated, nothing reaches far beyond the needle's tip; the ring stroked
        // whole mitres its tip into a spike hundreds of points long.
        let reach = |paths: Vec<(Vec<Pos2>, bool)>| {
            let mut tess = egui::epaint::Tessellator::new(
                1.0,
                egui::epaint::TessellationOptions::default(),
                [1, 1],
                Vec::new(),
            );
            let mut mesh = egui::epaint::Mesh::default();
            for (path, closed) in paths {
                tess.tessellate_shape(
                    if closed {
                        Shape::closed_line(path, PathStroke::new(3.0, Color32::RED))
                    } else {
                        Shape::line(path, Stroke::new(3.0, Color32::RED))
                    },
                    &mut mesh,
                );
            }
            mesh.vertices
                .iter()
                .map(|v| v.pos.x)
                .fold(f32::MIN, f32::max)
        };
        assert!(reach(vec![(ring, true)]) > 100.0, "the uncut ring spikes");
        assert!(reach(paths) < 64.0);
    }

    #[test]
    fn a_plain_ring_stays_one_closed_line_and_a_speck_is_under_a_pixel() {
        let square = vec![
            pos2(0.0, 0.0),
            pos2(10.0, 0.0),
            pos2(10.0, 10.0),
            pos2(0.0, 10.0),
        ];
        let paths = cut_at_sharp_turns(square.clone());
        assert_eq!(paths, vec![(square.clone(), true)]);
        assert!(!under_a_pixel(&square));
        assert!(under_a_pixel(&[
            pos2(0.0, 0.0),
            pos2(0.5, 0.2),
            pos2(0.3, 0.8)
        ]));
    }
}
