//! Geocoding: choosing, for each name found, which gazetteer place it means. A candidate
//! scores by its kind (a country before a province or a town of the same name), its
//! importance and population, the countries the rest of the article names (the article's
//! main country most), being the capital of a country the article names, and its
//! nearness to the article's other places. When the best
//! place far (over 161 km) from the chosen one scores close to it, the choice is
//! reported as ambiguous with that runner-up, never silently.

use std::collections::HashMap;

use crate::gazetteer::{Candidate, MatchKind, Place, PlaceKind};

/// Which place a name was resolved to.
#[derive(Clone, Debug)]
pub struct Resolution<'g> {
    pub place: &'g Place,
    /// The best-scoring candidate more than 161 km away, if it scored close.
    pub runner_up: Option<&'g Place>,
    /// Why the chosen place won over the runner-up, in words; set with `runner_up`.
    pub why: Option<String>,
    /// False for a town of under 100,000 people in a country the article does not
    /// otherwise name and far from its other places: more likely a word than that town.
    pub confident: bool,
}

/// Score gap under which the runner-up is reported.
const CLOSE: f64 = 1.0;
/// Distance (km) beyond which two candidates are different answers.
pub const DIFFERENT_KM: f64 = 161.0;

fn kind_prior(k: PlaceKind) -> f64 {
    match k {
        PlaceKind::Country => 3.0,
        PlaceKind::Continent => 2.5,
        PlaceKind::Region => 1.2,
        PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River => 1.1,
        PlaceKind::Mountains | PlaceKind::Physical => 1.0,
        PlaceKind::City => 0.5,
    }
}

/// Great-circle distance in km between two (lon, lat) points in degrees.
pub fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (l1, p1) = (a.0.to_radians(), a.1.to_radians());
    let (l2, p2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * ((l2 - l1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

fn at(p: &Place) -> (f64, f64) {
    (p.lon, p.lat)
}

/// One name to resolve: its normalised surface (so one name's own votes are not
/// counted for itself) and its candidates.
pub struct Query<'a, 'g> {
    pub surface: String,
    pub candidates: &'a [Candidate<'g>],
    /// Index of the name that contains this one, written right after it with a comma
    /// ("Springfield, Illinois"; "Georgia, US"), if any.
    pub within: Option<usize>,
}

/// Score added to a place that lies in the place named right after it with a comma.
const CONTAINED: f64 = 2.5;
/// Score added to a national capital whose country the article names (see
/// [`Scorer::capital_bonus`]): more than nearness (1) and most of the support of a
/// country named far more often (up to 1.5) together; less than a containing name (2.5).
const CAPITAL: f64 = 2.0;

/// True if `inner` can lie in `outer`: the same country, and for a province within
/// 600 km of its point (the gazetteer has no admin hierarchy below countries).
fn inside(inner: &Place, outer: &Place) -> bool {
    if inner.country.is_none() || inner.country != outer.country || inner.id == outer.id {
        return false;
    }
    match outer.kind {
        PlaceKind::Country => true,
        PlaceKind::Region => {
            inner.kind == PlaceKind::City && km_between(at(inner), at(outer)) < 600.0
        }
        _ => false,
    }
}

/// Hierarchy bonus of each candidate of each query: a place inside a candidate of the
/// name after it, and a container with a candidate of the name before it inside.
fn hierarchy(queries: &[Query<'_, '_>]) -> Vec<Vec<f64>> {
    let mut bonus: Vec<Vec<f64>> = queries
        .iter()
        .map(|q| vec![0.0; q.candidates.len()])
        .collect();
    for (qi, q) in queries.iter().enumerate() {
        let Some(outer) = q.within.and_then(|k| queries.get(k).map(|o| (k, o))) else {
            continue;
        };
        for (ci, c) in q.candidates.iter().enumerate() {
            for (oi, o) in outer.1.candidates.iter().enumerate() {
                if inside(c.place, o.place) {
                    if let Some(b) = bonus.get_mut(qi).and_then(|v| v.get_mut(ci)) {
                        *b = CONTAINED;
                    }
                    if let Some(b) = bonus.get_mut(outer.0).and_then(|v| v.get_mut(oi)) {
                        *b = CONTAINED;
                    }
                }
            }
        }
    }
    bonus
}

/// The countries (ISO alpha-2) the article names unambiguously, with weights.
fn country_votes(queries: &[Query<'_, '_>]) -> HashMap<(String, String), f64> {
    // (surface, country) -> weight, so a name's own votes can be taken out.
    let mut votes: HashMap<(String, String), f64> = HashMap::new();
    for q in queries {
        let Some(top) = q.candidates.first() else {
            continue;
        };
        let w = if matches!(top.place.kind, PlaceKind::Country) || top.matched == MatchKind::Demonym
        {
            1.0
        } else {
            0.5
        };
        if w > 0.0
            && let Some(c) = &top.place.country
        {
            *votes.entry((q.surface.clone(), c.clone())).or_default() += w;
        }
    }
    votes
}

/// Resolves every query; `None` where it has no candidates.
pub fn resolve<'g>(queries: &[Query<'_, 'g>]) -> Vec<Option<Resolution<'g>>> {
    let scorer = Scorer::new(queries);
    // First pass: context-free choice; second: nearness to the other names' choices.
    let first: Vec<Option<&Place>> = queries
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            q.candidates
                .iter()
                .enumerate()
                .max_by(|(ai, a), (bi, b)| {
                    (scorer.base(q, a) + scorer.extra(qi, *ai))
                        .total_cmp(&(scorer.base(q, b) + scorer.extra(qi, *bi)))
                })
                .map(|(_, c)| c.place)
        })
        .collect();
    queries
        .iter()
        .enumerate()
        .map(|(qi, q)| scorer.choose(queries, &first, qi, q))
        .collect()
}

/// What scores a candidate, computed once for all the article's names: the countries
/// the article names, its main country, and the hierarchy bonus of each candidate.
struct Scorer {
    /// (surface, country) -> weight (see [`country_votes`]).
    votes: HashMap<(String, String), f64>,
    /// Country -> all the article's votes for it.
    totals: HashMap<String, f64>,
    /// The country with most votes.
    main: Option<String>,
    /// The largest total (at least 1): support is scaled by it.
    max_support: f64,
    /// [query][candidate] bonus from [`hierarchy`].
    bonus: Vec<Vec<f64>>,
}

impl Scorer {
    fn new(queries: &[Query<'_, '_>]) -> Self {
        let votes = country_votes(queries);
        let mut totals: HashMap<&str, f64> = HashMap::new();
        for ((_, c), w) in &votes {
            *totals.entry(c.as_str()).or_default() += w;
        }
        let main = totals
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| (*c).to_owned());
        let max_support = totals.values().copied().fold(1.0, f64::max);
        let totals = totals.into_iter().map(|(c, w)| (c.to_owned(), w)).collect();
        Scorer {
            votes,
            totals,
            main,
            max_support,
            bonus: hierarchy(queries),
        }
    }

    /// The votes for the candidate's country from the article's other names.
    fn support(&self, q: &Query<'_, '_>, c: &Candidate<'_>) -> f64 {
        let Some(cc) = &c.place.country else {
            return 0.0;
        };
        let total = self.totals.get(cc.as_str()).copied().unwrap_or(0.0);
        let own = self
            .votes
            .get(&(q.surface.clone(), cc.clone()))
            .copied()
            .unwrap_or(0.0);
        total - own
    }

    /// A candidate's score before nearness: kind, importance, population, the support
    /// for its country, and being in the main country.
    fn base(&self, q: &Query<'_, '_>, c: &Candidate<'_>) -> f64 {
        let p = c.place;
        let mut s = kind_prior(p.kind)
            + f64::from(p.importance)
            + ((p.population as f64) + 1.0).log10() / 7.0;
        s += 1.5 * (self.support(q, c) / self.max_support).min(1.0);
        // In the article's main country: a province more than a town (a state named
        // like a country, "Georgia", is the state in an article about its country).
        if p.kind != PlaceKind::Country
            && self
                .main
                .as_deref()
                .is_some_and(|m| p.country.as_deref() == Some(m))
        {
            // (Not over a town of the same name there: "near Cusco" is the city.)
            let town_too = q
                .candidates
                .iter()
                .any(|o| o.place.kind == PlaceKind::City && o.place.country == p.country);
            s += if p.kind == PlaceKind::Region && !town_too {
                1.0
            } else {
                0.5
            };
        }
        if c.matched == MatchKind::AlternateName {
            s -= 0.2;
        }
        s + self.capital_bonus(q, c)
    }

    /// A national capital whose country the article names (or its main country) is
    /// what a news story means by the name: "Washington" in a story naming the U.S. is
    /// the capital, not the town in Tyne and Wear near the story's British places. The
    /// bonus outweighs nearness and a country named more often, so only a containing
    /// name ("Washington, England") or the capital's country going unnamed can overturn it.
    fn capital_bonus(&self, q: &Query<'_, '_>, c: &Candidate<'_>) -> f64 {
        let p = c.place;
        if p.kind != PlaceKind::City {
            return 0.0;
        }
        let Some(of) = p.capital_of.as_deref() else {
            return 0.0;
        };
        let named = self.support(q, c) > 0.0 || self.main.as_deref() == Some(of);
        if named { CAPITAL } else { 0.0 }
    }

    /// Candidate `ci` of query `qi`'s hierarchy bonus.
    fn extra(&self, qi: usize, ci: usize) -> f64 {
        self.bonus
            .get(qi)
            .and_then(|v| v.get(ci))
            .copied()
            .unwrap_or(0.0)
    }

    /// Query `qi`'s place: the best score with nearness to the other names' `first`
    /// choices, with a close runner-up far away reported.
    fn choose<'g>(
        &self,
        queries: &[Query<'_, 'g>],
        first: &[Option<&Place>],
        qi: usize,
        q: &Query<'_, 'g>,
    ) -> Option<Resolution<'g>> {
        let near = |p: &Place| -> f64 {
            let close = first.iter().enumerate().any(|(k, other)| {
                k != qi
                    && queries.get(k).is_some_and(|o| o.surface != q.surface)
                    && other.is_some_and(|o| {
                        o.kind != PlaceKind::Country && km_between(at(o), at(p)) < 300.0
                    })
            });
            if close { 1.0 } else { 0.0 }
        };
        let mut scored: Vec<(f64, &Candidate<'g>)> = q
            .candidates
            .iter()
            .enumerate()
            .map(|(ci, c)| (self.base(q, c) + near(c.place) + self.extra(qi, ci), c))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (best_score, best) = scored.first().copied()?;
        let far = scored
            .iter()
            .find(|(_, c)| km_between(at(c.place), at(best.place)) > DIFFERENT_KM);
        // The far runner-up is reported when the scores are close, or when it lies in
        // another country the article names too (Washington, US, under Washington, GB,
        // in a story naming both): the author should look.
        let named_elsewhere = |p: &Place| {
            p.country != best.place.country
                && p.country
                    .as_deref()
                    .and_then(|c| self.totals.get(c))
                    .is_some_and(|w| *w > 0.0)
        };
        let runner = far.filter(|(s, c)| best_score - s < CLOSE || named_elsewhere(c.place));
        let p = best.place;
        let confident = p.kind != PlaceKind::City
            || p.population >= 100_000
            || self.support(q, best) > 0.0
            || near(p) > 0.0;
        Some(Resolution {
            confident,
            place: best.place,
            runner_up: runner.map(|(_, c)| c.place),
            why: runner.map(|(_, c)| why(best.place, c.place, self.main.as_deref(), &self.totals)),
        })
    }
}

/// Why `chosen` beat `other`, in words, from the strongest factor.
fn why(chosen: &Place, other: &Place, main: Option<&str>, totals: &HashMap<String, f64>) -> String {
    let named = |p: &Place| {
        p.country
            .as_deref()
            .map_or(0.0, |c| totals.get(c).copied().unwrap_or(0.0))
    };
    if let Some(of) = chosen.capital_of.as_deref()
        && chosen.kind == PlaceKind::City
        && other.capital_of.is_none()
        && named(chosen) > 0.0
    {
        return format!("the capital of a country the article names ({of})");
    }
    if kind_prior(chosen.kind) > kind_prior(other.kind) {
        return format!(
            "a {} before a {} of the same name",
            kind_word(chosen.kind),
            kind_word(other.kind)
        );
    }
    if let (Some(m), Some(c)) = (main, chosen.country.as_deref())
        && m == c
        && other.country.as_deref() != Some(m)
    {
        return format!("in the article's main country ({m})");
    }
    if named(chosen) > named(other) {
        return format!(
            "the article names its country ({}) more",
            chosen.country.as_deref().unwrap_or("?")
        );
    }
    if chosen.population > other.population {
        return format!(
            "larger population ({} against {})",
            chosen.population, other.population
        );
    }
    "more important in the gazetteer, or near the article's other places".to_owned()
}

/// A place kind in words.
pub fn kind_word(k: PlaceKind) -> &'static str {
    match k {
        PlaceKind::Country => "country",
        PlaceKind::Region => "province or state",
        PlaceKind::City => "city or town",
        PlaceKind::Sea => "sea",
        PlaceKind::Lake => "lake",
        PlaceKind::River => "river",
        PlaceKind::Mountains => "mountain range",
        PlaceKind::Physical => "natural feature",
        PlaceKind::Continent => "continent",
    }
}
