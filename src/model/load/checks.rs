//! Step 6: checks across files, once map and links are known: every element that is not
//! context has a passage, and every paragraph has a link.

use std::collections::HashSet;

use super::super::article::Article;
use super::super::element::{Element, Link};
use super::super::ids::{ElementId, LinkId};
use super::super::problem::{ProblemKind as P, Problems};
use super::{LINKS_FILE, MAP_FILE};

/// What the coverage check needs to know about the earlier steps.
pub(super) struct Coverage<'a> {
    pub article: Option<&'a Article>,
    pub elements: &'a [Element],
    pub links: &'a [Link],
    pub named_by_rejected: &'a HashSet<ElementId>,
    pub map_ok: bool,
    pub links_ok: bool,
}

/// Each element's links in article order; records elements and paragraphs left unlinked.
pub(super) fn coverage(c: &Coverage<'_>, problems: &mut Problems) -> Vec<Vec<LinkId>> {
    let mut element_links: Vec<Vec<LinkId>> = vec![Vec::new(); c.elements.len()];
    for l in c.links {
        for e in &l.elements {
            if let Some(v) = element_links.get_mut(e.index()) {
                v.push(l.id);
            }
        }
    }
    for (el, ls) in c.elements.iter().zip(&element_links) {
        if c.links_ok && ls.is_empty() && !el.context && !c.named_by_rejected.contains(&el.id) {
            problems.push(MAP_FILE, Some(el.key.clone()), P::NoPassage);
        }
    }
    if c.links_ok
        && c.map_ok
        && c.named_by_rejected.is_empty()
        && let Some(article) = c.article
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
