//! A teen's device on `/ws/teen`. The first frame must be `hello` with the
//! device token; from then on every frame is checked against that device's
//! own conversations.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use uuid::Uuid;

use super::connection::{Connection, Flow, Session, LOCAL_QUEUE};
use super::error_code;
use super::follow::Followed;
use crate::bus::Delivery;
use crate::consultation::events::ConversationEvent;
use crate::consultation::model::{Sender, Status};
use crate::consultation::{ConsultationError, QueuePlace, TeenView};
use crate::http::App;
use crate::protocol::{decode, Ack, TeenFrame, TeenRequest};

/// Failed `hello` attempts before the connection is closed.
const MAX_HELLO_ATTEMPTS: u32 = 3;

/// One teen connection.
pub struct TeenSession {
    app: Arc<App>,
    device: Option<String>,
    followed: Followed,
    /// Waiting conversations and the last place sent for each.
    waiting: HashMap<Uuid, (i64, i64)>,
    hello_attempts: u32,
}

impl TeenSession {
    /// A new, not yet greeted connection.
    pub fn new(app: Arc<App>) -> Self {
        Self {
            app,
            device: None,
            followed: Followed::default(),
            waiting: HashMap::new(),
            hello_attempts: 0,
        }
    }

    async fn handle(
        &mut self,
        conn: &mut Connection,
        device: &str,
        request: TeenRequest,
    ) -> Result<(), ConsultationError> {
        let service = &self.app.consultation;
        match request {
            TeenRequest::Hello { .. } | TeenRequest::Ping {} => {}
            TeenRequest::Start {
                line_id,
                nickname,
                salon_post_id,
                return_code,
            } => {
                // Checked before starting, so a wrong link changes nothing.
                let handoff = match salon_post_id {
                    Some(post_id) => Some((
                        post_id,
                        self.app
                            .salon
                            .handoff_risk(device, post_id)
                            .await
                            .map_err(|error| match error {
                                crate::salon::SalonError::NotFound => ConsultationError::NotFound,
                                _ => ConsultationError::Unavailable,
                            })?,
                    )),
                    None => None,
                };
                let started = service
                    .start(
                        device,
                        &line_id,
                        nickname.as_deref(),
                        return_code.as_deref(),
                    )
                    .await?;
                let id = started.conversation.id;
                if let Some((post_id, risk)) = handoff {
                    service
                        .link_salon_post(&started.conversation, post_id, risk)
                        .await?;
                }
                self.follow(conn, id, 0).await?;
                if let Some(same_counselor) = started.same_counselor {
                    conn.send(&TeenFrame::Returning {
                        conversation_id: id,
                        same_counselor,
                    });
                }
            }
            TeenRequest::ReturnCode { conversation_id } => {
                let issued = service.issue_return_code(device, conversation_id).await?;
                conn.send(&TeenFrame::ReturnCode {
                    conversation_id,
                    code: issued.code,
                    expires_at: issued.expires_at,
                });
            }
            TeenRequest::Resume {
                conversation_id,
                after_seq,
            } => {
                service.teen_conversation(device, conversation_id).await?;
                self.follow(conn, conversation_id, after_seq).await?;
            }
            TeenRequest::Send {
                conversation_id,
                client_msg_id,
                body,
            } => {
                let sent = service
                    .send_as_teen(device, conversation_id, &client_msg_id, &body)
                    .await?;
                conn.send(&TeenFrame::Ack(Ack {
                    conversation_id,
                    client_msg_id,
                    seq: sent.message.seq,
                    at: sent.message.at,
                    duplicate: sent.duplicate,
                }));
            }
            TeenRequest::Typing {
                conversation_id,
                typing,
            } => {
                // Only conversations this connection resumed (and so proved to own).
                if !self.followed.contains(&conversation_id) {
                    return Err(ConsultationError::NotFound);
                }
                service.typing(conversation_id, Sender::Teen, typing).await;
            }
            TeenRequest::Read {
                conversation_id,
                seq,
            } => service.mark_read(device, conversation_id, seq).await?,
            TeenRequest::Leave { conversation_id } => {
                service.leave(device, conversation_id).await?
            }
        }
        Ok(())
    }

    /// Follows a conversation: its messages after `after_seq`, its state, and
    /// its place in the queue while waiting.
    async fn follow(
        &mut self,
        conn: &mut Connection,
        id: Uuid,
        after_seq: i64,
    ) -> Result<(), ConsultationError> {
        self.followed
            .follow(
                conn,
                self.app.bus.as_ref(),
                &self.app.consultation,
                id,
                after_seq,
                TeenFrame::Message,
            )
            .await?;
        self.refresh(conn, id).await
    }

    /// Sends a conversation's current state (and queue place while waiting).
    async fn refresh(&mut self, conn: &mut Connection, id: Uuid) -> Result<(), ConsultationError> {
        let Some(device) = self.device.as_deref() else {
            return Ok(());
        };
        let conversation = self.app.consultation.teen_conversation(device, id).await?;
        conn.send(&TeenFrame::Conversation {
            conversation: TeenView::from(&conversation),
        });
        if conversation.status == Status::Waiting {
            conn.watch_queue(self.app.queue.subscribe());
            // The snapshot may not have this chat yet (it was just started): ask the store.
            let place = match self.app.queue.current().place(id) {
                Some(place) => place,
                None => self.app.consultation.queue_place(&conversation).await?,
            };
            self.send_place(conn, id, place);
        } else {
            self.waiting.remove(&id);
            if self.waiting.is_empty() {
                conn.unsubscribe(LOCAL_QUEUE);
            }
        }
        Ok(())
    }

    /// Sends a queue place when it differs from the last one sent.
    fn send_place(&mut self, conn: &mut Connection, id: Uuid, place: QueuePlace) {
        let now = (place.position, place.estimated_wait_seconds);
        if self.waiting.insert(id, now) != Some(now) {
            conn.send(&TeenFrame::Queue {
                conversation_id: id,
                position: place.position,
                estimated_wait_seconds: place.estimated_wait_seconds,
            });
        }
    }

    async fn greet(
        &mut self,
        conn: &mut Connection,
        token: &str,
        reference: Option<String>,
    ) -> Flow {
        self.hello_attempts += 1;
        match self.app.consultation.device(token).await {
            Ok(device) => match self.app.consultation.history(&device).await {
                Ok(history) => {
                    self.device = Some(device);
                    conn.send(&TeenFrame::Ready {
                        conversations: history.iter().map(TeenView::from).collect(),
                    });
                    Flow::Continue
                }
                Err(error) => refuse(conn, &error, reference),
            },
            Err(error) => {
                refuse(conn, &error, reference);
                if self.hello_attempts >= MAX_HELLO_ATTEMPTS {
                    Flow::Close
                } else {
                    Flow::Continue
                }
            }
        }
    }
}

fn refuse(conn: &mut Connection, error: &ConsultationError, reference: Option<String>) -> Flow {
    let (code, message) = error_code(error);
    conn.refuse(TeenFrame::Error, code, message, reference);
    Flow::Continue
}

#[async_trait]
impl Session for TeenSession {
    async fn frame(&mut self, conn: &mut Connection, text: &str) -> Flow {
        let (request, reference) = match decode::<TeenRequest>(text) {
            Ok(decoded) => decoded,
            Err(refusal) => {
                conn.refuse(
                    TeenFrame::Error,
                    refusal.code,
                    refusal.message,
                    refusal.reference,
                );
                return Flow::Continue;
            }
        };
        if let TeenRequest::Ping {} = request {
            conn.send(&TeenFrame::Pong);
            return Flow::Continue;
        }
        let Some(device) = self.device.clone() else {
            return match request {
                TeenRequest::Hello { token } => self.greet(conn, &token, reference).await,
                _ => {
                    conn.refuse(
                        TeenFrame::Error,
                        "hello_first",
                        "send hello with your device token first".into(),
                        reference,
                    );
                    Flow::Continue
                }
            };
        };
        if !self.app.frame_limits.allow(&device) {
            conn.refuse(
                TeenFrame::Error,
                "rate_limited",
                "too many frames; slow down a little".into(),
                reference,
            );
            return Flow::Continue;
        }
        if let Err(error) = self.handle(conn, &device, request).await {
            refuse(conn, &error, reference);
        }
        Flow::Continue
    }

    async fn delivery(&mut self, conn: &mut Connection, topic: &str, delivery: Delivery) -> Flow {
        let service = &self.app.consultation;
        let payload = match delivery {
            Delivery::Message(payload) => payload,
            Delivery::Gap => {
                let _ = self
                    .followed
                    .catch_up_all(conn, service, TeenFrame::Message)
                    .await;
                for id in self.followed.ids() {
                    let _ = self.refresh(conn, id).await;
                }
                return Flow::Continue;
            }
        };
        if topic == LOCAL_QUEUE {
            // Places come from the node's snapshot, in memory; a chat that left the
            // queue is announced on its own topic.
            let snapshot = self.app.queue.current();
            let ids: Vec<Uuid> = self.waiting.keys().copied().collect();
            for id in ids {
                if let Some(place) = snapshot.place(id) {
                    self.send_place(conn, id, place);
                }
            }
            return Flow::Continue;
        }
        let Ok(event) = serde_json::from_slice::<ConversationEvent>(&payload) else {
            return Flow::Continue;
        };
        match event {
            ConversationEvent::Message { message } => {
                let id = message.conversation_id;
                let _ = self
                    .followed
                    .on_entry(conn, service, &id, message, TeenFrame::Message)
                    .await;
            }
            ConversationEvent::Changed { conversation_id } => {
                let _ = self.refresh(conn, conversation_id).await;
            }
            ConversationEvent::Typing {
                conversation_id,
                sender: Sender::Counselor,
                typing,
            } => {
                conn.send(&TeenFrame::Typing {
                    conversation_id,
                    typing,
                });
            }
            // Reads, staff notes and supervisor presence are never shown to the teen.
            ConversationEvent::Typing { .. }
            | ConversationEvent::Read { .. }
            | ConversationEvent::Note { .. }
            | ConversationEvent::Watching { .. } => {}
        }
        Flow::Continue
    }
}
