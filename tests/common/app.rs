//! Helpers for driving the app in kittest tests: build it, click at screen or
//! geographic positions, toggle layers, and read what the side panel shows.

#![allow(dead_code)]

use aras::app::{AppInit, ArasApp};
use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A harness of an atlas at the default window size, 1400×900.
pub fn harness_with(init: AppInit) -> Harness<'static, ArasApp> {
    harness_of_sized(init, 1400.0, 900.0)
}

pub fn harness() -> Harness<'static, ArasApp> {
    harness_with(AppInit::embedded())
}

/// Selects the element named `name` by pressing its button through AccessKit, as a
/// screen reader would, and lets the app settle.
pub fn select_named(h: &mut Harness<'static, ArasApp>, name: &str) {
    h.get_by_role_and_label(Role::Button, name)
        .click_accesskit();
    h.run();
}

pub fn click_at(h: &mut Harness<'static, ArasApp>, p: Pos2) {
    h.event(Event::PointerMoved(p));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

pub fn click_geo(h: &mut Harness<'static, ArasApp>, lon: f64, lat: f64) {
    let p = h.state().screen_pos(lon, lat).expect("map drawn");
    let rect = h.state().map_rect().expect("rect");
    assert!(
        rect.contains(p),
        "{lon},{lat} at {p:?} is outside the map {rect:?}"
    );
    click_at(h, p);
}

pub fn uncheck(h: &mut Harness<'static, ArasApp>, label: &str) {
    if h.query_by_role_and_label(Role::CheckBox, label).is_none() {
        h.get_by_label("Layers and legend").click();
        h.run();
    }
    h.get_by_role_and_label(Role::CheckBox, label).click();
    h.run();
}

/// Hides the layers drawn over the land (places, people, routes, off-map actors and
/// labels), so that a click at a city's position hits the country it stands in.
pub fn hide_all_but_land(h: &mut Harness<'static, ArasApp>) {
    for layer in [
        "Places",
        "People and organisations",
        "Corridors and routes",
        "Off-map actors",
        "Labels",
    ] {
        uncheck(h, layer);
    }
}

/// Whether the side panel (right of the map) shows a text containing `text`.
pub fn side_panel_shows(h: &Harness<'static, ArasApp>, text: &str) -> bool {
    let map_right = h.state().map_rect().expect("rect").right();
    h.query_all_by_label_contains(text)
        .any(|n| n.rect().left() > map_right)
}

pub fn selected(h: &Harness<'static, ArasApp>) -> Option<String> {
    h.state().selected_key().map(str::to_owned)
}

/// A harness of the embedded atlas at a window size.
pub fn harness_sized(w: f32, h: f32) -> Harness<'static, ArasApp> {
    harness_of_sized(AppInit::embedded(), w, h)
}

/// Moves the pointer to `p` and turns the mouse wheel there (negative `dy` scrolls down).
pub fn wheel_at(h: &mut Harness<'static, ArasApp>, p: Pos2, dy: f32) {
    h.event(Event::PointerMoved(p));
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, dy),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
}

/// The label of the widget that has keyboard focus, if any.
pub fn focused_label(h: &Harness<'static, ArasApp>) -> Option<String> {
    h.query_by(|n| n.is_focused()).map(|n| text_of(&n))
}

/// What a node says: its label, or the value of a text label.
pub fn text_of(n: &egui_kittest::Node<'_>) -> String {
    n.accesskit_node()
        .label()
        .or_else(|| n.value())
        .unwrap_or_default()
}

/// Whether a geographic point is inside the map's rectangle now.
pub fn in_map(h: &Harness<'static, ArasApp>, lon: f64, lat: f64) -> bool {
    let rect = h.state().map_rect().expect("rect");
    h.state()
        .screen_pos(lon, lat)
        .is_some_and(|p| rect.contains(p))
}

/// Drags with the primary button from `from` to `to` (pans the map).
pub fn drag(h: &mut Harness<'static, ArasApp>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for i in 1..=4 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 4.0)));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

/// The map's own node for an element (the side panel may have a chip of the same name).
pub fn map_node<'h>(h: &'h Harness<'static, ArasApp>, name: &'h str) -> egui_kittest::Node<'h> {
    let map = h.state().map_rect().expect("map");
    h.get_all_by_role_and_label(Role::Button, name)
        .find(|n| map.contains(n.rect().center()))
        .expect("the element on the map")
}

/// Where the frame painted a text containing `needle` (first match), in points.
pub fn painted_text_rect(h: &Harness<'static, ArasApp>, needle: &str) -> Option<egui::Rect> {
    h.output().shapes.iter().find_map(|c| match &c.shape {
        egui::Shape::Text(t) if t.galley.text().contains(needle) => Some(t.visual_bounding_rect()),
        _ => None,
    })
}

/// The keyboard on the map: Tab to the skip link, then Enter.
pub fn skip_to_map(h: &mut Harness<'static, ArasApp>) {
    h.key_press(egui::Key::Tab);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// Types a date into the map-date field as a user would (focus, select all, type,
/// Enter), then lets the app apply it.
pub fn type_date(h: &mut Harness<'static, ArasApp>, date: &str) {
    h.get_by_role_and_label(Role::TextInput, "Map date:")
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Map date:")
        .type_text(date);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
}

/// A harness of an atlas at a window size.
pub fn harness_of_sized(init: AppInit, w: f32, h: f32) -> Harness<'static, ArasApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(w, h))
        .with_max_steps(60)
        .build_eframe(|cc| ArasApp::new(cc, init));
    harness.run();
    harness
}

/// The centre of the core (Armenia and Azerbaijan with Nakhchivan), in map coordinates.
pub fn core_centre(h: &Harness<'static, ArasApp>) -> [f64; 2] {
    let atlas = h.state().atlas().expect("atlas");
    let [c, d] = atlas.core_bounds().expect("core");
    [(c[0] + d[0]) / 2.0, (c[1] + d[1]) / 2.0]
}
