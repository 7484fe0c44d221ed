//! Keys typed just before a click reach the field they were typed in.
//!
//! egui lets a focused text field give up its focus when a click lands elsewhere, and it
//! does so when the field is laid out, before the field reads the frame's keys: so when
//! the last keys typed and the click arrive in the same frame (a slow frame under software
//! GL, or fast typing), those keys are lost (trial7 #5: the last characters of a name
//! typed just before clicking "Add" never reached the name). [`InputOrder`] keeps the
//! order a user acted in: a frame whose keys are followed by a pointer press ends before
//! the press, and the press (with everything after it) starts the next frame.

use egui::{Event, RawInput};

/// Events held back for the next frame.
#[derive(Default)]
pub struct InputOrder {
    deferred: Vec<Event>,
}

impl InputOrder {
    /// Puts last frame's held-back events before this frame's, then holds back everything
    /// from the first pointer press that follows a typed key or text. Returns whether
    /// something was held back (the caller asks for another frame).
    pub fn apply(&mut self, raw: &mut RawInput) -> bool {
        if !self.deferred.is_empty() {
            let mut events = std::mem::take(&mut self.deferred);
            events.append(&mut raw.events);
            raw.events = events;
        }
        let Some(cut) = press_after_typing(&raw.events) else {
            return false;
        };
        self.deferred = raw.events.split_off(cut);
        true
    }
}

/// Index of the first pointer press that comes after a key press, text or paste.
fn press_after_typing(events: &[Event]) -> Option<usize> {
    let typed = events.iter().position(|e| {
        matches!(
            e,
            Event::Text(_) | Event::Paste(_) | Event::Key { pressed: true, .. }
        )
    })?;
    events
        .iter()
        .skip(typed + 1)
        .position(|e| matches!(e, Event::PointerButton { pressed: true, .. }))
        .map(|i| typed + 1 + i)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use egui::{Modifiers, PointerButton, Pos2, pos2};

    fn press(at: Pos2, pressed: bool) -> Event {
        Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        }
    }

    /// One frame: a text field at the top and a button below.
    fn frame(ctx: &egui::Context, raw: RawInput, text: &mut String, focus: bool) {
        let mut out = ctx.run_ui(raw, |ui| {
            let r = ui.text_edit_singleline(text);
            if focus {
                r.request_focus();
            }
            ui.add_space(40.0);
            let _ = ui.button("Add");
        });
        out.textures_delta.clear();
    }

    fn typed_then_clicked(order: Option<&mut InputOrder>) -> String {
        let ctx = egui::Context::default();
        let mut text = String::new();
        let raw = || RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                Pos2::ZERO,
                egui::vec2(400.0, 300.0),
            )),
            ..Default::default()
        };
        frame(&ctx, raw(), &mut text, true);
        frame(&ctx, raw(), &mut text, false);
        // "ab" and a click far below the field, all in one frame.
        let away = pos2(200.0, 250.0);
        let mut input = raw();
        input.events = vec![
            Event::Text("a".into()),
            Event::Text("b".into()),
            Event::PointerMoved(away),
            press(away, true),
            press(away, false),
        ];
        match order {
            Some(o) => {
                o.apply(&mut input);
                frame(&ctx, input, &mut text, false);
                let mut next = raw();
                o.apply(&mut next);
                frame(&ctx, next, &mut text, false);
            }
            None => frame(&ctx, input, &mut text, false),
        }
        text
    }

    #[test]
    fn keys_typed_in_the_same_frame_as_a_click_elsewhere_reach_the_field() {
        // Without the split egui drops them: this is the fault the split is for.
        assert_eq!(typed_then_clicked(None), "");
        let mut order = InputOrder::default();
        assert_eq!(typed_then_clicked(Some(&mut order)), "ab");
        assert!(order.deferred.is_empty());
    }

    #[test]
    fn a_frame_without_typing_before_a_click_is_left_whole() {
        let mut order = InputOrder::default();
        let mut raw = RawInput {
            events: vec![press(Pos2::ZERO, true), Event::Text("x".into())],
            ..Default::default()
        };
        assert!(!order.apply(&mut raw));
        assert_eq!(raw.events.len(), 2);
    }
}
