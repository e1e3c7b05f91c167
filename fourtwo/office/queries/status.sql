-- Not a flag: one row per project, where it stands on the report's date and when its next
-- step is due (by the same settings as the flags).
WITH heard AS (
  SELECT folder, project, SUM(heard) AS heard, SUM(in_scope) AS in_scope
  FROM canvass
  GROUP BY folder, project
), decision AS (
  SELECT n.folder, n.project, MIN(n.period_end) AS period_end
  FROM notices n
  JOIN projects d ON d.folder = n.folder AND d.project = n.project AND n.kind = d.decision_notice
  GROUP BY n.folder, n.project
)
SELECT p.folder, p.organisation, p.project, p.path, p.title, p.procedure, p.procedure_name,
       p.step_reached_name, p.step_reached_on,
       CAST(s.as_of - p.step_reached_on AS INT) AS days_since,
       p.next_step_name,
       CASE
         WHEN p.next_kind = 'notice' AND p.next_notice = p.decision_notice AND p.decided_on IS NOT NULL
           THEN p.decided_on + s.decision_notice_days
         WHEN p.next_kind = 'implementation' AND r.period_end IS NOT NULL
           THEN COALESCE(p.planned_end, r.period_end + s.implementation_days)
         WHEN p.next_kind = 'notice' AND p.next_notice = 'result' AND p.work_finished IS NOT NULL
           THEN p.work_finished + s.result_notice_days
         WHEN p.next_kind = 'canvass' AND p.canvass_first IS NOT NULL
           THEN p.canvass_first + s.canvass_days
         WHEN p.next_step <> '' AND p.last_activity IS NOT NULL
           THEN p.last_activity + s.stuck_days
       END AS next_due,
       p.has_canvass, c.heard, c.in_scope, p.canvass_rate,
       p.errors + COALESCE(w.errors, 0) AS errors, p.warnings,  -- fourtwo.yaml's own too: every project's rules come from it
       (p.next_step <> '' AND p.last_activity IS NOT NULL AND s.as_of > p.last_activity + s.stuck_days) AS stalled
FROM projects p
JOIN settings s ON s.folder = p.folder
LEFT JOIN heard c ON c.folder = p.folder AND c.project = p.project
LEFT JOIN decision r ON r.folder = p.folder AND r.project = p.project
LEFT JOIN workspaces w ON w.folder = p.folder
ORDER BY p.folder, p.project
