//! Teen endpoints: a device token (no account, no personal data) and the
//! device's history. The token travels in the `Authorization` header, never
//! in a URL.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{delete, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::auth::{check_origin, ClientKey};
use super::error::ApiError;
use super::App;
use crate::consultation::{ConsultationError, TeenView};

/// `/api/teen/…`.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/api/teen/devices", post(new_device))
        .route("/api/teen/history", delete(delete_history).get(history))
}

/// Issues a device token. The device keeps it; the server keeps its hash.
async fn new_device(
    State(app): State<Arc<App>>,
    ClientKey(client): ClientKey,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    check_origin(&headers, &app.public_origins)?;
    if !app.device_limits.allow(&client) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "throttled",
            "too many new devices; wait a minute",
        ));
    }
    let token = app
        .consultation
        .issue_device()
        .await
        .map_err(consultation_error)?;
    Ok((StatusCode::CREATED, Json(json!({ "token": token }))))
}

/// The device's conversations, newest first.
async fn history(State(app): State<Arc<App>>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let device = device(&app, &headers).await?;
    let conversations = app
        .consultation
        .history(&device)
        .await
        .map_err(consultation_error)?;
    let views: Vec<TeenView> = conversations.iter().map(TeenView::from).collect();
    Ok(Json(json!({ "conversations": views })))
}

/// Deletes the device's ended conversations from the server. Open ones stay
/// until they end; the answer says how many were kept.
async fn delete_history(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    check_origin(&headers, &app.public_origins)?;
    let device = device(&app, &headers).await?;
    let deleted = app
        .consultation
        .delete_history(&device)
        .await
        .map_err(consultation_error)?;
    let kept = app
        .consultation
        .history(&device)
        .await
        .map_err(consultation_error)?
        .len();
    Ok(Json(json!({ "deleted": deleted, "kept": kept })))
}

async fn device(app: &App, headers: &HeaderMap) -> Result<String, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unknown_device",
                "send the device token as a Bearer token",
            )
        })?;
    app.consultation
        .device(token)
        .await
        .map_err(consultation_error)
}

fn consultation_error(error: ConsultationError) -> ApiError {
    let (code, message) = crate::realtime::error_code(&error);
    let status = match error {
        ConsultationError::UnknownDevice => StatusCode::UNAUTHORIZED,
        ConsultationError::Store(_) | ConsultationError::Unavailable => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        _ => StatusCode::BAD_REQUEST,
    };
    ApiError::new(status, code, message)
}
