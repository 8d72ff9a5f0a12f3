//! Escalation statements, shared by both engines like `sql.rs`.

use uuid::Uuid;

use super::{from_millis, StoreError, StoreResult};
use crate::consultation::model::Sender;
use crate::escalation::clock::Clock;
use crate::escalation::model::{
    Case, CaseNote, CaseStatus, CaseSummary, Consent, Excerpt, Outcome, Reason, Side, Source,
    Urgency,
};
use crate::escalation::nudge::{
    suggested_summary, FlaggedWords, Nudge, NudgeDraft, NudgeStatus, MAX_NUDGE_MESSAGES,
};

pub(super) const CASE_COLUMNS: &str =
    "c.id, c.organisation_id, o.name AS organisation_name, c.source, c.conversation_id, \
     c.salon_post_id, c.created_by, \
     a.display_name AS created_by_name, c.reason, c.urgency, c.summary, c.municipality, c.consent, \
     c.override_justification, c.confirmed_by, c.confirmed_at, c.released_at, c.status, c.outcome, \
     c.created_at, c.updated_at, c.acknowledged_at, c.closed_at, \
     (CASE WHEN c.released_at IS NULL THEN c.confirm_overdue_at ELSE c.ack_overdue_at END) AS overdue_at";

pub(super) const SUMMARY_COLUMNS: &str =
    "c.id, c.organisation_id, o.name AS organisation_name, c.source, c.reason, c.urgency, c.status, \
     c.outcome, c.municipality, c.released_at, c.created_by, c.created_at, c.updated_at, \
     (CASE WHEN c.released_at IS NULL THEN c.confirm_overdue_at ELSE c.ack_overdue_at END) AS overdue_at";

pub(super) const CASE_JOINS: &str = "FROM escalation_cases c \
     JOIN organisations o ON o.id = c.organisation_id \
     JOIN staff_accounts a ON a.id = c.created_by";

fn corrupt(what: &str, raw: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {raw:?}"))
}

fn millis_opt(ms: Option<i64>) -> StoreResult<Option<jiff::Timestamp>> {
    ms.map(from_millis).transpose()
}

fn name<T>(what: &str, raw: &str, parse: fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(raw).ok_or_else(|| corrupt(what, raw))
}

fn outcome(raw: Option<String>) -> StoreResult<Option<Outcome>> {
    raw.map(|raw| name("case outcome", &raw, Outcome::parse))
        .transpose()
}

#[derive(sqlx::FromRow)]
pub(super) struct CaseRow {
    id: Uuid,
    organisation_id: Uuid,
    organisation_name: String,
    source: String,
    conversation_id: Option<Uuid>,
    salon_post_id: Option<Uuid>,
    created_by: Uuid,
    created_by_name: String,
    reason: String,
    urgency: String,
    summary: String,
    municipality: Option<String>,
    consent: String,
    override_justification: Option<String>,
    confirmed_by: Option<Uuid>,
    confirmed_at: Option<i64>,
    released_at: Option<i64>,
    status: String,
    outcome: Option<String>,
    created_at: i64,
    updated_at: i64,
    acknowledged_at: Option<i64>,
    closed_at: Option<i64>,
    overdue_at: Option<i64>,
}

impl CaseRow {
    pub(super) fn into_case(
        self,
        excerpts: Vec<Excerpt>,
        notes: Vec<CaseNote>,
    ) -> StoreResult<Case> {
        Ok(Case {
            id: self.id,
            organisation_id: self.organisation_id,
            organisation_name: self.organisation_name,
            source: name("case source", &self.source, Source::parse)?,
            conversation_id: self.conversation_id,
            salon_post_id: self.salon_post_id,
            created_by: self.created_by,
            created_by_name: self.created_by_name,
            reason: name("case reason", &self.reason, Reason::parse)?,
            urgency: name("case urgency", &self.urgency, Urgency::parse)?,
            summary: self.summary,
            municipality: self.municipality,
            consent: name("case consent", &self.consent, Consent::parse)?,
            override_justification: self.override_justification,
            confirmed_by: self.confirmed_by,
            confirmed_at: millis_opt(self.confirmed_at)?,
            released_at: millis_opt(self.released_at)?,
            status: name("case status", &self.status, CaseStatus::parse)?,
            outcome: outcome(self.outcome)?,
            created_at: from_millis(self.created_at)?,
            updated_at: from_millis(self.updated_at)?,
            acknowledged_at: millis_opt(self.acknowledged_at)?,
            closed_at: millis_opt(self.closed_at)?,
            overdue_alerted: self.overdue_at.is_some(),
            clock: Clock::default(),
            excerpts,
            notes,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
    id: Uuid,
    organisation_id: Uuid,
    organisation_name: String,
    source: String,
    reason: String,
    urgency: String,
    status: String,
    outcome: Option<String>,
    municipality: Option<String>,
    released_at: Option<i64>,
    created_by: Uuid,
    created_at: i64,
    updated_at: i64,
    overdue_at: Option<i64>,
}

impl TryFrom<SummaryRow> for CaseSummary {
    type Error = StoreError;
    fn try_from(row: SummaryRow) -> StoreResult<Self> {
        Ok(CaseSummary {
            id: row.id,
            organisation_id: row.organisation_id,
            organisation_name: row.organisation_name,
            source: name("case source", &row.source, Source::parse)?,
            reason: name("case reason", &row.reason, Reason::parse)?,
            urgency: name("case urgency", &row.urgency, Urgency::parse)?,
            status: name("case status", &row.status, CaseStatus::parse)?,
            outcome: outcome(row.outcome)?,
            municipality: row.municipality,
            awaiting_confirmation: row.released_at.is_none(),
            created_by: row.created_by,
            created_at: from_millis(row.created_at)?,
            released_at: millis_opt(row.released_at)?,
            updated_at: from_millis(row.updated_at)?,
            overdue_alerted: row.overdue_at.is_some(),
            clock: Clock::default(),
        })
    }
}

pub(super) const NUDGE_COLUMNS: &str = "id, conversation_id, reason, urgency, flagged, status, \
     dismiss_reason, decided_by, decided_at, case_id, created_at, updated_at";

#[derive(sqlx::FromRow)]
pub(super) struct NudgeRow {
    id: Uuid,
    conversation_id: Uuid,
    reason: String,
    urgency: String,
    flagged: String,
    status: String,
    dismiss_reason: Option<String>,
    decided_by: Option<Uuid>,
    decided_at: Option<i64>,
    case_id: Option<Uuid>,
    created_at: i64,
    updated_at: i64,
}

pub(super) fn parse_flagged(raw: &str) -> StoreResult<Vec<FlaggedWords>> {
    serde_json::from_str(raw).map_err(|_| corrupt("nudge flagged words", raw))
}

impl TryFrom<NudgeRow> for Nudge {
    type Error = StoreError;
    fn try_from(row: NudgeRow) -> StoreResult<Self> {
        let reason = name("nudge reason", &row.reason, Reason::parse)?;
        let flagged = parse_flagged(&row.flagged)?;
        let mut excerpt_seqs: Vec<i64> = flagged.iter().map(|f| f.seq).collect();
        excerpt_seqs.sort_unstable();
        excerpt_seqs.dedup();
        Ok(Nudge {
            id: row.id,
            conversation_id: row.conversation_id,
            reason,
            urgency: name("nudge urgency", &row.urgency, Urgency::parse)?,
            summary: suggested_summary(reason, &flagged),
            excerpt_seqs,
            flagged,
            status: name("nudge status", &row.status, NudgeStatus::parse)?,
            dismiss_reason: row.dismiss_reason,
            decided_by: row.decided_by,
            decided_at: millis_opt(row.decided_at)?,
            case_id: row.case_id,
            created_at: from_millis(row.created_at)?,
            updated_at: from_millis(row.updated_at)?,
        })
    }
}

/// The flagged words of a pending nudge with a new message's added, keeping at
/// most [`MAX_NUDGE_MESSAGES`] messages, and the reason suicide risk wins.
pub(super) fn merge_nudge(
    stored_reason: &str,
    stored_flagged: &str,
    draft: &NudgeDraft,
) -> StoreResult<(Reason, String)> {
    let mut flagged = parse_flagged(stored_flagged)?;
    let mut seqs: Vec<i64> = flagged.iter().map(|f| f.seq).collect();
    seqs.dedup();
    if seqs.len() < MAX_NUDGE_MESSAGES {
        flagged.extend(draft.flagged.iter().cloned());
    }
    let stored = name("nudge reason", stored_reason, Reason::parse)?;
    let reason = if draft.reason == Reason::SuicideRisk {
        Reason::SuicideRisk
    } else {
        stored
    };
    Ok((reason, flagged_json(&flagged)))
}

pub(super) fn flagged_json(flagged: &[FlaggedWords]) -> String {
    serde_json::to_string(flagged).unwrap_or_else(|_| "[]".into())
}

#[derive(sqlx::FromRow)]
pub(super) struct ExcerptRow {
    seq: i64,
    sender: String,
    body: String,
    sent_at: i64,
}

impl TryFrom<ExcerptRow> for Excerpt {
    type Error = StoreError;
    fn try_from(row: ExcerptRow) -> StoreResult<Self> {
        Ok(Excerpt {
            seq: row.seq,
            sender: name("excerpt sender", &row.sender, Sender::parse)?,
            body: row.body,
            at: from_millis(row.sent_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct NoteRow {
    id: Uuid,
    side: String,
    author_id: Uuid,
    author_name: String,
    body: String,
    created_at: i64,
}

impl TryFrom<NoteRow> for CaseNote {
    type Error = StoreError;
    fn try_from(row: NoteRow) -> StoreResult<Self> {
        Ok(CaseNote {
            id: row.id,
            side: name("note side", &row.side, Side::parse)?,
            author_id: row.author_id,
            author_name: row.author_name,
            body: row.body,
            at: from_millis(row.created_at)?,
        })
    }
}

/// Implements [`super::EscalationStore`] for a store type (see `sql.rs`).
macro_rules! impl_escalation_store {
    ($store:ty) => {
        /// One case with its organisation's name, excerpts and notes, read on
        /// `conn` (a pooled connection, or a transaction that just changed it).
        async fn load_case(
            conn: &mut <<$store as $crate::store::sql::Engine>::Db as sqlx::Database>::Connection,
            id: uuid::Uuid,
        ) -> $crate::store::StoreResult<Option<$crate::escalation::model::Case>> {
            use $crate::store::escalation_sql::{CaseRow, ExcerptRow, NoteRow, CASE_COLUMNS, CASE_JOINS};
            let row: Option<CaseRow> = sqlx::query_as(&format!(
                "SELECT {CASE_COLUMNS} {CASE_JOINS} WHERE c.id = $1"
            ))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let excerpts: Vec<ExcerptRow> = sqlx::query_as(
                "SELECT seq, sender, body, sent_at FROM escalation_excerpts WHERE case_id = $1 ORDER BY seq",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
            let notes: Vec<NoteRow> = sqlx::query_as(
                "SELECT n.id, n.side, n.author_id, a.display_name AS author_name, n.body, n.created_at \
                 FROM escalation_notes n JOIN staff_accounts a ON a.id = n.author_id \
                 WHERE n.case_id = $1 ORDER BY n.created_at, n.id",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
            let excerpts = excerpts.into_iter().map(TryInto::try_into).collect::<$crate::store::StoreResult<_>>()?;
            let notes = notes.into_iter().map(TryInto::try_into).collect::<$crate::store::StoreResult<_>>()?;
            row.into_case(excerpts, notes).map(Some)
        }

        #[async_trait::async_trait]
        impl $crate::store::EscalationStore for $store {
            async fn insert_case(
                &self,
                case: &$crate::escalation::model::Case,
                excerpts: $crate::store::ExcerptSource<'_>,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<$crate::store::CaseInsert> {
                use $crate::store::sql::millis;
                use $crate::store::{CaseInsert, ExcerptSource};
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO escalation_cases \
                     (id, organisation_id, source, conversation_id, salon_post_id, created_by, reason, \
                      urgency, summary, municipality, consent, override_justification, confirmed_by, \
                      confirmed_at, released_at, status, outcome, created_at, updated_at, \
                      acknowledged_at, closed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
                      $18, $19, $20, $21)",
                )
                .bind(case.id)
                .bind(case.organisation_id)
                .bind(case.source.as_str())
                .bind(case.conversation_id)
                .bind(case.salon_post_id)
                .bind(case.created_by)
                .bind(case.reason.as_str())
                .bind(case.urgency.as_str())
                .bind(&case.summary)
                .bind(&case.municipality)
                .bind(case.consent.as_str())
                .bind(&case.override_justification)
                .bind(case.confirmed_by)
                .bind(case.confirmed_at.map(millis))
                .bind(case.released_at.map(millis))
                .bind(case.status.as_str())
                .bind(case.outcome.map(|o| o.as_str()))
                .bind(millis(case.created_at))
                .bind(millis(case.updated_at))
                .bind(case.acknowledged_at.map(millis))
                .bind(case.closed_at.map(millis))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                // The server copies the chosen messages itself: the staff
                // member names positions, never texts.
                match excerpts {
                    ExcerptSource::Chat(seqs) => {
                        for seq in seqs {
                            let copied = sqlx::query(
                                "INSERT INTO escalation_excerpts (case_id, seq, sender, body, sent_at) \
                                 SELECT $1, seq, sender, body, created_at FROM messages \
                                 WHERE conversation_id = $2 AND seq = $3",
                            )
                            .bind(case.id)
                            .bind(case.conversation_id)
                            .bind(*seq)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                            if copied == 0 {
                                return Ok(CaseInsert::MissingMessage(*seq));
                            }
                        }
                    }
                    ExcerptSource::Salon { post_id, room_seqs } => {
                        // Members' posts only; a post that never reached the
                        // room (withheld, held) has no position: it is copied as 0.
                        const MEMBER_POST: &str = "kind = 'message' AND author_id IS NULL";
                        let post: Option<(String, Option<i64>)> = sqlx::query_as(&format!(
                            "SELECT room_id, seq FROM salon_posts WHERE id = $1 AND {MEMBER_POST}"
                        ))
                        .bind(post_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let Some((room_id, own_seq)) = post else {
                            return Ok(CaseInsert::MissingMessage(0));
                        };
                        sqlx::query(
                            "INSERT INTO escalation_excerpts (case_id, seq, sender, body, sent_at) \
                             SELECT $1, COALESCE(seq, 0), 'teen', body, created_at FROM salon_posts \
                             WHERE id = $2",
                        )
                        .bind(case.id)
                        .bind(post_id)
                        .execute(&mut *tx)
                        .await?;
                        for seq in room_seqs.iter().filter(|seq| Some(**seq) != own_seq) {
                            let copied = sqlx::query(&format!(
                                "INSERT INTO escalation_excerpts (case_id, seq, sender, body, sent_at) \
                                 SELECT $1, seq, 'teen', body, created_at FROM salon_posts \
                                 WHERE room_id = $2 AND seq = $3 AND {MEMBER_POST}"
                            ))
                            .bind(case.id)
                            .bind(&room_id)
                            .bind(*seq)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                            if copied == 0 {
                                return Ok(CaseInsert::MissingMessage(*seq));
                            }
                        }
                    }
                }
                append_audit(&mut tx, audit).await?;
                // Recorded only if the case is released at once (not an emergency).
                record_webhook_event(
                    &mut tx,
                    case.id,
                    $crate::webhooks::EventType::Released,
                    millis(case.created_at),
                    |_| serde_json::json!({}),
                )
                .await?;
                tx.commit().await?;
                Ok(CaseInsert::Stored)
            }

            async fn case(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::escalation::model::Case>> {
                let mut conn = self.pool.acquire().await?;
                load_case(&mut conn, id).await
            }

            async fn cases(
                &self,
                filter: $crate::escalation::model::CaseFilter,
            ) -> $crate::store::StoreResult<Vec<$crate::escalation::model::CaseSummary>> {
                use $crate::escalation::model::CaseFilter;
                use $crate::store::escalation_sql::{SummaryRow, CASE_JOINS, SUMMARY_COLUMNS};
                let (condition, bound) = match filter {
                    CaseFilter::All => ("", None),
                    CaseFilter::CreatedBy(id) => ("WHERE c.created_by = $1", Some(id)),
                    CaseFilter::Released(id) => {
                        ("WHERE c.organisation_id = $1 AND c.released_at IS NOT NULL", Some(id))
                    }
                };
                let sql = format!(
                    "SELECT {SUMMARY_COLUMNS} {CASE_JOINS} {condition} ORDER BY c.created_at DESC, c.id LIMIT 500"
                );
                let mut query = sqlx::query_as::<_, SummaryRow>(&sql);
                if let Some(id) = bound {
                    query = query.bind(id);
                }
                let rows = query.fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn confirm_case(
                &self,
                id: uuid::Uuid,
                by: uuid::Uuid,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let now = $crate::store::sql::millis(now);
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE escalation_cases SET confirmed_by = $1, confirmed_at = $2, released_at = $2, updated_at = $2 \
                     WHERE id = $3 AND urgency = 'emergency' AND released_at IS NULL AND created_by <> $1",
                )
                .bind(by)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done == 0 {
                    return Ok(false);
                }
                append_audit(&mut tx, audit).await?;
                record_webhook_event(
                    &mut tx,
                    id,
                    $crate::webhooks::EventType::Released,
                    now,
                    |_| serde_json::json!({}),
                )
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn set_case_status(
                &self,
                id: uuid::Uuid,
                from: $crate::escalation::model::CaseStatus,
                to: $crate::escalation::model::CaseStatus,
                outcome: Option<$crate::escalation::model::Outcome>,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                use $crate::escalation::model::CaseStatus;
                let now = $crate::store::sql::millis(now);
                let acknowledged = (to == CaseStatus::Acknowledged).then_some(now);
                let closed = (to == CaseStatus::Closed).then_some(now);
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE escalation_cases SET status = $1, outcome = $2, updated_at = $3, \
                     acknowledged_at = COALESCE($4, acknowledged_at), closed_at = COALESCE($5, closed_at) \
                     WHERE id = $6 AND status = $7 AND released_at IS NOT NULL",
                )
                .bind(to.as_str())
                .bind(outcome.map(|o| o.as_str()))
                .bind(now)
                .bind(acknowledged)
                .bind(closed)
                .bind(id)
                .bind(from.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done == 0 {
                    return Ok(false);
                }
                append_audit(&mut tx, audit).await?;
                record_webhook_event(
                    &mut tx,
                    id,
                    $crate::webhooks::EventType::StatusChanged,
                    now,
                    |_| serde_json::json!({ "previous_status": from.as_str() }),
                )
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn add_case_note(
                &self,
                case_id: uuid::Uuid,
                note: &$crate::escalation::model::CaseNote,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO escalation_notes (id, case_id, side, author_id, body, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(note.id)
                .bind(case_id)
                .bind(note.side.as_str())
                .bind(note.author_id)
                .bind(&note.body)
                .bind($crate::store::sql::millis(note.at))
                .execute(&mut *tx)
                .await
                .map_err($crate::store::classify)?;
                append_audit(&mut tx, audit).await?;
                // Not for a case still awaiting confirmation: its notes reach
                // the partner with the case when it is released.
                let note_id = note.id;
                record_webhook_event(
                    &mut tx,
                    case_id,
                    $crate::webhooks::EventType::NoteAdded,
                    $crate::store::sql::millis(note.at),
                    move |case| serde_json::json!({
                        "note": case.notes.iter().find(|n| n.id == note_id).map($crate::escalation::partner_note),
                    }),
                )
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn overdue_cases(
                &self,
                ack_cutoffs: [($crate::escalation::model::Urgency, jiff::Timestamp); 3],
                confirm_cutoff: jiff::Timestamp,
            ) -> $crate::store::StoreResult<Vec<(uuid::Uuid, $crate::escalation::clock::Waiting)>> {
                use $crate::escalation::clock::Waiting;
                use $crate::store::sql::millis;
                let unconfirmed: Vec<(uuid::Uuid,)> = sqlx::query_as(
                    "SELECT id FROM escalation_cases \
                     WHERE released_at IS NULL AND confirm_overdue_at IS NULL AND created_at <= $1 \
                     ORDER BY created_at",
                )
                .bind(millis(confirm_cutoff))
                .fetch_all(&self.pool)
                .await?;
                let mut query = sqlx::query_as::<_, (uuid::Uuid,)>(
                    "SELECT id FROM escalation_cases \
                     WHERE status = 'open' AND released_at IS NOT NULL AND ack_overdue_at IS NULL \
                     AND ((urgency = $1 AND released_at <= $2) OR (urgency = $3 AND released_at <= $4) \
                          OR (urgency = $5 AND released_at <= $6)) \
                     ORDER BY released_at",
                );
                for (urgency, cutoff) in ack_cutoffs {
                    query = query.bind(urgency.as_str()).bind(millis(cutoff));
                }
                let unacknowledged = query.fetch_all(&self.pool).await?;
                Ok(unconfirmed
                    .into_iter()
                    .map(|(id,)| (id, Waiting::Confirmation))
                    .chain(unacknowledged.into_iter().map(|(id,)| (id, Waiting::Acknowledgement)))
                    .collect())
            }

            async fn mark_overdue(
                &self,
                id: uuid::Uuid,
                waiting: $crate::escalation::clock::Waiting,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                use $crate::escalation::clock::Waiting;
                let sql = match waiting {
                    Waiting::Confirmation => {
                        "UPDATE escalation_cases SET confirm_overdue_at = $1 \
                         WHERE id = $2 AND confirm_overdue_at IS NULL AND released_at IS NULL"
                    }
                    Waiting::Acknowledgement => {
                        "UPDATE escalation_cases SET ack_overdue_at = $1 \
                         WHERE id = $2 AND ack_overdue_at IS NULL AND status = 'open' \
                         AND released_at IS NOT NULL"
                    }
                };
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(sql)
                    .bind($crate::store::sql::millis(now))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                commit_if_changed(tx, done, audit).await
            }

            async fn record_nudge(
                &self,
                conversation_id: uuid::Uuid,
                draft: &$crate::escalation::nudge::NudgeDraft,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<uuid::Uuid> {
                use $crate::store::escalation_sql::{flagged_json, merge_nudge};
                let now = $crate::store::sql::millis(now);
                let mut tx = self.begin_write().await?;
                let pending: Option<(uuid::Uuid, String, String)> = sqlx::query_as(
                    "SELECT id, reason, flagged FROM escalation_nudges \
                     WHERE conversation_id = $1 AND status = 'pending'",
                )
                .bind(conversation_id)
                .fetch_optional(&mut *tx)
                .await?;
                let id = match pending {
                    Some((id, reason, flagged)) => {
                        let (reason, flagged) = merge_nudge(&reason, &flagged, draft)?;
                        sqlx::query(
                            "UPDATE escalation_nudges SET reason = $1, flagged = $2, updated_at = $3 \
                             WHERE id = $4",
                        )
                        .bind(reason.as_str())
                        .bind(flagged)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        id
                    }
                    None => {
                        let id = uuid::Uuid::new_v4();
                        sqlx::query(
                            "INSERT INTO escalation_nudges \
                             (id, conversation_id, reason, urgency, flagged, status, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)",
                        )
                        .bind(id)
                        .bind(conversation_id)
                        .bind(draft.reason.as_str())
                        .bind(draft.urgency.as_str())
                        .bind(flagged_json(&draft.flagged))
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err($crate::store::classify)?;
                        id
                    }
                };
                tx.commit().await?;
                Ok(id)
            }

            async fn pending_nudge(
                &self,
                conversation_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::escalation::nudge::Nudge>> {
                use $crate::store::escalation_sql::{NudgeRow, NUDGE_COLUMNS};
                let sql = format!(
                    "SELECT {NUDGE_COLUMNS} FROM escalation_nudges \
                     WHERE conversation_id = $1 AND status = 'pending'"
                );
                sqlx::query_as::<_, NudgeRow>(&sql)
                    .bind(conversation_id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(TryInto::try_into)
                    .transpose()
            }

            async fn nudge(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::escalation::nudge::Nudge>> {
                use $crate::store::escalation_sql::{NudgeRow, NUDGE_COLUMNS};
                let sql = format!("SELECT {NUDGE_COLUMNS} FROM escalation_nudges WHERE id = $1");
                sqlx::query_as::<_, NudgeRow>(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(TryInto::try_into)
                    .transpose()
            }

            async fn dismiss_nudge(
                &self,
                id: uuid::Uuid,
                by: uuid::Uuid,
                reason: &str,
                now: jiff::Timestamp,
                audit: &$crate::audit::AuditEntry,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE escalation_nudges SET status = 'dismissed', dismiss_reason = $1, \
                     decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'",
                )
                .bind(reason)
                .bind(by)
                .bind($crate::store::sql::millis(now))
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                commit_if_changed(tx, done, audit).await
            }

            async fn settle_nudge(
                &self,
                conversation_id: uuid::Uuid,
                case_id: uuid::Uuid,
                by: uuid::Uuid,
                now: jiff::Timestamp,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE escalation_nudges SET status = 'escalated', case_id = $1, \
                     decided_by = $2, decided_at = $3 WHERE conversation_id = $4 AND status = 'pending'",
                )
                .bind(case_id)
                .bind(by)
                .bind($crate::store::sql::millis(now))
                .bind(conversation_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(super) use impl_escalation_store;
