//! Lambert conformal conic projection, tuned for the Caucasus (standard parallels 33° and
//! 45° N, centred on 45° E, 40° N): shapes read true between Ankara and Tehran. An atlas
//! drawn elsewhere gets a conic fitted to its own extent ([`Projection::for_extent`]).
//!
//! Projected coordinates are kilometres with **y pointing down** (south), so that the
//! map's world-to-screen transform is a plain scale plus translation. Longitudes are taken
//! relative to the central meridian and wrapped into −180..180°, so the map's seam lies
//! opposite its centre, never at ±180° unless the data is centred on Greenwich: a feature
//! split at the antimeridian (RFC 7946 §3.1.9) is drawn in one piece.

use std::f64::consts::FRAC_PI_4;

use serde::{Deserialize, Serialize};

const EARTH_RADIUS_KM: f64 = 6371.0;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    lon0: f64,
    n: f64,
    f: f64,
    rho0: f64,
    /// Which projection the parameters are for (older serialised values: the conic).
    #[serde(default)]
    family: Family,
}

/// The projection family: a conic for regional extents, Equal Earth for the world.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Family {
    /// Lambert conformal conic (`n`, `f`, `rho0` used).
    #[default]
    Conic,
    /// Equal Earth (Šavrič, Patterson and Jenny 2018), an equal-area pseudocylindrical
    /// world projection; `rho0` holds the projected y of the centre latitude, `n` and
    /// `f` are unused.
    EqualEarth,
}

/// An extent wider than this (degrees of longitude) gets the world projection: a cone
/// opened that far is a fan, not a map.
const WORLD_LON_SPAN: f64 = 150.0;
/// An extent taller than this (degrees of latitude) gets the world projection: a
/// conformal cone over it inflates its poleward edge several times.
const WORLD_LAT_SPAN: f64 = 90.0;

impl Default for Projection {
    fn default() -> Self {
        Self::lambert(33.0, 45.0, 40.0, 45.0)
    }
}

/// Longitude and latitude extent of an atlas's drawn geometry, in degrees. `west..east`
/// is the shortest arc holding every longitude, so it may cross ±180° (`east` is then
/// above 180).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Extent {
    /// The extent of `positions` (lon, lat in degrees, already range-checked); `None` if
    /// there are none.
    pub fn of(positions: impl IntoIterator<Item = [f64; 2]>) -> Option<Self> {
        let mut lons = Vec::new();
        let (mut south, mut north) = (f64::INFINITY, f64::NEG_INFINITY);
        for [lon, lat] in positions {
            lons.push(wrap180(lon));
            south = south.min(lat);
            north = north.max(lat);
        }
        lons.sort_by(f64::total_cmp);
        lons.dedup();
        let (first, last) = (*lons.first()?, *lons.last()?);
        // The arc is the circle minus its widest gap between neighbouring longitudes.
        let mut gap = (first + 360.0 - last, first, last + 0.0);
        for w in lons.windows(2) {
            if let [a, b] = w
                && b - a > gap.0
            {
                gap = (b - a, *b, *a + 360.0);
            }
        }
        let (_, west, east) = gap;
        Some(Self {
            west,
            east,
            south,
            north,
        })
    }

    /// The middle of the longitude arc, in −180..180°.
    pub fn centre_lon(&self) -> f64 {
        wrap180((self.west + self.east) / 2.0)
    }
}

/// `deg` wrapped into −180..180.
fn wrap180(deg: f64) -> f64 {
    (deg + 180.0).rem_euclid(360.0) - 180.0
}

impl Projection {
    /// The Caucasus projection if the data lies around it (its centre within 30° of
    /// longitude and 20° of latitude of 45° E, 40° N); Equal Earth for a world-scale
    /// extent (wider than 150° of longitude or taller than 90° of latitude; centred on
    /// Greenwich if it spans more than 300°); else a conic fitted to the data: centred on
    /// the middle of its longitude arc (so data across ±180° is continuous), standard
    /// parallels a sixth of the way in from its southern and northern edges (near the
    /// equator the cone flattens towards Mercator, see [`Projection::lambert`]).
    pub fn for_extent(extent: Option<Extent>) -> Self {
        let Some(e) = extent else {
            return Self::default();
        };
        let lon = e.centre_lon();
        let lat = (e.south + e.north) / 2.0;
        let (width, height) = (e.east - e.west, e.north - e.south);
        if width > WORLD_LON_SPAN || height > WORLD_LAT_SPAN {
            return Self::equal_earth(if width > 300.0 { 0.0 } else { lon }, lat);
        }
        if (lon - 45.0).abs() <= 30.0 && (lat - 40.0).abs() <= 20.0 {
            return Self::default();
        }
        let sixth = (e.north - e.south) / 6.0;
        Self::lambert(e.south + sixth, e.north - sixth, lat, lon)
    }

    /// A Lambert conformal conic on the sphere, all angles in degrees. Parallels closer
    /// than half a degree give the tangent cone; a cone flatter than `n = 0.05` (parallels
    /// astride the equator) is kept at 0.05, still conformal.
    pub fn lambert(phi1: f64, phi2: f64, phi0: f64, lon0: f64) -> Self {
        let (p1, p2, p0) = (phi1.to_radians(), phi2.to_radians(), phi0.to_radians());
        let t = |p: f64| (FRAC_PI_4 + p / 2.0).tan();
        let mut n = if (phi1 - phi2).abs() < 0.5 {
            p1.sin()
        } else {
            (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln()
        };
        if !n.is_finite() || n.abs() < 0.05 {
            n = if phi0 < 0.0 { -0.05 } else { 0.05 };
        }
        let f = p1.cos() * t(p1).powf(n) / n;
        let rho0 = EARTH_RADIUS_KM * f / t(p0).powf(n);
        Self {
            lon0: lon0.to_radians(),
            n,
            f,
            rho0,
            family: Family::Conic,
        }
    }

    /// Equal Earth centred on `lon0`, with y = 0 at `lat0` (degrees).
    pub fn equal_earth(lon0: f64, lat0: f64) -> Self {
        let [_, y0] = equal_earth::forward(0.0, lat0.clamp(-90.0, 90.0).to_radians());
        Self {
            lon0: lon0.to_radians(),
            n: 0.0,
            f: 0.0,
            rho0: y0,
            family: Family::EqualEarth,
        }
    }

    /// Which family this projection is.
    pub fn family(&self) -> Family {
        self.family
    }

    /// (lon, lat) in degrees → (x east, y south) in km. A point on the seam (opposite
    /// the centre) goes to its west edge; rings use [`Projection::project_ring`].
    pub fn project(&self, lon: f64, lat: f64) -> [f64; 2] {
        self.project_on_side(lon, lat, -1.0)
    }

    /// A ring or line of (lon, lat) degrees → km, with its vertices on the seam put on
    /// the side where most of its other vertices lie. Without this, a map centred on
    /// Greenwich drew Chukotka's and Fiji's halves with one edge at each side of the
    /// world, a band across the map.
    pub fn project_ring(&self, ring: &[[f64; 2]]) -> Vec<[f64; 2]> {
        let side: f64 = ring
            .iter()
            .map(|[lon, _]| self.relative_lon(*lon))
            .filter(|d| d.abs() < 180.0)
            .map(f64::signum)
            .sum();
        ring.iter()
            .map(|[lon, lat]| self.project_on_side(*lon, *lat, side))
            .collect()
    }

    /// Longitude relative to the central meridian, degrees in −180..180 (−180 on the
    /// seam). −180° and 180° are one meridian, projected identically, so the halves of
    /// a feature split there share their edge exactly.
    fn relative_lon(&self, lon: f64) -> f64 {
        let lon = if lon == -180.0 { 180.0 } else { lon };
        wrap180(lon - self.lon0.to_degrees())
    }

    fn project_on_side(&self, lon: f64, lat: f64, side: f64) -> [f64; 2] {
        let mut d = self.relative_lon(lon);
        if d <= -180.0 && side > 0.0 {
            d = 180.0;
        }
        if self.family == Family::EqualEarth {
            let [x, y] = equal_earth::forward(d.to_radians(), lat.clamp(-90.0, 90.0).to_radians());
            return [x, -(y - self.rho0)];
        }
        // Clamp just short of the poles, where the cone degenerates.
        let phi = lat.clamp(-89.0, 89.0).to_radians();
        let rho = EARTH_RADIUS_KM * self.f / (FRAC_PI_4 + phi / 2.0).tan().powf(self.n);
        let theta = self.n * d.to_radians();
        [rho * theta.sin(), -(self.rho0 - rho * theta.cos())]
    }

    /// Inverse of [`project`](Self::project).
    pub fn unproject(&self, x: f64, y: f64) -> [f64; 2] {
        if self.family == Family::EqualEarth {
            let [lam, phi] = equal_earth::inverse(x, self.rho0 - y);
            return [wrap180((self.lon0 + lam).to_degrees()), phi.to_degrees()];
        }
        let y = -y;
        let dy = self.rho0 - y;
        let rho = self.n.signum() * (x * x + dy * dy).sqrt();
        let theta = (x * self.n.signum()).atan2(dy * self.n.signum());
        let phi = 2.0 * (EARTH_RADIUS_KM * self.f / rho).powf(1.0 / self.n).atan()
            - std::f64::consts::FRAC_PI_2;
        let lon = self.lon0 + theta / self.n;
        [wrap180(lon.to_degrees()), phi.to_degrees()]
    }
}

/// Equal Earth on the sphere of radius [`EARTH_RADIUS_KM`], radians in, km out (y north).
mod equal_earth {
    use super::EARTH_RADIUS_KM;

    const A1: f64 = 1.340264;
    const A2: f64 = -0.081106;
    const A3: f64 = 0.000893;
    const A4: f64 = 0.003796;
    const M: f64 = 0.866_025_403_784_438_6; // √3 / 2

    fn poly(t: f64) -> f64 {
        let t2 = t * t;
        let t6 = t2 * t2 * t2;
        t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    }

    fn dpoly(t: f64) -> f64 {
        let t2 = t * t;
        let t6 = t2 * t2 * t2;
        A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)
    }

    pub fn forward(lam: f64, phi: f64) -> [f64; 2] {
        let t = (M * phi.sin()).asin();
        let x = 2.0 * 3f64.sqrt() * lam * t.cos() / (3.0 * dpoly(t));
        [EARTH_RADIUS_KM * x, EARTH_RADIUS_KM * poly(t)]
    }

    /// Newton iteration on the parametric latitude; points off the map are clamped to
    /// its edge.
    pub fn inverse(x: f64, y: f64) -> [f64; 2] {
        let (x, y) = (x / EARTH_RADIUS_KM, y / EARTH_RADIUS_KM);
        let t_max = M.asin();
        let mut t = (y / A1).clamp(-t_max, t_max);
        for _ in 0..12 {
            let step = (poly(t) - y) / dpoly(t);
            t = (t - step).clamp(-t_max, t_max);
            if step.abs() < 1e-12 {
                break;
            }
        }
        let lam = 3.0 * x * dpoly(t) / (2.0 * 3f64.sqrt() * t.cos().max(1e-9));
        let phi = (t.sin() / M).clamp(-1.0, 1.0).asin();
        [lam, phi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_exact_to_a_metre() {
        let p = Projection::default();
        for (lon, lat) in [(44.5, 40.2), (49.9, 40.4), (32.9, 39.9), (51.4, 35.7)] {
            let [x, y] = p.project(lon, lat);
            let [lo, la] = p.unproject(x, y);
            assert!((lo - lon).abs() < 1e-5 && (la - lat).abs() < 1e-5);
        }
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let p = Projection::default();
        let yerevan = p.project(44.5, 40.2);
        let tbilisi = p.project(44.8, 41.7);
        let baku = p.project(49.9, 40.4);
        assert!(tbilisi[1] < yerevan[1], "north has smaller y");
        assert!(baku[0] > yerevan[0], "east has larger x");
        // Yerevan–Baku is about 460 km.
        let d = ((baku[0] - yerevan[0]).powi(2) + (baku[1] - yerevan[1]).powi(2)).sqrt();
        assert!((440.0..480.0).contains(&d), "{d}");
    }

    #[test]
    fn extent_across_the_antimeridian_is_the_short_arc() {
        let e = Extent::of([[170.0, 64.0], [180.0, 66.0], [-180.0, 65.0], [-165.0, 60.0]])
            .expect("extent");
        assert_eq!((e.west, e.east), (170.0, 195.0));
        assert!((e.centre_lon() - -177.5).abs() < 1e-9);
        assert_eq!((e.south, e.north), (60.0, 66.0));
    }

    #[test]
    fn on_a_map_centred_on_greenwich_each_half_of_a_split_ring_stays_on_its_side() {
        let p = Projection::equal_earth(0.0, 0.0);
        // Chukotka's western half ends at 180°, Fiji's eastern piece starts at −180°.
        let west = p.project_ring(&[[170.0, 65.0], [180.0, 65.0], [180.0, 68.0], [170.0, 65.0]]);
        let east = p.project_ring(&[[-180.0, -16.8], [-179.9, -16.7], [-180.0, -16.9]]);
        assert!(west.iter().all(|[x, _]| *x > 0.0), "{west:?}");
        assert!(east.iter().all(|[x, _]| *x < 0.0), "{east:?}");
        let widest = |r: &[[f64; 2]]| {
            let xs = r.iter().map(|[x, _]| *x);
            xs.clone().fold(f64::MIN, f64::max) - xs.fold(f64::MAX, f64::min)
        };
        assert!(widest(&west) < 1000.0 && widest(&east) < 100.0);
    }

    #[test]
    fn a_polygon_split_at_the_antimeridian_projects_in_one_piece() {
        let e = Extent::of([[170.0, 64.0], [-165.0, 68.0]]);
        let p = Projection::for_extent(e);
        let west_half_edge = p.project(180.0, 65.0);
        let east_half_edge = p.project(-180.0, 65.0);
        assert!((west_half_edge[0] - east_half_edge[0]).abs() < 1e-6);
        let far = p.project(170.0, 65.0);
        let near = p.project(-165.0, 65.0);
        // 25° of longitude at 65° N is about 1,180 km.
        assert!(
            (1000.0..1400.0).contains(&(near[0] - far[0])),
            "{far:?} {near:?}"
        );
        let [lon, lat] = p.unproject(east_half_edge[0] + 10.0, east_half_edge[1]);
        assert!((-180.0..-179.0).contains(&lon) && (64.0..66.0).contains(&lat));
    }

    #[test]
    fn the_caucasus_keeps_its_projection() {
        let e = Extent::of([[26.0, 29.0], [63.0, 48.0]]);
        assert_eq!(Projection::for_extent(e), Projection::default());
        assert_eq!(Projection::for_extent(None), Projection::default());
    }

    #[test]
    fn degenerate_extents_give_a_finite_projection() {
        for pts in [
            vec![[10.0, 0.0]],
            vec![[-10.0, -5.0], [10.0, 5.0]],
            vec![[0.0, -90.0], [0.0, 90.0]],
            vec![[-180.0, -60.0], [179.9, 60.0]],
        ] {
            let p = Projection::for_extent(Extent::of(pts.clone()));
            for [lon, lat] in pts {
                let [x, y] = p.project(lon, lat);
                assert!(x.is_finite() && y.is_finite(), "{p:?} {lon} {lat}");
            }
        }
    }

    fn km(p: &Projection, a: (f64, f64), b: (f64, f64)) -> f64 {
        let [ax, ay] = p.project(a.0, a.1);
        let [bx, by] = p.project(b.0, b.1);
        (ax - bx).hypot(ay - by)
    }

    #[test]
    fn a_world_extent_gets_an_equal_area_world_map_centred_on_greenwich() {
        // Every country: land at every 10° of longitude, from Antarctica to the Arctic.
        let world = (-18..18).map(|i| {
            [
                f64::from(i) * 10.0 + 5.0,
                if i % 2 == 0 { -85.0 } else { 83.0 },
            ]
        });
        let p = Projection::for_extent(Extent::of(world));
        assert_eq!(p.family(), Family::EqualEarth);
        let [w, _] = p.project(-179.999, 0.0);
        let [e, _] = p.project(179.999, 0.0);
        let [_, top] = p.project(0.0, 90.0);
        let [_, bottom] = p.project(0.0, -90.0);
        let ratio = (e - w) / (bottom - top);
        assert!(
            (2.0..2.1).contains(&ratio),
            "Equal Earth is about 2.05 wide to 1 tall: {ratio}"
        );
        assert!(w < 0.0 && e > 0.0, "Greenwich in the middle");
        // Equal area: a 1° cell at 60° N has half the area of one at the equator.
        let cell = |lat: f64| {
            let [x0, y0] = p.project(10.0, lat);
            let [x1, _] = p.project(11.0, lat);
            let [_, y1] = p.project(10.0, lat + 1.0);
            (x1 - x0) * (y0 - y1)
        };
        let r = cell(59.5) / cell(-0.5);
        assert!((0.48..0.53).contains(&r), "{r}");
        for (lon, lat) in [(-170.0, -80.0), (0.0, 0.0), (45.0, 40.0), (179.0, 70.0)] {
            let [x, y] = p.project(lon, lat);
            let [lo, la] = p.unproject(x, y);
            assert!(
                (lo - lon).abs() < 1e-6 && (la - lat).abs() < 1e-6,
                "{lon},{lat} -> {lo},{la}"
            );
        }
    }

    #[test]
    fn peru_on_the_equator_gets_a_finite_true_scale_map() {
        let p = Projection::for_extent(Extent::of([[-81.4, -18.4], [-68.6, -0.0]]));
        assert_eq!(p.family(), Family::Conic);
        // Lima (-77.04, -12.05) to Cusco (-71.97, -13.53) is about 570 km on the sphere.
        let d = km(&p, (-77.04, -12.05), (-71.97, -13.53));
        assert!((545.0..600.0).contains(&d), "{d}");
        // Tumbes (-80.45, -3.57) is north of Tacna (-70.25, -18.01): y grows south.
        assert!(p.project(-80.45, -3.57)[1] < p.project(-70.25, -18.01)[1]);
    }

    #[test]
    fn kashmir_gets_a_conic_with_true_distances() {
        let p = Projection::for_extent(Extent::of([[72.5, 32.3], [80.3, 37.1]]));
        assert_eq!(p.family(), Family::Conic);
        // Srinagar (74.80, 34.08) to Leh (77.58, 34.16) is about 256 km.
        let d = km(&p, (74.80, 34.08), (77.58, 34.16));
        assert!((245.0..265.0).contains(&d), "{d}");
    }

    #[test]
    fn fiji_across_the_antimeridian_is_one_compact_map() {
        let p = Projection::for_extent(Extent::of([
            [177.0, -19.2],
            [180.0, -16.0],
            [-180.0, -16.2],
            [-178.2, -17.0],
        ]));
        assert_eq!(p.family(), Family::Conic);
        // Suva (178.44, -18.14) to Lambasa (179.38, -16.43) is about 215 km.
        let d = km(&p, (178.44, -18.14), (179.38, -16.43));
        assert!((200.0..230.0).contains(&d), "{d}");
        // Lau islands east of 180° are a few hundred km east of Suva, not a world away.
        let dx = p.project(-178.8, -18.0)[0] - p.project(178.44, -18.14)[0];
        assert!((250.0..350.0).contains(&dx), "{dx}");
    }
}
