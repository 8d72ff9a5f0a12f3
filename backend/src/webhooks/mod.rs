//! Outbound webhooks: a partner organisation with a system of its own gets
//! every change of its released cases as a signed HTTP POST.
//!
//! - The store writes one *outbox* row per event in the same transaction as
//!   the case change (see `store::webhook_sql`), numbered per organisation,
//!   holding the exact JSON body built here by [`event_body`]: the partner's
//!   view of the case at the change, never the conversation id, staff account
//!   ids or anything about the device.
//! - [`delivery`] is the background worker: it claims the oldest undelivered
//!   event of an organisation, signs it ([`signature`]) and POSTs it, retrying
//!   with capped exponential backoff for as long as it takes. An
//!   organisation's events go out strictly in order; one that fails holds back
//!   the later ones of that organisation only.
//! - [`WebhookService`]: the administrator's settings (URL, enabled, a secret
//!   the server generates and shows once) and a delivery status, audited.
//!
//! `docs/webhooks.md` is the partner-facing description of all this.

pub mod delivery;

use std::sync::Arc;

use hmac::{Hmac, Mac};
use jiff::Timestamp;
use rand::RngCore;
use serde::Serialize;
use serde_json::{json, Value};
use sha2::Sha256;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::escalation::model::Case;
use crate::staff::Account;
use crate::store::{Store, StoreError};
use crate::text::TextError;

/// What happened to a case, as a webhook event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EventType {
    /// The partner may see the case from now (created, or an emergency confirmed).
    Released,
    /// The case moved along its lifecycle.
    StatusChanged,
    /// Either side added a note.
    NoteAdded,
}

impl EventType {
    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Released => "case.released",
            Self::StatusChanged => "case.status_changed",
            Self::NoteAdded => "case.note_added",
        }
    }
}

/// The JSON body of one event, exactly as it is stored and sent: the
/// partner's view of the case (`escalation::partner_case`) without its
/// urgency clock. `extra` holds the fields particular to the type (`note`,
/// `previous_status`).
pub fn event_body(
    id: Uuid,
    event_type: EventType,
    sequence: i64,
    occurred_at: Timestamp,
    case: &Case,
    extra: Value,
) -> String {
    let mut view = crate::escalation::partner_case(case);
    // The urgency clock (deadline, overdue) is what a screen shows at the
    // moment it reads the case, computed from the operator's settings; it is
    // not part of a change, and the store that writes this body in the
    // change's transaction does not know those settings. Partners' systems
    // get the facts (urgency, released_at, status) instead.
    if let Some(view) = view.as_object_mut() {
        for clock_field in ["ack_due_at", "overdue"] {
            view.remove(clock_field);
        }
    }
    let mut body = json!({
        "id": id,
        "type": event_type.as_str(),
        "sequence": sequence,
        "occurred_at": occurred_at,
        "organisation_id": case.organisation_id,
        "case": view,
    });
    if let (Some(body), Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    body.to_string()
}

/// The `Yorisoi-Signature` header for `body` sent at `timestamp` (Unix
/// seconds): `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length; this cannot fail.
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// A new signing secret: 256 random bits as 64 lowercase hex characters.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("yws_{hex}")
}

/// Longest URL accepted.
const MAX_URL_CHARS: usize = 2000;

/// Checks a webhook URL: `https://` anywhere, or `http://` only to a loopback
/// host (a receiver on the same machine, or a local trial). Case data never
/// crosses a network unencrypted. No credentials in the URL (they would show
/// in logs); the receiver authenticates us by the signature instead.
pub fn parse_url(raw: &str) -> Result<String, TextError> {
    const FIELD: &str = "url";
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().count() > MAX_URL_CHARS {
        return Err(TextError::new(
            FIELD,
            format!("must be 1 to {MAX_URL_CHARS} characters"),
        ));
    }
    let url = reqwest::Url::parse(raw)
        .map_err(|_| TextError::new(FIELD, "must be an absolute https:// URL"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(TextError::new(
            FIELD,
            "must not carry credentials; the receiver checks the signature instead",
        ));
    }
    if url.fragment().is_some() {
        return Err(TextError::new(FIELD, "must not have a #fragment"));
    }
    let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
        return Err(TextError::new(FIELD, "must name a host"));
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(url.to_string()),
        "http" if loopback => Ok(url.to_string()),
        "http" => Err(TextError::new(
            FIELD,
            "must be https:// (plain http:// only to a loopback address such as 127.0.0.1)",
        )),
        _ => Err(TextError::new(FIELD, "must be an https:// URL")),
    }
}

/// An organisation's webhook as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Whose.
    pub organisation_id: Uuid,
    /// Where events go; `None`: no webhook (no events are recorded).
    pub url: Option<String>,
    /// The signing secret (never shown after it was created or rotated).
    pub secret: String,
    /// Delivery on; while off, events are recorded and wait.
    pub enabled: bool,
    /// The sequence number of the organisation's latest event.
    pub last_sequence: i64,
    /// When it was first set up.
    pub created_at: Timestamp,
    /// When its settings last changed.
    pub updated_at: Timestamp,
}

/// How delivery to an organisation is going.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeliveryStatus {
    /// The latest sequence number delivered, if any.
    pub last_delivered_sequence: Option<i64>,
    /// When it was delivered.
    pub last_delivered_at: Option<Timestamp>,
    /// Events recorded and not yet delivered.
    pub pending: i64,
    /// The oldest undelivered event (the one being tried), if any.
    pub next_sequence: Option<i64>,
    /// How many times it was tried.
    pub next_attempts: i64,
    /// When it is tried again.
    pub next_attempt_at: Option<Timestamp>,
    /// Why its last try failed.
    pub last_error: Option<String>,
}

/// One event in an organisation's outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEvent {
    /// The event id, sent as the idempotency key.
    pub id: Uuid,
    /// Whose.
    pub organisation_id: Uuid,
    /// Its number in the organisation's order, from 1.
    pub sequence: i64,
    /// `case.released`, `case.status_changed` or `case.note_added`.
    pub event_type: String,
    /// The case it is about.
    pub case_id: Uuid,
    /// The JSON body, exactly as sent.
    pub payload: String,
    /// When it was delivered.
    pub delivered_at: Option<Timestamp>,
    /// Tries so far.
    pub attempts: i64,
    /// Why the last try failed.
    pub last_error: Option<String>,
}

/// An event claimed for delivery, with where and how to send it.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// The event.
    pub event: OutboxEvent,
    /// The organisation's URL.
    pub url: String,
    /// The organisation's secret.
    pub secret: String,
}

/// The webhook as an administrator sees it (never the secret, except once in
/// [`WebhookSettings::secret`] right after it was made).
#[derive(Debug, Clone, Serialize)]
pub struct WebhookSettings {
    /// Whose.
    pub organisation_id: Uuid,
    /// Where events go (`null`: none).
    pub url: Option<String>,
    /// Delivery on.
    pub enabled: bool,
    /// A secret exists (it is shown only once).
    pub has_secret: bool,
    /// The new secret, only in the answer that created or rotated it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The latest event's sequence number.
    pub last_sequence: i64,
    /// How delivery is going.
    pub status: DeliveryStatus,
}

/// Why a webhook setting was refused.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// A field is invalid.
    #[error(transparent)]
    Invalid(#[from] TextError),
    /// No such organisation (or, for a rotation, no webhook yet).
    #[error("not found")]
    NotFound,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an administrator asks for.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookInput {
    /// Where events go.
    pub url: String,
    /// Delivery on (default true).
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

/// The administrators' webhook settings.
pub struct WebhookService {
    store: Arc<dyn Store>,
}

impl WebhookService {
    /// Over `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// The webhook of an organisation (a blank one if none was set up).
    pub async fn settings(&self, organisation_id: Uuid) -> Result<WebhookSettings, WebhookError> {
        self.store
            .organisation(organisation_id)
            .await?
            .ok_or(WebhookError::NotFound)?;
        self.answer(organisation_id, None).await
    }

    /// Sets the URL and the enabled flag. The first time, the server makes a
    /// secret and this answer is the only one that shows it.
    pub async fn set(
        &self,
        actor: &Account,
        organisation_id: Uuid,
        input: WebhookInput,
    ) -> Result<WebhookSettings, WebhookError> {
        let url = parse_url(&input.url)?;
        let candidate = new_secret();
        let audit = AuditEntry::now(
            Some(actor.id),
            "organisation.webhook.set",
            format!("organisation:{organisation_id}"),
            json!({ "url": url, "enabled": input.enabled }),
        );
        let stored = match self
            .store
            .set_webhook(organisation_id, &url, input.enabled, &candidate, &audit)
            .await
        {
            Err(StoreError::MissingReference) => return Err(WebhookError::NotFound),
            other => other?,
        };
        let shown = (stored.secret == candidate).then_some(candidate);
        self.answer(organisation_id, shown).await
    }

    /// Replaces the secret; this answer is the only one that shows the new one.
    /// Events still waiting are signed with it from now on.
    pub async fn rotate_secret(
        &self,
        actor: &Account,
        organisation_id: Uuid,
    ) -> Result<WebhookSettings, WebhookError> {
        let secret = new_secret();
        let audit = AuditEntry::now(
            Some(actor.id),
            "organisation.webhook.rotate_secret",
            format!("organisation:{organisation_id}"),
            json!({}),
        );
        if !self
            .store
            .rotate_webhook_secret(organisation_id, &secret, &audit)
            .await?
        {
            return Err(WebhookError::NotFound);
        }
        self.answer(organisation_id, Some(secret)).await
    }

    /// Removes the URL: no more events are recorded, and those not yet
    /// delivered are dropped. The secret and the numbering stay.
    pub async fn clear(
        &self,
        actor: &Account,
        organisation_id: Uuid,
    ) -> Result<WebhookSettings, WebhookError> {
        self.store
            .organisation(organisation_id)
            .await?
            .ok_or(WebhookError::NotFound)?;
        let audit = AuditEntry::now(
            Some(actor.id),
            "organisation.webhook.clear",
            format!("organisation:{organisation_id}"),
            json!({}),
        );
        let dropped = self.store.clear_webhook(organisation_id, &audit).await?;
        if dropped > 0 {
            tracing::info!(%organisation_id, dropped, "webhook cleared; undelivered events dropped");
        }
        self.answer(organisation_id, None).await
    }

    async fn answer(
        &self,
        organisation_id: Uuid,
        secret: Option<String>,
    ) -> Result<WebhookSettings, WebhookError> {
        let endpoint = self.store.webhook(organisation_id).await?;
        let status = self.store.webhook_status(organisation_id).await?;
        Ok(WebhookSettings {
            organisation_id,
            url: endpoint.as_ref().and_then(|e| e.url.clone()),
            enabled: endpoint.as_ref().is_some_and(|e| e.enabled),
            has_secret: endpoint.is_some(),
            secret,
            last_sequence: endpoint.as_ref().map_or(0, |e| e.last_sequence),
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_hmac_sha256_of_timestamp_dot_body() {
        let header = signature("Jefe", 1_700_000_000, b"{\"a\":1}");
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").expect("key");
        mac.update(b"1700000000.{\"a\":1}");
        let expected: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(header, format!("t=1700000000,v1={expected}"));
        assert_eq!(expected.len(), 64);
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").expect("key");
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn secrets_are_long_and_random() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 4 + 64);
    }

    #[test]
    fn urls_are_https_or_loopback_http() {
        assert!(parse_url("https://partner.example.jp/hooks/yorisoi").is_ok());
        assert!(parse_url("http://127.0.0.1:9000/hook").is_ok());
        assert!(parse_url("http://localhost:9000/hook").is_ok());
        assert!(parse_url("http://[::1]:9000/hook").is_ok());
        for bad in [
            "",
            "partner.example.jp/hook",
            "http://partner.example.jp/hook",
            "http://10.0.0.5/hook",
            "ftp://partner.example.jp/hook",
            "file:///etc/passwd",
            "https://user:pw@partner.example.jp/hook",
            "https://partner.example.jp/hook#x",
        ] {
            let error = parse_url(bad).expect_err(bad);
            assert_eq!(error.field, "url", "{bad}");
        }
    }
}
