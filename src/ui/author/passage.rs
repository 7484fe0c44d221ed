//! The passage card: the selected element's current passage (the one the reader marks)
//! to extend or shrink by a word at either end or set to the words selected in the
//! reader, to remove, to link to other elements, and to say who speaks in it: claimed or
//! denied by an actor or the author's assessment, for the whole passage or a part of it.
//! Every change is one named edit; the result shows as the reader's side panel shows it.

use std::ops::Range;

use egui::RichText;

use super::Author;
use super::choose::Item;
use crate::model::edit::passage::{End, link_voices, whole_words, word_step};
use crate::model::edit::{Edit, ElementRow, Stance, VoiceEdit, element_list};
use crate::model::{Atlas, Link};
use crate::ui::ViewCtx;

/// The card's own state: the actor chosen for the next claim or denial, and the
/// passage (link id) it was chosen for.
#[derive(Default)]
pub struct Card {
    actor: Option<String>,
    for_link: Option<String>,
}

/// The passage the reader marks: the selected element's `passage`th.
fn current_link<'a>(view: &ViewCtx<'a>, passage: usize) -> Option<&'a Link> {
    let atlas = view.atlas;
    let id = view.selection.selected?;
    atlas.link(*atlas.links_of(id).get(passage)?)
}

/// The selected element's passage that the words selected in the reader overlap, if
/// any: the card follows the reader's selection, so that below 1,100 px, where the
/// reader and this tab are never seen together, an edit acts on the passage the
/// selection is in and never silently on another one (trial s7 #4).
fn selection_link<'a>(view: &ViewCtx<'a>, a: &Author) -> Option<&'a Link> {
    let atlas = view.atlas;
    let sel = a.text_selection.as_ref()?;
    let id = view.selection.selected?;
    atlas
        .links_of(id)
        .iter()
        .filter_map(|l| atlas.link(*l))
        .find(|l| overlaps(&l.range, sel))
}

pub fn ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, passage: usize) {
    egui::ScrollArea::vertical()
        .id_salt("author-passage")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::style::focus::scrolled(ui, |ui| {
                match selection_link(view, a).or_else(|| current_link(view, passage)) {
                    Some(link) => card(ui, a, view.atlas, link),
                    None => {
                        ui.label(RichText::new("No passage selected").strong());
                        ui.label(
                            "Select an element with passages (its current passage is the one \
                         the reader marks), or select words in the article and choose Link to….",
                        );
                    }
                }
                ui.add_space(8.0);
                ui.separator();
                let shown = selection_link(view, a).or_else(|| current_link(view, passage));
                super::blocks::ui(ui, a, view, shown);
            })
        });
}

fn card(ui: &mut egui::Ui, a: &mut Author, atlas: &Atlas, link: &Link) {
    let mut edit = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Passage").strong());
        ui.label(crate::ui::side_panel::where_in_article(atlas, link));
    });
    // The ends' buttons above the quote, so that a click that shortens the quote does
    // not move the next click's target (trial #10).
    ends(ui, atlas, link, &mut edit);
    ui.label(
        RichText::new(crate::ui::side_panel::quoted(
            atlas.article.slice(&link.range),
        ))
        .size(14.0),
    );
    ui.add_space(4.0);
    set_or_remove(ui, a, atlas, link, &mut edit);
    ui.add_space(6.0);
    elements(ui, a, atlas, link, &mut edit);
    ui.add_space(6.0);
    ui.separator();
    voices(ui, a, atlas, link, &mut edit);
    if let Some(e) = edit {
        a.apply(e);
    }
}

/// Extend or shrink either end by a word.
fn ends(ui: &mut egui::Ui, atlas: &Atlas, link: &Link, edit: &mut Option<Edit>) {
    let text = atlas.article.text.as_str();
    let bound = atlas
        .article
        .parts
        .get(link.part)
        .map_or(link.range.clone(), |p| p.range.clone());
    let mut step = |ui: &mut egui::Ui, label: &str, end: End, grow: bool| {
        let to = word_step(text, &link.range, &bound, end, grow);
        if ui
            .add_enabled(to.is_some(), egui::Button::new(label))
            .clicked()
            && let Some(range) = to
        {
            *edit = Some(Edit::SetLinkRange {
                id: link.key.clone(),
                range,
            });
        }
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Start:");
        step(ui, "Extend start by a word", End::Start, true);
        step(ui, "Shrink start by a word", End::Start, false);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("End:");
        step(ui, "Shrink end by a word", End::End, false);
        step(ui, "Extend end by a word", End::End, true);
    });
}

/// Set the passage to the selection, or remove it, after asking: removing deletes the
/// passage and its voices, so it never happens on one stray click.
fn set_or_remove(
    ui: &mut egui::Ui,
    a: &Author,
    atlas: &Atlas,
    link: &Link,
    edit: &mut Option<Edit>,
) {
    let text = atlas.article.text.as_str();
    let asking = ui
        .scope_id()
        .with(("aras-remove-passage", link.key.as_str()));
    if ui.data(|d| d.get_temp::<bool>(asking)).unwrap_or(false) {
        ui.label("Remove this passage, its links and who speaks in it?");
        ui.horizontal(|ui| {
            if ui.button("Remove").clicked() {
                ui.data_mut(|d| d.remove::<bool>(asking));
                *edit = Some(Edit::RemoveLink {
                    id: link.key.clone(),
                });
            }
            if ui.button("Keep it").clicked() {
                ui.data_mut(|d| d.remove::<bool>(asking));
            }
        });
        return;
    }
    // Only words that overlap this passage may become it: words elsewhere belong to
    // another passage or none, and moving this one there would be an edit the author
    // cannot see below 1,100 px (trial s7 #4).
    let outside = a
        .text_selection
        .as_ref()
        .is_some_and(|s| !overlaps(s, &link.range));
    if outside {
        ui.label(
            RichText::new(
                "The words selected in the article are outside this passage: select words \
                 in it to set it to them, or use Link to… for a new passage.",
            )
            .weak(),
        );
    }
    ui.horizontal_wrapped(|ui| {
        let sel = a
            .text_selection
            .as_ref()
            .filter(|_| !outside)
            .map(|s| {
                let block = atlas
                    .article
                    .part_of(s)
                    .and_then(|i| atlas.article.parts.get(i));
                block.map_or(s.clone(), |b| whole_words(text, s, &b.range))
            })
            .filter(|s| *s != link.range);
        let why = if outside {
            "The selected words are outside this passage"
        } else {
            "Select words in the article first"
        };
        let set = ui
            .add_enabled(sel.is_some(), egui::Button::new("Set passage to selection"))
            .on_disabled_hover_text(why);
        if set.clicked()
            && let Some(range) = sel
        {
            *edit = Some(Edit::SetLinkRange {
                id: link.key.clone(),
                range,
            });
        }
        if ui
            .button("Remove passage…")
            .on_hover_text("Asks first")
            .clicked()
        {
            ui.data_mut(|d| d.insert_temp(asking, true));
        }
    });
}

/// The elements the passage is linked to: unlink one, or link another.
fn elements(ui: &mut egui::Ui, a: &Author, atlas: &Atlas, link: &Link, edit: &mut Option<Edit>) {
    let keys: Vec<String> = link
        .elements
        .iter()
        .filter_map(|e| atlas.element(*e).map(|e| e.key.clone()))
        .collect();
    // The picker first, then the Unlink buttons: a new link adds a button below the
    // picker, never where it was (trial8 #1: the next click on the picker's spot hit
    // "Unlink" and silently undid the link just made).
    let rows: Vec<Item> = element_list(&a.session.doc)
        .iter()
        .filter(|r| !keys.contains(&r.id))
        .map(|r| Item::named(&r.id, &r.name, format!("{} ({})", r.name, r.kind)))
        .collect();
    if let Some(id) = super::choose::combo_add(ui, "Link also to", "an element…", &rows) {
        let mut all = keys.clone();
        all.push(id);
        *edit = Some(Edit::SetLinkElements {
            id: link.key.clone(),
            elements: all,
        });
    }
    ui.label(RichText::new("Linked to").strong());
    ui.horizontal_wrapped(|ui| {
        for id in &link.elements {
            let name = atlas.name(*id);
            let key = atlas.element(*id).map(|e| e.key.as_str());
            let r = ui
                .add_enabled(keys.len() > 1, egui::Button::new(format!("Unlink {name}")))
                .on_disabled_hover_text("A passage needs at least one element");
            if r.clicked() {
                let mut rest = keys.clone();
                rest.retain(|k| Some(k.as_str()) != key);
                *edit = Some(Edit::SetLinkElements {
                    id: link.key.clone(),
                    elements: rest,
                });
            }
        }
    });
}

/// Who can claim or deny: countries, off-map actors, people and organisations (every
/// element if the atlas has none of those).
fn actors(a: &Author) -> Vec<ElementRow> {
    let all: Vec<ElementRow> = element_list(&a.session.doc)
        .into_iter()
        .filter(|r| !r.context)
        .collect();
    let some: Vec<ElementRow> = all
        .iter()
        .filter(|r| ["country", "offmap", "person", "organisation"].contains(&r.kind.as_str()))
        .cloned()
        .collect();
    let mut out = if some.is_empty() { all } else { some };
    out.sort_by_cached_key(|r| r.name.to_lowercase());
    out
}

/// The name of actor `id` (its id if it is not one).
fn name_of(actors: &[ElementRow], id: &str) -> String {
    actors
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone())
}

/// Who speaks: the actor to mark with, the whole passage's stance, then its parts'
/// voices, each to add or remove. The controls come first and keep their places; what
/// is marked, which grows and shrinks as they are used, comes after them, so that no
/// control moves under the pointer (trial13).
fn voices(ui: &mut egui::Ui, a: &mut Author, atlas: &Atlas, link: &Link, edit: &mut Option<Edit>) {
    ui.label(RichText::new("Who speaks").strong());
    let Some((whole, parts)) = link_voices(&a.session.doc, &link.key) else {
        ui.label("This passage no longer resolves in the text; see Problems.");
        return;
    };
    let actors = actors(a);
    let chosen = actor_choice(ui, a, link, &actors);
    let actor = chosen.as_deref().map(|c| (c, name_of(&actors, c)));
    if let Some(e) = whole_stance(ui, link, &whole, actor.clone()) {
        *edit = Some(e);
    }
    ui.add_space(4.0);
    part_buttons(ui, a, atlas, link, actor, &parts, edit);
    ui.add_space(4.0);
    if let Some(e) = whole_removals(ui, link, &whole, &actors) {
        *edit = Some(e);
    }
    crate::ui::attribution::voices(ui, atlas, link);
    for (i, v) in parts.iter().enumerate() {
        let words = short(atlas.article.slice(&v.range));
        if ui.button(format!("Remove voice ‘{words}’")).clicked() {
            let rest: Vec<VoiceEdit> = parts
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p.clone())
                .collect();
            *edit = Some(Edit::SetVoices {
                link: link.key.clone(),
                voices: rest,
            });
        }
    }
}

/// The actor the next claim or denial names, chosen anew on each passage: a choice kept
/// from the last passage put one speaker's name on the next one's buttons (trial7 #10),
/// and an actor the passage merely names is no speaker ("the Iraqi border", trial8 #6).
fn actor_choice(
    ui: &mut egui::Ui,
    a: &mut Author,
    link: &Link,
    actors: &[ElementRow],
) -> Option<String> {
    if a.passage.for_link.as_deref() != Some(link.key.as_str()) {
        a.passage.for_link = Some(link.key.clone());
        a.passage.actor = None;
    }
    let chosen = a
        .passage
        .actor
        .clone()
        .filter(|id| actors.iter().any(|r| &r.id == id));
    let items: Vec<Item> = actors
        .iter()
        .map(|r| Item::named(&r.id, &r.name, format!("{} ({})", r.name, r.kind)))
        .collect();
    ui.horizontal_wrapped(|ui| {
        let none = Some("choose who speaks…");
        if let Some(id) = super::choose::combo(ui, "Actor", chosen.as_deref(), &items, none) {
            a.passage.actor = id;
        }
    });
    chosen
}

/// The whole passage: claimed or denied by the chosen actor (shown, disabled, before an
/// actor is chosen, so that choosing one moves nothing), and whether it is the author's
/// assessment.
fn whole_stance(
    ui: &mut egui::Ui,
    link: &Link,
    whole: &Stance,
    actor: Option<(&str, String)>,
) -> Option<Edit> {
    let mut out = None;
    let mut set = |s: Stance| {
        out = Some(Edit::SetStance {
            link: link.key.clone(),
            stance: s,
        });
    };
    ui.horizontal_wrapped(|ui| {
        let (id, n) = match &actor {
            Some((id, n)) => (Some(*id), n.as_str()),
            None => (None, "…"),
        };
        // A claim and a denial by one actor replace each other.
        for claim in [true, false] {
            let (mine, verb) = if claim {
                (&whole.claimed_by, "claimed")
            } else {
                (&whole.denied_by, "denied")
            };
            let done = id.is_none_or(|a| mine.iter().any(|x| x == a));
            let b = egui::Button::new(format!("Whole passage {verb} by {n}"));
            if let (true, Some(a)) = (ui.add_enabled(!done, b).clicked(), id) {
                let mut s = whole.clone();
                let (to, from) = if claim {
                    (&mut s.claimed_by, &mut s.denied_by)
                } else {
                    (&mut s.denied_by, &mut s.claimed_by)
                };
                to.push(a.to_owned());
                from.retain(|x| x != a);
                set(s);
            }
        }
    });
    let mut author = whole.author;
    let label = "The whole passage is the author’s assessment";
    if ui.checkbox(&mut author, label).changed() {
        set(Stance {
            author,
            ..whole.clone()
        });
    }
    out
}

/// The whole passage's claims and denials, each with a button to remove it.
fn whole_removals(
    ui: &mut egui::Ui,
    link: &Link,
    whole: &Stance,
    actors: &[ElementRow],
) -> Option<Edit> {
    let mut out = None;
    let mut set = |s: Stance| {
        out = Some(Edit::SetStance {
            link: link.key.clone(),
            stance: s,
        });
    };
    if !whole.claimed_by.is_empty() || !whole.denied_by.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for (list, verb) in [(&whole.claimed_by, "claim"), (&whole.denied_by, "denial")] {
                for id in list {
                    let text = format!("Remove {verb} by {}", name_of(actors, id));
                    if ui.button(text).clicked() {
                        let mut s = whole.clone();
                        s.claimed_by.retain(|x| !(verb == "claim" && x == id));
                        s.denied_by.retain(|x| !(verb == "denial" && x == id));
                        set(s);
                    }
                }
            }
        });
    }
    out
}

/// "Mark part as claim of …", "… denial of …", "… the author's assessment", for words
/// selected inside the passage.
fn part_buttons(
    ui: &mut egui::Ui,
    a: &Author,
    atlas: &Atlas,
    link: &Link,
    actor: Option<(&str, String)>,
    parts: &[VoiceEdit],
    edit: &mut Option<Edit>,
) {
    let inside = a
        .text_selection
        .as_ref()
        .map(|s| whole_words(&atlas.article.text, s, &link.range))
        .filter(|s| link.range.start <= s.start && s.end <= link.range.end && *s != link.range);
    let Some(sel) = inside else {
        ui.label(RichText::new("Select words inside the passage to mark a part of it.").weak());
        return;
    };
    let with = |stance: Stance| {
        let mut v: Vec<VoiceEdit> = parts
            .iter()
            .filter(|p| !overlaps(&p.range, &sel))
            .cloned()
            .collect();
        v.push(VoiceEdit {
            range: sel.clone(),
            stance,
        });
        v.sort_by_key(|p| p.range.start);
        Edit::SetVoices {
            link: link.key.clone(),
            voices: v,
        }
    };
    ui.horizontal_wrapped(|ui| {
        if let Some((actor, n)) = &actor {
            if ui.button(format!("Mark part as claim of {n}")).clicked() {
                *edit = Some(with(Stance {
                    claimed_by: vec![(*actor).to_owned()],
                    ..Stance::default()
                }));
            }
            if ui.button(format!("Mark part as denial of {n}")).clicked() {
                *edit = Some(with(Stance {
                    denied_by: vec![(*actor).to_owned()],
                    ..Stance::default()
                }));
            }
        }
        if ui.button("Mark part as the author’s assessment").clicked() {
            *edit = Some(with(Stance {
                author: true,
                ..Stance::default()
            }));
        }
    });
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The first six words, with "…" if there are more.
fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(6).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 6 {
        out.push_str(" …");
    }
    out
}
