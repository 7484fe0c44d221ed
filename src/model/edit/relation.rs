//! A relation changed after it is made (issue 15, s10): its type, its two ends, who
//! claims it and its evidence, each one named, undoable edit. Its name and summary are
//! the element's own edits ([`Edit::RenameElement`], [`Attr::Summary`]); deleting it is
//! [`Edit::RemoveElement`].
//!
//! [`Edit::RenameElement`]: super::Edit::RenameElement
//! [`Attr::Summary`]: super::Attr::Summary
//! [`Edit::RemoveElement`]: super::Edit::RemoveElement

use std::ops::Range;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::super::load::{LINKS_FILE, RELATIONS_FILE};
use super::super::timeline::RelationType;
use super::EditError;
use super::doc::AtlasDoc;
use super::edit::{element_name, find_item};
use super::ops::Op;

/// One field of a relation, with its new value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "name", content = "value", rename_all = "snake_case")]
pub enum RelationField {
    /// A relation type's key (`"tension"`, `"conflict"`, …).
    Type(String),
    /// The actor it goes from (an element id).
    From(String),
    /// The actor it goes to (an element id).
    To(String),
    /// Who claims it: an element id, or `"author"` for the author's assessment. An
    /// evidence passage that names only this relation and was claimed by the old
    /// claimant is claimed by the new one (as the New relation form marks it).
    ClaimedBy(String),
    /// Moves evidence passage `link` to `range` (bytes of the article text). A passage
    /// that names other elements too stays theirs: the relation gets a passage of its own.
    Evidence { link: String, range: Range<usize> },
}

/// One relation as `relations.json` holds it, for the relation editor.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationRow {
    pub id: String,
    pub name: String,
    pub from: String,
    pub to: String,
    /// The type's key.
    pub relation: String,
    /// An element id or `"author"`.
    pub claimed_by: String,
    /// The links that name it (its evidence), in file order.
    pub evidence: Vec<String>,
}

/// Every relation of the document in file order (items without an id are left out).
pub fn relation_list(doc: &AtlasDoc) -> Vec<RelationRow> {
    let items = doc
        .value(RELATIONS_FILE)
        .and_then(|v| v.get("relations"))
        .and_then(Value::as_array);
    items
        .into_iter()
        .flatten()
        .filter_map(|v| {
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
            let id = s("id")?;
            Some(RelationRow {
                name: s("name").unwrap_or_else(|| id.clone()),
                from: s("from").unwrap_or_default(),
                to: s("to").unwrap_or_default(),
                relation: s("relation").unwrap_or_default(),
                claimed_by: s("claimed_by").unwrap_or_else(|| "author".to_owned()),
                evidence: evidence_of(doc, &id),
                id,
            })
        })
        .collect()
}

/// The ids of the links that name element `id`.
fn evidence_of(doc: &AtlasDoc, id: &str) -> Vec<String> {
    doc.links()
        .iter()
        .filter(|l| names(l).iter().any(|e| e == id))
        .filter_map(|l| l.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

fn names(link: &Value) -> Vec<String> {
    strings(link.get("elements"))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// A relation type's label from its key (the key itself if unknown).
pub fn relation_label(key: &str) -> &str {
    RelationType::ALL
        .iter()
        .find(|t| t.key() == key)
        .map_or(key, |t| t.label())
}

fn set(file: &str, pointer: String, value: Option<Value>) -> Op {
    Op::Set {
        file: file.to_owned(),
        pointer,
        value,
    }
}

/// A relation type's key, as [`RelationType::ALL`] has them; any other is refused.
pub(super) fn check_type(key: &str) -> Result<(), EditError> {
    if RelationType::ALL.iter().any(|t| t.key() == key) {
        Ok(())
    } else {
        Err(EditError::Unsupported(format!("the relation type “{key}”")))
    }
}

impl AtlasDoc {
    /// A relation's ends and its claimant as it is made or changed (one rule for the
    /// New relation form and the relation editor): two different elements of the atlas,
    /// and an element or `"author"`.
    pub(super) fn check_relation(
        &self,
        (from, to): (&str, &str),
        claimed_by: &str,
    ) -> Result<(), EditError> {
        if from == to {
            return Err(EditError::Unsupported(
                "a relation of an actor with itself".into(),
            ));
        }
        self.known(&[from.to_owned(), to.to_owned()])?;
        self.check_claimant(claimed_by)
    }

    /// A claimant: an element of the atlas, or `"author"` (the author's assessment).
    fn check_claimant(&self, claimed_by: &str) -> Result<(), EditError> {
        if claimed_by == "author" {
            return Ok(());
        }
        self.known(&[claimed_by.to_owned()])
    }

    /// Sets one field of relation `id`; an unknown type or element, or a relation of an
    /// actor with itself, is refused with the reason.
    pub(super) fn plan_set_relation(
        &self,
        id: &str,
        field: &RelationField,
    ) -> Result<Vec<Op>, EditError> {
        let (i, rel) = find_item(self, RELATIONS_FILE, "relations", id)
            .ok_or_else(|| EditError::UnknownElement(id.to_owned()))?;
        let get = |k: &str| rel.get(k).and_then(Value::as_str).unwrap_or_default();
        let to = |k: &str, v: &str| {
            Ok(vec![set(
                RELATIONS_FILE,
                format!("/relations/{i}/{k}"),
                Some(json!(v)),
            )])
        };
        match field {
            RelationField::Type(t) => check_type(t).and_then(|()| to("relation", t)),
            RelationField::From(v) => self
                .check_relation((v, get("to")), "author")
                .and_then(|()| to("from", v)),
            RelationField::To(v) => self
                .check_relation((get("from"), v), "author")
                .and_then(|()| to("to", v)),
            RelationField::ClaimedBy(c) => self.plan_claimant(id, i, get("claimed_by"), c),
            RelationField::Evidence { link, range } => self.plan_evidence(id, link, range),
        }
    }

    /// The relation's claimant, and the claim on the passages that are its alone.
    fn plan_claimant(
        &self,
        id: &str,
        i: usize,
        old: &str,
        new: &str,
    ) -> Result<Vec<Op>, EditError> {
        self.check_claimant(new)?;
        let mut ops = vec![set(
            RELATIONS_FILE,
            format!("/relations/{i}/claimed_by"),
            Some(json!(new)),
        )];
        for (li, l) in self.links().iter().enumerate() {
            let alone = names(l) == [id];
            let claimed = strings(l.get("claimed_by"));
            let by_old = (claimed.is_empty() && old == "author") || claimed == [old];
            if alone && by_old && old != new {
                let value = (new != "author").then(|| json!([new]));
                ops.push(set(LINKS_FILE, format!("/links/{li}/claimed_by"), value));
            }
        }
        Ok(ops)
    }

    /// Moves the relation's evidence `link` to `range`: the passage itself when it names
    /// only the relation, else a passage of the relation's own (the old one keeps the
    /// other elements).
    fn plan_evidence(
        &self,
        id: &str,
        link: &str,
        range: &Range<usize>,
    ) -> Result<Vec<Op>, EditError> {
        let (li, l) = find_item(self, LINKS_FILE, "links", link)
            .ok_or_else(|| EditError::UnknownLink(link.to_owned()))?;
        let els = names(l);
        if !els.iter().any(|e| e == id) {
            return Err(EditError::Unsupported(format!(
                "moving a passage that is not evidence of {}",
                element_name(self, id)
            )));
        }
        if els == [id] {
            return self.plan_link_range(link, range);
        }
        let rest: Vec<&String> = els.iter().filter(|e| *e != id).collect();
        let claims = strings(l.get("claimed_by"));
        let claimant = find_item(self, RELATIONS_FILE, "relations", id)
            .and_then(|(_, r)| r.get("claimed_by")?.as_str())
            .filter(|c| *c != "author" && claims.iter().any(|x| x == c));
        let (new, _) = self.passage_op(range, &[id.to_owned()], claimant)?;
        Ok(vec![
            set(
                LINKS_FILE,
                format!("/links/{li}/elements"),
                Some(json!(rest)),
            ),
            new,
        ])
    }

    /// How a relation edit is named for undo: "set type of relation X to conflict".
    pub(super) fn describe_relation(&self, id: &str, field: &RelationField) -> String {
        let name = |k: &str| element_name(self, k);
        let rel = name(id);
        match field {
            RelationField::Type(t) => {
                format!("set type of relation {rel} to {}", relation_label(t))
            }
            RelationField::From(v) => format!("set From of relation {rel} to {}", name(v)),
            RelationField::To(v) => format!("set To of relation {rel} to {}", name(v)),
            RelationField::ClaimedBy(c) if c == "author" => {
                format!("make relation {rel} the author's assessment")
            }
            RelationField::ClaimedBy(c) => {
                format!("set claimant of relation {rel} to {}", name(c))
            }
            RelationField::Evidence { range, .. } => {
                let words = self.text().get(range.clone()).unwrap_or_default();
                let words: Vec<&str> = words.split_whitespace().collect();
                let short = if words.len() <= 6 {
                    words.join(" ")
                } else {
                    format!("{} …", words.get(..6).unwrap_or_default().join(" "))
                };
                format!("change evidence of relation {rel} to ‘{short}’")
            }
        }
    }
}
