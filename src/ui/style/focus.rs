//! What the keyboard sees: a focus ring round the widget that has keyboard focus (WCAG
//! 2.4.7), drawn the same for every kind of widget (buttons, chips, links, check boxes,
//! text fields), and the smallest size of reading text.

use egui::{Color32, Stroke, StrokeKind};

/// The smallest reading text, in points: the reader's captions and disclaimer. egui's
/// `Small` text (9 pt, glyphs about 8 px high) is raised to it, so no note in a panel
/// (a geometry source, a date's source, a legend caption) is smaller.
pub const MIN_TEXT_SIZE: f32 = 12.0;

/// The focus ring's width, in points (a projector still shows it).
pub const RING_WIDTH: f32 = 2.0;

/// The gap between a widget and its ring, so the ring stands on the panel's colour.
pub const RING_GAP: f32 = 2.0;

/// The ring's colour: at least 3:1 against every panel and popup colour of its theme
/// (WCAG non-text contrast; `tests/reader11.rs` computes it).
pub fn ring_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x7c, 0xc4, 0xff)
    } else {
        Color32::from_rgb(0x00, 0x50, 0xb4)
    }
}

/// Raises `Small` text to [`MIN_TEXT_SIZE`] in a style.
pub fn text_sizes(style: &mut egui::Style) {
    if let Some(f) = style.text_styles.get_mut(&egui::TextStyle::Small) {
        f.size = f.size.max(MIN_TEXT_SIZE);
    }
}

/// Whether focus last moved by the keyboard: a pointer press hides the ring (a clicked
/// button keeps egui's focus, but the mouse user needs no ring), a key shows it again.
fn keyboard_mode(ctx: &egui::Context) -> bool {
    let id = egui::Id::unique("aras-focus-by-keyboard");
    let (pointer, key) = ctx.input(|i| {
        let pointer = i
            .events
            .iter()
            .any(|e| matches!(e, egui::Event::PointerButton { pressed: true, .. }));
        let key = i
            .events
            .iter()
            .any(|e| matches!(e, egui::Event::Key { pressed: true, .. }));
        (pointer, key)
    });
    ctx.data_mut(|d| {
        let mode = d.get_temp_mut_or(id, false);
        if pointer {
            *mode = false;
        }
        if key {
            *mode = true;
        }
        *mode
    })
}

/// Draws the ring round the focused widget, on its own layer and within its visible
/// part; not round `skip` (the map draws its own ring round the focused element). A
/// widget outside `map` gets its ring clipped at the map's edge: the ring of the top
/// bar's skip link was drawn over the map's first rows (the real-window keyboard tour).
pub fn ring(ctx: &egui::Context, skip: Option<egui::Id>, map: Option<egui::Rect>) {
    if !keyboard_mode(ctx) {
        return;
    }
    let Some(id) = ctx.memory(|m| m.focused()).filter(|id| Some(*id) != skip) else {
        return;
    };
    let Some(resp) = ctx.read_response(id) else {
        return;
    };
    let rect = resp.interact_rect;
    if !rect.is_positive() {
        return;
    }
    let colour = ring_colour(ctx.global_style().visuals.dark_mode);
    let mut clip = ctx.content_rect();
    if let Some(m) = map.filter(|m| !m.intersects(rect)) {
        if rect.bottom() <= m.top() {
            clip.max.y = clip.max.y.min(m.top());
        } else if rect.top() >= m.bottom() {
            clip.min.y = clip.min.y.max(m.bottom());
        } else if rect.right() <= m.left() {
            clip.max.x = clip.max.x.min(m.left());
        } else if rect.left() >= m.right() {
            clip.min.x = clip.min.x.max(m.right());
        }
    }
    ctx.layer_painter(resp.layer_id)
        .with_clip_rect(clip)
        .rect_stroke(
            rect.expand(RING_GAP),
            4.0,
            Stroke::new(RING_WIDTH, colour),
            StrokeKind::Outside,
        );
}
