//! The draft atlas: from a [`Parsed`] article to the four atlas files (`article.txt`
//! byte for byte, `article.json`, `map.geojson`, `links.json`) and a report of what was
//! found, what was ambiguous and what was left out.
//!
//! Each place the article names becomes one element of its kind, with the surface forms
//! found as aliases (demonyms and capitals standing for a government go to the country's
//! `demonyms` and `metonyms`), the gazetteer id and source, and the gazetteer's geometry,
//! clipped to the frame around the places; a town's country is added as context if the
//! article does not name it, and so are the countries and seas in the frame. Each
//! sentence that names places becomes one link, anchored by its exact words (with the
//! shortest prefix or suffix that makes a repeated sentence unique).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use geo::{
    BooleanOps, BoundingRect, ClosestPoint, Contains, Coord, CoordsIter, Geometry, Intersects,
    MapCoordsInPlace, MultiLineString, MultiPolygon, Rect, Translate,
};
use serde_json::{Map, Value, json};

use super::resolve::{self, km_between};
use super::{Parsed, Reading, blocks, tag};
use crate::gazetteer::{GazId, Gazetteer, Place, PlaceKind};
use crate::model::PartKind;

/// The atlas files, as (file name, contents), and the report for standard output.
pub struct Draft {
    pub files: Vec<(&'static str, String)>,
    pub report: String,
    /// Keys of the elements the article names, most mentioned first.
    pub by_mentions: Vec<(String, usize)>,
}

/// How one element is used in the text.
#[derive(Default)]
struct Use {
    literal: Vec<String>,
    demonyms: Vec<String>,
    metonyms: Vec<String>,
    mentions: usize,
    /// Sentences (indices) that name it.
    sentences: Vec<usize>,
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_owned());
    }
}

/// The country place with ISO code `iso`, found around a point.
fn country_of<'g>(gaz: &'g Gazetteer, iso: &str, lon: f64, lat: f64) -> Option<&'g Place> {
    gaz.context_in(lon - 0.5, lat - 0.5, lon + 0.5, lat + 0.5)
        .into_iter()
        .filter_map(|id| gaz.get(id))
        .find(|p| p.kind == PlaceKind::Country && p.country.as_deref() == Some(iso))
}

/// Lower-case ASCII id from a name: "Nagorno-Karabakh" -> "nagorno-karabakh".
fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in name.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '/')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    let s: String = out.trim_end_matches('-').chars().take(56).collect();
    if s.is_empty() { "place".to_owned() } else { s }
}

/// The frame: (west, south, east, north) around the points, with a margin, or `None` if
/// there are no points. Longitudes may exceed 180 when the frame crosses the antimeridian.
fn frame(points: &[(f64, f64)]) -> Option<[f64; 4]> {
    let first = points.first()?;
    // The shortest arc holding every longitude: the complement of the widest gap.
    let mut lons: Vec<f64> = points.iter().map(|p| wrap180(p.0)).collect();
    lons.sort_by(f64::total_cmp);
    let mut west = *lons.first()?;
    let mut east = *lons.last()?;
    let mut gap = 360.0 - (east - west);
    for w in lons.windows(2) {
        if let [a, b] = w
            && b - a > gap
        {
            gap = b - a;
            west = *b;
            east = *a + 360.0;
        }
    }
    let (mut south, mut north) = (first.1, first.1);
    for p in points {
        south = south.min(p.1);
        north = north.max(p.1);
    }
    let mx = ((east - west) * 0.15).max(2.0);
    let my = ((north - south) * 0.15).max(2.0);
    Some([
        west - mx,
        (south - my).max(-85.0),
        east + mx,
        (north + my).min(85.0),
    ])
}

fn wrap180(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

/// The map aspects (width / height) the home view must fill without showing the clip
/// box's edge: from a nearly square map (the side panel open in a 1024×700 window) to a
/// wide one (a 1400-point window with the timeline drawer open).
const ASPECTS: (f64, f64) = (0.9, 2.4);

/// Where the draft looks. `clip`: the box every shape is clipped to and the context is
/// chosen from (west, south, east, north, degrees; east may exceed 180 across the
/// antimeridian), wider than the frame around what the article names (which the opened
/// atlas frames at home), so that no cut edge shows at the home view of any map.
/// `offmap`: places too far from the rest to frame, drawn as markers at the map's edge.
struct Framing {
    clip: [f64; 4],
    offmap: HashSet<GazId>,
}

/// A place's extent, arc-aware: (west, south, east, north), east ≥ west, east may exceed
/// 180. A point for a town or a place without an outline.
fn extent_of(gaz: &Gazetteer, p: &Place) -> [f64; 4] {
    let point = [p.lon, p.lat, p.lon, p.lat];
    if p.kind == PlaceKind::City {
        return point;
    }
    let Some(g) = gaz.geometry(&p.id) else {
        return point;
    };
    let positions = g.coords_iter().map(|c| [c.x, c.y]);
    crate::model::projection::Extent::of(positions)
        .map_or(point, |e| [e.west, e.south, e.east, e.north])
}

/// Width and height of an extent, km.
fn size_km([w, s, e, n]: [f64; 4]) -> (f64, f64) {
    let lat = ((s + n) / 2.0).to_radians().cos().max(0.2);
    ((e - w) * 111.2 * lat, (n - s) * 111.2)
}

/// The point of an extent nearest `c` (lon, lat), across the antimeridian too.
fn nearest_in([w, s, e, n]: [f64; 4], c: (f64, f64)) -> (f64, f64) {
    let lat = c.1.clamp(s, n);
    let lon = [c.0 - 360.0, c.0, c.0 + 360.0]
        .into_iter()
        .map(|x| x.clamp(w, e))
        .min_by(|a, b| km_between((*a, lat), c).total_cmp(&km_between((*b, lat), c)))
        .unwrap_or(w);
    (lon, lat)
}

impl Framing {
    /// Frames the places in `order`: each town by its point, each area whole if it is
    /// at most [`crate::model::WHOLE_AREA_KM`] across, else by its part nearest the
    /// story's centre ([`story_centre`]). A place farther from that centre than the
    /// model's far rule ([`crate::model::FAR_FACTOR`]) is not framed, the rule the app's
    /// home view applies too; it is drawn where it is if the clip box reaches it, else as
    /// an off-map marker.
    fn of(gaz: &Gazetteer, order: &[GazId], uses: &BTreeMap<GazId, Use>) -> Self {
        let places: Vec<&Place> = order.iter().filter_map(|id| gaz.get(id)).collect();
        let small = |p: &Place| {
            let (w, h) = size_km(extent_of(gaz, p));
            w.max(h) <= crate::model::WHOLE_AREA_KM
        };
        let centre_place = story_centre(&places, uses, small);
        let centre = centre_place.map_or((0.0, 0.0), |p| (p.lon, p.lat));
        let mentions = |id: &GazId| uses.get(id).map_or(1, |u| u.mentions.max(1));
        // With a large centre framed whole, another large place named at least half as
        // often is a co-protagonist, framed whole too (the US and China), as the app's
        // home view frames it.
        let co = |p: &Place| {
            centre_place.is_some_and(|c| !small(c) && 2 * mentions(&p.id) >= mentions(&c.id))
        };
        // (place, its framing points, its distance from the centre, its own point,
        // framed whole).
        type Framed = (GazId, Vec<(f64, f64)>, f64, (f64, f64), bool);
        let framed: Vec<Framed> = places
            .iter()
            .map(|p| {
                let x = extent_of(gaz, p);
                let [west, south, east, north] = x;
                // The centre itself is framed whole, however large, as the app frames
                // its most mentioned element (Mexico, with no smaller place to anchor).
                let whole = small(p) || centre_place.is_some_and(|c| c.id == p.id) || co(p);
                let near = nearest_in(x, centre);
                let pts = if whole {
                    vec![(west, south), (east, north)]
                } else {
                    vec![near]
                };
                let km = km_between(near, centre);
                (p.id.clone(), pts, km, (p.lon, p.lat), whole)
            })
            .collect();
        let weighted: Vec<(f64, usize)> = framed.iter().map(|f| (f.2, mentions(&f.0))).collect();
        let far = (crate::model::mention_quantile_km(weighted, 0.8) * crate::model::FAR_FACTOR)
            .max(crate::model::FAR_MIN_KM);
        let mut offmap: HashSet<GazId> = framed
            .iter()
            .filter(|f| f.2 > far)
            .map(|f| f.0.clone())
            .collect();
        let near = |f: &&Framed| !offmap.contains(&f.0);
        let whole: Vec<(f64, f64)> = framed
            .iter()
            .filter(near)
            .filter(|f| f.4)
            .flat_map(|f| f.1.iter().copied())
            .collect();
        // A large area's corner only where it meets the rest of the story, as the app's
        // home view frames it ([`crate::model::meets_story`]): Russia, named as an
        // actor in a story about Syria, does not stretch the frame to the Caucasus.
        let core = frame(&whole);
        let pts: Vec<(f64, f64)> = framed
            .iter()
            .filter(near)
            .filter(|f| f.4 || core.is_none_or(|c| f.1.iter().all(|p| in_box(c, *p))))
            .flat_map(|f| f.1.iter().copied())
            .collect();
        let story = frame(&pts).unwrap_or([-180.0, -85.0, 180.0, 85.0]);
        let clip = clip_box(story);
        // A far place whose own point the clip box reaches anyway is drawn where it is
        // (an off-map marker must lie beyond everything drawn), but does not widen the
        // frame: the app's home view leaves it out by the same rule. A large country
        // with only a corner in the box (Russia at Kaliningrad, seen from Salisbury)
        // stays a marker pointing at it.
        offmap.retain(|id| !framed.iter().any(|f| &f.0 == id && in_box(clip, f.3)));
        Self { clip, offmap }
    }
}

/// The place the story is centred on: the most mentioned one, unless it is an area wider
/// than [`crate::model::WHOLE_AREA_KM`] (Russia in a story about Salisbury and London),
/// then the most mentioned place that is not (the United Kingdom), so that a large
/// country is framed by its part nearest the story, not whole. Ties go to the first
/// mentioned. The app's home view ([`crate::model::Atlas::story_bounds`]) uses the same
/// rule.
fn story_centre<'g>(
    places: &[&'g Place],
    uses: &BTreeMap<GazId, Use>,
    small: impl Fn(&Place) -> bool,
) -> Option<&'g Place> {
    let mentions = |p: &Place| uses.get(&p.id).map_or(0, |u| u.mentions);
    // The anchor of a large place: not a passing mention, not a continent's point
    // ([`crate::model::MIN_ANCHOR_MENTIONS`], as the app's home view).
    let anchor = |p: &Place| {
        small(p)
            && p.kind != PlaceKind::Continent
            && mentions(p) >= crate::model::MIN_ANCHOR_MENTIONS
    };
    let most = |only_small: bool| {
        places
            .iter()
            .enumerate()
            .filter(|(_, p)| !only_small || anchor(p))
            .max_by_key(|(i, p)| (uses.get(&p.id).map_or(0, |u| u.mentions), usize::MAX - i))
            .map(|(_, p)| *p)
    };
    let main = most(false)?;
    if small(main) {
        return Some(main);
    }
    match most(true) {
        // Its own town (Beijing in a story about China) does not move the story
        // elsewhere: the country is the centre, framed whole.
        Some(a)
            if main.kind == PlaceKind::Country
                && a.country.is_some()
                && a.country == main.country =>
        {
            Some(main)
        }
        a => a.or(Some(main)),
    }
}

/// Whether a point (lon, lat) lies in a box whose east may exceed 180.
fn in_box([w, s, e, n]: [f64; 4], (lon, lat): (f64, f64)) -> bool {
    (s..=n).contains(&lat)
        && [lon - 360.0, lon, lon + 360.0]
            .iter()
            .any(|x| (w..=e).contains(x))
}

/// How much of the base map lies beyond the home view, as a share of the view's size
/// each side: room to pan to the neighbours (Ireland and Portugal west of a story about
/// Britain) before the map's cut edge shows.
const PAN_MARGIN: f64 = 0.3;

/// The widest box (degrees of longitude) the pan margin may grow a frame to: wider, the
/// map is drawn round the world ([`crate::model::Projection::for_extent`]).
const PAN_MAX_LON: f64 = 140.0;

/// The story frame grown to the widest and tallest map [`ASPECTS`] allow, plus a
/// fifteenth each side (the home view of any such map stays inside it), plus the
/// [`PAN_MARGIN`] while the box stays under [`PAN_MAX_LON`].
fn clip_box(story: [f64; 4]) -> [f64; 4] {
    let [w, s, e, n] = story;
    let (wk, hk) = size_km(story);
    let home = |k: f64| {
        let width = wk.max(hk * ASPECTS.1) * k;
        let height = hk.max(wk / ASPECTS.0) * k;
        (width, height)
    };
    let lat = ((s + n) / 2.0).to_radians().cos().max(0.2);
    let (width, height) = match home(1.15 * (1.0 + 2.0 * PAN_MARGIN)) {
        (wd, _) if wd / (111.2 * lat) > PAN_MAX_LON => home(1.15),
        grown => grown,
    };
    let (cx, cy) = ((w + e) / 2.0, (s + n) / 2.0);
    let half_lat = height / 2.0 / 111.2;
    let (s2, n2) = ((cy - half_lat).max(-85.0), (cy + half_lat).min(85.0));
    let cos = ((s2 + n2) / 2.0).to_radians().cos().max(0.2);
    let half_lon = width / 2.0 / (111.2 * cos);
    if half_lon >= 180.0 {
        return [-180.0, s2, 180.0, n2];
    }
    [cx - half_lon, s2, cx + half_lon, n2]
}

/// The off-map places whose point lies inside the data frame the loaded draft will
/// have (the check's rule, `model::load::geo_checks`): the projected bounds of every
/// drawn area and line, in the projection fitted to everything drawn. A kilometre of
/// slack covers the rounding of the written coordinates.
fn offmap_inside_frame(els: &[El<'_>]) -> Vec<(GazId, (f64, f64))> {
    use crate::model::projection::Extent;
    let rings = |g: &Geometry<f64>| -> Vec<Vec<[f64; 2]>> {
        let ring = |l: &geo::LineString<f64>| l.0.iter().map(|c| [c.x, c.y]).collect();
        match g {
            Geometry::Point(p) => vec![vec![[p.x(), p.y()]]],
            Geometry::LineString(l) => vec![ring(l)],
            Geometry::MultiLineString(ml) => ml.0.iter().map(ring).collect(),
            Geometry::Polygon(p) => std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(ring)
                .collect(),
            Geometry::MultiPolygon(mp) => {
                mp.0.iter()
                    .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                    .map(ring)
                    .collect()
            }
            _ => Vec::new(),
        }
    };
    let drawn = || els.iter().filter(|e| !e.offmap);
    let positions = drawn().flat_map(|e| rings(&e.geometry)).flatten();
    let proj = crate::model::Projection::for_extent(Extent::of(positions));
    let mut frame: Option<[f64; 4]> = None;
    for e in drawn().filter(|e| !matches!(e.geometry, Geometry::Point(_))) {
        for r in rings(&e.geometry) {
            for [x, y] in proj.project_ring(&r) {
                let [x0, y0, x1, y1] = frame.unwrap_or([x, y, x, y]);
                frame = Some([x0.min(x), y0.min(y), x1.max(x), y1.max(y)]);
            }
        }
    }
    let Some([x0, y0, x1, y1]) = frame else {
        return Vec::new();
    };
    els.iter()
        .filter(|e| e.offmap)
        .filter_map(|e| {
            let Geometry::Point(p) = e.geometry else {
                return None;
            };
            let [x, y] = proj.project(p.x(), p.y());
            let inside = (x0 - 1.0..=x1 + 1.0).contains(&x) && (y0 - 1.0..=y1 + 1.0).contains(&y);
            inside.then(|| (e.place.id.clone(), (p.x(), p.y())))
        })
        .collect()
}

/// The clip box grown to hold `(lon, lat)` with a degree to spare, on the side of the
/// antimeridian nearer the box.
fn grown([w, s, e, n]: [f64; 4], (lon, lat): (f64, f64)) -> [f64; 4] {
    let lon = [lon - 360.0, lon, lon + 360.0]
        .into_iter()
        .min_by(|a, b| {
            let gap = |x: f64| (w - x).max(x - e).max(0.0);
            gap(*a).total_cmp(&gap(*b))
        })
        .unwrap_or(lon);
    let (s, n) = (s.min(lat - 1.0).max(-85.0), n.max(lat + 1.0).min(85.0));
    let (w, e) = (w.min(lon - 1.0), e.max(lon + 1.0));
    if e - w >= 360.0 {
        return [-180.0, s, 180.0, n];
    }
    [w, s, e, n]
}

/// The lon/lat rectangles of a box, split at ±180° when it crosses it.
fn rects([w, s, e, n]: [f64; 4]) -> MultiPolygon<f64> {
    let rect = |w: f64, e: f64| Rect::new(Coord { x: w, y: s }, Coord { x: e, y: n }).to_polygon();
    MultiPolygon(if e > 180.0 {
        vec![rect(w.max(-180.0), 180.0), rect(-180.0, e - 360.0)]
    } else if w < -180.0 {
        vec![rect(w + 360.0, 180.0), rect(-180.0, e.min(180.0))]
    } else {
        vec![rect(w, e)]
    })
}

/// Clips a shape to the box, as pieces within ±180°: a box across the antimeridian is
/// clipped as its two halves, and a shape the gazetteer unwrapped past 180° (Fiji,
/// Chukotka) is clipped at each 360° shift too. `None` if nothing is left.
fn clip(g: Geometry<f64>, f: [f64; 4]) -> Option<Geometry<f64>> {
    let box_ = rects(f);
    let shifted = |k: f64, g: &Geometry<f64>| {
        let mut g = g.clone();
        g.translate_mut(k, 0.0);
        g
    };
    let shifts = [-360.0, 0.0, 360.0];
    let mut out = match &g {
        Geometry::MultiPolygon(_) | Geometry::Polygon(_) => {
            let mut polys = Vec::new();
            for k in shifts {
                let mp = match shifted(k, &g) {
                    Geometry::MultiPolygon(mp) => mp,
                    Geometry::Polygon(p) => MultiPolygon(vec![p]),
                    _ => continue,
                };
                for poly in mp {
                    // A polygon wholly inside is kept as it is: the boolean operation
                    // would only risk splitting it into bands along its own vertices.
                    let within = poly.bounding_rect().is_some_and(|r| {
                        box_.iter().any(|b| {
                            b.bounding_rect().is_some_and(|b| {
                                b.min().x <= r.min().x
                                    && b.min().y <= r.min().y
                                    && r.max().x <= b.max().x
                                    && r.max().y <= b.max().y
                            })
                        })
                    });
                    if within {
                        polys.push(poly);
                    } else if poly.bounding_rect().is_some_and(|r| r.intersects(&box_)) {
                        polys.extend(MultiPolygon(vec![poly]).intersection(&box_));
                    }
                }
            }
            Geometry::MultiPolygon(MultiPolygon(polys))
        }
        Geometry::MultiLineString(_) | Geometry::LineString(_) => {
            let mut lines = Vec::new();
            for k in shifts {
                let ml = match shifted(k, &g) {
                    Geometry::MultiLineString(ml) => ml,
                    Geometry::LineString(l) => MultiLineString(vec![l]),
                    _ => continue,
                };
                lines.extend(box_.clip(&ml, false));
            }
            Geometry::MultiLineString(MultiLineString(lines))
        }
        _ => return Some(g),
    };
    // Clipping at ±180° leaves float error (−180.00000001), which RFC 7946 readers
    // (our own loader among them) reject as out of range.
    out.map_coords_in_place(|c| Coord {
        x: c.x.clamp(-180.0, 180.0),
        y: c.y.clamp(-90.0, 90.0),
    });
    let empty = match &out {
        Geometry::MultiPolygon(mp) => mp.0.is_empty(),
        Geometry::MultiLineString(ml) => ml.0.is_empty(),
        _ => false,
    };
    (!empty).then_some(out)
}

/// The atlas kind of a gazetteer place and whether it can be drawn as that kind.
fn atlas_kind(k: PlaceKind) -> &'static str {
    match k {
        PlaceKind::Country => "country",
        PlaceKind::City => "place",
        PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River => "water",
        PlaceKind::Region | PlaceKind::Mountains | PlaceKind::Physical | PlaceKind::Continent => {
            "region"
        }
    }
}

/// One element in the making.
struct El<'g> {
    key: String,
    place: &'g Place,
    geometry: Geometry<f64>,
    label_only: bool,
    context: bool,
    /// Beyond the map: drawn as a marker at its edge.
    offmap: bool,
    country_key: Option<String>,
    note: Option<String>,
    /// The larger side (km) of a story area's whole extent, where the clip box cut it:
    /// the app frames it by its size, not by the part drawn (`uncut_km`).
    uncut_km: Option<f64>,
}

/// What the article names: each place's uses, in order of first mention, and what was
/// ambiguous or unresolved.
struct Found {
    uses: BTreeMap<GazId, Use>,
    order: Vec<GazId>,
    /// (surface, chosen place, report line).
    ambiguous: Vec<(String, GazId, String)>,
    unresolved: Vec<String>,
}

/// The uses of each resolved place (a capital read as its government counts for its
/// country), the ambiguous names with their runner-up, and the unresolved names.
fn found(text: &str, parsed: &Parsed<'_>, gaz: &Gazetteer) -> Found {
    let mut f = Found {
        uses: BTreeMap::new(),
        order: Vec::new(),
        ambiguous: Vec::new(),
        unresolved: Vec::new(),
    };
    for t in &parsed.toponyms {
        let surface = text.get(t.range.clone()).unwrap_or_default();
        let Some(r) = &t.resolution else {
            f.unresolved.push(surface.to_owned());
            continue;
        };
        let mut place = r.place;
        if t.reading == Reading::Metonym
            && let Some(c) = r
                .place
                .capital_of
                .as_deref()
                .and_then(|iso| country_of(gaz, iso, r.place.lon, r.place.lat))
        {
            place = c;
        }
        if let (Some(ru), Some(why)) = (r.runner_up, &r.why)
            && !f
                .ambiguous
                .iter()
                .any(|(s, id, _)| s == surface && *id == r.place.id)
        {
            let line = format!(
                "  “{surface}” → {} ({}, {}) over {} ({}, {}): {why}",
                r.place.name,
                resolve::kind_word(r.place.kind),
                r.place.country.as_deref().unwrap_or("-"),
                ru.name,
                resolve::kind_word(ru.kind),
                ru.country.as_deref().unwrap_or("-"),
            );
            f.ambiguous
                .push((surface.to_owned(), r.place.id.clone(), line));
        }
        let u = f.uses.entry(place.id.clone()).or_insert_with(|| {
            f.order.push(place.id.clone());
            Use::default()
        });
        match (t.reading, place.id == r.place.id) {
            (Reading::Demonym, _) => push_unique(&mut u.demonyms, surface),
            (Reading::Metonym, false) => push_unique(&mut u.metonyms, surface),
            _ => push_unique(&mut u.literal, surface),
        }
        u.mentions += 1;
        if !u.sentences.contains(&t.sentence) {
            u.sentences.push(t.sentence);
        }
    }
    f
}

/// The map's elements in the making, with their unique keys.
#[derive(Default)]
struct Elements<'g> {
    els: Vec<El<'g>>,
    keys: HashSet<String>,
    key_of: HashMap<GazId, String>,
    /// Report lines for places that could not be drawn.
    left: Vec<String>,
}

impl<'g> Elements<'g> {
    /// One element per named place, in order of first mention.
    fn named(&mut self, gaz: &'g Gazetteer, order: &[GazId], fr: &Framing) {
        for id in order {
            let Some(place) = gaz.get(id) else { continue };
            let el = if fr.offmap.contains(id) {
                Some(offmap_element(place, &mut self.keys))
            } else {
                // A large country framed by the corner of its extent nearest the story
                // (Russia in a story about Britain) may have no land in the clip box:
                // it is still named, as a marker at the map's edge.
                element(gaz, place, fr.clip, &mut self.keys, false).or_else(|| {
                    (gaz.geometry(id).is_some() && !in_box(fr.clip, (place.lon, place.lat)))
                        .then(|| offmap_element(place, &mut self.keys))
                })
            };
            match el {
                Some(el) => {
                    self.key_of.insert(id.clone(), el.key.clone());
                    self.els.push(el);
                }
                None => self.left.push(format!(
                    "  {} ({}): the gazetteer has no shape the atlas can draw for it",
                    place.name,
                    resolve::kind_word(place.kind)
                )),
            }
        }
    }

    /// Each town's country (added as context when not named), snapping the point onto
    /// the country's simplified coast when it falls just outside; towns whose country
    /// cannot be drawn are left out (their place could not be checked).
    fn countries(&mut self, gaz: &'g Gazetteer, fr: &Framing) {
        let mut extra = Vec::new();
        for el in self
            .els
            .iter_mut()
            .filter(|e| !e.offmap && matches!(e.geometry, Geometry::Point(_)))
        {
            let Some(iso) = el.place.country.as_deref() else {
                continue;
            };
            let Some(c) = country_of(gaz, iso, el.place.lon, el.place.lat) else {
                continue;
            };
            let ckey = match self.key_of.get(&c.id) {
                Some(k) => k.clone(),
                None => match element(gaz, c, fr.clip, &mut self.keys, true) {
                    Some(ce) => {
                        self.key_of.insert(c.id.clone(), ce.key.clone());
                        let k = ce.key.clone();
                        extra.push(ce);
                        k
                    }
                    None => continue,
                },
            };
            let area = els_geometry(&extra, &ckey);
            snap_inside(el, area.or_else(|| gaz.geometry(&c.id)).as_ref());
            el.country_key = Some(ckey);
        }
        self.els.extend(extra);
        let left = &mut self.left;
        self.els.retain(|e| {
            let keep = !matches!(e.geometry, Geometry::Point(_))
                || e.label_only
                || e.offmap
                || e.country_key.is_some();
            if !keep {
                left.push(format!(
                    "  {}: its country is not in the gazetteer's map",
                    e.place.name
                ));
            }
            keep
        });
    }

    /// Context: the countries and water the clip box reaches.
    fn context(&mut self, gaz: &'g Gazetteer, fr: &Framing) {
        let [w, s, e, n] = fr.clip;
        // A box all round the world: wrapped, its east (180°) would equal its west.
        let (w, e) = if e - w >= 360.0 {
            (-180.0, 180.0)
        } else {
            (wrap180(w), wrap180(e))
        };
        for id in gaz.context_in(w, s, e, n) {
            if self.key_of.contains_key(id) {
                continue;
            }
            let Some(place) = gaz.get(id) else { continue };
            if !base_map(gaz, place, fr.clip) {
                continue;
            }
            if let Some(el) = element(gaz, place, fr.clip, &mut self.keys, true) {
                self.key_of.insert(id.clone(), el.key.clone());
                self.els.push(el);
            }
        }
    }
}

/// The source prefix of the embedded atlas's regional water layer: its rivers (the Aras,
/// the Kura) and small lakes are drawn for the South Caucasus only.
const REGIONAL_WATER: &str = "South Caucasus water layer";

/// Whether a context place belongs on a base map clipped to `clip`: the regional water
/// layer's rivers and its lakes under 500 km across only where the map is centred on
/// the South Caucasus (30–60°E, 30–50°N), since elsewhere the layer would show a few
/// Caucasus rivers and no Rhine or Danube.
fn base_map(gaz: &Gazetteer, place: &Place, clip: [f64; 4]) -> bool {
    if !place.source.starts_with(REGIONAL_WATER) {
        return true;
    }
    let [w, s, e, n] = clip;
    let (lon, lat) = (wrap180((w + e) / 2.0), (s + n) / 2.0);
    if (30.0..=60.0).contains(&lon) && (30.0..=50.0).contains(&lat) {
        return true;
    }
    let (wk, hk) = size_km(extent_of(gaz, place));
    place.kind != PlaceKind::River && wk.max(hk) >= 500.0
}

/// Builds the draft. `file_name` names the article in the citation.
pub fn make(text: &str, file_name: &str, parsed: &Parsed<'_>, gaz: &Gazetteer) -> Draft {
    let f = found(text, parsed, gaz);
    let mut fr = Framing::of(gaz, &f.order, &f.uses);
    // The map's data frame is a projected box, wider than the clip box in lon/lat at
    // its corners (a cone fans out; Equal Earth narrows to the poles): a far place whose
    // point it reaches is drawn where it is, with the clip box grown to hold it, until
    // no off-map marker lies inside (each round draws one more place, so it ends).
    let mut rounds = 0;
    let (m, named) = loop {
        rounds += 1;
        let mut m = Elements::default();
        m.named(gaz, &f.order, &fr);
        m.countries(gaz, &fr);
        let named: HashSet<String> = m.els.iter().map(|e| e.key.clone()).collect();
        m.context(gaz, &fr);
        let inside = offmap_inside_frame(&m.els);
        if inside.is_empty() || rounds > 8 {
            break (m, named);
        }
        for (id, point) in inside {
            fr.offmap.remove(&id);
            fr.clip = grown(fr.clip, point);
        }
    };
    let (links, by_sentence) = links(text, parsed, &f.uses, &m.key_of, &named);
    let mut by_mentions: Vec<(String, usize)> = f
        .uses
        .iter()
        .filter_map(|(id, u)| {
            m.key_of
                .get(id)
                .filter(|k| named.contains(*k))
                .map(|k| (k.clone(), u.mentions))
        })
        .collect();
    by_mentions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let report = report(text, parsed, &f, &m, &by_mentions, by_sentence);
    let files = vec![
        ("article.txt", text.to_owned()),
        ("article.json", article_json(text, file_name, parsed)),
        ("map.geojson", map_json(&m.els, &f.uses)),
        ("links.json", links),
    ];
    Draft {
        files,
        report,
        by_mentions,
    }
}

/// The report: what was found (with the forms used), what was ambiguous and how it was
/// resolved, what was left out and why.
fn report(
    text: &str,
    parsed: &Parsed<'_>,
    f: &Found,
    m: &Elements<'_>,
    by_mentions: &[(String, usize)],
    by_sentence: usize,
) -> String {
    let mut report = String::new();
    let _ = writeln!(
        report,
        "found {} places in {} sentences:",
        by_mentions.len(),
        by_sentence
    );
    found_lines(&mut report, f, m, by_mentions);
    let _ = writeln!(report, "ambiguous, resolved ({}):", f.ambiguous.len());
    for (_, _, a) in &f.ambiguous {
        let _ = writeln!(report, "{a}");
    }
    let _ = writeln!(report, "left out:");
    let left = parsed.left_out.iter().map(|l| {
        (
            text.get(l.range.clone()).unwrap_or_default(),
            l.reason.as_str(),
        )
    });
    let unresolved = f
        .unresolved
        .iter()
        .map(|s| (s.as_str(), "looks like a place but is not in the gazetteer"));
    for ((name, reason), n) in counted(left.chain(unresolved)) {
        let times = if n > 1 {
            format!(" ×{n}")
        } else {
            String::new()
        };
        let _ = writeln!(report, "  “{name}”{times}: {reason}");
    }
    for l in &m.left {
        let _ = writeln!(report, "{l}");
    }
    let unplaced = unplaced_names(text, parsed);
    if !unplaced.is_empty() {
        let _ = writeln!(
            report,
            "not looked up: names after “in”, “on”, “at”… that no gazetteer entry has \
             (lakes, rivers, villages?), to add in author mode if they are places:"
        );
        for name in unplaced {
            let _ = writeln!(report, "  “{name}”");
        }
    }
    report
}

/// Words after which a capitalised name is likely a place: "on the Mekong", "at Pak
/// Beng", "near Tonle Sap".
const PLACE_CUES: &[&str] = &[
    "in",
    "on",
    "at",
    "near",
    "from",
    "to",
    "across",
    "along",
    "into",
    "through",
    "around",
    "upstream",
    "downstream",
    "outside",
    "via",
];

/// Capitalised names right after a place cue ("on the Mekong", "at Pak Beng") that are
/// neither a toponym found nor a name the tagger left out with a reason: places the
/// gazetteer lacks (its world has no lakes or rivers and no towns under 15,000 people),
/// for the report, so that the author knows what to add. Each once, in text order.
pub fn unplaced_names(text: &str, parsed: &Parsed<'_>) -> Vec<String> {
    let judge = Unplaced {
        text,
        parsed,
        found: parsed.toponyms.iter().map(|t| t.range.clone()).collect(),
        left: parsed.left_out.iter().map(|l| l.range.clone()).collect(),
        surnames: tag::words_after_names(text),
    };
    let mut out: Vec<String> = Vec::new();
    // Prose only: titles and headings capitalise every word ("… Points to Shifting
    // Regional Currents"), and bylines and page furniture name no places ("Follow us on").
    let prose = |s: &&super::Sentence| {
        parsed.blocks.get(s.block).is_some_and(|b| {
            matches!(
                b.kind,
                PartKind::Paragraph
                    | PartKind::Standfirst
                    | PartKind::Pullquote
                    | PartKind::Caption
            )
        })
    };
    for sentence in parsed.sentences.iter().filter(prose) {
        let words = word_spans(text, sentence.range.clone());
        let mut i = 0;
        while i < words.len() {
            let lower = |k: usize| words.get(k).map(|w| judge.word(w).to_lowercase());
            // "according to Reuters" names a source.
            let cue = lower(i).is_some_and(|w| PLACE_CUES.contains(&w.as_str()))
                && !(lower(i).as_deref() == Some("to")
                    && i > 0
                    && lower(i - 1).as_deref() == Some("according"));
            i += 1;
            if !cue {
                continue;
            }
            let mut j = i;
            if lower(j).as_deref() == Some("the") {
                j += 1;
            }
            let run = judge.run(words.get(j..).unwrap_or_default());
            i = j + run.len();
            if let Some(name) = judge.listed(&run).filter(|n| !out.contains(n)) {
                out.push(name);
            }
        }
    }
    out
}

/// Names that follow "on", "at", "to"… in news text and are never places: platforms,
/// agencies and languages ("on Facebook", "in English").
const NOT_PLACES: &[&str] = &[
    "facebook",
    "twitter",
    "youtube",
    "instagram",
    "tiktok",
    "linkedin",
    "whatsapp",
    "google",
    "reuters",
    "bloomberg",
    "english",
    "french",
    "spanish",
    "arabic",
    "russian",
];

/// What [`unplaced_names`] reads a run of capitalised words with.
struct Unplaced<'a, 'g> {
    text: &'a str,
    parsed: &'a Parsed<'g>,
    /// Byte ranges of the toponyms found, and of the names left out with a reason.
    found: Vec<std::ops::Range<usize>>,
    left: Vec<std::ops::Range<usize>>,
    /// Capitalised words that follow a name or a title somewhere ("Mr Nuiry").
    surnames: HashSet<String>,
}

impl Unplaced<'_, '_> {
    fn word(&self, w: &std::ops::Range<usize>) -> &str {
        self.text.get(w.clone()).unwrap_or_default()
    }

    /// A name's words at the start of `words`, up to a word that cannot be one or a gap
    /// of more than a space or dash ("Facebook; Follow", "El Financiero, AMLO").
    fn run<'w>(&self, words: &'w [std::ops::Range<usize>]) -> Vec<&'w std::ops::Range<usize>> {
        let mut run: Vec<&std::ops::Range<usize>> = Vec::new();
        for w in words {
            let joined = run.last().is_none_or(|p| {
                self.text
                    .get(p.end..w.start)
                    .is_some_and(|g| g.chars().all(|c| matches!(c, ' ' | '-' | '–')))
            });
            if !joined || !name_word(self.word(w)) {
                break;
            }
            run.push(w);
        }
        run
    }

    /// The run's name, unless it is a person ("to President Raisi", "from Jack Smith",
    /// an acronym, a possessive), common words only ("in Parliament", "International
    /// Court"), a place found with words added ("Nagorno-Karabakh War"), or a name the
    /// tagger left out with its reason.
    fn listed(&self, run: &[&std::ops::Range<usize>]) -> Option<String> {
        let (first, last) = (run.first()?, run.last()?);
        let head = self.word(first);
        let lower = head.to_lowercase();
        // An acronym ("BP", "NYPD") names an organisation far more often than a place.
        let acronym = head
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && head.chars().count() > 1;
        let person = tag::is_title(&lower)
            || tag::is_first_name(&lower)
            || acronym
            || run
                .iter()
                .any(|w| self.parsed.persons.contains(&self.word(w).to_lowercase()))
            || (run.len() == 1 && self.surnames.contains(&lower));
        let short = head.chars().count() < 2 && run.len() == 1;
        let platform = run.len() == 1 && NOT_PLACES.contains(&lower.as_str());
        // A possessive names an owner, mostly a person or a firm ("to Kelly's").
        let owner = self.word(last).ends_with("’s") || self.word(last).ends_with("'s");
        let common = run
            .iter()
            .all(|w| tag::is_common_form(&self.word(w).to_lowercase()));
        let span = first.start..last.end;
        let meets_found = self
            .found
            .iter()
            .any(|k| k.start < span.end && span.start < k.end);
        let inside_left = self
            .left
            .iter()
            .any(|k| k.start <= span.start && span.end <= k.end);
        let skip = person || short || owner || platform || common || meets_found || inside_left;
        (!skip).then(|| self.text.get(span).unwrap_or_default().to_owned())
    }
}

/// A word that may be part of a place's name: capitalised, and not a month, a day or a
/// function word ("The", "And").
fn name_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    w.chars().next().is_some_and(char::is_uppercase)
        && !tag::is_month_or_day(&lower)
        && !tag::is_function_word(&lower)
}

/// Byte ranges of the words (letters and digits) of `range` in `text`.
fn word_spans(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let s = text.get(range.clone()).unwrap_or_default();
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        // An apostrophe between letters is part of the word ("D’Aunoy", "Côte d'Ivoire").
        let inner = matches!(c, '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, d)| d.is_alphabetic());
        match (c.is_alphanumeric() || inner, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push(range.start + a..range.start + i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push(range.start + a..range.start + s.len());
    }
    out
}

/// Each distinct item once, in the order of its first occurrence, with how often it
/// occurs: a name left out eight times for one reason is one line of the report.
fn counted<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<(T, usize)> {
    let mut out: Vec<(T, usize)> = Vec::new();
    for item in items {
        match out.iter_mut().find(|(x, _)| *x == item) {
            Some((_, n)) => *n += 1,
            None => out.push((item, 1)),
        }
    }
    out
}

/// The report's line for each place found: its mentions and the forms they take.
fn found_lines(report: &mut String, f: &Found, m: &Elements<'_>, by_mentions: &[(String, usize)]) {
    for (key, count) in by_mentions {
        let Some(el) = m.els.iter().find(|e| &e.key == key) else {
            continue;
        };
        let Some(u) = f.uses.get(&el.place.id) else {
            continue;
        };
        let forms: Vec<String> = u
            .literal
            .iter()
            .cloned()
            .chain(u.demonyms.iter().map(|d| format!("{d} (demonym)")))
            .chain(
                u.metonyms
                    .iter()
                    .map(|m| format!("{m} (for the government)")),
            )
            .collect();
        let _ = writeln!(
            report,
            "  {} ({}, {}): {count} mention{}: {}{}",
            el.place.name,
            resolve::kind_word(el.place.kind),
            el.place.id.0,
            if *count == 1 { "" } else { "s" },
            forms.join(", "),
            if el.offmap {
                " (far from the others: a marker at the map's edge)"
            } else {
                ""
            }
        );
    }
}

fn els_geometry(els: &[El<'_>], key: &str) -> Option<Geometry<f64>> {
    els.iter()
        .find(|e| e.key == key)
        .map(|e| e.geometry.clone())
}

/// Moves a point that lies more than 2.5 km outside its country onto the country's
/// closest edge, and says so in its note (simplified coasts leave ports offshore).
fn snap_inside(el: &mut El<'_>, area: Option<&Geometry<f64>>) {
    let (Some(Geometry::MultiPolygon(mp)), Geometry::Point(p)) = (area, &el.geometry) else {
        return;
    };
    if mp.contains(p) {
        return;
    }
    let closest = match mp.closest_point(p) {
        geo::Closest::Intersection(c) | geo::Closest::SinglePoint(c) => c,
        geo::Closest::Indeterminate => return,
    };
    let km = km_between((p.x(), p.y()), (closest.x(), closest.y()));
    if km > 2.5 {
        el.note = Some(format!(
            "The gazetteer's point lies {km:.0} km outside the country's simplified outline; moved onto its edge."
        ));
        el.geometry = Geometry::Point(closest);
    }
}

/// An element for a place: its key (unique among `keys`) and drawable geometry.
fn element<'g>(
    gaz: &Gazetteer,
    place: &'g Place,
    fr: [f64; 4],
    keys: &mut HashSet<String>,
    context: bool,
) -> Option<El<'g>> {
    let point = Geometry::Point(geo::Point::new(place.lon, place.lat));
    let (geometry, label_only) = match (place.kind, gaz.geometry(&place.id)) {
        (PlaceKind::City, _) => (point, false),
        (PlaceKind::Country, Some(g)) => (clip(g, fr)?, false),
        (PlaceKind::Country, None) => return None,
        (PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River, Some(g)) => (clip(g, fr)?, false),
        (PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River, None) => return None,
        (_, Some(g @ (Geometry::MultiPolygon(_) | Geometry::Polygon(_)))) => (clip(g, fr)?, false),
        (_, _) => (point, true),
    };
    let extent = extent_of(gaz, place);
    let cut = !in_box(fr, (extent[0], extent[1])) || !in_box(fr, (extent[2], extent[3]));
    let uncut_km = (!context && !label_only && place.kind != PlaceKind::City && cut).then(|| {
        let (w, h) = size_km(extent);
        w.max(h).round()
    });
    Some(El {
        key: unique_key(&place.name, keys),
        place,
        geometry,
        label_only,
        context,
        offmap: false,
        country_key: None,
        note: None,
        uncut_km,
    })
}

/// A place too far from the others to frame: a marker at the map's edge, at the
/// gazetteer's point (a town) or the representative point of its area.
fn offmap_element<'g>(place: &'g Place, keys: &mut HashSet<String>) -> El<'g> {
    El {
        key: unique_key(&place.name, keys),
        place,
        geometry: Geometry::Point(geo::Point::new(place.lon, place.lat)),
        label_only: false,
        context: false,
        offmap: true,
        country_key: None,
        uncut_km: None,
        note: (place.kind != PlaceKind::City).then(|| {
            "Point is the gazetteer's representative location, for an edge marker, not a boundary."
                .to_owned()
        }),
    }
}

/// A key from a name, unique among `keys` (which it joins): "fiji", "fiji-2".
fn unique_key(name: &str, keys: &mut HashSet<String>) -> String {
    let base = slug(name);
    let mut key = base.clone();
    let mut n = 2;
    while keys.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    keys.insert(key.clone());
    key
}

fn map_json(els: &[El<'_>], uses: &BTreeMap<GazId, Use>) -> String {
    let features: Vec<Value> = els
        .iter()
        .map(|el| {
            let mut p = Map::new();
            p.insert("id".into(), json!(el.key));
            let kind = if el.offmap && el.place.kind != PlaceKind::City {
                "offmap"
            } else {
                atlas_kind(el.place.kind)
            };
            p.insert("kind".into(), json!(kind));
            p.insert("name".into(), json!(el.place.name));
            if let Some(u) = uses.get(&el.place.id).filter(|_| !el.context) {
                let aliases: Vec<&String> =
                    u.literal.iter().filter(|s| **s != el.place.name).collect();
                p.insert("aliases".into(), json!(aliases));
                if !u.demonyms.is_empty() {
                    p.insert("demonyms".into(), json!(u.demonyms));
                }
                if !u.metonyms.is_empty() {
                    p.insert("metonyms".into(), json!(u.metonyms));
                }
            }
            p.insert("gazetteer".into(), json!(el.place.id.0));
            p.insert("source".into(), json!(el.place.source));
            if el.context {
                p.insert("context".into(), json!(true));
            }
            if el.label_only {
                p.insert("label_only".into(), json!(true));
            }
            if el.offmap {
                p.insert("offmap".into(), json!(true));
            }
            if el.place.kind == PlaceKind::City {
                // The map labels capitals with the story's countries, then big cities.
                let rank = match (&el.place.capital_of, el.place.population) {
                    (Some(_), _) => 1,
                    (None, n) if n >= 1_000_000 => 2,
                    _ => 3,
                };
                p.insert("rank".into(), json!(rank));
            }
            if let Some(c) = &el.country_key {
                p.insert("country".into(), json!(c));
            }
            if let Some(n) = &el.note {
                p.insert("note".into(), json!(n));
            }
            if let Some(km) = el.uncut_km {
                p.insert("uncut_km".into(), json!(km));
            }
            let geometry = geojson::Geometry::new(geojson::Value::from(&el.geometry));
            json!({"type": "Feature", "properties": p, "geometry": geometry})
        })
        .collect();
    let mut s = serde_json::to_string(&json!({"type": "FeatureCollection", "features": features}))
        .unwrap_or_default();
    s.push('\n');
    s
}

/// `links.json` and the number of sentences linked.
fn links(
    text: &str,
    parsed: &Parsed<'_>,
    uses: &BTreeMap<GazId, Use>,
    key_of: &HashMap<GazId, String>,
    named: &HashSet<String>,
) -> (String, usize) {
    let mut per_sentence: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    // Elements in the order the sentence names them.
    let mut firsts: Vec<(usize, usize, String)> = Vec::new();
    for (id, u) in uses {
        let Some(key) = key_of.get(id).filter(|k| named.contains(*k)) else {
            continue;
        };
        for &s in &u.sentences {
            let pos = parsed
                .toponyms
                .iter()
                .filter(|t| t.sentence == s)
                .position(|t| {
                    t.resolution
                        .as_ref()
                        .is_some_and(|r| &r.place.id == id || r.place.capital_of.is_some())
                })
                .unwrap_or(usize::MAX);
            firsts.push((s, pos, key.clone()));
        }
    }
    firsts.sort();
    for (s, _, key) in firsts {
        let v = per_sentence.entry(s).or_default();
        if !v.contains(&key) {
            v.push(key);
        }
    }
    let mut out = Vec::new();
    for (si, elements) in &per_sentence {
        let Some(sentence) = parsed.sentences.get(*si) else {
            continue;
        };
        let mut selector = Map::new();
        selector.insert("type".into(), json!("TextQuoteSelector"));
        let exact = text.get(sentence.range.clone()).unwrap_or_default();
        selector.insert("exact".into(), json!(exact));
        let (prefix, suffix) = disambiguate(text, sentence.range.clone());
        if let Some(p) = prefix {
            selector.insert("prefix".into(), json!(p));
        }
        if let Some(s) = suffix {
            selector.insert("suffix".into(), json!(s));
        }
        out.push(json!({"id": format!("s{}", si + 1), "elements": elements, "selector": selector}));
    }
    let mut s = serde_json::to_string_pretty(&json!({ "links": out })).unwrap_or_default();
    s.push('\n');
    (s, per_sentence.len())
}

/// The shortest prefix, else suffix, else both, that picks this occurrence of a quote
/// that occurs more than once; `(None, None)` for a unique quote.
fn disambiguate(text: &str, at: std::ops::Range<usize>) -> (Option<String>, Option<String>) {
    let exact = text.get(at.clone()).unwrap_or_default();
    let occurrences: Vec<usize> = text.match_indices(exact).map(|(i, _)| i).collect();
    if occurrences.len() <= 1 {
        return (None, None);
    }
    let max = text.chars().count();
    for n in 1..=max {
        let p = chars_before(text, at.start, n);
        if occurrences
            .iter()
            .filter(|&&o| text.get(..o).is_some_and(|b| b.ends_with(p)))
            .count()
            == 1
        {
            return (Some(p.to_owned()), None);
        }
        let s = chars_after(text, at.end, n);
        if occurrences
            .iter()
            .filter(|&&o| {
                text.get(o + exact.len()..)
                    .is_some_and(|a| a.starts_with(s))
            })
            .count()
            == 1
        {
            return (None, Some(s.to_owned()));
        }
        if p.len() >= at.start && s.len() + at.end >= text.len() {
            break;
        }
    }
    (None, None)
}

/// The `n` characters before byte `i` (fewer at the start of the text).
fn chars_before(text: &str, i: usize, n: usize) -> &str {
    let b = text.get(..i).unwrap_or_default();
    let start = b
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(k, _)| k);
    b.get(start..).unwrap_or_default()
}

/// The `n` characters after byte `i` (fewer at the end of the text).
fn chars_after(text: &str, i: usize, n: usize) -> &str {
    let a = text.get(i..).unwrap_or_default();
    let end = a.char_indices().nth(n).map_or(a.len(), |(k, _)| k);
    a.get(..end).unwrap_or_default()
}

fn article_json(text: &str, file_name: &str, parsed: &Parsed<'_>) -> String {
    let title = parsed
        .blocks
        .iter()
        .find(|b| b.kind == PartKind::Title)
        .and_then(|b| text.get(b.range.clone()))
        .map_or_else(
            || file_name.to_owned(),
            |t| blocks::display_text(t).to_owned(),
        );
    let parts: Vec<Value> = parsed
        .blocks
        .iter()
        .map(|b| {
            let block = text.get(b.range.clone()).unwrap_or_default();
            json!({"kind": b.kind, "starts": first_words(block, 4)})
        })
        .collect();
    let v = json!({
        "text": "article.txt",
        "title": title,
        "author": "",
        "citation": format!("{title} ({file_name}; draft atlas made by aras new)"),
        "draft": true,
        "parts": parts,
        "not_entities": not_entities(text, parsed),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// What the coverage report need not list: the months and weekdays
/// ([`dates_not_names`]) and the words of people's names the tagger found ("Xie",
/// "Yang", "Cano"), as the text writes them.
fn not_entities(text: &str, parsed: &Parsed<'_>) -> Vec<String> {
    let mut out = dates_not_names(text);
    let person_left_out = |l: &&tag::LeftOut| {
        l.reason.starts_with("a person's") || l.reason.starts_with("part of a person's")
    };
    let mut persons: HashSet<String> = parsed.persons.clone();
    for l in parsed.left_out.iter().filter(person_left_out) {
        let name = text.get(l.range.clone()).unwrap_or_default();
        persons.extend(name.split_whitespace().map(str::to_lowercase));
    }
    let mut words: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital && persons.contains(&word.to_lowercase()) && !words.iter().any(|w| w == word) {
            words.push(word.to_owned());
        }
    }
    words.sort();
    words.retain(|w| !out.contains(w));
    out.extend(words);
    out
}

/// The capitalised month and weekday names in the text ("March", "Saturday"), for
/// `not_entities`: they name no element, so the coverage report need not list them. A
/// word is left out if it ever follows a capitalised word that is not a common one, as a
/// surname does ("Theresa May").
fn dates_not_names(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut surnames: Vec<String> = Vec::new();
    let mut prev: Option<&str> = None;
    let mut rest = text;
    while let Some(start) = rest.find(char::is_alphabetic) {
        let gap = rest.get(..start).unwrap_or_default();
        let from = rest.get(start..).unwrap_or_default();
        let len = from
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(from.len());
        let word = from.get(..len).unwrap_or_default();
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if capital(word) && tag::is_month_or_day(&word.to_lowercase()) {
            let after_name = gap == " "
                && prev.is_some_and(|p| capital(p) && !tag::is_common(&p.to_lowercase()));
            let list = if after_name {
                &mut surnames
            } else {
                &mut found
            };
            if !list.iter().any(|w| w == word) {
                list.push(word.to_owned());
            }
        }
        prev = Some(word);
        rest = from.get(len..).unwrap_or_default();
    }
    found.retain(|w| !surnames.contains(w));
    found.sort();
    found
}

/// The block's first `n` words, exactly as written.
fn first_words(block: &str, n: usize) -> &str {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in block.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return block.get(..i).unwrap_or(block);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    block
}
