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
    /// When it was registered.
    pub created_at: Timestamp,
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
