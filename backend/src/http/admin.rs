//! The administrator's API: accounts, partner organisations (and their
//! webhooks), lines, limits of
//! chats at once, and the audit log. Every route requires an admin session (and CSRF on changes).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post, put};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::auth::Admin;
use super::error::ApiError;
use super::json::Json;
use super::App;
use crate::consultation::ConsultationError;
use crate::lines::{self, LineInput};
use crate::staff::service::{AccountChange, NewAccount, NewOrganisation};
use crate::webhooks::{WebhookError, WebhookInput};

/// `/api/admin/…`.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route(
            "/api/admin/accounts",
            get(list_accounts).post(create_account),
        )
        .route("/api/admin/accounts/{id}", patch(change_account))
        .route(
            "/api/admin/accounts/{id}/capacity",
            put(set_account_capacity),
        )
        .route("/api/admin/capacity", get(capacity).put(set_capacity))
        .route(
            "/api/admin/organisations",
            get(list_organisations).post(create_organisation),
        )
        .route("/api/admin/organisations/{id}", put(update_organisation))
        .route(
            "/api/admin/organisations/{id}/webhook",
            get(webhook).put(set_webhook).delete(clear_webhook),
        )
        .route(
            "/api/admin/organisations/{id}/webhook/secret",
            post(rotate_webhook_secret),
        )
        .route("/api/admin/lines", get(list_lines))
        .route("/api/admin/lines/{id}", put(save_line).delete(delete_line))
        .route("/api/admin/audit", get(audit_log))
        .route("/api/admin/moderation", get(moderation_rules))
        .route(
            "/api/admin/moderation/reload",
            post(reload_moderation_rules),
        )
}

type JsonResult = Result<axum::Json<Value>, ApiError>;

async fn list_accounts(State(app): State<Arc<App>>, _: Admin) -> JsonResult {
    Ok(axum::Json(
        json!({ "accounts": app.staff.accounts().await? }),
    ))
}

async fn create_account(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Json(new): Json<NewAccount>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let account = app.staff.create_account(Some(&admin.account), new).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "account": account })),
    ))
}

async fn change_account(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Json(change): Json<AccountChange>,
) -> JsonResult {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found("account"))?;
    let account = app.staff.change_account(&admin.account, id, change).await?;
    Ok(axum::Json(json!({ "account": account })))
}

async fn list_organisations(State(app): State<Arc<App>>, _: Admin) -> JsonResult {
    Ok(axum::Json(
        json!({ "organisations": app.staff.organisations().await? }),
    ))
}

async fn create_organisation(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Json(new): Json<NewOrganisation>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let organisation = app.staff.create_organisation(&admin.account, new).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "organisation": organisation })),
    ))
}

async fn update_organisation(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Json(input): Json<NewOrganisation>,
) -> JsonResult {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found("organisation"))?;
    match app
        .staff
        .update_organisation(&admin.account, id, input)
        .await
    {
        Ok(organisation) => Ok(axum::Json(json!({ "organisation": organisation }))),
        Err(crate::staff::service::StaffError::NotFound) => {
            Err(ApiError::not_found("organisation"))
        }
        Err(other) => Err(other.into()),
    }
}

fn organisation_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::not_found("organisation"))
}

fn webhook_error(error: WebhookError) -> ApiError {
    match error {
        WebhookError::Invalid(text) => text.into(),
        WebhookError::NotFound => ApiError::not_found("organisation"),
        WebhookError::Store(store) => store.into(),
    }
}

/// An organisation's webhook settings and delivery status (never the secret).
async fn webhook(State(app): State<Arc<App>>, _: Admin, Path(id): Path<String>) -> JsonResult {
    let settings = app
        .webhooks
        .settings(organisation_id(&id)?)
        .await
        .map_err(webhook_error)?;
    Ok(axum::Json(json!({ "webhook": settings })))
}

/// Sets the URL and enabled flag; the first time, the answer carries the
/// secret the server made (the only time it is shown).
async fn set_webhook(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Json(input): Json<WebhookInput>,
) -> JsonResult {
    let settings = app
        .webhooks
        .set(&admin.account, organisation_id(&id)?, input)
        .await
        .map_err(webhook_error)?;
    Ok(axum::Json(json!({ "webhook": settings })))
}

/// Removes the URL; events not yet delivered are dropped.
async fn clear_webhook(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> JsonResult {
    let settings = app
        .webhooks
        .clear(&admin.account, organisation_id(&id)?)
        .await
        .map_err(webhook_error)?;
    Ok(axum::Json(json!({ "webhook": settings })))
}

/// A new secret, shown in this answer only.
async fn rotate_webhook_secret(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> JsonResult {
    let settings = app
        .webhooks
        .rotate_secret(&admin.account, organisation_id(&id)?)
        .await
        .map_err(webhook_error)?;
    Ok(axum::Json(json!({ "webhook": settings })))
}

/// Limits of chats at once: the default and accounts with their own.
async fn capacity(State(app): State<Arc<App>>, _: Admin) -> JsonResult {
    let limits = app.consultation.chat_limits().await.map_err(limit_error)?;
    Ok(axum::Json(json!(limits)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultCapacity {
    default_max_chats: i64,
}

async fn set_capacity(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Json(input): Json<DefaultCapacity>,
) -> JsonResult {
    let limits = app
        .consultation
        .set_default_max_chats(&admin.account, input.default_max_chats)
        .await
        .map_err(limit_error)?;
    Ok(axum::Json(json!(limits)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountCapacity {
    /// `null` removes the account's own limit (the default applies).
    max_chats: Option<i64>,
}

async fn set_account_capacity(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Json(input): Json<AccountCapacity>,
) -> JsonResult {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found("account"))?;
    let capacity = app
        .consultation
        .set_account_max_chats(&admin.account, id, input.max_chats)
        .await
        .map_err(limit_error)?;
    Ok(axum::Json(json!(capacity)))
}

fn limit_error(error: ConsultationError) -> ApiError {
    match error {
        ConsultationError::Invalid(text) => text.into(),
        ConsultationError::NotFound => ApiError::not_found("account"),
        ConsultationError::Store(store) => store.into(),
        other => ApiError::internal(&other),
    }
}

/// Lines as stored (both languages, sort order), for the editor.
async fn list_lines(State(app): State<Arc<App>>, _: Admin) -> JsonResult {
    Ok(axum::Json(json!({ "lines": app.store.lines().await? })))
}

async fn save_line(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Json(input): Json<LineInput>,
) -> JsonResult {
    let line = lines::save(app.store.as_ref(), &admin.account, &id, input).await?;
    Ok(axum::Json(json!({ "line": line })))
}

async fn delete_line(
    State(app): State<Arc<App>>,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    match lines::delete(app.store.as_ref(), &admin.account, &id).await {
        Ok(true) => Ok(StatusCode::NO_CONTENT),
        Ok(false) | Err(lines::LineError::Text(_)) => Err(ApiError::not_found("line")),
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditQuery {
    limit: Option<i64>,
}

async fn audit_log(
    State(app): State<Arc<App>>,
    _: Admin,
    Query(query): Query<AuditQuery>,
) -> JsonResult {
    let limit = query.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            "limit must be 1 to 1000",
        ));
    }
    Ok(axum::Json(
        json!({ "entries": app.store.audit_entries(limit).await? }),
    ))
}

/// Which moderation rules are in force.
async fn moderation_rules(State(app): State<Arc<App>>, _: Admin) -> JsonResult {
    Ok(axum::Json(json!({
        "ruleset_version": app.rules.current().ruleset_version(),
        "rules_dir": app.rules.directory().map(|dir| dir.display().to_string()),
    })))
}

/// Re-reads the rules directory. On any error the rules in force stay in force.
async fn reload_moderation_rules(State(app): State<Arc<App>>, Admin(admin): Admin) -> JsonResult {
    let outcome = app.rules.reload();
    let detail = match &outcome {
        Ok(classifier) => json!({ "ruleset_version": classifier.ruleset_version() }),
        Err(error) => json!({ "refused": error.to_string() }),
    };
    let audit = crate::audit::AuditEntry::now(
        Some(admin.account.id),
        "moderation.reload",
        "moderation:rules".into(),
        detail,
    );
    app.store.append_audit(&audit).await?;
    match outcome {
        Ok(classifier) => Ok(axum::Json(json!({ "ruleset_version": classifier.ruleset_version() }))),
        Err(crate::rules::RulesError::NotConfigured) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_configured",
            "no rules directory is configured (YORISOI_MODERATION_RULES_DIR); the built-in rules are in force",
        )),
        Err(error) => Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_rules", error.to_string())),
    }
}
