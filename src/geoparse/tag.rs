//! Geotagging: finding the place names in a sentence. Literal names (the longest
//! gazetteer name that starts at a capitalised word, extended word by word while
//! [`Gazetteer::is_prefix`] says a longer name may follow), names inside organisation
//! names ("Tehran Times"), demonyms and adjectives standing for a country ("Iranian
//! officials"), and names not in the gazetteer that end in a geographic word ("Faubourg
//! Marigny Street"). Every capitalised word that matched a name but was left out is kept
//! with the reason: months and weekdays, people's names ("Mr Jordan", "Paris Hilton",
//! "George Washington"), turkey the bird, and common words at the start of a sentence or
//! in a title-case line.

use std::ops::Range;

use crate::gazetteer::{Candidate, Gazetteer, MatchKind, PlaceKind};

/// How a toponym names its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reading {
    /// The place's own name or an alternate name.
    Literal,
    /// A demonym or adjective standing for a country ("Iranian").
    Demonym,
    /// A capital standing for its government ("Tehran said").
    Metonym,
}

/// A place name found in the text.
#[derive(Clone, Debug)]
pub struct Tagged<'g> {
    /// Byte range into the whole text.
    pub range: Range<usize>,
    pub reading: Reading,
    /// Gazetteer candidates, best first as the gazetteer ranks them; empty for a name
    /// not in the gazetteer (found by its geographic head word).
    pub candidates: Vec<Candidate<'g>>,
}

/// Something that looked like a place but was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// Byte range into the whole text.
    pub range: Range<usize>,
    pub reason: String,
}

/// A word of the text: a run of letters and digits, or an abbreviation like "U.S.".
#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    cap: bool,
}

fn tokens(text: &str, range: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let s = text.get(range.clone()).unwrap_or_default();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if !d.is_alphanumeric() {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        // "U.S.", "U.K.", "D.C.": single capitals joined by full stops.
        if end - i == c.len_utf8() && c.is_uppercase() {
            let rest = s.get(end..).unwrap_or_default();
            let mut chars = rest.chars();
            if chars.next() == Some('.')
                && chars.next().is_some_and(char::is_uppercase)
                && chars.next() == Some('.')
            {
                end += 1;
                while let Some(&(j, d)) = it.peek() {
                    if d == '.' || d.is_uppercase() {
                        let after_dot = d == '.';
                        it.next();
                        end = j + 1;
                        if after_dot
                            && !s
                                .get(j + 1..)
                                .and_then(|r| r.chars().next())
                                .is_some_and(char::is_uppercase)
                        {
                            break;
                        }
                    } else {
                        break;
                    }
                }
            }
        }
        out.push(Tok {
            start: range.start + i,
            end: range.start + end,
            cap: c.is_uppercase(),
        });
    }
    out
}

/// True for a title before a person's name ("mr", "president"; `word` in lower case).
pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
}

/// True for a word that ends the name of a place ("street", "river", "hospital";
/// `word` in lower case).
pub fn is_geo_head(word: &str) -> bool {
    GEO_HEADS.contains(&word) || SAME_PLACE_HEADS.contains(&word)
}

/// True for a word that starts a place's name rather than a person's ("santa", "new",
/// "north"; `word` in lower case).
pub fn starts_place_name(word: &str) -> bool {
    LEADING_HEADS.contains(&word) || NAME_WORDS.contains(&word) || DIRECTIONS.contains(&word)
}

/// True for a common English word or an inflected form of one ("fearing", "analysts";
/// `word` in lower case).
pub fn is_common_form(word: &str) -> bool {
    let stem_common = |suffix: &str| {
        word.strip_suffix(suffix)
            .is_some_and(|stem| is_common(stem) || is_common(&format!("{stem}e")))
    };
    is_common(word) || ["s", "es", "ed", "d", "ing"].into_iter().any(stem_common)
}

/// True for a month or weekday name (`word` in lower case).
pub fn is_month_or_day(word: &str) -> bool {
    MONTHS_AND_DAYS.contains(&word)
}

/// Words that are never a place on their own.
const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words capitalised only because they start a sentence or a quotation ("Earlier,",
/// "“Meanwhile the"): adverbs, conjunctions, prepositions, determiners and pronouns.
/// They never start a place's name unless the gazetteer holds a longer name beginning
/// with them ("The Hague", "Los Angeles"), and alone they are never a place.
const FUNCTION_WORDS: &[&str] = &[
    "earlier",
    "later",
    "meanwhile",
    "however",
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "instead",
    "still",
    "also",
    "then",
    "here",
    "there",
    "soon",
    "once",
    "after",
    "before",
    "since",
    "when",
    "whenever",
    "while",
    "whilst",
    "although",
    "though",
    "but",
    "and",
    "or",
    "nor",
    "yet",
    "so",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "without",
    "within",
    "by",
    "as",
    "if",
    "now",
    "many",
    "some",
    "most",
    "all",
    "both",
    "each",
    "every",
    "few",
    "several",
    "such",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "your",
    "we",
    "they",
    "he",
    "she",
    "it",
    "i",
    "you",
    "according",
    "despite",
    "during",
    "under",
    "over",
    "into",
    "about",
    "against",
    "among",
    "amid",
    "between",
    "across",
    "through",
    "toward",
    "towards",
    "upon",
    "unlike",
    "until",
    "unless",
    "because",
    "whether",
    "where",
    "why",
    "how",
    "what",
    "which",
    "who",
    "whose",
    "whom",
    "not",
    "no",
    "only",
    "even",
    "just",
    "already",
    "again",
    "never",
    "always",
    "often",
    "sometimes",
    "recently",
    "previously",
    "currently",
    "finally",
    "initially",
    "eventually",
    "separately",
    "additionally",
    "furthermore",
    "moreover",
    "nevertheless",
    "nonetheless",
    "otherwise",
    "therefore",
    "thus",
    "hence",
    "indeed",
    "perhaps",
    "maybe",
    "overnight",
    "elsewhere",
    "nearby",
    "abroad",
    "officially",
    "reportedly",
    "apparently",
    "allegedly",
    "ultimately",
    "subsequently",
    "likewise",
    "similarly",
    "besides",
    "altogether",
    "afterwards",
    "afterward",
    "thereafter",
    "lately",
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "might",
    "must",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "let",
];

/// True for a word that is capitalised only by its place in the sentence (`word` in
/// lower case): see [`FUNCTION_WORDS`].
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
}

/// Prefixes that make a demonym part of a compound ("Pan-American").
const COMPOUND_PREFIXES: &[&str] = &[
    "pan", "anti", "pro", "afro", "anglo", "euro", "latin", "trans", "inter", "non", "ex", "neo",
    "post", "pre", "sino", "indo", "franco", "greco", "judeo", "austro",
];

/// Titles before a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "minister",
    "judge",
    "justice",
    "coach",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sir",
    "lord",
    "lady",
    "general",
    "gen",
    "col",
    "colonel",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "officer",
    "chief",
    "mayor",
    "secretary",
    "chairman",
    "ceo",
    "director",
    "st",
    "saint",
    "bishop",
    "father",
    "rev",
    "reverend",
    "sheikh",
    "ayatollah",
    "imam",
    "detective",
    "lt",
    "lieutenant",
    "deputy",
];

/// Words around "turkey" that mean the bird.
const BIRD_CONTEXT: &[&str] = &[
    "roast",
    "roasted",
    "wild",
    "thanksgiving",
    "christmas",
    "dinner",
    "sandwich",
    "sandwiches",
    "burger",
    "burgers",
    "wings",
    "breast",
    "leg",
    "legs",
    "hunt",
    "hunting",
    "hunter",
    "hunters",
    "feathers",
    "stuffing",
    "carve",
    "carving",
    "gravy",
    "meat",
    "deli",
    "gobble",
    "frozen",
    "fried",
    "bird",
    "birds",
    "pardon",
    "pardoned",
    "brined",
    "smoked",
    "ground",
    "bacon",
    "sliced",
    "cranberry",
    "a",
];

/// Capitalised words that may start a multi-word name of a place not in the gazetteer,
/// and words that end one ("Third Presbyterian Church", "Mississippi River").
const GEO_HEADS: &[&str] = &[
    "street",
    "avenue",
    "road",
    "boulevard",
    "highway",
    "square",
    "bridge",
    "park",
    "river",
    "lake",
    "mountains",
    "mountain",
    "valley",
    "island",
    "islands",
    "bay",
    "gulf",
    "strait",
    "canal",
    "peninsula",
    "county",
    "parish",
    "province",
    "district",
    "quarter",
    "church",
    "cathedral",
    "airport",
    "station",
    "harbor",
    "harbour",
    "port",
    "beach",
    "coast",
    "desert",
    "sea",
    "ocean",
    "creek",
    "falls",
    "canyon",
    "forest",
    "hill",
    "hills",
    "plaza",
    "stadium",
    "arena",
    "neighborhood",
    "township",
    "borough",
    "prefecture",
    "governorate",
    "oblast",
    "corridor",
    "pass",
    "basin",
    "delta",
    "plateau",
    "heights",
    "refinery",
    "dam",
    "border",
    // Buildings and institutions that GeoWebNews' guidelines count as places
    // ("Colchester General Hospital", "Cloverhill District Court", "South Kilburn Estate").
    "estate",
    "hospital",
    "school",
    "academy",
    "university",
    "court",
    "embassy",
    "centre",
    "center",
    "hall",
    "prison",
    "wing",
    "side",
];

/// Compass words: alone ("the West", "South") never a place here; before a place they
/// make one name with it ("South Florida", "East of England", "West Wing").
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// US Census 1990 given names (see `tools/make_first_names.sh`).
const FIRST_NAMES: &str = include_str!("first_names.txt");

/// True if `word_lower` is a common given name (the list is parsed once).
pub fn is_first_name(word_lower: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| FIRST_NAMES.lines().collect())
        .contains(word_lower)
}

/// Words that continue a name inside an organisation, or direction words before a name:
/// a capital word there does not make the place a person's name.
const NAME_WORDS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "new",
    "old",
    "times",
    "post",
    "news",
    "daily",
    "herald",
    "tribune",
    "journal",
    "press",
    "university",
    "college",
    "school",
    "institute",
    "company",
    "bank",
    "air",
    "airlines",
    "airways",
    "council",
    "police",
    "department",
    "ministry",
    "government",
    "army",
    "navy",
    "forces",
    "national",
    "international",
    "state",
    "city",
    "republic",
    "federal",
    "club",
    "united",
    "fc",
    "party",
    "group",
    "association",
    "center",
    "centre",
    "museum",
    "hospital",
    "office",
    "court",
    "league",
    "cup",
    "open",
    "tech",
    "guard",
    "fire",
    "public",
    "county",
    "metro",
    "general",
    "times-picayune",
    "globe",
];

/// Lower-case English words that are also names of (mostly small) places. Derived from
/// `wordfreq` and `english-words` (see `assets/README.md`).
const COMMON_WORDS: &str = include_str!("common_words.txt");

/// True if `word_lower` is a common English word (the list is parsed once).
pub fn is_common(word_lower: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON_WORDS.lines().collect())
        .contains(word_lower)
}

/// The tagger over one text: the gazetteer, and how often each capitalised word occurs
/// in the text (lower case), to tell a person's surname seen alone elsewhere.
pub struct Tagger<'g> {
    pub gaz: &'g Gazetteer,
    pub counts: std::collections::HashMap<String, usize>,
    /// Words (lower case) that somewhere follow a capitalised name or title ("Vladimir
    /// Putin", "Mr Nuiry"): a person's surname, not an unknown place.
    pub after_names: std::collections::HashSet<String>,
}

/// The capitalised words of `text` (lower case) that follow another capitalised word
/// that is not a function word nor a common one (titles count), with a space between.
pub fn words_after_names(text: &str) -> std::collections::HashSet<String> {
    let toks = tokens(text, 0..text.len());
    let word = |t: &Tok| text.get(t.start..t.end).unwrap_or_default().to_lowercase();
    toks.windows(2)
        .filter_map(|w| match w {
            [a, b] if a.cap && b.cap && text.get(a.end..b.start) == Some(" ") => {
                let first = word(a);
                let named = !is_function_word(&first)
                    && (!is_common(&first) || TITLES.contains(&first.as_str()));
                named.then(|| word(b))
            }
            _ => None,
        })
        .collect()
}

/// Prepositions of place before a name the gazetteer lacks ("in Khayelitsha", "near
/// Dunshaughlin", "moved to Thornhill").
const LOCATIVE: &[&str] = &[
    "in", "near", "at", "outside", "between", "around", "via", "from", "to",
];

/// A word that may be part of a place's name the gazetteer lacks: capitalised, not in
/// capitals, letters only, and no English word, given name, title, month, compass word
/// or organisation word.
fn plain_name_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    let l = lower.as_str();
    w.chars().count() >= 3
        && w.chars().all(char::is_alphabetic)
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && !is_common_form(l)
        && !is_first_name(l)
        && !is_function_word(l)
        && ![
            TITLES,
            NAME_WORDS,
            GEO_HEADS,
            SAME_PLACE_HEADS,
            MONTHS_AND_DAYS,
            DIRECTIONS,
        ]
        .iter()
        .any(|list| list.contains(&l))
}

/// How often each capitalised word occurs in `text`, by its lower-case form.
pub fn word_counts(text: &str) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for t in tokens(text, 0..text.len()).iter().filter(|t| t.cap) {
        if let Some(w) = text.get(t.start..t.end) {
            *counts.entry(w.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

/// Words that start the name of a natural feature or settlement ("Gulf of Mexico",
/// "Lake Charles", "Fort Worth"): with the capitalised words after them (and an "of"),
/// they are a place name even when the gazetteer lacks them.
const LEADING_HEADS: &[&str] = &[
    "lake",
    "mount",
    "gulf",
    "strait",
    "straits",
    "sea",
    "bay",
    "cape",
    "isle",
    "fort",
    "port",
    "river",
    "mountains",
    "lac",
    "rio",
    "sierra",
    "point",
    "saint",
    "san",
    "santa",
];

/// Head words after a place name that keep it the same place ("Orleans Parish",
/// "Kashmir Valley"): the span grows, the place stays.
const SAME_PLACE_HEADS: &[&str] = &[
    "county",
    "parish",
    "province",
    "district",
    "region",
    "governorate",
    "oblast",
    "prefecture",
    "valley",
    "municipality",
    "territory",
];

/// Looks a surface up, trying the plural ("Iranians"), and the abbreviation without
/// dots ("U.S." as "US"). Demonyms are kept only for single words.
fn lookup<'g>(gaz: &'g Gazetteer, surface: &str) -> Vec<Candidate<'g>> {
    let c = gaz.candidates(surface);
    if !c.is_empty() {
        return c;
    }
    if surface.contains('.') {
        let undotted: String = surface.chars().filter(|&c| c != '.').collect();
        let c = gaz.candidates(&undotted);
        if !c.is_empty() {
            return c;
        }
    }
    if let Some(singular) = surface.strip_suffix('s') {
        let c: Vec<Candidate<'g>> = gaz
            .candidates(singular)
            .into_iter()
            .filter(|c| c.matched == MatchKind::Demonym)
            .collect();
        if !c.is_empty() {
            return c;
        }
    }
    Vec::new()
}

/// What [`Tagger::sentence`] found in one sentence.
#[derive(Default)]
pub struct SentenceTags<'g> {
    pub tagged: Vec<Tagged<'g>>,
    pub left_out: Vec<LeftOut>,
    /// Words (lower case) found to be part of a person's name.
    pub persons: Vec<String>,
}

impl<'g> Tagger<'g> {
    /// Tags one sentence (`range`: bytes into `text`). `title_case` says the sentence is
    /// in a title or heading where every word may be capitalised.
    pub fn sentence(&self, text: &str, range: Range<usize>, title_case: bool) -> SentenceTags<'g> {
        let mut scan = Scan {
            tagger: self,
            text,
            toks: tokens(text, range),
            title_case,
            out: SentenceTags::default(),
        };
        let mut i = 0;
        while let Some(t) = scan.toks.get(i) {
            i = if t.cap { scan.name_at(i) } else { i + 1 };
        }
        scan.out
    }

    /// A compass word at token `i` and the name it starts: a capitalised run (after an
    /// optional "of") ending in a geographic head word ("South Kilburn Estate", no
    /// candidates), else the gazetteer name right after it ("West Surrey": Surrey's
    /// candidates). (last token, candidates), or None if no name follows.
    fn direction_name(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
    ) -> Option<(usize, Vec<Candidate<'g>>)> {
        let mut k = i + 1;
        let next = toks.get(k)?;
        if !joinable(text, toks.get(i)?.end, next.start) {
            return None;
        }
        if text.get(next.start..next.end) == Some("of") {
            let after = toks.get(k + 1)?;
            if !after.cap || !joinable(text, next.end, after.start) {
                return None;
            }
            k += 1;
        }
        if !toks.get(k)?.cap {
            return None;
        }
        // A run of up to four capitalised words ending in a head word.
        let mut j = k;
        loop {
            let w = toks
                .get(j)
                .and_then(|t| text.get(t.start..t.end))?
                .to_lowercase();
            if GEO_HEADS.contains(&w.as_str()) {
                return Some((heads_after(text, toks, j), Vec::new()));
            }
            match toks.get(j + 1) {
                Some(n) if n.cap && j - k < 3 && joinable(text, toks.get(j)?.end, n.start) => {
                    j += 1
                }
                _ => break,
            }
        }
        self.longest(text, toks, k)
    }

    /// The longest gazetteer name starting at token `i`: (last token, candidates).
    fn longest(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, Vec<Candidate<'g>>)> {
        let first = toks.get(i)?;
        let mut best = None;
        for j in i..(i + 8).min(toks.len()) {
            let last = toks.get(j)?;
            if j > i
                && !joinable(text, toks.get(j - 1)?.end, last.start)
                && !abbrev_gap(text, toks, j)
            {
                break;
            }
            let surface = text.get(first.start..last.end)?;
            if last.cap {
                let c = lookup(self.gaz, surface);
                if !c.is_empty() {
                    best = Some((j, c));
                }
            }
            if !self.gaz.is_prefix(surface) {
                break;
            }
        }
        best
    }
}

/// Street words after which even a common word is a street's name ("Royal Street").
const STREET_HEADS: &[&str] = &["street", "avenue", "road", "boulevard", "lane", "drive"];

/// True if a full stop at `at` ends the sentence: the text ends, or a line break or a
/// capitalised word follows.
fn sentence_end_after(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    let trimmed = rest.trim_start_matches(' ');
    // "in Douma. “We": an opening quotation mark may stand before the next sentence.
    let quoted = trimmed.trim_start_matches(['"', '“', '‘', '\'']);
    trimmed.is_empty()
        || trimmed.starts_with('\n')
        || (trimmed.len() < rest.len() && quoted.chars().next().is_some_and(char::is_uppercase))
}

/// A road number ("the A417", "via the A436, A40 and A429"): a capital A, B or M and
/// one to four digits, after "the" or after another road number and a comma or "and".
fn is_road(text: &str, toks: &[Tok], i: usize) -> bool {
    let road = |k: usize| {
        toks.get(k)
            .and_then(|t| text.get(t.start..t.end))
            .is_some_and(|w| {
                let mut c = w.chars();
                matches!(c.next(), Some('A' | 'B' | 'M'))
                    && (2..=5).contains(&w.len())
                    && c.all(|d| d.is_ascii_digit())
            })
    };
    if !road(i) {
        return false;
    }
    let Some(p) = i.checked_sub(1).and_then(|k| toks.get(k)) else {
        return false;
    };
    let prev = text.get(p.start..p.end).unwrap_or_default();
    let gap = toks
        .get(i)
        .and_then(|t| text.get(p.end..t.start))
        .unwrap_or_default();
    (prev.eq_ignore_ascii_case("the") && gap == " ")
        || (road(i - 1) && gap == ", ")
        || (prev == "and"
            && gap == " "
            && i >= 2
            && road(i - 2)
            && toks.get(i - 2).and_then(|t| text.get(t.end..p.start)) == Some(" "))
}

/// "St. Louis", "Mt. Vernon", "Ft. Worth": a full stop and a space after an abbreviated
/// first word (token `j - 1`) join it to token `j`.
fn abbrev_gap(text: &str, toks: &[Tok], j: usize) -> bool {
    let (Some(a), Some(b)) = (j.checked_sub(1).and_then(|k| toks.get(k)), toks.get(j)) else {
        return false;
    };
    text.get(a.end..b.start) == Some(". ")
        && text
            .get(a.start..a.end)
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "st" | "mt" | "ft"))
}

/// Only spaces, a hyphen or an apostrophe may stand between the words of one name.
fn joinable(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b)
        .is_some_and(|g| g.len() <= 2 && g.chars().all(|c| matches!(c, ' ' | '-' | '\'' | '’')))
}

/// Words that make a world region of "America" ("Latin America", "Central America"):
/// neither the continent the gazetteer holds (North or South America) nor the country
/// "America" alone names.
const AMERICA_REGIONS: &[&str] = &[
    "Latin", "Central", "Middle", "Anglo", "Hispanic", "Spanish", "Ibero", "Meso",
];

/// The last token of a world region named after America starting at token `i`
/// ("Latin America", "Central Americans"), if there is one.
fn world_region(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let (a, b) = (toks.get(i)?, toks.get(i + 1)?);
    let first = text.get(a.start..a.end)?;
    let second = text.get(b.start..b.end)?;
    let america = matches!(second, "America" | "Americas" | "American" | "Americans");
    (AMERICA_REGIONS.contains(&first) && america && joinable(text, a.end, b.start)).then_some(i + 1)
}

/// The place a plural people's name is made from ("Manitobans" → Manitoba, "Ontarians"
/// → Ontario, "Long Islanders" → Long Island), as demonym candidates: only a region,
/// country or city of 100,000 people or more bearing that very name, and no stem that
/// is an English word ("Islanders" is not Iceland's people).
fn demonym_stem<'g>(gaz: &'g Gazetteer, surface: &str) -> Option<Vec<Candidate<'g>>> {
    const ENDINGS: [(&str, &str); 7] = [
        ("ians", "a"),
        ("ians", ""),
        ("ans", "o"),
        ("ans", "a"),
        ("ns", ""),
        ("ers", ""),
        ("ites", ""),
    ];
    let last_word = surface.rsplit(' ').next()?;
    if last_word.chars().count() < 6 {
        return None;
    }
    ENDINGS.iter().find_map(|(end, add)| {
        let stem = format!("{}{add}", surface.strip_suffix(end)?);
        let last_stem = stem.rsplit(' ').next()?.to_lowercase();
        let one_word = !stem.contains(' ');
        if (one_word && is_common(&last_stem)) || is_function_word(&last_stem) || stem.len() < 4 {
            return None;
        }
        let places: Vec<Candidate<'g>> = gaz
            .candidates(&stem)
            .into_iter()
            .filter(|c| {
                c.matched == MatchKind::Name
                    && (matches!(
                        c.place.kind,
                        PlaceKind::Country | PlaceKind::Region | PlaceKind::Continent
                    ) || c.place.population >= 100_000)
            })
            .map(|c| Candidate {
                place: c.place,
                matched: MatchKind::Demonym,
            })
            .collect();
        (!places.is_empty()).then_some(places)
    })
}

/// True if token `k` is "County" or "Parish" (any case) joined by a space to the word
/// before it.
fn county_word(text: &str, toks: &[Tok], k: usize) -> bool {
    let (Some(a), Some(b)) = (k.checked_sub(1).and_then(|p| toks.get(p)), toks.get(k)) else {
        return false;
    };
    b.cap
        && text.get(a.end..b.start) == Some(" ")
        && text
            .get(b.start..b.end)
            .is_some_and(|w| w.eq_ignore_ascii_case("county") || w.eq_ignore_ascii_case("parish"))
}

/// A common word that starts a longer name of a place the gazetteer lacks: before a
/// street or county word ("Royal Street", "Orange County"), or before an uncommon
/// word of a run that ends in a head word ("Holy Redeemer Church", "Third
/// Presbyterian Church"). The index of the last token.
fn common_word_name(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let (first, next) = (toks.get(i)?, toks.get(i + 1)?);
    if !next.cap || !joinable(text, first.end, next.start) {
        return None;
    }
    let w = text.get(next.start..next.end)?.to_lowercase();
    if STREET_HEADS.contains(&w.as_str()) || county_word(text, toks, i + 1) {
        return Some(i + 1);
    }
    if i == 0 || is_common(&w) || is_function_word(&w) {
        return None;
    }
    geo_head_name(text, toks, i + 1)
}

/// A capitalised run ending in a geographic head word ("Faubourg Marigny", "Chalmette
/// Refinery"): the index of its last token. Runs start at a capital that is not the
/// sentence's first word and not a common word.
fn geo_head_name(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let first = toks.get(i)?;
    let first_word = text.get(first.start..first.end)?.to_lowercase();
    if GEO_HEADS.contains(&first_word.as_str()) || is_function_word(&first_word) {
        return None;
    }
    // "Royal Street", "Desire Street": a common word names a street.
    if is_common(&first_word) {
        return common_word_name(text, toks, i);
    }
    let mut j = i;
    while let Some(next) = toks.get(j + 1) {
        if !next.cap || !joinable(text, toks.get(j)?.end, next.start) || j + 1 - i > 4 {
            break;
        }
        j += 1;
        let w = text.get(next.start..next.end)?.to_lowercase();
        if GEO_HEADS.contains(&w.as_str()) {
            return Some(heads_after(text, toks, j));
        }
    }
    None
}

/// A run of two or three capitalised words from token `k` whose last is a head word
/// ("General Hospital", "World Trade Centre"): the index of the last head word.
fn head_within(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    let mut j = k;
    for _ in 0..2 {
        let (a, b) = (toks.get(j)?, toks.get(j + 1)?);
        if !a.cap || !b.cap || !joinable(text, a.end, b.start) {
            return None;
        }
        j += 1;
        let w = text.get(b.start..b.end)?.to_lowercase();
        if GEO_HEADS.contains(&w.as_str()) {
            return Some(heads_after(text, toks, j));
        }
    }
    None
}

/// The last of the capitalised head words that follow token `j` ("District Court").
fn heads_after(text: &str, toks: &[Tok], mut j: usize) -> usize {
    while let (Some(a), Some(b)) = (toks.get(j), toks.get(j + 1)) {
        let w = text.get(b.start..b.end).unwrap_or_default().to_lowercase();
        if !b.cap || !joinable(text, a.end, b.start) || !GEO_HEADS.contains(&w.as_str()) {
            break;
        }
        j += 1;
    }
    j
}

/// "Gulf of Mexico", "Lake Charles": a leading head word, an optional "of" (and "the"),
/// then capitalised words. The index of the last token.
fn leading_head_name(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let first = toks.get(i)?;
    let w = text.get(first.start..first.end)?.to_lowercase();
    if !LEADING_HEADS.contains(&w.as_str()) {
        return None;
    }
    let mut j = i;
    let mut last = None;
    while let Some(next) = toks.get(j + 1) {
        if !joinable(text, toks.get(j)?.end, next.start) || j - i > 4 {
            break;
        }
        let nw = text.get(next.start..next.end)?;
        if next.cap {
            last = Some(j + 1);
        } else if !(last.is_none() && matches!(nw, "of" | "the")) {
            break;
        }
        j += 1;
    }
    last
}

/// Where a candidate name stands.
struct Context<'a> {
    text: &'a str,
    toks: &'a [Tok],
    i: usize,
    j: usize,
    title_case: bool,
    counts: &'a std::collections::HashMap<String, usize>,
}

impl Context<'_> {
    fn word(&self, k: usize) -> Option<String> {
        let t = self.toks.get(k)?;
        self.text.get(t.start..t.end).map(str::to_lowercase)
    }
    /// The capitalised word right before the name, joined to it by a space.
    fn cap_before(&self) -> Option<String> {
        let k = self.i.checked_sub(1)?;
        let t = self.toks.get(k)?;
        let gap = self.text.get(t.end..self.toks.get(self.i)?.start)?;
        (t.cap && gap == " ").then(|| self.word(k)).flatten()
    }
    fn cap_after(&self) -> Option<String> {
        let t = self.toks.get(self.j + 1)?;
        let gap = self.text.get(self.toks.get(self.j)?.end..t.start)?;
        (t.cap && gap == " ")
            .then(|| self.word(self.j + 1))
            .flatten()
    }
    /// True if token `k` is written in capitals ("HSBC", "KLM"): an acronym, not a name.
    fn all_caps(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .and_then(|t| self.text.get(t.start..t.end))
            .is_some_and(|w| w.chars().count() >= 2 && !w.chars().any(char::is_lowercase))
    }
    /// The word before, with its trailing full stop removed ("Mr." is "mr").
    fn before(&self) -> Option<String> {
        self.i.checked_sub(1).and_then(|k| self.word(k))
    }
}

fn is_country_like(c: &Candidate<'_>) -> bool {
    matches!(c.place.kind, PlaceKind::Country | PlaceKind::Continent)
}

/// One sentence being tagged, left to right: each step tags or leaves out the name at a
/// capitalised token and returns the token to go on from.
struct Scan<'a, 'g> {
    tagger: &'a Tagger<'g>,
    text: &'a str,
    toks: Vec<Tok>,
    title_case: bool,
    out: SentenceTags<'g>,
}

impl<'g> Scan<'_, 'g> {
    /// The end (byte) of token `j`, or `or` past the last token.
    fn end_of(&self, j: usize, or: usize) -> usize {
        self.toks.get(j).map_or(or, |e| e.end)
    }

    /// Tags or leaves out the name starting at capitalised token `i`.
    fn name_at(&mut self, i: usize) -> usize {
        let Some(&t) = self.toks.get(i) else {
            return i + 1;
        };
        let text = self.text;
        if is_road(text, &self.toks, i) {
            self.out.tagged.push(Tagged {
                range: t.start..t.end,
                reading: Reading::Literal,
                candidates: Vec::new(),
            });
            return i + 1;
        }
        if let Some(j) = world_region(text, &self.toks, i) {
            return self.region_of_america(t, j);
        }
        let found = self.tagger.longest(text, &self.toks, i);
        let word = text.get(t.start..t.end).unwrap_or_default().to_lowercase();
        let alone = found.as_ref().is_none_or(|(j, _)| *j == i);
        // "Earlier,", "“Meanwhile": capitalised by its place, never a place alone.
        if alone && is_function_word(&word) {
            return i + 1;
        }
        // "South Florida", "East of England", "South Kilburn Estate"; "South" alone
        // is no place (gazetteer names such as "South Africa" are matched above).
        if DIRECTIONS.contains(&word.as_str()) && alone {
            return self.compass(i, t, found.is_some());
        }
        if let Some(j) = self.people_of_two(i) {
            return j + 1;
        }
        // "Royal Street", "Holy Redeemer Church": a common word that starts a longer name
        // (a county named by a place the gazetteer holds keeps that place: "Orange County").
        if alone
            && is_common(&word)
            && let Some(j) = common_word_name(text, &self.toks, i)
            && (found.is_none() || !county_word(text, &self.toks, i + 1))
        {
            return self.unknown_place(t, j);
        }
        // "Long Islanders": the people's name is longer than the word the gazetteer knows.
        let derived = alone.then(|| self.derived_demonym(i)).flatten();
        let found = match derived {
            Some(d) if found.is_none() || d.0 > i => Some(d),
            _ => found,
        };
        let Some((j, cands)) = found else {
            return self.head_name(i, t);
        };
        let ctx = Context {
            text,
            toks: &self.toks,
            i,
            j,
            title_case: self.title_case,
            counts: &self.tagger.counts,
        };
        match judge(&ctx, &cands) {
            Ok(reading) => self.accept(t, j, reading, cands),
            Err(reason) => self.leave_out(t, j, &cands, reason),
        }
    }

    /// A compass word (token `i`, `t`): tagged with the name it starts, else left out
    /// when alone (if the gazetteer `known` it; otherwise it is just a word).
    fn compass(&mut self, i: usize, t: Tok, known: bool) -> usize {
        match self.tagger.direction_name(self.text, &self.toks, i) {
            Some((j, cands)) => {
                let reading =
                    if !cands.is_empty() && cands.iter().all(|c| c.matched == MatchKind::Demonym) {
                        Reading::Demonym
                    } else {
                        Reading::Literal
                    };
                self.out.tagged.push(Tagged {
                    range: t.start..self.end_of(j, t.end),
                    reading,
                    candidates: keep_reading(cands, reading),
                });
                j + 1
            }
            None => {
                if known {
                    self.out.left_out.push(LeftOut {
                        range: t.start..t.end,
                        reason: "a compass word alone".into(),
                    });
                }
                i + 1
            }
        }
    }

    /// A world region named after America ("Latin America", "Central Americans",
    /// tokens from `t` to `j`): tagged as the region, with no candidate, since the
    /// gazetteer holds no such region and "America" alone is the United States.
    fn region_of_america(&mut self, t: Tok, j: usize) -> usize {
        let end = self.end_of(j, t.end);
        let people = self
            .text
            .get(t.start..end)
            .is_some_and(|s| s.ends_with("American") || s.ends_with("Americans"));
        self.out.tagged.push(Tagged {
            range: t.start..end,
            reading: if people {
                Reading::Demonym
            } else {
                Reading::Literal
            },
            candidates: Vec::new(),
        });
        j + 1
    }

    /// A name in no gazetteer but with a geographic head word ("Kilburn Estate"): tagged
    /// with no candidates.
    fn head_name(&mut self, i: usize, t: Tok) -> usize {
        let (text, toks) = (self.text, &self.toks);
        let Some(j) = geo_head_name(text, toks, i)
            .or_else(|| leading_head_name(text, toks, i))
            .or_else(|| self.locative_name(i))
        else {
            return i + 1;
        };
        self.unknown_place(t, j)
    }

    /// One to three capitalised words after a preposition of place, none of them known
    /// to the gazetteer or an English word or given name, followed by punctuation or a
    /// lower-case word ("in Khayelitsha,", "near Marks Tey where"): a place the
    /// gazetteer lacks. Not after "according to", and not a word that elsewhere follows
    /// a name ("President Putin"). The index of the last token.
    fn locative_name(&self, i: usize) -> Option<usize> {
        let (text, toks) = (self.text, &self.toks);
        let (p, first) = (toks.get(i.checked_sub(1)?)?, toks.get(i)?);
        let prep = text.get(p.start..p.end)?;
        if p.cap || !LOCATIVE.contains(&prep) || text.get(p.end..first.start)? != " " {
            return None;
        }
        let before = i.checked_sub(2).and_then(|k| toks.get(k));
        if prep == "to" && before.and_then(|t| text.get(t.start..t.end)) == Some("according") {
            return None;
        }
        let first_word = text.get(first.start..first.end)?.to_lowercase();
        if self.tagger.after_names.contains(&first_word) {
            return None;
        }
        let mut j = i;
        loop {
            let t = toks.get(j)?;
            let w = text.get(t.start..t.end)?;
            if !plain_name_word(w) || (j > i && !lookup(self.tagger.gaz, w).is_empty()) {
                return None;
            }
            match toks.get(j + 1) {
                Some(n) if n.cap && j + 1 - i < 3 && text.get(t.end..n.start) == Some(" ") => {
                    j += 1
                }
                _ => break,
            }
        }
        let rest = text.get(toks.get(j)?.end..)?;
        let ends = match rest.chars().next() {
            None => true,
            Some(' ') => rest
                .get(1..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c.is_lowercase() || c == '('),
            Some(c) => ".,;:)!?\n".contains(c),
        };
        ends.then_some(j)
    }

    /// Tags the tokens from `t` to `j` as a place the gazetteer does not hold.
    fn unknown_place(&mut self, t: Tok, j: usize) -> usize {
        self.out.tagged.push(Tagged {
            range: t.start..self.end_of(j, t.end),
            reading: Reading::Literal,
            candidates: Vec::new(),
        });
        j + 1
    }

    /// "African Americans", "Irish-American": a demonym before "American(s)" names one
    /// people, tagged whole with the United States' demonym candidates. The last token.
    fn people_of_two(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let (a, b) = (self.toks.get(i)?, self.toks.get(i + 1)?);
        let second = text.get(b.start..b.end)?;
        if !matches!(second, "American" | "Americans")
            || !matches!(text.get(a.end..b.start)?, " " | "-")
        {
            return None;
        }
        let first = lookup(self.tagger.gaz, text.get(a.start..a.end)?);
        if first.is_empty() || !first.iter().all(|c| c.matched == MatchKind::Demonym) {
            return None;
        }
        let cands = keep_reading(lookup(self.tagger.gaz, second), Reading::Demonym);
        self.out.tagged.push(Tagged {
            range: a.start..b.end,
            reading: Reading::Demonym,
            candidates: cands,
        });
        Some(i + 1)
    }

    /// "Manitobans", "Ontarians", "Long Islanders": a people named after a region,
    /// country or large city the gazetteer holds by name but without this demonym.
    /// (last token, the place as a demonym candidate).
    fn derived_demonym(&self, i: usize) -> Option<(usize, Vec<Candidate<'g>>)> {
        let (text, toks) = (self.text, &self.toks);
        let last = (i..i + 3)
            .take_while(|&k| {
                k == i
                    || toks
                        .get(k - 1)
                        .zip(toks.get(k))
                        .is_some_and(|(a, b)| b.cap && text.get(a.end..b.start) == Some(" "))
            })
            .last()?;
        // The first word alone or the first two ("Long Islanders").
        (i..=last).find_map(|j| {
            let surface = text.get(toks.get(i)?.start..toks.get(j)?.end)?;
            let cands = demonym_stem(self.tagger.gaz, surface)?;
            Some((j, cands))
        })
    }

    /// Tags an accepted name (tokens from `t` to `j`), grown by the head words after it
    /// and an abbreviation's full stop.
    fn accept(
        &mut self,
        t: Tok,
        j: usize,
        mut reading: Reading,
        cands: Vec<Candidate<'g>>,
    ) -> usize {
        let mut cands = keep_reading(cands, reading);
        // "Orleans Parish" is Orleans; "Mississippi River" is not Mississippi.
        let (j, mut end) = if reading == Reading::Literal {
            self.heads_after(j, self.end_of(j, t.end), &mut cands)
        } else if let Some(h) = self.demonym_head(j) {
            // "French Quarter", "Russian Embassy": a place named by the adjective.
            cands.clear();
            reading = Reading::Literal;
            (h, self.end_of(h, t.end))
        } else {
            (j, self.end_of(j, t.end))
        };
        // "Va.", "Calif.": an abbreviated name keeps its full stop.
        // Not an acronym ("EU."), and not at a sentence's end ("in Douma. The").
        let text = self.text;
        if end - t.start <= 5
            && text.get(end..).is_some_and(|r| r.starts_with('.'))
            && text
                .get(t.start..end)
                .is_some_and(|w| w.chars().any(char::is_lowercase))
            && !sentence_end_after(text, end + 1)
            && cands
                .first()
                .is_some_and(|c| c.matched == MatchKind::AlternateName)
        {
            end += 1;
        }
        self.out.tagged.push(Tagged {
            range: t.start..end,
            reading,
            candidates: cands,
        });
        j + 1
    }

    /// A geographic head word right after a demonym ending at token `j` ("French
    /// Quarter", "British International School"): the index of the last head word.
    fn demonym_head(&self, j: usize) -> Option<usize> {
        let (text, toks) = (self.text, &self.toks);
        let (a, b) = (toks.get(j)?, toks.get(j + 1)?);
        if !b.cap || text.get(a.end..b.start) != Some(" ") {
            return None;
        }
        let w = text.get(b.start..b.end)?.to_lowercase();
        if GEO_HEADS.contains(&w.as_str()) && w != "border" {
            return Some(heads_after(text, toks, j + 1));
        }
        head_within(text, toks, j + 1)
    }

    /// Head words after a name (last token `j`, ending at byte `end`), which may follow
    /// one another ("Cloverhill District Court"): the name's new (last token, end). A
    /// head that makes it another place clears `cands`.
    fn heads_after(
        &self,
        mut j: usize,
        mut end: usize,
        cands: &mut Vec<Candidate<'g>>,
    ) -> (usize, usize) {
        let (text, toks) = (self.text, &self.toks);
        while let Some(next) = toks.get(j + 1)
            && next.cap
            && joinable(text, end, next.start)
        {
            let w = text
                .get(next.start..next.end)
                .unwrap_or_default()
                .to_lowercase();
            // "U.S. District Court" is the country's court, not a district.
            if SAME_PLACE_HEADS.contains(&w.as_str())
                && !cands.is_empty()
                && !cands.iter().any(is_country_like)
            {
                (j, end) = (j + 1, next.end);
                // "Marathon County" is no county of Marathon in Greece, whose other
                // name it only is.
                if matches!(w.as_str(), "county" | "parish") {
                    cands.retain(|c| c.matched == MatchKind::Name);
                }
            } else if GEO_HEADS.contains(&w.as_str()) {
                (j, end) = (j + 1, next.end);
                cands.clear();
            } else if let Some(h) = head_within(text, toks, j + 1) {
                // "Colchester General Hospital", "Dubai World Trade Centre".
                end = toks.get(h).map_or(end, |e| e.end);
                j = h;
                cands.clear();
            } else {
                break;
            }
        }
        (j, end)
    }

    /// Leaves out a rejected name (tokens from `t` to `j`) with its `reason`; a person's
    /// name words are remembered, to leave them out everywhere.
    fn leave_out(&mut self, t: Tok, j: usize, cands: &[Candidate<'g>], reason: String) -> usize {
        let text = self.text;
        let end = self.end_of(j, t.end);
        // A person's name: its words name that person everywhere in the text.
        if reason.starts_with("a person's first name") {
            // The surname is that person's elsewhere too, unless it names a
            // country or people ("France Klm" is no person called Klm).
            if let Some(next) = self.toks.get(j + 1)
                && let Some(w) = text.get(next.start..next.end)
                && !lookup(self.tagger.gaz, w)
                    .iter()
                    .any(|c| is_country_like(c) || c.matched == MatchKind::Demonym)
            {
                self.out.persons.push(w.to_lowercase());
            }
            self.out.left_out.push(LeftOut {
                range: t.start..end,
                reason,
            });
            return j + 2;
        }
        if reason.starts_with("a person's")
            && !cands
                .iter()
                .any(|c| is_country_like(c) || c.matched == MatchKind::Demonym)
        {
            self.out
                .persons
                .extend(text.get(t.start..end).map(str::to_lowercase));
        }
        self.out.left_out.push(LeftOut {
            range: t.start..end,
            reason,
        });
        j + 1
    }
}

/// Accepts a name (with how it reads) or says why it was left out.
fn judge(ctx: &Context<'_>, cands: &[Candidate<'_>]) -> Result<Reading, String> {
    let name = NameWords::of(ctx);
    not_a_place_word(ctx, &name)?;
    // A demonym unless a sizeable place bears the name itself.
    let demonym_only = cands.iter().any(|c| c.matched == MatchKind::Demonym)
        && !cands.iter().any(|c| {
            c.matched != MatchKind::Demonym
                && (c.place.kind != PlaceKind::City || c.place.population >= 100_000)
        });
    if demonym_only {
        if name.single && names_a_language(ctx) {
            return Err("a language here, not the people or the place".into());
        }
        return Ok(Reading::Demonym);
    }
    if let Some(b) = ctx.before()
        && TITLES.contains(&b.as_str())
        && !is_country_like(cands.first().ok_or("no candidate")?)
        && ctx.toks.get(ctx.i.wrapping_sub(1)).is_some_and(|t| t.cap)
    {
        return Err(format!("a person's name (after “{}”)", b));
    }
    // "Orange County", "Marathon County": the county word makes even a common word or
    // another name of a place the name of a county.
    if ctx
        .cap_after()
        .is_some_and(|w| matches!(w.as_str(), "county" | "parish"))
    {
        return Ok(Reading::Literal);
    }
    if name.single && !cands.iter().any(is_country_like) {
        only_another_name(ctx, cands, &name)?;
        tail_of_a_longer_name(ctx, &name)?;
    }
    if name.single && is_common(&name.surface) {
        common_word(ctx, cands)?;
    }
    // A direction word ("South", "North") or a country is not a person's name.
    let person_ok = !ctx.title_case && !NAME_WORDS.contains(&name.surface.as_str());
    if name.single && person_ok {
        person_name(ctx, cands, &name)?;
    }
    Ok(Reading::Literal)
}

/// Words after a demonym that make it a language: "(English version)", "the Spanish
/// translation", "Arabic-language".
const LANGUAGE_AFTER: [&str; 12] = [
    "version",
    "versions",
    "language",
    "languages",
    "translation",
    "translations",
    "edition",
    "subtitles",
    "speakers",
    "speaking",
    "text",
    "dub",
];

/// Words before a demonym that make it a language when nothing follows it but
/// punctuation: "said in English.", "translated into French,", "spoke Arabic".
const LANGUAGE_BEFORE: [&str; 7] = ["in", "into", "speak", "speaks", "spoke", "spoken", "from"];

/// Whether the demonym being judged names a language ("(English version)", "in English.")
/// rather than a people or a country: GeoWebNews tags those as languages, not toponyms.
fn names_a_language(ctx: &Context<'_>) -> bool {
    let next = ctx.toks.get(ctx.j + 1);
    let gap = |t: &Tok| {
        ctx.toks
            .get(ctx.j)
            .and_then(|e| ctx.text.get(e.end..t.start))
            .unwrap_or_default()
    };
    let after = next
        .filter(|t| matches!(gap(t), " " | "-"))
        .and_then(|_| ctx.word(ctx.j + 1));
    if after.is_some_and(|w| LANGUAGE_AFTER.contains(&w.as_str())) {
        return true;
    }
    let ends_phrase = next.is_none_or(|t| {
        gap(t)
            .trim()
            .chars()
            .next()
            .is_some_and(|c| ".,;:)!?".contains(c))
    });
    ends_phrase
        && ctx
            .before()
            .is_some_and(|b| LANGUAGE_BEFORE.contains(&b.as_str()))
}

/// The words of a name being judged.
struct NameWords<'a> {
    /// The name is one word.
    single: bool,
    /// Its first word, lower case.
    surface: String,
    /// The whole name as written.
    full: &'a str,
}

impl<'a> NameWords<'a> {
    fn of(ctx: &Context<'a>) -> Self {
        let full = ctx
            .text
            .get(
                ctx.toks.get(ctx.i).map_or(0, |t| t.start)
                    ..ctx.toks.get(ctx.j).map_or(0, |t| t.end),
            )
            .unwrap_or_default();
        NameWords {
            single: ctx.i == ctx.j,
            surface: ctx.word(ctx.i).unwrap_or_default(),
            full,
        }
    }
}

/// The word is something else here whatever the gazetteer says: a month or weekday,
/// turkey the bird, or part of a compound word.
fn not_a_place_word(ctx: &Context<'_>, name: &NameWords<'_>) -> Result<(), String> {
    if name.single && MONTHS_AND_DAYS.contains(&name.surface.as_str()) {
        return Err("a month or weekday name".into());
    }
    if name.surface == "turkey" && name.single {
        let near: Vec<String> = [ctx.i.checked_sub(1), Some(ctx.i + 1), ctx.i.checked_sub(2)]
            .into_iter()
            .flatten()
            .filter_map(|k| ctx.word(k))
            .collect();
        if near
            .iter()
            .any(|w| BIRD_CONTEXT.contains(&w.as_str()) && w != "a")
            || ctx.before().as_deref() == Some("a")
        {
            return Err("turkey the bird".into());
        }
    }
    // "Pan-American", "Pan-Igbo", "Afro-Brazilian": part of a compound word, not the place.
    if let Some(k) = ctx.i.checked_sub(1)
        && let (Some(p), Some(t)) = (ctx.toks.get(k), ctx.toks.get(ctx.i))
        && ctx.text.get(p.end..t.start) == Some("-")
        && ctx
            .word(k)
            .is_some_and(|w| COMPOUND_PREFIXES.contains(&w.as_str()))
    {
        return Err("part of a compound word".into());
    }
    Ok(())
}

/// A single word that is no country's name, and only another name (or a code) of a
/// place, read as the word it also is.
fn only_another_name(
    ctx: &Context<'_>,
    cands: &[Candidate<'_>],
    name: &NameWords<'_>,
) -> Result<(), String> {
    let (surface, full) = (&name.surface, name.full);
    // "Read More" (Mori), "yellow lab, Levi" (Lévis): only another place's alternate
    // name, and an English word or a given name.
    if cands.iter().all(|c| {
        c.matched == MatchKind::AlternateName
            && matches!(c.place.kind, PlaceKind::City | PlaceKind::Region)
    }) && (is_common(surface) || is_first_name(surface))
    {
        return Err("a common word or given name, and only another name of a place".into());
    }
    // "Zara" (Zadar's Italian name), "Igbo" (Igbo-Ukwu): only another name of small
    // towns. An abbreviation ("Calif.") is kept.
    if cands.iter().all(|c| {
        c.matched == MatchKind::AlternateName
            && c.place.kind == PlaceKind::City
            && c.place.population < 100_000
    }) && !ctx
        .text
        .get(ctx.toks.get(ctx.j).map_or(0, |t| t.end)..)
        .is_some_and(|r| r.starts_with('.') && full.chars().count() <= 5)
    {
        return Err("only another name of small towns".into());
    }
    // "GA tickets", "a BA (Hons)": a two-letter acronym that is only a place's
    // code, unless it follows a town and a comma ("Atlanta, GA").
    if ctx.all_caps(ctx.i)
        && full.chars().count() == 2
        && cands.iter().all(|c| c.matched == MatchKind::AlternateName)
        && ctx
            .toks
            .get(ctx.i)
            .and_then(|t| ctx.text.get(..t.start))
            .is_none_or(|b| !b.ends_with(", "))
    {
        return Err("a two-letter acronym".into());
    }
    // "his father Zachary": a given name that only small towns bear.
    if is_first_name(surface)
        && cands
            .iter()
            .all(|c| c.place.kind == PlaceKind::City && c.place.population < 100_000)
    {
        return Err("a given name, and only small towns bear it".into());
    }
    Ok(())
}

/// "No. 2 Detention Centre", "Best Buy": a common word ending a longer capitalised name
/// whose word before it is a common noun too (not a direction, title or "New"), so the
/// facility or body, not the place that bears the word. A place's own name ("Old Town
/// Manassas") is kept. Not after a sentence's first word, which is capitalised anyway.
fn tail_of_a_longer_name(ctx: &Context<'_>, name: &NameWords<'_>) -> Result<(), String> {
    // Words that end names of buildings and bodies; "centre" is not in the common-word list.
    const FACILITY: [&str; 4] = ["centre", "center", "union", "police"];
    let generic = is_common(&name.surface) || FACILITY.contains(&name.surface.as_str());
    if ctx.title_case || ctx.i < 2 || !generic {
        return Ok(());
    }
    let Some(b) = ctx.cap_before() else {
        return Ok(());
    };
    if is_common(&b)
        && !NAME_WORDS.contains(&b.as_str())
        && !TITLES.contains(&b.as_str())
        && !MONTHS_AND_DAYS.contains(&b.as_str())
        && !ctx.all_caps(ctx.i - 1)
    {
        return Err(format!(
            "part of a longer name (“{} {}”)",
            capitalise(&b),
            name.full
        ));
    }
    Ok(())
}

/// A single common English word: a place only if big, and not at a sentence's start or
/// in a title unless a country.
fn common_word(ctx: &Context<'_>, cands: &[Candidate<'_>]) -> Result<(), String> {
    let top = cands.first().ok_or("no candidate")?;
    let initial = ctx.i == 0 || ctx.title_case;
    if initial && !is_country_like(top) {
        return Err("a common word at the start of a sentence or in a title".into());
    }
    let big = cands.iter().any(|c| {
        is_country_like(c) || c.place.kind == PlaceKind::Region || c.place.population >= 100_000
    });
    if !big {
        return Err("a common word, and only small places bear that name".into());
    }
    Ok(())
}

/// A single word next to a capitalised word that looks like a name: half of a person's
/// name ("Charlotte Smith", "Jack London").
fn person_name(
    ctx: &Context<'_>,
    cands: &[Candidate<'_>],
    name: &NameWords<'_>,
) -> Result<(), String> {
    let (surface, full) = (&name.surface, name.full);
    let top = cands.first().ok_or("no candidate")?;
    // A place that is also a given name ("Charlotte Smith") is the person whatever
    // its size, unless it is a country.
    let big = is_country_like(top) || (top.place.population >= 500_000 && !is_first_name(surface));
    // "Xie Yang": a given name after a word that is only another name of a place
    // (Paris 11 Popincourt's), even a given name that is also a word ("yang"), but not
    // a geographic word ("Nile Delta").
    let only_alternate = cands.iter().all(|c| c.matched == MatchKind::AlternateName);
    if let Some(a) = ctx.cap_after()
        && (looks_like_name_word(&a)
            || (only_alternate && is_first_name(&a) && !GEO_HEADS.contains(&a.as_str()))
            || (is_first_name(surface) && may_be_surname(&a)))
        && !ctx.all_caps(ctx.j + 1)
        && (!big || ctx.counts.get(&a).copied().unwrap_or(0) >= 2)
    {
        return Err(format!(
            "a person's first name (“{full} {}”)",
            capitalise(&a)
        ));
    }
    if let Some(b) = ctx.cap_before()
        && looks_like_name_word(&b)
        && ctx.i >= 1
        && !ctx.all_caps(ctx.i - 1)
        && (!cands.first().is_some_and(is_country_like) || is_first_name(&b))
    {
        return Err(format!("a person's surname (“{} {full}”)", capitalise(&b)));
    }
    // "Secretary Elaine Chao", "reporter Bill Holland", "Minister Victor Cano": a given
    // name before it, even one that is also a word, that does not start the sentence and
    // does not start a place's name ("Santa", "Sierra").
    if let Some(b) = ctx.cap_before()
        && ctx.i >= 2
        && is_first_name(&b)
        && !LEADING_HEADS.contains(&b.as_str())
        && !NAME_WORDS.contains(&b.as_str())
        && !is_country_like(top)
        && !ctx.all_caps(ctx.i - 1)
    {
        return Err(format!("a person's surname (“{} {full}”)", capitalise(&b)));
    }
    Ok(())
}

/// A capitalised word after a given name that may be a surname even though it is also a
/// word ("Mary Collins", "Charlotte Smith"): not a geographic, organisation, title or
/// month word.
fn may_be_surname(w: &str) -> bool {
    !NAME_WORDS.contains(&w)
        && !is_function_word(w)
        && !GEO_HEADS.contains(&w)
        && !SAME_PLACE_HEADS.contains(&w)
        && !TITLES.contains(&w)
        && !MONTHS_AND_DAYS.contains(&w)
        && w.chars().count() > 2
        && w.chars().all(char::is_alphabetic)
}

/// A capitalised neighbour that is not a place, not a common word and not part of an
/// organisation's or direction's name: probably the other half of a person's name.
fn looks_like_name_word(w: &str) -> bool {
    !NAME_WORDS.contains(&w)
        && !is_function_word(w)
        && !GEO_HEADS.contains(&w)
        && !is_common(w)
        && !w.strip_suffix('s').is_some_and(is_common)
        // "Connecting California": a verb's -ing form is no name.
        && !w
            .strip_suffix("ing")
            .is_some_and(|stem| is_common(stem) || is_common(&format!("{stem}e")))
        && !TITLES.contains(&w)
        && !MONTHS_AND_DAYS.contains(&w)
        && w.chars().count() > 2
        && w.chars().all(char::is_alphabetic)
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Keeps the candidates that fit the reading: demonym matches for a demonym, names for
/// a literal name.
fn keep_reading<'g>(cands: Vec<Candidate<'g>>, reading: Reading) -> Vec<Candidate<'g>> {
    cands
        .into_iter()
        .filter(|c| (c.matched == MatchKind::Demonym) == (reading == Reading::Demonym))
        .collect()
}
