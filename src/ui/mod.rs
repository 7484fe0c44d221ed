//! Panels of the window, one file each. Each panel gets a borrowed [`ViewCtx`] and pushes
//! [`Command`]s; the app applies them after the frame is drawn.

pub mod error_screen;
pub mod layers;
pub mod map;
pub mod reader;
pub mod search;
pub mod side_panel;
pub mod style;
pub mod top_bar;

use crate::model::{Atlas, ElementId};
use crate::state::{Group, Layers, Selection};

/// What a panel may read.
pub struct ViewCtx<'a> {
    pub atlas: &'a Atlas,
    pub selection: &'a Selection,
    pub layers: &'a Layers,
    pub palette: style::Palette,
    /// Elements in reading order: by first mention in the article, then the rest.
    pub order: &'a [ElementId],
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
    /// Select and bring into view (animated).
    Focus(ElementId),
    /// Scroll the reader to a range of the article, mark it, and select an element.
    ShowPassage(std::ops::Range<usize>, Option<ElementId>),
    Copy(String),
    /// Copy the command line that reopens the current selection and layers.
    CopyLink,
    SetTab(LeftTab),
}

/// The tabs of the left panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LeftTab {
    #[default]
    Article,
    Layers,
}
