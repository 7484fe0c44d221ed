//! Mentions: every place in the readable article where an element is named, by its name,
//! an alias, a demonym standing for the state ("Iranian officials") or a capital standing
//! for its government ("Tehran was widely believed …"). Found once at load.
//!
//! Overlaps go to the longest match ("Tehran Times" over "Tehran"). A term that names two
//! elements ("Baku": the city, or Azerbaijan's government) goes to the one the covering
//! passage is linked to, else to the element whose own name or alias it is.
//!
//! A link IS a mention of what it links: a short passage (at most
//! [`LINKED_NAME_WORDS`] words) linked to one element, naming no element by the terms
//! above ("R-Neb." linked to Nebraska), is a mention of that element. A longer passage
//! must name its element, or the check lists it — except evidence: a passage linked to a
//! route, a region, a relation or an event may name the thing's ends instead (a route's
//! `via` countries and what lies in them, a relation's two actors, an event's places),
//! in the passage or the sentence around it. A route or region the text only describes
//! is named by such evidence, and Review counts it ([`Coverage::named_by_evidence`]).

use std::collections::HashSet;
use std::ops::Range;

use super::{Atlas, ElementId, LinkId, PartKind};

/// How a mention names its element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Via {
    Name,
    Metonym,
    Demonym,
    /// A short passage linked to the element that names it in another form.
    Link,
}

/// A linked passage of at most this many words that names no element by its terms is
/// a mention of the one element it is linked to.
pub const LINKED_NAME_WORDS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte range in the article text.
    pub range: Range<usize>,
    pub element: ElementId,
    pub via: Via,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// All mentions in the readable parts, sorted by position, never overlapping.
pub fn find(atlas: &Atlas) -> Vec<Mention> {
    with_linked_names(atlas, resolve(atlas, candidates(atlas)))
}

/// Adds, for each short passage linked to one element that holds no mention, the
/// passage as a mention of that element (where it overlaps no other mention).
fn with_linked_names(atlas: &Atlas, mut found: Vec<Mention>) -> Vec<Mention> {
    let overlaps = |r: &Range<usize>, ms: &[Mention]| {
        ms.iter()
            .any(|m| m.range.start < r.end && r.start < m.range.end)
    };
    let mut added: Vec<Mention> = Vec::new();
    for l in &atlas.links {
        let [element] = l.elements.as_slice() else {
            continue;
        };
        let text = atlas.article.slice(&l.range);
        let words = text.split_whitespace().count();
        if words == 0 || words > LINKED_NAME_WORDS {
            continue;
        }
        if overlaps(&l.range, &found) || overlaps(&l.range, &added) {
            continue;
        }
        added.push(Mention {
            range: l.range.clone(),
            element: *element,
            via: Via::Link,
        });
    }
    found.extend(added);
    found.sort_by_key(|m| m.range.start);
    found
}

/// Every occurrence of every term, overlapping ones included.
fn candidates(atlas: &Atlas) -> Vec<Mention> {
    let mut terms: Vec<(&str, ElementId, Via)> = Vec::new();
    // A name that starts with its article ("The West") is named mid-sentence in lower
    // case ("the West").
    let lowered: Vec<(String, ElementId)> = atlas
        .elements
        .iter()
        .filter(|e| e.kind != super::Kind::Relation)
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| (n, e.id))
        })
        .filter_map(|(n, id)| Some((format!("the {}", n.strip_prefix("The ")?), id)))
        .collect();
    terms.extend(lowered.iter().map(|(n, id)| (n.as_str(), *id, Via::Name)));
    // A name that starts with a direction or a like word ("Eastern Ghouta") is written
    // with it in lower case in running text ("in eastern Ghouta").
    let lower_first: Vec<(String, ElementId)> = atlas
        .elements
        .iter()
        .filter(|e| e.kind != super::Kind::Relation)
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| (n, e.id))
        })
        .filter_map(|(n, id)| Some((lower_first_word(n)?, id)))
        .collect();
    terms.extend(
        lower_first
            .iter()
            .map(|(n, id)| (n.as_str(), *id, Via::Name)),
    );
    for el in atlas
        .elements
        .iter()
        .filter(|e| e.kind != super::Kind::Relation)
    {
        for n in std::iter::once(&el.name).chain(&el.aliases) {
            terms.push((n, el.id, Via::Name));
        }
        terms.extend(
            el.metonyms
                .iter()
                .map(|n| (n.as_str(), el.id, Via::Metonym)),
        );
        terms.extend(
            el.demonyms
                .iter()
                .map(|n| (n.as_str(), el.id, Via::Demonym)),
        );
    }
    let mut candidates: Vec<Mention> = Vec::new();
    for (_, part) in atlas.article.readable_parts() {
        if part.kind == PartKind::Furniture {
            continue;
        }
        let block = atlas.article.slice(&part.range);
        for (term, id, via) in &terms {
            if term.is_empty() {
                continue;
            }
            for (i, _) in block.match_indices(term) {
                let before = block.get(..i).and_then(|b| b.chars().next_back());
                let after = block.get(i + term.len()..).and_then(|a| a.chars().next());
                if is_word_char(before) || is_word_char(after) {
                    continue;
                }
                let start = part.range.start + i;
                candidates.push(Mention {
                    range: start..start + term.len(),
                    element: *id,
                    via: *via,
                });
            }
        }
    }
    candidates
}

/// First words of a name that running text writes in lower case ("eastern Ghouta",
/// "northern Syria", "the occupied West Bank"): adjectives of direction, position and
/// status. Not the compass nouns ("North Korea" is no "north Korea"), and no other word:
/// "Turkey" is not "turkey", nor "Reading" "reading".
const LOWER_FIRST_WORDS: &[&str] = &[
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "Central",
    "North-Eastern",
    "North-Western",
    "South-Eastern",
    "South-Western",
    "Northeastern",
    "Northwestern",
    "Southeastern",
    "Southwestern",
    "Upper",
    "Lower",
    "Greater",
    "Occupied",
];

/// The name with its first word in lower case, if that word is one of
/// [`LOWER_FIRST_WORDS`] and a capitalised word follows: "Eastern Ghouta" → "eastern
/// Ghouta".
fn lower_first_word(name: &str) -> Option<String> {
    let (first, rest) = name.split_once(' ')?;
    let starts_name = rest.chars().next().is_some_and(char::is_uppercase);
    (LOWER_FIRST_WORDS.contains(&first) && starts_name)
        .then(|| format!("{} {rest}", first.to_lowercase()))
}

/// Picks one mention per stretch of text.
fn resolve(atlas: &Atlas, mut candidates: Vec<Mention>) -> Vec<Mention> {
    // Longest first at each start; then by how well the covering passage agrees.
    let linked_at = |m: &Mention| -> bool {
        atlas.links.iter().any(|l| {
            l.range.start <= m.range.start
                && m.range.end <= l.range.end
                && l.elements.contains(&m.element)
        })
    };
    candidates.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.len().cmp(&a.range.len()))
            .then(linked_at(b).cmp(&linked_at(a)))
            .then(a.via.cmp(&b.via))
            .then(a.element.cmp(&b.element))
    });
    let mut out: Vec<Mention> = Vec::new();
    for m in candidates {
        if out
            .last()
            .is_some_and(|last| m.range.start < last.range.end)
        {
            continue;
        }
        out.push(m);
    }
    out
}

/// What `aras check` and the app's coverage report list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    /// Names in the text that name no element and are not declared `not_entities` in
    /// `article.json`: probably a missing place, actor or alias. A run of capitalised
    /// words is one name, listed once, where it first stands; common words capitalised
    /// at a sentence's or quotation's start, titles and people's names are left out
    /// (see `unlinked_names`).
    pub unlinked_names: Vec<(Range<usize>, String)>,
    /// Elements (not context) that the text never names.
    pub unmentioned_elements: Vec<ElementId>,
    /// Links whose passage names none of their elements.
    pub unmentioned_links: Vec<LinkId>,
    /// Routes and regions the text names only by describing them: each with the number
    /// of its evidence passages (see `evidence_names`), which count as its mentions.
    pub named_by_evidence: Vec<(ElementId, usize)>,
}

impl Coverage {
    pub fn is_clean(&self) -> bool {
        self.unlinked_names.is_empty()
            && self.unmentioned_elements.is_empty()
            && self.unmentioned_links.is_empty()
    }
}

/// Kinds the text describes rather than names ("searched an Aeroflot passenger plane"
/// for a London–Moscow route): their evidence may name only their ends.
fn is_described(kind: super::Kind) -> bool {
    matches!(
        kind,
        super::Kind::Corridor | super::Kind::Region | super::Kind::Relation
    )
}

/// The elements a passage linked to `el` may name instead of `el` itself: a relation's
/// two ends, a route's `via` countries and regions (and what lies in them).
fn ends_of(atlas: &Atlas, el: &super::Element) -> Vec<ElementId> {
    let mut ends: Vec<ElementId> = el
        .relation
        .as_ref()
        .map(|r| vec![r.from, r.to])
        .unwrap_or_default();
    if let Some(via) = el.properties.get("via").and_then(|v| v.as_array()) {
        ends.extend(via.iter().filter_map(|k| atlas.by_key(k.as_str()?)));
    }
    // What lies in an end (London in the United Kingdom) names it too.
    let inner: Vec<ElementId> = atlas
        .elements
        .iter()
        .filter(|e| {
            e.part_of.is_some_and(|p| ends.contains(&p))
                || e.properties
                    .get("country")
                    .and_then(|c| atlas.by_key(c.as_str()?))
                    .is_some_and(|c| ends.contains(&c))
        })
        .map(|e| e.id)
        .collect();
    ends.extend(inner);
    ends
}

/// Whether link `l`'s passage names one of its elements. A passage linked to a route, a
/// region, a relation or an event is their evidence: it may name the thing's ends
/// instead (a relation's two actors, a route's countries, an event's places), and in the
/// sentence around it, since an author shrinks such a passage to the clause that
/// describes the thing ("when they were attacked March 4" in a sentence naming Salisbury).
fn evidence_names(atlas: &Atlas, mentions: &[Mention], l: &super::Link) -> bool {
    let own = |m: &Mention, r: &Range<usize>| r.start <= m.range.start && m.range.end <= r.end;
    if mentions
        .iter()
        .any(|m| own(m, &l.range) && l.elements.contains(&m.element))
    {
        return true;
    }
    let event = atlas.events.iter().any(|e| e.link == l.id);
    let described: Vec<&super::Element> = l
        .elements
        .iter()
        .filter_map(|id| atlas.element(*id))
        .filter(|e| is_described(e.kind))
        .collect();
    if !event && described.is_empty() {
        return false;
    }
    let mut names: Vec<ElementId> = l.elements.clone();
    for el in &described {
        names.extend(ends_of(atlas, el));
    }
    let around = atlas.article.sentence_range_around(&l.range);
    mentions
        .iter()
        .any(|m| own(m, &around) && names.contains(&m.element))
}

/// Computes the coverage report from the mentions.
pub fn coverage(atlas: &Atlas, mentions: &[Mention], not_entities: &[String]) -> Coverage {
    let mut cov = Coverage::default();
    // An element named inside a longer name ("the Caspian Sea" in the convention's title)
    // is still named.
    let all = candidates(atlas);
    // Relations are named by their two ends, not by a name of their own; a route or a
    // region the author drew may be named only by its evidence (see [`evidence_names`]).
    for el in atlas
        .elements
        .iter()
        .filter(|e| e.kind != super::Kind::Relation)
    {
        let named = |m: &Mention| m.element == el.id;
        if all.iter().any(named) || mentions.iter().any(named) {
            continue;
        }
        let by_evidence = if is_described(el.kind) {
            atlas
                .links_of(el.id)
                .iter()
                .filter_map(|l| atlas.link(*l))
                .filter(|l| evidence_names(atlas, mentions, l))
                .count()
        } else {
            0
        };
        if by_evidence > 0 {
            cov.named_by_evidence.push((el.id, by_evidence));
        } else if !el.context {
            cov.unmentioned_elements.push(el.id);
        }
    }
    for l in &atlas.links {
        if !evidence_names(atlas, mentions, l) {
            cov.unmentioned_links.push(l.id);
        }
    }
    cov.unlinked_names = unlinked_names(atlas, mentions, not_entities);
    cov
}

/// A capitalised word of the text that no mention covers.
#[derive(Clone, Debug)]
struct CapWord {
    /// The word, its possessive or hyphenated tail left off ("Wang" of "Wang’s").
    range: Range<usize>,
    /// It starts a sentence or a quotation, where any word is capitalised.
    initial: bool,
    /// It follows the previous capitalised word with only a space between: the two
    /// are one name ("Wang Quanzhang").
    joined: bool,
    /// The word before it, lower case, without punctuation ("mr" before "Smith").
    before: String,
}

/// Marks that open a quotation or an aside: the word after one is capitalised anyway.
const OPENERS: &[char] = &['“', '"', '‘', '\'', '(', '[', '«', '—', '-'];
/// Marks that close one, after a sentence's full stop (“… he said.” Then).
const CLOSERS: &[char] = &['”', '"', '’', '\'', ')', ']', '»'];

/// The capitalised words of a part that no mention covers, in order.
fn cap_words(article: &super::Article, range: &Range<usize>, mentions: &[Mention]) -> Vec<CapWord> {
    let block = article.slice(range);
    let covered = |s: usize, e: usize| {
        mentions
            .iter()
            .any(|m| m.range.start <= s && e <= m.range.end)
    };
    let mut out: Vec<CapWord> = Vec::new();
    let (mut sentence_start, mut clean_cap, mut before) = (true, false, String::new());
    let mut i = 0;
    for word in block.split_inclusive([' ', '\n']) {
        let start = range.start + i;
        i += word.len();
        let trimmed = word.trim_end();
        let core = trimmed.trim_matches(|c: char| !c.is_alphanumeric());
        let lead = trimmed.find(core).unwrap_or(0);
        let opening = trimmed.get(..lead).unwrap_or_default();
        let closing = trimmed.get(lead + core.len()..).unwrap_or_default();
        // A dash or bullet standing alone ("- China's 'lies' - For several days")
        // starts a new sentence as a full stop does.
        if core.is_empty() {
            sentence_start |= trimmed.contains(['-', '–', '—', '•', '|']) || word.ends_with('\n');
            (clean_cap, before) = (false, String::new());
            continue;
        }
        let initial = sentence_start || opening.contains(OPENERS);
        sentence_start = word.ends_with('\n')
            || closing
                .trim_end_matches(CLOSERS)
                .ends_with(['.', '?', '!', ':']);
        // Possessive and hyphenated forms: "Russia’s" is covered by "Russia".
        let head = core.split(['’', '\'', '-', '–']).next().unwrap_or(core);
        let s = start + lead;
        let was_clean = std::mem::replace(&mut clean_cap, false);
        let word_before = std::mem::replace(&mut before, head.to_lowercase());
        if head.is_empty()
            || !head.chars().next().is_some_and(char::is_uppercase)
            || covered(s, s + core.len())
            || covered(s, s + head.len())
        {
            continue;
        }
        out.push(CapWord {
            range: s..s + head.len(),
            initial,
            joined: was_clean && opening.is_empty(),
            before: word_before,
        });
        clean_cap = closing.is_empty() && head.len() == core.len();
    }
    out
}

/// Runs of capitalised words that are one name ("Human Rights Watch").
fn runs(words: Vec<CapWord>) -> Vec<Vec<CapWord>> {
    let mut out: Vec<Vec<CapWord>> = Vec::new();
    for w in words {
        if w.joined
            && let Some(run) = out.last_mut()
        {
            run.push(w);
        } else {
            out.push(vec![w]);
        }
    }
    out
}

/// What a run of capitalised words is, read as a newcomer reads the coverage list.
#[derive(Debug, PartialEq)]
enum Reading {
    /// Plausibly a place or actor the atlas misses.
    Name,
    /// A person's name: its words are that person's elsewhere in the text too.
    Person,
    /// Nothing to link: a common word capitalised at a sentence's start, a title.
    Noise,
}

/// Words for a person's role or kin, before their name ("the lawyer Xie Yang").
const ROLES: &[&str] = &[
    "attorney",
    "lawyer",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "mother",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "reporter",
    "activist",
    "leader",
];

/// English words that never name a place alone: capitalised mid-sentence, a sentence
/// starts there that the text did not punctuate ("April 3, 2018 Of course").
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "but", "and", "or", "as", "by", "if",
    "so", "no", "we", "i", "you", "he", "she", "it", "they", "this", "that", "there", "when",
    "while", "after", "before", "with", "from",
];

/// A title or role before a name ("Mr", "PM", "Foreign Minister", "his wife").
fn is_title_or_role(word: &str) -> bool {
    crate::geoparse::tag::is_title(word)
        || ROLES.contains(&word)
        || matches!(
            word,
            "pm" | "mp" | "ambassador" | "commissioner" | "registrar"
        )
}

/// Reads a run (its words lower case, the first word's context in `first`).
fn read_run(words: &[String], first: &CapWord) -> Reading {
    use crate::geoparse::tag;
    let [one, ..] = words else {
        return Reading::Noise;
    };
    let single = words.len() == 1;
    // "US4.5" (billion): a number, not a name.
    let number = one.contains('.') && one.chars().any(|c| c.is_ascii_digit());
    if single
        && (is_title_or_role(one)
            || tag::is_month_or_day(one)
            || FUNCTION_WORDS.contains(&one.as_str())
            || one.chars().count() == 1
            || number)
    {
        return Reading::Noise;
    }
    // "Qinglong Valley Detention Centre", "Delta Hills Camp".
    if words.iter().any(|w| tag::is_geo_head(w)) {
        return Reading::Name;
    }
    // "Mr Jordan", "Foreign Minister Karl Erjavec", "his wife Li Wenzu", "Donald Trump".
    let titled = is_title_or_role(&first.before)
        || words
            .iter()
            .take(words.len() - 1)
            .any(|w| is_title_or_role(w));
    let given = !single && tag::is_first_name(one) && !tag::starts_place_name(one);
    if titled || given {
        return Reading::Person;
    }
    Reading::Name
}

/// The names in the text that name no element, each once (where it first stands), as a
/// newcomer reads them: a run of capitalised words is one name; a common word
/// capitalised at the start of a sentence or quotation, a title, a person's name (and
/// that person's names standing alone elsewhere) and `not_entities` are left out.
fn unlinked_names(
    atlas: &Atlas,
    mentions: &[Mention],
    not_entities: &[String],
) -> Vec<(Range<usize>, String)> {
    let article = &atlas.article;
    let mut all: Vec<(Range<usize>, Vec<String>, Reading)> = Vec::new();
    for (_, part) in article.readable_parts() {
        if matches!(
            part.kind,
            PartKind::Furniture
                | PartKind::Title
                | PartKind::Heading
                | PartKind::Author
                | PartKind::AuthorRole
        ) {
            continue;
        }
        for mut run in runs(cap_words(article, &part.range, mentions)) {
            // "But Beijing", "The Hague": the sentence's common first word is no name.
            while run.first().is_some_and(|w| {
                w.initial
                    && crate::geoparse::tag::is_common_form(&article.slice(&w.range).to_lowercase())
            }) {
                run.remove(0);
            }
            let (Some(first), Some(last)) = (run.first(), run.last()) else {
                continue;
            };
            let words: Vec<String> = run
                .iter()
                .map(|w| article.slice(&w.range).to_owned())
                .collect();
            let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            let reading = read_run(&lower, first);
            all.push((first.range.start..last.range.end, words, reading));
        }
    }
    // A word of a person's name is that person's wherever it stands alone.
    let persons: HashSet<&str> = all
        .iter()
        .filter(|(_, _, r)| *r == Reading::Person)
        .flat_map(|(_, w, _)| w.iter().map(String::as_str))
        .collect();
    // "Wang" alone is the "Wang Quanzhang" already listed.
    let in_longer: HashSet<&str> = all
        .iter()
        .filter(|(_, w, r)| *r == Reading::Name && w.len() > 1)
        .flat_map(|(_, w, _)| w.iter().map(String::as_str))
        .collect();
    let declared = |w: &str| not_entities.iter().any(|n| n == w);
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    for (range, words, reading) in &all {
        let name = article.slice(range).to_owned();
        if *reading != Reading::Name
            || declared(&name)
            || words
                .iter()
                .all(|w| declared(w) || persons.contains(w.as_str()))
            || (words.len() == 1 && in_longer.contains(name.as_str()))
            || out.iter().any(|(_, n)| *n == name)
        {
            continue;
        }
        out.push((range.clone(), name));
    }
    out
}
