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
    NotFound {
        hint: String,
    },
    Ambiguous {
        count: usize,
    },
    Empty,
    /// `exact` is in the text, but the `prefix` or `suffix` is at none of its occurrences.
    StaleContext(StaleContext),
    /// `exact` differs from the text only by normal form, kind of space or invisible
    /// characters: still an error (anchors are exact), but one that says what differs.
    LookAlike(Box<LookAlike>),
}

/// A `prefix` or `suffix` that matches at no occurrence of `exact`.
#[derive(Clone, Debug, PartialEq)]
pub struct StaleContext {
    /// `"prefix"` or `"suffix"`.
    pub which: &'static str,
    pub given: String,
    /// How many times `exact` occurs (with the other context, if it matched).
    pub count: usize,
    /// The text the article has there, as long as `given` in code points, at up to three
    /// occurrences.
    pub there: Vec<String>,
}

/// How a quote differs from the article's text at the first difference.
#[derive(Clone, Debug, PartialEq)]
pub struct LookAlike {
    /// The article's exact text where the quote belongs: what `--fix` writes.
    pub fixed: String,
    /// Where in the quote: "at character 12 of the quote, after “share the”".
    pub place: String,
    /// The article's code points there, named ("U+00A0 NO-BREAK SPACE"), or "nothing".
    pub article_has: String,
    /// The quote's code points there, named, or "nothing".
    pub quote_has: String,
}

/// Finds the one byte range that `sel` selects in `text`.
///
/// # Errors
/// [`AnchorError`]: empty, not found (with a look-alike diagnosis where the quote differs
/// only in invisible ways), stale context, or ambiguous (with the count).
pub fn resolve(text: &str, sel: &TextQuoteSelector) -> Result<Range<usize>, AnchorError> {
    if sel.exact.is_empty() {
        return Err(AnchorError::Empty);
    }
    // Every occurrence of `exact`, and whether its prefix and suffix match.
    let mut all: Vec<(Range<usize>, bool, bool)> = Vec::new();
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
        all.push((start..end, prefix_ok, suffix_ok));
        // Step one character on, so overlapping occurrences are counted too.
        let step = text
            .get(start..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        from = start + step;
    }
    let found: Vec<&Range<usize>> = all.iter().filter(|o| o.1 && o.2).map(|o| &o.0).collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] if all.is_empty() => Err(look_alike(text, sel).map_or(
            AnchorError::NotFound {
                hint: String::new(),
            },
            |l| AnchorError::LookAlike(Box::new(l)),
        )),
        [] => Err(AnchorError::StaleContext(stale_context(text, sel, &all))),
        many => Err(AnchorError::Ambiguous { count: many.len() }),
    }
}

/// Which context is stale, and the text the article has in its place.
fn stale_context(
    text: &str,
    sel: &TextQuoteSelector,
    all: &[(Range<usize>, bool, bool)],
) -> StaleContext {
    let prefix_matches = all.iter().any(|o| o.1);
    let (which, given, at): (_, _, Vec<&Range<usize>>) = match (&sel.prefix, prefix_matches) {
        (Some(p), false) => ("prefix", p.clone(), all.iter().map(|o| &o.0).collect()),
        _ => (
            "suffix",
            sel.suffix.clone().unwrap_or_default(),
            all.iter().filter(|o| o.1).map(|o| &o.0).collect(),
        ),
    };
    let n = given.chars().count();
    let there = at
        .iter()
        .take(3)
        .map(|r| {
            if which == "prefix" {
                let before: Vec<char> = text.get(..r.start).unwrap_or_default().chars().collect();
                before
                    .get(before.len().saturating_sub(n)..)
                    .unwrap_or_default()
                    .iter()
                    .collect()
            } else {
                text.get(r.end..)
                    .unwrap_or_default()
                    .chars()
                    .take(n)
                    .collect()
            }
        })
        .collect();
    StaleContext {
        which,
        given,
        count: at.len(),
        there,
    }
}

/// The problem for a stale prefix or suffix, worded for one or several occurrences.
pub fn stale_problem(exact: String, c: StaleContext) -> super::problem::ProblemKind {
    let verb = if c.which == "prefix" {
        "precedes"
    } else {
        "follows"
    };
    let what = match c.count {
        1 => format!("what {verb} it"),
        n => format!("what {verb} any of its {n} occurrences"),
    };
    let there = c
        .there
        .iter()
        .map(|t| format!("“{t}”"))
        .chain((c.count > c.there.len()).then(|| "…".to_owned()))
        .collect::<Vec<_>>()
        .join(", ");
    super::problem::ProblemKind::AnchorStaleContext {
        exact,
        which: c.which.to_owned(),
        given: c.given,
        what,
        there,
    }
}

/// Zero-width spaces and joiners, word joiner, byte order mark, soft hyphen, direction
/// marks: characters that show as nothing, so a quote that has them looks like one without.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

/// Text cut into chunks of a character and the combining marks after it (so NFD "e" +
/// U+0301 is one chunk), each with its byte range.
fn chunks(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out: Vec<(Range<usize>, &str)> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let joins = unicode_normalization::char::is_combining_mark(c) && !is_invisible(c);
        match out.last_mut() {
            Some((r, s)) if joins => {
                r.end = end;
                *s = text.get(r.clone()).unwrap_or_default();
            }
            _ => out.push((i..end, text.get(i..end).unwrap_or_default())),
        }
    }
    out
}

/// Text with look-alike differences removed: NFC, every space a plain space, invisible
/// characters dropped. `src[i]` is the byte range in the original of folded byte `i`.
struct Folded {
    text: String,
    src: Vec<Range<usize>>,
}

fn fold(text: &str) -> Folded {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        src: Vec::with_capacity(text.len()),
    };
    for (r, chunk) in chunks(text) {
        let kept: String = chunk
            .chars()
            .filter(|c| !is_invisible(*c))
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .nfc()
            .collect();
        out.src.extend(std::iter::repeat_n(r, kept.len()));
        out.text.push_str(&kept);
    }
    out
}

/// If `sel.exact` differs from the text only in look-alike characters (and so do its
/// prefix and suffix, where given), the first such place: what differs and where.
fn look_alike(text: &str, sel: &TextQuoteSelector) -> Option<LookAlike> {
    let (exact, ..) = locate_folded(text, sel)?;
    let fixed = text.get(exact)?.to_owned();
    first_difference(&fixed, &sel.exact).map(|(place, article_has, quote_has)| LookAlike {
        fixed,
        place,
        article_has,
        quote_has,
    })
}

/// Where `sel` is in `text` once look-alike differences are ignored (first such place):
/// the byte ranges of its exact text, and of its prefix and suffix where given.
type Located = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);

fn locate_folded(text: &str, sel: &TextQuoteSelector) -> Option<Located> {
    let folded = fold(text);
    let exact = fold(&sel.exact).text;
    let prefix = sel.prefix.as_deref().map(|p| fold(p).text);
    let suffix = sel.suffix.as_deref().map(|s| fold(s).text);
    if exact.is_empty() {
        return None;
    }
    let orig = |a: usize, b: usize| -> Option<Range<usize>> {
        if a == b {
            let at = folded.src.get(a).map_or(text.len(), |r| r.start);
            return Some(at..at);
        }
        Some(folded.src.get(a)?.start..folded.src.get(b.checked_sub(1)?)?.end)
    };
    folded.text.match_indices(&exact).find_map(|(i, _)| {
        let end = i + exact.len();
        let pre = match &prefix {
            None => None,
            Some(p) => {
                let before = folded.text.get(..i)?;
                if !before.ends_with(p.as_str()) {
                    return None;
                }
                Some(orig(i - p.len(), i)?)
            }
        };
        let suf = match &suffix {
            None => None,
            Some(x) => {
                let after = folded.text.get(end..)?;
                if !after.starts_with(x.as_str()) {
                    return None;
                }
                Some(orig(end, end + x.len())?)
            }
        };
        Some((orig(i, end)?, pre, suf))
    })
}

/// One rewrite `aras check --fix` makes in `links.json`: a quote, prefix, suffix or
/// voice that differs from the article only in look-alike characters, and the article's
/// own text for it.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteFix {
    /// The link's `id`.
    pub link: String,
    /// The JSON key of the value: `exact`, `prefix` or `suffix`.
    pub key: &'static str,
    /// What it is: "quote", "prefix", "suffix" or "voice".
    pub what: &'static str,
    pub from: String,
    pub to: String,
    /// Where the first difference is, and the code points on each side, named.
    pub place: String,
    pub article_has: String,
    pub quote_has: String,
}

impl QuoteFix {
    fn new(
        link: &str,
        key: &'static str,
        what: &'static str,
        from: &str,
        to: &str,
    ) -> Option<Self> {
        let (place, article_has, quote_has) = difference_in(to, from, what)?;
        Some(Self {
            link: link.to_owned(),
            key,
            what,
            from: from.to_owned(),
            to: to.to_owned(),
            place,
            article_has,
            quote_has,
        })
    }
}

/// Every TextQuoteSelector value of `links` (the parsed `links.json`) that `--fix` may
/// rewrite: a link whose selector does not resolve in `text` but does once look-alike
/// characters (normal form, kinds of space, invisible characters) are ignored gets its
/// `exact`, `prefix` and `suffix` rewritten to the article's text where they differ; a
/// voice not in its link's quote but there once look-alikes are ignored (exactly once)
/// gets its `exact` rewritten. Nothing else is touched.
pub fn look_alike_fixes(text: &str, links: &serde_json::Value) -> Vec<QuoteFix> {
    let mut out = Vec::new();
    let list = links.get("links").and_then(|l| l.as_array());
    for link in list.into_iter().flatten() {
        let id = link.get("id").and_then(|v| v.as_str()).unwrap_or("?");
        let Some(sel) = link
            .get("selector")
            .and_then(|s| serde_json::from_value::<TextQuoteSelector>(s.clone()).ok())
        else {
            continue;
        };
        let range = match resolve(text, &sel) {
            Ok(r) => r,
            Err(AnchorError::LookAlike(_) | AnchorError::StaleContext(_)) => {
                let Some((exact, pre, suf)) = locate_folded(text, &sel) else {
                    continue;
                };
                let slice = |r: &Range<usize>| text.get(r.clone()).unwrap_or_default();
                out.extend(QuoteFix::new(
                    id,
                    "exact",
                    "quote",
                    &sel.exact,
                    slice(&exact),
                ));
                if let (Some(given), Some(r)) = (&sel.prefix, &pre) {
                    out.extend(QuoteFix::new(id, "prefix", "prefix", given, slice(r)));
                }
                if let (Some(given), Some(r)) = (&sel.suffix, &suf) {
                    out.extend(QuoteFix::new(id, "suffix", "suffix", given, slice(r)));
                }
                exact
            }
            Err(_) => continue,
        };
        let quote = text.get(range).unwrap_or_default();
        let voices = link.get("voices").and_then(|v| v.as_array());
        for v in voices.into_iter().flatten() {
            let Some(given) = v.get("exact").and_then(|e| e.as_str()) else {
                continue;
            };
            if given.is_empty() || quote.contains(given) {
                continue;
            }
            let voice = TextQuoteSelector {
                kind: quote_selector_type(),
                exact: given.to_owned(),
                prefix: None,
                suffix: None,
            };
            let folded = fold(quote);
            if folded.text.matches(&fold(given).text).count() != 1 {
                continue;
            }
            if let Some((r, ..)) = locate_folded(quote, &voice) {
                let to = quote.get(r).unwrap_or_default();
                out.extend(QuoteFix::new(id, "exact", "voice", given, to));
            }
        }
    }
    out
}

/// Names a chunk's code points: "U+0065 LATIN SMALL LETTER E + U+0301 COMBINING ACUTE ACCENT".
fn name_chunk(chunk: &str) -> String {
    chunk
        .chars()
        .map(|c| match unicode_names2::name(c) {
            Some(name) => format!("U+{:04X} {name}", u32::from(c)),
            None => format!("U+{:04X}", u32::from(c)),
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The first place where `quote` differs from the article's `article` text, chunk by
/// chunk: (where in the quote, the article's code points, the quote's code points).
fn first_difference(article: &str, quote: &str) -> Option<(String, String, String)> {
    difference_in(article, quote, "quote")
}

/// [`first_difference`], with the place named in `what` ("prefix", "voice", …).
fn difference_in(article: &str, quote: &str, what: &str) -> Option<(String, String, String)> {
    let a = chunks(article);
    let q = chunks(quote);
    let (mut i, mut j) = (0, 0);
    loop {
        let (ac, qc) = (a.get(i).map(|c| c.1), q.get(j).map(|c| c.1));
        if ac.is_none() && qc.is_none() {
            return None;
        }
        if ac == qc {
            i += 1;
            j += 1;
            continue;
        }
        let invisible = |c: Option<&str>| c.is_some_and(|s| s.chars().all(is_invisible));
        let (article_has, quote_has) = if invisible(qc) || ac.is_none() {
            ("nothing".to_owned(), name_chunk(qc.unwrap_or_default()))
        } else if invisible(ac) || qc.is_none() {
            (name_chunk(ac.unwrap_or_default()), "nothing".to_owned())
        } else {
            (
                name_chunk(ac.unwrap_or_default()),
                name_chunk(qc.unwrap_or_default()),
            )
        };
        let at = q.get(j).map_or(quote.len(), |c| c.0.start);
        let before: Vec<char> = quote.get(..at).unwrap_or_default().chars().collect();
        let n = before.len();
        let place = if n == 0 {
            format!("at character 1 of the {what}")
        } else {
            let shown: String = before
                .get(n.saturating_sub(20)..)
                .unwrap_or_default()
                .iter()
                .collect();
            format!("at character {} of the {what}, after “{shown}”", n + 1)
        };
        return Some((place, article_has, quote_has));
    }
}

/// Rewrites, in the text of a JSON file, every string value under the key `key` equal to
/// `from` to `to`, for each `(key, from, to)` of `fixes`, leaving every other byte as it
/// was (key order, spacing, escapes). Returns the new text and how many values it
/// rewrote.
pub fn rewrite_quotes(json: &str, fixes: &[(&str, String, String)]) -> (String, usize) {
    let mut out = String::with_capacity(json.len());
    let mut count = 0;
    let mut key: Option<String> = None;
    let mut copied = 0;
    let bytes = json.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'"' {
            i += 1;
            continue;
        }
        // A string literal from `i` to its closing quote.
        let mut end = i + 1;
        while let Some(&c) = bytes.get(end) {
            match c {
                b'\\' => end += 2,
                b'"' => break,
                _ => end += 1,
            }
        }
        let literal = json.get(i..=end).unwrap_or_default();
        let value: Option<String> = serde_json::from_str(literal).ok();
        let is_key = json
            .get(end + 1..)
            .unwrap_or_default()
            .trim_start()
            .starts_with(':');
        if is_key {
            key = value;
        } else {
            let fix = value.as_ref().and_then(|v| {
                fixes
                    .iter()
                    .find(|(k, from, _)| from == v && key.as_deref() == Some(*k))
            });
            if let Some((_, _, to)) = fix
                && let Ok(new) = serde_json::to_string(to)
            {
                out.push_str(json.get(copied..i).unwrap_or_default());
                out.push_str(&new);
                copied = end + 1;
                count += 1;
            }
            key = None;
        }
        i = end + 1;
    }
    out.push_str(json.get(copied..).unwrap_or_default());
    (out, count)
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

    #[test]
    fn rewrite_touches_only_the_named_key_and_keeps_escapes_elsewhere() {
        let json = r#"{"a": "x\"y", "exact": "x\"y", "prefix": "x\"y"}"#;
        let fixes = [("exact", "x\"y".to_owned(), "z".to_owned())];
        let (out, n) = rewrite_quotes(json, &fixes);
        assert_eq!(n, 1);
        assert_eq!(out, r#"{"a": "x\"y", "exact": "z", "prefix": "x\"y"}"#);
    }

    #[test]
    fn a_really_different_quote_is_not_found_rather_than_a_look_alike() {
        assert_eq!(
            resolve(
                "Alpha borders Beta.",
                &sel("Alpha borders Gamma.", None, None)
            ),
            Err(AnchorError::NotFound {
                hint: String::new()
            })
        );
    }
}
