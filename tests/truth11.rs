//! What truth11 added to the embedded atlas, as a user sees it: the Iran–Azerbaijan border
//! on the map with the passages about it, Russia's treaty ally shown as our inference,
//! the relations the text states with their claimants, and the voices of passages that
//! mix the author's analysis with an actor's stance.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::{AppInit, ArasApp};
use aras::model::timeline::Claimant;
use aras::model::{Atlas, Direction, GeoShape, Kind};
use common::app::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The embedded atlas in the window, with `key` selected.
fn selecting(key: &str) -> Harness<'static, ArasApp> {
    let mut init = AppInit::embedded();
    init.select = init.atlas.as_ref().ok().and_then(|a| a.by_key(key));
    assert!(init.select.is_some(), "no element {key}");
    let mut h = harness_with(init);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some(key));
    h
}

/// A point on the border's straight stretch across the Mughan plain (two vertices of the
/// Natural Earth boundary, 48.0515 39.65 and 48.2207 39.4947), away from the Aras.
const MUGHAN: (f64, f64) = (48.1361, 39.57235);

#[test]
fn clicking_the_border_selects_it_and_shows_the_drills_near_it() {
    let mut h = harness();
    click_geo(&mut h, MUGHAN.0, MUGHAN.1);
    assert_eq!(selected(&h).as_deref(), Some("iran-azerbaijan-border"));
    assert!(side_panel_shows(&h, "Iran–Azerbaijan border"));
    // The passages that are about it, verbatim.
    assert!(side_panel_shows(
        &h,
        "Iran carried out military drills on 1 October near its border with Azerbaijan"
    ));
    assert!(side_panel_shows(
        &h,
        "Iran accused Azerbaijan of welcoming Israeli forces to the Iran–Azerbaijan border"
    ));
    // It says what it is: a border, not a route, and where its line comes from.
    assert!(side_panel_shows(&h, "A border, not a route"));
    assert!(side_panel_shows(&h, "Natural Earth 4.1.0 Admin 0"));
}

#[test]
fn the_border_is_listed_with_the_lines_the_map_draws() {
    let mut h = harness();
    if h.query_by_role_and_label(Role::CheckBox, "Iran–Azerbaijan border")
        .is_none()
    {
        h.get_by_label("Layers and legend").click();
        h.run();
    }
    h.get_by_role_and_label(Role::CheckBox, "Iran–Azerbaijan border");
}

#[test]
fn the_border_is_the_boundary_the_two_countries_share() {
    let atlas = Atlas::embedded().expect("loads");
    let shape = |k: &str| {
        let id = atlas.by_key(k).expect(k);
        atlas.element(id).expect(k).geo.clone().expect(k)
    };
    let GeoShape::Lines(border) = shape("iran-azerbaijan-border") else {
        panic!("the border is a line");
    };
    let vertices = |k: &str| -> Vec<[f64; 2]> {
        let GeoShape::Area(mp) = shape(k) else {
            panic!("{k} is an area")
        };
        mp.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|r| r.0.iter().map(|c| [c.x, c.y]))
            .collect()
    };
    let (iran, azerbaijan) = (vertices("iran"), vertices("azerbaijan"));
    // Nakhchivan's stretch and the mainland's.
    assert_eq!(border.len(), 2);
    for p in border.iter().flatten() {
        assert!(iran.contains(p), "{p:?} is not on Iran's outline");
        assert!(
            azerbaijan.contains(p),
            "{p:?} is not on Azerbaijan's outline"
        );
    }
    // It ends on the Caspian at Astara.
    let east = border[1].last().expect("a point");
    assert!(
        east[0] > 48.8 && (38.3..38.5).contains(&east[1]),
        "{east:?}"
    );
    // Nobody travels it: drawn without the arrowheads of a route.
    let el = atlas
        .element(atlas.by_key("iran-azerbaijan-border").expect("border"))
        .expect("border");
    assert_eq!(el.direction, Direction::None);
}

#[test]
fn selecting_armenia_shows_the_treaty_ally_passage_marked_as_our_inference() {
    let h = selecting("armenia");
    assert!(side_panel_shows(
        &h,
        "its reticence about fulfilling its treaty ally commitments in the Nagorno-Karabakh War"
    ));
    // The relation and the summary say the identification is ours.
    assert!(side_panel_shows(
        &h,
        "Russia’s treaty ally (Armenia: our inference)"
    ));
    assert!(side_panel_shows(
        &h,
        "By our inference, not the article’s (it names no ally)"
    ));
}

#[test]
fn relations_the_text_states_name_their_claimants() {
    for (key, claimant) in [
        ("azerbaijan-critiques-drills", "Claimed by Ilham Aliyev"),
        (
            "tehran-times-critiques-azerbaijan",
            "Claimed by Tehran Times",
        ),
        ("iran-critiques-turkey", "Claimed by Ali Shamkhani"),
        ("turkey-jibe-iran", "Claimed by Recep Tayyip Erdogan"),
        ("russia-3plus3-georgia", "Claimed by Sergei Lavrov"),
        ("russia-iran-afghanistan", "The author’s assessment"),
    ] {
        let h = selecting(key);
        assert!(side_panel_shows(&h, claimant), "{key}: {claimant}");
    }
}

#[test]
fn aliyev_s_critique_of_the_drills_is_a_relation_from_azerbaijan_to_iran() {
    let atlas = Atlas::embedded().expect("loads");
    let id = |k: &str| atlas.by_key(k).expect(k);
    let el = atlas
        .element(id("azerbaijan-critiques-drills"))
        .expect("relation");
    assert_eq!(el.kind, Kind::Relation);
    let r = el.relation.expect("a relation");
    assert_eq!((r.from, r.to), (id("azerbaijan"), id("iran")));
    assert_eq!(r.claimed_by, Claimant::Actor(id("aliyev")));
}

#[test]
fn a_passage_shows_the_leaders_stance_apart_from_the_author_s_judgement() {
    let h = selecting("pashinyan");
    assert!(side_panel_shows(&h, "Whose words are whose"));
    assert!(side_panel_shows(
        &h,
        "Claimed by Recep Tayyip Erdogan, Nikol Pashinyan"
    ));
    assert!(side_panel_shows(
        &h,
        "but a full-fledged rapprochement remains elusive"
    ));
    assert!(h.query_all_by_label("The author’s assessment").count() >= 2);
}

#[test]
fn azeris_along_the_aras_are_not_iran_s_minority_alone() {
    // "the division of Azeris along the Aras River" means Azeris on both banks: the
    // word names no element (article.json lists it among the non-entities).
    let atlas = Atlas::embedded().expect("loads");
    let minority = atlas.by_key("iran-azeris").expect("minority");
    let el = atlas.element(minority).expect("minority");
    assert!(
        !el.aliases.iter().any(|a| a == "Azeris"),
        "{:?}",
        el.aliases
    );
}
