//! What trial10 found on the map and timeline of a small story (a town's group set off
//! its dot, a country's label inside a small region, a month drawn as its last week, a
//! draft's cut edges drawn as borders), on our own small atlas with the same geometry
//! (`tests/atlases/oasis-towns`: Palm City, the capital, and Date Town 12 km apart,
//! the small Green Belt round Date Town, groups at both towns, Northland a box cut at
//! the atlas's frame like a draft's Russia).
//! Measured at 640×480, 1024×700 and 1400×900.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use aras::model::{AtlasSource, Projected};
use aras::state::MapMemory;
use egui::{Event, Modifiers, Pos2, Rect, pos2};
use egui_kittest::Harness;

const SIZES: [(f32, f32); 3] = [(640.0, 480.0), (1024.0, 700.0), (1400.0, 900.0)];

fn oasis() -> std::path::PathBuf {
    common::manifest().join("tests/atlases/oasis-towns")
}

fn app_of(dir: &std::path::Path, w: f32, h: f32) -> Harness<'static, ArasApp> {
    let source = AtlasSource::Dir(dir.to_owned());
    let atlas = aras::model::load(&source);
    assert!(atlas.is_ok(), "{:?}", atlas.as_ref().err());
    let init = AppInit {
        source,
        atlas,
        ..AppInit::embedded()
    };
    common::app::harness_of_sized(init, w, h)
}

/// The oasis atlas with a relation between the capital's guard and Date Town's militia
/// and a month-precision event.
fn oasis_plus() -> tempfile::TempDir {
    let dir = common::copy_of(&oasis());
    std::fs::write(
        dir.path().join("relations.json"),
        r#"{ "relations": [
  { "id": "guard-against-militia", "name": "Capital Guard against Grove Militia",
    "from": "capital-guard", "to": "grove-militia", "relation": "conflict",
    "claimed_by": "author" }
] }"#,
    )
    .expect("relations");
    let links = dir.path().join("links.json");
    let text = std::fs::read_to_string(&links).expect("links");
    let text = text.replace(
        r#""date-town", "capital-guard"]"#,
        r#""date-town", "capital-guard", "guard-against-militia"]"#,
    );
    std::fs::write(&links, text).expect("links");
    std::fs::write(
        dir.path().join("events.json"),
        r#"{
  "events": [
    { "id": "roads-open", "label": "The army says the roads are open", "date": "2026-03-31", "elements": ["north-road", "east-road"], "source": "Ours: a made-up date for this test story", "link": "roads" },
    { "id": "belt-month", "label": "The belt is taken", "date": "2026-03", "elements": ["green-belt"], "source": "Ours: the story says only March", "link": "holds" }
  ]
}"#,
    )
    .expect("events");
    dir
}

/// Search (Ctrl+F), type, Enter.
fn search(h: &mut Harness<'static, ArasApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(Event::Text(text.to_owned()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

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

fn world_of(h: &Harness<'static, ArasApp>, key: &str) -> [f64; 2] {
    let atlas = h.state().atlas().expect("atlas");
    atlas
        .anchor_point(atlas.by_key(key).expect(key))
        .expect(key)
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

fn zoom_to(h: &mut Harness<'static, ArasApp>, home_zoom: f64, factor: f64, at: [f64; 2]) {
    h.state_mut().persisted.view = Some(MapMemory {
        center: at,
        zoom: home_zoom * factor,
    });
    h.run();
}

/// #2: searching a town with a group marks the town's own dot (a ring there, its
/// rectangle the dot's), and its name is shown once: the group that names it is its
/// label, not a second "Date Town" beside a "Date Town · …" chip.
#[test]
fn a_selected_town_is_ringed_at_its_dot_and_named_once() {
    for (w, hh) in SIZES {
        let mut h = app_of(&oasis(), w, hh);
        search(&mut h, "Date Town");
        assert_eq!(h.state().selected_key(), Some("date-town"));
        let dot = point_of(&h, "date-town");
        let atlas = h.state().atlas().expect("atlas");
        let id = atlas.by_key("date-town").expect("date-town");
        let (c, r) = h
            .state()
            .map_panel()
            .expect("map")
            .ring_mark(atlas, id)
            .expect("a ring on the town");
        assert!(
            c.distance(dot) < 1.0 && r >= 6.0,
            "{w}×{hh}: ring at {c:?} r {r}, dot at {dot:?}"
        );
        let all = items(&h);
        let named: Vec<&str> = all
            .iter()
            .filter(|i| i.text == "Date Town" || i.text.starts_with("Date Town · "))
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(named.len(), 1, "{w}×{hh}: Date Town named {named:?}");
        let group = placed(&h, "badge", "date-town").expect("Date Town's group");
        assert!(
            group.distance_to_pos(dot) < group.distance_to_pos(point_of(&h, "palm-city")),
            "{w}×{hh}: the group {group:?} is nearer Palm City than its dot {dot:?}"
        );
    }
}

/// #2: zooming in on a town in small steps, its group stays on one side of its dot
/// wherever that side is still free (it starts where the placer puts it first).
#[test]
fn a_town_group_keeps_its_side_across_zoom_steps() {
    let mut fails = Vec::new();
    for (w, hh) in SIZES {
        let mut h = app_of(&oasis(), w, hh);
        let home = h.state().view().expect("home").zoom;
        let at = world_of(&h, "date-town");
        let mut sides = Vec::new();
        for k in 0..12 {
            zoom_to(&mut h, home, 4.0 * 1.25f64.powi(k), at);
            let dot = point_of(&h, "date-town");
            if let Some(g) = placed(&h, "badge", "date-town") {
                sides.push(if g.center().x >= dot.x {
                    "right"
                } else {
                    "left"
                });
            }
        }
        if sides.windows(2).any(|s| s[0] != s[1]) {
            fails.push(format!("{w}×{hh}: {sides:?}"));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// #2: a relation between actors based in two towns runs from near one town's dot to
/// near the other's, not between their names in chips placed elsewhere.
#[test]
fn a_relation_between_town_actors_runs_between_the_towns() {
    let dir = oasis_plus();
    for (w, hh) in SIZES {
        let mut h = app_of(dir.path(), w, hh);
        h.state_mut()
            .persisted
            .layers
            .set_group(aras::state::Group::Relations, true);
        h.run();
        let home = h.state().view().expect("home").zoom;
        let (a, b) = (world_of(&h, "palm-city"), world_of(&h, "date-town"));
        for z in [6.0, 10.0, 16.0] {
            zoom_to(&mut h, home, z, [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]);
            let atlas = h.state().atlas().expect("atlas");
            let curve = h
                .state()
                .map_panel()
                .expect("map")
                .relation_curve(atlas, "guard-against-militia")
                .expect("the arrow");
            let (from, to) = (curve[0], *curve.last().expect("end"));
            let (palm, date) = (point_of(&h, "palm-city"), point_of(&h, "date-town"));
            assert!(
                from.distance(palm) <= 24.0 && to.distance(date) <= 24.0,
                "{w}×{hh} ×{z}: arrow {from:?} → {to:?}, towns {palm:?} → {date:?}"
            );
        }
    }
}

/// #3: zoomed in round the small Green Belt, Westland's label is never inside the
/// region's box (nor where its own label goes), at any size and zoom step.
#[test]
fn a_country_label_keeps_off_a_small_region() {
    let mut fails = Vec::new();
    for (w, hh) in SIZES {
        let mut h = app_of(&oasis(), w, hh);
        let home = h.state().view().expect("home").zoom;
        let at = world_of(&h, "date-town");
        for k in 0..14 {
            let z = 1.5 * 1.3f64.powi(k);
            zoom_to(&mut h, home, z, at);
            let belt = bounds_on_screen(&h, "green-belt");
            // A region wider than half the map is the view itself: not kept clear.
            let map = h.state().map_rect().expect("map");
            if belt.width() >= map.width() * 0.5 {
                continue;
            }
            if let Some(l) = placed(&h, "label", "westland")
                && l.intersects(belt)
            {
                fails.push(format!("{w}×{hh} ×{z:.1}: WESTLAND {l:?} in {belt:?}"));
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// #10: a selected region too small to see is marked by a ring of a readable size
/// round it, not a blob of outline.
#[test]
fn a_selected_region_too_small_to_see_is_ringed() {
    let mut h = app_of(&oasis(), 640.0, 480.0);
    let home = h.state().view().expect("home").zoom;
    let at = world_of(&h, "date-town");
    zoom_to(&mut h, home, 1.0, at);
    let belt = bounds_on_screen(&h, "green-belt");
    assert!(belt.width().max(belt.height()) < 14.0, "{belt:?}");
    let atlas = h.state().atlas().expect("atlas");
    let id = atlas.by_key("green-belt").expect("belt");
    let (c, r) = h
        .state()
        .map_panel()
        .expect("map")
        .ring_mark(atlas, id)
        .expect("a ring");
    assert!(c.distance(belt.center()) < 1.0 && r >= 8.0, "{c:?} {r}");
    assert!(r <= 20.0, "a ring, not a disc over the map: {r}");
}

/// #11: a month-precision event is drawn over its whole month (a band from the 1st to
/// the next month's 1st), and its label does not cover the band; a day stays a dot.
#[test]
fn a_month_event_reads_as_its_whole_month() {
    let dir = oasis_plus();
    for (w, hh) in SIZES {
        let h = app_of(dir.path(), w, hh);
        let atlas = h.state().atlas().expect("atlas");
        let i = atlas
            .events
            .iter()
            .position(|e| e.key == "belt-month")
            .expect("event");
        let tl = h.state().timeline_panel().expect("timeline");
        if tl.shown.is_empty() {
            continue; // the timeline is a closed drawer at this size
        }
        let Some((_, band)) = tl.event_spans.iter().find(|(e, _)| *e == i) else {
            panic!("{w}×{hh}: the month is not drawn: {:?}", tl.event_spans);
        };
        let x = |d: i64| h.state().timeline_x(d).expect("x");
        let (first, next) = (
            aras::model::timeline::days_from_civil(2026, 3, 1),
            aras::model::timeline::days_from_civil(2026, 4, 1),
        );
        let plot = tl.plot_rect.expect("plot");
        let want = (x(first).max(plot.left()), x(next).min(plot.right()));
        assert!(
            (band.left() - want.0).abs() <= 2.0 && (band.right() - want.1).abs() <= 2.0,
            "{w}×{hh}: band {band:?}, the month from {} to {}",
            want.0,
            want.1
        );
        let (_, label) = tl.label_rects.iter().find(|(e, _)| *e == i).expect("label");
        assert!(
            !label.shrink(0.5).intersects(*band),
            "{w}×{hh}: label {label:?} covers the band {band:?}"
        );
        let day = atlas
            .events
            .iter()
            .position(|e| e.key == "roads-open")
            .expect("day");
        let (_, dot) = tl.event_spans.iter().find(|(e, _)| *e == day).expect("dot");
        assert!(dot.width() <= 16.0, "{w}×{hh}: a day is a dot: {dot:?}");
    }
}

/// #5: Northland is cut by the atlas's frame on its east and north (like a draft's
/// clipped context): those edges are filled to but never stroked; its west and south
/// edges are borders.
#[test]
fn a_cut_edge_of_a_clipped_country_is_not_stroked() {
    let h = app_of(&oasis(), 1024.0, 700.0);
    let atlas = h.state().atlas().expect("atlas");
    let id = atlas.by_key("northland").expect("northland");
    let el = atlas.element(id).expect("el");
    let Some(Projected::Area(area)) = &el.projected else {
        panic!("northland is an area")
    };
    let map = h.state().map_panel().expect("map");
    let ring = &area.rings[0];
    let mut cut = 0;
    let mut border = 0;
    for k in 0..ring.len() {
        let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
        let [la, pa] = atlas.projection.unproject(f64::from(a[0]), f64::from(a[1]));
        let [lb, pb] = atlas.projection.unproject(f64::from(b[0]), f64::from(b[1]));
        let on_frame = ((la - 70.0).abs() < 1e-3 && (lb - 70.0).abs() < 1e-3)
            || ((pa - 60.0).abs() < 1e-3 && (pb - 60.0).abs() < 1e-3);
        if a == b {
            continue;
        }
        if on_frame {
            cut += 1;
            assert!(
                !map.strokes_edge(id, a, b),
                "cut edge {la},{pa} → {lb},{pb}"
            );
        } else {
            border += 1;
            assert!(map.strokes_edge(id, a, b), "border {la},{pa} → {lb},{pb}");
        }
    }
    assert!(cut >= 2 && border >= 2, "cut {cut}, border {border}");
}
