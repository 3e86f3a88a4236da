-- Acorn schema, version 1: the whole data model of DESIGN.md §4.
-- Every row that can travel has: id (UUID made where it is created), created_at, updated_at (UTC ISO-8601),
-- revision (bumped on every change), origin_device, deleted (tombstone until purged).

CREATE TABLE setting (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 1,
    origin_device TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
);

-- Setting-wide policy as typed keys (idle lock minutes, password policy, approval rule, retention...).
CREATE TABLE setting_values (
    key           TEXT PRIMARY KEY NOT NULL,
    value         TEXT NOT NULL,
    updated_by    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 1,
    origin_device TEXT NOT NULL
);

CREATE TABLE rooms (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 1,
    origin_device TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE staff (
    id                   TEXT PRIMARY KEY NOT NULL,
    display_name         TEXT NOT NULL,
    user_name            TEXT NOT NULL COLLATE NOCASE UNIQUE,
    role                 TEXT NOT NULL CHECK (role IN ('practitioner', 'room_leader', 'manager', 'administrator')),
    active               INTEGER NOT NULL DEFAULT 1,
    public_key           BLOB,
    password_changed_at  TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_history     TEXT NOT NULL DEFAULT '[]', -- keyed hashes of earlier passwords (never the passwords)
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    revision             INTEGER NOT NULL DEFAULT 1,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE staff_rooms (
    staff_id      TEXT NOT NULL REFERENCES staff(id),
    room_id       TEXT NOT NULL REFERENCES rooms(id),
    created_at    TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    PRIMARY KEY (staff_id, room_id)
);

CREATE TABLE children (
    id                         TEXT PRIMARY KEY NOT NULL,
    first_name                 TEXT NOT NULL,
    last_name                  TEXT NOT NULL,
    preferred_name             TEXT,
    date_of_birth              TEXT,
    start_date                 TEXT,
    leave_date                 TEXT,
    room_id                    TEXT REFERENCES rooms(id),
    key_person_id              TEXT REFERENCES staff(id),
    status                     TEXT NOT NULL DEFAULT 'enrolling'
                               CHECK (status IN ('enrolling', 'active', 'left', 'awaiting_deletion')),
    photo_consent              TEXT NOT NULL DEFAULT 'not_recorded'
                               CHECK (photo_consent IN ('yes', 'no', 'not_recorded')),
    photo_consent_recorded_at  TEXT,
    photo_consent_recorded_by  TEXT,
    created_at                 TEXT NOT NULL,
    updated_at                 TEXT NOT NULL,
    revision                   INTEGER NOT NULL DEFAULT 1,
    origin_device              TEXT NOT NULL,
    deleted                    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE guardians (
    id                    TEXT PRIMARY KEY NOT NULL,
    name                  TEXT NOT NULL,
    email                 TEXT,
    portal_state          TEXT NOT NULL DEFAULT 'none'
                          CHECK (portal_state IN ('none', 'invited', 'active', 'suspended')),
    agreement_version     INTEGER,
    agreement_signed_at   TEXT,
    agreement_typed_name  TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    revision              INTEGER NOT NULL DEFAULT 1,
    origin_device         TEXT NOT NULL,
    deleted               INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE guardian_children (
    guardian_id   TEXT NOT NULL REFERENCES guardians(id),
    child_id      TEXT NOT NULL REFERENCES children(id),
    relationship  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 1,
    origin_device TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guardian_id, child_id)
);

CREATE TABLE observations (
    id                  TEXT PRIMARY KEY NOT NULL,
    author_staff_id     TEXT REFERENCES staff(id),
    author_guardian_id  TEXT REFERENCES guardians(id),
    observed_at         TEXT NOT NULL,
    text                TEXT NOT NULL DEFAULT '',
    next_steps          TEXT NOT NULL DEFAULT '',
    staff_only          INTEGER NOT NULL DEFAULT 0,
    status              TEXT NOT NULL
                        CHECK (status IN ('draft', 'submitted', 'published', 'returned', 'pending', 'declined')),
    feedback            TEXT,
    reviewed_by         TEXT REFERENCES staff(id),
    reviewed_at         TEXT,
    review_note         TEXT,
    review_rating       INTEGER,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    revision            INTEGER NOT NULL DEFAULT 1,
    origin_device       TEXT NOT NULL,
    deleted             INTEGER NOT NULL DEFAULT 0,
    CHECK ((author_staff_id IS NULL) <> (author_guardian_id IS NULL))
);

CREATE TABLE observation_children (
    observation_id TEXT NOT NULL REFERENCES observations(id),
    child_id       TEXT NOT NULL REFERENCES children(id),
    PRIMARY KEY (observation_id, child_id)
);

CREATE TABLE observation_tags (
    observation_id TEXT NOT NULL REFERENCES observations(id),
    framework      TEXT NOT NULL,
    tag            TEXT NOT NULL,
    PRIMARY KEY (observation_id, framework, tag)
);

CREATE TABLE media_items (
    id                 TEXT PRIMARY KEY NOT NULL,
    observation_id     TEXT REFERENCES observations(id),
    kind               TEXT NOT NULL CHECK (kind IN ('photo', 'video', 'audio')),
    sha256             BLOB NOT NULL,
    size               INTEGER NOT NULL,
    width              INTEGER,
    height             INTEGER,
    duration_ms        INTEGER,
    captured_at        TEXT,
    vault_file         TEXT NOT NULL,
    file_key           BLOB NOT NULL,
    thumbnail_file     TEXT,
    thumbnail_key      BLOB,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    revision           INTEGER NOT NULL DEFAULT 1,
    origin_device      TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE media_children (
    media_id TEXT NOT NULL REFERENCES media_items(id),
    child_id TEXT NOT NULL REFERENCES children(id),
    PRIMARY KEY (media_id, child_id)
);

CREATE TABLE comments (
    id                  TEXT PRIMARY KEY NOT NULL,
    observation_id      TEXT NOT NULL REFERENCES observations(id),
    author_staff_id     TEXT REFERENCES staff(id),
    author_guardian_id  TEXT REFERENCES guardians(id),
    text                TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    revision            INTEGER NOT NULL DEFAULT 1,
    origin_device       TEXT NOT NULL,
    deleted             INTEGER NOT NULL DEFAULT 0,
    CHECK ((author_staff_id IS NULL) <> (author_guardian_id IS NULL))
);

-- Append-only: the triggers below refuse every UPDATE and DELETE.
CREATE TABLE audit_events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    at             TEXT NOT NULL,
    actor_staff_id TEXT,
    actor_label    TEXT,   -- user name typed at a failed sign-in (never a password)
    action         TEXT NOT NULL,
    object_type    TEXT,
    object_id      TEXT,
    device_id      TEXT NOT NULL,
    detail         TEXT
);
CREATE INDEX audit_events_at ON audit_events(at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Work in progress saved on lock or while typing. Local only: drafts never leave the device.
CREATE TABLE drafts (
    id          TEXT PRIMARY KEY NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES staff(id),
    kind        TEXT NOT NULL,
    object_key  TEXT NOT NULL DEFAULT '',
    payload     BLOB NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (owner_id, kind, object_key)
);

-- Facts about this device's copy (device id, ...). Local only.
CREATE TABLE device_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
