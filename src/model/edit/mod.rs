//! Author mode's model, no egui: an atlas's files as an editable [`AtlasDoc`], every
//! change an [`Edit`] applied with its exact inverse, a named undo/redo [`History`], the
//! live check (the loader on the files in memory), saving without losing work
//! ([`store`]) and importing W3C Web Annotations ([`import`]).

mod create;
mod doc;
#[allow(clippy::module_inception)]
mod edit;
pub mod import;
mod ops;
pub mod passage;
pub mod pick;
pub mod relation;
mod selector;
pub mod split;
pub mod store;

pub use create::{
    EventField, EventRow, NewEvent, NewRelation, areas_holding, country_at, date_in, event_list,
    route_near, route_via,
};
pub use doc::{AtlasDoc, DocFile, JSON_FILES, stable_json};
pub use edit::{
    ArticleField, Attr, Edit, ElementRow, NewElement, Stance, VoiceEdit, element_exists,
    element_list, element_name, element_value,
};
pub use ops::Op;
pub use relation::{RelationField, RelationRow, relation_label, relation_list};
pub use selector::selector_for;

/// `base`, or `base-2`, `base-3`, … the first that `taken` does not hold: how a new
/// element, link or event gets an id no other has.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

/// Why an edit cannot be made; the document is left as it was.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no element `{0}`")]
    UnknownElement(String),
    #[error("there is no event `{0}`")]
    UnknownEvent(String),
    #[error("there is no link `{0}`")]
    UnknownLink(String),
    #[error("there is no block {0} in the article")]
    UnknownBlock(usize),
    /// Why a block cannot be split or joined there (said as is).
    #[error("{0}")]
    Blocks(String),
    #[error("the id `{0}` is taken")]
    DuplicateId(String),
    #[error("`{0}` is not a valid id (lowercase letters, digits and hyphens)")]
    InvalidId(String),
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("a link needs at least one element")]
    NoElements,
    #[error("bytes {start}..{end} are not a piece of the article's text that a quote can select")]
    BadRange { start: usize, end: usize },
    #[error("a voice must be words inside its passage")]
    VoiceOutsideLink,
    #[error("the voice “{0}” occurs more than once in its passage; select more words")]
    VoiceNotUnique(String),
    #[error("{0} is not supported")]
    Unsupported(String),
    #[error("{0} is not open as JSON (it is missing or does not parse)")]
    NotOpen(&'static str),
    #[error("internal: {0}")]
    Internal(String),
}

/// One edit as done: what it was called, the edit (to redo it) and its inverse.
#[derive(Clone, Debug)]
struct Entry {
    label: String,
    edit: Edit,
    inverse: Vec<Op>,
}

/// Named undo and redo over a document.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Entry>,
    undone: Vec<Entry>,
}

impl History {
    /// Applies `edit` to `doc` and records it; clears the redo list.
    ///
    /// # Errors
    /// The edit's [`EditError`]; nothing is recorded then.
    pub fn apply(&mut self, doc: &mut AtlasDoc, edit: Edit) -> Result<(), EditError> {
        let label = doc.describe(&edit);
        let inverse = doc.apply(&edit)?;
        self.done.push(Entry {
            label,
            edit,
            inverse,
        });
        self.undone.clear();
        Ok(())
    }

    /// Undoes the last edit; returns its name, or `None` if there is nothing to undo.
    ///
    /// # Errors
    /// Only if `doc` was changed other than through this history.
    pub fn undo(&mut self, doc: &mut AtlasDoc) -> Result<Option<String>, EditError> {
        let Some(entry) = self.done.pop() else {
            return Ok(None);
        };
        if let Err(e) = doc.revert(&entry.inverse) {
            self.done.push(entry);
            return Err(e);
        }
        let label = entry.label.clone();
        self.undone.push(entry);
        Ok(Some(label))
    }

    /// Redoes the last undone edit; returns its name, or `None` if there is none.
    ///
    /// # Errors
    /// Only if `doc` was changed other than through this history.
    pub fn redo(&mut self, doc: &mut AtlasDoc) -> Result<Option<String>, EditError> {
        let Some(mut entry) = self.undone.pop() else {
            return Ok(None);
        };
        match doc.apply(&entry.edit) {
            Ok(inverse) => {
                entry.inverse = inverse;
                let label = entry.label.clone();
                self.done.push(entry);
                Ok(Some(label))
            }
            Err(e) => {
                self.undone.push(entry);
                Err(e)
            }
        }
    }

    /// "Undo: link ‘…’ to Armenia", or `None` if there is nothing to undo.
    pub fn undo_label(&self) -> Option<String> {
        self.done.last().map(|e| format!("Undo: {}", e.label))
    }

    /// "Redo: …", or `None` if there is nothing to redo.
    pub fn redo_label(&self) -> Option<String> {
        self.undone.last().map(|e| format!("Redo: {}", e.label))
    }

    /// The edits done after the first `n` (oldest first), or `None` if fewer than `n`
    /// are done: what to replay on files reloaded from disk.
    pub fn edits_after(&self, n: usize) -> Option<Vec<Edit>> {
        Some(self.done.get(n..)?.iter().map(|e| e.edit.clone()).collect())
    }

    /// Number of edits that can be undone.
    pub fn depth(&self) -> usize {
        self.done.len()
    }
}
