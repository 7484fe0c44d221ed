//! The article: its original text, kept byte for byte, and its parts (title, caption,
//! paragraphs, …) as byte ranges into that text. Ranges into the original are what make
//! every quote locatable; nothing here rewrites the text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What a block of the article is. `Furniture` is web-page chrome that users never read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    Title,
    Caption,
    Standfirst,
    Paragraph,
    Heading,
    Pullquote,
    Disclaimer,
    Author,
    AuthorRole,
    Furniture,
}

impl PartKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "the title",
            Self::Caption => "the image caption",
            Self::Standfirst => "the standfirst",
            Self::Paragraph => "a paragraph",
            Self::Heading => "a heading",
            Self::Pullquote => "a pull quote",
            Self::Disclaimer => "the disclaimer",
            Self::Author => "the byline",
            Self::AuthorRole => "the byline",
            Self::Furniture => "web-page furniture",
        }
    }

    /// Where an element's passages in this kind of part come in its list: the body
    /// (paragraphs, headings, pull quotes) first, then the standfirst, then the title,
    /// the image caption and credit, the disclaimer and the byline, so that selecting an
    /// element shows what the article argues before its front matter.
    pub fn passage_rank(self) -> u8 {
        match self {
            Self::Paragraph | Self::Heading | Self::Pullquote => 0,
            Self::Standfirst => 1,
            Self::Title | Self::Caption | Self::Disclaimer => 2,
            Self::Author | Self::AuthorRole | Self::Furniture => 3,
        }
    }
}

/// One block of the article.
#[derive(Clone, Debug)]
pub struct Part {
    pub kind: PartKind,
    /// Byte range in [`Article::text`].
    pub range: Range<usize>,
    /// 1-based number among body paragraphs; `None` for other parts.
    pub paragraph: Option<usize>,
    /// The heading this part falls under, as an index into [`Article::parts`].
    pub section: Option<usize>,
}

/// How the article file is described in `article.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleSpec {
    pub text: String,
    pub title: String,
    pub author: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub citation: String,
    pub parts: Vec<PartSpec>,
    /// Capitalised words that name no actor or place (titles, months, photo credits):
    /// the coverage report does not list them as unlinked.
    #[serde(default)]
    pub not_entities: Vec<String>,
    /// A draft made by `aras new`: paragraphs that name no place need no link yet.
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartSpec {
    pub kind: PartKind,
    /// The first words of the block: a check that the parts line up with the text.
    pub starts: String,
}

/// The loaded article.
#[derive(Clone, Debug)]
pub struct Article {
    pub text: String,
    pub title: String,
    pub author: String,
    pub citation: String,
    pub parts: Vec<Part>,
    pub not_entities: Vec<String>,
    /// A draft made by `aras new` (see [`ArticleSpec::draft`]).
    pub draft: bool,
    /// `char_starts[i]` is the Unicode code point offset of byte `i`'s character; used to
    /// report positions in code points (the unit of W3C `TextPositionSelector`).
    char_of_byte: Vec<u32>,
}

/// Splits text into blocks separated by blank lines, returning their byte ranges
/// (without the trailing newline).
pub fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            end = pos + content.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

impl Article {
    /// Builds the article from its text and spec. Errors name the part that does not fit.
    pub fn new(text: String, spec: &ArticleSpec) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Err("the article text is empty".to_owned());
        }
        let blocks = blocks(&text);
        if blocks.len() != spec.parts.len() {
            return Err(format!(
                "article.json lists {} parts but the text has {} blocks separated by blank lines",
                spec.parts.len(),
                blocks.len()
            ));
        }
        let mut parts = Vec::with_capacity(blocks.len());
        let mut paragraph = 0;
        let mut section = None;
        for (i, (range, ps)) in blocks.into_iter().zip(&spec.parts).enumerate() {
            let block = text.get(range.clone()).unwrap_or_default();
            if !block.starts_with(&ps.starts) {
                let shown: String = block.chars().take(40).collect();
                return Err(format!(
                    "part {} ({:?}) should start with “{}” but the block starts with “{}”",
                    i + 1,
                    ps.kind,
                    ps.starts,
                    shown
                ));
            }
            let para = if ps.kind == PartKind::Paragraph {
                paragraph += 1;
                Some(paragraph)
            } else {
                None
            };
            if ps.kind == PartKind::Heading {
                section = Some(i);
            }
            parts.push(Part {
                kind: ps.kind,
                range,
                paragraph: para,
                section: if ps.kind == PartKind::Heading {
                    None
                } else {
                    section
                },
            });
        }
        let mut char_of_byte = vec![0u32; text.len() + 1];
        let mut ci = 0u32;
        for (b, ch) in text.char_indices() {
            for k in 0..ch.len_utf8() {
                if let Some(slot) = char_of_byte.get_mut(b + k) {
                    *slot = ci;
                }
            }
            ci += 1;
        }
        if let Some(last) = char_of_byte.last_mut() {
            *last = ci;
        }
        Ok(Self {
            text,
            title: spec.title.clone(),
            author: spec.author.clone(),
            citation: spec.citation.clone(),
            parts,
            not_entities: spec.not_entities.clone(),
            draft: spec.draft,
            char_of_byte,
        })
    }

    /// The text of a byte range; empty if the range is not valid (never panics).
    pub fn slice(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or_default()
    }

    /// Code point offset of a byte offset.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.char_of_byte.get(byte).copied().unwrap_or_default() as usize
    }

    /// The part containing a byte range, if the range lies wholly inside one part.
    pub fn part_of(&self, range: &Range<usize>) -> Option<usize> {
        self.parts
            .iter()
            .position(|p| p.range.start <= range.start && range.end <= p.range.end)
    }

    /// Text of a part.
    pub fn part_text(&self, part: usize) -> &str {
        self.parts
            .get(part)
            .map(|p| self.slice(&p.range))
            .unwrap_or_default()
    }

    /// Parts that users read (everything except web-page furniture), in order.
    pub fn readable_parts(&self) -> impl Iterator<Item = (usize, &Part)> {
        self.parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind != PartKind::Furniture)
    }

    /// Body paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &Part)> {
        self.parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PartKind::Paragraph)
    }

    /// The standfirst, if the article has one.
    pub fn standfirst(&self) -> Option<&str> {
        self.parts
            .iter()
            .find(|p| p.kind == PartKind::Standfirst)
            .map(|p| self.slice(&p.range))
    }

    /// Heading text for a part, if it falls under one.
    pub fn section_heading(&self, part: usize) -> Option<&str> {
        let section = self.parts.get(part)?.section?;
        Some(self.part_text(section))
    }

    /// The byte range of a quote with its context inside its part, exactly as the text
    /// has it (for the side panel's dimmed context): a mid-sentence quote gets the rest of
    /// its sentence, a whole-sentence quote the neighbouring sentence on each side. The
    /// quote itself if it lies in no part.
    pub fn context_range(&self, range: &Range<usize>) -> Range<usize> {
        let Some(part) = self.part_of(range).and_then(|i| self.parts.get(i)) else {
            return range.clone();
        };
        let before_all = self
            .text
            .get(part.range.start..range.start)
            .unwrap_or_default();
        let after_all = self.text.get(range.end..part.range.end).unwrap_or_default();
        let start = sentences(before_all).last().map_or(range.start, |r| {
            let s = before_all.get(r.clone()).unwrap_or_default();
            part.range.start + r.start + (s.len() - s.trim_start().len())
        });
        let lead = after_all.len() - after_all.trim_start().len();
        let after_trim = after_all.get(lead..).unwrap_or_default();
        let end = sentences(after_trim).first().map_or(range.end, |r| {
            let s = after_trim.get(r.clone()).unwrap_or_default();
            range.end + lead + r.start + s.trim_end().len()
        });
        start.min(range.start)..end.max(range.end)
    }
}

impl Article {
    /// The whole sentence(s) a quote lies in, within its part: the quote itself if it is
    /// not inside one part. Used to check that dates are the article's.
    pub fn sentences_around(&self, range: &Range<usize>) -> &str {
        let around = self.sentence_range_around(range);
        self.text.get(around).unwrap_or_else(|| self.slice(range))
    }

    /// Byte range of [`Article::sentences_around`]: the quote's range widened to whole
    /// sentences within its part, or the range itself.
    pub fn sentence_range_around(&self, range: &Range<usize>) -> Range<usize> {
        let Some(part) = self.part_of(range).and_then(|i| self.parts.get(i)) else {
            return range.clone();
        };
        let Some(text) = self.text.get(part.range.clone()) else {
            return range.clone();
        };
        let qs = range.start.saturating_sub(part.range.start);
        let qe = range.end.saturating_sub(part.range.start);
        let spans = sentences(text);
        let start = spans
            .iter()
            .find(|r| r.end > qs)
            .map_or(qs, |r| r.start.min(qs));
        let end = spans
            .iter()
            .rev()
            .find(|r| r.start < qe)
            .map_or(qe, |r| r.end.max(qe));
        part.range.start + start..part.range.start + end
    }
}

/// Whether the full stop at byte `dot` ends an abbreviation that does not end the
/// sentence: a title before a name ("Mr. Aliyev", "Gen. Bagheri") or a month before its
/// day or year ("Oct. 1", "Sept. 2021", as agencies write dates).
fn abbreviation_before(text: &str, dot: usize) -> bool {
    const TITLES: [&str; 14] = [
        "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "prof", "st",
        "sgt",
    ];
    let Some(head) = text.get(..dot) else {
        return false;
    };
    let word = head
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let next = text.get(dot + 2..).and_then(|t| t.chars().next());
    let lower = word.to_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return next.is_some_and(char::is_uppercase);
    }
    super::date_words::month_of(word).is_some()
        && word.len() <= 4
        && next.is_some_and(|c| c.is_ascii_digit())
}

/// Splits a text into sentences (byte ranges relative to `text`) on ". ", "? " and "! ",
/// but not after a title or an abbreviated month ("Mr. X", "Oct. 1").
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or_default();
        let next = bytes.get(i + 1).copied().unwrap_or_default();
        if matches!(b, b'.' | b'?' | b'!')
            && next == b' '
            && !(b == b'.' && abbreviation_before(text, i))
        {
            out.push(start..i + 1);
            start = i + 2;
            i += 2;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sentences;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect()
    }

    #[test]
    fn titles_and_abbreviated_months_do_not_end_sentences() {
        assert_eq!(
            split("On Oct. 1 Mr. Aliyev spoke. Iran replied. It was May. Then"),
            [
                "On Oct. 1 Mr. Aliyev spoke.",
                "Iran replied.",
                "It was May.",
                "Then"
            ]
        );
        assert_eq!(
            split("He met Dr. No. 2 went home."),
            ["He met Dr. No.", "2 went home."]
        );
    }
}
