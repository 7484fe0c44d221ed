//! What the map's labels claim about geography (trial11 #1): a country's name printed
//! over a country is read as naming it, so a label set within its country must lie over
//! that country, at every zoom and centre, and not over a neighbour between two of its
//! parts (Azerbaijan's mainland and Nakhchivan, with Armenia between).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::ArasApp;
use aras::model::{Kind, Projected};
use aras::state::MapMemory;
use egui::{Pos2, Rect};
use egui_kittest::Harness;

/// The world point (projected km) under a screen point in the drawn view.
fn world(h: &Harness<'static, ArasApp>, p: Pos2) -> [f64; 2] {
    let map = h.state().map_rect().expect("map");
    let v = h.state().view().expect("view");
    let c = map.center();
    [
        v.center[0] + f64::from(p.x - c.x) / v.zoom,
        v.center[1] + f64::from(p.y - c.y) / v.zoom,
    ]
}

/// A screen point of a world point in the drawn view.
fn screen(h: &Harness<'static, ArasApp>, p: [f64; 2]) -> Pos2 {
    let map = h.state().map_rect().expect("map");
    let v = h.state().view().expect("view");
    let c = map.center();
    egui::pos2(
        c.x + ((p[0] - v.center[0]) * v.zoom) as f32,
        c.y + ((p[1] - v.center[1]) * v.zoom) as f32,
    )
}

/// Country labels whose middle lies over another land than their own while inside their
/// country's box on screen (a label set beside its country, with a leader, lies outside
/// that box).
fn misplaced_country_labels(h: &Harness<'static, ArasApp>) -> Vec<String> {
    use geo::Contains;
    let app = h.state();
    let atlas = app.atlas().expect("atlas");
    let mut out = Vec::new();
    for item in app.map_panel().expect("map").layout_items() {
        if item.kind != "label" {
            continue;
        }
        let Some(el) = atlas.by_key(&item.id).and_then(|id| atlas.element(id)) else {
            continue;
        };
        let Some(Projected::Area(area)) =
            el.projected.as_ref().filter(|_| el.kind == Kind::Country)
        else {
            continue;
        };
        let Some([a, b]) = atlas.bounds_of(el.id) else {
            continue;
        };
        let bx = Rect::from_two_pos(screen(h, a), screen(h, b));
        let [x, y] = world(h, item.rect.center());
        if bx.contains(item.rect.center()) && !area.polygons.contains(&geo::Point::new(x, y)) {
            out.push(format!("{} at {:?}", item.text, item.rect.center()));
        }
    }
    out
}

#[test]
fn a_country_label_lies_over_its_own_country_at_every_zoom_and_centre() {
    for (w, hgt) in [(640.0, 480.0), (1024.0, 700.0), (1400.0, 900.0)] {
        let mut h = common::app::harness_sized(w, hgt);
        let home = h.state().view().expect("home");
        let atlas = h.state().atlas().expect("atlas");
        let [c, d] = atlas.core_bounds().expect("core");
        let mut wrong: Vec<String> = misplaced_country_labels(&h)
            .into_iter()
            .map(|m| format!("{w}x{hgt} at home: {m}"))
            .collect();
        for i in 0..5 {
            for j in 0..4 {
                let at = [
                    c[0] + (d[0] - c[0]) * (f64::from(i) + 0.5) / 5.0,
                    c[1] + (d[1] - c[1]) * (f64::from(j) + 0.5) / 4.0,
                ];
                for z in [1.0, 2.0, 3.0, 4.0, 6.0] {
                    h.state_mut().persisted.view = Some(MapMemory {
                        center: at,
                        zoom: home.zoom * z,
                    });
                    h.run();
                    for m in misplaced_country_labels(&h) {
                        wrong.push(format!("{w}x{hgt} zoom {z} at {at:?}: {m}"));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
