//! Helpers for author mode's tests: editable copies of an atlas, sessions on them, byte
//! ranges of the article, and the app opened in author mode.

#![allow(dead_code, clippy::expect_used, clippy::panic)]

use std::ops::Range;

use aras::app::{AppInit, ArasApp};
use aras::model::edit::store::{self, Session};
use aras::model::edit::{AtlasDoc, Edit, NewRelation};
use aras::model::{AtlasSource, ElementId};
use egui::accesskit::Role;
use egui::{Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{copy_of, manifest, minimal_dir};

/// An editable copy of the minimal test atlas.
pub fn minimal() -> tempfile::TempDir {
    copy_of(&minimal_dir())
}

/// An editable copy of the embedded atlas's files (the files of `assets/`, not its
/// subdirectories).
pub fn assets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in std::fs::read_dir(manifest().join("assets")).expect("assets") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
        }
    }
    dir
}

/// A copy of the minimal atlas and an editing session on it.
pub fn minimal_session() -> (tempfile::TempDir, Session) {
    let dir = minimal();
    let s = Session::open(dir.path()).expect("open the minimal atlas");
    (dir, s)
}

/// A copy of the embedded atlas and an editing session on it.
pub fn assets_session() -> (tempfile::TempDir, Session) {
    let dir = assets();
    let s = Session::open(dir.path()).expect("open the embedded atlas's files");
    (dir, s)
}

/// A copy of the minimal atlas and a session on it with one unsaved edit (Alpha renamed
/// Alfa) in a recovery file, as autosave leaves it.
pub fn minimal_with_recovery() -> (tempfile::TempDir, Session) {
    let (dir, mut s) = minimal_session();
    s.edit(Edit::RenameElement {
        id: "alpha".into(),
        name: "Alfa".into(),
    })
    .expect("rename Alpha");
    store::write_recovery(&s.doc, dir.path()).expect("write the recovery file");
    (dir, s)
}

/// The edit that adds the relation "Alpha accuses Beta" to the minimal atlas: an
/// accusation claimed by Alpha, its evidence "Alpha said Beta moved troops".
pub fn alpha_accuses_beta(doc: &AtlasDoc) -> Edit {
    Edit::AddRelation(NewRelation {
        id: "alpha-accuses-beta".into(),
        name: "Alpha accuses Beta".into(),
        from: "alpha".into(),
        to: "beta".into(),
        relation: "accusation".into(),
        claimed_by: "alpha".into(),
        range: range_of(doc, "Alpha said Beta moved troops", 0),
    })
}

/// The byte range of the `nth` occurrence of `needle` in the article.
pub fn range_of(doc: &AtlasDoc, needle: &str, nth: usize) -> Range<usize> {
    let start = doc
        .text()
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("no occurrence {nth} of {needle:?}"));
    start..start + needle.len()
}

/// The app on the atlas in `dir`, in author mode, at `w`×`h` points.
pub fn author_harness(dir: &std::path::Path, w: f32, h: f32) -> Harness<'static, ArasApp> {
    let source = AtlasSource::Dir(dir.to_owned());
    let init = AppInit {
        atlas: aras::model::load(&source),
        source,
        ..AppInit::embedded()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(w, h))
        .with_max_steps(60)
        .build_eframe(|cc| ArasApp::new(cc, init));
    harness
        .state_mut()
        .start_author(dir)
        .expect("author mode opens");
    harness.run();
    harness
}

/// Screen positions of the start and the end of `needle` in the painted text that holds
/// it (the reader's paragraph).
pub fn text_span(h: &Harness<'static, ArasApp>, needle: &str) -> (Pos2, Pos2) {
    // The leftmost text that holds it: the reader's, not a quote in the side panel.
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
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
        .min_by(|a, b| a.0.x.total_cmp(&b.0.x))
        .unwrap_or_else(|| panic!("{needle:?} is not drawn"))
}

/// Clicks the button named `label` and lets the app settle.
pub fn click(h: &mut Harness<'static, ArasApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

/// Opens the form `item` of the "New…" menu.
pub fn open_new(h: &mut Harness<'static, ArasApp>, item: &str) {
    click(h, "New…");
    click(h, item);
}

/// Makes the element `key` the selection (as a click on it would) and lets the app
/// settle; returns its id.
pub fn select(h: &mut Harness<'static, ArasApp>, key: &str) -> ElementId {
    let id = h
        .state()
        .atlas()
        .expect("an atlas is open")
        .by_key(key)
        .unwrap_or_else(|| panic!("no element {key:?}"));
    h.state_mut().selection.selected = Some(id);
    h.run();
    id
}

/// Replaces the text of the field named `label` (one line or several) as a user would:
/// focus, select all, type.
pub fn type_into(h: &mut Harness<'static, ArasApp>, label: &str, text: &str) {
    text_field(h, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    text_field(h, label).type_text(text);
    h.run();
}

/// The text field named `label`, one line or several.
fn text_field<'h>(h: &'h Harness<'static, ArasApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.query_by_role_and_label(Role::TextInput, label)
        .or_else(|| h.query_by_role_and_label(Role::MultilineTextInput, label))
        .unwrap_or_else(|| panic!("no field {label:?}"))
}

/// Opens the New event form and types its passage (words of the article) and label.
pub fn new_event_form(h: &mut Harness<'static, ArasApp>, passage: &str, label: &str) {
    open_new(h, "Event…");
    type_into(
        h,
        "Passage (the words that give the event and its date)",
        passage,
    );
    type_into(h, "Label", label);
}

/// Types `text` into the selected element's summary and leaves the field with Tab, which
/// makes the edit.
pub fn type_summary(h: &mut Harness<'static, ArasApp>, text: &str) {
    let field = "Our summary (ours, not the article's words)";
    h.get_by_role_and_label(Role::MultilineTextInput, field)
        .focus();
    h.get_by_role_and_label(Role::MultilineTextInput, field)
        .type_text(text);
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
}

/// Whether a button named `label` is shown.
pub fn has_button(h: &Harness<'static, ArasApp>, label: &str) -> bool {
    h.query_by_role_and_label(Role::Button, label).is_some()
}

/// Runs `aras edit DIR --script SCRIPT` (a script that ends by waiting), waits up to 30 s
/// for its recovery file, then SIGKILLs it: an editor killed with no chance to clean up.
/// Returns the recovery file's path.
pub fn kill_once_recovered(dir: &std::path::Path, script: &std::path::Path) -> std::path::PathBuf {
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_aras"))
        .args([
            "edit".as_ref(),
            dir.as_os_str(),
            "--script".as_ref(),
            script.as_os_str(),
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("aras edit starts");
    let recovery = dir.join(aras::model::edit::store::RECOVERY_FILE);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !recovery.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(recovery.exists(), "no recovery file within 30 s");
    super::sigkill(child.id());
    child.wait().expect("the killed editor is reaped");
    recovery
}
