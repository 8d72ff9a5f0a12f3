-- Suggested escalations ("nudges"): a teen's crisis-severity message in a 1:1
-- chat offers its counsellor a case prefilled from the flagged words. It is
-- settled by escalating the chat or dismissed with a reason, which is kept.
-- The flagged words are the teen's own, like the chat's risk reasons; they go
-- with the chat (ON DELETE CASCADE).
CREATE TABLE escalation_nudges (
    id               BLOB PRIMARY KEY,
    conversation_id  BLOB NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    reason           TEXT NOT NULL CHECK (reason IN ('suicide_risk', 'abuse', 'caring_burden', 'health', 'other')),
    urgency          TEXT NOT NULL CHECK (urgency IN ('emergency', 'urgent', 'routine')),
    -- JSON: [{"seq", "category", "text"}], the flagged passages in order.
    flagged          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'escalated', 'dismissed')),
    dismiss_reason   TEXT,
    decided_by       BLOB REFERENCES staff_accounts (id),
    decided_at       INTEGER,
    case_id          BLOB REFERENCES escalation_cases (id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    CHECK ((status = 'dismissed') = (dismiss_reason IS NOT NULL)),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- At most one pending nudge per chat: later crisis messages join it.
CREATE UNIQUE INDEX escalation_nudges_pending ON escalation_nudges (conversation_id) WHERE status = 'pending';
