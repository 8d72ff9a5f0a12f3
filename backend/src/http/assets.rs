//! The web front end from `web/`. Release builds embed it, so the binary alone
//! is enough; debug builds read the files from disk, so edits show on reload.

use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../web/"]
#[exclude = "*.md"]
struct Web;

/// Serves a page or asset; `/x/` and `/x` serve `x/index.html`.
pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/').trim_end_matches('/');
    // rust-embed reads from disk in debug builds: never let a path climb out of `web/`.
    if path
        .split('/')
        .any(|segment| segment == ".." || segment.starts_with('.'))
    {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    if path.starts_with("api/") || path == "api" {
        return super::error::ApiError::not_found("endpoint").into_response();
    }
    let candidates = if path.is_empty() {
        vec!["index.html".to_owned()]
    } else {
        vec![
            path.to_owned(),
            format!("{path}/index.html"),
            format!("{path}.html"),
        ]
    };
    for candidate in candidates {
        if let Some(file) = Web::get(&candidate) {
            let mime = mime_guess::from_path(&candidate).first_or_octet_stream();
            // Pages are Japanese first: never leave the browser guessing the encoding.
            let content_type = match (mime.type_(), mime.subtype().as_str()) {
                (mime_guess::mime::TEXT, _) | (_, "javascript" | "json" | "svg") => {
                    format!("{mime}; charset=utf-8")
                }
                _ => mime.to_string(),
            };
            return ([(header::CONTENT_TYPE, content_type)], file.data).into_response();
        }
    }
    match Web::get("404.html") {
        Some(file) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            file.data,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
