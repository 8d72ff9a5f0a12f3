//! The heart of the product over real websockets: a teen waits, a counsellor
//! takes the chat, nothing is lost, risk goes first, and every refusal holds.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use yorisoi::staff::Role;
use yorisoi_tests::server::TestServer;
use yorisoi_tests::ws::{connect, connect_from, open_line, Console, Teen};

yorisoi_tests::on_every_engine!(
    teen_waits_then_talks_with_a_counsellor,
    crisis_goes_to_the_top_and_supervisors_are_alerted,
    a_dropped_teen_resumes_with_exactly_what_it_missed,
    a_retried_send_is_stored_once,
    two_counsellors_cannot_take_the_same_chat,
    a_counsellor_who_drops_returns_the_chat_to_the_top,
    transfer_is_invisible_to_the_teen,
    every_refusal_has_a_code_and_the_connection_stays_usable,
    teens_reach_only_their_own_conversations,
    closed_lines_take_no_new_chats,
    the_teen_deletes_their_history,
);

async fn teen_waits_then_talks_with_a_counsellor(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    assert_eq!(teen.ready["conversations"], json!([]));
    let chat = teen.start("anytime").await;
    let place = teen.socket.expect("queue").await;
    assert_eq!(
        (
            place["position"].as_i64(),
            place["conversation_id"].as_str()
        ),
        (Some(1), Some(chat.as_str()))
    );
    assert!(place["estimated_wait_seconds"].as_i64().unwrap() > 0);
    teen.say(&chat, "t-1", "こんにちは。家のことで相談したいです")
        .await;

    let mut counselor = Console::open(&server, "aoi", Role::Counselor).await;
    let queued = &counselor.ready["queue"][0];
    assert_eq!(
        (queued["id"].as_str(), queued["nickname"].as_str()),
        (Some(chat.as_str()), Some("みー"))
    );
    assert!(
        queued.get("device_hash").is_none(),
        "staff never see the device"
    );
    let taken = counselor.take(&chat).await;
    assert_eq!(taken["conversation"]["status"], "active");
    let waiting_message = counselor.socket.expect("message").await;
    assert_eq!(
        (
            waiting_message["seq"].as_i64(),
            waiting_message["sender"].as_str()
        ),
        (Some(1), Some("teen"))
    );
    assert_eq!(
        waiting_message["body"], "こんにちは。家のことで相談したいです",
        "what the teen typed while waiting"
    );

    let now_active = teen
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "active")
        .await;
    assert_eq!(now_active["conversation"]["id"], chat);

    counselor
        .socket
        .send(json!({ "type": "typing", "conversation_id": chat, "typing": true }))
        .await;
    assert_eq!(teen.socket.expect("typing").await["typing"], true);
    let ack = counselor
        .say(
            &chat,
            "c-1",
            "話してくれてありがとう。ゆっくりで大丈夫です。",
        )
        .await;
    assert_eq!(
        (ack["seq"].as_i64(), ack["duplicate"].as_bool()),
        (Some(2), Some(false))
    );
    let heard = teen.socket.expect_where("message", |f| f["seq"] == 2).await;
    assert_eq!(
        (heard["sender"].as_str(), heard["body"].as_str()),
        (
            Some("counselor"),
            Some("話してくれてありがとう。ゆっくりで大丈夫です。")
        )
    );
    assert!(
        heard.get("author_id").is_none(),
        "teens never see staff ids"
    );

    teen.say(&chat, "t-2", "ありがとうございます").await;
    let reply = counselor
        .socket
        .expect_where("message", |f| f["seq"] == 3)
        .await;
    assert_eq!(reply["body"], "ありがとうございます");
    teen.socket
        .send(json!({ "type": "read", "conversation_id": chat, "seq": 2 }))
        .await;
    assert_eq!(
        counselor.socket.expect("read").await["seq"],
        2,
        "the counsellor sees it was read"
    );

    counselor
        .socket
        .send(json!({ "type": "end", "conversation_id": chat, "ref": "no-wrap" }))
        .await;
    let refused = counselor.socket.expect("error").await;
    assert_eq!(
        (refused["code"].as_str(), refused["ref"].as_str()),
        (Some("wrap_up_required"), Some("no-wrap"))
    );
    let wrap_up = json!({ "topics": ["家族の世話"], "risk_level": "low", "follow_up": "また話そうと伝えた",
        "young_carer": { "cared_for": ["祖母"], "caring_hours_per_week": 15, "school_impact": "宿題の時間がない" } });
    counselor
        .socket
        .send(json!({ "type": "end", "conversation_id": chat, "wrap_up": wrap_up }))
        .await;
    let ended = teen
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "ended")
        .await;
    assert!(ended["conversation"]["ended_at"].is_string());
    let record = server
        .app
        .store
        .conversation(chat.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        record.wrap_up.unwrap().young_carer.unwrap().cared_for,
        ["祖母"]
    );
    let audit = server.app.store.audit_entries(20).await.unwrap();
    assert!(audit
        .iter()
        .any(|e| e.action == "transcript.read" && e.subject == format!("conversation:{chat}")));
}

async fn crisis_goes_to_the_top_and_supervisors_are_alerted(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut supervisor = Console::open(&server, "sachi", Role::Supervisor).await;
    let mut calm = Teen::new(&server).await;
    let calm_chat = calm.start("anytime").await;
    calm.say(&calm_chat, "a", "テスト死んだｗ 数学やばい").await;
    let mut worried = Teen::new(&server).await;
    let worried_chat = worried.start("anytime").await;
    assert_eq!(worried.socket.expect("queue").await["position"], 2);

    worried
        .say(
            &worried_chat,
            "b",
            "もう限界。今夜、薬を全部飲んで死ぬつもり",
        )
        .await;
    let alert = supervisor.socket.expect("alert").await;
    assert_eq!(
        (
            alert["conversation_id"].as_str(),
            alert["severity"].as_str()
        ),
        (Some(worried_chat.as_str()), Some("critical"))
    );
    assert!(alert["categories"]
        .as_array()
        .unwrap()
        .contains(&json!("self_harm")));

    let queue = supervisor
        .socket
        .expect_where("queue", |f| f["queue"][0]["id"] == worried_chat)
        .await;
    let top = &queue["queue"][0];
    assert_eq!(top["risk_level"], "critical");
    let words: Vec<_> = top["risk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !words.is_empty()
            && words
                .iter()
                .all(|w| "もう限界。今夜、薬を全部飲んで死ぬつもり".contains(w.as_str())),
        "{words:?}"
    );
    assert_eq!(queue["queue"][1]["id"], calm_chat);
    assert_eq!(
        queue["queue"][1]["risk_level"], "info",
        "hyperbole is not risk"
    );
    assert_eq!(
        worried
            .socket
            .expect_where("queue", |f| f["position"] == 1)
            .await["conversation_id"],
        worried_chat
    );
    assert_eq!(
        calm.socket
            .expect_where("queue", |f| f["position"] == 2)
            .await["conversation_id"],
        calm_chat
    );
}

async fn a_dropped_teen_resumes_with_exactly_what_it_missed(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&server, "kei", Role::Counselor).await;
    counselor.take(&chat).await;
    counselor.say(&chat, "c1", "一通目").await;
    teen.socket.expect_where("message", |f| f["seq"] == 1).await;

    let token = teen.token.clone();
    teen.socket.close().await;
    for (i, text) in ["二通目", "三通目", "四通目"].iter().enumerate() {
        counselor.say(&chat, &format!("c{}", i + 2), text).await;
    }
    let mut back = Teen::with_token(&server, token).await;
    assert_eq!(
        back.ready["conversations"][0]["id"], chat,
        "the device finds its chat again"
    );
    back.socket
        .send(json!({ "type": "resume", "conversation_id": chat, "after_seq": 1 }))
        .await;
    let mut seen = Vec::new();
    for _ in 0..3 {
        let message = back.socket.expect("message").await;
        seen.push((
            message["seq"].as_i64().unwrap(),
            message["body"].as_str().unwrap().to_owned(),
        ));
    }
    assert_eq!(
        seen,
        [
            (2, "二通目".to_owned()),
            (3, "三通目".to_owned()),
            (4, "四通目".to_owned())
        ]
    );
    counselor.say(&chat, "c5", "五通目").await;
    assert_eq!(
        back.socket.expect("message").await["seq"],
        5,
        "then live, in order"
    );
    back.socket
        .expect_none("message", Duration::from_millis(300))
        .await;
}

async fn a_retried_send_is_stored_once(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&server, "mako", Role::Counselor).await;
    counselor.take(&chat).await;
    let first = teen.say(&chat, "same-id", "送れたかな").await;
    let again = teen.say(&chat, "same-id", "送れたかな").await;
    assert_eq!(
        (first["seq"].clone(), first["duplicate"].clone()),
        (json!(1), json!(false))
    );
    assert_eq!(
        (again["seq"].clone(), again["duplicate"].clone()),
        (json!(1), json!(true))
    );
    counselor
        .socket
        .expect_where("message", |f| f["seq"] == 1)
        .await;
    counselor
        .socket
        .expect_none("message", Duration::from_millis(300))
        .await;
    let stored = server
        .app
        .store
        .messages_after(chat.parse().unwrap(), 0, 10)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
}

async fn two_counsellors_cannot_take_the_same_chat(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut a = Console::open(&server, "ann", Role::Counselor).await;
    let mut b = Console::open(&server, "ben", Role::Counselor).await;
    a.socket
        .send(json!({ "type": "take", "conversation_id": chat }))
        .await;
    b.socket
        .send(json!({ "type": "take", "conversation_id": chat }))
        .await;
    let a_won = tokio::select! {
        frame = a.socket.expect_where("conversation", |f| f["conversation"]["status"] == "active") => { assert_eq!(frame["conversation"]["id"], chat); true }
        frame = b.socket.expect_where("conversation", |f| f["conversation"]["status"] == "active") => { assert_eq!(frame["conversation"]["id"], chat); false }
    };
    let loser = if a_won { &mut b } else { &mut a };
    assert_eq!(loser.socket.expect("error").await["code"], "already_taken");
    let active = server.app.store.active_conversations(None).await.unwrap();
    assert_eq!(active.len(), 1);
}

async fn a_counsellor_who_drops_returns_the_chat_to_the_top(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut first = Teen::new(&server).await;
    let dropped_chat = first.start("anytime").await;
    let mut counselor = Console::open(&server, "rin", Role::Counselor).await;
    counselor.take(&dropped_chat).await;
    let mut second = Teen::new(&server).await;
    let other_chat = second.start("anytime").await;
    let mut watcher = Console::open(&server, "watcher", Role::Counselor).await;

    counselor.socket.close().await;
    let back = first
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "waiting")
        .await;
    assert_eq!(
        back["conversation"]["id"], dropped_chat,
        "the teen is not dropped"
    );
    assert_eq!(
        first.socket.expect("queue").await["position"],
        1,
        "back at the top"
    );
    let queue = watcher
        .socket
        .expect_where("queue", |f| f["queue"].as_array().unwrap().len() == 2)
        .await;
    assert_eq!(
        (
            queue["queue"][0]["id"].as_str(),
            queue["queue"][0]["requeued"].as_bool()
        ),
        (Some(dropped_chat.as_str()), Some(true))
    );
    assert_eq!(queue["queue"][1]["id"], other_chat);
}

async fn transfer_is_invisible_to_the_teen(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut from = Console::open(&server, "sora", Role::Counselor).await;
    let mut to = Console::open(&server, "umi", Role::Counselor).await;
    from.take(&chat).await;
    from.say(&chat, "f1", "少し待ってね").await;
    let to_id = to.ready["account"]["id"].as_str().unwrap().to_owned();
    from.socket
        .send(json!({ "type": "transfer", "conversation_id": chat, "to": to_id }))
        .await;
    assert_eq!(
        from.socket.expect("released").await["conversation_id"],
        chat
    );
    let arrived = to
        .socket
        .expect_where("conversation", |f| f["conversation"]["id"] == chat)
        .await;
    assert_eq!(arrived["conversation"]["counselor_id"], json!(to_id));
    assert_eq!(
        to.socket.expect("message").await["body"],
        "少し待ってね",
        "the new counsellor has the whole transcript"
    );
    to.say(&chat, "u1", "代わりました。続けて大丈夫ですよ")
        .await;
    teen.socket.expect_where("message", |f| f["seq"] == 1).await;
    let next = teen.socket.expect_where("message", |f| f["seq"] == 2).await;
    assert_eq!(next["body"], "代わりました。続けて大丈夫ですよ");
    from.socket.send(json!({ "type": "send", "conversation_id": chat, "client_msg_id": "late", "body": "x" })).await;
    assert_eq!(
        from.socket.expect("error").await["code"],
        "not_found",
        "the old counsellor no longer reaches it"
    );
}

async fn every_refusal_has_a_code_and_the_connection_stays_usable(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut socket = connect(&server, "/ws/teen", None).await.unwrap();
    socket
        .send(json!({ "type": "start", "line_id": "anytime" }))
        .await;
    assert_eq!(socket.expect("error").await["code"], "hello_first");
    socket
        .send(json!({ "type": "hello", "token": "made-up-token" }))
        .await;
    assert_eq!(socket.expect("error").await["code"], "unknown_device");

    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let cases = [
        ("{not json".to_owned(), "malformed_json"),
        (r#"{"type":"ping"}"#.to_owned(), "unsupported_version"),
        (r#"{"v":1,"type":"dance"}"#.to_owned(), "unknown_type"),
        (json!({ "v": 1, "type": "send", "conversation_id": chat, "client_msg_id": "x" }).to_string(), "invalid_frame"),
        (json!({ "v": 1, "type": "send", "conversation_id": chat, "client_msg_id": "x", "body": "   " }).to_string(), "invalid_field"),
        (json!({ "v": 1, "type": "send", "conversation_id": chat, "client_msg_id": "x", "body": "あ".repeat(4001) }).to_string(), "invalid_field"),
        (json!({ "v": 1, "type": "send", "conversation_id": chat, "client_msg_id": "x", "body": "x".repeat(40_000) }).to_string(), "frame_too_large"),
        (json!({ "v": 1, "type": "start", "line_id": "anytime" }).to_string(), "already_open"),
    ];
    for (text, code) in cases {
        teen.socket.send_text(&text).await;
        assert_eq!(
            teen.socket.expect("error").await["code"],
            code,
            "{}",
            &text[..text.len().min(80)]
        );
    }
    teen.socket.send(json!({ "type": "ping" })).await;
    teen.socket.expect("pong").await;
    assert!(
        server
            .app
            .store
            .messages_after(chat.parse().unwrap(), 0, 10)
            .await
            .unwrap()
            .is_empty(),
        "nothing stored half-way"
    );

    // A flood is refused frame by frame.
    for _ in 0..60 {
        teen.socket
            .send(json!({ "type": "typing", "conversation_id": chat, "typing": true }))
            .await;
    }
    assert_eq!(teen.socket.expect("error").await["code"], "rate_limited");

    // Upgrades from another site, and staff roles without a console, are refused.
    assert_eq!(
        connect_from(&server, "/ws/teen", "https://evil.example", None)
            .await
            .err(),
        Some(403)
    );
    let moderator = server.signed_in("mod", Role::Moderator).await;
    assert_eq!(
        connect(&server, "/ws/staff", moderator.cookie.as_deref())
            .await
            .err(),
        Some(403)
    );
    assert_eq!(connect(&server, "/ws/staff", None).await.err(), Some(401));
}

async fn teens_reach_only_their_own_conversations(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut owner = Teen::new(&server).await;
    let chat = owner.start("anytime").await;
    owner.say(&chat, "secret", "だれにも言えないこと").await;
    let mut stranger = Teen::new(&server).await;
    let missing = uuid::Uuid::new_v4().to_string();
    for target in [&chat, &missing] {
        for frame in [
            json!({ "type": "resume", "conversation_id": target, "after_seq": 0 }),
            json!({ "type": "send", "conversation_id": target, "client_msg_id": "z", "body": "hi" }),
            json!({ "type": "read", "conversation_id": target, "seq": 1 }),
            json!({ "type": "leave", "conversation_id": target }),
            json!({ "type": "typing", "conversation_id": target, "typing": true }),
        ] {
            stranger.socket.send(frame.clone()).await;
            let error = stranger.socket.expect("error").await;
            assert_eq!(
                (error["code"].as_str(), error["message"].as_str()),
                (Some("not_found"), Some("conversation not found")),
                "{frame}"
            );
        }
    }
    stranger
        .socket
        .expect_none("message", Duration::from_millis(300))
        .await;
    let counselor = Console::open(&server, "nao", Role::Counselor).await;
    let mut counselor = counselor;
    counselor.socket.send(json!({ "type": "send", "conversation_id": chat, "client_msg_id": "q", "body": "not mine" })).await;
    assert_eq!(
        counselor.socket.expect("error").await["code"],
        "forbidden",
        "a waiting chat is not the counsellor's to write in"
    );
    assert_eq!(
        server
            .app
            .store
            .messages_after(chat.parse().unwrap(), 0, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn closed_lines_take_no_new_chats(server: TestServer) {
    let admin = server.signed_in("admin-closed", Role::Admin).await;
    let body = json!({ "name_ja": "休止", "name_en": "Paused",
        "schedule": { "weekly": [], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 } });
    admin
        .send(Method::PUT, "/api/admin/lines/paused", Some(body))
        .await;
    let mut teen = Teen::new(&server).await;
    teen.socket
        .send(json!({ "type": "start", "line_id": "paused" }))
        .await;
    assert_eq!(teen.socket.expect("error").await["code"], "line_closed");
    teen.socket
        .send(json!({ "type": "start", "line_id": "no-such-line" }))
        .await;
    assert_eq!(teen.socket.expect("error").await["code"], "unknown_line");
}

async fn the_teen_deletes_their_history(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    teen.say(&chat, "m", "またね").await;
    teen.socket
        .send(json!({ "type": "leave", "conversation_id": chat }))
        .await;
    teen.socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "ended")
        .await;
    let second = teen.start("anytime").await;

    let http = reqwest::Client::new();
    let url = format!("{}/api/teen/history", server.base());
    let listed: serde_json::Value = http
        .get(&url)
        .bearer_auth(&teen.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["conversations"].as_array().unwrap().len(), 2);
    let deleted = http
        .delete(&url)
        .bearer_auth(&teen.token)
        .header("origin", server.origin())
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 200);
    let body: serde_json::Value = deleted.json().await.unwrap();
    assert_eq!(
        (body["deleted"].as_i64(), body["kept"].as_i64()),
        (Some(1), Some(1)),
        "the open chat stays until it ends"
    );
    assert!(
        server
            .app
            .store
            .conversation(chat.parse().unwrap())
            .await
            .unwrap()
            .is_none(),
        "gone from the server"
    );
    assert!(server
        .app
        .store
        .messages_after(chat.parse().unwrap(), 0, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(server
        .app
        .store
        .conversation(second.parse().unwrap())
        .await
        .unwrap()
        .is_some());
    let anonymous = http
        .delete(&url)
        .header("origin", server.origin())
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}
