-- Version 4: the sync outbox (docs/sync-protocol.md).
--
-- Every change that may travel leaves a mark here in the same transaction as the change itself, so nothing can be
-- changed without being queued — whichever service, migration or bulk action made it. A mark names the row, not
-- its contents: the sync client reads the row as it is when it pushes (coalescing several edits into one change).
-- At most one pending mark per row; a change after the client read the row bumps `touches`, which tells the client
-- to push it again under a new number. Drafts never leave the device: observations (and their children, tags and
-- media) are marked only once they are not drafts, and the step out of draft marks everything of them at once.
-- Rows written while applying changes pulled from the server are not marked (sync_applying holds a row then).

CREATE TABLE sync_outbox (
    device_seq  INTEGER PRIMARY KEY AUTOINCREMENT, -- the per-device change number sent as device_seq
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    touches     INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'parked')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE UNIQUE INDEX sync_outbox_one_pending ON sync_outbox(entity, entity_id) WHERE state = 'pending';
CREATE INDEX sync_outbox_state ON sync_outbox(state, device_seq);

-- The revision the server has of each row this device knows (what a push names as base_revision).
CREATE TABLE sync_known (
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id)
);

-- Changes the server refused because the row had moved on: both versions kept for staff to resolve.
CREATE TABLE sync_conflicts (
    id           TEXT PRIMARY KEY NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    local_data   TEXT NOT NULL,
    server_data  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    resolved_by  TEXT
);

-- One row while pulled changes are being applied (in that transaction only): the triggers below stay quiet.
CREATE TABLE sync_applying (
    flag INTEGER PRIMARY KEY CHECK (flag = 1)
);

CREATE TRIGGER sync_rooms_insert AFTER INSERT ON rooms
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('room', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_rooms_update AFTER UPDATE ON rooms
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('room', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_staff_insert AFTER INSERT ON staff
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('staff', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_staff_update AFTER UPDATE ON staff
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('staff', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_children_insert AFTER INSERT ON children
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('child', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_children_update AFTER UPDATE ON children
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('child', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_guardians_insert AFTER INSERT ON guardians
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('guardian', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_guardians_update AFTER UPDATE ON guardians
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('guardian', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_comments_insert AFTER INSERT ON comments
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('comment', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_comments_update AFTER UPDATE ON comments
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('comment', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_staff_rooms_insert AFTER INSERT ON staff_rooms
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('staff', NEW.staff_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_staff_rooms_delete AFTER DELETE ON staff_rooms
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('staff', OLD.staff_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_guardian_children_insert AFTER INSERT ON guardian_children
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('guardian', NEW.guardian_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_guardian_children_update AFTER UPDATE ON guardian_children
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('guardian', NEW.guardian_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_guardian_children_delete AFTER DELETE ON guardian_children
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('guardian', OLD.guardian_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_setting_values_insert AFTER INSERT ON setting_values
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('setting_value', NEW.key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_setting_values_update AFTER UPDATE ON setting_values
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('setting_value', NEW.key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_observations_insert AFTER INSERT ON observations
WHEN NEW.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('observation', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_observations_update AFTER UPDATE ON observations
WHEN NEW.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('observation', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_observations_leave_draft AFTER UPDATE OF status ON observations
WHEN OLD.status = 'draft' AND NEW.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at)
        SELECT 'media_item', m.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM media_items m WHERE m.observation_id = NEW.id
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_observation_children_insert AFTER INSERT ON observation_children
WHEN (SELECT status FROM observations WHERE id = NEW.observation_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('observation', NEW.observation_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_observation_children_delete AFTER DELETE ON observation_children
WHEN (SELECT status FROM observations WHERE id = OLD.observation_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('observation', OLD.observation_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_observation_tags_insert AFTER INSERT ON observation_tags
WHEN (SELECT status FROM observations WHERE id = NEW.observation_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('observation', NEW.observation_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_observation_tags_delete AFTER DELETE ON observation_tags
WHEN (SELECT status FROM observations WHERE id = OLD.observation_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('observation', OLD.observation_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_media_items_insert AFTER INSERT ON media_items
WHEN NEW.observation_id IS NOT NULL AND (SELECT status FROM observations WHERE id = NEW.observation_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('media_item', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_media_items_update AFTER UPDATE ON media_items
WHEN NEW.observation_id IS NOT NULL AND (SELECT status FROM observations WHERE id = NEW.observation_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('media_item', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_media_children_insert AFTER INSERT ON media_children
WHEN (SELECT o.status FROM observations o JOIN media_items m ON m.observation_id = o.id WHERE m.id = NEW.media_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('media_item', NEW.media_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;

CREATE TRIGGER sync_media_children_delete AFTER DELETE ON media_children
WHEN (SELECT o.status FROM observations o JOIN media_items m ON m.observation_id = o.id WHERE m.id = OLD.media_id) <> 'draft' AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('media_item', OLD.media_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = touches + 1;
END;
