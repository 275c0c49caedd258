-- A user is suspended in one workspace by suspending their memberships there: the account is global
-- and its memberships in other workspaces go on. A suspended membership gives nothing at sign-in.
ALTER TABLE membership ADD COLUMN suspended_at DATETIME(3) NULL AFTER created_at;
