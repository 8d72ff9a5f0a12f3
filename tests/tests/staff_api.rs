//! Staff sign-in, sessions, CSRF and the admin API, over real HTTP against a
//! real server (SQLite, and PostgreSQL when configured).
#![allow(clippy::unwrap_used)]

use reqwest::{Method, StatusCode};
use serde_json::json;
use yorisoi::staff::Role;
use yorisoi_tests::backends::Engine;
use yorisoi_tests::server::{password_of, TestServer};

yorisoi_tests::on_every_engine!(
    staff_member_signs_in_and_out,
    wrong_passwords_are_refused_alike_and_throttled,
    changes_need_the_csrf_token_and_our_origin,
    admin_creates_accounts_and_others_cannot,
    bad_account_input_gets_a_clear_error_and_changes_nothing,
    disabling_or_demoting_ends_sessions_at_once,
    the_last_administrator_cannot_lock_everyone_out,
    partner_staff_belong_to_an_organisation,
    admin_keeps_the_partner_directory,
    bad_directory_input_names_the_field_and_changes_nothing,
    admin_actions_are_audited,
);

async fn staff_member_signs_in_and_out(server: TestServer) {
    server.account("hana", Role::Counselor, None).await;
    let mut client = server.client();
    let (status, body) = client.sign_in("hana", &password_of("hana")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["account"]["role"], "counselor");
    assert!(body["account"].get("password_hash").is_none());
    assert!(body["csrf_token"].as_str().unwrap().len() >= 32);

    let me = client.get("/api/staff/session").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["account"]["username"], "hana");
    assert_eq!(me.headers["cache-control"], "no-store");

    // A second sign-in gets a different session: ids are never reused.
    let mut other = server.client();
    other.sign_in("hana", &password_of("hana")).await;
    assert_ne!(other.cookie, client.cookie);

    let out = client
        .send(Method::DELETE, "/api/staff/session", None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let cleared = out.headers["set-cookie"].to_str().unwrap();
    assert!(
        cleared.starts_with("__Host-yorisoi_staff=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    assert_eq!(
        client.get("/api/staff/session").await.status,
        StatusCode::UNAUTHORIZED,
        "the old cookie is dead"
    );
    assert_eq!(
        other.get("/api/staff/session").await.status,
        StatusCode::OK,
        "other sessions live on"
    );
}

async fn wrong_passwords_are_refused_alike_and_throttled(server: TestServer) {
    server.account("riku", Role::Counselor, None).await;
    let mut client = server.client();
    let (wrong, wrong_body) = client.sign_in("riku", "not the password").await;
    let (unknown, unknown_body) = client.sign_in("nobody-here", "not the password").await;
    assert_eq!(
        (wrong, unknown),
        (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
    );
    assert_eq!(
        wrong_body, unknown_body,
        "an unknown user looks exactly like a wrong password"
    );
    assert_eq!(wrong_body["error"]["code"], "bad_credentials");

    // The per-client budget (5 at once) is now spent after a few more tries.
    let mut last = StatusCode::OK;
    for _ in 0..5 {
        last = client.sign_in("riku", "still wrong").await.0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    let (status, body) = client.sign_in("riku", &password_of("riku")).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits: {body}"
    );
    assert_eq!(body["error"]["code"], "throttled");
}

async fn changes_need_the_csrf_token_and_our_origin(server: TestServer) {
    let mut admin = server.signed_in("boss", Role::Admin).await;
    let line = json!({ "name_ja": "テスト", "name_en": "Test", "schedule": { "weekly": [], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 } });

    let csrf = admin.csrf.take();
    let refused = admin
        .send(
            Method::PUT,
            "/api/admin/lines/test-line",
            Some(line.clone()),
        )
        .await;
    assert_eq!(
        (refused.status, refused.body["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("csrf_failed"))
    );
    admin.csrf = Some("forged".into());
    assert_eq!(
        admin
            .send(
                Method::PUT,
                "/api/admin/lines/test-line",
                Some(line.clone())
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    admin.csrf = csrf;

    // A page on another site cannot use the session even with the token.
    let cross_site = reqwest::Client::new()
        .put(format!("{}/api/admin/lines/test-line", server.base()))
        .header("cookie", admin.cookie.clone().unwrap())
        .header("x-csrf-token", admin.csrf.clone().unwrap())
        .header("origin", "https://evil.example")
        .json(&line)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert!(
        server.app.store.lines().await.unwrap().is_empty(),
        "nothing was written by refused requests"
    );

    assert_eq!(
        admin
            .send(Method::PUT, "/api/admin/lines/test-line", Some(line))
            .await
            .status,
        StatusCode::OK
    );
}

async fn admin_creates_accounts_and_others_cannot(server: TestServer) {
    let admin = server.signed_in("root-admin", Role::Admin).await;
    let new = json!({ "username": "sora", "display_name": "そら", "role": "counselor", "password": "a long password" });
    let created = admin
        .send(Method::POST, "/api/admin/accounts", Some(new.clone()))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["account"]["display_name"], "そら");

    let mut sora = server.client();
    assert_eq!(
        sora.sign_in("sora", "a long password").await.0,
        StatusCode::OK
    );
    let listing = admin.get("/api/admin/accounts").await;
    let names: Vec<_> = listing.body["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].clone())
        .collect();
    assert_eq!(names, [json!("root-admin"), json!("sora")]);

    for role in [Role::Supervisor, Role::Counselor, Role::Moderator] {
        let staff = server
            .signed_in(&format!("{}-x", role.as_str()), role)
            .await;
        assert_eq!(
            staff.get("/api/admin/accounts").await.status,
            StatusCode::FORBIDDEN
        );
        let attempt = staff.send(Method::POST, "/api/admin/accounts", Some(json!({ "username": "evil", "display_name": "e", "role": "admin", "password": "a long password" }))).await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        server.client().get("/api/admin/accounts").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(server
        .app
        .store
        .account_credentials("evil")
        .await
        .unwrap()
        .is_none());
}

async fn bad_account_input_gets_a_clear_error_and_changes_nothing(server: TestServer) {
    let admin = server.signed_in("admin-one", Role::Admin).await;
    let before = server.app.store.accounts().await.unwrap().len();
    let cases = [
        (
            json!({ "username": "Bad Name", "display_name": "x", "role": "counselor", "password": "a long password" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            "username",
        ),
        (
            json!({ "username": "okname", "display_name": "x", "role": "counselor", "password": "short" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            "password",
        ),
        (
            json!({ "username": "okname", "display_name": "x".repeat(65), "role": "counselor", "password": "a long password" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            "display_name",
        ),
        (
            json!({ "username": "okname", "display_name": "x", "role": "superuser", "password": "a long password" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            "role",
        ),
        (
            json!({ "username": "okname", "display_name": "x", "role": "counselor", "password": "a long password", "is_admin": true }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            "is_admin",
        ),
        (
            json!({ "username": "admin-one", "display_name": "x", "role": "counselor", "password": "a long password" }),
            StatusCode::CONFLICT,
            "conflict",
            "username",
        ),
    ];
    for (body, status, code, mentions) in cases {
        let reply = admin
            .send(Method::POST, "/api/admin/accounts", Some(body.clone()))
            .await;
        assert_eq!(reply.status, status, "{body} → {}", reply.body);
        assert_eq!(reply.body["error"]["code"], code, "{}", reply.body);
        assert!(
            reply.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains(mentions),
            "{}",
            reply.body
        );
    }
    let malformed = admin
        .send_raw(
            Method::POST,
            "/api/admin/accounts",
            "application/json",
            "{\"username\": ",
        )
        .await;
    assert_eq!(
        (malformed.status, malformed.body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("malformed_json"))
    );
    let not_json = admin
        .send_raw(Method::POST, "/api/admin/accounts", "text/plain", "hello")
        .await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = admin
        .send_raw(
            Method::POST,
            "/api/admin/accounts",
            "application/json",
            vec![b' '; 200_000],
        )
        .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        server.app.store.accounts().await.unwrap().len(),
        before,
        "no refused request created an account"
    );
}

async fn disabling_or_demoting_ends_sessions_at_once(server: TestServer) {
    let admin = server.signed_in("chief", Role::Admin).await;
    let counselor = server.signed_in("yui", Role::Counselor).await;
    let supervisor = server.signed_in("ren", Role::Supervisor).await;
    let id_of = |name: &str| {
        let store = server.app.store.clone();
        let name = name.to_owned();
        async move {
            store
                .account_credentials(&name)
                .await
                .unwrap()
                .unwrap()
                .0
                .id
        }
    };

    let yui = id_of("yui").await;
    let disable = admin
        .send(
            Method::PATCH,
            &format!("/api/admin/accounts/{yui}"),
            Some(json!({ "disabled": true })),
        )
        .await;
    assert_eq!(disable.status, StatusCode::OK, "{}", disable.body);
    assert_eq!(
        counselor.get("/api/staff/session").await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut again = server.client();
    assert_eq!(
        again.sign_in("yui", &password_of("yui")).await.0,
        StatusCode::UNAUTHORIZED,
        "a disabled account cannot sign in"
    );

    let ren = id_of("ren").await;
    let demote = admin
        .send(
            Method::PATCH,
            &format!("/api/admin/accounts/{ren}"),
            Some(json!({ "role": "counselor" })),
        )
        .await;
    assert_eq!(demote.body["account"]["role"], "counselor");
    assert_eq!(
        supervisor.get("/api/staff/session").await.status,
        StatusCode::UNAUTHORIZED
    );

    let rename = admin
        .send(
            Method::PATCH,
            &format!("/api/admin/accounts/{ren}"),
            Some(json!({ "display_name": "れん" })),
        )
        .await;
    assert_eq!(rename.status, StatusCode::OK);
    let missing = admin
        .send(
            Method::PATCH,
            &format!("/api/admin/accounts/{}", uuid::Uuid::new_v4()),
            Some(json!({ "disabled": true })),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let junk = admin
        .send(
            Method::PATCH,
            "/api/admin/accounts/not-a-uuid",
            Some(json!({ "disabled": true })),
        )
        .await;
    assert_eq!(junk.status, StatusCode::NOT_FOUND);
}

async fn the_last_administrator_cannot_lock_everyone_out(server: TestServer) {
    let admin = server.signed_in("only-admin", Role::Admin).await;
    let me = server
        .app
        .store
        .account_credentials("only-admin")
        .await
        .unwrap()
        .unwrap()
        .0
        .id;
    for change in [json!({ "disabled": true }), json!({ "role": "supervisor" })] {
        let reply = admin
            .send(
                Method::PATCH,
                &format!("/api/admin/accounts/{me}"),
                Some(change),
            )
            .await;
        assert_eq!(
            (reply.status, reply.body["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("last_admin"))
        );
    }
    assert_eq!(admin.get("/api/staff/session").await.status, StatusCode::OK);
}

async fn partner_staff_belong_to_an_organisation(server: TestServer) {
    let admin = server.signed_in("admin-p", Role::Admin).await;
    let organisation = admin
        .send(
            Method::POST,
            "/api/admin/organisations",
            Some(json!({ "name": "NPOみらい", "kind": "npo" })),
        )
        .await;
    assert_eq!(
        organisation.status,
        StatusCode::CREATED,
        "{}",
        organisation.body
    );
    let organisation_id = organisation.body["organisation"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let duplicate = admin
        .send(
            Method::POST,
            "/api/admin/organisations",
            Some(json!({ "name": "NPOみらい", "kind": "npo" })),
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);

    let base = json!({ "username": "npo-staff", "display_name": "職員", "role": "partner", "password": "a long password" });
    let without = admin
        .send(Method::POST, "/api/admin/accounts", Some(base.clone()))
        .await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut with_unknown = base.clone();
    with_unknown["organisation_id"] = json!(uuid::Uuid::new_v4());
    assert_eq!(
        admin
            .send(Method::POST, "/api/admin/accounts", Some(with_unknown))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut with = base.clone();
    with["organisation_id"] = json!(organisation_id);
    let created = admin
        .send(Method::POST, "/api/admin/accounts", Some(with))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(
        created.body["account"]["organisation_id"],
        json!(organisation_id)
    );

    let counselor_in_org = json!({ "username": "wrong-one", "display_name": "x", "role": "counselor", "password": "a long password", "organisation_id": organisation_id });
    assert_eq!(
        admin
            .send(Method::POST, "/api/admin/accounts", Some(counselor_in_org))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let partner_id = created.body["account"]["id"].as_str().unwrap();
    let to_counselor = admin
        .send(
            Method::PATCH,
            &format!("/api/admin/accounts/{partner_id}"),
            Some(json!({ "role": "counselor" })),
        )
        .await;
    assert_eq!(
        to_counselor.body["account"]["organisation_id"],
        json!(null),
        "leaving the partner role leaves the organisation"
    );
}

async fn admin_actions_are_audited(server: TestServer) {
    let admin = server.signed_in("auditor", Role::Admin).await;
    admin
        .send(Method::POST, "/api/admin/accounts", Some(json!({ "username": "tomo", "display_name": "とも", "role": "moderator", "password": "a long password" })))
        .await;
    let log = admin.get("/api/admin/audit?limit=5").await;
    assert_eq!(log.status, StatusCode::OK);
    let newest = &log.body["entries"][0];
    assert_eq!(newest["action"], "account.create");
    assert_eq!(newest["detail"]["role"], "moderator");
    assert!(
        !log.body.to_string().contains("a long password"),
        "no password in the audit log"
    );
    assert_eq!(
        admin.get("/api/admin/audit?limit=0").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn every_response_carries_security_headers() {
    let server = TestServer::start(Engine::Sqlite).await.unwrap();
    let client = server.client();
    for path in [
        "/",
        "/admin/",
        "/api/lines",
        "/healthz",
        "/api/nope",
        "/no-such-page",
    ] {
        let reply = client.get(path).await;
        let csp = reply.headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(reply.headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(reply.headers["referrer-policy"], "no-referrer", "{path}");
    }
    assert_eq!(
        client.get("/api/lines").await.headers["cache-control"],
        "no-store"
    );
    let unknown_api = client.get("/api/nope").await;
    assert_eq!(
        (
            unknown_api.status,
            unknown_api.body["error"]["code"].as_str()
        ),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    assert_eq!(
        client.get("/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn admin_keeps_the_partner_directory(server: TestServer) {
    let admin = server.signed_in("admin-dir", Role::Admin).await;
    let created = admin
        .send(
            Method::POST,
            "/api/admin/organisations",
            Some(json!({
                "name": "せたがや子供家庭支援センター",
                "kind": "municipal_support_centre",
                "municipalities": ["世田谷区"],
                "help_kinds": ["carer_support", "child_protection"],
                "contact_hours": "平日 8:30–17:15",
                "on_call_note": "夜間・休日は児童相談所全国共通ダイヤル189へ"
            })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let entry = &created.body["organisation"];
    assert_eq!(entry["municipalities"], json!(["世田谷区"]));
    assert_eq!(
        entry["help_kinds"],
        json!(["carer_support", "child_protection"])
    );
    let id = entry["id"].as_str().unwrap().to_owned();

    let changed = admin
        .send(
            Method::PUT,
            &format!("/api/admin/organisations/{id}"),
            Some(json!({
                "name": "せたがや子供家庭支援センター",
                "kind": "municipal_support_centre",
                "municipalities": ["世田谷区", "目黒区"],
                "help_kinds": ["carer_support"],
                "contact_hours": "平日 8:30–17:15",
                "on_call_note": "当番携帯 090-0000-0000（夜間）"
            })),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let listed = admin.get("/api/admin/organisations").await;
    let listed = &listed.body["organisations"][0];
    assert_eq!(listed["municipalities"], json!(["世田谷区", "目黒区"]));
    assert_eq!(listed["help_kinds"], json!(["carer_support"]));
    assert_eq!(listed["on_call_note"], "当番携帯 090-0000-0000（夜間）");
    assert_eq!(listed["created_at"], entry["created_at"]);

    let audit = admin.get("/api/admin/audit").await;
    let update = audit.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "organisation.update")
        .expect("the change is audited");
    assert_eq!(update["subject"], format!("organisation:{id}"));
    assert_eq!(
        update["detail"]["municipalities"],
        json!(["世田谷区", "目黒区"])
    );

    let missing = admin
        .send(
            Method::PUT,
            &format!("/api/admin/organisations/{}", uuid::Uuid::new_v4()),
            Some(json!({ "name": "x", "kind": "npo" })),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let counselor = server.signed_in("co-dir", Role::Counselor).await;
    let refused = counselor
        .send(
            Method::PUT,
            &format!("/api/admin/organisations/{id}"),
            Some(json!({ "name": "x", "kind": "npo" })),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn bad_directory_input_names_the_field_and_changes_nothing(server: TestServer) {
    let admin = server.signed_in("admin-bad", Role::Admin).await;
    let good = json!({
        "name": "NPOあおぞら",
        "kind": "npo",
        "municipalities": ["八王子市"],
        "help_kinds": ["carer_support"],
        "contact_hours": "毎日 10:00–20:00",
        "on_call_note": ""
    });
    let created = admin
        .send(Method::POST, "/api/admin/organisations", Some(good.clone()))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["organisation"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = admin.get("/api/admin/organisations").await.body;
    let audit_before = admin.get("/api/admin/audit").await.body["entries"]
        .as_array()
        .unwrap()
        .len();

    let mut too_many = good.clone();
    too_many["municipalities"] = json!((0..63).map(|i| format!("市{i}")).collect::<Vec<_>>());
    let cases = [
        ("name", json!({ "name": "" })),
        (
            "municipalities",
            json!({ "municipalities": ["八王子市", "八王子市"] }),
        ),
        ("municipalities", json!({ "municipalities": [""] })),
        ("municipalities", json!({ "municipalities": ["a\u{0007}"] })),
        (
            "municipalities",
            json!({ "municipalities": too_many["municipalities"].clone() }),
        ),
        ("help_kinds", json!({ "help_kinds": ["health", "health"] })),
        ("help_kinds", json!({ "help_kinds": ["astrology"] })),
        ("contact_hours", json!({ "contact_hours": "x".repeat(201) })),
        ("on_call_note", json!({ "on_call_note": "x".repeat(1001) })),
        ("kind", json!({ "kind": "church" })),
        ("website", json!({ "website": "https://example.org" })),
    ];
    for (field, patch) in cases {
        let mut body = good.clone();
        for (key, value) in patch.as_object().unwrap() {
            body[key] = value.clone();
        }
        for (method, path) in [
            (Method::PUT, format!("/api/admin/organisations/{id}")),
            (Method::POST, "/api/admin/organisations".to_owned()),
        ] {
            let reply = admin.send(method.clone(), &path, Some(body.clone())).await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{method} {field}: {}",
                reply.body
            );
            let message = reply.body["error"]["message"].as_str().unwrap();
            assert!(message.contains(field), "{field} not named in {message}");
        }
    }
    assert_eq!(admin.get("/api/admin/organisations").await.body, before);
    let audit_after = admin.get("/api/admin/audit").await.body["entries"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(audit_after, audit_before, "refused input is not audited");
}
