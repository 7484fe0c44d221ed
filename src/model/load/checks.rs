//! Step 6: checks across files, once map and links are known: every element that is not
//! context has a passage, and every paragraph has a link.

use std::collections::HashSet;

use super::super::article::Article;
use super::super::element::Kind;
use super::super::element::{Element, Link};
use super::super::ids::{ElementId, LinkId};
use super::super::problem::{ProblemKind as P, Problems};
use super::super::timeline::Claimant;
use super::{LINKS_FILE, MAP_FILE, RELATIONS_FILE};

/// What the coverage check needs to know about the earlier steps.
pub(super) struct Coverage<'a> {
    pub article: Option<&'a Article>,
    pub elements: &'a [Element],
    pub links: &'a [Link],
    pub named_by_rejected: &'a HashSet<ElementId>,
    pub map_ok: bool,
    pub links_ok: bool,
}

/// Each element's links, the body's first (see [`PartKind::passage_rank`](super::super::article::PartKind::passage_rank)),
/// each group in article order (the shorter of two that start together first, as the side
/// panel's cards show them); records elements and paragraphs left unlinked.
pub(super) fn coverage(c: &Coverage<'_>, problems: &mut Problems) -> Vec<Vec<LinkId>> {
    let mut element_links: Vec<Vec<LinkId>> = vec![Vec::new(); c.elements.len()];
    let rank = |l: &Link| {
        let kind = c.article.and_then(|a| a.parts.get(l.part)).map(|p| p.kind);
        (
            kind.map_or(0, |k| k.passage_rank()),
            l.range.start,
            l.range.end,
        )
    };
    let mut ordered: Vec<&Link> = c.links.iter().collect();
    ordered.sort_by_key(|l| rank(l));
    for l in ordered {
        for e in &l.elements {
            if let Some(v) = element_links.get_mut(e.index()) {
                v.push(l.id);
            }
        }
    }
    for (el, ls) in c.elements.iter().zip(&element_links) {
        if c.links_ok && ls.is_empty() && !el.context && !c.named_by_rejected.contains(&el.id) {
            let (file, kind) = if el.kind == Kind::Relation {
                (RELATIONS_FILE, P::RelationWithoutEvidence)
            } else {
                (MAP_FILE, P::NoPassage)
            };
            problems.push(file, Some(el.key.clone()), kind);
        }
    }
    if c.links_ok
        && c.map_ok
        && c.named_by_rejected.is_empty()
        && let Some(article) = c.article
        && !article.draft
    {
        for (pi, part) in article.paragraphs() {
            if !c
                .links
                .iter()
                .any(|l| l.part == pi && !l.elements.is_empty())
            {
                problems.push(
                    LINKS_FILE,
                    None,
                    P::ParagraphUnlinked(part.paragraph.unwrap_or_default()),
                );
            }
        }
    }
    element_links
}

/// A relation's claimant must claim at least one of its evidence links (as a whole or in
/// a voice), unless the relation is the author's. (A relation with no link at all is
/// reported by [`coverage`].)
pub(super) fn relations(
    elements: &[Element],
    element_links: &[Vec<LinkId>],
    links: &[Link],
    problems: &mut Problems,
) {
    for (el, ls) in elements.iter().zip(element_links) {
        let Some(rel) = el.relation else { continue };
        let Claimant::Actor(who) = rel.claimed_by else {
            continue;
        };
        if ls.is_empty() {
            continue;
        }
        let supported = ls
            .iter()
            .filter_map(|l| links.get(l.index()))
            .any(|l| l.claimants().any(|c| c == who));
        if !supported {
            let claimant = elements
                .get(who.index())
                .map_or_else(String::new, |e| e.key.clone());
            problems.push(
                RELATIONS_FILE,
                Some(el.key.clone()),
                P::RelationClaimantUnsupported { claimant },
            );
        }
    }
}

/// Our summaries mark the article's words with ‘…’ (the article's own quotation marks):
/// every such quotation must be in the article, word for word, or a reader would take our
/// paraphrase for the author's. Compared as search folds text (case, curly or straight
/// apostrophes, dashes, spaces), so that only the words count.
pub(super) fn quotations(article: &Article, elements: &[Element], problems: &mut Problems) {
    use super::super::search::fold;
    let article_text = fold(&article.text);
    for el in elements {
        let fields = [("summary", &el.summary), ("before", &el.before)];
        for (field, text) in fields {
            let Some(text) = text else { continue };
            for quote in quoted_spans(text) {
                if !article_text.contains(&fold(quote)) {
                    let file = if el.kind == Kind::Relation {
                        RELATIONS_FILE
                    } else {
                        MAP_FILE
                    };
                    problems.push(
                        file,
                        Some(el.key.clone()),
                        P::QuoteNotInArticle {
                            field: field.to_owned(),
                            quote: quote.to_owned(),
                        },
                    );
                }
            }
        }
    }
}

/// The spans between ‘ and its closing ’; a ’ followed by a letter is an apostrophe
/// (“Iran’s”), not the closing mark.
pub(crate) fn quoted_spans(text: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('‘') {
        let body = &rest[open + '‘'.len_utf8()..];
        let close = body.char_indices().find(|&(i, c)| {
            c == '’'
                && !body[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
        });
        let Some((end, _)) = close else { break };
        spans.push(&body[..end]);
        rest = &body[end + '’'.len_utf8()..];
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::quoted_spans;

    #[test]
    fn quoted_spans_skip_apostrophes_inside_and_outside_quotations() {
        let text = "Iran’s ‘paradise of tribes’ and the ‘big neighbours’ Turkey’s";
        assert_eq!(
            quoted_spans(text),
            vec!["paradise of tribes", "big neighbours"]
        );
        assert_eq!(
            quoted_spans("‘the Aras’s banks’."),
            vec!["the Aras’s banks"]
        );
        assert!(quoted_spans("no ‘closing mark").is_empty());
    }
}
