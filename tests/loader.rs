//! The loader on the embedded atlas and on the minimal test atlas, and one test per
//! rejection, each with a small bad file under `tests/atlases/bad/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::model::{self, Atlas, AtlasSource, Kind, ProblemKind, Problems};

fn load_case(case: &str) -> Problems {
    let dir = common::bad_atlas(case);
    match model::load(&AtlasSource::Dir(dir.path().to_path_buf())) {
        Ok(_) => panic!("case {case} loaded without problems"),
        Err(p) => p,
    }
}

/// The one problem of a case: its file and item are named, and its kind matches.
fn only_problem(case: &str) -> aras::model::Problem {
    let problems = load_case(case);
    assert_eq!(
        problems.len(),
        1,
        "{case}: expected one problem, got:\n{problems}"
    );
    problems.0.into_iter().next().expect("one problem")
}

#[test]
fn embedded_atlas_has_no_problems() {
    let atlas = Atlas::embedded().unwrap_or_else(|p| panic!("embedded atlas:\n{p}"));
    assert!(atlas.elements.len() > 60);
    assert!(atlas.links.len() > 40);
}

#[test]
fn every_quote_is_verbatim_from_the_original_article() {
    let atlas = Atlas::embedded().expect("loads");
    let original = include_str!("../assets/article.txt");
    for link in &atlas.links {
        let quote = atlas.article.slice(&link.range);
        assert_eq!(quote, link.selector.exact, "link {}", link.key);
        assert_eq!(original.get(link.range.clone()), Some(quote));
    }
}

#[test]
fn embedded_article_is_the_shared_source_byte_for_byte() {
    let shared = common::manifest().join("../shared/article/iran-azerbaijan-crisis.txt");
    // In a clone without shared/ beside it, the embedded copy is all there is.
    if let Ok(text) = std::fs::read(&shared) {
        assert_eq!(text.as_slice(), include_bytes!("../assets/article.txt"));
    }
}

#[test]
fn article_parts_are_split_and_furniture_left_out() {
    let atlas = Atlas::embedded().expect("loads");
    let a = &atlas.article;
    assert_eq!(a.paragraphs().count(), 9);
    let readable: String = a.readable_parts().map(|(i, _)| a.part_text(i)).collect();
    assert!(!readable.contains("Have an idea for a Commentary"));
    assert!(!readable.contains("View profile"));
    assert!(readable.contains("The views expressed in this Commentary"));
    let headings: Vec<_> = a
        .parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == model::PartKind::Heading)
        .map(|(i, _)| a.part_text(i))
        .collect();
    assert_eq!(headings, ["Iran–Turkey Rivalry", "Integration Efforts"]);
}

#[test]
fn the_map_has_what_the_article_needs() {
    let atlas = Atlas::embedded().expect("loads");
    for key in [
        "iran",
        "azerbaijan",
        "armenia",
        "georgia",
        "turkey",
        "russia",
        "nakhchivan",
        "syunik",
        "nagorno-karabakh",
        "recaptured",
        "caspian-sea",
        "black-sea",
        "aras-river",
        "zangezur-corridor",
        "duty-free-trade",
        "thy-flights",
        "truck-route",
        "drug-route",
        "aliyev",
        "erdogan",
        "lavrov",
        "abdollahian",
        "bayramov",
        "shamkhani",
        "pashinyan",
        "rouhani",
        "three-plus-three",
        "icj",
        "pkk",
        "taliban",
        "sahar-tv",
        "tehran-times",
        "israel",
        "pakistan",
        "afghanistan",
        "panjshir",
        "syria",
        "northern-iraq",
        "europe",
        "central-asia",
    ] {
        assert!(atlas.by_key(key).is_some(), "missing {key}");
    }
    let nk = atlas
        .element(atlas.by_key("nagorno-karabakh").expect("nk"))
        .expect("el");
    assert!(nk.disputed);
    let z = atlas
        .element(atlas.by_key("zangezur-corridor").expect("z"))
        .expect("el");
    assert_eq!(z.status, Some(model::Status::Proposed));
    let drugs = atlas
        .element(atlas.by_key("drug-route").expect("d"))
        .expect("el");
    assert_eq!(drugs.status, Some(model::Status::Alleged));
    // Azerbaijan has the Nakhchivan exclave as a part of its own.
    let az = atlas
        .element(atlas.by_key("azerbaijan").expect("az"))
        .expect("el");
    let Some(model::GeoShape::Area(mp)) = &az.geo else {
        panic!("area")
    };
    assert!(mp.0.len() >= 2);
    // Every person acts somewhere.
    for el in atlas.elements.iter().filter(|e| e.kind == Kind::Person) {
        assert!(el.at.is_some(), "{} acts nowhere", el.key);
    }
}

#[test]
fn every_body_paragraph_and_every_element_is_linked() {
    let atlas = Atlas::embedded().expect("loads");
    for (pi, _) in atlas.article.paragraphs() {
        assert!(atlas.links.iter().any(|l| l.part == pi));
    }
    for el in atlas.elements.iter().filter(|e| !e.context) {
        assert!(!atlas.links_of(el.id).is_empty(), "{}", el.key);
    }
}

#[test]
fn claims_record_who_makes_and_who_denies_them() {
    let atlas = Atlas::embedded().expect("loads");
    let link = atlas
        .links
        .iter()
        .find(|l| {
            l.selector
                .exact
                .starts_with("Iran accused Azerbaijan of welcoming Israeli forces")
        })
        .expect("the Israeli forces passage");
    assert_eq!(atlas.name(link.claimed_by[0]), "Iran");
    assert_eq!(atlas.name(link.denied_by[0]), "Azerbaijan");
}

#[test]
fn hit_test_uses_true_geometry() {
    let atlas = Atlas::embedded().expect("loads");
    let visible = |_| true;
    let hit = |lon: f64, lat: f64| {
        atlas
            .hit(&model::HitQuery {
                at: atlas.projection.project(lon, lat),
                point_radius: 0.5,
                line_tolerance: 0.5,
                visible: &visible,
            })
            .map(|id| atlas.element(id).expect("el").key.clone())
    };
    assert_eq!(hit(44.0, 40.6).as_deref(), Some("armenia"));
    assert_eq!(hit(48.5, 40.8).as_deref(), Some("azerbaijan"));
    assert_eq!(hit(46.3, 37.2).as_deref(), Some("iran"));
    assert_eq!(hit(51.0, 41.5).as_deref(), Some("caspian-sea"));
    assert_eq!(hit(35.0, 43.0).as_deref(), Some("black-sea"));
    assert_eq!(hit(45.2, 39.3).as_deref(), Some("nakhchivan"));
}

#[test]
fn minimal_atlas_loads() {
    let atlas = model::load(&AtlasSource::Dir(common::minimal_dir()))
        .unwrap_or_else(|p| panic!("minimal:\n{p}"));
    assert_eq!(atlas.elements.len(), 5);
    assert_eq!(atlas.links.len(), 4);
}

#[test]
fn malformed_json_is_rejected() {
    let p = only_problem("malformed-json");
    assert_eq!(p.file, "links.json");
    assert!(matches!(p.kind, ProblemKind::Json(_)), "{p}");
}

#[test]
fn malformed_geojson_is_rejected() {
    let p = only_problem("malformed-geojson");
    assert_eq!(p.file, "map.geojson");
    assert!(matches!(p.kind, ProblemKind::GeoJson(_)), "{p}");
}

#[test]
fn duplicate_id_is_rejected() {
    let problems = load_case("duplicate-id");
    assert!(
        problems.iter().any(|p| p.file == "map.geojson"
            && p.item.as_deref() == Some("alpha")
            && p.kind == ProblemKind::DuplicateId("alpha".into())),
        "{problems}"
    );
}

#[test]
fn dangling_id_is_rejected() {
    let p = only_problem("dangling-id");
    assert_eq!(p.file, "links.json");
    assert_eq!(p.item.as_deref(), Some("borders"));
    assert_eq!(
        p.kind,
        ProblemKind::DanglingId {
            field: "elements".into(),
            id: "omega".into()
        }
    );
}

#[test]
fn quote_not_in_article_is_reported_with_the_closest_passage() {
    let p = only_problem("anchor-not-found");
    assert_eq!(p.item.as_deref(), Some("borders"));
    match &p.kind {
        ProblemKind::AnchorNotFound { exact, hint } => {
            assert_eq!(exact, "Alpha borders Gamma.");
            assert_eq!(hint, "Alpha borders Beta.");
        }
        other => panic!("{other}"),
    }
    assert!(
        p.to_string()
            .contains("closest passage: “Alpha borders Beta.”")
    );
}

#[test]
fn quote_found_more_than_once_is_reported() {
    let p = only_problem("anchor-ambiguous");
    assert_eq!(p.item.as_deref(), Some("borders"));
    assert!(
        matches!(&p.kind, ProblemKind::AnchorAmbiguous { exact, count: 4 } if exact == "Beta"),
        "{p}"
    );
}

#[test]
fn quote_in_web_page_furniture_is_reported() {
    let p = only_problem("anchor-in-furniture");
    assert!(
        matches!(p.kind, ProblemKind::AnchorOutsideArticle { .. }),
        "{p}"
    );
}

#[test]
fn unclosed_ring_is_rejected() {
    let p = only_problem("unclosed-ring");
    assert_eq!(p.item.as_deref(), Some("beta"));
    assert!(
        matches!(&p.kind, ProblemKind::Geometry(m) if m.contains("not closed")),
        "{p}"
    );
}

#[test]
fn self_intersecting_ring_is_rejected() {
    let p = only_problem("self-intersecting");
    assert_eq!(p.item.as_deref(), Some("beta"));
    assert!(
        matches!(&p.kind, ProblemKind::Geometry(m) if m.contains("not a valid polygon")),
        "{p}"
    );
}

#[test]
fn coordinates_out_of_range_are_rejected() {
    let p = only_problem("out-of-range");
    assert_eq!(p.item.as_deref(), Some("gamma-town"));
    assert!(
        matches!(&p.kind, ProblemKind::Geometry(m) if m.contains("out of range")),
        "{p}"
    );
}

#[test]
fn element_without_passage_is_rejected_unless_context() {
    let p = only_problem("no-passage");
    assert_eq!(p.item.as_deref(), Some("epsilon"));
    assert_eq!(p.kind, ProblemKind::NoPassage);
    // "delta" is context and has no passage: not a problem (see minimal_atlas_loads).
}

#[test]
fn empty_and_non_utf8_files_are_rejected() {
    let p = only_problem("empty-file");
    assert_eq!(
        (p.file.as_str(), &p.kind),
        ("map.geojson", &ProblemKind::Empty)
    );
    let p = only_problem("not-utf8");
    assert_eq!(p.file, "links.json");
    assert!(matches!(p.kind, ProblemKind::NotUtf8(11)), "{p}");
    let problems = load_case("empty-article");
    assert!(
        problems
            .iter()
            .any(|p| p.file == "article.txt" && matches!(p.kind, ProblemKind::Article(_))),
        "{problems}"
    );
}

#[test]
fn nan_huge_numbers_deep_nesting_and_odd_ids_are_rejected() {
    for case in ["nan", "huge-number"] {
        let p = only_problem(case);
        assert_eq!(p.file, "map.geojson");
        assert!(matches!(p.kind, ProblemKind::Json(_)), "{case}: {p}");
    }
    let p = only_problem("deep-nesting");
    assert!(
        matches!(&p.kind, ProblemKind::Json(m) if m.contains("recursion")),
        "{p}"
    );
    let problems = load_case("odd-unicode-id");
    assert!(
        problems
            .iter()
            .any(|p| matches!(&p.kind, ProblemKind::InvalidId(id) if id.starts_with("gämma"))),
        "{problems}"
    );
}

#[test]
fn a_100_mb_file_is_rejected_before_it_is_read() {
    let dir = common::bad_atlas("empty-file");
    let path = dir.path().join("map.geojson");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(100 * 1024 * 1024).expect("grow to 100 MB");
    let p = only_problem_in(dir.path());
    assert_eq!(p.file, "map.geojson");
    assert!(
        matches!(p.kind, ProblemKind::TooLarge { size, .. } if size == 100 * 1024 * 1024),
        "{p}"
    );
}

fn only_problem_in(dir: &std::path::Path) -> aras::model::Problem {
    let problems = match model::load(&AtlasSource::Dir(dir.to_path_buf())) {
        Ok(_) => panic!("loaded"),
        Err(p) => p,
    };
    assert_eq!(problems.len(), 1, "{problems}");
    problems.0.into_iter().next().expect("one")
}
