//! The top bar: the article's title and author, and the theme switch.

use super::search::SearchPanel;
use super::{Command, ViewCtx};

pub fn ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    search: &mut SearchPanel,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(egui::RichText::new("Aras").strong());
        ui.separator();
        ui.label(
            egui::RichText::new(&ctx.atlas.article.title)
                .strong()
                .size(15.0),
        );
        ui.label(egui::RichText::new(format!("by {}", ctx.atlas.article.author)).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let dark = ctx.palette.dark;
            let text = if dark { "Light theme" } else { "Dark theme" };
            if ui
                .button(text)
                .on_hover_text("Switch between light and dark")
                .clicked()
            {
                commands.push(Command::SetDark(!dark));
            }
            if ui
                .button("Copy link")
                .on_hover_text("Copy the command that reopens this selection and these layers")
                .clicked()
            {
                commands.push(Command::CopyLink);
            }
            if ui
                .button("Reset view")
                .on_hover_text("Show the whole region again (Home)")
                .clicked()
            {
                commands.push(Command::ResetView);
            }
            ui.separator();
            // Right-to-left: the box, then its label to its left.
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                search.ui(ui, ctx, commands);
            });
        });
    });
}
