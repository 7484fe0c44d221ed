//! Never losing work: opening an atlas directory, saving it atomically (a temporary file
//! in the same directory, flushed, then renamed) without overwriting a file that changed
//! on disk since it was opened, and a recovery file written while there are unsaved
//! edits, offered back by the next `aras edit`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};

use super::super::load::{ARTICLE_FILE, MAX_FILE_BYTES};
use super::doc::{AtlasDoc, DocFile, JSON_FILES};
use super::{Edit, EditError, History, Op};

/// The recovery file, beside the atlas's files.
pub const RECOVERY_FILE: &str = ".aras-recovery.json";
/// How often unsaved edits are written to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(3);

/// Why opening, saving or recovering failed; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error(
        "{file} changed on disk since it was opened; not overwriting it (reload it and reapply your edits, or overwrite it)"
    )]
    ChangedOnDisk { file: String },
    #[error("{path}: not a recovery file Aras wrote: {reason}")]
    BadRecovery { path: PathBuf, reason: String },
}

fn io(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Io {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// Opens the atlas files present in `dir` (the JSON files and the article text).
///
/// # Errors
/// [`StoreError::Io`] if `dir` or a present file cannot be read, or a file is too large.
pub fn open_dir(dir: &Path) -> Result<AtlasDoc, StoreError> {
    if !dir.is_dir() {
        return Err(io(dir, "not a directory"));
    }
    let mut files = BTreeMap::new();
    for name in JSON_FILES {
        if let Some(bytes) = read_if_present(&dir.join(name))? {
            files.insert(name.to_owned(), bytes);
        }
    }
    let text_name = files
        .get(ARTICLE_FILE)
        .and_then(|b| serde_json::from_slice::<Value>(b).ok())
        .and_then(|v| v.get("text").and_then(Value::as_str).map(str::to_owned))
        .filter(|t| !t.contains(['/', '\\']) && !t.starts_with('.'))
        .unwrap_or_else(|| "article.txt".to_owned());
    if let Some(bytes) = read_if_present(&dir.join(&text_name))? {
        files.insert(text_name, bytes);
    }
    Ok(AtlasDoc::from_files(files))
}

fn read_if_present(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path, e)),
        Ok(m) if m.len() > MAX_FILE_BYTES => Err(io(path, "larger than 32 MiB")),
        Ok(_) => std::fs::read(path).map(Some).map_err(|e| io(path, e)),
    }
}

/// Deletes `path` if it exists.
fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(path, e)),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed
/// to disk, renamed over `path`, and the directory flushed.
///
/// # Errors
/// [`StoreError::Io`] naming the file; `path` is then untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.aras-tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // Flush the rename itself (directories open read-only on Unix).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(path, e));
    }
    Ok(())
}

/// Saves the files an edit changed, each atomically. Files not changed are not written.
/// Returns the names written.
///
/// # Errors
/// [`StoreError::ChangedOnDisk`] (before writing anything) if a file to be written is no
/// longer what was opened; [`StoreError::Io`] if a write fails.
pub fn save(doc: &mut AtlasDoc, dir: &Path) -> Result<Vec<String>, StoreError> {
    write_changed(doc, dir, true)
}

/// Saves the files an edit changed even over files changed on disk since they were
/// opened (the author chose to overwrite them). Returns the names written.
///
/// # Errors
/// [`StoreError::Io`] if a write fails.
pub fn overwrite(doc: &mut AtlasDoc, dir: &Path) -> Result<Vec<String>, StoreError> {
    write_changed(doc, dir, false)
}

fn write_changed(
    doc: &mut AtlasDoc,
    dir: &Path,
    refuse_changed_on_disk: bool,
) -> Result<Vec<String>, StoreError> {
    let changed: Vec<String> = doc.changed_files().into_iter().map(str::to_owned).collect();
    if refuse_changed_on_disk {
        for name in &changed {
            let on_disk = read_if_present(&dir.join(name))?;
            // A file an edit created was opened as no bytes: it must still be absent.
            let opened = doc.files.get(name).map(|f| f.original.as_slice());
            if on_disk.as_deref().unwrap_or_default() != opened.unwrap_or_default() {
                return Err(StoreError::ChangedOnDisk { file: name.clone() });
            }
        }
    }
    for name in &changed {
        let Some(f) = doc.files.get_mut(name) else {
            continue;
        };
        if f.absent {
            // A saved file an undo took back: gone from disk as from the document.
            remove_if_present(&dir.join(name))?;
            doc.files.remove(name);
            continue;
        }
        let bytes = f.bytes();
        write_atomic(&dir.join(name), &bytes)?;
        f.mark_saved(bytes);
    }
    Ok(changed)
}

/// Writes the unsaved files to the recovery file (atomically).
///
/// # Errors
/// [`StoreError::Io`] naming the recovery file.
pub fn write_recovery(doc: &AtlasDoc, dir: &Path) -> Result<(), StoreError> {
    let files: serde_json::Map<String, Value> = doc
        .changed_files()
        .into_iter()
        .filter_map(|n| {
            let f = doc.file(n)?;
            Some((n.to_owned(), json!(String::from_utf8_lossy(&f.bytes()))))
        })
        .collect();
    let removed = doc.removed_files();
    let v = if removed.is_empty() {
        json!({ "format": "aras-recovery-1", "files": files })
    } else {
        json!({ "format": "aras-recovery-1", "files": files, "removed": removed })
    };
    write_atomic(&dir.join(RECOVERY_FILE), super::stable_json(&v).as_bytes())
}

/// Removes the recovery file, if any.
pub fn discard_recovery(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(RECOVERY_FILE));
}

/// A recovery file's unsaved files, by name.
#[derive(Clone, Debug)]
pub struct Recovery {
    pub files: BTreeMap<String, String>,
    /// Saved files an undo took back (restoring takes them back again).
    pub removed: Vec<String>,
    /// When it was written.
    pub written: SystemTime,
}

/// The recovery file in `dir` if it is newer than every atlas file it holds.
///
/// # Errors
/// [`StoreError::BadRecovery`] if it exists but cannot be read as one.
pub fn newer_recovery(dir: &Path) -> Result<Option<Recovery>, StoreError> {
    let path = dir.join(RECOVERY_FILE);
    let Some(bytes) = read_if_present(&path)? else {
        return Ok(None);
    };
    let bad = |reason: &str| StoreError::BadRecovery {
        path: path.clone(),
        reason: reason.to_owned(),
    };
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| bad(&e.to_string()))?;
    if v.get("format").and_then(Value::as_str) != Some("aras-recovery-1") {
        return Err(bad("no `format: aras-recovery-1`"));
    }
    let files: BTreeMap<String, String> = v
        .get("files")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("no `files` object"))?
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
        .collect();
    let removed: Vec<String> = v
        .get("removed")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|n| Some(n.as_str()?.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let written = mtime(&path).unwrap_or(SystemTime::UNIX_EPOCH);
    let newer = files
        .keys()
        .chain(&removed)
        .all(|n| mtime(&dir.join(n)).is_none_or(|t| t <= written));
    let any = !files.is_empty() || !removed.is_empty();
    Ok((newer && any).then_some(Recovery {
        files,
        removed,
        written,
    }))
}

impl Recovery {
    /// What restoring would change, one line per file, against the files as saved in
    /// `dir`: "map.geojson: 2 items changed, 1 item added (Armenia, Goris, New Town)",
    /// "article.txt: 12 characters added", "relations.json: a new file". Items are the
    /// objects with an `id` in the file's lists (features, links, relations, events),
    /// named as an author knows them.
    pub fn changes(&self, dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .map(|(name, text)| {
                let saved = std::fs::read_to_string(dir.join(name)).ok();
                match saved {
                    None => format!("{name}: a new file"),
                    Some(saved) => format!("{name}: {}", file_change(&saved, text)),
                }
            })
            .collect();
        out.extend(self.removed.iter().map(|n| format!("{n}: removed")));
        out
    }
}

/// One file's change in words (see [`Recovery::changes`]).
fn file_change(saved: &str, recovered: &str) -> String {
    let ids = |text: &str| -> Option<BTreeMap<String, Value>> {
        let v: Value = serde_json::from_str(text).ok()?;
        let mut items = BTreeMap::new();
        let lists: Vec<&Value> = match &v {
            Value::Object(o) => o.values().collect(),
            other => vec![other],
        };
        for item in lists.into_iter().filter_map(Value::as_array).flatten() {
            let id = item
                .get("id")
                .or_else(|| item.get("properties")?.get("id"))
                .and_then(Value::as_str);
            if let Some(id) = id {
                items.insert(id.to_owned(), item.clone());
            }
        }
        Some(items)
    };
    let (Some(old), Some(new)) = (ids(saved), ids(recovered)) else {
        let (a, b) = (saved.chars().count(), recovered.chars().count());
        return match b.cmp(&a) {
            std::cmp::Ordering::Greater => format!("{} characters added", b - a),
            std::cmp::Ordering::Less => format!("{} characters removed", a - b),
            std::cmp::Ordering::Equal => "the text changed".to_owned(),
        };
    };
    let changed: Vec<&str> = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_some_and(|o| o != *v))
        .map(|(k, _)| k.as_str())
        .collect();
    let added: Vec<&str> = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .map(String::as_str)
        .collect();
    let removed: Vec<&str> = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(String::as_str)
        .collect();
    let mut parts = Vec::new();
    for (n, what) in [
        (&changed, "changed"),
        (&added, "added"),
        (&removed, "removed"),
    ] {
        match n.len() {
            0 => {}
            1 => parts.push(format!("1 item {what}")),
            k => parts.push(format!("{k} items {what}")),
        }
    }
    if parts.is_empty() {
        return "changed outside its items".to_owned();
    }
    let name = |id: &str| {
        let item = new.get(id).or_else(|| old.get(id));
        item.map_or_else(|| id.to_owned(), item_name)
    };
    let names: Vec<String> = changed
        .iter()
        .chain(&added)
        .chain(&removed)
        .map(|id| name(id))
        .collect();
    let shown = names.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
    let more = if names.len() > 4 { ", …" } else { "" };
    format!("{} ({shown}{more})", parts.join(", "))
}

/// What an author calls an item of an atlas file: an element's, event's or relation's
/// name ("Qqwxv Hamlet"), a passage's first words in quotation marks, else its id.
fn item_name(item: &Value) -> String {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let props = item.get("properties");
    text(props.and_then(|p| p.get("name")))
        .or_else(|| text(item.get("name")))
        .or_else(|| text(item.get("label")))
        .or_else(|| {
            let exact = text(item.get("selector").and_then(|s| s.get("exact")))?;
            let words: Vec<&str> = exact.split_whitespace().collect();
            let more = if words.len() > 6 { " …" } else { "" };
            let first: Vec<&str> = words.iter().take(6).copied().collect();
            Some(format!("‘{}{more}’", first.join(" ")))
        })
        .or_else(|| text(item.get("id")))
        .unwrap_or_default()
}

impl AtlasDoc {
    /// Puts a recovery's files in place of the opened ones, as unsaved edits: all of
    /// them or, on error, none. A file the atlas may have but did not (an edit created
    /// it, like the first relation's `relations.json`) is added as a new, unsaved file.
    ///
    /// # Errors
    /// [`EditError::Unsupported`] naming a file that cannot be part of the atlas or whose
    /// recovered text is not JSON; the document is then unchanged.
    pub fn restore(&mut self, recovery: &Recovery) -> Result<(), EditError> {
        let mut files = self.files.clone();
        for (name, text) in &recovery.files {
            let value = DocFile::new(name, text.clone().into_bytes()).value;
            let f = match files.get_mut(name) {
                Some(f) => f,
                None if JSON_FILES.contains(&name.as_str()) => files
                    .entry(name.clone())
                    .or_insert_with(|| DocFile::new(name, Vec::new())),
                None => {
                    return Err(EditError::Unsupported(format!(
                        "recovering {name}, which is not a file an atlas has"
                    )));
                }
            };
            if f.value.is_some() || JSON_FILES.contains(&name.as_str()) {
                if value.is_none() {
                    return Err(EditError::Unsupported(format!(
                        "recovering {name}: its recovered text is not JSON"
                    )));
                }
                f.value = value;
            } else if f.text.is_some() {
                // The article's text, changed by a split or a join of blocks.
                f.text = Some(text.clone());
            }
        }
        for name in &recovery.removed {
            if let Some(f) = files.get_mut(name)
                && JSON_FILES.contains(&name.as_str())
            {
                f.absent = true;
            }
        }
        self.files = files;
        Ok(())
    }
}

impl AtlasDoc {
    /// The changes that turn this document into `to`: whole top-level values of the
    /// JSON files that differ, the changed stretch of a text file (a split or a join of
    /// blocks), files `to` adds or takes back.
    fn ops_to(&self, to: &AtlasDoc) -> Vec<Op> {
        let mut ops = Vec::new();
        for (name, f) in &to.files {
            if let (Some(new), Some(old), false) = (
                &f.text,
                self.file(name).and_then(|o| o.text.as_ref()),
                f.absent,
            ) {
                ops.extend(text_splice(name, old, new));
                continue;
            }
            let (Some(new), false) = (&f.value, f.absent) else {
                continue;
            };
            match self.value(name).and_then(Value::as_object) {
                Some(old) => {
                    let Some(new) = new.as_object() else { continue };
                    let keys: std::collections::BTreeSet<&String> =
                        old.keys().chain(new.keys()).collect();
                    for k in keys {
                        if old.get(k) != new.get(k) {
                            ops.push(Op::Set {
                                file: name.clone(),
                                pointer: format!("/{}", super::ops::token(k)),
                                value: new.get(k).cloned(),
                            });
                        }
                    }
                }
                None if self.file(name).is_none() => ops.push(Op::CreateFile {
                    file: name.clone(),
                    value: new.clone(),
                }),
                None => {}
            }
        }
        for name in to.removed_files() {
            if self.file(name).is_some() {
                ops.push(Op::DeleteFile {
                    file: name.to_owned(),
                });
            }
        }
        ops
    }
}

/// The one splice that turns `old` into `new`: what lies between their common start and
/// their common end (on character boundaries), or `None` if they are equal.
fn text_splice(file: &str, old: &str, new: &str) -> Option<Op> {
    if old == new {
        return None;
    }
    let head = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let (old_rest, new_rest) = (old.get(head..)?, new.get(head..)?);
    let tail = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    Some(Op::Splice {
        file: file.to_owned(),
        at: head,
        remove: old_rest.get(..old_rest.len() - tail)?.to_owned(),
        insert: new_rest.get(..new_rest.len() - tail)?.to_owned(),
    })
}

/// Where [`Session::restore`] moves a recovery file it could not restore, so that no
/// autosave overwrites it and nothing deletes it.
pub const UNRESTORED_FILE: &str = ".aras-recovery-unrestored.json";

/// Moves the recovery file aside to [`UNRESTORED_FILE`]; the path it now has.
///
/// # Errors
/// [`StoreError::Io`] naming the recovery file if it cannot be moved.
pub fn keep_unrestored(dir: &Path) -> Result<PathBuf, StoreError> {
    let from = dir.join(RECOVERY_FILE);
    let to = dir.join(UNRESTORED_FILE);
    std::fs::rename(&from, &to).map_err(|e| io(&from, e))?;
    Ok(to)
}

/// An editing session on a directory: the document, its history and the autosave clock.
#[derive(Debug)]
pub struct Session {
    pub dir: PathBuf,
    pub doc: AtlasDoc,
    pub history: History,
    /// Counts changes, so the autosave knows whether the recovery file is current.
    generation: u64,
    autosaved: u64,
    last_autosave: Instant,
    /// The history's depth when the files on disk were last read or written, or `None`
    /// once the edits since then are not all in the history (a restore, an undo past
    /// it): the edits "reload and reapply" replays.
    saved_depth: Option<usize>,
}

impl Session {
    /// Opens `dir` for editing.
    ///
    /// # Errors
    /// As [`open_dir`].
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        Ok(Self {
            dir: dir.to_owned(),
            doc: open_dir(dir)?,
            history: History::default(),
            generation: 0,
            autosaved: 0,
            last_autosave: Instant::now(),
            saved_depth: Some(0),
        })
    }

    /// Applies and records an edit.
    ///
    /// # Errors
    /// The edit's [`EditError`].
    pub fn edit(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.doc, edit)?;
        self.generation += 1;
        Ok(())
    }

    /// Undoes the last edit; its name.
    ///
    /// # Errors
    /// As [`History::undo`].
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let r = self.history.undo(&mut self.doc)?;
        self.generation += 1;
        if self.saved_depth.is_some_and(|d| self.history.depth() < d) {
            self.saved_depth = None;
        }
        Ok(r)
    }

    /// Redoes the last undone edit; its name.
    ///
    /// # Errors
    /// As [`History::redo`].
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let r = self.history.redo(&mut self.doc)?;
        self.generation += 1;
        Ok(r)
    }

    /// Restores a recovery file's edits (unsaved), as one history entry that Undo takes
    /// back: all or none. If none, the recovery file is moved aside to [`UNRESTORED_FILE`] (so later autosaves and
    /// saves leave it alone) and the error says where it is.
    ///
    /// # Errors
    /// As [`AtlasDoc::restore`], with where the recovery file was kept.
    pub fn restore(&mut self, recovery: &Recovery) -> Result<(), String> {
        let mut restored = self.doc.clone();
        let ops = match restored.restore(recovery) {
            Ok(()) => Ok(self.doc.ops_to(&restored)),
            Err(e) => Err(e),
        };
        // One entry of the history, so that Undo names it and takes it back (trial
        // s7 #17); all or nothing as before.
        let result = ops.and_then(|ops| self.history.apply(&mut self.doc, Edit::Restore { ops }));
        if let Err(e) = result {
            let kept = match keep_unrestored(&self.dir) {
                Ok(p) => format!("the recovered edits are kept in {}", p.display()),
                Err(k) => format!("the recovery file could not be moved aside: {k}"),
            };
            return Err(format!("restored nothing: {e}; {kept}"));
        }
        self.generation += 1;
        self.saved_depth = None;
        Ok(())
    }

    /// Saves, and removes the recovery file. Returns the files written.
    ///
    /// # Errors
    /// As [`save`].
    pub fn save(&mut self) -> Result<Vec<String>, StoreError> {
        let written = save(&mut self.doc, &self.dir)?;
        self.saved(written)
    }

    /// Saves over files changed on disk since they were opened (their changes are lost
    /// where ours differ), and removes the recovery file. Returns the files written.
    ///
    /// # Errors
    /// [`StoreError::Io`] if a write fails.
    pub fn overwrite(&mut self) -> Result<Vec<String>, StoreError> {
        let written = overwrite(&mut self.doc, &self.dir)?;
        self.saved(written)
    }

    fn saved(&mut self, written: Vec<String>) -> Result<Vec<String>, StoreError> {
        discard_recovery(&self.dir);
        self.autosaved = self.generation;
        self.saved_depth = Some(self.history.depth());
        Ok(written)
    }

    /// Reads the files from disk again and replays on them the edits made since they
    /// were last read or saved, as a new history. Returns each edit that no longer
    /// applies ("label: reason"); the others stay unsaved edits, undoable one by one.
    ///
    /// # Errors
    /// If the edits since the last save are not all in the history (a recovery was
    /// restored, or undo went past the save), or a file cannot be read; nothing changes.
    pub fn reload_and_reapply(&mut self) -> Result<Vec<String>, String> {
        let edits = self
            .saved_depth
            .and_then(|d| self.history.edits_after(d))
            .ok_or_else(|| {
                "cannot replay the edits: some unsaved changes (restored from a recovery file, \
                 or undone past the last save) are not edits in the history; overwrite instead"
                    .to_owned()
            })?;
        let mut doc = open_dir(&self.dir).map_err(|e| e.to_string())?;
        let mut history = History::default();
        let mut failed = Vec::new();
        for edit in edits {
            let label = doc.describe(&edit);
            if let Err(e) = history.apply(&mut doc, edit) {
                failed.push(format!("{label}: {e}"));
            }
        }
        self.doc = doc;
        self.history = history;
        self.saved_depth = Some(0);
        self.generation += 1;
        Ok(failed)
    }

    /// Writes the recovery file if there are unsaved edits it does not hold yet and
    /// [`AUTOSAVE_EVERY`] has passed since the last write; removes it when nothing is
    /// unsaved. Returns true if it wrote.
    ///
    /// # Errors
    /// [`StoreError::Io`] naming the recovery file.
    pub fn tick(&mut self, now: Instant) -> Result<bool, StoreError> {
        if self.autosaved == self.generation
            || now.duration_since(self.last_autosave) < AUTOSAVE_EVERY
        {
            return Ok(false);
        }
        self.last_autosave = now;
        self.autosaved = self.generation;
        if self.doc.is_dirty() {
            write_recovery(&self.doc, &self.dir)?;
            Ok(true)
        } else {
            discard_recovery(&self.dir);
            Ok(false)
        }
    }

    /// True if there are unsaved edits.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// Counts every change (edit, undo, redo, restore); a new value means the files as
    /// edited differ from the last time it was read.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How long until [`Session::tick`] writes the recovery file, or `None` if it holds
    /// every change already (nothing to wait for: the window need not wake up).
    pub fn autosave_due_in(&self, now: Instant) -> Option<Duration> {
        (self.autosaved != self.generation)
            .then(|| AUTOSAVE_EVERY.saturating_sub(now.duration_since(self.last_autosave)))
    }
}
