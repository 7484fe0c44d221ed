use std::path::PathBuf;
use std::process::ExitCode;

use crate::model::AtlasSource;

pub struct ScreenshotRequest {
    pub out: PathBuf,
    pub size: (f32, f32),
    pub dark: bool,
}

pub fn run_window(
    _s: AtlasSource,
    _sel: Option<String>,
    _shot: Option<ScreenshotRequest>,
) -> ExitCode {
    ExitCode::FAILURE
}
