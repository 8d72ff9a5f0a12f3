//! Following conversations exactly once and in order.
//!
//! Each followed conversation remembers the last sequence number sent to this
//! client. A published message with the next number is sent at once; an older
//! one is a duplicate and dropped; a newer one means something was missed (bus
//! lag, another node publishing first), so the gap is read from the store.

use std::collections::HashMap;

use uuid::Uuid;

use super::connection::Connection;
use crate::bus::Bus;
use crate::consultation::events::{conversation_topic, MessageEvent};
use crate::consultation::{ConsultationError, ConsultationService};

/// Messages read from the store per page when catching up.
const PAGE: i64 = 500;

/// The conversations one connection follows.
#[derive(Default)]
pub struct Followed {
    last_sent: HashMap<Uuid, i64>,
}

impl Followed {
    /// Whether `id` is followed.
    pub fn contains(&self, id: Uuid) -> bool {
        self.last_sent.contains_key(&id)
    }

    /// Followed conversation ids.
    pub fn ids(&self) -> Vec<Uuid> {
        self.last_sent.keys().copied().collect()
    }

    /// Starts following `id` (subscribing first, so nothing falls between the
    /// catch-up read and live delivery) and sends what came after `after_seq`.
    pub async fn follow<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        bus: &dyn Bus,
        service: &ConsultationService,
        id: Uuid,
        after_seq: i64,
        wrap: fn(MessageEvent) -> F,
    ) -> Result<(), ConsultationError> {
        if conn.subscribe(bus, &conversation_topic(id)).await.is_err() {
            // Without the bus the client would miss live messages: fail loudly
            // so it retries, rather than follow silently.
            return Err(ConsultationError::Unavailable);
        }
        let after = after_seq.max(0);
        let known = self.last_sent.entry(id).or_insert(after);
        *known = after;
        self.catch_up(conn, service, id, wrap).await
    }

    /// Stops following `id`.
    pub fn unfollow(&mut self, conn: &mut Connection, id: Uuid) {
        self.last_sent.remove(&id);
        conn.unsubscribe(&conversation_topic(id));
    }

    /// Handles a published message.
    pub async fn on_message<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        service: &ConsultationService,
        message: MessageEvent,
        wrap: fn(MessageEvent) -> F,
    ) -> Result<(), ConsultationError> {
        let id = message.conversation_id;
        let Some(last) = self.last_sent.get_mut(&id) else {
            return Ok(());
        };
        if message.seq <= *last {
            return Ok(());
        }
        if message.seq == *last + 1 {
            *last = message.seq;
            conn.send(&wrap(message));
            return Ok(());
        }
        self.catch_up(conn, service, id, wrap).await
    }

    /// Sends everything after the last sequence sent, from the store.
    pub async fn catch_up<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        service: &ConsultationService,
        id: Uuid,
        wrap: fn(MessageEvent) -> F,
    ) -> Result<(), ConsultationError> {
        loop {
            let Some(last) = self.last_sent.get(&id).copied() else {
                return Ok(());
            };
            let page = service.messages_after(id, last, PAGE).await?;
            let full = page.len() as i64 == PAGE;
            for message in &page {
                conn.send(&wrap(MessageEvent::from(message)));
            }
            if let Some(newest) = page.last() {
                self.last_sent.insert(id, newest.seq);
            }
            if !full {
                return Ok(());
            }
        }
    }

    /// After a bus gap: catch up every followed conversation.
    pub async fn catch_up_all<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        service: &ConsultationService,
        wrap: fn(MessageEvent) -> F,
    ) -> Result<(), ConsultationError> {
        for id in self.ids() {
            self.catch_up(conn, service, id, wrap).await?;
        }
        Ok(())
    }
}
