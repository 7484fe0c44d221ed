//! Step 5: links, from `links.json`: each quote anchored in the article, its elements and
//! voices resolved.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde_json::Value;

use super::super::anchor::{self, AnchorError, TextQuoteSelector};
use super::super::article::{Article, PartKind};
use super::super::element::{Link, LinkSpec, Voice, VoiceSpec};
use super::super::ids::{ElementId, LinkId};
use super::super::problem::{ProblemKind as P, Problems};
use super::source::{AtlasSource, read};
use super::{LINKS_FILE, field_err, item, parse_json, try_list_of};

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
    let Some(list) = try_list_of(LINKS_FILE, value, "links", problems) else {
        return false;
    };
    let mut seen = HashSet::new();
    for (i, v) in list.into_iter().enumerate() {
        let Some((key, spec)) = item::<LinkSpec>(LINKS_FILE, "link", i, v, &mut seen, problems)
        else {
            continue;
        };
        let item = Some(key);
        let refs = resolve_refs(&spec, refs, &item, problems);
        let Some(article) = article else { continue };
        match place(article, &spec, refs.voice_ids) {
            Err(kind) => {
                problems.push(LINKS_FILE, item, kind);
                named_by_rejected.extend(&refs.elements);
            }
            Ok(_) if !refs.ok => named_by_rejected.extend(&refs.elements),
            Ok((range, part, voices)) => links.push(Link {
                id: LinkId(links.len() as u32),
                key: spec.id,
                elements: refs.elements,
                selector: spec.selector,
                range,
                part,
                claimed_by: refs.claimed_by,
                denied_by: refs.denied_by,
                assessment: refs.assessment,
                voices,
            }),
        }
    }
    true
}

/// A link's references resolved to elements, and whether all of its fields were sound.
struct LinkRefIds {
    elements: Vec<ElementId>,
    claimed_by: Vec<ElementId>,
    denied_by: Vec<ElementId>,
    /// (claimed_by, denied_by) of each voice, in the spec's order.
    voice_ids: Vec<(Vec<ElementId>, Vec<ElementId>)>,
    assessment: bool,
    /// False if any reference or field was bad: the link is then not kept.
    ok: bool,
}

/// Resolves a link's element references and checks its `elements` and `assessment`,
/// reporting each fault (a reference to a rejected feature is not reported again).
fn resolve_refs(
    spec: &LinkSpec,
    refs: &LinkRefs<'_>,
    item: &Option<String>,
    problems: &mut Problems,
) -> LinkRefIds {
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
    let voice_ids = spec
        .voices
        .iter()
        .map(|v| {
            (
                resolve_ids("voices.claimed_by", &v.claimed_by),
                resolve_ids("voices.denied_by", &v.denied_by),
            )
        })
        .collect();
    if spec.elements.is_empty() {
        ok = false;
        problems.push(
            LINKS_FILE,
            item.clone(),
            field_err("elements", "a link needs at least one element"),
        );
    }
    let assessment = assessment("assessment", spec.assessment.as_deref()).unwrap_or_else(|e| {
        ok = false;
        problems.push(LINKS_FILE, item.clone(), e);
        false
    });
    LinkRefIds {
        elements,
        claimed_by,
        denied_by,
        voice_ids,
        assessment,
        ok,
    }
}

/// `"assessment": "author"` marks the author's own judgement; any other value is a fault
/// of `field`.
fn assessment(field: &str, value: Option<&str>) -> Result<bool, P> {
    match value {
        None => Ok(false),
        Some("author") => Ok(true),
        Some(other) => Err(field_err(
            field,
            format!("must be \"author\", not \"{other}\""),
        )),
    }
}

/// Where a link sits in the article: its quote's range, its part (never furniture) and
/// its voices, or the problem that keeps it off.
fn place(
    article: &Article,
    spec: &LinkSpec,
    voice_ids: Vec<(Vec<ElementId>, Vec<ElementId>)>,
) -> Result<(Range<usize>, usize, Vec<Voice>), P> {
    let range = anchor_quote(article, &spec.selector)?;
    let exact = || spec.selector.exact.clone();
    let part = match article
        .part_of(&range)
        .and_then(|p| article.parts.get(p).map(|x| (p, x.kind)))
    {
        Some((p, kind)) if kind != PartKind::Furniture => p,
        Some((_, kind)) => {
            return Err(P::AnchorOutsideArticle {
                exact: exact(),
                part: kind.label().into(),
            });
        }
        None => {
            return Err(P::AnchorOutsideArticle {
                exact: exact(),
                part: "more than one part".into(),
            });
        }
    };
    let voices = resolve_voices(&spec.voices, voice_ids, article, &range)?;
    Ok((range, part, voices))
}

/// The range of a link's quote in the article, or why it cannot be found there once.
fn anchor_quote(article: &Article, selector: &TextQuoteSelector) -> Result<Range<usize>, P> {
    let exact = selector.exact.clone();
    anchor::resolve(&article.text, selector).map_err(|e| match e {
        AnchorError::NotFound { .. } => P::AnchorNotFound {
            hint: anchor::closest_passage(article, &selector.exact),
            exact,
        },
        AnchorError::Ambiguous { count } => P::AnchorAmbiguous { exact, count },
        AnchorError::LookAlike(l) => {
            let l = *l;
            P::AnchorLookAlike {
                exact,
                fixed: l.fixed,
                place: l.place,
                article_has: l.article_has,
                quote_has: l.quote_has,
            }
        }
        AnchorError::StaleContext(c) => anchor::stale_problem(exact, c),
        AnchorError::Empty => field_err("selector.exact", "the quote is empty"),
    })
}

/// Places each voice inside its link's quote: its `exact` must occur there exactly once,
/// and it must say whose it is.
fn resolve_voices(
    specs: &[VoiceSpec],
    ids: Vec<(Vec<ElementId>, Vec<ElementId>)>,
    article: &Article,
    range: &Range<usize>,
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
        let assessment = assessment("voices.assessment", spec.assessment.as_deref())?;
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
