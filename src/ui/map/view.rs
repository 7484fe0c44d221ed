//! The view: world ↔ screen transform, pan/zoom/keys input, and the animated move that
//! brings an element into view. What lasts between sessions is [`MapMemory`].

use egui::emath::TSTransform;
use egui::{Key, Pos2, Rect, pos2};

use super::MapPanel;
use crate::model::{Atlas, ElementId, Kind};
use crate::state::MapMemory;

/// How long "bring into view" takes, in seconds.
const ANIMATION_SECONDS: f64 = 0.45;
/// A wheel or pinch zoom counts as one gesture until it pauses this long (seconds).
const ZOOM_SETTLE_SECONDS: f64 = 0.2;
/// Zoom step of the buttons and the `+`/`-` keys.
pub(super) const ZOOM_STEP: f64 = 1.5;

/// A short, smooth move of the view.
#[derive(Clone, Copy, Debug)]
pub(super) struct Animation {
    from: MapMemory,
    to: MapMemory,
    start: f64,
}

/// World (projected km, y down) ↔ screen (points) for one frame.
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
    /// The screen-to-screen move from this view to `to`: where what was drawn at `p`
    /// for this view is for `to` (a scale and a translation).
    pub fn onto(&self, to: &ScreenTransform) -> TSTransform {
        let scaling = (to.view.zoom / self.view.zoom) as f32;
        let origin = to.to_screen(self.to_world(Pos2::ZERO));
        TSTransform::new(origin.to_vec2(), scaling)
    }
    pub fn to_world(&self, p: Pos2) -> [f64; 2] {
        let c = self.rect.center();
        [
            self.view.center[0] + (p.x - c.x) as f64 / self.view.zoom,
            self.view.center[1] + (p.y - c.y) as f64 / self.view.zoom,
        ]
    }
}

/// The home view for a viewport: the atlas's home bounds, fitted.
pub(super) fn home_view(atlas: &Atlas, rect: Rect) -> MapMemory {
    MapMemory::fit(
        atlas.home_bounds(),
        [rect.width() as f64, rect.height() as f64],
    )
}

impl MapPanel {
    /// Applies this frame's pan, zoom, keys and animation; returns the view to draw and
    /// stores it in `view` (which stays `None` at home until something moves).
    pub(super) fn update_view(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        atlas: &Atlas,
        view: &mut Option<MapMemory>,
    ) -> MapMemory {
        let rect = response.rect;
        let mut mem = view.unwrap_or_else(|| home_view(atlas, rect));
        let (mut moved, zoomed) = pointer_input(ui, response, &mut mem);
        let now = ui.input(|i| i.time);
        if zoomed {
            self.zoom_until = now + ZOOM_SETTLE_SECONDS;
        }
        if !ui.ctx().text_edit_focused() {
            let (plus, minus, home_key) = ui.input(|i| {
                (
                    i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                    i.key_pressed(Key::Minus),
                    i.key_pressed(Key::Home),
                )
            });
            if plus || minus {
                mem.zoom_at(if plus { ZOOM_STEP } else { 1.0 / ZOOM_STEP }, [0.0, 0.0]);
                moved = true;
            }
            if home_key {
                mem = home_view(atlas, rect);
                *view = None;
                self.animation = None;
            }
        }
        if moved {
            self.animation = None;
        } else if let Some(a) = self.animation {
            let done = a.step(now, &mut mem);
            if done {
                self.animation = None;
            } else {
                ui.ctx().request_repaint();
            }
            moved = true;
        }
        mem.clamp(atlas.data_bounds());
        mem.zoom = clamp_zoom(atlas, rect, mem.zoom);
        if moved || view.is_some() {
            *view = Some(mem);
        }
        // A gesture: a drag, an animated move, or wheel/pinch zoom until it pauses. The
        // map then moves its last drawing and is drawn afresh when the gesture ends.
        // Frames go on until the zoom pauses, so that the frame which ends it comes (as
        // an animation's do; they are cheap: the drawing is only moved).
        let zooming = now < self.zoom_until;
        if zooming {
            ui.ctx().request_repaint();
        }
        self.moving = response.dragged() || self.animation.is_some() || zooming;
        mem
    }

    /// Brings an element into view: centres it (and zooms out if it would not fit) unless
    /// it is already well inside the map. Off-map actors never move the map: their marker
    /// is always at the edge. Returns `None` before the map has been drawn once.
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
        to.zoom = clamp_zoom(atlas, rect, to.zoom);
        self.animation = animate.then_some(Animation {
            from: view,
            to,
            start: now,
        });
        Some(to)
    }

    /// The screen position of a geographic point in the last drawn view (tests, deep links).
    pub fn screen_pos(&self, atlas: &Atlas, view: MapMemory, lon: f64, lat: f64) -> Option<Pos2> {
        let rect = self.last_rect?;
        Some(ScreenTransform { rect, view }.to_screen(atlas.projection.project(lon, lat)))
    }

    /// Zooms by `factor` about the centre from the shown view (home included).
    pub(super) fn zoom_by(
        &mut self,
        atlas: &Atlas,
        rect: Rect,
        view: &mut Option<MapMemory>,
        factor: f64,
    ) {
        let mut m = view.unwrap_or_else(|| home_view(atlas, rect));
        m.zoom_at(factor, [0.0, 0.0]);
        m.clamp(atlas.data_bounds());
        m.zoom = clamp_zoom(atlas, rect, m.zoom);
        *view = Some(m);
        self.animation = None;
    }
}

/// The closest zoom, as a multiple of the home view's: a street-level view of schematic
/// routes and 1:10m borders would only show their coarseness.
pub const MAX_ZOOM_FACTOR: f64 = 12.0;

/// `zoom` held between [`min_zoom`] and [`MAX_ZOOM_FACTOR`] times the home zoom.
pub(super) fn clamp_zoom(atlas: &Atlas, rect: Rect, zoom: f64) -> f64 {
    let max = home_view(atlas, rect).zoom * MAX_ZOOM_FACTOR;
    zoom.min(max).max(min_zoom(atlas, rect))
}

/// The smallest zoom for a viewport: the data window never shrinks to a small shape in
/// empty sea (the whole data fits, no smaller).
pub(super) fn min_zoom(atlas: &Atlas, rect: Rect) -> f64 {
    let data = MapMemory::fit(
        atlas.data_bounds(),
        [rect.width() as f64, rect.height() as f64],
    );
    data.zoom.min(home_view(atlas, rect).zoom)
}

impl Animation {
    /// Moves `mem` to time `now` (smoothstep); true when finished.
    fn step(&self, now: f64, mem: &mut MapMemory) -> bool {
        let t = ((now - self.start) / ANIMATION_SECONDS).clamp(0.0, 1.0);
        let e = t * t * (3.0 - 2.0 * t);
        mem.center = [
            self.from.center[0] + (self.to.center[0] - self.from.center[0]) * e,
            self.from.center[1] + (self.to.center[1] - self.from.center[1]) * e,
        ];
        mem.zoom = self.from.zoom * (self.to.zoom / self.from.zoom).powf(e);
        t >= 1.0
    }
}

/// Drag pans; pinch, ctrl+scroll and plain scroll zoom about the pointer. Returns
/// whether the view moved, and whether it zoomed.
fn pointer_input(ui: &egui::Ui, response: &egui::Response, mem: &mut MapMemory) -> (bool, bool) {
    let rect = response.rect;
    let mut moved = false;
    let mut zoomed = false;
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
            zoomed = true;
        }
    }
    (moved, zoomed)
}
