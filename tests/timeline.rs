//! Time and stance: the timeline, the date cursor, relations and scenarios.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::model::Atlas;
use common::app::*;
use egui::Pos2;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn clicking_the_1_october_event_selects_iran_and_shows_its_passage() {
    let mut h = harness();
    let p = h.state().timeline_event_pos("iran-drills").expect("drawn");
    click_at(&mut h, p);
    assert_eq!(selected(&h).as_deref(), Some("iran"));
    assert!(side_panel_shows(
        &h,
        "Iran’s military drills near the border"
    ));
    assert!(side_panel_shows(&h, "1 October 2021 (to the day)"));
    assert!(side_panel_shows(
        &h,
        "Iran carried out military drills on 1 October near its border with Azerbaijan"
    ));
}

#[test]
fn the_crisis_preset_shows_the_seven_events_of_september_and_october() {
    let h = harness();
    let shown = h.state().timeline_shown();
    let crisis: Vec<&str> = [
        "panjshir-offensive",
        "relations-deteriorate",
        "trilateral-exercises",
        "iran-drills",
        "three-plus-three",
        "dialogue-agreement",
        "drivers-released",
    ]
    .into();
    for key in &crisis {
        assert!(shown.iter().any(|s| s == key), "{key} not shown: {shown:?}");
    }
    // Besides those seven, only the spans that run through 2021 reach into the window.
    let others: Vec<&String> = shown
        .iter()
        .filter(|s| !crisis.contains(&s.as_str()))
        .collect();
    assert!(
        others
            .iter()
            .all(|s| *s == "post-1991" || *s == "rouhani-second-term"),
        "{others:?}"
    );
}

#[test]
fn the_since_1991_preset_shows_every_event() {
    let mut h = harness();
    h.get_by_label("Since 1991").click();
    h.run();
    let atlas = Atlas::embedded().expect("atlas");
    assert_eq!(h.state().timeline_shown().len(), atlas.events.len());
    assert!(atlas.events.len() >= 13);
}

#[test]
fn moving_the_cursor_before_october_2020_changes_the_recaptured_areas() {
    let mut h = harness();
    let node = h.get_by_role_and_label(Role::Button, "Territory recaptured by Azerbaijan in 2020");
    assert_eq!(
        node.accesskit_node().description().as_deref(),
        Some("region")
    );
    assert!(
        h.query_by_role_and_label(Role::Button, "Zangezur Corridor")
            .is_some()
    );
    // Move the map-date slider to mid-2019: a click on its track, which spans the
    // preset's range.
    h.get_by_label("Since 1991").click();
    h.run();
    let slider = h.get_by_role(Role::Slider).rect();
    let frame = aras::model::Atlas::embedded()
        .expect("embedded")
        .time
        .expect("dated");
    let (lo, hi) = aras::state::Preset::Whole.slider_range(&frame);
    let day = aras::model::timeline::days_from_civil(2019, 6, 1);
    let f = (day - lo) as f32 / (hi - lo) as f32;
    let x = slider.left() + 6.0 + f * (slider.width() - 12.0);
    click_at(&mut h, Pos2::new(x, slider.center().y));
    h.get_by_label_contains("Map as of");
    assert!(h.query_all_by_label_contains("2019").count() >= 1);
    let node = h.get_by_role_and_label(Role::Button, "Territory recaptured by Azerbaijan in 2020");
    let d = node.accesskit_node().description().unwrap_or_default();
    assert!(
        d.contains("Not under Azerbaijani control until the October 2020 war"),
        "{d}"
    );
    // The corridor proposals came after the war: not on the map in 2019.
    assert!(
        h.query_by_role_and_label(Role::Button, "Zangezur Corridor")
            .is_none()
    );
}

#[test]
fn a_relation_can_be_selected_and_shows_its_evidence() {
    let mut h = harness();
    h.get_by_label("Layers and legend").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Relations between actors")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Iran accuses Azerbaijan")
        .click();
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("iran-accuses-azerbaijan"));
    assert!(side_panel_shows(&h, "Claimed by Iran"));
    assert!(side_panel_shows(
        &h,
        "Iran accused Azerbaijan of welcoming Israeli forces"
    ));
    assert!(side_panel_shows(&h, "Type:"));
}

#[test]
fn a_scenario_dims_the_rest_and_shows_its_passages() {
    let mut h = harness();
    h.get_by_label("Integration").click();
    h.run();
    assert!(side_panel_shows(&h, "Scenario: Integration"));
    assert!(side_panel_shows(&h, "the Zangezur Corridor concept"));
    h.get_by_label("Polarisation").click();
    h.run();
    assert!(side_panel_shows(
        &h,
        "One scenario is a continued intensification of tensions"
    ));
}

#[test]
fn exports_of_timeline_and_relations_carry_dates_precision_and_passages() {
    let atlas = Atlas::embedded().expect("atlas");
    let t = aras::model::export::timeline(&atlas);
    let drills = t["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == "iran-drills")
        .expect("drills");
    assert_eq!(drills["date"], "2021-10-01");
    assert_eq!(drills["precision"], "day");
    assert!(
        drills["passage"]["text"]
            .as_str()
            .expect("text")
            .contains("1 October")
    );
    let span = t["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == "rouhani-second-term")
        .expect("span");
    assert_eq!(span["date"], "2017-08-03/2021-08-03");
    assert_eq!(span["precision"], "span");
    let r = aras::model::export::relations(&atlas);
    let acc = r["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .find(|x| x["id"] == "iran-accuses-azerbaijan")
        .expect("relation");
    assert_eq!(acc["relation"], "accusation");
    assert_eq!(acc["claimed_by"], "iran");
    assert_eq!(acc["passages"][0]["denied_by"][0], "azerbaijan");
}

#[test]
fn a_click_on_the_empty_timeline_moves_the_date_cursor() {
    let mut h = harness();
    h.get_by_label("Since 1991").click();
    h.run();
    let day = aras::model::timeline::days_from_civil(2005, 3, 1);
    let x = h.state().timeline_x(day).expect("timeline");
    // Half-way between two lanes, where no event is drawn.
    let atlas = Atlas::embedded().expect("atlas");
    let mut ys: Vec<f32> = atlas
        .events
        .iter()
        .filter_map(|e| h.state().timeline_event_pos(&e.key))
        .map(|p| p.y)
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let y = (ys[0] + ys[1]) / 2.0;
    click_at(&mut h, Pos2::new(x, y));
    h.get_by_label_contains("Map as of");
    assert!(h.query_all_by_label_contains("2005").count() >= 1);
}

/// The map-date caption on the map, e.g. "Map as of 15 Oct 2020".
fn map_date_shown(h: &egui_kittest::Harness<'static, aras::app::ArasApp>) -> String {
    let n = h.get_by_label_contains("Map as of");
    let n = n.accesskit_node();
    n.label()
        .or_else(|| n.value())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_typed_date_moves_the_map_to_any_day_of_the_2020_war() {
    let mut h = harness();
    type_date(&mut h, "2020-10-15");
    assert_eq!(map_date_shown(&h), "Map as of 15 Oct 2020");
    // Out of the crisis preset's range: the timeline shows the whole span.
    assert!(h.state().timeline_shown().len() > 10);
    // Mid-war, the routes and the format the atlas dates to 2021 are not on the map.
    assert!(
        h.query_by_role_and_label(Role::Button, "3+3 format")
            .is_none(),
        "the 3+3 format (6 October 2021) is drawn in October 2020"
    );
    for route in [
        "Turkish Airlines flights to Baku",
        "Iranian truck drivers’ route",
    ] {
        assert!(
            h.query_by_role_and_label(Role::Button, route).is_none(),
            "{route} is drawn in October 2020"
        );
    }
}

#[test]
fn a_mistyped_date_is_refused_and_the_map_keeps_its_date() {
    let mut h = harness();
    type_date(&mut h, "2020-02-30");
    assert_eq!(map_date_shown(&h), "Map as of 21 Oct 2021");
    assert!(
        h.query_by_label("Not a date").is_some(),
        "the refusal is shown"
    );
}

#[test]
fn arrows_on_the_slider_step_by_event_and_shift_arrows_by_month() {
    let mut h = harness();
    h.get_by_role(Role::Slider).focus();
    h.run();
    // From the latest day back one event: the 13 October dialogue.
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(map_date_shown(&h), "Map as of 13 Oct 2021");
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(map_date_shown(&h), "Map as of 6 Oct 2021");
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowLeft);
    h.run();
    assert_eq!(map_date_shown(&h), "Map as of 6 Sep 2021");
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(map_date_shown(&h).contains("Sep 2021") || map_date_shown(&h).contains("Oct 2021"));
}

/// Timeline labels neither overlap nor leave the plot and keep their dates whole; dots
/// are drawn whole and no label covers one; toolbar groups stay whole.
fn assert_timeline_legible(h: &egui_kittest::Harness<'static, aras::app::ArasApp>, what: &str) {
    let t = h.state().timeline_panel().expect("timeline");
    let plot = t.plot_rect.expect("plot drawn");
    assert!(!t.label_rects.is_empty(), "{what}: no labels");
    let atlas = h.state().atlas().expect("atlas");
    let is_dot = |i: usize| {
        let d = &atlas.events[i].date;
        !d.is_span() && d.start.precision == aras::model::timeline::Precision::Day
    };
    for (i, p) in &t.event_positions {
        if !is_dot(*i) {
            continue;
        }
        let dot = egui::Rect::from_center_size(*p, egui::vec2(13.0, 13.0));
        assert!(
            plot.contains_rect(dot),
            "{what}: the dot of event {i} at {p:?} is cut by the plot's edge {plot:?}"
        );
        for (j, r) in &t.label_rects {
            assert!(
                !r.intersects(dot.shrink(1.0)),
                "{what}: the label of event {j} {r:?} covers the dot of event {i} at {p:?}"
            );
        }
    }
    for (i, _) in &t.label_rects {
        let ev = &atlas.events[*i];
        let text = t.label_text(*i).expect("the label's text");
        assert!(
            text.ends_with(&ev.date_label()),
            "{what}: the label {text:?} cuts its date {:?}",
            ev.date_label()
        );
    }
    for (i, (a, ra)) in t.label_rects.iter().enumerate() {
        assert!(
            plot.expand(1.0).contains_rect(*ra),
            "{what}: label of event {a} at {ra:?} is clipped by the plot {plot:?}"
        );
        for (b, rb) in t.label_rects.iter().skip(i + 1) {
            assert!(
                !ra.shrink(0.5).intersects(rb.shrink(0.5)),
                "{what}: labels of events {a} and {b} overlap: {ra:?} {rb:?}"
            );
        }
    }
    assert_eq!(t.toolbar_rects.len(), 3, "{what}");
    for r in &t.toolbar_rects {
        assert!(
            r.right() <= plot.right() + 12.0 && r.left() >= plot.left() - 12.0,
            "{what}: toolbar group {r:?} runs out of the timeline {plot:?}"
        );
    }
    for (i, a) in t.toolbar_rects.iter().enumerate() {
        assert!(
            a.height() < 30.0,
            "{what}: toolbar group {i} wraps inside: {a:?}"
        );
        for b in t.toolbar_rects.iter().skip(i + 1) {
            assert!(
                !a.shrink(0.5).intersects(b.shrink(0.5)),
                "{what}: {a:?} {b:?}"
            );
        }
    }
    // "Scenario:" is on the same row as its choices.
    let scenario = h.get_by_label("Scenario:").rect();
    let none = h.get_by_label("None").rect();
    assert!(
        (scenario.center().y - none.center().y).abs() < 4.0,
        "{what}"
    );
}

#[test]
fn timeline_labels_never_clip_or_overlap_at_common_sizes() {
    for size in [(640.0, 480.0), (1024.0, 700.0), (1400.0, 900.0)] {
        for preset in ["The crisis, Sept–Oct 2021", "Since 1991"] {
            let mut h = harness_sized(size.0, size.1);
            if h.query_by_label(preset).is_none() {
                // A small window keeps the timeline as a drawer, closed until asked for.
                h.get_by_role_and_label(Role::Button, "Timeline").click();
                h.run();
            }
            h.get_by_label(preset).click();
            h.run();
            h.run();
            let what = format!("{preset} at {size:?}");
            assert_timeline_legible(&h, &what);
            // Where the window is tall enough, every lane is in view, none below the
            // window's edge.
            let plot = h.state().timeline_panel().and_then(|t| t.plot_rect);
            let plot = plot.expect("plot");
            if size.1 >= 700.0 {
                assert!(
                    plot.bottom() <= size.1,
                    "{what}: the timeline runs {} points below the window",
                    plot.bottom() - size.1
                );
            }
        }
    }
}

#[test]
fn before_the_war_the_legend_keys_the_recaptured_districts_as_they_were() {
    let mut h = harness();
    type_date(&mut h, "2020-06-01");
    h.get_by_label("Layers and legend").click();
    h.run();
    assert!(
        h.query_by_label_contains("Since October 2020: ").is_none(),
        "the legend keys the later state in June 2020"
    );
    assert!(
        h.query_by_label_contains("on the map date").is_some(),
        "the legend has no key for the earlier state"
    );
}
