//! Escalation cases over real HTTP, on every engine: a counsellor hands a chat
//! to a partner organisation, the partner works it to an outcome, and nobody
//! else can see it. The authorisation matrix covers every case endpoint.
#![allow(clippy::unwrap_used)]

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use yorisoi::staff::Role;
use yorisoi_tests::escalation::{assigned_chat, create_case, organisation, routine_case, staff};
use yorisoi_tests::salon::{Moderator, Participant};
use yorisoi_tests::server::{Client, TestServer};
use yorisoi_tests::ws::{open_line, Console, Teen};

yorisoi_tests::on_every_engine!(
    counsellor_hands_a_chat_to_a_partner_who_closes_the_loop,
    authorisation_matrix_over_every_case_endpoint,
    another_organisations_case_answers_exactly_like_a_missing_one,
    a_refusal_is_overridden_only_by_a_supervisor_in_an_emergency_with_a_reason,
    an_emergency_reaches_the_partner_only_after_a_second_staff_member_confirms,
    bad_case_input_names_the_field_and_changes_nothing,
    partners_move_a_case_forward_only,
    suggestions_match_the_kind_of_help_and_the_municipality,
    a_case_past_its_deadline_alerts_supervisors_once_and_shows_red,
    a_crisis_message_suggests_an_escalation_to_confirm_or_dismiss_with_a_reason,
    a_moderator_hands_a_salon_post_to_a_partner_without_the_member,
);

const LINES: [&str; 4] = [
    "お母さんの介護で学校に行けない日が多い",
    "話してくれてありがとう。毎日どれくらい介護しているの？",
    "朝と夜、ほぼ毎日。世田谷区に住んでる",
    "近くで家事を手伝ってくれる人を探してみようか",
];

fn case_path(id: impl std::fmt::Display) -> String {
    format!("/api/cases/{id}")
}

async fn audit(admin: &Client) -> Vec<Value> {
    let reply = admin.get("/api/admin/audit?limit=1000").await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.body["entries"].as_array().unwrap().clone()
}

fn entries<'a>(log: &'a [Value], action: &str, subject: &str) -> Vec<&'a Value> {
    log.iter()
        .filter(|e| e["action"] == action && e["subject"] == subject)
        .collect()
}

async fn counsellor_hands_a_chat_to_a_partner_who_closes_the_loop(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPOせたがやケア", &["世田谷区"], &["carer_support"]).await;
    let (counselor_id, counselor) = staff(&server, "hana", Role::Counselor, None).await;
    let (partner_id, partner) = staff(&server, "npo-sato", Role::Partner, Some(org)).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;

    // The counsellor chooses messages 1 and 3; the server copies their text.
    let created = counselor
        .send(
            Method::POST,
            "/api/cases",
            Some(routine_case(chat.id, org, &[3, 1])),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let case = &created.body["case"];
    let id = case["id"].as_str().unwrap().to_owned();
    let subject = format!("case:{id}");
    assert_eq!(case["status"], "open");
    assert_eq!(case["awaiting_confirmation"], false);
    assert_eq!(case["organisation_name"], "NPOせたがやケア");
    assert_eq!(case["conversation_id"], json!(chat.id));
    let excerpts = case["excerpts"].as_array().unwrap();
    assert_eq!(excerpts.len(), 2);
    assert_eq!(excerpts[0]["seq"], 1);
    assert_eq!(excerpts[0]["sender"], "teen");
    assert_eq!(excerpts[0]["body"], LINES[0]);
    assert_eq!(excerpts[1]["body"], LINES[2]);
    let text = created.body.to_string();
    assert!(
        !text.contains(LINES[1]) && !text.contains(LINES[3]),
        "only the chosen messages"
    );
    assert!(
        !text.contains(&chat.device_hash),
        "nothing about the device"
    );

    // The partner finds it in their list and reads it: no conversation id, no staff ids.
    let listed = partner.get("/api/cases").await;
    assert_eq!(listed.status, StatusCode::OK);
    let cases = listed.body["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["id"], id.as_str());
    assert!(cases[0].get("created_by").is_none());
    let read = partner.get(&case_path(&id)).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let seen = &read.body["case"];
    assert!(seen.get("conversation_id").is_none());
    assert!(seen.get("created_by").is_none());
    assert_eq!(seen["escalated_by_name"], "hana さん");
    assert_eq!(seen["municipality"], "世田谷区");
    assert_eq!(seen["excerpts"], case["excerpts"]);
    let text = read.body.to_string();
    assert!(!text.contains(&chat.id.to_string()) && !text.contains(&chat.device_hash));
    assert!(!text.contains(&counselor_id.to_string()));

    // Both views have exactly the fields the OpenAPI document promises.
    let document = partner.get("/api/openapi.json").await.body;
    let keys = |value: &Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    let schemas = &document["components"]["schemas"];
    assert_eq!(keys(case), keys(&schemas["Case"]["properties"]));
    assert_eq!(keys(seen), keys(&schemas["PartnerCase"]["properties"]));

    // Acknowledge, work, note, close.
    for (status, outcome) in [("acknowledged", None::<&str>), ("in_progress", None)] {
        let reply = partner
            .send(
                Method::POST,
                &format!("{}/status", case_path(&id)),
                Some(json!({ "status": status, "outcome": outcome })),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["case"]["status"], status);
    }
    let note = partner
        .send(
            Method::POST,
            &format!("{}/notes", case_path(&id)),
            Some(json!({ "body": "区の家事支援ヘルパーの利用につなぎました。" })),
        )
        .await;
    assert_eq!(note.status, StatusCode::CREATED, "{}", note.body);
    assert_eq!(note.body["note"]["side"], "partner");
    assert!(note.body["note"].get("author_id").is_none());
    let closed = partner
        .send(
            Method::POST,
            &format!("{}/status", case_path(&id)),
            Some(json!({ "status": "closed", "outcome": "connected_to_service" })),
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_eq!(closed.body["case"]["outcome"], "connected_to_service");
    assert!(closed.body["case"]["closed_at"].is_string());
    assert!(closed.body["case"]["acknowledged_at"].is_string());

    // The counsellor sees the progress and the partner's note, and answers.
    let mine = counselor.get(&case_path(&id)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.body["case"]["status"], "closed");
    assert_eq!(
        mine.body["case"]["notes"][0]["author_name"],
        "npo-sato さん"
    );
    assert_eq!(
        mine.body["case"]["notes"][0]["author_id"],
        json!(partner_id)
    );
    let thanks = counselor
        .send(
            Method::POST,
            &format!("{}/notes", case_path(&id)),
            Some(json!({ "body": "ありがとうございます。本人にも伝えます。" })),
        )
        .await;
    assert_eq!(thanks.status, StatusCode::CREATED);
    assert_eq!(thanks.body["note"]["side"], "escalating");
    let listed = counselor.get("/api/cases").await;
    assert_eq!(listed.body["cases"][0]["status"], "closed");

    // Every read and change is in the audit log, with who did it.
    let log = audit(&admin).await;
    let created = entries(&log, "case.create", &subject);
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["actor_id"], json!(counselor_id));
    assert_eq!(created[0]["detail"]["excerpt_seqs"], json!([1, 3]));
    assert!(
        !created[0].to_string().contains(LINES[0]),
        "no message text in the audit log"
    );
    let reads = entries(&log, "case.read", &subject);
    assert_eq!(reads.len(), 2);
    assert!(reads
        .iter()
        .any(|e| e["actor_id"] == json!(partner_id) && e["detail"]["side"] == "partner"));
    assert!(reads.iter().any(|e| e["actor_id"] == json!(counselor_id)));
    assert_eq!(entries(&log, "case.status", &subject).len(), 3);
    assert_eq!(entries(&log, "case.note", &subject).len(), 2);
    let lists: Vec<_> = log.iter().filter(|e| e["action"] == "case.list").collect();
    assert_eq!(lists.len(), 2);
    assert!(lists.iter().all(|e| e["detail"]["case_ids"] == json!([id])));
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Admin,
    Supervisor,
    CounselorOwnChat,
    CounselorOtherChat,
    Moderator,
    PartnerOwnOrg,
    PartnerOtherOrg,
    Anonymous,
}

/// One action of the matrix: what is asked, and what each of [`EVERYONE`] gets.
type Row = (&'static str, Method, String, Option<Value>, [StatusCode; 8]);

const EVERYONE: [Who; 8] = [
    Who::Admin,
    Who::Supervisor,
    Who::CounselorOwnChat,
    Who::CounselorOtherChat,
    Who::Moderator,
    Who::PartnerOwnOrg,
    Who::PartnerOtherOrg,
    Who::Anonymous,
];

async fn authorisation_matrix_over_every_case_endpoint(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org_a = organisation(&admin, "NPO-A", &["世田谷区"], &["carer_support"]).await;
    let org_b = organisation(&admin, "NPO-B", &["港区"], &["carer_support"]).await;
    let (_, supervisor) = staff(&server, "sup", Role::Supervisor, None).await;
    let (own_id, own) = staff(&server, "co-own", Role::Counselor, None).await;
    let (other_id, other) = staff(&server, "co-other", Role::Counselor, None).await;
    let (_, moderator) = staff(&server, "mod", Role::Moderator, None).await;
    let (_, partner_a) = staff(&server, "partner-a", Role::Partner, Some(org_a)).await;
    let (_, partner_b) = staff(&server, "partner-b", Role::Partner, Some(org_b)).await;
    let anonymous = server.client();
    let client = |who: Who| -> &Client {
        match who {
            Who::Admin => &admin,
            Who::Supervisor => &supervisor,
            Who::CounselorOwnChat => &own,
            Who::CounselorOtherChat => &other,
            Who::Moderator => &moderator,
            Who::PartnerOwnOrg => &partner_a,
            Who::PartnerOtherOrg => &partner_b,
            Who::Anonymous => &anonymous,
        }
    };
    let chat = assigned_chat(&server, own_id, &LINES).await;
    let _others_chat = assigned_chat(&server, other_id, &LINES).await;
    let case = create_case(&own, routine_case(chat.id, org_a, &[1])).await;
    let mut emergency = routine_case(chat.id, org_a, &[1]);
    emergency["urgency"] = json!("emergency");
    let awaiting = create_case(&own, emergency).await;

    use StatusCode as S;
    // (action, method, path, body, expected status per role in EVERYONE order)
    let rows: Vec<Row> = vec![
        (
            "list",
            Method::GET,
            "/api/cases".into(),
            None,
            [
                S::FORBIDDEN,
                S::OK,
                S::OK,
                S::OK,
                S::OK,
                S::OK,
                S::OK,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "suggested escalation of the own counsellor's chat",
            Method::GET,
            format!("/api/cases/nudges?conversation_id={}", chat.id),
            None,
            [
                S::FORBIDDEN,
                S::OK,
                S::OK,
                S::NOT_FOUND,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "dismiss a suggestion that does not exist",
            Method::POST,
            format!("/api/cases/nudges/{}/dismiss", Uuid::new_v4()),
            Some(json!({ "reason": "理由" })),
            [
                S::FORBIDDEN,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "read",
            Method::GET,
            case_path(case),
            None,
            [
                S::FORBIDDEN,
                S::OK,
                S::OK,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::OK,
                S::NOT_FOUND,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "read an emergency awaiting confirmation",
            Method::GET,
            case_path(awaiting),
            None,
            [
                S::FORBIDDEN,
                S::OK,
                S::OK,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "create from the own counsellor's chat",
            Method::POST,
            "/api/cases".into(),
            Some(routine_case(chat.id, org_a, &[2])),
            [
                S::FORBIDDEN,
                S::CREATED,
                S::CREATED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "suggest organisations",
            Method::GET,
            "/api/cases/suggestions?help_kind=carer_support".into(),
            None,
            [
                S::FORBIDDEN,
                S::OK,
                S::OK,
                S::OK,
                S::OK,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "add a note",
            Method::POST,
            format!("{}/notes", case_path(case)),
            Some(json!({ "body": "確認しました" })),
            [
                S::FORBIDDEN,
                S::CREATED,
                S::CREATED,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::CREATED,
                S::NOT_FOUND,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "note on an emergency awaiting confirmation",
            Method::POST,
            format!("{}/notes", case_path(awaiting)),
            Some(json!({ "body": "確認しました" })),
            [
                S::FORBIDDEN,
                S::CREATED,
                S::CREATED,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "acknowledge",
            Method::POST,
            format!("{}/status", case_path(case)),
            Some(json!({ "status": "acknowledged" })),
            [
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::OK,
                S::NOT_FOUND,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "confirm an emergency",
            Method::POST,
            format!("{}/confirm", case_path(awaiting)),
            None,
            [
                S::FORBIDDEN,
                S::OK,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
    ];
    for (action, method, path, body, expected) in rows {
        for (who, want) in EVERYONE.into_iter().zip(expected) {
            let reply = client(who).send(method.clone(), &path, body.clone()).await;
            assert_eq!(
                reply.status, want,
                "{who:?} may not {action} as expected: {}",
                reply.body
            );
            if !reply.status.is_success() {
                assert!(reply.body["error"]["code"].is_string(), "{who:?} {action}");
            }
        }
    }

    // What each list holds: nobody sees another's cases.
    let ids = |reply: yorisoi_tests::server::Reply| -> Vec<String> {
        reply.body["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // Two cases arranged, and one each by the supervisor and the counsellor in the matrix.
    assert_eq!(ids(supervisor.get("/api/cases").await).len(), 4);
    assert_eq!(ids(own.get("/api/cases").await).len(), 3);
    assert!(ids(other.get("/api/cases").await).is_empty());
    // Now confirmed, the emergency joins the partner's list.
    let partner_sees = ids(partner_a.get("/api/cases").await);
    assert_eq!(partner_sees.len(), 4);
    assert!(partner_sees.contains(&awaiting.to_string()));
    assert!(ids(partner_b.get("/api/cases").await).is_empty());
    // Partner staff reach nothing else in the product.
    for path in [
        "/api/admin/accounts",
        "/api/admin/organisations",
        "/api/admin/audit",
        "/api/staff/colleagues",
        "/api/staff/canned-replies",
        "/api/moderation/rooms",
        "/api/moderation/audit",
    ] {
        let reply = partner_a.get(path).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "partner reached {path}"
        );
    }
}

async fn another_organisations_case_answers_exactly_like_a_missing_one(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org_a = organisation(&admin, "NPO-A", &[], &["carer_support"]).await;
    let org_b = organisation(&admin, "NPO-B", &[], &["carer_support"]).await;
    let (own_id, own) = staff(&server, "co-own", Role::Counselor, None).await;
    let (_, other) = staff(&server, "co-other", Role::Counselor, None).await;
    let (_, partner_a) = staff(&server, "partner-a", Role::Partner, Some(org_a)).await;
    let (_, partner_b) = staff(&server, "partner-b", Role::Partner, Some(org_b)).await;
    let chat = assigned_chat(&server, own_id, &LINES).await;
    let case = create_case(&own, routine_case(chat.id, org_a, &[1])).await;
    let mut emergency = routine_case(chat.id, org_a, &[1]);
    emergency["urgency"] = json!("emergency");
    let awaiting = create_case(&own, emergency).await;
    let missing = Uuid::new_v4();

    let requests = |id: String| {
        vec![
            (Method::GET, case_path(&id), None),
            (
                Method::POST,
                format!("{}/notes", case_path(&id)),
                Some(json!({ "body": "見てもいいですか" })),
            ),
            (
                Method::POST,
                format!("{}/status", case_path(&id)),
                Some(json!({ "status": "acknowledged" })),
            ),
            (
                Method::POST,
                format!("{}/status", case_path(&id)),
                Some(json!({ "status": "closed" })),
            ),
        ]
    };
    // (who, a case they may not see)
    let hidden = [
        (&partner_b, case.to_string(), "another organisation's case"),
        (
            &partner_a,
            awaiting.to_string(),
            "an emergency awaiting confirmation",
        ),
    ];
    for (client, id, what) in hidden {
        let probes = requests(id).into_iter().zip(requests(missing.to_string()));
        for ((method, path, body), (_, missing_path, missing_body)) in probes {
            let seen = client.send_bytes(method.clone(), &path, body).await;
            let absent = client
                .send_bytes(method.clone(), &missing_path, missing_body)
                .await;
            assert_eq!(seen.0, StatusCode::NOT_FOUND, "{what}: {method} {path}");
            assert_eq!(
                seen, absent,
                "{what}: {method} {path} differs from a missing case"
            );
        }
        let not_a_uuid = client
            .send_bytes(Method::GET, "/api/cases/not-a-uuid", None)
            .await;
        assert_eq!(
            not_a_uuid,
            client
                .send_bytes(Method::GET, &case_path(missing), None)
                .await
        );
    }
    // A counsellor who did not escalate the case meets the same answer.
    assert_eq!(
        other.send_bytes(Method::GET, &case_path(case), None).await,
        other
            .send_bytes(Method::GET, &case_path(missing), None)
            .await
    );
    // And nothing was written for them.
    let read = partner_a.get(&case_path(case)).await;
    assert_eq!(read.body["case"]["notes"], json!([]));
    assert_eq!(read.body["case"]["status"], "open");
}

async fn a_refusal_is_overridden_only_by_a_supervisor_in_an_emergency_with_a_reason(
    server: TestServer,
) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "児童相談所デモ", &[], &["child_protection"]).await;
    let (counselor_id, counselor) = staff(&server, "co-1", Role::Counselor, None).await;
    let (_, supervisor) = staff(&server, "sup", Role::Supervisor, None).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;
    let case = |urgency: &str, justification: Option<&str>| {
        let mut body = routine_case(chat.id, org, &[1]);
        body["reason"] = json!("abuse");
        body["urgency"] = json!(urgency);
        body["consent"] = json!("declined");
        if let Some(text) = justification {
            body["override_justification"] = json!(text);
        }
        body
    };
    let reason = "本人は拒否したが、今夜の身体的危険が具体的で差し迫っているため。";
    let refused = [
        (
            &counselor,
            case("emergency", Some(reason)),
            "consent_declined",
        ),
        (&counselor, case("routine", None), "consent_declined"),
        (
            &supervisor,
            case("urgent", Some(reason)),
            "consent_declined",
        ),
        (&supervisor, case("emergency", None), "consent_declined"),
        (
            &supervisor,
            case("emergency", Some("短い")),
            "invalid_field",
        ),
    ];
    for (client, body, code) in refused {
        let reply = client
            .send(Method::POST, "/api/cases", Some(body.clone()))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            reply.body
        );
        assert_eq!(reply.body["error"]["code"], code, "{body}");
    }
    // A justification without a refusal to override is a mistake, not ignored.
    let mut given = routine_case(chat.id, org, &[1]);
    given["override_justification"] = json!(reason);
    let reply = supervisor
        .send(Method::POST, "/api/cases", Some(given))
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("override_justification"));
    assert_eq!(supervisor.get("/api/cases").await.body["cases"], json!([]));

    let overridden = supervisor
        .send(
            Method::POST,
            "/api/cases",
            Some(case("emergency", Some(reason))),
        )
        .await;
    assert_eq!(
        overridden.status,
        StatusCode::CREATED,
        "{}",
        overridden.body
    );
    let case = &overridden.body["case"];
    assert_eq!(case["consent"], "declined");
    assert_eq!(case["override_justification"], reason);
    assert_eq!(case["awaiting_confirmation"], true);
    let log = audit(&admin).await;
    let created = entries(
        &log,
        "case.create",
        &format!("case:{}", case["id"].as_str().unwrap()),
    );
    assert_eq!(created[0]["detail"]["consent_overridden"], true);
    assert_eq!(
        log.iter().filter(|e| e["action"] == "case.create").count(),
        1
    );
}

async fn an_emergency_reaches_the_partner_only_after_a_second_staff_member_confirms(
    server: TestServer,
) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "いのちの相談NPO", &[], &["crisis"]).await;
    let (first_id, first) = staff(&server, "sup-1", Role::Supervisor, None).await;
    let (second_id, second) = staff(&server, "sup-2", Role::Supervisor, None).await;
    let (_, partner) = staff(&server, "npo", Role::Partner, Some(org)).await;
    let chat = assigned_chat(&server, first_id, &LINES).await;
    let mut body = routine_case(chat.id, org, &[1, 3]);
    body["reason"] = json!("suicide_risk");
    body["urgency"] = json!("emergency");
    body["consent"] = json!("not_asked");
    let id = create_case(&first, body).await;
    let path = case_path(id);

    assert_eq!(partner.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(partner.get("/api/cases").await.body["cases"], json!([]));
    let listed = first.get("/api/cases").await;
    assert_eq!(listed.body["cases"][0]["awaiting_confirmation"], true);

    let own = first
        .send(Method::POST, &format!("{path}/confirm"), None)
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert_eq!(own.body["error"]["code"], "second_staff_required");
    assert_eq!(partner.get(&path).await.status, StatusCode::NOT_FOUND);

    let confirmed = second
        .send(Method::POST, &format!("{path}/confirm"), None)
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(confirmed.body["case"]["confirmed_by"], json!(second_id));
    assert_eq!(confirmed.body["case"]["awaiting_confirmation"], false);
    assert!(confirmed.body["case"]["released_at"].is_string());
    let again = second
        .send(Method::POST, &format!("{path}/confirm"), None)
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.body["error"]["code"], "not_awaiting_confirmation");

    let seen = partner.get(&path).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body["case"].get("confirmed_by").is_none());
    let log = audit(&admin).await;
    let confirms = entries(&log, "case.confirm", &format!("case:{id}"));
    assert_eq!(confirms.len(), 1);
    assert_eq!(confirms[0]["actor_id"], json!(second_id));

    // A routine case needs no confirmation.
    let routine = create_case(&first, routine_case(chat.id, org, &[1])).await;
    let reply = second
        .send(
            Method::POST,
            &format!("{}/confirm", case_path(routine)),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(
        partner.get(&case_path(routine)).await.status,
        StatusCode::OK
    );
}

async fn bad_case_input_names_the_field_and_changes_nothing(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPO", &[], &["carer_support"]).await;
    let (counselor_id, counselor) = staff(&server, "co-1", Role::Counselor, None).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;
    let good = routine_case(chat.id, org, &[1]);
    let with = |key: &str, value: Value| {
        let mut body = good.clone();
        body[key] = value;
        body
    };
    let mut without_consent = good.clone();
    without_consent.as_object_mut().unwrap().remove("consent");
    let cases = [
        ("summary", with("summary", json!(""))),
        ("summary", with("summary", json!("あ".repeat(1001)))),
        ("excerpt_seqs", with("excerpt_seqs", json!([1, 1]))),
        ("excerpt_seqs", with("excerpt_seqs", json!([0]))),
        ("excerpt_seqs", with("excerpt_seqs", json!([99]))),
        (
            "excerpt_seqs",
            with("excerpt_seqs", json!((1..=31).collect::<Vec<_>>())),
        ),
        ("municipality", with("municipality", json!(""))),
        ("municipality", with("municipality", json!("区".repeat(41)))),
        (
            "organisation_id",
            with("organisation_id", json!(Uuid::new_v4())),
        ),
        (
            "conversation_id",
            with("conversation_id", json!(Uuid::new_v4())),
        ),
        ("reason", with("reason", json!("gossip"))),
        ("urgency", with("urgency", json!("whenever"))),
        ("consent", with("consent", json!("maybe"))),
        ("consent", without_consent),
        ("whole_chat", with("whole_chat", json!(true))),
    ];
    for (field, body) in cases {
        let reply = counselor.send(Method::POST, "/api/cases", Some(body)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            reply.body
        );
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(field), "{field} is not named in {message}");
    }
    let malformed = counselor
        .send_raw(
            Method::POST,
            "/api/cases",
            "application/json",
            "{\"summary\":",
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(counselor.get("/api/cases").await.body["cases"], json!([]));
    let log = audit(&admin).await;
    assert!(log.iter().all(|e| e["action"] != "case.create"));

    // Notes and status changes are checked too.
    let id = create_case(&counselor, good).await;
    for body in [json!({ "body": "" }), json!({ "body": "x".repeat(2001) })] {
        let reply = counselor
            .send(
                Method::POST,
                &format!("{}/notes", case_path(id)),
                Some(body),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(reply.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("body"));
    }
    let suggestions = counselor
        .get("/api/cases/suggestions?help_kind=astrology")
        .await;
    assert_eq!(suggestions.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(suggestions.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("help_kind"));
    let read = counselor.get(&case_path(id)).await;
    assert_eq!(read.body["case"]["notes"], json!([]));
}

async fn partners_move_a_case_forward_only(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPO", &[], &["carer_support"]).await;
    let (counselor_id, counselor) = staff(&server, "co-1", Role::Counselor, None).await;
    let (_, partner) = staff(&server, "npo", Role::Partner, Some(org)).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;
    let id = create_case(&counselor, routine_case(chat.id, org, &[1])).await;
    let status_path = format!("{}/status", case_path(id));
    let change =
        |status: &str, outcome: Option<&str>| json!({ "status": status, "outcome": outcome });
    let steps = [
        (
            change("closed", Some("other")),
            StatusCode::CONFLICT,
            "open",
        ),
        (change("in_progress", None), StatusCode::CONFLICT, "open"),
        (
            change("acknowledged", Some("other")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "open",
        ),
        (change("acknowledged", None), StatusCode::OK, "acknowledged"),
        (
            change("acknowledged", None),
            StatusCode::CONFLICT,
            "acknowledged",
        ),
        (
            change("closed", None),
            StatusCode::UNPROCESSABLE_ENTITY,
            "acknowledged",
        ),
        (
            change("closed", Some("gone")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "acknowledged",
        ),
        (change("open", None), StatusCode::CONFLICT, "acknowledged"),
        (
            change("closed", Some("no_contact_possible")),
            StatusCode::OK,
            "closed",
        ),
        (change("in_progress", None), StatusCode::CONFLICT, "closed"),
    ];
    for (body, want, after) in steps {
        let reply = partner
            .send(Method::POST, &status_path, Some(body.clone()))
            .await;
        assert_eq!(reply.status, want, "{body}: {}", reply.body);
        if want == StatusCode::CONFLICT {
            assert_eq!(reply.body["error"]["code"], "invalid_transition");
        }
        if want == StatusCode::UNPROCESSABLE_ENTITY {
            assert!(reply.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("outcome"));
        }
        assert_eq!(
            partner.get(&case_path(id)).await.body["case"]["status"],
            after
        );
    }
    let log = audit(&admin).await;
    assert_eq!(entries(&log, "case.status", &format!("case:{id}")).len(), 2);
}

async fn suggestions_match_the_kind_of_help_and_the_municipality(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    organisation(&admin, "A 港区ケア", &["港区"], &["carer_support"]).await;
    organisation(
        &admin,
        "B 世田谷ケア",
        &["世田谷区", "目黒区"],
        &["carer_support", "health"],
    )
    .await;
    organisation(&admin, "C 世田谷保護", &["世田谷区"], &["child_protection"]).await;
    let (_, counselor) = staff(&server, "co-1", Role::Counselor, None).await;
    let names = |reply: yorisoi_tests::server::Reply| -> Vec<(String, bool)> {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["organisation"]["name"].as_str().unwrap().to_owned(),
                    s["serves_municipality"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let found = names(
        counselor
            .get("/api/cases/suggestions?help_kind=carer_support&municipality=%E4%B8%96%E7%94%B0%E8%B0%B7%E5%8C%BA")
            .await,
    );
    assert_eq!(
        found,
        [
            ("B 世田谷ケア".to_owned(), true),
            ("A 港区ケア".to_owned(), false)
        ]
    );
    let found = names(
        counselor
            .get("/api/cases/suggestions?help_kind=child_protection")
            .await,
    );
    assert_eq!(found, [("C 世田谷保護".to_owned(), false)]);
    let all = names(counselor.get("/api/cases/suggestions").await);
    assert_eq!(all.len(), 3);
    let reply = counselor.get("/api/cases/suggestions?kind=npo").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The directory entry carries what the counsellor needs to choose.
    let entry = counselor
        .get("/api/cases/suggestions?help_kind=health")
        .await;
    assert_eq!(
        entry.body["suggestions"][0]["organisation"]["on_call_note"],
        "夜間は当番携帯"
    );
}

fn time(value: &Value) -> jiff::Timestamp {
    value.as_str().unwrap().parse().unwrap()
}

/// The clock is moved by calling the check the server runs every few seconds
/// with a chosen instant; the deadlines are the defaults (confirmation 5
/// minutes, emergency 15 minutes, routine 3 days).
async fn a_case_past_its_deadline_alerts_supervisors_once_and_shows_red(server: TestServer) {
    use jiff::SignedDuration;
    let minutes = SignedDuration::from_mins;
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPOせたがやケア", &["世田谷区"], &["crisis"]).await;
    let (counselor_id, counselor) = staff(&server, "hana", Role::Counselor, None).await;
    let (_, partner) = staff(&server, "npo-sato", Role::Partner, Some(org)).await;
    let (_, confirmer) = staff(&server, "kei", Role::Supervisor, None).await;
    let mut watch = Console::open(&server, "mori", Role::Supervisor).await;
    let mut own_console = Console::with_client(&server, counselor.clone_for(&server)).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;
    let escalation = &server.app.escalation;

    // An emergency waits for a second staff member: due 5 minutes after creation.
    let mut body = routine_case(chat.id, org, &[1]);
    body["urgency"] = json!("emergency");
    let id = create_case(&counselor, body).await;
    let case = counselor.get(&case_path(id)).await.body["case"].clone();
    let created = time(&case["created_at"]);
    assert_eq!(time(&case["confirm_due_at"]), created + minutes(5));
    assert_eq!(case["ack_due_at"], Value::Null);
    assert_eq!(case["overdue"], false);

    let fired = escalation
        .check_clocks(created + minutes(5) - SignedDuration::from_millis(1))
        .await
        .unwrap();
    assert!(fired.is_empty(), "not before the deadline: {fired:?}");
    let fired = escalation.check_clocks(created + minutes(5)).await.unwrap();
    assert_eq!(fired.len(), 1);
    let alert = watch.socket.expect("case_overdue").await;
    assert_eq!(alert["case_id"], json!(id));
    assert_eq!(alert["waiting_for"], "confirmation");
    assert_eq!(alert["urgency"], "emergency");
    // Once: a later check (or another node) does not alert again.
    assert!(escalation
        .check_clocks(created + minutes(60))
        .await
        .unwrap()
        .is_empty());
    watch
        .socket
        .expect_none("case_overdue", std::time::Duration::from_millis(300))
        .await;
    // The counsellor's console is not the supervisors' alert channel.
    own_console
        .socket
        .expect_none("case_overdue", std::time::Duration::from_millis(100))
        .await;
    let listed = counselor.get("/api/cases").await.body["cases"][0].clone();
    assert_eq!(listed["overdue"], true, "shown red in lists too");

    // Confirmed and released: now the partner's 15 minutes to acknowledge run.
    let confirmed = confirmer
        .send(Method::POST, &format!("{}/confirm", case_path(id)), None)
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let released = time(&confirmed.body["case"]["released_at"]);
    assert_eq!(confirmed.body["case"]["overdue"], false);
    assert_eq!(confirmed.body["case"]["confirm_due_at"], Value::Null);
    let seen = partner.get(&case_path(id)).await.body["case"].clone();
    assert_eq!(time(&seen["ack_due_at"]), released + minutes(15));
    assert_eq!(seen["overdue"], false);
    assert!(seen.get("confirm_due_at").is_none());

    assert!(escalation
        .check_clocks(released + minutes(15) - SignedDuration::from_millis(1))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        escalation
            .check_clocks(released + minutes(15))
            .await
            .unwrap()
            .len(),
        1
    );
    let alert = watch.socket.expect("case_overdue").await;
    assert_eq!(alert["waiting_for"], "acknowledgement");
    let partner_list = partner.get("/api/cases").await.body["cases"][0].clone();
    assert_eq!(partner_list["overdue"], true);
    assert!(partner_list.get("confirm_due_at").is_none());

    // Acknowledged: the clock stops and the red goes.
    let acknowledged = partner
        .send(
            Method::POST,
            &format!("{}/status", case_path(id)),
            Some(json!({ "status": "acknowledged" })),
        )
        .await;
    assert_eq!(acknowledged.status, StatusCode::OK, "{}", acknowledged.body);
    assert_eq!(acknowledged.body["case"]["overdue"], false);
    assert_eq!(acknowledged.body["case"]["ack_due_at"], Value::Null);

    // A routine case has three days.
    let routine = create_case(&counselor, routine_case(chat.id, org, &[2])).await;
    let case = counselor.get(&case_path(routine)).await.body["case"].clone();
    let released = time(&case["released_at"]);
    assert_eq!(
        time(&case["ack_due_at"]),
        released + SignedDuration::from_hours(72)
    );
    assert!(escalation
        .check_clocks(released + SignedDuration::from_hours(71))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        escalation
            .check_clocks(released + SignedDuration::from_hours(72))
            .await
            .unwrap()
            .len(),
        1
    );

    // Each alert is in the audit log, by the system (no actor).
    let log = audit(&admin).await;
    let overdue = entries(&log, "case.overdue", &format!("case:{id}"));
    assert_eq!(overdue.len(), 2);
    assert!(overdue.iter().all(|e| e["actor_id"].is_null()));
}

async fn a_crisis_message_suggests_an_escalation_to_confirm_or_dismiss_with_a_reason(
    server: TestServer,
) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "いのち支援センター", &["港区"], &["crisis"]).await;
    open_line(&server, "anytime").await;
    let mut teen = Teen::new(&server).await;
    let chat = teen.start("anytime").await;
    let mut counselor = Console::open(&server, "hana", Role::Counselor).await;
    counselor.take(&chat).await;
    let (_, other) = staff(&server, "ren", Role::Counselor, None).await;
    let (_, supervisor) = staff(&server, "mori", Role::Supervisor, None).await;
    let nudge_path = format!("/api/cases/nudges?conversation_id={chat}");

    // An everyday message suggests nothing.
    teen.say(&chat, "m1", "今日は学校で疲れた").await;
    let none = counselor.client.get(&nudge_path).await;
    assert_eq!(none.status, StatusCode::OK, "{}", none.body);
    assert_eq!(none.body["nudge"], Value::Null);

    // A crisis: the counsellor's console is told, and the suggestion is prefilled.
    let ack = teen.say(&chat, "m2", "今夜薬を全部飲んで死ぬ").await;
    let frame = counselor.socket.expect("nudge").await;
    assert_eq!(frame["conversation_id"], chat.as_str());
    let nudge = counselor.client.get(&nudge_path).await.body["nudge"].clone();
    assert_eq!(nudge["status"], "pending");
    assert_eq!(nudge["reason"], "suicide_risk");
    assert_eq!(nudge["urgency"], "emergency");
    assert_eq!(nudge["excerpt_seqs"], json!([ack["seq"]]));
    assert!(
        nudge["summary"].as_str().unwrap().contains("薬を全部飲"),
        "{nudge}"
    );
    let id = nudge["id"].as_str().unwrap().to_owned();

    // Only the chat's counsellor and supervisors see it or act on it.
    assert_eq!(
        supervisor.get(&nudge_path).await.body["nudge"]["id"],
        id.as_str()
    );
    let dismiss_path = format!("/api/cases/nudges/{id}/dismiss");
    let reason = json!({ "reason": "本人と安全計画を確認した。明日また話す約束をした。" });
    for attempt in [
        other.get(&nudge_path).await,
        other
            .send(Method::POST, &dismiss_path, Some(reason.clone()))
            .await,
    ] {
        assert_eq!(attempt.status, StatusCode::NOT_FOUND, "{}", attempt.body);
    }

    // A second crisis message joins the same suggestion.
    let second = teen
        .say(&chat, "m3", "父に毎日殴られてる、今日も帰ったら殺される")
        .await;
    counselor.socket.expect("nudge").await;
    let joined = counselor.client.get(&nudge_path).await.body["nudge"].clone();
    assert_eq!(joined["id"], id.as_str());
    assert_eq!(joined["excerpt_seqs"], json!([ack["seq"], second["seq"]]));
    assert_eq!(joined["reason"], "suicide_risk", "suicide risk comes first");

    // Dismissing needs a reason; without one nothing changes.
    let empty = counselor
        .client
        .send(Method::POST, &dismiss_path, Some(json!({ "reason": "  " })))
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.body["error"]["code"], "invalid_field");
    assert!(
        empty.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("reason:"),
        "{}",
        empty.body
    );
    assert_eq!(
        counselor.client.get(&nudge_path).await.body["nudge"]["status"],
        "pending"
    );
    let dismissed = counselor
        .client
        .send(Method::POST, &dismiss_path, Some(reason.clone()))
        .await;
    assert_eq!(dismissed.status, StatusCode::OK, "{}", dismissed.body);
    assert_eq!(dismissed.body["nudge"]["status"], "dismissed");
    assert_eq!(dismissed.body["nudge"]["dismiss_reason"], reason["reason"]);
    let again = counselor
        .client
        .send(Method::POST, &dismiss_path, Some(reason.clone()))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.body["error"]["code"], "already_decided");
    assert_eq!(
        counselor.client.get(&nudge_path).await.body["nudge"],
        Value::Null
    );
    let log = audit(&admin).await;
    let dismissals = entries(&log, "nudge.dismiss", &format!("conversation:{chat}"));
    assert_eq!(dismissals.len(), 1);
    assert_eq!(dismissals[0]["detail"]["reason"], reason["reason"]);

    // A later crisis suggests again; escalating the chat settles it.
    let third = teen.say(&chat, "m4", "もう今から飛び降りる").await;
    counselor.socket.expect("nudge").await;
    let fresh = counselor.client.get(&nudge_path).await.body["nudge"].clone();
    assert_ne!(fresh["id"], id.as_str());
    assert_eq!(fresh["excerpt_seqs"], json!([third["seq"]]));
    let mut body = routine_case(
        chat.parse().unwrap(),
        org,
        &[third["seq"].as_i64().unwrap()],
    );
    body["summary"] = fresh["summary"].clone();
    body["reason"] = fresh["reason"].clone();
    body["urgency"] = fresh["urgency"].clone();
    body["consent"] = json!("not_asked");
    create_case(&counselor.client, body).await;
    assert_eq!(
        counselor.client.get(&nudge_path).await.body["nudge"],
        Value::Null
    );
}

async fn a_moderator_hands_a_salon_post_to_a_partner_without_the_member(server: TestServer) {
    const ROOM: &str = "cases-room";
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPOせたがやケア", &["世田谷区"], &["crisis"]).await;
    let (_, partner) = staff(&server, "npo-sato", Role::Partner, Some(org)).await;
    let (_, counselor) = staff(&server, "hana", Role::Counselor, None).await;
    let (_, other_moderator) = staff(&server, "mod-other", Role::Moderator, None).await;
    let mut moderator = Moderator::open(&server, "mod-case").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut member = Participant::new(&server).await;
    member.join(ROOM, "あおい").await;
    let earlier = member
        .say(ROOM, "a-1", "今日も母の介護で部活に行けなかった")
        .await;
    let earlier_seq = earlier["seq"].as_i64().unwrap();
    let ack = member.say(ROOM, "a-2", "もう死にたい").await;
    assert_eq!(ack["state"], "withheld");
    let alert = moderator.socket.expect("alert").await;
    let post_id = alert["post_id"].as_str().unwrap().to_owned();
    let case = |post: &str, seqs: &[i64]| {
        json!({
            "salon_post_id": post,
            "organisation_id": org,
            "reason": "suicide_risk",
            "urgency": "urgent",
            "summary": "サロンで希死念慮の投稿。母の介護の負担が大きい様子。",
            "excerpt_seqs": seqs,
            "consent": "not_asked"
        })
    };

    // Only moderators and supervisors escalate from the salon; only posts by members.
    let by_counselor = counselor
        .send(Method::POST, "/api/cases", Some(case(&post_id, &[])))
        .await;
    assert_eq!(by_counselor.status, StatusCode::FORBIDDEN);
    let missing = moderator
        .call(
            Method::POST,
            "/api/cases",
            case(&Uuid::new_v4().to_string(), &[]),
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("salon_post_id:"));
    let beyond = moderator
        .call(
            Method::POST,
            "/api/cases",
            case(&post_id, &[earlier_seq + 50]),
        )
        .await;
    assert_eq!(
        beyond.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        beyond.body
    );
    assert!(
        moderator.client.get("/api/cases").await.body["cases"]
            .as_array()
            .unwrap()
            .is_empty(),
        "refusals store nothing"
    );

    let created = moderator
        .call(Method::POST, "/api/cases", case(&post_id, &[earlier_seq]))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let made = &created.body["case"];
    assert_eq!(made["source"], "salon");
    assert_eq!(made["conversation_id"], Value::Null);
    assert_eq!(made["salon_post_id"], post_id.as_str());
    let bodies: Vec<&str> = made["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        ["もう死にたい", "今日も母の介護で部活に行けなかった"]
    );
    assert_eq!(made["excerpts"][0]["seq"], 0, "never reached the room");
    let id = made["id"].as_str().unwrap().to_owned();

    // The moderator follows their own case; another moderator sees none.
    let own = moderator.client.get("/api/cases").await;
    assert_eq!(own.body["cases"][0]["id"], id.as_str());
    assert_eq!(own.body["cases"][0]["source"], "salon");
    assert!(other_moderator.get("/api/cases").await.body["cases"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        other_moderator.get(&case_path(&id)).await.status,
        StatusCode::NOT_FOUND
    );

    // The partner gets the words, not the member: no post id, no nickname.
    let seen = partner.get(&case_path(&id)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body["case"]["source"], "salon");
    assert!(seen.body["case"].get("salon_post_id").is_none());
    let text = seen.body.to_string();
    assert!(
        !text.contains("あおい") && !text.contains(&post_id),
        "{text}"
    );
    assert!(text.contains("もう死にたい"));
}
