//! Who takes which chat: the chat limits administrators set, counsellors'
//! presence shared by every node, automatic assignment on the lines that want
//! it, and return codes that lead a teen back to the same counsellor.
//!
//! Every assignment goes through [`crate::store::AssignmentStore::claim_within`],
//! which claims a waiting chat only while the counsellor holds fewer chats than
//! their capacity, atomically across nodes. So several nodes may run
//! [`ConsultationService::assign_waiting`] at once: the worst that happens is a
//! claim that loses and moves on.

use jiff::{SignedDuration, Timestamp};
use rand::Rng;
use serde::Serialize;
use uuid::Uuid;

use super::events::{conversation_topic, staff_topic, ConversationEvent, StaffEvent, QUEUE_TOPIC};
use super::model::{Conversation, Status};
use super::{ConsultationError, ConsultationService, Result};
use crate::audit::AuditEntry;
use crate::staff::session::hash_token;
use crate::staff::{Account, Role};
use crate::text::TextError;

/// Most chats at once when no administrator has set a limit.
pub const DEFAULT_MAX_CHATS: i64 = 6;

/// No limit may exceed this: beyond it nobody can follow their chats.
pub const MAX_CHATS_CEILING: i64 = 20;

/// A console row not refreshed for this long belongs to a node that went away.
/// Consoles refresh theirs every heartbeat (20 s); peers silent for 60 s are dropped.
pub const CONSOLE_STALE_AFTER: SignedDuration = SignedDuration::from_secs(70);

/// How long a return code stays valid.
pub const RETURN_CODE_DAYS: i64 = 30;

/// Return code characters: capitals and digits without the ones people confuse
/// (0/O, 1/I/L), so a code read aloud or copied by hand survives.
const RETURN_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const RETURN_CODE_LEN: usize = 8;

/// A counsellor who is available with a console open somewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The account.
    pub account_id: Uuid,
    /// Counsellor or supervisor.
    pub role: Role,
    /// Chats at once, as set in their console.
    pub capacity: i64,
    /// Their own limit from an administrator, if any.
    pub max_chats: Option<i64>,
    /// When they last got a chat (manual or automatic).
    pub last_assigned_at: Option<Timestamp>,
    /// Chats they hold now.
    pub active: i64,
}

impl Candidate {
    /// Capacity within the administrator's limit (which may have dropped since
    /// the counsellor set theirs).
    pub fn effective_capacity(&self, default_max_chats: i64) -> i64 {
        self.capacity
            .min(self.max_chats.unwrap_or(default_max_chats))
    }

    fn has_room(&self, default_max_chats: i64) -> bool {
        self.active < self.effective_capacity(default_max_chats)
    }
}

/// What a claim within capacity did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The chat is now the counsellor's.
    Claimed,
    /// The counsellor already holds as many chats as the capacity given.
    AtCapacity,
    /// The chat is not waiting (taken by someone else, ended, or unknown).
    NotWaiting,
}

/// Limits of chats at once, as administrators see them.
#[derive(Debug, Clone, Serialize)]
pub struct ChatLimits {
    /// For every account without a limit of its own.
    pub default_max_chats: i64,
    /// Accounts with their own limit.
    pub accounts: Vec<AccountLimit>,
}

/// One account's own limit.
#[derive(Debug, Clone, Serialize)]
pub struct AccountLimit {
    /// The account.
    pub account_id: Uuid,
    /// Its limit.
    pub max_chats: i64,
}

/// An account's limit after a change.
#[derive(Debug, Clone, Serialize)]
pub struct AccountCapacity {
    /// The account.
    pub account_id: Uuid,
    /// Its own limit (`None`: the default applies).
    pub max_chats: Option<i64>,
    /// The limit in force for it.
    pub effective_max_chats: i64,
}

/// A return code as the teen receives it (only its hash is kept).
#[derive(Debug, Clone, Serialize)]
pub struct IssuedReturnCode {
    /// The code, `ABCD-EFGH`.
    pub code: String,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// Checks a limit: 1 to [`MAX_CHATS_CEILING`].
pub fn parse_max_chats(field: &'static str, value: i64) -> std::result::Result<i64, TextError> {
    if (1..=MAX_CHATS_CEILING).contains(&value) {
        Ok(value)
    } else {
        Err(TextError::new(
            field,
            format!("must be 1 to {MAX_CHATS_CEILING}"),
        ))
    }
}

/// A new return code, `ABCD-EFGH`.
pub fn new_return_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let chars: String = (0..RETURN_CODE_LEN)
        .map(|_| char::from(RETURN_CODE_ALPHABET[rng.gen_range(0..RETURN_CODE_ALPHABET.len())]))
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A code as typed (lower case, full-width, with spaces or dashes) in its
/// canonical form, or `None` if it cannot be a code.
pub fn normalize_return_code(raw: &str) -> Option<String> {
    let code: String = raw
        .chars()
        .map(|c| match c {
            // Full-width ASCII, as Japanese keyboards often type it.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .filter(|c| !matches!(c, '-' | ' ' | '\u{3000}' | 'ー' | '－'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid =
        code.len() == RETURN_CODE_LEN && code.bytes().all(|b| RETURN_CODE_ALPHABET.contains(&b));
    valid.then_some(code)
}

/// The stored form of a normalised return code.
pub fn return_code_hash(normalized: &str) -> String {
    hash_token(&format!("return-code:{normalized}"))
}

impl ConsultationService {
    /// The limit in force for an account: its own, else the default.
    pub async fn max_chats_for(&self, account_id: Uuid) -> Result<i64> {
        if let Some(own) = self.store.account_max_chats(account_id).await? {
            return Ok(own);
        }
        self.default_max_chats().await
    }

    async fn default_max_chats(&self) -> Result<i64> {
        Ok(self
            .store
            .default_max_chats()
            .await?
            .unwrap_or(DEFAULT_MAX_CHATS))
    }

    /// The default limit and every account's own.
    pub async fn chat_limits(&self) -> Result<ChatLimits> {
        Ok(ChatLimits {
            default_max_chats: self.default_max_chats().await?,
            accounts: self
                .store
                .account_limits()
                .await?
                .into_iter()
                .map(|(account_id, max_chats)| AccountLimit {
                    account_id,
                    max_chats,
                })
                .collect(),
        })
    }

    /// An administrator sets the default limit (audited).
    pub async fn set_default_max_chats(
        &self,
        admin: &Account,
        max_chats: i64,
    ) -> Result<ChatLimits> {
        let max_chats = parse_max_chats("default_max_chats", max_chats)?;
        let audit = AuditEntry::now(
            Some(admin.id),
            "capacity.default",
            "capacity:default".into(),
            serde_json::json!({ "default_max_chats": max_chats }),
        );
        self.store.set_default_max_chats(max_chats, &audit).await?;
        self.chat_limits().await
    }

    /// An administrator sets (or with `None` removes) one counsellor's or
    /// supervisor's own limit (audited).
    pub async fn set_account_max_chats(
        &self,
        admin: &Account,
        account_id: Uuid,
        max_chats: Option<i64>,
    ) -> Result<AccountCapacity> {
        let max_chats = max_chats
            .map(|max| parse_max_chats("max_chats", max))
            .transpose()?;
        let account = self
            .store
            .account(account_id)
            .await?
            .ok_or(ConsultationError::NotFound)?;
        if !matches!(account.role, Role::Counselor | Role::Supervisor) {
            return Err(
                TextError::new("account", "only counsellors and supervisors hold chats").into(),
            );
        }
        let audit = AuditEntry::now(
            Some(admin.id),
            "capacity.account",
            format!("account:{account_id}"),
            serde_json::json!({ "max_chats": max_chats }),
        );
        self.store
            .set_account_max_chats(account_id, max_chats, &audit)
            .await?;
        Ok(AccountCapacity {
            account_id,
            max_chats,
            effective_max_chats: self.max_chats_for(account_id).await?,
        })
    }

    /// What a counsellor set in a console, for every node's assignment.
    pub async fn set_presence(
        &self,
        account: &Account,
        available: bool,
        capacity: i64,
    ) -> Result<()> {
        self.store
            .set_presence(account.id, available, capacity, Timestamp::now())
            .await?;
        Ok(())
    }

    /// A console is open: recorded at start and refreshed every heartbeat, so
    /// every node knows the counsellor is still here.
    pub async fn console_seen(&self, console_id: Uuid, account: &Account) -> Result<()> {
        self.store
            .console_seen(console_id, account.id, Timestamp::now())
            .await?;
        Ok(())
    }

    /// A console closed.
    pub async fn console_closed(&self, console_id: Uuid) -> Result<()> {
        self.store.console_closed(console_id).await?;
        Ok(())
    }

    /// Whether the account has a console open on any node.
    pub async fn has_live_console(&self, account_id: Uuid) -> Result<bool> {
        let since = Timestamp::now() - CONSOLE_STALE_AFTER;
        Ok(self.store.live_consoles(account_id, since).await? > 0)
    }

    /// Returns a counsellor's chats to the top of the queue unless they have a
    /// console open on some node. Keeps the chats if the store cannot tell.
    pub async fn requeue_if_gone(&self, counselor_id: Uuid) -> Result<()> {
        if self.has_live_console(counselor_id).await? {
            return Ok(());
        }
        for chat in self.store.active_conversations(Some(counselor_id)).await? {
            self.return_to_queue(counselor_id, chat.id).await?;
        }
        Ok(())
    }

    /// Consoles whose node died: that node ran no grace timer, so their rows
    /// went stale instead of being removed. Forgets them, and the chats of
    /// counsellors left with no console anywhere go back to the queue.
    /// Returns how many stale consoles were found.
    pub async fn requeue_lost_consoles(&self) -> Result<usize> {
        let mut accounts = self
            .store
            .forget_stale_consoles(Timestamp::now() - CONSOLE_STALE_AFTER)
            .await?;
        let found = accounts.len();
        accounts.sort_unstable();
        accounts.dedup();
        for counselor_id in accounts {
            self.requeue_if_gone(counselor_id).await?;
        }
        Ok(found)
    }

    /// Forgets expired return codes.
    pub async fn forget_expired_codes(&self) -> Result<u64> {
        Ok(self.store.forget_expired_codes(Timestamp::now()).await?)
    }

    /// Claims a waiting chat for a counsellor within `capacity` and tells
    /// everyone (the teen, the queue, the counsellor's consoles).
    pub(super) async fn claim_for(
        &self,
        id: Uuid,
        counselor_id: Uuid,
        capacity: i64,
    ) -> Result<Claim> {
        let claim = self
            .store
            .claim_within(id, counselor_id, capacity, Timestamp::now())
            .await?;
        if claim == Claim::Claimed {
            self.publish(
                &conversation_topic(id),
                &ConversationEvent::Changed {
                    conversation_id: id,
                },
            )
            .await;
            self.publish(QUEUE_TOPIC, &StaffEvent::QueueChanged).await;
            self.publish(
                &staff_topic(counselor_id),
                &StaffEvent::Assigned {
                    conversation_id: id,
                },
            )
            .await;
        }
        Ok(claim)
    }

    /// Gives waiting chats of automatic lines to available counsellors with
    /// room, in queue order (risk first): each to the least busy counsellor,
    /// then the one who has gone longest without a new chat. Supervisors are
    /// not given chats automatically. Returns how many were assigned.
    ///
    /// Safe on every node at once (claims are atomic); on one node, passes run
    /// one at a time.
    pub async fn assign_waiting(&self) -> Result<usize> {
        let _one_pass = self.assigning.lock().await;
        let automatic: std::collections::HashSet<String> = self
            .store
            .lines()
            .await?
            .into_iter()
            .filter(|line| line.auto_assign)
            .map(|line| line.id.to_string())
            .collect();
        if automatic.is_empty() {
            return Ok(0);
        }
        let waiting: Vec<Conversation> = self
            .store
            .waiting_conversations()
            .await?
            .into_iter()
            .filter(|c| automatic.contains(c.line_id.as_str()))
            .collect();
        if waiting.is_empty() {
            return Ok(0);
        }
        let default_max = self.default_max_chats().await?;
        let now = Timestamp::now();
        let mut candidates: Vec<Candidate> = self
            .store
            .on_shift(now - CONSOLE_STALE_AFTER)
            .await?
            .into_iter()
            .filter(|c| c.role == Role::Counselor)
            .collect();
        let mut assigned = 0;
        for chat in waiting {
            loop {
                candidates.retain(|c| c.has_room(default_max));
                let Some(best) = candidates
                    .iter_mut()
                    .min_by_key(|c| (c.active, c.last_assigned_at, c.account_id))
                else {
                    return Ok(assigned);
                };
                match self
                    .claim_for(
                        chat.id,
                        best.account_id,
                        best.effective_capacity(default_max),
                    )
                    .await?
                {
                    Claim::Claimed => {
                        best.active += 1;
                        best.last_assigned_at = Some(Timestamp::now());
                        assigned += 1;
                        break;
                    }
                    // Another node filled them first: try the next counsellor.
                    Claim::AtCapacity => best.active = i64::MAX,
                    // Taken or ended meanwhile: next chat.
                    Claim::NotWaiting => break,
                }
            }
        }
        Ok(assigned)
    }

    /// Runs [`Self::assign_waiting`] where a failure must not fail the caller
    /// (the next change or sweep tries again).
    pub async fn assign_quietly(&self) {
        if let Err(error) = self.assign_waiting().await {
            tracing::warn!(%error, "automatic assignment failed; the next sweep retries");
        }
    }

    /// Gives the teen a return code for a chat they had with a counsellor.
    /// Asking again replaces the earlier code.
    pub async fn issue_return_code(&self, device: &str, id: Uuid) -> Result<IssuedReturnCode> {
        let conversation = self.teen_conversation(device, id).await?;
        let counselor_id = match conversation.counselor_id {
            Some(counselor) if conversation.status != Status::Waiting => counselor,
            _ => return Err(ConsultationError::NoCounselor),
        };
        let now = Timestamp::now();
        let expires_at = now + SignedDuration::from_hours(24 * RETURN_CODE_DAYS);
        // Two conversations drawing the same code is a one-in-10¹¹ event; draw again.
        for _ in 0..3 {
            let code = new_return_code();
            let hash = return_code_hash(&normalize_return_code(&code).unwrap_or_default());
            match self
                .store
                .save_return_code(&hash, id, counselor_id, now, expires_at)
                .await
            {
                Ok(()) => return Ok(IssuedReturnCode { code, expires_at }),
                Err(crate::store::StoreError::Conflict) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(ConsultationError::Unavailable)
    }

    /// The counsellor behind a return code, or `UnknownReturnCode` (wrong,
    /// expired, or never issued: one answer for all).
    pub(super) async fn redeem_return_code(&self, raw: &str) -> Result<Uuid> {
        let code = normalize_return_code(raw).ok_or(ConsultationError::UnknownReturnCode)?;
        self.store
            .return_code_counselor(&return_code_hash(&code), Timestamp::now())
            .await?
            .ok_or(ConsultationError::UnknownReturnCode)
    }

    /// Gives a new chat to the returning teen's counsellor if they are on shift
    /// (available, a console open, room under their capacity).
    pub(super) async fn route_return(&self, id: Uuid, counselor_id: Uuid) -> Result<bool> {
        let default_max = self.default_max_chats().await?;
        let candidate = self
            .store
            .on_shift(Timestamp::now() - CONSOLE_STALE_AFTER)
            .await?
            .into_iter()
            .find(|c| c.account_id == counselor_id);
        let Some(candidate) = candidate.filter(|c| c.has_room(default_max)) else {
            return Ok(false);
        };
        Ok(self
            .claim_for(id, counselor_id, candidate.effective_capacity(default_max))
            .await?
            == Claim::Claimed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_codes_are_short_unambiguous_and_forgiving_to_type() {
        let code = new_return_code();
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        let canonical = normalize_return_code(&code).expect("own codes parse");
        assert_eq!(canonical.len(), 8);
        assert!(!canonical.contains(['0', 'O', '1', 'I', 'L']));
        let typed = format!(" {} ", code.to_lowercase());
        assert_eq!(
            normalize_return_code(&typed).as_deref(),
            Some(canonical.as_str())
        );
        assert_eq!(
            normalize_return_code("ＡＢＣＤ－ＥＦＧＨ").as_deref(),
            Some("ABCDEFGH"),
            "full-width input"
        );
        assert_eq!(normalize_return_code("ABCD-EFG"), None);
        assert_eq!(normalize_return_code("ABCD-EFG0"), None);
        assert_ne!(new_return_code(), new_return_code());
    }

    #[test]
    fn capacity_is_capped_by_the_administrators_limit() {
        let candidate = Candidate {
            account_id: Uuid::nil(),
            role: Role::Counselor,
            capacity: 5,
            max_chats: Some(2),
            last_assigned_at: None,
            active: 1,
        };
        assert_eq!(candidate.effective_capacity(6), 2);
        assert!(candidate.has_room(6));
        let no_own = Candidate {
            max_chats: None,
            ..candidate
        };
        assert_eq!(no_own.effective_capacity(3), 3);
        assert!(parse_max_chats("max_chats", 0).is_err());
        assert!(parse_max_chats("max_chats", 21).is_err());
    }
}
