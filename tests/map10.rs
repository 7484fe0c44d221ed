//! The map of a small story (trial8: "Syria says has regained most of Ghouta"), on an
//! atlas in our own words with the same geometry (`tests/atlases/oasis-towns`): Palm
//! City and Date Town 12 km apart, the small Green Belt round Date Town, two routes
//! from the capital (north and east), groups at both towns, a dated event (the "Map as
//! of" badge), an inland sea and a huge neighbour (Northland, a box like a draft's
//! clipped Russia). Measured at 640×480, 1024×700 and 1400×900.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use aras::model::{Atlas, AtlasSource, Projected};
use aras::state::MapMemory;
use egui::accesskit::Role;
use egui::{Event, Modifiers, Pos2, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const SIZES: [(f32, f32); 3] = [(640.0, 480.0), (1024.0, 700.0), (1400.0, 900.0)];

fn oasis() -> std::path::PathBuf {
    common::manifest().join("tests/atlases/oasis-towns")
}

fn app_at(w: f32, h: f32) -> Harness<'static, ArasApp> {
    let source = AtlasSource::Dir(oasis());
    let atlas = aras::model::load(&source);
    assert!(atlas.is_ok(), "{:?}", atlas.as_ref().err());
    let init = AppInit {
        source,
        atlas,
        ..AppInit::embedded()
    };
    common::app::harness_of_sized(init, w, h)
}

/// Search (Ctrl+F), type, Enter: as trial8 did for "ghouta".
fn search(h: &mut Harness<'static, ArasApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(Event::Text(text.to_owned()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// Where a world point (projected km) is on screen in the current view.
fn screen(h: &Harness<'static, ArasApp>, p: [f64; 2]) -> Pos2 {
    let map = h.state().map_rect().expect("map");
    let v = h.state().view().expect("view");
    let c = map.center();
    pos2(
        c.x + ((p[0] - v.center[0]) * v.zoom) as f32,
        c.y + ((p[1] - v.center[1]) * v.zoom) as f32,
    )
}

fn point_of(h: &Harness<'static, ArasApp>, key: &str) -> Pos2 {
    let atlas = h.state().atlas().expect("atlas");
    let p = atlas
        .anchor_point(atlas.by_key(key).expect(key))
        .expect("point");
    screen(h, p)
}

fn bounds_on_screen(h: &Harness<'static, ArasApp>, key: &str) -> Rect {
    let atlas = h.state().atlas().expect("atlas");
    let [a, b] = atlas.bounds_of(atlas.by_key(key).expect(key)).expect("b");
    Rect::from_two_pos(screen(h, a), screen(h, b))
}

fn items(h: &Harness<'static, ArasApp>) -> Vec<aras::ui::map::LayoutItem> {
    h.state().map_panel().expect("map").layout_items()
}

fn placed(h: &Harness<'static, ArasApp>, kind: &str, id: &str) -> Option<Rect> {
    items(h)
        .into_iter()
        .find(|i| i.kind == kind && i.id == id)
        .map(|i| i.rect)
}

fn zoom_to(h: &mut Harness<'static, ArasApp>, factor: f64, at: [f64; 2]) {
    let home = h.state().view().expect("home view");
    h.state_mut().persisted.view = Some(MapMemory {
        center: at,
        zoom: home.zoom * factor,
    });
    h.run();
}

#[test]
fn search_flies_to_a_small_region_where_it_fills_a_sensible_part_of_the_map() {
    for (w, hh) in SIZES {
        let mut h = app_at(w, hh);
        search(&mut h, "Green Belt");
        assert_eq!(
            h.state().selected_key(),
            Some("green-belt"),
            "{w}×{hh}: selected"
        );
        let map = h.state().map_rect().expect("map");
        let r = bounds_on_screen(&h, "green-belt");
        let share = (r.width() / map.width()).max(r.height() / map.height());
        assert!(
            (0.3..=0.9).contains(&share) && map.contains_rect(r),
            "{w}×{hh}: the Green Belt spans {share:.2} of the map at {r:?} in {map:?}"
        );
        assert!(
            placed(&h, "label", "green-belt").is_some(),
            "{w}×{hh}: the Green Belt's label is drawn"
        );
    }
}

#[test]
fn selecting_a_town_flies_to_where_it_and_its_label_stand_apart_from_its_neighbour() {
    for (w, hh) in SIZES {
        let mut h = app_at(w, hh);
        search(&mut h, "Date Town");
        assert_eq!(h.state().selected_key(), Some("date-town"));
        let map = h.state().map_rect().expect("map");
        let (date, palm) = (point_of(&h, "date-town"), point_of(&h, "palm-city"));
        assert!(map.shrink(20.0).contains(date), "{w}×{hh}: {date:?}");
        assert!(
            date.distance(palm) >= 80.0,
            "{w}×{hh}: Date Town {:.0} pt from Palm City",
            date.distance(palm)
        );
        // A town with a group is labelled by it ("Date Town · …", map11).
        let label = placed(&h, "label", "date-town")
            .or_else(|| placed(&h, "badge", "date-town"))
            .expect("Date Town's label");
        assert!(
            label.distance_to_pos(date) < label.distance_to_pos(palm),
            "{w}×{hh}: Date Town's label {label:?} nearer Palm City {palm:?} than {date:?}"
        );
    }
}

#[test]
fn the_closest_zoom_shows_the_nearest_towns_apart_and_plus_and_minus_look_disabled_at_the_limits() {
    for (w, hh) in SIZES {
        let mut h = app_at(w, hh);
        let at = h
            .state()
            .atlas()
            .and_then(|a| a.anchor_point(a.by_key("date-town")?))
            .expect("Date Town");
        zoom_to(&mut h, 1.0, at);
        assert!(!disabled(&h, "+"), "{w}×{hh}: + enabled at home");
        for _ in 0..40 {
            h.key_press(egui::Key::Plus);
        }
        h.run();
        let zoom = h.state().view().expect("view").zoom;
        let atlas = h.state().atlas().expect("atlas");
        let max = h
            .state()
            .map_panel()
            .and_then(|m| m.closest_zoom(atlas))
            .expect("closest zoom");
        assert!((zoom - max).abs() < max * 1e-6, "zoom {zoom}, max {max}");
        let d = point_of(&h, "date-town").distance(point_of(&h, "palm-city"));
        assert!(d >= 200.0, "{w}×{hh}: the two towns {d:.0} pt apart");
        assert!(disabled(&h, "+"), "{w}×{hh}: + looks enabled at the limit");
        assert!(!disabled(&h, "-"), "{w}×{hh}: - disabled");
        for _ in 0..60 {
            h.key_press(egui::Key::Minus);
        }
        h.run();
        assert!(disabled(&h, "-"), "{w}×{hh}: - looks enabled at the limit");
    }
}

fn disabled(h: &Harness<'static, ArasApp>, label: &str) -> bool {
    h.get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .is_disabled()
}

/// Every group beside a town on the map, at home and zoomed in round the capital: its
/// pill is never nearer another story town's dot than its own.
#[test]
fn a_group_is_drawn_nearer_its_own_town_than_any_other() {
    let mut fails = Vec::new();
    for (w, hh) in SIZES {
        let mut h = app_at(w, hh);
        let at = h
            .state()
            .atlas()
            .and_then(|a| a.anchor_point(a.by_key("palm-city")?))
            .expect("Palm City");
        for z in [1.0, 2.0, 4.0, 8.0, 12.0, 20.0, 40.0] {
            zoom_to(&mut h, z, at);
            let map = h.state().map_rect().expect("map");
            let towns: Vec<(&str, Pos2)> = ["palm-city", "date-town"]
                .map(|k| (k, point_of(&h, k)))
                .into_iter()
                .collect();
            let atlas = h.state().atlas().expect("atlas");
            for (place, pill, _, _) in h.state().map_panel().expect("map").badge_groups() {
                let key = atlas.element(place).expect("place").key.as_str();
                let Some((_, own)) = towns.iter().find(|(k, _)| *k == key) else {
                    continue;
                };
                if !map.contains(*own) {
                    continue;
                }
                for (other, p) in &towns {
                    let (d_own, d_other) = (pill.distance_to_pos(*own), pill.distance_to_pos(*p));
                    if *other != key && map.contains(*p) && d_other < d_own {
                        fails.push(format!(
                            "{w}×{hh} ×{z}: {key}'s group {d_own:.1} pt from it, {d_other:.1} from {other}"
                        ));
                    }
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// A route's screen polyline in the current view.
fn polyline(h: &Harness<'static, ArasApp>, key: &str) -> Vec<Pos2> {
    let atlas = h.state().atlas().expect("atlas");
    let el = atlas.element(atlas.by_key(key).expect(key)).expect(key);
    let Some(Projected::Lines(lines)) = &el.projected else {
        panic!("{key} is not a line")
    };
    let pts: Vec<[f64; 2]> = lines[0].0.iter().map(|c| [c.x, c.y]).collect();
    pts.into_iter().map(|p| screen(h, p)).collect()
}

fn to_line(p: Pos2, l: &[Pos2]) -> f32 {
    l.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
            p.distance(a + ab * t)
        })
        .fold(f32::INFINITY, f32::min)
}

/// Distance from a rectangle to a polyline (sampled every point along it).
fn rect_to_line(r: Rect, l: &[Pos2]) -> f32 {
    l.windows(2)
        .flat_map(|w| {
            let n = (w[0].distance(w[1]).ceil() as usize).max(1);
            (0..=n).map(move |k| w[0] + (w[1] - w[0]) * (k as f32 / n as f32))
        })
        .map(|p| r.distance_to_pos(p))
        .fold(f32::INFINITY, f32::min)
}

/// With nothing selected, each route's label lies along its own line (within a label's
/// height of it, or on a leader that ends on it), nearer its own line than the other.
#[test]
fn a_route_label_lies_along_its_own_route() {
    let mut fails = Vec::new();
    for (w, hh) in SIZES {
        let mut h = app_at(w, hh);
        let at = h
            .state()
            .atlas()
            .and_then(|a| a.anchor_point(a.by_key("palm-city")?))
            .expect("Palm City");
        for z in [1.0, 1.5, 2.0, 3.0] {
            zoom_to(&mut h, z, at);
            let atlas = h.state().atlas().expect("atlas");
            let leaders = h.state().map_panel().expect("map").leaders();
            for (key, other) in [("north-road", "east-road"), ("east-road", "north-road")] {
                let Some(r) = placed(&h, "label", key) else {
                    continue;
                };
                let (own, theirs) = (polyline(&h, key), polyline(&h, other));
                let c = r.center();
                let id = atlas.by_key(key).expect(key);
                let led = leaders
                    .iter()
                    .find(|(e, lr, _)| *e == id && *lr == r)
                    .is_some_and(|(_, _, end)| to_line(*end, &own) < 2.0);
                let along = rect_to_line(r, &own) <= 8.0;
                if !(along || led) || to_line(c, &own) >= to_line(c, &theirs) {
                    fails.push(format!(
                        "{w}×{hh} ×{z}: {key}'s label at {c:?} is {:.0} pt from it, {:.0} from {other}",
                        to_line(c, &own),
                        to_line(c, &theirs)
                    ));
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// An edit (here aliases that give Eastland more mentions than Westland and Northland)
/// recolours no country.
#[test]
fn an_edit_recolours_no_country() {
    let dir = common::copy_of(&oasis());
    let mut h = common::edit::author_harness(dir.path(), 1024.0, 700.0);
    let before = h.state().colours().expect("colours").clone();
    let slots = |c: &aras::ui::style::AtlasColours| {
        ["westland", "eastland", "northland"].map(|k| c.country_slot(k))
    };
    let edit = aras::model::edit::Edit::SetAttr {
        id: "eastland".into(),
        attr: aras::model::edit::Attr::Aliases(vec!["farmland".into(), "capital".into()]),
    };
    assert!(h.state_mut().author.as_mut().expect("author").apply(edit));
    h.run();
    h.run();
    let atlas = h.state().atlas().expect("atlas");
    let eastland = atlas.by_key("eastland").expect("eastland");
    assert!(
        atlas
            .mentions
            .iter()
            .filter(|m| m.element == eastland)
            .count()
            >= 3,
        "the aliases gave Eastland mentions"
    );
    // Coloured afresh, Eastland (now the most mentioned) would take the first colour.
    let fresh = aras::ui::style::AtlasColours::of(atlas);
    assert_ne!(
        slots(&fresh),
        slots(&before),
        "the edit matters to a fresh colouring"
    );
    let after = h.state().colours().expect("colours");
    assert_eq!(
        slots(after),
        slots(&before),
        "countries recoloured by an edit"
    );
}

/// Selecting a country far bigger than the story (a box like a draft's clipped Russia)
/// shows its part near the story, with the story, not its whole cut outline.
#[test]
fn selecting_a_huge_country_shows_it_beside_the_story_not_its_cut_outline() {
    for (w, hh) in SIZES {
        let mut h = app_at(w, hh);
        search(&mut h, "Northland");
        assert_eq!(h.state().selected_key(), Some("northland"));
        let map = h.state().map_rect().expect("map");
        let atlas: &Atlas = h.state().atlas().expect("atlas");
        let p = |lon: f64, lat: f64| atlas.projection.project(lon, lat);
        let (north_cut, east_cut) = (p(50.0, 60.0), p(70.0, 50.0));
        let (n, e) = (screen(&h, north_cut), screen(&h, east_cut));
        assert!(
            !map.contains(n) && !map.contains(e),
            "{w}×{hh}: Northland's cut edges in view ({n:?}, {e:?} in {map:?})"
        );
        assert!(
            map.contains(point_of(&h, "palm-city")),
            "{w}×{hh}: the story"
        );
        let south = screen(&h, p(45.0, 43.0));
        assert!(
            map.contains(south),
            "{w}×{hh}: Northland's south not in view"
        );
    }
}

/// No label's leader ends under the map's controls or the "Map as of" badge, wherever
/// the view puts the Inland Sea (the Caspian Sea under the badge in trial8).
#[test]
fn no_label_points_under_the_map_date_badge() {
    let mut fails = Vec::new();
    for (w, hh) in SIZES {
        let mut h = app_at(w, hh);
        let badge = placed(&h, "control", "map_date").expect("a map date badge");
        let atlas = h.state().atlas().expect("atlas");
        let sea = atlas.by_key("inland-sea").expect("sea");
        let [lo, hi] = atlas.bounds_of(sea).expect("sea bounds");
        let home = h.state().view().expect("view");
        let map = h.state().map_rect().expect("map");
        // The sea's south-west corner at points round the badge's bottom-left.
        let offsets = [-160.0, -120.0, -80.0, -40.0, 0.0]
            .into_iter()
            .flat_map(|dx| [0.0, 20.0, 40.0, 60.0, 80.0, 100.0].map(|dy| (dx, dy)));
        for (z, (dx, dy)) in offsets.flat_map(|o| [(1.0, o), (2.0, o)]) {
            let zoom = home.zoom * z;
            let want = badge.left_bottom() + egui::vec2(dx, dy);
            let corner = [lo[0], hi[1]];
            let c = map.center();
            let center = [
                corner[0] - f64::from(want.x - c.x) / zoom,
                corner[1] - f64::from(want.y - c.y) / zoom,
            ];
            h.state_mut().persisted.view = Some(MapMemory { center, zoom });
            h.run();
            let _ = lo;
            let controls: Vec<Rect> = items(&h)
                .into_iter()
                .filter(|i| i.kind == "control")
                .map(|i| i.rect)
                .collect();
            for (id, lr, end) in h.state().map_panel().expect("map").leaders() {
                if controls.iter().any(|c| c.contains(end)) {
                    fails.push(format!("{w}×{hh} ×{z} {dx},{dy}: {id:?}'s label {lr:?} points under a control at {end:?}"));
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
