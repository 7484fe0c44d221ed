//! App state that is not drawing: the one selection every panel reads and writes, the
//! layer choices, the map's lasting view, and what persists across restarts. No egui
//! import: tests and benches can build and inspect it directly.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::time_frame::{TimeFrame, TimeView};
use crate::model::timeline::{civil_from_days, civil_iso, days_from_civil};
use crate::model::{Atlas, ElementId, Kind};

/// What is selected and hovered. Hover is written during a frame and read the next.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub selected: Option<ElementId>,
    pub hovered: Option<ElementId>,
    /// A timeline event, when one was picked: its elements are all marked.
    pub event: Option<usize>,
}

/// A group of layers that can be switched as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Group {
    Countries,
    Borders,
    Regions,
    Water,
    Corridors,
    Places,
    People,
    Labels,
    Offmap,
    Relations,
}

impl Group {
    pub const ALL: [Group; 10] = [
        Group::Countries,
        Group::Borders,
        Group::Regions,
        Group::Water,
        Group::Corridors,
        Group::Places,
        Group::People,
        Group::Labels,
        Group::Offmap,
        Group::Relations,
    ];

    /// The key used on the command line (`--hide corridors,labels`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Countries => "countries",
            Self::Borders => "borders",
            Self::Regions => "regions",
            Self::Water => "water",
            Self::Corridors => "corridors",
            Self::Places => "places",
            Self::People => "people",
            Self::Labels => "labels",
            Self::Offmap => "offmap",
            Self::Relations => "relations",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Countries => "Countries",
            Self::Borders => "Borders",
            Self::Regions => "Regions",
            Self::Water => "Water",
            Self::Corridors => "Corridors and routes",
            Self::Places => "Places",
            Self::People => "People and organisations",
            Self::Labels => "Labels",
            Self::Offmap => "Off-map actors",
            Self::Relations => "Relations between actors",
        }
    }

    /// The group an element kind belongs to (borders and labels are drawing-only).
    pub fn of(kind: Kind) -> Group {
        match kind {
            Kind::Country => Group::Countries,
            Kind::Region => Group::Regions,
            Kind::Water => Group::Water,
            Kind::Corridor => Group::Corridors,
            Kind::Place => Group::Places,
            Kind::Person | Kind::Organisation => Group::People,
            Kind::Offmap => Group::Offmap,
            Kind::Relation => Group::Relations,
        }
    }
}

/// Which layers are shown. Stored by key so that saved choices survive atlas edits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    pub hidden_groups: BTreeSet<Group>,
    /// Keys of individual corridors the user switched off.
    pub hidden_corridors: BTreeSet<String>,
    /// The map's date (days since 1970); `None` is the article's present.
    pub date: Option<i64>,
}

impl Default for Layers {
    /// Everything shown but the relations, which a newcomer switches on when ready.
    fn default() -> Self {
        Self {
            hidden_groups: BTreeSet::from([Group::Relations]),
            hidden_corridors: BTreeSet::new(),
            date: None,
        }
    }
}

impl Layers {
    /// The layers the command line asks for: the defaults (relations hidden), with the
    /// `hide` keys added, the `show` keys removed and the map date set. Keys are layer
    /// groups or corridor ids. Errors: an unknown key (with the closest keys suggested),
    /// or a key both hidden and shown.
    pub fn from_args(atlas: &Atlas, args: &LayerArgs) -> Result<Self, String> {
        let mut l = Self::default();
        for (keys, visible, flag) in [(&args.hide, false, "--hide"), (&args.show, true, "--show")] {
            for k in keys.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
                if visible && args.hide.iter().any(|h| h.trim() == k) {
                    return Err(format!("{flag}: `{k}` is also given to --hide"));
                }
                if let Some(g) = Group::from_key(k) {
                    l.set_group(g, visible);
                } else if is_corridor(atlas, k) {
                    l.set_corridor(k, visible);
                } else {
                    let groups = Group::ALL.map(Group::key);
                    let corridors = atlas
                        .elements
                        .iter()
                        .filter(|e| e.kind == Kind::Corridor)
                        .map(|e| e.key.as_str());
                    let hint = did_you_mean(k, groups.into_iter().chain(corridors));
                    return Err(format!(
                        "{flag}: `{k}` is neither a layer group ({}) nor a corridor id{hint}",
                        groups.join(", ")
                    ));
                }
            }
        }
        if let Some(d) = args.date {
            let (lo, hi) = atlas.date_limits();
            if !atlas.is_dated() {
                return Err("--date: this atlas has no dated events or changes".to_owned());
            }
            if !(lo..=hi).contains(&d) {
                return Err(format!(
                    "--date: `{}`: the map date must be between {} and {}",
                    civil_iso(d),
                    civil_iso(lo),
                    civil_iso(hi)
                ));
            }
        }
        l.date = args.date;
        Ok(l)
    }

    /// The defaults with these groups or corridor ids hidden as well (`--hide`).
    pub fn from_hidden(atlas: &Atlas, keys: &[String]) -> Result<Self, String> {
        let args = LayerArgs {
            hide: keys.to_vec(),
            ..LayerArgs::default()
        };
        Self::from_args(atlas, &args)
    }

    /// What a link must say to reopen these layers for anyone, whatever their saved
    /// layers: every group hidden (the relations too, although hidden by default) and
    /// every corridor switched off, the default-hidden groups shown, and the map date, as
    /// command-line arguments (` --hide corridors,relations --date 2019-06-01`). Never
    /// empty, so a link always replaces the opener's saved layers and date.
    pub fn link_args(&self) -> String {
        let default = Self::default();
        let hide: Vec<&str> = self
            .hidden_groups
            .iter()
            .map(|g| g.key())
            .chain(self.hidden_corridors.iter().map(String::as_str))
            .collect();
        let show: Vec<&str> = default
            .hidden_groups
            .difference(&self.hidden_groups)
            .map(|g| g.key())
            .collect();
        let mut out = String::new();
        if !hide.is_empty() {
            out.push_str(&format!(" --hide {}", hide.join(",")));
        }
        if !show.is_empty() {
            out.push_str(&format!(" --show {}", show.join(",")));
        }
        if let Some(d) = self.date {
            out.push_str(&format!(" --date {}", crate::model::timeline::civil_iso(d)));
        }
        out
    }

    /// Whether the layer switches show an element (its group and, for a corridor, its
    /// own switch), whatever the map date: a selection the date hides is kept.
    pub fn switched_on(&self, atlas: &Atlas, id: ElementId) -> bool {
        atlas.element(id).is_some_and(|el| {
            self.group_visible(Group::of(el.kind))
                && !(el.kind == Kind::Corridor && self.hidden_corridors.contains(&el.key))
        })
    }

    pub fn group_visible(&self, g: Group) -> bool {
        !self.hidden_groups.contains(&g)
    }

    pub fn set_group(&mut self, g: Group, visible: bool) {
        if visible {
            self.hidden_groups.remove(&g);
        } else {
            self.hidden_groups.insert(g);
        }
    }

    pub fn set_corridor(&mut self, key: &str, visible: bool) {
        if visible {
            self.hidden_corridors.remove(key);
        } else {
            self.hidden_corridors.insert(key.to_owned());
        }
    }

    /// Whether an element is drawn and can be hit.
    pub fn visible(&self, atlas: &Atlas, id: ElementId) -> bool {
        let Some(el) = atlas.element(id) else {
            return false;
        };
        self.group_visible(Group::of(el.kind))
            && !(el.kind == Kind::Corridor && self.hidden_corridors.contains(&el.key))
            && (el.before.is_some() || is_area(el.kind) || self.exists_on_date(atlas, el))
            && el
                .relation
                .is_none_or(|r| self.visible_end(atlas, r.from) && self.visible_end(atlas, r.to))
    }

    /// A relation is drawn only if both its ends can be seen.
    fn visible_end(&self, atlas: &Atlas, id: ElementId) -> bool {
        atlas.element(id).is_some_and(|e| match e.kind {
            Kind::Region | Kind::Country => true,
            _ => self.visible(atlas, id),
        })
    }

    /// Whether an element with a `changed` date is in its later state on the map date.
    /// Before it, an element that says how it was (`before`) and every area is drawn in
    /// that earlier state; anything else (routes, formats, people in office, badges) is
    /// not drawn, hit, keyed or announced at all, nor from its `until` date on (a term of
    /// office that ended). With no map date, the article's present.
    pub fn exists_on_date(&self, atlas: &Atlas, el: &crate::model::Element) -> bool {
        let d = self.day(atlas);
        el.changed.is_none_or(|c| d >= c.first_day()) && el.until.is_none_or(|u| d < u.first_day())
    }

    /// The map date as a day (days since 1970): the atlas's present when unset, and
    /// within the atlas's dates when it was set for another atlas.
    pub fn day(&self, atlas: &Atlas) -> i64 {
        let (lo, hi) = atlas.date_limits();
        self.date.map_or(hi, |d| d.clamp(lo, hi))
    }

    /// Whether an area is drawn in its earlier state (the map date is before `changed`).
    pub fn earlier(&self, el: &crate::model::Element) -> bool {
        matches!((self.date, el.changed), (Some(d), Some(c)) if d < c.first_day())
    }

    /// What a tooltip, legend or screen reader says of an element on the map date: its
    /// name, or, before its change, how it was then (the atlas's `before`, our words)
    /// with a note of what it became and when.
    pub fn dated_text(&self, atlas: &Atlas, el: &crate::model::Element) -> DatedText {
        let Some(changed) = el.changed.filter(|_| self.earlier(el)) else {
            return DatedText {
                title: el.name.clone(),
                note: None,
            };
        };
        match el.before.as_deref() {
            Some(before) => DatedText {
                title: before
                    .split_once(" (")
                    .map_or(before, |(head, _)| head)
                    .to_owned(),
                note: Some(format!("From {changed}: {}", el.name)),
            },
            None => DatedText {
                title: el.name.clone(),
                note: Some(format!(
                    "Not yet on {}: from {changed}",
                    day_label(self.day(atlas))
                )),
            },
        }
    }

    /// Whether a timeline event had begun by the map date.
    pub fn event_begun(&self, atlas: &Atlas, ev: &crate::model::timeline::Event) -> bool {
        ev.date.first_day() <= self.day(atlas)
    }
}

/// An element's wording on the map date: see [`Layers::dated_text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedText {
    /// The name, or how the element was before its change.
    pub title: String,
    /// What it became and when, while the map shows it earlier.
    pub note: Option<String>,
}

/// Areas are drawn in an earlier state before their change; other kinds are not drawn.
fn is_area(kind: Kind) -> bool {
    matches!(kind, Kind::Country | Kind::Region | Kind::Water)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day as people read it: `1 Oct 2021`.
pub fn day_label(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    format!("{d} {month} {y}")
}

/// A month's short name (`Oct`), 1-based.
pub fn month_abbrev(m: u32) -> &'static str {
    MONTHS.get(m as usize - 1).copied().unwrap_or("?")
}

/// A typed map date: `YYYY-MM-DD` (or `YYYY-MM`, its first day), days since 1970.
/// Errors say what was wrong.
pub fn parse_day(s: &str) -> Result<i64, String> {
    Ok(crate::model::timeline::DatePoint::parse(s.trim())?.first_day())
}

/// A typed map date within the atlas's dates ([`Atlas::date_limits`]). Errors say what
/// was wrong and the range allowed.
pub fn parse_day_in(atlas: &Atlas, s: &str) -> Result<i64, String> {
    let day = parse_day(s)?;
    let (lo, hi) = atlas.date_limits();
    if day < lo || day > hi {
        return Err(format!(
            "`{}`: the map date must be between {} and {}",
            s.trim(),
            civil_iso(lo),
            civil_iso(hi)
        ));
    }
    Ok(day)
}

/// A step of the map date from the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStep {
    PrevEvent,
    NextEvent,
    PrevMonth,
    NextMonth,
}

/// The map date after one step from `day`: to the start of the previous or next dated
/// event, or by a calendar month (the day kept where the month has it), within
/// [`Atlas::date_limits`].
pub fn step_date(atlas: &Atlas, day: i64, step: DateStep) -> i64 {
    let (lo, hi) = atlas.date_limits();
    let starts = atlas
        .events
        .iter()
        .map(|e| e.date.first_day().clamp(lo, hi));
    let next = match step {
        DateStep::NextEvent => starts.filter(|s| *s > day).min().unwrap_or(hi),
        DateStep::PrevEvent => starts.filter(|s| *s < day).max().unwrap_or(lo),
        DateStep::NextMonth | DateStep::PrevMonth => {
            let (y, m, d) = civil_from_days(day);
            let months = i64::from(y) * 12 + i64::from(m) - 1
                + if step == DateStep::NextMonth { 1 } else { -1 };
            let (y, m) = (
                months.div_euclid(12) as i32,
                months.rem_euclid(12) as u32 + 1,
            );
            let first = days_from_civil(y, m, 1);
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let len = days_from_civil(ny, nm, 1) - first;
            // The same day of the month, or the month's last if it is shorter.
            first + (i64::from(d) - 1).min(len - 1)
        }
    };
    next.clamp(lo, hi)
}

/// Layer choices from the command line, relative to the defaults (see
/// [`Layers::from_args`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerArgs {
    /// Layer groups or corridor ids to hide besides the default hidden ones.
    pub hide: Vec<String>,
    /// Layer groups or corridor ids to show although hidden by default.
    pub show: Vec<String>,
    /// The map date (days since 1970); `None` is the article's present.
    pub date: Option<i64>,
    /// The map's framing (`--view`); `None` frames the selection, or the home view.
    pub view: Option<GeoView>,
}

impl LayerArgs {
    /// Whether nothing was asked: saved layers then apply.
    pub fn is_empty(&self) -> bool {
        self.hide.is_empty() && self.show.is_empty() && self.date.is_none() && self.view.is_none()
    }
}

/// A link's framing of the map (`--view LON,LAT,SCALE`): the centre in degrees and the
/// scale in screen points per km, as [`MapMemory`] keeps it, so that a copied link opens
/// where its sender was looking, whatever the projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoView {
    /// Longitude of the centre, degrees east (−180 to 180).
    pub lon: f64,
    /// Latitude of the centre, degrees north (−90 to 90).
    pub lat: f64,
    /// Screen points per km (between [`MapMemory::MIN_ZOOM`] and [`MapMemory::MAX_ZOOM`]).
    pub zoom: f64,
}

impl GeoView {
    /// Reads `LON,LAT,SCALE`; errors say which number is wrong and why.
    pub fn parse(s: &str) -> Result<Self, String> {
        let nums: Vec<&str> = s.split(',').map(str::trim).collect();
        let [lon, lat, zoom] = nums.as_slice() else {
            return Err(format!(
                "`{s}`: expected LON,LAT,SCALE (degrees, degrees, points per km), e.g. 45.5,39.6,0.8"
            ));
        };
        let num = |name: &str, v: &str, lo: f64, hi: f64| -> Result<f64, String> {
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => Ok(x),
                _ => Err(format!(
                    "`{v}`: the {name} must be a number from {lo} to {hi}"
                )),
            }
        };
        Ok(Self {
            lon: num("longitude", lon, -180.0, 180.0)?,
            lat: num("latitude", lat, -90.0, 90.0)?,
            zoom: num("scale", zoom, MapMemory::MIN_ZOOM, MapMemory::MAX_ZOOM)?,
        })
    }

    /// The framing of a map view, in the atlas's projection.
    pub fn of(view: MapMemory, projection: &crate::model::Projection) -> Self {
        let [lon, lat] = projection.unproject(view.center[0], view.center[1]);
        Self {
            lon,
            lat,
            zoom: view.zoom,
        }
    }

    /// The map view it frames, in the atlas's projection.
    pub fn memory(self, projection: &crate::model::Projection) -> MapMemory {
        MapMemory {
            center: projection.project(self.lon, self.lat),
            zoom: self.zoom,
        }
    }

    /// The command-line argument that reopens it: ` --view 45.5123,39.6012,0.8123`
    /// (about 10 m; the scale to 0.00001 point per km).
    pub fn arg(self) -> String {
        format!(" --view {:.4},{:.4},{:.5}", self.lon, self.lat, self.zoom)
    }
}

fn is_corridor(atlas: &Atlas, key: &str) -> bool {
    atlas
        .by_key(key)
        .and_then(|id| atlas.element(id))
        .is_some_and(|e| e.kind == Kind::Corridor)
}

/// The element with this id, for an id typed by a user (`flag` names where it came from,
/// e.g. `--select`). Errors name the id and suggest the closest ones.
pub fn element_by_key(atlas: &Atlas, key: &str, flag: &str) -> Result<ElementId, String> {
    atlas.by_key(key.trim()).ok_or_else(|| {
        let hint = did_you_mean(key, atlas.elements.iter().map(|e| e.key.as_str()));
        format!("{flag}: no element with id `{key}`{hint}; `aras list` prints every id")
    })
}

/// `"; did you mean armenia?"` with up to three candidates close to `key` (by edit
/// distance, or sharing its start) and nearly as close as the closest, or an empty
/// string when none is close.
pub fn did_you_mean<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let key = key.trim().to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| {
            let mut score = strsim::normalized_damerau_levenshtein(&key, c);
            if key.len() >= 3 && (c.starts_with(&key) || key.starts_with(c)) {
                score = score.max(0.8);
            }
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    // Only those nearly as close as the closest.
    let top = scored.first().map_or(1.0, |(score, _)| *score);
    let best: Vec<&str> = scored
        .iter()
        .take_while(|(score, _)| *score >= top - 0.15)
        .take(3)
        .map(|(_, c)| *c)
        .collect();
    match best.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        more => format!("; did you mean one of {}?", more.join(", ")),
    }
}

/// The map's lasting view: centre in projected km and scale in screen points per km.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapMemory {
    pub center: [f64; 2],
    pub zoom: f64,
}

impl MapMemory {
    /// Zoom limits in points per km: from the whole world (40,000 km in 200 pt: a
    /// draft about the world, or Fiji and its neighbours, must fit) to a few streets.
    /// The map's own limits ([`crate::model::Atlas::home_bounds`], the data window)
    /// are tighter for most atlases.
    pub const MIN_ZOOM: f64 = 0.005;
    pub const MAX_ZOOM: f64 = 60.0;

    /// A view that fits `bounds` into a viewport of `size` points.
    pub fn fit(bounds: [[f64; 2]; 2], size: [f64; 2]) -> Self {
        let w = (bounds[1][0] - bounds[0][0]).max(1.0);
        let h = (bounds[1][1] - bounds[0][1]).max(1.0);
        let zoom = (size[0] / w).min(size[1] / h);
        let mut m = Self {
            center: [
                (bounds[0][0] + bounds[1][0]) / 2.0,
                (bounds[0][1] + bounds[1][1]) / 2.0,
            ],
            zoom,
        };
        m.zoom = clamp_finite(m.zoom, Self::MIN_ZOOM, Self::MAX_ZOOM);
        m
    }

    /// Keeps the view finite, within zoom limits and its centre inside `bounds`.
    pub fn clamp(&mut self, bounds: [[f64; 2]; 2]) {
        self.zoom = clamp_finite(self.zoom, Self::MIN_ZOOM, Self::MAX_ZOOM);
        let [lo, hi] = bounds;
        for ((c, lo), hi) in self.center.iter_mut().zip(lo).zip(hi) {
            let mid = (lo + hi) / 2.0;
            *c = if c.is_finite() {
                c.clamp(lo.min(hi), hi.max(lo))
            } else {
                mid
            };
        }
    }

    /// Zooms by `factor`, keeping the world point under `anchor` (an offset in points
    /// from the viewport centre) fixed on screen.
    pub fn zoom_at(&mut self, factor: f64, anchor: [f64; 2]) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.zoom;
        let after = clamp_finite(before * factor, Self::MIN_ZOOM, Self::MAX_ZOOM);
        // world = center + anchor / zoom must stay the same.
        for (c, a) in self.center.iter_mut().zip(anchor) {
            *c += a / before - a / after;
        }
        self.zoom = after;
    }

    /// Pans by a screen delta in points.
    pub fn pan(&mut self, delta: [f64; 2]) {
        if delta.iter().all(|d| d.is_finite()) {
            self.center[0] -= delta[0] / self.zoom;
            self.center[1] -= delta[1] / self.zoom;
        }
    }
}

fn clamp_finite(v: f64, lo: f64, hi: f64) -> f64 {
    if v.is_finite() { v.clamp(lo, hi) } else { lo }
}

/// Everything saved across restarts (eframe persistence). `#[serde(default)]` keeps old
/// saves loadable after fields are added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub layers: Layers,
    pub dark: bool,
    /// `None` means the home view.
    pub view: Option<MapMemory>,
    pub tab: LeftTab,
    pub preset: Preset,
    /// Key of the emphasised scenario.
    pub scenario: Option<String>,
    pub relation_colour: RelationColour,
    /// The atlas the map date, view, timeline view and scenario belong to (its
    /// directory, or "the embedded atlas"): another atlas starts without them.
    pub atlas: Option<String>,
}

impl Persisted {
    /// Keeps what belongs to the atlas `id` only if it was saved for it: the map date,
    /// view, timeline view and scenario saved for another atlas are dropped (theme, tab,
    /// layers shown and relation colours are the reader's, kept). A state that names no
    /// atlas (saved before it did) is kept, and names `id` from now on.
    pub fn for_atlas(mut self, id: &str) -> Self {
        if self.atlas.as_deref().is_some_and(|a| a != id) {
            self.layers.date = None;
            self.view = None;
            self.preset = Preset::default();
            self.scenario = None;
        }
        self.atlas = Some(id.to_owned());
        self
    }
}

/// Which of the atlas's two timeline views is shown ([`TimeFrame`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// The latest events close up (the seed article's crisis, Sept–Oct 2021).
    #[default]
    #[serde(alias = "Crisis")]
    Close,
    /// Every dated event (the seed article's "Since 1991").
    #[serde(alias = "Since1991")]
    Whole,
}

impl Preset {
    /// The view this preset shows in `frame`: the whole span when the frame has no
    /// close-up.
    pub fn view(self, frame: &TimeFrame) -> &TimeView {
        match (self, &frame.close) {
            (Self::Close, Some(v)) => v,
            _ => &frame.whole,
        }
    }

    /// The map-date slider's range for this view: its visible range within the frame's
    /// dates (days since 1970).
    pub fn slider_range(self, frame: &TimeFrame) -> (i64, i64) {
        let v = self.view(frame);
        (frame.clamp(v.from), frame.clamp(v.to - 1))
    }

    /// Visible day range (days since 1970, as the plot's x axis).
    pub fn range(self, frame: &TimeFrame) -> (f64, f64) {
        let v = self.view(frame);
        (v.from as f64, v.to as f64)
    }
}

/// How relation arrows are coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelationColour {
    #[default]
    ByType,
    ByClaimant,
}

/// The tabs of the left panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeftTab {
    #[default]
    Article,
    Layers,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_anchor_fixed() {
        let mut m = MapMemory {
            center: [0.0, 0.0],
            zoom: 1.0,
        };
        let anchor = [100.0, -50.0];
        let world_before = [m.center[0] + 100.0 / m.zoom, m.center[1] - 50.0 / m.zoom];
        m.zoom_at(2.0, anchor);
        let world_after = [m.center[0] + 100.0 / m.zoom, m.center[1] - 50.0 / m.zoom];
        assert!((world_before[0] - world_after[0]).abs() < 1e-9);
        assert!((world_before[1] - world_after[1]).abs() < 1e-9);
    }

    #[test]
    fn zoom_is_limited_and_finite() {
        let mut m = MapMemory {
            center: [0.0, 0.0],
            zoom: 1.0,
        };
        m.zoom_at(1e9, [0.0, 0.0]);
        assert_eq!(m.zoom, MapMemory::MAX_ZOOM);
        m.zoom_at(f64::NAN, [0.0, 0.0]);
        assert_eq!(m.zoom, MapMemory::MAX_ZOOM);
        m.center = [f64::NAN, 5.0];
        m.clamp([[-10.0, -10.0], [10.0, 10.0]]);
        assert!(m.center[0].is_finite());
    }

    fn atlas() -> Atlas {
        Atlas::embedded().expect("embedded atlas")
    }

    #[test]
    fn hide_adds_to_the_default_hidden_set() {
        let a = atlas();
        let l = Layers::from_hidden(&a, &["corridors".into()]).expect("layers");
        assert!(!l.group_visible(Group::Corridors));
        assert!(!l.group_visible(Group::Relations), "relations stay hidden");
        assert!(l.group_visible(Group::Countries));
    }

    #[test]
    fn a_link_names_every_hidden_layer_and_the_date() {
        let a = atlas();
        assert_eq!(Layers::default().link_args(), " --hide relations");
        let mut l = Layers::default();
        l.set_group(Group::Relations, true);
        assert_eq!(l.link_args(), " --show relations");
        l.set_group(Group::Corridors, false);
        l.set_corridor("thy-flights", false);
        l.date = Some(days_from_civil(2019, 6, 1));
        let link = l.link_args();
        assert_eq!(
            link,
            " --hide corridors,thy-flights --show relations --date 2019-06-01"
        );
        // The link reopens the same layers.
        let args = LayerArgs {
            hide: vec!["corridors".into(), "thy-flights".into()],
            show: vec!["relations".into()],
            date: Some(parse_day("2019-06-01").expect("day")),
            view: None,
        };
        assert_eq!(Layers::from_args(&a, &args).expect("layers"), l);
    }

    #[test]
    fn a_view_argument_round_trips_through_the_projection_and_the_link() {
        let a = atlas();
        let v = GeoView::parse("45.5, 39.6, 0.8").expect("view");
        let memory = v.memory(&a.projection);
        let back = GeoView::of(memory, &a.projection);
        assert!((back.lon - 45.5).abs() < 1e-9 && (back.lat - 39.6).abs() < 1e-9);
        assert_eq!(back.arg(), " --view 45.5000,39.6000,0.80000");
        let again = GeoView::parse(back.arg().trim_start_matches(" --view ")).expect("view");
        assert_eq!(again.memory(&a.projection).zoom, memory.zoom);
    }

    #[test]
    fn a_bad_view_argument_says_which_number_is_wrong() {
        let e = GeoView::parse("45.5,39.6").expect_err("two numbers");
        assert!(e.contains("expected LON,LAT,SCALE"), "{e}");
        let e = GeoView::parse("45.5,95,0.8").expect_err("latitude");
        assert!(
            e.contains("the latitude must be a number from -90 to 90"),
            "{e}"
        );
        let e = GeoView::parse("45.5,39.6,NaN").expect_err("scale");
        assert!(e.contains("the scale"), "{e}");
    }

    #[test]
    fn a_key_both_hidden_and_shown_is_refused() {
        let args = LayerArgs {
            hide: vec!["places".into()],
            show: vec!["places".into()],
            date: None,
            view: None,
        };
        let e = Layers::from_args(&atlas(), &args).expect_err("conflict");
        assert!(e.contains("`places` is also given to --hide"), "{e}");
    }

    #[test]
    fn unknown_ids_suggest_the_closest() {
        let a = atlas();
        let e = element_by_key(&a, "armenai", "--select").expect_err("unknown");
        assert!(e.contains("did you mean armenia?"), "{e}");
        let e = element_by_key(&a, "qqqqqqqq", "--select").expect_err("unknown");
        assert!(!e.contains("did you mean"), "{e}");
    }

    #[test]
    fn arrows_step_the_date_by_event_and_by_month() {
        let a = atlas();
        let day = days_from_civil(2021, 10, 2);
        assert_eq!(
            step_date(&a, day, DateStep::NextEvent),
            days_from_civil(2021, 10, 6),
            "the 3+3 announcement follows the drills"
        );
        assert_eq!(
            step_date(&a, day, DateStep::PrevEvent),
            days_from_civil(2021, 10, 1)
        );
        assert_eq!(
            step_date(&a, days_from_civil(2020, 1, 31), DateStep::NextMonth),
            days_from_civil(2020, 2, 29)
        );
        assert_eq!(
            step_date(&a, days_from_civil(2020, 1, 15), DateStep::PrevMonth),
            days_from_civil(2019, 12, 15)
        );
        let (lo, hi) = a.date_limits();
        assert_eq!(
            (lo, hi),
            (days_from_civil(1991, 1, 1), days_from_civil(2021, 10, 21)),
            "the seed article's span: 1991 to its last dated event"
        );
        assert_eq!(step_date(&a, hi, DateStep::NextEvent), hi);
        assert_eq!(step_date(&a, lo, DateStep::PrevMonth), lo);
    }

    #[test]
    fn a_typed_date_is_checked() {
        assert_eq!(parse_day("2020-10-15"), Ok(days_from_civil(2020, 10, 15)));
        assert!(parse_day("2020-13-01").is_err());
        assert!(
            parse_day_in(&atlas(), "1985-01-01")
                .expect_err("range")
                .contains("between 1991-01-01 and 2021-10-21")
        );
    }

    #[test]
    fn before_the_war_the_recaptured_districts_say_how_they_were() {
        let a = atlas();
        let id = a.by_key("recaptured").expect("recaptured");
        let el = a.element(id).expect("element");
        let mut l = Layers::default();
        assert_eq!(l.dated_text(&a, el).title, el.name);
        l.date = Some(days_from_civil(2019, 6, 1));
        let t = l.dated_text(&a, el);
        assert!(!t.title.contains("recaptured"), "{t:?}");
        assert!(t.title.contains("Not under Azerbaijani control"), "{t:?}");
        assert!(t.note.is_some_and(|n| n.contains("2020")));
    }

    #[test]
    fn before_their_date_routes_and_formats_are_not_drawn() {
        let a = atlas();
        let mut l = Layers::default();
        let dated: Vec<&crate::model::Element> = a
            .elements
            .iter()
            .filter(|e| e.changed.is_some() && !is_area(e.kind))
            .collect();
        assert!(!dated.is_empty());
        for el in dated.iter().filter(|e| e.until.is_none()) {
            assert!(l.visible(&a, el.id) || !l.group_visible(Group::of(el.kind)));
        }
        l.date = Some(days_from_civil(1992, 1, 1));
        for el in &dated {
            assert!(!l.visible(&a, el.id), "{} drawn in 1992", el.key);
        }
    }
}
