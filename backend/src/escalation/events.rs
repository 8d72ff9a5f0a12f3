//! What the escalation service publishes on the bus, and the topic names.
//! Events are notifications that a case changed; a subscriber re-reads the
//! case through the service (which checks who may see it and audits the read).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Topic of one partner organisation: its released cases changed.
pub fn organisation_topic(organisation_id: Uuid) -> String {
    format!("cases.organisation.{organisation_id}")
}

/// Topic of the escalating side: any case changed. Supervisors follow every
/// case; a counsellor's console keeps the events of the cases they escalated.
pub const ESCALATING_TOPIC: &str = "cases.escalating";

/// Why a case was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseChange {
    /// A new case (released, or waiting for confirmation).
    Created,
    /// An emergency case was confirmed and released to the partner.
    Confirmed,
    /// The partner moved it along its lifecycle.
    Status,
    /// A note was added.
    Note,
    /// Its acknowledgement or confirmation deadline passed.
    Overdue,
}

/// A case changed: re-read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// Which case.
    pub case_id: Uuid,
    /// Its organisation (partner consoles listen per organisation).
    pub organisation_id: Uuid,
    /// Who escalated it (their console shows its progress).
    pub created_by: Uuid,
    /// What happened.
    pub change: CaseChange,
    /// Whether the partner may see the case (released).
    pub released: bool,
}
