//! Following sequenced logs exactly once and in order: a conversation's
//! messages, a salon room's posts.
//!
//! Each followed log remembers the last sequence number sent to this client.
//! A published entry with the next number is sent at once; an older one is a
//! duplicate and dropped; a newer one means something was missed (bus lag,
//! another node publishing first), so the gap is read from the store.

use std::collections::HashMap;
use std::hash::Hash;

use async_trait::async_trait;
use uuid::Uuid;

use super::connection::Connection;
use crate::bus::Bus;
use crate::consultation::events::{conversation_topic, MessageEvent};
use crate::consultation::{ConsultationError, ConsultationService};

/// Entries read from the store per page when catching up.
const PAGE: i64 = 500;

/// A log a connection can follow: entries numbered 1, 2, 3… per key, stored
/// before they are published on the key's topic.
#[async_trait]
pub trait Log: Send + Sync {
    /// Which log (a conversation id, a room id).
    type Key: Clone + Eq + Hash + Send + Sync;
    /// One entry.
    type Entry: Send;
    /// Why reading failed.
    type Error: Send;
    /// The bus topic its entries are published on.
    fn topic(key: &Self::Key) -> String;
    /// An entry's sequence number.
    fn seq(entry: &Self::Entry) -> i64;
    /// What the log answers when the bus cannot be reached.
    fn unavailable() -> Self::Error;
    /// Entries after `after_seq`, in order, at most `limit`.
    async fn after(
        &self,
        key: &Self::Key,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<Self::Entry>, Self::Error>;
}

#[async_trait]
impl Log for ConsultationService {
    type Key = Uuid;
    type Entry = MessageEvent;
    type Error = ConsultationError;

    fn topic(key: &Uuid) -> String {
        conversation_topic(*key)
    }

    fn seq(entry: &MessageEvent) -> i64 {
        entry.seq
    }

    fn unavailable() -> ConsultationError {
        ConsultationError::Unavailable
    }

    async fn after(
        &self,
        key: &Uuid,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<MessageEvent>, ConsultationError> {
        let page = self.messages_after(*key, after_seq, limit).await?;
        Ok(page.iter().map(MessageEvent::from).collect())
    }
}

/// The logs one connection follows.
pub struct Follow<L: Log> {
    last_sent: HashMap<L::Key, i64>,
}

/// The conversations one connection follows.
pub type Followed = Follow<ConsultationService>;

impl<L: Log> Default for Follow<L> {
    fn default() -> Self {
        Self {
            last_sent: HashMap::new(),
        }
    }
}

impl<L: Log> Follow<L> {
    /// Whether `key` is followed.
    pub fn contains(&self, key: &L::Key) -> bool {
        self.last_sent.contains_key(key)
    }

    /// Followed keys.
    pub fn ids(&self) -> Vec<L::Key> {
        self.last_sent.keys().cloned().collect()
    }

    /// The last sequence number sent for `key`.
    pub fn position(&self, key: &L::Key) -> Option<i64> {
        self.last_sent.get(key).copied()
    }

    /// Starts following `key` (subscribing first, so nothing falls between the
    /// catch-up read and live delivery) and sends what came after `after_seq`.
    pub async fn follow<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        bus: &dyn Bus,
        log: &L,
        key: L::Key,
        after_seq: i64,
        wrap: impl Fn(L::Entry) -> F + Send + Sync,
    ) -> Result<(), L::Error> {
        if conn.subscribe(bus, &L::topic(&key)).await.is_err() {
            // Without the bus the client would miss live entries: fail loudly
            // so it retries, rather than follow silently.
            return Err(L::unavailable());
        }
        self.last_sent.insert(key.clone(), after_seq.max(0));
        self.catch_up(conn, log, &key, &wrap).await
    }

    /// Stops following `key`.
    pub fn unfollow(&mut self, conn: &mut Connection, key: &L::Key) {
        self.last_sent.remove(key);
        conn.unsubscribe(&L::topic(key));
    }

    /// Handles a published entry of `key`.
    pub async fn on_entry<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        log: &L,
        key: &L::Key,
        entry: L::Entry,
        wrap: impl Fn(L::Entry) -> F + Send + Sync,
    ) -> Result<(), L::Error> {
        let seq = L::seq(&entry);
        let Some(last) = self.last_sent.get_mut(key) else {
            return Ok(());
        };
        if seq <= *last {
            return Ok(());
        }
        if seq == *last + 1 {
            *last = seq;
            conn.send(&wrap(entry));
            return Ok(());
        }
        self.catch_up(conn, log, key, &wrap).await
    }

    /// Sends everything after the last sequence sent, from the store.
    pub async fn catch_up<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        log: &L,
        key: &L::Key,
        wrap: &(impl Fn(L::Entry) -> F + Send + Sync),
    ) -> Result<(), L::Error> {
        loop {
            let Some(last) = self.last_sent.get(key).copied() else {
                return Ok(());
            };
            let page = log.after(key, last, PAGE).await?;
            let full = page.len() as i64 == PAGE;
            let mut newest = last;
            for entry in page {
                newest = L::seq(&entry);
                conn.send(&wrap(entry));
            }
            self.last_sent.insert(key.clone(), newest);
            if !full {
                return Ok(());
            }
        }
    }

    /// After a bus gap: catch up every followed log.
    pub async fn catch_up_all<F: serde::Serialize>(
        &mut self,
        conn: &mut Connection,
        log: &L,
        wrap: impl Fn(L::Entry) -> F + Send + Sync,
    ) -> Result<(), L::Error> {
        for key in self.ids() {
            self.catch_up(conn, log, &key, &wrap).await?;
        }
        Ok(())
    }
}
