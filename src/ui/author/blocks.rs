//! Marking the text's parts: the block holding the words selected in the reader (or the
//! current passage) is made the title, the standfirst, a heading, a pull quote, the
//! byline, a paragraph, or web-page furniture left out of the reader; blocks left out
//! are listed to bring back. A block that runs a byline or a heading into the paragraph
//! after it is split at the selected words' edge (where it falls is shown first), and
//! two blocks are joined back. Each is one named edit, drawn at once by the reader.
//!
//! Blocks are read from the document as edited, not from the atlas drawn: after a split
//! that leaves a problem (a new paragraph with no passage yet) the reader keeps the last
//! clean atlas, and the block just split off stays the one this section marks.

use egui::RichText;

use std::ops::Range;

use super::Author;
use crate::model::edit::split::{snap, split_gap};
use crate::model::edit::{AtlasDoc, Edit};
use crate::model::{Atlas, Link, PartKind};
use crate::ui::ViewCtx;

/// The kinds an author gives a block, as the buttons name them.
const KINDS: [(PartKind, &str); 8] = [
    (PartKind::Title, "Title"),
    (PartKind::Standfirst, "Standfirst"),
    (PartKind::Heading, "Heading"),
    (PartKind::Paragraph, "Paragraph"),
    (PartKind::Pullquote, "Pull quote"),
    (PartKind::Author, "Byline"),
    (PartKind::Caption, "Image caption"),
    (PartKind::Furniture, "Leave out (furniture)"),
];

/// Kinds that are a line or two of text: a whole paragraph marked so (a 450-word block
/// made a heading: trial6 #4) is refused; the words are split off first.
const SHORT_KINDS: [PartKind; 4] = [
    PartKind::Title,
    PartKind::Heading,
    PartKind::Author,
    PartKind::Caption,
];

/// The most words a title, heading, byline or caption block may have.
const SHORT_MAX_WORDS: usize = 40;

/// Why `kind` does not fit a block of `words` words, or `None` if it does.
fn misfit(kind: PartKind, words: usize) -> Option<String> {
    (SHORT_KINDS.contains(&kind) && words > SHORT_MAX_WORDS).then(|| {
        format!(
            "This block has {words} words: {} is a line or two. Select its words and \
             split them off first (Split after …).",
            kind.label()
        )
    })
}

/// A split the author can make: the edit, the button's name and where it falls.
struct SplitOffer {
    edit: Edit,
    name: String,
    shown: String,
}

/// The block an edit here last acted on (split off, marked, joined), remembered in
/// egui's memory with the session generation after it and the reader's selection then:
/// it stays the block this section shows until another change or another selection,
/// also while the selection points into an older atlas (a split that does not check
/// clean yet).
type Remembered = (u64, usize, Option<Range<usize>>);

fn memory() -> egui::Id {
    egui::Id::unique("aras-author-block-acted-on")
}

pub fn ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, link: Option<&Link>) {
    ui.label(RichText::new("Text part").strong());
    let doc = &a.session.doc;
    let list = doc.block_list();
    // The reader's selection and passages are offsets into the atlas drawn.
    let same = view.atlas.article.text == doc.text();
    let remembered = ui
        .data(|d| d.get_temp::<Remembered>(memory()))
        .filter(|(g, _, sel)| {
            *g == a.session.generation() && (a.text_selection.is_none() || a.text_selection == *sel)
        })
        .map(|(_, i, _)| i);
    let selection = a.text_selection.clone().filter(|_| same);
    let from_selection = selection.as_ref().and_then(|s| {
        list.iter()
            .position(|(r, _)| r.start <= s.start && s.end <= r.end)
    });
    let block = remembered
        .or(from_selection)
        .or_else(|| link.filter(|_| same).map(|l| l.part));
    let mut edit = None;
    match block.and_then(|i| Some((i, list.get(i)?))) {
        Some((index, (range, kind))) => {
            let text = doc.text().get(range.clone()).unwrap_or_default();
            let kind = kind.unwrap_or(PartKind::Paragraph);
            ui.label(format!(
                "Block {}: “{}” is {}.",
                index + 1,
                opening(text),
                kind.label()
            ));
            mark_row(ui, index, kind, text, &mut edit);
            let sel = selection.filter(|_| from_selection == Some(index));
            split_rows(ui, doc, index, range, sel.as_ref(), &mut edit);
            join_row(ui, doc, &list, index, &mut edit);
        }
        None if !same => {
            ui.label(
                RichText::new(
                    "The text was split or joined and does not check clean yet: fix the \
                     problems (or undo) to mark blocks from the reader again.",
                )
                .weak(),
            );
        }
        None => {
            ui.label(
                RichText::new("Select words in the article to mark the block that holds them.")
                    .weak(),
            );
        }
    }
    left_out_ui(ui, doc, &list, &mut edit);
    if let Some(e) = edit {
        apply(ui, a, e);
    }
}

/// Applies an edit and remembers the block it acted on (see [`Remembered`]).
fn apply(ui: &egui::Ui, a: &mut Author, e: Edit) {
    let block = match &e {
        Edit::SplitBlock { index, .. }
        | Edit::JoinBlocks { index }
        | Edit::SetBlockKind { index, .. } => Some(*index),
        _ => None,
    };
    if a.apply(e)
        && let Some(index) = block
    {
        let now: Remembered = (a.session.generation(), index, a.text_selection.clone());
        ui.data_mut(|d| d.insert_temp(memory(), now));
    }
}

/// "Mark as:" and the kinds.
fn mark_row(ui: &mut egui::Ui, index: usize, kind: PartKind, text: &str, edit: &mut Option<Edit>) {
    let count = text.split_whitespace().count();
    ui.horizontal_wrapped(|ui| {
        ui.label("Mark as:");
        for (k, name) in KINDS {
            let now = kind == k || (k == PartKind::Author && kind == PartKind::AuthorRole);
            let why = misfit(k, count);
            let r = ui
                .add_enabled(why.is_none(), egui::Button::selectable(now, name))
                .on_hover_text(format!("Mark block {} as {}", index + 1, k.label()))
                .on_disabled_hover_text(why.unwrap_or_default());
            if r.clicked() && !now {
                *edit = Some(Edit::SetBlockKind { index, kind: k });
            }
        }
    });
}

/// The splits the selected words offer in block `index` (byte range `block`): after
/// their last word and before their first, each with where it falls; or why none.
fn split_offers(
    doc: &AtlasDoc,
    index: usize,
    block: &Range<usize>,
    sel: &Range<usize>,
) -> Result<Vec<SplitOffer>, String> {
    let text = doc.text();
    let mut offers: Vec<SplitOffer> = Vec::new();
    let mut why = None;
    for after in [true, false] {
        let at = snap(text, block, if after { sel.end } else { sel.start }, after);
        match split_gap(text, block, index, at) {
            Ok(gap) => {
                let edit = Edit::SplitBlock { index, at };
                let same_gap = |o: &SplitOffer| {
                    matches!(o.edit, Edit::SplitBlock { at: b, .. }
                        if split_gap(text, block, index, b).ok() == Some(gap.clone()))
                };
                if offers.iter().any(same_gap) {
                    continue;
                }
                let before = text.get(block.start..gap.start).unwrap_or_default();
                let rest = text.get(gap.end..block.end).unwrap_or_default();
                let name = if after {
                    format!("Split after “{}”", last_words(before, 2))
                } else {
                    format!("Split before “{}”", first_words(rest, 2))
                };
                let shown = format!("“…{}” | “{}…”", last_words(before, 3), first_words(rest, 3));
                offers.push(SplitOffer { edit, name, shown });
            }
            Err(e) => {
                why.get_or_insert(e.to_string());
            }
        }
    }
    match (offers.is_empty(), why) {
        (true, Some(why)) => Err(why),
        _ => Ok(offers),
    }
}

/// "Split after “…”" for the words selected in this block, each with where it falls.
fn split_rows(
    ui: &mut egui::Ui,
    doc: &AtlasDoc,
    index: usize,
    block: &Range<usize>,
    sel: Option<&Range<usize>>,
    edit: &mut Option<Edit>,
) {
    let Some(sel) = sel else {
        ui.label(
            RichText::new(
                "To split this block, select the words to split off (a byline, a heading).",
            )
            .weak(),
        );
        return;
    };
    match split_offers(doc, index, block, sel) {
        Ok(offers) => {
            for o in offers {
                ui.horizontal_wrapped(|ui| {
                    let r = ui.button(&o.name).on_hover_text(format!(
                        "Block {} becomes two: {}",
                        index + 1,
                        o.shown
                    ));
                    if r.clicked() {
                        *edit = Some(o.edit);
                    }
                    ui.label(RichText::new(&o.shown).weak());
                });
            }
        }
        Err(why) => {
            ui.label(RichText::new(format!("Cannot split here: {why}.")).weak());
        }
    }
}

/// "Join with block 2 “…”" and "Join with block 4 “…”".
fn join_row(
    ui: &mut egui::Ui,
    doc: &AtlasDoc,
    list: &[(Range<usize>, Option<PartKind>)],
    index: usize,
    edit: &mut Option<Edit>,
) {
    let text = doc.text();
    let words = |i: usize, end: bool| {
        let t = list
            .get(i)
            .and_then(|(r, _)| text.get(r.clone()))
            .unwrap_or_default();
        if end {
            format!("…{}", last_words(t, 3))
        } else {
            format!("{}…", first_words(t, 3))
        }
    };
    ui.horizontal_wrapped(|ui| {
        if let Some(prev) = index.checked_sub(1) {
            let name = format!("Join with block {} “{}”", prev + 1, words(prev, true));
            if ui.button(name).clicked() {
                *edit = Some(Edit::JoinBlocks { index: prev });
            }
        }
        if index + 1 < list.len() {
            let name = format!(
                "Join with block {} “{}”",
                index + 2,
                words(index + 1, false)
            );
            if ui.button(name).clicked() {
                *edit = Some(Edit::JoinBlocks { index });
            }
        }
    });
}

/// Blocks left out of the reader, each to bring back as a paragraph.
fn left_out_ui(
    ui: &mut egui::Ui,
    doc: &AtlasDoc,
    list: &[(Range<usize>, Option<PartKind>)],
    edit: &mut Option<Edit>,
) {
    let left_out: Vec<(usize, String)> = list
        .iter()
        .enumerate()
        .filter(|(_, (_, k))| *k == Some(PartKind::Furniture))
        .map(|(i, (r, _))| (i, opening(doc.text().get(r.clone()).unwrap_or_default())))
        .collect();
    if left_out.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Left out of the reader").strong());
    for (index, words) in left_out {
        if ui
            .button(format!("Show “{words}” as a paragraph"))
            .clicked()
        {
            *edit = Some(Edit::SetBlockKind {
                index,
                kind: PartKind::Paragraph,
            });
        }
    }
}

/// The article's blocks: byte range and kind, in order.
pub fn of(atlas: &Atlas) -> Vec<(Range<usize>, PartKind)> {
    atlas
        .article
        .parts
        .iter()
        .map(|p| (p.range.clone(), p.kind))
        .collect()
}

/// "Mark block…" in the status strip: the kinds for the block holding the words
/// selected in the reader, and the splits they offer, as a menu beside "Link to…".
pub fn menu(ui: &mut egui::Ui, a: &mut Author) {
    let doc = &a.session.doc;
    let list = doc.block_list();
    // The selection is an offset into the atlas last checked clean: of use only while
    // its blocks are the document's.
    let current =
        list.len() == a.blocks.len() && list.iter().zip(&a.blocks).all(|((r, _), (b, _))| r == b);
    let found = a.text_selection.as_ref().filter(|_| current).and_then(|s| {
        list.iter()
            .position(|(r, _)| r.start <= s.start && s.end <= r.end)
    });
    let text = doc.text();
    let Some((index, range, now, count)) = found.and_then(|i| {
        let (range, kind) = list.get(i)?;
        let count = text.get(range.clone())?.split_whitespace().count();
        Some((i, range.clone(), kind.unwrap_or(PartKind::Paragraph), count))
    }) else {
        let why = if current {
            "Select words in the article first"
        } else {
            "The text was split or joined and does not check clean yet: mark the block in \
             the Edit passage tab, or fix the problems"
        };
        ui.add_enabled(false, egui::Button::new("Mark block…"))
            .on_disabled_hover_text(why);
        return;
    };
    let offers = a
        .text_selection
        .as_ref()
        .and_then(|s| split_offers(doc, index, &range, s).ok())
        .unwrap_or_default();
    let mut edit = None;
    ui.menu_button("Mark block…", |ui| {
        for (kind, name) in KINDS {
            let on = now == kind || (kind == PartKind::Author && now == PartKind::AuthorRole);
            let why = misfit(kind, count);
            let r = ui
                .add_enabled(why.is_none(), egui::Button::selectable(on, name))
                .on_disabled_hover_text(why.unwrap_or_default());
            if r.clicked() && !on {
                edit = Some(Edit::SetBlockKind { index, kind });
                ui.close();
            }
        }
        if !offers.is_empty() {
            ui.separator();
        }
        for o in offers {
            if ui.button(&o.name).on_hover_text(&o.shown).clicked() {
                edit = Some(o.edit);
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(format!("Block {} is {}", index + 1, now.label()));
    if let Some(e) = edit {
        apply(ui, a, e);
    }
}

/// The first five words, with "…" if there are more.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(5).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 5 {
        out.push('…');
    }
    out
}

/// Up to the first `n` words, joined by spaces.
fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Up to the last `n` words, joined by spaces.
fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .get(words.len().saturating_sub(n)..)
        .unwrap_or_default()
        .join(" ")
}
