//! The HTTP surface: axum routers that translate between HTTP and the domain.
//! One `router()` per area, merged in [`router`]; security headers and body
//! limits apply to everything.
//!
//! - [`error`], [`json`]: error answers and JSON extraction.
//! - [`auth`]: staff sessions, CSRF and origin checks, role guards.
//! - [`health`]: `/healthz`, `/readyz`.
//! - [`public`]: what anyone may read (`/api/lines`).
//! - [`staff`]: sign-in and sign-out.
//! - [`admin`]: accounts, organisations, lines, audit log.
//! - [`openapi`]: the OpenAPI document of these routes.
//! - [`console`]: colleagues and canned replies for the staff console.
//! - [`salon`]: the public room list and the moderators' actions.
//! - [`cases`]: escalation cases for the escalating side and partner staff.
//! - [`teen`]: device tokens and history for teens (no account, no personal data).
//! - [`ws`]: the websocket upgrades `/ws/teen`, `/ws/staff`, `/ws/salon`, `/ws/moderator`.
//! - [`assets`]: the web front end, embedded in release builds.

pub mod admin;
pub mod assets;
pub mod auth;
pub mod cases;
pub mod console;
pub mod error;
pub mod health;
pub mod json;
pub mod openapi;
pub mod public;
pub mod salon;
pub mod staff;
pub mod teen;
pub mod ws;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;

use crate::bus::Bus;
use crate::consultation::ConsultationService;
use crate::ratelimit::KeyedLimiter;
use crate::staff::service::StaffService;
use crate::store::Store;

/// Everything a handler may use. Shared by `Arc`; holds no lock of its own.
pub struct App {
    /// Persistence.
    pub store: Arc<dyn Store>,
    /// Fan-out.
    pub bus: Arc<dyn Bus>,
    /// Staff accounts and sessions.
    pub staff: StaffService,
    /// Queue, pairing and chat.
    pub consultation: ConsultationService,
    /// Peer salon rooms and their moderation.
    pub salon: crate::salon::SalonService,
    /// Cases handed to partner organisations.
    pub escalation: crate::escalation::EscalationService,
    /// Partner organisations' webhook settings.
    pub webhooks: crate::webhooks::WebhookService,
    /// How this node delivers webhook events.
    pub webhook_delivery: crate::webhooks::delivery::DeliveryConfig,
    /// Moderation rules in force.
    pub rules: Arc<crate::rules::Rules>,
    /// The node's shared view of the queue.
    pub queue: crate::consultation::queue::QueueFeed,
    /// Websocket frames per device and per staff account.
    pub frame_limits: KeyedLimiter,
    /// New device tokens per client.
    pub device_limits: KeyedLimiter,
    /// Grace before a disconnected counsellor's chats return to the queue.
    pub requeue_grace: std::time::Duration,
    /// When quiet teens are prompted and their chats end.
    pub teen_idle: crate::consultation::IdlePolicy,
    /// Origins allowed to send state-changing requests.
    pub public_origins: Vec<String>,
    /// Whether rate limits key on `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// Staff session lifetime, for the cookie's Max-Age.
    pub session_seconds: i64,
}

/// Largest request body the API accepts. Lines with long descriptions fit easily.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole application.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(health::router())
        .merge(public::router())
        .merge(staff::router())
        .merge(admin::router())
        .merge(teen::router())
        .merge(console::router())
        .merge(salon::router())
        .merge(cases::router())
        .merge(openapi::router())
        .merge(ws::router())
        .fallback(assets::serve)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(security_headers))
        .with_state(app)
}

/// Content-Security-Policy for every response: our own scripts and styles only,
/// no inline script, no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

async fn security_headers(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // API answers may carry personal or staff data: never cache them anywhere.
    // Pages and assets may be cached but must be revalidated.
    let cache = if is_api { "no-store" } else { "no-cache" };
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(cache));
    response
}
