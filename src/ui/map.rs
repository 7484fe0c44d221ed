//! The map panel: draws the atlas with a painter and its own pan/zoom, hit-tests with
//! true geometry, and exposes every element to AccessKit.
//!
//! Cost model: world-space geometry (triangles, rings, hatching) is built once per atlas
//! in [`MapGeometry`]; screen-space shapes and label placement are rebuilt only when the
//! view, the layers, the theme or the viewport change ([`ScreenCache`]). A frame that only
//! moves the hover repaints cached shapes plus a small overlay.

use std::collections::HashMap;
use std::sync::Arc;

use egui::accesskit::{Action, Role};
use egui::epaint::{Mesh, PathStroke, Vertex, WHITE_UV};
use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Key, Pos2, Rect, Sense, Shape, Stroke, Vec2,
    pos2, vec2,
};
use geo::{BooleanOps, Coord, LineString, MultiLineString};

use super::style::{LineStyle, Palette, line_style};
use super::{Command, ViewCtx};
use crate::model::{Atlas, Direction, ElementId, Kind, Projected};
use crate::state::{Group, Layers, MapMemory};

/// Screen-space pick radius for points, in points.
const POINT_PICK: f64 = 9.0;
/// Screen-space pick tolerance for lines, in points.
const LINE_PICK: f64 = 6.0;

/// A clickable screen rectangle above the geometry (badge, marker, point label).
type HitRect = (Rect, ElementId);
/// A relation arrow as a screen polyline.
type Curve = (Vec<Pos2>, ElementId);

/// World-space geometry derived once from the atlas.
pub struct MapGeometry {
    /// Hatch lines (world km) for disputed and recaptured areas.
    hatches: HashMap<ElementId, Vec<Vec<[f32; 2]>>>,
    /// Elements in drawing order, bottom first.
    draw_order: Vec<ElementId>,
    /// Label candidates, highest priority first.
    label_order: Vec<ElementId>,
}

impl MapGeometry {
    pub fn new(atlas: &Atlas) -> Self {
        let mut hatches = HashMap::new();
        for el in &atlas.elements {
            if el.kind != Kind::Region {
                continue;
            }
            let Some(Projected::Area(area)) = &el.projected else {
                continue;
            };
            let angle = if el.disputed { 1.0 } else { -1.0 };
            let spacing = if el.disputed { 7.0 } else { 9.0 };
            if el.disputed || el.properties.contains_key("changed") {
                hatches.insert(el.id, hatch(&area.polygons, spacing, angle));
            }
        }
        let layer_of = |k: Kind| match k {
            Kind::Country => 0,
            Kind::Water => 1,
            Kind::Region => 2,
            Kind::Corridor => 3,
            Kind::Relation => 4,
            Kind::Place | Kind::Offmap => 5,
            Kind::Person | Kind::Organisation => 6,
        };
        let mut draw_order: Vec<ElementId> = atlas.elements.iter().map(|e| e.id).collect();
        draw_order.sort_by_key(|id| {
            let el = atlas.element(*id);
            (
                el.map_or(9, |e| layer_of(e.kind)),
                el.is_none_or(|e| !e.context),
            )
        });
        let label_rank = |id: &ElementId| -> u32 {
            let Some(el) = atlas.element(*id) else {
                return 99;
            };
            match (el.kind, el.context) {
                (Kind::Country, false) => 0,
                (Kind::Water, false) => 1,
                (Kind::Place, false) if el.rank == Some(1) => 2,
                (Kind::Region, _) => 3,
                (Kind::Place, false) => 4,
                (Kind::Offmap, _) => 4,
                (Kind::Place, true) if el.rank.unwrap_or(3) <= 2 => 5,
                (Kind::Country, true) => 6,
                (Kind::Corridor, _) => 7,
                (Kind::Place, true) => 8,
                (Kind::Water, true) => 9,
                _ => 99,
            }
        };
        let mut label_order: Vec<ElementId> = atlas
            .elements
            .iter()
            .map(|e| e.id)
            .filter(|id| label_rank(id) < 99)
            .collect();
        label_order.sort_by_key(|id| (label_rank(id), id.0));
        Self {
            hatches,
            draw_order,
            label_order,
        }
    }
}

/// Parallel lines across a polygon's bounding box, clipped to the polygon.
fn hatch(polys: &geo::MultiPolygon<f64>, spacing: f64, slope: f64) -> Vec<Vec<[f32; 2]>> {
    use geo::BoundingRect;
    let Some(b) = polys.bounding_rect() else {
        return Vec::new();
    };
    let (w, h) = (b.width(), b.height());
    let mut lines = Vec::new();
    let mut t = -h;
    while t < w + h {
        let x0 = b.min().x + t;
        let a = Coord {
            x: x0,
            y: b.min().y,
        };
        let c = Coord {
            x: x0 + slope * h,
            y: b.max().y,
        };
        lines.push(LineString(vec![a, c]));
        t += spacing;
    }
    let clipped = polys.clip(&MultiLineString(lines), false);
    clipped
        .0
        .iter()
        .map(|l| l.0.iter().map(|c| [c.x as f32, c.y as f32]).collect())
        .collect()
}

/// What the screen cache was built for; any change rebuilds it.
#[derive(Clone, Debug, PartialEq)]
struct CacheKey {
    rect: Rect,
    view: MapMemory,
    layers: Layers,
    dark: bool,
    ppp: f32,
    scenario: Option<String>,
    relation_colour: super::RelationColour,
}

/// Screen-space shapes and positions for one view.
struct ScreenCache {
    key: CacheKey,
    shapes: Vec<Shape>,
    labels: Vec<Shape>,
    /// Clickable screen rectangles that sit above the geometry (badges, markers).
    hit_rects: Vec<(Rect, ElementId)>,
    /// One screen rectangle per visible element: focus ring and AccessKit bounds.
    element_rects: HashMap<ElementId, Rect>,
    /// Relation arrows, drawn above the map and below labels.
    relation_shapes: Vec<Shape>,
    /// Relation curves as polylines, for hit-testing and highlight.
    curves: Vec<(Vec<Pos2>, ElementId)>,
    /// Whether `element_rects` were moved to spots where a click hits the element.
    exact_spots: bool,
}

/// How long "bring into view" takes.
const ANIMATION_SECONDS: f64 = 0.45;

/// A short, smooth move of the view.
#[derive(Clone, Copy, Debug)]
struct Animation {
    from: MapMemory,
    to: MapMemory,
    start: f64,
}

/// The map's per-session state. Lasting view state lives in [`MapMemory`].
pub struct MapPanel {
    geometry: MapGeometry,
    cache: Option<ScreenCache>,
    animation: Option<Animation>,
    /// Keyboard cursor for Tab/arrow navigation.
    focus_index: Option<usize>,
    /// Where the map was last drawn, for tests and deep links.
    pub last_rect: Option<Rect>,
    /// How often the screen cache was rebuilt (benchmarks and tests check idle frames).
    pub rebuilds: u64,
}

/// World ↔ screen for one frame.
#[derive(Clone, Copy, Debug)]
pub struct ScreenTransform {
    pub rect: Rect,
    pub view: MapMemory,
}

impl ScreenTransform {
    pub fn to_screen(&self, p: [f64; 2]) -> Pos2 {
        let c = self.rect.center();
        pos2(
            c.x + ((p[0] - self.view.center[0]) * self.view.zoom) as f32,
            c.y + ((p[1] - self.view.center[1]) * self.view.zoom) as f32,
        )
    }
    pub fn to_screen32(&self, p: [f32; 2]) -> Pos2 {
        self.to_screen([p[0] as f64, p[1] as f64])
    }
    pub fn to_world(&self, p: Pos2) -> [f64; 2] {
        let c = self.rect.center();
        [
            self.view.center[0] + (p.x - c.x) as f64 / self.view.zoom,
            self.view.center[1] + (p.y - c.y) as f64 / self.view.zoom,
        ]
    }
}

impl MapPanel {
    pub fn new(atlas: &Atlas) -> Self {
        Self {
            geometry: MapGeometry::new(atlas),
            cache: None,
            animation: None,
            focus_index: None,
            last_rect: None,
            rebuilds: 0,
        }
    }

    /// Draws the map into the remaining space and handles its input.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        view: &mut Option<MapMemory>,
        commands: &mut Vec<Command>,
    ) {
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let rect = response.rect;
        self.last_rect = Some(rect);
        let atlas = ctx.atlas;
        let bounds = atlas.data_bounds();
        let home = || {
            MapMemory::fit(
                atlas.home_bounds(),
                [rect.width() as f64, rect.height() as f64],
            )
        };
        let mut mem = view.unwrap_or_else(home);

        // --- Input: pan, zoom, keys ---
        let mut moved = false;
        if response.dragged() {
            let d = response.drag_delta();
            mem.pan([d.x as f64, d.y as f64]);
            moved = true;
        }
        if response.hovered() || response.contains_pointer() {
            let (zoom_delta, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
            let anchor = ui.input(|i| i.pointer.hover_pos()).map_or([0.0, 0.0], |p| {
                [
                    (p.x - rect.center().x) as f64,
                    (p.y - rect.center().y) as f64,
                ]
            });
            let mut factor = zoom_delta as f64;
            if scroll.y != 0.0 {
                factor *= (scroll.y as f64 / 200.0).exp();
            }
            if factor != 1.0 {
                mem.zoom_at(factor, anchor);
                moved = true;
            }
        }
        let text_focus = ui.ctx().text_edit_focused();
        if !text_focus {
            let (plus, minus, home_key) = ui.input(|i| {
                (
                    i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                    i.key_pressed(Key::Minus),
                    i.key_pressed(Key::Home),
                )
            });
            if plus {
                mem.zoom_at(1.5, [0.0, 0.0]);
            }
            if minus {
                mem.zoom_at(1.0 / 1.5, [0.0, 0.0]);
            }
            if home_key {
                mem = home();
                *view = None;
                self.animation = None;
            }
        }

        if moved {
            self.animation = None;
        } else if let Some(a) = self.animation {
            let now = ui.input(|i| i.time);
            let t = ((now - a.start) / ANIMATION_SECONDS).clamp(0.0, 1.0);
            let e = t * t * (3.0 - 2.0 * t);
            mem.center = [
                a.from.center[0] + (a.to.center[0] - a.from.center[0]) * e,
                a.from.center[1] + (a.to.center[1] - a.from.center[1]) * e,
            ];
            mem.zoom = a.from.zoom * (a.to.zoom / a.from.zoom).powf(e);
            if t >= 1.0 {
                self.animation = None;
            } else {
                ui.ctx().request_repaint();
            }
            moved = true;
        }
        mem.clamp(bounds);
        if moved || view.is_some() {
            *view = Some(mem);
        }

        let tf = ScreenTransform { rect, view: mem };
        let key = CacheKey {
            rect,
            view: mem,
            layers: ctx.layers.clone(),
            dark: ctx.palette.dark,
            ppp: ui.ctx().pixels_per_point(),
            scenario: ctx.scenario.map(|s| s.key.clone()),
            relation_colour: ctx.relation_colour,
        };
        // The map as a whole is one AccessKit node; if there is no AccessKit tree this
        // frame (no screen reader, no test), per-element bounds need not be exact.
        let accessible = ui
            .ctx()
            .accesskit_node_builder(response.id, |n| {
                n.set_role(Role::Group);
                n.set_label("Map".to_owned());
            })
            .is_some();
        if self
            .cache
            .as_ref()
            .is_none_or(|c| c.key != key || (accessible && !c.exact_spots))
        {
            self.rebuilds += 1;
            self.cache = Some(self.build_cache(ui, ctx, tf, key, accessible));
        }
        let Some(cache) = &self.cache else { return };

        // --- Hit test: hover and click ---
        let visible = |id: ElementId| ctx.layers.visible(atlas, id);
        let pick = |p: Pos2| pick(atlas, ctx.layers, tf, cache, p);
        let hovered = response.hover_pos().and_then(pick);
        commands.push(Command::Hover(hovered));
        if response.clicked() {
            let hit = response.interact_pointer_pos().and_then(pick);
            commands.push(Command::Select(hit));
            response.request_focus();
        }

        // --- Draw ---
        painter.rect_filled(rect, 0.0, ctx.palette.background_sea);
        painter.extend(cache.shapes.iter().cloned());
        painter.extend(cache.relation_shapes.iter().cloned());
        let overlay_for = |id: ElementId, color: Color32, width: f32, fill: bool| {
            overlay(atlas, &self.geometry, tf, cache, id, color, width, fill)
        };
        if let Some(h) = ctx
            .selection
            .hovered
            .filter(|h| Some(*h) != ctx.selection.selected)
        {
            painter.extend(overlay_for(h, ctx.palette.hover, 2.0, false));
        }
        if let Some(ev) = ctx.selection.event.and_then(|i| atlas.events.get(i)) {
            for e in ev.elements.iter().filter(|e| visible(**e)) {
                painter.extend(overlay_for(
                    *e,
                    ctx.palette.selection.gamma_multiply(0.7),
                    2.0,
                    false,
                ));
            }
        }
        if let Some(s) = ctx.selection.selected.filter(|s| visible(*s)) {
            painter.extend(overlay_for(s, ctx.palette.selection, 3.0, true));
        }
        painter.extend(cache.labels.iter().cloned());

        // Tooltip: name, kind, passages.
        if let Some(h) = hovered
            && let Some(el) = atlas.element(h)
        {
            let n = atlas.links_of(h).len();
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(&el.name);
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

        // --- Keyboard: Escape, Tab and arrows through elements in reading order ---
        let order: Vec<ElementId> = ctx
            .order
            .iter()
            .copied()
            .filter(|id| cache.element_rects.contains_key(id))
            .collect();
        if ui.input(|i| i.key_pressed(Key::Escape)) && !text_focus {
            commands.push(Command::Select(None));
        }
        if response.has_focus() && !order.is_empty() {
            // Keep Tab and the arrows for stepping through elements while the map has focus.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        ..Default::default()
                    },
                );
            });
            let (next, prev) = ui.input_mut(|i| {
                let fwd = i.consume_key(egui::Modifiers::NONE, Key::ArrowRight)
                    | i.consume_key(egui::Modifiers::NONE, Key::ArrowDown);
                let back = i.consume_key(egui::Modifiers::NONE, Key::ArrowLeft)
                    | i.consume_key(egui::Modifiers::NONE, Key::ArrowUp);
                (fwd, back)
            });
            let cur = ctx
                .selection
                .selected
                .and_then(|s| order.iter().position(|o| *o == s))
                .or(self.focus_index);
            let last = order.len() - 1;
            let tab_fwd = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Tab));
            let tab_back = ui.input_mut(|i| i.consume_key(egui::Modifiers::SHIFT, Key::Tab));
            // Past either end, Tab leaves the map for the next widget.
            if (tab_fwd && cur == Some(last)) || (tab_back && cur == Some(0)) {
                ui.memory_mut(|m| {
                    m.move_focus(if tab_fwd {
                        egui::FocusDirection::Next
                    } else {
                        egui::FocusDirection::Previous
                    })
                });
            }
            let step: Option<usize> = if next || (tab_fwd && cur != Some(last)) {
                Some(cur.map_or(0, |c| (c + 1).min(last)))
            } else if prev || (tab_back && cur != Some(0)) {
                Some(cur.map_or(0, |c| c.saturating_sub(1)))
            } else {
                None
            };
            if let Some(i) = step {
                self.focus_index = Some(i);
                commands.push(Command::Select(order.get(i).copied()));
            }
            if let Some(r) = ctx
                .selection
                .selected
                .and_then(|s| cache.element_rects.get(&s))
            {
                painter.rect_stroke(
                    r.expand(3.0),
                    CornerRadius::same(3),
                    ui.visuals().selection.stroke,
                    egui::StrokeKind::Outside,
                );
            }
        }

        // --- AccessKit: one node per visible element ---
        for id in &order {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            let Some(r) = cache.element_rects.get(id) else {
                continue;
            };
            let node_id = element_widget_id(&el.key);
            ui.ctx().accesskit_node_builder(node_id, |n| {
                n.set_role(Role::Button);
                n.set_label(el.name.clone());
                let mut description = el.kind.label().to_owned();
                if el.changed.is_some() && !ctx.layers.exists_on_date(el) {
                    description.push_str("; on the map date: ");
                    description.push_str(el.before.as_deref().unwrap_or("not yet in this state"));
                }
                n.set_description(description);
                n.set_bounds(egui::accesskit::Rect {
                    x0: r.min.x as f64,
                    y0: r.min.y as f64,
                    x1: r.max.x as f64,
                    y1: r.max.y as f64,
                });
                n.add_action(Action::Click);
                n.add_action(Action::Focus);
                if ctx.selection.selected == Some(*id) {
                    n.set_selected(true);
                }
            });
            if ui.input(|i| {
                i.has_accesskit_action_request(node_id, Action::Click)
                    || i.has_accesskit_action_request(node_id, Action::Focus)
            }) {
                commands.push(Command::Select(Some(*id)));
            }
        }
        // Overlay buttons (+, -, Home), drawn after the map so they sit on top; their
        // effect shows from the next frame.
        let btn = |ui: &mut egui::Ui, r: Rect, text: &str, tip: &str| {
            ui.put(r, egui::Button::new(egui::RichText::new(text).size(16.0)))
                .on_hover_text(tip)
        };
        let b0 = Rect::from_min_size(rect.left_top() + vec2(10.0, 10.0), vec2(30.0, 28.0));
        let mut changed = None;
        if btn(ui, b0, "+", "Zoom in (+)").clicked() {
            changed = Some(1.5);
        }
        if btn(ui, b0.translate(vec2(0.0, 32.0)), "-", "Zoom out (-)").clicked() {
            changed = Some(1.0 / 1.5);
        }
        if let Some(f) = changed {
            let mut m = view.unwrap_or(mem);
            m.zoom_at(f, [0.0, 0.0]);
            m.clamp(bounds);
            *view = Some(m);
            self.animation = None;
        }
        {
            let (_, latest) = super::timeline::date_limits();
            let text = match ctx.layers.date {
                Some(day) => format!("Map as of {}", super::timeline::day_label(day)),
                None => format!("Map as of {}", super::timeline::day_label(latest)),
            };
            let r = Rect::from_min_size(rect.right_top() + vec2(-230.0, 8.0), vec2(222.0, 24.0));
            ui.put(
                r,
                egui::Label::new(
                    egui::RichText::new(text)
                        .strong()
                        .color(ctx.palette.label)
                        .background_color(ctx.palette.halo),
                ),
            );
        }
        let reset = Rect::from_min_size(rect.left_top() + vec2(10.0, 74.0), vec2(54.0, 24.0));
        if ui
            .put(reset, egui::Button::new("Home"))
            .on_hover_text("Reset the view (Home)")
            .clicked()
        {
            *view = None;
            self.animation = None;
        }
    }

    /// Brings an element into view: centres it (and zooms out if it would not fit) unless
    /// it is already well inside the map. Off-map actors never move the map: their marker
    /// is always at the edge. Returns false before the map has been drawn once.
    pub fn focus_on(
        &mut self,
        atlas: &Atlas,
        id: ElementId,
        view: MapMemory,
        now: f64,
        animate: bool,
    ) -> Option<MapMemory> {
        let rect = self.last_rect?;
        let el = atlas.element(id)?;
        let target_el = match el.kind {
            Kind::Person | Kind::Organisation => el.at.and_then(|a| atlas.element(a))?,
            _ => el,
        };
        if target_el.offmap || target_el.kind == Kind::Offmap {
            return None;
        }
        let [a, b] = atlas.bounds_of(target_el.id)?;
        let tf = ScreenTransform { rect, view };
        let on_screen = Rect::from_two_pos(tf.to_screen(a), tf.to_screen(b));
        if rect.shrink(40.0).contains_rect(on_screen) {
            return None;
        }
        let mut to = view;
        to.center = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        if on_screen.width() > rect.width() * 0.8 || on_screen.height() > rect.height() * 0.8 {
            let fit = MapMemory::fit(
                [a, b],
                [rect.width() as f64 * 0.8, rect.height() as f64 * 0.8],
            );
            to.zoom = fit.zoom;
        }
        to.clamp(atlas.data_bounds());
        if animate {
            self.animation = Some(Animation {
                from: view,
                to,
                start: now,
            });
        } else {
            self.animation = None;
        }
        Some(to)
    }

    /// The screen position of a geographic point in the last drawn view (tests, deep links).
    pub fn screen_pos(&self, atlas: &Atlas, view: MapMemory, lon: f64, lat: f64) -> Option<Pos2> {
        let rect = self.last_rect?;
        Some(ScreenTransform { rect, view }.to_screen(atlas.projection.project(lon, lat)))
    }

    fn build_cache(
        &self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        tf: ScreenTransform,
        key: CacheKey,
        accessible: bool,
    ) -> ScreenCache {
        let atlas = ctx.atlas;
        let pal = &ctx.palette;
        let layers = ctx.layers;
        let rect = tf.rect;
        let cull = rect.expand(40.0);
        let mut shapes: Vec<Shape> = Vec::new();
        let mut borders: Vec<Shape> = Vec::new();
        let mut element_rects: HashMap<ElementId, Rect> = HashMap::new();
        let mut hit_rects: Vec<(Rect, ElementId)> = Vec::new();
        let visible = |id: ElementId| layers.visible(atlas, id);
        // Elements outside the emphasised scenario are dimmed.
        let fade = |id: ElementId, c: Color32| {
            if ctx.in_scenario(id) {
                c
            } else {
                c.gamma_multiply(0.3)
            }
        };
        let on_screen = |b: Option<[[f64; 2]; 2]>| {
            b.is_some_and(|[a, c]| {
                Rect::from_two_pos(tf.to_screen(a), tf.to_screen(c)).intersects(cull)
            })
        };

        // Area fills, hatching, outlines, lines.
        for id in &self.geometry.draw_order {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            if !visible(*id) {
                continue;
            }
            let Some(proj) = &el.projected else { continue };
            if !on_screen(proj.bounds()) {
                continue;
            }
            // An area whose state changed later than the map date is drawn as it was.
            let earlier = el.changed.is_some() && !layers.exists_on_date(el);
            match proj {
                Projected::Area(area) => {
                    let fill = pal.area_fill(el);
                    if fill != Color32::TRANSPARENT {
                        let fill = if ctx.in_scenario(*id) {
                            fill
                        } else {
                            fill.lerp_to_gamma(pal.context_land, 0.6)
                        };
                        shapes.push(Shape::mesh(area_mesh(
                            tf,
                            &area.vertices,
                            &area.indices,
                            fill,
                        )));
                    }
                    if let Some(h) = self.geometry.hatches.get(id) {
                        let color = if earlier {
                            pal.label_muted
                        } else if el.disputed {
                            pal.disputed
                        } else {
                            pal.recaptured
                        };
                        let stroke = Stroke::new(1.0, fade(*id, color.gamma_multiply(0.8)));
                        for l in h {
                            let pts = decimate(l.iter().map(|p| tf.to_screen32(*p)), 0.75);
                            shapes.push(Shape::line(pts, stroke));
                        }
                    }
                    let ring_stroke = match el.kind {
                        Kind::Country if el.context => Stroke::new(0.8, pal.context_border),
                        Kind::Country => Stroke::new(1.2, pal.border),
                        Kind::Water => Stroke::new(0.8, pal.water_line.gamma_multiply(0.7)),
                        Kind::Region if el.disputed => Stroke::new(1.6, pal.disputed),
                        Kind::Region if earlier => Stroke::new(1.4, pal.label_muted),
                        Kind::Region if el.changed.is_some() => Stroke::new(1.4, pal.recaptured),
                        _ => Stroke::new(1.4, pal.region_outline),
                    };
                    let ring_stroke = Stroke::new(ring_stroke.width, fade(*id, ring_stroke.color));
                    let is_border = el.kind == Kind::Country;
                    if is_border && !layers.group_visible(Group::Borders) {
                        continue;
                    }
                    let dashed = el.kind == Kind::Region
                        && !el.disputed
                        && (el.changed.is_none() || earlier);
                    for ring in &area.rings {
                        let pts = decimate(ring.iter().map(|p| tf.to_screen32(*p)), 0.75);
                        if pts.len() < 3 {
                            continue;
                        }
                        let target = if is_border { &mut borders } else { &mut shapes };
                        if dashed {
                            target.extend(Shape::dashed_line(&pts, ring_stroke, 6.0, 4.0));
                        } else {
                            target.push(Shape::closed_line(pts, ring_stroke));
                        }
                    }
                }
                Projected::Lines(lines) if el.kind == Kind::Water => {
                    for l in lines {
                        let pts = decimate(l.0.iter().map(|c| tf.to_screen([c.x, c.y])), 0.75);
                        let w = if el.context { 1.2 } else { 2.2 };
                        shapes.push(Shape::line(pts, Stroke::new(w, fade(*id, pal.water_line))));
                    }
                }
                _ => {}
            }
        }
        // Borders go above region hatching but below routes.
        shapes.append(&mut borders);

        // Corridors: styled line, arrows in the direction of travel.
        for el in atlas.elements.iter().filter(|e| e.kind == Kind::Corridor) {
            if !visible(el.id) {
                continue;
            }
            let Some(Projected::Lines(lines)) = &el.projected else {
                continue;
            };
            let color = fade(el.id, pal.corridor(&el.key));
            for l in lines {
                let pts: Vec<Pos2> = l.0.iter().map(|c| tf.to_screen([c.x, c.y])).collect();
                shapes.extend(route_shapes(
                    &pts,
                    color,
                    line_style(el.status),
                    el.direction,
                    pal,
                ));
            }
        }

        // Places: dots. Off-map actors: markers at the edge pointing at them.
        let mut point_pos: HashMap<ElementId, Pos2> = HashMap::new();
        let inner = rect.shrink(18.0);
        let mut edge_markers: Vec<(ElementId, Pos2, Vec2)> = Vec::new();
        for el in &atlas.elements {
            if !visible(el.id) {
                continue;
            }
            let Some(Projected::Point(p)) = &el.projected else {
                continue;
            };
            let sp = tf.to_screen(*p);
            if el.kind == Kind::Region {
                // Label-only region: its label is its hit target.
                point_pos.insert(el.id, sp);
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
            point_pos.insert(el.id, sp);
            if el.kind == Kind::Offmap {
                shapes.push(diamond(sp, 5.0, fade(el.id, pal.place), pal.halo));
            } else {
                let r = match el.rank {
                    Some(1) => 4.0,
                    Some(2) => 3.2,
                    _ => 2.6,
                };
                let (fill, stroke) = if el.context {
                    (pal.label_muted, pal.halo)
                } else {
                    (fade(el.id, pal.place), pal.halo)
                };
                if el.rank == Some(1) {
                    shapes.push(Shape::circle_filled(sp, r + 1.5, stroke));
                    shapes.push(Shape::circle_stroke(sp, r, Stroke::new(1.5, fill)));
                    shapes.push(Shape::circle_filled(sp, r - 2.0, fill));
                } else {
                    shapes.push(Shape::circle_filled(sp, r + 1.0, stroke));
                    shapes.push(Shape::circle_filled(sp, r, fill));
                }
            }
            element_rects.insert(el.id, Rect::from_center_size(sp, vec2(12.0, 12.0)));
        }
        spread_along_edges(&mut edge_markers, 26.0);
        let font_small = FontId::proportional(11.0);
        let mut placed: Vec<Rect> = Vec::new();
        let mut labels: Vec<Shape> = Vec::new();
        let fonts = |text: String, font: FontId, color: Color32| -> Arc<Galley> {
            ui.painter().layout_no_wrap(text, font, color)
        };
        for (id, pos, dir) in &edge_markers {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            shapes.push(edge_arrow(*pos, *dir, fade(*id, pal.place), pal));
            point_pos.insert(*id, *pos);
            let mrect = Rect::from_center_size(*pos, vec2(18.0, 18.0));
            hit_rects.push((mrect, *id));
            element_rects.insert(*id, mrect);
            if layers.group_visible(Group::Labels) {
                let g = fonts(el.name.clone(), font_small.clone(), pal.label);
                let size = g.size();
                // Label inward from the marker.
                let off = -*dir * (10.0 + size.x / 2.0 * dir.x.abs() + size.y / 2.0 * dir.y.abs());
                let lr = Rect::from_center_size(*pos + off, size);
                let lr = keep_inside(lr, rect.shrink(2.0));
                if !placed.iter().any(|p| p.intersects(lr)) {
                    labels.push(halo_rect(lr, pal));
                    labels.push(Shape::galley(lr.min, g, pal.label));
                    placed.push(lr.expand(2.0));
                    hit_rects.push((lr, *id));
                }
            }
            placed.push(mrect);
        }

        // Where relations start and end: places, markers, badges and labels.
        let mut anchors: HashMap<ElementId, Pos2> = point_pos.clone();

        // People and organisations: badges stacked next to where they act.
        if layers.group_visible(Group::People) {
            let mut stacks: HashMap<ElementId, usize> = HashMap::new();
            for id in ctx.order {
                let Some(el) = atlas.element(*id) else {
                    continue;
                };
                if !matches!(el.kind, Kind::Person | Kind::Organisation) || !visible(el.id) {
                    continue;
                }
                let Some(at) = el.at else { continue };
                let anchor = match point_pos.get(&at) {
                    Some(p) => *p,
                    None => match atlas.anchor_point(at) {
                        Some(p) if at_visible(layers, atlas, at) => tf.to_screen(p),
                        _ => continue,
                    },
                };
                if !rect.contains(anchor) {
                    continue;
                }
                let n = stacks.entry(at).or_default();
                let text = badge_text(el);
                let g = fonts(text, FontId::proportional(10.5), pal.badge_text);
                let size = g.size() + vec2(10.0, 4.0);
                // Stack below-right of the anchor; skip slots taken by labels or markers.
                let bounds = rect.shrink(2.0);
                let mut br =
                    keep_inside(Rect::from_min_size(anchor + vec2(7.0, 5.0), size), bounds);
                for _ in 0..12 {
                    let slot = anchor + vec2(7.0, 5.0 + *n as f32 * (size.y + 2.0));
                    br = keep_inside(Rect::from_min_size(slot, size), bounds);
                    *n += 1;
                    if !placed.iter().any(|p| p.intersects(br)) {
                        break;
                    }
                }
                let radius = if el.kind == Kind::Person { 8 } else { 2 };
                let edge = if el.kind == Kind::Person {
                    pal.label_muted
                } else {
                    pal.place
                };
                shapes.push(Shape::rect_filled(
                    br,
                    CornerRadius::same(radius),
                    fade(el.id, pal.badge_fill),
                ));
                shapes.push(Shape::rect_stroke(
                    br,
                    CornerRadius::same(radius),
                    Stroke::new(1.0, fade(el.id, edge)),
                    egui::StrokeKind::Inside,
                ));
                shapes.push(Shape::galley(
                    br.min + vec2(5.0, 2.0),
                    g,
                    fade(el.id, pal.badge_text),
                ));
                anchors.insert(el.id, br.center());
                hit_rects.push((br, el.id));
                element_rects.insert(el.id, br);
                placed.push(br);
            }
        }

        // Labels, greedy by priority, never overlapping.
        let show_labels = layers.group_visible(Group::Labels);
        for id in &self.geometry.label_order {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            if !visible(*id) {
                continue;
            }
            let Some(proj) = &el.projected else { continue };
            let Some(anchor_world) = proj.label_point() else {
                continue;
            };
            let mut anchor = tf.to_screen(anchor_world);
            if !rect.shrink(20.0).contains(anchor) {
                // A big area whose label point is off-screen: label its visible part.
                let big = proj.bounds().is_some_and(|[a, b]| {
                    let r = Rect::from_two_pos(tf.to_screen(a), tf.to_screen(b));
                    r.width() > rect.width() / 3.0 || r.height() > rect.height() / 3.0
                });
                if !big {
                    continue;
                }
                match visible_interior(proj, tf) {
                    Some(p) => anchor = p,
                    None => continue,
                }
            }
            element_rects
                .entry(*id)
                .or_insert_with(|| Rect::from_center_size(anchor, vec2(16.0, 16.0)));
            anchors.entry(*id).or_insert(anchor);
            if !show_labels {
                continue;
            }
            let earlier = el.changed.is_some() && !layers.exists_on_date(el);
            let (text, font, color) = label_style(el, pal, earlier);
            let color = fade(*id, color);
            // Areas too small on screen get no label.
            if let Some([a, b]) = proj.bounds()
                && matches!(proj, Projected::Area(_))
            {
                let w = (tf.to_screen(b).x - tf.to_screen(a).x).abs();
                if w < 24.0 {
                    continue;
                }
            }
            let g = fonts(text, font, color);
            let size = g.size();
            let candidates: Vec<Rect> = match proj {
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
            };
            let Some(lr) = candidates
                .into_iter()
                .find(|c| rect.contains_rect(*c) && !placed.iter().any(|p| p.intersects(*c)))
            else {
                continue;
            };
            labels.push(halo_rect(lr, pal));
            labels.push(Shape::galley(lr.min, g, color));
            placed.push(lr.expand(1.5));
            if matches!(proj, Projected::Point(_)) {
                hit_rects.push((lr, *id));
            }
            if el.kind != Kind::Place {
                element_rects.insert(*id, lr);
            }
        }
        // Relations: curved arrows between their ends, styled by type or by claimant.
        let mut relation_shapes: Vec<Shape> = Vec::new();
        let mut curves: Vec<(Vec<Pos2>, ElementId)> = Vec::new();
        let mut pairs: HashMap<(ElementId, ElementId), usize> = HashMap::new();
        for el in atlas.elements.iter().filter(|e| e.kind == Kind::Relation) {
            let Some(r) = el.relation else { continue };
            if !visible(el.id) {
                continue;
            }
            let end = |id: ElementId| {
                anchors
                    .get(&id)
                    .copied()
                    .or_else(|| atlas.anchor_point(id).map(|p| tf.to_screen(p)))
            };
            let (Some(a), Some(b)) = (end(r.from), end(r.to)) else {
                continue;
            };
            if !rect.contains(a) && !rect.contains(b) {
                continue;
            }
            let k = pairs.entry((r.from, r.to)).or_default();
            let bend = 0.16 + 0.11 * *k as f32;
            *k += 1;
            let pts = curve(a, b, bend, 12.0);
            if pts.len() < 2 {
                continue;
            }
            let (type_color, style, width) = super::style::relation_style(r.kind, pal.dark);
            let color = match ctx.relation_colour {
                super::RelationColour::ByType => type_color,
                super::RelationColour::ByClaimant => {
                    super::style::claimant_color(pal, atlas, r.claimed_by)
                }
            };
            let color = fade(el.id, color);
            relation_shapes.push(Shape::line(
                pts.clone(),
                Stroke::new(width + 3.0, pal.halo.gamma_multiply(0.5)),
            ));
            let stroke = Stroke::new(width, color);
            match style {
                LineStyle::Solid => relation_shapes.push(Shape::line(pts.clone(), stroke)),
                LineStyle::Dashed => {
                    relation_shapes.extend(Shape::dashed_line(&pts, stroke, 9.0, 5.0))
                }
                LineStyle::Dotted => {
                    relation_shapes.extend(Shape::dotted_line(&pts, color, 6.0, width * 0.7))
                }
            }
            let n = pts.len();
            if let (Some(p), Some(q)) = (pts.get(n - 2), pts.get(n - 1)) {
                let d = (*q - *p).normalized();
                let nrm = vec2(-d.y, d.x);
                relation_shapes.push(Shape::convex_polygon(
                    vec![*q, *q - d * 10.0 + nrm * 5.0, *q - d * 10.0 - nrm * 5.0],
                    color,
                    Stroke::NONE,
                ));
            }
            if let Some(mid) = pts.get(n / 2) {
                element_rects.insert(el.id, Rect::from_center_size(*mid, vec2(10.0, 10.0)));
            }
            curves.push((pts, el.id));
        }

        // AccessKit bounds must be somewhere a click selects the element itself. This
        // costs hit tests per element, so it is done only when AccessKit is on.
        let ids: Vec<ElementId> = if accessible {
            element_rects.keys().copied().collect()
        } else {
            Vec::new()
        };
        for id in ids {
            let Some(r) = element_rects.get(&id).copied() else {
                continue;
            };
            if let Some(spot) =
                clickable_spot(atlas, layers, tf, (&hit_rects, &curves), id, r.center())
            {
                element_rects.insert(id, spot);
            }
        }
        // Label-only regions with no label placed still need a target.
        for (id, p) in &point_pos {
            if rect.contains(*p) {
                element_rects
                    .entry(*id)
                    .or_insert_with(|| Rect::from_center_size(*p, vec2(14.0, 14.0)));
            }
        }

        // Tessellate the geometry once per view: later frames only copy the meshes.
        let shapes = pre_tessellate(ui, rect, key.ppp, shapes);
        let relation_shapes = pre_tessellate(ui, rect, key.ppp, relation_shapes);
        ScreenCache {
            key,
            shapes,
            labels,
            hit_rects,
            element_rects,
            relation_shapes,
            curves,
            exact_spots: accessible,
        }
    }
}

/// The topmost visible element at a screen point: badges and markers first, then the
/// atlas's geometric hit test.
fn pick(
    atlas: &Atlas,
    layers: &Layers,
    tf: ScreenTransform,
    cache: &ScreenCache,
    p: Pos2,
) -> Option<ElementId> {
    pick_in(atlas, layers, tf, &cache.hit_rects, &cache.curves, p)
}

/// Topmost first: badges and markers, places, corridors, relations, then areas.
fn pick_in(
    atlas: &Atlas,
    layers: &Layers,
    tf: ScreenTransform,
    hit_rects: &[(Rect, ElementId)],
    curves: &[(Vec<Pos2>, ElementId)],
    p: Pos2,
) -> Option<ElementId> {
    if !tf.rect.contains(p) {
        return None;
    }
    if let Some((_, id)) = hit_rects.iter().rev().find(|(r, _)| r.contains(p)) {
        return Some(*id);
    }
    let visible = |id: ElementId| layers.visible(atlas, id);
    let geo = atlas.hit(&crate::model::HitQuery {
        at: tf.to_world(p),
        point_radius: POINT_PICK / tf.view.zoom,
        line_tolerance: LINE_PICK / tf.view.zoom,
        visible: &visible,
    });
    let geo_kind = geo.and_then(|g| atlas.element(g)).map(|e| e.kind);
    if geo_kind.is_some_and(|k| k <= Kind::Corridor) {
        return geo;
    }
    let curve = curves
        .iter()
        .filter_map(|(pts, id)| {
            let d = pts
                .iter()
                .zip(pts.iter().skip(1))
                .map(|(a, b)| dist_to_segment(p, *a, *b))
                .fold(f32::INFINITY, f32::min);
            (d <= LINE_PICK as f32).then_some((d, *id))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id);
    curve.or(geo)
}

fn dist_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t).distance(p)
}

/// A small rectangle where a click really selects `id` (nothing else on top), near
/// `around`; `None` if the element is covered everywhere on screen.
fn clickable_spot(
    atlas: &Atlas,
    layers: &Layers,
    tf: ScreenTransform,
    hits_at: (&[HitRect], &[Curve]),
    id: ElementId,
    around: Pos2,
) -> Option<Rect> {
    let hits = |p: Pos2| pick_in(atlas, layers, tf, hits_at.0, hits_at.1, p) == Some(id);
    if hits(around) {
        return None;
    }
    let mut candidates: Vec<Pos2> = Vec::new();
    match atlas.element(id).and_then(|e| e.projected.as_ref()) {
        Some(proj @ Projected::Area(_)) => candidates.extend(interior_grid(proj, tf)),
        None => {
            if let Some((pts, _)) = hits_at.1.iter().find(|(_, c)| *c == id) {
                candidates.extend(pts.iter().copied());
            }
        }
        Some(Projected::Lines(lines)) => {
            for l in lines {
                for (a, b) in l.0.iter().zip(l.0.iter().skip(1)) {
                    let a = tf.to_screen([a.x, a.y]);
                    let b = tf.to_screen([b.x, b.y]);
                    for t in [0.25, 0.5, 0.75] {
                        candidates.push(a + (b - a) * t);
                    }
                }
            }
        }
        _ => {}
    }
    candidates.sort_by(|a, b| a.distance(around).total_cmp(&b.distance(around)));
    candidates
        .into_iter()
        .find(|p| tf.rect.shrink(4.0).contains(*p) && hits(*p))
        .map(|p| Rect::from_center_size(p, vec2(8.0, 8.0)))
}

/// Screen grid points (16×12) that fall inside an area.
fn interior_grid(proj: &Projected, tf: ScreenTransform) -> Vec<Pos2> {
    use geo::Contains;
    let Projected::Area(area) = proj else {
        return Vec::new();
    };
    let r = tf.rect.shrink(30.0);
    let mut inside = Vec::new();
    for i in 0..16 {
        for j in 0..12 {
            let p = pos2(
                r.left() + r.width() * (i as f32 + 0.5) / 16.0,
                r.top() + r.height() * (j as f32 + 0.5) / 12.0,
            );
            let [x, y] = tf.to_world(p);
            if area.polygons.contains(&geo::Point::new(x, y)) {
                inside.push(p);
            }
        }
    }
    inside
}

/// For an area partly on screen: the on-screen grid point inside it that is nearest the
/// middle of its visible part. A 16×12 grid is plenty for placing one label.
fn visible_interior(proj: &Projected, tf: ScreenTransform) -> Option<Pos2> {
    let inside = interior_grid(proj, tf);
    if inside.len() < 3 {
        return None;
    }
    let n = inside.len() as f32;
    let mean = inside.iter().fold(Vec2::ZERO, |a, p| a + p.to_vec2()) / n;
    inside.into_iter().min_by(|a, b| {
        (a.to_vec2() - mean)
            .length()
            .total_cmp(&(b.to_vec2() - mean).length())
    })
}

/// Drops points closer than `min` screen points to the last kept one (keeping the last):
/// at low zoom a 1,000-vertex outline needs only the points a pixel apart.
fn decimate(points: impl Iterator<Item = Pos2>, min: f32) -> Vec<Pos2> {
    let mut out: Vec<Pos2> = Vec::new();
    let mut last_dropped: Option<Pos2> = None;
    for p in points {
        match out.last() {
            Some(l) if l.distance(p) < min => last_dropped = Some(p),
            _ => {
                out.push(p);
                last_dropped = None;
            }
        }
    }
    out.extend(last_dropped);
    out
}

/// Tessellates text-free shapes into one mesh, as egui would, so that frames which do not
/// change the view only copy it. Discs are tessellated, not taken from the font atlas,
/// so the mesh never depends on the atlas.
fn pre_tessellate(ui: &egui::Ui, clip: Rect, ppp: f32, shapes: Vec<Shape>) -> Vec<Shape> {
    let options = ui
        .ctx()
        .tessellation_options(|o| egui::epaint::TessellationOptions {
            prerasterized_discs: false,
            ..*o
        });
    let mut tess = egui::epaint::Tessellator::new(ppp, options, [1, 1], Vec::new());
    tess.set_clip_rect(clip);
    let mut mesh = Mesh::default();
    // Text needs the font atlas, which changes: it stays a shape, drawn on top.
    let mut text = Vec::new();
    for s in shapes {
        if matches!(s, Shape::Text(_)) {
            text.push(s);
        } else {
            tess.tessellate_shape(s, &mut mesh);
        }
    }
    let mut out = vec![Shape::mesh(mesh)];
    out.extend(text);
    out
}

/// The id of an element's AccessKit node.
pub fn element_widget_id(key: &str) -> egui::Id {
    egui::Id::unique(("aras-map-element", key))
}

fn at_visible(layers: &Layers, atlas: &Atlas, id: ElementId) -> bool {
    atlas
        .element(id)
        .is_some_and(|e| e.kind == Kind::Region || layers.visible(atlas, id))
}

fn badge_text(el: &crate::model::Element) -> String {
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

fn label_style(
    el: &crate::model::Element,
    pal: &Palette,
    earlier: bool,
) -> (String, FontId, Color32) {
    match (el.kind, el.context) {
        (Kind::Country, false) => (
            el.name.to_uppercase(),
            FontId::proportional(14.0),
            pal.label,
        ),
        (Kind::Country, true) => (el.name.clone(), FontId::proportional(11.5), pal.label_muted),
        (Kind::Water, false) => (el.name.clone(), FontId::proportional(13.0), pal.water_line),
        (Kind::Water, true) => (el.name.clone(), FontId::proportional(10.5), pal.water_line),
        (Kind::Region, _) => {
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

fn halo_rect(r: Rect, pal: &Palette) -> Shape {
    Shape::rect_filled(
        r.expand(1.5),
        CornerRadius::same(3),
        pal.halo.gamma_multiply(0.75),
    )
}

fn keep_inside(r: Rect, outer: Rect) -> Rect {
    let mut d = Vec2::ZERO;
    if r.min.x < outer.min.x {
        d.x = outer.min.x - r.min.x;
    } else if r.max.x > outer.max.x {
        d.x = outer.max.x - r.max.x;
    }
    if r.min.y < outer.min.y {
        d.y = outer.min.y - r.min.y;
    } else if r.max.y > outer.max.y {
        d.y = outer.max.y - r.max.y;
    }
    r.translate(d)
}

fn area_mesh(tf: ScreenTransform, vertices: &[[f32; 2]], indices: &[u32], color: Color32) -> Mesh {
    Mesh {
        vertices: vertices
            .iter()
            .map(|p| Vertex {
                pos: tf.to_screen32(*p),
                uv: WHITE_UV,
                color,
            })
            .collect(),
        indices: indices.to_vec(),
        ..Default::default()
    }
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

/// A quadratic Bézier from `a` to `b`, bent to the left of its direction by `bend` of its
/// length, with `trim` points cut at both ends so arrows stop short of labels.
fn curve(a: Pos2, b: Pos2, bend: f32, trim: f32) -> Vec<Pos2> {
    let d = b - a;
    let len = d.length();
    if len < 2.0 * trim + 4.0 {
        return Vec::new();
    }
    let nrm = vec2(-d.y, d.x) / len;
    let c = a + d * 0.5 + nrm * (len * bend);
    let at = |t: f32| {
        let u = 1.0 - t;
        pos2(
            u * u * a.x + 2.0 * u * t * c.x + t * t * b.x,
            u * u * a.y + 2.0 * u * t * c.y + t * t * b.y,
        )
    };
    (0..=32)
        .map(|i| at(i as f32 / 32.0))
        .filter(|p| p.distance(a) >= trim && p.distance(b) >= trim)
        .collect()
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

fn diamond(c: Pos2, r: f32, fill: Color32, halo: Color32) -> Shape {
    let pts = vec![
        c + vec2(0.0, -r),
        c + vec2(r, 0.0),
        c + vec2(0.0, r),
        c + vec2(-r, 0.0),
    ];
    Shape::convex_polygon(pts, fill, Stroke::new(1.5, halo))
}

/// An arrow at the map's edge pointing towards an off-map actor.
fn edge_arrow(pos: Pos2, dir: Vec2, fill: Color32, pal: &Palette) -> Shape {
    let n = vec2(-dir.y, dir.x);
    let tip = pos + dir * 8.0;
    let pts = vec![
        tip,
        pos - dir * 6.0 + n * 7.0,
        pos - dir * 2.0,
        pos - dir * 6.0 - n * 7.0,
    ];
    Shape::convex_polygon(pts, fill, Stroke::new(1.5, pal.halo))
}

/// Line shapes of a route in its status style, with arrowheads.
fn route_shapes(
    pts: &[Pos2],
    color: Color32,
    style: LineStyle,
    dir: Direction,
    pal: &Palette,
) -> Vec<Shape> {
    let mut out = Vec::new();
    if pts.len() < 2 {
        return out;
    }
    let halo = Stroke::new(5.0, pal.halo.gamma_multiply(0.6));
    out.push(Shape::line(pts.to_vec(), halo));
    let stroke = Stroke::new(2.6, color);
    match style {
        LineStyle::Solid => out.push(Shape::line(pts.to_vec(), stroke)),
        LineStyle::Dashed => out.extend(Shape::dashed_line(pts, stroke, 10.0, 6.0)),
        LineStyle::Dotted => out.extend(Shape::dotted_line(pts, color, 7.0, 1.8)),
    }
    let arrow = |tip: Pos2, from: Pos2| -> Option<Shape> {
        let d = tip - from;
        if d.length() < 1.0 {
            return None;
        }
        let d = d.normalized();
        let n = vec2(-d.y, d.x);
        Some(Shape::convex_polygon(
            vec![tip, tip - d * 11.0 + n * 5.5, tip - d * 11.0 - n * 5.5],
            color,
            Stroke::new(1.0, pal.halo),
        ))
    };
    // Arrow at the end, and mid-way along each long segment.
    let n = pts.len();
    if let (Some(a), Some(b)) = (pts.get(n - 2), pts.get(n - 1)) {
        out.extend(arrow(*b, *a));
    }
    if dir == Direction::Both
        && let (Some(a), Some(b)) = (pts.get(1), pts.first())
    {
        out.extend(arrow(*b, *a));
    }
    for (a, b) in pts.iter().zip(pts.iter().skip(1)) {
        let (a, b) = (*a, *b);
        if (b - a).length() > 90.0 {
            let mid = a + (b - a) * 0.5;
            out.extend(arrow(mid + (b - a).normalized() * 5.0, a));
            if dir == Direction::Both {
                out.extend(arrow(mid - (b - a).normalized() * 5.0, b));
            }
        }
    }
    out
}

/// Highlight shapes for one element: outline (and a tint for areas).
#[allow(clippy::too_many_arguments)]
fn overlay(
    atlas: &Atlas,
    geometry: &MapGeometry,
    tf: ScreenTransform,
    cache: &ScreenCache,
    id: ElementId,
    color: Color32,
    width: f32,
    fill: bool,
) -> Vec<Shape> {
    let _ = geometry;
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
            for ring in &area.rings {
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

/// Draws a small swatch of a route style, for the legend.
pub fn route_swatch(
    ui: &mut egui::Ui,
    color: Color32,
    style: LineStyle,
    dir: Direction,
    pal: &Palette,
) {
    let (r, _) = ui.allocate_exact_size(vec2(44.0, 14.0), Sense::hover());
    let pts = [
        pos2(r.left() + 2.0, r.center().y),
        pos2(r.right() - 2.0, r.center().y),
    ];
    let shapes = route_shapes(&pts, color, style, dir, pal);
    ui.painter().extend(shapes);
}

/// Text anchors for a label inside a rectangle, for the legend.
pub fn swatch_area(ui: &mut egui::Ui, fill: Color32, stroke: Stroke, hatch: Option<Color32>) {
    let (r, _) = ui.allocate_exact_size(vec2(22.0, 14.0), Sense::hover());
    ui.painter().rect_filled(r, 2.0, fill);
    if let Some(h) = hatch {
        let mut x = r.left() - r.height();
        while x < r.right() {
            let a = pos2(x.max(r.left()), r.bottom() - (x.max(r.left()) - x));
            let b_x = (x + r.height()).min(r.right());
            let b = pos2(b_x, r.bottom() - (b_x - x));
            ui.painter().line_segment([a, b], Stroke::new(1.0, h));
            x += 5.0;
        }
    }
    ui.painter()
        .rect_stroke(r, 2.0, stroke, egui::StrokeKind::Inside);
    let _ = Align2::CENTER_CENTER;
}
