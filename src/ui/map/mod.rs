//! The map panel: draws the atlas with a painter and its own pan/zoom, hit-tests with
//! true geometry, and exposes every element to AccessKit.
//!
//! How it works, one file per step:
//! - [`view`]: the world ↔ screen transform, pan/zoom/keys, the animated move.
//! - [`geometry`]: world-space geometry built once per atlas (draw order, hatching).
//! - [`scene`]: the screen-space scene for one view, built layer by layer and cached
//!   ([`areas`](scene) and routes there; [`markers`], [`labels`], [`relations`]).
//! - [`placer`]: the one collision-aware placer for everything that carries text.
//! - [`pick`]: hit testing. [`overlay`]: hover/selection highlights and the tooltip.
//! - [`access`]: keyboard path and AccessKit nodes. [`controls`]: +, -, Home, map date.
//!
//! - [`lod`]: outlines simplified for the zoom, once per atlas.
//! - [`raster`]: the static layers (areas, water, routes) rasterised once per view into
//!   one texture, moved and scaled during a drag or zoom.
//!
//! Cost model: the scene is rebuilt only when the view, layers, theme or viewport change,
//! and during a gesture not even then (the last drawing is moved; a progressive redraw
//! every 0.3 s, and a fresh one when it ends); a frame that only moves the hover copies
//! cached shapes, draws one textured quad and adds a small overlay.

mod access;
mod capture;
mod controls;
mod draw;
mod geometry;
mod inset;
mod labels;
mod lod;
mod markers;
mod measure;
mod overlay;
mod pick;
mod placer;
mod raster;
mod relations;
mod scene;
mod sketch;
mod view;

use egui::accesskit::Role;
use egui::{Pos2, Rect, Sense};

pub use access::element_widget_id;
pub use draw::{route_swatch, swatch_area};
pub use geometry::MapGeometry;
pub(crate) use markers::{edge_point, pointer};
pub use placer::LayoutItem;
pub use scene::separate_shared;
pub use sketch::{DrawPoint, Drawing};
pub use view::{MAX_ZOOM_FACTOR, ScreenTransform};

use super::{Command, ViewCtx};
use crate::model::{Atlas, ElementId};
use crate::state::MapMemory;
use scene::ScreenCache;
use view::Animation;

/// A people group as drawn: its place, pill, where the place is on screen, and each
/// member's row in the list it opens (screen points).
pub type GroupLayout = (ElementId, Rect, Pos2, Vec<(ElementId, Rect)>);

/// The map's per-session state. Lasting view state lives in [`MapMemory`].
pub struct MapPanel {
    geometry: MapGeometry,
    cache: Option<ScreenCache>,
    animation: Option<Animation>,
    /// Keyboard cursor for Tab/arrow navigation.
    focus_index: Option<usize>,
    /// The place whose people group is open (pointer over it, or a member selected).
    open_group: Option<ElementId>,
    /// Where the map was last drawn, for tests and deep links.
    pub last_rect: Option<Rect>,
    /// How often the screen cache was rebuilt (benchmarks and tests check idle frames).
    pub rebuilds: u64,
    /// The static layers, rasterised for one view.
    raster: Option<raster::BaseRaster>,
    /// How often the static layers were rasterised.
    pub rasters: u64,
    /// A drag, zoom or animated move is going on: the last drawing is moved, not redrawn.
    moving: bool,
    /// Until when a wheel or pinch zoom counts as going on (egui time, seconds).
    zoom_until: f64,
    /// When the cache and the raster were last built (egui time), for the progressive
    /// redraws during a long gesture.
    built_at: (f64, f64),
    /// Author mode's drawing tool, lent for the frame: clicks add its points.
    pub drawing: Option<Drawing>,
    /// The map's pixels as painted at the start of the gesture, moved while it lasts.
    capture: Option<capture::Capture>,
    /// How many frames drew the map from its copy (benchmarks and tests).
    pub captured_frames: u64,
    /// How many copies of the map were made (one per gesture, and per progressive redraw).
    pub captures: u64,
}

impl MapPanel {
    pub fn new(atlas: &Atlas) -> Self {
        Self {
            geometry: MapGeometry::new(atlas),
            cache: None,
            animation: None,
            focus_index: None,
            open_group: None,
            last_rect: None,
            rebuilds: 0,
            raster: None,
            rasters: 0,
            moving: false,
            zoom_until: f64::NEG_INFINITY,
            built_at: (f64::NEG_INFINITY, f64::NEG_INFINITY),
            drawing: None,
            capture: None,
            captured_frames: 0,
            captures: 0,
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
        let mem = self.update_view(ui, &response, atlas, view);
        let tf = ScreenTransform { rect, view: mem };
        // The map as a whole is one AccessKit node; if there is no AccessKit tree this
        // frame (no screen reader, no test), per-element bounds need not be exact.
        // With focus, the selected element is the map's active descendant, so a screen
        // reader announces each element the keys step to.
        let focused = response
            .has_focus()
            .then_some(ctx.selection.selected)
            .flatten()
            .and_then(|s| atlas.element(s))
            .map(|e| element_widget_id(&e.key).accesskit_id());
        let accessible = ui
            .ctx()
            .accesskit_node_builder(response.id, |n| {
                n.set_role(Role::Group);
                n.set_label("Map".to_owned());
                n.set_description("Tab or arrow keys step through the elements".to_owned());
                if let Some(f) = focused {
                    n.set_active_descendant(f);
                }
            })
            .is_some();
        self.ensure_cache(ui, ctx, tf, accessible);
        let hovered = self.pointer(ctx, &response, tf, commands);
        self.paint_map(&painter, ctx, tf);
        if let Some(d) = &self.drawing {
            let (c, h) = (ctx.palette.selection, ctx.palette.halo);
            painter.extend(d.shapes(atlas, tf, response.hover_pos(), c, h));
        }
        overlay::tooltip(&response, atlas, ctx.layers, hovered);
        let order = self.keyboard_order(ctx);
        self.keyboard(ui, ctx, &response, &painter, &order, commands);
        self.accesskit_nodes(ui, ctx, &order, commands);
        self.controls(ui, ctx, atlas, rect, view);
    }

    /// Paints the map. During a gesture, its copy made in the gesture's first frame (or
    /// at its last progressive redraw) is moved instead: one quad, not the raster quad
    /// and every label, marker and arrow again (issue 13). The copy is made again when
    /// what it shows changes (a redraw, the highlights); without `egui_glow` it never
    /// fills and the map is painted as when settled.
    fn paint_map(&mut self, painter: &egui::Painter, ctx: &ViewCtx<'_>, tf: ScreenTransform) {
        if !self.moving || self.drawing.is_some() {
            // Its texture (a few MB) is given back between gestures.
            self.capture = None;
            self.paint(painter, ctx, tf);
            return;
        }
        let key = capture::CaptureKey {
            generation: (self.rebuilds, self.rasters),
            selection: ctx.selection.clone(),
            ppp: painter.pixels_per_point(),
        };
        let usable =
            |c: &&capture::Capture| c.key == key && c.view.rect == tf.rect && c.is_filled();
        if let Some(c) = self.capture.as_ref().filter(usable) {
            let base = self
                .raster
                .as_ref()
                .map(|r| (&r.texture, r.transform().onto(&tf) * r.rect));
            c.paint(painter, tf, base, ctx.palette.background_sea);
            self.captured_frames += 1;
            return;
        }
        self.paint(painter, ctx, tf);
        let old = self.capture.take();
        self.capture = capture::Capture::prepare(painter.ctx(), old, tf, key);
        if let Some(c) = &self.capture {
            self.captures += 1;
            painter.add(c.copy_callback());
        }
    }

    /// Hover and click: picks under the pointer and pushes `Hover`/`Select`. An open
    /// people group's list lies on top of everything.
    fn pointer(
        &mut self,
        ctx: &ViewCtx<'_>,
        response: &egui::Response,
        tf: ScreenTransform,
        commands: &mut Vec<Command>,
    ) -> Option<ElementId> {
        // The cache may be drawn for an earlier view, moved onto this one during a
        // gesture: points are taken back into its view to be picked.
        let drawn = self.cache.as_ref().map_or(tf, |c| c.transform());
        let back = move |p: Pos2| drawn.to_screen(tf.to_world(p));
        let hover = response
            .hover_pos()
            .filter(|p| tf.rect.contains(*p))
            .map(back);
        self.open_group = self.group_to_open(ctx, hover);
        // A drawing tool takes the click (for the view as it is now), not the selection.
        if let Some(d) = self.drawing.as_mut()
            && response.clicked_by(egui::PointerButton::Primary)
        {
            if let Some(p) = response.interact_pointer_pos() {
                d.click(ctx.atlas, tf, p);
            }
            response.request_focus();
        }
        if self.drawing.is_some() {
            commands.push(Command::Hover(None));
            return None;
        }
        let cache = self.cache.as_ref()?;
        let tf = drawn;
        let open = self
            .open_group
            .and_then(|g| cache.groups.iter().find(|x| x.place == g));
        let pick = |p: Pos2| match open.filter(|g| g.frame.contains(p)) {
            Some(g) => g
                .rows
                .iter()
                .find(|(r, _, _)| r.contains(p))
                .map(|(_, id, _)| *id),
            None => pick::pick(ctx.atlas, ctx.layers, tf, cache, p),
        };
        let hovered = hover.and_then(pick);
        commands.push(Command::Hover(hovered));
        // A pointer click only: Enter or Space on the focused map (egui's "fake" click)
        // must not clear the element the keyboard has selected.
        if response.clicked_by(egui::PointerButton::Primary) {
            let hit = response.interact_pointer_pos().map(back).and_then(pick);
            commands.push(Command::Select(hit));
            response.request_focus();
        }
        hovered
    }

    /// The group to open: the one under the pointer (its pill, or its list while open),
    /// else the one a selected member belongs to.
    fn group_to_open(&self, ctx: &ViewCtx<'_>, hover: Option<Pos2>) -> Option<ElementId> {
        let groups = &self.cache.as_ref()?.groups;
        let under = hover.and_then(|p| {
            groups.iter().find(|g| {
                g.pill.contains(p)
                    || (self.open_group == Some(g.place) && g.frame.expand(4.0).contains(p))
            })
        });
        let selected = ctx.selection.selected;
        under
            .or_else(|| {
                groups
                    .iter()
                    .find(|g| g.rows.iter().any(|(_, id, _)| Some(*id) == selected))
            })
            .map(|g| g.place)
    }

    /// People groups as drawn: place, pill, where the place is, and each member's row in
    /// the list the group opens (for tests).
    pub fn badge_groups(&self) -> Vec<GroupLayout> {
        self.cache
            .as_ref()
            .map(|c| {
                c.groups
                    .iter()
                    .map(|g| {
                        let rows = g.rows.iter().map(|(r, id, _)| (*id, *r)).collect();
                        (g.place, g.pill, g.anchor, rows)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where the selection (or any element) would be ringed on the map as drawn last
    /// (centre, radius): a place's own dot, or an area too small to see (tests).
    pub fn ring_mark(&self, atlas: &Atlas, id: crate::model::ElementId) -> Option<(Pos2, f32)> {
        let cache = self.cache.as_ref()?;
        overlay::ring_mark(atlas, cache.transform(), cache, id)
    }

    /// Whether an area's outline is stroked along the edge from `a` to `b` (world km,
    /// two of its outline's points): `false` for a cut a draft's clip frame made.
    pub fn strokes_edge(&self, id: crate::model::ElementId, a: [f32; 2], b: [f32; 2]) -> bool {
        let ring = [a, b];
        self.geometry
            .border_runs(id, &ring)
            .is_none_or(|runs| runs.iter().any(|r| r.len() >= 2))
    }

    /// Where the selection or an event marks an element drawn as text or a dot, in the
    /// last drawn view (screen points; see `ScreenCache::mark_rect`).
    pub fn mark_rect(&self, id: ElementId) -> Option<egui::Rect> {
        self.cache.as_ref()?.mark_rect(id)
    }

    /// The view the labels, markers and highlights were last laid out for (during a
    /// gesture, an earlier one, moved onto the current view).
    pub fn drawn_view(&self) -> Option<MapMemory> {
        self.cache.as_ref().map(|c| c.key.view)
    }

    /// Whether the static layers' raster shows exactly what drawing them afresh for
    /// [`Self::drawn_view`] would (drawn for it, or for a view a whole number of pixels
    /// away that still covers the map).
    pub fn base_is_exact(&self) -> bool {
        let raster = self.raster.as_ref();
        self.cache
            .as_ref()
            .is_some_and(|c| raster.is_some_and(|r| r.fits(&c.key)))
    }

    /// Labels drawn set off their element, with the far end of their leader line (a
    /// dot on the line or inside the area): element, label, end (tests).
    pub fn leaders(&self) -> Vec<(ElementId, Rect, Pos2)> {
        self.cache
            .as_ref()
            .map(|c| c.leaders.clone())
            .unwrap_or_default()
    }

    /// The closest zoom the map allows in the rectangle it was last drawn in (points
    /// per km): derived from the atlas's smallest elements (tests).
    pub fn closest_zoom(&self, atlas: &Atlas) -> Option<f64> {
        Some(self.max_zoom(atlas, self.last_rect?))
    }

    /// Whether a drag, zoom or animated move is going on.
    pub fn is_moving(&self) -> bool {
        self.moving
    }

    /// The place whose people group is open this frame.
    pub fn open_group(&self) -> Option<ElementId> {
        self.open_group
    }
}
