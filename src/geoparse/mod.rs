//! Geoparsing an article into a draft atlas (`aras new`): [`blocks`] (title, headings,
//! paragraphs, sentences), [`tag`] (finding place names), [`resolve`] (choosing the
//! place), [`draft`] (writing the atlas files and the report). Pure model: no egui.
//! The gazetteer is used only through the contract in `notes/gazetteer-api.md`.

pub mod blocks;
pub mod command;
pub mod draft;
pub mod resolve;
pub mod tag;

use std::collections::HashSet;
use std::ops::Range;

use serde_json::json;

use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::model::PartKind;
use blocks::Block;
use resolve::{Query, Resolution};
pub use tag::{LeftOut, Reading};

/// A place name found in the article, and the place chosen for it.
#[derive(Clone, Debug)]
pub struct Toponym<'g> {
    /// Byte range into the text.
    pub range: Range<usize>,
    pub reading: Reading,
    /// Index into [`Parsed::sentences`].
    pub sentence: usize,
    /// `None` when no gazetteer place has the name (found by a geographic word).
    pub resolution: Option<Resolution<'g>>,
}

/// One sentence: byte range into the text and the index of its block.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub range: Range<usize>,
    pub block: usize,
}

/// Everything `aras new` finds in one article.
pub struct Parsed<'g> {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub toponyms: Vec<Toponym<'g>>,
    pub left_out: Vec<LeftOut>,
    /// Words (lower case) the tagger found to be part of a person's name.
    pub persons: HashSet<String>,
}

/// Words after a capital that show it stands for its government ("Tehran said").
const GOVERNMENT_VERBS: &[&str] = &[
    "said",
    "says",
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "accused",
    "accuses",
    "announced",
    "announces",
    "warned",
    "warns",
    "denied",
    "denies",
    "responded",
    "insisted",
    "claimed",
    "claims",
    "rejected",
    "rejects",
    "wants",
    "wanted",
    "sees",
    "saw",
    "believes",
    "believed",
    "fears",
    "feared",
    "hopes",
    "hoped",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "did",
    "does",
    "sent",
    "agreed",
    "signed",
    "imposed",
    "backed",
    "supports",
    "supported",
    "condemned",
    "demanded",
    "threatened",
    "views",
    "viewed",
    "considers",
    "regards",
    "perceives",
    "perceived",
    "officials",
    "government",
    "authorities",
];

/// Finds and resolves the places in `text`.
pub fn parse<'g>(text: &str, gaz: &'g Gazetteer) -> Parsed<'g> {
    let blocks = blocks::split(text);
    let found = tag_sentences(text, &blocks, gaz);
    let (sentences, mut tagged, mut left_out) = (found.sentences, found.tagged, found.left_out);
    // A word that is part of a person's name anywhere is that person everywhere.
    tagged.retain(|(_, t)| {
        let surface = text.get(t.range.clone()).unwrap_or_default().to_lowercase();
        let person = found.persons.contains(&surface);
        if person {
            left_out.push(LeftOut {
                range: t.range.clone(),
                reason: "part of a person's name elsewhere in the article".into(),
            });
        }
        !person
    });
    let toponyms = resolve_all(text, &tagged, &mut left_out);
    left_out.sort_by_key(|l| l.range.start);
    Parsed {
        blocks,
        sentences,
        toponyms,
        left_out,
        persons: found.persons,
    }
}

/// What tagging every sentence found, before names are resolved.
struct Found<'g> {
    sentences: Vec<Sentence>,
    /// (sentence index, name).
    tagged: Vec<(usize, tag::Tagged<'g>)>,
    left_out: Vec<LeftOut>,
    /// Words (lower case) found to be part of a person's name.
    persons: HashSet<String>,
}

/// Splits every block into sentences and tags each.
fn tag_sentences<'g>(text: &str, blocks: &[Block], gaz: &'g Gazetteer) -> Found<'g> {
    let tagger = tag::Tagger {
        gaz,
        counts: tag::word_counts(text),
        after_names: tag::words_after_names(text),
    };
    let mut found = Found {
        sentences: Vec::new(),
        tagged: Vec::new(),
        left_out: Vec::new(),
        persons: HashSet::new(),
    };
    for (bi, block) in blocks.iter().enumerate() {
        let heading = matches!(block.kind, PartKind::Title | PartKind::Heading);
        let body = text.get(block.range.clone()).unwrap_or_default();
        for r in blocks::sentences(body) {
            let range = block.range.start + r.start..block.range.start + r.end;
            // Only the article's first line, not ending in a full stop, may be a title
            // in title case.
            let first = text.get(range.clone()).unwrap_or_default();
            let title_case = heading
                || (found.sentences.is_empty() && !first.ends_with('.') && looks_title_case(first));
            let si = found.sentences.len();
            found.sentences.push(Sentence {
                range: range.clone(),
                block: bi,
            });
            let tags = tagger.sentence(text, range, title_case);
            found
                .tagged
                .extend(tags.tagged.into_iter().map(|t| (si, t)));
            found.left_out.extend(tags.left_out);
            found.persons.extend(tags.persons);
        }
    }
    found
}

/// Resolves the tagged names together (a name followed by ", " and another is within
/// it), leaving out the ones only an unlikely small town bears, and reads capitals
/// followed by a verb as metonyms.
fn resolve_all<'g>(
    text: &str,
    tagged: &[(usize, tag::Tagged<'g>)],
    left_out: &mut Vec<LeftOut>,
) -> Vec<Toponym<'g>> {
    let queries: Vec<Query<'_, 'g>> = tagged
        .iter()
        .enumerate()
        .map(|(k, (_, t))| Query {
            surface: text.get(t.range.clone()).unwrap_or_default().to_lowercase(),
            candidates: &t.candidates,
            within: tagged
                .get(k + 1)
                .filter(|(_, n)| text.get(t.range.end..n.range.start) == Some(", "))
                .map(|_| k + 1),
        })
        .collect();
    let resolved = resolve::resolve(&queries);
    let mut toponyms = Vec::new();
    for ((si, t), resolution) in tagged.iter().zip(resolved) {
        let surface = text.get(t.range.clone()).unwrap_or_default();
        // "Saint Croix County": a county named after a far small town is still a county,
        // tagged without a place.
        let county = surface.ends_with(" County") || surface.ends_with(" Parish");
        let resolution = resolution.filter(|r| r.confident || !county);
        if resolution.as_ref().is_some_and(|r| !r.confident) {
            left_out.push(LeftOut {
                range: t.range.clone(),
                reason: "only a small town far from the article's other places bears this name"
                    .into(),
            });
            continue;
        }
        let reading = match &resolution {
            Some(r) if t.reading == Reading::Literal && is_metonym(text, &t.range, r) => {
                Reading::Metonym
            }
            _ => t.reading,
        };
        toponyms.push(Toponym {
            range: t.range.clone(),
            reading,
            sentence: *si,
            resolution,
        });
    }
    toponyms
}

/// A title-case line ("Heavy Floods Hit Louisiana Parishes"): at least three common English words
/// of four letters or more, and three in four of them capitalised. (Counting names would
/// take a sentence full of people and places for a title.)
fn looks_title_case(sentence: &str) -> bool {
    if sentence.lines().count() > 1 {
        return false;
    }
    let common: Vec<&str> = sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4 && tag::is_common(&w.to_lowercase()))
        .collect();
    let capitalised = common
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    common.len() >= 3 && capitalised * 4 >= common.len() * 3
}

/// A national capital followed by a verb of speech or policy stands for its government.
fn is_metonym(text: &str, range: &Range<usize>, r: &Resolution<'_>) -> bool {
    if r.place.kind != PlaceKind::City || r.place.capital_of.is_none() {
        return false;
    }
    let after = text.get(range.end..).unwrap_or_default();
    let owned = after
        .strip_prefix("’s")
        .or_else(|| after.strip_prefix("'s"));
    let next: String = owned
        .unwrap_or(after)
        .trim_start_matches(' ')
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let next = next.to_lowercase();
    GOVERNMENT_VERBS.contains(&next.as_str())
        || (owned.is_some() && GOVERNMENT_POSSESSIONS.contains(&next.as_str()))
}

/// What a capital's government has ("under Moscow's protection", "Beijing's envoy"):
/// after the possessive, the capital stands for its government. Not what the city has
/// ("Moscow's mayor", "Tehran's streets").
const GOVERNMENT_POSSESSIONS: &[&str] = &[
    "protection",
    "support",
    "backing",
    "blessing",
    "approval",
    "decision",
    "policy",
    "position",
    "stance",
    "response",
    "intervention",
    "envoy",
    "envoys",
    "ambassador",
    "forces",
    "troops",
    "military",
    "ally",
    "allies",
    "sanctions",
    "demands",
    "proposal",
    "influence",
    "pressure",
    "patronage",
];

/// Code point offset of each byte position (`len + 1` entries).
fn char_offsets(text: &str) -> Vec<usize> {
    let mut out = vec![0; text.len() + 1];
    let mut ci = 0;
    for (b, ch) in text.char_indices() {
        for k in 0..ch.len_utf8() {
            if let Some(slot) = out.get_mut(b + k) {
                *slot = ci;
            }
        }
        ci += 1;
    }
    if let Some(last) = out.last_mut() {
        *last = ci;
    }
    out
}

/// The toponyms as BRAT lines, `T1<TAB>LOCATION start end<TAB>text`, offsets in Unicode
/// code points into the text as given.
pub fn brat(text: &str, parsed: &Parsed<'_>) -> String {
    let cp = char_offsets(text);
    let mut out = String::new();
    for (k, t) in parsed.toponyms.iter().enumerate() {
        let s = cp.get(t.range.start).copied().unwrap_or_default();
        let e = cp.get(t.range.end).copied().unwrap_or_default();
        let surface = text.get(t.range.clone()).unwrap_or_default();
        out.push_str(&format!("T{}\tLOCATION {s} {e}\t{surface}\n", k + 1));
    }
    out
}

/// One JSON object per resolved toponym, `{"start", "end", "lat", "lon"}` (code points).
pub fn jsonl(text: &str, parsed: &Parsed<'_>) -> String {
    let cp = char_offsets(text);
    let mut out = String::new();
    for t in &parsed.toponyms {
        let Some(r) = &t.resolution else { continue };
        let line = json!({
            "start": cp.get(t.range.start).copied().unwrap_or_default(),
            "end": cp.get(t.range.end).copied().unwrap_or_default(),
            "lat": r.place.lat,
            "lon": r.place.lon,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// A text of at least `words` words for benchmarks: the embedded article repeated, each
/// copy's sentences marked with its number so that no sentence repeats.
pub fn bench_text(words: usize) -> String {
    let article = include_str!("../../assets/article.txt");
    let mut out = String::new();
    let mut copy = 1;
    while out.split_whitespace().count() < words {
        out.push_str(&article.replace(". ", &format!(" ({copy}). ")));
        out.push_str("\n\n");
        copy += 1;
    }
    out
}

/// A draft atlas of `text`, in memory (for benchmarks and tests: the same files
/// `aras new` writes). `None` if the embedded gazetteer is unreadable.
pub fn draft_source(text: &str, file_name: &str) -> Option<crate::model::AtlasSource> {
    let gaz = Gazetteer::embedded().ok()?;
    let parsed = parse(text, gaz);
    let draft = draft::make(text, file_name, &parsed, gaz);
    let files = draft
        .files
        .into_iter()
        .map(|(name, body)| (name.to_owned(), body.into_bytes()))
        .collect();
    Some(crate::model::AtlasSource::Memory(std::sync::Arc::new(
        files,
    )))
}

/// A world-scale article (capitals on every continent), for the world-frame benchmark.
pub const WORLD_TEXT: &str = include_str!("../../tests/fixtures/new/world.txt");
