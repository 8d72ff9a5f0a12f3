//! One view of the queue per node, shared by every connection.
//!
//! Without it, every queue change made every staff console re-read the whole
//! queue and every waiting teen re-count its place: hundreds of queries per
//! change once hundreds are connected. Instead one task per node listens to
//! the queue topic, re-reads the queue at most every [`DEBOUNCE`], and hands
//! the same snapshot to everyone through a `watch` channel. Places in the queue
//! are then computed in memory.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tokio::sync::watch;
use uuid::Uuid;

use super::events::QUEUE_TOPIC;
use super::model::Conversation;
use super::QueuePlace;
use crate::bus::Bus;
use crate::store::{Store, StoreResult};

/// Changes arriving within this window are folded into one re-read.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Re-read anyway this often, so estimates follow the clock and nothing stays stale.
const REFRESH: Duration = Duration::from_secs(15);

/// Assumed chat length while a line has too few finished chats to average.
const DEFAULT_CHAT_SECONDS: i64 = 15 * 60;

/// The queue at one moment.
#[derive(Debug, Default)]
pub struct QueueSnapshot {
    /// Waiting chats in queue order (risk first, then returned chats, then waiting time).
    pub waiting: Vec<Conversation>,
    /// Active chats.
    pub active: Vec<Conversation>,
    /// Average chat length per line, in seconds.
    average_seconds: HashMap<String, i64>,
    /// The transport layer's encoding of this snapshot, made once and shared.
    pub encoded: OnceLock<String>,
    /// The transport layer's encoding of the active chats (supervisors' overview).
    pub encoded_active: OnceLock<String>,
}

impl QueueSnapshot {
    /// Whether two snapshots show the same queue (the encodings aside).
    fn same_as(&self, other: &QueueSnapshot) -> bool {
        self.waiting == other.waiting
            && self.active == other.active
            && self.average_seconds == other.average_seconds
    }

    /// Where a waiting conversation stands, or `None` if it no longer waits.
    pub fn place(&self, id: Uuid) -> Option<QueuePlace> {
        let conversation = self.waiting.iter().find(|c| c.id == id)?;
        let ahead = self
            .waiting
            .iter()
            .take_while(|c| c.id != id)
            .filter(|c| c.line_id == conversation.line_id)
            .count() as i64;
        let average = self
            .average_seconds
            .get(conversation.line_id.as_str())
            .copied()
            .unwrap_or(DEFAULT_CHAT_SECONDS);
        // Counsellors busy on this line work in parallel; with none known, assume one.
        let counselors = self
            .active
            .iter()
            .filter(|c| c.line_id == conversation.line_id)
            .filter_map(|c| c.counselor_id)
            .collect::<HashSet<_>>()
            .len()
            .max(1) as i64;
        Some(QueuePlace {
            position: ahead + 1,
            estimated_wait_seconds: (ahead + 1) * average / counselors,
        })
    }
}

/// Average chat length on a line over the last two weeks, in seconds.
pub async fn average_chat_seconds(
    store: &dyn Store,
    line_id: &crate::text::Slug,
) -> StoreResult<i64> {
    let since = Timestamp::now() - SignedDuration::from_hours(24 * 14);
    let (total_ms, chats) = store.chat_duration_stats(line_id, since).await?;
    Ok(if chats >= 5 {
        total_ms / chats / 1000
    } else {
        DEFAULT_CHAT_SECONDS
    })
}

/// The node's queue feed.
#[derive(Clone)]
pub struct QueueFeed {
    receiver: watch::Receiver<Arc<QueueSnapshot>>,
}

impl QueueFeed {
    /// Starts the feed's task: it reads the queue now and after every change.
    pub fn start(store: Arc<dyn Store>, bus: Arc<dyn Bus>) -> Self {
        let (sender, receiver) = watch::channel(Arc::new(QueueSnapshot::default()));
        tokio::spawn(refresh_forever(store, bus, sender));
        Self { receiver }
    }

    /// The latest snapshot.
    pub fn current(&self) -> Arc<QueueSnapshot> {
        self.receiver.borrow().clone()
    }

    /// A receiver that wakes on every new snapshot.
    pub fn subscribe(&self) -> watch::Receiver<Arc<QueueSnapshot>> {
        self.receiver.clone()
    }
}

async fn refresh_forever(
    store: Arc<dyn Store>,
    bus: Arc<dyn Bus>,
    sender: watch::Sender<Arc<QueueSnapshot>>,
) {
    let mut subscription = loop {
        match bus.subscribe(QUEUE_TOPIC).await {
            Ok(subscription) => break subscription,
            Err(error) => {
                tracing::warn!(%error, "queue feed cannot subscribe yet; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    loop {
        match read(store.as_ref()).await {
            Ok(snapshot) => {
                // Wake connections only when something they show has changed.
                if !snapshot.same_as(&sender.borrow()) && sender.send(Arc::new(snapshot)).is_err() {
                    return;
                }
            }
            Err(error) => tracing::warn!(%error, "queue feed could not read the queue"),
        }
        tokio::select! {
            // Any delivery (a change, or a gap after which anything may have changed).
            delivery = subscription.recv() => {
                if delivery.is_none() {
                    return;
                }
                tokio::time::sleep(DEBOUNCE).await;
            }
            _ = tokio::time::sleep(REFRESH) => {}
            _ = sender.closed() => return,
        }
    }
}

async fn read(store: &dyn Store) -> StoreResult<QueueSnapshot> {
    let waiting = store.waiting_conversations().await?;
    let active = store.active_conversations(None).await?;
    let mut average_seconds = HashMap::new();
    for conversation in &waiting {
        let line = conversation.line_id.as_str();
        if !average_seconds.contains_key(line) {
            average_seconds.insert(
                line.to_owned(),
                average_chat_seconds(store, &conversation.line_id).await?,
            );
        }
    }
    Ok(QueueSnapshot {
        waiting,
        active,
        average_seconds,
        encoded: OnceLock::new(),
        encoded_active: OnceLock::new(),
    })
}
