//! Dates are the article's: the words of an event's date (and its qualifier) must be in
//! its passage's sentence, and an element's `changed` date in one of its passages'
//! sentences, unless the item names where the date comes from.

use super::super::article::Article;
use super::super::date_words;
use super::super::element::{Element, Link};
use super::super::ids::LinkId;
use super::super::problem::{ProblemKind as P, Problems};
use super::super::timeline::{DatePoint, EventDate, Precision};
use super::MAP_FILE;

/// Ways the article may write the year at a span's end: "2021", "–21", "-21" ("2017–21").
fn year_end_forms(d: &DatePoint) -> Vec<String> {
    vec![
        d.year.to_string(),
        format!("–{:02}", d.year % 100),
        format!("-{:02}", d.year % 100),
    ]
}

/// Whether the sentence gives a span's end: as a date point, or a year's short form.
fn gives_end(sentence: &str, end: &DatePoint) -> bool {
    match end.precision {
        Precision::Year => year_end_forms(end)
            .iter()
            .any(|f| sentence.contains(f.as_str())),
        _ => date_words::gives(sentence, end),
    }
}

/// The first part of a date (or qualifier) whose words are not in `sentence`:
/// `(what, words)`, or `None` if the sentence gives the whole date. Days are read in
/// either order ("9 July", "July 9"), see `date_words`.
pub(super) fn missing(
    sentence: &str,
    date: &EventDate,
    qualifier: Option<&str>,
) -> Option<(&'static str, String)> {
    if !date_words::gives(sentence, &date.start) {
        return Some(("date", date_words::spelled(&date.start)));
    }
    if let Some(end) = &date.end
        && !gives_end(sentence, end)
    {
        let words = match end.precision {
            Precision::Year => year_end_forms(end).join("” or “"),
            _ => date_words::spelled(end),
        };
        return Some(("end of the date", words));
    }
    if let Some(q) = qualifier
        && !sentence
            .to_lowercase()
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

/// Each element's `changed` and `until` dates must be in one of its passages or name
/// their source (`changed_source`, `until_source`); an `until` must come after `changed`.
pub(super) fn check_changed(
    article: &Article,
    elements: &[Element],
    element_links: &[Vec<LinkId>],
    links: &[Link],
    problems: &mut Problems,
) {
    for (el, ls) in elements.iter().zip(element_links) {
        let passages: Vec<&str> = ls
            .iter()
            .filter_map(|l| links.get(l.index()))
            .map(|l| sentence_of(article, l))
            .collect();
        let dated = [
            ("changed", el.changed, el.changed_source.is_some()),
            ("until", el.until, el.until_source.is_some()),
        ];
        for (field, date, sourced) in dated {
            let Some(date) = date.filter(|_| !sourced) else {
                continue;
            };
            if let Some((what, words)) = missing_everywhere(&passages, &date) {
                problems.push(
                    MAP_FILE,
                    Some(el.key.clone()),
                    P::DateNotInPassage {
                        what: format!("`{field}` {what}"),
                        words,
                        source_field: format!("{field}_source"),
                    },
                );
            }
        }
        if let (Some(from), Some(until)) = (el.changed, el.until)
            && until.first_day() <= from.first_day()
        {
            problems.push(
                MAP_FILE,
                Some(el.key.clone()),
                super::field_err(
                    "until",
                    format!("`until` ({until}) must come after `changed` ({from})"),
                ),
            );
        }
    }
}

/// The date's missing words if no passage gives the whole date (the first passage's
/// missing part), or `None` if one does.
fn missing_everywhere(passages: &[&str], date: &DatePoint) -> Option<(&'static str, String)> {
    let date = EventDate {
        start: *date,
        end: None,
    };
    let mut first_missing = None;
    for sentence in passages {
        match missing(sentence, &date, None) {
            None => return None,
            Some(m) => first_missing = first_missing.or(Some(m)),
        }
    }
    first_missing.or_else(|| Some(("date", date_words::spelled(&date.start))))
}
