//! What the second newcomer trial of author mode found (issue 15, s7 trial report), each
//! pinned on a draft of a short news text like the trial's.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use aras::gazetteer::Gazetteer;
use aras::model::Kind;
use aras::model::edit::pick::{element_from_place, find_places, resolve_edit};
use aras::model::edit::store::Session;
use aras::model::edit::{Attr, Edit, element_value};

const TEXT: &str = "The Latest: Russian envoys leave Washington to head home\n\n\
LONDON (AP) Russian diplomats expelled from Washington left for Moscow on Saturday. \
Britain says the Russian government was involved in the poisoning in Salisbury, \
a charge that Russia denies. Officials in London said more expulsions would follow, \
and the United States and Britain acted together.\n";

/// A draft of [`TEXT`] made by `aras new`, open for editing.
fn draft() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("story.txt");
    std::fs::write(&text, TEXT).unwrap();
    let out = dir.path().join("atlas");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_aras"))
        .args([
            "new",
            text.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let s = Session::open(&out).unwrap();
    (dir, s)
}

fn problems(s: &Session) -> String {
    match s.doc.check() {
        Ok(_) => String::new(),
        Err(p) => format!("{p:?}"),
    }
}

fn prop(s: &Session, id: &str, key: &str) -> Option<serde_json::Value> {
    element_value(&s.doc, id).and_then(|v| v.get(key)).cloned()
}

/// Trial #1: "Other places…" → "Use Washington (place, US)" left the place declaring
/// the United Kingdom, 5,703 km away, and the app had no way to fix it but Undo.
#[test]
fn re_resolving_a_place_to_another_country_gives_a_clean_atlas_in_one_edit() {
    let (_dir, mut s) = draft();
    assert_eq!(problems(&s), "", "the draft is clean");
    let gaz = Gazetteer::embedded().unwrap();
    let old = prop(&s, "washington", "country");
    assert!(old.is_some(), "the draft's Washington declares a country");
    let current = prop(&s, "washington", "gazetteer");
    let current_cc = current
        .as_ref()
        .and_then(|g| {
            gaz.places()
                .iter()
                .find(|p| Some(p.id.0.as_str()) == g.as_str())
        })
        .and_then(|p| p.country.clone());
    // The Washington in the other country (the US one if the draft took the UK's).
    let other = find_places(gaz, "Washington", 20)
        .into_iter()
        .find(|p| p.kind == aras::gazetteer::PlaceKind::City && p.country != current_cc)
        .expect("a Washington in another country");
    let atlas = s.doc.check().unwrap();
    let edit = resolve_edit(gaz, Some(&atlas), "washington", Kind::Place, other).unwrap();
    s.edit(edit).unwrap();
    assert_eq!(problems(&s), "", "one edit leaves the atlas clean");
    assert_ne!(
        prop(&s, "washington", "country"),
        old,
        "the country follows"
    );
    s.undo().unwrap();
    assert_eq!(
        prop(&s, "washington", "country"),
        old,
        "and is undone with it"
    );
    assert_eq!(problems(&s), "");
}

/// Trial #2: a place added from the gazetteer outside the countries' clipped outlines
/// had no `country`, and the check then asked for a file edit.
#[test]
fn a_gazetteer_place_beyond_the_clipped_outlines_is_added_clean() {
    let (_dir, mut s) = draft();
    let gaz = Gazetteer::embedded().unwrap();
    let dc = find_places(gaz, "Washington", 20)
        .into_iter()
        .find(|p| p.country.as_deref() == Some("US") && p.lon < -76.0 && p.lon > -78.0)
        .expect("Washington, D.C.");
    let mut e = element_from_place(&s.doc, gaz, dc).unwrap();
    e.name = "Washington, D.C.".into();
    let id = e.id.clone();
    s.edit(Edit::AddElement(e)).unwrap();
    let p = problems(&s);
    assert!(!p.contains("`country`"), "{p}");
    assert!(!p.contains("outside"), "{p}");
    // Only the missing passage may remain, and it says what to do in the app.
    let shown: Vec<String> = s
        .doc
        .check()
        .err()
        .map(|p| {
            p.0.iter()
                .map(|p| aras::ui::author::problems::in_app(p, &s.doc))
                .collect()
        })
        .unwrap_or_default();
    assert!(shown.iter().all(|t| !t.contains(".json")), "{shown:?}");
    // Since the draft resolves the story's Washington to the US capital (draft7), the
    // United States is in the atlas: the place is in it, or off the map if it is not drawn.
    let placed = (prop(&s, &id, "country"), prop(&s, &id, "offmap"));
    assert!(
        placed.0 == Some(serde_json::json!("united-states"))
            || placed.1 == Some(serde_json::json!(true)),
        "{placed:?}"
    );
}

/// Trial #1: the Element tab lets the author change a place's country, as one edit.
#[test]
fn a_places_country_is_one_undoable_edit() {
    let (_dir, mut s) = draft();
    let before = prop(&s, "london", "country");
    s.edit(Edit::SetAttr {
        id: "london".into(),
        attr: Attr::Country(Some("russia".into())),
    })
    .unwrap();
    assert_eq!(
        prop(&s, "london", "country"),
        Some(serde_json::json!("russia"))
    );
    assert!(problems(&s).contains("london"), "the check sees the change");
    s.undo().unwrap();
    assert_eq!(prop(&s, "london", "country"), before);
}

/// Trial #14: selecting "Kremlin." filled the search with the full stop and found
/// nothing; the search gets the words without trailing punctuation.
#[test]
fn the_link_picker_searches_a_selection_without_its_trailing_punctuation() {
    let (_dir, s) = draft();
    let text = s.doc.text();
    let start = text.find("Salisbury,").unwrap();
    let mut picker = aras::ui::author::link_picker::Picker::default();
    picker.open(&s.doc, Some(&(start..start + "Salisbury,".len())));
    assert_eq!(
        picker.words, "Salisbury,",
        "the words linked stay as selected"
    );
    assert_eq!(picker.query, "Salisbury");
}
