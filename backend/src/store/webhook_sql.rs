//! Webhook statements, shared by both engines like `sql.rs`: organisations'
//! endpoints, the outbox written with case changes, and delivery claims.

use uuid::Uuid;

use super::{from_millis, StoreResult};
use crate::webhooks::{Endpoint, OutboxEvent};

pub(super) const ENDPOINT_COLUMNS: &str =
    "organisation_id, url, secret, enabled, last_sequence, created_at, updated_at";

pub(super) const OUTBOX_COLUMNS: &str = "id, organisation_id, sequence, event_type, case_id, \
     payload, delivered_at, attempts, last_error";

#[derive(sqlx::FromRow)]
pub(super) struct EndpointRow {
    organisation_id: Uuid,
    url: Option<String>,
    secret: String,
    enabled: bool,
    last_sequence: i64,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<EndpointRow> for Endpoint {
    type Error = super::StoreError;
    fn try_from(row: EndpointRow) -> StoreResult<Self> {
        Ok(Endpoint {
            organisation_id: row.organisation_id,
            url: row.url,
            secret: row.secret,
            enabled: row.enabled,
            last_sequence: row.last_sequence,
            created_at: from_millis(row.created_at)?,
            updated_at: from_millis(row.updated_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct OutboxRow {
    id: Uuid,
    organisation_id: Uuid,
    sequence: i64,
    event_type: String,
    case_id: Uuid,
    payload: String,
    delivered_at: Option<i64>,
    attempts: i32,
    last_error: Option<String>,
}

impl TryFrom<OutboxRow> for OutboxEvent {
    type Error = super::StoreError;
    fn try_from(row: OutboxRow) -> StoreResult<Self> {
        Ok(OutboxEvent {
            id: row.id,
            organisation_id: row.organisation_id,
            sequence: row.sequence,
            event_type: row.event_type,
            case_id: row.case_id,
            payload: row.payload,
            delivered_at: row.delivered_at.map(from_millis).transpose()?,
            attempts: i64::from(row.attempts),
            last_error: row.last_error,
        })
    }
}

/// How a claim passes over events other nodes are claiming at this moment.
/// PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two nodes claiming at once take
/// two organisations' heads instead of one waiting for the other and then
/// finding nothing. SQLite: nothing to add, `BEGIN IMMEDIATE` already lets
/// one claim run at a time.
pub(super) trait ClaimLock {
    const SKIP_LOCKED: &'static str;
}

impl ClaimLock for super::sqlite::SqliteStore {
    const SKIP_LOCKED: &'static str = "";
}

impl ClaimLock for super::postgres::PgStore {
    const SKIP_LOCKED: &'static str = "FOR UPDATE OF o SKIP LOCKED";
}

/// Longest error text kept for an administrator to read.
pub(super) fn clip_error(error: &str) -> String {
    error.chars().take(500).collect()
}

/// Implements [`super::WebhookStore`] for a store type (see `sql.rs`), and
/// `record_webhook_event`, which the escalation statements call inside their
/// transactions.
macro_rules! impl_webhook_store {
    ($store:ty) => {
        /// Records an event about a case in its organisation's outbox, inside the
        /// transaction of the change: only when the case is released and its
        /// organisation has a webhook URL. The sequence number comes from the
        /// endpoint row, whose lock (PostgreSQL) or the write lock (SQLite) is
        /// held to the commit, so numbers commit in order and without gaps.
        async fn record_webhook_event(
            tx: &mut sqlx::Transaction<'_, <$store as $crate::store::sql::Engine>::Db>,
            case_id: uuid::Uuid,
            event_type: $crate::webhooks::EventType,
            occurred_at: i64,
            extra: impl FnOnce(&$crate::escalation::model::Case) -> serde_json::Value + Send,
        ) -> $crate::store::StoreResult<()> {
            let next: Option<(uuid::Uuid, i64)> = sqlx::query_as(
                "UPDATE webhook_endpoints SET last_sequence = last_sequence + 1 \
                 WHERE url IS NOT NULL AND organisation_id = \
                 (SELECT organisation_id FROM escalation_cases WHERE id = $1 AND released_at IS NOT NULL) \
                 RETURNING organisation_id, last_sequence",
            )
            .bind(case_id)
            .fetch_optional(&mut **tx)
            .await?;
            let Some((organisation_id, sequence)) = next else {
                return Ok(());
            };
            let case = load_case(&mut **tx, case_id).await?.ok_or_else(|| {
                $crate::store::StoreError::Corrupt(format!("case {case_id} vanished mid-transaction"))
            })?;
            let id = uuid::Uuid::new_v4();
            let body = $crate::webhooks::event_body(
                id,
                event_type,
                sequence,
                $crate::store::from_millis(occurred_at)?,
                &case,
                extra(&case),
            );
            sqlx::query(
                "INSERT INTO webhook_outbox \
                 (id, organisation_id, sequence, event_type, case_id, payload, created_at, attempts, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $7)",
            )
            .bind(id)
            .bind(organisation_id)
            .bind(sequence)
            .bind(event_type.as_str())
            .bind(case_id)
            .bind(body)
            .bind(occurred_at)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        #[async_trait::async_trait]
        impl $crate::store::WebhookStore for $store {
            async fn webhook(
                &self,
                organisation_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::webhooks::Endpoint>> {
                use $crate::store::webhook_sql::{EndpointRow, ENDPOINT_COLUMNS};
                let row: Option<EndpointRow> = sqlx::query_as(&format!(
                    "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE organisation_id = $1"
                ))
                .bind(organisation_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn set_webhook(
                &self,
                organisation_id: uuid::Uuid,
                url: &str,
                enabled: bool,
                secret: &str,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<$crate::webhooks::Endpoint> {
                use $crate::store::webhook_sql::{EndpointRow, ENDPOINT_COLUMNS};
                let now = $crate::store::sql::millis(audit.at);
                let mut tx = self.begin_write().await?;
                let row: EndpointRow = sqlx::query_as(&format!(
                    "INSERT INTO webhook_endpoints \
                     (organisation_id, url, secret, enabled, last_sequence, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, 0, $5, $5) \
                     ON CONFLICT (organisation_id) DO UPDATE SET url = excluded.url, \
                     enabled = excluded.enabled, updated_at = excluded.updated_at \
                     RETURNING {ENDPOINT_COLUMNS}"
                ))
                .bind(organisation_id)
                .bind(url)
                .bind(secret)
                .bind(enabled)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                row.try_into()
            }

            async fn rotate_webhook_secret(
                &self,
                organisation_id: uuid::Uuid,
                secret: &str,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE webhook_endpoints SET secret = $1, updated_at = $2 WHERE organisation_id = $3",
                )
                .bind(secret)
                .bind($crate::store::sql::millis(audit.at))
                .bind(organisation_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                commit_if_changed(tx, done, audit).await
            }

            async fn clear_webhook(
                &self,
                organisation_id: uuid::Uuid,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<u64> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE webhook_endpoints SET url = NULL, enabled = $1, updated_at = $2 WHERE organisation_id = $3",
                )
                .bind(false)
                .bind($crate::store::sql::millis(audit.at))
                .bind(organisation_id)
                .execute(&mut *tx)
                .await?;
                let dropped = sqlx::query(
                    "DELETE FROM webhook_outbox WHERE organisation_id = $1 AND delivered_at IS NULL",
                )
                .bind(organisation_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(dropped)
            }

            async fn webhook_status(
                &self,
                organisation_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<$crate::webhooks::DeliveryStatus> {
                let (last_delivered, last_delivered_at): (Option<i64>, Option<i64>) = sqlx::query_as(
                    "SELECT MAX(sequence), MAX(delivered_at) FROM webhook_outbox \
                     WHERE organisation_id = $1 AND delivered_at IS NOT NULL",
                )
                .bind(organisation_id)
                .fetch_one(&self.pool)
                .await?;
                let (pending,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM webhook_outbox WHERE organisation_id = $1 AND delivered_at IS NULL",
                )
                .bind(organisation_id)
                .fetch_one(&self.pool)
                .await?;
                let head: Option<(i64, i32, i64, Option<String>)> = sqlx::query_as(
                    "SELECT sequence, attempts, next_attempt_at, last_error FROM webhook_outbox \
                     WHERE organisation_id = $1 AND delivered_at IS NULL ORDER BY sequence LIMIT 1",
                )
                .bind(organisation_id)
                .fetch_optional(&self.pool)
                .await?;
                Ok($crate::webhooks::DeliveryStatus {
                    last_delivered_sequence: last_delivered,
                    last_delivered_at: last_delivered_at.map($crate::store::from_millis).transpose()?,
                    pending,
                    next_sequence: head.as_ref().map(|h| h.0),
                    next_attempts: head.as_ref().map_or(0, |h| i64::from(h.1)),
                    next_attempt_at: head.as_ref().map(|h| $crate::store::from_millis(h.2)).transpose()?,
                    last_error: head.and_then(|h| h.3),
                })
            }

            async fn webhook_events(
                &self,
                organisation_id: uuid::Uuid,
                after_sequence: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::webhooks::OutboxEvent>> {
                use $crate::store::webhook_sql::{OutboxRow, OUTBOX_COLUMNS};
                let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
                    "SELECT {OUTBOX_COLUMNS} FROM webhook_outbox \
                     WHERE organisation_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3"
                ))
                .bind(organisation_id)
                .bind(after_sequence)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn claim_webhook_event(
                &self,
                now: jiff::Timestamp,
                lease_until: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Option<$crate::webhooks::Claimed>> {
                use $crate::store::webhook_sql::{ClaimLock, OutboxRow, OUTBOX_COLUMNS};
                let now = $crate::store::sql::millis(now);
                let skip_locked = <$store as ClaimLock>::SKIP_LOCKED;
                let mut tx = self.begin_write().await?;
                // Only the head of an organisation's queue (its lowest
                // undelivered sequence) may be claimed, and only while no
                // live lease holds it. The outer conditions are checked again
                // on the row itself, so of two nodes racing for one event
                // (PostgreSQL re-reads a row it waited for) exactly one wins;
                // on PostgreSQL the other passes over it (SKIP LOCKED).
                let row: Option<OutboxRow> = sqlx::query_as(&format!(
                    "UPDATE webhook_outbox SET lease_until = $1, attempts = attempts + 1, last_attempt_at = $2 \
                     WHERE id = (\
                       SELECT o.id FROM webhook_outbox o \
                       JOIN webhook_endpoints e ON e.organisation_id = o.organisation_id \
                       WHERE o.delivered_at IS NULL AND e.url IS NOT NULL AND e.enabled \
                         AND o.next_attempt_at <= $2 AND (o.lease_until IS NULL OR o.lease_until <= $2) \
                         AND o.sequence = (SELECT MIN(h.sequence) FROM webhook_outbox h \
                                           WHERE h.organisation_id = o.organisation_id AND h.delivered_at IS NULL) \
                       ORDER BY o.next_attempt_at, o.sequence LIMIT 1 {skip_locked}) \
                     AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= $2) \
                     RETURNING {OUTBOX_COLUMNS}"
                ))
                .bind($crate::store::sql::millis(lease_until))
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let event: $crate::webhooks::OutboxEvent = row.try_into()?;
                let endpoint: Option<(Option<String>, String)> = sqlx::query_as(
                    "SELECT url, secret FROM webhook_endpoints WHERE organisation_id = $1",
                )
                .bind(event.organisation_id)
                .fetch_optional(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(match endpoint {
                    Some((Some(url), secret)) => Some($crate::webhooks::Claimed { event, url, secret }),
                    _ => None,
                })
            }

            async fn webhook_delivered(
                &self,
                id: uuid::Uuid,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE webhook_outbox SET delivered_at = $1, lease_until = NULL, last_error = NULL \
                     WHERE id = $2 AND delivered_at IS NULL",
                )
                .bind($crate::store::sql::millis(now))
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn webhook_failed(
                &self,
                id: uuid::Uuid,
                retry_at: jiff::Timestamp,
                error: &str,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE webhook_outbox SET lease_until = NULL, next_attempt_at = $1, last_error = $2 \
                     WHERE id = $3 AND delivered_at IS NULL",
                )
                .bind($crate::store::sql::millis(retry_at))
                .bind($crate::store::webhook_sql::clip_error(error))
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn prune_webhook_events(
                &self,
                delivered_before: jiff::Timestamp,
            ) -> $crate::store::StoreResult<u64> {
                let done = sqlx::query(
                    "DELETE FROM webhook_outbox WHERE delivered_at IS NOT NULL AND delivered_at < $1",
                )
                .bind($crate::store::sql::millis(delivered_before))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

pub(super) use impl_webhook_store;
