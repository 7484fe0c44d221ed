//! Level of detail: every outline (area rings, water lines) simplified for the zoom, so
//! that a world-scale atlas costs about as much per view as a regional one.
//!
//! At load each point gets its *significance* once: the Ramer–Douglas–Peucker tolerance
//! (km) above which it would be dropped (one pass, `O(n log n)` for most shapes). Level
//! `k` keeps the points more significant than [`FINEST_KM`]`· 2^k`, which is exactly
//! RDP at that tolerance (a unit test checks against `geo::Simplify`); a level is
//! filtered out the first time a view needs it and kept. A view uses the coarsest level
//! whose tolerance is at most [`PIXEL_TOLERANCE`] on screen. Hit-testing stays exact
//! (it uses the model's polygons).

use std::collections::HashMap;
use std::sync::OnceLock;

use geo::{Coord, Distance, Euclidean, Line};

use crate::model::{Atlas, ElementId, Kind, Projected};

/// Tolerance of the finest level, km (5 m: finer than any zoom the map allows).
pub(super) const FINEST_KM: f64 = 0.005;
/// Levels: the coarsest, `FINEST_KM · 2^27` ≈ 671,000 km, drops every inner point.
const LEVELS: usize = 28;
/// Largest distance between an outline as drawn and as given, in screen pixels.
pub(super) const PIXEL_TOLERANCE: f64 = 0.3;

/// One outline: a ring (closed, first point = last) or a line, with each point's
/// significance (km; the two ends are never dropped).
struct Outline {
    points: Vec<[f32; 2]>,
    significance: Vec<f32>,
    ring: bool,
}

/// One element's outlines and the levels filtered from them so far.
struct ElementLod {
    outlines: Vec<Outline>,
    levels: Vec<OnceLock<Vec<Vec<[f32; 2]>>>>,
}

/// Simplified outlines of every area and water line of an atlas.
pub(super) struct Lod {
    elements: HashMap<ElementId, ElementLod>,
}

impl Lod {
    /// Significance of every point of every area ring and water line (world km).
    pub fn new(atlas: &Atlas) -> Self {
        let mut elements = HashMap::new();
        for el in &atlas.elements {
            let outlines: Vec<Outline> = match &el.projected {
                Some(Projected::Area(a)) => a.rings.iter().map(|r| outline(r, true)).collect(),
                Some(Projected::Lines(lines)) if el.kind == Kind::Water => lines
                    .iter()
                    .map(|l| {
                        let pts: Vec<[f32; 2]> =
                            l.0.iter().map(|c| [c.x as f32, c.y as f32]).collect();
                        outline(&pts, false)
                    })
                    .collect(),
                _ => continue,
            };
            let levels = (0..LEVELS).map(|_| OnceLock::new()).collect();
            elements.insert(el.id, ElementLod { outlines, levels });
        }
        Self { elements }
    }

    /// `id`'s outlines (world km) for a view of `px_per_km` screen pixels per km: rings
    /// closed with at least three distinct points (smaller ones are dropped: they are
    /// thinner than the tolerance), lines with at least two. `None` if `id` has no
    /// outline, or the view is closer than the finest level (draw the original).
    pub fn outlines(&self, id: ElementId, px_per_km: f64) -> Option<&[Vec<[f32; 2]>]> {
        let level = level_for(px_per_km)?;
        let el = self.elements.get(&id)?;
        let cell = el.levels.get(level)?;
        let t = tolerance_km(level) as f32;
        let level = cell.get_or_init(|| el.outlines.iter().filter_map(|o| o.keep(t)).collect());
        Some(level.as_slice())
    }
}

/// The tolerance of level `k`, km.
pub(super) fn tolerance_km(k: usize) -> f64 {
    FINEST_KM * 2f64.powi(k as i32)
}

/// The coarsest level whose tolerance is at most [`PIXEL_TOLERANCE`] at `px_per_km`, or
/// `None` when even the finest is too coarse (or the zoom is not a positive number).
pub(super) fn level_for(px_per_km: f64) -> Option<usize> {
    if !px_per_km.is_finite() || px_per_km <= 0.0 {
        return None;
    }
    let k = (PIXEL_TOLERANCE / (px_per_km * FINEST_KM)).log2().floor();
    if k < 0.0 {
        return None;
    }
    Some((k as usize).min(LEVELS - 1))
}

impl Outline {
    /// The points more significant than `t` (km), or `None` if too few remain.
    fn keep(&self, t: f32) -> Option<Vec<[f32; 2]>> {
        let kept: Vec<[f32; 2]> = self
            .points
            .iter()
            .zip(&self.significance)
            .filter(|(_, s)| **s > t)
            .map(|(p, _)| *p)
            .collect();
        let least = if self.ring { 4 } else { 2 };
        (kept.len() >= least).then_some(kept)
    }
}

/// An outline with its points' significance. A ring not given closed is closed here.
fn outline(points: &[[f32; 2]], ring: bool) -> Outline {
    let mut points = points.to_vec();
    if ring && points.len() >= 2 && points.first() != points.last() {
        points.extend(points.first().copied());
    }
    let significance = significance(&points);
    Outline {
        points,
        significance,
        ring,
    }
}

fn coord(p: &[f32; 2]) -> Coord<f64> {
    Coord {
        x: f64::from(p[0]),
        y: f64::from(p[1]),
    }
}

/// Each point's Ramer–Douglas–Peucker significance (km): the largest tolerance at
/// which RDP still keeps it, i.e. its distance from the chord it split, capped by the
/// significance of the point that made that chord. The ends are infinitely significant.
/// Ties pick the last farthest point, as `geo::Simplify` does.
fn significance(points: &[[f32; 2]]) -> Vec<f32> {
    let n = points.len();
    let mut sig = vec![0.0f32; n];
    if let Some(s) = sig.first_mut() {
        *s = f32::INFINITY;
    }
    if let Some(s) = sig.last_mut() {
        *s = f32::INFINITY;
    }
    let mut stack = vec![(0usize, n.saturating_sub(1), f32::INFINITY)];
    while let Some((a, b, cap)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (Some(pa), Some(pb)) = (points.get(a), points.get(b)) else {
            continue;
        };
        let chord = Line::new(coord(pa), coord(pb));
        let mut far = (a + 1, -1.0f64);
        for (i, p) in points.iter().enumerate().take(b).skip(a + 1) {
            let d = Euclidean.distance(coord(p), &chord);
            if d >= far.1 {
                far = (i, d);
            }
        }
        let s = (far.1 as f32).min(cap);
        if let Some(v) = sig.get_mut(far.0) {
            *v = s;
        }
        stack.push((a, far.0, s));
        stack.push((far.0, b, s));
    }
    sig
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use geo::{LineString, Simplify};

    /// A wiggly closed ring: a circle of radius 100 km with noise, like a coastline.
    fn coastline(n: usize) -> Vec<[f32; 2]> {
        let mut pts: Vec<[f32; 2]> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                let r = 100.0 + 6.0 * (a * 17.0).sin() + 2.5 * (a * 61.0).cos() + (a * 7.3).sin();
                [(r * a.cos()) as f32, (r * a.sin()) as f32]
            })
            .collect();
        pts.push(pts[0]);
        pts
    }

    fn dist_to_polyline(p: [f32; 2], line: &[[f32; 2]]) -> f64 {
        line.windows(2)
            .map(|w| Euclidean.distance(coord(&p), &Line::new(coord(&w[0]), coord(&w[1]))))
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn a_level_is_exactly_what_rdp_keeps_at_its_tolerance() {
        let ring = coastline(2000);
        let o = outline(&ring, true);
        for k in [0, 3, 6, 9, 12] {
            let t = tolerance_km(k);
            let ours = o.keep(t as f32).expect("the ring survives");
            let line = LineString::from(ring.iter().map(coord).collect::<Vec<_>>());
            let theirs: Vec<[f32; 2]> = line
                .simplify(t)
                .0
                .iter()
                .map(|c| [c.x as f32, c.y as f32])
                .collect();
            assert_eq!(ours, theirs, "level {k} ({t} km)");
        }
    }

    #[test]
    fn a_simplified_ring_stays_closed_and_within_tolerance_of_the_original() {
        let ring = coastline(3000);
        let o = outline(&ring, true);
        let mut last = usize::MAX;
        for k in 0..14 {
            let t = tolerance_km(k);
            let kept = o
                .keep(t as f32)
                .expect("a 100 km ring outlives 40 km tolerance");
            assert_eq!(kept.first(), kept.last(), "closed at level {k}");
            assert!(kept.len() >= 4, "three distinct points at least");
            assert!(kept.len() <= last, "coarser levels never keep more points");
            last = kept.len();
            let worst = ring
                .iter()
                .map(|p| dist_to_polyline(*p, &kept))
                .fold(0.0, f64::max);
            assert!(
                worst <= t + 1e-3,
                "level {k}: {worst} km off, tolerance {t}"
            );
        }
        assert!(
            last < 50,
            "the coarsest levels keep only a handful ({last})"
        );
    }

    #[test]
    fn an_open_ring_is_closed_and_a_ring_thinner_than_the_tolerance_is_dropped() {
        let open = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
        let o = outline(&open, true);
        let kept = o.keep(0.1).unwrap();
        assert_eq!(kept.len(), 5);
        assert_eq!(kept.first(), kept.last());
        assert!(o.keep(20.0).is_none(), "a 10 km square at 20 km tolerance");
        let line = outline(&[[0.0, 0.0], [5.0, 0.1], [10.0, 0.0]], false);
        assert_eq!(line.keep(1.0).unwrap(), vec![[0.0, 0.0], [10.0, 0.0]]);
    }

    #[test]
    fn the_level_for_a_zoom_is_the_coarsest_within_the_pixel_tolerance() {
        for px_per_km in [0.001, 0.02, 0.3, 1.0, 7.5, 40.0] {
            let k = level_for(px_per_km).expect("a level");
            let on_screen = tolerance_km(k) * px_per_km;
            assert!(on_screen <= PIXEL_TOLERANCE, "{px_per_km}: {on_screen} px");
            assert!(
                tolerance_km(k + 1) * px_per_km > PIXEL_TOLERANCE,
                "{px_per_km}: level {} would do",
                k + 1
            );
        }
        // Closer than the finest level: the original outline.
        assert_eq!(level_for(PIXEL_TOLERANCE / FINEST_KM * 2.0), None);
        assert_eq!(level_for(0.0), None);
        assert_eq!(level_for(f64::NAN), None);
    }

    #[test]
    fn the_embedded_atlas_at_home_zoom_keeps_its_outlines_within_a_third_of_a_pixel() {
        let atlas = Atlas::embedded().unwrap();
        let lod = Lod::new(&atlas);
        let home = crate::state::MapMemory::fit(atlas.home_bounds(), [1024.0, 600.0]);
        let px_per_km = home.zoom;
        let t = tolerance_km(level_for(px_per_km).expect("a level"));
        let (mut before, mut after) = (0usize, 0usize);
        for el in &atlas.elements {
            let Some(Projected::Area(a)) = &el.projected else {
                continue;
            };
            let simple = lod.outlines(el.id, px_per_km).expect("an area's outlines");
            before += a.rings.iter().map(Vec::len).sum::<usize>();
            after += simple.iter().map(Vec::len).sum::<usize>();
            for r in simple {
                assert_eq!(r.first(), r.last(), "{} closed", el.key);
            }
            // Every original point is within the tolerance of what is drawn, unless its
            // whole ring is thinner than the tolerance and so not drawn at all.
            for ring in &a.rings {
                if outline(ring, true).keep(t as f32).is_none() {
                    continue;
                }
                for p in ring {
                    let near = simple
                        .iter()
                        .map(|r| dist_to_polyline(*p, r))
                        .fold(f64::INFINITY, f64::min);
                    let px = near * px_per_km;
                    assert!(px <= PIXEL_TOLERANCE + 1e-3, "{}: {px} px off", el.key);
                }
            }
        }
        assert!(
            after * 2 < before,
            "{before} points → {after}: not simplified"
        );
    }
}
