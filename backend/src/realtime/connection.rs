//! One websocket connection: a reader loop and a writer task joined by a
//! bounded outbox, the bus subscriptions of this connection, and heartbeats.
//!
//! A client that does not read its frames fills the outbox (256 frames); it is
//! then disconnected rather than allowed to grow memory. It loses nothing: on
//! reconnecting it resumes from its last sequence number and the store fills in.

use std::time::{Duration, Instant};

use async_trait::async_trait;
use axum::extract::ws::{Message as WsMessage, WebSocket};
use futures_util::stream::BoxStream;
use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use tokio::sync::mpsc;
use tokio_stream::StreamMap;

use std::sync::Arc;

use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;

use crate::bus::{Bus, BusError, Delivery, Payload, Subscription};
use crate::consultation::queue::QueueSnapshot;

/// Pseudo-topic on which sessions learn that the node's queue snapshot changed.
pub const LOCAL_QUEUE: &str = "local:queue";
use crate::protocol::{encode, ErrorFrame};

/// Frames queued for one client before it counts as too slow.
const OUTBOX_FRAMES: usize = 256;
/// How often the server pings, and checks the session.
const HEARTBEAT: Duration = Duration::from_secs(20);
/// Silence after which a peer counts as gone (three missed heartbeats).
const DEAD_AFTER: Duration = Duration::from_secs(60);

/// Whether to keep the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep going.
    Continue,
    /// Close the connection.
    Close,
}

/// What a kind of client does with its frames and deliveries.
#[async_trait]
pub trait Session: Send {
    /// The connection is open: subscribe and greet.
    async fn start(&mut self, _conn: &mut Connection) -> Flow {
        Flow::Continue
    }
    /// A text frame from the client.
    async fn frame(&mut self, conn: &mut Connection, text: &str) -> Flow;
    /// A delivery on one of the connection's topics.
    async fn delivery(&mut self, conn: &mut Connection, topic: &str, delivery: Delivery) -> Flow;
    /// Every heartbeat (e.g. to re-check a staff session).
    async fn heartbeat(&mut self, _conn: &mut Connection) -> Flow {
        Flow::Continue
    }
    /// The connection is closing.
    async fn closed(&mut self) {}
}

/// The outbound side and subscriptions of one connection.
pub struct Connection {
    outbox: mpsc::Sender<WsMessage>,
    subscriptions: StreamMap<String, BoxStream<'static, Delivery>>,
    too_slow: bool,
}

impl Connection {
    /// Queues a frame; a full outbox marks the client too slow.
    pub fn send<T: Serialize>(&mut self, frame: &T) {
        if self
            .outbox
            .try_send(WsMessage::Text(encode(frame).into()))
            .is_err()
        {
            self.too_slow = true;
        }
    }

    /// Queues a frame already encoded (shared by many connections).
    pub fn send_text(&mut self, text: &str) {
        if self.outbox.try_send(WsMessage::Text(text.into())).is_err() {
            self.too_slow = true;
        }
    }

    /// Wakes the session with a delivery on [`LOCAL_QUEUE`] whenever the node's
    /// queue snapshot changes.
    pub fn watch_queue(&mut self, receiver: watch::Receiver<Arc<QueueSnapshot>>) {
        if !self.subscriptions.contains_key(LOCAL_QUEUE) {
            let changes = WatchStream::from_changes(receiver)
                .map(|_| Delivery::Message(Payload::from(&[][..])));
            self.subscriptions
                .insert(LOCAL_QUEUE.to_owned(), changes.boxed());
        }
    }

    /// Queues an error frame.
    pub fn refuse<F>(
        &mut self,
        wrap: impl FnOnce(ErrorFrame) -> F,
        code: &'static str,
        message: String,
        reference: Option<String>,
    ) where
        F: Serialize,
    {
        self.send(&wrap(ErrorFrame {
            code,
            message,
            reference,
        }));
    }

    /// Follows `topic` (once; repeated calls are no-ops).
    pub async fn subscribe(&mut self, bus: &dyn Bus, topic: &str) -> Result<(), BusError> {
        if !self.subscriptions.contains_key(topic) {
            let subscription = bus.subscribe(topic).await?;
            self.subscriptions
                .insert(topic.to_owned(), into_stream(subscription));
        }
        Ok(())
    }

    /// Stops following `topic`.
    pub fn unsubscribe(&mut self, topic: &str) {
        self.subscriptions.remove(topic);
    }
}

fn into_stream(subscription: Subscription) -> BoxStream<'static, Delivery> {
    futures_util::stream::unfold(subscription, |mut s| async move {
        s.recv().await.map(|d| (d, s))
    })
    .boxed()
}

/// Runs `session` on `socket` until either side closes.
pub async fn run(socket: WebSocket, mut session: impl Session) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::channel::<WsMessage>(OUTBOX_FRAMES);
    let writer = tokio::spawn(async move {
        while let Some(message) = rx.recv().await {
            if sink.send(message).await.is_err() {
                return;
            }
        }
        let _ = sink.close().await;
    });
    let mut conn = Connection {
        outbox: tx,
        subscriptions: StreamMap::new(),
        too_slow: false,
    };
    let mut heartbeat =
        tokio::time::interval_at(tokio::time::Instant::now() + HEARTBEAT, HEARTBEAT);
    let mut last_heard = Instant::now();
    let mut flow = session.start(&mut conn).await;
    while flow == Flow::Continue && !conn.too_slow {
        flow = tokio::select! {
            incoming = stream.next() => match incoming {
                Some(Ok(WsMessage::Text(text))) => {
                    last_heard = Instant::now();
                    session.frame(&mut conn, text.as_str()).await
                }
                Some(Ok(WsMessage::Binary(_))) => {
                    last_heard = Instant::now();
                    conn.send(&crate::protocol::TeenFrame::Error(ErrorFrame {
                        code: "malformed_frame",
                        message: "send JSON text frames".into(),
                        reference: None,
                    }));
                    Flow::Continue
                }
                Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => {
                    last_heard = Instant::now();
                    Flow::Continue
                }
                // Closed, reset, or a frame over the hard size limit.
                Some(Ok(WsMessage::Close(_)) | Err(_)) | None => Flow::Close,
            },
            Some((topic, delivery)) = conn.subscriptions.next(), if !conn.subscriptions.is_empty() => {
                session.delivery(&mut conn, &topic, delivery).await
            }
            _ = heartbeat.tick() => {
                if last_heard.elapsed() > DEAD_AFTER {
                    Flow::Close
                } else {
                    let _ = conn.outbox.try_send(WsMessage::Ping(Default::default()));
                    session.heartbeat(&mut conn).await
                }
            }
        };
    }
    session.closed().await;
    drop(conn);
    // The writer ends once the outbox is dropped and drained; do not wait on a stuck peer.
    let _ = tokio::time::timeout(Duration::from_secs(5), writer).await;
}
