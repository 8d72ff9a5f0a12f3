//! Redis pub/sub across nodes.
//!
//! Publishing goes through a `ConnectionManager` (reconnects by itself). Each
//! node holds one pub/sub connection, subscribed to the topics its local
//! subscribers want, and a task that feeds incoming messages into the local
//! topic table. When that connection drops, Redis forgets the subscriptions and
//! whatever was published meanwhile: the task tells every subscriber `Gap`,
//! reconnects with backoff and subscribes again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use futures_util::StreamExt;
use redis::aio::{ConnectionManager, PubSubSink};
use tokio::sync::Mutex;

use super::topics::Topics;
use super::{Bus, BusError, Delivery, Payload, Subscription};

/// Every channel name is prefixed so Yorisoi can share a Redis with others.
const PREFIX: &str = "yorisoi:";

/// The Redis bus.
pub struct RedisBus {
    publisher: ConnectionManager,
    shared: Arc<Shared>,
}

struct Shared {
    client: redis::Client,
    topics: Topics,
    /// The subscribe side of the live pub/sub connection; `None` while reconnecting.
    /// A tokio `Mutex` because subscribing awaits Redis's confirmation while holding it.
    sink: Mutex<Option<PubSubSink>>,
    connected: AtomicBool,
}

impl RedisBus {
    /// Connects both connections; fails if Redis does not answer now.
    pub async fn connect(url: &str) -> Result<Self, BusError> {
        let client = redis::Client::open(url)?;
        let publisher = ConnectionManager::new(client.clone()).await?;
        let (sink, stream) = client.get_async_pubsub().await?.split();
        let shared = Arc::new(Shared {
            client,
            topics: Topics::default(),
            sink: Mutex::new(Some(sink)),
            connected: AtomicBool::new(true),
        });
        tokio::spawn(receive_forever(Arc::downgrade(&shared), stream));
        Ok(Self { publisher, shared })
    }
}

#[async_trait]
impl Bus for RedisBus {
    async fn publish(&self, topic: &str, payload: Payload) -> Result<(), BusError> {
        let mut connection = self.publisher.clone();
        redis::cmd("PUBLISH")
            .arg(format!("{PREFIX}{topic}"))
            .arg(&*payload)
            .query_async::<i64>(&mut connection)
            .await?;
        Ok(())
    }

    async fn subscribe(&self, topic: &str) -> Result<Subscription, BusError> {
        let (subscription, first) = self.shared.topics.subscribe(topic);
        if first {
            let mut sink = self.shared.sink.lock().await;
            if let Some(sink) = sink.as_mut() {
                // Awaits Redis's confirmation, so a publish after we return is received.
                sink.subscribe(format!("{PREFIX}{topic}")).await?;
            }
            // While disconnected the topic is in the table; the reconnect subscribes it.
        }
        Ok(subscription)
    }

    async fn ping(&self) -> Result<(), BusError> {
        if !self.shared.connected.load(Ordering::Relaxed) {
            return Err(redis::RedisError::from((
                redis::ErrorKind::IoError,
                "pub/sub connection is down",
            ))
            .into());
        }
        let mut connection = self.publisher.clone();
        redis::cmd("PING")
            .query_async::<String>(&mut connection)
            .await?;
        Ok(())
    }
}

/// Feeds pub/sub messages into the topic table; reconnects when the connection
/// drops. Holds only a weak reference so that dropping the bus ends the task.
async fn receive_forever(weak: std::sync::Weak<Shared>, mut stream: redis::aio::PubSubStream) {
    let mut sweep = tokio::time::interval(Duration::from_secs(30));
    loop {
        tokio::select! {
            message = stream.next() => {
                let Some(shared) = weak.upgrade() else { return };
                match message {
                    Some(message) => {
                        let Some(topic) = message.get_channel_name().strip_prefix(PREFIX) else { continue };
                        let payload: Payload = message.get_payload_bytes().into();
                        shared.topics.deliver(topic, Delivery::Message(payload));
                    }
                    None => match reconnect(&shared).await {
                        Some(new_stream) => stream = new_stream,
                        None => return,
                    },
                }
            }
            _ = sweep.tick() => {
                let Some(shared) = weak.upgrade() else { return };
                unsubscribe_idle(&shared).await;
            }
        }
    }
}

/// Unsubscribes from topics nobody on this node listens to any more.
async fn unsubscribe_idle(shared: &Shared) {
    let idle = shared.topics.sweep();
    let mut sink = shared.sink.lock().await;
    if let Some(sink) = sink.as_mut() {
        for topic in idle {
            let _ = sink.unsubscribe(format!("{PREFIX}{topic}")).await;
        }
    }
}

/// Re-establishes the pub/sub connection and its subscriptions, backing off up
/// to five seconds between tries. `None` if the bus was dropped meanwhile.
async fn reconnect(shared: &Arc<Shared>) -> Option<redis::aio::PubSubStream> {
    shared.connected.store(false, Ordering::Relaxed);
    *shared.sink.lock().await = None;
    shared.topics.gap_everywhere();
    tracing::warn!("redis pub/sub connection lost; reconnecting");
    let mut delay = Duration::from_millis(100);
    loop {
        if Arc::strong_count(shared) == 1 {
            return None;
        }
        match shared.client.get_async_pubsub().await {
            Ok(pubsub) => {
                let (mut sink, stream) = pubsub.split();
                let mut ok = true;
                for topic in shared.topics.names() {
                    ok &= sink.subscribe(format!("{PREFIX}{topic}")).await.is_ok();
                }
                if ok {
                    *shared.sink.lock().await = Some(sink);
                    shared.connected.store(true, Ordering::Relaxed);
                    // Anything published between the drop and now is lost to us.
                    shared.topics.gap_everywhere();
                    tracing::info!("redis pub/sub reconnected");
                    return Some(stream);
                }
            }
            Err(error) => tracing::debug!(%error, "redis pub/sub reconnect failed"),
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}
