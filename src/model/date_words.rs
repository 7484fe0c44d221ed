//! Dates as an article writes them, in words: "1 October 2021", "October 1, 2021",
//! "Oct. 1", "1st October", "April 2015", "2013". Read for two jobs: the date a passage
//! gives (the event form's default) and whether a passage gives an item's date (the
//! loader's check that dates are the article's, `load/dates.rs`).
//!
//! Both day–month (British, the RUSI article's) and month–day (US and agency style) orders
//! are read, with full month names, their three-letter abbreviations and "Sept", with or
//! without a full stop, and days with or without an ordinal suffix.

use super::timeline::{DatePoint, MONTHS, Precision};

/// The month (1–12) a word names: "July", "jul", "Jul.", "Sept". `None` for anything
/// else. "May" is the month whatever its case, as the article's words can't tell.
pub fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w == "sept" {
        return Some(9);
    }
    MONTHS.iter().zip(1..).find_map(|(m, i)| {
        let m = m.to_lowercase();
        (w == m || (w.len() == 3 && m.starts_with(&w))).then_some(i)
    })
}

/// The day of the month (1–31) a word gives: "9", "09", "9th", "1st", "22nd", "3rd".
pub fn day_of(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year (1000–2999).
fn year_of(word: &str) -> Option<u32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse::<u32>().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

/// The text's words: runs of letters, digits and full stops (for "Sept."), so that
/// punctuation and dashes split them.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_start_matches('.'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The day and month of two adjacent words, in either order: ("9", "July") or ("July", "9th").
fn day_month(a: &str, b: &str) -> Option<(u32, u32)> {
    match (day_of(a), month_of(b)) {
        (Some(d), Some(m)) => Some((d, m)),
        _ => month_of(a).zip(day_of(b)).map(|(m, d)| (d, m)),
    }
}

/// The first date the text gives with a year, at its own precision, as ISO 8601:
/// "on 1 October 2021" and "on October 1, 2021" → `2021-10-01`, "April 2015" →
/// `2015-04`, "2013" → `2013`. `None` if no word is a year.
pub fn date_in(text: &str) -> Option<String> {
    let words = words(text);
    for (i, w) in words.iter().enumerate() {
        let Some(y) = year_of(w.trim_end_matches('.')) else {
            continue;
        };
        let before = |k: usize| i.checked_sub(k).and_then(|j| words.get(j)).copied();
        let pair = before(2).zip(before(1)).and_then(|(a, b)| day_month(a, b));
        if let Some((d, m)) = pair {
            return Some(format!("{y}-{m:02}-{d:02}"));
        }
        return Some(match before(1).and_then(month_of) {
            Some(m) => format!("{y}-{m:02}"),
            None => format!("{y}"),
        });
    }
    None
}

/// Whether the sentence gives the date point at its precision: its day and month
/// side by side in either order for a day, its month for a month, its year for a year.
pub fn gives(sentence: &str, date: &DatePoint) -> bool {
    let words = words(sentence);
    match date.precision {
        Precision::Day => words
            .windows(2)
            .filter_map(|w| day_month(w.first()?, w.get(1)?))
            .any(|dm| dm == (date.day, date.month)),
        Precision::Month => words.iter().any(|w| month_of(w) == Some(date.month)),
        Precision::Year => words
            .iter()
            .any(|w| year_of(w.trim_end_matches('.')) == Some(date.year as u32)),
    }
}

/// How the message about a missing date spells it: "9 July” or “July 9".
pub fn spelled(date: &DatePoint) -> String {
    let month = MONTHS
        .get(date.month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or_default();
    match date.precision {
        Precision::Day => format!("{} {month}” or “{month} {}", date.day, date.day),
        Precision::Month => month.to_owned(),
        Precision::Year => date.year.to_string(),
    }
}

/// The days of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The day of the week (0 = Monday) a word names, capitalised as a name is: "Friday",
/// "Fri.", "Sept" aside. `None` for anything else.
pub fn weekday_of(word: &str) -> Option<usize> {
    let w = word.trim_end_matches('.');
    if !w.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let w = w.to_lowercase();
    WEEKDAYS.iter().position(|d| {
        let d = d.to_lowercase();
        w == d || (w.len() == 3 && d.starts_with(&w))
    })
}

/// What the event form proposes for a passage that gives a weekday and no date with a
/// year ("China vowed on Friday…", trial9 #5).
#[derive(Clone, Debug, PartialEq)]
pub enum WeekdayHint {
    /// The article's date is known to the day: the weekday on or before it (a news
    /// story's "Friday" is the last one), with the source that says it is ours.
    Date { date: String, source: String },
    /// The weekday named, and no article date to the day to count back from.
    NeedsArticleDate(&'static str),
}

/// The hint for `text`'s first weekday, given the article's date (`article.json`'s
/// `date`, ISO 8601); `None` if the text names no weekday.
pub fn weekday_hint(text: &str, article_date: Option<&str>) -> Option<WeekdayHint> {
    let day = words(text).into_iter().find_map(weekday_of)?;
    let name = WEEKDAYS.get(day).copied().unwrap_or_default();
    let Some(of) = article_date
        .and_then(|d| DatePoint::parse(d.trim()).ok())
        .filter(|d| d.precision == Precision::Day)
    else {
        return Some(WeekdayHint::NeedsArticleDate(name));
    };
    let last = of.first_day();
    // Day 0 (1 January 1970) was a Thursday: weekday 3.
    let back = (last + 3 - day as i64).rem_euclid(7);
    let date = super::timeline::civil_iso(last - back);
    let source = format!(
        "Ours: the text says “{name}”, read as the {name} on or before the article's date, {}",
        long(&of)
    );
    Some(WeekdayHint::Date { date, source })
}

/// "6 April 2018".
fn long(d: &DatePoint) -> String {
    let month = MONTHS
        .get(d.month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", d.day, d.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DatePoint {
        DatePoint {
            year: y,
            month: m,
            day: d,
            precision: Precision::Day,
        }
    }

    #[test]
    fn a_passage_gives_its_date_at_its_own_precision() {
        assert_eq!(
            date_in("on 1 October 2021, Iran"),
            Some("2021-10-01".into())
        );
        assert_eq!(date_in("In April 2015 the two"), Some("2015-04".into()));
        assert_eq!(date_in("elected in 2013."), Some("2013".into()));
        assert_eq!(date_in("no date here"), None);
    }

    #[test]
    fn month_day_year_dates_are_read_as_agencies_write_them() {
        let s = "For several days beginning on July 9, 2015, more than 200 lawyers";
        assert_eq!(date_in(s), Some("2015-07-09".into()));
        assert_eq!(date_in("on Sept. 30th, 2021"), Some("2021-09-30".into()));
        assert_eq!(date_in("since Oct. 2020"), Some("2020-10".into()));
        assert_eq!(date_in("on 4th March 2018"), Some("2018-03-04".into()));
    }

    #[test]
    fn a_sentence_gives_a_day_in_either_order_and_only_that_day() {
        let d = day(2015, 7, 9);
        assert!(gives("beginning on July 9, 2015, more", &d));
        assert!(gives("on 9 July the police", &d));
        assert!(gives("on Jul. 9th", &d));
        assert!(!gives("on 19 July the police", &d));
        assert!(!gives("on July 90", &d));
        assert!(!gives("in July 2015", &d));
    }

    #[test]
    fn a_weekday_is_the_one_on_or_before_the_articles_date() {
        // 6 April 2018 was a Friday.
        let friday = weekday_hint("China vowed on Friday to fight", Some("2018-04-06"));
        assert!(
            matches!(&friday, Some(WeekdayHint::Date { date, source })
                if date == "2018-04-06" && source.starts_with("Ours")
                    && source.contains("6 April 2018")),
            "{friday:?}"
        );
        let thursday = weekday_hint("said on Thursday", Some("2018-04-06"));
        assert!(matches!(thursday, Some(WeekdayHint::Date { date, .. }) if date == "2018-04-05"));
        let saturday = weekday_hint("on Sat. it", Some("2018-04-06"));
        assert!(matches!(saturday, Some(WeekdayHint::Date { date, .. }) if date == "2018-03-31"));
        assert_eq!(
            weekday_hint("on Friday", None),
            Some(WeekdayHint::NeedsArticleDate("Friday"))
        );
        assert_eq!(
            weekday_hint("on Friday", Some("2018-04")),
            Some(WeekdayHint::NeedsArticleDate("Friday"))
        );
        assert_eq!(weekday_hint("no weekday; sun and wedding", None), None);
    }

    #[test]
    fn words_that_are_not_months_or_days_are_not_read_as_dates() {
        assert_eq!(month_of("Marching"), None);
        assert_eq!(month_of("Mar."), Some(3));
        assert_eq!(month_of("Sept."), Some(9));
        assert_eq!(day_of("32"), None);
        assert_eq!(day_of("2nd"), Some(2));
        assert_eq!(day_of("th"), None);
    }
}
