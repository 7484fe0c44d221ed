//! The stretch of time an atlas covers: where the map date can go and the timeline's two
//! views (a close-up on the latest events and the whole span). Both come from the atlas's
//! own dated events, so a 2018 story is not shown on the seed article's 2021 timeline; an
//! atlas may name its views itself (`"views"` in `events.json`, see [`ViewsSpec`]).

use serde::Deserialize;

use super::element::Element;
use super::timeline::{DatePoint, Event, MONTHS, Precision, civil_from_days};

/// One view of the timeline: a label and a day range (days since 1970, `from` inclusive,
/// `to` exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeView {
    pub label: String,
    pub from: i64,
    pub to: i64,
}

impl TimeView {
    /// Its length in days.
    pub fn days(&self) -> i64 {
        self.to - self.from
    }
}

/// Where the map date can go and how the timeline shows it, for one atlas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeFrame {
    /// The earliest day the map date can take: the first dated event's start.
    pub first: i64,
    /// The article's present: the latest event's start, and the map date when none is set.
    pub present: i64,
    /// The latest events close up; `None` when that would show the same as `whole`.
    pub close: Option<TimeView>,
    /// Every dated event.
    pub whole: TimeView,
}

/// The views an atlas names itself, under `"views"` in `events.json`:
/// `{"close": {"label": "The crisis, Sept–Oct 2021", "from": "2021-08-28", "to": "2021-11-03"},
/// "whole": {…}}`. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `to` is the last day shown.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewsSpec {
    #[serde(default)]
    pub close: Option<ViewSpec>,
    #[serde(default)]
    pub whole: Option<ViewSpec>,
}

/// One named view (see [`ViewsSpec`]).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewSpec {
    pub label: String,
    pub from: String,
    pub to: String,
}

impl ViewSpec {
    /// The view, or why its dates are wrong (naming the field).
    pub fn view(&self) -> Result<TimeView, String> {
        let from = DatePoint::parse(self.from.trim()).map_err(|e| format!("`from`: {e}"))?;
        let to = DatePoint::parse(self.to.trim()).map_err(|e| format!("`to`: {e}"))?;
        if to.end_day() <= from.first_day() {
            return Err(format!(
                "`to` ({}) is before `from` ({})",
                self.to, self.from
            ));
        }
        Ok(TimeView {
            label: self.label.clone(),
            from: from.first_day(),
            to: to.end_day(),
        })
    }
}

/// Events this close to the present (days) make the close-up.
const CLOSE_DAYS: i64 = 75;

impl TimeFrame {
    /// The frame of an atlas's events (earliest first) and its elements' `changed`/`until`
    /// dates: it starts at the first event, or a year before the first change so that the
    /// earlier state can be seen; its present is the latest event (the latest change when
    /// there are no events). `None` when nothing is dated. `declared` views replace the
    /// computed ones.
    pub fn of(
        events: &[Event],
        elements: &[Element],
        declared: &[Option<TimeView>; 2],
    ) -> Option<Self> {
        let changes: Vec<i64> = elements
            .iter()
            .flat_map(|e| [e.changed, e.until])
            .flatten()
            .map(|d| d.first_day())
            .collect();
        let starts: Vec<i64> = events.iter().map(|e| e.date.first_day()).collect();
        // An event dated to a month or year reaches its last day ("2015" ends on 31 Dec);
        // a span counts from its start, as its end may be the text's forecast.
        let lasts: Vec<i64> = events
            .iter()
            .map(|e| match e.date.is_span() {
                true => e.date.first_day(),
                false => e.date.end_day() - 1,
            })
            .collect();
        let latest = if lasts.is_empty() { &changes } else { &lasts };
        let present = *latest.iter().max()?;
        let first = starts
            .iter()
            .copied()
            .chain(changes.iter().map(|d| d - 365))
            .min()?
            .min(present);
        let whole = declared[1]
            .clone()
            .unwrap_or_else(|| whole_view(first, present));
        let close = declared[0]
            .clone()
            .or_else(|| close_view(events, present, whole.days()));
        Some(Self {
            first,
            present,
            close,
            whole,
        })
    }

    /// `day` moved into `first..=present`.
    pub fn clamp(&self, day: i64) -> i64 {
        day.clamp(self.first, self.present)
    }
}

/// Every event, padded by a fortieth of the span (at least ten days) each side.
fn whole_view(first: i64, present: i64) -> TimeView {
    let pad = ((present - first) / 40).max(10);
    let ((y0, m0, d0), (y1, m1, d1)) = (civil_from_days(first), civil_from_days(present));
    let label = if present - first >= 2 * 365 {
        format!("Since {y0}")
    } else if (m0, d0, m1, d1) == (1, 1, 12, 31) {
        // Whole years, as year-dated events give them.
        match y0 == y1 {
            true => y0.to_string(),
            false => format!("{y0}–{y1}"),
        }
    } else {
        month_range(first, present)
    };
    TimeView {
        label,
        from: first - pad,
        to: present + 1 + pad,
    }
}

/// The events dated to the month or day within [`CLOSE_DAYS`] of the present, when they
/// are fewer than all and fill under half of the whole view.
fn close_view(events: &[Event], present: i64, whole_days: i64) -> Option<TimeView> {
    let recent: Vec<i64> = events
        .iter()
        .filter(|e| !e.date.is_span() && e.date.start.precision != Precision::Year)
        .map(|e| e.date.first_day())
        .filter(|d| present - d <= CLOSE_DAYS)
        .collect();
    let from = *recent.iter().min()?;
    if recent.len() == events.len() || (present - from) * 2 >= whole_days {
        return None;
    }
    let pad = ((present - from) / 8).max(5);
    Some(TimeView {
        label: month_range(from, present),
        from: from - pad,
        to: present + 1 + pad,
    })
}

/// "Oct 2021", "Sep–Oct 2021" or "Nov 2017–Mar 2018" for a day range.
fn month_range(a: i64, b: i64) -> String {
    let ((ya, ma, _), (yb, mb, _)) = (civil_from_days(a), civil_from_days(b));
    let short = |m: u32| {
        MONTHS
            .get(m as usize - 1)
            .map_or("?", |n| n.get(..3).unwrap_or(n))
    };
    match (ya == yb, ma == mb) {
        (true, true) => format!("{} {ya}", short(ma)),
        (true, false) => format!("{}–{} {ya}", short(ma), short(mb)),
        _ => format!("{} {ya}–{} {yb}", short(ma), short(mb)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timeline::days_from_civil;

    #[test]
    fn month_ranges_read_as_people_write_them() {
        let d = days_from_civil;
        assert_eq!(month_range(d(2021, 10, 1), d(2021, 10, 21)), "Oct 2021");
        assert_eq!(month_range(d(2021, 9, 20), d(2021, 10, 21)), "Sep–Oct 2021");
        assert_eq!(
            month_range(d(2017, 11, 2), d(2018, 3, 4)),
            "Nov 2017–Mar 2018"
        );
    }

    #[test]
    fn a_declared_view_whose_end_is_before_its_start_is_an_error() {
        let spec = ViewSpec {
            label: "x".into(),
            from: "2021-10".into(),
            to: "2021-09-30".into(),
        };
        assert!(spec.view().expect_err("backwards").contains("before"));
        let ok = ViewSpec {
            to: "2021-10".into(),
            ..spec
        };
        let v = ok.view().expect("one month");
        assert_eq!(v.days(), 31);
    }
}
