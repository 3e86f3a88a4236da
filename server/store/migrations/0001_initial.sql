-- acorn-server schema, version 1. Portable SQL: the same text runs on SQLite (SQLCipher) and PostgreSQL 15.
-- Times are ISO 8601 UTC text with milliseconds and Z, so they sort as text; flags are 0/1 integers; JSON is text.
-- Statements end with ';' at the end of a line (ServerMigrator splits there).

CREATE TABLE settings (
    setting_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- One row per setting: locked and bumped by the transaction that applies a push, so seq is gap-free in commit order.
CREATE TABLE setting_counters (
    setting_id TEXT PRIMARY KEY REFERENCES settings (setting_id),
    last_seq BIGINT NOT NULL
);

-- The server keeps only the SHA-256 of a device's credential.
CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    name TEXT NOT NULL,
    credential_sha256 TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    revoked_at TEXT,
    revoked_by TEXT
);
CREATE INDEX devices_by_setting ON devices (setting_id);

-- And only the SHA-256 of an enrolment code.
CREATE TABLE enrolment_codes (
    code_sha256 TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_by_device TEXT,
    used_at TEXT,
    used_by_device TEXT
);

-- The current state of every row that travels.
CREATE TABLE entities (
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    revision BIGINT NOT NULL,
    deleted INTEGER NOT NULL,
    data TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (setting_id, entity, entity_id)
);
-- Ids are UUIDs made on devices: an id belongs to one setting only, whatever a device claims.
CREATE UNIQUE INDEX entities_one_setting ON entities (entity, entity_id);

-- Every applied change, numbered per setting; pull reads it in seq order.
CREATE TABLE changes (
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    seq BIGINT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    revision BIGINT NOT NULL,
    deleted INTEGER NOT NULL,
    data TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    device_seq BIGINT NOT NULL,
    committed_at TEXT NOT NULL,
    PRIMARY KEY (setting_id, seq)
);

-- Per device, every device_seq applied here (with its result), so a change is applied at most once.
CREATE TABLE applied_device_seqs (
    device_id TEXT NOT NULL REFERENCES devices (device_id),
    device_seq BIGINT NOT NULL,
    setting_id TEXT NOT NULL,
    server_seq BIGINT NOT NULL,
    result TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (device_id, device_seq)
);

-- The answer given to each batch, so a replayed batch gets the same answer.
CREATE TABLE push_batches (
    batch_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (device_id),
    setting_id TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Media uploads: the file's own key is stored sealed with the server's media key (DATA/server.key).
CREATE TABLE media_uploads (
    media_id TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    device_id TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    chunk_size BIGINT NOT NULL,
    state TEXT NOT NULL,
    file_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    completed_at TEXT
);

CREATE TABLE media_chunks (
    media_id TEXT NOT NULL REFERENCES media_uploads (media_id),
    chunk_index INTEGER NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (media_id, chunk_index)
);
