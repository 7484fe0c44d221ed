//! Shared test helpers: build an atlas directory from the minimal test atlas with some
//! files replaced by a bad case.

#![allow(dead_code, clippy::expect_used, clippy::panic)]

pub mod app;
pub mod edit;

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
    overlaid(&manifest().join("tests/atlases/bad").join(case))
}

/// A temporary copy of the minimal atlas with the files of the directory `overlay` laid
/// over it.
pub fn overlaid(overlay: &Path) -> tempfile::TempDir {
    assert!(overlay.is_dir(), "no case {}", overlay.display());
    let dir = copy_of(&minimal_dir());
    copy_all(overlay, dir.path());
    dir
}

/// A temporary copy of the directory `from` (an atlas a test may rewrite).
pub fn copy_of(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_all(from, dir.path());
    dir
}

fn copy_all(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// Loads the atlas in `dir`.
pub fn load_dir(dir: &Path) -> Result<aras::model::Atlas, aras::model::Problems> {
    aras::model::load(&aras::model::AtlasSource::Dir(dir.to_path_buf()))
}

/// Runs the `aras` binary as a user would: its exit code, standard output and error.
pub fn aras(args: &[&str]) -> (i32, String, String) {
    let out = aras_output(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A draft of `article` made by `aras new ARTICLE --out TMP/atlas` in a fresh temporary
/// directory TMP: (TMP, the atlas directory, the report `aras new` printed). Fails the
/// test if `aras new` does.
pub fn draft(article: &Path) -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("atlas");
    let (code, report, err) = aras(&[
        "new",
        &article.to_string_lossy(),
        "--out",
        &dir.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{}: {err}", article.display());
    (tmp, dir, report)
}

/// Runs `aras export --format FORMAT --atlas DIR` as a user would: its exit code, standard
/// output (the export) and error.
pub fn export(format: &str, dir: &Path) -> (i32, String, String) {
    aras(&[
        "export",
        "--format",
        format,
        "--atlas",
        &dir.to_string_lossy(),
    ])
}

/// Runs the `aras` binary as a user would and returns what it left: its exit status and
/// the bytes of its standard output and error.
pub fn aras_output(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_aras"))
        .args(args)
        .output()
        .expect("run aras")
}

/// Kills the process `pid` with SIGKILL: no chance to clean up, as after a crash.
pub fn sigkill(pid: u32) {
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success(), "kill -KILL {pid}");
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
