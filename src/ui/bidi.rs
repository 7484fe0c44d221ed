//! Right-to-left text for a renderer that neither shapes nor reorders (egui 0.37 draws
//! code points left to right, one glyph each). Arabic letters are replaced by their joined
//! presentation forms (`ar-reshaper`, no ligatures, so one character stays one character)
//! and each paragraph is put in Unicode bidirectional visual order (`unicode-bidi`, UAX #9).
//! Text without right-to-left characters is returned unchanged, so Latin, Cyrillic,
//! Armenian and Georgian text (and its offsets) are untouched.
//!
//! A paragraph that may wrap goes through [`lay_out`]: egui wraps it in logical order
//! (where its lines break), then each line is put in visual order on its own (UAX #9 rule
//! L2 applies per line, after line breaking), and the lines of a right-to-left paragraph
//! are aligned right. Single lines (map labels, names) use [`display`].

use std::borrow::Cow;
use std::ops::Range;

use std::sync::Arc;

use ar_reshaper::{ArabicReshaper, ReshaperConfig};
use egui::text::{LayoutJob, TextWrapping};
use egui::{Galley, Painter, TextFormat};
use unicode_bidi::{BidiClass, BidiInfo, ParagraphInfo};

/// True if `text` has a right-to-left character (Hebrew, Arabic, Syriac, Thaana, …) or an
/// explicit right-to-left embedding, override or isolate.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
        )
    })
}

/// Arabic letters in their joined forms, one output character per input character
/// (`None` if shaping would change the count, which the offsets below rely on).
fn shaped(text: &str) -> Option<String> {
    let config = ReshaperConfig {
        support_ligatures: false,
        ..ReshaperConfig::default()
    };
    let out = ArabicReshaper::new(config).reshape(text);
    (out.chars().count() == text.chars().count()).then_some(out)
}

/// `text` as it must be given to egui to draw on one line: shaped and in visual order
/// (with runs of Arabic or Hebrew letters in logical order, which egui's shaper draws
/// right to left). Borrowed if it has no right-to-left characters. For text that may
/// wrap, use [`lay_out`].
pub fn display(text: &str) -> Cow<'_, str> {
    match visual_order(text) {
        Cow::Owned(v) => Cow::Owned(for_shaper(&v)),
        Cow::Borrowed(b) => Cow::Borrowed(b),
    }
}

/// `text` shaped and in visual order, every character left to right as drawn (what a
/// [`lay_out`] galley holds, line by line). Borrowed if it has no right-to-left
/// characters.
pub fn visual_order(text: &str) -> Cow<'_, str> {
    if !has_rtl(text) {
        return Cow::Borrowed(text);
    }
    let chars = Chars::new(text);
    let info = BidiInfo::new(text, None);
    let mut out = String::with_capacity(text.len() + 8);
    for para in &info.paragraphs {
        for (p, rtl) in line_pieces(&info, para, para.range.clone(), &[]) {
            out.push_str(&chars.drawn(&p, rtl).0);
        }
    }
    Cow::Owned(out)
}

/// Letters that egui's shaper (harfrust, which guesses each run's direction from its
/// script) lays out right to left within a run of one font: Hebrew and Arabic.
fn shaper_rtl(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}'
    )
}

/// Visual-order text as egui must be given it in one string: egui 0.37 shapes each run
/// of one font with harfrust, which draws a run of Arabic or Hebrew letters right to left
/// itself, so each such run is put back in logical order here (the fallback fonts hold
/// only their script's letters, so a space or a Latin letter ends a run).
fn for_shaper(visual: &str) -> String {
    let mut out = String::with_capacity(visual.len());
    let mut run: Vec<char> = Vec::new();
    for c in visual.chars() {
        if shaper_rtl(c) {
            run.push(c);
            continue;
        }
        out.extend(run.drain(..).rev());
        out.push(c);
    }
    out.extend(run.drain(..).rev());
    out
}

/// [`display`] as an owned string, for widgets that take `String`.
pub fn shown(text: &str) -> String {
    display(text).into_owned()
}

/// A paragraph laid out for drawing: wrapped, each line in visual order.
pub struct Laid {
    /// What to draw. Its rectangle starts at x = 0; a right-to-left paragraph's is as wide
    /// as the wrap width, with its lines ending at the right edge.
    pub galley: Arc<Galley>,
    /// For each character of the galley, in drawing order, its byte offset in the text,
    /// then one more entry, the text's length (the cursor after the last character).
    /// Characters that are not the text's (the lead, line breaks put between wrapped
    /// lines, an ellipsis) have [`NOT_TEXT`].
    pub char_bytes: Vec<usize>,
}

/// The byte offset [`Laid::char_bytes`] gives characters that are not the text's.
pub const NOT_TEXT: usize = usize::MAX;

/// A lead drawn before a paragraph (its number) and its format.
pub type Lead<'a> = Option<(&'a str, TextFormat)>;

/// Lays out `text` for drawing with `wrap`: cut at the sorted byte offsets `cuts` (which
/// must be character boundaries), each piece drawn with `format(its byte range)`, after
/// `lead` (at the start of the first line: on its right if the paragraph is right to
/// left). Text without right-to-left characters is laid out once, as egui would; other
/// text is wrapped in logical order, then each line is reordered on its own (UAX #9, L1
/// and L2) and shaped, and the lines of a right-to-left paragraph are aligned right.
pub fn lay_out(
    painter: &Painter,
    text: &str,
    cuts: &[usize],
    format: &dyn Fn(Range<usize>) -> TextFormat,
    lead: Lead<'_>,
    wrap: TextWrapping,
) -> Laid {
    let lead_chars = lead.as_ref().map_or(0, |(l, _)| l.chars().count());
    let mut b = Builder::new(format, wrap.clone());
    if !has_rtl(text) {
        if let Some((l, f)) = &lead {
            b.push_lead(l, f, false);
        }
        for p in pieces(text, cuts, 0..text.len()) {
            let bytes: Vec<usize> = text
                .get(p.clone())
                .unwrap_or_default()
                .char_indices()
                .map(|(i, _)| p.start + i)
                .collect();
            b.push(text.get(p.clone()).unwrap_or_default(), &bytes, p);
        }
        return b.finish(painter, text.len(), &[], f32::INFINITY);
    }
    // Logical order, shaped (one character for one), to find where egui breaks lines.
    let chars = Chars::new(text);
    let mut logical = Builder::new(format, wrap.clone());
    if let Some((l, f)) = &lead {
        logical.push_lead(l, f, false);
    }
    for p in pieces(text, cuts, 0..text.len()) {
        let (s, _) = chars.drawn(&p, false);
        logical.push(&s, &[], p);
    }
    let logical = painter.layout_job(logical.job);
    let info = BidiInfo::new(text, None);
    let rows = rows_of(&logical, lead_chars, &chars, &info);
    let mut rtl_rows = Vec::new();
    let last = rows.len().saturating_sub(1);
    for (i, (bytes, newline)) in rows.iter().enumerate() {
        let para = info
            .paragraphs
            .iter()
            .find(|p| p.range.start <= bytes.start && bytes.start < p.range.end);
        let rtl = para.is_some_and(|p| p.level.is_rtl());
        rtl_rows.push(rtl);
        let lead_here = if i == 0 { lead.as_ref() } else { None };
        if let Some((l, f)) = lead_here.filter(|_| !rtl) {
            b.push_lead(l, f, false);
        }
        if rtl && i == last && logical.elided {
            b.push("…", &[NOT_TEXT], bytes.end..bytes.end);
        }
        for (p, run_rtl) in para.map_or_else(Vec::new, |para| {
            line_pieces(&info, para, bytes.clone(), cuts)
        }) {
            let (s, idx) = chars.drawn(&p, run_rtl);
            let bytes: Vec<usize> = idx.iter().map(|i| chars.byte(*i)).collect();
            b.push(&s, &bytes, p);
        }
        if let Some((l, f)) = lead_here.filter(|_| rtl) {
            b.push_lead(l, f, true);
        }
        if !rtl && i == last && logical.elided {
            b.push("…", &[NOT_TEXT], bytes.end..bytes.end);
        }
        if i < last {
            let byte = if *newline { bytes.end } else { NOT_TEXT };
            b.push("\n", &[byte], bytes.end..bytes.end);
        }
    }
    b.finish(painter, text.len(), &rtl_rows, wrap.max_width)
}

/// The lines egui broke `logical` into, as byte ranges of the text (without their line
/// break) and whether a line break of the text ends them. If egui's glyphs do not match
/// the characters one for one, the text's own paragraphs, unwrapped.
fn rows_of(
    logical: &Galley,
    lead_chars: usize,
    chars: &Chars,
    info: &BidiInfo<'_>,
) -> Vec<(Range<usize>, bool)> {
    let mut rows = Vec::new();
    let mut at = 0usize;
    for row in &logical.rows {
        let n = row.row.glyphs.len();
        let start = at.saturating_sub(lead_chars);
        let end = (at + n).saturating_sub(lead_chars);
        rows.push((chars.byte(start)..chars.byte(end), row.ends_with_newline));
        at += n + usize::from(row.ends_with_newline);
    }
    if logical.elided || at == lead_chars + chars.shaped.len() {
        return rows;
    }
    info.paragraphs
        .iter()
        .map(|p| {
            let text = chars.text.get(p.range.clone()).unwrap_or_default();
            let body = text.trim_end_matches(['\n', '\r']).len();
            (p.range.start..p.range.start + body, body < text.len())
        })
        .collect()
}

/// The pieces of one line in visual order (byte ranges between `cuts`, split at direction
/// changes), each with whether it is drawn right to left.
fn line_pieces(
    info: &BidiInfo<'_>,
    para: &ParagraphInfo,
    line: Range<usize>,
    cuts: &[usize],
) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    if line.is_empty() {
        return out;
    }
    let (levels, runs) = info.visual_runs(para, line);
    for run in runs {
        let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
        let mut ps = pieces(info.text, cuts, run);
        if rtl {
            ps.reverse();
        }
        out.extend(ps.into_iter().map(|p| (p, rtl)));
    }
    out
}

/// `r` cut at the `cuts` inside it, empty pieces left out.
fn pieces(text: &str, cuts: &[usize], r: Range<usize>) -> Vec<Range<usize>> {
    let inside = cuts
        .iter()
        .copied()
        .filter(|c| r.start < *c && *c < r.end && text.is_char_boundary(*c));
    let points: Vec<usize> = std::iter::once(r.start)
        .chain(inside)
        .chain(std::iter::once(r.end))
        .collect();
    points
        .windows(2)
        .filter_map(|w| match w {
            [s, e] if s < e => Some(*s..*e),
            _ => None,
        })
        .collect()
}

/// The text's characters, shaped, by index, with their byte offsets.
struct Chars<'a> {
    text: &'a str,
    shaped: Vec<char>,
    index: Vec<usize>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        let shaped = shaped(text).map_or_else(|| text.chars().collect(), |s| s.chars().collect());
        Self {
            text,
            shaped,
            index: text.char_indices().map(|(b, _)| b).collect(),
        }
    }

    /// Byte offset of character `i` (the text's length past the end).
    fn byte(&self, i: usize) -> usize {
        self.index.get(i).copied().unwrap_or(self.text.len())
    }

    /// The piece `r` as drawn (reversed and mirrored if right to left), with the index of
    /// each character drawn.
    fn drawn(&self, r: &Range<usize>, rtl: bool) -> (String, Vec<usize>) {
        let first = self.index.partition_point(|b| *b < r.start);
        let last = self.index.partition_point(|b| *b < r.end);
        let mut idx: Vec<usize> = (first..last).collect();
        if rtl {
            idx.reverse();
        }
        let s = idx
            .iter()
            .filter_map(|i| self.shaped.get(*i))
            .map(|c| if rtl { mirrored(*c) } else { *c })
            .collect();
        (s, idx)
    }
}

/// A paired bracket's mirror image, drawn in a right-to-left run (UAX #9 rule L4), for
/// the common brackets.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

/// A layout job being built in drawing order, with each character's byte offset.
struct Builder<'f> {
    job: LayoutJob,
    char_bytes: Vec<usize>,
    format: &'f dyn Fn(Range<usize>) -> TextFormat,
}

impl<'f> Builder<'f> {
    fn new(format: &'f dyn Fn(Range<usize>) -> TextFormat, wrap: TextWrapping) -> Self {
        Self {
            job: LayoutJob {
                wrap,
                ..Default::default()
            },
            char_bytes: Vec::new(),
            format,
        }
    }

    /// `s` in the format of the text's bytes `r`; `bytes` has one offset per character
    /// (or none, for a job only measured).
    /// Arabic and Hebrew letters go in a section each: egui's shaper would otherwise
    /// reverse a run of them again and give it more glyphs than characters (its cursors
    /// count glyphs); one letter alone is one glyph, drawn where this order puts it.
    fn push(&mut self, s: &str, bytes: &[usize], r: Range<usize>) {
        if s.is_empty() {
            return;
        }
        let format = (self.format)(r);
        if s.chars().any(shaper_rtl) {
            // A leading space that is not 0 keeps egui from merging the sections.
            let mut buf = [0u8; 4];
            for c in s.chars() {
                let text = c.encode_utf8(&mut buf);
                self.job.append(text, f32::MIN_POSITIVE, format.clone());
            }
        } else {
            self.job.append(s, 0.0, format);
        }
        self.char_bytes.extend_from_slice(bytes);
    }

    /// The lead: as given, or (right to left) its trailing spaces first.
    fn push_lead(&mut self, lead: &str, format: &TextFormat, rtl: bool) {
        let s = if rtl {
            let body = lead.trim_end();
            format!("{}{body}", lead.get(body.len()..).unwrap_or_default())
        } else {
            lead.to_owned()
        };
        self.char_bytes
            .extend(std::iter::repeat_n(NOT_TEXT, s.chars().count()));
        self.job.append(&s, 0.0, format.clone());
    }

    /// The galley, with rows flagged in `rtl_rows` moved to end at `width` (if finite).
    fn finish(mut self, painter: &Painter, len: usize, rtl_rows: &[bool], width: f32) -> Laid {
        if !rtl_rows.is_empty() {
            // Lines are already broken: do not wrap them again.
            self.job.wrap = TextWrapping::default();
        }
        self.char_bytes.push(len);
        let galley = painter.layout_job(self.job);
        Laid {
            galley: align_right(galley, rtl_rows, width),
            char_bytes: self.char_bytes,
        }
    }
}

/// Moves the rows flagged in `rtl` to end at `width` (or at the widest row's end), on
/// whole pixels; the galley's rectangle then starts at x = 0 and reaches that end.
fn align_right(galley: Arc<Galley>, rtl: &[bool], width: f32) -> Arc<Galley> {
    if !rtl.iter().any(|r| *r) {
        return galley;
    }
    let mut g = Arc::unwrap_or_clone(galley);
    let end = if width.is_finite() {
        width.max(g.rect.max.x)
    } else {
        g.rect.max.x
    };
    let ppp = g.pixels_per_point.max(0.1);
    let mut bounds = egui::Rect::NOTHING;
    for (row, is_rtl) in g
        .rows
        .iter_mut()
        .zip(rtl.iter().chain(std::iter::repeat(&false)))
    {
        if *is_rtl {
            let shift = ((end - row.pos.x - row.row.size.x) * ppp).round() / ppp;
            row.pos.x += shift.max(0.0);
        }
        bounds = bounds.union(row.row.visuals.mesh_bounds.translate(row.pos.to_vec2()));
    }
    g.mesh_bounds = bounds;
    g.rect = egui::Rect::from_min_max(egui::pos2(0.0, g.rect.min.y), egui::pos2(end, g.rect.max.y));
    Arc::new(g)
}

/// The drawn index of the character at byte `byte` (or of the first one after it), for
/// `char_bytes` as [`Laid`] gives it.
pub fn char_of(char_bytes: &[usize], byte: usize) -> usize {
    // Sorted (left-to-right text): a binary search finds it.
    let at = char_bytes.partition_point(|b| *b < byte);
    if char_bytes.get(at) == Some(&byte) {
        return at;
    }
    char_bytes.iter().position(|b| *b == byte).unwrap_or(at)
}

/// The drawn characters of the byte range `r`: the smallest range of drawn indices that
/// holds all of them (a range within one direction run is contiguous).
pub fn char_range(char_bytes: &[usize], r: &Range<usize>) -> Range<usize> {
    let mut inside = char_bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| r.contains(b))
        .map(|(i, _)| i);
    match inside.next() {
        Some(first) => {
            let last = inside.next_back().unwrap_or(first);
            first..last + 1
        }
        None => {
            let at = char_of(char_bytes, r.start);
            at..at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_other_left_to_right_scripts_are_unchanged() {
        for s in ["Bakı", "Нахичевань", "Երևան", "თბილისი", "Azərbaycan"]
        {
            assert!(matches!(display(s), Cow::Borrowed(x) if x == s));
        }
    }

    #[test]
    fn mixed_arabic_and_english_line_is_in_bidi_order_with_english_left_to_right() {
        // Logical: "The city of " + تبریز + " lies in Iran." An LTR paragraph: the English
        // reads left to right, the Persian word is reversed in place and shaped.
        let s = "The city of تبریز lies in Iran.";
        let shown = display(s);
        assert!(shown.starts_with("The city of "), "{shown}");
        assert!(shown.ends_with(" lies in Iran."), "{shown}");
        let word: String = shown
            .trim_start_matches("The city of ")
            .trim_end_matches(" lies in Iran.")
            .into();
        // Shaped, and given to egui in logical order within the word (egui's shaper draws
        // it right to left: see `a_persian_word_is_drawn_right_to_left_by_egui`).
        assert_eq!(word.chars().count(), 5);
        assert_eq!(word.chars().next(), Some('\u{FE97}'));
        assert_eq!(word.chars().last(), Some('\u{FEB0}'));
    }

    #[test]
    fn right_to_left_paragraph_keeps_an_english_run_reading_left_to_right() {
        let shown = display("شهر Tabriz است");
        assert!(shown.contains("Tabriz"), "{shown}");
        // The paragraph is right to left: the first Persian word is drawn rightmost.
        assert!(shown.find("Tabriz") > Some(0));
    }

    /// A painter with the app's fonts loaded.
    fn painter() -> Painter {
        let ctx = egui::Context::default();
        crate::ui::fonts::install(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        Painter::new(ctx, egui::LayerId::background(), egui::Rect::EVERYTHING)
    }

    fn plain(_: Range<usize>) -> TextFormat {
        TextFormat::simple(egui::FontId::proportional(14.0), egui::Color32::WHITE)
    }

    /// The galley's lines as drawn, and for each its characters' byte offsets.
    fn lines(laid: &Laid) -> Vec<(String, Vec<usize>)> {
        let mut at = 0;
        laid.galley
            .rows
            .iter()
            .map(|r| {
                let n = r.row.glyphs.len();
                let bytes = laid.char_bytes.get(at..at + n).unwrap_or_default().to_vec();
                at += n + usize::from(r.ends_with_newline);
                (r.row.text(), bytes)
            })
            .collect()
    }

    #[test]
    fn offsets_map_drawn_characters_back_to_the_original() {
        let s = "ab تبریز cd";
        let laid = lay_out(
            &painter(),
            s,
            &[0, 3, s.len()],
            &plain,
            None,
            TextWrapping::default(),
        );
        let drawn = laid.galley.text();
        assert_eq!(drawn.chars().count() + 1, laid.char_bytes.len());
        let mut sorted = laid.char_bytes.clone();
        sorted.sort_unstable();
        let all: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
        assert_eq!(sorted, all, "every character drawn once");
        // The Persian word (bytes 3..13) is contiguous when drawn.
        assert_eq!(char_range(&laid.char_bytes, &(3..13)), 3..8);
        assert_eq!(char_of(&laid.char_bytes, 0), 0);
    }

    #[test]
    fn wrapped_right_to_left_paragraph_starts_on_its_top_line_aligned_right() {
        let s = "شهر تبریز در شمال غرب ایران است و Tabriz is its English name، \
                 و از شهرهای بزرگ کشور است و بازار بزرگی دارد.";
        let wrap = TextWrapping {
            max_width: 200.0,
            ..Default::default()
        };
        let laid = lay_out(
            &painter(),
            s,
            &[0, s.len()],
            &plain,
            Some(("3  ", plain(0..0))),
            wrap,
        );
        let lines = lines(&laid);
        assert!(lines.len() >= 3, "{lines:?}");
        // The top line holds the paragraph's first word (bytes 0..6), drawn rightmost,
        // after the paragraph number.
        let (top, bytes) = &lines[0];
        assert!(bytes.contains(&0), "{top}");
        assert!(top.ends_with("  3"), "{top}");
        // Lines hold consecutive stretches of the text, top to bottom.
        let mins: Vec<usize> = lines
            .iter()
            .map(|(_, b)| {
                b.iter()
                    .copied()
                    .filter(|b| *b != NOT_TEXT)
                    .min()
                    .unwrap_or(0)
            })
            .collect();
        assert!(mins.windows(2).all(|w| w[0] < w[1]), "{mins:?}");
        // Every line ends at the right edge.
        for r in &laid.galley.rows {
            assert!((r.pos.x + r.row.size.x - 200.0).abs() < 1.0, "{:?}", r.pos);
        }
        // The English run reads left to right within its line.
        let english = lines
            .iter()
            .find(|(t, _)| t.contains("Tabriz"))
            .map(|(t, _)| t);
        assert!(
            english.is_some_and(|t| t.contains("Tabriz is") || t.contains("Tabriz")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_persian_word_is_drawn_right_to_left_by_egui() {
        // تبریز: ت (initial form U+FE97) must be drawn rightmost, ز (final U+FEB0) leftmost.
        let p = painter();
        let check = |g: &Galley| {
            let glyphs: Vec<_> = g.rows.iter().flat_map(|r| r.row.glyphs.iter()).collect();
            let x = |c: char| glyphs.iter().find(|gl| gl.chr == c).map(|gl| gl.pos.x);
            assert!(x('\u{FEB0}') < x('\u{FE97}'), "{:?}", g.text());
        };
        let line = p.layout_no_wrap(
            display("تبریز").into_owned(),
            egui::FontId::proportional(14.0),
            egui::Color32::WHITE,
        );
        check(&line);
        let s = "تبریز";
        let laid = lay_out(&p, s, &[0, s.len()], &plain, None, TextWrapping::default());
        check(&laid.galley);
        assert_eq!(
            laid.galley.rows[0].row.glyphs.len(),
            5,
            "one glyph a letter"
        );
    }

    #[test]
    fn left_to_right_text_is_laid_out_as_egui_would() {
        let s = "Alpha and Beta share the Blue River.";
        let laid = lay_out(
            &painter(),
            s,
            &[0, 6, s.len()],
            &plain,
            None,
            TextWrapping::default(),
        );
        assert_eq!(laid.galley.text(), s);
        assert_eq!(char_of(&laid.char_bytes, 6), 6);
    }
}
