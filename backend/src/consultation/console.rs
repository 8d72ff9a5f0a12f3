//! What the counsellor's console keeps besides the chat: canned replies per line
//! (supervisors curate them) and private notes on a conversation, which only
//! staff ever see (a supervisor's note is a whisper to the counsellor).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::text::{plain_text, TextError};

/// A ready-made reply a counsellor can insert and edit before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CannedReply {
    /// Id.
    pub id: Uuid,
    /// The line it belongs to; `None` for every line.
    pub line_id: Option<String>,
    /// Short title shown in the picker.
    pub title: String,
    /// The text inserted into the composer.
    pub body: String,
    /// Who last changed it.
    pub updated_by: Option<Uuid>,
    /// When.
    pub updated_at: Timestamp,
}

/// A canned reply as a supervisor sends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CannedReplyInput {
    /// Line id, or absent for every line.
    #[serde(default)]
    pub line_id: Option<String>,
    /// 1–60 characters.
    pub title: String,
    /// 1–2000 characters.
    pub body: String,
}

impl CannedReplyInput {
    /// Validates and builds the reply.
    pub fn into_reply(self, id: Uuid, author: Uuid) -> Result<CannedReply, TextError> {
        let line_id = match self
            .line_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
        {
            Some(raw) => Some(
                crate::lines::parse_line_id(raw)
                    .map_err(|_| TextError::new("line_id", "no such line"))?
                    .to_string(),
            ),
            None => None,
        };
        Ok(CannedReply {
            id,
            line_id,
            title: plain_text("title", &self.title, 1, 60, false)?,
            body: plain_text("body", &self.body, 1, 2000, true)?,
            updated_by: Some(author),
            updated_at: Timestamp::now(),
        })
    }
}

/// A private staff note on a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Id.
    pub id: Uuid,
    /// Conversation.
    pub conversation_id: Uuid,
    /// Staff author.
    pub author_id: Uuid,
    /// Author's display name, for the console.
    pub author_name: String,
    /// Author's role: a supervisor's note on a counsellor's chat is a whisper.
    pub author_role: crate::staff::Role,
    /// Text, 1–2000 characters.
    pub body: String,
    /// When.
    pub at: Timestamp,
}

/// Validates a note's text.
pub fn parse_note(raw: &str) -> Result<String, TextError> {
    plain_text("body", raw, 1, 2000, true)
}
