//! Map elements and the links that tie them to passages of the article.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::anchor::TextQuoteSelector;
use super::geometry::{GeoShape, Projected};
use super::ids::{ElementId, LinkId};

/// What an element is. The order of variants is the hit-test priority, topmost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Place,
    Person,
    Organisation,
    Offmap,
    Corridor,
    Relation,
    Region,
    Water,
    Country,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Country,
        Kind::Region,
        Kind::Water,
        Kind::Corridor,
        Kind::Relation,
        Kind::Place,
        Kind::Person,
        Kind::Organisation,
        Kind::Offmap,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Place => "place",
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::Offmap => "off-map actor",
            Self::Corridor => "corridor or route",
            Self::Relation => "relation",
            Self::Region => "region",
            Self::Water => "water",
            Self::Country => "country",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Self::Place => "places",
            Self::Person => "people",
            Self::Organisation => "organisations",
            Self::Offmap => "off-map actors",
            Self::Corridor => "corridors and routes",
            Self::Relation => "relations",
            Self::Region => "regions",
            Self::Water => "water",
            Self::Country => "countries",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Place => "place",
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::Offmap => "offmap",
            Self::Corridor => "corridor",
            Self::Relation => "relation",
            Self::Region => "region",
            Self::Water => "water",
            Self::Country => "country",
        }
    }
}

/// The status the article gives a corridor or route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proposed or planned, not built. Drawn dashed.
    Proposed,
    /// In use. Drawn solid.
    Existing,
    /// Claimed by someone, not established. Drawn dotted.
    Alleged,
    /// A journey the article reports as having happened. Drawn solid.
    Reported,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Existing => "existing",
            Self::Alleged => "alleged",
            Self::Reported => "reported",
        }
    }
}

/// Direction of travel along a route's line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the first point to the last.
    #[default]
    Forward,
    /// Both ways.
    Both,
    /// Not travelled: a line such as a border, drawn without arrowheads.
    None,
}

/// One thing on the map (or attached to something on it).
#[derive(Clone, Debug)]
pub struct Element {
    pub id: ElementId,
    /// Stable key from the data, e.g. `"zangezur-corridor"`.
    pub key: String,
    pub kind: Kind,
    pub name: String,
    pub aliases: Vec<String>,
    /// Adjectives that stand for the state in the text ("Iranian officials").
    pub demonyms: Vec<String>,
    /// Other names used for the state's government ("Tehran was widely believed …").
    pub metonyms: Vec<String>,
    /// One line that *we* wrote; shown as a summary, never as a quote.
    pub summary: Option<String>,
    pub status: Option<Status>,
    pub direction: Direction,
    /// Shown for geography only; the article does not discuss it.
    pub context: bool,
    pub disputed: bool,
    /// Lies outside the map frame: drawn as an edge marker pointing at it.
    pub offmap: bool,
    /// A region drawn only as a label (e.g. "South Caucasus").
    pub label_only: bool,
    /// Where a person or organisation acts.
    pub at: Option<ElementId>,
    /// For a context polygon: the actor it stands for; a click selects that actor.
    pub actor: Option<ElementId>,
    pub part_of: Option<ElementId>,
    /// 1 capital, 2 city, 3 town.
    pub rank: Option<u8>,
    pub note: Option<String>,
    pub source: Option<String>,
    /// Where a `changed` date comes from when the article does not give it.
    pub changed_source: Option<String>,
    /// For relations: between whom, of what type, whose claim.
    pub relation: Option<super::timeline::Relation>,
    /// When the element's state changed: routes exist only from then; areas are drawn
    /// in their earlier state before it.
    pub changed: Option<super::timeline::DatePoint>,
    /// How an area was before `changed` (our words, shown as such).
    pub before: Option<String>,
    /// When the element ceases to be what the map draws (a term of office that ended):
    /// it is drawn only before this date.
    pub until: Option<super::timeline::DatePoint>,
    /// Where an `until` date comes from when the article does not give it.
    pub until_source: Option<String>,
    pub geo: Option<GeoShape>,
    pub projected: Option<Projected>,
    /// All properties as written, for export.
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// One passage of the article, tied to the elements it supports.
#[derive(Clone, Debug)]
pub struct Link {
    pub id: LinkId,
    pub key: String,
    pub elements: Vec<ElementId>,
    pub selector: TextQuoteSelector,
    /// Resolved byte range of the quote in the article text.
    pub range: Range<usize>,
    /// Index of the article part holding the quote.
    pub part: usize,
    pub claimed_by: Vec<ElementId>,
    pub denied_by: Vec<ElementId>,
    /// The author's own assessment rather than a claim the author reports.
    pub assessment: bool,
    /// Parts of the quote with a voice of their own ("Iran's allusion …" is Iran's claim,
    /// "… suggests that …" the author's inference), in text order.
    pub voices: Vec<Voice>,
}

impl Link {
    /// Everyone who makes a claim in this passage: the link's claimants and its voices'.
    pub fn claimants(&self) -> impl Iterator<Item = ElementId> + '_ {
        self.claimed_by
            .iter()
            .chain(self.voices.iter().flat_map(|v| &v.claimed_by))
            .copied()
    }

    /// True if the author speaks in the passage, as a whole or in part.
    pub fn has_assessment(&self) -> bool {
        self.assessment || self.voices.iter().any(|v| v.assessment)
    }
}

/// One voice inside a passage: a sub-range of the quote and whose words or claim it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voice {
    /// Byte range in the article text, inside its link's range.
    pub range: Range<usize>,
    pub claimed_by: Vec<ElementId>,
    pub denied_by: Vec<ElementId>,
    /// The author's own assessment.
    pub assessment: bool,
}

/// A voice as written in `links.json`: `exact` occurs once in its link's quote.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceSpec {
    pub exact: String,
    #[serde(default)]
    pub claimed_by: Vec<String>,
    #[serde(default)]
    pub denied_by: Vec<String>,
    #[serde(default)]
    pub assessment: Option<String>,
}

/// A link as written in `links.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSpec {
    pub id: String,
    pub elements: Vec<String>,
    pub selector: TextQuoteSelector,
    #[serde(default)]
    pub claimed_by: Vec<String>,
    #[serde(default)]
    pub denied_by: Vec<String>,
    #[serde(default)]
    pub assessment: Option<String>,
    #[serde(default)]
    pub voices: Vec<VoiceSpec>,
}
