//! The real window and its twin: the same app in egui_kittest, at the same size on the
//! same atlas, given the same input. AccessKit is not reachable from xdotool, so a
//! control is found by its name in the twin (same code, same fonts, same rectangles at
//! pixels_per_point 1) and clicked there in both: no pixel offsets in the tests. Every
//! action goes to both, so they stay in step; [`Twin::in_step`] checks that they do.
//!
//! Used by `tests/window_author.rs` (include with `#[path]`, next to `window.rs`).

#![allow(dead_code, clippy::expect_used, clippy::panic)]

use std::path::Path;

use aras::app::ArasApp;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::window::App;
use crate::common;

/// The real app and its twin.
pub struct Twin {
    pub app: App,
    pub twin: Harness<'static, ArasApp>,
    _copy: tempfile::TempDir,
}

impl Twin {
    /// `aras edit DIR` in a real window, and the twin on a copy of DIR (its autosave and
    /// saves stay out of the real app's files), both `size`.
    pub fn edit(dir: &Path, size: (u32, u32)) -> Self {
        let copy = common::copy_of(dir);
        let twin = common::edit::author_harness(copy.path(), size.0 as f32, size.1 as f32);
        let d = dir.to_str().expect("a UTF-8 path");
        let app = App::start(&["edit", d], size);
        Self {
            app,
            twin,
            _copy: copy,
        }
    }

    /// The rectangle of the control `label` with `role` in the twin; panics naming it.
    pub fn rect(&self, role: Role, label: &str) -> Rect {
        let nodes: Vec<Rect> = self
            .twin
            .query_all_by_role_and_label(role, label)
            .map(|n| n.rect())
            .collect();
        match nodes.as_slice() {
            [r] => *r,
            [] => panic!("no {role:?} named {label:?} in the window"),
            _ => panic!("{} {role:?}s named {label:?}", nodes.len()),
        }
    }

    /// The rectangle of the only node whose name contains `part` (any role: tabs and
    /// selectable labels too).
    pub fn rect_containing(&self, part: &str) -> Rect {
        let nodes: Vec<(Rect, String)> = self
            .twin
            .query_all_by_label_contains(part)
            .map(|n| (n.rect(), common::app::text_of(&n)))
            .collect();
        match nodes.as_slice() {
            [(r, _)] => *r,
            [] => panic!("nothing whose name has {part:?} in the window"),
            _ => panic!("{} nodes whose name has {part:?}: {nodes:?}", nodes.len()),
        }
    }

    /// The rectangle of the first node named `label` from `row` down (a row's own
    /// "Rename…" among every row's, on its line or the next).
    pub fn rect_after(&self, label: &str, row: Rect) -> Rect {
        self.twin
            .query_all_by_label(label)
            .map(|n| n.rect())
            .filter(|r| r.center().y >= row.top())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap_or_else(|| panic!("no {label:?} from {row:?} down"))
    }

    /// Clicks the centre of `r` in both.
    pub fn click_rect(&mut self, r: Rect) {
        self.click_at(r.center());
    }

    /// Clicks the only node named exactly `label`, whatever its role (a combo box, a
    /// menu's or a popup's item), in both.
    pub fn click_named(&mut self, label: &str) {
        let nodes: Vec<Rect> = self
            .twin
            .query_all_by_label(label)
            .map(|n| n.rect())
            .collect();
        match nodes.as_slice() {
            [r] => self.click_at(r.center()),
            [] => panic!("nothing named {label:?} in the window"),
            _ => panic!("{} nodes named {label:?}", nodes.len()),
        }
    }

    /// Types `text` into the field named `label` (replacing what it held), in both.
    pub fn fill(&mut self, label: &str, text: &str) {
        let r = self
            .twin
            .query_by_role_and_label(Role::TextInput, label)
            .or_else(|| {
                self.twin
                    .query_by_role_and_label(Role::MultilineTextInput, label)
            })
            .unwrap_or_else(|| panic!("no field {label:?}"))
            .rect();
        self.click_at(r.center());
        self.retype(text);
    }

    /// Where a geographic point is in the twin's map (the real window's too); panics if
    /// it is outside the map.
    pub fn geo(&self, lon: f64, lat: f64) -> Pos2 {
        let p = self.twin.state().screen_pos(lon, lat).expect("map drawn");
        let map = self.twin.state().map_rect().expect("map");
        assert!(map.contains(p), "{lon},{lat} is outside the map");
        p
    }

    /// Whether the twin shows a control `label` with `role`.
    pub fn has(&self, role: Role, label: &str) -> bool {
        self.twin.query_by_role_and_label(role, label).is_some()
    }

    /// Clicks the control named `label` in both.
    pub fn click(&mut self, role: Role, label: &str) {
        let at = self.rect(role, label).center();
        self.click_at(at);
    }

    /// Clicks a point in both (it must be in the window: the real one cannot scroll to
    /// a control as the twin's AccessKit could).
    pub fn click_at(&mut self, at: Pos2) {
        let (w, h) = self.app.size;
        assert!(
            at.x >= 0.0 && at.y >= 0.0 && at.x < w as f32 && at.y < h as f32,
            "{at:?} is outside the {w}×{h} window"
        );
        common::app::click_at(&mut self.twin, at);
        self.app.click(at.x, at.y);
    }

    /// Selects `needle` in the reader by dragging over it, in both.
    pub fn select_words(&mut self, needle: &str) {
        let (from, to) = common::edit::text_span(&self.twin, needle);
        common::app::drag(&mut self.twin, from, to);
        self.app.move_to(from.x, from.y);
        self.app.xdo(&["mousedown", "1"]);
        for i in 1..=4 {
            let p = from + (to - from) * (i as f32 / 4.0);
            self.app.move_to(p.x, p.y);
        }
        self.app.xdo(&["mouseup", "1"]);
        self.app.settle();
    }

    /// Presses a key with modifiers in both (`xdo` is xdotool's name of the same keys).
    pub fn key(&mut self, mods: Modifiers, key: Key, xdo: &str) {
        self.twin.key_press_modifiers(mods, key);
        self.twin.run();
        self.app.key(xdo);
    }

    /// Types ASCII text into the focused field, in both.
    pub fn type_text(&mut self, text: &str) {
        self.twin.event(Event::Text(text.to_owned()));
        self.twin.run();
        self.app.type_text(text);
    }

    /// Replaces the focused field's text (select all, type), in both.
    pub fn retype(&mut self, text: &str) {
        self.key(Modifiers::COMMAND, Key::A, "ctrl+a");
        self.type_text(text);
    }
}
