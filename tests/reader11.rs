//! What a teacher and their students met in the reader (trial 11): a copied link that
//! opened differently on another machine, a search that said nothing, a faint keyboard
//! focus, a date that dropped the selection, and notes too small to read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use aras::model::Atlas;
use aras::state::{Group, Persisted};
use aras::ui::style::{contrast_ratio, focus, over};
use clap::Parser;
use common::app::*;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A saved state unlike the defaults: relations on, a map date and a scenario.
fn teachers_saved_state(atlas: &Atlas) -> Persisted {
    let mut p = Persisted::default();
    p.layers.set_group(Group::Relations, true);
    p.layers.date = Some(aras::model::timeline::days_from_civil(2019, 6, 1));
    p.scenario = atlas.scenarios.first().map(|s| s.key.clone());
    p
}

/// Opens a copied link as `aras` would, over someone else's saved state.
fn open_link(link: &str, saved: Persisted) -> Harness<'static, ArasApp> {
    let cli = aras::cli::Cli::try_parse_from(link.split_whitespace()).expect("the link parses");
    let atlas = Atlas::embedded().expect("atlas");
    let (select, layers) =
        aras::app::link_args(&atlas, cli.select.as_deref(), &cli.layer_args()).expect("checked");
    let mut init = AppInit::embedded();
    init.select = select;
    init.layers = layers;
    init.restore = Some(saved);
    harness_with(init)
}

fn copy_link(h: &mut Harness<'static, ArasApp>) -> String {
    h.get_by_label("Copy link").click();
    h.run();
    h.state().last_copied.clone().expect("a link was copied")
}

#[test]
fn a_copied_link_opens_the_same_view_over_anyone_s_saved_state() {
    let atlas = Atlas::embedded().expect("atlas");
    // The student: defaults (relations off), the corridor selected.
    let mut student = harness();
    select_named(&mut student, "Zangezur Corridor");
    let link = copy_link(&mut student);
    assert!(
        link.starts_with("aras --select zangezur-corridor"),
        "{link}"
    );
    // The teacher's saved state has relations on, a 2019 date and a scenario.
    let teacher = open_link(&link, teachers_saved_state(&atlas));
    assert_eq!(selected(&teacher).as_deref(), Some("zangezur-corridor"));
    let (shown, opened) = (&student.state().persisted, &teacher.state().persisted);
    assert_eq!(opened.layers, shown.layers, "{link}");
    assert!(!opened.layers.group_visible(Group::Relations), "{link}");
    assert_eq!(
        opened.scenario, None,
        "a saved scenario dims the map: {link}"
    );

    // And the other way: a date and relations shown travel too.
    let mut init = AppInit::embedded();
    init.restore = Some(teachers_saved_state(&atlas));
    init.select = atlas.by_key("nakhchivan");
    init.layers = None;
    let mut teacher = harness_with(init);
    let link = copy_link(&mut teacher);
    assert!(
        link.contains("--show relations") && link.contains("--date 2019-06-01"),
        "{link}"
    );
    let student = open_link(&link, Persisted::default());
    assert_eq!(
        student.state().persisted.layers,
        teacher.state().persisted.layers
    );
}

#[test]
fn the_readme_says_how_to_put_aras_on_the_path_where_it_introduces_links() {
    let readme = include_str!("../README.md");
    let at = readme.find("**Copy link**").expect("the link section");
    let section = &readme[at..at + 1200.min(readme.len() - at)];
    assert!(section.contains("cargo install --path ."), "{section}");
    assert!(section.contains("--hide relations"), "{section}");
}

fn type_search(h: &mut Harness<'static, ArasApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(Event::Text(text.to_owned()));
    h.run();
}

#[test]
fn a_search_that_finds_nothing_says_so() {
    let mut h = harness();
    type_search(&mut h, "xyzzy");
    assert!(
        h.query_by_label("Nothing on the map or in the article matches “xyzzy”")
            .is_some(),
        "no answer to a search that finds nothing"
    );
    assert!(h.query_by_label_contains("letters").is_none());
}

#[test]
fn a_search_in_a_script_no_name_uses_says_which_script_the_names_use() {
    for (query, script) in [
        ("Սյունիք", "Armenian"),
        ("თბილისი", "Georgian"),
        ("Баку", "Cyrillic"),
    ] {
        let mut h = harness();
        type_search(&mut h, query);
        assert!(
            h.query_by_label(&format!(
                "Nothing on the map or in the article matches “{query}”"
            ))
            .is_some()
        );
        let hint = h
            .query_by_label_contains("written in Latin letters")
            .map(|n| text_of(&n))
            .unwrap_or_default();
        assert!(hint.contains(&format!("not {script}")), "{query}: {hint:?}");
    }
}

#[test]
fn the_city_is_found_by_every_spelling_of_the_region_it_is_named_after() {
    for spelling in ["Nakhichevan", "Naxçıvan", "Nakhjavan", "Nakhchivan"] {
        let mut h = harness();
        type_search(&mut h, spelling);
        let (elements, _) = h.state().search_results();
        assert!(
            elements.iter().any(|e| e == "nakhchivan-city"),
            "{spelling}: {elements:?}"
        );
        assert_eq!(elements.first().map(String::as_str), Some("nakhchivan"));
    }
    // Not by the region's longer names.
    let mut h = harness();
    type_search(&mut h, "Autonomous Republic");
    let (elements, _) = h.state().search_results();
    assert!(
        !elements.iter().any(|e| e == "nakhchivan-city"),
        "{elements:?}"
    );
}

#[test]
fn the_focus_ring_reaches_3_to_1_on_every_background_in_both_themes() {
    let mut fails = Vec::new();
    for dark in [false, true] {
        let v = aras::ui::style::visuals(dark);
        let ring = focus::ring_colour(dark);
        for (name, bg) in [
            ("panel", v.panel_fill),
            ("window", v.window_fill),
            ("faint", over(v.faint_bg_color, v.panel_fill)),
            ("extreme", v.extreme_bg_color),
            ("button", v.widgets.inactive.weak_bg_fill),
            ("pressed button", v.widgets.active.weak_bg_fill),
        ] {
            let r = contrast_ratio(ring, bg);
            if r < 3.0 {
                fails.push(format!("dark {dark}: ring on {name}: {r:.2}:1"));
            }
        }
    }
    assert!(fails.is_empty(), "{fails:#?}");
}

/// Whether the frame drew a rectangle outline in the ring's colour round `rect`.
fn ring_round(h: &Harness<'static, ArasApp>, rect: egui::Rect, dark: bool) -> bool {
    let colour = focus::ring_colour(dark);
    h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Rect(r) => {
            r.stroke.color == colour
                && r.stroke.width >= focus::RING_WIDTH
                && r.rect.contains_rect(rect)
        }
        _ => false,
    })
}

#[test]
fn the_focused_button_has_a_clear_ring_in_both_themes() {
    for dark in [false, true] {
        let mut init = AppInit::embedded();
        init.restore = Some(Persisted {
            dark,
            ..Persisted::default()
        });
        let mut h = harness_themed(init, 640.0, 480.0, dark);
        // Tab to the first stop (the skip link), then on to the next buttons.
        for _ in 0..3 {
            h.key_press(Key::Tab);
            h.run();
            let focused = h.query_by(|n| n.is_focused()).expect("a focused widget");
            let rect = focused.rect();
            let label = text_of(&focused);
            assert!(
                ring_round(&h, rect, dark),
                "dark {dark}: no ring round {label:?} at {rect:?}"
            );
        }
        // A mouse click shows no ring.
        let copy = h.get_by_label("Copy link").rect().center();
        click_at(&mut h, copy);
        assert!(!ring_round(&h, h.get_by_label("Copy link").rect(), dark));
    }
}

/// A harness in a theme (kittest sets its own theme, dark unless told).
fn harness_themed(init: AppInit, w: f32, h: f32, dark: bool) -> Harness<'static, ArasApp> {
    let theme = if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(w, h))
        .with_theme(theme)
        .with_max_steps(60)
        .build_eframe(|cc| ArasApp::new(cc, init));
    harness.run();
    harness
}

#[test]
fn from_the_map_f6_twice_reaches_copy_citation_as_the_readme_says() {
    let readme = include_str!("../README.md");
    let at = readme.find("- **Keyboard**").expect("the keyboard section");
    let end = readme[at..]
        .find("\n- **Side panel**")
        .map_or(readme.len(), |e| at + e);
    let section = &readme[at..end];
    assert!(
        section.contains("press F6 twice") && section.contains("\"Copy citation\""),
        "{section}"
    );
    for (w, hgt) in [(1024.0, 700.0), (640.0, 480.0), (1400.0, 900.0)] {
        let mut h = harness_sized(w, hgt);
        skip_to_map(&mut h);
        // Tab on the map selects the first element; the side panel shows its passages.
        h.key_press(Key::Tab);
        h.run();
        assert!(selected(&h).is_some());
        h.key_press(Key::F6);
        h.run();
        assert_eq!(focused_label(&h).as_deref(), Some("Search"), "{w}x{hgt}");
        h.key_press(Key::F6);
        h.run();
        assert_eq!(
            focused_label(&h).as_deref(),
            Some("Copy citation"),
            "{w}x{hgt}"
        );
        h.key_press(Key::Enter);
        h.run();
        let copied = h.state().last_copied.clone().unwrap_or_default();
        assert!(copied.contains("RUSI"), "{w}x{hgt}: {copied:?}");
        h.key_press(Key::F6);
        h.run();
        assert!(
            h.state().map_rect().is_some_and(|m| h
                .query_by(|n| n.is_focused())
                .is_some_and(|n| m.contains(n.rect().center()))),
            "{w}x{hgt}: F6 did not return to the map"
        );
    }
}

#[test]
fn a_date_before_the_corridor_keeps_it_selected_and_says_why() {
    let mut h = harness();
    select_named(&mut h, "Zangezur Corridor");
    type_date(&mut h, "2019-06-01");
    assert_eq!(selected(&h).as_deref(), Some("zangezur-corridor"));
    assert!(
        side_panel_shows(&h, "Not yet proposed on 1 June 2019"),
        "the side panel does not say why the corridor is not on the map"
    );
    h.get_by_role_and_label(Role::Button, "Latest").click();
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("zangezur-corridor"));
    assert!(!side_panel_shows(&h, "Not yet proposed"));
    // A layer switched off still drops it (hidden things cannot be hit).
    uncheck(&mut h, "Corridors and routes");
    assert_eq!(selected(&h), None);
}

/// Every text painted in the side panels and the top bar, with its size (the map and
/// the timeline below it are others' work: their labels are not checked here).
fn panel_texts(h: &Harness<'static, ArasApp>) -> Vec<(String, f32)> {
    let map = h.state().map_rect().expect("map");
    let mut out = Vec::new();
    for c in &h.output().shapes {
        if let egui::Shape::Text(t) = &c.shape {
            let r = t.visual_bounding_rect();
            if map.contains_rect(r) || r.top() >= map.bottom() {
                continue;
            }
            for s in &t.galley.job.sections {
                let text = t
                    .galley
                    .job
                    .text
                    .get(s.byte_range.start.0..s.byte_range.end.0)
                    .unwrap_or("");
                if text.trim().is_empty() {
                    continue;
                }
                out.push((text.to_owned(), s.format.font_id.size));
            }
        }
    }
    out
}

#[test]
fn no_reading_text_in_the_panels_is_under_the_minimum_size() {
    let mut h = harness_sized(1400.0, 900.0);
    for name in ["Zangezur Corridor", "Recaptured 2020"] {
        if h.query_by_role_and_label(Role::Button, name).is_none() {
            continue;
        }
        select_named(&mut h, name);
        let small: Vec<(String, f32)> = panel_texts(&h)
            .into_iter()
            .filter(|(_, size)| *size < focus::MIN_TEXT_SIZE)
            .collect();
        assert!(small.is_empty(), "{name}: {small:#?}");
        assert!(side_panel_shows(&h, "Geometry:"), "{name}");
    }
    // The layers tab and its legend.
    h.get_by_label("Layers and legend").click();
    h.run();
    let small: Vec<(String, f32)> = panel_texts(&h)
        .into_iter()
        .filter(|(_, size)| *size < focus::MIN_TEXT_SIZE)
        .collect();
    assert!(small.is_empty(), "layers: {small:#?}");
}
