//! The reader beside the map, search, coverage and deep links, as a user meets them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use aras::model::Atlas;
use aras::state::Layers;
use common::app::*;
use egui::accesskit::Role;
use egui::{Event, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[test]
fn the_reader_shows_the_article_without_web_page_furniture() {
    let h = harness_with(AppInit::embedded());
    let reader_right = h.state().map_rect().expect("map").left();
    let in_reader = |t: &str| {
        h.query_all_by_label_contains(t)
            .any(|n| n.rect().right() <= reader_right)
    };
    assert!(in_reader(
        "Iran–Azerbaijan Crisis Points to Shifting Regional Currents"
    ));
    assert!(in_reader("Iran–Turkey Rivalry"));
    assert!(in_reader(
        "Russia’s growing concerns about insecurity in the region"
    ));
    assert!(in_reader("The views expressed in this Commentary"));
    assert!(in_reader("Dr Samuel Ramani"));
    assert!(!in_reader("Have an idea for a Commentary"));
    assert!(!in_reader("View profile"));
}

#[test]
fn clicking_a_highlighted_mention_selects_its_element_and_moves_the_map() {
    let mut h = harness_with(AppInit::embedded());
    // Move the map away from the Caucasus first: zoom in on the Black Sea.
    for _ in 0..4 {
        h.get_by_label("+").click();
        h.run();
    }
    let before = h.state().view().expect("view");
    assert!(
        !h.state().mention_rects("nakhchivan").is_empty(),
        "Nakhchivan is highlighted"
    );
    // Scroll the reader until the mention is visible, as a user would.
    for _ in 0..40 {
        let r = h.state().mention_rects("nakhchivan")[0];
        let map_left = h.state().map_rect().expect("map").left();
        if r.center().y < 860.0 && r.center().y > 60.0 && r.right() < map_left {
            break;
        }
        h.event(Event::PointerMoved(Pos2::new(150.0, 450.0)));
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -200.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run();
    }
    let r = h.state().mention_rects("nakhchivan")[0];
    click_at(&mut h, r.center());
    assert_eq!(selected(&h).as_deref(), Some("nakhchivan"));
    let after = h.state().view().expect("view");
    assert_ne!(after.center, before.center, "the map moved to Nakhchivan");
    let p = h.state().screen_pos(45.41, 39.21).expect("pos");
    assert!(
        h.state().map_rect().expect("map").contains(p),
        "Nakhchivan is in view"
    );
}

#[test]
fn selecting_syunik_on_the_map_scrolls_the_reader_to_its_passage() {
    let mut h = harness_with(AppInit::embedded());
    select_named(&mut h, "Syunik Province");
    assert_eq!(selected(&h).as_deref(), Some("syunik"));
    let (passage, viewport) = h
        .state()
        .reader_passage_on_screen()
        .expect("reader drew the passage");
    assert!(
        viewport.contains(passage.center()),
        "passage {passage:?} not within {viewport:?}"
    );
    // The passage on screen is the one that names Syunik.
    let atlas = Atlas::embedded().expect("atlas");
    let syunik = atlas.by_key("syunik").expect("syunik");
    let first = atlas.link(atlas.links_of(syunik)[0]).expect("link");
    assert!(
        first
            .selector
            .exact
            .contains("via Armenia’s Syunik province")
    );
    h.get_by_label("passage 1 of 1");
}

#[test]
fn previous_and_next_step_through_an_elements_passages() {
    let mut h = harness_with(AppInit::embedded());
    select_named(&mut h, "Zangezur Corridor");
    h.get_by_label("passage 1 of 2");
    let (first, _) = h.state().reader_passage_on_screen().expect("first");
    h.get_by_label("Next passage").click();
    h.run();
    h.get_by_label("passage 2 of 2");
    let (second, viewport) = h.state().reader_passage_on_screen().expect("second");
    assert!(viewport.contains(second.center()));
    assert_ne!(first.min, second.min);
}

fn type_search(h: &mut Harness<'static, ArasApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(Event::Text(text.to_owned()));
    h.run();
}

#[test]
fn typing_a_transliteration_finds_nakhchivan() {
    let mut h = harness_with(AppInit::embedded());
    type_search(&mut h, "Nakhichevan");
    let (elements, passages) = h.state().search_results();
    assert_eq!(elements.first().map(String::as_str), Some("nakhchivan"));
    assert!(
        passages
            .iter()
            .any(|p| p.contains("Nakhchivan Autonomous Republic"))
    );
    // The results are on screen, elements first.
    h.get_by_label_contains("Nakhchivan Autonomous Republic  ·  region");
    // Enter picks the first result.
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("nakhchivan"));
}

#[test]
fn typing_a_straight_apostrophe_finds_curly_ones() {
    let mut h = harness_with(AppInit::embedded());
    type_search(&mut h, "Iran's");
    let (elements, passages) = h.state().search_results();
    assert_eq!(elements.first().map(String::as_str), Some("iran"));
    assert!(
        passages
            .iter()
            .any(|p| p.contains("Iran’s military exercises"))
    );
    // Arrow down to the first passage and pick it: the reader shows it.
    let n = elements.len().min(8);
    for _ in 0..n {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(selected(&h).is_some());
}

#[test]
fn other_spellings_are_forgiven() {
    let atlas = Atlas::embedded().expect("atlas");
    let index = aras::model::search::SearchIndex::new(&atlas);
    let first = |q: &str| {
        let r = index.search(&atlas, q);
        r.elements
            .first()
            .and_then(|id| atlas.element(*id))
            .map(|e| e.key.clone())
    };
    assert_eq!(first("Naxçıvan").as_deref(), Some("nakhchivan"));
    assert_eq!(first("siunik").as_deref(), Some("syunik"));
    assert_eq!(first("Araxes").as_deref(), Some("aras-river"));
    assert_eq!(first("Türkiye").as_deref(), Some("turkey"));
    assert_eq!(first("ERDOĞAN").as_deref(), Some("erdogan"));
    let r = index.search(&atlas, "Iran-Turkey");
    assert!(!r.passages.is_empty(), "a hyphen finds the en dash");
}

#[test]
fn words_from_an_elements_panel_find_it_when_no_name_matches() {
    let atlas = Atlas::embedded().expect("atlas");
    let index = aras::model::search::SearchIndex::new(&atlas);
    let keys = |q: &str| -> Vec<String> {
        index
            .search(&atlas, q)
            .elements
            .iter()
            .filter_map(|id| atlas.element(*id))
            .map(|e| e.key.clone())
            .collect()
    };
    // The truck route's note says it is drawn on the Goris–Kapan road, by Shurnukh.
    assert!(keys("Goris-Kapan road").contains(&"truck-route".to_owned()));
    assert!(keys("shurnukh").contains(&"truck-route".to_owned()));
    // …and says so, for the list to say why.
    assert!(index.search(&atlas, "shurnukh").by_description);
    assert!(!index.search(&atlas, "Kapan").by_description);
    // A name that matches lists only what is so called, not every summary naming it.
    let kapan = keys("Kapan");
    assert_eq!(kapan, vec!["kapan".to_owned()]);
}

#[test]
fn coverage_lists_are_empty_for_the_embedded_atlas() {
    let atlas = Atlas::embedded().expect("atlas");
    let cov = atlas.coverage();
    assert!(cov.unlinked_names.is_empty(), "{:?}", cov.unlinked_names);
    assert!(cov.unmentioned_elements.is_empty());
    assert!(cov.unmentioned_links.is_empty());
    // Metonyms go to the state: "relations between Tehran and Baku".
    let text = &atlas.article.text;
    let at = text.find("Tehran and Baku").expect("phrase");
    let m = atlas
        .mentions
        .iter()
        .find(|m| m.range.start == at)
        .expect("mention");
    assert_eq!(atlas.name(m.element), "Iran");
    // ... and the city where the passage is about the city: "embassies in Baku".
    let at = text.find("embassies in Baku").expect("phrase") + "embassies in ".len();
    let m = atlas
        .mentions
        .iter()
        .find(|m| m.range.start == at)
        .expect("mention");
    assert_eq!(atlas.element(m.element).expect("el").key, "baku");
}

#[test]
fn select_opens_on_the_element_and_copy_link_reproduces_it() {
    let atlas = Atlas::embedded().expect("atlas");
    let mut init = AppInit::embedded();
    init.select = atlas.by_key("nagorno-karabakh");
    init.layers = Some(
        Layers::from_hidden(&atlas, &["labels".into(), "thy-flights".into()]).expect("layers"),
    );
    let mut h = harness_with(init);
    assert_eq!(selected(&h).as_deref(), Some("nagorno-karabakh"));
    let p = h.state().screen_pos(46.75, 39.8).expect("pos");
    assert!(h.state().map_rect().expect("map").contains(p), "in view");
    h.get_by_label("Copy link").click();
    h.run();
    assert_eq!(
        h.state().last_copied.as_deref(),
        Some("aras --select nagorno-karabakh --hide labels,relations,thy-flights")
    );
    assert!(
        h.query_by_role_and_label(Role::Button, "Turkish Airlines flights to Baku")
            .is_none()
    );
}

#[test]
fn select_and_hide_are_checked_on_the_command_line() {
    let out = common::aras_output(&["--select", "atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no element with id `atlantis`"));
    let out = common::aras_output(&["--hide", "rivers"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`rivers` is neither a layer group"));
}

/// Scrolls the reader until the `n`th mention of `key` is on screen, left of the map.
fn scroll_reader_to_mention(h: &mut Harness<'static, ArasApp>, key: &str, n: usize) -> egui::Rect {
    for _ in 0..80 {
        let r = h.state().mention_rects(key)[n];
        let map = h.state().map_rect().expect("map");
        if r.top() > map.top() + 40.0 && r.bottom() < map.bottom() - 40.0 && r.right() < map.left()
        {
            return r;
        }
        let dy = if r.top() > map.center().y {
            -150.0
        } else {
            150.0
        };
        wheel_at(h, Pos2::new(150.0, 450.0), dy);
    }
    panic!("mention {n} of {key} never came into view");
}

#[test]
fn hovering_a_mention_highlights_its_element_until_the_pointer_leaves() {
    let mut h = harness();
    let r = scroll_reader_to_mention(&mut h, "nakhchivan", 0);
    h.event(Event::PointerMoved(r.center()));
    h.run();
    let atlas = Atlas::embedded().expect("atlas");
    let nakh = atlas.by_key("nakhchivan").expect("id");
    // The map reads the hover the reader wrote, and does not clear it.
    assert_eq!(h.state().selection.hovered, Some(nakh));
    h.step();
    h.step();
    assert_eq!(h.state().selection.hovered, Some(nakh));
    assert!(
        h.state().reader_filled().contains(&nakh),
        "the mention is filled"
    );
    let sea = h.state().screen_pos(50.5, 41.0).expect("Caspian");
    h.event(Event::PointerMoved(sea));
    h.run();
    assert_ne!(h.state().selection.hovered, Some(nakh));
}

#[test]
fn clicking_a_mention_keeps_the_clicked_sentence_where_it_is() {
    let mut h = harness();
    // A later mention of Iran, in one of its passages other than the first.
    let atlas = Atlas::embedded().expect("atlas");
    let iran = atlas.by_key("iran").expect("id");
    let links = atlas.links_of(iran);
    let (n, k) = atlas
        .mentions
        .iter()
        .filter(|m| m.element == iran)
        .enumerate()
        .find_map(|(n, m)| {
            let k = links
                .iter()
                .position(|l| atlas.link(*l).unwrap().range.contains(&m.range.start))?;
            (k >= 2).then_some((n, k))
        })
        .expect("a mention in a later passage");
    let before = scroll_reader_to_mention(&mut h, "iran", n);
    click_at(&mut h, before.center());
    assert_eq!(selected(&h).as_deref(), Some("iran"));
    let after = h.state().mention_rects("iran")[n];
    assert!(
        (after.top() - before.top()).abs() < 2.0,
        "the sentence moved from {before:?} to {after:?}"
    );
    // The passage shown is the one that was clicked, not the first.
    h.get_by_label(&format!("passage {} of {}", k + 1, links.len()));
}

#[test]
fn mentions_are_quiet_until_their_element_is_selected_or_hovered() {
    let mut h = harness();
    assert!(
        h.state().reader_filled().is_empty(),
        "nothing is filled at first"
    );
    select_named(&mut h, "Iran");
    let atlas = Atlas::embedded().expect("atlas");
    let iran = atlas.by_key("iran").expect("id");
    assert_eq!(h.state().reader_filled(), vec![iran]);
}

#[test]
fn the_passage_the_side_panel_shows_is_marked_and_next_moves_both() {
    let mut h = harness();
    select_named(&mut h, "Iran");
    let atlas = Atlas::embedded().expect("atlas");
    let iran = atlas.by_key("iran").expect("id");
    let links: Vec<_> = atlas
        .links_of(iran)
        .iter()
        .map(|l| atlas.link(*l).expect("link"))
        .collect();
    let place = |i: usize| aras::ui::side_panel::where_in_article(&atlas, links[i]);
    let marked = h.get_by_label_contains("marked in the article");
    assert!(text_of(&marked).starts_with(&place(0)));
    for _ in 0..4 {
        h.get_by_label("Next passage").click();
        h.run();
    }
    let marked = h.get_by_label_contains("marked in the article");
    let label = text_of(&marked);
    assert!(label.starts_with(&place(4)), "{label} is not {}", place(4));
    // It is scrolled into the side panel's view.
    let map = h.state().map_rect().expect("map");
    let r = marked.rect();
    assert!(
        r.left() > map.right() && r.top() >= map.top() && r.bottom() <= map.bottom(),
        "{r:?}"
    );
    // Only one passage is marked.
    assert_eq!(
        h.query_all_by_label_contains("marked in the article")
            .count(),
        1
    );
}

#[test]
fn copying_a_selection_from_the_reader_is_confirmed() {
    let mut h = harness();
    // Select words of the standfirst by dragging across them, then Ctrl+C.
    let map_left = h.state().map_rect().expect("map").left();
    let line = h
        .get_all_by_label_contains("As diplomats from Iran")
        .find(|n| n.rect().right() <= map_left + 1.0)
        .expect("the standfirst in the reader")
        .rect();
    let y = line.top() + 8.0;
    drag(
        &mut h,
        Pos2::new(line.left() + 4.0, y),
        Pos2::new(line.left() + 120.0, y),
    );
    h.event(Event::Copy);
    for _ in 0..4 {
        h.step();
        if h.query_by_label("Copied").is_some() {
            return;
        }
    }
    panic!("no confirmation after Ctrl+C");
}

#[test]
fn selecting_an_element_starts_at_its_first_body_passage_not_the_title_or_credit() {
    let atlas = Atlas::embedded().expect("atlas");
    let front = |l: &aras::model::Link| {
        let kind = atlas.article.parts[l.part].kind;
        !matches!(
            kind,
            aras::model::PartKind::Paragraph
                | aras::model::PartKind::Heading
                | aras::model::PartKind::Pullquote
        )
    };
    let mut checked = 0;
    for el in &atlas.elements {
        let links: Vec<_> = atlas
            .links_of(el.id)
            .iter()
            .map(|l| atlas.link(*l).expect("link"))
            .collect();
        if links.iter().any(|l| !front(l)) {
            assert!(
                !front(links[0]),
                "{}: its first passage is in {} although the body names it",
                el.key,
                atlas.article.parts[links[0].part].kind.label()
            );
            checked += 1;
        }
    }
    assert!(checked > 20);
    // Iran is named in the title first; selecting it marks its first paragraph.
    let mut h = harness();
    select_named(&mut h, "Iran");
    let marked = text_of(&h.get_by_label_contains("marked in the article"));
    assert!(marked.starts_with("¶1"), "{marked}");
}

#[test]
fn a_passage_in_an_article_without_headings_is_named_by_its_paragraph_alone() {
    // "¶3 · opening" named a section the article does not have (trial8 #13).
    let source =
        aras::model::AtlasSource::Dir(common::manifest().join("tests/atlases/danube-people"));
    let atlas = aras::model::load(&source).expect("atlas");
    let link = atlas.links.first().expect("a link");
    let place = aras::ui::side_panel::where_in_article(&atlas, link);
    assert!(place.starts_with('¶'), "{place}");
    assert!(!place.contains("opening"), "{place}");
    // The embedded article has headings: a paragraph before the first says so.
    let seed = Atlas::embedded().expect("atlas");
    let names: Vec<_> = seed
        .links
        .iter()
        .map(|l| aras::ui::side_panel::where_in_article(&seed, l))
        .collect();
    assert!(names.iter().any(|n| n.contains(" · ")), "{names:?}");
}
