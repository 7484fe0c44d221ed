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
    BooleanOps, ClosestPoint, Contains, Coord, Geometry, MapCoordsInPlace, MultiPolygon, Rect,
};
use serde_json::{Map, Value, json};

use super::resolve::{self, km_between};
use super::{Parsed, Reading, blocks};
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
    let mut lons: Vec<f64> = points.iter().map(|p| p.0).collect();
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

/// Clips an area to the frame; a frame across the antimeridian is clipped as its two
/// halves, each side of ±180°.
fn clip(g: Geometry<f64>, f: [f64; 4]) -> Option<Geometry<f64>> {
    let [w, s, e, n] = f;
    let rect = |w: f64, e: f64| Rect::new(Coord { x: w, y: s }, Coord { x: e, y: n }).to_polygon();
    let rects = if e > 180.0 {
        vec![rect(w.max(-180.0), 180.0), rect(-180.0, e - 360.0)]
    } else if w < -180.0 {
        vec![rect(w + 360.0, 180.0), rect(-180.0, e.min(180.0))]
    } else {
        vec![rect(w, e)]
    };
    let mp = match g {
        Geometry::MultiPolygon(mp) => mp,
        Geometry::Polygon(p) => MultiPolygon(vec![p]),
        other => return Some(other),
    };
    let mut out = mp.intersection(&MultiPolygon(rects));
    // Clipping at ±180° leaves float error (−180.00000001), which RFC 7946 readers
    // (our own loader among them) reject as out of range.
    out.map_coords_in_place(|c| Coord {
        x: c.x.clamp(-180.0, 180.0),
        y: c.y.clamp(-90.0, 90.0),
    });
    (!out.0.is_empty()).then_some(Geometry::MultiPolygon(out))
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
    country_key: Option<String>,
    note: Option<String>,
}

/// Builds the draft. `file_name` names the article in the citation.
pub fn make(text: &str, file_name: &str, parsed: &Parsed<'_>, gaz: &Gazetteer) -> Draft {
    let mut report = String::new();
    // 1. Uses, keyed by the element's place.
    let mut uses: BTreeMap<GazId, Use> = BTreeMap::new();
    let mut order: Vec<GazId> = Vec::new();
    let mut ambiguous = Vec::new();
    let mut unresolved = Vec::new();
    for t in &parsed.toponyms {
        let surface = text.get(t.range.clone()).unwrap_or_default();
        let Some(r) = &t.resolution else {
            unresolved.push((t.range.clone(), surface.to_owned()));
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
            && !ambiguous
                .iter()
                .any(|(s, id, _): &(String, GazId, String)| s == surface && *id == r.place.id)
        {
            ambiguous.push((
                surface.to_owned(),
                r.place.id.clone(),
                format!(
                    "  “{surface}” → {} ({}, {}) over {} ({}, {}): {why}",
                    r.place.name,
                    resolve::kind_word(r.place.kind),
                    r.place.country.as_deref().unwrap_or("-"),
                    ru.name,
                    resolve::kind_word(ru.kind),
                    ru.country.as_deref().unwrap_or("-"),
                ),
            ));
        }
        let u = uses.entry(place.id.clone()).or_insert_with(|| {
            order.push(place.id.clone());
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
    // 2. Elements with their geometry, inside a frame around the named places.
    let points: Vec<(f64, f64)> = order
        .iter()
        .filter_map(|id| gaz.get(id))
        .map(|p| (p.lon, p.lat))
        .collect();
    let fr = frame(&points).unwrap_or([-180.0, -85.0, 180.0, 85.0]);
    let mut els: Vec<El<'_>> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut key_of: HashMap<GazId, String> = HashMap::new();
    let mut left_geo = Vec::new();
    for id in &order {
        let Some(place) = gaz.get(id) else { continue };
        match element(gaz, place, fr, &mut keys, false) {
            Some(el) => {
                key_of.insert(id.clone(), el.key.clone());
                els.push(el);
            }
            None => left_geo.push(format!(
                "  {} ({}): the gazetteer has no shape the atlas can draw for it",
                place.name,
                resolve::kind_word(place.kind)
            )),
        }
    }
    // 3. Each point's country (added as context when not named), snapping the point
    //    onto the country's simplified coast when it falls just outside.
    let mut extra = Vec::new();
    for el in els
        .iter_mut()
        .filter(|e| matches!(e.geometry, Geometry::Point(_)))
    {
        let Some(iso) = el.place.country.as_deref() else {
            continue;
        };
        let Some(c) = country_of(gaz, iso, el.place.lon, el.place.lat) else {
            continue;
        };
        let ckey = match key_of.get(&c.id) {
            Some(k) => k.clone(),
            None => match element(gaz, c, fr, &mut keys, true) {
                Some(ce) => {
                    key_of.insert(c.id.clone(), ce.key.clone());
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
    els.extend(extra);
    // Points whose country could not be drawn cannot be checked: leave them out.
    els.retain(|e| {
        let keep =
            !matches!(e.geometry, Geometry::Point(_)) || e.label_only || e.country_key.is_some();
        if !keep {
            left_geo.push(format!(
                "  {}: its country is not in the gazetteer's map",
                e.place.name
            ));
        }
        keep
    });
    let named: HashSet<String> = els.iter().map(|e| e.key.clone()).collect();
    // 4. Context: countries and water in the frame.
    let [w, s, e, n] = fr;
    let norm = |x: f64| if x > 180.0 { x - 360.0 } else { x };
    for id in gaz.context_in(norm(w), s, norm(e), n) {
        if key_of.contains_key(id) {
            continue;
        }
        let Some(place) = gaz.get(id) else { continue };
        if let Some(el) = element(gaz, place, fr, &mut keys, true) {
            key_of.insert(id.clone(), el.key.clone());
            els.push(el);
        }
    }
    // 5. Links: one per sentence naming a drawn element.
    let (links, by_sentence) = links(text, parsed, &uses, &key_of, &named);
    let mut by_mentions: Vec<(String, usize)> = uses
        .iter()
        .filter_map(|(id, u)| {
            key_of
                .get(id)
                .filter(|k| named.contains(*k))
                .map(|k| (k.clone(), u.mentions))
        })
        .collect();
    by_mentions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // 6. The report.
    let _ = writeln!(
        report,
        "found {} places in {} sentences:",
        by_mentions.len(),
        by_sentence
    );
    for (key, count) in &by_mentions {
        let Some(el) = els.iter().find(|e| &e.key == key) else {
            continue;
        };
        let Some(u) = uses.get(&el.place.id) else {
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
            "  {} ({}, {}): {count} mention{}: {}",
            el.place.name,
            resolve::kind_word(el.place.kind),
            el.place.id.0,
            if *count == 1 { "" } else { "s" },
            forms.join(", ")
        );
    }
    let _ = writeln!(report, "ambiguous, resolved ({}):", ambiguous.len());
    for (_, _, a) in &ambiguous {
        let _ = writeln!(report, "{a}");
    }
    let _ = writeln!(report, "left out:");
    for l in &parsed.left_out {
        let _ = writeln!(
            report,
            "  “{}”: {}",
            text.get(l.range.clone()).unwrap_or_default(),
            l.reason
        );
    }
    for (_, s) in &unresolved {
        let _ = writeln!(
            report,
            "  “{s}”: looks like a place but is not in the gazetteer"
        );
    }
    for l in &left_geo {
        let _ = writeln!(report, "{l}");
    }
    let files = vec![
        ("article.txt", text.to_owned()),
        ("article.json", article_json(text, file_name, parsed)),
        ("map.geojson", map_json(&els, &uses)),
        ("links.json", links),
    ];
    Draft {
        files,
        report,
        by_mentions,
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
        (
            PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River,
            Some(g @ (Geometry::MultiLineString(_) | Geometry::LineString(_))),
        ) => (g, false),
        (PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River, Some(g)) => (clip(g, fr)?, false),
        (PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River, None) => return None,
        (_, Some(g @ (Geometry::MultiPolygon(_) | Geometry::Polygon(_)))) => (clip(g, fr)?, false),
        (_, _) => (point, true),
    };
    let base = slug(&place.name);
    let mut key = base.clone();
    let mut n = 2;
    while keys.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    keys.insert(key.clone());
    Some(El {
        key,
        place,
        geometry,
        label_only,
        context,
        country_key: None,
        note: None,
    })
}

fn map_json(els: &[El<'_>], uses: &BTreeMap<GazId, Use>) -> String {
    let features: Vec<Value> = els
        .iter()
        .map(|el| {
            let mut p = Map::new();
            p.insert("id".into(), json!(el.key));
            p.insert("kind".into(), json!(atlas_kind(el.place.kind)));
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
            if let Some(c) = &el.country_key {
                p.insert("country".into(), json!(c));
            }
            if let Some(n) = &el.note {
                p.insert("note".into(), json!(n));
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
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
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
