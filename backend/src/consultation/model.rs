//! What a consultation is made of: conversations, messages, risk reasons, the
//! wrap-up, and the validated text a teen or counsellor sends.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::text::{plain_text, Slug, TextError};

/// Where a conversation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In the queue, no counsellor yet.
    Waiting,
    /// A counsellor is talking with the teen.
    Active,
    /// Over; kept for the teen's history and the wrap-up.
    Ended,
}

impl Status {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Active => "active",
            Self::Ended => "ended",
        }
    }

    /// Parses the stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Waiting, Self::Active, Self::Ended]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    /// The anonymous teen.
    Teen,
    /// The counsellor (or a supervisor who took over).
    Counselor,
    /// Yorisoi itself (closing notices, inactivity prompts).
    System,
}

impl Sender {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Teen => "teen",
            Self::Counselor => "counselor",
            Self::System => "system",
        }
    }

    /// Parses the stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Teen, Self::Counselor, Self::System]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// One reason a conversation is considered at risk: which words, which category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskReason {
    /// Classifier category (`self_harm`, `abuse`, …).
    pub category: String,
    /// Severity of this match (`low` … `critical`).
    pub severity: String,
    /// Rule id, for reviewers.
    pub rule: String,
    /// The words as the teen wrote them.
    pub text: String,
}

/// Risk levels, ordered; `Critical` means imminent danger.
pub const RISK_NAMES: [&str; 5] = ["info", "low", "medium", "high", "critical"];

/// Index of a severity name in [`RISK_NAMES`] (unknown names count as `info`).
pub fn risk_level(severity: &str) -> i32 {
    RISK_NAMES
        .iter()
        .position(|name| *name == severity)
        .map_or(0, |i| i as i32)
}

/// A conversation between one teen device and the counsellors of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Stable id, shared with the teen's device.
    pub id: Uuid,
    /// The line it was started on.
    pub line_id: Slug,
    /// SHA-256 of the teen's device token.
    pub device_hash: String,
    /// Optional nickname the teen chose.
    pub nickname: Option<String>,
    /// Queue or chat state.
    pub status: Status,
    /// Risk level 0–4 (see [`RISK_NAMES`]), the highest seen so far.
    pub risk_level: i32,
    /// Why, in the classifier's words (bounded list).
    pub risk: Vec<RiskReason>,
    /// Returned to the queue after a counsellor dropped: goes first among equals.
    pub requeued: bool,
    /// The counsellor talking with the teen.
    pub counselor_id: Option<Uuid>,
    /// Highest message sequence number.
    pub last_seq: i64,
    /// Highest sequence the teen has seen.
    pub teen_read_seq: i64,
    /// Since when it waits (for queue order and waiting time).
    pub queued_at: Timestamp,
    /// When the teen started it.
    pub created_at: Timestamp,
    /// When a counsellor took it.
    pub assigned_at: Option<Timestamp>,
    /// When it ended.
    pub ended_at: Option<Timestamp>,
    /// Why it ended.
    pub end_reason: Option<String>,
    /// The counsellor's wrap-up.
    pub wrap_up: Option<WrapUp>,
    /// The salon post (a cry for help kept from a room) this chat came from.
    pub salon_post_id: Option<Uuid>,
    /// Started with a return code (the teen asked for the same counsellor).
    pub is_return: bool,
}

impl Conversation {
    /// Queue priority: risk first, a returned chat first among equals.
    pub fn priority(risk_level: i32, requeued: bool) -> i32 {
        risk_level * 2 + i32::from(requeued)
    }
}

/// One stored message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Conversation.
    pub conversation_id: Uuid,
    /// 1, 2, 3, … within the conversation; never reused, never skipped.
    pub seq: i64,
    /// Who wrote it.
    pub sender: Sender,
    /// Counsellor account (staff only; never sent to the teen).
    #[serde(skip)]
    pub author_id: Option<Uuid>,
    /// The sender's own id for this message (idempotent retries).
    pub client_msg_id: Option<String>,
    /// The text, shown as text, never markup.
    pub body: String,
    /// When it was stored.
    pub at: Timestamp,
}

/// The longest message, in characters. Generous on purpose: a teen may need to
/// write a lot at once, and cutting them off would be unkind.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// A message text: 1–4000 characters after trimming, no control characters
/// other than newlines and tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    /// Validates a message text.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        plain_text("body", raw, 1, MAX_MESSAGE_CHARS, true).map(Self)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A nickname: 1–20 characters, no control characters. Optional for teens.
pub fn parse_nickname(raw: &str) -> Result<String, TextError> {
    plain_text("nickname", raw, 1, 20, false)
}

/// A client's own message id: 1–64 characters of letters, digits, `-` and `_`.
pub fn parse_client_msg_id(raw: &str) -> Result<String, TextError> {
    let ok = (1..=64).contains(&raw.len())
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| raw.to_owned()).ok_or_else(|| {
        TextError::new(
            "client_msg_id",
            "must be 1 to 64 letters, digits, '-' or '_'",
        )
    })
}

/// What the counsellor records when a chat ends. Required to end a chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrapUp {
    /// Topics talked about (from the line's list, free text allowed), at least one.
    pub topics: Vec<String>,
    /// The counsellor's judgement of risk: one of [`RISK_NAMES`].
    pub risk_level: String,
    /// What happens next (none, suggested another service, escalate, …).
    pub follow_up: String,
    /// Young-carer specifics, when they came up.
    #[serde(default)]
    pub young_carer: Option<YoungCarerNotes>,
}

/// Young-carer specifics for the wrap-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YoungCarerNotes {
    /// Who is cared for (e.g. parent, sibling, grandparent).
    pub cared_for: Vec<String>,
    /// Hours of care per week, if said.
    pub caring_hours_per_week: Option<u16>,
    /// Effect on school (late, absent, no time to study, none said…).
    pub school_impact: Option<String>,
}

impl WrapUp {
    /// Checks the wrap-up is complete and bounded.
    pub fn validate(&self) -> Result<(), TextError> {
        if self.topics.is_empty() || self.topics.len() > 20 {
            return Err(TextError::new("wrap_up.topics", "choose 1 to 20 topics"));
        }
        for topic in &self.topics {
            plain_text("wrap_up.topics", topic, 1, 60, false)?;
        }
        if !RISK_NAMES.contains(&self.risk_level.as_str()) {
            return Err(TextError::new(
                "wrap_up.risk_level",
                "must be info, low, medium, high or critical",
            ));
        }
        plain_text("wrap_up.follow_up", &self.follow_up, 1, 2000, true)?;
        if let Some(carer) = &self.young_carer {
            if carer.cared_for.len() > 10 {
                return Err(TextError::new(
                    "wrap_up.young_carer.cared_for",
                    "at most 10 entries",
                ));
            }
            for who in &carer.cared_for {
                plain_text("wrap_up.young_carer.cared_for", who, 1, 60, false)?;
            }
            if carer.caring_hours_per_week.is_some_and(|hours| hours > 168) {
                return Err(TextError::new(
                    "wrap_up.young_carer.caring_hours_per_week",
                    "at most 168",
                ));
            }
            if let Some(impact) = &carer.school_impact {
                plain_text("wrap_up.young_carer.school_impact", impact, 0, 500, true)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_bodies_are_bounded_text() {
        assert!(MessageBody::parse("こんにちは\n相談したいです").is_ok());
        assert!(MessageBody::parse("   ").is_err());
        assert!(MessageBody::parse(&"あ".repeat(MAX_MESSAGE_CHARS)).is_ok());
        assert!(MessageBody::parse(&"あ".repeat(MAX_MESSAGE_CHARS + 1)).is_err());
        assert!(MessageBody::parse("bell\u{7}").is_err());
    }

    #[test]
    fn client_ids_and_nicknames() {
        assert!(parse_client_msg_id("8d0c9a4e-1b2c-4d5e-9f00-112233445566").is_ok());
        assert!(parse_client_msg_id("").is_err());
        assert!(parse_client_msg_id("a b").is_err());
        assert!(parse_nickname("みー").is_ok());
        assert!(
            parse_nickname("<img src=x onerror=alert(1)>").is_err(),
            "too long anyway"
        );
        assert!(parse_nickname("a\u{0}").is_err());
    }

    #[test]
    fn wrap_up_requires_topics_risk_and_follow_up() {
        let mut wrap = WrapUp {
            topics: vec!["家族の世話".into()],
            risk_level: "low".into(),
            follow_up: "次回また話す".into(),
            young_carer: Some(YoungCarerNotes {
                cared_for: vec!["母".into()],
                caring_hours_per_week: Some(20),
                school_impact: Some("遅刻が増えた".into()),
            }),
        };
        assert!(wrap.validate().is_ok());
        wrap.risk_level = "extreme".into();
        assert!(wrap.validate().is_err());
        wrap.risk_level = "high".into();
        wrap.topics.clear();
        assert!(wrap.validate().is_err());
    }

    #[test]
    fn risk_orders_the_queue() {
        assert_eq!(risk_level("critical"), 4);
        assert_eq!(risk_level("nonsense"), 0);
        assert!(Conversation::priority(4, false) > Conversation::priority(3, true));
        assert!(Conversation::priority(1, true) > Conversation::priority(1, false));
    }
}
