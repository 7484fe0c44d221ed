//! Decoder of the `world.gaz` format (written by `assets/gazetteer/scripts/build_gazetteer.py`,
//! described in `assets/gazetteer/PROVENANCE.md`): every read is bounds-checked, so bad
//! bytes give a [`GazetteerError`], never a panic.

use std::sync::{Mutex, OnceLock};

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Polygon};

use super::GazetteerError;

/// File magic, followed by the format version byte and one zlib stream.
pub const MAGIC: &[u8; 8] = b"ARASGAZ\0";
pub const VERSION: u8 = 2;
/// Upper bound on the inflated size, so a corrupt length cannot exhaust memory.
const MAX_INFLATED: usize = 64 << 20;
/// Geometry coordinates are integers in units of 1e-4 degrees; label points in 1e-5.
pub const GEOM_SCALE: f64 = 1e-4;
const POINT_SCALE: f64 = 1e-5;

/// Inflate the zlib payload after checking the magic and version.
pub fn inflate(bytes: &[u8]) -> Result<Vec<u8>, GazetteerError> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or(GazetteerError::BadMagic)?;
    let (&version, payload) = rest.split_first().ok_or(GazetteerError::BadMagic)?;
    if version != VERSION {
        return Err(GazetteerError::Version(version));
    }
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(payload, MAX_INFLATED)
        .map_err(|e| GazetteerError::Inflate(format!("{:?}", e.status)))
}

/// A bounds-checked cursor over the inflated bytes.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    fn corrupt(&self, what: &str) -> GazetteerError {
        GazetteerError::Corrupt {
            what: what.to_owned(),
            offset: self.pos,
        }
    }

    pub fn u8(&mut self, what: &str) -> Result<u8, GazetteerError> {
        let b = *self.buf.get(self.pos).ok_or_else(|| self.corrupt(what))?;
        self.pos += 1;
        Ok(b)
    }

    /// LEB128 unsigned varint (at most 10 bytes).
    pub fn var(&mut self, what: &str) -> Result<u64, GazetteerError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.corrupt(what))
    }

    /// A varint used as a count or length: at most the bytes left (every item takes at
    /// least one byte), so a corrupt count cannot make a huge allocation.
    pub fn count(&mut self, what: &str) -> Result<usize, GazetteerError> {
        let v = self.var(what)?;
        let left = self.buf.len().saturating_sub(self.pos);
        usize::try_from(v)
            .ok()
            .filter(|&n| n <= left)
            .ok_or_else(|| self.corrupt(what))
    }

    /// Zigzag-coded signed varint.
    pub fn zig(&mut self, what: &str) -> Result<i64, GazetteerError> {
        let v = self.var(what)?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    pub fn bytes(&mut self, n: usize, what: &str) -> Result<&'a [u8], GazetteerError> {
        let end = self.pos.checked_add(n).ok_or_else(|| self.corrupt(what))?;
        let s = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| self.corrupt(what))?;
        self.pos = end;
        Ok(s)
    }

    pub fn str(&mut self, what: &str) -> Result<&'a str, GazetteerError> {
        let n = self.count(what)?;
        let at = self.pos;
        let raw = self.bytes(n, what)?;
        std::str::from_utf8(raw).map_err(|_| GazetteerError::Corrupt {
            what: format!("{what} (not UTF-8)"),
            offset: at,
        })
    }

    /// A label point in 1e-5 degrees, range-checked.
    pub fn lon_lat(&mut self, what: &str) -> Result<(f64, f64), GazetteerError> {
        let lon = self.zig(what)? as f64 * POINT_SCALE;
        let lat = self.zig(what)? as f64 * POINT_SCALE;
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(self.corrupt(what));
        }
        Ok((lon, lat))
    }
}

/// Interned source strings: the few distinct sources live for the whole program, so
/// [`super::Place::source`] can be `&'static str` without leaking once per decode.
pub fn intern(s: &str) -> &'static str {
    static TABLE: OnceLock<Mutex<Vec<&'static str>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| Mutex::new(Vec::new()));
    let Ok(mut table) = table.lock() else {
        return "unknown source";
    };
    if let Some(found) = table.iter().find(|t| **t == s) {
        return found;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    table.push(leaked);
    leaked
}

/// Geometry kinds in the file.
pub const GEOM_NONE: u8 = 0;
pub const GEOM_POLYGONS: u8 = 1;
pub const GEOM_LINES: u8 = 2;

/// Decode one geometry blob: delta-coded zigzag varints in 1e-4 degrees.
pub fn geometry(kind: u8, blob: &[u8]) -> Result<Geometry<f64>, GazetteerError> {
    let mut r = Reader::new(blob);
    let mut prev = (0i64, 0i64);
    let geom = match kind {
        GEOM_POLYGONS => {
            let parts = r.count("polygon count")?;
            let mut polys = Vec::with_capacity(parts);
            for _ in 0..parts {
                let rings = r.count("ring count")?;
                let mut ls = Vec::with_capacity(rings);
                for _ in 0..rings {
                    let mut ring = LineString::new(coords(&mut r, &mut prev)?);
                    unwrap_antimeridian(&mut ring);
                    ls.push(ring);
                }
                let mut it = ls.into_iter();
                let exterior = it
                    .next()
                    .ok_or_else(|| r.corrupt("polygon without rings"))?;
                polys.push(Polygon::new(exterior, it.collect()));
            }
            Geometry::MultiPolygon(MultiPolygon::new(polys))
        }
        GEOM_LINES => {
            let n = r.count("line count")?;
            let mut lines = Vec::with_capacity(n);
            for _ in 0..n {
                lines.push(LineString::new(coords(&mut r, &mut prev)?));
            }
            Geometry::MultiLineString(MultiLineString::new(lines))
        }
        _ => return Err(r.corrupt("geometry kind")),
    };
    if !r.at_end() {
        return Err(r.corrupt("trailing geometry bytes"));
    }
    Ok(geom)
}

/// Some source rings cross the antimeridian instead of being split there (RFC 7946
/// §3.1.9): a Fiji island, Chukotka in Russia's outline. Read as they are, such a ring
/// has an edge running the long way round the globe, drawn as a line across any map
/// (a draft about Peru got a sliver of "Fiji"). Unwraps the ring instead, so each edge
/// takes the short way: longitudes may then pass ±180° (up to 540°), which the
/// projection (relative to its central meridian) and the draft's clipping handle.
/// Rings reaching a pole (Antarctica) are left alone: their edges along ±180° are real.
fn unwrap_antimeridian(ring: &mut LineString<f64>) {
    let crosses = ring.lines().any(|l| (l.end.x - l.start.x).abs() > 180.0);
    if !crosses || ring.0.iter().any(|c| c.y.abs() > 89.0) {
        return;
    }
    let original = ring.clone();
    let mut shift = 0.0;
    let mut last = None;
    for c in &mut ring.0 {
        if let Some(prev) = last {
            let d: f64 = c.x + shift - prev;
            if d > 180.0 {
                shift -= 360.0;
            } else if d < -180.0 {
                shift += 360.0;
            }
        }
        c.x += shift;
        last = Some(c.x);
    }
    // A ring round the globe (part of Antarctica's coast) cannot be unwrapped.
    if let (Some(a), Some(b)) = (ring.0.first(), ring.0.last())
        && (a.x - b.x).abs() > 180.0
    {
        *ring = original;
        return;
    }
    // Keep the ring where most of it lies: its middle within −180..180.
    let (lo, hi) = ring.0.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
        (lo.min(c.x), hi.max(c.x))
    });
    let back = 360.0 * ((lo + hi) / 2.0 / 360.0).round();
    if back != 0.0 {
        ring.0.iter_mut().for_each(|c| c.x -= back);
    }
}

fn coords(r: &mut Reader<'_>, prev: &mut (i64, i64)) -> Result<Vec<Coord<f64>>, GazetteerError> {
    let n = r.count("point count")?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        prev.0 = prev
            .0
            .checked_add(r.zig("x")?)
            .ok_or_else(|| r.corrupt("x overflow"))?;
        prev.1 = prev
            .1
            .checked_add(r.zig("y")?)
            .ok_or_else(|| r.corrupt("y overflow"))?;
        out.push(Coord {
            x: prev.0 as f64 * GEOM_SCALE,
            y: prev.1 as f64 * GEOM_SCALE,
        });
    }
    Ok(out)
}
