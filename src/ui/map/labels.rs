//! Labels of countries, regions, water, places and routes: styled by kind, offered to the
//! placer by priority at a few candidate spots each.

use geo::Contains;

use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

use super::draw::halo_rect;
use super::geometry::label_rank;
use super::pick::{area_grid, deepest_point};
use super::placer::GAP;
use super::scene::Builder;
use super::view::ScreenTransform;
use crate::model::{Element, ElementId, Kind, Projected};
use crate::state::Group;
use crate::ui::style::Palette;

impl Builder<'_, '_> {
    /// Keeps text off small plain regions the story is about (Nakhchivan, Syunik) so
    /// they stay visible beneath their labels; their own labels then go beside them.
    /// A region with a story place inside (Salisbury in Wiltshire) is not kept clear:
    /// the place's label could go nowhere.
    pub(super) fn keep_regions_clear(&mut self) {
        let rect = self.tf.rect;
        let places: Vec<Pos2> = self
            .ctx
            .atlas
            .elements
            .iter()
            .filter(|e| e.kind == Kind::Place && !e.context && !e.offmap)
            .filter_map(|e| e.projected.as_ref()?.label_point())
            .map(|p| self.tf.to_screen(p))
            .collect();
        for el in &self.ctx.atlas.elements {
            let plain = el.kind == Kind::Region && !el.disputed && el.changed.is_none();
            let Some([a, b]) = el.projected.as_ref().and_then(Projected::bounds) else {
                continue;
            };
            if !plain || !matches!(el.projected, Some(Projected::Area(_))) || !self.visible(el.id) {
                continue;
            }
            let r = Rect::from_two_pos(self.tf.to_screen(a), self.tf.to_screen(b));
            if r.width() < 160.0 && r.intersects(rect) && !places.iter().any(|p| r.contains(*p)) {
                self.placer.keep_out(r.shrink2(r.size() * 0.08));
            }
        }
    }

    /// Labels of one pass (by rank), greedy by priority, never overlapping; the selected
    /// element's label goes first.
    pub(super) fn labels(&mut self, pass: impl Fn(u32) -> bool) {
        let show = self.ctx.layers.group_visible(Group::Labels);
        let atlas = self.ctx.atlas;
        let selected = self.ctx.selection.selected;
        let mut order: Vec<ElementId> = selected
            .into_iter()
            .filter(|s| self.geometry.label_order.contains(s))
            .collect();
        order.extend(
            self.geometry
                .label_order
                .iter()
                .filter(|id| Some(**id) != selected),
        );
        let groups = if show && self.ctx.layers.group_visible(Group::People) {
            self.people_by_place()
        } else {
            Vec::new()
        };
        for id in order {
            let rank = if Some(id) == selected {
                0
            } else {
                label_rank(atlas, id)
            };
            let Some(el) = atlas.element(id) else {
                continue;
            };
            if !pass(rank) || !self.visible(id) {
                continue;
            }
            let Some(anchor) = self.label_anchor(el) else {
                continue;
            };
            self.element_rects
                .entry(id)
                .or_insert_with(|| Rect::from_center_size(anchor, vec2(16.0, 16.0)));
            self.anchors.entry(id).or_insert(anchor);
            if let Some((_, members)) = groups.iter().find(|(at, _)| *at == id)
                && self.town_group(el, members)
            {
                continue;
            }
            if show {
                self.label(el, anchor);
            }
            if Some(id) == selected {
                self.keep_line_clear(el);
            }
        }
    }

    /// Keeps text off the selected line (a route, a border, a river) once its own label
    /// is placed: the line is what the reader asked to see (the Zangezur Corridor lay under "Aras
    /// River" and its own label).
    fn keep_line_clear(&mut self, el: &Element) {
        let Some(Projected::Lines(lines)) = &el.projected else {
            return;
        };
        let rect = self.tf.rect;
        for l in lines {
            let pts: Vec<Pos2> = l.0.iter().map(|c| self.tf.to_screen([c.x, c.y])).collect();
            for w in pts.windows(2) {
                let &[a, b] = w else { continue };
                let n = ((b - a).length() / KEEP_STEP).ceil().max(1.0) as usize;
                // Each segment's squares up to (not at) its end: the next starts there.
                for k in 0..n {
                    let p = a + (b - a) * (k as f32 / n as f32);
                    if rect.contains(p) {
                        self.placer
                            .keep_out(Rect::from_center_size(p, Vec2::splat(KEEP_WIDTH)));
                    }
                }
            }
            if let Some(end) = pts.last().filter(|p| rect.contains(**p)) {
                self.placer
                    .keep_out(Rect::from_center_size(*end, Vec2::splat(KEEP_WIDTH)));
            }
        }
    }

    /// A town with people of its own is labelled by their group, which names it
    /// ("Damascus · Syrian army"), beside its dot or on a leader: one thing, not a
    /// label and a chip repeating it (trial10 #2). Whether it was placed.
    fn town_group(&mut self, el: &Element, members: &[&Element]) -> bool {
        let Some(dot) = self.dots.get(&el.id).copied() else {
            return false;
        };
        if el.kind != Kind::Place || !self.tf.rect.shrink(4.0).contains(dot) {
            return false;
        }
        let placed = self.badge_group(el.id, members, dot, None, dot).is_some();
        if placed {
            self.grouped.insert(el.id);
        }
        placed
    }
    /// Where an element's label goes: its label point, or for a big area whose label
    /// point is off-screen, the middle of its visible part.
    /// Never under the map's controls, the date badge or the inset (trial8: the "Map as
    /// of" badge hid the Caspian Sea, its label's leader ending under it).
    fn label_anchor(&self, el: &Element) -> Option<Pos2> {
        let rect = self.tf.rect;
        let proj = el.projected.as_ref()?;
        let anchor = self.tf.to_screen(proj.label_point()?);
        let controls: Vec<Rect> = self
            .placer
            .items()
            .iter()
            .filter(|i| i.kind == "control")
            .map(|i| i.rect.expand(GAP))
            .collect();
        let clear = |p: &Pos2| !controls.iter().any(|c| c.contains(*p));
        if rect.shrink(20.0).contains(anchor) {
            if clear(&anchor) {
                return Some(anchor);
            }
            // Under a control (Lake Van under the locator inset): a visible spot of it.
            return self.clear_spot(proj, &clear);
        }
        let big = proj.bounds().is_some_and(|[a, b]| {
            let r = Rect::from_two_pos(self.tf.to_screen(a), self.tf.to_screen(b));
            r.width() > rect.width() / 3.0 || r.height() > rect.height() / 3.0
        });
        if !big {
            return None;
        }
        // A spot under a control counts as outside the area.
        let grid: Vec<(Pos2, bool)> = area_grid(proj, self.tf)
            .into_iter()
            .map(|(p, inside)| (p, inside && clear(&p)))
            .collect();
        deepest_point(&grid, self.tf)
    }

    /// For an area whose label point is under a control: the point of a 12×12 grid
    /// over its part on screen that is inside it, clear of the controls and nearest the
    /// middle of those; `None` when none is.
    fn clear_spot(&self, proj: &Projected, clear: &dyn Fn(&Pos2) -> bool) -> Option<Pos2> {
        let Projected::Area(area) = proj else {
            return None;
        };
        let [a, b] = proj.bounds()?;
        let bx = Rect::from_two_pos(self.tf.to_screen(a), self.tf.to_screen(b))
            .intersect(self.tf.rect.shrink(20.0));
        if !bx.is_positive() {
            return None;
        }
        let inside: Vec<Pos2> = (0..144)
            .map(|k| {
                let (i, j) = ((k % 12) as f32, (k / 12) as f32);
                pos2(
                    bx.left() + bx.width() * (i + 0.5) / 12.0,
                    bx.top() + bx.height() * (j + 0.5) / 12.0,
                )
            })
            .filter(|p| clear(p))
            .filter(|p| {
                let [x, y] = self.tf.to_world(*p);
                area.polygons.contains(&geo::Point::new(x, y))
            })
            .collect();
        let mean =
            inside.iter().fold(Vec2::ZERO, |m, p| m + p.to_vec2()) / inside.len().max(1) as f32;
        inside.into_iter().min_by(|p, q| {
            (p.to_vec2() - mean)
                .length()
                .total_cmp(&(q.to_vec2() - mean).length())
        })
    }

    /// Places one label at the first free candidate spot.
    fn label(&mut self, el: &Element, anchor: Pos2) {
        let Some(proj) = &el.projected else { return };
        let earlier = el.changed.is_some() && !self.ctx.layers.exists_on_date(self.ctx.atlas, el);
        let (text, font, color) = label_style(el, &self.ctx.palette, earlier);
        let color = self.fade(el.id, color);
        // Areas too small on screen get no label.
        if let Some([a, b]) = proj.bounds()
            && matches!(proj, Projected::Area(_))
            && (self.tf.to_screen(b).x - self.tf.to_screen(a).x).abs() < 24.0
        {
            return;
        }
        let g = self.galley(text.clone(), font, color);
        let size = g.size();
        let lr = if let Projected::Lines(lines) = proj {
            self.line_label(el, lines, size, &text, color)
        } else {
            let mut candidates = candidates(el, proj, anchor, size, self.tf);
            if el.kind == Kind::Country {
                candidates = self.clear_of_regions(proj, anchor, size, candidates);
            }
            // A country's name is never set over another country; a region's, with its
            // leader, only when no spot clear of them is free (Nakhchivan at 640×480);
            // a sea's beside it, over the shore, is the map's convention; a lake's stays
            // over its own country's shore.
            match el.kind {
                Kind::Country => candidates.retain(|r| self.over_other_country(el, r) == 0),
                Kind::Region => {
                    candidates.sort_by_cached_key(|r| self.over_other_country(el, r));
                }
                // A lake's name beside it goes over its own country's shore: "Lake
                // Sevan" over Azerbaijan read as an Azerbaijani lake (640×480). A lake
                // the story is about may go there as a last resort; a context lake then
                // goes unnamed until zoomed in.
                Kind::Water => {
                    let home = self.ctx.atlas.countries_at(self.tf.to_world(anchor));
                    if !home.is_empty() {
                        let foreign = |r: &Rect| self.over_country_but(r, |c| home.contains(&c));
                        if el.context {
                            candidates.retain(|r| foreign(r) == 0);
                        } else {
                            candidates.sort_by_cached_key(foreign);
                        }
                    }
                }
                _ => {}
            }
            self.place_near("label", &el.key, &text, anchor, candidates)
        };
        let Some(lr) = lr else {
            return;
        };
        self.labels.push(halo_rect(lr, &self.ctx.palette));
        self.labels.push(Shape::galley(lr.min, g, color));
        // A label whose middle is not over its own area (set beside it, or over the sea
        // beside the United Kingdom) points at it.
        if let Projected::Area(area) = proj {
            let [x, y] = self.tf.to_world(lr.center());
            if !area.polygons.contains(&geo::Point::new(x, y)) {
                self.leader(el.id, lr, anchor, color);
            }
        }
        // A click on any label selects what it names (a route's label lies over the sea
        // or a country, which a click there would otherwise select or clear).
        self.hit_rects.push((lr, el.id));
        if el.kind != Kind::Place {
            self.element_rects.insert(el.id, lr);
        }
    }
}

impl Builder<'_, '_> {
    /// How much of an area's label spot lies over a country that is neither the area nor
    /// the one it is part of (0 to 3 of its sample points): "AZERBAIJAN" set below its
    /// box, inside Iran, read as a name of Iranian land (trial13 at 640×480). Over the
    /// sea, or its own land, it may stand, with a leader to its area. Counted, so that a
    /// region prefers a spot barely over a neighbour to one wholly over it.
    fn over_other_country(&self, el: &crate::model::Element, r: &Rect) -> usize {
        let atlas = self.ctx.atlas;
        // Up `part_of` a few steps (a region of a region of a country); a bounded walk,
        // for an atlas whose `part_of` goes round in a circle.
        let own = |id: crate::model::ElementId| {
            std::iter::successors(Some(el.id), |a| atlas.element(*a).and_then(|e| e.part_of))
                .take(8)
                .any(|a| a == id)
        };
        self.over_country_but(r, own)
    }

    /// At how many of three points (its middle, and a third of its width either side) a
    /// label spot lies over a shown country for which `own` is false: 0 to 3.
    fn over_country_but(&self, r: &Rect, own: impl Fn(ElementId) -> bool) -> usize {
        let atlas = self.ctx.atlas;
        let w = r.width() * 0.35;
        let y = r.center().y;
        [
            r.center(),
            pos2(r.center().x - w, y),
            pos2(r.center().x + w, y),
        ]
        .iter()
        .filter(|p| {
            atlas
                .countries_at(self.tf.to_world(**p))
                .into_iter()
                .any(|c| !own(c) && self.visible(c))
        })
        .count()
    }

    /// A country's label spots (with a few more inside it, farther from its label
    /// point) clear of every small region on screen and of room for its label: "SYRIA"
    /// inside Eastern Ghouta reads as the region's name (trial10 #3).
    fn clear_of_regions(
        &self,
        proj: &Projected,
        anchor: Pos2,
        size: Vec2,
        mut candidates: Vec<Rect>,
    ) -> Vec<Rect> {
        let map = self.tf.rect;
        let regions: Vec<Rect> = self
            .ctx
            .atlas
            .elements
            .iter()
            .filter(|e| e.kind == Kind::Region && self.visible(e.id))
            .filter_map(|e| match &e.projected {
                Some(p @ Projected::Area(_)) => p.bounds(),
                _ => None,
            })
            .map(|[a, b]| Rect::from_two_pos(self.tf.to_screen(a), self.tf.to_screen(b)))
            .filter(|r| r.intersects(map) && r.width() < map.width() * 0.5)
            .map(|r| r.expand2(vec2(8.0, 18.0)))
            .collect();
        if regions.is_empty() {
            return candidates;
        }
        if let Projected::Area(area) = proj {
            let (dx, dy) = (size.x * 1.2, size.y * 2.5);
            for d in [
                vec2(0.0, dy),
                vec2(0.0, -dy),
                vec2(dx, 0.0),
                vec2(-dx, 0.0),
                vec2(dx, dy),
                vec2(-dx, dy),
                vec2(dx, -dy),
                vec2(-dx, -dy),
                vec2(0.0, 2.0 * dy),
                vec2(0.0, -2.0 * dy),
            ] {
                let c = anchor + d;
                let [x, y] = self.tf.to_world(c);
                if area.polygons.contains(&geo::Point::new(x, y)) {
                    candidates.push(Rect::from_center_size(c, size));
                }
            }
        }
        candidates.retain(|c| !regions.iter().any(|r| r.intersects(*c)));
        candidates
    }

    /// Places the first free candidate, those on the side of `anchor` where the item
    /// was in the previous view first (labels keep their side as one zooms while it
    /// is free); records the side it took.
    pub(super) fn place_near(
        &mut self,
        kind: &'static str,
        key: &str,
        text: &str,
        anchor: Pos2,
        mut candidates: Vec<Rect>,
    ) -> Option<Rect> {
        let id = format!("{kind}:{key}");
        if let Some(prev) = self.prev_sides.get(&id).copied() {
            candidates.sort_by_key(|r| side_of(*r, anchor) != prev);
        }
        let r = self.placer.place_first(kind, key, text, candidates)?;
        self.sides.insert(id, side_of(r, anchor));
        Some(r)
    }

    /// A line's label at the first free spot along it that is nearer its own line than
    /// any other route's, with a leader to the line when set off it.
    fn line_label(
        &mut self,
        el: &Element,
        lines: &[geo::LineString<f64>],
        size: Vec2,
        text: &str,
        color: Color32,
    ) -> Option<Rect> {
        let tf = self.tf;
        let screen = |ls: &[geo::LineString<f64>]| -> Vec<Vec<Pos2>> {
            ls.iter()
                .map(|l| l.0.iter().map(|c| tf.to_screen([c.x, c.y])).collect())
                .collect()
        };
        let own = screen(lines);
        let others: Vec<Vec<Pos2>> = self
            .ctx
            .atlas
            .elements
            .iter()
            .filter(|e| e.kind == Kind::Corridor && e.id != el.id && self.visible(e.id))
            .filter_map(|e| match &e.projected {
                Some(Projected::Lines(ls)) => Some(screen(ls)),
                _ => None,
            })
            .flatten()
            .collect();
        let dist = |p: Pos2, ls: &[Vec<Pos2>]| {
            ls.iter()
                .map(|l| to_polyline(p, l))
                .fold(f32::INFINITY, f32::min)
        };
        let candidates: Vec<(Rect, Pos2)> = line_candidates(lines, size, tf)
            .into_iter()
            .filter(|(r, _)| dist(r.center(), &own) < dist(r.center(), &others))
            .filter(|(r, _)| self.placer.fits(*r))
            .collect();
        // Best clear of every route line, its own too; else clear of the others' (a
        // label across another route reads as that route's: the duty-free trade's over
        // the flights); else anywhere it fits.
        let crosses = |r: &Rect, ls: &[Vec<Pos2>]| ls.iter().any(|l| crosses_polyline(*r, l));
        let (lr, on) = candidates
            .iter()
            .find(|(r, _)| !crosses(r, &own) && !crosses(r, &others))
            .or_else(|| candidates.iter().find(|(r, _)| !crosses(r, &others)))
            .or_else(|| candidates.first())
            .copied()?;
        self.placer.add("label", &el.key, text, lr);
        if lr.distance_to_pos(on) >= LINE_LEADER_FROM {
            self.leader(el.id, lr, on, color);
        }
        Some(lr)
    }

    /// A thin line from a label set beside its area to a dot inside the area, so that a
    /// label that had to sit over a neighbour (Nakhchivan's over Armenia, when the
    /// corridor's label takes its place) still points at what it names. Drawn beneath
    /// every label.
    fn leader(&mut self, id: ElementId, lr: Rect, anchor: Pos2, color: Color32) {
        self.leaders.push((id, lr, anchor));
        let from = pos2(
            anchor.x.clamp(lr.left(), lr.right()),
            anchor.y.clamp(lr.top(), lr.bottom()),
        );
        let halo = self.ctx.palette.halo.gamma_multiply(0.75);
        let shapes = [
            Shape::line_segment([from, anchor], Stroke::new(3.0, halo)),
            Shape::line_segment([from, anchor], Stroke::new(1.0, color)),
            Shape::circle_filled(anchor, 3.0, halo),
            Shape::circle_filled(anchor, 2.0, color),
        ];
        self.labels.splice(0..0, shapes);
    }
}

/// Which side of `anchor` a rectangle stands on, each way -1, 0 or 1 (0: within a
/// quarter of its size of the anchor).
pub(super) fn side_of(r: Rect, anchor: Pos2) -> (i8, i8) {
    let d = r.center() - anchor;
    let sign = |v: f32, half: f32| {
        if v > half {
            1
        } else if v < -half {
            -1
        } else {
            0
        }
    };
    (sign(d.x, r.width() / 4.0), sign(d.y, r.height() / 4.0))
}

/// Candidate label rectangles around an anchor, best first: beside a point; for an
/// area, inside it when the label is small against it, else beside its box; for a route,
/// along the line on either side.
fn candidates(
    el: &Element,
    proj: &Projected,
    anchor: Pos2,
    size: Vec2,
    tf: ScreenTransform,
) -> Vec<Rect> {
    let at = |c: Pos2| Rect::from_center_size(c, size);
    match proj {
        Projected::Point(_) if el.kind != Kind::Region => vec![
            Rect::from_min_size(anchor + vec2(6.0, -size.y / 2.0), size),
            Rect::from_min_size(anchor + vec2(-6.0 - size.x, -size.y / 2.0), size),
            Rect::from_min_size(anchor + vec2(-size.x / 2.0, -size.y - 5.0), size),
            Rect::from_min_size(anchor + vec2(-size.x / 2.0, 5.0), size),
        ],
        Projected::Area(_) => area_candidates(proj, anchor, size, tf),
        Projected::Lines(lines) => line_candidates(lines, size, tf)
            .into_iter()
            .map(|(r, _)| r)
            .collect(),
        Projected::Point(_) => vec![
            at(anchor),
            at(anchor + vec2(0.0, size.y)),
            at(anchor - vec2(0.0, size.y)),
        ],
    }
}

/// An area's label: within it where the label fits, else beside its box first.
fn area_candidates(proj: &Projected, anchor: Pos2, size: Vec2, tf: ScreenTransform) -> Vec<Rect> {
    let at = |c: Pos2| Rect::from_center_size(c, size);
    let Some([a, b]) = proj.bounds() else {
        return Vec::new();
    };
    let bx = Rect::from_two_pos(tf.to_screen(a), tf.to_screen(b));
    let inside = size.x <= bx.width() * 0.8 && size.y <= bx.height() * 0.5;
    let d = vec2(size.x * 0.35, size.y);
    // A label "within" its area lies over it: its middle and most of its width (trial11
    // #1: "AZERBAIJAN" set over Armenia beside the border). Else it goes beside.
    let over_own = |r: &Rect| {
        let Projected::Area(area) = proj else {
            return true;
        };
        let y = r.center().y;
        let w = r.width() * 0.35;
        [
            r.center(),
            pos2(r.center().x - w, y),
            pos2(r.center().x + w, y),
        ]
        .iter()
        .all(|p| {
            let [x, y] = tf.to_world(*p);
            area.polygons.contains(&geo::Point::new(x, y))
        })
    };
    let within: Vec<Rect> = [
        at(anchor),
        at(anchor + vec2(0.0, d.y)),
        at(anchor - vec2(0.0, d.y)),
        at(anchor + vec2(d.x, 0.0)),
        at(anchor - vec2(d.x, 0.0)),
        at(anchor + d),
        at(anchor - d),
    ]
    .into_iter()
    .filter(over_own)
    .collect();
    let g = 3.0;
    let beside = [
        at(pos2(bx.center().x, bx.bottom() + g + size.y / 2.0)),
        at(pos2(bx.center().x, bx.top() - g - size.y / 2.0)),
        at(pos2(bx.left() - g - size.x / 2.0, bx.center().y)),
        at(pos2(bx.right() + g + size.x / 2.0, bx.center().y)),
    ];
    if inside {
        within.into_iter().chain(beside).collect()
    } else {
        beside.into_iter().chain(within).collect()
    }
}

/// Screen distance between samples along a line where its label is tried (points).
const LINE_STEP: f32 = 24.0;
/// At most this many spots along a line are tried.
const LINE_SAMPLES: usize = 48;
/// A line's label this far or farther from its line (points) is drawn with a leader.
const LINE_LEADER_FROM: f32 = 10.0;

/// Spacing (points) of the squares that keep text off a selected line, and their side:
/// the selected stroke with its halo, and a little clear map either side.
const KEEP_STEP: f32 = 5.0;
const KEEP_WIDTH: f32 = 10.0;

/// A line's label: along the line itself, from the middle of its part on screen
/// outwards, above, below, right and left of it; then a little off it (drawn with a
/// leader). Each candidate comes with the point of the line it belongs to (trial8 #2: a
/// route's label set beside its bounding box landed on the other route, or over the
/// coast).
fn line_candidates(
    lines: &[geo::LineString<f64>],
    size: Vec2,
    tf: ScreenTransform,
) -> Vec<(Rect, Pos2)> {
    let at = |c: Pos2| Rect::from_center_size(c, size);
    let samples = line_samples(lines, tf);
    let h = size.y / 2.0 + 4.0;
    let mut out = Vec::new();
    for gap in [0.0, 14.0, 30.0, 50.0] {
        for p in &samples {
            let p = *p;
            out.push((at(p - vec2(0.0, h + gap)), p));
            out.push((at(p + vec2(0.0, h + gap)), p));
            out.push((
                Rect::from_min_size(p + vec2(6.0 + gap, -size.y / 2.0), size),
                p,
            ));
            out.push((
                Rect::from_min_size(p + vec2(-6.0 - gap - size.x, -size.y / 2.0), size),
                p,
            ));
        }
    }
    out
}

/// Points along a line's parts on screen, every [`LINE_STEP`] points, the middle of
/// the longest visible run first, then outwards.
fn line_samples(lines: &[geo::LineString<f64>], tf: ScreenTransform) -> Vec<Pos2> {
    let inner = tf.rect.shrink(8.0);
    let mut runs: Vec<Vec<Pos2>> = Vec::new();
    for l in lines {
        let pts: Vec<Pos2> = l.0.iter().map(|c| tf.to_screen([c.x, c.y])).collect();
        let mut run: Vec<Pos2> = Vec::new();
        for w in pts.windows(2) {
            let &[a, b] = w else { continue };
            let n = ((b - a).length() / LINE_STEP).ceil().max(1.0) as usize;
            for k in 0..n {
                let p = a + (b - a) * (k as f32 / n as f32);
                if inner.contains(p) {
                    run.push(p);
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
        if let Some(last) = pts.last().filter(|p| inner.contains(**p)) {
            run.push(*last);
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    let mut out = Vec::new();
    for run in runs {
        let mid = run.len() / 2;
        let mut order: Vec<usize> = (0..run.len()).collect();
        order.sort_by_key(|i| i.abs_diff(mid));
        out.extend(order.into_iter().filter_map(|i| run.get(i).copied()));
    }
    let every = out.len().div_ceil(LINE_SAMPLES).max(1);
    out.into_iter().step_by(every).collect()
}

/// Whether a polyline passes through `r` (its halo included): some segment has a
/// point inside (Liang–Barsky clipping).
fn crosses_polyline(r: Rect, line: &[Pos2]) -> bool {
    let r = r.expand(1.5);
    line.windows(2).any(|w| {
        let &[a, b] = w else { return false };
        let d = b - a;
        let (mut t0, mut t1) = (0.0f32, 1.0f32);
        for (p, q) in [
            (-d.x, a.x - r.min.x),
            (d.x, r.max.x - a.x),
            (-d.y, a.y - r.min.y),
            (d.y, r.max.y - a.y),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t0 <= t1
    })
}

/// Distance from `p` to a polyline.
fn to_polyline(p: Pos2, line: &[Pos2]) -> f32 {
    line.windows(2)
        .filter_map(|w| match *w {
            [a, b] => Some((a, b)),
            _ => None,
        })
        .map(|(a, b)| {
            let ab = b - a;
            let t = if ab.length_sq() > 0.0 {
                ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
            } else {
                0.0
            };
            p.distance(a + ab * t)
        })
        .fold(f32::INFINITY, f32::min)
}

/// Text (in logical order: the scene's galleys shape right-to-left names), font and colour
/// of an element's label: its `map_label` (the author's "Short name on the map") when it
/// has one, else its name (trial8 #2: a route's short name was ignored).
pub(super) fn label_style(el: &Element, pal: &Palette, earlier: bool) -> (String, FontId, Color32) {
    let (text, font, color) = kind_style(el, pal, earlier);
    let short = el
        .properties
        .get("map_label")
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.trim().is_empty());
    match short {
        Some(s) if el.kind != Kind::Region => {
            let upper = el.kind == Kind::Country && !el.context;
            let text = if upper {
                s.to_uppercase()
            } else {
                s.to_owned()
            };
            (text, font, color)
        }
        _ => (text, font, color),
    }
}

fn kind_style(el: &Element, pal: &Palette, earlier: bool) -> (String, FontId, Color32) {
    match (el.kind, el.context) {
        (Kind::Country, false) => (
            el.name.to_uppercase(),
            FontId::proportional(14.0),
            pal.label,
        ),
        (Kind::Country, true) => (el.name.clone(), FontId::proportional(11.5), pal.label_muted),
        (Kind::Water, false) => (el.name.clone(), FontId::proportional(13.0), pal.water_line),
        (Kind::Water, true) => (el.name.clone(), FontId::proportional(10.5), pal.water_line),
        (Kind::Region, _) => region_style(el, pal, earlier),
        (Kind::Place, false) if el.rank == Some(1) => {
            (el.name.clone(), FontId::proportional(12.5), pal.label)
        }
        (Kind::Place, _) => (el.name.clone(), FontId::proportional(11.0), pal.label_muted),
        (Kind::Corridor, _) => (
            el.name.clone(),
            FontId::proportional(10.5),
            pal.corridor(&el.key),
        ),
        _ => (el.name.clone(), FontId::proportional(11.0), pal.label),
    }
}

/// A region's label: its state on the map date decides wording and colour. The wording
/// is the atlas's own short `map_label` (and `map_label_before`, before its `changed`
/// date) when it gives one, else the region's name.
fn region_style(el: &Element, pal: &Palette, earlier: bool) -> (String, FontId, Color32) {
    let prop = |k: &str| el.properties.get(k).and_then(serde_json::Value::as_str);
    let short = if earlier {
        prop("map_label_before").or_else(|| prop("map_label"))
    } else {
        prop("map_label")
    };
    let name = short.unwrap_or(&el.name).to_owned();
    let color = if el.disputed {
        pal.disputed
    } else if earlier {
        pal.label_muted
    } else if el.changed.is_some() {
        pal.recaptured
    } else {
        pal.label
    };
    (name, FontId::proportional(12.0), color)
}

#[cfg(test)]
mod tests {
    use super::crosses_polyline;
    use egui::{Rect, pos2};

    #[test]
    fn a_line_through_a_label_crosses_it_and_one_beside_it_does_not() {
        let r = Rect::from_min_max(pos2(10.0, 10.0), pos2(50.0, 20.0));
        // Straight through, with no point inside.
        assert!(crosses_polyline(r, &[pos2(0.0, 15.0), pos2(60.0, 15.0)]));
        assert!(crosses_polyline(r, &[pos2(30.0, 0.0), pos2(30.0, 40.0)]));
        // Diagonal past a corner, and beside it.
        assert!(crosses_polyline(r, &[pos2(0.0, 0.0), pos2(60.0, 40.0)]));
        assert!(!crosses_polyline(r, &[pos2(0.0, 30.0), pos2(60.0, 30.0)]));
        assert!(!crosses_polyline(r, &[pos2(60.0, 0.0), pos2(80.0, 40.0)]));
        // Ending just short of it.
        assert!(!crosses_polyline(r, &[pos2(0.0, 15.0), pos2(7.0, 15.0)]));
    }
}
