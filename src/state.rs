//! App state that is not drawing: the one selection every panel reads and writes, the
//! layer choices, the map's lasting view, and what persists across restarts. No egui
//! import: tests and benches can build and inspect it directly.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::timeline::days_from_civil;
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
    /// Layers with exactly these groups and corridors hidden. Unknown keys are errors.
    pub fn from_hidden(atlas: &Atlas, keys: &[String]) -> Result<Self, String> {
        let mut l = Self {
            hidden_groups: BTreeSet::new(),
            hidden_corridors: BTreeSet::new(),
            date: None,
        };
        for k in keys {
            let k = k.trim();
            if let Some(g) = Group::from_key(k) {
                l.hidden_groups.insert(g);
            } else if atlas
                .by_key(k)
                .and_then(|id| atlas.element(id))
                .is_some_and(|e| e.kind == Kind::Corridor)
            {
                l.hidden_corridors.insert(k.to_owned());
            } else {
                return Err(format!(
                    "`{k}` is neither a layer group ({}) nor a corridor id",
                    Group::ALL.map(Group::key).join(", ")
                ));
            }
        }
        Ok(l)
    }

    /// The keys `from_hidden` takes, for `--hide`.
    pub fn hidden_keys(&self) -> Vec<String> {
        self.hidden_groups
            .iter()
            .map(|g| g.key().to_owned())
            .chain(self.hidden_corridors.iter().cloned())
            .collect()
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
            && (el.kind != Kind::Corridor || self.exists_on_date(el))
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
    pub fn exists_on_date(&self, el: &crate::model::Element) -> bool {
        match (self.date, el.changed) {
            (Some(d), Some(c)) => d >= c.first_day(),
            _ => true,
        }
    }
}

/// The map's lasting view: centre in projected km and scale in screen points per km.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapMemory {
    pub center: [f64; 2],
    pub zoom: f64,
}

impl MapMemory {
    /// Zoom limits in points per km: from the whole data window to a few streets.
    pub const MIN_ZOOM: f64 = 0.12;
    pub const MAX_ZOOM: f64 = 12.0;

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
}

/// The two views of time the article needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// September and October 2021.
    #[default]
    Crisis,
    /// 1991 to the end of 2021.
    Since1991,
}

impl Preset {
    pub fn label(self) -> &'static str {
        match self {
            Self::Crisis => "The crisis, Sept–Oct 2021",
            Self::Since1991 => "Since 1991",
        }
    }

    /// Visible day range.
    pub fn range(self) -> (f64, f64) {
        match self {
            Self::Crisis => (
                days_from_civil(2021, 8, 28) as f64,
                days_from_civil(2021, 11, 3) as f64,
            ),
            Self::Since1991 => (
                days_from_civil(1990, 6, 1) as f64,
                days_from_civil(2022, 6, 1) as f64,
            ),
        }
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
}
