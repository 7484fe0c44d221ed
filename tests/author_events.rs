//! Author mode, this round (issue 15): a route across the antimeridian takes the short
//! way (its countries, the loader's check, the line drawn); an event edited after it is
//! made; a duplicate found by its gazetteer id; the first key after Tab.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::ArasApp;
use aras::model::edit::{Edit, EventField, route_via};
use aras::model::{Atlas, Projected};
use common::app::text_of;
use common::edit::{author_harness, click, has_button};
use common::load_dir as load;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The antimeridian test atlas (Alpha split at ±180° like Chukotka, Beta like Alaska)
/// with Epsilon, a country on the far side of the world at the same latitude, and a
/// ferry from Alpha to Beta across ±180°, as a click from one to the other stores it.
fn pacific_ferry(line: &str) -> tempfile::TempDir {
    let dir = common::overlaid(&common::manifest().join("tests/atlases/wild-geom-antimeridian"));
    let path = dir.path().join("map.geojson");
    let map = std::fs::read_to_string(&path).unwrap();
    let extra = format!(
        r#",
{{"type":"Feature","properties":{{"id":"epsilon","kind":"country","name":"Epsilon","aliases":[],"context":true}},"geometry":{{"type":"Polygon","coordinates":[[[-10,60],[10,60],[10,70],[-10,70],[-10,60]]]}}}},
{{"type":"Feature","properties":{{"id":"ferry","kind":"corridor","name":"Ferry","aliases":[],"context":true,"status":"existing","via":["alpha","beta"],"source":"Ours, schematic."}},"geometry":{{"type":"LineString","coordinates":{line}}}}}
]}}"#
    );
    let end = map
        .trim_end()
        .strip_suffix("]}")
        .expect("a feature collection");
    std::fs::write(&path, format!("{end}{extra}")).unwrap();
    dir
}

fn loads(dir: &tempfile::TempDir) -> Atlas {
    load(dir.path()).unwrap_or_else(|p| panic!("should load:\n{p}"))
}

#[test]
fn a_route_across_the_antimeridian_passes_only_through_the_countries_at_its_ends() {
    for line in ["[[175,66],[-160,66]]", "[[-160,66],[175,66]]"] {
        let atlas = loads(&pacific_ferry(line));
        let pts: Vec<[f64; 2]> = serde_json::from_str(line).unwrap();
        assert_eq!(
            route_via(&atlas, &pts),
            ["alpha", "beta"],
            "{line}: the short way, not round the world through Epsilon"
        );
    }
}

#[test]
fn a_route_round_the_world_is_still_checked_against_what_it_crosses() {
    // Three steps of less than 180° each go the long way, through Epsilon.
    let atlas = loads(&pacific_ferry("[[175,66],[-160,66]]"));
    let round = [[175.0, 66.0], [60.0, 66.0], [-60.0, 66.0], [-160.0, 66.0]];
    assert!(route_via(&atlas, &round).contains(&"epsilon".to_owned()));
}

#[test]
fn a_route_across_the_antimeridian_is_drawn_the_short_way() {
    let atlas = loads(&pacific_ferry("[[175,66],[-160,66]]"));
    let id = atlas.by_key("ferry").unwrap();
    let Some(Projected::Lines(lines)) = &atlas.element(id).unwrap().projected else {
        panic!("the ferry is a line");
    };
    let p = &lines[0].0;
    let km = ((p[1].x - p[0].x).powi(2) + (p[1].y - p[0].y).powi(2)).sqrt();
    // 35° of longitude at 66° N is about 1,600 km; round the world would be ~15,000.
    assert!(km < 2500.0, "drawn {km:.0} km long");
}

const DATE: &str = "Date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text)";

/// The minimal atlas with one event: Beta moved troops, dated by us.
fn with_event() -> tempfile::TempDir {
    let dir = common::edit::minimal();
    std::fs::write(
        dir.path().join("events.json"),
        r#"{"events": [{"id": "troops-moved", "label": "Beta moved troops", "date": "2021",
            "elements": ["beta"], "link": "troops", "source": "Ours, for the test."}]}"#,
    )
    .unwrap();
    dir
}

fn type_into(h: &mut Harness<'static, ArasApp>, label: &str, text: &str) {
    // One line, or wrapped over several (a date's source: s10 #4).
    let role = if h.query_by_role_and_label(Role::TextInput, label).is_some() {
        Role::TextInput
    } else {
        Role::MultilineTextInput
    };
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    if text.is_empty() {
        h.key_press(Key::Backspace);
    } else {
        h.get_by_role_and_label(role, label).type_text(text);
    }
    h.run();
}

fn event_json(h: &Harness<'static, ArasApp>) -> serde_json::Value {
    let a = h.state().author.as_ref().unwrap();
    a.session.doc.value("events.json").unwrap()["events"][0].clone()
}

#[test]
fn an_event_date_that_does_not_parse_is_refused_with_the_reason() {
    let (dir, mut s) = common::edit::minimal_session();
    drop(dir);
    let err = s
        .edit(Edit::SetEvent {
            id: "none".into(),
            field: EventField::Date("2021".into()),
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "there is no event `none`");
    let dir = with_event();
    let mut s = aras::model::edit::store::Session::open(dir.path()).unwrap();
    let before = s.doc.value("events.json").unwrap().clone();
    let err = s
        .edit(Edit::SetEvent {
            id: "troops-moved".into(),
            field: EventField::Date("2021-13".into()),
        })
        .unwrap_err();
    assert!(err.to_string().contains("month out of range"), "{err}");
    assert_eq!(
        s.doc.value("events.json").unwrap(),
        &before,
        "nothing changed"
    );
}

#[test]
fn an_event_picked_on_the_timeline_is_edited_field_by_field_and_undone_by_name() {
    let dir = with_event();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    // A pick on the timeline selects the event and its first element.
    let beta = h.state().atlas().unwrap().by_key("beta").unwrap();
    h.state_mut().selection.selected = Some(beta);
    h.state_mut().selection.event = Some(0);
    h.run();
    assert!(
        h.query_by_label("Editing event Beta moved troops")
            .is_some()
    );

    type_into(&mut h, DATE, "2021-13");
    click(&mut h, "Save event");
    let why = "Not saved: the date “2021-13” does not parse (`2021-13`: month out of range); \
               write YYYY, YYYY-MM or YYYY-MM-DD";
    assert!(h.query_by_label(why).is_some(), "the form says why");
    assert_eq!(event_json(&h)["date"], "2021");

    type_into(&mut h, DATE, "2021-10");
    // Leaving the field saves it (trial s9 #14).
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(event_json(&h)["date"], "2021-10");
    type_into(&mut h, "Label", "Beta's troops moved");
    click(&mut h, "Save event");
    assert_eq!(event_json(&h)["date"], "2021-10");
    assert_eq!(event_json(&h)["label"], "Beta's troops moved");
    let atlas = h.state().atlas().unwrap();
    assert_eq!(
        atlas.events[0].date_label(),
        "October 2021",
        "the timeline shows it"
    );
    // One edit per field, each undone by its name: the date was saved when its field
    // was left for the label's (trial #14), the label by "Save event".
    click(
        &mut h,
        "Undo: rename event Beta moved troops to Beta's troops moved",
    );
    assert_eq!(event_json(&h)["label"], "Beta moved troops");
    click(
        &mut h,
        "Undo: set date of event Beta moved troops to 2021-10",
    );
    assert_eq!(event_json(&h)["date"], "2021");
}

#[test]
fn an_element_lists_its_events_and_a_problem_about_one_opens_it() {
    let dir = with_event();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    let beta = h.state().atlas().unwrap().by_key("beta").unwrap();
    h.state_mut().selection.selected = Some(beta);
    h.run();
    click(&mut h, "Edit event Beta moved troops (2021)");
    // Without its source the date is not the passage's: the check says so.
    type_into(
        &mut h,
        "Source of the date, if the passage does not give it in full",
        "",
    );
    click(&mut h, "Save event");
    assert!(event_json(&h).get("source").is_none());
    assert!(has_button(
        &h,
        "Undo: set source of event Beta moved troops"
    ));
    click(&mut h, "Back to the element");
    let problems = h.state().author.as_ref().unwrap().problems.len();
    assert_eq!(problems, 1, "the date is not in the passage");
    click(&mut h, "Problems (1)");
    let p = h.state().author.as_ref().unwrap().problems[0].to_string();
    h.get_by_label(p.as_str()).click();
    h.run();
    assert!(
        h.query_by_label("Editing event Beta moved troops")
            .is_some()
    );
}

/// The gazetteer id of the region called `name`.
fn region_id(name: &str) -> String {
    use aras::model::edit::pick::kind_of;
    let gaz = aras::gazetteer::Gazetteer::embedded().unwrap();
    let p = gaz
        .places()
        .iter()
        .find(|p| p.name == name && kind_of(p) == aras::model::Kind::Region)
        .unwrap_or_else(|| panic!("no region {name}"));
    p.id.0.clone()
}

/// The minimal atlas whose Alpha stands for the gazetteer's Nebraska (as a draft's
/// element renamed by its author would).
fn alpha_is_nebraska() -> tempfile::TempDir {
    let dir = common::edit::minimal();
    let path = dir.path().join("map.geojson");
    let map = std::fs::read_to_string(&path).unwrap().replacen(
        r#""id":"alpha","#,
        &format!(r#""id":"alpha","gazetteer":"{}","#, region_id("Nebraska")),
        1,
    );
    std::fs::write(&path, map).unwrap();
    dir
}

#[test]
fn adding_a_gazetteer_place_an_element_stands_for_already_warns_and_offers_it() {
    let dir = alpha_is_nebraska();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    click(&mut h, "New…");
    click(&mut h, "Region from the gazetteer…");
    type_into(&mut h, "Find it in the world gazetteer", "Nebraska");
    let option = h
        .query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Nebraska (region")))
        .next()
        .map(|n| text_of(&n));
    h.get_by_label(option.expect("the gazetteer's Nebraska").as_str())
        .click();
    h.run();
    let warning = "Alpha (country, id alpha) is this gazetteer place already: adding another \
                   makes a duplicate.";
    assert!(h.query_by_label(warning).is_some(), "the form warns");
    click(&mut h, "Select Alpha instead");
    for _ in 0..3 {
        h.run();
    }
    let alpha = h.state().atlas().unwrap().by_key("alpha");
    assert_eq!(
        h.state().selection.selected,
        alpha,
        "Alpha is selected, nothing added"
    );
    assert!(h.state().author.as_ref().unwrap().session.history.depth() == 0);
}

#[test]
fn review_offers_first_to_merge_an_element_into_the_one_for_the_same_gazetteer_place() {
    let dir = alpha_is_nebraska();
    let mut s = aras::model::edit::store::Session::open(dir.path()).unwrap();
    // A place from the gazetteer keeps its id, as `aras new` writes it.
    let gaz = aras::gazetteer::Gazetteer::embedded().unwrap();
    let suva = gaz.places().iter().find(|p| p.name == "Suva").unwrap();
    let from_gaz = aras::model::edit::pick::element_from_place(&s.doc, gaz, suva).unwrap();
    assert_eq!(from_gaz.gazetteer.as_deref(), Some(suva.id.0.as_str()));
    // The author's second element for Nebraska, under another name.
    let new = aras::model::edit::NewElement {
        id: "cornhusker-state".into(),
        kind: aras::model::Kind::Region,
        name: "Cornhusker State".into(),
        aliases: vec![],
        geometry: Some(serde_json::json!({"type": "Polygon",
            "coordinates": [[[44.2, 40.2], [44.4, 40.2], [44.4, 40.4], [44.2, 40.2]]]})),
        at: None,
        country: None,
        offmap: false,
        source: Some("test".into()),
        via: vec![],
        status: None,
        gazetteer: Some(region_id("Nebraska")),
    };
    s.edit(Edit::AddElement(new)).unwrap();
    let rows = aras::model::edit::element_list(&s.doc);
    let (twin, why) = aras::model::edit::pick::twin_of(
        &rows[..rows.len() - 1],
        "Other",
        Some(&region_id("Nebraska")),
    )
    .unwrap();
    assert_eq!(
        (twin.id.as_str(), why),
        ("alpha", aras::model::edit::pick::Twin::SamePlace)
    );
    let range = common::edit::range_of(&s.doc, "Alpha borders Beta.", 0);
    s.edit(Edit::AddLink {
        id: None,
        range,
        elements: vec!["cornhusker-state".into()],
    })
    .unwrap();
    if let Err(p) = s.doc.check() {
        panic!("{p}");
    }
    s.save().unwrap();

    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    h.query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Review (")))
        .next()
        .expect("the Review tab")
        .click();
    h.run();
    let merges: Vec<_> = h.query_all_by_label("Merge into…").collect();
    merges.last().unwrap().click();
    h.run();
    let first = h
        .query_all_by_role(Role::Button)
        .map(|n| text_of(&n))
        .find(|l| l.starts_with("Merge Cornhusker State into"));
    assert_eq!(
        first.as_deref(),
        Some("Merge Cornhusker State into Alpha (the same gazetteer place)")
    );
}

/// The value of text field `label`.
fn field(h: &Harness<'static, ArasApp>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

/// Tab, then a key, in one frame: a window drawn slower than the keys come (software GL,
/// xdotool at 30 ms a key) gets both in the same input.
fn tab_then(h: &mut Harness<'static, ArasApp>, text: &str) {
    h.key_press(Key::Tab);
    h.event(egui::Event::Text(text.into()));
    h.run();
}

#[test]
fn the_first_key_after_tab_goes_to_the_next_field() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    let alpha = h.state().atlas().unwrap().by_key("alpha").unwrap();
    h.state_mut().selection.selected = Some(alpha);
    h.run();
    type_into(&mut h, "Name", "Alpha Republic");
    tab_then(&mut h, "A");
    h.event(egui::Event::Text("R".into()));
    h.run();
    assert_eq!(field(&h, "Name"), "Alpha Republic");
    // The rename kept the old name as an alias; the keys went after it.
    assert_eq!(field(&h, "Aliases (comma-separated)"), "Alphaland, AlphaAR");
}
