//! Helpers for author mode's tests: editable copies of an atlas, sessions on them, byte
//! ranges of the article, and the app opened in author mode.

#![allow(dead_code, clippy::expect_used, clippy::panic)]

use std::ops::Range;

use aras::app::{AppInit, ArasApp};
use aras::model::AtlasSource;
use aras::model::edit::AtlasDoc;
use aras::model::edit::store::Session;
use egui_kittest::Harness;

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
