-- acorn-server schema, version 3: optional two-factor sign-in on the parent portal (TOTP, RFC 6238).
-- A session made by a password alone for an account with two-factor on waits for the code before it opens anything;
-- the last time step a code was accepted for is kept, so that a code cannot be used twice.
ALTER TABLE portal_sessions ADD COLUMN pending_second_factor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE portal_accounts ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
