//! What the fourth newcomer trial (trial7: a statement by Mexico's president on relations
//! with the United States) found, in egui_kittest: an element just linked out of view
//! is brought into view.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use common::edit::{author_harness, click};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn words_linked_to_a_place_out_of_view_bring_it_into_view() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    // Zoomed in on Gamma Town, in Alpha's west: Beta (45–46°E) is off screen.
    let alpha = h.state().screen_pos(44.5, 40.5).unwrap();
    let view = h.state().view().unwrap();
    let far = h.state().atlas().unwrap().projection.project(44.2, 40.5);
    h.state_mut().persisted.view = Some(aras::state::MapMemory {
        center: far,
        zoom: view.zoom * 8.0,
    });
    h.run();
    let map = h.state().map_rect().unwrap();
    let beta_at = |h: &egui_kittest::Harness<'static, aras::app::ArasApp>| {
        h.state().screen_pos(45.5, 40.5).unwrap()
    };
    assert!(
        !map.contains(beta_at(&h)),
        "Beta starts out of view (Alpha at {alpha:?})"
    );
    let (from, to) = common::edit::text_span(&h, "moved troops");
    common::app::drag(&mut h, from, to);
    click(&mut h, "Link to…");
    let field = "Find an element or a place";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("Beta");
    h.run();
    click(&mut h, "Beta (country)");
    for _ in 0..3 {
        h.run();
    }
    assert_eq!(h.state().selected_key(), Some("beta"));
    let map = h.state().map_rect().unwrap();
    assert!(
        map.contains(beta_at(&h)),
        "Beta at {:?} is brought into the map {map:?}",
        beta_at(&h)
    );
}

#[test]
fn the_article_s_author_and_citation_are_set_in_the_app_and_undo_by_name() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    assert!(h.state().selected_key().is_none(), "nothing selected");
    for (label, text) in [
        ("Article author", "A. Writer"),
        (
            "Citation (added after every copied quote)",
            "The Alpha Times, 1 May 2024",
        ),
    ] {
        common::edit::type_into(&mut h, label, text);
        h.key_press(egui::Key::Enter);
        h.run();
    }
    let atlas = h.state().atlas().unwrap();
    assert_eq!(atlas.article.author, "A. Writer");
    assert_eq!(atlas.article.citation, "The Alpha Times, 1 May 2024");
    assert!(common::edit::has_button(
        &h,
        "Undo: set the article's citation"
    ));
    click(&mut h, "Undo: set the article's citation");
    assert_ne!(
        h.state().atlas().unwrap().article.citation,
        "The Alpha Times, 1 May 2024"
    );
}

#[test]
fn a_new_place_is_found_by_the_name_typed_and_namesakes_are_told_apart() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    common::edit::open_new(&mut h, "Place from the gazetteer…");
    common::edit::type_into(&mut h, "Name", "Washington");
    // The gazetteer's results follow the name, each with its country and position.
    let results: Vec<String> = h
        .query_all_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with("Washington (place, US"))
        })
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(results.len() >= 2, "{results:?}");
    let mut unique = results.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), results.len(), "told apart: {results:?}");
    assert!(
        results.iter().any(|r| r.contains("national capital")),
        "{results:?}"
    );
}

#[test]
fn a_person_can_act_in_a_country_when_the_article_names_no_town() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    common::edit::open_new(&mut h, "Actor (off-map, person, organisation)…");
    common::edit::type_into(&mut h, "Name", "Beta President");
    h.get_by_role_and_label(Role::RadioButton, "person").click();
    h.run();
    h.get_by_label("At (a place)").click();
    h.run();
    h.get_by_label("Beta (country)").click();
    h.run();
    common::edit::type_into(
        &mut h,
        "Source of the placement (the article's words, or ours and why)",
        "The article: Beta's president",
    );
    common::edit::type_into(
        &mut h,
        "Passage to link (optional: words of the article)",
        "Beta moved troops",
    );
    click(&mut h, "Add actor");
    let atlas = h.state().atlas().unwrap();
    let p = atlas
        .element(atlas.by_key("beta-president").expect("added"))
        .unwrap();
    assert_eq!(p.at, atlas.by_key("beta"));
}

#[test]
fn an_off_map_actor_placed_inside_the_map_is_refused_before_it_is_added() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    common::edit::open_new(&mut h, "Actor (off-map, person, organisation)…");
    common::edit::type_into(&mut h, "Name", "Yerevan Office");
    h.get_by_role_and_label(Role::RadioButton, "off-map actor")
        .click();
    h.run();
    common::edit::type_into(&mut h, "Find it in the world gazetteer", "Yerevan");
    let option = h
        .query_all_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with("Yerevan (") && l.contains("AM"))
        })
        .next()
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .expect("Yerevan in the results");
    click(&mut h, &option);
    assert!(
        h.query_by_label_contains("Yerevan lies inside the map")
            .is_some(),
        "said before adding"
    );
    let add = h.get_by_role_and_label(Role::Button, "Add actor");
    assert!(add.accesskit_node().is_disabled());
}

#[test]
fn rejecting_in_review_leaves_the_next_row_where_it_was() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    h.get_by_label_contains("Review (").click();
    h.run();
    let rect = |h: &egui_kittest::Harness<'static, aras::app::ArasApp>| {
        h.get_by_role_and_label(Role::Button, "Reject Gamma Town")
            .rect()
    };
    let before = rect(&h);
    click(&mut h, "Reject Blue River");
    assert!(h.state().atlas().unwrap().by_key("blue-river").is_none());
    assert!(h.query_by_label_contains("Blue River: rejected").is_some());
    let after = rect(&h);
    assert!(
        (after.min.y - before.min.y).abs() < 1.0,
        "Reject Gamma Town moved from {before:?} to {after:?}"
    );
    // Undone, the element is back in its row and the line goes.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.query_by_label_contains("Blue River: rejected").is_none());
    assert!(common::edit::has_button(&h, "Reject Blue River"));
}

#[test]
fn a_short_name_on_the_map_labels_a_line_too() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    common::edit::select(&mut h, "blue-river");
    common::edit::type_into(
        &mut h,
        "Short name on the map (optional; empty: the name)",
        "Bluey",
    );
    h.key_press(egui::Key::Enter);
    for _ in 0..3 {
        h.run();
    }
    // On the map, not only in the Element tab's field.
    let map = h.state().map_rect().unwrap();
    let on_map = h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Text(t) => {
            t.galley.text().contains("Bluey") && map.contains_rect(t.visual_bounding_rect())
        }
        _ => false,
    });
    assert!(on_map, "the river's label reads its short name (trial8 #2)");
}

#[test]
fn words_just_linked_are_the_passage_the_reader_and_side_panel_show() {
    // trial8 #8: after Link to…, the side panel and Edit passage showed the element's
    // first passage ("Alpha borders Beta."), not the words just linked.
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    let (from, to) = common::edit::text_span(&h, "moved troops");
    common::app::drag(&mut h, from, to);
    click(&mut h, "Link to…");
    let field = "Find an element or a place";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("Beta");
    h.run();
    click(&mut h, "Beta (country)");
    for _ in 0..3 {
        h.run();
    }
    assert_eq!(h.state().selected_key(), Some("beta"));
    // The reader's current passage starts where the linked words do (the cursor before
    // their first letter).
    let (passage, _) = h
        .state()
        .reader_passage_on_screen()
        .expect("a passage shown");
    assert!(
        (passage.center() - from).length() < 12.0,
        "the reader's passage {passage:?} starts at the new link's words {from:?}"
    );
}
