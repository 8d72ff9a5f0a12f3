//! Anonymous 1:1 consultation: teen devices, the risk-first queue, pairing,
//! messages stored before they are acknowledged, and the wrap-up.
//!
//! - [`model`]: conversations, messages, validated inputs, the wrap-up.
//! - [`events`]: what is published on the bus, and the topic names.
//! - [`console`]: canned replies and private staff notes.
//! - [`queue`]: the node's shared view of the queue.
//! - [`writer`]: group commit of messages.
//! - [`assignment`]: chat limits, presence across nodes, automatic assignment,
//!   return codes.
//!
//! Every operation checks who is asking: a teen device reaches only its own
//! conversations, a counsellor only the chats assigned to them (supervisors
//! all). Someone else's conversation answers exactly like a missing one.

pub mod assignment;
pub mod console;
pub mod events;
pub mod model;
pub mod queue;
pub mod writer;

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use uuid::Uuid;

use crate::bus::{Bus, Payload};
use crate::lines::parse_line_id;
use crate::staff::session::{hash_token, random_token};
use crate::staff::{Account, Role};
use crate::store::{Appended, NewMessage, Store, StoreError};
use crate::text::TextError;
use events::{
    conversation_topic, staff_topic, ConversationEvent, MessageEvent, StaffEvent, ALERT_TOPIC,
    QUEUE_TOPIC,
};
use model::{
    parse_client_msg_id, parse_nickname, risk_level, Conversation, Message, MessageBody,
    RiskReason, Sender, Status, WrapUp,
};

/// Why a consultation operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConsultationError {
    /// Unknown device token.
    #[error("this device is not known; start again")]
    UnknownDevice,
    /// No such line.
    #[error("no such line")]
    UnknownLine,
    /// The line is closed or past its last-entry time.
    #[error("this line is not taking new chats now")]
    LineClosed,
    /// The device already has a chat waiting or going on.
    #[error("you already have a chat open; continue it or leave it first")]
    AlreadyOpen,
    /// No such conversation, or not yours (indistinguishable on purpose).
    #[error("conversation not found")]
    NotFound,
    /// The conversation has ended.
    #[error("this conversation has ended")]
    Ended,
    /// Another counsellor took it first, or it is not waiting.
    #[error("someone else has already taken this chat")]
    AlreadyTaken,
    /// The counsellor has as many chats as they set.
    #[error("you are at your chat capacity")]
    AtCapacity,
    /// A return code that is wrong, expired or was replaced.
    #[error(
        "this return code is not valid (wrong, or more than 30 days old); you can start without it"
    )]
    UnknownReturnCode,
    /// A return code needs a chat a counsellor has talked in.
    #[error("a return code can be given once a counsellor has talked with you")]
    NoCounselor,
    /// A chat needs a wrap-up to end.
    #[error("end the chat with a wrap-up")]
    WrapUpRequired,
    /// This role may not do this.
    #[error("your role does not allow this")]
    Forbidden,
    /// Bad input.
    #[error(transparent)]
    Invalid(#[from] TextError),
    /// The bus could not be reached; try again.
    #[error("temporarily unavailable; please try again")]
    Unavailable,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

type Result<T> = std::result::Result<T, ConsultationError>;

/// A conversation as its teen sees it.
#[derive(Debug, Clone, Serialize)]
pub struct TeenView {
    /// Id.
    pub id: Uuid,
    /// Line.
    pub line_id: String,
    /// Waiting, active or ended.
    pub status: Status,
    /// Nickname the teen chose.
    pub nickname: Option<String>,
    /// Highest sequence number.
    pub last_seq: i64,
    /// When started.
    pub created_at: Timestamp,
    /// When ended.
    pub ended_at: Option<Timestamp>,
}

impl From<&Conversation> for TeenView {
    fn from(c: &Conversation) -> Self {
        Self {
            id: c.id,
            line_id: c.line_id.to_string(),
            status: c.status,
            nickname: c.nickname.clone(),
            last_seq: c.last_seq,
            created_at: c.created_at,
            ended_at: c.ended_at,
        }
    }
}

/// A conversation as staff see it: risk explained, never the device.
#[derive(Debug, Clone, Serialize)]
pub struct StaffView {
    /// Id.
    pub id: Uuid,
    /// Line.
    pub line_id: String,
    /// State.
    pub status: Status,
    /// Teen's nickname, if any.
    pub nickname: Option<String>,
    /// Risk level name.
    pub risk_level: &'static str,
    /// Which words, which category.
    pub risk: Vec<RiskReason>,
    /// Back in the queue after a counsellor dropped.
    pub requeued: bool,
    /// Who has it.
    pub counselor_id: Option<Uuid>,
    /// Highest sequence number.
    pub last_seq: i64,
    /// Highest sequence the teen has seen.
    pub teen_read_seq: i64,
    /// Waiting since.
    pub queued_at: Timestamp,
    /// Taken at.
    pub assigned_at: Option<Timestamp>,
    /// Ended at.
    pub ended_at: Option<Timestamp>,
    /// Wrap-up, once recorded.
    pub wrap_up: Option<WrapUp>,
    /// Started from the salon after a cry for help there.
    pub from_salon: bool,
    /// The teen came back with a return code for the same counsellor.
    pub is_return: bool,
}

impl From<&Conversation> for StaffView {
    fn from(c: &Conversation) -> Self {
        Self {
            id: c.id,
            line_id: c.line_id.to_string(),
            status: c.status,
            nickname: c.nickname.clone(),
            risk_level: model::RISK_NAMES
                .get(c.risk_level as usize)
                .copied()
                .unwrap_or("info"),
            risk: c.risk.clone(),
            requeued: c.requeued,
            counselor_id: c.counselor_id,
            last_seq: c.last_seq,
            teen_read_seq: c.teen_read_seq,
            queued_at: c.queued_at,
            assigned_at: c.assigned_at,
            ended_at: c.ended_at,
            wrap_up: c.wrap_up.clone(),
            from_salon: c.salon_post_id.is_some(),
            is_return: c.is_return,
        }
    }
}

/// Where a waiting teen stands.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct QueuePlace {
    /// 1 = next.
    pub position: i64,
    /// A rough estimate from recent chats on this line.
    pub estimated_wait_seconds: i64,
}

/// A new conversation, and where a return code led.
#[derive(Debug, Clone)]
pub struct Started {
    /// The conversation.
    pub conversation: Conversation,
    /// With a return code: whether the same counsellor has it (`false`: they
    /// are not on shift, so it waits in the queue like any chat).
    pub same_counselor: Option<bool>,
}

/// Result of a send.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The stored message.
    pub message: Message,
    /// True if it was a retry of a message already stored.
    pub duplicate: bool,
}

/// What the classifier made of a teen's message.
struct Assessment {
    /// The chat's risk level with this message.
    level: i32,
    /// The chat's risk reasons with this message's.
    reasons: Vec<RiskReason>,
    /// This message's own crisis-severity findings.
    crisis: Vec<RiskReason>,
}

/// When a quiet teen is gently prompted, and when their chat ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdlePolicy {
    /// Quiet this long: a gentle prompt.
    pub prompt_after: SignedDuration,
    /// Quiet this long: the chat ends kindly.
    pub end_after: SignedDuration,
}

const IDLE_PROMPT: &str = "まだ話せそうですか？ゆっくりで大丈夫です。しばらくお返事がないときは、この相談をいったん終わりにします。\n\
     (Are you still there? Take your time. If we don't hear from you for a while, this chat will close.)";
const IDLE_END: &str = "しばらくお返事がなかったので、この相談をいったん終わりにしました。また話したくなったら、いつでも来てください。\n\
     (We closed this chat after a quiet while. Come back any time you want to talk.)";
const LINE_CLOSED: &str =
    "今日の受付時間が終わりました。待っていてくれてありがとう。次の受付時間にまた来てください。\
     いますぐ助けが必要なときは 110（警察）・119（救急）・189（児童相談所）に電話できます。\n\
     (Today's hours have ended. Thank you for waiting; please come back at the next opening. \
     If you need help right now, call 110 (police), 119 (ambulance) or 189 (child guidance).)";

/// The consultation service: one per node, shared by every connection.
pub struct ConsultationService {
    store: Arc<dyn Store>,
    writer: writer::MessageWriter,
    bus: Arc<dyn Bus>,
    rules: Arc<crate::rules::Rules>,
    /// One automatic-assignment pass at a time on this node (other nodes may
    /// run theirs: claims are atomic).
    assigning: tokio::sync::Mutex<()>,
}

/// Most reasons kept per conversation, so a long crisis chat stays readable.
const MAX_RISK_REASONS: usize = 12;

impl ConsultationService {
    /// A service over the store and bus, classifying with the built-in rules.
    pub fn new(store: Arc<dyn Store>, bus: Arc<dyn Bus>, rules: Arc<crate::rules::Rules>) -> Self {
        Self {
            writer: writer::MessageWriter::start(store.clone()),
            store,
            bus,
            rules,
            assigning: tokio::sync::Mutex::new(()),
        }
    }

    /// Issues a new device token; only its hash is kept.
    pub async fn issue_device(&self) -> Result<String> {
        let token = random_token();
        self.store
            .insert_device(&hash_token(&token), Timestamp::now())
            .await?;
        Ok(token)
    }

    /// The device behind a token, as its stored hash.
    pub async fn device(&self, token: &str) -> Result<String> {
        let hash = hash_token(token);
        if token.len() > 128 || !self.store.touch_device(&hash, Timestamp::now()).await? {
            return Err(ConsultationError::UnknownDevice);
        }
        Ok(hash)
    }

    /// The device's conversations, newest first.
    pub async fn history(&self, device: &str) -> Result<Vec<Conversation>> {
        Ok(self.store.device_conversations(device).await?)
    }

    /// Starts a conversation on an open line. With a return code it goes to
    /// the same counsellor when they are on shift, else to the queue; a wrong
    /// or expired code starts nothing.
    pub async fn start(
        &self,
        device: &str,
        line_id: &str,
        nickname: Option<&str>,
        return_code: Option<&str>,
    ) -> Result<Started> {
        let line_id = parse_line_id(line_id).map_err(|_| ConsultationError::UnknownLine)?;
        let nickname = nickname
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(parse_nickname)
            .transpose()?;
        let line = self
            .store
            .line(&line_id)
            .await?
            .ok_or(ConsultationError::UnknownLine)?;
        let now = Timestamp::now();
        if !line.schedule.status_at(now).accepting_new {
            return Err(ConsultationError::LineClosed);
        }
        if self
            .store
            .device_conversations(device)
            .await?
            .iter()
            .any(|c| c.status != Status::Ended)
        {
            return Err(ConsultationError::AlreadyOpen);
        }
        let returning_to = match return_code.map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => Some(self.redeem_return_code(code).await?),
            None => None,
        };
        let conversation = Conversation {
            id: Uuid::new_v4(),
            line_id,
            device_hash: device.to_owned(),
            nickname,
            status: Status::Waiting,
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
            is_return: returning_to.is_some(),
        };
        self.store.insert_conversation(&conversation).await?;
        self.publish_staff(QUEUE_TOPIC, &StaffEvent::QueueChanged)
            .await;
        let same_counselor = match returning_to {
            Some(counselor) => Some(self.route_return(conversation.id, counselor).await?),
            None => None,
        };
        if line.auto_assign && same_counselor != Some(true) {
            self.assign_quietly().await;
        }
        Ok(Started {
            conversation,
            same_counselor,
        })
    }

    /// Links a just-started chat to the salon post it came from: it carries
    /// that post's risk and reasons and goes first among chats of its risk.
    pub async fn link_salon_post(
        &self,
        conversation: &Conversation,
        post_id: Uuid,
        risk: (i32, Vec<RiskReason>),
    ) -> Result<()> {
        if self
            .store
            .link_salon_post(conversation.id, post_id, risk.0, &risk.1)
            .await?
        {
            self.publish_staff(QUEUE_TOPIC, &StaffEvent::QueueChanged)
                .await;
            let changed = ConversationEvent::Changed {
                conversation_id: conversation.id,
            };
            self.publish(&conversation_topic(conversation.id), &changed)
                .await;
        }
        Ok(())
    }

    /// A conversation of this device (or `NotFound`).
    pub async fn teen_conversation(&self, device: &str, id: Uuid) -> Result<Conversation> {
        match self.store.conversation(id).await? {
            Some(c) if c.device_hash == device => Ok(c),
            _ => Err(ConsultationError::NotFound),
        }
    }

    /// A conversation this staff member may see (or `NotFound`).
    pub async fn staff_conversation(&self, account: &Account, id: Uuid) -> Result<Conversation> {
        let conversation = self
            .store
            .conversation(id)
            .await?
            .ok_or(ConsultationError::NotFound)?;
        if may_see(account, &conversation) {
            Ok(conversation)
        } else {
            Err(ConsultationError::NotFound)
        }
    }

    /// Where a waiting conversation stands in its line's queue.
    pub async fn queue_place(&self, conversation: &Conversation) -> Result<QueuePlace> {
        let ahead = self.store.queue_position(conversation).await?;
        let average =
            queue::average_chat_seconds(self.store.as_ref(), &conversation.line_id).await?;
        Ok(QueuePlace {
            position: ahead + 1,
            estimated_wait_seconds: (ahead + 1) * average,
        })
    }

    /// Stores a teen's message (classified for risk), then publishes it.
    pub async fn send_as_teen(
        &self,
        device: &str,
        id: Uuid,
        client_msg_id: &str,
        body: &str,
    ) -> Result<Sent> {
        let conversation = self.teen_conversation(device, id).await?;
        let body = MessageBody::parse(body)?;
        let client_msg_id = parse_client_msg_id(client_msg_id)?;
        let assessment = self.assess(&conversation, body.as_str());
        let risk = assessment.as_ref().map(|a| (a.level, a.reasons.clone()));
        let raised = risk
            .as_ref()
            .is_some_and(|(level, _)| *level > conversation.risk_level);
        let sent = self
            .append(NewMessage {
                conversation_id: id,
                sender: Sender::Teen,
                author_id: None,
                client_msg_id: Some(client_msg_id),
                body: body.as_str().to_owned(),
                at: Timestamp::now(),
                risk: risk.clone(),
            })
            .await?;
        if raised && !sent.duplicate {
            self.publish_conversation(
                id,
                &ConversationEvent::Changed {
                    conversation_id: id,
                },
            )
            .await;
            self.publish_staff(QUEUE_TOPIC, &StaffEvent::QueueChanged)
                .await;
            if let Some((level, reasons)) =
                risk.filter(|(level, _)| *level >= risk_level("critical"))
            {
                let mut categories: Vec<String> =
                    reasons.iter().map(|r| r.category.clone()).collect();
                categories.dedup();
                let alert = StaffEvent::Alert {
                    conversation_id: id,
                    line_id: conversation.line_id.to_string(),
                    severity: model::RISK_NAMES[level as usize].to_owned(),
                    categories,
                };
                self.publish_staff(ALERT_TOPIC, &alert).await;
            }
        }
        if !sent.duplicate {
            let crisis = assessment.map(|a| a.crisis).unwrap_or_default();
            self.suggest_escalation(&conversation, sent.message.seq, &crisis)
                .await;
        }
        Ok(sent)
    }

    /// Stores a counsellor's message in a chat assigned to them, then publishes it.
    pub async fn send_as_staff(
        &self,
        account: &Account,
        id: Uuid,
        client_msg_id: &str,
        body: &str,
    ) -> Result<Sent> {
        let conversation = self.staff_conversation(account, id).await?;
        if conversation.counselor_id != Some(account.id) {
            // Supervisors read every chat, but write only in chats they took over.
            return Err(ConsultationError::Forbidden);
        }
        let body = MessageBody::parse(body)?;
        self.append(NewMessage {
            conversation_id: id,
            sender: Sender::Counselor,
            author_id: Some(account.id),
            client_msg_id: Some(parse_client_msg_id(client_msg_id)?),
            body: body.as_str().to_owned(),
            at: Timestamp::now(),
            risk: None,
        })
        .await
    }

    async fn append(&self, message: NewMessage) -> Result<Sent> {
        let id = message.conversation_id;
        let (message, duplicate) = match self.writer.append(message).await? {
            Appended::Stored(message) => (message, false),
            Appended::Duplicate(message) => (message, true),
            Appended::Closed => return Err(ConsultationError::Ended),
        };
        if !duplicate {
            let event = ConversationEvent::Message {
                message: MessageEvent::from(&message),
            };
            self.publish_conversation(id, &event).await;
        }
        Ok(Sent { message, duplicate })
    }

    /// Classifies a teen's text in the counselling context. Nothing is blocked
    /// here: risk raises the chat's priority and explains why.
    /// A crisis-severity message offers the chat's counsellor a suggested
    /// escalation (a nudge). Advisory: the message is stored whatever happens here.
    async fn suggest_escalation(
        &self,
        conversation: &Conversation,
        seq: i64,
        crisis: &[RiskReason],
    ) {
        let Some(draft) = crate::escalation::nudge::NudgeDraft::from_crisis(seq, crisis) else {
            return;
        };
        if let Err(error) = self
            .store
            .record_nudge(conversation.id, &draft, Timestamp::now())
            .await
        {
            tracing::warn!(%error, conversation = %conversation.id, "suggested escalation not stored");
            return;
        }
        if let Some(counselor) = conversation.counselor_id {
            let nudge = StaffEvent::Nudge {
                conversation_id: conversation.id,
            };
            self.publish_staff(&staff_topic(counselor), &nudge).await;
        }
    }

    fn assess(&self, conversation: &Conversation, text: &str) -> Option<Assessment> {
        let verdict = self
            .rules
            .current()
            .classify(text, moderation::Context::Counseling)
            .ok()?;
        // Severity is ordered info..critical, like RISK_NAMES.
        let level = verdict.severity as i32;
        if verdict.spans.is_empty() || level == 0 {
            return None;
        }
        let mut reasons = conversation.risk.clone();
        for span in &verdict.spans {
            let reason = RiskReason {
                category: span.category.name().to_owned(),
                severity: model::RISK_NAMES[span.severity as usize].to_owned(),
                rule: span.rule.clone(),
                text: span.text.clone(),
            };
            if !reasons.contains(&reason) && reasons.len() < MAX_RISK_REASONS {
                reasons.push(reason);
            }
        }
        // A crisis verdict's substantive findings (not the bare modifiers such
        // as a time word, which only raised the severity).
        let crisis_verdict = verdict.severity == moderation::Severity::Critical;
        let crisis = verdict
            .spans
            .iter()
            .filter(|span| crisis_verdict && span.severity >= moderation::Severity::Medium)
            .map(|span| RiskReason {
                category: span.category.name().to_owned(),
                severity: model::RISK_NAMES[span.severity as usize].to_owned(),
                rule: span.rule.clone(),
                text: span.text.clone(),
            })
            .collect();
        Some(Assessment {
            level: level.max(conversation.risk_level),
            reasons,
            crisis,
        })
    }

    /// The waiting queue (every line) and active chats, for a staff console.
    pub async fn queue(&self) -> Result<Vec<Conversation>> {
        Ok(self.store.waiting_conversations().await?)
    }

    /// Chats a staff member has (supervisors: everyone's).
    pub async fn active_for(&self, account: &Account) -> Result<Vec<Conversation>> {
        let filter = (account.role != Role::Supervisor).then_some(account.id);
        Ok(self.store.active_conversations(filter).await?)
    }

    /// A counsellor takes a waiting chat, if under their capacity (which is
    /// checked and claimed atomically, so two nodes cannot overfill it).
    pub async fn take(&self, account: &Account, id: Uuid, capacity: usize) -> Result<Conversation> {
        if !matches!(account.role, Role::Counselor | Role::Supervisor) {
            return Err(ConsultationError::Forbidden);
        }
        let capacity = i64::try_from(capacity).unwrap_or(i64::MAX);
        match self.claim_for(id, account.id, capacity).await? {
            assignment::Claim::Claimed => {}
            assignment::Claim::AtCapacity => return Err(ConsultationError::AtCapacity),
            assignment::Claim::NotWaiting => {
                return match self.store.conversation(id).await? {
                    None => Err(ConsultationError::NotFound),
                    Some(_) => Err(ConsultationError::AlreadyTaken),
                };
            }
        }
        self.store
            .conversation(id)
            .await?
            .ok_or(ConsultationError::NotFound)
    }

    /// A counsellor hands a chat to a colleague; the teen notices nothing.
    pub async fn transfer(&self, account: &Account, id: Uuid, to: Uuid) -> Result<()> {
        let conversation = self.staff_conversation(account, id).await?;
        let from = conversation
            .counselor_id
            .ok_or(ConsultationError::NotFound)?;
        let target = self
            .store
            .account(to)
            .await?
            .ok_or(ConsultationError::NotFound)?;
        if target.disabled || !matches!(target.role, Role::Counselor | Role::Supervisor) {
            return Err(ConsultationError::NotFound);
        }
        if !self.store.reassign_conversation(id, from, to).await? {
            return Err(ConsultationError::AlreadyTaken);
        }
        self.publish_conversation(
            id,
            &ConversationEvent::Changed {
                conversation_id: id,
            },
        )
        .await;
        self.publish_staff(
            &staff_topic(from),
            &StaffEvent::Unassigned {
                conversation_id: id,
            },
        )
        .await;
        self.publish_staff(
            &staff_topic(to),
            &StaffEvent::Assigned {
                conversation_id: id,
            },
        )
        .await;
        // The giver has a free slot now.
        self.assign_quietly().await;
        Ok(())
    }

    /// The counsellor's connection is gone: the chat goes back to the top of the queue.
    pub async fn return_to_queue(&self, counselor_id: Uuid, id: Uuid) -> Result<bool> {
        let requeued = self.store.requeue_conversation(id, counselor_id).await?;
        if requeued {
            self.publish_conversation(
                id,
                &ConversationEvent::Changed {
                    conversation_id: id,
                },
            )
            .await;
            self.publish_staff(QUEUE_TOPIC, &StaffEvent::QueueChanged)
                .await;
            self.assign_quietly().await;
        }
        Ok(requeued)
    }

    /// The counsellor ends a chat with the required wrap-up (or records the
    /// wrap-up of a chat the teen already left).
    pub async fn end_by_staff(
        &self,
        account: &Account,
        id: Uuid,
        wrap_up: Option<WrapUp>,
    ) -> Result<()> {
        let conversation = self.staff_conversation(account, id).await?;
        if conversation.counselor_id != Some(account.id) {
            return Err(ConsultationError::Forbidden);
        }
        let wrap_up = wrap_up.ok_or(ConsultationError::WrapUpRequired)?;
        wrap_up.validate()?;
        let recorded = self.store.record_wrap_up(id, &wrap_up).await?;
        let ended = self
            .store
            .end_conversation(id, "counselor_ended", Timestamp::now())
            .await?;
        if recorded || ended {
            // Consoles learn the new state (and a wrap-up recorded after the teen left).
            self.publish_conversation(
                id,
                &ConversationEvent::Changed {
                    conversation_id: id,
                },
            )
            .await;
        }
        if ended {
            // Supervisors' overview of active chats changes too.
            self.publish_staff(QUEUE_TOPIC, &StaffEvent::QueueChanged)
                .await;
            self.assign_quietly().await;
        }
        Ok(())
    }

    /// Chats this counsellor ended or lost (the teen left, inactivity) that still
    /// need their wrap-up, from the last seven days.
    pub async fn awaiting_wrap_up(&self, account: &Account) -> Result<Vec<Conversation>> {
        let since = Timestamp::now() - SignedDuration::from_hours(24 * 7);
        Ok(self.store.awaiting_wrap_up(account.id, since).await?)
    }

    /// The teen leaves the queue or the chat.
    pub async fn leave(&self, device: &str, id: Uuid) -> Result<()> {
        let conversation = self.teen_conversation(device, id).await?;
        let reason = if conversation.status == Status::Waiting {
            "left_queue"
        } else {
            "teen_left"
        };
        if self
            .store
            .end_conversation(id, reason, Timestamp::now())
            .await?
        {
            self.publish_conversation(
                id,
                &ConversationEvent::Changed {
                    conversation_id: id,
                },
            )
            .await;
            self.publish_staff(QUEUE_TOPIC, &StaffEvent::QueueChanged)
                .await;
            if conversation.status == Status::Active {
                // Their counsellor has a free slot now.
                self.assign_quietly().await;
            }
        }
        Ok(())
    }

    /// The teen has read up to `seq`.
    pub async fn mark_read(&self, device: &str, id: Uuid, seq: i64) -> Result<()> {
        self.teen_conversation(device, id).await?;
        self.store.set_teen_read(id, seq).await?;
        self.publish_conversation(
            id,
            &ConversationEvent::Read {
                conversation_id: id,
                seq,
            },
        )
        .await;
        Ok(())
    }

    /// Someone is typing (not stored).
    pub async fn typing(&self, id: Uuid, sender: Sender, typing: bool) {
        self.publish_conversation(
            id,
            &ConversationEvent::Typing {
                conversation_id: id,
                sender,
                typing,
            },
        )
        .await;
    }

    /// Messages after `after_seq`, at most `limit`.
    pub async fn messages_after(
        &self,
        id: Uuid,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<Message>> {
        Ok(self.store.messages_after(id, after_seq, limit).await?)
    }

    /// Adds a private note (staff only; a supervisor's note reaches the
    /// counsellor live, as a whisper).
    pub async fn add_note(&self, account: &Account, id: Uuid, body: &str) -> Result<console::Note> {
        let conversation = self.staff_conversation(account, id).await?;
        if account.role == Role::Counselor && conversation.counselor_id != Some(account.id) {
            return Err(ConsultationError::NotFound);
        }
        let note = console::Note {
            id: Uuid::new_v4(),
            conversation_id: id,
            author_id: account.id,
            author_name: account.display_name.clone(),
            author_role: account.role,
            body: console::parse_note(body)?,
            at: Timestamp::now(),
        };
        self.store.insert_note(&note).await?;
        self.publish_conversation(id, &ConversationEvent::Note { note: note.clone() })
            .await;
        Ok(note)
    }

    /// Notes on a conversation this staff member may see.
    pub async fn notes(&self, account: &Account, id: Uuid) -> Result<Vec<console::Note>> {
        self.staff_conversation(account, id).await?;
        Ok(self.store.notes(id).await?)
    }

    /// Tells the counsellor that a supervisor is reading along.
    pub async fn announce_watcher(&self, account: &Account, conversation: &Conversation) {
        if account.role == Role::Supervisor && conversation.counselor_id != Some(account.id) {
            let event = ConversationEvent::Watching {
                conversation_id: conversation.id,
                name: account.display_name.clone(),
            };
            self.publish_conversation(conversation.id, &event).await;
        }
    }

    /// Periodic duties, safe to run on every node at once (each system message has
    /// a deterministic client id, so it is stored once whoever writes it first):
    /// prompt and then end chats whose teen has gone quiet, and close waiting
    /// chats kindly when their line closes (chats already started continue).
    pub async fn sweep(&self, now: Timestamp, idle: IdlePolicy) -> Result<()> {
        for (id, last_heard, last_seq) in self.store.teen_activity().await? {
            let quiet = now.duration_since(last_heard);
            if quiet >= idle.end_after {
                self.system_message(id, &format!("idle-end-{last_seq}"), IDLE_END)
                    .await?;
                self.end_quietly(id, "teen_inactive", now).await?;
            } else if quiet >= idle.prompt_after {
                self.system_message(id, &format!("idle-prompt-{last_seq}"), IDLE_PROMPT)
                    .await?;
            }
        }
        // A safety net for automatic lines: a notification lost between nodes
        // or a pass that failed is made up here.
        self.assign_waiting().await?;
        let waiting = self.store.waiting_conversations().await?;
        if waiting.is_empty() {
            return Ok(());
        }
        let accepting: std::collections::HashMap<String, bool> = self
            .store
            .lines()
            .await?
            .into_iter()
            .map(|line| (line.id.to_string(), line.schedule.status_at(now).open_now))
            .collect();
        for conversation in waiting {
            if !accepting
                .get(conversation.line_id.as_str())
                .copied()
                .unwrap_or(false)
            {
                self.system_message(conversation.id, "line-closed", LINE_CLOSED)
                    .await?;
                self.end_quietly(conversation.id, "line_closed", now)
                    .await?;
                self.publish_staff(QUEUE_TOPIC, &StaffEvent::QueueChanged)
                    .await;
            }
        }
        Ok(())
    }

    async fn system_message(&self, id: Uuid, client_msg_id: &str, body: &str) -> Result<()> {
        let message = NewMessage {
            conversation_id: id,
            sender: Sender::System,
            author_id: None,
            client_msg_id: Some(client_msg_id.to_owned()),
            body: body.to_owned(),
            at: Timestamp::now(),
            risk: None,
        };
        match self.append(message).await {
            Ok(_) | Err(ConsultationError::Ended) => Ok(()),
            Err(other) => Err(other),
        }
    }

    async fn end_quietly(&self, id: Uuid, reason: &str, now: Timestamp) -> Result<()> {
        if self.store.end_conversation(id, reason, now).await? {
            self.publish_conversation(
                id,
                &ConversationEvent::Changed {
                    conversation_id: id,
                },
            )
            .await;
        }
        Ok(())
    }

    /// Deletes the device's ended conversations; open ones stay until they end.
    pub async fn delete_history(&self, device: &str) -> Result<u64> {
        Ok(self.store.delete_ended_conversations(device).await?)
    }

    async fn publish_conversation(&self, id: Uuid, event: &ConversationEvent) {
        self.publish(&conversation_topic(id), event).await;
    }

    async fn publish_staff(&self, topic: &str, event: &StaffEvent) {
        self.publish(topic, event).await;
    }

    /// Publishes after the store has the record; a lost notification is
    /// recovered by readers from the store, so failure here is logged, not fatal.
    async fn publish(&self, topic: &str, event: &impl Serialize) {
        let payload: Payload = match serde_json::to_vec(event) {
            Ok(bytes) => bytes.into(),
            Err(_) => return,
        };
        if let Err(error) = self.bus.publish(topic, payload).await {
            tracing::warn!(%error, topic, "publish failed; readers will catch up from the store");
        }
    }
}

/// Counsellors see the queue and their own chats; supervisors see everything.
fn may_see(account: &Account, conversation: &Conversation) -> bool {
    match account.role {
        Role::Supervisor => true,
        Role::Counselor => {
            conversation.status == Status::Waiting || conversation.counselor_id == Some(account.id)
        }
        _ => false,
    }
}
