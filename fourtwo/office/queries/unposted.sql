-- FT751 unposted: a decision passed and the notice that makes it public was not posted
-- within settings.decision_notice_days days of it, and is still not posted.
-- since: the last day it could be posted; days: days past it on the report's date.
-- item: the step that decided (its id; item_name: its name).
SELECT p.folder, p.project,
       p.decided_on + s.decision_notice_days AS since,
       CAST(s.as_of - (p.decided_on + s.decision_notice_days) AS INT) AS days,
       s.decision_notice_days AS limit_days,
       p.decision_step AS item,
       p.decision_step_name AS item_name
FROM projects p
JOIN settings s ON s.folder = p.folder
WHERE p.decided_on IS NOT NULL
  AND p.decision_notice <> ''
  AND s.as_of > p.decided_on + s.decision_notice_days
  AND NOT EXISTS (SELECT 1 FROM notices n
                  WHERE n.folder = p.folder AND n.project = p.project AND n.kind = p.decision_notice)
ORDER BY p.folder, p.project
