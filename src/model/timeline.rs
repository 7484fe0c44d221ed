//! Time and stance: dated events with their precision, relations between actors, and the
//! article's two scenarios. Dates keep the precision the article gives ("1 October",
//! "April 2015", "2013", "2017–21") and are drawn to match it.

use std::fmt;

use serde::Deserialize;

use super::{ElementId, LinkId};

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn key(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
        }
    }
}

/// A calendar date to some precision (month and day are 1 when unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DatePoint {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub precision: Precision,
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// `YYYY-MM-DD` of a day number.
pub fn civil_iso(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

impl DatePoint {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: Option<&&str>, what: &str| -> Result<i64, String> {
            p.and_then(|x| x.parse::<i64>().ok())
                .ok_or_else(|| format!("`{s}`: bad {what}"))
        };
        let year = num(parts.first(), "year")?;
        if !(1..=9999).contains(&year) || parts.first().is_some_and(|p| p.len() != 4) {
            return Err(format!("`{s}`: the year must have four digits"));
        }
        let (month, day, precision) = match parts.len() {
            1 => (1, 1, Precision::Year),
            2 => (num(parts.get(1), "month")?, 1, Precision::Month),
            3 => (
                num(parts.get(1), "month")?,
                num(parts.get(2), "day")?,
                Precision::Day,
            ),
            _ => return Err(format!("`{s}`: use YYYY, YYYY-MM or YYYY-MM-DD")),
        };
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}`: month out of range"));
        }
        let p = Self {
            year: year as i32,
            month: month as u32,
            day: day as u32,
            precision,
        };
        if !(1..=31).contains(&day) {
            return Err(format!("`{s}`: day out of range"));
        }
        let (y, m, d) = civil_from_days(p.first_day());
        if (y, m, d) != (p.year, p.month, p.day) {
            return Err(format!("`{s}`: no such day"));
        }
        Ok(p)
    }

    /// First day covered (days since 1970-01-01).
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The day after the last day covered.
    pub fn end_day(&self) -> i64 {
        match self.precision {
            Precision::Day => self.first_day() + 1,
            Precision::Month => {
                let (y, m) = if self.month == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, self.month + 1)
                };
                days_from_civil(y, m, 1)
            }
            Precision::Year => days_from_civil(self.year + 1, 1, 1),
        }
    }

    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("?");
        match self.precision {
            Precision::Year => write!(f, "{}", self.year),
            Precision::Month => write!(f, "{month} {}", self.year),
            Precision::Day => write!(f, "{} {month} {}", self.day, self.year),
        }
    }
}

/// A date or a span of dates (`YYYY/YYYY`, ISO 8601 interval style).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDate {
    pub start: DatePoint,
    pub end: Option<DatePoint>,
}

impl EventDate {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.split_once('/') {
            Some((a, b)) => {
                let (start, end) = (DatePoint::parse(a)?, DatePoint::parse(b)?);
                if end.first_day() < start.first_day() {
                    return Err(format!("`{s}`: the span ends before it starts"));
                }
                Ok(Self {
                    start,
                    end: Some(end),
                })
            }
            None => Ok(Self {
                start: DatePoint::parse(s)?,
                end: None,
            }),
        }
    }

    pub fn first_day(&self) -> i64 {
        self.start.first_day()
    }

    pub fn end_day(&self) -> i64 {
        self.end
            .map_or_else(|| self.start.end_day(), |e| e.end_day())
    }

    pub fn is_span(&self) -> bool {
        self.end.is_some()
    }

    /// "day", "month", "year" or "span".
    pub fn precision_key(&self) -> &'static str {
        if self.is_span() {
            "span"
        } else {
            self.start.precision.key()
        }
    }

    pub fn iso(&self) -> String {
        match self.end {
            Some(e) => format!("{}/{}", self.start.iso(), e.iso()),
            None => self.start.iso(),
        }
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(e) => write!(f, "{}–{}", self.start, e),
            None => write!(f, "{}", self.start),
        }
    }
}

/// One dated event of the article.
#[derive(Clone, Debug)]
pub struct Event {
    pub key: String,
    pub label: String,
    pub date: EventDate,
    /// "late", "early": how the article narrows the date.
    pub qualifier: Option<String>,
    pub elements: Vec<ElementId>,
    pub link: LinkId,
    /// Where the date comes from when its words are not in the passage.
    pub source: Option<String>,
}

impl Event {
    /// The date as the article gives it: "late September 2021".
    pub fn date_label(&self) -> String {
        match &self.qualifier {
            Some(q) => format!("{q} {}", self.date),
            None => self.date.to_string(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub id: String,
    pub label: String,
    pub date: String,
    #[serde(default)]
    pub qualifier: Option<String>,
    pub elements: Vec<String>,
    pub link: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// The type of a relation between actors: a vocabulary that can say what the article
/// says, no more (cooperation is not alliance; a proposed format is not mediation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    Tension,
    Rivalry,
    Accusation,
    /// A critique, stated or (as the author reads it) implicit.
    Critique,
    Mediation,
    Normalisation,
    /// Security or military cooperation the article reports.
    Cooperation,
    /// Economic or political ties (trade, "relations").
    Ties,
    /// Backing of one side by another, as someone believes or perceives it.
    Support,
    /// Proposing a format or project.
    Proposal,
    /// Membership of a (proposed) format.
    Membership,
    /// Armed conflict: fighting, an offensive, a war (an army against rebels).
    Conflict,
}

impl RelationType {
    pub const ALL: [RelationType; 12] = [
        Self::Tension,
        Self::Conflict,
        Self::Rivalry,
        Self::Accusation,
        Self::Critique,
        Self::Mediation,
        Self::Normalisation,
        Self::Cooperation,
        Self::Ties,
        Self::Support,
        Self::Proposal,
        Self::Membership,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Tension => "tension",
            Self::Rivalry => "rivalry",
            Self::Accusation => "accusation",
            Self::Critique => "critique",
            Self::Mediation => "mediation",
            Self::Normalisation => "normalisation",
            Self::Cooperation => "cooperation",
            Self::Ties => "ties",
            Self::Support => "support",
            Self::Proposal => "proposal",
            Self::Membership => "membership",
            Self::Conflict => "conflict",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposal => "proposal of a format",
            Self::Membership => "member of a proposed format",
            Self::Support => "support (as believed or perceived)",
            Self::Conflict => "armed conflict",
            other => other.key(),
        }
    }
}

/// Whose claim a relation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Claimant {
    /// The author's own assessment.
    Author,
    Actor(ElementId),
}

/// A typed, directed relation between two elements.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Relation {
    pub from: ElementId,
    pub to: ElementId,
    pub kind: RelationType,
    pub claimed_by: Claimant,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationSpec {
    pub id: String,
    pub name: String,
    pub from: String,
    pub to: String,
    pub relation: RelationType,
    pub claimed_by: String,
    #[serde(default)]
    pub summary: Option<String>,
}

/// One of the article's scenarios, with what it involves and the passages that argue it.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub key: String,
    pub name: String,
    pub summary: String,
    pub elements: Vec<ElementId>,
    pub links: Vec<LinkId>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub elements: Vec<String>,
    #[serde(default)]
    pub relations: Vec<String>,
    pub links: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        let d = EventDate::parse("2021-10-01").expect("day");
        assert_eq!(d.to_string(), "1 October 2021");
        assert_eq!(d.end_day() - d.first_day(), 1);
        let m = EventDate::parse("2015-04").expect("month");
        assert_eq!(m.to_string(), "April 2015");
        assert_eq!(m.end_day() - m.first_day(), 30);
        let s = EventDate::parse("2017/2021").expect("span");
        assert_eq!(s.to_string(), "2017–2021");
        assert_eq!(s.precision_key(), "span");
        assert_eq!(s.iso(), "2017/2021");
        assert!(EventDate::parse("2021-02-30").is_err());
        assert!(EventDate::parse("21-10").is_err());
        assert!(EventDate::parse("2021/2019").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        for d in [-1000, 0, 18_900, 19_000, 20_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
