-- FT756 below_threshold: the decision's notice was posted while the household canvass was
-- below its threshold (heard * den < num * in_scope, in integers; an empty scope never
-- reaches it). item: households heard / in scope.
WITH heard AS (
  SELECT folder, project, SUM(heard) AS heard, SUM(in_scope) AS in_scope,
         MAX(threshold_num) AS num, MAX(threshold_den) AS den
  FROM canvass
  GROUP BY folder, project
), posted AS (
  SELECT folder, project, kind, MIN(COALESCE(period_start, date)) AS posted_on
  FROM notices
  GROUP BY folder, project, kind
)
SELECT p.folder, p.project,
       n.posted_on AS since,
       CAST(NULL AS INT) AS days,
       CAST(NULL AS INT) AS limit_days,
       CAST(COALESCE(c.heard, 0) AS STRING) || '/' || CAST(COALESCE(c.in_scope, 0) AS STRING) AS item,
       '' AS item_name
FROM projects p
JOIN posted n ON n.folder = p.folder AND n.project = p.project AND n.kind = p.decision_notice
LEFT JOIN heard c ON c.folder = p.folder AND c.project = p.project
WHERE p.has_canvass
  AND (c.in_scope IS NULL OR c.in_scope = 0 OR c.heard * c.den < c.num * c.in_scope)
ORDER BY p.folder, p.project
