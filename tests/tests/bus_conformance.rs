//! One behavioural story for the bus, run against the in-process bus always
//! and Redis when `YORISOI_TEST_REDIS_URL` is set.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use yorisoi::bus::{Bus, Delivery, Payload, Subscription};
use yorisoi_tests::backends::{bus, BusKind};

macro_rules! conformance {
    ($($scenario:ident),* $(,)?) => {
        mod local {
            $(
                #[tokio::test]
                async fn $scenario() {
                    super::run(yorisoi_tests::backends::BusKind::Local, super::$scenario).await;
                }
            )*
        }
        mod redis {
            $(
                #[tokio::test]
                async fn $scenario() {
                    super::run(yorisoi_tests::backends::BusKind::Redis, super::$scenario).await;
                }
            )*
        }
    };
}

conformance!(
    every_subscriber_gets_every_message_in_order,
    topics_are_isolated,
    publishing_to_nobody_is_fine,
    a_dropped_subscription_does_not_disturb_others,
    a_subscriber_that_falls_behind_gets_a_gap,
    binary_payloads_arrive_intact,
);

async fn run<F, Fut>(kind: BusKind, scenario: F)
where
    F: FnOnce(Arc<dyn Bus>, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(bus) = bus(kind).await else { return };
    bus.ping().await.expect("ping");
    // A topic name of its own, so tests sharing one Redis never see each other.
    scenario(bus, format!("test:{}", uuid::Uuid::new_v4())).await;
}

fn payload(text: &str) -> Payload {
    Payload::from(text.as_bytes())
}

async fn next(subscription: &mut Subscription) -> Delivery {
    tokio::time::timeout(Duration::from_secs(5), subscription.recv())
        .await
        .expect("a delivery within 5 s")
        .expect("bus still running")
}

async fn next_text(subscription: &mut Subscription) -> String {
    match next(subscription).await {
        Delivery::Message(bytes) => String::from_utf8(bytes.to_vec()).unwrap(),
        Delivery::Gap => panic!("unexpected gap"),
    }
}

async fn nothing_within(subscription: &mut Subscription, wait: Duration) {
    if let Ok(delivery) = tokio::time::timeout(wait, subscription.recv()).await {
        panic!("expected nothing, got {delivery:?}");
    }
}

async fn every_subscriber_gets_every_message_in_order(bus: Arc<dyn Bus>, topic: String) {
    let mut first = bus.subscribe(&topic).await.unwrap();
    let mut second = bus.subscribe(&topic).await.unwrap();
    for i in 0..50 {
        bus.publish(&topic, payload(&format!("m{i}")))
            .await
            .unwrap();
    }
    for subscription in [&mut first, &mut second] {
        for i in 0..50 {
            assert_eq!(next_text(subscription).await, format!("m{i}"));
        }
    }
}

async fn topics_are_isolated(bus: Arc<dyn Bus>, topic: String) {
    let other = format!("{topic}-other");
    let mut mine = bus.subscribe(&topic).await.unwrap();
    let mut theirs = bus.subscribe(&other).await.unwrap();
    bus.publish(&other, payload("for them")).await.unwrap();
    bus.publish(&topic, payload("for me")).await.unwrap();
    assert_eq!(next_text(&mut mine).await, "for me");
    assert_eq!(next_text(&mut theirs).await, "for them");
    nothing_within(&mut mine, Duration::from_millis(200)).await;
}

async fn publishing_to_nobody_is_fine(bus: Arc<dyn Bus>, topic: String) {
    bus.publish(&topic, payload("into the void")).await.unwrap();
    let mut late = bus.subscribe(&topic).await.unwrap();
    bus.publish(&topic, payload("after")).await.unwrap();
    assert_eq!(
        next_text(&mut late).await,
        "after",
        "messages before subscribing are not replayed"
    );
}

async fn a_dropped_subscription_does_not_disturb_others(bus: Arc<dyn Bus>, topic: String) {
    let gone = bus.subscribe(&topic).await.unwrap();
    let mut stays = bus.subscribe(&topic).await.unwrap();
    drop(gone);
    bus.publish(&topic, payload("still here")).await.unwrap();
    assert_eq!(next_text(&mut stays).await, "still here");
    drop(stays);
    bus.publish(&topic, payload("nobody left")).await.unwrap();
    let mut again = bus.subscribe(&topic).await.unwrap();
    bus.publish(&topic, payload("welcome back")).await.unwrap();
    // Over Redis a message published just before subscribing may still be in
    // flight and arrive first (the contract allows it; readers dedupe by sequence).
    let mut first = next_text(&mut again).await;
    if first == "nobody left" {
        first = next_text(&mut again).await;
    }
    assert_eq!(first, "welcome back");
}

async fn a_subscriber_that_falls_behind_gets_a_gap(bus: Arc<dyn Bus>, topic: String) {
    let mut slow = bus.subscribe(&topic).await.unwrap();
    for i in 0..1000 {
        bus.publish(&topic, payload(&format!("m{i}")))
            .await
            .unwrap();
    }
    // Over Redis the messages arrive asynchronously; give them time to pile up.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut saw_gap = false;
    let mut last = None;
    loop {
        match tokio::time::timeout(Duration::from_millis(500), slow.recv()).await {
            Ok(Some(Delivery::Gap)) => saw_gap = true,
            Ok(Some(Delivery::Message(bytes))) => {
                last = Some(String::from_utf8(bytes.to_vec()).unwrap())
            }
            Ok(None) | Err(_) => break,
        }
    }
    assert!(
        saw_gap,
        "a subscriber 1000 messages behind must be told it missed some"
    );
    assert_eq!(
        last.as_deref(),
        Some("m999"),
        "after the gap it continues with the newest messages"
    );
}

async fn binary_payloads_arrive_intact(bus: Arc<dyn Bus>, topic: String) {
    let mut subscription = bus.subscribe(&topic).await.unwrap();
    let bytes: Vec<u8> = (0..=255).collect();
    bus.publish(&topic, Payload::from(bytes.as_slice()))
        .await
        .unwrap();
    bus.publish(&topic, payload("相談 🫂")).await.unwrap();
    assert_eq!(
        next(&mut subscription).await,
        Delivery::Message(Payload::from(bytes.as_slice()))
    );
    assert_eq!(next_text(&mut subscription).await, "相談 🫂");
}

/// Redis only: two nodes (two bus instances) see each other's messages.
#[tokio::test]
async fn redis_carries_messages_between_nodes() {
    let (Some(node_a), Some(node_b)) = (bus(BusKind::Redis).await, bus(BusKind::Redis).await)
    else {
        return;
    };
    let topic = format!("test:{}", uuid::Uuid::new_v4());
    let mut on_a = node_a.subscribe(&topic).await.unwrap();
    let mut on_b = node_b.subscribe(&topic).await.unwrap();
    node_b.publish(&topic, payload("from b")).await.unwrap();
    node_a.publish(&topic, payload("from a")).await.unwrap();
    for subscription in [&mut on_a, &mut on_b] {
        let mut got = vec![next_text(subscription).await, next_text(subscription).await];
        got.sort();
        assert_eq!(got, ["from a", "from b"]);
    }
}
