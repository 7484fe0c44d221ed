//! Step 3: the map, from `map.geojson`: one element per feature, with the references
//! between features resolved once every feature is known.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::super::element::{Direction, Element, Kind, Status};
use super::super::geometry::{self, GeoShape};
use super::super::ids::ElementId;
use super::super::problem::{ProblemKind as P, Problems};
use super::super::projection::{Extent, Projection};
use super::super::timeline::DatePoint;
use super::source::{AtlasSource, read};
use super::{MAP_FILE, field_err, fresh_key, parse_json};

/// The map step's result.
pub(super) struct MapStep {
    pub elements: Vec<Element>,
    /// (element index, field, key) of id-valued properties, resolved by [`resolve_refs`].
    pub pending: Vec<(usize, &'static str, String)>,
    /// Keys of features that were rejected: references to them are not reported again.
    pub rejected: HashSet<String>,
    /// False if the file as a whole, or any feature's GeoJSON structure, was unusable:
    /// references from other files are then not checked against it.
    pub ok: bool,
    /// The projection fitted to the drawn geometry ([`Projection::for_extent`]).
    pub projection: Projection,
}

/// Reads and parses the map file, then projects every element once with the projection
/// its drawn extent asks for (off-map points do not count).
pub(super) fn load(source: &AtlasSource, problems: &mut Problems) -> MapStep {
    let mut step = MapStep {
        elements: Vec::new(),
        pending: Vec::new(),
        rejected: HashSet::new(),
        ok: false,
        projection: Projection::default(),
    };
    if let Some(text) = read(source, MAP_FILE, problems) {
        step.ok = parse_map(&text, &mut step, problems);
    }
    let drawn = step
        .elements
        .iter()
        .filter(|e| !e.offmap)
        .filter_map(|e| e.geo.as_ref())
        .flat_map(positions);
    step.projection = Projection::for_extent(Extent::of(drawn));
    for el in &mut step.elements {
        el.projected = el.geo.as_ref().map(|g| g.project(&step.projection));
    }
    step
}

/// Every position of a shape, (lon, lat) in degrees.
fn positions(shape: &GeoShape) -> Vec<[f64; 2]> {
    match shape {
        GeoShape::Point(p) => vec![*p],
        GeoShape::Lines(lines) => lines.iter().flatten().copied().collect(),
        GeoShape::Area(mp) => mp
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|r| r.0.iter().map(|c| [c.x, c.y]))
            .collect(),
    }
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

/// Parses the map into `step.elements`, feature by feature: every bad feature is
/// reported, named by its index, id and name, with the member at fault. Returns false if
/// the file, or the GeoJSON structure of any feature, was unusable.
fn parse_map(text: &str, step: &mut MapStep, problems: &mut Problems) -> bool {
    let Some(value) = parse_json(MAP_FILE, text, problems) else {
        return false;
    };
    let features = match collection_features(value) {
        Ok(f) => f,
        Err(e) => {
            problems.push(MAP_FILE, None, P::GeoJson(e));
            return false;
        }
    };
    let mut all_readable = true;
    let mut seen = HashSet::new();
    let mut list_refs: Vec<(String, String, String)> = Vec::new();
    for (i, value) in features.into_iter().enumerate() {
        let Some((key, parts)) = keyed_parts(i, value, step, &mut all_readable, problems) else {
            continue;
        };
        if !fresh_key(
            MAP_FILE,
            &key,
            || format!("feature {i}"),
            &mut seen,
            problems,
        ) {
            continue;
        }
        let props = &parts.props;
        match parse_feature(&key, props, parts.geometry.as_ref(), parts.empty) {
            Ok(mut el) => {
                let idx = step.elements.len();
                el.id = ElementId(idx as u32);
                note_refs(idx, &key, props, step, &mut list_refs);
                step.elements.push(el);
            }
            Err(kind) => {
                step.rejected.insert(key.clone());
                problems.push(MAP_FILE, Some(key), kind);
            }
        }
    }
    for (key, field, r) in list_refs {
        if !seen.contains(&r) && !step.rejected.contains(&r) {
            problems.push(MAP_FILE, Some(key), P::DanglingId { field, id: r });
        }
    }
    all_readable
}

/// A feature's `properties.id` and its structurally sound members, or `None` after
/// reporting what is wrong (a structural fault also clears `all_readable`).
fn keyed_parts(
    i: usize,
    value: Value,
    step: &mut MapStep,
    all_readable: &mut bool,
    problems: &mut Problems,
) -> Option<(String, FeatureParts)> {
    let label = feature_label(i, &value);
    let key = value
        .get("properties")
        .and_then(|p| p.get("id"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let parts = match feature_parts(value) {
        Ok(parts) => parts,
        Err(errors) => {
            *all_readable = false;
            for e in errors {
                problems.push(MAP_FILE, Some(label.clone()), P::GeoJson(e));
            }
            step.rejected.extend(key);
            return None;
        }
    };
    let Some(key) = key else {
        problems.push(
            MAP_FILE,
            Some(label),
            field_err("id", "every feature needs a string `id` property"),
        );
        return None;
    };
    Some((key, parts))
}

/// Records element `idx`'s id-valued properties: single ones to resolve later into the
/// element, id lists only to check once every key is known.
fn note_refs(
    idx: usize,
    key: &str,
    props: &Map<String, Value>,
    step: &mut MapStep,
    list_refs: &mut Vec<(String, String, String)>,
) {
    for field in REF_FIELDS {
        if let Some(Value::String(s)) = props.get(field) {
            step.pending.push((idx, field, s.clone()));
        }
    }
    for field in REF_LIST_FIELDS {
        let refs = match props.get(field) {
            Some(Value::String(s)) => vec![s.clone()],
            _ => strings_prop(props, field).unwrap_or_default(),
        };
        list_refs.extend(refs.into_iter().map(|r| (key.to_owned(), field.into(), r)));
    }
}

/// The `features` of a FeatureCollection, or why the file is not one.
fn collection_features(value: Value) -> Result<Vec<Value>, String> {
    let Value::Object(mut o) = value else {
        return Err(format!(
            "the file must be a FeatureCollection object, not {}",
            short(&value)
        ));
    };
    match o.get("type") {
        Some(Value::String(t)) if t == "FeatureCollection" => {}
        Some(t) => {
            return Err(format!(
                "the file's `type` must be \"FeatureCollection\", not {}",
                short(t)
            ));
        }
        None => return Err("the file has no `type`; it must be a FeatureCollection".into()),
    }
    match o.remove("features") {
        Some(Value::Array(a)) => Ok(a),
        Some(v) => Err(format!("`features` must be a list, not {}", short(&v))),
        None => Err("the FeatureCollection has no `features` list".into()),
    }
}

/// A feature as errors name it: its index, then any id and name it has, e.g.
/// ``feature 3 (id `alpha`, name “Alpha”)``.
fn feature_label(i: usize, v: &Value) -> String {
    let props = v.get("properties");
    let id = match props.and_then(|p| p.get("id")) {
        Some(Value::String(s)) => Some(format!("`{s}`")),
        _ => match v.get("id") {
            Some(Value::String(s)) => Some(format!("`{s}`")),
            Some(n @ Value::Number(_)) => Some(n.to_string()),
            _ => None,
        },
    };
    let name = props
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(|n| format!("“{}”", truncated(n)));
    let named: Vec<String> = [
        id.map(|i| format!("id {i}")),
        name.map(|n| format!("name {n}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if named.is_empty() {
        format!("feature {i}")
    } else {
        format!("feature {i} ({})", named.join(", "))
    }
}

/// At most 40 characters of `s`, with "…" if cut.
fn truncated(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", s.get(..at).unwrap_or(s)),
        None => s.to_owned(),
    }
}

/// A JSON value as a message quotes it, cut short.
fn short(v: &Value) -> String {
    truncated(&v.to_string())
}

/// A feature's members, checked for structure.
struct FeatureParts {
    /// `properties`, empty if null or absent.
    props: Map<String, Value>,
    /// `geometry`, `None` if null or empty.
    geometry: Option<geojson::Geometry>,
    /// The geometry had empty `coordinates` (or `geometries`), read as null
    /// (RFC 7946 §3.1 lets a reader do so).
    empty: bool,
}

/// Splits a feature into its members, or says what is wrong with each member at fault.
/// The top-level `id` is not used (an element is named by `properties.id`), so `null`
/// is read as no id; other values must be a string or a number, as RFC 7946 §3.2 says.
fn feature_parts(value: Value) -> Result<FeatureParts, Vec<String>> {
    let Value::Object(mut o) = value else {
        return Err(vec![format!(
            "a feature must be an object, not {}",
            short(&value)
        )]);
    };
    let mut errors = Vec::new();
    match o.get("type") {
        Some(Value::String(t)) if t == "Feature" => {}
        Some(t) => errors.push(format!(
            "the `type` member must be \"Feature\", not {}",
            short(t)
        )),
        None => errors.push("the `type` member is missing; it must be \"Feature\"".into()),
    }
    match o.get("id") {
        None | Some(Value::Null | Value::String(_) | Value::Number(_)) => {}
        Some(v) => errors.push(format!(
            "the `id` member must be a string or a number (RFC 7946 §3.2), not {}",
            short(v)
        )),
    }
    let props = match o.remove("properties") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(p)) => p,
        Some(v) => {
            errors.push(format!(
                "the `properties` member must be an object or null, not {}",
                short(&v)
            ));
            Map::new()
        }
    };
    let (geometry, empty) = geometry_member(o.remove("geometry"), &mut errors);
    if errors.is_empty() {
        Ok(FeatureParts {
            props,
            geometry,
            empty,
        })
    } else {
        Err(errors)
    }
}

/// A feature's `geometry` member: (the geometry, whether it was empty); a fault is
/// added to `errors`.
fn geometry_member(
    member: Option<Value>,
    errors: &mut Vec<String>,
) -> (Option<geojson::Geometry>, bool) {
    match member {
        None => {
            errors.push(
                "the `geometry` member is missing; a feature with no place on the map needs \"geometry\": null (RFC 7946 §3.2)"
                    .into(),
            );
            (None, false)
        }
        Some(Value::Null) => (None, false),
        Some(Value::Object(g)) if is_empty_geometry(&g) => (None, true),
        Some(Value::Object(g)) => match geojson::Geometry::from_json_object(g) {
            Ok(g) => (Some(g), false),
            Err(e) => {
                errors.push(format!(
                    "the `geometry` member is not a valid geometry: {e}"
                ));
                (None, false)
            }
        },
        Some(v) => {
            errors.push(format!(
                "the `geometry` member must be a geometry object or null, not {}",
                short(&v)
            ));
            (None, false)
        }
    }
}

/// A geometry with `"coordinates": []` (or a GeometryCollection with no geometries).
fn is_empty_geometry(g: &Map<String, Value>) -> bool {
    let list = if g.get("type").and_then(Value::as_str) == Some("GeometryCollection") {
        g.get("geometries")
    } else {
        g.get("coordinates")
    };
    matches!(list, Some(Value::Array(a)) if a.is_empty())
}

/// One element from a structurally sound feature; `empty` says its geometry was empty
/// (read as null). The element is projected later, once the whole map's extent is known.
/// Properties are checked in a fixed order: the first fault found is the one reported.
fn parse_feature(
    key: &str,
    props: &Map<String, Value>,
    geometry: Option<&geojson::Geometry>,
    empty: bool,
) -> Result<Element, P> {
    let (kind, name, status) = kind_name_status(props)?;
    let direction: Direction =
        enum_prop(props, "direction", "forward, both, none")?.unwrap_or_default();
    let rank = rank_prop(props)?;
    let geo = match geometry {
        None => None,
        Some(g) => Some(geometry::check(&g.value).map_err(P::Geometry)?),
    };
    let label_only = bool_prop(props, "label_only")?;
    let changed = date_prop(props, "changed")?;
    let until = date_prop(props, "until")?;
    check_shape(
        kind,
        geo.as_ref(),
        label_only,
        props.contains_key("at"),
        empty,
    )?;
    // Author mode's review mark: checked here, read from the file by the review list.
    bool_prop(props, "reviewed")?;
    // A short label for the map instead of the name (and one for before `changed`):
    // checked here, read from the properties by the map's labels.
    str_prop(props, "map_label")?;
    if str_prop(props, "map_label_before")?.is_some() && changed.is_none() {
        return Err(field_err(
            "map_label_before",
            "names the map label before `changed`, but the feature has no `changed` date",
        ));
    }
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
        projected: None,
        properties: props.clone(),
    })
}

/// A feature's `kind`, `name` and `status`, which every element needs (a corridor needs
/// a status).
fn kind_name_status(props: &Map<String, Value>) -> Result<(Kind, String, Option<Status>), P> {
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
    Ok((kind, name, status))
}

/// `rank`, a whole number from 1 to 9, if given.
fn rank_prop(props: &Map<String, Value>) -> Result<Option<u8>, P> {
    match props.get("rank") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .filter(|r| (1..=9).contains(r))
            .map(|r| Some(r as u8))
            .ok_or_else(|| field_err("rank", "must be a whole number from 1 to 9")),
    }
}

/// A date-valued property (`changed`, `until`), if given.
fn date_prop(props: &Map<String, Value>, field: &str) -> Result<Option<DatePoint>, P> {
    match str_prop(props, field)? {
        Some(d) => DatePoint::parse(&d)
            .map(Some)
            .map_err(|e| field_err(field, e)),
        None => Ok(None),
    }
}

/// Each kind has the geometry it needs to be drawn and hit (a person or organisation has
/// none, and an `at` element instead); otherwise says what it needs.
fn check_shape(
    kind: Kind,
    geo: Option<&GeoShape>,
    label_only: bool,
    has_at: bool,
    empty: bool,
) -> Result<(), P> {
    use geometry::GeoShape as G;
    let ok = match (kind, geo) {
        (Kind::Country, Some(G::Area(_))) => true,
        (Kind::Region, Some(G::Area(_))) => true,
        (Kind::Region, Some(G::Point(_))) => label_only,
        (Kind::Water, Some(G::Area(_) | G::Lines(_))) => true,
        (Kind::Corridor, Some(G::Lines(_))) => true,
        (Kind::Place | Kind::Offmap, Some(G::Point(_))) => true,
        (Kind::Person | Kind::Organisation, None) => has_at,
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let empty = if empty {
        "; its geometry is empty (\"coordinates\": []), which is read as null, so it could be neither drawn nor clicked"
    } else {
        ""
    };
    Err(P::Geometry(format!(
        "a {} needs {}{empty}",
        kind.label(),
        match kind {
            Kind::Country => "a Polygon or MultiPolygon",
            Kind::Region => "a Polygon or MultiPolygon (or a Point with label_only)",
            Kind::Water => "a Polygon, MultiPolygon or line",
            Kind::Corridor => "a LineString or MultiLineString",
            Kind::Place | Kind::Offmap => "a Point",
            Kind::Person | Kind::Organisation => "a null geometry and an `at` element",
            Kind::Relation => "to be in relations.json",
        },
    )))
}
