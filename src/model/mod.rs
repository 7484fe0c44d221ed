//! The pure model: the article, the map elements and the links between them, loaded,
//! checked and indexed once. Nothing here knows about egui, so the CLI, the benches and
//! the tests use exactly what the window uses.

pub mod anchor;
pub mod article;
pub mod date_words;
pub mod edit;
pub mod element;
pub mod export;
pub mod geometry;
pub mod ids;
pub mod load;
pub mod mentions;
pub mod problem;
pub mod projection;
pub mod search;
pub mod time_frame;
pub mod timeline;

use std::collections::HashMap;

use geo::{Contains, Coord, Distance, Euclidean, Point};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

pub use article::{Article, Part, PartKind};
pub use element::{Direction, Element, Kind, Link, Status};
pub use geometry::{GeoShape, Projected};
pub use ids::{ElementId, LinkId};
pub use load::{AtlasSource, load, load_for_editing};
pub use problem::{Problem, ProblemKind, Problems};
pub use projection::Projection;

/// An area wider or taller than this (km) is framed at home by its part nearest the
/// story's centre, not whole, unless it is what the article names most
/// ([`Atlas::story_bounds`]).
pub const WHOLE_AREA_KM: f64 = 2500.0;

/// The fewest mentions a smaller element needs to anchor the framing of a large
/// most-mentioned one ([`Atlas::story_bounds`], and `aras new`'s frame): one passing
/// mention ("North American", "(English version)") must not cut Mexico down to its
/// corner nearest it.
pub const MIN_ANCHOR_MENTIONS: usize = 2;

/// A story place farther from the most mentioned one than this many times the distance
/// within which 80 % of the mentions fall ([`mention_quantile_km`]) is not framed at home
/// (a draft draws it as an off-map marker when its clip box does not reach it): a
/// country named once on another continent must not shrink what the story is about.
pub const FAR_FACTOR: f64 = 2.5;
/// Story places nearer than this (km) to the most mentioned one are always framed: a
/// story about a town may show the next country, not the far corner of a large one
/// (Russia at Kaliningrad in a story about Salisbury).
pub const FAR_MIN_KM: f64 = 1000.0;

/// The distance (km) within which `share` (0–1) of the mentions fall, from
/// `(km, mentions)` per place; 0 without places.
pub fn mention_quantile_km(mut places: Vec<(f64, usize)>, share: f64) -> f64 {
    places.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = places.iter().map(|p| p.1).sum();
    let mut seen = 0;
    for (km, n) in places {
        seen += n;
        if seen as f64 >= share * total as f64 {
            return km;
        }
    }
    0.0
}

/// The loaded, checked atlas.
#[derive(Debug)]
pub struct Atlas {
    pub article: Article,
    pub elements: Vec<Element>,
    pub links: Vec<Link>,
    by_key: HashMap<String, ElementId>,
    /// For each element, its links: the body's first, each group in article order.
    element_links: Vec<Vec<LinkId>>,
    index: SpatialIndex,
    pub projection: Projection,
    /// Every mention of an element in the readable article, in text order.
    pub mentions: Vec<mentions::Mention>,
    coverage: mentions::Coverage,
    /// Dated events, earliest first.
    pub events: Vec<timeline::Event>,
    pub scenarios: Vec<timeline::Scenario>,
    /// Where the map date can go and the timeline's views; `None` when nothing is dated.
    pub time: Option<time_frame::TimeFrame>,
}

impl Atlas {
    /// The coverage report: unlinked names, unmentioned elements and links (computed at
    /// load).
    pub fn coverage(&self) -> &mentions::Coverage {
        &self.coverage
    }

    /// How many times the text names an element, as Review counts it: its mentions, or
    /// for a route or region the text only describes, its evidence passages.
    pub fn mention_count(&self, id: ElementId) -> usize {
        let evidence = self
            .coverage
            .named_by_evidence
            .iter()
            .find(|(e, _)| *e == id)
            .map_or(0, |(_, n)| *n);
        self.mentions_of(id).count() + evidence
    }

    /// Mentions of one element.
    pub fn mentions_of(&self, id: ElementId) -> impl Iterator<Item = &mentions::Mention> {
        self.mentions.iter().filter(move |m| m.element == id)
    }

    /// Whether the map has a date to show: the atlas has dated events, or elements that
    /// change (`changed`/`until`). A draft has neither, so its map shows no date.
    pub fn is_dated(&self) -> bool {
        self.time.is_some()
    }

    /// Where the map date can go (days since 1970, both ends included): the atlas's first
    /// dated event to its present ([`time_frame::TimeFrame`]); `(0, 0)` when undated.
    pub fn date_limits(&self) -> (i64, i64) {
        self.time.as_ref().map_or((0, 0), |t| (t.first, t.present))
    }

    /// The embedded atlas (compiled from `assets/`).
    pub fn embedded() -> Result<Self, Problems> {
        load(&AtlasSource::Embedded)
    }

    pub fn element(&self, id: ElementId) -> Option<&Element> {
        self.elements.get(id.index())
    }

    pub fn link(&self, id: LinkId) -> Option<&Link> {
        self.links.get(id.index())
    }

    pub fn by_key(&self, key: &str) -> Option<ElementId> {
        self.by_key.get(key).copied()
    }

    pub fn name(&self, id: ElementId) -> &str {
        self.element(id).map_or("?", |e| e.name.as_str())
    }

    /// Links of an element: the body's first, then the standfirst, then the title,
    /// caption, disclaimer and byline ([`article::PartKind::passage_rank`]), each group in
    /// article order. The reader and side panel start at the first.
    pub fn links_of(&self, id: ElementId) -> &[LinkId] {
        self.element_links
            .get(id.index())
            .map_or(&[], Vec::as_slice)
    }

    /// Other elements that share a passage with `id`, most shared first, then by name.
    pub fn related(&self, id: ElementId) -> Vec<ElementId> {
        let mut counts: HashMap<ElementId, usize> = HashMap::new();
        for l in self.links_of(id) {
            if let Some(link) = self.link(*l) {
                for e in &link.elements {
                    if *e != id {
                        *counts.entry(*e).or_default() += 1;
                    }
                }
            }
        }
        let mut out: Vec<_> = counts.into_iter().collect();
        out.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.name(a.0).cmp(self.name(b.0)))
        });
        out.into_iter().map(|(e, _)| e).collect()
    }

    /// Where an element is drawn: its own geometry's label point, or its `at` element's.
    pub fn anchor_point(&self, id: ElementId) -> Option<[f64; 2]> {
        let el = self.element(id)?;
        if let Some(p) = el.projected.as_ref().and_then(Projected::label_point) {
            return Some(p);
        }
        let at = el.at?;
        if at == id {
            return None;
        }
        self.element(at)?
            .projected
            .as_ref()
            .and_then(Projected::label_point)
    }

    /// Bounds in projected km of an element (or of where it acts).
    pub fn bounds_of(&self, id: ElementId) -> Option<[[f64; 2]; 2]> {
        let el = self.element(id)?;
        match el.projected.as_ref() {
            Some(p) => p.bounds(),
            None => self.anchor_point(id).map(|p| [p, p]),
        }
    }

    /// The topmost visible element at a projected point.
    ///
    /// Priority: places and off-map actors, then corridors, then regions (smallest
    /// first), then water, then countries. Points are hit within `point_radius` km, lines
    /// within `line_tolerance` km, areas by true point-in-polygon. A context polygon that
    /// stands for an actor (Syria) yields that actor.
    pub fn hit(&self, q: &HitQuery<'_>) -> Option<ElementId> {
        let reach = q.point_radius.max(q.line_tolerance);
        let envelope = AABB::from_corners(
            [q.at[0] - reach, q.at[1] - reach],
            [q.at[0] + reach, q.at[1] + reach],
        );
        let pt = Point(Coord {
            x: q.at[0],
            y: q.at[1],
        });
        // (kind rank, secondary key, id): smallest wins.
        let mut best: Option<(Kind, f64, ElementId)> = None;
        for cand in self.index.tree.locate_in_envelope_intersecting(&envelope) {
            let id = cand.data;
            if !(q.visible)(id) {
                continue;
            }
            let Some(el) = self.element(id) else { continue };
            let Some(proj) = &el.projected else { continue };
            let score = match proj {
                Projected::Point(p) => {
                    let d = ((p[0] - q.at[0]).powi(2) + (p[1] - q.at[1]).powi(2)).sqrt();
                    let r = if el.label_only {
                        q.point_radius * 3.0
                    } else {
                        q.point_radius
                    };
                    (d <= r).then_some(d)
                }
                Projected::Lines(lines) => {
                    let d = lines
                        .iter()
                        .map(|l| Euclidean.distance(&pt, l))
                        .fold(f64::INFINITY, f64::min);
                    (d <= q.line_tolerance).then_some(d)
                }
                Projected::Area(a) => a.polygons.contains(&pt).then_some(a.area_km2),
            };
            let Some(score) = score else { continue };
            // Label-only regions rank with regions; everything else by its kind.
            let rank = el.kind;
            if best.is_none_or(|(k, s, _)| (rank, score) < (k, s)) {
                best = Some((rank, score, id));
            }
        }
        let (_, _, id) = best?;
        Some(
            self.element(id)
                .and_then(|e| e.actor)
                .filter(|a| (q.visible)(*a))
                .unwrap_or(id),
        )
    }

    /// The countries (story or context) whose area holds a point (projected km).
    pub fn countries_at(&self, at: [f64; 2]) -> Vec<ElementId> {
        let pt = Point(Coord { x: at[0], y: at[1] });
        let envelope = AABB::from_point(at);
        self.index
            .tree
            .locate_in_envelope_intersecting(&envelope)
            .map(|c| c.data)
            .filter(|id| {
                self.element(*id).is_some_and(|e| {
                    e.kind == Kind::Country
                        && matches!(&e.projected, Some(Projected::Area(a)) if a.polygons.contains(&pt))
                })
            })
            .collect()
    }

    /// The story's core, projected km `[min, max]`: the bounding box of Armenia and
    /// Azerbaijan (with Nakhchivan). `None` if the atlas has neither.
    ///
    /// The ids are kept on purpose: this frame is the embedded atlas's editorial choice
    /// (the two states and the exclave where the story's borders run, reaching south to
    /// Tabriz), not what its mentions give: its most mentioned country is Iran, and a
    /// frame derived from mentions or sizes takes in all of Iran (a try in session 9
    /// broke the South Caucasus draft's framing test). Everywhere else (another
    /// projection, or without these story elements) the home view comes from the data,
    /// [`Atlas::story_bounds`].
    pub fn core_bounds(&self) -> Option<[[f64; 2]; 2]> {
        // Only where the story is the South Caucasus: a draft about the world carries
        // Armenia and Azerbaijan as context, and must not be framed on them.
        if self.projection != Projection::default() {
            return None;
        }
        ["armenia", "azerbaijan", "nakhchivan"]
            .iter()
            .filter_map(|k| self.by_key(k))
            .filter(|id| self.element(*id).is_some_and(|e| !e.context))
            .filter_map(|id| self.bounds_of(id))
            .reduce(union_bounds)
    }

    /// Bounds (projected km) of what the story is about: every element that is neither
    /// context nor off the map; a point as it is, an area whole if it is the most
    /// mentioned element or at most [`WHOLE_AREA_KM`] across, else only the point of its
    /// bounds nearest the most mentioned element (the most mentioned one at most
    /// [`WHOLE_AREA_KM`] across, when the most mentioned is larger) ("Chile" in a story about Peru frames
    /// northern Chile, not Tierra del Fuego); an element beyond the far rule
    /// ([`FAR_FACTOR`]) is left out. `aras new` clips its drafts by the same rules.
    /// `None` if there is none.
    pub fn story_bounds(&self) -> Option<[[f64; 2]; 2]> {
        let mut count = vec![0usize; self.elements.len()];
        for m in &self.mentions {
            if let Some(c) = count.get_mut(m.element.index()) {
                *c += 1;
            }
        }
        let story = || self.elements.iter().filter(|e| !e.context && !e.offmap);
        let across = |id: ElementId| self.across_km(id);
        let mentions = |id: ElementId| count.get(id.index()).copied().unwrap_or(0);
        let most = |only_small: bool| {
            story()
                .filter(|e| {
                    !only_small
                        || (across(e.id) <= WHOLE_AREA_KM
                            && !e.label_only
                            && mentions(e.id) >= MIN_ANCHOR_MENTIONS)
                })
                .max_by_key(|e| {
                    let n = count.get(e.id.index()).copied().unwrap_or(0);
                    (n, std::cmp::Reverse(e.id.index()))
                })
                .map(|e| e.id)
        };
        // A large most-mentioned country (Russia in a story about Salisbury) is framed by
        // its part nearest the most mentioned smaller element, as `aras new` frames it;
        // not by a passing mention or a label-only region (a continent's point): Mexico
        // in a story that says "North American" once is framed whole.
        let first = most(false);
        let main = match first {
            Some(id) if across(id) > WHOLE_AREA_KM => match most(true) {
                // Its own town (Beijing in a story about China and the US) does not
                // move the story elsewhere: the country is framed whole.
                Some(a) if self.holds(id, a) => first,
                a => a.or(first),
            },
            m => m,
        };
        // With a large area framed whole, another large area named at least half as
        // often is a co-protagonist, framed whole too (trial9 #4: the US and China).
        let co = |id: ElementId| {
            main == first
                && main
                    .is_some_and(|m| across(m) > WHOLE_AREA_KM && 2 * mentions(id) >= mentions(m))
        };
        let centre = main.and_then(|id| self.anchor_point(id));
        let framed: Vec<Framed> = story()
            .filter_map(|e| {
                let [lo, hi] = self.bounds_of(e.id)?;
                let n = count.get(e.id.index()).copied().unwrap_or(0).max(1);
                let Some(c) = centre else {
                    return Some(Framed::whole([lo, hi], 0.0, n));
                };
                let near = [c[0].clamp(lo[0], hi[0]), c[1].clamp(lo[1], hi[1])];
                let km = (near[0] - c[0]).hypot(near[1] - c[1]);
                Some(
                    if Some(e.id) != main && across(e.id) > WHOLE_AREA_KM && !co(e.id) {
                        Framed {
                            bounds: [near, near],
                            km,
                            mentions: n,
                            corner: true,
                        }
                    } else {
                        Framed::whole([lo, hi], km, n)
                    },
                )
            })
            .collect();
        frame_story(framed)
    }

    /// Whether a point element (a town) lies inside an area element (its country).
    fn holds(&self, area: ElementId, el: ElementId) -> bool {
        let geo = |id| self.element(id).and_then(|e| e.geo.as_ref());
        match (geo(area), geo(el)) {
            (Some(GeoShape::Area(mp)), Some(GeoShape::Point([x, y]))) => {
                mp.contains(&Point::new(*x, *y))
            }
            _ => false,
        }
    }

    /// How far an element reaches (km): the larger side of its bounds, or of its whole
    /// shape where a draft cut it at its frame (`uncut_km`, written by `aras new`): a
    /// large country is framed as one however little of it is drawn.
    pub fn across_km(&self, id: ElementId) -> f64 {
        let drawn = self
            .bounds_of(id)
            .map_or(0.0, |[lo, hi]| (hi[0] - lo[0]).max(hi[1] - lo[1]));
        let uncut = self
            .element(id)
            .and_then(|e| e.properties.get("uncut_km"))
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(0.0);
        drawn.max(uncut)
    }

    /// Whether a finished atlas is framed like the seed, on the South Caucasus window
    /// with its inset: not a draft, and [`Atlas::story_in_the_caucasus`]. A story about
    /// Syria drawn in the same projection is framed on Syria, finished or not (trial10
    /// #1: marked finished, it opened on the Caucasus).
    pub fn about_the_caucasus(&self) -> bool {
        !self.article.draft && self.story_in_the_caucasus()
    }

    /// Whether the map is drawn in the Caucasus projection with the story's centre
    /// inside 39–51°E, 37–44°N (or with no story to frame).
    pub fn story_in_the_caucasus(&self) -> bool {
        if self.projection != Projection::default() {
            return false;
        }
        let Some([lo, hi]) = self.story_bounds() else {
            return true;
        };
        let [lon, lat] = self
            .projection
            .unproject((lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0);
        (39.0..=51.0).contains(&lon) && (37.0..=44.0).contains(&lat)
    }

    /// What the map frames at home, projected km `[min, max]`: the core (Armenia,
    /// Azerbaijan with Nakhchivan) with a fifth of its width either side, reaching south
    /// to Lake Urmia and Tabriz (north-western Iran, 37.2°N); context shows at the edges.
    /// Without the core: unless [`Atlas::about_the_caucasus`], the story's bounds
    /// ([`Atlas::story_bounds`]) padded by a tenth (in Equal Earth, a story round the
    /// world, the data's bounds); else the South Caucasus window
    /// 39–51°E, 37–44°N if the map's data reaches it and is drawn in the Caucasus
    /// projection, else the data's own bounds.
    pub fn home_bounds(&self) -> [[f64; 2]; 2] {
        let p = &self.projection;
        let Some([lo, hi]) = self.core_bounds() else {
            // Elsewhere (a draft about Fiji, Peru or the world), or a draft drawn in the
            // Caucasus projection without its core (one about Kashmir, whose centre is
            // within reach of it): its own places, padded.
            // A story told round the world (drawn in Equal Earth) is framed whole, not
            // cut at its westernmost and easternmost places.
            // Once the author has rejected the draft's far-flung mistakes, the story left
            // (Beijing and Tianjin) is framed, not the world the draft was drawn for.
            if p.family() == projection::Family::EqualEarth {
                let data = self.data_bounds();
                return match self.story_bounds() {
                    Some(story) if width(story) < width(data) * 0.5 => padded(story),
                    _ => data,
                };
            }
            if !self.about_the_caucasus()
                && let Some([lo, hi]) = self.story_bounds()
            {
                return padded([lo, hi]);
            }
            let a = p.project(39.0, 44.0);
            let b = p.project(51.0, 37.0);
            let window = [
                [a[0].min(b[0]), a[1].min(b[1])],
                [a[0].max(b[0]), a[1].max(b[1])],
            ];
            let [dlo, dhi] = self.data_bounds();
            let overlaps = window[0][0] <= dhi[0]
                && dlo[0] <= window[1][0]
                && window[0][1] <= dhi[1]
                && dlo[1] <= window[1][1];
            // The window only where the Caucasus projection is in use: a world-scale
            // atlas also "reaches" it, and must be framed whole.
            let caucasus = *p == Projection::default();
            return if overlaps && caucasus {
                window
            } else {
                [dlo, dhi]
            };
        };
        let pad = (hi[0] - lo[0]) * 0.2;
        let south = p.project(46.0, 37.2)[1].max(hi[1]);
        [[lo[0] - pad, lo[1] - pad * 0.3], [hi[0] + pad, south]]
    }

    /// Bounds of all geometry in the atlas (projected), excluding off-map points.
    pub fn data_bounds(&self) -> [[f64; 2]; 2] {
        self.index.data_bounds
    }

    /// Count of elements per kind, in [`Kind::ALL`] order.
    pub fn counts_by_kind(&self) -> Vec<(Kind, usize, usize)> {
        Kind::ALL
            .iter()
            .map(|k| {
                let all = self.elements.iter().filter(|e| e.kind == *k).count();
                let ctx = self
                    .elements
                    .iter()
                    .filter(|e| e.kind == *k && e.context)
                    .count();
                (*k, all, ctx)
            })
            .collect()
    }
}

/// One story element as the home view frames it (projected km).
struct Framed {
    /// Its bounds, or the point of them nearest the story's centre (`corner`).
    bounds: [[f64; 2]; 2],
    /// From the story's centre.
    km: f64,
    mentions: usize,
    /// A large area framed by its point nearest the centre ([`WHOLE_AREA_KM`]).
    corner: bool,
}

impl Framed {
    fn whole(bounds: [[f64; 2]; 2], km: f64, mentions: usize) -> Self {
        Self {
            bounds,
            km,
            mentions,
            corner: false,
        }
    }
}

/// The bounds of the framed story elements: those within the far rule ([`FAR_FACTOR`]);
/// of those, a large area framed by its corner only where that corner meets the rest
/// of the story ([`meets_story`]): Russia, named as an actor in a story about Syria,
/// would otherwise frame the North Caucasus.
fn frame_story(framed: Vec<Framed>) -> Option<[[f64; 2]; 2]> {
    let far = (mention_quantile_km(framed.iter().map(|f| (f.km, f.mentions)).collect(), 0.8)
        * FAR_FACTOR)
        .max(FAR_MIN_KM);
    let near: Vec<Framed> = framed.into_iter().filter(|f| f.km <= far).collect();
    let core = near
        .iter()
        .filter(|f| !f.corner)
        .map(|f| f.bounds)
        .reduce(union_bounds);
    near.iter()
        .filter(|f| !f.corner || core.is_none_or(|c| meets_story(c, f.bounds[0])))
        .map(|f| f.bounds)
        .reduce(union_bounds)
}

/// Whether a large area's corner (projected km) meets the story framed whole (`core`):
/// it lies within the core grown by a tenth of its larger side, at least
/// [`MEETS_STORY_KM`] (Chile's north beside Peru, the United States beside Mexico).
/// Beyond, the area is an actor far from where the story happens: shown if the map
/// reaches it, never what the home view is stretched to.
pub fn meets_story([lo, hi]: [[f64; 2]; 2], p: [f64; 2]) -> bool {
    let pad = ((hi[0] - lo[0]).max(hi[1] - lo[1]) * 0.1).max(MEETS_STORY_KM);
    (lo[0] - pad..=hi[0] + pad).contains(&p[0]) && (lo[1] - pad..=hi[1] + pad).contains(&p[1])
}

/// The least margin (km) within which a large area's corner meets the story.
pub const MEETS_STORY_KM: f64 = 100.0;

/// East–west extent of projected bounds (km).
fn width(b: [[f64; 2]; 2]) -> f64 {
    b[1][0] - b[0][0]
}

/// The least a home view spans (km): a story of two cities 120 km apart still shows
/// the coast and land round them, as the base map has nothing finer to show.
const MIN_HOME_KM: f64 = 500.0;

/// Story bounds with a tenth of their larger side (at least 50 km) all round, widened
/// to span at least [`MIN_HOME_KM`] each way.
fn padded([lo, hi]: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    let (w, h) = (hi[0] - lo[0], hi[1] - lo[1]);
    let pad = (w.max(h) * 0.1).max(50.0);
    let (px, py) = (
        pad.max((MIN_HOME_KM - w) / 2.0),
        pad.max((MIN_HOME_KM - h) / 2.0),
    );
    [[lo[0] - px, lo[1] - py], [hi[0] + px, hi[1] + py]]
}

/// What to hit-test, in projected km.
pub struct HitQuery<'a> {
    pub at: [f64; 2],
    pub point_radius: f64,
    pub line_tolerance: f64,
    pub visible: &'a dyn Fn(ElementId) -> bool,
}

/// An R-tree of element bounding boxes: a click looks at a handful of candidates.
#[derive(Debug)]
pub struct SpatialIndex {
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, ElementId>>,
    data_bounds: [[f64; 2]; 2],
}

impl SpatialIndex {
    pub fn build(elements: &[Element]) -> Self {
        let mut items = Vec::new();
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for el in elements {
            let Some([a, b]) = el.projected.as_ref().and_then(Projected::bounds) else {
                continue;
            };
            if !el.offmap && !matches!(el.projected, Some(Projected::Point(_))) {
                lo = [lo[0].min(a[0]), lo[1].min(a[1])];
                hi = [hi[0].max(b[0]), hi[1].max(b[1])];
            }
            items.push(GeomWithData::new(Rectangle::from_corners(a, b), el.id));
        }
        if !lo[0].is_finite() {
            lo = [-1000.0, -1000.0];
            hi = [1000.0, 1000.0];
        }
        Self {
            tree: RTree::bulk_load(items),
            data_bounds: [lo, hi],
        }
    }
}

/// The smallest box holding both boxes (`[min, max]`, any units).
fn union_bounds([a, b]: [[f64; 2]; 2], [c, d]: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    [
        [a[0].min(c[0]), a[1].min(c[1])],
        [b[0].max(d[0]), b[1].max(d[1])],
    ]
}

#[cfg(test)]
mod home_tests {
    use super::{Framed, MIN_HOME_KM, frame_story, meets_story, padded};

    #[test]
    fn a_far_large_area_s_corner_does_not_stretch_the_story() {
        // Syria and Iraq framed whole (km); Russia's corner 700 km north of them.
        let syria = Framed::whole([[0.0, 0.0], [800.0, 700.0]], 0.0, 6);
        let iraq = Framed::whole([[500.0, 300.0], [1300.0, 1200.0]], 300.0, 1);
        let russia = Framed {
            bounds: [[600.0, -700.0], [600.0, -700.0]],
            km: 700.0,
            mentions: 2,
            corner: true,
        };
        let [lo, _] = frame_story(vec![syria, iraq, russia]).unwrap();
        assert_eq!(lo[1], 0.0, "the frame stops at Syria's north");
        // Chile's north beside Peru meets the story; a corner 400 km off does not.
        let peru = [[0.0, 0.0], [1000.0, 1400.0]];
        assert!(meets_story(peru, [900.0, 1450.0]));
        assert!(!meets_story(peru, [900.0, 1800.0]));
    }

    #[test]
    fn a_story_of_two_nearby_cities_is_framed_with_the_land_round_them() {
        // Beijing and Tianjin, about 110 km apart.
        let [lo, hi] = padded([[0.0, 0.0], [80.0, 75.0]]);
        assert!(hi[0] - lo[0] >= MIN_HOME_KM && hi[1] - lo[1] >= MIN_HOME_KM);
        assert!(lo[0] < 0.0 && hi[0] > 80.0 && lo[1] < 0.0 && hi[1] > 75.0);
        // A country-sized story keeps its tenth all round.
        let [lo, hi] = padded([[0.0, 0.0], [2000.0, 1000.0]]);
        assert_eq!((lo[0], hi[0]), (-200.0, 2200.0));
    }
}
