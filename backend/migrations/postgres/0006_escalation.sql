-- Escalation to partner organisations.
--
-- The directory: which municipalities (区市町村) and kinds of help each
-- organisation covers (JSON arrays of strings), when it can be reached, and its
-- rule for emergencies outside those hours.
ALTER TABLE organisations ADD COLUMN municipalities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organisations ADD COLUMN help_kinds TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organisations ADD COLUMN contact_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN on_call_note TEXT NOT NULL DEFAULT '';
