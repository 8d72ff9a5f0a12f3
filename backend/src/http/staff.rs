//! Staff sign-in and sign-out.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;
use serde_json::json;

use super::auth::{check_origin, session_clear_cookie, session_set_cookie, ClientKey, Staff};
use super::error::ApiError;
use super::json::Json;
use super::App;

/// `/api/staff/session`.
pub fn router() -> Router<Arc<App>> {
    Router::new().route(
        "/api/staff/session",
        post(sign_in).get(current).delete(sign_out),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    username: String,
    password: String,
}

/// Checks the password, sets a fresh session cookie and returns the CSRF token.
async fn sign_in(
    State(app): State<Arc<App>>,
    ClientKey(client): ClientKey,
    headers: HeaderMap,
    Json(credentials): Json<Credentials>,
) -> Result<Response, ApiError> {
    // No session yet, so no CSRF token: the origin check stops login CSRF.
    check_origin(&headers, &app.public_origins)?;
    if credentials.username.len() > 64 || credentials.password.len() > 1024 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            "username or password too long",
        ));
    }
    let signed_in = app
        .staff
        .sign_in(&credentials.username, &credentials.password, &client)
        .await?;
    let body = json!({ "account": signed_in.account, "csrf_token": signed_in.session.csrf_token });
    Ok((
        [(
            header::SET_COOKIE,
            session_set_cookie(&signed_in.token, app.session_seconds),
        )],
        axum::Json(body),
    )
        .into_response())
}

/// Who is signed in, with the CSRF token the page needs.
async fn current(staff: Staff) -> axum::Json<serde_json::Value> {
    axum::Json(json!({ "account": staff.account, "csrf_token": staff.session.csrf_token }))
}

/// Ends this session and clears the cookie.
async fn sign_out(State(app): State<Arc<App>>, staff: Staff) -> Result<Response, ApiError> {
    app.staff.sign_out(staff.account.id, &staff.token).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session_clear_cookie())],
    )
        .into_response())
}
