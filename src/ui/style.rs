//! Colours and strokes for the map, for light and dark themes. One place, so the legend
//! and the map can never disagree.

use std::sync::Arc;

use egui::Color32;

pub use self::atlas::AtlasColours;
use crate::model::{Element, Kind, Status};

mod atlas;
pub mod focus;

/// The palette for one theme, with the colours its atlas gives its countries, routes and
/// claimants ([`AtlasColours`], computed once per atlas).
#[derive(Clone, Debug)]
pub struct Palette {
    pub dark: bool,
    pub background_sea: Color32,
    pub water: Color32,
    pub water_line: Color32,
    pub context_land: Color32,
    pub border: Color32,
    pub context_border: Color32,
    pub label: Color32,
    pub label_muted: Color32,
    pub halo: Color32,
    pub place: Color32,
    pub selection: Color32,
    pub hover: Color32,
    pub disputed: Color32,
    pub recaptured: Color32,
    pub region_outline: Color32,
    pub badge_fill: Color32,
    pub badge_text: Color32,
    /// Which of the palettes' colours each country, route and claimant takes.
    pub colours: Arc<AtlasColours>,
}

impl Palette {
    /// The theme's palette with an atlas's own colours ([`AtlasColours::of`]).
    pub fn for_atlas(dark: bool, colours: Arc<AtlasColours>) -> Self {
        Self {
            colours,
            ..Self::new(dark)
        }
    }

    /// The theme's palette without an atlas: every country context grey, every route
    /// coloured from its key.
    pub fn new(dark: bool) -> Self {
        if dark {
            Self {
                dark,
                background_sea: Color32::from_rgb(0x16, 0x24, 0x33),
                water: Color32::from_rgb(0x1d, 0x3f, 0x5e),
                water_line: Color32::from_rgb(0x5c, 0x9b, 0xd0),
                context_land: Color32::from_rgb(0x34, 0x35, 0x38),
                border: Color32::from_rgb(0xd8, 0xd8, 0xd8),
                context_border: Color32::from_rgb(0x5c, 0x5d, 0x61),
                label: Color32::from_rgb(0xf2, 0xf2, 0xf2),
                label_muted: Color32::from_rgb(0x9a, 0x9c, 0xa0),
                halo: Color32::from_rgba_unmultiplied(0x10, 0x10, 0x12, 200),
                place: Color32::from_rgb(0xf5, 0xf5, 0xf5),
                selection: Color32::from_rgb(0xff, 0xc9, 0x3c),
                hover: Color32::from_rgb(0xff, 0xff, 0xff),
                disputed: Color32::from_rgb(0xff, 0x9e, 0x8a),
                recaptured: Color32::from_rgb(0xf0, 0xb4, 0x5a),
                region_outline: Color32::from_rgb(0xe6, 0xe6, 0xe6),
                badge_fill: Color32::from_rgb(0x2b, 0x2d, 0x33),
                badge_text: Color32::from_rgb(0xf0, 0xf0, 0xf0),
                colours: Arc::default(),
            }
        } else {
            Self {
                dark,
                background_sea: Color32::from_rgb(0xd6, 0xe6, 0xf0),
                water: Color32::from_rgb(0xa9, 0xcb, 0xe3),
                water_line: Color32::from_rgb(0x2f, 0x6f, 0xa8),
                context_land: Color32::from_rgb(0xea, 0xe8, 0xe3),
                border: Color32::from_rgb(0x3c, 0x3c, 0x3c),
                context_border: Color32::from_rgb(0xb5, 0xb2, 0xab),
                label: Color32::from_rgb(0x1e, 0x1e, 0x1e),
                label_muted: Color32::from_rgb(0x69, 0x66, 0x5f),
                halo: Color32::from_rgba_unmultiplied(0xff, 0xff, 0xff, 200),
                place: Color32::from_rgb(0x22, 0x22, 0x22),
                selection: Color32::from_rgb(0xbf, 0x3f, 0x00),
                hover: Color32::from_rgb(0x11, 0x11, 0x11),
                disputed: Color32::from_rgb(0xb0, 0x3a, 0x2e),
                recaptured: Color32::from_rgb(0x9c, 0x57, 0x00),
                region_outline: Color32::from_rgb(0x44, 0x44, 0x44),
                badge_fill: Color32::from_rgb(0xff, 0xff, 0xff),
                badge_text: Color32::from_rgb(0x1e, 0x1e, 0x1e),
                colours: Arc::default(),
            }
        }
    }

    /// Fill of a main country: a calm qualitative palette ([`COUNTRY_FILLS`]), the slot
    /// its atlas gives it, so that neighbours are never alike; context grey for a key the
    /// atlas does not colour.
    pub fn country(&self, key: &str) -> Color32 {
        match self.colours.country_slot(key) {
            Some(slot) => self.country_fill(slot),
            None => self.context_land,
        }
    }

    /// The `slot`th country fill ([`COUNTRY_FILLS`], repeating) in this theme.
    pub fn country_fill(&self, slot: usize) -> Color32 {
        let (r, g, b) = COUNTRY_FILLS
            .get(slot % COUNTRY_FILLS.len())
            .copied()
            .unwrap_or((0xe9, 0xcd, 0xa4));
        if self.dark {
            // The same hues, darker, so labels in light text stay legible.
            Color32::from_rgb(r / 2 - 10, g / 2 - 10, b / 2 - 10)
        } else {
            Color32::from_rgb(r, g, b)
        }
    }

    /// Area fill for an element drawn as an area.
    pub fn area_fill(&self, el: &Element) -> Color32 {
        match el.kind {
            Kind::Water => self.water,
            Kind::Country if el.context => self.context_land,
            Kind::Country => self.country(&el.key),
            _ => Color32::TRANSPARENT,
        }
    }

    /// Background of the passages the reader marks for the selection (translucent, laid
    /// over the panel).
    pub fn passage_bg(&self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0xff, 0xc9, 0x3c, 40)
        } else {
            Color32::from_rgba_unmultiplied(0xff, 0xd8, 0x4d, 110)
        }
    }

    /// Background of the passage the side panel is showing: the passage colour, stronger,
    /// so it stands out among the selection's other passages.
    pub fn current_passage_bg(&self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0xff, 0xc9, 0x3c, 70)
        } else {
            Color32::from_rgba_unmultiplied(0xff, 0xd8, 0x4d, 150)
        }
    }

    /// Background for a mention in the reader: the element's map colour, light enough
    /// to read body text through.
    pub fn mention_bg(&self, el: &Element) -> Color32 {
        let base = match el.kind {
            Kind::Country if !el.context && self.dark => {
                return self.country(&el.key).gamma_multiply(0.6);
            }
            Kind::Country if !el.context => return self.country(&el.key),
            Kind::Corridor => self.corridor(&el.key),
            Kind::Water => self.water_line,
            Kind::Region => self.recaptured,
            Kind::Person => Color32::from_rgb(0x5b, 0x7f, 0xc2),
            Kind::Organisation => Color32::from_rgb(0x8e, 0x6f, 0xb5),
            Kind::Offmap | Kind::Relation => Color32::from_rgb(0x8a, 0x8a, 0x8a),
            Kind::Place | Kind::Country => Color32::from_rgb(0x9c, 0x8f, 0x6a),
        };
        base.gamma_multiply(if self.dark { 0.25 } else { 0.28 })
    }

    /// Text in the selection's colour on panels (the reader's selected mentions, the
    /// timeline's marked events): the map's selection colour, darkened in the light
    /// theme so that it reads as body text on the panel and the reader's highlights.
    pub fn selected_text(&self) -> Color32 {
        if self.dark {
            self.selection
        } else {
            Color32::from_rgb(0x8a, 0x2d, 0x00)
        }
    }

    /// Line colour of a corridor: distinct per route, in the order of the atlas's routes
    /// ([`Palette::route_colour`]); for a key the atlas does not list (a palette without
    /// an atlas), a colour made from the key.
    pub fn corridor(&self, key: &str) -> Color32 {
        match self.colours.corridor_slot(key) {
            Some(slot) => self.route_colour(slot),
            None => self.adjust_route(key_hue_colour(key)),
        }
    }

    /// The `slot`th route colour in this theme: [`ROUTE_COLOURS`], then hues a golden
    /// angle apart, so that no two routes of an atlas are alike.
    pub fn route_colour(&self, slot: usize) -> Color32 {
        let light = match ROUTE_COLOURS.get(slot) {
            Some((r, g, b)) => Color32::from_rgb(*r, *g, *b),
            None => route_hue((slot as f32 * 0.618_034).fract()),
        };
        self.adjust_route(light)
    }

    fn adjust_route(&self, light: Color32) -> Color32 {
        if self.dark { brighten(light) } else { light }
    }
}

/// Fills of the main countries, light theme, in the order an atlas's countries take them
/// (most mentioned first, a colour not yet used while one is left, never a neighbour's).
/// The South Caucasus atlas's Iran, Azerbaijan, Turkey, Armenia and Russia, then Israel,
/// Georgia and Syria take them in this order; all of the same lightness, none near the
/// water's blue.
pub const COUNTRY_FILLS: [(u8, u8, u8); 10] = [
    (0xe9, 0xcd, 0xa4),
    (0xa9, 0xd6, 0xb5),
    (0xf3, 0xe3, 0xa6),
    (0xf0, 0xb9, 0xb3),
    (0xd9, 0xc7, 0xd9),
    (0xcc, 0xdc, 0x9c),
    (0xcd, 0xbf, 0xe6),
    (0xf2, 0xc9, 0x9e),
    (0xb9, 0xd9, 0xcf),
    (0xe6, 0xc3, 0xd6),
];

/// Route colours, light theme, in the order of an atlas's routes (the South Caucasus
/// atlas's five first), each at 3:1 on the label halo over land, water and sea. None is
/// near the selection's orange: the sixth, an orange-brown, had carried a selected
/// country's outline on along the Iran–Azerbaijan border (trial14 #5).
pub const ROUTE_COLOURS: [(u8, u8, u8); 10] = [
    (0xc0, 0x1f, 0x3a),
    (0x0b, 0x7a, 0x52),
    (0x1f, 0x5f, 0xbf),
    (0x7b, 0x3f, 0xa8),
    (0x4a, 0x4a, 0x4a),
    (0x6b, 0x4a, 0x2b),
    (0x00, 0x74, 0x80),
    (0xad, 0x14, 0x57),
    (0x5d, 0x6b, 0x00),
    (0x39, 0x49, 0xab),
];

/// A stable colour made from a route's key, for a route its atlas does not list.
fn key_hue_colour(key: &str) -> Color32 {
    let h = key
        .bytes()
        .fold(7u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32));
    route_hue((h % 360) as f32 / 360.0)
}

/// A route colour of hue `h` (0–1).
fn route_hue(h: f32) -> Color32 {
    // In gamma space (egui's `Hsva` is linear, where 0.6 reads as a pale tint): dark
    // enough for a label at 3:1 on the map's halo.
    egui::ecolor::HsvaGamma {
        h,
        s: 0.75,
        v: 0.5,
        a: 1.0,
    }
    .into()
}

fn brighten(c: Color32) -> Color32 {
    let f = |v: u8| (v as u16 + (255 - v as u16) * 5 / 10) as u8;
    Color32::from_rgb(f(c.r()), f(c.g()), f(c.b()))
}

/// How a route's line is drawn, from the status the article gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    Solid,
    Dashed,
    Dotted,
}

pub fn line_style(status: Option<Status>) -> LineStyle {
    match status {
        Some(Status::Proposed) => LineStyle::Dashed,
        Some(Status::Alleged) => LineStyle::Dotted,
        _ => LineStyle::Solid,
    }
}

/// How a relation of a type is drawn: colour, line style, width.
pub fn relation_style(
    kind: crate::model::timeline::RelationType,
    dark: bool,
) -> (Color32, LineStyle, f32) {
    use crate::model::timeline::RelationType as R;
    let (c, style, w) = match kind {
        // Darker and heavier than tension: fighting, not words.
        R::Conflict => (Color32::from_rgb(0x7f, 0x00, 0x00), LineStyle::Solid, 3.4),
        R::Tension => (Color32::from_rgb(0xc6, 0x28, 0x28), LineStyle::Solid, 2.6),
        R::Rivalry => (Color32::from_rgb(0xe6, 0x6a, 0x00), LineStyle::Dashed, 2.6),
        R::Cooperation => (Color32::from_rgb(0x2e, 0x7d, 0x32), LineStyle::Solid, 2.6),
        R::Ties => (Color32::from_rgb(0x55, 0x8b, 0x2f), LineStyle::Dashed, 2.2),
        R::Support => (Color32::from_rgb(0x82, 0x77, 0x17), LineStyle::Dotted, 2.2),
        R::Mediation => (Color32::from_rgb(0x15, 0x65, 0xc0), LineStyle::Dotted, 2.4),
        R::Proposal => (Color32::from_rgb(0x15, 0x65, 0xc0), LineStyle::Dashed, 2.0),
        R::Membership => (Color32::from_rgb(0x45, 0x5a, 0x64), LineStyle::Dotted, 1.6),
        R::Normalisation => (Color32::from_rgb(0x00, 0x89, 0x7b), LineStyle::Dashed, 2.4),
        R::Accusation => (Color32::from_rgb(0x8e, 0x24, 0xaa), LineStyle::Solid, 1.8),
        R::Critique => (Color32::from_rgb(0x8e, 0x24, 0xaa), LineStyle::Dotted, 1.8),
    };
    (if dark { brighten(c) } else { c }, style, w)
}

/// The colour of a relation drawn "by whose claim": Okabe and Ito's colour-universal
/// palette (2008, [`CLAIMANT_COLOURS`]), one colour per state in the order its atlas gives
/// them (people and outlets take their state's: [`AtlasColours`]), grey for the author.
/// Chosen to stay apart under protanopia, deuteranopia and tritanopia; `tests/contrast.rs`
/// checks the pairs with Machado et al.'s (2009) simulation.
pub fn claimant_color(
    pal: &Palette,
    atlas: &crate::model::Atlas,
    c: crate::model::timeline::Claimant,
) -> Color32 {
    use crate::model::timeline::Claimant;
    let key = match c {
        Claimant::Author => {
            return if pal.dark {
                Color32::from_rgb(0xe8, 0xe8, 0xe8)
            } else {
                Color32::from_rgb(0x55, 0x55, 0x55)
            };
        }
        Claimant::Actor(id) => atlas.element(id).map_or("", |e| e.key.as_str()),
    };
    let slot = pal
        .colours
        .claimant_slot(key)
        .unwrap_or(CLAIMANT_COLOURS.len() - 1);
    let (r, g, b) = CLAIMANT_COLOURS
        .get(slot % CLAIMANT_COLOURS.len())
        .copied()
        .unwrap_or((0x56, 0xb4, 0xe9));
    let base = Color32::from_rgb(r, g, b);
    if pal.dark {
        base.lerp_to_gamma(Color32::WHITE, 0.25)
    } else {
        base
    }
}

/// Okabe and Ito's colours (without black), in the order an atlas's claimant states take
/// them: vermillion, blue, reddish purple, bluish green, orange, sky blue, yellow.
pub const CLAIMANT_COLOURS: [(u8, u8, u8); 7] = [
    (0xd5, 0x5e, 0x00),
    (0x00, 0x72, 0xb2),
    (0xcc, 0x79, 0xa7),
    (0x00, 0x9e, 0x73),
    (0xe6, 0x9f, 0x00),
    (0x56, 0xb4, 0xe9),
    (0xf0, 0xe4, 0x42),
];

/// egui's visuals for a theme, with the text colours raised to WCAG AA on every panel
/// and highlight: body and weak text, links, errors and text in a selection; and the
/// outline of an unfocused text field at 3:1 against the panel and the field.
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    if dark {
        v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(0xd2);
        v.weak_text_color = Some(Color32::from_gray(0xa4));
        v.error_fg_color = Color32::from_rgb(0xff, 0x7a, 0x7a);
        v.selection.bg_fill = Color32::from_rgb(0x0b, 0x3d, 0x5c);
        // Unfocused text fields (and buttons) are outlined at 3:1 against the panel
        // (WCAG non-text contrast): egui leaves them without a border.
        v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(0x7a));
    } else {
        v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(0x8a));
        v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(0x36);
        v.weak_text_color = Some(Color32::from_gray(0x66));
        v.hyperlink_color = Color32::from_rgb(0x00, 0x58, 0xb0);
        v.error_fg_color = Color32::from_rgb(0xb0, 0x00, 0x20);
    }
    v
}

/// WCAG 2.x relative luminance of an opaque colour (0 black … 1 white).
pub fn relative_luminance(c: Color32) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// WCAG 2.x contrast ratio of two colours, from 1 to 21; translucent colours are
/// first laid over each other (`fg` over `bg`, `bg` taken as opaque).
pub fn contrast_ratio(fg: Color32, bg: Color32) -> f64 {
    let bg = over(bg, Color32::BLACK);
    let (a, b) = (relative_luminance(over(fg, bg)), relative_luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// `top` laid over the opaque `bottom` (sRGB-space blending, as egui paints).
pub fn over(top: Color32, bottom: Color32) -> Color32 {
    let [r, g, b, a] = top.to_srgba_unmultiplied();
    let a = f32::from(a) / 255.0;
    let mix = |t: u8, u: u8| (f32::from(t) * a + f32::from(u) * (1.0 - a)).round() as u8;
    Color32::from_rgb(mix(r, bottom.r()), mix(g, bottom.g()), mix(b, bottom.b()))
}
