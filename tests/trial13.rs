//! trial13: what a newcomer found in the real window, as fast UI checks: the relations
//! layer can be switched off while a relation is selected.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::AppInit;
use common::app::*;
use egui_kittest::kittest::{NodeT, Queryable};

/// The app with an element selected at start, as a link opens it.
fn selecting(key: &str) -> egui_kittest::Harness<'static, aras::app::ArasApp> {
    let mut init = AppInit::embedded();
    init.select = init.atlas.as_ref().ok().and_then(|a| a.by_key(key));
    let mut h = harness_with(init);
    h.run();
    h
}

#[test]
fn the_relations_checkbox_switches_them_off_while_one_is_selected() {
    let mut h = selecting("iran-accuses-azerbaijan");
    assert_eq!(selected(&h).as_deref(), Some("iran-accuses-azerbaijan"));
    // Selecting a relation shows the layer, so it is drawn.
    let relations = aras::state::Group::Relations;
    assert!(h.state().persisted.layers.group_visible(relations));
    uncheck(&mut h, "Relations between actors");
    // The click holds: the layer stays off, and the relation it hid is no longer selected.
    for _ in 0..3 {
        h.run();
    }
    let link = h.state().link_command();
    assert!(!link.contains("--show relations"), "{link}");
    assert_eq!(selected(&h), None);
}

#[test]
fn copy_link_keeps_the_framing_the_user_moved_the_map_to() {
    let mut h = selecting("armenia");
    h.get_by_label("Copy link").click();
    h.run();
    // Framed as --select frames it: the link needs no view of its own.
    let plain = h.state().last_copied.clone().expect("copied");
    assert!(!plain.contains("--view"), "{plain}");
    // Moved by the user: the link says where the map was.
    let c = h.state().map_rect().expect("map").center();
    drag(&mut h, c, c + egui::vec2(-120.0, 60.0));
    for _ in 0..3 {
        h.run();
    }
    let moved = h.state().view().expect("view");
    h.get_by_label("Copy link").click();
    h.run();
    let link = h.state().last_copied.clone().expect("copied");
    assert!(link.starts_with("aras --select armenia"), "{link}");
    let arg = link
        .split_whitespace()
        .skip_while(|w| *w != "--view")
        .nth(1)
        .unwrap_or_else(|| panic!("no --view in {link}"));
    // The link opens where the sender was looking, selection kept.
    let view = aras::state::GeoView::parse(arg).expect("view");
    let mut init = AppInit::embedded();
    init.select = init.atlas.as_ref().ok().and_then(|a| a.by_key("armenia"));
    let mut opened = harness_with(init);
    opened.state_mut().open_view(view);
    opened.run();
    let got = opened.state().view().expect("view");
    let km = (got.center[0] - moved.center[0]).hypot(got.center[1] - moved.center[1]);
    assert!(km * moved.zoom < 1.0, "{km} km off");
    assert!((got.zoom / moved.zoom - 1.0).abs() < 1e-3);
    assert_eq!(selected(&opened).as_deref(), Some("armenia"));
}

/// The widget with the keyboard focus and its rectangle.
fn focused(h: &egui_kittest::Harness<'static, aras::app::ArasApp>) -> Option<(String, egui::Rect)> {
    h.query_by(|n| n.is_focused())
        .map(|n| (text_of(&n), n.rect()))
}

#[test]
fn every_tab_stop_is_scrolled_into_the_small_window() {
    // 640×480 with a long side panel (Iran has many passages): Tab walks through it.
    let mut init = AppInit::embedded();
    init.select = init.atlas.as_ref().ok().and_then(|a| a.by_key("iran"));
    let mut h = harness_of_sized(init, 640.0, 480.0);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(640.0, 480.0));
    let mut seen = Vec::new();
    for _ in 0..80 {
        h.key_press(egui::Key::Tab);
        h.run();
        let Some((label, rect)) = focused(&h) else {
            continue;
        };
        assert!(
            window.expand(1.0).contains_rect(rect),
            "Tab stop {} “{label}” is off screen at {rect:?} (after {:?})",
            seen.len(),
            seen.iter().rev().take(3).collect::<Vec<_>>()
        );
        seen.push(label);
    }
    assert!(
        seen.iter().any(|l| l.contains("Copy citation")),
        "the tour reaches the side panel's citations: {seen:?}"
    );
}

/// The texts the last frames put on the clipboard.
fn copied(h: &egui_kittest::Harness<'static, aras::app::ArasApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn select_all_and_copy_in_a_text_field_leave_the_articles_selection_alone() {
    let mut h = harness();
    // Words of the article selected with the mouse.
    let r = h.state().mention_rects("iran")[0];
    drag(
        &mut h,
        r.left_center() + egui::vec2(1.0, 0.0),
        r.right_center() + egui::vec2(60.0, 0.0),
    );
    h.run();
    let label_selection = |h: &egui_kittest::Harness<'static, aras::app::ArasApp>| {
        h.ctx
            .with_plugin::<egui::text_selection::LabelSelectionState, _>(|s| s.has_selection())
            .unwrap_or(false)
    };
    assert!(label_selection(&h), "words of the article are selected");
    // Then a search typed, all of it selected and copied.
    // Focused from the keyboard, as "Link to…" opens with its field focused: no click
    // clears the article's selection.
    h.get_by_label("Search").focus();
    h.run();
    h.event(egui::Event::Text("Syunik".to_owned()));
    h.run();
    assert!(
        label_selection(&h),
        "the article's words are still selected"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.event(egui::Event::Copy);
    h.step();
    let got = copied(&h);
    assert_eq!(got, vec!["Syunik".to_owned()], "the clipboard got {got:?}");
}

#[test]
fn the_restore_dialog_says_what_each_recovered_file_changes() {
    use aras::model::edit::store::Recovery;
    let dir = tempfile::tempdir().expect("dir");
    let saved = r#"{"links": [{"id": "a", "elements": ["x"]},
        {"id": "b", "elements": ["y"], "selector": {"exact": "moved troops to the border"}}]}"#;
    std::fs::write(dir.path().join("links.json"), saved).expect("write");
    std::fs::write(dir.path().join("article.txt"), "Twelve chars").expect("write");
    let recovered =
        r#"{"links": [{"id": "a", "elements": ["x", "z"]}, {"id": "c", "elements": []}]}"#;
    let features = r#"{"type": "FeatureCollection", "features": []}"#;
    std::fs::write(dir.path().join("map.geojson"), features).expect("write");
    let map = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"id": "qq", "name": "Qqwxv Hamlet"}, "geometry": null}]}"#;
    let rec = Recovery {
        files: [
            ("links.json".to_owned(), recovered.to_owned()),
            (
                "article.txt".to_owned(),
                "Twelve chars, and more".to_owned(),
            ),
            ("events.json".to_owned(), r#"{"events": []}"#.to_owned()),
            ("map.geojson".to_owned(), map.to_owned()),
        ]
        .into_iter()
        .collect(),
        removed: Vec::new(),
        written: std::time::SystemTime::now(),
    };
    assert_eq!(
        rec.changes(dir.path()),
        vec![
            "article.txt: 10 characters added".to_owned(),
            "events.json: a new file".to_owned(),
            "links.json: 1 item changed, 1 item added, 1 item removed (a, c, ‘moved troops to the border’)"
                .to_owned(),
            "map.geojson: 1 item added (Qqwxv Hamlet)".to_owned(),
        ]
    );
}

/// An author harness with "Link to…" open on "moved troops", searching for a name
/// nothing has.
fn link_to_unknown() -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, aras::app::ArasApp>,
) {
    let dir = common::edit::minimal();
    let mut h = common::edit::author_harness(dir.path(), 1400.0, 900.0);
    let (from, to) = common::edit::text_span(&h, "moved troops");
    drag(&mut h, from, to);
    common::edit::click(&mut h, "Link to…");
    // The search starts as the selected words, all selected: typing replaces them.
    h.event(egui::Event::Text("Qqwxv Hamlet".to_owned()));
    h.run();
    (dir, h)
}

#[test]
fn a_place_nothing_is_called_is_drawn_on_the_map_with_its_name_and_words() {
    let (_dir, mut h) = link_to_unknown();
    common::edit::click(&mut h, "as a place (click the map)");
    let c = h.state().map_rect().expect("map").center();
    click_at(&mut h, c);
    assert_form_named_for_the_words(&h);
}

/// The form that opened is named as typed in "Link to…", for the words selected.
fn assert_form_named_for_the_words(h: &egui_kittest::Harness<'static, aras::app::ArasApp>) {
    let value = |label: &str| h.get_by_label(label).value().unwrap_or_default();
    assert_eq!(value("Name"), "Qqwxv Hamlet");
    assert_eq!(
        value("Passage to link (optional: words of the article)"),
        "moved troops"
    );
}

#[test]
fn link_to_offers_to_add_what_nothing_is_called_for_the_same_words() {
    let (_dir, mut h) = link_to_unknown();
    assert!(
        h.query_by_label_contains("Nothing is called “Qqwxv Hamlet”")
            .is_some()
    );
    common::edit::click(&mut h, "as an actor…");
    assert_form_named_for_the_words(&h);
}

#[test]
fn no_country_name_is_set_over_another_country_at_any_window_size() {
    use aras::model::{AtlasSource, Kind};
    use aras::ui::map::ScreenTransform;
    let source = AtlasSource::Embedded;
    let mut wrong = Vec::new();
    for size in [(640.0, 480.0), (1024.0, 700.0), (1400.0, 900.0)] {
        for select in [None, Some("nagorno-karabakh"), Some("iran")] {
            let req = aras::layout::LayoutRequest {
                size,
                select: select.map(str::to_owned),
                ..Default::default()
            };
            let (l, tf) = aras::layout::layout_with(&source, &req, |app| {
                let rect = app.map_rect().expect("map");
                let view = app.map_panel().and_then(|m| m.drawn_view()).expect("view");
                ScreenTransform { rect, view }
            })
            .expect("layout");
            let atlas = aras::model::Atlas::embedded().expect("atlas");
            for item in l.items.iter().filter(|i| i.kind == "label") {
                let Some(el) = atlas.by_key(&item.id).and_then(|id| atlas.element(id)) else {
                    continue;
                };
                // Countries' names: a region's may stand beside it, with its leader,
                // when nothing nearer is free; a lake's, over its shore.
                if el.kind != Kind::Country || el.context {
                    continue;
                }
                let own = |c: aras::model::ElementId| {
                    c == el.id
                        || el.part_of == Some(c)
                        || atlas
                            .element(el.part_of.unwrap_or(el.id))
                            .and_then(|p| p.part_of)
                            == Some(c)
                };
                let others: Vec<&str> = atlas
                    .countries_at(tf.to_world(item.rect.center()))
                    .into_iter()
                    .filter(|c| !own(*c))
                    .map(|c| atlas.name(c))
                    .collect();
                if !others.is_empty() {
                    wrong.push(format!(
                        "{size:?} {select:?}: “{}” over {others:?}",
                        item.text
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn tab_from_the_skip_link_visits_every_control_of_the_top_bar() {
    use egui::accesskit::Role;
    for (w, hh) in [(640.0, 480.0), (1400.0, 900.0)] {
        let mut h = harness_sized(w, hh);
        // The top bar's buttons, as a screen reader lists them.
        let top = h.state().map_rect().expect("map").top();
        let bar: Vec<String> = h
            .query_all_by_role(Role::Button)
            .filter(|n| n.rect().bottom() <= top)
            .map(|n| text_of(&n))
            .collect();
        assert!(bar.contains(&"Reader".to_owned()), "{bar:?}");
        let mut seen = Vec::new();
        for _ in 0..12 {
            h.key_press(egui::Key::Tab);
            h.run();
            if let Some((label, _)) = focused(&h) {
                seen.push(label);
            }
        }
        for b in &bar {
            assert!(seen.contains(b), "{w}: Tab skips “{b}”: {seen:?}");
        }
        assert_eq!(seen[..3], ["Skip to map (F6)", "Reader", "Details"], "{w}");
    }
}

#[test]
fn f6_after_a_click_rings_where_it_goes() {
    let mut h = harness();
    // A mouse user clicks Iran on the map (no ring after a click)…
    click_geo(&mut h, 47.0, 37.2);
    assert_eq!(selected(&h).as_deref(), Some("iran"));
    // …then turns to the keyboard: F6 goes map → search → the first "Copy citation".
    let colour = aras::ui::style::focus::ring_colour(h.ctx.global_style().visuals.dark_mode);
    for _ in 0..3 {
        h.key_press(egui::Key::F6);
        h.run();
        let (label, rect) = focused(&h).expect("a focused widget");
        let ringed = h.output().shapes.iter().any(|c| match &c.shape {
            egui::Shape::Rect(r) => r.stroke.color == colour && r.rect.contains_rect(rect),
            _ => false,
        });
        // (The map draws its own ring round the focused element, not round itself.)
        let on_map = h.state().map_rect().is_some_and(|m| m.contains_rect(rect));
        assert!(ringed || on_map, "no ring round “{label}” after F6");
    }
}

#[test]
fn save_is_not_offered_while_link_to_is_open_and_nothing_changed() {
    use egui::accesskit::Role;
    let (_dir, h) = link_to_unknown();
    assert!(h.query_by_label("All changes saved").is_some());
    let save = h.get_by_role_and_label(Role::Button, "Save");
    assert!(
        save.accesskit_node().is_disabled(),
        "Save is enabled with nothing to save"
    );
}

#[test]
fn a_search_found_in_the_atlas_notes_says_so() {
    let mut h = harness();
    h.get_by_label("Search").focus();
    h.run();
    h.event(egui::Event::Text("Goris-Kapan road".to_owned()));
    h.run();
    assert!(
        h.query_by_label_contains("No name matches; the atlas's notes on these mention it")
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("Iranian truck drivers’ route  ·")
            .next()
            .is_some()
    );
}

#[test]
fn ctrl_c_copies_the_articles_words_after_a_click_on_the_map() {
    let mut h = harness();
    // The map keeps the keyboard after a click on it…
    click_geo(&mut h, 47.0, 37.2);
    // …and words of the article are then selected with the mouse and copied.
    let r = h.state().mention_rects("iran")[0];
    drag(
        &mut h,
        r.left_center() + egui::vec2(1.0, 0.0),
        r.right_center() - egui::vec2(1.0, 0.0),
    );
    h.run();
    h.event(egui::Event::Copy);
    h.step();
    let got = copied(&h);
    assert!(
        got.iter().any(|t| t.contains("Iran")),
        "the clipboard got {got:?}"
    );
}
