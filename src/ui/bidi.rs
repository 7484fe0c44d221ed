//! Right-to-left text for a renderer that neither shapes nor reorders (egui 0.37 draws
//! code points left to right, one glyph each). Arabic letters are replaced by their joined
//! presentation forms (`ar-reshaper`, no ligatures, so one character stays one character)
//! and each paragraph is put in Unicode bidirectional visual order (`unicode-bidi`, UAX #9).
//! Text without right-to-left characters is returned unchanged, so Latin, Cyrillic,
//! Armenian and Georgian text (and its offsets) are untouched.
//!
//! Limits: a paragraph is reordered as one line before egui wraps it, so a right-to-left
//! paragraph that wraps reads its lines bottom to top; egui aligns every line left.

use std::borrow::Cow;
use std::ops::Range;

use ar_reshaper::{ArabicReshaper, ReshaperConfig};
use unicode_bidi::{BidiClass, BidiInfo};

/// True if `text` has a right-to-left character (Hebrew, Arabic, Syriac, Thaana, …) or an
/// explicit right-to-left embedding, override or isolate.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
        )
    })
}

/// Arabic letters in their joined forms, one output character per input character
/// (`None` if shaping would change the count, which the offsets below rely on).
fn shaped(text: &str) -> Option<String> {
    let config = ReshaperConfig {
        support_ligatures: false,
        ..ReshaperConfig::default()
    };
    let out = ArabicReshaper::new(config).reshape(text);
    (out.chars().count() == text.chars().count()).then_some(out)
}

/// `text` as it must be drawn: shaped and in visual order. Borrowed if it has no
/// right-to-left characters.
pub fn display(text: &str) -> Cow<'_, str> {
    if !has_rtl(text) {
        return Cow::Borrowed(text);
    }
    let visual = visual(text, &[0, text.len()]);
    Cow::Owned(visual.segments.into_iter().map(|(_, s)| s).collect())
}

/// [`display`] as an owned string, for widgets that take `String`.
pub fn shown(text: &str) -> String {
    display(text).into_owned()
}

/// Text cut into segments in visual order, each with its byte range in the original.
#[derive(Debug, PartialEq)]
pub struct Visual {
    /// (byte range in the original, text to draw), left to right.
    pub segments: Vec<(Range<usize>, String)>,
    /// For each character drawn, in drawing order, its byte offset in the original.
    pub char_bytes: Vec<usize>,
}

/// Cuts `text` at the sorted byte offsets `cuts` (formatting boundaries, which must be
/// character boundaries) and at direction changes, and orders the pieces visually. For
/// text with no right-to-left character the pieces are the cuts, in order, unchanged.
pub fn visual(text: &str, cuts: &[usize]) -> Visual {
    let pieces = |r: Range<usize>| {
        let inside = cuts
            .iter()
            .copied()
            .filter(move |c| r.start < *c && *c < r.end);
        std::iter::once(r.start)
            .chain(inside)
            .chain(std::iter::once(r.end))
            .collect::<Vec<_>>()
    };
    let mut runs: Vec<(Range<usize>, bool)> = Vec::new();
    let shaped_text = if has_rtl(text) { shaped(text) } else { None };
    if has_rtl(text) {
        let info = BidiInfo::new(text, None);
        for para in &info.paragraphs {
            let (levels, line_runs) = info.visual_runs(para, para.range.clone());
            for r in line_runs {
                let rtl = levels.get(r.start).is_some_and(|l| l.is_rtl());
                runs.push((r, rtl));
            }
        }
    } else {
        runs.push((0..text.len(), false));
    }
    // Shaped characters by original byte offset (same count as the original's).
    let shaped_chars: Vec<char> = shaped_text.as_deref().unwrap_or(text).chars().collect();
    let char_index: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let mut out = Visual {
        segments: Vec::new(),
        char_bytes: Vec::new(),
    };
    for (run, rtl) in runs {
        let cut = pieces(run);
        let mut segs: Vec<Range<usize>> = cut
            .windows(2)
            .filter_map(|w| match w {
                [s, e] if s < e => Some(*s..*e),
                _ => None,
            })
            .collect();
        if rtl {
            segs.reverse();
        }
        for seg in segs {
            let first = char_index.partition_point(|b| *b < seg.start);
            let last = char_index.partition_point(|b| *b < seg.end);
            let mut idx: Vec<usize> = (first..last).collect();
            if rtl {
                idx.reverse();
            }
            let s: String = idx.iter().filter_map(|i| shaped_chars.get(*i)).collect();
            out.char_bytes
                .extend(idx.iter().filter_map(|i| char_index.get(*i)));
            out.segments.push((seg, s));
        }
    }
    out
}

/// The drawn index of the character at byte `byte` (or of the first one after it), for
/// `char_bytes` as [`Visual`] gives it.
pub fn char_of(char_bytes: &[usize], byte: usize) -> usize {
    // Sorted (left-to-right text): a binary search finds it.
    let at = char_bytes.partition_point(|b| *b < byte);
    if char_bytes.get(at) == Some(&byte) {
        return at;
    }
    char_bytes.iter().position(|b| *b == byte).unwrap_or(at)
}

/// The drawn characters of the byte range `r`: the smallest range of drawn indices that
/// holds all of them (a range within one direction run is contiguous).
pub fn char_range(char_bytes: &[usize], r: &Range<usize>) -> Range<usize> {
    let mut inside = char_bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| r.contains(b))
        .map(|(i, _)| i);
    match inside.next() {
        Some(first) => {
            let last = inside.next_back().unwrap_or(first);
            first..last + 1
        }
        None => {
            let at = char_of(char_bytes, r.start);
            at..at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_other_left_to_right_scripts_are_unchanged() {
        for s in ["Bakı", "Нахичевань", "Երևան", "თბილისი", "Azərbaycan"]
        {
            assert!(matches!(display(s), Cow::Borrowed(x) if x == s));
        }
    }

    #[test]
    fn mixed_arabic_and_english_line_is_in_bidi_order_with_english_left_to_right() {
        // Logical: "The city of " + تبریز + " lies in Iran." An LTR paragraph: the English
        // reads left to right, the Persian word is reversed in place and shaped.
        let s = "The city of تبریز lies in Iran.";
        let shown = display(s);
        assert!(shown.starts_with("The city of "), "{shown}");
        assert!(shown.ends_with(" lies in Iran."), "{shown}");
        let word: String = shown
            .trim_start_matches("The city of ")
            .trim_end_matches(" lies in Iran.")
            .into();
        // ز (final form U+FEB0) is drawn first (leftmost), ت (initial form U+FE97) last.
        assert_eq!(word.chars().count(), 5);
        assert_eq!(word.chars().next(), Some('\u{FEB0}'));
        assert_eq!(word.chars().last(), Some('\u{FE97}'));
    }

    #[test]
    fn right_to_left_paragraph_keeps_an_english_run_reading_left_to_right() {
        let shown = display("شهر Tabriz است");
        assert!(shown.contains("Tabriz"), "{shown}");
        // The paragraph is right to left: the first Persian word is drawn rightmost.
        assert!(shown.find("Tabriz") > Some(0));
    }

    #[test]
    fn offsets_map_drawn_characters_back_to_the_original() {
        let s = "ab تبریز cd";
        let v = visual(s, &[0, 3, s.len()]);
        let drawn: String = v.segments.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(drawn.chars().count(), v.char_bytes.len());
        let mut sorted = v.char_bytes.clone();
        sorted.sort_unstable();
        let all: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        assert_eq!(sorted, all, "every character drawn once");
        // The Persian word (bytes 3..13) is contiguous when drawn.
        assert_eq!(char_range(&v.char_bytes, &(3..13)), 3..8);
        assert_eq!(char_of(&v.char_bytes, 0), 0);
    }
}
