//! Geometry as the atlas stores it: checked lon/lat from GeoJSON, then projected,
//! triangulated and measured once at load so that drawing and hit-testing never redo it.

use geo::sweep::{Cross, Intersections};
use geo::{Area, BoundingRect, Contains, InteriorPoint, TriangulateEarcut, unary_union};
use geo::{Coord, Line, LineIntersection, LineString, MultiPolygon, Polygon};

use super::projection::Projection;

/// Checked geographic geometry (degrees).
#[derive(Clone, Debug, PartialEq)]
pub enum GeoShape {
    /// Polygons with holes, in lon/lat.
    Area(MultiPolygon<f64>),
    /// One or more polylines, in lon/lat.
    Lines(Vec<Vec<[f64; 2]>>),
    Point([f64; 2]),
}

/// Geometry in projected kilometres (y down), ready to draw and hit-test.
#[derive(Clone, Debug)]
pub enum Projected {
    Area(ProjectedArea),
    Lines(Vec<LineString<f64>>),
    Point([f64; 2]),
}

#[derive(Clone, Debug)]
pub struct ProjectedArea {
    pub polygons: MultiPolygon<f64>,
    /// Triangle vertices and indices (earcut), for an `egui::Mesh` built once.
    pub vertices: Vec<[f32; 2]>,
    pub indices: Vec<u32>,
    /// Every ring (exteriors and holes), for strokes.
    pub rings: Vec<Vec<[f32; 2]>>,
    /// Area in km², to put small regions above large ones when hit-testing.
    pub area_km2: f64,
    /// A point inside the largest polygon, for its label (computed once: it is costly).
    pub label_at: Option<[f64; 2]>,
    /// Bounds, `[min, max]`.
    pub bounds: Option<[[f64; 2]; 2]>,
}

impl Projected {
    /// Axis-aligned bounds: `[min, max]`.
    pub fn bounds(&self) -> Option<[[f64; 2]; 2]> {
        let rect = match self {
            Self::Area(a) => return a.bounds,
            Self::Lines(lines) => {
                let mut r: Option<geo::Rect<f64>> = None;
                for l in lines {
                    if let Some(b) = l.bounding_rect() {
                        r = Some(match r {
                            None => b,
                            Some(r) => geo::Rect::new(
                                Coord {
                                    x: r.min().x.min(b.min().x),
                                    y: r.min().y.min(b.min().y),
                                },
                                Coord {
                                    x: r.max().x.max(b.max().x),
                                    y: r.max().y.max(b.max().y),
                                },
                            ),
                        });
                    }
                }
                r?
            }
            Self::Point(p) => return Some([*p, *p]),
        };
        Some([[rect.min().x, rect.min().y], [rect.max().x, rect.max().y]])
    }

    /// A point to hang a label on: inside the largest polygon, the middle of a line.
    pub fn label_point(&self) -> Option<[f64; 2]> {
        match self {
            Self::Area(a) => a.label_at,
            Self::Lines(lines) => {
                let l = lines.first()?;
                let c = l.0.get(l.0.len() / 2)?;
                Some([c.x, c.y])
            }
            Self::Point(p) => Some(*p),
        }
    }
}

fn check_position(p: &[f64]) -> Result<[f64; 2], String> {
    let (Some(&lon), Some(&lat)) = (p.first(), p.get(1)) else {
        return Err(format!("position {p:?} has fewer than two numbers"));
    };
    if !lon.is_finite() || !lat.is_finite() {
        return Err(format!("position [{lon}, {lat}] is not finite"));
    }
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!(
            "position [{lon}, {lat}] is out of range (longitude −180..180, latitude −90..90)"
        ));
    }
    Ok([lon, lat])
}

/// Checked positions with consecutive repeats dropped: a repeated vertex (A, B, B, C) is
/// valid in OGC simple features, but its zero-length segment would meet its neighbours'
/// neighbours and read as a self-intersection. Third (and later) numbers are ignored.
fn checked_positions(list: &[Vec<f64>]) -> Result<Vec<[f64; 2]>, String> {
    let mut pts: Vec<[f64; 2]> = Vec::with_capacity(list.len());
    for p in list {
        let p = check_position(p)?;
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    Ok(pts)
}

fn check_ring(ring: &[Vec<f64>], what: &str) -> Result<LineString<f64>, String> {
    let pts = checked_positions(ring)?;
    if pts.len() < 4 {
        let repeats = if pts.len() < ring.len() {
            format!(" distinct (of {})", ring.len())
        } else {
            String::new()
        };
        return Err(format!(
            "{what} has {}{repeats} positions; a ring needs at least 4",
            pts.len()
        ));
    }
    if pts.first() != pts.last() {
        return Err(format!(
            "{what} is not closed: it starts at {:?} and ends at {:?}",
            pts.first().copied().unwrap_or_default(),
            pts.last().copied().unwrap_or_default()
        ));
    }
    Ok(LineString::from(
        pts.into_iter()
            .map(|[x, y]| Coord { x, y })
            .collect::<Vec<_>>(),
    ))
}

fn check_polygon(rings: &[Vec<Vec<f64>>], which: &str) -> Result<Polygon<f64>, String> {
    let Some((outer, holes)) = rings.split_first() else {
        return Err(format!("{which} has no rings"));
    };
    let exterior = check_ring(outer, &format!("the outer ring of {which}"))?;
    let holes = holes
        .iter()
        .enumerate()
        .map(|(i, r)| check_ring(r, &format!("hole {i} of {which}")))
        .collect::<Result<Vec<_>, _>>()?;
    let poly = Polygon::new(exterior, holes);
    if let Some(e) = ring_problem(&poly) {
        return Err(format!("{which} is not a valid polygon: {e}"));
    }
    Ok(poly)
}

/// A segment of a ring, remembering which ring and where, for the sweep.
#[derive(Clone, Copy, Debug)]
struct Seg {
    ring: usize,
    index: usize,
    len: usize,
    line: Line<f64>,
}

impl Cross for Seg {
    type Scalar = f64;
    fn line(&self) -> Line<f64> {
        self.line
    }
}

/// Self-intersections and crossing rings, found with a Bentley–Ottmann sweep
/// (O((n + k) log n), where geo's validation is quadratic in the ring size), and holes
/// outside their exterior.
fn ring_problem(poly: &Polygon<f64>) -> Option<String> {
    let rings: Vec<&LineString<f64>> = std::iter::once(poly.exterior())
        .chain(poly.interiors())
        .collect();
    let segs = rings.iter().enumerate().flat_map(|(r, ring)| {
        let len = ring.0.len().saturating_sub(1);
        ring.lines().enumerate().map(move |(index, line)| Seg {
            ring: r,
            index,
            len,
            line,
        })
    });
    let name = |r: usize| {
        if r == 0 {
            "the exterior ring".to_owned()
        } else {
            format!("hole {}", r - 1)
        }
    };
    for (a, b, x) in Intersections::from_iter(segs) {
        if a.ring == b.ring {
            let adjacent = a.index.abs_diff(b.index) == 1
                || (a.index == 0 && b.index + 1 == a.len)
                || (b.index == 0 && a.index + 1 == b.len);
            let at_shared_vertex = matches!(
                x,
                LineIntersection::SinglePoint {
                    is_proper: false,
                    ..
                }
            );
            if adjacent && at_shared_vertex {
                continue;
            }
            return Some(format!("{} has a self-intersection", name(a.ring)));
        }
        match x {
            LineIntersection::SinglePoint {
                is_proper: false, ..
            } => {}
            _ => {
                return Some(format!("{} and {} cross", name(a.ring), name(b.ring)));
            }
        }
    }
    for (i, hole) in poly.interiors().iter().enumerate() {
        let outer = Polygon::new(poly.exterior().clone(), Vec::new());
        let inside = hole.0.iter().any(|c| outer.contains(&geo::Point::from(*c)));
        if !inside {
            return Some(format!("hole {i} lies outside the exterior ring"));
        }
    }
    None
}

/// Checks a GeoJSON geometry: positions finite and in range, rings closed, polygons free
/// of self-intersections.
pub fn check(value: &geojson::Value) -> Result<GeoShape, String> {
    use geojson::Value as V;
    match value {
        V::Point(p) => Ok(GeoShape::Point(check_position(p)?)),
        V::LineString(l) => Ok(GeoShape::Lines(vec![check_line(l, "the line")?])),
        V::MultiLineString(ls) => Ok(GeoShape::Lines(
            ls.iter()
                .enumerate()
                .map(|(i, l)| check_line(l, &format!("line {i}")))
                .collect::<Result<_, _>>()?,
        )),
        V::Polygon(rings) => Ok(GeoShape::Area(MultiPolygon(vec![check_polygon(
            rings,
            "polygon 0",
        )?]))),
        V::MultiPolygon(polys) => Ok(GeoShape::Area(MultiPolygon(
            polys
                .iter()
                .enumerate()
                .map(|(i, rings)| check_polygon(rings, &format!("polygon {i}")))
                .collect::<Result<_, _>>()?,
        ))),
        V::MultiPoint(_) => Err("MultiPoint is not supported; use Point".to_owned()),
        V::GeometryCollection(_) => Err("GeometryCollection is not supported".to_owned()),
    }
}

fn check_line(l: &[Vec<f64>], what: &str) -> Result<Vec<[f64; 2]>, String> {
    let pts = checked_positions(l)?;
    if pts.len() < 2 {
        let distinct = if l.len() < 2 { "" } else { " distinct" };
        return Err(format!("{what} needs at least two{distinct} positions"));
    }
    Ok(pts)
}

impl GeoShape {
    /// Projects, triangulates and measures once.
    pub fn project(&self, proj: &Projection) -> Projected {
        let line = |pts: &[[f64; 2]]| {
            LineString(
                proj.project_ring(pts)
                    .into_iter()
                    .map(|[x, y]| Coord { x, y })
                    .collect(),
            )
        };
        let ring = |r: &LineString<f64>| line(&r.0.iter().map(|c| [c.x, c.y]).collect::<Vec<_>>());
        match self {
            Self::Point([lon, lat]) => Projected::Point(proj.project(*lon, *lat)),
            Self::Lines(lines) => Projected::Lines(lines.iter().map(|l| line(l)).collect()),
            Self::Area(mp) => {
                let polygons = MultiPolygon(
                    mp.iter()
                        .map(|p| {
                            Polygon::new(
                                ring(p.exterior()),
                                p.interiors().iter().map(ring).collect(),
                            )
                        })
                        .collect(),
                );
                let polygons = merge_across_antimeridian(mp, polygons);
                let mut vertices = Vec::new();
                let mut indices = Vec::new();
                let mut rings = Vec::new();
                for poly in &polygons {
                    let raw = poly.earcut_triangles_raw();
                    let base = vertices.len() as u32;
                    vertices.extend(raw.vertices.iter().map(|[x, y]| [*x as f32, *y as f32]));
                    indices.extend(raw.triangle_indices.iter().map(|i| base + *i as u32));
                    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                        rings.push(ring.0.iter().map(|c| [c.x as f32, c.y as f32]).collect());
                    }
                }
                let area_km2 = polygons.unsigned_area();
                let label_at = polygons
                    .iter()
                    .max_by(|p, q| p.unsigned_area().total_cmp(&q.unsigned_area()))
                    .and_then(|largest| largest.interior_point())
                    .map(|p| [p.x(), p.y()]);
                let bounds = polygons
                    .bounding_rect()
                    .map(|r| [[r.min().x, r.min().y], [r.max().x, r.max().y]]);
                Projected::Area(ProjectedArea {
                    polygons,
                    vertices,
                    indices,
                    rings,
                    area_km2,
                    label_at,
                    bounds,
                })
            }
        }
    }
}

/// Parts of an area split at ±180° (RFC 7946 §3.1.9), joined again once projected: one
/// shape on screen, with no outline along the cut. Only the polygons with a vertex on
/// ±180° take part in the union (it is costly, and `i_overlay` lost most of Fiji when its
/// 27 islands, slivers included, went in together); the others are kept as they are. If
/// the union loses area (more than 1% of its parts'), the parts stay unmerged.
fn merge_across_antimeridian(
    geographic: &MultiPolygon<f64>,
    projected: MultiPolygon<f64>,
) -> MultiPolygon<f64> {
    let on_cut = |p: &Polygon<f64>| {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .any(|r| r.0.iter().any(|c| c.x.abs() == 180.0))
    };
    let (cut, rest): (Vec<_>, Vec<_>) = geographic
        .iter()
        .zip(projected.0.iter().cloned())
        .partition(|(g, _)| on_cut(g));
    if cut.len() < 2 {
        return projected;
    }
    let cut: Vec<Polygon<f64>> = cut.into_iter().map(|(_, p)| p).collect();
    let parts: f64 = cut.iter().map(|p| p.unsigned_area()).sum();
    let mut merged = unary_union(cut.iter());
    if merged.0.is_empty() || (merged.unsigned_area() - parts).abs() > parts * 0.01 {
        return projected;
    }
    merged.0.extend(rest.into_iter().map(|(_, p)| p));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::projection::Extent;

    /// Fiji as `aras new` writes it (Natural Earth 1:50m, split at ±180° as RFC 7946
    /// §3.1.9 asks): 27 polygons, some on each side of the cut, one only a sliver.
    fn fiji() -> (GeoShape, Projection) {
        let text = include_str!("../../tests/fixtures/geometry/fiji-rfc7946.json");
        let value: geojson::Value = serde_json::from_str::<geojson::Geometry>(text)
            .unwrap()
            .value;
        let shape = check(&value).unwrap();
        let GeoShape::Area(mp) = &shape else {
            panic!("an area")
        };
        let extent = Extent::of(
            mp.iter()
                .flat_map(|p| p.exterior().0.iter().map(|c| [c.x, c.y])),
        );
        (shape, Projection::for_extent(extent))
    }

    #[test]
    fn an_island_state_split_at_the_antimeridian_keeps_every_island_once_projected() {
        let (shape, proj) = fiji();
        let GeoShape::Area(mp) = &shape else {
            panic!("an area")
        };
        let Projected::Area(a) = shape.project(&proj) else {
            panic!("an area")
        };
        // The parts, each projected alone, with no merging: what the union must keep.
        let parts: f64 = mp
            .iter()
            .map(|p| {
                let Projected::Area(one) =
                    GeoShape::Area(MultiPolygon(vec![p.clone()])).project(&proj)
                else {
                    panic!("an area")
                };
                one.area_km2
            })
            .sum();
        assert!(
            (a.area_km2 - parts).abs() < parts * 0.01,
            "Fiji projected has {:.0} km² of its parts' {parts:.0} km²",
            a.area_km2
        );
        // Viti Levu (Nadi, 177.4°E 17.8°S) is inside what is drawn.
        let [x, y] = proj.project(177.6, -17.8);
        assert!(a.polygons.contains(&Coord { x, y }), "Viti Levu is drawn");
        // Taveuni, cut in two at ±180°: both halves are drawn.
        for [lon, lat] in [[179.97, -16.9], [-179.9, -16.8]] {
            let [x, y] = proj.project(lon, lat);
            let c = Coord { x, y };
            assert!(a.polygons.contains(&c), "Taveuni at {lon}° is drawn");
        }
    }
}
