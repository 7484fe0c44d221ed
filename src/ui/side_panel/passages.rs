//! The side panel's passages: grouped in cards by paragraph, each verbatim with its
//! context, who claims it, and "Copy citation".

use egui::{Color32, FontId, RichText, TextFormat};

use super::super::{Command, ViewCtx};
use crate::model::{Atlas, ElementId, Link, LinkId, PartKind};
use crate::ui::bidi::display;

/// Passages grouped by the part (paragraph) they stand in: one card each, in the order
/// of the first passage of each part in `links`, each card's passages in text order.
pub(super) fn by_part<'a>(atlas: &'a Atlas, links: &[LinkId]) -> Vec<Vec<&'a Link>> {
    let mut cards: Vec<Vec<&Link>> = Vec::new();
    for link in links.iter().filter_map(|l| atlas.link(*l)) {
        match cards
            .iter_mut()
            .find(|c| c.first().is_some_and(|f| f.part == link.part))
        {
            Some(card) => card.push(link),
            None => cards.push(vec![link]),
        }
    }
    for card in &mut cards {
        card.sort_by_key(|l| (l.range.start, l.range.end));
    }
    cards
}

/// One card: the passages of one paragraph, verbatim with their dimmed context and each
/// linked run in quotation marks; then, per passage, who claims it and "Copy citation".
/// `current` is the passage the reader marks (underlined here); `shown` is `Some(scroll)`
/// when this card holds it: the card is framed in the selection colour and, if `scroll`,
/// brought into view. A click on a passage's opening words marks it in the reader, with
/// `element` selected.
pub(super) fn passage_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    card: &[&Link],
    current: Option<LinkId>,
    shown: Option<bool>,
    element: Option<ElementId>,
    commands: &mut Vec<Command>,
) {
    let atlas = ctx.atlas;
    let Some(first) = card.first() else { return };
    ui.add_space(4.0);
    let mut frame = egui::Frame::group(ui.style());
    if shown.is_some() {
        frame = frame.stroke(egui::Stroke::new(2.0, ctx.palette.selection));
    }
    let resp = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        let place = where_in_article(atlas, first);
        if shown.is_some() {
            ui.label(
                RichText::new(format!("{place} · marked in the article"))
                    .small()
                    .strong(),
            );
        } else {
            ui.label(RichText::new(place).small().weak());
        }
        let galley = card_text(ui, ctx, card, current, ui.available_width());
        ui.add(egui::Label::new(galley).selectable(true));
        for link in card {
            if card.len() > 1 {
                ui.add_space(2.0);
                let words = opening_words(atlas.article.slice(&link.range), 6);
                let number = element.and_then(|e| passage_number(atlas, e, link.id));
                ui.horizontal_wrapped(|ui| {
                    if let Some(n) = &number {
                        ui.label(RichText::new(n).small().weak());
                    }
                    if ui
                        .link(format!("Show in the article: {words}"))
                        .on_hover_text("Mark this passage in the article")
                        .clicked()
                    {
                        commands.push(Command::ShowPassage(link.range.clone(), element));
                    }
                    // On the passage's own row: below it, "Claimed by China" read as a
                    // heading over the passages after it (trial9 #9).
                    for stance in stances(atlas, link) {
                        ui.label(RichText::new(stance).small().strong());
                    }
                    copy_button(ui, atlas, link, commands);
                });
                ui.indent(("voices", link.id), |ui| {
                    crate::ui::attribution::voices(ui, atlas, link);
                });
            } else {
                claims(ui, atlas, link);
                copy_button(ui, atlas, link, commands);
            }
        }
    });
    if shown == Some(true) {
        ui.scroll_to_rect(resp.response.rect, None);
    }
}

/// The card's text exactly as the article has it, from the context before its first
/// passage to the context after its last: passages in the body colour between
/// quotation marks (the one the reader marks underlined), the rest dimmed. Wrapped at
/// `width`, each line in bidirectional order.
fn card_text(
    ui: &egui::Ui,
    ctx: &ViewCtx<'_>,
    card: &[&Link],
    current: Option<LinkId>,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let article = &ctx.atlas.article;
    let body = ui.visuals().text_color();
    let dim = ui.visuals().weak_text_color();
    // The text with its quotation marks, and its pieces: (range in it, colour, underline).
    let mut text = String::new();
    let mut styled: Vec<(std::ops::Range<usize>, Color32, bool)> = Vec::new();
    for piece in card_pieces(article, card, current) {
        let (s, color, underline) = match piece {
            Piece::Context(r) => (article.slice(&r), dim, false),
            Piece::Passage(r, cur) => (article.slice(&r), body, cur),
            Piece::Mark(m) => (m, body, false),
            Piece::Gap => (ELISION, dim, false),
        };
        styled.push((text.len()..text.len() + s.len(), color, underline));
        text.push_str(s);
    }
    let mut cuts: Vec<usize> = styled.iter().flat_map(|(r, ..)| [r.start, r.end]).collect();
    cuts.dedup();
    let format = |r: std::ops::Range<usize>| {
        let (color, underline) = styled
            .iter()
            .find(|(s, ..)| s.start <= r.start && r.end <= s.end && s.start < s.end)
            .map_or((dim, false), |(_, c, u)| (*c, *u));
        TextFormat {
            font_id: FontId::proportional(14.0),
            color,
            underline: if underline {
                egui::Stroke::new(1.5, ctx.palette.selection)
            } else {
                egui::Stroke::NONE
            },
            ..Default::default()
        }
    };
    let wrap = egui::text::TextWrapping {
        max_width: width,
        ..Default::default()
    };
    crate::ui::bidi::lay_out(ui.painter(), &text, &cuts, &format, None, wrap).galley
}

/// What stands between two stretches of a card that are far apart in a long paragraph.
const ELISION: &str = " […] ";

/// Context between two passages of one card longer than this (bytes) is left out,
/// shown as [`ELISION`]: a card for a 450-word paragraph with a passage at each end
/// showed the whole paragraph (trial6 #8).
const MAX_GAP: usize = 160;

/// A piece of a card's text, in order.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    /// Article text around the passages (dimmed).
    Context(std::ops::Range<usize>),
    /// A passage (overlapping ones as one run); `true` if the reader marks it.
    Passage(std::ops::Range<usize>, bool),
    /// Our quotation mark round a passage.
    Mark(&'static str),
    /// Context left out between two far-apart passages.
    Gap,
}

/// A card's text as pieces: each run of passages with its sentence of context, runs
/// whose contexts come within [`MAX_GAP`] bytes joined by the article's own text,
/// others separated by [`Piece::Gap`].
fn card_pieces(
    article: &crate::model::Article,
    card: &[&Link],
    current: Option<LinkId>,
) -> Vec<Piece> {
    // Overlapping passages are quoted as one run.
    let mut runs: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    for l in card {
        let is_current = Some(l.id) == current;
        match runs.last_mut() {
            Some((r, cur)) if l.range.start < r.end => {
                r.end = r.end.max(l.range.end);
                *cur |= is_current;
            }
            _ => runs.push((l.range.clone(), is_current)),
        }
    }
    let mut pieces = Vec::new();
    // The end of the previous run, and of its context.
    let mut prev: Option<(usize, usize)> = None;
    for (r, is_current) in &runs {
        let ctx = article.context_range(r);
        match prev {
            None => pieces.push(Piece::Context(ctx.start..r.start)),
            Some((end, after)) if ctx.start <= after + MAX_GAP => {
                pieces.push(Piece::Context(end..r.start));
            }
            Some((end, after)) => {
                pieces.push(Piece::Context(end..after));
                pieces.push(Piece::Gap);
                pieces.push(Piece::Context(ctx.start..r.start));
            }
        }
        // A passage that starts or ends on a quotation mark of its own gets none of ours
        // (“"China will …: trial9 #13); its run is marked anyway.
        let text = article.slice(r).trim();
        let own = text.starts_with(['"', '“']) || text.ends_with(['"', '”']);
        let (open, close) = if own { ("", "") } else { marks_for(text) };
        pieces.push(Piece::Mark(open));
        pieces.push(Piece::Passage(r.clone(), *is_current));
        pieces.push(Piece::Mark(close));
        prev = Some((r.end, ctx.end.max(r.end)));
    }
    if let Some((end, after)) = prev {
        pieces.push(Piece::Context(end..after));
    }
    pieces.retain(|p| !matches!(p, Piece::Context(r) | Piece::Passage(r, _) if r.is_empty()));
    pieces.retain(|p| !matches!(p, Piece::Mark(m) if m.is_empty()));
    pieces
}

/// "Passage 2 of 5": the number the reader's "Previous/Next passage" gives the same
/// passage, so that the card and the reader count alike.
fn passage_number(atlas: &Atlas, element: ElementId, link: LinkId) -> Option<String> {
    let links = atlas.links_of(element);
    let i = links.iter().position(|l| *l == link)?;
    Some(format!("Passage {} of {}", i + 1, links.len()))
}

/// The first `n` words of a passage, with "…" if there are more.
fn opening_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
    if words.len() > n {
        out.push('…');
    }
    out
}

/// Who claims or denies a passage, and whose words are whose.
fn claims(ui: &mut egui::Ui, atlas: &Atlas, link: &Link) {
    for stance in stances(atlas, link) {
        ui.label(RichText::new(stance).strong());
    }
    crate::ui::attribution::voices(ui, atlas, link);
}

/// Who stands where on a whole passage: "Claimed by Iran", "Denied by Azerbaijan", "The
/// author’s assessment".
fn stances(atlas: &Atlas, link: &Link) -> Vec<String> {
    let names = |ids: &[ElementId]| {
        ids.iter()
            .map(|i| display(atlas.name(*i)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    if !link.claimed_by.is_empty() {
        out.push(format!("Claimed by {}", names(&link.claimed_by)));
    }
    if !link.denied_by.is_empty() {
        out.push(format!("Denied by {}", names(&link.denied_by)));
    }
    if link.assessment {
        out.push("The author’s assessment".to_owned());
    }
    out
}

/// "Copy citation": the passage with the article's citation.
/// The first one drawn in a frame is F6's stop in the side panel ([`super::first_copy`]).
fn copy_button(ui: &mut egui::Ui, atlas: &Atlas, link: &Link, commands: &mut Vec<Command>) {
    let resp = ui
        .small_button("Copy citation")
        .on_hover_text("Copy the quote and the article's citation");
    ui.data_mut(|d| {
        let first = d.get_temp_mut_or(super::first_copy_key(), None::<egui::Id>);
        first.get_or_insert(resp.id);
    });
    if resp.clicked() {
        commands.push(Command::Copy(citation(atlas, link)));
    }
}

/// "¶5 · Iran–Turkey Rivalry", "¶2 · opening" before an article's first heading, "¶2" in
/// an article without headings, or the part's name outside the body.
pub fn where_in_article(atlas: &Atlas, link: &Link) -> String {
    let article = &atlas.article;
    let Some(part) = article.parts.get(link.part) else {
        return String::new();
    };
    match part.paragraph {
        Some(n) => match article.section_heading(link.part) {
            Some(h) => format!("¶{n} · {h}"),
            None if article.parts.iter().any(|p| p.kind == PartKind::Heading) => {
                format!("¶{n} · opening")
            }
            None => format!("¶{n}"),
        },
        None => {
            let mut s = part.kind.label().to_owned();
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + s.get(1..).unwrap_or_default();
            }
            s
        }
    }
}

/// The quotation marks we put round a passage: none when it is itself a quotation from
/// mark to mark (“"reckless decision"” read doubled: trial6 #13).
pub fn marks_for(passage: &str) -> (&'static str, &'static str) {
    const OPEN: [char; 5] = ['"', '“', '\'', '‘', '«'];
    const CLOSE: [char; 5] = ['"', '”', '\'', '’', '»'];
    let t = passage.trim();
    let quoted = t.chars().count() > 2
        && t.starts_with(OPEN)
        && t.trim_end_matches(['.', ',', ';']).ends_with(CLOSE);
    if quoted { ("", "") } else { ("“", "”") }
}

/// `passage` in our quotation marks, unless it carries its own ([`marks_for`]); a
/// quotation inside ours takes single marks, as nested quotations do (trial9 #13:
/// “"China will … read as a doubled opening mark).
pub fn quoted(passage: &str) -> String {
    let (open, close) = marks_for(passage);
    if open.is_empty() {
        return passage.to_owned();
    }
    let mut inner = String::with_capacity(passage.len());
    let mut before = None;
    for c in passage.chars() {
        inner.push(match c {
            '“' => '‘',
            '”' => '’',
            '"' if before.is_none_or(|b: char| b.is_whitespace() || "([{—–-".contains(b)) => {
                '‘'
            }
            '"' => '’',
            c => c,
        });
        before = Some(c);
    }
    format!("{open}{inner}{close}")
}

/// The text "Copy citation" puts on the clipboard.
pub fn citation(atlas: &Atlas, link: &Link) -> String {
    let quote = quoted(atlas.article.slice(&link.range));
    format!(
        "{quote} ({}) — {}",
        where_in_article(atlas, link),
        atlas.article.citation
    )
}

#[cfg(test)]
mod tests {
    use super::{Piece, card_pieces, quoted};
    use crate::model::{Atlas, Link};

    /// The embedded article's longest paragraph, and a link of the atlas moved onto a
    /// range of it.
    fn long_paragraph(atlas: &Atlas) -> std::ops::Range<usize> {
        atlas
            .article
            .parts
            .iter()
            .filter(|p| p.paragraph.is_some())
            .max_by_key(|p| p.range.len())
            .map(|p| p.range.clone())
            .expect("a paragraph")
    }

    fn link_at(atlas: &Atlas, range: std::ops::Range<usize>, id: u32) -> Link {
        let mut l = atlas.links.first().expect("a link").clone();
        l.part = atlas.article.part_of(&range).expect("in a part");
        l.range = range;
        l.id = crate::model::LinkId(id);
        l
    }

    fn text(atlas: &Atlas, pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Context(r) | Piece::Passage(r, _) => atlas.article.slice(r),
                Piece::Mark(m) => m,
                Piece::Gap => super::ELISION,
            })
            .collect()
    }

    #[test]
    fn a_card_leaves_out_the_middle_of_a_long_paragraph_between_far_passages() {
        let atlas = Atlas::embedded().expect("the embedded atlas");
        let para = long_paragraph(&atlas);
        assert!(para.len() > 800, "the longest paragraph is long");
        let words = |r: std::ops::Range<usize>| atlas.article.slice(&r).to_owned();
        let first = para.start..para.start + 20;
        let first = first.start..atlas.article.text[..first.end].rfind(' ').expect("word");
        let last_start = atlas.article.text[..para.end - 15]
            .rfind(' ')
            .expect("word")
            + 1;
        let last = last_start..para.end;
        let a = link_at(&atlas, first.clone(), 0);
        let b = link_at(&atlas, last.clone(), 1);
        let pieces = card_pieces(&atlas.article, &[&a, &b], Some(b.id));
        let shown = text(&atlas, &pieces);
        assert!(pieces.contains(&Piece::Gap), "{shown}");
        assert!(shown.contains(&words(first)) && shown.contains(&words(last.clone())));
        assert!(
            shown.len() < para.len() / 2,
            "the card shows {} of {} bytes: {shown}",
            shown.len(),
            para.len()
        );
        assert!(pieces.contains(&Piece::Passage(last, true)));
    }

    #[test]
    fn passages_close_together_are_shown_with_the_text_between_them() {
        let atlas = Atlas::embedded().expect("the embedded atlas");
        let para = long_paragraph(&atlas);
        let text_of = |r: &std::ops::Range<usize>| atlas.article.slice(r).to_owned();
        let sentences = crate::model::article::sentences(atlas.article.slice(&para));
        let s1 = sentences.first().expect("a sentence").clone();
        let s2 = sentences.get(1).expect("two sentences").clone();
        let a = link_at(&atlas, para.start + s1.start..para.start + s1.end, 0);
        let b = link_at(&atlas, para.start + s2.start..para.start + s2.end, 1);
        let pieces = card_pieces(&atlas.article, &[&a, &b], None);
        assert!(!pieces.contains(&Piece::Gap));
        let shown = text(&atlas, &pieces);
        let between = text_of(&(a.range.end..b.range.start));
        assert!(
            shown.contains(&format!("{}”{between}“", text_of(&a.range))),
            "{shown}"
        );
    }

    #[test]
    fn a_passage_that_is_a_quotation_is_not_quoted_twice() {
        assert_eq!(quoted("\"reckless decision\""), "\"reckless decision\"");
        assert_eq!(quoted("“lies”."), "“lies”.");
        assert_eq!(quoted("Alpha borders Beta."), "“Alpha borders Beta.”");
        // A quotation inside the passage keeps our marks round the whole.
        assert_eq!(quoted("\"lies\", he said"), "“‘lies’, he said”");
        assert_eq!(quoted("he said “no” twice"), "“he said ‘no’ twice”");
    }
}
