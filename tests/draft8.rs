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
    // "Reporter Mary Collins": Mary is the reporter, not the city in Turkmenistan.
    assert!(!map.contains("\"name\":\"Mary\""), "{report}");
    assert!(
        report.contains("“Cano”: a person's surname (“Victor Cano”)"),
        "{report}"
    );
    assert!(map.contains("\"id\":\"tianjin\"") && map.contains("\"id\":\"beijing\""));
}

#[test]
fn a_geographic_word_after_a_place_is_no_persons_surname() {
    // "Nile Delta" was left out as a person's first name and surname ("Delta" is a
    // given name), and the coverage list then hid it as a person's.
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("delta.txt");
    std::fs::write(
        &article,
        "Floods in Egypt\n\nFarmers in the Nile Delta north of Cairo lost their crops, officials in Egypt said.\n",
    )
    .unwrap();
    let (_t, dir, report) = common::draft(&article);
    assert!(!report.contains("(“Nile Delta”)"), "{report}");
    let (code, out, err) = common::aras(&["check", "--atlas", &dir.to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("“Nile Delta”"), "{report}\n{out}");
}
