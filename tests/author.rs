//! Author mode's model and `aras edit`: edits with exact undo, the live check, saving
//! without losing work, the recovery file (including after SIGKILL).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use aras::model::edit::store::{self, Session};
use aras::model::edit::{
    AtlasDoc, Attr, Edit, History, NewElement, NewEvent, NewRelation, Stance, VoiceEdit,
};
use aras::model::{Kind, PartKind, Status};

mod common;

use common::aras_output;
use common::edit::{
    alpha_accuses_beta, assets, assets_session, minimal, minimal_session, minimal_with_recovery,
    range_of,
};

/// A tiny deterministic generator (xorshift), so failures replay.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// The range of the first `words` in the article, or an empty one once a split has
/// parted them.
fn found(doc: &AtlasDoc, words: &str) -> std::ops::Range<usize> {
    doc.text().find(words).map_or(0..0, |i| i..i + words.len())
}

fn random_edit(rng: &mut Rng, doc: &AtlasDoc) -> Edit {
    let els = ["alpha", "beta", "gamma-town", "blue-river", "nowhere"];
    let links = [
        "borders",
        "river",
        "town",
        "troops",
        "alpha-borders",
        "nope",
    ];
    let text_len = doc.text().len();
    let a = rng.below(text_len);
    let range = a..(a + 1 + rng.below(30)).min(text_len);
    let el = |rng: &mut Rng| rng.pick(&els).to_string();
    let link = |rng: &mut Rng| rng.pick(&links).to_string();
    match rng.below(21) {
        0 => Edit::RenameElement {
            id: el(rng),
            name: format!("Name {}", rng.below(9)),
        },
        1 => Edit::SetAttr {
            id: el(rng),
            attr: Attr::Summary(Some("Ours, says the article.".into())),
        },
        2 => Edit::SetAttr {
            id: el(rng),
            attr: Attr::Aliases(vec!["X".into(), "Y".into()]),
        },
        3 => Edit::SetAttr {
            id: el(rng),
            attr: Attr::Status(Some(Status::Proposed)),
        },
        4 => Edit::AddLink {
            id: None,
            range,
            elements: vec![el(rng)],
        },
        5 => Edit::RemoveLink { id: link(rng) },
        6 => Edit::SetLinkRange {
            id: link(rng),
            range,
        },
        7 => Edit::SetStance {
            link: link(rng),
            stance: Stance {
                claimed_by: vec![el(rng)],
                denied_by: vec![],
                author: rng.below(2) == 0,
            },
        },
        8 => Edit::Merge {
            keep: el(rng),
            absorb: el(rng),
        },
        9 => Edit::RemoveElement { id: el(rng) },
        10 => Edit::SetBlockKind {
            index: rng.below(4),
            kind: PartKind::Heading,
        },
        11 => Edit::AddElement(NewElement {
            id: format!("new-{}", rng.below(3)),
            kind: Kind::Place,
            name: "New".into(),
            aliases: vec![],
            geometry: Some(serde_json::json!({"type": "Point", "coordinates": [44.5, 40.5]})),
            at: None,
            country: Some("alpha".into()),
            offmap: false,
            source: Some("test".into()),
            via: vec![],
            status: None,
            gazetteer: None,
        }),
        13 => Edit::AddElement(NewElement {
            id: format!("route-{}", rng.below(3)),
            kind: Kind::Corridor,
            name: "A route".into(),
            aliases: vec![],
            geometry: Some(
                serde_json::json!({"type": "LineString", "coordinates": [[44.5, 40.5], [45.5, 40.5]]}),
            ),
            at: None,
            country: None,
            offmap: false,
            source: Some("drawn by the author".into()),
            via: vec![el(rng)],
            status: Some(Status::Proposed),
            gazetteer: None,
        }),
        14 => Edit::AddEvent(NewEvent {
            id: format!("event-{}", rng.below(3)),
            label: "Troops move".into(),
            date: rng
                .pick(&["2021", "2021-10", "2021-10-01", "21st"])
                .to_string(),
            qualifier: None,
            elements: vec![el(rng)],
            range,
            source: None,
        }),
        15 => Edit::AddRelation(NewRelation {
            id: format!("rel-{}", rng.below(3)),
            name: "Alpha–Beta tension".into(),
            from: el(rng),
            to: el(rng),
            relation: rng.pick(&["tension", "friendship"]).to_string(),
            claimed_by: rng.pick(&["author", "alpha", "nowhere"]).to_string(),
            range,
        }),
        // A split at a random space (inside a passage, its prefix or its suffix, at a
        // block's edge, in another block than the one named), or a join.
        18 | 19 => {
            let spaces: Vec<usize> = doc
                .text()
                .char_indices()
                .filter(|(_, c)| c.is_whitespace())
                .map(|(i, _)| i + rng.below(2))
                .collect();
            let at = *rng.pick(&spaces);
            let index = doc
                .block_list()
                .iter()
                .position(|(r, _)| r.start <= at && at <= r.end)
                .filter(|_| rng.below(8) != 0)
                .unwrap_or_else(|| rng.below(6));
            Edit::SplitBlock { index, at }
        }
        20 => Edit::JoinBlocks {
            index: rng.below(6),
        },
        // Moving the troops passage's ends clips, widens or removes its voice.
        16 | 17 => {
            let words = *rng.pick(&[
                "Alpha said Beta moved troops,",
                "moved troops, which Beta",
                "troops, which Beta",
                "Alpha said Beta moved troops, which Beta denied.",
                "Beta denied.",
            ]);
            Edit::SetLinkRange {
                id: "troops".into(),
                range: found(doc, words),
            }
        }
        _ => {
            let r = found(doc, "Beta denied");
            Edit::SetVoices {
                link: "troops".into(),
                voices: vec![VoiceEdit {
                    range: r,
                    stance: Stance {
                        denied_by: vec!["beta".into()],
                        ..Default::default()
                    },
                }],
            }
        }
    }
}

#[test]
fn any_sequence_of_edits_then_as_many_undos_gives_back_the_files_byte_for_byte() {
    let dir = minimal();
    let original = store::open_dir(dir.path()).unwrap();
    let before: BTreeMap<String, Vec<u8>> = original.current_files();
    let mut applied_total = 0;
    // Edits applied: others, splits, joins.
    let mut split_join = [0; 3];
    for seed in 1..=150u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut doc = original.clone();
        let mut history = History::default();
        let mut states = vec![doc.current_files()];
        for _ in 0..(1 + rng.below(12)) {
            let edit = random_edit(&mut rng, &doc);
            // (A range outside the passage's block is a problem of its own.)
            let block = found(&doc, "Alpha said Beta moved troops, which Beta denied.");
            let moves_passage = matches!(&edit, Edit::SetLinkRange { id, range }
                if id == "troops" && block.start <= range.start && range.end <= block.end);
            let clean = moves_passage && doc.check().is_ok();
            let kind = match edit {
                Edit::SplitBlock { .. } => 1,
                Edit::JoinBlocks { .. } => 2,
                _ => 0,
            };
            let blocks = kind > 0 && doc.check().is_ok();
            if history.apply(&mut doc, edit).is_ok() {
                split_join[kind] += 1;
                states.push(doc.current_files());
                // A split or a join leaves every quote anchored and the parts in line
                // with the text (a new paragraph may want a passage, a date its words).
                if blocks && let Err(p) = doc.check() {
                    use aras::model::ProblemKind as P;
                    let broken = p.0.iter().find(|p| {
                        !matches!(p.kind, P::ParagraphUnlinked(_) | P::DateNotInPassage { .. })
                    });
                    assert!(broken.is_none(), "seed {seed}: {broken:?}");
                }
                // Voices follow their passage: moving its ends leaves no broken voice.
                assert!(
                    !clean || doc.check().is_ok(),
                    "seed {seed}: {:?}",
                    doc.check().err()
                );
            }
        }
        applied_total += history.depth();
        // Redo after undo gives back each state too.
        let n = history.depth();
        for _ in 0..n {
            history.undo(&mut doc).unwrap();
        }
        assert_eq!(doc.current_files(), before, "seed {seed}");
        assert!(!doc.is_dirty(), "seed {seed}");
        for _ in 0..n {
            history.redo(&mut doc).unwrap();
        }
        assert_eq!(
            &doc.current_files(),
            states.last().unwrap(),
            "seed {seed}: redo"
        );
        for _ in 0..n {
            history.undo(&mut doc).unwrap();
        }
        assert_eq!(doc.current_files(), before, "seed {seed}: second undo");
    }
    assert!(
        split_join[1] > 40 && split_join[2] > 20,
        "splits and joins applied: {split_join:?}"
    );
    assert!(
        applied_total > 300,
        "only {applied_total} edits applied: the test edits too little"
    );
}

#[test]
fn linking_a_selection_gets_the_shortest_unique_selector_and_checks_clean() {
    let (_dir, mut s) = assets_session();
    // "Azerbaijan" occurs many times: the link needs context, as little as picks it.
    let r = range_of(&s.doc, "Azerbaijan", 5);
    s.edit(Edit::AddLink {
        id: None,
        range: r.clone(),
        elements: vec!["azerbaijan".into()],
    })
    .unwrap();
    assert_eq!(
        s.history.undo_label().unwrap(),
        "Undo: link ‘Azerbaijan’ to Azerbaijan"
    );
    let atlas = s.doc.check().expect("the live check passes");
    let link = atlas.links.last().unwrap();
    assert_eq!(link.range, r);
    let context = link
        .selector
        .prefix
        .as_deref()
        .unwrap_or("")
        .chars()
        .count()
        + link
            .selector
            .suffix
            .as_deref()
            .unwrap_or("")
            .chars()
            .count();
    assert!(context > 0 && context < 20, "{:?}", link.selector);
}

#[test]
fn live_check_names_the_problem_an_edit_makes_and_undo_clears_it() {
    let (_dir, mut s) = minimal_session();
    assert!(s.doc.check().is_ok());
    // Beta denies the troops claim: rejecting Beta leaves that reference dangling.
    s.edit(Edit::RemoveElement { id: "beta".into() }).unwrap();
    let problems = s.doc.check().unwrap_err();
    let text = problems.to_string();
    assert!(
        text.contains("links.json") && text.contains("beta"),
        "{text}"
    );
    assert_eq!(s.undo().unwrap().as_deref(), Some("reject Beta"));
    assert!(s.doc.check().is_ok());
}

#[test]
fn merge_points_every_reference_at_the_kept_element_and_keeps_the_name_as_alias() {
    let (_dir, mut s) = minimal_session();
    s.edit(Edit::Merge {
        keep: "alpha".into(),
        absorb: "beta".into(),
    })
    .unwrap();
    let links = s.doc.value("links.json").unwrap().to_string();
    assert!(!links.contains("\"beta\""), "{links}");
    let map = s.doc.value("map.geojson").unwrap();
    let alpha = map["features"][0]["properties"]["aliases"].clone();
    assert!(
        alpha.as_array().unwrap().iter().any(|a| a == "Beta"),
        "{alpha}"
    );
    assert_eq!(
        s.history.undo_label().unwrap(),
        "Undo: merge Beta into Alpha"
    );
}

#[test]
fn bad_edits_are_refused_with_the_reason_and_change_nothing() {
    let (_dir, mut s) = minimal_session();
    let before = s.doc.current_files();
    let e = s.edit(Edit::AddLink {
        id: None,
        range: 0..3,
        elements: vec!["atlantis".into()],
    });
    assert_eq!(e.unwrap_err().to_string(), "there is no element `atlantis`");
    let e = s.edit(Edit::RenameElement {
        id: "alpha".into(),
        name: " ".into(),
    });
    assert!(e.is_err());
    assert_eq!(s.doc.current_files(), before);
    assert_eq!(s.history.depth(), 0);
}

#[test]
fn saving_an_unchanged_atlas_writes_no_file() {
    let dir = assets();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name(), e.metadata().unwrap().modified().unwrap())
        })
        .collect();
    let mut s = Session::open(dir.path()).unwrap();
    assert!(s.save().unwrap().is_empty());
    // An edit undone is no change either.
    s.edit(Edit::RenameElement {
        id: "iran".into(),
        name: "Persia".into(),
    })
    .unwrap();
    s.undo().unwrap();
    assert!(s.save().unwrap().is_empty());
    for (name, mtime) in before {
        let now = std::fs::metadata(dir.path().join(&name))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(now, mtime, "{name:?} was rewritten");
    }
}

#[test]
fn a_saved_edit_is_stable_one_item_per_line_and_reopens_clean() {
    let (dir, mut s) = minimal_session();
    s.edit(Edit::SetAttr {
        id: "alpha".into(),
        attr: Attr::Summary(Some("Borders Beta.".into())),
    })
    .unwrap();
    assert_eq!(s.save().unwrap(), vec!["map.geojson".to_owned()]);
    let text = std::fs::read_to_string(dir.path().join("map.geojson")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "{");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"id\":\"alpha\"") && l.contains("Borders Beta."))
    );
    // One feature per line: as many lines as features plus the frame.
    let features = s.doc.value("map.geojson").unwrap()["features"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(lines.len(), features + 5, "{text}");
    // Reopened and saved again: nothing rewritten; and it loads clean.
    let mut again = Session::open(dir.path()).unwrap();
    assert!(again.save().unwrap().is_empty());
    aras::model::load(&aras::model::AtlasSource::Dir(dir.path().to_owned())).unwrap();
}

#[test]
fn save_refuses_to_overwrite_a_file_changed_on_disk_and_names_it() {
    let (dir, mut s) = minimal_session();
    s.edit(Edit::RenameElement {
        id: "alpha".into(),
        name: "Alfa".into(),
    })
    .unwrap();
    let path = dir.path().join("map.geojson");
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Gamma Town", "Gamma City");
    std::fs::write(&path, &theirs).unwrap();
    let err = s.save().unwrap_err().to_string();
    assert!(
        err.starts_with("map.geojson changed on disk since it was opened"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "their change is kept"
    );
    assert!(s.is_dirty(), "our edit is still there");
}

#[test]
fn autosave_writes_the_recovery_file_and_the_next_session_restores_it() {
    let (dir, mut s) = minimal_session();
    s.edit(Edit::RenameElement {
        id: "alpha".into(),
        name: "Alfa".into(),
    })
    .unwrap();
    assert!(!s.tick(Instant::now()).unwrap(), "not before the interval");
    assert!(
        s.tick(Instant::now() + store::AUTOSAVE_EVERY + Duration::from_millis(10))
            .unwrap()
    );
    assert!(dir.path().join(store::RECOVERY_FILE).exists());
    drop(s);
    let rec = store::newer_recovery(dir.path())
        .unwrap()
        .expect("a newer recovery");
    assert_eq!(rec.files.keys().collect::<Vec<_>>(), ["map.geojson"]);
    let mut s = Session::open(dir.path()).unwrap();
    s.restore(&rec).unwrap();
    assert!(s.is_dirty());
    let atlas = s.doc.check().unwrap();
    assert_eq!(
        atlas
            .elements
            .iter()
            .find(|e| e.key == "alpha")
            .unwrap()
            .name,
        "Alfa"
    );
    s.save().unwrap();
    assert!(
        !dir.path().join(store::RECOVERY_FILE).exists(),
        "saving removes it"
    );
}

#[test]
fn a_recovery_older_than_the_files_is_not_offered() {
    let (dir, _session) = minimal_with_recovery();
    std::thread::sleep(Duration::from_millis(20));
    let path = dir.path().join("map.geojson");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, bytes).unwrap();
    assert!(store::newer_recovery(dir.path()).unwrap().is_none());
}

#[test]
fn killed_editor_leaves_a_recovery_file_that_restores_the_edits() {
    let dir = minimal();
    let d = dir.path().to_str().unwrap();
    let script = dir.path().join("script.json");
    std::fs::write(
        &script,
        r#"[
          {"edit": "rename_element", "id": "alpha", "name": "Alfa"},
          {"edit": "set_attr", "id": "beta", "attr": {"name": "summary", "value": "Denies moving troops, the article says."}},
          {"wait_ms": 60000}
        ]"#,
    )
    .unwrap();
    let recovery = common::edit::kill_once_recovered(dir.path(), &script);
    assert!(
        !std::fs::read_to_string(dir.path().join("map.geojson"))
            .unwrap()
            .contains("Alfa")
    );

    let refused = aras_output(&["edit", d, "--headless"]);
    assert_eq!(refused.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&refused.stderr);
    assert!(
        msg.contains("holds unsaved edits to map.geojson") && msg.contains("--restore"),
        "{msg}"
    );

    let restored = aras_output(&["edit", d, "--restore", "--save"]);
    let out = String::from_utf8_lossy(&restored.stdout);
    assert!(restored.status.success(), "{out}");
    assert!(
        out.contains("restored unsaved edits to map.geojson") && out.contains("saved map.geojson"),
        "{out}"
    );
    let map = std::fs::read_to_string(dir.path().join("map.geojson")).unwrap();
    assert!(
        map.contains("\"Alfa\"") && map.contains("Denies moving troops"),
        "{map}"
    );
    assert!(!recovery.exists());
    assert!(aras_output(&["check", "--atlas", d]).status.success());
}

#[test]
fn edit_script_prints_each_edit_and_the_live_check() {
    let dir = minimal();
    let d = dir.path().to_str().unwrap();
    let script = dir.path().join("s.json");
    std::fs::write(
        &script,
        r#"[{"edit": "remove_element", "id": "beta"}, {"undo": 1}, {"edit": "set_block_kind", "index": 0, "kind": "title"}]"#,
    )
    .unwrap();
    let o = aras_output(&["edit", d, "--script", script.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("reject Beta") && out.contains("mark block 1 as"),
        "{out}"
    );
    assert!(out.contains("problems: none"), "{out}");
}

#[test]
fn an_event_is_added_with_its_passage_at_the_texts_precision_and_one_undo_takes_both_back() {
    let (_dir, mut s) = assets_session();
    let before = s.doc.current_files();
    let r = range_of(&s.doc, "in April 2015, Iran and Azerbaijan announced", 0);
    let text = s.doc.text()[r.clone()].to_owned();
    let date = aras::model::edit::date_in(&text).unwrap();
    assert_eq!(date, "2015-04");
    s.edit(Edit::AddEvent(NewEvent {
        id: "commission-announced".into(),
        label: "A joint defence commission is announced".into(),
        date,
        qualifier: None,
        elements: vec!["iran".into(), "azerbaijan".into()],
        range: r,
        source: None,
    }))
    .unwrap();
    let atlas = s.doc.check().unwrap();
    let ev = atlas
        .events
        .iter()
        .find(|e| e.key == "commission-announced")
        .unwrap();
    assert_eq!(ev.date_label(), "April 2015");
    assert_eq!(atlas.links[ev.link.index()].selector.exact, text);
    s.undo().unwrap();
    assert_eq!(s.doc.current_files(), before);
}

#[test]
fn a_relation_is_added_with_its_evidence_into_a_new_relations_file_that_undo_removes() {
    let (dir, mut s) = minimal_session();
    assert!(s.doc.file("relations.json").is_none());
    s.edit(alpha_accuses_beta(&s.doc)).unwrap();
    let atlas = s.doc.check().unwrap();
    let rel = atlas.by_key("alpha-accuses-beta").unwrap();
    assert!(atlas.links.iter().any(|l| l.elements.contains(&rel)));
    s.undo().unwrap();
    assert!(
        s.doc.file("relations.json").is_none(),
        "undo removes the file it made"
    );
    s.redo().unwrap();
    assert_eq!(s.save().unwrap(), vec!["links.json", "relations.json"]);
    let reopened = Session::open(dir.path()).unwrap();
    assert!(
        reopened
            .doc
            .check()
            .unwrap()
            .by_key("alpha-accuses-beta")
            .is_some()
    );
}

#[test]
fn a_relation_without_a_known_claimant_or_type_is_refused() {
    let (_dir, mut s) = minimal_session();
    let r = range_of(&s.doc, "Alpha borders Beta", 0);
    let rel = |claimed_by: &str, relation: &str| {
        Edit::AddRelation(NewRelation {
            id: "ab".into(),
            name: "AB".into(),
            from: "alpha".into(),
            to: "beta".into(),
            relation: relation.into(),
            claimed_by: claimed_by.into(),
            range: r.clone(),
        })
    };
    assert!(s.edit(rel("nobody", "tension")).is_err());
    assert!(s.edit(rel("author", "friendship")).is_err());
    assert!(!s.doc.is_dirty());
}

#[test]
fn route_through_undeclared_country_is_rejected_and_route_via_declares_exactly_those() {
    let (_dir, mut s) = minimal_session();
    let atlas = s.doc.check().unwrap();
    // From the middle of Alpha to the middle of Beta.
    let line = [[44.5, 40.6], [45.5, 40.6]];
    let via = aras::model::edit::route_via(&atlas, &line);
    assert_eq!(via, vec!["alpha", "beta"]);
    assert_eq!(
        aras::model::edit::country_at(&atlas, [45.5, 40.6]).as_deref(),
        Some("beta")
    );
    let route = |id: &str, via: Vec<String>| {
        Edit::AddElement(NewElement {
            id: id.into(),
            kind: Kind::Corridor,
            name: "Alpha–Beta road".into(),
            aliases: vec![],
            geometry: Some(serde_json::json!({"type": "LineString", "coordinates": line})),
            at: None,
            country: None,
            offmap: false,
            source: Some("drawn by the author".into()),
            via,
            status: Some(Status::Proposed),
            gazetteer: None,
        })
    };
    s.edit(route("short-via", vec!["alpha".into()])).unwrap();
    let problems = s.doc.check().unwrap_err().0;
    assert!(
        problems
            .iter()
            .any(|p| p.item.as_deref() == Some("short-via") && p.to_string().contains("beta")),
        "{problems:?}"
    );
    s.undo().unwrap();
    s.edit(route("full-via", via)).unwrap();
    let r = range_of(&s.doc, "Alpha borders Beta", 0);
    s.edit(Edit::AddLink {
        id: None,
        range: r,
        elements: vec!["full-via".into()],
    })
    .unwrap();
    let atlas = s.doc.check().unwrap();
    let id = atlas.by_key("full-via").unwrap();
    assert_eq!(atlas.element(id).unwrap().status, Some(Status::Proposed));
}

#[test]
fn two_passages_that_start_together_are_numbered_shorter_first_as_the_cards_show_them() {
    // trial8 #13: the event card listed "Passage 2 of 3" above "Passage 1 of 3", both
    // opening with the same words: a link made later, shorter, inside an older one.
    let (_dir, mut s) = minimal_session();
    let r = range_of(&s.doc, "Alpha said Beta moved troops", 0);
    s.edit(Edit::AddLink {
        id: None,
        range: r.clone(),
        elements: vec!["beta".into()],
    })
    .unwrap();
    let atlas = s.doc.check().expect("the live check passes");
    let beta = atlas.by_key("beta").unwrap();
    let ranges: Vec<_> = atlas
        .links_of(beta)
        .iter()
        .map(|l| atlas.link(*l).unwrap().range.clone())
        .collect();
    let new = ranges.iter().position(|x| *x == r).unwrap();
    let old = ranges
        .iter()
        .position(|x| x.start == r.start && x.end > r.end)
        .unwrap();
    assert!(new < old, "{ranges:?}");
}
