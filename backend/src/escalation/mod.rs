//! Escalation: a counsellor or supervisor hands a chat to a partner
//! organisation (an NPO, a municipal child and family support centre, a child
//! guidance centre) as a *case*, and both sides follow it to its outcome.
//!
//! - [`clock`]: urgency clocks: acknowledgement and confirmation deadlines.
//! - [`events`]: what is published when a case changes, and the topics.
//! - [`model`]: cases, reasons, urgency, consent, lifecycle, excerpts, notes and
//!   the validated input.
//! - [`nudge`]: the suggested escalation a crisis-severity message offers its counsellor.
//! - [`EscalationService`]: the rules, over the store. No HTTP here.
//!
//! The rules, all enforced here rather than by a page:
//!
//! - **Who escalates.** The counsellor the chat is assigned to, or a supervisor.
//!   The staff member chooses which messages go with the case; the server
//!   copies those messages' text, never the whole chat.
//! - **Anonymity.** A case stores nothing about the device (no device hash). It
//!   keeps the conversation id for the escalating side; partners never see it.
//! - **Consent.** A teen's refusal is overridden only by a supervisor, only in
//!   an emergency, and only with a written justification.
//! - **Four eyes.** An emergency case reaches the partner only after a second
//!   staff member (a supervisor who did not create it) confirms it.
//! - **Who sees what.** Supervisors see every case; a counsellor sees the cases
//!   they escalated; partner staff see the released cases of their own
//!   organisation. Any other case answers exactly like a missing one.
//! - **Audit.** Every read (a case, a list) and every change is written to the
//!   audit log; changes in the same transaction as the change.

pub mod clock;
pub mod events;
pub mod model;
pub mod nudge;

use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use self::clock::{Clocks, Waiting};
use self::events::{organisation_topic, CaseChange, CaseEvent, ESCALATING_TOPIC};
use self::model::{
    Case, CaseFilter, CaseNote, CaseStatus, CaseSummary, Consent, Excerpt, NewCase, Origin,
    Outcome, Reason, Side, Source, Urgency,
};
use self::nudge::Nudge;
use crate::audit::AuditEntry;
use crate::bus::{Bus, Payload};
use crate::consultation::events::{StaffEvent, ALERT_TOPIC};
use crate::salon::model::PostKind;
use crate::staff::{Account, HelpKind, Organisation, Role};
use crate::store::{CaseInsert, ExcerptSource, Store, StoreError};
use crate::text::TextError;

/// Why an escalation operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum EscalationError {
    /// A field is invalid.
    #[error(transparent)]
    Invalid(#[from] TextError),
    /// No such case, or one this viewer may not see (deliberately the same).
    #[error("case not found")]
    NotFound,
    /// This role may not do this.
    #[error("your role does not allow this")]
    Forbidden,
    /// A counsellor tried to escalate a chat that is not assigned to them.
    #[error("only the counsellor of this chat or a supervisor can escalate it")]
    NotYourChat,
    /// The teen declined and the override rule is not met.
    #[error("the teen declined: only a supervisor may pass the case on anyway, only in an emergency, with override_justification")]
    ConsentDeclined,
    /// No such suggestion, or one for a chat this staff member may not act on.
    #[error("suggestion not found")]
    NudgeNotFound,
    /// The suggestion was already escalated or dismissed.
    #[error("this suggestion was already escalated or dismissed")]
    NudgeDecided,
    /// The creator tried to confirm their own emergency case.
    #[error("a second staff member must confirm an emergency case, not the one who created it")]
    SecondStaffRequired,
    /// The case does not wait for confirmation.
    #[error("this case does not wait for confirmation")]
    NotAwaitingConfirmation,
    /// The case cannot move to that status from where it is.
    #[error("a case that is {from} cannot become {to}")]
    InvalidTransition {
        /// Where it is.
        from: &'static str,
        /// Where it was asked to go.
        to: &'static str,
    },
    /// Storage failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for EscalationError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

type Result<T> = std::result::Result<T, EscalationError>;

/// Who is looking at cases, and so which ones they may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// A supervisor: every case.
    Supervisor(Uuid),
    /// A counsellor or a moderator: the cases they escalated.
    Escalator(Uuid),
    /// Partner staff: their organisation's released cases.
    Partner {
        /// The account.
        account: Uuid,
        /// Its organisation.
        organisation: Uuid,
    },
}

impl Viewer {
    /// The viewer an account is, or `None` for roles that see no cases.
    pub fn of(account: &Account) -> Option<Self> {
        match (account.role, account.organisation_id) {
            (Role::Supervisor, _) => Some(Self::Supervisor(account.id)),
            (Role::Counselor | Role::Moderator, _) => Some(Self::Escalator(account.id)),
            (Role::Partner, Some(organisation)) => Some(Self::Partner {
                account: account.id,
                organisation,
            }),
            _ => None,
        }
    }

    fn account(self) -> Uuid {
        match self {
            Self::Supervisor(id) | Self::Escalator(id) => id,
            Self::Partner { account, .. } => account,
        }
    }

    fn side(self) -> Side {
        match self {
            Self::Partner { .. } => Side::Partner,
            _ => Side::Escalating,
        }
    }

    /// Whether this viewer may see `case`.
    pub fn may_see(self, case: &Case) -> bool {
        match self {
            Self::Supervisor(_) => true,
            Self::Escalator(id) => case.created_by == id,
            Self::Partner { organisation, .. } => {
                case.organisation_id == organisation && case.released_at.is_some()
            }
        }
    }

    fn filter(self) -> CaseFilter {
        match self {
            Self::Supervisor(_) => CaseFilter::All,
            Self::Escalator(id) => CaseFilter::CreatedBy(id),
            Self::Partner { organisation, .. } => CaseFilter::Released(organisation),
        }
    }
}

/// An organisation suggested for a case, with whether it serves the municipality.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// The directory entry.
    pub organisation: Organisation,
    /// It lists the asked municipality.
    pub serves_municipality: bool,
}

/// Cases and their rules.
pub struct EscalationService {
    store: Arc<dyn Store>,
    bus: Arc<dyn Bus>,
    clocks: Clocks,
}

/// A case whose deadline passed, alerted by [`EscalationService::check_clocks`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    /// Which case.
    pub case_id: Uuid,
    /// Which deadline it missed.
    pub waiting: Waiting,
}

impl EscalationService {
    /// A service over `store`, announcing changes on `bus`, with `clocks`' deadlines.
    pub fn new(store: Arc<dyn Store>, bus: Arc<dyn Bus>, clocks: Clocks) -> Self {
        Self { store, bus, clocks }
    }

    /// The deadlines in force.
    pub fn clocks(&self) -> Clocks {
        self.clocks
    }

    /// Fires the overdue alert of every case whose deadline passed by `now`:
    /// once per case and deadline across all nodes, audited, announced to both
    /// sides' consoles and, as an alert, to supervisors. `now` is a parameter so
    /// that tests can move the clock.
    pub async fn check_clocks(&self, now: Timestamp) -> Result<Vec<Overdue>> {
        let due = self
            .store
            .overdue_cases(
                self.clocks.ack_cutoffs(now),
                self.clocks.confirm_cutoff(now),
            )
            .await?;
        let mut fired = Vec::new();
        for (case_id, waiting) in due {
            let audit = AuditEntry::now(
                None,
                "case.overdue",
                format!("case:{case_id}"),
                json!({ "waiting_for": waiting }),
            );
            if !self
                .store
                .mark_overdue(case_id, waiting, now, &audit)
                .await?
            {
                continue;
            }
            let Some(case) = self.store.case(case_id).await? else {
                continue;
            };
            self.announce(&case, CaseChange::Overdue).await;
            let alert = StaffEvent::CaseOverdue {
                case_id,
                urgency: case.urgency.as_str().to_owned(),
                waiting_for: waiting,
            };
            if let Ok(bytes) = serde_json::to_vec(&alert) {
                if let Err(error) = self.bus.publish(ALERT_TOPIC, bytes.into()).await {
                    tracing::warn!(%error, "overdue alert not published");
                }
            }
            fired.push(Overdue { case_id, waiting });
        }
        Ok(fired)
    }

    /// `case` with its clock as of now.
    fn clocked(&self, mut case: Case) -> Case {
        case.clock = self.clocks.clock((&case).into(), Timestamp::now());
        case
    }

    /// Tells the escalating side, and the partner when it may see the case,
    /// that `case` changed. After the store has the change; a lost
    /// notification is recovered when a console re-reads its list.
    async fn announce(&self, case: &Case, change: CaseChange) {
        let event = CaseEvent {
            case_id: case.id,
            organisation_id: case.organisation_id,
            created_by: case.created_by,
            change,
            released: case.released_at.is_some(),
        };
        let Ok(bytes) = serde_json::to_vec(&event) else {
            return;
        };
        let payload: Payload = bytes.into();
        let mut topics = vec![ESCALATING_TOPIC.to_owned()];
        if event.released {
            topics.push(organisation_topic(case.organisation_id));
        }
        for topic in topics {
            if let Err(error) = self.bus.publish(&topic, payload.clone()).await {
                tracing::warn!(%error, topic, "publish failed; consoles catch up from the store");
            }
        }
    }

    /// Organisations that give `help_kind` (all when `None`), those serving
    /// `municipality` first, then by name.
    pub async fn suggest(
        &self,
        help_kind: Option<HelpKind>,
        municipality: Option<&str>,
    ) -> Result<Vec<Suggestion>> {
        let municipality = municipality
            .map(|raw| crate::staff::parse_municipality("municipality", raw))
            .transpose()?;
        let mut found: Vec<Suggestion> = self
            .store
            .organisations()
            .await?
            .into_iter()
            .filter(|o| help_kind.is_none_or(|kind| o.help_kinds.contains(&kind)))
            .map(|organisation| Suggestion {
                serves_municipality: municipality
                    .as_ref()
                    .is_some_and(|m| organisation.municipalities.contains(m)),
                organisation,
            })
            .collect();
        // Stable: organisations() is already by name.
        found.sort_by_key(|s| !s.serves_municipality);
        Ok(found)
    }

    /// Creates a case from a chat. An emergency case waits for confirmation;
    /// any other is released to the partner at once.
    pub async fn create(&self, actor: &Account, new: NewCase) -> Result<Case> {
        if !matches!(
            actor.role,
            Role::Counselor | Role::Moderator | Role::Supervisor
        ) {
            return Err(EscalationError::Forbidden);
        }
        let input = new.parse()?;
        let (source, excerpts) = match input.origin {
            Origin::Chat(id) => {
                let conversation = self
                    .store
                    .conversation(id)
                    .await?
                    .ok_or_else(|| TextError::new("conversation_id", "no such chat"))?;
                if !may_escalate(actor, &conversation) {
                    return Err(EscalationError::NotYourChat);
                }
                (Source::Chat, ExcerptSource::Chat(&input.excerpt_seqs))
            }
            Origin::SalonPost(id) => {
                if !matches!(actor.role, Role::Moderator | Role::Supervisor) {
                    return Err(EscalationError::Forbidden);
                }
                let post = self
                    .store
                    .salon_post(id)
                    .await?
                    .filter(|post| post.kind == PostKind::Message && !post.by_staff())
                    .ok_or_else(|| {
                        TextError::new("salon_post_id", "no such post by a salon member")
                    })?;
                (
                    Source::Salon,
                    ExcerptSource::Salon {
                        post_id: post.id,
                        // The post itself always goes with the case.
                        room_seqs: &input.excerpt_seqs,
                    },
                )
            }
        };
        match (input.consent, &input.override_justification) {
            (Consent::Declined, Some(_))
                if actor.role == Role::Supervisor && input.urgency == Urgency::Emergency => {}
            (Consent::Declined, _) => return Err(EscalationError::ConsentDeclined),
            (_, Some(_)) => {
                return Err(TextError::new(
                    "override_justification",
                    "only when a supervisor overrides a refusal",
                )
                .into())
            }
            (_, None) => {}
        }
        let now = now_millis();
        let case = Case {
            id: Uuid::new_v4(),
            organisation_id: input.organisation_id,
            organisation_name: String::new(),
            source,
            conversation_id: match input.origin {
                Origin::Chat(id) => Some(id),
                Origin::SalonPost(_) => None,
            },
            salon_post_id: match input.origin {
                Origin::SalonPost(id) => Some(id),
                Origin::Chat(_) => None,
            },
            created_by: actor.id,
            created_by_name: actor.display_name.clone(),
            reason: input.reason,
            urgency: input.urgency,
            summary: input.summary,
            municipality: input.municipality,
            consent: input.consent,
            override_justification: input.override_justification,
            confirmed_by: None,
            confirmed_at: None,
            released_at: (input.urgency != Urgency::Emergency).then_some(now),
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
        let audit = AuditEntry::now(
            Some(actor.id),
            "case.create",
            format!("case:{}", case.id),
            json!({
                "organisation_id": case.organisation_id,
                "source": case.source,
                "conversation_id": case.conversation_id,
                "salon_post_id": case.salon_post_id,
                "reason": case.reason,
                "urgency": case.urgency,
                "consent": case.consent,
                "consent_overridden": case.override_justification.is_some(),
                "excerpt_seqs": input.excerpt_seqs,
                "awaiting_confirmation": case.released_at.is_none(),
            }),
        );
        match self.store.insert_case(&case, excerpts, &audit).await {
            Ok(CaseInsert::Stored) => {}
            Ok(CaseInsert::MissingMessage(seq)) => {
                let place = match source {
                    Source::Chat => "the chat",
                    Source::Salon => "the post's room",
                };
                return Err(TextError::new(
                    "excerpt_seqs",
                    format!("{place} has no message {seq}"),
                )
                .into());
            }
            Err(StoreError::MissingReference) => {
                return Err(TextError::new("organisation_id", "no such organisation").into())
            }
            Err(other) => return Err(other.into()),
        }
        let case = self
            .store
            .case(case.id)
            .await?
            .ok_or(EscalationError::NotFound)?;
        // Escalating is the counsellor's answer to a pending suggestion.
        if let Some(chat) = case.conversation_id {
            if let Err(error) = self.store.settle_nudge(chat, case.id, actor.id, now).await {
                tracing::warn!(%error, case = %case.id, "suggestion not settled");
            }
        }
        self.announce(&case, CaseChange::Created).await;
        Ok(self.clocked(case))
    }

    /// One case, if this viewer may see it; the read is audited.
    pub async fn read(&self, viewer: Viewer, id: Uuid) -> Result<Case> {
        let case = self.visible(viewer, id).await?;
        let audit = AuditEntry::now(
            Some(viewer.account()),
            "case.read",
            format!("case:{id}"),
            json!({ "side": viewer.side() }),
        );
        self.store.append_audit(&audit).await?;
        Ok(self.clocked(case))
    }

    /// The cases this viewer may see, newest first; the read is audited with the ids listed.
    pub async fn list(&self, viewer: Viewer) -> Result<Vec<CaseSummary>> {
        let cases = self.store.cases(viewer.filter()).await?;
        let ids: Vec<Uuid> = cases.iter().map(|c| c.id).collect();
        let audit = AuditEntry::now(
            Some(viewer.account()),
            "case.list",
            "cases".into(),
            json!({ "side": viewer.side(), "case_ids": ids }),
        );
        self.store.append_audit(&audit).await?;
        let now = Timestamp::now();
        Ok(cases
            .into_iter()
            .map(|mut case| {
                case.clock = self.clocks.clock((&case).into(), now);
                case
            })
            .collect())
    }

    /// A second supervisor confirms an emergency case; the partner sees it from now.
    pub async fn confirm(&self, actor: &Account, id: Uuid) -> Result<Case> {
        if actor.role != Role::Supervisor {
            return Err(EscalationError::Forbidden);
        }
        let case = self.visible(Viewer::Supervisor(actor.id), id).await?;
        if !case.awaiting_confirmation() {
            return Err(EscalationError::NotAwaitingConfirmation);
        }
        if case.created_by == actor.id {
            return Err(EscalationError::SecondStaffRequired);
        }
        let audit = AuditEntry::now(
            Some(actor.id),
            "case.confirm",
            format!("case:{id}"),
            json!({ "created_by": case.created_by }),
        );
        if !self
            .store
            .confirm_case(id, actor.id, now_millis(), &audit)
            .await?
        {
            // Someone else confirmed it meanwhile.
            return Err(EscalationError::NotAwaitingConfirmation);
        }
        let case = self
            .store
            .case(id)
            .await?
            .ok_or(EscalationError::NotFound)?;
        self.announce(&case, CaseChange::Confirmed).await;
        Ok(self.clocked(case))
    }

    /// Partner staff move their organisation's case along its lifecycle.
    pub async fn set_status(
        &self,
        viewer: Viewer,
        id: Uuid,
        to: CaseStatus,
        outcome: Option<Outcome>,
    ) -> Result<Case> {
        let case = self.visible(viewer, id).await?;
        if !matches!(viewer, Viewer::Partner { .. }) {
            return Err(EscalationError::Forbidden);
        }
        match (to, outcome) {
            (CaseStatus::Closed, None) => {
                return Err(TextError::new("outcome", "closing a case needs an outcome").into())
            }
            (CaseStatus::Closed, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                return Err(TextError::new("outcome", "only a closed case has an outcome").into())
            }
        }
        if !case.status.may_become(to) {
            return Err(EscalationError::InvalidTransition {
                from: case.status.as_str(),
                to: to.as_str(),
            });
        }
        let audit = AuditEntry::now(
            Some(viewer.account()),
            "case.status",
            format!("case:{id}"),
            json!({ "from": case.status, "to": to, "outcome": outcome }),
        );
        let changed = self
            .store
            .set_case_status(id, case.status, to, outcome, now_millis(), &audit)
            .await?;
        if !changed {
            // A colleague moved it meanwhile: say where it is now.
            let now = self.visible(viewer, id).await?;
            return Err(EscalationError::InvalidTransition {
                from: now.status.as_str(),
                to: to.as_str(),
            });
        }
        let case = self
            .store
            .case(id)
            .await?
            .ok_or(EscalationError::NotFound)?;
        self.announce(&case, CaseChange::Status).await;
        Ok(self.clocked(case))
    }

    /// Adds a note from whichever side the viewer is on.
    pub async fn add_note(
        &self,
        viewer: Viewer,
        author: &Account,
        id: Uuid,
        body: &str,
    ) -> Result<CaseNote> {
        let case = self.visible(viewer, id).await?;
        let body = model::parse_note(body)?;
        let note = CaseNote {
            id: Uuid::new_v4(),
            side: viewer.side(),
            author_id: author.id,
            author_name: author.display_name.clone(),
            body,
            at: now_millis(),
        };
        let audit = AuditEntry::now(
            Some(author.id),
            "case.note",
            format!("case:{id}"),
            json!({ "note_id": note.id, "side": note.side }),
        );
        self.store.add_case_note(id, &note, &audit).await?;
        self.announce(&case, CaseChange::Note).await;
        Ok(note)
    }

    /// The chat's pending suggested escalation, for its counsellor or a supervisor.
    pub async fn pending_nudge(
        &self,
        actor: &Account,
        conversation_id: Uuid,
    ) -> Result<Option<Nudge>> {
        self.chat_to_act_on(actor, conversation_id).await?;
        Ok(self.store.pending_nudge(conversation_id).await?)
    }

    /// The counsellor (or a supervisor) decides not to escalate: the reason is
    /// kept with the suggestion and in the audit log.
    pub async fn dismiss_nudge(&self, actor: &Account, id: Uuid, reason: &str) -> Result<Nudge> {
        let nudge = self
            .store
            .nudge(id)
            .await?
            .ok_or(EscalationError::NudgeNotFound)?;
        self.chat_to_act_on(actor, nudge.conversation_id)
            .await
            .map_err(|_| EscalationError::NudgeNotFound)?;
        let reason = nudge::parse_dismiss_reason(reason)?;
        let audit = AuditEntry::now(
            Some(actor.id),
            "nudge.dismiss",
            format!("conversation:{}", nudge.conversation_id),
            json!({ "nudge_id": id, "reason": reason, "suggested_reason": nudge.reason }),
        );
        if !self
            .store
            .dismiss_nudge(id, actor.id, &reason, now_millis(), &audit)
            .await?
        {
            return Err(EscalationError::NudgeDecided);
        }
        self.store
            .nudge(id)
            .await?
            .ok_or(EscalationError::NudgeNotFound)
    }

    /// A chat this staff member may escalate (its counsellor, or a supervisor);
    /// otherwise `NudgeNotFound` so nothing tells a chat apart from another's.
    async fn chat_to_act_on(&self, actor: &Account, conversation_id: Uuid) -> Result<()> {
        match self.store.conversation(conversation_id).await? {
            Some(chat) if may_escalate(actor, &chat) => Ok(()),
            _ => Err(EscalationError::NudgeNotFound),
        }
    }

    /// The case if it exists and this viewer may see it; otherwise `NotFound`,
    /// the same whether it is missing or someone else's.
    async fn visible(&self, viewer: Viewer, id: Uuid) -> Result<Case> {
        match self.store.case(id).await? {
            Some(case) if viewer.may_see(&case) => Ok(case),
            _ => Err(EscalationError::NotFound),
        }
    }
}

/// The counsellor the chat is assigned to, or any supervisor.
fn may_escalate(actor: &Account, chat: &crate::consultation::model::Conversation) -> bool {
    match actor.role {
        Role::Supervisor => true,
        Role::Counselor => chat.counselor_id == Some(actor.id),
        _ => false,
    }
}

/// Now, to the millisecond the store keeps (so an answer equals a later read).
fn now_millis() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
}

/// A case as its viewer may see it. Partners get an allow-list of fields: no
/// conversation id and no staff account ids of the escalating side.
pub fn case_view(case: &Case, viewer: Viewer) -> serde_json::Value {
    match viewer {
        Viewer::Partner { .. } => partner_case(case),
        _ => {
            let mut value = json!(case);
            value["awaiting_confirmation"] = json!(case.awaiting_confirmation());
            value
        }
    }
}

/// The partner's view of a case: what partner staff read, and what their
/// organisation's webhook receives.
pub fn partner_case(case: &Case) -> serde_json::Value {
    json!(PartnerCase::from(case))
}

/// A list line as its viewer may see it.
pub fn summary_view(summary: &CaseSummary, viewer: Viewer) -> serde_json::Value {
    let mut value = json!(summary);
    if let (Viewer::Partner { .. }, Some(object)) = (viewer, value.as_object_mut()) {
        object.remove("created_by");
        object.remove("awaiting_confirmation");
        object.remove("confirm_due_at");
    }
    value
}

/// A note as its viewer may see it (partners do not get account ids).
pub fn note_view(note: &CaseNote, viewer: Viewer) -> serde_json::Value {
    match viewer {
        Viewer::Partner { .. } => partner_note(note),
        _ => json!(note),
    }
}

/// The partner's view of a note (no account ids).
pub fn partner_note(note: &CaseNote) -> serde_json::Value {
    json!(PartnerNote::from(note))
}

#[derive(Serialize)]
struct PartnerCase<'a> {
    id: Uuid,
    organisation_id: Uuid,
    organisation_name: &'a str,
    source: Source,
    reason: Reason,
    urgency: Urgency,
    summary: &'a str,
    municipality: Option<&'a str>,
    consent: Consent,
    override_justification: Option<&'a str>,
    escalated_by_name: &'a str,
    status: CaseStatus,
    outcome: Option<Outcome>,
    released_at: Option<Timestamp>,
    updated_at: Timestamp,
    acknowledged_at: Option<Timestamp>,
    closed_at: Option<Timestamp>,
    ack_due_at: Option<Timestamp>,
    overdue: bool,
    excerpts: &'a [Excerpt],
    notes: Vec<PartnerNote<'a>>,
}

impl<'a> From<&'a Case> for PartnerCase<'a> {
    fn from(case: &'a Case) -> Self {
        Self {
            id: case.id,
            organisation_id: case.organisation_id,
            organisation_name: &case.organisation_name,
            source: case.source,
            reason: case.reason,
            urgency: case.urgency,
            summary: &case.summary,
            municipality: case.municipality.as_deref(),
            consent: case.consent,
            override_justification: case.override_justification.as_deref(),
            escalated_by_name: &case.created_by_name,
            status: case.status,
            outcome: case.outcome,
            released_at: case.released_at,
            updated_at: case.updated_at,
            acknowledged_at: case.acknowledged_at,
            closed_at: case.closed_at,
            ack_due_at: case.clock.ack_due_at,
            overdue: case.clock.overdue,
            excerpts: &case.excerpts,
            notes: case.notes.iter().map(PartnerNote::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct PartnerNote<'a> {
    id: Uuid,
    side: Side,
    author_name: &'a str,
    body: &'a str,
    at: Timestamp,
}

impl<'a> From<&'a CaseNote> for PartnerNote<'a> {
    fn from(note: &'a CaseNote) -> Self {
        Self {
            id: note.id,
            side: note.side,
            author_name: &note.author_name,
            body: &note.body,
            at: note.at,
        }
    }
}
