//! Shared test helpers: build an atlas directory from the minimal test atlas with some
//! files replaced by a bad case.

#![allow(dead_code, clippy::expect_used, clippy::panic)]

pub mod app;

use std::path::{Path, PathBuf};

pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn minimal_dir() -> PathBuf {
    manifest().join("tests/atlases/minimal")
}

/// A temporary copy of the minimal atlas with the files of `tests/atlases/bad/<case>/`
/// laid over it.
pub fn bad_atlas(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_all(&minimal_dir(), dir.path());
    let bad = manifest().join("tests/atlases/bad").join(case);
    assert!(bad.is_dir(), "no bad case {case}");
    copy_all(&bad, dir.path());
    dir
}

fn copy_all(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// Every case of the bad-atlas corpus: its name and the file its problem is in (the one
/// file it replaces, or, for a case that replaces several, the file named in its
/// `problem-in`).
pub fn bad_cases() -> Vec<(String, String)> {
    let corpus = manifest().join("tests/atlases/bad");
    let mut cases: Vec<(String, String)> = std::fs::read_dir(corpus)
        .expect("corpus")
        .map(|entry| {
            let case = entry.expect("entry").path();
            let file = match std::fs::read_to_string(case.join("problem-in")) {
                Ok(named) => named.trim().to_owned(),
                Err(_) => std::fs::read_dir(&case)
                    .expect("case")
                    .next()
                    .expect("one file")
                    .expect("file")
                    .file_name()
                    .to_string_lossy()
                    .into_owned(),
            };
            let name = case
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, file)
        })
        .collect();
    cases.sort();
    cases
}
