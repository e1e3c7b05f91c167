-- FT752 unimplemented: the resolution notice's period is over and the work is not done by
-- the planned end (schedule: end), or, where none is planned, within
-- settings.implementation_days days of the period's end.
WITH posted AS (
  SELECT folder, project, MIN(period_end) AS period_end
  FROM notices WHERE kind = 'resolution' AND period_end IS NOT NULL
  GROUP BY folder, project
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
