//! Blocks and sentences of a plain-text or Markdown article, as byte ranges into the text
//! as given (nothing is rewritten, so every quote stays exact).
//!
//! Rules (also in the README, "Make a draft atlas"):
//! - a block is a run of non-blank lines; blank lines separate blocks (the same split the
//!   loader makes, so `article.json` lines up with the text);
//! - the first block is the **title** when it is one line of at most 25 words that does
//!   not end like a sentence (`.`), or a Markdown `# ` line;
//! - a later block is a **heading** when it is a Markdown `#`…`######` line, or one line
//!   of at most 12 words that does not end in `.`, `!`, `?`, `:`, `;` or `,`;
//! - every other block is a **paragraph**;
//! - `aras new` first sets a leading title line that runs straight into the body (a
//!   `TITLE: … LINK: …` header, a Markdown `# ` line, or a short unpunctuated line less
//!   than half as long as the next) apart with a blank line in the draft's article.txt
//!   ([`title_apart`]), and says so; a header's title is shown without its labels.
//!
//! Sentences end at `.`, `!` or `?` (after any closing quotes or brackets) followed by
//! white space, except after common abbreviations ("Mr.", "U.S.", "Jan.") and single
//! initials ("J."), and at a line break that ends a line without such punctuation when
//! the line is short (or the block's first line) and the next starts with a capital or a
//! list mark (a list item, or a title or heading line inside a block).

use std::ops::Range;

use crate::model::PartKind;

/// One block of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: PartKind,
    /// Byte range into the text, without the trailing line break.
    pub range: Range<usize>,
}

/// The text's blocks, each with its kind (title, heading or paragraph).
pub fn split(text: &str) -> Vec<Block> {
    crate::model::article::blocks(text)
        .into_iter()
        .enumerate()
        .map(|(i, range)| {
            let block = text.get(range.clone()).unwrap_or_default();
            Block {
                kind: classify(block, i == 0),
                range,
            }
        })
        .collect()
}

fn classify(block: &str, first: bool) -> PartKind {
    let one_line = !block.trim_end().contains('\n');
    let trimmed = block.trim();
    let markdown = markdown_level(trimmed);
    let words = trimmed.split_whitespace().count();
    let last = trimmed.chars().next_back();
    let header = one_line && trimmed.starts_with(TITLE_LABEL);
    if first && (markdown == Some(1) || header || (one_line && words <= 25 && last != Some('.'))) {
        return PartKind::Title;
    }
    let unpunctuated = !matches!(last, Some('.' | '!' | '?' | ':' | ';' | ','));
    if one_line && (markdown.is_some() || (words <= 12 && unpunctuated)) {
        return PartKind::Heading;
    }
    PartKind::Paragraph
}

/// The level of a Markdown ATX heading line (`## Title` is 2), if it is one.
fn markdown_level(line: &str) -> Option<usize> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let rest = line.get(hashes..)?;
    ((1..=6).contains(&hashes) && rest.starts_with(' ')).then_some(hashes)
}

/// The block's text for a title or heading: without Markdown `#` marks, and without the
/// labels of a `TITLE: … LINK: …` header (the title alone).
pub fn display_text(block: &str) -> &str {
    let t = block.trim();
    if let Some(rest) = t.strip_prefix(TITLE_LABEL) {
        let title = rest
            .find(LINK_LABEL)
            .map_or(rest, |i| rest.get(..i).unwrap_or(rest));
        if !title.trim().is_empty() {
            return title.trim();
        }
    }
    match markdown_level(t) {
        Some(n) => t.get(n..).unwrap_or(t).trim(),
        None => t,
    }
}

/// The labels of a news-archive header line: `TITLE: headline LINK: address`.
const TITLE_LABEL: &str = "TITLE:";
const LINK_LABEL: &str = " LINK: ";

/// A news-archive header line (`TITLE: headline LINK: address`) as the headline alone,
/// set apart from the body by a blank line, and the address (for the citation): the
/// labels and the link are the archive's, not the article's, and the reader shows the
/// text as it is. `None` if the first line is no such header.
pub fn header_as_title(text: &str) -> Option<(String, String)> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let cr = if first.ends_with('\r') { "\r" } else { "" };
    let body = first.trim_end().strip_prefix(TITLE_LABEL)?;
    let k = body.find(LINK_LABEL)?;
    let title = body.get(..k)?.trim();
    let link = body.get(k + LINK_LABEL.len()..)?.trim();
    if title.is_empty() {
        return None;
    }
    let apart = rest.lines().next().is_none_or(|l| l.trim().is_empty());
    let gap = if apart { "" } else { "\n" };
    let gap = if apart {
        gap.to_owned()
    } else {
        format!("{cr}{gap}")
    };
    Some((format!("{title}{cr}\n{gap}{rest}"), link.to_owned()))
}

/// The text with a blank line after a leading title line that runs straight into the
/// body, so that the title is a block of its own (blocks are split at blank lines, by
/// the loader too): a `TITLE: … LINK: …` header, a Markdown `# ` line, or a line of at
/// most 12 words that does not end like a sentence and is less than half as long as
/// the next (a hard-wrapped paragraph's first line is as long as the rest). `None` if
/// the first line is no such title, or is already apart.
pub fn title_apart(text: &str) -> Option<String> {
    let (first, rest) = text.split_once('\n')?;
    let second = rest.lines().next()?;
    let line = first.trim();
    if line.is_empty() || second.trim().is_empty() {
        return None;
    }
    let words = line.split_whitespace().count();
    let ends_sentence = matches!(
        line.chars().next_back(),
        Some('.' | '!' | '?' | ':' | ';' | ',')
    );
    let short = words <= 12 && !ends_sentence && line.len() * 2 < second.trim().len();
    let title = line.starts_with(TITLE_LABEL) || markdown_level(line) == Some(1) || short;
    title.then(|| {
        let cr = if first.ends_with('\r') { "\r" } else { "" };
        format!("{first}\n{cr}\n{rest}")
    })
}

/// Abbreviations after which a full stop does not end a sentence (lower case, no dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "gov", "sen", "rep", "lt", "col",
    "capt", "sgt", "maj", "rev", "hon", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "d.c", "approx", "est", "dept", "univ",
];

/// Sentences of `text` (byte ranges into `text`, trimmed of surrounding white space).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let Some(&(at, c)) = chars.get(k) else { break };
        let mut end_here = None;
        if matches!(c, '.' | '!' | '?') {
            // Closing quotes and brackets stay with the sentence.
            let mut e = k + 1;
            while chars
                .get(e)
                .is_some_and(|&(_, q)| matches!(q, '"' | '\'' | '’' | '”' | ')' | ']' | '»'))
            {
                e += 1;
            }
            let next = chars.get(e).map(|&(_, n)| n);
            if next.is_none_or(char::is_whitespace) && !(c == '.' && is_abbreviation(text, at)) {
                end_here = Some(e);
            }
        } else if c == '\n' && short_line_before(text, at) {
            end_here = Some(k);
        }
        if let Some(e) = end_here {
            let end = chars.get(e).map_or(text.len(), |&(b, _)| b);
            push_trimmed(text, start..end, &mut out);
            start = end;
            k = e.max(k + 1);
        } else {
            k += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(r.clone()) else { return };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if s.trim().is_empty() {
        return;
    }
    let (start, end) = (r.start + lead, r.end - trail);
    // A live blog's editorial lead ("(all times local): 7:50 p.m.") is a sentence of its
    // own, so that the passage about the news starts with the news.
    let prefix = text.get(start..end).map_or(0, editorial_prefix);
    if prefix > 0 && start + prefix < end {
        let head = text
            .get(start..start + prefix)
            .unwrap_or_default()
            .trim_end();
        out.push(start..start + head.len());
        out.push(start + prefix..end);
    } else {
        out.push(start..end);
    }
}

/// Length in bytes (with the spaces after it) of a sentence's editorial lead: a short
/// bracketed note ending in a colon ("(all times local):") and/or a clock time
/// ("7:50 p.m.", "2 p.m."), when a capitalised word follows. 0 when there is none.
fn editorial_prefix(s: &str) -> usize {
    let mut at = 0;
    if s.starts_with('(')
        && let Some(close) = s.find("):")
        && close < 40
    {
        at = close + 2;
    }
    let rest = s.get(at..).unwrap_or_default();
    let skip = rest.len() - rest.trim_start().len();
    if let Some(time) = clock_time(rest.trim_start()) {
        at += skip + time;
    }
    let rest = s.get(at..).unwrap_or_default();
    let skip = rest.len() - rest.trim_start().len();
    let next = rest.trim_start().chars().next();
    if at == 0 || skip == 0 || !next.is_some_and(char::is_uppercase) {
        return 0;
    }
    at + skip
}

/// Length of a clock time at the start of `s`: one or two digits, optionally ":MM",
/// then " a.m." or " p.m.".
fn clock_time(s: &str) -> Option<usize> {
    let hours = s.chars().take_while(char::is_ascii_digit).count();
    if !(1..=2).contains(&hours) {
        return None;
    }
    let mut at = hours;
    if let Some(m) = s.get(at..).and_then(|r| r.strip_prefix(':')) {
        let minutes = m.chars().take_while(char::is_ascii_digit).count();
        if minutes != 2 {
            return None;
        }
        at += 3;
    }
    let rest = s.get(at..)?;
    ["a.m.", "p.m."]
        .iter()
        .find_map(|m| rest.strip_prefix(' ')?.strip_prefix(m))
        .map(|after| s.len() - after.len())
}

/// True if the full stop at byte `dot` ends an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = text.get(..dot).unwrap_or_default();
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8)
        });
    let word = before.get(word_start..).unwrap_or_default();
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: "J. R. R. Tolkien"
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// A line break after a line with no sentence-ending punctuation that is under 60 bytes or
/// the block's first line, before a capital, digit or list mark (a heading, a title line or
/// a list item inside a block), ends a sentence.
fn short_line_before(text: &str, nl: usize) -> bool {
    let before = text.get(..nl).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default().trim();
    let next = text
        .get(nl + 1..)
        .and_then(|s| s.trim_start().chars().next());
    let first_line = !before.contains('\n');
    !line.is_empty()
        && (line.len() < 60 || first_line)
        && !line.ends_with(['.', '!', '?', ',', ';', ':', '-', '–'])
        && next.is_some_and(|c| {
            c.is_uppercase() || c.is_numeric() || matches!(c, '-' | '*' | '#' | '•')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<PartKind> {
        split(text).into_iter().map(|b| b.kind).collect()
    }

    #[test]
    fn plain_text_has_title_heading_and_paragraphs() {
        let text = "Floods in Peru\n\nHeavy rain hit Lima on Monday. Rivers rose.\n\nWhat next\n\nThe government met.\n";
        assert_eq!(
            kinds(text),
            [
                PartKind::Title,
                PartKind::Paragraph,
                PartKind::Heading,
                PartKind::Paragraph
            ]
        );
        let blocks = split(text);
        assert_eq!(
            &text[blocks[1].range.clone()],
            "Heavy rain hit Lima on Monday. Rivers rose."
        );
    }

    #[test]
    fn a_title_link_header_becomes_the_headline_alone_with_its_address_apart() {
        let text = "TITLE: Floods hit Lima LINK: http://example.org/floods\nHeavy rain hit Lima on Monday.\n";
        let (t, link) = header_as_title(text).expect("a header");
        assert_eq!(t, "Floods hit Lima\n\nHeavy rain hit Lima on Monday.\n");
        assert_eq!(link, "http://example.org/floods");
        let spaced = "TITLE: Floods LINK: http://x.org\r\n\r\nRain.\r\n";
        let (t, _) = header_as_title(spaced).expect("a header");
        assert_eq!(t, "Floods\r\n\r\nRain.\r\n");
        assert_eq!(header_as_title("Floods hit Lima\n\nRain.\n"), None);
    }

    #[test]
    fn a_title_header_running_into_the_body_is_set_apart_and_marked_title() {
        let text = "TITLE: Floods hit Lima LINK: http://example.org/floods\nHeavy rain hit Lima on Monday. Rivers rose across the whole of the coast.\n";
        assert_eq!(kinds(text), [PartKind::Paragraph]);
        let apart = title_apart(text).expect("set apart");
        assert_eq!(
            apart,
            "TITLE: Floods hit Lima LINK: http://example.org/floods\n\nHeavy rain hit Lima on Monday. Rivers rose across the whole of the coast.\n"
        );
        assert_eq!(kinds(&apart), [PartKind::Title, PartKind::Paragraph]);
        let first = split(&apart)[0].range.clone();
        assert_eq!(display_text(&apart[first]), "Floods hit Lima");
    }

    #[test]
    fn a_short_first_line_before_a_long_one_is_a_title_but_a_wrapped_paragraph_is_not() {
        let titled =
            "Floods in Peru\nHeavy rain hit Lima on Monday, and the rivers rose across the coast.";
        assert_eq!(
            title_apart(titled).as_deref(),
            Some(
                "Floods in Peru\n\nHeavy rain hit Lima on Monday, and the rivers rose across the coast."
            )
        );
        let wrapped =
            "Heavy rain hit Lima on Monday and the rivers\nrose across the coast. The army helped.";
        assert_eq!(title_apart(wrapped), None);
        let already = "Floods in Peru\n\nHeavy rain hit Lima on Monday.";
        assert_eq!(title_apart(already), None);
        let sentence =
            "Rain fell.\nHeavy rain hit Lima on Monday, and the rivers rose across the coast.";
        assert_eq!(title_apart(sentence), None);
    }

    #[test]
    fn markdown_headings_are_recognised_and_marks_dropped_for_display() {
        let text = "# Kashmir talks\n\nIndia and Pakistan met.\n\n## Background and the long history of the dispute over the valley in question\n\nMore.";
        assert_eq!(
            kinds(text),
            [
                PartKind::Title,
                PartKind::Paragraph,
                PartKind::Heading,
                PartKind::Paragraph
            ]
        );
        assert_eq!(display_text("# Kashmir talks"), "Kashmir talks");
    }

    #[test]
    fn a_first_block_that_is_a_sentence_is_a_paragraph() {
        assert_eq!(
            kinds("Fiji lies in the Pacific.\n\nMore text here."),
            [PartKind::Paragraph, PartKind::Paragraph]
        );
    }

    /// The sentences of `t`, as text.
    fn sentence_texts(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn sentences_skip_abbreviations_and_initials() {
        let t = "Mr. Smith went to Washington, D.C. on Monday. J. R. Hartley stayed in the U.S. “Good.” Then he left!";
        assert_eq!(
            sentence_texts(t),
            [
                "Mr. Smith went to Washington, D.C. on Monday.",
                "J. R. Hartley stayed in the U.S. “Good.”",
                "Then he left!"
            ]
        );
    }

    #[test]
    fn a_live_blogs_editorial_lead_is_a_sentence_apart_from_the_news() {
        assert_eq!(
            sentence_texts(
                "LONDON The Latest on it in Britain. (all times local): 7:50 p.m. In Washington, envoys left. 2 p.m. The British government met."
            ),
            [
                "LONDON The Latest on it in Britain.",
                "(all times local): 7:50 p.m.",
                "In Washington, envoys left.",
                "2 p.m.",
                "The British government met."
            ]
        );
        // Not a lead: a bracket without a colon, or a number that is no clock time.
        assert_eq!(
            sentence_texts("(Reuters) Troops left. 12 Russian envoys left at 7 p.m. today."),
            [
                "(Reuters) Troops left.",
                "12 Russian envoys left at 7 p.m. today."
            ]
        );
    }

    #[test]
    fn a_short_unpunctuated_line_ends_a_sentence() {
        let t = "Key points\nIran and Azerbaijan talked. Then\nthey stopped.";
        assert_eq!(
            sentence_texts(t),
            [
                "Key points",
                "Iran and Azerbaijan talked.",
                "Then\nthey stopped."
            ]
        );
    }
}
