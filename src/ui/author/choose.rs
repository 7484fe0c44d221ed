//! The forms' lists of elements, one way everywhere (trial #7: lists offered what made
//! no sense, in file order, or cut off): only what fits the field, sorted by name, and a
//! box to type a few letters of a name when the list is long. [`combo`] is a drop-down
//! (one element for a field); [`add_list`] is inline, for adding to a set (a route's
//! countries, a merge's target), the likely ones first.

use egui::RichText;

/// One element a list offers: its id, the text shown for it, and the name it is found
/// and sorted by (the text unless told).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub name: String,
}

impl Item {
    pub fn new(id: &str, text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            id: id.to_owned(),
            name: text.clone(),
            text,
        }
    }

    /// An item found and sorted by `name`, shown as `text`.
    pub fn named(id: &str, name: &str, text: String) -> Self {
        Self {
            id: id.to_owned(),
            text,
            name: name.to_owned(),
        }
    }
}

/// A box `lines` lines of body text high, whatever `add` puts in it: a message that
/// comes and goes there moves nothing below it (trial10 #5).
pub fn fixed_lines(ui: &mut egui::Ui, lines: usize, add: impl FnOnce(&mut egui::Ui)) {
    let row = ui.text_style_height(&egui::TextStyle::Body);
    let n = lines as f32;
    let height = row * n + ui.spacing().item_spacing.y * (n - 1.0);
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    // A child that does not move the parent's cursor (a scope would, back up to the
    // end of what it holds).
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    add(&mut child);
}

/// A list in a box `height` points high however long it is, with a solid scroll bar
/// drawn whenever it is longer than that (egui's floating bar is invisible until the
/// pointer is over it: trial10 #5 could not tell that two elements were below).
/// Returns whether it is longer than its box.
pub fn list_area(
    ui: &mut egui::Ui,
    salt: &str,
    height: f32,
    add: impl FnOnce(&mut egui::Ui),
) -> bool {
    ui.scope(|ui| {
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        let out = egui::ScrollArea::vertical()
            .id_salt(salt)
            .auto_shrink([false, false])
            .min_scrolled_height(height)
            .max_height(height)
            .show(ui, |ui| crate::ui::style::focus::scrolled(ui, add));
        out.content_size.y > out.inner_rect.height() + 1.0
    })
    .inner
}

/// More items than this get a filter box.
pub const FILTER_FROM: usize = 10;

/// The items whose name holds `needle` (case-insensitive), sorted by name.
pub fn matching<'i>(items: &'i [Item], needle: &str) -> Vec<&'i Item> {
    let needle = needle.trim().to_lowercase();
    let mut out: Vec<&Item> = items
        .iter()
        .filter(|i| i.name.to_lowercase().contains(&needle))
        .collect();
    out.sort_by_cached_key(|i| (i.name.to_lowercase(), i.text.clone()));
    out
}

/// A drop-down choosing one of `items` (sorted by name; a filter box first, focused,
/// when there are more than [`FILTER_FROM`]; Enter in it takes the first match), or
/// "none" when `none` is given. `label` names it (as `ComboBox::from_label`). Returns
/// the new choice when one is made: `Some(None)` for "none".
pub fn combo(
    ui: &mut egui::Ui,
    label: &str,
    current: Option<&str>,
    items: &[Item],
    none: Option<&str>,
) -> Option<Option<String>> {
    let shown = current
        .and_then(|c| items.iter().find(|i| i.id == c))
        .map_or_else(|| none.unwrap_or("none").to_owned(), |i| i.text.clone());
    list(ui, label, shown, current, items, none)
}

/// A drop-down that adds one of `items` to something (it shows `placeholder`, "an
/// element…"); sorted and filterable as [`combo`]. Returns the id chosen.
pub fn combo_add(
    ui: &mut egui::Ui,
    label: &str,
    placeholder: &str,
    items: &[Item],
) -> Option<String> {
    list(ui, label, placeholder.to_owned(), None, items, None).flatten()
}

fn list(
    ui: &mut egui::Ui,
    label: &str,
    shown: String,
    current: Option<&str>,
    items: &[Item],
    none: Option<&str>,
) -> Option<Option<String>> {
    let filter_id = ui.make_persistent_id(("aras-choose-filter", label));
    let mut out = None;
    let inner = egui::ComboBox::from_label(label)
        .selected_text(shown)
        // A click in the filter box must not close the list.
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let mut filter: String = ui.data(|d| d.get_temp(filter_id)).unwrap_or_default();
            let mut enter = false;
            if items.len() > FILTER_FROM {
                let r = ui
                    .horizontal(|ui| {
                        let l = ui.label("Find");
                        ui.add(
                            egui::TextEdit::singleline(&mut filter)
                                .hint_text("Type to filter")
                                .desired_width(160.0),
                        )
                        .labelled_by(l.id)
                    })
                    .inner;
                if !ui.data(|d| {
                    d.get_temp::<bool>(filter_id.with("focused"))
                        .unwrap_or(false)
                }) {
                    r.request_focus();
                    ui.data_mut(|d| d.insert_temp(filter_id.with("focused"), true));
                }
                enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            }
            let found = matching(items, &filter);
            if let (true, Some(first)) = (enter, found.first()) {
                out = Some(Some(first.id.clone()));
            }
            // A list longer than its box shows its bar (trial10 #5).
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    if let Some(n) = none
                        && ui.selectable_label(current.is_none(), n).clicked()
                    {
                        out = Some(None);
                    }
                    for i in &found {
                        let on = current == Some(i.id.as_str());
                        if ui.selectable_label(on, i.text.as_str()).clicked() {
                            out = Some(Some(i.id.clone()));
                        }
                    }
                    if found.is_empty() {
                        ui.label(RichText::new("Nothing of that name").weak());
                    }
                });
            ui.data_mut(|d| d.insert_temp(filter_id, filter));
            if out.is_some() {
                ui.close();
            }
        });
    if inner.inner.is_none() {
        // Closed: the next opening starts with an empty, focused filter.
        ui.data_mut(|d| {
            d.remove::<String>(filter_id);
            d.remove::<bool>(filter_id.with("focused"));
        });
    }
    out
}

/// Inline (reachable with Tab, never over the map): as buttons "{verb} {name}", the
/// `likely` items (in their order), then a filter box named `label` and, once something
/// is typed, every item (likely or not) whose name holds it, sorted by name: at most
/// `shown`, and how many more there are. With nothing typed, the other items are listed
/// (sorted) only if `browse` or if they are few: a route's far countries are found by
/// name, not offered. Enter in the box takes the first. Returns the id chosen.
pub fn add_list(
    ui: &mut egui::Ui,
    (label, verb): (&str, &str),
    filter: &mut String,
    (likely, others): (&[Item], &[Item]),
    shown: usize,
    browse: bool,
) -> Option<String> {
    let mut add = None;
    let typed = !filter.trim().is_empty();
    // (Drawn, empty, while typing too, so the box keeps its id and its focus.)
    ui.horizontal_wrapped(|ui| {
        for i in likely.iter().filter(|_| !typed) {
            if ui.button(format!("{verb} {}", i.text)).clicked() {
                add = Some(i.id.clone());
            }
        }
    });
    let l = ui.label(label);
    let r = ui
        .add(
            egui::TextEdit::singleline(filter)
                .id_salt(("aras-add-list", label))
                .hint_text("Type to find")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    let all: Vec<Item> = likely.iter().chain(others).cloned().collect();
    let found = if typed {
        matching(&all, filter)
    } else if browse || others.len() <= shown {
        matching(others, "")
    } else {
        Vec::new()
    };
    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && typed {
        add = found.first().map(|i| i.id.clone());
    }
    ui.horizontal_wrapped(|ui| {
        for i in found.iter().take(shown) {
            if ui.button(format!("{verb} {}", i.text)).clicked() {
                add = Some(i.id.clone());
            }
        }
    });
    let more = found.len().saturating_sub(shown);
    if typed && found.is_empty() {
        ui.label(RichText::new(format!("None holds “{}”.", filter.trim())).weak());
    } else if more > 0 {
        ui.label(RichText::new(format!("{more} more: type to narrow the list.")).weak());
    } else if !typed && found.is_empty() && !others.is_empty() {
        let n = others.len();
        ui.label(RichText::new(format!("{n} others: type to find them.")).weak());
    }
    if add.is_some() {
        filter.clear();
    }
    add
}
