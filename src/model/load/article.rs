//! Step 2: the article, from `article.json` and the text file it names.

use super::super::article::{Article, ArticleSpec};
use super::super::problem::{ProblemKind as P, Problems};
use super::source::{AtlasSource, read};
use super::{ARTICLE_FILE, parse_json};

/// Reads and splits the article; `None` (with problems recorded) if it is unusable.
pub(super) fn load(source: &AtlasSource, problems: &mut Problems) -> Option<Article> {
    let text = read(source, ARTICLE_FILE, problems)?;
    let value = parse_json(ARTICLE_FILE, &text, problems)?;
    let spec = match serde_json::from_value::<ArticleSpec>(value) {
        Ok(spec) => spec,
        Err(e) => {
            problems.push(ARTICLE_FILE, None, P::Json(e.to_string()));
            return None;
        }
    };
    if spec.text.contains(['/', '\\']) || spec.text.starts_with('.') {
        problems.push(
            ARTICLE_FILE,
            Some("text".into()),
            P::Field {
                field: "text".into(),
                reason: "must be a file name in the atlas directory".into(),
            },
        );
        return None;
    }
    let text = read(source, &spec.text, problems)?;
    match Article::new(text, &spec) {
        Ok(a) => Some(a),
        Err(e) => {
            problems.push(&spec.text, None, P::Article(e));
            None
        }
    }
}
