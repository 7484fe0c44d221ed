//! Relations between actors: curved arrows between their ends, styled by type or by
//! whose claim they are.

use std::collections::HashMap;

use egui::{Pos2, Rect, Shape, Stroke, vec2};

use super::draw::curve;
use super::scene::Builder;
use crate::model::{Element, ElementId};
use crate::ui::RelationColour;
use crate::ui::style::{LineStyle, claimant_color, relation_style};

impl Builder<'_, '_> {
    /// Every visible relation as an arrow; parallel ones bend further apart.
    pub(super) fn relations(&mut self) {
        let atlas = self.ctx.atlas;
        let mut pairs: HashMap<(ElementId, ElementId), usize> = HashMap::new();
        for el in atlas
            .elements
            .iter()
            .filter(|e| e.kind == crate::model::Kind::Relation)
        {
            let Some(r) = el.relation else { continue };
            if !self.visible(el.id) {
                continue;
            }
            let (Some(a), Some(b)) = (self.end(r.from), self.end(r.to)) else {
                continue;
            };
            if !self.tf.rect.contains(a) && !self.tf.rect.contains(b) {
                continue;
            }
            let k = pairs.entry((r.from, r.to)).or_default();
            let bend = 0.16 + 0.11 * *k as f32;
            *k += 1;
            let pts = curve(a, b, bend, 12.0);
            if pts.len() < 2 {
                continue;
            }
            self.arrow(el, pts);
        }
    }

    /// Where a relation ends on screen: the element's anchor, else its label point.
    fn end(&self, id: ElementId) -> Option<Pos2> {
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
