//! Publish/subscribe between connections and between nodes.
//!
//! The bus carries notifications, not the record: the database is the record.
//! A subscriber that may have missed something (it lagged behind, or Redis
//! reconnected) receives [`Delivery::Gap`] and re-reads from the store by
//! sequence number.
//!
//! - [`topics`]: the in-memory table of topics and their local subscribers.
//! - [`local`]: one process, no network.
//! - [`redis`]: many nodes over Redis pub/sub.

pub mod local;
pub mod redis;
mod topics;

use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::broadcast;

/// A published payload, shared by every local subscriber without copying.
pub type Payload = Arc<[u8]>;

/// What a subscriber receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// One published payload, in publish order for a given publisher.
    Message(Payload),
    /// Messages may have been lost here; catch up from the store.
    Gap,
}

/// Failure to reach the bus.
#[derive(Debug, thiserror::Error)]
pub enum BusError {
    /// Redis refused or is unreachable.
    #[error("redis: {0}")]
    Redis(#[from] ::redis::RedisError),
}

/// Publish/subscribe by topic name.
#[async_trait]
pub trait Bus: Send + Sync + 'static {
    /// Sends `payload` to every current subscriber of `topic`, on every node.
    async fn publish(&self, topic: &str, payload: Payload) -> Result<(), BusError>;
    /// Starts receiving `topic`; messages published after this returns are delivered.
    /// A message published just before may also arrive (Redis delivers
    /// asynchronously), so consumers must tolerate it (they dedupe by sequence).
    async fn subscribe(&self, topic: &str) -> Result<Subscription, BusError>;
    /// Answers when the bus is usable.
    async fn ping(&self) -> Result<(), BusError>;
}

/// A live subscription; dropping it unsubscribes.
pub struct Subscription {
    receiver: broadcast::Receiver<Delivery>,
}

impl Subscription {
    fn new(receiver: broadcast::Receiver<Delivery>) -> Self {
        Self { receiver }
    }

    /// The next delivery; `None` once the bus has shut down.
    ///
    /// A subscriber that fell more than the topic buffer behind gets one
    /// [`Delivery::Gap`] instead of the messages it missed — deliberately: it
    /// must resume from the store rather than hold an unbounded backlog.
    pub async fn recv(&mut self) -> Option<Delivery> {
        match self.receiver.recv().await {
            Ok(delivery) => Some(delivery),
            Err(broadcast::error::RecvError::Lagged(_)) => Some(Delivery::Gap),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

/// Builds the configured bus: Redis when a URL is given, in-process otherwise.
pub async fn connect(redis_url: Option<&str>) -> Result<Arc<dyn Bus>, BusError> {
    Ok(match redis_url {
        Some(url) => Arc::new(redis::RedisBus::connect(url).await?),
        None => Arc::new(local::LocalBus::default()),
    })
}
