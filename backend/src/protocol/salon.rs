//! Salon frames: a participant's device on `/ws/salon` and a moderator's
//! console on `/ws/moderator`. Same envelope as the consultation frames (`v`,
//! `type`, optional `ref`); `docs/protocol.md` mirrors these types.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::ErrorFrame;
use crate::escalation::events::CaseChange;
use crate::salon::events::Entry;
use crate::salon::model::{Post, PostState, Report};
use crate::salon::{Care, HeldView, RoomView, SalonAlert, StaffRoomView};
use crate::staff::Account;

/// What a participant's device sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum SalonRequest {
    /// First frame: the device token (the same one consultations use).
    Hello {
        /// The token from `POST /api/teen/devices`.
        token: String,
    },
    /// Join a room (first time: nickname and accepted rules), or come back to it.
    Join {
        /// Room.
        room_id: String,
        /// Nickname in this room (first join only).
        #[serde(default)]
        nickname: Option<String>,
        /// The room's rules were shown and accepted (first join only).
        #[serde(default)]
        accept_rules: bool,
        /// Resume: the last sequence number the device has. Without it the
        /// newest messages are sent.
        #[serde(default)]
        after_seq: Option<i64>,
    },
    /// Leave a room (the nickname stays reserved for coming back).
    Leave {
        /// Room.
        room_id: String,
    },
    /// Post a message; retried sends with the same `client_msg_id` are stored once.
    Send {
        /// Room.
        room_id: String,
        /// The device's own id for this message.
        client_msg_id: String,
        /// Text, up to 1000 characters.
        body: String,
    },
    /// What would happen to this text if sent (the nudge before sending).
    Preview {
        /// Room.
        room_id: String,
        /// The draft.
        body: String,
    },
    /// Add or remove a reaction.
    React {
        /// Room.
        room_id: String,
        /// Message.
        seq: i64,
        /// One of 👍 🫂 ❤️ 🙏.
        emoji: String,
        /// Add (true) or remove (false).
        on: bool,
    },
    /// Report a message to the moderators.
    Report {
        /// Room.
        room_id: String,
        /// Message.
        seq: i64,
        /// harassment, contact, sexual, worried, spam or other.
        reason: String,
        /// Optional words.
        #[serde(default)]
        note: Option<String>,
    },
    /// Keep-alive; answered with `pong`.
    Ping {},
}

/// What the server sends to a participant's device.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SalonFrame {
    /// Answer to `hello`.
    Ready {
        /// A ban in force on this device, if any.
        ban: Option<BanNotice>,
    },
    /// Answer to `join`: the room, who you are in it, who is here. Messages follow.
    Joined {
        /// The room.
        room: RoomView,
        /// This device in the room.
        me: Me,
        /// Nicknames present.
        present: Vec<String>,
        /// Your messages the room has not seen yet (waiting for a moderator,
        /// or kept from the room).
        pending: Vec<Pending>,
    },
    /// A message in the room.
    Message(RoomMessage),
    /// A message was hidden by a moderator: remove it.
    Hidden {
        /// Room.
        room_id: String,
        /// Log position of this event.
        seq: i64,
        /// The message to remove.
        target_seq: i64,
    },
    /// A message's reactions.
    Reactions {
        /// Room.
        room_id: String,
        /// Message.
        seq: i64,
        /// Emoji → count.
        counts: BTreeMap<String, i64>,
    },
    /// Who is here.
    Presence {
        /// Room.
        room_id: String,
        /// Nicknames, by arrival.
        present: Vec<String>,
    },
    /// The room's state changed (opened, paused, slow mode, pinned…).
    Room {
        /// The room.
        room: RoomView,
    },
    /// A sent message is stored.
    Ack {
        /// Room.
        room_id: String,
        /// The device's id for it.
        client_msg_id: String,
        /// published, held (a moderator reads it first), withheld (kept from
        /// the room; see `care`) or blocked.
        state: PostState,
        /// Log position when published.
        seq: Option<i64>,
        /// Contact details were masked.
        masked: bool,
        /// A retry of a message already stored.
        duplicate: bool,
    },
    /// A warm private answer with help (after a withheld message).
    Care(Care),
    /// Answer to `preview`.
    Preview {
        /// Room.
        room_id: String,
        /// send, mask, hold, block or support.
        outcome: &'static str,
        /// Category names.
        categories: Vec<String>,
    },
    /// A report was received.
    ReportReceived {
        /// Room.
        room_id: String,
        /// Message.
        seq: i64,
    },
    /// You left the room.
    Left {
        /// Room.
        room_id: String,
    },
    /// A moderator's warning.
    Warned {
        /// Room.
        room_id: String,
        /// Their words.
        message: String,
    },
    /// Muted until then (`null`: you can post again).
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
    /// Banned from every room.
    Banned(BanNotice),
    /// A message that waited was not let into the room.
    Rejected {
        /// Room.
        room_id: String,
        /// The device's id for it.
        client_msg_id: Option<String>,
    },
    /// Something was refused.
    Error(ErrorFrame),
    /// Answer to `ping`.
    Pong,
}

/// A ban in force.
#[derive(Debug, Serialize)]
pub struct BanNotice {
    /// Until.
    pub until: Timestamp,
    /// Why.
    pub reason: String,
}

/// This device in a room.
#[derive(Debug, Serialize)]
pub struct Me {
    /// Nickname.
    pub nickname: String,
    /// Cannot post until then.
    pub muted_until: Option<Timestamp>,
    /// How many more messages a moderator reads first.
    pub premoderated_remaining: i32,
}

/// One of your messages the room has not seen.
#[derive(Debug, Serialize)]
pub struct Pending {
    /// Your id for it.
    pub client_msg_id: Option<String>,
    /// Text.
    pub body: String,
    /// held or withheld.
    pub state: PostState,
    /// When.
    pub at: Timestamp,
}

impl From<&Post> for Pending {
    fn from(post: &Post) -> Self {
        Pending {
            client_msg_id: post.client_msg_id.clone(),
            body: post.body.clone(),
            state: post.state,
            at: post.created_at,
        }
    }
}

/// A message as participants see it: a nickname, never who is behind it.
#[derive(Debug, Serialize)]
pub struct RoomMessage {
    /// Room.
    pub room_id: String,
    /// Log position.
    pub seq: i64,
    /// Author's nickname (a moderator's name for moderator messages).
    pub nickname: String,
    /// Written by a moderator.
    pub moderator: bool,
    /// Text (plain text; never markup).
    pub body: String,
    /// Contact details were masked.
    pub masked: bool,
    /// When.
    pub at: Timestamp,
    /// Your own message.
    pub mine: bool,
    /// Your id for it (own messages only).
    pub client_msg_id: Option<String>,
    /// Emoji → count.
    pub reactions: BTreeMap<String, i64>,
}

impl SalonFrame {
    /// The frame for a log entry, as seen by the member `me` of its room.
    pub fn of_entry(entry: Entry, me: Option<Uuid>) -> SalonFrame {
        use crate::salon::model::PostKind;
        match (entry.kind, entry.target_seq) {
            (PostKind::Hide, Some(target_seq)) => SalonFrame::Hidden {
                room_id: entry.room_id,
                seq: entry.seq,
                target_seq,
            },
            _ if entry.hidden || entry.kind == PostKind::Hide => SalonFrame::Hidden {
                room_id: entry.room_id,
                seq: entry.seq,
                target_seq: entry.seq,
            },
            _ => {
                let mine = me.is_some() && entry.member_id == me;
                SalonFrame::Message(RoomMessage {
                    room_id: entry.room_id,
                    seq: entry.seq,
                    nickname: entry.nickname,
                    moderator: entry.moderator,
                    body: entry.body,
                    masked: entry.masked,
                    at: entry.at,
                    mine,
                    client_msg_id: entry.client_msg_id.filter(|_| mine),
                    reactions: BTreeMap::new(),
                })
            }
        }
    }
}

/// What a moderator's console sends (actions go through the HTTP API).
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ModeratorRequest {
    /// Follow a room's log from `after_seq` (0: the whole log).
    Open {
        /// Room.
        room_id: String,
        /// Last sequence number the console has.
        #[serde(default)]
        after_seq: i64,
    },
    /// Keep-alive; answered with `pong`.
    Ping {},
}

/// What the server sends to a moderator's console.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ModeratorFrame {
    /// First frame: who is signed in, the rooms, and what waits for a moderator.
    Ready {
        /// The account.
        account: Account,
        /// Every room.
        rooms: Vec<StaffRoomView>,
        /// Posts waiting for a decision, oldest first.
        held: Vec<HeldView>,
        /// Recent cries for help and disclosures kept from the rooms.
        withheld: Vec<HeldView>,
        /// Open reports, newest first.
        reports: Vec<Report>,
    },
    /// The rooms changed (settings, state, moderators on duty).
    Rooms {
        /// Every room.
        rooms: Vec<StaffRoomView>,
    },
    /// A log entry of an opened room (with the author's member id to act on).
    Entry(Entry),
    /// A message's reactions.
    Reactions {
        /// Room.
        room_id: String,
        /// Message.
        seq: i64,
        /// Emoji → count.
        counts: BTreeMap<String, i64>,
    },
    /// Who is here.
    Presence {
        /// Room.
        room_id: String,
        /// Nicknames.
        present: Vec<String>,
    },
    /// A post waits for a decision.
    Held {
        /// The post with the verdict's reasons and spans.
        post: HeldView,
    },
    /// A held post was decided (by anyone).
    Decided {
        /// Post.
        post_id: Uuid,
        /// published or rejected.
        state: PostState,
    },
    /// A new report.
    Reported {
        /// The report.
        report: Report,
    },
    /// A report was resolved.
    ReportResolved {
        /// Report.
        report_id: Uuid,
    },
    /// Look now.
    Alert(SalonAlert),
    /// An escalation case changed: its list line (a moderator: only the cases
    /// they escalated; a supervisor: any case).
    Case {
        /// What happened.
        change: CaseChange,
        /// The case summary, as `GET /api/cases` lists it for this account.
        case: Value,
    },
    /// Case notifications were lost (the bus dropped some): the whole list again.
    Cases {
        /// Every case this console may see, newest first.
        cases: Vec<Value>,
    },
    /// Something was refused.
    Error(ErrorFrame),
    /// Answer to `ping`.
    Pong,
}
