//! The status strip of author mode (saved or not, the named Undo and Redo, Save, Link
//! to…, the last message) and its two dialogs: restore a recovery file, and confirm
//! closing with unsaved edits.

use std::ops::Range;

use egui::RichText;

use super::Author;
use crate::model::edit::store;

/// Widest Undo/Redo button in the strip, in points, and as a share of the strip's
/// width (so a narrow window keeps room for the rest); a longer name is elided (its
/// AccessKit name and hover text stay whole).
const MAX_UNDO_WIDTH: f32 = 260.0;
const MAX_UNDO_SHARE: f32 = 0.2;

/// The strip: one row that never wraps, so its buttons never move when a message comes
/// or goes (long names and messages are elided, in full on hover). In a window narrower
/// than [`TWO_ROWS_BELOW`] the message has a row of its own below, which the caller
/// keeps whether or not there is a message (see [`two_rows`]).
pub fn ui(ui: &mut egui::Ui, a: &mut Author, selection: Option<&Range<usize>>) {
    ui.horizontal(|ui| {
        state_label(ui, a);
        ui.separator();
        let undo = a.session.history.undo_label();
        let redo = a.session.history.redo_label();
        let r = ui
            .scope(|ui| {
                ui.set_max_width(
                    MAX_UNDO_WIDTH.min(ui.ctx().content_rect().width() * MAX_UNDO_SHARE),
                );
                ui.add_enabled(
                    undo.is_some(),
                    egui::Button::new(undo.as_deref().unwrap_or("Undo")).truncate(),
                )
            })
            .inner
            .on_hover_text(format!("{} (Ctrl+Z)", undo.as_deref().unwrap_or("Undo")));
        if r.clicked() {
            a.undo();
        }
        let r = ui
            .scope(|ui| {
                ui.set_max_width(
                    MAX_UNDO_WIDTH.min(ui.ctx().content_rect().width() * MAX_UNDO_SHARE),
                );
                ui.add_enabled(
                    redo.is_some(),
                    egui::Button::new(redo.as_deref().unwrap_or("Redo")).truncate(),
                )
            })
            .inner
            .on_hover_text(format!(
                "{} (Ctrl+Shift+Z or Ctrl+Y)",
                redo.as_deref().unwrap_or("Redo")
            ));
        if r.clicked() {
            a.redo();
        }
        let save = ui
            .add_enabled(
                a.is_dirty() || typing(ui.ctx(), a),
                egui::Button::new("Save"),
            )
            .on_hover_text("Write the atlas's changed files (Ctrl+S)");
        if save.clicked() {
            a.save();
        }
        ui.separator();
        let link = ui
            .add_enabled(selection.is_some(), egui::Button::new("Link to…"))
            .on_hover_text("Link the words selected in the article to an element (Ctrl+L)")
            .on_disabled_hover_text(
                "Select words in the article first, or press Ctrl+L to type them",
            );
        if link.clicked() {
            a.picker.open(&a.session.doc, selection);
        }
        super::blocks::menu(ui, a);
        if let Some(m) = a.message.as_ref().filter(|_| !two_rows(ui.ctx())) {
            ui.separator();
            message_label(ui, m);
        }
    });
}

/// "Unsaved changes", "All changes saved", or, while a field of the Element tab is typed
/// in, "Typing: Enter applies": its words are not an edit yet (Enter or leaving the field
/// makes it), and "All changes saved" beside them misled (trial14 #3).
fn state_label(ui: &mut egui::Ui, a: &Author) {
    let (state, strong) = if a.is_dirty() {
        ("Unsaved changes", true)
    } else if typing(ui.ctx(), a) {
        ("Typing: Enter applies", false)
    } else {
        ("All changes saved", false)
    };
    let text = RichText::new(state);
    ui.label(if strong { text.strong() } else { text.weak() });
}

/// Whether a field of the atlas is being typed in: in the Element tab, whose fields
/// Save flushes; the search box, "Link to…"'s fields and the other tabs' hold nothing to
/// save (trial13b #9: Save was enabled beside "All changes saved" while "Link to…" was
/// open).
fn typing(ctx: &egui::Context, a: &Author) -> bool {
    let search = crate::ui::search::SearchPanel::edit_id();
    ctx.text_edit_focused()
        && a.tab == super::AuthorTab::Element
        && !a.picker.is_open()
        && !ctx.memory(|m| m.has_focus(search))
}

/// Below this window width (points) the strip's last message has a row of its own,
/// kept while there is none, so the map does not change size as messages come and go
/// (at 640 points wide a save's message had been a lone "…" at the window's edge).
pub const TWO_ROWS_BELOW: f32 = 860.0;

/// Whether the strip has two rows: the controls, then the message.
pub fn two_rows(ctx: &egui::Context) -> bool {
    ctx.content_rect().width() < TWO_ROWS_BELOW
}

/// The last message on one line, elided to the room left (in full on hover); in the
/// error colour only for errors.
pub fn message_label(ui: &mut egui::Ui, m: &super::Message) {
    let t = RichText::new(m.text.as_str());
    let t = if m.error {
        t.color(ui.visuals().error_fg_color)
    } else {
        t
    };
    ui.add(egui::Label::new(t).truncate())
        .on_hover_text(m.text.as_str());
}

/// Offers back a recovery file found at start: Restore or Discard.
pub fn recovery_dialog(ctx: &egui::Context, a: &mut Author) {
    let Some(rec) = &a.recovery else { return };
    let files: Vec<&str> = rec.files.keys().map(String::as_str).collect();
    let files = files.join(", ");
    // Worked out once per dialog: it reads the saved files.
    let changes_id = egui::Id::unique("aras-recovery-changes");
    let changes: std::sync::Arc<Vec<String>> = ctx.memory_mut(|m| {
        m.data
            .get_temp_mut_or_insert_with(changes_id, || {
                std::sync::Arc::new(rec.changes(&a.session.dir))
            })
            .clone()
    });
    let age = ago(rec.written);
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("aras-recovery")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Restore unsaved edits?");
        ui.label(format!(
            "These edits were never saved; Aras last kept them {age}, in {}:",
            store::RECOVERY_FILE
        ));
        for c in changes.iter() {
            ui.label(format!("• {c}"));
        }
        ui.add_space(4.0);
        ui.label(
            egui::RichText::new(
                "Restore opens them as unsaved edits: look them over, then Save. \
                 Discard deletes them; the files stay as last saved.",
            )
            .weak(),
        );
        ui.horizontal(|ui| {
            let restore = ui.button("Restore");
            if !ui.ctx().memory(|m| m.focused().is_some()) {
                restore.request_focus();
            }
            if restore.clicked() {
                choice = Some(true);
            }
            if ui.button("Discard").clicked() {
                choice = Some(false);
            }
        });
    });
    if choice.is_some() {
        ctx.memory_mut(|m| m.data.remove::<std::sync::Arc<Vec<String>>>(changes_id));
    }
    match choice {
        Some(true) => {
            if let Some(rec) = a.recovery.take() {
                match a.session.restore(&rec) {
                    Ok(()) => a.say(format!("Restored unsaved edits to {files}"), false),
                    Err(e) => a.say(format!("Could not restore: {e}"), true),
                }
            }
        }
        Some(false) => {
            a.recovery = None;
            store::discard_recovery(&a.session.dir);
            a.say("Discarded the recovered edits".to_owned(), false);
        }
        None => {}
    }
}

/// How long ago a time was, in words: "3 minutes ago", "2 days ago", "just now".
fn ago(t: std::time::SystemTime) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(t)
        .map_or(0, |d| d.as_secs());
    let (n, unit) = match secs {
        0..60 => return "just now".to_owned(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// Asks before closing with unsaved edits: Save and close, Close without saving, Cancel.
pub fn close_dialog(ctx: &egui::Context, a: &mut Author) {
    if !a.confirm_close {
        return;
    }
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("aras-close")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save changes before closing?");
        ui.label("Closing without saving loses the edits made since the last save.");
        ui.horizontal(|ui| {
            if ui.button("Save and close").clicked() {
                choice = Some(Close::Save);
            }
            if ui.button("Close without saving").clicked() {
                choice = Some(Close::Discard);
            }
            let cancel = ui.button("Cancel");
            if !ui.ctx().memory(|m| m.focused().is_some()) {
                cancel.request_focus();
            }
            if cancel.clicked() {
                choice = Some(Close::Cancel);
            }
        });
    });
    let close = match choice {
        None => return,
        Some(Close::Cancel) => false,
        Some(Close::Save) => {
            a.save();
            if a.is_dirty() {
                let why = a.message.as_ref().map_or("", |m| m.text.as_str());
                a.say(format!("Not closed: {why}"), true);
            }
            !a.is_dirty()
        }
        Some(Close::Discard) => {
            store::discard_recovery(&a.session.dir);
            true
        }
    };
    a.confirm_close = false;
    if close {
        a.close_ok = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

enum Close {
    Save,
    Discard,
    Cancel,
}

/// After a save refused because a file changed on disk: reload the files and replay the
/// edits since the last save on them, or overwrite, or keep editing.
pub fn conflict_dialog(ctx: &egui::Context, a: &mut Author) {
    let Some(file) = a.conflict.clone() else {
        return;
    };
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("aras-save-conflict")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading(format!("{file} changed on disk"));
        ui.label(format!(
            "Another program changed {file} since Aras opened it, so Save did not overwrite \
             it. Your edits are still here, unsaved."
        ));
        ui.vertical(|ui| {
            let reload = ui
                .button("Reload from disk and reapply my edits")
                .on_hover_text("Read the files again and redo each edit since the last save on them; edits that no longer apply are listed");
            if !ui.ctx().memory(|m| m.focused().is_some()) {
                reload.request_focus();
            }
            if reload.clicked() {
                choice = Some(Conflict::Reload);
            }
            if ui
                .button(format!("Overwrite {file}"))
                .on_hover_text("Save my version; the other program's changes to the files I edited are lost")
                .clicked()
            {
                choice = Some(Conflict::Overwrite);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(Conflict::Cancel);
            }
        });
    });
    let Some(choice) = choice else { return };
    a.conflict = None;
    match choice {
        Conflict::Reload => match a.session.reload_and_reapply() {
            Ok(failed) if failed.is_empty() => a.say(
                "Reloaded from disk and reapplied every edit (not saved yet)".to_owned(),
                false,
            ),
            Ok(failed) => a.say(
                format!(
                    "Reloaded from disk; these edits no longer apply: {}",
                    failed.join("; ")
                ),
                true,
            ),
            Err(e) => a.say(format!("Not reloaded: {e}"), true),
        },
        Conflict::Overwrite => match a.session.overwrite() {
            Ok(w) => a.say(format!("Saved {} (overwritten)", w.join(", ")), false),
            Err(e) => a.say(format!("Not saved: {e}"), true),
        },
        Conflict::Cancel => {}
    }
}

enum Conflict {
    Reload,
    Overwrite,
    Cancel,
}
