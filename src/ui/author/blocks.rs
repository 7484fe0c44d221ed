//! Marking the text's parts: the block holding the words selected in the reader (or the
//! current passage) is made the title, the standfirst, a heading, a pull quote, the
//! byline, a paragraph, or web-page furniture left out of the reader; blocks left out
//! are listed to bring back. Each is one named edit, drawn at once by the reader.

use egui::RichText;

use std::ops::Range;

use super::Author;
use crate::model::edit::Edit;
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
/// made a heading: trial6 #4) is refused, as blocks cannot be split yet.
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
            "This block has {words} words: a {} is a line or two. Blocks cannot be split yet.",
            kind.label()
        )
    })
}

pub fn ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, link: Option<&Link>) {
    let article = &view.atlas.article;
    ui.label(RichText::new("Text part").strong());
    let from_selection = a.text_selection.as_ref().and_then(|s| article.part_of(s));
    let block = from_selection.or_else(|| link.map(|l| l.part));
    let mut edit = None;
    match block.and_then(|i| Some((i, article.parts.get(i)?))) {
        Some((index, part)) => {
            let words = opening(article.slice(&part.range));
            let count = article.slice(&part.range).split_whitespace().count();
            ui.label(format!(
                "Block {}: “{words}” is {}.",
                index + 1,
                part.kind.label()
            ));
            ui.horizontal_wrapped(|ui| {
                ui.label("Mark as:");
                for (kind, name) in KINDS {
                    let now = part.kind == kind
                        || (kind == PartKind::Author && part.kind == PartKind::AuthorRole);
                    let why = misfit(kind, count);
                    let r = ui
                        .add_enabled(why.is_none(), egui::Button::selectable(now, name))
                        .on_hover_text(format!("Mark block {} as {}", index + 1, kind.label()))
                        .on_disabled_hover_text(why.unwrap_or_default());
                    if r.clicked() && !now {
                        edit = Some(Edit::SetBlockKind { index, kind });
                    }
                }
            });
        }
        None => {
            ui.label(
                RichText::new("Select words in the article to mark the block that holds them.")
                    .weak(),
            );
        }
    }
    let left_out: Vec<(usize, String)> = article
        .parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PartKind::Furniture)
        .map(|(i, p)| (i, opening(article.slice(&p.range))))
        .collect();
    if !left_out.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new("Left out of the reader").strong());
        for (index, words) in left_out {
            if ui
                .button(format!("Show “{words}” as a paragraph"))
                .clicked()
            {
                edit = Some(Edit::SetBlockKind {
                    index,
                    kind: PartKind::Paragraph,
                });
            }
        }
    }
    if let Some(e) = edit {
        a.apply(e);
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
/// selected in the reader, as a menu beside "Link to…".
pub fn menu(ui: &mut egui::Ui, a: &mut Author) {
    let found = a.text_selection.as_ref().and_then(|s| {
        a.blocks
            .iter()
            .position(|(r, _)| r.start <= s.start && s.end <= r.end)
    });
    let text = a.session.doc.text();
    let Some((index, now, count)) = found.and_then(|i| {
        let (range, kind) = a.blocks.get(i)?;
        let count = text.get(range.clone())?.split_whitespace().count();
        Some((i, *kind, count))
    }) else {
        ui.add_enabled(false, egui::Button::new("Mark block…"))
            .on_disabled_hover_text("Select words in the article first");
        return;
    };
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
    })
    .response
    .on_hover_text(format!("Block {} is {}", index + 1, now.label()));
    if let Some(e) = edit {
        a.apply(e);
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
