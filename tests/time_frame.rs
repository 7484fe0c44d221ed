//! The timeline's views and the map date's range come from the atlas's own events: a
//! story from 2018 is not shown on the seed article's 2021 timeline.

#![allow(clippy::expect_used)]

mod common;

use aras::model::timeline::days_from_civil;
use aras::state::{LayerArgs, Layers};
use common::app::harness_of_sized;
use common::{copy_of, load_dir, minimal_dir};
use egui_kittest::kittest::Queryable;

/// A copy of the minimal atlas with these events (`(id, date)`, on the "troops" passage).
fn atlas_with_events(events: &[(&str, &str)], views: &str) -> tempfile::TempDir {
    let dir = copy_of(&minimal_dir());
    let items: Vec<String> = events
        .iter()
        .map(|(id, date)| {
            format!(
                r#"{{"id": "{id}", "label": "Troops move ({id})", "date": "{date}", "elements": ["alpha", "beta"], "link": "troops", "source": "test fixture"}}"#
            )
        })
        .collect();
    let json = format!(r#"{{ {views} "events": [{}] }}"#, items.join(",\n"));
    std::fs::write(dir.path().join("events.json"), json).expect("write events");
    dir
}

#[test]
fn an_atlas_of_2018_has_its_map_date_and_timeline_in_2018() {
    let dir = atlas_with_events(&[("move", "2018-03-04")], "");
    let atlas = load_dir(dir.path()).expect("loads");
    let day = days_from_civil(2018, 3, 4);
    assert_eq!(atlas.date_limits(), (day, day));
    let frame = atlas.time.expect("dated");
    assert_eq!(frame.whole.label, "Mar 2018");
    assert!(frame.whole.from < day && frame.whole.to > day);
    assert!(frame.close.is_none(), "one event needs no close-up");
}

#[test]
fn an_atlas_dated_to_a_year_reads_as_that_year_not_its_first_of_january() {
    let dir = atlas_with_events(&[("crackdown", "2015")], "");
    let atlas = load_dir(dir.path()).expect("loads");
    let frame = atlas.time.clone().expect("dated");
    assert_eq!(frame.whole.label, "2015");
    assert_eq!(frame.present, days_from_civil(2015, 12, 31));
    let two = atlas_with_events(&[("a", "2014"), ("b", "2015")], "");
    let frame = load_dir(two.path()).expect("loads").time.expect("dated");
    assert_eq!(frame.whole.label, "2014–2015");
}

#[test]
fn the_close_up_shows_the_latest_weeks_and_the_whole_view_every_year() {
    let dir = atlas_with_events(
        &[
            ("old", "2016"),
            ("feb", "2018-02-20"),
            ("mar", "2018-03-04"),
        ],
        "",
    );
    let frame = load_dir(dir.path()).expect("loads").time.expect("dated");
    assert_eq!(frame.whole.label, "Since 2016");
    let close = frame.close.expect("a close-up");
    assert_eq!(close.label, "Feb–Mar 2018");
    assert!(close.from <= days_from_civil(2018, 2, 20));
    assert!(close.from > days_from_civil(2018, 1, 1));
}

#[test]
fn an_atlas_may_name_its_views_and_a_bad_one_is_reported() {
    let named =
        r#""views": {"close": {"label": "The raid", "from": "2018-03-01", "to": "2018-03-10"}},"#;
    let dir = atlas_with_events(&[("old", "2016"), ("mar", "2018-03-04")], named);
    let frame = load_dir(dir.path()).expect("loads").time.expect("dated");
    let close = frame.close.expect("named");
    assert_eq!(close.label, "The raid");
    assert_eq!(
        close.to,
        days_from_civil(2018, 3, 11),
        "`to` is the last day shown"
    );

    let bad =
        r#""views": {"close": {"label": "Backwards", "from": "2018-03-10", "to": "2018-03-01"}},"#;
    let dir = atlas_with_events(&[("mar", "2018-03-04")], bad);
    let problems = load_dir(dir.path()).expect_err("refused").to_string();
    assert!(
        problems.contains("events.json")
            && problems.contains("views.close")
            && problems.contains("before"),
        "{problems}"
    );
}

#[test]
fn a_map_date_outside_the_atlas_is_refused_naming_its_range() {
    let dir = atlas_with_events(&[("old", "2016"), ("mar", "2018-03-04")], "");
    let atlas = load_dir(dir.path()).expect("loads");
    let args = LayerArgs {
        date: Some(days_from_civil(2021, 10, 1)),
        ..LayerArgs::default()
    };
    let err = Layers::from_args(&atlas, &args).expect_err("after the present");
    assert!(err.contains("between 2016-01-01 and 2018-03-04"), "{err}");
    let undated = load_dir(&minimal_dir()).expect("loads");
    assert!(Layers::from_args(&undated, &args).is_err());
}

#[test]
fn the_window_shows_the_atlas_s_own_dates_not_the_seed_article_s() {
    let dir = atlas_with_events(
        &[
            ("old", "2016"),
            ("feb", "2018-02-20"),
            ("mar", "2018-03-04"),
        ],
        "",
    );
    let source = aras::model::AtlasSource::Dir(dir.path().to_path_buf());
    let init = aras::app::AppInit {
        atlas: aras::model::load(&source),
        source,
        ..aras::app::AppInit::embedded()
    };
    let mut h = harness_of_sized(init, 1400.0, 900.0);
    h.run();
    h.get_by_label("Map as of 4 Mar 2018");
    h.get_by_label("Feb–Mar 2018");
    h.get_by_label("Since 2016");
    for seed in ["The crisis, Sept–Oct 2021", "Since 1991"] {
        assert!(
            h.query_by_label(seed).is_none(),
            "{seed} shown for a 2018 story"
        );
    }
}
