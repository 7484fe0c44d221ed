//! Labels of countries, regions, water, places and routes: styled by kind, offered to the
//! placer by priority at a few candidate spots each.

use egui::{Color32, FontId, Pos2, Rect, Shape, Vec2, vec2};

use super::draw::halo_rect;
use super::pick::visible_interior;
use super::scene::Builder;
use crate::model::{Element, Kind, Projected};
use crate::state::Group;
use crate::ui::style::Palette;

impl Builder<'_, '_> {
    /// Labels, greedy by priority, never overlapping.
    pub(super) fn labels(&mut self) {
        let show = self.ctx.layers.group_visible(Group::Labels);
        let order = self.geometry.label_order.clone();
        for id in order {
            let Some(el) = self.ctx.atlas.element(id) else {
                continue;
            };
            if !self.visible(id) {
                continue;
            }
            let Some(anchor) = self.label_anchor(el) else {
                continue;
            };
            self.element_rects
                .entry(id)
                .or_insert_with(|| Rect::from_center_size(anchor, vec2(16.0, 16.0)));
            self.anchors.entry(id).or_insert(anchor);
            if show {
                self.label(el, anchor);
            }
        }
    }

    /// Where an element's label goes: its label point, or for a big area whose label
    /// point is off-screen, the middle of its visible part.
    fn label_anchor(&self, el: &Element) -> Option<Pos2> {
        let rect = self.tf.rect;
        let proj = el.projected.as_ref()?;
        let anchor = self.tf.to_screen(proj.label_point()?);
        if rect.shrink(20.0).contains(anchor) {
            return Some(anchor);
        }
        let big = proj.bounds().is_some_and(|[a, b]| {
            let r = Rect::from_two_pos(self.tf.to_screen(a), self.tf.to_screen(b));
            r.width() > rect.width() / 3.0 || r.height() > rect.height() / 3.0
        });
        if !big {
            return None;
        }
        visible_interior(proj, self.tf)
    }

    /// Places one label at the first free candidate spot.
    fn label(&mut self, el: &Element, anchor: Pos2) {
        let Some(proj) = &el.projected else { return };
        let earlier = el.changed.is_some() && !self.ctx.layers.exists_on_date(el);
        let (text, font, color) = label_style(el, &self.ctx.palette, earlier);
        let color = self.fade(el.id, color);
        // Areas too small on screen get no label.
        if let Some([a, b]) = proj.bounds()
            && matches!(proj, Projected::Area(_))
            && (self.tf.to_screen(b).x - self.tf.to_screen(a).x).abs() < 24.0
        {
            return;
        }
        let g = self.galley(text.clone(), font, color);
        let size = g.size();
        let candidates = candidates(el, proj, anchor, size);
        let Some(lr) = self.placer.place_first("label", &el.key, &text, candidates) else {
            return;
        };
        self.labels.push(halo_rect(lr, &self.ctx.palette));
        self.labels.push(Shape::galley(lr.min, g, color));
        if matches!(proj, Projected::Point(_)) {
            self.hit_rects.push((lr, el.id));
        }
        if el.kind != Kind::Place {
            self.element_rects.insert(el.id, lr);
        }
    }
}

/// Candidate label rectangles around an anchor, best first.
fn candidates(el: &Element, proj: &Projected, anchor: Pos2, size: Vec2) -> Vec<Rect> {
    match proj {
        Projected::Point(_) if el.kind != Kind::Region => vec![
            Rect::from_min_size(anchor + vec2(6.0, -size.y / 2.0), size),
            Rect::from_min_size(anchor + vec2(-6.0 - size.x, -size.y / 2.0), size),
            Rect::from_min_size(anchor + vec2(-size.x / 2.0, -size.y - 5.0), size),
            Rect::from_min_size(anchor + vec2(-size.x / 2.0, 5.0), size),
        ],
        _ => vec![
            Rect::from_center_size(anchor, size),
            Rect::from_center_size(anchor + vec2(0.0, size.y), size),
            Rect::from_center_size(anchor - vec2(0.0, size.y), size),
        ],
    }
}

/// Text, font and colour of an element's label.
pub(super) fn label_style(el: &Element, pal: &Palette, earlier: bool) -> (String, FontId, Color32) {
    match (el.kind, el.context) {
        (Kind::Country, false) => (
            el.name.to_uppercase(),
            FontId::proportional(14.0),
            pal.label,
        ),
        (Kind::Country, true) => (el.name.clone(), FontId::proportional(11.5), pal.label_muted),
        (Kind::Water, false) => (el.name.clone(), FontId::proportional(13.0), pal.water_line),
        (Kind::Water, true) => (el.name.clone(), FontId::proportional(10.5), pal.water_line),
        (Kind::Region, _) => region_style(el, pal, earlier),
        (Kind::Place, false) if el.rank == Some(1) => {
            (el.name.clone(), FontId::proportional(12.5), pal.label)
        }
        (Kind::Place, _) => (el.name.clone(), FontId::proportional(11.0), pal.label_muted),
        (Kind::Corridor, _) => (
            el.name.clone(),
            FontId::proportional(10.5),
            pal.corridor(&el.key),
        ),
        _ => (el.name.clone(), FontId::proportional(11.0), pal.label),
    }
}

/// A region's label: its state on the map date decides wording and colour.
fn region_style(el: &Element, pal: &Palette, earlier: bool) -> (String, FontId, Color32) {
    let name = match el.key.as_str() {
        "nakhchivan" => "Nakhchivan (Azerbaijan)".to_owned(),
        "recaptured" if earlier => "Not yet recaptured".to_owned(),
        "recaptured" => "Recaptured 2020".to_owned(),
        _ => el.name.clone(),
    };
    let color = if el.disputed {
        pal.disputed
    } else if earlier {
        pal.label_muted
    } else if el.changed.is_some() {
        pal.recaptured
    } else {
        pal.label
    };
    (name, FontId::proportional(12.0), color)
}
