//! A passage as the author edits it: moving either end by a word (within its block), and
//! who speaks in it as it stands in `links.json` (the whole passage's stance and its
//! voices as byte ranges), so the passage card can change one thing and keep the rest.

use std::ops::Range;

use serde_json::Value;

use super::super::load::LINKS_FILE;
use super::doc::AtlasDoc;
use super::edit::{Stance, VoiceEdit, find_item};

/// Which end of a passage moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Start,
    End,
}

/// `range` with one end moved by a word: `grow` takes in the next word outside it,
/// otherwise the word at that end is let go. Words are runs of non-whitespace; the
/// punctuation between the passage's words stays, but the passage's new edge stops at
/// the word (trial #14: "extend by a word" took "troops,"): a comma, semicolon, colon,
/// dash or unmatched bracket there is left out. Kept at the edge: a closing (or, at the
/// start, an opening) quotation mark, and a sentence's end (`.`, `!`, `?`, `…`), which
/// belong to the words quoted. A run with no letter or digit (a dash between spaces) is
/// not a word: growing goes on to the word beyond it. `None` if the move would leave
/// `bound` (the passage's block) or leave the passage empty. Byte offsets; `text` is
/// the whole article.
pub fn word_step(
    text: &str,
    range: &Range<usize>,
    bound: &Range<usize>,
    end: End,
    grow: bool,
) -> Option<Range<usize>> {
    let out = match (end, grow) {
        (End::End, true) => {
            let after = text.get(range.end..bound.end)?;
            let ((_, word_end), _) = tokens(after).find(|(_, t)| is_word(t))?;
            let end = range.end + word_end;
            range.start..trim_end_edge(text, range.start, end)
        }
        (End::Start, true) => {
            let before = text.get(bound.start..range.start)?;
            let ((word_start, _), _) = tokens(before).filter(|(_, t)| is_word(t)).last()?;
            let start = bound.start + word_start;
            trim_start_edge(text, start, range.end)..range.end
        }
        (End::End, false) => {
            let inside = text.get(range.clone())?;
            let ((last_start, _), _) = tokens(inside).filter(|(_, t)| is_word(t)).last()?;
            // The end of the word before the last one.
            let before = inside.get(..last_start)?;
            let ((_, prev_end), _) = tokens(before).filter(|(_, t)| is_word(t)).last()?;
            range.start..trim_end_edge(text, range.start, range.start + prev_end)
        }
        (End::Start, false) => {
            let inside = text.get(range.clone())?;
            let mut words = tokens(inside).filter(|(_, t)| is_word(t));
            words.next()?;
            let ((next_start, _), _) = words.next()?;
            trim_start_edge(text, range.start + next_start, range.end)..range.end
        }
    };
    let inside_bound = bound.start <= out.start && out.end <= bound.end;
    (inside_bound && out.start < out.end && out != *range).then_some(out)
}

/// The whitespace-separated runs of `s`: `(start, end)` byte offsets and the run.
fn tokens(s: &str) -> impl Iterator<Item = ((usize, usize), &str)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = s.get(at..)?;
        let lead = rest.len() - rest.trim_start().len();
        let start = at + lead;
        let run = s.get(start..)?;
        let len = run.find(char::is_whitespace).unwrap_or(run.len());
        if len == 0 {
            return None;
        }
        at = start + len;
        Some(((start, start + len), run.get(..len)?))
    })
}

/// A run with a letter or a digit in it.
fn is_word(t: &str) -> bool {
    t.chars().any(char::is_alphanumeric)
}

/// Closing quotation marks: kept at a passage's end.
const CLOSING: [char; 6] = ['”', '’', '"', '\'', '»', '›'];
/// Opening quotation marks: kept at a passage's start.
const OPENING: [char; 6] = ['“', '‘', '"', '\'', '«', '‹'];
/// A sentence's end: kept at a passage's end.
const FULL_STOP: [char; 4] = ['.', '!', '?', '…'];

/// The end of `start..end` moved back over punctuation that does not belong at a
/// passage's end: everything but letters, digits, closing quotation marks, a sentence's
/// end, and a closing bracket whose opening one is in the passage.
fn trim_end_edge(text: &str, start: usize, mut end: usize) -> usize {
    while let Some(c) = text.get(start..end).and_then(|t| t.chars().next_back()) {
        let keep = c.is_alphanumeric()
            || CLOSING.contains(&c)
            || FULL_STOP.contains(&c)
            || matches!(c, ')' | ']') && text.get(start..end).is_some_and(|t| balance(t, c) >= 0);
        if keep {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

/// The start of `start..end` moved on over punctuation that does not belong at a
/// passage's start: everything but letters, digits, opening quotation marks and an
/// opening bracket whose closing one is in the passage.
fn trim_start_edge(text: &str, mut start: usize, end: usize) -> usize {
    while let Some(c) = text.get(start..end).and_then(|t| t.chars().next()) {
        let closer = match c {
            '(' => Some(')'),
            '[' => Some(']'),
            _ => None,
        };
        let keep = c.is_alphanumeric()
            || OPENING.contains(&c)
            || closer.is_some_and(|k| text.get(start..end).is_some_and(|t| balance(t, k) <= 0));
        if keep {
            break;
        }
        start += c.len_utf8();
    }
    start
}

/// Openers minus closers of the bracket pair `closer` belongs to, in `t` (negative: a
/// closer without its opener).
fn balance(t: &str, closer: char) -> i32 {
    let opener = if closer == ']' { '[' } else { '(' };
    t.chars().fold(0, |n, c| {
        n + i32::from(c == opener) - i32::from(c == closer)
    })
}

/// `range` widened to whole words where it starts or ends inside one (a selection dragged
/// from "diplo|mats" takes "diplomats"); an end at a word's edge, or at punctuation, is
/// kept as selected. Stays within `bound`.
pub fn whole_words(text: &str, range: &Range<usize>, bound: &Range<usize>) -> Range<usize> {
    let word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let before = text.get(bound.start..range.start).unwrap_or_default();
    let first = text.get(range.clone()).and_then(|t| t.chars().next());
    let start = if first.is_some_and(word) {
        let keep = before.trim_end_matches(word);
        bound.start + keep.len()
    } else {
        range.start
    };
    let after = text.get(range.end..bound.end).unwrap_or_default();
    let last = text.get(range.clone()).and_then(|t| t.chars().next_back());
    let end = if last.is_some_and(word) {
        let rest = after.trim_start_matches(word);
        range.end + (after.len() - rest.len())
    } else {
        range.end
    };
    start..end
}

/// Who speaks in link `id` as `links.json` has it now: the whole passage's stance and
/// its voices with their byte ranges in the article. `None` if there is no such link or
/// its quote no longer resolves; a voice whose words are not found once in the quote is
/// left out (the live check reports it).
pub fn link_voices(doc: &AtlasDoc, id: &str) -> Option<(Stance, Vec<VoiceEdit>)> {
    let (_, link) = find_item(doc, LINKS_FILE, "links", id)?;
    let outer = doc.link_range(id)?;
    let quote = doc.text().get(outer.clone())?;
    let voices = voice_specs(link)
        .filter_map(|v| voice_in(quote, outer.start, v))
        .collect();
    Some((stance_of(link), voices))
}

/// The voices of a link as written (objects with `exact`).
fn voice_specs(link: &Value) -> impl Iterator<Item = &Value> {
    link.get("voices")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// A voice's byte range in the article, if its `exact` occurs once in `quote` (which
/// starts at byte `at`).
fn voice_in(quote: &str, at: usize, v: &Value) -> Option<VoiceEdit> {
    let exact = v.get("exact")?.as_str().filter(|e| !e.is_empty())?;
    let mut hits = quote.match_indices(exact);
    let (i, _) = hits.next()?;
    if hits.next().is_some() {
        return None;
    }
    Some(VoiceEdit {
        range: at + i..at + i + exact.len(),
        stance: stance_of(v),
    })
}

/// What becomes of one voice when its passage's ends move.
#[derive(Clone, Debug, PartialEq)]
pub enum VoiceFate {
    /// Wholly inside the new passage and still found once there: unchanged.
    Kept(VoiceEdit),
    /// Cut to the words inside the new passage, or widened by words until it occurs
    /// once in it; `was` is its words before.
    Changed { was: String, voice: VoiceEdit },
    /// Wholly outside the new passage (or already not found in the old one): removed.
    /// Its words.
    Removed(String),
}

impl VoiceFate {
    /// The voice as it stands after the move, if it stays.
    pub fn voice(&self) -> Option<&VoiceEdit> {
        match self {
            Self::Kept(v) | Self::Changed { voice: v, .. } => Some(v),
            Self::Removed(_) => None,
        }
    }

    /// What the author is told, or `None` for a voice that is unchanged.
    pub fn note(&self, text: &str) -> Option<String> {
        match self {
            Self::Kept(_) => None,
            Self::Changed { was, voice } => Some(format!(
                "voice ‘{was}’ now ‘{}’",
                text.get(voice.range.clone()).unwrap_or_default()
            )),
            Self::Removed(was) => Some(format!("voice ‘{was}’ removed (outside the passage)")),
        }
    }
}

/// The voices of link `id` carried to the new passage `to` (byte range of the article):
/// each keeps its words where they lie inside `to`, is clipped to the part inside, or is
/// removed when wholly outside. A clipped or kept voice whose words occur more than once
/// in the new passage is widened a word at a time (end first) until they occur once.
/// Empty if the link has no voices or is unknown.
pub fn carry_voices(doc: &AtlasDoc, id: &str, to: &Range<usize>) -> Vec<VoiceFate> {
    let Some((_, link)) = find_item(doc, LINKS_FILE, "links", id) else {
        return Vec::new();
    };
    let text = doc.text();
    let old = doc.link_range(id);
    let old_quote = old.as_ref().and_then(|r| text.get(r.clone()));
    let new_quote = text.get(to.clone()).unwrap_or_default();
    voice_specs(link)
        .map(|spec| {
            let was = spec
                .get("exact")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let voice = old_quote
                .zip(old.as_ref())
                .and_then(|(q, r)| voice_in(q, r.start, spec));
            let Some(voice) = voice else {
                return VoiceFate::Removed(was.to_owned());
            };
            let Some(range) = clip(text, &voice.range, to) else {
                return VoiceFate::Removed(was.to_owned());
            };
            let range = unique_in(text, new_quote, range, to);
            let moved = VoiceEdit {
                range,
                stance: voice.stance,
            };
            if text.get(moved.range.clone()) == Some(was) {
                VoiceFate::Kept(moved)
            } else {
                VoiceFate::Changed {
                    was: was.to_owned(),
                    voice: moved,
                }
            }
        })
        .collect()
}

/// The part of `r` inside `to`, without spaces at its ends; `None` if nothing is left.
fn clip(text: &str, r: &Range<usize>, to: &Range<usize>) -> Option<Range<usize>> {
    let (start, end) = (r.start.max(to.start), r.end.min(to.end));
    let inside = text.get(start..end).filter(|_| start < end)?;
    let lead = inside.len() - inside.trim_start().len();
    let kept = inside.trim();
    (!kept.is_empty()).then_some(start + lead..start + lead + kept.len())
}

/// `r` widened by words within `to` until its words occur once in `quote` (the text of
/// `to`); the whole passage always does.
fn unique_in(text: &str, quote: &str, mut r: Range<usize>, to: &Range<usize>) -> Range<usize> {
    while text
        .get(r.clone())
        .is_some_and(|w| quote.matches(w).count() > 1)
    {
        let wider = word_step(text, &r, to, End::End, true)
            .or_else(|| word_step(text, &r, to, End::Start, true));
        match wider {
            Some(w) => r = w,
            None => break,
        }
    }
    r
}

/// The `claimed_by`, `denied_by` and `assessment` of a link or a voice.
fn stance_of(v: &Value) -> Stance {
    let ids = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    Stance {
        claimed_by: ids("claimed_by"),
        denied_by: ids("denied_by"),
        author: v.get("assessment").and_then(Value::as_str) == Some("author"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const T: &str = "First block.\n\nAlpha said Beta moved troops, which Beta denied.";

    fn r(s: &str) -> Range<usize> {
        let i = T.find(s).unwrap();
        i..i + s.len()
    }

    fn step(s: &str, end: End, grow: bool) -> Option<&'static str> {
        let bound = r("Alpha said Beta moved troops, which Beta denied.");
        word_step(T, &r(s), &bound, end, grow).map(|x| &T[x])
    }

    #[test]
    fn a_passage_grows_and_shrinks_by_a_word_at_either_end() {
        assert_eq!(
            step("Beta moved", End::End, true),
            Some("Beta moved troops")
        );
        assert_eq!(
            step("Beta moved", End::Start, true),
            Some("said Beta moved")
        );
        assert_eq!(step("said Beta moved", End::End, false), Some("said Beta"));
        assert_eq!(
            step("said Beta moved", End::Start, false),
            Some("Beta moved")
        );
    }

    #[test]
    fn a_selection_inside_words_is_widened_to_whole_words_only() {
        let bound = r("Alpha said Beta moved troops, which Beta denied.");
        let w = |s: &str| &T[whole_words(T, &r(s), &bound)];
        assert_eq!(w("ta moved tro"), "Beta moved troops");
        assert_eq!(w("Beta moved"), "Beta moved");
        assert_eq!(w("troops, "), "troops, ");
        assert_eq!(w("lpha"), "Alpha");
        assert_eq!(w("denie"), "denied");
    }

    /// Trial #14: a word step stops at the word: a comma, colon or dash at the new edge
    /// is left out; a closing quotation mark and a sentence's full stop are kept.
    #[test]
    fn a_word_step_leaves_out_the_punctuation_at_the_new_edge_but_quotes_and_full_stops() {
        let t = "He said: “Beijing, Tianjin — (the coast) and Hebei.” Then, quiet; after.";
        let bound = 0..t.len();
        let at = |s: &str| {
            let i = t.find(s).unwrap();
            i..i + s.len()
        };
        let go =
            |s: &str, end: End, grow: bool| word_step(t, &at(s), &bound, end, grow).map(|r| &t[r]);
        assert_eq!(go("“Beijing", End::End, true), Some("“Beijing, Tianjin"));
        assert_eq!(go("Tianjin", End::End, true), Some("Tianjin — (the"));
        assert_eq!(go("the coast", End::End, true), Some("the coast) and"));
        assert_eq!(go("(the coast) and", End::End, false), Some("(the coast)"));
        assert_eq!(go("the coast) and", End::End, false), Some("the coast"));
        assert_eq!(go("and", End::End, true), Some("and Hebei.”"));
        assert_eq!(go("Hebei.”", End::End, true), Some("Hebei.” Then"));
        assert_eq!(go("quiet", End::Start, true), Some("Then, quiet"));
        assert_eq!(go("Beijing", End::Start, true), Some("said: “Beijing"));
        assert_eq!(go("Tianjin", End::Start, true), Some("“Beijing, Tianjin"));
        assert_eq!(go("and", End::Start, true), Some("coast) and"));
        assert_eq!(
            go("Beijing, Tianjin — (the", End::End, false),
            Some("Beijing, Tianjin")
        );
        assert_eq!(go("Beijing, Tianjin", End::End, false), Some("Beijing"));
        assert_eq!(
            go("Then, quiet; after", End::End, false),
            Some("Then, quiet")
        );
        assert_eq!(go("— (the coast", End::Start, false), Some("coast"));
        assert_eq!(go("said: “Beijing", End::Start, false), Some("“Beijing"));
    }

    #[test]
    fn a_passage_stops_at_its_block_and_is_never_emptied() {
        assert_eq!(step("Alpha said", End::Start, true), None);
        assert_eq!(step("Beta denied.", End::End, true), None);
        assert_eq!(step("Beta", End::End, false), None);
        assert_eq!(step("Beta", End::Start, false), None);
    }
}

#[cfg(test)]
mod edit_tests {
    #![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::super::{Attr, Edit, History};
    use super::*;

    fn minimal() -> AtlasDoc {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/atlases/minimal/");
        let files: BTreeMap<String, Vec<u8>> =
            ["article.json", "article.txt", "links.json", "map.geojson"]
                .into_iter()
                .map(|n| (n.to_owned(), std::fs::read(format!("{dir}{n}")).unwrap()))
                .collect();
        AtlasDoc::from_files(files)
    }

    #[test]
    fn an_accepted_element_is_marked_reviewed_in_the_map_and_checks_clean() {
        let mut doc = minimal();
        let mut h = History::default();
        let accept = Edit::SetAttr {
            id: "beta".into(),
            attr: Attr::Reviewed(true),
        };
        assert_eq!(doc.describe(&accept), "accept Beta");
        h.apply(&mut doc, accept).unwrap();
        let beta = super::super::element_value(&doc, "beta").unwrap();
        assert_eq!(beta.get("reviewed"), Some(&json!(true)));
        assert!(doc.check().is_ok());
        h.apply(
            &mut doc,
            Edit::SetAttr {
                id: "beta".into(),
                attr: Attr::Reviewed(false),
            },
        )
        .unwrap();
        let beta = super::super::element_value(&doc, "beta").unwrap();
        assert_eq!(beta.get("reviewed"), None, "unaccepting removes the key");
    }

    #[test]
    fn a_reviewed_flag_that_is_not_a_bool_is_a_problem_naming_it() {
        let mut doc = minimal();
        doc.apply_ops(&[super::super::Op::Set {
            file: "map.geojson".into(),
            pointer: "/features/1/properties/reviewed".into(),
            value: Some(json!("yes")),
        }])
        .unwrap();
        let Err(problems) = doc.check() else {
            panic!("a reviewed flag of \"yes\" checks clean");
        };
        let problems = problems.0;
        let text = format!("{problems:?}");
        assert!(text.contains("reviewed"), "{text}");
    }

    #[test]
    fn re_resolving_replaces_geometry_gazetteer_and_source_in_one_undoable_edit() {
        let mut doc = minimal();
        let before = doc.current_files();
        let mut h = History::default();
        let edit = Edit::Resolve {
            id: "gamma-town".into(),
            gazetteer: "geonames:1".into(),
            geometry: json!({"type": "Point", "coordinates": [44.7, 40.6]}),
            source: "GeoNames (gazetteer geonames:1)".into(),
            kind: None,
            place: None,
        };
        assert_eq!(
            doc.describe(&edit),
            "re-resolve Gamma Town to another gazetteer place"
        );
        h.apply(&mut doc, edit).unwrap();
        let atlas = doc.check().expect("clean");
        let g = atlas.element(atlas.by_key("gamma-town").unwrap()).unwrap();
        assert_eq!(g.source.as_deref(), Some("GeoNames (gazetteer geonames:1)"));
        assert_eq!(g.properties.get("gazetteer"), Some(&json!("geonames:1")));
        assert_eq!(h.depth(), 1);
        h.undo(&mut doc).unwrap();
        assert_eq!(doc.current_files(), before);
    }

    #[test]
    fn a_links_voices_are_read_back_as_ranges_inside_it() {
        let mut doc = minimal();
        let quote = "Alpha said Beta moved troops, which Beta denied.";
        let at = doc.text().find(quote).unwrap();
        let part = doc.text().find("Beta moved troops").unwrap();
        let voice = VoiceEdit {
            range: part..part + "Beta moved troops".len(),
            stance: Stance {
                claimed_by: vec!["alpha".into()],
                ..Stance::default()
            },
        };
        doc.apply(&Edit::SetVoices {
            link: "troops".into(),
            voices: vec![voice.clone()],
        })
        .unwrap();
        let (whole, voices) = link_voices(&doc, "troops").unwrap();
        assert_eq!(whole.claimed_by, vec!["alpha".to_owned()]);
        assert_eq!(whole.denied_by, vec!["beta".to_owned()]);
        assert!(!whole.author);
        assert_eq!(voices, vec![voice]);
        assert!(at <= part);
    }

    /// The troops passage with "Beta denied" marked as Beta's denial.
    fn with_denial() -> (AtlasDoc, History) {
        let mut doc = minimal();
        let mut h = History::default();
        let part = doc.text().find("Beta denied").unwrap();
        h.apply(
            &mut doc,
            Edit::SetVoices {
                link: "troops".into(),
                voices: vec![VoiceEdit {
                    range: part..part + "Beta denied".len(),
                    stance: Stance {
                        denied_by: vec!["beta".into()],
                        ..Stance::default()
                    },
                }],
            },
        )
        .unwrap();
        (doc, h)
    }

    fn passage(doc: &AtlasDoc, words: &str) -> Edit {
        let at = doc.text().find(words).unwrap();
        Edit::SetLinkRange {
            id: "troops".into(),
            range: at..at + words.len(),
        }
    }

    fn voice_words(doc: &AtlasDoc) -> Vec<String> {
        let (_, voices) = link_voices(doc, "troops").unwrap();
        voices
            .iter()
            .map(|v| doc.text()[v.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn shrinking_a_passage_away_from_its_voice_removes_the_voice_in_the_same_named_edit() {
        let (mut doc, mut h) = with_denial();
        let before = doc.current_files();
        let edit = passage(&doc, "Alpha said Beta moved troops,");
        assert_eq!(
            doc.describe(&edit),
            "change passage ‘Alpha said Beta moved troops, which …’; \
             voice ‘Beta denied’ removed (outside the passage)"
        );
        h.apply(&mut doc, edit).unwrap();
        assert!(doc.check().is_ok(), "{:?}", doc.check().err());
        let (_, link) = find_item(&doc, LINKS_FILE, "links", "troops").unwrap();
        assert_eq!(link.get("voices"), None);
        h.undo(&mut doc).unwrap();
        assert_eq!(
            doc.current_files(),
            before,
            "one undo restores passage and voice"
        );
        assert_eq!(voice_words(&doc), vec!["Beta denied"]);
    }

    #[test]
    fn a_voice_partly_outside_the_new_passage_is_clipped_to_its_words_inside() {
        let (mut doc, mut h) = with_denial();
        let edit = passage(&doc, "moved troops, which Beta");
        assert!(
            doc.describe(&edit)
                .ends_with("; voice ‘Beta denied’ now ‘Beta’")
        );
        h.apply(&mut doc, edit).unwrap();
        assert!(doc.check().is_ok(), "{:?}", doc.check().err());
        assert_eq!(voice_words(&doc), vec!["Beta"]);
        let (_, voices) = link_voices(&doc, "troops").unwrap();
        assert_eq!(voices[0].stance.denied_by, vec!["beta".to_owned()]);
    }

    #[test]
    fn a_voice_that_would_occur_twice_in_the_extended_passage_is_widened_to_stay_unique() {
        let (mut doc, mut h) = with_denial();
        let narrow = passage(&doc, "troops, which Beta");
        h.apply(&mut doc, narrow).unwrap();
        assert_eq!(voice_words(&doc), vec!["Beta"]);
        let whole = passage(&doc, "Alpha said Beta moved troops, which Beta denied.");
        h.apply(&mut doc, whole).unwrap();
        assert!(doc.check().is_ok(), "{:?}", doc.check().err());
        assert_eq!(voice_words(&doc), vec!["Beta denied."]);
    }

    #[test]
    fn a_voice_inside_both_passages_keeps_its_words_and_the_label_says_nothing_of_it() {
        let (mut doc, mut h) = with_denial();
        let edit = passage(&doc, "said Beta moved troops, which Beta denied.");
        assert!(!doc.describe(&edit).contains("voice"));
        h.apply(&mut doc, edit).unwrap();
        assert!(doc.check().is_ok());
        assert_eq!(voice_words(&doc), vec!["Beta denied"]);
    }
}
