//! What the map shows, measured without pixels: the placer's items and how much of each
//! area stays visible beneath them. Used by `aras layout` and the tests of issue 10.

use egui::{Rect, pos2};
use geo::Contains;

use super::view::ScreenTransform;
use super::{LayoutItem, MapPanel};
use crate::model::{Atlas, Projected};

/// Grid resolution per axis for [`MapPanel::area_visibility`].
const GRID: usize = 40;

impl MapPanel {
    /// Everything the placer placed in the last drawn view (labels, badges, markers,
    /// controls), in screen points; empty before the first frame.
    pub fn layout_items(&self) -> Vec<LayoutItem> {
        self.cache
            .as_ref()
            .map(|c| c.placer.items().to_vec())
            .unwrap_or_default()
    }

    /// For each visible area element on screen in the last drawn view: its key, the screen
    /// bounding box of its polygon clipped to the map (points), and the share of its
    /// on-screen polygon not covered by any placed item (0..=1, sampled on a 40×40 grid).
    pub fn area_visibility(&self, atlas: &Atlas) -> Vec<(String, Rect, f32)> {
        let Some(cache) = &self.cache else {
            return Vec::new();
        };
        let tf = ScreenTransform {
            rect: cache.key.rect,
            view: cache.key.view,
        };
        let items = cache.placer.items();
        let mut out = Vec::new();
        for el in &atlas.elements {
            let Some(Projected::Area(area)) = &el.projected else {
                continue;
            };
            if !cache.key.layers.visible(atlas, el.id) {
                continue;
            }
            let Some([a, b]) = el.projected.as_ref().and_then(Projected::bounds) else {
                continue;
            };
            let r = Rect::from_two_pos(tf.to_screen(a), tf.to_screen(b)).intersect(tf.rect);
            if r.width() <= 0.0 || r.height() <= 0.0 {
                continue;
            }
            let (mut inside, mut covered) = (0u32, 0u32);
            for i in 0..GRID {
                for j in 0..GRID {
                    let p = pos2(
                        r.left() + r.width() * (i as f32 + 0.5) / GRID as f32,
                        r.top() + r.height() * (j as f32 + 0.5) / GRID as f32,
                    );
                    let [x, y] = tf.to_world(p);
                    if !area.polygons.contains(&geo::Point::new(x, y)) {
                        continue;
                    }
                    inside += 1;
                    if items.iter().any(|it| it.rect.contains(p)) {
                        covered += 1;
                    }
                }
            }
            if inside > 0 {
                let visible = 1.0 - covered as f32 / inside as f32;
                out.push((el.key.clone(), r, visible));
            }
        }
        out
    }
}

impl MapPanel {
    /// Whether an element is drawn in the last view (it has a screen rectangle: a focus
    /// ring and an AccessKit node).
    pub fn is_drawn(&self, id: crate::model::ElementId) -> bool {
        self.cache
            .as_ref()
            .is_some_and(|c| c.element_rects.contains_key(&id))
    }

    /// The screen polyline of a relation arrow in the last drawn view (points), if drawn.
    pub fn relation_curve(&self, atlas: &Atlas, key: &str) -> Option<Vec<egui::Pos2>> {
        let id = atlas.by_key(key)?;
        let cache = self.cache.as_ref()?;
        cache
            .curves
            .iter()
            .find(|(_, c)| *c == id)
            .map(|(pts, _)| pts.clone())
    }
}

impl MapPanel {
    /// Whether a screen point of the last drawn view lies inside the area element `key`
    /// (false for a point or line element, an unknown key, or before the first frame).
    pub fn area_contains(&self, atlas: &Atlas, key: &str, p: egui::Pos2) -> bool {
        let (Some(cache), Some(id)) = (self.cache.as_ref(), atlas.by_key(key)) else {
            return false;
        };
        let tf = ScreenTransform {
            rect: cache.key.rect,
            view: cache.key.view,
        };
        let Some(Projected::Area(area)) = atlas.element(id).and_then(|e| e.projected.as_ref())
        else {
            return false;
        };
        let [x, y] = tf.to_world(p);
        area.polygons.contains(&geo::Point::new(x, y))
    }
}
