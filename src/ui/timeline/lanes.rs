//! Where each event's label goes: one lane per overlapping label, each label on the
//! side of its marker where it fits, shortened with "…" (its date kept) when nothing fits.

use egui::{Align2, Color32};

use super::ViewCtx;
use crate::model::timeline::{Event, Precision};

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
pub(super) enum Side {
    After,
    Before,
    /// On the bar, from its visible start.
    On,
}

/// Where an event's label goes: its lane, its side and its (perhaps shortened) text.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Placed {
    pub event: usize,
    pub lane: usize,
    pub side: Side,
    /// The label's text, shortened with "…" when the plot is too narrow for it.
    pub text: String,
}

/// "Name · date", the label before any shortening.
fn label_text(ev: &Event) -> String {
    format!("{} · {}", ev.label, ev.date_label())
}

/// An event's label in `room` points: its name is shortened with "…" first, so that its
/// date stays whole; only when the date alone does not fit is the whole label cut.
fn fit_label(ev: &Event, room: f64, measure: &impl Fn(&str) -> f64) -> String {
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

pub(super) const LABEL_SIZE: f32 = 11.0;
/// Vertical space per lane in points: a label and a marker never touch the next lane.
pub(super) const LANE_PX: f32 = 18.0;
/// The least space per lane when the panel is short: the label's height and a gap.
pub(super) const LANE_MIN_PX: f32 = 15.0;
/// Room in points kept free at each end of the plot, so that a dot at the edge of the
/// preset's range is drawn whole.
const EDGE_PX: f64 = 10.0;
/// Points between a marker's centre and its label (the largest dot's radius and a gap).
const LABEL_GAP_PX: f64 = 10.0;
/// The plot's own height besides its lanes: the date axis and a margin.
pub(super) const AXIS_PX: f32 = 36.0;

/// The plot's day range: the preset's, widened by [`EDGE_PX`] at each end for `width`
/// points of plot.
pub(super) fn plot_days(range: (f64, f64), width: f32) -> (f64, f64) {
    let span = (range.1 - range.0).max(1.0);
    let width = (width as f64).max(2.0 * EDGE_PX + 1.0);
    let edge = EDGE_PX * span / (width - 2.0 * EDGE_PX);
    (range.0 - edge, range.1 + edge)
}

/// One lane per overlapping label, so labels never sit on each other; labels near the
/// right edge end at their marker, and labels wider than the plot are shortened.
pub(super) fn lanes(
    ui: &egui::Ui,
    ctx: &ViewCtx<'_>,
    range: (f64, f64),
    width: f32,
) -> Vec<Placed> {
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
        let (side, room) = choose_side(measure(&full), after, before, (!point).then_some(on));
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

/// The side a label of `need` points goes, and its room there: after its marker if it
/// fits, else before, else on the bar (`on`, for a bar), else the roomier side.
fn choose_side(need: f64, after: f64, before: f64, on: Option<f64>) -> (Side, f64) {
    if need <= after {
        (Side::After, after)
    } else if need <= before {
        (Side::Before, before)
    } else if let Some(on) = on.filter(|on| need <= *on) {
        (Side::On, on)
    } else if after >= before {
        (Side::After, after)
    } else {
        (Side::Before, before)
    }
}

/// Whether an event is a dot (a day) rather than a bar (a month, a year, a span).
pub(super) fn is_point(ev: &Event) -> bool {
    !ev.date.is_span() && ev.date.start.precision == Precision::Day
}

/// The band of a month, a year or a span, in lane units (bottom, top): under a label
/// set on it, across the lane's lower part; beside its label, at the lane's middle.
pub(super) fn band_y(placed: &Placed) -> (f64, f64) {
    let y = placed.lane as f64;
    match placed.side {
        Side::On => (y - 0.44, y - 0.24),
        Side::After | Side::Before => (y - 0.2, y + 0.2),
    }
}

/// Where a label's middle is, in lane units: above the band it is set on, else at the
/// lane's middle.
pub(super) fn label_y(placed: &Placed, point: bool) -> f64 {
    let y = placed.lane as f64;
    if placed.side == Side::On && !point {
        y + 0.14
    } else {
        y
    }
}

/// Where a label is anchored, in days, and which of its ends sits there: `scale` is the
/// plot's (first day, last day, points per day).
pub(super) fn label_anchor(
    placed: &Placed,
    ev: &Event,
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
