//! Primitive changes to a document's JSON, each returning its exact inverse. Every
//! [`super::Edit`] is planned as a list of these, so undo is replaying the inverses.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::EditError;
use super::doc::{AtlasDoc, DocFile};

/// One primitive change at a JSON pointer (RFC 6901) in one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// Sets the value at `pointer` (an object key or a list index), or removes the key.
    Set {
        file: String,
        pointer: String,
        value: Option<Value>,
    },
    /// Inserts `value` at `index` of the list at `list`.
    Insert {
        file: String,
        list: String,
        index: usize,
        value: Value,
    },
    /// Removes the item at `index` of the list at `list`.
    Remove {
        file: String,
        list: String,
        index: usize,
    },
    /// Adds a JSON file the atlas did not have (`events.json`, `relations.json`).
    CreateFile { file: String, value: Value },
    /// Takes back a file [`Op::CreateFile`] added (its inverse).
    DeleteFile { file: String },
    /// Replaces `remove`, the text at byte `at` of a text file (the article's), with
    /// `insert`; its inverse puts `remove` back. Refused if the text there is not
    /// `remove`, so an undo never lands on other words.
    Splice {
        file: String,
        at: usize,
        remove: String,
        insert: String,
    },
}

/// Splits `/a/b/c` into (`/a/b`, `c`), unescaping the last token.
fn split(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

/// Escapes a key for use in a pointer.
pub fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn missing(file: &str, pointer: &str) -> EditError {
    EditError::Internal(format!("{file}: nothing at {pointer}"))
}

impl AtlasDoc {
    /// Applies one primitive change; returns its inverse.
    ///
    /// # Errors
    /// [`EditError::Internal`] if the file or the place does not exist.
    pub(super) fn apply_op(&mut self, op: &Op) -> Result<Op, EditError> {
        let file = match op {
            Op::Set { file, .. } | Op::Insert { file, .. } | Op::Remove { file, .. } => file,
            Op::CreateFile { file, value } => return self.create_file(file, value),
            Op::DeleteFile { file } => return self.delete_file(file),
            Op::Splice {
                file,
                at,
                remove,
                insert,
            } => return self.splice(file, *at, remove, insert),
        };
        let root = self
            .files
            .get_mut(file)
            .filter(|f| !f.absent)
            .and_then(|f| f.value.as_mut())
            .ok_or_else(|| EditError::Internal(format!("{file} is not open as JSON")))?;
        match op {
            Op::Set { pointer, value, .. } => {
                let (parent, key) = split(pointer).ok_or_else(|| missing(file, pointer))?;
                let parent = root
                    .pointer_mut(parent)
                    .ok_or_else(|| missing(file, pointer))?;
                let old = match (parent, value) {
                    (Value::Object(o), Some(v)) => o.insert(key, v.clone()),
                    (Value::Object(o), None) => o.remove(&key),
                    (Value::Array(a), Some(v)) => {
                        let slot = key
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| a.get_mut(i))
                            .ok_or_else(|| missing(file, pointer))?;
                        Some(std::mem::replace(slot, v.clone()))
                    }
                    _ => return Err(missing(file, pointer)),
                };
                Ok(Op::Set {
                    file: file.clone(),
                    pointer: pointer.clone(),
                    value: old,
                })
            }
            Op::Insert {
                list, index, value, ..
            } => {
                let a = root
                    .pointer_mut(list)
                    .and_then(Value::as_array_mut)
                    .filter(|a| *index <= a.len())
                    .ok_or_else(|| missing(file, list))?;
                a.insert(*index, value.clone());
                Ok(Op::Remove {
                    file: file.clone(),
                    list: list.clone(),
                    index: *index,
                })
            }
            Op::Remove { list, index, .. } => {
                let a = root
                    .pointer_mut(list)
                    .and_then(Value::as_array_mut)
                    .filter(|a| *index < a.len())
                    .ok_or_else(|| missing(file, list))?;
                let value = a.remove(*index);
                Ok(Op::Insert {
                    file: file.clone(),
                    list: list.clone(),
                    index: *index,
                    value,
                })
            }
            Op::CreateFile { .. } | Op::DeleteFile { .. } | Op::Splice { .. } => Err(
                EditError::Internal("file and text operations are applied above".into()),
            ),
        }
    }

    /// Adds a file that is not in the document (or puts back a saved one an undo took
    /// back); its inverse removes it again, so undo leaves the document's file list as
    /// it was.
    fn create_file(&mut self, file: &str, value: &Value) -> Result<Op, EditError> {
        match self.files.get_mut(file) {
            Some(f) if f.absent => {
                f.absent = false;
                f.value = Some(value.clone());
            }
            Some(_) => return Err(EditError::Internal(format!("{file} exists already"))),
            None => {
                let mut f = DocFile::new(file, Vec::new());
                f.value = Some(value.clone());
                self.files.insert(file.to_owned(), f);
            }
        }
        Ok(Op::DeleteFile {
            file: file.to_owned(),
        })
    }

    /// Replaces `remove` at byte `at` of a text file with `insert`; the inverse splice.
    fn splice(
        &mut self,
        file: &str,
        at: usize,
        remove: &str,
        insert: &str,
    ) -> Result<Op, EditError> {
        let text = self
            .files
            .get_mut(file)
            .filter(|f| !f.absent)
            .and_then(|f| f.text.as_mut())
            .ok_or_else(|| EditError::Internal(format!("{file} is not open as text")))?;
        let end = at + remove.len();
        if text.get(at..end) != Some(remove) {
            return Err(missing(file, &format!("byte {at}: “{remove}”")));
        }
        text.replace_range(at..end, insert);
        Ok(Op::Splice {
            file: file.to_owned(),
            at,
            remove: insert.to_owned(),
            insert: remove.to_owned(),
        })
    }

    /// Removes a file that [`Self::create_file`] added. One never saved leaves the
    /// document; a saved one stays, marked absent, and the next save deletes it from
    /// disk (undo of a saved "add relation" works like undo of any other saved edit).
    fn delete_file(&mut self, file: &str) -> Result<Op, EditError> {
        let f = self
            .files
            .get_mut(file)
            .filter(|f| !f.absent)
            .ok_or_else(|| missing(file, ""))?;
        let value = f.value.clone().ok_or_else(|| missing(file, ""))?;
        if f.original.is_empty() {
            self.files.remove(file);
        } else {
            f.absent = true;
        }
        Ok(Op::CreateFile {
            file: file.to_owned(),
            value,
        })
    }

    /// Applies changes in order; on a failure undoes those applied and returns the error.
    /// On success returns the inverses in the order to apply them.
    pub(super) fn apply_ops(&mut self, ops: &[Op]) -> Result<Vec<Op>, EditError> {
        let mut inverse = Vec::with_capacity(ops.len());
        for op in ops {
            match self.apply_op(op) {
                Ok(inv) => inverse.push(inv),
                Err(e) => {
                    self.revert_ops(&mut inverse);
                    return Err(e);
                }
            }
        }
        inverse.reverse();
        Ok(inverse)
    }

    /// Applies inverses collected in application order, last first.
    fn revert_ops(&mut self, applied: &mut Vec<Op>) {
        while let Some(op) = applied.pop() {
            // An inverse of a change just made always applies.
            let _ = self.apply_op(&op);
        }
    }
}
