//! The map as painted (raster, scene, highlights, labels), copied out of the frame at the
//! start of a gesture and drawn as one quad, moved and scaled, for the rest of it.
//!
//! Why (issue 13): under Mesa's software GL every drag frame shaded the map's labels,
//! markers and arrows again on top of its raster quad, about a quarter of a drag frame's
//! CPU. A browser map moves what it has drawn; so do we. The copy is made by the GL
//! itself (`glCopyTexSubImage2D` from the frame being drawn, in an `egui_glow` paint
//! callback placed just after the map's last shape), so it is exactly the pixels shown.
//! Other renderers (tests) never fill it, and the map is painted as before.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use egui::{Color32, ColorImage, Painter, Rect, Shape, TextureHandle, TextureOptions, pos2};

use super::view::ScreenTransform;
use crate::state::Selection;

/// What a copy shows besides the view: the scene and raster it was painted from (their
/// build counters) and the highlights.
#[derive(Clone, PartialEq)]
pub(super) struct CaptureKey {
    /// `(rebuilds, rasters)` of the map panel when it was painted.
    pub generation: (u64, u64),
    pub selection: Selection,
    pub ppp: f32,
}

/// The map's pixels as painted for one view.
pub(super) struct Capture {
    pub key: CaptureKey,
    /// The view it was painted for.
    pub view: ScreenTransform,
    /// The screen rectangle copied (points, the map snapped to whole pixels).
    pub rect: Rect,
    texture: TextureHandle,
    /// Set by the paint callback once the GL has copied the frame into the texture.
    filled: Arc<AtomicBool>,
}

impl Capture {
    /// A capture of `tf`'s map to be filled this frame, reusing `old`'s texture when it
    /// has the same size in pixels. `None` for an empty map.
    pub fn prepare(
        ctx: &egui::Context,
        old: Option<Capture>,
        tf: ScreenTransform,
        key: CaptureKey,
    ) -> Option<Capture> {
        let ppp = key.ppp;
        let min = (tf.rect.min.to_vec2() * ppp).round();
        let max = (tf.rect.max.to_vec2() * ppp).round();
        let (w, h) = (max.x - min.x, max.y - min.y);
        if w < 1.0 || h < 1.0 {
            return None;
        }
        let size = [w as usize, h as usize];
        let rect = Rect::from_min_max((min / ppp).to_pos2(), (max / ppp).to_pos2());
        let texture = match old {
            Some(c) if c.texture.size() == size => c.texture,
            _ => {
                let blank = ColorImage::filled(size, Color32::TRANSPARENT);
                ctx.load_texture("aras-map-capture", blank, TextureOptions::NEAREST)
            }
        };
        Some(Capture {
            key,
            view: tf,
            rect,
            texture,
            filled: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Whether the GL has filled it (only `egui_glow` does).
    pub fn is_filled(&self) -> bool {
        self.filled.load(Ordering::Relaxed)
    }

    /// A paint callback that copies the frame's pixels under [`Self::rect`] into the
    /// texture: placed after the map's last shape, before its controls and tooltips.
    pub fn copy_callback(&self) -> Shape {
        use eframe::glow::{self, HasContext as _};
        let id = self.texture.id();
        let [w, h] = self.texture.size();
        let rect = self.rect;
        let filled = Arc::clone(&self.filled);
        let callback = eframe::egui_glow::CallbackFn::new(move |info, painter| {
            let Some(texture) = painter.texture(id) else {
                return;
            };
            let ppp = info.pixels_per_point;
            let x = (rect.min.x * ppp).round() as i32;
            // GL counts rows from the bottom of the window.
            let y = info.screen_size_px[1] as i32 - (rect.max.y * ppp).round() as i32;
            if x < 0 || y < 0 {
                return;
            }
            // SAFETY: plain GL calls on egui_glow's current context during its paint (it
            // restores its own state after a callback); the texture is egui's, alive,
            // and `w`×`h` texels large, the size of the region copied.
            unsafe {
                let gl = painter.gl();
                gl.bind_texture(glow::TEXTURE_2D, Some(texture));
                gl.copy_tex_sub_image_2d(glow::TEXTURE_2D, 0, 0, 0, x, y, w as i32, h as i32);
                if gl.get_error() == glow::NO_ERROR {
                    filled.store(true, Ordering::Relaxed);
                }
            }
        });
        Shape::Callback(egui::PaintCallback {
            rect,
            callback: Arc::new(callback),
        })
    }

    /// Draws the copy moved (and scaled) onto `tf`'s view, with the raster's quad
    /// (`base`: texture and where it lies now) in what the moved copy no longer covers.
    pub fn paint(
        &self,
        painter: &Painter,
        tf: ScreenTransform,
        base: Option<(&TextureHandle, Rect)>,
        sea: Color32,
    ) {
        let on = self.view.onto(&tf) * self.rect;
        let ppp = painter.pixels_per_point();
        for piece in uncovered(tf.rect, on) {
            match base {
                Some((t, b)) if b.contains_rect(piece) => {
                    let uv = Rect::from_min_max(
                        ((piece.min - b.min) / b.size()).to_pos2(),
                        ((piece.max - b.min) / b.size()).to_pos2(),
                    );
                    painter.image(t.id(), piece, uv, Color32::WHITE);
                }
                _ => {
                    painter.rect_filled(piece, 0.0, sea);
                    if let Some((t, b)) = base {
                        let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
                        painter
                            .with_clip_rect(piece)
                            .image(t.id(), b, full, Color32::WHITE);
                    }
                }
            }
        }
        painter.add(super::raster::sampling_of(&self.texture, on, ppp));
        // The GL copied the rows bottom up: drawn with its v flipped.
        let uv = Rect::from_min_max(pos2(0.0, 1.0), pos2(1.0, 0.0));
        painter.image(self.texture.id(), on, uv, Color32::WHITE);
    }
}

/// The parts of `map` that `on` does not cover: up to four rectangles (above, below,
/// then left and right in the band between).
fn uncovered(map: Rect, on: Rect) -> Vec<Rect> {
    let mut out = Vec::new();
    let top = on.min.y.clamp(map.min.y, map.max.y);
    let bottom = on.max.y.clamp(map.min.y, map.max.y);
    let mut push = |r: Rect| {
        if r.width() > 0.0 && r.height() > 0.0 {
            out.push(r);
        }
    };
    push(Rect::from_min_max(map.min, pos2(map.max.x, top)));
    push(Rect::from_min_max(pos2(map.min.x, bottom), map.max));
    let left = on.min.x.clamp(map.min.x, map.max.x);
    let right = on.max.x.clamp(map.min.x, map.max.x);
    push(Rect::from_min_max(pos2(map.min.x, top), pos2(left, bottom)));
    push(Rect::from_min_max(
        pos2(right, top),
        pos2(map.max.x, bottom),
    ));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use egui::vec2;

    fn area(rs: &[Rect]) -> f32 {
        rs.iter().map(|r| r.area()).sum()
    }

    fn overlap(a: Rect, b: Rect) -> f32 {
        let w = (a.max.x.min(b.max.x) - a.min.x.max(b.min.x)).max(0.0);
        let h = (a.max.y.min(b.max.y) - a.min.y.max(b.min.y)).max(0.0);
        w * h
    }

    /// What a moved copy leaves bare is filled exactly once: no gap shows the window's
    /// clear colour, no pixel is shaded twice.
    #[test]
    fn the_parts_a_moved_copy_leaves_bare_tile_the_rest_of_the_map() {
        let map = Rect::from_min_size(pos2(300.0, 40.0), vec2(800.0, 600.0));
        for d in [
            vec2(0.0, 0.0),
            vec2(37.0, -12.0),
            vec2(-900.0, 5.0),
            vec2(5.0, 700.0),
        ] {
            let on = map.translate(d);
            let bare = uncovered(map, on);
            assert!(
                (area(&bare) + overlap(map, on) - map.area()).abs() < 1e-2,
                "{d:?}"
            );
            for (i, a) in bare.iter().enumerate() {
                assert!(map.contains_rect(*a));
                assert!(overlap(*a, on) < 1e-3, "{d:?}");
                for b in bare.iter().skip(i + 1) {
                    assert!(overlap(*a, *b) < 1e-3, "{d:?}");
                }
            }
        }
    }
}
