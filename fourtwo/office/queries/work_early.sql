-- FT755 work_early (先干后议): the work began before the decision passed, or before the
-- notice that makes it public had come down (inside its period, or with none posted).
-- The work began on work_started, or, where that is not recorded, no later than the day it
-- was finished. days: how many days too early, where the notice's period is known.
-- item: the step that decided (its id; item_name: its name).
WITH posted AS (
  SELECT folder, project, kind, MIN(period_end) AS period_end
  FROM notices
  GROUP BY folder, project, kind
)
SELECT p.folder, p.project,
       COALESCE(p.work_started, p.work_finished) AS since,
       CAST((n.period_end + 1) - COALESCE(p.work_started, p.work_finished) AS INT) AS days,
       CAST(NULL AS INT) AS limit_days,
       p.decision_step AS item,
       p.decision_step_name AS item_name
FROM projects p
LEFT JOIN posted n ON n.folder = p.folder AND n.project = p.project AND n.kind = p.decision_notice
WHERE COALESCE(p.work_started, p.work_finished) IS NOT NULL
  AND (p.decided_on IS NULL
       OR COALESCE(p.work_started, p.work_finished) < p.decided_on
       OR (p.decision_notice <> '' AND (n.period_end IS NULL OR COALESCE(p.work_started, p.work_finished) <= n.period_end)))
ORDER BY p.folder, p.project
