//! Who takes which chat: limits set by administrators, automatic assignment on
//! the lines that want it, and return codes that lead a teen back to the same
//! counsellor — over real websockets, on every engine.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};
use yorisoi::consultation::assignment::{normalize_return_code, return_code_hash, Claim};
use yorisoi::staff::Role;
use yorisoi_tests::server::TestServer;
use yorisoi_tests::ws::{open_auto_line, open_line, Console, Teen};

yorisoi_tests::on_every_engine!(
    the_administrator_limits_chats_at_once_and_consoles_keep_to_it,
    automatic_lines_give_waiting_chats_to_the_least_busy_counsellor,
    a_waiting_chat_goes_to_a_counsellor_who_becomes_available_or_frees_a_slot,
    a_return_code_leads_back_to_the_same_counsellor_when_on_shift,
    a_wrong_or_expired_return_code_changes_nothing,
    the_chats_of_a_counsellor_whose_node_died_go_back_to_the_queue,
);

const WRAP_UP: &str = r#"{"topics":["学校"],"risk_level":"low","follow_up":"また来てねと伝えた"}"#;

async fn the_administrator_limits_chats_at_once_and_consoles_keep_to_it(server: TestServer) {
    open_line(&server, "anytime").await;
    let admin = server.signed_in("boss", Role::Admin).await;
    let limits = admin.get("/api/admin/capacity").await;
    assert_eq!(limits.status, 200, "{}", limits.body);
    assert_eq!(
        limits.body,
        json!({ "default_max_chats": 6, "accounts": [] }),
        "six at once until an administrator says otherwise"
    );
    let set = admin
        .send(
            Method::PUT,
            "/api/admin/capacity",
            Some(json!({ "default_max_chats": 4 })),
        )
        .await;
    assert_eq!(
        (set.status.as_u16(), set.body["default_max_chats"].clone()),
        (200, json!(4))
    );
    for (bad, code) in [
        (json!({ "default_max_chats": 0 }), "invalid_field"),
        (json!({ "default_max_chats": 21 }), "invalid_field"),
        (json!({ "default_max_chats": "many" }), "invalid_body"),
        (json!({ "max": 3 }), "invalid_body"),
    ] {
        let refused = admin
            .send(Method::PUT, "/api/admin/capacity", Some(bad.clone()))
            .await;
        assert_eq!(
            (
                refused.status.as_u16(),
                refused.body["error"]["code"].as_str()
            ),
            (422, Some(code)),
            "{bad}: {}",
            refused.body
        );
    }
    assert_eq!(
        admin.get("/api/admin/capacity").await.body["default_max_chats"],
        4,
        "refusals change nothing"
    );

    let mut counselor = Console::open(&server, "hana", Role::Counselor).await;
    assert_eq!(
        counselor.ready["max_chats"], 4,
        "the console shows the limit"
    );
    counselor
        .socket
        .send(json!({ "type": "status", "status": "available", "capacity": 5, "ref": "too-many" }))
        .await;
    let refused = counselor.socket.expect("error").await;
    assert_eq!(
        (refused["code"].as_str(), refused["ref"].as_str()),
        (Some("invalid_field"), Some("too-many"))
    );
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("must be 1 to 4"),
        "{refused}"
    );

    // One counsellor's own limit, below the default.
    let id = counselor.id();
    let own = admin
        .send(
            Method::PUT,
            &format!("/api/admin/accounts/{id}/capacity"),
            Some(json!({ "max_chats": 1 })),
        )
        .await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(
        own.body,
        json!({ "account_id": id, "max_chats": 1, "effective_max_chats": 1 })
    );
    assert_eq!(
        admin.get("/api/admin/capacity").await.body["accounts"],
        json!([{ "account_id": id, "max_chats": 1 }])
    );
    counselor.available(2).await;
    assert_eq!(
        counselor.socket.expect("limits").await["max_chats"],
        1,
        "the console learns its new limit"
    );
    assert_eq!(
        counselor.socket.expect("error").await["code"],
        "invalid_field"
    );
    counselor.available(1).await;
    counselor.settle().await;
    counselor
        .socket
        .expect_none("error", Duration::from_millis(200))
        .await;

    let mut first = Teen::new(&server).await;
    let first_chat = first.start("anytime").await;
    let mut second = Teen::new(&server).await;
    let second_chat = second.start("anytime").await;
    counselor.take(&first_chat).await;
    counselor
        .socket
        .send(json!({ "type": "take", "conversation_id": second_chat, "ref": "one-more" }))
        .await;
    let full = counselor.socket.expect("error").await;
    assert_eq!(
        (full["code"].as_str(), full["ref"].as_str()),
        (Some("at_capacity"), Some("one-more"))
    );

    // Only counsellors and supervisors hold chats; unknown accounts are not found.
    let accounts = admin.get("/api/admin/accounts").await.body;
    let admin_id = accounts["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "boss")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let not_staff = admin
        .send(
            Method::PUT,
            &format!("/api/admin/accounts/{admin_id}/capacity"),
            Some(json!({ "max_chats": 2 })),
        )
        .await;
    assert_eq!(
        (
            not_staff.status.as_u16(),
            not_staff.body["error"]["code"].as_str()
        ),
        (422, Some("invalid_field"))
    );
    let unknown = admin
        .send(
            Method::PUT,
            "/api/admin/accounts/00000000-0000-4000-8000-000000000000/capacity",
            Some(json!({ "max_chats": 2 })),
        )
        .await;
    assert_eq!(unknown.status, 404);
    let back = admin
        .send(
            Method::PUT,
            &format!("/api/admin/accounts/{id}/capacity"),
            Some(json!({ "max_chats": null })),
        )
        .await;
    assert_eq!(
        back.body,
        json!({ "account_id": id, "max_chats": null, "effective_max_chats": 4 }),
        "back to the default"
    );
    let counsellor_cannot = counselor.client.get("/api/admin/capacity").await;
    assert_eq!(counsellor_cannot.status, 403);

    let audit = server.app.store.audit_entries(50).await.unwrap();
    let actions: Vec<_> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "capacity.account").count(),
        2,
        "{actions:?}"
    );
    assert_eq!(
        actions.iter().filter(|a| **a == "capacity.default").count(),
        1,
        "{actions:?}"
    );
}

/// The conversation frame that says `chat` is now `counselor`'s, active.
async fn assigned(console: &mut Console, chat: &str) -> Value {
    let me = console.id();
    console
        .socket
        .expect_where("conversation", |f| {
            f["conversation"]["id"] == chat
                && f["conversation"]["status"] == "active"
                && f["conversation"]["counselor_id"] == me.as_str()
        })
        .await
}

async fn owner(server: &TestServer, chat: &str) -> Option<String> {
    server
        .app
        .store
        .conversation(chat.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .counselor_id
        .map(|id| id.to_string())
}

async fn automatic_lines_give_waiting_chats_to_the_least_busy_counsellor(server: TestServer) {
    open_auto_line(&server, "auto").await;
    open_line(&server, "manual").await;
    let mut a = Console::open(&server, "aki", Role::Counselor).await;
    let mut b = Console::open(&server, "bun", Role::Counselor).await;
    a.settle().await;
    b.settle().await;

    let mut teens = Vec::new();
    let mut chats = Vec::new();
    for _ in 0..3 {
        let mut teen = Teen::new(&server).await;
        let chat = teen.start_with("auto", None).await;
        teen.socket
            .expect_where("conversation", |f| {
                f["conversation"]["id"] == chat.as_str() && f["conversation"]["status"] == "active"
            })
            .await;
        chats.push(chat);
        teens.push(teen);
    }
    let owners = [
        owner(&server, &chats[0]).await.unwrap(),
        owner(&server, &chats[1]).await.unwrap(),
        owner(&server, &chats[2]).await.unwrap(),
    ];
    assert_ne!(owners[0], owners[1], "the second goes to the one with none");
    assert_eq!(
        owners[2], owners[0],
        "both hold one: the third goes to the one who waited longer for a new chat"
    );
    // Each console gets its chats without taking them, transcript and all.
    for (chat, owner) in chats.iter().zip(&owners) {
        let console = if *owner == a.id() { &mut a } else { &mut b };
        let frame = assigned(console, chat).await;
        assert_eq!(frame["conversation"]["is_return"], false);
    }
    teens[0].say(&chats[0], "t1", "よろしくお願いします").await;
    let first = if owners[0] == a.id() { &mut a } else { &mut b };
    assert_eq!(
        first
            .socket
            .expect_where("message", |f| f["conversation_id"] == chats[0].as_str())
            .await["body"],
        "よろしくお願いします"
    );

    // A manual line still waits for a take.
    let mut manual = Teen::new(&server).await;
    let manual_chat = manual.start("manual").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(owner(&server, &manual_chat).await, None);
    b.take(&manual_chat).await;
    assert_eq!(owner(&server, &manual_chat).await, Some(b.id()));
}

async fn a_waiting_chat_goes_to_a_counsellor_who_becomes_available_or_frees_a_slot(
    server: TestServer,
) {
    open_auto_line(&server, "auto").await;
    let mut counselor = Console::open(&server, "chie", Role::Counselor).await;
    counselor
        .socket
        .send(json!({ "type": "status", "status": "away" }))
        .await;
    counselor.settle().await;
    let mut first = Teen::new(&server).await;
    let first_chat = first.start("auto").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        owner(&server, &first_chat).await,
        None,
        "nobody is available"
    );

    counselor.available(1).await;
    assigned(&mut counselor, &first_chat).await;
    first
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "active")
        .await;

    let mut second = Teen::new(&server).await;
    let second_chat = second.start("auto").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(owner(&server, &second_chat).await, None, "at capacity");

    counselor
        .socket
        .send(json!({ "type": "end", "conversation_id": first_chat,
            "wrap_up": serde_json::from_str::<Value>(WRAP_UP).unwrap() }))
        .await;
    assigned(&mut counselor, &second_chat).await;
    second
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "active")
        .await;
}

async fn a_return_code_leads_back_to_the_same_counsellor_when_on_shift(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    teen.socket
        .send(json!({ "type": "return_code", "conversation_id": chat, "ref": "early" }))
        .await;
    let early = teen.socket.expect("error").await;
    assert_eq!(
        (early["code"].as_str(), early["ref"].as_str()),
        (Some("no_counselor"), Some("early")),
        "no code before a counsellor has talked"
    );
    let mut kai = Console::open(&server, "kai", Role::Counselor).await;
    kai.take(&chat).await;
    teen.socket
        .send(json!({ "type": "return_code", "conversation_id": chat }))
        .await;
    let issued = teen.socket.expect("return_code").await;
    let code = issued["code"].as_str().unwrap().to_owned();
    assert!(
        code.len() == 9
            && code.chars().enumerate().all(|(i, c)| if i == 4 {
                c == '-'
            } else {
                c.is_ascii_uppercase() || c.is_ascii_digit()
            }),
        "{code}"
    );
    let expires: jiff::Timestamp = issued["expires_at"].as_str().unwrap().parse().unwrap();
    let days = expires.duration_since(jiff::Timestamp::now()).as_hours() / 24;
    assert!((29..=30).contains(&days), "{days} days");
    teen.socket
        .send(json!({ "type": "leave", "conversation_id": chat }))
        .await;
    teen.socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "ended")
        .await;

    // Next time, on a fresh device (quick exit cleared everything), typed loosely.
    let mut again = Teen::new(&server).await;
    let typed = code.to_lowercase().replace('-', " ");
    let back = again.start_with("anytime", Some(&typed)).await;
    let returning = again.socket.expect("returning").await;
    assert_eq!(
        (
            returning["conversation_id"].as_str(),
            returning["same_counselor"].as_bool()
        ),
        (Some(back.as_str()), Some(true))
    );
    let frame = assigned(&mut kai, &back).await;
    assert_eq!(
        frame["conversation"]["is_return"], true,
        "the counsellor sees the teen came back"
    );
    again
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "active")
        .await;

    // The counsellor is away: the normal queue, and the teen is told.
    kai.socket
        .send(json!({ "type": "status", "status": "away" }))
        .await;
    kai.settle().await;
    let mut third = Teen::new(&server).await;
    let queued = third.start_with("anytime", Some(&code)).await;
    assert_eq!(
        third.socket.expect("returning").await["same_counselor"],
        false
    );
    assert_eq!(owner(&server, &queued).await, None);
    let in_queue = kai
        .socket
        .expect_where("queue", |f| f["queue"][0]["id"] == queued.as_str())
        .await;
    assert_eq!(in_queue["queue"][0]["is_return"], true);
}

async fn a_wrong_or_expired_return_code_changes_nothing(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut kai = Console::open(&server, "kai", Role::Counselor).await;
    kai.take(&chat).await;
    teen.socket
        .send(json!({ "type": "return_code", "conversation_id": chat }))
        .await;
    let old = teen.socket.expect("return_code").await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    teen.socket
        .send(json!({ "type": "return_code", "conversation_id": chat }))
        .await;
    let code = teen.socket.expect("return_code").await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(old, code, "asking again gives a new code");

    let mut other = Teen::new(&server).await;
    for (attempt, wrong) in [
        ("replaced", old.as_str()),
        ("never", "ZZZZ-ZZZZ"),
        ("nonsense", "こんにちは"),
    ] {
        other
            .socket
            .send(json!({ "type": "start", "line_id": "anytime", "return_code": wrong, "ref": attempt }))
            .await;
        let refused = other.socket.expect("error").await;
        assert_eq!(
            (refused["code"].as_str(), refused["ref"].as_str()),
            (Some("unknown_return_code"), Some(attempt))
        );
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("you can start without it"),
            "{refused}"
        );
    }
    assert!(
        server
            .app
            .store
            .waiting_conversations()
            .await
            .unwrap()
            .is_empty(),
        "nothing was started"
    );

    // Thirty days later the code no longer works.
    let long_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 31);
    server
        .app
        .store
        .save_return_code(
            &return_code_hash(&normalize_return_code(&code).unwrap()),
            chat.parse().unwrap(),
            kai.id().parse().unwrap(),
            long_ago,
            long_ago + jiff::SignedDuration::from_hours(24 * 30),
        )
        .await
        .unwrap();
    other
        .socket
        .send(
            json!({ "type": "start", "line_id": "anytime", "return_code": code, "ref": "expired" }),
        )
        .await;
    assert_eq!(
        other.socket.expect("error").await["code"],
        "unknown_return_code"
    );
    // Without the code the teen starts normally.
    let fresh = other.start("anytime").await;
    assert_eq!(owner(&server, &fresh).await, None);
    other
        .socket
        .expect_none("returning", Duration::from_millis(200))
        .await;
}

/// A node that dies runs no grace timer: the store is left with its consoles'
/// rows, no longer refreshed, and their counsellors' chats. Another node's look
/// requeues the chats of a counsellor with no console anywhere, and leaves a
/// counsellor who came back through a live node alone.
async fn the_chats_of_a_counsellor_whose_node_died_go_back_to_the_queue(server: TestServer) {
    open_line(&server, "anytime").await;
    let store = &server.app.store;
    let now = jiff::Timestamp::now();
    let before_the_crash = now - jiff::SignedDuration::from_mins(5);
    let gone = server
        .account("gone-with-node", Role::Counselor, None)
        .await;
    let back = server
        .account("back-elsewhere", Role::Counselor, None)
        .await;
    let mut gone_teen = Teen::new(&server).await;
    let gone_chat = gone_teen.start("anytime").await;
    let mut back_teen = Teen::new(&server).await;
    let back_chat = back_teen.start("anytime").await;
    for (account, chat) in [(&gone, &gone_chat), (&back, &back_chat)] {
        let claim = store
            .claim_within(chat.parse().unwrap(), account.id, 6, now)
            .await;
        assert_eq!(claim.unwrap(), Claim::Claimed);
        let console = uuid::Uuid::new_v4();
        store
            .console_seen(console, account.id, before_the_crash)
            .await
            .unwrap();
    }
    store
        .console_seen(uuid::Uuid::new_v4(), back.id, now)
        .await
        .unwrap();

    let consultation = &server.app.consultation;
    assert_eq!(
        consultation.requeue_lost_consoles().await.unwrap(),
        2,
        "two stale consoles"
    );
    gone_teen
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "waiting")
        .await;
    back_teen
        .socket
        .expect_none("conversation", Duration::from_millis(300))
        .await;
    let stored = |id: &str| {
        let id = id.parse().unwrap();
        async move { store.conversation(id).await.unwrap().unwrap() }
    };
    let gone_stored = stored(&gone_chat).await;
    assert_eq!(
        (
            gone_stored.status.as_str(),
            gone_stored.counselor_id,
            gone_stored.requeued
        ),
        ("waiting", None, true),
        "back in the queue, ahead of new chats"
    );
    let back_stored = stored(&back_chat).await;
    assert_eq!(
        (back_stored.status.as_str(), back_stored.counselor_id),
        ("active", Some(back.id))
    );
    assert_eq!(
        consultation.requeue_lost_consoles().await.unwrap(),
        0,
        "each stale console is seen once"
    );
}
