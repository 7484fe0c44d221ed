//! "Link to…": the words selected in the reader (or typed, the keyboard path) linked to
//! an existing element or to a place of the world gazetteer, added as a new element. The
//! link gets an exact `TextQuoteSelector` with the shortest unique prefix and suffix (the
//! model's `add_link`).

use std::ops::Range;

use egui::RichText;

use super::Author;
use super::create::{Tool, What};
use crate::gazetteer::Gazetteer;
use crate::model::edit::passage::whole_words;
use crate::model::edit::pick::{element_from_place, find_elements, find_places, kind_of};
use crate::model::edit::{AtlasDoc, Edit, element_list};

/// The picker's state while it is open.
#[derive(Default)]
pub struct Picker {
    open: bool,
    /// The words to link: the reader's selection, or found from `words`.
    range: Option<Range<usize>>,
    /// The words as shown and editable.
    pub words: String,
    /// What to look for among elements and gazetteer places.
    pub query: String,
    /// Focus the query field on the first frame.
    focus: bool,
}

/// What was chosen in the list.
enum Choice {
    Element(String),
    /// Index into the gazetteer's places.
    Place(usize),
}

impl Picker {
    /// Opens on the reader's selection (or empty, to type the words).
    pub fn open(&mut self, doc: &AtlasDoc, selection: Option<&Range<usize>>) {
        // Whole words: "ianjin" selected in "Tianjin" links "Tianjin" (trial #12).
        self.range = selection
            .and_then(|r| trimmed(doc.text(), r))
            .map(|r| words_of(doc.text(), &r));
        self.words = self
            .range
            .clone()
            .and_then(|r| doc.text().get(r))
            .unwrap_or_default()
            .to_owned();
        // "Kremlin." finds nothing; the search wants the name alone (trial #14).
        self.query = self
            .words
            .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
            .to_owned();
        self.open = true;
        self.focus = true;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The byte range the words select: the reader's selection if they are still its
    /// text, else their one occurrence in the article. Errors say why there is none.
    fn target(&self, doc: &AtlasDoc) -> Result<Range<usize>, String> {
        let text = doc.text();
        if let Some(r) = &self.range
            && text.get(r.clone()) == Some(self.words.as_str())
        {
            return Ok(r.clone());
        }
        let w = self.words.as_str();
        if w.trim().is_empty() {
            return Err("Select words in the article, or type them here.".to_owned());
        }
        let hits: Vec<usize> = text.match_indices(w).map(|(i, _)| i).collect();
        match hits.as_slice() {
            [] => Err("These words are not in the article (exactly as typed).".to_owned()),
            [start] => Ok(words_of(text, &(*start..start + w.len()))),
            more => Err(format!(
                "These words occur {} times; select the one you mean in the article.",
                more.len()
            )),
        }
    }
}

/// `range` widened to the whole words it starts or ends inside.
fn words_of(text: &str, range: &Range<usize>) -> Range<usize> {
    whole_words(text, range, &(0..text.len()))
}

/// `range` without the spaces at either end; `None` if nothing is left.
fn trimmed(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let t = text.get(range.clone())?;
    let start = range.start + (t.len() - t.trim_start().len());
    let end = range.end - (t.len() - t.trim_end().len());
    (start < end).then_some(start..end)
}

/// The picker dialog, when open. Anchored by its top at a fixed width, with a message
/// line and a list of fixed heights, so that nothing in it moves or resizes while the
/// author types (trial10 #5: the hint went, the centred dialog rose 9 px and the next
/// click missed).
pub fn ui(ctx: &egui::Context, a: &mut Author) {
    if !a.picker.open {
        return;
    }
    let mut choice = None;
    let mut add_new = None;
    let mut close = false;
    let id = egui::Id::unique("aras-link-picker");
    let area = egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, [0.0, 24.0]);
    let screen = ctx.content_rect();
    let width = (screen.width() - 48.0).clamp(200.0, 460.0);
    let list_height = (screen.height() * 0.4 - 40.0).clamp(100.0, 320.0);
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_width(width);
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        ui.heading("Link to…");
        let label = ui.label("Words of the article");
        let words = ui
            .add(egui::TextEdit::singleline(&mut a.picker.words).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        let target = a.picker.target(&a.session.doc);
        super::choose::fixed_lines(ui, 2, |ui| words_note(ui, a, &target));
        let label = ui.label("Find an element or a place");
        let q = ui
            .add(egui::TextEdit::singleline(&mut a.picker.query).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        // The keyboard starts where there is something to type: the words if none were
        // selected, else what to link them to.
        if std::mem::take(&mut a.picker.focus) {
            if a.picker.range.is_some() {
                q.request_focus();
                // The search starts as the selected words, all selected: typing a name
                // replaces them (trial13: it was added to their end).
                select_all(ui.ctx(), q.id, &a.picker.query);
            } else {
                words.request_focus();
            }
        }
        // Enter in the search takes the first result, as in the route's area filter.
        let enter = q.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_enabled_ui(target.is_ok(), |ui| {
            let (clicked, first) = results(ui, &a.session.doc, &a.picker.query, list_height);
            let found = first.is_some();
            choice = clicked.or(if enter { first } else { None });
            if enter && choice.is_none() {
                q.request_focus();
            }
            add_new = not_found(ui, &a.picker.query, found);
        });
        ui.separator();
        close = ui.button("Cancel").clicked();
    });
    if close || modal.should_close() {
        a.picker.open = false;
        return;
    }
    if let (Some(new), Ok(range)) = (add_new, a.picker.target(&a.session.doc)) {
        a.picker.open = false;
        let name = a.picker.query.clone();
        match new {
            New::Draw(tool) => a.draw_named(tool, &name, range),
            New::Form(what) => a.open_named(what, &name, &range),
        }
        return;
    }
    let (Some(choice), Ok(range)) = (choice, a.picker.target(&a.session.doc)) else {
        return;
    };
    a.picker.open = false;
    link(a, choice, range);
}

/// Under the words: why they cannot be linked yet, or the whole words they link when
/// they were typed inside longer ones, or where they are.
fn words_note(ui: &mut egui::Ui, a: &Author, target: &Result<Range<usize>, String>) {
    match target {
        Err(e) => {
            ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
        }
        Ok(r) => {
            let quote = a.session.doc.text().get(r.clone()).unwrap_or_default();
            if quote == a.picker.words {
                ui.label(RichText::new("Found in the article.").weak());
            } else {
                ui.label(format!("Links the whole words “{quote}”"));
            }
        }
    }
}

/// The list, in a box of fixed height that shows its scroll bar when it is longer:
/// the story's elements that match, then (once something is typed) context geography,
/// then gazetteer places not yet in the atlas. Under it, one line says how many there
/// are and whether to scroll. Returns the one clicked and the first offered (what Enter
/// takes).
fn results(
    ui: &mut egui::Ui,
    doc: &AtlasDoc,
    query: &str,
    height: f32,
) -> (Option<Choice>, Option<Choice>) {
    let mut out = (None, None);
    let mut counts = (0, 0, 0);
    let more = super::choose::list_area(ui, "aras-link-picker-list", height, |ui| {
        counts = list_rows(ui, doc, query, &mut out);
    });
    let (story, context, places) = counts;
    let mut line = format!("{story} in this atlas");
    if context > 0 {
        line.push_str(&format!(", {context} context"));
    }
    if places > 0 {
        line.push_str(&format!(", {places} new from the gazetteer"));
    }
    if more {
        line.push_str(": scroll the list for the rest");
    }
    ui.label(RichText::new(line).weak());
    out
}

/// The rows of [`results`]; returns how many story elements, context elements and new
/// places it lists. `out` gets the one clicked and the first offered.
fn list_rows(
    ui: &mut egui::Ui,
    doc: &AtlasDoc,
    query: &str,
    out: &mut (Option<Choice>, Option<Choice>),
) -> (usize, usize, usize) {
    let (choice, first) = out;
    let typed = !query.trim().is_empty();
    let elements = find_elements(doc, query, usize::MAX);
    let (story, context): (Vec<_>, Vec<_>) = elements.into_iter().partition(|e| !e.context);
    // Far context geography (the draft's clipped countries and seas, that the text may
    // never name) only when asked for by name, after the story's own (trial9 #13).
    let context = if typed { context } else { Vec::new() };
    ui.label(RichText::new("In this atlas").strong());
    if story.is_empty() && context.is_empty() {
        ui.label(RichText::new("No element of the atlas is called that.").weak());
    }
    for e in story.iter().chain(&context) {
        first.get_or_insert_with(|| Choice::Element(e.id.clone()));
        let text = if e.context {
            format!("{} ({}, context)", e.name, e.kind)
        } else {
            format!("{} ({})", e.name, e.kind)
        };
        if ui.button(text).clicked() {
            *choice = Some(Choice::Element(e.id.clone()));
        }
    }
    let places = if typed {
        gazetteer_rows(ui, doc, query, (choice, first))
    } else {
        0
    };
    (story.len(), context.len(), places)
}

/// The gazetteer's places for `query` (a place the atlas has already is offered as
/// that element); returns how many.
fn gazetteer_rows(
    ui: &mut egui::Ui,
    doc: &AtlasDoc,
    query: &str,
    (choice, first): (&mut Option<Choice>, &mut Option<Choice>),
) -> usize {
    let Ok(gaz) = Gazetteer::embedded() else {
        ui.label(RichText::new("The world gazetteer could not be read.").weak());
        return 0;
    };
    let places = find_places(gaz, query, 6);
    ui.label(RichText::new("New, from the world gazetteer").strong());
    if places.is_empty() {
        ui.label(RichText::new("No place of the gazetteer is called exactly that.").weak());
    }
    let rows = element_list(doc);
    for p in &places {
        // A place the atlas has already (by its gazetteer id, whatever its name now) is
        // linked, not added twice (trial #15).
        if let Some(e) = rows
            .iter()
            .find(|r| r.gazetteer.as_deref() == Some(&p.id.0))
        {
            first.get_or_insert_with(|| Choice::Element(e.id.clone()));
            let text = format!("{} is in this atlas: link to {}", p.name, e.name);
            if ui.button(text).clicked() {
                *choice = Some(Choice::Element(e.id.clone()));
            }
            continue;
        }
        let index = gaz.places().iter().position(|q| q.id == p.id);
        if first.is_none() {
            *first = index.map(Choice::Place);
        }
        let country = p.country.as_deref().unwrap_or("no country");
        let text = format!("Add {} ({}, {country})", p.name, kind_of(p).label());
        if ui.button(text).clicked() {
            *choice = index.map(Choice::Place);
        }
    }
    places.len()
}

/// Selects all of a text field's text, as if Ctrl+A were pressed in it.
fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    use egui::text::{CCursor, CCursorRange};
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let all = CCursorRange::two(CCursor::new(0), CCursor::new(text.chars().count()));
    state.cursor.set_char_range(Some(all));
    state.store(ctx, id);
}

/// What to make when nothing is called what was typed.
#[derive(Clone, Copy)]
enum New {
    Draw(Tool),
    Form(What),
}

/// When neither the atlas nor the gazetteer has what was typed (a village, a
/// building, a person): make it, named so, for the same words. Reserved space when
/// something was found, so that the dialog does not change size as the author types.
fn not_found(ui: &mut egui::Ui, query: &str, found: bool) -> Option<New> {
    let query = query.trim();
    let mut out = None;
    super::choose::fixed_lines(ui, 3, |ui| {
        if found || query.is_empty() {
            return;
        }
        // One line whatever the name's length, so that the buttons under it stay put.
        let text = format!("Nothing is called “{query}”: add it, for these words,");
        ui.add(egui::Label::new(RichText::new(text).weak()).truncate());
        ui.horizontal_wrapped(|ui| {
            if ui.button("as a place (click the map)").clicked() {
                out = Some(New::Draw(Tool::Place));
            }
            if ui.button("as a region (draw it)").clicked() {
                out = Some(New::Draw(Tool::Region));
            }
            if ui.button("as an actor…").clicked() {
                out = Some(New::Form(What::Actor));
            }
        });
    });
    out
}

/// Makes the link (adding the gazetteer place first, as its own undoable edit).
fn link(a: &mut Author, choice: Choice, range: Range<usize>) {
    let added = matches!(choice, Choice::Place(_));
    let id = match choice {
        Choice::Element(id) => id,
        Choice::Place(i) => {
            let Some(new) = Gazetteer::embedded()
                .ok()
                .and_then(|g| Some((g, g.places().get(i)?)))
                .and_then(|(g, p)| element_from_place(&a.session.doc, g, p))
            else {
                a.message = Some(super::Message {
                    text: "The gazetteer has no geometry for that place.".to_owned(),
                    error: true,
                });
                return;
            };
            let id = new.id.clone();
            if !a.apply(Edit::AddElement(new)) {
                return;
            }
            id
        }
    };
    let ok = a.apply(Edit::AddLink {
        id: None,
        range: range.clone(),
        elements: vec![id.clone()],
    });
    if ok {
        a.pending_select = Some(id);
        a.pending_passage = Some(range);
    } else if added {
        // No half-made link: the place added for it goes too (the message stays).
        let message = a.message.take();
        a.undo();
        a.message = message;
    }
}
