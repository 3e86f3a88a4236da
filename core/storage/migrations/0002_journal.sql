-- Version 2: the learning journal — edit history, full-text search, agreement texts, indexes.

-- Who changed what, when: one row per change of an observation (fields as JSON, never shown to parents).
CREATE TABLE observation_history (
    id             TEXT PRIMARY KEY NOT NULL,
    observation_id TEXT NOT NULL REFERENCES observations(id),
    at             TEXT NOT NULL,
    staff_id       TEXT REFERENCES staff(id),
    guardian_id    TEXT REFERENCES guardians(id),
    change         TEXT NOT NULL,   -- 'created', 'edited', 'submitted', 'published', 'returned', ...
    fields         TEXT NOT NULL DEFAULT '{}',
    revision       INTEGER NOT NULL
);
CREATE INDEX observation_history_obs ON observation_history(observation_id, at);

-- The agreement parents sign before they get access; a new version asks again.
CREATE TABLE agreements (
    version     INTEGER PRIMARY KEY,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT REFERENCES staff(id)
);

CREATE INDEX observation_children_child ON observation_children(child_id);
CREATE INDEX observations_observed_at ON observations(observed_at);
CREATE INDEX observations_status ON observations(status);
CREATE INDEX observation_tags_tag ON observation_tags(tag);
CREATE INDEX media_items_observation ON media_items(observation_id);
CREATE INDEX media_children_child ON media_children(child_id);
CREATE INDEX comments_observation ON comments(observation_id);
CREATE INDEX children_room ON children(room_id);
CREATE INDEX guardian_children_child ON guardian_children(child_id);
CREATE INDEX staff_rooms_room ON staff_rooms(room_id);

-- Full-text search over text, next steps and comments; rowid = observations.rowid. Kept in step by triggers.
CREATE VIRTUAL TABLE observation_search USING fts5(
    text, next_steps, comments,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER observation_search_insert AFTER INSERT ON observations
BEGIN
    INSERT INTO observation_search (rowid, text, next_steps, comments)
    VALUES (new.rowid, new.text, new.next_steps, '');
END;

CREATE TRIGGER observation_search_update AFTER UPDATE OF text, next_steps ON observations
BEGIN
    DELETE FROM observation_search WHERE rowid = old.rowid;
    INSERT INTO observation_search (rowid, text, next_steps, comments)
    VALUES (new.rowid, new.text, new.next_steps,
            coalesce((SELECT group_concat(text, ' ') FROM comments
                      WHERE observation_id = new.id AND deleted = 0), ''));
END;

CREATE TRIGGER observation_search_delete AFTER DELETE ON observations
BEGIN
    DELETE FROM observation_search WHERE rowid = old.rowid;
END;

CREATE TRIGGER observation_search_comment AFTER INSERT ON comments
BEGIN
    DELETE FROM observation_search WHERE rowid = (SELECT rowid FROM observations WHERE id = new.observation_id);
    INSERT INTO observation_search (rowid, text, next_steps, comments)
    SELECT o.rowid, o.text, o.next_steps,
           coalesce((SELECT group_concat(text, ' ') FROM comments WHERE observation_id = o.id AND deleted = 0), '')
    FROM observations o WHERE o.id = new.observation_id;
END;

CREATE TRIGGER observation_search_comment_update AFTER UPDATE OF text, deleted ON comments
BEGIN
    DELETE FROM observation_search WHERE rowid = (SELECT rowid FROM observations WHERE id = new.observation_id);
    INSERT INTO observation_search (rowid, text, next_steps, comments)
    SELECT o.rowid, o.text, o.next_steps,
           coalesce((SELECT group_concat(text, ' ') FROM comments WHERE observation_id = o.id AND deleted = 0), '')
    FROM observations o WHERE o.id = new.observation_id;
END;
