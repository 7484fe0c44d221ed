//! WCAG AA contrast, computed from the palette and egui's visuals in both themes: 4.5:1
//! for body text, 3:1 for large text and for map labels against their halo.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use aras::ui::style::{Palette, contrast_ratio, over};
use egui::{Color32, Visuals};

const BODY: f64 = 4.5;
const LARGE: f64 = 3.0;

/// The visuals the app installs (`style::visuals`).
fn visuals(dark: bool) -> Visuals {
    aras::ui::style::visuals(dark)
}

fn theme(dark: bool) -> &'static str {
    if dark { "dark" } else { "light" }
}

/// Collects every failing pair, so one run lists them all.
fn check(fails: &mut Vec<String>, what: &str, fg: Color32, bg: Color32, need: f64) {
    let r = contrast_ratio(fg, bg);
    if r < need {
        fails.push(format!("{what}: {r:.2}:1 < {need}:1 ({fg:?} on {bg:?})"));
    }
}

#[test]
fn the_contrast_formula_matches_wcag() {
    assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
    assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
    // #767676 on white is the classic 4.54:1.
    let g = Color32::from_gray(0x76);
    assert!((contrast_ratio(g, Color32::WHITE) - 4.54).abs() < 0.01);
}

#[test]
fn panel_text_reaches_aa_in_both_themes() {
    let mut fails = Vec::new();
    for dark in [false, true] {
        let v = visuals(dark);
        let t = theme(dark);
        for (name, bg) in [
            ("panel", v.panel_fill),
            ("window", v.window_fill),
            ("text field", v.text_edit_bg_color()),
            ("faint", over(v.faint_bg_color, v.panel_fill)),
        ] {
            check(
                &mut fails,
                &format!("{t}: text on {name}"),
                v.text_color(),
                bg,
                BODY,
            );
            check(
                &mut fails,
                &format!("{t}: strong text on {name}"),
                v.strong_text_color(),
                bg,
                BODY,
            );
            check(
                &mut fails,
                &format!("{t}: weak text on {name}"),
                v.weak_text_color(),
                bg,
                BODY,
            );
            check(
                &mut fails,
                &format!("{t}: link on {name}"),
                v.hyperlink_color,
                bg,
                BODY,
            );
            check(
                &mut fails,
                &format!("{t}: error on {name}"),
                v.error_fg_color,
                bg,
                BODY,
            );
        }
        let w = &v.widgets;
        for (name, wv) in [
            ("inactive", &w.inactive),
            ("hovered", &w.hovered),
            ("active", &w.active),
            ("open", &w.open),
        ] {
            let bg = over(wv.weak_bg_fill, v.panel_fill);
            check(
                &mut fails,
                &format!("{t}: {name} button text"),
                wv.text_color(),
                bg,
                BODY,
            );
        }
        let pal = Palette::new(dark);
        check(
            &mut fails,
            &format!("{t}: selected text on panel"),
            pal.selected_text(),
            v.panel_fill,
            BODY,
        );
        let sel = over(v.selection.bg_fill, v.panel_fill);
        check(
            &mut fails,
            &format!("{t}: selected text"),
            v.selection.stroke.color,
            sel,
            BODY,
        );
        check(
            &mut fails,
            &format!("{t}: text in a selection"),
            v.text_color(),
            sel,
            BODY,
        );
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

#[test]
fn reader_text_on_its_highlights_reaches_aa_in_both_themes() {
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    let mut fails = Vec::new();
    for dark in [false, true] {
        let v = visuals(dark);
        let pal = Palette::new(dark);
        let t = theme(dark);
        let passage = over(pal.passage_bg(), v.panel_fill);
        let current = over(pal.current_passage_bg(), v.panel_fill);
        for (name, bg) in [("passage", passage), ("current passage", current)] {
            check(
                &mut fails,
                &format!("{t}: text on the {name}"),
                v.text_color(),
                bg,
                BODY,
            );
        }
        for el in &atlas.elements {
            // A mention's background replaces the passage's (a text run has one
            // background), so it is laid over the panel itself.
            {
                let (name, bg) = ("panel", v.panel_fill);
                let m = over(pal.mention_bg(el), bg);
                check(
                    &mut fails,
                    &format!("{t}: text on mention {} in {name}", el.key),
                    v.text_color(),
                    m,
                    BODY,
                );
                check(
                    &mut fails,
                    &format!("{t}: selected mention {} in {name}", el.key),
                    pal.selected_text(),
                    m,
                    BODY,
                );
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

#[test]
fn map_labels_reach_3_to_1_against_their_halo_in_both_themes() {
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    let mut fails = Vec::new();
    for dark in [false, true] {
        let pal = Palette::new(dark);
        let t = theme(dark);
        // The halo is translucent: lay it over every ground a label can sit on.
        let mut grounds = vec![
            ("sea", pal.background_sea),
            ("water", pal.water),
            ("context land", pal.context_land),
        ];
        for el in atlas
            .elements
            .iter()
            .filter(|e| e.kind == aras::model::Kind::Country)
        {
            grounds.push((el.key.as_str(), pal.area_fill(el)));
        }
        let mut inks = vec![
            ("label", pal.label),
            ("muted label", pal.label_muted),
            ("water label", pal.water_line),
            ("place", pal.place),
            ("selection", pal.selection),
            ("hover", pal.hover),
            ("disputed", pal.disputed),
            ("recaptured", pal.recaptured),
        ];
        for el in atlas
            .elements
            .iter()
            .filter(|e| e.kind == aras::model::Kind::Corridor)
        {
            inks.push((el.key.as_str(), pal.corridor(&el.key)));
        }
        for (g, ground) in &grounds {
            let halo = over(pal.halo, *ground);
            for (i, ink) in &inks {
                check(
                    &mut fails,
                    &format!("{t}: {i} on halo over {g}"),
                    *ink,
                    halo,
                    LARGE,
                );
            }
        }
        check(
            &mut fails,
            &format!("{t}: badge"),
            pal.badge_text,
            pal.badge_fill,
            BODY,
        );
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
