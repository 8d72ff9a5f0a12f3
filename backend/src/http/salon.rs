//! The salon over HTTP: the public list of rooms, and every moderator action
//! (each audited with its reason). Live delivery is on `/ws/salon` and
//! `/ws/moderator`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::auth::Moderation;
use super::error::ApiError;
use super::json::Json;
use super::App;
use crate::salon::model::{RoomControls, RoomInput};
use crate::salon::MemberAction;

/// `/api/salon/rooms` (public) and `/api/moderation/…` (moderators, supervisors).
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/api/salon/rooms", get(public_rooms))
        .route("/api/moderation/rooms", get(staff_rooms))
        .route(
            "/api/moderation/rooms/{id}",
            put(save_room).patch(control_room).delete(delete_room),
        )
        .route("/api/moderation/rooms/{id}/messages", post(post_message))
        .route(
            "/api/moderation/rooms/{id}/messages/{seq}/hide",
            post(hide_message),
        )
        .route("/api/moderation/held", get(held))
        .route("/api/moderation/held/{post_id}/approve", post(approve))
        .route("/api/moderation/held/{post_id}/reject", post(reject))
        .route(
            "/api/moderation/members/{member_id}/actions",
            post(act_on_member),
        )
        .route("/api/moderation/bans", get(bans))
        .route("/api/moderation/bans/{id}/lift", post(lift_ban))
        .route("/api/moderation/reports", get(reports))
        .route("/api/moderation/reports/{id}/resolve", post(resolve_report))
        .route("/api/moderation/audit", get(audit))
}

/// Every room as participants see it, with how many are present (a count,
/// never who): the room list says how lively each room is before joining.
async fn public_rooms(State(app): State<Arc<App>>) -> Result<axum::Json<Value>, ApiError> {
    let rooms: Vec<Value> = app
        .salon
        .staff_rooms(jiff::Timestamp::now())
        .await?
        .into_iter()
        .map(|room| {
            let mut view = json!(room.view);
            view["present_count"] = json!(room.present.len());
            view
        })
        .collect();
    Ok(axum::Json(json!({ "rooms": rooms })))
}

async fn staff_rooms(
    State(app): State<Arc<App>>,
    _: Moderation,
) -> Result<axum::Json<Value>, ApiError> {
    let rooms = app.salon.staff_rooms(jiff::Timestamp::now()).await?;
    Ok(axum::Json(json!({ "rooms": rooms })))
}

async fn save_room(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(id): Path<String>,
    Json(input): Json<RoomInput>,
) -> Result<axum::Json<Value>, ApiError> {
    let room = app.salon.save_room(&staff.account, &id, input).await?;
    let view = app
        .salon
        .room_view(room.id.as_str(), jiff::Timestamp::now())
        .await?;
    Ok(axum::Json(json!({ "room": view })))
}

async fn control_room(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(id): Path<String>,
    Json(controls): Json<RoomControls>,
) -> Result<axum::Json<Value>, ApiError> {
    let room = app
        .salon
        .control_room(&staff.account, &id, controls)
        .await?;
    let view = app
        .salon
        .room_view(room.id.as_str(), jiff::Timestamp::now())
        .await?;
    Ok(axum::Json(json!({ "room": view })))
}

async fn delete_room(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    app.salon.delete_room(&staff.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageInput {
    client_msg_id: String,
    body: String,
}

async fn post_message(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(id): Path<String>,
    Json(input): Json<MessageInput>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let posted = app
        .salon
        .post_as_staff(&staff.account, &id, &input.client_msg_id, &input.body)
        .await?;
    let status = if posted.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((
        status,
        axum::Json(json!({
            "post_id": posted.post.id, "seq": posted.post.seq, "duplicate": posted.duplicate,
        })),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonInput {
    reason: String,
}

async fn hide_message(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path((id, seq)): Path<(String, i64)>,
    Json(input): Json<ReasonInput>,
) -> Result<StatusCode, ApiError> {
    app.salon
        .hide(&staff.account, &id, seq, &input.reason)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn held(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
) -> Result<axum::Json<Value>, ApiError> {
    let held = app.salon.held(&staff.account).await?;
    let withheld = app.salon.withheld(&staff.account).await?;
    Ok(axum::Json(json!({ "held": held, "withheld": withheld })))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct OptionalReason {
    #[serde(default)]
    reason: Option<String>,
}

async fn approve(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(post_id): Path<Uuid>,
    Json(input): Json<OptionalReason>,
) -> Result<axum::Json<Value>, ApiError> {
    decide(&app, &staff.account, post_id, true, input.reason).await
}

async fn reject(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(post_id): Path<Uuid>,
    Json(input): Json<OptionalReason>,
) -> Result<axum::Json<Value>, ApiError> {
    decide(&app, &staff.account, post_id, false, input.reason).await
}

async fn decide(
    app: &App,
    actor: &crate::staff::Account,
    post_id: Uuid,
    approve: bool,
    reason: Option<String>,
) -> Result<axum::Json<Value>, ApiError> {
    let post = app
        .salon
        .decide(actor, post_id, approve, reason.as_deref())
        .await?;
    Ok(axum::Json(
        json!({ "post_id": post.id, "state": post.state, "seq": post.seq }),
    ))
}

async fn act_on_member(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(member_id): Path<Uuid>,
    Json(action): Json<MemberAction>,
) -> Result<StatusCode, ApiError> {
    app.salon
        .act_on_member(&staff.account, member_id, action)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn bans(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
) -> Result<axum::Json<Value>, ApiError> {
    let bans = app.salon.bans(&staff.account).await?;
    Ok(axum::Json(json!({ "bans": bans })))
}

async fn lift_ban(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(id): Path<Uuid>,
    Json(input): Json<ReasonInput>,
) -> Result<StatusCode, ApiError> {
    app.salon
        .lift_ban(&staff.account, id, &input.reason)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportFilter {
    #[serde(default)]
    state: Option<String>,
}

async fn reports(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Query(filter): Query<ReportFilter>,
) -> Result<axum::Json<Value>, ApiError> {
    let open_only = match filter.state.as_deref() {
        None | Some("open") => true,
        Some("all") => false,
        Some(_) => return Err(crate::text::TextError::new("state", "must be open or all").into()),
    };
    let reports = app.salon.reports(&staff.account, open_only).await?;
    Ok(axum::Json(json!({ "reports": reports })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolutionInput {
    resolution: String,
}

async fn resolve_report(
    State(app): State<Arc<App>>,
    Moderation(staff): Moderation,
    Path(id): Path<Uuid>,
    Json(input): Json<ResolutionInput>,
) -> Result<StatusCode, ApiError> {
    app.salon
        .resolve_report(&staff.account, id, &input.resolution)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditFilter {
    #[serde(default)]
    limit: Option<i64>,
}

async fn audit(
    State(app): State<Arc<App>>,
    _: Moderation,
    Query(filter): Query<AuditFilter>,
) -> Result<axum::Json<Value>, ApiError> {
    let entries = app.salon.audit_log(filter.limit.unwrap_or(200)).await?;
    // Supervisors read who did what by name, not by account id.
    let names: std::collections::HashMap<Uuid, String> = app
        .staff
        .accounts()
        .await?
        .into_iter()
        .map(|account| (account.id, account.display_name))
        .collect();
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|entry| {
            let mut value = json!(entry);
            if let Some(name) = entry.actor_id.and_then(|id| names.get(&id)) {
                value["actor_name"] = json!(name);
            }
            value
        })
        .collect();
    Ok(axum::Json(json!({ "entries": entries })))
}
