//! Cases and their parts: reasons, urgency, consent, lifecycle, excerpts and
//! notes, with the validated input a staff member sends.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::clock::Clock;
use crate::consultation::model::Sender;
use crate::staff::HelpKind;
use crate::text::{plain_text, TextError};

/// Declares a closed set of snake_case names with `as_str` and `parse`.
macro_rules! names {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the stored name.
            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw)
            }
        }
    };
}

names!(
    /// Why a chat is escalated.
    Reason {
        /// Risk of suicide or self-harm.
        SuicideRisk = "suicide_risk",
        /// Abuse or neglect.
        Abuse = "abuse",
        /// A caring burden that needs services (young carers).
        CaringBurden = "caring_burden",
        /// A health worry that needs care.
        Health = "health",
        /// Anything else.
        Other = "other",
    }
);

impl Reason {
    /// The kind of help an organisation needs to give for this reason.
    pub fn help_kind(self) -> HelpKind {
        match self {
            Self::SuicideRisk => HelpKind::Crisis,
            Self::Abuse => HelpKind::ChildProtection,
            Self::CaringBurden => HelpKind::CarerSupport,
            Self::Health => HelpKind::Health,
            Self::Other => HelpKind::Other,
        }
    }
}

names!(
    /// How fast the partner must act.
    Urgency {
        /// Now: needs a second staff member's confirmation before the partner sees it.
        Emergency = "emergency",
        /// Within hours.
        Urgent = "urgent",
        /// Within days.
        Routine = "routine",
    }
);

names!(
    /// What the teen said about passing their situation on.
    Consent {
        /// Asked, and the teen agreed.
        AskedAndGiven = "asked_and_given",
        /// Asked, and the teen said no: only a supervisor may override, only in
        /// an emergency, with a written justification (duty of care).
        Declined = "declined",
        /// Not asked (the teen left, or asking was not possible).
        NotAsked = "not_asked",
    }
);

names!(
    /// Where a case stands.
    CaseStatus {
        /// Handed over, not yet seen by the partner.
        Open = "open",
        /// The partner has taken note.
        Acknowledged = "acknowledged",
        /// The partner is working on it.
        InProgress = "in_progress",
        /// Done, with an outcome.
        Closed = "closed",
    }
);

impl CaseStatus {
    /// Whether a partner may move a case from `self` to `to`: forward one step,
    /// or closed from acknowledged or in progress.
    pub fn may_become(self, to: CaseStatus) -> bool {
        matches!(
            (self, to),
            (Self::Open, Self::Acknowledged)
                | (Self::Acknowledged, Self::InProgress)
                | (Self::Acknowledged | Self::InProgress, Self::Closed)
        )
    }
}

names!(
    /// Where a case comes from.
    Source {
        /// A 1:1 counselling chat.
        Chat = "chat",
        /// A peer salon room (a moderator escalated a member's post).
        Salon = "salon",
    }
);

names!(
    /// How a case ended.
    Outcome {
        /// The teen or family is connected to a service.
        ConnectedToService = "connected_to_service",
        /// Handed on to another body.
        ReferredElsewhere = "referred_elsewhere",
        /// Nobody could be reached.
        NoContactPossible = "no_contact_possible",
        /// Anything else (say what in a note).
        Other = "other",
    }
);

names!(
    /// Which side wrote a note.
    Side {
        /// The counsellor or supervisor who escalated (or a supervisor).
        Escalating = "escalating",
        /// Staff of the partner organisation.
        Partner = "partner",
    }
);

/// A transcript line chosen by the escalating staff member, copied at escalation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// Its position in the chat.
    pub seq: i64,
    /// Who wrote it.
    pub sender: Sender,
    /// The text as it was sent.
    pub body: String,
    /// When it was sent.
    pub at: Timestamp,
}

/// A note on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseNote {
    /// Stable id.
    pub id: Uuid,
    /// Which side wrote it.
    pub side: Side,
    /// The staff member who wrote it.
    pub author_id: Uuid,
    /// Their display name (colleagues and partners see it).
    pub author_name: String,
    /// The note.
    pub body: String,
    /// When.
    pub at: Timestamp,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    /// Stable id.
    pub id: Uuid,
    /// The partner organisation it is handed to.
    pub organisation_id: Uuid,
    /// Its name (read with the case).
    pub organisation_name: String,
    /// A chat or a salon post.
    pub source: Source,
    /// The chat it came from; for the escalating side only, never shown to partners.
    pub conversation_id: Option<Uuid>,
    /// The salon post it came from; for the escalating side only.
    pub salon_post_id: Option<Uuid>,
    /// Who escalated.
    pub created_by: Uuid,
    /// Their display name.
    pub created_by_name: String,
    /// Why.
    pub reason: Reason,
    /// How fast.
    pub urgency: Urgency,
    /// What the partner needs to know, in the staff member's words.
    pub summary: String,
    /// The municipality, if the teen disclosed it.
    pub municipality: Option<String>,
    /// What the teen said about passing it on.
    pub consent: Consent,
    /// Why a supervisor overrode a refusal (only with `Declined`).
    pub override_justification: Option<String>,
    /// Who confirmed an emergency case (four eyes).
    pub confirmed_by: Option<Uuid>,
    /// When.
    pub confirmed_at: Option<Timestamp>,
    /// When the partner could first see it; `None` while an emergency awaits confirmation.
    pub released_at: Option<Timestamp>,
    /// Where it stands.
    pub status: CaseStatus,
    /// How it ended (exactly when closed).
    pub outcome: Option<Outcome>,
    /// When it was created.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// When the partner acknowledged it.
    pub acknowledged_at: Option<Timestamp>,
    /// When it was closed.
    pub closed_at: Option<Timestamp>,
    /// An overdue alert fired for the deadline that applies now.
    #[serde(skip)]
    pub overdue_alerted: bool,
    /// Its urgency clock, set by the service when it hands the case out.
    #[serde(flatten)]
    pub clock: Clock,
    /// The chosen transcript lines, in order.
    pub excerpts: Vec<Excerpt>,
    /// Notes from both sides, oldest first.
    pub notes: Vec<CaseNote>,
}

impl Case {
    /// Whether an emergency case still waits for its second staff member.
    pub fn awaiting_confirmation(&self) -> bool {
        self.released_at.is_none()
    }
}

/// A line of a case list (no excerpts, no notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    /// Stable id.
    pub id: Uuid,
    /// The partner organisation.
    pub organisation_id: Uuid,
    /// Its name.
    pub organisation_name: String,
    /// A chat or a salon post.
    pub source: Source,
    /// Why.
    pub reason: Reason,
    /// How fast.
    pub urgency: Urgency,
    /// Where it stands.
    pub status: CaseStatus,
    /// How it ended.
    pub outcome: Option<Outcome>,
    /// The municipality, if disclosed.
    pub municipality: Option<String>,
    /// Whether an emergency case waits for confirmation.
    pub awaiting_confirmation: bool,
    /// Who escalated (escalating side only; dropped for partners).
    pub created_by: Uuid,
    /// When it was created.
    pub created_at: Timestamp,
    /// When the partner could first see it.
    pub released_at: Option<Timestamp>,
    /// Last change.
    pub updated_at: Timestamp,
    /// An overdue alert fired for the deadline that applies now.
    #[serde(skip)]
    pub overdue_alerted: bool,
    /// Its urgency clock, set by the service when it hands the list out.
    #[serde(flatten)]
    pub clock: Clock,
}

impl From<&Case> for CaseSummary {
    /// The list line of a case (what a live console pushes when it changes),
    /// with the clock the case was handed out with.
    fn from(case: &Case) -> Self {
        Self {
            id: case.id,
            organisation_id: case.organisation_id,
            organisation_name: case.organisation_name.clone(),
            source: case.source,
            reason: case.reason,
            urgency: case.urgency,
            status: case.status,
            outcome: case.outcome,
            municipality: case.municipality.clone(),
            awaiting_confirmation: case.awaiting_confirmation(),
            created_by: case.created_by,
            created_at: case.created_at,
            released_at: case.released_at,
            updated_at: case.updated_at,
            overdue_alerted: case.overdue_alerted,
            clock: case.clock,
        }
    }
}

/// Which cases a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseFilter {
    /// Every case (supervisors).
    All,
    /// Cases this account escalated (counsellors).
    CreatedBy(Uuid),
    /// Released cases of one organisation (its partner staff).
    Released(Uuid),
}

/// Most excerpts one case may carry: a selection, not the chat.
pub const MAX_EXCERPTS: usize = 30;

/// A case as a counsellor, a moderator or a supervisor asks for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    /// The chat it comes from (counsellors, supervisors)…
    #[serde(default)]
    pub conversation_id: Option<Uuid>,
    /// …or the salon post (moderators, supervisors): exactly one of the two.
    #[serde(default)]
    pub salon_post_id: Option<Uuid>,
    /// The partner organisation.
    pub organisation_id: Uuid,
    /// Why.
    pub reason: Reason,
    /// How fast.
    pub urgency: Urgency,
    /// 1–1000 characters.
    pub summary: String,
    /// Positions of the chosen messages in the chat, or of further posts in
    /// the salon post's room (at most 30, no repeats).
    #[serde(default)]
    pub excerpt_seqs: Vec<i64>,
    /// The municipality, if the teen disclosed it.
    #[serde(default)]
    pub municipality: Option<String>,
    /// What the teen said about passing it on.
    pub consent: Consent,
    /// Required exactly when a supervisor overrides a refusal in an emergency.
    #[serde(default)]
    pub override_justification: Option<String>,
}

/// Where a new case comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A 1:1 chat.
    Chat(Uuid),
    /// A member's post in a salon room.
    SalonPost(Uuid),
}

/// A validated [`NewCase`]; the rules that need the database come later.
#[derive(Debug, Clone)]
pub struct CaseInput {
    /// The chat or the salon post.
    pub origin: Origin,
    /// The organisation.
    pub organisation_id: Uuid,
    /// Why.
    pub reason: Reason,
    /// How fast.
    pub urgency: Urgency,
    /// Summary.
    pub summary: String,
    /// Sorted, distinct, positive positions.
    pub excerpt_seqs: Vec<i64>,
    /// Municipality.
    pub municipality: Option<String>,
    /// Consent.
    pub consent: Consent,
    /// Justification of an override.
    pub override_justification: Option<String>,
}

impl NewCase {
    /// Checks every field on its own; names the first bad one.
    pub fn parse(self) -> Result<CaseInput, TextError> {
        let origin = match (self.conversation_id, self.salon_post_id) {
            (Some(chat), None) => Origin::Chat(chat),
            (None, Some(post)) => Origin::SalonPost(post),
            (Some(_), Some(_)) => {
                return Err(TextError::new(
                    "salon_post_id",
                    "give the chat (conversation_id) or the salon post, not both",
                ))
            }
            (None, None) => {
                return Err(TextError::new(
                    "conversation_id",
                    "give the chat (conversation_id) or the salon post (salon_post_id)",
                ))
            }
        };
        let summary = plain_text("summary", &self.summary, 1, 1000, true)?;
        if self.excerpt_seqs.len() > MAX_EXCERPTS {
            return Err(TextError::new(
                "excerpt_seqs",
                format!("choose at most {MAX_EXCERPTS} messages"),
            ));
        }
        let mut seqs = self.excerpt_seqs.clone();
        seqs.sort_unstable();
        seqs.dedup();
        if seqs.len() != self.excerpt_seqs.len() {
            return Err(TextError::new("excerpt_seqs", "a message is chosen twice"));
        }
        if seqs.first().is_some_and(|first| *first < 1) {
            return Err(TextError::new(
                "excerpt_seqs",
                "message positions start at 1",
            ));
        }
        let municipality = self
            .municipality
            .as_deref()
            .map(|raw| crate::staff::parse_municipality("municipality", raw))
            .transpose()?;
        let override_justification = self
            .override_justification
            .as_deref()
            .map(|raw| plain_text("override_justification", raw, 10, 1000, true))
            .transpose()?;
        Ok(CaseInput {
            origin,
            organisation_id: self.organisation_id,
            reason: self.reason,
            urgency: self.urgency,
            summary,
            excerpt_seqs: seqs,
            municipality,
            consent: self.consent,
            override_justification,
        })
    }
}

/// Parses a note: 1–2000 characters, newlines allowed.
pub fn parse_note(raw: &str) -> Result<String, TextError> {
    plain_text("body", raw, 1, 2000, true)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn partners_move_cases_forward_only() {
        use CaseStatus::*;
        assert!(Open.may_become(Acknowledged));
        assert!(Acknowledged.may_become(InProgress));
        assert!(Acknowledged.may_become(Closed));
        assert!(InProgress.may_become(Closed));
        for (from, to) in [
            (Open, InProgress),
            (Open, Closed),
            (Closed, Open),
            (InProgress, Acknowledged),
            (Closed, Closed),
            (Open, Open),
        ] {
            assert!(!from.may_become(to), "{from:?} -> {to:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.as_str()), Some(*reason));
        }
        assert_eq!(Reason::parse("nope"), None);
        assert_eq!(
            Outcome::parse("no_contact_possible"),
            Some(Outcome::NoContactPossible)
        );
    }

    fn input(seqs: Vec<i64>) -> NewCase {
        NewCase {
            conversation_id: Some(Uuid::nil()),
            salon_post_id: None,
            organisation_id: Uuid::nil(),
            reason: Reason::Abuse,
            urgency: Urgency::Urgent,
            summary: "要約".into(),
            excerpt_seqs: seqs,
            municipality: None,
            consent: Consent::AskedAndGiven,
            override_justification: None,
        }
    }

    #[test]
    fn excerpts_are_a_small_distinct_selection() {
        assert_eq!(input(vec![3, 1]).parse().unwrap().excerpt_seqs, vec![1, 3]);
        for bad in [vec![1, 1], vec![0], vec![-2], (1..=31).collect()] {
            assert_eq!(input(bad).parse().unwrap_err().field, "excerpt_seqs");
        }
    }

    #[test]
    fn a_case_comes_from_a_chat_or_a_salon_post() {
        let mut both = input(vec![]);
        both.salon_post_id = Some(Uuid::nil());
        assert_eq!(both.parse().unwrap_err().field, "salon_post_id");
        let mut neither = input(vec![]);
        neither.conversation_id = None;
        assert_eq!(neither.parse().unwrap_err().field, "conversation_id");
        let mut post = input(vec![2]);
        post.conversation_id = None;
        post.salon_post_id = Some(Uuid::nil());
        assert_eq!(post.parse().unwrap().origin, Origin::SalonPost(Uuid::nil()));
    }
}
