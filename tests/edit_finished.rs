//! An atlas marked finished and saved with paragraphs still unlinked (trial12: "Mark as
//! finished", one link, Save, reopen) is refused by the reader, which asks for a clean
//! atlas, but the editor still opens it, so the author can finish it in the app.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::model::AtlasSource;

/// A copy of `tests/atlases/oasis-towns` (a draft) marked finished, with a last
/// paragraph no link names.
fn finished_copy() -> (tempfile::TempDir, AtlasSource) {
    let tmp = tempfile::tempdir().expect("tmp");
    let from = common::manifest().join("tests/atlases/oasis-towns");
    for entry in std::fs::read_dir(&from).expect("atlas dir") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, tmp.path().join(path.file_name().expect("name"))).expect("copy");
    }
    let article = tmp.path().join("article.json");
    let text = std::fs::read_to_string(&article).expect("article.json");
    let finished = text.replace("\"draft\": true", "\"draft\": false").replace(
        "{ \"kind\": \"paragraph\", \"starts\": \"Northland says\" }",
        "{ \"kind\": \"paragraph\", \"starts\": \"Northland says\" },\n    { \"kind\": \"paragraph\", \"starts\": \"The rains\" }",
    );
    assert_ne!(text, finished, "the fixture is a draft");
    std::fs::write(&article, finished).expect("write");
    // A last paragraph no link names yet.
    let text = tmp.path().join("article.txt");
    let mut body = std::fs::read_to_string(&text).expect("article.txt");
    body.push_str("\nThe rains came late this year.\n");
    std::fs::write(&text, body).expect("write");
    let source = AtlasSource::Dir(tmp.path().to_path_buf());
    (tmp, source)
}

#[test]
fn a_finished_atlas_with_unlinked_paragraphs_opens_in_the_editor() {
    let (_tmp, source) = finished_copy();
    let strict = aras::model::load(&source);
    let problems = strict.expect_err("finished, the draft's unlinked paragraphs are problems");
    assert!(!problems.is_empty());
    let atlas = aras::model::load_for_editing(&source)
        .unwrap_or_else(|p| panic!("the editor could not open it:\n{p}"));
    assert!(!atlas.elements.is_empty());
}

#[test]
fn an_atlas_broken_beyond_finishing_is_still_refused_with_every_problem() {
    let (tmp, source) = finished_copy();
    let map = tmp.path().join("map.geojson");
    std::fs::write(&map, "{ not json").expect("write");
    let strict = aras::model::load(&source).expect_err("broken map");
    let editing = aras::model::load_for_editing(&source).expect_err("broken map");
    assert_eq!(strict.len(), editing.len());
}
