//! The review list of a draft: every element the atlas proposes (context geography
//! aside) with how often the text mentions it, to accept (a check mark, kept in the
//! file as `reviewed`), rename or change kind in place, reject, merge into another
//! ("Bakı" into "Baku"), or re-resolve to another place of the gazetteer with its name.

use egui::RichText;
use serde_json::Value;

use super::choose::Item;
use super::{Author, AuthorTab};
use crate::gazetteer::{GazId, Gazetteer};
use crate::model::Kind;
use crate::model::edit::pick::{Twin, twin_of};
use crate::model::edit::pick::{alternatives, country_of_place, kind_of, resolve_edit};
use crate::model::edit::{AtlasDoc, Attr, Edit, ElementRow, element_list, element_value};
use crate::ui::{Command, Origin, ViewCtx};

/// The panel's own state.
#[derive(Default)]
pub struct Review {
    /// The element whose "Merge into…" is open.
    merging: Option<String>,
    /// The element being renamed, and the name as typed.
    renaming: Option<(String, String)>,
    /// The element whose other gazetteer places are shown, with them (looked up once).
    resolving: Option<(String, Vec<GazId>)>,
    /// Accepted elements are not listed.
    hide_accepted: bool,
    /// "Merge into…"'s filter as typed.
    merge_filter: String,
    /// Elements rejected here, kept in the list as a line where they were (the id of the
    /// row that followed, the id, the name), so the rows below do not move up under the
    /// pointer (trial7 #13: after "Reject England" the pointer was on "Reject Mexico").
    rejected: Vec<(Option<String>, String, String, f32)>,
}

/// Elements to review: every element that is not context geography.
fn rows(doc: &AtlasDoc) -> Vec<ElementRow> {
    element_list(doc)
        .into_iter()
        .filter(|r| !r.context && r.kind != "relation")
        .collect()
}

/// How many elements the list holds.
pub fn count(doc: &AtlasDoc) -> usize {
    rows(doc).len()
}

fn accepted(doc: &AtlasDoc, id: &str) -> bool {
    element_value(doc, id)
        .and_then(|p| p.get("reviewed"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

pub fn ui(ui: &mut egui::Ui, a: &mut Author, view: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let rows = rows(&a.session.doc);
    let done = rows
        .iter()
        .filter(|r| accepted(&a.session.doc, &r.id))
        .count();
    ui.label(
        "Every element, with its mentions in the text: accept, rename or change its kind, \
         reject it, merge it into another, or pick another place the gazetteer has by its name.",
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{done} of {} accepted", rows.len())).strong());
        ui.checkbox(&mut a.review.hide_accepted, "Hide accepted");
    });
    // Kept while the author goes on rejecting; once a row's tools open (merge, rename,
    // other places) the list closes up. One brought back by Undo is itself again.
    let r = &a.review;
    if r.merging.is_some() || r.renaming.is_some() || r.resolving.is_some() {
        a.review.rejected.clear();
    }
    let doc = &a.session.doc;
    a.review
        .rejected
        .retain(|(_, id, ..)| !crate::model::edit::element_exists(doc, id));
    let mut edit = None;
    egui::ScrollArea::vertical()
        .id_salt("author-review")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::style::focus::scrolled(ui, |ui| {
                for (i, row) in rows.iter().enumerate() {
                    rejected_ui(ui, a, Some(row.id.as_str()));
                    let ok = accepted(&a.session.doc, &row.id);
                    if ok && a.review.hide_accepted {
                        continue;
                    }
                    let top = ui.cursor().top();
                    if let Some(e) = row_ui(ui, a, view, row, ok, &rows, commands) {
                        if let Edit::RemoveElement { id } = &e {
                            let next = rows.get(i + 1).map(|r| r.id.clone());
                            let height = ui.cursor().top() - top - ui.spacing().item_spacing.y;
                            a.review
                                .rejected
                                .push((next, id.clone(), row.name.clone(), height));
                        }
                        edit = Some(e);
                    }
                    ui.separator();
                }
                rejected_ui(ui, a, None);
            })
        });
    if let Some(e) = edit {
        if !matches!(e, Edit::RemoveElement { .. }) {
            a.review.rejected.clear();
        }
        a.review.merging = None;
        a.review.renaming = None;
        a.review.resolving = None;
        a.apply(e);
    }
}

/// The lines of elements rejected just before the row `next` (`None`: at the end, with
/// those whose next row has gone).
fn rejected_ui(ui: &mut egui::Ui, a: &mut Author, next: Option<&str>) {
    let doc = &a.session.doc;
    let here: Vec<(String, f32)> = a
        .review
        .rejected
        .iter()
        .filter(|(n, ..)| match (n.as_deref(), next) {
            (Some(n), Some(next)) => n == next,
            (n, None) => n.is_none_or(|n| !crate::model::edit::element_exists(doc, n)),
            (None, Some(_)) => false,
        })
        .map(|(_, _, name, height)| (name.clone(), *height))
        .collect();
    for (name, height) in here {
        // The row's own height, so nothing below it moves.
        let width = ui.available_width();
        ui.allocate_ui(egui::vec2(width, height), |ui| {
            ui.set_min_size(egui::vec2(width, height));
            ui.label(
                RichText::new(format!("{name}: rejected"))
                    .strikethrough()
                    .weak(),
            );
            ui.label(RichText::new("Undo brings it back (the strip below, or Ctrl+Z).").weak());
        });
        ui.separator();
    }
}

/// One element: its name, kind and mentions, then its actions.
fn row_ui(
    ui: &mut egui::Ui,
    a: &mut Author,
    view: &ViewCtx<'_>,
    row: &ElementRow,
    ok: bool,
    rows: &[ElementRow],
    commands: &mut Vec<Command>,
) -> Option<Edit> {
    let id = view.atlas.by_key(&row.id);
    let mentions = id.map_or(0, |id| view.atlas.mention_count(id));
    let header = ui.horizontal_wrapped(|ui| {
        // The mark's place is kept when it is not drawn, so accepting a row does not
        // push its Kind box onto a new line (trial8 #7).
        check_mark(ui, ok);
        ui.label(RichText::new(row.name.as_str()).strong());
        if let Some(w) = whereabouts(&a.session.doc, row) {
            ui.label(RichText::new(format!("in {w}")).weak());
        }
        ui.label(format!("{mentions} mention(s)"));
        kind_choice(ui, row)
    });
    let mut edit = header.inner;
    ui.horizontal_wrapped(|ui| {
        let select = ui.add_enabled(id.is_some(), egui::Button::new("Select"));
        if let (true, Some(id)) = (select.clicked(), id) {
            commands.push(Command::Focus(id, Origin::Chip));
            a.tab = AuthorTab::Element;
        }
        let accept = if ok { "Unaccept" } else { "Accept" };
        // As wide as "Unaccept …" either way (never wider than a row), so the buttons
        // after it stay put.
        let width = button_width(ui, &format!("Unaccept {}", row.name)).min(ui.max_rect().width());
        let button = ui.add(
            egui::Button::new(format!("{accept} {}", row.name)).min_size(egui::vec2(width, 0.0)),
        );
        if button.clicked() {
            edit = Some(Edit::SetAttr {
                id: row.id.clone(),
                attr: Attr::Reviewed(!ok),
            });
        }
        if ui.button(format!("Reject {}", row.name)).clicked() {
            edit = Some(Edit::RemoveElement { id: row.id.clone() });
        }
        let was = a.review.resolving.is_some();
        toggles(ui, a, row);
        let opened = a
            .review
            .resolving
            .as_ref()
            .is_some_and(|(r, _)| *r == row.id);
        if opened && !was {
            // Its own outline is marked beside the numbered other places.
            commands.push(Command::Select(id));
        }
    });
    if let Some(e) = rename_ui(ui, a, row) {
        edit = Some(e);
    }
    if a.review.merging.as_deref() == Some(row.id.as_str())
        && let Some(keep) = merge_ui(ui, a, (rows, view.atlas), row)
    {
        edit = Some(Edit::Merge {
            keep,
            absorb: row.id.clone(),
        });
    }
    if let Some(e) = resolve_ui(ui, a, view.atlas, row) {
        edit = Some(e);
    }
    edit
}

/// Why a merge target is offered first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Likely {
    /// The country or region the place lies in: a city that stands for its government
    /// ("Moscow's protection") is merged into its country (trial8 #5).
    Holds,
    Twin(Twin),
}

/// "Merge into…" open below a row: the likely targets (the country or region a place lies
/// in, the same gazetteer place, the same name) as buttons, then the other elements of a
/// kind it can be, found by typing (sorted by name; trial #7: a place was offered people
/// and routes). The id to keep.
fn merge_ui(
    ui: &mut egui::Ui,
    a: &mut Author,
    (rows, atlas): (&[ElementRow], &crate::model::Atlas),
    row: &ElementRow,
) -> Option<String> {
    let holders = if row.kind == "place" {
        crate::model::edit::areas_holding(atlas, &row.id)
    } else {
        Vec::new()
    };
    let (likely, others) = merge_targets(rows, row, &holders);
    let text = |k: &ElementRow, why: Option<Likely>| {
        // Ids tell apart elements whose names tie (trial #15).
        match why {
            Some(Likely::Holds) => {
                format!("{} into {} (the {} it is in)", row.name, k.name, k.kind)
            }
            Some(Likely::Twin(Twin::SamePlace)) => {
                format!("{} into {} (the same gazetteer place)", row.name, k.name)
            }
            _ if k.name == row.name => {
                format!("{} ({}) into {} ({})", row.name, row.id, k.name, k.id)
            }
            _ => format!("{} into {}", row.name, k.name),
        }
    };
    let likely: Vec<Item> = likely
        .iter()
        .map(|(k, t)| Item::named(&k.id, &k.name, text(k, Some(*t))))
        .collect();
    let others: Vec<Item> = others
        .iter()
        .map(|k| Item::named(&k.id, &k.name, text(k, None)))
        .collect();
    if likely.is_empty() && others.is_empty() {
        ui.label(
            RichText::new(format!(
                "No other {} to merge {} into.",
                kind_word(&row.kind),
                row.name
            ))
            .weak(),
        );
        return None;
    }
    let filter = &mut a.review.merge_filter;
    let label = format!(
        "Find another {} to merge {} into",
        kind_word(&row.kind),
        row.name
    );
    if !holders.is_empty() {
        ui.label(
            RichText::new(format!(
                "Where {0} stands for its government, merge it into its country: its \
                 mentions and passages become the country's, and “{0}” its alias.",
                row.name
            ))
            .weak(),
        );
    }
    let mut keep = None;
    ui.indent("merge", |ui| {
        let lists = (likely.as_slice(), others.as_slice());
        keep = super::choose::add_list(ui, (&label, "Merge"), filter, lists, 12, true);
    });
    keep
}

/// The kinds an element of kind `kind` (a key) can be merged into: the same thing under
/// another name, so a place into a place or a region (a city's name for its province),
/// a person into a person, an organisation into an organisation or an off-map actor.
fn mergeable(kind: &str, into: &str) -> bool {
    fn group(k: &str) -> &str {
        match k {
            "place" | "region" => "place",
            "organisation" | "offmap" => "actor",
            other => other,
        }
    }
    kind != "relation" && group(kind) == group(into)
}

/// What the merge list calls the elements it offers.
fn kind_word(kind: &str) -> &'static str {
    match kind {
        "place" | "region" => "place or region",
        "person" => "person",
        "organisation" | "offmap" => "organisation or actor",
        "country" => "country",
        "corridor" => "route",
        "water" => "water",
        _ => "element",
    }
}

/// The elements `row` can be merged into: the likely ones (the countries and regions
/// it lies in, `holders`, then the same gazetteer place, then the same name), then the
/// rest of a mergeable kind, sorted by name.
fn merge_targets<'r>(
    rows: &'r [ElementRow],
    row: &ElementRow,
    holders: &[String],
) -> (Vec<(&'r ElementRow, Likely)>, Vec<&'r ElementRow>) {
    let mut likely = Vec::new();
    let mut others = Vec::new();
    for k in rows
        .iter()
        .filter(|k| k.id != row.id && k.kind != "relation")
    {
        let twin = twin_of(std::slice::from_ref(k), &row.name, row.gazetteer.as_deref());
        let kind_fits = mergeable(&row.kind, &k.kind);
        match twin.map(|(_, t)| t) {
            _ if holders.contains(&k.id) => likely.push((k, Likely::Holds)),
            // The same gazetteer place is the same thing, whatever its kind says.
            Some(t @ Twin::SamePlace) => likely.push((k, Likely::Twin(t))),
            Some(t) if kind_fits => likely.push((k, Likely::Twin(t))),
            _ if kind_fits => others.push(k),
            _ => {}
        }
    }
    likely.sort_by_key(|(k, t)| match t {
        Likely::Holds => holders.iter().position(|h| *h == k.id).unwrap_or(0),
        Likely::Twin(Twin::SamePlace) => holders.len(),
        Likely::Twin(Twin::SameName) => holders.len() + 1,
    });
    others.sort_by_cached_key(|k| k.name.to_lowercase());
    (likely, others)
}

/// Where a place or region is: the country of the gazetteer place it was made from, or
/// else the atlas's country it names (trial #3).
fn whereabouts(doc: &AtlasDoc, row: &ElementRow) -> Option<String> {
    if !matches!(row.kind.as_str(), "place" | "region" | "water" | "corridor") {
        return None;
    }
    let gaz = Gazetteer::embedded().ok();
    if let (Some(g), Some(id)) = (gaz, &row.gazetteer)
        && let Some(c) = country_of_place(g, id)
    {
        return Some(c);
    }
    let country = element_value(doc, &row.id)?.get("country")?.as_str()?;
    Some(crate::model::edit::element_name(doc, country))
}

/// The kind, changed in place (in the row's wrapped header).
fn kind_choice(ui: &mut egui::Ui, row: &ElementRow) -> Option<Edit> {
    let kind = Kind::ALL.into_iter().find(|k| k.key() == row.kind)?;
    let mut edit = None;
    // Straight in the wrapped header, not in a nested row: a nested row does not wrap,
    // and widened the whole list past a narrow panel.
    let label = ui.label("Kind");
    egui::ComboBox::from_id_salt(("review-kind", row.id.as_str()))
        .selected_text(kind.label())
        .show_ui(ui, |ui| {
            for k in Kind::ALL.into_iter().filter(|k| *k != Kind::Relation) {
                if ui.selectable_label(k == kind, k.label()).clicked() && k != kind {
                    edit = Some(Edit::SetAttr {
                        id: row.id.clone(),
                        attr: Attr::Kind(k),
                    });
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(format!("Kind of {}", row.name));
    edit
}

/// "Rename…", "Merge into…" and "Other places…" (for places): each opens below the row.
fn toggles(ui: &mut egui::Ui, a: &mut Author, row: &ElementRow) {
    let id = row.id.as_str();
    let open = a.review.renaming.as_ref().is_some_and(|(r, _)| r == id);
    if ui.selectable_label(open, "Rename…").clicked() {
        a.review.renaming = (!open).then(|| (row.id.clone(), row.name.clone()));
    }
    let open = a.review.merging.as_deref() == Some(id);
    if ui.selectable_label(open, "Merge into…").clicked() {
        a.review.merging = (!open).then(|| row.id.clone());
        a.review.merge_filter.clear();
    }
    // Actors are not places of the gazetteer (trial9 #13: offered for a person), nor is
    // a route drawn by hand.
    if ["person", "organisation", "offmap", "corridor", "relation"].contains(&row.kind.as_str()) {
        return;
    }
    let open = a.review.resolving.as_ref().is_some_and(|(r, _)| r == id);
    if ui.selectable_label(open, "Other places…").clicked() {
        a.review.resolving = (!open).then(|| (row.id.clone(), other_places(&a.session.doc, row)));
    }
}

/// The name typed in place; Enter (or leaving the field) renames.
fn rename_ui(ui: &mut egui::Ui, a: &mut Author, row: &ElementRow) -> Option<Edit> {
    let (id, text) = a.review.renaming.as_mut().filter(|(r, _)| *r == row.id)?;
    let mut edit = None;
    // The label on its own (wrapping) line and the field as wide as the panel leaves
    // beside the button: a fixed-width row ran past a narrow panel's right edge and cut
    // this row and the next (trial s7 #11).
    let label = ui.label(format!("New name of {}", row.name));
    ui.horizontal(|ui| {
        let button_width = egui::WidgetText::from("Rename")
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            )
            .size()
            .x
            + 2.0 * ui.spacing().button_padding.x
            + ui.spacing().item_spacing.x;
        // The field's frame adds its margin on both sides of the desired width.
        let margin = 2.0 * ui.spacing().button_padding.x;
        let width = (ui.available_width() - button_width - margin).max(40.0);
        let r = ui
            .add(egui::TextEdit::singleline(text).desired_width(width))
            .labelled_by(label.id);
        let button = ui.button("Rename").clicked();
        let new = text.trim();
        if (r.lost_focus() || button) && new != row.name && !new.is_empty() {
            edit = Some(Edit::RenameElement {
                id: id.clone(),
                name: new.to_owned(),
            });
        }
    });
    edit
}

/// The gazetteer's places for the element's name and aliases, other than its own.
fn other_places(doc: &AtlasDoc, row: &ElementRow) -> Vec<GazId> {
    let Ok(gaz) = Gazetteer::embedded() else {
        return Vec::new();
    };
    let current = element_value(doc, &row.id)
        .and_then(|p| p.get("gazetteer"))
        .and_then(Value::as_str);
    let names: Vec<&str> = std::iter::once(row.name.as_str())
        .chain(row.aliases.iter().map(String::as_str))
        .collect();
    alternatives(gaz, &names, current, 8)
        .into_iter()
        .map(|p| p.id.clone())
        .collect()
}

/// The other places, each with where it is; choosing one re-resolves the element.
fn resolve_ui(
    ui: &mut egui::Ui,
    a: &Author,
    atlas: &crate::model::Atlas,
    row: &ElementRow,
) -> Option<Edit> {
    let (_, ids) = a.review.resolving.as_ref().filter(|(r, _)| *r == row.id)?;
    let gaz = Gazetteer::embedded().ok()?;
    let kind = Kind::ALL.into_iter().find(|k| k.key() == row.kind)?;
    let mut edit = None;
    ui.indent("resolve", |ui| {
        if ids.is_empty() {
            ui.label(format!(
                "The gazetteer has no other place called {}.",
                row.name
            ));
        }
        if !ids.is_empty() {
            ui.label("Numbered as on the map:");
        }
        for (n, p) in ids.iter().filter_map(|i| gaz.get(i)).enumerate() {
            let country = p.country.as_deref().unwrap_or("no country");
            let text = format!("Use {} ({}, {country})", p.name, kind_of(p).label());
            let place = format!(
                "{:.2}°{}, {:.2}°{} · {}",
                p.lat.abs(),
                if p.lat >= 0.0 { "N" } else { "S" },
                p.lon.abs(),
                if p.lon >= 0.0 { "E" } else { "W" },
                p.id.0,
            );
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{}.", n + 1)).strong());
                if ui.button(text).on_hover_text(p.source).clicked() {
                    edit = resolve_edit(gaz, Some(atlas), &row.id, kind, p);
                }
            });
            ui.label(RichText::new(place).weak());
        }
    });
    edit
}

/// The width of a button reading `text`.
fn button_width(ui: &egui::Ui, text: &str) -> f32 {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Button,
    );
    galley.size().x + 2.0 * ui.spacing().button_padding.x
}

/// A drawn check mark (the fonts have no ✔), named "Accepted" to assistive technology;
/// its place is taken (blank) when not `on`.
fn check_mark(ui: &mut egui::Ui, on: bool) {
    let size = egui::vec2(14.0, 14.0);
    let (rect, r) = ui.allocate_exact_size(size, egui::Sense::hover());
    if !on {
        return;
    }
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, "Accepted"));
    let c = ui.visuals().strong_text_color();
    let p = |x: f32, y: f32| rect.min + egui::vec2(x, y);
    ui.painter().add(egui::Shape::line(
        vec![p(2.0, 7.5), p(5.5, 11.0), p(12.0, 3.0)],
        egui::Stroke::new(2.0, c),
    ));
    r.on_hover_text("Accepted");
}

/// The places "Other places…" lists, numbered as in the list, drawn over the map: a
/// ringed number at each place's point (outlines are drawn once one is chosen); a place
/// outside the view gets its number at the map's edge with an arrow towards it, as the
/// map marks far places, so no candidate is missing from the map.
pub fn overlay(
    ctx: &egui::Context,
    review: &Review,
    rect: egui::Rect,
    at: impl Fn(f64, f64) -> Option<egui::Pos2>,
) {
    let Some((_, ids)) = &review.resolving else {
        return;
    };
    let Ok(gaz) = Gazetteer::embedded() else {
        return;
    };
    let layer = egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("review-places"));
    let painter = ctx.layer_painter(layer).with_clip_rect(rect);
    let v = ctx.global_style().visuals.clone();
    let (fill, ink) = (v.selection.bg_fill, v.strong_text_color());
    let mut at_edge: Vec<egui::Pos2> = Vec::new();
    // The map's zoom buttons (top left) and its inset (bottom left) stay readable.
    let controls = egui::Rect::from_min_size(rect.min, egui::vec2(70.0, 110.0));
    let inset = egui::Rect::from_min_max(
        egui::pos2(rect.left(), rect.bottom() - 100.0),
        egui::pos2(rect.left() + 125.0, rect.bottom()),
    );
    for (n, p) in ids.iter().filter_map(|i| gaz.get(i)).enumerate() {
        let Some(pos) = at(p.lon, p.lat) else {
            continue;
        };
        let pos = if rect.contains(pos) {
            pos
        } else {
            let (edge, dir) = crate::ui::map::edge_point(rect.shrink(EDGE_INSET), pos);
            let spot = free_spot(edge, &at_edge, (rect, &[controls, inset]));
            at_edge.push(spot);
            painter.add(crate::ui::map::pointer(spot + dir * 15.0, dir, ink));
            spot
        };
        painter.circle(pos, 10.0, fill, egui::Stroke::new(2.0, ink));
        painter.text(
            pos,
            egui::Align2::CENTER_CENTER,
            format!("{}", n + 1),
            egui::FontId::proportional(12.0),
            ink,
        );
    }
}

/// How far inside the map's edge an edge marker's centre sits (its ring and arrow fit).
const EDGE_INSET: f32 = 22.0;

/// `spot`, or the nearest point along the map's edge clear of markers already
/// placed there and of the map's own controls (`blocked`), inside the map, so two
/// candidates in the same direction do not hide each other or a button.
fn free_spot(
    spot: egui::Pos2,
    placed: &[egui::Pos2],
    (map, blocked): (egui::Rect, &[egui::Rect]),
) -> egui::Pos2 {
    // Along the side of the map the spot is on (not across `dir`: near a corner that
    // would leave the map at once).
    let inner = map.shrink(EDGE_INSET);
    let on_side = (spot.x - inner.left()).abs() < 1.0 || (spot.x - inner.right()).abs() < 1.0;
    let along = if on_side {
        egui::vec2(0.0, 1.0)
    } else {
        egui::vec2(1.0, 0.0)
    };
    (0..40)
        .map(|i| {
            let step = ((i + 1) / 2) as f32 * 24.0;
            if i % 2 == 0 {
                spot + along * step
            } else {
                spot - along * step
            }
        })
        .find(|c| {
            map.shrink(12.0).contains(*c)
                && placed.iter().all(|p| p.distance(*c) >= 22.0)
                && blocked.iter().all(|b| !b.expand(14.0).contains(*c))
        })
        .unwrap_or(spot)
}
