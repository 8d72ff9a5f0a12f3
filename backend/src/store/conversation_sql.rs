//! Conversation and message statements, shared by both engines like `sql.rs`.

use uuid::Uuid;

use super::{from_millis, StoreError, StoreResult};
use crate::consultation::console::{CannedReply, Note};
use crate::consultation::model::{Conversation, Message, RiskReason, Sender, Status, WrapUp};
use crate::text::Slug;

/// Columns read back by every conversation query, in this order.
pub(super) const CONVERSATION_COLUMNS: &str = "id, line_id, device_hash, nickname, status, risk_level, risk, requeued, \
     counselor_id, last_seq, teen_read_seq, queued_at, created_at, assigned_at, ended_at, end_reason, wrap_up, salon_post_id, is_return";

#[derive(sqlx::FromRow)]
pub(super) struct ConversationRow {
    id: Uuid,
    line_id: String,
    device_hash: String,
    nickname: Option<String>,
    status: String,
    risk_level: i32,
    risk: String,
    requeued: bool,
    counselor_id: Option<Uuid>,
    last_seq: i64,
    teen_read_seq: i64,
    queued_at: i64,
    created_at: i64,
    assigned_at: Option<i64>,
    ended_at: Option<i64>,
    end_reason: Option<String>,
    wrap_up: Option<String>,
    salon_post_id: Option<Uuid>,
    is_return: bool,
}

fn corrupt(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {error}"))
}

impl TryFrom<ConversationRow> for Conversation {
    type Error = StoreError;
    fn try_from(row: ConversationRow) -> StoreResult<Self> {
        Ok(Conversation {
            id: row.id,
            line_id: Slug::parse("line_id", &row.line_id, 1, 64)
                .map_err(|e| corrupt("line id", e))?,
            device_hash: row.device_hash,
            nickname: row.nickname,
            status: Status::parse(&row.status).ok_or_else(|| corrupt("status", &row.status))?,
            risk_level: row.risk_level,
            risk: serde_json::from_str::<Vec<RiskReason>>(&row.risk)
                .map_err(|e| corrupt("risk", e))?,
            requeued: row.requeued,
            counselor_id: row.counselor_id,
            last_seq: row.last_seq,
            teen_read_seq: row.teen_read_seq,
            queued_at: from_millis(row.queued_at)?,
            created_at: from_millis(row.created_at)?,
            assigned_at: row.assigned_at.map(from_millis).transpose()?,
            ended_at: row.ended_at.map(from_millis).transpose()?,
            end_reason: row.end_reason,
            wrap_up: row
                .wrap_up
                .map(|json| serde_json::from_str::<WrapUp>(&json))
                .transpose()
                .map_err(|e| corrupt("wrap-up", e))?,
            salon_post_id: row.salon_post_id,
            is_return: row.is_return,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct MessageRow {
    conversation_id: Uuid,
    seq: i64,
    sender: String,
    author_id: Option<Uuid>,
    client_msg_id: Option<String>,
    body: String,
    created_at: i64,
}

impl TryFrom<MessageRow> for Message {
    type Error = StoreError;
    fn try_from(row: MessageRow) -> StoreResult<Self> {
        Ok(Message {
            conversation_id: row.conversation_id,
            seq: row.seq,
            sender: Sender::parse(&row.sender).ok_or_else(|| corrupt("sender", &row.sender))?,
            author_id: row.author_id,
            client_msg_id: row.client_msg_id,
            body: row.body,
            at: from_millis(row.created_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CannedReplyRow {
    id: Uuid,
    line_id: Option<String>,
    title: String,
    body: String,
    updated_by: Option<Uuid>,
    updated_at: i64,
}

impl TryFrom<CannedReplyRow> for CannedReply {
    type Error = StoreError;
    fn try_from(row: CannedReplyRow) -> StoreResult<Self> {
        Ok(CannedReply {
            id: row.id,
            line_id: row.line_id,
            title: row.title,
            body: row.body,
            updated_by: row.updated_by,
            updated_at: from_millis(row.updated_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct NoteRow {
    id: Uuid,
    conversation_id: Uuid,
    author_id: Uuid,
    author_name: String,
    author_role: String,
    body: String,
    created_at: i64,
}

impl TryFrom<NoteRow> for Note {
    type Error = StoreError;
    fn try_from(row: NoteRow) -> StoreResult<Self> {
        Ok(Note {
            id: row.id,
            conversation_id: row.conversation_id,
            author_id: row.author_id,
            author_name: row.author_name,
            author_role: crate::staff::Role::parse(&row.author_role)
                .ok_or_else(|| corrupt("role", &row.author_role))?,
            body: row.body,
            at: from_millis(row.created_at)?,
        })
    }
}

pub(super) fn json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| corrupt("json", e))
}

/// Implements [`super::ConversationStore`] for a store type, like `impl_store!`.
macro_rules! impl_conversation_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ConversationStore for $store {
            async fn insert_device(&self, token_hash: &str, now: jiff::Timestamp) -> $crate::store::StoreResult<()> {
                let now = $crate::store::sql::millis(now);
                sqlx::query("INSERT INTO teen_devices (token_hash, created_at, last_seen_at) VALUES ($1, $2, $2)")
                    .bind(token_hash)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn touch_device(&self, token_hash: &str, now: jiff::Timestamp) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query("UPDATE teen_devices SET last_seen_at = $1 WHERE token_hash = $2")
                    .bind($crate::store::sql::millis(now))
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn insert_conversation(
                &self,
                c: &$crate::consultation::model::Conversation,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                sqlx::query(
                    "INSERT INTO conversations (id, line_id, device_hash, nickname, status, priority, risk_level, risk, \
                     requeued, last_seq, teen_read_seq, queued_at, created_at, is_return) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                )
                .bind(c.id)
                .bind(c.line_id.as_str())
                .bind(&c.device_hash)
                .bind(c.nickname.as_deref())
                .bind(c.status.as_str())
                .bind($crate::consultation::model::Conversation::priority(c.risk_level, c.requeued))
                .bind(c.risk_level)
                .bind($crate::store::conversation_sql::json(&c.risk)?)
                .bind(c.requeued)
                .bind(c.last_seq)
                .bind(c.teen_read_seq)
                .bind(millis(c.queued_at))
                .bind(millis(c.created_at))
                .bind(c.is_return)
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn conversation(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::consultation::model::Conversation>> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE id = $1",
                    $crate::store::conversation_sql::CONVERSATION_COLUMNS
                );
                let row: Option<$crate::store::conversation_sql::ConversationRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn device_conversations(
                &self,
                device_hash: &str,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::model::Conversation>> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE device_hash = $1 ORDER BY created_at DESC LIMIT 50",
                    $crate::store::conversation_sql::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::store::conversation_sql::ConversationRow> =
                    sqlx::query_as(&sql).bind(device_hash).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn waiting_conversations(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::model::Conversation>> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE status = 'waiting' \
                     ORDER BY priority DESC, queued_at, id LIMIT 500",
                    $crate::store::conversation_sql::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::store::conversation_sql::ConversationRow> =
                    sqlx::query_as(&sql).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn active_conversations(
                &self,
                counselor_id: Option<uuid::Uuid>,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::model::Conversation>> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE status = 'active' AND ($1 IS NULL OR counselor_id = $1) \
                     ORDER BY assigned_at LIMIT 500",
                    $crate::store::conversation_sql::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::store::conversation_sql::ConversationRow> =
                    sqlx::query_as(&sql).bind(counselor_id).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn queue_position(
                &self,
                c: &$crate::consultation::model::Conversation,
            ) -> $crate::store::StoreResult<i64> {
                let priority = $crate::consultation::model::Conversation::priority(c.risk_level, c.requeued);
                let (ahead,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM conversations WHERE status = 'waiting' AND line_id = $1 AND \
                     (priority > $2 OR (priority = $2 AND (queued_at < $3 OR (queued_at = $3 AND id < $4))))",
                )
                .bind(c.line_id.as_str())
                .bind(priority)
                .bind($crate::store::sql::millis(c.queued_at))
                .bind(c.id)
                .fetch_one(&self.pool)
                .await?;
                Ok(ahead)
            }

            async fn append_messages(
                &self,
                batch: &[$crate::store::NewMessage],
            ) -> $crate::store::StoreResult<Vec<$crate::store::Appended>> {
                // One transaction, one commit (one fsync on SQLite) for the whole batch.
                let mut tx = self.begin_write().await?;
                let mut outcomes = Vec::with_capacity(batch.len());
                for new in batch {
                    outcomes.push(append_one(&mut tx, new).await?);
                }
                tx.commit().await?;
                Ok(outcomes)
            }

            async fn messages_after(
                &self,
                conversation_id: uuid::Uuid,
                after_seq: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::model::Message>> {
                let rows: Vec<$crate::store::conversation_sql::MessageRow> = sqlx::query_as(
                    "SELECT conversation_id, seq, sender, author_id, client_msg_id, body, created_at FROM messages \
                     WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                )
                .bind(conversation_id)
                .bind(after_seq)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn claim_conversation(
                &self,
                id: uuid::Uuid,
                counselor_id: uuid::Uuid,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<bool> {
                // The status condition makes the claim atomic across nodes: of two
                // counsellors taking the same chat, exactly one updates a row.
                let done = sqlx::query(
                    "UPDATE conversations SET status = 'active', counselor_id = $1, \
                     assigned_at = COALESCE(assigned_at, $2) WHERE id = $3 AND status = 'waiting'",
                )
                .bind(counselor_id)
                .bind($crate::store::sql::millis(now))
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn reassign_conversation(
                &self,
                id: uuid::Uuid,
                from: uuid::Uuid,
                to: uuid::Uuid,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE conversations SET counselor_id = $1 WHERE id = $2 AND status = 'active' AND counselor_id = $3",
                )
                .bind(to)
                .bind(id)
                .bind(from)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn requeue_conversation(
                &self,
                id: uuid::Uuid,
                counselor_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE conversations SET status = 'waiting', counselor_id = NULL, requeued = TRUE, \
                     priority = risk_level * 2 + 1 WHERE id = $1 AND status = 'active' AND counselor_id = $2",
                )
                .bind(id)
                .bind(counselor_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn end_conversation(
                &self,
                id: uuid::Uuid,
                reason: &str,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE conversations SET status = 'ended', end_reason = $1, ended_at = $2 \
                     WHERE id = $3 AND status <> 'ended'",
                )
                .bind(reason)
                .bind($crate::store::sql::millis(now))
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn link_salon_post(
                &self,
                id: uuid::Uuid,
                post_id: uuid::Uuid,
                risk_level: i32,
                reasons: &[$crate::consultation::model::RiskReason],
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE conversations SET salon_post_id = $1, risk_level = $2, risk = $3, requeued = TRUE, \
                     priority = $2 * 2 + 1 WHERE id = $4 AND status <> 'ended' AND risk_level <= $2",
                )
                .bind(post_id)
                .bind(risk_level)
                .bind($crate::store::conversation_sql::json(&reasons)?)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn record_wrap_up(
                &self,
                id: uuid::Uuid,
                wrap_up: &$crate::consultation::model::WrapUp,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query("UPDATE conversations SET wrap_up = $1 WHERE id = $2 AND wrap_up IS NULL")
                    .bind($crate::store::conversation_sql::json(wrap_up)?)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_teen_read(&self, id: uuid::Uuid, seq: i64) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE conversations SET teen_read_seq = $1 WHERE id = $2 AND teen_read_seq < $1 AND last_seq >= $1")
                    .bind(seq)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_ended_conversations(&self, device_hash: &str) -> $crate::store::StoreResult<u64> {
                let done = sqlx::query("DELETE FROM conversations WHERE device_hash = $1 AND status = 'ended'")
                    .bind(device_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn teen_activity(&self) -> $crate::store::StoreResult<Vec<(uuid::Uuid, jiff::Timestamp, i64)>> {
                let rows: Vec<(uuid::Uuid, i64, i64)> = sqlx::query_as(
                    "SELECT c.id, CAST(COALESCE(MAX(m.created_at), c.assigned_at, c.created_at) AS BIGINT), \
                     CAST(COALESCE(MAX(m.seq), 0) AS BIGINT) FROM conversations c \
                     LEFT JOIN messages m ON m.conversation_id = c.id AND m.sender = 'teen' \
                     WHERE c.status = 'active' GROUP BY c.id, c.assigned_at, c.created_at",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(id, at, seq)| Ok((id, $crate::store::from_millis(at)?, seq)))
                    .collect()
            }

            async fn awaiting_wrap_up(
                &self,
                counselor_id: uuid::Uuid,
                since: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::model::Conversation>> {
                let sql = format!(
                    "SELECT {} FROM conversations WHERE status = 'ended' AND wrap_up IS NULL \
                     AND counselor_id = $1 AND ended_at >= $2 ORDER BY ended_at LIMIT 100",
                    $crate::store::conversation_sql::CONVERSATION_COLUMNS
                );
                let rows: Vec<$crate::store::conversation_sql::ConversationRow> = sqlx::query_as(&sql)
                    .bind(counselor_id)
                    .bind($crate::store::sql::millis(since))
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn canned_replies(
                &self,
                line_id: Option<&str>,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::console::CannedReply>> {
                let rows: Vec<$crate::store::conversation_sql::CannedReplyRow> = sqlx::query_as(
                    "SELECT id, line_id, title, body, updated_by, updated_at FROM canned_replies \
                     WHERE $1 IS NULL OR line_id IS NULL OR line_id = $1 ORDER BY title",
                )
                .bind(line_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn upsert_canned_reply(
                &self,
                reply: &$crate::consultation::console::CannedReply,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO canned_replies (id, line_id, title, body, updated_by, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET line_id = excluded.line_id, \
                     title = excluded.title, body = excluded.body, updated_by = excluded.updated_by, \
                     updated_at = excluded.updated_at",
                )
                .bind(reply.id)
                .bind(reply.line_id.as_deref())
                .bind(&reply.title)
                .bind(&reply.body)
                .bind(reply.updated_by)
                .bind($crate::store::sql::millis(reply.updated_at))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn delete_canned_reply(
                &self,
                id: uuid::Uuid,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("DELETE FROM canned_replies WHERE id = $1").bind(id).execute(&mut *tx).await?;
                commit_if_changed(tx, done.rows_affected(), audit).await
            }

            async fn insert_note(&self, note: &$crate::consultation::console::Note) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO conversation_notes (id, conversation_id, author_id, body, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(note.id)
                .bind(note.conversation_id)
                .bind(note.author_id)
                .bind(&note.body)
                .bind($crate::store::sql::millis(note.at))
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn notes(
                &self,
                conversation_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<$crate::consultation::console::Note>> {
                let rows: Vec<$crate::store::conversation_sql::NoteRow> = sqlx::query_as(
                    "SELECT n.id, n.conversation_id, n.author_id, a.display_name AS author_name, a.role AS author_role, n.body, n.created_at \
                     FROM conversation_notes n JOIN staff_accounts a ON a.id = n.author_id \
                     WHERE n.conversation_id = $1 ORDER BY n.created_at, n.id",
                )
                .bind(conversation_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn chat_duration_stats(
                &self,
                line_id: &$crate::text::Slug,
                since: jiff::Timestamp,
            ) -> $crate::store::StoreResult<(i64, i64)> {
                let stats: (i64, i64) = sqlx::query_as(
                    "SELECT CAST(COALESCE(SUM(ended_at - assigned_at), 0) AS BIGINT), COUNT(*) FROM conversations \
                     WHERE line_id = $1 AND status = 'ended' AND assigned_at IS NOT NULL AND ended_at >= $2",
                )
                .bind(line_id.as_str())
                .bind($crate::store::sql::millis(since))
                .fetch_one(&self.pool)
                .await?;
                Ok(stats)
            }
        }

        /// Appends one message inside `tx`: a retry (same client id) returns what
        /// was stored; a closed conversation stores nothing.
        async fn append_one(
            tx: &mut sqlx::Transaction<'_, <$store as $crate::store::sql::Engine>::Db>,
            new: &$crate::store::NewMessage,
        ) -> $crate::store::StoreResult<$crate::store::Appended> {
            use $crate::store::sql::millis;
            if let Some(client_msg_id) = &new.client_msg_id {
                let existing: Option<$crate::store::conversation_sql::MessageRow> = sqlx::query_as(
                    "SELECT conversation_id, seq, sender, author_id, client_msg_id, body, created_at \
                     FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
                )
                .bind(new.conversation_id)
                .bind(client_msg_id)
                .fetch_optional(&mut **tx)
                .await?;
                if let Some(existing) = existing {
                    return Ok($crate::store::Appended::Duplicate(existing.try_into()?));
                }
            }
            // Taking the sequence number locks the conversation row, so concurrent
            // sends to one conversation queue up here.
            let next: Option<(i64,)> = sqlx::query_as(
                "UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 AND status <> 'ended' RETURNING last_seq",
            )
            .bind(new.conversation_id)
            .fetch_optional(&mut **tx)
            .await?;
            let Some((seq,)) = next else {
                return Ok($crate::store::Appended::Closed);
            };
            sqlx::query(
                "INSERT INTO messages (conversation_id, seq, sender, author_id, client_msg_id, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(new.conversation_id)
            .bind(seq)
            .bind(new.sender.as_str())
            .bind(new.author_id)
            .bind(new.client_msg_id.as_deref())
            .bind(&new.body)
            .bind(millis(new.at))
            .execute(&mut **tx)
            .await
            // A retry stored concurrently by another node: the caller re-reads it.
            .map_err($crate::store::classify)?;
            if let Some((level, reasons)) = &new.risk {
                sqlx::query(
                    "UPDATE conversations SET risk_level = $1, risk = $2, \
                     priority = $1 * 2 + CASE WHEN requeued THEN 1 ELSE 0 END WHERE id = $3 AND risk_level < $1",
                )
                .bind(*level)
                .bind($crate::store::conversation_sql::json(reasons)?)
                .bind(new.conversation_id)
                .execute(&mut **tx)
                .await?;
            }
            Ok($crate::store::Appended::Stored($crate::consultation::model::Message {
                conversation_id: new.conversation_id,
                seq,
                sender: new.sender,
                author_id: new.author_id,
                client_msg_id: new.client_msg_id.clone(),
                body: new.body.clone(),
                at: new.at,
            }))
        }
    };
}

pub(super) use impl_conversation_store;
