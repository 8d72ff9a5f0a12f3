//! Time in a consultation: a quiet teen is prompted, then the chat ends kindly;
//! at closing time waiting teens are told, while started chats continue.
#![allow(clippy::unwrap_used)]

use jiff::SignedDuration;
use reqwest::Method;
use serde_json::json;
use yorisoi::consultation::IdlePolicy;
use yorisoi::staff::Role;
use yorisoi_tests::backends::{Engine, TestDatabase};
use yorisoi_tests::server::TestServer;
use yorisoi_tests::ws::{open_line, Console, Teen};

async fn server_with_idle(prompt_secs: i64, end_secs: i64) -> TestServer {
    let database = TestDatabase::new(Engine::Sqlite).await.unwrap();
    TestServer::start_with(database, None, |config| {
        config.teen_idle = IdlePolicy {
            prompt_after: SignedDuration::from_secs(prompt_secs),
            end_after: SignedDuration::from_secs(end_secs),
        };
    })
    .await
}

#[tokio::test]
async fn a_quiet_teen_is_prompted_gently_then_the_chat_ends() {
    let server = server_with_idle(1, 2).await;
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&server, "hina", Role::Counselor).await;
    counselor.take(&chat).await;

    let prompt = teen
        .socket
        .expect_where("message", |f| f["sender"] == "system")
        .await;
    assert!(
        prompt["body"]
            .as_str()
            .unwrap()
            .starts_with("まだ話せそうですか"),
        "{prompt}"
    );
    let closing = teen.socket.expect_where("message", |f| f["seq"] == 2).await;
    assert_eq!(closing["sender"], "system");
    let ended = teen
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "ended")
        .await;
    assert_eq!(ended["conversation"]["id"], chat);
    counselor
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "ended")
        .await;
    let stored = server
        .app
        .store
        .conversation(chat.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.end_reason.as_deref(), Some("teen_inactive"));
    let messages = server
        .app
        .store
        .messages_after(chat.parse().unwrap(), 0, 10)
        .await
        .unwrap();
    assert_eq!(
        messages.len(),
        2,
        "one prompt and one goodbye, however many sweeps ran"
    );
}

#[tokio::test]
async fn a_teen_who_answers_is_not_ended() {
    let server = server_with_idle(1, 3).await;
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&server, "yuki", Role::Counselor).await;
    counselor.take(&chat).await;
    for i in 0..5 {
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        teen.say(&chat, &format!("m{i}"), "まだいます").await;
    }
    let stored = server
        .app
        .store
        .conversation(chat.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, yorisoi::consultation::model::Status::Active);
}

#[tokio::test]
async fn at_closing_time_waiting_teens_are_told_and_started_chats_continue() {
    let server = server_with_idle(2, 600).await;
    open_line(&server, "evening").await;
    let mut waiting = Teen::new(&server).await;
    let waiting_chat = waiting.start("evening").await;
    let mut talking = Teen::new(&server).await;
    let talking_chat = talking.start("evening").await;
    let mut counselor = Console::open(&server, "kana", Role::Counselor).await;
    counselor.take(&talking_chat).await;

    // The line closes.
    let admin = server.signed_in("closer", Role::Admin).await;
    let closed = json!({ "name_ja": "夜", "name_en": "Evening",
        "schedule": { "weekly": [], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 } });
    assert_eq!(
        admin
            .send(Method::PUT, "/api/admin/lines/evening", Some(closed))
            .await
            .status,
        200
    );

    let notice = waiting
        .socket
        .expect_where("message", |f| f["sender"] == "system")
        .await;
    let text = notice["body"].as_str().unwrap();
    assert!(
        text.contains("受付時間が終わりました") && text.contains("189"),
        "kind, with alternatives: {text}"
    );
    waiting
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "ended")
        .await;
    let record = server
        .app
        .store
        .conversation(waiting_chat.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.end_reason.as_deref(), Some("line_closed"));

    counselor
        .say(&talking_chat, "late", "閉まったあとも、話は続けられますよ")
        .await;
    let heard = talking
        .socket
        .expect_where("message", |f| f["sender"] == "counselor")
        .await;
    assert_eq!(heard["body"], "閉まったあとも、話は続けられますよ");
    assert_eq!(
        server
            .app
            .store
            .conversation(talking_chat.parse().unwrap())
            .await
            .unwrap()
            .unwrap()
            .status,
        yorisoi::consultation::model::Status::Active
    );
}
