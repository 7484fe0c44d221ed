//! The article's own details in author mode: title, author and the citation "Copy
//! citation" adds after a quote. A draft has the headline, no author and a citation
//! naming the file it was made from (trial7 #8).

use egui::RichText;
use serde_json::Value;

use super::Author;
use crate::model::edit::{ArticleField, Edit};

/// The fields' texts as typed, kept in egui's memory until the document changes.
type Texts = (u64, Vec<String>);

fn label(field: ArticleField) -> &'static str {
    match field {
        ArticleField::Title => "Article title",
        ArticleField::Author => "Article author",
        ArticleField::Citation => "Citation (added after every copied quote)",
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

/// The article's title, author and citation, each committed (one undoable edit) when
/// its field loses focus or on Enter.
pub fn ui(ui: &mut egui::Ui, a: &mut Author) {
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
        let r = ui
            .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        let entered =
            r.lost_focus() || (r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
        if entered && text.trim() != read(a, *field).trim() {
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
}
