//! The eframe app: owns the atlas, the shared selection, the persisted state and the
//! panels; lays the panels out; applies the commands they return after the frame.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use crate::model::{self, Atlas, AtlasSource, ElementId, Problems};
use crate::state::Layers;
use crate::state::{MapMemory, Persisted, Selection};
use crate::ui::map::MapPanel;
use crate::ui::reader::ReaderPanel;
use crate::ui::search::SearchPanel;
use crate::ui::style::Palette;
use crate::ui::timeline::TimelinePanel;
use crate::ui::{self, Command, LeftTab, ViewCtx};

/// `aras screenshot`: what to save and at which size.
#[derive(Clone, Debug)]
pub struct ScreenshotRequest {
    pub out: PathBuf,
    pub size: (f32, f32),
    pub dark: bool,
}

/// How the app starts: the loaded atlas (or why not), a deep-linked selection and an
/// optional screenshot to take.
pub struct AppInit {
    pub source: AtlasSource,
    pub atlas: Result<Atlas, Problems>,
    pub select: Option<ElementId>,
    pub screenshot: Option<ScreenshotRequest>,
    /// Ignore and do not write saved state (screenshots, tests that want a clean start).
    pub ephemeral: bool,
    /// Start from this saved state instead of eframe's storage (tests of persistence).
    pub restore: Option<Persisted>,
    /// `--hide`: these layers hidden (and all others shown), overriding saved layers.
    pub layers: Option<Layers>,
}

impl AppInit {
    /// The embedded atlas with nothing selected.
    pub fn embedded() -> Self {
        Self {
            source: AtlasSource::Embedded,
            atlas: model::load(&AtlasSource::Embedded),
            select: None,
            screenshot: None,
            ephemeral: true,
            restore: None,
            layers: None,
        }
    }
}

struct Loaded {
    atlas: Arc<Atlas>,
    map: MapPanel,
    timeline: TimelinePanel,
    reader: ReaderPanel,
    search: SearchPanel,
    /// Elements in reading order (first mention in the article, then context).
    order: Vec<ElementId>,
}

/// Progress of an in-app screenshot.
struct Shot {
    request: ScreenshotRequest,
    frames: u32,
    requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

pub struct ArasApp {
    source: AtlasSource,
    loaded: Result<Loaded, Problems>,
    pub persisted: Persisted,
    pub selection: Selection,
    shot: Option<Shot>,
    ephemeral: bool,
    /// View to frame on the first frame (deep link).
    pending_focus: Option<ElementId>,
    /// Last text put on the clipboard (tests read it).
    pub last_copied: Option<String>,
}

impl ArasApp {
    pub fn new(cc: &eframe::CreationContext<'_>, init: AppInit) -> Self {
        Self::with_result(&cc.egui_ctx, cc.storage, init, Arc::new(Mutex::new(None)))
    }

    /// The app without a window (benchmarks, the monkey test): drive it with
    /// [`ArasApp::ui_frame`] inside `Context::run_ui`.
    pub fn headless(ctx: &egui::Context, init: AppInit) -> Self {
        Self::with_result(ctx, None, init, Arc::new(Mutex::new(None)))
    }

    fn with_result(
        egui_ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        init: AppInit,
        result: Arc<Mutex<Option<Result<(), String>>>>,
    ) -> Self {
        let mut persisted: Persisted = if let Some(p) = init.restore {
            p
        } else if init.ephemeral {
            Persisted::default()
        } else {
            storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default()
        };
        if let Some(shot) = &init.screenshot {
            persisted.dark = shot.dark;
        }
        if let Some(layers) = init.layers {
            persisted.layers = layers;
        }
        if init.select.is_some() {
            // A deep link frames its element from the home view.
            persisted.view = None;
        }
        let loaded = init.atlas.map(|atlas| {
            let order = reading_order(&atlas);
            Loaded {
                map: MapPanel::new(&atlas),
                reader: ReaderPanel::default(),
                timeline: TimelinePanel::default(),
                search: SearchPanel::new(&atlas),
                atlas: Arc::new(atlas),
                order,
            }
        });
        apply_theme(egui_ctx, persisted.dark);
        let selection = Selection {
            selected: init.select,
            hovered: None,
            event: None,
        };
        Self {
            source: init.source,
            loaded,
            persisted,
            selection,
            shot: init.screenshot.map(|request| Shot {
                request,
                frames: 0,
                requested: false,
                image: Arc::new(Mutex::new(None)),
                result,
            }),
            ephemeral: init.ephemeral,
            pending_focus: init.select,
            last_copied: None,
        }
    }

    /// The loaded atlas, if it loaded.
    pub fn atlas(&self) -> Option<&Atlas> {
        self.loaded.as_ref().ok().map(|l| l.atlas.as_ref())
    }

    /// The current map view (the home view once the map has been drawn).
    pub fn view(&self) -> Option<MapMemory> {
        self.persisted.view.or_else(|| {
            let l = self.loaded.as_ref().ok()?;
            let r = l.map.last_rect?;
            Some(MapMemory::fit(
                l.atlas.home_bounds(),
                [r.width() as f64, r.height() as f64],
            ))
        })
    }

    /// Where a geographic point is on screen now (tests use this to click real places).
    pub fn screen_pos(&self, lon: f64, lat: f64) -> Option<egui::Pos2> {
        let l = self.loaded.as_ref().ok()?;
        l.map.screen_pos(&l.atlas, self.view()?, lon, lat)
    }

    /// Screen position of a timeline event's marker, and the events shown (tests).
    pub fn timeline_event_pos(&self, key: &str) -> Option<egui::Pos2> {
        let l = self.loaded.as_ref().ok()?;
        let i = l.atlas.events.iter().position(|e| e.key == key)?;
        l.timeline
            .event_positions
            .iter()
            .find(|(j, _)| *j == i)
            .map(|(_, p)| *p)
    }

    pub fn timeline_shown(&self) -> Vec<String> {
        let Ok(l) = &self.loaded else {
            return Vec::new();
        };
        l.timeline
            .shown
            .iter()
            .filter_map(|i| l.atlas.events.get(*i).map(|e| e.key.clone()))
            .collect()
    }

    /// Screen x of a day on the timeline (tests drag the date cursor there).
    pub fn timeline_x(&self, day: i64) -> Option<f32> {
        let (x0, d0, px) = self.loaded.as_ref().ok()?.timeline.x_mapping?;
        Some(x0 + (day as f64 - d0) as f32 * px)
    }

    /// The map's screen rectangle in the last frame.
    pub fn map_rect(&self) -> Option<egui::Rect> {
        self.loaded.as_ref().ok()?.map.last_rect
    }

    pub fn selected_key(&self) -> Option<&str> {
        let atlas = self.atlas()?;
        Some(atlas.element(self.selection.selected?)?.key.as_str())
    }

    fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for c in commands {
            match c {
                Command::Select(s) => {
                    self.selection.selected = s;
                    self.selection.event = None;
                }
                Command::SelectEvent(i) => {
                    let first = self
                        .atlas()
                        .and_then(|a| a.events.get(i))
                        .and_then(|e| e.elements.first().copied());
                    self.selection.event = Some(i);
                    self.selection.selected = first;
                    if let Some(id) = first {
                        self.bring_into_view(ctx, id, true);
                    }
                }
                Command::SetMapDate(d) => self.persisted.layers.date = d,
                Command::SetPreset(p) => self.persisted.preset = p,
                Command::SetScenario(s) => self.persisted.scenario = s,
                Command::SetRelationColour(c) => self.persisted.relation_colour = c,
                Command::Hover(h) => self.selection.hovered = h,
                Command::SetGroup(g, on) => self.persisted.layers.set_group(g, on),
                Command::SetCorridor(k, on) => self.persisted.layers.set_corridor(&k, on),
                Command::SetDark(d) => {
                    self.persisted.dark = d;
                    apply_theme(ctx, d);
                }
                Command::ResetView => self.persisted.view = None,
                Command::Focus(id) => {
                    self.selection.selected = Some(id);
                    self.selection.event = None;
                    self.bring_into_view(ctx, id, true);
                }
                Command::ShowPassage(range, el) => {
                    if let Some(id) = el {
                        self.selection.selected = Some(id);
                        self.bring_into_view(ctx, id, true);
                    }
                    if let Ok(l) = &mut self.loaded {
                        // After the selection's own scroll, so this one wins.
                        l.reader.show_range(range);
                    }
                    self.persisted.tab = LeftTab::Article;
                }
                Command::Copy(text) => {
                    ctx.copy_text(text.clone());
                    self.last_copied = Some(text);
                }
                Command::CopyLink => {
                    let link = self.link_command();
                    ctx.copy_text(link.clone());
                    self.last_copied = Some(link);
                }
                Command::SetTab(t) => self.persisted.tab = t,
            }
        }
        // Selecting a relation shows the relations layer, so it can be seen.
        if let (Some(s), Ok(l)) = (self.selection.selected, &self.loaded)
            && l.atlas
                .element(s)
                .is_some_and(|e| e.kind == model::Kind::Relation)
        {
            self.persisted
                .layers
                .set_group(crate::state::Group::Relations, true);
        }
        // A selection hidden by a layer change is dropped: hidden elements are not hit.
        if let (Some(s), Ok(l)) = (self.selection.selected, &self.loaded)
            && l.atlas
                .element(s)
                .is_some_and(|e| e.kind == model::Kind::Corridor)
            && !self.persisted.layers.visible(&l.atlas, s)
        {
            self.selection.selected = None;
        }
    }

    /// Brings an element into view on the map (animated unless `animate` is false).
    fn bring_into_view(&mut self, ctx: &egui::Context, id: ElementId, animate: bool) {
        let Some(view) = self.view() else {
            self.pending_focus = Some(id);
            return;
        };
        let Ok(l) = &mut self.loaded else { return };
        let now = ctx.input(|i| i.time);
        if let Some(to) = l.map.focus_on(&l.atlas, id, view, now, animate) {
            self.persisted.view = Some(if animate { view } else { to });
        }
    }

    /// The command line that reopens the current selection and layers.
    pub fn link_command(&self) -> String {
        let mut cmd = String::from("aras");
        if let AtlasSource::Dir(d) = &self.source {
            cmd.push_str(&format!(" --atlas '{}'", d.display()));
        }
        if let Some(key) = self.selected_key() {
            cmd.push_str(&format!(" --select {key}"));
        }
        let hidden = self.persisted.layers.hidden_keys();
        if !hidden.is_empty() {
            cmd.push_str(&format!(" --hide {}", hidden.join(",")));
        }
        cmd
    }

    /// The reader's current passage and visible area on screen (tests).
    pub fn reader_passage_on_screen(&self) -> Option<(egui::Rect, egui::Rect)> {
        let r = &self.loaded.as_ref().ok()?.reader;
        Some((r.passage_rect?, r.viewport?))
    }

    /// Screen rectangles of the mentions drawn in the reader (tests click them).
    pub fn mention_rects(&self, key: &str) -> Vec<egui::Rect> {
        let Ok(l) = &self.loaded else {
            return Vec::new();
        };
        let Some(id) = l.atlas.by_key(key) else {
            return Vec::new();
        };
        l.reader
            .mention_rects
            .iter()
            .filter(|(_, e)| *e == id)
            .map(|(r, _)| *r)
            .collect()
    }

    /// Search results: element keys, then passage texts (tests).
    pub fn search_results(&self) -> (Vec<String>, Vec<String>) {
        let Ok(l) = &self.loaded else {
            return Default::default();
        };
        let r = l.search.results();
        (
            r.elements
                .iter()
                .filter_map(|id| l.atlas.element(*id).map(|e| e.key.clone()))
                .collect(),
            r.passages
                .iter()
                .map(|p| l.atlas.article.slice(&p.sentence).to_owned())
                .collect(),
        )
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.shot else { return };
        shot.frames += 1;
        // Let frames pass so fonts, layout, labels and scroll animations settle.
        if !shot.requested && shot.frames >= 45 {
            let slot = shot.image.clone();
            ctx.request_screenshot(move |img| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(img);
                }
            });
            shot.requested = true;
        }
        let image = shot.image.lock().ok().and_then(|mut s| s.take());
        if let Some(img) = image {
            let res = save_png(&shot.request.out, &img);
            if let Ok(mut r) = shot.result.lock() {
                *r = Some(res);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.request_repaint();
    }
}

impl eframe::App for ArasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if !self.ephemeral {
            eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
        }
    }

    fn persist_egui_memory(&self) -> bool {
        !self.ephemeral
    }
}

impl ArasApp {
    /// One frame of the whole UI.
    pub fn ui_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let loaded = match &mut self.loaded {
            Ok(l) => l,
            Err(problems) => {
                ui::error_screen::ui(ui, &self.source, problems);
                self.screenshot_step(&ctx);
                return;
            }
        };
        let mut commands = Vec::new();
        let atlas = loaded.atlas.clone();
        let view_ctx = ViewCtx {
            atlas: &atlas,
            selection: &self.selection,
            layers: &self.persisted.layers,
            palette: Palette::new(self.persisted.dark),
            order: &loaded.order,
            preset: self.persisted.preset,
            scenario: self
                .persisted
                .scenario
                .as_deref()
                .and_then(|k| atlas.scenarios.iter().find(|s| s.key == k)),
            relation_colour: self.persisted.relation_colour,
        };
        let Loaded {
            map,
            reader,
            search,
            timeline,
            ..
        } = loaded;
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui::top_bar::ui(ui, &view_ctx, search, &mut commands);
        });
        egui::Panel::left("left")
            .resizable(true)
            .default_size(340.0)
            .min_size(220.0)
            .max_size(560.0)
            .show(ui, |ui| {
                let tab = self.persisted.tab;
                ui.horizontal(|ui| {
                    for (t, name) in [
                        (LeftTab::Article, "Article"),
                        (LeftTab::Layers, "Layers and legend"),
                    ] {
                        if ui.selectable_label(tab == t, name).clicked() {
                            commands.push(Command::SetTab(t));
                        }
                    }
                });
                ui.separator();
                match tab {
                    LeftTab::Article => reader.ui(ui, &view_ctx, &mut commands),
                    LeftTab::Layers => ui::layers::ui(ui, &view_ctx, &mut commands),
                }
            });
        egui::Panel::right("selection")
            .resizable(true)
            .default_size(340.0)
            .min_size(240.0)
            .show(ui, |ui| ui::side_panel::ui(ui, &view_ctx, &mut commands));
        if !atlas.events.is_empty() || !atlas.scenarios.is_empty() {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(190.0)
                .min_size(110.0)
                .show(ui, |ui| timeline.ui(ui, &view_ctx, &mut commands));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                map.ui(ui, &view_ctx, &mut self.persisted.view, &mut commands);
            });
        if let Some(id) = self.pending_focus.take() {
            let animate = false;
            self.selection.selected = Some(id);
            self.apply(&ctx, commands);
            self.bring_into_view(&ctx, id, animate);
            self.screenshot_step(&ctx);
            return;
        }
        self.apply(&ctx, commands);
        self.screenshot_step(&ctx);
    }
}

fn apply_theme(ctx: &egui::Context, dark: bool) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
}

/// Elements by first mention in the article, then context elements by kind and name.
pub fn reading_order(atlas: &Atlas) -> Vec<ElementId> {
    let mut ids: Vec<ElementId> = atlas.elements.iter().map(|e| e.id).collect();
    // Position of the first mention: the passage's start plus where the name (or an
    // alias) stands in it, so "Iran–Azerbaijan …" puts Iran before Azerbaijan.
    let first = |id: &ElementId| {
        let Some(el) = atlas.element(*id) else {
            return usize::MAX;
        };
        atlas
            .links_of(*id)
            .iter()
            .filter_map(|l| atlas.link(*l))
            .map(|l| {
                let quote = atlas.article.slice(&l.range);
                let offset = std::iter::once(&el.name)
                    .chain(&el.aliases)
                    .filter_map(|n| quote.find(n.as_str()))
                    .min()
                    .unwrap_or(quote.len());
                l.range.start + offset
            })
            .min()
            .unwrap_or(usize::MAX)
    };
    ids.sort_by_cached_key(|id| {
        let el = atlas.element(*id);
        (
            first(id),
            el.map(|e| e.kind),
            el.map(|e| e.name.clone()).unwrap_or_default(),
        )
    });
    ids
}

/// Writes a PNG atomically: to a temporary file beside it, then renamed.
fn save_png(path: &std::path::Path, img: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buf = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "screenshot has the wrong number of pixels".to_owned())?;
    let tmp = path.with_extension("png.tmp");
    buf.save_with_format(&tmp, image::ImageFormat::Png)
        .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Opens the window (or takes a screenshot). Returns the process exit code.
pub fn run_window(
    source: AtlasSource,
    select: Option<String>,
    hide: Vec<String>,
    screenshot: Option<ScreenshotRequest>,
) -> ExitCode {
    let atlas = model::load(&source);
    let select = match (&atlas, select) {
        (Ok(a), Some(key)) => match a.by_key(&key) {
            Some(id) => Some(id),
            None => {
                eprintln!(
                    "aras: --select: no element with id `{key}`; `aras export --format geojson` lists them"
                );
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let layers = match (&atlas, hide.is_empty()) {
        (_, true) | (Err(_), _) => None,
        (Ok(a), false) => match Layers::from_hidden(a, &hide) {
            Ok(l) => Some(l),
            Err(e) => {
                eprintln!("aras: --hide: {e}");
                return ExitCode::from(2);
            }
        },
    };
    if let Err(p) = &atlas {
        eprint!("{}", p.report(&source.describe()));
    }
    let size = screenshot.as_ref().map_or((1400.0, 900.0), |s| s.size);
    let ephemeral = screenshot.is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Aras: the 2021 Iran–Azerbaijan crisis")
            .with_inner_size([size.0, size.1])
            .with_min_inner_size([640.0, 420.0]),
        persist_window: !ephemeral,
        ..Default::default()
    };
    let result: Arc<Mutex<Option<Result<(), String>>>> = Arc::new(Mutex::new(None));
    let init = AppInit {
        source,
        atlas,
        select,
        screenshot,
        ephemeral,
        restore: None,
        layers,
    };
    let res = result.clone();
    let run = eframe::run_native(
        "aras",
        options,
        Box::new(move |cc| {
            Ok(Box::new(ArasApp::with_result(
                &cc.egui_ctx,
                cc.storage,
                init,
                res,
            )))
        }),
    );
    if let Err(e) = run {
        eprintln!("aras: cannot open the window: {e}");
        return ExitCode::FAILURE;
    }
    if ephemeral {
        return match result.lock().ok().and_then(|mut r| r.take()) {
            Some(Ok(())) => ExitCode::SUCCESS,
            Some(Err(e)) => {
                eprintln!("aras: {e}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!("aras: the window closed before the screenshot was taken");
                ExitCode::FAILURE
            }
        };
    }
    ExitCode::SUCCESS
}
