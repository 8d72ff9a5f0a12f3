//! Demonstration data for `yorisoi serve --demo`: three lines (one open around
//! the clock so every flow can be tried at any hour), a partner organisation and
//! one account per role with fresh passwords, printed at start.

use serde_json::json;

use crate::http::App;
use crate::lines::hours::Schedule;
use crate::lines::{self, LineInput};
use crate::salon::model::RoomInput;
use crate::staff::service::{AccountChange, NewAccount, NewOrganisation};
use crate::staff::session::random_token;
use crate::staff::{Account, HelpKind, OrganisationKind, Role};

/// A demo account and the password it has from now on.
pub struct DemoAccount {
    /// Sign-in name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Password set at this start.
    pub password: String,
}

/// Seeds (or refreshes) the demo data and returns the accounts to print.
pub async fn seed(app: &App) -> anyhow::Result<Vec<DemoAccount>> {
    let admin = ensure_account(app, "demo-admin", "デモ管理者", Role::Admin, None).await?;
    let organisation_id = match app
        .staff
        .organisations()
        .await?
        .into_iter()
        .find(|o| o.name == "デモNPO")
    {
        Some(organisation) => organisation.id,
        None => {
            let new = NewOrganisation {
                name: "デモNPO".into(),
                kind: OrganisationKind::Npo,
                municipalities: vec!["世田谷区".into(), "目黒区".into()],
                help_kinds: vec![HelpKind::CarerSupport, HelpKind::Crisis],
                contact_hours: "平日 10:00–18:00".into(),
                on_call_note: "時間外の緊急時は代表番号へ（デモ）".into(),
            };
            app.staff.create_organisation(&admin.0, new).await?.id
        }
    };
    let mut accounts = vec![admin.1];
    for (username, name, role, organisation) in [
        (
            "demo-supervisor",
            "デモ スーパーバイザー",
            Role::Supervisor,
            None,
        ),
        ("demo-counselor", "デモ 相談員", Role::Counselor, None),
        ("demo-moderator", "デモ モデレーター", Role::Moderator, None),
        (
            "demo-partner",
            "デモ 連携先職員",
            Role::Partner,
            Some(organisation_id),
        ),
    ] {
        accounts.push(
            ensure_account(app, username, name, role, organisation)
                .await?
                .1,
        );
    }
    for (id, input) in demo_lines()? {
        if app.store.line(&lines::parse_line_id(id)?).await?.is_none() {
            lines::save(app.store.as_ref(), &admin.0, id, input).await?;
        }
    }
    let moderator = app
        .staff
        .accounts()
        .await?
        .into_iter()
        .find(|a| a.username.as_str() == "demo-moderator")
        .ok_or_else(|| anyhow::anyhow!("the demo moderator is missing"))?;
    for (id, input) in demo_rooms() {
        if app
            .salon
            .room_view(id, jiff::Timestamp::now())
            .await
            .is_err()
        {
            app.salon.save_room(&moderator, id, input).await?;
        }
    }
    Ok(accounts)
}

/// Two salon rooms: an evening room that needs a moderator on duty, and a
/// small pre-moderated room for newcomers.
fn demo_rooms() -> [(&'static str, RoomInput); 2] {
    [
        (
            "evening-salon",
            RoomInput {
                sort_order: 0,
                title: "夜のサロン（ヤングケアラー）".into(),
                topic: "家族のお世話をしている人どうしで、今日あったことや気持ちを話しましょう。"
                    .into(),
                rules: "・名前や学校、連絡先は書かないでください。\n\
                        ・相手の話を否定しないでください。\n\
                        ・個別のやりとり（DM）はできません。\n\
                        ・つらい気持ちは、スタッフが受け止めます。"
                    .into(),
                schedule: None,
                requires_moderator: true,
                capacity: 50,
                premoderate_first: 0,
                slow_mode_seconds: 0,
            },
        ),
        (
            "first-steps",
            RoomInput {
                sort_order: 1,
                title: "はじめての人の部屋".into(),
                topic: "はじめて参加する人のための、ゆっくりした部屋です。".into(),
                rules: "・最初の2つのメッセージは、スタッフが確認してから表示されます。\n\
                        ・名前や連絡先は書かないでください。"
                    .into(),
                schedule: None,
                requires_moderator: true,
                capacity: 20,
                premoderate_first: 2,
                slow_mode_seconds: 10,
            },
        ),
    ]
}

/// Creates the account, or gives the existing one a fresh password.
async fn ensure_account(
    app: &App,
    username: &str,
    display_name: &str,
    role: Role,
    organisation_id: Option<uuid::Uuid>,
) -> anyhow::Result<(Account, DemoAccount)> {
    let password = random_token()[..16].to_owned();
    let existing = app.store.account_credentials(username).await?;
    let account = match existing {
        None => {
            let new = NewAccount {
                username: username.into(),
                display_name: display_name.into(),
                role,
                organisation_id,
                password: password.clone(),
            };
            app.staff.create_account(None, new).await?
        }
        Some((account, _)) => {
            let change = AccountChange {
                password: Some(password.clone()),
                disabled: Some(false),
                ..Default::default()
            };
            app.staff
                .change_account(&account, account.id, change)
                .await?
        }
    };
    Ok((
        account,
        DemoAccount {
            username: username.into(),
            role,
            password,
        },
    ))
}

fn demo_lines() -> anyhow::Result<Vec<(&'static str, LineInput)>> {
    let line = |sort_order,
                name_ja: &str,
                name_en: &str,
                description_ja: &str,
                description_en: &str,
                schedule| {
        Ok::<_, serde_json::Error>(LineInput {
            sort_order,
            name_ja: name_ja.into(),
            name_en: name_en.into(),
            description_ja: description_ja.into(),
            description_en: description_en.into(),
            schedule: serde_json::from_value::<Schedule>(schedule)?,
            auto_assign: false,
        })
    };
    Ok(vec![
        (
            "youth-health",
            line(
                10,
                "思春期の心と体の相談",
                "Youth health: mind and body",
                "体のこと、性のこと、生理、妊娠、心のこと。10代の悩みを匿名で相談できます。",
                "Your body, sexuality, periods, pregnancy, your feelings: talk anonymously about the worries of your teens.",
                json!({
                    "weekly": [
                        { "day": "wed", "start": "15:00", "end": "20:00" },
                        { "day": "sun", "start": "09:00", "end": "14:00" }
                    ],
                    "exceptions": [],
                    "closed_on_public_holidays": false,
                    "last_entry_minutes": 15
                }),
            )?,
        ),
        (
            "young-carer",
            line(
                20,
                "ヤングケアラー相談",
                "Young carers",
                "家族の世話や家事で、自分の時間が取れない。そんな毎日のことを話してください。",
                "Caring for someone in your family and no time left for yourself? Tell us about your days.",
                json!({
                    "weekly": [
                        { "day": "mon", "start": "17:00", "end": "22:00" },
                        { "day": "tue", "start": "17:00", "end": "22:00" },
                        { "day": "wed", "start": "17:00", "end": "22:00" },
                        { "day": "thu", "start": "17:00", "end": "22:00" },
                        { "day": "fri", "start": "17:00", "end": "22:00" },
                        { "day": "sat", "start": "13:00", "end": "18:00" }
                    ],
                    "exceptions": [],
                    "closed_on_public_holidays": true,
                    "last_entry_minutes": 15
                }),
            )?,
        ),
        (
            "anytime-demo",
            line(
                30,
                "いつでも相談（デモ）",
                "Any time (demo)",
                "デモ用に24時間開いている窓口です。",
                "A line open around the clock, for trying every flow in the demo.",
                serde_json::to_value(Schedule::always_open())?,
            )?,
        ),
    ])
}
