//! The `TextQuoteSelector` for a byte range: `exact` is the range's text, with the
//! shortest `prefix`/`suffix` (in characters) that makes it select that range only.

use std::ops::Range;

use super::super::anchor::{TextQuoteSelector, resolve};

/// Longest context tried on each side, in characters.
const MAX_CONTEXT: usize = 64;

/// The selector for `range` of `text`, or `None` if the range is empty, not on character
/// boundaries, or cannot be told apart from another occurrence within [`MAX_CONTEXT`]
/// characters of context on each side.
pub fn selector_for(text: &str, range: &Range<usize>) -> Option<TextQuoteSelector> {
    let exact = text.get(range.clone())?;
    if exact.is_empty() {
        return None;
    }
    let before: Vec<(usize, char)> = text.get(..range.start)?.char_indices().collect();
    let after = text.get(range.end..)?;
    // Byte offsets where a prefix of n characters starts, n = 0, 1, ...
    let prefix_at = |n: usize| -> Option<&str> {
        if n == 0 {
            return Some("");
        }
        let (i, _) = before.get(before.len().checked_sub(n)?)?;
        text.get(*i..range.start)
    };
    let suffix_at = |n: usize| -> Option<&str> {
        if n == 0 {
            return Some("");
        }
        let end = after.char_indices().nth(n).map_or(after.len(), |(i, _)| i);
        (after.chars().count() >= n).then(|| after.get(..end))?
    };
    // Total context 0, 1, 2, ...; at each total, the prefix's share from 0 up.
    for total in 0..=2 * MAX_CONTEXT {
        for p in 0..=total.min(MAX_CONTEXT) {
            let s = total - p;
            if s > MAX_CONTEXT {
                continue;
            }
            let (Some(prefix), Some(suffix)) = (prefix_at(p), suffix_at(s)) else {
                continue;
            };
            let sel = TextQuoteSelector {
                kind: "TextQuoteSelector".to_owned(),
                exact: exact.to_owned(),
                prefix: (!prefix.is_empty()).then(|| prefix.to_owned()),
                suffix: (!suffix.is_empty()).then(|| suffix.to_owned()),
            };
            if resolve(text, &sel).ok().as_ref() == Some(range) {
                return Some(sel);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_quote_needs_no_context() {
        let text = "Alpha borders Beta. Gamma is far.";
        let sel = selector_for(text, &(6..13)).unwrap();
        assert_eq!(sel.exact, "borders");
        assert_eq!((sel.prefix, sel.suffix), (None, None));
    }

    #[test]
    fn repeated_quote_gets_the_shortest_context_that_picks_it() {
        let text = "So Iran said no. Then Iran said maybe.";
        // The second "Iran said": one character either side (" ") is shared; two of
        // suffix (" m") are not.
        let start = text.rfind("Iran said").unwrap();
        let range = start..start + "Iran said".len();
        let sel = selector_for(text, &range).unwrap();
        assert_eq!(resolve(text, &sel).unwrap(), range);
        let context = sel.prefix.as_deref().unwrap_or("").chars().count()
            + sel.suffix.as_deref().unwrap_or("").chars().count();
        assert_eq!(context, 2, "{sel:?}");
        assert_eq!(sel.suffix.as_deref(), Some(" m"));
    }

    #[test]
    fn first_of_two_at_the_start_of_the_text_uses_a_suffix() {
        let text = "ab x ab y";
        let sel = selector_for(text, &(0..2)).unwrap();
        assert_eq!(sel.prefix, None);
        assert_eq!(sel.suffix.as_deref(), Some(" x"));
    }

    #[test]
    fn range_inside_a_character_is_refused() {
        assert!(selector_for("Bakı", &(3..4)).is_none());
        assert!(selector_for("Bakı", &(2..2)).is_none());
    }
}
