//! The nudge: when a teen's message in a 1:1 chat is classified at crisis
//! severity, the counsellor is offered a suggested escalation, prefilled from
//! the flagged words. They confirm it (by escalating the chat, which settles
//! the nudge) or dismiss it with a reason, which is kept.
//!
//! One nudge per chat is pending at a time; later crisis messages add their
//! positions and words to it rather than stacking suggestions.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{Reason, Urgency};
use crate::consultation::model::RiskReason;
use crate::text::{plain_text, TextError};

/// Most flagged messages one nudge keeps (the excerpts it suggests).
pub const MAX_NUDGE_MESSAGES: usize = 30;

/// Where a nudge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NudgeStatus {
    /// Waiting for the counsellor.
    Pending,
    /// The chat was escalated.
    Escalated,
    /// The counsellor decided not to escalate, with a reason.
    Dismissed,
}

impl NudgeStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Escalated => "escalated",
            Self::Dismissed => "dismissed",
        }
    }

    /// Parses the stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Pending, Self::Escalated, Self::Dismissed]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// A flagged passage of a teen's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlaggedWords {
    /// The message's position in the chat.
    pub seq: i64,
    /// Classifier category (`self_harm`, `abuse`, …).
    pub category: String,
    /// The words as the teen wrote them.
    pub text: String,
}

/// A suggested escalation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nudge {
    /// Stable id.
    pub id: Uuid,
    /// The chat.
    pub conversation_id: Uuid,
    /// Suggested reason.
    pub reason: Reason,
    /// Suggested urgency.
    pub urgency: Urgency,
    /// Suggested summary (the counsellor edits it).
    pub summary: String,
    /// Suggested excerpts: the flagged messages' positions, in order.
    pub excerpt_seqs: Vec<i64>,
    /// What was flagged.
    pub flagged: Vec<FlaggedWords>,
    /// Where it stands.
    pub status: NudgeStatus,
    /// Why it was dismissed.
    pub dismiss_reason: Option<String>,
    /// Who escalated or dismissed it.
    pub decided_by: Option<Uuid>,
    /// When.
    pub decided_at: Option<Timestamp>,
    /// The case it became.
    pub case_id: Option<Uuid>,
    /// When the first crisis message came.
    pub created_at: Timestamp,
    /// When the last one came.
    pub updated_at: Timestamp,
}

/// What one crisis message adds to a chat's nudge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NudgeDraft {
    /// Reason suggested by the most serious category.
    pub reason: Reason,
    /// Always an emergency: the classifier calls it imminent.
    pub urgency: Urgency,
    /// The flagged words of this message.
    pub flagged: Vec<FlaggedWords>,
}

impl NudgeDraft {
    /// A draft from one message's crisis-severity findings; `None` without any.
    pub fn from_crisis(seq: i64, crisis: &[RiskReason]) -> Option<Self> {
        let first = crisis.first()?;
        let reason = if crisis.iter().any(|r| r.category == "self_harm") {
            Reason::SuicideRisk
        } else if crisis.iter().any(|r| r.category == "abuse") {
            Reason::Abuse
        } else {
            match first.category.as_str() {
                "self_harm" => Reason::SuicideRisk,
                "abuse" => Reason::Abuse,
                _ => Reason::Other,
            }
        };
        Some(Self {
            reason,
            urgency: Urgency::Emergency,
            flagged: crisis
                .iter()
                .map(|r| FlaggedWords {
                    seq,
                    category: r.category.clone(),
                    text: r.text.clone(),
                })
                .collect(),
        })
    }
}

/// The suggested summary: what was flagged, in the staff's working language.
/// A starting point the counsellor rewrites in their own words.
pub fn suggested_summary(reason: Reason, flagged: &[FlaggedWords]) -> String {
    let what = match reason {
        Reason::SuicideRisk => "自殺・自傷の危険を示す発言",
        Reason::Abuse => "虐待を示す発言",
        _ => "危機を示す発言",
    };
    let mut quoted: Vec<&str> = Vec::new();
    for words in flagged {
        if !quoted.contains(&words.text.as_str()) && quoted.len() < 5 {
            quoted.push(&words.text);
        }
    }
    let quotes: Vec<String> = quoted.iter().map(|q| format!("「{q}」")).collect();
    format!("チャットで{what}がありました：{}。", quotes.join("、"))
}

/// Validates a dismissal reason: plain text, 1–500 characters.
pub fn parse_dismiss_reason(raw: &str) -> Result<String, TextError> {
    plain_text("reason", raw, 1, 500, true)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn reason(category: &str, text: &str) -> RiskReason {
        RiskReason {
            category: category.into(),
            severity: "critical".into(),
            rule: "r".into(),
            text: text.into(),
        }
    }

    #[test]
    fn self_harm_wins_the_suggested_reason() {
        let draft = NudgeDraft::from_crisis(
            4,
            &[reason("abuse", "殴られる"), reason("self_harm", "今夜死ぬ")],
        )
        .unwrap();
        assert_eq!(draft.reason, Reason::SuicideRisk);
        assert_eq!(draft.urgency, Urgency::Emergency);
        assert!(draft.flagged.iter().all(|f| f.seq == 4));
        assert_eq!(NudgeDraft::from_crisis(4, &[]), None);
    }

    #[test]
    fn the_summary_quotes_each_flagged_passage_once() {
        let flagged = [
            FlaggedWords {
                seq: 1,
                category: "self_harm".into(),
                text: "死にたい".into(),
            },
            FlaggedWords {
                seq: 2,
                category: "self_harm".into(),
                text: "死にたい".into(),
            },
        ];
        assert_eq!(
            suggested_summary(Reason::SuicideRisk, &flagged),
            "チャットで自殺・自傷の危険を示す発言がありました：「死にたい」。"
        );
    }
}
