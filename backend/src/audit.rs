//! The append-only audit trail: who did what to which thing, and when.
//! Entries are written in the same transaction as the change they describe.

use jiff::Timestamp;
use uuid::Uuid;

/// One audited action.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// When it happened.
    pub at: Timestamp,
    /// Staff account that acted; `None` for the command line or the system.
    pub actor_id: Option<Uuid>,
    /// Dotted action name, e.g. `account.create`, `line.update`.
    pub action: String,
    /// What it acted on, e.g. `account:UUID` or `line:youth-health`.
    pub subject: String,
    /// A short JSON detail (changed fields); never message bodies or passwords.
    pub detail: serde_json::Value,
}

impl AuditEntry {
    /// An entry stamped now.
    pub fn now(
        actor_id: Option<Uuid>,
        action: &str,
        subject: String,
        detail: serde_json::Value,
    ) -> Self {
        Self {
            at: Timestamp::now(),
            actor_id,
            action: action.to_owned(),
            subject,
            detail,
        }
    }
}
