//! Websocket upgrades (`/ws/teen`, `/ws/staff`, `/ws/salon`, `/ws/moderator`, `/ws/partner`). Each checks `Origin` against the exact allow-list
//! (cross-site websocket hijacking) and sets every buffer limit explicitly:
//! axum's defaults (64 MiB messages, 128 KiB read buffer, unbounded write
//! buffer) would let one client hold megabytes.

use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::auth::{Moderation, Partner, Staff};
use super::error::ApiError;
use super::App;
use crate::protocol::HARD_FRAME_LIMIT;
use crate::realtime::connection;
use crate::realtime::moderator::ModeratorSession;
use crate::realtime::partner::PartnerSession;
use crate::realtime::salon::SalonSession;
use crate::realtime::staff::StaffSession;
use crate::realtime::teen::TeenSession;
use crate::staff::Role;

/// The websocket routes.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/ws/teen", get(teen))
        .route("/ws/staff", get(staff))
        .route("/ws/salon", get(salon))
        .route("/ws/moderator", get(moderator))
        .route("/ws/partner", get(partner))
}

/// Browsers always send `Origin` on websocket upgrades; require it and match it exactly.
fn require_origin(headers: &HeaderMap, app: &App) -> Result<(), ApiError> {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    match origin {
        Some(origin) if app.public_origins.contains(&origin) => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "bad_origin",
            "websocket from another site refused",
        )),
    }
}

fn limited(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    upgrade
        .max_message_size(HARD_FRAME_LIMIT)
        .max_frame_size(HARD_FRAME_LIMIT)
        // Small buffers: at 10,000 connections, tungstenite's 128 KiB default
        // read buffer alone would be over a gigabyte.
        .read_buffer_size(4 * 1024)
        .write_buffer_size(4 * 1024)
        .max_write_buffer_size(256 * 1024)
}

async fn teen(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    require_origin(&headers, &app)?;
    Ok(limited(upgrade).on_upgrade(move |socket| connection::run(socket, TeenSession::new(app))))
}

async fn staff(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    staff: Staff,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    require_origin(&headers, &app)?;
    if !matches!(staff.account.role, Role::Counselor | Role::Supervisor) {
        return Err(ApiError::forbidden());
    }
    Ok(limited(upgrade).on_upgrade(move |socket| {
        connection::run(socket, StaffSession::new(app, staff.account, staff.token))
    }))
}

async fn salon(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    require_origin(&headers, &app)?;
    Ok(limited(upgrade).on_upgrade(move |socket| connection::run(socket, SalonSession::new(app))))
}

async fn moderator(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Moderation(staff): Moderation,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    require_origin(&headers, &app)?;
    Ok(limited(upgrade).on_upgrade(move |socket| {
        connection::run(
            socket,
            ModeratorSession::new(app, staff.account, staff.token),
        )
    }))
}

/// Partner staff only (other roles are refused here, before the upgrade), and
/// only with an organisation.
async fn partner(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Partner(staff): Partner,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    require_origin(&headers, &app)?;
    let Some(organisation) = staff.account.organisation_id else {
        return Err(ApiError::forbidden());
    };
    Ok(limited(upgrade).on_upgrade(move |socket| {
        connection::run(
            socket,
            PartnerSession::new(app, staff.account, staff.token, organisation),
        )
    }))
}
