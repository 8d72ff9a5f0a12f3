-- Foundation: partner organisations, staff accounts and sessions, consultation
-- lines, and the append-only audit log. Times are UTC milliseconds since the epoch.

CREATE TABLE organisations (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('npo', 'municipal_support_centre', 'child_guidance_centre', 'other')),
    created_at  BIGINT NOT NULL
);

CREATE TABLE staff_accounts (
    id               UUID PRIMARY KEY,
    username         TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'counselor', 'moderator', 'partner')),
    organisation_id  UUID REFERENCES organisations (id),
    disabled         BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash    TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    -- Partner staff belong to exactly one organisation; nobody else belongs to one.
    CHECK ((role = 'partner') = (organisation_id IS NOT NULL))
);

CREATE TABLE staff_sessions (
    token_hash  TEXT PRIMARY KEY,
    account_id  UUID NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_account ON staff_sessions (account_id);

CREATE TABLE lines (
    id              TEXT PRIMARY KEY,
    sort_order      INTEGER NOT NULL DEFAULT 0,
    name_ja         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    description_ja  TEXT NOT NULL,
    description_en  TEXT NOT NULL,
    schedule        TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id        BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor_id  UUID,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL
);
