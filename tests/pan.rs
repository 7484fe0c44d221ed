//! Panning and zooming move the map's last drawing and draw it afresh when the gesture
//! ends (issue 13): the settled map is the one a fresh drawing gives, and picking keeps
//! to what is under the pointer during and after a drag.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use common::app::{drag, selected};
use egui::{Event, Modifiers, PointerButton, Pos2, Shape, vec2};
use egui_kittest::Harness;

/// The app at 1400×900 with a clock of 60 frames a second (a gesture's frames come
/// that fast; kittest's default quarter second would make every frame a late one).
fn harness() -> Harness<'static, ArasApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
        .build_eframe(|cc| ArasApp::new(cc, AppInit::embedded()));
    h.run();
    h
}

/// The map's painted texts and images (position, text or texture), in paint order.
fn painted(h: &Harness<'static, ArasApp>) -> Vec<String> {
    let map = h.state().map_rect().expect("map");
    h.output()
        .shapes
        .iter()
        .filter(|c| map.intersects(c.clip_rect))
        .filter_map(|c| match &c.shape {
            Shape::Text(t) if map.contains(t.pos) => {
                Some(format!("{:?} {}", t.pos, t.galley.text()))
            }
            Shape::Mesh(m) if m.texture_id != egui::TextureId::default() => {
                let r = m.calc_bounds();
                Some(format!("image {r:?}"))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn after_a_drag_and_back_the_map_is_drawn_as_before() {
    let mut h = harness();
    let before = painted(&h);
    assert!(
        before.iter().any(|s| s.starts_with("image")),
        "the static layers are one image: {before:?}"
    );
    assert!(h.state().map_panel().unwrap().base_is_exact());
    let c = h.state().map_rect().unwrap().center();
    // Less than the raster's margin: the same raster serves the whole round trip.
    drag(&mut h, c, c + vec2(120.0, 40.0));
    drag(&mut h, c + vec2(120.0, 40.0), c);
    let panel = h.state().map_panel().unwrap();
    assert!(!panel.is_moving());
    assert_eq!(
        panel.drawn_view(),
        h.state().view(),
        "laid out for this view"
    );
    assert!(panel.base_is_exact(), "the raster is exact for this view");
    assert_eq!(painted(&h), before);
}

#[test]
fn a_drag_moves_the_drawing_and_redraws_once_released() {
    let mut h = harness();
    let c = h.state().map_rect().unwrap().center();
    let press = |pressed: bool, pos: Pos2| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(Event::PointerMoved(c));
    h.event(press(true, c));
    h.step();
    let rebuilds = h.state().map_panel().unwrap().rebuilds;
    for i in 1..=6 {
        h.event(Event::PointerMoved(c + vec2(10.0 * i as f32, 4.0)));
        h.step();
    }
    let panel = h.state().map_panel().unwrap();
    assert!(panel.is_moving());
    assert!(
        panel.rebuilds <= rebuilds + 1,
        "mid-drag frames move the drawing: {} rebuilds",
        panel.rebuilds - rebuilds
    );
    assert_ne!(
        panel.drawn_view(),
        h.state().view(),
        "laid out for an earlier view"
    );
    h.event(press(false, c + vec2(60.0, 4.0)));
    h.run();
    let panel = h.state().map_panel().unwrap();
    assert!(!panel.is_moving());
    assert_eq!(panel.drawn_view(), h.state().view());
    assert!(panel.base_is_exact());
}

#[test]
fn a_click_after_a_drag_selects_what_is_under_the_pointer() {
    let mut h = harness();
    // With places, people, routes and off-map actors hidden, a click at Yerevan's
    // position hits the land it stands on.
    common::app::hide_all_but_land(&mut h);
    let c = h.state().map_rect().unwrap().center();
    drag(&mut h, c, c + vec2(-120.0, 40.0));
    let p = h.state().screen_pos(44.5126, 40.17765).expect("drawn");
    common::app::click_at(&mut h, p);
    assert_eq!(selected(&h).as_deref(), Some("armenia"));
}

#[test]
fn wheel_zoom_is_a_gesture_that_settles_into_a_fresh_drawing() {
    let mut h = harness();
    let c = h.state().map_rect().unwrap().center();
    h.event(Event::PointerMoved(c));
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, 120.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.step();
    h.step();
    assert!(h.state().map_panel().unwrap().is_moving(), "zooming");
    // The harness's clock runs on; the zoom settles and the map is drawn afresh.
    for _ in 0..60 {
        h.step();
    }
    let panel = h.state().map_panel().unwrap();
    assert!(!panel.is_moving());
    assert_eq!(panel.drawn_view(), h.state().view());
    assert!(panel.base_is_exact());
}
