//! Drawing the reader's laid-out text each frame: the parts as selectable labels, where
//! the mentions and the current passage landed, and what the pointer hovers, clicks or
//! drags over.

use std::ops::Range;

use egui::text::CCursor;
use egui::{Align, Rect, RichText, Sense, Stroke};

use super::super::{Command, Origin, ViewCtx};
use super::layout::{LayoutCache, PartLayout};
use crate::model::{Atlas, ElementId, Part, PartKind};

/// Where to look in the text this frame (byte ranges of the article).
pub(super) struct Targets {
    /// A range to scroll into view.
    pub scroll_to: Option<Range<usize>>,
    /// The passage the side panel shows.
    pub current: Option<Range<usize>>,
}

/// What drawing the text found this frame.
#[derive(Default)]
pub(super) struct TextOutput {
    /// Screen rectangle of the current passage's start.
    pub passage_rect: Option<Rect>,
    /// Screen rectangles of the mentions (the first row of each).
    pub mention_rects: Vec<(Rect, ElementId)>,
    /// The element whose mention is under the pointer.
    pub hovered: Option<ElementId>,
    /// Article bytes being dragged over.
    pub dragged: Option<Range<usize>>,
}

/// How far (points) above and below the visible area parts are laid out before they show.
const AHEAD: f32 = 300.0;

/// Every part of the article, then the coverage report. A part is laid out when it is
/// near the visible area, above it (so that what is above keeps its measured height and
/// the text never jumps), or before the range to scroll to; the rest take their estimated
/// space, and their mentions that space's first row.
pub(super) fn text_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    cache: &mut LayoutCache,
    targets: &Targets,
    commands: &mut Vec<Command>,
) -> TextOutput {
    let atlas = ctx.atlas;
    let mut out = TextOutput::default();
    let visible = ui.clip_rect().expand2(egui::vec2(0.0, AHEAD));
    for i in 0..cache.slots.len() {
        let top = ui.cursor().top();
        // Each part in its own id scope, so that a part keeps its id (and keyboard focus)
        // when it turns from estimated space into text.
        let id = cache.slots.get(i).map_or(i, |s| s.part);
        ui.push_id(id, |ui| {
            slot_ui(ui, ctx, cache, i, visible, targets, &mut out, commands);
        });
        if let Some(slot) = cache.slots.get_mut(i)
            && slot.layout.is_some()
        {
            slot.height = ui.cursor().top() - top;
            slot.exact = true;
        }
    }
    ui.add_space(12.0);
    ui.separator();
    coverage_ui(ui, atlas);
    out
}

/// Slot `i`: laid out first if it is near the visible area (`visible`), above it and not
/// yet measured, before the range to scroll to, or focused from the keyboard.
#[allow(clippy::too_many_arguments)]
fn slot_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    cache: &mut LayoutCache,
    i: usize,
    visible: Rect,
    targets: &Targets,
    out: &mut TextOutput,
    commands: &mut Vec<Command>,
) {
    let atlas = ctx.atlas;
    let top = ui.cursor().top();
    let Some(slot) = cache.slots.get(i) else {
        return;
    };
    let Some(part) = atlas.article.parts.get(slot.part) else {
        return;
    };
    let id = ui.next_auto_id();
    let focused = ui.memory(|m| m.has_focus(id));
    let bottom = top + slot.height;
    let wanted = bottom >= visible.top() && top <= visible.bottom()
        || (!slot.exact && bottom < visible.top())
        || focused
        || targets
            .scroll_to
            .as_ref()
            .is_some_and(|r| part.range.start <= r.start);
    if wanted {
        cache.ensure(i, ui, ctx);
    }
    let Some(slot) = cache.slots.get(i) else {
        return;
    };
    match &slot.layout {
        Some(pl) => {
            let resp = part_ui(ui, pl, part, targets, out, commands);
            // A pull quote's label sits in a frame, under another id: focus follows it.
            if focused && resp.id != id {
                resp.request_focus();
            }
        }
        None => placeholder(ui, atlas, part, slot.height, out),
    }
}

/// A part not laid out: its estimated space, named to AccessKit with the part's text (so
/// that the whole article stays readable to a screen reader), its mentions at the
/// space's first row.
fn placeholder(ui: &mut egui::Ui, atlas: &Atlas, part: &Part, height: f32, out: &mut TextOutput) {
    let size = egui::vec2(
        ui.available_width(),
        (height - ui.spacing().item_spacing.y).max(0.0),
    );
    let (rect, resp) = ui.allocate_exact_size(size, Sense::focusable_noninteractive());
    if resp.gained_focus() {
        resp.scroll_to_me(None);
    }
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Label, true, atlas.article.slice(&part.range))
    });
    let row = Rect::from_min_size(rect.min, egui::vec2(rect.width(), rect.height().min(20.0)));
    let inside = |m: &&crate::model::mentions::Mention| {
        part.range.start <= m.range.start && m.range.end <= part.range.end
    };
    out.mention_rects.extend(
        atlas
            .mentions
            .iter()
            .filter(inside)
            .map(|m| (row, m.element)),
    );
}

/// One part: its label, then where its mentions and marks landed, and the pointer on it.
fn part_ui(
    ui: &mut egui::Ui,
    pl: &PartLayout,
    part: &Part,
    targets: &Targets,
    out: &mut TextOutput,
    commands: &mut Vec<Command>,
) -> egui::Response {
    match part.kind {
        PartKind::Heading => ui.add_space(10.0),
        PartKind::Pullquote => ui.add_space(6.0),
        _ => ui.add_space(4.0),
    }
    let resp = part_label(ui, pl, part.kind);
    let origin = resp.rect.min;
    if let Some(r) = drag_range(ui, &resp, pl, &part.range, origin) {
        out.dragged = Some(r);
    }
    out.mention_rects.extend(
        pl.mention_rects
            .iter()
            .map(|(r, id)| (r.translate(origin.to_vec2()), *id)),
    );
    let start_in_part = |r: &Option<Range<usize>>| {
        r.as_ref()
            .filter(|r| part.range.start <= r.start && r.start < part.range.end)
            .map(|r| {
                let c = pl.char_of(r.start - part.range.start);
                pl.galley
                    .pos_from_cursor(CCursor::new(c))
                    .translate(origin.to_vec2())
            })
    };
    if let Some(rect) = start_in_part(&targets.scroll_to) {
        ui.scroll_to_rect(rect.expand(30.0), Some(Align::Center));
    }
    if let Some(rect) = start_in_part(&targets.current) {
        out.passage_rect = Some(rect);
    }
    pointer_ui(ui, &resp, pl, part, out, commands);
    resp
}

/// The part's text as a selectable, clickable label; a pull quote indented behind a bar.
fn part_label(ui: &mut egui::Ui, pl: &PartLayout, kind: PartKind) -> egui::Response {
    let label = || {
        egui::Label::new(pl.galley.clone())
            .selectable(true)
            .sense(Sense::click())
    };
    if kind != PartKind::Pullquote {
        return ui.add(label());
    }
    egui::Frame::NONE
        .inner_margin(egui::Margin {
            left: 10,
            right: 4,
            top: 4,
            bottom: 4,
        })
        .stroke(Stroke::NONE)
        .show(ui, |ui| {
            let r = ui.add(label());
            ui.painter().vline(
                r.rect.left() - 7.0,
                r.rect.y_range(),
                Stroke::new(3.0, ui.visuals().selection.bg_fill),
            );
            r
        })
        .inner
}

/// A mention under the pointer is hovered (and its element highlighted on the map); a
/// click on it selects the element, keeping the reader's place.
fn pointer_ui(
    ui: &egui::Ui,
    resp: &egui::Response,
    pl: &PartLayout,
    part: &Part,
    out: &mut TextOutput,
    commands: &mut Vec<Command>,
) {
    let Some(p) = resp.hover_pos() else { return };
    let c = pl.galley.cursor_from_pos(p - resp.rect.min).index.0;
    let Some((_, id)) = pl.mentions.iter().find(|(r, _)| r.contains(&c)) else {
        return;
    };
    out.hovered = Some(*id);
    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    if resp.clicked() {
        let byte = pl
            .char_bytes
            .get(c)
            .copied()
            .filter(|b| *b != crate::ui::bidi::NOT_TEXT)
            .unwrap_or(0);
        let at = part.range.start + byte;
        commands.push(Command::Focus(*id, Origin::Reader { at }));
    }
}

/// While words are dragged over (or just dropped on) a part's text: the article bytes
/// from where the drag began to the pointer.
fn drag_range(
    ui: &egui::Ui,
    resp: &egui::Response,
    pl: &PartLayout,
    part: &Range<usize>,
    origin: egui::Pos2,
) -> Option<Range<usize>> {
    if !resp.dragged() && !resp.drag_stopped() {
        return None;
    }
    let (from, to) = ui.input(|i| (i.pointer.press_origin(), i.pointer.latest_pos()));
    let byte = |p: egui::Pos2| -> Option<usize> {
        let c = pl.galley.cursor_from_pos(p - origin).index.0;
        let b = match pl.char_bytes.get(c) {
            Some(b) if *b == crate::ui::bidi::NOT_TEXT => return None,
            Some(b) => *b,
            None => part.len(),
        };
        Some(part.start + b)
    };
    let (a, b) = (byte(from?)?, byte(to?)?);
    Some(a.min(b).max(part.start)..a.max(b).min(part.end))
}

/// The coverage report: what the text names that the atlas does not link, and the reverse.
fn coverage_ui(ui: &mut egui::Ui, atlas: &Atlas) {
    let cov = atlas.coverage();
    egui::CollapsingHeader::new("Coverage of this atlas")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(format!(
                "{} mentions of {} elements in the text.",
                atlas.mentions.len(),
                atlas.elements.len()
            ));
            let list = |ui: &mut egui::Ui, title: &str, items: Vec<String>| {
                if items.is_empty() {
                    ui.label(format!("{title}: none."));
                } else {
                    ui.label(RichText::new(format!("{title}: {}", items.len())).strong());
                    for i in items {
                        ui.label(format!("  {i}"));
                    }
                }
            };
            list(
                ui,
                "Names in the text linked to no element",
                cov.unlinked_names.iter().map(|(_, n)| n.clone()).collect(),
            );
            list(
                ui,
                "Elements the text never names",
                cov.unmentioned_elements
                    .iter()
                    .map(|id| atlas.name(*id).to_owned())
                    .collect(),
            );
            list(
                ui,
                "Passages that name none of their elements",
                cov.unmentioned_links
                    .iter()
                    .filter_map(|id| atlas.link(*id))
                    .map(|l| l.key.clone())
                    .collect(),
            );
        });
}
