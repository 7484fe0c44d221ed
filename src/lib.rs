//! Aras: an explorable map of one geopolitical commentary.
//!
//! [`model`] loads and checks the atlas (no egui); [`cli`] is the command line; [`app`]
//! and [`ui`] are the window.

pub mod alloc;
pub mod app;
pub mod author;
pub mod bench;
pub mod cli;
pub mod gazetteer;
pub mod geoparse;
pub mod layout;
pub mod model;
pub mod startup;
pub mod state;
pub mod ui;
