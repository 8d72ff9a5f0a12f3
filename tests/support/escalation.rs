//! Arranging escalation stories: partner organisations through the admin API,
//! staff clients of every role, and chats assigned to a counsellor with a few
//! messages (arranged in the store; the websocket path has its own suites).

use jiff::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use yorisoi::consultation::model::{Conversation, Sender, Status};
use yorisoi::http::auth::SESSION_COOKIE;
use yorisoi::staff::Role;
use yorisoi::store::NewMessage;

use crate::server::{password_of, Client, TestServer};

/// A chat between a teen and a counsellor, as stored.
pub struct Chat {
    /// Conversation id.
    pub id: Uuid,
    /// The hash of the teen's device token (must never reach a case).
    pub device_hash: String,
}

fn now() -> Timestamp {
    Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap()
}

/// A chat assigned to `counselor` holding `lines` (teen, counsellor,
/// alternately, starting with the teen), numbered from 1.
pub async fn assigned_chat(server: &TestServer, counselor: Uuid, lines: &[&str]) -> Chat {
    let store = &server.app.store;
    let device_hash = format!("{:064x}", Uuid::new_v4().as_u128());
    store.insert_device(&device_hash, now()).await.unwrap();
    let conversation = Conversation {
        id: Uuid::new_v4(),
        line_id: yorisoi::lines::parse_line_id("young-carer").unwrap(),
        device_hash: device_hash.clone(),
        nickname: None,
        status: Status::Waiting,
        risk_level: 0,
        risk: Vec::new(),
        requeued: false,
        counselor_id: None,
        last_seq: 0,
        teen_read_seq: 0,
        queued_at: now(),
        created_at: now(),
        assigned_at: None,
        ended_at: None,
        end_reason: None,
        wrap_up: None,
        salon_post_id: None,
        is_return: false,
    };
    store.insert_conversation(&conversation).await.unwrap();
    assert!(store
        .claim_conversation(conversation.id, counselor, now())
        .await
        .unwrap());
    for (i, body) in lines.iter().enumerate() {
        let teen = i % 2 == 0;
        let message = NewMessage {
            conversation_id: conversation.id,
            sender: if teen {
                Sender::Teen
            } else {
                Sender::Counselor
            },
            author_id: (!teen).then_some(counselor),
            client_msg_id: Some(format!("m{i}")),
            body: (*body).into(),
            at: now(),
            risk: None,
        };
        store.append_message(&message).await.unwrap();
    }
    Chat {
        id: conversation.id,
        device_hash,
    }
}

/// Registers an organisation through the admin API and returns its id.
pub async fn organisation(
    admin: &Client,
    name: &str,
    municipalities: &[&str],
    help: &[&str],
) -> Uuid {
    let reply = admin
        .send(
            Method::POST,
            "/api/admin/organisations",
            Some(json!({
                "name": name,
                "kind": "npo",
                "municipalities": municipalities,
                "help_kinds": help,
                "contact_hours": "平日 10:00–18:00",
                "on_call_note": "夜間は当番携帯"
            })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["organisation"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A client signed in as a new account of `role` (partners need `organisation`).
/// The session is opened through the staff service with a client key of its
/// own, so a story may sign in more people than the per-client sign-in
/// throttle allows (sign-in over HTTP is `staff_api.rs`'s story).
pub async fn staff(
    server: &TestServer,
    username: &str,
    role: Role,
    organisation: Option<Uuid>,
) -> (Uuid, Client) {
    let account = server.account(username, role, organisation).await;
    let signed_in = server
        .app
        .staff
        .sign_in(
            username,
            &password_of(username),
            &format!("test-client-{username}"),
        )
        .await
        .unwrap();
    let mut client = server.client();
    client.cookie = Some(format!("{SESSION_COOKIE}={}", signed_in.token));
    client.csrf = Some(signed_in.session.csrf_token);
    (account.id, client)
}

/// A routine case body for `chat` to `organisation` with the teen's consent.
pub fn routine_case(chat: Uuid, organisation: Uuid, excerpt_seqs: &[i64]) -> Value {
    json!({
        "conversation_id": chat,
        "organisation_id": organisation,
        "reason": "caring_burden",
        "urgency": "routine",
        "summary": "母の介護で学校に行けない日が続いている。家事支援の利用を希望。",
        "excerpt_seqs": excerpt_seqs,
        "municipality": "世田谷区",
        "consent": "asked_and_given"
    })
}

/// Creates a case and returns its id (asserts 201).
pub async fn create_case(client: &Client, body: Value) -> Uuid {
    let reply = client.send(Method::POST, "/api/cases", Some(body)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["case"]["id"].as_str().unwrap().parse().unwrap()
}
