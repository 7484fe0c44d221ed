//! Drawing primitives shared by the scene, the overlay and the legend: meshes, routes,
//! markers, curves, halos, and one-off tessellation.

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, CornerRadius, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2};

use super::view::ScreenTransform;
use crate::model::Direction;
use crate::ui::style::{LineStyle, Palette};

/// Drops points closer than `min` screen points to the last kept one (keeping the last):
/// at low zoom a 1,000-vertex outline needs only the points a pixel apart.
pub(super) fn decimate(points: impl Iterator<Item = Pos2>, min: f32) -> Vec<Pos2> {
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
pub(super) fn pre_tessellate(
    ui: &egui::Ui,
    clip: Rect,
    ppp: f32,
    shapes: Vec<Shape>,
) -> Vec<Shape> {
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
pub(super) fn halo_rect(r: Rect, pal: &Palette) -> Shape {
    Shape::rect_filled(
        r.expand(1.5),
        CornerRadius::same(3),
        pal.halo.gamma_multiply(0.75),
    )
}

pub(super) fn keep_inside(r: Rect, outer: Rect) -> Rect {
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

pub(super) fn area_mesh(
    tf: ScreenTransform,
    vertices: &[[f32; 2]],
    indices: &[u32],
    color: Color32,
) -> Mesh {
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
/// A quadratic Bézier from `a` to `b`, bent to the left of its direction by `bend` of its
/// length, with `trim` points cut at both ends so arrows stop short of labels.
pub(super) fn curve(a: Pos2, b: Pos2, bend: f32, trim: f32) -> Vec<Pos2> {
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
pub(super) fn diamond(c: Pos2, r: f32, fill: Color32, halo: Color32) -> Shape {
    let pts = vec![
        c + vec2(0.0, -r),
        c + vec2(r, 0.0),
        c + vec2(0.0, r),
        c + vec2(-r, 0.0),
    ];
    Shape::convex_polygon(pts, fill, Stroke::new(1.5, halo))
}

/// Line shapes of a route in its status style, with arrowheads.
pub(super) fn route_shapes(
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
    // Arrow at the end, and mid-way along each long segment; none on a line that is
    // not travelled (a border).
    if dir == Direction::None {
        return out;
    }
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

/// Draws a small area swatch (fill, outline, optional hatching), for the legend.
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
}
