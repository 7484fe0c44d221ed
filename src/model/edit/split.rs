//! Splitting a block of the article in two at the white space between two words (it
//! becomes a blank line), and joining two neighbouring blocks back (the blank line
//! becomes a space): the edits that change the article's text. Every later byte moves,
//! so every quote is anchored again here: a `prefix` or `suffix` across the change is
//! rewritten from the new text, and each link is checked to select the same words as
//! before (else it gets the shortest selector that does); `article.json`'s parts follow
//! (`starts`). A passage across the split point, or a link that could no longer be told
//! apart from another, refuses the edit with the reason: nothing is re-anchored elsewhere.

use std::ops::Range;

use serde_json::{Value, json};

use super::super::anchor::{TextQuoteSelector, resolve};
use super::super::article::{PartKind, blocks};
use super::super::load::{ARTICLE_FILE, LINKS_FILE};
use super::EditError;
use super::doc::AtlasDoc;
use super::ops::Op;
use super::passage::{VoiceFate, carry_voices};
use super::selector::selector_for;

/// How many words a new part's `starts` has (as `aras new` writes them).
const STARTS_WORDS: usize = 4;

/// A change of the article's text: the bytes `gap` (of [`AtlasDoc::text`]) become `with`.
struct Change {
    gap: Range<usize>,
    with: &'static str,
}

impl Change {
    /// Where a byte that begins a span goes (a span beginning inside the gap takes in
    /// all of what replaces it).
    fn start(&self, p: usize) -> usize {
        if p <= self.gap.start {
            p
        } else if p >= self.gap.end {
            p - self.gap.len() + self.with.len()
        } else {
            self.gap.start
        }
    }

    /// Where a byte that ends a span goes.
    fn end(&self, p: usize) -> usize {
        if p <= self.gap.start {
            p
        } else if p >= self.gap.end {
            p - self.gap.len() + self.with.len()
        } else {
            self.gap.start + self.with.len()
        }
    }

    /// True if the span has bytes of the gap.
    fn touches(&self, r: &Range<usize>) -> bool {
        r.start < self.gap.end && r.end > self.gap.start
    }

    fn apply(&self, text: &str) -> String {
        let mut out = text.to_owned();
        out.replace_range(self.gap.clone(), self.with);
        out
    }
}

/// The first `n` words of a block, exactly as the text has them.
fn first_words(block: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in block.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return block.get(..i).unwrap_or(block);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    block
}

/// Up to the last `n` words of `text`, joined by single spaces.
fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .get(words.len().saturating_sub(n)..)
        .unwrap_or_default()
        .join(" ")
}

fn refused(why: String) -> EditError {
    EditError::Blocks(why)
}

/// The nearest point at a word's edge from byte `at` inside `block`: `at` itself if it
/// touches white space or an end of the block, else the end of its word (`forward`) or
/// its start. What the author's selection snaps to before a split is offered.
pub fn snap(text: &str, block: &Range<usize>, at: usize, forward: bool) -> usize {
    let at = at.clamp(block.start, block.end);
    let white = |s: Option<&str>, last: bool| {
        s.and_then(|s| {
            if last {
                s.chars().last()
            } else {
                s.chars().next()
            }
        })
        .is_none_or(char::is_whitespace)
    };
    let touches = |p: usize| {
        p == block.start
            || p == block.end
            || white(text.get(block.start..p), true)
            || white(text.get(p..block.end), false)
    };
    if touches(at) {
        return at;
    }
    let inside = text.get(block.clone()).unwrap_or_default();
    let rel = at - block.start;
    if forward {
        let rest = inside.get(rel..).unwrap_or_default();
        at + rest.find(char::is_whitespace).unwrap_or(rest.len())
    } else {
        let before = inside.get(..rel).unwrap_or_default();
        block.start
            + before.rfind(char::is_whitespace).map_or(0, |i| {
                i + before
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8)
            })
    }
}

/// Where a split of block `index` (byte range `block` of `text`) at byte `at` falls: the
/// white space between the words on either side, or why the block cannot be split
/// there (its start or its end, inside a word).
///
/// # Errors
/// [`EditError::Blocks`] with the reason.
pub fn split_gap(
    text: &str,
    block: &Range<usize>,
    index: usize,
    at: usize,
) -> Result<Range<usize>, EditError> {
    let n = index + 1;
    if at <= block.start {
        return Err(refused(format!(
            "that is the start of block {n}: nothing would come before the split"
        )));
    }
    if at >= block.end {
        return Err(refused(format!(
            "that is the end of block {n}: nothing would come after the split"
        )));
    }
    let inside = text.get(block.clone()).unwrap_or_default();
    let rel = at - block.start;
    let (Some(before), Some(after)) = (inside.get(..rel), inside.get(rel..)) else {
        return Err(refused(format!("byte {at} is inside a character")));
    };
    let left = before.trim_end_matches(char::is_whitespace).len();
    let right = rel + (after.len() - after.trim_start_matches(char::is_whitespace).len());
    if left == rel && right == rel {
        let word_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word_end = rel + after.find(char::is_whitespace).unwrap_or(after.len());
        let word = inside.get(word_start..word_end).unwrap_or_default();
        return Err(refused(format!(
            "a block is split between two words, not inside “{word}”"
        )));
    }
    if left == 0 {
        return Err(refused(format!(
            "that is the start of block {n}: nothing would come before the split"
        )));
    }
    if right == inside.len() {
        return Err(refused(format!(
            "that is the end of block {n}: nothing would come after the split"
        )));
    }
    Ok(block.start + left..block.start + right)
}

impl AtlasDoc {
    /// The article's blocks (byte ranges of [`Self::text`]) with the kind
    /// `article.json` gives each, `None` past its list.
    pub fn block_list(&self) -> Vec<(Range<usize>, Option<PartKind>)> {
        let parts = self.parts();
        blocks(self.text())
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let kind = parts
                    .get(i)
                    .and_then(|p| serde_json::from_value(p.get("kind")?.clone()).ok());
                (r, kind)
            })
            .collect()
    }

    fn parts(&self) -> &[Value] {
        self.value(ARTICLE_FILE)
            .and_then(|a| a.get("parts"))
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// The blocks, once `article.json` lists a part for each.
    fn blocks_checked(&self) -> Result<Vec<Range<usize>>, EditError> {
        if self.value(ARTICLE_FILE).is_none() || self.file(self.text_name()).is_none() {
            return Err(EditError::NotOpen(ARTICLE_FILE));
        }
        let found = blocks(self.text());
        let listed = self.parts().len();
        if found.len() != listed {
            return Err(refused(format!(
                "article.json lists {listed} parts but the text has {} blocks; fix that first",
                found.len()
            )));
        }
        Ok(found)
    }

    /// "split block 3 after ‘Associated Press’".
    pub(super) fn split_label(&self, index: usize, at: usize) -> String {
        let text = self.text();
        let before = text.get(..at).unwrap_or_default();
        let start = blocks(text)
            .get(index)
            .map_or(0, |b| b.start.min(before.len()));
        let words = last_words(before.get(start..).unwrap_or_default(), 2);
        format!("split block {} after ‘{words}’", index + 1)
    }

    /// "join block 4 ‘WASHINGTON (AP) — China …’ to block 3".
    pub(super) fn join_label(&self, index: usize) -> String {
        let text = self.text();
        let next = blocks(text)
            .get(index + 1)
            .and_then(|b| text.get(b.clone()))
            .unwrap_or_default();
        let words: Vec<&str> = next.split_whitespace().collect();
        let mut shown = words.iter().take(4).copied().collect::<Vec<_>>().join(" ");
        if words.len() > 4 {
            shown.push_str(" …");
        }
        format!("join block {} ‘{shown}’ to block {}", index + 2, index + 1)
    }

    /// Splits block `index` at byte `at`: its white space there becomes a blank line,
    /// the new second part takes the block's kind.
    pub(super) fn plan_split(&self, index: usize, at: usize) -> Result<Vec<Op>, EditError> {
        let found = self.blocks_checked()?;
        let block = found.get(index).ok_or(EditError::UnknownBlock(index))?;
        let text = self.text();
        let gap = split_gap(text, block, index, at)?;
        let with = if text.contains("\r\n") {
            "\r\n\r\n"
        } else {
            "\n\n"
        };
        let change = Change { gap, with };
        let mut ops = self.text_ops(&change, true)?;
        let part = self
            .parts()
            .get(index)
            .ok_or(EditError::UnknownBlock(index))?;
        let first = text.get(block.start..change.gap.start).unwrap_or_default();
        let second = text.get(change.gap.end..block.end).unwrap_or_default();
        let starts = part.get("starts").and_then(Value::as_str).unwrap_or("");
        if !first.starts_with(starts) {
            ops.push(Op::Set {
                file: ARTICLE_FILE.to_owned(),
                pointer: format!("/parts/{index}/starts"),
                value: Some(json!(first_words(first, STARTS_WORDS))),
            });
        }
        ops.push(Op::Insert {
            file: ARTICLE_FILE.to_owned(),
            list: "/parts".to_owned(),
            index: index + 1,
            value: json!({
                "kind": part.get("kind").cloned().unwrap_or(json!("paragraph")),
                "starts": first_words(second, STARTS_WORDS),
            }),
        });
        Ok(ops)
    }

    /// Joins block `index` and the next: the blank line between them becomes a space.
    /// The joined block keeps the first's kind (the second's if the first was left out
    /// as furniture and the second was not, so no passage is left out with it).
    pub(super) fn plan_join(&self, index: usize) -> Result<Vec<Op>, EditError> {
        let found = self.blocks_checked()?;
        let first = found.get(index).ok_or(EditError::UnknownBlock(index))?;
        let second = found.get(index + 1).ok_or_else(|| {
            refused(format!(
                "block {} is the last: there is no block after it to join",
                index + 1
            ))
        })?;
        let change = Change {
            gap: first.end..second.start,
            with: " ",
        };
        let mut ops = self.text_ops(&change, false)?;
        let kind = |i: usize| self.parts().get(i).and_then(|p| p.get("kind")).cloned();
        let furniture = json!(PartKind::Furniture);
        if let (Some(a), Some(b)) = (kind(index), kind(index + 1))
            && a == furniture
            && b != furniture
        {
            ops.push(Op::Set {
                file: ARTICLE_FILE.to_owned(),
                pointer: format!("/parts/{index}/kind"),
                value: Some(b),
            });
        }
        ops.push(Op::Remove {
            file: ARTICLE_FILE.to_owned(),
            list: "/parts".to_owned(),
            index: index + 1,
        });
        Ok(ops)
    }

    /// The text's change and every link's selector rewritten for it; a passage across
    /// the change is cut to its longer side (`clip`, a split) or refuses the edit.
    fn text_ops(&self, change: &Change, clip: bool) -> Result<Vec<Op>, EditError> {
        let text = self.text();
        let new_text = change.apply(text);
        let mut ops = vec![Op::Splice {
            file: self.text_name().to_owned(),
            at: self.text_offset() + change.gap.start,
            remove: text.get(change.gap.clone()).unwrap_or_default().to_owned(),
            insert: change.with.to_owned(),
        }];
        for (i, link) in self.links().iter().enumerate() {
            let Some((sel, range)) = resolved(link, text) else {
                continue;
            };
            if change.touches(&range) {
                if !clip {
                    return Err(refused(format!(
                        "the passage “{}” runs across this point",
                        short(&sel.exact)
                    )));
                }
                ops.extend(self.clip_ops(i, link, &sel, &range, change, &new_text)?);
                continue;
            }
            if let Some(value) = reanchored(link, &sel, &range, &new_text, change)? {
                ops.push(selector_op(i, value));
            }
        }
        Ok(ops)
    }

    /// A passage across a split cut to its longer side: its selector for the new text,
    /// and its voices carried as when its ends are moved.
    fn clip_ops(
        &self,
        i: usize,
        link: &Value,
        sel: &TextQuoteSelector,
        range: &Range<usize>,
        change: &Change,
        new_text: &str,
    ) -> Result<Vec<Op>, EditError> {
        let kept = kept_side(self.text(), range, &change.gap).ok_or_else(|| {
            refused(format!(
                "the passage “{}” runs across this point; shorten it first",
                short(&sel.exact)
            ))
        })?;
        let to = change.start(kept.start)..change.end(kept.end);
        let new = selector_for(new_text, &to).ok_or_else(|| lost(&sel.exact))?;
        let mut ops = vec![selector_op(i, merged(link, &new))];
        let id = link.get("id").and_then(Value::as_str).unwrap_or_default();
        let fates = carry_voices(self, id, &kept);
        if fates.iter().any(|f| !matches!(f, VoiceFate::Kept(_))) {
            let voices: Vec<_> = fates.iter().filter_map(VoiceFate::voice).cloned().collect();
            ops.push(self.voices_op(i, &kept, &voices)?);
        }
        Ok(ops)
    }

    /// What a split does besides its name: each passage across it cut to its longer
    /// side ("passage ‘By JILL …’ now ‘WASHINGTON (AP) …’"), and its voices' fates.
    pub(super) fn split_notes(&self, index: usize, at: usize) -> Vec<String> {
        let text = self.text();
        let Some(gap) = blocks(text)
            .get(index)
            .and_then(|b| split_gap(text, b, index, at).ok())
        else {
            return Vec::new();
        };
        let mut notes = Vec::new();
        for link in self.links() {
            let Some((sel, range)) = resolved(link, text) else {
                continue;
            };
            if !(range.start < gap.end && range.end > gap.start) {
                continue;
            }
            let Some(kept) = kept_side(text, &range, &gap) else {
                continue;
            };
            let now = text.get(kept.clone()).unwrap_or_default();
            notes.push(format!(
                "passage ‘{}’ now ‘{}’",
                short(&sel.exact),
                short(now)
            ));
            let id = link.get("id").and_then(Value::as_str).unwrap_or_default();
            notes.extend(
                carry_voices(self, id, &kept)
                    .iter()
                    .filter_map(|f| f.note(text)),
            );
        }
        notes
    }
}

/// A link's selector and the range it selects in `text`, if it resolves.
fn resolved(link: &Value, text: &str) -> Option<(TextQuoteSelector, Range<usize>)> {
    let sel: TextQuoteSelector = serde_json::from_value(link.get("selector")?.clone()).ok()?;
    let range = resolve(text, &sel).ok()?;
    Some((sel, range))
}

/// The side of `range` across `gap` with more text (the later one on a tie), or `None`
/// if neither has any.
fn kept_side(text: &str, range: &Range<usize>, gap: &Range<usize>) -> Option<Range<usize>> {
    let before = range.start..gap.start.max(range.start);
    let after = gap.end.min(range.end)..range.end;
    let size = |r: &Range<usize>| {
        text.get(r.clone())
            .map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count())
    };
    let (a, b) = (size(&before), size(&after));
    match (a, b) {
        (0, 0) => None,
        _ if a > b => Some(before),
        _ => Some(after),
    }
}

/// The first six words of a quote, with "…" if there are more.
fn short(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let mut s = words.iter().take(6).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 6 {
        s.push_str(" …");
    }
    s
}

fn lost(exact: &str) -> EditError {
    refused(format!(
        "the passage “{}” could not be told apart from another after this",
        short(exact)
    ))
}

fn selector_op(i: usize, value: Value) -> Op {
    Op::Set {
        file: LINKS_FILE.to_owned(),
        pointer: format!("/links/{i}/selector"),
        value: Some(value),
    }
}

/// The link's selector value with `new`'s `exact`, `prefix` and `suffix` (other keys
/// kept as written).
fn merged(link: &Value, new: &TextQuoteSelector) -> Value {
    let mut value = link
        .get("selector")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    value.insert("exact".into(), json!(new.exact));
    for (key, v) in [("prefix", &new.prefix), ("suffix", &new.suffix)] {
        match v {
            Some(v) => value.insert(key.into(), json!(v)),
            None => value.remove(key),
        };
    }
    Value::Object(value)
}

/// A link's selector for the text after `change`, if it must change: its `prefix` or
/// `suffix` read again from the new text where they cross the change, and checked to
/// select the same words (else the shortest selector that does).
///
/// # Errors
/// [`EditError::Blocks`] if the passage could no longer be told apart from another
/// occurrence of its words.
fn reanchored(
    link: &Value,
    sel: &TextQuoteSelector,
    range: &Range<usize>,
    new_text: &str,
    change: &Change,
) -> Result<Option<Value>, EditError> {
    let to = change.start(range.start)..change.end(range.end);
    let mut new = sel.clone();
    if let Some(p) = &sel.prefix {
        let span = range.start.saturating_sub(p.len())..range.start;
        if change.touches(&span) {
            new.prefix = new_text
                .get(change.start(span.start)..to.start)
                .map(str::to_owned);
        }
    }
    if let Some(s) = &sel.suffix {
        let span = range.end..range.end + s.len();
        if change.touches(&span) {
            new.suffix = new_text
                .get(to.end..change.end(span.end))
                .map(str::to_owned);
        }
    }
    if resolve(new_text, &new).as_ref() != Ok(&to) {
        new = selector_for(new_text, &to).ok_or_else(|| lost(&sel.exact))?;
    }
    Ok((new != *sel).then(|| merged(link, &new)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_snaps_to_the_edges_of_its_words() {
        let text = "By Jill Colvin, Associated Press WASHINGTON (AP) China";
        let block = 0..text.len();
        let mid = text.find("ciated").unwrap();
        assert_eq!(
            &text[..snap(text, &block, mid, true)],
            "By Jill Colvin, Associated"
        );
        assert_eq!(
            &text[snap(text, &block, mid, false)..],
            "Associated Press WASHINGTON (AP) China"
        );
        let space = text.find(" Press").unwrap();
        assert_eq!(snap(text, &block, space, true), space);
    }

    #[test]
    fn a_split_falls_on_the_white_space_between_words_or_is_refused_with_the_reason() {
        let text = "One two  three";
        let block = 0..text.len();
        assert_eq!(split_gap(text, &block, 0, 3), Ok(3..4));
        assert_eq!(split_gap(text, &block, 0, 8), Ok(7..9));
        let inside = split_gap(text, &block, 0, 1).unwrap_err().to_string();
        assert!(inside.contains("not inside “One”"), "{inside}");
        let start = split_gap(text, &block, 0, 0).unwrap_err().to_string();
        assert!(start.contains("start of block 1"), "{start}");
        let end = split_gap(text, &block, 0, text.len())
            .unwrap_err()
            .to_string();
        assert!(end.contains("end of block 1"), "{end}");
    }
}
