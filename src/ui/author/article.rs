//! The article's own details in author mode: title, author and the citation "Copy
//! citation" adds after a quote. A draft has the headline, no author and a citation
//! naming the file it was made from (trial7 #8). And whether it is finished: a draft
//! of `aras new` says so in `article.json` until the author marks it finished.

use egui::RichText;
use serde_json::Value;

use super::Author;
use crate::model::Atlas;
use crate::model::edit::{ArticleField, Edit};

/// The fields' texts as typed, kept in egui's memory until the document changes.
type Texts = (u64, Vec<String>);

fn label(field: ArticleField) -> &'static str {
    match field {
        ArticleField::Title => "Article title",
        ArticleField::Author => "Article author",
        ArticleField::Citation => "Citation (added after every copied quote)",
        ArticleField::Date => "Article date (YYYY-MM-DD: a weekday in the text is read by it)",
    }
}

fn read(a: &Author, field: ArticleField) -> String {
    a.session
        .doc
        .value(crate::model::load::ARTICLE_FILE)
        .and_then(|v| v.get(field.key()))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The article's title, author, citation and date, each committed (one undoable edit) when
/// its field loses focus or on Enter; then whether it is a draft.
pub fn ui(ui: &mut egui::Ui, a: &mut Author, atlas: &Atlas) {
    ui.add_space(8.0);
    ui.label(RichText::new("The article").strong());
    let id = egui::Id::unique("aras-author-article-fields");
    let generation = a.session.generation();
    let mut texts: Texts = ui
        .data(|d| d.get_temp::<Texts>(id))
        .filter(|t| t.0 == generation)
        .unwrap_or_else(|| {
            let read = ArticleField::ALL.iter().map(|f| read(a, *f)).collect();
            (generation, read)
        });
    let mut commit = None;
    for (field, text) in ArticleField::ALL.iter().zip(texts.1.iter_mut()) {
        ui.add_space(4.0);
        let l = ui.label(label(*field));
        // A citation (and a headline) can be long: wrapped, read whole at 640 wide, and
        // still one line of text (s10 #4).
        let entered = if matches!(field, ArticleField::Author | ArticleField::Date) {
            let r = ui
                .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            r.lost_focus() || (r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
        } else {
            super::wrapped_line(ui, text, 2, l.id).1
        };
        let bad_date = *field == ArticleField::Date
            && !text.trim().is_empty()
            && crate::model::timeline::DatePoint::parse(text.trim()).is_err();
        if bad_date {
            let why = "Type the date as YYYY-MM-DD (or YYYY-MM, YYYY).";
            ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
        }
        if entered && !bad_date && text.trim() != read(a, *field).trim() {
            commit = Some(Edit::SetArticle {
                field: *field,
                value: text.trim().to_owned(),
            });
        }
    }
    ui.data_mut(|d| d.insert_temp(id, texts));
    if let Some(edit) = commit {
        a.apply(edit);
    }
    draft_ui(ui, a, atlas);
}

/// "Mark as finished" (or "Mark as a draft again") and what it changes.
fn draft_ui(ui: &mut egui::Ui, a: &mut Author, atlas: &Atlas) {
    let draft = a
        .session
        .doc
        .value(crate::model::load::ARTICLE_FILE)
        .and_then(|v| v.get("draft"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    ui.add_space(6.0);
    // The framing and inset switch only for a story about the South Caucasus.
    let caucasus = atlas.story_in_the_caucasus();
    let (state, button, what) = if draft {
        (
            "This article is a draft (as aras new made it).",
            "Mark as finished",
            if caucasus {
                "Finished, the check wants every paragraph linked to the map (a draft's \
                 paragraphs that name no place need no link), and the map opens on the \
                 South Caucasus with its inset."
            } else {
                "Finished, the check wants every paragraph linked to the map (a draft's \
                 paragraphs that name no place need no link)."
            },
        )
    } else {
        (
            "This article is finished: the check wants every paragraph linked.",
            "Mark as a draft again",
            "A draft's paragraphs that name no place need no link.",
        )
    };
    ui.label(state);
    // The live check runs after the edit, as for any other: new problems are counted
    // in the Problems tab's title at once.
    if ui.button(button).on_hover_text(what).clicked() {
        a.apply(Edit::SetDraft { draft: !draft });
    }
    ui.label(RichText::new(what).weak());
}
