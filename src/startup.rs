//! `ARAS_TRACE_STARTUP=1`: the start's phases, with milliseconds since `main` began, on
//! stderr (issue 13: where the time to the first map goes). Off, each mark is one
//! relaxed atomic load.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static ON: AtomicBool = AtomicBool::new(false);
/// Milliseconds from the kernel's start of the process to [`begin`] (exec, dynamic
/// linking, statics), when known.
static BEFORE_MAIN: OnceLock<Option<f64>> = OnceLock::new();
static PAINTED: AtomicBool = AtomicBool::new(false);

/// Starts the clock (first thing in `main`) and reads `ARAS_TRACE_STARTUP`.
pub fn begin() {
    START.get_or_init(Instant::now);
    ON.store(
        std::env::var_os("ARAS_TRACE_STARTUP").is_some_and(|v| v != "0"),
        Ordering::Relaxed,
    );
    if on() {
        let before = BEFORE_MAIN.get_or_init(before_main_ms);
        if let Some(ms) = before {
            eprintln!(
                "aras startup {:8.1} ms  process started (kernel start time, 10 ms ticks)",
                -ms
            );
        }
    }
}

/// The time since the kernel started this process, in ms: now (`CLOCK_BOOTTIME`) less
/// `/proc/self/stat`'s start time (clock ticks since boot, usually 10 ms). Linux only.
fn before_main_ms() -> Option<f64> {
    #[cfg(target_os = "linux")]
    {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the command name (which may hold spaces): state is field 3,
        // starttime field 22.
        let rest = stat.get(stat.rfind(')')? + 1..)?;
        let ticks: f64 = rest.split_whitespace().nth(19)?.parse().ok()?;
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: both calls only read clocks/configuration; `now` is a valid timespec.
        let (rc, hz) = unsafe {
            (
                libc::clock_gettime(libc::CLOCK_BOOTTIME, &raw mut now),
                libc::sysconf(libc::_SC_CLK_TCK),
            )
        };
        if rc != 0 || hz <= 0 {
            return None;
        }
        let now_ms = now.tv_sec as f64 * 1e3 + now.tv_nsec as f64 / 1e6;
        Some(now_ms - ticks * 1e3 / hz as f64)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// CPU time of the whole process so far (all threads, ms): a start-up figure that
/// other programs on the machine hardly change, unlike the wall clock.
fn process_cpu_ms() -> Option<f64> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: reads a clock into a valid timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &raw mut t) };
    (rc == 0).then(|| t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6)
}

/// Marks the first paint of the map (called from a paint callback drawn with it, on the
/// painting thread, just before the buffer swap), once, with the time since the process
/// started and the process's CPU time: `benches/drag.sh` reads both from this line.
pub fn map_painted() {
    if on() && !PAINTED.swap(true, Ordering::Relaxed) {
        let ms = START.get().map_or(0.0, |s| s.elapsed().as_secs_f64() * 1e3);
        let before = BEFORE_MAIN.get().copied().flatten().unwrap_or(0.0);
        let cpu = process_cpu_ms().map_or_else(|| "?".to_owned(), |c| format!("{c:.0}"));
        mark(&format!(
            "map first painted; process CPU {cpu} ms; since the process started: {:.0}",
            ms + before
        ));
    }
}

/// Whether the trace is on.
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Prints `phase` with the milliseconds since [`begin`] and the calling thread's CPU
/// time (ms; what other programs on the machine hardly change), if the trace is on.
pub fn mark(phase: &str) {
    if on() {
        let ms = START.get().map_or(0.0, |s| s.elapsed().as_secs_f64() * 1e3);
        let cpu = thread_cpu_ms().map_or_else(|| "?".to_owned(), |c| format!("{c:6.1}"));
        eprintln!("aras startup {ms:8.1} ms  (thread CPU {cpu})  {phase}");
    }
}

/// CPU time of the calling thread so far (ms).
fn thread_cpu_ms() -> Option<f64> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: reads a clock into a valid timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut t) };
    (rc == 0).then(|| t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6)
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
