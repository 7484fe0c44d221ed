//! Step 7: the timeline, from the optional `events.json` and `scenarios.json`.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::super::article::Article;
use super::super::element::Link;
use super::super::ids::{ElementId, LinkId};
use super::super::problem::{ProblemKind as P, Problems};
use super::super::time_frame::{TimeView, ViewsSpec};
use super::super::timeline::{Event, EventDate, EventSpec, Scenario, ScenarioSpec};
use super::dates;
use super::source::{AtlasSource, read_optional};
use super::{EVENTS_FILE, SCENARIOS_FILE, field_err, item, list_of, parse_json};

/// What `events.json` and `scenarios.json` hold.
pub(super) struct TimeStep {
    /// Earliest first.
    pub events: Vec<Event>,
    pub scenarios: Vec<Scenario>,
    /// The close-up and whole views the atlas names, if it does.
    pub views: [Option<TimeView>; 2],
}

/// Reads the events (earliest first), the timeline views they name, and the scenarios.
pub(super) fn load(source: &AtlasSource, refs: &TimeRefs<'_>, problems: &mut Problems) -> TimeStep {
    let mut events = Vec::new();
    let mut views = [None, None];
    if let Some(text) = read_optional(source, EVENTS_FILE, problems)
        && let Some(mut v) = parse_json(EVENTS_FILE, &text, problems)
    {
        views = parse_views(v.as_object_mut().and_then(|o| o.remove("views")), problems);
        events = parse_events(v, refs, problems);
    }
    let mut scenarios = Vec::new();
    if let Some(text) = read_optional(source, SCENARIOS_FILE, problems)
        && let Some(v) = parse_json(SCENARIOS_FILE, &text, problems)
    {
        scenarios = parse_scenarios(v, refs, problems);
    }
    TimeStep {
        events,
        scenarios,
        views,
    }
}

/// The optional `views` of `events.json` (see [`ViewsSpec`]); a bad one is a problem
/// naming it, and the computed view is used instead.
fn parse_views(value: Option<Value>, problems: &mut Problems) -> [Option<TimeView>; 2] {
    let Some(value) = value else {
        return [None, None];
    };
    let spec: ViewsSpec = match serde_json::from_value(value) {
        Ok(s) => s,
        Err(e) => {
            problems.push(EVENTS_FILE, None, field_err("views", e.to_string()));
            return [None, None];
        }
    };
    let mut view = |name: &str, s: Option<&super::super::time_frame::ViewSpec>| {
        let r = s.map(|s| s.view())?;
        r.map_err(|e| {
            problems.push(
                EVENTS_FILE,
                Some(format!("views.{name}")),
                field_err("views", e),
            )
        })
        .ok()
    };
    [
        view("close", spec.close.as_ref()),
        view("whole", spec.whole.as_ref()),
    ]
}

/// What events and scenarios may refer to.
pub(super) struct TimeRefs<'a> {
    pub by_key: &'a HashMap<String, ElementId>,
    pub links: &'a HashMap<&'a str, LinkId>,
    /// False when the map or links were unusable: references are then not reported.
    pub checkable: bool,
    /// The article and the links, to check that dates are in their passages.
    pub article: Option<&'a Article>,
    pub link_list: &'a [Link],
}

impl TimeRefs<'_> {
    fn elements(
        &self,
        file: &str,
        item: &str,
        keys: &[String],
        problems: &mut Problems,
    ) -> Vec<ElementId> {
        keys.iter()
            .filter_map(|k| {
                let id = self.by_key.get(k).copied();
                self.found(id, file, item, "elements", k, problems)
            })
            .collect()
    }

    fn link(&self, file: &str, item: &str, key: &str, problems: &mut Problems) -> Option<LinkId> {
        let id = self.links.get(key).copied();
        self.found(id, file, item, "link", key, problems)
    }

    /// `id`, as looked up for `key`; when there is none, `item` of `file` is reported
    /// as naming by `field` an id that does not exist.
    fn found<T>(
        &self,
        id: Option<T>,
        file: &str,
        item: &str,
        field: &str,
        key: &str,
        problems: &mut Problems,
    ) -> Option<T> {
        if id.is_none() && self.checkable {
            problems.push(
                file,
                Some(item.to_owned()),
                P::DanglingId {
                    field: field.into(),
                    id: key.to_owned(),
                },
            );
        }
        id
    }
}

fn parse_events(value: Value, refs: &TimeRefs<'_>, problems: &mut Problems) -> Vec<Event> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, v) in list_of(EVENTS_FILE, value, "events", problems)
        .into_iter()
        .enumerate()
    {
        let Some((key, spec)) = item::<EventSpec>(EVENTS_FILE, "item", i, v, &mut seen, problems)
        else {
            continue;
        };
        let date = match EventDate::parse(&spec.date) {
            Ok(d) => d,
            Err(e) => {
                problems.push(EVENTS_FILE, Some(key), field_err("date", e));
                continue;
            }
        };
        let elements = refs.elements(EVENTS_FILE, &key, &spec.elements, problems);
        let Some(link) = refs.link(EVENTS_FILE, &key, &spec.link, problems) else {
            continue;
        };
        if elements.len() != spec.elements.len() {
            continue;
        }
        if spec.source.is_none()
            && let Some(article) = refs.article
            && let Some(l) = refs.link_list.get(link.index())
            && let Some((what, words)) = dates::missing(
                dates::sentence_of(article, l),
                &date,
                spec.qualifier.as_deref(),
            )
        {
            problems.push(
                EVENTS_FILE,
                Some(key),
                P::DateNotInPassage {
                    what: what.into(),
                    words,
                    source_field: "source".into(),
                },
            );
            continue;
        }
        out.push(Event {
            key,
            label: spec.label,
            date,
            qualifier: spec.qualifier,
            elements,
            link,
            source: spec.source,
        });
    }
    out.sort_by_key(|e| (e.date.first_day(), e.date.end_day()));
    out
}

fn parse_scenarios(value: Value, refs: &TimeRefs<'_>, problems: &mut Problems) -> Vec<Scenario> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, v) in list_of(SCENARIOS_FILE, value, "scenarios", problems)
        .into_iter()
        .enumerate()
    {
        let Some((key, spec)) =
            item::<ScenarioSpec>(SCENARIOS_FILE, "item", i, v, &mut seen, problems)
        else {
            continue;
        };
        let all: Vec<String> = spec
            .elements
            .iter()
            .chain(&spec.relations)
            .cloned()
            .collect();
        let elements = refs.elements(SCENARIOS_FILE, &key, &all, problems);
        let links = spec
            .links
            .iter()
            .filter_map(|l| refs.link(SCENARIOS_FILE, &key, l, problems))
            .collect();
        out.push(Scenario {
            key,
            name: spec.name,
            summary: spec.summary,
            elements,
            links,
        });
    }
    out
}
