//! trial14: what a newcomer found in the real window, as fast UI checks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use aras::app::AppInit;
use common::app::*;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

/// At 1024×700 only one side panel fits. With the Reader open, a relation picked on the
/// map (or anything else) had its claimants and summary in the hidden Details panel, and
/// nothing said so: the reader now offers "Show details" beside the selection's name.
#[test]
fn with_the_reader_open_in_a_narrow_window_the_selection_offers_its_details() {
    let mut init = AppInit::embedded();
    init.select = init
        .atlas
        .as_ref()
        .ok()
        .and_then(|a| a.by_key("iran-accuses-azerbaijan"));
    let mut h = harness_of_sized(init, 1024.0, 700.0);
    // Details is the panel shown first, with its own text: no button is needed there.
    assert!(side_panel_shows(&h, "Type:"));
    assert!(
        h.query_by_role_and_label(Role::Button, "Show details")
            .is_none()
    );
    h.get_by_label("Reader").click();
    h.run();
    h.run();
    // The reader replaced the details: it names the selection and offers its details.
    let shown = h.state().map_rect().expect("map").left() > 100.0;
    assert!(shown, "the reader is not shown at the left");
    assert!(!side_panel_shows(&h, "Type:"));
    h.get_by_role_and_label(Role::Button, "Show details")
        .click();
    h.run();
    h.run();
    assert!(
        side_panel_shows(&h, "Type:"),
        "after Show details, the side panel does not show the relation's type and claimant"
    );
    assert_eq!(selected(&h).as_deref(), Some("iran-accuses-azerbaijan"));
    // In a wide window both panels show: the reader has no such button.
    let mut wide = AppInit::embedded();
    wide.select = wide.atlas.as_ref().ok().and_then(|a| a.by_key("armenia"));
    let w = harness_of_sized(wide, 1400.0, 900.0);
    assert!(
        w.query_by_role_and_label(Role::Button, "Show details")
            .is_none()
    );
}

/// At 640×480 the author strip had no room left for its last message: a save's report
/// (and its problem count, in the error colour) was a lone "…" at the window's edge. It
/// now takes a row of its own there, with room to read it.
#[test]
fn at_640x480_the_author_strip_shows_its_message_readably() {
    for (w, h) in [(640.0, 480.0), (1400.0, 900.0)] {
        let dir = common::edit::assets();
        let mut app = common::edit::author_harness(dir.path(), w, h);
        common::edit::select(&mut app, "armenia");
        common::edit::type_summary(&mut app, " Edited.");
        app.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
        app.run();
        let text = app
            .state()
            .author
            .as_ref()
            .and_then(|a| a.message.as_ref())
            .map(|m| m.text.clone())
            .expect("a save leaves a message");
        let node = app
            .query_all_by_label_contains(&text[..12])
            .find(|n| n.rect().height() > 0.0)
            .unwrap_or_else(|| panic!("{w}x{h}: the message {text:?} is not shown"));
        let r = node.rect();
        assert!(
            r.width() >= 100.0 && r.right() <= w + 0.5 && r.bottom() <= h + 0.5,
            "{w}x{h}: the message {text:?} is shown {:.0} points wide at {r:?}",
            r.width()
        );
    }
}
