//! `aras`: parses the command line once and hands over to the CLI or the window.

use std::process::ExitCode;

use clap::Parser;

use aras::cli::{Cli, Command, run_command};

fn main() -> ExitCode {
    aras::startup::begin();
    aras::alloc::keep_frame_buffers();
    let cli = Cli::parse();
    let source = cli.source();
    match &cli.command {
        None => aras::app::run_window(source, cli.select.clone(), cli.layer_args(), None, false),
        Some(Command::Edit {
            dir,
            script: None,
            restore: false,
            discard: false,
            save: false,
            headless: false,
        }) => aras::app::run_window(
            aras::model::AtlasSource::Dir(dir.clone()),
            cli.select.clone(),
            cli.layer_args(),
            None,
            true,
        ),
        Some(Command::Screenshot {
            out,
            select,
            size,
            dark,
            edit,
        }) => aras::app::run_window(
            source,
            select.clone().or(cli.select.clone()),
            cli.layer_args(),
            Some(aras::app::ScreenshotRequest {
                out: out.clone(),
                size: *size,
                dark: *dark,
            }),
            *edit,
        ),
        Some(Command::Layout {
            select,
            size,
            zoom,
            dark,
        }) => aras::layout::run(
            &source,
            &aras::layout::LayoutRequest {
                size: *size,
                select: select.clone().or(cli.select.clone()),
                zoom: *zoom,
                dark: *dark,
                layers: cli.layer_args(),
            },
        ),
        Some(cmd) => run_command(
            cmd,
            &source,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
    }
}
