//! What "Link to…" offers for a query: the atlas's own elements whose name or alias
//! matches, then places of the embedded world gazetteer, each turned into a
//! [`NewElement`] (its geometry and its source named) when chosen.

use serde_json::Value;

use super::doc::AtlasDoc;
use super::edit::{ElementRow, NewElement, element_exists, element_list};
use crate::gazetteer::{Gazetteer, Place, PlaceKind};
use crate::model::Kind;
use crate::model::search::fold;

/// Elements whose name or an alias contains `query` (folded: case, diacritics), names
/// that start with it first; at most `max`. An empty query lists every element.
pub fn find_elements(doc: &AtlasDoc, query: &str, max: usize) -> Vec<ElementRow> {
    let q = fold(query.trim());
    let mut hits: Vec<(u8, ElementRow)> = element_list(doc)
        .into_iter()
        .filter_map(|row| {
            let rank = std::iter::once(&row.name)
                .chain(&row.aliases)
                .map(|n| fold(n))
                .filter_map(|n| {
                    if n == q {
                        Some(0)
                    } else if n.starts_with(&q) {
                        Some(1)
                    } else {
                        n.contains(&q).then_some(2)
                    }
                })
                .min()?;
            Some((rank + u8::from(row.context), row))
        })
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    hits.into_iter().take(max).map(|(_, r)| r).collect()
}

/// Gazetteer places named `query` (name, alternate name or demonym), best first, at most
/// `max`.
pub fn find_places<'g>(gaz: &'g Gazetteer, query: &str, max: usize) -> Vec<&'g Place> {
    gaz.candidates(query.trim())
        .into_iter()
        .map(|c| c.place)
        .take(max)
        .collect()
}

/// The atlas kind a gazetteer place becomes.
pub fn kind_of(place: &Place) -> Kind {
    match place.kind {
        PlaceKind::Country => Kind::Country,
        PlaceKind::City => Kind::Place,
        PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River => Kind::Water,
        PlaceKind::Region | PlaceKind::Mountains | PlaceKind::Physical | PlaceKind::Continent => {
            Kind::Region
        }
    }
}

/// A lower-case ASCII id from a name ("Nagorno-Karabakh" → "nagorno-karabakh") that no
/// element of `doc` has yet.
pub fn fresh_element_id(doc: &AtlasDoc, name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in name.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '/') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let base: String = out.trim_matches('-').chars().take(48).collect();
    let base = if base.is_empty() {
        "element".to_owned()
    } else {
        base
    };
    super::unique_id(&base, |id| element_exists(doc, id))
}

/// The new element for a gazetteer place: its id, kind, name, geometry (lon/lat GeoJSON)
/// and the gazetteer's source for it (a city's point where the gazetteer has no outline).
/// `None` if the geometry cannot be written.
pub fn element_from_place(doc: &AtlasDoc, gaz: &Gazetteer, place: &Place) -> Option<NewElement> {
    let geometry = place_geometry(gaz, place)?;
    let kind = kind_of(place);
    // A place names the country it is in (the check wants it): the atlas's country
    // whose polygon holds it, as for a place clicked on the map.
    let country = (kind == Kind::Place)
        .then(|| doc.check().ok())
        .flatten()
        .and_then(|atlas| super::country_at(&atlas, [place.lon, place.lat]));
    Some(NewElement {
        id: fresh_element_id(doc, &place.name),
        kind,
        name: place.name.clone(),
        aliases: Vec::new(),
        geometry: Some(geometry),
        at: None,
        country,
        source: Some(format!("{} (gazetteer {})", place.source, place.id.0)),
        via: Vec::new(),
        status: None,
        gazetteer: Some(place.id.0.clone()),
    })
}

/// Why a new element would repeat an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Twin {
    /// It stands for the same gazetteer place.
    SamePlace,
    /// It has the same name (case aside).
    SameName,
}

/// The element a new one named `name`, made from gazetteer place `gazetteer`, would
/// repeat, and why: the same gazetteer place first (a renamed element is still found),
/// then the same name. `None` if it repeats none.
pub fn twin_of<'r>(
    rows: &'r [ElementRow],
    name: &str,
    gazetteer: Option<&str>,
) -> Option<(&'r ElementRow, Twin)> {
    let place = gazetteer.and_then(|g| rows.iter().find(|r| r.gazetteer.as_deref() == Some(g)));
    if let Some(r) = place {
        return Some((r, Twin::SamePlace));
    }
    let same = name.trim().to_lowercase();
    rows.iter()
        .find(|r| !same.is_empty() && r.name.trim().to_lowercase() == same)
        .map(|r| (r, Twin::SameName))
}

/// Other gazetteer places an element's name or aliases could mean (the one it is
/// resolved to, `current`, left out), best first, at most `max`.
pub fn alternatives<'g>(
    gaz: &'g Gazetteer,
    names: &[&str],
    current: Option<&str>,
    max: usize,
) -> Vec<&'g Place> {
    let mut out: Vec<&Place> = Vec::new();
    for n in names {
        for p in find_places(gaz, n, max) {
            if Some(p.id.0.as_str()) != current && !out.iter().any(|o| o.id == p.id) {
                out.push(p);
            }
        }
    }
    out.truncate(max);
    out
}

/// A gazetteer place's geometry as GeoJSON (lon/lat): its outline or line where the
/// gazetteer has one, else its point (cities). `None` if it cannot be written.
pub fn place_geometry(gaz: &Gazetteer, place: &Place) -> Option<Value> {
    let g = gaz
        .geometry(&place.id)
        .unwrap_or_else(|| geo::Geometry::Point(geo::Point::new(place.lon, place.lat)));
    serde_json::to_value(geojson::Geometry::new(geojson::Value::from(&g))).ok()
}

/// The edit that re-resolves element `id` (of `kind`) to `place`: its geometry, gazetteer
/// id and source, and its kind if the place is of another (an off-map actor stays one). `None` if the geometry cannot be written.
pub fn resolve_edit(gaz: &Gazetteer, id: &str, kind: Kind, place: &Place) -> Option<super::Edit> {
    let new = kind_of(place);
    Some(super::Edit::Resolve {
        kind: (new != kind && kind != Kind::Offmap).then_some(new),
        id: id.to_owned(),
        gazetteer: place.id.0.clone(),
        geometry: place_geometry(gaz, place)?,
        source: format!("{} (gazetteer {})", place.source, place.id.0),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn a_city_from_the_gazetteer_becomes_an_element_at_its_point() {
        let gaz = Gazetteer::embedded().unwrap();
        let place = find_places(gaz, "New Delhi", 6)
            .into_iter()
            .find(|p| p.name == "New Delhi")
            .unwrap();
        assert!(
            gaz.geometry(&place.id).is_none(),
            "the test needs a point-only city"
        );
        let e = element_from_place(&AtlasDoc::default(), gaz, place).expect("an element");
        let g = e.geometry.unwrap();
        assert_eq!(g["type"], "Point");
        assert_eq!(g["coordinates"][0].as_f64(), Some(place.lon));
        assert_eq!(e.name, "New Delhi");
    }

    #[test]
    fn a_place_from_the_gazetteer_names_the_atlas_country_it_lies_in() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/");
        let files = [
            "article.json",
            "article.txt",
            "links.json",
            "map.geojson",
            "events.json",
            "relations.json",
            "scenarios.json",
        ]
        .into_iter()
        .map(|n| (n.to_owned(), std::fs::read(format!("{dir}{n}")).unwrap()))
        .collect();
        let doc = AtlasDoc::from_files(files);
        let gaz = Gazetteer::embedded().unwrap();
        let place = find_places(gaz, "Yerevan", 6)
            .into_iter()
            .find(|p| p.name == "Yerevan")
            .unwrap();
        let e = element_from_place(&doc, gaz, place).unwrap();
        assert_eq!(e.kind, Kind::Place);
        assert_eq!(e.country.as_deref(), Some("armenia"));
    }
}
