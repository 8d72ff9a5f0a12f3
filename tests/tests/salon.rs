//! The online salon over real websockets: participants join rooms, talk, react
//! and report; moderators hold, approve, hide, warn, mute, remove and ban; a cry
//! for help is kept from the room and answered privately.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use yorisoi::staff::Role;
use yorisoi_tests::salon::{Moderator, Participant};
use yorisoi_tests::server::TestServer;
use yorisoi_tests::ws::{connect, open_line, Teen};

yorisoi_tests::on_every_engine!(
    participants_join_see_history_and_each_others_messages,
    first_messages_wait_for_a_moderator,
    the_rules_mask_hold_and_block,
    a_cry_for_help_is_kept_from_the_room_and_answered_privately,
    moderators_hide_warn_mute_and_remove,
    a_ban_holds_across_rooms_and_reconnects,
    reports_reach_the_moderators,
    slow_mode_pause_capacity_and_opening,
    a_dropped_participant_resumes_exactly,
    nicknames_are_text_and_unique,
    reactions_are_a_small_fixed_set,
    there_is_no_private_channel_and_every_frame_is_checked,
    a_cry_for_help_becomes_a_chat_at_the_top_of_the_queue,
    a_room_that_closes_with_the_clock_tells_its_participants,
);

const ROOM: &str = "evening";

async fn participants_join_see_history_and_each_others_messages(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-a").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    let mut c = Participant::new(&server).await;
    let joined = a.join(ROOM, "あおい").await;
    assert_eq!(joined["room"]["availability"], "open");
    assert_eq!(joined["me"]["nickname"], "あおい");
    b.join(ROOM, "はる").await;
    c.join(ROOM, "そら").await;
    let present = a
        .socket
        .expect_where("presence", |f| f["present"].as_array().unwrap().len() == 3)
        .await;
    assert_eq!(present["present"], json!(["あおい", "はる", "そら"]));

    let ack = a.say(ROOM, "a-1", "今日は母の通院に付き添いました").await;
    assert_eq!(
        (ack["state"].as_str(), ack["seq"].as_i64()),
        (Some("published"), Some(1))
    );
    for other in [&mut b, &mut c] {
        let seen = other.sees("今日は母の通院に付き添いました").await;
        assert_eq!(
            (seen["nickname"].as_str(), seen["mine"].as_bool()),
            (Some("あおい"), Some(false))
        );
        assert!(
            seen.get("member_id").is_none(),
            "participants never see who is behind a nickname"
        );
        assert!(seen["client_msg_id"].is_null());
    }
    let own = a.sees("今日は母の通院に付き添いました").await;
    assert_eq!(
        (own["mine"].as_bool(), own["client_msg_id"].as_str()),
        (Some(true), Some("a-1"))
    );
    b.say(ROOM, "b-1", "おつかれさま").await;
    moderator.member_of("おつかれさま").await;

    // A moderator's message is marked as such.
    let posted = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/rooms/{ROOM}/messages"),
            json!({ "client_msg_id": "m-1", "body": "ようこそ。ゆっくり話してね" }),
        )
        .await;
    assert_eq!(posted.status, 201, "{}", posted.body);
    let from_staff = c.sees("ようこそ。ゆっくり話してね").await;
    assert_eq!(from_staff["moderator"], true);

    // A newcomer gets the recent history, in order.
    let mut d = Participant::new(&server).await;
    d.join(ROOM, "なつ").await;
    let history: Vec<String> = d
        .socket
        .drain(Duration::from_millis(500))
        .await
        .into_iter()
        .filter(|f| f["type"] == "message")
        .map(|f| f["body"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        history,
        [
            "今日は母の通院に付き添いました",
            "おつかれさま",
            "ようこそ。ゆっくり話してね"
        ]
    );
}

async fn first_messages_wait_for_a_moderator(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-b").await;
    moderator
        .open_room(ROOM, json!({ "premoderate_first": 1 }))
        .await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    let joined = a.join(ROOM, "あおい").await;
    assert_eq!(joined["me"]["premoderated_remaining"], 1);
    b.join(ROOM, "はる").await;

    let ack = a.say(ROOM, "a-1", "はじめまして").await;
    assert_eq!(
        (ack["state"].as_str(), ack["seq"].as_i64()),
        (Some("held"), None)
    );
    let held = moderator.socket.expect("held").await;
    assert_eq!(
        (
            held["post"]["body"].as_str(),
            held["post"]["hold_reason"].as_str()
        ),
        (Some("はじめまして"), Some("first_messages"))
    );
    b.socket
        .expect_none("message", Duration::from_millis(300))
        .await;
    // Coming back shows the author their waiting message.
    let mut again = Participant::with_token(&server, a.token.clone()).await;
    again
        .socket
        .send(json!({ "type": "join", "room_id": ROOM }))
        .await;
    let rejoined = again.socket.expect("joined").await;
    assert_eq!(rejoined["pending"][0]["body"], "はじめまして");
    assert_eq!(rejoined["pending"][0]["state"], "held");

    let post_id = held["post"]["post_id"].as_str().unwrap();
    let approved = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/held/{post_id}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(
        (approved.status.as_u16(), approved.body["state"].as_str()),
        (200, Some("published"))
    );
    assert_eq!(b.sees("はじめまして").await["nickname"], "あおい");
    assert_eq!(a.sees("はじめまして").await["mine"], true);
    moderator
        .socket
        .expect_where("decided", |f| f["post_id"] == post_id)
        .await;
    // Deciding twice: someone already did.
    let twice = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/held/{post_id}/reject"),
            json!({ "reason": "遅れて" }),
        )
        .await;
    assert_eq!(
        (twice.status.as_u16(), twice.body["error"]["code"].as_str()),
        (409, Some("already_decided"))
    );

    // After the first, messages go straight to the room.
    assert_eq!(a.say(ROOM, "a-2", "よろしく").await["state"], "published");
    b.sees("よろしく").await;

    // A rejected message: the author is told kindly, the room never sees it.
    let mut c = Participant::new(&server).await;
    c.join(ROOM, "そら").await;
    c.say(ROOM, "c-1", "まちがえて送った").await;
    let held = moderator
        .socket
        .expect_where("held", |f| f["post"]["body"] == "まちがえて送った")
        .await;
    let post_id = held["post"]["post_id"].as_str().unwrap();
    let rejected = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/held/{post_id}/reject"),
            json!({ "reason": "テスト" }),
        )
        .await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    assert_eq!(c.socket.expect("rejected").await["client_msg_id"], "c-1");
    b.socket
        .expect_none("message", Duration::from_millis(300))
        .await;
}

async fn the_rules_mask_hold_and_block(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-c").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    b.join(ROOM, "はる").await;

    // Contact details are masked before anyone sees them.
    let ack = a.say(ROOM, "a-1", "090-1234-5678に電話して").await;
    assert_eq!(
        (ack["state"].as_str(), ack["masked"].as_bool()),
        (Some("published"), Some(true))
    );
    let seen = b.socket.expect("message").await;
    assert_eq!(seen["masked"], true);
    assert!(!seen["body"].as_str().unwrap().contains("1234"), "{seen}");

    // The nudge before sending says what would happen.
    a.socket
        .send(json!({ "type": "preview", "room_id": ROOM, "body": "お金あげるから写真送って" }))
        .await;
    assert_eq!(a.socket.expect("preview").await["outcome"], "block");

    // Personal details wait for a moderator, with the reasons and spans.
    let ack = a.say(ROOM, "a-2", "うちの中学どこ？駅は新宿").await;
    assert_eq!(ack["state"], "held");
    let held = moderator.socket.expect("held").await;
    let review = &held["post"]["review"];
    assert_eq!(held["post"]["hold_reason"], "rules");
    assert!(
        review["categories"]
            .as_array()
            .unwrap()
            .contains(&json!("contact")),
        "{review}"
    );
    let span = &review["spans"][0];
    let body = held["post"]["body"].as_str().unwrap();
    assert!(body
        .get(span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize)
        .is_some());

    // Solicitation is refused outright and staff are alerted.
    let ack = a.say(ROOM, "a-3", "お金あげるから写真送って").await;
    assert_eq!(ack["state"], "blocked");
    let alert = moderator.socket.expect("alert").await;
    assert_eq!(alert["categories"], json!(["sexual"]));
    b.socket
        .expect_none("message", Duration::from_millis(300))
        .await;

    // Staff are never acted on by the rules.
    let posted = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/rooms/{ROOM}/messages"),
            json!({ "client_msg_id": "m-1", "body": "困ったら 0120-0-78310 に電話してね" }),
        )
        .await;
    assert_eq!(posted.status, 201);
    let seen = b.socket.expect("message").await;
    assert_eq!(
        (seen["body"].as_str(), seen["masked"].as_bool()),
        (Some("困ったら 0120-0-78310 に電話してね"), Some(false))
    );
}

async fn a_cry_for_help_is_kept_from_the_room_and_answered_privately(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut moderator = Moderator::open(&server, "mod-d").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    b.join(ROOM, "はる").await;

    let ack = a.say(ROOM, "a-1", "もう死にたい").await;
    assert_eq!(
        (ack["state"].as_str(), ack["seq"].as_i64()),
        (Some("withheld"), None)
    );
    let care = a.socket.expect("care").await;
    assert!(
        care["message"].as_str().unwrap().contains("ありがとう"),
        "{care}"
    );
    assert_eq!(care["open_lines"][0]["id"], "anytime");
    assert!(care["post_id"].is_string());
    let alert = moderator.socket.expect("alert").await;
    assert_eq!(
        (
            alert["categories"].as_array().unwrap()[0].as_str(),
            alert["body"].as_str()
        ),
        (Some("self_harm"), Some("もう死にたい"))
    );
    assert!(
        alert["member_id"].is_string(),
        "moderators can act on the author"
    );
    b.socket
        .expect_none("message", Duration::from_millis(500))
        .await;
    let held = moderator
        .call(Method::GET, "/api/moderation/held", json!(null))
        .await;
    assert_eq!(held.body["withheld"][0]["body"], "もう死にたい");
}

async fn a_cry_for_help_becomes_a_chat_at_the_top_of_the_queue(server: TestServer) {
    open_line(&server, "anytime").await;
    let mut moderator = Moderator::open(&server, "mod-e").await;
    moderator.open_room(ROOM, json!({})).await;
    // Someone is already waiting on the line.
    let mut waiting = Teen::new(&server).await;
    waiting.start("anytime").await;

    let mut a = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    a.say(ROOM, "a-1", "もう死にたい").await;
    let care = a.socket.expect("care").await;
    let post_id = care["post_id"].as_str().unwrap().to_owned();

    // The same device starts a 1:1 chat linked to that moment.
    let mut teen = Teen::with_token(&server, a.token.clone()).await;
    teen.socket
        .send(json!({ "type": "start", "line_id": "anytime", "salon_post_id": post_id }))
        .await;
    let started = teen
        .socket
        .expect_where("conversation", |f| f["conversation"]["status"] == "waiting")
        .await;
    // Ahead of the teen already waiting (the live place may pass through 2).
    teen.socket
        .expect_where("queue", |f| f["position"] == 1)
        .await;
    let chat = started["conversation"]["id"].as_str().unwrap();
    let mut counselor = yorisoi_tests::ws::Console::open(&server, "c-e", Role::Counselor).await;
    let first = &counselor.ready["queue"][0];
    assert_eq!(first["id"], chat);
    assert!(first["risk"].to_string().contains("self_harm"), "{first}");
    assert_eq!(first["from_salon"], true);
    counselor.take(chat).await;

    // Another device cannot borrow that link.
    let mut stranger = Teen::new(&server).await;
    stranger
        .socket
        .send(
            json!({ "type": "start", "line_id": "anytime", "salon_post_id": post_id, "ref": "s" }),
        )
        .await;
    assert_eq!(
        stranger
            .socket
            .expect_where("error", |f| f["ref"] == "s")
            .await["code"],
        "not_found"
    );
}

async fn moderators_hide_warn_mute_and_remove(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-f").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    b.join(ROOM, "はる").await;
    let seq = a.say(ROOM, "a-1", "ちょっと言いすぎた言葉").await["seq"]
        .as_i64()
        .unwrap();
    let member = moderator.member_of("ちょっと言いすぎた言葉").await;
    b.sees("ちょっと言いすぎた言葉").await;

    // Hide: everyone removes it; newcomers never see it.
    let hidden = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/rooms/{ROOM}/messages/{seq}/hide"),
            json!({ "reason": "ことばがきつい" }),
        )
        .await;
    assert_eq!(hidden.status, 204, "{}", hidden.body);
    assert_eq!(b.socket.expect("hidden").await["target_seq"], seq);
    let mut c = Participant::new(&server).await;
    c.join(ROOM, "そら").await;
    c.socket
        .expect_none("message", Duration::from_millis(300))
        .await;
    let missing = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/rooms/{ROOM}/messages/{seq}/hide"),
            json!({ "reason": "again" }),
        )
        .await;
    assert_eq!(missing.status, 404);

    // Warn: a private word to the author only.
    moderator.act(&member, json!({ "action": "warn", "message": "やさしい言葉でお願いします", "reason": "hide の後" })).await;
    assert_eq!(
        a.socket.expect("warned").await["message"],
        "やさしい言葉でお願いします"
    );
    b.socket
        .expect_none("warned", Duration::from_millis(200))
        .await;

    // Mute: cannot post; others can.
    moderator
        .act(
            &member,
            json!({ "action": "mute", "minutes": 10, "reason": "落ち着くまで" }),
        )
        .await;
    assert!(a.socket.expect("muted").await["until"].is_string());
    assert_eq!(a.say_refused(ROOM, "a-2", "なんで").await["code"], "muted");
    assert_eq!(
        b.say(ROOM, "b-1", "だいじょうぶ？").await["state"],
        "published"
    );
    moderator
        .act(
            &member,
            json!({ "action": "mute", "minutes": 0, "reason": "解除" }),
        )
        .await;
    assert!(a.socket.expect("muted").await["until"].is_null());
    assert_eq!(
        a.say(ROOM, "a-3", "ごめんなさい").await["state"],
        "published"
    );

    // Remove: out of the room, cannot come back for now.
    moderator
        .act(
            &member,
            json!({ "action": "remove", "minutes": 30, "reason": "今日は退出してください" }),
        )
        .await;
    let removed = a.socket.expect("removed").await;
    assert_eq!(removed["reason"], "今日は退出してください");
    assert_eq!(
        a.say_refused(ROOM, "a-4", "もどりたい").await["code"],
        "not_joined"
    );
    a.socket
        .send(json!({ "type": "join", "room_id": ROOM, "ref": "back" }))
        .await;
    assert_eq!(
        a.socket.expect_where("error", |f| f["ref"] == "back").await["code"],
        "removed"
    );

    // Every action is in the audit log with who, what and why.
    let audit = moderator
        .call(Method::GET, "/api/moderation/audit", json!(null))
        .await;
    let actions: Vec<&str> = audit.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "salon.post.hide",
        "salon.member.warn",
        "salon.member.mute",
        "salon.member.remove",
    ] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
    let hide = audit.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "salon.post.hide")
        .unwrap();
    assert_eq!(hide["detail"]["reason"], "ことばがきつい");
    assert_eq!(hide["actor_name"], "mod-f さん", "who, by name");
    // Supervisors read it too; counsellors do not.
    let supervisor = server.signed_in("sup-f", Role::Supervisor).await;
    assert_eq!(supervisor.get("/api/moderation/audit").await.status, 200);
    let counselor = server.signed_in("c-f", Role::Counselor).await;
    assert_eq!(counselor.get("/api/moderation/audit").await.status, 403);
}

async fn a_ban_holds_across_rooms_and_reconnects(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-g").await;
    moderator.open_room(ROOM, json!({})).await;
    moderator.open_room("daytime", json!({})).await;
    let mut a = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    a.say(ROOM, "a-1", "しつこい書き込み").await;
    let member = moderator.member_of("しつこい書き込み").await;
    moderator
        .act(
            &member,
            json!({ "action": "ban", "hours": 24, "reason": "ルール違反が続いたため" }),
        )
        .await;
    let banned = a.socket.expect("banned").await;
    assert_eq!(banned["reason"], "ルール違反が続いたため");
    assert_eq!(
        a.say_refused(ROOM, "a-2", "まだいる").await["code"],
        "not_joined"
    );

    // The same device on a new connection: told at once, refused everywhere.
    let mut again = Participant::with_token(&server, a.token.clone()).await;
    assert_eq!(again.ready["ban"]["reason"], "ルール違反が続いたため");
    assert_eq!(again.join_refused(ROOM, "あおい").await["code"], "banned");
    assert_eq!(
        again.join_refused("daytime", "べつの名前").await["code"],
        "banned"
    );

    // The list shows the ban (never the device); lifting it lets them back.
    let bans = moderator
        .call(Method::GET, "/api/moderation/bans", json!(null))
        .await;
    let ban = &bans.body["bans"][0];
    assert_eq!(ban["nicknames"], json!(["あおい"]));
    assert!(ban.get("device_hash").is_none());
    let lifted = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/bans/{}/lift", ban["id"].as_str().unwrap()),
            json!({ "reason": "話し合った" }),
        )
        .await;
    assert_eq!(lifted.status, 204, "{}", lifted.body);
    again
        .socket
        .send(json!({ "type": "join", "room_id": ROOM }))
        .await;
    assert_eq!(
        again.socket.expect("joined").await["me"]["nickname"],
        "あおい"
    );
}

async fn reports_reach_the_moderators(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-h").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    b.join(ROOM, "はる").await;
    let seq = a.say(ROOM, "a-1", "気になる書き込み").await["seq"]
        .as_i64()
        .unwrap();
    b.socket
        .send(json!({ "type": "report", "room_id": ROOM, "seq": seq, "reason": "worried", "note": "心配です" }))
        .await;
    assert_eq!(b.socket.expect("report_received").await["seq"], seq);
    let reported = moderator.socket.expect("reported").await;
    assert_eq!(
        (
            reported["report"]["body"].as_str(),
            reported["report"]["note"].as_str()
        ),
        (Some("気になる書き込み"), Some("心配です"))
    );
    // Reporting again is received, and counted once.
    b.socket
        .send(json!({ "type": "report", "room_id": ROOM, "seq": seq, "reason": "worried" }))
        .await;
    b.socket.expect("report_received").await;
    moderator
        .socket
        .expect_none("reported", Duration::from_millis(300))
        .await;
    // A bad reason is refused.
    b.socket.send(json!({ "type": "report", "room_id": ROOM, "seq": seq, "reason": "boring", "ref": "r" })).await;
    assert_eq!(
        b.socket.expect_where("error", |f| f["ref"] == "r").await["code"],
        "invalid_field"
    );

    let open = moderator
        .call(Method::GET, "/api/moderation/reports", json!(null))
        .await;
    let report_id = open.body["reports"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(open.body["reports"].as_array().unwrap().len(), 1);
    let resolved = moderator
        .call(
            Method::POST,
            &format!("/api/moderation/reports/{report_id}/resolve"),
            json!({ "resolution": "声をかけた" }),
        )
        .await;
    assert_eq!(resolved.status, 204);
    let open = moderator
        .call(
            Method::GET,
            "/api/moderation/reports?state=open",
            json!(null),
        )
        .await;
    assert_eq!(open.body["reports"], json!([]));
}

async fn slow_mode_pause_capacity_and_opening(server: TestServer) {
    // A room that needs a moderator is closed without one.
    let setup = server.signed_in("mod-i0", Role::Moderator).await;
    let saved = setup
        .send(
            Method::PUT,
            "/api/moderation/rooms/quiet",
            Some(json!({ "title": "静かな部屋", "topic": "t", "rules": "r", "capacity": 2 })),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let listed = server.client().get("/api/salon/rooms").await;
    assert_eq!(listed.body["rooms"][0]["availability"], "closed");
    setup
        .send(
            Method::PATCH,
            "/api/moderation/rooms/quiet",
            Some(json!({ "open": true })),
        )
        .await;
    let listed = server.client().get("/api/salon/rooms").await;
    assert_eq!(listed.body["rooms"][0]["availability"], "no_moderator");
    let mut early = Participant::new(&server).await;
    assert_eq!(
        early.join_refused("quiet", "はやい").await["code"],
        "room_closed"
    );

    let moderator = Moderator::open(&server, "mod-i").await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    a.join("quiet", "あおい").await;
    b.join("quiet", "はる").await;
    // Capacity.
    let mut c = Participant::new(&server).await;
    assert_eq!(c.join_refused("quiet", "そら").await["code"], "room_full");

    // Slow mode.
    moderator
        .control(
            "quiet",
            json!({ "slow_mode_seconds": 60, "reason": "ゆっくり" }),
        )
        .await;
    assert_eq!(
        a.socket
            .expect_where("room", |f| f["room"]["slow_mode_seconds"] == 60)
            .await["room"]["id"],
        "quiet"
    );
    a.say("quiet", "a-1", "ひとつめ").await;
    let refused = a.say_refused("quiet", "a-2", "ふたつめ").await;
    assert_eq!(refused["code"], "slow_mode");
    moderator
        .control("quiet", json!({ "slow_mode_seconds": 0 }))
        .await;

    // Pause.
    moderator
        .control(
            "quiet",
            json!({ "paused": true, "pinned": "少し休憩します" }),
        )
        .await;
    let room = b
        .socket
        .expect_where("room", |f| f["room"]["paused"] == true)
        .await;
    assert_eq!(room["room"]["pinned"], "少し休憩します");
    assert_eq!(
        b.say_refused("quiet", "b-1", "まだ？").await["code"],
        "room_paused"
    );
    moderator.control("quiet", json!({ "paused": false })).await;
    assert_eq!(b.say("quiet", "b-2", "再開！").await["state"], "published");

    // The moderator leaves: the room waits for one.
    moderator.socket.close().await;
    let room = b
        .socket
        .expect_where("room", |f| f["room"]["availability"] == "no_moderator")
        .await;
    assert_eq!(room["room"]["id"], "quiet");
    assert_eq!(
        b.say_refused("quiet", "b-3", "だれもいない").await["code"],
        "room_closed"
    );

    // A schedule keeps a room shut outside its hours.
    let never = json!({ "weekly": [], "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 });
    let scheduled = setup
        .send(Method::PUT, "/api/moderation/rooms/later", Some(json!({ "title": "あとで", "topic": "t", "rules": "r", "capacity": 10, "schedule": never, "requires_moderator": false })))
        .await;
    assert_eq!(scheduled.status, 200, "{}", scheduled.body);
    setup
        .send(
            Method::PATCH,
            "/api/moderation/rooms/later",
            Some(json!({ "open": true })),
        )
        .await;
    assert_eq!(c.join_refused("later", "そら").await["code"], "room_closed");

    // Bad settings change nothing and name the field.
    let bad = setup
        .send(
            Method::PATCH,
            "/api/moderation/rooms/quiet",
            Some(json!({ "slow_mode_seconds": 100000 })),
        )
        .await;
    assert_eq!(
        (bad.status.as_u16(), bad.body["error"]["code"].as_str()),
        (422, Some("invalid_field"))
    );
    assert!(bad.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("slow_mode_seconds"));
    let bad = setup
        .send(
            Method::PUT,
            "/api/moderation/rooms/quiet",
            Some(json!({ "title": "", "topic": "t", "rules": "r", "capacity": 2 })),
        )
        .await;
    assert_eq!(bad.status, 422);
    let listed = server.client().get("/api/salon/rooms").await;
    assert_eq!(listed.body["rooms"][1]["title"], "静かな部屋");
}

async fn a_dropped_participant_resumes_exactly(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-j").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    b.join(ROOM, "はる").await;
    let last = a.say(ROOM, "a-1", "いってきます").await["seq"]
        .as_i64()
        .unwrap();
    let token = a.token.clone();
    a.socket.close().await;
    for (i, body) in ["ひとつ", "ふたつ", "みっつ"].iter().enumerate() {
        b.say(ROOM, &format!("b-{i}"), body).await;
    }
    let hide_seq = b.say(ROOM, "b-x", "けされる").await["seq"]
        .as_i64()
        .unwrap();
    moderator
        .call(
            Method::POST,
            &format!("/api/moderation/rooms/{ROOM}/messages/{hide_seq}/hide"),
            json!({ "reason": "test" }),
        )
        .await;

    let mut back = Participant::with_token(&server, token).await;
    back.socket
        .send(json!({ "type": "join", "room_id": ROOM, "after_seq": last }))
        .await;
    back.socket.expect("joined").await;
    let frames = back.socket.drain(Duration::from_millis(700)).await;
    let log: Vec<(String, i64)> = frames
        .iter()
        .filter(|f| f["type"] == "message" || f["type"] == "hidden")
        .map(|f| {
            (
                f["type"].as_str().unwrap().to_owned(),
                f["seq"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, i64)> = vec![
        ("message".into(), last + 1),
        ("message".into(), last + 2),
        ("message".into(), last + 3),
        ("hidden".into(), last + 4),
        ("hidden".into(), last + 5),
    ];
    assert_eq!(
        log, expected,
        "exactly what was missed, in order: {frames:?}"
    );
    assert!(!frames.iter().any(|f| f["body"] == "けされる"));
    // A retried send is stored once.
    let first = back.say(ROOM, "a-9", "ただいま").await;
    let retry = back.say(ROOM, "a-9", "ただいま").await;
    assert_eq!(
        (retry["duplicate"].as_bool(), retry["seq"].clone()),
        (Some(true), first["seq"].clone())
    );
}

async fn nicknames_are_text_and_unique(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-k").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let markup = "<img src=x onerror=alert(1)>";
    // Too long for a nickname anyway; a shorter one is kept as text.
    assert_eq!(a.join_refused(ROOM, markup).await["code"], "invalid_field");
    let joined = a.join(ROOM, "<b>x</b>").await;
    assert_eq!(joined["me"]["nickname"], "<b>x</b>");
    a.say(ROOM, "a-1", "<script>alert(1)</script>").await;
    let entry = moderator.socket.expect("entry").await;
    assert_eq!(
        (entry["nickname"].as_str(), entry["body"].as_str()),
        (Some("<b>x</b>"), Some("<script>alert(1)</script>"))
    );

    let mut b = Participant::new(&server).await;
    for bad in ["a\u{7}b", "a\u{202E}b", "モデレーター", "", "090-1234-5678"] {
        assert_eq!(
            b.join_refused(ROOM, bad).await["code"],
            "invalid_field",
            "{bad:?}"
        );
    }
    assert_eq!(
        b.join_refused(ROOM, "＜Ｂ＞Ｘ＜／Ｂ＞").await["code"],
        "nickname_taken",
        "full-width twin"
    );
    b.socket
        .send(json!({ "type": "join", "room_id": ROOM, "nickname": "はる", "ref": "n" }))
        .await;
    assert_eq!(
        b.socket.expect_where("error", |f| f["ref"] == "n").await["code"],
        "rules_not_accepted"
    );
    assert_eq!(b.join(ROOM, "はる").await["me"]["nickname"], "はる");
}

async fn reactions_are_a_small_fixed_set(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-l").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    let mut b = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    b.join(ROOM, "はる").await;
    let seq = a.say(ROOM, "a-1", "テストおわった").await["seq"]
        .as_i64()
        .unwrap();
    b.socket
        .send(json!({ "type": "react", "room_id": ROOM, "seq": seq, "emoji": "🫂", "on": true }))
        .await;
    let counts = a.socket.expect("reactions").await;
    assert_eq!(
        (counts["seq"].as_i64(), counts["counts"].clone()),
        (Some(seq), json!({ "🫂": 1 }))
    );
    b.socket
        .send(json!({ "type": "react", "room_id": ROOM, "seq": seq, "emoji": "🫂", "on": true }))
        .await;
    assert_eq!(
        a.socket.expect("reactions").await["counts"],
        json!({ "🫂": 1 }),
        "once per person"
    );
    b.socket.send(json!({ "type": "react", "room_id": ROOM, "seq": seq, "emoji": "💩", "on": true, "ref": "x" })).await;
    assert_eq!(
        b.socket.expect_where("error", |f| f["ref"] == "x").await["code"],
        "invalid_field"
    );
    // Newcomers see the counts with the history.
    let mut c = Participant::new(&server).await;
    c.join(ROOM, "そら").await;
    assert_eq!(
        c.sees("テストおわった").await["reactions"],
        json!({ "🫂": 1 })
    );
    // A reaction taken back while someone is away: coming back shows it gone.
    let away = c.token.clone();
    c.socket.close().await;
    b.socket
        .send(json!({ "type": "react", "room_id": ROOM, "seq": seq, "emoji": "🫂", "on": false }))
        .await;
    assert_eq!(
        a.socket
            .expect_where("reactions", |f| f["counts"] == json!({}))
            .await["seq"],
        seq
    );
    let mut back = Participant::with_token(&server, away).await;
    back.socket
        .send(json!({ "type": "join", "room_id": ROOM, "after_seq": seq }))
        .await;
    back.socket.expect("joined").await;
    let snapshot = back
        .socket
        .expect_where("reactions", |f| f["seq"] == seq)
        .await;
    assert_eq!(snapshot["counts"], json!({}), "not the count from before");
}

async fn there_is_no_private_channel_and_every_frame_is_checked(server: TestServer) {
    let mut moderator = Moderator::open(&server, "mod-m").await;
    moderator.open_room(ROOM, json!({})).await;
    let mut a = Participant::new(&server).await;
    a.join(ROOM, "あおい").await;
    let code = |frame: serde_json::Value| frame["code"].as_str().unwrap().to_owned();
    // No frame type addresses another participant, and no field names one.
    a.socket
        .send(json!({ "type": "direct", "to": "はる", "body": "DMしよ", "ref": "1" }))
        .await;
    assert_eq!(
        code(a.socket.expect_where("error", |f| f["ref"] == "1").await),
        "unknown_type"
    );
    a.socket.send(json!({ "type": "send", "room_id": ROOM, "client_msg_id": "x", "body": "hi", "to": "はる", "ref": "2" })).await;
    assert_eq!(
        code(a.socket.expect_where("error", |f| f["ref"] == "2").await),
        "invalid_frame"
    );
    // Rooms not joined, missing rooms, malformed and oversized frames.
    a.socket.send(json!({ "type": "send", "room_id": "elsewhere", "client_msg_id": "y", "body": "hi", "ref": "3" })).await;
    assert_eq!(
        code(a.socket.expect_where("error", |f| f["ref"] == "3").await),
        "not_joined"
    );
    a.socket.send(json!({ "type": "join", "room_id": "NOPE!", "nickname": "x", "accept_rules": true, "ref": "4" })).await;
    assert_eq!(
        code(a.socket.expect_where("error", |f| f["ref"] == "4").await),
        "not_found"
    );
    a.socket.send_text("{not json").await;
    assert_eq!(code(a.socket.expect("error").await), "malformed_json");
    let long = "あ".repeat(1001);
    assert_eq!(code(a.say_refused(ROOM, "z", &long).await), "invalid_field");
    // Before hello, nothing.
    let mut raw = connect(&server, "/ws/salon", None).await.unwrap();
    raw.send(json!({ "type": "join", "room_id": ROOM, "nickname": "x", "accept_rules": true }))
        .await;
    assert_eq!(code(raw.expect("error").await), "hello_first");
    raw.send(json!({ "type": "hello", "token": "not-a-token" }))
        .await;
    assert_eq!(code(raw.expect("error").await), "unknown_device");
    // Staff sockets and actions need the right role.
    let counselor = server.signed_in("c-m", Role::Counselor).await;
    assert_eq!(
        connect(&server, "/ws/moderator", counselor.cookie.as_deref())
            .await
            .err(),
        Some(403)
    );
    assert_eq!(
        connect(&server, "/ws/moderator", None).await.err(),
        Some(401)
    );
    let put = counselor
        .send(
            Method::PATCH,
            &format!("/api/moderation/rooms/{ROOM}"),
            Some(json!({ "paused": true })),
        )
        .await;
    assert_eq!(put.status, 403);
    let anonymous = server.client().get("/api/moderation/held").await;
    assert_eq!(anonymous.status, 401);
}

async fn a_room_that_closes_with_the_clock_tells_its_participants(server: TestServer) {
    // Open all of today (Tokyo), closed tomorrow.
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap());
    let day = today.strftime("%a").to_string().to_lowercase();
    let schedule = json!({
        "weekly": [{ "day": day, "start": "00:00", "end": "24:00" }],
        "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0
    });
    let mut moderator = Moderator::open(&server, "mod-n").await;
    moderator
        .open_room(
            ROOM,
            json!({ "schedule": schedule, "requires_moderator": false }),
        )
        .await;
    let mut a = Participant::new(&server).await;
    assert_eq!(a.join(ROOM, "あおい").await["room"]["availability"], "open");
    let mut known = std::collections::HashMap::new();
    let now = jiff::Timestamp::now();
    server
        .app
        .salon
        .announce_availability(now, &mut known)
        .await
        .unwrap();
    a.socket
        .expect_none("room", Duration::from_millis(200))
        .await;
    // A day later the room is outside its hours: participants are told at once.
    let tomorrow = now + jiff::SignedDuration::from_hours(24);
    server
        .app
        .salon
        .announce_availability(tomorrow, &mut known)
        .await
        .unwrap();
    let room = a.socket.expect("room").await;
    assert_eq!(room["room"]["availability"], "outside_hours");
    assert!(room["room"]["next_open_at"].is_string());
}
