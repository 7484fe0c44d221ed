//! Fonts for the scripts of the region. egui's default font covers Latin and Cyrillic but
//! not Azerbaijani's ə (U+0259); Noto Sans (for ə and the rest of extended Latin), Noto
//! Sans Armenian, Georgian and Arabic (SIL Open Font License, `assets/fonts/OFL.txt`) are
//! added as fallbacks, so a name such as Azərbaycan, Երևան, თბილისი or تبریز draws as
//! letters, not boxes. Arabic presentation forms (the joined
//! shapes `bidi::display` uses) are in the Arabic font.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// (name, TTF bytes) of each fallback, in the order egui tries them.
const FALLBACKS: [(&str, &[u8]); 4] = [
    (
        "noto-sans",
        include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        "noto-sans-armenian",
        include_bytes!("../../assets/fonts/NotoSansArmenian-Regular.ttf"),
    ),
    (
        "noto-sans-georgian",
        include_bytes!("../../assets/fonts/NotoSansGeorgian-Regular.ttf"),
    ),
    (
        "noto-sans-arabic",
        include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
];

/// egui's default fonts with the region's scripts appended as fallbacks to both families.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    for (name, bytes) in FALLBACKS {
        defs.font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            defs.families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    defs
}

/// Installs [`definitions`] in `ctx` (once, at app creation).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
