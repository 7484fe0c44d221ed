//! The top bar, as a keyboard user meets it: Tab goes left to right, as one reads.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use common::app::{harness_sized, text_of};
use egui_kittest::kittest::Queryable;

#[test]
fn tab_goes_through_the_top_bar_left_to_right_in_every_window() {
    for (w, h) in [(1400.0, 900.0), (1024.0, 700.0), (640.0, 480.0)] {
        let mut app = harness_sized(w, h);
        let map_top = app.state().map_rect().expect("map").top();
        let mut stops: Vec<(String, egui::Rect)> = Vec::new();
        for _ in 0..14 {
            app.key_press(egui::Key::Tab);
            app.run();
            let Some(node) = app.query_by(|n| n.is_focused()) else {
                break;
            };
            let rect = node.rect();
            if rect.top() >= map_top {
                break;
            }
            stops.push((text_of(&node), rect));
        }
        assert!(stops.len() >= 6, "{w}x{h}: {stops:?}");
        for pair in stops.windows(2) {
            let ((a, ra), (b, rb)) = (&pair[0], &pair[1]);
            let same_row = (ra.center().y - rb.center().y).abs() < 8.0;
            assert!(
                if same_row {
                    rb.center().x > ra.center().x
                } else {
                    rb.center().y > ra.center().y
                },
                "{w}x{h}: Tab went from {a:?} at {ra:?} back to {b:?} at {rb:?}"
            );
        }
    }
}
