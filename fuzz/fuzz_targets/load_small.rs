//! Fuzzes the loader fast: the input replaces one file of the small test atlas
//! (`tests/atlases/minimal`; the first byte picks which), so each run is cheap and the
//! fuzzer explores more. Loading must return an atlas or problems, never panic or hang.

#![no_main]

use std::collections::BTreeMap;
use std::sync::Arc;

use aras::model::{self, AtlasSource};
use libfuzzer_sys::fuzz_target;

const FILES: [(&str, &str); 4] = [
    ("map.geojson", include_str!("../../tests/atlases/minimal/map.geojson")),
    ("links.json", include_str!("../../tests/atlases/minimal/links.json")),
    ("article.json", include_str!("../../tests/atlases/minimal/article.json")),
    ("article.txt", include_str!("../../tests/atlases/minimal/article.txt")),
];
/// Optional files the input may add.
const EXTRA: [&str; 3] = ["events.json", "relations.json", "scenarios.json"];

fuzz_target!(|data: &[u8]| {
    let Some((which, content)) = data.split_first() else {
        return;
    };
    let mut files: BTreeMap<String, Vec<u8>> = FILES
        .iter()
        .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec()))
        .collect();
    let i = *which as usize % (FILES.len() + EXTRA.len());
    let name = match FILES.get(i) {
        Some((n, _)) => *n,
        None => EXTRA[i - FILES.len()],
    };
    files.insert(name.to_owned(), content.to_vec());
    let _ = model::load(&AtlasSource::Memory(Arc::new(files)));
});
