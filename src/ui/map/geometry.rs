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
        }
    }
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
