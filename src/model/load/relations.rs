//! Step 4: relations, from the optional `relations.json`. Each relation is an element of
//! its own (so it can be selected and linked); its ends are resolved after the map.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::super::element::{Direction, Element, Kind};
use super::super::ids::ElementId;
use super::super::problem::{ProblemKind as P, Problems};
use super::super::timeline::{Claimant, Relation, RelationSpec};
use super::source::{AtlasSource, read_optional};
use super::{RELATIONS_FILE, item, list_of, parse_json};

/// Reads the relations into `elements`; returns their specs to resolve once all keys are
/// known.
pub(super) fn load(
    source: &AtlasSource,
    elements: &mut Vec<Element>,
    problems: &mut Problems,
) -> Vec<(usize, RelationSpec)> {
    let mut pending = Vec::new();
    if let Some(text) = read_optional(source, RELATIONS_FILE, problems)
        && let Some(v) = parse_json(RELATIONS_FILE, &text, problems)
    {
        parse_relations(v, elements, &mut pending, problems);
    }
    pending
}

/// Resolves each relation's ends and claimant.
pub(super) fn resolve(
    pending: Vec<(usize, RelationSpec)>,
    by_key: &HashMap<String, ElementId>,
    rejected: &HashSet<String>,
    elements: &mut [Element],
    problems: &mut Problems,
) {
    for (idx, spec) in pending {
        let get = |field: &str, k: &str, problems: &mut Problems| -> Option<ElementId> {
            let id = by_key.get(k).copied();
            if id.is_none() && !rejected.contains(k) {
                problems.push(
                    RELATIONS_FILE,
                    Some(spec.id.clone()),
                    P::DanglingId {
                        field: field.into(),
                        id: k.to_owned(),
                    },
                );
            }
            id
        };
        let from = get("from", &spec.from, problems);
        let to = get("to", &spec.to, problems);
        let claimed_by = if spec.claimed_by == "author" {
            Some(Claimant::Author)
        } else {
            get("claimed_by", &spec.claimed_by, problems).map(Claimant::Actor)
        };
        if let (Some(from), Some(to), Some(claimed_by), Some(el)) =
            (from, to, claimed_by, elements.get_mut(idx))
        {
            el.relation = Some(Relation {
                from,
                to,
                kind: spec.relation,
                claimed_by,
            });
        }
    }
}

fn parse_relations(
    value: Value,
    elements: &mut Vec<Element>,
    pending: &mut Vec<(usize, RelationSpec)>,
    problems: &mut Problems,
) {
    let mut seen: HashSet<String> = elements.iter().map(|e| e.key.clone()).collect();
    for (i, v) in list_of(RELATIONS_FILE, value, "relations", problems)
        .into_iter()
        .enumerate()
    {
        let Some((key, spec)) =
            item::<RelationSpec>(RELATIONS_FILE, "item", i, v, &mut seen, problems)
        else {
            continue;
        };
        let idx = elements.len();
        let mut properties = Map::new();
        properties.insert("from".into(), Value::String(spec.from.clone()));
        properties.insert("to".into(), Value::String(spec.to.clone()));
        properties.insert("relation".into(), Value::String(spec.relation.key().into()));
        properties.insert("claimed_by".into(), Value::String(spec.claimed_by.clone()));
        elements.push(Element {
            id: ElementId(idx as u32),
            key,
            kind: Kind::Relation,
            name: spec.name.clone(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            metonyms: Vec::new(),
            summary: spec.summary.clone(),
            status: None,
            direction: Direction::Forward,
            context: false,
            disputed: false,
            offmap: false,
            label_only: false,
            at: None,
            actor: None,
            part_of: None,
            rank: None,
            relation: None,
            changed: None,
            before: None,
            note: None,
            source: None,
            changed_source: None,
            until: None,
            until_source: None,
            geo: None,
            projected: None,
            properties,
        });
        pending.push((idx, spec));
    }
}
