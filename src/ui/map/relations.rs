//! Relations between actors: curved arrows between their ends, styled by type or by
//! whose claim they are.

use std::collections::HashMap;

use geo::Contains;

use egui::{Pos2, Rect, Shape, Stroke, vec2};

use super::draw::curve;
use super::pick::visible_interior;
use super::scene::Builder;
use crate::model::{Element, ElementId, Kind, Projected};
use crate::ui::RelationColour;
use crate::ui::style::{LineStyle, claimant_color, relation_style};

impl Builder<'_, '_> {
    /// Every visible relation as an arrow; parallel ones bend further apart, and the
    /// ends at one element fan out around it instead of stacking on its label.
    pub(super) fn relations(&mut self) {
        let atlas = self.ctx.atlas;
        let mut arrows: Vec<(&Element, ElementId, ElementId, Pos2, Pos2)> = Vec::new();
        for el in atlas.elements.iter().filter(|e| e.kind == Kind::Relation) {
            let Some(r) = el.relation else { continue };
            if !self.visible(el.id) {
                continue;
            }
            let (Some(a), Some(b)) = (self.end(r.from), self.end(r.to)) else {
                continue;
            };
            // Two actors of one town: between their names in its group instead.
            let (a, b) = if a.distance(b) < 1.0 {
                match (self.anchors.get(&r.from), self.anchors.get(&r.to)) {
                    (Some(a), Some(b)) => (*a, *b),
                    _ => (a, b),
                }
            } else {
                (a, b)
            };
            if self.tf.rect.contains(a) || self.tf.rect.contains(b) {
                arrows.push((el, r.from, r.to, a, b));
            }
        }
        let ends = self.fan_out(&arrows);
        let mut pairs: HashMap<(ElementId, ElementId), usize> = HashMap::new();
        for (i, (el, from, to, _, _)) in arrows.iter().enumerate() {
            let (Some(a), Some(b)) = (ends.get(&(i, true)), ends.get(&(i, false))) else {
                continue;
            };
            let k = pairs.entry((*from, *to)).or_default();
            let bend = 0.12 + 0.1 * *k as f32;
            *k += 1;
            let pts = curve(*a, *b, bend, 0.0);
            if pts.len() >= 2 {
                self.arrow(el, pts);
            }
        }
    }

    /// Where each arrow end goes: near its element's own point (a place's dot, a
    /// country's point on land), at the angle towards the other end, spread at least
    /// 0.35 rad apart. An end steps round a label that sits on the point, but an area's
    /// end stays inside the area: a label set beside a small country (the United
    /// Kingdom's, over the North Sea) must not carry the arrow off it.
    fn fan_out(
        &self,
        arrows: &[(&Element, ElementId, ElementId, Pos2, Pos2)],
    ) -> HashMap<(usize, bool), Pos2> {
        let mut at: HashMap<ElementId, Vec<(f32, usize, bool)>> = HashMap::new();
        for (i, (_, from, to, a, b)) in arrows.iter().enumerate() {
            at.entry(*from)
                .or_default()
                .push(((*b - *a).angle(), i, true));
            at.entry(*to)
                .or_default()
                .push(((*a - *b).angle(), i, false));
        }
        let mut out = HashMap::new();
        for (id, mut list) in at {
            list.sort_by(|x, y| x.0.total_cmp(&y.0));
            spread_angles(&mut list, 0.35);
            let Some(centre) = self.end(id) else { continue };
            let half = self
                .element_rects
                .get(&id)
                .filter(|r| r.width() > 16.0 && r.contains(centre))
                .map_or(vec2(14.0, 14.0), |r| r.size() / 2.0 + vec2(6.0, 6.0));
            for (angle, i, is_from) in list {
                let dir = vec2(angle.cos(), angle.sin());
                out.insert((i, is_from), self.ring_point(id, centre, dir, half));
            }
        }
        out
    }

    /// The first point out from `centre` along `dir` (on the ring `half`, then closer)
    /// that still lies inside the element's area; for a point or line, the ring itself.
    fn ring_point(&self, id: ElementId, centre: Pos2, dir: egui::Vec2, half: egui::Vec2) -> Pos2 {
        let on_ring = |t: f32| centre + vec2(dir.x * half.x, dir.y * half.y) * t;
        let Some(Projected::Area(area)) = self
            .ctx
            .atlas
            .element(id)
            .and_then(|e| e.projected.as_ref())
        else {
            return on_ring(1.0);
        };
        let inside = |p: Pos2| {
            let [x, y] = self.tf.to_world(p);
            area.polygons.contains(&geo::Point::new(x, y))
        };
        [1.0, 0.75, 0.5, 0.3, 0.15]
            .into_iter()
            .map(on_ring)
            .find(|p| inside(*p))
            .unwrap_or(centre)
    }

    /// Where a relation ends on screen: a drawn point or marker, an area's point on land
    /// (its label point when on screen, else the middle of its visible part), else the
    /// element's label point wherever it lies.
    fn end(&self, id: ElementId) -> Option<Pos2> {
        let el = self.ctx.atlas.element(id)?;
        // An actor based in a town on the map: the town's dot, not its name in a
        // group that may stand to either side (trial10 #2).
        if matches!(el.kind, Kind::Person | Kind::Organisation)
            && let Some(dot) = el.at.and_then(|at| self.dots.get(&at))
            && self.tf.rect.contains(*dot)
        {
            return Some(*dot);
        }
        if let Some(proj @ Projected::Area(_)) = el.projected.as_ref()
            && !self.point_pos.contains_key(&id)
        {
            // At its label when the label lies over it (trial11 #10: Iran's arrows met at
            // its label point in the desert, its label set elsewhere).
            if let Projected::Area(area) = proj
                && let Some(lr) = self.element_rects.get(&id)
                && self.tf.rect.contains(lr.center())
            {
                let [x, y] = self.tf.to_world(lr.center());
                if area.polygons.contains(&geo::Point::new(x, y)) {
                    return Some(lr.center());
                }
            }
            let own = proj.label_point().map(|p| self.tf.to_screen(p));
            if let Some(p) = own.filter(|p| self.tf.rect.contains(*p)) {
                return Some(p);
            }
            if let Some(p) = visible_interior(proj, self.tf) {
                return Some(p);
            }
            return own;
        }
        self.anchors.get(&id).copied().or_else(|| {
            self.ctx
                .atlas
                .anchor_point(id)
                .map(|p| self.tf.to_screen(p))
        })
    }

    /// One relation arrow: halo, styled line, head.
    fn arrow(&mut self, el: &Element, pts: Vec<Pos2>) {
        let Some(r) = el.relation else { return };
        let pal = &self.ctx.palette;
        let (type_color, style, width) = relation_style(r.kind, pal.dark);
        let color = match self.ctx.relation_colour {
            RelationColour::ByType => type_color,
            RelationColour::ByClaimant => claimant_color(pal, self.ctx.atlas, r.claimed_by),
        };
        let color = self.fade(el.id, color);
        let out = &mut self.relation_shapes;
        out.push(Shape::line(
            pts.clone(),
            Stroke::new(width + 3.0, pal.halo.gamma_multiply(0.5)),
        ));
        let stroke = Stroke::new(width, color);
        match style {
            LineStyle::Solid => out.push(Shape::line(pts.clone(), stroke)),
            LineStyle::Dashed => out.extend(Shape::dashed_line(&pts, stroke, 9.0, 5.0)),
            LineStyle::Dotted => out.extend(Shape::dotted_line(&pts, color, 6.0, width * 0.7)),
        }
        let n = pts.len();
        if let (Some(p), Some(q)) = (pts.get(n - 2), pts.get(n - 1)) {
            let d = (*q - *p).normalized();
            let nrm = vec2(-d.y, d.x);
            out.push(Shape::convex_polygon(
                vec![*q, *q - d * 10.0 + nrm * 5.0, *q - d * 10.0 - nrm * 5.0],
                color,
                Stroke::NONE,
            ));
        }
        if let Some(mid) = pts.get(n / 2) {
            self.element_rects
                .insert(el.id, Rect::from_center_size(*mid, vec2(10.0, 10.0)));
        }
        self.curves.push((pts, el.id));
    }
}

/// Pushes sorted angles apart so neighbours are at least `gap` radians apart.
fn spread_angles(list: &mut [(f32, usize, bool)], gap: f32) {
    for i in 1..list.len() {
        let prev = list.get(i - 1).map_or(f32::NEG_INFINITY, |p| p.0);
        if let Some(cur) = list.get_mut(i)
            && cur.0 - prev < gap
        {
            cur.0 = prev + gap;
        }
    }
}
