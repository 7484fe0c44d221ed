//! The reader: the whole article beside the map. Mentions are quiet (a thin underline in
//! their element's colour) except those of the selected and the hovered element, which
//! are filled; the selected element's passages are marked, the one the side panel shows
//! most strongly. Hovering a mention highlights its element on the map; clicking it
//! selects the element and keeps the reader where it is. A selection made elsewhere
//! scrolls here to its first passage; "Previous"/"Next" step through.

mod layout;
mod text;

use std::ops::Range;

use egui::{Rect, RichText};

use super::{Command, ViewCtx};
use crate::model::{Atlas, ElementId};
use layout::{LayoutCache, LayoutKey, update};
use text::{Targets, text_ui};

/// What the reader remembers between frames.
#[derive(Default)]
pub struct ReaderPanel {
    /// The parts for one width, theme, selection, hover and flash, laid out as they near
    /// the visible area.
    cache: Option<LayoutCache>,
    /// The selection the reader last scrolled for.
    last_selected: Option<ElementId>,
    /// Index into the selected element's passages.
    passage: usize,
    /// A range to scroll to on the next frame.
    scroll_to: Option<Range<usize>>,
    /// Frames left to repeat the scroll: on the first frames the scroll area does not
    /// know its content size yet and would stop short.
    scroll_frames: u8,
    /// A sentence to mark (a search result), until the selection changes.
    pub flash: Option<Range<usize>>,
    /// Screen rectangle of the current passage and the visible area, last frame (tests).
    pub passage_rect: Option<Rect>,
    pub viewport: Option<Rect>,
    /// Screen rectangles of mentions drawn last frame (tests click them).
    pub mention_rects: Vec<(Rect, ElementId)>,
    /// Words selected by dragging over the text: a byte range of the article, for author
    /// mode's "Link to…"; within one part.
    pub text_selection: Option<Range<usize>>,
}

impl ReaderPanel {
    /// Forgets the layout (the atlas changed: an edit in author mode).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// Scroll to a range of the article and mark it (search results), with `selected`
    /// the selection that goes with it: its own scroll to the first passage is skipped.
    pub fn show_range(&mut self, atlas: &Atlas, range: Range<usize>, selected: Option<ElementId>) {
        self.last_selected = selected;
        self.passage = selected.map_or(0, |id| {
            // The passage that is this range (a link just made inside a longer one),
            // else the one it starts in.
            let links = atlas.links_of(id);
            links
                .iter()
                .position(|l| atlas.link(*l).is_some_and(|l| l.range == range))
                .unwrap_or_else(|| passage_at(atlas, id, range.start))
        });
        self.scroll_to = Some(range.clone());
        self.scroll_frames = 0;
        self.flash = Some(range);
    }

    /// A selection made in the reader at byte `at` of the article: the reader stays where
    /// it is, and its current passage is the one that was clicked.
    pub fn keep_place(&mut self, atlas: &Atlas, id: ElementId, at: usize) {
        self.last_selected = Some(id);
        self.passage = passage_at(atlas, id, at);
        self.scroll_to = None;
        self.scroll_frames = 0;
        self.flash = None;
    }

    /// Elements whose mentions are drawn filled in the last layout (tests).
    pub fn filled_elements(&self) -> Vec<ElementId> {
        self.cache
            .as_ref()
            .map_or_else(Vec::new, |c| c.filled.clone())
    }

    /// Index of the passage of the selected element the reader and side panel show.
    pub fn passage(&self) -> usize {
        self.passage
    }

    /// Draws the stepper over the article, then the article with its marks.
    /// `details_hidden`: the Details panel is not shown (a narrow window shows one side
    /// panel, or it was closed), so the stepper offers to show it for the selection.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        details_hidden: bool,
        commands: &mut Vec<Command>,
    ) {
        let atlas = ctx.atlas;
        self.follow_selection(atlas, ctx.selection.selected);
        // An unlink can leave the selection fewer passages than the one shown ("passage
        // 2 of 1", trial9 #8): show its last.
        if let Some(id) = ctx.selection.selected {
            let n = atlas.links_of(id).len();
            self.passage = self.passage.min(n.saturating_sub(1));
        }
        self.stepper_row(ui, ctx, details_hidden, commands);
        ui.separator();
        let width = ui.available_width() - 16.0;
        let current = self.current_range(atlas, ctx.selection.selected);
        let key = LayoutKey {
            width: width.max(50.0) as u32,
            dark: ctx.palette.dark,
            selected: ctx.selection.selected,
            hovered: ctx.selection.hovered,
            current: current.clone(),
            flash: self.flash.clone(),
        };
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            self.cache = Some(update(ui, ctx, key, self.cache.take()));
        }
        let scroll_to = self.take_scroll(ui);
        let Some(cache) = &mut self.cache else { return };
        let targets = Targets { scroll_to, current };
        let held = hold_typed_keys(ui.ctx());
        let out = egui::ScrollArea::vertical()
            .id_salt("reader")
            .auto_shrink([false, false])
            .show(ui, |ui| text_ui(ui, ctx, cache, &targets, commands));
        give_back_keys(ui.ctx(), held);
        let text = out.inner;
        self.viewport = Some(out.inner_rect);
        self.passage_rect = text.passage_rect;
        self.mention_rects = text.mention_rects;
        if let Some(r) = text.dragged {
            self.text_selection = (!r.is_empty()).then_some(r);
        } else if ui.input(|i| i.pointer.primary_clicked())
            && ui.rect_contains_pointer(out.inner_rect)
        {
            self.text_selection = None;
        }
        if text.hovered.is_some() {
            commands.push(Command::Hover(text.hovered));
        }
    }

    /// A new selection made elsewhere: scroll to its first passage.
    fn follow_selection(&mut self, atlas: &Atlas, selected: Option<ElementId>) {
        if selected != self.last_selected {
            self.last_selected = selected;
            self.passage = 0;
            if let Some(id) = selected {
                self.flash = None;
                self.scroll_to = first_passage(atlas, id, 0);
                self.scroll_frames = 0;
            }
        }
    }

    /// The selection's name and passage stepper, or a hint when nothing is selected.
    fn stepper_row(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        details_hidden: bool,
        commands: &mut Vec<Command>,
    ) {
        // The stepper keeps one height with or without a selection, so that selecting
        // from the article does not push the text down under the pointer.
        let height = 2.0 * ui.spacing().interact_size.y + 2.0 * ui.spacing().item_spacing.y;
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            ui.set_min_height(height);
            match ctx.selection.selected {
                Some(id) => {
                    name_row(ui, ctx.atlas, id, details_hidden, commands);
                    passage_stepper(ui, self, ctx.atlas, id);
                }
                None => {
                    ui.label(RichText::new("Nothing selected").strong());
                    ui.label(
                        RichText::new("Click a mention or the map to mark its passages.").weak(),
                    );
                }
            }
        });
    }

    /// The range to scroll to this frame: repeated for a few frames (repainting), as the
    /// scroll area learns its content size only after the first.
    fn take_scroll(&mut self, ui: &egui::Ui) -> Option<Range<usize>> {
        if self.scroll_to.is_some() && self.scroll_frames == 0 {
            self.scroll_frames = 3;
        }
        let scroll_to = self.scroll_to.clone();
        self.scroll_frames = self.scroll_frames.saturating_sub(1);
        if self.scroll_frames == 0 {
            self.scroll_to = None;
        } else {
            ui.ctx().request_repaint();
        }
        scroll_to
    }

    fn current_range(&self, atlas: &Atlas, selected: Option<ElementId>) -> Option<Range<usize>> {
        first_passage(atlas, selected?, self.passage)
    }
}

/// Index of the element's passage that contains byte `at` of the article (0 if none).
fn passage_at(atlas: &Atlas, id: ElementId, at: usize) -> usize {
    atlas
        .links_of(id)
        .iter()
        .position(|l| atlas.link(*l).is_some_and(|l| l.range.contains(&at)))
        .unwrap_or(0)
}

/// Byte range of the `n`th passage of an element (or its first mention if it has none).
fn first_passage(atlas: &Atlas, id: ElementId, n: usize) -> Option<Range<usize>> {
    match atlas.links_of(id).get(n).and_then(|l| atlas.link(*l)) {
        Some(link) => Some(link.range.clone()),
        None => atlas.mentions_of(id).next().map(|m| m.range.clone()),
    }
}

/// The selection's name and, when the Details panel is hidden (a narrow window shows
/// one side panel; or the user closed it), a button that shows it: a relation's
/// claimants or a country's summary are otherwise out of sight while the reader marks
/// the passages.
fn name_row(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    id: ElementId,
    details_hidden: bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if details_hidden {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let b = ui
                    .button("Show details")
                    .on_hover_text("Show the selection's details: summary, sources, who says what");
                if b.clicked() {
                    commands.push(Command::ToggleDrawer(super::Drawer::Details));
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.add(egui::Label::new(name_text(atlas, id)).truncate());
                });
            });
        } else {
            ui.label(name_text(atlas, id));
        }
    });
}

fn name_text(atlas: &Atlas, id: ElementId) -> RichText {
    RichText::new(crate::ui::bidi::shown(atlas.name(id))).strong()
}

/// "passage 2 of 5" with "Previous passage" and "Next passage" buttons.
fn passage_stepper(ui: &mut egui::Ui, reader: &mut ReaderPanel, atlas: &Atlas, id: ElementId) {
    let n = atlas.links_of(id).len();
    ui.horizontal_wrapped(|ui| {
        if n == 0 {
            ui.label(RichText::new("no passages").weak());
            return;
        }
        ui.label(RichText::new(format!("passage {} of {n}", reader.passage + 1)).weak());
        if ui
            .add_enabled(reader.passage > 0, egui::Button::new("Previous passage"))
            .clicked()
        {
            reader.passage -= 1;
            reader.scroll_to = first_passage(atlas, id, reader.passage);
            reader.scroll_frames = 0;
        }
        if ui
            .add_enabled(reader.passage + 1 < n, egui::Button::new("Next passage"))
            .clicked()
        {
            reader.passage += 1;
            reader.scroll_to = first_passage(atlas, id, reader.passage);
            reader.scroll_frames = 0;
        }
    });
}

/// While a text field has the keyboard (the search, "Link to…"), the keys typed are
/// its own: egui's text selection in the article's labels would take Ctrl+A and Ctrl+C
/// too (trial13: Ctrl+A in "Link to…" also selected the reader's paragraph, and Ctrl+C
/// would have copied it over the field's text). Takes them out of this pass's input and
/// returns the input's events as they were.
fn hold_typed_keys(ctx: &egui::Context) -> Option<Vec<egui::Event>> {
    // A text field, not any focused widget: after a click on the map (which keeps the
    // focus), Ctrl+C must still copy the article's selected words.
    if !ctx.text_edit_focused() {
        return None;
    }
    ctx.input_mut(|i| {
        let all = i.events.clone();
        i.events.retain(|e| {
            !matches!(
                e,
                egui::Event::Key { .. }
                    | egui::Event::Text(_)
                    | egui::Event::Copy
                    | egui::Event::Cut
                    | egui::Event::Paste(_)
            )
        });
        Some(all)
    })
}

/// Gives the input back its events as [`hold_typed_keys`] found them.
fn give_back_keys(ctx: &egui::Context, held: Option<Vec<egui::Event>>) {
    if let Some(all) = held {
        ctx.input_mut(|i| i.events = all);
    }
}
