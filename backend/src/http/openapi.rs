//! `GET /api/openapi.json`: the HTTP API as an OpenAPI 3.1 document. It is
//! written by hand next to the routers; a test requests every documented
//! operation against a real server so the two cannot drift apart unnoticed.

use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use super::App;

/// The document, as served.
pub const DOCUMENT: &str = include_str!("openapi.json");

/// `/api/openapi.json`.
pub fn router() -> Router<Arc<App>> {
    Router::new().route("/api/openapi.json", get(document))
}

async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
