-- Version 3: manager review and staff meetings.

-- A staff meeting where observations are looked at together (the policy: "assessed during staff meetings").
CREATE TABLE meetings (
    id              TEXT PRIMARY KEY NOT NULL,
    held_on         TEXT NOT NULL,          -- date
    title           TEXT NOT NULL,
    attendees       TEXT NOT NULL DEFAULT '[]', -- staff ids (JSON)
    notes           TEXT NOT NULL DEFAULT '',
    signed_off_by   TEXT REFERENCES staff(id),
    signed_off_at   TEXT,
    created_by      TEXT NOT NULL REFERENCES staff(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    origin_device   TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE meeting_items (
    meeting_id     TEXT NOT NULL REFERENCES meetings(id),
    observation_id TEXT NOT NULL REFERENCES observations(id),
    position       INTEGER NOT NULL,
    outcome        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, observation_id)
);

CREATE INDEX observations_reviewed ON observations(reviewed_at);
CREATE INDEX observations_author ON observations(author_staff_id, observed_at);
