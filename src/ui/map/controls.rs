//! The map's own controls (+, -, Home) and the "Map as of" date badge, drawn on top of
//! the map; the placer keeps labels clear of them.

use egui::{Rect, Vec2, vec2};

use super::MapPanel;
use super::scene::Builder;
use super::view::ZOOM_STEP;
use crate::model::Atlas;
use crate::state::MapMemory;
use crate::ui::{ViewCtx, timeline};

/// A control: name (for `aras layout`), text, screen rectangle.
pub(super) struct Control {
    pub name: &'static str,
    pub text: &'static str,
    pub tip: &'static str,
    pub rect: Rect,
}

/// The zoom and Home buttons, top-left of the map.
pub(super) fn buttons(rect: Rect) -> [Control; 3] {
    let b0 = Rect::from_min_size(rect.left_top() + vec2(10.0, 10.0), vec2(30.0, 28.0));
    [
        Control {
            name: "zoom_in",
            text: "+",
            tip: "Zoom in (+)",
            rect: b0,
        },
        Control {
            name: "zoom_out",
            text: "-",
            tip: "Zoom out (-)",
            rect: b0.translate(vec2(0.0, 32.0)),
        },
        Control {
            name: "home",
            text: "Home",
            tip: "Reset the view (Home)",
            rect: Rect::from_min_size(rect.left_top() + vec2(10.0, 74.0), vec2(54.0, 24.0)),
        },
    ]
}

/// "Map as of …" for the map date (the latest day when none is set); `None` for an
/// atlas with nothing dated (a draft), whose map shows no date.
pub(super) fn date_text(ctx: &ViewCtx<'_>) -> Option<String> {
    if !ctx.atlas.is_dated() {
        return None;
    }
    Some(format!(
        "Map as of {}",
        timeline::day_label(ctx.layers.day(ctx.atlas))
    ))
}

/// Where the date badge goes: top-right of the map, as wide as its text.
fn date_rect(rect: Rect, text: Vec2) -> Rect {
    let size = text + vec2(8.0, 6.0);
    Rect::from_min_size(rect.right_top() + vec2(-8.0 - size.x, 8.0), size)
}

impl Builder<'_, '_> {
    /// The controls and the date badge go into the placer first: no text covers them.
    pub(super) fn reserve_controls(&mut self) {
        let rect = self.tf.rect;
        for c in buttons(rect) {
            self.placer.add("control", c.name, c.text, c.rect);
        }
        let Some(text) = date_text(self.ctx) else {
            return;
        };
        let font = egui::TextStyle::Body.resolve(self.ui.style());
        let size = self
            .galley(text.clone(), font, self.ctx.palette.label)
            .size();
        let r = date_rect(rect, size);
        self.placer.add("control", "map_date", &text, r);
        self.date_rect = r;
    }
}

impl MapPanel {
    /// Draws the controls after the map so they sit on top; their effect shows from the
    /// next frame.
    pub(super) fn controls(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        atlas: &Atlas,
        rect: Rect,
        view: &mut Option<MapMemory>,
    ) {
        let [zin, zout, home] = buttons(rect);
        // "+" looks disabled at the closest zoom, "-" at the farthest (trial8 #11).
        let (closest, farthest) = self.zoom_limits_reached(atlas, rect, *view);
        let btn = |ui: &mut egui::Ui, c: &Control, enabled: bool| {
            let size = if c.name == "home" { 14.0 } else { 16.0 };
            let b = egui::Button::new(egui::RichText::new(c.text).size(size));
            let tip = match (enabled, c.name) {
                (true, _) => c.tip,
                (false, "zoom_in") => "Closest zoom",
                (false, _) => "Farthest zoom",
            };
            ui.add_enabled_ui(enabled, |ui| ui.put(c.rect, b))
                .inner
                .on_hover_text(tip)
                .on_disabled_hover_text(tip)
        };
        if btn(ui, &zin, !closest).clicked() {
            self.zoom_by(atlas, rect, view, ZOOM_STEP);
        }
        if btn(ui, &zout, !farthest).clicked() {
            self.zoom_by(atlas, rect, view, 1.0 / ZOOM_STEP);
        }
        if btn(ui, &home, true).clicked() {
            *view = None;
            self.animation = None;
        }
        let pal = &ctx.palette;
        let Some(date_rect) = self.cache.as_ref().map(|c| c.date_rect) else {
            return;
        };
        let Some(text) = date_text(ctx) else {
            return;
        };
        ui.put(
            date_rect,
            egui::Label::new(
                egui::RichText::new(text)
                    .strong()
                    .color(pal.label)
                    .background_color(pal.halo),
            ),
        );
    }
}
