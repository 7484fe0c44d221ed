//! The one loader: reads `article.json` (+ its text), `map.geojson` and `links.json`,
//! checks everything, resolves every anchor and builds the indexes. Loading is checking:
//! an [`Atlas`] exists only if it has no problems.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::anchor::{self, AnchorError};
use super::article::{Article, ArticleSpec, PartKind};
use super::element::{Direction, Element, Kind, Link, LinkSpec, Status};
use super::geometry;
use super::ids::{ElementId, LinkId, is_valid_key};
use super::problem::{ProblemKind as P, Problems};
use super::projection::Projection;
use super::timeline::{
    Claimant, DatePoint, Event, EventDate, EventSpec, Relation, RelationSpec, Scenario,
    ScenarioSpec,
};
use super::{Atlas, SpatialIndex};

/// Largest file the loader will read. Bigger files are rejected before reading.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

pub const ARTICLE_FILE: &str = "article.json";
pub const MAP_FILE: &str = "map.geojson";
pub const LINKS_FILE: &str = "links.json";
/// Optional files: an atlas without them has no timeline, relations or scenarios.
pub const EVENTS_FILE: &str = "events.json";
pub const RELATIONS_FILE: &str = "relations.json";
pub const SCENARIOS_FILE: &str = "scenarios.json";

/// Where an atlas comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AtlasSource {
    /// Compiled into the binary from `assets/`.
    Embedded,
    /// A directory with the same files as `assets/`.
    Dir(PathBuf),
    /// Files held in memory, by name (synthetic atlases, the fuzzer).
    Memory(std::sync::Arc<std::collections::BTreeMap<String, Vec<u8>>>),
}

impl AtlasSource {
    pub fn describe(&self) -> String {
        match self {
            Self::Embedded => "the embedded atlas".to_owned(),
            Self::Dir(d) => d.display().to_string(),
            Self::Memory(_) => "an atlas in memory".to_owned(),
        }
    }

    fn read(&self, name: &str) -> Result<String, P> {
        match self {
            Self::Embedded => embedded(name)
                .map(str::to_owned)
                .ok_or_else(|| P::Io(format!("no embedded file {name}"))),
            Self::Dir(dir) => read_text(&dir.join(name)),
            Self::Memory(files) => match files.get(name) {
                Some(bytes) => text_of(bytes.clone()),
                None => Err(P::Io(format!("no file {name}"))),
            },
        }
    }

    /// Reads an optional file: `Ok(None)` if it does not exist.
    fn read_optional(&self, name: &str) -> Result<Option<String>, P> {
        match self {
            Self::Embedded => Ok(embedded(name).map(str::to_owned)),
            Self::Dir(dir) => {
                let path = dir.join(name);
                if path.exists() {
                    read_text(&path).map(Some)
                } else {
                    Ok(None)
                }
            }
            Self::Memory(files) => files.get(name).map(|b| text_of(b.clone())).transpose(),
        }
    }
}

fn embedded(name: &str) -> Option<&'static str> {
    match name {
        ARTICLE_FILE => Some(include_str!("../../assets/article.json")),
        MAP_FILE => Some(include_str!("../../assets/map.geojson")),
        LINKS_FILE => Some(include_str!("../../assets/links.json")),
        EVENTS_FILE => Some(include_str!("../../assets/events.json")),
        RELATIONS_FILE => Some(include_str!("../../assets/relations.json")),
        SCENARIOS_FILE => Some(include_str!("../../assets/scenarios.json")),
        "article.txt" => Some(include_str!("../../assets/article.txt")),
        _ => None,
    }
}

/// Reads a UTF-8 text file with a size limit; every failure says why.
fn read_text(path: &Path) -> Result<String, P> {
    let meta = std::fs::metadata(path).map_err(|e| P::Io(e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(P::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| P::Io(e.to_string()))?;
    text_of(bytes)
}

fn text_of(bytes: Vec<u8>) -> Result<String, P> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(P::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|e| P::NotUtf8(e.utf8_error().valid_up_to()))
}

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

/// Loads and checks an atlas.
pub fn load(source: &AtlasSource) -> Result<Atlas, Problems> {
    let mut problems = Problems::default();
    let read = |name: &str, problems: &mut Problems| match source.read(name) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(name, None, e);
            None
        }
    };

    // --- Article ---
    let article = read(ARTICLE_FILE, &mut problems)
        .and_then(|t| parse_json(ARTICLE_FILE, &t, &mut problems))
        .and_then(|v| match serde_json::from_value::<ArticleSpec>(v) {
            Ok(spec) => Some(spec),
            Err(e) => {
                problems.push(ARTICLE_FILE, None, P::Json(e.to_string()));
                None
            }
        })
        .and_then(|spec| {
            if spec.text.contains(['/', '\\']) || spec.text.starts_with('.') {
                problems.push(
                    ARTICLE_FILE,
                    Some("text".into()),
                    P::Field {
                        field: "text".into(),
                        reason: "must be a file name in the atlas directory".into(),
                    },
                );
                return None;
            }
            let text = read(&spec.text, &mut problems)?;
            match Article::new(text, &spec) {
                Ok(a) => Some(a),
                Err(e) => {
                    problems.push(&spec.text, None, P::Article(e));
                    None
                }
            }
        });

    // --- Map ---
    let projection = Projection::default();
    let mut elements = Vec::new();
    let mut pending_refs: Vec<(usize, &'static str, String)> = Vec::new();
    // Keys of features that were rejected: references to them are not reported again.
    let mut rejected: HashSet<String> = HashSet::new();
    let map_ok = match read(MAP_FILE, &mut problems) {
        Some(text) => parse_map(
            &text,
            &projection,
            &mut elements,
            &mut pending_refs,
            &mut rejected,
            &mut problems,
        ),
        None => false,
    };
    let read_optional = |name: &str, problems: &mut Problems| match source.read_optional(name) {
        Ok(t) => t,
        Err(e) => {
            problems.push(name, None, e);
            None
        }
    };
    let mut pending_relations: Vec<(usize, RelationSpec)> = Vec::new();
    if let Some(text) = read_optional(RELATIONS_FILE, &mut problems)
        && let Some(v) = parse_json(RELATIONS_FILE, &text, &mut problems)
    {
        parse_relations(v, &mut elements, &mut pending_relations, &mut problems);
    }
    let by_key: HashMap<String, ElementId> = elements
        .iter()
        .map(|e: &Element| (e.key.clone(), e.id))
        .collect();
    for (idx, field, key) in pending_refs {
        let Some(el) = elements.get_mut(idx) else {
            continue;
        };
        match by_key.get(&key) {
            Some(&id) => match field {
                "at" => el.at = Some(id),
                "actor" => el.actor = Some(id),
                "part_of" => el.part_of = Some(id),
                _ => {}
            },
            None if rejected.contains(&key) => {}
            None => problems.push(
                MAP_FILE,
                Some(el.key.clone()),
                P::DanglingId {
                    field: field.into(),
                    id: key,
                },
            ),
        }
    }

    for (idx, spec) in pending_relations {
        let get = |field: &str, k: &str, problems: &mut Problems| -> Option<ElementId> {
            let id = by_key.get(k).copied();
            if id.is_none() && !rejected.contains(k) {
                problems.push(
                    RELATIONS_FILE,
                    Some(spec.id.clone()),
                    P::DanglingId {
                        field: field.into(),
                        id: k.to_owned(),
                    },
                );
            }
            id
        };
        let from = get("from", &spec.from, &mut problems);
        let to = get("to", &spec.to, &mut problems);
        let claimed_by = if spec.claimed_by == "author" {
            Some(Claimant::Author)
        } else {
            get("claimed_by", &spec.claimed_by, &mut problems).map(Claimant::Actor)
        };
        if let (Some(from), Some(to), Some(claimed_by), Some(el)) =
            (from, to, claimed_by, elements.get_mut(idx))
        {
            el.relation = Some(Relation {
                from,
                to,
                kind: spec.relation,
                claimed_by,
            });
        }
    }

    // --- Links ---
    let mut links = Vec::new();
    // Elements named by links that were rejected: their missing passage is not news.
    let mut named_by_rejected: HashSet<ElementId> = HashSet::new();
    let mut links_ok = false;
    if let Some(text) = read(LINKS_FILE, &mut problems)
        && let Some(v) = parse_json(LINKS_FILE, &text, &mut problems)
    {
        let refs = LinkRefs {
            by_key: &by_key,
            rejected: &rejected,
            check_refs: map_ok,
        };
        links_ok = parse_links(
            v,
            article.as_ref(),
            &refs,
            &mut links,
            &mut named_by_rejected,
            &mut problems,
        );
    }

    // --- Coverage ---
    let mut element_links: Vec<Vec<LinkId>> = vec![Vec::new(); elements.len()];
    for l in &links {
        for e in &l.elements {
            if let Some(v) = element_links.get_mut(e.index()) {
                v.push(l.id);
            }
        }
    }
    for (el, ls) in elements.iter().zip(&element_links) {
        if links_ok && ls.is_empty() && !el.context && !named_by_rejected.contains(&el.id) {
            problems.push(MAP_FILE, Some(el.key.clone()), P::NoPassage);
        }
    }
    if links_ok
        && map_ok
        && named_by_rejected.is_empty()
        && let Some(article) = &article
    {
        for (pi, part) in article.paragraphs() {
            if !links.iter().any(|l| l.part == pi && !l.elements.is_empty()) {
                problems.push(
                    LINKS_FILE,
                    None,
                    P::ParagraphUnlinked(part.paragraph.unwrap_or_default()),
                );
            }
        }
    }

    let link_keys: HashMap<&str, LinkId> = links.iter().map(|l| (l.key.as_str(), l.id)).collect();
    let refs = TimeRefs {
        by_key: &by_key,
        links: &link_keys,
        checkable: map_ok && links_ok,
    };
    let mut events = Vec::new();
    if let Some(text) = read_optional(EVENTS_FILE, &mut problems)
        && let Some(v) = parse_json(EVENTS_FILE, &text, &mut problems)
    {
        events = parse_events(v, &refs, &mut problems);
    }
    let mut scenarios = Vec::new();
    if let Some(text) = read_optional(SCENARIOS_FILE, &mut problems)
        && let Some(v) = parse_json(SCENARIOS_FILE, &text, &mut problems)
    {
        scenarios = parse_scenarios(v, &refs, &mut problems);
    }

    let Some(article) = article else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let index = SpatialIndex::build(&elements);
    let mut atlas = Atlas {
        article,
        elements,
        links,
        by_key,
        element_links,
        index,
        projection,
        mentions: Vec::new(),
        coverage: Default::default(),
        events,
        scenarios,
    };
    atlas.mentions = super::mentions::find(&atlas);
    atlas.coverage =
        super::mentions::coverage(&atlas, &atlas.mentions, &atlas.article.not_entities);
    Ok(atlas)
}

fn field_err(field: &str, reason: impl Into<String>) -> P {
    P::Field {
        field: field.into(),
        reason: reason.into(),
    }
}

fn str_prop(props: &Map<String, Value>, field: &str) -> Result<Option<String>, P> {
    match props.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(field_err(field, "must be a string")),
    }
}

fn bool_prop(props: &Map<String, Value>, field: &str) -> Result<bool, P> {
    match props.get(field) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(field_err(field, "must be true or false")),
    }
}

fn strings_prop(props: &Map<String, Value>, field: &str) -> Result<Vec<String>, P> {
    match props.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| field_err(field, "must be a list of strings"))
            })
            .collect(),
        Some(_) => Err(field_err(field, "must be a list of strings")),
    }
}

fn enum_prop<T: serde::de::DeserializeOwned>(
    props: &Map<String, Value>,
    field: &str,
    allowed: &str,
) -> Result<Option<T>, P> {
    match props.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone())
            .map(Some)
            .map_err(|_| field_err(field, format!("must be one of {allowed}, not {v}"))),
    }
}

/// Id-valued properties checked after all elements are known.
const REF_FIELDS: [&str; 3] = ["at", "actor", "part_of"];
/// Id-list properties that are only checked (they are kept for export and the panel).
const REF_LIST_FIELDS: [&str; 5] = [
    "capital_of",
    "opposed_by",
    "promoted_by",
    "allowed_by",
    "alleged_by",
];

/// Parses the map into `elements`. Returns false if the file as a whole was unusable.
fn parse_map(
    text: &str,
    projection: &Projection,
    elements: &mut Vec<Element>,
    pending: &mut Vec<(usize, &'static str, String)>,
    rejected: &mut HashSet<String>,
    problems: &mut Problems,
) -> bool {
    let Some(value) = parse_json(MAP_FILE, text, problems) else {
        return false;
    };
    let fc = match geojson::FeatureCollection::try_from(value) {
        Ok(fc) => fc,
        Err(e) => {
            problems.push(MAP_FILE, None, P::GeoJson(e.to_string()));
            return false;
        }
    };
    let mut seen = HashSet::new();
    let mut list_refs: Vec<(String, String, String)> = Vec::new();
    for (i, feature) in fc.features.into_iter().enumerate() {
        let props = feature.properties.unwrap_or_default();
        let key = match props.get("id") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                problems.push(
                    MAP_FILE,
                    Some(format!("feature {i}")),
                    field_err("id", "every feature needs a string `id` property"),
                );
                continue;
            }
        };
        let item = Some(key.clone());
        if !is_valid_key(&key) {
            problems.push(MAP_FILE, Some(format!("feature {i}")), P::InvalidId(key));
            continue;
        }
        if !seen.insert(key.clone()) {
            problems.push(MAP_FILE, item, P::DuplicateId(key));
            continue;
        }
        match parse_feature(&key, &props, feature.geometry.as_ref(), projection) {
            Ok(mut el) => {
                let idx = elements.len();
                el.id = ElementId(idx as u32);
                for field in REF_FIELDS {
                    if let Some(Value::String(s)) = props.get(field) {
                        pending.push((idx, field, s.clone()));
                    }
                }
                for field in REF_LIST_FIELDS {
                    let refs = match props.get(field) {
                        Some(Value::String(s)) => vec![s.clone()],
                        _ => strings_prop(&props, field).unwrap_or_default(),
                    };
                    list_refs.extend(refs.into_iter().map(|r| (key.clone(), field.into(), r)));
                }
                elements.push(el);
            }
            Err(kind) => {
                rejected.insert(key);
                problems.push(MAP_FILE, item, kind);
            }
        }
    }
    for (key, field, r) in list_refs {
        if !seen.contains(&r) {
            problems.push(MAP_FILE, Some(key), P::DanglingId { field, id: r });
        }
    }
    true
}

/// What links may refer to.
struct LinkRefs<'a> {
    by_key: &'a HashMap<String, ElementId>,
    /// Features rejected for their own problems.
    rejected: &'a HashSet<String>,
    /// False when the map file itself was unusable: then nothing can be checked.
    check_refs: bool,
}

fn parse_feature(
    key: &str,
    props: &Map<String, Value>,
    geometry: Option<&geojson::Geometry>,
    projection: &Projection,
) -> Result<Element, P> {
    let kind: Kind = enum_prop(
        props,
        "kind",
        "country, region, water, corridor, place, person, organisation, offmap",
    )?
    .ok_or_else(|| field_err("kind", "every feature needs a `kind`"))?;
    let name = str_prop(props, "name")?
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| field_err("name", "every feature needs a non-empty `name`"))?;
    let status: Option<Status> =
        enum_prop(props, "status", "proposed, existing, alleged, reported")?;
    if kind == Kind::Corridor && status.is_none() {
        return Err(field_err(
            "status",
            "a corridor needs the status the article gives it",
        ));
    }
    let direction: Direction = enum_prop(props, "direction", "forward, both")?.unwrap_or_default();
    let rank = match props.get("rank") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .filter(|r| (1..=9).contains(r))
                .map(|r| r as u8)
                .ok_or_else(|| field_err("rank", "must be a whole number from 1 to 9"))?,
        ),
    };
    let geo = match geometry {
        None => None,
        Some(g) => Some(geometry::check(&g.value).map_err(P::Geometry)?),
    };
    let label_only = bool_prop(props, "label_only")?;
    let changed = match str_prop(props, "changed")? {
        Some(d) => Some(DatePoint::parse(&d).map_err(|e| field_err("changed", e))?),
        None => None,
    };
    // Each kind has the geometry it needs to be drawn and hit.
    use geometry::GeoShape as G;
    let ok = match (kind, &geo) {
        (Kind::Country, Some(G::Area(_))) => true,
        (Kind::Region, Some(G::Area(_))) => true,
        (Kind::Region, Some(G::Point(_))) => label_only,
        (Kind::Water, Some(G::Area(_) | G::Lines(_))) => true,
        (Kind::Corridor, Some(G::Lines(_))) => true,
        (Kind::Place | Kind::Offmap, Some(G::Point(_))) => true,
        (Kind::Person | Kind::Organisation, None) => props.contains_key("at"),
        _ => false,
    };
    if !ok {
        return Err(P::Geometry(format!(
            "a {} needs {}",
            kind.label(),
            match kind {
                Kind::Country => "a Polygon or MultiPolygon",
                Kind::Region => "a Polygon or MultiPolygon (or a Point with label_only)",
                Kind::Water => "a Polygon, MultiPolygon or line",
                Kind::Corridor => "a LineString or MultiLineString",
                Kind::Place | Kind::Offmap => "a Point",
                Kind::Person | Kind::Organisation => "a null geometry and an `at` element",
                Kind::Relation => "to be in relations.json",
            }
        )));
    }
    let projected = geo.as_ref().map(|g| g.project(projection));
    Ok(Element {
        id: ElementId(0),
        key: key.to_owned(),
        kind,
        name,
        aliases: strings_prop(props, "aliases")?,
        demonyms: strings_prop(props, "demonyms")?,
        metonyms: strings_prop(props, "metonyms")?,
        summary: str_prop(props, "summary")?,
        status,
        direction,
        context: bool_prop(props, "context")?,
        disputed: bool_prop(props, "disputed")?,
        offmap: bool_prop(props, "offmap")?,
        label_only,
        at: None,
        actor: None,
        part_of: None,
        rank,
        relation: None,
        changed,
        before: str_prop(props, "before")?,
        note: str_prop(props, "note")?,
        source: str_prop(props, "source")?,
        geo,
        projected,
        properties: props.clone(),
    })
}

/// Parses and anchors the links. Returns false if the file as a whole was unusable.
fn parse_links(
    value: Value,
    article: Option<&Article>,
    refs: &LinkRefs<'_>,
    links: &mut Vec<Link>,
    named_by_rejected: &mut HashSet<ElementId>,
    problems: &mut Problems,
) -> bool {
    let list = match value {
        Value::Object(mut o) => match o.remove("links") {
            Some(Value::Array(a)) => a,
            _ => {
                problems.push(
                    LINKS_FILE,
                    None,
                    field_err("links", "the file needs a `links` list"),
                );
                return false;
            }
        },
        _ => {
            problems.push(
                LINKS_FILE,
                None,
                P::Json("expected an object with a `links` list".into()),
            );
            return false;
        }
    };
    let mut seen = HashSet::new();
    for (i, v) in list.into_iter().enumerate() {
        let item_hint = v
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("link {i}"), str::to_owned);
        let spec: LinkSpec = match serde_json::from_value(v) {
            Ok(s) => s,
            Err(e) => {
                problems.push(LINKS_FILE, Some(item_hint), P::Json(e.to_string()));
                continue;
            }
        };
        let item = Some(spec.id.clone());
        if !is_valid_key(&spec.id) {
            problems.push(LINKS_FILE, Some(format!("link {i}")), P::InvalidId(spec.id));
            continue;
        }
        if !seen.insert(spec.id.clone()) {
            problems.push(LINKS_FILE, item, P::DuplicateId(spec.id));
            continue;
        }
        let mut ok = true;
        let mut resolve_ids = |field: &str, keys: &[String]| -> Vec<ElementId> {
            keys.iter()
                .filter_map(|k| match refs.by_key.get(k) {
                    Some(id) => Some(*id),
                    None if !refs.check_refs || refs.rejected.contains(k) => {
                        ok = false;
                        None
                    }
                    None => {
                        ok = false;
                        problems.push(
                            LINKS_FILE,
                            item.clone(),
                            P::DanglingId {
                                field: field.into(),
                                id: k.clone(),
                            },
                        );
                        None
                    }
                })
                .collect()
        };
        let elements = resolve_ids("elements", &spec.elements);
        let claimed_by = resolve_ids("claimed_by", &spec.claimed_by);
        let denied_by = resolve_ids("denied_by", &spec.denied_by);
        if spec.elements.is_empty() {
            ok = false;
            problems.push(
                LINKS_FILE,
                item.clone(),
                field_err("elements", "a link needs at least one element"),
            );
        }
        let assessment = match spec.assessment.as_deref() {
            None => false,
            Some("author") => true,
            Some(other) => {
                ok = false;
                problems.push(
                    LINKS_FILE,
                    item.clone(),
                    field_err("assessment", format!("must be \"author\", not \"{other}\"")),
                );
                false
            }
        };
        let Some(article) = article else { continue };
        let range = match anchor::resolve(&article.text, &spec.selector) {
            Ok(r) => r,
            Err(AnchorError::NotFound { .. }) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorNotFound {
                        hint: anchor::closest_passage(article, &spec.selector.exact),
                        exact: spec.selector.exact,
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            Err(AnchorError::Ambiguous { count }) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorAmbiguous {
                        exact: spec.selector.exact,
                        count,
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            Err(AnchorError::Empty) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    field_err("selector.exact", "the quote is empty"),
                );
                named_by_rejected.extend(&elements);
                continue;
            }
        };
        let part = article.part_of(&range);
        let part = match part.and_then(|p| article.parts.get(p).map(|x| (p, x.kind))) {
            Some((p, kind)) if kind != PartKind::Furniture => p,
            Some((_, kind)) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorOutsideArticle {
                        exact: spec.selector.exact,
                        part: kind.label().into(),
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            None => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorOutsideArticle {
                        exact: spec.selector.exact,
                        part: "more than one part".into(),
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
        };
        if !ok {
            named_by_rejected.extend(&elements);
            continue;
        }
        links.push(Link {
            id: LinkId(links.len() as u32),
            key: spec.id,
            elements,
            selector: spec.selector,
            range,
            part,
            claimed_by,
            denied_by,
            assessment,
        });
    }
    true
}

/// A list under `key` in a JSON object, or a problem.
fn list_of(file: &str, value: Value, key: &str, problems: &mut Problems) -> Vec<Value> {
    match value {
        Value::Object(mut o) => match o.remove(key) {
            Some(Value::Array(a)) => a,
            _ => {
                problems.push(
                    file,
                    None,
                    field_err(key, format!("the file needs a `{key}` list")),
                );
                Vec::new()
            }
        },
        _ => {
            problems.push(
                file,
                None,
                P::Json(format!("expected an object with a `{key}` list")),
            );
            Vec::new()
        }
    }
}

/// Parses one item of a list, naming it by its `id` (or position) in errors.
fn item<T: serde::de::DeserializeOwned>(
    file: &str,
    i: usize,
    v: Value,
    seen: &mut HashSet<String>,
    problems: &mut Problems,
) -> Option<(String, T)> {
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .map_or_else(|| format!("item {i}"), str::to_owned);
    match serde_json::from_value::<T>(v) {
        Ok(t) => {
            if !is_valid_key(&id) {
                problems.push(file, Some(format!("item {i}")), P::InvalidId(id));
                return None;
            }
            if !seen.insert(id.clone()) {
                problems.push(file, Some(id.clone()), P::DuplicateId(id));
                return None;
            }
            Some((id, t))
        }
        Err(e) => {
            problems.push(file, Some(id), P::Json(e.to_string()));
            None
        }
    }
}

fn parse_relations(
    value: Value,
    elements: &mut Vec<Element>,
    pending: &mut Vec<(usize, RelationSpec)>,
    problems: &mut Problems,
) {
    let mut seen: HashSet<String> = elements.iter().map(|e| e.key.clone()).collect();
    for (i, v) in list_of(RELATIONS_FILE, value, "relations", problems)
        .into_iter()
        .enumerate()
    {
        let Some((key, spec)) = item::<RelationSpec>(RELATIONS_FILE, i, v, &mut seen, problems)
        else {
            continue;
        };
        let idx = elements.len();
        let mut properties = Map::new();
        properties.insert("from".into(), Value::String(spec.from.clone()));
        properties.insert("to".into(), Value::String(spec.to.clone()));
        properties.insert("relation".into(), Value::String(spec.relation.key().into()));
        properties.insert("claimed_by".into(), Value::String(spec.claimed_by.clone()));
        elements.push(Element {
            id: ElementId(idx as u32),
            key,
            kind: Kind::Relation,
            name: spec.name.clone(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            metonyms: Vec::new(),
            summary: spec.summary.clone(),
            status: None,
            direction: Direction::Forward,
            context: false,
            disputed: false,
            offmap: false,
            label_only: false,
            at: None,
            actor: None,
            part_of: None,
            rank: None,
            relation: None,
            changed: None,
            before: None,
            note: None,
            source: None,
            geo: None,
            projected: None,
            properties,
        });
        pending.push((idx, spec));
    }
}

/// What events and scenarios may refer to.
struct TimeRefs<'a> {
    by_key: &'a HashMap<String, ElementId>,
    links: &'a HashMap<&'a str, LinkId>,
    /// False when the map or links were unusable: references are then not reported.
    checkable: bool,
}

impl TimeRefs<'_> {
    fn elements(
        &self,
        file: &str,
        item: &str,
        keys: &[String],
        problems: &mut Problems,
    ) -> Vec<ElementId> {
        keys.iter()
            .filter_map(|k| {
                let id = self.by_key.get(k).copied();
                if id.is_none() && self.checkable {
                    problems.push(
                        file,
                        Some(item.to_owned()),
                        P::DanglingId {
                            field: "elements".into(),
                            id: k.clone(),
                        },
                    );
                }
                id
            })
            .collect()
    }

    fn link(&self, file: &str, item: &str, key: &str, problems: &mut Problems) -> Option<LinkId> {
        let id = self.links.get(key).copied();
        if id.is_none() && self.checkable {
            problems.push(
                file,
                Some(item.to_owned()),
                P::DanglingId {
                    field: "link".into(),
                    id: key.to_owned(),
                },
            );
        }
        id
    }
}

fn parse_events(value: Value, refs: &TimeRefs<'_>, problems: &mut Problems) -> Vec<Event> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, v) in list_of(EVENTS_FILE, value, "events", problems)
        .into_iter()
        .enumerate()
    {
        let Some((key, spec)) = item::<EventSpec>(EVENTS_FILE, i, v, &mut seen, problems) else {
            continue;
        };
        let date = match EventDate::parse(&spec.date) {
            Ok(d) => d,
            Err(e) => {
                problems.push(EVENTS_FILE, Some(key), field_err("date", e));
                continue;
            }
        };
        let elements = refs.elements(EVENTS_FILE, &key, &spec.elements, problems);
        let Some(link) = refs.link(EVENTS_FILE, &key, &spec.link, problems) else {
            continue;
        };
        if elements.len() != spec.elements.len() {
            continue;
        }
        out.push(Event {
            key,
            label: spec.label,
            date,
            qualifier: spec.qualifier,
            elements,
            link,
        });
    }
    out.sort_by_key(|e| (e.date.first_day(), e.date.end_day()));
    out
}

fn parse_scenarios(value: Value, refs: &TimeRefs<'_>, problems: &mut Problems) -> Vec<Scenario> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, v) in list_of(SCENARIOS_FILE, value, "scenarios", problems)
        .into_iter()
        .enumerate()
    {
        let Some((key, spec)) = item::<ScenarioSpec>(SCENARIOS_FILE, i, v, &mut seen, problems)
        else {
            continue;
        };
        let all: Vec<String> = spec
            .elements
            .iter()
            .chain(&spec.relations)
            .cloned()
            .collect();
        let elements = refs.elements(SCENARIOS_FILE, &key, &all, problems);
        let links = spec
            .links
            .iter()
            .filter_map(|l| refs.link(SCENARIOS_FILE, &key, l, problems))
            .collect();
        out.push(Scenario {
            key,
            name: spec.name,
            summary: spec.summary,
            elements,
            links,
        });
    }
    out
}
