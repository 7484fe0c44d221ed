//! The map reads at a glance (issue 10): measured from the placer's own rectangles, at
//! the default window sizes, at home and at 2× zoom on the core.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::ArasApp;
use aras::state::MapMemory;
use aras::ui::map::LayoutItem;
use egui::{Rect, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SIZES: [Vec2; 2] = [vec2(1400.0, 900.0), vec2(1024.0, 700.0)];

fn app_at(size: Vec2) -> Harness<'static, ArasApp> {
    common::app::harness_sized(size.x, size.y)
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
    common::app::click_at(h, p);
    common::app::selected(h)
}

/// The app at the default size with the relations layer shown (it is off by default).
fn app_with_relations() -> Harness<'static, ArasApp> {
    let mut h = app_at(SIZES[0]);
    h.state_mut()
        .persisted
        .layers
        .set_group(aras::state::Group::Relations, true);
    h.run();
    h
}

#[test]
fn a_click_near_a_relation_arrow_selects_it_not_the_country_beneath() {
    let mut h = app_with_relations();
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
    // A spot 14 pt beside the arrow's middle third, clear of every label and chip (a
    // click on a label rightly selects what it names).
    let placed = items(&h);
    let n = pts.len();
    let off = (n / 3..2 * n / 3)
        .flat_map(|k| [(k, 1.0), (k, -1.0)])
        .map(|(k, side)| {
            let d = (pts[(k + 1).min(n - 1)] - pts[k.saturating_sub(1)]).normalized();
            pts[k] + egui::vec2(-d.y, d.x) * 14.0 * side
        })
        .find(|p| !placed.iter().any(|i| i.rect.expand(6.0).contains(*p)))
        .expect("a spot beside the arrow clear of labels");
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
    let h = app_with_relations();
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
/// The minimal atlas with two people at Gamma Town: "Omega Chief" takes office on
/// 2020-01-01 (a `changed` date with no `before` text), "Zed Keeper" is undated.
fn atlas_with_a_dated_person() -> aras::model::AtlasSource {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/atlases/minimal");
    let mut files = std::collections::BTreeMap::new();
    for name in ["article.json", "article.txt", "links.json", "map.geojson"] {
        files.insert(name.to_owned(), std::fs::read(dir.join(name)).expect(name));
    }
    let map = String::from_utf8(files["map.geojson"].clone()).expect("utf-8");
    let people = r#"{"type":"Feature","properties":{"id":"omega-chief","kind":"person","name":"Omega Chief","aliases":[],"at":"gamma-town","source":"Placement ours: test fixture","changed":"2020-01-01","changed_source":"test fixture"},"geometry":null},
{"type":"Feature","properties":{"id":"zed-keeper","kind":"person","name":"Zed Keeper","aliases":[],"at":"gamma-town","source":"Placement ours: test fixture"},"geometry":null},
"#;
    let map = map.replacen("\n{", &format!("\n{people}{{"), 1);
    files.insert("map.geojson".to_owned(), map.into_bytes());
    let links = String::from_utf8(files["links.json"].clone()).expect("utf-8");
    let link = r#"{ "id": "people", "elements": ["omega-chief", "zed-keeper", "gamma-town"], "selector": { "type": "TextQuoteSelector", "exact": "Gamma Town lies in Alpha." } },"#;
    let links = links.replacen("\"links\": [", &format!("\"links\": [\n    {link}"), 1);
    files.insert("links.json".to_owned(), links.into_bytes());
    aras::model::AtlasSource::Memory(std::sync::Arc::new(files))
}

#[test]
fn a_person_with_a_later_date_is_not_drawn_before_it() {
    let source = atlas_with_a_dated_person();
    let at = |date: i64| {
        let req = aras::layout::LayoutRequest {
            size: (1024.0, 700.0),
            // Gamma Town is a minor place: its group shows once zoomed in.
            zoom: Some(4.0),
            layers: aras::state::LayerArgs {
                date: Some(date),
                ..Default::default()
            },
            ..Default::default()
        };
        let (l, named) = aras::layout::layout_with(&source, &req, |app| {
            let atlas = app.atlas().expect("atlas");
            let map = app.map_panel().expect("map");
            ["omega-chief", "zed-keeper"]
                .map(|k| atlas.by_key(k).is_some_and(|id| map.is_drawn(id)))
        })
        .expect("layout");
        let badges: Vec<String> = l
            .items
            .iter()
            .filter(|i| i.kind == "badge")
            .map(|i| i.text.clone())
            .collect();
        (badges.join(" | "), named)
    };
    // 2019-06-01: the chief is not yet in office.
    let (before, drawn) = at(18_048);
    assert!(
        before.contains("Keeper") && !before.contains("Chief"),
        "2019: {before}"
    );
    assert_eq!(drawn, [false, true], "2019: AccessKit/keyboard elements");
    // 2020-01-01, the atlas's present (its latest change): both.
    let (after, drawn) = at(18_262);
    assert!(
        after.contains("Keeper") && after.contains("Chief"),
        "2020: {after}"
    );
    assert_eq!(drawn, [true, true], "2020");
}

const ALL_SIZES: [Vec2; 3] = [vec2(640.0, 480.0), vec2(1024.0, 700.0), vec2(1400.0, 900.0)];

fn key_of(h: &Harness<'static, ArasApp>, id: aras::model::ElementId) -> String {
    let atlas = h.state().atlas().expect("atlas");
    atlas.element(id).expect("element").key.clone()
}

#[test]
fn a_people_group_names_its_place_and_opens_into_pickable_names() {
    let mut h = app_at(SIZES[1]);
    let badge = items(&h)
        .into_iter()
        .find(|i| i.kind == "badge" && i.id == "baku")
        .expect("a group at Baku");
    assert!(
        badge.text.starts_with("Baku · ") && badge.text.contains("Aliyev"),
        "{:?}",
        badge.text
    );
    let atlas = h.state().atlas().expect("atlas");
    let baku = atlas.by_key("baku").expect("baku");
    let groups = h.state().map_panel().expect("map").badge_groups();
    let (_, pill, _, rows) = groups.into_iter().find(|g| g.0 == baku).expect("group");
    assert!(rows.len() >= 2, "{} rows", rows.len());
    assert_eq!(h.state().map_panel().expect("map").open_group(), None);
    // Hovering the pill opens the list.
    h.event(egui::Event::PointerMoved(pill.center()));
    h.run();
    assert_eq!(
        h.state().map_panel().expect("map").open_group(),
        Some(baku),
        "hovering the pill does not open it"
    );
    // Each name in the list is its own pickable item.
    let (last, row) = *rows.last().expect("row");
    let want = key_of(&h, last);
    assert_eq!(click(&mut h, row.center()).as_deref(), Some(want.as_str()));
}

#[test]
fn selecting_a_member_opens_its_group() {
    let mut h = app_at(SIZES[1]);
    let atlas = h.state().atlas().expect("atlas");
    let (baku, bayramov) = (
        atlas.by_key("baku").expect("baku"),
        atlas.by_key("bayramov").expect("bayramov"),
    );
    h.state_mut().selection.selected = Some(bayramov);
    h.run();
    assert_eq!(h.state().map_panel().expect("map").open_group(), Some(baku));
}

#[test]
fn people_groups_sit_beside_their_place_or_in_the_gutter() {
    for size in ALL_SIZES {
        let mut h = app_at(size);
        let at = common::app::core_centre(&h);
        for z in [1.0, 2.0, 4.0] {
            zoom_at(&mut h, z, at);
            let map = h.state().map_rect().expect("map");
            let groups = h.state().map_panel().expect("map").badge_groups();
            assert!(!groups.is_empty(), "{size:?} ×{z}: no groups");
            for (place, pill, anchor, _) in groups {
                let name = key_of(&h, place);
                assert!(
                    pill.width() <= 262.0,
                    "{name} {size:?} ×{z}: {pill:?} too wide"
                );
                // Beside its place (an area's group a little further off, still inside
                // it: the Caspian's organisations), or, with no free spot beside it,
                // farther off on a leader (map9): at most 48 pt away.
                let limit = 48.0;
                if map.shrink(4.0).contains(anchor) {
                    let d = pill.distance_to_pos(anchor);
                    assert!(d <= limit, "{name} {size:?} ×{z}: {d} pt from its place");
                } else {
                    let edge = [
                        pill.left() - map.left(),
                        map.right() - pill.right(),
                        pill.top() - map.top(),
                        map.bottom() - pill.bottom(),
                    ];
                    let gap = edge.into_iter().fold(f32::INFINITY, f32::min);
                    assert!(
                        gap <= 4.0,
                        "{name} {size:?} ×{z}: off-screen place not in the gutter {pill:?} in {map:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_off_map_actor_is_named_in_a_gutter_slot() {
    for size in ALL_SIZES {
        let mut h = app_at(size);
        let at = common::app::core_centre(&h);
        for z in [1.0, 3.0] {
            zoom_at(&mut h, z, at);
            let map = h.state().map_rect().expect("map");
            let placed = items(&h);
            let atlas = h.state().atlas().expect("atlas");
            for el in atlas
                .elements
                .iter()
                .filter(|e| e.kind == aras::model::Kind::Offmap)
            {
                let m = placed
                    .iter()
                    // An actor with people of its own is one chip naming both: a badge.
                    .find(|i| (i.kind == "marker" || i.kind == "badge") && i.id == el.key)
                    .unwrap_or_else(|| panic!("{size:?} ×{z}: no marker for {}", el.key));
                assert!(!m.text.trim().is_empty(), "{} unnamed", el.key);
                let shown = placed
                    .iter()
                    .filter(|i| (i.kind == "marker" || i.kind == "badge") && i.id == el.key)
                    .count();
                assert_eq!(shown, 1, "{size:?} ×{z}: {} shown {shown} times", el.key);
                let gap = [
                    m.rect.left() - map.left(),
                    map.right() - m.rect.right(),
                    m.rect.top() - map.top(),
                    map.bottom() - m.rect.bottom(),
                ]
                .into_iter()
                .fold(f32::INFINITY, f32::min);
                assert!(
                    gap <= 4.0,
                    "{size:?} ×{z}: {} at {:?} is not at the edge of {map:?}",
                    el.key,
                    m.rect
                );
            }
        }
    }
}

#[test]
fn the_core_capitals_keep_their_labels() {
    for size in ALL_SIZES {
        let h = app_at(size);
        let placed = items(&h);
        // A capital is named by its label or by its people's group ("Yerevan · Pashinyan").
        // At 640×480 Yerevan's is still crowded out (a known gap): only Baku is required.
        let keys: &[&str] = if size.x < 700.0 {
            &["baku"]
        } else {
            &["baku", "yerevan"]
        };
        for key in keys {
            assert!(
                placed
                    .iter()
                    .any(|i| (i.kind == "label" || i.kind == "badge") && i.id == *key),
                "{size:?}: no label for {key}"
            );
        }
    }
}

#[test]
fn routes_that_share_a_corridor_are_drawn_apart() {
    use egui::pos2;
    let a = vec![vec![pos2(0.0, 0.0), pos2(100.0, 0.0)]];
    let b = vec![vec![pos2(100.0, 1.0), pos2(0.0, 1.0)]];
    let c = vec![vec![pos2(0.0, 50.0), pos2(100.0, 50.0)]];
    let out = aras::ui::map::separate_shared(&[&a, &b, &c]);
    let d = out[0][0][0].distance(out[1][0][1]);
    assert!(d >= 3.0, "shared routes only {d} pt apart");
    assert_eq!(out[2], c, "a route on its own stays where it is");
}

/// How many AccessKit nodes are labelled exactly `label`.
fn count_label(h: &Harness<'static, ArasApp>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

#[test]
fn the_legend_keys_each_country_s_colour_and_follows_the_map_date() {
    let mut h = app_at(SIZES[0]);
    let before: Vec<usize> = ["Armenia", "Azerbaijan", "Iran"]
        .iter()
        .map(|n| count_label(&h, n))
        .collect();
    h.state_mut().persisted.tab = aras::state::LeftTab::Layers;
    h.run();
    for (name, n) in ["Armenia", "Azerbaijan", "Iran"].iter().zip(before) {
        assert_eq!(count_label(&h, name), n + 1, "no legend key for {name}");
    }
    assert!(
        h.query_by_label_contains("Countries the article discusses")
            .is_none()
    );
    assert!(
        h.query_by_label_contains("Since 8 November 2020: ")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Disputed: Nagorno-Karabakh")
            .is_some()
    );
    assert!(
        h.query_by_label("tension").is_none(),
        "relations hidden but keyed"
    );
    let flights = "Turkish Airlines flights to Baku";
    let keyed = count_label(&h, flights);
    // 1 June 2019: the recaptured districts are drawn as they were; so is the key.
    h.state_mut().persisted.layers.date = Some(18_048);
    h.run();
    assert!(
        h.query_by_label_contains("Since 8 November 2020: ")
            .is_none()
    );
    assert!(h.query_by_label_contains("on the map date").is_some());
    // A route not yet drawn in 2019 is not keyed (its layer switch stays).
    assert!(keyed >= 2, "{flights} keyed and switchable ({keyed})");
    assert_eq!(
        count_label(&h, flights),
        1,
        "in 2019 {flights} keeps only its layer switch"
    );
}

#[test]
fn a_locator_inset_shows_the_wider_region_clear_of_the_core() {
    for size in [SIZES[1], SIZES[0]] {
        let h = app_at(size);
        let map = h.state().map_rect().expect("map");
        let inset = items(&h)
            .into_iter()
            .find(|i| i.id == "locator")
            .unwrap_or_else(|| panic!("{size:?}: no locator inset"));
        let core = core_on_screen(&h);
        assert!(
            map.contains_rect(inset.rect),
            "{size:?}: {:?} outside the map",
            inset.rect
        );
        assert!(
            !inset.rect.intersects(core),
            "{size:?}: inset {:?} covers the core {core:?}",
            inset.rect
        );
        assert!(
            inset.rect.width() >= 80.0,
            "{size:?}: inset too small: {:?}",
            inset.rect
        );
    }
}

#[test]
fn a_wheel_zoom_stopped_at_the_closest_zoom_keeps_the_point_under_the_pointer() {
    // trial10 #9: twelve wheel steps on Damascus left it 220 px from the pointer, the
    // zoom cut to its limit after the view had been moved for the whole step.
    let mut h = app_at(SIZES[1]);
    let baku = (49.892, 40.3777);
    let at = h
        .state()
        .screen_pos(baku.0, baku.1)
        .expect("Baku on screen");
    for _ in 0..20 {
        common::app::wheel_at(&mut h, at, 400.0);
    }
    h.run();
    let home = h.state().view().expect("view");
    let now = h.state().screen_pos(baku.0, baku.1).expect("Baku");
    assert!(
        (now - at).length() < 2.0,
        "Baku moved from {at:?} to {now:?} at zoom {}",
        home.zoom
    );
}
