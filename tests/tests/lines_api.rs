//! Lines as the public and administrators meet them over HTTP; health checks;
//! two nodes sharing one PostgreSQL and Redis.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use yorisoi::staff::Role;
use yorisoi_tests::backends::{postgres_url, redis_url, Engine, TestDatabase};
use yorisoi_tests::server::TestServer;

fn always_open() -> Value {
    let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| json!({ "day": day, "start": "00:00", "end": "24:00" }))
        .collect();
    json!({
        "weekly": weekly,
        "exceptions": [],
        "closed_on_public_holidays": false,
        "last_entry_minutes": 0
    })
}

fn never_open() -> Value {
    json!({ "weekly": [], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 })
}

fn line(name_ja: &str, name_en: &str, sort_order: i32, schedule: Value) -> Value {
    json!({ "sort_order": sort_order, "name_ja": name_ja, "name_en": name_en, "description_ja": "説明", "description_en": "About", "schedule": schedule })
}

#[tokio::test]
async fn anyone_sees_which_lines_are_open_and_when_they_open_next() {
    let server = TestServer::start(Engine::Sqlite).await.unwrap();
    let admin = server.signed_in("line-admin", Role::Admin).await;
    let youth = json!({
        "weekly": [{ "day": "wed", "start": "15:00", "end": "20:00" }, { "day": "sun", "start": "09:00", "end": "14:00" }],
        "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 15
    });
    for (id, body) in [
        (
            "youth-health",
            line("思春期の心と体の相談", "Youth health", 10, youth),
        ),
        ("anytime", line("いつでも", "Any time", 20, always_open())),
        (
            "closed-for-good",
            line("休止中", "Paused", 30, never_open()),
        ),
    ] {
        let reply = admin
            .send(Method::PUT, &format!("/api/admin/lines/{id}"), Some(body))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }

    let public = server.client().get("/api/lines").await;
    assert_eq!(public.status, StatusCode::OK);
    let lines = public.body["lines"].as_array().unwrap();
    let ids: Vec<_> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["youth-health", "anytime", "closed-for-good"],
        "in the administrator's order"
    );

    let anytime = &lines[1];
    assert_eq!(
        (anytime["name"].as_str(), anytime["open_now"].as_bool()),
        (Some("いつでも"), Some(true))
    );
    assert_eq!(
        (
            anytime["closes_at"].clone(),
            anytime["next_open_at"].clone()
        ),
        (Value::Null, Value::Null)
    );

    let paused = &lines[2];
    assert_eq!(
        (paused["open_now"].as_bool(), paused["next_open_at"].clone()),
        (Some(false), Value::Null)
    );

    // The youth line is open on Wednesdays and Sundays only; whichever it is now,
    // the answer is consistent and in RFC 3339.
    let youth = &lines[0];
    let now: Timestamp = public.body["now"].as_str().unwrap().parse().unwrap();
    if youth["open_now"].as_bool().unwrap() {
        let closes: Timestamp = youth["closes_at"].as_str().unwrap().parse().unwrap();
        assert!(closes > now);
    } else {
        let next: Timestamp = youth["next_open_at"].as_str().unwrap().parse().unwrap();
        assert!(next > now && next < now + jiff::SignedDuration::from_hours(24 * 7));
        let local = next.to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap());
        assert!(
            matches!(
                (local.weekday(), local.hour()),
                (jiff::civil::Weekday::Wednesday, 15) | (jiff::civil::Weekday::Sunday, 9)
            ),
            "{local}"
        );
    }

    let stored = admin.get("/api/admin/lines").await;
    assert_eq!(stored.body["lines"][0]["sort_order"], 10);
    assert_eq!(stored.body["lines"][0]["description_en"], "About");
    assert_eq!(
        server.client().get("/api/admin/lines").await.status,
        StatusCode::UNAUTHORIZED
    );

    let english = server.client().get("/api/lines?lang=en").await;
    assert_eq!(english.body["lines"][0]["name"], "Youth health");
    assert_eq!(
        server.client().get("/api/lines?lang=fr").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn bad_lines_are_refused_with_the_field_named_and_nothing_stored() {
    let server = TestServer::start(Engine::Sqlite).await.unwrap();
    let admin = server.signed_in("line-admin", Role::Admin).await;
    let window = |start: &str, end: &str| json!({ "weekly": [{ "day": "mon", "start": start, "end": end }], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 });
    let cases = [
        (
            "ok-id",
            line("名前", "Name", 0, window("10:00", "25:00")),
            "25:00",
        ),
        (
            "ok-id",
            line(
                "名前",
                "Name",
                0,
                json!({ "weekly": [{ "day": "someday", "start": "10:00", "end": "11:00" }], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 }),
            ),
            "someday",
        ),
        (
            "ok-id",
            line(
                "名前",
                "Name",
                0,
                json!({ "weekly": [], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 999 }),
            ),
            "last_entry",
        ),
        (
            "ok-id",
            line("", "Name", 0, window("10:00", "11:00")),
            "name_ja",
        ),
        (
            "ok-id",
            line(
                "名前",
                "Name",
                0,
                json!({ "weekly": [], "exceptions": [{ "date": "2026-02-30", "closed": true }], "closed_on_public_holidays": false, "last_entry_minutes": 0 }),
            ),
            "exceptions[0].date",
        ),
        (
            "Bad ID",
            line("名前", "Name", 0, window("10:00", "11:00")),
            "id",
        ),
    ];
    for (id, body, mentions) in cases {
        let reply = admin
            .send(
                Method::PUT,
                &format!("/api/admin/lines/{}", id.replace(' ', "%20")),
                Some(body),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{mentions}: {}",
            reply.body
        );
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(mentions),
            "error for {mentions} should name it: {message}"
        );
    }
    assert!(server.app.store.lines().await.unwrap().is_empty());

    let saved = admin
        .send(
            Method::PUT,
            "/api/admin/lines/night",
            Some(line("夜", "Night", 0, window("22:00", "02:00"))),
        )
        .await;
    assert_eq!(
        saved.status,
        StatusCode::OK,
        "a window past midnight is fine: {}",
        saved.body
    );
    assert_eq!(
        admin
            .send(Method::DELETE, "/api/admin/lines/night", None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        admin
            .send(Method::DELETE, "/api/admin/lines/night", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let counselor = server.signed_in("not-admin", Role::Counselor).await;
    let refused = counselor
        .send(
            Method::PUT,
            "/api/admin/lines/night",
            Some(line("夜", "Night", 0, window("22:00", "02:00"))),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn health_and_readiness() {
    let server = TestServer::start(Engine::Sqlite).await.unwrap();
    let client = server.client();
    assert_eq!(client.get("/healthz").await.status, StatusCode::OK);
    let ready = client.get("/readyz").await;
    assert_eq!(
        (ready.status, ready.body["database"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
}

#[tokio::test]
async fn not_ready_when_the_database_is_gone() {
    let Some(database) = TestDatabase::new(Engine::Postgres).await else {
        return;
    };
    let server = TestServer::start_on(database, None).await;
    assert_eq!(server.client().get("/readyz").await.status, StatusCode::OK);
    // Take the database away underneath the running server.
    let admin = sqlx::PgPool::connect(&postgres_url().unwrap())
        .await
        .unwrap();
    let name = server.database.url().rsplit('/').next().unwrap().to_owned();
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&admin)
        .await
        .unwrap();
    let reply = server.client().get("/readyz").await;
    assert_eq!(
        (reply.status, reply.body["database"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("unavailable"))
    );
    assert_eq!(
        server.client().get("/healthz").await.status,
        StatusCode::OK,
        "alive, just not ready"
    );
}

#[tokio::test]
async fn two_nodes_share_one_postgres_and_redis() {
    let (Some(_), Some(redis)) = (postgres_url(), redis_url()) else {
        return;
    };
    let database = TestDatabase::new(Engine::Postgres).await.unwrap();
    let config = database.config.clone();
    // Both nodes start (and migrate) at the same moment.
    let first = TestServer::start_on(database, Some(redis.clone()));
    let second_db = shared(config);
    let second = TestServer::start_on(second_db, Some(redis));
    let (first, second) = tokio::join!(first, second);
    for node in [&first, &second] {
        let ready = node.client().get("/readyz").await;
        assert_eq!(
            (ready.status, ready.body["bus"].as_str()),
            (StatusCode::OK, Some("ok"))
        );
    }
    let admin = first.signed_in("node-admin", Role::Admin).await;
    let saved = admin
        .send(
            Method::PUT,
            "/api/admin/lines/shared",
            Some(line("共有", "Shared", 0, always_open())),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    let seen = second.client().get("/api/lines").await;
    assert_eq!(
        seen.body["lines"][0]["id"], "shared",
        "the other node sees the same data"
    );
    // The session made on the first node works on the second.
    let mut on_second = second.client();
    on_second.cookie = admin.cookie.clone();
    assert_eq!(
        on_second.get("/api/staff/session").await.status,
        StatusCode::OK
    );
}

/// A second handle on the same database that does not drop it when done.
fn shared(config: yorisoi::config::DatabaseConfig) -> TestDatabase {
    TestDatabase::borrowed(config)
}
