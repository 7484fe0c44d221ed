//! The search box (always visible, Ctrl+F) and its results: elements first, then
//! passages as snippets with the match marked. Arrow keys move, Enter picks.

use egui::{Color32, FontId, Key, RichText, TextFormat};

use super::{Command, Origin, ViewCtx};
use crate::model::search::{Results, SearchIndex};

/// How many results of each kind are listed.
const MAX_ELEMENTS: usize = 8;
const MAX_PASSAGES: usize = 8;

/// The search box's state: the index built once, the query and its results.
pub struct SearchPanel {
    index: SearchIndex,
    pub query: String,
    results: Results,
    /// The query `results` were computed for.
    searched: String,
    /// Highlighted result (elements first, then passages).
    cursor: usize,
    open: bool,
    /// The scripts the atlas's names and aliases are written in ("Latin").
    scripts: Vec<&'static str>,
}

/// One pickable result.
enum Pick {
    Element(crate::model::ElementId),
    Passage(std::ops::Range<usize>, Option<crate::model::ElementId>),
}

impl SearchPanel {
    pub fn new(atlas: &crate::model::Atlas) -> Self {
        Self {
            index: SearchIndex::new(atlas),
            query: String::new(),
            results: Results::default(),
            searched: String::new(),
            cursor: 0,
            open: false,
            scripts: name_scripts(atlas),
        }
    }

    /// The current results (tests).
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The search box's widget id (F6 moves focus between it and the map).
    pub fn edit_id() -> egui::Id {
        egui::Id::unique("aras-search")
    }

    /// Draws the label and a box `width` points wide, and the results under it.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        width: f32,
        commands: &mut Vec<Command>,
    ) {
        let atlas = ctx.atlas;
        let resp = self.search_box(ui, width, commands);
        if self.query != self.searched {
            self.results = self.index.search(atlas, &self.query);
            self.searched = self.query.clone();
            self.cursor = 0;
            self.open = !self.results.is_empty();
        }
        let n = self.results.elements.len().min(MAX_ELEMENTS)
            + self.results.passages.len().min(MAX_PASSAGES);
        let mut picked: Option<usize> = None;
        if resp.has_focus() && n > 0 {
            self.arrows(ui, n);
        }
        if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) && n > 0 {
            picked = Some(self.cursor);
        }
        if self.open && n > 0 && !self.query.trim().is_empty() {
            let pos = resp.rect.left_bottom() + egui::vec2(0.0, 4.0);
            egui::Area::new(egui::Id::unique("aras-search-results"))
                .order(egui::Order::Foreground)
                .fixed_pos(pos)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        if let Some(i) = self.results_ui(ui, atlas) {
                            picked = Some(i);
                        }
                    });
                });
        }
        if n == 0
            && crate::model::search::fold(self.query.trim())
                .chars()
                .count()
                >= 2
        {
            let pos = resp.rect.left_bottom() + egui::vec2(0.0, 4.0);
            egui::Area::new(egui::Id::unique("aras-search-results"))
                .order(egui::Order::Foreground)
                .fixed_pos(pos)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| self.no_match_ui(ui));
                });
        }
        if let Some(i) = picked {
            match self.pick(atlas, i) {
                Some(Pick::Element(id)) => commands.push(Command::Focus(id, Origin::Search)),
                Some(Pick::Passage(range, el)) => commands.push(Command::ShowPassage(range, el)),
                None => {}
            }
            self.open = false;
        }
    }

    /// "Search" and its box; Ctrl+F focuses it, Esc is handled by `escape`.
    fn search_box(
        &mut self,
        ui: &mut egui::Ui,
        width: f32,
        commands: &mut Vec<Command>,
    ) -> egui::Response {
        let label = ui.label("Search");
        let edit_id = Self::edit_id();
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::F)) {
            ui.memory_mut(|m| m.request_focus(edit_id));
        }
        self.escape(ui, edit_id, commands);
        ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .id(edit_id)
                .hint_text("places, people, words… (Ctrl+F)")
                // Esc stays with the box (see `escape`); Tab still leaves it.
                .event_filter(egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: true,
                })
                .desired_width(width),
        )
        .labelled_by(label.id)
    }

    /// What a search that finds nothing says: that nothing matches, and, for a query in a
    /// script none of the names use, which script they use instead.
    fn no_match_ui(&self, ui: &mut egui::Ui) {
        ui.set_max_width(360.0);
        let query = self.query.trim();
        ui.label(format!(
            "Nothing on the map or in the article matches “{query}”"
        ));
        if let Some(other) = foreign_script(query, &self.scripts) {
            let ours = self.scripts.join(" or ");
            let not = match other {
                "other" => String::new(),
                s => format!(", not {s}"),
            };
            ui.label(
                RichText::new(format!(
                    "The names here are written in {ours} letters{not}: try the name as \
                     the article spells it."
                ))
                .weak(),
            );
        }
    }

    /// Down and Up move the highlight over the `n` listed results (Down reopens them).
    fn arrows(&mut self, ui: &egui::Ui, n: usize) {
        let (down, up) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            )
        });
        if down {
            self.cursor = (self.cursor + 1).min(n - 1);
            self.open = true;
        }
        if up {
            self.cursor = self.cursor.saturating_sub(1);
        }
    }

    /// The results list: elements, then passage snippets; returns the one clicked.
    fn results_ui(&self, ui: &mut egui::Ui, atlas: &crate::model::Atlas) -> Option<usize> {
        ui.set_max_width(460.0);
        let mut picked = None;
        let mut i = 0;
        if self.results.by_description {
            // Say why: no name matched, the words are in what the atlas says of them.
            ui.label(
                RichText::new("No name matches; the atlas's notes on these mention it:")
                    .small()
                    .weak(),
            );
        } else if !self.results.elements.is_empty() {
            ui.label(RichText::new("Elements").small().weak());
        }
        for id in self.results.elements.iter().take(MAX_ELEMENTS) {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            let name = crate::ui::bidi::display(&el.name);
            let text = format!("{name}  ·  {}", el.kind.label());
            if ui.selectable_label(self.cursor == i, text).clicked() {
                picked = Some(i);
            }
            i += 1;
        }
        if !self.results.passages.is_empty() {
            ui.label(
                RichText::new(format!("Passages ({})", self.results.passages.len()))
                    .small()
                    .weak(),
            );
        }
        for hit in self.results.passages.iter().take(MAX_PASSAGES) {
            let job = snippet(ui, atlas, hit);
            if ui.selectable_label(self.cursor == i, job).clicked() {
                picked = Some(i);
            }
            i += 1;
        }
        picked
    }

    /// Esc in the box (taken before the box sees it, which would only drop the focus):
    /// the first clears the query and closes the results, keeping the keyboard here; the
    /// next, in an empty box, returns the keyboard to the map.
    fn escape(&mut self, ui: &egui::Ui, edit_id: egui::Id, commands: &mut Vec<Command>) {
        let focused = ui.memory(|m| m.has_focus(edit_id));
        if !focused || !ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)) {
            return;
        }
        if self.query.is_empty() {
            commands.push(Command::FocusMap);
        } else {
            self.query.clear();
            self.open = false;
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), edit_id) {
                state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::default()));
                state.store(ui.ctx(), edit_id);
            }
        }
    }

    /// The `i`th listed result: an element, or a passage with the element it supports.
    fn pick(&self, atlas: &crate::model::Atlas, i: usize) -> Option<Pick> {
        let ne = self.results.elements.len().min(MAX_ELEMENTS);
        if i < ne {
            return self.results.elements.get(i).copied().map(Pick::Element);
        }
        let hit = self.results.passages.get(i - ne)?;
        // The element of the passage that covers this sentence, if any.
        let el = atlas
            .links
            .iter()
            .find(|l| l.range.start < hit.sentence.end && hit.sentence.start < l.range.end)
            .and_then(|l| l.elements.first().copied());
        Some(Pick::Passage(hit.sentence.clone(), el))
    }
}

/// A sentence with its matches in bold and marked, shortened around the first match, on
/// at most two lines (each in bidirectional order).
fn snippet(
    ui: &egui::Ui,
    atlas: &crate::model::Atlas,
    hit: &crate::model::search::PassageHit,
) -> std::sync::Arc<egui::Galley> {
    let text = atlas.article.slice(&hit.sentence);
    let base = TextFormat {
        font_id: FontId::proportional(12.5),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mark = TextFormat {
        background: Color32::from_rgba_unmultiplied(0xff, 0xd8, 0x4d, 140),
        color: ui.visuals().strong_text_color(),
        ..base.clone()
    };
    // Start a little before the first match.
    let first = hit
        .matches
        .first()
        .map_or(0, |m| m.start - hit.sentence.start);
    let mut start = 0;
    if first > 60 {
        start = text
            .get(..first - 40)
            .and_then(|t| t.rfind(' '))
            .map_or(0, |i| i + 1);
    }
    // Cut at the matches, then draw in bidirectional order (right-to-left runs reversed).
    let shown = text.get(start..).unwrap_or_default();
    let marks: Vec<std::ops::Range<usize>> = hit
        .matches
        .iter()
        .filter_map(|m| {
            let s = (m.start - hit.sentence.start).checked_sub(start)?;
            Some(s..m.end - hit.sentence.start - start)
        })
        .collect();
    let mut cuts: Vec<usize> = marks.iter().flat_map(|r| [r.start, r.end]).collect();
    cuts.extend([0, shown.len()]);
    cuts.sort_unstable();
    cuts.dedup();
    let format = |r: std::ops::Range<usize>| {
        let marked = marks.iter().any(|m| m.start <= r.start && r.end <= m.end);
        if marked { mark.clone() } else { base.clone() }
    };
    let wrap = egui::text::TextWrapping {
        max_width: 440.0,
        max_rows: 2,
        ..Default::default()
    };
    let lead = (start > 0).then(|| ("…", base.clone()));
    crate::ui::bidi::lay_out(ui.painter(), shown, &cuts, &format, lead, wrap).galley
}

/// The script of a letter, by Unicode block (`None` for digits, spaces and punctuation,
/// and "other" for letters of the scripts not named here).
fn script(ch: char) -> Option<&'static str> {
    if !ch.is_alphabetic() {
        return None;
    }
    Some(match u32::from(ch) {
        0..=0x2af | 0x1e00..=0x1eff => "Latin",
        0x370..=0x3ff | 0x1f00..=0x1fff => "Greek",
        0x400..=0x52f => "Cyrillic",
        0x530..=0x58f => "Armenian",
        0x590..=0x5ff => "Hebrew",
        0x600..=0x6ff | 0x750..=0x77f | 0xfb50..=0xfdff | 0xfe70..=0xfeff => "Arabic",
        0x10a0..=0x10ff | 0x1c90..=0x1cbf => "Georgian",
        _ => "other",
    })
}

/// The scripts of the atlas's element names and aliases, most used first.
fn name_scripts(atlas: &crate::model::Atlas) -> Vec<&'static str> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    let names = atlas
        .elements
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases));
    for s in names.flat_map(|n| n.chars()).filter_map(script) {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(s, _)| s).collect()
}

/// The script of the query's letters when none of the names use it ("Armenian"):
/// `None` when the query is in the names' scripts.
fn foreign_script(query: &str, ours: &[&'static str]) -> Option<&'static str> {
    query.chars().filter_map(script).find(|s| !ours.contains(s))
}
