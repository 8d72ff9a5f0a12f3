//! A partner organisation's console on `/ws/partner`: its released cases,
//! live. Authenticated by the session cookie at the upgrade (partner staff
//! only) and re-checked at every heartbeat. The socket only delivers: every
//! action (acknowledge, notes, close) goes through `/api/cases`, audited.
//!
//! Bus events are only notifications: each one is re-read through
//! [`crate::escalation::EscalationService`], which checks that this account may
//! see the case (its organisation, released) and audits the read.

use std::sync::Arc;

use async_trait::async_trait;
use uuid::Uuid;

use super::cases::CaseFeed;
use super::connection::{Connection, Flow, Session};
use crate::bus::Delivery;
use crate::consultation::events::{staff_topic, StaffEvent};
use crate::escalation::events::CaseEvent;
use crate::escalation::Viewer;
use crate::http::App;
use crate::protocol::{decode, PartnerFrame, PartnerRequest};
use crate::staff::session::hash_token;
use crate::staff::{Account, Role};

/// One partner console.
pub struct PartnerSession {
    app: Arc<App>,
    account: Account,
    token: String,
    organisation: Uuid,
}

impl PartnerSession {
    /// A console for a signed-in partner staff member of `organisation`.
    pub fn new(app: Arc<App>, account: Account, token: String, organisation: Uuid) -> Self {
        Self {
            app,
            account,
            token,
            organisation,
        }
    }

    /// This account's cases: the organisation's released ones.
    fn feed(&self) -> CaseFeed {
        CaseFeed::new(Viewer::Partner {
            account: self.account.id,
            organisation: self.organisation,
        })
    }

    fn session_ended(&self, conn: &mut Connection) -> Flow {
        conn.refuse(
            PartnerFrame::Error,
            "session_ended",
            "your session has ended; sign in again".into(),
            None,
        );
        Flow::Close
    }
}

#[async_trait]
impl Session for PartnerSession {
    async fn start(&mut self, conn: &mut Connection) -> Flow {
        let bus = self.app.bus.as_ref();
        for topic in [self.feed().topic(), staff_topic(self.account.id)] {
            if conn.subscribe(bus, &topic).await.is_err() {
                conn.refuse(
                    PartnerFrame::Error,
                    "unavailable",
                    "the message bus is unavailable".into(),
                    None,
                );
                return Flow::Close;
            }
        }
        // Subscribed first, so a case released meanwhile arrives as a frame.
        let organisation = self
            .app
            .store
            .organisation(self.organisation)
            .await
            .ok()
            .flatten()
            .map(Box::new);
        match self.feed().list(&self.app.escalation).await {
            Ok(cases) => {
                conn.send(&PartnerFrame::Ready {
                    account: self.account.clone(),
                    organisation,
                    cases,
                });
                Flow::Continue
            }
            Err(error) => {
                tracing::warn!(%error, "could not list a partner's cases");
                conn.refuse(
                    PartnerFrame::Error,
                    "unavailable",
                    "something went wrong on our side; please try again".into(),
                    None,
                );
                Flow::Close
            }
        }
    }

    async fn frame(&mut self, conn: &mut Connection, text: &str) -> Flow {
        let (request, reference) = match decode::<PartnerRequest>(text) {
            Ok(decoded) => decoded,
            Err(refusal) => {
                let message = if refusal.code == "unknown_type" {
                    "this socket only delivers cases and answers ping; act on a case \
                     through the HTTP API (/api/cases)"
                        .into()
                } else {
                    refusal.message
                };
                conn.refuse(
                    PartnerFrame::Error,
                    refusal.code,
                    message,
                    refusal.reference,
                );
                return Flow::Continue;
            }
        };
        if !self
            .app
            .frame_limits
            .allow(&format!("partner:{}", self.account.id))
        {
            conn.refuse(
                PartnerFrame::Error,
                "rate_limited",
                "too many frames; slow down a little".into(),
                reference,
            );
            return Flow::Continue;
        }
        match request {
            PartnerRequest::Ping {} => conn.send(&PartnerFrame::Pong),
        }
        Flow::Continue
    }

    async fn delivery(&mut self, conn: &mut Connection, topic: &str, delivery: Delivery) -> Flow {
        let payload = match delivery {
            Delivery::Message(payload) => payload,
            Delivery::Gap => {
                self.feed()
                    .resend(conn, &self.app.escalation, |cases| PartnerFrame::Cases {
                        cases,
                    })
                    .await;
                return Flow::Continue;
            }
        };
        let feed = self.feed();
        if topic == feed.topic() {
            if let Ok(event) = serde_json::from_slice::<CaseEvent>(&payload) {
                // Only this organisation's released cases are published on its
                // topic; the feed checks the event, and the service the read.
                feed.on_event(conn, &self.app.escalation, event, |change, case| {
                    PartnerFrame::Case { change, case }
                })
                .await;
            }
        } else if let Ok(StaffEvent::SessionsEnded { token_hash }) =
            serde_json::from_slice::<StaffEvent>(&payload)
        {
            if token_hash
                .as_ref()
                .is_none_or(|hash| *hash == hash_token(&self.token))
            {
                return self.session_ended(conn);
            }
        }
        Flow::Continue
    }

    async fn heartbeat(&mut self, conn: &mut Connection) -> Flow {
        match self.app.staff.authenticate(&self.token).await {
            Ok(Some((_, account)))
                if account.role == Role::Partner
                    && account.organisation_id == Some(self.organisation) =>
            {
                Flow::Continue
            }
            Ok(_) => self.session_ended(conn),
            // The database blinked: keep the console, check again next beat.
            Err(_) => Flow::Continue,
        }
    }
}
