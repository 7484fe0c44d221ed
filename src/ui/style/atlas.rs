//! The colours an atlas gives its own countries, routes and claimants, computed once per
//! atlas from its data (not from the South Caucasus atlas's keys): which slot of each
//! palette ([`super::COUNTRY_FILLS`], [`super::ROUTE_COLOURS`],
//! [`super::CLAIMANT_COLOURS`]) each takes.

use std::collections::HashMap;

use geo::{BoundingRect, Distance, Euclidean, MultiPolygon, Simplify};

use crate::model::{Atlas, Element, ElementId, Kind, Projected};

/// Two countries closer than this share of the map data's larger side (at least
/// [`NEAR_MIN_KM`]) count as neighbours: a strait or a thin neighbour between them must
/// not leave two alike side by side.
const NEAR_SHARE: f64 = 0.01;
const NEAR_MIN_KM: f64 = 5.0;

/// Palette slots of one atlas's countries, routes and claimants, by element key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AtlasColours {
    country: HashMap<String, usize>,
    corridor: HashMap<String, usize>,
    claimant: HashMap<String, usize>,
}

impl AtlasColours {
    /// The atlas's colours: its main (not context) countries coloured greedily, most
    /// mentioned first (then by key): each takes the first fill no country has yet that
    /// no neighbour has, else the first no neighbour has; its routes in the atlas's
    /// order; its claimants by their state's family.
    pub fn of(atlas: &Atlas) -> Self {
        Self {
            country: country_slots(atlas, super::COUNTRY_FILLS.len()),
            corridor: atlas
                .elements
                .iter()
                .filter(|e| e.kind == Kind::Corridor)
                .enumerate()
                .map(|(i, e)| (e.key.clone(), i))
                .collect(),
            claimant: claimant_slots(atlas),
        }
    }

    /// The atlas's colours after an edit of the atlas `previous` was computed for: every
    /// country, route and claimant keeps the slot it had (trial8 #10: adding an
    /// organisation moved mentions from Syria, and Syria and Russia swapped colours);
    /// only new ones (or one whose kept slot a neighbour now has) are coloured afresh,
    /// greedily round the kept ones.
    pub fn keeping(atlas: &Atlas, previous: &AtlasColours) -> Self {
        let fresh = Self::of(atlas);
        let main = by_mentions(
            atlas,
            atlas
                .elements
                .iter()
                .filter(|e| e.kind == Kind::Country && !e.context)
                .collect(),
        );
        let seed: Vec<Option<usize>> = main
            .iter()
            .map(|e| previous.country.get(&e.key).copied())
            .collect();
        Self {
            country: country_slots_seeded(atlas, &main, super::COUNTRY_FILLS.len(), &seed),
            corridor: keep_slots(&fresh.corridor, &previous.corridor),
            claimant: keep_slots(&fresh.claimant, &previous.claimant),
        }
    }

    /// The fill slot of a main country.
    pub fn country_slot(&self, key: &str) -> Option<usize> {
        self.country.get(key).copied()
    }

    /// The route colour slot of a corridor, in the atlas's order.
    pub fn corridor_slot(&self, key: &str) -> Option<usize> {
        self.corridor.get(key).copied()
    }

    /// The claimant colour slot of an actor: its state's.
    pub fn claimant_slot(&self, key: &str) -> Option<usize> {
        self.claimant.get(key).copied()
    }
}

/// Mentions of each element, by index.
fn mention_counts(atlas: &Atlas) -> Vec<usize> {
    let mut count = vec![0usize; atlas.elements.len()];
    for m in &atlas.mentions {
        if let Some(c) = count.get_mut(m.element.index()) {
            *c += 1;
        }
    }
    count
}

/// Elements most mentioned first, then by key.
fn by_mentions<'a>(atlas: &Atlas, mut els: Vec<&'a Element>) -> Vec<&'a Element> {
    let count = mention_counts(atlas);
    let n = |e: &Element| count.get(e.id.index()).copied().unwrap_or(0);
    els.sort_by(|a, b| n(b).cmp(&n(a)).then_with(|| a.key.cmp(&b.key)));
    els
}

/// Greedy colouring of the main countries over the neighbour graph.
fn country_slots(atlas: &Atlas, fills: usize) -> HashMap<String, usize> {
    let main: Vec<&Element> = atlas
        .elements
        .iter()
        .filter(|e| e.kind == Kind::Country && !e.context)
        .collect();
    let main = by_mentions(atlas, main);
    let seed = vec![None; main.len()];
    country_slots_seeded(atlas, &main, fills, &seed)
}

/// Greedy colouring of `main` (in order) over the neighbour graph, each keeping its
/// `seed` slot where it has one that no neighbour keeps.
fn country_slots_seeded(
    atlas: &Atlas,
    main: &[&Element],
    fills: usize,
    seed: &[Option<usize>],
) -> HashMap<String, usize> {
    let [lo, hi] = atlas.data_bounds();
    let near = ((hi[0] - lo[0]).max(hi[1] - lo[1]) * NEAR_SHARE).max(NEAR_MIN_KM);
    let shapes: Vec<Option<MultiPolygon<f64>>> = main
        .iter()
        .map(|e| match &e.projected {
            Some(Projected::Area(a)) => Some(a.polygons.simplify(near / 2.0)),
            _ => None,
        })
        .collect();
    let slots = greedy_seeded(shapes.len(), fills, seed, |i, j| {
        neighbours(
            shapes.get(i).and_then(Option::as_ref),
            shapes.get(j).and_then(Option::as_ref),
            near,
        )
    });
    main.iter()
        .zip(slots)
        .map(|(e, s)| (e.key.clone(), s))
        .collect()
}

/// Greedy colouring of `n` nodes in order with `fills` colours: each takes the first
/// colour no node has yet and no earlier neighbour has, else the first no earlier
/// neighbour has (else, with every colour taken round it, its index's).
#[cfg(test)]
fn greedy(n: usize, fills: usize, adjacent: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    greedy_seeded(n, fills, &vec![None; n], adjacent)
}

/// [`greedy`] with some nodes' colours given: those keep them first (unless an earlier
/// seeded neighbour keeps the same), then the others are coloured in order round every
/// colour already given.
fn greedy_seeded(
    n: usize,
    fills: usize,
    seed: &[Option<usize>],
    adjacent: impl Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut slots: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let Some(s) = seed.get(i).copied().flatten().filter(|s| *s < fills) else {
            continue;
        };
        let clash = (0..i).any(|j| adjacent(i, j) && slots.get(j).copied().flatten() == Some(s));
        if !clash && let Some(slot) = slots.get_mut(i) {
            *slot = Some(s);
        }
    }
    for i in 0..n {
        if slots.get(i).copied().flatten().is_some() {
            continue;
        }
        let taken: Vec<usize> = (0..n)
            .filter(|j| *j != i && adjacent(i, *j))
            .filter_map(|j| slots.get(j).copied().flatten())
            .collect();
        let used: Vec<usize> = slots.iter().flatten().copied().collect();
        let free = |s: &usize| !taken.contains(s);
        let slot = (0..fills)
            .filter(free)
            .find(|s| !used.contains(s))
            .or_else(|| (0..fills).find(free))
            .unwrap_or(i % fills.max(1));
        if let Some(x) = slots.get_mut(i) {
            *x = Some(slot);
        }
    }
    slots.into_iter().map(|s| s.unwrap_or(0)).collect()
}

/// Fresh slots (`fresh`, by key) with every key `previous` knew keeping its old slot;
/// a new key takes the old slot of a known key that shares its fresh slot (a person
/// coloured as their state), else the first slot no kept key has.
fn keep_slots(
    fresh: &HashMap<String, usize>,
    previous: &HashMap<String, usize>,
) -> HashMap<String, usize> {
    let mut remap: HashMap<usize, usize> = HashMap::new();
    for (k, s) in fresh {
        if let Some(old) = previous.get(k) {
            remap.entry(*s).or_insert(*old);
        }
    }
    let mut keys: Vec<(&String, &usize)> = fresh.iter().collect();
    keys.sort_by_key(|(k, s)| (**s, (*k).clone()));
    let mut out = HashMap::new();
    for (k, s) in keys {
        let slot = match previous.get(k) {
            Some(old) => *old,
            None => match remap.get(s) {
                Some(m) => *m,
                None => {
                    let taken: Vec<usize> = remap.values().copied().collect();
                    let next = (0..).find(|x| !taken.contains(x)).unwrap_or(0);
                    remap.insert(*s, next);
                    next
                }
            },
        };
        out.insert(k.clone(), slot);
    }
    out
}

/// Whether two areas touch or lie within `near` km of each other.
fn neighbours(a: Option<&MultiPolygon<f64>>, b: Option<&MultiPolygon<f64>>, near: f64) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let (Some(ra), Some(rb)) = (a.bounding_rect(), b.bounding_rect()) else {
        return false;
    };
    let apart = (ra.min().x - rb.max().x)
        .max(rb.min().x - ra.max().x)
        .max(ra.min().y - rb.max().y)
        .max(rb.min().y - ra.max().y);
    apart <= near && Euclidean.distance(a, b) <= near
}

/// The state an element stands for or acts for: a country itself (or the actor its
/// context polygon stands for), a person's or organisation's place's, a place's
/// `country` (or `capital_of`), a region's `part_of`; else the element itself.
fn family(atlas: &Atlas, id: ElementId) -> ElementId {
    let mut cur = id;
    for _ in 0..6 {
        let Some(el) = atlas.element(cur) else {
            return cur;
        };
        let next = match el.kind {
            Kind::Country => el.actor.filter(|_| el.context),
            Kind::Person | Kind::Organisation => el.at.filter(|a| *a != cur),
            Kind::Place => ["country", "capital_of"]
                .iter()
                .find_map(|f| first_key(el, f))
                .and_then(|k| atlas.by_key(k)),
            Kind::Region => el.part_of,
            _ => None,
        };
        match next {
            Some(n) if n != cur => cur = n,
            _ => return cur,
        }
    }
    cur
}

/// The first key a property names (a string, or the first of an array).
fn first_key<'e>(el: &'e Element, field: &str) -> Option<&'e str> {
    match el.properties.get(field)? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Array(a) => a.first().and_then(serde_json::Value::as_str),
        _ => None,
    }
}

/// Each claimant of a relation takes its state's slot; the states in order of mentions
/// (then key), so the most mentioned claimant state takes the first colour.
fn claimant_slots(atlas: &Atlas) -> HashMap<String, usize> {
    use crate::model::timeline::Claimant;
    let claimants: Vec<ElementId> = atlas
        .elements
        .iter()
        .filter_map(|e| e.relation.as_ref())
        .filter_map(|r| match r.claimed_by {
            Claimant::Actor(id) => Some(id),
            Claimant::Author => None,
        })
        .collect();
    let mut states: Vec<&Element> = Vec::new();
    for c in &claimants {
        if let Some(s) = atlas.element(family(atlas, *c))
            && !states.iter().any(|e| e.id == s.id)
        {
            states.push(s);
        }
    }
    let states = by_mentions(atlas, states);
    let slot_of = |id: ElementId| states.iter().position(|s| s.id == id);
    atlas
        .elements
        .iter()
        .filter_map(|e| slot_of(family(atlas, e.id)).map(|s| (e.key.clone(), s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{greedy, greedy_seeded};

    #[test]
    fn seeded_colouring_keeps_every_seed_and_colours_new_nodes_round_them() {
        // A row of four; the first three keep the colours they had (in a new order), the
        // fourth is new and takes a colour its neighbour does not have.
        let row = |i: usize, j: usize| i.abs_diff(j) == 1;
        let slots = greedy_seeded(4, 4, &[Some(2), Some(0), Some(1), None], row);
        assert_eq!(slots.get(..3), Some(&[2, 0, 1][..]));
        assert_ne!(slots.get(3), slots.get(2));
        assert_eq!(slots.get(3), Some(&3), "a colour nobody has yet");
        // A seed a neighbour already keeps is coloured afresh.
        let slots = greedy_seeded(2, 3, &[Some(1), Some(1)], row);
        assert_eq!(slots, vec![1, 0]);
    }

    #[test]
    fn greedy_colouring_gives_new_colours_first_and_never_a_neighbour_s() {
        // Six countries in a row, each touching the next, with four colours: the first
        // four take a colour each, the fifth reuses one its neighbour does not have.
        let row = |i: usize, j: usize| i.abs_diff(j) == 1;
        let slots = greedy(6, 4, row);
        assert_eq!(slots.get(..4), Some(&[0, 1, 2, 3][..]));
        for i in 1..6 {
            assert_ne!(slots.get(i), slots.get(i - 1), "{slots:?}");
        }
        // A wheel: a centre touching a ring of six, three colours.
        let wheel =
            |i: usize, j: usize| i == 0 || j == 0 || i.abs_diff(j) == 1 || i.abs_diff(j) == 5;
        let slots = greedy(7, 3, wheel);
        for i in 0..7 {
            for j in 0..i {
                if wheel(i, j) {
                    assert_ne!(slots.get(i), slots.get(j), "{i} {j}: {slots:?}");
                }
            }
        }
    }
}
