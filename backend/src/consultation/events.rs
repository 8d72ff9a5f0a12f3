//! What the consultation service publishes on the bus, and the topic names.
//! Events are notifications; the store stays the record (a subscriber that
//! misses one re-reads by sequence number).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{Message, Sender};

/// Topic of one conversation: its messages, typing, read marks and changes.
pub fn conversation_topic(id: Uuid) -> String {
    format!("conversation.{id}")
}

/// Topic every staff console follows: the queue changed somewhere.
pub const QUEUE_TOPIC: &str = "queue";

/// Topic supervisors follow: crisis alerts.
pub const ALERT_TOPIC: &str = "alerts";

/// Topic of one staff account: chats assigned or transferred to it, session ends.
pub fn staff_topic(account_id: Uuid) -> String {
    format!("staff.{account_id}")
}

/// An event on a conversation topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ConversationEvent {
    /// A stored message.
    Message {
        /// The message (author id omitted).
        message: MessageEvent,
    },
    /// Status, assignment or risk changed: re-read the conversation.
    Changed {
        /// Which conversation.
        conversation_id: Uuid,
    },
    /// Someone started or stopped typing.
    Typing {
        /// Which conversation.
        conversation_id: Uuid,
        /// Who.
        sender: Sender,
        /// Typing now?
        typing: bool,
    },
    /// The teen has seen messages up to `seq`.
    Read {
        /// Which conversation.
        conversation_id: Uuid,
        /// Highest sequence seen.
        seq: i64,
    },
    /// A private staff note (never forwarded to the teen).
    Note {
        /// The note.
        note: super::console::Note,
    },
    /// A supervisor is reading along (staff only).
    Watching {
        /// Which conversation.
        conversation_id: Uuid,
        /// The supervisor's display name.
        name: String,
    },
}

/// A message as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageEvent {
    /// Conversation.
    pub conversation_id: Uuid,
    /// Sequence number.
    pub seq: i64,
    /// Who wrote it.
    pub sender: Sender,
    /// The sender's id for it.
    pub client_msg_id: Option<String>,
    /// Text.
    pub body: String,
    /// When stored (RFC 3339).
    pub at: jiff::Timestamp,
}

impl From<&Message> for MessageEvent {
    fn from(message: &Message) -> Self {
        Self {
            conversation_id: message.conversation_id,
            seq: message.seq,
            sender: message.sender,
            client_msg_id: message.client_msg_id.clone(),
            body: message.body.clone(),
            at: message.at,
        }
    }
}

/// An event on a staff account's topic or the alert topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum StaffEvent {
    /// A conversation became this counsellor's (taken or transferred to them).
    Assigned {
        /// Which conversation.
        conversation_id: Uuid,
    },
    /// A conversation is no longer this counsellor's (transferred away).
    Unassigned {
        /// Which conversation.
        conversation_id: Uuid,
    },
    /// A crisis-level message: supervisors must look now.
    Alert {
        /// Which conversation.
        conversation_id: Uuid,
        /// The line.
        line_id: String,
        /// Severity name.
        severity: String,
        /// Categories matched.
        categories: Vec<String>,
    },
    /// A crisis-severity message in this counsellor's chat: a suggested
    /// escalation waits (`GET /api/cases/nudges?conversation_id=`).
    Nudge {
        /// Which conversation.
        conversation_id: Uuid,
    },
    /// An escalation case missed a deadline: supervisors must look now.
    CaseOverdue {
        /// Which case.
        case_id: Uuid,
        /// Its urgency name.
        urgency: String,
        /// The confirmation (four eyes) or the partner's acknowledgement.
        waiting_for: crate::escalation::clock::Waiting,
    },
    /// The queue changed.
    QueueChanged,
    /// Sessions of this account ended: one (by its token hash) or all of them.
    SessionsEnded {
        /// The ended session's token hash; `None` for every session of the account.
        token_hash: Option<String>,
    },
}
