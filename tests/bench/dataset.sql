-- The backup benchmarks' data set (tools/bench, natively and in the browser):
-- 20 profiles x 30 tasks x __DAYS__ days of checks, one transaction, into an
-- empty Streakbox database. __DAYS__ is replaced before running.
BEGIN;
WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < 20)
INSERT INTO profiles (id, name, color, created_at, updated_at)
SELECT i, 'Profile ' || i, '#3b82f6', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z' FROM p;
WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < 599)
INSERT INTO tasks (id, profile_id, title, description, sort_order, created_at, updated_at)
SELECT i + 1, i / 30 + 1, 'Task number ' || (i % 30), 'Do task ' || (i % 30) || ' every day', i % 30,
       '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z' FROM t;
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < __DAYS__ - 1)
INSERT INTO task_checks (task_id, date, checked, checked_at)
SELECT tasks.id, date('2021-01-01', '+' || d.i || ' days'), 1, date('2021-01-01', '+' || d.i || ' days') || 'T07:00:00Z'
FROM tasks, d;
INSERT INTO daily_status SELECT p.id, c.date, max(c.checked_at) FROM task_checks c JOIN tasks t ON t.id = c.task_id
JOIN profiles p ON p.id = t.profile_id GROUP BY p.id, c.date;
COMMIT;
