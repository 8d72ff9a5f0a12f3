-- Assignment: chat limits set by administrators, counsellors' presence shared by
-- every node, automatic assignment per line, and return codes.

-- Lines where waiting chats go to an available counsellor without a manual take.
ALTER TABLE lines ADD COLUMN auto_assign BOOLEAN NOT NULL DEFAULT FALSE;

-- Started with a return code: the counsellor sees the teen has come back.
ALTER TABLE conversations ADD COLUMN is_return BOOLEAN NOT NULL DEFAULT FALSE;

-- One row: the most chats at once for accounts without a limit of their own.
CREATE TABLE consultation_settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    default_max_chats  INTEGER NOT NULL,
    updated_at         BIGINT NOT NULL
);

-- An administrator's limit for one account, overriding the default.
CREATE TABLE staff_chat_limits (
    account_id  UUID PRIMARY KEY REFERENCES staff_accounts (id) ON DELETE CASCADE,
    max_chats   INTEGER NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- What a counsellor last set in a console (any node), and when they last got a
-- chat (for fair assignment). Claims lock this row, so one counsellor's claims
-- are serialised across nodes and capacity holds.
CREATE TABLE staff_presence (
    account_id        UUID PRIMARY KEY REFERENCES staff_accounts (id) ON DELETE CASCADE,
    available         BOOLEAN NOT NULL DEFAULT FALSE,
    capacity          INTEGER NOT NULL DEFAULT 0,
    last_assigned_at  BIGINT,
    updated_at        BIGINT NOT NULL
);

-- Open consoles on every node, touched each heartbeat; a row not touched for a
-- while belongs to a node that went away.
CREATE TABLE staff_consoles (
    id          UUID PRIMARY KEY,
    account_id  UUID NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    seen_at     BIGINT NOT NULL
);
CREATE INDEX staff_consoles_by_account ON staff_consoles (account_id, seen_at);

-- Return codes: only the hash of the code, the counsellor and an expiry; gone
-- with the conversation when the teen deletes their history.
CREATE TABLE return_codes (
    code_hash        TEXT PRIMARY KEY,
    conversation_id  UUID NOT NULL UNIQUE REFERENCES conversations (id) ON DELETE CASCADE,
    counselor_id     UUID NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL
);
