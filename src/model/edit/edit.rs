//! [`Edit`]: one change an author makes, as data. [`AtlasDoc::apply`] plans it as
//! primitive [`Op`]s against the document as it is, applies them and returns their
//! inverse, so undo restores the files exactly.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::super::anchor::resolve;
use super::super::article::PartKind;
use super::super::element::{Kind, Status};
use super::super::ids::is_valid_key;
use super::super::load::{ARTICLE_FILE, LINKS_FILE, MAP_FILE, RELATIONS_FILE};
use super::EditError;
use super::create::{EventField, NewEvent, NewRelation, event_list};
use super::doc::AtlasDoc;
use super::ops::{Op, token};
use super::passage::{VoiceFate, carry_voices};
use super::selector::selector_for;

/// A new map element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewElement {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A GeoJSON geometry (lon/lat), or none for people and organisations.
    #[serde(default)]
    pub geometry: Option<Value>,
    /// Where a person or organisation acts (an element id).
    #[serde(default)]
    pub at: Option<String>,
    /// The country a place is in (an element id).
    #[serde(default)]
    pub country: Option<String>,
    /// The place lies beyond the map's frame (drawn as an edge marker).
    #[serde(default)]
    pub offmap: bool,
    /// Where the geometry or placement comes from, when not from the article.
    #[serde(default)]
    pub source: Option<String>,
    /// A route's countries and regions its line passes through (element ids).
    #[serde(default)]
    pub via: Vec<String>,
    /// A route's status.
    #[serde(default)]
    pub status: Option<Status>,
    /// The gazetteer place it was made from (`"ne:admin0:FJI"`, `"geonames:2198148"`), as
    /// `aras new` writes it: how a second element for the same place is recognised.
    #[serde(default)]
    pub gazetteer: Option<String>,
}

/// An attribute of an element, with its new value (`None` removes it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "name", content = "value", rename_all = "snake_case")]
pub enum Attr {
    Aliases(Vec<String>),
    Kind(Kind),
    /// Our one-line summary (always shown as ours).
    Summary(Option<String>),
    Status(Option<Status>),
    /// A date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from which the element exists.
    Changed(Option<String>),
    ChangedSource(Option<String>),
    Until(Option<String>),
    UntilSource(Option<String>),
    /// Where the geometry, placement or date comes from, when not from the article.
    Source(Option<String>),
    /// The author accepted a draft's element in review (`true` is written, `false`
    /// removes the key).
    Reviewed(bool),
    /// A route's `via`: the ids of the countries and regions it passes through (the
    /// check holds the drawn line to them; empty removes the key).
    Via(Vec<String>),
    /// The country (or region) a place is in, an element id (`None` removes it).
    Country(Option<String>),
    /// A short name the map shows instead of the name ("Li" for "Li Wenzu" on a
    /// person's chip; `None` or empty removes it, and the map shows the name).
    MapLabel(Option<String>),
}

impl Attr {
    fn key(&self) -> &'static str {
        match self {
            Self::Aliases(_) => "aliases",
            Self::Kind(_) => "kind",
            Self::Summary(_) => "summary",
            Self::Status(_) => "status",
            Self::Changed(_) => "changed",
            Self::ChangedSource(_) => "changed_source",
            Self::Until(_) => "until",
            Self::UntilSource(_) => "until_source",
            Self::Source(_) => "source",
            Self::Reviewed(_) => "reviewed",
            Self::Via(_) => "via",
            Self::Country(_) => "country",
            Self::MapLabel(_) => "map_label",
        }
    }

    /// The attribute as an undo label names it.
    fn label(&self) -> String {
        match self {
            Self::MapLabel(_) => "short name on the map".to_owned(),
            a => a.key().replace('_', " "),
        }
    }

    fn value(&self) -> Option<Value> {
        let text = |s: &Option<String>| s.as_ref().filter(|s| !s.is_empty()).map(|s| json!(s));
        match self {
            Self::Aliases(a) => Some(json!(a)),
            Self::Kind(k) => Some(json!(k.key())),
            Self::Status(s) => s.map(|s| json!(s)),
            Self::Reviewed(b) => b.then(|| json!(true)),
            Self::Via(v) => (!v.is_empty()).then(|| json!(v)),
            Self::Summary(s)
            | Self::Country(s)
            | Self::MapLabel(s)
            | Self::Changed(s)
            | Self::ChangedSource(s)
            | Self::Until(s)
            | Self::UntilSource(s)
            | Self::Source(s) => text(s),
        }
    }
}

/// Who speaks in a passage or a part of it: who claims it, who denies it, or that it is
/// the author's assessment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    #[serde(default)]
    pub claimed_by: Vec<String>,
    #[serde(default)]
    pub denied_by: Vec<String>,
    #[serde(default)]
    pub author: bool,
}

/// A field of `article.json` the author sets in the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleField {
    Title,
    Author,
    /// What "Copy citation" puts after a quote.
    Citation,
    /// The day (or month, or year) it was published, ISO 8601: what a weekday in the
    /// text is read by (trial9 #5). Empty: none.
    Date,
}

impl ArticleField {
    pub const ALL: [ArticleField; 4] = [Self::Title, Self::Author, Self::Citation, Self::Date];

    /// The key in `article.json`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Author => "author",
            Self::Citation => "citation",
            Self::Date => "date",
        }
    }
}

/// A voice in a passage: a byte range of the article inside the link's quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoiceEdit {
    pub range: Range<usize>,
    pub stance: Stance,
}

/// One change an author makes. Byte ranges are into the article text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    AddElement(NewElement),
    /// A dated event and its passage (a new link to its elements).
    AddEvent(NewEvent),
    /// A relation between two actors and its evidence (a new link to the relation).
    AddRelation(NewRelation),
    /// Rejects an element: removes it and drops it from every link (a link left with no
    /// element goes too).
    RemoveElement {
        id: String,
    },
    RenameElement {
        id: String,
        name: String,
    },
    SetAttr {
        id: String,
        attr: Attr,
    },
    /// Links a byte range to elements; `id` is made from the quote when not given.
    AddLink {
        #[serde(default)]
        id: Option<String>,
        range: Range<usize>,
        elements: Vec<String>,
    },
    RemoveLink {
        id: String,
    },
    /// Extends or shrinks a passage.
    SetLinkRange {
        id: String,
        range: Range<usize>,
    },
    SetLinkElements {
        id: String,
        elements: Vec<String>,
    },
    /// Who speaks in the whole passage.
    SetStance {
        link: String,
        stance: Stance,
    },
    /// Who speaks in parts of the passage.
    SetVoices {
        link: String,
        voices: Vec<VoiceEdit>,
    },
    /// Merges `absorb` into `keep`: every reference to it now names `keep`, and its name
    /// and aliases become aliases of `keep`.
    Merge {
        keep: String,
        absorb: String,
    },
    /// Marks the kind of the article's block number `index` (from 0).
    SetBlockKind {
        index: usize,
        kind: PartKind,
    },
    /// Splits the article's block number `index` (from 0) in two at byte `at` of the
    /// text: the white space between two words there becomes a blank line, and every
    /// quote is anchored again (see `split.rs`).
    SplitBlock {
        index: usize,
        at: usize,
    },
    /// Joins block `index` and the next: the blank line between them becomes a space.
    JoinBlocks {
        index: usize,
    },
    /// Changes one field of a dated event (its label, date, qualifier, date source or
    /// elements).
    SetEvent {
        id: String,
        field: EventField,
    },
    /// Re-resolves a map element to another gazetteer place: its geometry (GeoJSON,
    /// lon/lat), its gazetteer id and the source of that geometry, in one edit.
    Resolve {
        id: String,
        gazetteer: String,
        geometry: Value,
        source: String,
        /// The new kind, when the place is of another kind (a city for a region).
        #[serde(default)]
        kind: Option<Kind>,
        /// For a place: the country it is in and whether it is off the map, replaced
        /// with the geometry (`None` leaves both as they are).
        #[serde(default)]
        place: Option<super::pick::PlaceIn>,
    },
    /// Sets the article's title, author or citation (`article.json`): a draft has the
    /// headline, no author and a citation naming the file it was made from.
    SetArticle {
        field: ArticleField,
        value: String,
    },
    /// Changes one field of a relation (its type, an end, its claimant or an evidence
    /// passage) after it is made.
    SetRelation {
        id: String,
        field: super::relation::RelationField,
    },
    /// Marks the article finished (`false`: the `draft` flag of `aras new` removed, so
    /// the check wants a link in every paragraph) or a draft again (`true`).
    SetDraft {
        draft: bool,
    },
    /// A recovery file's edits put back after a crash, as one entry of the history
    /// ("restore from the recovery file"), undone like any other: the changes to make,
    /// whole top-level values and files.
    Restore {
        ops: Vec<Op>,
    },
}

/// Where an element's properties are: `(file, pointer)`.
fn element_props(doc: &AtlasDoc, id: &str) -> Option<(&'static str, String)> {
    if let Some((i, _)) = find_item(doc, MAP_FILE, "features", id) {
        return Some((MAP_FILE, format!("/features/{i}/properties")));
    }
    find_item(doc, RELATIONS_FILE, "relations", id)
        .map(|(i, _)| (RELATIONS_FILE, format!("/relations/{i}")))
}

/// The item of `list` in `file` whose `id` (for features, `properties.id`) is `id`.
pub(super) fn find_item<'a>(
    doc: &'a AtlasDoc,
    file: &str,
    list: &str,
    id: &str,
) -> Option<(usize, &'a Value)> {
    doc.value(file)?
        .get(list)?
        .as_array()?
        .iter()
        .enumerate()
        .find(|(_, v)| item_id(v) == Some(id))
}

fn item_id(v: &Value) -> Option<&str> {
    v.get("properties")
        .and_then(|p| p.get("id"))
        .or_else(|| v.get("id"))
        .and_then(Value::as_str)
}

/// An element's name (its id if it has none).
pub fn element_name(doc: &AtlasDoc, id: &str) -> String {
    element_props(doc, id)
        .and_then(|(f, p)| doc.value(f)?.pointer(&p)?.get("name")?.as_str())
        .unwrap_or(id)
        .to_owned()
}

/// An element's properties as they stand in the document (a feature's `properties` or a
/// relation's object), for the attribute editor.
pub fn element_value<'a>(doc: &'a AtlasDoc, id: &str) -> Option<&'a Value> {
    let (f, p) = element_props(doc, id)?;
    doc.value(f)?.pointer(&p)
}

/// One element as listed by [`element_list`]: id, name and kind key (`"place"`, …).
#[derive(Clone, Debug, PartialEq)]
pub struct ElementRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    /// Shown for geography only (a draft's clipped neighbours).
    pub context: bool,
    /// The gazetteer place it stands for, if it names one.
    pub gazetteer: Option<String>,
}

/// Every map element and relation in file order.
pub fn element_list(doc: &AtlasDoc) -> Vec<ElementRow> {
    let feats = doc
        .value(MAP_FILE)
        .and_then(|m| m.get("features"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("properties"));
    let rels = doc
        .value(RELATIONS_FILE)
        .and_then(|m| m.get("relations"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    feats
        .chain(rels)
        .filter_map(|p| {
            let s = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_owned);
            let id = s("id")?;
            Some(ElementRow {
                name: s("name").unwrap_or_else(|| id.clone()),
                kind: s("kind").unwrap_or_else(|| "relation".to_owned()),
                aliases: p
                    .get("aliases")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                context: p.get("context").and_then(Value::as_bool).unwrap_or(false),
                gazetteer: s("gazetteer"),
                id,
            })
        })
        .collect()
}

/// True if `id` names an element (a map feature or a relation).
pub fn element_exists(doc: &AtlasDoc, id: &str) -> bool {
    element_props(doc, id).is_some()
}

fn set(file: &str, pointer: String, value: Option<Value>) -> Op {
    Op::Set {
        file: file.to_owned(),
        pointer,
        value,
    }
}

/// A gazetteer place as an undo label names it: "Tianjin (place, CN)", never its id
/// (trial #14); one the embedded gazetteer does not have is "another gazetteer place".
fn gazetteer_place(id: &str) -> String {
    let place = crate::gazetteer::Gazetteer::embedded()
        .ok()
        .and_then(|g| g.get(&crate::gazetteer::GazId(id.to_owned())));
    match place {
        Some(p) => match &p.country {
            Some(c) => format!("{} ({}, {c})", p.name, super::pick::kind_of(p).label()),
            None => format!("{} ({})", p.name, super::pick::kind_of(p).label()),
        },
        None => "another gazetteer place".to_owned(),
    }
}

fn short(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} …", words.get(..6).unwrap_or_default().join(" "))
    }
}

impl AtlasDoc {
    /// Applies an edit; returns the primitive changes that undo it.
    ///
    /// # Errors
    /// [`EditError`] naming what is unknown, taken or impossible; the document is then
    /// unchanged.
    pub fn apply(&mut self, edit: &Edit) -> Result<Vec<Op>, EditError> {
        let ops = self.plan(edit)?;
        self.apply_ops(&ops)
    }

    /// Applies inverses returned by [`AtlasDoc::apply`].
    ///
    /// # Errors
    /// Only if the document changed since, other than by those edits.
    pub fn revert(&mut self, inverse: &[Op]) -> Result<Vec<Op>, EditError> {
        self.apply_ops(inverse)
    }

    /// How an edit is named in the undo and redo buttons, e.g. "link ‘Zangezur …’ to Armenia".
    pub fn describe(&self, edit: &Edit) -> String {
        let name = |id: &str| element_name(self, id);
        let names = |ids: &[String]| ids.iter().map(|i| name(i)).collect::<Vec<_>>().join(", ");
        let quote = |link: &str| short(&self.link_quote(link).unwrap_or_default());
        match edit {
            Edit::AddElement(e) => format!("add {} {}", e.kind.label(), e.name),
            Edit::AddEvent(e) => format!("add event {} ({})", e.label, e.date),
            Edit::AddRelation(r) => format!(
                "add relation {} ({} to {})",
                r.name,
                name(&r.from),
                name(&r.to)
            ),
            Edit::RemoveElement { id } if self.is_relation(id) => {
                format!("delete relation {}", name(id))
            }
            Edit::RemoveElement { id } => format!("reject {}", name(id)),
            Edit::RenameElement { id, name: new } => format!("rename {} to {new}", name(id)),
            Edit::SetAttr {
                id,
                attr: Attr::Reviewed(accepted),
            } => format!(
                "{} {}",
                if *accepted { "accept" } else { "unaccept" },
                name(id)
            ),
            Edit::SetAttr { id, attr } => {
                format!("set {} of {}", attr.label(), name(id))
            }
            Edit::AddLink {
                range, elements, ..
            } => format!(
                "link ‘{}’ to {}",
                short(self.text().get(range.clone()).unwrap_or_default()),
                names(elements)
            ),
            Edit::RemoveLink { id } => format!("remove link ‘{}’", quote(id)),
            Edit::SetLinkRange { id, .. } => {
                let mut label = format!("change passage ‘{}’", quote(id));
                for note in self.edit_notes(edit) {
                    label.push_str("; ");
                    label.push_str(&note);
                }
                label
            }
            Edit::SetLinkElements { id, elements } => self.describe_link_elements(id, elements),
            Edit::SetStance { link, .. } => format!("mark who speaks in ‘{}’", quote(link)),
            Edit::SetVoices { link, .. } => format!("mark voices in ‘{}’", quote(link)),
            Edit::Merge { keep, absorb } => format!("merge {} into {}", name(absorb), name(keep)),
            Edit::SetBlockKind { index, kind } => {
                format!("mark block {} as {}", index + 1, kind.label())
            }
            Edit::SplitBlock { index, at } => {
                let mut label = self.split_label(*index, *at);
                for note in self.edit_notes(edit) {
                    label.push_str("; ");
                    label.push_str(&note);
                }
                label
            }
            Edit::JoinBlocks { index } => self.join_label(*index),
            Edit::Resolve { id, gazetteer, .. } => {
                format!("re-resolve {} to {}", name(id), gazetteer_place(gazetteer))
            }
            Edit::SetArticle { field, .. } => format!("set the article's {}", field.key()),
            Edit::Restore { .. } => "restore from the recovery file".to_owned(),
            Edit::SetRelation { id, field } => self.describe_relation(id, field),
            Edit::SetDraft { draft: false } => "mark the article as finished".to_owned(),
            Edit::SetDraft { draft: true } => "mark the article as a draft".to_owned(),
            Edit::SetEvent { id, field } => self.describe_event(id, field),
        }
    }

    /// "link ‘…’ to Iran", or "unlink ‘…’ from Iran" when elements only go (trial8 #1:
    /// an unlink read as the link it undid).
    fn describe_link_elements(&self, id: &str, elements: &[String]) -> String {
        let names = |ids: &[String]| {
            ids.iter()
                .map(|i| element_name(self, i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let quote = short(&self.link_quote(id).unwrap_or_default());
        let now: Vec<String> = find_item(self, LINKS_FILE, "links", id)
            .and_then(|(_, l)| l.get("elements")?.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let gone: Vec<String> = now
            .iter()
            .filter(|e| !elements.contains(e))
            .cloned()
            .collect();
        if !gone.is_empty() && elements.iter().all(|e| now.contains(e)) {
            format!("unlink ‘{quote}’ from {}", names(&gone))
        } else {
            format!("link ‘{quote}’ to {}", names(elements))
        }
    }

    /// "set date of event … to 2021-10", "rename event … to …".
    fn describe_event(&self, id: &str, field: &EventField) -> String {
        let label = event_list(self)
            .into_iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_owned(), |e| e.label);
        match field {
            EventField::Date(d) => format!("set date of event {label} to {}", d.trim()),
            EventField::Label(l) => format!("rename event {label} to {}", l.trim()),
            f => format!("set {} of event {label}", f.key()),
        }
    }

    /// What an edit does besides what its name says, for the author to be told: moving
    /// a passage's ends clips, widens or removes its voices. Empty for most edits.
    pub fn edit_notes(&self, edit: &Edit) -> Vec<String> {
        match edit {
            Edit::SetLinkRange { id, range } => carry_voices(self, id, range)
                .iter()
                .filter_map(|f| f.note(self.text()))
                .collect(),
            Edit::SplitBlock { index, at } => self.split_notes(*index, *at),
            _ => Vec::new(),
        }
    }

    /// The quote of a link (its selector's `exact`).
    pub fn link_quote(&self, id: &str) -> Option<String> {
        let (_, l) = find_item(self, LINKS_FILE, "links", id)?;
        Some(l.pointer("/selector/exact")?.as_str()?.to_owned())
    }

    /// The byte range a link's selector selects now, if it resolves.
    pub fn link_range(&self, id: &str) -> Option<Range<usize>> {
        let (_, l) = find_item(self, LINKS_FILE, "links", id)?;
        let sel = serde_json::from_value(l.get("selector")?.clone()).ok()?;
        resolve(self.text(), &sel).ok()
    }

    fn plan(&self, edit: &Edit) -> Result<Vec<Op>, EditError> {
        match edit {
            Edit::AddElement(e) => self.plan_add_element(e),
            Edit::AddEvent(e) => self.plan_add_event(e),
            Edit::AddRelation(r) => self.plan_add_relation(r),
            Edit::RemoveElement { id } => self.plan_remove_element(id),
            Edit::RenameElement { id, name } => self.plan_rename(id, name),
            Edit::SetAttr { id, attr } => {
                let (file, p) = self.props_of(id)?;
                if file == RELATIONS_FILE && matches!(attr, Attr::Kind(_)) {
                    return Err(EditError::Unsupported("a relation's kind".into()));
                }
                if matches!(attr, Attr::Kind(Kind::Relation)) {
                    return Err(EditError::Unsupported(
                        "making a map element a relation".into(),
                    ));
                }
                Ok(vec![set(file, format!("{p}/{}", attr.key()), attr.value())])
            }
            Edit::AddLink {
                id,
                range,
                elements,
            } => self.plan_add_link(id.as_deref(), range, elements),
            Edit::RemoveLink { id } => {
                let (i, _) = self.link_of(id)?;
                Ok(vec![Op::Remove {
                    file: LINKS_FILE.into(),
                    list: "/links".into(),
                    index: i,
                }])
            }
            Edit::SetLinkRange { id, range } => self.plan_link_range(id, range),
            Edit::SetLinkElements { id, elements } => {
                let (i, _) = self.link_of(id)?;
                self.known(elements)?;
                Ok(vec![set(
                    LINKS_FILE,
                    format!("/links/{i}/elements"),
                    Some(json!(elements)),
                )])
            }
            Edit::SetStance { link, stance } => {
                let (i, _) = self.link_of(link)?;
                self.stance_known(stance)?;
                Ok(stance_ops(&format!("/links/{i}"), stance))
            }
            Edit::SetVoices { link, voices } => self.plan_voices(link, voices),
            Edit::Merge { keep, absorb } => self.plan_merge(keep, absorb),
            Edit::SetBlockKind { index, kind } => self.plan_block_kind(*index, *kind),
            Edit::SplitBlock { index, at } => self.plan_split(*index, *at),
            Edit::JoinBlocks { index } => self.plan_join(*index),
            Edit::SetArticle { field, value } => {
                if self.value(ARTICLE_FILE).is_none() {
                    return Err(EditError::NotOpen(ARTICLE_FILE));
                }
                let value = value.trim();
                // No date is no key (the others are required).
                let value =
                    (*field != ArticleField::Date || !value.is_empty()).then(|| json!(value));
                Ok(vec![set(ARTICLE_FILE, format!("/{}", field.key()), value)])
            }
            Edit::Resolve {
                id,
                gazetteer,
                geometry,
                source,
                kind,
                place,
            } => {
                let mut ops = self.plan_resolve(id, gazetteer, geometry, source, *kind)?;
                if let Some(within) = place {
                    self.place_ops(id, within, &mut ops)?;
                }
                Ok(ops)
            }
            Edit::SetEvent { id, field } => self.plan_set_event(id, field),
            Edit::Restore { ops } => Ok(ops.clone()),
            Edit::SetRelation { id, field } => self.plan_set_relation(id, field),
            Edit::SetDraft { draft } => self.plan_draft(*draft),
        }
    }

    /// True if `id` is a relation (an item of `relations.json`).
    pub fn is_relation(&self, id: &str) -> bool {
        find_item(self, RELATIONS_FILE, "relations", id).is_some()
    }

    /// The article's `draft` flag set, or removed (finished).
    fn plan_draft(&self, draft: bool) -> Result<Vec<Op>, EditError> {
        if self.value(ARTICLE_FILE).is_none() {
            return Err(EditError::NotOpen(ARTICLE_FILE));
        }
        Ok(vec![set(
            ARTICLE_FILE,
            "/draft".into(),
            draft.then_some(json!(true)),
        )])
    }

    fn plan_block_kind(&self, index: usize, kind: PartKind) -> Result<Vec<Op>, EditError> {
        let parts = self
            .value(ARTICLE_FILE)
            .and_then(|a| a.get("parts"))
            .and_then(Value::as_array)
            .ok_or(EditError::NotOpen(ARTICLE_FILE))?;
        if index >= parts.len() {
            return Err(EditError::UnknownBlock(index));
        }
        Ok(vec![set(
            ARTICLE_FILE,
            format!("/parts/{index}/kind"),
            Some(json!(kind)),
        )])
    }

    /// A map element's geometry, gazetteer id, source (and kind) from another place.
    fn plan_resolve(
        &self,
        id: &str,
        gazetteer: &str,
        geometry: &Value,
        source: &str,
        kind: Option<Kind>,
    ) -> Result<Vec<Op>, EditError> {
        let (file, p) = self.props_of(id)?;
        let feature = p.strip_suffix("/properties").filter(|_| file == MAP_FILE);
        let Some(feature) = feature else {
            return Err(EditError::Unsupported("re-resolving a relation".into()));
        };
        if !geometry.is_object() {
            return Err(EditError::Unsupported(
                "a geometry that is not an object".into(),
            ));
        }
        let mut ops = vec![
            set(
                MAP_FILE,
                format!("{feature}/geometry"),
                Some(geometry.clone()),
            ),
            set(MAP_FILE, format!("{p}/gazetteer"), Some(json!(gazetteer))),
            set(MAP_FILE, format!("{p}/source"), Some(json!(source))),
        ];
        if let Some(k) = kind.filter(|k| *k != Kind::Relation) {
            ops.push(set(MAP_FILE, format!("{p}/kind"), Some(json!(k.key()))));
        }
        Ok(ops)
    }

    /// A re-resolved place's `country` and `offmap`, set or removed.
    fn place_ops(
        &self,
        id: &str,
        within: &super::pick::PlaceIn,
        ops: &mut Vec<Op>,
    ) -> Result<(), EditError> {
        let (_, p) = self.props_of(id)?;
        if let Some(c) = &within.country {
            self.known(std::slice::from_ref(c))?;
        }
        ops.push(set(
            MAP_FILE,
            format!("{p}/country"),
            within.country.as_ref().map(|c| json!(c)),
        ));
        ops.push(set(
            MAP_FILE,
            format!("{p}/offmap"),
            within.offmap.then_some(json!(true)),
        ));
        Ok(())
    }

    fn props_of(&self, id: &str) -> Result<(&'static str, String), EditError> {
        element_props(self, id).ok_or_else(|| EditError::UnknownElement(id.to_owned()))
    }

    fn link_of(&self, id: &str) -> Result<(usize, &Value), EditError> {
        find_item(self, LINKS_FILE, "links", id).ok_or_else(|| EditError::UnknownLink(id.into()))
    }

    pub(super) fn known(&self, ids: &[String]) -> Result<(), EditError> {
        if ids.is_empty() {
            return Err(EditError::NoElements);
        }
        match ids.iter().find(|i| !element_exists(self, i)) {
            Some(i) => Err(EditError::UnknownElement(i.clone())),
            None => Ok(()),
        }
    }

    fn stance_known(&self, s: &Stance) -> Result<(), EditError> {
        match s
            .claimed_by
            .iter()
            .chain(&s.denied_by)
            .find(|i| !element_exists(self, i))
        {
            Some(i) => Err(EditError::UnknownElement(i.clone())),
            None => Ok(()),
        }
    }

    pub(super) fn selector(&self, range: &Range<usize>) -> Result<Value, EditError> {
        let sel = selector_for(self.text(), range).ok_or(EditError::BadRange {
            start: range.start,
            end: range.end,
        })?;
        serde_json::to_value(sel).map_err(|e| EditError::Internal(e.to_string()))
    }

    fn plan_add_element(&self, e: &NewElement) -> Result<Vec<Op>, EditError> {
        if !is_valid_key(&e.id) {
            return Err(EditError::InvalidId(e.id.clone()));
        }
        if element_exists(self, &e.id) {
            return Err(EditError::DuplicateId(e.id.clone()));
        }
        if e.name.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        if e.kind == Kind::Relation {
            return Err(EditError::Unsupported(
                "adding a relation as a map element".into(),
            ));
        }
        let mut props = Map::new();
        props.insert("id".into(), json!(e.id));
        props.insert("kind".into(), json!(e.kind.key()));
        props.insert("name".into(), json!(e.name));
        props.insert("aliases".into(), json!(e.aliases));
        for (k, v) in [
            ("at", &e.at),
            ("country", &e.country),
            ("source", &e.source),
            ("gazetteer", &e.gazetteer),
        ] {
            if let Some(v) = v {
                props.insert(k.into(), json!(v));
            }
        }
        if !e.via.is_empty() {
            self.known(&e.via)?;
            props.insert("via".into(), json!(e.via));
        }
        if let Some(s) = e.status {
            props.insert("status".into(), json!(s));
        }
        if e.offmap {
            props.insert("offmap".into(), json!(true));
        }
        let len = self
            .value(MAP_FILE)
            .and_then(|m| m.get("features"))
            .and_then(Value::as_array)
            .map(Vec::len)
            .ok_or(EditError::NotOpen(MAP_FILE))?;
        Ok(vec![Op::Insert {
            file: MAP_FILE.into(),
            list: "/features".into(),
            index: len,
            value: json!({
                "type": "Feature",
                "properties": props,
                "geometry": e.geometry.clone().unwrap_or(Value::Null),
            }),
        }])
    }

    fn plan_remove_element(&self, id: &str) -> Result<Vec<Op>, EditError> {
        let (file, _) = self.props_of(id)?;
        let mut ops = Vec::new();
        let mut emptied = Vec::new();
        for (i, l) in self.links().iter().enumerate() {
            let Some(els) = l.get("elements").and_then(Value::as_array) else {
                continue;
            };
            if els.iter().any(|e| e.as_str() == Some(id)) {
                let rest: Vec<&Value> = els.iter().filter(|e| e.as_str() != Some(id)).collect();
                if rest.is_empty() {
                    emptied.push(i);
                } else {
                    ops.push(set(
                        LINKS_FILE,
                        format!("/links/{i}/elements"),
                        Some(json!(rest)),
                    ));
                }
            }
        }
        for i in emptied.into_iter().rev() {
            ops.push(Op::Remove {
                file: LINKS_FILE.into(),
                list: "/links".into(),
                index: i,
            });
        }
        let (list, key) = if file == MAP_FILE {
            ("/features", "features")
        } else {
            ("/relations", "relations")
        };
        let (index, _) = find_item(self, file, key, id)
            .ok_or_else(|| EditError::UnknownElement(id.to_owned()))?;
        ops.push(Op::Remove {
            file: file.into(),
            list: list.into(),
            index,
        });
        Ok(ops)
    }

    pub(super) fn links(&self) -> &[Value] {
        self.value(LINKS_FILE)
            .and_then(|l| l.get("links"))
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// A link id not yet taken, from the quote's first words.
    pub fn fresh_link_id(&self, quote: &str) -> String {
        let slug: String = quote
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(4)
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let base = if slug.is_empty() {
            "link".to_owned()
        } else {
            slug
        };
        let base: String = base.chars().take(48).collect();
        super::unique_id(&base, |id| {
            find_item(self, LINKS_FILE, "links", id).is_some()
        })
    }

    fn plan_add_link(
        &self,
        id: Option<&str>,
        range: &Range<usize>,
        elements: &[String],
    ) -> Result<Vec<Op>, EditError> {
        self.known(elements)?;
        let sel = self.selector(range)?;
        let id = match id {
            Some(id) if !is_valid_key(id) => return Err(EditError::InvalidId(id.into())),
            Some(id) if find_item(self, LINKS_FILE, "links", id).is_some() => {
                return Err(EditError::DuplicateId(id.into()));
            }
            Some(id) => id.to_owned(),
            None => self.fresh_link_id(self.text().get(range.clone()).unwrap_or_default()),
        };
        if self
            .value(LINKS_FILE)
            .and_then(|l| l.get("links"))
            .is_none()
        {
            return Err(EditError::NotOpen(LINKS_FILE));
        }
        Ok(vec![Op::Insert {
            file: LINKS_FILE.into(),
            list: "/links".into(),
            index: self.links().len(),
            value: json!({ "id": id, "elements": elements, "selector": sel }),
        }])
    }

    fn plan_voices(&self, link: &str, voices: &[VoiceEdit]) -> Result<Vec<Op>, EditError> {
        let (i, _) = self.link_of(link)?;
        let outer = self
            .link_range(link)
            .ok_or_else(|| EditError::UnknownLink(link.into()))?;
        Ok(vec![self.voices_op(i, &outer, voices)?])
    }

    /// Sets link `i`'s voices to `voices`, each words found once inside `outer`.
    pub(super) fn voices_op(
        &self,
        i: usize,
        outer: &Range<usize>,
        voices: &[VoiceEdit],
    ) -> Result<Op, EditError> {
        let quote = self.text().get(outer.clone()).unwrap_or_default();
        let mut list = Vec::new();
        for v in voices {
            self.stance_known(&v.stance)?;
            let exact = self
                .text()
                .get(v.range.clone())
                .filter(|e| !e.is_empty())
                .filter(|_| outer.start <= v.range.start && v.range.end <= outer.end)
                .ok_or(EditError::VoiceOutsideLink)?;
            if quote.matches(exact).count() != 1 {
                return Err(EditError::VoiceNotUnique(exact.to_owned()));
            }
            let mut o = Map::new();
            o.insert("exact".into(), json!(exact));
            for op in stance_ops("", &v.stance) {
                if let Op::Set {
                    pointer,
                    value: Some(val),
                    ..
                } = op
                {
                    o.insert(pointer.trim_start_matches('/').to_owned(), val);
                }
            }
            list.push(Value::Object(o));
        }
        let value = (!list.is_empty()).then(|| json!(list));
        Ok(set(LINKS_FILE, format!("/links/{i}/voices"), value))
    }

    /// Moves a passage's ends and carries its voices along in the same edit: clipped to
    /// the new passage, widened to stay unique, removed when wholly outside it.
    pub(super) fn plan_link_range(
        &self,
        id: &str,
        range: &Range<usize>,
    ) -> Result<Vec<Op>, EditError> {
        let (i, _) = self.link_of(id)?;
        let sel = self.selector(range)?;
        let mut ops = vec![set(LINKS_FILE, format!("/links/{i}/selector"), Some(sel))];
        let fates = carry_voices(self, id, range);
        if fates.iter().any(|f| !matches!(f, VoiceFate::Kept(_))) {
            let kept: Vec<VoiceEdit> = fates.iter().filter_map(VoiceFate::voice).cloned().collect();
            ops.push(self.voices_op(i, range, &kept)?);
        }
        Ok(ops)
    }

    fn plan_merge(&self, keep: &str, absorb: &str) -> Result<Vec<Op>, EditError> {
        let (kfile, kprops) = self.props_of(keep)?;
        let (afile, aprops) = self.props_of(absorb)?;
        if keep == absorb || kfile != MAP_FILE || afile != MAP_FILE {
            return Err(EditError::Unsupported("merging these two elements".into()));
        }
        let mut ops = Vec::new();
        for name in self.names().map(str::to_owned).collect::<Vec<_>>() {
            if let Some(v) = self.value(&name) {
                rewrite_refs(v, "", &name, absorb, keep, &mut ops);
            }
        }
        let props = |p: &str| self.value(MAP_FILE).and_then(|m| m.pointer(p));
        let keep_name = element_name(self, keep);
        let mut aliases: Vec<String> = strings(props(&format!("{kprops}/aliases")));
        let absorbed = std::iter::once(element_name(self, absorb))
            .chain(strings(props(&format!("{aprops}/aliases"))));
        for a in absorbed {
            if a != keep_name && !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        ops.push(set(
            MAP_FILE,
            format!("{kprops}/aliases"),
            Some(json!(aliases)),
        ));
        let mut rest = self.plan_remove_element(absorb)?;
        // Links now name `keep` instead: only the feature itself goes.
        rest.retain(|op| matches!(op, Op::Remove { file, .. } if file == MAP_FILE));
        ops.extend(rest);
        Ok(ops)
    }

    /// Renames an element; on the map the old name becomes an alias, so the text's
    /// mentions of it stay the element's (and the new name stops being an alias).
    fn plan_rename(&self, id: &str, name: &str) -> Result<Vec<Op>, EditError> {
        let (file, p) = self.props_of(id)?;
        if name.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        let mut ops = vec![set(file, format!("{p}/name"), Some(json!(name)))];
        if file == MAP_FILE {
            let props = |q: &str| self.value(MAP_FILE).and_then(|m| m.pointer(q));
            let old = props(&format!("{p}/name"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let mut aliases: Vec<String> = strings(props(&format!("{p}/aliases")));
            aliases.retain(|a| a != name);
            if old != name && !old.trim().is_empty() && !aliases.contains(&old) {
                aliases.push(old);
            }
            if aliases != strings(props(&format!("{p}/aliases"))) {
                ops.push(set(MAP_FILE, format!("{p}/aliases"), Some(json!(aliases))));
            }
        }
        Ok(ops)
    }
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

/// Fields that hold element ids (a string or a list of strings).
const REF_FIELDS: [&str; 12] = [
    "elements",
    "claimed_by",
    "denied_by",
    "from",
    "to",
    "at",
    "part_of",
    "country",
    "capital_of",
    "actor",
    "via",
    "relations",
];

/// Plans setting every reference to `from` in `v` (under `pointer`) to `to`.
fn rewrite_refs(v: &Value, pointer: &str, file: &str, from: &str, to: &str, ops: &mut Vec<Op>) {
    match v {
        Value::Object(o) => {
            for (k, val) in o {
                let p = format!("{pointer}/{}", token(k));
                let is_ref = REF_FIELDS.contains(&k.as_str());
                match val {
                    Value::String(s) if is_ref && s == from => {
                        ops.push(set(file, p, Some(json!(to))));
                    }
                    Value::Array(a) if is_ref && a.iter().any(|x| x.as_str() == Some(from)) => {
                        let mut out: Vec<Value> = Vec::new();
                        for x in a {
                            let x = if x.as_str() == Some(from) {
                                json!(to)
                            } else {
                                x.clone()
                            };
                            if !out.contains(&x) {
                                out.push(x);
                            }
                        }
                        ops.push(set(file, p, Some(Value::Array(out))));
                    }
                    _ => rewrite_refs(val, &p, file, from, to, ops),
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                rewrite_refs(x, &format!("{pointer}/{i}"), file, from, to, ops);
            }
        }
        _ => {}
    }
}

/// Sets `claimed_by`, `denied_by` and `assessment` of the object at `at`.
fn stance_ops(at: &str, s: &Stance) -> Vec<Op> {
    let list = |l: &Vec<String>| (!l.is_empty()).then(|| json!(l));
    vec![
        set(LINKS_FILE, format!("{at}/claimed_by"), list(&s.claimed_by)),
        set(LINKS_FILE, format!("{at}/denied_by"), list(&s.denied_by)),
        set(
            LINKS_FILE,
            format!("{at}/assessment"),
            s.author.then(|| json!("author")),
        ),
    ]
}
