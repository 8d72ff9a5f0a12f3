-- Cases from the salon: a moderator hands a member's post (a self-harm post
-- withheld from the room, a disclosure of abuse) to a partner organisation.
-- The post id is kept for the escalating side only, like a chat's id; the
-- excerpts are copies of member posts, and nothing about the member's device
-- or nickname is stored with the case.
ALTER TABLE escalation_cases ADD COLUMN source TEXT NOT NULL DEFAULT 'chat' CHECK (source IN ('chat', 'salon'));
ALTER TABLE escalation_cases ADD COLUMN salon_post_id BLOB REFERENCES salon_posts (id) ON DELETE SET NULL;
