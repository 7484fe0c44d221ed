//! Step 5: links, from `links.json`: each quote anchored in the article, its elements and
//! voices resolved.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::super::anchor::{self, AnchorError};
use super::super::article::{Article, PartKind};
use super::super::element::{Link, LinkSpec, Voice, VoiceSpec};
use super::super::ids::{ElementId, LinkId, is_valid_key};
use super::super::problem::{ProblemKind as P, Problems};
use super::source::{AtlasSource, read};
use super::{LINKS_FILE, field_err, parse_json};

/// The links step's result.
pub(super) struct LinksStep {
    pub links: Vec<Link>,
    /// Elements named by links that were rejected: their missing passage is not news.
    pub named_by_rejected: HashSet<ElementId>,
    /// False if the file as a whole was unusable.
    pub ok: bool,
}

/// Reads, resolves and anchors the links.
pub(super) fn load(
    source: &AtlasSource,
    article: Option<&Article>,
    refs: &LinkRefs<'_>,
    problems: &mut Problems,
) -> LinksStep {
    let mut step = LinksStep {
        links: Vec::new(),
        named_by_rejected: HashSet::new(),
        ok: false,
    };
    if let Some(text) = read(source, LINKS_FILE, problems)
        && let Some(v) = parse_json(LINKS_FILE, &text, problems)
    {
        step.ok = parse_links(
            v,
            article,
            refs,
            &mut step.links,
            &mut step.named_by_rejected,
            problems,
        );
    }
    step
}

/// What links may refer to.
pub(super) struct LinkRefs<'a> {
    pub by_key: &'a HashMap<String, ElementId>,
    /// Features rejected for their own problems.
    pub rejected: &'a HashSet<String>,
    /// False when the map file itself was unusable: then nothing can be checked.
    pub check_refs: bool,
}
/// Parses and anchors the links. Returns false if the file as a whole was unusable.
fn parse_links(
    value: Value,
    article: Option<&Article>,
    refs: &LinkRefs<'_>,
    links: &mut Vec<Link>,
    named_by_rejected: &mut HashSet<ElementId>,
    problems: &mut Problems,
) -> bool {
    let list = match value {
        Value::Object(mut o) => match o.remove("links") {
            Some(Value::Array(a)) => a,
            _ => {
                problems.push(
                    LINKS_FILE,
                    None,
                    field_err("links", "the file needs a `links` list"),
                );
                return false;
            }
        },
        _ => {
            problems.push(
                LINKS_FILE,
                None,
                P::Json("expected an object with a `links` list".into()),
            );
            return false;
        }
    };
    let mut seen = HashSet::new();
    for (i, v) in list.into_iter().enumerate() {
        let item_hint = v
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("link {i}"), str::to_owned);
        let spec: LinkSpec = match serde_json::from_value(v) {
            Ok(s) => s,
            Err(e) => {
                problems.push(LINKS_FILE, Some(item_hint), P::Json(e.to_string()));
                continue;
            }
        };
        let item = Some(spec.id.clone());
        if !is_valid_key(&spec.id) {
            problems.push(LINKS_FILE, Some(format!("link {i}")), P::InvalidId(spec.id));
            continue;
        }
        if !seen.insert(spec.id.clone()) {
            problems.push(LINKS_FILE, item, P::DuplicateId(spec.id));
            continue;
        }
        let mut ok = true;
        let mut resolve_ids = |field: &str, keys: &[String]| -> Vec<ElementId> {
            keys.iter()
                .filter_map(|k| match refs.by_key.get(k) {
                    Some(id) => Some(*id),
                    None if !refs.check_refs || refs.rejected.contains(k) => {
                        ok = false;
                        None
                    }
                    None => {
                        ok = false;
                        problems.push(
                            LINKS_FILE,
                            item.clone(),
                            P::DanglingId {
                                field: field.into(),
                                id: k.clone(),
                            },
                        );
                        None
                    }
                })
                .collect()
        };
        let elements = resolve_ids("elements", &spec.elements);
        let claimed_by = resolve_ids("claimed_by", &spec.claimed_by);
        let denied_by = resolve_ids("denied_by", &spec.denied_by);
        let mut voice_ids = Vec::with_capacity(spec.voices.len());
        for v in &spec.voices {
            voice_ids.push((
                resolve_ids("voices.claimed_by", &v.claimed_by),
                resolve_ids("voices.denied_by", &v.denied_by),
            ));
        }
        if spec.elements.is_empty() {
            ok = false;
            problems.push(
                LINKS_FILE,
                item.clone(),
                field_err("elements", "a link needs at least one element"),
            );
        }
        let assessment = match spec.assessment.as_deref() {
            None => false,
            Some("author") => true,
            Some(other) => {
                ok = false;
                problems.push(
                    LINKS_FILE,
                    item.clone(),
                    field_err("assessment", format!("must be \"author\", not \"{other}\"")),
                );
                false
            }
        };
        let Some(article) = article else { continue };
        let range = match anchor::resolve(&article.text, &spec.selector) {
            Ok(r) => r,
            Err(AnchorError::NotFound { .. }) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorNotFound {
                        hint: anchor::closest_passage(article, &spec.selector.exact),
                        exact: spec.selector.exact,
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            Err(AnchorError::Ambiguous { count }) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorAmbiguous {
                        exact: spec.selector.exact,
                        count,
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            Err(AnchorError::LookAlike(l)) => {
                let l = *l;
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorLookAlike {
                        exact: spec.selector.exact,
                        fixed: l.fixed,
                        place: l.place,
                        article_has: l.article_has,
                        quote_has: l.quote_has,
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            Err(AnchorError::StaleContext(c)) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    anchor::stale_problem(spec.selector.exact, c),
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            Err(AnchorError::Empty) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    field_err("selector.exact", "the quote is empty"),
                );
                named_by_rejected.extend(&elements);
                continue;
            }
        };
        let part = article.part_of(&range);
        let part = match part.and_then(|p| article.parts.get(p).map(|x| (p, x.kind))) {
            Some((p, kind)) if kind != PartKind::Furniture => p,
            Some((_, kind)) => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorOutsideArticle {
                        exact: spec.selector.exact,
                        part: kind.label().into(),
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
            None => {
                problems.push(
                    LINKS_FILE,
                    item,
                    P::AnchorOutsideArticle {
                        exact: spec.selector.exact,
                        part: "more than one part".into(),
                    },
                );
                named_by_rejected.extend(&elements);
                continue;
            }
        };
        let voices = match resolve_voices(&spec.voices, voice_ids, article, &range) {
            Ok(v) => v,
            Err(kind) => {
                problems.push(LINKS_FILE, item, kind);
                named_by_rejected.extend(&elements);
                continue;
            }
        };
        if !ok {
            named_by_rejected.extend(&elements);
            continue;
        }
        links.push(Link {
            id: LinkId(links.len() as u32),
            key: spec.id,
            elements,
            selector: spec.selector,
            range,
            part,
            claimed_by,
            denied_by,
            assessment,
            voices,
        });
    }
    true
}

/// Places each voice inside its link's quote: its `exact` must occur there exactly once,
/// and it must say whose it is.
fn resolve_voices(
    specs: &[VoiceSpec],
    ids: Vec<(Vec<ElementId>, Vec<ElementId>)>,
    article: &Article,
    range: &std::ops::Range<usize>,
) -> Result<Vec<Voice>, P> {
    let quote = article.slice(range);
    let mut out = Vec::with_capacity(specs.len());
    for (spec, (claimed_by, denied_by)) in specs.iter().zip(ids) {
        let found: Vec<usize> = if spec.exact.is_empty() {
            Vec::new()
        } else {
            quote.match_indices(&spec.exact).map(|(i, _)| i).collect()
        };
        let [at] = found.as_slice() else {
            return Err(field_err(
                "voices",
                format!(
                    "“{}” must occur exactly once in the link’s quote (found {} times)",
                    spec.exact,
                    found.len()
                ),
            ));
        };
        let assessment = match spec.assessment.as_deref() {
            None => false,
            Some("author") => true,
            Some(other) => {
                return Err(field_err(
                    "voices.assessment",
                    format!("must be \"author\", not \"{other}\""),
                ));
            }
        };
        if claimed_by.is_empty() && denied_by.is_empty() && !assessment {
            return Err(field_err(
                "voices",
                format!(
                    "the voice “{}” needs `claimed_by`, `denied_by` or `\"assessment\": \"author\"`",
                    spec.exact
                ),
            ));
        }
        let start = range.start + at;
        out.push(Voice {
            range: start..start + spec.exact.len(),
            claimed_by,
            denied_by,
            assessment,
        });
    }
    out.sort_by_key(|v| v.range.start);
    Ok(out)
}
