//! Cases live, on every engine: the partner console's socket (`/ws/partner`)
//! and the case frames of the counsellors' and supervisors' consoles
//! (`/ws/staff`) and of the moderators' consoles (`/ws/moderator`). Who may open which socket, and what each one receives, is a
//! table like the HTTP authorisation matrix in `escalation.rs`.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use yorisoi::staff::Role;
use yorisoi_tests::escalation::{assigned_chat, create_case, organisation, routine_case, staff};
use yorisoi_tests::salon::{Moderator, Participant};
use yorisoi_tests::server::{Client, TestServer};
use yorisoi_tests::ws::{connect, connect_from, Socket};

yorisoi_tests::on_every_engine!(
    a_partner_console_gets_its_organisations_released_cases_live_and_nothing_else,
    staff_consoles_get_only_the_case_changes_their_role_may_see,
    a_moderator_console_follows_only_the_salon_cases_its_moderator_escalated,
    authorisation_matrix_over_the_live_sockets,
    a_partner_console_closes_when_its_session_ends_or_the_account_is_disabled,
);

const LINES: [&str; 2] = [
    "お母さんの介護で学校に行けない日が多い",
    "話してくれてありがとう。",
];

/// Long enough for a frame that should not come to have come.
const QUIET: Duration = Duration::from_millis(700);

async fn open(server: &TestServer, path: &str, client: &Client) -> Socket {
    connect(server, path, client.cookie.as_deref())
        .await
        .unwrap_or_else(|status| panic!("{path} refused with {status}"))
}

fn emergency(chat: Uuid, org: Uuid) -> Value {
    let mut body = routine_case(chat, org, &[1]);
    body["urgency"] = json!("emergency");
    body
}

async fn status(partner: &Client, id: Uuid, to: &str) {
    let reply = partner
        .send(
            Method::POST,
            &format!("/api/cases/{id}/status"),
            Some(json!({ "status": to })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

async fn confirm(supervisor: &Client, id: Uuid) {
    let reply = supervisor
        .send(Method::POST, &format!("/api/cases/{id}/confirm"), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

fn case_ids(frames: &[Value]) -> Vec<String> {
    frames
        .iter()
        .filter(|f| f["type"] == "case")
        .map(|f| f["case"]["id"].as_str().unwrap().to_owned())
        .collect()
}

fn listed(frame: &Value) -> Vec<String> {
    frame["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_partner_console_gets_its_organisations_released_cases_live_and_nothing_else(
    server: TestServer,
) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org_a = organisation(&admin, "NPO-A", &["世田谷区"], &["carer_support"]).await;
    let org_b = organisation(&admin, "NPO-B", &["港区"], &["carer_support"]).await;
    let (counselor_id, counselor) = staff(&server, "hana", Role::Counselor, None).await;
    let (_, supervisor) = staff(&server, "sup", Role::Supervisor, None).await;
    let (partner_id, partner_a) = staff(&server, "partner-a", Role::Partner, Some(org_a)).await;
    let (_, partner_b) = staff(&server, "partner-b", Role::Partner, Some(org_b)).await;
    let chat = assigned_chat(&server, counselor_id, &LINES).await;
    let earlier = create_case(&counselor, routine_case(chat.id, org_a, &[1])).await;

    let mut console_a = open(&server, "/ws/partner", &partner_a).await;
    let mut console_b = open(&server, "/ws/partner", &partner_b).await;
    let ready = console_a.expect("ready").await;
    assert_eq!(ready["account"]["id"], json!(partner_id));
    assert_eq!(listed(&ready), vec![earlier.to_string()]);
    let line = &ready["cases"][0];
    assert!(line.get("created_by").is_none() && line.get("awaiting_confirmation").is_none());
    assert!(line["released_at"].is_string());
    assert!(listed(&console_b.expect("ready").await).is_empty());

    // A routine case appears at once, as the partner's list line.
    let routine = create_case(&counselor, routine_case(chat.id, org_a, &[1, 2])).await;
    let frame = console_a
        .expect_where("case", |f| f["case"]["id"] == json!(routine))
        .await;
    assert_eq!(frame["change"], "created");
    assert_eq!(frame["case"]["status"], "open");
    assert_eq!(frame["case"]["organisation_name"], "NPO-A");
    let text = frame.to_string();
    assert!(!text.contains(&chat.id.to_string()), "no conversation id");
    assert!(!text.contains(&counselor_id.to_string()), "no staff ids");
    assert!(!text.contains(LINES[0]), "no excerpts in a list line");

    // An emergency is not announced until a second staff member confirms it.
    let urgent = create_case(&counselor, emergency(chat.id, org_a)).await;
    let quiet = console_a.drain(QUIET).await;
    assert!(
        !case_ids(&quiet).contains(&urgent.to_string()),
        "an unconfirmed emergency reached the partner: {quiet:?}"
    );
    confirm(&supervisor, urgent).await;
    let frame = console_a
        .expect_where("case", |f| f["case"]["id"] == json!(urgent))
        .await;
    assert_eq!(frame["change"], "confirmed");
    assert_eq!(frame["case"]["urgency"], "emergency");

    // The partner's own actions (over HTTP) come back on the socket too.
    status(&partner_a, routine, "acknowledged").await;
    let frame = console_a
        .expect_where("case", |f| {
            f["case"]["id"] == json!(routine) && f["case"]["status"] == "acknowledged"
        })
        .await;
    assert_eq!(frame["change"], "status");

    // The socket takes pings and nothing else; a refused frame changes nothing.
    console_a.send(json!({ "type": "ping" })).await;
    console_a.expect("pong").await;
    for (frame, code) in [
        (
            json!({ "v": 1, "type": "status", "case_id": routine, "status": "closed", "ref": "r1" }),
            "unknown_type",
        ),
        (
            json!({ "v": 1, "type": "ping", "extra": 1 }),
            "invalid_frame",
        ),
        (json!({ "type": "ping" }), "unsupported_version"),
    ] {
        console_a.send_text(&frame.to_string()).await;
        let error = console_a.expect("error").await;
        assert_eq!(error["code"], code, "{error}");
        assert!(error["message"].as_str().unwrap().len() > 10);
    }
    console_a.send_text("{not json").await;
    assert_eq!(console_a.expect("error").await["code"], "malformed_json");
    let read = partner_a.get(&format!("/api/cases/{routine}")).await;
    assert_eq!(read.body["case"]["status"], "acknowledged");

    // The other organisation's console heard of none of it.
    let heard = console_b.drain(QUIET).await;
    assert!(case_ids(&heard).is_empty(), "{heard:?}");

    // Every live re-read is an audited read by the partner.
    let log = admin.get("/api/admin/audit?limit=1000").await.body;
    let reads = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["action"] == "case.read"
                && e["actor_id"] == json!(partner_id)
                && e["detail"]["side"] == "partner"
        })
        .count();
    assert!(reads >= 3, "{reads} audited reads");

    // A console that reconnects gets the whole list again.
    let mut again = open(&server, "/ws/partner", &partner_a).await;
    let mut ids = listed(&again.expect("ready").await);
    ids.sort();
    let mut want = vec![earlier.to_string(), routine.to_string(), urgent.to_string()];
    want.sort();
    assert_eq!(ids, want);
}

async fn staff_consoles_get_only_the_case_changes_their_role_may_see(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPO-A", &["世田谷区"], &["carer_support"]).await;
    let (own_id, own) = staff(&server, "co-own", Role::Counselor, None).await;
    let (other_id, other) = staff(&server, "co-other", Role::Counselor, None).await;
    let (_, supervisor) = staff(&server, "sup", Role::Supervisor, None).await;
    let (_, partner) = staff(&server, "partner", Role::Partner, Some(org)).await;
    let own_chat = assigned_chat(&server, own_id, &LINES).await;
    let other_chat = assigned_chat(&server, other_id, &LINES).await;

    let mut own_console = open(&server, "/ws/staff", &own).await;
    let mut other_console = open(&server, "/ws/staff", &other).await;
    let mut sup_console = open(&server, "/ws/staff", &supervisor).await;
    for console in [&mut own_console, &mut other_console, &mut sup_console] {
        console.expect("ready").await;
    }

    let case = create_case(&own, routine_case(own_chat.id, org, &[1])).await;
    for console in [&mut own_console, &mut sup_console] {
        let frame = console
            .expect_where("case", |f| f["case"]["id"] == json!(case))
            .await;
        assert_eq!(frame["change"], "created");
        assert_eq!(frame["case"]["created_by"], json!(own_id));
        assert_eq!(frame["case"]["awaiting_confirmation"], false);
    }
    status(&partner, case, "acknowledged").await;
    for console in [&mut own_console, &mut sup_console] {
        console
            .expect_where("case", |f| {
                f["case"]["id"] == json!(case) && f["case"]["status"] == "acknowledged"
            })
            .await;
    }

    // The other counsellor's emergency: the supervisor sees it wait; the first
    // counsellor hears nothing of it.
    let theirs = create_case(&other, emergency(other_chat.id, org)).await;
    let frame = sup_console
        .expect_where("case", |f| f["case"]["id"] == json!(theirs))
        .await;
    assert_eq!(frame["case"]["awaiting_confirmation"], true);
    other_console
        .expect_where("case", |f| f["case"]["id"] == json!(theirs))
        .await;

    let own_heard = case_ids(&own_console.drain(QUIET).await);
    assert!(!own_heard.contains(&theirs.to_string()), "{own_heard:?}");
    let other_heard = case_ids(&other_console.drain(QUIET).await);
    assert!(!other_heard.contains(&case.to_string()), "{other_heard:?}");
}

/// A salon case from the post the moderator was alerted to.
fn salon_case(post_id: &str, org: Uuid) -> Value {
    json!({
        "salon_post_id": post_id,
        "organisation_id": org,
        "reason": "suicide_risk",
        "urgency": "urgent",
        "summary": "サロンで希死念慮の投稿。",
        "consent": "not_asked"
    })
}

async fn a_moderator_console_follows_only_the_salon_cases_its_moderator_escalated(
    server: TestServer,
) {
    const ROOM: &str = "live-cases";
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPO-A", &["世田谷区"], &["crisis"]).await;
    let (_, partner) = staff(&server, "partner", Role::Partner, Some(org)).await;
    let (_, supervisor) = staff(&server, "sup", Role::Supervisor, None).await;
    let mut own = Moderator::open(&server, "mod-own").await;
    let mut other = Moderator::open(&server, "mod-other").await;
    let mut sup_console = open(&server, "/ws/moderator", &supervisor).await;
    sup_console.expect("ready").await;
    own.open_room(ROOM, json!({})).await;
    let mut member = Participant::new(&server).await;
    member.join(ROOM, "あおい").await;
    let mut alerts = Vec::new();
    for (id, body) in [
        ("a-1", "もう死にたい"),
        ("a-2", "消えてしまいたい、死にたい"),
    ] {
        assert_eq!(member.say(ROOM, id, body).await["state"], "withheld");
        let alert = own
            .socket
            .expect_where("alert", |f| f["body"] == body)
            .await;
        alerts.push(alert["post_id"].as_str().unwrap().to_owned());
    }

    // Each moderator escalates one post.
    let made = own
        .call(Method::POST, "/api/cases", salon_case(&alerts[0], org))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let mine: Uuid = made.body["case"]["id"].as_str().unwrap().parse().unwrap();
    let made = other
        .call(Method::POST, "/api/cases", salon_case(&alerts[1], org))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let theirs: Uuid = made.body["case"]["id"].as_str().unwrap().parse().unwrap();

    // Created, then acknowledged by the partner: the moderator's console follows,
    // with the line as GET /api/cases lists it for the moderator.
    let frame = own
        .socket
        .expect_where("case", |f| f["case"]["id"] == json!(mine))
        .await;
    assert_eq!(frame["change"], "created");
    assert_eq!(frame["case"]["status"], "open");
    assert_eq!(frame["case"]["source"], "salon");
    assert!(frame["case"]["ack_due_at"].is_string(), "{frame}");
    assert_eq!(frame["case"]["overdue"], false);
    status(&partner, mine, "acknowledged").await;
    let frame = own
        .socket
        .expect_where("case", |f| {
            f["case"]["id"] == json!(mine) && f["case"]["status"] == "acknowledged"
        })
        .await;
    assert_eq!(frame["change"], "status");
    let listed_line = own.client.get("/api/cases").await.body["cases"][0].clone();
    assert_eq!(frame["case"], listed_line);
    status(&partner, theirs, "acknowledged").await;

    // Never another moderator's case, either way round.
    let own_heard = case_ids(&own.socket.drain(QUIET).await);
    assert!(!own_heard.contains(&theirs.to_string()), "{own_heard:?}");
    let other_heard = case_ids(&other.socket.drain(QUIET).await);
    assert!(other_heard.contains(&theirs.to_string()), "{other_heard:?}");
    assert!(!other_heard.contains(&mine.to_string()), "{other_heard:?}");

    // A supervisor on the moderation console follows every case.
    let sup_heard = case_ids(&sup_console.drain(QUIET).await);
    for id in [mine, theirs] {
        assert!(sup_heard.contains(&id.to_string()), "{sup_heard:?}");
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Admin,
    Supervisor,
    CounselorOwn,
    CounselorOther,
    Moderator,
    PartnerOwnOrg,
    PartnerOtherOrg,
    Anonymous,
}

const EVERYONE: [Who; 8] = [
    Who::Admin,
    Who::Supervisor,
    Who::CounselorOwn,
    Who::CounselorOther,
    Who::Moderator,
    Who::PartnerOwnOrg,
    Who::PartnerOtherOrg,
    Who::Anonymous,
];

/// What one role gets from one socket: refused with a status, or opened and
/// then hearing (or not) of a case of the own counsellor to the own organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gets {
    Refused(u16),
    /// Opens; the released case is in its first list and arrives live.
    Hears,
    /// Opens; never lists it, never hears of it.
    Deaf,
}

async fn authorisation_matrix_over_the_live_sockets(server: TestServer) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org_a = organisation(&admin, "NPO-A", &["世田谷区"], &["carer_support"]).await;
    let org_b = organisation(&admin, "NPO-B", &["港区"], &["carer_support"]).await;
    let (_, supervisor) = staff(&server, "sup", Role::Supervisor, None).await;
    let (own_id, own) = staff(&server, "co-own", Role::Counselor, None).await;
    let (_, other) = staff(&server, "co-other", Role::Counselor, None).await;
    let (_, moderator) = staff(&server, "mod", Role::Moderator, None).await;
    let (_, partner_a) = staff(&server, "partner-a", Role::Partner, Some(org_a)).await;
    let (_, partner_b) = staff(&server, "partner-b", Role::Partner, Some(org_b)).await;
    let anonymous = server.client();
    let client = |who: Who| -> &Client {
        match who {
            Who::Admin => &admin,
            Who::Supervisor => &supervisor,
            Who::CounselorOwn => &own,
            Who::CounselorOther => &other,
            Who::Moderator => &moderator,
            Who::PartnerOwnOrg => &partner_a,
            Who::PartnerOtherOrg => &partner_b,
            Who::Anonymous => &anonymous,
        }
    };
    let chat = assigned_chat(&server, own_id, &LINES).await;
    let released = create_case(&own, routine_case(chat.id, org_a, &[1])).await;
    let awaiting = create_case(&own, emergency(chat.id, org_a)).await;

    use Gets::{Deaf, Hears, Refused};
    // (socket, the frame that lists cases at open, what each of EVERYONE gets)
    let rows: [(&str, Option<&str>, [Gets; 8]); 3] = [
        (
            "/ws/partner",
            Some("ready"),
            [
                Refused(403),
                Refused(403),
                Refused(403),
                Refused(403),
                Refused(403),
                Hears,
                Deaf,
                Refused(401),
            ],
        ),
        (
            "/ws/moderator",
            // Like the staff console: cases over HTTP, changes on the socket.
            // Before it: a staff console that closes returns its counsellor's
            // chats to the queue after the grace period.
            None,
            [
                Refused(403),
                Hears,
                Refused(403),
                Refused(403),
                Deaf,
                Refused(403),
                Refused(403),
                Refused(401),
            ],
        ),
        (
            "/ws/staff",
            // The console lists cases over HTTP; the socket carries changes.
            None,
            [
                Refused(403),
                Hears,
                Hears,
                Deaf,
                Refused(403),
                Refused(403),
                Refused(403),
                Refused(401),
            ],
        ),
    ];
    for (path, list_frame, expected) in rows {
        let mut opened = Vec::new();
        for (who, want) in EVERYONE.into_iter().zip(expected) {
            let result = connect(&server, path, client(who).cookie.as_deref()).await;
            match (result, want) {
                (Err(status), Refused(code)) => assert_eq!(status, code, "{who:?} on {path}"),
                (Err(status), _) => panic!("{who:?} refused on {path} with {status}"),
                (Ok(_), Refused(code)) => panic!("{who:?} opened {path}; wanted {code}"),
                (Ok(mut socket), _) => {
                    let ready = socket.expect("ready").await;
                    if let Some(kind) = list_frame {
                        assert_eq!(kind, "ready");
                        let ids = listed(&ready);
                        assert_eq!(
                            ids.contains(&released.to_string()),
                            want == Hears,
                            "{who:?} on {path}: {ids:?}"
                        );
                        assert!(
                            !ids.contains(&awaiting.to_string()),
                            "{who:?} listed an unconfirmed emergency on {path}"
                        );
                    }
                    opened.push((who, want, socket));
                }
            }
        }
        // A change to the released case, and a new case awaiting confirmation.
        let note = own
            .send(
                Method::POST,
                &format!("/api/cases/{released}/notes"),
                Some(json!({ "body": "追記です" })),
            )
            .await;
        assert_eq!(note.status, StatusCode::CREATED);
        let hidden = create_case(&own, emergency(chat.id, org_a)).await;
        for (who, want, mut socket) in opened {
            let frames = socket.drain(QUIET * 2).await;
            let heard = case_ids(&frames);
            assert_eq!(
                heard.contains(&released.to_string()),
                want == Hears,
                "{who:?} on {path}: {frames:?}"
            );
            let escalating_side = path != "/ws/partner" && want == Hears;
            assert_eq!(
                heard.contains(&hidden.to_string()),
                escalating_side,
                "{who:?} on {path}: an emergency awaiting confirmation"
            );
            if who == Who::PartnerOwnOrg {
                let line = frames.iter().find(|f| f["type"] == "case").unwrap();
                assert_eq!(line["change"], "note");
                assert!(line["case"].get("created_by").is_none());
            }
        }
    }

    // From another site, nobody opens any of them.
    for path in ["/ws/partner", "/ws/staff", "/ws/moderator"] {
        let refused = connect_from(
            &server,
            path,
            "https://evil.example",
            partner_a.cookie.as_deref(),
        )
        .await;
        assert_eq!(refused.err(), Some(403), "{path}");
    }
}

async fn a_partner_console_closes_when_its_session_ends_or_the_account_is_disabled(
    server: TestServer,
) {
    let (_, admin) = staff(&server, "admin", Role::Admin, None).await;
    let org = organisation(&admin, "NPO-A", &[], &["carer_support"]).await;
    let (_, signed_out) = staff(&server, "partner-a", Role::Partner, Some(org)).await;
    let (disabled_id, disabled) = staff(&server, "partner-b", Role::Partner, Some(org)).await;

    let mut console = open(&server, "/ws/partner", &signed_out).await;
    console.expect("ready").await;
    let reply = signed_out
        .send(Method::DELETE, "/api/staff/session", None)
        .await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let error = console.expect("error").await;
    assert_eq!(error["code"], "session_ended");
    assert!(console.closed_within(Duration::from_secs(5)).await);
    assert_eq!(
        connect(&server, "/ws/partner", signed_out.cookie.as_deref())
            .await
            .err(),
        Some(401)
    );

    let mut console = open(&server, "/ws/partner", &disabled).await;
    console.expect("ready").await;
    let reply = admin
        .send(
            Method::PATCH,
            &format!("/api/admin/accounts/{disabled_id}"),
            Some(json!({ "disabled": true })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(console.expect("error").await["code"], "session_ended");
    assert!(console.closed_within(Duration::from_secs(5)).await);
}
