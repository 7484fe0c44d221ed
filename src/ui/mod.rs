//! Panels of the window, one file each. Each panel gets a borrowed [`ViewCtx`] and pushes
//! [`Command`]s; the app applies them after the frame is drawn.

pub mod attribution;
pub mod author;
pub mod bidi;
pub mod error_screen;
pub mod fonts;
pub mod input_order;
pub mod layers;
pub mod map;
pub mod panel_pixels;
pub mod reader;
pub mod search;
pub mod side_panel;
pub mod style;
pub mod timeline;
pub mod top_bar;

use crate::model::{Atlas, ElementId};
use crate::state::{Group, Layers, Selection};
pub use crate::state::{LeftTab, RelationColour};

/// What a panel may read.
pub struct ViewCtx<'a> {
    pub atlas: &'a Atlas,
    pub selection: &'a Selection,
    pub layers: &'a Layers,
    pub palette: style::Palette,
    /// Elements in reading order: by first mention in the article, then the rest.
    pub order: &'a [ElementId],
    pub preset: timeline::Preset,
    /// The scenario being emphasised, if any.
    pub scenario: Option<&'a crate::model::timeline::Scenario>,
    pub relation_colour: RelationColour,
}

impl ViewCtx<'_> {
    /// Whether an element takes part in the emphasised scenario (all do when none is).
    pub fn in_scenario(&self, id: ElementId) -> bool {
        self.scenario.is_none_or(|s| {
            s.elements.contains(&id)
                || self.atlas.element(id).is_some_and(|e| {
                    e.at.is_some_and(|a| s.elements.contains(&a))
                        && e.kind != crate::model::Kind::Relation
                })
        })
    }
}

/// What a panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Select(Option<ElementId>),
    Hover(Option<ElementId>),
    SetGroup(Group, bool),
    SetCorridor(String, bool),
    SetDark(bool),
    ResetView,
    /// Select and bring into view (animated), from a panel other than the map: the
    /// origin decides whether the reader keeps its place.
    Focus(ElementId, Origin),
    /// Scroll the reader to a range of the article, mark it, and select an element.
    ShowPassage(std::ops::Range<usize>, Option<ElementId>),
    Copy(String),
    /// Copy the command line that reopens the current selection and layers.
    CopyLink,
    SetTab(LeftTab),
    /// Select a timeline event: its first element, with all of them marked.
    SelectEvent(usize),
    SetMapDate(Option<i64>),
    SetPreset(timeline::Preset),
    SetScenario(Option<String>),
    SetRelationColour(RelationColour),
    /// Show or hide a panel (a drawer in a small window).
    ToggleDrawer(Drawer),
    /// Move keyboard focus to the map (F6, "Skip to map").
    FocusMap,
    /// Show or hide the author panels (opening author mode on the atlas's directory).
    ToggleEdit,
}

/// Where a selection came from. A selection made in the reader keeps the reader's
/// place; every other origin scrolls the reader to the element's first passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A mention in the reader, clicked at this byte offset of the article.
    Reader { at: usize },
    /// A result of the search box.
    Search,
    /// A chip or link in the side panel.
    Chip,
}

/// The panels around the map that can be shown or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawer {
    /// The left panel: the article and the layers.
    Reader,
    /// The right panel: the selection's details.
    Details,
    Timeline,
}
