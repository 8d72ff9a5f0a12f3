//! What the staff console reads over HTTP: colleagues (for transfers) and
//! canned replies, which supervisors curate.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::auth::{ConsoleStaff, Supervisor};
use super::error::ApiError;
use super::json::Json;
use super::App;
use crate::audit::AuditEntry;
use crate::consultation::console::CannedReplyInput;
use crate::staff::Role;

/// `/api/staff/colleagues`, `/api/staff/canned-replies`.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/api/staff/colleagues", get(colleagues))
        .route(
            "/api/staff/canned-replies",
            get(list_canned).post(create_canned),
        )
        .route(
            "/api/staff/canned-replies/{id}",
            put(replace_canned).delete(delete_canned),
        )
}

/// Enabled counsellors and supervisors: who a chat can be handed to.
async fn colleagues(
    State(app): State<Arc<App>>,
    _: ConsoleStaff,
) -> Result<axum::Json<Value>, ApiError> {
    let colleagues: Vec<Value> = app
        .staff
        .accounts()
        .await?
        .into_iter()
        .filter(|a| !a.disabled && matches!(a.role, Role::Counselor | Role::Supervisor))
        .map(|a| json!({ "id": a.id, "display_name": a.display_name, "role": a.role }))
        .collect();
    Ok(axum::Json(json!({ "colleagues": colleagues })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineFilter {
    line_id: Option<String>,
}

async fn list_canned(
    State(app): State<Arc<App>>,
    _: ConsoleStaff,
    Query(filter): Query<LineFilter>,
) -> Result<axum::Json<Value>, ApiError> {
    let replies = app.store.canned_replies(filter.line_id.as_deref()).await?;
    Ok(axum::Json(json!({ "canned_replies": replies })))
}

async fn create_canned(
    State(app): State<Arc<App>>,
    Supervisor(staff): Supervisor,
    Json(input): Json<CannedReplyInput>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let reply = save(&app, staff.account.id, Uuid::new_v4(), input).await?;
    Ok((StatusCode::CREATED, reply))
}

async fn replace_canned(
    State(app): State<Arc<App>>,
    Supervisor(staff): Supervisor,
    Path(id): Path<Uuid>,
    Json(input): Json<CannedReplyInput>,
) -> Result<axum::Json<Value>, ApiError> {
    save(&app, staff.account.id, id, input).await
}

async fn save(
    app: &App,
    author: Uuid,
    id: Uuid,
    input: CannedReplyInput,
) -> Result<axum::Json<Value>, ApiError> {
    let reply = input.into_reply(id, author)?;
    if let Some(line_id) = &reply.line_id {
        let line = crate::lines::parse_line_id(line_id)?;
        if app.store.line(&line).await?.is_none() {
            return Err(crate::text::TextError::new("line_id", "no such line").into());
        }
    }
    let audit = AuditEntry::now(
        Some(author),
        "canned_reply.save",
        format!("canned_reply:{id}"),
        json!({ "title": reply.title }),
    );
    app.store.upsert_canned_reply(&reply, &audit).await?;
    Ok(axum::Json(json!({ "canned_reply": reply })))
}

async fn delete_canned(
    State(app): State<Arc<App>>,
    Supervisor(staff): Supervisor,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiError> {
    let audit = AuditEntry::now(
        Some(staff.account.id),
        "canned_reply.delete",
        format!("canned_reply:{id}"),
        json!({}),
    );
    if app.store.delete_canned_reply(id, &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("canned reply"))
    }
}
