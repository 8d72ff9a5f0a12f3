//! The delivery worker: claims due events from the outbox, signs and POSTs
//! them, and records the outcome. Every node runs it; the store's claim (a
//! conditional update with a lease) makes sure each event is in flight on at
//! most one node at a time and that an organisation's events go out in order.
//!
//! Delivery is *at least once*: a node that dies after the receiver answered
//! but before it recorded the answer leaves the event to be sent again when
//! its lease runs out. Receivers deduplicate by `Yorisoi-Event-Id`.

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use rand::Rng;
use reqwest::header::CONTENT_TYPE;

use super::{signature, Claimed};
use crate::store::{Store, StoreError};

/// How the worker paces itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryConfig {
    /// How often it looks for due events when there were none.
    pub poll_interval: Duration,
    /// The wait before the first retry; doubled for each further failure.
    pub retry_base: Duration,
    /// The longest wait between two tries.
    pub retry_cap: Duration,
    /// How long one POST may take before it counts as failed.
    pub timeout: Duration,
    /// Events in flight at once on this node (each for a different organisation).
    pub concurrency: usize,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(1),
            retry_base: Duration::from_secs(5),
            retry_cap: Duration::from_secs(600),
            timeout: Duration::from_secs(10),
            concurrency: 4,
        }
    }
}

impl DeliveryConfig {
    /// How long a claim holds: twice the timeout and a few seconds, room
    /// enough to send and record the outcome. A claim older than this belongs
    /// to a node that went away mid-delivery (its event is sent again: at
    /// least once), so it stays short: 25 s with the default timeout.
    fn lease(&self) -> SignedDuration {
        SignedDuration::try_from(self.timeout * 2 + Duration::from_secs(5))
            .unwrap_or(SignedDuration::from_secs(25))
    }

    /// The wait after the `attempts`-th failed try: `retry_base` doubled per
    /// earlier failure, capped at `retry_cap`, then between half and all of
    /// that at random, so receivers coming back are not hit by every sender
    /// at the same instant.
    pub fn backoff(&self, attempts: i64) -> Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        let full = self
            .retry_base
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(self.retry_cap.max(self.retry_base));
        let half = full / 2;
        half + half.mul_f64(rand::thread_rng().gen_range(0.0..=1.0))
    }
}

/// Runs the worker until the task is aborted.
pub async fn run(store: Arc<dyn Store>, config: DeliveryConfig) {
    let client = match reqwest::Client::builder()
        .timeout(config.timeout)
        // A redirect is an answer other than 2xx: the configured URL is the
        // only place case data is sent.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Yorisoi-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "webhook delivery cannot start: no HTTP client");
            return;
        }
    };
    let workers = (0..config.concurrency.max(1)).map(|_| worker(&store, &client, config));
    futures_util::future::join_all(workers).await;
}

async fn worker(store: &Arc<dyn Store>, client: &reqwest::Client, config: DeliveryConfig) {
    loop {
        // Drain what is due, then wait for more.
        loop {
            match deliver_one(store.as_ref(), client, &config).await {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    tracing::warn!(%error, "webhook delivery: the store failed; trying again later");
                    break;
                }
            }
        }
        tokio::time::sleep(config.poll_interval).await;
    }
}

/// Claims and sends one due event; `false` when none was due.
pub async fn deliver_one(
    store: &dyn Store,
    client: &reqwest::Client,
    config: &DeliveryConfig,
) -> Result<bool, StoreError> {
    let now = Timestamp::now();
    let Some(claimed) = store
        .claim_webhook_event(now, later(now, config.lease()))
        .await?
    else {
        return Ok(false);
    };
    let id = claimed.event.id;
    match send(client, &claimed).await {
        Ok(()) => store.webhook_delivered(id, Timestamp::now()).await?,
        Err(error) => {
            let wait = config.backoff(claimed.event.attempts);
            let retry_at = later(
                Timestamp::now(),
                SignedDuration::try_from(wait).unwrap_or(SignedDuration::MAX),
            );
            tracing::info!(
                organisation_id = %claimed.event.organisation_id,
                sequence = claimed.event.sequence,
                attempts = claimed.event.attempts,
                %error,
                retry_in_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                "webhook delivery failed; will retry"
            );
            store.webhook_failed(id, retry_at, &error).await?;
        }
    }
    Ok(true)
}

/// POSTs one event, signed now. `Err` holds why it did not count as delivered.
async fn send(client: &reqwest::Client, claimed: &Claimed) -> Result<(), String> {
    let body = claimed.event.payload.clone().into_bytes();
    let sent_at = Timestamp::now().as_second();
    let response = client
        .post(&claimed.url)
        .header(CONTENT_TYPE, "application/json")
        .header(
            "Yorisoi-Signature",
            signature(&claimed.secret, sent_at, &body),
        )
        .header("Yorisoi-Event-Id", claimed.event.id.to_string())
        .header("Yorisoi-Event-Type", &claimed.event.event_type)
        .body(body)
        .send()
        .await
        .map_err(|error| {
            if error.is_timeout() {
                "timed out".to_owned()
            } else if error.is_connect() {
                format!("could not connect: {}", root_cause(&error))
            } else {
                error.to_string()
            }
        })?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("answered HTTP {}", status.as_u16()))
    }
}

fn later(now: Timestamp, wait: SignedDuration) -> Timestamp {
    now.checked_add(wait).unwrap_or(Timestamp::MAX)
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let config = DeliveryConfig {
            retry_base: Duration::from_secs(5),
            retry_cap: Duration::from_secs(600),
            ..DeliveryConfig::default()
        };
        for (attempts, full) in [(1, 5), (2, 10), (3, 20), (8, 600), (1000, 600)] {
            let wait = config.backoff(attempts);
            let full = Duration::from_secs(full);
            assert!(wait >= full / 2 && wait <= full, "{attempts}: {wait:?}");
        }
    }
}
