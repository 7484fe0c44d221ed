//! "New…": making elements in the window. A place (from the gazetteer, or a click on the
//! map, its country found by point-in-polygon), a region (a gazetteer province, or a
//! polygon drawn on the map), a route (points clicked on the map, snapping to places; its
//! countries computed by the check's own rule), an off-map actor, a person or
//! organisation at a place, an event and a relation with their passages. Each is one
//! named edit (plus "link" when words are selected), so each undoes by name.
//!
//! Drawing: Enter (or a click on the first point of a polygon) finishes, Backspace
//! removes the last point, Esc cancels; the status strip says so while a tool is on.

use std::ops::Range;

use egui::RichText;

use super::Author;
use super::choose::Item;
use crate::gazetteer::Gazetteer;
use crate::model::date_words::{WeekdayHint, weekday_hint};
use crate::model::edit::passage::whole_words;
use crate::model::edit::pick::{
    Twin, element_from_place, find_places, fresh_element_id, kind_of, twin_of,
};
use crate::model::edit::{
    AtlasDoc, Edit, ElementRow, NewElement, NewEvent, NewRelation, country_at, date_in, route_near,
    route_via,
};
use crate::model::timeline::{EventDate, RelationType};
use crate::model::{Atlas, Kind, Status};
use crate::ui::map::Drawing;

/// Where a placement comes from when the author drew or clicked it.
const PLACED: &str = "Placed by the author on the map (not from the article)";
/// Where a drawn geometry comes from.
const DRAWN: &str = "Drawn by the author on the map (not from the article)";

/// The drawing tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Place,
    Region,
    Route,
}

impl Tool {
    /// What the status strip says while the tool is on (short enough for one row of a
    /// 640-point window; Backspace is in its hover text).
    pub fn hint(self) -> &'static str {
        match self {
            Self::Place => "Click the map where the place is; Esc to cancel",
            Self::Region => {
                "Click to add points; Enter or the first point to finish; Esc to cancel"
            }
            Self::Route => "Click to add points; Enter to finish; Esc to cancel",
        }
    }
}

/// What a form makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Place,
    Region,
    Route,
    Actor,
    Event,
    Relation,
}

impl What {
    fn title(self) -> &'static str {
        match self {
            Self::Place => "New place",
            Self::Region => "New region",
            Self::Route => "New route",
            Self::Actor => "New actor",
            Self::Event => "New event",
            Self::Relation => "New relation",
        }
    }
}

/// The open form: every field any kind of element needs (unused ones stay empty).
#[derive(Clone, Debug)]
pub struct Form {
    pub what: What,
    pub name: String,
    /// Person, organisation or off-map actor (for `Actor`).
    pub kind: Kind,
    /// Lon/lat points (a place: one; a route: its line; a region: its ring).
    pub points: Vec<[f64; 2]>,
    /// A gazetteer place chosen (index into the gazetteer), instead of points.
    pub place: Option<usize>,
    pub query: String,
    pub country: Option<String>,
    pub status: Status,
    /// Every country and region of the atlas, with whether the route declares it.
    pub via: Vec<(String, String, bool)>,
    /// Those shown as boxes to tick: the ones the line crosses, then those it is near,
    /// then any the author added (the rest are found by typing).
    pub listed: Vec<String>,
    /// "Add another country or region" as typed.
    pub via_filter: String,
    pub at: Option<String>,
    pub source: String,
    pub date: String,
    pub qualifier: String,
    pub elements: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub relation: RelationType,
    pub claimed_by: String,
    /// The passage: the words, and the reader's selection they came from.
    pub words: String,
    range: Option<Range<usize>>,
    /// The article's date (`article.json`), to read a weekday by.
    article_date: Option<String>,
    focus: bool,
    /// "… by drawing on the map" was chosen in the form: it closes and the tool starts.
    draw: bool,
}

/// The create tools' state.
#[derive(Default)]
pub struct Create {
    /// The drawing on the map (lent to the map each frame).
    pub drawing: Option<Drawing>,
    pub tool: Option<Tool>,
    pub form: Option<Form>,
    /// The name typed in a form left for drawing, given to the drawing's form.
    name: String,
    /// The passage of a form left for drawing (or of "Link to…"), given to the
    /// drawing's form, so that the element drawn is linked to it.
    passage: Option<Range<usize>>,
}

impl Form {
    fn new(what: What, doc: &AtlasDoc, selection: Option<&Range<usize>>) -> Self {
        // Whole words, as "Link to…" takes them (trial #12).
        let range = selection.map(|r| whole_words(doc.text(), r, &(0..doc.text().len())));
        let words = range
            .clone()
            .and_then(|r| doc.text().get(r))
            .unwrap_or_default()
            .trim()
            .to_owned();
        Self {
            what,
            name: String::new(),
            kind: Kind::Offmap,
            points: Vec::new(),
            place: None,
            query: String::new(),
            country: None,
            status: Status::Proposed,
            via: Vec::new(),
            listed: Vec::new(),
            via_filter: String::new(),
            at: None,
            source: String::new(),
            date: String::new(),
            qualifier: String::new(),
            elements: Vec::new(),
            from: None,
            to: None,
            relation: RelationType::Tension,
            claimed_by: "author".to_owned(),
            words,
            range,
            article_date: doc
                .value(crate::model::load::ARTICLE_FILE)
                .and_then(|a| a.get("date")?.as_str().map(str::to_owned)),
            focus: true,
            draw: false,
        }
        .with_date()
    }

    fn with_date(mut self) -> Self {
        self.propose_date();
        self
    }

    /// An event's date as the passage gives it: a date with a year, else for a weekday
    /// the one on or before the article's date, with the source that says it is ours
    /// (trial9 #5).
    fn propose_date(&mut self) {
        if self.what == What::Event && self.date.is_empty() {
            if let Some(d) = date_in(&self.words) {
                self.date = d;
            } else if let Some(WeekdayHint::Date { date, source }) =
                weekday_hint(&self.words, self.article_date.as_deref())
            {
                self.date = date;
                if self.source.trim().is_empty() {
                    self.source = source;
                }
            }
        }
    }

    /// What the form says under the date when the passage names a weekday.
    fn weekday_note(&self) -> Option<String> {
        if date_in(&self.words).is_some() {
            return None;
        }
        match weekday_hint(&self.words, self.article_date.as_deref())? {
            WeekdayHint::NeedsArticleDate(day) => Some(format!(
                "The passage gives only a weekday, “{day}”: which {day} it is needs the \
                 article's date (Article date, in the Element tab with nothing selected). \
                 Or type the date here, and its source."
            )),
            WeekdayHint::Date { date, .. } if date == self.date.trim() => Some(format!(
                "{date} is ours, worked out from the weekday and the article's date: its \
                 source says so."
            )),
            WeekdayHint::Date { .. } => None,
        }
    }

    /// The passage's byte range: the reader's selection if the words are still its
    /// text, else the words' one occurrence in the article.
    fn passage(&self, doc: &AtlasDoc) -> Result<Range<usize>, String> {
        passage_range(doc, &self.words, self.range.as_ref())
    }
}

/// The byte range of `words`: `hint` (a selection) if the words are still its text, else
/// the words' one occurrence in the article, widened to whole words; why not, if not.
pub(super) fn passage_range(
    doc: &AtlasDoc,
    words: &str,
    hint: Option<&Range<usize>>,
) -> Result<Range<usize>, String> {
    let text = doc.text();
    let w = words.trim();
    if let Some(r) = hint
        && let Some(t) = text.get(r.clone())
        && t.trim() == w
        && let Some(off) = t.find(w)
    {
        return Ok(r.start + off..r.start + off + w.len());
    }
    if w.is_empty() {
        return Err("Select its words in the article, or type them here.".to_owned());
    }
    let hits: Vec<usize> = text.match_indices(w).map(|(i, _)| i).collect();
    match hits.as_slice() {
        [] => Err("These words are not in the article (exactly as typed).".to_owned()),
        [s] => Ok(whole_words(text, &(*s..s + w.len()), &(0..text.len()))),
        more => Err(format!(
            "These words occur {} times; select the one you mean.",
            more.len()
        )),
    }
}

impl Author {
    /// Starts a drawing tool: the map takes clicks until it is finished or cancelled.
    pub fn start_tool(&mut self, tool: Tool) {
        self.create.form = None;
        self.create.name.clear();
        self.create.passage = None;
        self.create.tool = Some(tool);
        self.create.drawing = Some(Drawing {
            polygon: tool == Tool::Region,
            snap: tool == Tool::Route,
            single: tool == Tool::Place,
            ..Drawing::default()
        });
    }

    /// Starts drawing a new place or region named `name`, for the passage `passage`
    /// (from "Link to…" when nothing is called that).
    pub fn draw_named(&mut self, tool: Tool, name: &str, passage: Range<usize>) {
        self.start_tool(tool);
        self.create.name = name.trim().to_owned();
        self.create.passage = Some(passage);
    }

    /// Opens a form named `name` for the passage `passage`.
    pub fn open_named(&mut self, what: What, name: &str, passage: &Range<usize>) {
        self.open_form(what, Some(passage));
        if let Some(f) = &mut self.create.form {
            f.name = name.trim().to_owned();
        }
    }

    /// Opens a form (with the reader's selection as its passage).
    pub fn open_form(&mut self, what: What, selection: Option<&Range<usize>>) {
        self.cancel_tool();
        self.create.form = Some(Form::new(what, &self.session.doc, selection));
    }

    fn cancel_tool(&mut self) {
        self.create.tool = None;
        self.create.drawing = None;
    }
}

/// The "New…" menu (in the status strip).
pub fn menu(ui: &mut egui::Ui, a: &mut Author, selection: Option<&Range<usize>>) {
    ui.menu_button("New…", |ui| {
        let item = |ui: &mut egui::Ui, text: &str| ui.button(text).clicked();
        if item(ui, "Place from the gazetteer…") {
            a.open_form(What::Place, selection);
        }
        if item(ui, "Place by clicking the map") {
            a.start_tool(Tool::Place);
        }
        if item(ui, "Region from the gazetteer…") {
            a.open_form(What::Region, selection);
        }
        if item(ui, "Region by drawing on the map") {
            a.start_tool(Tool::Region);
        }
        if item(ui, "Route by clicking the map") {
            a.start_tool(Tool::Route);
        }
        if item(ui, "Actor (off-map, person, organisation)…") {
            a.open_form(What::Actor, selection);
        }
        if item(ui, "Event…") {
            a.open_form(What::Event, selection);
        }
        if item(ui, "Relation…") {
            a.open_form(What::Relation, selection);
        }
    });
}

/// The strip while a drawing tool is on: what to do, and Cancel. True if shown.
pub fn drawing_strip(ui: &mut egui::Ui, a: &mut Author) -> bool {
    let Some(tool) = a.create.tool else {
        return false;
    };
    if ui.button("Cancel drawing").clicked() {
        a.cancel_tool();
        return true;
    }
    ui.label(RichText::new(tool.hint()).strong()).on_hover_text(
        "Backspace removes the last point. A route's points snap to places within 10 points.",
    );
    if let Some(m) = &a.message {
        super::status::message_label(ui, m);
    }
    true
}

/// Enter finishes a drawing, Backspace removes its last point, Esc cancels it. Runs
/// before the map, so the map does not also take the keys.
pub fn keys(ctx: &egui::Context, a: &mut Author) {
    use egui::{Key, Modifiers};
    if a.create.drawing.is_none() || ctx.text_edit_focused() {
        return;
    }
    let key = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
    if key(Key::Escape) {
        a.cancel_tool();
    } else if key(Key::Backspace) {
        if let Some(d) = &mut a.create.drawing {
            d.points.pop();
        }
    } else if key(Key::Enter)
        && let Some(d) = &mut a.create.drawing
    {
        d.finished = true;
    }
}

/// After the map had the drawing: a finished one becomes the tool's form.
pub fn take_finished(a: &mut Author, atlas: &Atlas) {
    let (Some(tool), Some(d)) = (a.create.tool, &a.create.drawing) else {
        return;
    };
    if !d.finished {
        return;
    }
    let points: Vec<[f64; 2]> = d.points.iter().map(|p| p.lonlat).collect();
    let wanted = match tool {
        Tool::Place => 1,
        Tool::Route => 2,
        Tool::Region => 3,
    };
    if points.len() < wanted {
        if let Some(d) = &mut a.create.drawing {
            d.finished = false;
        }
        a.say(format!("Click at least {wanted} points first"), true);
        return;
    }
    let what = match tool {
        Tool::Place => What::Place,
        Tool::Route => What::Route,
        Tool::Region => What::Region,
    };
    let snapped: Vec<String> = d.points.iter().filter_map(|p| p.place.clone()).collect();
    a.cancel_tool();
    let passage = a.create.passage.take();
    let mut f = Form::new(what, &a.session.doc, passage.as_ref());
    f.name = std::mem::take(&mut a.create.name);
    f.source = if what == What::Place { PLACED } else { DRAWN }.to_owned();
    match what {
        What::Place => f.country = points.first().and_then(|p| country_at(atlas, *p)),
        What::Route => {
            let via = route_via(atlas, &points);
            f.via = areas(atlas, &via);
            f.listed = via.clone();
            f.listed.extend(route_near(atlas, &points, &via));
            if f.name.is_empty() {
                f.name = route_name(&a.session.doc, &snapped);
            }
        }
        _ => f.country = centroid(&points).and_then(|c| country_at(atlas, c)),
    }
    f.points = points;
    a.create.form = Some(f);
}

/// "Baku–Nakhchivan route" from the places the route snapped to at its ends.
fn route_name(doc: &AtlasDoc, snapped: &[String]) -> String {
    let name = |k: &String| crate::model::edit::element_name(doc, k);
    match (snapped.first(), snapped.last()) {
        (Some(a), Some(b)) if a != b => format!("{}–{} route", name(a), name(b)),
        _ => String::new(),
    }
}

fn centroid(points: &[[f64; 2]]) -> Option<[f64; 2]> {
    let n = points.len() as f64;
    (n > 0.0).then(|| {
        let s = points
            .iter()
            .fold([0.0, 0.0], |a, p| [a[0] + p[0], a[1] + p[1]]);
        [s[0] / n, s[1] / n]
    })
}

/// Every country and region of the atlas, sorted by name, `via`'s ticked.
fn areas(atlas: &Atlas, via: &[String]) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> = atlas
        .elements
        .iter()
        .filter(|e| matches!(e.kind, Kind::Country | Kind::Region))
        .map(|e| (e.key.clone(), e.name.clone(), via.contains(&e.key)))
        .collect();
    out.sort_by_cached_key(|(_, name, _)| name.to_lowercase());
    out
}

/// What the form's buttons asked for this frame.
#[derive(Default)]
struct Pressed {
    add: bool,
    close: bool,
    /// "Select … instead" of a duplicate.
    select_dup: bool,
}

/// The open form as a dialog.
pub fn dialog(ctx: &egui::Context, a: &mut Author, atlas: &Atlas) {
    let Some(mut f) = a.create.form.take() else {
        return;
    };
    let rows = a.lists().elements.clone();
    let dup = duplicate(&f, &rows);
    let mut pressed = Pressed::default();
    // Enter in any of the form's text fields adds, when the form is ready: the one
    // obvious default button (its text fields hold one line each; trial s7 #17). Read
    // before the fields are drawn: a one-line field gives up its focus on Enter.
    // (Not Enter in an open list's filter box: that chooses in the list.)
    let mut enter = ctx.text_edit_focused()
        && !egui::Popup::is_any_open(ctx)
        && ctx.input(|i| i.key_pressed(egui::Key::Enter));
    // Anchored by its top at a width fixed by the window, so it neither moves nor
    // shrinks as the form's content changes under the pointer (trial #10).
    let id = egui::Id::unique("aras-create-form");
    // Below the popups' order, so its ComboBox lists always open in front of it (in
    // the same order, a click on the form could raise it over them: trial #11).
    let area = egui::Modal::default_area(id)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 24.0])
        .order(egui::Order::Middle);
    let width = (ctx.content_rect().width() - 48.0).clamp(200.0, 480.0);
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_width(width);
        // A form or list longer than its box shows its scroll bar (trial10 #5).
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        ui.heading(f.what.title());
        egui::ScrollArea::vertical()
            .max_height(ctx.content_rect().height() * 0.7)
            .show(ui, |ui| {
                crate::ui::style::focus::scrolled(ui, |ui| {
                    enter |= fields(ui, &mut f, &rows, atlas)
                })
            });
        if let Some(d) = &dup {
            pressed.select_dup = duplicate_ui(ui, d);
        }
        footer(ui, a, &f, atlas, enter, &mut pressed);
    });
    // Only Cancel or Escape close the form: a click beside it (a near miss of "Add …"
    // once its error line has gone) must not throw away what was typed (trial6 #5).
    let escape = modal.is_top_modal
        && !modal.any_popup_open
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    if pressed.close || escape || modal.response.should_close() {
        return;
    }
    finish(a, f, dup.filter(|_| pressed.select_dup), pressed.add, atlas);
}

/// An element for the same gazetteer place, or of the same name, that exists already
/// (trial #15), and why. (An event is not an element: its label may repeat one.)
fn duplicate(f: &Form, rows: &[ElementRow]) -> Option<(ElementRow, Twin)> {
    let place = f
        .place
        .and_then(|i| Some(Gazetteer::embedded().ok()?.places().get(i)?.id.0.clone()));
    twin_of(rows, &f.name, place.as_deref())
        .filter(|_| f.what != What::Event)
        .map(|(r, why)| (r.clone(), why))
}

/// The duplicate said, and offered instead; true if "Select … instead" was clicked.
fn duplicate_ui(ui: &mut egui::Ui, (d, why): &(ElementRow, Twin)) -> bool {
    let what = match why {
        Twin::SamePlace => "is this gazetteer place already",
        Twin::SameName => "exists already",
    };
    ui.label(
        RichText::new(format!(
            "{} ({}, id {}) {what}: adding another makes a duplicate.",
            d.name, d.kind, d.id
        ))
        .color(ui.visuals().warn_fg_color),
    );
    ui.button(format!("Select {} instead", d.name)).clicked()
}

/// Under the fields: the whole words a passage links, why the form is not ready, and
/// the Add and Cancel buttons.
fn footer(
    ui: &mut egui::Ui,
    a: &Author,
    f: &Form,
    atlas: &Atlas,
    enter: bool,
    pressed: &mut Pressed,
) {
    let ready = offmap_outside(f, atlas).and_then(|()| ready(f, &a.session.doc));
    // In a box of its own height, so that Add and Cancel stay where they are while the
    // notes come and go as the author types (trial10 #5).
    super::choose::fixed_lines(ui, 3, |ui| {
        // Typed words inside longer ones are linked as the whole words: said first.
        if let Ok(r) = f.passage(&a.session.doc) {
            let quote = a.session.doc.text().get(r).unwrap_or_default();
            if quote != f.words.trim() {
                ui.label(format!("Links the whole words “{quote}”"));
            }
        }
        if let Err(why) = &ready {
            ui.label(RichText::new(why.as_str()).color(ui.visuals().error_fg_color));
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        let label = format!("Add {}", f.what.title().trim_start_matches("New "));
        pressed.add = ui
            .add_enabled(ready.is_ok(), egui::Button::new(label))
            .clicked()
            || (enter && ready.is_ok());
        pressed.close = ui.button("Cancel").clicked();
    });
}

/// After the form's frame: drawing instead, the duplicate selected, or the element
/// added; else the form stays open.
fn finish(a: &mut Author, f: Form, dup: Option<(ElementRow, Twin)>, add: bool, atlas: &Atlas) {
    if f.draw {
        a.start_tool(if f.what == What::Region {
            Tool::Region
        } else {
            Tool::Place
        });
        a.create.name = f.name.trim().to_owned();
        a.create.passage = f.range.clone();
        return;
    }
    if let Some((d, _)) = dup {
        a.pending_select = Some(d.id);
        // The app selects a pending element with the next checked atlas: ask for one.
        a.checked = u64::MAX;
        return;
    }
    if add && make(a, &f, atlas) {
        return;
    }
    a.create.form = Some(f);
}

/// An off-map actor's location must lie beyond the map, as the check holds it: said
/// before "Add", not after (trial7 #4: Trump at Washington, inside a map of the US).
fn offmap_outside(f: &Form, atlas: &Atlas) -> Result<(), String> {
    if f.what != What::Actor || f.kind != Kind::Offmap {
        return Ok(());
    }
    let Some(p) = f
        .place
        .and_then(|i| Gazetteer::embedded().ok()?.places().get(i))
    else {
        return Ok(());
    };
    let [x, y] = atlas.projection.project(p.lon, p.lat);
    let [lo, hi] = atlas.data_bounds();
    if (lo[0]..=hi[0]).contains(&x) && (lo[1]..=hi[1]).contains(&y) {
        return Err(format!(
            "{} lies inside the map, so it cannot be off the map: add it as a place, then \
             this actor as a person or organisation at it (or at its country).",
            p.name
        ));
    }
    Ok(())
}

/// Why the form cannot be added yet (shown under it), or `Ok`.
fn ready(f: &Form, doc: &AtlasDoc) -> Result<(), String> {
    let needs_passage = matches!(f.what, What::Event | What::Relation);
    if f.name.trim().is_empty() && f.place.is_none() {
        return Err("Give it a name.".to_owned());
    }
    match f.what {
        What::Place | What::Region if f.points.is_empty() && f.place.is_none() => {
            Err("Choose it from the gazetteer (type its name) or click the map.".to_owned())
        }
        What::Actor if f.kind != Kind::Offmap && f.at.is_none() => {
            Err("Choose the place where it acts.".to_owned())
        }
        What::Actor if f.kind == Kind::Offmap && f.place.is_none() => {
            Err("Choose a representative location from the gazetteer.".to_owned())
        }
        What::Actor if f.source.trim().is_empty() => {
            Err("Say where its placement comes from.".to_owned())
        }
        What::Event if EventDate::parse(f.date.trim()).is_err() => Err(match f.weekday_note() {
            Some(_) if f.date.trim().is_empty() => {
                "Type the date (YYYY-MM-DD): the passage names only a weekday.".to_owned()
            }
            _ => "Type the date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text.".to_owned(),
        }),
        What::Event if f.elements.is_empty() => Err("Tick what the event involves.".to_owned()),
        What::Relation if f.from.is_none() || f.to.is_none() => {
            Err("Choose both actors.".to_owned())
        }
        _ if needs_passage || !f.words.trim().is_empty() => f.passage(doc).map(|_| ()),
        _ => Ok(()),
    }
}

/// Applies the form's edit (and its link, if it has a passage); true if made.
fn make(a: &mut Author, f: &Form, atlas: &Atlas) -> bool {
    let doc = &a.session.doc;
    let passage = f.passage(doc).ok();
    let edit = match f.what {
        What::Event => match &passage {
            Some(range) => Edit::AddEvent(NewEvent {
                id: fresh_event_id(doc, &f.name),
                label: f.name.trim().to_owned(),
                date: f.date.trim().to_owned(),
                qualifier: Some(f.qualifier.trim().to_owned()).filter(|q| !q.is_empty()),
                elements: f.elements.clone(),
                range: range.clone(),
                source: Some(f.source.trim().to_owned()).filter(|s| !s.is_empty()),
            }),
            None => return false,
        },
        What::Relation => match (&passage, &f.from, &f.to) {
            (Some(range), Some(from), Some(to)) => Edit::AddRelation(NewRelation {
                id: fresh_element_id(doc, &f.name),
                name: f.name.trim().to_owned(),
                from: from.clone(),
                to: to.clone(),
                relation: f.relation.key().to_owned(),
                claimed_by: f.claimed_by.clone(),
                range: range.clone(),
            }),
            _ => return false,
        },
        _ => match new_element(doc, f, atlas) {
            Some(e) => Edit::AddElement(e),
            None => {
                a.say(
                    "The gazetteer has no geometry for that place.".to_owned(),
                    true,
                );
                return false;
            }
        },
    };
    let id = match &edit {
        Edit::AddElement(e) => Some(e.id.clone()),
        Edit::AddRelation(r) => Some(r.id.clone()),
        _ => None,
    };
    if !a.apply(edit) {
        return false;
    }
    // A map element with words selected is linked to them at once (its own edit).
    if let (Some(id), Some(range), true) = (&id, passage, !matches!(f.what, What::Relation)) {
        a.apply(Edit::AddLink {
            id: None,
            range,
            elements: vec![id.clone()],
        });
    }
    a.pending_select = id;
    true
}

/// The map element a form makes.
fn new_element(doc: &AtlasDoc, f: &Form, atlas: &Atlas) -> Option<NewElement> {
    let gaz = f.place.and_then(|i| {
        let g = Gazetteer::embedded().ok()?;
        Some((g, g.places().get(i)?))
    });
    let name = f.name.trim().to_owned();
    let mut e = match (f.what, gaz) {
        (What::Actor, _) if f.kind != Kind::Offmap => bare(doc, &name, f.kind),
        (_, Some((g, p))) => {
            let mut e = element_from_place(doc, g, p)?;
            if !name.is_empty() {
                e.name = name;
            }
            if f.what == What::Place && e.kind == Kind::Place {
                let within = crate::model::edit::pick::place_in(atlas, g, p);
                e.country = within.country;
                e.offmap = within.offmap;
            }
            e
        }
        (_, None) => {
            let mut e = bare(doc, &name, Kind::Place);
            e.geometry = Some(match f.what {
                What::Route => serde_json::json!({"type": "LineString", "coordinates": f.points}),
                What::Region => {
                    let mut ring = f.points.clone();
                    ring.extend(f.points.first().copied());
                    serde_json::json!({"type": "Polygon", "coordinates": [ring]})
                }
                _ => serde_json::json!({"type": "Point", "coordinates": f.points.first()?}),
            });
            e
        }
    };
    match f.what {
        What::Place => {
            e.kind = Kind::Place;
            e.country = f.country.clone().or(e.country);
        }
        What::Region => e.kind = Kind::Region,
        What::Route => {
            e.kind = Kind::Corridor;
            e.status = Some(f.status);
            e.via = f.via.iter().filter(|v| v.2).map(|v| v.0.clone()).collect();
        }
        What::Actor => {
            e.kind = f.kind;
            e.at = f.at.clone().filter(|_| f.kind != Kind::Offmap);
        }
        What::Event | What::Relation => {}
    }
    if !f.source.trim().is_empty() {
        e.source = Some(f.source.trim().to_owned());
    }
    Some(e)
}

fn bare(doc: &AtlasDoc, name: &str, kind: Kind) -> NewElement {
    NewElement {
        id: fresh_element_id(doc, name),
        kind,
        name: name.to_owned(),
        aliases: Vec::new(),
        geometry: None,
        at: None,
        country: None,
        offmap: false,
        source: None,
        via: Vec::new(),
        status: None,
        gazetteer: None,
    }
}

/// An event id from its label that no event has yet.
fn fresh_event_id(doc: &AtlasDoc, label: &str) -> String {
    let base = fresh_element_id(&AtlasDoc::default(), label);
    let taken = |id: &str| {
        doc.value(crate::model::load::EVENTS_FILE)
            .and_then(|v| v.get("events"))
            .and_then(|v| v.as_array())
            .is_some_and(|l| {
                l.iter()
                    .any(|e| e.get("id").and_then(|i| i.as_str()) == Some(id))
            })
    };
    crate::model::edit::unique_id(&base, taken)
}

/// The form's fields for what it makes. True if Enter was pressed in the name (which
/// adds the element when the form is ready: the keyboard path).
fn fields(ui: &mut egui::Ui, f: &mut Form, rows: &[ElementRow], atlas: &Atlas) -> bool {
    let label = ui.label(if f.what == What::Event {
        "Label"
    } else {
        "Name"
    });
    let name = ui
        .add(egui::TextEdit::singleline(&mut f.name).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if std::mem::take(&mut f.focus) {
        name.request_focus();
    }
    let enter = name.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    match f.what {
        What::Place | What::Region => location(ui, f, atlas),
        What::Route => route_fields(ui, f),
        What::Actor => actor_fields(ui, f, rows),
        What::Event => event_fields(ui, f, rows),
        What::Relation => relation_fields(ui, f, rows),
    }
    passage_field(ui, f);
    enter
}

/// Where a place or region is: clicked or drawn already, else searched in the gazetteer.
fn location(ui: &mut egui::Ui, f: &mut Form, atlas: &Atlas) {
    if let Some([lon, lat]) = f.points.first().copied() {
        let what = if f.what == What::Place {
            format!("Placed at {lat:.3}° N, {lon:.3}° E by the author.")
        } else {
            format!("Drawn by the author: {} points.", f.points.len())
        };
        ui.label(what);
        let country = f
            .country
            .as_deref()
            .and_then(|k| atlas.by_key(k))
            .and_then(|id| atlas.element(id))
            .map_or("none of the atlas's countries".to_owned(), |e| {
                e.name.clone()
            });
        ui.label(format!("In {country} (found from the map's polygons)."));
        source_field(ui, f);
        return;
    }
    let want = if f.what == What::Place {
        Kind::Place
    } else {
        Kind::Region
    };
    gazetteer(ui, f, want);
}

/// A gazetteer search: results of the wanted kind, one to choose.
fn gazetteer(ui: &mut egui::Ui, f: &mut Form, want: Kind) {
    let label = ui.label("Find it in the world gazetteer");
    ui.add(egui::TextEdit::singleline(&mut f.query).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    let Ok(gaz) = Gazetteer::embedded() else {
        ui.label(RichText::new("The world gazetteer could not be read.").weak());
        return;
    };
    // Until the search box is used, the name typed above is the search (trial7 #14:
    // "Mexico City" was typed twice).
    let query = if f.query.trim().is_empty() && want != Kind::Offmap {
        f.name.as_str()
    } else {
        f.query.as_str()
    };
    let places: Vec<_> = find_places(gaz, query, 12)
        .into_iter()
        .filter(|p| want == Kind::Offmap || kind_of(p) == want)
        .take(6)
        .collect();
    if places.is_empty() && !query.trim().is_empty() {
        ui.label(RichText::new("No place of that kind is called exactly that.").weak());
        draw_instead(ui, f, want);
    }
    for p in places {
        let index = gaz.places().iter().position(|q| q.id == p.id);
        let text = result_text(p, kind_of(p).label());
        if ui
            .selectable_label(f.place.is_some() && f.place == index, text)
            .clicked()
        {
            f.place = index;
            if f.name.trim().is_empty() {
                f.name = p.name.clone();
            }
        }
    }
}

/// What to do when the gazetteer has nothing: a region can be drawn on the map, a place
/// clicked on it (s10 #7), with the name typed kept.
fn draw_instead(ui: &mut egui::Ui, f: &mut Form, want: Kind) {
    let (hint, button) = match want {
        Kind::Region => (
            "A region the gazetteer does not have can be drawn on the map:",
            "Region by drawing on the map",
        ),
        Kind::Place => (
            "A place the gazetteer does not have can be placed by a click on the map:",
            "Place by clicking the map",
        ),
        _ => return,
    };
    ui.label(hint);
    if ui.button(button).clicked() {
        f.draw = true;
    }
}

/// A gazetteer result told apart from its namesakes (trial7 #11: five Washingtons):
/// "Washington (place, US · national capital · 38.90° N, 77.04° W)".
fn result_text(p: &crate::gazetteer::Place, kind: &str) -> String {
    let country = p.country.as_deref().unwrap_or("no country");
    let capital = if p.capital_of.is_some() {
        " · national capital"
    } else {
        ""
    };
    let (ns, ew) = (
        if p.lat >= 0.0 { 'N' } else { 'S' },
        if p.lon >= 0.0 { 'E' } else { 'W' },
    );
    format!(
        "{} ({kind}, {country}{capital} · {:.2}° {ns}, {:.2}° {ew})",
        p.name,
        p.lat.abs(),
        p.lon.abs()
    )
}

fn source_field(ui: &mut egui::Ui, f: &mut Form) {
    let label = ui.label("Source of the placement (the article's words, or ours and why)");
    // Wrapped (a citation can be long), one line of text: Enter adds (s10 #4).
    super::wrapped_line(ui, &mut f.source, 2, label.id);
}

fn route_fields(ui: &mut egui::Ui, f: &mut Form) {
    ui.label(format!("Drawn by the author: {} points.", f.points.len()));
    egui::ComboBox::from_label("Status")
        .selected_text(f.status.label())
        .show_ui(ui, |ui| {
            for s in [
                Status::Proposed,
                Status::Existing,
                Status::Alleged,
                Status::Reported,
            ] {
                ui.selectable_value(&mut f.status, s, s.label());
            }
        });
    via_fields(ui, f);
    source_field(ui, f);
}

/// "Passes through": the countries and regions the line crosses (ticked), then those it
/// comes near, each a box; any other is found by typing its name (trial #7).
fn via_fields(ui: &mut egui::Ui, f: &mut Form) {
    ui.label(RichText::new("Passes through (computed from the map's polygons)").strong());
    if f.listed.is_empty() {
        ui.label(
            RichText::new("The line crosses none of the atlas's countries or regions.").weak(),
        );
    }
    for key in &f.listed {
        if let Some((_, name, on)) = f.via.iter_mut().find(|v| v.0 == *key) {
            ui.checkbox(on, name.as_str());
        }
    }
    let others: Vec<Item> = f
        .via
        .iter()
        .filter(|v| !f.listed.contains(&v.0))
        .map(|v| Item::new(&v.0, v.1.as_str()))
        .collect();
    let label = ("Add another country or region", "Add");
    let added = super::choose::add_list(ui, label, &mut f.via_filter, (&[], &others), 8, false);
    if let Some(key) = added {
        if let Some(v) = f.via.iter_mut().find(|v| v.0 == key) {
            v.2 = true;
        }
        f.listed.push(key);
    }
}

fn actor_fields(ui: &mut egui::Ui, f: &mut Form, rows: &[ElementRow]) {
    ui.horizontal(|ui| {
        for k in [Kind::Offmap, Kind::Person, Kind::Organisation] {
            ui.radio_value(&mut f.kind, k, k.label());
        }
    });
    if f.kind == Kind::Offmap {
        gazetteer(ui, f, Kind::Offmap);
    } else {
        // A person or organisation acts at a town, or in a country or region when the
        // article names no town (trial7 #3: a speech by Mexico's president, no city named).
        let places = items(rows, |r| {
            matches!(r.kind.as_str(), "place" | "country" | "region")
        });
        pick(ui, "At (a place)", &mut f.at, &places, None);
    }
    source_field(ui, f);
}

fn event_fields(ui: &mut egui::Ui, f: &mut Form, rows: &[ElementRow]) {
    let label = ui.label("Date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text)");
    ui.add(egui::TextEdit::singleline(&mut f.date))
        .labelled_by(label.id);
    // In a box that is always there: a note that came and went moved the fields after
    // it and took the keyboard from the passage field as a weekday was typed (trial12).
    let note = f.weekday_note();
    super::choose::fixed_lines(ui, 3, |ui| {
        if let Some(note) = note {
            ui.label(RichText::new(note).weak());
        }
    });
    // The check wants the date in the passage's sentence, or its source (trial #4).
    let label = ui.label("Source of that date, if the passage does not give it in full");
    super::wrapped_line(ui, &mut f.source, 2, label.id);
    let label = ui.label("Qualifier (“late”, “early”; optional)");
    ui.add(egui::TextEdit::singleline(&mut f.qualifier))
        .labelled_by(label.id);
    involves(ui, f, rows);
}

/// "Involves": the elements sorted by name, narrowed by a filter box when there are many
/// (trial #7), the ticked ones named above.
fn involves(ui: &mut egui::Ui, f: &mut Form, rows: &[ElementRow]) {
    ui.label(RichText::new("Involves").strong());
    // Boxes named by the elements' names alone.
    let all: Vec<Item> = items(rows, |_| true)
        .into_iter()
        .map(|i| Item::new(&i.id, i.name))
        .collect();
    if all.len() > super::choose::FILTER_FROM {
        let label = ui.label("Find an element to tick");
        ui.add(
            egui::TextEdit::singleline(&mut f.query)
                .hint_text("Type to filter")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    }
    // One order, by name, that a tick does not change (trial10 #4: a ticked element
    // jumped to the top and the next click ticked another); ticked ones stay listed
    // whatever the filter, and are named above the list.
    let mut shown: Vec<Item> = super::choose::matching(&all, &f.query)
        .into_iter()
        .cloned()
        .collect();
    for i in all.iter().filter(|i| f.elements.contains(&i.id)) {
        if !shown.iter().any(|s| s.id == i.id) {
            shown.push(i.clone());
        }
    }
    shown.sort_by_cached_key(|i| (i.name.to_lowercase(), i.text.clone()));
    let ticked: Vec<&str> = shown
        .iter()
        .filter(|i| f.elements.contains(&i.id))
        .map(|i| i.name.as_str())
        .collect();
    // Always one line, so that the first tick does not move the boxes down.
    let ticked = if ticked.is_empty() {
        "none".to_owned()
    } else {
        ticked.join(", ")
    };
    ui.add(egui::Label::new(RichText::new(format!("Ticked: {ticked}")).weak()).truncate());
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::vertical()
        .id_salt("event-elements")
        .max_height(140.0)
        .show(ui, |ui| {
            crate::ui::style::focus::scrolled(ui, |ui| {
                for i in &shown {
                    let mut on = f.elements.contains(&i.id);
                    if ui.checkbox(&mut on, i.text.as_str()).changed() {
                        if on {
                            f.elements.push(i.id.clone());
                        } else {
                            f.elements.retain(|e| e != &i.id);
                        }
                    }
                }
            })
        });
}

/// What a relation can be between: countries, regions (a de facto state), people,
/// organisations and off-map actors, as the seed atlas's relations are (not a town, a
/// route, a sea or another relation; trial #7).
pub const ACTOR_KINDS: [&str; 5] = ["country", "region", "person", "organisation", "offmap"];

fn relation_fields(ui: &mut egui::Ui, f: &mut Form, rows: &[ElementRow]) {
    let actors = items(rows, |r| ACTOR_KINDS.contains(&r.kind.as_str()));
    pick(ui, "From", &mut f.from, &actors, None);
    pick(ui, "To", &mut f.to, &actors, None);
    // Every type in view, wrapped: a list that opened below the form was cut off at
    // 1024×700 and 640×480 (trial #7).
    ui.label("Relation");
    ui.horizontal_wrapped(|ui| {
        for t in RelationType::ALL {
            ui.selectable_value(&mut f.relation, t, t.label());
        }
    });
    let mut claimant = Some(f.claimed_by.clone()).filter(|c| c != "author");
    pick(
        ui,
        "Claimed by (none: the author's assessment)",
        &mut claimant,
        &actors,
        Some("none"),
    );
    f.claimed_by = claimant.unwrap_or_else(|| "author".to_owned());
}

/// The rows passing `keep` (context geography aside) as list items: "Name (kind)".
fn items(rows: &[ElementRow], keep: impl Fn(&ElementRow) -> bool) -> Vec<Item> {
    rows.iter()
        .filter(|r| r.kind != "relation" && !r.context && keep(r))
        .map(|r| Item::named(&r.id, &r.name, format!("{} ({})", r.name, r.kind)))
        .collect()
}

/// A drop-down of `items`, sorted and filterable; `none` offers no choice too.
fn pick(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<String>,
    items: &[Item],
    none: Option<&str>,
) {
    if let Some(v) = super::choose::combo(ui, label, value.as_deref(), items, none) {
        *value = v;
    }
}

/// The passage: the words selected in the reader, editable (the keyboard path).
fn passage_field(ui: &mut egui::Ui, f: &mut Form) {
    let text = match f.what {
        What::Event => "Passage (the words that give the event and its date)",
        What::Relation => "Evidence (the words that say it)",
        _ => "Passage to link (optional: words of the article)",
    };
    let label = ui.label(text);
    // Wrapped over two rows, but one line of the article: Enter adds (the form's
    // default), never a newline the text does not have (trial s7 #17).
    ui.add(
        egui::TextEdit::multiline(&mut f.words)
            .desired_rows(2)
            .return_key(None)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    f.propose_date();
}
