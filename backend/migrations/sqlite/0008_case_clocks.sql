-- Urgency clocks. The deadlines themselves come from the configuration
-- (YORISOI_CASE_*_MINUTES); what is stored is that an overdue alert fired, so
-- it fires once across every node and the case stays red afterwards.
ALTER TABLE escalation_cases ADD COLUMN confirm_overdue_at INTEGER;
ALTER TABLE escalation_cases ADD COLUMN ack_overdue_at INTEGER;
-- The clock sweep looks for open cases by release time.
CREATE INDEX escalation_cases_open ON escalation_cases (status, released_at);
