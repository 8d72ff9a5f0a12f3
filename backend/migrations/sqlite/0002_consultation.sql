-- Anonymous 1:1 consultation: teen devices (a token hash, nothing else),
-- conversations with their queue state and risk, and messages by sequence.

CREATE TABLE teen_devices (
    token_hash    TEXT PRIMARY KEY,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);

CREATE TABLE conversations (
    id            BLOB PRIMARY KEY,
    line_id       TEXT NOT NULL,
    device_hash   TEXT NOT NULL REFERENCES teen_devices (token_hash) ON DELETE CASCADE,
    nickname      TEXT,
    status        TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
    -- Queue order: priority first (risk level × 2, +1 when returned to the queue), then waiting time.
    priority      INTEGER NOT NULL DEFAULT 0,
    risk_level    INTEGER NOT NULL DEFAULT 0,
    -- Why: the matched categories, rules and words, as JSON; never a bare score.
    risk          TEXT NOT NULL DEFAULT '[]',
    requeued      BOOLEAN NOT NULL DEFAULT FALSE,
    counselor_id  BLOB REFERENCES staff_accounts (id),
    last_seq      INTEGER NOT NULL DEFAULT 0,
    teen_read_seq INTEGER NOT NULL DEFAULT 0,
    queued_at     INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    assigned_at   INTEGER,
    ended_at      INTEGER,
    end_reason    TEXT,
    wrap_up       TEXT,
    hidden_by_teen BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX conversations_queue ON conversations (status, line_id, priority, queued_at);
CREATE INDEX conversations_device ON conversations (device_hash);
CREATE INDEX conversations_counselor ON conversations (counselor_id, status);

CREATE TABLE messages (
    conversation_id  BLOB NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    sender           TEXT NOT NULL CHECK (sender IN ('teen', 'counselor', 'system')),
    author_id        BLOB,
    client_msg_id    TEXT,
    body             TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
-- A retried send carries the same client id: stored once.
CREATE UNIQUE INDEX messages_idempotency ON messages (conversation_id, client_msg_id);
