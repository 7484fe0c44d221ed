//! The reader: the whole article beside the map. Mentions are quiet (a thin underline in
//! their element's colour) except those of the selected and the hovered element, which
//! are filled; the selected element's passages are marked, the one the side panel shows
//! most strongly. Hovering a mention highlights its element on the map; clicking it
//! selects the element and keeps the reader where it is. A selection made elsewhere
//! scrolls here to its first passage; "Previous"/"Next" step through.

use std::ops::Range;
use std::sync::Arc;

use egui::text::CCursor;
use egui::{Align, Color32, FontId, Galley, Rect, RichText, Sense, Stroke, TextFormat};

use super::style::Palette;
use super::{Command, Origin, ViewCtx};
use crate::model::{Atlas, ElementId, PartKind};

/// What the reader remembers between frames.
#[derive(Default)]
pub struct ReaderPanel {
    /// Laid-out parts for one width, theme, selection and flash.
    cache: Option<LayoutCache>,
    /// The selection the reader last scrolled for.
    last_selected: Option<ElementId>,
    /// Index into the selected element's passages.
    passage: usize,
    /// A range to scroll to on the next frame.
    scroll_to: Option<Range<usize>>,
    /// Frames left to repeat the scroll: on the first frames the scroll area does not
    /// know its content size yet and would stop short.
    scroll_frames: u8,
    /// A sentence to mark (a search result), until the selection changes.
    pub flash: Option<Range<usize>>,
    /// Screen rectangle of the current passage and the visible area, last frame (tests).
    pub passage_rect: Option<Rect>,
    pub viewport: Option<Rect>,
    /// Screen rectangles of mentions drawn last frame (tests click them).
    pub mention_rects: Vec<(Rect, ElementId)>,
    /// Words selected by dragging over the text: a byte range of the article, for author
    /// mode's "Link to…"; within one part.
    pub text_selection: Option<Range<usize>>,
}

#[derive(PartialEq)]
struct LayoutKey {
    width: u32,
    dark: bool,
    selected: Option<ElementId>,
    hovered: Option<ElementId>,
    /// The passage the side panel shows.
    current: Option<Range<usize>>,
    flash: Option<Range<usize>>,
}

struct LayoutCache {
    key: LayoutKey,
    parts: Vec<PartLayout>,
    /// Elements whose mentions are drawn filled (the rest are only underlined).
    filled: Vec<ElementId>,
}

struct PartLayout {
    part: usize,
    galley: Arc<Galley>,
    /// Mentions in this part: char range within the part, element.
    mentions: Vec<(Range<usize>, ElementId)>,
    /// Byte offset of each char of the part (for char ↔ byte).
    char_bytes: Vec<usize>,
}

impl PartLayout {
    fn char_of(&self, byte_in_part: usize) -> usize {
        crate::ui::bidi::char_of(&self.char_bytes, byte_in_part)
    }
}

impl ReaderPanel {
    /// Forgets the layout (the atlas changed: an edit in author mode).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// Scroll to a range of the article and mark it (search results), with `selected`
    /// the selection that goes with it: its own scroll to the first passage is skipped.
    pub fn show_range(&mut self, atlas: &Atlas, range: Range<usize>, selected: Option<ElementId>) {
        self.last_selected = selected;
        self.passage = selected.map_or(0, |id| passage_at(atlas, id, range.start));
        self.scroll_to = Some(range.clone());
        self.scroll_frames = 0;
        self.flash = Some(range);
    }

    /// A selection made in the reader at byte `at` of the article: the reader stays where
    /// it is, and its current passage is the one that was clicked.
    pub fn keep_place(&mut self, atlas: &Atlas, id: ElementId, at: usize) {
        self.last_selected = Some(id);
        self.passage = passage_at(atlas, id, at);
        self.scroll_to = None;
        self.scroll_frames = 0;
        self.flash = None;
    }

    /// Elements whose mentions are drawn filled in the last layout (tests).
    pub fn filled_elements(&self) -> Vec<ElementId> {
        self.cache
            .as_ref()
            .map_or_else(Vec::new, |c| c.filled.clone())
    }

    /// Index of the passage of the selected element the reader and side panel show.
    pub fn passage(&self) -> usize {
        self.passage
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let atlas = ctx.atlas;
        // A new selection: scroll to its first passage.
        if ctx.selection.selected != self.last_selected {
            self.last_selected = ctx.selection.selected;
            self.passage = 0;
            if let Some(id) = ctx.selection.selected {
                self.flash = None;
                self.scroll_to = first_passage(atlas, id, 0);
                self.scroll_frames = 0;
            }
        }
        // The stepper keeps one height with or without a selection, so that selecting
        // from the article does not push the text down under the pointer.
        let height = 2.0 * ui.spacing().interact_size.y + 2.0 * ui.spacing().item_spacing.y;
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            ui.set_min_height(height);
            match ctx.selection.selected {
                Some(id) => passage_stepper(ui, self, atlas, id),
                None => {
                    ui.label(RichText::new("Nothing selected").strong());
                    ui.label(
                        RichText::new("Click a mention or the map to mark its passages.").weak(),
                    );
                }
            }
        });
        ui.separator();
        let width = ui.available_width() - 16.0;
        let key = LayoutKey {
            width: width.max(50.0) as u32,
            dark: ctx.palette.dark,
            selected: ctx.selection.selected,
            hovered: ctx.selection.hovered,
            current: self.current_range(atlas, ctx.selection.selected),
            flash: self.flash.clone(),
        };
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            self.cache = Some(layout(ui, ctx, key));
        }
        let Some(cache) = &self.cache else { return };
        if self.scroll_to.is_some() && self.scroll_frames == 0 {
            self.scroll_frames = 3;
        }
        let scroll_to = self.scroll_to.clone();
        self.scroll_frames = self.scroll_frames.saturating_sub(1);
        if self.scroll_frames == 0 {
            self.scroll_to = None;
        } else {
            ui.ctx().request_repaint();
        }
        let mut passage_rect = None;
        let mut mention_rects = Vec::new();
        let mut hovered: Option<ElementId> = None;
        let mut dragged: Option<Range<usize>> = None;
        let out = egui::ScrollArea::vertical()
            .id_salt("reader")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for pl in &cache.parts {
                    let Some(part) = atlas.article.parts.get(pl.part) else {
                        continue;
                    };
                    match part.kind {
                        PartKind::Heading => ui.add_space(10.0),
                        PartKind::Pullquote => ui.add_space(6.0),
                        _ => ui.add_space(4.0),
                    }
                    let resp = if part.kind == PartKind::Pullquote {
                        egui::Frame::NONE
                            .inner_margin(egui::Margin {
                                left: 10,
                                right: 4,
                                top: 4,
                                bottom: 4,
                            })
                            .stroke(Stroke::NONE)
                            .show(ui, |ui| {
                                let r = ui.add(
                                    egui::Label::new(pl.galley.clone())
                                        .selectable(true)
                                        .sense(Sense::click()),
                                );
                                ui.painter().vline(
                                    r.rect.left() - 7.0,
                                    r.rect.y_range(),
                                    Stroke::new(3.0, ui.visuals().selection.bg_fill),
                                );
                                r
                            })
                            .inner
                    } else {
                        ui.add(
                            egui::Label::new(pl.galley.clone())
                                .selectable(true)
                                .sense(Sense::click()),
                        )
                    };
                    let origin = resp.rect.min;
                    if let Some(r) = drag_range(ui, &resp, pl, &part.range, origin) {
                        dragged = Some(r);
                    }
                    for (r, id) in &pl.mentions {
                        // The first row of the mention (a long name may wrap).
                        let a = pl.galley.pos_from_cursor(CCursor::new(r.start));
                        let end = (r.start + 1..=r.end)
                            .rev()
                            .map(|e| pl.galley.pos_from_cursor(CCursor::new(e)))
                            .find(|b| (b.min.y - a.min.y).abs() < 1.0)
                            .unwrap_or(a);
                        let rect = Rect::from_min_max(a.min, end.max).translate(origin.to_vec2());
                        mention_rects.push((rect, *id));
                    }
                    if let Some(target) = &scroll_to
                        && part.range.start <= target.start
                        && target.start < part.range.end
                    {
                        let c = pl.char_of(target.start - part.range.start);
                        let rect = pl
                            .galley
                            .pos_from_cursor(CCursor::new(c))
                            .translate(origin.to_vec2());
                        ui.scroll_to_rect(rect.expand(30.0), Some(Align::Center));
                    }
                    if let Some(link_range) = self.current_range(atlas, ctx.selection.selected)
                        && part.range.start <= link_range.start
                        && link_range.start < part.range.end
                    {
                        let c = pl.char_of(link_range.start - part.range.start);
                        passage_rect = Some(
                            pl.galley
                                .pos_from_cursor(CCursor::new(c))
                                .translate(origin.to_vec2()),
                        );
                    }
                    if let Some(p) = resp.hover_pos() {
                        let c = pl.galley.cursor_from_pos(p - origin).index.0;
                        if let Some((_, id)) = pl.mentions.iter().find(|(r, _)| r.contains(&c)) {
                            hovered = Some(*id);
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
                    }
                }
                ui.add_space(12.0);
                ui.separator();
                coverage_ui(ui, atlas);
            });
        self.viewport = Some(out.inner_rect);
        self.passage_rect = passage_rect;
        self.mention_rects = mention_rects;
        if let Some(r) = dragged {
            self.text_selection = (!r.is_empty()).then_some(r);
        } else if ui.input(|i| i.pointer.primary_clicked())
            && ui.rect_contains_pointer(out.inner_rect)
        {
            self.text_selection = None;
        }
        if hovered.is_some() {
            commands.push(Command::Hover(hovered));
        }
    }

    fn current_range(&self, atlas: &Atlas, selected: Option<ElementId>) -> Option<Range<usize>> {
        first_passage(atlas, selected?, self.passage)
    }
}

/// Index of the element's passage that contains byte `at` of the article (0 if none).
fn passage_at(atlas: &Atlas, id: ElementId, at: usize) -> usize {
    atlas
        .links_of(id)
        .iter()
        .position(|l| atlas.link(*l).is_some_and(|l| l.range.contains(&at)))
        .unwrap_or(0)
}

/// Byte range of the `n`th passage of an element (or its first mention if it has none).
fn first_passage(atlas: &Atlas, id: ElementId, n: usize) -> Option<Range<usize>> {
    match atlas.links_of(id).get(n).and_then(|l| atlas.link(*l)) {
        Some(link) => Some(link.range.clone()),
        None => atlas.mentions_of(id).next().map(|m| m.range.clone()),
    }
}

fn passage_stepper(ui: &mut egui::Ui, reader: &mut ReaderPanel, atlas: &Atlas, id: ElementId) {
    let n = atlas.links_of(id).len();
    ui.label(RichText::new(crate::ui::bidi::shown(atlas.name(id))).strong());
    ui.horizontal_wrapped(|ui| {
        if n == 0 {
            ui.label(RichText::new("no passages").weak());
            return;
        }
        ui.label(RichText::new(format!("passage {} of {n}", reader.passage + 1)).weak());
        if ui
            .add_enabled(reader.passage > 0, egui::Button::new("Previous passage"))
            .clicked()
        {
            reader.passage -= 1;
            reader.scroll_to = first_passage(atlas, id, reader.passage);
            reader.scroll_frames = 0;
        }
        if ui
            .add_enabled(reader.passage + 1 < n, egui::Button::new("Next passage"))
            .clicked()
        {
            reader.passage += 1;
            reader.scroll_to = first_passage(atlas, id, reader.passage);
            reader.scroll_frames = 0;
        }
    });
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

/// Lays out every readable part once for this width, theme and selection.
fn layout(ui: &egui::Ui, ctx: &ViewCtx<'_>, key: LayoutKey) -> LayoutCache {
    let atlas = ctx.atlas;
    let pal = &ctx.palette;
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    // The other passages of the selection are tinted; the one the side panel shows is
    // filled more strongly, so it stands out among them.
    let passage_bg = pal.passage_bg();
    let current_bg = pal.current_passage_bg();
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
    let mut parts = Vec::new();
    let mut filled = Vec::new();
    for (pi, part) in atlas.article.readable_parts() {
        let text = atlas.article.slice(&part.range);
        let (font, color, italics) = match part.kind {
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
        let number = match part.kind {
            PartKind::Paragraph => format!("{}  ", part.paragraph.unwrap_or_default()),
            _ => String::new(),
        };
        // The paragraph number, small and weak, so passages can be cited by it.
        let lead = (!number.is_empty()).then(|| {
            (
                number.as_str(),
                TextFormat {
                    font_id: FontId::proportional(10.0),
                    color: weak,
                    valign: Align::Center,
                    ..Default::default()
                },
            )
        });
        // Boundaries: mentions, selected passages and the flash range.
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
        let mut cuts: Vec<usize> = vec![0, text.len()];
        for (r, _) in &mentions {
            cuts.extend([r.start, r.end]);
        }
        let local = |r: &Range<usize>| -> Option<Range<usize>> {
            let s = r.start.max(part.range.start);
            let e = r.end.min(part.range.end);
            (s < e).then(|| s - part.range.start..e - part.range.start)
        };
        let marked: Vec<Range<usize>> = selected_links.iter().filter_map(local).collect();
        let flash: Option<Range<usize>> = key.flash.as_ref().and_then(local);
        let current: Option<Range<usize>> = key.current.as_ref().and_then(local);
        for r in marked.iter().chain(flash.iter()).chain(current.iter()) {
            cuts.extend([r.start, r.end]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let format = |seg: Range<usize>| -> TextFormat {
            let (s, e) = (seg.start, seg.end);
            let mention = mentions.iter().find(|(r, _)| r.start <= s && e <= r.end);
            let in_passage = marked.iter().any(|r| r.start <= s && e <= r.end);
            let in_flash = flash.as_ref().is_some_and(|r| r.start <= s && e <= r.end);
            let in_current = current.as_ref().is_some_and(|r| r.start <= s && e <= r.end);
            let mut fmt = TextFormat {
                font_id: font.clone(),
                color,
                italics,
                ..Default::default()
            };
            if in_passage {
                fmt.background = passage_bg;
            }
            if in_current || in_flash {
                fmt.background = current_bg;
            }
            if s < e
                && let Some((_, id)) = mention
                && let Some(el) = atlas.element(*id)
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
        };
        for (_, id) in &mentions {
            if (Some(*id) == key.selected || Some(*id) == key.hovered) && !filled.contains(id) {
                filled.push(*id);
            }
        }
        // Wrapped in logical order, each line in bidirectional order (right-to-left runs
        // reversed and shaped, right-to-left paragraphs aligned right).
        let wrap = egui::text::TextWrapping {
            max_width: key.width as f32,
            ..Default::default()
        };
        let laid = crate::ui::bidi::lay_out(ui.painter(), text, &cuts, &format, lead, wrap);
        let mentions = mentions
            .iter()
            .map(|(r, id)| (crate::ui::bidi::char_range(&laid.char_bytes, r), *id))
            .collect();
        let (galley, char_bytes) = (laid.galley, laid.char_bytes);
        parts.push(PartLayout {
            part: pi,
            galley,
            mentions,
            char_bytes,
        });
    }
    LayoutCache { key, parts, filled }
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
