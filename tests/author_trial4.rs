//! What the third newcomer trial of author mode found in its forms (issue 15, s9 trial
//! #3, #6, #7, #12, #14), each pinned where a user meets it: lists that offer only what
//! makes sense, sorted and filterable; whole words linked; a passage's ends at words;
//! undo labels without ids; fields saved when left; a place's country in Review; a
//! short name on the map.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::ArasApp;
use aras::model::edit::{
    AtlasDoc, Attr, Edit, EventField, NewElement, NewEvent, RelationField, Stance, VoiceEdit,
    element_value,
};
use aras::model::timeline::RelationType;
use aras::model::{Kind, PartKind};
use common::app::{click_geo, drag};
use common::edit::{
    alpha_accuses_beta, author_harness, click, has_button, open_new, range_of, select, text_span,
    type_into,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

type App = Harness<'static, ArasApp>;

fn label_of(n: &egui_kittest::Node<'_>) -> String {
    n.accesskit_node().label().unwrap_or_default()
}

/// The labels of the buttons whose label starts with `prefix`, top to bottom.
fn buttons_starting(h: &App, prefix: &str) -> Vec<String> {
    let mut b: Vec<(f32, f32, String)> = h
        .get_all_by_role(Role::Button)
        .map(|n| (n.rect().top(), n.rect().left(), label_of(&n)))
        .filter(|(_, _, l)| l.starts_with(prefix))
        .collect();
    b.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
    b.into_iter().map(|(_, _, l)| l).collect()
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut s = v.to_vec();
    s.sort_by_key(|x| x.to_lowercase());
    s
}

// ---- #7: lists offer what makes sense, sorted, and find the rest by typing.

/// A route drawn inside Armenia is offered the countries and regions it crosses or comes
/// near, not Bulgaria (which the form offered before, in file order); Bulgaria is found
/// by typing.
#[test]
fn the_new_route_form_offers_what_its_line_crosses_or_nears_and_finds_others_by_typing() {
    let dir = common::edit::assets();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    open_new(&mut h, "Route by clicking the map");
    click_geo(&mut h, 44.6, 40.1);
    click_geo(&mut h, 45.4, 39.9);
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label("New route").is_some(), "the form opens");
    let armenia = h.get_by_role_and_label(Role::CheckBox, "Armenia");
    assert_eq!(
        armenia.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the country it crosses is ticked"
    );
    assert!(
        h.query_by_role_and_label(Role::CheckBox, "Azerbaijan")
            .is_some(),
        "a neighbour within reach is offered"
    );
    assert!(
        h.query_by_role_and_label(Role::CheckBox, "Bulgaria")
            .is_none(),
        "a far country is not offered"
    );
    assert!(buttons_starting(&h, "Add Bulgaria").is_empty());
    type_into(&mut h, "Add another country or region", "bulg");
    assert_eq!(buttons_starting(&h, "Add Bul"), vec!["Add Bulgaria"]);
    click(&mut h, "Add Bulgaria");
    let bulgaria = h.get_by_role_and_label(Role::CheckBox, "Bulgaria");
    assert_eq!(
        bulgaria.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "added, ticked"
    );
}

/// Review's "Merge into…" for a place offers places and regions, sorted by name: not
/// the atlas's people and routes.
#[test]
fn merge_into_offers_only_elements_of_a_kind_the_element_can_be_sorted() {
    let dir = common::edit::assets();
    // Tall enough for Baku's row to be in view (a click needs it).
    let mut h = author_harness(dir.path(), 1400.0, 2600.0);
    h.query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Review (")))
        .next()
        .unwrap()
        .click();
    h.run();
    let accepts = buttons_starting(&h, "Accept");
    let accept = h
        .query_by_role_and_label(Role::Button, "Accept Baku")
        .unwrap_or_else(|| panic!("{accepts:?}"))
        .rect();
    let merge = h
        .query_all_by_label("Merge into…")
        .filter(|n| n.rect().top() >= accept.top() - 1.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap();
    merge.click();
    h.run();
    let mut offered = buttons_starting(&h, "Merge Baku into ");
    // The country it lies in comes first, for a city standing for its government (s10 #6).
    assert_eq!(
        offered.first().map(String::as_str),
        Some("Merge Baku into Azerbaijan (the country it is in)")
    );
    offered.retain(|l| !l.ends_with(" it is in)"));
    assert!(offered.len() >= 5, "{offered:?}");
    let a = h.state().author.as_ref().unwrap();
    for label in &offered {
        let name = label.trim_start_matches("Merge Baku into ");
        let row = aras::model::edit::element_list(&a.session.doc)
            .into_iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert!(
            row.kind == "place" || row.kind == "region",
            "{label}: a {}",
            row.kind
        );
    }
    assert_eq!(offered, sorted(&offered), "sorted by name");
    // Typing narrows it.
    type_into(
        &mut h,
        "Find another place or region to merge Baku into",
        "teh",
    );
    assert_eq!(
        buttons_starting(&h, "Merge Baku into "),
        vec!["Merge Baku into Tehran"]
    );
}

/// The option labels of the open list (a combo box's popup): "Name (kind)".
fn options(h: &App) -> Vec<String> {
    let kinds = [
        "place",
        "person",
        "organisation",
        "offmap",
        "corridor",
        "region",
        "water",
        "country",
    ];
    let mut o: Vec<(f32, String)> = h
        .get_all_by_role(Role::Button)
        .map(|n| (n.rect().top(), label_of(&n)))
        .filter(|(_, l)| {
            kinds
                .iter()
                .any(|k| l.ends_with(&format!(" ({k})")) && !l.starts_with("Add "))
        })
        .collect();
    o.sort_by(|a, b| a.0.total_cmp(&b.0));
    o.into_iter().map(|(_, l)| l).collect()
}

/// The New relation form's From offers actors only (no towns, routes or seas), sorted,
/// with a filter box; the relation's types are all in view at 640×480.
#[test]
fn a_relations_ends_are_actors_sorted_and_filtered_and_its_types_fit_at_640() {
    let dir = common::edit::assets();
    let mut h = author_harness(dir.path(), 1024.0, 700.0);
    open_new(&mut h, "Relation…");
    h.get_by_label("From").click();
    h.run();
    let offered = options(&h);
    assert!(offered.len() > 10, "{offered:?}");
    for o in &offered {
        assert!(
            !(o.ends_with("(place)") || o.ends_with("(corridor)") || o.ends_with("(water)")),
            "{o} is not an actor"
        );
    }
    assert!(offered.contains(&"Ilham Aliyev (person)".to_owned()));
    assert_eq!(offered, sorted(&offered), "sorted by name");
    h.get_by_role_and_label(Role::TextInput, "Find")
        .type_text("arme");
    h.run();
    assert_eq!(options(&h), vec!["Armenia (country)"]);
    h.key_press(Key::Enter);
    h.run();
    let a = h.state().author.as_ref().unwrap();
    assert_eq!(
        a.create.form.as_ref().unwrap().from.as_deref(),
        Some("armenia")
    );
    assert!(
        a.create.form.is_some(),
        "Enter in the filter chooses; it does not add the relation"
    );

    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 640.0, 480.0);
    open_new(&mut h, "Relation…");
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(640.0, 480.0));
    for t in RelationType::ALL {
        let n = h.get_by_label(t.label());
        assert!(
            screen.contains_rect(n.rect()),
            "{}: {:?}",
            t.label(),
            n.rect()
        );
    }
    h.get_by_label("accusation").click();
    h.run();
    let a = h.state().author.as_ref().unwrap();
    assert_eq!(
        a.create.form.as_ref().unwrap().relation,
        RelationType::Accusation
    );
}

// ---- #12: Link to… links whole words.

#[test]
fn link_to_widens_a_selection_inside_a_word_to_the_whole_word_and_shows_it() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    let (from, to) = text_span(&h, "amma Tow");
    drag(&mut h, from, to);
    click(&mut h, "Link to…");
    let words = h.get_by_role_and_label(Role::TextInput, "Words of the article");
    assert_eq!(
        words.accesskit_node().value().as_deref(),
        Some("Gamma Town"),
        "the words shown are the ones linked"
    );
    let search = "Find an element or a place";
    h.get_by_role_and_label(Role::TextInput, search).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, search)
        .type_text("Beta");
    h.run();
    click(&mut h, "Beta (country)");
    assert!(has_button(&h, "Undo: link ‘Gamma Town’ to Beta"));
}

// ---- #14: a passage's ends move by words, not punctuation.

#[test]
fn extending_a_passage_by_a_word_leaves_out_a_trailing_comma() {
    let dir = common::edit::minimal();
    let links = dir.path().join("links.json");
    let text = std::fs::read_to_string(&links).unwrap().replace(
        "\"exact\": \"Alpha said Beta moved troops, which Beta denied.\"",
        "\"exact\": \"Alpha said Beta moved\"",
    );
    std::fs::write(&links, text).unwrap();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    select(&mut h, "beta");
    h.get_by_label("Edit passage").click();
    h.run();
    let (from, to) = text_span(&h, "said Beta");
    drag(&mut h, from, to);
    assert!(h.query_by_label("“Alpha said Beta moved”").is_some());
    let quote = |h: &App| {
        let a = h.state().author.as_ref().unwrap();
        a.session.doc.link_quote("troops").unwrap()
    };
    click(&mut h, "Extend end by a word");
    assert_eq!(
        quote(&h),
        "Alpha said Beta moved troops",
        "without its comma"
    );
    assert!(has_button(
        &h,
        "Undo: change passage ‘Alpha said Beta moved’"
    ));
}

// ---- #14: undo labels name things, never by their ids.

/// Every kind of edit, by name: a new kind fails to compile here until it is added.
fn kind(e: &Edit) -> &'static str {
    match e {
        Edit::AddElement(_) => "add element",
        Edit::AddEvent(_) => "add event",
        Edit::AddRelation(_) => "add relation",
        Edit::RemoveElement { .. } => "remove element",
        Edit::RenameElement { .. } => "rename element",
        Edit::SetAttr { .. } => "set attr",
        Edit::AddLink { .. } => "add link",
        Edit::RemoveLink { .. } => "remove link",
        Edit::SetLinkRange { .. } => "set link range",
        Edit::SetLinkElements { .. } => "set link elements",
        Edit::SetStance { .. } => "set stance",
        Edit::SetVoices { .. } => "set voices",
        Edit::Merge { .. } => "merge",
        Edit::SetBlockKind { .. } => "set block kind",
        Edit::SplitBlock { .. } => "split block",
        Edit::JoinBlocks { .. } => "join blocks",
        Edit::SetEvent { .. } => "set event",
        Edit::Resolve { .. } => "resolve",
        Edit::SetArticle { .. } => "set article",
        Edit::Restore { .. } => "restore",
        Edit::SetRelation { .. } => "set relation",
        Edit::SetDraft { .. } => "set draft",
    }
}

const KINDS: usize = 22;

/// Ids of the document (elements, links, events) that read as ids: with a hyphen.
fn ids(doc: &AtlasDoc) -> Vec<String> {
    let mut out: Vec<String> = aras::model::edit::element_list(doc)
        .into_iter()
        .map(|r| r.id)
        .collect();
    for (file, list) in [("links.json", "links"), ("events.json", "events")] {
        if let Some(items) = doc
            .value(file)
            .and_then(|v| v.get(list))
            .and_then(|v| v.as_array())
        {
            out.extend(
                items
                    .iter()
                    .filter_map(|i| i.get("id").and_then(|v| v.as_str()).map(str::to_owned)),
            );
        }
    }
    out.retain(|i| i.contains('-'));
    out
}

/// A token like a gazetteer id ("geonames:1816670", "ne:admin1:CHN-1").
fn has_gazetteer_id(label: &str) -> bool {
    label.split_whitespace().any(|t| {
        t.split_once(':')
            .is_some_and(|(a, b)| !a.is_empty() && b.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// The edits, in an order in which each applies to the minimal atlas.
fn every_edit(doc: &AtlasDoc, tianjin: &aras::gazetteer::Place) -> Vec<Edit> {
    let town = range_of(doc, "Gamma Town lies in Alpha", 0);
    let part = range_of(doc, "Beta denied", 0);
    vec![
        Edit::AddElement(NewElement {
            id: "zeta-lake-1".into(),
            kind: Kind::Place,
            name: "Zeta".into(),
            aliases: vec![],
            geometry: Some(serde_json::json!({"type": "Point", "coordinates": [44.6, 40.6]})),
            at: None,
            country: Some("alpha".into()),
            offmap: false,
            source: Some("ours".into()),
            via: vec![],
            status: None,
            gazetteer: None,
        }),
        Edit::AddLink {
            id: Some("zeta-link-1".into()),
            range: town,
            elements: vec!["zeta-lake-1".into()],
        },
        Edit::SetLinkElements {
            id: "zeta-link-1".into(),
            elements: vec!["zeta-lake-1".into(), "gamma-town".into()],
        },
        Edit::SetLinkRange {
            id: "zeta-link-1".into(),
            range: range_of(doc, "Gamma Town lies", 0),
        },
        Edit::SetStance {
            link: "zeta-link-1".into(),
            stance: Stance {
                author: true,
                ..Stance::default()
            },
        },
        Edit::SetVoices {
            link: "troops".into(),
            voices: vec![VoiceEdit {
                range: part,
                stance: Stance {
                    denied_by: vec!["beta".into()],
                    ..Stance::default()
                },
            }],
        },
        Edit::AddEvent(NewEvent {
            id: "ev-troops-1".into(),
            label: "Troops move".into(),
            date: "2021-10".into(),
            qualifier: None,
            elements: vec!["beta".into()],
            range: range_of(doc, "Alpha said Beta moved troops", 0),
            source: Some("ours".into()),
        }),
        Edit::SetEvent {
            id: "ev-troops-1".into(),
            field: EventField::Source(Some("Reuters".into())),
        },
        Edit::SetArticle {
            field: aras::model::edit::ArticleField::Citation,
            value: "The Alpha Times".into(),
        },
        alpha_accuses_beta(doc),
        Edit::SetRelation {
            id: "alpha-accuses-beta".into(),
            field: RelationField::Type("conflict".into()),
        },
        Edit::SetRelation {
            id: "alpha-accuses-beta".into(),
            field: RelationField::ClaimedBy("beta".into()),
        },
        Edit::SetRelation {
            id: "alpha-accuses-beta".into(),
            field: RelationField::To("gamma-town".into()),
        },
        Edit::SetRelation {
            id: "alpha-accuses-beta".into(),
            field: RelationField::Evidence {
                link: "alpha-said-beta-moved-2".into(),
                range: range_of(doc, "Beta moved troops", 0),
            },
        },
        Edit::SetDraft { draft: true },
        Edit::SetDraft { draft: false },
        Edit::SetAttr {
            id: "gamma-town".into(),
            attr: Attr::Country(Some("blue-river".into())),
        },
        Edit::SetAttr {
            id: "gamma-town".into(),
            attr: Attr::MapLabel(Some("Gamma".into())),
        },
        Edit::RenameElement {
            id: "gamma-town".into(),
            name: "Gamma City".into(),
        },
        Edit::Resolve {
            id: "gamma-town".into(),
            gazetteer: tianjin.id.0.clone(),
            geometry: serde_json::json!({"type": "Point", "coordinates": [tianjin.lon, tianjin.lat]}),
            source: format!("GeoNames (gazetteer {})", tianjin.id.0),
            kind: None,
            place: None,
        },
        Edit::SetBlockKind {
            index: 1,
            kind: PartKind::Standfirst,
        },
        Edit::SplitBlock {
            index: 2,
            at: range_of(doc, "Alpha borders Beta.", 0).end,
        },
        Edit::JoinBlocks { index: 2 },
        Edit::Merge {
            keep: "gamma-town".into(),
            absorb: "zeta-lake-1".into(),
        },
        Edit::RemoveLink {
            id: "zeta-link-1".into(),
        },
        Edit::RemoveElement {
            id: "blue-river".into(),
        },
        Edit::Restore { ops: vec![] },
    ]
}

#[test]
fn no_undo_label_of_any_kind_of_edit_shows_an_id() {
    let gaz = aras::gazetteer::Gazetteer::embedded().unwrap();
    let tianjin = gaz
        .candidates("Tianjin")
        .into_iter()
        .map(|c| c.place)
        .find(|p| p.country.as_deref() == Some("CN"))
        .unwrap();
    let (_dir, mut s) = common::edit::minimal_session();
    let edits = every_edit(&s.doc, tianjin);
    let mut seen = std::collections::BTreeSet::new();
    for edit in edits {
        seen.insert(kind(&edit));
        let label = s.doc.describe(&edit);
        for id in ids(&s.doc) {
            assert!(!label.contains(&id), "“{label}” shows the id {id}");
        }
        assert!(!has_gazetteer_id(&label), "“{label}” shows a gazetteer id");
        if matches!(edit, Edit::Resolve { .. }) {
            assert!(label.contains("Tianjin"), "{label}");
        }
        s.edit(edit).unwrap_or_else(|e| panic!("{label}: {e}"));
    }
    assert_eq!(seen.len(), KINDS, "every kind of edit: {seen:?}");
}

// ---- #14: a field of an element or an event is saved when it is left.

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

fn event_json(h: &App) -> serde_json::Value {
    let a = h.state().author.as_ref().unwrap();
    a.session.doc.value("events.json").unwrap()["events"][0].clone()
}

#[test]
fn an_events_source_is_saved_when_the_field_is_left_with_tab_or_enter() {
    let dir = with_event();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    select(&mut h, "beta");
    click(&mut h, "Edit event Beta moved troops (2021)");
    let source = "Source of the date, if the passage does not give it in full";
    type_into(&mut h, source, "Reuters, 2 October 2021");
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(event_json(&h)["source"], "Reuters, 2 October 2021");
    assert!(has_button(
        &h,
        "Undo: set source of event Beta moved troops"
    ));
    type_into(
        &mut h,
        "Qualifier (“early”, “late”), if the text gives one",
        "late",
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(event_json(&h)["qualifier"], "late");
    click(&mut h, "Undo: set qualifier of event Beta moved troops");
    assert!(event_json(&h).get("qualifier").is_none(), "one edit each");
    assert_eq!(event_json(&h)["source"], "Reuters, 2 October 2021");
}

#[test]
fn an_elements_field_left_by_changing_tab_or_saving_is_saved() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    select(&mut h, "alpha");
    h.get_by_label("Element").click();
    h.run();
    let summary = "Our summary (ours, not the article's words)";
    h.get_by_role_and_label(Role::MultilineTextInput, summary)
        .focus();
    h.get_by_role_and_label(Role::MultilineTextInput, summary)
        .type_text("A country of the test.");
    h.run();
    h.query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Review (")))
        .next()
        .unwrap()
        .click();
    h.run();
    let a = h.state().author.as_ref().unwrap();
    let alpha = element_value(&a.session.doc, "alpha").unwrap();
    assert_eq!(alpha["summary"], "A country of the test.");
    assert!(has_button(&h, "Undo: set summary of Alpha"));

    // Ctrl+S with the cursor still in a field saves what is typed.
    h.get_by_label("Element").click();
    h.run();
    let aliases = "Aliases (comma-separated)";
    h.get_by_role_and_label(Role::TextInput, aliases).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, aliases)
        .type_text("Alphaland, Alfa");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let map = std::fs::read_to_string(dir.path().join("map.geojson")).unwrap();
    assert!(map.contains("\"Alfa\""), "{map}");
    assert!(map.contains("A country of the test."));
}

// ---- #3: Review shows where a gazetteer place is.

#[test]
fn review_shows_the_country_of_a_gazetteer_place() {
    use aras::model::edit::pick::element_from_place;
    let gaz = aras::gazetteer::Gazetteer::embedded().unwrap();
    let (dir, mut s) = common::edit::minimal_session();
    let paris = gaz
        .candidates("Paris")
        .into_iter()
        .map(|c| c.place)
        .find(|p| p.country.as_deref() == Some("FR"))
        .unwrap();
    let mut e = element_from_place(&s.doc, gaz, paris).unwrap();
    e.offmap = true;
    let id = e.id.clone();
    s.edit(Edit::AddElement(e)).unwrap();
    s.edit(Edit::AddLink {
        id: None,
        range: range_of(&s.doc, "Alpha borders Beta", 0),
        elements: vec![id],
    })
    .unwrap();
    if let Err(p) = s.doc.check() {
        panic!("{p}");
    }
    s.save().unwrap();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    h.query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Review (")))
        .next()
        .unwrap()
        .click();
    h.run();
    assert!(
        h.query_by_label("in France").is_some(),
        "Paris is in France"
    );
    // A place of the atlas with a country names it.
    assert!(
        h.query_by_label("in Alpha").is_some(),
        "Gamma Town is in Alpha"
    );
}

// ---- #6: a short name on the map.

#[test]
fn a_short_name_on_the_map_is_set_cleared_and_undone_from_the_element_tab() {
    let dir = common::edit::assets();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    select(&mut h, "aliyev");
    h.get_by_label("Element").click();
    h.run();
    let field = "Short name on the map (optional; empty: the name)";
    type_into(&mut h, field, "Ilham");
    h.key_press(Key::Tab);
    h.run();
    let label = |h: &App| {
        let a = h.state().atlas().unwrap();
        let e = a.element(a.by_key("aliyev").unwrap()).unwrap();
        e.properties.get("map_label").cloned()
    };
    assert_eq!(
        label(&h),
        Some(serde_json::json!("Ilham")),
        "the atlas has it"
    );
    assert!(has_button(
        &h,
        "Undo: set short name on the map of Ilham Aliyev"
    ));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let map = std::fs::read_to_string(dir.path().join("map.geojson")).unwrap();
    assert!(map.contains("\"map_label\":\"Ilham\""), "saved");
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(label(&h), None, "cleared: the map shows the name");
    click(&mut h, "Undo: set short name on the map of Ilham Aliyev");
    assert_eq!(label(&h), Some(serde_json::json!("Ilham")));
}

/// A date typed, then a click into the next field: the date is saved and the click's
/// field takes what is typed next (the editor stays open on its event).
#[test]
fn a_click_into_the_next_field_saves_the_date_and_the_editor_stays_on_the_event() {
    let dir = with_event();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    select(&mut h, "beta");
    click(&mut h, "Edit event Beta moved troops (2021)");
    let date = "Date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text)";
    type_into(&mut h, date, "2021-10");
    let r = h.get_by_role_and_label(Role::TextInput, "Label").rect();
    common::app::click_at(&mut h, r.center());
    h.run();
    assert_eq!(
        event_json(&h)["date"],
        "2021-10",
        "saved on leaving the field"
    );
    assert_eq!(
        common::app::focused_label(&h).as_deref(),
        Some("Label"),
        "the field clicked has the keyboard"
    );
    h.key_press(Key::End);
    h.get_by_role_and_label(Role::TextInput, "Label")
        .type_text(" again");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(event_json(&h)["label"], "Beta moved troops again");
    assert!(
        h.query_by_label("Editing event Beta moved troops again")
            .is_some()
    );
}
