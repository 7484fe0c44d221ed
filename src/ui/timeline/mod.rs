//! The timeline (bottom panel, egui_plot): every dated event drawn to its precision, two
//! presets, a date cursor that sets what the map shows, and the scenario switch.

mod lanes;
mod plot;

use egui::{Pos2, Rect};

use super::{Command, ViewCtx};
use crate::model::time_frame::TimeFrame;
use crate::model::timeline::civil_iso;
use crate::state::{DateStep, parse_day_in, step_date};
pub use crate::state::{Preset, day_label};
use lanes::{AXIS_PX, LANE_PX};

/// What the timeline remembers between frames.
#[derive(Default)]
pub struct TimelinePanel {
    /// Screen position of each drawn event's marker, last frame (tests click them).
    pub event_positions: Vec<(usize, Pos2)>,
    /// Screen x of a day in the last frame: (x at day a, day a, px per day).
    pub x_mapping: Option<(f32, f64, f32)>,
    /// Events shown last frame (tests).
    pub shown: Vec<usize>,
    /// Screen rectangle of each event label drawn last frame, and the plot's (tests
    /// check that labels never overlap or leave the plot).
    pub label_rects: Vec<(usize, Rect)>,
    /// Screen rectangle of each event's dot, or of the band over its month, year or
    /// span (clipped to the plot's range), last frame.
    pub event_spans: Vec<(usize, Rect)>,
    pub plot_rect: Option<Rect>,
    /// Each event label's text last frame (perhaps shortened with "…").
    label_texts: Vec<(usize, String)>,
    /// Each toolbar group's rectangle last frame: a group wraps as a whole.
    pub toolbar_rects: Vec<Rect>,
    /// The map-date slider's id, to take its arrow keys before it does.
    slider_id: Option<egui::Id>,
    field_id: Option<egui::Id>,
    /// The toolbar's height and the number of lanes last frame (see `wanted_height`).
    toolbar_height: f32,
    lanes: usize,
    /// The typed date while the field is being edited, and why it was refused.
    date_text: String,
    date_error: Option<String>,
}

impl TimelinePanel {
    /// Draws the toolbar over the plot; the plot scrolls when the panel is too short.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let Some(frame) = ctx.atlas.time.as_ref() else {
            // Scenarios without dates: nothing to place on a time axis yet.
            ui.horizontal_wrapped(|ui| {
                scenarios(ui, ctx, commands);
                ui.weak("No dated events yet: add one to see the timeline.");
            });
            return;
        };
        let top = ui.cursor().top();
        self.toolbar(ui, ctx, frame, commands);
        self.toolbar_height = ui.cursor().top() - top;
        // A timeline taller than its panel scrolls, with a solid bar that shows it does.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.plot(ui, ctx, frame, commands);
                crate::ui::style::focus::keep_in_view(ui);
            });
    }

    /// The text of an event's label as drawn last frame (tests).
    pub fn label_text(&self, event: usize) -> Option<&str> {
        self.label_texts
            .iter()
            .find(|(i, _)| *i == event)
            .map(|(_, t)| t.as_str())
    }

    /// Whether the panel has been laid out (or measured) once: its wanted height is known.
    pub fn measured(&self) -> bool {
        self.toolbar_height > 0.0
    }

    /// Measures, without drawing, the height the panel's content needs at `width` points
    /// (the start: the panel is sized from it in its first pass, instead of drawing that
    /// pass again once it knows, issue 13). The toolbar is laid out twice, invisibly, as
    /// a group wraps by its width last time; the lanes are placed as the plot would.
    pub fn measure(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, width: f32) {
        let Some(frame) = ctx.atlas.time.as_ref() else {
            return;
        };
        let rect = egui::Rect::from_min_size(ui.max_rect().min, egui::vec2(width, 1000.0));
        let mut ignored = Vec::new();
        for pass in 0..2 {
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .id_salt(("timeline measure", pass))
                    .max_rect(rect)
                    .layout(egui::Layout::top_down(egui::Align::Min))
                    .invisible(),
            );
            let top = child.cursor().top();
            self.toolbar(&mut child, ctx, frame, &mut ignored);
            self.toolbar_height = child.cursor().top() - top;
        }
        // Placed as beside the plot's scroll bar (the narrowest the plot gets), so that
        // the panel has room for the lanes at either width: the height the timeline had
        // when its first passes were laid out again (one lane more at 1024×700).
        let bar = egui::style::ScrollStyle::solid().allocated_width();
        let placed = lanes::lanes(ui, ctx, ctx.preset.range(frame), width - bar);
        self.lanes = placed.iter().map(|p| p.lane + 1).max().unwrap_or(1);
        (self.slider_id, self.field_id) = (None, None);
    }

    /// The height (points) the panel's content needs to show every lane at full spacing
    /// with the toolbar as laid out last frame: the app sizes the panel to it if it can.
    pub fn wanted_height(&self) -> f32 {
        self.toolbar_height + self.lanes as f32 * LANE_PX + AXIS_PX + 8.0
    }

    /// Presets, the map date and the scenario switch: three groups that wrap whole.
    fn toolbar(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        frame: &TimeFrame,
        commands: &mut Vec<Command>,
    ) {
        let widths: Vec<f32> = self.toolbar_rects.iter().map(|r| r.width()).collect();
        let mut rects = Vec::new();
        // The slider shrinks so that the date group fits a narrow timeline whole.
        let full = ui.available_width();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().slider_width = (full - 250.0).clamp(60.0, 150.0);
            for group in 0..3 {
                let need = widths.get(group).copied().unwrap_or(0.0);
                if group > 0 && ui.available_size_before_wrap().x < need + 8.0 {
                    ui.end_row();
                }
                let r = ui.horizontal(|ui| match group {
                    0 => presets(ui, ctx, frame, commands),
                    // One day, or none, to choose from: no slider, no field, no stop.
                    1 if frame.first >= frame.present => {
                        (self.slider_id, self.field_id) = (None, None);
                    }
                    1 => self.date_controls(ui, ctx, frame, commands),
                    _ => scenarios(ui, ctx, commands),
                });
                rects.push(r.response.rect);
            }
        });
        self.toolbar_rects = rects;
    }

    /// The map-date slider over the preset's range, a typed date and "Latest". With the
    /// slider focused, arrows step by event and Shift+arrows by month.
    fn date_controls(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        frame: &TimeFrame,
        commands: &mut Vec<Command>,
    ) {
        let (lo, hi) = ctx.preset.slider_range(frame);
        let latest = frame.present;
        let current = ctx.layers.day(ctx.atlas);
        let mut set = |day: i64, commands: &mut Vec<Command>| {
            commands.push(Command::SetMapDate((day < latest).then_some(day)));
            if day < lo || day > hi {
                commands.push(Command::SetPreset(Preset::Whole));
            }
        };
        if self
            .slider_id
            .is_some_and(|id| ui.memory(|m| m.has_focus(id)))
        {
            let step = ui.input_mut(|i| {
                use egui::{Key, Modifiers};
                let keys = [
                    (Modifiers::SHIFT, Key::ArrowLeft, DateStep::PrevMonth),
                    (Modifiers::SHIFT, Key::ArrowRight, DateStep::NextMonth),
                    (Modifiers::NONE, Key::ArrowLeft, DateStep::PrevEvent),
                    (Modifiers::NONE, Key::ArrowRight, DateStep::NextEvent),
                ];
                keys.into_iter()
                    .find(|(m, k, _)| i.consume_key(*m, *k))
                    .map(|(_, _, s)| s)
            });
            if let Some(step) = step {
                set(step_date(ctx.atlas, current, step), commands);
            }
        }
        let label = ui.label("Map date:");
        let mut day = current.clamp(lo, hi);
        let slider = ui
            .add(egui::Slider::new(&mut day, lo..=hi).show_value(false))
            .labelled_by(label.id)
            .on_hover_text(
                "What the map shows for things that changed over time. \
                 With the slider focused: ←/→ step by event, Shift+←/→ by month.",
            );
        self.slider_id = Some(slider.id);
        // A press on the slider gives it the keyboard, so the arrows work next. (A quick
        // click, press and release in one frame, is neither a drag nor, for a drag-only
        // widget, a click: look at the pointer itself.)
        let pressed_here = slider.contains_pointer()
            && ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released());
        if pressed_here || slider.drag_started() {
            slider.request_focus();
        }
        if slider.changed() {
            set(day, commands);
        }
        self.date_field(ui, ctx.atlas, label.id, current, &mut set, commands);
        if ctx.layers.date.is_some() && ui.button("Latest").clicked() {
            commands.push(Command::SetMapDate(None));
        }
    }

    /// A date typed as YYYY-MM-DD, applied on Enter or when the field loses focus.
    fn date_field(
        &mut self,
        ui: &mut egui::Ui,
        atlas: &crate::model::Atlas,
        label: egui::Id,
        current: i64,
        set: &mut impl FnMut(i64, &mut Vec<Command>),
        commands: &mut Vec<Command>,
    ) {
        let editing = self
            .field_id
            .is_some_and(|id| ui.memory(|m| m.has_focus(id)));
        if !editing && self.date_error.is_none() {
            self.date_text = civil_iso(current);
        }
        let mut edit = egui::TextEdit::singleline(&mut self.date_text)
            .hint_text("YYYY-MM-DD")
            .desired_width(88.0);
        if self.date_error.is_some() {
            edit = edit.text_color(ui.visuals().error_fg_color);
        }
        let r = ui.add(edit).labelled_by(label);
        self.field_id = Some(r.id);
        let r = match &self.date_error {
            Some(e) => r.on_hover_text(e.as_str()),
            None => r.on_hover_text(format!("{}: type a date, then Enter", day_label(current))),
        };
        if r.changed() {
            self.date_error = None;
        }
        if r.lost_focus() {
            match parse_day_in(atlas, &self.date_text) {
                Ok(day) => {
                    self.date_error = None;
                    if day != current {
                        set(day, commands);
                    }
                }
                Err(e) => self.date_error = Some(e),
            }
        }
        if let Some(e) = &self.date_error {
            ui.colored_label(ui.visuals().error_fg_color, "Not a date")
                .on_hover_text(e.as_str());
        }
    }
}

/// The day range (days since 1970) the timeline shows: the preset's view of the atlas's
/// frame.
fn view_range(ctx: &ViewCtx<'_>) -> (f64, f64) {
    ctx.atlas
        .time
        .as_ref()
        .map_or((0.0, 1.0), |f| ctx.preset.range(f))
}

/// "Timeline" and the atlas's views: the close-up of its latest events (when it has one)
/// and the whole span.
fn presets(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, frame: &TimeFrame, commands: &mut Vec<Command>) {
    ui.strong("Timeline");
    let shown = ctx.preset.view(frame);
    for p in [Preset::Close, Preset::Whole] {
        if p == Preset::Close && frame.close.is_none() {
            continue;
        }
        let view = p.view(frame);
        if ui.selectable_label(shown == view, &view.label).clicked() {
            commands.push(Command::SetPreset(p));
        }
    }
}

/// "Scenario:" with its choices, kept together.
fn scenarios(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    if ctx.atlas.scenarios.is_empty() {
        return;
    }
    ui.label("Scenario:");
    let current = ctx.scenario.map(|s| s.key.as_str());
    if ui.selectable_label(current.is_none(), "None").clicked() {
        commands.push(Command::SetScenario(None));
    }
    for s in &ctx.atlas.scenarios {
        if ui
            .selectable_label(current == Some(s.key.as_str()), &s.name)
            .on_hover_text(&s.summary)
            .clicked()
        {
            commands.push(Command::SetScenario(Some(s.key.clone())));
        }
    }
}
