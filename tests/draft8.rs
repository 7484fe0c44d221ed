//! What newcomers found reading drafts (s9): the report names each decision once, and a
//! person's surname after a given name is not drafted as a place.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

fn walk() -> std::path::PathBuf {
    common::manifest().join("tests/fixtures/new/walk.txt")
}

#[test]
fn the_report_lists_a_name_left_out_for_one_reason_once_with_a_count() {
    // Trial #3: "Li" was listed eight times for the same decision.
    let (_tmp, _dir, report) = common::draft(&walk());
    let li: Vec<&str> = report.lines().filter(|l| l.starts_with("  “Li”")).collect();
    assert_eq!(li.len(), 1, "{report}");
    assert!(li[0].starts_with("  “Li” ×4: "), "{report}");
}

#[test]
fn a_surname_after_a_title_and_a_given_name_is_no_place() {
    // "Judge Victor Cano": Cano is the judge, not Kano in Nigeria.
    let (_tmp, dir, report) = common::draft(&walk());
    let map = std::fs::read_to_string(dir.join("map.geojson")).unwrap();
    assert!(!map.contains("Kano"), "{report}");
    assert!(
        report.contains("“Cano”: a person's surname (“Victor Cano”)"),
        "{report}"
    );
    assert!(map.contains("\"id\":\"tianjin\"") && map.contains("\"id\":\"beijing\""));
}
