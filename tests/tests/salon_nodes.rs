//! Two nodes on one PostgreSQL and one Redis: members of one room on different
//! nodes see each other's messages in order, a moderator on either node acts
//! on anyone, and a participant whose node goes away resumes on the other.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use yorisoi_tests::salon::{Moderator, Participant};
use yorisoi_tests::server::two_nodes;

// Each test has a room of its own: the tests share one Redis, and room topics
// are named by room id.
const ROOM: &str = "shared-evening";
const OTHER_ROOM: &str = "resume-evening";

#[tokio::test]
async fn members_on_different_nodes_share_one_room() {
    let Some((node_a, node_b)) = two_nodes().await else {
        return;
    };
    let mut moderator = Moderator::open(&node_b, "mod-far").await;
    moderator
        .open_room(ROOM, json!({ "premoderate_first": 0 }))
        .await;
    let mut on_a = Participant::new(&node_a).await;
    let mut also_a = Participant::new(&node_a).await;
    let mut on_b = Participant::new(&node_b).await;
    on_a.join(ROOM, "あおい").await;
    also_a.join(ROOM, "なつ").await;
    on_b.join(ROOM, "はる").await;

    // Interleaved posting from both nodes: everyone sees one order.
    for i in 0..10 {
        on_a.say(ROOM, &format!("a{i}"), &format!("A {i}")).await;
        on_b.say(ROOM, &format!("b{i}"), &format!("B {i}")).await;
    }
    let mut logs = Vec::new();
    for member in [&mut on_a, &mut also_a, &mut on_b] {
        let mut log = Vec::new();
        while log.len() < 20 {
            let frame = member.socket.expect("message").await;
            log.push((
                frame["seq"].as_i64().unwrap(),
                frame["body"].as_str().unwrap().to_owned(),
            ));
        }
        assert!(
            log.windows(2).all(|w| w[1].0 == w[0].0 + 1),
            "in order, no gaps: {log:?}"
        );
        logs.push(log);
    }
    assert!(
        logs.iter().all(|log| *log == logs[0]),
        "every member sees the same log"
    );

    // A moderator on node B hides a message and bans a member on node A.
    let seq = logs[0][0].0;
    let hidden = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/rooms/{ROOM}/messages/{seq}/hide"),
            json!({ "reason": "test" }),
        )
        .await;
    assert_eq!(hidden.status, 204);
    assert_eq!(also_a.socket.expect("hidden").await["target_seq"], seq);
    let member = moderator.member_of("A 0").await;
    moderator
        .act(
            &member,
            json!({ "action": "ban", "hours": 1, "reason": "テスト" }),
        )
        .await;
    on_a.socket.expect("banned").await;
    // Presence across nodes drops the banned member.
    let present = on_b
        .socket
        .expect_where("presence", |f| {
            !f["present"].as_array().unwrap().contains(&json!("あおい"))
        })
        .await;
    assert_eq!(present["present"], json!(["なつ", "はる"]));
}

#[tokio::test]
async fn a_participant_whose_node_goes_away_resumes_on_the_other() {
    let Some((node_a, node_b)) = two_nodes().await else {
        return;
    };
    let mut moderator = Moderator::open(&node_b, "mod-stay").await;
    moderator.open_room(OTHER_ROOM, json!({})).await;
    let mut leaving = Participant::new(&node_a).await;
    let mut staying = Participant::new(&node_b).await;
    leaving.join(OTHER_ROOM, "あおい").await;
    staying.join(OTHER_ROOM, "はる").await;
    let last = leaving.say(OTHER_ROOM, "a-1", "またあとで").await["seq"]
        .as_i64()
        .unwrap();
    let token = leaving.token.clone();
    drop(leaving);
    drop(node_a);
    for i in 0..5 {
        staying
            .say(OTHER_ROOM, &format!("b{i}"), &format!("B {i}"))
            .await;
    }
    let mut back = Participant::with_token(&node_b, token).await;
    back.socket
        .send(json!({ "type": "join", "room_id": OTHER_ROOM, "after_seq": last }))
        .await;
    back.socket.expect("joined").await;
    let frames = back.socket.drain(Duration::from_millis(700)).await;
    let seqs: Vec<i64> = frames
        .iter()
        .filter(|f| f["type"] == "message")
        .map(|f| f["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, ((last + 1)..=(last + 5)).collect::<Vec<_>>());
}
