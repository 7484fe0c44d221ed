//! Splitting a block of the article so its parts can be marked (issue 15, trial6 #4): a
//! byline or a heading run into the paragraph after it is split off at a word boundary,
//! then marked; a join puts two blocks back together. The text file changes, so every
//! quote is anchored again, undo gives back every file byte for byte, and saving, the
//! recovery file and the "changed on disk" refusal cover the text too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use std::collections::BTreeMap;

use aras::model::PartKind;
use aras::model::edit::store::{self, Session, StoreError};
use aras::model::edit::{AtlasDoc, Edit, EditError};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

mod common;

use common::edit::{author_harness, click, has_button, minimal, range_of};

/// The minimal atlas with two more links whose context crosses the gap between
/// "Alpha borders Beta." and "Alpha and Beta share …": one with a `prefix` across it,
/// one with a `suffix` across it.
fn with_context_links() -> tempfile::TempDir {
    let dir = minimal();
    let links = r#"{
  "links": [
    { "id": "borders", "elements": ["alpha", "beta"], "selector": { "type": "TextQuoteSelector", "exact": "Alpha borders Beta." } },
    { "id": "river", "elements": ["blue-river", "alpha", "beta"], "selector": { "type": "TextQuoteSelector", "exact": "share the Blue River" } },
    { "id": "town", "elements": ["gamma-town", "alpha"], "selector": { "type": "TextQuoteSelector", "exact": "Gamma Town lies in Alpha." } },
    { "id": "troops", "elements": ["alpha", "beta"], "selector": { "type": "TextQuoteSelector", "exact": "Alpha said Beta moved troops, which Beta denied." }, "claimed_by": ["alpha"], "denied_by": ["beta"] },
    { "id": "after", "elements": ["alpha"], "selector": { "type": "TextQuoteSelector", "exact": "Alpha", "prefix": "Beta. " } },
    { "id": "before", "elements": ["beta"], "selector": { "type": "TextQuoteSelector", "exact": "Beta", "suffix": ". Alpha and" } }
  ]
}
"#;
    std::fs::write(dir.path().join("links.json"), links).unwrap();
    assert!(
        common::load_dir(dir.path()).is_ok(),
        "the set-up checks clean"
    );
    dir
}

/// The byte just after `words` in the article (the first occurrence).
fn after(doc: &AtlasDoc, words: &str) -> usize {
    range_of(doc, words, 0).end
}

/// The words a link selects in the atlas as loaded from the document.
fn selected(doc: &AtlasDoc, key: &str) -> String {
    let atlas = doc.check().unwrap_or_else(|p| panic!("{:?}", p.0));
    let link = atlas.links.iter().find(|l| l.key == key).unwrap();
    atlas.article.slice(&link.range).to_owned()
}

fn selector(doc: &AtlasDoc, key: &str) -> serde_json::Value {
    let links = doc.value("links.json").unwrap()["links"]
        .as_array()
        .unwrap();
    links.iter().find(|l| l["id"] == key).unwrap()["selector"].clone()
}

#[test]
fn a_split_inside_a_quotes_prefix_or_suffix_rewrites_them_and_every_link_selects_the_same_words() {
    let dir = with_context_links();
    let mut s = Session::open(dir.path()).unwrap();
    let before: BTreeMap<_, _> = ["borders", "river", "town", "troops", "after", "before"]
        .iter()
        .map(|k| (*k, selected(&s.doc, k)))
        .collect();
    let at = after(&s.doc, "Alpha borders Beta.");
    let edit = Edit::SplitBlock { index: 2, at };
    assert_eq!(s.doc.describe(&edit), "split block 3 after ‘borders Beta.’");
    s.edit(edit).unwrap();
    assert!(
        s.doc
            .text()
            .contains("Alpha borders Beta.\n\nAlpha and Beta share")
    );
    // The context across the new blank line is the new text's.
    assert_eq!(selector(&s.doc, "after")["prefix"], "Beta.\n\n");
    assert_eq!(selector(&s.doc, "before")["suffix"], ".\n\nAlpha and");
    // A selector the split does not touch is left as written.
    assert_eq!(
        selector(&s.doc, "river"),
        serde_json::json!({"type": "TextQuoteSelector", "exact": "share the Blue River"})
    );
    for (key, words) in &before {
        assert_eq!(&selected(&s.doc, key), words, "{key}");
    }
    // The two halves are two parts, the second a paragraph like the block was.
    let atlas = s.doc.check().unwrap();
    assert_eq!(atlas.article.parts.len(), 6);
    assert_eq!(atlas.article.part_text(2), "Alpha borders Beta.");
    assert_eq!(atlas.article.parts[3].kind, PartKind::Paragraph);
    let after_link = atlas.links.iter().find(|l| l.key == "after").unwrap();
    assert_eq!(
        after_link.part, 3,
        "“Alpha” after the split is in the new block"
    );
}

#[test]
fn a_split_inside_a_passage_cuts_it_to_its_longer_side_and_says_so() {
    let dir = minimal();
    let mut s = Session::open(dir.path()).unwrap();
    // "Gamma Town lies in Alpha." is the town link's whole quote.
    let at = after(&s.doc, "Gamma Town");
    let edit = Edit::SplitBlock { index: 3, at };
    let label = s.doc.describe(&edit);
    assert_eq!(
        label,
        "split block 4 after ‘Gamma Town’; passage ‘Gamma Town lies in Alpha.’ now ‘lies in Alpha.’"
    );
    s.edit(edit).unwrap();
    let words = |s: &Session, key: &str| {
        let r = s.doc.link_range(key).unwrap();
        s.doc.text()[r].to_owned()
    };
    assert_eq!(words(&s, "town"), "lies in Alpha.");
    assert_eq!(
        words(&s, "troops"),
        "Alpha said Beta moved troops, which Beta denied."
    );
    // "Gamma Town" is now a block of its own with no passage, as an inline heading
    // split off is until it is marked: marked a heading, the atlas checks clean.
    s.edit(Edit::SetBlockKind {
        index: 3,
        kind: PartKind::Heading,
    })
    .unwrap();
    assert_eq!(selected(&s.doc, "town"), "lies in Alpha.");
    s.undo().unwrap();
    s.undo().unwrap();
    assert_eq!(selected(&s.doc, "town"), "Gamma Town lies in Alpha.");
}

#[test]
fn split_then_join_gives_back_every_file_byte_for_byte_and_so_does_undo() {
    let dir = with_context_links();
    let mut s = Session::open(dir.path()).unwrap();
    let original = s.doc.current_files();
    let at = after(&s.doc, "Alpha borders Beta.");
    s.edit(Edit::SplitBlock { index: 2, at }).unwrap();
    assert_ne!(s.doc.current_files(), original);
    let join = Edit::JoinBlocks { index: 2 };
    assert_eq!(
        s.doc.describe(&join),
        "join block 4 ‘Alpha and Beta share …’ to block 3"
    );
    s.edit(join).unwrap();
    assert_eq!(s.doc.current_files(), original, "split then join");
    assert!(!s.is_dirty());
    s.undo().unwrap();
    s.undo().unwrap();
    assert_eq!(s.doc.current_files(), original, "undone twice");
    s.redo().unwrap();
    assert_eq!(
        s.doc.text().matches("\n\n").count(),
        5,
        "redone: six blocks"
    );
}

#[test]
fn a_split_at_the_start_or_the_end_of_a_block_or_inside_a_word_is_refused_with_the_reason() {
    let dir = minimal();
    let mut s = Session::open(dir.path()).unwrap();
    let block = range_of(
        &s.doc,
        "Alpha borders Beta. Alpha and Beta share the Blue River.",
        0,
    );
    let refuse = |s: &mut Session, at: usize| match s.edit(Edit::SplitBlock { index: 2, at }) {
        Err(EditError::Blocks(why)) => why,
        other => panic!("{other:?}"),
    };
    let start = refuse(&mut s, block.start);
    assert_eq!(
        start,
        "that is the start of block 3: nothing would come before the split"
    );
    let end = refuse(&mut s, block.end);
    assert_eq!(
        end,
        "that is the end of block 3: nothing would come after the split"
    );
    let inside = refuse(&mut s, block.start + 2);
    assert_eq!(
        inside,
        "a block is split between two words, not inside “Alpha”"
    );
    // The last block has nothing after it to join.
    let last = s.edit(Edit::JoinBlocks { index: 4 }).unwrap_err();
    assert_eq!(
        last.to_string(),
        "block 5 is the last: there is no block after it to join"
    );
    assert!(!s.is_dirty(), "nothing changed");
    assert_eq!(s.history.depth(), 0);
}

#[test]
fn a_split_starts_which_is_longer_than_its_first_half_is_shortened() {
    let dir = minimal();
    let mut s = Session::open(dir.path()).unwrap();
    // Block 1's starts is "A Small Test"; split after "A Small".
    let at = after(&s.doc, "A Small");
    s.edit(Edit::SplitBlock { index: 0, at }).unwrap();
    let parts = s.doc.value("article.json").unwrap()["parts"].clone();
    assert_eq!(parts[0]["starts"], "A Small");
    assert_eq!(
        parts[1],
        serde_json::json!({"kind": "title", "starts": "Test Article"})
    );
    assert!(s.doc.check().is_ok(), "{:?}", s.doc.check().err());
}

#[test]
fn the_saved_split_checks_clean_and_the_text_is_guarded_like_the_json_files() {
    let dir = minimal();
    let mut s = Session::open(dir.path()).unwrap();
    let at = after(&s.doc, "Alpha borders Beta.");
    s.edit(Edit::SplitBlock { index: 2, at }).unwrap();
    // The recovery file holds the text; a new session restores it.
    store::write_recovery(&s.doc, dir.path()).unwrap();
    let mut again = Session::open(dir.path()).unwrap();
    let recovery = store::newer_recovery(dir.path()).unwrap().unwrap();
    assert!(recovery.files.contains_key("article.txt"));
    again.restore(&recovery).unwrap();
    assert_eq!(again.doc.text(), s.doc.text());
    assert_eq!(again.doc.current_files(), s.doc.current_files());
    again.undo().unwrap();
    assert!(
        !again.is_dirty(),
        "undoing the restore takes the text back too"
    );
    // Another program changes the text on disk: saving refuses and names it.
    let txt = dir.path().join("article.txt");
    let on_disk = std::fs::read(&txt).unwrap();
    std::fs::write(&txt, b"Changed elsewhere.\n").unwrap();
    match s.save() {
        Err(StoreError::ChangedOnDisk { file }) => assert_eq!(file, "article.txt"),
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(&txt).unwrap(), b"Changed elsewhere.\n");
    std::fs::write(&txt, on_disk).unwrap();
    let written = s.save().unwrap();
    assert!(written.contains(&"article.txt".to_owned()), "{written:?}");
    assert!(written.contains(&"article.json".to_owned()), "{written:?}");
    let (code, out, err) = common::aras(&["check", "--atlas", &dir.path().to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
    // No temporary file is left beside them.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("aras-tmp")), "{names:?}");
    // Undo after the save, saved again: the text on disk is the original, byte for
    // byte, and article.json the original parts (now in the stable form).
    s.undo().unwrap();
    s.save().unwrap();
    let original = common::minimal_dir();
    let read = |d: &std::path::Path, n: &str| std::fs::read(d.join(n)).unwrap();
    assert_eq!(
        read(dir.path(), "article.txt"),
        read(&original, "article.txt")
    );
    let json = |d: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&read(d, "article.json")).unwrap()
    };
    assert_eq!(json(dir.path()), json(&original));
}

#[test]
fn a_drafts_byline_is_split_off_and_marked_and_the_draft_still_checks_clean() {
    let article = std::path::Path::new("/work/shared/data/geowebnews-dev/articles/297.txt");
    let (_tmp, dir, _) = if article.exists() {
        common::draft(article)
    } else {
        // Elsewhere: a short article in the same shape.
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("297.txt");
        std::fs::write(
            &file,
            "TITLE: China warns Trump LINK: http://example.com/x\nBy JILL COLVIN and GILLIAN WONG, Associated Press WASHINGTON (AP) — China vowed on Friday to fight the U.S. after President Donald Trump proposed tariffs on Chinese goods.\n",
        )
        .unwrap();
        common::draft(&file)
    };
    let mut s = Session::open(&dir).unwrap();
    assert!(s.doc.check().is_ok());
    let at = after(&s.doc, "Associated Press");
    let index = s
        .doc
        .block_list()
        .iter()
        .position(|(r, _)| r.start <= at && at < r.end)
        .unwrap();
    let label = s.doc.describe(&Edit::SplitBlock { index, at });
    assert!(
        label.starts_with(&format!(
            "split block {} after ‘Associated Press’; passage ‘By JILL COLVIN and GILLIAN WONG,",
            index + 1
        )),
        "{label}"
    );
    s.edit(Edit::SplitBlock { index, at }).unwrap();
    s.edit(Edit::SetBlockKind {
        index,
        kind: PartKind::Author,
    })
    .unwrap();
    let atlas = s.doc.check().unwrap_or_else(|p| panic!("{:?}", p.0));
    assert_eq!(
        atlas.article.part_text(index),
        "By JILL COLVIN and GILLIAN WONG, Associated Press"
    );
    assert_eq!(atlas.article.parts[index].kind, PartKind::Author);
    assert!(
        atlas
            .article
            .part_text(index + 1)
            .starts_with("WASHINGTON (AP) — China vowed"),
        "{}",
        atlas.article.part_text(index + 1)
    );
    s.save().unwrap();
    let (code, out, err) = common::aras(&["check", "--atlas", &dir.to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
}

// ---- In the window: split from the selected words, mark the first part, undo, redo,
// save, reopen.

fn select_words(h: &mut egui_kittest::Harness<'static, aras::app::ArasApp>, needle: &str) {
    let (from, to) = common::edit::text_span(h, needle);
    common::app::drag(h, from, to);
}

#[test]
fn a_byline_run_into_its_paragraph_is_split_off_from_the_selection_marked_and_kept() {
    let dir = minimal();
    let txt = dir.path().join("article.txt");
    // A byline printed inline before the paragraph's first words, as scraped pages do.
    let text = std::fs::read_to_string(&txt).unwrap().replace(
        "Alpha borders Beta.",
        "By A. Tester, Wire Service ALPHA CITY Alpha borders Beta.",
    );
    std::fs::write(&txt, text).unwrap();
    let json = dir.path().join("article.json");
    let spec = std::fs::read_to_string(&json).unwrap().replace(
        "\"starts\": \"Alpha borders\"",
        "\"starts\": \"By A. Tester,\"",
    );
    std::fs::write(&json, spec).unwrap();
    let original = store::open_dir(dir.path()).unwrap().current_files();
    assert!(common::load_dir(dir.path()).is_ok());
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    h.get_by_label("Edit passage").click();
    h.run();
    select_words(&mut h, "By A. Tester, Wire Service");
    // Where the split falls is shown before it is made.
    assert!(
        h.query_by_label_contains("“…Tester, Wire Service” | “ALPHA CITY Alpha…”")
            .is_some(),
        "the split point is shown"
    );
    click(&mut h, "Split after “Wire Service”");
    let doc_text = |h: &egui_kittest::Harness<'static, aras::app::ArasApp>| {
        h.state()
            .author
            .as_ref()
            .unwrap()
            .session
            .doc
            .text()
            .to_owned()
    };
    assert!(
        doc_text(&h).contains("Wire Service\n\nALPHA CITY Alpha borders Beta."),
        "{}",
        doc_text(&h)
    );
    assert!(has_button(&h, "Undo: split block 3 after ‘Wire Service’"));
    // Until it is marked, the byline is a paragraph with no passage (this atlas is not a
    // draft): the live check says so, and the section marks the block just split off.
    assert!(h.query_by_label("Problems (1)").is_some());
    assert!(
        h.query_by_label_contains("Block 3: “By A. Tester, Wire Service” is a paragraph.")
            .is_some()
    );
    // The first part is marked as the byline: the atlas checks clean and is drawn.
    click(&mut h, "Byline");
    assert!(h.query_by_label("Problems (0)").is_some());
    let atlas = h.state().atlas().unwrap();
    assert_eq!(atlas.article.part_text(2), "By A. Tester, Wire Service");
    assert_eq!(
        atlas.article.part_text(3),
        "ALPHA CITY Alpha borders Beta. Alpha and Beta share the Blue River."
    );
    let kind = |h: &egui_kittest::Harness<'static, aras::app::ArasApp>, i: usize| {
        h.state().atlas().unwrap().article.parts[i].kind
    };
    assert_eq!(kind(&h, 2), PartKind::Author);
    assert!(common::app::painted_text_rect(&h, "ALPHA CITY Alpha borders").is_some());
    // Undo both, then redo both, by name.
    click(&mut h, "Undo: mark block 3 as the byline");
    click(&mut h, "Undo: split block 3 after ‘Wire Service’");
    assert_eq!(h.state().atlas().unwrap().article.parts.len(), 5);
    {
        let a = h.state().author.as_ref().unwrap();
        assert_eq!(
            a.session.doc.current_files(),
            original,
            "undo: byte for byte"
        );
    }
    click(&mut h, "Redo: split block 3 after ‘Wire Service’");
    click(&mut h, "Redo: mark block 3 as the byline");
    assert_eq!(kind(&h, 2), PartKind::Author);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(h.query_by_label("All changes saved").is_some());
    // Reopened, the atlas has the byline as its own part.
    let reopened = common::load_dir(dir.path()).unwrap_or_else(|p| panic!("{:?}", p.0));
    assert_eq!(reopened.article.part_text(2), "By A. Tester, Wire Service");
    assert_eq!(reopened.article.parts[2].kind, PartKind::Author);
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    h.run();
    assert!(h.query_by_label("Problems (0)").is_some());
    assert!(!h.state().author.as_ref().unwrap().is_dirty());
    // Joined back from the Edit passage tab.
    h.get_by_label("Edit passage").click();
    h.run();
    select_words(&mut h, "ALPHA CITY");
    assert!(
        h.query_by_role_and_label(Role::Button, "Join with block 3 “…Tester, Wire Service”")
            .is_some()
    );
}

#[test]
fn a_split_from_the_mark_block_menu_leaves_the_block_split_off_to_mark_in_the_text_part_section() {
    let dir = common::edit::minimal();
    let mut h = author_harness(dir.path(), 1400.0, 900.0);
    select_words(&mut h, "Gamma Town");
    click(&mut h, "Mark block…");
    click(&mut h, "Split after “Gamma Town”");
    assert!(has_button(
        &h,
        "Undo: split block 4 after ‘Gamma Town’; passage ‘Gamma Town lies in Alpha.’ now ‘lies in Alpha.’"
    ));
    // "Gamma Town" alone is a paragraph with no passage: the reader keeps the last clean
    // atlas, and the Edit passage tab offers to mark the block just split off.
    assert!(h.query_by_label("Problems (1)").is_some());
    h.get_by_label("Edit passage").click();
    h.run();
    assert!(
        h.query_by_label_contains("Block 4: “Gamma Town” is a paragraph.")
            .is_some()
    );
    click(&mut h, "Heading");
    assert!(h.query_by_label("Problems (0)").is_some());
    let atlas = h.state().atlas().unwrap();
    assert_eq!(atlas.article.part_text(3), "Gamma Town");
    assert_eq!(atlas.article.parts[3].kind, PartKind::Heading);
    // The section says what became of the block, until other words are selected.
    assert!(
        h.query_by_label_contains("Block 4: “Gamma Town” is a heading.")
            .is_some()
    );
    select_words(&mut h, "Beta moved troops");
    assert!(
        h.query_by_label_contains("Block 5: “lies in Alpha. Alpha said…” is a paragraph.")
            .is_some()
    );
}

#[test]
fn a_text_with_a_byte_order_mark_and_crlf_lines_is_split_with_a_crlf_blank_line_and_joined_back() {
    let dir = minimal();
    let txt = dir.path().join("article.txt");
    let text = std::fs::read_to_string(&txt).unwrap().replace('\n', "\r\n");
    std::fs::write(&txt, format!("\u{FEFF}{text}")).unwrap();
    assert!(common::load_dir(dir.path()).is_ok());
    let mut s = Session::open(dir.path()).unwrap();
    let original = s.doc.current_files();
    let at = after(&s.doc, "Alpha borders Beta.");
    s.edit(Edit::SplitBlock { index: 2, at }).unwrap();
    let bytes = s.doc.current_files()["article.txt"].clone();
    let saved = String::from_utf8(bytes).unwrap();
    assert!(saved.starts_with('\u{FEFF}'), "the byte order mark is kept");
    assert!(saved.contains("Alpha borders Beta.\r\n\r\nAlpha and Beta"));
    assert!(s.doc.check().is_ok(), "{:?}", s.doc.check().err());
    s.edit(Edit::JoinBlocks { index: 2 }).unwrap();
    assert_eq!(s.doc.current_files(), original);
}
