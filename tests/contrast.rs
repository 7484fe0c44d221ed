//! WCAG AA contrast, computed from the palette and egui's visuals in both themes: 4.5:1
//! for body text, and for map labels (10.5–14 pt) against their halo; 3:1 for large text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use std::sync::Arc;

use aras::model::Atlas;
use aras::ui::style::{AtlasColours, Palette, contrast_ratio, over};
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

/// The test atlas with several people at nearby places in five neighbouring countries.
fn danube() -> Atlas {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/atlases/danube-people");
    aras::model::load(&aras::model::AtlasSource::Dir(dir)).expect("danube-people loads")
}

/// The palette the app gives an atlas: the theme's, with the atlas's own colours.
fn palette_of(atlas: &Atlas, dark: bool) -> Palette {
    Palette::for_atlas(dark, Arc::new(AtlasColours::of(atlas)))
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

/// An empty text field must show where it is: its outline (egui draws an unfocused
/// field with the inactive widgets' stroke) at 3:1 against the panel and the field.
#[test]
fn empty_text_fields_are_outlined_at_3_to_1_in_both_themes() {
    let mut fails = Vec::new();
    for dark in [false, true] {
        let v = visuals(dark);
        let t = theme(dark);
        let stroke = v.widgets.inactive.bg_stroke;
        if stroke.width < 1.0 {
            fails.push(format!(
                "{t}: text field outline {:.1} px wide",
                stroke.width
            ));
        }
        for (name, bg) in [("panel", v.panel_fill), ("field", v.text_edit_bg_color())] {
            check(
                &mut fails,
                &format!("{t}: text field outline against the {name}"),
                stroke.color,
                bg,
                LARGE,
            );
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

#[test]
fn reader_text_on_its_highlights_reaches_aa_in_both_themes() {
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    let mut fails = Vec::new();
    for dark in [false, true] {
        let v = visuals(dark);
        let pal = palette_of(&atlas, dark);
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
fn map_labels_reach_4_5_to_1_against_their_halo_in_both_themes() {
    let atlas = aras::model::Atlas::embedded().expect("atlas");
    let mut fails = Vec::new();
    for dark in [false, true] {
        let pal = palette_of(&atlas, dark);
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
                    BODY,
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

/// The route colours made for other atlases' routes (from their keys) label their
/// routes at 3:1 on the halo, over land, water and sea, in both themes.
#[test]
fn route_colours_of_any_atlas_reach_3_to_1_on_the_halo_in_both_themes() {
    let mut fails = Vec::new();
    let keys: Vec<String> = (0..360)
        .map(|i| format!("route-{i}"))
        .chain(["farm-state-soybean-route".to_owned()])
        .collect();
    for dark in [false, true] {
        let pal = Palette::new(dark);
        let t = theme(dark);
        for (g, ground) in [
            ("sea", pal.background_sea),
            ("water", pal.water),
            ("context land", pal.context_land),
        ] {
            let halo = over(pal.halo, ground);
            for key in &keys {
                check(
                    &mut fails,
                    &format!("{t}: {key} on halo over {g}"),
                    pal.corridor(key),
                    halo,
                    LARGE,
                );
            }
        }
    }
    assert!(
        fails.is_empty(),
        "{} failures, e.g.\n{}",
        fails.len(),
        fails.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Every fill an atlas's countries can take and every route colour its routes can take
/// (past the listed ones too) keep map labels and routes at 3:1 on the halo, in both
/// themes: any atlas's colours, not only the South Caucasus atlas's.
#[test]
fn every_country_fill_and_route_colour_of_any_atlas_reads_at_3_to_1() {
    let mut fails = Vec::new();
    for dark in [false, true] {
        let pal = Palette::new(dark);
        let t = theme(dark);
        let mut grounds = vec![
            ("sea".to_owned(), pal.background_sea),
            ("water".to_owned(), pal.water),
            ("context land".to_owned(), pal.context_land),
        ];
        for slot in 0..aras::ui::style::COUNTRY_FILLS.len() {
            grounds.push((format!("country fill {slot}"), pal.country_fill(slot)));
        }
        let mut inks = vec![
            ("label".to_owned(), pal.label),
            ("muted label".to_owned(), pal.label_muted),
            ("place".to_owned(), pal.place),
            ("selection".to_owned(), pal.selection),
        ];
        for slot in 0..40 {
            inks.push((format!("route {slot}"), pal.route_colour(slot)));
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
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// A colour as CIELAB (D65), after an optional colour-vision-deficiency simulation in
/// linear RGB (Machado, Oliveira and Fernandes 2009, severity 1).
fn lab(c: Color32, cvd: &[[f64; 3]; 3]) -> [f64; 3] {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let rgb = [lin(c.r()), lin(c.g()), lin(c.b())];
    let [r, g, b] =
        cvd.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

#[test]
fn claimant_colours_stay_apart_under_common_colour_vision_deficiencies() {
    const VISIONS: [(&str, [[f64; 3]; 3]); 4] = [
        (
            "typical",
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        ),
        (
            "protanopia",
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        ),
        (
            "deuteranopia",
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
        ),
        (
            "tritanopia",
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        ),
    ];
    let mut fails = Vec::new();
    // The South Caucasus atlas, and one whose claimants are people of three states.
    for atlas in [Atlas::embedded().expect("atlas"), danube()] {
        let mut claimants = vec![aras::model::timeline::Claimant::Author];
        for r in atlas.elements.iter().filter_map(|e| e.relation) {
            if !claimants.contains(&r.claimed_by) {
                claimants.push(r.claimed_by);
            }
        }
        assert!(claimants.len() >= 4, "{claimants:?}");
        for dark in [false, true] {
            let pal = palette_of(&atlas, dark);
            let mut colours: Vec<Color32> = claimants
                .iter()
                .map(|c| aras::ui::style::claimant_color(&pal, &atlas, *c))
                .collect();
            // People take their state's colour on purpose: compare distinct colours.
            colours.sort_by_key(|c| c.to_array());
            colours.dedup();
            for (name, m) in &VISIONS {
                for (i, a) in colours.iter().enumerate() {
                    for b in colours.iter().skip(i + 1) {
                        let (la, lb) = (lab(*a, m), lab(*b, m));
                        let de = la
                            .iter()
                            .zip(lb)
                            .map(|(x, y)| (x - y).powi(2))
                            .sum::<f64>()
                            .sqrt();
                        if de < 10.0 {
                            fails.push(format!(
                                "{}: {a:?} and {b:?} differ by ΔE {de:.1} under {name}",
                                theme(dark)
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// The South Caucasus atlas takes the colours it had when they were named by its keys:
/// its countries, routes and claimant states come out of the rule in the same colours.
#[test]
fn the_seed_atlas_keeps_its_colours_from_the_atlas_rule() {
    let atlas = Atlas::embedded().expect("atlas");
    let pal = palette_of(&atlas, false);
    let rgb = |c: Color32| (c.r(), c.g(), c.b());
    let mut got = Vec::new();
    for (key, want) in [
        ("iran", (0xe9, 0xcd, 0xa4)),
        ("azerbaijan", (0xa9, 0xd6, 0xb5)),
        ("armenia", (0xf0, 0xb9, 0xb3)),
        ("georgia", (0xcd, 0xbf, 0xe6)),
        ("turkey", (0xf3, 0xe3, 0xa6)),
        ("russia", (0xd9, 0xc7, 0xd9)),
    ] {
        got.push((key, rgb(pal.country(key)), want));
    }
    for (key, want) in [
        ("zangezur-corridor", (0xc0, 0x1f, 0x3a)),
        ("duty-free-trade", (0x0b, 0x7a, 0x52)),
        ("thy-flights", (0x1f, 0x5f, 0xbf)),
        ("truck-route", (0x7b, 0x3f, 0xa8)),
        ("drug-route", (0x4a, 0x4a, 0x4a)),
    ] {
        got.push((key, rgb(pal.corridor(key)), want));
    }
    for (key, want) in [
        ("azerbaijan", (0x00, 0x72, 0xb2)),
        ("aliyev", (0x00, 0x72, 0xb2)),
        ("iran", (0xd5, 0x5e, 0x00)),
        ("turkey", (0xcc, 0x79, 0xa7)),
    ] {
        let id = atlas.by_key(key).expect(key);
        let c = aras::ui::style::claimant_color(
            &pal,
            &atlas,
            aras::model::timeline::Claimant::Actor(id),
        );
        got.push((key, rgb(c), want));
    }
    let wrong: Vec<_> = got.iter().filter(|(_, g, w)| g != w).collect();
    assert!(wrong.is_empty(), "{wrong:x?}");
}

/// Another atlas's countries are coloured from its own data: its five neighbouring
/// countries all take fills (not context grey) and no two neighbours take the same one;
/// its claimants take their states' colours, each state its own.
#[test]
fn another_atlas_s_neighbours_and_claimant_states_take_colours_of_their_own() {
    let atlas = danube();
    for dark in [false, true] {
        let pal = palette_of(&atlas, dark);
        for key in ["austria", "germany", "czechia", "slovakia", "hungary"] {
            assert_ne!(pal.country(key), pal.context_land, "{key} is grey");
        }
        for (a, b) in [
            ("austria", "germany"),
            ("austria", "czechia"),
            ("austria", "slovakia"),
            ("austria", "hungary"),
            ("czechia", "germany"),
            ("czechia", "slovakia"),
            ("slovakia", "hungary"),
        ] {
            assert_ne!(pal.country(a), pal.country(b), "{a} and {b} alike");
        }
        let claim = |k: &str| {
            let id = atlas.by_key(k).expect(k);
            aras::ui::style::claimant_color(
                &pal,
                &atlas,
                aras::model::timeline::Claimant::Actor(id),
            )
        };
        // People take their state's colour; the three states are apart.
        assert_eq!(claim("kovac"), claim("slovakia"));
        assert_eq!(claim("anna-berger"), claim("austria"));
        assert_eq!(claim("richter"), claim("germany"));
        let states = [claim("slovakia"), claim("austria"), claim("germany")];
        assert!(states[0] != states[1] && states[1] != states[2] && states[0] != states[2]);
    }
}

/// A selected country's outline must not read as a route carrying on: the sixth route
/// colour, an orange-brown 18 ΔE from the selection's orange, drew Armenia's outline on
/// along the Iran–Azerbaijan border (trial14 #5). Every listed route colour stands 25 ΔE
/// (CIE76) or more from the selection, in both themes.
#[test]
fn no_route_colour_is_mistaken_for_the_selection() {
    let mut bad = Vec::new();
    for dark in [false, true] {
        let pal = Palette::new(dark);
        const TYPICAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        let sel = lab(pal.selection, &TYPICAL);
        for slot in 0..aras::ui::style::ROUTE_COLOURS.len() {
            let c = lab(pal.route_colour(slot), &TYPICAL);
            let de = (0..3).map(|i| (c[i] - sel[i]).powi(2)).sum::<f64>().sqrt();
            if de < 25.0 {
                bad.push(format!("{} route {slot}: ΔE {de:.1}", theme(dark)));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
