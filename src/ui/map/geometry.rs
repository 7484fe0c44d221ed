//! World-space geometry derived once per atlas: drawing order, label priority, hatching.

use std::collections::HashMap;

use geo::{BooleanOps, Coord, LineString, MultiLineString};

use crate::model::{Atlas, ElementId, Kind, Projected};

/// World-space geometry derived once from the atlas.
pub struct MapGeometry {
    /// Hatch lines (world km) for disputed and recaptured areas.
    pub(super) hatches: HashMap<ElementId, Vec<Vec<[f32; 2]>>>,
    /// Elements in drawing order, bottom first.
    pub(super) draw_order: Vec<ElementId>,
    /// Label candidates, highest priority first.
    pub(super) label_order: Vec<ElementId>,
    /// The locator inset's simplified shapes.
    pub(super) inset: super::inset::InsetGeometry,
    /// Outlines simplified for the zoom (areas, water lines).
    pub(super) lod: super::lod::Lod,
    /// The atlas's finest detail, for the closest zoom.
    pub(super) detail: super::view::Detail,
    /// Per area, the outline points (world km, as bits) that lie on the frame a draft
    /// clipped its shapes to: an edge between two of them on one side is a cut, not a
    /// border, and is never stroked.
    /// Each point maps to the frame sides it lies on (bits: west, east, south, north).
    pub(super) cut_points: HashMap<ElementId, HashMap<[u32; 2], u8>>,
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
        let mut draw_order: Vec<ElementId> = atlas.elements.iter().map(|e| e.id).collect();
        draw_order.sort_by_key(|id| {
            let el = atlas.element(*id);
            (
                el.map_or(9, |e| draw_layer(e.kind)),
                el.is_none_or(|e| !e.context),
            )
        });
        let mut label_order: Vec<ElementId> = atlas
            .elements
            .iter()
            .map(|e| e.id)
            .filter(|id| label_rank(atlas, *id) < 99)
            .collect();
        label_order.sort_by_key(|id| {
            let links = atlas.links_of(*id).len();
            (label_rank(atlas, *id), std::cmp::Reverse(links), id.0)
        });
        Self {
            hatches,
            draw_order,
            label_order,
            inset: super::inset::InsetGeometry::new(atlas),
            lod: super::lod::Lod::new(atlas),
            detail: super::view::Detail::of(atlas),
            cut_points: cut_points(atlas),
        }
    }

    /// A ring's parts to stroke: `None` when the whole ring is a border; else the open
    /// runs between its cut edges (each edge along the clip frame left out).
    pub(super) fn border_runs(
        &self,
        id: ElementId,
        ring: &[[f32; 2]],
    ) -> Option<Vec<Vec<[f32; 2]>>> {
        let on = self.cut_points.get(&id)?;
        let bits = |p: &[f32; 2]| [p[0].to_bits(), p[1].to_bits()];
        let n = ring.len();
        let cut = |i: usize| {
            let (a, b) = (ring.get(i), ring.get((i + 1) % n));
            let side = |p: &[f32; 2]| on.get(&bits(p)).copied().unwrap_or(0);
            a.zip(b).is_some_and(|(a, b)| side(a) & side(b) != 0)
        };
        let first = (0..n).find(|i| cut(*i))?;
        // Walk once round from just after the first cut edge, splitting at every cut.
        let mut runs = Vec::new();
        let mut run: Vec<[f32; 2]> = Vec::new();
        for k in 1..=n {
            let i = (first + k) % n;
            if let Some(p) = ring.get(i) {
                run.push(*p);
            }
            if cut(i) {
                if run.len() >= 2 {
                    runs.push(std::mem::take(&mut run));
                } else {
                    run.clear();
                }
            }
        }
        if run.len() >= 2 {
            runs.push(run);
        }
        Some(runs)
    }
}

/// Two lon/lat values this close (degrees) are on the same frame line.
const FRAME_EPS: f64 = 1e-4;

/// The outline points of countries and water that lie on the atlas's frame (the
/// extreme longitudes and latitudes of all its countries and water: where a draft's
/// clip box cut them), by element.
fn cut_points(atlas: &Atlas) -> HashMap<ElementId, HashMap<[u32; 2], u8>> {
    use crate::model::geometry::GeoShape;
    use geo::BoundingRect;
    let framed = |k: Kind| matches!(k, Kind::Country | Kind::Water);
    let boxes: Vec<(ElementId, geo::Rect<f64>)> = atlas
        .elements
        .iter()
        .filter(|e| framed(e.kind))
        .filter_map(|e| match &e.geo {
            Some(GeoShape::Area(mp)) => Some((e.id, mp.bounding_rect()?)),
            _ => None,
        })
        .collect();
    let Some(frame) = boxes.iter().map(|(_, b)| *b).reduce(|a, b| {
        geo::Rect::new(
            Coord {
                x: a.min().x.min(b.min().x),
                y: a.min().y.min(b.min().y),
            },
            Coord {
                x: a.max().x.max(b.max().x),
                y: a.max().y.max(b.max().y),
            },
        )
    }) else {
        return HashMap::new();
    };
    let near = |a: f64, b: f64| (a - b).abs() < FRAME_EPS;
    let sides = |lon: f64, lat: f64| {
        u8::from(near(lon, frame.min().x))
            | u8::from(near(lon, frame.max().x)) << 1
            | u8::from(near(lat, frame.min().y)) << 2
            | u8::from(near(lat, frame.max().y)) << 3
    };
    let on_frame = |lon: f64, lat: f64| sides(lon, lat) != 0;
    let mut out = HashMap::new();
    for (id, b) in boxes {
        let touches = on_frame(b.min().x, b.min().y) || on_frame(b.max().x, b.max().y);
        let Some(Projected::Area(area)) = atlas.element(id).and_then(|e| e.projected.as_ref())
        else {
            continue;
        };
        if !touches {
            continue;
        }
        let set: HashMap<[u32; 2], u8> = area
            .rings
            .iter()
            .flatten()
            .filter_map(|p| {
                let [lon, lat] = atlas.projection.unproject(f64::from(p[0]), f64::from(p[1]));
                let s = sides(lon, lat);
                (s != 0).then_some(([p[0].to_bits(), p[1].to_bits()], s))
            })
            .collect();
        if !set.is_empty() {
            out.insert(id, set);
        }
    }
    out
}

/// Drawing layer of a kind, bottom first.
fn draw_layer(k: Kind) -> u8 {
    match k {
        Kind::Country => 0,
        Kind::Water => 1,
        Kind::Region => 2,
        Kind::Corridor => 3,
        Kind::Relation => 4,
        Kind::Place | Kind::Offmap => 5,
        Kind::Person | Kind::Organisation => 6,
    }
}

/// Label priority: what the article is about first, context last; 99 = no label.
/// Ranks up to [`CORE_RANK`] are placed before badges and off-map markers.
pub(super) fn label_rank(atlas: &Atlas, id: ElementId) -> u32 {
    let Some(el) = atlas.element(id) else {
        return 99;
    };
    match (el.kind, el.context) {
        (Kind::Country, false) => 0,
        (Kind::Region, _) => 1,
        (Kind::Corridor, _) if atlas.links_of(id).len() >= 2 => 2,
        (Kind::Water, false) => 3,
        (Kind::Place, false) if el.rank == Some(1) => 4,
        (Kind::Place, false) => 5,
        (Kind::Offmap, _) => 5,
        (Kind::Corridor, _) => 6,
        (Kind::Place, true) if el.rank.unwrap_or(3) <= 2 => 7,
        (Kind::Country, true) => 8,
        (Kind::Place, true) => 9,
        (Kind::Water, true) => 10,
        _ => 99,
    }
}

/// The last label rank placed before badges and markers: the story's countries,
/// regions, main routes, seas and the capitals (Baku keeps its label beside its group).
pub(super) const CORE_RANK: u32 = 4;

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
