//! Group commit: one writer task per node stores messages in batches.
//!
//! Every message waits for its own commit before it is acknowledged — that is
//! the promise. Committing each alone would cost a transaction (and on SQLite a
//! disk flush) per message. Instead the writer takes whatever queued up while
//! the previous commit ran and stores it in one transaction: a lone message is
//! committed at once, and under load one commit serves many.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use crate::store::{Appended, NewMessage, Store, StoreError, StoreResult};

/// Most messages per transaction.
const MAX_BATCH: usize = 256;
/// Messages waiting for the writer before senders wait too (back-pressure).
const QUEUE: usize = 4096;

type Request = (NewMessage, oneshot::Sender<StoreResult<Appended>>);

/// Handle to the node's message writer.
#[derive(Clone)]
pub struct MessageWriter {
    requests: mpsc::Sender<Request>,
}

impl MessageWriter {
    /// Starts the writer task over `store`.
    pub fn start(store: Arc<dyn Store>) -> Self {
        let (requests, receiver) = mpsc::channel(QUEUE);
        tokio::spawn(write_forever(store, receiver));
        Self { requests }
    }

    /// Stores one message; returns once it is committed.
    pub async fn append(&self, message: NewMessage) -> StoreResult<Appended> {
        let (reply, answer) = oneshot::channel();
        let stopped = || StoreError::Corrupt("the message writer has stopped".into());
        self.requests
            .send((message, reply))
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn write_forever(store: Arc<dyn Store>, mut receiver: mpsc::Receiver<Request>) {
    let mut messages = Vec::with_capacity(MAX_BATCH);
    let mut replies = Vec::with_capacity(MAX_BATCH);
    while let Some((message, reply)) = receiver.recv().await {
        messages.push(message);
        replies.push(reply);
        while messages.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok((message, reply)) => {
                    messages.push(message);
                    replies.push(reply);
                }
                Err(_) => break,
            }
        }
        match store.append_messages(&messages).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.drain(..).zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            // One bad message must not fail the others: store them one by one.
            Err(_) if messages.len() > 1 => {
                for (message, reply) in messages.iter().zip(replies.drain(..)) {
                    let _ = reply.send(store.append_message(message).await);
                }
            }
            Err(error) => {
                // A batch of one: its error, as it is.
                if let Some(reply) = replies.pop() {
                    let _ = reply.send(Err(error));
                }
            }
        }
        messages.clear();
        replies.clear();
    }
}
