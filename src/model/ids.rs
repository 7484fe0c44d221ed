//! Typed ids. Elements and links are stored in `Vec`s inside the [`Atlas`](super::Atlas);
//! these newtypes index them, so an element id can never be confused with a link id and a
//! lookup never needs a string comparison. The stable, human-readable key of an element
//! (`"armenia"`) lives in [`Element::key`](super::Element::key).

use serde::{Deserialize, Serialize};

/// Index of an element in [`Atlas::elements`](super::Atlas::elements).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ElementId(pub u32);

/// Index of a link (one passage tied to elements) in [`Atlas::links`](super::Atlas::links).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LinkId(pub u32);

impl ElementId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl LinkId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Whether a key is a valid element or link key: lowercase ASCII letters, digits and
/// hyphens, starting with a letter or digit. Keeping keys this plain means they survive
/// command lines (`--select`), URLs and file names unchanged.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && !key.starts_with('-')
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
