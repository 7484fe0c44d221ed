//! The window, driven by label and by pointer with egui_kittest (no GPU). Every test
//! asserts what a user would see: the selection, a quote in the panel, a layer gone.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use aras::state::Persisted;
use common::app::*;
use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[test]
fn before_a_selection_the_panel_says_what_to_do_and_gives_the_standfirst() {
    let h = harness();
    h.get_by_label("Click a country, region, corridor or person");
    assert!(side_panel_shows(
        &h,
        "As diplomats from Iran and Azerbaijan work to defuse tensions"
    ));
}

#[test]
fn clicking_armenia_shows_a_verbatim_armenia_passage() {
    let mut h = harness();
    h.get_by_role_and_label(Role::Button, "Armenia").click();
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("armenia"));
    // Verbatim, with the article's typography, in quotation marks, in the side panel.
    assert!(side_panel_shows(
        &h,
        "“While Armenia opposes the creation of this corridor, the project has inspired Turkey’s recent efforts to de-escalate tensions with Yerevan.”"
    ));
    assert!(
        h.query_all_by_label_contains("¶6 · Integration Efforts")
            .count()
            >= 1
    );
    h.get_by_label_contains("SUMMARY (ours, not the article’s words)");
}

#[test]
fn a_claim_shows_who_makes_it_and_who_denies_it() {
    // Israel is drawn once, as its polygon (issue 9, item 15); start with it selected.
    let mut init = AppInit::embedded();
    init.select = init.atlas.as_ref().ok().and_then(|a| a.by_key("israel"));
    let mut h = harness_with(init);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("israel"));
    h.get_by_label("Claimed by Iran");
    h.get_by_label("Denied by Azerbaijan");
}

#[test]
fn pointer_clicks_on_cities_select_their_country_before_and_after_zoom_and_pan() {
    let mut h = harness();
    // With places, people, routes and off-map actors hidden, a click at a city's
    // position hits the land it stands on.
    for layer in [
        "Places",
        "People and organisations",
        "Corridors and routes",
        "Off-map actors",
        "Labels",
    ] {
        uncheck(&mut h, layer);
    }
    let cities = [
        ((44.5126, 40.17765), "armenia"),
        ((49.89201, 40.37767), "azerbaijan"),
        ((46.2919, 38.08), "iran"),
        ((45.41222, 39.20889), "nakhchivan"),
    ];
    for ((lon, lat), want) in cities {
        click_geo(&mut h, lon, lat);
        assert_eq!(selected(&h).as_deref(), Some(want), "click at {lon},{lat}");
    }
    // Zoom in at a point and pan by dragging; the same clicks still hit the same land.
    let centre = h.state().map_rect().expect("rect").center();
    let home = h.state().view().expect("view");
    h.event(Event::PointerMoved(centre));
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, 40.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    let before = h.state().view().expect("view");
    assert!(before.zoom > home.zoom * 1.1, "scrolling zooms in");
    let start = centre + vec2(10.0, 10.0);
    h.event(Event::PointerMoved(start));
    h.event(Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    for i in 1..=6 {
        h.event(Event::PointerMoved(
            start + vec2(-10.0 * i as f32, 5.0 * i as f32),
        ));
        h.step();
    }
    let end = start + vec2(-60.0, 30.0);
    h.event(Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let after = h.state().view().expect("view");
    assert_ne!(after.center, before.center, "drag pans the map");
    for ((lon, lat), want) in cities {
        click_geo(&mut h, lon, lat);
        assert_eq!(
            selected(&h).as_deref(),
            Some(want),
            "after zoom: click at {lon},{lat}"
        );
    }
}

#[test]
fn a_click_on_the_open_caspian_selects_no_country() {
    let mut h = harness();
    click_geo(&mut h, 50.8, 41.2);
    let sel = selected(&h);
    assert!(
        sel.is_none() || sel.as_deref() == Some("caspian-sea"),
        "{sel:?}"
    );
    assert_eq!(sel.as_deref(), Some("caspian-sea"));
}

#[test]
fn toggling_the_zangezur_corridor_off_hides_it_and_it_can_no_longer_be_clicked() {
    let mut h = harness();
    // A point on the corridor's line, between Ordubad and Meghri.
    let (lon, lat) = ((46.02274 + 46.24308) / 2.0, (38.90961 + 38.90123) / 2.0);
    uncheck(&mut h, "Places");
    click_geo(&mut h, lon, lat);
    assert_eq!(selected(&h).as_deref(), Some("zangezur-corridor"));
    assert!(
        h.query_by_role_and_label(Role::Button, "Zangezur Corridor")
            .is_some()
    );

    uncheck(&mut h, "Zangezur Corridor");
    assert!(
        h.query_by_role_and_label(Role::Button, "Zangezur Corridor")
            .is_none()
    );
    assert_eq!(selected(&h), None, "a hidden selection is dropped");
    click_geo(&mut h, lon, lat);
    assert_ne!(selected(&h).as_deref(), Some("zangezur-corridor"));
}

#[test]
fn escape_clears_the_selection() {
    let mut h = harness();
    h.get_by_role_and_label(Role::Button, "Georgia")
        .click_accesskit();
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("georgia"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(selected(&h), None);
    h.get_by_label("Click a country, region, corridor or person");
}

#[test]
fn a_related_chip_selects_its_element() {
    let mut h = harness();
    h.get_by_role_and_label(Role::Button, "Zangezur Corridor")
        .click_accesskit();
    h.run();
    let map_right = h.state().map_rect().expect("rect").right();
    let chip = h
        .get_all_by_role_and_label(Role::Button, "Syunik Province")
        .find(|n| n.rect().left() > map_right)
        .expect("a Syunik chip in the side panel");
    chip.click();
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("syunik"));
    assert!(side_panel_shows(&h, "via Armenia’s Syunik province"));
}

#[test]
fn tab_and_arrows_step_through_elements_in_reading_order() {
    let mut h = harness();
    // Focus the map by clicking empty sea far from land.
    h.get_by_role_and_label(Role::Button, "Iran")
        .click_accesskit();
    h.run();
    let order = aras::app::reading_order(h.state().atlas().expect("atlas"));
    let first = h
        .state()
        .atlas()
        .expect("atlas")
        .element(order[0])
        .expect("el")
        .key
        .clone();
    assert_eq!(first, "iran", "the title names Iran first");
    click_geo(&mut h, 44.5, 40.6); // Armenia; focuses the map
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let after_arrow = selected(&h);
    assert_ne!(after_arrow.as_deref(), Some("armenia"));
    h.key_press(egui::Key::Tab);
    h.run();
    assert_ne!(selected(&h), after_arrow);
}

#[test]
fn works_at_two_pixels_per_point() {
    let mut h = Harness::builder()
        .with_size(vec2(1200.0, 800.0))
        .with_pixels_per_point(2.0)
        .with_max_steps(12)
        .build_eframe(|cc| ArasApp::new(cc, AppInit::embedded()));
    h.run();
    h.get_by_role_and_label(Role::Button, "Azerbaijan").click();
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("azerbaijan"));
    click_geo(&mut h, 44.0, 40.6);
    assert_eq!(selected(&h).as_deref(), Some("armenia"));
}

/// An in-memory eframe storage.
#[derive(Default)]
struct Memory(std::collections::HashMap<String, String>);
impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn layers_theme_and_view_survive_a_save_and_a_restore() {
    let mut init = AppInit::embedded();
    init.ephemeral = false;
    let mut h = harness_with(init);
    uncheck(&mut h, "Places");
    uncheck(&mut h, "Turkish Airlines flights to Baku");
    h.get_by_label("Dark theme").click();
    h.run();
    h.get_by_label("+").click();
    h.run();
    let mut storage = Memory::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let saved: Persisted = eframe::get_value(&storage, eframe::APP_KEY).expect("saved state");
    assert!(saved.dark);
    assert!(saved.view.is_some());

    let mut init = AppInit::embedded();
    init.restore = Some(saved.clone());
    let h2 = harness_with(init);
    assert_eq!(h2.state().persisted, saved);
    // What the user sees: the theme button offers light again, the layers stay off.
    h2.get_by_label("Light theme");
    assert!(
        h2.query_by_role_and_label(Role::Button, "Baku").is_none(),
        "places stay hidden"
    );
    assert!(
        h2.query_by_role_and_label(Role::Button, "Turkish Airlines flights to Baku")
            .is_none()
    );
    assert!(
        h2.query_by_role_and_label(Role::Button, "Zangezur Corridor")
            .is_some()
    );
}

#[test]
fn every_broken_atlas_opens_on_an_error_screen_naming_file_and_reason() {
    let mut seen = 0;
    for (name, bad_file) in common::bad_cases() {
        let dir = common::bad_atlas(&name);
        let h = harness_with(error_init(dir.path()));
        h.get_by_label("Aras could not open this atlas");
        assert!(h.query_all_by_label(&bad_file).count() >= 1, "{name}");
        seen += 1;
    }
    assert!(seen >= 18);
}

#[test]
fn the_error_screen_names_the_item_and_the_closest_passage() {
    let dir = common::bad_atlas("anchor-not-found");
    let h = harness_with(error_init(dir.path()));
    h.get_by_label("links.json");
    h.get_by_label("borders");
    h.get_by_label_contains(
        "quote not found in the article: “Alpha borders Gamma.”; closest passage: “Alpha borders Beta.”",
    );
}

/// The app started on the atlas in `dir`, as `aras --atlas DIR` would.
fn error_init(dir: &std::path::Path) -> AppInit {
    let source = aras::model::AtlasSource::Dir(dir.to_path_buf());
    AppInit {
        atlas: aras::model::load(&source),
        source,
        ..AppInit::embedded()
    }
}

#[test]
fn hovering_an_element_shows_its_name_kind_and_passages() {
    let mut h = harness();
    uncheck(&mut h, "Places");
    let p = h.state().screen_pos(44.0, 40.6).expect("pos");
    h.event(Event::PointerMoved(p));
    h.run();
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    let n = atlas
        .links_of(atlas.by_key("armenia").expect("armenia"))
        .len();
    h.get_by_label(&format!("{n} passages"));
    h.get_by_label("country");
}

#[test]
fn copy_citation_copies_the_quote_and_the_citation() {
    let mut h = harness();
    h.get_by_role_and_label(Role::Button, "Nagorno-Karabakh")
        .click_accesskit();
    h.run();
    h.get_all_by_label("Copy citation")
        .next()
        .expect("button")
        .click();
    h.run();
    let copied = h.state().last_copied.clone().expect("copied");
    assert!(
        copied.starts_with("“Azerbaijani officials periodically perceive Iran"),
        "{copied}"
    );
    assert!(copied.contains("¶2"), "{copied}");
    assert!(
        copied.ends_with("RUSI Commentary, October 2021."),
        "{copied}"
    );
}
