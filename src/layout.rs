//! `aras layout`: lays the real app out headlessly (no window, no GPU) and reports where
//! everything is, in points, as JSON. Tests and reviewers check placement from it without
//! pixels, and the real-window tests find controls by name in it: at pixels_per_point 1
//! the window of the same size has the same rectangles.
//!
//! Controls come from the AccessKit tree (every named interactive node, clipped to what
//! is on screen), panels from egui's stored panel rectangles, map items and area
//! visibility from the map's label placer (`MapPanel::layout_items`, `area_visibility`).

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use egui::accesskit::{self, Role};
use egui::{Event, Rect, Vec2, pos2};
use serde_json::{Value, json};

use crate::app::{AppInit, ArasApp};
use crate::bench::Driver;
use crate::model::{self, Atlas, AtlasSource};
use crate::state::{LayerArgs, Layers, Persisted};

/// What to lay out: window size in points, an element to select, a zoom factor applied
/// at the map's centre after the first frames, the theme and the command line's layer
/// choices (`--hide`, `--show`, `--date`).
#[derive(Clone, Debug)]
pub struct LayoutRequest {
    pub size: (f32, f32),
    pub select: Option<String>,
    pub zoom: Option<f32>,
    pub dark: bool,
    pub layers: LayerArgs,
}

impl Default for LayoutRequest {
    fn default() -> Self {
        Self {
            size: (1400.0, 900.0),
            select: None,
            zoom: None,
            dark: false,
            layers: LayerArgs::default(),
        }
    }
}

/// One placed thing: `kind` is "label", "badge", "marker", "control" or "panel"; `id` an
/// element id, a control's name or a panel's name; `rect` in points.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: &'static str,
    /// The AccessKit role of a control ("Button", "CheckBox", "TextInput", "Slider"…),
    /// empty for other kinds.
    pub role: String,
    pub id: String,
    pub text: String,
    pub rect: Rect,
}

/// An area element on the map: its drawn bounding box (clipped to the map) and the share
/// of its on-screen polygon that no placed item covers (0–1).
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub id: String,
    pub rect: Rect,
    pub visible_fraction: f32,
}

/// The laid-out window.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub size: Vec2,
    pub map: Option<Rect>,
    pub items: Vec<Item>,
    pub areas: Vec<Area>,
}

/// Panel ids as the app names them (`egui::Panel::*("id")`), reported as kind "panel".
const PANELS: [&str; 4] = ["top_bar", "left", "selection", "timeline"];

/// Lays out the app on `source` as `req` asks.
///
/// Errors: the atlas does not load (its problems, as `aras check` prints them), or the
/// selected id or a hidden layer is unknown.
pub fn layout(source: &AtlasSource, req: &LayoutRequest) -> Result<Layout, String> {
    layout_with(source, req, |_| ()).map(|(l, ())| l)
}

/// [`layout`], and `query` asked of the laid-out app (for what the JSON does not carry,
/// such as where a reader mention or a geographic point is on screen).
pub fn layout_with<T>(
    source: &AtlasSource,
    req: &LayoutRequest,
    query: impl FnOnce(&ArasApp) -> T,
) -> Result<(Layout, T), String> {
    let atlas = model::load(source)
        .map_err(|p| format!("{} has {} problem(s):\n{p}", source.describe(), p.len()))?;
    let select = match &req.select {
        Some(key) => Some(crate::state::element_by_key(&atlas, key, "--select")?),
        None => None,
    };
    let layers = if req.layers.is_empty() {
        None
    } else {
        Some(Layers::from_args(&atlas, &req.layers)?)
    };
    let keys = element_keys(&atlas);
    let ctx = egui::Context::default();
    ctx.enable_accesskit();
    let init = AppInit {
        source: source.clone(),
        atlas: Ok(atlas),
        select,
        screenshot: None,
        ephemeral: true,
        restore: Some(Persisted {
            dark: req.dark,
            ..Persisted::default()
        }),
        layers,
    };
    let mut app = ArasApp::headless(&ctx, init);
    if let Some(v) = req.layers.view {
        app.open_view(v);
    }
    let mut run = Driver::new(ctx, egui::vec2(req.size.0, req.size.1));
    run.settle(&mut app, Vec::new());
    if let Some(f) = req.zoom {
        let c = app.map_rect().map_or(pos2(0.0, 0.0), |r| r.center());
        run.settle(&mut app, vec![Event::PointerMoved(c), Event::Zoom(f)]);
    }
    // Move the pointer away so no hover is reported, then take the last frame.
    run.settle(&mut app, vec![Event::PointerGone]);
    let out = run.frame(&mut app, Vec::new());
    let nodes = out
        .platform_output
        .accesskit_update
        .map(|t| t.nodes)
        .unwrap_or_default();
    let mut items = panels(&run.ctx, run.root, app.map_rect());
    items.extend(controls(&run.ctx, &nodes, &keys));
    let (map_items, areas) = map_layout(&app);
    items.extend(map_items);
    let layout = Layout {
        size: run.size,
        map: app.map_rect(),
        items,
        areas,
    };
    Ok((layout, query(&app)))
}

/// Element keys by AccessKit node id, so map element nodes can be told from controls.
fn element_keys(atlas: &Atlas) -> BTreeMap<u64, (String, String)> {
    atlas
        .elements
        .iter()
        .map(|e| {
            let id = crate::ui::map::element_widget_id(&e.key).accesskit_id().0;
            (id, (e.key.clone(), e.name.clone()))
        })
        .collect()
}

/// The app's panels (from egui's stored panel rects) and the map.
/// A panel not shown this frame (a collapsed drawer) may still have a stored rect from
/// an earlier one; a shown panel never overlaps the map, so one that does is left out.
fn panels(ctx: &egui::Context, root: egui::Id, map: Option<Rect>) -> Vec<Item> {
    let mut items: Vec<Item> = PANELS
        .iter()
        .filter_map(|name| {
            let state = egui::PanelState::load(ctx, root.with(*name))?;
            let overlap = map.map(|m| m.intersect(state.outer_rect));
            if overlap.is_some_and(|o| o.is_positive() && o.area() > 1.0) {
                return None;
            }
            Some(Item {
                kind: "panel",
                role: String::new(),
                id: (*name).to_owned(),
                text: String::new(),
                rect: state.outer_rect,
            })
        })
        .collect();
    items.extend(map.map(|rect| Item {
        kind: "panel",
        role: String::new(),
        id: "map".to_owned(),
        text: String::new(),
        rect,
    }));
    items
}

/// Roles a person operates: what "control" means here.
fn is_control(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::DefaultButton
            | Role::CheckBox
            | Role::RadioButton
            | Role::Switch
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::SearchInput
            | Role::Slider
            | Role::SpinButton
            | Role::ComboBox
            | Role::Link
            | Role::Tab
            | Role::MenuItem
            | Role::ListBoxOption
    )
}

/// Named interactive AccessKit nodes, clipped to where they are on screen (a widget
/// scrolled out of its panel is left out). Map element nodes are not controls.
fn controls(
    ctx: &egui::Context,
    nodes: &[(accesskit::NodeId, accesskit::Node)],
    elements: &BTreeMap<u64, (String, String)>,
) -> Vec<Item> {
    // On-screen (clipped) rectangles of this frame's widgets, by AccessKit id.
    let shown: BTreeMap<u64, Rect> = ctx.viewport(|vp| {
        vp.prev_pass
            .widgets
            .layers()
            .flat_map(|(_, ws)| ws.iter())
            .map(|w| (w.id.value(), w.interact_rect))
            .collect()
    });
    let by_id: BTreeMap<u64, &accesskit::Node> = nodes.iter().map(|(id, n)| (id.0, n)).collect();
    let text_of = |n: &accesskit::Node| {
        n.label()
            .or_else(|| n.value())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    let mut seen = BTreeSet::new();
    nodes
        .iter()
        .filter(|(id, n)| is_control(n.role()) && !elements.contains_key(&id.0))
        .filter_map(|(id, n)| {
            // Its own name, else the widget that labels it, else what it is.
            let name = text_of(n)
                .or_else(|| {
                    n.labelled_by()
                        .iter()
                        .find_map(|l| by_id.get(&l.0).and_then(|l| text_of(l)))
                })
                .or_else(|| n.placeholder().map(str::to_owned))
                .unwrap_or_else(|| format!("{:?}", n.role()));
            let bounds = n.bounds()?;
            let full = Rect::from_min_max(
                pos2(bounds.x0 as f32, bounds.y0 as f32),
                pos2(bounds.x1 as f32, bounds.y1 as f32),
            );
            let rect = shown.get(&id.0).map_or(full, |clip| full.intersect(*clip));
            let key = (name.clone(), rect.min.x.to_bits(), rect.min.y.to_bits());
            (rect.is_positive() && seen.insert(key)).then(|| Item {
                kind: "control",
                role: format!("{:?}", n.role()),
                id: name.clone(),
                text: name,
                rect,
            })
        })
        .collect()
}

/// The map's labels, badges and markers as its placer placed them, and how much of each
/// area stays visible beneath them. The placer's own controls (zoom, Home, map date) are
/// left out: the AccessKit tree already reports them; the locator inset is reported as
/// the control "locator".
fn map_layout(app: &ArasApp) -> (Vec<Item>, Vec<Area>) {
    let (Some(map), Some(atlas)) = (app.map_panel(), app.atlas()) else {
        return (Vec::new(), Vec::new());
    };
    let items = map
        .layout_items()
        .into_iter()
        .filter(|i| i.kind != "control" || i.id == "locator")
        .map(|i| Item {
            kind: i.kind,
            role: String::new(),
            id: i.id,
            text: i.text,
            rect: i.rect,
        })
        .collect();
    let areas = map
        .area_visibility(atlas)
        .into_iter()
        .map(|(id, rect, visible_fraction)| Area {
            id,
            rect,
            visible_fraction,
        })
        .collect();
    (items, areas)
}

fn rect_json(r: Rect) -> Value {
    let round = |v: f32| (f64::from(v) * 10.0).round() / 10.0;
    json!([
        round(r.min.x),
        round(r.min.y),
        round(r.max.x),
        round(r.max.y)
    ])
}

impl Layout {
    /// The JSON that `aras layout` prints: `{"size":[w,h],"map":[x0,y0,x1,y1] or null,
    /// "items":[{"kind","role","id","text","rect"}],"areas":[{"id","rect","visible_fraction"}]}`.
    pub fn to_json(&self) -> Value {
        json!({
            "size": [self.size.x, self.size.y],
            "map": self.map.map(rect_json),
            "items": self.items.iter().map(|i| json!({
                "kind": i.kind,
                "role": i.role,
                "id": i.id,
                "text": i.text,
                "rect": rect_json(i.rect),
            })).collect::<Vec<_>>(),
            "areas": self.areas.iter().map(|a| json!({
                "id": a.id,
                "rect": rect_json(a.rect),
                "visible_fraction": a.visible_fraction,
            })).collect::<Vec<_>>(),
        })
    }
}

/// `aras layout`: prints the layout as one JSON document. Exit 0, or 2 with the reason.
pub fn run(source: &AtlasSource, req: &LayoutRequest) -> ExitCode {
    match layout(source, req) {
        Ok(l) => {
            use std::io::Write;
            // A closed pipe (`| head`) is a normal end.
            let _ = writeln!(std::io::stdout().lock(), "{}", l.to_json());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("aras: layout: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use egui::Pos2;

    fn at(size: (f32, f32)) -> Layout {
        let req = LayoutRequest {
            size,
            ..LayoutRequest::default()
        };
        layout(&AtlasSource::Embedded, &req).expect("layout")
    }

    #[test]
    fn layout_names_the_top_bar_controls_and_the_search_box() {
        let l = at((1400.0, 900.0));
        for name in ["Copy link", "Dark theme", "Reset view", "+", "-", "Home"] {
            assert!(
                l.items.iter().any(|i| i.kind == "control" && i.id == name),
                "no control {name}"
            );
        }
        let search = l.items.iter().find(|i| i.id == "Search").expect("search");
        assert_eq!(search.role, "TextInput");
    }

    #[test]
    fn layout_reports_the_panels_around_the_map() {
        let l = at((1400.0, 900.0));
        let map = l.map.expect("map");
        let window = Rect::from_min_size(Pos2::ZERO, l.size);
        assert!(window.contains_rect(map) && map.area() > 0.0);
        for name in ["top_bar", "left", "selection", "map"] {
            let p = l.items.iter().find(|i| i.kind == "panel" && i.id == name);
            assert!(p.is_some(), "no panel {name}");
        }
    }

    #[test]
    fn layout_reports_map_elements_inside_the_map_by_id() {
        let l = at((1400.0, 900.0));
        let map = l.map.expect("map");
        let armenia = l
            .items
            .iter()
            .find(|i| i.kind != "control" && i.id == "armenia")
            .expect("armenia");
        assert_eq!(armenia.text.to_lowercase(), "armenia");
        assert!(map.contains_rect(armenia.rect));
    }

    #[test]
    fn layout_leaves_out_controls_scrolled_out_of_view() {
        let l = at((1400.0, 900.0));
        let window = Rect::from_min_size(Pos2::ZERO, l.size);
        for c in l.items.iter().filter(|i| i.kind == "control") {
            assert!(window.contains_rect(c.rect), "{} at {:?}", c.id, c.rect);
        }
    }

    #[test]
    fn zooming_the_layout_moves_the_map_elements() {
        let plain = at((1400.0, 900.0));
        let req = LayoutRequest {
            zoom: Some(2.0),
            ..LayoutRequest::default()
        };
        let zoomed = layout(&AtlasSource::Embedded, &req).expect("layout");
        let rect = |l: &Layout| l.items.iter().find(|i| i.id == "iran").map(|i| i.rect);
        assert_ne!(rect(&plain), rect(&zoomed));
    }

    #[test]
    fn an_unknown_selection_is_an_error_naming_the_id() {
        let req = LayoutRequest {
            select: Some("atlantis".to_owned()),
            ..LayoutRequest::default()
        };
        let err = layout(&AtlasSource::Embedded, &req).expect_err("unknown id");
        assert!(err.contains("atlantis"), "{err}");
    }

    #[test]
    fn layout_reports_how_much_of_each_area_is_visible() {
        let l = at((1400.0, 900.0));
        let nakhchivan = l.areas.iter().find(|a| a.id == "nakhchivan").expect("area");
        assert!((0.0..=1.0).contains(&nakhchivan.visible_fraction));
        assert!(l.map.expect("map").contains_rect(nakhchivan.rect));
    }

    #[test]
    fn the_json_has_size_map_items_and_areas() {
        let v = at((1024.0, 700.0)).to_json();
        assert_eq!(v["size"], serde_json::json!([1024.0, 700.0]));
        assert_eq!(v["map"].as_array().map(Vec::len), Some(4));
        let item = &v["items"][0];
        for key in ["kind", "id", "text", "rect"] {
            assert!(item.get(key).is_some(), "item without {key}: {item}");
        }
        assert!(v["areas"].is_array());
    }
}
