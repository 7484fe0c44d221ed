//! The real-window harness: the release app under its own Xvfb display, driven like a
//! person with xdotool (pointer, keys), xclip (the desktop clipboard) and ImageMagick's
//! `import` (screenshots compared by region). Controls are found by name in
//! `aras layout` at the same size (the same rectangles at pixels_per_point 1).
//!
//! Needs Xvfb, xdotool, xclip and imagemagick (`.ci/run` installs them) and the release
//! binary (`target/release/aras`, or `ARAS_BIN`).

#![allow(
    dead_code,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aras::layout::{Item, Layout, LayoutRequest};
use aras::model::AtlasSource;
use egui::Rect;
use image::RgbImage;

/// Screen of every display: room for the largest window the tests use.
const SCREEN: (u32, u32) = (1920, 1400);

/// The release binary the tests drive.
pub fn bin() -> PathBuf {
    std::env::var_os("ARAS_BIN").map_or_else(
        || crate::common::manifest().join("target/release/aras"),
        PathBuf::from,
    )
}

/// An Xvfb server on a display number it picked itself (`-displayfd`), killed on drop.
pub struct Xvfb {
    child: Child,
    pub number: u32,
}

impl Xvfb {
    /// Starts Xvfb; two servers starting at once can race for a display number, so an
    /// attempt that reports none is retried.
    pub fn start() -> Self {
        for _ in 0..5 {
            if let Some(x) = Self::try_start() {
                return x;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        panic!("Xvfb did not start (apt-get install xvfb)");
    }

    fn try_start() -> Option<Self> {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-noreset",
                "-screen",
                "0",
            ])
            .arg(format!("{}x{}x24", SCREEN.0, SCREEN.1))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (apt-get install xvfb)");
        let mut line = String::new();
        let read = child
            .stdout
            .take()
            .map(|out| BufReader::new(out).read_line(&mut line));
        match (read, line.trim().parse()) {
            (Some(Ok(_)), Ok(number)) => Some(Self { child, number }),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                None
            }
        }
    }

    pub fn display(&self) -> String {
        format!(":{}", self.number)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The running app in its own display and its own HOME / XDG_DATA_HOME.
pub struct App {
    pub x: Xvfb,
    child: Option<Child>,
    pub home: tempfile::TempDir,
    pub window: String,
    pub size: (u32, u32),
    pub args: Vec<String>,
    /// `xclip -quiet` serving a clipboard we set, killed on drop.
    clip_owner: Option<Child>,
}

impl App {
    /// Starts `aras ARGS` at `size` and waits for its first settled frame.
    pub fn start(args: &[&str], size: (u32, u32)) -> Self {
        let x = Xvfb::start();
        let home = tempfile::tempdir().expect("temp home");
        let mut app = Self {
            x,
            child: None,
            home,
            window: String::new(),
            size,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            clip_owner: None,
        };
        app.launch();
        app
    }

    /// `aras` (no arguments yet) in this app's display and home, at scale 1: how the app
    /// and any other run of it (`aras screenshot`) see the same saved state.
    pub fn aras(&self) -> Command {
        let mut cmd = Command::new(bin());
        cmd.env("DISPLAY", self.x.display())
            .env("HOME", self.home.path())
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("WINIT_X11_SCALE_FACTOR", "1")
            .env_remove("WAYLAND_DISPLAY");
        cmd
    }

    /// (Re)launches the app in this display and home, sized, focused and settled.
    pub fn launch(&mut self) {
        let log = std::fs::File::create(self.home.path().join("aras.log")).expect("log");
        let child = self
            .aras()
            .args(&self.args)
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin().display()));
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        self.window = loop {
            let out = self.xdo_try(&["search", "--onlyvisible", "--name", "Aras"]);
            if let Some(w) = out.lines().last().filter(|w| !w.is_empty()) {
                break w.to_owned();
            }
            assert!(Instant::now() < deadline, "no Aras window: {}", self.log());
            std::thread::sleep(Duration::from_millis(200));
        };
        let (w, h) = (self.size.0.to_string(), self.size.1.to_string());
        self.xdo(&["windowsize", "--sync", &self.window.clone(), &w, &h]);
        self.xdo(&["windowfocus", "--sync", &self.window.clone()]);
        self.settle();
    }

    /// The app's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Waits for an app killed from outside to be gone (before [`App::launch`] again).
    pub fn reap(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.wait();
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.home.path().join("aras.log")).unwrap_or_default()
    }

    /// Runs `xdotool ARGS` on this display: what it printed, whether it failed or not.
    fn xdo_try(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.xdo_output(args).stdout).into_owned()
    }

    /// Runs `xdotool ARGS`; panics if it fails.
    pub fn xdo(&self, args: &[&str]) -> String {
        let out = self.xdo_output(args);
        assert!(
            out.status.success(),
            "xdotool {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn xdo_output(&self, args: &[&str]) -> std::process::Output {
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", self.x.display())
            .output()
            .expect("xdotool runs (apt-get install xdotool)")
    }

    /// Moves the pointer to window coordinates (points = pixels here).
    pub fn move_to(&self, x: f32, y: f32) {
        let (x, y) = (x.round().to_string(), y.round().to_string());
        self.xdo(&["mousemove", "--sync", "--window", &self.window, &x, &y]);
        std::thread::sleep(Duration::from_millis(80));
    }

    /// Moves to the point, clicks the left button, and waits for the app to settle.
    pub fn click(&self, x: f32, y: f32) {
        self.move_to(x, y);
        self.xdo(&["click", "1"]);
        self.settle();
    }

    /// Clicks the centre of a rectangle.
    pub fn click_rect(&self, r: Rect) {
        self.click(r.center().x, r.center().y);
    }

    /// Turns the mouse wheel `n` notches (up if `up`) at the pointer.
    pub fn wheel(&self, up: bool, n: u32) {
        let button = if up { "4" } else { "5" };
        for _ in 0..n {
            self.xdo(&["click", button]);
            std::thread::sleep(Duration::from_millis(30));
        }
        self.settle();
    }

    /// Presses keys (xdotool names: "plus", "ctrl+v", "Tab", "Return") and settles.
    pub fn key(&self, keys: &str) {
        self.xdo(&["key", "--clearmodifiers", keys]);
        self.settle();
    }

    /// Types ASCII text and settles.
    pub fn type_text(&self, text: &str) {
        self.xdo(&["type", "--delay", "30", text]);
        self.settle();
    }

    /// The desktop clipboard's text (empty if it holds none).
    pub fn clipboard(&self) -> String {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", self.x.display())
            .output()
            .expect("xclip runs (apt-get install xclip)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits up to 5 s for the clipboard to hold something containing `needle`.
    pub fn wait_clipboard(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let text = self.clipboard();
            if text.contains(needle) || Instant::now() > deadline {
                return text;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Puts `text` on the desktop clipboard, owned by an xclip this harness ends.
    pub fn set_clipboard(&mut self, text: &str) {
        if let Some(mut old) = self.clip_owner.take() {
            let _ = old.kill();
            let _ = old.wait();
        }
        let mut child = Command::new("xclip")
            .args(["-quiet", "-selection", "clipboard", "-i"])
            .env("DISPLAY", self.x.display())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("xclip runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write to xclip");
        self.clip_owner = Some(child);
        std::thread::sleep(Duration::from_millis(200));
    }

    /// The window as it is on screen now (RGB, window coordinates).
    pub fn screenshot(&self) -> RgbImage {
        let (w, h) = self.size;
        let out = Command::new("import")
            .args(["-window", "root", "-crop"])
            .arg(format!("{w}x{h}+0+0"))
            .args(["+repage", "-depth", "8", "rgb:-"])
            .env("DISPLAY", self.x.display())
            .output()
            .expect("import runs (apt-get install imagemagick)");
        assert!(out.status.success(), "import failed");
        RgbImage::from_raw(w, h, out.stdout).expect("a whole screenshot")
    }

    /// Waits until two screenshots 150 ms apart are the same (at most 6 s): animations
    /// and repaints are over.
    pub fn settle(&self) {
        std::thread::sleep(Duration::from_millis(150));
        let deadline = Instant::now() + Duration::from_secs(6);
        let mut last = self.screenshot();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(150));
            let now = self.screenshot();
            if now == last {
                return;
            }
            last = now;
        }
    }

    /// Saves a screenshot for a person to look at when a test fails.
    pub fn save(&self, name: &str) -> PathBuf {
        let dir = crate::common::manifest().join("target/window-shots");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        let _ = self.screenshot().save(&path);
        path
    }

    /// `aras layout` of this window (same size and arguments that layout accepts).
    pub fn layout(&self, req: LayoutRequest) -> Layout {
        layout_at(self.size, req)
    }

    /// Closes the window as a window manager would (WM_DELETE_WINDOW), so the app saves
    /// its state; waits for it to exit and returns whether it exited cleanly.
    pub fn close(&mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return true;
        };
        let id: u32 = self.window.trim().parse().expect("window id");
        send_wm_delete(self.x.number, id);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return status.success();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(mut c) = self.clip_owner.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `aras layout` at `size` (a library call: the same code as the command).
pub fn layout_at(size: (u32, u32), mut req: LayoutRequest) -> Layout {
    req.size = (size.0 as f32, size.1 as f32);
    aras::layout::layout(&AtlasSource::Embedded, &req).expect("layout")
}

/// The control named `name` (exactly) in a layout.
pub fn control<'a>(layout: &'a Layout, name: &str) -> &'a Item {
    layout
        .items
        .iter()
        .find(|i| i.kind == "control" && i.id == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = controls(layout).map(|i| i.id.as_str()).collect();
            panic!("no control named {name:?}; controls: {names:?}")
        })
}

pub fn controls(layout: &Layout) -> impl Iterator<Item = &Item> {
    layout.items.iter().filter(|i| i.kind == "control")
}

pub fn panel(layout: &Layout, name: &str) -> Option<Rect> {
    layout
        .items
        .iter()
        .find(|i| i.kind == "panel" && i.id == name)
        .map(|i| i.rect)
}

/// Share (0–1) of pixels inside `r` that differ between two screenshots by more than a
/// little (anti-aliasing noise).
pub fn changed_fraction(a: &RgbImage, b: &RgbImage, r: Rect) -> f32 {
    let (mut n, mut changed) = (0u32, 0u32);
    for (x, y) in pixels_in(a, r) {
        let (p, q) = (a.get_pixel(x, y), b.get_pixel(x, y));
        let d: i32 = (0..3).map(|c| (p[c] as i32 - q[c] as i32).abs()).sum();
        n += 1;
        if d > 24 {
            changed += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        changed as f32 / n as f32
    }
}

/// Number of pixels inside `r` within `tol` (per channel) of `rgb`.
pub fn colour_count(img: &RgbImage, r: Rect, rgb: [u8; 3], tol: u8) -> usize {
    pixels_in(img, r)
        .filter(|&(x, y)| {
            let p = img.get_pixel(x, y);
            (0..3).all(|c| p[c].abs_diff(rgb[c]) <= tol)
        })
        .count()
}

/// Per row of `r`, how many pixels are dark ink (luminance below 100): the text's
/// silhouette, used to tell whether text moved vertically.
pub fn ink_rows(img: &RgbImage, r: Rect) -> Vec<u32> {
    let (x0, y0, x1, y1) = clamp(img, r);
    (y0..y1)
        .map(|y| {
            (x0..x1)
                .filter(|&x| {
                    let p = img.get_pixel(x, y);
                    let lum = 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32;
                    lum < 100.0
                })
                .count() as u32
        })
        .collect()
}

/// The vertical shift (in pixels, `-max..=max`) that best lines up two ink profiles:
/// 0 when the text did not scroll.
pub fn best_shift(before: &[u32], after: &[u32], max: i32) -> i32 {
    let score = |s: i32| -> f64 {
        let mut sum = 0.0;
        let mut n = 0.0;
        for (i, &a) in before.iter().enumerate() {
            let j = i as i32 + s;
            if j >= 0 && (j as usize) < after.len() {
                sum += (a as f64 - after[j as usize] as f64).abs();
                n += 1.0;
            }
        }
        if n < before.len() as f64 / 2.0 {
            f64::INFINITY
        } else {
            sum / n
        }
    };
    (-max..=max)
        .min_by(|a, b| score(*a).total_cmp(&score(*b)).then(a.abs().cmp(&b.abs())))
        .unwrap_or(0)
}

fn clamp(img: &RgbImage, r: Rect) -> (u32, u32, u32, u32) {
    let fit = |v: f32, hi: u32| (v.round().max(0.0) as u32).min(hi);
    (
        fit(r.min.x, img.width()),
        fit(r.min.y, img.height()),
        fit(r.max.x, img.width()),
        fit(r.max.y, img.height()),
    )
}

fn pixels_in(img: &RgbImage, r: Rect) -> impl Iterator<Item = (u32, u32)> {
    let (x0, y0, x1, y1) = clamp(img, r);
    (y0..y1).flat_map(move |y| (x0..x1).map(move |x| (x, y)))
}

/// Sends the window a WM_DELETE_WINDOW client message, as a window manager's close
/// button does, over the display's Unix socket (plain X11 protocol; Xvfb here has no
/// access control for local clients).
pub fn send_wm_delete(display: u32, window: u32) {
    let mut s = UnixStream::connect(format!("/tmp/.X11-unix/X{display}")).expect("X socket");
    // Connection setup: little-endian, protocol 11.0, no authorisation.
    s.write_all(&[b'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        .expect("setup");
    let mut head = [0u8; 8];
    s.read_exact(&mut head).expect("setup reply");
    assert_eq!(head[0], 1, "X server refused the connection");
    let extra = u16::from_le_bytes([head[6], head[7]]) as usize * 4;
    let mut rest = vec![0u8; extra];
    s.read_exact(&mut rest).expect("setup data");
    let protocols = intern_atom(&mut s, "WM_PROTOCOLS");
    let delete = intern_atom(&mut s, "WM_DELETE_WINDOW");
    // SendEvent (25), no propagation, length 11 words, to `window`, empty mask (the
    // window's creator gets it), then a 32-byte ClientMessage (33), format 32.
    let mut req = vec![25u8, 0];
    req.extend_from_slice(&11u16.to_le_bytes());
    req.extend_from_slice(&window.to_le_bytes());
    req.extend_from_slice(&0u32.to_le_bytes());
    req.extend_from_slice(&[33, 32, 0, 0]);
    req.extend_from_slice(&window.to_le_bytes());
    req.extend_from_slice(&protocols.to_le_bytes());
    for word in [delete, 0, 0, 0, 0] {
        req.extend_from_slice(&word.to_le_bytes());
    }
    s.write_all(&req).expect("SendEvent");
    // A round trip (another InternAtom) makes sure the server has handled it.
    intern_atom(&mut s, "WM_DELETE_WINDOW");
}

fn intern_atom(s: &mut UnixStream, name: &str) -> u32 {
    let pad = (4 - name.len() % 4) % 4;
    let words = (8 + name.len() + pad) / 4;
    let mut req = vec![16u8, 0];
    req.extend_from_slice(&(words as u16).to_le_bytes());
    req.extend_from_slice(&(name.len() as u16).to_le_bytes());
    req.extend_from_slice(&[0, 0]);
    req.extend_from_slice(name.as_bytes());
    req.extend(std::iter::repeat_n(0u8, pad));
    s.write_all(&req).expect("InternAtom");
    let mut reply = [0u8; 32];
    s.read_exact(&mut reply).expect("InternAtom reply");
    assert_eq!(reply[0], 1, "InternAtom {name} failed");
    u32::from_le_bytes([reply[8], reply[9], reply[10], reply[11]])
}

/// Pixels of the light theme's selection outline inside `map`: how much of a selected
/// element the map shows.
pub fn selection_outline(img: &RgbImage, map: Rect) -> usize {
    let [r, g, b, _] = aras::ui::style::Palette::new(false).selection.to_array();
    colour_count(img, map, [r, g, b], 30)
}

/// `req` two zoom steps out from the home view (what two presses of `-` show), where
/// Syria and Iraq come into view.
pub fn two_steps_out(req: LayoutRequest) -> LayoutRequest {
    LayoutRequest {
        zoom: Some(1.0 / (1.5 * 1.5)),
        ..req
    }
}

/// Zooms the window in on the map's north-west (the Black Sea), far from Azerbaijan.
pub fn zoom_in_far_from_the_core(app: &App, map: Rect) {
    app.move_to(map.min.x + 150.0, map.min.y + 200.0);
    app.wheel(true, 8);
}

/// The fraction of the map's pixels that change when `keys` are pressed (xdotool names)
/// in a fresh window of `size`, the pointer parked where it hovers nothing.
pub fn map_change_after_keys(size: (u32, u32), keys: &[&str]) -> f32 {
    let l = layout_at(size, LayoutRequest::default());
    let map = l.map.expect("the layout has a map");
    let app = App::start(&[], size);
    app.move_to(app.size.0 as f32 - 2.0, app.size.1 as f32 - 2.0);
    app.settle();
    let start = app.screenshot();
    for k in keys {
        app.key(k);
    }
    app.settle();
    changed_fraction(&start, &app.screenshot(), map)
}
