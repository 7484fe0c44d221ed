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

const KEYBOARD_MODE: &str = "aras-focus-by-keyboard";

/// Whether focus last moved by the keyboard (see [`note_input`]).
fn keyboard_mode(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp(egui::Id::unique(KEYBOARD_MODE)))
        .unwrap_or(false)
}

/// Notes whether focus moves by the keyboard, from this frame's input before any panel
/// consumes a key: a pointer press hides the ring (a clicked button keeps egui's focus,
/// but the mouse user needs no ring), a key shows it again (F6 too, which the app
/// consumes: its first stop after a click had no ring, trial13b #5). Call once at the
/// start of each frame.
pub fn note_input(ctx: &egui::Context) {
    let id = egui::Id::unique(KEYBOARD_MODE);
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
    });
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

/// Scrolls the widget that has just taken the keyboard focus into view, when it lies in
/// this scroll area's contents but outside what is shown (WCAG 2.4.11: Tab or F6 into a
/// panel taller than the window must not leave the ring off screen; egui scrolls only on
/// request). Call as the last thing inside a `ScrollArea`'s contents.
pub fn keep_in_view(ui: &egui::Ui) {
    let Some(id) = ui.memory(|m| m.focused()) else {
        return;
    };
    // Only as the focus arrives, and from the keyboard: a user scrolling away from it is
    // not pulled back, and nothing moves under a pointer that clicked a field.
    if ui.memory(|m| m.had_focus_last_frame(id))
        || ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released())
    {
        return;
    }
    let Some(r) = ui.ctx().read_response(id) else {
        return;
    };
    // A wrapped link registers its first row only: keep a margin of about three lines
    // below and above it, so that its other rows are shown too.
    let clip = ui.clip_rect();
    let margin = (clip.height() / 4.0).min(48.0);
    let comfortable = clip.shrink2(egui::vec2(0.0, margin));
    if r.layer_id == ui.layer_id()
        && ui.min_rect().contains_rect(r.rect)
        && !comfortable.contains_rect(r.rect)
    {
        // Centred, as AccessKit's "scroll into view" does.
        ui.scroll_to_rect_animation(
            r.rect,
            Some(egui::Align::Center),
            egui::style::ScrollAnimation::none(),
        );
    }
}

/// A `ScrollArea`'s contents followed by [`keep_in_view`]: use as
/// `.show(ui, |ui| focus::scrolled(ui, |ui| …))`.
pub fn scrolled<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let out = add(ui);
    keep_in_view(ui);
    out
}
