-- The counsellor's console: canned replies per line (supervisors edit them) and
-- private staff notes on a conversation (never shown to the teen).

CREATE TABLE canned_replies (
    id          UUID PRIMARY KEY,
    line_id     TEXT,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_by  UUID REFERENCES staff_accounts (id),
    updated_at  BIGINT NOT NULL
);
CREATE INDEX canned_replies_by_line ON canned_replies (line_id);

CREATE TABLE conversation_notes (
    id               UUID PRIMARY KEY,
    conversation_id  UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id        UUID NOT NULL REFERENCES staff_accounts (id),
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX conversation_notes_by_conversation ON conversation_notes (conversation_id, created_at);
