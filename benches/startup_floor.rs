//! The start-up floor of our stack (issue 13): an eframe window with egui's default
//! fonts that paints one flat rectangle over its whole area, with the same window
//! options as Aras (1400×900, glow, no dithering), and marks its first paint with the
//! same `ARAS_TRACE_STARTUP` line `benches/drag.sh` reads. Whatever Aras does on top of
//! eframe, winit, glutin, Xlib and Mesa can only add to this figure.
//!
//! `cargo build --release --example startup_floor &&
//!  ARAS_BIN=target/release/examples/startup_floor NO_DRAG=1 bash benches/drag.sh 9`

use eframe::egui;

fn main() -> eframe::Result {
    aras::startup::begin();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Aras: start-up floor")
            .with_inner_size([1400.0, 900.0]),
        persist_window: false,
        dithering: false,
        ..Default::default()
    };
    eframe::run_native("aras-floor", options, Box::new(|_cc| Ok(Box::new(Floor))))
}

struct Floor;

impl eframe::App for Floor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let rect = ui.ctx().content_rect();
        let painter = ui.painter();
        // The colour of Aras's sea, so the poller sees a change from the blank screen.
        painter.rect_filled(rect, 0.0, egui::Color32::from_rgb(0xc9, 0xdc, 0xe6));
        let callback =
            eframe::egui_glow::CallbackFn::new(|_info, _painter| aras::startup::map_painted());
        painter.add(egui::PaintCallback {
            rect,
            callback: std::sync::Arc::new(callback),
        });
    }
}
