//! The timeline's plot: the events in their lanes, the map date's cursor, the date axis;
//! then what was drawn (for tests and hit-testing), the hovered event's tooltip, clicks.

use egui::{Color32, RichText};
use egui_plot::{
    GridMark, Line, Plot, PlotBounds, PlotPoint, PlotPoints, PlotTransform, PlotUi, Points,
    Polygon, Text, VLine,
};

use super::lanes::{
    AXIS_PX, LABEL_SIZE, LANE_MIN_PX, LANE_PX, Placed, band_y, is_point, label_anchor, label_y,
    lanes, plot_days,
};
use super::{Command, TimelinePanel, ViewCtx, view_range};
use crate::model::time_frame::TimeFrame;
use crate::model::timeline::{Event, civil_from_days, days_from_civil};
use crate::state::month_abbrev;

/// The colours of the events this frame.
struct Inks {
    /// Label text.
    ink: Color32,
    /// A marker or bar.
    base: Color32,
    /// A marked event (of the selection, or the selected event).
    marked: Color32,
    /// Behind a label: opaque, so gridlines pass behind the labels.
    halo: Color32,
}

/// Where the events go: the lanes, the preset's day range and the plot's scale.
struct Layout<'l> {
    lanes: &'l [Placed],
    range: (f64, f64),
    /// (first day, last day, points per day).
    scale: (f64, f64, f64),
    n_lanes: usize,
}

impl TimelinePanel {
    /// The events, in lanes, with the map date's cursor.
    pub(super) fn plot(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        frame: &TimeFrame,
        commands: &mut Vec<Command>,
    ) {
        let range = ctx.preset.range(frame);
        let width = ui.available_width();
        let lanes = lanes(ui, ctx, range, width);
        let n_lanes = lanes.iter().map(|p| p.lane + 1).max().unwrap_or(1);
        self.lanes = n_lanes;
        let (lo, hi) = plot_days(range, width);
        let layout = Layout {
            lanes: &lanes,
            range,
            scale: (lo, hi, width as f64 / (hi - lo)),
            n_lanes,
        };
        let selected_events = selected_events(ctx);
        let inks = Inks {
            ink: ui.visuals().text_color(),
            base: Color32::from_rgb(0x4f, 0x7c, 0xac),
            marked: ctx.palette.selected_text(),
            halo: ui.visuals().panel_fill,
        };
        // Lanes close up to LANE_MIN_PX before the plot outgrows the panel and scrolls.
        let avail = ui.available_height();
        let lane_px = ((avail - AXIS_PX) / n_lanes as f32).clamp(LANE_MIN_PX, LANE_PX);
        let height = avail.max(n_lanes as f32 * lane_px + AXIS_PX).max(60.0);
        let out = plot_frame(range, width, height).show(ui, |plot_ui| {
            events_ui(plot_ui, ctx, &layout, &selected_events, &inks);
        });
        self.after_plot(ui, ctx, &lanes, layout.scale, &out, commands);
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
        self.record_drawn(ui, ctx, lanes, scale, &out.transform);
        let tf = &out.transform;
        let resp = &out.response;
        let hovered_event = resp
            .hover_pos()
            .and_then(|p| self.event_at(ctx, lanes, tf, p));
        if let Some(i) = hovered_event
            && let Some(ev) = ctx.atlas.events.get(i)
        {
            resp.clone()
                .on_hover_ui_at_pointer(|ui| event_tooltip(ui, ctx, ev));
        }
        if resp.clicked() || resp.dragged() {
            match (hovered_event, resp.clicked()) {
                (Some(i), true) => commands.push(Command::SelectEvent(i)),
                _ => {
                    if let Some(p) = resp.interact_pointer_pos() {
                        let day = tf.value_from_position(p).x.round() as i64;
                        let (lo, hi) = ctx.atlas.date_limits();
                        let day = day.clamp(lo, hi);
                        commands.push(Command::SetMapDate((day < hi).then_some(day)));
                    }
                }
            }
        }
    }

    /// Where each marker and label landed on screen, the plot's rectangle and its day
    /// scale: tests click and measure them, and hover hit-tests the labels.
    fn record_drawn(
        &mut self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        lanes: &[Placed],
        scale: (f64, f64, f64),
        tf: &PlotTransform,
    ) {
        let atlas = ctx.atlas;
        let range = view_range(ctx);
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
                let y = label_y(p, is_point(ev));
                let at = tf.position_from_point(&PlotPoint::new(x, y));
                let galley = ui.painter().layout_no_wrap(
                    p.text.clone(),
                    egui::FontId::proportional(LABEL_SIZE),
                    Color32::WHITE,
                );
                Some((p.event, anchor.anchor_size(at, galley.size())))
            })
            .collect();
        self.event_spans = lanes
            .iter()
            .filter_map(|p| {
                let ev = atlas.events.get(p.event)?;
                let (lo, hi) = if is_point(ev) {
                    (p.lane as f64 - 0.2, p.lane as f64 + 0.2)
                } else {
                    band_y(p)
                };
                let (s, e) = (ev.date.first_day() as f64, ev.date.end_day() as f64);
                let a = tf.position_from_point(&PlotPoint::new(s.max(range.0), lo));
                let b = tf.position_from_point(&PlotPoint::new(e.min(range.1), hi));
                Some((p.event, egui::Rect::from_two_pos(a, b)))
            })
            .collect();
        self.plot_rect = Some(*tf.frame());
        self.label_texts = lanes.iter().map(|p| (p.event, p.text.clone())).collect();
        self.shown = lanes.iter().map(|p| p.event).collect();
        let a = tf.position_from_point_x(range.0);
        let b = tf.position_from_point_x(range.1);
        self.x_mapping = Some((a, range.0, (b - a) / (range.1 - range.0) as f32));
    }

    /// The event whose label, marker or bar is under `p` (a bar's ends are widened).
    fn event_at(
        &self,
        ctx: &ViewCtx<'_>,
        lanes: &[Placed],
        tf: &PlotTransform,
        p: egui::Pos2,
    ) -> Option<usize> {
        lanes.iter().find_map(|placed| {
            let ev = ctx.atlas.events.get(placed.event)?;
            let y = tf.position_from_point_y(placed.lane as f64);
            let x0 = tf.position_from_point_x(ev.date.first_day() as f64) - 7.0;
            let x1 = tf.position_from_point_x(ev.date.end_day() as f64) + 7.0;
            let on_label = self
                .label_rects
                .iter()
                .any(|(i, r)| *i == placed.event && r.contains(p));
            (on_label || ((p.y - y).abs() < 9.0 && p.x >= x0 && p.x <= x1)).then_some(placed.event)
        })
    }
}

/// Half the widest axis label ("15 Mar"), in points.
const MARK_HALF_PX: f64 = 18.0;

/// The plot itself: fixed (no drag or zoom), a date axis over `range` (days since 1970)
/// marked in days and months when it spans under about a year, else in years.
fn plot_frame(range: (f64, f64), width: f32, height: f32) -> Plot<'static> {
    let crisis = range.1 - range.0 < 400.0;
    Plot::new("timeline")
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
            // Nor so near the plot's edge that half a label ("15 Mar") would be cut.
            let margin = MARK_HALF_PX * (b - a) / f64::from(width.max(1.0));
            grid_marks(
                (
                    a.max(range.0).max(a + margin),
                    b.min(range.1).min(b - margin),
                ),
                crisis,
            )
        })
}

/// Indices of the events the selected element takes part in.
fn selected_events(ctx: &ViewCtx<'_>) -> Vec<usize> {
    match ctx.selection.selected {
        Some(s) => ctx
            .atlas
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.elements.contains(&s))
            .map(|(i, _)| i)
            .collect(),
        None => Vec::new(),
    }
}

/// Every placed event (a dot or a bar, and its label), then the map date's cursor.
fn events_ui(
    plot_ui: &mut PlotUi<'_>,
    ctx: &ViewCtx<'_>,
    layout: &Layout<'_>,
    selected_events: &[usize],
    inks: &Inks,
) {
    let date = ctx.layers.date;
    let (lo, hi, _) = layout.scale;
    plot_ui.set_plot_bounds(PlotBounds::from_min_max(
        [lo, -0.8],
        [hi, layout.n_lanes as f64 - 0.2],
    ));
    for placed in layout.lanes {
        let i = placed.event;
        let Some(ev) = ctx.atlas.events.get(i) else {
            continue;
        };
        let marked = selected_events.contains(&i) || ctx.selection.event == Some(i);
        // Events after the map date are drawn faint: the map does not show them.
        let color = match (
            marked,
            date.is_none() || ctx.layers.event_begun(ctx.atlas, ev),
        ) {
            (true, _) => inks.marked,
            (false, true) => inks.base,
            (false, false) => inks.base.gamma_multiply(0.4),
        };
        event_ui(plot_ui, layout, placed, ev, marked, color, inks);
    }
    if let Some(d) = date {
        plot_ui.vline(
            VLine::new("map date", d as f64)
                .color(Color32::from_rgb(0xe0, 0x6c, 0x00))
                .width(2.0),
        );
    }
}

/// One event: a dot for a day, a bar as long as its precision otherwise, and its label.
fn event_ui(
    plot_ui: &mut PlotUi<'_>,
    layout: &Layout<'_>,
    placed: &Placed,
    ev: &Event,
    marked: bool,
    color: Color32,
    inks: &Inks,
) {
    let y = placed.lane as f64;
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
        band(plot_ui, placed, (s, e), &name, marked, color);
    }
    let label = RichText::new(&placed.text)
        .size(LABEL_SIZE)
        .color(if marked { inks.marked } else { inks.ink })
        .background_color(inks.halo);
    let (x, anchor) = label_anchor(placed, ev, layout.range, layout.scale);
    let y = label_y(placed, is_point(ev));
    plot_ui.text(Text::new(name, PlotPoint::new(x, y), label).anchor(anchor));
}

/// A month, a year or a span: a band over the whole of it, bracketed by a tick at each
/// end (trial10 #11: a month drawn as a bar from its label's end read as the month's last
/// week). A label on the band goes above it, between the ticks, and covers none of it.
fn band(
    plot_ui: &mut PlotUi<'_>,
    placed: &Placed,
    (s, e): (f64, f64),
    name: &str,
    marked: bool,
    color: Color32,
) {
    let (lo, hi) = band_y(placed);
    let (t_lo, t_hi) = if label_y(placed, false) > placed.lane as f64 {
        (lo - 0.1, hi)
    } else {
        (lo - 0.12, hi + 0.12)
    };
    let w = if marked { 2.5 } else { 1.5 };
    plot_ui.polygon(
        Polygon::new(
            name.to_owned(),
            PlotPoints::from(vec![[s, lo], [e, lo], [e, hi], [s, hi]]),
        )
        .fill_color(color.gamma_multiply(if marked { 0.55 } else { 0.35 }))
        .stroke(egui::Stroke::new(1.0, color)),
    );
    for x in [s, e] {
        plot_ui.line(
            Line::new(
                name.to_owned(),
                PlotPoints::from(vec![[x, t_lo], [x, t_hi]]),
            )
            .width(w)
            .color(color),
        );
    }
}

/// The hovered event's tooltip: its name, date and precision, its elements.
fn event_tooltip(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, ev: &Event) {
    ui.strong(&ev.label);
    ui.label(date_reading(ev));
    let names: Vec<&str> = ev.elements.iter().map(|e| ctx.atlas.name(*e)).collect();
    ui.weak(names.join(", "));
    if ctx.layers.date.is_some() && !ctx.layers.event_begun(ctx.atlas, ev) {
        ui.weak("After the map date: not on the map");
    }
    ui.weak("Click to select");
}

/// An event's date as its precision reads: "12 March 2018", "March 2018 (the whole
/// month)", "2018 (the whole year)", or a span's ends.
fn date_reading(ev: &Event) -> String {
    use crate::model::timeline::Precision;
    let label = ev.date_label();
    if ev.date.is_span() {
        return format!("{label} (a span)");
    }
    match ev.date.start.precision {
        Precision::Day => label,
        Precision::Month => format!("{label} (the whole month)"),
        Precision::Year => format!("{label} (the whole year)"),
    }
}

/// Grid marks: the 1st and 15th of each month for a short range, else years (every fifth
/// longer).
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
