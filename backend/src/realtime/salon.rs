//! A participant's device in the salon on `/ws/salon`. The first frame must be
//! `hello` with the device token; every later frame is checked against the
//! device's membership of the room it names.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use jiff::Timestamp;

use super::connection::{Connection, Flow, Session};
use super::follow::{Follow, Log};
use super::{screen, DeviceRequest, Screened};
use crate::bus::Delivery;
use crate::http::App;
use crate::protocol::salon::{BanNotice, Me, Pending, SalonFrame, SalonRequest};
use crate::salon::events::{device_topic, room_topic, DeviceEvent, Entry, RoomEvent};
use crate::salon::model::{Member, PostKind};
use crate::salon::{SalonError, SalonService};
use crate::text::Slug;

/// Failed `hello` attempts before the connection is closed.
const MAX_HELLO_ATTEMPTS: u32 = 3;

#[async_trait]
impl Log for SalonService {
    type Key = Slug;
    type Entry = Entry;
    type Error = SalonError;

    fn topic(key: &Slug) -> String {
        room_topic(key)
    }

    fn seq(entry: &Entry) -> i64 {
        entry.seq
    }

    fn unavailable() -> SalonError {
        SalonError::Unavailable
    }

    async fn after(
        &self,
        key: &Slug,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<Entry>, SalonError> {
        self.log_after(key, after_seq, limit).await
    }
}

/// The wire code for a refused salon operation.
pub fn salon_error_code(error: &SalonError) -> (&'static str, String) {
    let code = match error {
        SalonError::UnknownDevice => "unknown_device",
        SalonError::NotFound => "not_found",
        SalonError::RoomClosed(_) => "room_closed",
        SalonError::Paused => "room_paused",
        SalonError::Full => "room_full",
        SalonError::NicknameTaken => "nickname_taken",
        SalonError::RulesNotAccepted => "rules_not_accepted",
        SalonError::NotJoined => "not_joined",
        SalonError::Banned { .. } => "banned",
        SalonError::Removed(_) => "removed",
        SalonError::Muted(_) => "muted",
        SalonError::SlowMode(_) => "slow_mode",
        SalonError::AlreadyDecided => "already_decided",
        SalonError::Forbidden => "forbidden",
        SalonError::Invalid(_) => "invalid_field",
        SalonError::Unavailable => "unavailable",
        SalonError::Store(store) => {
            tracing::error!(error = %store, "salon store failure");
            return (
                "unavailable",
                "something went wrong on our side; please try again".into(),
            );
        }
    };
    (code, error.to_string())
}

/// One participant connection.
pub struct SalonSession {
    app: Arc<App>,
    device: Option<String>,
    follow: Follow<SalonService>,
    /// Rooms joined on this connection, by room id.
    members: HashMap<String, Member>,
    hello_attempts: u32,
}

impl SalonSession {
    /// A new, not yet greeted connection.
    pub fn new(app: Arc<App>) -> Self {
        Self {
            app,
            device: None,
            follow: Follow::default(),
            members: HashMap::new(),
            hello_attempts: 0,
        }
    }

    async fn handle(
        &mut self,
        conn: &mut Connection,
        device: &str,
        request: SalonRequest,
    ) -> Result<(), SalonError> {
        let salon = &self.app.salon;
        let now = Timestamp::now();
        match request {
            SalonRequest::Hello { .. } | SalonRequest::Ping {} => {}
            SalonRequest::Join {
                room_id,
                nickname,
                accept_rules,
                after_seq,
            } => {
                self.join(
                    conn,
                    device,
                    &room_id,
                    nickname.as_deref(),
                    accept_rules,
                    after_seq,
                )
                .await?
            }
            SalonRequest::Leave { room_id } => {
                let member = self.members.remove(&room_id).ok_or(SalonError::NotJoined)?;
                self.follow.unfollow(conn, &member.room_id);
                salon.went_away(&member, now).await?;
                conn.send(&SalonFrame::Left { room_id });
            }
            SalonRequest::Send {
                room_id,
                client_msg_id,
                body,
            } => {
                self.joined(&room_id)?;
                let posted = salon
                    .post(device, &room_id, &client_msg_id, &body, now)
                    .await?;
                conn.send(&SalonFrame::Ack {
                    room_id,
                    client_msg_id,
                    state: posted.post.state,
                    seq: posted.post.seq,
                    masked: posted.post.masked,
                    duplicate: posted.duplicate,
                });
                if let Some(care) = posted.care {
                    conn.send(&SalonFrame::Care(care));
                }
            }
            SalonRequest::Preview { room_id, body } => {
                self.joined(&room_id)?;
                let preview = salon.preview(&body)?;
                conn.send(&SalonFrame::Preview {
                    room_id,
                    outcome: preview.outcome,
                    categories: preview.categories,
                });
            }
            SalonRequest::React {
                room_id,
                seq,
                emoji,
                on,
            } => {
                self.joined(&room_id)?;
                salon.react(device, &room_id, seq, &emoji, on, now).await?;
            }
            SalonRequest::Report {
                room_id,
                seq,
                reason,
                note,
            } => {
                self.joined(&room_id)?;
                salon
                    .report(device, &room_id, seq, &reason, note.as_deref(), now)
                    .await?;
                conn.send(&SalonFrame::ReportReceived { room_id, seq });
            }
        }
        Ok(())
    }

    fn joined(&self, room_id: &str) -> Result<&Member, SalonError> {
        self.members.get(room_id).ok_or(SalonError::NotJoined)
    }

    /// Joins (or comes back to) a room: subscribe first, then the room, then
    /// the messages — the newest ones, or exactly those after `after_seq`.
    async fn join(
        &mut self,
        conn: &mut Connection,
        device: &str,
        room_id: &str,
        nickname: Option<&str>,
        accept_rules: bool,
        after_seq: Option<i64>,
    ) -> Result<(), SalonError> {
        let salon = &self.app.salon;
        let bus = self.app.bus.as_ref();
        let key = Slug::parse("room_id", room_id, 2, 40).map_err(|_| SalonError::NotFound)?;
        if conn.subscribe(bus, &room_topic(&key)).await.is_err() {
            return Err(SalonError::Unavailable);
        }
        let joined = match salon
            .join(device, room_id, nickname, accept_rules, Timestamp::now())
            .await
        {
            Ok(joined) => joined,
            Err(error) => {
                if !self.members.contains_key(room_id) {
                    conn.unsubscribe(&room_topic(&key));
                }
                return Err(error);
            }
        };
        let member = joined.member.clone();
        conn.send(&SalonFrame::Joined {
            room: joined.room.clone(),
            me: Me {
                nickname: member.nickname.clone(),
                muted_until: member.muted_at(Timestamp::now()),
                premoderated_remaining: (joined.room.premoderate_first - member.published_count)
                    .max(0),
            },
            present: joined.present,
            pending: joined.pending.iter().map(Pending::from).collect(),
        });
        let me = Some(member.id);
        let wrap = move |entry: Entry| SalonFrame::of_entry(entry, me);
        let position = match after_seq {
            Some(after) => after,
            None => {
                // Read the log position *before* the recent messages. Read
                // after them, it may count a message stored in between: not in
                // `recent`, yet catch-up would start past it and its live
                // delivery (already queued on our subscription) would be
                // dropped as a duplicate, so this member would never see it.
                // Read before, it counts only entries that `recent` already
                // sees (positions are committed in order); later ones come
                // from catch-up or the bus.
                let last_seq = salon.last_seq(&key).await?;
                let recent = salon.recent(&key).await?;
                let Some(first) = recent.first().and_then(|p| p.seq) else {
                    self.members.insert(room_id.to_owned(), member);
                    return self
                        .follow
                        .follow(conn, bus, salon, key, last_seq, wrap)
                        .await;
                };
                let newest = recent.last().and_then(|p| p.seq).unwrap_or(first);
                let mut reactions = salon.reactions(&key, first, newest).await?;
                for entry in recent.iter().filter_map(Entry::of) {
                    let seq = entry.seq;
                    let mut frame = SalonFrame::of_entry(entry, me);
                    if let SalonFrame::Message(message) = &mut frame {
                        message.reactions = reactions.remove(&seq).unwrap_or_default();
                    }
                    conn.send(&frame);
                }
                newest
            }
        };
        self.members.insert(room_id.to_owned(), member);
        self.follow
            .follow(conn, bus, salon, key.clone(), position, wrap)
            .await?;
        if after_seq.is_some() {
            self.send_recent_reactions(conn, &key).await?;
        }
        Ok(())
    }

    /// After a resume: reaction counts of the newest messages, which may have
    /// changed while the device was away.
    async fn send_recent_reactions(
        &self,
        conn: &mut Connection,
        key: &Slug,
    ) -> Result<(), SalonError> {
        let Some(last) = self.follow.position(key) else {
            return Ok(());
        };
        let from = (last - 2 * crate::salon::HISTORY).max(1);
        let salon = &self.app.salon;
        let mut counts = salon.reactions(key, from, last).await?;
        // Every visible message of the window, also those whose last reaction
        // was taken back while the device was away (their count is now empty).
        for entry in salon.log_after(key, from - 1, last - from + 1).await? {
            if entry.kind == PostKind::Message && !entry.hidden {
                conn.send(&SalonFrame::Reactions {
                    room_id: key.to_string(),
                    seq: entry.seq,
                    counts: counts.remove(&entry.seq).unwrap_or_default(),
                });
            }
        }
        Ok(())
    }

    async fn greet(
        &mut self,
        conn: &mut Connection,
        token: &str,
        reference: Option<String>,
    ) -> Flow {
        self.hello_attempts += 1;
        let device = match self.app.consultation.device(token).await {
            Ok(device) => device,
            Err(_) => {
                refuse(conn, &SalonError::UnknownDevice, reference);
                return if self.hello_attempts >= MAX_HELLO_ATTEMPTS {
                    Flow::Close
                } else {
                    Flow::Continue
                };
            }
        };
        if conn
            .subscribe(self.app.bus.as_ref(), &device_topic(&device))
            .await
            .is_err()
        {
            refuse(conn, &SalonError::Unavailable, reference);
            return Flow::Continue;
        }
        match self.app.salon.ban_of(&device, Timestamp::now()).await {
            Ok(ban) => {
                conn.send(&SalonFrame::Ready {
                    ban: ban.map(|ban| BanNotice {
                        until: ban.expires_at,
                        reason: ban.reason,
                    }),
                });
                self.device = Some(device);
            }
            Err(error) => {
                refuse(conn, &error, reference);
            }
        }
        Flow::Continue
    }

    /// Leaves a room on this connection without telling the server's records
    /// (the moderator's action already did).
    fn drop_room(&mut self, conn: &mut Connection, room_id: &str) {
        if let Some(member) = self.members.remove(room_id) {
            self.follow.unfollow(conn, &member.room_id);
        }
    }

    fn on_device_event(&mut self, conn: &mut Connection, event: DeviceEvent) {
        let frame = match event {
            DeviceEvent::Warned { room_id, message } => SalonFrame::Warned { room_id, message },
            DeviceEvent::Muted { room_id, until } => SalonFrame::Muted { room_id, until },
            DeviceEvent::Removed {
                room_id,
                until,
                reason,
            } => {
                self.drop_room(conn, &room_id);
                SalonFrame::Removed {
                    room_id,
                    until,
                    reason,
                }
            }
            DeviceEvent::Banned { until, reason } => {
                let rooms: Vec<String> = self.members.keys().cloned().collect();
                for room_id in rooms {
                    self.drop_room(conn, &room_id);
                }
                SalonFrame::Banned(BanNotice { until, reason })
            }
            DeviceEvent::Rejected {
                room_id,
                client_msg_id,
            } => SalonFrame::Rejected {
                room_id,
                client_msg_id,
            },
        };
        conn.send(&frame);
    }

    async fn on_room_event(&mut self, conn: &mut Connection, event: RoomEvent) {
        match event {
            RoomEvent::Entry { entry } => {
                let Some(member) = self.members.get(&entry.room_id) else {
                    return;
                };
                let me = Some(member.id);
                let key = member.room_id.clone();
                let _ = self
                    .follow
                    .on_entry(conn, &self.app.salon, &key, entry, move |e| {
                        SalonFrame::of_entry(e, me)
                    })
                    .await;
            }
            RoomEvent::Reactions {
                room_id,
                seq,
                counts,
            } => conn.send(&SalonFrame::Reactions {
                room_id,
                seq,
                counts,
            }),
            RoomEvent::Presence { room_id, present } => {
                conn.send(&SalonFrame::Presence { room_id, present })
            }
            RoomEvent::Changed { room } => conn.send(&SalonFrame::Room { room }),
        }
    }

    async fn catch_up_all(&mut self, conn: &mut Connection) {
        let rooms: Vec<(Slug, Option<uuid::Uuid>)> = self
            .members
            .values()
            .map(|m| (m.room_id.clone(), Some(m.id)))
            .collect();
        for (key, me) in rooms {
            let wrap = move |e| SalonFrame::of_entry(e, me);
            let _ = self
                .follow
                .catch_up(conn, &self.app.salon, &key, &wrap)
                .await;
        }
    }
}

fn refuse(conn: &mut Connection, error: &SalonError, reference: Option<String>) -> Flow {
    let (code, message) = salon_error_code(error);
    conn.refuse(SalonFrame::Error, code, message, reference);
    Flow::Continue
}

#[async_trait]
impl Session for SalonSession {
    async fn frame(&mut self, conn: &mut Connection, text: &str) -> Flow {
        let screened = screen::<SalonRequest, _>(
            conn,
            text,
            self.device.as_deref(),
            &self.app.frame_limits,
            SalonFrame::Error,
            SalonFrame::Pong,
        );
        match screened {
            Screened::Answered => Flow::Continue,
            Screened::Hello { token, reference } => self.greet(conn, &token, reference).await,
            Screened::Request { request, reference } => {
                let device = self.device.clone().unwrap_or_default();
                if let Err(error) = self.handle(conn, &device, request).await {
                    refuse(conn, &error, reference);
                }
                Flow::Continue
            }
        }
    }

    async fn delivery(&mut self, conn: &mut Connection, topic: &str, delivery: Delivery) -> Flow {
        let payload = match delivery {
            Delivery::Message(payload) => payload,
            Delivery::Gap => {
                self.catch_up_all(conn).await;
                return Flow::Continue;
            }
        };
        if topic.starts_with("salon.device.") {
            if let Ok(event) = serde_json::from_slice::<DeviceEvent>(&payload) {
                self.on_device_event(conn, event);
            }
        } else if let Ok(event) = serde_json::from_slice::<RoomEvent>(&payload) {
            self.on_room_event(conn, event).await;
        }
        Flow::Continue
    }

    async fn heartbeat(&mut self, _conn: &mut Connection) -> Flow {
        let now = Timestamp::now();
        for member in self.members.values() {
            let _ = self.app.salon.still_here(member, now).await;
        }
        Flow::Continue
    }

    async fn closed(&mut self) {
        let now = Timestamp::now();
        for member in self.members.values() {
            let _ = self.app.salon.went_away(member, now).await;
        }
    }
}

impl DeviceRequest for SalonRequest {
    fn is_ping(&self) -> bool {
        matches!(self, SalonRequest::Ping {})
    }

    fn into_hello(self) -> Result<String, Self> {
        match self {
            SalonRequest::Hello { token } => Ok(token),
            other => Err(other),
        }
    }
}
