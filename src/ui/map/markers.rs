//! Points on the map: place dots, off-map markers at the edge pointing at their actor,
//! and badges for people and organisations at the place where they act.

use egui::{CornerRadius, FontId, Pos2, Rect, Shape, Stroke, Vec2, vec2};

use super::draw::{diamond, edge_arrow, halo_rect, keep_inside};
use super::scene::Builder;
use crate::model::{Atlas, Element, ElementId, Kind, Projected};
use crate::state::{Group, Layers};

/// An off-map marker: element, position on the edge, direction it points.
pub(super) type EdgeMarker = (ElementId, Pos2, Vec2);

impl Builder<'_, '_> {
    /// Place dots; returns the off-map actors that need an edge marker.
    pub(super) fn points(&mut self) -> Vec<EdgeMarker> {
        let rect = self.tf.rect;
        let cull = rect.expand(40.0);
        let inner = rect.shrink(18.0);
        let mut edge_markers = Vec::new();
        let atlas = self.ctx.atlas;
        for el in &atlas.elements {
            if !self.visible(el.id) {
                continue;
            }
            let Some(Projected::Point(p)) = &el.projected else {
                continue;
            };
            let sp = self.tf.to_screen(*p);
            if el.kind == Kind::Region {
                // Label-only region: its label is its hit target.
                self.point_pos.insert(el.id, sp);
                continue;
            }
            if el.offmap && !inner.contains(sp) {
                let (pos, dir) = edge_point(inner, sp);
                edge_markers.push((el.id, pos, dir));
                continue;
            }
            if !cull.contains(sp) {
                continue;
            }
            self.point_pos.insert(el.id, sp);
            self.dot(el, sp);
            self.element_rects
                .insert(el.id, Rect::from_center_size(sp, vec2(12.0, 12.0)));
        }
        spread_along_edges(&mut edge_markers, 26.0);
        edge_markers
    }

    /// A place's dot (ringed for capitals) or an off-map actor's diamond.
    fn dot(&mut self, el: &Element, sp: Pos2) {
        let pal = &self.ctx.palette;
        if el.kind == Kind::Offmap {
            let fill = self.fade(el.id, pal.place);
            self.shapes.push(diamond(sp, 5.0, fill, pal.halo));
            return;
        }
        let r = match el.rank {
            Some(1) => 4.0,
            Some(2) => 3.2,
            _ => 2.6,
        };
        let (fill, stroke) = if el.context {
            (pal.label_muted, pal.halo)
        } else {
            (self.fade(el.id, pal.place), pal.halo)
        };
        if el.rank == Some(1) {
            self.shapes.push(Shape::circle_filled(sp, r + 1.5, stroke));
            self.shapes
                .push(Shape::circle_stroke(sp, r, Stroke::new(1.5, fill)));
            self.shapes.push(Shape::circle_filled(sp, r - 2.0, fill));
        } else {
            self.shapes.push(Shape::circle_filled(sp, r + 1.0, stroke));
            self.shapes.push(Shape::circle_filled(sp, r, fill));
        }
    }

    /// Arrows in a gutter along the edge pointing at off-map actors, each at the free
    /// slot nearest its true direction, with its name inward when there is room.
    pub(super) fn edge_markers(&mut self, markers: Vec<EdgeMarker>) {
        let atlas = self.ctx.atlas;
        for (id, pos, dir) in markers {
            let Some(el) = atlas.element(id) else {
                continue;
            };
            let along = if dir.x.abs() > dir.y.abs() {
                vec2(0.0, 1.0)
            } else {
                vec2(1.0, 0.0)
            };
            let slots = (0..24).map(|k| {
                let s = if k % 2 == 0 { 1.0 } else { -1.0 };
                Rect::from_center_size(pos + along * s * (k / 2 * 14) as f32, vec2(18.0, 18.0))
            });
            let Some(mrect) = self.placer.place_first("marker", &el.key, &el.name, slots) else {
                continue;
            };
            let pos = mrect.center();
            let pal = &self.ctx.palette;
            self.shapes
                .push(edge_arrow(pos, dir, self.fade(id, pal.place), pal));
            self.point_pos.insert(id, pos);
            self.hit_rects.push((mrect, id));
            self.element_rects.insert(id, mrect);
            if self.ctx.layers.group_visible(Group::Labels) {
                self.marker_label(el, pos, dir);
            }
        }
        self.anchors.extend(self.point_pos.clone());
    }

    /// A marker's name, inward from it, if it fits.
    fn marker_label(&mut self, el: &Element, pos: Pos2, dir: Vec2) {
        let pal = &self.ctx.palette;
        let g = self.galley(
            crate::ui::bidi::shown(&el.name),
            FontId::proportional(11.0),
            pal.label,
        );
        let size = g.size();
        let off = -dir * (12.0 + size.x / 2.0 * dir.x.abs() + size.y / 2.0 * dir.y.abs());
        let lr = keep_inside(
            Rect::from_center_size(pos + off, size),
            self.tf.rect.shrink(2.0),
        );
        if self
            .placer
            .place_first("label", &el.key, &el.name, [lr])
            .is_some()
        {
            self.labels.push(halo_rect(lr, pal));
            self.labels.push(Shape::galley(lr.min, g, pal.label));
            self.hit_rects.push((lr, el.id));
        }
    }

    /// People and organisations: one compact group per place where they act
    /// ("Aliyev · Bayramov"), beside the place; each name is its own click target.
    pub(super) fn badges(&mut self) {
        if !self.ctx.layers.group_visible(Group::People) {
            return;
        }
        let atlas = self.ctx.atlas;
        let mut groups: Vec<(ElementId, Vec<&Element>)> = Vec::new();
        for id in self.ctx.order {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            if !matches!(el.kind, Kind::Person | Kind::Organisation) || !self.visible(el.id) {
                continue;
            }
            let Some(at) = el.at else { continue };
            match groups.iter_mut().find(|(a, _)| *a == at) {
                Some((_, members)) => members.push(el),
                None => groups.push((at, vec![el])),
            }
        }
        for (at, members) in groups {
            let anchor = match self.point_pos.get(&at) {
                Some(p) => *p,
                None => match atlas.anchor_point(at) {
                    Some(p) if at_visible(self.ctx.layers, atlas, at) => self.tf.to_screen(p),
                    _ => continue,
                },
            };
            if self.tf.rect.contains(anchor) {
                self.badge_group(at, &members, anchor);
            }
        }
    }

    /// One group: the most names that fit at the first free spot beside `anchor`.
    fn badge_group(&mut self, at: ElementId, members: &[&Element], anchor: Pos2) {
        let pal = &self.ctx.palette;
        let font = FontId::proportional(10.5);
        let texts: Vec<String> = members.iter().map(|m| badge_text(m)).collect();
        let names: Vec<_> = members
            .iter()
            .zip(&texts)
            .map(|(m, t)| (m.id, self.galley(t.clone(), font.clone(), pal.badge_text)))
            .collect();
        let sep = 9.0;
        for shown in (1..=names.len()).rev() {
            let parts = names.get(..shown).unwrap_or_default();
            let w: f32 = parts.iter().map(|(_, g)| g.size().x).sum::<f32>()
                + sep * (shown as f32 - 1.0)
                + 10.0;
            let more = names.len() - shown;
            let extra = if more > 0 {
                format!(" +{more}")
            } else {
                String::new()
            };
            let eg = self.galley(extra.clone(), font.clone(), pal.label_muted);
            let size = vec2(w + eg.size().x, 16.0);
            let text = texts.get(..shown).unwrap_or_default().join(", ") + &extra;
            let key = self.ctx.atlas.element(at).map_or("", |e| e.key.as_str());
            let c = [
                Rect::from_min_size(anchor + vec2(7.0, 5.0), size),
                Rect::from_min_size(anchor + vec2(7.0, -5.0 - size.y), size),
                Rect::from_min_size(anchor + vec2(-7.0 - size.x, 5.0), size),
                Rect::from_min_size(anchor + vec2(-7.0 - size.x, -5.0 - size.y), size),
                Rect::from_min_size(anchor + vec2(-size.x / 2.0, 8.0), size),
                Rect::from_min_size(anchor + vec2(-size.x / 2.0, 14.0 + size.y), size),
            ];
            let Some(r) = self.placer.place_first("badge", key, &text, c) else {
                continue;
            };
            self.draw_group(r, parts, eg, sep);
            return;
        }
    }

    /// Draws a placed group: one pill, names separated by dots, each a hit target.
    fn draw_group(
        &mut self,
        r: Rect,
        parts: &[(ElementId, std::sync::Arc<egui::Galley>)],
        extra: std::sync::Arc<egui::Galley>,
        sep: f32,
    ) {
        let pal = &self.ctx.palette;
        let cr = CornerRadius::same(8);
        self.shapes.push(Shape::rect_filled(r, cr, pal.badge_fill));
        self.shapes.push(Shape::rect_stroke(
            r,
            cr,
            Stroke::new(1.0, pal.label_muted),
            egui::StrokeKind::Inside,
        ));
        let mut x = r.left() + 5.0;
        for (i, (id, g)) in parts.iter().enumerate() {
            if i > 0 {
                let dot = egui::pos2(x - sep / 2.0, r.center().y);
                self.shapes
                    .push(Shape::circle_filled(dot, 1.3, pal.label_muted));
            }
            let w = g.size().x;
            let cell = Rect::from_min_max(
                egui::pos2(x - 2.0, r.top()),
                egui::pos2(x + w + 2.0, r.bottom()),
            );
            let tc = self.fade(*id, pal.badge_text);
            self.shapes
                .push(Shape::galley(egui::pos2(x, r.top() + 1.5), g.clone(), tc));
            self.anchors.insert(*id, cell.center());
            self.hit_rects.push((cell, *id));
            self.element_rects.insert(*id, cell);
            x += w + sep;
        }
        let ec = pal.label_muted;
        self.shapes.push(Shape::galley(
            egui::pos2(x - sep + 2.0, r.top() + 1.5),
            extra,
            ec,
        ));
    }
}

fn at_visible(layers: &Layers, atlas: &Atlas, id: ElementId) -> bool {
    atlas
        .element(id)
        .is_some_and(|e| e.kind == Kind::Region || layers.visible(atlas, id))
}

/// A badge's short text: a person's surname, an organisation's shortest name.
pub(super) fn badge_text(el: &Element) -> String {
    if el.kind == Kind::Person {
        return el.name.rsplit(' ').next().unwrap_or(&el.name).to_owned();
    }
    std::iter::once(&el.name)
        .chain(&el.aliases)
        .filter(|a| a.chars().count() >= 3)
        .min_by_key(|a| a.chars().count())
        .cloned()
        .unwrap_or_else(|| el.name.clone())
}

/// Where the ray from the viewport centre to `p` leaves `inner`, and its direction.
fn edge_point(inner: Rect, p: Pos2) -> (Pos2, Vec2) {
    let c = inner.center();
    let d = p - c;
    let dir = if d.length() > 0.0 {
        d.normalized()
    } else {
        vec2(1.0, 0.0)
    };
    let tx = if dir.x.abs() > 1e-6 {
        (inner.width() / 2.0) / dir.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dir.y.abs() > 1e-6 {
        (inner.height() / 2.0) / dir.y.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty);
    (c + dir * t, dir)
}

/// Pushes edge markers apart so they never sit on top of each other.
fn spread_along_edges(markers: &mut [(ElementId, Pos2, Vec2)], gap: f32) {
    markers.sort_by(|a, b| {
        let aa = a.2.y.atan2(a.2.x);
        let bb = b.2.y.atan2(b.2.x);
        aa.total_cmp(&bb)
    });
    for i in 1..markers.len() {
        let (before, after) = markers.split_at_mut(i);
        let (Some(prev), Some(cur)) = (before.last(), after.first_mut()) else {
            continue;
        };
        let d = cur.1 - prev.1;
        if d.length() < gap {
            // Slide along the edge: vertical edges move in y, horizontal in x.
            let along = if (cur.2.x.abs()) > cur.2.y.abs() {
                vec2(0.0, 1.0)
            } else {
                vec2(1.0, 0.0)
            };
            let sign = if d.dot(along) >= 0.0 { 1.0 } else { -1.0 };
            cur.1 = prev.1 + along * sign * gap;
        }
    }
}
