//! The monkey test: thousands of seeded random events against the real app (clicks,
//! drags, scrolls, zooms, keys, typing, layer toggles, window sizes from 1×1 to
//! 8000×8000, 0.5 to 3 pixels per point). Nothing may panic, the view must stay finite,
//! and the selection must always be a real element or none.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use aras::app::{AppInit, ArasApp};
use egui::accesskit::Role;
use egui::{
    Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, TouchPhase, pos2, vec2,
};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

const KEYS: [Key; 12] = [
    Key::Escape,
    Key::Tab,
    Key::ArrowLeft,
    Key::ArrowRight,
    Key::ArrowUp,
    Key::ArrowDown,
    Key::Home,
    Key::Plus,
    Key::Minus,
    Key::Enter,
    Key::F,
    Key::Backspace,
];

const WORDS: [&str; 6] = ["Iran", "Nakhichevan", "Iran's", "zz", "–", "Türkiye"];

fn check(h: &Harness<'static, ArasApp>, step: usize) {
    let app = h.state();
    if let Some(v) = app.view() {
        assert!(
            v.zoom.is_finite() && v.zoom > 0.0 && v.center.iter().all(|c| c.is_finite()),
            "step {step}: view {v:?}"
        );
    }
    let n = app.atlas().expect("atlas").elements.len();
    if let Some(s) = app.selection.selected {
        assert!(s.index() < n, "step {step}: selection {s:?} out of {n}");
    }
}

fn run(seed: u64, steps: usize) -> usize {
    let mut rng = Rng(seed);
    let mut h = Harness::builder()
        .with_size(vec2(1300.0, 850.0))
        .with_max_steps(8)
        .build_eframe(|cc| ArasApp::new(cc, AppInit::embedded()));
    h.step();
    let mut size = vec2(1300.0, 850.0);
    let mut events = 0;
    for step in 0..steps {
        // Now and then, a new window size or pixel density.
        if rng.below(25) == 0 {
            let pick = rng.below(6);
            size = match pick {
                0 => vec2(1.0, 1.0),
                1 => vec2(8000.0, 8000.0),
                2 => vec2(320.0, 240.0),
                _ => vec2(200.0 + rng.unit() * 2400.0, 150.0 + rng.unit() * 1500.0),
            };
            h.set_size(size);
            events += 1;
        }
        if rng.below(30) == 0 {
            h.set_pixels_per_point(0.5 + rng.unit() * 2.5);
            events += 1;
        }
        // A layer toggle, through the real checkboxes.
        if rng.below(12) == 0 {
            let boxes: Vec<_> = h.query_all_by_role(Role::CheckBox).collect();
            if !boxes.is_empty() {
                let i = rng.below(boxes.len() as u64) as usize;
                boxes[i].click();
                events += 1;
            }
        }
        for _ in 0..1 + rng.below(6) {
            let p = pos2(rng.unit() * size.x, rng.unit() * size.y);
            let ev = match rng.below(9) {
                0 | 1 => Event::PointerMoved(p),
                2 => Event::PointerButton {
                    pos: p,
                    button: PointerButton::Primary,
                    pressed: rng.below(2) == 0,
                    modifiers: Modifiers::NONE,
                },
                3 => Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: vec2(rng.unit() * 400.0 - 200.0, rng.unit() * 400.0 - 200.0),
                    modifiers: Modifiers::NONE,
                    phase: TouchPhase::Move,
                    source: MouseWheelSource::Wheel,
                },
                4 => Event::Zoom(0.2 + rng.unit() * 4.0),
                5 | 6 => {
                    let key = KEYS[rng.below(KEYS.len() as u64) as usize];
                    let modifiers = if key == Key::F || rng.below(5) == 0 {
                        Modifiers::COMMAND
                    } else {
                        Modifiers::NONE
                    };
                    Event::Key {
                        key,
                        physical_key: None,
                        pressed: true,
                        repeat: false,
                        modifiers,
                    }
                }
                7 => Event::Text(WORDS[rng.below(WORDS.len() as u64) as usize].to_owned()),
                _ => Event::PointerGone,
            };
            h.event(ev);
            events += 1;
        }
        h.step();
        check(&h, step);
    }
    events
}

#[test]
fn thousands_of_random_events_never_break_the_app() {
    let mut total = 0;
    for seed in [0x5eed_0001, 0xa5a5_1234, 0x0dd_ba11] {
        total += run(seed, 350);
    }
    assert!(total >= 3000, "only {total} events");
}
