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

    /// Arrows at the edge pointing at off-map actors, each with its name inward.
    pub(super) fn edge_markers(&mut self, markers: Vec<EdgeMarker>) {
        let rect = self.tf.rect;
        let atlas = self.ctx.atlas;
        for (id, pos, dir) in markers {
            let Some(el) = atlas.element(id) else {
                continue;
            };
            let pal = &self.ctx.palette;
            self.shapes
                .push(edge_arrow(pos, dir, self.fade(id, pal.place), pal));
            self.point_pos.insert(id, pos);
            let mrect = Rect::from_center_size(pos, vec2(18.0, 18.0));
            self.hit_rects.push((mrect, id));
            self.element_rects.insert(id, mrect);
            if self.ctx.layers.group_visible(Group::Labels) {
                let g = self.galley(el.name.clone(), FontId::proportional(11.0), pal.label);
                let size = g.size();
                // Label inward from the marker.
                let off = -dir * (10.0 + size.x / 2.0 * dir.x.abs() + size.y / 2.0 * dir.y.abs());
                let lr = keep_inside(Rect::from_center_size(pos + off, size), rect.shrink(2.0));
                if self.placer.is_free(lr) {
                    self.labels.push(halo_rect(lr, pal));
                    self.labels.push(Shape::galley(lr.min, g, pal.label));
                    self.placer.add("label", &el.key, &el.name, lr);
                    self.hit_rects.push((lr, id));
                }
            }
            self.placer.add("marker", &el.key, "", mrect);
        }
        self.anchors = self.point_pos.clone();
    }

    /// People and organisations: badges stacked next to where they act.
    pub(super) fn badges(&mut self) {
        if !self.ctx.layers.group_visible(Group::People) {
            return;
        }
        let mut stacks: std::collections::HashMap<ElementId, usize> = Default::default();
        let atlas = self.ctx.atlas;
        for id in self.ctx.order {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            if !matches!(el.kind, Kind::Person | Kind::Organisation) || !self.visible(el.id) {
                continue;
            }
            let Some(at) = el.at else { continue };
            let anchor = match self.point_pos.get(&at) {
                Some(p) => *p,
                None => match atlas.anchor_point(at) {
                    Some(p) if at_visible(self.ctx.layers, atlas, at) => self.tf.to_screen(p),
                    _ => continue,
                },
            };
            if !self.tf.rect.contains(anchor) {
                continue;
            }
            let n = stacks.entry(at).or_default();
            self.badge(el, anchor, n);
        }
    }

    /// One badge, in the first free slot of the stack below-right of `anchor`.
    fn badge(&mut self, el: &Element, anchor: Pos2, n: &mut usize) {
        let pal = &self.ctx.palette;
        let text = badge_text(el);
        let g = self.galley(text.clone(), FontId::proportional(10.5), pal.badge_text);
        let size = g.size() + vec2(10.0, 4.0);
        let bounds = self.tf.rect.shrink(2.0);
        let mut br = keep_inside(Rect::from_min_size(anchor + vec2(7.0, 5.0), size), bounds);
        for _ in 0..12 {
            let slot = anchor + vec2(7.0, 5.0 + *n as f32 * (size.y + 2.0));
            br = keep_inside(Rect::from_min_size(slot, size), bounds);
            *n += 1;
            if self.placer.is_free(br) {
                break;
            }
        }
        let radius = if el.kind == Kind::Person { 8 } else { 2 };
        let edge = if el.kind == Kind::Person {
            pal.label_muted
        } else {
            pal.place
        };
        let cr = CornerRadius::same(radius);
        self.shapes
            .push(Shape::rect_filled(br, cr, self.fade(el.id, pal.badge_fill)));
        self.shapes.push(Shape::rect_stroke(
            br,
            cr,
            Stroke::new(1.0, self.fade(el.id, edge)),
            egui::StrokeKind::Inside,
        ));
        let tc = self.fade(el.id, pal.badge_text);
        self.shapes
            .push(Shape::galley(br.min + vec2(5.0, 2.0), g, tc));
        self.anchors.insert(el.id, br.center());
        self.hit_rects.push((br, el.id));
        self.element_rects.insert(el.id, br);
        self.placer.add("badge", &el.key, &text, br);
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
