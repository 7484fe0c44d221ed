//! The one loader: reads `article.json` (+ its text), `map.geojson` and `links.json`
//! (and the optional timeline files), checks everything, resolves every anchor and builds
//! the indexes. Loading is checking: an [`Atlas`] exists only if it has no problems.
//!
//! One step per file, run in order by [`load`]: [`source`] reads, [`article`], [`map`],
//! [`geo_checks`] (routes, points and actors against the polygons), [`relations`],
//! [`links`], [`checks`] and [`dates`] (across files) and [`time`].

mod article;
mod checks;
mod dates;
mod geo_checks;
mod links;
mod map;
mod relations;
mod source;
mod time;

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::article::Article;
use super::element::Element;
use super::ids::{ElementId, LinkId, is_valid_key};
use super::problem::{ProblemKind as P, Problems};
use super::time_frame::TimeFrame;
use super::{Atlas, SpatialIndex};

/// For author mode: a new route's `via` computed by the rule the check applies.
pub(crate) use geo_checks::{ROUTE_TOLERANCE_KM, as_drawn, km_inside, split_at_antimeridian};
pub use source::AtlasSource;

/// Largest file the loader will read. Bigger files are rejected before reading.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

pub const ARTICLE_FILE: &str = "article.json";
pub const MAP_FILE: &str = "map.geojson";
pub const LINKS_FILE: &str = "links.json";
/// Optional files: an atlas without them has no timeline, relations or scenarios.
pub const EVENTS_FILE: &str = "events.json";
pub const RELATIONS_FILE: &str = "relations.json";
pub const SCENARIOS_FILE: &str = "scenarios.json";

/// The article's text as the loader reads it (a byte order mark dropped), if it loads:
/// what `aras check --fix` compares quotes with.
pub fn article_text(source: &AtlasSource) -> Option<String> {
    article::load(source, &mut Problems::default()).map(|a| a.text)
}

/// Loads and checks an atlas.
///
/// # Errors
/// Every problem found, each naming its file, item and reason.
pub fn load(source: &AtlasSource) -> Result<Atlas, Problems> {
    load_as(source, false)
}

/// Loads an atlas for the editor: as [`load`], but an atlas marked finished that fails
/// only what finishing asks (every paragraph linked) is loaded as its draft would be, so
/// that `aras edit` opens it and lists those problems instead of refusing it (trial12:
/// a finished atlas saved with paragraphs still unlinked could no longer be edited).
/// The editor checks the document by its own rules; only the map drawn is the draft's.
///
/// # Errors
/// Every problem [`load`] finds, when the atlas fails even as a draft.
pub fn load_for_editing(source: &AtlasSource) -> Result<Atlas, Problems> {
    load(source).or_else(|strict| load_as(source, true).map_err(|_| strict))
}

/// [`load`], with the article read as a draft when `as_draft`.
fn load_as(source: &AtlasSource, as_draft: bool) -> Result<Atlas, Problems> {
    let mut problems = Problems::default();
    let mut article = article::load(source, &mut problems);
    if as_draft && let Some(a) = article.as_mut() {
        a.draft = true;
    }
    let (map, by_key) = load_elements(source, &mut problems);
    let refs = links::LinkRefs {
        by_key: &by_key,
        rejected: &map.rejected,
        check_refs: map.ok,
    };
    let links = links::load(source, article.as_ref(), &refs, &mut problems);
    let element_links = check_across(article.as_ref(), &map, &links, &mut problems);
    let link_keys: HashMap<&str, LinkId> =
        links.links.iter().map(|l| (l.key.as_str(), l.id)).collect();
    let time_refs = time::TimeRefs {
        by_key: &by_key,
        links: &link_keys,
        checkable: map.ok && links.ok,
        article: article.as_ref(),
        link_list: &links.links,
    };
    let time = time::load(source, &time_refs, &mut problems);

    let Some(article) = article else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let elements = map.elements;
    let index = SpatialIndex::build(&elements);
    let time_frame = TimeFrame::of(&time.events, &elements, &time.views);
    let mut atlas = Atlas {
        article,
        elements,
        links: links.links,
        by_key,
        element_links,
        index,
        projection: map.projection,
        mentions: Vec::new(),
        coverage: Default::default(),
        time: time_frame,
        events: time.events,
        scenarios: time.scenarios,
    };
    atlas.mentions = super::mentions::find(&atlas);
    atlas.coverage =
        super::mentions::coverage(&atlas, &atlas.mentions, &atlas.article.not_entities);
    Ok(atlas)
}

/// The map's elements with the relations added, their references resolved and their
/// geography checked, and the index of elements by key that later steps resolve against.
fn load_elements(
    source: &AtlasSource,
    problems: &mut Problems,
) -> (map::MapStep, HashMap<String, ElementId>) {
    let mut map = map::load(source, problems);
    let pending_relations = relations::load(source, &mut map.elements, problems);
    let by_key: HashMap<String, ElementId> = map
        .elements
        .iter()
        .map(|e: &Element| (e.key.clone(), e.id))
        .collect();
    map::resolve_refs(&mut map, &by_key, problems);
    geo_checks::check(&map.elements, &by_key, &map.projection, problems);
    relations::resolve(
        pending_relations,
        &by_key,
        &map.rejected,
        &mut map.elements,
        problems,
    );
    (map, by_key)
}

/// The checks across map and links (coverage, relations' claimants, change dates);
/// returns each element's links. The last two run only when both files were usable.
fn check_across(
    article: Option<&Article>,
    map: &map::MapStep,
    links: &links::LinksStep,
    problems: &mut Problems,
) -> Vec<Vec<LinkId>> {
    let element_links = checks::coverage(
        &checks::Coverage {
            article,
            elements: &map.elements,
            links: &links.links,
            named_by_rejected: &links.named_by_rejected,
            map_ok: map.ok,
            links_ok: links.ok,
        },
        problems,
    );
    if links.ok && map.ok {
        checks::relations(&map.elements, &element_links, &links.links, problems);
        if let Some(article) = article {
            checks::quotations(article, &map.elements, problems);
            dates::check_changed(
                article,
                &map.elements,
                &element_links,
                &links.links,
                problems,
            );
        }
    }
    element_links
}

/// Parses a JSON file's text, recording an empty or malformed file.
fn parse_json(file: &str, text: &str, problems: &mut Problems) -> Option<Value> {
    if text.trim().is_empty() {
        problems.push(file, None, P::Empty);
        return None;
    }
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(file, None, P::Json(e.to_string()));
            None
        }
    }
}

fn field_err(field: &str, reason: impl Into<String>) -> P {
    P::Field {
        field: field.into(),
        reason: reason.into(),
    }
}

/// A list under `key` in a JSON object, or a problem (and an empty list).
fn list_of(file: &str, value: Value, key: &str, problems: &mut Problems) -> Vec<Value> {
    try_list_of(file, value, key, problems).unwrap_or_default()
}

/// A list under `key` in a JSON object, or `None` after recording why the file is unusable.
fn try_list_of(file: &str, value: Value, key: &str, problems: &mut Problems) -> Option<Vec<Value>> {
    match value {
        Value::Object(mut o) => match o.remove(key) {
            Some(Value::Array(a)) => Some(a),
            _ => {
                problems.push(
                    file,
                    None,
                    field_err(key, format!("the file needs a `{key}` list")),
                );
                None
            }
        },
        _ => {
            problems.push(
                file,
                None,
                P::Json(format!("expected an object with a `{key}` list")),
            );
            None
        }
    }
}

/// Parses item `i` of a list, naming it in errors by its `id`, else by `noun` and position
/// (`link 3`); its id must be a valid key, unique in the file.
fn item<T: serde::de::DeserializeOwned>(
    file: &str,
    noun: &str,
    i: usize,
    v: Value,
    seen: &mut HashSet<String>,
    problems: &mut Problems,
) -> Option<(String, T)> {
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .map_or_else(|| format!("{noun} {i}"), str::to_owned);
    match serde_json::from_value::<T>(v) {
        Ok(t) => fresh_key(file, &id, || format!("{noun} {i}"), seen, problems).then_some((id, t)),
        Err(e) => {
            problems.push(file, Some(id), P::Json(e.to_string()));
            None
        }
    }
}

/// True if `key` is a valid id not seen before in `file`; otherwise records why, naming an
/// invalid key by its `position` (the key itself would not name it).
fn fresh_key(
    file: &str,
    key: &str,
    position: impl FnOnce() -> String,
    seen: &mut HashSet<String>,
    problems: &mut Problems,
) -> bool {
    if !is_valid_key(key) {
        problems.push(file, Some(position()), P::InvalidId(key.to_owned()));
        return false;
    }
    if !seen.insert(key.to_owned()) {
        problems.push(file, Some(key.to_owned()), P::DuplicateId(key.to_owned()));
        return false;
    }
    true
}
