//! Urgency clocks: how long a partner has to acknowledge a case of each
//! urgency, and how long an emergency case may wait for its second staff
//! member. A case past either deadline is *overdue*: supervisors are alerted
//! once, and every screen shows it red.

use jiff::{SignedDuration, Timestamp};

use super::model::{Case, CaseStatus, CaseSummary, Urgency};

/// The deadlines, set by the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    /// From release to acknowledgement, for an emergency.
    pub emergency: SignedDuration,
    /// … for an urgent case.
    pub urgent: SignedDuration,
    /// … for a routine case.
    pub routine: SignedDuration,
    /// From creation to the second staff member's confirmation (emergencies).
    pub confirm: SignedDuration,
}

impl Default for Clocks {
    /// 15 minutes, 4 hours, 3 days; 5 minutes to confirm.
    fn default() -> Self {
        Self {
            emergency: SignedDuration::from_mins(15),
            urgent: SignedDuration::from_hours(4),
            routine: SignedDuration::from_hours(72),
            confirm: SignedDuration::from_mins(5),
        }
    }
}

/// Which deadline a case missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Waiting {
    /// A second staff member has not confirmed the emergency case.
    Confirmation,
    /// The partner has not acknowledged the case.
    Acknowledgement,
}

/// A case's clock as screens show it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Clock {
    /// The acknowledgement deadline, once released and while not acknowledged.
    pub ack_due_at: Option<Timestamp>,
    /// The confirmation deadline, while an emergency waits for confirmation.
    pub confirm_due_at: Option<Timestamp>,
    /// Past the deadline that applies now.
    pub overdue: bool,
}

/// What a clock needs to know about a case.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// How fast.
    pub urgency: Urgency,
    /// Where it stands.
    pub status: CaseStatus,
    /// Created.
    pub created_at: Timestamp,
    /// Released to the partner (`None` while awaiting confirmation).
    pub released_at: Option<Timestamp>,
    /// An overdue alert already fired for the deadline that applies now (it
    /// keeps the case red even if the deadlines were lengthened since).
    pub alerted: bool,
}

impl From<&Case> for Timing {
    fn from(case: &Case) -> Self {
        Self {
            urgency: case.urgency,
            status: case.status,
            created_at: case.created_at,
            released_at: case.released_at,
            alerted: case.overdue_alerted,
        }
    }
}

impl From<&CaseSummary> for Timing {
    fn from(case: &CaseSummary) -> Self {
        Self {
            urgency: case.urgency,
            status: case.status,
            created_at: case.created_at,
            released_at: case.released_at,
            alerted: case.overdue_alerted,
        }
    }
}

impl Clocks {
    /// Time the partner has to acknowledge a case of `urgency`.
    pub fn ack_within(&self, urgency: Urgency) -> SignedDuration {
        match urgency {
            Urgency::Emergency => self.emergency,
            Urgency::Urgent => self.urgent,
            Urgency::Routine => self.routine,
        }
    }

    /// The clock of a case at `now`.
    pub fn clock(&self, case: Timing, now: Timestamp) -> Clock {
        let (ack_due_at, confirm_due_at) = match case.released_at {
            None => (None, Some(case.created_at + self.confirm)),
            Some(released) if case.status == CaseStatus::Open => {
                (Some(released + self.ack_within(case.urgency)), None)
            }
            Some(_) => (None, None),
        };
        let due = ack_due_at.or(confirm_due_at);
        Clock {
            ack_due_at,
            confirm_due_at,
            overdue: due.is_some() && (case.alerted || due.is_some_and(|due| now >= due)),
        }
    }

    /// For each urgency, the latest release time that is overdue at `now`.
    pub fn ack_cutoffs(&self, now: Timestamp) -> [(Urgency, Timestamp); 3] {
        [Urgency::Emergency, Urgency::Urgent, Urgency::Routine]
            .map(|urgency| (urgency, now - self.ack_within(urgency)))
    }

    /// The latest creation time of an unconfirmed emergency that is overdue at `now`.
    pub fn confirm_cutoff(&self, now: Timestamp) -> Timestamp {
        now - self.confirm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + minutes * 60).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn timing(urgency: Urgency, status: CaseStatus, released: Option<i64>) -> Timing {
        Timing {
            urgency,
            status,
            created_at: at(0),
            released_at: released.map(at),
            alerted: false,
        }
    }

    #[test]
    fn an_open_case_is_due_for_acknowledgement_by_its_urgency() {
        let clocks = Clocks::default();
        let case = timing(Urgency::Emergency, CaseStatus::Open, Some(0));
        assert_eq!(clocks.clock(case, at(14)).ack_due_at, Some(at(15)));
        assert!(!clocks.clock(case, at(14)).overdue);
        assert!(clocks.clock(case, at(15)).overdue);
        let routine = timing(Urgency::Routine, CaseStatus::Open, Some(0));
        assert_eq!(clocks.clock(routine, at(0)).ack_due_at, Some(at(72 * 60)));
    }

    #[test]
    fn an_unconfirmed_emergency_is_due_for_confirmation() {
        let clocks = Clocks::default();
        let case = timing(Urgency::Emergency, CaseStatus::Open, None);
        let clock = clocks.clock(case, at(5));
        assert_eq!(clock.confirm_due_at, Some(at(5)));
        assert_eq!(clock.ack_due_at, None);
        assert!(clock.overdue);
        assert!(!clocks.clock(case, at(4)).overdue);
    }

    #[test]
    fn an_acknowledged_case_has_no_clock() {
        let clocks = Clocks::default();
        let mut case = timing(Urgency::Urgent, CaseStatus::Acknowledged, Some(0));
        case.alerted = true;
        assert_eq!(
            clocks.clock(case, at(10_000)),
            Clock {
                ack_due_at: None,
                confirm_due_at: None,
                overdue: false
            }
        );
    }

    #[test]
    fn an_alerted_case_stays_red() {
        let clocks = Clocks::default();
        let mut case = timing(Urgency::Urgent, CaseStatus::Open, Some(0));
        case.alerted = true;
        assert!(clocks.clock(case, at(1)).overdue);
    }
}
