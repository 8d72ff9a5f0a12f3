//! What the salon publishes on the bus, and the topic names. Events are
//! notifications; the store stays the record (a follower that misses a log
//! entry re-reads by sequence number).

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{Post, PostKind, PostState, Report};
use super::{HeldView, RoomView, SalonAlert};
use crate::text::Slug;

/// Topic of one room: its log, reactions, presence and state.
pub fn room_topic(id: &Slug) -> String {
    format!("salon.room.{id}")
}

/// Topic of one device: what a moderator did to it (warn, mute, remove, ban).
pub fn device_topic(device_hash: &str) -> String {
    format!("salon.device.{device_hash}")
}

/// Topic every moderator console follows: held posts, reports, alerts.
pub const MODERATION_TOPIC: &str = "salon.moderation";

/// An event on a room topic.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum RoomEvent {
    /// A new log entry.
    Entry {
        /// The entry.
        entry: Entry,
    },
    /// A message's reactions changed.
    Reactions {
        /// Room.
        room_id: String,
        /// Message.
        seq: i64,
        /// Emoji → count.
        counts: BTreeMap<String, i64>,
    },
    /// Who is present changed.
    Presence {
        /// Room.
        room_id: String,
        /// Nicknames, by arrival.
        present: Vec<String>,
    },
    /// The room's settings or state changed.
    Changed {
        /// The room as participants now see it.
        room: RoomView,
    },
}

/// A log entry as published. Carries what moderators need (`post_id`,
/// `member_id`); the participants' frame leaves those out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Room.
    pub room_id: String,
    /// Position in the room's log.
    pub seq: i64,
    /// Message or hide marker.
    pub kind: PostKind,
    /// The post.
    pub post_id: Uuid,
    /// Author's membership (participant messages).
    pub member_id: Option<Uuid>,
    /// Written by a moderator.
    pub moderator: bool,
    /// Name shown.
    pub nickname: String,
    /// Text (empty for hide markers and hidden messages).
    pub body: String,
    /// Contact details or personal information were masked.
    pub masked: bool,
    /// The message was hidden by a moderator after it was published.
    pub hidden: bool,
    /// For hide markers: the message hidden.
    pub target_seq: Option<i64>,
    /// The author's id for retries.
    pub client_msg_id: Option<String>,
    /// When written.
    pub at: Timestamp,
}

impl Entry {
    /// The entry of a published post, or `None` if it has no log position.
    pub fn of(post: &Post) -> Option<Entry> {
        let hidden = post.state == PostState::Hidden;
        Some(Entry {
            room_id: post.room_id.to_string(),
            seq: post.seq?,
            kind: post.kind,
            post_id: post.id,
            member_id: post.member_id,
            moderator: post.by_staff(),
            nickname: post.nickname.clone(),
            body: if hidden {
                String::new()
            } else {
                post.body.clone()
            },
            masked: post.masked,
            hidden,
            target_seq: post.target_seq,
            client_msg_id: post.client_msg_id.clone(),
            at: post.created_at,
        })
    }
}

/// An event on a device topic: a moderator acted on this participant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum DeviceEvent {
    /// A warning, in the moderator's words.
    Warned {
        /// Room.
        room_id: String,
        /// What the moderator wrote.
        message: String,
    },
    /// Muted until then (`None`: unmuted).
    Muted {
        /// Room.
        room_id: String,
        /// Until.
        until: Option<Timestamp>,
    },
    /// Removed from the room until then.
    Removed {
        /// Room.
        room_id: String,
        /// Until.
        until: Option<Timestamp>,
        /// Why.
        reason: String,
    },
    /// Banned from every room until then.
    Banned {
        /// Until.
        until: Timestamp,
        /// Why.
        reason: String,
    },
    /// A held message was not let into the room.
    Rejected {
        /// Room.
        room_id: String,
        /// The author's id for it.
        client_msg_id: Option<String>,
    },
}

/// An event on the moderation topic.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ModerationEvent {
    /// A post waits for a moderator.
    Held {
        /// The post.
        post: HeldView,
    },
    /// A held post was approved or rejected.
    Decided {
        /// The post.
        post_id: Uuid,
        /// Its new state.
        state: PostState,
    },
    /// A participant reported a message.
    Reported {
        /// The report.
        report: Report,
    },
    /// A report was resolved.
    ReportResolved {
        /// The report.
        report_id: Uuid,
    },
    /// Look now: a cry for help, a disclosure, or something blocked.
    Alert {
        /// What happened.
        alert: SalonAlert,
    },
    /// Rooms or moderators on duty changed: re-read the rooms.
    RoomsChanged,
}
