-- FT752 unimplemented: the period of the notice that makes the decision public (the project's
-- decision_notice: the resolution, or the progress notice in the seed's form) is over and the work is not done by
-- the planned end (schedule: end), or, where none is planned, within
-- settings.implementation_days days of the period's end.
WITH posted AS (
  SELECT n.folder, n.project, MIN(n.period_end) AS period_end
  FROM notices n
  JOIN projects d ON d.folder = n.folder AND d.project = n.project AND n.kind = d.decision_notice
  WHERE n.period_end IS NOT NULL
  GROUP BY n.folder, n.project
)
SELECT p.folder, p.project,
       COALESCE(p.planned_end, n.period_end + s.implementation_days) AS since,
       CAST(s.as_of - COALESCE(p.planned_end, n.period_end + s.implementation_days) AS INT) AS days,
       CASE WHEN p.planned_end IS NULL THEN s.implementation_days END AS limit_days,
       '' AS item,
       '' AS item_name
FROM projects p
JOIN settings s ON s.folder = p.folder
JOIN posted n ON n.folder = p.folder AND n.project = p.project
WHERE p.work_finished IS NULL
  AND n.period_end < s.as_of
  AND s.as_of > COALESCE(p.planned_end, n.period_end + s.implementation_days)
ORDER BY p.folder, p.project
