//! `aras import annotations`: W3C Web Annotations (JSON-LD, as annotation tools write
//! them) turned into links. Targets are found by `TextQuoteSelector` (checked against the
//! text, never guessed) or else `TextPositionSelector` (code points); bodies that identify
//! an element (Aras's own `urn:aras:element:` ids) or tag it by its name or an alias say
//! which elements. What cannot be placed is reported, never dropped silently.

use std::ops::Range;

use serde_json::Value;

use super::super::anchor::{TextQuoteSelector, resolve};
use super::super::ids::is_valid_key;
use super::super::load::{LINKS_FILE, MAP_FILE};
use super::edit::{element_exists, find_item};
use super::{AtlasDoc, Edit, History};

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Ids of the links added.
    pub added: Vec<String>,
    /// Annotations already in the atlas as links (same passage, same elements).
    pub already: Vec<String>,
    /// Each annotation or body that could not be placed, and why.
    pub unplaced: Vec<String>,
}

/// Every annotation in a list, an `AnnotationCollection` (with `first` page(s) or
/// `items`), an `AnnotationPage`, or a single `Annotation`.
fn annotations(v: &Value) -> Result<Vec<&Value>, String> {
    match v {
        Value::Array(a) => Ok(a.iter().collect()),
        Value::Object(o) => {
            if let Some(items) = o.get("items").and_then(Value::as_array) {
                return Ok(items.iter().collect());
            }
            match o.get("first") {
                Some(Value::Object(page)) => Ok(page
                    .get("items")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().collect())
                    .unwrap_or_default()),
                Some(Value::String(url)) => Err(format!(
                    "the collection's first page is elsewhere ({url}); save the pages in the file"
                )),
                _ if o.get("type").and_then(Value::as_str) == Some("Annotation")
                    || o.contains_key("target") =>
                {
                    Ok(vec![v])
                }
                _ => Err("not an annotation, a list of them, or an AnnotationCollection".into()),
            }
        }
        _ => Err("not an annotation, a list of them, or an AnnotationCollection".into()),
    }
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

/// The byte range an annotation's selectors pick, or why none.
fn target_range(text: &str, ann: &Value) -> Result<Range<usize>, String> {
    let targets = as_list(ann.get("target"));
    let selectors: Vec<&Value> = targets
        .iter()
        .flat_map(|t| as_list(t.get("selector")))
        .collect();
    if selectors.is_empty() {
        return Err("its target has no TextQuoteSelector or TextPositionSelector".into());
    }
    let kind = |s: &&Value| s.get("type").and_then(Value::as_str).map(str::to_owned);
    let quote = selectors
        .iter()
        .find(|s| kind(s).as_deref() == Some("TextQuoteSelector"));
    let position = selectors
        .iter()
        .find(|s| kind(s).as_deref() == Some("TextPositionSelector"));
    let by_position = position.and_then(|p| {
        let start = usize::try_from(p.get("start")?.as_u64()?).ok()?;
        let end = usize::try_from(p.get("end")?.as_u64()?).ok()?;
        char_range(text, start, end)
    });
    if let Some(q) = quote {
        let sel = TextQuoteSelector {
            kind: "TextQuoteSelector".into(),
            exact: q.get("exact").and_then(Value::as_str).unwrap_or("").into(),
            prefix: q.get("prefix").and_then(Value::as_str).map(str::to_owned),
            suffix: q.get("suffix").and_then(Value::as_str).map(str::to_owned),
        };
        return match resolve(text, &sel) {
            Ok(r) => Ok(r),
            // Several occurrences: the position picks one, if it holds the quote.
            Err(_)
                if by_position
                    .as_ref()
                    .is_some_and(|r| text.get(r.clone()) == Some(sel.exact.as_str())) =>
            {
                by_position.ok_or_else(String::new)
            }
            Err(e) => Err(format!("its quote “{}” does not anchor: {e:?}", sel.exact)),
        };
    }
    by_position.ok_or_else(|| "its TextPositionSelector is outside the text".into())
}

/// Code point offsets `start..end` as a byte range of `text`.
fn char_range(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let byte = |n: usize| {
        text.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .nth(n)
    };
    (start < end).then_some(())?;
    Some(byte(start)?..byte(end)?)
}

/// An element id from a tag: an element whose name or an alias is the tag (ignoring case).
fn element_named(doc: &AtlasDoc, tag: &str) -> Option<String> {
    let tag = tag.trim().to_lowercase();
    let features = doc.value(MAP_FILE)?.get("features")?.as_array()?;
    features.iter().find_map(|f| {
        let p = f.get("properties")?;
        let names = std::iter::once(p.get("name")?).chain(
            p.get("aliases")
                .and_then(Value::as_array)
                .map(|a| a.iter())
                .into_iter()
                .flatten(),
        );
        let hit = names
            .filter_map(Value::as_str)
            .any(|n| n.to_lowercase() == tag);
        hit.then(|| p.get("id")?.as_str().map(str::to_owned))
            .flatten()
    })
}

/// The elements an annotation's bodies name; what they could not place goes to `unplaced`.
fn body_elements(
    doc: &AtlasDoc,
    ann: &Value,
    what: &str,
    unplaced: &mut Vec<String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let add = |id: String, out: &mut Vec<String>| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    if let Some(c) = ann.get("bodyValue").and_then(Value::as_str) {
        unplaced.push(format!(
            "{what}: comment “{c}” not imported (links hold no comments)"
        ));
    }
    for body in as_list(ann.get("body")) {
        let purposes: Vec<&str> = as_list(body.get("purpose"))
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        let uri = match body {
            Value::String(s) => Some(s.as_str()),
            _ => body
                .get("id")
                .or_else(|| body.get("source"))
                .and_then(Value::as_str),
        };
        let value = body.get("value").and_then(Value::as_str);
        if let Some(key) = uri.and_then(|u| u.strip_prefix("urn:aras:element:")) {
            if element_exists(doc, key) {
                add(key.to_owned(), &mut out);
            } else {
                unplaced.push(format!("{what}: element `{key}` is not in this atlas"));
            }
            continue;
        }
        let is_tag = purposes
            .iter()
            .any(|p| *p == "tagging" || *p == "identifying");
        match (value, uri) {
            (Some(v), _)
                if is_tag
                    || (purposes.is_empty()
                        && body.get("type").and_then(Value::as_str) != Some("TextualBody")) =>
            {
                match element_named(doc, v) {
                    Some(id) => add(id, &mut out),
                    None => {
                        unplaced.push(format!("{what}: tag “{v}” names no element of this atlas"))
                    }
                }
            }
            (Some(v), _) => unplaced.push(format!(
                "{what}: comment “{v}” not imported (links hold no comments)"
            )),
            (None, Some(u)) => unplaced.push(format!(
                "{what}: {u} names no element of this atlas (add the place, then import again)"
            )),
            (None, None) => unplaced.push(format!("{what}: a body with no value or id")),
        }
    }
    out
}

/// Imports annotations into `doc` as links, each an undoable edit in `history`.
///
/// # Errors
/// If `input` holds no annotations at all (the reason).
pub fn import_annotations(
    doc: &mut AtlasDoc,
    history: &mut History,
    input: &Value,
) -> Result<ImportReport, String> {
    let mut report = ImportReport::default();
    for (i, ann) in annotations(input)?.into_iter().enumerate() {
        let ann_id = ann.get("id").and_then(Value::as_str);
        let what = ann_id.map_or_else(|| format!("annotation {}", i + 1), str::to_owned);
        let range = match target_range(doc.text(), ann) {
            Ok(r) => r,
            Err(why) => {
                report.unplaced.push(format!("{what}: {why}"));
                continue;
            }
        };
        let elements = body_elements(doc, ann, &what, &mut report.unplaced);
        if elements.is_empty() {
            report
                .unplaced
                .push(format!("{what}: no body names an element of this atlas"));
            continue;
        }
        if let Some(existing) = same_link(doc, &range, &elements) {
            report.already.push(existing);
            continue;
        }
        let id = ann_id
            .and_then(|a| a.strip_prefix("urn:aras:link:"))
            .filter(|k| is_valid_key(k) && find_item(doc, LINKS_FILE, "links", k).is_none())
            .map(str::to_owned);
        let edit = Edit::AddLink {
            id: id.clone(),
            range: range.clone(),
            elements,
        };
        let planned_id =
            id.unwrap_or_else(|| doc.fresh_link_id(doc.text().get(range).unwrap_or("")));
        match history.apply(doc, edit) {
            Ok(()) => report.added.push(planned_id),
            Err(e) => report.unplaced.push(format!("{what}: {e}")),
        }
    }
    Ok(report)
}

/// A link with this passage and these elements, if there is one.
fn same_link(doc: &AtlasDoc, range: &Range<usize>, elements: &[String]) -> Option<String> {
    let links = doc.value(LINKS_FILE)?.get("links")?.as_array()?;
    links.iter().find_map(|l| {
        let id = l.get("id")?.as_str()?;
        let mut have: Vec<&str> = l
            .get("elements")?
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let mut want: Vec<&str> = elements.iter().map(String::as_str).collect();
        have.sort_unstable();
        want.sort_unstable();
        (have == want && doc.link_range(id).as_ref() == Some(range)).then(|| id.to_owned())
    })
}
