//! `cargo bench`: criterion benchmarks of loading, hit-testing and whole headless frames
//! (UI plus tessellation at 1400×900), on the embedded atlas and on synthetic atlases of
//! 1k, 10k and 100k polygon vertices. `aras bench` runs the same cases quickly.

use std::hint::black_box;

use aras::bench::{FrameBench, hit_once, pan_frame, synthetic_atlas, world_atlas};
use aras::model::{self, Atlas, AtlasSource};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, vec2};

fn load(c: &mut Criterion) {
    c.bench_function("load", |b| b.iter(|| black_box(Atlas::embedded())));
    for (label, v) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let src = synthetic_atlas(v);
        c.bench_function(&format!("load_{label}_vertices"), |b| {
            b.iter(|| black_box(model::load(&src)))
        });
    }
}

fn hit(c: &mut Criterion) {
    let Ok(atlas) = Atlas::embedded() else { return };
    let at = atlas.projection.project(44.6, 40.3);
    c.bench_function("hit_test", |b| b.iter(|| black_box(hit_once(&atlas, at))));
}

fn frames(c: &mut Criterion) {
    aras::alloc::keep_frame_buffers();
    let size = vec2(1400.0, 900.0);
    let mut fb = FrameBench::new(AtlasSource::Embedded, size);
    c.bench_function("frame_default", |b| {
        b.iter(|| black_box(fb.frame(Vec::new())))
    });
    fb.zoom_in(2);
    let centre = fb.map_center();
    let mut k = 0.0f32;
    c.bench_function("frame_zoomed_hover", |b| {
        b.iter(|| {
            k += 1.0;
            let p = centre + vec2((k * 7.0) % 200.0 - 100.0, (k * 3.0) % 120.0 - 60.0);
            black_box(fb.frame(vec![Event::PointerMoved(p)]))
        })
    });
    let mut fb = FrameBench::new(AtlasSource::Embedded, size);
    c.bench_function("frame_panning", |b| {
        b.iter(|| black_box(pan_frame(&mut fb, &mut k)))
    });
    // The world-scale draft of `aras new` (issue 14: default ≤ 2 ms, panning ≤ 5 ms).
    if let Some(src) = world_atlas() {
        let mut fb = FrameBench::new(src, size);
        c.bench_function("frame_default_world", |b| {
            b.iter(|| black_box(fb.frame(Vec::new())))
        });
        c.bench_function("frame_panning_world", |b| {
            b.iter(|| black_box(pan_frame(&mut fb, &mut k)))
        });
    }
    for (label, v) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let mut fb = FrameBench::new(synthetic_atlas(v), size);
        c.bench_function(&format!("frame_default_{label}_vertices"), |b| {
            b.iter(|| black_box(fb.frame(Vec::new())))
        });
        c.bench_function(&format!("frame_panning_{label}_vertices"), |b| {
            b.iter(|| black_box(pan_frame(&mut fb, &mut k)))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = load, hit, frames
}
criterion_main!(benches);
