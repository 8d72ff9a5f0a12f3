//! The console around the chat: colleagues, canned replies curated by
//! supervisors, private notes and whispers, silent monitoring, take-over, and
//! consoles that close the moment their session ends.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use yorisoi::staff::Role;
use yorisoi_tests::server::TestServer;
use yorisoi_tests::ws::{open_line, Console, Teen};

yorisoi_tests::on_every_engine!(
    supervisors_curate_canned_replies_for_counsellors,
    colleagues_list_who_can_take_a_transfer,
    a_supervisor_watches_whispers_and_takes_over_unseen_by_the_teen,
    a_chat_the_teen_left_still_gets_its_wrap_up,
    consoles_close_when_their_session_ends,
);

async fn supervisors_curate_canned_replies_for_counsellors(server: TestServer) {
    open_line(&server, "carers").await;
    let supervisor = server.signed_in("sup", Role::Supervisor).await;
    let counselor = server.signed_in("cou", Role::Counselor).await;
    let everywhere = supervisor
        .send(
            Method::POST,
            "/api/staff/canned-replies",
            Some(json!({ "title": "あいさつ", "body": "話しかけてくれてありがとう。" })),
        )
        .await;
    assert_eq!(
        everywhere.status,
        StatusCode::CREATED,
        "{}",
        everywhere.body
    );
    let carers = supervisor
        .send(Method::POST, "/api/staff/canned-replies", Some(json!({ "line_id": "carers", "title": "家事", "body": "毎日の家事、大変でしたね。" })))
        .await;
    assert_eq!(carers.status, StatusCode::CREATED);
    let unknown_line = supervisor
        .send(
            Method::POST,
            "/api/staff/canned-replies",
            Some(json!({ "line_id": "nowhere", "title": "x", "body": "y" })),
        )
        .await;
    assert_eq!(unknown_line.status, StatusCode::UNPROCESSABLE_ENTITY);

    let for_carers = counselor
        .get("/api/staff/canned-replies?line_id=carers")
        .await;
    let titles: Vec<_> = for_carers.body["canned_replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].clone())
        .collect();
    assert_eq!(titles, [json!("あいさつ"), json!("家事")]);
    let elsewhere = counselor
        .get("/api/staff/canned-replies?line_id=youth")
        .await;
    assert_eq!(
        elsewhere.body["canned_replies"].as_array().unwrap().len(),
        1,
        "line replies stay on their line"
    );

    let refused = counselor
        .send(
            Method::POST,
            "/api/staff/canned-replies",
            Some(json!({ "title": "x", "body": "y" })),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "counsellors use replies; supervisors edit them"
    );
    let id = carers.body["canned_reply"]["id"].as_str().unwrap();
    let edited = supervisor
        .send(Method::PUT, &format!("/api/staff/canned-replies/{id}"), Some(json!({ "line_id": "carers", "title": "家事", "body": "家のこと、ひとりで抱えてきたんですね。" })))
        .await;
    assert_eq!(
        edited.body["canned_reply"]["body"],
        "家のこと、ひとりで抱えてきたんですね。"
    );
    assert_eq!(
        supervisor
            .send(
                Method::DELETE,
                &format!("/api/staff/canned-replies/{id}"),
                None
            )
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        supervisor
            .send(
                Method::DELETE,
                &format!("/api/staff/canned-replies/{id}"),
                None
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let moderator = server.signed_in("moder", Role::Moderator).await;
    assert_eq!(
        moderator.get("/api/staff/canned-replies").await.status,
        StatusCode::FORBIDDEN
    );
}

async fn colleagues_list_who_can_take_a_transfer(server: TestServer) {
    let counselor = server.signed_in("c-one", Role::Counselor).await;
    server.account("c-two", Role::Counselor, None).await;
    server.account("s-one", Role::Supervisor, None).await;
    server.account("a-one", Role::Admin, None).await;
    server.account("m-one", Role::Moderator, None).await;
    let listed = counselor.get("/api/staff/colleagues").await;
    let mut roles: Vec<_> = listed.body["colleagues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].as_str().unwrap().to_owned())
        .collect();
    roles.sort();
    assert_eq!(roles, ["counselor", "counselor", "supervisor"]);
    assert!(
        listed.body["colleagues"][0].get("username").is_none(),
        "display names only"
    );
}

async fn a_supervisor_watches_whispers_and_takes_over_unseen_by_the_teen(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&server, "mei", Role::Counselor).await;
    counselor.take(&chat).await;
    counselor.say(&chat, "c1", "こんにちは").await;
    counselor.socket.send(json!({ "type": "note", "conversation_id": chat, "body": "学校の話が出たら深掘りしない" })).await;
    counselor.socket.expect("note").await;

    let mut supervisor = Console::open(&server, "boss", Role::Supervisor).await;
    supervisor
        .socket
        .send(json!({ "type": "open", "conversation_id": chat, "after_seq": 0 }))
        .await;
    let note = supervisor.socket.expect("note").await;
    assert_eq!(
        (note["body"].as_str(), note["author_name"].as_str()),
        (Some("学校の話が出たら深掘りしない"), Some("mei さん"))
    );
    assert_eq!(
        supervisor.socket.expect("message").await["body"],
        "こんにちは",
        "reads the transcript"
    );
    let watching = counselor.socket.expect("watching").await;
    assert_eq!(
        watching["name"], "boss さん",
        "the counsellor knows a supervisor is present"
    );

    supervisor
        .socket
        .send(json!({ "type": "note", "conversation_id": chat, "body": "いい流れです。急がずに" }))
        .await;
    assert_eq!(
        counselor
            .socket
            .expect_where("note", |n| n["author_name"] == "boss さん")
            .await["body"],
        "いい流れです。急がずに"
    );
    supervisor
        .socket
        .send(
            json!({ "type": "send", "conversation_id": chat, "client_msg_id": "s1", "body": "x" }),
        )
        .await;
    assert_eq!(
        supervisor.socket.expect("error").await["code"],
        "forbidden",
        "monitoring is silent"
    );

    let me = supervisor.ready["account"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    supervisor
        .socket
        .send(json!({ "type": "transfer", "conversation_id": chat, "to": me }))
        .await;
    assert_eq!(
        counselor.socket.expect("released").await["conversation_id"],
        chat
    );
    supervisor
        .socket
        .expect_where("conversation", |f| {
            f["conversation"]["counselor_id"] == json!(me)
        })
        .await;
    supervisor
        .say(&chat, "s2", "ここからは私がお話ししますね")
        .await;
    teen.socket
        .expect_where("message", |f| f["body"] == "ここからは私がお話ししますね")
        .await;

    let seen = teen.socket.drain(Duration::from_millis(300)).await;
    let kinds: Vec<_> = seen
        .iter()
        .map(|f| f["type"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !kinds.iter().any(|k| k == "note" || k == "watching"),
        "the teen never sees notes or monitoring: {kinds:?}"
    );
    assert!(
        !seen
            .iter()
            .any(|f| f["type"] == "conversation" && f["conversation"]["status"] != "active"),
        "no hiccup: {seen:?}"
    );
}

async fn consoles_close_when_their_session_ends(server: TestServer) {
    let mut console = Console::open(&server, "leaving", Role::Counselor).await;
    let out = console
        .client
        .send(Method::DELETE, "/api/staff/session", None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let frame = console.socket.expect("error").await;
    assert_eq!(frame["code"], "session_ended");
    assert!(
        console.socket.closed_within(Duration::from_secs(2)).await,
        "closed at once, not at the next heartbeat"
    );

    let admin = server.signed_in("admin-x", Role::Admin).await;
    let mut other = Console::open(&server, "disabled-soon", Role::Counselor).await;
    let id = other.ready["account"]["id"].as_str().unwrap().to_owned();
    admin
        .send(
            Method::PATCH,
            &format!("/api/admin/accounts/{id}"),
            Some(json!({ "disabled": true })),
        )
        .await;
    assert_eq!(other.socket.expect("error").await["code"], "session_ended");
    assert!(other.socket.closed_within(Duration::from_secs(2)).await);
}

async fn a_chat_the_teen_left_still_gets_its_wrap_up(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&server, "wrapper", Role::Counselor).await;
    counselor.take(&chat).await;
    teen.socket
        .send(json!({ "type": "leave", "conversation_id": chat }))
        .await;
    counselor
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "ended")
        .await;

    // A reload: the chat is still on the counsellor's list, awaiting its wrap-up.
    let password = yorisoi_tests::server::password_of("wrapper");
    let mut client = server.client();
    client.sign_in("wrapper", &password).await;
    let mut again = yorisoi_tests::ws::connect(&server, "/ws/staff", client.cookie.as_deref())
        .await
        .unwrap();
    let ready = again.expect("ready").await;
    assert_eq!(
        (
            ready["chats"][0]["id"].as_str(),
            ready["chats"][0]["wrap_up"].clone()
        ),
        (Some(chat.as_str()), json!(null))
    );

    let wrap_up = json!({ "topics": ["学校"], "risk_level": "info", "follow_up": "相談者が退出" });
    again
        .send(json!({ "type": "end", "conversation_id": chat, "wrap_up": wrap_up }))
        .await;
    let recorded = again
        .expect_where("conversation", |f| f["conversation"]["wrap_up"].is_object())
        .await;
    assert_eq!(
        recorded["conversation"]["wrap_up"]["topics"],
        json!(["学校"])
    );
    let mut later = yorisoi_tests::ws::connect(&server, "/ws/staff", client.cookie.as_deref())
        .await
        .unwrap();
    assert_eq!(
        later.expect("ready").await["chats"],
        json!([]),
        "done: off the list"
    );
}
