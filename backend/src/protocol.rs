//! The websocket wire format, version 1. `docs/protocol.md` mirrors these types.
//!
//! Every frame is a JSON object with `"v": 1` and a `"type"`. A client frame may
//! carry a `"ref"` string of its choosing; error frames echo it so the client
//! knows which request failed.

pub mod salon;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::consultation::console::Note;
use crate::consultation::events::MessageEvent;
use crate::consultation::model::{Sender, WrapUp};
use crate::consultation::{StaffView, TeenView};
use crate::escalation::events::CaseChange;
use crate::staff::{Account, Organisation};

/// The protocol version this server speaks.
pub const VERSION: u64 = 1;

/// Largest client frame processed, in bytes. A frame above this gets a
/// `frame_too_large` error and is ignored; far larger frames (over
/// [`HARD_FRAME_LIMIT`]) close the connection.
pub const MAX_FRAME_BYTES: usize = 32 * 1024;

/// Frames beyond this size are not even read: the connection closes.
pub const HARD_FRAME_LIMIT: usize = 64 * 1024;

/// What a teen's device sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum TeenRequest {
    /// First frame: the device token (never in the URL).
    Hello {
        /// The token from `POST /api/teen/devices`.
        token: String,
    },
    /// Start a consultation on an open line.
    Start {
        /// Line id.
        line_id: String,
        /// Optional nickname.
        #[serde(default)]
        nickname: Option<String>,
        /// Started from the salon's care answer: the withheld post it follows.
        #[serde(default)]
        salon_post_id: Option<Uuid>,
        /// Optional return code, to talk with the same counsellor again.
        #[serde(default)]
        return_code: Option<String>,
    },
    /// Follow a conversation and receive every message after `after_seq`.
    Resume {
        /// Conversation.
        conversation_id: Uuid,
        /// Last sequence number the device has (0 for none).
        after_seq: i64,
    },
    /// Send a message; retried sends with the same `client_msg_id` are stored once.
    Send {
        /// Conversation.
        conversation_id: Uuid,
        /// The device's own id for this message.
        client_msg_id: String,
        /// Text, up to 4000 characters.
        body: String,
    },
    /// Typing started or stopped.
    Typing {
        /// Conversation.
        conversation_id: Uuid,
        /// Typing now?
        typing: bool,
    },
    /// The teen has seen messages up to `seq`.
    Read {
        /// Conversation.
        conversation_id: Uuid,
        /// Highest sequence seen.
        seq: i64,
    },
    /// Leave the queue or end the chat.
    Leave {
        /// Conversation.
        conversation_id: Uuid,
    },
    /// Ask for a return code for a chat a counsellor has talked in.
    ReturnCode {
        /// Conversation.
        conversation_id: Uuid,
    },
    /// Keep-alive; answered with `pong`. (A struct variant, so that unknown
    /// fields are refused like on every other frame.)
    Ping {},
}

/// What a staff console sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StaffRequest {
    /// Available for new chats, or away; and how many chats at once.
    Status {
        /// `available` or `away`.
        status: Presence,
        /// Chats at once, 1 to the limit an administrator set for the account.
        #[serde(default)]
        capacity: Option<usize>,
    },
    /// Take a waiting chat.
    Take {
        /// Conversation.
        conversation_id: Uuid,
    },
    /// Open a chat's transcript (audited) and follow it.
    Open {
        /// Conversation.
        conversation_id: Uuid,
        /// Last sequence number the console has (0 for none).
        after_seq: i64,
    },
    /// Send a message in an assigned chat.
    Send {
        /// Conversation.
        conversation_id: Uuid,
        /// The console's own id for this message.
        client_msg_id: String,
        /// Text.
        body: String,
    },
    /// Typing started or stopped.
    Typing {
        /// Conversation.
        conversation_id: Uuid,
        /// Typing now?
        typing: bool,
    },
    /// Hand the chat to a colleague (supervisors: to themselves to take over).
    Transfer {
        /// Conversation.
        conversation_id: Uuid,
        /// Staff account to receive it.
        to: Uuid,
    },
    /// A private note on the chat (staff only; a supervisor's note is a whisper).
    Note {
        /// Conversation.
        conversation_id: Uuid,
        /// Text, up to 2000 characters.
        body: String,
    },
    /// End the chat with the required wrap-up.
    End {
        /// Conversation.
        conversation_id: Uuid,
        /// Topics, risk level, follow-up.
        wrap_up: Option<WrapUp>,
    },
    /// Keep-alive; answered with `pong`. (A struct variant, so that unknown
    /// fields are refused like on every other frame.)
    Ping {},
}

/// A counsellor's availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Takes new chats.
    Available,
    /// Finishes current chats, takes none.
    Away,
}

/// What the server sends to a teen's device.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TeenFrame {
    /// Answer to `hello`: the device's conversations.
    Ready {
        /// Newest first.
        conversations: Vec<TeenView>,
    },
    /// A conversation's state (after start, resume, or any change).
    Conversation {
        /// The conversation.
        conversation: TeenView,
    },
    /// Place in the queue, while waiting.
    Queue {
        /// Conversation.
        conversation_id: Uuid,
        /// 1 = next.
        position: i64,
        /// Estimate.
        estimated_wait_seconds: i64,
    },
    /// A message (own messages too, so every tab of the device agrees).
    Message(MessageEvent),
    /// A sent message is stored.
    Ack(Ack),
    /// The counsellor is typing.
    Typing {
        /// Conversation.
        conversation_id: Uuid,
        /// Typing now?
        typing: bool,
    },
    /// Answer to `start` with a return code: where the chat went.
    Returning {
        /// Conversation.
        conversation_id: Uuid,
        /// `true`: the same counsellor has it; `false`: they are not on shift
        /// now, so it waits in the queue for whoever is.
        same_counselor: bool,
    },
    /// Answer to `return_code`.
    ReturnCode {
        /// Conversation.
        conversation_id: Uuid,
        /// The code, `ABCD-EFGH` (only its hash is kept).
        code: String,
        /// When it stops working.
        expires_at: jiff::Timestamp,
    },
    /// Something was refused.
    Error(ErrorFrame),
    /// Answer to `ping`.
    Pong,
}

/// What the server sends to a staff console.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StaffFrame {
    /// First frame: who is signed in, the queue and their chats.
    Ready {
        /// The account.
        account: Account,
        /// Waiting chats, risk first.
        queue: Vec<StaffView>,
        /// Chats this console has (supervisors: all active chats), and the
        /// counsellor's ended chats that still need a wrap-up.
        chats: Vec<StaffView>,
        /// Most chats at once an administrator allows this account.
        max_chats: i64,
    },
    /// An administrator changed this account's limit of chats at once.
    Limits {
        /// The new limit.
        max_chats: i64,
    },
    /// The queue changed: the whole waiting list, risk first.
    Queue {
        /// Waiting chats.
        queue: Vec<StaffView>,
    },
    /// Supervisors: every active chat, sent with each queue change.
    Active {
        /// Active chats.
        chats: Vec<StaffView>,
    },
    /// A chat's state.
    Conversation {
        /// The chat.
        conversation: StaffView,
    },
    /// A message.
    Message(MessageEvent),
    /// A sent message is stored.
    Ack(Ack),
    /// The teen is typing.
    Typing {
        /// Conversation.
        conversation_id: Uuid,
        /// Who.
        sender: Sender,
        /// Typing now?
        typing: bool,
    },
    /// The teen has seen messages up to `seq`.
    Read {
        /// Conversation.
        conversation_id: Uuid,
        /// Highest sequence seen.
        seq: i64,
    },
    /// A crisis: look now (supervisors).
    Alert {
        /// Conversation.
        conversation_id: Uuid,
        /// Line.
        line_id: String,
        /// Severity.
        severity: String,
        /// Categories.
        categories: Vec<String>,
    },
    /// A suggested escalation waits for this chat (its counsellor).
    Nudge {
        /// Conversation.
        conversation_id: Uuid,
    },
    /// An escalation case missed its confirmation or acknowledgement deadline (supervisors).
    CaseOverdue {
        /// The case.
        case_id: Uuid,
        /// Its urgency.
        urgency: String,
        /// `confirmation` or `acknowledgement`.
        waiting_for: crate::escalation::clock::Waiting,
    },
    /// A private staff note (also sent for existing notes on `open`).
    Note(Note),
    /// A supervisor is reading along.
    Watching {
        /// Conversation.
        conversation_id: Uuid,
        /// Supervisor's display name.
        name: String,
    },
    /// This chat is no longer yours (transferred).
    Released {
        /// Conversation.
        conversation_id: Uuid,
    },
    /// An escalation case changed: its list line (supervisors: any case; a
    /// counsellor: only the cases they escalated).
    Case {
        /// What happened.
        change: CaseChange,
        /// The case summary, as `GET /api/cases` lists it.
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

/// What a partner console sends: only keep-alives (actions go through the HTTP API).
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PartnerRequest {
    /// Keep-alive; answered with `pong`.
    Ping {},
}

/// What the server sends to a partner console on `/ws/partner`.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PartnerFrame {
    /// First frame: who is signed in and the organisation's released cases.
    Ready {
        /// The account.
        account: Account,
        /// The account's organisation (its directory entry).
        organisation: Option<Box<Organisation>>,
        /// The organisation's released cases, newest first (partner view).
        cases: Vec<Value>,
    },
    /// One of the organisation's cases was released or changed.
    Case {
        /// What happened.
        change: CaseChange,
        /// The case summary (partner view).
        case: Value,
    },
    /// Notifications were lost: the whole list again.
    Cases {
        /// The organisation's released cases, newest first.
        cases: Vec<Value>,
    },
    /// Something was refused.
    Error(ErrorFrame),
    /// Answer to `ping`.
    Pong,
}

/// Acknowledgement of a stored message.
#[derive(Debug, Serialize)]
pub struct Ack {
    /// Conversation.
    pub conversation_id: Uuid,
    /// The client's id for it.
    pub client_msg_id: String,
    /// Its sequence number.
    pub seq: i64,
    /// When stored.
    pub at: jiff::Timestamp,
    /// True when this was a retry of a message already stored.
    pub duplicate: bool,
}

/// A refusal. The connection stays usable.
#[derive(Debug, Serialize)]
pub struct ErrorFrame {
    /// Machine-readable code (see `docs/protocol.md`).
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// The `ref` of the client frame that failed, if it had one.
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A frame with its version, as written on the wire.
#[derive(Serialize)]
struct Versioned<'a, T> {
    v: u64,
    #[serde(flatten)]
    frame: &'a T,
}

/// Serialises a server frame with its version.
pub fn encode<T: Serialize>(frame: &T) -> String {
    serde_json::to_string(&Versioned { v: VERSION, frame }).unwrap_or_default()
}

/// A client frame that could not be accepted, before any processing.
#[derive(Debug)]
pub struct Refusal {
    /// Error code.
    pub code: &'static str,
    /// Explanation.
    pub message: String,
    /// The frame's `ref`, when it could be read.
    pub reference: Option<String>,
}

/// Parses a client frame: JSON object, `v` = 1, optional `ref`, then the request.
pub fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<(T, Option<String>), Refusal> {
    let refuse = |code, message: String, reference| Refusal {
        code,
        message,
        reference,
    };
    if text.len() > MAX_FRAME_BYTES {
        return Err(refuse(
            "frame_too_large",
            format!("frames are limited to {MAX_FRAME_BYTES} bytes"),
            None,
        ));
    }
    let mut value: Value = serde_json::from_str(text)
        .map_err(|_| refuse("malformed_json", "the frame is not valid JSON".into(), None))?;
    let Some(object) = value.as_object_mut() else {
        return Err(refuse(
            "malformed_frame",
            "a frame is a JSON object".into(),
            None,
        ));
    };
    let reference = match object.remove("ref") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.len() <= 64 => Some(s),
        Some(_) => {
            return Err(refuse(
                "malformed_frame",
                "ref must be a string of at most 64 bytes".into(),
                None,
            ))
        }
    };
    match object.remove("v") {
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
        _ => {
            return Err(refuse(
                "unsupported_version",
                format!("send \"v\": {VERSION}"),
                reference,
            ))
        }
    }
    match serde_json::from_value::<T>(value) {
        Ok(request) => Ok((request, reference)),
        Err(error) => {
            let message = error.to_string();
            let code = if message.starts_with("unknown variant") {
                "unknown_type"
            } else {
                "invalid_frame"
            };
            Err(refuse(code, message, reference))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_versioned_frames_with_refs() {
        let (request, reference) =
            decode::<TeenRequest>(r#"{"v":1,"type":"hello","token":"abc","ref":"r1"}"#)
                .expect("valid");
        assert!(matches!(request, TeenRequest::Hello { token } if token == "abc"));
        let (ping, _) = decode::<StaffRequest>(r#"{"v":1,"type":"ping"}"#).expect("valid");
        assert!(matches!(ping, StaffRequest::Ping {}));
        assert_eq!(reference.as_deref(), Some("r1"));
    }

    #[test]
    fn refusals_have_codes() {
        let code = |text: &str| decode::<TeenRequest>(text).expect_err("refused").code;
        assert_eq!(code("{"), "malformed_json");
        assert_eq!(code("[1]"), "malformed_frame");
        assert_eq!(code(r#"{"type":"ping"}"#), "unsupported_version");
        assert_eq!(code(r#"{"v":2,"type":"ping"}"#), "unsupported_version");
        assert_eq!(code(r#"{"v":1,"type":"fly"}"#), "unknown_type");
        assert_eq!(code(r#"{"v":1,"type":"hello"}"#), "invalid_frame");
        assert_eq!(code(r#"{"v":1,"type":"ping","extra":1}"#), "invalid_frame");
        assert_eq!(
            code(&format!(
                r#"{{"v":1,"type":"ping","pad":"{}"}}"#,
                "x".repeat(MAX_FRAME_BYTES)
            )),
            "frame_too_large"
        );
    }

    #[test]
    fn encodes_with_version() {
        let text = encode(&TeenFrame::Pong);
        assert_eq!(text, r#"{"v":1,"type":"pong"}"#);
    }
}
