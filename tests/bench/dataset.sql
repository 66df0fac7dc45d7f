-- The backup benchmarks' data set (tools/bench, natively and in the browser):
-- 20 profiles x 30 tasks x __DAYS__ days of checks, one transaction, into an
-- empty Streakbox database. __DAYS__ is replaced before running. Per profile:
-- task 26 measurable "at least 8 glasses", task 27 "at most 3 cups" (an amount
-- every day), task 28 on Mon/Wed/Fri, task 29 three times a week; about 3% of
-- the other entries are skips and 5% of all carry a note.
BEGIN;
WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < 20)
INSERT INTO profiles (id, name, color, created_at, updated_at)
SELECT i, 'Profile ' || i, '#3b82f6', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z' FROM p;
WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < 599)
INSERT INTO tasks (id, profile_id, title, description, sort_order, created_at, updated_at, uuid)
SELECT i + 1, i / 30 + 1, 'Task number ' || (i % 30), 'Do task ' || (i % 30) || ' every day', i % 30,
       '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z', printf('%032x', i + 1) FROM t;
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < __DAYS__ - 1)
INSERT INTO task_checks (task_id, date, checked, checked_at, skipped, amount, note)
SELECT tasks.id, date('2021-01-01', '+' || d.i || ' days'),
       CASE WHEN tasks.sort_order = 26 THEN (d.i % 11) >= 8 WHEN tasks.sort_order = 27 THEN (d.i % 5) <= 3
            ELSE (tasks.id * 7 + d.i) % 33 != 0 END,
       date('2021-01-01', '+' || d.i || ' days') || 'T07:00:00Z',
       tasks.sort_order < 26 AND (tasks.id * 7 + d.i) % 33 = 0,
       CASE WHEN tasks.sort_order = 26 THEN (d.i % 11) * 1.0 WHEN tasks.sort_order = 27 THEN (d.i % 5) * 1.0 END,
       CASE WHEN (tasks.id * 13 + d.i) % 20 = 0 THEN 'A note for day ' || d.i ELSE '' END
FROM tasks, d;
UPDATE tasks SET measure_unit = 'glasses', measure_target = 8, measure_direction = 'at_least' WHERE sort_order = 26;
UPDATE tasks SET measure_unit = 'cups', measure_target = 3, measure_direction = 'at_most' WHERE sort_order = 27;
UPDATE tasks SET schedule_type = 'weekdays', schedule_weekdays = 21 WHERE sort_order = 28;
UPDATE tasks SET schedule_type = 'per_week', schedule_times = 3 WHERE sort_order = 29;
INSERT INTO daily_status SELECT p.id, c.date, max(c.checked_at) FROM task_checks c JOIN tasks t ON t.id = c.task_id
JOIN profiles p ON p.id = t.profile_id WHERE c.checked = 1 GROUP BY p.id, c.date;
COMMIT;
