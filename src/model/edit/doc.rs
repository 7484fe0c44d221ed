//! [`AtlasDoc`]: the editable source files of an atlas directory as JSON values, with
//! the bytes they were opened from, so that an unchanged file is written back byte for
//! byte and a changed one in a stable, diff-friendly form ([`stable_json`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use super::super::load::{
    ARTICLE_FILE, EVENTS_FILE, LINKS_FILE, MAP_FILE, RELATIONS_FILE, SCENARIOS_FILE,
};
use super::super::{Atlas, AtlasSource, Problems};

/// The UTF-8 byte order mark, skipped as the loader skips it.
const BOM: char = '\u{FEFF}';

/// Whether a file of the atlas is JSON (parsed), not text.
fn is_json(name: &str) -> bool {
    name.ends_with(".json") || name.ends_with(".geojson")
}

/// The JSON files an atlas may have, in the order they are checked.
pub const JSON_FILES: [&str; 6] = [
    ARTICLE_FILE,
    MAP_FILE,
    LINKS_FILE,
    EVENTS_FILE,
    RELATIONS_FILE,
    SCENARIOS_FILE,
];

/// One file of the atlas as opened and as edited.
#[derive(Clone, Debug)]
pub struct DocFile {
    /// The bytes on disk when opened (or last saved).
    pub original: Vec<u8>,
    /// The parsed original, `None` for text files and files that are not valid JSON.
    original_value: Option<Value>,
    /// The edited value; edits change only this.
    pub(super) value: Option<Value>,
    /// The edited text of a text file (the article's, byte order mark included), `None`
    /// for JSON files and text that is not UTF-8; a split or a join of blocks changes it.
    pub(super) text: Option<String>,
    /// An undo took back the edit that created this file after it was saved: the file
    /// is not part of the document, and saving deletes it from disk.
    pub(super) absent: bool,
}

impl DocFile {
    /// A file as read: JSON files are parsed, others (the article text) kept as bytes.
    pub fn new(name: &str, original: Vec<u8>) -> Self {
        let json = is_json(name);
        let value = if json {
            std::str::from_utf8(&original)
                .ok()
                .map(|t| t.trim_start_matches(BOM))
                .and_then(|t| serde_json::from_str::<Value>(t).ok())
        } else {
            None
        };
        let text = (!json)
            .then(|| String::from_utf8(original.clone()).ok())
            .flatten();
        Self {
            original,
            original_value: value.clone(),
            value,
            text,
            absent: false,
        }
    }

    /// True if an edit changed the value or the text, or took back a saved file.
    pub fn is_changed(&self) -> bool {
        self.absent || self.value != self.original_value || self.text_changed()
    }

    fn text_changed(&self) -> bool {
        self.text
            .as_ref()
            .is_some_and(|t| t.as_bytes() != self.original.as_slice())
    }

    /// The file's bytes now: the original if unchanged, else the stable serialisation
    /// (or the edited text).
    pub fn bytes(&self) -> Vec<u8> {
        match (&self.value, &self.text) {
            (_, Some(t)) if self.text_changed() => t.clone().into_bytes(),
            (Some(v), _) if self.is_changed() => stable_json(v).into_bytes(),
            _ => self.original.clone(),
        }
    }

    /// Records `bytes` as what is on disk now (after a save).
    pub(super) fn mark_saved(&mut self, bytes: Vec<u8>) {
        self.original = bytes;
        self.original_value = self.value.clone();
    }
}

/// The editable files of one atlas, by file name.
#[derive(Clone, Debug, Default)]
pub struct AtlasDoc {
    pub(super) files: BTreeMap<String, DocFile>,
}

impl AtlasDoc {
    /// A document from files held in memory (name → bytes).
    pub fn from_files(files: BTreeMap<String, Vec<u8>>) -> Self {
        Self {
            files: files
                .into_iter()
                .map(|(name, bytes)| {
                    let f = DocFile::new(&name, bytes);
                    (name, f)
                })
                .collect(),
        }
    }

    /// File names in the document (not those an undo took back).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.present().map(|(n, _)| n.as_str())
    }

    /// The files in the document, without those an undo took back.
    fn present(&self) -> impl Iterator<Item = (&String, &DocFile)> {
        self.files.iter().filter(|(_, f)| !f.absent)
    }

    /// A file of the document (`None` if an undo took it back).
    pub fn file(&self, name: &str) -> Option<&DocFile> {
        self.files.get(name).filter(|f| !f.absent)
    }

    /// The edited JSON value of a file, if it is JSON and parsed.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.file(name).and_then(|f| f.value.as_ref())
    }

    /// Every file's bytes as they would be saved now.
    pub fn current_files(&self) -> BTreeMap<String, Vec<u8>> {
        self.present()
            .map(|(n, f)| (n.clone(), f.bytes()))
            .collect()
    }

    /// Saved files an undo took back: saving deletes them from disk.
    pub fn removed_files(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|(_, f)| f.absent)
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Names of files an edit changed since opening or the last save (those an undo
    /// took back included).
    pub fn changed_files(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|(_, f)| f.is_changed())
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// True if there are unsaved edits.
    pub fn is_dirty(&self) -> bool {
        self.files.values().any(DocFile::is_changed)
    }

    /// The live check: the one loader (`aras check`'s) run on the files as edited.
    ///
    /// # Errors
    /// Every problem, as `aras check` reports it.
    pub fn check(&self) -> Result<Atlas, Problems> {
        super::super::load(&AtlasSource::Memory(Arc::new(self.current_files())))
    }

    /// The article's text as edited (after a byte order mark), or "" if it cannot be
    /// read.
    pub fn text(&self) -> &str {
        self.file(self.text_name())
            .and_then(|f| f.text.as_deref())
            .map_or("", |t| t.strip_prefix(BOM).unwrap_or(t))
    }

    /// The name of the article's text file (`article.json`'s `text`).
    pub fn text_name(&self) -> &str {
        self.value(ARTICLE_FILE)
            .and_then(|a| a.get("text"))
            .and_then(Value::as_str)
            .unwrap_or("article.txt")
    }

    /// Bytes before [`Self::text`] in its file: the byte order mark's, or 0.
    pub(super) fn text_offset(&self) -> usize {
        self.file(self.text_name())
            .and_then(|f| f.text.as_deref())
            .filter(|t| t.starts_with(BOM))
            .map_or(0, |_| BOM.len_utf8())
    }
}

/// Where keys go in a written object: known keys in this order, others after, sorted.
const KEY_ORDER: [&str; 44] = [
    "@context",
    "type",
    "id",
    "kind",
    "name",
    "label",
    "text",
    "title",
    "author",
    "publisher",
    "date",
    "qualifier",
    "citation",
    "starts",
    "from",
    "to",
    "relation",
    "elements",
    "selector",
    "exact",
    "prefix",
    "suffix",
    "claimed_by",
    "denied_by",
    "assessment",
    "voices",
    "aliases",
    "demonyms",
    "metonyms",
    "summary",
    "status",
    "direction",
    "at",
    "country",
    "via",
    "changed",
    "changed_source",
    "until",
    "until_source",
    "source",
    "note",
    "link",
    "properties",
    "geometry",
];

fn key_rank(k: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|o| *o == k)
        .unwrap_or(KEY_ORDER.len())
}

/// The stable form of a file: the top-level object one key per line, each list in it one
/// item per line, items compact with keys in [`KEY_ORDER`]; ends with a newline. The same
/// value always gives the same bytes, and one changed item changes one line.
pub fn stable_json(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(o) => {
            out.push_str("{\n");
            let keys = ordered_keys(o);
            for (i, k) in keys.iter().enumerate() {
                out.push_str("  ");
                out.push_str(&scalar(&Value::String((*k).to_owned())));
                out.push_str(": ");
                match o.get(*k) {
                    Some(Value::Array(items)) if !items.is_empty() => {
                        out.push_str("[\n");
                        for (j, item) in items.iter().enumerate() {
                            out.push_str("    ");
                            compact(item, &mut out);
                            out.push_str(if j + 1 < items.len() { ",\n" } else { "\n" });
                        }
                        out.push_str("  ]");
                    }
                    Some(val) => compact(val, &mut out),
                    None => {}
                }
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            out.push('}');
        }
        other => compact(other, &mut out),
    }
    out.push('\n');
    out
}

fn ordered_keys(o: &serde_json::Map<String, Value>) -> Vec<&str> {
    let mut keys: Vec<&str> = o.keys().map(String::as_str).collect();
    keys.sort_by(|a, b| key_rank(a).cmp(&key_rank(b)).then(a.cmp(b)));
    keys
}

fn scalar(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Compact JSON with keys in [`KEY_ORDER`].
fn compact(v: &Value, out: &mut String) {
    match v {
        Value::Object(o) => {
            out.push('{');
            for (i, k) in ordered_keys(o).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&scalar(&Value::String(k.to_owned())));
                out.push(':');
                if let Some(val) = o.get(k) {
                    compact(val, out);
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                compact(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&scalar(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_json_is_one_item_per_line_with_keys_in_order() {
        let v: Value = serde_json::from_str(
            r#"{"links":[{"selector":{"exact":"a","type":"TextQuoteSelector"},"id":"x","elements":["e"]}]}"#,
        )
        .unwrap();
        assert_eq!(
            stable_json(&v),
            "{\n  \"links\": [\n    {\"id\":\"x\",\"elements\":[\"e\"],\"selector\":{\"type\":\"TextQuoteSelector\",\"exact\":\"a\"}}\n  ]\n}\n"
        );
    }

    #[test]
    fn stable_json_reparsed_gives_the_same_bytes() {
        let text = include_str!("../../../assets/links.json");
        let v: Value = serde_json::from_str(text).unwrap();
        let once = stable_json(&v);
        let again = stable_json(&serde_json::from_str(&once).unwrap());
        assert_eq!(once, again);
    }
}
