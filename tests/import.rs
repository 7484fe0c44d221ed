//! `aras import annotations`: W3C Web Annotations into links; Aras's own export
//! round-trips; what cannot be placed is reported.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use std::path::Path;

use aras::model::edit::History;
use aras::model::edit::import::import_annotations;
use aras::model::edit::store::Session;
use aras::model::{AtlasSource, export, load};

mod common;

use common::{aras_output, copy_of, manifest};

/// (id, element ids, byte range) of every link, sorted.
fn links_of(dir: &Path) -> Vec<(String, Vec<String>, std::ops::Range<usize>)> {
    let atlas = load(&AtlasSource::Dir(dir.to_owned())).unwrap();
    let mut v: Vec<_> = atlas
        .links
        .iter()
        .map(|l| {
            let els = l
                .elements
                .iter()
                .map(|e| atlas.element(*e).unwrap().key.clone())
                .collect();
            (l.key.clone(), els, l.range.clone())
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Exports the atlas's annotations, empties its links, imports them back.
fn round_trip(src: &Path) {
    let dir = copy_of(src);
    let before = links_of(dir.path());
    let atlas = load(&AtlasSource::Dir(dir.path().to_owned())).unwrap();
    let exported = export::annotations(&atlas);
    std::fs::write(dir.path().join("links.json"), "{\"links\": []}\n").unwrap();
    let mut s = Session::open(dir.path()).unwrap();
    let mut h = History::default();
    let report = import_annotations(&mut s.doc, &mut h, &exported).unwrap();
    assert!(report.unplaced.is_empty(), "{:?}", report.unplaced);
    assert_eq!(report.added.len(), before.len());
    s.save().unwrap();
    assert_eq!(links_of(dir.path()), before);
}

#[test]
fn aras_export_of_the_minimal_atlas_round_trips_through_import() {
    // The minimal atlas's stance (claimed_by/denied_by) is not exported: drop it first.
    let dir = copy_of(&manifest().join("tests/atlases/minimal"));
    let links = std::fs::read_to_string(dir.path().join("links.json")).unwrap();
    let plain = links.replace(
        ", \"claimed_by\": [\"alpha\"], \"denied_by\": [\"beta\"]",
        "",
    );
    assert_ne!(links, plain);
    std::fs::write(dir.path().join("links.json"), plain).unwrap();
    round_trip(dir.path());
}

#[test]
fn importing_an_atlas_s_own_export_again_adds_nothing() {
    let dir = copy_of(&manifest().join("tests/atlases/minimal"));
    let atlas = load(&AtlasSource::Dir(dir.path().to_owned())).unwrap();
    let exported = export::annotations(&atlas);
    let mut s = Session::open(dir.path()).unwrap();
    let report = import_annotations(&mut s.doc, &mut History::default(), &exported).unwrap();
    assert!(report.added.is_empty());
    assert_eq!(report.already.len(), atlas.links.len());
}

#[test]
fn annotations_from_other_tools_become_links_and_the_rest_is_reported() {
    let dir = copy_of(&manifest().join("tests/atlases/minimal"));
    let d = dir.path().to_str().unwrap();
    // As Hypothesis-style tools write them: a plain list, quote and position
    // selectors, tags by name, a comment, a GeoNames link, a quote not in the text.
    let text = std::fs::read_to_string(dir.path().join("article.txt")).unwrap();
    let at = text.find("Gamma Town").unwrap();
    let start = text[..at].chars().count();
    let input = serde_json::json!([
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": [
                {"type": "TextualBody", "purpose": "tagging", "value": "gamma town"},
                {"type": "TextualBody", "purpose": "commenting", "value": "Check this."}
            ],
            "target": {"source": "x", "selector": {"type": "TextPositionSelector", "start": start, "end": start + 10}}
        },
        {
            "type": "Annotation",
            "body": {"type": "SpecificResource", "purpose": "identifying", "source": "https://sws.geonames.org/587084/"},
            "target": {"selector": [{"type": "TextQuoteSelector", "exact": "Blue River"}]}
        },
        {
            "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "Alphaland"},
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "words nowhere in it"}}
        }
    ]);
    let file = dir.path().join("in.jsonld");
    std::fs::write(&file, input.to_string()).unwrap();
    let o = aras_output(&[
        "import",
        "annotations",
        file.to_str().unwrap(),
        "--atlas",
        d,
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "something was not placed: {out}");
    assert!(out.contains("added 1 link(s): gamma-town"), "{out}");
    assert!(
        out.contains("not placed: annotation 1: comment “Check this.” not imported"),
        "{out}"
    );
    assert!(
        out.contains("https://sws.geonames.org/587084/ names no element"),
        "{out}"
    );
    assert!(
        out.contains("annotation 3: its quote “words nowhere in it” does not anchor"),
        "{out}"
    );
    assert!(out.contains("problems: none"), "{out}");
    let links = links_of(dir.path());
    let added = links.iter().find(|l| l.0 == "gamma-town").unwrap();
    assert_eq!(added.1, vec!["gamma-town".to_owned()]);
    assert_eq!(&text[added.2.clone()], "Gamma Town");
}

#[test]
fn import_without_an_atlas_directory_says_so() {
    let o = aras_output(&["import", "annotations", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--atlas DIR"));
}
