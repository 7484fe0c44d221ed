//! The top bar: "Aras" (also the "Skip to map" link, the first Tab stop), the article's
//! title (cut with an ellipsis when space runs short, in full on hover), the switches that
//! show or hide the panels, the search box and the view, copy and theme buttons. In a
//! narrow window it takes two rows, so that no control is ever covered or cut.

use egui::accesskit::Role;
use egui::text::LayoutJob;
use egui::{Align, FontId, Layout, TextFormat, vec2};

use super::search::SearchPanel;
use super::{Command, Drawer, ViewCtx};

/// Below this window width (points) the bar takes two rows.
pub const TWO_ROWS_BELOW: f32 = 1000.0;

/// What the bar shows of the panels around the map.
pub struct Bar {
    /// Whether the left (article and layers) and right (details) panels are shown.
    pub reader: bool,
    pub details: bool,
    /// Whether the timeline is shown; `None` when the atlas has none.
    pub timeline: Option<bool>,
    /// Whether the window is too narrow for one row.
    pub two_rows: bool,
    /// Whether author mode is on; `None` when the atlas is not a directory (no editing).
    pub edit: Option<bool>,
}

pub fn ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    search: &mut SearchPanel,
    bar: &Bar,
    commands: &mut Vec<Command>,
) {
    let mut state = (search, commands);
    if bar.two_rows {
        ui.horizontal(|ui| {
            brand(ui, state.1);
            split_row(
                ui,
                &mut state,
                "top-bar-toggles",
                |ui, _| title(ui, ctx),
                |ui, (_, commands)| toggles(ui, bar, commands),
            );
        });
        ui.horizontal(|ui| {
            split_row(
                ui,
                &mut state,
                "top-bar-buttons",
                |ui, (search, commands)| {
                    let w = (ui.available_width() - 60.0).clamp(80.0, 260.0);
                    search.ui(ui, ctx, w, commands);
                },
                |ui, (_, commands)| buttons(ui, ctx, commands),
            );
        });
    } else {
        ui.horizontal(|ui| {
            brand(ui, state.1);
            ui.separator();
            // The title in whatever is left, then the panel switches, the buttons and
            // the search box (a fixed-width group).
            split_row(
                ui,
                &mut state,
                "top-bar-controls",
                |ui, _| title(ui, ctx),
                |ui, (search, commands)| {
                    toggles(ui, bar, commands);
                    ui.separator();
                    buttons(ui, ctx, commands);
                    ui.separator();
                    let h = ui.spacing().interact_size.y;
                    ui.allocate_ui_with_layout(
                        vec2(290.0, h),
                        Layout::left_to_right(Align::Center),
                        |ui| search.ui(ui, ctx, 220.0, commands),
                    );
                },
            );
        });
    }
}

/// Lays out `left` in the width that `right` leaves, then a separator and `right` flush
/// with the right edge: both left to right, so that Tab goes as one reads. `right`'s
/// width is measured on the frame before (`key` keeps it); when it changes, one more
/// frame is asked for.
fn split_row<S>(
    ui: &mut egui::Ui,
    state: &mut S,
    key: &str,
    left: impl FnOnce(&mut egui::Ui, &mut S),
    right: impl FnOnce(&mut egui::Ui, &mut S),
) {
    let id = egui::Id::unique(key);
    let known: Option<f32> = ui.data(|d| d.get_temp(id));
    let h = ui.spacing().interact_size.y;
    let gap = ui.spacing().item_spacing.x;
    let left_w = (ui.available_width() - known.unwrap_or(480.0) - gap).max(0.0);
    ui.allocate_ui_with_layout(
        vec2(left_w, h),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_min_width(left_w);
            left(ui, state);
        },
    );
    let start = ui.cursor().min.x;
    ui.separator();
    right(ui, state);
    let used = ui.min_rect().max.x - start;
    if known.is_none_or(|k| (k - used).abs() > 0.5) {
        ui.data_mut(|d| d.insert_temp(id, used));
        ui.ctx().request_repaint();
    }
}

/// "Aras", which is also the skip link to the map. Focused, it shows "Skip to map (F6,
/// Enter)" as a chip laid out in the bar itself, so that it covers nothing: the title
/// beside it gives way (it is cut with "…").
fn brand(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let id = egui::Id::unique("aras-skip-to-map");
    let focused = ui.memory(|m| m.has_focus(id));
    let r = ui.heading(egui::RichText::new("Aras").strong());
    let mut rect = r.rect;
    // The chip's allocation takes one of the row's automatic ids: skipped when there is
    // no chip, so that the widgets after it keep their ids whether or not it is shown
    // (they moved by one as the focus left it, and Tab from here skipped "Reader",
    // trial13b #4).
    if !focused {
        ui.skip_ahead_auto_ids(1);
    } else {
        let visuals = ui.visuals().clone();
        let galley = ui.painter().layout_no_wrap(
            "Skip to map (F6, Enter)".to_owned(),
            FontId::proportional(13.0),
            visuals.strong_text_color(),
        );
        let pad = vec2(5.0, 2.0);
        let (chip, _) = ui.allocate_exact_size(galley.size() + 2.0 * pad, egui::Sense::hover());
        ui.painter().rect(
            chip,
            4.0,
            visuals.extreme_bg_color,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
        ui.painter()
            .galley(chip.min + pad, galley, visuals.strong_text_color());
        rect = rect.union(chip);
    }
    let skip = ui
        .interact(rect, id, egui::Sense::click())
        .on_hover_text("Skip to map (F6)");
    skip.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, "Skip to map (F6)"));
    if skip.clicked() {
        commands.push(Command::FocusMap);
    }
}

/// The article's title and author on one line, cut with "…" if it does not fit.
fn title(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let article = &ctx.atlas.article;
    let mut job = LayoutJob::default();
    job.append(
        &article.title,
        0.0,
        TextFormat {
            font_id: FontId::proportional(15.0),
            color: ui.visuals().strong_text_color(),
            ..Default::default()
        },
    );
    // A draft has no author yet: no dangling "by".
    let author = article.author.trim();
    if !author.is_empty() {
        job.append(
            &format!("  by {author}"),
            0.0,
            TextFormat {
                font_id: FontId::proportional(13.0),
                color: ui.visuals().weak_text_color(),
                valign: Align::Center,
                ..Default::default()
            },
        );
    }
    // A cut title shows in full on hover (egui's elided-label tooltip).
    ui.add(egui::Label::new(job).truncate());
}

/// Show or hide the panels around the map.
fn toggles(ui: &mut egui::Ui, bar: &Bar, commands: &mut Vec<Command>) {
    if let Some(on) = bar.edit
        && ui
            .selectable_label(on, "Edit")
            .on_hover_text("Author mode: edit this atlas (undo, save, check)")
            .clicked()
    {
        commands.push(Command::ToggleEdit);
    }
    let items = [
        (
            Some(bar.reader),
            Drawer::Reader,
            "Reader",
            "the article, layers and legend (left)",
        ),
        (
            Some(bar.details),
            Drawer::Details,
            "Details",
            "the selection's details (right)",
        ),
        (
            bar.timeline,
            Drawer::Timeline,
            "Timeline",
            "the timeline (bottom)",
        ),
    ];
    for (on, drawer, name, what) in items {
        let Some(on) = on else { continue };
        if ui
            .selectable_label(on, name)
            .on_hover_text(format!("Show or hide {what}"))
            .clicked()
        {
            commands.push(Command::ToggleDrawer(drawer));
        }
    }
}

/// Reset view, copy link and theme, left to right.
fn buttons(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let dark = ctx.palette.dark;
    let text = if dark { "Light theme" } else { "Dark theme" };
    if ui
        .button("Reset view")
        .on_hover_text("Show the whole region again (Home)")
        .clicked()
    {
        commands.push(Command::ResetView);
    }
    if ui
        .button("Copy link")
        .on_hover_text("Copy the command that reopens this selection and these layers")
        .clicked()
    {
        commands.push(Command::CopyLink);
    }
    if ui
        .button(text)
        .on_hover_text("Switch between light and dark")
        .clicked()
    {
        commands.push(Command::SetDark(!dark));
    }
}
