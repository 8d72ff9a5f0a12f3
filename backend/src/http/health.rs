//! Liveness and readiness for load balancers and orchestrators.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::App;

/// `/healthz` and `/readyz`.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

/// The process is alive and serving HTTP.
async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Ready only when the database and the bus answer within two seconds each.
async fn readyz(State(app): State<Arc<App>>) -> (StatusCode, Json<Value>) {
    let limit = Duration::from_secs(2);
    let database = matches!(
        tokio::time::timeout(limit, app.store.ping()).await,
        Ok(Ok(()))
    );
    let bus = matches!(
        tokio::time::timeout(limit, app.bus.ping()).await,
        Ok(Ok(()))
    );
    let status = if database && bus {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    (
        status,
        Json(json!({ "database": word(database), "bus": word(bus) })),
    )
}
