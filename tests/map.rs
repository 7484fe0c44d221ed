//! The map reads at a glance (issue 10): measured from the placer's own rectangles, at
//! the default window sizes, at home and at 2× zoom on the core.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use aras::app::{AppInit, ArasApp};
use aras::state::MapMemory;
use aras::ui::map::LayoutItem;
use egui::{Rect, Vec2, vec2};
use egui_kittest::Harness;

const SIZES: [Vec2; 2] = [vec2(1400.0, 900.0), vec2(1024.0, 700.0)];

fn app_at(size: Vec2) -> Harness<'static, ArasApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(60)
        .build_eframe(|cc| ArasApp::new(cc, AppInit::embedded()));
    h.run();
    h
}

fn items(h: &Harness<'static, ArasApp>) -> Vec<LayoutItem> {
    h.state().map_panel().expect("atlas loads").layout_items()
}

/// Every pair of placed items whose drawn extents overlap: a label's text rectangle plus
/// its 1.5 pt halo, so labels that merely touch count too (they read as one).
fn overlapping(items: &[LayoutItem]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, a) in items.iter().enumerate() {
        for b in items.iter().skip(i + 1) {
            let r = a.rect.expand(1.5).intersect(b.rect.expand(1.5));
            if r.width() > 0.5 && r.height() > 0.5 {
                out.push((
                    format!("{} {} {:?}", a.kind, a.id, a.text),
                    format!("{} {} {:?}", b.kind, b.id, b.text),
                ));
            }
        }
    }
    out
}

/// Screen box of the core (Armenia and Azerbaijan with Nakhchivan) in the drawn view.
fn core_on_screen(h: &Harness<'static, ArasApp>) -> Rect {
    let app = h.state();
    let atlas = app.atlas().expect("atlas");
    let [a, b] = atlas.core_bounds().expect("core");
    let map = app.map_rect().expect("map drawn");
    let view = app.view().expect("view");
    let c = map.center();
    let to = |p: [f64; 2]| {
        egui::pos2(
            c.x + ((p[0] - view.center[0]) * view.zoom) as f32,
            c.y + ((p[1] - view.center[1]) * view.zoom) as f32,
        )
    };
    Rect::from_two_pos(to(a), to(b))
}

/// Zooms the view `factor` times the home zoom, centred on the core.
fn zoom_on_core(h: &mut Harness<'static, ArasApp>, factor: f64) {
    let atlas = h.state().atlas().expect("atlas");
    let [a, b] = atlas.core_bounds().expect("core");
    let home = h.state().view().expect("home view");
    h.state_mut().persisted.view = Some(MapMemory {
        center: [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
        zoom: home.zoom * factor,
    });
    h.run();
}

#[test]
fn no_two_placed_items_overlap_at_home_or_at_twice_the_zoom() {
    for size in SIZES {
        let mut h = app_at(size);
        let home = items(&h);
        assert!(
            home.len() > 10,
            "{size:?}: only {} items placed",
            home.len()
        );
        assert_eq!(overlapping(&home), vec![], "home view at {size:?}");
        zoom_on_core(&mut h, 2.0);
        let zoomed = items(&h);
        assert!(zoomed.iter().any(|i| i.kind == "label"));
        assert_eq!(overlapping(&zoomed), vec![], "2× zoom at {size:?}");
    }
}

#[test]
fn the_story_s_areas_and_the_corridor_are_labelled_at_home() {
    for size in SIZES {
        let h = app_at(size);
        let placed = items(&h);
        for key in [
            "armenia",
            "azerbaijan",
            "iran",
            "nakhchivan",
            "syunik",
            "nagorno-karabakh",
            "zangezur-corridor",
        ] {
            assert!(
                placed.iter().any(|i| i.kind == "label" && i.id == key),
                "no label for {key} at {size:?}: {:?}",
                placed.iter().map(|i| &i.id).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn the_nakhchivan_exclave_stays_two_thirds_uncovered() {
    for size in SIZES {
        let h = app_at(size);
        let app = h.state();
        let areas = app
            .map_panel()
            .expect("map")
            .area_visibility(app.atlas().expect("atlas"));
        let (_, _, visible) = areas
            .iter()
            .find(|(k, _, _)| k == "nakhchivan")
            .expect("Nakhchivan on screen");
        assert!(*visible >= 2.0 / 3.0, "{size:?}: {visible}");
    }
}

#[test]
fn the_core_spans_at_least_half_the_map_width_at_home() {
    for size in SIZES {
        let h = app_at(size);
        let map = h.state().map_rect().expect("map");
        let core = core_on_screen(&h);
        assert!(
            core.width() >= map.width() / 2.0,
            "{size:?}: core {core:?} in map {map:?}"
        );
        assert!(
            map.contains_rect(core.shrink(1.0)),
            "core cut off: {core:?}"
        );
    }
}

#[test]
fn plus_and_minus_zoom_from_the_home_view() {
    let mut h = app_at(SIZES[0]);
    assert!(h.state().persisted.view.is_none(), "starts at home");
    let home = h.state().view().expect("home").zoom;
    h.key_press(egui::Key::Plus);
    h.run();
    let zoomed = h.state().view().expect("view").zoom;
    assert!(zoomed > home * 1.2, "{home} → {zoomed}");
    h.key_press(egui::Key::Minus);
    h.run();
    let back = h.state().view().expect("view").zoom;
    assert!((back - home).abs() < home * 0.01, "{home} → {back}");
}

#[test]
fn zooming_out_stops_before_the_data_is_a_small_shape() {
    let mut h = app_at(SIZES[0]);
    for _ in 0..30 {
        h.key_press(egui::Key::Minus);
    }
    h.run();
    let app = h.state();
    let atlas = app.atlas().expect("atlas");
    let [a, b] = atlas.data_bounds();
    let zoom = app.view().expect("view").zoom;
    let map = app.map_rect().expect("map");
    let data_w = ((b[0] - a[0]) * zoom) as f32;
    let data_h = ((b[1] - a[1]) * zoom) as f32;
    assert!(
        data_w >= map.width() * 0.99 || data_h >= map.height() * 0.99,
        "data {data_w}×{data_h} in map {map:?}"
    );
}

/// Clicks at a screen point and returns the selected element's key.
fn click(h: &mut Harness<'static, ArasApp>, p: egui::Pos2) -> Option<String> {
    h.event(egui::Event::PointerMoved(p));
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    h.state().selected_key().map(str::to_owned)
}

#[test]
fn a_click_near_a_relation_arrow_selects_it_not_the_country_beneath() {
    let mut h = app_at(SIZES[0]);
    h.state_mut()
        .persisted
        .layers
        .set_group(aras::state::Group::Relations, true);
    h.run();
    let app = h.state();
    let atlas = app.atlas().expect("atlas");
    let map = app.map_panel().expect("map");
    // The longest arrow drawn: its middle lies over some country.
    let pts = atlas
        .elements
        .iter()
        .filter_map(|e| map.relation_curve(atlas, &e.key))
        .max_by_key(|p| p.len())
        .expect("arrows drawn");
    assert!(pts.len() >= 8, "arrow of {} points", pts.len());
    let mid = pts[pts.len() / 2];
    let d = (pts[pts.len() / 2 + 1] - pts[pts.len() / 2 - 1]).normalized();
    let off = mid + egui::vec2(-d.y, d.x) * 14.0;
    let hit = click(&mut h, off).expect("something selected");
    let kind = h
        .state()
        .atlas()
        .and_then(|a| a.by_key(&hit).and_then(|id| a.element(id)))
        .map(|e| e.kind);
    assert_eq!(
        kind,
        Some(aras::model::Kind::Relation),
        "{hit} selected 14 pt off the arrow"
    );
}

#[test]
fn arrow_ends_at_one_country_do_not_stack() {
    let mut h = app_at(SIZES[0]);
    h.state_mut()
        .persisted
        .layers
        .set_group(aras::state::Group::Relations, true);
    h.run();
    let app = h.state();
    let atlas = app.atlas().expect("atlas");
    let map = app.map_panel().expect("map");
    let ends: Vec<egui::Pos2> = atlas
        .elements
        .iter()
        .filter(|e| {
            e.relation
                .is_some_and(|r| atlas.element(r.to).is_some_and(|t| t.key == "iran"))
        })
        .filter_map(|e| map.relation_curve(atlas, &e.key)?.last().copied())
        .collect();
    assert!(ends.len() >= 3, "arrows into Iran: {}", ends.len());
    for (i, a) in ends.iter().enumerate() {
        for b in ends.iter().skip(i + 1) {
            assert!(
                a.distance(*b) >= 4.0,
                "arrowheads stacked at {a:?} and {b:?}"
            );
        }
    }
}

/// Every zoom a reader reaches, from home to the closest the map allows.
const ZOOMS: [f64; 7] = [1.0, 1.5, 2.0, 3.0, 4.0, 6.0, aras::ui::map::MAX_ZOOM_FACTOR];

/// Zooms the view `factor` times the home zoom (clamped to the map's limit) around the
/// world point `at`.
fn zoom_at(h: &mut Harness<'static, ArasApp>, factor: f64, at: [f64; 2]) {
    let home = h.state().view().expect("home view");
    h.state_mut().persisted.view = Some(MapMemory {
        center: at,
        zoom: home.zoom * factor,
    });
    h.run();
}

#[test]
fn no_two_placed_items_overlap_at_any_zoom_size_or_selection() {
    let sizes = [vec2(640.0, 480.0), vec2(1024.0, 700.0), vec2(1400.0, 900.0)];
    for size in sizes {
        for select in [None, Some("nakhchivan"), Some("zangezur-corridor")] {
            let mut h = app_at(size);
            let atlas = h.state().atlas().expect("atlas");
            if let Some(key) = select {
                let id = atlas.by_key(key).expect("id");
                h.state_mut().selection.selected = Some(id);
            }
            let atlas = h.state().atlas().expect("atlas");
            let [a, b] = atlas
                .bounds_of(atlas.by_key("nakhchivan").expect("n"))
                .expect("b");
            let centres = [[(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0], {
                let [c, d] = atlas.core_bounds().expect("core");
                [(c[0] + d[0]) / 2.0, (c[1] + d[1]) / 2.0]
            }];
            for at in centres {
                for z in ZOOMS {
                    zoom_at(&mut h, z, at);
                    let placed = items(&h);
                    assert_eq!(
                        overlapping(&placed),
                        vec![],
                        "{size:?} zoom {z} at {at:?} selecting {select:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn zooming_in_stops_at_the_closest_zoom() {
    let mut h = app_at(SIZES[1]);
    let home = h.state().view().expect("home").zoom;
    for _ in 0..30 {
        h.key_press(egui::Key::Plus);
    }
    h.run();
    let zoom = h.state().view().expect("view").zoom;
    let max = home * aras::ui::map::MAX_ZOOM_FACTOR;
    assert!((zoom - max).abs() < max * 1e-6, "zoom {zoom}, max {max}");
}
