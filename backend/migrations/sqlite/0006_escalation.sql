-- Escalation to partner organisations.
--
-- The directory: which municipalities (区市町村) and kinds of help each
-- organisation covers (JSON arrays of strings), when it can be reached, and its
-- rule for emergencies outside those hours.
ALTER TABLE organisations ADD COLUMN municipalities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organisations ADD COLUMN help_kinds TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organisations ADD COLUMN contact_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN on_call_note TEXT NOT NULL DEFAULT '';

-- Cases: a counsellor or supervisor hands a chat to a partner organisation.
-- A case keeps what the teen chose to disclose (summary, excerpts copied from
-- the chat, a municipality) and nothing about the device: no device hash, and
-- the conversation id only for the escalating side (set NULL if the teen
-- deletes their history; the excerpts are copies and stay).
CREATE TABLE escalation_cases (
    id                      BLOB PRIMARY KEY,
    organisation_id         BLOB NOT NULL REFERENCES organisations (id),
    conversation_id         BLOB REFERENCES conversations (id) ON DELETE SET NULL,
    created_by              BLOB NOT NULL REFERENCES staff_accounts (id),
    reason                  TEXT NOT NULL CHECK (reason IN ('suicide_risk', 'abuse', 'caring_burden', 'health', 'other')),
    urgency                 TEXT NOT NULL CHECK (urgency IN ('emergency', 'urgent', 'routine')),
    summary                 TEXT NOT NULL,
    municipality            TEXT,
    consent                 TEXT NOT NULL CHECK (consent IN ('asked_and_given', 'declined', 'not_asked')),
    override_justification  TEXT,
    -- Four eyes: an emergency case waits for a second staff member.
    confirmed_by            BLOB REFERENCES staff_accounts (id),
    confirmed_at            INTEGER,
    -- When the partner could first see it (NULL: not yet, awaiting confirmation).
    released_at             INTEGER,
    status                  TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'in_progress', 'closed')),
    outcome                 TEXT CHECK (outcome IN ('connected_to_service', 'referred_elsewhere', 'no_contact_possible', 'other')),
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    acknowledged_at         INTEGER,
    closed_at               INTEGER,
    CHECK ((status = 'closed') = (outcome IS NOT NULL)),
    -- A refusal is overridden only in an emergency, with a justification.
    CHECK (consent <> 'declined' OR (urgency = 'emergency' AND override_justification IS NOT NULL)),
    CHECK (urgency = 'emergency' OR released_at IS NOT NULL),
    CHECK (confirmed_by IS NULL OR confirmed_by <> created_by)
);
CREATE INDEX escalation_cases_organisation ON escalation_cases (organisation_id, created_at);
CREATE INDEX escalation_cases_creator ON escalation_cases (created_by, created_at);

-- The transcript lines the escalating staff member chose, copied at escalation.
CREATE TABLE escalation_excerpts (
    case_id  BLOB NOT NULL REFERENCES escalation_cases (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    sender   TEXT NOT NULL CHECK (sender IN ('teen', 'counselor', 'system')),
    body     TEXT NOT NULL,
    sent_at  INTEGER NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- Notes from both sides.
CREATE TABLE escalation_notes (
    id          BLOB PRIMARY KEY,
    case_id     BLOB NOT NULL REFERENCES escalation_cases (id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('escalating', 'partner')),
    author_id   BLOB NOT NULL REFERENCES staff_accounts (id),
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX escalation_notes_case ON escalation_notes (case_id, created_at);
