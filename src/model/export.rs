//! Exports for other tools: GeoJSON for GIS (GDAL, QGIS) and W3C Web Annotations for
//! annotation tools. Offsets in both are Unicode code points into the article text, the
//! unit of W3C `TextPositionSelector`.

use geo::orient::{Direction, Orient};
use serde_json::{Value, json};

use super::geometry::GeoShape;
use super::{Atlas, ElementId, Link};

/// One passage as exported: body paragraph number (null outside the body), code point
/// offsets `start..end` into the article text, and the exact quote.
fn passage_json(atlas: &Atlas, link: &Link) -> Value {
    let para = atlas.article.parts.get(link.part).and_then(|p| p.paragraph);
    json!({
        "link": link.key,
        "paragraph": para,
        "part": atlas.article.parts.get(link.part).map(|p| p.kind),
        "start": atlas.article.char_offset(link.range.start),
        "end": atlas.article.char_offset(link.range.end),
        "text": atlas.article.slice(&link.range),
    })
}

fn geometry_json(shape: &GeoShape) -> Value {
    match shape {
        GeoShape::Point([x, y]) => json!({"type": "Point", "coordinates": [x, y]}),
        GeoShape::Lines(lines) => json!({"type": "MultiLineString", "coordinates": lines}),
        GeoShape::Area(mp) => {
            // RFC 7946 §3.1.6: exteriors counter-clockwise, holes clockwise (input may
            // wind either way).
            let polys: Vec<Vec<Vec<[f64; 2]>>> = mp
                .orient(Direction::Default)
                .iter()
                .map(|p| {
                    std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .map(|r| r.0.iter().map(|c| [c.x, c.y]).collect())
                        .collect()
                })
                .collect();
            json!({"type": "MultiPolygon", "coordinates": polys})
        }
    }
}

/// Geometry to export for an element: its own, else where it acts (people and
/// organisations carry the point of their place).
fn export_geometry(atlas: &Atlas, id: ElementId) -> Value {
    let mut cur = Some(id);
    for _ in 0..4 {
        let Some(el) = cur.and_then(|c| atlas.element(c)) else {
            break;
        };
        if let Some(g) = &el.geo {
            return match g {
                GeoShape::Point(_) => geometry_json(g),
                _ if el.id != id => {
                    // A person acting "in" an area: export the area's label point.
                    match atlas
                        .anchor_point(el.id)
                        .map(|[x, y]| atlas.projection.unproject(x, y))
                    {
                        Some([lon, lat]) => json!({"type": "Point", "coordinates": [lon, lat]}),
                        None => Value::Null,
                    }
                }
                _ => geometry_json(g),
            };
        }
        cur = el.at;
    }
    Value::Null
}

/// A GeoJSON FeatureCollection of every element.
pub fn geojson(atlas: &Atlas) -> Value {
    let features: Vec<Value> = atlas
        .elements
        .iter()
        .map(|el| {
            let passages: Vec<Value> = atlas
                .links_of(el.id)
                .iter()
                .filter_map(|l| atlas.link(*l))
                .map(|l| passage_json(atlas, l))
                .collect();
            let mut props = serde_json::Map::new();
            props.insert("id".into(), json!(el.key));
            props.insert("kind".into(), json!(el.kind.key()));
            props.insert("name".into(), json!(el.name));
            props.insert("aliases".into(), json!(el.aliases));
            if let Some(s) = el.status {
                props.insert("status".into(), json!(s.label()));
            }
            if let Some(s) = &el.summary {
                props.insert("summary".into(), json!(s));
            }
            if el.context {
                props.insert("context".into(), json!(true));
            }
            if el.disputed {
                props.insert("disputed".into(), json!(true));
            }
            if el.offmap {
                props.insert("offmap".into(), json!(true));
            }
            if let Some(at) = el.at.and_then(|a| atlas.element(a)) {
                props.insert("at".into(), json!(at.key));
            }
            if let Some(s) = &el.source {
                props.insert("source".into(), json!(s));
            }
            if let Some(s) = &el.note {
                props.insert("note".into(), json!(s));
            }
            props.insert("passages".into(), Value::Array(passages));
            json!({
                "type": "Feature",
                "id": el.key,
                "properties": props,
                "geometry": export_geometry(atlas, el.id),
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features })
}

/// Every link as a W3C Web Annotation (JSON-LD), in an `AnnotationCollection`.
pub fn annotations(atlas: &Atlas) -> Value {
    let source = "urn:aras:article:iran-azerbaijan-crisis";
    let items: Vec<Value> = atlas
        .links
        .iter()
        .map(|l| {
            let mut quote = serde_json::Map::new();
            quote.insert("type".into(), json!("TextQuoteSelector"));
            quote.insert("exact".into(), json!(l.selector.exact));
            if let Some(p) = &l.selector.prefix {
                quote.insert("prefix".into(), json!(p));
            }
            if let Some(s) = &l.selector.suffix {
                quote.insert("suffix".into(), json!(s));
            }
            let bodies: Vec<Value> = l
                .elements
                .iter()
                .filter_map(|e| atlas.element(*e))
                .map(|e| {
                    json!({
                        "type": "SpecificResource",
                        "id": format!("urn:aras:element:{}", e.key),
                        "purpose": "identifying",
                        "value": e.key,
                    })
                })
                .collect();
            json!({
                "type": "Annotation",
                "id": format!("urn:aras:link:{}", l.key),
                "motivation": "identifying",
                "body": bodies,
                "target": {
                    "source": source,
                    "selector": [
                        Value::Object(quote),
                        {
                            "type": "TextPositionSelector",
                            "start": atlas.article.char_offset(l.range.start),
                            "end": atlas.article.char_offset(l.range.end),
                        }
                    ]
                }
            })
        })
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": atlas.article.citation,
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items }
    })
}

/// One passage with its attribution, for the timeline and relations exports.
fn attributed_passage(atlas: &Atlas, link: &Link) -> Value {
    let mut v = passage_json(atlas, link);
    let keys = |ids: &[ElementId]| -> Vec<String> {
        ids.iter()
            .filter_map(|i| atlas.element(*i))
            .map(|e| e.key.clone())
            .collect()
    };
    // The passage's claimants and deniers include its voices'; `voices` says whose words
    // are whose.
    let claimed: Vec<ElementId> = link.claimants().collect();
    let denied: Vec<ElementId> = link
        .denied_by
        .iter()
        .chain(link.voices.iter().flat_map(|v| &v.denied_by))
        .copied()
        .collect();
    if let Value::Object(o) = &mut v {
        if !claimed.is_empty() {
            o.insert("claimed_by".into(), json!(keys(&claimed)));
        }
        if !denied.is_empty() {
            o.insert("denied_by".into(), json!(keys(&denied)));
        }
        if link.assessment {
            o.insert("assessment".into(), json!("author"));
        }
        if !link.voices.is_empty() {
            let voices: Vec<Value> = link
                .voices
                .iter()
                .map(|voice| {
                    json!({
                        "text": atlas.article.slice(&voice.range),
                        "claimed_by": keys(&voice.claimed_by),
                        "denied_by": keys(&voice.denied_by),
                        "assessment": voice.assessment.then_some("author"),
                    })
                })
                .collect();
            o.insert("voices".into(), json!(voices));
        }
    }
    v
}

/// Every dated event: ISO date (or `start/end` interval), its precision, elements, passage.
pub fn timeline(atlas: &Atlas) -> Value {
    let events: Vec<Value> = atlas
        .events
        .iter()
        .map(|e| {
            json!({
                "id": e.key,
                "label": e.label,
                "date": e.date.iso(),
                "precision": e.date.precision_key(),
                "qualifier": e.qualifier,
                "start": super::timeline::civil_iso(e.date.first_day()),
                "end": super::timeline::civil_iso(e.date.end_day() - 1),
                "elements": e.elements.iter().filter_map(|i| atlas.element(*i)).map(|x| x.key.clone()).collect::<Vec<_>>(),
                "passage": atlas.link(e.link).map(|l| attributed_passage(atlas, l)),
            })
        })
        .collect();
    json!({ "events": events })
}

/// Every relation: ends, type, whose claim, and the passages that are its evidence.
pub fn relations(atlas: &Atlas) -> Value {
    use super::timeline::Claimant;
    let rels: Vec<Value> = atlas
        .elements
        .iter()
        .filter_map(|e| e.relation.map(|r| (e, r)))
        .map(|(e, r)| {
            let key = |i: ElementId| atlas.element(i).map(|x| x.key.clone());
            json!({
                "id": e.key,
                "name": e.name,
                "from": key(r.from),
                "to": key(r.to),
                "relation": r.kind.key(),
                "claimed_by": match r.claimed_by {
                    Claimant::Author => Some("author".to_owned()),
                    Claimant::Actor(a) => key(a),
                },
                "summary": e.summary,
                "passages": atlas.links_of(e.id).iter().filter_map(|l| atlas.link(*l)).map(|l| attributed_passage(atlas, l)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "relations": rels })
}
