//! The scene: screen-space shapes for one view, built per layer (areas, routes, points,
//! markers, badges, labels, relations) and cached until the view, layers, theme or
//! viewport change. Other frames only copy it.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, FontId, Galley, Pos2, Rect, Shape, Stroke};

use super::draw::{decimate, pre_tessellate, route_shapes};
use super::geometry::{CORE_RANK, MapGeometry};
use super::markers::BadgeGroup;
use super::pick::{Curve, HitRect, clickable_spot};
use super::placer::Placer;
use super::raster::{self, Ink};
use super::view::ScreenTransform;
use super::{MapPanel, ViewCtx};
use crate::model::geometry::ProjectedArea as Area;
use crate::model::{Element, ElementId, Kind, Projected};
use crate::state::{Group, Layers, MapMemory};
use crate::ui::RelationColour;
use crate::ui::style::line_style;

/// What the screen cache was built for; any change rebuilds it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct CacheKey {
    pub rect: Rect,
    pub view: MapMemory,
    pub layers: Layers,
    pub dark: bool,
    pub ppp: f32,
    pub scenario: Option<String>,
    pub relation_colour: RelationColour,
    /// The selection's label is placed first.
    pub selected: Option<ElementId>,
}

/// Screen-space shapes and positions for one view.
pub(super) struct ScreenCache {
    pub key: CacheKey,
    pub shapes: Vec<Shape>,
    pub labels: Vec<Shape>,
    /// Clickable screen rectangles that sit above the geometry (badges, markers).
    pub hit_rects: Vec<HitRect>,
    /// One screen rectangle per visible element: focus ring and AccessKit bounds.
    pub element_rects: HashMap<ElementId, Rect>,
    /// Relation arrows, drawn above the map and below labels.
    pub relation_shapes: Vec<Shape>,
    /// Relation curves as polylines, for hit-testing and highlight.
    pub curves: Vec<Curve>,
    /// Whether `element_rects` were moved to spots where a click hits the element.
    pub exact_spots: bool,
    /// Every placed text item (labels, badges, markers), for `aras layout`.
    pub placer: Placer,
    /// Where the "Map as of" badge goes.
    pub date_rect: Rect,
    /// People and organisations grouped at their places, with the lists they open.
    pub groups: Vec<BadgeGroup>,
    /// Labels set off their element: the element, the label, the leader's far end.
    pub leaders: Vec<(ElementId, Rect, Pos2)>,
    /// Where each place's dot is drawn.
    pub dots: HashMap<ElementId, Pos2>,
    /// Which side of its anchor each item took ([`Builder::place_near`]).
    pub sides: HashMap<String, (i8, i8)>,
}

impl ScreenCache {
    /// The view the cache was built for.
    pub fn transform(&self) -> ScreenTransform {
        ScreenTransform {
            rect: self.key.rect,
            view: self.key.view,
        }
    }
}

/// The scene while it is being built; each layer adds to it in drawing order.
pub(super) struct Builder<'a, 'c> {
    pub ui: &'a egui::Ui,
    pub ctx: &'a ViewCtx<'c>,
    pub geometry: &'a MapGeometry,
    pub tf: ScreenTransform,
    pub shapes: Vec<Shape>,
    /// The static layers (areas, water, routes), rasterised once per view.
    pub base: Vec<Ink>,
    pub borders: Vec<Ink>,
    /// What is drawn at all: the map and, for the static layers, the raster's margin.
    pub cull: Rect,
    pub labels: Vec<Shape>,
    pub placer: Placer,
    pub hit_rects: Vec<HitRect>,
    pub element_rects: HashMap<ElementId, Rect>,
    /// Screen positions of drawn points (places, markers, label-only regions).
    pub point_pos: HashMap<ElementId, Pos2>,
    /// Where relations start and end: places, markers, badges and labels.
    pub anchors: HashMap<ElementId, Pos2>,
    pub relation_shapes: Vec<Shape>,
    pub curves: Vec<Curve>,
    pub date_rect: Rect,
    pub groups: Vec<BadgeGroup>,
    /// Off-map markers: where their ray meets the gutter and the way they point, for
    /// the groups that join them.
    pub chips: HashMap<ElementId, (Pos2, egui::Vec2)>,
    /// Off-map actors drawn as one chip with their people ("Europe · ICJ").
    pub merged: std::collections::HashSet<ElementId>,
    /// Labels set off their element, with the far end of their leader.
    pub leaders: Vec<(ElementId, Rect, Pos2)>,
    /// Where each place's dot is drawn.
    pub dots: HashMap<ElementId, Pos2>,
    /// Places whose label is their people group's chip ("Damascus · Syrian army").
    pub grouped: std::collections::HashSet<ElementId>,
    /// Which side of its anchor each item was placed on in the previous view, by
    /// "kind:key" (kept where it still fits: labels do not swap sides as one zooms).
    pub prev_sides: HashMap<String, (i8, i8)>,
    /// The sides taken in this view.
    pub sides: HashMap<String, (i8, i8)>,
}

impl<'a, 'c> Builder<'a, 'c> {
    fn new(
        ui: &'a egui::Ui,
        ctx: &'a ViewCtx<'c>,
        geometry: &'a MapGeometry,
        tf: ScreenTransform,
    ) -> Self {
        Self {
            ui,
            ctx,
            geometry,
            tf,
            shapes: Vec::new(),
            base: Vec::new(),
            borders: Vec::new(),
            cull: tf.rect.expand(40.0),
            labels: Vec::new(),
            placer: Placer::new(tf.rect),
            hit_rects: Vec::new(),
            element_rects: HashMap::new(),
            point_pos: HashMap::new(),
            anchors: HashMap::new(),
            relation_shapes: Vec::new(),
            curves: Vec::new(),
            date_rect: Rect::NOTHING,
            groups: Vec::new(),
            chips: HashMap::new(),
            merged: std::collections::HashSet::new(),
            leaders: Vec::new(),
            dots: HashMap::new(),
            grouped: std::collections::HashSet::new(),
            prev_sides: HashMap::new(),
            sides: HashMap::new(),
        }
    }

    pub fn visible(&self, id: ElementId) -> bool {
        self.ctx.layers.visible(self.ctx.atlas, id)
    }

    /// Elements outside the emphasised scenario are dimmed.
    pub fn fade(&self, id: ElementId, c: Color32) -> Color32 {
        if self.ctx.in_scenario(id) {
            c
        } else {
            c.gamma_multiply(0.3)
        }
    }

    /// Whether world bounds reach the (slightly enlarged) viewport.
    fn on_screen(&self, b: Option<[[f64; 2]; 2]>) -> bool {
        let cull = self.cull;
        b.is_some_and(|[a, c]| {
            Rect::from_two_pos(self.tf.to_screen(a), self.tf.to_screen(c)).intersects(cull)
        })
    }

    /// Right-to-left text is shaped and put in visual order first ([`crate::ui::bidi`]).
    pub fn galley(&self, text: String, font: FontId, color: Color32) -> Arc<Galley> {
        let text = match crate::ui::bidi::display(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(v) => v,
        };
        self.ui.painter().layout_no_wrap(text, font, color)
    }

    /// `id`'s outlines simplified for this view ([`super::lod`]), or `None` to draw the
    /// original.
    fn outlines(&self, id: ElementId) -> Option<&'a [Vec<[f32; 2]>]> {
        let px_per_km = self.tf.view.zoom * f64::from(self.ui.ctx().pixels_per_point());
        self.geometry.lod.outlines(id, px_per_km)
    }

    /// Area fills, hatching, outlines and water lines, bottom first.
    fn areas(&mut self) {
        let order = self.geometry.draw_order.clone();
        for id in order {
            let Some(el) = self.ctx.atlas.element(id) else {
                continue;
            };
            if !self.visible(id) {
                continue;
            }
            let Some(proj) = &el.projected else { continue };
            if !self.on_screen(proj.bounds()) {
                continue;
            }
            match proj {
                Projected::Area(area) => self.area(el, area),
                Projected::Lines(lines) if el.kind == Kind::Water => {
                    let w = if el.context { 1.2 } else { 2.2 };
                    let stroke = Stroke::new(w, self.fade(id, self.ctx.palette.water_line));
                    let tf = self.tf;
                    let screen: Vec<Vec<Pos2>> = match self.outlines(id) {
                        Some(simple) => simple
                            .iter()
                            .map(|l| decimate(l.iter().map(|p| tf.to_screen32(*p)), 0.75))
                            .collect(),
                        None => lines
                            .iter()
                            .map(|l| decimate(l.0.iter().map(|c| tf.to_screen([c.x, c.y])), 0.75))
                            .collect(),
                    };
                    for pts in screen {
                        self.base.push(Ink::Shape(Shape::line(pts, stroke)));
                    }
                }
                _ => {}
            }
        }
        // Borders go above region hatching but below routes.
        let mut borders = std::mem::take(&mut self.borders);
        self.base.append(&mut borders);
    }

    /// One area: fill, hatching (drawn as it was on the map date), outline.
    fn area(&mut self, el: &Element, area: &Area) {
        let pal = &self.ctx.palette;
        let tf = self.tf;
        let earlier = el.changed.is_some() && !self.ctx.layers.exists_on_date(self.ctx.atlas, el);
        // Outlines simplified for the zoom and thinned to ~1 px, for fill and strokes.
        let world = self.outlines(el.id).unwrap_or(area.rings.as_slice());
        let rings: Vec<Vec<Pos2>> = world
            .iter()
            .map(|r| decimate(r.iter().map(|p| tf.to_screen32(*p)), 0.75))
            .collect();
        let fill = pal.area_fill(el);
        if fill != Color32::TRANSPARENT {
            let fill = if self.ctx.in_scenario(el.id) {
                fill
            } else {
                fill.lerp_to_gamma(pal.context_land, 0.6)
            };
            let whole = rings.iter().filter(|r| r.len() >= 3).cloned().collect();
            self.base.push(Ink::Fill(whole, fill));
        }
        if let Some(h) = self.geometry.hatches.get(&el.id) {
            let color = if earlier {
                pal.label_muted
            } else if el.disputed {
                pal.disputed
            } else {
                pal.recaptured
            };
            let stroke = Stroke::new(1.0, self.fade(el.id, color.gamma_multiply(0.8)));
            for l in h {
                let pts = decimate(l.iter().map(|p| tf.to_screen32(*p)), 0.75);
                self.base.push(Ink::Shape(Shape::line(pts, stroke)));
            }
        }
        let is_border = el.kind == Kind::Country;
        if is_border && !self.ctx.layers.group_visible(Group::Borders) {
            return;
        }
        let stroke = self.ring_stroke(el, earlier);
        let dashed = el.kind == Kind::Region && !el.disputed && (el.changed.is_none() || earlier);
        // A draft's context cut at its clip frame: the fill ends there, but the cut is
        // not a border and gets no line (ring by ring, the runs between cuts).
        let mut paths: Vec<(Vec<Pos2>, bool)> = Vec::new();
        for (ring, pts) in world.iter().zip(rings) {
            match self.geometry.border_runs(el.id, ring) {
                Some(runs) => paths.extend(
                    runs.iter()
                        .map(|r| (decimate(r.iter().map(|p| tf.to_screen32(*p)), 0.75), false)),
                ),
                None if pts.len() >= 3 => paths.push((pts, true)),
                None => {}
            }
        }
        for (pts, closed) in paths {
            let target = if is_border {
                &mut self.borders
            } else {
                &mut self.base
            };
            if dashed {
                let dashes = Shape::dashed_line(&pts, stroke, 6.0, 4.0);
                target.extend(dashes.into_iter().map(Ink::Shape));
            } else if closed {
                target.push(Ink::Shape(Shape::closed_line(pts, stroke)));
            } else {
                target.push(Ink::Shape(Shape::line(pts, stroke)));
            }
        }
    }

    /// The outline of an area, by kind and state.
    fn ring_stroke(&self, el: &Element, earlier: bool) -> Stroke {
        let pal = &self.ctx.palette;
        let s = match el.kind {
            Kind::Country if el.context => Stroke::new(0.8, pal.context_border),
            Kind::Country => Stroke::new(1.2, pal.border),
            Kind::Water => Stroke::new(0.8, pal.water_line.gamma_multiply(0.7)),
            Kind::Region if el.disputed => Stroke::new(1.6, pal.disputed),
            Kind::Region if earlier => Stroke::new(1.4, pal.label_muted),
            Kind::Region if el.changed.is_some() => Stroke::new(1.4, pal.recaptured),
            _ => Stroke::new(1.4, pal.region_outline),
        };
        Stroke::new(s.width, self.fade(el.id, s.color))
    }

    /// Corridors: styled line, arrows in the direction of travel. Every route is cased
    /// in the map's halo colour first, and where routes share a corridor each is moved a
    /// few points to its own side, so each stays distinguishable.
    fn corridors(&mut self) {
        let atlas = self.ctx.atlas;
        let routes: Vec<(&Element, Vec<Vec<Pos2>>)> = atlas
            .elements
            .iter()
            .filter(|e| e.kind == Kind::Corridor && self.visible(e.id))
            .filter_map(|el| {
                let Some(Projected::Lines(lines)) = &el.projected else {
                    return None;
                };
                let pts = lines
                    .iter()
                    .map(|l| l.0.iter().map(|c| self.tf.to_screen([c.x, c.y])).collect())
                    .collect();
                Some((el, pts))
            })
            .collect();
        let lines: Vec<&[Vec<Pos2>]> = routes.iter().map(|(_, l)| l.as_slice()).collect();
        let apart = separate_shared(&lines);
        let casing = Stroke::new(6.0, self.ctx.palette.halo.gamma_multiply(0.85));
        for l in apart.iter().flatten() {
            self.base.push(Ink::Shape(Shape::line(l.clone(), casing)));
        }
        for ((el, _), pts) in routes.iter().zip(&apart) {
            let color = self.fade(el.id, self.ctx.palette.corridor(&el.key));
            for l in pts {
                let s = route_shapes(
                    l,
                    color,
                    line_style(el.status),
                    el.direction,
                    &self.ctx.palette,
                );
                self.base.extend(s.into_iter().map(Ink::Shape));
            }
        }
    }

    /// AccessKit bounds must be somewhere a click selects the element itself. This costs
    /// hit tests per element, so it is done only when AccessKit is on.
    fn exact_spots(&mut self) {
        let ids: Vec<ElementId> = self.element_rects.keys().copied().collect();
        for id in ids {
            let Some(r) = self.element_rects.get(&id).copied() else {
                continue;
            };
            let hits = (self.hit_rects.as_slice(), self.curves.as_slice());
            let layers = self.ctx.layers;
            if let Some(spot) =
                clickable_spot(self.ctx.atlas, layers, self.tf, hits, id, r.center())
            {
                self.element_rects.insert(id, spot);
            }
        }
    }

    fn finish(mut self, key: CacheKey, accessible: bool) -> ScreenCache {
        if accessible {
            self.exact_spots();
        }
        // Label-only regions with no label placed still need a target.
        for (id, p) in &self.point_pos {
            if self.tf.rect.contains(*p) {
                self.element_rects
                    .entry(*id)
                    .or_insert_with(|| Rect::from_center_size(*p, egui::vec2(14.0, 14.0)));
            }
        }
        // Tessellate the geometry once per view: later frames only copy the meshes.
        let rect = self.tf.rect;
        let shapes = pre_tessellate(self.ui, rect, key.ppp, self.shapes);
        let relation_shapes = pre_tessellate(self.ui, rect, key.ppp, self.relation_shapes);
        ScreenCache {
            key,
            shapes,
            labels: self.labels,
            hit_rects: self.hit_rects,
            element_rects: self.element_rects,
            relation_shapes,
            curves: self.curves,
            exact_spots: accessible,
            placer: self.placer,
            date_rect: self.date_rect,
            groups: self.groups,
            leaders: self.leaders,
            dots: self.dots,
            sides: self.sides,
        }
    }
}

impl ScreenCache {
    /// Where a highlight marks an element drawn as text or a dot (screen points). A
    /// member only in a group's list (the "+3" of "Tehran · Sahar TV, +3") has its row
    /// there as its rectangle; the pill stands for it, as the list is open only on hover
    /// (a box had floated over the Caspian where the closed list would be).
    pub(super) fn mark_rect(&self, id: ElementId) -> Option<Rect> {
        let own = self.element_rects.get(&id).copied();
        let listed = self.groups.iter().find_map(|g| {
            g.rows
                .iter()
                .any(|(row, m, _)| *m == id && own == Some(*row))
                .then_some(g.pill)
        });
        listed.or(own)
    }
}

impl MapPanel {
    /// Builds the scene for one view, layer by layer.
    pub(super) fn build_cache(
        &self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        tf: ScreenTransform,
        key: CacheKey,
        accessible: bool,
    ) -> ScreenCache {
        let mut b = Builder::new(ui, ctx, &self.geometry, tf);
        // Only a zoom keeps the sides (a pan at one zoom lays out as from scratch, so a
        // drag and back draws the map as before).
        if let Some(c) = self
            .cache
            .as_ref()
            .filter(|c| c.key.view.zoom != tf.view.zoom)
        {
            b.prev_sides = c.sides.clone();
        }
        let edge = b.points();
        b.reserve_controls();
        b.inset();
        b.keep_regions_clear();
        b.labels(|rank| rank <= CORE_RANK);
        b.edge_markers(edge);
        b.badges();
        b.labels(|rank| rank > CORE_RANK);
        b.late_badges();
        b.relations();
        b.finish(key, accessible)
    }

    /// The static layers for one view, for the raster: everything within `cull`.
    fn build_base(
        &self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        tf: ScreenTransform,
        cull: Rect,
    ) -> Vec<Ink> {
        let mut b = Builder::new(ui, ctx, &self.geometry, tf);
        b.cull = cull.expand(40.0);
        b.areas();
        b.corridors();
        b.base
    }

    /// Rebuilds the scene and the raster if what they were built for changed. During a
    /// gesture a change of view alone waits (the last drawing is moved instead), except
    /// for a progressive redraw every [`PROGRESSIVE_SECONDS`].
    pub(super) fn ensure_cache(
        &mut self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        tf: ScreenTransform,
        accessible: bool,
    ) {
        if ui.ctx().will_discard() {
            // This pass is laid out again before it is shown (issue 13: the start).
            return;
        }
        let key = CacheKey {
            rect: tf.rect,
            view: tf.view,
            layers: ctx.layers.clone(),
            dark: ctx.palette.dark,
            ppp: ui.ctx().pixels_per_point(),
            scenario: ctx.scenario.map(|s| s.key.clone()),
            relation_colour: ctx.relation_colour,
            selected: ctx.selection.selected,
        };
        let now = ui.input(|i| i.time);
        let due = |built: f64, same_look: bool| {
            !self.moving || !same_look || now - built >= PROGRESSIVE_SECONDS
        };
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.key != key || (accessible && !c.exact_spots));
        let same_look = self
            .cache
            .as_ref()
            .is_some_and(|c| c.key.same_but_view(&key));
        if stale && due(self.built_at.0, same_look) {
            self.rebuilds += 1;
            self.built_at.0 = now;
            self.cache = Some(self.build_cache(ui, ctx, tf, key.clone(), accessible));
        }
        let fits = self.raster.as_ref().is_some_and(|r| r.fits(&key));
        let same_look = self.raster.as_ref().is_some_and(|r| r.same_look(&key));
        if !fits && due(self.built_at.1, same_look) {
            self.built_at.1 = now;
            self.rasterise(ui, ctx, tf, key);
        }
    }

    /// Draws the static layers for `tf`'s view, with a margin, into the texture.
    fn rasterise(&mut self, ui: &egui::Ui, ctx: &ViewCtx<'_>, tf: ScreenTransform, key: CacheKey) {
        let max_side = ui.ctx().input(|i| i.max_texture_side);
        let scale = raster::raster_scale(tf.rect, key.ppp, max_side);
        let rect = raster::raster_rect(tf.rect, scale, max_side);
        let inks = self.build_base(ui, ctx, tf, rect);
        let bg = ctx.palette.background_sea;
        let Some(image) = raster::rasterize(&inks, rect, scale, max_side, bg) else {
            self.raster = None;
            return;
        };
        self.rasters += 1;
        let old = self.raster.take().map(|r| r.texture);
        let texture = raster::upload(ui.ctx(), old, image);
        self.raster = Some(raster::BaseRaster { key, rect, texture });
    }
}

impl CacheKey {
    /// Everything but the view is the same.
    pub fn same_but_view(&self, other: &CacheKey) -> bool {
        self.rect == other.rect
            && self.layers == other.layers
            && self.dark == other.dark
            && self.ppp == other.ppp
            && self.scenario == other.scenario
            && self.relation_colour == other.relation_colour
            && self.selected == other.selected
    }
}

/// During a long gesture, the scene and the raster are redrawn at most this often.
const PROGRESSIVE_SECONDS: f64 = 0.3;

/// How far apart routes that share a corridor are drawn, in points.
const ROUTE_SPACING: f32 = 4.0;
/// Routes closer than this, in points, share a corridor.
const SHARED_WITHIN: f32 = 5.0;

/// Screen polylines of several routes, with each point moved sideways where other routes
/// run within [`SHARED_WITHIN`] of it: the routes there are spread [`ROUTE_SPACING`]
/// apart in a stable order (their order in the atlas), on one consistent side, so two
/// routes in opposite directions do not swap sides.
pub fn separate_shared(routes: &[&[Vec<Pos2>]]) -> Vec<Vec<Vec<Pos2>>> {
    let near = |p: Pos2, other: &[Vec<Pos2>]| {
        other.iter().any(|l| {
            l.windows(2).any(|w| match w {
                [a, b] => dist_to_segment(p, *a, *b) < SHARED_WITHIN,
                _ => false,
            })
        })
    };
    routes
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            lines
                .iter()
                .map(|l| {
                    (0..l.len())
                        .map(|k| {
                            let Some(p) = l.get(k).copied() else {
                                return Pos2::ZERO;
                            };
                            let sharing: Vec<usize> = (0..routes.len())
                                .filter(|j| *j == i || routes.get(*j).is_some_and(|o| near(p, o)))
                                .collect();
                            if sharing.len() < 2 {
                                return p;
                            }
                            let rank = sharing.iter().position(|j| *j == i).unwrap_or(0) as f32;
                            let mid = (sharing.len() - 1) as f32 / 2.0;
                            p + normal_at(l, k) * (rank - mid) * ROUTE_SPACING
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The unit normal of a polyline at point `k`, always pointing right or down.
fn normal_at(l: &[Pos2], k: usize) -> egui::Vec2 {
    let a = l.get(k.saturating_sub(1)).or(l.get(k)).copied();
    let b = l.get(k + 1).or(l.get(k)).copied();
    let (Some(a), Some(b)) = (a, b) else {
        return egui::Vec2::ZERO;
    };
    let d = b - a;
    if d.length() < 1e-3 {
        return egui::Vec2::ZERO;
    }
    let n = egui::vec2(-d.y, d.x).normalized();
    if n.x < 0.0 || (n.x == 0.0 && n.y < 0.0) {
        -n
    } else {
        n
    }
}

fn dist_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    let t = if len2 > 0.0 {
        ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}
