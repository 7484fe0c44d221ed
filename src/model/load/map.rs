//! Step 3: the map, from `map.geojson`: one element per feature, with the references
//! between features resolved once every feature is known.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::super::element::{Direction, Element, Kind, Status};
use super::super::geometry;
use super::super::ids::{ElementId, is_valid_key};
use super::super::problem::{ProblemKind as P, Problems};
use super::super::projection::Projection;
use super::super::timeline::DatePoint;
use super::source::{AtlasSource, read};
use super::{MAP_FILE, field_err, parse_json};

/// The map step's result.
pub(super) struct MapStep {
    pub elements: Vec<Element>,
    /// (element index, field, key) of id-valued properties, resolved by [`resolve_refs`].
    pub pending: Vec<(usize, &'static str, String)>,
    /// Keys of features that were rejected: references to them are not reported again.
    pub rejected: HashSet<String>,
    /// False if the file as a whole was unusable.
    pub ok: bool,
}

/// Reads and parses the map file.
pub(super) fn load(
    source: &AtlasSource,
    projection: &Projection,
    problems: &mut Problems,
) -> MapStep {
    let mut step = MapStep {
        elements: Vec::new(),
        pending: Vec::new(),
        rejected: HashSet::new(),
        ok: false,
    };
    if let Some(text) = read(source, MAP_FILE, problems) {
        step.ok = parse_map(
            &text,
            projection,
            &mut step.elements,
            &mut step.pending,
            &mut step.rejected,
            problems,
        );
    }
    step
}

/// Resolves `at`, `actor` and `part_of` once every element (and relation) is known.
pub(super) fn resolve_refs(
    step: &mut MapStep,
    by_key: &HashMap<String, ElementId>,
    problems: &mut Problems,
) {
    for (idx, field, key) in std::mem::take(&mut step.pending) {
        let Some(el) = step.elements.get_mut(idx) else {
            continue;
        };
        match by_key.get(&key) {
            Some(&id) => match field {
                "at" => el.at = Some(id),
                "actor" => el.actor = Some(id),
                "part_of" => el.part_of = Some(id),
                _ => {}
            },
            None if step.rejected.contains(&key) => {}
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
    let until = match str_prop(props, "until")? {
        Some(d) => Some(DatePoint::parse(&d).map_err(|e| field_err("until", e))?),
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
        changed_source: str_prop(props, "changed_source")?,
        until,
        until_source: str_prop(props, "until_source")?,
        geo,
        projected,
        properties: props.clone(),
    })
}
