//! The embedded world gazetteer and base map: countries and admin-1 regions (Natural
//! Earth), cities (GeoNames), with alternate names in other scripts and country
//! demonyms. Pure model (no egui). Built by `assets/gazetteer/scripts/build_all.sh`;
//! sources and licences in `assets/gazetteer/PROVENANCE.md`.
//!
//! The asset is inflated and indexed once ([`Gazetteer::embedded`]); geometry stays
//! encoded until [`Gazetteer::geometry`] asks for it, which keeps loading fast.

mod decode;
mod normalize;

use std::collections::HashMap;
use std::sync::OnceLock;

use geo::{Contains, Geometry, InteriorPoint, Intersects, Point, Rect, coord};

pub use normalize::name_key;

/// The asset compiled into the binary.
static EMBEDDED: &[u8] = include_bytes!("../../assets/gazetteer/world.gaz");

/// A typed gazetteer identifier, e.g. `"geonames:616052"`, `"ne:admin1:IRN-3154"` or
/// `"ne:admin0:AZE"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GazId(pub String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    Country,
    /// Admin-1 province or state.
    Region,
    City,
    Sea,
    Lake,
    River,
    Mountains,
    /// Other natural feature.
    Physical,
    Continent,
}

impl PlaceKind {
    fn from_code(code: u8) -> Option<Self> {
        use PlaceKind::*;
        [
            Country, Region, City, Sea, Lake, River, Mountains, Physical, Continent,
        ]
        .get(usize::from(code))
        .copied()
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: GazId,
    /// Preferred English name.
    pub name: String,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 of the containing country (itself for a country).
    pub country: Option<String>,
    /// Degrees WGS84: a representative point (for areas, a label point well inside the
    /// largest part).
    pub lon: f64,
    pub lat: f64,
    /// 0 when unknown.
    pub population: u64,
    /// 0..1, from population and feature rank.
    pub importance: f32,
    /// ISO alpha-2 if this city is a national capital.
    pub capital_of: Option<String>,
    /// Dataset, scale and package it comes from.
    pub source: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    Name,
    AlternateName,
    /// "Iranian" → Iran.
    Demonym,
}

#[derive(Clone, Copy, Debug)]
pub struct Candidate<'g> {
    pub place: &'g Place,
    pub matched: MatchKind,
}

#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum GazetteerError {
    #[error("gazetteer asset: not a world.gaz file (bad magic)")]
    BadMagic,
    #[error("gazetteer asset: unsupported format version {0}")]
    Version(u8),
    #[error("gazetteer asset: zlib stream is corrupt ({0})")]
    Inflate(String),
    #[error("gazetteer asset: corrupt {what} at byte {offset} of the inflated data")]
    Corrupt { what: String, offset: usize },
}

/// Where a place's encoded geometry lies in the inflated buffer.
#[derive(Clone, Copy, Debug)]
struct GeomRef {
    kind: u8,
    /// west, south, east, north in degrees.
    bbox: [f64; 4],
    start: usize,
    end: usize,
}

/// The decoded gazetteer: places, a name index and lazily decoded geometry.
pub struct Gazetteer {
    places: Vec<Place>,
    geoms: Vec<Option<GeomRef>>,
    data: Vec<u8>,
    by_id: HashMap<GazId, u32>,
    /// The name index, sorted by key bytes; keys and postings stay in `data`.
    index: Vec<IndexEntry>,
}

/// One name key of the index: its bytes and its postings (place index varint, match
/// kind byte) as ranges of the inflated buffer.
#[derive(Clone, Copy, Debug)]
struct IndexEntry {
    key_start: u32,
    key_end: u32,
    postings: u32,
    count: u32,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.places.len())
            .field("names", &self.index.len())
            .finish()
    }
}

impl Gazetteer {
    /// The embedded world gazetteer, decoded once; errors only if the embedded asset is
    /// corrupt (never panics).
    pub fn embedded() -> Result<&'static Gazetteer, GazetteerError> {
        static CELL: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();
        CELL.get_or_init(|| Gazetteer::from_bytes(EMBEDDED))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Decode the embedded asset afresh (uncached; [`Gazetteer::embedded`] decodes once).
    /// For benchmarks.
    ///
    /// # Errors
    /// As [`Gazetteer::from_bytes`].
    pub fn decode_embedded() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_bytes(EMBEDDED)
    }

    /// Decode a `world.gaz` file (magic, version byte, zlib stream).
    ///
    /// # Errors
    /// [`GazetteerError`] naming what was corrupt and where.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let data = decode::inflate(bytes)?;
        let mut r = decode::Reader::new(&data);
        let n_sources = r.count("source count")?;
        let sources = (0..n_sources)
            .map(|_| r.str("source").map(decode::intern))
            .collect::<Result<Vec<_>, _>>()?;
        let n = r.count("place count")?;
        let mut places = Vec::with_capacity(n);
        let mut geoms = Vec::with_capacity(n);
        for _ in 0..n {
            let (place, geom) = read_place(&mut r, &sources)?;
            places.push(place);
            geoms.push(geom);
        }
        let index = read_index(&mut r, n)?;
        repair_label_points(&mut places, &geoms, &data);
        if !r.at_end() {
            return Err(GazetteerError::Corrupt {
                what: "trailing bytes".into(),
                offset: r.pos(),
            });
        }
        let by_id = places
            .iter()
            .zip(0u32..)
            .map(|(p, i)| (p.id.clone(), i))
            .collect();
        Ok(Gazetteer {
            places,
            geoms,
            data,
            by_id,
            index,
        })
    }

    /// Every place, in id order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// Places whose name, alternate name (other scripts, transliterations) or
    /// demonym equals `surface` after [`name_key`] normalisation. Best (importance,
    /// population) first.
    pub fn candidates(&self, surface: &str) -> Vec<Candidate<'_>> {
        let Ok(at) = self.find(&name_key(surface)) else {
            return Vec::new();
        };
        let mut out: Vec<Candidate<'_>> = self
            .postings(at)
            .into_iter()
            .filter_map(|(i, matched)| {
                Some(Candidate {
                    place: self.places.get(i)?,
                    matched,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.place
                .importance
                .total_cmp(&a.place.importance)
                .then(b.place.population.cmp(&a.place.population))
                .then_with(|| a.place.id.cmp(&b.place.id))
        });
        out
    }

    /// True if some name, alternate name or demonym starts with this normalised token
    /// sequence: equals it, or continues it after a space ("New" → "New York").
    pub fn is_prefix(&self, surface: &str) -> bool {
        let key = name_key(surface);
        if key.is_empty() {
            return false;
        }
        if self.find(&key).is_ok() {
            return true;
        }
        let longer = format!("{key} ");
        let at = self
            .index
            .partition_point(|e| self.key_of(e) < longer.as_bytes());
        self.index
            .get(at)
            .is_some_and(|e| self.key_of(e).starts_with(longer.as_bytes()))
    }

    fn key_of(&self, e: &IndexEntry) -> &[u8] {
        self.data
            .get(e.key_start as usize..e.key_end as usize)
            .unwrap_or_default()
    }

    /// Binary search of the index for this exact key.
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.index
            .binary_search_by(|e| self.key_of(e).cmp(key.as_bytes()))
    }

    /// The (place index, match kind) pairs of index entry `at` (checked at load).
    fn postings(&self, at: usize) -> Vec<(usize, MatchKind)> {
        let Some(e) = self.index.get(at) else {
            return Vec::new();
        };
        let mut r = decode::Reader::new(self.data.get(e.postings as usize..).unwrap_or_default());
        (0..e.count)
            .map_while(|_| {
                let place = usize::try_from(r.var("posting").ok()?).ok()?;
                Some((place, match_kind(r.u8("match kind").ok()?)?))
            })
            .collect()
    }

    pub fn get(&self, id: &GazId) -> Option<&Place> {
        self.by_id
            .get(id)
            .and_then(|&i| self.places.get(i as usize))
    }

    /// Real geometry where the gazetteer has it: `MultiPolygon` for countries and
    /// admin-1 regions (and water areas), `MultiLineString` for rivers, `None` for
    /// cities (use lon/lat) and unknown ids. Degrees WGS84; parts split at ±180° as in
    /// Natural Earth, all kept.
    pub fn geometry(&self, id: &GazId) -> Option<Geometry<f64>> {
        let g = self.geom_ref(id)?;
        decode::geometry(g.kind, self.data.get(g.start..g.end)?).ok()
    }

    fn geom_ref(&self, id: &GazId) -> Option<&GeomRef> {
        let &i = self.by_id.get(id)?;
        self.geoms.get(i as usize)?.as_ref()
    }

    /// Context for a draft: ids of countries and water bodies (seas, lakes, rivers) whose
    /// geometry intersects the box (degrees; `east < west` or `east > 180` means the box
    /// crosses ±180°). Most important first.
    pub fn context_in(&self, west: f64, south: f64, east: f64, north: f64) -> Vec<&GazId> {
        let boxes = split_box(west, south, east, north);
        let mut hits: Vec<&Place> = Vec::new();
        for (place, g) in self.places.iter().zip(&self.geoms) {
            let Some(g) = g else { continue };
            if !matches!(
                place.kind,
                PlaceKind::Country | PlaceKind::Sea | PlaceKind::Lake | PlaceKind::River
            ) {
                continue;
            }
            let near: Vec<&Rect<f64>> =
                boxes.iter().filter(|b| bbox_overlaps(&g.bbox, b)).collect();
            if near.is_empty() {
                continue;
            }
            let Some(geom) = self
                .data
                .get(g.start..g.end)
                .and_then(|b| decode::geometry(g.kind, b).ok())
            else {
                continue;
            };
            if near.iter().any(|b| geom.intersects(*b)) {
                hits.push(place);
            }
        }
        hits.sort_by(|a, b| {
            b.importance
                .total_cmp(&a.importance)
                .then_with(|| a.id.cmp(&b.id))
        });
        hits.into_iter().map(|p| &p.id).collect()
    }
}

/// The box as one or two rectangles within −180..180.
fn split_box(west: f64, south: f64, east: f64, north: f64) -> Vec<Rect<f64>> {
    let (s, n) = (south.min(north), south.max(north));
    let w = wrap(west);
    let mut e = wrap(east);
    if (east - west).abs() >= 360.0 {
        return vec![Rect::new(
            coord! { x: -180.0, y: s },
            coord! { x: 180.0, y: n },
        )];
    }
    if e < w {
        e += 360.0;
    }
    if e <= 180.0 {
        vec![Rect::new(coord! { x: w, y: s }, coord! { x: e, y: n })]
    } else {
        vec![
            Rect::new(coord! { x: w, y: s }, coord! { x: 180.0, y: n }),
            Rect::new(coord! { x: -180.0, y: s }, coord! { x: e - 360.0, y: n }),
        ]
    }
}

fn wrap(lon: f64) -> f64 {
    let l = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if l == -180.0 && lon > 0.0 { 180.0 } else { l }
}

/// An area whose source outline crossed the antimeridian got its label point from the
/// long-way-round outline (Fiji's fell in Brazil). Where such an area's point is not
/// inside its unwrapped outline, use a point inside it instead. Only areas whose box
/// spans more than 180° of longitude are decoded, so this costs little at load.
fn repair_label_points(places: &mut [Place], geoms: &[Option<GeomRef>], data: &[u8]) {
    for (place, g) in places.iter_mut().zip(geoms) {
        let Some(g) = g.as_ref().filter(|g| g.kind == decode::GEOM_POLYGONS) else {
            continue;
        };
        if g.bbox[2] - g.bbox[0] <= 180.0 {
            continue;
        }
        let Some(geom) = data
            .get(g.start..g.end)
            .and_then(|b| decode::geometry(g.kind, b).ok())
        else {
            continue;
        };
        if geom.contains(&Point::new(place.lon, place.lat)) {
            continue;
        }
        if let Some(pt) = geom.interior_point() {
            place.lon = pt.x();
            place.lat = pt.y();
        }
    }
}

fn bbox_overlaps(b: &[f64; 4], r: &Rect<f64>) -> bool {
    let [w, s, e, n] = *b;
    w <= r.max().x && e >= r.min().x && s <= r.max().y && n >= r.min().y
}

fn match_kind(code: u8) -> Option<MatchKind> {
    [
        MatchKind::Name,
        MatchKind::AlternateName,
        MatchKind::Demonym,
    ]
    .get(usize::from(code))
    .copied()
}

/// Read the name index: keys strictly increasing (binary search relies on it), every
/// posting naming an existing place and a known match kind.
fn read_index(
    r: &mut decode::Reader<'_>,
    n_places: usize,
) -> Result<Vec<IndexEntry>, GazetteerError> {
    let corrupt = |what: &str, offset: usize| GazetteerError::Corrupt {
        what: what.to_owned(),
        offset,
    };
    let offset = |v: usize, at: usize| u32::try_from(v).map_err(|_| corrupt("index offset", at));
    let n = r.count("name key count")?;
    let mut out: Vec<IndexEntry> = Vec::with_capacity(n);
    let mut prev: &[u8] = &[];
    for k in 0..n {
        let key = r.str("name key")?.as_bytes();
        let key_end = r.pos();
        if k > 0 && key <= prev {
            return Err(corrupt("name keys out of order", key_end));
        }
        prev = key;
        let count = r.count("posting count")?;
        let postings = r.pos();
        for _ in 0..count {
            let at = r.pos();
            let place = r.var("posting")?;
            if usize::try_from(place).ok().is_none_or(|p| p >= n_places)
                || match_kind(r.u8("match kind")?).is_none()
            {
                return Err(corrupt("posting", at));
            }
        }
        out.push(IndexEntry {
            key_start: offset(key_end - key.len(), key_end)?,
            key_end: offset(key_end, key_end)?,
            postings: offset(postings, postings)?,
            count: offset(count, postings)?,
        });
    }
    Ok(out)
}

/// Read one place record.
fn read_place(
    r: &mut decode::Reader<'_>,
    sources: &[&'static str],
) -> Result<(Place, Option<GeomRef>), GazetteerError> {
    let id = GazId(r.str("place id")?.to_owned());
    let label = r.str("place name")?.to_owned();
    let kind_at = r.pos();
    let kind =
        PlaceKind::from_code(r.u8("place kind")?).ok_or_else(|| GazetteerError::Corrupt {
            what: format!("kind of {}", id.0),
            offset: kind_at,
        })?;
    let country = Some(r.str("country")?.to_owned()).filter(|c| !c.is_empty());
    let (lon, lat) = r.lon_lat("label point")?;
    let population = r.var("population")?;
    let importance = f32::from(r.u8("importance")?) / 255.0;
    let capital_of = Some(r.str("capital_of")?.to_owned()).filter(|c| !c.is_empty());
    let source_at = r.pos();
    let source = usize::try_from(r.var("source index")?)
        .ok()
        .and_then(|i| sources.get(i).copied())
        .ok_or_else(|| GazetteerError::Corrupt {
            what: format!("source of {}", id.0),
            offset: source_at,
        })?;
    let geom = read_geom_ref(r)?;
    let place = Place {
        id,
        name: label,
        kind,
        country,
        lon,
        lat,
        population,
        importance,
        capital_of,
        source,
    };
    Ok((place, geom))
}

fn read_geom_ref(r: &mut decode::Reader<'_>) -> Result<Option<GeomRef>, GazetteerError> {
    let kind = r.u8("geometry kind")?;
    if kind == decode::GEOM_NONE {
        return Ok(None);
    }
    if kind != decode::GEOM_POLYGONS && kind != decode::GEOM_LINES {
        return Err(GazetteerError::Corrupt {
            what: "geometry kind".into(),
            offset: r.pos(),
        });
    }
    let mut bbox = [0.0; 4];
    for v in &mut bbox {
        *v = r.zig("geometry bbox")? as f64 * decode::GEOM_SCALE;
    }
    let len = r.count("geometry length")?;
    let start = r.pos();
    r.bytes(len, "geometry")?;
    Ok(Some(GeomRef {
        kind,
        bbox,
        start,
        end: start + len,
    }))
}
