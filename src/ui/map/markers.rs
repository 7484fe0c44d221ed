//! Points on the map: place dots, off-map markers at the edge pointing at their actor,
//! and badges for people and organisations at the place where they act.

use std::sync::Arc;

use egui::{Color32, CornerRadius, FontId, Galley, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

use super::draw::{diamond, keep_inside};
use super::scene::Builder;
use crate::model::{Atlas, Element, ElementId, Kind, Projected};
use crate::state::{Group, Layers};

/// An off-map marker: element, position on the edge, direction it points.
pub(super) type EdgeMarker = (ElementId, Pos2, Vec2);

impl<'c> Builder<'_, 'c> {
    /// Place dots; returns the off-map actors that need an edge marker.
    pub(super) fn points(&mut self) -> Vec<EdgeMarker> {
        let rect = self.tf.rect;
        let cull = rect.expand(40.0);
        let inner = rect.shrink(18.0);
        let mut edge_markers = Vec::new();
        let atlas = self.ctx.atlas;
        for el in &atlas.elements {
            if !self.visible(el.id) {
                continue;
            }
            let Some(Projected::Point(p)) = &el.projected else {
                continue;
            };
            let sp = self.tf.to_screen(*p);
            if el.kind == Kind::Region {
                // Label-only region: its label is its hit target.
                self.point_pos.insert(el.id, sp);
                continue;
            }
            // Off-map actors always take a gutter slot (their point is only a
            // direction); off-map places such as Moscow are drawn where they are.
            if el.kind == Kind::Offmap || el.offmap && !inner.contains(sp) {
                let way = true_way(self.ctx.atlas, self.tf, el).unwrap_or(sp - inner.center());
                let (pos, dir) = edge_point(inner, inner.center() + way * 1e5);
                edge_markers.push((el.id, pos, dir));
                continue;
            }
            if !cull.contains(sp) {
                continue;
            }
            self.point_pos.insert(el.id, sp);
            self.dots.insert(el.id, sp);
            self.dot(el, sp);
            if !el.context {
                // A country's label must not cover a story town's dot (FIJI over Suva).
                self.placer
                    .keep_out(Rect::from_center_size(sp, vec2(8.0, 8.0)));
            }
            self.element_rects
                .insert(el.id, Rect::from_center_size(sp, vec2(12.0, 12.0)));
        }
        edge_markers
    }

    /// A place's dot (ringed for capitals) or an off-map actor's diamond.
    fn dot(&mut self, el: &Element, sp: Pos2) {
        let pal = &self.ctx.palette;
        if el.kind == Kind::Offmap {
            let fill = self.fade(el.id, pal.place);
            self.shapes.push(diamond(sp, 5.0, fill, pal.halo));
            return;
        }
        let r = match el.rank {
            Some(1) => 4.0,
            Some(2) => 3.2,
            _ => 2.6,
        };
        let (fill, stroke) = if el.context {
            (pal.label_muted, pal.halo)
        } else {
            (self.fade(el.id, pal.place), pal.halo)
        };
        if el.rank == Some(1) {
            self.shapes.push(Shape::circle_filled(sp, r + 1.5, stroke));
            self.shapes
                .push(Shape::circle_stroke(sp, r, Stroke::new(1.5, fill)));
            self.shapes.push(Shape::circle_filled(sp, r - 2.0, fill));
        } else {
            self.shapes.push(Shape::circle_filled(sp, r + 1.0, stroke));
            self.shapes.push(Shape::circle_filled(sp, r, fill));
        }
    }

    /// Off-map actors in the gutter along the map's edge: each a chip flush with the edge
    /// holding an arrow that points the true way and the actor's name (or, where the edge
    /// is crowded, a short form; the tooltip and AccessKit give the full name). Each takes
    /// the free slot nearest its true direction.
    pub(super) fn edge_markers(&mut self, markers: Vec<EdgeMarker>) {
        let atlas = self.ctx.atlas;
        let font = FontId::proportional(11.0);
        let groups = if self.ctx.layers.group_visible(Group::People) {
            self.people_by_place()
        } else {
            Vec::new()
        };
        let mut chips = Vec::new();
        for (id, pos, dir) in markers {
            let Some(el) = atlas.element(id) else {
                continue;
            };
            let mut texts = vec![el.name.clone()];
            let short = abbreviation(el);
            if short != el.name {
                texts.push(short);
            }
            let mut placed = None;
            for text in texts {
                let g = self.galley(text.clone(), font.clone(), self.ctx.palette.label);
                let size = vec2(g.size().x + 8.0 + ARROW_W, 17.0);
                let slots = gutter_slots(self.tf.rect, pos, dir, size);
                if let Some(r) = self.placer.place_first("marker", &el.key, &text, slots) {
                    placed = Some((r, g));
                    break;
                }
            }
            let Some((r, g)) = placed else { continue };
            chips.push((id, pos, dir, r, g));
        }
        // Then an actor with people of its own becomes one chip naming both ("Europe ·
        // ICJ") where that fits, instead of a chip and a group beside it.
        let mut kept = Vec::new();
        for (id, pos, dir, r, g) in chips {
            if let Some((_, members)) = groups.iter().find(|(a, _)| *a == id)
                && let Some(key) = atlas.element(id).map(|e| e.key.clone())
                && let Some(old) = self.placer.remove("marker", &key)
            {
                self.merged.insert(id);
                match self.badge_group(id, members, pos, Some(dir), pos + dir * 1e4) {
                    Some(m) => {
                        self.point_pos
                            .insert(id, pos2(m.left() + 3.0 + ARROW_W / 2.0, m.center().y));
                        continue;
                    }
                    None => {
                        self.merged.remove(&id);
                        self.placer.add("marker", &key, &old.text, old.rect);
                    }
                }
            }
            kept.push((id, pos, dir, r, g));
        }
        for (id, pos, dir, r, g) in kept {
            let pal = &self.ctx.palette;
            self.labels
                .push(Shape::rect_filled(r, CornerRadius::same(4), pal.halo));
            let color = self.fade(id, pal.label);
            let (arrow_at, text_x) = chip_parts(r, dir, g.size().x);
            self.labels
                .push(pointer(arrow_at, dir, self.fade(id, pal.place)));
            self.labels
                .push(Shape::galley(pos2(text_x, r.top() + 1.5), g, color));
            self.point_pos.insert(id, arrow_at);
            self.chips.insert(id, (pos, dir));
            self.hit_rects.push((r, id));
            self.element_rects.insert(id, r);
        }
        self.anchors.extend(self.point_pos.clone());
    }

    /// People and organisations grouped by the place where they act, in reading order.
    pub(super) fn people_by_place(&self) -> Vec<(ElementId, Vec<&'c Element>)> {
        let atlas: &'c Atlas = self.ctx.atlas;
        let mut groups: Vec<(ElementId, Vec<&Element>)> = Vec::new();
        for id in self.ctx.order {
            let Some(el) = atlas.element(*id) else {
                continue;
            };
            if !matches!(el.kind, Kind::Person | Kind::Organisation) || !self.visible(el.id) {
                continue;
            }
            let Some(at) = el.at else { continue };
            match groups.iter_mut().find(|(a, _)| *a == at) {
                Some((_, members)) => members.push(el),
                None => groups.push((at, vec![el])),
            }
        }
        groups
    }

    /// People and organisations: one compact group per place, beside the place and
    /// naming it ("Baku · Aliyev, Bayramov"); when the place is off screen, in the
    /// gutter pointing the true way. Hover or focus opens the whole list.
    pub(super) fn badges(&mut self) {
        self.place_groups(false);
    }

    /// The groups [`Self::badges`] left to their town's label turn that it did not
    /// place (after the labels: a town with no room for its label or group).
    pub(super) fn late_badges(&mut self) {
        self.place_groups(true);
    }

    /// Places the groups not placed yet; `late`: those left to their town's label turn.
    fn place_groups(&mut self, late: bool) {
        if !self.ctx.layers.group_visible(Group::People) {
            return;
        }
        let atlas = self.ctx.atlas;
        let labels = self.ctx.layers.group_visible(Group::Labels);
        for (at, members) in self.people_by_place() {
            if self.merged.contains(&at) || self.grouped.contains(&at) {
                continue;
            }
            // A town on screen with a label of its own is labelled by its group, in
            // the label's turn ([`Builder::labels`]).
            let deferred = labels
                && self.dots.contains_key(&at)
                && self.geometry.label_order.contains(&at)
                && super::geometry::label_rank(atlas, at) > super::geometry::CORE_RANK;
            if deferred != late {
                continue;
            }
            let anchor = match self.point_pos.get(&at) {
                Some(p) => *p,
                None => match atlas.anchor_point(at) {
                    Some(p) if at_visible(self.ctx.layers, atlas, at) => self.tf.to_screen(p),
                    _ => continue,
                },
            };
            if let Some((edge_at, dir)) = self.chips.get(&at).copied() {
                // The place is an off-map marker: the group joins it in the gutter.
                let far = edge_at + dir * 1e4;
                self.badge_group(at, &members, edge_at, Some(dir), far);
            } else if self.tf.rect.shrink(4.0).contains(anchor) {
                self.badge_group(at, &members, anchor, None, anchor);
            } else {
                let (pos, dir) = edge_point(self.tf.rect.shrink(18.0), anchor);
                self.badge_group(at, &members, pos, Some(dir), anchor);
            }
        }
    }

    /// One group: the place's name and the most members that fit (short names, then
    /// "+N"), at the first free spot beside `spot`, or in the gutter from `spot` towards
    /// `edge`. `anchor` is where the place is (off the map for a gutter group).
    pub(super) fn badge_group(
        &mut self,
        at: ElementId,
        members: &[&Element],
        spot: Pos2,
        edge: Option<Vec2>,
        anchor: Pos2,
    ) -> Option<Rect> {
        let pal = &self.ctx.palette;
        let font = FontId::proportional(10.5);
        let atlas = self.ctx.atlas;
        let (key, place) = atlas.element(at).map_or(("", ""), |e| {
            (e.key.as_str(), e.name.split(" (").next().unwrap_or(&e.name))
        });
        let head = self.galley(format!("{place} · "), font.clone(), pal.badge_text);
        let comma_g = self.galley(", ".to_owned(), font.clone(), pal.badge_text);
        let comma = comma_g.size().x;
        let short: Vec<String> = members.iter().map(|m| badge_text(m)).collect();
        let names: Vec<_> = members
            .iter()
            .zip(&short)
            .map(|(m, t)| (m.id, self.galley(t.clone(), font.clone(), pal.badge_text)))
            .collect();
        let max_w = (self.tf.rect.width() * 0.45).clamp(120.0, 260.0);
        let arrow = if edge.is_some() { ARROW_W } else { 0.0 };
        // Beside the place first, with as many names as fit; only where no spot beside a
        // town is free, farther off, on a leader (a crowded town: a neighbour's group,
        // its own label and its country's all round it). An area's group stays by its
        // label point, where the area's own label goes.
        let town = atlas.element(at).is_some_and(|e| e.kind == Kind::Place);
        let others = self.other_dots(at);
        let tiers: &[usize] = if edge.is_none() && town {
            &[0, 1, 2, 3]
        } else {
            &[0]
        };
        for (tier, shown) in tiers
            .iter()
            .flat_map(|t| (0..=names.len()).rev().map(move |s| (*t, s)))
        {
            let parts = names.get(..shown).unwrap_or_default();
            let more = names.len() - shown;
            let extra = if more > 0 {
                format!("+{more}")
            } else {
                String::new()
            };
            let eg = self.galley(extra.clone(), font.clone(), pal.badge_text);
            let w: f32 = parts.iter().map(|(_, g)| g.size().x).sum::<f32>()
                + comma * shown.saturating_sub(1) as f32
                + if more > 0 && shown > 0 { comma } else { 0.0 }
                + head.size().x
                + eg.size().x
                + 10.0
                + arrow;
            if w > max_w && shown > 0 {
                continue;
            }
            let size = vec2(w, 16.0);
            let listed = short.get(..shown).unwrap_or_default().join(", ");
            let text = match (shown, more) {
                (0, _) => format!("{place} · {extra}"),
                (_, 0) => format!("{place} · {listed}"),
                _ => format!("{place} · {listed}, {extra}"),
            };
            let candidates = match edge {
                Some(dir) => gutter_slots(self.tf.rect, spot, dir, size),
                None if tier == 0 => beside(spot, size),
                None => farther(
                    spot,
                    size,
                    LEADER_GAPS.get(tier - 1).copied().unwrap_or(0.0),
                ),
            };
            // A town's group never stands nearer another town's dot than its own
            // (trial8 #3: Douma's group was set over Lebanon, west of Damascus).
            let candidates: Vec<Rect> = match edge {
                Some(_) => candidates,
                None => candidates
                    .into_iter()
                    .filter(|r| nearest_is_own(*r, spot, &others))
                    .collect(),
            };
            let Some(r) = (match edge {
                Some(_) => self.placer.place_first("badge", key, &text, candidates),
                None => self.place_near("badge", key, &text, spot, candidates),
            }) else {
                continue;
            };
            if tier > 0 {
                self.group_leader(spot, r);
            }
            self.draw_group(r, at, edge, head.clone(), parts, eg, comma_g.clone());
            self.open_list(r, at, anchor, members);
            return Some(r);
        }
        None
    }

    /// Where the other places' dots are drawn (not `at`'s).
    fn other_dots(&self, at: ElementId) -> Vec<Pos2> {
        let atlas = self.ctx.atlas;
        self.point_pos
            .iter()
            .filter(|(id, _)| **id != at)
            .filter(|(id, _)| atlas.element(**id).is_some_and(|e| e.kind == Kind::Place))
            .map(|(_, p)| *p)
            .collect()
    }

    /// A thin line from a place's dot to its group set farther off.
    fn group_leader(&mut self, spot: Pos2, pill: Rect) {
        let end = pos2(
            spot.x.clamp(pill.left(), pill.right()),
            spot.y.clamp(pill.top(), pill.bottom()),
        );
        let from = spot + (end - spot).normalized() * 4.0;
        let pal = &self.ctx.palette;
        self.shapes
            .push(Shape::line_segment([from, end], Stroke::new(2.5, pal.halo)));
        self.shapes.push(Shape::line_segment(
            [from, end],
            Stroke::new(1.0, pal.label_muted),
        ));
    }

    /// Draws a placed group: one pill; the place's name, then members separated by
    /// commas, each a hit target; an arrow first when the group is in the gutter. Drawn
    /// with the labels, above relation arrows and highlighted outlines (trial14 #6: they
    /// crossed "Yerevan · Pashinyan" and "Baku · Aliyev, Bayramov").
    #[allow(clippy::too_many_arguments)]
    fn draw_group(
        &mut self,
        r: Rect,
        at: ElementId,
        edge: Option<Vec2>,
        head: Arc<Galley>,
        parts: &[(ElementId, Arc<Galley>)],
        extra: Arc<Galley>,
        comma: Arc<Galley>,
    ) {
        let pal = &self.ctx.palette;
        let cr = CornerRadius::same(8);
        self.labels.push(Shape::rect_filled(r, cr, pal.badge_fill));
        self.labels.push(Shape::rect_stroke(
            r,
            cr,
            Stroke::new(1.0, pal.label_muted),
            egui::StrokeKind::Inside,
        ));
        let mut x = r.left() + 5.0;
        if let Some(dir) = edge {
            let c = pos2(x + ARROW_W / 2.0 - 2.0, r.center().y);
            self.labels.push(pointer(c, dir, pal.place));
            x += ARROW_W;
        }
        let y = r.top() + 1.5;
        let head_cell =
            Rect::from_min_max(pos2(r.left(), r.top()), pos2(x + head.size().x, r.bottom()));
        x += head.size().x;
        self.labels.push(Shape::galley(
            pos2(head_cell.right() - head.size().x, y),
            head,
            pal.badge_text,
        ));
        // The place's name picks the place, unless it has a chip of its own.
        if (edge.is_none() || self.merged.contains(&at)) && self.visible(at) {
            self.hit_rects.push((head_cell, at));
            // A town's own rectangle stays its dot (its selection ring, its focus).
            if !self.dots.contains_key(&at) {
                self.element_rects.insert(at, head_cell);
            }
        }
        let n = parts.len();
        for (i, (id, g)) in parts.iter().enumerate() {
            let w = g.size().x;
            let cell = Rect::from_min_max(pos2(x - 1.0, r.top()), pos2(x + w + 1.0, r.bottom()));
            let tc = self.fade(*id, pal.badge_text);
            self.labels.push(Shape::galley(pos2(x, y), g.clone(), tc));
            self.anchors.insert(*id, cell.center());
            self.hit_rects.push((cell, *id));
            self.element_rects.insert(*id, cell);
            x += w;
            if i + 1 < n || extra.size().x > 0.0 {
                self.labels
                    .push(Shape::galley(pos2(x, y), comma.clone(), pal.badge_text));
                x += comma.size().x;
            }
        }
        self.labels
            .push(Shape::galley(pos2(x, y), extra, pal.badge_text));
    }

    /// The list a group opens on hover or focus, below the pill (above it near the map's
    /// bottom): every member's full name on its own row. Members not named in the pill
    /// take their row as their screen rectangle (focus ring, AccessKit bounds).
    fn open_list(&mut self, pill: Rect, at: ElementId, anchor: Pos2, members: &[&Element]) {
        let pal = &self.ctx.palette;
        let font = FontId::proportional(11.5);
        let galleys: Vec<_> = members
            .iter()
            .map(|m| {
                (
                    m.id,
                    self.galley(m.name.clone(), font.clone(), pal.badge_text),
                )
            })
            .collect();
        let w = galleys
            .iter()
            .map(|(_, g)| g.size().x)
            .fold(pill.width() - 14.0, f32::max)
            + 14.0;
        let h = ROW_H * galleys.len() as f32 + 6.0;
        let map = self.tf.rect.shrink(2.0);
        let below = Rect::from_min_size(pos2(pill.left(), pill.bottom() + 2.0), vec2(w, h));
        let frame = if map.contains_rect(below) {
            below
        } else {
            Rect::from_min_size(pos2(pill.left(), pill.top() - 2.0 - h), vec2(w, h))
        };
        let frame = keep_inside(frame, map);
        let rows: Vec<ListRow> = galleys
            .into_iter()
            .enumerate()
            .map(|(i, (id, g))| {
                let min = frame.min + vec2(3.0, 3.0 + ROW_H * i as f32);
                (Rect::from_min_size(min, vec2(w - 6.0, ROW_H)), id, g)
            })
            .collect();
        for (row, id, _) in &rows {
            self.element_rects.entry(*id).or_insert(*row);
            self.anchors.entry(*id).or_insert(pill.center());
        }
        self.groups.push(BadgeGroup {
            pill,
            place: at,
            anchor,
            frame,
            rows,
        });
    }
}

/// Height of a row in an opened group's list, in points.
const ROW_H: f32 = 18.0;
/// Room for the arrow in a gutter chip, in points.
const ARROW_W: f32 = 12.0;

/// One row of an opened group: its rectangle, the member, the member's full name.
pub(super) type ListRow = (Rect, ElementId, Arc<Galley>);

/// A group of people and organisations at one place, as placed.
pub(super) struct BadgeGroup {
    /// The pill on the map ("Baku · Aliyev, Bayramov").
    pub pill: Rect,
    pub place: ElementId,
    /// Where the place is on screen (off the map when the group is in the gutter).
    pub anchor: Pos2,
    /// The list opened on hover or focus, and its rows.
    pub frame: Rect,
    pub rows: Vec<ListRow>,
}

/// Spots beside a point, best first: right, above-right, left, below, and farther.
fn beside(anchor: Pos2, size: Vec2) -> Vec<Rect> {
    vec![
        Rect::from_min_size(anchor + vec2(7.0, 5.0), size),
        Rect::from_min_size(anchor + vec2(7.0, -5.0 - size.y), size),
        Rect::from_min_size(anchor + vec2(-7.0 - size.x, 5.0), size),
        Rect::from_min_size(anchor + vec2(-7.0 - size.x, -5.0 - size.y), size),
        Rect::from_min_size(anchor + vec2(-size.x / 2.0, 8.0), size),
        Rect::from_min_size(anchor + vec2(-size.x / 2.0, -8.0 - size.y), size),
        Rect::from_min_size(anchor + vec2(-size.x / 2.0, 14.0 + size.y), size),
    ]
}

/// Whether a group's pill at `r` is at least as near its own place's dot (`own`) as
/// any other place's dot: a group set beside its town reads as that town's.
fn nearest_is_own(r: Rect, own: Pos2, others: &[Pos2]) -> bool {
    let d = r.distance_to_pos(own);
    others.iter().all(|o| r.distance_to_pos(*o) >= d)
}

/// How far (points) a group may stand from its place on a leader, nearest first.
const LEADER_GAPS: [f32; 3] = [18.0, 30.0, 42.0];

/// Spots `gap` points from a point in eight directions: right, left, below, above, then
/// the corners (a little nearer, so that no spot is farther than `gap` plus a fifth).
fn farther(anchor: Pos2, size: Vec2, gap: f32) -> Vec<Rect> {
    let d = gap * 0.8;
    let at = |ux: f32, uy: f32, g: f32| {
        let x = match ux {
            u if u > 0.0 => anchor.x + g,
            u if u < 0.0 => anchor.x - g - size.x,
            _ => anchor.x - size.x / 2.0,
        };
        let y = match uy {
            u if u > 0.0 => anchor.y + g,
            u if u < 0.0 => anchor.y - g - size.y,
            _ => anchor.y - size.y / 2.0,
        };
        Rect::from_min_size(pos2(x, y), size)
    };
    vec![
        at(1.0, 0.0, gap),
        at(-1.0, 0.0, gap),
        at(0.0, 1.0, gap),
        at(0.0, -1.0, gap),
        at(1.0, 1.0, d),
        at(1.0, -1.0, d),
        at(-1.0, 1.0, d),
        at(-1.0, -1.0, d),
    ]
}

/// Gutter slots for a chip of `size` whose ray from the map's centre leaves the inner
/// rectangle at `pos` heading `dir`: flush with that edge of `map`, nearest first, then
/// sliding along the edge both ways.
pub(super) fn gutter_slots(map: Rect, pos: Pos2, dir: Vec2, size: Vec2) -> Vec<Rect> {
    let inner = map.shrink(18.0);
    let vertical = (pos.x - inner.left()).abs() < 1.0 || (pos.x - inner.right()).abs() < 1.0;
    let m = 3.0;
    let (first, step) = if vertical {
        let x = if dir.x > 0.0 {
            map.right() - m - size.x
        } else {
            map.left() + m
        };
        (
            pos2(x, pos.y - size.y / 2.0),
            vec2(0.0, size.y + super::placer::GAP + 1.0),
        )
    } else {
        let y = if dir.y > 0.0 {
            map.bottom() - m - size.y
        } else {
            map.top() + m
        };
        (pos2(pos.x - size.x / 2.0, y), vec2(size.x.min(60.0), 0.0))
    };
    let outer = map.shrink(m);
    (0..40)
        .map(|k| {
            let s = if k % 2 == 0 { 1.0 } else { -1.0 };
            let r = Rect::from_min_size(first + step * s * (k / 2) as f32, size);
            keep_inside(r, outer)
        })
        .collect()
}

/// Where a chip's arrow goes (at the side facing the edge) and where its text starts.
fn chip_parts(r: Rect, dir: Vec2, text_w: f32) -> (Pos2, f32) {
    let right = dir.x > 0.0 && dir.x.abs() >= dir.y.abs();
    if right {
        (
            pos2(r.right() - ARROW_W / 2.0 - 1.0, r.center().y),
            r.right() - ARROW_W - 2.0 - text_w,
        )
    } else {
        (
            pos2(r.left() + ARROW_W / 2.0 + 1.0, r.center().y),
            r.left() + ARROW_W + 2.0,
        )
    }
}

/// A small arrow centred at `c` pointing along `dir`: a shaft and a narrow head. A
/// lone arrowhead as wide as long (and even a notched one, whose barbs look like tips)
/// read as pointing elsewhere at this size (trial11 #2).
pub(crate) fn pointer(c: Pos2, dir: Vec2, fill: Color32) -> Shape {
    let d = if dir.length() > 0.0 {
        dir.normalized()
    } else {
        vec2(1.0, 0.0)
    };
    let n = vec2(-d.y, d.x);
    Shape::Vec(vec![
        Shape::line_segment([c - d * 5.5, c + d * 1.5], Stroke::new(1.6, fill)),
        Shape::convex_polygon(
            vec![c + d * 6.0, c + d * 0.5 + n * 3.6, c + d * 0.5 - n * 3.6],
            fill,
            Stroke::NONE,
        ),
    ])
}

/// A short form of an off-map actor's name for a crowded gutter: its shortest alias
/// ("US"), else "C. Asia" for two words, else the first four letters and a stop.
pub(super) fn abbreviation(el: &Element) -> String {
    let n = el.name.chars().count();
    if let Some(a) = el
        .aliases
        .iter()
        .filter(|a| a.chars().count() >= 2 && a.chars().count() < n)
        .min_by_key(|a| a.chars().count())
    {
        return a.clone();
    }
    let words: Vec<&str> = el.name.split_whitespace().collect();
    match words.as_slice() {
        [first, .., last] => {
            let i: String = first.chars().take(1).collect();
            format!("{i}. {last}")
        }
        _ if n > 6 => format!("{}.", el.name.chars().take(4).collect::<String>()),
        _ => el.name.clone(),
    }
}

fn at_visible(layers: &Layers, atlas: &Atlas, id: ElementId) -> bool {
    atlas
        .element(id)
        .is_some_and(|e| e.kind == Kind::Region || layers.visible(atlas, id))
}

/// Names of at most this many characters are shown whole in a group's chip ("Li
/// Wenzu", "Frances Eve"): about 60 pt at the chip's 10.5 pt, a quarter of its widest.
const SHORT_NAME_CHARS: usize = 12;

/// A badge's short text: the atlas's own `map_label` when it gives one ("Aliyev", "Li
/// Wenzu"); else a person's whole name when it is short ([`SHORT_NAME_CHARS`]) and the
/// last word of a longer one (which is not always the family name: hence `map_label`);
/// an organisation's shortest name.
pub(super) fn badge_text(el: &Element) -> String {
    if let Some(label) = el
        .properties
        .get("map_label")
        .and_then(serde_json::Value::as_str)
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        return label.to_owned();
    }
    if el.kind == Kind::Person {
        if el.name.chars().count() <= SHORT_NAME_CHARS {
            return el.name.clone();
        }
        return el
            .name
            .split_whitespace()
            .next_back()
            .unwrap_or(&el.name)
            .to_owned();
    }
    std::iter::once(&el.name)
        .chain(&el.aliases)
        .filter(|a| a.chars().count() >= 3)
        .min_by_key(|a| a.chars().count())
        .cloned()
        .unwrap_or_else(|| el.name.clone())
}

/// Where the ray from the viewport centre to `p` leaves `inner`, and its direction.
pub(crate) fn edge_point(inner: Rect, p: Pos2) -> (Pos2, Vec2) {
    let c = inner.center();
    let d = p - c;
    let dir = if d.length() > 0.0 {
        d.normalized()
    } else {
        vec2(1.0, 0.0)
    };
    let tx = if dir.x.abs() > 1e-6 {
        (inner.width() / 2.0) / dir.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dir.y.abs() > 1e-6 {
        (inner.height() / 2.0) / dir.y.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty);
    (c + dir * t, dir)
}

/// The screen direction of the great-circle path from the view's centre to an element's
/// point (north up): the true way to a far actor, which the conic projection bends.
fn true_way(atlas: &Atlas, tf: super::view::ScreenTransform, el: &Element) -> Option<Vec2> {
    let Some(crate::model::geometry::GeoShape::Point([lon2, lat2])) = el.geo else {
        return None;
    };
    let [lon1, lat1] = atlas
        .projection
        .unproject(tf.view.center[0], tf.view.center[1]);
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dl = (lon2 - lon1).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    let bearing = y.atan2(x);
    Some(vec2(bearing.sin() as f32, -bearing.cos() as f32))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::badge_text;
    use crate::model::{Atlas, Element};

    /// The embedded atlas's Aliyev, renamed, with or without a `map_label`.
    fn person(name: &str, map_label: Option<&str>) -> Element {
        let atlas = Atlas::embedded().expect("atlas");
        let id = atlas.by_key("aliyev").expect("aliyev");
        let mut el = atlas.element(id).expect("element").clone();
        el.name = name.to_owned();
        el.properties.remove("map_label");
        if let Some(l) = map_label {
            el.properties.insert("map_label".into(), l.into());
        }
        el
    }

    /// Every vertex of a drawn pointer, in screen points.
    fn vertices(s: &egui::Shape) -> Vec<egui::Pos2> {
        match s {
            egui::Shape::Vec(v) => v.iter().flat_map(vertices).collect(),
            egui::Shape::LineSegment { points, .. } => points.to_vec(),
            egui::Shape::Path(p) => p.points.clone(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn an_edge_chip_arrow_is_longer_than_wide_and_its_tip_points_the_way() {
        let c = egui::pos2(100.0, 100.0);
        for deg in (0..360).step_by(15) {
            let a = (deg as f32).to_radians();
            let dir = egui::vec2(a.cos(), a.sin());
            let v = vertices(&super::pointer(c, dir, egui::Color32::WHITE));
            let along: Vec<f32> = v.iter().map(|p| (*p - c).dot(dir)).collect();
            let n = egui::vec2(-dir.y, dir.x);
            let across: Vec<f32> = v.iter().map(|p| (*p - c).dot(n)).collect();
            let span = |x: &[f32]| {
                x.iter().copied().fold(f32::MIN, f32::max)
                    - x.iter().copied().fold(f32::MAX, f32::min)
            };
            // trial11 #2: a head as wide as long (9 × 9 pt) read as pointing elsewhere.
            assert!(span(&along) >= 1.4 * span(&across), "{deg}°: {v:?}");
            let tip = v
                .iter()
                .max_by(|p, q| (**p - c).dot(dir).total_cmp(&(**q - c).dot(dir)));
            let tip = tip.copied().unwrap_or(c);
            assert!(
                (tip - c).normalized().dot(dir) > 0.99,
                "{deg}°: tip {tip:?}"
            );
        }
    }

    #[test]
    fn a_chip_names_a_person_by_map_label_else_whole_short_name_else_last_word() {
        // A Chinese name, family name first: whole, not "Wenzu".
        assert_eq!(badge_text(&person("Li Wenzu", None)), "Li Wenzu");
        assert_eq!(badge_text(&person("Wang Quanzhang", Some("Wang"))), "Wang");
        assert_eq!(
            badge_text(&person("Maximilian Hohenberg", None)),
            "Hohenberg"
        );
        // The seed's people carry their surnames, so its chips read as before.
        let atlas = Atlas::embedded().expect("atlas");
        let chip = |k: &str| badge_text(atlas.element(atlas.by_key(k).expect(k)).expect(k));
        assert_eq!(chip("aliyev"), "Aliyev");
        assert_eq!(chip("abdollahian"), "Abdollahian");
        assert_eq!(chip("pashinyan"), "Pashinyan");
    }
}
