//! The embedded world gazetteer: names in other scripts, demonyms, ranking, capitals,
//! geometry and corrupt data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use aras::gazetteer::{GazId, Gazetteer, GazetteerError, MatchKind, PlaceKind};
use geo::{Contains, Geometry, Point};

fn gaz() -> &'static Gazetteer {
    Gazetteer::embedded().expect("embedded gazetteer decodes")
}

/// The best candidate of `kind` for `surface`, as (id, name, country).
fn best(surface: &str, kind: PlaceKind) -> (GazId, String, Option<String>) {
    let c = gaz()
        .candidates(surface)
        .into_iter()
        .find(|c| c.place.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} for {surface:?}"));
    (
        c.place.id.clone(),
        c.place.name.clone(),
        c.place.country.clone(),
    )
}

#[test]
fn alternate_names_in_other_scripts_resolve_to_the_same_place() {
    let groups: &[(&[&str], PlaceKind)] = &[
        (
            &["Nakhchivan", "Naxçıvan", "Nakhichevan", "Нахичевань"],
            PlaceKind::City,
        ),
        (&["Tbilisi", "Tiflis", "თბილისი"], PlaceKind::City),
        (&["Tabriz", "تبریز"], PlaceKind::City),
        (&["Yerevan", "Երևան"], PlaceKind::City),
        (&["Baku", "Bakı"], PlaceKind::City),
    ];
    for (names, kind) in groups {
        let first = best(names[0], *kind);
        for n in names.iter().skip(1) {
            assert_eq!(
                best(n, *kind).0,
                first.0,
                "{n} should resolve to {} ({})",
                first.1,
                first.0.0
            );
        }
    }
}

#[test]
fn lookup_ignores_case_and_diacritics() {
    assert_eq!(
        best("BAKI", PlaceKind::City).0,
        best("baku", PlaceKind::City).0
    );
    assert_eq!(
        best("naxcivan", PlaceKind::City).0,
        best("Naxçıvan", PlaceKind::City).0
    );
}

#[test]
fn demonyms_resolve_to_their_country() {
    for (demonym, country) in [
        ("Iranian", "IR"),
        ("Azerbaijani", "AZ"),
        ("Turkish", "TR"),
        ("Georgian", "GE"),
    ] {
        let c = gaz()
            .candidates(demonym)
            .into_iter()
            .find(|c| c.place.kind == PlaceKind::Country)
            .unwrap_or_else(|| panic!("{demonym} finds no country"));
        assert_eq!(c.place.country.as_deref(), Some(country), "{demonym}");
        assert_eq!(c.matched, MatchKind::Demonym, "{demonym}");
    }
}

#[test]
fn turkey_ranks_the_country_first() {
    let c = gaz().candidates("Turkey");
    let first = c.first().expect("Turkey has candidates");
    assert_eq!(first.place.kind, PlaceKind::Country);
    assert_eq!(first.place.country.as_deref(), Some("TR"));
    assert_eq!(first.matched, MatchKind::Name);
}

#[test]
fn national_capitals_are_marked_and_others_are_not() {
    for (city, iso) in [
        ("Baku", "AZ"),
        ("Tehran", "IR"),
        ("Yerevan", "AM"),
        ("Tbilisi", "GE"),
        ("Ankara", "TR"),
        ("Lima", "PE"),
    ] {
        let c = gaz().candidates(city);
        let capital = c
            .iter()
            .find(|c| c.place.kind == PlaceKind::City)
            .expect(city);
        assert_eq!(capital.place.capital_of.as_deref(), Some(iso), "{city}");
    }
    for city in ["Tabriz", "Istanbul", "Ganja"] {
        let c = gaz().candidates(city);
        let p = c
            .iter()
            .find(|c| c.place.kind == PlaceKind::City)
            .expect(city);
        assert_eq!(p.place.capital_of, None, "{city} is no national capital");
    }
}

#[test]
fn a_country_geometry_contains_its_own_label_point() {
    let g = gaz();
    let mut checked = 0;
    for p in g.places().iter().filter(|p| p.kind == PlaceKind::Country) {
        let Some(Geometry::MultiPolygon(mp)) = g.geometry(&p.id) else {
            panic!("{} ({}) has no polygon", p.name, p.id.0);
        };
        assert!(
            mp.contains(&Point::new(p.lon, p.lat)),
            "{} label {},{} outside",
            p.name,
            p.lon,
            p.lat
        );
        checked += 1;
    }
    assert!(checked > 200, "only {checked} countries");
}

#[test]
fn regions_have_polygons_and_cities_have_none() {
    let g = gaz();
    let (id, _, country) = best("Syunik", PlaceKind::Region);
    assert_eq!(country.as_deref(), Some("AM"));
    assert!(matches!(g.geometry(&id), Some(Geometry::MultiPolygon(_))));
    let (city, _, _) = best("Baku", PlaceKind::City);
    assert!(g.geometry(&city).is_none());
    assert!(g.get(&city).is_some());
    assert!(g.get(&GazId("geonames:0".into())).is_none());
}

/// The geometry's parts on each side of ±180°.
fn sides(g: &Geometry<f64>) -> (usize, usize) {
    let Geometry::MultiPolygon(mp) = g else {
        panic!("not polygons")
    };
    let east =
        mp.0.iter()
            .filter(|p| p.exterior().0.iter().all(|c| c.x > 0.0))
            .count();
    let west =
        mp.0.iter()
            .filter(|p| p.exterior().0.iter().all(|c| c.x < 0.0))
            .count();
    (east, west)
}

#[test]
fn regions_across_the_antimeridian_are_returned_intact() {
    let g = gaz();
    let (fiji, _, _) = best("Fiji", PlaceKind::Country);
    let (east, west) = sides(&g.geometry(&fiji).unwrap());
    assert!(east > 0 && west > 0, "Fiji parts east {east} west {west}");
    let chukotka = g
        .candidates("Chukotka Autonomous Okrug")
        .into_iter()
        .find(|c| c.place.kind == PlaceKind::Region)
        .expect("Chukotka");
    assert_eq!(chukotka.place.country.as_deref(), Some("RU"));
    let (east, west) = sides(&g.geometry(&chukotka.place.id).unwrap());
    assert!(
        east > 0 && west > 0,
        "Chukotka parts east {east} west {west}"
    );
}

#[test]
fn prefixes_of_multi_word_names_are_known() {
    let g = gaz();
    assert!(g.is_prefix("New"));
    assert!(g.is_prefix("New York"));
    assert!(g.is_prefix("Lake"), "Lake Sevan");
    assert!(g.is_prefix("sea of"), "Sea of Galilee");
    assert!(g.is_prefix("Mingachevir"));
    assert!(!g.is_prefix("Mingachevi"), "a prefix is whole tokens");
    assert!(!g.is_prefix("Xqzzy"));
    assert!(!g.is_prefix(""));
}

#[test]
fn context_of_the_caucasus_holds_its_countries() {
    let ids = gaz().context_in(43.0, 38.0, 50.0, 42.0);
    let names: Vec<&str> = ids
        .iter()
        .map(|id| gaz().get(id).unwrap().name.as_str())
        .collect();
    for n in ["Azerbaijan", "Armenia", "Georgia", "Iran", "Turkey"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    assert!(!names.contains(&"Peru"));
}

#[test]
fn context_across_the_antimeridian_holds_fiji() {
    let ids = gaz().context_in(175.0, -20.0, -178.0, -15.0);
    assert!(ids.iter().any(|id| gaz().get(id).unwrap().name == "Fiji"));
    let ids = gaz().context_in(175.0, -20.0, 182.0, -15.0);
    assert!(ids.iter().any(|id| gaz().get(id).unwrap().name == "Fiji"));
}

#[test]
fn corrupt_gazetteer_bytes_give_an_error_not_a_panic() {
    assert_eq!(
        Gazetteer::from_bytes(b"").unwrap_err(),
        GazetteerError::BadMagic
    );
    assert_eq!(
        Gazetteer::from_bytes(b"not a gazetteer").unwrap_err(),
        GazetteerError::BadMagic
    );
    assert!(matches!(
        Gazetteer::from_bytes(b"ARASGAZ\0\x09").unwrap_err(),
        GazetteerError::Version(9)
    ));
    assert!(matches!(
        Gazetteer::from_bytes(b"ARASGAZ\0\x02garbage").unwrap_err(),
        GazetteerError::Inflate(_)
    ));
    let real = include_bytes!("../assets/gazetteer/world.gaz");
    // Truncated: the zlib stream ends early.
    assert!(Gazetteer::from_bytes(&real[..real.len() / 2]).is_err());
    // A valid zlib stream holding nonsense records.
    for payload in [
        // Name keys out of order ("b" before "a").
        &[0, 0, 2, 1, b'b', 0, 1, b'a', 0][..],
        // A posting naming a place that does not exist.
        &[0, 0, 1, 1, b'a', 1, 5, 0][..],
        &[0xFFu8; 64][..],
        &[1, 3, b'a', b'b', b'c', 0xFF, 0xFF, 0xFF, 0xFF, 0x0F][..],
        &[0, 1, 0, 0, 9][..],
    ] {
        let mut bytes = b"ARASGAZ\0\x02".to_vec();
        bytes.extend(miniz_oxide::deflate::compress_to_vec_zlib(payload, 6));
        let err = Gazetteer::from_bytes(&bytes).unwrap_err();
        assert!(matches!(err, GazetteerError::Corrupt { .. }), "{err}");
    }
}

#[test]
fn every_embedded_geometry_decodes() {
    let g = gaz();
    let with_geom = g
        .places()
        .iter()
        .filter(|p| g.geometry(&p.id).is_some())
        .count();
    let areas = g
        .places()
        .iter()
        .filter(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Region))
        .count();
    assert_eq!(
        with_geom,
        areas
            + g.places()
                .iter()
                .filter(|p| matches!(p.kind, PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River))
                .count()
    );
}

#[test]
fn water_bodies_have_their_geometry() {
    let g = gaz();
    let (caspian, _, _) = best("Caspian Sea", PlaceKind::Sea);
    assert!(matches!(
        g.geometry(&caspian),
        Some(Geometry::MultiPolygon(_))
    ));
    let (black, _, _) = best("Black Sea", PlaceKind::Sea);
    let Some(Geometry::MultiPolygon(mp)) = g.geometry(&black) else {
        panic!("Black Sea polygon")
    };
    assert!(
        mp.contains(&Point::new(34.0, 43.0)),
        "the middle of the Black Sea"
    );
    assert!(
        !mp.contains(&Point::new(18.0, 35.0)),
        "not the Mediterranean"
    );
    let (aras, _, _) = best("Aras River", PlaceKind::River);
    assert!(matches!(
        g.geometry(&aras),
        Some(Geometry::MultiLineString(_))
    ));
    assert_eq!(best("Aras", PlaceKind::River).0, aras);
    let (sevan, _, _) = best("Lake Sevan", PlaceKind::Lake);
    assert!(matches!(
        g.geometry(&sevan),
        Some(Geometry::MultiPolygon(_))
    ));
}

#[test]
fn context_of_the_caucasus_holds_its_water() {
    let names: Vec<String> = gaz()
        .context_in(43.0, 38.0, 50.0, 42.0)
        .iter()
        .map(|id| gaz().get(id).unwrap().name.clone())
        .collect();
    for n in ["Caspian Sea", "Lake Sevan", "Aras", "Kura"] {
        assert!(names.iter().any(|x| x == n), "{n} missing from {names:?}");
    }
    assert!(
        !names.iter().any(|x| x == "Black Sea"),
        "the Black Sea lies west of 43° E here"
    );
}

#[test]
fn continents_and_the_azeri_adjective_resolve() {
    assert_eq!(best("Europe", PlaceKind::Continent).1, "Europe");
    let c = gaz().candidates("Azeri");
    let az = c
        .iter()
        .find(|c| c.place.kind == PlaceKind::Country)
        .expect("Azeri");
    assert_eq!(
        (az.place.country.as_deref(), az.matched),
        (Some("AZ"), MatchKind::Demonym)
    );
}

#[test]
fn build_and_lookup_normalise_names_alike() {
    // Samples written by assets/gazetteer/scripts/build_gazetteer.py: (name, the key the
    // build indexed it under); a lookup must compute the same key.
    let text = include_str!("data/gazetteer_keys.tsv");
    let mut bad = Vec::new();
    let mut n = 0;
    for line in text.lines() {
        let (name, key) = line.split_once('\t').expect("name<TAB>key");
        n += 1;
        if aras::gazetteer::name_key(name) != key {
            bad.push(format!(
                "{name:?}: build {key:?}, lookup {:?}",
                aras::gazetteer::name_key(name)
            ));
        }
    }
    assert!(n > 1000, "only {n} samples");
    assert!(
        bad.is_empty(),
        "{} of {n} differ:\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}

/// A country that touches ±180° (Fiji, Russia's Chukotka) has no edge running the long
/// way round the globe: such an edge drew a line across every draft's map (Peru got a
/// sliver of "Fiji") and made every frame look as if it met that country.
#[test]
fn no_edge_of_any_area_runs_more_than_half_way_round_the_globe() {
    let g = gaz();
    let mut bad = Vec::new();
    for p in g.places() {
        let Some(Geometry::MultiPolygon(mp)) = g.geometry(&p.id) else {
            continue;
        };
        let rings =
            mp.0.iter()
                .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors().iter()));
        // A ring round a pole (Antarctica's) really runs along ±180°.
        for ring in rings.filter(|r| r.0.iter().all(|c| c.y > -60.0)) {
            if ring.lines().any(|l| (l.end.x - l.start.x).abs() > 180.0) {
                bad.push(p.name.clone());
                break;
            }
        }
    }
    assert!(bad.is_empty(), "edges across the globe in {bad:?}");
}

/// Nothing in the Pacific is context for a draft about Peru.
#[test]
fn context_for_peru_has_no_pacific_islands() {
    let ids = gaz().context_in(-82.0, -19.0, -68.0, -2.0);
    let names: Vec<&str> = ids
        .iter()
        .filter_map(|id| gaz().get(id))
        .map(|p| p.name.as_str())
        .collect();
    assert!(names.contains(&"Peru"), "{names:?}");
    assert!(!names.contains(&"Fiji"), "{names:?}");
}

#[test]
fn short_forms_of_countries_and_the_uk_nations_resolve() {
    for (s, cc) in [
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("UAE", "AE"),
    ] {
        assert_eq!(best(s, PlaceKind::Country).2.as_deref(), Some(cc), "{s}");
    }
    for (s, name) in [
        ("Scotland", "Scotland"),
        ("Welsh", "Wales"),
        ("English", "England"),
    ] {
        let c = gaz().candidates(s);
        let r = c
            .iter()
            .find(|c| c.place.kind == PlaceKind::Region && c.place.country.as_deref() == Some("GB"))
            .unwrap_or_else(|| panic!("no UK nation for {s}"));
        assert_eq!(r.place.name, name);
        assert!(
            gaz().geometry(&r.place.id).is_some(),
            "{name} has an outline"
        );
    }
}

#[test]
fn nagorno_karabakh_and_the_macro_regions_are_in_the_gazetteer() {
    let (id, name, cc) = best("Nagorno-Karabakh", PlaceKind::Region);
    assert_eq!(
        (name.as_str(), cc.as_deref()),
        ("Nagorno-Karabakh", Some("AZ"))
    );
    assert!(matches!(
        gaz().geometry(&id),
        Some(Geometry::MultiPolygon(_))
    ));
    assert_eq!(best("Karabakh", PlaceKind::Region).0, id);
    for (s, name) in [
        ("South Caucasus", "South Caucasus"),
        ("Transcaucasia", "South Caucasus"),
        ("Middle East", "Middle East"),
        ("EU", "Europe"),
        ("African", "Africa"),
    ] {
        assert_eq!(best(s, PlaceKind::Continent).1, name, "{s}");
    }
    let sc = gaz()
        .get(&best("South Caucasus", PlaceKind::Continent).0)
        .unwrap();
    assert!(
        (40.0..48.0).contains(&sc.lon) && (39.0..43.0).contains(&sc.lat),
        "{} {}",
        sc.lon,
        sc.lat
    );
}

#[test]
fn a_country_point_is_its_conventional_centre_not_a_far_corner() {
    // Russia's pole of inaccessibility lies 3,000 km east of the usual point (60° N,
    // 100° E); a geocoder scored against GeoNames points needs the usual one.
    for (s, lat, lon) in [
        ("Russia", 60.0, 100.0),
        ("China", 35.0, 105.0),
        ("Iran", 32.0, 53.0),
    ] {
        let (id, _, _) = best(s, PlaceKind::Country);
        let p = gaz().get(&id).unwrap();
        assert!(
            (p.lat - lat).abs() < 1.5 && (p.lon - lon).abs() < 1.5,
            "{s}: {} {}",
            p.lat,
            p.lon
        );
    }
}

#[test]
fn every_country_name_belongs_to_one_country() {
    // World-atlas files Ashmore and Cartier Islands under Australia's ISO code: it was a
    // second "Australia", and `aras new` reported "Australia over Australia".
    let mut seen = std::collections::HashMap::new();
    for p in gaz()
        .places()
        .iter()
        .filter(|p| p.kind == PlaceKind::Country)
    {
        if let Some(other) = seen.insert(p.name.clone(), p.id.clone()) {
            panic!("{} is the name of {} and {}", p.name, other.0, p.id.0);
        }
    }
    assert!(seen.contains_key("Australia"));
}
