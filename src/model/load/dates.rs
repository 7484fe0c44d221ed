//! Dates are the article's: the words of an event's date (and its qualifier) must be in
//! its passage's sentence, and an element's `changed` date in one of its passages'
//! sentences, unless the item names where the date comes from.

use super::super::article::Article;
use super::super::element::{Element, Link};
use super::super::ids::LinkId;
use super::super::problem::{ProblemKind as P, Problems};
use super::super::timeline::{DatePoint, EventDate, MONTHS, Precision};
use super::MAP_FILE;

/// Ways the article may write a date point ("1 October", "April 2015", "September",
/// "2013"); `end` adds the short forms of a span's end ("2017–21").
fn forms(d: &DatePoint, end: bool) -> Vec<String> {
    let month = MONTHS
        .get(d.month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or_default();
    match d.precision {
        Precision::Day => vec![format!("{} {month}", d.day)],
        Precision::Month => vec![format!("{month} {}", d.year), month.to_owned()],
        Precision::Year if end => vec![
            d.year.to_string(),
            format!("–{:02}", d.year % 100),
            format!("-{:02}", d.year % 100),
        ],
        Precision::Year => vec![d.year.to_string()],
    }
}

/// The first part of a date (or qualifier) whose words are not in `sentence`:
/// `(what, words)`, or `None` if the sentence gives the whole date.
pub(super) fn missing(
    sentence: &str,
    date: &EventDate,
    qualifier: Option<&str>,
) -> Option<(&'static str, String)> {
    let lower = sentence.to_lowercase();
    let has = |forms: &[String]| forms.iter().any(|f| lower.contains(&f.to_lowercase()));
    let start = forms(&date.start, false);
    if !has(&start) {
        return Some(("date", start.join("” or “")));
    }
    if let Some(end) = &date.end {
        let end = forms(end, true);
        if !has(&end) {
            return Some(("end of the date", end.join("” or “")));
        }
    }
    if let Some(q) = qualifier
        && !lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == q.to_lowercase())
    {
        return Some(("qualifier", q.to_owned()));
    }
    None
}

/// The sentence(s) of a link's passage.
pub(super) fn sentence_of<'a>(article: &'a Article, link: &Link) -> &'a str {
    article.sentences_around(&link.range)
}

/// Each element's `changed` date must be in one of its passages or name `changed_source`.
pub(super) fn check_changed(
    article: &Article,
    elements: &[Element],
    element_links: &[Vec<LinkId>],
    links: &[Link],
    problems: &mut Problems,
) {
    for (el, ls) in elements.iter().zip(element_links) {
        let Some(changed) = el.changed else { continue };
        if el.changed_source.is_some() {
            continue;
        }
        let date = EventDate {
            start: changed,
            end: None,
        };
        let mut first_missing = None;
        for l in ls.iter().filter_map(|l| links.get(l.index())) {
            match missing(sentence_of(article, l), &date, None) {
                None => {
                    first_missing = None;
                    break;
                }
                Some(m) => first_missing = first_missing.or(Some(m)),
            }
        }
        let first_missing = if ls.is_empty() {
            Some(("date", forms(&changed, false).join("” or “")))
        } else {
            first_missing
        };
        if let Some((what, words)) = first_missing {
            problems.push(
                MAP_FILE,
                Some(el.key.clone()),
                P::DateNotInPassage {
                    what: format!("`changed` {what}"),
                    words,
                    source_field: "changed_source".into(),
                },
            );
        }
    }
}
