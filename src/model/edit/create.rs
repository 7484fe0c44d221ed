//! Making elements that are not map features: an event with its passage, a relation
//! between two actors with its evidence. Each is one edit that also adds the link that
//! supports it (and `events.json` or `relations.json` when the atlas has none), so one
//! undo takes it all back. Also the geography a new element is given: the country a
//! point lies in and the countries and regions a drawn route passes through, by the
//! loader's own rules.

use std::ops::Range;

use geo::{Contains, MultiLineString, Point};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::super::date_words;
use super::super::geometry::GeoShape;
use super::super::ids::is_valid_key;
use super::super::load::{
    EVENTS_FILE, LINKS_FILE, RELATIONS_FILE, ROUTE_TOLERANCE_KM, as_drawn, km_inside,
    split_at_antimeridian,
};
use super::super::timeline::EventDate;
use super::super::{Atlas, Kind};
use super::EditError;
use super::doc::AtlasDoc;
use super::edit::{element_exists, find_item};
use super::ops::Op;

/// A new event: `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (or a span `A/B`), at the
/// precision the passage gives; `range` is the passage (bytes of the article text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewEvent {
    pub id: String,
    pub label: String,
    pub date: String,
    /// "late", "early": how the passage narrows the date.
    #[serde(default)]
    pub qualifier: Option<String>,
    /// The elements the event involves (at least one).
    pub elements: Vec<String>,
    pub range: Range<usize>,
    /// Where the date comes from when the passage does not give it in full.
    #[serde(default)]
    pub source: Option<String>,
}

/// One field of a dated event, with its new value (`None` removes it): what the author
/// corrects after making the event (trial #4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "name", content = "value", rename_all = "snake_case")]
pub enum EventField {
    Label(String),
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (or a span `A/B`), at the precision the text gives.
    Date(String),
    /// "late", "early": how the passage narrows the date.
    Qualifier(Option<String>),
    /// Where the date comes from when the passage does not give it in full.
    Source(Option<String>),
    /// The elements the event involves (where it happens, who takes part; at least one).
    Elements(Vec<String>),
}

impl EventField {
    /// The field's key in `events.json`.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Label(_) => "label",
            Self::Date(_) => "date",
            Self::Qualifier(_) => "qualifier",
            Self::Source(_) => "source",
            Self::Elements(_) => "elements",
        }
    }
}

/// One event as `events.json` holds it, for the event editor: its id, label, date (as
/// written), qualifier, date source, elements and passage (a link id).
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub id: String,
    pub label: String,
    pub date: String,
    pub qualifier: Option<String>,
    pub source: Option<String>,
    pub elements: Vec<String>,
    pub link: String,
}

/// Every event of the document in file order (items without an id are left out).
pub fn event_list(doc: &AtlasDoc) -> Vec<EventRow> {
    let items = doc
        .value(EVENTS_FILE)
        .and_then(|v| v.get("events"))
        .and_then(Value::as_array);
    items
        .into_iter()
        .flatten()
        .filter_map(|v| {
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
            Some(EventRow {
                id: s("id")?,
                label: s("label").unwrap_or_default(),
                date: s("date").unwrap_or_default(),
                qualifier: s("qualifier"),
                source: s("source"),
                elements: v
                    .get("elements")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
                link: s("link").unwrap_or_default(),
            })
        })
        .collect()
}

/// A new relation from one actor to another, claimed by an actor or by the author
/// (`"author"`); `range` is its evidence (bytes of the article text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewRelation {
    pub id: String,
    pub name: String,
    pub from: String,
    pub to: String,
    /// A relation type's key (`"tension"`, `"cooperation"`, …).
    pub relation: String,
    pub claimed_by: String,
    pub range: Range<usize>,
}

/// Ops that make sure `file` has the list `list`, creating the file if it is missing.
/// Returns them with the list's length now.
fn list_ops(doc: &AtlasDoc, file: &str, list: &str) -> Result<(Vec<Op>, usize), EditError> {
    match doc.value(file) {
        Some(v) => match v.get(list).and_then(Value::as_array) {
            Some(a) => Ok((Vec::new(), a.len())),
            None => Err(EditError::NotOpen(static_name(file))),
        },
        None if doc.file(file).is_some() => Err(EditError::NotOpen(static_name(file))),
        None => Ok((
            vec![Op::CreateFile {
                file: file.to_owned(),
                value: json!({ list: [] }),
            }],
            0,
        )),
    }
}

fn static_name(file: &str) -> &'static str {
    if file == EVENTS_FILE {
        EVENTS_FILE
    } else {
        RELATIONS_FILE
    }
}

impl AtlasDoc {
    /// The link op for a new passage of `elements`, and its id.
    pub(super) fn passage_op(
        &self,
        range: &Range<usize>,
        elements: &[String],
        claimed_by: Option<&str>,
    ) -> Result<(Op, String), EditError> {
        let sel = self.selector(range)?;
        if self
            .value(LINKS_FILE)
            .and_then(|l| l.get("links"))
            .is_none()
        {
            return Err(EditError::NotOpen(LINKS_FILE));
        }
        let id = self.fresh_link_id(self.text().get(range.clone()).unwrap_or_default());
        let mut value = json!({ "id": id, "elements": elements, "selector": sel });
        if let (Some(c), Value::Object(o)) = (claimed_by, &mut value) {
            o.insert("claimed_by".into(), json!([c]));
        }
        let op = Op::Insert {
            file: LINKS_FILE.into(),
            list: "/links".into(),
            index: self.links().len(),
            value,
        };
        Ok((op, id))
    }

    pub(super) fn plan_add_event(&self, e: &NewEvent) -> Result<Vec<Op>, EditError> {
        if !is_valid_key(&e.id) {
            return Err(EditError::InvalidId(e.id.clone()));
        }
        if find_item(self, EVENTS_FILE, "events", &e.id).is_some() {
            return Err(EditError::DuplicateId(e.id.clone()));
        }
        if e.label.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        EventDate::parse(&e.date)
            .map_err(|why| EditError::Unsupported(format!("the date “{}” ({why})", e.date)))?;
        self.known(&e.elements)?;
        let (link, link_id) = self.passage_op(&e.range, &e.elements, None)?;
        let (mut ops, len) = list_ops(self, EVENTS_FILE, "events")?;
        let mut event = json!({
            "id": e.id, "label": e.label, "date": e.date,
            "elements": e.elements, "link": link_id,
        });
        if let (Some(q), Value::Object(o)) =
            (e.qualifier.as_ref().filter(|q| !q.is_empty()), &mut event)
        {
            o.insert("qualifier".into(), json!(q));
        }
        if let (Some(src), Value::Object(o)) = (
            e.source.as_ref().filter(|s| !s.trim().is_empty()),
            &mut event,
        ) {
            o.insert("source".into(), json!(src.trim()));
        }
        ops.push(link);
        ops.push(Op::Insert {
            file: EVENTS_FILE.into(),
            list: "/events".into(),
            index: len,
            value: event,
        });
        Ok(ops)
    }

    /// Sets one field of event `id`; a date that does not parse, an empty label or an
    /// unknown element is refused with the reason.
    pub(super) fn plan_set_event(
        &self,
        id: &str,
        field: &EventField,
    ) -> Result<Vec<Op>, EditError> {
        let (i, _) = find_item(self, EVENTS_FILE, "events", id)
            .ok_or_else(|| EditError::UnknownEvent(id.to_owned()))?;
        let text = |s: &Option<String>| {
            s.as_ref()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(|s| json!(s))
        };
        let value = match field {
            EventField::Label(l) if l.trim().is_empty() => return Err(EditError::EmptyName),
            EventField::Label(l) => Some(json!(l.trim())),
            EventField::Date(d) => {
                let d = d.trim();
                EventDate::parse(d)
                    .map_err(|why| EditError::Unsupported(format!("the date “{d}” ({why})")))?;
                Some(json!(d))
            }
            EventField::Qualifier(q) | EventField::Source(q) => text(q),
            EventField::Elements(els) => {
                self.known(els)?;
                Some(json!(els))
            }
        };
        Ok(vec![Op::Set {
            file: EVENTS_FILE.into(),
            pointer: format!("/events/{i}/{}", field.key()),
            value,
        }])
    }

    pub(super) fn plan_add_relation(&self, r: &NewRelation) -> Result<Vec<Op>, EditError> {
        if !is_valid_key(&r.id) {
            return Err(EditError::InvalidId(r.id.clone()));
        }
        if element_exists(self, &r.id) {
            return Err(EditError::DuplicateId(r.id.clone()));
        }
        if r.name.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        self.check_relation((&r.from, &r.to), &r.claimed_by)?;
        super::relation::check_type(&r.relation)?;
        let (mut ops, len) = list_ops(self, RELATIONS_FILE, "relations")?;
        ops.push(Op::Insert {
            file: RELATIONS_FILE.into(),
            list: "/relations".into(),
            index: len,
            value: json!({
                "id": r.id, "name": r.name, "from": r.from, "to": r.to,
                "relation": r.relation, "claimed_by": r.claimed_by,
            }),
        });
        // The relation exists once the op above is applied; the link names it, and an
        // actor's claim is marked on it (the check wants the claim in the evidence).
        let claimant = (r.claimed_by != "author").then_some(r.claimed_by.as_str());
        let (link, _) = self.passage_op(&r.range, std::slice::from_ref(&r.id), claimant)?;
        ops.push(link);
        Ok(ops)
    }
}

/// The country (key) whose polygon holds the point (lon, lat in degrees), if any; when
/// several do (a region inside a country), the country is preferred.
pub fn country_at(atlas: &Atlas, [lon, lat]: [f64; 2]) -> Option<String> {
    let p = Point::new(lon, lat);
    let holds = |kind: Kind| {
        atlas.elements.iter().find(|e| {
            e.kind == kind
                && !e.context
                && matches!(&e.geo, Some(GeoShape::Area(mp)) if mp.contains(&p))
        })
    };
    holds(Kind::Country)
        .or_else(|| {
            atlas.elements.iter().find(|e| {
                e.kind == Kind::Country
                    && matches!(&e.geo, Some(GeoShape::Area(mp)) if mp.contains(&p))
            })
        })
        .or_else(|| holds(Kind::Region))
        .map(|e| e.key.clone())
}

/// The countries and regions (keys, in the atlas's order) a line of lon/lat points runs
/// through for more than the loader's tolerance: exactly what its `via` must declare.
pub fn route_via(atlas: &Atlas, line: &[[f64; 2]]) -> Vec<String> {
    let mls = MultiLineString::new(split_at_antimeridian(&as_drawn(&atlas.projection, line)));
    atlas
        .elements
        .iter()
        .filter(|e| matches!(e.kind, Kind::Country | Kind::Region))
        .filter(|e| match &e.geo {
            Some(GeoShape::Area(mp)) => km_inside(&mls, mp) > ROUTE_TOLERANCE_KM,
            _ => false,
        })
        .map(|e| e.key.clone())
        .collect()
}

/// How near (degrees, about 100 km) a country or region's outline must come to a drawn
/// route to be offered first in its "Passes through".
pub const NEAR_ROUTE_DEG: f64 = 1.0;

/// The countries and regions (keys, nearest first) whose outlines come within
/// [`NEAR_ROUTE_DEG`] of a line of lon/lat points but that it does not run through (not
/// in `via`): what the route form offers after those it crosses (trial #7: France was
/// offered for a route in China).
pub fn route_near(atlas: &Atlas, line: &[[f64; 2]], via: &[String]) -> Vec<String> {
    use geo::{BoundingRect, Distance, Euclidean, Intersects};
    let lines = split_at_antimeridian(&as_drawn(&atlas.projection, line));
    let Some(frame) = MultiLineString::new(lines.clone()).bounding_rect() else {
        return Vec::new();
    };
    let d = NEAR_ROUTE_DEG;
    let frame = geo::Rect::new(
        geo::coord! { x: frame.min().x - d, y: frame.min().y - d },
        geo::coord! { x: frame.max().x + d, y: frame.max().y + d },
    );
    let mut near: Vec<(f64, String)> = atlas
        .elements
        .iter()
        .filter(|e| matches!(e.kind, Kind::Country | Kind::Region) && !via.contains(&e.key))
        .filter_map(|e| {
            let Some(GeoShape::Area(mp)) = &e.geo else {
                return None;
            };
            if !mp.bounding_rect().is_some_and(|b| b.intersects(&frame)) {
                return None;
            }
            let dist =
                mp.0.iter()
                    .flat_map(|poly| lines.iter().map(move |l| Euclidean.distance(l, poly)))
                    .fold(f64::INFINITY, f64::min);
            (dist <= d).then(|| (dist, e.key.clone()))
        })
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    near.into_iter().map(|(_, k)| k).collect()
}

/// The date a passage gives, at its precision, as ISO 8601 ("July 9, 2015" →
/// `2015-07-09`): see [`date_words::date_in`].
pub fn date_in(text: &str) -> Option<String> {
    date_words::date_in(text)
}

/// The countries, then the regions, that place `key` lies in (keys, each once): the
/// country it names, then those whose polygons hold its point. What a city that stands
/// for its government ("Moscow's protection") is merged into (trial8 #5).
pub fn areas_holding(atlas: &Atlas, key: &str) -> Vec<String> {
    let Some(el) = atlas.by_key(key).and_then(|id| atlas.element(id)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = el
        .properties
        .get("country")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .into_iter()
        .collect();
    if let Some(GeoShape::Point(p)) = &el.geo {
        let p = Point::new(p[0], p[1]);
        for kind in [Kind::Country, Kind::Region] {
            for e in &atlas.elements {
                let holds = matches!(&e.geo, Some(GeoShape::Area(mp)) if mp.contains(&p));
                if e.kind == kind && holds && e.key != key && !out.contains(&e.key) {
                    out.push(e.key.clone());
                }
            }
        }
    }
    out
}
