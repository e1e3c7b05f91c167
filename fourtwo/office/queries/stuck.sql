-- FT759 stuck: no step, visit, objection or answer for more than settings.stuck_days days,
-- and the step waited for has no deadline of its own (a later deliberation, a canvass not
-- begun): those that have one are flagged by their own query. item: the step waited for (its
-- id; item_name: its name).
SELECT p.folder, p.project,
       p.last_activity + s.stuck_days AS since,
       CAST(s.as_of - (p.last_activity + s.stuck_days) AS INT) AS days,
       s.stuck_days AS limit_days,
       p.next_step AS item,
       p.next_step_name AS item_name
FROM projects p
JOIN settings s ON s.folder = p.folder
WHERE p.next_step <> ''
  AND p.last_activity IS NOT NULL
  AND s.as_of > p.last_activity + s.stuck_days
  AND NOT (p.next_kind = 'notice' AND p.next_notice = p.decision_notice AND p.decided_on IS NOT NULL)
  AND NOT (p.next_kind = 'notice' AND p.next_notice = 'result' AND p.work_finished IS NOT NULL)
  AND NOT (p.next_kind = 'canvass' AND p.canvass_first IS NOT NULL)
  AND NOT (p.next_kind = 'implementation'
           AND EXISTS (SELECT 1 FROM notices n
                       WHERE n.folder = p.folder AND n.project = p.project
                         AND n.kind = p.decision_notice AND n.period_end IS NOT NULL))
ORDER BY p.folder, p.project
