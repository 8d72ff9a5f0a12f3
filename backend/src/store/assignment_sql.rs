//! Assignment statements (chat limits, presence, consoles, claims within
//! capacity, return codes), shared by both engines like `sql.rs`.

use uuid::Uuid;

use super::{from_millis, StoreError, StoreResult};
use crate::consultation::assignment::Candidate;
use crate::staff::Role;

#[derive(sqlx::FromRow)]
pub(super) struct CandidateRow {
    account_id: Uuid,
    role: String,
    capacity: i32,
    max_chats: Option<i32>,
    last_assigned_at: Option<i64>,
    active: i64,
}

impl TryFrom<CandidateRow> for Candidate {
    type Error = StoreError;
    fn try_from(row: CandidateRow) -> StoreResult<Self> {
        Ok(Candidate {
            account_id: row.account_id,
            role: Role::parse(&row.role)
                .ok_or_else(|| StoreError::Corrupt(format!("role {:?}", row.role)))?,
            capacity: i64::from(row.capacity),
            max_chats: row.max_chats.map(i64::from),
            last_assigned_at: row.last_assigned_at.map(from_millis).transpose()?,
            active: row.active,
        })
    }
}

/// Implements [`super::AssignmentStore`] for a store type, like `impl_store!`.
macro_rules! impl_assignment_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::AssignmentStore for $store {
            async fn default_max_chats(&self) -> $crate::store::StoreResult<Option<i64>> {
                let row: Option<(i32,)> =
                    sqlx::query_as("SELECT default_max_chats FROM consultation_settings WHERE id = 1")
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(max,)| i64::from(max)))
            }

            async fn account_limits(&self) -> $crate::store::StoreResult<Vec<(uuid::Uuid, i64)>> {
                let rows: Vec<(uuid::Uuid, i32)> =
                    sqlx::query_as("SELECT account_id, max_chats FROM staff_chat_limits ORDER BY account_id")
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(|(id, max)| (id, i64::from(max))).collect())
            }

            async fn account_max_chats(&self, account_id: uuid::Uuid) -> $crate::store::StoreResult<Option<i64>> {
                let row: Option<(i32,)> =
                    sqlx::query_as("SELECT max_chats FROM staff_chat_limits WHERE account_id = $1")
                        .bind(account_id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(max,)| i64::from(max)))
            }

            async fn set_default_max_chats(
                &self,
                max_chats: i64,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO consultation_settings (id, default_max_chats, updated_at) VALUES (1, $1, $2) \
                     ON CONFLICT (id) DO UPDATE SET default_max_chats = excluded.default_max_chats, \
                     updated_at = excluded.updated_at",
                )
                .bind(max_chats as i32)
                .bind($crate::store::sql::millis(audit.at))
                .execute(&mut *tx)
                .await?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_account_max_chats(
                &self,
                account_id: uuid::Uuid,
                max_chats: Option<i64>,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.begin_write().await?;
                match max_chats {
                    Some(max) => {
                        sqlx::query(
                            "INSERT INTO staff_chat_limits (account_id, max_chats, updated_at) VALUES ($1, $2, $3) \
                             ON CONFLICT (account_id) DO UPDATE SET max_chats = excluded.max_chats, \
                             updated_at = excluded.updated_at",
                        )
                        .bind(account_id)
                        .bind(max as i32)
                        .bind($crate::store::sql::millis(audit.at))
                        .execute(&mut *tx)
                        .await
                        .map_err($crate::store::classify)?;
                    }
                    None => {
                        sqlx::query("DELETE FROM staff_chat_limits WHERE account_id = $1")
                            .bind(account_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_presence(
                &self,
                account_id: uuid::Uuid,
                available: bool,
                capacity: i64,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO staff_presence (account_id, available, capacity, updated_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (account_id) DO UPDATE SET available = excluded.available, \
                     capacity = excluded.capacity, updated_at = excluded.updated_at",
                )
                .bind(account_id)
                .bind(available)
                .bind(capacity as i32)
                .bind($crate::store::sql::millis(now))
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn console_seen(
                &self,
                console_id: uuid::Uuid,
                account_id: uuid::Uuid,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO staff_consoles (id, account_id, seen_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
                )
                .bind(console_id)
                .bind(account_id)
                .bind($crate::store::sql::millis(now))
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn console_closed(&self, console_id: uuid::Uuid) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM staff_consoles WHERE id = $1")
                    .bind(console_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn live_consoles(
                &self,
                account_id: uuid::Uuid,
                since: jiff::Timestamp,
            ) -> $crate::store::StoreResult<i64> {
                let (count,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM staff_consoles WHERE account_id = $1 AND seen_at > $2")
                        .bind(account_id)
                        .bind($crate::store::sql::millis(since))
                        .fetch_one(&self.pool)
                        .await?;
                Ok(count)
            }

            async fn forget_stale_consoles(
                &self,
                before: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Vec<uuid::Uuid>> {
                // DELETE … RETURNING: when several nodes sweep at once, each row
                // goes to one of them.
                let accounts: Vec<(uuid::Uuid,)> =
                    sqlx::query_as("DELETE FROM staff_consoles WHERE seen_at <= $1 RETURNING account_id")
                        .bind($crate::store::sql::millis(before))
                        .fetch_all(&self.pool)
                        .await?;
                Ok(accounts.into_iter().map(|(id,)| id).collect())
            }

            async fn forget_expired_codes(&self, now: jiff::Timestamp) -> $crate::store::StoreResult<u64> {
                let codes = sqlx::query("DELETE FROM return_codes WHERE expires_at <= $1")
                    .bind($crate::store::sql::millis(now))
                    .execute(&self.pool)
                    .await?;
                Ok(codes.rows_affected())
            }

            async fn on_shift(
                &self,
                since: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::assignment::Candidate>> {
                let rows: Vec<$crate::store::assignment_sql::CandidateRow> = sqlx::query_as(
                    "SELECT p.account_id, a.role, p.capacity, l.max_chats, p.last_assigned_at, \
                     (SELECT COUNT(*) FROM conversations c WHERE c.status = 'active' AND c.counselor_id = p.account_id) AS active \
                     FROM staff_presence p JOIN staff_accounts a ON a.id = p.account_id \
                     LEFT JOIN staff_chat_limits l ON l.account_id = p.account_id \
                     WHERE p.available AND NOT a.disabled AND a.role IN ('counselor', 'supervisor') \
                     AND EXISTS (SELECT 1 FROM staff_consoles s WHERE s.account_id = p.account_id AND s.seen_at > $1) \
                     ORDER BY p.account_id",
                )
                .bind($crate::store::sql::millis(since))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn claim_within(
                &self,
                id: uuid::Uuid,
                counselor_id: uuid::Uuid,
                capacity: i64,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<$crate::consultation::assignment::Claim> {
                use $crate::consultation::assignment::Claim;
                let now = $crate::store::sql::millis(now);
                let mut tx = self.begin_write().await?;
                // Lock the counsellor's presence row first: claims for one counsellor
                // (from any node) wait here, so the count below cannot go stale.
                sqlx::query(
                    "INSERT INTO staff_presence (account_id, available, capacity, updated_at) VALUES ($1, FALSE, 0, $2) \
                     ON CONFLICT (account_id) DO UPDATE SET updated_at = staff_presence.updated_at",
                )
                .bind(counselor_id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                let (active,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM conversations WHERE status = 'active' AND counselor_id = $1")
                        .bind(counselor_id)
                        .fetch_one(&mut *tx)
                        .await?;
                if active >= capacity {
                    tx.rollback().await?;
                    return Ok(Claim::AtCapacity);
                }
                // The status condition makes the claim atomic across nodes, as in
                // `claim_conversation`: of two claims, exactly one updates a row.
                let done = sqlx::query(
                    "UPDATE conversations SET status = 'active', counselor_id = $1, \
                     assigned_at = COALESCE(assigned_at, $2) WHERE id = $3 AND status = 'waiting'",
                )
                .bind(counselor_id)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(Claim::NotWaiting);
                }
                sqlx::query("UPDATE staff_presence SET last_assigned_at = $1 WHERE account_id = $2")
                    .bind(now)
                    .bind(counselor_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Claim::Claimed)
            }

            async fn save_return_code(
                &self,
                code_hash: &str,
                conversation_id: uuid::Uuid,
                counselor_id: uuid::Uuid,
                now: jiff::Timestamp,
                expires_at: jiff::Timestamp,
            ) -> $crate::store::StoreResult<()> {
                // One code per conversation: asking again replaces the earlier code.
                sqlx::query(
                    "INSERT INTO return_codes (code_hash, conversation_id, counselor_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id) DO UPDATE SET \
                     code_hash = excluded.code_hash, counselor_id = excluded.counselor_id, \
                     created_at = excluded.created_at, expires_at = excluded.expires_at",
                )
                .bind(code_hash)
                .bind(conversation_id)
                .bind(counselor_id)
                .bind($crate::store::sql::millis(now))
                .bind($crate::store::sql::millis(expires_at))
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn return_code_counselor(
                &self,
                code_hash: &str,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Option<uuid::Uuid>> {
                let row: Option<(uuid::Uuid,)> =
                    sqlx::query_as("SELECT counselor_id FROM return_codes WHERE code_hash = $1 AND expires_at > $2")
                        .bind(code_hash)
                        .bind($crate::store::sql::millis(now))
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(id,)| id))
            }
        }
    };
}

pub(super) use impl_assignment_store;
