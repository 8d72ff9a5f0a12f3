//! Partner webhooks over real HTTP, on every engine: a receiver on this
//! machine checks each delivery's signature exactly as `docs/webhooks.md`
//! tells partners to, and sees every change of its organisation's released
//! cases once, in order, however long it was down and across a restart.
#![allow(clippy::unwrap_used)]

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use hmac::{Hmac, Mac};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::Sha256;
use uuid::Uuid;
use yorisoi::staff::Role;
use yorisoi_tests::backends::{Engine, TestDatabase};
use yorisoi_tests::escalation::{assigned_chat, create_case, organisation, routine_case, staff};
use yorisoi_tests::server::{Client, TestServer};

yorisoi_tests::on_every_engine!(
    partner_systems_receive_signed_events_of_every_change,
    a_receiver_down_for_a_while_gets_every_event_once_in_order,
    webhook_settings_are_for_admins_validated_and_audited,
);

mod restart {
    #[tokio::test]
    async fn sqlite() {
        super::pending_events_survive_a_server_restart(super::Engine::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        super::pending_events_survive_a_server_restart(super::Engine::Postgres).await;
    }
}

const LINES: [&str; 2] = [
    "お母さんの介護で学校に行けない日が多い",
    "話してくれてありがとう",
];

/// Verifies a delivery exactly as `docs/webhooks.md` describes: take `t` and
/// `v1` from `Yorisoi-Signature`, compute HMAC-SHA256 with the secret over
/// `t`, a full stop and the raw body, compare in constant time, and refuse a
/// timestamp more than five minutes away.
fn verify(secret: &str, header: &str, body: &[u8]) -> Result<(), String> {
    let mut t = None;
    let mut v1 = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => t = Some(value),
            Some(("v1", value)) => v1.push(value),
            _ => {}
        }
    }
    let t = t.ok_or("no t")?;
    let sent: i64 = t.parse().map_err(|_| "t is not a number")?;
    if (jiff::Timestamp::now().as_second() - sent).abs() > 300 {
        return Err("timestamp too far from now".into());
    }
    let mut signed = t.as_bytes().to_vec();
    signed.push(b'.');
    signed.extend_from_slice(body);
    for candidate in v1 {
        let Some(bytes) = decode_hex(candidate) else {
            continue;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(&signed);
        if mac.verify_slice(&bytes).is_ok() {
            return Ok(());
        }
    }
    Err("no v1 signature matches".into())
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// One request the receiver got, and what it answered.
#[derive(Clone)]
struct Delivery {
    headers: HeaderMap,
    body: Bytes,
    answered: u16,
}

impl Delivery {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).unwrap().to_str().unwrap()
    }
}

#[derive(Default)]
struct Inbox {
    up: bool,
    deliveries: Vec<Delivery>,
}

/// A partner's system: records every request; answers 204 when up, 503 when down.
#[derive(Clone)]
struct Receiver {
    addr: SocketAddr,
    inbox: Arc<Mutex<Inbox>>,
}

impl Receiver {
    async fn start(up: bool) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::serve(listener, up)
    }

    fn serve(listener: tokio::net::TcpListener, up: bool) -> Self {
        let addr = listener.local_addr().unwrap();
        let inbox = Arc::new(Mutex::new(Inbox {
            up,
            deliveries: Vec::new(),
        }));
        let app = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(inbox.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { addr, inbox }
    }

    fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    fn set_up(&self, up: bool) {
        self.inbox.lock().unwrap().up = up;
    }

    fn all(&self) -> Vec<Delivery> {
        self.inbox.lock().unwrap().deliveries.clone()
    }

    fn accepted(&self) -> Vec<Delivery> {
        self.all()
            .into_iter()
            .filter(|d| d.answered == 204)
            .collect()
    }
}

async fn receive(
    State(inbox): State<Arc<Mutex<Inbox>>>,
    headers: HeaderMap,
    body: Bytes,
) -> AxumStatus {
    let mut inbox = inbox.lock().unwrap();
    let status = if inbox.up {
        AxumStatus::NO_CONTENT
    } else {
        AxumStatus::SERVICE_UNAVAILABLE
    };
    inbox.deliveries.push(Delivery {
        headers,
        body,
        answered: status.as_u16(),
    });
    status
}

/// Polls `check` until it gives a value, for at most 30 seconds.
async fn wait_for<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn webhook_path(organisation: Uuid) -> String {
    format!("/api/admin/organisations/{organisation}/webhook")
}

/// Points an organisation's webhook at `url`; answers the secret shown once.
async fn set_webhook(admin: &Client, organisation: Uuid, url: &str) -> String {
    let reply = admin
        .send(
            Method::PUT,
            &webhook_path(organisation),
            Some(json!({ "url": url })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["webhook"]["secret"]
        .as_str()
        .expect("the first answer shows the secret")
        .to_owned()
}

async fn status(admin: &Client, organisation: Uuid) -> Value {
    let reply = admin.get(&webhook_path(organisation)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["webhook"]["status"].clone()
}

fn case_path(id: Uuid, rest: &str) -> String {
    format!("/api/cases/{id}{rest}")
}

async fn post_ok(client: &Client, path: &str, body: Value) {
    let reply = client.send(Method::POST, path, Some(body)).await;
    assert!(reply.status.is_success(), "{path}: {}", reply.body);
}

/// Checks what every delivery must be: signed, labelled, in JSON.
fn assert_well_formed(delivery: &Delivery, secret: &str) -> Value {
    verify(secret, delivery.header("yorisoi-signature"), &delivery.body).unwrap();
    assert_eq!(delivery.header("content-type"), "application/json");
    let body = delivery.json();
    assert_eq!(body["id"], delivery.header("yorisoi-event-id"));
    assert_eq!(body["type"], delivery.header("yorisoi-event-type"));
    body
}

async fn partner_systems_receive_signed_events_of_every_change(server: TestServer) {
    let receiver = Receiver::start(true).await;
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPOせたがやケア", &["世田谷区"], &["carer_support"]).await;
    let (counselor_id, counselor) = staff(&server, "hana", Role::Counselor, None).await;
    let (partner_id, partner) = staff(&server, "npo-sato", Role::Partner, Some(org)).await;
    let (supervisor_id, supervisor) = staff(&server, "kei", Role::Supervisor, None).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;
    let secret = set_webhook(&admin, org, &receiver.url()).await;
    assert!(secret.len() >= 64, "{secret}");
    let shown = admin.get(&webhook_path(org)).await;
    assert!(shown.body["webhook"].get("secret").is_none());
    assert!(!shown.body.to_string().contains(&secret));
    assert_eq!(shown.body["webhook"]["has_secret"], true);
    assert_eq!(shown.body["webhook"]["url"], receiver.url());

    // Every change the partner may see, from both sides.
    let case = create_case(&counselor, routine_case(chat.id, org, &[1])).await;
    post_ok(
        &partner,
        &case_path(case, "/status"),
        json!({ "status": "acknowledged" }),
    )
    .await;
    post_ok(
        &counselor,
        &case_path(case, "/notes"),
        json!({ "body": "放課後なら連絡がつきます" }),
    )
    .await;
    post_ok(
        &partner,
        &case_path(case, "/notes"),
        json!({ "body": "明日訪問します" }),
    )
    .await;
    // An emergency reaches the partner (and its system) only when confirmed.
    let mut emergency = routine_case(chat.id, org, &[1, 2]);
    emergency["urgency"] = json!("emergency");
    let urgent = create_case(&counselor, emergency).await;
    post_ok(
        &counselor,
        &case_path(urgent, "/notes"),
        json!({ "body": "確認待ちの間のメモ" }),
    )
    .await;
    let early = wait_for("the first four events", || async {
        let got = receiver.accepted();
        (got.len() >= 4).then_some(got)
    })
    .await;
    assert!(early.iter().all(|d| d.json()["case"]["id"] == json!(case)));
    post_ok(&supervisor, &case_path(urgent, "/confirm"), json!({})).await;

    let got = wait_for("five events", || async {
        let got = receiver.accepted();
        (got.len() >= 5).then_some(got)
    })
    .await;
    let bodies: Vec<Value> = got.iter().map(|d| assert_well_formed(d, &secret)).collect();
    let seen: Vec<(i64, &str)> = bodies
        .iter()
        .map(|b| (b["sequence"].as_i64().unwrap(), b["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [
            (1, "case.released"),
            (2, "case.status_changed"),
            (3, "case.note_added"),
            (4, "case.note_added"),
            (5, "case.released"),
        ]
    );
    assert_eq!(bodies[1]["previous_status"], "open");
    assert_eq!(bodies[1]["case"]["status"], "acknowledged");
    assert_eq!(bodies[2]["note"]["side"], "escalating");
    assert_eq!(bodies[3]["note"]["side"], "partner");
    assert_eq!(bodies[3]["note"]["body"], "明日訪問します");
    assert_eq!(bodies[4]["case"]["id"], json!(urgent));
    assert_eq!(bodies[4]["case"]["notes"][0]["body"], "確認待ちの間のメモ");
    for body in &bodies {
        assert_eq!(body["organisation_id"], json!(org));
        assert!(body["occurred_at"].as_str().unwrap().ends_with('Z'));
        // The partner's view, exactly: what partner staff read over the API.
        let case = &body["case"];
        for hidden in ["conversation_id", "created_by", "confirmed_by"] {
            assert!(case.get(hidden).is_none(), "{hidden}");
        }
        let text = body.to_string();
        for secret_id in [
            chat.id.to_string(),
            chat.device_hash.clone(),
            counselor_id.to_string(),
            partner_id.to_string(),
            supervisor_id.to_string(),
        ] {
            assert!(!text.contains(&secret_id), "{secret_id} leaked in {text}");
        }
    }
    let read = partner.get(&case_path(urgent, "")).await;
    let mut api_view = read.body["case"].clone();
    let mut hook_view = bodies[4]["case"].clone();
    // The case has not changed since: the snapshot is the partner's view, less
    // the urgency clock that screens compute when they read.
    assert!(hook_view.get("ack_due_at").is_none() && hook_view.get("overdue").is_none());
    for view in [&mut api_view, &mut hook_view] {
        let view = view.as_object_mut().unwrap();
        for changing in ["updated_at", "ack_due_at", "overdue"] {
            view.remove(changing);
        }
    }
    assert_eq!(hook_view, api_view);

    let delivered = wait_for("the status to catch up", || async {
        let status = status(&admin, org).await;
        (status["pending"] == 0).then_some(status)
    })
    .await;
    assert_eq!(delivered["last_delivered_sequence"], 5);
    assert_eq!(delivered["last_error"], Value::Null);

    // A rotated secret is shown once and signs every later delivery.
    let rotated = admin
        .send(Method::POST, &format!("{}/secret", webhook_path(org)), None)
        .await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    let new_secret = rotated.body["webhook"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(new_secret, secret);
    post_ok(
        &partner,
        &case_path(case, "/status"),
        json!({ "status": "closed", "outcome": "connected_to_service" }),
    )
    .await;
    let last = wait_for("the sixth event", || async {
        receiver.accepted().get(5).cloned()
    })
    .await;
    assert_eq!(assert_well_formed(&last, &new_secret)["sequence"], 6);
    assert!(verify(&secret, last.header("yorisoi-signature"), &last.body).is_err());
    assert!(verify(&new_secret, last.header("yorisoi-signature"), b"{}").is_err());
}

async fn a_receiver_down_for_a_while_gets_every_event_once_in_order(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let (counselor_id, counselor) = staff(&server, "hana", Role::Counselor, None).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;
    // A answers 503; B is up; C is not even listening yet.
    let down = Receiver::start(false).await;
    let up = Receiver::start(true).await;
    let parked = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let c_addr = parked.local_addr().unwrap();
    drop(parked);
    let org_a = organisation(&admin, "A", &[], &["carer_support"]).await;
    let org_b = organisation(&admin, "B", &[], &["carer_support"]).await;
    let org_c = organisation(&admin, "C", &[], &["carer_support"]).await;
    let secret_a = set_webhook(&admin, org_a, &down.url()).await;
    let secret_b = set_webhook(&admin, org_b, &up.url()).await;
    let secret_c = set_webhook(&admin, org_c, &format!("http://{c_addr}/hook")).await;

    let case = create_case(&counselor, routine_case(chat.id, org_a, &[1])).await;
    for i in 0..4 {
        post_ok(
            &counselor,
            &case_path(case, "/notes"),
            json!({ "body": format!("メモ {i}") }),
        )
        .await;
    }
    create_case(&counselor, routine_case(chat.id, org_b, &[1])).await;
    create_case(&counselor, routine_case(chat.id, org_c, &[2])).await;

    // B is not held back by A.
    let b = wait_for("B's event", || async { up.accepted().first().cloned() }).await;
    assert_eq!(
        assert_well_formed(&b, &secret_b)["organisation_id"],
        json!(org_b)
    );
    // A's first event is retried, with backoff, and nothing overtakes it.
    // A try is counted when it is claimed, before its request arrives: wait for the
    // receiver to have seen three as well.
    let failing = wait_for("three failed tries", || async {
        let status = status(&admin, org_a).await;
        (status["next_attempts"].as_i64().unwrap() >= 3 && down.all().len() >= 3).then_some(status)
    })
    .await;
    assert_eq!(failing["pending"], 5);
    assert_eq!(failing["next_sequence"], 1);
    assert_eq!(failing["last_delivered_sequence"], Value::Null);
    assert!(
        failing["last_error"].as_str().unwrap().contains("503"),
        "{failing}"
    );
    let tries = down.all();
    assert!(tries.len() >= 3);
    assert!(tries.iter().all(|d| d.json()["sequence"] == 1));
    let first_ids: std::collections::HashSet<_> = tries
        .iter()
        .map(|d| d.header("yorisoi-event-id").to_owned())
        .collect();
    assert_eq!(first_ids.len(), 1, "a retry keeps its idempotency key");
    let c_status = wait_for("C's connection to fail", || async {
        let status = status(&admin, org_c).await;
        (status["next_attempts"].as_i64().unwrap() >= 2).then_some(status)
    })
    .await;
    assert!(
        c_status["last_error"].as_str().unwrap().contains("connect"),
        "{c_status}"
    );

    // Back up: everything arrives, once each, in order.
    down.set_up(true);
    let listener = tokio::net::TcpListener::bind(c_addr).await.unwrap();
    let c = Receiver::serve(listener, true);
    let got = wait_for("all of A's events", || async {
        let got = down.accepted();
        (got.len() >= 5).then_some(got)
    })
    .await;
    let c_got = wait_for("C's event", || async { c.accepted().first().cloned() }).await;
    assert_eq!(assert_well_formed(&c_got, &secret_c)["sequence"], 1);
    wait_for("A's status to settle", || async {
        (status(&admin, org_a).await["pending"] == 0).then_some(())
    })
    .await;
    // A few more polls of the worker: nothing else arrives.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let got_after = down.accepted();
    assert_eq!(got_after.len(), got.len());
    let sequences: Vec<i64> = got_after
        .iter()
        .map(|d| {
            assert_well_formed(d, &secret_a)["sequence"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(sequences, [1, 2, 3, 4, 5]);
    let ids: std::collections::HashSet<_> = got_after
        .iter()
        .map(|d| d.header("yorisoi-event-id").to_owned())
        .collect();
    assert_eq!(ids.len(), 5, "each event delivered exactly once");
    assert!(ids.is_superset(&first_ids));
    assert_eq!(up.accepted().len(), 1);
    assert_eq!(c.accepted().len(), 1);
}

async fn webhook_settings_are_for_admins_validated_and_audited(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPO", &[], &["carer_support"]).await;
    let (_, supervisor) = staff(&server, "kei", Role::Supervisor, None).await;
    let (_, partner) = staff(&server, "npo-sato", Role::Partner, Some(org)).await;
    let path = webhook_path(org);
    let body = json!({ "url": "https://partner.example.jp/hook" });
    for other in [&supervisor, &partner] {
        assert_eq!(other.get(&path).await.status, StatusCode::FORBIDDEN);
        let reply = other.send(Method::PUT, &path, Some(body.clone())).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
    }
    // Nothing set up yet.
    let blank = admin.get(&path).await;
    assert_eq!(blank.status, StatusCode::OK);
    assert_eq!(blank.body["webhook"]["url"], Value::Null);
    assert_eq!(blank.body["webhook"]["has_secret"], false);
    // Rotating needs a webhook first; unknown organisations are 404.
    let reply = admin
        .send(Method::POST, &format!("{path}/secret"), None)
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let missing = webhook_path(Uuid::new_v4());
    assert_eq!(admin.get(&missing).await.status, StatusCode::NOT_FOUND);
    let reply = admin.send(Method::PUT, &missing, Some(body.clone())).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    for bad in [
        "ftp://partner.example.jp/hook",
        "http://partner.example.jp/hook",
        "javascript:alert(1)",
        "not a url",
        "https://user:pw@partner.example.jp/hook",
    ] {
        let reply = admin
            .send(Method::PUT, &path, Some(json!({ "url": bad })))
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(reply.body["error"]["code"], "invalid_field");
        assert!(
            reply.body["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("url:"),
            "{}",
            reply.body
        );
    }
    let reply = admin
        .send(
            Method::PUT,
            &path,
            Some(json!({ "url": "https://partner.example.jp/hook", "secret": "mine" })),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the server makes the secret"
    );

    let first = admin.send(Method::PUT, &path, Some(body.clone())).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let secret = first.body["webhook"]["secret"].as_str().unwrap().to_owned();
    assert_eq!(first.body["webhook"]["enabled"], true);
    // Changing the URL or pausing keeps the secret and never shows it again.
    let paused = admin
        .send(
            Method::PUT,
            &path,
            Some(json!({ "url": "https://partner.example.jp/v2", "enabled": false })),
        )
        .await;
    assert_eq!(paused.status, StatusCode::OK);
    assert!(paused.body["webhook"].get("secret").is_none());
    assert_eq!(paused.body["webhook"]["enabled"], false);
    assert_eq!(
        paused.body["webhook"]["url"],
        "https://partner.example.jp/v2"
    );
    let rotated = admin
        .send(Method::POST, &format!("{path}/secret"), None)
        .await;
    assert_eq!(rotated.status, StatusCode::OK);
    assert_ne!(rotated.body["webhook"]["secret"], secret.as_str());
    let cleared = admin.send(Method::DELETE, &path, None).await;
    assert_eq!(cleared.status, StatusCode::OK);
    assert_eq!(cleared.body["webhook"]["url"], Value::Null);

    // Audited like the rest of the directory, without the secret.
    let log = admin.get("/api/admin/audit?limit=100").await.body;
    let subject = format!("organisation:{org}");
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["subject"] == subject.as_str())
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "organisation.webhook.clear",
            "organisation.webhook.rotate_secret",
            "organisation.webhook.set",
            "organisation.webhook.set",
            "organisation.create",
        ]
    );
    assert!(!log.to_string().contains(&secret));
}

async fn pending_events_survive_a_server_restart(engine: Engine) {
    let Some(database) = TestDatabase::new(engine).await else {
        return;
    };
    let receiver = Receiver::start(false).await;
    let first = TestServer::start_on(TestDatabase::borrowed(database.config.clone()), None).await;
    let (_, admin) = staff(&first, "admin", Role::Admin, None).await;
    let (counselor_id, counselor) = staff(&first, "hana", Role::Counselor, None).await;
    let org = organisation(&admin, "NPO", &[], &["carer_support"]).await;
    let secret = set_webhook(&admin, org, &receiver.url()).await;
    let chat = assigned_chat(&first, counselor_id, &LINES).await;
    let case = create_case(&counselor, routine_case(chat.id, org, &[1])).await;
    for body in ["一つ目", "二つ目"] {
        post_ok(
            &counselor,
            &case_path(case, "/notes"),
            json!({ "body": body }),
        )
        .await;
    }
    wait_for("a failed try before the restart", || async {
        (!receiver.all().is_empty()).then_some(())
    })
    .await;

    // Stop the node and wait until it no longer listens.
    let addr = first.addr;
    drop((admin, counselor, first));
    wait_for("the first server to stop", || async {
        tokio::net::TcpStream::connect(addr)
            .await
            .is_err()
            .then_some(())
    })
    .await;
    receiver.set_up(true);
    let store = database.store().await;
    let status = store.webhook_status(org).await.unwrap();
    assert_eq!(status.pending, 3, "the outbox kept every event");

    let second = TestServer::start_on(TestDatabase::borrowed(database.config.clone()), None).await;
    let got = wait_for("the events after the restart", || async {
        let got = receiver.accepted();
        (got.len() >= 3).then_some(got)
    })
    .await;
    let sequences: Vec<i64> = got
        .iter()
        .map(|d| assert_well_formed(d, &secret)["sequence"].as_i64().unwrap())
        .collect();
    assert_eq!(sequences, [1, 2, 3]);
    wait_for("the outbox to empty", || async {
        (store.webhook_status(org).await.unwrap().pending == 0).then_some(())
    })
    .await;
    drop(second);
}
