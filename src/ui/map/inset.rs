//! The locator inset: the wider region in a corner of the map, with the current view's
//! rectangle. In the Caucasus projection the region is Moscow to the Gulf, Ankara to
//! Central Asia; an atlas drawn elsewhere (a draft about Peru or Fiji) shows all its own
//! geometry, which reaches well beyond its home view. Its shapes are the atlas's own
//! countries and seas, simplified and triangulated once per atlas; a rebuild of the scene
//! only transforms a few hundred vertices.

use egui::{Rect, Shape, Stroke, StrokeKind, vec2};
use geo::{Area, Simplify, TriangulateEarcut};

use super::draw::area_mesh;
use super::scene::Builder;
use super::view::ScreenTransform;
use crate::model::{Atlas, Kind, Projected};
use crate::state::MapMemory;
use crate::ui::style::Palette;

/// The inset's region, lon/lat: west, south, east, north.
const REGION: [f64; 4] = [32.0, 24.0, 66.0, 57.0];

/// One simplified area: kind, triangles (world km) and outline rings.
struct InsetArea {
    water: bool,
    context: bool,
    vertices: Vec<[f32; 2]>,
    indices: Vec<u32>,
    rings: Vec<Vec<[f32; 2]>>,
}

/// World-space shapes of the inset, built once per atlas.
pub(super) struct InsetGeometry {
    /// The region's projected bounds, `[min, max]` in km.
    extent: [[f64; 2]; 2],
    areas: Vec<InsetArea>,
}

impl InsetGeometry {
    pub fn new(atlas: &Atlas) -> Self {
        let [min, max] = region(atlas);
        // About one of the inset's ~128 pixels: finer detail would not show.
        let eps = (max[0] - min[0]) / 128.0;
        let areas = atlas
            .elements
            .iter()
            .filter(|e| matches!(e.kind, Kind::Country | Kind::Water))
            .filter_map(|el| match &el.projected {
                Some(Projected::Area(a)) => Some((el, a)),
                _ => None,
            })
            .map(|(el, a)| {
                let simple = a.polygons.simplify(eps);
                let mut area = InsetArea {
                    water: el.kind == Kind::Water,
                    context: el.context,
                    vertices: Vec::new(),
                    indices: Vec::new(),
                    rings: Vec::new(),
                };
                // Simplified at this scale, an islet or a sliver collapses to a spike
                // (a ring that turns back on itself), and a stroked spike draws a
                // miter far across the map: such rings are too small to see anyway.
                for poly in simple.iter().filter(|p| drawable(p, eps)) {
                    let raw = poly.earcut_triangles_raw();
                    let base = area.vertices.len() as u32;
                    area.vertices
                        .extend(raw.vertices.iter().map(|[x, y]| [*x as f32, *y as f32]));
                    area.indices
                        .extend(raw.triangle_indices.iter().map(|i| base + *i as u32));
                    area.rings.push(
                        poly.exterior()
                            .0
                            .iter()
                            .map(|c| [c.x as f32, c.y as f32])
                            .collect(),
                    );
                }
                area
            })
            .collect();
        Self {
            extent: [min, max],
            areas,
        }
    }

    /// Whether the view already shows most (80 %) of the inset's region: a world map
    /// at home, where a locator would only repeat it.
    fn shows_little_beyond(&self, view: ScreenTransform) -> bool {
        let [a, b] = self.extent;
        let [v0, v1] = [view.to_world(view.rect.min), view.to_world(view.rect.max)];
        let overlap =
            |lo: f64, hi: f64, p: f64, q: f64| (hi.min(p.max(q)) - lo.max(p.min(q))).max(0.0);
        let shown = overlap(a[0], b[0], v0[0], v1[0]) * overlap(a[1], b[1], v0[1], v1[1]);
        let whole = (b[0] - a[0]) * (b[1] - a[1]);
        whole > 0.0 && shown >= 0.8 * whole
    }

    /// The inset's size for a map of `map` size: about a sixth of its width, in the
    /// region's proportions.
    fn size(&self, map: Rect) -> egui::Vec2 {
        let [a, b] = self.extent;
        let aspect = ((b[1] - a[1]) / (b[0] - a[0]).max(1.0)) as f32;
        let w = (map.width() * 0.16).clamp(80.0, 128.0);
        vec2(w, w * aspect)
    }
}

/// Whether a simplified polygon is worth drawing at a scale where `eps` km is the
/// smallest detail: at least a triangle, and at least `eps²` in area.
fn drawable(p: &geo::Polygon<f64>, eps: f64) -> bool {
    p.exterior().0.len() >= 4 && p.unsigned_area() >= eps * eps
}

/// The inset's region, projected km `[min, max]`: [`REGION`] in the Caucasus projection,
/// else (or in a draft, which may be about Kashmir, or an atlas about Syria) the atlas's
/// drawn data ([`Atlas::about_the_caucasus`]).
fn region(atlas: &Atlas) -> [[f64; 2]; 2] {
    if !atlas.about_the_caucasus() {
        return atlas.data_bounds();
    }
    let [w, s, e, n] = REGION;
    let mut min = [f64::INFINITY; 2];
    let mut max = [f64::NEG_INFINITY; 2];
    for i in 0..=16 {
        let t = f64::from(i) / 16.0;
        let (lon, lat) = (w + (e - w) * t, s + (n - s) * t);
        for [x, y] in [
            atlas.projection.project(lon, s),
            atlas.projection.project(lon, n),
            atlas.projection.project(w, lat),
            atlas.projection.project(e, lat),
        ] {
            min = [min[0].min(x), min[1].min(y)];
            max = [max[0].max(x), max[1].max(y)];
        }
    }
    [min, max]
}

impl Builder<'_, '_> {
    /// Places the inset in the first corner that does not cover the core (Armenia and
    /// Azerbaijan with Nakhchivan), nor, in an atlas without that core, any place the
    /// story names, nor anything placed, and draws it.
    pub(super) fn inset(&mut self) {
        let map = self.tf.rect;
        let inset = &self.geometry.inset;
        let size = inset.size(map);
        if map.width() < size.x * 3.0 || map.height() < size.y * 2.5 {
            return;
        }
        if inset.shows_little_beyond(self.tf) {
            return;
        }
        let core = self
            .ctx
            .atlas
            .core_bounds()
            .map(|[a, b]| Rect::from_two_pos(self.tf.to_screen(a), self.tf.to_screen(b)));
        let story: Vec<egui::Pos2> = if core.is_some() {
            Vec::new()
        } else {
            let atlas = self.ctx.atlas;
            atlas
                .elements
                .iter()
                .filter(|e| !e.context && !e.offmap)
                .filter_map(|e| atlas.anchor_point(e.id))
                .map(|p| self.tf.to_screen(p))
                .collect()
        };
        let m = 6.0;
        // Each corner at the full size, then smaller (down to 80 pt wide) where the home
        // view frames the core so tightly that no corner of the full size is clear.
        let clear: Vec<Rect> = [1.0, 0.85, 0.72]
            .into_iter()
            .map(|k| size * k)
            .filter(|s| s.x >= 80.0 || *s == size)
            .flat_map(|size| {
                [
                    Rect::from_min_size(map.left_bottom() + vec2(m, -m - size.y), size),
                    Rect::from_min_size(map.right_bottom() + vec2(-m - size.x, -m - size.y), size),
                    Rect::from_min_size(map.right_top() + vec2(-m - size.x, 40.0), size),
                    Rect::from_min_size(map.left_top() + vec2(m, 106.0), size),
                ]
            })
            .filter(|r| core.is_none_or(|c| !c.intersects(*r)))
            .filter(|r| !story.iter().any(|p| r.expand(8.0).contains(*p)))
            .collect();
        let Some(r) =
            self.placer
                .place_first("control", "locator", "Locator: the wider region", clear)
        else {
            return;
        };
        let shapes = inset_shapes(inset, r, self.tf, &self.ctx.palette);
        self.labels.extend(shapes);
    }
}

/// The inset's shapes in `r`: sea, land, outlines, the view's rectangle, a frame.
fn inset_shapes(g: &InsetGeometry, r: Rect, view: ScreenTransform, pal: &Palette) -> Vec<Shape> {
    let [a, b] = g.extent;
    // Not `MapMemory::fit`: its zoom limits are the main map's, far closer than this.
    let zoom = (f64::from(r.width()) / (b[0] - a[0]).max(1.0))
        .min(f64::from(r.height()) / (b[1] - a[1]).max(1.0));
    let mem = MapMemory {
        center: [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
        zoom,
    };
    let tf = ScreenTransform { rect: r, view: mem };
    let mut out = vec![Shape::rect_filled(r, 2.0, pal.background_sea)];
    for area in &g.areas {
        let fill = match (area.water, area.context) {
            (true, _) => pal.water,
            (false, true) => pal.context_land,
            (false, false) => pal.context_land.lerp_to_gamma(pal.label_muted, 0.25),
        };
        let mut mesh = area_mesh(tf, &area.vertices, &area.indices, fill);
        clip_mesh(&mut mesh, r);
        out.push(Shape::mesh(mesh));
    }
    let stroke = Stroke::new(0.6, pal.context_border);
    // Only the story's countries are outlined: stroked outlines are tessellated and
    // rasterised again every frame, and a thousand context countries' rings cost a drag
    // more than the whole map (the 1M-vertex atlas, measured); context land is one fill.
    for ring in g
        .areas
        .iter()
        .filter(|a| !a.water && !a.context)
        .flat_map(|a| &a.rings)
    {
        let pts: Vec<_> = ring
            .iter()
            .map(|p| tf.to_screen32(*p).clamp(r.min, r.max))
            .collect();
        out.push(Shape::closed_line(pts, stroke));
    }
    // The current view, as a rectangle (at least a few points, so it stays visible).
    let v0 = tf.to_screen(view.to_world(view.rect.min));
    let v1 = tf.to_screen(view.to_world(view.rect.max));
    let mut v = Rect::from_two_pos(v0, v1).intersect(r);
    if v.width() < 4.0 || v.height() < 4.0 {
        v = Rect::from_center_size(v.center(), v.size().max(vec2(4.0, 4.0)));
    }
    out.push(Shape::rect_stroke(
        v,
        0.0,
        Stroke::new(1.5, pal.selection),
        StrokeKind::Middle,
    ));
    out.push(Shape::rect_stroke(
        r,
        2.0,
        Stroke::new(1.0, pal.label_muted),
        StrokeKind::Inside,
    ));
    out
}

/// Pulls a mesh's vertices into `r` (the inset shows only its region).
fn clip_mesh(mesh: &mut egui::Mesh, r: Rect) {
    for v in &mut mesh.vertices {
        v.pos = v.pos.clamp(r.min, r.max);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn a_draft_about_peru_gets_an_inset_of_its_own_region_with_land_in_it() {
        let text = include_str!("../../../tests/fixtures/new/peru.md");
        let src = crate::geoparse::draft_source(text, "peru.md").expect("gazetteer");
        let atlas = crate::model::load(&src).expect("the draft loads");
        let g = InsetGeometry::new(&atlas);
        let [a, b] = g.extent;
        let lima = atlas.anchor_point(atlas.by_key("lima").expect("lima"));
        let [x, y] = lima.expect("a point");
        assert!(
            a[0] < x && x < b[0] && a[1] < y && y < b[1],
            "Lima in the inset"
        );
        let land = g
            .areas
            .iter()
            .filter(|x| !x.water && !x.indices.is_empty())
            .count();
        assert!(land >= 5, "{land} countries drawn in the inset");
        // The inset shows more than the home view: where the story sits.
        let [hl, hh] = atlas.home_bounds();
        assert!(b[0] - a[0] > 1.5 * (hh[0] - hl[0]));
    }
}
