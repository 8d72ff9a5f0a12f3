//! Two nodes on one PostgreSQL and one Redis: a teen on one node and a
//! counsellor on the other chat normally, the queue is one queue, a teen
//! whose node goes away resumes on the other with nothing lost, and a
//! counsellor whose console moves to the other node keeps their chats.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use serde_json::json;
use yorisoi::staff::Role;
use yorisoi_tests::server::{two_nodes, two_nodes_with_grace};
use yorisoi_tests::ws::{open_line, Console, Teen};

const GRACE: Duration = Duration::from_millis(1500);

#[tokio::test]
async fn a_teen_on_one_node_talks_with_a_counsellor_on_the_other() {
    let Some((node_a, node_b)) = two_nodes().await else {
        return;
    };
    open_line(&node_a, "anytime").await;
    let mut teen = Teen::new(&node_a).await;
    let chat = teen.start("anytime").await;
    teen.say(&chat, "w1", "待っている間に書きます").await;

    let mut counselor = Console::open(&node_b, "far-away", Role::Counselor).await;
    assert_eq!(
        counselor.ready["queue"][0]["id"], chat,
        "node B sees node A's queue"
    );
    counselor.take(&chat).await;
    assert_eq!(
        counselor.socket.expect("message").await["body"],
        "待っている間に書きます"
    );
    teen.socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "active")
        .await;

    for i in 0..20 {
        counselor
            .say(&chat, &format!("c{i}"), &format!("相談員 {i}"))
            .await;
    }
    for i in 0..20 {
        let message = teen
            .socket
            .expect_where("message", |f| f["sender"] == "counselor")
            .await;
        assert_eq!(
            (message["seq"].as_i64(), message["body"].as_str()),
            (Some(i + 2), Some(format!("相談員 {i}").as_str())),
            "in order across nodes"
        );
    }
    teen.say(&chat, "t1", "届いています").await;
    assert_eq!(
        counselor
            .socket
            .expect_where("message", |f| f["sender"] == "teen" && f["seq"] == 22)
            .await["body"],
        "届いています"
    );
    let rest = teen.socket.drain(Duration::from_millis(300)).await;
    let seqs: Vec<_> = rest
        .iter()
        .filter(|f| f["type"] == "message")
        .map(|f| f["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(
        seqs,
        [1, 22],
        "only the teen's own two messages remain; nothing twice"
    );
}

#[tokio::test]
async fn counsellors_on_different_nodes_cannot_both_take_a_chat() {
    let Some((node_a, node_b)) = two_nodes().await else {
        return;
    };
    open_line(&node_a, "anytime").await;
    let mut chats = Vec::new();
    let mut teens = Vec::new();
    for _ in 0..5 {
        let mut teen = Teen::new(&node_a).await;
        chats.push(teen.start("anytime").await);
        teens.push(teen);
    }
    let mut on_a = Console::open(&node_a, "left", Role::Counselor).await;
    let mut on_b = Console::open(&node_b, "right", Role::Counselor).await;
    for socket in [&mut on_a.socket, &mut on_b.socket] {
        socket
            .send(json!({ "type": "status", "status": "available", "capacity": 6 }))
            .await;
    }
    for chat in &chats {
        on_a.socket
            .send(json!({ "type": "take", "conversation_id": chat }))
            .await;
        on_b.socket
            .send(json!({ "type": "take", "conversation_id": chat }))
            .await;
    }
    // Wait until every chat is settled, then count owners from the database.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let active = node_a.app.store.active_conversations(None).await.unwrap();
        if active.len() == chats.len() || tokio::time::Instant::now() > deadline {
            assert_eq!(active.len(), chats.len(), "every chat taken exactly once");
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for chat in &chats {
        let stored = node_b
            .app
            .store
            .conversation(chat.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(stored.counselor_id.is_some());
    }
    let waiting = node_b.app.store.waiting_conversations().await.unwrap();
    assert!(waiting.is_empty(), "both nodes see one queue");
}

#[tokio::test]
async fn a_teen_whose_node_goes_away_resumes_on_the_other() {
    let Some((node_a, node_b)) = two_nodes().await else {
        return;
    };
    open_line(&node_a, "anytime").await;
    let mut teen = Teen::new(&node_a).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&node_b, "steady", Role::Counselor).await;
    counselor.take(&chat).await;
    counselor.say(&chat, "c1", "一").await;
    assert_eq!(teen.socket.expect("message").await["seq"], 1);

    // Node A is gone: its connections drop and it stops serving.
    let token = teen.token.clone();
    teen.socket.close().await;
    drop(node_a);
    counselor.say(&chat, "c2", "二").await;
    counselor.say(&chat, "c3", "三").await;

    let mut back = Teen::with_token(&node_b, token).await;
    back.socket
        .send(json!({ "type": "resume", "conversation_id": chat, "after_seq": 1 }))
        .await;
    assert_eq!(back.socket.expect("message").await["body"], "二");
    assert_eq!(back.socket.expect("message").await["body"], "三");
    back.say(&chat, "t1", "つながった").await;
    assert_eq!(
        counselor
            .socket
            .expect_where("message", |f| f["sender"] == "teen")
            .await["body"],
        "つながった"
    );
    let rest = back.socket.drain(Duration::from_millis(300)).await;
    let seqs: Vec<_> = rest
        .iter()
        .filter(|f| f["type"] == "message")
        .map(|f| f["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, [4], "the teen's own message once; nothing repeated");
}

#[tokio::test]
async fn a_counsellor_whose_console_moves_to_the_other_node_keeps_their_chats() {
    let Some((node_a, node_b)) = two_nodes_with_grace(GRACE).await else {
        return;
    };
    open_line(&node_a, "anytime").await;
    let mut teen = Teen::new(&node_a).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&node_a, "mover", Role::Counselor).await;
    counselor.take(&chat).await;
    teen.socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "active")
        .await;

    // The console drops on node A and comes back through node B (the load
    // balancer picked the other node), well within the grace period.
    let on_b = counselor.client.clone_for(&node_b);
    counselor.socket.close().await;
    let mut moved = Console::with_client(&node_b, on_b).await;
    assert_eq!(moved.ready["chats"][0]["id"], chat, "node B lists the chat");
    tokio::time::sleep(GRACE * 2).await;
    let stored = node_a
        .app
        .store
        .conversation(chat.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            stored.status.as_str(),
            stored.counselor_id.map(|id| id.to_string())
        ),
        ("active", Some(moved.id())),
        "node A saw the counsellor on node B and kept the chat with them"
    );
    teen.socket
        .expect_none("conversation", Duration::from_millis(100))
        .await;

    moved
        .socket
        .send(json!({ "type": "open", "conversation_id": chat, "after_seq": 0 }))
        .await;
    moved.say(&chat, "c1", "おまたせしました").await;
    assert_eq!(
        teen.socket.expect("message").await["body"],
        "おまたせしました"
    );

    // Gone for good: after the grace period the chat goes back to the queue.
    moved.socket.close().await;
    teen.socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "waiting")
        .await;
}
