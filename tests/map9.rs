//! The map drawn from any atlas's own data: people's chips on an atlas with several people
//! at nearby places (`tests/atlases/danube-people`: three at Vienna and three at
//! Bratislava, 55 km apart, one at Budapest, one at Germany), and the colours its
//! countries, routes and claimants take. Measured from the placer's own rectangles at
//! 640×480, 1024×700 and 1400×900.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use aras::model::AtlasSource;
use aras::state::MapMemory;
use egui_kittest::Harness;

const SIZES: [(f32, f32); 3] = [(640.0, 480.0), (1024.0, 700.0), (1400.0, 900.0)];

/// A chip, or the end of its leader, this close (points) to its place on the map.
const NEAR: f32 = 48.0;

fn danube() -> std::path::PathBuf {
    common::manifest().join("tests/atlases/danube-people")
}

fn app_at(w: f32, h: f32) -> Harness<'static, ArasApp> {
    let source = AtlasSource::Dir(danube());
    let atlas = aras::model::load(&source);
    assert!(atlas.is_ok(), "{:?}", atlas.as_ref().err());
    let init = AppInit {
        source,
        atlas,
        ..AppInit::embedded()
    };
    common::app::harness_of_sized(init, w, h)
}

fn zoom_at(h: &mut Harness<'static, ArasApp>, factor: f64, at: [f64; 2]) {
    let home = h.state().view().expect("home view");
    h.state_mut().persisted.view = Some(MapMemory {
        center: at,
        zoom: home.zoom * factor,
    });
    h.run();
}

/// Overlapping pairs of placed items (text boxes plus their 1.5 pt halo).
fn overlapping(items: &[aras::ui::map::LayoutItem]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in items.iter().enumerate() {
        for b in items.iter().skip(i + 1) {
            let r = a.rect.expand(1.5).intersect(b.rect.expand(1.5));
            if r.width() > 0.5 && r.height() > 0.5 {
                out.push(format!("{} {:?} × {} {:?}", a.kind, a.text, b.kind, b.text));
            }
        }
    }
    out
}

#[test]
fn every_people_group_at_nearby_places_is_shown_near_its_place_and_overlaps_nothing() {
    let mut fails = Vec::new();
    for (w, h) in SIZES {
        let mut app = app_at(w, h);
        let atlas = app.state().atlas().expect("atlas");
        let vienna = atlas.by_key("vienna").expect("vienna");
        let at = atlas.anchor_point(vienna).expect("vienna's point");
        for z in [1.0, 2.0, 4.0] {
            zoom_at(&mut app, z, at);
            let state = app.state();
            let atlas = state.atlas().expect("atlas");
            let map = state.map_rect().expect("map");
            let panel = state.map_panel().expect("map");
            let items = panel.layout_items();
            for o in overlapping(&items) {
                fails.push(format!("{w}×{h} ×{z}: {o}"));
            }
            let groups = panel.badge_groups();
            for key in ["vienna", "bratislava", "budapest"] {
                let id = atlas.by_key(key).expect(key);
                let p = atlas.anchor_point(id).expect("point");
                let view = state.view().expect("view");
                let c = map.center();
                let sp = egui::pos2(
                    c.x + ((p[0] - view.center[0]) * view.zoom) as f32,
                    c.y + ((p[1] - view.center[1]) * view.zoom) as f32,
                );
                if !map.shrink(20.0).contains(sp) {
                    continue;
                }
                match groups.iter().find(|g| g.0 == id) {
                    None => fails.push(format!("{w}×{h} ×{z}: no group at {key}")),
                    Some((_, pill, _, _)) => {
                        let d = pill.distance_to_pos(sp);
                        if d > NEAR {
                            fails.push(format!(
                                "{w}×{h} ×{z}: {key}'s group {d:.0} pt from its place"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

#[test]
fn a_chip_names_people_by_map_label_short_name_or_last_word() {
    let app = app_at(1400.0, 900.0);
    let items = app.state().map_panel().expect("map").layout_items();
    let vienna = items
        .iter()
        .find(|i| i.kind == "badge" && i.id == "vienna")
        .expect("a group at Vienna");
    // "Zhang Wei" is whole (a family name first); the long "Maximilian Hohenberg" is
    // his last word.
    assert!(vienna.text.contains("Zhang Wei"), "{:?}", vienna.text);
    assert!(vienna.text.contains("Hohenberg"), "{:?}", vienna.text);
}
