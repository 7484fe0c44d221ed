//! The view: world ↔ screen transform, pan/zoom/keys input, and the animated move that
//! brings an element into view. What lasts between sessions is [`MapMemory`].

use egui::emath::TSTransform;
use egui::{Key, Pos2, Rect, pos2};

use super::MapPanel;
use crate::model::{Atlas, ElementId, Kind, Projected};
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
        // The zoom's limits are applied to the factor, so that a zoom stopped at a limit
        // keeps the point under the pointer where it is (trial10 #9).
        let limits = (min_zoom(atlas, rect), self.max_zoom(atlas, rect));
        let (mut moved, zoomed) = pointer_input(ui, response, &mut mem, limits);
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
                let step = if plus { ZOOM_STEP } else { 1.0 / ZOOM_STEP };
                mem.zoom_at(within(step, mem.zoom, limits), [0.0, 0.0]);
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
        mem.zoom = self.clamp_zoom(atlas, rect, mem.zoom);
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

    /// Brings an element into view where it can be seen and read: a region or route
    /// small on screen is zoomed to fill about half the map, one too big for it is
    /// fitted; a town is shown at a scale where it stands apart from the nearest story
    /// place (trial8 #3: Eastern Ghouta was a ring under the Damascus marker). An area
    /// much bigger than the story (Russia, clipped by the draft) is shown beside the
    /// story, not whole. Nothing moves when it is already well inside the map and
    /// legible. Off-map actors never move the map: their marker is always at the edge.
    /// Returns `None` before the map has been drawn once.
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
        let bounds = atlas.bounds_of(target_el.id)?;
        let max = self.max_zoom(atlas, rect);
        let (frame, zoom) = match target_el.projected {
            Some(Projected::Point(p)) => ([p, p], town_zoom(atlas, target_el.id, p, view.zoom)),
            Some(Projected::Lines(_)) => area_focus(atlas, rect, bounds, view.zoom, LINE_TOO_SMALL),
            _ => area_focus(atlas, rect, bounds, view.zoom, AREA_TOO_SMALL),
        };
        let [a, b] = frame;
        let tf = ScreenTransform { rect, view };
        let on_screen = Rect::from_two_pos(tf.to_screen(a), tf.to_screen(b));
        let legible = zoom.is_none_or(|z| (z.min(max) - view.zoom).abs() <= view.zoom * 0.01);
        if legible && rect.shrink(40.0).contains_rect(on_screen) {
            return None;
        }
        let mut to = view;
        to.center = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        if let Some(z) = zoom {
            to.zoom = z;
        }
        to.clamp(atlas.data_bounds());
        to.zoom = to.zoom.min(max).max(min_zoom(atlas, rect));
        self.animation = animate.then_some(Animation {
            from: view,
            to,
            start: now,
        });
        Some(to)
    }

    /// The closest zoom for a viewport (see [`Detail`]).
    pub(super) fn max_zoom(&self, atlas: &Atlas, rect: Rect) -> f64 {
        self.geometry.detail.max_zoom(atlas, rect)
    }

    /// `zoom` held between [`min_zoom`] and [`Self::max_zoom`].
    pub(super) fn clamp_zoom(&self, atlas: &Atlas, rect: Rect, zoom: f64) -> f64 {
        zoom.min(self.max_zoom(atlas, rect))
            .max(min_zoom(atlas, rect))
    }

    /// Whether the shown view is at the closest zoom, and at the farthest (the + and -
    /// buttons look disabled there).
    pub(super) fn zoom_limits_reached(
        &self,
        atlas: &Atlas,
        rect: Rect,
        view: Option<MapMemory>,
    ) -> (bool, bool) {
        let z = view.unwrap_or_else(|| home_view(atlas, rect)).zoom;
        let eps = 1e-6 * z;
        (
            z >= self.max_zoom(atlas, rect) - eps,
            z <= min_zoom(atlas, rect) + eps,
        )
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
        let limits = (min_zoom(atlas, rect), self.max_zoom(atlas, rect));
        m.zoom_at(within(factor, m.zoom, limits), [0.0, 0.0]);
        m.clamp(atlas.data_bounds());
        m.zoom = self.clamp_zoom(atlas, rect, m.zoom);
        *view = Some(m);
        self.animation = None;
    }
}

/// The closest zoom is at least this multiple of the home view's; closer when the
/// atlas's own small elements need it ([`Detail`]).
pub const MAX_ZOOM_FACTOR: f64 = 12.0;

/// At the closest zoom the two nearest story places are at least this far apart
/// (points), with room for both labels and a region drawn between them.
const PAIR_APART_PT: f64 = 240.0;
/// At the closest zoom the smallest story region or route fills this share of the
/// map's shorter side.
const SMALLEST_FILLS: f64 = 0.9;
/// A town brought into view stands at least this far (points) from the nearest story
/// place, so that both dots, labels and groups stand apart.
const TOWN_APART_PT: f64 = 100.0;
/// A region or route brought into view that spans less than this share of the map is
/// zoomed to fill [`AREA_FILLS`] of it.
const AREA_TOO_SMALL: f32 = 0.25;
/// The same for a line (a route, a border, a river): a line is thin, and in the crowded
/// core the labels around it hide it at a third of the map (the Zangezur Corridor at
/// 640×480).
const LINE_TOO_SMALL: f32 = 0.45;
const AREA_FILLS: f64 = 0.5;
/// Distances below this (km) count as this: two places at one point, a region of one
/// point, do not ask for an unbounded zoom.
const FLOOR_KM: f64 = 1.0;

/// The atlas's finest detail, measured once per atlas: how close its two nearest story
/// places are and how small its smallest story region or route is (km). The closest
/// zoom shows them (trial8 #11: Damascus and Douma, 10 km apart, were 60 pt apart at
/// 12 times the home zoom, too coarse to draw Eastern Ghouta).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Detail {
    nearest_places: Option<f64>,
    smallest_extent: Option<f64>,
}

impl Detail {
    pub(super) fn of(atlas: &Atlas) -> Self {
        let places: Vec<[f64; 2]> = story_places(atlas).map(|(_, p)| p).collect();
        let mut nearest: Option<f64> = None;
        for (i, p) in places.iter().enumerate() {
            for q in places.iter().skip(i + 1) {
                let d = dist(*p, *q).max(FLOOR_KM);
                nearest = Some(nearest.map_or(d, |n| n.min(d)));
            }
        }
        let smallest_extent = atlas
            .elements
            .iter()
            .filter(|e| !e.context && matches!(e.kind, Kind::Region | Kind::Corridor))
            .filter(|e| matches!(e.projected, Some(Projected::Area(_) | Projected::Lines(_))))
            .filter_map(|e| e.projected.as_ref()?.bounds())
            .map(|[a, b]| (b[0] - a[0]).max(b[1] - a[1]).max(FLOOR_KM))
            .reduce(f64::min);
        Self {
            nearest_places: nearest,
            smallest_extent,
        }
    }

    /// The closest zoom for a viewport: [`MAX_ZOOM_FACTOR`] times the home zoom, or
    /// closer where the nearest places or the smallest region need it, never past
    /// [`MapMemory::MAX_ZOOM`].
    pub(super) fn max_zoom(&self, atlas: &Atlas, rect: Rect) -> f64 {
        let base = home_view(atlas, rect).zoom * MAX_ZOOM_FACTOR;
        let short = f64::from(rect.width().min(rect.height()));
        let pair = self.nearest_places.map_or(0.0, |d| PAIR_APART_PT / d);
        let small = self
            .smallest_extent
            .map_or(0.0, |e| short * SMALLEST_FILLS / e);
        base.max(pair)
            .max(small)
            .min(MapMemory::MAX_ZOOM)
            .max(min_zoom(atlas, rect))
    }
}

/// The story's places (not context, not off the map), with their points.
fn story_places(atlas: &Atlas) -> impl Iterator<Item = (ElementId, [f64; 2])> + '_ {
    atlas.elements.iter().filter_map(|e| match e.projected {
        Some(Projected::Point(p)) if e.kind == Kind::Place && !e.context && !e.offmap => {
            Some((e.id, p))
        }
        _ => None,
    })
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// The zoom at which a town stands [`TOWN_APART_PT`] from the nearest other story
/// place, when the view is farther out than that; `None` when it already does.
fn town_zoom(atlas: &Atlas, id: ElementId, p: [f64; 2], zoom: f64) -> Option<f64> {
    let nearest = story_places(atlas)
        .filter(|(other, _)| *other != id)
        .map(|(_, q)| dist(p, q).max(FLOOR_KM))
        .reduce(f64::min)?;
    let need = TOWN_APART_PT / nearest;
    (zoom < need).then_some(need)
}

/// What to frame for an area or a route, and the zoom to frame it at (`None`: keep the
/// zoom). Too small on screen: zoomed to fill [`AREA_FILLS`] of the map. Too big:
/// fitted; but an area bigger than the story's home view (Russia in a story about
/// Syria, its outline cut by the draft's clip box) is framed with the story, from its
/// part near it (within twice the home view), so a cut edge far off is not shown as
/// its shape.
fn area_focus(
    atlas: &Atlas,
    rect: Rect,
    bounds: [[f64; 2]; 2],
    zoom: f64,
    too_small: f32,
) -> ([[f64; 2]; 2], Option<f64>) {
    let [a, b] = bounds;
    let size = [rect.width() as f64, rect.height() as f64];
    let span = ((b[0] - a[0]) * zoom / size[0]).max((b[1] - a[1]) * zoom / size[1]) as f32;
    let fit =
        |f: [[f64; 2]; 2], share: f64| MapMemory::fit(f, [size[0] * share, size[1] * share]).zoom;
    if span < too_small {
        return (bounds, Some(fit(bounds, AREA_FILLS)));
    }
    if span <= 0.8 {
        return (bounds, None);
    }
    let home = atlas.home_bounds();
    if fit(bounds, 0.8) >= home_view(atlas, rect).zoom {
        return (bounds, Some(fit(bounds, 0.8)));
    }
    let near = grow(home, 2.0);
    let part = [
        [a[0].max(near[0][0]), a[1].max(near[0][1])],
        [b[0].min(near[1][0]), b[1].min(near[1][1])],
    ];
    if part[0][0] > part[1][0] || part[0][1] > part[1][1] {
        return (bounds, Some(fit(bounds, 0.8)));
    }
    let framed = [
        [part[0][0].min(home[0][0]), part[0][1].min(home[0][1])],
        [part[1][0].max(home[1][0]), part[1][1].max(home[1][1])],
    ];
    (framed, Some(fit(framed, 0.9)))
}

/// Bounds grown `k` times about their centre.
fn grow(b: [[f64; 2]; 2], k: f64) -> [[f64; 2]; 2] {
    let c = [(b[0][0] + b[1][0]) / 2.0, (b[0][1] + b[1][1]) / 2.0];
    let h = [(b[1][0] - b[0][0]) * k / 2.0, (b[1][1] - b[0][1]) * k / 2.0];
    [[c[0] - h[0], c[1] - h[1]], [c[0] + h[0], c[1] + h[1]]]
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
/// A zoom factor cut so that `zoom` times it stays within `(min, max)`.
fn within(factor: f64, zoom: f64, (min, max): (f64, f64)) -> f64 {
    if zoom > 0.0 && min <= max {
        factor.clamp(min / zoom, max / zoom)
    } else {
        factor
    }
}

fn pointer_input(
    ui: &egui::Ui,
    response: &egui::Response,
    mem: &mut MapMemory,
    limits: (f64, f64),
) -> (bool, bool) {
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
        let factor = within(factor, mem.zoom, limits);
        if factor != 1.0 {
            mem.zoom_at(factor, anchor);
            moved = true;
            zoomed = true;
        }
    }
    (moved, zoomed)
}
