-- The bench's big activity (bench/dashboard.sh), seeded after the real flow set it up: psql -v
-- placement=... -v students=2000 -v messages=100000 -v consent_share=0.3 -f bench/dashboard-seed.sql
-- Every row copies the shape of those the real flow wrote at that placement: the students' rows
-- from the first real student (synthetic address, LMS id, name, random "Student XXXXX" pseudonym,
-- consent time and notice version as the consent page records them), conversations and messages
-- as the chat writes them (a title, the person and the assistant in turn, COMPLETE).
\set ON_ERROR_STOP on
SELECT setseed(0.18);

CREATE TEMP TABLE real_student AS
SELECT u.* FROM lti_activity_users u JOIN lti_activities a ON a.id = u.activity_id
WHERE a.resource_link_id = :'placement' AND u.role = 'STUDENT' AND u.consent_given_at IS NOT NULL
ORDER BY u.id LIMIT 1;

-- Students: first seen over the last six weeks, last seen between then and now; a share consented.
INSERT INTO lti_activity_users (activity_id, user_email, lms_user_id, user_name, display_name, role,
  pseudonym, consent_given_at, consent_notice_version, last_access_at, access_count, created_at)
SELECT r.activity_id,
  replace(r.user_email, r.user_name, 'seed-student-' || i),
  'seed-student-' || i, 'seed-student-' || i, 'Bench seed-student-' || i, 'STUDENT',
  -- "Student " and five of the pseudonym alphabet (no 0/O, 1/I/L), spread as random draws are
  'Student ' || (SELECT string_agg(substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789',
                   1 + ((i::bigint * 7368787 + 97) / (31 ^ k)::bigint % 31)::int, 1), '' ORDER BY k)
                 FROM generate_series(0, 4) k),
  CASE WHEN random() < :consent_share THEN first_seen + interval '2 minutes' END,
  r.consent_notice_version,
  first_seen + (now() - first_seen) * random(), 1 + (random() * 30)::int, first_seen
FROM real_student r, generate_series(1, :students) i,
  LATERAL (SELECT now() - interval '42 days' * random() + (i * 0)::int * interval '1 s' AS first_seen) f;
UPDATE lti_activity_users SET consent_notice_version = NULL
WHERE consent_given_at IS NULL AND user_name LIKE 'seed-student-%';

-- Conversations: 1 to 9 per student (about 10,000), each with one of the activity's assistants.
CREATE TEMP TABLE seeded_conv AS
SELECT u.id AS user_id, u.activity_id, u.created_at AS first_seen,
  (SELECT array_agg(assistant_id ORDER BY assistant_id) FROM lti_activity_assistants x
   WHERE x.activity_id = u.activity_id) AS assistants,
  n
FROM lti_activity_users u, generate_series(1, 1 + (random() * 8)::int) n
WHERE u.user_name LIKE 'seed-student-%' AND u.activity_id = (SELECT activity_id FROM real_student);

INSERT INTO conversations (activity_id, activity_user_id, assistant_id, title, created_at, updated_at)
SELECT activity_id, user_id, assistants[1 + ((user_id + n) % array_length(assistants, 1))::int],
  'Question ' || n || ' about the lecture', at, at
FROM seeded_conv, LATERAL (SELECT first_seen + (now() - first_seen) * random() AS at) t;

-- Messages: the conversations' share of :messages, the person and the assistant in turn, minutes
-- apart from the conversation's start; then each conversation's updated_at is its last message.
CREATE TEMP TABLE seeded AS
SELECT c.id, c.created_at, row_number() OVER (ORDER BY c.id) - 1 AS k
FROM conversations c JOIN lti_activity_users u ON u.id = c.activity_user_id
WHERE u.user_name LIKE 'seed-student-%';
SELECT count(*) AS total FROM seeded \gset

INSERT INTO chat_messages (conversation_id, role, content, status, created_at)
SELECT s.id, CASE WHEN (j / :total) % 2 = 0 THEN 'USER' ELSE 'ASSISTANT' END,
  CASE WHEN (j / :total) % 2 = 0 THEN 'Question ' || j || ': ' || repeat('why does it work that way? ', 4)
       ELSE repeat('Think about what the lecture said about it, then try a smaller case first. ', 8) END,
  'COMPLETE', s.created_at + (j / :total) * interval '1 minute'
FROM generate_series(0, :messages - 1) j
JOIN seeded s ON s.k = (j::bigint * 7919) % :total;

UPDATE conversations c SET updated_at = m.last
FROM (SELECT conversation_id, max(created_at) AS last FROM chat_messages GROUP BY conversation_id) m
WHERE m.conversation_id = c.id AND c.id IN (SELECT id FROM seeded);

VACUUM ANALYZE;
