//! What anyone may read without signing in.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiError;
use super::App;
use crate::lines::Lang;

/// `/api/lines`.
pub fn router() -> Router<Arc<App>> {
    Router::new().route("/api/lines", get(list_lines))
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// Every line with whether it is open now and when that changes.
async fn list_lines(
    State(app): State<Arc<App>>,
    Query(query): Query<LangQuery>,
) -> Result<Json<Value>, ApiError> {
    let lang = match query.lang.as_deref() {
        None | Some("ja") => Lang::Ja,
        Some("en") => Lang::En,
        Some(_) => {
            return Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "invalid_query",
                "lang must be ja or en",
            ))
        }
    };
    let now = Timestamp::now();
    let lines: Vec<_> = app
        .store
        .lines()
        .await?
        .iter()
        .map(|line| line.view(now, lang))
        .collect();
    Ok(Json(json!({ "now": now, "lines": lines })))
}
