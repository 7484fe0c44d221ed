//! Author mode in the window (egui_kittest): link words selected in the reader, edit a
//! summary, undo and redo by their names, save, reopen from disk, and the problems panel
//! following the edits.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use common::edit::author_harness;
use egui::accesskit::Role;
use egui::{Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use aras::app::ArasApp;

/// Screen positions of the start and the end of `needle` in the painted text that holds
/// it (the reader's paragraph).
fn text_span(h: &Harness<'static, ArasApp>, needle: &str) -> (Pos2, Pos2) {
    h.output()
        .shapes
        .iter()
        .find_map(|c| match &c.shape {
            egui::Shape::Text(t) => {
                let text = t.galley.text();
                let byte = text.find(needle)?;
                let a = text[..byte].chars().count();
                let b = a + needle.chars().count();
                let at = |i: usize| {
                    t.pos
                        + t.galley
                            .pos_from_cursor(egui::text::CCursor::new(i))
                            .center()
                            .to_vec2()
                };
                Some((at(a), at(b)))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("{needle:?} is not drawn"))
}

/// Drags the pointer over the words, as a person selects them.
fn select_words(h: &mut Harness<'static, ArasApp>, needle: &str) {
    let (from, to) = text_span(h, needle);
    common::app::drag(h, from, to);
}

fn click(h: &mut Harness<'static, ArasApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

/// Clicks a tab or switch by its name.
fn click_label(h: &mut Harness<'static, ArasApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn has_button(h: &Harness<'static, ArasApp>, label: &str) -> bool {
    h.query_by_role_and_label(Role::Button, label).is_some()
}

fn select(h: &mut Harness<'static, ArasApp>, key: &str) {
    let id = h.state().atlas().unwrap().by_key(key).unwrap();
    h.state_mut().selection.selected = Some(id);
    h.run();
}

#[test]
fn selected_words_linked_from_the_picker_are_on_the_map_at_once_and_undo_by_name() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    assert!(h.query_by_label("All changes saved").is_some());
    select_words(&mut h, "moved troops");
    click(&mut h, "Link to…");
    // The picker opens on the selected words; find the element to link them to.
    let words = h.get_by_role_and_label(Role::TextInput, "Words of the article");
    assert_eq!(words.value().as_deref(), Some("moved troops"));
    h.get_by_role_and_label(Role::TextInput, "Find an element or a place")
        .focus();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "Find an element or a place")
        .type_text("Beta");
    h.run();
    click(&mut h, "Beta (country)");
    // Linked, and drawn: the atlas the panels show has the passage.
    let atlas = h.state().atlas().unwrap();
    let beta = atlas.by_key("beta").unwrap();
    assert!(
        atlas
            .links_of(beta)
            .iter()
            .any(|l| atlas.article.slice(&atlas.link(*l).unwrap().range) == "moved troops"),
        "the new passage is Beta's"
    );
    assert_eq!(h.state().selected_key(), Some("beta"));
    assert!(h.query_by_label("Unsaved changes").is_some());
    assert!(has_button(&h, "Undo: link ‘moved troops’ to Beta"));
    click(&mut h, "Undo: link ‘moved troops’ to Beta");
    assert!(has_button(&h, "Redo: link ‘moved troops’ to Beta"));
    let atlas = h.state().atlas().unwrap();
    let beta = atlas.by_key("beta").unwrap();
    assert!(
        !atlas
            .links_of(beta)
            .iter()
            .any(|l| atlas.article.slice(&atlas.link(*l).unwrap().range) == "moved troops")
    );
    // Ctrl+Y redoes it.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(has_button(&h, "Undo: link ‘moved troops’ to Beta"));
}

#[test]
fn a_summary_edited_undone_redone_and_saved_is_on_disk_when_reopened() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    select(&mut h, "alpha");
    let field = "Our summary (ours, not the article's words)";
    h.get_by_role_and_label(Role::MultilineTextInput, field)
        .focus();
    h.get_by_role_and_label(Role::MultilineTextInput, field)
        .type_text("Borders Beta, the article says.");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    let undo = "Undo: set summary of Alpha";
    assert!(has_button(&h, undo), "the edit is named");
    let summary = |h: &Harness<'static, ArasApp>| {
        let a = h.state().atlas().unwrap();
        a.element(a.by_key("alpha").unwrap())
            .unwrap()
            .summary
            .clone()
    };
    assert_eq!(
        summary(&h).as_deref(),
        Some("Borders Beta, the article says.")
    );
    click(&mut h, undo);
    assert_eq!(summary(&h), None);
    click(&mut h, "Redo: set summary of Alpha");
    assert_eq!(
        summary(&h).as_deref(),
        Some("Borders Beta, the article says.")
    );
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(h.query_by_label("All changes saved").is_some());
    assert!(h.query_by_label_contains("Saved map.geojson").is_some());
    drop(h);
    // Reopened from disk: the window shows the saved summary.
    let h = author_harness(dir.path(), 1400.0, 900.0);
    assert_eq!(
        summary(&h).as_deref(),
        Some("Borders Beta, the article says.")
    );
    assert!(!dir.path().join(".aras-recovery.json").exists());
}

#[test]
fn the_problems_panel_follows_each_edit_and_takes_you_to_the_item() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    click_label(&mut h, "Problems (0)");
    assert!(h.query_by_label("No problems").is_some());
    // A date that is not a date: the live check says so at once.
    select(&mut h, "beta");
    click_label(&mut h, "Element");
    let field = "Exists from (YYYY, YYYY-MM or YYYY-MM-DD)";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("soon");
    h.key_press(egui::Key::Enter);
    h.run();
    click_label(&mut h, "Problems (1)");
    let problem = h
        .query_by_label_contains("soon")
        .expect("the problem names the value");
    let text = common::app::text_of(&problem);
    assert!(text.contains("beta"), "{text}");
    // Clicking it selects the element and opens it in the editor.
    select(&mut h, "alpha");
    h.get_by_label_contains("soon").click();
    h.run();
    assert_eq!(h.state().selected_key(), Some("beta"));
    assert!(
        h.query_by_role_and_label(Role::TextInput, field).is_some(),
        "the editor is open"
    );
    // Undone: no problem left.
    click(&mut h, "Undo: set changed of Beta");
    click_label(&mut h, "Problems (0)");
    assert!(h.query_by_label("No problems").is_some());
}

#[test]
fn save_refuses_a_file_changed_on_disk_and_names_it() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1024.0, 700.0);
    select(&mut h, "alpha");
    let field = "Aliases (comma-separated)";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("Alfa");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(has_button(&h, "Undo: set aliases of Alpha"));
    // Someone else writes the file meanwhile.
    let map = dir.path().join("map.geojson");
    let theirs = format!("{}\n", std::fs::read_to_string(&map).unwrap());
    std::fs::write(&map, &theirs).unwrap();
    click(&mut h, "Save");
    assert!(
        h.query_by_label_contains("map.geojson changed on disk")
            .is_some(),
        "the refusal names the file"
    );
    assert_eq!(
        std::fs::read_to_string(&map).unwrap(),
        theirs,
        "not overwritten"
    );
    assert!(h.query_by_label("Unsaved changes").is_some());
}

#[test]
fn a_recovery_file_found_at_start_is_offered_and_restore_brings_the_edits_back() {
    use aras::model::edit::store::{Session, write_recovery};
    use aras::model::edit::{Attr, Edit};
    let (dir, mut s) = common::edit::minimal_session();
    s.edit(Edit::SetAttr {
        id: "beta".into(),
        attr: Attr::Summary(Some("Denies moving troops.".into())),
    })
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    write_recovery(&s.doc, dir.path()).unwrap();
    drop::<Session>(s);
    let mut h = author_harness(dir.path(), 1024.0, 700.0);
    assert!(h.query_by_label("Restore unsaved edits?").is_some());
    click(&mut h, "Restore");
    let a = h.state().atlas().unwrap();
    let beta = a.element(a.by_key("beta").unwrap()).unwrap();
    assert_eq!(beta.summary.as_deref(), Some("Denies moving troops."));
    assert!(h.query_by_label("Unsaved changes").is_some());
}
