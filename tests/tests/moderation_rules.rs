//! An administrator updates the moderation rules without a restart; broken
//! rules are refused and the rules in force stay.
#![allow(clippy::unwrap_used)]

use reqwest::{Method, StatusCode};
use serde_json::json;
use yorisoi::staff::Role;
use yorisoi_tests::backends::{tempdir::TempDir, Engine, TestDatabase};
use yorisoi_tests::server::TestServer;
use yorisoi_tests::ws::{open_line, Console, Teen};

fn write_rules(dir: &std::path::Path, extra_ja: &str, version: &str) {
    for (name, contents) in moderation::ruleset::BUILTIN_FILES {
        let mut contents = contents.to_string();
        if *name == "ja.toml" {
            contents.push_str(extra_ja);
        }
        if *name == "ruleset.toml" {
            contents = contents.replace("version = \"", &format!("version = \"{version}-"));
        }
        std::fs::write(dir.join(name), contents).unwrap();
    }
}

#[tokio::test]
async fn administrators_reload_rules_and_broken_rules_change_nothing() {
    let dir = TempDir::new();
    write_rules(dir.path(), "", "local");
    let database = TestDatabase::new(Engine::Sqlite).await.unwrap();
    let rules_dir = dir.path().to_owned();
    let server = TestServer::start_with(database, None, move |config| {
        config.moderation_rules_dir = Some(rules_dir)
    })
    .await;
    let admin = server.signed_in("rules-admin", Role::Admin).await;
    let info = admin.get("/api/admin/moderation").await;
    assert!(
        info.body["ruleset_version"]
            .as_str()
            .unwrap()
            .starts_with("local-"),
        "{}",
        info.body
    );

    // A new term, added while the server runs, raises a chat's risk.
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    teen.say(&chat, "before", "ぱおん団のことで").await;
    let added = "\n[[rule]]\nid = \"ja.self_harm.local_term\"\ncategory = \"self_harm\"\nseverity = \"high\"\nterms = [\"ぱおん団\"]\n";
    write_rules(dir.path(), added, "local2");
    let reloaded = admin
        .send(Method::POST, "/api/admin/moderation/reload", None)
        .await;
    assert_eq!(reloaded.status, StatusCode::OK, "{}", reloaded.body);
    assert!(reloaded.body["ruleset_version"]
        .as_str()
        .unwrap()
        .starts_with("local2-"));
    teen.say(&chat, "after", "ぱおん団のことで").await;
    let counselor = Console::open(&server, "watcher", Role::Counselor).await;
    let queued = counselor.ready["queue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == chat)
        .unwrap()
        .clone();
    assert_eq!(queued["risk_level"], "high", "{queued}");
    assert_eq!(queued["risk"][0]["rule"], "ja.self_harm.local_term");

    // A broken file is refused, names itself, and the rules in force stay.
    std::fs::write(
        dir.path().join("en.toml"),
        "[[rule]]\nid = \"en.broken\"\nterms = [\"oops\"\n",
    )
    .unwrap();
    let refused = admin
        .send(Method::POST, "/api/admin/moderation/reload", None)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("en.toml"),
        "{}",
        refused.body
    );
    let still = admin.get("/api/admin/moderation").await;
    assert!(still.body["ruleset_version"]
        .as_str()
        .unwrap()
        .starts_with("local2-"));
    let audit = admin.get("/api/admin/audit?limit=5").await;
    assert_eq!(audit.body["entries"][0]["action"], "moderation.reload");
    assert!(audit.body["entries"][0]["detail"]["refused"].is_string());

    let counselor_client = server.signed_in("not-admin", Role::Counselor).await;
    assert_eq!(
        counselor_client
            .send(Method::POST, "/api/admin/moderation/reload", None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn without_a_rules_directory_the_built_in_rules_stay() {
    let server = TestServer::start(Engine::Sqlite).await.unwrap();
    let admin = server.signed_in("rules-admin", Role::Admin).await;
    let reply = admin
        .send(Method::POST, "/api/admin/moderation/reload", None)
        .await;
    assert_eq!(
        (reply.status, reply.body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("not_configured"))
    );
    assert_eq!(
        admin.get("/api/admin/moderation").await.body["rules_dir"],
        json!(null)
    );
}
