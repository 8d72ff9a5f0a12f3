//! A counsellor's or supervisor's console on `/ws/staff`, authenticated by the
//! session cookie at the upgrade and re-checked at every heartbeat, so a
//! signed-out or disabled account's consoles close within one heartbeat.
//!
//! Each console is also recorded in the store and refreshed every heartbeat,
//! so any node can tell a counsellor who moved to another node from one who
//! has gone.

use std::collections::HashSet;
use std::sync::Arc;

use async_trait::async_trait;
use serde_json::json;
use uuid::Uuid;

use super::cases::CaseFeed;
use super::connection::{Connection, Flow, Session, LOCAL_QUEUE};
use super::error_code;
use super::follow::Followed;
use crate::audit::AuditEntry;
use crate::bus::Delivery;
use crate::consultation::events::{staff_topic, ConversationEvent, StaffEvent, ALERT_TOPIC};
use crate::consultation::model::Sender;
use crate::consultation::{ConsultationError, StaffView};
use crate::escalation::events::{CaseEvent, ESCALATING_TOPIC};
use crate::escalation::Viewer;
use crate::http::App;
use crate::protocol::{decode, encode, Ack, Presence, StaffFrame, StaffRequest};
use crate::staff::session::hash_token;
use crate::staff::{Account, Role};

/// One staff console.
pub struct StaffSession {
    app: Arc<App>,
    account: Account,
    token: String,
    followed: Followed,
    presence: Presence,
    capacity: usize,
    /// The administrators' limit for this account, re-read every heartbeat.
    max_chats: i64,
    /// This console's row in the store (presence across nodes).
    console_id: Uuid,
    /// Chats this console was told are its own, to release on transfer.
    mine: HashSet<Uuid>,
    /// The case changes this account may see (supervisors: every case; a
    /// counsellor: the cases they escalated).
    cases: Option<CaseFeed>,
}

/// Capacity of a console that has not said yet.
const DEFAULT_CAPACITY: usize = 3;

impl StaffSession {
    /// A console for a signed-in counsellor or supervisor.
    pub fn new(app: Arc<App>, account: Account, token: String) -> Self {
        Self {
            app,
            token,
            followed: Followed::default(),
            presence: Presence::Away,
            capacity: DEFAULT_CAPACITY,
            max_chats: crate::consultation::assignment::DEFAULT_MAX_CHATS,
            console_id: Uuid::new_v4(),
            mine: HashSet::new(),
            cases: Viewer::of(&account).map(CaseFeed::new),
            account,
        }
    }

    async fn handle(
        &mut self,
        conn: &mut Connection,
        request: StaffRequest,
    ) -> Result<(), ConsultationError> {
        let app = self.app.clone();
        let service = &app.consultation;
        match request {
            StaffRequest::Ping {} => conn.send(&StaffFrame::Pong),
            StaffRequest::Status { status, capacity } => {
                // Read the limit now: an administrator may have changed it.
                self.refresh_limit(conn).await?;
                if let Some(capacity) = capacity {
                    if capacity < 1 || capacity as i64 > self.max_chats {
                        return Err(crate::text::TextError::new(
                            "capacity",
                            format!(
                                "must be 1 to {}, the most chats at once your administrator allows",
                                self.max_chats
                            ),
                        )
                        .into());
                    }
                    self.capacity = capacity;
                }
                self.presence = status;
                let available = status == Presence::Available;
                service
                    .set_presence(&self.account, available, self.capacity as i64)
                    .await?;
                if available {
                    // Chats waiting on automatic lines may come to us now.
                    service.assign_quietly().await;
                }
            }
            StaffRequest::Take { conversation_id } => {
                let capacity = if self.presence == Presence::Available {
                    self.capacity.min(self.max_chats as usize)
                } else {
                    0
                };
                service
                    .take(&self.account, conversation_id, capacity.max(1))
                    .await?;
                self.open(conn, conversation_id, 0).await?;
            }
            StaffRequest::Open {
                conversation_id,
                after_seq,
            } => self.open(conn, conversation_id, after_seq).await?,
            StaffRequest::Send {
                conversation_id,
                client_msg_id,
                body,
            } => {
                let sent = service
                    .send_as_staff(&self.account, conversation_id, &client_msg_id, &body)
                    .await?;
                conn.send(&StaffFrame::Ack(Ack {
                    conversation_id,
                    client_msg_id,
                    seq: sent.message.seq,
                    at: sent.message.at,
                    duplicate: sent.duplicate,
                }));
            }
            StaffRequest::Typing {
                conversation_id,
                typing,
            } => {
                if !self.mine.contains(&conversation_id) {
                    return Err(ConsultationError::NotFound);
                }
                service
                    .typing(conversation_id, Sender::Counselor, typing)
                    .await;
            }
            StaffRequest::Transfer {
                conversation_id,
                to,
            } => {
                service.transfer(&self.account, conversation_id, to).await?;
            }
            StaffRequest::Note {
                conversation_id,
                body,
            } => {
                service
                    .add_note(&self.account, conversation_id, &body)
                    .await?;
            }
            StaffRequest::End {
                conversation_id,
                wrap_up,
            } => {
                service
                    .end_by_staff(&self.account, conversation_id, wrap_up)
                    .await?;
                // Answer directly: this console may not follow the chat (after a reload).
                let conversation = service
                    .staff_conversation(&self.account, conversation_id)
                    .await?;
                conn.send(&StaffFrame::Conversation {
                    conversation: StaffView::from(&conversation),
                });
            }
        }
        Ok(())
    }

    /// Opens a transcript (audited: staff reading a teen's words is recorded) and follows it.
    async fn open(
        &mut self,
        conn: &mut Connection,
        id: Uuid,
        after_seq: i64,
    ) -> Result<(), ConsultationError> {
        let conversation = self
            .app
            .consultation
            .staff_conversation(&self.account, id)
            .await?;
        let audit = AuditEntry::now(
            Some(self.account.id),
            "transcript.read",
            format!("conversation:{id}"),
            json!({ "after_seq": after_seq }),
        );
        self.app.store.append_audit(&audit).await?;
        if conversation.counselor_id == Some(self.account.id) {
            self.mine.insert(id);
        }
        let first_open = !self.followed.contains(&id);
        // Subscribe (and catch up on messages) before reading the chat's state, so
        // a change between the read and live delivery cannot be missed.
        self.followed
            .follow(
                conn,
                self.app.bus.as_ref(),
                &self.app.consultation,
                id,
                after_seq,
                StaffFrame::Message,
            )
            .await?;
        let conversation = self
            .app
            .consultation
            .staff_conversation(&self.account, id)
            .await?;
        conn.send(&StaffFrame::Conversation {
            conversation: StaffView::from(&conversation),
        });
        if first_open {
            for note in self.app.consultation.notes(&self.account, id).await? {
                conn.send(&StaffFrame::Note(note));
            }
            self.app
                .consultation
                .announce_watcher(&self.account, &conversation)
                .await;
        }
        Ok(())
    }

    /// The queue from the node's snapshot (encoded once for every console); for
    /// supervisors also every active chat, so the overview stays live.
    fn send_queue(&self, conn: &mut Connection) {
        let snapshot = self.app.queue.current();
        let queue = snapshot.encoded.get_or_init(|| {
            encode(&StaffFrame::Queue {
                queue: snapshot.waiting.iter().map(StaffView::from).collect(),
            })
        });
        conn.send_text(queue);
        if self.account.role == Role::Supervisor {
            let active = snapshot.encoded_active.get_or_init(|| {
                encode(&StaffFrame::Active {
                    chats: snapshot.active.iter().map(StaffView::from).collect(),
                })
            });
            conn.send_text(active);
        }
    }

    async fn on_conversation_event(&mut self, conn: &mut Connection, event: ConversationEvent) {
        let service = &self.app.consultation;
        match event {
            ConversationEvent::Message { message } => {
                let id = message.conversation_id;
                let _ = self
                    .followed
                    .on_entry(conn, service, &id, message, StaffFrame::Message)
                    .await;
            }
            ConversationEvent::Changed { conversation_id } => {
                match service
                    .staff_conversation(&self.account, conversation_id)
                    .await
                {
                    Ok(conversation) => conn.send(&StaffFrame::Conversation {
                        conversation: StaffView::from(&conversation),
                    }),
                    Err(_) => self.release(conn, conversation_id),
                }
            }
            ConversationEvent::Typing {
                conversation_id,
                sender: Sender::Teen,
                typing,
            } => {
                conn.send(&StaffFrame::Typing {
                    conversation_id,
                    sender: Sender::Teen,
                    typing,
                });
            }
            ConversationEvent::Typing { .. } => {}
            ConversationEvent::Read {
                conversation_id,
                seq,
            } => conn.send(&StaffFrame::Read {
                conversation_id,
                seq,
            }),
            ConversationEvent::Note { note } => {
                if self.followed.contains(&note.conversation_id) {
                    conn.send(&StaffFrame::Note(note));
                }
            }
            ConversationEvent::Watching {
                conversation_id,
                name,
            } => {
                if self.mine.contains(&conversation_id) {
                    conn.send(&StaffFrame::Watching {
                        conversation_id,
                        name,
                    });
                }
            }
        }
    }

    async fn on_staff_event(&mut self, conn: &mut Connection, event: StaffEvent) {
        match event {
            // The node's queue feed handles queue changes for every console at once.
            StaffEvent::QueueChanged => {}
            StaffEvent::Assigned { conversation_id } => {
                if !self.followed.contains(&conversation_id) {
                    if let Err(error) = self.open(conn, conversation_id, 0).await {
                        let (code, message) = error_code(&error);
                        conn.refuse(StaffFrame::Error, code, message, None);
                    }
                } else {
                    self.mine.insert(conversation_id);
                }
            }
            StaffEvent::Unassigned { conversation_id } => {
                self.mine.remove(&conversation_id);
                if self.account.role != Role::Supervisor {
                    self.release(conn, conversation_id);
                }
            }
            StaffEvent::SessionsEnded { .. } => {}
            StaffEvent::Alert {
                conversation_id,
                line_id,
                severity,
                categories,
            } => {
                conn.send(&StaffFrame::Alert {
                    conversation_id,
                    line_id,
                    severity,
                    categories,
                });
            }
            StaffEvent::Nudge { conversation_id } => {
                conn.send(&StaffFrame::Nudge { conversation_id });
            }
            StaffEvent::CaseOverdue {
                case_id,
                urgency,
                waiting_for,
            } => {
                conn.send(&StaffFrame::CaseOverdue {
                    case_id,
                    urgency,
                    waiting_for,
                });
            }
        }
    }

    /// Re-reads the account's limit; tells the console when it changed and
    /// lowers this console's capacity to fit.
    async fn refresh_limit(&mut self, conn: &mut Connection) -> Result<(), ConsultationError> {
        let max_chats = self.app.consultation.max_chats_for(self.account.id).await?;
        if max_chats != self.max_chats {
            self.max_chats = max_chats;
            self.capacity = self.capacity.min(max_chats.max(1) as usize);
            conn.send(&StaffFrame::Limits { max_chats });
        }
        Ok(())
    }

    fn session_ended(&self, conn: &mut Connection) -> Flow {
        conn.refuse(
            StaffFrame::Error,
            "session_ended",
            "your session has ended; sign in again".into(),
            None,
        );
        Flow::Close
    }

    fn release(&mut self, conn: &mut Connection, id: Uuid) {
        if self.followed.contains(&id) {
            self.followed.unfollow(conn, &id);
            self.mine.remove(&id);
            conn.send(&StaffFrame::Released {
                conversation_id: id,
            });
        }
    }
}

#[async_trait]
impl Session for StaffSession {
    async fn start(&mut self, conn: &mut Connection) -> Flow {
        let bus = self.app.bus.as_ref();
        conn.watch_queue(self.app.queue.subscribe());
        let mut topics = vec![staff_topic(self.account.id), ESCALATING_TOPIC.to_owned()];
        if self.account.role == Role::Supervisor {
            topics.push(ALERT_TOPIC.to_owned());
        }
        for topic in topics {
            if conn.subscribe(bus, &topic).await.is_err() {
                conn.refuse(
                    StaffFrame::Error,
                    "unavailable",
                    "the message bus is unavailable".into(),
                    None,
                );
                return Flow::Close;
            }
        }
        let service = &self.app.consultation;
        if service
            .console_seen(self.console_id, &self.account)
            .await
            .is_err()
        {
            return Flow::Close;
        }
        self.max_chats = match service.max_chats_for(self.account.id).await {
            Ok(max_chats) => max_chats,
            Err(_) => return Flow::Close,
        };
        self.capacity = self.capacity.min(self.max_chats.max(1) as usize);
        let (queue, mut chats, unfinished) = match (
            service.queue().await,
            service.active_for(&self.account).await,
            service.awaiting_wrap_up(&self.account).await,
        ) {
            (Ok(queue), Ok(chats), Ok(unfinished)) => (queue, chats, unfinished),
            _ => return Flow::Close,
        };
        // Ended chats still waiting for this counsellor's wrap-up stay on their list.
        chats.extend(unfinished);
        self.mine = chats
            .iter()
            .filter(|c| c.counselor_id == Some(self.account.id))
            .map(|c| c.id)
            .collect();
        conn.send(&StaffFrame::Ready {
            account: self.account.clone(),
            queue: queue.iter().map(StaffView::from).collect(),
            chats: chats.iter().map(StaffView::from).collect(),
            max_chats: self.max_chats,
        });
        Flow::Continue
    }

    async fn frame(&mut self, conn: &mut Connection, text: &str) -> Flow {
        let (request, reference) = match decode::<StaffRequest>(text) {
            Ok(decoded) => decoded,
            Err(refusal) => {
                conn.refuse(
                    StaffFrame::Error,
                    refusal.code,
                    refusal.message,
                    refusal.reference,
                );
                return Flow::Continue;
            }
        };
        if !self
            .app
            .frame_limits
            .allow(&format!("staff:{}", self.account.id))
        {
            conn.refuse(
                StaffFrame::Error,
                "rate_limited",
                "too many frames; slow down a little".into(),
                reference,
            );
            return Flow::Continue;
        }
        if let Err(error) = self.handle(conn, request).await {
            let (code, message) = error_code(&error);
            conn.refuse(StaffFrame::Error, code, message, reference);
        }
        Flow::Continue
    }

    async fn delivery(&mut self, conn: &mut Connection, topic: &str, delivery: Delivery) -> Flow {
        let payload = match delivery {
            Delivery::Message(payload) => payload,
            Delivery::Gap if topic == ESCALATING_TOPIC => {
                if let Some(feed) = self.cases {
                    feed.resend(conn, &self.app.escalation, |cases| StaffFrame::Cases {
                        cases,
                    })
                    .await;
                }
                return Flow::Continue;
            }
            Delivery::Gap => {
                let _ = self
                    .followed
                    .catch_up_all(conn, &self.app.consultation, StaffFrame::Message)
                    .await;
                self.send_queue(conn);
                return Flow::Continue;
            }
        };
        if topic == LOCAL_QUEUE {
            self.send_queue(conn);
        } else if topic == ESCALATING_TOPIC {
            if let (Some(feed), Ok(event)) =
                (self.cases, serde_json::from_slice::<CaseEvent>(&payload))
            {
                feed.on_event(conn, &self.app.escalation, event, |change, case| {
                    StaffFrame::Case { change, case }
                })
                .await;
            }
        } else if topic.starts_with("conversation.") {
            if let Ok(event) = serde_json::from_slice::<ConversationEvent>(&payload) {
                self.on_conversation_event(conn, event).await;
            }
        } else if let Ok(event) = serde_json::from_slice::<StaffEvent>(&payload) {
            if let StaffEvent::SessionsEnded { token_hash } = &event {
                if token_hash
                    .as_ref()
                    .is_none_or(|hash| *hash == hash_token(&self.token))
                {
                    return self.session_ended(conn);
                }
            }
            self.on_staff_event(conn, event).await;
        }
        Flow::Continue
    }

    async fn heartbeat(&mut self, conn: &mut Connection) -> Flow {
        // Still here, for every node; and the limit may have changed.
        let service = &self.app.consultation;
        if let Err(error) = service.console_seen(self.console_id, &self.account).await {
            tracing::warn!(%error, "could not record the console's heartbeat");
        }
        let _ = self.refresh_limit(conn).await;
        match self.app.staff.authenticate(&self.token).await {
            Ok(Some((_, account))) if account.role == self.account.role => Flow::Continue,
            Ok(_) => self.session_ended(conn),
            // The database blinked: keep the console, check again next beat.
            Err(_) => Flow::Continue,
        }
    }

    async fn closed(&mut self) {
        if let Err(error) = self.app.consultation.console_closed(self.console_id).await {
            // The row goes stale by itself; until then it counts as present.
            tracing::warn!(%error, "could not record a closed console");
        }
        let app = self.app.clone();
        let counselor = self.account.id;
        // A reload reconnects within the grace period, on this node or another;
        // a counsellor who is gone does not, and their chats return to the top
        // of the queue.
        tokio::spawn(async move {
            tokio::time::sleep(app.requeue_grace).await;
            // Better to keep the chats than to requeue on a database blink.
            if let Err(error) = app.consultation.requeue_if_gone(counselor).await {
                tracing::warn!(%error, "could not return a gone counsellor's chats to the queue");
            }
        });
    }
}
