//! The one placer for everything on the map that carries text: labels, badges, off-map
//! markers and the map's own controls. Items are offered in priority order; an item is
//! placed only where it overlaps nothing placed before, else it is left out (and appears
//! when zooming in). Runs when the scene is rebuilt, never per frame.

use egui::Rect;

/// Space kept between placed items' rectangles, in points. Labels are drawn on a halo
/// 1.5 pt wider than their text on every side ([`super::draw::halo_rect`]), so two
/// halos plus 1 pt of clear map keep neighbouring labels from touching or reading as one.
pub const GAP: f32 = 4.0;

/// One placed item, in screen points.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutItem {
    /// `"label"`, `"badge"`, `"marker"` or `"control"`.
    pub kind: &'static str,
    /// Element key, or the control's name.
    pub id: String,
    /// The text shown.
    pub text: String,
    pub rect: Rect,
}

/// Placed items of one view.
#[derive(Clone, Debug)]
pub struct Placer {
    bounds: Rect,
    items: Vec<LayoutItem>,
    /// Areas no text may cover (small areas the story is about), in screen points.
    keepout: Vec<Rect>,
}

impl Placer {
    /// A placer for the map's screen rectangle.
    pub fn new(bounds: Rect) -> Self {
        Self {
            bounds,
            items: Vec::new(),
            keepout: Vec::new(),
        }
    }

    /// Whether `r` lies inside the map and clear of every placed item.
    pub fn fits(&self, r: Rect) -> bool {
        self.bounds.contains_rect(r) && self.is_free(r)
    }

    /// Whether `r` is clear of every placed item (the map's edge is not checked).
    pub fn is_free(&self, r: Rect) -> bool {
        !self.items.iter().any(|p| p.rect.expand(GAP).intersects(r))
            && !self.keepout.iter().any(|k| k.intersects(r))
    }

    /// Keeps text off `r` from now on (it is not an item).
    pub fn keep_out(&mut self, r: Rect) {
        self.keepout.push(r);
    }

    /// Places the first candidate that fits; returns it.
    pub fn place_first(
        &mut self,
        kind: &'static str,
        id: &str,
        text: &str,
        candidates: impl IntoIterator<Item = Rect>,
    ) -> Option<Rect> {
        let r = candidates.into_iter().find(|c| self.fits(*c))?;
        self.add(kind, id, text, r);
        Some(r)
    }

    /// Records an item without checking (controls and markers that must be shown).
    pub fn add(&mut self, kind: &'static str, id: &str, text: &str, rect: Rect) {
        self.items.push(LayoutItem {
            kind,
            id: id.to_owned(),
            text: text.to_owned(),
            rect,
        });
    }

    /// Takes an item back (a chip replaced by a wider one); returns it.
    pub fn remove(&mut self, kind: &str, id: &str) -> Option<LayoutItem> {
        let i = self
            .items
            .iter()
            .position(|it| it.kind == kind && it.id == id)?;
        Some(self.items.remove(i))
    }

    pub fn items(&self) -> &[LayoutItem] {
        &self.items
    }
}
