//! The online salon: moderated peer rooms where young carers talk with each
//! other, and what moderators do in them.
//!
//! - [`model`]: rooms, members, posts, reports, bans and validated inputs.
//! - [`events`]: what is published on the bus, and the topic names.
//!
//! Every participant operation checks the device's membership; every
//! moderator operation checks the role and is audited with its reason in the
//! same transaction. Staff are never acted on by the rules: their messages are
//! not classified.

pub mod events;
pub mod model;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use moderation::{Action, Context};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::bus::Bus;
use crate::consultation::model::{risk_level, RiskReason};
use crate::lines::hours::Schedule;
use crate::lines::Lang;
use crate::rules::Rules;
use crate::staff::{Account, Role};
use crate::store::{Store, StoreError};
use crate::text::{Slug, TextError};
use events::{
    device_topic, room_topic, DeviceEvent, Entry, ModerationEvent, RoomEvent, MODERATION_TOPIC,
};
use model::{
    parse_body, parse_nickname, parse_reason, to_name, Author, Availability, Ban, HoldReason,
    Member, Post, PostKind, PostState, Report, Restriction, Review, Room, RoomControls, RoomInput,
    REACTIONS, REPORT_REASONS,
};

/// Members seen within this window count as present.
const PRESENT_WINDOW: SignedDuration = SignedDuration::from_secs(90);
/// Moderator consoles seen within this window count as on duty.
const DUTY_WINDOW: SignedDuration = SignedDuration::from_secs(60);
/// Messages shown on joining.
pub const HISTORY: i64 = 50;

/// Why a salon operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum SalonError {
    /// Unknown device token.
    #[error("this device is not known; start again")]
    UnknownDevice,
    /// No such room, message, member, post or report (or not yours).
    #[error("not found")]
    NotFound,
    /// The room is not open now.
    #[error("this room is not open now")]
    RoomClosed(Availability),
    /// Posting is paused by the moderators.
    #[error("the moderators have paused the room for a moment")]
    Paused,
    /// The room is full.
    #[error("this room is full right now; please try again a little later")]
    Full,
    /// Someone in the room already has this nickname.
    #[error("someone in this room already uses that nickname; please choose another")]
    NicknameTaken,
    /// A first join must accept the room's rules.
    #[error("please read and accept the room's rules to join")]
    RulesNotAccepted,
    /// Join the room first.
    #[error("join the room first")]
    NotJoined,
    /// Banned from the salon.
    #[error("you cannot use the salon until {until}: {reason}")]
    Banned {
        /// Until.
        until: Timestamp,
        /// Why.
        reason: String,
    },
    /// Removed from this room.
    #[error("you have been asked to leave this room until {0}")]
    Removed(Timestamp),
    /// Muted in this room.
    #[error("you cannot post in this room until {0}")]
    Muted(Timestamp),
    /// Slow mode: wait before the next message.
    #[error("slow mode: you can post again in {0} seconds")]
    SlowMode(i64),
    /// Someone else decided first.
    #[error("another moderator has already dealt with this")]
    AlreadyDecided,
    /// This role may not do this.
    #[error("your role does not allow this")]
    Forbidden,
    /// Bad input.
    #[error(transparent)]
    Invalid(#[from] TextError),
    /// The bus could not be reached; try again.
    #[error("temporarily unavailable; please try again")]
    Unavailable,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

type Result<T> = std::result::Result<T, SalonError>;

/// A room as participants see it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RoomView {
    /// Id.
    pub id: String,
    /// Name.
    pub title: String,
    /// What it is for.
    pub topic: String,
    /// Its rules.
    pub rules: String,
    /// When it may be open (`None`: whenever a moderator opens it).
    pub schedule: Option<Schedule>,
    /// Whether it takes participants now, and why not.
    pub availability: Availability,
    /// Posting paused.
    pub paused: bool,
    /// Seconds between one participant's messages (0: off).
    pub slow_mode_seconds: i32,
    /// The pinned announcement.
    pub pinned: Option<String>,
    /// Most participants at once.
    pub capacity: i32,
    /// A newcomer's first this-many messages are read by a moderator first.
    pub premoderate_first: i32,
    /// Next opening by the schedule, when outside its hours.
    pub next_open_at: Option<Timestamp>,
}

/// A room as moderators see it.
#[derive(Debug, Clone, Serialize)]
pub struct StaffRoomView {
    /// What participants see.
    #[serde(flatten)]
    pub view: RoomView,
    /// Display order.
    pub sort_order: i32,
    /// Opened by a moderator.
    pub is_open: bool,
    /// Open only with a moderator on duty.
    pub requires_moderator: bool,
    /// Highest log position.
    pub last_seq: i64,
    /// Nicknames present.
    pub present: Vec<String>,
}

/// A post waiting for (or shown to) moderators, with the verdict's reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct HeldView {
    /// Post.
    pub post_id: Uuid,
    /// Room.
    pub room_id: String,
    /// Author's membership (to act on).
    pub member_id: Option<Uuid>,
    /// Author's nickname.
    pub nickname: String,
    /// Text as written (spans index into it).
    pub body: String,
    /// State.
    pub state: PostState,
    /// Why held.
    pub hold_reason: Option<HoldReason>,
    /// The classifier's reasons and spans.
    pub review: Option<Review>,
    /// Log position, once published.
    pub seq: Option<i64>,
    /// When written.
    pub at: Timestamp,
}

impl From<&Post> for HeldView {
    fn from(post: &Post) -> Self {
        HeldView {
            post_id: post.id,
            room_id: post.room_id.to_string(),
            member_id: post.member_id,
            nickname: post.nickname.clone(),
            body: post.body.clone(),
            state: post.state,
            hold_reason: post.hold_reason,
            review: post.review.clone(),
            seq: post.seq,
            at: post.created_at,
        }
    }
}

/// Look now: what a participant wrote needs a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SalonAlert {
    /// The post, its reasons and spans.
    #[serde(flatten)]
    pub post: HeldView,
    /// Severity name.
    pub severity: String,
    /// Category names.
    pub categories: Vec<String>,
}

/// The warm private answer to a participant whose message signalled risk.
#[derive(Debug, Clone, Serialize)]
pub struct Care {
    /// Room.
    pub room_id: String,
    /// The withheld post: start a 1:1 chat linked to it with `salon_post_id`.
    pub post_id: Uuid,
    /// Words of support.
    pub message: String,
    /// Consultation lines taking new chats now (empty: show the emergency numbers).
    pub open_lines: Vec<OpenLine>,
}

/// A consultation line open now.
#[derive(Debug, Clone, Serialize)]
pub struct OpenLine {
    /// Id.
    pub id: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name.
    pub name_en: String,
}

/// What happened to a sent message.
#[derive(Debug, Clone)]
pub struct Posted {
    /// The stored post.
    pub post: Post,
    /// A retry of a post already stored.
    pub duplicate: bool,
    /// A private answer, when the message signalled risk.
    pub care: Option<Care>,
}

/// A participant in a room.
#[derive(Debug, Clone)]
pub struct Joined {
    /// The room.
    pub room: RoomView,
    /// The membership.
    pub member: Member,
    /// Nicknames present.
    pub present: Vec<String>,
    /// Their own posts the room has not seen.
    pub pending: Vec<Post>,
}

/// The nudge before sending: what would happen to this text.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// `send`, `mask`, `hold`, `block` or `support`.
    pub outcome: &'static str,
    /// Category names.
    pub categories: Vec<String>,
}

/// A ban as moderators see it (never the device).
#[derive(Debug, Clone, Serialize)]
pub struct BanView {
    /// Id.
    pub id: Uuid,
    /// Why.
    pub reason: String,
    /// Ends then.
    pub expires_at: Timestamp,
    /// When.
    pub created_at: Timestamp,
    /// Moderator.
    pub created_by: Uuid,
    /// The device's nicknames, room by room.
    pub nicknames: Vec<String>,
}

/// What a moderator does to a participant.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum MemberAction {
    /// A private warning in the moderator's words.
    Warn {
        /// What the participant reads.
        message: String,
        /// Why (for the audit log).
        reason: String,
    },
    /// Cannot post for a while (0 minutes lifts a mute).
    Mute {
        /// How long.
        minutes: u32,
        /// Why.
        reason: String,
    },
    /// Out of the room, not back for a while.
    Remove {
        /// How long before they may come back.
        minutes: u32,
        /// Why (shown to them).
        reason: String,
    },
    /// Out of every room until the ban ends.
    Ban {
        /// How long.
        hours: u32,
        /// Why (shown to them).
        reason: String,
    },
}

/// Longest mute or removal: a day. Longer is a ban.
const MAX_RESTRICTION_MINUTES: u32 = 24 * 60;
/// Longest ban: a year.
const MAX_BAN_HOURS: u32 = 365 * 24;

/// Rooms, posts and moderation.
pub struct SalonService {
    store: Arc<dyn Store>,
    bus: Arc<dyn Bus>,
    rules: Arc<Rules>,
}

impl SalonService {
    /// The service over a store, a bus and the moderation rules in force.
    pub fn new(store: Arc<dyn Store>, bus: Arc<dyn Bus>, rules: Arc<Rules>) -> Self {
        Self { store, bus, rules }
    }

    // ---- reading ----------------------------------------------------------

    fn view(room: &Room, now: Timestamp, on_duty: bool) -> RoomView {
        let availability = room.availability(now, on_duty);
        RoomView {
            id: room.id.to_string(),
            title: room.title.clone(),
            topic: room.topic.clone(),
            rules: room.rules.clone(),
            schedule: room.schedule.clone(),
            availability,
            paused: room.paused,
            slow_mode_seconds: room.slow_mode_seconds,
            pinned: room.pinned.clone(),
            capacity: room.capacity,
            premoderate_first: room.premoderate_first,
            next_open_at: room
                .schedule
                .as_ref()
                .filter(|_| availability == Availability::OutsideHours)
                .and_then(|schedule| schedule.status_at(now).next_open_at),
        }
    }

    async fn on_duty(&self, now: Timestamp) -> Result<bool> {
        Ok(self.store.salon_on_duty(now - DUTY_WINDOW).await? > 0)
    }

    async fn room(&self, raw_id: &str) -> Result<Room> {
        let id = Slug::parse("room_id", raw_id, 2, 40).map_err(|_| SalonError::NotFound)?;
        self.store
            .salon_room(&id)
            .await?
            .ok_or(SalonError::NotFound)
    }

    /// Every room as participants see it at `now`.
    pub async fn rooms(&self, now: Timestamp) -> Result<Vec<RoomView>> {
        let on_duty = self.on_duty(now).await?;
        let rooms = self.store.salon_rooms().await?;
        Ok(rooms.iter().map(|r| Self::view(r, now, on_duty)).collect())
    }

    /// One room as participants see it.
    pub async fn room_view(&self, room_id: &str, now: Timestamp) -> Result<RoomView> {
        let room = self.room(room_id).await?;
        Ok(Self::view(&room, now, self.on_duty(now).await?))
    }

    /// Every room as moderators see it.
    pub async fn staff_rooms(&self, now: Timestamp) -> Result<Vec<StaffRoomView>> {
        let on_duty = self.on_duty(now).await?;
        let mut views = Vec::new();
        for room in self.store.salon_rooms().await? {
            views.push(StaffRoomView {
                view: Self::view(&room, now, on_duty),
                sort_order: room.sort_order,
                is_open: room.is_open,
                requires_moderator: room.requires_moderator,
                last_seq: room.last_seq,
                present: self
                    .store
                    .salon_present(&room.id, now - PRESENT_WINDOW)
                    .await?,
            });
        }
        Ok(views)
    }

    /// The newest visible messages of a room, oldest first.
    pub async fn recent(&self, room_id: &Slug) -> Result<Vec<Post>> {
        Ok(self.store.salon_recent_messages(room_id, HISTORY).await?)
    }

    /// Reaction counts for the messages `from..=to` of a room.
    pub async fn reactions(
        &self,
        room_id: &Slug,
        from: i64,
        to: i64,
    ) -> Result<HashMap<i64, BTreeMap<String, i64>>> {
        let mut counts: HashMap<i64, BTreeMap<String, i64>> = HashMap::new();
        for (seq, emoji, count) in self.store.salon_reactions(room_id, from, to).await? {
            counts.entry(seq).or_default().insert(emoji, count);
        }
        Ok(counts)
    }

    /// The room's highest log position.
    pub async fn last_seq(&self, room_id: &Slug) -> Result<i64> {
        Ok(self
            .store
            .salon_room(room_id)
            .await?
            .ok_or(SalonError::NotFound)?
            .last_seq)
    }

    /// Log entries after `after_seq`.
    pub async fn log_after(
        &self,
        room_id: &Slug,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<Entry>> {
        let posts = self
            .store
            .salon_log_after(room_id, after_seq, limit)
            .await?;
        Ok(posts.iter().filter_map(Entry::of).collect())
    }

    // ---- participants -----------------------------------------------------

    /// The ban in force on a device, if any.
    pub async fn ban_of(&self, device: &str, now: Timestamp) -> Result<Option<Ban>> {
        Ok(self.store.salon_active_ban(device, now).await?)
    }

    async fn refuse_banned(&self, device: &str, now: Timestamp) -> Result<()> {
        match self.ban_of(device, now).await? {
            Some(ban) => Err(SalonError::Banned {
                until: ban.expires_at,
                reason: ban.reason,
            }),
            None => Ok(()),
        }
    }

    /// Joins a room (first time: with a nickname and the rules accepted) or
    /// comes back to it. Coming back works while the room is closed, to read.
    pub async fn join(
        &self,
        device: &str,
        room_id: &str,
        nickname: Option<&str>,
        accept_rules: bool,
        now: Timestamp,
    ) -> Result<Joined> {
        let room = self.room(room_id).await?;
        self.refuse_banned(device, now).await?;
        let on_duty = self.on_duty(now).await?;
        let member = match self.store.salon_member(&room.id, device).await? {
            Some(member) => {
                if let Some(until) = member.removed_at(now) {
                    return Err(SalonError::Removed(until));
                }
                self.store
                    .set_salon_member_online(member.id, true, now)
                    .await?;
                member
            }
            None => {
                let nickname = parse_nickname(nickname.unwrap_or_default())?;
                if !accept_rules {
                    return Err(SalonError::RulesNotAccepted);
                }
                let verdict = self.classify(&nickname);
                if verdict.is_some_and(|v| v.action.withholds()) {
                    return Err(TextError::new(
                        "nickname",
                        "please choose a nickname without contact details or hurtful words",
                    )
                    .into());
                }
                let availability = room.availability(now, on_duty);
                if availability != Availability::Open {
                    return Err(SalonError::RoomClosed(availability));
                }
                let present = self
                    .store
                    .salon_present(&room.id, now - PRESENT_WINDOW)
                    .await?;
                if present.len() as i64 >= i64::from(room.capacity) {
                    return Err(SalonError::Full);
                }
                let member = Member {
                    id: Uuid::new_v4(),
                    room_id: room.id.clone(),
                    device_hash: device.to_owned(),
                    nickname,
                    joined_at: now,
                    published_count: 0,
                    last_post_at: None,
                    muted_until: None,
                    removed_until: None,
                };
                match self.store.insert_salon_member(&member).await {
                    Err(StoreError::Conflict) => return Err(SalonError::NicknameTaken),
                    other => other?,
                }
                member
            }
        };
        let present = self.publish_presence(&room.id, now).await?;
        Ok(Joined {
            room: Self::view(&room, now, on_duty),
            pending: self.store.salon_pending_of(member.id).await?,
            member,
            present,
        })
    }

    /// A participant's connection left the room (or closed).
    pub async fn went_away(&self, member: &Member, now: Timestamp) -> Result<()> {
        self.store
            .set_salon_member_online(member.id, false, now)
            .await?;
        self.publish_presence(&member.room_id, now).await?;
        Ok(())
    }

    /// A participant is still here (every heartbeat).
    pub async fn still_here(&self, member: &Member, now: Timestamp) -> Result<()> {
        Ok(self
            .store
            .set_salon_member_online(member.id, true, now)
            .await?)
    }

    /// The device's membership of a room, refusing a removed or banned one.
    pub async fn membership(
        &self,
        device: &str,
        room_id: &str,
        now: Timestamp,
    ) -> Result<(Room, Member)> {
        let room = self.room(room_id).await?;
        self.refuse_banned(device, now).await?;
        let member = self
            .store
            .salon_member(&room.id, device)
            .await?
            .ok_or(SalonError::NotJoined)?;
        if let Some(until) = member.removed_at(now) {
            return Err(SalonError::Removed(until));
        }
        Ok((room, member))
    }

    fn classify(&self, text: &str) -> Option<moderation::Verdict> {
        self.rules.current().classify(text, Context::Salon).ok()
    }

    /// What would happen to `body` if sent: the nudge before sending.
    pub fn preview(&self, body: &str) -> Result<Preview> {
        let body = parse_body(body)?;
        let Some(verdict) = self.classify(&body) else {
            return Ok(Preview {
                outcome: "send",
                categories: Vec::new(),
            });
        };
        let outcome = match verdict.action {
            Action::HideAndSupport => "support",
            Action::Block => "block",
            Action::Hold => "hold",
            Action::Mask => "mask",
            _ => "send",
        };
        Ok(Preview {
            outcome,
            categories: verdict
                .categories
                .iter()
                .map(|c| c.name().to_owned())
                .collect(),
        })
    }

    /// A participant's message: stored first, then published, held for a
    /// moderator, or kept from the room with a warm private answer.
    pub async fn post(
        &self,
        device: &str,
        room_id: &str,
        client_msg_id: &str,
        body: &str,
        now: Timestamp,
    ) -> Result<Posted> {
        let (room, member) = self.membership(device, room_id, now).await?;
        let client_msg_id = crate::consultation::model::parse_client_msg_id(client_msg_id)?;
        if let Some(post) = self
            .store
            .salon_post_by_client_id(&member.room_id, Author::Member(member.id), &client_msg_id)
            .await?
        {
            return Ok(Posted {
                post,
                duplicate: true,
                care: None,
            });
        }
        if let Some(until) = member.muted_at(now) {
            return Err(SalonError::Muted(until));
        }
        let availability = room.availability(now, self.on_duty(now).await?);
        if availability != Availability::Open {
            return Err(SalonError::RoomClosed(availability));
        }
        if room.paused {
            return Err(SalonError::Paused);
        }
        if let Some(last) = member.last_post_at {
            let wait = SignedDuration::from_secs(i64::from(room.slow_mode_seconds))
                - now.duration_since(last);
            if room.slow_mode_seconds > 0 && wait.is_positive() {
                return Err(SalonError::SlowMode(wait.as_secs().max(1)));
            }
        }
        let body = parse_body(body)?;
        let verdict = self.classify(&body);
        let action = verdict.as_ref().map_or(Action::Allow, |v| v.action);
        let premoderated = member.published_count < room.premoderate_first;
        let (state, hold_reason) = match action {
            Action::HideAndSupport => (PostState::Withheld, None),
            Action::Block => (PostState::Blocked, None),
            Action::Hold => (PostState::Held, Some(HoldReason::Rules)),
            _ if premoderated => (PostState::Held, Some(HoldReason::FirstMessages)),
            _ => (PostState::Published, None),
        };
        let masked_text = verdict
            .as_ref()
            .filter(|v| v.action == Action::Mask)
            .and_then(|v| v.masked_text.clone());
        let post = Post {
            id: Uuid::new_v4(),
            room_id: room.id.clone(),
            seq: None,
            kind: PostKind::Message,
            state,
            hold_reason,
            member_id: Some(member.id),
            author_id: None,
            nickname: member.nickname.clone(),
            client_msg_id: Some(client_msg_id.clone()),
            masked: masked_text.is_some(),
            // Masked text is all anyone sees; what was masked is not kept.
            body: masked_text.unwrap_or(body),
            review: verdict
                .as_ref()
                .filter(|v| !v.categories.is_empty() && action != Action::Mask)
                .map(Review::from),
            target_seq: None,
            created_at: now,
            decided_by: None,
            decided_at: None,
        };
        let post = match self.store.insert_salon_post(&post).await {
            Err(StoreError::Conflict) => {
                // The same retry stored a moment ago by another connection.
                let post = self
                    .store
                    .salon_post_by_client_id(&room.id, Author::Member(member.id), &client_msg_id)
                    .await?
                    .ok_or(SalonError::Unavailable)?;
                return Ok(Posted {
                    post,
                    duplicate: true,
                    care: None,
                });
            }
            other => other?,
        };
        let mut care = None;
        match post.state {
            PostState::Published => self.publish_entry(&post).await,
            PostState::Held => {
                self.publish_moderation(&ModerationEvent::Held {
                    post: HeldView::from(&post),
                })
                .await;
            }
            PostState::Withheld => {
                self.alert(&post, verdict.as_ref()).await;
                care = Some(Care {
                    room_id: room.id.to_string(),
                    post_id: post.id,
                    message: verdict
                        .as_ref()
                        .and_then(|v| v.support_reply.clone())
                        .unwrap_or_default(),
                    open_lines: self.open_lines(now).await?,
                });
            }
            PostState::Blocked => {
                if verdict.as_ref().is_some_and(|v| v.alert_staff) {
                    self.alert(&post, verdict.as_ref()).await;
                }
            }
            PostState::Rejected | PostState::Hidden => {}
        }
        Ok(Posted {
            post,
            duplicate: false,
            care,
        })
    }

    async fn open_lines(&self, now: Timestamp) -> Result<Vec<OpenLine>> {
        Ok(self
            .store
            .lines()
            .await?
            .iter()
            .filter(|line| line.view(now, Lang::Ja).status.accepting_new)
            .map(|line| OpenLine {
                id: line.id.to_string(),
                name_ja: line.name_ja.clone(),
                name_en: line.name_en.clone(),
            })
            .collect())
    }

    /// The risk a 1:1 chat started from this device's withheld post carries:
    /// its level (at least high: it was a cry for help) and the words.
    pub async fn handoff_risk(
        &self,
        device: &str,
        post_id: Uuid,
    ) -> Result<(i32, Vec<RiskReason>)> {
        let post = self.withheld_post_of(device, post_id).await?;
        let Some(review) = &post.review else {
            return Ok((risk_level("high"), Vec::new()));
        };
        let reasons = review
            .spans
            .iter()
            .map(|span| RiskReason {
                category: span.category.clone(),
                severity: review.severity.clone(),
                rule: span.rule.clone(),
                text: post
                    .body
                    .get(span.start..span.end)
                    .unwrap_or_default()
                    .to_owned(),
            })
            .collect();
        Ok((
            risk_level(&review.severity).max(risk_level("high")),
            reasons,
        ))
    }

    /// A withheld post of this device, for a 1:1 chat linked to it.
    pub async fn withheld_post_of(&self, device: &str, post_id: Uuid) -> Result<Post> {
        let post = self
            .store
            .salon_post(post_id)
            .await?
            .ok_or(SalonError::NotFound)?;
        let member = match post.member_id {
            Some(id) => self.store.salon_member_by_id(id).await?,
            None => None,
        };
        if post.state != PostState::Withheld || member.is_none_or(|m| m.device_hash != device) {
            return Err(SalonError::NotFound);
        }
        Ok(post)
    }

    /// Adds or removes a reaction on a visible message.
    pub async fn react(
        &self,
        device: &str,
        room_id: &str,
        seq: i64,
        emoji: &str,
        on: bool,
        now: Timestamp,
    ) -> Result<()> {
        let (_, member) = self.membership(device, room_id, now).await?;
        if !REACTIONS.contains(&emoji) {
            return Err(
                TextError::new("emoji", format!("must be one of {}", REACTIONS.join(" "))).into(),
            );
        }
        self.visible_message(&member.room_id, seq).await?;
        self.store
            .set_salon_reaction(&member.room_id, seq, member.id, emoji, on)
            .await?;
        let counts = self
            .reactions(&member.room_id, seq, seq)
            .await?
            .remove(&seq)
            .unwrap_or_default();
        self.publish(
            &room_topic(&member.room_id),
            &RoomEvent::Reactions {
                room_id: member.room_id.to_string(),
                seq,
                counts,
            },
        )
        .await;
        Ok(())
    }

    async fn visible_message(&self, room_id: &Slug, seq: i64) -> Result<Post> {
        self.store
            .salon_post_at(room_id, seq)
            .await?
            .filter(|p| p.kind == PostKind::Message && p.state == PostState::Published)
            .ok_or(SalonError::NotFound)
    }

    /// A participant reports a visible message; reporting twice is fine.
    pub async fn report(
        &self,
        device: &str,
        room_id: &str,
        seq: i64,
        reason: &str,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<()> {
        let (_, member) = self.membership(device, room_id, now).await?;
        if !REPORT_REASONS.contains(&reason) {
            return Err(TextError::new(
                "reason",
                format!("must be one of {}", REPORT_REASONS.join(", ")),
            )
            .into());
        }
        let note = note
            .filter(|n| !n.trim().is_empty())
            .map(|n| crate::text::plain_text("note", n, 1, 500, true))
            .transpose()?;
        let post = self.visible_message(&member.room_id, seq).await?;
        let report = Report {
            id: Uuid::new_v4(),
            room_id: member.room_id.to_string(),
            post_id: post.id,
            seq,
            reason: reason.to_owned(),
            note,
            state: "open".into(),
            resolution: None,
            resolved_by: None,
            created_at: now,
            body: post.body.clone(),
            nickname: post.nickname.clone(),
            member_id: post.member_id,
        };
        if self.store.insert_salon_report(&report, member.id).await? {
            self.publish_moderation(&ModerationEvent::Reported { report })
                .await;
        }
        Ok(())
    }

    // ---- moderators -------------------------------------------------------

    fn require_moderator(actor: &Account) -> Result<()> {
        if matches!(actor.role, Role::Moderator | Role::Supervisor) {
            Ok(())
        } else {
            Err(SalonError::Forbidden)
        }
    }

    fn audit(
        actor: &Account,
        action: &str,
        subject: String,
        detail: serde_json::Value,
    ) -> AuditEntry {
        AuditEntry::now(Some(actor.id), action, subject, detail)
    }

    /// Creates a room or replaces its settings.
    pub async fn save_room(&self, actor: &Account, id: &str, input: RoomInput) -> Result<Room> {
        Self::require_moderator(actor)?;
        let id = Slug::parse("id", id, 2, 40)?;
        let existing = self.store.salon_room(&id).await?;
        let room = input.into_room(id, existing.as_ref(), Timestamp::now())?;
        let audit = Self::audit(
            actor,
            "salon.room.save",
            format!("room:{}", room.id),
            serde_json::json!({
                "title": room.title, "capacity": room.capacity,
                "premoderate_first": room.premoderate_first,
                "slow_mode_seconds": room.slow_mode_seconds,
                "requires_moderator": room.requires_moderator,
                "schedule": room.schedule.is_some(),
            }),
        );
        self.store.save_salon_room(&room, &audit).await?;
        self.room_changed(&room).await?;
        Ok(room)
    }

    /// Opens, closes, pauses, slows or pins a room during a session.
    pub async fn control_room(
        &self,
        actor: &Account,
        id: &str,
        controls: RoomControls,
    ) -> Result<Room> {
        Self::require_moderator(actor)?;
        let mut room = self.room(id).await?;
        if controls.is_empty() {
            return Err(TextError::new(
                "controls",
                "change at least one of open, paused, slow_mode_seconds, pinned",
            )
            .into());
        }
        controls.apply(&mut room, Timestamp::now())?;
        let reason = controls.reason.as_deref().map(parse_reason).transpose()?;
        let audit = Self::audit(
            actor,
            "salon.room.control",
            format!("room:{}", room.id),
            serde_json::json!({
                "open": controls.open, "paused": controls.paused,
                "slow_mode_seconds": controls.slow_mode_seconds,
                "pinned": controls.pinned.as_ref().map(|p| !p.trim().is_empty()),
                "reason": reason,
            }),
        );
        if !self.store.set_salon_room_state(&room, &audit).await? {
            return Err(SalonError::NotFound);
        }
        self.room_changed(&room).await?;
        Ok(room)
    }

    /// Deletes a room and everything in it.
    pub async fn delete_room(&self, actor: &Account, id: &str) -> Result<()> {
        Self::require_moderator(actor)?;
        let room = self.room(id).await?;
        let audit = Self::audit(
            actor,
            "salon.room.delete",
            format!("room:{}", room.id),
            serde_json::json!({}),
        );
        if !self.store.delete_salon_room(&room.id, &audit).await? {
            return Err(SalonError::NotFound);
        }
        self.publish_moderation(&ModerationEvent::RoomsChanged)
            .await;
        Ok(())
    }

    /// A moderator's message in a room: marked as such, never classified.
    pub async fn post_as_staff(
        &self,
        actor: &Account,
        room_id: &str,
        client_msg_id: &str,
        body: &str,
    ) -> Result<Posted> {
        Self::require_moderator(actor)?;
        let room = self.room(room_id).await?;
        let client_msg_id = crate::consultation::model::parse_client_msg_id(client_msg_id)?;
        let author = Author::Staff(actor.id);
        if let Some(post) = self
            .store
            .salon_post_by_client_id(&room.id, author, &client_msg_id)
            .await?
        {
            return Ok(Posted {
                post,
                duplicate: true,
                care: None,
            });
        }
        let post = Post {
            id: Uuid::new_v4(),
            room_id: room.id.clone(),
            seq: None,
            kind: PostKind::Message,
            state: PostState::Published,
            hold_reason: None,
            member_id: None,
            author_id: Some(actor.id),
            nickname: actor.display_name.clone(),
            client_msg_id: Some(client_msg_id.clone()),
            body: parse_body(body)?,
            masked: false,
            review: None,
            target_seq: None,
            created_at: Timestamp::now(),
            decided_by: None,
            decided_at: None,
        };
        let post = match self.store.insert_salon_post(&post).await {
            Err(StoreError::Conflict) => {
                // The same retry, stored a moment ago through another request.
                let stored = self
                    .store
                    .salon_post_by_client_id(&room.id, author, &client_msg_id)
                    .await?
                    .ok_or(SalonError::Unavailable)?;
                return Ok(Posted {
                    post: stored,
                    duplicate: true,
                    care: None,
                });
            }
            other => other?,
        };
        let audit = Self::audit(
            actor,
            "salon.post.staff",
            format!("post:{}", post.id),
            serde_json::json!({ "room": room.id, "seq": post.seq }),
        );
        self.store.append_audit(&audit).await?;
        self.publish_entry(&post).await;
        Ok(Posted {
            post,
            duplicate: false,
            care: None,
        })
    }

    /// Approves a held post into the room, or keeps it out.
    pub async fn decide(
        &self,
        actor: &Account,
        post_id: Uuid,
        approve: bool,
        reason: Option<&str>,
    ) -> Result<Post> {
        Self::require_moderator(actor)?;
        let reason = reason.map(parse_reason).transpose()?;
        let existing = self
            .store
            .salon_post(post_id)
            .await?
            .ok_or(SalonError::NotFound)?;
        let (action, state) = if approve {
            ("salon.post.approve", PostState::Published)
        } else {
            ("salon.post.reject", PostState::Rejected)
        };
        let audit = Self::audit(
            actor,
            action,
            format!("post:{post_id}"),
            serde_json::json!({ "room": existing.room_id, "member": existing.member_id, "reason": reason }),
        );
        let post = self
            .store
            .decide_salon_post(post_id, approve, actor.id, Timestamp::now(), &audit)
            .await?
            .ok_or(SalonError::AlreadyDecided)?;
        if approve {
            self.publish_entry(&post).await;
        } else if let Some(member) = self.author_of(&post).await? {
            self.publish(
                &device_topic(&member.device_hash),
                &DeviceEvent::Rejected {
                    room_id: post.room_id.to_string(),
                    client_msg_id: post.client_msg_id.clone(),
                },
            )
            .await;
        }
        self.publish_moderation(&ModerationEvent::Decided { post_id, state })
            .await;
        Ok(post)
    }

    async fn author_of(&self, post: &Post) -> Result<Option<Member>> {
        Ok(match post.member_id {
            Some(id) => self.store.salon_member_by_id(id).await?,
            None => None,
        })
    }

    /// Hides a published message from the room.
    pub async fn hide(&self, actor: &Account, room_id: &str, seq: i64, reason: &str) -> Result<()> {
        Self::require_moderator(actor)?;
        let room = self.room(room_id).await?;
        let reason = parse_reason(reason)?;
        let target = self.visible_message(&room.id, seq).await?;
        let audit = Self::audit(
            actor,
            "salon.post.hide",
            format!("post:{}", target.id),
            serde_json::json!({ "room": room.id, "seq": seq, "member": target.member_id, "reason": reason }),
        );
        let marker = self
            .store
            .hide_salon_post(&room.id, seq, actor.id, Timestamp::now(), &audit)
            .await?
            .ok_or(SalonError::AlreadyDecided)?;
        self.publish_entry(&marker).await;
        Ok(())
    }

    /// Warns, mutes, removes or bans a participant.
    pub async fn act_on_member(
        &self,
        actor: &Account,
        member_id: Uuid,
        action: MemberAction,
    ) -> Result<()> {
        Self::require_moderator(actor)?;
        let member = self
            .store
            .salon_member_by_id(member_id)
            .await?
            .ok_or(SalonError::NotFound)?;
        let now = Timestamp::now();
        let subject = format!("member:{member_id}");
        let room_id = member.room_id.to_string();
        let minutes_from_now = |minutes: u32| {
            (minutes > 0).then(|| now + SignedDuration::from_mins(i64::from(minutes)))
        };
        let (event, presence_changed) = match action {
            MemberAction::Warn { message, reason } => {
                let message = crate::text::plain_text("message", &message, 1, 500, true)?;
                let reason = parse_reason(&reason)?;
                let audit = Self::audit(
                    actor,
                    "salon.member.warn",
                    subject,
                    serde_json::json!({ "room": room_id, "reason": reason }),
                );
                self.store.append_audit(&audit).await?;
                (DeviceEvent::Warned { room_id, message }, false)
            }
            MemberAction::Mute { minutes, reason } => {
                let until = minutes_from_now(bounded_minutes(minutes, MAX_RESTRICTION_MINUTES)?);
                let reason = parse_reason(&reason)?;
                let audit = Self::audit(
                    actor,
                    "salon.member.mute",
                    subject,
                    serde_json::json!({ "room": room_id, "minutes": minutes, "reason": reason }),
                );
                self.store
                    .restrict_salon_member(member_id, Restriction::Mute(until), &audit)
                    .await?;
                (DeviceEvent::Muted { room_id, until }, false)
            }
            MemberAction::Remove { minutes, reason } => {
                let until = minutes_from_now(bounded_minutes(minutes, MAX_RESTRICTION_MINUTES)?);
                let reason = parse_reason(&reason)?;
                let audit = Self::audit(
                    actor,
                    "salon.member.remove",
                    subject,
                    serde_json::json!({ "room": room_id, "minutes": minutes, "reason": reason }),
                );
                self.store
                    .restrict_salon_member(member_id, Restriction::Remove(until), &audit)
                    .await?;
                (
                    DeviceEvent::Removed {
                        room_id,
                        until,
                        reason,
                    },
                    true,
                )
            }
            MemberAction::Ban { hours, reason } => {
                if hours == 0 || hours > MAX_BAN_HOURS {
                    return Err(
                        TextError::new("hours", format!("must be 1 to {MAX_BAN_HOURS}")).into(),
                    );
                }
                let reason = parse_reason(&reason)?;
                let ban = Ban {
                    id: Uuid::new_v4(),
                    device_hash: member.device_hash.clone(),
                    reason: reason.clone(),
                    expires_at: now + SignedDuration::from_hours(i64::from(hours)),
                    created_by: actor.id,
                    created_at: now,
                };
                let audit = Self::audit(
                    actor,
                    "salon.member.ban",
                    subject,
                    serde_json::json!({ "room": room_id, "ban": ban.id, "hours": hours, "reason": reason }),
                );
                self.store.insert_salon_ban(&ban, &audit).await?;
                for other in self
                    .store
                    .salon_members_of_device(&member.device_hash)
                    .await?
                {
                    self.publish_presence(&other.room_id, now).await?;
                }
                (
                    DeviceEvent::Banned {
                        until: ban.expires_at,
                        reason,
                    },
                    false,
                )
            }
        };
        self.publish(&device_topic(&member.device_hash), &event)
            .await;
        if presence_changed {
            self.publish_presence(&member.room_id, now).await?;
        }
        Ok(())
    }

    /// Lifts a ban early.
    pub async fn lift_ban(&self, actor: &Account, ban_id: Uuid, reason: &str) -> Result<()> {
        Self::require_moderator(actor)?;
        let reason = parse_reason(reason)?;
        let audit = Self::audit(
            actor,
            "salon.ban.lift",
            format!("ban:{ban_id}"),
            serde_json::json!({ "reason": reason }),
        );
        if self
            .store
            .lift_salon_ban(ban_id, Timestamp::now(), &audit)
            .await?
        {
            Ok(())
        } else {
            Err(SalonError::NotFound)
        }
    }

    /// Bans in force, with the banned device's nicknames.
    pub async fn bans(&self, actor: &Account) -> Result<Vec<BanView>> {
        Self::require_moderator(actor)?;
        let mut views = Vec::new();
        for ban in self.store.salon_bans(Timestamp::now()).await? {
            let nicknames = self
                .store
                .salon_members_of_device(&ban.device_hash)
                .await?
                .into_iter()
                .map(|m| m.nickname)
                .collect();
            views.push(BanView {
                id: ban.id,
                reason: ban.reason,
                expires_at: ban.expires_at,
                created_at: ban.created_at,
                created_by: ban.created_by,
                nicknames,
            });
        }
        Ok(views)
    }

    /// Posts waiting for a moderator, oldest first.
    pub async fn held(&self, actor: &Account) -> Result<Vec<HeldView>> {
        Self::require_moderator(actor)?;
        let posts = self
            .store
            .salon_posts_in_state(PostState::Held, false, 500)
            .await?;
        Ok(posts.iter().map(HeldView::from).collect())
    }

    /// Recent cries for help and disclosures kept from the rooms, newest first.
    pub async fn withheld(&self, actor: &Account) -> Result<Vec<HeldView>> {
        Self::require_moderator(actor)?;
        let posts = self
            .store
            .salon_posts_in_state(PostState::Withheld, true, 100)
            .await?;
        Ok(posts.iter().map(HeldView::from).collect())
    }

    /// Reports, newest first.
    pub async fn reports(&self, actor: &Account, open_only: bool) -> Result<Vec<Report>> {
        Self::require_moderator(actor)?;
        Ok(self.store.salon_reports(open_only, 500).await?)
    }

    /// Resolves a report with what was decided.
    pub async fn resolve_report(
        &self,
        actor: &Account,
        report_id: Uuid,
        resolution: &str,
    ) -> Result<()> {
        Self::require_moderator(actor)?;
        let resolution = crate::text::plain_text("resolution", resolution, 1, 500, true)?;
        let report = self
            .store
            .salon_report(report_id)
            .await?
            .ok_or(SalonError::NotFound)?;
        let audit = Self::audit(
            actor,
            "salon.report.resolve",
            format!("report:{report_id}"),
            serde_json::json!({ "room": report.room_id, "reason": report.reason, "resolution": resolution }),
        );
        if !self
            .store
            .resolve_salon_report(report_id, &resolution, actor.id, Timestamp::now(), &audit)
            .await?
        {
            return Err(SalonError::AlreadyDecided);
        }
        self.publish_moderation(&ModerationEvent::ReportResolved { report_id })
            .await;
        Ok(())
    }

    /// Every moderator action, newest first (moderators and supervisors read it).
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        Ok(self.store.salon_audit(limit.clamp(1, 1000)).await?)
    }

    /// A moderator console is on duty, or still is (each heartbeat).
    pub async fn on_duty_now(
        &self,
        connection: Uuid,
        account: &Account,
        first: bool,
    ) -> Result<()> {
        let now = Timestamp::now();
        self.store.salon_duty(connection, account.id, now).await?;
        if first {
            self.duty_changed(now).await?;
        }
        Ok(())
    }

    /// A moderator console closed.
    pub async fn off_duty(&self, connection: Uuid) -> Result<()> {
        let now = Timestamp::now();
        self.store
            .end_salon_duty(connection, now - DUTY_WINDOW)
            .await?;
        self.duty_changed(now).await
    }

    async fn duty_changed(&self, now: Timestamp) -> Result<()> {
        let on_duty = self.on_duty(now).await?;
        for room in self.store.salon_rooms().await? {
            if room.requires_moderator {
                self.publish(
                    &room_topic(&room.id),
                    &RoomEvent::Changed {
                        room: Self::view(&room, now, on_duty),
                    },
                )
                .await;
            }
        }
        self.publish_moderation(&ModerationEvent::RoomsChanged)
            .await;
        Ok(())
    }

    /// Announces rooms whose availability changed since `known` (which it
    /// updates): a schedule boundary passed, or the last moderator on duty
    /// went quiet. Every node runs this; a repeated announcement is harmless.
    pub async fn announce_availability(
        &self,
        now: Timestamp,
        known: &mut HashMap<String, Availability>,
    ) -> Result<()> {
        let on_duty = self.on_duty(now).await?;
        let mut changed = false;
        for room in self.store.salon_rooms().await? {
            let view = Self::view(&room, now, on_duty);
            let before = known.insert(view.id.clone(), view.availability);
            if before.is_some_and(|before| before != view.availability) {
                changed = true;
                self.publish(&room_topic(&room.id), &RoomEvent::Changed { room: view })
                    .await;
            }
        }
        if changed {
            self.publish_moderation(&ModerationEvent::RoomsChanged)
                .await;
        }
        Ok(())
    }

    // ---- publishing -------------------------------------------------------

    async fn room_changed(&self, room: &Room) -> Result<()> {
        let now = Timestamp::now();
        let view = Self::view(room, now, self.on_duty(now).await?);
        self.publish(&room_topic(&room.id), &RoomEvent::Changed { room: view })
            .await;
        self.publish_moderation(&ModerationEvent::RoomsChanged)
            .await;
        Ok(())
    }

    async fn publish_presence(&self, room_id: &Slug, now: Timestamp) -> Result<Vec<String>> {
        let present = self
            .store
            .salon_present(room_id, now - PRESENT_WINDOW)
            .await?;
        self.publish(
            &room_topic(room_id),
            &RoomEvent::Presence {
                room_id: room_id.to_string(),
                present: present.clone(),
            },
        )
        .await;
        Ok(present)
    }

    async fn publish_entry(&self, post: &Post) {
        if let Some(entry) = Entry::of(post) {
            self.publish(&room_topic(&post.room_id), &RoomEvent::Entry { entry })
                .await;
        }
    }

    async fn alert(&self, post: &Post, verdict: Option<&moderation::Verdict>) {
        let alert = SalonAlert {
            post: HeldView::from(post),
            severity: verdict.map(|v| to_name(&v.severity)).unwrap_or_default(),
            categories: verdict
                .map(|v| v.categories.iter().map(|c| c.name().to_owned()).collect())
                .unwrap_or_default(),
        };
        self.publish_moderation(&ModerationEvent::Alert { alert })
            .await;
    }

    async fn publish_moderation(&self, event: &ModerationEvent) {
        self.publish(MODERATION_TOPIC, event).await;
    }

    async fn publish<T: Serialize>(&self, topic: &str, event: &T) {
        // The store is the record: a follower that misses this catches up by
        // sequence number, and moderators re-read their queues on reconnect.
        let Ok(payload) = serde_json::to_vec(event) else {
            return;
        };
        if let Err(error) = self.bus.publish(topic, payload.into()).await {
            tracing::warn!(%error, topic, "salon event not published");
        }
    }
}

fn bounded_minutes(minutes: u32, max: u32) -> std::result::Result<u32, TextError> {
    if minutes <= max {
        Ok(minutes)
    } else {
        Err(TextError::new("minutes", format!("must be 0 to {max}")))
    }
}
