//! Step 1: where an atlas's files come from, read with a size limit and as UTF-8.

use std::path::{Path, PathBuf};

use super::super::problem::{ProblemKind as P, Problems};
use super::{
    ARTICLE_FILE, EVENTS_FILE, LINKS_FILE, MAP_FILE, MAX_FILE_BYTES, RELATIONS_FILE, SCENARIOS_FILE,
};

/// Where an atlas comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AtlasSource {
    /// Compiled into the binary from `assets/`.
    Embedded,
    /// A directory with the same files as `assets/`.
    Dir(PathBuf),
    /// Files held in memory, by name (synthetic atlases, the fuzzer).
    Memory(std::sync::Arc<std::collections::BTreeMap<String, Vec<u8>>>),
}

impl AtlasSource {
    pub fn describe(&self) -> String {
        match self {
            Self::Embedded => "the embedded atlas".to_owned(),
            Self::Dir(d) => d.display().to_string(),
            Self::Memory(_) => "an atlas in memory".to_owned(),
        }
    }

    fn read(&self, name: &str) -> Result<String, P> {
        match self {
            Self::Embedded => embedded(name)
                .map(str::to_owned)
                .ok_or_else(|| P::Io(format!("no embedded file {name}"))),
            Self::Dir(dir) => read_text(&dir.join(name)),
            Self::Memory(files) => match files.get(name) {
                Some(bytes) => text_of(bytes.clone()),
                None => Err(P::Io(format!("no file {name}"))),
            },
        }
    }

    /// Reads an optional file: `Ok(None)` if it does not exist.
    fn read_optional(&self, name: &str) -> Result<Option<String>, P> {
        match self {
            Self::Embedded => Ok(embedded(name).map(str::to_owned)),
            Self::Dir(dir) => {
                let path = dir.join(name);
                if path.exists() {
                    read_text(&path).map(Some)
                } else {
                    Ok(None)
                }
            }
            Self::Memory(files) => files.get(name).map(|b| text_of(b.clone())).transpose(),
        }
    }
}

fn embedded(name: &str) -> Option<&'static str> {
    match name {
        ARTICLE_FILE => Some(include_str!("../../../assets/article.json")),
        MAP_FILE => Some(include_str!("../../../assets/map.geojson")),
        LINKS_FILE => Some(include_str!("../../../assets/links.json")),
        EVENTS_FILE => Some(include_str!("../../../assets/events.json")),
        RELATIONS_FILE => Some(include_str!("../../../assets/relations.json")),
        SCENARIOS_FILE => Some(include_str!("../../../assets/scenarios.json")),
        "article.txt" => Some(include_str!("../../../assets/article.txt")),
        _ => None,
    }
}

/// Reads a UTF-8 text file with a size limit; every failure says why.
fn read_text(path: &Path) -> Result<String, P> {
    let meta = std::fs::metadata(path).map_err(|e| P::Io(e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(P::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| P::Io(e.to_string()))?;
    text_of(bytes)
}

fn text_of(bytes: Vec<u8>) -> Result<String, P> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(P::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut text =
        String::from_utf8(bytes).map_err(|e| P::NotUtf8(e.utf8_error().valid_up_to()))?;
    strip_bom(&mut text);
    Ok(text)
}

/// The UTF-8 byte order mark, which Windows editors put at the start of a file.
pub const BOM: char = '\u{FEFF}';

/// Drops a byte order mark at the start of a file. JSON parsers may ignore it (RFC 8259
/// §8.1), and for the article it is not text anyone reads: offsets count from after it,
/// so they stay true to the text users see.
fn strip_bom(text: &mut String) {
    if text.starts_with(BOM) {
        text.drain(..BOM.len_utf8());
    }
}

/// Reads a required file; a failure is recorded against the file.
pub(super) fn read(source: &AtlasSource, name: &str, problems: &mut Problems) -> Option<String> {
    match source.read(name) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(name, None, e);
            None
        }
    }
}

/// Reads an optional file: `None` if it is absent or unreadable (the latter recorded).
pub(super) fn read_optional(
    source: &AtlasSource,
    name: &str,
    problems: &mut Problems,
) -> Option<String> {
    match source.read_optional(name) {
        Ok(t) => t,
        Err(e) => {
            problems.push(name, None, e);
            None
        }
    }
}
