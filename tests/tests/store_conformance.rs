//! One behavioural story for the store, run against every engine: SQLite
//! always, PostgreSQL when `YORISOI_TEST_POSTGRES_URL` is set.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use uuid::Uuid;
use yorisoi::audit::AuditEntry;
use yorisoi::lines::hours::Schedule;
use yorisoi::lines::{parse_line_id, Line};
use yorisoi::staff::session::StaffSession;
use yorisoi::staff::{parse_username, Account, HelpKind, Organisation, OrganisationKind, Role};
use yorisoi::store::{AccountUpdate, Store, StoreError};
use yorisoi_tests::backends::{Engine, TestDatabase};

/// Declares one test per engine for each scenario function.
macro_rules! conformance {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $scenario() {
                    super::run(yorisoi_tests::backends::Engine::Sqlite, super::$scenario).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $scenario() {
                    super::run(yorisoi_tests::backends::Engine::Postgres, super::$scenario).await;
                }
            )*
        }
    };
}

conformance!(
    migrations_are_idempotent,
    newer_schema_is_refused,
    accounts_round_trip,
    duplicate_username_conflicts_and_writes_nothing,
    partner_needs_an_existing_organisation,
    account_update_ends_sessions_atomically,
    sessions_expire_and_die_with_disabled_accounts,
    lines_round_trip_in_display_order,
    audit_log_is_newest_first,
    batched_appends_number_each_conversation_and_store_retries_once,
    salon_posts_number_the_log_and_are_decided_once,
    escalation_cases_copy_excerpts_and_change_once,
    webhook_outbox_is_written_with_the_change_in_order_and_claimed_once,
);

async fn run<F, Fut>(engine: Engine, scenario: F)
where
    F: FnOnce(Arc<dyn Store>, TestDatabase) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(database) = TestDatabase::new(engine).await else {
        return;
    };
    let store = database.store().await;
    scenario(store, database).await;
}

fn audit(action: &str) -> AuditEntry {
    AuditEntry::now(None, action, "test:1".into(), json!({ "why": "test" }))
}

fn account(username: &str, role: Role, organisation_id: Option<Uuid>) -> Account {
    Account {
        id: Uuid::new_v4(),
        username: parse_username(username).unwrap(),
        display_name: format!("{username} さん"),
        role,
        organisation_id,
        disabled: false,
        // Stored to the millisecond.
        created_at: Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap(),
    }
}

fn session_for(account: &Account, token: &str, expires_in: SignedDuration) -> StaffSession {
    let now = Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap();
    StaffSession {
        token_hash: token.into(),
        account_id: account.id,
        csrf_token: format!("csrf-{token}"),
        created_at: now,
        expires_at: now + expires_in,
    }
}

async fn migrations_are_idempotent(store: Arc<dyn Store>, database: TestDatabase) {
    store.migrate().await.expect("second migration is a no-op");
    // Two nodes starting together: both migrate the same database at once.
    let (a, b) = (database.store(), database.store());
    let _ = tokio::join!(a, b);
    store.ping().await.expect("ping");
}

async fn newer_schema_is_refused(store: Arc<dyn Store>, database: TestDatabase) {
    // Pretend a newer yorisoi applied migration 99990101000000.
    let url = database.url();
    let insert =
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                  VALUES (99990101000000, 'from the future', TRUE, X'00', 0)";
    if url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        sqlx::query(insert).execute(&pool).await.unwrap();
    } else {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        sqlx::query(&insert.replace("X'00'", "'\\x00'::bytea"))
            .execute(&pool)
            .await
            .unwrap();
    }
    match store.migrate().await {
        Err(
            error @ StoreError::SchemaTooNew {
                found: 99990101000000,
                ..
            },
        ) => {
            assert!(
                error.to_string().contains("newer than this yorisoi"),
                "{error}"
            );
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
}

async fn accounts_round_trip(store: Arc<dyn Store>, _: TestDatabase) {
    let zed = account("zed", Role::Counselor, None);
    let amy = account("amy", Role::Admin, None);
    store
        .insert_account(&zed, "hash-zed", &audit("account.create"))
        .await
        .unwrap();
    store
        .insert_account(&amy, "hash-amy", &audit("account.create"))
        .await
        .unwrap();
    assert_eq!(store.account(zed.id).await.unwrap(), Some(zed.clone()));
    assert_eq!(store.account(Uuid::new_v4()).await.unwrap(), None);
    assert_eq!(
        store.account_credentials("zed").await.unwrap(),
        Some((zed.clone(), "hash-zed".into()))
    );
    assert_eq!(store.account_credentials("nobody").await.unwrap(), None);
    let names: Vec<_> = store
        .accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.username.to_string())
        .collect();
    assert_eq!(names, ["amy", "zed"]);
    assert_eq!(store.active_admin_count().await.unwrap(), 1);
}

async fn duplicate_username_conflicts_and_writes_nothing(store: Arc<dyn Store>, _: TestDatabase) {
    store
        .insert_account(&account("kai", Role::Moderator, None), "h", &audit("first"))
        .await
        .unwrap();
    let again = store
        .insert_account(
            &account("kai", Role::Counselor, None),
            "h",
            &audit("second"),
        )
        .await;
    assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    let actions: Vec<_> = store
        .audit_entries(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["first"],
        "the refused insert left no audit entry behind"
    );
    assert_eq!(store.accounts().await.unwrap().len(), 1);
}

async fn partner_needs_an_existing_organisation(store: Arc<dyn Store>, _: TestDatabase) {
    let stray = account("pat", Role::Partner, Some(Uuid::new_v4()));
    let refused = store
        .insert_account(&stray, "h", &audit("account.create"))
        .await;
    assert!(
        matches!(refused, Err(StoreError::MissingReference)),
        "{refused:?}"
    );

    let organisation = Organisation {
        id: Uuid::new_v4(),
        name: "みなと子供家庭支援センター".into(),
        kind: OrganisationKind::MunicipalSupportCentre,
        municipalities: vec!["港区".into()],
        help_kinds: vec![HelpKind::CarerSupport, HelpKind::ChildProtection],
        contact_hours: "平日 9:00–17:00".into(),
        on_call_note: "夜間は代表番号".into(),
        created_at: Timestamp::from_millisecond(1_700_000_000_000).unwrap(),
    };
    store
        .insert_organisation(&organisation, &audit("organisation.create"))
        .await
        .unwrap();
    let duplicate = Organisation {
        id: Uuid::new_v4(),
        ..organisation.clone()
    };
    assert!(matches!(
        store.insert_organisation(&duplicate, &audit("x")).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(
        store.organisations().await.unwrap(),
        std::slice::from_ref(&organisation)
    );
    let changed = Organisation {
        municipalities: vec!["港区".into(), "品川区".into()],
        help_kinds: vec![HelpKind::Health],
        on_call_note: String::new(),
        ..organisation.clone()
    };
    assert!(store
        .update_organisation(&changed, &audit("organisation.update"))
        .await
        .unwrap());
    assert_eq!(
        store.organisation(organisation.id).await.unwrap(),
        Some(changed.clone())
    );
    let missing = Organisation {
        id: Uuid::new_v4(),
        name: "どこにもない".into(),
        ..changed.clone()
    };
    assert!(!store
        .update_organisation(&missing, &audit("x"))
        .await
        .unwrap());
    assert_eq!(store.organisation(missing.id).await.unwrap(), None);
    let organisation = changed;

    let partner = account("pat", Role::Partner, Some(organisation.id));
    store
        .insert_account(&partner, "h", &audit("account.create"))
        .await
        .unwrap();
    assert_eq!(
        store
            .account(partner.id)
            .await
            .unwrap()
            .unwrap()
            .organisation_id,
        Some(organisation.id)
    );
}

async fn account_update_ends_sessions_atomically(store: Arc<dyn Store>, _: TestDatabase) {
    let mut counselor = account("mio", Role::Counselor, None);
    store
        .insert_account(&counselor, "old-hash", &audit("account.create"))
        .await
        .unwrap();
    store
        .insert_session(&session_for(
            &counselor,
            "t1",
            SignedDuration::from_hours(1),
        ))
        .await
        .unwrap();
    store
        .insert_session(&session_for(
            &counselor,
            "t2",
            SignedDuration::from_hours(1),
        ))
        .await
        .unwrap();

    counselor.display_name = "みお".into();
    let keep = AccountUpdate {
        account: counselor.clone(),
        password_hash: None,
        end_sessions: false,
    };
    store
        .update_account(&keep, &audit("account.update"))
        .await
        .unwrap();
    assert!(store
        .session("t1", Timestamp::now())
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        store.account_credentials("mio").await.unwrap().unwrap().1,
        "old-hash"
    );

    counselor.role = Role::Supervisor;
    let end = AccountUpdate {
        account: counselor.clone(),
        password_hash: Some("new-hash".into()),
        end_sessions: true,
    };
    store
        .update_account(&end, &audit("account.update"))
        .await
        .unwrap();
    assert_eq!(store.session("t1", Timestamp::now()).await.unwrap(), None);
    assert_eq!(store.session("t2", Timestamp::now()).await.unwrap(), None);
    let (stored, hash) = store.account_credentials("mio").await.unwrap().unwrap();
    assert_eq!(
        (stored.role, stored.display_name.as_str(), hash.as_str()),
        (Role::Supervisor, "みお", "new-hash")
    );
}

async fn sessions_expire_and_die_with_disabled_accounts(store: Arc<dyn Store>, _: TestDatabase) {
    let mut nao = account("nao", Role::Counselor, None);
    store
        .insert_account(&nao, "h", &audit("account.create"))
        .await
        .unwrap();
    let live = session_for(&nao, "live", SignedDuration::from_hours(1));
    let stale = session_for(&nao, "stale", SignedDuration::from_secs(-1));
    store.insert_session(&live).await.unwrap();
    store.insert_session(&stale).await.unwrap();

    let (found, who) = store
        .session("live", Timestamp::now())
        .await
        .unwrap()
        .expect("live session");
    assert_eq!((found, who.id), (live.clone(), nao.id));
    assert_eq!(
        store.session("stale", Timestamp::now()).await.unwrap(),
        None,
        "expired sessions are not returned"
    );
    assert_eq!(
        store
            .delete_expired_sessions(Timestamp::now())
            .await
            .unwrap(),
        1
    );

    nao.disabled = true;
    let update = AccountUpdate {
        account: nao.clone(),
        password_hash: None,
        end_sessions: false,
    };
    store
        .update_account(&update, &audit("account.update"))
        .await
        .unwrap();
    assert_eq!(
        store.session("live", Timestamp::now()).await.unwrap(),
        None,
        "a disabled account has no session"
    );

    store.delete_session("live").await.unwrap();
    store.delete_session("never-existed").await.unwrap();
}

fn line(id: &str, sort_order: i32, schedule: Schedule) -> Line {
    Line {
        id: parse_line_id(id).unwrap(),
        sort_order,
        name_ja: format!("{id} 相談"),
        name_en: format!("{id} line"),
        description_ja: "説明\n二行目".into(),
        description_en: "About".into(),
        schedule,
        auto_assign: false,
        updated_at: Timestamp::from_millisecond(1_764_000_000_000).unwrap(),
    }
}

async fn lines_round_trip_in_display_order(store: Arc<dyn Store>, _: TestDatabase) {
    let weekly: Schedule = serde_json::from_value(json!({
        "weekly": [{ "day": "wed", "start": "15:00", "end": "20:00" }, { "day": "fri", "start": "22:00", "end": "02:00" }],
        "exceptions": [{ "date": "2026-12-30", "closed": true }],
        "closed_on_public_holidays": true,
        "last_entry_minutes": 15
    }))
    .unwrap();
    let b = line("b-line", 10, weekly.clone());
    let a = line("a-line", 20, Schedule::always_open());
    store.upsert_line(&a, &audit("line.save")).await.unwrap();
    store.upsert_line(&b, &audit("line.save")).await.unwrap();
    assert_eq!(store.lines().await.unwrap(), [b.clone(), a.clone()]);

    let renamed = Line {
        name_ja: "改名".into(),
        sort_order: 5,
        ..a.clone()
    };
    store
        .upsert_line(&renamed, &audit("line.save"))
        .await
        .unwrap();
    assert_eq!(store.line(&a.id).await.unwrap(), Some(renamed.clone()));
    assert_eq!(store.lines().await.unwrap().first(), Some(&renamed));

    assert!(store
        .delete_line(&a.id, &audit("line.delete"))
        .await
        .unwrap());
    assert!(!store
        .delete_line(&a.id, &audit("line.delete"))
        .await
        .unwrap());
    assert_eq!(store.lines().await.unwrap(), [b]);
}

async fn audit_log_is_newest_first(store: Arc<dyn Store>, _: TestDatabase) {
    for action in ["one", "two", "three"] {
        store
            .insert_account(&account(action, Role::Moderator, None), "h", &audit(action))
            .await
            .unwrap();
    }
    let entries = store.audit_entries(2).await.unwrap();
    let actions: Vec<_> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["three", "two"]);
    assert_eq!(entries[0].detail, json!({ "why": "test" }));
    assert_eq!(entries[0].subject, "test:1");
}

fn conversation(
    device: &str,
    status: yorisoi::consultation::model::Status,
) -> yorisoi::consultation::model::Conversation {
    let now = Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap();
    yorisoi::consultation::model::Conversation {
        id: Uuid::new_v4(),
        line_id: parse_line_id("anytime").unwrap(),
        device_hash: device.into(),
        nickname: None,
        status,
        risk_level: 0,
        risk: Vec::new(),
        requeued: false,
        counselor_id: None,
        last_seq: 0,
        teen_read_seq: 0,
        queued_at: now,
        created_at: now,
        assigned_at: None,
        ended_at: None,
        end_reason: None,
        wrap_up: None,
        salon_post_id: None,
        is_return: false,
    }
}

fn teen_message(conversation_id: Uuid, client_msg_id: &str) -> yorisoi::store::NewMessage {
    yorisoi::store::NewMessage {
        conversation_id,
        sender: yorisoi::consultation::model::Sender::Teen,
        author_id: None,
        client_msg_id: Some(client_msg_id.into()),
        body: format!("本文 {client_msg_id}"),
        at: Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap(),
        risk: None,
    }
}

async fn batched_appends_number_each_conversation_and_store_retries_once(
    store: Arc<dyn Store>,
    _: TestDatabase,
) {
    use yorisoi::consultation::model::Status;
    use yorisoi::store::Appended;
    store
        .insert_device("device-a", Timestamp::now())
        .await
        .unwrap();
    let a = conversation("device-a", Status::Waiting);
    let b = conversation("device-a", Status::Active);
    let over = conversation("device-a", Status::Ended);
    for c in [&a, &b, &over] {
        store.insert_conversation(c).await.unwrap();
    }
    let batch = [
        teen_message(a.id, "a1"),
        teen_message(b.id, "b1"),
        teen_message(a.id, "a2"),
        teen_message(a.id, "a1"),
        teen_message(over.id, "x1"),
    ];
    let outcomes = store.append_messages(&batch).await.unwrap();
    let seqs: Vec<_> = outcomes
        .iter()
        .map(|o| match o {
            Appended::Stored(m) => format!("stored {}", m.seq),
            Appended::Duplicate(m) => format!("duplicate {}", m.seq),
            Appended::Closed => "closed".into(),
        })
        .collect();
    assert_eq!(
        seqs,
        ["stored 1", "stored 1", "stored 2", "duplicate 1", "closed"]
    );
    let again = store
        .append_message(&teen_message(a.id, "a2"))
        .await
        .unwrap();
    assert!(
        matches!(again, Appended::Duplicate(ref m) if m.seq == 2),
        "{again:?}"
    );
    let next = store
        .append_message(&teen_message(a.id, "a3"))
        .await
        .unwrap();
    assert!(
        matches!(next, Appended::Stored(ref m) if m.seq == 3),
        "{next:?}"
    );
    let stored = store.messages_after(a.id, 0, 10).await.unwrap();
    assert_eq!(stored.iter().map(|m| m.seq).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(
        store.conversation(a.id).await.unwrap().unwrap().last_seq,
        3,
        "no sequence number skipped"
    );
    assert!(store
        .messages_after(over.id, 0, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn salon_posts_number_the_log_and_are_decided_once(store: Arc<dyn Store>, _db: TestDatabase) {
    use yorisoi::salon::model::{Author, Member, Post, PostKind, PostState, RoomInput};
    let now = Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap();
    let moderator = account("mod", Role::Moderator, None);
    store
        .insert_account(&moderator, "h", &audit("account.create"))
        .await
        .unwrap();
    let room = RoomInput {
        sort_order: 0,
        title: "夜".into(),
        topic: "t".into(),
        rules: "r".into(),
        schedule: None,
        requires_moderator: true,
        capacity: 10,
        premoderate_first: 0,
        slow_mode_seconds: 0,
    }
    .into_room(
        yorisoi::text::Slug::parse("id", "night", 2, 40).unwrap(),
        None,
        now,
    )
    .unwrap();
    let audit = || {
        AuditEntry::now(
            Some(moderator.id),
            "salon.test",
            "room:night".into(),
            json!({}),
        )
    };
    store.save_salon_room(&room, &audit()).await.unwrap();
    store.insert_device("device-a", now).await.unwrap();
    let member = Member {
        id: Uuid::new_v4(),
        room_id: room.id.clone(),
        device_hash: "device-a".into(),
        nickname: "ミー".into(),
        joined_at: now,
        published_count: 0,
        last_post_at: None,
        muted_until: None,
        removed_until: None,
    };
    store.insert_salon_member(&member).await.unwrap();
    let twin = Member {
        id: Uuid::new_v4(),
        nickname: "みー".into(),
        ..member.clone()
    };
    assert!(
        matches!(
            store.insert_salon_member(&twin).await,
            Err(StoreError::Conflict)
        ),
        "one device, one membership"
    );
    let post = |client: &str, state: PostState| Post {
        id: Uuid::new_v4(),
        room_id: room.id.clone(),
        seq: None,
        kind: PostKind::Message,
        state,
        hold_reason: None,
        member_id: Some(member.id),
        author_id: None,
        nickname: member.nickname.clone(),
        client_msg_id: Some(client.into()),
        body: format!("body {client}"),
        masked: false,
        review: None,
        target_seq: None,
        created_at: now,
        decided_by: None,
        decided_at: None,
    };
    // Concurrent posts to one room take distinct, consecutive positions.
    let writes: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            let post = post(&format!("p{i}"), PostState::Published);
            tokio::spawn(async move { store.insert_salon_post(&post).await.unwrap().seq.unwrap() })
        })
        .collect();
    let mut seqs = Vec::new();
    for write in writes {
        seqs.push(write.await.unwrap());
    }
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=8).collect::<Vec<i64>>());
    // A retry with the same client id is a conflict, and is found again.
    assert!(matches!(
        store
            .insert_salon_post(&post("p0", PostState::Published))
            .await,
        Err(StoreError::Conflict)
    ));
    let found = store
        .salon_post_by_client_id(&room.id, Author::Member(member.id), "p0")
        .await
        .unwrap();
    assert_eq!(found.unwrap().body, "body p0");
    // A held post has no position until approved; two decisions, one winner.
    let held = store
        .insert_salon_post(&post("h", PostState::Held))
        .await
        .unwrap();
    assert_eq!(held.seq, None);
    let (approve, reject) = (audit(), audit());
    let (first, second) = tokio::join!(
        store.decide_salon_post(held.id, true, moderator.id, now, &approve),
        store.decide_salon_post(held.id, false, moderator.id, now, &reject),
    );
    let outcomes = [first.unwrap(), second.unwrap()];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_some()).count(),
        1,
        "{outcomes:?}"
    );
    // Hiding appends a marker at the next position; the log replays both.
    let before = store.salon_room(&room.id).await.unwrap().unwrap().last_seq;
    let marker = store
        .hide_salon_post(&room.id, 3, moderator.id, now, &audit())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((marker.seq, marker.target_seq), (Some(before + 1), Some(3)));
    assert!(store
        .hide_salon_post(&room.id, 3, moderator.id, now, &audit())
        .await
        .unwrap()
        .is_none());
    let log = store.salon_log_after(&room.id, 2, 100).await.unwrap();
    assert_eq!(log[0].state, PostState::Hidden);
    assert_eq!(log.last().unwrap().kind, PostKind::Hide);
    let recent = store.salon_recent_messages(&room.id, 50).await.unwrap();
    assert!(recent.iter().all(|p| p.seq != Some(3)));
    assert!(
        recent.windows(2).all(|w| w[0].seq < w[1].seq),
        "oldest first"
    );
}

async fn escalation_cases_copy_excerpts_and_change_once(store: Arc<dyn Store>, _: TestDatabase) {
    use yorisoi::consultation::model::Status;
    use yorisoi::escalation::clock::Waiting;
    use yorisoi::escalation::model::{
        Case, CaseFilter, CaseNote, CaseStatus, Consent, Outcome, Reason, Side, Urgency,
    };
    use yorisoi::store::{CaseInsert, ExcerptSource};
    let now = Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap();
    let organisation = Organisation {
        id: Uuid::new_v4(),
        name: "NPO".into(),
        kind: OrganisationKind::Npo,
        municipalities: Vec::new(),
        help_kinds: vec![HelpKind::Crisis],
        contact_hours: String::new(),
        on_call_note: String::new(),
        created_at: now,
    };
    store
        .insert_organisation(&organisation, &audit("organisation.create"))
        .await
        .unwrap();
    let creator = account("creator", Role::Counselor, None);
    let second = account("second", Role::Supervisor, None);
    for a in [&creator, &second] {
        store
            .insert_account(a, "x", &audit("account.create"))
            .await
            .unwrap();
    }
    store.insert_device("device-e", now).await.unwrap();
    let chat = conversation("device-e", Status::Active);
    store.insert_conversation(&chat).await.unwrap();
    store
        .append_messages(&[teen_message(chat.id, "m1"), teen_message(chat.id, "m2")])
        .await
        .unwrap();
    let audits = || async { store.audit_entries(1000).await.unwrap().len() };
    let before = audits().await;
    let case = Case {
        id: Uuid::new_v4(),
        organisation_id: organisation.id,
        organisation_name: String::new(),
        source: yorisoi::escalation::model::Source::Chat,
        conversation_id: Some(chat.id),
        salon_post_id: None,
        created_by: creator.id,
        created_by_name: String::new(),
        reason: Reason::SuicideRisk,
        urgency: Urgency::Emergency,
        summary: "要約".into(),
        municipality: Some("港区".into()),
        consent: Consent::NotAsked,
        override_justification: None,
        confirmed_by: None,
        confirmed_at: None,
        released_at: None,
        status: CaseStatus::Open,
        outcome: None,
        created_at: now,
        updated_at: now,
        acknowledged_at: None,
        closed_at: None,
        overdue_alerted: false,
        clock: Default::default(),
        excerpts: Vec::new(),
        notes: Vec::new(),
    };

    // A position the chat does not have stores nothing at all.
    assert_eq!(
        store
            .insert_case(&case, ExcerptSource::Chat(&[2, 5]), &audit("case.create"))
            .await
            .unwrap(),
        CaseInsert::MissingMessage(5)
    );
    assert_eq!(store.case(case.id).await.unwrap(), None);
    assert_eq!(audits().await, before);
    // The schema refuses a refusal passed on outside an emergency.
    let declined = Case {
        id: Uuid::new_v4(),
        urgency: Urgency::Routine,
        consent: Consent::Declined,
        override_justification: Some("理由".into()),
        released_at: Some(now),
        ..case.clone()
    };
    assert!(store
        .insert_case(&declined, ExcerptSource::Chat(&[]), &audit("x"))
        .await
        .is_err());

    assert_eq!(
        store
            .insert_case(&case, ExcerptSource::Chat(&[2]), &audit("case.create"))
            .await
            .unwrap(),
        CaseInsert::Stored
    );
    let stored = store.case(case.id).await.unwrap().unwrap();
    assert_eq!(stored.organisation_name, "NPO");
    assert_eq!(stored.created_by_name, "creator さん");
    assert_eq!(stored.excerpts.len(), 1);
    assert_eq!(stored.excerpts[0].seq, 2);
    assert_eq!(stored.excerpts[0].body, "本文 m2");
    assert_eq!(stored.municipality.as_deref(), Some("港区"));
    assert!(store
        .cases(CaseFilter::Released(organisation.id))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .cases(CaseFilter::CreatedBy(creator.id))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .cases(CaseFilter::CreatedBy(second.id))
        .await
        .unwrap()
        .is_empty());
    let all = store.cases(CaseFilter::All).await.unwrap();
    assert!(all[0].awaiting_confirmation);

    // Clocks: a deadline is found once it has passed, and its alert fires once.
    let just = |t: Timestamp| t - SignedDuration::from_millis(1);
    let cutoffs =
        |t: Timestamp| [Urgency::Emergency, Urgency::Urgent, Urgency::Routine].map(|u| (u, t));
    let overdue = |ack: Timestamp, confirm: Timestamp| {
        let store = store.clone();
        async move { store.overdue_cases(cutoffs(ack), confirm).await.unwrap() }
    };
    assert!(overdue(now, just(now)).await.is_empty());
    assert_eq!(
        overdue(now, now).await,
        vec![(case.id, Waiting::Confirmation)]
    );
    assert!(store
        .mark_overdue(case.id, Waiting::Confirmation, now, &audit("case.overdue"))
        .await
        .unwrap());
    assert!(!store
        .mark_overdue(case.id, Waiting::Confirmation, now, &audit("case.overdue"))
        .await
        .unwrap());
    assert!(overdue(now, now).await.is_empty());
    assert!(store.case(case.id).await.unwrap().unwrap().overdue_alerted);
    // Not released: no acknowledgement clock yet.
    assert!(!store
        .mark_overdue(
            case.id,
            Waiting::Acknowledgement,
            now,
            &audit("case.overdue")
        )
        .await
        .unwrap());

    // Four eyes: never the creator, and only once.
    assert!(!store
        .confirm_case(case.id, creator.id, now, &audit("case.confirm"))
        .await
        .unwrap());
    assert!(store
        .confirm_case(case.id, second.id, now, &audit("case.confirm"))
        .await
        .unwrap());
    assert!(!store
        .confirm_case(case.id, second.id, now, &audit("case.confirm"))
        .await
        .unwrap());
    let released = store
        .cases(CaseFilter::Released(organisation.id))
        .await
        .unwrap();
    assert_eq!(released.len(), 1);
    assert!(!released[0].awaiting_confirmation);
    // Released: the acknowledgement deadline is a new one, not yet alerted.
    assert!(!released[0].overdue_alerted);
    assert!(overdue(just(now), now).await.is_empty());
    let mut only_routine = cutoffs(just(now));
    only_routine[2].1 = now;
    assert!(store
        .overdue_cases(only_routine, now)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        overdue(now, now).await,
        vec![(case.id, Waiting::Acknowledgement)]
    );
    assert!(store
        .mark_overdue(
            case.id,
            Waiting::Acknowledgement,
            now,
            &audit("case.overdue")
        )
        .await
        .unwrap());
    assert!(overdue(now, now).await.is_empty());

    // A status change happens once, from where the case is.
    let acknowledge = |from| {
        let store = store.clone();
        async move {
            store
                .set_case_status(
                    case.id,
                    from,
                    CaseStatus::Acknowledged,
                    None,
                    now,
                    &audit("case.status"),
                )
                .await
                .unwrap()
        }
    };
    assert!(!acknowledge(CaseStatus::InProgress).await);
    assert!(acknowledge(CaseStatus::Open).await);
    assert!(!acknowledge(CaseStatus::Open).await);
    assert!(store
        .set_case_status(
            case.id,
            CaseStatus::Acknowledged,
            CaseStatus::Closed,
            Some(Outcome::ReferredElsewhere),
            now,
            &audit("case.status"),
        )
        .await
        .unwrap());
    let note = CaseNote {
        id: Uuid::new_v4(),
        side: Side::Escalating,
        author_id: second.id,
        author_name: String::new(),
        body: "メモ".into(),
        at: now,
    };
    store
        .add_case_note(case.id, &note, &audit("case.note"))
        .await
        .unwrap();
    let closed = store.case(case.id).await.unwrap().unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    assert_eq!(closed.outcome, Some(Outcome::ReferredElsewhere));
    assert_eq!(closed.acknowledged_at, Some(now));
    assert_eq!(closed.closed_at, Some(now));
    assert_eq!(closed.confirmed_by, Some(second.id));
    assert_eq!(closed.notes.len(), 1);
    assert_eq!(closed.notes[0].author_name, "second さん");
    assert!(
        overdue(now, now).await.is_empty(),
        "an acknowledged case has no deadline"
    );
    // create, two overdue alerts, confirm, two status changes, a note: seven
    // entries, nothing for refusals.
    assert_eq!(audits().await, before + 7);
}

async fn webhook_outbox_is_written_with_the_change_in_order_and_claimed_once(
    store: Arc<dyn Store>,
    _: TestDatabase,
) {
    use yorisoi::consultation::model::Status;
    use yorisoi::escalation::model::{Case, CaseNote, CaseStatus, Consent, Reason, Side, Urgency};
    let now = Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap();
    let later = |seconds: i64| now + SignedDuration::from_secs(seconds);
    let mut organisations = Vec::new();
    for name in ["NPO A", "NPO B"] {
        let organisation = Organisation {
            id: Uuid::new_v4(),
            name: name.into(),
            kind: OrganisationKind::Npo,
            municipalities: Vec::new(),
            help_kinds: vec![HelpKind::Crisis],
            contact_hours: String::new(),
            on_call_note: String::new(),
            created_at: now,
        };
        store
            .insert_organisation(&organisation, &audit("organisation.create"))
            .await
            .unwrap();
        organisations.push(organisation.id);
    }
    let (org_a, org_b) = (organisations[0], organisations[1]);
    let creator = account("creator", Role::Counselor, None);
    let second = account("second", Role::Supervisor, None);
    for a in [&creator, &second] {
        store
            .insert_account(a, "x", &audit("account.create"))
            .await
            .unwrap();
    }
    store.insert_device("device-w", now).await.unwrap();
    let chat = conversation("device-w", Status::Active);
    store.insert_conversation(&chat).await.unwrap();
    store
        .append_messages(&[teen_message(chat.id, "m1")])
        .await
        .unwrap();
    let case_for = |organisation_id, urgency| Case {
        id: Uuid::new_v4(),
        organisation_id,
        organisation_name: String::new(),
        source: yorisoi::escalation::model::Source::Chat,
        conversation_id: Some(chat.id),
        salon_post_id: None,
        created_by: creator.id,
        created_by_name: String::new(),
        reason: Reason::CaringBurden,
        urgency,
        summary: "要約".into(),
        municipality: None,
        consent: Consent::AskedAndGiven,
        override_justification: None,
        confirmed_by: None,
        confirmed_at: None,
        released_at: (urgency != Urgency::Emergency).then_some(now),
        status: CaseStatus::Open,
        outcome: None,
        created_at: now,
        updated_at: now,
        acknowledged_at: None,
        closed_at: None,
        overdue_alerted: false,
        clock: Default::default(),
        excerpts: Vec::new(),
        notes: Vec::new(),
    };
    let note = |side, author: Uuid, body: &str| CaseNote {
        id: Uuid::new_v4(),
        side,
        author_id: author,
        author_name: String::new(),
        body: body.into(),
        at: now,
    };
    let events = |organisation| {
        let store = store.clone();
        async move { store.webhook_events(organisation, 0, 100).await.unwrap() }
    };

    // Without a webhook, changes record nothing.
    let before = case_for(org_a, Urgency::Routine);
    store
        .insert_case(
            &before,
            yorisoi::store::ExcerptSource::Chat(&[1]),
            &audit("case.create"),
        )
        .await
        .unwrap();
    assert!(events(org_a).await.is_empty());
    assert!(store.webhook(org_a).await.unwrap().is_none());

    // Setting up makes the secret once; setting again keeps it.
    let endpoint = store
        .set_webhook(
            org_a,
            "https://a.example/hook",
            true,
            "secret-1",
            &audit("w"),
        )
        .await
        .unwrap();
    assert_eq!(endpoint.secret, "secret-1");
    assert_eq!(endpoint.last_sequence, 0);
    let endpoint = store
        .set_webhook(
            org_a,
            "https://a.example/hook2",
            true,
            "secret-2",
            &audit("w"),
        )
        .await
        .unwrap();
    assert_eq!(endpoint.secret, "secret-1");
    assert_eq!(endpoint.url.as_deref(), Some("https://a.example/hook2"));
    assert!(matches!(
        store
            .set_webhook(Uuid::new_v4(), "https://x.example", true, "s", &audit("w"))
            .await,
        Err(StoreError::MissingReference)
    ));
    // B records but does not deliver (disabled).
    store
        .set_webhook(
            org_b,
            "https://b.example/hook",
            false,
            "secret-b",
            &audit("w"),
        )
        .await
        .unwrap();

    // Released at once: one event. Awaiting confirmation: none, notes neither.
    let routine = case_for(org_a, Urgency::Routine);
    store
        .insert_case(
            &routine,
            yorisoi::store::ExcerptSource::Chat(&[1]),
            &audit("case.create"),
        )
        .await
        .unwrap();
    let emergency = case_for(org_a, Urgency::Emergency);
    store
        .insert_case(
            &emergency,
            yorisoi::store::ExcerptSource::Chat(&[]),
            &audit("case.create"),
        )
        .await
        .unwrap();
    store
        .add_case_note(
            emergency.id,
            &note(Side::Escalating, creator.id, "確認待ちのメモ"),
            &audit("case.note"),
        )
        .await
        .unwrap();
    assert_eq!(events(org_a).await.len(), 1);
    assert!(store
        .confirm_case(emergency.id, second.id, now, &audit("case.confirm"))
        .await
        .unwrap());
    // A change refused by the store writes no event; a failed one neither.
    assert!(!store
        .set_case_status(
            routine.id,
            CaseStatus::InProgress,
            CaseStatus::Closed,
            None,
            now,
            &audit("case.status"),
        )
        .await
        .unwrap());
    assert!(store
        .add_case_note(
            routine.id,
            &note(Side::Partner, Uuid::new_v4(), "存在しない人"),
            &audit("case.note"),
        )
        .await
        .is_err());
    assert!(store
        .set_case_status(
            routine.id,
            CaseStatus::Open,
            CaseStatus::Acknowledged,
            None,
            now,
            &audit("case.status"),
        )
        .await
        .unwrap());
    store
        .add_case_note(
            routine.id,
            &note(Side::Escalating, second.id, "様子を教えてください"),
            &audit("case.note"),
        )
        .await
        .unwrap();
    store
        .insert_case(
            &case_for(org_b, Urgency::Urgent),
            yorisoi::store::ExcerptSource::Chat(&[1]),
            &audit("case.create"),
        )
        .await
        .unwrap();

    let a = events(org_a).await;
    let kinds: Vec<(i64, &str)> = a
        .iter()
        .map(|e| (e.sequence, e.event_type.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (1, "case.released"),
            (2, "case.released"),
            (3, "case.status_changed"),
            (4, "case.note_added"),
        ]
    );
    assert_eq!(
        store.webhook(org_a).await.unwrap().unwrap().last_sequence,
        4
    );
    let body = |event: &yorisoi::webhooks::OutboxEvent| -> serde_json::Value {
        serde_json::from_str(&event.payload).unwrap()
    };
    for event in &a {
        let body = body(event);
        assert_eq!(body["id"], json!(event.id));
        assert_eq!(body["type"], event.event_type);
        assert_eq!(body["sequence"], event.sequence);
        assert_eq!(body["organisation_id"], json!(org_a));
        assert_eq!(body["case"]["id"], json!(event.case_id));
        for hidden in ["conversation_id", "created_by", "confirmed_by"] {
            assert!(body["case"].get(hidden).is_none(), "{hidden}");
        }
        assert!(!event.payload.contains(&chat.id.to_string()));
        assert!(!event.payload.contains(&creator.id.to_string()));
        assert!(!event.payload.contains("device-w"));
    }
    // The confirmed emergency arrives with the note written while it waited.
    assert_eq!(a[1].case_id, emergency.id);
    assert_eq!(body(&a[1])["case"]["notes"][0]["body"], "確認待ちのメモ");
    assert!(body(&a[1])["case"]["notes"][0].get("author_id").is_none());
    assert_eq!(body(&a[2])["previous_status"], "open");
    assert_eq!(body(&a[2])["case"]["status"], "acknowledged");
    assert_eq!(body(&a[3])["note"]["body"], "様子を教えてください");
    assert_eq!(body(&a[3])["note"]["side"], "escalating");
    assert_eq!(events(org_b).await.len(), 1);

    // Claims take the head of an organisation's queue only, one at a time.
    let claim = |at: Timestamp, lease: i64| {
        let store = store.clone();
        async move {
            store
                .claim_webhook_event(at, at + SignedDuration::from_secs(lease))
                .await
                .unwrap()
        }
    };
    let first = claim(now, 60).await.unwrap();
    assert_eq!(first.event.sequence, 1);
    assert_eq!(first.event.organisation_id, org_a);
    assert_eq!(first.event.attempts, 1);
    assert_eq!(first.url, "https://a.example/hook2");
    assert_eq!(first.secret, "secret-1");
    assert!(claim(now, 60).await.is_none(), "leased head blocks its org");
    // A failure holds back the later events until it is due again.
    store
        .webhook_failed(first.event.id, later(3600), "answered HTTP 503")
        .await
        .unwrap();
    assert!(claim(now, 60).await.is_none());
    let status = store.webhook_status(org_a).await.unwrap();
    assert_eq!(status.pending, 4);
    assert_eq!(status.next_sequence, Some(1));
    assert_eq!(status.next_attempts, 1);
    assert_eq!(status.last_error.as_deref(), Some("answered HTTP 503"));
    assert_eq!(status.last_delivered_sequence, None);
    let again = claim(later(3601), 60).await.unwrap();
    assert_eq!((again.event.sequence, again.event.attempts), (1, 2));
    store.webhook_delivered(again.event.id, now).await.unwrap();
    // A lease that ran out (its node died) is taken over.
    let second_event = claim(now, 1).await.unwrap();
    assert_eq!(second_event.event.sequence, 2);
    assert!(claim(now, 60).await.is_none());
    let retaken = claim(later(2), 60).await.unwrap();
    assert_eq!(retaken.event.id, second_event.event.id);
    assert_eq!(retaken.event.attempts, 2);
    store
        .webhook_delivered(retaken.event.id, now)
        .await
        .unwrap();
    store
        .webhook_delivered(retaken.event.id, later(5))
        .await
        .unwrap();
    let status = store.webhook_status(org_a).await.unwrap();
    assert_eq!(status.last_delivered_sequence, Some(2));
    assert_eq!(status.pending, 2);
    assert_eq!(status.last_error, None);

    // Enabling B: two claims at once take two organisations' heads, never one event twice.
    store
        .set_webhook(org_b, "https://b.example/hook", true, "unused", &audit("w"))
        .await
        .unwrap();
    let (x, y) = tokio::join!(claim(now, 60), claim(now, 60));
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_ne!(x.event.organisation_id, y.event.organisation_id);
    let mut heads = vec![x.event.sequence, y.event.sequence];
    heads.sort();
    assert_eq!(heads, [1, 3]);
    assert!(claim(now, 60).await.is_none());

    // Clearing the URL drops what waits and records nothing more; numbering goes on.
    assert_eq!(store.clear_webhook(org_a, &audit("w")).await.unwrap(), 2);
    store
        .add_case_note(
            routine.id,
            &note(Side::Escalating, second.id, "もう一度"),
            &audit("case.note"),
        )
        .await
        .unwrap();
    assert_eq!(events(org_a).await.len(), 2);
    let cleared = store.webhook(org_a).await.unwrap().unwrap();
    assert_eq!((cleared.url, cleared.enabled), (None, false));
    store
        .set_webhook(org_a, "https://a.example/hook3", true, "s", &audit("w"))
        .await
        .unwrap();
    store
        .add_case_note(
            routine.id,
            &note(Side::Escalating, second.id, "再開"),
            &audit("case.note"),
        )
        .await
        .unwrap();
    let a = events(org_a).await;
    assert_eq!(a.last().unwrap().sequence, 5);
    // Delivered events are forgotten after a while.
    assert_eq!(store.prune_webhook_events(later(10)).await.unwrap(), 2);
}
