//! Anchoring quotes the way W3C Web Annotations do: a `TextQuoteSelector` (`exact`, plus
//! `prefix`/`suffix` to pick one of several occurrences) is resolved against the original
//! text once, at load. A quote that is missing or ambiguous is an error, never a guess.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::article::{Article, PartKind, sentences};

/// W3C `TextQuoteSelector`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextQuoteSelector {
    #[serde(rename = "type", default = "quote_selector_type")]
    pub kind: String,
    pub exact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

fn quote_selector_type() -> String {
    "TextQuoteSelector".to_owned()
}

/// Why a selector did not resolve to exactly one place.
#[derive(Clone, Debug, PartialEq)]
pub enum AnchorError {
    NotFound { hint: String },
    Ambiguous { count: usize },
    Empty,
}

/// Finds the one byte range that `sel` selects in `text`.
pub fn resolve(text: &str, sel: &TextQuoteSelector) -> Result<Range<usize>, AnchorError> {
    if sel.exact.is_empty() {
        return Err(AnchorError::Empty);
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(&sel.exact)) {
        let start = from + i;
        let end = start + sel.exact.len();
        let prefix_ok = sel
            .prefix
            .as_deref()
            .is_none_or(|p| text.get(..start).is_some_and(|before| before.ends_with(p)));
        let suffix_ok = sel
            .suffix
            .as_deref()
            .is_none_or(|s| text.get(end..).is_some_and(|after| after.starts_with(s)));
        if prefix_ok && suffix_ok {
            found.push(start..end);
        }
        // Step one character on, so overlapping occurrences are counted too.
        let step = text
            .get(start..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        from = start + step;
    }
    match found.len() {
        1 => Ok(found.into_iter().next().unwrap_or_default()),
        0 => Err(AnchorError::NotFound {
            hint: String::new(),
        }),
        count => Err(AnchorError::Ambiguous { count }),
    }
}

/// The sentence of the readable article closest to `exact` (normalised Levenshtein), as a
/// hint for an author whose quote does not match.
pub fn closest_passage(article: &Article, exact: &str) -> String {
    let mut best = (f64::MIN, "");
    for (_, part) in article.readable_parts() {
        if part.kind == PartKind::Furniture {
            continue;
        }
        let text = article.slice(&part.range);
        for r in sentences(text) {
            let sentence = text.get(r).unwrap_or_default();
            let score = strsim::normalized_levenshtein(exact, sentence);
            if score > best.0 {
                best = (score, sentence);
            }
        }
    }
    let shown: String = best.1.chars().take(160).collect();
    if shown.len() < best.1.len() {
        format!("{shown}…")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> TextQuoteSelector {
        TextQuoteSelector {
            kind: quote_selector_type(),
            exact: exact.into(),
            prefix: prefix.map(Into::into),
            suffix: suffix.map(Into::into),
        }
    }

    #[test]
    fn unique_quote_resolves_to_its_range() {
        assert_eq!(resolve("a bc d", &sel("bc", None, None)), Ok(2..4));
    }

    #[test]
    fn repeated_quote_needs_prefix_or_suffix() {
        let text = "x Iran y. z Iran w.";
        assert_eq!(
            resolve(text, &sel("Iran", None, None)),
            Err(AnchorError::Ambiguous { count: 2 })
        );
        assert_eq!(resolve(text, &sel("Iran", Some("z "), None)), Ok(12..16));
        assert_eq!(resolve(text, &sel("Iran", None, Some(" y"))), Ok(2..6));
    }

    #[test]
    fn straight_apostrophe_does_not_match_curly() {
        assert!(matches!(
            resolve("Iran’s drills", &sel("Iran's", None, None)),
            Err(AnchorError::NotFound { .. })
        ));
    }
}
