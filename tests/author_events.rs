//! Author mode, this round (issue 15): a route across the antimeridian takes the short
//! way (its countries, the loader's check, the line drawn); an event edited after it is
//! made; a duplicate found by its gazetteer id; the first key after Tab.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::model::edit::route_via;
use aras::model::{Atlas, Projected};
use common::load_dir as load;

/// The antimeridian test atlas (Alpha split at ±180° like Chukotka, Beta like Alaska)
/// with Epsilon, a country on the far side of the world at the same latitude, and a
/// ferry from Alpha to Beta across ±180°, as a click from one to the other stores it.
fn pacific_ferry(line: &str) -> tempfile::TempDir {
    let dir = common::overlaid(&common::manifest().join("tests/atlases/wild-geom-antimeridian"));
    let path = dir.path().join("map.geojson");
    let map = std::fs::read_to_string(&path).unwrap();
    let extra = format!(
        r#",
{{"type":"Feature","properties":{{"id":"epsilon","kind":"country","name":"Epsilon","aliases":[],"context":true}},"geometry":{{"type":"Polygon","coordinates":[[[-10,60],[10,60],[10,70],[-10,70],[-10,60]]]}}}},
{{"type":"Feature","properties":{{"id":"ferry","kind":"corridor","name":"Ferry","aliases":[],"context":true,"status":"existing","via":["alpha","beta"],"source":"Ours, schematic."}},"geometry":{{"type":"LineString","coordinates":{line}}}}}
]}}"#
    );
    let end = map
        .trim_end()
        .strip_suffix("]}")
        .expect("a feature collection");
    std::fs::write(&path, format!("{end}{extra}")).unwrap();
    dir
}

fn loads(dir: &tempfile::TempDir) -> Atlas {
    load(dir.path()).unwrap_or_else(|p| panic!("should load:\n{p}"))
}

#[test]
fn a_route_across_the_antimeridian_passes_only_through_the_countries_at_its_ends() {
    for line in ["[[175,66],[-160,66]]", "[[-160,66],[175,66]]"] {
        let atlas = loads(&pacific_ferry(line));
        let pts: Vec<[f64; 2]> = serde_json::from_str(line).unwrap();
        assert_eq!(
            route_via(&atlas, &pts),
            ["alpha", "beta"],
            "{line}: the short way, not round the world through Epsilon"
        );
    }
}

#[test]
fn a_route_round_the_world_is_still_checked_against_what_it_crosses() {
    // Three steps of less than 180° each go the long way, through Epsilon.
    let atlas = loads(&pacific_ferry("[[175,66],[-160,66]]"));
    let round = [[175.0, 66.0], [60.0, 66.0], [-60.0, 66.0], [-160.0, 66.0]];
    assert!(route_via(&atlas, &round).contains(&"epsilon".to_owned()));
}

#[test]
fn a_route_across_the_antimeridian_is_drawn_the_short_way() {
    let atlas = loads(&pacific_ferry("[[175,66],[-160,66]]"));
    let id = atlas.by_key("ferry").unwrap();
    let Some(Projected::Lines(lines)) = &atlas.element(id).unwrap().projected else {
        panic!("the ferry is a line");
    };
    let p = &lines[0].0;
    let km = ((p[1].x - p[0].x).powi(2) + (p[1].y - p[0].y).powi(2)).sqrt();
    // 35° of longitude at 66° N is about 1,600 km; round the world would be ~15,000.
    assert!(km < 2500.0, "drawn {km:.0} km long");
}
