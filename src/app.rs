//! The eframe app: owns the atlas, the shared selection, the persisted state and the
//! panels; lays the panels out; applies the commands they return after the frame.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use crate::model::{self, Atlas, AtlasSource, ElementId, Problems};
use crate::state::Layers;
use crate::state::{MapMemory, Persisted, Selection};
use crate::ui::author::Author;
use crate::ui::map::MapPanel;
use crate::ui::reader::ReaderPanel;
use crate::ui::search::SearchPanel;
use crate::ui::side_panel::SidePanel;
use crate::ui::style::Palette;
use crate::ui::timeline::TimelinePanel;
use crate::ui::top_bar::{Bar, TWO_ROWS_BELOW};
use crate::ui::{self, Command, Drawer, LeftTab, Origin, ViewCtx};

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
    /// `--hide`, `--show`, `--date`: these layers, overriding saved layers.
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

impl Loaded {
    fn new(atlas: Atlas) -> Self {
        let order = reading_order(&atlas);
        Self {
            map: MapPanel::new(&atlas),
            reader: ReaderPanel::default(),
            timeline: TimelinePanel::default(),
            search: SearchPanel::new(&atlas),
            side: SidePanel::default(),
            colours: Arc::new(crate::ui::style::AtlasColours::of(&atlas)),
            atlas: Arc::new(atlas),
            order,
        }
    }
}

struct Loaded {
    atlas: Arc<Atlas>,
    /// The atlas's own colours for its countries, routes and claimants (once per atlas).
    colours: Arc<crate::ui::style::AtlasColours>,
    map: MapPanel,
    timeline: TimelinePanel,
    reader: ReaderPanel,
    search: SearchPanel,
    side: SidePanel,
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
    /// The view the last focus on an element framed it in: "Copy link" adds `--view`
    /// only when the map was moved from it (the link's `--select` frames it again).
    framed: Option<(ElementId, MapMemory)>,
    /// The relation whose selection last switched the relations layer on, and whether
    /// the layer was on before (if not, it goes off again with the selection).
    revealed_for: Option<(ElementId, bool)>,
    /// Events held back until the keys typed before them have reached their field.
    input_order: ui::input_order::InputOrder,
    /// Last text put on the clipboard (tests read it).
    pub last_copied: Option<String>,
    /// Which panels the user wants shown.
    drawers: Drawers,
    /// A short confirmation ("Link copied") and when it appeared (seconds).
    toast: Option<(String, f64)>,
    /// The map's widget id last frame (F6 and "Skip to map" focus it).
    map_id: Option<egui::Id>,
    /// Author mode's session, once opened (`aras edit DIR` or the "Edit" switch); kept
    /// when the switch is turned off, so no edit is lost.
    pub author: Option<Author>,
    /// Whether the author panels are shown.
    author_on: bool,
    /// The map's raster count when free memory was last given back, and whether the
    /// next frame gives it back (after this one's paint has freed its textures).
    released_at: (u64, bool),
    /// The panels' pixels, copied back instead of drawn during a gesture (issue 13).
    panel_pixels: ui::panel_pixels::PanelPixels,
    /// The window width the side panels were last fitted to (`None` before the first
    /// frame): see [`refit_side_panel`].
    fitted_width: Option<f32>,
}

/// Which panels around the map the user wants shown. In a narrow window only one of the
/// side panels fits: the one opened last.
#[derive(Clone, Copy, Debug)]
struct Drawers {
    reader: bool,
    details: bool,
    timeline: bool,
    /// The user opened the timeline: in a small window it is a drawer, closed until asked.
    timeline_asked: bool,
    last: Drawer,
}

impl Default for Drawers {
    fn default() -> Self {
        Self {
            reader: true,
            details: true,
            timeline: true,
            timeline_asked: false,
            last: Drawer::Details,
        }
    }
}

/// How long a copy confirmation stays (seconds), of which the last part fades.
const TOAST_SECONDS: f64 = 1.8;
const TOAST_FADE: f64 = 0.6;

/// Panel sizes for one window size: `None` hides a panel. The map keeps at least half
/// the window's width and height; the panels shrink, then hide, to make room.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    pub reader: Option<egui::Rangef>,
    pub details: Option<egui::Rangef>,
    pub timeline: Option<egui::Rangef>,
    pub two_rows: bool,
}

/// Below this width (points) only one side panel is shown at a time.
const ONE_SIDE_BELOW: f32 = 1100.0;
/// Below this width (points) the side panel takes at most 40% of the width and the
/// timeline is a drawer, closed until asked for, so the map keeps half the window's area.
const SMALL_BELOW: f32 = 800.0;

fn plan(size: egui::Vec2, d: Drawers, has_timeline: bool) -> Plan {
    let two_rows = size.x < TWO_ROWS_BELOW;
    let small = size.x < SMALL_BELOW;
    // Half the width for the side panels (40% when small), less their separators.
    let share = if small { 0.4 } else { 0.5 };
    let budget = (size.x * share - 12.0).max(0.0);
    let range = |min: f32, max: f32| {
        let max = max.min(budget);
        (max >= 160.0).then(|| egui::Rangef::new(min.min(max), max))
    };
    let (reader, details) = if size.x >= ONE_SIDE_BELOW {
        let each = if d.reader && d.details {
            budget / 2.0
        } else {
            budget
        };
        (
            d.reader.then(|| range(200.0, each.min(560.0))).flatten(),
            d.details.then(|| range(220.0, each.min(560.0))).flatten(),
        )
    } else {
        let reader = d.reader && (!d.details || d.last == Drawer::Reader);
        let details = d.details && !reader;
        (
            reader.then(|| range(200.0, 420.0)).flatten(),
            details.then(|| range(220.0, 420.0)).flatten(),
        )
    };
    // The map keeps half the height: the timeline gets what is left under the top bar.
    let top = if two_rows { 64.0 } else { 36.0 };
    let tl_max = (size.y / 2.0 - top).min(320.0);
    let wanted = d.timeline && (!small || d.timeline_asked);
    let timeline =
        (has_timeline && wanted && tl_max >= 110.0).then(|| egui::Rangef::new(110.0, tl_max));
    Plan {
        reader,
        details,
        timeline,
        two_rows,
    }
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
        mut init: AppInit,
        result: Arc<Mutex<Option<Result<(), String>>>>,
    ) -> Self {
        let atlas = std::mem::replace(&mut init.atlas, Err(Problems::default()));
        Self::with_loaded(egui_ctx, storage, init, atlas.map(Loaded::new), result)
    }

    /// [`Self::with_result`] with the atlas's panels already made (`init.atlas` is not
    /// read): the window makes them on the loading thread, while eframe makes the window.
    fn with_loaded(
        egui_ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        init: AppInit,
        loaded: Result<Loaded, Problems>,
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
        // The saved map date and view are one atlas's (eframe keeps one state).
        persisted = persisted.for_atlas(&atlas_identity(&init.source));
        if let Some(shot) = &init.screenshot {
            persisted.dark = shot.dark;
        }
        if let Some(layers) = init.layers {
            // A link's view: its layers and date, and no saved scenario dimming it.
            persisted.layers = layers;
            persisted.scenario = None;
        }
        if init.select.is_some() {
            // A deep link frames its element from the home view.
            persisted.view = None;
        }
        crate::startup::mark("panels made");
        // Up to two re-runs of a pass whose layout changed (the start's timeline), so
        // the first frame shown is laid out as it stays.
        egui_ctx.options_mut(|o| o.max_passes = std::num::NonZeroUsize::MIN.saturating_add(2));
        apply_theme(egui_ctx, persisted.dark);
        crate::ui::fonts::install(egui_ctx);
        crate::startup::mark("fonts installed");
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
            framed: None,
            revealed_for: None,
            input_order: Default::default(),
            last_copied: None,
            drawers: Drawers::default(),
            toast: None,
            map_id: None,
            author: None,
            author_on: false,
            released_at: (0, false),
            panel_pixels: ui::panel_pixels::PanelPixels::default(),
            fitted_width: None,
        }
    }

    /// Opens author mode on `dir` (the atlas the window shows should be that directory's).
    ///
    /// # Errors
    /// A file of `dir` cannot be read; the message names it.
    pub fn start_author(&mut self, dir: &std::path::Path) -> Result<(), String> {
        self.author = Some(Author::open(dir)?);
        self.author_on = true;
        Ok(())
    }

    /// Whether the author panels are shown.
    pub fn author_mode(&self) -> bool {
        self.author_on && self.author.is_some()
    }

    /// The "Edit" switch: opens author mode on the atlas's directory the first time.
    fn toggle_edit(&mut self, ctx: &egui::Context) {
        if self.author.is_some() {
            self.author_on = !self.author_on;
            return;
        }
        if let AtlasSource::Dir(dir) = &self.source {
            let dir = dir.clone();
            if let Err(e) = self.start_author(&dir) {
                self.toast = Some((format!("Cannot edit: {e}"), ctx.input(|i| i.time)));
            }
        }
    }

    /// After an edit: the live check's clean atlas replaces the one drawn (the selection
    /// and view kept by key), and a link or element just made selects its element and
    /// brings it into view.
    fn after_edits(&mut self, ctx: &egui::Context) {
        let Some(author) = &mut self.author else {
            return;
        };
        author.autosave(ctx);
        author.intercept_close(ctx);
        let fresh = author.check_due();
        let Some(atlas) = author.recheck() else {
            // Problems: the element just linked is selected in the atlas drawn, if it
            // has it (trial10 #7).
            let drawn = self.loaded.as_mut().ok().filter(|_| fresh);
            if let Some(l) = drawn
                && let Some((id, range)) = author.pending_in(&l.atlas)
            {
                if let Some(range) = range {
                    l.reader.show_range(&l.atlas, range, Some(id));
                }
                self.selection = Selection {
                    selected: Some(id),
                    hovered: None,
                    event: None,
                };
                self.pending_focus = Some(id);
                ctx.request_repaint();
            }
            return;
        };
        let pending = author.pending_select.take();
        let passage = author.pending_passage.take();
        let made = pending.is_some();
        let key = pending.or_else(|| self.selected_key().map(str::to_owned));
        let select = key.and_then(|k| atlas.by_key(&k));
        // An element just made or linked is brought into view once the new atlas's map
        // has been drawn (trial7 #15: a place added off screen was not shown).
        if made {
            self.pending_focus = select;
        }
        // The event picked stays picked (by its key), so its editor stays open while its
        // fields are saved one by one (trial s9 #14).
        let event_key = self.selection.event.and_then(|i| {
            let old = self.loaded.as_ref().ok()?;
            Some(old.atlas.events.get(i)?.key.clone())
        });
        let event = event_key.and_then(|k| atlas.events.iter().position(|e| e.key == k));
        let mut l = Loaded::new(atlas);
        if let Ok(old) = &mut self.loaded {
            // The reader keeps its place; its layout is made again for the new atlas.
            std::mem::swap(&mut l.reader, &mut old.reader);
            // An edit recolours nothing that was there (trial8 #10).
            l.colours = Arc::new(crate::ui::style::AtlasColours::keeping(
                &l.atlas,
                &old.colours,
            ));
            l.reader.invalidate();
            l.reader.text_selection = None;
        }
        if let Some(range) = passage {
            l.reader.show_range(&l.atlas, range, select);
        }
        self.loaded = Ok(l);
        self.selection = Selection {
            selected: select,
            hovered: None,
            event,
        };
        ctx.request_repaint();
    }

    /// The loaded atlas, if it loaded.
    pub fn atlas(&self) -> Option<&Atlas> {
        self.loaded.as_ref().ok().map(|l| l.atlas.as_ref())
    }

    /// The atlas's own colours (tests: an edit recolours nothing).
    pub fn colours(&self) -> Option<&crate::ui::style::AtlasColours> {
        self.loaded.as_ref().ok().map(|l| l.colours.as_ref())
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

    /// The timeline as drawn last frame: label and toolbar rectangles (tests).
    pub fn timeline_panel(&self) -> Option<&TimelinePanel> {
        Some(&self.loaded.as_ref().ok()?.timeline)
    }

    /// Screen x of a day on the timeline (tests drag the date cursor there).
    pub fn timeline_x(&self, day: i64) -> Option<f32> {
        let (x0, d0, px) = self.loaded.as_ref().ok()?.timeline.x_mapping?;
        Some(x0 + (day as f64 - d0) as f32 * px)
    }

    /// The map panel, for measuring its layout (`aras layout`, tests).
    pub fn map_panel(&self) -> Option<&MapPanel> {
        self.loaded.as_ref().ok().map(|l| &l.map)
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
        let before = self.selection.clone();
        // One owner of the hover per frame: the panel under the pointer reports what it
        // hovers; the others report nothing, so no panel can clear another's hover.
        self.selection.hovered = None;
        for c in commands {
            self.command(ctx, c);
        }
        // Selecting a relation shows the relations layer, so it can be seen; switching the
        // layer off afterwards drops the selection, as for any hidden element.
        self.reveal_relation();
        // A selection hidden by a layer switch is dropped: hidden elements are not hit.
        // One the map date hides is kept (the side panel says so), for the next date.
        if let (Some(s), Ok(l)) = (self.selection.selected, &self.loaded)
            && l.atlas
                .element(s)
                .is_some_and(|e| e.kind == model::Kind::Corridor)
            && !self.persisted.layers.switched_on(&l.atlas, s)
        {
            self.selection.selected = None;
        }
        // The panels read the selection when they are drawn: draw once more to show it.
        if self.selection != before {
            ctx.request_repaint();
        }
    }

    /// Whether the selection is a relation.
    fn relation_selected(&self) -> bool {
        let (Some(s), Ok(l)) = (self.selection.selected, &self.loaded) else {
            return false;
        };
        l.atlas
            .element(s)
            .is_some_and(|e| e.kind == model::Kind::Relation)
    }

    /// Shows the relations layer when a relation has just been selected (however it
    /// was: a click, a link, a search, an author's new relation), and hides it again
    /// when no relation is selected any more if it was hidden before; once the user
    /// switches the layer off, drops that selection, as for any hidden element.
    fn reveal_relation(&mut self) {
        let relations = crate::state::Group::Relations;
        let shown = self.persisted.layers.group_visible(relations);
        let selected = self.selection.selected.filter(|_| self.relation_selected());
        let Some(sel) = selected else {
            // Shown only for the relation that is no longer selected: off again (trial14
            // #4: after Esc every arrow stayed over the core).
            if let Some((_, false)) = self.revealed_for {
                self.persisted.layers.set_group(relations, false);
            }
            self.revealed_for = None;
            return;
        };
        if self.revealed_for.map(|(id, _)| id) != Some(sel) {
            let was_on = self.revealed_for.map_or(shown, |(_, on)| on);
            self.revealed_for = Some((sel, was_on));
            self.persisted.layers.set_group(relations, true);
        } else if !shown {
            self.selection.selected = None;
            self.revealed_for = None;
        }
    }

    /// The state to save or to write in a link: the relations layer as the user left it,
    /// not as a selected relation revealed it (saved on, it stayed on at the next start
    /// with nothing selected; a link's opener reveals it again for the relation).
    fn kept(&self) -> Persisted {
        let mut p = self.persisted.clone();
        if let Some((_, false)) = self.revealed_for {
            p.layers.set_group(crate::state::Group::Relations, false);
        }
        p
    }

    /// Applies one command of the frame.
    fn command(&mut self, ctx: &egui::Context, c: Command) {
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
            Command::Hover(h) => {
                if h.is_some() {
                    self.selection.hovered = h;
                }
            }
            Command::SetGroup(g, on) => self.persisted.layers.set_group(g, on),
            Command::SetCorridor(k, on) => self.persisted.layers.set_corridor(&k, on),
            Command::SetDark(d) => {
                self.persisted.dark = d;
                apply_theme(ctx, d);
            }
            Command::ResetView => self.persisted.view = None,
            Command::Focus(id, origin) => {
                self.selection.selected = Some(id);
                self.selection.event = None;
                self.bring_into_view(ctx, id, true);
                if let (Origin::Reader { at }, Ok(l)) = (origin, &mut self.loaded) {
                    l.reader.keep_place(&l.atlas, id, at);
                }
            }
            Command::ShowPassage(range, el) => {
                if let Some(id) = el {
                    self.selection.selected = Some(id);
                    self.selection.event = None;
                    self.bring_into_view(ctx, id, true);
                }
                if let Ok(l) = &mut self.loaded {
                    l.reader
                        .show_range(&l.atlas, range, self.selection.selected);
                }
                self.persisted.tab = LeftTab::Article;
                self.open_drawer(Drawer::Reader);
            }
            Command::Copy(text) => self.copy(ctx, text, "Citation copied"),
            Command::CopyLink => {
                let link = self.link_command();
                self.copy(ctx, link, "Link copied");
            }
            Command::ToggleDrawer(d) => self.toggle_drawer(d, ctx),
            Command::FocusMap => {
                if let Some(id) = self.map_id {
                    ctx.memory_mut(|m| m.request_focus(id));
                }
            }
            Command::SetTab(t) => self.persisted.tab = t,
            Command::ToggleEdit => self.toggle_edit(ctx),
        }
    }

    /// Puts text on the desktop clipboard and confirms it with a short message.
    fn copy(&mut self, ctx: &egui::Context, text: String, confirm: &str) {
        ctx.copy_text(text.clone());
        self.last_copied = Some(text);
        self.toast = Some((confirm.to_owned(), ctx.input(|i| i.time)));
    }

    /// Confirms copies the app did not make itself (Ctrl+C in the reader or a quote).
    fn confirm_other_copies(&mut self, ctx: &egui::Context, commands: &[Command]) {
        // Any other copy (Ctrl+C in the reader or a quote) is confirmed too. A label's
        // selection is copied at the end of the pass, so the key and selection tell.
        let copy_key = ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
        let has_text = ctx.text_edit_focused()
            || ctx
                .with_plugin::<egui::text_selection::LabelSelectionState, _>(|s| s.has_selection())
                .unwrap_or(false);
        let copied = (copy_key && has_text)
            || ctx.output(|o| {
                o.commands
                    .iter()
                    .any(|c| matches!(c, egui::OutputCommand::CopyText(_)))
            });
        if copied
            && !commands
                .iter()
                .any(|c| matches!(c, Command::Copy(_) | Command::CopyLink))
        {
            self.toast = Some(("Copied".to_owned(), ctx.input(|i| i.time)));
        }
    }

    /// The panels shown for the current window size.
    fn plan(&self, ctx: &egui::Context) -> Plan {
        let has_timeline = self
            .atlas()
            .is_some_and(|a| !a.events.is_empty() || !a.scenarios.is_empty());
        plan(ctx.content_rect().size(), self.drawers, has_timeline)
    }

    fn open_drawer(&mut self, d: Drawer) {
        match d {
            Drawer::Reader => self.drawers.reader = true,
            Drawer::Details => self.drawers.details = true,
            Drawer::Timeline => {
                self.drawers.timeline = true;
                self.drawers.timeline_asked = true;
            }
        }
        if d != Drawer::Timeline {
            self.drawers.last = d;
        }
    }

    /// Shows a hidden panel (in a narrow window, instead of the other side panel) or
    /// hides a shown one.
    fn toggle_drawer(&mut self, d: Drawer, ctx: &egui::Context) {
        let plan = self.plan(ctx);
        let shown = match d {
            Drawer::Reader => plan.reader.is_some(),
            Drawer::Details => plan.details.is_some(),
            Drawer::Timeline => plan.timeline.is_some(),
        };
        if shown {
            match d {
                Drawer::Reader => self.drawers.reader = false,
                Drawer::Details => self.drawers.details = false,
                Drawer::Timeline => self.drawers.timeline = false,
            }
        } else {
            self.open_drawer(d);
        }
    }

    /// The copy confirmation, fading out; repaints only while it is on screen.
    fn toast_ui(&mut self, ctx: &egui::Context, map: egui::Rect) {
        let Some((text, start)) = &self.toast else {
            return;
        };
        let age = ctx.input(|i| i.time) - start;
        if age >= TOAST_SECONDS {
            self.toast = None;
            return;
        }
        let alpha = ((TOAST_SECONDS - age) / TOAST_FADE).clamp(0.0, 1.0) as f32;
        egui::Area::new(egui::Id::unique("aras-toast"))
            .order(egui::Order::Foreground)
            .interactable(false)
            .pivot(egui::Align2::CENTER_BOTTOM)
            .fixed_pos(map.center_bottom() - egui::vec2(0.0, 16.0))
            .show(ctx, |ui| {
                ui.set_opacity(alpha);
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new(text.as_str()).strong());
                });
            });
        ctx.request_repaint_after(std::time::Duration::from_millis(if alpha < 1.0 {
            16
        } else {
            ((TOAST_SECONDS - TOAST_FADE - age) * 1000.0).max(16.0) as u64
        }));
    }

    /// Brings an element into view on the map (animated unless `animate` is false).
    fn bring_into_view(&mut self, ctx: &egui::Context, id: ElementId, animate: bool) {
        let Some(view) = self.view() else {
            self.pending_focus = Some(id);
            return;
        };
        let Ok(l) = &mut self.loaded else { return };
        let now = ctx.input(|i| i.time);
        // The view the element is framed in: where it goes, or (in view already) where
        // the map is.
        match l.map.focus_on(&l.atlas, id, view, now, animate) {
            Some(to) => {
                self.persisted.view = Some(if animate { view } else { to });
                self.framed = Some((id, to));
            }
            None => self.framed = Some((id, view)),
        }
    }

    /// Opens a link's framing (`--view`): its centre and scale rather than the
    /// selection's own framing.
    pub fn open_view(&mut self, v: crate::state::GeoView) {
        let Ok(l) = &self.loaded else { return };
        self.persisted.view = Some(v.memory(&l.atlas.projection));
        self.pending_focus = None;
    }

    /// The `--view` of a link: the map's framing, unless the link opens on it anyway:
    /// the home view with nothing selected, or the view the selection was framed in. (At
    /// the home view with a selection the opener would frame the selection: the view goes
    /// with it.)
    fn link_view(&self) -> Option<crate::state::GeoView> {
        let l = self.loaded.as_ref().ok()?;
        if self.persisted.view.is_none() && self.selection.selected.is_none() {
            return None;
        }
        let view = self.view()?;
        let same = |a: MapMemory, b: MapMemory| {
            let d = (a.center[0] - b.center[0]).hypot(a.center[1] - b.center[1]);
            // Within half a point on screen, at the same scale.
            d * view.zoom < 0.5 && (a.zoom / b.zoom - 1.0).abs() < 1e-4
        };
        match (self.framed, self.selection.selected) {
            (Some((id, to)), Some(s)) if id == s && same(to, view) => None,
            _ => Some(crate::state::GeoView::of(view, &l.atlas.projection)),
        }
    }

    /// The command line that reopens the current selection and layers.
    pub fn link_command(&self) -> String {
        let mut cmd = String::from("aras");
        if let AtlasSource::Dir(d) = &self.source {
            // Absolute, so that the link opens the same atlas from any directory.
            let d = std::fs::canonicalize(d).unwrap_or_else(|_| d.clone());
            let quoted = d.display().to_string().replace('\'', "'\\''");
            cmd.push_str(&format!(" --atlas '{quoted}'"));
        }
        if let Some(key) = self.selected_key() {
            cmd.push_str(&format!(" --select {key}"));
        }
        cmd.push_str(&self.kept().layers.link_args());
        if let Some(v) = self.link_view() {
            cmd.push_str(&v.arg());
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

    /// Elements whose mentions the reader draws filled (tests).
    pub fn reader_filled(&self) -> Vec<ElementId> {
        self.loaded
            .as_ref()
            .map_or_else(|_| Vec::new(), |l| l.reader.filled_elements())
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
            eframe::set_value(storage, eframe::APP_KEY, &self.kept());
        }
    }

    /// The panels' own colour: they are drawn without a fill of their own (see
    /// `ui_frame`), so Mesa's software GL clears them instead of shading them.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn persist_egui_memory(&self) -> bool {
        !self.ephemeral
    }

    /// A screenshot shows the app as nobody points at it: the window's pointer (which
    /// Xvfb leaves wherever it was, often over the map) is ignored, so no hover tooltip
    /// or hover highlight is captured.
    ///
    /// Keys typed in the same frame as a click reach their field first
    /// ([`ui::input_order`]).
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.input_order.apply(raw_input) {
            ctx.request_repaint();
        }
        if self.shot.is_some() {
            raw_input.events.retain(|e| {
                !matches!(
                    e,
                    egui::Event::PointerMoved(_)
                        | egui::Event::MouseMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseWheel { .. }
                )
            });
            raw_input.events.push(egui::Event::PointerGone);
        }
    }
}

impl ArasApp {
    /// One frame of the whole UI.
    pub fn ui_frame(&mut self, ui: &mut egui::Ui) {
        let n = crate::startup::next_frame();
        if crate::startup::early() {
            crate::startup::mark(&format!("frame {n} starts"));
        }
        let ctx = ui.ctx().clone();
        ui::style::focus::note_input(&ctx);
        let plan = self.plan(&ctx);
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
            palette: Palette::for_atlas(self.persisted.dark, loaded.colours.clone()),
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
            side,
            ..
        } = loaded;
        let layer = ui.layer_id();
        let next_shape = |ui: &egui::Ui| {
            ui.ctx()
                .graphics(|g| g.get(layer).map_or(0, |l| l.next_idx().0))
        };
        let panels_start = next_shape(ui);
        f6(ui, self.map_id, &mut commands);
        let bar = Bar {
            reader: plan.reader.is_some(),
            details: plan.details.is_some(),
            timeline: (!atlas.events.is_empty() || !atlas.scenarios.is_empty())
                .then_some(plan.timeline.is_some()),
            two_rows: plan.two_rows,
            edit: matches!(self.source, AtlasSource::Dir(_)).then_some(self.author_on),
        };
        let refit = side_panels_refit(&mut self.fitted_width, ctx.content_rect().width());
        let mut author = self.author.as_mut().filter(|_| self.author_on);
        let panels = Panels {
            reader,
            search,
            timeline,
            side,
            tab: self.persisted.tab,
            refit,
        };
        around_map(
            ui,
            &plan,
            &bar,
            &view_ctx,
            panels,
            author.as_deref_mut(),
            &mut commands,
        );
        let panels = panels_start..next_shape(ui);
        // Where the panels' pixels are copied out of the frame, or back into it.
        let slot = ui.painter().add(egui::Shape::Noop);
        let view = &mut self.persisted.view;
        let map_id = central_map(
            ui,
            map,
            &view_ctx,
            view,
            author.as_deref_mut(),
            &mut commands,
        );
        self.map_id = Some(map_id);
        if let Some(a) = author {
            author_overlay(a, &ctx, &atlas, map, self.persisted.view);
        }
        if let Some(r) = map.last_rect {
            let moving = map.is_moving();
            self.panel_pixels
                .end_frame(&ctx, layer, panels, slot, r, moving);
        }
        release_memory(map, &mut self.released_at, &ctx);
        let map_rect = map.last_rect;
        self.end_frame(&ctx, map_rect, commands);
    }

    /// After the panels: copy confirmations, the toast, then the frame's commands (and a
    /// deep link's focus, once).
    fn end_frame(
        &mut self,
        ctx: &egui::Context,
        map_rect: Option<egui::Rect>,
        commands: Vec<Command>,
    ) {
        self.confirm_other_copies(ctx, &commands);
        ui::style::focus::ring(ctx, self.map_id, map_rect);
        if let Some(r) = map_rect {
            self.toast_ui(ctx, r);
        }
        if let Some(id) = self.pending_focus.take() {
            let animate = false;
            self.selection.selected = Some(id);
            self.reveal_relation();
            self.apply(ctx, commands);
            self.bring_into_view(ctx, id, animate);
            self.after_edits(ctx);
            self.screenshot_step(ctx);
            return;
        }
        self.apply(ctx, commands);
        self.after_edits(ctx);
        self.screenshot_step(ctx);
        if crate::startup::early() {
            crate::startup::mark("frame ends");
        }
    }
}

/// The map in the central panel, with author mode's drawing tool lent to it for the
/// frame. Returns the map widget's id (F6 and "Skip to map" focus it).
fn central_map(
    ui: &mut egui::Ui,
    map: &mut MapPanel,
    view_ctx: &ViewCtx<'_>,
    view: &mut Option<MapMemory>,
    mut author: Option<&mut Author>,
    commands: &mut Vec<Command>,
) -> egui::Id {
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            // The map's widget is the first thing it allocates.
            let id = ui.next_auto_id();
            if crate::startup::early() {
                crate::startup::mark("panels around the map drawn");
            }
            map.drawing = author.as_deref_mut().and_then(|a| a.create.drawing.take());
            map.ui(ui, view_ctx, view, commands);
            if let Some(a) = author {
                a.create.drawing = map.drawing.take();
            }
            if crate::startup::early() {
                crate::startup::mark("map drawn");
            }
            id
        })
        .inner
}

/// Whether side panels sized for a smaller window get their default width again: at
/// the start and once the window has grown by a quarter (trial s7 #16). Keeps the width
/// they were last fitted to (or a smaller one the window shrank to).
fn side_panels_refit(fitted: &mut Option<f32>, width: f32) -> bool {
    let refit = fitted.is_none_or(|w| width >= w * 1.25);
    if refit || fitted.is_some_and(|w| width < w) {
        *fitted = Some(width);
    }
    refit
}

/// Author mode's dialogs and its drawing over the map.
fn author_overlay(
    a: &mut Author,
    ctx: &egui::Context,
    atlas: &Atlas,
    map: &MapPanel,
    view: Option<MapMemory>,
) {
    a.dialogs(ctx, atlas);
    if let Some(r) = map.last_rect {
        let view = view.unwrap_or_else(|| {
            MapMemory::fit(atlas.home_bounds(), [r.width().into(), r.height().into()])
        });
        a.map_overlay(ctx, r, |lon, lat| map.screen_pos(atlas, view, lon, lat));
    }
}

/// A new raster for a settled view, shown since the last frame: what loading, the
/// first frames or the gesture freed (buffers the raised trim threshold keeps) goes
/// back to the system, once per settled view (issue 13: memory). It is given back in
/// the frame after: the textures a frame drops (the gesture's copies, the old raster's
/// upload) are freed only once that frame is painted.
fn release_memory(map: &MapPanel, released_at: &mut (u64, bool), ctx: &egui::Context) {
    if std::mem::take(&mut released_at.1) {
        crate::alloc::release_free_memory();
        crate::startup::mark("free memory released");
    }
    // The gesture's copies of the map (their upload buffers) count as rasters here.
    let drawn = map.rasters + map.captures;
    if drawn != released_at.0 && !map.is_moving() && ctx.cumulative_frame_nr() >= 2 {
        *released_at = (drawn, true);
        ctx.request_repaint();
    }
}

/// A start-up mark, in the first few frames only (`ARAS_TRACE_STARTUP`).
fn trace(phase: &str) {
    if crate::startup::early() {
        crate::startup::mark(phase);
    }
}

/// The panels drawn around the map, lent for one frame.
struct Panels<'a> {
    reader: &'a mut ReaderPanel,
    search: &'a mut SearchPanel,
    timeline: &'a mut TimelinePanel,
    side: &'a mut SidePanel,
    tab: LeftTab,
    /// Whether side panels narrower than their default are widened to it this frame.
    refit: bool,
}

/// Draws the top bar, author mode's status, the left, right and timeline panels (all
/// but the map, which takes what they leave).
fn around_map(
    ui: &mut egui::Ui,
    plan: &Plan,
    bar: &Bar,
    view_ctx: &ViewCtx<'_>,
    p: Panels<'_>,
    mut author: Option<&mut Author>,
    commands: &mut Vec<Command>,
) {
    // Panels are not filled: the window is cleared in their colour (`clear_color`),
    // which costs a software GL nothing, where a fill is shaded every frame (issue 13).
    let bare = egui::Frame::side_top_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
    egui::Panel::top("top_bar").frame(bare).show(ui, |ui| {
        ui::top_bar::ui(ui, view_ctx, p.search, bar, commands);
    });
    trace("top bar drawn");
    if let Some(a) = author.as_deref_mut() {
        let sel = p.reader.text_selection.clone();
        a.shortcuts(ui.ctx(), sel.as_ref());
        egui::Panel::bottom("author_status").show(ui, |ui| a.status_ui(ui, sel.as_ref()));
    }
    if let Some(range) = plan.reader {
        if p.refit {
            refit_side_panel(ui, "left", range);
        }
        egui::Panel::left("left")
            .frame(bare)
            .resizable(true)
            .default_size(SIDE_DEFAULT)
            .size_range(range)
            .show(ui, |ui| {
                let hidden = plan.details.is_none();
                bounded(ui, |ui| {
                    left_panel(ui, p.tab, p.reader, view_ctx, hidden, commands);
                });
            });
    }
    trace("left panel drawn");
    if let Some(range) = plan.details {
        if p.refit {
            refit_side_panel(ui, "selection", range);
        }
        egui::Panel::right("selection")
            .frame(bare)
            .resizable(true)
            .default_size(SIDE_DEFAULT)
            .size_range(range)
            .show(ui, |ui| {
                bounded(ui, |ui| match author {
                    Some(a) => a.side_ui(ui, view_ctx, p.side, p.reader.passage(), commands),
                    None => p.side.ui(ui, view_ctx, p.reader.passage(), commands),
                })
            });
    }
    trace("right panel drawn");
    if let Some(range) = plan.timeline {
        // At least as tall as its lanes need, where the plan allows: a shorter
        // timeline closes its lanes up, then scrolls. At the start its height is
        // measured before it is drawn, so that the first pass is the one shown and the
        // map is rasterised once, for the size it keeps (issue 13).
        if !p.timeline.measured() {
            let margin = bare.inner_margin.sum().x;
            let width = ui.available_rect_before_wrap().width() - margin;
            p.timeline.measure(ui, view_ctx, width);
        }
        let measured = p.timeline.wanted_height();
        let least = (measured + 12.0).clamp(range.min, range.max);
        egui::Panel::bottom("timeline")
            .frame(bare)
            .resizable(true)
            .default_size(least)
            .size_range(egui::Rangef::new(least, range.max))
            .show(ui, |ui| p.timeline.ui(ui, view_ctx, commands));
    }
}

/// What the saved state of an atlas is keyed by: its directory (canonical, so that two
/// spellings of one path agree), or the source's description.
fn atlas_identity(source: &AtlasSource) -> String {
    match source {
        AtlasSource::Dir(d) => std::fs::canonicalize(d)
            .unwrap_or_else(|_| d.clone())
            .display()
            .to_string(),
        other => other.describe(),
    }
}

/// The default width of a side panel (340 points, within the plan's range).
const SIDE_DEFAULT: f32 = 340.0;

/// Forgets a side panel's saved width when it is under 80 % of its default for this
/// window (340 points, within `range`), so that egui gives it the default again: a width
/// saved on a small screen, or kept while the window grew, left the Details tabs in three
/// rows on a large one (trial s7 #16). A wider panel is already capped by `range`. The
/// id is egui's own for a panel shown in `ui` (`Panel::id`: the scope id with the salt).
fn refit_side_panel(ui: &egui::Ui, salt: &str, range: egui::Rangef) {
    let id = ui.scope_id().with_salt(egui::IdSalt::new(salt));
    let want = SIDE_DEFAULT.clamp(range.min, range.max);
    let narrow = egui::containers::panel::PanelState::load(ui.ctx(), id)
        .is_some_and(|s| s.size().x < want * 0.8);
    if narrow {
        ui.ctx()
            .data_mut(|d| d.remove::<egui::containers::panel::PanelState>(id));
    }
}

/// A side panel's contents, drawn in a child that cannot widen the panel: egui sizes a
/// panel by what it drew, so one widget wider than the panel (a long button, a form row)
/// pushed the panel's inner edge under the map, which then covered the panel's text
/// (author mode's Review tab at 640 and 1024 wide). Such a widget is clipped instead.
fn bounded(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .id_salt("bounded")
            .max_rect(rect)
            .layout(*ui.layout()),
    );
    child.shrink_clip_rect(rect);
    add(&mut child);
    let bottom = child.min_rect().max.y.max(rect.min.y);
    ui.advance_cursor_after_rect(egui::Rect::from_min_max(
        rect.min,
        egui::pos2(rect.max.x, bottom),
    ));
}

/// F6 moves the keyboard from the map to the search box, then to the selection's first
/// "Copy citation" (when the side panel shows one), then back to the map.
fn f6(ui: &egui::Ui, map_id: Option<egui::Id>, commands: &mut Vec<Command>) {
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F6)) {
        let on_map = map_id.is_some_and(|id| ui.memory(|m| m.has_focus(id)));
        let on_search = ui.memory(|m| m.has_focus(SearchPanel::edit_id()));
        let copy = ui::side_panel::first_copy(ui.ctx()).filter(|_| on_search);
        if on_map {
            ui.memory_mut(|m| m.request_focus(SearchPanel::edit_id()));
        } else if let Some(id) = copy {
            ui.memory_mut(|m| m.request_focus(id));
        } else {
            commands.push(Command::FocusMap);
        }
    }
}

/// The left panel: its two tabs, then the article or the layers.
fn left_panel(
    ui: &mut egui::Ui,
    tab: LeftTab,
    reader: &mut ReaderPanel,
    view_ctx: &ViewCtx<'_>,
    details_hidden: bool,
    commands: &mut Vec<Command>,
) {
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
        LeftTab::Article => reader.ui(ui, view_ctx, details_hidden, commands),
        LeftTab::Layers => ui::layers::ui(ui, view_ctx, commands),
    }
}

fn apply_theme(ctx: &egui::Context, dark: bool) {
    ctx.set_visuals_of(egui::Theme::Dark, ui::style::visuals(true));
    ctx.set_visuals_of(egui::Theme::Light, ui::style::visuals(false));
    ctx.all_styles_mut(ui::style::focus::text_sizes);
    // Glyphs at one horizontal position each, not four (sub-pixel binning): the first
    // frame rasterises about a third as many glyphs, 15-20 ms of its CPU here (issue 13,
    // `ARAS_TRACE_STARTUP`'s thread CPU), and egui says binned text is the blurrier.
    ctx.all_styles_mut(|s| s.visuals.text_options.subpixel_binning = false);
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

/// Opens the window (or takes a screenshot), in author mode if `edit` (the atlas must be
/// a directory). Returns the process exit code.
/// The atlas, loaded on a thread of its own while eframe makes the window and its GL
/// context: one after the other they were most of the time to the first frame (issue 13,
/// `ARAS_TRACE_STARTUP=1`).
enum Loading {
    Done(Box<Result<Loaded, Problems>>),
    Thread(std::thread::JoinHandle<Result<Loaded, Problems>>),
}

impl Loading {
    /// Loads `source` on a thread; for the editor with [`model::load_for_editing`].
    fn start(source: &AtlasSource, edit: bool) -> Self {
        let load = if edit {
            model::load_for_editing
        } else {
            model::load
        };
        let own = source.clone();
        let spawned = std::thread::Builder::new()
            .name("aras-load".to_owned())
            .spawn(move || {
                let atlas = load(&own);
                crate::startup::mark("atlas loaded and checked");
                let loaded = atlas.map(Loaded::new);
                crate::startup::mark("panels made on the loading thread");
                loaded
            });
        match spawned {
            Ok(h) => Self::Thread(h),
            Err(_) => Self::Done(Box::new(load(source).map(Loaded::new))),
        }
    }

    /// The loaded atlas and its panels (loaded again here if the thread died).
    fn wait(self, source: &AtlasSource) -> Result<Loaded, Problems> {
        match self {
            Self::Done(a) => *a,
            Self::Thread(h) => h
                .join()
                .unwrap_or_else(|_| model::load(source).map(Loaded::new)),
        }
    }
}

/// `--select` and the layer arguments, checked against the atlas (none if it did not
/// load: the error screen shows why). `Err` is the exit code, after the message.
fn check_args(
    atlas: Option<&Atlas>,
    select: Option<String>,
    layer_args: &crate::state::LayerArgs,
) -> Result<(Option<ElementId>, Option<Layers>), ExitCode> {
    let Some(a) = atlas else {
        return Ok((None, None));
    };
    link_args(a, select.as_deref(), layer_args).map_err(|e| {
        eprintln!("aras: {e}");
        ExitCode::from(2)
    })
}

/// What a command line opens with: the `--select`ed element, and the layers of a link.
/// A link (`--select`, or any layer argument) opens the same view for anyone: its layers
/// and date, from the defaults, replace the opener's saved ones (`None`: the saved
/// ones). Errors name the unknown id or layer.
pub fn link_args(
    atlas: &Atlas,
    select: Option<&str>,
    layer_args: &crate::state::LayerArgs,
) -> Result<(Option<ElementId>, Option<Layers>), String> {
    let selected = select
        .map(|key| crate::state::element_by_key(atlas, key, "--select"))
        .transpose()?;
    let layers = if select.is_some() || !layer_args.is_empty() {
        Some(Layers::from_args(atlas, layer_args)?)
    } else {
        None
    };
    Ok((selected, layers))
}

pub fn run_window(
    source: AtlasSource,
    select: Option<String>,
    layer_args: crate::state::LayerArgs,
    screenshot: Option<ScreenshotRequest>,
    edit: bool,
) -> ExitCode {
    let author = match (&source, edit) {
        (_, false) => None,
        (AtlasSource::Dir(d), true) => match Author::open(d) {
            Ok(a) => Some(a),
            Err(e) => {
                eprintln!("aras edit: {e}");
                return ExitCode::from(2);
            }
        },
        (_, true) => {
            eprintln!("aras: only an atlas directory can be edited (--atlas DIR)");
            return ExitCode::from(2);
        }
    };
    let title = match (&source, edit) {
        (AtlasSource::Dir(d), true) => format!("Aras: editing {}", d.display()),
        // Not the seed article's subject over another atlas (set before it loads).
        (AtlasSource::Dir(d), false) => format!("Aras: {}", d.display()),
        _ => "Aras: the 2021 Iran–Azerbaijan crisis".to_owned(),
    };
    crate::startup::mark("arguments read");
    let view = layer_args.view;
    let mut loading = Loading::start(&source, author.is_some());
    // A deep link or layer arguments are checked against the atlas before any window.
    let (select, layers) = if select.is_some() || !layer_args.is_empty() {
        let loaded = loading.wait(&source);
        let checked = check_args(loaded.as_ref().ok().map(|l| &*l.atlas), select, &layer_args);
        loading = Loading::Done(Box::new(loaded));
        match checked {
            Ok(c) => c,
            Err(code) => return code,
        }
    } else {
        (None, None)
    };
    let size = screenshot.as_ref().map_or((1400.0, 900.0), |s| s.size);
    let ephemeral = screenshot.is_some();
    let ephemeral_store = ephemeral
        .then(|| std::env::temp_dir().join(format!("aras-ephemeral-{}.ron", std::process::id())));
    let options = native_options(title, size, ephemeral_store.clone());
    let result: Arc<Mutex<Option<Result<(), String>>>> = Arc::new(Mutex::new(None));
    let res = result.clone();
    let run = eframe::run_native(
        "aras",
        options,
        Box::new(move |cc| {
            crate::startup::mark("window and GL context made");
            let loaded = loading.wait(&source);
            if let Err(p) = &loaded {
                eprint!("{}", p.report(&source.describe()));
            }
            let init = AppInit {
                source,
                atlas: Err(Problems::default()),
                select,
                screenshot,
                ephemeral,
                restore: None,
                layers,
            };
            let mut app = ArasApp::with_loaded(&cc.egui_ctx, cc.storage, init, loaded, res);
            if let Some(v) = view {
                app.open_view(v);
            }
            app.author_on = author.is_some();
            app.author = author;
            Ok(Box::new(app))
        }),
    );
    if let Some(f) = ephemeral_store {
        let _ = std::fs::remove_file(f); // it may never have been written
    }
    if let Err(e) = run {
        eprintln!("aras: cannot open the window: {e}");
        return ExitCode::FAILURE;
    }
    if ephemeral {
        return screenshot_exit(&result);
    }
    ExitCode::SUCCESS
}

/// The window: its title and size, where eframe keeps state, and no dithering.
fn native_options(
    title: String,
    size: (f32, f32),
    ephemeral_store: Option<PathBuf>,
) -> eframe::NativeOptions {
    let ephemeral = ephemeral_store.is_some();
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([size.0, size.1])
            .with_min_inner_size([640.0, 420.0]),
        persist_window: !ephemeral,
        // A screenshot must not start from the size and panels a user's own window
        // saved (eframe reads its saved window whatever `persist_window` says): give
        // it a storage file of its own that does not exist yet.
        persistence_path: ephemeral_store,
        // Dithering puts per-pixel arithmetic in every fragment; without it Mesa's
        // software GL shades our flat colours on its fast path (issue 13, measured).
        dithering: false,
        ..Default::default()
    }
}

/// The exit code of `aras screenshot`: whether the screenshot was written.
fn screenshot_exit(result: &Mutex<Option<Result<(), String>>>) -> ExitCode {
    match result.lock().ok().and_then(|mut r| r.take()) {
        Some(Ok(())) => ExitCode::SUCCESS,
        Some(Err(e)) => {
            eprintln!("aras: {e}");
            ExitCode::FAILURE
        }
        None => {
            eprintln!("aras: the window closed before the screenshot was taken");
            ExitCode::FAILURE
        }
    }
}
