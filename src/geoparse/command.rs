//! `aras new ARTICLE [--out DIR] [--format brat|jsonl]`: reads the article, geoparses it
//! and writes a draft atlas (with a report) or the toponyms for the scorers.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::gazetteer::Gazetteer;

/// What `aras new` writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// A draft atlas in this directory (default: the article's file stem, beside it).
    Atlas(Option<PathBuf>),
    /// BRAT lines on stdout.
    Brat,
    /// JSON lines `{"start","end","lat","lon"}` on stdout.
    Jsonl,
}

/// Runs `aras new`. Exit 0 on success, 1 when the article cannot be read or the atlas
/// cannot be written (the message names the file and the reason).
pub fn run(article: &Path, output: &Output, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match run_inner(article, output, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "aras new: {e}");
            ExitCode::FAILURE
        }
    }
}

fn io_err(msg: String) -> std::io::Error {
    std::io::Error::other(msg)
}

fn run_inner(article: &Path, output: &Output, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = std::fs::read(article).map_err(|e| {
        io_err(format!(
            "{}: cannot read the article: {e}",
            article.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        io_err(format!(
            "{}: the article is not UTF-8 (first bad byte at {})",
            article.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(io_err(format!(
            "{}: the article is empty",
            article.display()
        )));
    }
    let gaz = Gazetteer::embedded()
        .map_err(|e| io_err(format!("the embedded gazetteer is unreadable: {e:?}")))?;
    let parsed = super::parse(&text, gaz);
    match output {
        Output::Brat => out.write_all(super::brat(&text, &parsed).as_bytes()),
        Output::Jsonl => out.write_all(super::jsonl(&text, &parsed).as_bytes()),
        Output::Atlas(dir) => {
            let dir = dir.clone().unwrap_or_else(|| default_dir(article));
            if dir.join("article.json").exists() {
                return Err(io_err(format!(
                    "{}: already holds an atlas; choose another --out DIR",
                    dir.display()
                )));
            }
            let mut name = article.file_name().map_or_else(
                || "article".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            // A `TITLE: … LINK: …` header becomes the headline alone; its address goes
            // to the citation, after the file name.
            let header = super::blocks::header_as_title(&text);
            let headed = header.is_some();
            let text = match header {
                Some((titled, link)) => {
                    name = format!("{name}, {link}");
                    titled
                }
                None => text.clone(),
            };
            let parsed = super::parse(&text, gaz);
            // The atlas's own copy of the text sets a title line that runs into the
            // body apart with a blank line, so it is a block that can be the title.
            let apart = super::blocks::title_apart(&text);
            let reparsed = apart.as_deref().map(|t| super::parse(t, gaz));
            let (text, parsed) = match (&apart, &reparsed) {
                (Some(t), Some(p)) => (t.as_str(), p),
                _ => (text.as_str(), &parsed),
            };
            let draft = super::draft::make(text, &name, parsed, gaz);
            std::fs::create_dir_all(&dir).map_err(|e| {
                io_err(format!(
                    "{}: cannot create the directory: {e}",
                    dir.display()
                ))
            })?;
            for (file, contents) in &draft.files {
                let path = dir.join(file);
                std::fs::write(&path, contents)
                    .map_err(|e| io_err(format!("{}: cannot write: {e}", path.display())))?;
            }
            writeln!(out, "aras new: wrote a draft atlas to {}", dir.display())?;
            if headed {
                writeln!(
                    out,
                    "article.txt: the “TITLE: … LINK: …” header line was written as the headline alone; its address is in the citation"
                )?;
            } else if apart.is_some() {
                writeln!(
                    out,
                    "article.txt: a blank line was added after the title line, so that it is a block of its own"
                )?;
            }
            out.write_all(draft.report.as_bytes())?;
            writeln!(
                out,
                "next: aras check --atlas {0} && aras --atlas {0}",
                dir.display()
            )
        }
    }
}

/// `notes/story.md` -> `notes/story`; an article without an extension gets `-atlas`.
fn default_dir(article: &Path) -> PathBuf {
    let stem = article.file_stem().map_or_else(
        || "article".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let candidate = article.with_file_name(&stem);
    if candidate == article {
        article.with_file_name(format!("{stem}-atlas"))
    } else {
        candidate
    }
}
