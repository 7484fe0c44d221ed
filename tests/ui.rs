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
use egui::{Event, Modifiers, vec2};
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
    // Iran's accusation, and Iranian officials' opposition to Israel–Azerbaijan security
    // cooperation.
    assert!(h.query_all_by_label("Claimed by Iran").count() >= 1);
    h.get_by_label("Denied by Azerbaijan");
}

#[test]
fn pointer_clicks_on_cities_select_their_country_before_and_after_zoom_and_pan() {
    let mut h = harness();
    // With places, people, routes and off-map actors hidden, a click at a city's
    // position hits the land it stands on.
    hide_all_but_land(&mut h);
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
    wheel_at(&mut h, centre, 40.0);
    let before = h.state().view().expect("view");
    assert!(before.zoom > home.zoom * 1.1, "scrolling zooms in");
    let start = centre + vec2(10.0, 10.0);
    drag(&mut h, start, start + vec2(-60.0, 30.0));
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
    select_named(&mut h, "Georgia");
    assert_eq!(selected(&h).as_deref(), Some("georgia"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(selected(&h), None);
    h.get_by_label("Click a country, region, corridor or person");
}

#[test]
fn a_related_chip_selects_its_element() {
    let mut h = harness();
    select_named(&mut h, "Zangezur Corridor");
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
    select_named(&mut h, "Iran");
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
fn enter_on_the_map_keeps_the_element_the_keyboard_selected() {
    let mut h = harness();
    click_geo(&mut h, 44.5, 40.6); // Armenia; focuses the map
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let chosen = selected(&h);
    assert!(chosen.is_some());
    for key in [egui::Key::Enter, egui::Key::Space] {
        h.key_press(key);
        h.run();
        assert_eq!(selected(&h), chosen, "{key:?} changed the selection");
    }
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
    // A point of Armenia clear of every label and chip (a click on a label selects
    // what it names: "Iran's duty-free trade through Armenia" lies over 44.0°E 40.6°N
    // at this size).
    let items = h.state().map_panel().expect("map").layout_items();
    let (lon, lat) = [
        (44.0, 40.6),
        (43.8, 40.5),
        (45.4, 40.9),
        (44.3, 40.15),
        (45.1, 40.0),
        (44.8, 40.8),
        (43.9, 41.0),
        (46.2, 39.6),
        (44.6, 39.9),
    ]
    .into_iter()
    .find(|&(lon, lat)| {
        let p = h.state().screen_pos(lon, lat).expect("on the map");
        !items.iter().any(|i| i.rect.expand(10.0).contains(p))
    })
    .expect("a point of Armenia clear of labels");
    click_geo(&mut h, lon, lat);
    assert_eq!(
        selected(&h).as_deref(),
        Some("armenia"),
        "at {lon}°E {lat}°N"
    );
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
    select_named(&mut h, "Nagorno-Karabakh");
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

// --- The real window's shell: clipboard, sizes, hover, selection origins, keyboard ---

#[test]
fn copy_link_confirms_briefly_then_the_window_goes_idle() {
    let mut h = harness();
    select_named(&mut h, "Armenia");
    h.get_by_label("Copy link").click();
    step_until(&mut h, "Link copied");
    let link = h.state().last_copied.clone().expect("copied");
    assert!(link.contains("--select armenia"), "{link}");
    h.get_by_label("Link copied");
    // It fades out within a few seconds (steps are 1/4 s) and nothing repaints after.
    h.run_steps(12);
    assert!(h.query_by_label("Link copied").is_none(), "still shown");
    h.run();
}

#[test]
fn copy_citation_says_citation_copied() {
    let mut h = harness();
    select_named(&mut h, "Nagorno-Karabakh");
    h.get_all_by_label("Copy citation")
        .next()
        .expect("button")
        .click();
    step_until(&mut h, "Citation copied");
}

/// Steps frames (a quarter second each) until a label appears; fails after a second.
fn step_until(h: &mut Harness<'static, ArasApp>, label: &str) {
    for _ in 0..4 {
        h.step();
        if h.query_by_label(label).is_some() {
            return;
        }
    }
    panic!("`{label}` never appeared");
}

/// The rectangles of the controls of the top bar (above the map).
fn top_bar_controls(h: &Harness<'static, ArasApp>) -> Vec<(String, egui::Rect)> {
    let top = h.state().map_rect().expect("map").top();
    let mut out = Vec::new();
    for role in [Role::Button, Role::TextInput, Role::Label] {
        for n in h.get_all_by_role(role) {
            let r = n.rect();
            if r.bottom() <= top + 1.0 && r.width() > 0.0 {
                out.push((text_of(&n), r));
            }
        }
    }
    out
}

#[test]
fn at_every_size_the_map_keeps_half_the_window_and_no_control_is_covered() {
    for (w, hh) in [
        (640.0, 480.0),
        (860.0, 640.0),
        (1024.0, 700.0),
        (1400.0, 900.0),
        (1920.0, 1080.0),
    ] {
        let h = harness_sized(w, hh);
        let map = h.state().map_rect().expect("map");
        assert!(map.width() >= w / 2.0, "{w}x{hh}: map {map:?}");
        assert!(map.height() >= hh / 2.0, "{w}x{hh}: map {map:?}");
        let controls = top_bar_controls(&h);
        assert!(controls.len() >= 6, "{w}x{hh}: {controls:?}");
        for (i, (a, ra)) in controls.iter().enumerate() {
            assert!(
                ra.left() >= 0.0 && ra.right() <= w,
                "{w}x{hh}: `{a}` {ra:?} is cut by the window edge"
            );
            for (b, rb) in controls.iter().skip(i + 1) {
                // The skip link lies on "Aras" itself, by design.
                if a == "Aras" || b == "Aras" {
                    continue;
                }
                assert!(
                    !ra.shrink(1.0).intersects(rb.shrink(1.0)),
                    "{w}x{hh}: `{a}` {ra:?} overlaps `{b}` {rb:?}"
                );
            }
        }
        for name in ["Copy link", "Reset view", "Dark theme", "Search"] {
            assert!(
                controls.iter().any(|(l, _)| l == name),
                "{w}x{hh}: no `{name}` in {controls:?}"
            );
        }
    }
}

#[test]
fn a_narrow_window_shows_one_side_panel_at_a_time_with_switches() {
    let mut h = harness_sized(640.0, 480.0);
    // The details are shown; the reader is a drawer.
    assert!(h.query_by_label("Layers and legend").is_none());
    h.get_by_label("Reader").click();
    h.run();
    h.get_by_label("Layers and legend");
    let map = h.state().map_rect().expect("map");
    assert!(map.width() >= 320.0, "{map:?}");
    h.get_by_label("Details").click();
    h.run();
    assert!(h.query_by_label("Layers and legend").is_none());
    // The map keeps half the window's area; the timeline is a drawer, closed until asked.
    let map = h.state().map_rect().expect("map");
    assert!(map.area() >= 0.5 * 640.0 * 480.0, "{map:?}");
    let before = map.height();
    let top = map.top();
    let switch = |h: &mut Harness<'static, ArasApp>| {
        h.get_all_by_label("Timeline")
            .find(|n| n.rect().bottom() <= top)
            .expect("the Timeline switch")
            .click();
        h.run();
    };
    switch(&mut h);
    let opened = h.state().map_rect().expect("map").height();
    assert!(
        opened < before,
        "the timeline did not open: {opened} vs {before}"
    );
    switch(&mut h);
    assert_eq!(h.state().map_rect().expect("map").height(), before);
}

#[test]
fn panel_sizes_from_a_large_window_never_crowd_a_small_one() {
    let mut h = harness_sized(1920.0, 1080.0);
    // Drag the right panel's edge far to the left.
    let map = h.state().map_rect().expect("map");
    let edge = egui::pos2(map.right() + 1.0, map.center().y);
    drag(&mut h, edge, egui::pos2(700.0, map.center().y));
    let wide = h.state().map_rect().expect("map");
    assert!(
        wide.right() < map.right() - 100.0,
        "the drag widened the side panel: {wide:?}"
    );
    h.set_size(vec2(1024.0, 700.0));
    h.run();
    let map = h.state().map_rect().expect("map");
    assert!(map.width() >= 512.0, "{map:?}");
    h.set_size(vec2(640.0, 480.0));
    h.run();
    let map = h.state().map_rect().expect("map");
    assert!(map.width() >= 320.0 && map.height() >= 240.0, "{map:?}");
}

#[test]
fn a_new_selection_starts_the_side_panel_at_its_name() {
    let mut h = harness();
    select_named(&mut h, "Iran");
    // Scroll the side panel far down, through Iran's passages.
    let map = h.state().map_rect().expect("map");
    for _ in 0..8 {
        wheel_at(&mut h, egui::pos2(map.right() + 150.0, 500.0), -400.0);
    }
    let heading_gone = h
        .query_all_by_label("Iran")
        .filter(|n| n.rect().left() > map.right())
        .all(|n| n.rect().top() < map.top());
    assert!(heading_gone, "the panel scrolled");
    map_node(&h, "Armenia").click_accesskit();
    h.run();
    let heading = h
        .get_all_by_label("Armenia")
        .find(|n| n.rect().left() > map.right())
        .expect("Armenia in the side panel");
    assert!(
        heading.rect().top() >= map.top() && heading.rect().bottom() < map.center().y,
        "the name is at the top: {:?}",
        heading.rect()
    );
}

#[test]
fn with_a_scenario_on_the_selection_comes_before_the_scenario() {
    let init = AppInit {
        restore: Some(Persisted {
            scenario: Some("polarisation".to_owned()),
            ..Default::default()
        }),
        ..AppInit::embedded()
    };
    let mut h = harness_with(init);
    h.get_by_label_contains("Scenario: Polarisation");
    select_named(&mut h, "Armenia");
    let map = h.state().map_rect().expect("map");
    let name = h
        .get_all_by_label("Armenia")
        .find(|n| n.rect().left() > map.right())
        .expect("Armenia in the side panel")
        .rect();
    let scenario = h.get_by_label_contains("Scenario: Polarisation").rect();
    assert!(name.top() < scenario.top(), "{name:?} {scenario:?}");
    assert!(name.top() >= map.top(), "{name:?}");
}

#[test]
fn search_and_chips_bring_the_element_into_view() {
    let mut h = harness();
    // Zoom in and pan the Caucasus out of view to the right.
    let away = |h: &mut Harness<'static, ArasApp>| {
        for _ in 0..3 {
            h.get_by_label("+").click();
            h.run();
        }
        let c = h.state().map_rect().expect("map").center();
        drag(h, c, c + vec2(500.0, 0.0));
        drag(h, c, c + vec2(500.0, 0.0));
    };
    away(&mut h);
    assert!(!in_map(&h, 45.41, 39.21), "Nakhchivan is out of view");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(Event::Text("Nakhchivan".to_owned()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("nakhchivan"));
    assert!(
        in_map(&h, 45.41, 39.21),
        "search brought Nakhchivan into view"
    );
    // A chip in the side panel, with the map moved away again.
    map_node(&h, "Zangezur Corridor").click_accesskit();
    h.run();
    away(&mut h);
    assert!(!in_map(&h, 46.0, 39.2), "Syunik is out of view");
    let map_right = h.state().map_rect().expect("rect").right();
    h.get_all_by_role_and_label(Role::Button, "Syunik Province")
        .find(|n| n.rect().left() > map_right)
        .expect("a Syunik chip")
        .click();
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("syunik"));
    assert!(in_map(&h, 46.0, 39.2), "the chip brought Syunik into view");
}

#[test]
fn f6_and_the_first_tab_stop_take_the_keyboard_to_the_map() {
    let mut h = harness();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("Skip to map (F6)"));
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("Map"));
    // With the map focused, the arrows step through elements.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("iran"));
    h.key_press(egui::Key::F6);
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("Search"));
    // Then to the selection's first "Copy citation" (trial 11), then back to the map.
    h.key_press(egui::Key::F6);
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("Copy citation"));
    h.key_press(egui::Key::F6);
    h.run();
    // Back on the map, focus is announced on the element the keys are on (the map's
    // AccessKit active descendant).
    assert_eq!(focused_label(&h).as_deref(), Some("Iran"));
}

#[test]
fn every_tab_stop_is_announced_by_name() {
    let mut h = harness();
    let mut seen = Vec::new();
    for _ in 0..30 {
        h.key_press(egui::Key::Tab);
        h.run();
        let label = focused_label(&h).expect("something has focus");
        assert!(!label.trim().is_empty(), "unnamed stop after {seen:?}");
        seen.push(label);
    }
}

// --- The rest of issue 9 (shell): covered controls, Esc in search, passage cards ---

#[test]
fn the_focused_skip_link_covers_no_control() {
    for size in [(1024.0, 700.0), (640.0, 480.0), (1400.0, 900.0)] {
        let mut h = harness_sized(size.0, size.1);
        h.key_press(egui::Key::Tab);
        h.run();
        assert_eq!(focused_label(&h).as_deref(), Some("Skip to map (F6)"));
        let chip = painted_text_rect(&h, "Skip to map (F6, Enter)").expect("the chip is shown");
        let map = h.state().map_rect().expect("map");
        assert!(
            !chip.intersects(map),
            "at {size:?} the chip {chip:?} lies over the map {map:?}"
        );
        let covered: Vec<String> = h
            .query_all_by(|n| {
                matches!(
                    n.role(),
                    Role::Button | Role::TextInput | Role::CheckBox | Role::Slider
                )
            })
            .filter(|n| text_of(n) != "Skip to map (F6)" && n.rect().intersects(chip))
            .map(|n| text_of(&n))
            .collect();
        assert!(
            covered.is_empty(),
            "at {size:?} the chip covers {covered:?}"
        );
    }
}

#[test]
fn esc_in_search_clears_it_and_a_second_esc_returns_to_the_map() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("Baku");
    h.run();
    assert!(h.query_by_label("Elements").is_some(), "results are open");
    h.key_press(egui::Key::Escape);
    h.run();
    let search = h.get_by_role_and_label(Role::TextInput, "Search");
    assert_eq!(search.value().unwrap_or_default(), "", "Esc clears the box");
    assert!(
        h.query_by_label("Elements").is_none(),
        "Esc closes the results"
    );
    assert_eq!(focused_label(&h).as_deref(), Some("Search"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("Map"));
}

/// Every element's passages, stepping through them with the arrows on the map: calls
/// `check` with the element's key after each step.
fn for_each_element(
    h: &mut Harness<'static, ArasApp>,
    mut check: impl FnMut(&Harness<'static, ArasApp>, &str),
) {
    skip_to_map(h);
    let n = h.state().atlas().expect("atlas").elements.len();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..n {
        h.key_press(egui::Key::ArrowRight);
        h.run();
        let key = selected(h).expect("the arrow selects");
        if !seen.insert(key.clone()) {
            break;
        }
        check(h, &key);
    }
    assert!(
        seen.len() * 3 >= n,
        "stepped through only {} of {n}",
        seen.len()
    );
}

#[test]
fn each_paragraph_is_one_card_with_all_its_passages_marked() {
    let mut h = harness();
    let mut grouped = 0;
    for_each_element(&mut h, |h, key| {
        let map_right = h.state().map_rect().expect("map").right();
        let places: Vec<String> = h
            .query_all_by(|n| {
                // Labels, not the text runs inside them.
                let t = n.label().or_else(|| n.value()).unwrap_or_default();
                n.role() == Role::Label && t.starts_with('¶') && !t.contains('“')
            })
            .filter(|n| n.rect().left() > map_right)
            .map(|n| text_of(&n))
            .collect();
        let mut unique = places.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            places.len(),
            unique.len(),
            "{key}: a paragraph repeats: {places:?}"
        );
        let atlas = h.state().atlas().expect("atlas");
        let id = atlas.by_key(key).expect("id");
        let paragraphs: std::collections::HashSet<usize> = atlas
            .links_of(id)
            .iter()
            .filter_map(|l| atlas.link(*l))
            .map(|l| l.part)
            .collect();
        if paragraphs.len() < atlas.links_of(id).len() {
            grouped += 1;
        }
    });
    assert!(
        grouped > 3,
        "few elements have two passages in one paragraph"
    );
}

#[test]
fn the_side_panel_shows_the_articles_text_exactly() {
    let atlases = [AppInit::embedded(), {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/atlases/minimal");
        let source = aras::model::AtlasSource::Dir(dir);
        AppInit {
            atlas: aras::model::load(&source),
            source,
            ..AppInit::embedded()
        }
    }];
    for init in atlases {
        let mut h = harness_with(init);
        let text = h.state().atlas().expect("atlas").article.text.clone();
        let mut cards = 0;
        for_each_element(&mut h, |h, key| {
            let map_right = h.state().map_rect().expect("map").right();
            for n in h.query_all_by_label_contains("“") {
                if n.rect().left() <= map_right {
                    continue;
                }
                let shown = text_of(&n).replace(['“', '”'], "");
                assert!(
                    text.contains(&shown),
                    "{key}: the side panel shows {shown:?}, which is not the article's text"
                );
                cards += 1;
            }
        });
        assert!(cards > 0);
    }
}

/// The label of the node that says "Map as of …" (the map's date badge).
fn map_date_badge(h: &Harness<'static, ArasApp>) -> String {
    text_of(&h.get_by_label_contains("Map as of"))
}

#[test]
fn the_whole_keyboard_tour_works_at_1024x700() {
    let mut h = harness_sized(1024.0, 700.0);
    // Tab from the start: the skip link, which Enter follows to the map.
    skip_to_map(&mut h);
    assert_eq!(focused_label(&h).as_deref(), Some("Map"));
    // Arrows step through the elements; Enter keeps the one the keys are on.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("iran"));
    assert!(side_panel_shows(&h, "Iran"));
    // F6 to the search box; a search picked with Enter selects and shows its element.
    h.key_press(egui::Key::F6);
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("Search"));
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("Baku");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("baku"));
    assert!(in_map(&h, 49.87, 40.41), "Baku is in view");
    // Esc clears the box, a second Esc goes back to the map, a third clears the selection.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("Aras");
    h.run();
    for _ in 0..2 {
        h.key_press(egui::Key::Escape);
        h.run();
    }
    // Back on the map, focus is announced on the element the keys are on.
    assert_eq!(focused_label(&h).as_deref(), Some("Baku"));
    assert_eq!(
        selected(&h).as_deref(),
        Some("baku"),
        "Esc in search keeps the selection"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(selected(&h), None);
    // From the search box, Tab reaches the map-date slider, whose arrows step the date.
    h.key_press(egui::Key::F6);
    h.run();
    let mut stops = Vec::new();
    while h
        .query_by(|n| n.is_focused() && n.role() == Role::Slider)
        .is_none()
    {
        assert!(
            stops.len() < 60,
            "Tab never reaches the map date: {stops:?}"
        );
        h.key_press(egui::Key::Tab);
        h.run();
        stops.push(focused_label(&h).unwrap_or_default());
    }
    let before = map_date_badge(&h);
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(map_date_badge(&h), "Map as of 13 Oct 2021", "from {before}");
    // Every stop on the way is announced by name.
    assert!(
        stops.iter().all(|s| !s.trim().is_empty()),
        "an unnamed stop: {stops:?}"
    );
}

#[test]
fn an_office_that_ended_shows_where_its_end_date_comes_from() {
    let mut h = harness();
    let rouhani = h
        .state()
        .atlas()
        .and_then(|a| a.by_key("rouhani"))
        .expect("rouhani");
    h.state_mut().selection.selected = Some(rouhani);
    h.run();
    assert!(
        side_panel_shows(&h, "Until ("),
        "the side panel says when his term ended"
    );
    assert!(side_panel_shows(
        &h,
        "Ebrahim Raisi succeeded him as President on 3 August 2021"
    ));
}
