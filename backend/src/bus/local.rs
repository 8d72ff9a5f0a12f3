//! The in-process bus of a single node.

use async_trait::async_trait;

use super::topics::Topics;
use super::{Bus, BusError, Delivery, Payload, Subscription};

/// Delivers within this process only.
#[derive(Default)]
pub struct LocalBus {
    topics: Topics,
}

#[async_trait]
impl Bus for LocalBus {
    async fn publish(&self, topic: &str, payload: Payload) -> Result<(), BusError> {
        self.topics.deliver(topic, Delivery::Message(payload));
        Ok(())
    }

    async fn subscribe(&self, topic: &str) -> Result<Subscription, BusError> {
        Ok(self.topics.subscribe(topic).0)
    }

    async fn ping(&self) -> Result<(), BusError> {
        Ok(())
    }
}
