//! The command line: `check` and `export`, run as a user would.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use std::process::Command;

use common::aras;

#[test]
fn check_on_the_embedded_atlas_prints_a_summary_and_exits_0() {
    let (code, out, _) = aras(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("countries"));
    assert!(out.contains("corridors and routes"));
    assert!(out.contains("paragraph coverage: 9/9 body paragraphs linked"));
    assert!(out.contains("events: 14; scenarios: 2"), "{out}");
    assert!(out.contains("problems: none"));
}

#[test]
fn check_on_a_bad_atlas_names_file_item_and_reason_and_exits_1() {
    let dir = common::bad_atlas("anchor-not-found");
    let (code, out, _) = aras(&["check", "--atlas", &dir.path().to_string_lossy()]);
    assert_eq!(code, 1);
    assert!(out.contains("problems: 1"), "{out}");
    assert!(
        out.contains("links.json: borders: quote not found in the article: “Alpha borders Gamma.”"),
        "{out}"
    );
}

#[test]
fn check_on_a_missing_directory_fails_cleanly() {
    let (code, out, _) = aras(&["check", "--atlas", "/nonexistent/atlas"]);
    assert_eq!(code, 1);
    assert!(out.contains("article.json: cannot read the file"), "{out}");
}

#[test]
fn export_geojson_has_every_element_with_passages() {
    let (code, out, err) = aras(&["export", "--format", "geojson"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().expect("features");
    let atlas = aras::model::Atlas::embedded().expect("loads");
    assert_eq!(features.len(), atlas.elements.len());
    let z = features
        .iter()
        .find(|f| f["properties"]["id"] == "zangezur-corridor")
        .expect("zangezur");
    assert_eq!(z["properties"]["status"], "proposed");
    assert_eq!(z["properties"]["kind"], "corridor");
    let p = &z["properties"]["passages"][0];
    let text = p["text"].as_str().expect("text");
    assert!(text.contains("Zangezur Corridor concept"));
    // Offsets are code points into the article text.
    let article = include_str!("../assets/article.txt");
    let (s, e) = (
        p["start"].as_u64().expect("start") as usize,
        p["end"].as_u64().expect("end") as usize,
    );
    let by_chars: String = article.chars().skip(s).take(e - s).collect();
    assert_eq!(by_chars, text);
    assert_eq!(p["paragraph"], 6);
    // Off-map actors carry a point at their true location.
    let pk = features
        .iter()
        .find(|f| f["properties"]["id"] == "pakistan")
        .expect("pk");
    assert_eq!(pk["geometry"]["type"], "Point");
    // People carry the point of where they act.
    let aliyev = features
        .iter()
        .find(|f| f["properties"]["id"] == "aliyev")
        .expect("aliyev");
    assert_eq!(aliyev["geometry"]["type"], "Point");
    assert_eq!(aliyev["properties"]["at"], "baku");
}

#[test]
fn export_annotations_are_w3c_web_annotations() {
    let (code, out, err) = aras(&["export", "--format", "annotations"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    let items = v["first"]["items"].as_array().expect("items");
    let atlas = aras::model::Atlas::embedded().expect("loads");
    assert_eq!(items.len(), atlas.links.len());
    let a = &items[0];
    assert_eq!(a["type"], "Annotation");
    let sel = a["target"]["selector"].as_array().expect("selectors");
    assert_eq!(sel[0]["type"], "TextQuoteSelector");
    assert_eq!(sel[1]["type"], "TextPositionSelector");
    assert!(a["body"][0]["value"].is_string());
}

#[test]
fn export_of_a_bad_atlas_fails_with_the_problems() {
    let dir = common::bad_atlas("duplicate-id");
    let (code, out, err) = aras(&[
        "export",
        "--format",
        "geojson",
        "--atlas",
        &dir.path().to_string_lossy(),
    ]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("map.geojson: alpha: duplicate id `alpha`"),
        "{err}"
    );
}

#[test]
fn every_bad_atlas_in_the_corpus_fails_check_naming_its_file() {
    let mut cases = 0;
    for (name, file) in common::bad_cases() {
        let dir = common::bad_atlas(&name);
        let (code, out, err) = aras(&["check", "--atlas", &dir.path().to_string_lossy()]);
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert!(err.is_empty() && !err.contains("panicked"), "{name}: {err}");
        // The file itself is named (article.txt problems are reported against it).
        assert!(out.contains(&format!("{file}:")), "{name}: {out}");
        cases += 1;
    }
    assert!(cases >= 18);
}

/// GDAL reads the export as one GeoJSON layer with every element. Runs where `ogrinfo`
/// is installed (`.ci/run` installs gdal-bin); elsewhere it says so and passes.
#[test]
fn export_geojson_opens_in_gdal() {
    let Ok(probe) = Command::new("ogrinfo").arg("--version").output() else {
        eprintln!("ogrinfo not installed: GDAL check skipped (CI installs gdal-bin)");
        return;
    };
    assert!(probe.status.success());
    let (code, out, _) = aras(&["export", "--format", "geojson"]);
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("aras.geojson");
    std::fs::write(&path, out).expect("write");
    let info = Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(&path)
        .output()
        .expect("ogrinfo");
    let text = String::from_utf8_lossy(&info.stdout);
    assert!(info.status.success(), "{text}");
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    assert!(
        text.contains(&format!("Feature Count: {}", atlas.elements.len())),
        "{text}"
    );
    assert!(text.contains("passages:"), "{text}");
}

#[test]
fn help_lists_every_layer_group_including_relations() {
    let (code, out, _) = aras(&["--help"]);
    assert_eq!(code, 0);
    for g in aras::state::Group::ALL {
        assert!(
            out.contains(g.key()),
            "--help does not name `{}`:\n{out}",
            g.key()
        );
    }
    assert!(out.contains("--show"), "{out}");
}

#[test]
fn an_unknown_select_id_suggests_the_closest_ids() {
    let (code, _, err) = aras(&["--select", "armenai"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no element with id `armenai`"), "{err}");
    assert!(err.contains("did you mean armenia?"), "{err}");
    let (code, _, err) = aras(&[
        "screenshot",
        "--out",
        "/tmp/never.png",
        "--select",
        "nakchivan",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nakhchivan"), "{err}");
}

#[test]
fn an_unknown_hide_or_show_key_suggests_the_closest_keys() {
    let (code, _, err) = aras(&["--hide", "coridors"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean corridors?"), "{err}");
    let (code, _, err) = aras(&["--show", "relation"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean relations?"), "{err}");
    let (code, _, err) = aras(&["--hide", "zangezur"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("zangezur-corridor"), "{err}");
}

#[test]
fn a_bad_map_date_is_refused_with_the_range_allowed() {
    let (code, _, err) = aras(&["--date", "2030-01-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("between 1991-01-01 and 2021-10-21"), "{err}");
    let (code, _, err) = aras(&["--date", "2020-02-30"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no such day"), "{err}");
}

#[test]
fn list_prints_every_id_with_its_kind_and_name() {
    let (code, out, err) = aras(&["list"]);
    assert_eq!(code, 0, "{err}");
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), atlas.elements.len());
    assert!(lines.contains(&"armenia\tcountry\tArmenia"), "{out}");
    for el in &atlas.elements {
        let line = format!("{}\t{}\t{}", el.key, el.kind.key(), el.name);
        assert!(lines.contains(&line.as_str()), "missing {line}");
    }
}

#[test]
fn geojson_is_compact_by_default_and_indented_with_pretty() {
    let (code, out, err) = aras(&["export", "--format", "geojson"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "compact output is one line");
    let (code, pretty, err) = aras(&["export", "--format", "geojson", "--pretty"]);
    assert_eq!(code, 0, "{err}");
    assert!(pretty.lines().count() > 100);
    let a: serde_json::Value = serde_json::from_str(&out).expect("json");
    let b: serde_json::Value = serde_json::from_str(&pretty).expect("json");
    assert_eq!(a, b);
}

/// Runs `aras args` with its stdout closed before anything is read, as `| head -c0` does.
fn with_closed_stdout(args: &[&str]) -> (i32, String) {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_aras"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_every_stdout_command_silently_with_exit_0() {
    // The GeoJSON export is larger than a pipe's buffer, so its write must meet the
    // closed pipe.
    for args in [
        &["export", "--format", "geojson"][..],
        &["export", "--format", "annotations", "--pretty"],
        &["list"],
        &["check"],
    ] {
        let (code, err) = with_closed_stdout(args);
        assert_eq!(code, 0, "aras {args:?}: {err}");
        assert!(err.is_empty(), "aras {args:?} printed: {err}");
    }
}

#[test]
fn check_counts_claims_made_in_parts_of_passages() {
    // The minimal atlas: one passage claimed (and denied) as a whole.
    let (code, out, _) = aras(&["check", "--atlas", &common::minimal_dir().to_string_lossy()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "\nlinks: 4 passages (1 attributed claims: 1 of whole passages, 0 of parts)\n"
        ),
        "{out}"
    );
    // The same passage split into two voices: Alpha's claim and Beta's denial.
    let dir = common::bad_atlas("relation-claimant-unsupported");
    std::fs::remove_file(dir.path().join("relations.json")).expect("rm");
    let links = std::fs::read_to_string(dir.path().join("links.json"))
        .expect("links")
        .replace(r#""alpha", "beta", "troops-claim""#, r#""alpha", "beta""#);
    std::fs::write(dir.path().join("links.json"), links).expect("write");
    let (code, out, _) = aras(&["check", "--atlas", &dir.path().to_string_lossy()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "\nlinks: 4 passages (2 attributed claims: 0 of whole passages, 2 of parts)\n"
        ),
        "{out}"
    );
    // The embedded atlas counts every voice with a claimant.
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    let voices = atlas
        .links
        .iter()
        .flat_map(|l| &l.voices)
        .filter(|v| !v.claimed_by.is_empty() || !v.denied_by.is_empty())
        .count();
    assert!(voices >= 9, "{voices}");
    let (_, out, _) = aras(&["check"]);
    assert!(out.contains(&format!(", {voices} of parts)\n")), "{out}");
}

/// `aras --help` says what `edit` does (it opens the window unless told to run
/// headless), and every README section the help points to exists.
#[test]
fn help_for_edit_says_it_opens_the_window_and_points_to_readme_sections_that_exist() {
    let (code, top, _) = aras(&["--help"]);
    assert_eq!(code, 0, "{top}");
    let edit_line = top
        .lines()
        .find(|l| l.trim_start().starts_with("edit "))
        .expect("an `edit` line");
    assert!(edit_line.contains("in the window"), "{edit_line}");
    assert!(!edit_line.contains("headlessly"), "{edit_line}");
    let (_, edit, _) = aras(&["edit", "--help"]);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut pointed = 0;
    for part in edit.split("README, \"").skip(1) {
        let section = part.split('"').next().unwrap_or_default();
        pointed += 1;
        assert!(
            readme
                .lines()
                .any(|l| l.starts_with('#') && l.trim_start_matches('#').trim() == section),
            "README has no section \"{section}\""
        );
    }
    assert!(pointed > 0, "{edit}");
    assert!(
        top.contains("between the atlas's first dated event and its latest"),
        "--date says its span is the atlas's own: {top}"
    );
}
