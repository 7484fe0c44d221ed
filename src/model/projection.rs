//! Lambert conformal conic projection, tuned for the Caucasus (standard parallels 33° and
//! 45° N, centred on 45° E, 40° N): shapes read true between Ankara and Tehran.
//!
//! Projected coordinates are kilometres with **y pointing down** (south), so that the
//! map's world-to-screen transform is a plain scale plus translation.

use std::f64::consts::FRAC_PI_4;

use serde::{Deserialize, Serialize};

const EARTH_RADIUS_KM: f64 = 6371.0;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    lon0: f64,
    n: f64,
    f: f64,
    rho0: f64,
}

impl Default for Projection {
    fn default() -> Self {
        Self::lambert(33.0, 45.0, 40.0, 45.0)
    }
}

impl Projection {
    /// A Lambert conformal conic on the sphere, all angles in degrees.
    pub fn lambert(phi1: f64, phi2: f64, phi0: f64, lon0: f64) -> Self {
        let (p1, p2, p0) = (phi1.to_radians(), phi2.to_radians(), phi0.to_radians());
        let t = |p: f64| (FRAC_PI_4 + p / 2.0).tan();
        let n = (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln();
        let f = p1.cos() * t(p1).powf(n) / n;
        let rho0 = EARTH_RADIUS_KM * f / t(p0).powf(n);
        Self {
            lon0: lon0.to_radians(),
            n,
            f,
            rho0,
        }
    }

    /// (lon, lat) in degrees → (x east, y south) in km.
    pub fn project(&self, lon: f64, lat: f64) -> [f64; 2] {
        // Clamp just short of the poles, where the cone degenerates.
        let phi = lat.clamp(-89.0, 89.0).to_radians();
        let rho = EARTH_RADIUS_KM * self.f / (FRAC_PI_4 + phi / 2.0).tan().powf(self.n);
        let theta = self.n * (lon.to_radians() - self.lon0);
        [rho * theta.sin(), -(self.rho0 - rho * theta.cos())]
    }

    /// Inverse of [`project`](Self::project).
    pub fn unproject(&self, x: f64, y: f64) -> [f64; 2] {
        let y = -y;
        let dy = self.rho0 - y;
        let rho = self.n.signum() * (x * x + dy * dy).sqrt();
        let theta = (x * self.n.signum()).atan2(dy * self.n.signum());
        let phi = 2.0 * (EARTH_RADIUS_KM * self.f / rho).powf(1.0 / self.n).atan()
            - std::f64::consts::FRAC_PI_2;
        let lon = self.lon0 + theta / self.n;
        [lon.to_degrees(), phi.to_degrees()]
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
}
