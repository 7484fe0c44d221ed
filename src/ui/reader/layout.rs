//! The reader's text laid out per part, lazily: a part is laid out (a galley, its mentions
//! in chars) when it comes near the visible area or lies above it, and kept until its own
//! marks, the width or the theme change; a part never laid out takes an estimated height
//! (issue 13: the start laid out the whole article, 48 ms, for the first screen of it).

use std::ops::Range;
use std::sync::Arc;

use egui::text::CCursor;
use egui::{Align, Color32, FontId, Galley, Rect, Stroke, TextFormat};

use super::super::ViewCtx;
use super::super::style::Palette;
use crate::model::{Atlas, ElementId, Part, PartKind};

/// What a layout depends on: a new key means laying out again.
#[derive(PartialEq)]
pub(super) struct LayoutKey {
    pub width: u32,
    pub dark: bool,
    pub selected: Option<ElementId>,
    pub hovered: Option<ElementId>,
    /// The passage the side panel shows.
    pub current: Option<Range<usize>>,
    pub flash: Option<Range<usize>>,
}

/// The reader's parts for one key, each laid out or not yet.
pub(super) struct LayoutCache {
    pub key: LayoutKey,
    pub slots: Vec<Slot>,
    /// Elements whose mentions are drawn filled (the rest are only underlined).
    pub filled: Vec<ElementId>,
}

/// One readable part: its marks, its layout once made, and the space it takes.
pub(super) struct Slot {
    /// Index of the part in the article.
    pub part: usize,
    marks: Marks,
    /// The selected and hovered elements, where the part mentions them.
    sel: Option<ElementId>,
    hov: Option<ElementId>,
    pub layout: Option<PartLayout>,
    /// Vertical space (points, with the spacing around it) the part takes: measured when
    /// drawn, estimated before.
    pub height: f32,
    /// Whether `height` was measured at this width.
    pub exact: bool,
}

/// One readable part of the article, laid out.
pub(super) struct PartLayout {
    pub galley: Arc<Galley>,
    /// Mentions in this part: char range within the part, element.
    pub mentions: Vec<(Range<usize>, ElementId)>,
    /// Each mention's first row in the galley (a long name may wrap), relative to the
    /// galley's top left: found once here, not every frame.
    pub mention_rects: Vec<(Rect, ElementId)>,
    /// Byte offset of each char of the part (for char ↔ byte).
    pub char_bytes: Vec<usize>,
}

impl PartLayout {
    pub fn char_of(&self, byte_in_part: usize) -> usize {
        crate::ui::bidi::char_of(&self.char_bytes, byte_in_part)
    }
}

/// A part's font, colour and slant, by its kind.
struct PartStyle {
    font: FontId,
    color: Color32,
    italics: bool,
}

/// What is marked in one part, in byte ranges within the part.
#[derive(PartialEq)]
struct Marks {
    mentions: Vec<(Range<usize>, ElementId)>,
    /// The selection's passages.
    marked: Vec<Range<usize>>,
    flash: Option<Range<usize>>,
    current: Option<Range<usize>>,
}

/// The parts' marks for `key`, keeping every part's layout (or measured height) that
/// `old` made for the same marks, width and theme: a new hover or selection lays out
/// again only the parts that mention what changed.
pub(super) fn update(
    ui: &egui::Ui,
    ctx: &ViewCtx<'_>,
    key: LayoutKey,
    old: Option<LayoutCache>,
) -> LayoutCache {
    let atlas = ctx.atlas;
    let selected_links: Vec<Range<usize>> = key
        .selected
        .map(|s| {
            atlas
                .links_of(s)
                .iter()
                .filter_map(|l| atlas.link(*l))
                .map(|l| l.range.clone())
                .collect()
        })
        .unwrap_or_default();
    let (same_width, same_look) = old.as_ref().map_or((false, false), |o| {
        (
            o.key.width == key.width,
            o.key.width == key.width && o.key.dark == key.dark,
        )
    });
    let mut old_slots = old.map(|o| o.slots).unwrap_or_default().into_iter();
    let mut slots = Vec::new();
    let mut filled = Vec::new();
    for (pi, part) in atlas.article.readable_parts() {
        let marks = marks(atlas, &key, &selected_links, part);
        let mentions =
            |id: Option<ElementId>| id.filter(|id| marks.mentions.iter().any(|(_, m)| m == id));
        let (sel, hov) = (mentions(key.selected), mentions(key.hovered));
        for id in [sel, hov].into_iter().flatten() {
            if !filled.contains(&id) {
                filled.push(id);
            }
        }
        let prev = old_slots.next().filter(|s| s.part == pi);
        let mut slot = Slot {
            part: pi,
            marks,
            sel,
            hov,
            layout: None,
            height: 0.0,
            exact: false,
        };
        match prev {
            Some(p) if same_width => {
                (slot.height, slot.exact) = (p.height, p.exact);
                if same_look && p.marks == slot.marks && p.sel == sel && p.hov == hov {
                    slot.layout = p.layout;
                }
            }
            _ => slot.height = estimate(ui, ctx, &key, part),
        }
        slots.push(slot);
    }
    LayoutCache { key, slots, filled }
}

impl LayoutCache {
    /// Lays out slot `i` if it is not yet.
    pub fn ensure(&mut self, i: usize, ui: &egui::Ui, ctx: &ViewCtx<'_>) {
        let Some(slot) = self.slots.get_mut(i) else {
            return;
        };
        if slot.layout.is_some() {
            return;
        }
        let Some(part) = ctx.atlas.article.parts.get(slot.part) else {
            return;
        };
        slot.layout = Some(layout_part(ui, ctx, &self.key, part, &slot.marks));
    }
}

/// The space a part not yet laid out is given: its characters at about half an em each,
/// wrapped to the width, in rows of 1.3 em, with the spacing `text_ui` puts around it.
fn estimate(ui: &egui::Ui, ctx: &ViewCtx<'_>, key: &LayoutKey, part: &Part) -> f32 {
    let size = part_style(ui, &ctx.palette, part.kind).font.size;
    let chars = ctx.atlas.article.slice(&part.range).chars().count() as f32 + 4.0;
    let rows = (chars * 0.5 * size / key.width.max(50) as f32)
        .ceil()
        .max(1.0);
    let around = match part.kind {
        PartKind::Heading => 10.0,
        PartKind::Pullquote => 14.0,
        _ => 4.0,
    };
    rows * 1.3 * size + around + ui.spacing().item_spacing.y
}

/// One part's galley: its paragraph number, then its text cut at every mark, each
/// segment formatted by `segment_format`.
fn layout_part(
    ui: &egui::Ui,
    ctx: &ViewCtx<'_>,
    key: &LayoutKey,
    part: &Part,
    marks: &Marks,
) -> PartLayout {
    let text = ctx.atlas.article.slice(&part.range);
    let style = part_style(ui, &ctx.palette, part.kind);
    let weak = ui.visuals().weak_text_color();
    let number = match part.kind {
        PartKind::Paragraph => format!("{}  ", part.paragraph.unwrap_or_default()),
        _ => String::new(),
    };
    // The paragraph number, weak (no smaller than any reading text), so passages can be
    // cited by it.
    let lead = (!number.is_empty()).then(|| {
        (
            number.as_str(),
            TextFormat {
                font_id: FontId::proportional(crate::ui::style::focus::MIN_TEXT_SIZE),
                color: weak,
                valign: Align::Center,
                ..Default::default()
            },
        )
    });
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in &marks.mentions {
        cuts.extend([r.start, r.end]);
    }
    for r in marks
        .marked
        .iter()
        .chain(&marks.flash)
        .chain(&marks.current)
    {
        cuts.extend([r.start, r.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let format = |seg: Range<usize>| segment_format(ctx, key, &style, marks, seg);
    // Wrapped in logical order, each line in bidirectional order (right-to-left runs
    // reversed and shaped, right-to-left paragraphs aligned right).
    let wrap = egui::text::TextWrapping {
        max_width: key.width as f32,
        ..Default::default()
    };
    let laid = crate::ui::bidi::lay_out(ui.painter(), text, &cuts, &format, lead, wrap);
    let mentions: Vec<(Range<usize>, ElementId)> = marks
        .mentions
        .iter()
        .map(|(r, id)| (crate::ui::bidi::char_range(&laid.char_bytes, r), *id))
        .collect();
    let mention_rects = mentions
        .iter()
        .map(|(r, id)| (first_row(&laid.galley, r), *id))
        .collect();
    PartLayout {
        galley: laid.galley,
        mentions,
        mention_rects,
        char_bytes: laid.char_bytes,
    }
}

/// The rectangle of the first row of chars `r` in `galley` (a long name may wrap).
fn first_row(galley: &Galley, r: &Range<usize>) -> Rect {
    let a = galley.pos_from_cursor(CCursor::new(r.start));
    let end = (r.start + 1..=r.end)
        .rev()
        .map(|e| galley.pos_from_cursor(CCursor::new(e)))
        .find(|b| (b.min.y - a.min.y).abs() < 1.0)
        .unwrap_or(a);
    Rect::from_min_max(a.min, end.max)
}

/// Font, colour and slant of a part: titles large, captions and notes small and weak.
fn part_style(ui: &egui::Ui, pal: &Palette, kind: PartKind) -> PartStyle {
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let (font, color, italics) = match kind {
        PartKind::Title => (FontId::proportional(21.0), text_color, false),
        PartKind::Heading => (FontId::proportional(17.5), text_color, false),
        PartKind::Standfirst => (FontId::proportional(15.5), text_color, true),
        PartKind::Caption => (FontId::proportional(12.0), weak, false),
        PartKind::Pullquote => (FontId::proportional(16.0), pal.water_line, true),
        PartKind::Disclaimer => (FontId::proportional(12.0), weak, true),
        PartKind::Author => (FontId::proportional(14.0), text_color, false),
        PartKind::AuthorRole => (FontId::proportional(12.5), weak, false),
        _ => (FontId::proportional(14.0), text_color, false),
    };
    PartStyle {
        font,
        color,
        italics,
    }
}

/// The mentions, selected passages, flash and current passage that fall in `part`.
fn marks(atlas: &Atlas, key: &LayoutKey, selected_links: &[Range<usize>], part: &Part) -> Marks {
    let mentions: Vec<(Range<usize>, ElementId)> = atlas
        .mentions
        .iter()
        .filter(|m| part.range.start <= m.range.start && m.range.end <= part.range.end)
        .map(|m| {
            (
                m.range.start - part.range.start..m.range.end - part.range.start,
                m.element,
            )
        })
        .collect();
    let local = |r: &Range<usize>| -> Option<Range<usize>> {
        let s = r.start.max(part.range.start);
        let e = r.end.min(part.range.end);
        (s < e).then(|| s - part.range.start..e - part.range.start)
    };
    Marks {
        mentions,
        marked: selected_links.iter().filter_map(local).collect(),
        flash: key.flash.as_ref().and_then(local),
        current: key.current.as_ref().and_then(local),
    }
}

/// The format of one segment between cuts: the selection's passages tinted (the current
/// one and the flash more strongly), mentions underlined in their element's colour, those
/// of the selected or hovered element filled.
fn segment_format(
    ctx: &ViewCtx<'_>,
    key: &LayoutKey,
    style: &PartStyle,
    marks: &Marks,
    seg: Range<usize>,
) -> TextFormat {
    let pal = &ctx.palette;
    let (s, e) = (seg.start, seg.end);
    let inside = |r: &Range<usize>| r.start <= s && e <= r.end;
    let mention = marks.mentions.iter().find(|(r, _)| inside(r));
    let mut fmt = TextFormat {
        font_id: style.font.clone(),
        color: style.color,
        italics: style.italics,
        ..Default::default()
    };
    // The other passages of the selection are tinted; the one the side panel shows is
    // filled more strongly, so it stands out among them.
    if marks.marked.iter().any(inside) {
        fmt.background = pal.passage_bg();
    }
    if marks.current.as_ref().is_some_and(inside) || marks.flash.as_ref().is_some_and(inside) {
        fmt.background = pal.current_passage_bg();
    }
    if s < e
        && let Some((_, id)) = mention
        && let Some(el) = ctx.atlas.element(*id)
    {
        let base = mention_base(pal, el);
        if Some(*id) == key.selected || Some(*id) == key.hovered {
            fmt.background = pal.mention_bg(el);
            fmt.underline = Stroke::new(2.0, base);
            if Some(*id) == key.selected {
                fmt.color = pal.selected_text();
            }
        } else {
            // Map fills are pale: a line needs them darker (lighter when dark).
            let line = if pal.dark {
                base.lerp_to_gamma(Color32::WHITE, 0.25)
            } else {
                base.lerp_to_gamma(Color32::BLACK, 0.35)
            };
            fmt.underline = Stroke::new(1.0, line);
        }
    }
    fmt
}

/// A mention's colour: its element's map colour (underline; a light fill when selected).
fn mention_base(pal: &Palette, el: &crate::model::Element) -> Color32 {
    use crate::model::Kind;
    match el.kind {
        Kind::Country if !el.context => pal.country(&el.key),
        Kind::Corridor => pal.corridor(&el.key),
        Kind::Water => pal.water_line,
        Kind::Region => pal.recaptured,
        Kind::Person => Color32::from_rgb(0x5b, 0x7f, 0xc2),
        Kind::Organisation => Color32::from_rgb(0x8e, 0x6f, 0xb5),
        Kind::Offmap | Kind::Relation => Color32::from_rgb(0x8a, 0x8a, 0x8a),
        Kind::Place | Kind::Country => Color32::from_rgb(0x9c, 0x8f, 0x6a),
    }
}
