//! The panels around the map, kept as pixels while the map is dragged or zoomed.
//!
//! Why (issue 13): under Mesa's software GL (no GPU) every drag frame shaded the reader's
//! text, the timeline and the side panel again, about a third of a drag frame's CPU,
//! though nothing in them changed. During a gesture, once the panels' shapes have been
//! painted, their pixels are copied out of the frame (`glBlitFramebuffer` into a texture
//! of the window's size, in an `egui_glow` paint callback placed after the panels' last
//! shape, before the map's first); a later frame of the gesture whose panels' shapes are
//! the same (same galleys, positions, colours and clip rectangles) drops them before
//! tessellation and copies those pixels back instead. The copy back is the same pixel
//! format the window has, unscaled and unflipped, which Mesa does as a memory copy
//! rather than shading. Anything that differs (a hover highlight in the reader, a
//! resized panel, a blinking cursor) draws the panels as usual and copies them again.
//! The texture is deleted when the gesture ends. Other renderers (kittest) never run the
//! callbacks, so nothing is ever marked copied and the panels are always drawn.

use std::sync::{Arc, Mutex};

use egui::epaint::ClippedShape;
use egui::layers::ShapeIdx;
use egui::{LayerId, Rect, Shape, Vec2};

/// The GL side: a texture the window's size, the framebuffer it is attached to, and
/// whether the panels' pixels were copied into it.
#[derive(Default)]
struct Target {
    gl: Option<(eframe::glow::Texture, eframe::glow::Framebuffer, [i32; 2])>,
    filled: bool,
}

/// What the copied pixels were painted from: the window, its scale, the map's rectangle
/// (the hole the panels leave) and the panels' shapes.
struct Saved {
    screen: Vec2,
    ppp: f32,
    map: Rect,
    shapes: Vec<ClippedShape>,
}

/// The panels' pixels during a gesture (see the module's documentation).
#[derive(Default)]
pub struct PanelPixels {
    target: Arc<Mutex<Target>>,
    saved: Option<Saved>,
    /// How many frames copied the panels back instead of drawing them (tests, benchmarks).
    pub restored_frames: u64,
}

impl PanelPixels {
    /// Called after the map has been drawn. `panels` is the range of `layer`'s shapes
    /// the panels added; `slot` a `Shape::Noop` added just after them; `map` the map's
    /// rectangle; `moving` whether a gesture is going on.
    pub fn end_frame(
        &mut self,
        ctx: &egui::Context,
        layer: LayerId,
        panels: std::ops::Range<usize>,
        slot: ShapeIdx,
        map: Rect,
        moving: bool,
    ) {
        if !moving {
            if self.saved.take().is_some() {
                // The texture (a few MB) is given back between gestures. (Not `ctx`
                // inside `graphics_mut`: it holds the context's lock.)
                let (full, callback) = (ctx.content_rect(), self.delete_callback());
                ctx.graphics_mut(|g| g.entry(layer).set(slot, full, callback));
            }
            return;
        }
        let screen = ctx.content_rect().size();
        let ppp = ctx.pixels_per_point();
        let shapes: Vec<ClippedShape> = ctx.graphics(|g| {
            g.get(layer)
                .map(|l| {
                    l.all_entries()
                        .skip(panels.start)
                        .take(panels.len())
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        });
        let filled = self.target.lock().is_ok_and(|t| t.filled);
        let same = self.saved.as_ref().is_some_and(|s| {
            s.screen == screen && s.ppp == ppp && s.map == map && same_shapes(&s.shapes, &shapes)
        });
        let full = Rect::from_min_size(egui::Pos2::ZERO, screen);
        if filled && same {
            let callback = self.restore_callback(full, map);
            ctx.graphics_mut(|g| {
                let list = g.entry(layer);
                for i in panels {
                    list.reset_shape(ShapeIdx(i));
                }
                list.set(slot, full, callback);
            });
            self.restored_frames += 1;
            return;
        }
        if let Ok(mut t) = self.target.lock() {
            t.filled = false;
        }
        let callback = self.save_callback(full);
        ctx.graphics_mut(|g| g.entry(layer).set(slot, full, callback));
        self.saved = Some(Saved {
            screen,
            ppp,
            map,
            shapes,
        });
    }

    /// Copies the window's pixels so far (the panels, over the clear colour) into the
    /// texture, rows in the window's own order.
    fn save_callback(&self, full: Rect) -> Shape {
        use eframe::glow::{self, HasContext as _};
        let target = Arc::clone(&self.target);
        let callback = eframe::egui_glow::CallbackFn::new(move |info, painter| {
            let [w, h] = info.screen_size_px.map(|v| v as i32);
            let Ok(mut t) = target.lock() else {
                return;
            };
            let gl = painter.gl();
            // `glBlitFramebuffer` is OpenGL (ES) 3.0: older contexts draw the panels.
            if gl.version().major < 3 {
                return;
            }
            // SAFETY: plain GL calls on egui_glow's current context during its paint (it
            // restores its own state after a callback; the framebuffer binding is put
            // back here); the texture and framebuffer are ours, made on this context.
            unsafe {
                let Some((_, fbo, _)) = ensure_target(gl, &mut t, [w, h]) else {
                    return;
                };
                gl.disable(glow::SCISSOR_TEST);
                gl.bind_framebuffer(glow::READ_FRAMEBUFFER, None);
                gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, Some(fbo));
                // The window's rows run top down in memory and a texture's bottom up:
                // flipped here and flipped back when restored, both copies are plain.
                gl.blit_framebuffer(
                    0,
                    0,
                    w,
                    h,
                    0,
                    h,
                    w,
                    0,
                    glow::COLOR_BUFFER_BIT,
                    glow::NEAREST,
                );
                gl.bind_framebuffer(glow::FRAMEBUFFER, None);
                t.filled = gl.get_error() == glow::NO_ERROR;
            }
        });
        Shape::Callback(egui::PaintCallback {
            rect: full,
            callback: Arc::new(callback),
        })
    }

    /// Copies the panels' pixels back: the window less the map, as up to four bands.
    fn restore_callback(&self, full: Rect, map: Rect) -> Shape {
        use eframe::glow::{self, HasContext as _};
        let target = Arc::clone(&self.target);
        let callback = eframe::egui_glow::CallbackFn::new(move |info, painter| {
            let Ok(t) = target.lock() else {
                return;
            };
            let Some((_, fbo, size)) = t.gl.filter(|_| t.filled) else {
                return;
            };
            let [w, h] = info.screen_size_px.map(|v| v as i32);
            if size != [w, h] {
                return;
            }
            let ppp = info.pixels_per_point;
            let gl = painter.gl();
            // SAFETY: as in `save_callback`.
            unsafe {
                gl.disable(glow::SCISSOR_TEST);
                gl.bind_framebuffer(glow::READ_FRAMEBUFFER, Some(fbo));
                gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, None);
                for band in around(full, map) {
                    // Pixels, y from the bottom (GL's window coordinates).
                    let x0 = (band.min.x * ppp).round() as i32;
                    let x1 = (band.max.x * ppp).round() as i32;
                    let y0 = h - (band.max.y * ppp).round() as i32;
                    let y1 = h - (band.min.y * ppp).round() as i32;
                    // The texture holds the window's rows upside down (see above).
                    gl.blit_framebuffer(
                        x0,
                        h - y0,
                        x1,
                        h - y1,
                        x0,
                        y0,
                        x1,
                        y1,
                        glow::COLOR_BUFFER_BIT,
                        glow::NEAREST,
                    );
                }
                gl.bind_framebuffer(glow::FRAMEBUFFER, None);
            }
        });
        Shape::Callback(egui::PaintCallback {
            rect: full,
            callback: Arc::new(callback),
        })
    }

    /// Deletes the texture and its framebuffer.
    fn delete_callback(&self) -> Shape {
        use eframe::glow::HasContext as _;
        let target = Arc::clone(&self.target);
        let callback = eframe::egui_glow::CallbackFn::new(move |_info, painter| {
            let Ok(mut t) = target.lock() else {
                return;
            };
            t.filled = false;
            if let Some((tex, fbo, _)) = t.gl.take() {
                // SAFETY: ours, made on this context, no longer bound.
                unsafe {
                    painter.gl().delete_framebuffer(fbo);
                    painter.gl().delete_texture(tex);
                }
            }
        });
        Shape::Callback(egui::PaintCallback {
            rect: Rect::from_min_size(egui::Pos2::ZERO, Vec2::splat(1.0)),
            callback: Arc::new(callback),
        })
    }
}

/// The texture (and framebuffer) of `size` pixels, made or remade as needed. Its format
/// is the window's (BGRA bytes), so that copying back is a plain copy.
///
/// # Safety
/// Call with `gl` current, during egui_glow's paint.
unsafe fn ensure_target(
    gl: &eframe::glow::Context,
    t: &mut Target,
    size: [i32; 2],
) -> Option<(eframe::glow::Texture, eframe::glow::Framebuffer, [i32; 2])> {
    use eframe::glow::{self, HasContext as _};
    if let Some(g) = t.gl.filter(|g| g.2 == size) {
        return Some(g);
    }
    // SAFETY: the caller's; the old objects are ours and unbound.
    unsafe {
        if let Some((tex, fbo, _)) = t.gl.take() {
            gl.delete_framebuffer(fbo);
            gl.delete_texture(tex);
        }
        let tex = gl.create_texture().ok()?;
        gl.bind_texture(glow::TEXTURE_2D, Some(tex));
        gl.tex_image_2d(
            glow::TEXTURE_2D,
            0,
            glow::RGBA as i32,
            size[0],
            size[1],
            0,
            glow::BGRA,
            glow::UNSIGNED_BYTE,
            glow::PixelUnpackData::Slice(None),
        );
        gl.tex_parameter_i32(
            glow::TEXTURE_2D,
            glow::TEXTURE_MIN_FILTER,
            glow::NEAREST as i32,
        );
        gl.tex_parameter_i32(
            glow::TEXTURE_2D,
            glow::TEXTURE_MAG_FILTER,
            glow::NEAREST as i32,
        );
        gl.bind_texture(glow::TEXTURE_2D, None);
        let fbo = gl.create_framebuffer().ok()?;
        gl.bind_framebuffer(glow::FRAMEBUFFER, Some(fbo));
        gl.framebuffer_texture_2d(
            glow::FRAMEBUFFER,
            glow::COLOR_ATTACHMENT0,
            glow::TEXTURE_2D,
            Some(tex),
            0,
        );
        let complete = gl.check_framebuffer_status(glow::FRAMEBUFFER) == glow::FRAMEBUFFER_COMPLETE;
        gl.bind_framebuffer(glow::FRAMEBUFFER, None);
        if !complete {
            gl.delete_framebuffer(fbo);
            gl.delete_texture(tex);
            return None;
        }
        t.gl = Some((tex, fbo, size));
    }
    t.gl
}

/// The parts of `full` outside `hole`: the bands above and below it, then left and right
/// of it between them.
fn around(full: Rect, hole: Rect) -> Vec<Rect> {
    let hole = hole.intersect(full);
    let bands = [
        Rect::from_min_max(full.min, egui::pos2(full.max.x, hole.min.y)),
        Rect::from_min_max(egui::pos2(full.min.x, hole.max.y), full.max),
        Rect::from_min_max(
            egui::pos2(full.min.x, hole.min.y),
            egui::pos2(hole.min.x, hole.max.y),
        ),
        Rect::from_min_max(
            egui::pos2(hole.max.x, hole.min.y),
            egui::pos2(full.max.x, hole.max.y),
        ),
    ];
    bands
        .into_iter()
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        .collect()
}

/// Whether two lists of shapes paint the same pixels, cheaply and conservatively: text
/// must be the very same galley (egui's layout cache hands out the same one while the
/// text is unchanged), paint callbacks never count as the same.
fn same_shapes(a: &[ClippedShape], b: &[ClippedShape]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.clip_rect == y.clip_rect
                && x.transform_after_tessellation == y.transform_after_tessellation
                && same_shape(&x.shape, &y.shape)
        })
}

fn same_shape(a: &Shape, b: &Shape) -> bool {
    match (a, b) {
        (Shape::Text(x), Shape::Text(y)) => {
            Arc::ptr_eq(&x.galley, &y.galley)
                && x.pos == y.pos
                && x.underline == y.underline
                && x.fallback_color == y.fallback_color
                && x.override_text_color == y.override_text_color
                && x.opacity_factor == y.opacity_factor
                && x.angle == y.angle
        }
        (Shape::Vec(x), Shape::Vec(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_shape(p, q))
        }
        (Shape::Callback(_), _) | (_, Shape::Callback(_)) => false,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use egui::{pos2, vec2};

    /// The bands around the map cover the window less the map, each pixel once.
    #[test]
    fn the_bands_around_the_map_tile_the_rest_of_the_window() {
        let full = Rect::from_min_size(pos2(0.0, 0.0), vec2(1400.0, 900.0));
        let map = Rect::from_min_max(pos2(380.0, 40.0), pos2(1060.0, 640.0));
        let bands = around(full, map);
        let area: f32 = bands.iter().map(|r| r.area()).sum();
        assert!((area + map.area() - full.area()).abs() < 1e-2);
        for (i, a) in bands.iter().enumerate() {
            assert!(a.intersect(map).area() <= 0.0 || !a.intersects(map));
            for b in bands.iter().skip(i + 1) {
                let o = a.intersect(*b);
                assert!(o.width() <= 0.0 || o.height() <= 0.0);
            }
        }
    }

    /// Text laid out again (another galley, even with the same words) or moved counts as
    /// changed; the same galley at the same place does not.
    #[test]
    fn panels_count_as_unchanged_only_with_the_same_galleys_at_the_same_places() {
        let ctx = egui::Context::default();
        let shapes = |text: &str, at: f32| {
            let mut out = Vec::new();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let g = ui.painter().layout_no_wrap(
                    text.to_owned(),
                    egui::FontId::proportional(14.0),
                    egui::Color32::BLACK,
                );
                let shape = Shape::galley(pos2(at, 0.0), g, egui::Color32::BLACK);
                out.push(ClippedShape::new(Rect::EVERYTHING, shape));
            });
            output.textures_delta.clear();
            out
        };
        let a = shapes("Baku", 0.0);
        let b = shapes("Baku", 0.0);
        let moved = shapes("Baku", 3.0);
        let other = shapes("Tabriz", 0.0);
        assert!(same_shapes(&a, &a.clone()));
        assert!(!same_shapes(&a, &moved));
        assert!(!same_shapes(&a, &other));
        // Laid out in the next pass from egui's cache: the same galley.
        assert!(same_shapes(&a, &b));
    }
}
