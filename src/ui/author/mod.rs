//! Author mode in the window: an editing [`Session`] on an atlas directory beside the
//! reader's view of it. Every change is a model [`Edit`] applied through the session's
//! named history; after each one the live check (the loader, `aras check`'s) runs on the
//! files as edited, and a clean result replaces the atlas the panels draw. One file per
//! panel: the status strip, the link picker, the attribute editor, the problems, the
//! review list of a draft.

mod article;
mod attributes;
mod blocks;
mod choose;
mod create;
mod event;
pub mod link_picker;
mod passage;
pub mod problems;
mod relation;
mod review;
mod status;

use std::ops::Range;
use std::path::Path;
use std::rc::Rc;
use std::time::Instant;

use crate::model::edit::store::{self, Recovery, Session};
use crate::model::edit::{
    Edit, ElementRow, EventRow, RelationRow, element_list, event_list, relation_list,
};
use crate::model::{Atlas, ElementId, Problem};
use crate::ui::side_panel::SidePanel;
use crate::ui::{Command, ViewCtx};

pub use create::{Tool, What};
pub use link_picker::Picker;

/// Which author panel the right side shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthorTab {
    /// The reader's details of the selection (as outside author mode).
    Details,
    /// The selected element's attributes.
    #[default]
    Element,
    /// The current passage: its ends, elements and voices; the text's parts.
    Passage,
    Problems,
    /// A draft's proposed elements.
    Review,
}

/// A line in the status strip: what was saved, or why an edit or a save failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Lists read from the document, rebuilt only when an edit changes it (never per frame):
/// the panels' element pickers and the event editor read them.
#[derive(Default)]
pub struct Lists {
    /// The session generation they were read at.
    generation: Option<u64>,
    pub elements: Rc<[ElementRow]>,
    pub events: Rc<[EventRow]>,
    pub relations: Rc<[RelationRow]>,
}

/// Author mode's state: the session and the panels' own state.
pub struct Author {
    pub session: Session,
    /// Problems of the live check of the files as edited; empty when clean.
    pub problems: Vec<Problem>,
    /// The session generation the check (and the app's atlas) reflects.
    checked: u64,
    pub tab: AuthorTab,
    /// A recovery file found at start, offered back until restored or discarded.
    pub recovery: Option<Recovery>,
    /// The window was asked to close with unsaved edits: the dialog is open.
    pub confirm_close: bool,
    /// A save was refused because this file changed on disk: the dialog offering to
    /// reload and reapply, or to overwrite, is open.
    pub conflict: Option<String>,
    /// Closing was confirmed (or nothing is unsaved): let the close through.
    close_ok: bool,
    pub message: Option<Message>,
    pub picker: Picker,
    /// An element to select once the atlas with it is drawn (a link just made).
    pub pending_select: Option<String>,
    /// The passage a link was just made on (a byte range of the article): the reader and
    /// side panel show it, not the element's first passage (trial8 #8).
    pub pending_passage: Option<std::ops::Range<usize>>,
    attrs: attributes::Form,
    review: review::Review,
    passage: passage::Card,
    /// The words selected in the reader this frame (a byte range of the article).
    text_selection: Option<Range<usize>>,
    /// The article's blocks as last checked clean: byte range and kind, for the status
    /// strip's "Mark block" menu.
    blocks: Vec<(Range<usize>, crate::model::PartKind)>,
    /// "New…": the open form and the drawing tool.
    pub create: create::Create,
    /// The event open in the Element tab's event editor (its id).
    pub event: Option<String>,
    event_form: event::Form,
    relation_form: relation::Form,
    /// The selection (element, timeline event) last seen: a new one opens its editor.
    seen: (Option<ElementId>, Option<usize>),
    lists: Lists,
}

impl Author {
    /// Opens `dir` for editing and looks for a recovery file newer than its files.
    ///
    /// # Errors
    /// The directory or a file cannot be read, or the recovery file is not one Aras
    /// wrote; the message names the file.
    pub fn open(dir: &Path) -> Result<Self, String> {
        let session = Session::open(dir).map_err(|e| e.to_string())?;
        let recovery = store::newer_recovery(dir).map_err(|e| e.to_string())?;
        let (problems, blocks) = match session.doc.check() {
            Ok(atlas) => (Vec::new(), blocks::of(&atlas)),
            Err(p) => (p.0, Vec::new()),
        };
        Ok(Self {
            checked: session.generation(),
            session,
            problems,
            tab: AuthorTab::default(),
            recovery,
            confirm_close: false,
            conflict: None,
            close_ok: false,
            message: None,
            picker: Picker::default(),
            pending_select: None,
            pending_passage: None,
            attrs: attributes::Form::default(),
            review: review::Review::default(),
            passage: passage::Card::default(),
            text_selection: None,
            blocks,
            create: create::Create::default(),
            event: None,
            event_form: event::Form::default(),
            relation_form: relation::Form::default(),
            seen: (None, None),
            lists: Lists::default(),
        })
    }

    /// The document's elements and events, read again only after a change.
    pub fn lists(&mut self) -> &Lists {
        let now = self.session.generation();
        if self.lists.generation != Some(now) {
            let doc = &self.session.doc;
            self.lists = Lists {
                generation: Some(now),
                elements: element_list(doc).into(),
                events: event_list(doc).into(),
                relations: relation_list(doc).into(),
            };
        }
        &self.lists
    }

    /// A new selection opens its editor: an event picked on the timeline opens the event
    /// editor in the Element tab; an element picked elsewhere closes it.
    fn follow_selection(&mut self, view: &ViewCtx<'_>) {
        let now = (view.selection.selected, view.selection.event);
        if now == self.seen {
            return;
        }
        self.seen = now;
        // An element just made waits to be selected until an atlas with it checks
        // clean; once the author selects something else it no longer does, so a later
        // edit that makes the atlas clean (adding the new region to a route's "passes
        // through") keeps the author's selection (trial s7 #10).
        if now.0.is_some() || now.1.is_some() {
            self.pending_select = None;
            self.pending_passage = None;
        }
        self.event = now
            .1
            .and_then(|i| view.atlas.events.get(i))
            .map(|e| e.key.clone());
        if self.event.is_some() {
            self.tab = AuthorTab::Element;
        }
    }

    /// Applies one edit through the named history; a refused edit is said in the strip.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let label = self.session.doc.describe(&edit);
        let notes = self.session.doc.edit_notes(&edit);
        match self.session.edit(edit) {
            Ok(()) => {
                // Side effects (a voice clipped or removed) are said, not left silent.
                self.message = None;
                if !notes.is_empty() {
                    self.say(format!("Done: {label}"), false);
                }
                true
            }
            Err(e) => {
                self.say(format!("Cannot {label}: {e}"), true);
                false
            }
        }
    }

    pub fn undo(&mut self) {
        match self.session.undo() {
            Ok(Some(l)) => self.say(format!("Undone: {l}"), false),
            Ok(None) => {}
            Err(e) => self.say(format!("Cannot undo: {e}"), true),
        }
    }

    pub fn redo(&mut self) {
        match self.session.redo() {
            Ok(Some(l)) => self.say(format!("Redone: {l}"), false),
            Ok(None) => {}
            Err(e) => self.say(format!("Cannot redo: {e}"), true),
        }
    }

    /// Saves atomically; a file changed on disk is refused, named, and the dialog that
    /// offers a way on (reload and reapply, or overwrite) opens.
    pub fn save(&mut self) {
        // The field being typed in is part of what is saved.
        self.flush_fields();
        match self.session.save() {
            Ok(w) if w.is_empty() => self.say("Nothing to save".to_owned(), false),
            // Saved with problems, the atlas opens in `aras edit` but not for a reader:
            // say so now, not at the next start (trial12).
            Ok(w) if !self.problems.is_empty() => self.say(
                format!(
                    "Saved {}. The atlas has {} problem(s) (see Problems): a reader cannot \
                     open it until they are fixed; `aras edit` can.",
                    w.join(", "),
                    self.problems.len()
                ),
                true,
            ),
            Ok(w) => self.say(format!("Saved {}", w.join(", ")), false),
            Err(e) => {
                if let store::StoreError::ChangedOnDisk { file } = &e {
                    self.conflict = Some(file.clone());
                }
                self.say(format!("Not saved: {e}"), true);
            }
        }
    }

    /// Saves what is typed in the Element tab's fields (an element's or an event's) but
    /// not yet saved, as the fields' own edits.
    pub fn flush_fields(&mut self) {
        if self.tab != AuthorTab::Element {
            return;
        }
        if self.event.is_some() {
            event::flush(self);
        } else {
            attributes::flush(self);
            relation::flush(self);
        }
    }

    fn say(&mut self, text: String, error: bool) {
        self.message = Some(Message { text, error });
    }

    /// True if there are unsaved edits.
    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty()
    }

    /// Runs the live check if the files changed since the last one. Returns the new
    /// atlas when they check clean (the app draws it); with problems, the app keeps
    /// drawing the last clean atlas and the problems panel lists them.
    pub fn recheck(&mut self) -> Option<Atlas> {
        if self.checked == self.session.generation() {
            return None;
        }
        self.checked = self.session.generation();
        match self.session.doc.check() {
            Ok(atlas) => {
                self.problems.clear();
                self.blocks = blocks::of(&atlas);
                Some(atlas)
            }
            Err(p) => {
                self.problems = p.0;
                None
            }
        }
    }

    /// Whether the files changed since the last live check (the next
    /// [`recheck`](Self::recheck) runs it).
    pub fn check_due(&self) -> bool {
        self.checked != self.session.generation()
    }

    /// After a check that found problems, the element a link was just made to (or an
    /// element just made): the map keeps drawing the last clean atlas, so if `drawn` has
    /// the element it is returned to be selected there (with the passage, if the text is
    /// the same), and the strip says that the new link shows once the problems are
    /// fixed; if not, it stays pending and the strip says where it is (trial10 #7: the
    /// first link of a finished draft selected nothing, silently).
    pub fn pending_in(&mut self, drawn: &Atlas) -> Option<(ElementId, Option<Range<usize>>)> {
        let key = self.pending_select.clone()?;
        let n = self.problems.len();
        let problems = if n == 1 {
            "1 problem".to_owned()
        } else {
            format!("{n} problems")
        };
        let name = problems::name_of(&self.session.doc, &key);
        let Some(id) = drawn.by_key(&key) else {
            self.say(
                format!(
                    "{name} is made, but not on the map yet: the atlas has {problems} (see \
                     Problems), and the map shows it as it was at its last clean check. It \
                     is selected once they are fixed."
                ),
                false,
            );
            return None;
        };
        self.pending_select = None;
        let passage = self.pending_passage.take();
        let same_text = drawn.article.text == self.session.doc.text();
        let what = if passage.is_some() {
            format!("Linked to {name}, selected")
        } else {
            format!("{name} selected")
        };
        self.say(
            format!(
                "{what}. The atlas has {problems} (see Problems): the map and the reader \
                 show it as it was at its last clean check, and show the change once they \
                 are fixed."
            ),
            false,
        );
        Some((id, passage.filter(|_| same_text)))
    }

    /// Writes the recovery file when due; wakes the window only for that, never when
    /// the recovery file already holds every change.
    pub fn autosave(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        if let Err(e) = self.session.tick(now) {
            self.say(format!("Autosave failed: {e}"), true);
        }
        if let Some(wait) = self.session.autosave_due_in(now) {
            ctx.request_repaint_after(wait);
        }
    }

    /// Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y, Ctrl+S, and Ctrl+L (Link to… the words selected in
    /// the reader). Undo keys go to a focused text box, which has its own undo.
    pub fn shortcuts(&mut self, ctx: &egui::Context, selection: Option<&Range<usize>>) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        self.text_selection = selection.cloned();
        create::keys(ctx, self);
        let key = |m: Modifiers, k: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        if key(Modifiers::COMMAND, Key::S) {
            self.save();
        }
        if key(Modifiers::COMMAND, Key::L) {
            self.picker.open(&self.session.doc, selection);
        }
        if ctx.text_edit_focused() || self.picker.is_open() {
            return;
        }
        if key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) || key(Modifiers::COMMAND, Key::Y) {
            self.redo();
        } else if key(Modifiers::COMMAND, Key::Z) {
            self.undo();
        }
    }

    /// Closing the window with unsaved edits asks first.
    pub fn intercept_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.close_ok {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_close = true;
        }
    }

    /// The right side in author mode: tabs, then the chosen panel.
    pub fn side_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &ViewCtx<'_>,
        side: &mut SidePanel,
        passage: usize,
        commands: &mut Vec<Command>,
    ) {
        self.follow_selection(view);
        // Every list of the author panels that is longer than its box shows its scroll
        // bar, not only under the pointer (trial10 #5).
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        ui.horizontal_wrapped(|ui| {
            let problems = format!("Problems ({})", self.problems.len());
            let review = format!("Review ({})", review::count(&self.session.doc));
            for (t, name) in [
                (AuthorTab::Element, "Element"),
                (AuthorTab::Details, "Passages"),
                (AuthorTab::Passage, "Edit passage"),
                (AuthorTab::Problems, problems.as_str()),
                (AuthorTab::Review, review.as_str()),
            ] {
                if ui.selectable_label(self.tab == t, name).clicked() {
                    if t != self.tab {
                        // What is typed in the tab left is saved, not dropped (trial #14).
                        self.flush_fields();
                    }
                    self.tab = t;
                }
            }
        });
        ui.separator();
        match self.tab {
            AuthorTab::Details => side.ui(ui, view, passage, commands),
            AuthorTab::Element => match self.event.clone() {
                Some(id) => event::ui(ui, self, &id),
                None => {
                    let key = selected_key(view);
                    match key.as_deref().and_then(|k| relation::find(self, k)) {
                        Some(r) => relation::ui(ui, self, &r),
                        None => attributes::ui(ui, self, key.as_deref(), (view.atlas, commands)),
                    }
                }
            },
            AuthorTab::Passage => passage::ui(ui, self, view, passage),
            AuthorTab::Problems => problems::ui(ui, self, view, commands),
            AuthorTab::Review => review::ui(ui, self, view, commands),
        }
    }

    /// The status strip (bottom of the window).
    pub fn status_ui(&mut self, ui: &mut egui::Ui, selection: Option<&Range<usize>>) {
        // While drawing, the strip says what to do (in place of its usual row, so the
        // map keeps its size).
        let drawing = ui
            .horizontal(|ui| {
                if create::drawing_strip(ui, self) {
                    return true;
                }
                create::menu(ui, self, selection);
                status::ui(ui, self, selection);
                false
            })
            .inner;
        // The second row of a narrow strip is kept, empty or not (the drawing strip
        // shows its message in its own row).
        if status::two_rows(ui.ctx()) {
            let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            if let Some(m) = self.message.as_ref().filter(|_| !drawing) {
                ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                    status::message_label(ui, m);
                });
            }
        }
    }

    /// Over the map (its screen rectangle `rect`; `at` gives a lon/lat's screen point):
    /// the numbered gazetteer places Review offers for re-resolving an element, while
    /// Review is the tab shown.
    pub fn map_overlay(
        &self,
        ctx: &egui::Context,
        rect: egui::Rect,
        at: impl Fn(f64, f64) -> Option<egui::Pos2>,
    ) {
        if self.tab == AuthorTab::Review {
            review::overlay(ctx, &self.review, rect, at);
        }
    }

    /// The dialogs: restore a recovery file, confirm closing, the link picker, and a
    /// "New…" form (a drawing just finished on the map becomes its form).
    pub fn dialogs(&mut self, ctx: &egui::Context, atlas: &Atlas) {
        status::recovery_dialog(ctx, self);
        status::close_dialog(ctx, self);
        status::conflict_dialog(ctx, self);
        link_picker::ui(ctx, self);
        create::take_finished(self, atlas);
        create::dialog(ctx, self, atlas);
    }
}

/// The Element tab's lists of an element's events and relations are open at first up
/// to this many entries; longer ones start folded, under their count.
const LIST_OPEN_UP_TO: usize = 4;

/// A field for one line of text wrapped over `rows` rows or more (a citation, a source,
/// a passage's words), named by the label `label`: Enter commits it and never adds a
/// newline, and a line break pasted in becomes a space. Returns the response and whether
/// it was committed this frame (left, or Enter).
fn wrapped_line(
    ui: &mut egui::Ui,
    text: &mut String,
    rows: usize,
    label: egui::Id,
) -> (egui::Response, bool) {
    let r = ui
        .add(
            egui::TextEdit::multiline(text)
                .desired_rows(rows)
                .return_key(None)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label);
    if text.contains(['\n', '\r']) {
        // One for one, so the cursor stays where it was.
        *text = text.replace(['\n', '\r'], " ");
    }
    let entered =
        r.lost_focus() || (r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
    (r, entered)
}

/// The selected element's key, if it is still an element of the document.
fn selected_key(view: &ViewCtx<'_>) -> Option<String> {
    let id = view.selection.selected?;
    Some(view.atlas.element(id)?.key.clone())
}
