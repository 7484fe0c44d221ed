//! The map's static layers (area fills, hatching, outlines, water, routes) rasterised
//! once per view into one texture, with a margin round the map. Every frame draws that
//! texture as one quad: settled, pixel for pixel; during a drag or zoom, moved and scaled
//! like a browser map's tiles, until the gesture ends and it is drawn again crisply.
//!
//! Why: with a software GL (Mesa llvmpipe: remote desktops, virtual machines, no GPU),
//! re-rasterising every fill and stroke of the map each frame cost ~40 ms of a ~50 ms
//! frame. One textured quad costs about as much as one panel background.

use egui::epaint::{ColorMode, PathShape};
use egui::{Color32, ColorImage, Pos2, Rect, Shape, TextureHandle, TextureOptions};
use vello_cpu::kurbo::{self, Affine, BezPath, Shape as _};
use vello_cpu::{Pixmap, RenderContext, Resources, color, peniko};

use super::scene::CacheKey;
use super::view::ScreenTransform;

/// Largest raster side we ask for, in pixels, even where the backend takes more
/// (llvmpipe and most GPUs take 8192): the backend's own `max_texture_side` may be lower.
const MAX_SIDE: f32 = 4096.0;
/// Margin drawn round the map on each side, as a fraction of its larger side: a drag
/// of up to this much shows drawn map, not blank sea, before the next raster.
pub(super) const MARGIN: f32 = 0.25;

/// One thing to draw in the static layers, in screen points of the view being drawn.
pub(super) enum Ink {
    /// Rings filled even-odd, so holes stay open.
    Fill(Vec<Vec<Pos2>>, Color32),
    /// An egui shape: paths (open or closed, filled or stroked), segments, circles.
    Shape(Shape),
}

/// The static layers as drawn for one view.
pub(super) struct BaseRaster {
    /// What it was drawn for (its `selected` is not used: the base does not depend on it).
    pub key: CacheKey,
    /// Screen rectangle (points, in the drawn view) the texture covers: the map and its
    /// margin, on the pixel grid.
    pub rect: Rect,
    pub texture: TextureHandle,
}

impl BaseRaster {
    /// Whether this raster shows the static layers of `key`'s view exactly: the same
    /// layers, theme, size and zoom, moved by whole pixels, and still covering the map.
    pub fn fits(&self, key: &CacheKey) -> bool {
        if !self.same_look(key) || self.key.view.zoom != key.view.zoom {
            return false;
        }
        let shift = self.shift_to(key);
        let px = shift * key.ppp;
        let whole = (px.x - px.x.round()).abs() < 1e-3 && (px.y - px.y.round()).abs() < 1e-3;
        whole && self.rect.translate(shift).contains_rect(key.rect)
    }

    /// The same layers, theme, size and scenario (the view aside).
    pub fn same_look(&self, key: &CacheKey) -> bool {
        let a = &self.key;
        a.rect == key.rect
            && a.layers == key.layers
            && a.dark == key.dark
            && a.ppp == key.ppp
            && a.scenario == key.scenario
    }

    /// The view it was drawn for.
    pub fn transform(&self) -> ScreenTransform {
        ScreenTransform {
            rect: self.key.rect,
            view: self.key.view,
        }
    }

    /// How far the drawn view's screen content moves to show `key`'s view (points).
    fn shift_to(&self, key: &CacheKey) -> egui::Vec2 {
        let from = self.transform();
        let to = ScreenTransform {
            rect: key.rect,
            view: key.view,
        };
        let p = self.key.rect.center();
        to.to_screen(from.to_world(p)) - p
    }
}

/// Raster pixels per point for a map rectangle (points): the screen's `ppp`, lowered
/// where the map itself would not fit a texture of `max_side` pixels (the backend's
/// `max_texture_side`), so a huge window gets a softer map rather than none.
pub(super) fn raster_scale(map: Rect, ppp: f32, max_side: usize) -> f32 {
    let limit = side_limit(max_side) - 2.0;
    ppp.min(limit / map.width().max(1.0))
        .min(limit / map.height().max(1.0))
        .max(0.01)
}

fn side_limit(max_side: usize) -> f32 {
    MAX_SIDE.min(max_side as f32)
}

/// The screen rectangle (points) a raster covers for a map rectangle: the map plus
/// [`MARGIN`], snapped outwards to whole pixels, at most `max_side` (and [`MAX_SIDE`])
/// pixels a side at `ppp` raster pixels per point (see [`raster_scale`]).
pub(super) fn raster_rect(map: Rect, ppp: f32, max_side: usize) -> Rect {
    let m = MARGIN * map.width().max(map.height());
    let max = (side_limit(max_side) - 2.0) / ppp.max(0.01);
    let mx = m.min(((max - map.width()) / 2.0).max(0.0));
    let my = m.min(((max - map.height()) / 2.0).max(0.0));
    let r = map.expand2(egui::vec2(mx, my));
    let snap = |v: f32, f: fn(f32) -> f32| f(v * ppp) / ppp;
    Rect::from_min_max(
        egui::pos2(snap(r.min.x, f32::floor), snap(r.min.y, f32::floor)),
        egui::pos2(snap(r.max.x, f32::ceil), snap(r.max.y, f32::ceil)),
    )
}

/// Rasterises `inks` (screen points) over `background` into an image of `rect` at
/// `ppp` pixels per point. `None` if the rectangle is empty or too large.
pub(super) fn rasterize(
    inks: &[Ink],
    rect: Rect,
    ppp: f32,
    max_side: usize,
    background: Color32,
) -> Option<ColorImage> {
    let w = (rect.width() * ppp).round();
    let h = (rect.height() * ppp).round();
    let max = side_limit(max_side);
    if !(1.0..=max).contains(&w) || !(1.0..=max).contains(&h) {
        return None;
    }
    let (w, h) = (w as u16, h as u16);
    let mut ctx = RenderContext::new(w, h);
    ctx.set_paint(paint(background));
    ctx.fill_rect(&kurbo::Rect::new(0.0, 0.0, f64::from(w), f64::from(h)));
    let scale = f64::from(ppp);
    ctx.set_transform(
        Affine::scale(scale) * Affine::translate((-f64::from(rect.min.x), -f64::from(rect.min.y))),
    );
    for ink in inks {
        match ink {
            Ink::Fill(rings, c) => {
                let mut path = BezPath::new();
                for r in rings {
                    polyline(&mut path, r, true);
                }
                ctx.set_fill_rule(peniko::Fill::EvenOdd);
                ctx.set_paint(paint(*c));
                ctx.fill_path(&path);
                ctx.set_fill_rule(peniko::Fill::NonZero);
            }
            Ink::Shape(s) => shape(&mut ctx, s),
        }
    }
    if crate::startup::on() {
        crate::startup::mark(&format!(
            "raster {w}x{h} for {rect:?}: paths given to vello_cpu"
        ));
    }
    let mut pixmap = Pixmap::new(w, h);
    ctx.flush();
    ctx.render(&mut pixmap, &mut Resources::new());
    crate::startup::mark("raster: rendered");
    // Converted in place (the same 4-byte layout): no second buffer of a million pixels
    // to allocate and fault in before the first frame (issue 13).
    let pixels = pixmap
        .take()
        .into_iter()
        .map(|p| Color32::from_rgba_premultiplied(p.r, p.g, p.b, p.a))
        .collect();
    Some(ColorImage::new([w as usize, h as usize], pixels))
}

/// Uploads (or replaces) the raster texture.
pub(super) fn upload(
    ctx: &egui::Context,
    old: Option<TextureHandle>,
    image: ColorImage,
) -> TextureHandle {
    // Linear: drawn 1:1 on the pixel grid it is exact; scaled during a zoom, smooth.
    let options = TextureOptions::LINEAR;
    match old {
        Some(mut t) => {
            t.set(image, options);
            t
        }
        None => ctx.load_texture("aras-map-base", image, options),
    }
}

/// Whether the map has been painted once (see [`sampling`]).
static PAINTED_ONCE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A paint callback, placed just before the raster's quad, that sets how its texture is
/// sampled: the nearest texel when the quad is drawn pixel for pixel (a settled map, a
/// drag), bilinear when it is scaled (a zoom gesture). Why: under Mesa's software GL the
/// bilinear filter cost about 2 ms of a 22 ms drag frame (issue 13, measured with
/// `benches/drag.sh`). Only egui_glow runs it; other renderers skip it and keep the
/// bilinear filter the texture was uploaded with.
pub(super) fn sampling(raster: &BaseRaster, on: Rect, ppp: f32) -> Shape {
    sampling_callback(&raster.texture, on, ppp, true)
}

/// The same for another texture drawn as one quad (the map's copy during a gesture).
pub(super) fn sampling_of(texture: &TextureHandle, on: Rect, ppp: f32) -> Shape {
    sampling_callback(texture, on, ppp, false)
}

fn sampling_callback(texture: &TextureHandle, on: Rect, ppp: f32, base: bool) -> Shape {
    use eframe::glow::{self, HasContext as _};
    let [w, h] = texture.size();
    let px = on.size() * ppp;
    let exact = (px.x - w as f32).abs() < 0.01 && (px.y - h as f32).abs() < 0.01;
    let filter = if exact { glow::NEAREST } else { glow::LINEAR } as i32;
    let id = texture.id();
    let callback = eframe::egui_glow::CallbackFn::new(move |_info, painter| {
        if base {
            crate::startup::map_painted();
            // The first paint keeps the texture's bilinear filter (at 1:1 the same
            // pixels): llvmpipe JIT-compiles a shader variant per sampler state, and the
            // nearest one is not worth compiling before the map is first on screen.
            if !PAINTED_ONCE.swap(true, std::sync::atomic::Ordering::Relaxed) {
                return;
            }
        }
        let Some(texture) = painter.texture(id) else {
            return;
        };
        // SAFETY: plain GL state calls on egui_glow's current context, during its paint
        // (it restores its own state after a callback); the texture is egui's, alive.
        unsafe {
            let gl = painter.gl();
            gl.bind_texture(glow::TEXTURE_2D, Some(texture));
            gl.tex_parameter_i32(glow::TEXTURE_2D, glow::TEXTURE_MAG_FILTER, filter);
            gl.tex_parameter_i32(glow::TEXTURE_2D, glow::TEXTURE_MIN_FILTER, filter);
        }
    });
    Shape::Callback(egui::PaintCallback {
        rect: on,
        callback: std::sync::Arc::new(callback),
    })
}

fn paint(c: Color32) -> color::AlphaColor<color::Srgb> {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    color::AlphaColor::from_rgba8(r, g, b, a)
}

fn polyline(path: &mut BezPath, pts: &[Pos2], closed: bool) {
    let mut it = pts.iter();
    let Some(first) = it.next() else { return };
    path.move_to((f64::from(first.x), f64::from(first.y)));
    for p in it {
        path.line_to((f64::from(p.x), f64::from(p.y)));
    }
    if closed {
        path.close_path();
    }
}

fn stroke(ctx: &mut RenderContext, path: &BezPath, width: f32, c: Color32) {
    if width <= 0.0 || c == Color32::TRANSPARENT {
        return;
    }
    let s = kurbo::Stroke::new(f64::from(width))
        .with_join(kurbo::Join::Round)
        .with_caps(kurbo::Cap::Butt);
    ctx.set_stroke(s);
    ctx.set_paint(paint(c));
    ctx.stroke_path(path);
}

/// One egui shape, as egui's tessellator would draw it (strokes centred on the path).
fn shape(ctx: &mut RenderContext, s: &Shape) {
    match s {
        Shape::Vec(v) => v.iter().for_each(|s| shape(ctx, s)),
        Shape::Path(PathShape {
            points,
            closed,
            fill,
            stroke: st,
        }) => {
            let mut path = BezPath::new();
            polyline(&mut path, points, *closed);
            if *closed && *fill != Color32::TRANSPARENT {
                ctx.set_paint(paint(*fill));
                ctx.fill_path(&path);
            }
            if let ColorMode::Solid(c) = st.color {
                stroke(ctx, &path, st.width, c);
            }
        }
        Shape::LineSegment { points, stroke: st } => {
            let mut path = BezPath::new();
            polyline(&mut path, points, false);
            stroke(ctx, &path, st.width, st.color);
        }
        Shape::Circle(c) => {
            let circle = kurbo::Circle::new(
                (f64::from(c.center.x), f64::from(c.center.y)),
                f64::from(c.radius),
            );
            let path = circle.to_path(0.1);
            if c.fill != Color32::TRANSPARENT {
                ctx.set_paint(paint(c.fill));
                ctx.fill_path(&path);
            }
            stroke(ctx, &path, c.stroke.width, c.stroke.color);
        }
        // The static layers use only the shapes above.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use egui::{Stroke, pos2, vec2};

    fn inks(d: egui::Vec2) -> Vec<Ink> {
        let ring = vec![pos2(10.3, 12.7), pos2(60.1, 15.2), pos2(40.8, 55.9)];
        let ring: Vec<Pos2> = ring.into_iter().map(|p| p + d).collect();
        let line = Shape::line(
            vec![pos2(5.0, 50.0) + d, pos2(70.5, 20.25) + d],
            Stroke::new(2.6, Color32::RED),
        );
        vec![
            Ink::Fill(vec![ring], Color32::from_rgb(200, 180, 120)),
            Ink::Shape(line),
        ]
    }

    /// The raster of a view moved by whole pixels is the same picture, moved: so the
    /// settled map after a drag may reuse it and still look as if drawn afresh.
    #[test]
    fn a_view_moved_by_whole_pixels_rasterises_to_the_same_pixels_moved() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(80.0, 70.0));
        let a = rasterize(&inks(vec2(0.0, 0.0)), rect, 1.0, 2048, Color32::BLUE).unwrap();
        let d = vec2(7.0, -3.0);
        let b = rasterize(&inks(d), rect.translate(d), 1.0, 2048, Color32::BLUE).unwrap();
        assert_eq!(a.pixels, b.pixels);
        assert!(
            a.pixels.iter().any(|p| p.r() > 200 && p.g() < 60),
            "the line"
        );
        assert!(
            a.pixels.iter().any(|p| p.r() == 200 && p.g() == 180),
            "the fill"
        );
    }

    #[test]
    fn raster_rect_is_on_the_pixel_grid_and_covers_the_map_with_a_margin() {
        let map = Rect::from_min_size(pos2(312.5, 40.25), vec2(700.0, 500.0));
        for ppp in [1.0, 1.5, 2.0] {
            let r = raster_rect(map, ppp, 8192);
            assert!(r.contains_rect(map.expand(100.0)));
            for v in [r.min.x, r.min.y, r.max.x, r.max.y] {
                assert!(((v * ppp) - (v * ppp).round()).abs() < 1e-3, "{v} at {ppp}");
            }
        }
    }

    /// A map wider than the backend's largest texture is still drawn (softer), never
    /// left as empty sea: kittest's 2048-pixel limit at 2720 pixels wide found this.
    #[test]
    fn a_map_wider_than_the_largest_texture_still_rasterises_and_covers_the_map() {
        let map = Rect::from_min_size(pos2(0.0, 0.0), vec2(2720.0, 1148.0));
        for (ppp, max_side) in [(1.0, 2048), (2.0, 2048), (2.0, 8192)] {
            let scale = raster_scale(map, ppp, max_side);
            let r = raster_rect(map, scale, max_side);
            assert!(r.contains_rect(map), "{ppp} {max_side}");
            let image = rasterize(&inks(vec2(0.0, 0.0)), r, scale, max_side, Color32::BLUE);
            let image = image.expect("an image");
            assert!(image.width() <= max_side && image.height() <= max_side);
        }
    }
}
