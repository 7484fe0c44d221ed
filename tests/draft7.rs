//! What the draft (`aras new`) gets right about the newcomer trial's story (s7 trial,
//! GeoWebNews 128, retold in `tests/fixtures/new/envoys.txt`): which Washington it means,
//! and passages without the live blog's editorial lines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use std::path::PathBuf;

use common::{draft, manifest};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/fixtures/new").join(name)
}

/// The draft's feature whose name is `name`: (properties, [lon, lat]).
fn feature(dir: &std::path::Path, name: &str) -> (Value, [f64; 2]) {
    let map: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("map.geojson")).unwrap()).unwrap();
    let f = map["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["name"] == name)
        .unwrap_or_else(|| panic!("no feature {name} in {map}"));
    let c = &f["geometry"]["coordinates"];
    (
        f["properties"].clone(),
        [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()],
    )
}

#[test]
fn washington_in_a_story_naming_the_us_is_its_capital_not_the_english_town_near_its_places() {
    // Britain is named far more often than the United States, and the town of
    // Washington (Tyne and Wear) lies near the story's English places; still the US
    // capital is what the story means.
    let (_t, dir, report) = draft(&fixture("envoys.txt"));
    let (props, [lon, lat]) = feature(&dir, "Washington");
    assert_eq!(props["country"], "united-states", "{props}\n{report}");
    assert!(
        (lon + 77.04).abs() < 0.2 && (lat - 38.9).abs() < 0.2,
        "Washington at {lon}, {lat}\n{report}"
    );
    // The report still says what it chose over what.
    let line = report
        .lines()
        .find(|l| l.contains("“Washington”"))
        .unwrap_or_else(|| panic!("Washington is listed as ambiguous: {report}"));
    assert!(
        line.contains("→ Washington (city or town, US) over Washington (city or town, GB)"),
        "{line}"
    );
}

/// The minimal atlas with a route the author drew (its name not in the text), its
/// evidence (a clause naming none of its countries, in a sentence that names Alpha), a
/// dated event whose passage is the clause with the date, and a wrong link for each.
fn atlas_with_route_and_event() -> (tempfile::TempDir, aras::model::Atlas) {
    let dir = common::copy_of(&common::minimal_dir());
    let article = dir.path().join("article.txt");
    let text = std::fs::read_to_string(&article).unwrap().replace(
        "Gamma Town lies in Alpha.",
        "Gamma Town lies in Alpha. Troops from Alpha then marched east by the old mountain road at dawn. Gamma Town was shelled on 4 March 2021 by unknown guns.",
    );
    std::fs::write(&article, text).unwrap();
    let map = dir.path().join("map.geojson");
    let json = std::fs::read_to_string(&map).unwrap().replace(
        "\n]}",
        ",\n{\"type\":\"Feature\",\"properties\":{\"id\":\"troop-march\",\"kind\":\"corridor\",\"name\":\"Troop march to Beta\",\"aliases\":[],\"status\":\"existing\",\"via\":[\"alpha\",\"beta\"],\"source\":\"Drawn by the author\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[44.5,40.5],[45.5,40.5]]}}\n]}",
    );
    std::fs::write(&map, json).unwrap();
    let links = dir.path().join("links.json");
    let json = std::fs::read_to_string(&links).unwrap().replace(
        "\n  ]",
        ",\n    { \"id\": \"march\", \"elements\": [\"troop-march\"], \"selector\": { \"type\": \"TextQuoteSelector\", \"exact\": \"marched east by the old mountain road at dawn\" } },\n    { \"id\": \"wrong-march\", \"elements\": [\"troop-march\"], \"selector\": { \"type\": \"TextQuoteSelector\", \"exact\": \"As a standfirst, this says what happens.\" } },\n    { \"id\": \"shelled\", \"elements\": [\"gamma-town\"], \"selector\": { \"type\": \"TextQuoteSelector\", \"exact\": \"shelled on 4 March 2021 by unknown guns\" } }\n  ]",
    );
    std::fs::write(&links, json).unwrap();
    std::fs::write(
        dir.path().join("events.json"),
        r#"{"events": [{"id": "shelling", "label": "Gamma Town shelled", "date": "2021-03-04", "elements": ["gamma-town"], "link": "shelled"}]}"#,
    )
    .unwrap();
    let atlas = common::load_dir(dir.path()).unwrap_or_else(|p| panic!("{p:?}"));
    (dir, atlas)
}

#[test]
fn a_routes_own_evidence_names_it_by_its_countries_and_a_wrong_link_is_still_caught() {
    let (_dir, atlas) = atlas_with_route_and_event();
    let link = |k: &str| atlas.links.iter().find(|l| l.key == k).unwrap().id;
    let route = atlas.by_key("troop-march").unwrap();
    let cov = atlas.coverage();
    assert!(!cov.unmentioned_links.contains(&link("march")), "{cov:?}");
    assert!(!cov.unmentioned_elements.contains(&route), "{cov:?}");
    assert!(
        cov.unmentioned_links.contains(&link("wrong-march")),
        "{cov:?}"
    );
    // Review counts the route's one passage that names it, not 0.
    assert_eq!(atlas.mention_count(route), 1);
}

#[test]
fn an_events_passage_is_named_by_its_sentence_and_a_place_link_is_not_widened() {
    let (_dir, atlas) = atlas_with_route_and_event();
    let link = |k: &str| atlas.links.iter().find(|l| l.key == k).unwrap().id;
    let cov = atlas.coverage();
    // The event's passage (the clause with its date) lies in a sentence naming its place.
    assert!(!cov.unmentioned_links.contains(&link("shelled")), "{cov:?}");
    // The town's own count is its name's mentions only.
    let town = atlas.by_key("gamma-town").unwrap();
    assert_eq!(atlas.mention_count(town), atlas.mentions_of(town).count());
}

#[test]
fn a_place_linked_to_a_clause_that_does_not_name_it_is_still_reported() {
    // Only evidence (routes, regions, relations, events) is read in its sentence: this
    // clause's sentence names Gamma Town, but a place's passage must name it itself.
    let dir = common::copy_of(&common::minimal_dir());
    let links = dir.path().join("links.json");
    let json = std::fs::read_to_string(&links).unwrap().replace(
        "\n  ]",
        ",\n    { \"id\": \"clause\", \"elements\": [\"gamma-town\"], \"selector\": { \"type\": \"TextQuoteSelector\", \"exact\": \"lies in Alpha.\" } }\n  ]",
    );
    std::fs::write(&links, json).unwrap();
    let atlas = common::load_dir(dir.path()).unwrap_or_else(|p| panic!("{p:?}"));
    let clause = atlas.links.iter().find(|l| l.key == "clause").unwrap().id;
    assert!(atlas.coverage().unmentioned_links.contains(&clause));
}

#[test]
fn a_draft_passage_starts_with_the_news_not_the_live_blogs_time_stamp() {
    // The trial shrank "(all times local): 7:50 p.m. In Washington, …" by hand.
    let (_t, dir, _report) = draft(&fixture("envoys.txt"));
    let links: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("links.json")).unwrap()).unwrap();
    let quotes: Vec<&str> = links["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["selector"]["exact"].as_str())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.starts_with("In Washington, Russian diplomats")),
        "{quotes:#?}"
    );
    assert!(
        !quotes
            .iter()
            .any(|q| q.contains("all times local") || q.contains("7:50")),
        "{quotes:#?}"
    );
}

#[test]
fn a_drafts_coverage_report_does_not_list_months_and_weekdays_but_keeps_a_surname() {
    // The trial's report listed "March", "Saturday" and "Friday" as names linked to no
    // element; "May" in "Theresa May" is a person, not declared a month (since s9 the
    // list leaves out a person's name after a title too).
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("may.txt");
    std::fs::write(
        &article,
        "Britain blames Russia\n\nOn Friday, Britain said Russia was behind the attack of March 4 in Salisbury. Prime Minister Theresa May spoke on Saturday in London.\n",
    )
    .unwrap();
    let (_t, dir, _report) = draft(&article);
    let (code, out, err) = common::aras(&["check", "--atlas", &dir.to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
    for word in ["“March”", "“Saturday”", "“Friday”"] {
        assert!(!out.contains(word), "{word} listed:\n{out}");
    }
    let json = std::fs::read_to_string(dir.join("article.json")).unwrap();
    let spec: Value = serde_json::from_str(&json).unwrap();
    let declared = spec["not_entities"].as_array().unwrap();
    assert!(!declared.iter().any(|w| w == "May"), "{json}");
    assert!(declared.iter().any(|w| w == "March"), "{json}");
    for word in ["“May”", "“Theresa”", "“Theresa May”", "“Prime”"] {
        assert!(!out.contains(word), "{word} listed:\n{out}");
    }
}

/// Trial6 #3: "Xie" (of the lawyer Xie Yang) became Paris 11 Popincourt, and "Centre" (of
/// "No. 2 Detention Centre") the Centre province of Cameroon.
#[test]
fn a_persons_name_and_a_facility_s_last_word_are_not_drafted_as_places() {
    let (_tmp, dir, report) = draft(&fixture("march.txt"));
    let map = std::fs::read_to_string(dir.join("map.geojson")).unwrap();
    for wrong in ["Popincourt", "\"name\":\"Centre\""] {
        assert!(!map.contains(wrong), "{wrong} drafted: {report}");
    }
    assert!(
        report.contains("“Xie”: a person's first name (“Xie Yang”)"),
        "{report}"
    );
    assert!(
        report.contains("“Centre”: part of a longer name (“Detention Centre”)"),
        "{report}"
    );
    assert!(map.contains("\"id\":\"tianjin\"") && map.contains("\"id\":\"beijing\""));
}
