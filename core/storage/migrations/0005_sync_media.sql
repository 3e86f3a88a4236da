-- Version 5: media bytes waiting to go to the server (docs/sync-protocol.md, Media), and keyring entries.
--
-- A media item's row travels through the outbox; its bytes follow once the server has the row: a row here per
-- item this device must upload, from pending to complete. Items that came from the server are never listed.
CREATE TABLE sync_media (
    media_id    TEXT PRIMARY KEY NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'complete', 'parked')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    updated_at  TEXT NOT NULL
);
CREATE INDEX sync_media_state ON sync_media(state);

-- Keyring entries (DATA/keyring.json: wrapped and sealed, one per staff member) travel too, so that someone added on
-- one device can sign in on another. The file is not in the database, so no trigger sees it change: the client
-- compares each entry with what the server last had (its hash) and queues the ones that differ.
CREATE TABLE sync_keyring (
    staff_id  TEXT PRIMARY KEY NOT NULL,
    hash      TEXT NOT NULL
);
