//! The command line: `aras`, `aras check`, `aras export`, `aras list`, `aras screenshot`,
//! `aras edit`, `aras import`. Arguments are
//! parsed once into [`Cli`]; [`run`] dispatches and returns the process exit code.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::geoparse::command::Output as NewOutput;
use crate::model::{self, Atlas, AtlasSource, export};
use crate::state::LayerArgs;

#[derive(Debug, Parser)]
#[command(
    name = "aras",
    version,
    about = "An explorable map of the 2021 Iran–Azerbaijan crisis"
)]
pub struct Cli {
    /// Open another atlas directory (same files as `assets/`) instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub atlas: Option<PathBuf>,
    /// Open with this element selected and in view (an element id such as `armenia`).
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,
    /// Hide these layer groups (countries, borders, regions, water, corridors, places,
    /// people, labels, offmap, relations) or corridor ids, comma-separated, besides the
    /// default hidden ones (relations).
    #[arg(long, global = true, value_name = "LIST", value_delimiter = ',')]
    pub hide: Vec<String>,
    /// Show these layer groups or corridor ids although hidden by default (relations),
    /// comma-separated.
    #[arg(long, global = true, value_name = "LIST", value_delimiter = ',')]
    pub show: Vec<String>,
    /// Open with the map as of this day (YYYY-MM-DD), between the atlas's first dated
    /// event and its latest (for the embedded atlas, 1991-01-01 to 2021-10-21); it moves
    /// only what the atlas dates.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<i64>,
    /// Open with the map centred on LON,LAT (degrees) at SCALE (screen points per km),
    /// as "Copy link" writes it when the map was moved from its own framing.
    #[arg(long, global = true, value_name = "LON,LAT,SCALE", value_parser = crate::state::GeoView::parse)]
    pub view: Option<crate::state::GeoView>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open an atlas directory in the window in author mode; or, with --script, --save,
    /// --restore, --discard or --headless, edit it without a window: restore or discard a
    /// recovery file, apply an edit script (a JSON list of edits), save; print each edit
    /// and the live check.
    Edit {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// A JSON list of edits (see README, "Editing from the command line").
        #[arg(long, value_name = "FILE")]
        script: Option<PathBuf>,
        /// Restore the unsaved edits of a newer recovery file first.
        #[arg(long, conflicts_with = "discard")]
        restore: bool,
        /// Delete the recovery file instead.
        #[arg(long)]
        discard: bool,
        /// Save at the end.
        #[arg(long)]
        save: bool,
        /// Do not open the window: only restore or discard, run the script, save, check.
        /// (Without --script, --save, --restore or --discard, `aras edit DIR` opens the
        /// window in author mode.)
        #[arg(long)]
        headless: bool,
    },
    /// Import from other tools into `--atlas DIR`, and save it.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Load and check the atlas; print a summary and every problem. Exit 1 if any.
    Check {
        /// Rewrite, in the atlas's links.json, each quote that differs from the article
        /// only in look-alike characters (normal form, kind of space, invisible
        /// characters) to the article's exact text; say what was rewritten, then check.
        #[arg(long)]
        fix: bool,
        /// The atlas directory, as `--atlas DIR` gives it (as `aras new` and `aras edit`
        /// take theirs).
        dir: Option<PathBuf>,
    },
    /// Write the atlas in another format to stdout (compact JSON; `--pretty` indents).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Indent the JSON for reading.
        #[arg(long)]
        pretty: bool,
    },
    /// Print every element id with its kind and name, one per line, tab-separated.
    List,
    /// Make a draft atlas from an article (plain text or Markdown): its places on a map,
    /// each linked to the sentences naming it; write it to DIR and report on stdout.
    New {
        /// The article, a UTF-8 text file.
        article: PathBuf,
        /// Where to write the atlas (default: the article's name without extension).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print the places found instead of writing an atlas.
        #[arg(long, value_enum)]
        format: Option<NewFormat>,
    },
    /// Time loading, hit-testing and headless frames; print one JSON line per case.
    Bench {
        /// Instead, write the synthetic atlas of `--vertices` polygon vertices to this
        /// directory (for `benches/drag.sh`).
        #[arg(long, value_name = "DIR", hide = true)]
        write_synthetic: Option<PathBuf>,
        #[arg(long, default_value_t = 1_000_000, hide = true)]
        vertices: usize,
    },
    /// Render the real window, save a PNG and exit (use Xvfb on a headless machine).
    Screenshot {
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
        /// Element id to select before the shot.
        #[arg(long, value_name = "ID")]
        select: Option<String>,
        /// Window size in logical points, e.g. 1400x900.
        #[arg(long, value_name = "WxH", default_value = "1400x900", value_parser = parse_size)]
        size: (f32, f32),
        /// Use the dark theme.
        #[arg(long)]
        dark: bool,
        /// Open in author mode (the `--atlas DIR` must be a directory).
        #[arg(long)]
        edit: bool,
    },
    /// Lay the window out headlessly and print where everything is, as JSON (points).
    Layout {
        /// Element id to select.
        #[arg(long, value_name = "ID")]
        select: Option<String>,
        /// Window size in logical points, e.g. 1024x700.
        #[arg(long, value_name = "WxH", default_value = "1400x900", value_parser = parse_size)]
        size: (f32, f32),
        /// Zoom by this factor at the map's centre.
        #[arg(long, value_name = "F")]
        zoom: Option<f32>,
        /// Use the dark theme.
        #[arg(long)]
        dark: bool,
    },
}

/// What `aras import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// W3C Web Annotations (JSON-LD: a list or an AnnotationCollection) as links.
    Annotations {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GeoJSON FeatureCollection (RFC 7946) of every element, with its passages.
    Geojson,
    /// W3C Web Annotation JSON-LD, one annotation per link.
    Annotations,
    /// The dated events: ISO dates with their precision, element ids and the passage.
    Timeline,
    /// The relations between actors: ends, type, whose claim, and their evidence.
    Relations,
}

/// `aras new --format`: output for the geoparsing scorers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NewFormat {
    /// BRAT lines `T1<TAB>LOCATION start end<TAB>text` (code point offsets).
    Brat,
    /// One `{"start","end","lat","lon"}` per resolved place.
    Jsonl,
}

fn parse_date(s: &str) -> Result<i64, String> {
    crate::state::parse_day(s)
}

fn parse_size(s: &str) -> Result<(f32, f32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WxH, e.g. 1400x900, not `{s}`"))?;
    let w: f32 = w.trim().parse().map_err(|_| format!("bad width `{w}`"))?;
    let h: f32 = h.trim().parse().map_err(|_| format!("bad height `{h}`"))?;
    if !(200.0..=8000.0).contains(&w) || !(200.0..=8000.0).contains(&h) {
        return Err("width and height must be between 200 and 8000".to_owned());
    }
    Ok((w, h))
}

impl Cli {
    /// The layer choices given on the command line.
    pub fn layer_args(&self) -> LayerArgs {
        LayerArgs {
            hide: self.hide.clone(),
            show: self.show.clone(),
            date: self.date,
            view: self.view,
        }
    }

    pub fn source(&self) -> AtlasSource {
        match &self.atlas {
            Some(dir) => AtlasSource::Dir(dir.clone()),
            None => AtlasSource::Embedded,
        }
    }
}

/// Runs a non-GUI command, writing to `out` and `err`. Returns the exit code: 0 on
/// success, 1 when the atlas has problems or output fails. A closed pipe (`aras export
/// | head`) is a normal end: exit 0, nothing printed.
pub fn run_command(
    cmd: &Command,
    source: &AtlasSource,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let written = match cmd {
        Command::Edit {
            dir,
            script,
            restore,
            discard,
            save,
            ..
        } => {
            let args = crate::author::EditArgs {
                script: script.as_deref(),
                restore: *restore,
                discard: *discard,
                save: *save,
            };
            return crate::author::run_edit(dir, &args, out, err);
        }
        Command::Import {
            what: ImportWhat::Annotations { file },
        } => return import_annotations(file, source, out, err),
        Command::Check { fix, dir } => {
            let source = match dir {
                Some(d) => &AtlasSource::Dir(d.clone()),
                None => source,
            };
            return match fix {
                true => fix_then_check(source, out, err),
                false => check(source, out, err),
            };
        }
        Command::Export { format, pretty } => with_atlas(source, err, |atlas| {
            export_json(atlas, format, *pretty, out)
        }),
        Command::List => with_atlas(source, err, |atlas| {
            for el in &atlas.elements {
                writeln!(out, "{}\t{}\t{}", el.key, el.kind.key(), el.name)?;
            }
            Ok(())
        }),
        Command::Bench {
            write_synthetic: Some(dir),
            vertices,
        } => match crate::bench::write_synthetic(*vertices, dir) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(e) => {
                let _ = writeln!(err, "aras: {e}");
                return ExitCode::FAILURE;
            }
        },
        Command::New {
            article,
            out: dir,
            format,
        } => {
            let output = match format {
                Some(NewFormat::Brat) => NewOutput::Brat,
                Some(NewFormat::Jsonl) => NewOutput::Jsonl,
                None => NewOutput::Atlas(dir.clone()),
            };
            return crate::geoparse::command::run(article, &output, out, err);
        }
        Command::Bench { .. } => crate::bench::run_all()
            .iter()
            .try_for_each(|line| writeln!(out, "{line}"))
            .map(|()| ExitCode::SUCCESS),
        Command::Screenshot { .. } | Command::Layout { .. } => {
            let _ = writeln!(err, "aras: screenshot needs the window; run it from `aras`");
            return ExitCode::FAILURE;
        }
    };
    finish(written.and_then(|code| out.flush().map(|()| code)), err)
}

/// `aras import annotations FILE`: only into an atlas directory, which it saves.
fn import_annotations(
    file: &std::path::Path,
    source: &AtlasSource,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let AtlasSource::Dir(dir) = source else {
        let _ = writeln!(
            err,
            "aras import: name the atlas to import into with --atlas DIR"
        );
        return ExitCode::from(2);
    };
    crate::author::run_import(file, dir, out, err)
}

/// `aras export`: the atlas as one JSON document in `format`, then a newline.
fn export_json(
    atlas: &Atlas,
    format: &ExportFormat,
    pretty: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let v = match format {
        ExportFormat::Geojson => export::geojson(atlas),
        ExportFormat::Annotations => export::annotations(atlas),
        ExportFormat::Timeline => export::timeline(atlas),
        ExportFormat::Relations => export::relations(atlas),
    };
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &v)?;
    } else {
        serde_json::to_writer(&mut *out, &v)?;
    }
    writeln!(out)
}

/// Loads the atlas and runs `f` on it; a broken atlas is reported on `err`, exit 1.
fn with_atlas(
    source: &AtlasSource,
    err: &mut dyn Write,
    f: impl FnOnce(&Atlas) -> std::io::Result<()>,
) -> std::io::Result<ExitCode> {
    match model::load(source) {
        Ok(atlas) => f(&atlas).map(|()| ExitCode::SUCCESS),
        Err(problems) => {
            write!(
                err,
                "aras: {} has {} problem(s):\n{problems}",
                source.describe(),
                problems.len()
            )?;
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The exit code of a command that wrote to stdout: a closed pipe is a normal end.
fn finish(written: std::io::Result<ExitCode>, err: &mut dyn Write) -> ExitCode {
    match written {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "aras: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn check(source: &AtlasSource, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let written = match model::load(source) {
        Ok(atlas) => {
            writeln!(out, "{}problems: none", summary(&atlas, source)).map(|()| ExitCode::SUCCESS)
        }
        Err(problems) => {
            write!(out, "{}", problems.report(&source.describe())).map(|()| ExitCode::FAILURE)
        }
    };
    finish(written.and_then(|code| out.flush().map(|()| code)), err)
}

/// `aras check --fix`: rewrites look-alike quotes in links.json (written to a temporary
/// file, then renamed over it, so a failure never leaves half a file), says what it
/// rewrote, then checks again.
fn fix_then_check(source: &AtlasSource, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let AtlasSource::Dir(dir) = source else {
        let _ = writeln!(
            err,
            "aras: --fix rewrites files: give the atlas with --atlas DIR"
        );
        return ExitCode::FAILURE;
    };
    if model::load(source).is_ok() {
        return check(source, out, err);
    }
    let path = dir.join(model::load::LINKS_FILE);
    let fixes = match (
        model::load::article_text(source),
        std::fs::read_to_string(&path),
    ) {
        (Some(article), Ok(json)) => serde_json::from_str(json.trim_start_matches('\u{FEFF}'))
            .map(|v| model::anchor::look_alike_fixes(&article, &v))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut said = String::new();
    for f in &fixes {
        let name = match f.what {
            "quote" => "the quote",
            "prefix" => "its prefix",
            "suffix" => "its suffix",
            _ => "the voice",
        };
        said.push_str(&format!(
            "fixed: {}: {}: {name} “{}” now has the article’s exact text (first {}: {} in the article, {} in the {})\n",
            model::load::LINKS_FILE,
            f.link,
            f.from,
            f.place,
            f.article_has,
            f.quote_has,
            f.what
        ));
    }
    let fixes: Vec<(&str, String, String)> =
        fixes.into_iter().map(|f| (f.key, f.from, f.to)).collect();
    if !fixes.is_empty() {
        let written = std::fs::read_to_string(&path).and_then(|text| {
            let (new, _) = model::anchor::rewrite_quotes(&text, &fixes);
            let tmp = dir.join(format!(".{}.aras-fix", model::load::LINKS_FILE));
            std::fs::write(&tmp, new)?;
            std::fs::rename(&tmp, &path)
        });
        if let Err(e) = written {
            let _ = writeln!(err, "aras: cannot rewrite {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        if write!(out, "{said}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    check(source, out, err)
}

/// The summary `aras check` prints for a clean atlas.
pub fn summary(atlas: &Atlas, source: &AtlasSource) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "atlas: {}", source.describe());
    // A draft has no author: no dangling "by".
    let _ = match atlas.article.author.trim() {
        "" => writeln!(s, "article: “{}”", atlas.article.title),
        by => writeln!(s, "article: “{}” by {by}", atlas.article.title),
    };
    summary_counts(atlas, &mut s);
    summary_paragraphs(atlas, &mut s);
    summary_mentions(atlas, &mut s);
    s
}

/// Elements by kind, and passages with the claims attributed in them.
fn summary_counts(atlas: &Atlas, s: &mut String) {
    let _ = writeln!(s, "elements: {}", atlas.elements.len());
    for (kind, all, ctx) in atlas.counts_by_kind() {
        if all > 0 {
            let _ = write!(s, "  {:<22} {all:>3}", kind.plural());
            if ctx > 0 {
                let _ = write!(s, "  ({ctx} shown for context)");
            }
            let _ = writeln!(s);
        }
    }
    // A claim is a whole passage's or one voice's (a part of a passage with its own
    // claimant); a denial counts as the denier's claim.
    let attributed = |claimed: &[_], denied: &[_]| !(claimed.is_empty() && denied.is_empty());
    let whole = atlas
        .links
        .iter()
        .filter(|l| attributed(&l.claimed_by, &l.denied_by))
        .count();
    let voices = atlas
        .links
        .iter()
        .flat_map(|l| &l.voices)
        .filter(|v| attributed(&v.claimed_by, &v.denied_by))
        .count();
    let _ = writeln!(
        s,
        "links: {} passages ({} attributed claims: {whole} of whole passages, {voices} of parts)",
        atlas.links.len(),
        whole + voices
    );
    // The timeline: events, and scenarios if any (trial9 #13: events went uncounted).
    let _ = write!(s, "events: {}", atlas.events.len());
    if !atlas.scenarios.is_empty() {
        let _ = write!(s, "; scenarios: {}", atlas.scenarios.len());
    }
    let _ = writeln!(s);
}

/// How many body paragraphs have a passage, and how many each has.
fn summary_paragraphs(atlas: &Atlas, s: &mut String) {
    let paras: Vec<_> = atlas.article.paragraphs().collect();
    let linked = paras
        .iter()
        .filter(|(pi, _)| atlas.links.iter().any(|l| l.part == *pi))
        .count();
    let _ = writeln!(
        s,
        "paragraph coverage: {linked}/{} body paragraphs linked",
        paras.len()
    );
    for (pi, part) in &paras {
        let n = atlas.links.iter().filter(|l| l.part == *pi).count();
        let _ = writeln!(
            s,
            "  ¶{:<2} {n:>2} passages",
            part.paragraph.unwrap_or_default()
        );
    }
}

/// Mentions, and where names, elements and passages fail to meet.
fn summary_mentions(atlas: &Atlas, s: &mut String) {
    let cov = atlas.coverage();
    let _ = writeln!(s, "mentions: {} in the text", atlas.mentions.len());
    let _ = writeln!(
        s,
        "names in the text linked to no element: {}",
        cov.unlinked_names.len()
    );
    for (r, name) in &cov.unlinked_names {
        let _ = writeln!(
            s,
            "  “{name}” at code point {}",
            atlas.article.char_offset(r.start)
        );
    }
    let _ = writeln!(
        s,
        "elements never named in the text: {}",
        cov.unmentioned_elements.len()
    );
    for id in &cov.unmentioned_elements {
        let _ = writeln!(
            s,
            "  {}",
            atlas.element(*id).map_or("?", |e| e.key.as_str())
        );
    }
    let _ = writeln!(
        s,
        "links whose passage names none of their elements: {}",
        cov.unmentioned_links.len()
    );
    for id in &cov.unmentioned_links {
        let _ = writeln!(s, "  {}", atlas.link(*id).map_or("?", |l| l.key.as_str()));
    }
    if !cov.unmentioned_links.is_empty() {
        // What it means and what to do (trial10 #13).
        let _ = writeln!(
            s,
            "  (not a problem: words like “the army said” may mean an element without \
             naming it; if its name is just outside the passage, extend it; if the words \
             are about something else, link them to that)"
        );
    }
}
