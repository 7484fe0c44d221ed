//! The timeline (bottom panel, egui_plot): every dated event drawn to its precision, two
//! presets, a date cursor that sets what the map shows, and the scenario switch.

use egui::{Align2, Color32, Pos2, Rect, RichText};
use egui_plot::{GridMark, Line, Plot, PlotBounds, PlotPoint, PlotPoints, Points, Text, VLine};

use super::{Command, ViewCtx};
use crate::model::timeline::{Precision, civil_from_days, civil_iso, days_from_civil};
use crate::state::month_abbrev;
use crate::state::{DateStep, parse_day, step_date};
pub use crate::state::{Preset, date_limits, day_label};

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

/// `text`, shortened with "…" until `measure` says it fits in `room` points.
fn fit(text: &str, room: f64, measure: &impl Fn(&str) -> f64) -> String {
    let mut out = text.to_owned();
    let mut keep = text.chars().count();
    while measure(&out) > room && keep > 3 {
        keep -= 1;
        out = text
            .chars()
            .take(keep)
            .collect::<String>()
            .trim_end()
            .to_owned()
            + "…";
    }
    out
}

/// Which side of its marker or bar an event's label is on.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Side {
    After,
    Before,
    /// On the bar, from its visible start.
    On,
}

/// Where an event's label goes: its lane, its side and its (perhaps shortened) text.
#[derive(Clone, Debug, PartialEq)]
struct Placed {
    event: usize,
    lane: usize,
    side: Side,
    /// The label's text, shortened with "…" when the plot is too narrow for it.
    text: String,
}

fn label_text(ev: &crate::model::timeline::Event) -> String {
    format!("{} · {}", ev.label, ev.date_label())
}

/// An event's label in `room` points: its name is shortened with "…" first, so that its
/// date stays whole; only when the date alone does not fit is the whole label cut.
fn fit_label(
    ev: &crate::model::timeline::Event,
    room: f64,
    measure: &impl Fn(&str) -> f64,
) -> String {
    let full = label_text(ev);
    if measure(&full) <= room {
        return full;
    }
    let date = format!(" · {}", ev.date_label());
    let name_room = room - (measure(&date) - measure(""));
    let name = fit(&ev.label, name_room, measure);
    if name.chars().count() > 4 && measure(&name) <= name_room {
        name + &date
    } else {
        fit(&full, room, measure)
    }
}

const LABEL_SIZE: f32 = 11.0;
/// Vertical space per lane in points: a label and a marker never touch the next lane.
const LANE_PX: f32 = 18.0;
/// The least space per lane when the panel is short: the label's height and a gap.
const LANE_MIN_PX: f32 = 15.0;
/// Room in points kept free at each end of the plot, so that a dot at the edge of the
/// preset's range is drawn whole.
const EDGE_PX: f64 = 10.0;
/// Points between a marker's centre and its label (the largest dot's radius and a gap).
const LABEL_GAP_PX: f64 = 10.0;
/// The plot's own height besides its lanes: the date axis and a margin.
const AXIS_PX: f32 = 36.0;

/// The plot's day range: the preset's, widened by [`EDGE_PX`] at each end for `width`
/// points of plot.
fn plot_days(range: (f64, f64), width: f32) -> (f64, f64) {
    let span = (range.1 - range.0).max(1.0);
    let width = (width as f64).max(2.0 * EDGE_PX + 1.0);
    let edge = EDGE_PX * span / (width - 2.0 * EDGE_PX);
    (range.0 - edge, range.1 + edge)
}

/// One lane per overlapping label, so labels never sit on each other; labels near the
/// right edge end at their marker, and labels wider than the plot are shortened.
fn lanes(ui: &egui::Ui, ctx: &ViewCtx<'_>, range: (f64, f64), width: f32) -> Vec<Placed> {
    let (lo, hi) = plot_days(range, width);
    let px_per_day = width as f64 / (hi - lo);
    let measure = |t: &str| {
        let font = egui::FontId::proportional(LABEL_SIZE);
        ui.painter()
            .layout_no_wrap(t.to_owned(), font, Color32::WHITE)
            .size()
            .x as f64
            + 12.0
    };
    // Per lane, the day spans (marker and label) already placed there.
    let mut taken: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut out = Vec::new();
    for (i, ev) in ctx.atlas.events.iter().enumerate() {
        let (s, e) = (ev.date.first_day() as f64, ev.date.end_day() as f64);
        if e < range.0 || s > range.1 {
            continue;
        }
        let (s, e) = (s.max(range.0), e.min(range.1));
        let point = is_point(ev);
        let full = label_text(ev);
        // After the marker or bar if the label fits there, else before it, else (a bar)
        // on the bar from its visible start; else on the roomier side, shortened with
        // "…" (its date kept). A bar's label never hides a short bar.
        let m = LABEL_GAP_PX / px_per_day;
        let after = (hi - e) * px_per_day - LABEL_GAP_PX;
        let before = (s - lo) * px_per_day - LABEL_GAP_PX;
        let on = (hi - s) * px_per_day - 4.0;
        let need = measure(&full);
        let (side, room) = if need <= after {
            (Side::After, after)
        } else if need <= before {
            (Side::Before, before)
        } else if !point && need <= on {
            (Side::On, on)
        } else if after >= before {
            (Side::After, after)
        } else {
            (Side::Before, before)
        };
        let text = fit_label(ev, room, &measure);
        let label_days = measure(&text) / px_per_day;
        let span = match side {
            Side::After => (s - m, e + m + label_days),
            Side::Before => (s - m - label_days, e + m),
            Side::On => (s, e.max(s + label_days)),
        };
        // The first lane where nothing already placed touches this span.
        let gap = 6.0 / px_per_day;
        let free = |spans: &Vec<(f64, f64)>| {
            spans
                .iter()
                .all(|(a, b)| span.1 + gap < *a || *b + gap < span.0)
        };
        let lane = match taken.iter().position(free) {
            Some(l) => l,
            None => {
                taken.push(Vec::new());
                taken.len() - 1
            }
        };
        if let Some(spans) = taken.get_mut(lane) {
            spans.push(span);
        }
        out.push(Placed {
            event: i,
            lane,
            side,
            text,
        });
    }
    out
}

fn is_point(ev: &crate::model::timeline::Event) -> bool {
    !ev.date.is_span() && ev.date.start.precision == Precision::Day
}

impl TimelinePanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let top = ui.cursor().top();
        self.toolbar(ui, ctx, commands);
        self.toolbar_height = ui.cursor().top() - top;
        // A timeline taller than its panel scrolls, with a solid bar that shows it does.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| self.plot(ui, ctx, commands));
    }

    /// The text of an event's label as drawn last frame (tests).
    pub fn label_text(&self, event: usize) -> Option<&str> {
        self.label_texts
            .iter()
            .find(|(i, _)| *i == event)
            .map(|(_, t)| t.as_str())
    }

    /// The height (points) the panel's content needs to show every lane at full spacing
    /// with the toolbar as laid out last frame: the app sizes the panel to it if it can.
    pub fn wanted_height(&self) -> f32 {
        self.toolbar_height + self.lanes as f32 * LANE_PX + AXIS_PX + 8.0
    }

    /// Presets, the map date and the scenario switch: three groups that wrap whole.
    fn toolbar(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
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
                    0 => presets(ui, ctx, commands),
                    1 => self.date_controls(ui, ctx, commands),
                    _ => scenarios(ui, ctx, commands),
                });
                rects.push(r.response.rect);
            }
        });
        self.toolbar_rects = rects;
    }

    /// The map-date slider over the preset's range, a typed date and "Latest". With the
    /// slider focused, arrows step by event and Shift+arrows by month.
    fn date_controls(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let (lo, hi) = ctx.preset.slider_range();
        let (_, latest) = date_limits();
        let current = ctx.layers.day();
        let mut set = |day: i64, commands: &mut Vec<Command>| {
            commands.push(Command::SetMapDate((day < latest).then_some(day)));
            let (plo, phi) = ctx.preset.slider_range();
            if day < plo || day > phi {
                commands.push(Command::SetPreset(Preset::Since1991));
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
        self.date_field(ui, label.id, current, &mut set, commands);
        if ctx.layers.date.is_some() && ui.button("Latest").clicked() {
            commands.push(Command::SetMapDate(None));
        }
    }

    /// A date typed as YYYY-MM-DD, applied on Enter or when the field loses focus.
    fn date_field(
        &mut self,
        ui: &mut egui::Ui,
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
            match parse_day(&self.date_text) {
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

    /// The events, in lanes, with the map date's cursor.
    fn plot(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let atlas = ctx.atlas;
        let preset = ctx.preset;
        let range = preset.range();
        let width = ui.available_width();
        let lanes = lanes(ui, ctx, range, width);
        let n_lanes = lanes.iter().map(|p| p.lane + 1).max().unwrap_or(1);
        self.lanes = n_lanes;
        let (lo, hi) = plot_days(range, width);
        let scale = (lo, hi, width as f64 / (hi - lo));
        let selected_events: Vec<usize> = match ctx.selection.selected {
            Some(s) => atlas
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.elements.contains(&s))
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        let ink = ui.visuals().text_color();
        let base = Color32::from_rgb(0x4f, 0x7c, 0xac);
        let hi_color = ctx.palette.selected_text();
        // Opaque, so gridlines pass behind the labels.
        let halo = ui.visuals().panel_fill;
        let date = ctx.layers.date;
        let crisis = preset == Preset::Crisis;
        // Lanes close up to LANE_MIN_PX before the plot outgrows the panel and scrolls.
        let avail = ui.available_height();
        let lane_px = ((avail - AXIS_PX) / n_lanes as f32).clamp(LANE_MIN_PX, LANE_PX);
        let height = avail.max(n_lanes as f32 * lane_px + AXIS_PX).max(60.0);
        let plot = Plot::new("timeline")
            .width(width)
            .height(height)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_y(false)
            .show_x(false)
            .show_axes([true, false])
            .show_grid([true, false])
            .x_axis_formatter(move |mark: GridMark, _| {
                let (y, m, d) = civil_from_days(mark.value.round() as i64);
                if crisis {
                    format!("{d} {}", month_abbrev(m))
                } else {
                    format!("{y}")
                }
            })
            // Marks only inside the preset's range: a year label at the plot's very edge
            // would be cut.
            .x_grid_spacer(move |input| {
                let (a, b) = input.bounds;
                grid_marks((a.max(range.0), b.min(range.1)), crisis)
            });
        let events = &atlas.events;
        let event_ctx = ctx.selection.event;
        let layers = ctx.layers;
        let out = plot.show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [lo, -0.8],
                [hi, n_lanes as f64 - 0.2],
            ));
            for placed in &lanes {
                let i = placed.event;
                let Some(ev) = events.get(i) else { continue };
                let y = placed.lane as f64;
                let marked = selected_events.contains(&i) || event_ctx == Some(i);
                // Events after the map date are drawn faint: the map does not show them.
                let color = match (marked, date.is_none() || layers.event_begun(ev)) {
                    (true, _) => hi_color,
                    (false, true) => base,
                    (false, false) => base.gamma_multiply(0.4),
                };
                let (s, e) = (ev.date.first_day() as f64, ev.date.end_day() as f64);
                let name = format!("event-{}", ev.key);
                if is_point(ev) {
                    plot_ui.points(
                        Points::new(name.clone(), PlotPoints::from(vec![[s + 0.5, y]]))
                            .radius(if marked { 6.5 } else { 5.0 })
                            .filled(true)
                            .color(color),
                    );
                } else {
                    // A bar as long as the precision: a month, a year, a span.
                    plot_ui.line(
                        Line::new(name.clone(), PlotPoints::from(vec![[s, y], [e, y]]))
                            .width(if marked { 9.0 } else { 7.0 })
                            .color(color.gamma_multiply(0.85)),
                    );
                }
                let label = RichText::new(&placed.text)
                    .size(LABEL_SIZE)
                    .color(if marked { hi_color } else { ink })
                    .background_color(halo);
                let (x, anchor) = label_anchor(placed, ev, range, scale);
                plot_ui.text(Text::new(name, PlotPoint::new(x, y), label).anchor(anchor));
            }
            if let Some(d) = date {
                plot_ui.vline(
                    VLine::new("map date", d as f64)
                        .color(Color32::from_rgb(0xe0, 0x6c, 0x00))
                        .width(2.0),
                );
            }
        });
        self.after_plot(ui, ctx, &lanes, scale, &out, commands);
    }

    /// Records what was drawn (tests, hit-testing) and handles hover and clicks.
    fn after_plot(
        &mut self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        lanes: &[Placed],
        scale: (f64, f64, f64),
        out: &egui_plot::PlotResponse<()>,
        commands: &mut Vec<Command>,
    ) {
        let atlas = ctx.atlas;
        let range = ctx.preset.range();
        let tf = &out.transform;
        self.event_positions = lanes
            .iter()
            .filter_map(|p| {
                let ev = atlas.events.get(p.event)?;
                let x = if is_point(ev) {
                    ev.date.first_day() as f64 + 0.5
                } else {
                    (ev.date.first_day() as f64 + ev.date.end_day() as f64) / 2.0
                };
                let pos = tf.position_from_point(&PlotPoint::new(x, p.lane as f64));
                Some((p.event, pos))
            })
            .collect();
        self.label_rects = lanes
            .iter()
            .filter_map(|p| {
                let ev = atlas.events.get(p.event)?;
                let (x, anchor) = label_anchor(p, ev, range, scale);
                let at = tf.position_from_point(&PlotPoint::new(x, p.lane as f64));
                let galley = ui.painter().layout_no_wrap(
                    p.text.clone(),
                    egui::FontId::proportional(LABEL_SIZE),
                    Color32::WHITE,
                );
                Some((p.event, anchor.anchor_size(at, galley.size())))
            })
            .collect();
        self.plot_rect = Some(*tf.frame());
        self.label_texts = lanes.iter().map(|p| (p.event, p.text.clone())).collect();
        self.shown = lanes.iter().map(|p| p.event).collect();
        let a = tf.position_from_point_x(range.0);
        let b = tf.position_from_point_x(range.1);
        self.x_mapping = Some((a, range.0, (b - a) / (range.1 - range.0) as f32));

        let resp = &out.response;
        let hovered_event = resp.hover_pos().and_then(|p| {
            lanes.iter().find_map(|placed| {
                let ev = atlas.events.get(placed.event)?;
                let y = tf.position_from_point_y(placed.lane as f64);
                let x0 = tf.position_from_point_x(ev.date.first_day() as f64) - 7.0;
                let x1 = tf.position_from_point_x(ev.date.end_day() as f64) + 7.0;
                let on_label = self
                    .label_rects
                    .iter()
                    .any(|(i, r)| *i == placed.event && r.contains(p));
                (on_label || ((p.y - y).abs() < 9.0 && p.x >= x0 && p.x <= x1))
                    .then_some(placed.event)
            })
        });
        if let Some(i) = hovered_event
            && let Some(ev) = atlas.events.get(i)
        {
            resp.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(&ev.label);
                ui.label(format!("{} ({})", ev.date_label(), ev.date.precision_key()));
                let names: Vec<&str> = ev.elements.iter().map(|e| atlas.name(*e)).collect();
                ui.weak(names.join(", "));
                if ctx.layers.date.is_some() && !ctx.layers.event_begun(ev) {
                    ui.weak("After the map date: not on the map");
                }
                ui.weak("Click to select");
            });
        }
        if resp.clicked() || resp.dragged() {
            match (hovered_event, resp.clicked()) {
                (Some(i), true) => commands.push(Command::SelectEvent(i)),
                _ => {
                    if let Some(p) = resp.interact_pointer_pos() {
                        let day = tf.value_from_position(p).x.round() as i64;
                        let (lo, hi) = date_limits();
                        let day = day.clamp(lo, hi);
                        commands.push(Command::SetMapDate((day < hi).then_some(day)));
                    }
                }
            }
        }
    }
}

/// "Timeline" and the two presets.
fn presets(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    ui.strong("Timeline");
    for p in [Preset::Crisis, Preset::Since1991] {
        if ui.selectable_label(ctx.preset == p, p.label()).clicked() {
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

/// Where a label is anchored, in days, and which of its ends sits there: `scale` is the
/// plot's (first day, last day, points per day).
fn label_anchor(
    placed: &Placed,
    ev: &crate::model::timeline::Event,
    range: (f64, f64),
    scale: (f64, f64, f64),
) -> (f64, Align2) {
    let (s, e) = (ev.date.first_day() as f64, ev.date.end_day() as f64);
    let (vs, ve) = (s.max(range.0), e.min(range.1));
    let (_, _, px_per_day) = scale;
    let gap = LABEL_GAP_PX / px_per_day;
    match placed.side {
        Side::After => (ve + gap, Align2::LEFT_CENTER),
        Side::Before => (vs - gap, Align2::RIGHT_CENTER),
        Side::On => (vs + 4.0 / px_per_day, Align2::LEFT_CENTER),
    }
}

/// Grid marks: months in the crisis, five-year steps since 1991.
fn grid_marks(bounds: (f64, f64), crisis: bool) -> Vec<GridMark> {
    let (lo, hi) = bounds;
    let (y0, _, _) = civil_from_days(lo as i64);
    let (y1, _, _) = civil_from_days(hi as i64);
    let mut out = Vec::new();
    if crisis {
        for y in y0..=y1 {
            for m in 1..=12 {
                for d in [1, 15] {
                    let v = days_from_civil(y, m, d) as f64;
                    if v >= lo && v <= hi {
                        out.push(GridMark {
                            value: v,
                            step_size: if d == 1 { 30.0 } else { 15.0 },
                        });
                    }
                }
            }
        }
    } else {
        for y in y0..=y1 {
            let v = days_from_civil(y, 1, 1) as f64;
            if v >= lo && v <= hi {
                out.push(GridMark {
                    value: v,
                    step_size: if y % 5 == 0 { 1826.0 } else { 365.0 },
                });
            }
        }
    }
    out
}
