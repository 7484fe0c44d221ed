//! Benchmark cases shared by `aras bench` (quick, JSON lines) and `cargo bench`
//! (criterion): loading, hit-testing, and whole headless frames (UI plus tessellation)
//! on the embedded atlas and on synthetic atlases of growing size.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2, pos2, vec2};

use crate::app::{AppInit, ArasApp};
use crate::model::{self, Atlas, AtlasSource};

/// The one headless frame driver: a context, a window size and a clock that advances a
/// 60th of a second per frame. `aras bench`, `cargo bench` and `aras layout` all run the
/// app through it.
pub struct Driver {
    pub ctx: egui::Context,
    pub size: Vec2,
    time: f64,
    /// Scope id of the root `Ui`, under which the panels store their rectangles.
    pub root: egui::Id,
}

/// Frames [`Driver::settle`] runs at most while waiting for animations to settle.
const MAX_SETTLE_FRAMES: usize = 240;

impl Driver {
    pub fn new(ctx: egui::Context, size: Vec2) -> Self {
        Self {
            ctx,
            size,
            time: 0.0,
            root: egui::Id::NULL,
        }
    }

    /// One UI pass of `app` with these input events. Texture updates are dropped
    /// (nothing renders them).
    pub fn frame(&mut self, app: &mut ArasApp, events: Vec<Event>) -> egui::FullOutput {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let mut root = self.root;
        let mut out = self.ctx.run_ui(input, |ui| {
            root = ui.scope_id();
            app.ui_frame(ui);
        });
        out.textures_delta.clear();
        self.root = root;
        out
    }

    /// Sends `events` in one frame, then runs frames until nothing asks for a repaint
    /// within half a second (animations settled), at most 240.
    pub fn settle(&mut self, app: &mut ArasApp, events: Vec<Event>) {
        let mut out = self.frame(app, events);
        for _ in 0..MAX_SETTLE_FRAMES {
            let busy = out
                .viewport_output
                .values()
                .any(|v| v.repaint_delay.as_secs_f32() < 0.5);
            if !busy {
                break;
            }
            out = self.frame(app, Vec::new());
        }
    }
}

/// A headless app that renders whole frames (UI plus tessellation) for timing.
pub struct FrameBench {
    driver: Driver,
    pub app: ArasApp,
    /// Pointer held down for panning, and where it is.
    drag: Option<Pos2>,
}

impl FrameBench {
    pub fn new(source: AtlasSource, size: Vec2) -> Self {
        let ctx = egui::Context::default();
        let init = AppInit {
            source: source.clone(),
            atlas: model::load(&source),
            ..AppInit::embedded()
        };
        let app = ArasApp::headless(&ctx, init);
        let mut b = Self {
            driver: Driver::new(ctx, size),
            app,
            drag: None,
        };
        // Warm up: fonts, layout, caches.
        for _ in 0..4 {
            b.frame(Vec::new());
        }
        b
    }

    /// One full frame with these input events: UI, then tessellation. Returns the number
    /// of vertices produced, so the work cannot be optimised away.
    pub fn frame(&mut self, events: Vec<Event>) -> usize {
        let out = self.driver.frame(&mut self.app, events);
        let prims = self.driver.ctx.tessellate(out.shapes, out.pixels_per_point);
        prims
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }

    /// The centre of the map on screen.
    pub fn map_center(&self) -> Pos2 {
        self.app
            .map_rect()
            .map_or(pos2(700.0, 400.0), |r| r.center())
    }

    /// Zooms in `steps` times at the map centre.
    pub fn zoom_in(&mut self, steps: usize) {
        let c = self.map_center();
        for _ in 0..steps {
            self.frame(vec![Event::PointerMoved(c), Event::Zoom(1.5)]);
        }
    }
}

/// Pointer events of a drag step (press, move), for the panning frame.
pub fn drag_events(from: Pos2, to: Pos2, first: bool) -> Vec<Event> {
    let mut ev = Vec::new();
    if first {
        ev.push(Event::PointerMoved(from));
        ev.push(Event::PointerButton {
            pos: from,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
    }
    ev.push(Event::PointerMoved(to));
    ev
}

/// A synthetic atlas with about `vertices` polygon vertices: round "countries" of up to
/// 1,000 vertices each on a grid over the Caucasus, one linked to a passage, the rest
/// context. Loading it exercises the same checks as a real atlas.
pub fn synthetic_atlas(vertices: usize) -> AtlasSource {
    let per = vertices.clamp(8, 1000);
    let count = vertices.div_ceil(per).max(1);
    let cols = (count as f64).sqrt().ceil() as usize;
    let step = 14.0 / cols as f64;
    let radius = step * 0.4;
    let mut features = Vec::new();
    for k in 0..count {
        let (i, j) = ((k % cols) as f64, (k / cols) as f64);
        let (cx, cy) = (38.0 + step * (i + 0.5), 36.0 + step * 0.6 * (j + 0.5));
        let ring: Vec<[f64; 2]> = (0..=per)
            .map(|t| {
                let a = (t % per) as f64 / per as f64 * std::f64::consts::TAU;
                // Six decimals (about 0.1 m): a million vertices stay within the
                // loader's 32 MiB per file (with full precision they did not, and the
                // 1M case measured the error screen).
                let round = |x: f64| (x * 1e6).round() / 1e6;
                [
                    round(cx + radius * a.cos()),
                    round(cy + radius * 0.6 * a.sin()),
                ]
            })
            .collect();
        let id = format!("c{k}");
        let context = k != 0;
        features.push(serde_json::json!({
            "type": "Feature",
            "properties": {"id": id, "kind": "country", "name": format!("Country {k}"), "aliases": [], "context": context},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }));
    }
    let map = serde_json::json!({"type": "FeatureCollection", "features": features});
    let article = "Synthetic Atlas\n\nA standfirst for a synthetic atlas.\n\nCountry 0 is the only country this paragraph discusses.\n";
    let spec = serde_json::json!({
        "text": "article.txt", "title": "Synthetic Atlas", "author": "Aras", "citation": "Synthetic.",
        "parts": [{"kind": "title", "starts": "Synthetic"}, {"kind": "standfirst", "starts": "A standfirst"}, {"kind": "paragraph", "starts": "Country 0"}]
    });
    let links = serde_json::json!({"links": [{"id": "only", "elements": ["c0"], "selector": {"type": "TextQuoteSelector", "exact": "Country 0 is the only country"}}]});
    let mut files = BTreeMap::new();
    files.insert("article.txt".to_owned(), article.as_bytes().to_vec());
    files.insert("article.json".to_owned(), spec.to_string().into_bytes());
    files.insert("map.geojson".to_owned(), map.to_string().into_bytes());
    files.insert("links.json".to_owned(), links.to_string().into_bytes());
    AtlasSource::Memory(Arc::new(files))
}

/// The world-scale draft atlas `aras new` makes from `tests/fixtures/new/world.txt`
/// (every country of the embedded gazetteer's frame as context, at 1:50m), in memory.
/// `None` if the embedded gazetteer cannot be read.
pub fn world_atlas() -> Option<AtlasSource> {
    crate::geoparse::draft_source(crate::geoparse::WORLD_TEXT, "world.txt")
}

/// Writes [`synthetic_atlas`]'s files into `dir` (created if missing), so the real
/// window can open it with `aras --atlas DIR` (`benches/drag.sh`).
///
/// # Errors
/// Creating `dir` or writing a file, with the path.
pub fn write_synthetic(vertices: usize, dir: &std::path::Path) -> Result<(), String> {
    let AtlasSource::Memory(files) = synthetic_atlas(vertices) else {
        return Err("the synthetic atlas is not in memory".to_owned());
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, bytes) in files.iter() {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// A hit test at a projected point in Armenia, with everything visible.
pub fn hit_once(atlas: &Atlas, at: [f64; 2]) -> Option<model::ElementId> {
    let visible = |_| true;
    atlas.hit(&model::HitQuery {
        at,
        point_radius: 10.0,
        line_tolerance: 8.0,
        visible: &visible,
    })
}

/// Median of `n` timed runs of `f`, in microseconds.
fn median_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Runs every case quickly and returns one JSON line per case.
pub fn run_all() -> Vec<String> {
    let mut out = Vec::new();
    let mut line = |case: &str, us: f64, n: usize| {
        out.push(
            serde_json::json!({"case": case, "median_us": (us * 10.0).round() / 10.0, "runs": n})
                .to_string(),
        );
    };
    let n = 40;
    model_cases(&mut line, n);
    let size = vec2(1400.0, 900.0);
    let mut b = FrameBench::new(AtlasSource::Embedded, size);
    line(
        "frame_default",
        median_us(n, || {
            std::hint::black_box(b.frame(Vec::new()));
        }),
        n,
    );
    b.zoom_in(2);
    let c = b.map_center();
    let mut k: f32 = 0.0;
    line(
        "frame_zoomed_hover",
        median_us(n, || {
            k += 1.0;
            let p = c + vec2((k * 7.0) % 200.0 - 100.0, (k * 3.0) % 120.0 - 60.0);
            std::hint::black_box(b.frame(vec![Event::PointerMoved(p)]));
        }),
        n,
    );
    let mut b = FrameBench::new(AtlasSource::Embedded, size);
    line(
        "frame_panning",
        median_us(n, || {
            std::hint::black_box(pan_frame(&mut b, &mut k));
        }),
        n,
    );
    line(
        "frame_zoom_step",
        median_us(n, || {
            std::hint::black_box(zoom_step_frame(&mut b, &mut k));
        }),
        n,
    );
    if let Some(src) = world_atlas() {
        atlas_cases(&mut line, "world", &src, 10);
    }
    for (label, v) in [
        ("1k", 1_000),
        ("10k", 10_000),
        ("100k", 100_000),
        ("1m", 1_000_000),
    ] {
        let src = synthetic_atlas(v);
        let runs = if v >= 1_000_000 { 3 } else { 10 };
        atlas_cases(&mut line, &format!("{label}_vertices"), &src, runs);
    }
    out
}

/// The cases without a frame: loading, the gazetteer, a hit test, `aras new`.
fn model_cases(line: &mut impl FnMut(&str, f64, usize), n: usize) {
    line(
        "load",
        median_us(n, || {
            let _ = std::hint::black_box(Atlas::embedded());
        }),
        n,
    );
    line(
        "gazetteer_load",
        median_us(5, || {
            let _ = std::hint::black_box(crate::gazetteer::Gazetteer::decode_embedded());
        }),
        5,
    );
    if let Ok(atlas) = Atlas::embedded() {
        let at = atlas.projection.project(44.6, 40.3);
        line(
            "hit_test",
            median_us(2000, || {
                std::hint::black_box(hit_once(&atlas, at));
            }),
            2000,
        );
    }
    if let Ok(gaz) = crate::gazetteer::Gazetteer::embedded() {
        let text = crate::geoparse::bench_text(5000);
        line(
            "new_5000_words",
            median_us(5, || {
                let parsed = crate::geoparse::parse(&text, gaz);
                std::hint::black_box(crate::geoparse::draft::make(
                    &text,
                    "bench.txt",
                    &parsed,
                    gaz,
                ));
            }),
            5,
        );
    }
}

/// Load, default, panning and zoom-step cases for one atlas, named `CASE_{label}`.
fn atlas_cases(
    line: &mut impl FnMut(&str, f64, usize),
    label: &str,
    src: &AtlasSource,
    runs: usize,
) {
    // A case whose atlas does not load would time the error screen: say so instead.
    if let Err(p) = model::load(src) {
        eprintln!("aras bench: the {label} atlas does not load: {p:?}");
        return;
    }
    line(
        &format!("load_{label}"),
        median_us(runs, || {
            let _ = std::hint::black_box(model::load(src));
        }),
        runs,
    );
    let mut b = FrameBench::new(src.clone(), vec2(1400.0, 900.0));
    let mut k: f32 = 0.0;
    line(
        &format!("frame_default_{label}"),
        median_us(20, || {
            std::hint::black_box(b.frame(Vec::new()));
        }),
        20,
    );
    line(
        &format!("frame_panning_{label}"),
        median_us(20, || {
            std::hint::black_box(pan_frame(&mut b, &mut k));
        }),
        20,
    );
    line(
        &format!("frame_zoom_step_{label}"),
        median_us(10, || {
            std::hint::black_box(zoom_step_frame(&mut b, &mut k));
        }),
        10,
    );
}

/// One frame that zooms in or out a step with the `+`/`-` keys (alternately): a view
/// change that is not a gesture, so the scene and the raster of the static layers are
/// both rebuilt at once.
pub fn zoom_step_frame(b: &mut FrameBench, k: &mut f32) -> usize {
    *k += 1.0;
    // A drag left by `pan_frame` ends first.
    let mut events: Vec<Event> = b
        .drag
        .take()
        .map(|pos| Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        })
        .into_iter()
        .collect();
    let key = if (*k as i64) % 2 == 0 {
        egui::Key::Plus
    } else {
        egui::Key::Minus
    };
    let press = |pressed| Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    events.extend([press(true), press(false)]);
    b.frame(events)
}

/// One frame of a drag across the map: the view changes every frame, so the last
/// drawing is moved (with a progressive redraw every 0.3 s of the driver's clock).
/// Drags back and forth to stay in view.
pub fn pan_frame(b: &mut FrameBench, k: &mut f32) -> usize {
    *k += 1.0;
    let dx = if (*k as i64 / 20) % 2 == 0 { 6.0 } else { -6.0 };
    match b.drag {
        None => {
            let c = b.map_center();
            b.drag = Some(c);
            b.frame(drag_events(c, c + vec2(dx, 1.0), true))
        }
        Some(p) => {
            let to = p + vec2(dx, 0.5);
            b.drag = Some(to);
            b.frame(drag_events(p, to, false))
        }
    }
}
