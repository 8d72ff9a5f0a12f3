//! A moderator's console on `/ws/moderator`: every room live, the held-post
//! queue, reports and alerts. Actions go through the HTTP API (audited with
//! their reasons); this socket only delivers. The session cookie is checked at
//! the upgrade and at every heartbeat, and a console on duty keeps rooms that
//! need a moderator open. It also carries the changes of the escalation cases
//! the moderator handed on from the salon (a supervisor: every case), as
//! `/ws/staff` does, through [`super::cases::CaseFeed`].

use std::sync::Arc;

use async_trait::async_trait;
use uuid::Uuid;

use super::cases::CaseFeed;
use super::connection::{Connection, Flow, Session};
use super::follow::Follow;
use super::salon::salon_error_code;
use crate::bus::Delivery;
use crate::consultation::events::{staff_topic, StaffEvent};
use crate::escalation::events::{CaseEvent, ESCALATING_TOPIC};
use crate::escalation::Viewer;
use crate::http::App;
use crate::protocol::decode;
use crate::protocol::salon::{ModeratorFrame, ModeratorRequest};
use crate::salon::events::{ModerationEvent, RoomEvent, MODERATION_TOPIC};
use crate::salon::{SalonError, SalonService};
use crate::staff::session::hash_token;
use crate::staff::Account;
use crate::text::Slug;

/// One moderator console.
pub struct ModeratorSession {
    app: Arc<App>,
    account: Account,
    token: String,
    /// This console's row in the duty table.
    connection_id: Uuid,
    follow: Follow<SalonService>,
    /// The case changes this account may see (a moderator: the cases they
    /// escalated; a supervisor: every case).
    cases: Option<CaseFeed>,
}

impl ModeratorSession {
    /// A console for a signed-in moderator or supervisor.
    pub fn new(app: Arc<App>, account: Account, token: String) -> Self {
        Self {
            app,
            cases: Viewer::of(&account).map(CaseFeed::new),
            account,
            token,
            connection_id: Uuid::new_v4(),
            follow: Follow::default(),
        }
    }

    async fn ready(&self, conn: &mut Connection) -> Result<(), SalonError> {
        let salon = &self.app.salon;
        conn.send(&ModeratorFrame::Ready {
            account: self.account.clone(),
            rooms: salon.staff_rooms(jiff::Timestamp::now()).await?,
            held: salon.held(&self.account).await?,
            withheld: salon.withheld(&self.account).await?,
            reports: salon.reports(&self.account, true).await?,
        });
        Ok(())
    }

    async fn send_rooms(&self, conn: &mut Connection) {
        if let Ok(rooms) = self.app.salon.staff_rooms(jiff::Timestamp::now()).await {
            conn.send(&ModeratorFrame::Rooms { rooms });
        }
    }

    fn session_ended(&self, conn: &mut Connection) -> Flow {
        conn.refuse(
            ModeratorFrame::Error,
            "session_ended",
            "your session has ended; sign in again".into(),
            None,
        );
        Flow::Close
    }

    async fn on_moderation_event(&mut self, conn: &mut Connection, event: ModerationEvent) {
        let frame = match event {
            ModerationEvent::Held { post } => ModeratorFrame::Held { post },
            ModerationEvent::Decided { post_id, state } => {
                ModeratorFrame::Decided { post_id, state }
            }
            ModerationEvent::Reported { report } => ModeratorFrame::Reported { report },
            ModerationEvent::ReportResolved { report_id } => {
                ModeratorFrame::ReportResolved { report_id }
            }
            ModerationEvent::Alert { alert } => ModeratorFrame::Alert(alert),
            ModerationEvent::RoomsChanged => return self.send_rooms(conn).await,
        };
        conn.send(&frame);
    }

    async fn on_room_event(&mut self, conn: &mut Connection, event: RoomEvent) {
        match event {
            RoomEvent::Entry { entry } => {
                let Ok(key) = Slug::parse("room_id", &entry.room_id, 2, 40) else {
                    return;
                };
                let _ = self
                    .follow
                    .on_entry(conn, &self.app.salon, &key, entry, ModeratorFrame::Entry)
                    .await;
            }
            RoomEvent::Reactions {
                room_id,
                seq,
                counts,
            } => conn.send(&ModeratorFrame::Reactions {
                room_id,
                seq,
                counts,
            }),
            RoomEvent::Presence { room_id, present } => {
                conn.send(&ModeratorFrame::Presence { room_id, present })
            }
            // Moderators get the fuller room list with RoomsChanged.
            RoomEvent::Changed { .. } => {}
        }
    }
}

#[async_trait]
impl Session for ModeratorSession {
    async fn start(&mut self, conn: &mut Connection) -> Flow {
        let bus = self.app.bus.as_ref();
        let mut topics = vec![MODERATION_TOPIC.to_owned(), staff_topic(self.account.id)];
        topics.extend(self.cases.map(|feed| feed.topic()));
        for topic in topics {
            if conn.subscribe(bus, &topic).await.is_err() {
                conn.refuse(
                    ModeratorFrame::Error,
                    "unavailable",
                    "the message bus is unavailable".into(),
                    None,
                );
                return Flow::Close;
            }
        }
        let salon = &self.app.salon;
        let started = salon
            .on_duty_now(self.connection_id, &self.account, true)
            .await;
        if let Err(error) = started.and(self.ready(conn).await) {
            let (code, message) = salon_error_code(&error);
            conn.refuse(ModeratorFrame::Error, code, message, None);
            return Flow::Close;
        }
        Flow::Continue
    }

    async fn frame(&mut self, conn: &mut Connection, text: &str) -> Flow {
        let (request, reference) = match decode::<ModeratorRequest>(text) {
            Ok(decoded) => decoded,
            Err(refusal) => {
                conn.refuse(
                    ModeratorFrame::Error,
                    refusal.code,
                    refusal.message,
                    refusal.reference,
                );
                return Flow::Continue;
            }
        };
        if !self.app.frame_limits.allow(&self.account.id.to_string()) {
            conn.refuse(
                ModeratorFrame::Error,
                "rate_limited",
                "too many frames; slow down a little".into(),
                reference,
            );
            return Flow::Continue;
        }
        match request {
            ModeratorRequest::Ping {} => conn.send(&ModeratorFrame::Pong),
            ModeratorRequest::Open { room_id, after_seq } => {
                let exists = self
                    .app
                    .salon
                    .room_view(&room_id, jiff::Timestamp::now())
                    .await
                    .map(|_| ());
                let opened = match (exists, Slug::parse("room_id", &room_id, 2, 40)) {
                    (Err(error), _) => Err(error),
                    (Ok(()), Ok(key)) => {
                        self.follow
                            .follow(
                                conn,
                                self.app.bus.as_ref(),
                                &self.app.salon,
                                key,
                                after_seq,
                                ModeratorFrame::Entry,
                            )
                            .await
                    }
                    (Ok(()), Err(_)) => Err(SalonError::NotFound),
                };
                if let Err(error) = opened {
                    let (code, message) = salon_error_code(&error);
                    conn.refuse(ModeratorFrame::Error, code, message, reference);
                }
            }
        }
        Flow::Continue
    }

    async fn delivery(&mut self, conn: &mut Connection, topic: &str, delivery: Delivery) -> Flow {
        let payload = match delivery {
            Delivery::Message(payload) => payload,
            Delivery::Gap if topic == ESCALATING_TOPIC => {
                if let Some(feed) = self.cases {
                    feed.resend(conn, &self.app.escalation, |cases| ModeratorFrame::Cases {
                        cases,
                    })
                    .await;
                }
                return Flow::Continue;
            }
            Delivery::Gap => {
                let _ = self
                    .follow
                    .catch_up_all(conn, &self.app.salon, ModeratorFrame::Entry)
                    .await;
                let _ = self.ready(conn).await;
                return Flow::Continue;
            }
        };
        if topic == MODERATION_TOPIC {
            if let Ok(event) = serde_json::from_slice::<ModerationEvent>(&payload) {
                self.on_moderation_event(conn, event).await;
            }
        } else if topic == ESCALATING_TOPIC {
            if let (Some(feed), Ok(event)) =
                (self.cases, serde_json::from_slice::<CaseEvent>(&payload))
            {
                feed.on_event(conn, &self.app.escalation, event, |change, case| {
                    ModeratorFrame::Case { change, case }
                })
                .await;
            }
        } else if topic.starts_with("staff.") {
            if let Ok(StaffEvent::SessionsEnded { token_hash }) =
                serde_json::from_slice::<StaffEvent>(&payload)
            {
                if token_hash
                    .as_ref()
                    .is_none_or(|hash| *hash == hash_token(&self.token))
                {
                    return self.session_ended(conn);
                }
            }
        } else if let Ok(event) = serde_json::from_slice::<RoomEvent>(&payload) {
            self.on_room_event(conn, event).await;
        }
        Flow::Continue
    }

    async fn heartbeat(&mut self, conn: &mut Connection) -> Flow {
        match self.app.staff.authenticate(&self.token).await {
            Ok(Some((_, account))) if account.role == self.account.role => {
                let _ = self
                    .app
                    .salon
                    .on_duty_now(self.connection_id, &self.account, false)
                    .await;
                Flow::Continue
            }
            Ok(_) => self.session_ended(conn),
            // The database blinked: keep the console, check again next beat.
            Err(_) => Flow::Continue,
        }
    }

    async fn closed(&mut self) {
        if let Err(error) = self.app.salon.off_duty(self.connection_id).await {
            tracing::warn!(%error, "could not record a moderator going off duty");
        }
    }
}
