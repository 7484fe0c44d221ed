//! Helpers for driving the app in kittest tests: build it, click at screen or
//! geographic positions, toggle layers, and read what the side panel shows.

#![allow(dead_code)]

use aras::app::{AppInit, ArasApp};
use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

pub fn harness_with(init: AppInit) -> Harness<'static, ArasApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_max_steps(60)
        .build_eframe(|cc| ArasApp::new(cc, init));
    h.run();
    h
}

pub fn harness() -> Harness<'static, ArasApp> {
    harness_with(AppInit::embedded())
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

/// Whether the side panel (right of the map) shows a text containing `text`.
pub fn side_panel_shows(h: &Harness<'static, ArasApp>, text: &str) -> bool {
    let map_right = h.state().map_rect().expect("rect").right();
    h.query_all_by_label_contains(text)
        .any(|n| n.rect().left() > map_right)
}

pub fn selected(h: &Harness<'static, ArasApp>) -> Option<String> {
    h.state().selected_key().map(str::to_owned)
}
