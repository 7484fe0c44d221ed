//! What a newcomer's trial of author mode found (issue 15, trial report), each pinned:
//! recovery restores everything or nothing, rename keeps the old name, and the rest.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use aras::model::edit::store::{self, Recovery, Session};
use aras::model::edit::{Attr, Edit};

mod common;

use common::edit::{author_harness, minimal, minimal_session};
use egui::Modifiers;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

fn aras(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_aras"))
        .args(args)
        .output()
        .unwrap()
}

/// Trial #1: the first relation creates relations.json; a kill, a restore and a save
/// must bring it back with the link to it, and the atlas must pass `aras check`.
#[test]
fn killed_editor_with_a_new_relation_restores_it_and_the_saved_atlas_passes_check() {
    let dir = minimal();
    let d = dir.path().to_str().unwrap();
    assert!(!dir.path().join("relations.json").exists());
    let text = std::fs::read_to_string(dir.path().join("article.txt")).unwrap();
    let quote = "Alpha said Beta moved troops";
    let start = text.find(quote).unwrap();
    let script = dir.path().join("script.json");
    std::fs::write(
        &script,
        format!(
            r#"[
              {{"edit": "add_relation", "id": "alpha-accuses-beta", "name": "Alpha accuses Beta",
                "from": "alpha", "to": "beta", "relation": "accusation", "claimed_by": "alpha",
                "range": {{"start": {start}, "end": {end}}}}},
              {{"edit": "rename_element", "id": "alpha", "name": "Alfa"}},
              {{"wait_ms": 60000}}
            ]"#,
            end = start + quote.len()
        ),
    )
    .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_aras"))
        .args(["edit", d, "--script", script.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let recovery = dir.path().join(store::RECOVERY_FILE);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !recovery.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(recovery.exists(), "no recovery file within 30 s");
    let pid = child.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap()
            .success()
    );
    child.wait().unwrap();

    let restored = aras(&["edit", d, "--restore", "--save"]);
    let out = String::from_utf8_lossy(&restored.stdout);
    let err = String::from_utf8_lossy(&restored.stderr);
    assert!(restored.status.success(), "{out}{err}");
    assert!(out.contains("relations.json"), "{out}");
    let relations = std::fs::read_to_string(dir.path().join("relations.json")).unwrap();
    assert!(relations.contains("alpha-accuses-beta"), "{relations}");
    let map = std::fs::read_to_string(dir.path().join("map.geojson")).unwrap();
    assert!(map.contains("\"Alfa\""), "{map}");
    assert!(
        !recovery.exists(),
        "saved, so the recovery file is done with"
    );
    let check = aras(&["check", "--atlas", d]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// Trial #1: a recovery that cannot be restored in full restores nothing, and its file
/// is kept where autosave and save leave it alone.
#[test]
fn a_recovery_that_cannot_be_restored_in_full_restores_nothing_and_is_kept() {
    let (dir, mut s) = minimal_session();
    s.edit(Edit::RenameElement {
        id: "alpha".into(),
        name: "Alfa".into(),
    })
    .unwrap();
    store::write_recovery(&s.doc, dir.path()).unwrap();
    let mut rec = store::newer_recovery(dir.path()).unwrap().unwrap();
    rec.files
        .insert("notes.txt".into(), "not an atlas file".into());
    let mut s = Session::open(dir.path()).unwrap();
    let before = s.doc.current_files();
    let generation = s.generation();
    let err = s.restore(&rec).unwrap_err();
    assert!(
        err.contains("restored nothing") && err.contains("notes.txt"),
        "{err}"
    );
    assert!(err.contains(store::UNRESTORED_FILE), "{err}");
    assert_eq!(
        s.doc.current_files(),
        before,
        "map.geojson not restored either"
    );
    assert!(!s.is_dirty());
    assert_eq!(s.generation(), generation);
    assert!(dir.path().join(store::UNRESTORED_FILE).exists());

    let broken = Recovery {
        files: BTreeMap::from([("links.json".to_owned(), "{ not json".to_owned())]),
        written: std::time::SystemTime::now(),
    };
    assert!(s.doc.restore(&broken).is_err());
    assert_eq!(s.doc.current_files(), before);
}

/// Trial #8: renaming keeps the old name as an alias, in the same one edit, so the text's
/// mentions of the old name stay the element's; undo takes both back.
#[test]
fn rename_keeps_the_old_name_as_an_alias_so_its_mentions_stay() {
    let (_dir, mut s) = minimal_session();
    let before = s.doc.current_files();
    let atlas = s.doc.check().unwrap();
    let alpha = atlas.by_key("alpha").unwrap();
    let mentions = atlas.mentions_of(alpha).count();
    assert!(mentions > 0);
    s.edit(Edit::RenameElement {
        id: "alpha".into(),
        name: "Republic of Alpha".into(),
    })
    .unwrap();
    let atlas = s.doc.check().unwrap();
    let alpha = atlas.by_key("alpha").unwrap();
    let el = atlas.element(alpha).unwrap();
    assert_eq!(el.name, "Republic of Alpha");
    assert!(el.aliases.iter().any(|a| a == "Alpha"), "{:?}", el.aliases);
    assert_eq!(atlas.mentions_of(alpha).count(), mentions);
    assert_eq!(s.history.depth(), 1, "one edit");
    s.undo().unwrap();
    assert_eq!(s.doc.current_files(), before);
}

fn summary(id: &str, text: &str) -> Edit {
    Edit::SetAttr {
        id: id.into(),
        attr: Attr::Summary(Some(text.into())),
    }
}

/// Another program's change to map.geojson: Beta gains an alias.
fn change_map_on_disk(dir: &std::path::Path) {
    let path = dir.join("map.geojson");
    let map = std::fs::read_to_string(&path).unwrap();
    let theirs = map.replace(
        r#""name":"Beta","aliases":[]"#,
        r#""name":"Beta","aliases":["Betania"]"#,
    );
    assert_ne!(map, theirs);
    std::fs::write(&path, theirs).unwrap();
}

/// Trial #16: after a save refused because a file changed on disk, reloading replays the
/// edits on the new files, so saving keeps both their change and ours.
#[test]
fn reload_and_reapply_keeps_their_change_on_disk_and_our_edits() {
    let (dir, mut s) = minimal_session();
    s.edit(summary("alpha", "Borders Beta, the article says."))
        .unwrap();
    change_map_on_disk(dir.path());
    assert!(s.save().is_err(), "refused: map.geojson changed on disk");
    let failed = s.reload_and_reapply().unwrap();
    assert!(failed.is_empty(), "{failed:?}");
    assert!(s.is_dirty());
    assert_eq!(
        s.history.undo_label().as_deref(),
        Some("Undo: set summary of Alpha")
    );
    s.save().unwrap();
    let map = std::fs::read_to_string(dir.path().join("map.geojson")).unwrap();
    assert!(
        map.contains("Betania") && map.contains("Borders Beta, the article says."),
        "{map}"
    );
}

/// Trial #16: an edit that no longer applies to the reloaded files is named; the others
/// are replayed. Edits saved before are not replayed a second time.
#[test]
fn reload_and_reapply_names_the_edits_that_no_longer_apply() {
    let (dir, mut s) = minimal_session();
    s.edit(summary("beta", "Saved before.")).unwrap();
    s.save().unwrap();
    s.edit(summary("alpha", "Ours.")).unwrap();
    s.edit(summary("gamma-town", "Gone.")).unwrap();
    let path = dir.path().join("map.geojson");
    let map = std::fs::read_to_string(&path).unwrap();
    let theirs: String = map
        .lines()
        .filter(|l| !l.contains("gamma-town"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(map, theirs);
    std::fs::write(&path, theirs).unwrap();
    let failed = s.reload_and_reapply().unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].contains("gamma-town"), "{failed:?}");
    assert_eq!(
        s.history.depth(),
        1,
        "only the edit since the save that applies"
    );
}

/// Trial #16: when the edits since the last save are not all in the history (restored
/// from a recovery file), reloading refuses instead of silently dropping them.
#[test]
fn reload_and_reapply_refuses_when_restored_edits_would_be_lost() {
    let (dir, mut s) = minimal_session();
    s.edit(summary("alpha", "Ours.")).unwrap();
    store::write_recovery(&s.doc, dir.path()).unwrap();
    let rec = store::newer_recovery(dir.path()).unwrap().unwrap();
    let mut s = Session::open(dir.path()).unwrap();
    s.restore(&rec).unwrap();
    let err = s.reload_and_reapply().unwrap_err();
    assert!(err.contains("overwrite"), "{err}");
    assert!(s.is_dirty(), "the restored edits are still there");
}

/// Trial #16 in the window: Save refused, the dialog offers a way on; reload and
/// reapply, then save, writes both versions' changes.
#[test]
fn a_save_refused_for_a_file_changed_on_disk_offers_reload_and_reapply() {
    let dir = minimal();
    let mut h = author_harness(dir.path(), 1024.0, 700.0);
    let alpha = h.state().atlas().unwrap().by_key("alpha").unwrap();
    h.state_mut().selection.selected = Some(alpha);
    h.run();
    let field = "Our summary (ours, not the article's words)";
    h.get_by_role_and_label(Role::MultilineTextInput, field)
        .focus();
    h.get_by_role_and_label(Role::MultilineTextInput, field)
        .type_text("Borders Beta, the article says.");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    change_map_on_disk(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        h.query_by_label("map.geojson changed on disk").is_some(),
        "the dialog names the file"
    );
    h.get_by_role_and_label(Role::Button, "Reload from disk and reapply my edits")
        .click();
    h.run();
    assert!(h.query_by_label("map.geojson changed on disk").is_none());
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    h.run();
    let map = std::fs::read_to_string(dir.path().join("map.geojson")).unwrap();
    assert!(
        map.contains("Betania") && map.contains("Borders Beta, the article says."),
        "{map}"
    );
}

/// Trial #10: the passage card's extend and shrink buttons sit above the quote, so a
/// click that shortens it does not move them; "Remove passage…" asks first.
#[test]
fn passage_end_buttons_stay_put_and_remove_passage_asks_first() {
    let dir = minimal();
    let mut h = author_harness(dir.path(), 1024.0, 700.0);
    let town = h.state().atlas().unwrap().by_key("gamma-town").unwrap();
    h.state_mut().selection.selected = Some(town);
    h.run();
    h.get_by_label("Edit passage").click();
    h.run();
    let shrink = |h: &egui_kittest::Harness<'static, aras::app::ArasApp>| {
        h.get_by_role_and_label(Role::Button, "Shrink end by a word")
            .rect()
    };
    let quote = common::app::painted_text_rect(&h, "“Gamma Town lies in Alpha.”").unwrap();
    let before = shrink(&h);
    assert!(before.bottom() <= quote.top(), "{before:?} above {quote:?}");
    h.get_by_role_and_label(Role::Button, "Shrink start by a word")
        .click();
    h.run();
    assert_eq!(shrink(&h), before, "the buttons did not move");

    h.get_by_role_and_label(Role::Button, "Remove passage…")
        .click();
    h.run();
    let atlas = h.state().atlas().unwrap();
    assert_eq!(atlas.links_of(town).len(), 1, "not removed on one click");
    h.get_by_role_and_label(Role::Button, "Keep it").click();
    h.run();
    assert_eq!(h.state().atlas().unwrap().links_of(town).len(), 1);
    h.get_by_role_and_label(Role::Button, "Remove passage…")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Remove").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "Undo: remove link ‘Town lies in Alpha.’")
            .is_some()
    );
}
