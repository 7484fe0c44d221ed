//! The timeline (bottom panel, egui_plot): every dated event drawn to its precision, two
//! presets, a date cursor that sets what the map shows, and the scenario switch.

use egui::{Align2, Color32, Pos2, RichText};
use egui_plot::{GridMark, Line, Plot, PlotBounds, PlotPoint, PlotPoints, Points, Text, VLine};

use super::{Command, ViewCtx};
use crate::model::timeline::{Precision, civil_from_days, days_from_civil};
pub use crate::state::Preset;

/// Where the map date can go: the article's whole span.
pub fn date_limits() -> (i64, i64) {
    (days_from_civil(1991, 1, 1), days_from_civil(2021, 10, 21))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub fn day_label(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    format!("{d} {month} {y}")
}

/// What the timeline remembers between frames.
#[derive(Default)]
pub struct TimelinePanel {
    /// Screen position of each drawn event's marker, last frame (tests click them).
    pub event_positions: Vec<(usize, Pos2)>,
    /// Screen x of a day in the last frame: (x at day a, day a, px per day).
    pub x_mapping: Option<(f32, f64, f32)>,
    /// Events shown last frame (tests).
    pub shown: Vec<usize>,
}

/// Where an event's label goes: after its marker, or before it near the right edge.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Placed {
    event: usize,
    lane: usize,
    /// Label to the left of the marker (it would overflow the right edge).
    left: bool,
}

fn label_text(ev: &crate::model::timeline::Event) -> String {
    format!("{} · {}", ev.label, ev.date_label())
}

/// One lane per overlapping label, so labels never sit on each other.
fn lanes(ctx: &ViewCtx<'_>, range: (f64, f64), width: f32) -> Vec<Placed> {
    let px_per_day = width as f64 / (range.1 - range.0).max(1.0);
    let mut lane_end: Vec<f64> = Vec::new();
    let mut out = Vec::new();
    for (i, ev) in ctx.atlas.events.iter().enumerate() {
        let (s, e) = (ev.date.first_day() as f64, ev.date.end_day() as f64);
        if e < range.0 || s > range.1 {
            continue;
        }
        let s = s.max(range.0);
        let e = e.min(range.1);
        let label_days = (label_text(ev).chars().count() as f64 * 6.2 + 16.0) / px_per_day;
        let point = !ev.date.is_span() && ev.date.start.precision == Precision::Day;
        // Points: label after the marker, or before it near the right edge. Bars: label
        // on the bar, from its visible start.
        let left = point && e + label_days > range.1;
        let (s, end) = if left {
            (s - label_days, e)
        } else if point {
            (s, e + label_days)
        } else {
            (s, e.max(s + label_days))
        };
        let lane = match lane_end.iter().position(|le| *le < s) {
            Some(l) => l,
            None => {
                lane_end.push(f64::NEG_INFINITY);
                lane_end.len() - 1
            }
        };
        if let Some(le) = lane_end.get_mut(lane) {
            *le = end;
        }
        out.push(Placed {
            event: i,
            lane,
            left,
        });
    }
    out
}

impl TimelinePanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let atlas = ctx.atlas;
        let preset = ctx.preset;
        ui.horizontal_wrapped(|ui| {
            ui.strong("Timeline");
            for p in [Preset::Crisis, Preset::Since1991] {
                if ui.selectable_label(preset == p, p.label()).clicked() {
                    commands.push(Command::SetPreset(p));
                }
            }
            ui.separator();
            let (lo, hi) = date_limits();
            let current = ctx.layers.date.unwrap_or(hi);
            ui.label("Map date:");
            ui.spacing_mut().slider_width = 140.0;
            let mut day = current;
            let slider = ui
                .add(
                    egui::Slider::new(&mut day, lo..=hi)
                        .show_value(false)
                        .text(day_label(current)),
                )
                .on_hover_text("What the map shows for things that changed over time");
            if slider.changed() {
                commands.push(Command::SetMapDate((day < hi).then_some(day)));
            }
            if ctx.layers.date.is_some() && ui.button("Latest").clicked() {
                commands.push(Command::SetMapDate(None));
            }
            ui.separator();
            ui.label("Scenario:");
            let current = ctx.scenario.map(|s| s.key.as_str());
            if ui.selectable_label(current.is_none(), "None").clicked() {
                commands.push(Command::SetScenario(None));
            }
            for s in &atlas.scenarios {
                if ui
                    .selectable_label(current == Some(s.key.as_str()), &s.name)
                    .on_hover_text(&s.summary)
                    .clicked()
                {
                    commands.push(Command::SetScenario(Some(s.key.clone())));
                }
            }
        });

        let range = preset.range();
        let lanes = lanes(ctx, range, ui.available_width() - 20.0);
        let n_lanes = lanes.iter().map(|p| p.lane + 1).max().unwrap_or(1);
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
        let hi_color = ctx.palette.selection;
        let halo = ui.visuals().panel_fill.gamma_multiply(0.85);
        let date = ctx.layers.date;
        let crisis = preset == Preset::Crisis;
        let plot = Plot::new("timeline")
            .height(ui.available_height().max(60.0))
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
                    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
                    format!("{d} {month}")
                } else {
                    format!("{y}")
                }
            })
            .x_grid_spacer(move |input| grid_marks(input.bounds, crisis));
        let lanes_for_plot = lanes.clone();
        let events = &atlas.events;
        let event_ctx = ctx.selection.event;
        let out = plot.show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [range.0, -0.8],
                [range.1, n_lanes as f64 - 0.2],
            ));
            for placed in &lanes_for_plot {
                let i = &placed.event;
                let Some(ev) = events.get(*i) else { continue };
                let y = placed.lane as f64;
                let marked = selected_events.contains(i) || event_ctx == Some(*i);
                let color = if marked { hi_color } else { base };
                let (s, e) = (ev.date.first_day() as f64, ev.date.end_day() as f64);
                let name = format!("event-{}", ev.key);
                match (ev.date.is_span(), ev.date.start.precision) {
                    (false, Precision::Day) => {
                        plot_ui.points(
                            Points::new(name.clone(), PlotPoints::from(vec![[s + 0.5, y]]))
                                .radius(if marked { 6.5 } else { 5.0 })
                                .filled(true)
                                .color(color),
                        );
                    }
                    _ => {
                        // A bar as long as the precision: a month, a year, a span.
                        plot_ui.line(
                            Line::new(name.clone(), PlotPoints::from(vec![[s, y], [e, y]]))
                                .width(if marked { 9.0 } else { 7.0 })
                                .color(color.gamma_multiply(0.85)),
                        );
                    }
                }
                let label = RichText::new(label_text(ev)).size(11.0).color(if marked {
                    hi_color
                } else {
                    ink
                });
                let (vs, ve) = (s.max(range.0), e.min(range.1));
                let pad = (range.1 - range.0) * 0.004;
                let point = !ev.date.is_span() && ev.date.start.precision == Precision::Day;
                let text = if placed.left {
                    Text::new(name, PlotPoint::new(vs - pad, y), label).anchor(Align2::RIGHT_CENTER)
                } else if point {
                    Text::new(name, PlotPoint::new(ve + pad, y), label).anchor(Align2::LEFT_CENTER)
                } else {
                    // On the bar, in a halo so it stays legible.
                    Text::new(
                        name,
                        PlotPoint::new(vs + pad, y),
                        label.background_color(halo),
                    )
                    .anchor(Align2::LEFT_CENTER)
                };
                plot_ui.text(text);
            }
            if let Some(d) = date {
                plot_ui.vline(
                    VLine::new("map date", d as f64)
                        .color(Color32::from_rgb(0xe0, 0x6c, 0x00))
                        .width(2.0),
                );
            }
            plot_ui.pointer_coordinate()
        });

        // Positions for tests and for hit-testing events.
        let tf = out.transform;
        self.event_positions = lanes
            .iter()
            .filter_map(|p| {
                let (i, lane) = (&p.event, &p.lane);
                let ev = atlas.events.get(*i)?;
                let x = if ev.date.is_span()
                    || ev.date.start.precision != crate::model::timeline::Precision::Day
                {
                    (ev.date.first_day() as f64 + ev.date.end_day() as f64) / 2.0
                } else {
                    ev.date.first_day() as f64 + 0.5
                };
                Some((*i, tf.position_from_point(&PlotPoint::new(x, *lane as f64))))
            })
            .collect();
        self.shown = lanes.iter().map(|p| p.event).collect();
        let a = tf.position_from_point_x(range.0);
        let b = tf.position_from_point_x(range.1);
        self.x_mapping = Some((a, range.0, (b - a) / (range.1 - range.0) as f32));

        let resp = &out.response;
        let hovered_event = resp.hover_pos().and_then(|p| {
            lanes.iter().find_map(|placed| {
                let (i, lane) = (&placed.event, &placed.lane);
                let ev = atlas.events.get(*i)?;
                let y = tf.position_from_point_y(*lane as f64);
                let x0 = tf.position_from_point_x(ev.date.first_day() as f64) - 7.0;
                let x1 = tf.position_from_point_x(ev.date.end_day() as f64) + 7.0;
                ((p.y - y).abs() < 9.0 && p.x >= x0 && p.x <= x1).then_some(*i)
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
        let _ = out.inner;
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
