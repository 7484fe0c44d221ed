//! Fuzzes the loader: the input replaces one file of the embedded atlas (the first byte
//! picks which), and loading must return an atlas or problems, never panic or hang.

#![no_main]

use std::collections::BTreeMap;
use std::sync::Arc;

use aras::model::{self, AtlasSource};
use libfuzzer_sys::fuzz_target;

const FILES: [&str; 7] = [
    "map.geojson",
    "links.json",
    "article.json",
    "article.txt",
    "events.json",
    "relations.json",
    "scenarios.json",
];

fn embedded() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let src: [(&str, &str); 7] = [
        ("map.geojson", include_str!("../../assets/map.geojson")),
        ("links.json", include_str!("../../assets/links.json")),
        ("article.json", include_str!("../../assets/article.json")),
        ("article.txt", include_str!("../../assets/article.txt")),
        ("events.json", include_str!("../../assets/events.json")),
        ("relations.json", include_str!("../../assets/relations.json")),
        ("scenarios.json", include_str!("../../assets/scenarios.json")),
    ];
    for (name, text) in src {
        files.insert(name.to_owned(), text.as_bytes().to_vec());
    }
    files
}

fuzz_target!(|data: &[u8]| {
    let Some((which, content)) = data.split_first() else {
        return;
    };
    let mut files = embedded();
    let name = FILES[*which as usize % FILES.len()];
    files.insert(name.to_owned(), content.to_vec());
    let _ = model::load(&AtlasSource::Memory(Arc::new(files)));
});
