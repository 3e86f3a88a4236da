-- Version 6: media bytes this device fetches from the server (docs/sync-protocol.md, "Media").
--
-- A media item that came from another device (or a parent, through the portal) arrives as a row without a vault file
-- (vault_file = ''); its bytes are fetched after the pull, checked against the row's sha256 and sealed into this
-- device's vault. A row here only when fetching failed: how often and why, so that one file the server cannot give
-- is parked and never holds up the others.
CREATE TABLE sync_fetch (
    media_id    TEXT PRIMARY KEY NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    updated_at  TEXT NOT NULL
);
