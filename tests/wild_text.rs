//! Text and anchors as other people's tools write them (issue 12): byte order marks,
//! look-alike characters in quotes, stale prefixes and suffixes, and the region's scripts.
//! Each case is an atlas under `tests/atlases/wild-text-*/`; `aras check` messages are
//! asserted word for word.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use std::path::{Path, PathBuf};

use aras::app::AppInit;
use aras::model::{self, AtlasSource};
use aras::ui::bidi;
use egui::FontId;
use egui_kittest::kittest::Queryable;

fn case(name: &str) -> PathBuf {
    common::manifest()
        .join("tests/atlases")
        .join(format!("wild-text-{name}"))
}

fn load(name: &str) -> Result<model::Atlas, model::Problems> {
    common::load_dir(&case(name))
}

/// `aras` run as a user would: exit code and standard output.
fn aras(args: &[&str]) -> (i32, String) {
    let (code, out, _) = common::aras(args);
    (code, out)
}

/// `aras check` on a case: exit code and its problem lines.
fn check(dir: &Path) -> (i32, Vec<String>) {
    let (code, out) = aras(&["check", "--atlas", &dir.to_string_lossy()]);
    let lines = out
        .lines()
        .filter(|l| l.starts_with("links.json"))
        .map(str::to_owned)
        .collect();
    (code, lines)
}

/// A temporary copy of a case, for `--fix` to rewrite.
fn copy_of(name: &str) -> tempfile::TempDir {
    common::copy_of(&case(name))
}

// --- Byte order mark -------------------------------------------------------------------

#[test]
fn byte_order_mark_at_the_start_of_every_file_is_accepted() {
    let raw = std::fs::read(case("bom").join("map.geojson")).expect("read");
    assert!(raw.starts_with(b"\xEF\xBB\xBF"), "the fixture has its BOM");
    let atlas = load("bom").unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(atlas.links.len(), 4);
    assert_eq!(atlas.elements.len(), 5);
}

#[test]
fn byte_order_mark_in_the_article_is_not_text_and_offsets_count_from_after_it() {
    let bom = load("bom").unwrap_or_else(|p| panic!("{p}"));
    let plain = model::load(&AtlasSource::Dir(common::minimal_dir())).expect("minimal");
    assert!(bom.article.text.starts_with("A Small Test Article"));
    for (a, b) in bom.links.iter().zip(&plain.links) {
        assert_eq!(
            bom.article.char_offset(a.range.start),
            plain.article.char_offset(b.range.start),
            "link {}",
            a.key
        );
    }
    assert_eq!(bom.mentions.len(), plain.mentions.len());
}

#[test]
fn check_on_atlas_with_byte_order_marks_reports_no_problem() {
    let (code, out) = aras(&["check", "--atlas", &case("bom").to_string_lossy()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("problems: none"), "{out}");
    assert!(!out.contains("has no passage"), "{out}");
}

// --- Look-alike characters --------------------------------------------------------------

#[test]
fn no_break_space_in_the_article_is_named_against_the_quotes_space() {
    let (code, lines) = check(&case("nbsp"));
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "links.json: river: quote “share the Blue River” is not in the article as written: it differs only in look-alike characters, first at character 10 of the quote, after “share the”: U+00A0 NO-BREAK SPACE in the article, U+0020 SPACE in the quote; `aras check --fix` rewrites the quote to the article’s text"
        ]
    );
}

#[test]
fn decomposed_accent_in_the_quote_is_named_against_the_articles_composed_one() {
    let (code, lines) = check(&case("nfd"));
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "links.json: river: quote “share the Blue River, a re\u{301}gime of floods” is not in the article as written: it differs only in look-alike characters, first at character 26 of the quote, after “ the Blue River, a r”: U+00E9 LATIN SMALL LETTER E WITH ACUTE in the article, U+0065 LATIN SMALL LETTER E + U+0301 COMBINING ACUTE ACCENT in the quote; `aras check --fix` rewrites the quote to the article’s text"
        ]
    );
}

#[test]
fn zero_width_space_in_the_quote_is_named_and_the_article_has_nothing_there() {
    let (code, lines) = check(&case("zwsp"));
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "links.json: town: quote “Gamma\u{200B} Town lies in Alpha.” is not in the article as written: it differs only in look-alike characters, first at character 6 of the quote, after “Gamma”: nothing in the article, U+200B ZERO WIDTH SPACE in the quote; `aras check --fix` rewrites the quote to the article’s text"
        ]
    );
}

#[test]
fn look_alike_quote_is_never_anchored_silently() {
    for name in ["nbsp", "nfd", "zwsp"] {
        let Err(problems) = load(name) else {
            panic!("{name} was accepted")
        };
        assert!(
            problems
                .iter()
                .all(|p| matches!(p.kind, model::ProblemKind::AnchorLookAlike { .. })),
            "{name}: {problems}"
        );
    }
}

#[test]
fn check_fix_rewrites_look_alike_quotes_to_the_articles_text_and_says_so() {
    for (name, link, article_has) in [
        ("nbsp", "river", "share the\u{A0}Blue River"),
        (
            "nfd",
            "river",
            "share the Blue River, a r\u{E9}gime of floods",
        ),
        ("zwsp", "town", "Gamma Town lies in Alpha."),
    ] {
        let dir = copy_of(name);
        let (code, out) = aras(&["check", "--fix", "--atlas", &dir.path().to_string_lossy()]);
        assert_eq!(code, 0, "{name}: {out}");
        let said: Vec<&str> = out.lines().filter(|l| l.starts_with("fixed:")).collect();
        assert_eq!(said.len(), 1, "{name}: {out}");
        assert!(
            said[0].starts_with(&format!("fixed: links.json: {link}: the quote “")),
            "{}",
            said[0]
        );
        assert!(
            said[0].contains("now has the article’s exact text"),
            "{}",
            said[0]
        );
        assert!(out.contains("problems: none"), "{name}: {out}");
        let text = std::fs::read_to_string(dir.path().join("links.json")).expect("links");
        let v: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        let exact = v["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == link)
            .map(|l| l["selector"]["exact"].as_str().unwrap().to_owned());
        assert_eq!(exact.as_deref(), Some(article_has), "{name}");
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 4, "{name}");
    }
}

#[test]
fn check_fix_leaves_every_other_byte_of_links_json_as_it_was() {
    let dir = copy_of("zwsp");
    let before = std::fs::read_to_string(dir.path().join("links.json")).expect("links");
    aras(&["check", "--fix", "--atlas", &dir.path().to_string_lossy()]);
    let after = std::fs::read_to_string(dir.path().join("links.json")).expect("links");
    assert_eq!(after, before.replace("Gamma\\u200b Town", "Gamma Town"));
}

#[test]
fn check_fix_rewrites_look_alike_prefixes_suffixes_and_voices_and_says_each() {
    let dir = copy_of("context-lookalike");
    let (code, _) = check(dir.path());
    assert_eq!(code, 1, "the case is broken before --fix");
    let before = std::fs::read_to_string(dir.path().join("links.json")).expect("links");
    let (code, out) = aras(&["check", "--fix", "--atlas", &dir.path().to_string_lossy()]);
    assert_eq!(code, 0, "{out}");
    let said: Vec<&str> = out.lines().filter(|l| l.starts_with("fixed:")).collect();
    assert_eq!(
        said,
        [
            "fixed: links.json: river: its prefix “Alpha and\u{A0}Beta ” now has the article’s exact text (first at character 10 of the prefix, after “Alpha and”: U+0020 SPACE in the article, U+00A0 NO-BREAK SPACE in the prefix)",
            "fixed: links.json: river: its suffix “.\u{200B}” now has the article’s exact text (first at character 2 of the suffix, after “.”: nothing in the article, U+200B ZERO WIDTH SPACE in the suffix)",
            "fixed: links.json: troops: the voice “Beta moved\u{A0}troops” now has the article’s exact text (first at character 11 of the voice, after “Beta moved”: U+0020 SPACE in the article, U+00A0 NO-BREAK SPACE in the voice)",
        ]
    );
    assert!(out.contains("problems: none"), "{out}");
    // The file changed only where it said.
    let after = std::fs::read_to_string(dir.path().join("links.json")).expect("links");
    let expected = before
        .replace(r#""Alpha and\u00a0Beta ""#, r#""Alpha and Beta ""#)
        .replace(r#"".\u200b""#, r#"".""#)
        .replace(r#""Beta moved\u00a0troops""#, r#""Beta moved troops""#);
    assert_ne!(expected, before);
    assert_eq!(after, expected);
    let (code, _) = check(dir.path());
    assert_eq!(code, 0);
}

#[test]
fn check_fix_does_not_touch_a_quote_that_is_really_different() {
    let dir = common::bad_atlas("anchor-not-found");
    let before = std::fs::read_to_string(dir.path().join("links.json")).expect("links");
    let (code, out) = aras(&["check", "--fix", "--atlas", &dir.path().to_string_lossy()]);
    assert_eq!(code, 1);
    assert!(!out.contains("fixed:"), "{out}");
    assert!(out.contains("quote not found in the article"), "{out}");
    let after = std::fs::read_to_string(dir.path().join("links.json")).expect("links");
    assert_eq!(after, before);
}

#[test]
fn check_fix_on_the_embedded_atlas_is_refused() {
    let (code, _, stderr) = common::aras(&["check", "--fix"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "aras: --fix rewrites files: give the atlas with --atlas DIR\n"
    );
}

// --- Stale prefix or suffix -------------------------------------------------------------

#[test]
fn stale_prefix_is_named_with_the_text_the_article_has_there() {
    let (code, lines) = check(&case("stale-prefix"));
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "links.json: river: quote “share the Blue River” is in the article, but its prefix “Alpha and Gamma ” is not what precedes it: the article has “ Alpha and Beta ”"
        ]
    );
}

#[test]
fn stale_suffix_is_named_at_every_occurrence_of_the_quote() {
    let (code, lines) = check(&case("stale-suffix"));
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "links.json: borders: quote “Beta” is in the article, but its suffix “ borders” is not what follows any of its 4 occurrences: the article has “. Alpha ”, “ share t”, “ moved t”, …"
        ]
    );
}

// --- Scripts of the region, right to left ---------------------------------------------

/// The region's names, as written and as drawn (upper case for country labels; Arabic in
/// its joined presentation forms).
const NAMES: [&str; 11] = [
    "Երևան",
    "ՀԱՅԱՍՏԱՆ",
    "თბილისი",
    "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ",
    "تبریز",
    "ایران",
    "Bakı",
    "Azərbaycan",
    "AZƏRBAYCAN, ğ, ş, ı",
    "Нахичевань",
    "НАХИЧЕВАНЬ",
];

fn has_glyphs(ctx: &egui::Context, s: &str) -> bool {
    let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    ctx.fonts_mut(|f| f.has_glyphs(&FontId::proportional(14.0), s))
}

#[test]
fn every_name_of_the_region_has_glyphs_in_the_apps_fonts() {
    let ctx = egui::Context::default();
    aras::ui::fonts::install(&ctx);
    for name in NAMES {
        assert!(has_glyphs(&ctx, name), "{name} would draw boxes");
        let drawn = bidi::display(name);
        assert!(
            has_glyphs(&ctx, &drawn),
            "{name} as drawn ({drawn}) would draw boxes"
        );
    }
}

#[test]
fn egui_default_fonts_alone_lack_armenian_georgian_and_arabic() {
    // What the app's fonts add: without them these names are boxes.
    let ctx = egui::Context::default();
    for name in ["Azərbaycan", "Երևան", "თბილისი", "تبریز"] {
        assert!(!has_glyphs(&ctx, name), "{name}");
    }
}

#[test]
fn scripts_atlas_loads_and_finds_every_name_in_the_text() {
    let atlas = load("scripts").unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(atlas.elements.len(), 9);
    assert_eq!(atlas.links.len(), 4);
    for el in &atlas.elements {
        assert!(
            atlas.mentions.iter().any(|m| m.element == el.id),
            "{} is never found in the text",
            el.name
        );
    }
}

fn scripts_harness(select: &str) -> egui_kittest::Harness<'static, aras::app::ArasApp> {
    harness_of(case("scripts"), select)
}

fn harness_of(dir: PathBuf, select: &str) -> egui_kittest::Harness<'static, aras::app::ArasApp> {
    let source = AtlasSource::Dir(dir);
    let atlas = model::load(&source);
    let select = atlas.as_ref().ok().and_then(|a| a.by_key(select));
    let mut init = AppInit::embedded();
    init.source = source;
    init.atlas = atlas;
    init.select = select;
    common::app::harness_with(init)
}

#[test]
fn side_panel_shows_a_persian_name_shaped_and_in_visual_order() {
    let h = scripts_harness("tabriz");
    let drawn = bidi::display("تبریز").into_owned();
    assert_ne!(drawn, "تبریز");
    assert!(common::app::side_panel_shows(&h, &drawn), "heading {drawn}");
    // The passage: English left to right, the Persian words reversed in place.
    let passage = bidi::visual_order("The city of تبریز lies in ایران, north of the lake.");
    assert!(passage.starts_with("The city of "));
    assert!(
        common::app::side_panel_shows(&h, &passage),
        "passage {passage}"
    );
    assert!(!common::app::side_panel_shows(&h, "The city of تبریز"));
}

#[test]
fn reader_shows_a_mixed_persian_and_english_paragraph_in_bidi_order() {
    let h = scripts_harness("tabriz");
    let map_left = h.state().map_rect().expect("rect").left();
    let drawn = bidi::visual_order("The city of تبریز lies in ایران, north of the lake.");
    assert!(
        h.query_all_by_label_contains(&drawn)
            .any(|n| n.rect().right() <= map_left + 1.0),
        "the reader shows {drawn}"
    );
    assert!(
        h.query_all_by_label_contains("The city of تبریز")
            .next()
            .is_none()
    );
}

// --- Spacing around quotes --------------------------------------------------------------

#[test]
fn quote_context_is_the_articles_text_with_its_own_spacing() {
    let atlas = model::load(&AtlasSource::Dir(common::minimal_dir())).expect("minimal");
    let river = atlas
        .links
        .iter()
        .find(|l| l.key == "river")
        .expect("river");
    let text = &atlas.article.text;
    let around = atlas.article.context_range(&river.range);
    assert_eq!(
        (
            &text[around.start..river.range.start],
            &text[river.range.end..around.end]
        ),
        ("Alpha and Beta ", ".")
    );
    let borders = atlas
        .links
        .iter()
        .find(|l| l.key == "borders")
        .expect("borders");
    let around = atlas.article.context_range(&borders.range);
    assert_eq!(
        (
            &text[around.start..borders.range.start],
            &text[borders.range.end..around.end]
        ),
        ("", " Alpha and Beta share the Blue River.")
    );
}

#[test]
fn side_panel_shows_a_mid_sentence_quote_with_no_space_before_the_full_stop() {
    let h = harness_of(common::minimal_dir(), "blue-river");
    assert!(
        common::app::side_panel_shows(&h, "Alpha and Beta “share the Blue River”."),
        "the passage as the article has it"
    );
    assert!(!common::app::side_panel_shows(&h, "River” ."));
}

// --- A wrapped right-to-left paragraph ---------------------------------------------------

/// The reader at `w`×`h` on the right-to-left atlas, opened if the window is narrow.
fn rtl_reader(w: f32, h: f32) -> egui_kittest::Harness<'static, aras::app::ArasApp> {
    let source = AtlasSource::Dir(case("rtl"));
    let mut init = AppInit::embedded();
    init.atlas = model::load(&source);
    init.source = source;
    let mut h = common::app::harness_of_sized(init, w, h);
    if !reader_galley(&h).is_some_and(|(g, _)| g.rows.len() > 1) {
        h.get_by_label("Reader").click();
        h.run();
    }
    h
}

/// The reader's galley of the mixed paragraph (it holds "Tabriz") and where it is drawn.
fn reader_galley(
    h: &egui_kittest::Harness<'static, aras::app::ArasApp>,
) -> Option<(std::sync::Arc<egui::Galley>, egui::Pos2)> {
    let map_left = h.state().map_rect()?.left();
    h.output().shapes.iter().find_map(|c| match &c.shape {
        egui::Shape::Text(t) if t.galley.text().contains("Tabriz") && t.pos.x < map_left => {
            Some((t.galley.clone(), t.pos))
        }
        _ => None,
    })
}

/// Latin words of `s`, without punctuation or other scripts.
fn latin_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether every stretch of Latin text on each row (between Arabic letters) reads left
/// to right: its words stand in the same order, side by side, in `english`.
fn latin_runs_read_left_to_right(rows: &[String], english: &str) -> bool {
    let all = format!(" {} ", latin_words(english).join(" "));
    let arabic = |c: char| matches!(c, '\u{600}'..='\u{6FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
    rows.iter().all(|row| {
        row.split(arabic).all(|run| {
            let words = latin_words(run);
            words.is_empty() || all.contains(&format!(" {} ", words.join(" ")))
        })
    })
}

#[test]
fn wrapped_right_to_left_paragraph_reads_top_down_aligned_right_with_english_left_to_right() {
    for (w, hgt) in [(640.0, 480.0), (1024.0, 700.0)] {
        let h = rtl_reader(w, hgt);
        let (galley, pos) = reader_galley(&h).expect("the reader shows the paragraph");
        let rows: Vec<String> = galley.rows.iter().map(|r| r.row.text()).collect();
        assert!(rows.len() >= 3, "{w}: it wraps: {rows:?}");
        // The top line holds the paragraph's first words, on the right, after its number.
        let first = bidi::visual_order("شهر تبریز").into_owned();
        assert!(rows[0].contains(&first), "{w}: top line {:?}", rows[0]);
        assert!(
            rows[0].trim_end().ends_with(char::is_numeric),
            "{w}: the number is on the right of the top line: {:?}",
            rows[0]
        );
        let last = bidi::visual_order("است.").into_owned();
        assert!(rows.last().unwrap().contains(&last), "{w}: {rows:?}");
        // Every line ends at the same right edge; not all start at the left.
        let right = |r: &egui::epaint::text::PlacedRow| r.pos.x + r.row.size.x;
        let edge = right(&galley.rows[0]);
        for r in &galley.rows {
            assert!((right(r) - edge).abs() < 1.0, "{w}: {:?}", r.row.text());
        }
        assert!(galley.rows.iter().any(|r| r.pos.x > 8.0), "{w}: {rows:?}");
        // English inside reads left to right, and on from line to line.
        let english = "The city of Tabriz lies on the old road from ایران to Bakı, and its bazaar is one of the oldest in the region.";
        assert!(
            latin_runs_read_left_to_right(&rows, english),
            "{w}: {rows:?}"
        );
        assert!(
            rows.iter().any(|r| latin_words(r).len() >= 3),
            "{w}: {rows:?}"
        );
        // The first mention of تبریز is on the top line, right of the middle.
        let tabriz = h.state().mention_rects("tabriz");
        let in_para: Vec<egui::Rect> = tabriz
            .iter()
            .copied()
            .filter(|r| r.top() >= pos.y + galley.rect.top() - 1.0)
            .filter(|r| r.bottom() <= pos.y + galley.rect.bottom() + 1.0)
            .collect();
        assert!(in_para.len() >= 3, "{w}: {in_para:?}");
        let top_row_bottom = pos.y + galley.rows[0].rect().bottom();
        let top = in_para
            .iter()
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap();
        assert!(top.bottom() <= top_row_bottom + 1.0, "{w}: {top:?}");
        assert!(
            top.center().x > pos.x + galley.rect.center().x,
            "{w}: {top:?}"
        );
    }
}

#[test]
fn clicking_a_mention_in_a_wrapped_right_to_left_paragraph_selects_it_at_its_passage() {
    // Tall enough for the paragraph to be in view without scrolling.
    let mut h = rtl_reader(640.0, 900.0);
    let (galley, pos) = reader_galley(&h).expect("paragraph");
    let para = galley.rect.translate(pos.to_vec2());
    // Bakı, inside the English sentence on a lower line.
    let baku = h
        .state()
        .mention_rects("baku")
        .into_iter()
        .find(|r| para.contains(r.center()))
        .expect("Bakı in the paragraph");
    common::app::click_at(&mut h, baku.center());
    assert_eq!(common::app::selected(&h).as_deref(), Some("baku"));
    // The reader's current passage is the one clicked (the sentence with Bakı in this
    // paragraph), not Bakı's first one.
    let (galley, pos) = reader_galley(&h).expect("paragraph");
    let para = galley.rect.translate(pos.to_vec2());
    let (passage, _) = h.state().reader_passage_on_screen().expect("a passage");
    assert!(
        para.expand(1.0).contains(passage.center()),
        "{passage:?} in {para:?}"
    );
}
