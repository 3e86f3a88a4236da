-- acorn-server schema, version 2: the parent portal's own records. Server-only: none of this travels to devices
-- (what a parent does that the nursery must see — replies, home observations, the agreement signed, photo consent —
-- is written as synced rows instead). Secrets are kept only as hashes: invitation codes and session tokens as
-- SHA-256, passwords as Argon2id strings (libsodium crypto_pwhash_str).

-- Made by staff on a device for one guardian (and the children they will see); works once, until it expires or is
-- revoked.
CREATE TABLE portal_invitations (
    invitation_id TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    guardian_id TEXT NOT NULL,
    child_ids TEXT NOT NULL,
    code_sha256 TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX portal_invitations_by_guardian ON portal_invitations (setting_id, guardian_id);

-- One per guardian who accepted an invitation. The e-mail address (lower case) is the sign-in name.
CREATE TABLE portal_accounts (
    guardian_id TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

-- Signed-in browsers: the cookie's token is kept as its SHA-256; the CSRF token goes into every form of the session.
CREATE TABLE portal_sessions (
    token_sha256 TEXT PRIMARY KEY,
    guardian_id TEXT NOT NULL REFERENCES portal_accounts (guardian_id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX portal_sessions_by_guardian ON portal_sessions (guardian_id);

-- Failed sign-ins per sign-in name, for growing delays.
CREATE TABLE portal_signin_failures (
    email TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL
);

-- What happened on the portal, for managers (shown in the desktop app): sign-ins, failures, invitations accepted,
-- agreements signed, sign-outs everywhere. Never passwords or texts.
CREATE TABLE portal_events (
    event_id TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings (setting_id),
    at TEXT NOT NULL,
    guardian_id TEXT,
    action TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX portal_events_by_setting ON portal_events (setting_id, at);
