-- FT755 work_early (先干后议): the work began before the decision passed, or before the
-- notice that makes it public had come down (inside its period, or with none posted).
-- The work began on work_started, or, where that is not recorded, no later than the day it
-- was finished. days: how many days too early, where the notice's period is known.
-- item: the step that decided (its id; item_name: its name).
WITH started AS (
  SELECT folder, project, decision_notice, COALESCE(work_started, work_finished) AS since
  FROM projects
),
-- The notice's period that counts is that of its latest posting on or before the day work
-- began, or else of its first: a notice posted again after the work began (to state a
-- corrected fact) does not move the day work could start (deliberation.timeline.decision).
posted AS (
  SELECT n.folder, n.project,
         COALESCE(max_by(n.period_end, n.record) FILTER (WHERE n.date <= w.since),
                  min_by(n.period_end, n.record)) AS period_end
  FROM notices n
  JOIN started w ON w.folder = n.folder AND w.project = n.project AND n.kind = w.decision_notice
  GROUP BY n.folder, n.project
)
SELECT p.folder, p.project,
       COALESCE(p.work_started, p.work_finished) AS since,
       CAST((n.period_end + 1) - COALESCE(p.work_started, p.work_finished) AS INT) AS days,
       CAST(NULL AS INT) AS limit_days,
       p.decision_step AS item,
       p.decision_step_name AS item_name
FROM projects p
LEFT JOIN posted n ON n.folder = p.folder AND n.project = p.project
WHERE COALESCE(p.work_started, p.work_finished) IS NOT NULL
  AND (p.decided_on IS NULL
       OR COALESCE(p.work_started, p.work_finished) < p.decided_on
       OR (p.decision_notice <> '' AND (n.period_end IS NULL OR COALESCE(p.work_started, p.work_finished) <= n.period_end)))
ORDER BY p.folder, p.project
