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

use geo::{Geometry, Intersects, Rect, coord};

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
    /// Name key → (place index, how it matched), best match kind first per place.
    names: HashMap<String, Vec<(u32, MatchKind)>>,
    /// Every name key, sorted, for [`Gazetteer::is_prefix`].
    keys: Vec<String>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.places.len())
            .field("names", &self.keys.len())
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
        let mut names: HashMap<String, Vec<(u32, MatchKind)>> = HashMap::new();
        for i in 0..n {
            let index = u32::try_from(i).map_err(|_| GazetteerError::Corrupt {
                what: "place count".into(),
                offset: 0,
            })?;
            let (place, geom) = read_place(&mut r, &sources, |key, kind| {
                add_name(&mut names, key, index, kind)
            })?;
            places.push(place);
            geoms.push(geom);
        }
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
        let mut keys: Vec<String> = names.keys().cloned().collect();
        keys.sort_unstable();
        Ok(Gazetteer {
            places,
            geoms,
            data,
            by_id,
            names,
            keys,
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
        let Some(hits) = self.names.get(&name_key(surface)) else {
            return Vec::new();
        };
        let mut out: Vec<Candidate<'_>> = hits
            .iter()
            .filter_map(|&(i, matched)| {
                Some(Candidate {
                    place: self.places.get(i as usize)?,
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
        if self.names.contains_key(&key) {
            return true;
        }
        let longer = format!("{key} ");
        let at = self.keys.partition_point(|k| k.as_str() < longer.as_str());
        self.keys.get(at).is_some_and(|k| k.starts_with(&longer))
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

fn bbox_overlaps(b: &[f64; 4], r: &Rect<f64>) -> bool {
    let [w, s, e, n] = *b;
    w <= r.max().x && e >= r.min().x && s <= r.max().y && n >= r.min().y
}

fn add_name(
    names: &mut HashMap<String, Vec<(u32, MatchKind)>>,
    raw: &str,
    index: u32,
    kind: MatchKind,
) {
    let key = name_key(raw);
    if key.is_empty() {
        return;
    }
    let list = names.entry(key).or_default();
    // Places arrive one at a time, so a repeat of this place is at the end.
    match list.last_mut() {
        Some((i, _)) if *i == index => {}
        _ => list.push((index, kind)),
    }
}

/// Read one place record, reporting its names to `name` (name first, then alternate
/// names, then demonyms, so the first report per key is the best match kind).
fn read_place(
    r: &mut decode::Reader<'_>,
    sources: &[&'static str],
    mut name: impl FnMut(&str, MatchKind),
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
    name(&label, MatchKind::Name);
    for _ in 0..r.count("alternate name count")? {
        name(r.str("alternate name")?, MatchKind::AlternateName);
    }
    for _ in 0..r.count("demonym count")? {
        name(r.str("demonym")?, MatchKind::Demonym);
    }
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
