//! Escalation cases, live, for any console that follows them: the
//! counsellors' and supervisors' (`/ws/staff`), the moderators' (`/ws/moderator`)
//! and the partners' (`/ws/partner`).
//!
//! Bus events only say that a case changed. A console first drops the events
//! of cases its viewer may not see (from the event alone, before anything is
//! read), then re-reads the case through [`EscalationService`], which checks
//! again and audits the read, and sends the list line as `GET /api/cases`
//! shows it to this viewer. After a bus gap the whole list is sent again.

use serde::Serialize;
use serde_json::Value;

use super::connection::Connection;
use crate::escalation::events::{organisation_topic, CaseChange, CaseEvent, ESCALATING_TOPIC};
use crate::escalation::model::CaseSummary;
use crate::escalation::{summary_view, EscalationError, EscalationService, Viewer};

/// The case changes one console follows, as one viewer.
#[derive(Debug, Clone, Copy)]
pub struct CaseFeed {
    viewer: Viewer,
}

impl CaseFeed {
    /// The feed of `viewer`.
    pub fn new(viewer: Viewer) -> Self {
        Self { viewer }
    }

    /// The topic its events come on: the escalating side's, or the partner's
    /// organisation's (which carries only released cases).
    pub fn topic(&self) -> String {
        match self.viewer {
            Viewer::Partner { organisation, .. } => organisation_topic(organisation),
            Viewer::Supervisor(_) | Viewer::Escalator(_) => ESCALATING_TOPIC.to_owned(),
        }
    }

    /// Whether the event may concern this viewer at all: supervisors every
    /// case, a counsellor or moderator the cases they escalated, partner staff
    /// their organisation's released cases. Decided before anything is read.
    fn concerns(&self, event: &CaseEvent) -> bool {
        match self.viewer {
            Viewer::Supervisor(_) => true,
            Viewer::Escalator(id) => event.created_by == id,
            Viewer::Partner { organisation, .. } => {
                event.organisation_id == organisation && event.released
            }
        }
    }

    /// Every case this viewer may see, as list lines, newest first (an audited list).
    pub async fn list(
        &self,
        escalation: &EscalationService,
    ) -> Result<Vec<Value>, EscalationError> {
        let cases = escalation.list(self.viewer).await?;
        Ok(cases.iter().map(|c| summary_view(c, self.viewer)).collect())
    }

    /// A case changed: its line, re-read (and audited), wrapped by `wrap`
    /// into the console's frame; nothing for a case this viewer may not see.
    pub async fn on_event<F: Serialize>(
        &self,
        conn: &mut Connection,
        escalation: &EscalationService,
        event: CaseEvent,
        wrap: impl FnOnce(CaseChange, Value) -> F + Send,
    ) {
        if !self.concerns(&event) {
            return;
        }
        match escalation.read(self.viewer, event.case_id).await {
            Ok(case) => conn.send(&wrap(
                event.change,
                summary_view(&CaseSummary::from(&case), self.viewer),
            )),
            Err(EscalationError::NotFound) => {}
            Err(error) => tracing::warn!(%error, "could not re-read a case for a console"),
        }
    }

    /// Case notifications were lost: the whole list again, wrapped by `wrap`.
    pub async fn resend<F: Serialize>(
        &self,
        conn: &mut Connection,
        escalation: &EscalationService,
        wrap: impl FnOnce(Vec<Value>) -> F + Send,
    ) {
        match self.list(escalation).await {
            Ok(cases) => conn.send(&wrap(cases)),
            Err(error) => tracing::warn!(%error, "could not list cases for a console"),
        }
    }
}
