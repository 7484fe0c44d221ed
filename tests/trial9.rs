//! What the sixth newcomer trial (trial9: an AP story on the US–China trade dispute) found,
//! in egui_kittest: a route whose "Passes through" leaves out a country it crosses can be
//! fixed from the problem itself, which names countries, not ids.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::model::edit::{Attr, Edit};
use aras::ui::author::AuthorTab;
use common::app::click_geo;
use common::edit::{author_harness, click, has_button, open_new, type_into};
use egui::Key;
use egui_kittest::kittest::Queryable;

#[test]
fn a_route_crossing_a_country_it_does_not_declare_is_fixed_from_the_problem() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    open_new(&mut h, "Route by clicking the map");
    click_geo(&mut h, 44.51, 40.49);
    click_geo(&mut h, 45.5, 40.6);
    h.key_press(Key::Enter);
    h.run();
    type_into(&mut h, "Name", "Gamma road");
    type_into(
        &mut h,
        "Passage to link (optional: words of the article)",
        "Alpha borders Beta",
    );
    click(&mut h, "Add route");
    assert!(h.state().atlas().unwrap().by_key("gamma-road").is_some());
    // The author unticks Beta, which the line crosses.
    let a = h.state_mut().author.as_mut().unwrap();
    assert!(a.apply(Edit::SetAttr {
        id: "gamma-road".into(),
        attr: Attr::Via(vec!["alpha".into()]),
    }));
    a.tab = AuthorTab::Problems;
    h.run();
    h.run();
    let problem = h
        .query_by_label_contains("which its `via` does not declare")
        .expect("the problem is listed");
    let text = common::app::text_of(&problem);
    assert!(
        text.contains("Gamma road") && text.contains("Beta"),
        "{text}"
    );
    assert!(!text.contains("`beta`"), "names, not ids: {text}");
    let fix = "Add Beta to its “Passes through”";
    assert!(has_button(&h, fix));
    click(&mut h, fix);
    h.run();
    assert!(h.state().author.as_ref().unwrap().problems.is_empty());
    assert!(!has_button(&h, fix));
}

#[test]
fn removing_the_passage_shown_leaves_the_reader_on_a_passage_that_exists() {
    // trial9 #8: after an unlink the reader said "passage 2 of 1".
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    common::edit::select(&mut h, "alpha");
    for _ in 0..3 {
        h.get_by_label("Next passage").click();
        h.run();
    }
    assert!(h.query_by_label("passage 4 of 4").is_some());
    let a = h.state_mut().author.as_mut().unwrap();
    assert!(a.apply(Edit::RemoveLink {
        id: "troops".into()
    }));
    for _ in 0..3 {
        h.run();
    }
    assert!(
        h.query_by_label("passage 3 of 3").is_some(),
        "the last passage that is left"
    );
}

#[test]
fn who_claims_a_passage_is_said_on_that_passage_s_row_not_under_it() {
    // trial9 #9: "Claimed by China" under passage 6 read as a heading over passage 7 on.
    let source = aras::model::AtlasSource::Dir(common::minimal_dir());
    let atlas = aras::model::load(&source);
    let init = aras::app::AppInit {
        source,
        atlas,
        ..aras::app::AppInit::embedded()
    };
    let mut h = common::app::harness_of_sized(init, 1400.0, 900.0);
    common::edit::select(&mut h, "alpha");
    // Alpha's two passages in ¶2: "Gamma Town lies in Alpha." and the troops, which
    // Alpha claims.
    let row = h.get_by_label("Passage 4 of 4").rect();
    let claim = h.get_by_label("Claimed by Alpha").rect();
    assert!(
        (claim.center().y - row.center().y).abs() < row.height(),
        "the claim {claim:?} is on its passage's row {row:?}"
    );
}

#[test]
fn ticking_an_element_an_event_involves_leaves_every_box_where_it_was() {
    // trial10 #4: a ticked element jumped to the top of "Involves", so the next click
    // ticked the element that had moved under the pointer.
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    common::edit::new_event_form(&mut h, "Alpha said Beta moved troops", "Troops moved");
    let rects = |h: &egui_kittest::Harness<'static, aras::app::ArasApp>| {
        ["Alpha", "Beta", "Blue River", "Gamma Town"].map(|n| {
            h.get_by_role_and_label(egui::accesskit::Role::CheckBox, n)
                .rect()
        })
    };
    let before = rects(&h);
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Gamma Town")
        .click();
    h.run();
    let after = rects(&h);
    assert_eq!(before, after, "the boxes stay put");
    assert!(h.query_by_label("Ticked: Gamma Town").is_some());
}
