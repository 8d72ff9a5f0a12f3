//! Assembling and running a node: connect the store and bus, migrate, serve
//! HTTP until shutdown, and run periodic housekeeping.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;

use crate::config::Config;
use crate::consultation::queue::QueueFeed;
use crate::consultation::ConsultationService;
use crate::http::{self, App};
use crate::ratelimit::KeyedLimiter;
use crate::rules::Rules;
use crate::salon::SalonService;
use crate::staff::service::StaffService;
use crate::staff::throttle::SignInThrottle;
use crate::{bus, store};

/// Connects to the configured database and bus and applies migrations.
pub async fn build(config: &Config) -> anyhow::Result<Arc<App>> {
    let store = store::connect(&config.database)
        .await
        .map_err(|e| anyhow::anyhow!("database: {e}"))?;
    store
        .migrate()
        .await
        .map_err(|e| anyhow::anyhow!("database migration: {e}"))?;
    let bus = bus::connect(config.redis_url.as_ref().map(|url| url.0.as_str()))
        .await
        .map_err(|e| anyhow::anyhow!("redis: {e}"))?;
    let rules = Arc::new(
        Rules::load(config.moderation_rules_dir.clone())
            .map_err(|e| anyhow::anyhow!("YORISOI_MODERATION_RULES_DIR: {e}"))?,
    );
    Ok(Arc::new(App {
        staff: StaffService::new(
            store.clone(),
            bus.clone(),
            config.session_hours,
            SignInThrottle::default(),
        ),
        consultation: ConsultationService::new(store.clone(), bus.clone(), rules.clone()),
        salon: SalonService::new(store.clone(), bus.clone(), rules.clone()),
        escalation: crate::escalation::EscalationService::new(
            store.clone(),
            bus.clone(),
            config.case_clocks,
        ),
        webhooks: crate::webhooks::WebhookService::new(store.clone()),
        webhook_delivery: config.webhooks,
        rules,
        queue: QueueFeed::start(store.clone(), bus.clone()),
        // 30 frames at once, then 5 a second: typing, reading and sending fit easily.
        frame_limits: KeyedLimiter::new(30, Duration::from_millis(200)),
        // A burst of a minute's worth, then the configured rate.
        device_limits: KeyedLimiter::new(
            config.new_devices_per_minute,
            Duration::from_secs(60) / config.new_devices_per_minute,
        ),
        teen_idle: config.teen_idle,
        requeue_grace: config.requeue_grace,
        store,
        bus,
        public_origins: config.public_origins.clone(),
        trust_forwarded_for: config.trust_forwarded_for,
        session_seconds: i64::from(config.session_hours) * 3600,
    }))
}

/// Serves `app` on `listener` until `shutdown` completes, then drains requests.
pub async fn run(
    listener: TcpListener,
    app: Arc<App>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let housekeeping = tokio::spawn(housekeeping(app.clone()));
    let salon_watch = tokio::spawn(salon_watch(app.clone()));
    let sweeper = tokio::spawn(sweep(app.clone()));
    let case_clocks = tokio::spawn(case_clocks(app.clone()));
    let lost_consoles = tokio::spawn(lost_consoles(app.clone()));
    // Every node delivers; the store's claims keep each event on one node at a time.
    let webhooks = tokio::spawn(crate::webhooks::delivery::run(
        app.store.clone(),
        app.webhook_delivery,
    ));
    let service = http::router(app).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await;
    housekeeping.abort();
    salon_watch.abort();
    sweeper.abort();
    case_clocks.abort();
    lost_consoles.abort();
    webhooks.abort();
    result
}

/// Consultation duties (quiet teens, closing time), a few times per prompt period.
async fn sweep(app: Arc<App>) {
    let prompt = app.teen_idle.prompt_after.unsigned_abs();
    let period = (prompt / 4).clamp(Duration::from_millis(200), Duration::from_secs(30));
    let mut tick = tokio::time::interval(period);
    loop {
        tick.tick().await;
        if let Err(error) = app
            .consultation
            .sweep(jiff::Timestamp::now(), app.teen_idle)
            .await
        {
            tracing::warn!(%error, "consultation sweep failed");
        }
    }
}

/// Rooms open and close with the clock (their hours) and with moderators whose
/// node went away without a word: tell the rooms' participants when that
/// happens, rather than at their next refused post.
async fn salon_watch(app: Arc<App>) {
    let mut tick = tokio::time::interval(Duration::from_secs(15));
    let mut known = std::collections::HashMap::new();
    loop {
        tick.tick().await;
        if let Err(error) = app
            .salon
            .announce_availability(jiff::Timestamp::now(), &mut known)
            .await
        {
            tracing::warn!(%error, "salon availability check failed");
        }
    }
}

/// Escalation cases past their deadlines alert supervisors. Every node checks;
/// the store lets each alert fire once.
async fn case_clocks(app: Arc<App>) {
    let mut tick = tokio::time::interval(Duration::from_secs(10));
    loop {
        tick.tick().await;
        if let Err(error) = app.escalation.check_clocks(jiff::Timestamp::now()).await {
            tracing::warn!(%error, "case clock check failed");
        }
    }
}

/// Counsellors whose node died get their chats requeued by the other nodes.
/// Their consoles' rows went stale; but so does every row while the database is
/// down (no heartbeat is written), so this node first reaches the store for one
/// whole staleness period. An outage long enough to stale a row (50 s without a
/// heartbeat) cannot fall between two of these 15 s looks.
async fn lost_consoles(app: Arc<App>) {
    let stale_after = crate::consultation::assignment::CONSOLE_STALE_AFTER.unsigned_abs();
    let mut tick = tokio::time::interval(Duration::from_secs(15));
    let mut reachable_since: Option<tokio::time::Instant> = None;
    loop {
        tick.tick().await;
        let trusted = reachable_since.is_some_and(|since| since.elapsed() >= stale_after);
        let reached = if trusted {
            match app.consultation.requeue_lost_consoles().await {
                Ok(_) => true,
                Err(error) => {
                    tracing::warn!(%error, "could not requeue the chats of lost consoles");
                    false
                }
            }
        } else {
            app.store.ping().await.is_ok()
        };
        reachable_since =
            reached.then(|| reachable_since.unwrap_or_else(tokio::time::Instant::now));
    }
}

/// Every ten minutes: drop expired sessions and idle rate-limit keys.
async fn housekeeping(app: Arc<App>) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(error) = app.staff.housekeeping().await {
            tracing::warn!(%error, "housekeeping failed");
        }
        if let Err(error) = app.consultation.forget_expired_codes().await {
            tracing::warn!(%error, "housekeeping failed");
        }
        // Delivered webhook events are kept a week for the status and for
        // questions from partners, then forgotten.
        let week = jiff::SignedDuration::from_hours(24 * 7);
        if let Ok(week_ago) = jiff::Timestamp::now().checked_sub(week) {
            if let Err(error) = app.store.prune_webhook_events(week_ago).await {
                tracing::warn!(%error, "housekeeping failed");
            }
        }
        app.frame_limits.forget_idle();
        app.device_limits.forget_idle();
    }
}
