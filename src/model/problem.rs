//! Everything that can be wrong with an atlas, as data. The loader collects every problem
//! it finds instead of stopping at the first, so `aras check` can list them all.

use std::fmt;

/// One problem found while loading: which file, which item in it, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// File name relative to the atlas directory, e.g. `links.json`.
    pub file: String,
    /// The item: an element or link key, a feature index, or a JSON path.
    pub item: Option<String>,
    pub kind: ProblemKind,
}

/// Why an item was rejected.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ProblemKind {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("file is larger than {limit} bytes ({size} bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file is not valid UTF-8 (first bad byte at offset {0})")]
    NotUtf8(usize),
    #[error("the file is empty")]
    Empty,
    #[error("malformed JSON: {0}")]
    Json(String),
    #[error("malformed GeoJSON: {0}")]
    GeoJson(String),
    #[error("missing or invalid field `{field}`: {reason}")]
    Field { field: String, reason: String },
    #[error("duplicate id `{0}`")]
    DuplicateId(String),
    #[error("invalid id `{0}`: use lowercase ASCII letters, digits and hyphens")]
    InvalidId(String),
    #[error("refers to `{id}` in `{field}`, which is not an element")]
    DanglingId { field: String, id: String },
    #[error("quote not found in the article: “{exact}”; closest passage: “{hint}”")]
    AnchorNotFound { exact: String, hint: String },
    #[error(
        "quote “{exact}” occurs {count} times in the article; add a `prefix` or `suffix` to pick one"
    )]
    AnchorAmbiguous { exact: String, count: usize },
    #[error(
        "quote “{exact}” is not in the article as written: it differs only in look-alike characters, first {place}: {article_has} in the article, {quote_has} in the quote; `aras check --fix` rewrites the quote to the article’s text"
    )]
    AnchorLookAlike {
        exact: String,
        /// The article's own text for the quote, which `--fix` writes.
        fixed: String,
        place: String,
        article_has: String,
        quote_has: String,
    },
    #[error(
        "quote “{exact}” is in the article, but its {which} “{given}” is not {what}: the article has {there}"
    )]
    AnchorStaleContext {
        exact: String,
        which: String,
        given: String,
        /// "what precedes it", "what follows any of its 2 occurrences", …
        what: String,
        /// The article's text in its place, quoted: "“with Beta”" or "“a”, “b”".
        there: String,
    },
    #[error("quote “{exact}” lies in {part}, which is not part of the article users read")]
    AnchorOutsideArticle { exact: String, part: String },
    #[error("invalid geometry: {0}")]
    Geometry(String),
    #[error("element has no passage; link it in links.json or mark it `\"context\": true`")]
    NoPassage,
    #[error("body paragraph {0} is linked to no element")]
    ParagraphUnlinked(usize),
    #[error("article structure: {0}")]
    Article(String),
    #[error("the route runs {km:.1} km inside `{area}`, which its `via` does not declare")]
    RouteOutsideVia { area: String, km: f64 },
    #[error("the point lies {km:.1} km outside `{area}`, the {field} it declares")]
    PointOutside {
        field: String,
        area: String,
        km: f64,
    },
    #[error(
        "an off-map marker, but the polygon `{polygon}` on the map stands for it: draw the actor once, as that polygon"
    )]
    ActorDrawnTwice { polygon: String },
    #[error(
        "the {what} “{words}” is not in its passage’s sentence; quote the passage that gives it or name its `{source_field}`"
    )]
    DateNotInPassage {
        what: String,
        words: String,
        source_field: String,
    },
    #[error("the relation has no evidence: name it in the `elements` of at least one link")]
    RelationWithoutEvidence,
    #[error(
        "the relation is claimed by `{claimant}`, who claims none of its evidence links; use the links’ claimant or \"author\""
    )]
    RelationClaimantUnsupported { claimant: String },
    #[error(
        "`{field}` quotes ‘{quote}’, which is not in the article as written; quote its words exactly or drop the quotation marks"
    )]
    QuoteNotInArticle { field: String, quote: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{}: {}: {}", self.file, item, self.kind),
            None => write!(f, "{}: {}", self.file, self.kind),
        }
    }
}

impl std::error::Error for Problem {}

/// All problems of one load. Displayed one per line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, file: &str, item: Option<String>, kind: ProblemKind) {
        self.0.push(Problem {
            file: file.to_owned(),
            item,
            kind,
        });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    /// The report `aras check` (and the window, on stderr) prints for a broken atlas:
    /// `source` names the atlas (as `AtlasSource::describe` gives it), then the count,
    /// then one problem per line.
    pub fn report(&self, source: &str) -> String {
        format!("atlas: {source}\nproblems: {}\n{self}", self.len())
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
