//! Geometry as other people's tools write it (issue 12): each case is a small atlas under
//! `tests/atlases/wild-geom-*/`, laid over `tests/atlases/minimal/`, with what the loader,
//! the export and the window must make of it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::AppInit;
use aras::model::{self, Atlas, AtlasSource, GeoShape, HitQuery, Projected};
use common::app::{click_geo, harness_with, in_map, selected};
use common::load_dir as load;
use geo::{BoundingRect, Contains};
use serde_json::Value;

/// A temporary copy of the minimal atlas with the files of `tests/atlases/<case>/` laid
/// over it.
fn case_dir(case: &str) -> tempfile::TempDir {
    common::overlaid(&common::manifest().join("tests/atlases").join(case))
}

fn loads(case: &str) -> Atlas {
    let dir = case_dir(case);
    load(dir.path()).unwrap_or_else(|p| panic!("{case} should load:\n{p}"))
}

/// Every problem of a case, as `aras check` prints it.
fn problems(case: &str) -> Vec<String> {
    let dir = case_dir(case);
    match load(dir.path()) {
        Ok(_) => panic!("{case} loaded without problems"),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    }
}

fn element<'a>(atlas: &'a Atlas, key: &str) -> &'a model::Element {
    let id = atlas.by_key(key).unwrap_or_else(|| panic!("no {key}"));
    atlas.element(id).expect("element")
}

/// The element at a geographic point (a click with no tolerance).
fn hit(atlas: &Atlas, lon: f64, lat: f64) -> Option<String> {
    let q = HitQuery {
        at: atlas.projection.project(lon, lat),
        point_radius: 0.0,
        line_tolerance: 0.0,
        visible: &|_| true,
    };
    atlas
        .hit(&q)
        .map(|id| atlas.element(id).expect("el").key.clone())
}

/// Twice the signed area of a lon/lat ring: positive when counter-clockwise.
fn signed_area(ring: &[Value]) -> f64 {
    let pts: Vec<(f64, f64)> = ring
        .iter()
        .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
        .collect();
    pts.windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum()
}

/// (element key, twice the signed area) of some rings.
type Rings = Vec<(String, f64)>;

/// (exteriors, holes) of every polygon in a GeoJSON export.
fn ring_areas(export: &Value) -> (Rings, Rings) {
    let (mut exteriors, mut holes) = (Vec::new(), Vec::new());
    for f in export["features"].as_array().expect("features") {
        let key = f["properties"]["id"].as_str().expect("id").to_owned();
        if f["geometry"]["type"] != "MultiPolygon" {
            continue;
        }
        for poly in f["geometry"]["coordinates"].as_array().expect("polys") {
            for (i, ring) in poly.as_array().expect("rings").iter().enumerate() {
                let a = signed_area(ring.as_array().expect("ring"));
                if i == 0 {
                    exteriors.push((key.clone(), a));
                } else {
                    holes.push((key.clone(), a));
                }
            }
        }
    }
    (exteriors, holes)
}

#[test]
fn a_polygon_that_repeats_a_vertex_loads_with_the_repeat_dropped() {
    let atlas = loads("wild-geom-repeated-vertex");
    let Some(GeoShape::Area(alpha)) = &element(&atlas, "alpha").geo else {
        panic!("alpha is an area");
    };
    // A, B, B, C, D, A becomes A, B, C, D, A.
    assert_eq!(alpha.0[0].exterior().0.len(), 5);
    for el in &atlas.elements {
        let rings: Vec<Vec<[f64; 2]>> = match &el.geo {
            Some(GeoShape::Area(mp)) => mp
                .iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .map(|r| r.0.iter().map(|c| [c.x, c.y]).collect())
                .collect(),
            Some(GeoShape::Lines(lines)) => lines.clone(),
            _ => continue,
        };
        for ring in rings {
            assert!(
                ring.windows(2).all(|w| w[0] != w[1]),
                "{} keeps a repeated vertex",
                el.key
            );
        }
    }
    // Beta's hole (which repeats a vertex too) is still a hole; both its parts are there.
    assert_eq!(hit(&atlas, 45.8, 40.5).as_deref(), Some("beta"));
    assert_eq!(hit(&atlas, 46.3, 40.3).as_deref(), Some("beta"));
    assert_ne!(hit(&atlas, 45.3, 40.7).as_deref(), Some("beta"));
    assert_eq!(hit(&atlas, 44.8, 40.8).as_deref(), Some("alpha"));
}

#[test]
fn a_feature_split_at_the_antimeridian_is_drawn_in_one_piece() {
    let atlas = loads("wild-geom-antimeridian");
    let Some(Projected::Area(alpha)) = &element(&atlas, "alpha").projected else {
        panic!("alpha is an area");
    };
    // The two halves (172° E to 180°, −180° to 172° W) are joined again: one polygon,
    // one outline, no stroke along the cut.
    assert_eq!(alpha.polygons.0.len(), 1, "{:?}", alpha.polygons);
    assert_eq!(alpha.rings.len(), 1);
    let whole = alpha.polygons.bounding_rect().expect("bounds");
    for lon in [173.0, 179.9, -179.9, -173.0] {
        let [x, y] = atlas.projection.project(lon, 66.0);
        assert!(
            alpha.polygons.contains(&geo::Point::new(x, y)),
            "{lon}° is not inside Alpha"
        );
    }
    // 16° of longitude at 64–68° N is about 700 km.
    assert!((500.0..900.0).contains(&whole.width()), "{whole:?}");
    // Alpha, then Beta (Alaska-like) to the east, all in one narrow frame.
    let beta = element(&atlas, "beta").projected.as_ref().expect("beta");
    let [beta_lo, _] = beta.bounds().expect("bounds");
    assert!(beta_lo[0] > whole.min().x);
    for [lo, hi] in [atlas.data_bounds(), atlas.home_bounds()] {
        let width = hi[0] - lo[0];
        // From 164° E to 156° W is 40° of longitude: under 2,500 km at these latitudes.
        assert!((1000.0..2500.0).contains(&width), "frame {width} km wide");
        assert!(hi[1] - lo[1] < 2000.0, "frame {} km tall", hi[1] - lo[1]);
    }
    for lon in [179.0, -179.0] {
        assert_eq!(hit(&atlas, lon, 67.0).as_deref(), Some("alpha"), "{lon}");
    }
    // The river, split at the same meridian, meets itself there.
    let Some(Projected::Lines(river)) = &element(&atlas, "blue-river").projected else {
        panic!("a line");
    };
    let (end, start) = (river[0].0.last().expect("end"), river[1].0[0]);
    assert!((end.x - start.x).abs() < 1e-9 && (end.y - start.y).abs() < 1e-9);
}

#[test]
fn the_antimeridian_export_keeps_longitudes_within_180() {
    let atlas = loads("wild-geom-antimeridian");
    let export = model::export::geojson(&atlas);
    let text = export.to_string();
    let alpha = export["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["id"] == "alpha")
        .expect("alpha");
    let lons: Vec<f64> = alpha["geometry"]["coordinates"]
        .as_array()
        .expect("polys")
        .iter()
        .flat_map(|p| p[0].as_array().expect("ring").clone())
        .map(|c| c[0].as_f64().expect("lon"))
        .collect();
    assert!(lons.contains(&180.0) && lons.contains(&-180.0), "{text}");
    assert!(lons.iter().all(|l| (-180.0..=180.0).contains(l)));
}

#[test]
fn the_antimeridian_atlas_opens_with_both_halves_on_screen_and_clickable() {
    let dir = case_dir("wild-geom-antimeridian");
    let source = AtlasSource::Dir(dir.path().to_path_buf());
    let mut h = harness_with(AppInit {
        atlas: model::load(&source),
        source,
        ..AppInit::embedded()
    });
    for (lon, lat) in [(173.0, 65.0), (179.5, 66.0), (-179.5, 66.0), (-160.0, 66.0)] {
        assert!(in_map(&h, lon, lat), "{lon}, {lat} is off the map");
    }
    click_geo(&mut h, 178.0, 67.5);
    assert_eq!(selected(&h).as_deref(), Some("alpha"));
    click_geo(&mut h, -160.0, 64.0);
    assert_eq!(selected(&h).as_deref(), Some("beta"));
    click_geo(&mut h, -178.0, 67.5);
    assert_eq!(selected(&h).as_deref(), Some("alpha"));
}

#[test]
fn the_embedded_export_winds_exteriors_counter_clockwise_and_holes_clockwise() {
    let atlas = Atlas::embedded().expect("embedded");
    let (exteriors, holes) = ring_areas(&model::export::geojson(&atlas));
    assert!(exteriors.len() >= 100, "{} exteriors", exteriors.len());
    for (key, a) in &exteriors {
        assert!(*a > 0.0, "an exterior of {key} is clockwise");
    }
    for (key, a) in &holes {
        assert!(*a < 0.0, "a hole of {key} is counter-clockwise");
    }
}

#[test]
fn clockwise_input_is_accepted_and_exported_counter_clockwise() {
    let atlas = loads("wild-geom-clockwise");
    let (exteriors, holes) = ring_areas(&model::export::geojson(&atlas));
    assert_eq!(exteriors.len(), 3);
    assert!(exteriors.iter().all(|(_, a)| *a > 0.0), "{exteriors:?}");
    assert_eq!(holes.len(), 1);
    assert!(holes[0].1 < 0.0, "{holes:?}");
    // The hole is still a hole when clicked, whichever way it was wound.
    assert_eq!(hit(&atlas, 44.8, 40.8).as_deref(), Some("alpha"));
    assert_ne!(hit(&atlas, 44.2, 40.8).as_deref(), Some("alpha"));
}

#[test]
fn empty_geometry_on_a_map_element_is_refused_as_unreachable() {
    assert_eq!(
        problems("wild-geom-empty-geometry"),
        [
            "map.geojson: beta: invalid geometry: a country needs a Polygon or MultiPolygon; its geometry is empty (\"coordinates\": []), which is read as null, so it could be neither drawn nor clicked",
            "map.geojson: gamma-town: invalid geometry: a place needs a Point; its geometry is empty (\"coordinates\": []), which is read as null, so it could be neither drawn nor clicked",
        ]
    );
}

#[test]
fn empty_geometry_on_an_organisation_reads_as_null() {
    let atlas = loads("wild-geom-empty-person");
    let council = element(&atlas, "alpha-council");
    assert!(council.geo.is_none() && council.projected.is_none());
    assert_eq!(council.at, atlas.by_key("gamma-town"));
}

#[test]
fn every_bad_feature_is_named_with_the_member_at_fault() {
    assert_eq!(
        problems("wild-geom-feature-errors"),
        [
            "map.geojson: feature 2 (id `blue-river`, name “Blue River”): malformed GeoJSON: the `geometry` member is missing; a feature with no place on the map needs \"geometry\": null (RFC 7946 §3.2)",
            "map.geojson: feature 3 (id `gamma-town`, name “Gamma Town”): malformed GeoJSON: the `id` member must be a string or a number (RFC 7946 §3.2), not true",
            "map.geojson: feature 4 (id `delta`, name “Delta”): malformed GeoJSON: the `geometry` member is not a valid geometry: Encountered an unknown 'geometry' object type: `Polygonn`",
            "map.geojson: feature 5: malformed GeoJSON: the `type` member must be \"Feature\", not \"Featur\"",
            "map.geojson: feature 5: malformed GeoJSON: the `properties` member must be an object or null, not \"oops\"",
        ]
    );
}

#[test]
fn aras_check_names_every_bad_feature_and_exits_1() {
    let dir = case_dir("wild-geom-feature-errors");
    let (code, stdout, _) = common::aras(&["check", "--atlas", &dir.path().to_string_lossy()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("problems: 5\n"), "{stdout}");
    assert!(
        stdout.contains("map.geojson: feature 2 (id `blue-river`, name “Blue River”): malformed GeoJSON: the `geometry` member is missing"),
        "{stdout}"
    );
}

#[test]
fn a_null_feature_id_is_read_as_no_id() {
    let atlas = loads("wild-geom-null-id");
    assert_eq!(atlas.elements.len(), 5);
}

#[test]
fn bad_rings_lines_and_positions_are_each_named() {
    assert_eq!(
        problems("wild-geom-bad-rings"),
        [
            "map.geojson: beta: invalid geometry: hole 0 of polygon 0 has 3 distinct (of 4) positions; a ring needs at least 4",
            "map.geojson: blue-river: invalid geometry: line 1 needs at least two distinct positions",
            "map.geojson: delta: invalid geometry: polygon 0 is not a valid polygon: the exterior ring has a self-intersection",
            "map.geojson: epsilon: invalid geometry: the outer ring of polygon 1 is not closed: it starts at [41.2, 41.2] and ends at [41.2, 41.4]",
            "map.geojson: feature 6 (id `zeta`, name “Zeta”): malformed GeoJSON: the `geometry` member is not a valid geometry: A position must contain two or more elements, but got `1`",
            "map.geojson: eta: invalid geometry: polygon 0 has no rings",
        ]
    );
}

#[test]
fn no_wild_geometry_case_panics_in_aras_check() {
    let mut cases = 0;
    for entry in std::fs::read_dir(common::manifest().join("tests/atlases")).expect("dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !name.starts_with("wild-geom-") {
            continue;
        }
        let dir = case_dir(&name);
        let (code, _, stderr) = common::aras(&["check", "--atlas", &dir.path().to_string_lossy()]);
        assert!(matches!(code, 0 | 1), "{name}: {stderr}");
        assert!(stderr.is_empty(), "{name}: {stderr}");
        cases += 1;
    }
    assert!(cases >= 8, "{cases} cases");
}

#[test]
fn the_embedded_atlas_and_the_minimal_one_keep_the_caucasus_projection() {
    let embedded = Atlas::embedded().expect("embedded");
    assert_eq!(embedded.projection, model::Projection::default());
    let minimal = load(&common::minimal_dir()).expect("minimal");
    assert_eq!(minimal.projection, model::Projection::default());
    let far = loads("wild-geom-antimeridian");
    assert_ne!(far.projection, model::Projection::default());
}

/// The fuzz seeds made from these cases (`fuzz/seeds_small/wild-geom-*`), run as the
/// `load_small` target runs them: the first byte picks the file of the minimal atlas the
/// rest replaces. Each must load or fail with problems, never panic.
#[test]
fn the_wild_geometry_fuzz_seeds_load_or_fail_cleanly() {
    const FILES: [&str; 7] = [
        "map.geojson",
        "links.json",
        "article.json",
        "article.txt",
        "events.json",
        "relations.json",
        "scenarios.json",
    ];
    let seeds = common::manifest().join("fuzz/seeds_small");
    let mut n = 0;
    for entry in std::fs::read_dir(seeds).expect("seeds") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if !name.starts_with("wild-geom-") {
            continue;
        }
        let data = std::fs::read(&path).expect("seed");
        let (which, content) = data.split_first().expect("not empty");
        let mut files = std::collections::BTreeMap::new();
        for f in ["map.geojson", "links.json", "article.json", "article.txt"] {
            files.insert(
                f.to_owned(),
                std::fs::read(common::minimal_dir().join(f)).expect("minimal"),
            );
        }
        let file = FILES[usize::from(*which) % FILES.len()];
        files.insert(file.to_owned(), content.to_vec());
        let result = model::load(&AtlasSource::Memory(std::sync::Arc::new(files)));
        let expect_ok = ["antimeridian", "clockwise", "null-id", "repeated-vertex"]
            .iter()
            .any(|c| name == format!("wild-geom-{c}"));
        assert_eq!(result.is_ok(), expect_ok, "{name}");
        n += 1;
    }
    assert!(n >= 9, "{n} seeds");
}
