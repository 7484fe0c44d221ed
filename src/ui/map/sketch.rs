//! Drawing on the map in author mode: while a [`Drawing`] is set, a click adds a point
//! (taken back to lon/lat through the atlas's inverse projection, and snapped to a place
//! within [`SNAP_PX`]) instead of selecting, and the points, the line so far and the
//! rubber line to the pointer are drawn sharp over the map.

use egui::{Color32, Pos2, Shape, Stroke};

use super::ScreenTransform;
use crate::model::{Atlas, GeoShape, Kind};

/// How near (screen points) a click must be to a place to take its position.
pub const SNAP_PX: f32 = 10.0;

/// One point drawn: lon/lat degrees, and the place (key) it snapped to.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawPoint {
    pub lonlat: [f64; 2],
    pub place: Option<String>,
}

/// A drawing tool's points, owned by author mode and lent to the map each frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    pub points: Vec<DrawPoint>,
    /// A polygon (a region): the shape is shown closed, and a click on the first point
    /// (with three or more) finishes it.
    pub polygon: bool,
    /// Points snap to places (a route).
    pub snap: bool,
    /// Set when the drawing is finished by a click (the first point of a polygon, or a
    /// single point wanted); the tool then takes it.
    pub finished: bool,
    /// One point is wanted (a place): the first click finishes.
    pub single: bool,
}

impl Drawing {
    /// Adds the point clicked at `p` (screen, for the view `tf`), snapped if it should.
    pub(super) fn click(&mut self, atlas: &Atlas, tf: ScreenTransform, p: Pos2) {
        if self.polygon && self.points.len() >= 3 {
            let first = self.points.first().map(|q| screen(atlas, tf, q.lonlat));
            if first.is_some_and(|f| f.distance(p) <= SNAP_PX) {
                self.finished = true;
                return;
            }
        }
        let snapped = self.snap.then(|| nearest_place(atlas, tf, p)).flatten();
        let point = snapped.unwrap_or_else(|| {
            let [x, y] = tf.to_world(p);
            DrawPoint {
                lonlat: atlas.projection.unproject(x, y),
                place: None,
            }
        });
        self.points.push(point);
        if self.single {
            self.finished = true;
        }
    }

    /// The points, the line (closed for a polygon) and the rubber line to `pointer`.
    pub(super) fn shapes(
        &self,
        atlas: &Atlas,
        tf: ScreenTransform,
        pointer: Option<Pos2>,
        color: Color32,
        halo: Color32,
    ) -> Vec<Shape> {
        let pts: Vec<Pos2> = self
            .points
            .iter()
            .map(|q| screen(atlas, tf, q.lonlat))
            .collect();
        let mut out = Vec::new();
        let mut line = pts.clone();
        if let Some(p) = pointer.filter(|p| tf.rect.contains(*p) && !self.single) {
            line.push(p);
        }
        if self.polygon && line.len() >= 3 {
            let mut closed = line.clone();
            if let Some(f) = line.first() {
                closed.push(*f);
            }
            line = closed;
        }
        if line.len() >= 2 {
            out.push(Shape::line(line.clone(), Stroke::new(4.0, halo)));
            out.push(Shape::line(line, Stroke::new(2.0, color)));
        }
        for (i, p) in pts.iter().enumerate() {
            // The first point of a polygon is larger: clicking it closes the shape.
            let r = if i == 0 && self.polygon { 6.0 } else { 4.0 };
            out.push(Shape::circle_filled(*p, r + 1.5, halo));
            out.push(Shape::circle_filled(*p, r, color));
        }
        out
    }
}

fn screen(atlas: &Atlas, tf: ScreenTransform, [lon, lat]: [f64; 2]) -> Pos2 {
    tf.to_screen(atlas.projection.project(lon, lat))
}

/// The place drawn nearest to `p`, within [`SNAP_PX`].
fn nearest_place(atlas: &Atlas, tf: ScreenTransform, p: Pos2) -> Option<DrawPoint> {
    atlas
        .elements
        .iter()
        .filter(|e| e.kind == Kind::Place)
        .filter_map(|e| match e.geo {
            Some(GeoShape::Point(ll)) => Some((e, ll, screen(atlas, tf, ll).distance(p))),
            _ => None,
        })
        .filter(|(_, _, d)| *d <= SNAP_PX)
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(e, ll, _)| DrawPoint {
            lonlat: ll,
            place: Some(e.key.clone()),
        })
}
