-- Online salon: moderated peer rooms. Members are a device (its token hash)
-- and a per-room nickname, nothing else. Every post is kept with what the
-- classifier said; what the room sees is the log of published posts by `seq`.

CREATE TABLE salon_rooms (
    id                  TEXT PRIMARY KEY,
    sort_order          INTEGER NOT NULL DEFAULT 0,
    title               TEXT NOT NULL,
    topic               TEXT NOT NULL,
    rules               TEXT NOT NULL,
    -- Weekly hours as JSON (the lines' format); NULL: whenever a moderator opens it.
    schedule            TEXT,
    requires_moderator  BOOLEAN NOT NULL DEFAULT TRUE,
    capacity            INTEGER NOT NULL,
    premoderate_first   INTEGER NOT NULL DEFAULT 0,
    slow_mode_seconds   INTEGER NOT NULL DEFAULT 0,
    is_open             BOOLEAN NOT NULL DEFAULT FALSE,
    paused              BOOLEAN NOT NULL DEFAULT FALSE,
    pinned              TEXT,
    last_seq            BIGINT NOT NULL DEFAULT 0,
    updated_at          BIGINT NOT NULL
);

CREATE TABLE salon_members (
    id              UUID PRIMARY KEY,
    room_id         TEXT NOT NULL REFERENCES salon_rooms (id) ON DELETE CASCADE,
    device_hash     TEXT NOT NULL REFERENCES teen_devices (token_hash) ON DELETE CASCADE,
    nickname        TEXT NOT NULL,
    -- Folded nickname (case, width): two members of a room never look alike.
    nickname_key    TEXT NOT NULL,
    joined_at       BIGINT NOT NULL,
    published_count INTEGER NOT NULL DEFAULT 0,
    last_post_at    BIGINT,
    muted_until     BIGINT,
    removed_until   BIGINT,
    online          BOOLEAN NOT NULL DEFAULT FALSE,
    seen_at         BIGINT NOT NULL,
    UNIQUE (room_id, device_hash),
    UNIQUE (room_id, nickname_key)
);

CREATE TABLE salon_posts (
    id             UUID PRIMARY KEY,
    room_id        TEXT NOT NULL REFERENCES salon_rooms (id) ON DELETE CASCADE,
    -- Position in the room's log once published (messages and hide markers).
    seq            BIGINT,
    kind           TEXT NOT NULL CHECK (kind IN ('message', 'hide')),
    state          TEXT NOT NULL CHECK (state IN ('published', 'held', 'rejected', 'withheld', 'blocked', 'hidden')),
    hold_reason    TEXT,
    member_id      UUID REFERENCES salon_members (id) ON DELETE SET NULL,
    author_id      UUID REFERENCES staff_accounts (id),
    nickname       TEXT NOT NULL,
    client_msg_id  TEXT,
    body           TEXT NOT NULL,
    masked         BOOLEAN NOT NULL DEFAULT FALSE,
    -- Categories, severity, action and spans, as JSON; never a bare score.
    verdict        TEXT,
    target_seq     BIGINT,
    created_at     BIGINT NOT NULL,
    decided_by     UUID REFERENCES staff_accounts (id),
    decided_at     BIGINT,
    UNIQUE (room_id, seq),
    UNIQUE (member_id, client_msg_id)
);
CREATE INDEX salon_posts_state ON salon_posts (state, created_at);

CREATE TABLE salon_reactions (
    room_id    TEXT NOT NULL REFERENCES salon_rooms (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    member_id  UUID NOT NULL REFERENCES salon_members (id) ON DELETE CASCADE,
    emoji      TEXT NOT NULL,
    PRIMARY KEY (room_id, seq, member_id, emoji)
);

CREATE TABLE salon_reports (
    id           UUID PRIMARY KEY,
    room_id      TEXT NOT NULL REFERENCES salon_rooms (id) ON DELETE CASCADE,
    post_id      UUID NOT NULL REFERENCES salon_posts (id) ON DELETE CASCADE,
    reporter_id  UUID REFERENCES salon_members (id) ON DELETE SET NULL,
    reason       TEXT NOT NULL,
    note         TEXT,
    state        TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    resolution   TEXT,
    resolved_by  UUID REFERENCES staff_accounts (id),
    resolved_at  BIGINT,
    created_at   BIGINT NOT NULL,
    UNIQUE (post_id, reporter_id)
);
CREATE INDEX salon_reports_state ON salon_reports (state, created_at);

-- Bans are by device, across rooms, until a time.
CREATE TABLE salon_bans (
    id           UUID PRIMARY KEY,
    device_hash  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    expires_at   BIGINT NOT NULL,
    created_by   UUID NOT NULL REFERENCES staff_accounts (id),
    created_at   BIGINT NOT NULL,
    lifted_at    BIGINT
);
CREATE INDEX salon_bans_device ON salon_bans (device_hash, expires_at);

-- Moderator consoles on duty, one row per connection, refreshed every heartbeat.
CREATE TABLE salon_duty (
    connection_id  UUID PRIMARY KEY,
    account_id     UUID NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    seen_at        BIGINT NOT NULL
);

-- A 1:1 chat started from the salon carries the withheld post it came from.
ALTER TABLE conversations ADD COLUMN salon_post_id UUID;
