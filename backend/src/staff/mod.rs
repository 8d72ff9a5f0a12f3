//! Staff accounts: roles, validated input, the rules for changing an account,
//! password hashing and sign-in sessions.
//!
//! - [`password`]: argon2id hashing off the async threads.
//! - [`session`]: session tokens (only their hash is stored) and CSRF tokens.
//! - [`throttle`]: sign-in attempts limited per account and per client.
//! - [`service`]: sign-in, sign-out and the admin operations, with their rules.

pub mod password;
pub mod service;
pub mod session;
pub mod throttle;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::text::{plain_text, Slug, TextError};

/// What a staff member may do. Each role sees only what its work needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the platform: accounts, lines, organisations.
    Admin,
    /// Oversees counsellors and crisis alerts.
    Supervisor,
    /// Talks with teens one to one.
    Counselor,
    /// Runs peer salon rooms.
    Moderator,
    /// Staff of a partner organisation receiving escalated cases.
    Partner,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Supervisor,
        Role::Counselor,
        Role::Moderator,
        Role::Partner,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Counselor => "counselor",
            Role::Moderator => "moderator",
            Role::Partner => "partner",
        }
    }

    /// Parses the stored name.
    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == raw)
    }
}

/// A staff account as the rest of the system sees it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    /// Stable id.
    pub id: Uuid,
    /// Sign-in name.
    pub username: Slug,
    /// Name shown to colleagues (teens see only a first name the counsellor chooses).
    pub display_name: String,
    /// What the account may do.
    pub role: Role,
    /// Partner organisation; set exactly when the role is `partner`.
    pub organisation_id: Option<Uuid>,
    /// A disabled account cannot sign in and has no sessions.
    pub disabled: bool,
    /// When it was created.
    pub created_at: Timestamp,
}

/// Parses a username: 3–32 characters of `a-z 0-9 - _ .`.
pub fn parse_username(raw: &str) -> Result<Slug, TextError> {
    Slug::parse("username", raw, 3, 32)
}

/// Parses a display name: 1–64 characters, no control characters.
pub fn parse_display_name(raw: &str) -> Result<String, TextError> {
    plain_text("display_name", raw, 1, 64, false)
}

/// A partner organisation (NPO, municipal child and family support centre, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisation {
    /// Stable id.
    pub id: Uuid,
    /// Name as the organisation calls itself.
    pub name: String,
    /// What kind of body it is.
    pub kind: OrganisationKind,
    /// The municipalities (区市町村) it serves, as written by the administrator
    /// (e.g. `世田谷区`, `八王子市`); empty means none registered yet.
    pub municipalities: Vec<String>,
    /// The kinds of help it gives; escalations are matched against them.
    pub help_kinds: Vec<HelpKind>,
    /// When it can be reached, in words (e.g. `平日 9:00–17:00`).
    pub contact_hours: String,
    /// What to do in an emergency outside those hours (on-call number, rule).
    pub on_call_note: String,
    /// When it was registered.
    pub created_at: Timestamp,
}

/// A kind of help a partner organisation gives. Escalation reasons map onto
/// these (see `escalation::Reason::help_kind`) to suggest organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HelpKind {
    /// Suicide or self-harm risk: crisis response, mental health.
    Crisis,
    /// Abuse and neglect: child protection.
    ChildProtection,
    /// Young carers: peer support, dispatch of housework-support helpers.
    CarerSupport,
    /// Body, sexuality, pregnancy and other health worries.
    Health,
    /// Anything else.
    Other,
}

impl HelpKind {
    /// Every kind, in display order.
    pub const ALL: [HelpKind; 5] = [
        Self::Crisis,
        Self::ChildProtection,
        Self::CarerSupport,
        Self::Health,
        Self::Other,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Crisis => "crisis",
            Self::ChildProtection => "child_protection",
            Self::CarerSupport => "carer_support",
            Self::Health => "health",
            Self::Other => "other",
        }
    }

    /// Parses the stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

/// Most municipalities one organisation may list (Tokyo has 62 区市町村).
pub const MAX_MUNICIPALITIES: usize = 62;

/// Parses a municipality name: 1–40 characters, no control characters.
pub fn parse_municipality(field: &'static str, raw: &str) -> Result<String, TextError> {
    plain_text(field, raw, 1, 40, false)
}

/// Checks what an administrator wrote about an organisation and builds it;
/// the first bad field is named in the error.
pub fn organisation_from_input(
    id: Uuid,
    created_at: Timestamp,
    input: OrganisationInput,
) -> Result<Organisation, TextError> {
    let name = plain_text("name", &input.name, 1, 120, false)?;
    if input.municipalities.len() > MAX_MUNICIPALITIES {
        return Err(TextError::new(
            "municipalities",
            format!("at most {MAX_MUNICIPALITIES} municipalities"),
        ));
    }
    let mut municipalities: Vec<String> = Vec::with_capacity(input.municipalities.len());
    for raw in &input.municipalities {
        let name = parse_municipality("municipalities", raw)?;
        if municipalities.contains(&name) {
            return Err(TextError::new(
                "municipalities",
                format!("{name} is listed twice"),
            ));
        }
        municipalities.push(name);
    }
    let mut help_kinds: Vec<HelpKind> = Vec::with_capacity(input.help_kinds.len());
    for kind in input.help_kinds {
        if help_kinds.contains(&kind) {
            return Err(TextError::new(
                "help_kinds",
                format!("{} is listed twice", kind.as_str()),
            ));
        }
        help_kinds.push(kind);
    }
    Ok(Organisation {
        id,
        name,
        kind: input.kind,
        municipalities,
        help_kinds,
        contact_hours: optional_text("contact_hours", &input.contact_hours, 200)?,
        on_call_note: optional_text("on_call_note", &input.on_call_note, 1000)?,
        created_at,
    })
}

/// Free text that may be empty: at most `max` characters, newlines allowed.
fn optional_text(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    plain_text(field, raw, 0, max, true)
}

/// A partner organisation as an administrator registers or changes it (the
/// whole record: absent lists and texts mean empty).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: OrganisationKind,
    /// Municipalities it serves.
    #[serde(default)]
    pub municipalities: Vec<String>,
    /// Kinds of help it gives.
    #[serde(default)]
    pub help_kinds: Vec<HelpKind>,
    /// When it can be reached.
    #[serde(default)]
    pub contact_hours: String,
    /// The emergency rule outside those hours.
    #[serde(default)]
    pub on_call_note: String,
}

/// The kinds of partner organisation the escalation directory knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// Non-profit organisation (peer support, housework helpers).
    Npo,
    /// 子供家庭支援センター, run by a municipality.
    MunicipalSupportCentre,
    /// 児童相談所.
    ChildGuidanceCentre,
    /// Anything else.
    Other,
}

impl OrganisationKind {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Npo => "npo",
            Self::MunicipalSupportCentre => "municipal_support_centre",
            Self::ChildGuidanceCentre => "child_guidance_centre",
            Self::Other => "other",
        }
    }

    /// Parses the stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        [
            Self::Npo,
            Self::MunicipalSupportCentre,
            Self::ChildGuidanceCentre,
            Self::Other,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == raw)
    }
}
