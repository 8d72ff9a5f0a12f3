//! Salon statements, shared by both engines like `sql.rs`.

use uuid::Uuid;

use super::{from_millis, StoreError, StoreResult};
use crate::lines::hours::Schedule;
use crate::salon::model::{
    Ban, HoldReason, Member, Post, PostKind, PostState, Report, Review, Room,
};
use crate::text::Slug;

pub(super) const ROOM_COLUMNS: &str =
    "id, sort_order, title, topic, rules, schedule, requires_moderator, capacity, \
     premoderate_first, slow_mode_seconds, is_open, paused, pinned, last_seq, updated_at";

pub(super) const MEMBER_COLUMNS: &str =
    "id, room_id, device_hash, nickname, joined_at, published_count, \
     last_post_at, muted_until, removed_until";

pub(super) const POST_COLUMNS: &str =
    "id, room_id, seq, kind, state, hold_reason, member_id, author_id, nickname, \
     client_msg_id, body, masked, verdict, target_seq, created_at, decided_by, decided_at";

pub(super) const REPORT_COLUMNS: &str =
    "r.id, r.room_id, r.post_id, p.seq, r.reason, r.note, r.state, r.resolution, \
     r.resolved_by, r.created_at, p.body, p.nickname, p.member_id";

pub(super) const BAN_COLUMNS: &str = "id, device_hash, reason, expires_at, created_by, created_at";

fn corrupt(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {error}"))
}

fn slug(raw: &str) -> StoreResult<Slug> {
    Slug::parse("room_id", raw, 1, 64).map_err(|e| corrupt("room id", e))
}

fn millis_opt(ms: Option<i64>) -> StoreResult<Option<jiff::Timestamp>> {
    ms.map(from_millis).transpose()
}

#[derive(sqlx::FromRow)]
pub(super) struct RoomRow {
    id: String,
    sort_order: i32,
    title: String,
    topic: String,
    rules: String,
    schedule: Option<String>,
    requires_moderator: bool,
    capacity: i32,
    premoderate_first: i32,
    slow_mode_seconds: i32,
    is_open: bool,
    paused: bool,
    pinned: Option<String>,
    last_seq: i64,
    updated_at: i64,
}

impl TryFrom<RoomRow> for Room {
    type Error = StoreError;
    fn try_from(row: RoomRow) -> StoreResult<Self> {
        Ok(Room {
            id: slug(&row.id)?,
            sort_order: row.sort_order,
            title: row.title,
            topic: row.topic,
            rules: row.rules,
            schedule: row
                .schedule
                .map(|json| Schedule::from_json(&json))
                .transpose()
                .map_err(|e| corrupt("room schedule", e))?,
            requires_moderator: row.requires_moderator,
            capacity: row.capacity,
            premoderate_first: row.premoderate_first,
            slow_mode_seconds: row.slow_mode_seconds,
            is_open: row.is_open,
            paused: row.paused,
            pinned: row.pinned,
            last_seq: row.last_seq,
            updated_at: from_millis(row.updated_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct MemberRow {
    id: Uuid,
    room_id: String,
    device_hash: String,
    nickname: String,
    joined_at: i64,
    published_count: i32,
    last_post_at: Option<i64>,
    muted_until: Option<i64>,
    removed_until: Option<i64>,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;
    fn try_from(row: MemberRow) -> StoreResult<Self> {
        Ok(Member {
            id: row.id,
            room_id: slug(&row.room_id)?,
            device_hash: row.device_hash,
            nickname: row.nickname,
            joined_at: from_millis(row.joined_at)?,
            published_count: row.published_count,
            last_post_at: millis_opt(row.last_post_at)?,
            muted_until: millis_opt(row.muted_until)?,
            removed_until: millis_opt(row.removed_until)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PostRow {
    id: Uuid,
    room_id: String,
    seq: Option<i64>,
    kind: String,
    state: String,
    hold_reason: Option<String>,
    member_id: Option<Uuid>,
    author_id: Option<Uuid>,
    nickname: String,
    client_msg_id: Option<String>,
    body: String,
    masked: bool,
    verdict: Option<String>,
    target_seq: Option<i64>,
    created_at: i64,
    decided_by: Option<Uuid>,
    decided_at: Option<i64>,
}

impl TryFrom<PostRow> for Post {
    type Error = StoreError;
    fn try_from(row: PostRow) -> StoreResult<Self> {
        Ok(Post {
            id: row.id,
            room_id: slug(&row.room_id)?,
            seq: row.seq,
            kind: match row.kind.as_str() {
                "message" => PostKind::Message,
                "hide" => PostKind::Hide,
                other => return Err(corrupt("post kind", other)),
            },
            state: PostState::parse(&row.state).ok_or_else(|| corrupt("post state", &row.state))?,
            hold_reason: row
                .hold_reason
                .map(|r| HoldReason::parse(&r).ok_or_else(|| corrupt("hold reason", r)))
                .transpose()?,
            member_id: row.member_id,
            author_id: row.author_id,
            nickname: row.nickname,
            client_msg_id: row.client_msg_id,
            body: row.body,
            masked: row.masked,
            review: row
                .verdict
                .map(|json| serde_json::from_str::<Review>(&json))
                .transpose()
                .map_err(|e| corrupt("post verdict", e))?,
            target_seq: row.target_seq,
            created_at: from_millis(row.created_at)?,
            decided_by: row.decided_by,
            decided_at: millis_opt(row.decided_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ReportRow {
    id: Uuid,
    room_id: String,
    post_id: Uuid,
    seq: Option<i64>,
    reason: String,
    note: Option<String>,
    state: String,
    resolution: Option<String>,
    resolved_by: Option<Uuid>,
    created_at: i64,
    body: String,
    nickname: String,
    member_id: Option<Uuid>,
}

impl TryFrom<ReportRow> for Report {
    type Error = StoreError;
    fn try_from(row: ReportRow) -> StoreResult<Self> {
        Ok(Report {
            id: row.id,
            room_id: row.room_id,
            post_id: row.post_id,
            seq: row.seq.unwrap_or_default(),
            reason: row.reason,
            note: row.note,
            state: row.state,
            resolution: row.resolution,
            resolved_by: row.resolved_by,
            created_at: from_millis(row.created_at)?,
            body: row.body,
            nickname: row.nickname,
            member_id: row.member_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct BanRow {
    id: Uuid,
    device_hash: String,
    reason: String,
    expires_at: i64,
    created_by: Uuid,
    created_at: i64,
}

impl TryFrom<BanRow> for Ban {
    type Error = StoreError;
    fn try_from(row: BanRow) -> StoreResult<Self> {
        Ok(Ban {
            id: row.id,
            device_hash: row.device_hash,
            reason: row.reason,
            expires_at: from_millis(row.expires_at)?,
            created_by: row.created_by,
            created_at: from_millis(row.created_at)?,
        })
    }
}

pub(super) fn schedule_json(room: &Room) -> StoreResult<Option<String>> {
    room.schedule
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| corrupt("room schedule", e))
}

pub(super) fn review_json(post: &Post) -> StoreResult<Option<String>> {
    post.review
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| corrupt("post verdict", e))
}

pub(super) fn kind_name(kind: PostKind) -> &'static str {
    match kind {
        PostKind::Message => "message",
        PostKind::Hide => "hide",
    }
}

/// Implements [`super::SalonStore`] for a store type, like `impl_store!`.
macro_rules! impl_salon_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SalonStore for $store {
            async fn salon_rooms(&self) -> $crate::store::StoreResult<Vec<$crate::salon::model::Room>> {
                let sql = format!(
                    "SELECT {} FROM salon_rooms ORDER BY sort_order, id",
                    $crate::store::salon_sql::ROOM_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::RoomRow> = sqlx::query_as(&sql).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn salon_room(
                &self,
                id: &$crate::text::Slug,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Room>> {
                let sql = format!("SELECT {} FROM salon_rooms WHERE id = $1", $crate::store::salon_sql::ROOM_COLUMNS);
                let row: Option<$crate::store::salon_sql::RoomRow> =
                    sqlx::query_as(&sql).bind(id.as_str()).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn save_salon_room(
                &self,
                room: &$crate::salon::model::Room,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.begin_write().await?;
                // Settings only: the live state and the log position stay as they are.
                sqlx::query(
                    "INSERT INTO salon_rooms (id, sort_order, title, topic, rules, schedule, requires_moderator, capacity, \
                     premoderate_first, slow_mode_seconds, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (id) DO UPDATE SET sort_order = excluded.sort_order, title = excluded.title, \
                     topic = excluded.topic, rules = excluded.rules, schedule = excluded.schedule, \
                     requires_moderator = excluded.requires_moderator, capacity = excluded.capacity, \
                     premoderate_first = excluded.premoderate_first, slow_mode_seconds = excluded.slow_mode_seconds, \
                     updated_at = excluded.updated_at",
                )
                .bind(room.id.as_str())
                .bind(room.sort_order)
                .bind(&room.title)
                .bind(&room.topic)
                .bind(&room.rules)
                .bind($crate::store::salon_sql::schedule_json(room)?)
                .bind(room.requires_moderator)
                .bind(room.capacity)
                .bind(room.premoderate_first)
                .bind(room.slow_mode_seconds)
                .bind($crate::store::sql::millis(room.updated_at))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_salon_room_state(
                &self,
                room: &$crate::salon::model::Room,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE salon_rooms SET is_open = $1, paused = $2, slow_mode_seconds = $3, pinned = $4, \
                     updated_at = $5 WHERE id = $6",
                )
                .bind(room.is_open)
                .bind(room.paused)
                .bind(room.slow_mode_seconds)
                .bind(room.pinned.as_deref())
                .bind($crate::store::sql::millis(room.updated_at))
                .bind(room.id.as_str())
                .execute(&mut *tx)
                .await?;
                commit_if_changed(tx, done.rows_affected(), audit).await
            }

            async fn delete_salon_room(
                &self,
                id: &$crate::text::Slug,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                // Reports and reactions go with the room (cascade); the posts first,
                // since members cascade into them.
                sqlx::query("DELETE FROM salon_posts WHERE room_id = $1").bind(id.as_str()).execute(&mut *tx).await?;
                let done = sqlx::query("DELETE FROM salon_rooms WHERE id = $1").bind(id.as_str()).execute(&mut *tx).await?;
                commit_if_changed(tx, done.rows_affected(), audit).await
            }

            async fn salon_member(
                &self,
                room_id: &$crate::text::Slug,
                device_hash: &str,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Member>> {
                let sql = format!(
                    "SELECT {} FROM salon_members WHERE room_id = $1 AND device_hash = $2",
                    $crate::store::salon_sql::MEMBER_COLUMNS
                );
                let row: Option<$crate::store::salon_sql::MemberRow> = sqlx::query_as(&sql)
                    .bind(room_id.as_str())
                    .bind(device_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn salon_member_by_id(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Member>> {
                let sql = format!("SELECT {} FROM salon_members WHERE id = $1", $crate::store::salon_sql::MEMBER_COLUMNS);
                let row: Option<$crate::store::salon_sql::MemberRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn salon_members_of_device(
                &self,
                device_hash: &str,
            ) -> $crate::store::StoreResult<Vec<$crate::salon::model::Member>> {
                let sql = format!(
                    "SELECT {} FROM salon_members WHERE device_hash = $1",
                    $crate::store::salon_sql::MEMBER_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::MemberRow> =
                    sqlx::query_as(&sql).bind(device_hash).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn insert_salon_member(
                &self,
                member: &$crate::salon::model::Member,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                sqlx::query(
                    "INSERT INTO salon_members (id, room_id, device_hash, nickname, nickname_key, joined_at, online, seen_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, TRUE, $6)",
                )
                .bind(member.id)
                .bind(member.room_id.as_str())
                .bind(&member.device_hash)
                .bind(&member.nickname)
                .bind($crate::salon::model::nickname_key(&member.nickname))
                .bind(millis(member.joined_at))
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn set_salon_member_online(
                &self,
                id: uuid::Uuid,
                online: bool,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE salon_members SET online = $1, seen_at = $2 WHERE id = $3")
                    .bind(online)
                    .bind($crate::store::sql::millis(now))
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn salon_present(
                &self,
                room_id: &$crate::text::Slug,
                since: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT nickname FROM salon_members WHERE room_id = $1 AND online AND seen_at >= $2 \
                     ORDER BY joined_at, id LIMIT 1000",
                )
                .bind(room_id.as_str())
                .bind($crate::store::sql::millis(since))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(name,)| name).collect())
            }

            async fn restrict_salon_member(
                &self,
                id: uuid::Uuid,
                restriction: $crate::salon::model::Restriction,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                use $crate::salon::model::Restriction;
                let until = |at: Option<jiff::Timestamp>| at.map($crate::store::sql::millis);
                let mut tx = self.begin_write().await?;
                let done = match restriction {
                    Restriction::Mute(at) => {
                        sqlx::query("UPDATE salon_members SET muted_until = $1 WHERE id = $2")
                            .bind(until(at))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?
                    }
                    Restriction::Remove(at) => {
                        sqlx::query("UPDATE salon_members SET removed_until = $1, online = FALSE WHERE id = $2")
                            .bind(until(at))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?
                    }
                };
                commit_if_changed(tx, done.rows_affected(), audit).await
            }

            async fn salon_post_by_client_id(
                &self,
                room_id: &$crate::text::Slug,
                author: $crate::salon::model::Author,
                client_msg_id: &str,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Post>> {
                use $crate::salon::model::Author;
                let (member, staff) = match author {
                    Author::Member(id) => (Some(id), None),
                    Author::Staff(id) => (None, Some(id)),
                };
                let sql = format!(
                    "SELECT {} FROM salon_posts WHERE room_id = $1 AND client_msg_id = $2 AND \
                     (member_id = $3 OR author_id = $4)",
                    $crate::store::salon_sql::POST_COLUMNS
                );
                let row: Option<$crate::store::salon_sql::PostRow> = sqlx::query_as(&sql)
                    .bind(room_id.as_str())
                    .bind(client_msg_id)
                    .bind(member)
                    .bind(staff)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn insert_salon_post(
                &self,
                post: &$crate::salon::model::Post,
            ) -> $crate::store::StoreResult<$crate::salon::model::Post> {
                use $crate::store::sql::millis;
                let mut tx = self.begin_write().await?;
                let published = post.state == $crate::salon::model::PostState::Published;
                let seq = if published { Some(next_salon_seq(&mut tx, &post.room_id).await?) } else { None };
                sqlx::query(
                    "INSERT INTO salon_posts (id, room_id, seq, kind, state, hold_reason, member_id, author_id, nickname, \
                     client_msg_id, body, masked, verdict, target_seq, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                )
                .bind(post.id)
                .bind(post.room_id.as_str())
                .bind(seq)
                .bind($crate::store::salon_sql::kind_name(post.kind))
                .bind(post.state.as_str())
                .bind(post.hold_reason.map(|r| r.as_str()))
                .bind(post.member_id)
                .bind(post.author_id)
                .bind(&post.nickname)
                .bind(post.client_msg_id.as_deref())
                .bind(&post.body)
                .bind(post.masked)
                .bind($crate::store::salon_sql::review_json(post)?)
                .bind(post.target_seq)
                .bind(millis(post.created_at))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                if let Some(member) = post.member_id {
                    sqlx::query(
                        "UPDATE salon_members SET last_post_at = $1, \
                         published_count = published_count + CASE WHEN $2 THEN 1 ELSE 0 END WHERE id = $3",
                    )
                    .bind(millis(post.created_at))
                    .bind(published)
                    .bind(member)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok($crate::salon::model::Post { seq, ..post.clone() })
            }

            async fn salon_post(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Post>> {
                let sql = format!("SELECT {} FROM salon_posts WHERE id = $1", $crate::store::salon_sql::POST_COLUMNS);
                let row: Option<$crate::store::salon_sql::PostRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn salon_post_at(
                &self,
                room_id: &$crate::text::Slug,
                seq: i64,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Post>> {
                let sql = format!(
                    "SELECT {} FROM salon_posts WHERE room_id = $1 AND seq = $2",
                    $crate::store::salon_sql::POST_COLUMNS
                );
                let row: Option<$crate::store::salon_sql::PostRow> =
                    sqlx::query_as(&sql).bind(room_id.as_str()).bind(seq).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn decide_salon_post(
                &self,
                id: uuid::Uuid,
                publish: bool,
                actor: uuid::Uuid,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Post>> {
                use $crate::store::sql::millis;
                let mut tx = self.begin_write().await?;
                // Only a held post can be decided, once: of two moderators, one wins.
                let sql = format!(
                    "UPDATE salon_posts SET state = $1, decided_by = $2, decided_at = $3 \
                     WHERE id = $4 AND state = 'held' RETURNING {}",
                    $crate::store::salon_sql::POST_COLUMNS
                );
                let row: Option<$crate::store::salon_sql::PostRow> = sqlx::query_as(&sql)
                    .bind(if publish { "published" } else { "rejected" })
                    .bind(actor)
                    .bind(millis(now))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let mut post: $crate::salon::model::Post = row.try_into()?;
                if publish {
                    let seq = next_salon_seq(&mut tx, &post.room_id).await?;
                    sqlx::query("UPDATE salon_posts SET seq = $1 WHERE id = $2").bind(seq).bind(id).execute(&mut *tx).await?;
                    if let Some(member) = post.member_id {
                        sqlx::query("UPDATE salon_members SET published_count = published_count + 1 WHERE id = $1")
                            .bind(member)
                            .execute(&mut *tx)
                            .await?;
                    }
                    post.seq = Some(seq);
                }
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(Some(post))
            }

            async fn hide_salon_post(
                &self,
                room_id: &$crate::text::Slug,
                seq: i64,
                actor: uuid::Uuid,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Post>> {
                use $crate::store::sql::millis;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE salon_posts SET state = 'hidden', decided_by = $1, decided_at = $2 \
                     WHERE room_id = $3 AND seq = $4 AND kind = 'message' AND state = 'published'",
                )
                .bind(actor)
                .bind(millis(now))
                .bind(room_id.as_str())
                .bind(seq)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Ok(None);
                }
                let marker_seq = next_salon_seq(&mut tx, room_id).await?;
                let marker = $crate::salon::model::Post {
                    id: uuid::Uuid::new_v4(),
                    room_id: room_id.clone(),
                    seq: Some(marker_seq),
                    kind: $crate::salon::model::PostKind::Hide,
                    state: $crate::salon::model::PostState::Published,
                    hold_reason: None,
                    member_id: None,
                    author_id: Some(actor),
                    nickname: String::new(),
                    client_msg_id: None,
                    body: String::new(),
                    masked: false,
                    review: None,
                    target_seq: Some(seq),
                    created_at: now,
                    decided_by: None,
                    decided_at: None,
                };
                sqlx::query(
                    "INSERT INTO salon_posts (id, room_id, seq, kind, state, author_id, nickname, body, target_seq, created_at) \
                     VALUES ($1, $2, $3, 'hide', 'published', $4, '', '', $5, $6)",
                )
                .bind(marker.id)
                .bind(room_id.as_str())
                .bind(marker_seq)
                .bind(actor)
                .bind(seq)
                .bind(millis(now))
                .execute(&mut *tx)
                .await?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(Some(marker))
            }

            async fn salon_log_after(
                &self,
                room_id: &$crate::text::Slug,
                after_seq: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::salon::model::Post>> {
                let sql = format!(
                    "SELECT {} FROM salon_posts WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                    $crate::store::salon_sql::POST_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::PostRow> = sqlx::query_as(&sql)
                    .bind(room_id.as_str())
                    .bind(after_seq)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn salon_recent_messages(
                &self,
                room_id: &$crate::text::Slug,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::salon::model::Post>> {
                let sql = format!(
                    "SELECT {} FROM salon_posts WHERE room_id = $1 AND kind = 'message' AND state = 'published' \
                     AND seq IS NOT NULL ORDER BY seq DESC LIMIT $2",
                    $crate::store::salon_sql::POST_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::PostRow> = sqlx::query_as(&sql)
                    .bind(room_id.as_str())
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                let mut posts = rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<$crate::store::StoreResult<Vec<$crate::salon::model::Post>>>()?;
                posts.reverse();
                Ok(posts)
            }

            async fn salon_posts_in_state(
                &self,
                state: $crate::salon::model::PostState,
                newest_first: bool,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::salon::model::Post>> {
                let order = if newest_first { "created_at DESC, id DESC" } else { "created_at, id" };
                let sql = format!(
                    "SELECT {} FROM salon_posts WHERE state = $1 ORDER BY {order} LIMIT $2",
                    $crate::store::salon_sql::POST_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::PostRow> =
                    sqlx::query_as(&sql).bind(state.as_str()).bind(limit).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn salon_pending_of(
                &self,
                member_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<$crate::salon::model::Post>> {
                let sql = format!(
                    "SELECT {} FROM salon_posts WHERE member_id = $1 AND state IN ('held', 'withheld') \
                     ORDER BY created_at, id LIMIT 50",
                    $crate::store::salon_sql::POST_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::PostRow> =
                    sqlx::query_as(&sql).bind(member_id).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn set_salon_reaction(
                &self,
                room_id: &$crate::text::Slug,
                seq: i64,
                member_id: uuid::Uuid,
                emoji: &str,
                on: bool,
            ) -> $crate::store::StoreResult<()> {
                let statement = if on {
                    "INSERT INTO salon_reactions (room_id, seq, member_id, emoji) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT DO NOTHING"
                } else {
                    "DELETE FROM salon_reactions WHERE room_id = $1 AND seq = $2 AND member_id = $3 AND emoji = $4"
                };
                sqlx::query(statement)
                    .bind(room_id.as_str())
                    .bind(seq)
                    .bind(member_id)
                    .bind(emoji)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::store::classify)?;
                Ok(())
            }

            async fn salon_reactions(
                &self,
                room_id: &$crate::text::Slug,
                from_seq: i64,
                to_seq: i64,
            ) -> $crate::store::StoreResult<Vec<(i64, String, i64)>> {
                let rows: Vec<(i64, String, i64)> = sqlx::query_as(
                    "SELECT seq, emoji, COUNT(*) FROM salon_reactions WHERE room_id = $1 AND seq >= $2 AND seq <= $3 \
                     GROUP BY seq, emoji ORDER BY seq, emoji",
                )
                .bind(room_id.as_str())
                .bind(from_seq)
                .bind(to_seq)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows)
            }

            async fn insert_salon_report(
                &self,
                report: &$crate::salon::model::Report,
                reporter: uuid::Uuid,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "INSERT INTO salon_reports (id, room_id, post_id, reporter_id, reason, note, state, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) ON CONFLICT DO NOTHING",
                )
                .bind(report.id)
                .bind(&report.room_id)
                .bind(report.post_id)
                .bind(reporter)
                .bind(&report.reason)
                .bind(report.note.as_deref())
                .bind($crate::store::sql::millis(report.created_at))
                .execute(&self.pool)
                .await
                .map_err($crate::store::classify)?;
                Ok(done.rows_affected() == 1)
            }

            async fn salon_reports(
                &self,
                open_only: bool,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::salon::model::Report>> {
                let sql = format!(
                    "SELECT {} FROM salon_reports r JOIN salon_posts p ON p.id = r.post_id \
                     WHERE ($1 = FALSE OR r.state = 'open') ORDER BY r.created_at DESC, r.id LIMIT $2",
                    $crate::store::salon_sql::REPORT_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::ReportRow> =
                    sqlx::query_as(&sql).bind(open_only).bind(limit).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn salon_report(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Report>> {
                let sql = format!(
                    "SELECT {} FROM salon_reports r JOIN salon_posts p ON p.id = r.post_id WHERE r.id = $1",
                    $crate::store::salon_sql::REPORT_COLUMNS
                );
                let row: Option<$crate::store::salon_sql::ReportRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn resolve_salon_report(
                &self,
                id: uuid::Uuid,
                resolution: &str,
                actor: uuid::Uuid,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE salon_reports SET state = 'resolved', resolution = $1, resolved_by = $2, resolved_at = $3 \
                     WHERE id = $4 AND state = 'open'",
                )
                .bind(resolution)
                .bind(actor)
                .bind($crate::store::sql::millis(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                commit_if_changed(tx, done.rows_affected(), audit).await
            }

            async fn insert_salon_ban(
                &self,
                ban: &$crate::salon::model::Ban,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::sql::millis;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO salon_bans (id, device_hash, reason, expires_at, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(ban.id)
                .bind(&ban.device_hash)
                .bind(&ban.reason)
                .bind(millis(ban.expires_at))
                .bind(ban.created_by)
                .bind(millis(ban.created_at))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                sqlx::query("UPDATE salon_members SET online = FALSE WHERE device_hash = $1")
                    .bind(&ban.device_hash)
                    .execute(&mut *tx)
                    .await?;
                append_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn salon_active_ban(
                &self,
                device_hash: &str,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Option<$crate::salon::model::Ban>> {
                let sql = format!(
                    "SELECT {} FROM salon_bans WHERE device_hash = $1 AND expires_at > $2 AND lifted_at IS NULL \
                     ORDER BY expires_at DESC LIMIT 1",
                    $crate::store::salon_sql::BAN_COLUMNS
                );
                let row: Option<$crate::store::salon_sql::BanRow> = sqlx::query_as(&sql)
                    .bind(device_hash)
                    .bind($crate::store::sql::millis(now))
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn salon_bans(
                &self,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Vec<$crate::salon::model::Ban>> {
                let sql = format!(
                    "SELECT {} FROM salon_bans WHERE expires_at > $1 AND lifted_at IS NULL ORDER BY created_at DESC LIMIT 500",
                    $crate::store::salon_sql::BAN_COLUMNS
                );
                let rows: Vec<$crate::store::salon_sql::BanRow> =
                    sqlx::query_as(&sql).bind($crate::store::sql::millis(now)).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn lift_salon_ban(
                &self,
                id: uuid::Uuid,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("UPDATE salon_bans SET lifted_at = $1 WHERE id = $2 AND lifted_at IS NULL")
                    .bind($crate::store::sql::millis(now))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                commit_if_changed(tx, done.rows_affected(), audit).await
            }

            async fn salon_duty(
                &self,
                connection: uuid::Uuid,
                account: uuid::Uuid,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO salon_duty (connection_id, account_id, seen_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (connection_id) DO UPDATE SET seen_at = excluded.seen_at",
                )
                .bind(connection)
                .bind(account)
                .bind($crate::store::sql::millis(now))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn end_salon_duty(&self, connection: uuid::Uuid, stale_before: jiff::Timestamp) -> $crate::store::StoreResult<()> {
                // Also forgets consoles of nodes that died without saying goodbye.
                sqlx::query("DELETE FROM salon_duty WHERE connection_id = $1 OR seen_at < $2")
                    .bind(connection)
                    .bind($crate::store::sql::millis(stale_before))
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn salon_on_duty(&self, since: jiff::Timestamp) -> $crate::store::StoreResult<i64> {
                let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM salon_duty WHERE seen_at >= $1")
                    .bind($crate::store::sql::millis(since))
                    .fetch_one(&self.pool)
                    .await?;
                Ok(count)
            }

            async fn salon_audit(&self, limit: i64) -> $crate::store::StoreResult<Vec<$crate::audit::AuditEntry>> {
                let rows: Vec<$crate::store::sql::AuditRow> = sqlx::query_as(
                    "SELECT at, actor_id, action, subject, detail FROM audit_log WHERE action LIKE 'salon.%' \
                     ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }

        /// Takes the room's next log position inside `tx` (locking the room row,
        /// so concurrent posts to one room queue up here).
        async fn next_salon_seq(
            tx: &mut sqlx::Transaction<'_, <$store as $crate::store::sql::Engine>::Db>,
            room_id: &$crate::text::Slug,
        ) -> $crate::store::StoreResult<i64> {
            let (seq,): (i64,) =
                sqlx::query_as("UPDATE salon_rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq")
                    .bind(room_id.as_str())
                    .fetch_one(&mut **tx)
                    .await?;
            Ok(seq)
        }
    };
}

pub(super) use impl_salon_store;
