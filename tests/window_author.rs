//! Author mode in the real window (Xvfb, xdotool): a draft from `aras new` edited with
//! the keyboard; killed with SIGKILL and restored from the recovery file; saved, and
//! `aras check` passes. `#[ignore]`d: run after a release build with
//! `cargo test --test window_author -- --ignored`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;
#[path = "common/twin.rs"]
mod twin;
#[path = "common/window.rs"]
mod window;

use std::path::Path;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use twin::Twin;
use window::{App, bin};

/// A draft atlas of the Kashmir test article, made by `aras new`.
fn draft() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("atlas");
    let status = std::process::Command::new(bin())
        .args(["new", "tests/fixtures/new/kashmir.txt", "--out"])
        .arg(&out)
        .current_dir(common::manifest())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    dir
}

/// Links "Wagah crossing near Lahore" to Lahore with the keyboard: Ctrl+L, the words,
/// Tab, the element's name, Tab to the first match, Enter.
fn link_with_keys(app: &App) {
    app.key("ctrl+l");
    app.settle();
    app.type_text(WORDS);
    app.key("Tab");
    app.type_text("Lahore");
    app.settle();
    app.key("Tab");
    app.key("Return");
    app.settle();
}

const WORDS: &str = "Wagah crossing near Lahore";

/// True if links.json on disk has a link whose quote is exactly `WORDS`.
fn linked(dir: &Path) -> bool {
    let text = std::fs::read_to_string(dir.join("links.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["selector"]["exact"] == WORDS)
}

/// Waits until `path` exists (the autosave writes every 3 s).
fn wait_for(path: &Path, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

#[test]
#[ignore = "real window: needs Xvfb, xdotool and the release binary"]
fn a_killed_editor_offers_its_edits_back_and_restore_brings_them() {
    let tmp = draft();
    let dir = tmp.path().join("atlas");
    let d = dir.to_str().unwrap();
    let mut app = App::start(&["edit", d], (1400, 900));
    link_with_keys(&app);
    let recovery = dir.join(".aras-recovery.json");
    assert!(wait_for(&recovery, 10), "no autosave: {}", app.log());
    assert!(!linked(&dir), "not saved yet");
    // SIGKILL: no chance to clean up.
    let pid = app.pid().expect("running");
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    app.reap();
    app.launch();
    // The dialog offers the edits back; Restore has the keyboard.
    app.key("Return");
    app.settle();
    app.key("ctrl+s");
    app.settle();
    assert!(linked(&dir), "restored and saved: {}", app.log());
    assert!(!recovery.exists(), "saving removes the recovery file");
    assert!(app.close(), "closes without asking once saved");
}

#[test]
#[ignore = "real window: needs Xvfb, xdotool and the release binary"]
fn an_edit_saved_in_the_window_checks_clean() {
    let tmp = draft();
    let dir = tmp.path().join("atlas");
    let d = dir.to_str().unwrap();
    let mut app = App::start(&["edit", d], (1024, 700));
    link_with_keys(&app);
    app.key("ctrl+s");
    app.settle();
    assert!(linked(&dir), "{}", app.log());
    assert!(app.close(), "closes without asking once saved");
    checks_clean(&dir);
}

/// The map's rectangle in the window, from `aras layout` of the same atlas (author mode
/// adds a status strip under it: only its middle is used).
fn map_rect(dir: &Path, size: (u32, u32)) -> egui::Rect {
    let req = aras::layout::LayoutRequest {
        size: (size.0 as f32, size.1 as f32),
        ..Default::default()
    };
    let layout =
        aras::layout::layout(&aras::model::AtlasSource::Dir(dir.to_owned()), &req).expect("layout");
    window::panel(&layout, "map").expect("a map")
}

#[test]
#[ignore = "real window: needs Xvfb, xdotool and the release binary"]
fn a_route_clicked_on_the_map_linked_and_saved_checks_clean() {
    let tmp = draft();
    let dir = tmp.path().join("atlas");
    let d = dir.to_str().unwrap();
    let size = (1400, 900);
    let map = map_rect(&dir, size);
    let mut app = App::start(&["edit", d], size);
    // New… → Route by clicking the map: the menu is the strip's first button.
    let strip_y = size.1 as f32 - 14.0;
    app.click(24.0, strip_y);
    app.save("create-menu");
    let c = map.center();
    let (dx, dy) = (map.width() / 6.0, map.height() / 6.0);
    // The menu opens upwards from the button; "Route by clicking the map" is its
    // fourth item from the bottom (items about 23 points apart).
    app.click(80.0, strip_y - 96.0);
    for (x, y) in [(c.x - dx, c.y - dy), (c.x, c.y), (c.x + dx, c.y + dy / 2.0)] {
        app.click(x, y);
    }
    app.save("create-route-drawing");
    app.key("Return");
    app.type_text("Wagah route");
    app.save("create-route-form");
    app.key("Return");
    // Its passage, with the keyboard picker.
    app.key("ctrl+l");
    app.type_text(WORDS);
    app.key("Tab");
    app.type_text("Wagah route");
    app.settle();
    app.key("Tab");
    app.key("Return");
    app.settle();
    app.key("ctrl+s");
    app.settle();
    let map_file = std::fs::read_to_string(dir.join("map.geojson")).unwrap();
    assert!(map_file.contains("\"Wagah route\""), "{}", app.log());
    assert!(linked(&dir), "{}", app.log());
    assert!(app.close(), "closes without asking once saved");
    checks_clean(&dir);
}

/// `links.json` of `dir` as JSON.
fn links_of(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("links.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["links"].as_array().unwrap().clone()
}

/// `aras check --atlas DIR` passes.
fn checks_clean(dir: &Path) {
    let check = std::process::Command::new(bin())
        .args(["check", "--atlas"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
#[ignore = "real window: needs Xvfb, xdotool and the release binary"]
fn words_selected_with_the_mouse_linked_extended_and_claimed_are_saved_and_check_clean() {
    let tmp = draft();
    let dir = tmp.path().join("atlas");
    let mut w = Twin::edit(&dir, (1400, 900));
    // Select the words in the reader with the mouse, then "Link to…" Lahore.
    w.select_words(WORDS);
    w.click(Role::Button, "Link to…");
    w.retype("Lahore");
    w.click(Role::Button, "Lahore (place)");
    w.app.save("passage-linked");
    // Its passage card: the new passage is Lahore's second (the reader's order).
    w.click_rect(w.rect_containing("Edit passage"));
    let card = |w: &Twin, q: &str| w.twin.query_by_label(&format!("“{q}”")).is_some();
    if !card(&w, WORDS) {
        w.click(Role::Button, "Next passage");
    }
    assert!(card(&w, WORDS), "the card shows the new passage");
    w.click(Role::Button, "Extend end by a word");
    let extended = format!("{WORDS} and");
    assert!(card(&w, &extended), "extended in the twin");
    let claim = w.rect_containing("Whole passage claimed by ");
    let actor = w
        .twin
        .query_all_by_label_contains("Whole passage claimed by ")
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap()
        .trim_start_matches("Whole passage claimed by ")
        .to_owned();
    w.click_rect(claim);
    w.app.save("passage-claimed");
    w.key(Modifiers::COMMAND, Key::S, "ctrl+s");
    let links = links_of(&dir);
    let link = links
        .iter()
        .find(|l| l["selector"]["exact"] == extended.as_str())
        .unwrap_or_else(|| panic!("no link of “{extended}” saved: {}", w.app.log()));
    assert_eq!(link["elements"], serde_json::json!(["lahore"]));
    let claimant = link["claimed_by"][0].as_str().unwrap();
    let text = std::fs::read_to_string(dir.join("map.geojson")).unwrap();
    assert!(
        text.contains(&format!("\"id\":\"{claimant}\"")) && text.contains(&actor),
        "claimed by {claimant} ({actor})"
    );
    assert!(w.app.close(), "closes without asking once saved");
    checks_clean(&dir);
}

#[test]
#[ignore = "real window: needs Xvfb, xdotool and the release binary"]
fn review_accepts_renames_and_merges_a_duplicate_and_the_reopened_atlas_shows_it() {
    let tmp = draft();
    let dir = tmp.path().join("atlas");
    let mut w = Twin::edit(&dir, (1400, 900));
    // A duplicate, as a draft makes them: "New Delhi" from the gazetteer beside Delhi.
    w.select_words("New Delhi");
    w.click(Role::Button, "Link to…");
    w.app.save("review-picker");
    w.click_rect(w.rect_containing("Add New Delhi ("));
    w.app.save("review-added");
    let review = w.rect_containing("Review (");
    w.click_rect(review);
    w.click(Role::Button, "Accept India");
    w.app.save("review-list");
    // Merge "New Delhi" into "Delhi".
    let row = w.rect(Role::Button, "Accept New Delhi");
    w.click_rect(w.rect_beside("Merge into…", row));
    w.click(Role::Button, "Merge New Delhi into Delhi");
    // Rename Delhi in place.
    let row = w.rect(Role::Button, "Accept Delhi");
    w.click_rect(w.rect_beside("Rename…", row));
    w.click(Role::TextInput, "New name of Delhi");
    w.retype("Delhi NCT");
    w.key(Modifiers::NONE, Key::Enter, "Return");
    w.app.save("review-done");
    assert!(
        w.has(Role::Button, "Accept Delhi NCT"),
        "renamed in the twin"
    );
    w.key(Modifiers::COMMAND, Key::S, "ctrl+s");
    assert!(
        w.app.close(),
        "closes without asking once saved: {}",
        w.app.log()
    );
    checks_clean(&dir);
    // Reopened: India accepted, one Delhi under its new name with the other as alias.
    let map = std::fs::read_to_string(dir.join("map.geojson")).unwrap();
    assert!(map.contains("\"name\":\"Delhi NCT\""), "renamed on disk");
    assert!(
        !map.contains("\"name\":\"New Delhi\""),
        "merged away on disk"
    );
    let w = Twin::edit(&dir, (1400, 900));
    let review = w.rect_containing("Review (");
    let mut w = w;
    w.click_rect(review);
    w.app.save("review-reopened");
    assert!(w.has(Role::Button, "Unaccept India"), "India is accepted");
    assert!(w.has(Role::Button, "Accept Delhi NCT"));
    assert!(!w.has(Role::Button, "Accept New Delhi"));
}
