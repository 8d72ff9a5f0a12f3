//! The persistence boundary. Every read and write of the system goes through
//! [`Store`]; the engine is picked from the URL scheme at start-up.
//!
//! - `sql`, `conversation_sql`, `assignment_sql`, `salon_sql`, `escalation_sql`, `webhook_sql`: the one body of
//!   SQL shared by both engines, by area (macros instantiated for each pool
//!   type: the statements are the same, the drivers differ).
//! - [`sqlite`], [`postgres`]: connection set-up and migrations per engine.
//!
//! Timestamps are stored as UTC milliseconds since the Unix epoch (`BIGINT`) in
//! both engines, so the two schemas stay identical and no driver converts zones.

mod assignment_sql;
mod conversation_sql;
mod escalation_sql;
pub mod postgres;
mod salon_sql;
mod sql;
pub mod sqlite;
mod webhook_sql;

use std::sync::Arc;

use async_trait::async_trait;
use jiff::Timestamp;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::config::{DatabaseConfig, DatabaseUrl};
use crate::consultation::console::{CannedReply, Note};
use crate::consultation::model::{Conversation, Message, RiskReason, Sender, WrapUp};
use crate::lines::Line;
use crate::salon::model::{Author, Ban, Member, Post, PostState, Report, Restriction, Room};
use crate::staff::session::StaffSession;
use crate::staff::{Account, Organisation};
use crate::text::Slug;

/// What can go wrong at the persistence boundary.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value (username, name) is already taken.
    #[error("already exists")]
    Conflict,
    /// A referenced row (an organisation, an account) does not exist.
    #[error("refers to something that does not exist")]
    MissingReference,
    /// The database schema was written by a newer yorisoi.
    #[error("the database schema (version {found}) is newer than this yorisoi understands (up to {known}); run a newer yorisoi")]
    SchemaTooNew {
        /// Highest version found in the database.
        found: i64,
        /// Highest version this binary carries.
        known: i64,
    },
    /// A stored value could not be read back (hand-edited row, bad JSON).
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    /// The database did not answer or failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// Migrations failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Result alias for store operations.
pub type StoreResult<T> = Result<T, StoreError>;

/// Changes to an account written together with their audit entry.
#[derive(Debug, Clone)]
pub struct AccountUpdate {
    /// The account as it should be stored.
    pub account: Account,
    /// A new password hash, if the password changes.
    pub password_hash: Option<String>,
    /// End every session of the account (sign-out everywhere).
    pub end_sessions: bool,
}

/// A message to append.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// Conversation.
    pub conversation_id: Uuid,
    /// Who writes.
    pub sender: Sender,
    /// Counsellor account, for counsellor messages.
    pub author_id: Option<Uuid>,
    /// The sender's id for idempotent retries.
    pub client_msg_id: Option<String>,
    /// Validated text.
    pub body: String,
    /// When.
    pub at: Timestamp,
    /// Raise the conversation's risk to this level with these reasons (if higher than now).
    pub risk: Option<(i32, Vec<RiskReason>)>,
}

/// What happened to an appended message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Appended {
    /// Stored with a new sequence number.
    Stored(Message),
    /// Already stored by an earlier try with the same client id.
    Duplicate(Message),
    /// The conversation is over (or does not exist); nothing stored.
    Closed,
}

/// Conversations and their messages.
#[async_trait]
pub trait ConversationStore: Send + Sync + 'static {
    /// Registers a new teen device token (its hash).
    async fn insert_device(&self, token_hash: &str, now: Timestamp) -> StoreResult<()>;
    /// Whether a device token hash is known; updates its last-seen time.
    async fn touch_device(&self, token_hash: &str, now: Timestamp) -> StoreResult<bool>;
    /// Stores a new conversation.
    async fn insert_conversation(&self, conversation: &Conversation) -> StoreResult<()>;
    /// One conversation.
    async fn conversation(&self, id: Uuid) -> StoreResult<Option<Conversation>>;
    /// A device's conversations, newest first (at most 50).
    async fn device_conversations(&self, device_hash: &str) -> StoreResult<Vec<Conversation>>;
    /// Every waiting conversation in queue order (at most 500).
    async fn waiting_conversations(&self) -> StoreResult<Vec<Conversation>>;
    /// Active conversations, of one counsellor or of everyone.
    async fn active_conversations(
        &self,
        counselor_id: Option<Uuid>,
    ) -> StoreResult<Vec<Conversation>>;
    /// How many waiting conversations of the same line are ahead of this one.
    async fn queue_position(&self, conversation: &Conversation) -> StoreResult<i64>;
    /// Appends messages in one transaction, each with the next sequence number of
    /// its conversation and at most once per client id. Fails whole if any fails.
    async fn append_messages(&self, batch: &[NewMessage]) -> StoreResult<Vec<Appended>>;
    /// Appends one message (see [`ConversationStore::append_messages`]).
    async fn append_message(&self, message: &NewMessage) -> StoreResult<Appended> {
        let once =
            |outcomes: Vec<Appended>| outcomes.into_iter().next().unwrap_or(Appended::Closed);
        match self.append_messages(std::slice::from_ref(message)).await {
            // Another node stored the same retry between our check and insert: read it back.
            Err(StoreError::Conflict) => Ok(once(
                self.append_messages(std::slice::from_ref(message)).await?,
            )),
            other => other.map(once),
        }
    }
    /// Messages with a sequence number above `after_seq`, in order.
    async fn messages_after(
        &self,
        conversation_id: Uuid,
        after_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<Message>>;
    /// Waiting → active with this counsellor; `false` if someone else was first.
    async fn claim_conversation(
        &self,
        id: Uuid,
        counselor_id: Uuid,
        now: Timestamp,
    ) -> StoreResult<bool>;
    /// Moves an active conversation from one counsellor to another.
    async fn reassign_conversation(&self, id: Uuid, from: Uuid, to: Uuid) -> StoreResult<bool>;
    /// Active → waiting again, at the top of its risk level (the counsellor dropped).
    async fn requeue_conversation(&self, id: Uuid, counselor_id: Uuid) -> StoreResult<bool>;
    /// Ends a conversation; `false` if it had already ended.
    async fn end_conversation(&self, id: Uuid, reason: &str, now: Timestamp) -> StoreResult<bool>;
    /// Links a conversation to the salon post it came from, with that post's
    /// risk (first among equals while it waits); `false` if it has ended.
    async fn link_salon_post(
        &self,
        id: Uuid,
        post_id: Uuid,
        risk_level: i32,
        reasons: &[RiskReason],
    ) -> StoreResult<bool>;
    /// Stores the wrap-up once.
    async fn record_wrap_up(&self, id: Uuid, wrap_up: &WrapUp) -> StoreResult<bool>;
    /// Raises the teen's read mark.
    async fn set_teen_read(&self, id: Uuid, seq: i64) -> StoreResult<()>;
    /// Deletes a device's ended conversations and their messages.
    async fn delete_ended_conversations(&self, device_hash: &str) -> StoreResult<u64>;
    /// For every active conversation: when the teen last wrote (or the chat began)
    /// and the sequence number of their last message (0 if none).
    async fn teen_activity(&self) -> StoreResult<Vec<(Uuid, Timestamp, i64)>>;
    /// A counsellor's ended chats without a wrap-up, ended since `since`.
    async fn awaiting_wrap_up(
        &self,
        counselor_id: Uuid,
        since: Timestamp,
    ) -> StoreResult<Vec<Conversation>>;
    /// Canned replies for a line (and those for every line); all when `None`.
    async fn canned_replies(&self, line_id: Option<&str>) -> StoreResult<Vec<CannedReply>>;
    /// Creates or replaces a canned reply, with its audit entry.
    async fn upsert_canned_reply(&self, reply: &CannedReply, audit: &AuditEntry)
        -> StoreResult<()>;
    /// Deletes a canned reply with its audit entry; `false` if there was none.
    async fn delete_canned_reply(&self, id: Uuid, audit: &AuditEntry) -> StoreResult<bool>;
    /// Stores a private note.
    async fn insert_note(&self, note: &Note) -> StoreResult<()>;
    /// Notes on a conversation, oldest first.
    async fn notes(&self, conversation_id: Uuid) -> StoreResult<Vec<Note>>;
    /// Sum of chat milliseconds and number of chats that ended on a line since a moment.
    async fn chat_duration_stats(
        &self,
        line_id: &Slug,
        since: Timestamp,
    ) -> StoreResult<(i64, i64)>;
}

/// Peer salon rooms: settings and state, members, the log of posts, reports,
/// bans and moderators on duty. Every moderator action is written with its
/// audit entry in one transaction.
#[async_trait]
pub trait SalonStore: Send + Sync + 'static {
    /// Every room in display order.
    async fn salon_rooms(&self) -> StoreResult<Vec<Room>>;
    /// One room.
    async fn salon_room(&self, id: &Slug) -> StoreResult<Option<Room>>;
    /// Creates a room or replaces its settings (its live state and log stay).
    async fn save_salon_room(&self, room: &Room, audit: &AuditEntry) -> StoreResult<()>;
    /// Writes a room's live state (open, paused, slow mode, pinned); `false` if no such room.
    async fn set_salon_room_state(&self, room: &Room, audit: &AuditEntry) -> StoreResult<bool>;
    /// Deletes a room with everything in it; `false` if there was none.
    async fn delete_salon_room(&self, id: &Slug, audit: &AuditEntry) -> StoreResult<bool>;

    /// A device's membership of a room.
    async fn salon_member(&self, room_id: &Slug, device_hash: &str) -> StoreResult<Option<Member>>;
    /// A membership by id.
    async fn salon_member_by_id(&self, id: Uuid) -> StoreResult<Option<Member>>;
    /// Every membership of a device.
    async fn salon_members_of_device(&self, device_hash: &str) -> StoreResult<Vec<Member>>;
    /// Adds a member (online); `Conflict` when the nickname (folded) is taken in the room.
    async fn insert_salon_member(&self, member: &Member) -> StoreResult<()>;
    /// Marks a member present or gone, and when last seen.
    async fn set_salon_member_online(
        &self,
        id: Uuid,
        online: bool,
        now: Timestamp,
    ) -> StoreResult<()>;
    /// Nicknames of members present and seen since `since`, by arrival.
    async fn salon_present(&self, room_id: &Slug, since: Timestamp) -> StoreResult<Vec<String>>;
    /// Mutes or removes a member (or lifts it); `false` if no such member.
    async fn restrict_salon_member(
        &self,
        id: Uuid,
        restriction: Restriction,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// The post an author already sent with this client id.
    async fn salon_post_by_client_id(
        &self,
        room_id: &Slug,
        author: Author,
        client_msg_id: &str,
    ) -> StoreResult<Option<Post>>;
    /// Stores a post; a published one takes the room's next sequence number
    /// and counts for its author. `Conflict` on a repeated client id.
    async fn insert_salon_post(&self, post: &Post) -> StoreResult<Post>;
    /// One post.
    async fn salon_post(&self, id: Uuid) -> StoreResult<Option<Post>>;
    /// The log entry at `seq`.
    async fn salon_post_at(&self, room_id: &Slug, seq: i64) -> StoreResult<Option<Post>>;
    /// A held post published (with the next sequence number) or rejected;
    /// `None` unless it was held (someone else decided first).
    async fn decide_salon_post(
        &self,
        id: Uuid,
        publish: bool,
        actor: Uuid,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<Option<Post>>;
    /// Hides a published message and appends the hide marker (returned);
    /// `None` if there is no visible message at `seq`.
    async fn hide_salon_post(
        &self,
        room_id: &Slug,
        seq: i64,
        actor: Uuid,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<Option<Post>>;
    /// Log entries after `after_seq`, in order.
    async fn salon_log_after(
        &self,
        room_id: &Slug,
        after_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<Post>>;
    /// The newest visible messages, oldest first.
    async fn salon_recent_messages(&self, room_id: &Slug, limit: i64) -> StoreResult<Vec<Post>>;
    /// Posts in one state: oldest first (the held queue, in the order to decide
    /// it) or newest first (recent alerts).
    async fn salon_posts_in_state(
        &self,
        state: PostState,
        newest_first: bool,
        limit: i64,
    ) -> StoreResult<Vec<Post>>;
    /// A member's posts that the room has not seen (held or withheld).
    async fn salon_pending_of(&self, member_id: Uuid) -> StoreResult<Vec<Post>>;

    /// Adds or removes one member's reaction.
    async fn set_salon_reaction(
        &self,
        room_id: &Slug,
        seq: i64,
        member_id: Uuid,
        emoji: &str,
        on: bool,
    ) -> StoreResult<()>;
    /// Reaction counts `(seq, emoji, count)` for messages in `from_seq..=to_seq`.
    async fn salon_reactions(
        &self,
        room_id: &Slug,
        from_seq: i64,
        to_seq: i64,
    ) -> StoreResult<Vec<(i64, String, i64)>>;

    /// Stores a report; `false` if this member already reported this post.
    async fn insert_salon_report(&self, report: &Report, reporter: Uuid) -> StoreResult<bool>;
    /// Reports, newest first.
    async fn salon_reports(&self, open_only: bool, limit: i64) -> StoreResult<Vec<Report>>;
    /// One report.
    async fn salon_report(&self, id: Uuid) -> StoreResult<Option<Report>>;
    /// Resolves an open report; `false` if it was not open.
    async fn resolve_salon_report(
        &self,
        id: Uuid,
        resolution: &str,
        actor: Uuid,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// Bans a device from every room (and marks it gone from them).
    async fn insert_salon_ban(&self, ban: &Ban, audit: &AuditEntry) -> StoreResult<()>;
    /// The ban in force on a device.
    async fn salon_active_ban(&self, device_hash: &str, now: Timestamp)
        -> StoreResult<Option<Ban>>;
    /// Bans in force.
    async fn salon_bans(&self, now: Timestamp) -> StoreResult<Vec<Ban>>;
    /// Lifts a ban early; `false` if it was not in force.
    async fn lift_salon_ban(
        &self,
        id: Uuid,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// A moderator console is on duty (refreshed every heartbeat).
    async fn salon_duty(&self, connection: Uuid, account: Uuid, now: Timestamp) -> StoreResult<()>;
    /// A console went off duty; consoles not seen since `stale_before` are forgotten too.
    async fn end_salon_duty(&self, connection: Uuid, stale_before: Timestamp) -> StoreResult<()>;
    /// Consoles on duty seen since `since`.
    async fn salon_on_duty(&self, since: Timestamp) -> StoreResult<i64>;
    /// The newest salon audit entries (every moderator action).
    async fn salon_audit(&self, limit: i64) -> StoreResult<Vec<AuditEntry>>;
}

/// Who takes which chat: chat limits, counsellors' presence across nodes,
/// claims within capacity, and return codes.
#[async_trait]
pub trait AssignmentStore: Send + Sync + 'static {
    /// The administrators' default limit of chats at once, if they set one.
    async fn default_max_chats(&self) -> StoreResult<Option<i64>>;
    /// Every account with a limit of its own.
    async fn account_limits(&self) -> StoreResult<Vec<(Uuid, i64)>>;
    /// One account's own limit, if it has one.
    async fn account_max_chats(&self, account_id: Uuid) -> StoreResult<Option<i64>>;
    /// Sets the default limit, with its audit entry.
    async fn set_default_max_chats(&self, max_chats: i64, audit: &AuditEntry) -> StoreResult<()>;
    /// Sets (or, with `None`, removes) an account's own limit, with its audit entry.
    async fn set_account_max_chats(
        &self,
        account_id: Uuid,
        max_chats: Option<i64>,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// What a counsellor set in their console: available or away, and capacity.
    async fn set_presence(
        &self,
        account_id: Uuid,
        available: bool,
        capacity: i64,
        now: Timestamp,
    ) -> StoreResult<()>;
    /// A console is open (on any node): records or refreshes it.
    async fn console_seen(
        &self,
        console_id: Uuid,
        account_id: Uuid,
        now: Timestamp,
    ) -> StoreResult<()>;
    /// A console closed.
    async fn console_closed(&self, console_id: Uuid) -> StoreResult<()>;
    /// How many consoles of an account were seen after `since`, on every node.
    async fn live_consoles(&self, account_id: Uuid, since: Timestamp) -> StoreResult<i64>;
    /// Forgets consoles not seen since `before` (their node went away) and
    /// returns their accounts, each row to one caller only.
    async fn forget_stale_consoles(&self, before: Timestamp) -> StoreResult<Vec<Uuid>>;
    /// Forgets return codes expired at `now`.
    async fn forget_expired_codes(&self, now: Timestamp) -> StoreResult<u64>;
    /// Counsellors and supervisors who are available with a console seen after
    /// `since`, with their capacity, limit, active chats and last assignment.
    async fn on_shift(
        &self,
        since: Timestamp,
    ) -> StoreResult<Vec<crate::consultation::assignment::Candidate>>;
    /// Waiting → active with this counsellor if they hold fewer than `capacity`
    /// chats; atomic across nodes for the chat and for the counsellor's count.
    async fn claim_within(
        &self,
        id: Uuid,
        counselor_id: Uuid,
        capacity: i64,
        now: Timestamp,
    ) -> StoreResult<crate::consultation::assignment::Claim>;
    /// Stores a return code's hash for a conversation (replacing an earlier one).
    async fn save_return_code(
        &self,
        code_hash: &str,
        conversation_id: Uuid,
        counselor_id: Uuid,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<()>;
    /// The counsellor behind an unexpired return code.
    async fn return_code_counselor(
        &self,
        code_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<Uuid>>;
}

/// Which messages a new case copies as its excerpts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExcerptSource<'a> {
    /// Messages of the case's chat, by position.
    Chat(&'a [i64]),
    /// A salon member's post, and further member posts of its room by position.
    Salon {
        /// The escalated post (copied whether or not it reached the room).
        post_id: Uuid,
        /// Positions in the post's room.
        room_seqs: &'a [i64],
    },
}

/// What happened to a new case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseInsert {
    /// Stored with its excerpts and audit entry.
    Stored,
    /// The chat has no message at this position; nothing was stored.
    MissingMessage(i64),
}

/// Escalation cases, their excerpts and notes. Every change is written with
/// its audit entry in one transaction, and, once the case is released to a
/// partner whose organisation has a webhook, with its outbox event.
#[async_trait]
pub trait EscalationStore: Send + Sync + 'static {
    /// Stores a case (its excerpts and notes fields are ignored), copies the
    /// chosen messages (the store reads their text itself), and appends the
    /// audit entry; nothing if a message is missing. `MissingReference` if the
    /// organisation does not exist.
    async fn insert_case(
        &self,
        case: &crate::escalation::model::Case,
        excerpts: ExcerptSource<'_>,
        audit: &AuditEntry,
    ) -> StoreResult<CaseInsert>;
    /// One case with its organisation's name, excerpts and notes.
    async fn case(&self, id: Uuid) -> StoreResult<Option<crate::escalation::model::Case>>;
    /// Cases, newest first (at most 500).
    async fn cases(
        &self,
        filter: crate::escalation::model::CaseFilter,
    ) -> StoreResult<Vec<crate::escalation::model::CaseSummary>>;
    /// Confirms an emergency case waiting for confirmation, by someone other
    /// than its creator, and releases it; `false` if it was not waiting.
    async fn confirm_case(
        &self,
        id: Uuid,
        by: Uuid,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Moves a released case from `from` to `to`; `false` if it was not at `from`.
    async fn set_case_status(
        &self,
        id: Uuid,
        from: crate::escalation::model::CaseStatus,
        to: crate::escalation::model::CaseStatus,
        outcome: Option<crate::escalation::model::Outcome>,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Adds a note to a case.
    async fn add_case_note(
        &self,
        case_id: Uuid,
        note: &crate::escalation::model::CaseNote,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// Cases past a deadline whose overdue alert has not fired: unconfirmed
    /// emergencies created at or before `confirm_cutoff`, and open released
    /// cases released at or before their urgency's cutoff.
    async fn overdue_cases(
        &self,
        ack_cutoffs: [(crate::escalation::model::Urgency, Timestamp); 3],
        confirm_cutoff: Timestamp,
    ) -> StoreResult<Vec<(Uuid, crate::escalation::clock::Waiting)>>;
    /// Records that the overdue alert for `waiting` fired, with its audit entry;
    /// `false` if it already had (another node) or the case moved on.
    async fn mark_overdue(
        &self,
        id: Uuid,
        waiting: crate::escalation::clock::Waiting,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Adds a crisis message's flagged words to the chat's pending nudge, or
    /// starts one; returns the nudge's id.
    async fn record_nudge(
        &self,
        conversation_id: Uuid,
        draft: &crate::escalation::nudge::NudgeDraft,
        now: Timestamp,
    ) -> StoreResult<Uuid>;
    /// The chat's pending nudge, if any.
    async fn pending_nudge(
        &self,
        conversation_id: Uuid,
    ) -> StoreResult<Option<crate::escalation::nudge::Nudge>>;
    /// One nudge.
    async fn nudge(&self, id: Uuid) -> StoreResult<Option<crate::escalation::nudge::Nudge>>;
    /// Dismisses a pending nudge with the staff member's reason and the audit
    /// entry; `false` if it was no longer pending.
    async fn dismiss_nudge(
        &self,
        id: Uuid,
        by: Uuid,
        reason: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Settles the chat's pending nudge, if any, as escalated to `case_id`.
    async fn settle_nudge(
        &self,
        conversation_id: Uuid,
        case_id: Uuid,
        by: Uuid,
        now: Timestamp,
    ) -> StoreResult<()>;
}

/// Partner organisations' webhooks: endpoints, the outbox that case changes
/// write to (see [`EscalationStore`]: every change of a released case whose
/// organisation has a webhook URL records one event in its transaction), and
/// delivery claims that are safe across nodes.
#[async_trait]
pub trait WebhookStore: Send + Sync + 'static {
    /// An organisation's webhook, if one was ever set up.
    async fn webhook(
        &self,
        organisation_id: Uuid,
    ) -> StoreResult<Option<crate::webhooks::Endpoint>>;
    /// Sets the URL and enabled flag, creating the endpoint with `secret` the
    /// first time (an existing secret stays), with the audit entry; answers
    /// what is stored. `MissingReference` if the organisation does not exist.
    async fn set_webhook(
        &self,
        organisation_id: Uuid,
        url: &str,
        enabled: bool,
        secret: &str,
        audit: &AuditEntry,
    ) -> StoreResult<crate::webhooks::Endpoint>;
    /// Replaces the secret, with the audit entry; `false` if there is no endpoint.
    async fn rotate_webhook_secret(
        &self,
        organisation_id: Uuid,
        secret: &str,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Removes the URL (no more events are recorded) and drops the events not
    /// yet delivered, with the audit entry; answers how many were dropped.
    async fn clear_webhook(&self, organisation_id: Uuid, audit: &AuditEntry) -> StoreResult<u64>;
    /// How delivery to an organisation is going.
    async fn webhook_status(
        &self,
        organisation_id: Uuid,
    ) -> StoreResult<crate::webhooks::DeliveryStatus>;
    /// An organisation's events after `after_sequence`, in order.
    async fn webhook_events(
        &self,
        organisation_id: Uuid,
        after_sequence: i64,
        limit: i64,
    ) -> StoreResult<Vec<crate::webhooks::OutboxEvent>>;
    /// Claims one event due at `now` until `lease_until` and counts the
    /// attempt: the oldest undelivered event of an enabled organisation, so
    /// each organisation's events go out in order, never two at once.
    async fn claim_webhook_event(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> StoreResult<Option<crate::webhooks::Claimed>>;
    /// A claimed event was delivered.
    async fn webhook_delivered(&self, id: Uuid, now: Timestamp) -> StoreResult<()>;
    /// A claimed event failed; it is due again at `retry_at`.
    async fn webhook_failed(&self, id: Uuid, retry_at: Timestamp, error: &str) -> StoreResult<()>;
    /// Forgets events delivered before `delivered_before`; answers how many.
    async fn prune_webhook_events(&self, delivered_before: Timestamp) -> StoreResult<u64>;
}

/// Everything the system stores. One implementation per engine; both pass the
/// conformance suite in `tests/`.
#[async_trait]
pub trait Store:
    ConversationStore
    + AssignmentStore
    + SalonStore
    + EscalationStore
    + WebhookStore
    + Send
    + Sync
    + 'static
{
    /// Applies pending migrations under the engine's lock; refuses a newer schema.
    async fn migrate(&self) -> StoreResult<()>;
    /// Answers when the database does.
    async fn ping(&self) -> StoreResult<()>;

    /// Registers a partner organisation.
    async fn insert_organisation(
        &self,
        organisation: &Organisation,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// All organisations by name.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;
    /// One organisation.
    async fn organisation(&self, id: Uuid) -> StoreResult<Option<Organisation>>;
    /// Replaces an organisation's directory entry with its audit entry;
    /// `false` (and no audit) if there is none; `Conflict` if the name is taken.
    async fn update_organisation(
        &self,
        organisation: &Organisation,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// Creates an account; `Conflict` if the username is taken.
    async fn insert_account(
        &self,
        account: &Account,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// One account by id.
    async fn account(&self, id: Uuid) -> StoreResult<Option<Account>>;
    /// An account and its password hash, by username.
    async fn account_credentials(&self, username: &str) -> StoreResult<Option<(Account, String)>>;
    /// All accounts by username.
    async fn accounts(&self) -> StoreResult<Vec<Account>>;
    /// Writes an account change, ends its sessions when asked, and appends the audit entry, atomically.
    async fn update_account(&self, update: &AccountUpdate, audit: &AuditEntry) -> StoreResult<()>;
    /// Number of enabled administrators.
    async fn active_admin_count(&self) -> StoreResult<i64>;

    /// Stores a new session.
    async fn insert_session(&self, session: &StaffSession) -> StoreResult<()>;
    /// A live session (not expired, account enabled) and its account.
    async fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<(StaffSession, Account)>>;
    /// Ends one session.
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Removes expired sessions; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> StoreResult<u64>;

    /// Creates or replaces a line, with its audit entry.
    async fn upsert_line(&self, line: &Line, audit: &AuditEntry) -> StoreResult<()>;
    /// All lines in display order.
    async fn lines(&self) -> StoreResult<Vec<Line>>;
    /// One line.
    async fn line(&self, id: &Slug) -> StoreResult<Option<Line>>;
    /// Deletes a line with its audit entry; `false` if there was none.
    async fn delete_line(&self, id: &Slug, audit: &AuditEntry) -> StoreResult<bool>;

    /// Appends an audit entry on its own (reads, which change nothing else).
    async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    /// The newest audit entries first.
    async fn audit_entries(&self, limit: i64) -> StoreResult<Vec<AuditEntry>>;
}

/// Connects to the configured database (creating an SQLite file and its
/// directory if needed). Does not migrate.
pub async fn connect(config: &DatabaseConfig) -> StoreResult<Arc<dyn Store>> {
    Ok(match &config.url {
        DatabaseUrl::Sqlite { path } => {
            Arc::new(sqlite::SqliteStore::connect(path, config.max_connections).await?)
        }
        DatabaseUrl::Postgres { url } => {
            Arc::new(postgres::PgStore::connect(url, config.max_connections).await?)
        }
    })
}

/// Runs a migrator, turning "the database knows a migration we do not" into
/// [`StoreError::SchemaTooNew`].
async fn run_migrator<'a, A>(migrator: &sqlx::migrate::Migrator, pool: A) -> StoreResult<()>
where
    A: sqlx::Acquire<'a>,
    <A::Connection as std::ops::Deref>::Target: sqlx::migrate::Migrate,
{
    let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
    match migrator.run(pool).await {
        Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
            Err(StoreError::SchemaTooNew { found, known })
        }
        other => Ok(other?),
    }
}

fn to_millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

fn from_millis(ms: i64) -> StoreResult<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt(format!("timestamp {ms}: {e}")))
}

/// Maps driver errors that mean "bad request" rather than "broken database".
fn classify(error: sqlx::Error) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::MissingReference,
        _ => StoreError::Database(error),
    }
}
