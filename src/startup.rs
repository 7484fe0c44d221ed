//! `ARAS_TRACE_STARTUP=1`: the start's phases, with milliseconds since `main` began, on
//! stderr (issue 13: where the time to the first map goes). Off, each mark is one
//! relaxed atomic load.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static ON: AtomicBool = AtomicBool::new(false);

/// Starts the clock (first thing in `main`) and reads `ARAS_TRACE_STARTUP`.
pub fn begin() {
    START.get_or_init(Instant::now);
    ON.store(
        std::env::var_os("ARAS_TRACE_STARTUP").is_some_and(|v| v != "0"),
        Ordering::Relaxed,
    );
}

/// Whether the trace is on.
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Prints `phase` with the milliseconds since [`begin`], if the trace is on.
pub fn mark(phase: &str) {
    if on() {
        let ms = START.get().map_or(0.0, |s| s.elapsed().as_secs_f64() * 1e3);
        eprintln!("aras startup {ms:8.1} ms  {phase}");
    }
}

static FRAMES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Counts a frame; the trace follows only the first few.
pub fn next_frame() -> u32 {
    FRAMES.fetch_add(1, Ordering::Relaxed) + 1
}

/// Whether the current frame is one of the first few (worth tracing).
pub fn early() -> bool {
    on() && FRAMES.load(Ordering::Relaxed) <= 4
}
