//! Topic name → broadcast channel of local subscribers. Shared by both buses:
//! the local bus publishes straight into it, the Redis bus feeds it from its
//! pub/sub connection.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::broadcast;

use super::{Delivery, Subscription};

/// Per-topic buffer. A subscriber further behind than this gets a `Gap`.
const TOPIC_BUFFER: usize = 256;

/// The table. A std `Mutex` because it is held only for map operations, never across an `.await`.
#[derive(Default)]
pub(super) struct Topics {
    channels: Mutex<HashMap<String, broadcast::Sender<Delivery>>>,
}

impl Topics {
    /// Adds a subscriber; the flag is true when the topic had no local subscriber before.
    pub(super) fn subscribe(&self, topic: &str) -> (Subscription, bool) {
        let mut channels = self.lock();
        if let Some(sender) = channels
            .get(topic)
            .filter(|sender| sender.receiver_count() > 0)
        {
            return (Subscription::new(sender.subscribe()), false);
        }
        let (sender, receiver) = broadcast::channel(TOPIC_BUFFER);
        channels.insert(topic.to_owned(), sender);
        (Subscription::new(receiver), true)
    }

    /// Hands a delivery to the topic's local subscribers. Returns false when
    /// nobody listens any more (the entry is then removed).
    pub(super) fn deliver(&self, topic: &str, delivery: Delivery) -> bool {
        let mut channels = self.lock();
        let Some(sender) = channels.get(topic) else {
            return false;
        };
        if sender.send(delivery).is_err() {
            channels.remove(topic);
            return false;
        }
        true
    }

    /// Tells every subscriber that messages may have been lost.
    pub(super) fn gap_everywhere(&self) {
        for sender in self.lock().values() {
            let _ = sender.send(Delivery::Gap);
        }
    }

    /// Removes topics without subscribers and returns their names.
    pub(super) fn sweep(&self) -> Vec<String> {
        let mut channels = self.lock();
        let idle: Vec<String> = channels
            .iter()
            .filter(|(_, sender)| sender.receiver_count() == 0)
            .map(|(name, _)| name.clone())
            .collect();
        for name in &idle {
            channels.remove(name);
        }
        idle
    }

    /// Topics that currently have subscribers.
    pub(super) fn names(&self) -> Vec<String> {
        self.lock()
            .iter()
            .filter(|(_, sender)| sender.receiver_count() > 0)
            .map(|(name, _)| name.clone())
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, broadcast::Sender<Delivery>>> {
        // A panic while holding this lock cannot leave the map half-updated, so poisoning is ignored.
        self.channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
