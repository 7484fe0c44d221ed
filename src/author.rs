//! The command-line side of author mode: `aras edit DIR --script FILE` (edits as data,
//! headless, with the autosave running as in the window) and `aras import annotations`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::model::edit::store::{self, Session};
use crate::model::edit::{Edit, import};

/// One step of an edit script (a JSON list): an [`Edit`] (an object with an `edit` key),
/// or a control step.
#[derive(Debug)]
pub enum Step {
    /// Boxed: an edit is large beside a control step.
    Edit(Box<Edit>),
    Control(Control),
}

/// A step that is not an edit.
#[derive(Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Control {
    Undo {
        undo: u32,
    },
    Redo {
        redo: u32,
    },
    /// Stays open this long, autosaving as the window does.
    Wait {
        wait_ms: u64,
    },
    Save {
        save: bool,
    },
}

/// What `aras edit` was asked to do.
#[derive(Debug, Default)]
pub struct EditArgs<'a> {
    pub script: Option<&'a Path>,
    /// Restore a newer recovery file before the script.
    pub restore: bool,
    /// Delete the recovery file instead.
    pub discard: bool,
    /// Save at the end.
    pub save: bool,
}

/// Runs `aras edit DIR` without a window. Exit 0 if every step worked and the atlas checks
/// clean, 1 otherwise.
pub fn run_edit(
    dir: &Path,
    args: &EditArgs<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    match edit(dir, args, out) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "aras edit: {e}");
            ExitCode::FAILURE
        }
    }
}

fn edit(dir: &Path, args: &EditArgs<'_>, out: &mut dyn Write) -> Result<ExitCode, String> {
    let mut session = Session::open(dir).map_err(|e| e.to_string())?;
    if args.discard {
        store::discard_recovery(dir);
    } else if let Some(rec) = store::newer_recovery(dir).map_err(|e| e.to_string())? {
        let files: Vec<&str> = rec.files.keys().map(String::as_str).collect();
        if !args.restore {
            return Err(format!(
                "{} holds unsaved edits to {}; run again with --restore to restore them or --discard to delete them",
                dir.join(store::RECOVERY_FILE).display(),
                files.join(", ")
            ));
        }
        session.restore(&rec).map_err(|e| e.to_string())?;
        writeln!(out, "restored unsaved edits to {}", files.join(", "))
            .map_err(|e| e.to_string())?;
    }
    let steps: Vec<Step> = match args.script {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            parse_script(&text).map_err(|e| format!("{}: {e}", p.display()))?
        }
        None => Vec::new(),
    };
    for (i, step) in steps.into_iter().enumerate() {
        run_step(&mut session, step, out).map_err(|e| format!("step {}: {e}", i + 1))?;
    }
    if args.save {
        save(&mut session, out)?;
    }
    let clean = report_check(&session, out).map_err(|e| e.to_string())?;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Parses a script: a JSON list of steps; errors name the step and why.
fn parse_script(text: &str) -> Result<Vec<Step>, String> {
    let steps: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    steps
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let step = if v.get("edit").is_some() {
                serde_json::from_value(v).map(|e| Step::Edit(Box::new(e)))
            } else {
                serde_json::from_value(v).map(Step::Control)
            };
            step.map_err(|e| format!("step {}: {e}", i + 1))
        })
        .collect()
}

fn run_step(session: &mut Session, step: Step, out: &mut dyn Write) -> Result<(), String> {
    let control = match step {
        Step::Edit(e) => {
            let label = session.doc.describe(&e);
            session.edit(*e).map_err(|e| e.to_string())?;
            return writeln!(out, "{label}").map_err(|e| e.to_string());
        }
        Step::Control(c) => c,
    };
    match control {
        Control::Undo { undo } => {
            for _ in 0..undo {
                session.undo().map_err(|e| e.to_string())?;
            }
        }
        Control::Redo { redo } => {
            for _ in 0..redo {
                session.redo().map_err(|e| e.to_string())?;
            }
        }
        Control::Wait { wait_ms } => {
            let until = Instant::now() + Duration::from_millis(wait_ms);
            while Instant::now() < until {
                session.tick(Instant::now()).map_err(|e| e.to_string())?;
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Control::Save { save: true } => save(session, out)?,
        Control::Save { save: false } => {}
    }
    Ok(())
}

fn save(session: &mut Session, out: &mut dyn Write) -> Result<(), String> {
    let written = session.save().map_err(|e| e.to_string())?;
    let names = if written.is_empty() {
        "nothing to save".to_owned()
    } else {
        format!("saved {}", written.join(", "))
    };
    writeln!(out, "{names}").map_err(|e| e.to_string())
}

/// Prints the live check's result; true if clean.
fn report_check(session: &Session, out: &mut dyn Write) -> std::io::Result<bool> {
    match session.doc.check() {
        Ok(_) => {
            writeln!(out, "problems: none")?;
            Ok(true)
        }
        Err(p) => {
            write!(out, "{}", p.report(&session.dir.display().to_string()))?;
            Ok(false)
        }
    }
}

/// `aras import annotations FILE --atlas DIR`: adds the annotations as links, saves,
/// reports what was added, already there and not placed. Exit 0 if everything was
/// placed and the atlas checks clean, 1 otherwise.
pub fn run_import(file: &Path, dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match import_file(file, dir, out) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "aras import: {e}");
            ExitCode::FAILURE
        }
    }
}

fn import_file(file: &Path, dir: &Path, out: &mut dyn Write) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut session = Session::open(dir).map_err(|e| e.to_string())?;
    let mut history = std::mem::take(&mut session.history);
    let report = import::import_annotations(&mut session.doc, &mut history, &v)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let w = |out: &mut dyn Write, s: String| writeln!(out, "{s}").map_err(|e| e.to_string());
    w(
        out,
        format!(
            "added {} link(s): {}",
            report.added.len(),
            report.added.join(", ")
        ),
    )?;
    if !report.already.is_empty() {
        w(
            out,
            format!("already linked: {}", report.already.join(", ")),
        )?;
    }
    for u in &report.unplaced {
        w(out, format!("not placed: {u}"))?;
    }
    save(&mut session, out)?;
    let clean = report_check(&session, out).map_err(|e| e.to_string())?;
    Ok(if clean && report.unplaced.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
