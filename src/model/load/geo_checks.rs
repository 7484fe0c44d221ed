//! Geography is checked against the atlas's own polygons: a route passes only through
//! the countries and regions it declares in `via`; a place lies in the `country` it
//! declares; an actor on the map is drawn once, as its polygon, not also as an off-map
//! marker; an off-map point lies outside the map's data frame; and every person,
//! organisation and off-map actor names the `source` of where it is placed.

use std::collections::HashMap;

use geo::{
    BooleanOps, BoundingRect, Closest, ClosestPoint, Contains, Coord, Distance, Haversine,
    Intersects, Length, LineString, MultiLineString, MultiPolygon, Point,
};
use serde_json::Value;

use super::super::element::{Element, Kind};
use super::super::geometry::{GeoShape, Projected};
use super::super::ids::ElementId;
use super::super::problem::{ProblemKind as P, Problems};
use super::super::projection::Projection;
use super::{MAP_FILE, field_err};

/// Length (km) a route may run through an undeclared area: schematic lines and
/// simplified borders (about 2 km) disagree by that much along a border.
pub const ROUTE_TOLERANCE_KM: f64 = 2.0;
/// Distance (km) a place may lie outside its country: coastal capitals fall just outside
/// simplified coastlines.
pub const POINT_TOLERANCE_KM: f64 = 3.0;

/// Runs the checks on the map's elements (references already resolved).
pub(super) fn check(
    elements: &[Element],
    by_key: &HashMap<String, ElementId>,
    projection: &Projection,
    problems: &mut Problems,
) {
    let frame = data_frame(elements);
    let areas: Vec<(&Element, &MultiPolygon<f64>)> = elements
        .iter()
        .filter(|e| matches!(e.kind, Kind::Country | Kind::Region))
        .filter_map(|e| match &e.geo {
            Some(GeoShape::Area(mp)) => Some((e, mp)),
            _ => None,
        })
        .collect();
    for el in elements {
        match &el.geo {
            Some(GeoShape::Lines(lines)) if el.kind == Kind::Corridor => {
                let drawn: Vec<_> = lines.iter().map(|l| as_drawn(projection, l)).collect();
                route(el, &drawn, &areas, by_key, problems);
            }
            Some(GeoShape::Point(p)) => {
                point_country(el, *p, elements, by_key, problems);
                // An actor drawn twice lies inside the frame too: one problem is enough.
                let twice = el.kind == Kind::Offmap && actor_once(el, *p, &areas, problems);
                if (el.offmap || el.kind == Kind::Offmap) && !twice {
                    offmap_outside(el, *p, frame, problems);
                }
            }
            _ => {}
        }
        placement_source(el, problems);
    }
}

/// The map's data frame, projected `[min, max]`: the bounds of every area and line that
/// is not off the map (the rule `SpatialIndex` frames the map by). `None` if there are
/// none.
fn data_frame(elements: &[Element]) -> Option<[[f64; 2]; 2]> {
    let mut frame: Option<[[f64; 2]; 2]> = None;
    for el in elements.iter().filter(|e| !e.offmap) {
        let Some(p) = el
            .projected
            .as_ref()
            .filter(|p| !matches!(p, Projected::Point(_)))
        else {
            continue;
        };
        let Some([a, b]) = p.bounds() else { continue };
        frame = Some(match frame {
            None => [a, b],
            Some([lo, hi]) => [
                [lo[0].min(a[0]), lo[1].min(a[1])],
                [hi[0].max(b[0]), hi[1].max(b[1])],
            ],
        });
    }
    frame
}

/// An off-map element stands for something beyond the map: its point must lie outside
/// the data frame, or the map would draw it as an edge marker while it sits inside.
fn offmap_outside(
    el: &Element,
    [lon, lat]: [f64; 2],
    frame: Option<[[f64; 2]; 2]>,
    problems: &mut Problems,
) {
    let (Some([lo, hi]), Some(Projected::Point([x, y]))) = (frame, el.projected.as_ref()) else {
        return;
    };
    if (lo[0]..=hi[0]).contains(x) && (lo[1]..=hi[1]).contains(y) {
        problems.push(
            MAP_FILE,
            Some(el.key.clone()),
            field_err(
                "offmap",
                format!(
                    "the off-map point ({lon}, {lat}) lies inside the map's data frame; \
                     move it outside the frame (where it is) or draw it on the map"
                ),
            ),
        );
    }
}

/// A person, organisation or off-map actor is placed by us (at a capital, at a
/// representative point) or by the article: either way its `source` says which.
fn placement_source(el: &Element, problems: &mut Problems) {
    let placed = matches!(el.kind, Kind::Person | Kind::Organisation | Kind::Offmap);
    if placed && el.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
        problems.push(
            MAP_FILE,
            Some(el.key.clone()),
            field_err(
                "source",
                format!(
                    "{} {} needs the `source` of where it is placed: the article's words, \
                     or ours and why",
                    if el.kind == Kind::Organisation || el.kind == Kind::Offmap {
                        "an"
                    } else {
                        "a"
                    },
                    el.kind.label()
                ),
            ),
        );
    }
}

/// Ids in a list-valued property; a missing or dangling id is a problem.
fn ids(
    el: &Element,
    field: &str,
    by_key: &HashMap<String, ElementId>,
    problems: &mut Problems,
) -> Option<Vec<ElementId>> {
    let keys: Vec<&str> = match el.properties.get(field) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        match by_key.get(k) {
            Some(id) => out.push(*id),
            None => {
                problems.push(
                    MAP_FILE,
                    Some(el.key.clone()),
                    P::DanglingId {
                        field: field.into(),
                        id: k.to_owned(),
                    },
                );
                return None;
            }
        }
    }
    Some(out)
}

/// Kilometres of `lines` inside `area` (great-circle lengths of the clipped pieces).
pub fn km_inside(lines: &MultiLineString<f64>, area: &MultiPolygon<f64>) -> f64 {
    let (Some(a), Some(b)) = (lines.bounding_rect(), area.bounding_rect()) else {
        return 0.0;
    };
    if !a.intersects(&b) {
        return 0.0;
    }
    let inside = area.clip(lines, false);
    inside.0.iter().map(|l| Haversine.length(l)).sum::<f64>() / 1000.0
}

/// Longest step (km, in the map's projection) between the points [`as_drawn`] gives.
const DRAWN_STEP_KM: f64 = 10.0;

/// A line of (lon, lat) degrees as the map draws it: straight between its vertices in
/// `projection` (not in degrees), with a point at least every [`DRAWN_STEP_KM`], in
/// degrees again. A long step is a curve in degrees: a line drawn across the Pacific was
/// checked along a path 1,000 km from the one drawn, and declared to cross Japan (trial9
/// #3). The vertices themselves are kept exactly.
pub fn as_drawn(projection: &Projection, line: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let xy = projection.project_ring(line);
    let mut out = Vec::with_capacity(line.len());
    let mut prev: Option<&[f64; 2]> = None;
    for (ll, p) in line.iter().zip(&xy) {
        if let Some(q) = prev {
            let n = ((p[0] - q[0]).hypot(p[1] - q[1]) / DRAWN_STEP_KM).ceil() as usize;
            out.extend((1..n).map(|k| {
                let t = k as f64 / n as f64;
                projection.unproject(q[0] + t * (p[0] - q[0]), q[1] + t * (p[1] - q[1]))
            }));
        }
        out.push(*ll);
        prev = Some(p);
    }
    out
}

/// A line of (lon, lat) degrees cut where it crosses ±180°, as RFC 7946 §3.1.9 asks.
/// Longitude is circular: a step of more than 180° goes the short way, across the
/// antimeridian (Fiji to Hawaii crosses the Pacific, not the world), so the line is cut
/// there, at the latitude interpolated along the step, and goes on from the other side.
/// Pieces with fewer than two distinct points (a vertex on the line itself) are dropped.
pub fn split_at_antimeridian(line: &[[f64; 2]]) -> Vec<LineString<f64>> {
    let mut pieces: Vec<Vec<Coord<f64>>> = Vec::new();
    let mut piece: Vec<Coord<f64>> = Vec::new();
    let mut prev: Option<[f64; 2]> = None;
    for &[x, y] in line {
        if let Some([px, py]) = prev {
            let d = x - px;
            if d.abs() > 180.0 {
                // The edge the step leaves by, and the step unwrapped to go the short way.
                let edge = if d < 0.0 { 180.0 } else { -180.0 };
                let unwrapped = x - 360.0 * d.signum();
                let t = (edge - px) / (unwrapped - px);
                let lat = py + t * (y - py);
                piece.push(Coord { x: edge, y: lat });
                pieces.push(std::mem::take(&mut piece));
                piece.push(Coord { x: -edge, y: lat });
            }
        }
        piece.push(Coord { x, y });
        prev = Some([x, y]);
    }
    pieces.push(piece);
    pieces
        .into_iter()
        .filter(|p| p.iter().any(|c| p.first() != Some(c)))
        .map(LineString::from)
        .collect()
}

/// A route must declare in `via` every country and region its line runs through.
fn route(
    el: &Element,
    lines: &[Vec<[f64; 2]>],
    areas: &[(&Element, &MultiPolygon<f64>)],
    by_key: &HashMap<String, ElementId>,
    problems: &mut Problems,
) {
    let Some(via) = ids(el, "via", by_key, problems) else {
        return;
    };
    if via.is_empty() {
        problems.push(
            MAP_FILE,
            Some(el.key.clone()),
            field_err(
                "via",
                "a route needs `via`: the countries and regions its line passes through",
            ),
        );
        return;
    }
    let mls = MultiLineString::new(
        lines
            .iter()
            .flat_map(|l| split_at_antimeridian(l))
            .collect(),
    );
    for (area, mp) in areas {
        if via.contains(&area.id) {
            continue;
        }
        let km = km_inside(&mls, mp);
        if km > ROUTE_TOLERANCE_KM {
            problems.push(
                MAP_FILE,
                Some(el.key.clone()),
                P::RouteOutsideVia {
                    area: area.key.clone(),
                    km,
                },
            );
        }
    }
}

/// Kilometres from a point to the nearest point of an area (0 inside).
pub fn km_outside(p: Point<f64>, area: &MultiPolygon<f64>) -> f64 {
    if area.contains(&p) {
        return 0.0;
    }
    match area.closest_point(&p) {
        Closest::Intersection(_) => 0.0,
        Closest::SinglePoint(c) => Haversine.distance(p, c) / 1000.0,
        Closest::Indeterminate => f64::INFINITY,
    }
}

/// A place (not off the map) declares its `country` (or is a `capital_of`), and any
/// point that declares a country lies in it.
fn point_country(
    el: &Element,
    [x, y]: [f64; 2],
    elements: &[Element],
    by_key: &HashMap<String, ElementId>,
    problems: &mut Problems,
) {
    // Off-map points lie beyond the frame, where the atlas's polygons are clipped.
    if el.offmap || el.kind == Kind::Offmap {
        return;
    }
    let field = if el.properties.contains_key("country") {
        "country"
    } else {
        "capital_of"
    };
    let Some(declared) = ids(el, field, by_key, problems) else {
        return;
    };
    let Some(country) = declared.first().and_then(|c| elements.get(c.index())) else {
        if el.kind == Kind::Place && !el.offmap {
            problems.push(
                MAP_FILE,
                Some(el.key.clone()),
                field_err(
                    "country",
                    "a place needs the `country` (or region) it is in",
                ),
            );
        }
        return;
    };
    let Some(GeoShape::Area(mp)) = &country.geo else {
        return;
    };
    let km = km_outside(Point::new(x, y), mp);
    if km > POINT_TOLERANCE_KM {
        problems.push(
            MAP_FILE,
            Some(el.key.clone()),
            P::PointOutside {
                field: field.into(),
                area: country.key.clone(),
                km,
            },
        );
    }
}

/// An off-map marker whose point lies in a polygon that stands for it (`actor`) is an
/// actor on the map drawn twice. True if it is.
fn actor_once(
    el: &Element,
    [x, y]: [f64; 2],
    areas: &[(&Element, &MultiPolygon<f64>)],
    problems: &mut Problems,
) -> bool {
    let p = Point::new(x, y);
    let mut twice = false;
    for (area, mp) in areas {
        if area.actor == Some(el.id) && mp.contains(&p) {
            twice = true;
            problems.push(
                MAP_FILE,
                Some(el.key.clone()),
                P::ActorDrawnTwice {
                    polygon: area.key.clone(),
                },
            );
        }
    }
    twice
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use crate::model::projection::Extent;
    use geo::{Coord, LineString, Polygon};

    /// A leg across the Pacific (from near Midway to Shanghai) on a map fitted to the US
    /// and China, the trial9 route's last leg.
    fn pacific() -> (Projection, Vec<[f64; 2]>) {
        let line = vec![[-177.4, 26.6], [121.4, 33.8]];
        let extent = Extent::of([[-95.5, 33.3], [-120.8, 34.4], [-177.4, 26.6], [121.4, 33.8]]);
        (Projection::for_extent(extent), line)
    }

    #[test]
    fn a_route_is_checked_along_the_line_the_map_draws_not_straight_in_degrees() {
        let (proj, line) = pacific();
        let drawn = as_drawn(&proj, &line);
        assert_eq!(drawn.first(), line.first());
        assert_eq!(drawn.last(), line.last());
        // Every point lies on the straight projected segment the map draws.
        let [a, b] = [proj.project(-177.4, 26.6), proj.project(121.4, 33.8)];
        for &[lon, lat] in &drawn {
            let p = proj.project(lon, lat);
            let cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
            let off = cross.abs() / (b[0] - a[0]).hypot(b[1] - a[1]);
            assert!(off < 0.01, "{off} km off the drawn line at {lon}, {lat}");
        }
        // An island where the line straight in degrees passes, far from the drawn one:
        // the degrees' line crosses it, the drawn one (what the check uses) does not.
        let mid = [151.0, 30.2]; // halfway in degrees (the step crosses ±180°)
        let island = Polygon::new(
            LineString::from(
                [
                    [-1.0, -1.0],
                    [1.0, -1.0],
                    [1.0, 1.0],
                    [-1.0, 1.0],
                    [-1.0, -1.0],
                ]
                .iter()
                .map(|[x, y]| Coord {
                    x: mid[0] + x,
                    y: mid[1] + y,
                })
                .collect::<Vec<_>>(),
            ),
            vec![],
        );
        let island = MultiPolygon(vec![island]);
        let straight = MultiLineString::new(split_at_antimeridian(&line));
        let as_map = MultiLineString::new(split_at_antimeridian(&drawn));
        assert!(km_inside(&straight, &island) > 100.0);
        assert_eq!(km_inside(&as_map, &island), 0.0);
    }
}
