//! Rooms, members, posts, reports and bans, and the validated inputs that
//! create them. Nothing here knows about HTTP or the bus.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

use crate::lines::hours::Schedule;
use crate::text::{plain_text, Slug, TextError};

/// Longest salon message, in characters. Shorter than a consultation message:
/// a room is a conversation among many, not one person's story.
pub const MAX_POST_CHARS: usize = 1000;

/// Reactions a participant may add: a small fixed set instead of noise replies.
pub const REACTIONS: [&str; 4] = ["👍", "🫂", "❤️", "🙏"];

/// Why a participant reports a message.
pub const REPORT_REASONS: [&str; 6] = [
    "harassment",
    "contact",
    "sexual",
    "worried",
    "spam",
    "other",
];

/// A peer room as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Room {
    /// URL-safe id.
    pub id: Slug,
    /// Rooms are listed in ascending order of this number.
    pub sort_order: i32,
    /// Name of the room.
    pub title: String,
    /// What the room is for.
    pub topic: String,
    /// The room's rules, accepted before joining.
    pub rules: String,
    /// When the room may be open; `None`: whenever a moderator opens it.
    pub schedule: Option<Schedule>,
    /// Open only while a moderator is on duty.
    pub requires_moderator: bool,
    /// Most participants present at once.
    pub capacity: i32,
    /// A participant's first this-many messages wait for a moderator.
    pub premoderate_first: i32,
    /// Seconds a participant waits between messages (0: off).
    pub slow_mode_seconds: i32,
    /// A moderator has opened the room.
    pub is_open: bool,
    /// Posting is paused for everyone.
    pub paused: bool,
    /// An announcement shown above the messages.
    pub pinned: Option<String>,
    /// Highest log sequence number.
    pub last_seq: i64,
    /// Last change of the settings or state.
    pub updated_at: Timestamp,
}

/// Whether a room takes participants now, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Open.
    Open,
    /// No moderator has opened it.
    Closed,
    /// Outside its published hours.
    OutsideHours,
    /// Waiting for a moderator to be on duty.
    NoModerator,
}

impl Room {
    /// Whether the room takes participants at `now`.
    pub fn availability(&self, now: Timestamp, moderator_on_duty: bool) -> Availability {
        if !self.is_open {
            Availability::Closed
        } else if self
            .schedule
            .as_ref()
            .is_some_and(|schedule| !schedule.status_at(now).open_now)
        {
            Availability::OutsideHours
        } else if self.requires_moderator && !moderator_on_duty {
            Availability::NoModerator
        } else {
            Availability::Open
        }
    }
}

/// What a moderator sends to create or replace a room's settings. The live
/// state (open, paused, pinned) is changed with [`RoomControls`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomInput {
    /// See [`Room::sort_order`].
    #[serde(default)]
    pub sort_order: i32,
    /// See [`Room::title`].
    pub title: String,
    /// See [`Room::topic`].
    pub topic: String,
    /// See [`Room::rules`].
    pub rules: String,
    /// See [`Room::schedule`].
    #[serde(default)]
    pub schedule: Option<Schedule>,
    /// See [`Room::requires_moderator`].
    #[serde(default = "yes")]
    pub requires_moderator: bool,
    /// See [`Room::capacity`].
    pub capacity: i32,
    /// See [`Room::premoderate_first`].
    #[serde(default)]
    pub premoderate_first: i32,
    /// See [`Room::slow_mode_seconds`].
    #[serde(default)]
    pub slow_mode_seconds: i32,
}

fn yes() -> bool {
    true
}

/// Most members a room may hold at once.
pub const MAX_CAPACITY: i32 = 500;
/// Most seconds of slow mode.
pub const MAX_SLOW_MODE_SECONDS: i32 = 600;

impl RoomInput {
    /// Validates every field; state and log position are kept from `existing`.
    pub fn into_room(
        self,
        id: Slug,
        existing: Option<&Room>,
        now: Timestamp,
    ) -> Result<Room, TextError> {
        if let Some(schedule) = &self.schedule {
            schedule
                .validate()
                .map_err(|e| TextError::new("schedule", e.to_string()))?;
        }
        bounded("capacity", self.capacity, 2, MAX_CAPACITY)?;
        bounded("premoderate_first", self.premoderate_first, 0, 50)?;
        bounded(
            "slow_mode_seconds",
            self.slow_mode_seconds,
            0,
            MAX_SLOW_MODE_SECONDS,
        )?;
        bounded("sort_order", self.sort_order, -10_000, 10_000)?;
        Ok(Room {
            id,
            sort_order: self.sort_order,
            title: plain_text("title", &self.title, 1, 80, false)?,
            topic: plain_text("topic", &self.topic, 1, 500, true)?,
            rules: plain_text("rules", &self.rules, 1, 3000, true)?,
            schedule: self.schedule,
            requires_moderator: self.requires_moderator,
            capacity: self.capacity,
            premoderate_first: self.premoderate_first,
            slow_mode_seconds: self.slow_mode_seconds,
            is_open: existing.is_some_and(|r| r.is_open),
            paused: existing.is_some_and(|r| r.paused),
            pinned: existing.and_then(|r| r.pinned.clone()),
            last_seq: existing.map_or(0, |r| r.last_seq),
            updated_at: now,
        })
    }
}

fn bounded(field: &'static str, value: i32, min: i32, max: i32) -> Result<(), TextError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(TextError::new(
            field,
            format!("must be between {min} and {max}"),
        ))
    }
}

/// A live change of a room by a moderator during a session. Absent fields stay.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomControls {
    /// Open or close the room.
    #[serde(default)]
    pub open: Option<bool>,
    /// Pause or resume posting for everyone.
    #[serde(default)]
    pub paused: Option<bool>,
    /// Seconds between one participant's messages (0: off).
    #[serde(default)]
    pub slow_mode_seconds: Option<i32>,
    /// The announcement to pin; an empty string unpins.
    #[serde(default)]
    pub pinned: Option<String>,
    /// Why (for the audit log).
    #[serde(default)]
    pub reason: Option<String>,
}

impl RoomControls {
    /// Applies the controls to `room`, validating each.
    pub fn apply(&self, room: &mut Room, now: Timestamp) -> Result<(), TextError> {
        if let Some(open) = self.open {
            room.is_open = open;
        }
        if let Some(paused) = self.paused {
            room.paused = paused;
        }
        if let Some(seconds) = self.slow_mode_seconds {
            bounded("slow_mode_seconds", seconds, 0, MAX_SLOW_MODE_SECONDS)?;
            room.slow_mode_seconds = seconds;
        }
        if let Some(pinned) = &self.pinned {
            room.pinned = if pinned.trim().is_empty() {
                None
            } else {
                Some(plain_text("pinned", pinned, 1, 500, true)?)
            };
        }
        room.updated_at = now;
        Ok(())
    }

    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self.open.is_none()
            && self.paused.is_none()
            && self.slow_mode_seconds.is_none()
            && self.pinned.is_none()
    }
}

/// A device in one room, under a nickname.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Id (what moderators act on; never the device).
    pub id: Uuid,
    /// Room.
    pub room_id: Slug,
    /// Hash of the device token.
    pub device_hash: String,
    /// Nickname in this room.
    pub nickname: String,
    /// When first joined.
    pub joined_at: Timestamp,
    /// Messages of theirs the room has seen.
    pub published_count: i32,
    /// When they last posted.
    pub last_post_at: Option<Timestamp>,
    /// Cannot post until then.
    pub muted_until: Option<Timestamp>,
    /// Cannot come back until then.
    pub removed_until: Option<Timestamp>,
}

impl Member {
    /// Muted at `now`?
    pub fn muted_at(&self, now: Timestamp) -> Option<Timestamp> {
        self.muted_until.filter(|until| *until > now)
    }

    /// Removed from the room at `now`?
    pub fn removed_at(&self, now: Timestamp) -> Option<Timestamp> {
        self.removed_until.filter(|until| *until > now)
    }
}

/// A moderator's limit on a member; `None` lifts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restriction {
    /// Cannot post until then.
    Mute(Option<Timestamp>),
    /// Out of the room, and cannot come back, until then.
    Remove(Option<Timestamp>),
}

/// Who wrote a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// A participant (their membership).
    Member(Uuid),
    /// A moderator (their account).
    Staff(Uuid),
}

/// A salon nickname: 1–20 characters of visible text. Shown as text, never
/// markup; refused when it hides characters, imitates staff, or would itself
/// be withheld by the rules (a phone number as a nickname, say).
pub fn parse_nickname(raw: &str) -> Result<String, TextError> {
    let nickname = plain_text("nickname", raw, 1, 20, false)?;
    if nickname.chars().any(is_invisible) {
        return Err(TextError::new(
            "nickname",
            "must not contain invisible or direction-changing characters",
        ));
    }
    let key = nickname_key(&nickname);
    const STAFF_WORDS: [&str; 6] = [
        "moderator",
        "staff",
        "admin",
        "もでれーたー",
        "すたっふ",
        "運営",
    ];
    if STAFF_WORDS.iter().any(|word| key.contains(word)) {
        return Err(TextError::new(
            "nickname",
            "must not look like a staff name",
        ));
    }
    Ok(nickname)
}

/// Characters that render as nothing or reorder text (used to imitate others).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

/// The folded form two nicknames must not share: NFKC, lowercase, katakana as
/// hiragana, no spaces. 「ミー」 and 「みー」, `Mii` and `ｍｉｉ` are one name.
pub fn nickname_key(nickname: &str) -> String {
    nickname
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Where a post stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostState {
    /// In the room's log.
    Published,
    /// Waiting for a moderator.
    Held,
    /// A moderator kept it out of the room.
    Rejected,
    /// A cry for help or a disclosure: kept from the room, shown to staff.
    Withheld,
    /// Refused by the rules.
    Blocked,
    /// Published, then hidden by a moderator.
    Hidden,
}

impl PostState {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            PostState::Published => "published",
            PostState::Held => "held",
            PostState::Rejected => "rejected",
            PostState::Withheld => "withheld",
            PostState::Blocked => "blocked",
            PostState::Hidden => "hidden",
        }
    }

    /// Parses a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "published" => PostState::Published,
            "held" => PostState::Held,
            "rejected" => PostState::Rejected,
            "withheld" => PostState::Withheld,
            "blocked" => PostState::Blocked,
            "hidden" => PostState::Hidden,
            _ => return None,
        })
    }
}

/// Why a post waits for a moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// One of the participant's first messages in a pre-moderated room.
    FirstMessages,
    /// The rules asked for a person to look.
    Rules,
}

impl HoldReason {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::FirstMessages => "first_messages",
            HoldReason::Rules => "rules",
        }
    }

    /// Parses a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "first_messages" => Some(HoldReason::FirstMessages),
            "rules" => Some(HoldReason::Rules),
            _ => None,
        }
    }
}

/// A published message or a hide marker in the room's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// Something someone wrote.
    Message,
    /// "The message at `target_seq` was hidden."
    Hide,
}

/// What the classifier said about a post, for the moderators: categories and
/// where in the text (offsets into `body`), never a bare score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Category names.
    pub categories: Vec<String>,
    /// Severity name.
    pub severity: String,
    /// The policy's action.
    pub action: String,
    /// Matched spans (byte offsets into the post's body).
    pub spans: Vec<ReviewSpan>,
    /// Obfuscation was seen.
    pub obfuscated: bool,
}

/// One matched piece of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSpan {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Category name.
    pub category: String,
    /// Rule id.
    pub rule: String,
}

impl From<&moderation::Verdict> for Review {
    fn from(verdict: &moderation::Verdict) -> Self {
        Review {
            categories: verdict
                .categories
                .iter()
                .map(|c| c.name().to_owned())
                .collect(),
            severity: to_name(&verdict.severity),
            action: to_name(&verdict.action),
            spans: verdict
                .spans
                .iter()
                .map(|span| ReviewSpan {
                    start: span.start,
                    end: span.end,
                    category: span.category.name().to_owned(),
                    rule: span.rule.clone(),
                })
                .collect(),
            obfuscated: verdict.obfuscated,
        }
    }
}

/// The snake_case wire name of a serde enum value.
pub fn to_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Something written to a room, in whatever state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Id.
    pub id: Uuid,
    /// Room.
    pub room_id: Slug,
    /// Log position, once published (hide markers have one too).
    pub seq: Option<i64>,
    /// Message or hide marker.
    pub kind: PostKind,
    /// Where it stands.
    pub state: PostState,
    /// Why it waits, while held.
    pub hold_reason: Option<HoldReason>,
    /// The participant who wrote it.
    pub member_id: Option<Uuid>,
    /// The staff member who wrote it (moderator messages and hide markers).
    pub author_id: Option<Uuid>,
    /// Name shown.
    pub nickname: String,
    /// The author's id for retries.
    pub client_msg_id: Option<String>,
    /// Text as the room sees it (masked when `masked`).
    pub body: String,
    /// Contact details or personal information were masked.
    pub masked: bool,
    /// What the classifier said, when it said anything.
    pub review: Option<Review>,
    /// For hide markers: the message hidden.
    pub target_seq: Option<i64>,
    /// When written.
    pub created_at: Timestamp,
    /// Moderator who approved, rejected or hid it.
    pub decided_by: Option<Uuid>,
    /// When.
    pub decided_at: Option<Timestamp>,
}

impl Post {
    /// Written by staff?
    pub fn by_staff(&self) -> bool {
        self.member_id.is_none() && self.author_id.is_some()
    }
}

/// A participant's report of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Id.
    pub id: Uuid,
    /// Room.
    pub room_id: String,
    /// The reported post.
    pub post_id: Uuid,
    /// Its log position.
    pub seq: i64,
    /// One of [`REPORT_REASONS`].
    pub reason: String,
    /// Optional words of the reporter.
    pub note: Option<String>,
    /// `open` or `resolved`.
    pub state: String,
    /// What the moderator decided.
    pub resolution: Option<String>,
    /// Who resolved it.
    pub resolved_by: Option<Uuid>,
    /// When reported.
    pub created_at: Timestamp,
    /// The reported message's text and author, for the moderator.
    pub body: String,
    /// Reported author's nickname.
    pub nickname: String,
    /// Reported author (to act on).
    pub member_id: Option<Uuid>,
}

/// A ban of a device from every room, until a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ban {
    /// Id.
    pub id: Uuid,
    /// Hash of the device token.
    pub device_hash: String,
    /// Why (shown to the banned participant and to moderators).
    pub reason: String,
    /// Ends then.
    pub expires_at: Timestamp,
    /// Moderator.
    pub created_by: Uuid,
    /// When.
    pub created_at: Timestamp,
}

/// Validates a moderator's reason for an action.
pub fn parse_reason(raw: &str) -> Result<String, TextError> {
    plain_text("reason", raw, 1, 500, true)
}

/// Validates a post body.
pub fn parse_body(raw: &str) -> Result<String, TextError> {
    plain_text("body", raw, 1, MAX_POST_CHARS, true)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_are_visible_text_and_not_staff() {
        assert_eq!(parse_nickname(" みー ").as_deref(), Ok("みー"));
        assert!(parse_nickname("a\u{202E}b").is_err());
        assert!(parse_nickname("zero\u{200B}width").is_err());
        assert!(parse_nickname("a\u{7}").is_err());
        assert!(parse_nickname("Moderator").is_err());
        assert!(parse_nickname("ﾓﾃﾞﾚｰﾀｰ").is_err());
        assert!(parse_nickname("運営です").is_err());
        // Markup is just text: accepted, and shown literally by the pages.
        assert!(parse_nickname("<b>x</b>").is_ok());
    }

    #[test]
    fn look_alike_nicknames_share_a_key() {
        assert_eq!(nickname_key("ミー"), nickname_key("みー"));
        assert_eq!(nickname_key("Mii"), nickname_key("ｍｉｉ"));
        assert_eq!(nickname_key("a b"), nickname_key("ab"));
        assert_ne!(nickname_key("みー"), nickname_key("むー"));
    }

    #[test]
    fn controls_validate_and_unpin() {
        let mut room = RoomInput {
            sort_order: 0,
            title: "夜のサロン".into(),
            topic: "話そう".into(),
            rules: "やさしく".into(),
            schedule: None,
            requires_moderator: true,
            capacity: 50,
            premoderate_first: 0,
            slow_mode_seconds: 0,
        }
        .into_room(
            Slug::parse("id", "night", 2, 40).unwrap(),
            None,
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        let pin = RoomControls {
            pinned: Some("ようこそ".into()),
            ..Default::default()
        };
        pin.apply(&mut room, Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(room.pinned.as_deref(), Some("ようこそ"));
        let unpin = RoomControls {
            pinned: Some(" ".into()),
            ..Default::default()
        };
        unpin.apply(&mut room, Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(room.pinned, None);
        let bad = RoomControls {
            slow_mode_seconds: Some(-1),
            ..Default::default()
        };
        assert!(bad.apply(&mut room, Timestamp::UNIX_EPOCH).is_err());
    }

    #[test]
    fn a_room_opens_only_when_opened_in_hours_with_a_moderator() {
        let mut room = RoomInput {
            sort_order: 0,
            title: "t".into(),
            topic: "t".into(),
            rules: "r".into(),
            schedule: None,
            requires_moderator: true,
            capacity: 10,
            premoderate_first: 0,
            slow_mode_seconds: 0,
        }
        .into_room(
            Slug::parse("id", "room", 2, 40).unwrap(),
            None,
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        let now = Timestamp::UNIX_EPOCH;
        assert_eq!(room.availability(now, true), Availability::Closed);
        room.is_open = true;
        assert_eq!(room.availability(now, false), Availability::NoModerator);
        assert_eq!(room.availability(now, true), Availability::Open);
        room.requires_moderator = false;
        assert_eq!(room.availability(now, false), Availability::Open);
    }
}
