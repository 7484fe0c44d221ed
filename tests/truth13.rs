//! truth13: the embedded atlas's own words say no more than the article (a reading of the
//! atlas against the article): Erdogan recited a poem, he did not write one; Iran and
//! Azerbaijan announced a decision in April 2015; the Iran–Pakistan tension is the author's
//! conditional; the 3+3 format met scepticism in Armenia and especially in Georgia; the
//! article's words in our summaries are quoted as it writes them, and the loader refuses a
//! quotation that is not in the article.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::model::{Atlas, ProblemKind, Status};

fn atlas() -> Atlas {
    Atlas::embedded().expect("loads")
}

fn summary(atlas: &Atlas, key: &str) -> String {
    let el = atlas.element(atlas.by_key(key).expect(key)).expect("el");
    el.summary.clone().unwrap_or_default()
}

fn event_label(atlas: &Atlas, key: &str) -> String {
    let ev = atlas.events.iter().find(|e| e.key == key).expect(key);
    ev.label.clone()
}

/// Every text of ours the reader sees: element names and summaries, event labels.
fn our_words(atlas: &Atlas) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for el in &atlas.elements {
        all.push((el.key.clone(), el.name.clone()));
        if let Some(s) = &el.summary {
            all.push((el.key.clone(), s.clone()));
        }
    }
    for ev in &atlas.events {
        all.push((ev.key.clone(), ev.label.clone()));
    }
    all
}

#[test]
fn erdogan_recited_a_poem_and_nothing_of_ours_says_he_wrote_it() {
    let atlas = atlas();
    // The article: "Erdogan’s recitation of a poem in December 2020".
    for (key, text) in our_words(&atlas) {
        for wrong in [
            "Erdogan’s poem",
            "his December 2020 poem",
            "December 2020 poem",
        ] {
            assert!(!text.contains(wrong), "{key}: {text}");
        }
    }
    assert!(event_label(&atlas, "erdogan-poem").contains("recites a poem"));
    assert!(summary(&atlas, "erdogan").contains("recitation of a poem"));
}

#[test]
fn in_april_2015_the_two_announced_a_decision_not_a_commission() {
    let atlas = atlas();
    let label = event_label(&atlas, "defence-commission");
    assert!(label.contains("announce their decision"), "{label}");
}

#[test]
fn the_iran_pakistan_tension_is_the_authors_could_suffer() {
    let atlas = atlas();
    let el = atlas
        .element(atlas.by_key("iran-pakistan-tension").expect("rel"))
        .expect("el");
    assert!(el.name.contains("could suffer"), "{}", el.name);
    assert!(el.name.contains("the author’s reading"), "{}", el.name);
}

#[test]
fn the_3_plus_3_met_greater_scepticism_in_armenia_and_especially_georgia() {
    let atlas = atlas();
    let georgia = summary(&atlas, "russia-3plus3-georgia");
    assert!(!georgia.contains("most scepticism"), "{georgia}");
    assert!(
        georgia.contains("greater scepticism in Armenia and especially in Georgia"),
        "{georgia}"
    );
    // The article's own quotation marks round its 'big neighbours'.
    let proposal = summary(&atlas, "russia-proposes-3plus3");
    assert!(proposal.contains("‘big neighbours’"), "{proposal}");
}

#[test]
fn afghanistan_is_where_iran_and_pakistan_disagree_on_the_situation_not_a_place_of_it() {
    let atlas = atlas();
    let afghanistan = summary(&atlas, "afghanistan");
    assert!(
        afghanistan.contains("not wholly aligned on the situation there"),
        "{afghanistan}"
    );
    assert!(
        afghanistan.contains("concerns about insecurity in Central Asia"),
        "{afghanistan}"
    );
}

#[test]
fn the_duty_free_trade_is_in_the_past_so_not_drawn_as_existing() {
    let atlas = atlas();
    let el = atlas
        .element(atlas.by_key("duty-free-trade").expect("route"))
        .expect("el");
    assert_eq!(el.status, Some(Status::Reported));
}

/// The embedded atlas's files in a directory a test may rewrite.
fn embedded_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let assets = common::manifest().join("assets");
    for f in [
        "article.json",
        "article.txt",
        "map.geojson",
        "links.json",
        "relations.json",
        "events.json",
        "scenarios.json",
    ] {
        std::fs::copy(assets.join(f), dir.path().join(f)).expect("copy");
    }
    dir
}

#[test]
fn a_summary_quoting_words_the_article_does_not_have_is_refused() {
    let dir = embedded_copy();
    let path = dir.path().join("relations.json");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("‘big neighbours’"));
    std::fs::write(
        &path,
        text.replace("‘big neighbours’", "‘great neighbours’"),
    )
    .expect("write");
    let problems = match common::load_dir(dir.path()) {
        Ok(_) => panic!("a misquotation loaded"),
        Err(p) => p,
    };
    let p = problems
        .0
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::QuoteNotInArticle { .. }))
        .unwrap_or_else(|| panic!("no quotation problem: {problems:?}"));
    assert_eq!(p.file, "relations.json");
    assert_eq!(p.item.as_deref(), Some("russia-proposes-3plus3"));
    assert!(p.to_string().contains("‘great neighbours’"), "{p}");
    // The same copy, unchanged, loads: the copy itself is sound.
    std::fs::write(&path, text).expect("write");
    assert!(common::load_dir(dir.path()).is_ok());
}

/// A link by its key.
fn link<'a>(atlas: &'a Atlas, key: &str) -> &'a aras::model::Link {
    atlas
        .links
        .iter()
        .find(|l| l.key == key)
        .unwrap_or_else(|| panic!("no link {key}"))
}

#[test]
fn a_possible_israeli_strike_viewed_by_no_one_named_is_no_relation_of_the_authors() {
    // "Azerbaijan was viewed as a possible partner in a unilateral Israeli strike": in the
    // past, by no one named; the article assesses no Israel–Iran relation.
    let atlas = atlas();
    assert!(atlas.by_key("israel-iran-strike").is_none());
}

#[test]
fn shamkhani_lambasted_the_jibe_and_the_poems_backlash_is_not_his() {
    let atlas = atlas();
    let id = atlas.by_key("iran-critiques-turkey").expect("relation");
    let el = atlas.element(id).expect("el");
    assert!(el.name.contains("Shamkhani"), "{}", el.name);
    assert!(!summary(&atlas, "iran-critiques-turkey").contains("poem"));
    // The poem's passage is not the evidence of Shamkhani's critique.
    assert!(!link(&atlas, "erdogan-poem").elements.contains(&id));
}

#[test]
fn voices_are_only_those_the_article_names() {
    let atlas = atlas();
    let article = &atlas.article;
    // Lavrov's format "would address …": the Caspian convention's ratification is the
    // author's words, not Lavrov's.
    let moscow = link(&atlas, "moscow-meeting");
    let lavrov = atlas.by_key("lavrov").expect("lavrov");
    for v in moscow
        .voices
        .iter()
        .filter(|v| v.claimed_by.contains(&lavrov))
    {
        assert!(!article.slice(&v.range).contains("ratification"));
    }
    // No Turkish statement is reported: Turkey's concern is the author's reading.
    let icj = link(&atlas, "icj-accusations");
    let turkey = atlas.by_key("turkey").expect("turkey");
    assert!(icj.voices.iter().all(|v| !v.claimed_by.contains(&turkey)));
    assert!(icj.voices.iter().any(|v| v.assessment));
}

#[test]
fn the_de_escalation_is_tentative_and_dated_not_a_normalisation_now() {
    let atlas = atlas();
    let rel = atlas
        .element(atlas.by_key("turkey-armenia-normalisation").expect("rel"))
        .expect("el");
    assert!(rel.name.contains("de-escalation"), "{}", rel.name);
    assert!(
        summary(&atlas, "turkey-armenia-normalisation")
            .contains("full-fledged rapprochement remains elusive")
    );
    let thy = summary(&atlas, "thy-flights");
    assert!(
        thy.contains("(October 2021)") && !thy.contains(" now "),
        "{thy}"
    );
    let integration = atlas
        .scenarios
        .iter()
        .find(|s| s.key == "integration")
        .expect("scenario");
    assert!(integration.summary.contains("tentative de-escalation"));
    assert!(summary(&atlas, "armenia").contains("full-fledged rapprochement"));
}

#[test]
fn geography_the_article_does_not_give_is_marked_ours() {
    let atlas = atlas();
    for key in ["nakhchivan", "syunik", "aras-river"] {
        let s = summary(&atlas, key);
        assert!(s.contains("is ours, from the map’s"), "{key}: {s}");
    }
}
