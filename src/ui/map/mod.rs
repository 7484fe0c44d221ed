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
//! Cost model: the scene is rebuilt only when the view, layers, theme or viewport change;
//! a frame that only moves the hover copies cached shapes and adds a small overlay.

mod access;
mod controls;
mod draw;
mod geometry;
mod labels;
mod markers;
mod measure;
mod overlay;
mod pick;
mod placer;
mod relations;
mod scene;
mod view;

use egui::accesskit::Role;
use egui::{Pos2, Rect, Sense};

pub use access::element_widget_id;
pub use draw::{route_swatch, swatch_area};
pub use geometry::MapGeometry;
pub use placer::LayoutItem;
pub use view::{MAX_ZOOM_FACTOR, ScreenTransform};

use super::{Command, ViewCtx};
use crate::model::{Atlas, ElementId};
use crate::state::MapMemory;
use scene::ScreenCache;
use view::Animation;

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
        self.paint(&painter, ctx, tf);
        overlay::tooltip(&response, atlas, ctx.layers, hovered);
        let order = self.keyboard_order(ctx);
        self.keyboard(ui, ctx, &response, &painter, &order, commands);
        self.accesskit_nodes(ui, ctx, &order, commands);
        self.controls(ui, ctx, atlas, rect, view);
    }

    /// Hover and click: picks under the pointer and pushes `Hover`/`Select`.
    fn pointer(
        &self,
        ctx: &ViewCtx<'_>,
        response: &egui::Response,
        tf: ScreenTransform,
        commands: &mut Vec<Command>,
    ) -> Option<ElementId> {
        let cache = self.cache.as_ref()?;
        let pick = |p: Pos2| pick::pick(ctx.atlas, ctx.layers, tf, cache, p);
        let hovered = response.hover_pos().and_then(pick);
        commands.push(Command::Hover(hovered));
        // A pointer click only: Enter or Space on the focused map (egui's "fake" click)
        // must not clear the element the keyboard has selected.
        if response.clicked_by(egui::PointerButton::Primary) {
            let hit = response.interact_pointer_pos().and_then(pick);
            commands.push(Command::Select(hit));
            response.request_focus();
        }
        hovered
    }
}
