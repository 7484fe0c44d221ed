//! Search that forgives what people type: case, diacritics, straight or curly apostrophes,
//! hyphens or dashes, and transliterations (any alias of an element finds the passages
//! that mention it: "Nakhichevan" finds "Nakhchivan").

use std::ops::Range;

use super::{Atlas, ElementId};

/// Folds one character for matching; `None` drops it (combining marks).
fn fold_char(ch: char, out: &mut String) {
    match ch {
        '’' | '‘' | '`' | '´' | 'ʼ' | '′' => out.push('\''),
        '–' | '—' | '‐' | '‑' | '−' => out.push('-'),
        '\u{a0}' | '\n' | '\t' => out.push(' '),
        'ç' | 'Ç' | 'ć' | 'č' => out.push('c'),
        'ı' | 'İ' | 'í' | 'ì' | 'î' | 'ï' | 'Í' => out.push('i'),
        'ü' | 'Ü' | 'ú' | 'ù' | 'û' => out.push('u'),
        'ş' | 'Ş' | 'ș' | 'š' => out.push('s'),
        'ğ' | 'Ğ' => out.push('g'),
        'ö' | 'Ö' | 'ó' | 'ò' | 'ô' | 'ø' => out.push('o'),
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'ə' | 'Ə' => out.push('e'),
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
        'ñ' => out.push('n'),
        'ž' => out.push('z'),
        '\u{300}'..='\u{36f}' => {}
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        // Any other letter with a mark: its base letter ("Dūmā" is found by "duma",
        // trial10 #8), as the marks on their own above.
        c => unicode_normalization::char::decompose_canonical(c, |d| {
            if !('\u{300}'..='\u{36f}').contains(&d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Folds a string for matching.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        fold_char(ch, &mut out);
    }
    out
}

/// A folded text that remembers, for each folded byte, the original byte it came from.
#[derive(Clone, Debug)]
pub struct Folded {
    pub text: String,
    origin: Vec<usize>,
    end: usize,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (b, ch) in original.char_indices() {
            let before = text.len();
            fold_char(ch, &mut text);
            origin.extend(std::iter::repeat_n(b, text.len() - before));
        }
        Self {
            text,
            origin,
            end: original.len(),
        }
    }

    /// Maps a folded byte range back to the original.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.origin.get(r.start).copied().unwrap_or(self.end);
        let end = self.origin.get(r.end).copied().unwrap_or(self.end);
        start..end.max(start)
    }
}

/// Whether `q` occurs in `text` starting a word ("road" in "Goris–Kapan road", not in
/// "broader").
fn at_word_start(text: &str, q: &str) -> bool {
    text.match_indices(q).any(|(i, _)| {
        text.get(..i)
            .and_then(|b| b.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The spellings an element inherits from the one it is named after: "Nakhchivan
/// (city)" is named after the region one of whose names is "Nakhchivan", so it is found
/// by the region's other spellings of that name too, with its own qualifier ("nakhichevan (city)",
/// "naxcivan (city)"), as its own aliases would be. Folded; empty for other names.
fn named_after(atlas: &Atlas, el: &super::Element) -> Vec<String> {
    let Some((head, qualifier)) = el.name.split_once(" (") else {
        return Vec::new();
    };
    let head = fold(head.trim());
    let qualifier = fold(qualifier.trim_end_matches(')'));
    atlas
        .elements
        .iter()
        .filter(|o| o.id != el.id)
        .filter(|o| {
            std::iter::once(&o.name)
                .chain(&o.aliases)
                .any(|n| fold(n) == head)
        })
        .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases))
        .map(|n| fold(n))
        // Other spellings of the same name, not longer names ("Nakhchivan AR").
        .filter(|n| n.split(' ').count() == head.split(' ').count())
        .map(|n| format!("{n} ({qualifier})"))
        .collect()
}

/// One passage hit: a sentence of the readable article.
#[derive(Clone, Debug, PartialEq)]
pub struct PassageHit {
    /// Byte range of the sentence in the article.
    pub sentence: Range<usize>,
    /// Byte ranges of the matches inside it, in the article.
    pub matches: Vec<Range<usize>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    pub elements: Vec<ElementId>,
    /// The elements were found by what their panels say (summary, note, sources), no
    /// name matching.
    pub by_description: bool,
    pub passages: Vec<PassageHit>,
}

impl Results {
    pub fn len(&self) -> usize {
        self.elements.len() + self.passages.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The sentences of the readable article, folded once.
#[derive(Clone, Debug)]
pub struct SearchIndex {
    sentences: Vec<(Range<usize>, Folded)>,
    names: Vec<(ElementId, Vec<String>)>,
    /// Each element's summary, note and sources, folded: what its panel says of it.
    described: Vec<(ElementId, String)>,
}

impl SearchIndex {
    pub fn new(atlas: &Atlas) -> Self {
        let mut sentences = Vec::new();
        for (_, part) in atlas.article.readable_parts() {
            let block = atlas.article.slice(&part.range);
            for r in super::article::sentences(block) {
                let range = part.range.start + r.start..part.range.start + r.end;
                sentences.push((range.clone(), Folded::new(atlas.article.slice(&range))));
            }
        }
        let names = atlas
            .elements
            .iter()
            .map(|e| {
                let all = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .chain(&e.demonyms)
                    .map(|n| fold(n))
                    .chain(named_after(atlas, e))
                    .collect();
                (e.id, all)
            })
            .collect();
        let described = atlas
            .elements
            .iter()
            .map(|e| {
                let words = [&e.summary, &e.note, &e.source, &e.changed_source]
                    .into_iter()
                    .flatten()
                    .map(|t| fold(t))
                    .collect::<Vec<_>>()
                    .join("\n");
                (e.id, words)
            })
            .collect();
        Self {
            sentences,
            names,
            described,
        }
    }

    /// Elements whose panel text (summary, note, sources) has the query: "Goris-Kapan
    /// road" finds the truck drivers' route, drawn on it. Asked only when no name
    /// matched, so that "Iran" lists what is called Iran, not everything about it.
    fn by_description(&self, atlas: &Atlas, q: &str) -> Vec<ElementId> {
        if q.chars().count() < 3 {
            return Vec::new();
        }
        let mut found: Vec<ElementId> = self
            .described
            .iter()
            .filter(|(_, words)| at_word_start(words, q))
            .map(|(id, _)| *id)
            .collect();
        found.sort_by(|a, b| atlas.name(*a).cmp(atlas.name(*b)));
        found
    }

    /// Elements whose name or alias matches, best first; then sentences that contain the
    /// query or name a matched element.
    pub fn search(&self, atlas: &Atlas, query: &str) -> Results {
        let q = fold(query.trim());
        if q.chars().count() < 2 {
            return Results::default();
        }
        // "Iran's" should find Iran: compare names without a trailing possessive too.
        let bare = q.strip_suffix("'s").unwrap_or(&q).to_owned();
        let mut scored: Vec<(u8, ElementId)> = Vec::new();
        for (id, names) in &self.names {
            let best = names
                .iter()
                .filter_map(|n| {
                    if *n == q || *n == bare {
                        Some(0)
                    } else if n.starts_with(&bare) {
                        Some(1)
                    } else if n.split([' ', '-']).any(|w| w.starts_with(&bare)) {
                        Some(2)
                    } else if bare.len() >= 3 && n.contains(&bare) {
                        Some(3)
                    } else {
                        None
                    }
                })
                .min();
            if let Some(b) = best {
                scored.push((b, *id));
            }
        }
        scored.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| {
                    let ctx = |id: ElementId| atlas.element(id).is_some_and(|e| e.context);
                    ctx(a.1).cmp(&ctx(b.1))
                })
                .then_with(|| atlas.name(a.1).cmp(atlas.name(b.1)))
        });
        let mut elements: Vec<ElementId> = scored.iter().map(|(_, id)| *id).collect();
        let by_description = elements.is_empty();
        if by_description {
            elements = self.by_description(atlas, &q);
        }
        // Elements found by an exact name or alias also bring the passages naming them.
        let exact: Vec<ElementId> = scored
            .iter()
            .filter(|(s, _)| *s == 0)
            .map(|(_, id)| *id)
            .collect();
        let passages = self.passages(atlas, &q, &exact);
        Results {
            by_description: by_description && !elements.is_empty(),
            elements,
            passages,
        }
    }

    /// The sentences that contain the folded query `q` or name one of `exact`, with the
    /// matches' byte ranges in the article.
    fn passages(&self, atlas: &Atlas, q: &str, exact: &[ElementId]) -> Vec<PassageHit> {
        let mut passages = Vec::new();
        for (range, folded) in &self.sentences {
            let mut matches: Vec<Range<usize>> = folded
                .text
                .match_indices(q)
                .map(|(i, m)| {
                    let r = folded.original_range(i..i + m.len());
                    range.start + r.start..range.start + r.end
                })
                .collect();
            for m in &atlas.mentions {
                if exact.contains(&m.element)
                    && range.start <= m.range.start
                    && m.range.end <= range.end
                    && !matches
                        .iter()
                        .any(|x| x.start < m.range.end && m.range.start < x.end)
                {
                    matches.push(m.range.clone());
                }
            }
            if !matches.is_empty() {
                matches.sort_by_key(|r| r.start);
                passages.push(PassageHit {
                    sentence: range.clone(),
                    matches,
                });
            }
        }
        passages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typography_case_and_diacritics() {
        assert_eq!(fold("Iran’s"), fold("iran's"));
        assert_eq!(fold("Iran–Turkey"), "iran-turkey");
        assert_eq!(fold("Naxçıvan"), "naxcivan");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("Dūmā"), "duma");
        assert_eq!(fold("Ḥimṣ"), "hims");
    }

    #[test]
    fn folded_ranges_map_back_to_the_original() {
        let f = Folded::new("Iran’s drills");
        let i = f.text.find("'s d").expect("found");
        let r = f.original_range(i..i + 4);
        assert_eq!(&"Iran’s drills"[r], "’s d");
    }
}
