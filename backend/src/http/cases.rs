//! Escalation cases over HTTP (`/api/cases/…`): counsellors and supervisors
//! create and follow them, partner staff work on their organisation's. Every
//! rule is in [`crate::escalation`]; a case the viewer may not see answers
//! exactly like a missing one.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::auth::{CaseStaff, ConsoleStaff, Escalating, Partner, Staff, Supervisor};
use super::error::ApiError;
use super::json::Json;
use super::App;
use crate::escalation::model::{CaseStatus, NewCase, Outcome};
use crate::escalation::{case_view, note_view, summary_view, Viewer};
use crate::staff::HelpKind;
use crate::text::TextError;

/// `/api/cases/…`.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/api/cases", get(list).post(create))
        .route("/api/cases/suggestions", get(suggestions))
        .route("/api/cases/nudges", get(pending_nudge))
        .route("/api/cases/nudges/{id}/dismiss", post(dismiss_nudge))
        .route("/api/cases/{id}", get(read))
        .route("/api/cases/{id}/confirm", post(confirm))
        .route("/api/cases/{id}/status", post(set_status))
        .route("/api/cases/{id}/notes", post(add_note))
}

type JsonResult = Result<axum::Json<Value>, ApiError>;

fn viewer(staff: &Staff) -> Result<Viewer, ApiError> {
    Viewer::of(&staff.account).ok_or_else(ApiError::forbidden)
}

/// A path id that is not a UUID names no case: the same answer as a missing one.
fn case_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::not_found("case"))
}

async fn list(State(app): State<Arc<App>>, CaseStaff(staff): CaseStaff) -> JsonResult {
    let viewer = viewer(&staff)?;
    let cases = app.escalation.list(viewer).await?;
    let cases: Vec<Value> = cases.iter().map(|c| summary_view(c, viewer)).collect();
    Ok(axum::Json(json!({ "cases": cases })))
}

async fn create(
    State(app): State<Arc<App>>,
    Escalating(staff): Escalating,
    Json(new): Json<NewCase>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let viewer = viewer(&staff)?;
    let case = app.escalation.create(&staff.account, new).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "case": case_view(&case, viewer) })),
    ))
}

/// Organisations for a case: `help_kind` and `municipality`, both optional.
async fn suggestions(
    State(app): State<Arc<App>>,
    _: Escalating,
    Query(query): Query<HashMap<String, String>>,
) -> JsonResult {
    if let Some(unknown) = query
        .keys()
        .find(|k| !matches!(k.as_str(), "help_kind" | "municipality"))
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_query",
            format!("unknown parameter {unknown}; expected help_kind, municipality"),
        ));
    }
    let help_kind = query
        .get("help_kind")
        .map(|raw| {
            HelpKind::parse(raw).ok_or_else(|| {
                TextError::new(
                    "help_kind",
                    "must be crisis, child_protection, carer_support, health or other",
                )
            })
        })
        .transpose()?;
    let found = app
        .escalation
        .suggest(help_kind, query.get("municipality").map(String::as_str))
        .await?;
    Ok(axum::Json(json!({ "suggestions": found })))
}

async fn read(
    State(app): State<Arc<App>>,
    CaseStaff(staff): CaseStaff,
    Path(id): Path<String>,
) -> JsonResult {
    let viewer = viewer(&staff)?;
    let case = app.escalation.read(viewer, case_id(&id)?).await?;
    Ok(axum::Json(json!({ "case": case_view(&case, viewer) })))
}

async fn confirm(
    State(app): State<Arc<App>>,
    Supervisor(staff): Supervisor,
    Path(id): Path<String>,
) -> JsonResult {
    let viewer = viewer(&staff)?;
    let case = app
        .escalation
        .confirm(&staff.account, case_id(&id)?)
        .await?;
    Ok(axum::Json(json!({ "case": case_view(&case, viewer) })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusChange {
    status: CaseStatus,
    #[serde(default)]
    outcome: Option<Outcome>,
}

async fn set_status(
    State(app): State<Arc<App>>,
    Partner(staff): Partner,
    Path(id): Path<String>,
    Json(change): Json<StatusChange>,
) -> JsonResult {
    let viewer = viewer(&staff)?;
    let case = app
        .escalation
        .set_status(viewer, case_id(&id)?, change.status, change.outcome)
        .await?;
    Ok(axum::Json(json!({ "case": case_view(&case, viewer) })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteInput {
    body: String,
}

async fn add_note(
    State(app): State<Arc<App>>,
    CaseStaff(staff): CaseStaff,
    Path(id): Path<String>,
    Json(input): Json<NoteInput>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let viewer = viewer(&staff)?;
    let note = app
        .escalation
        .add_note(viewer, &staff.account, case_id(&id)?, &input.body)
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "note": note_view(&note, viewer) })),
    ))
}

/// `?conversation_id=`: the chat's pending suggested escalation, or null.
async fn pending_nudge(
    State(app): State<Arc<App>>,
    ConsoleStaff(staff): ConsoleStaff,
    Query(query): Query<HashMap<String, String>>,
) -> JsonResult {
    if let Some(unknown) = query.keys().find(|k| k.as_str() != "conversation_id") {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_query",
            format!("unknown parameter {unknown}; expected conversation_id"),
        ));
    }
    let conversation_id = query
        .get("conversation_id")
        .and_then(|raw| Uuid::parse_str(raw).ok())
        .ok_or_else(|| TextError::new("conversation_id", "must be a chat id"))?;
    let nudge = app
        .escalation
        .pending_nudge(&staff.account, conversation_id)
        .await?;
    Ok(axum::Json(json!({ "nudge": nudge })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dismissal {
    reason: String,
}

async fn dismiss_nudge(
    State(app): State<Arc<App>>,
    ConsoleStaff(staff): ConsoleStaff,
    Path(id): Path<String>,
    Json(input): Json<Dismissal>,
) -> JsonResult {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found("suggestion"))?;
    let nudge = app
        .escalation
        .dismiss_nudge(&staff.account, id, &input.reason)
        .await?;
    Ok(axum::Json(json!({ "nudge": nudge })))
}
