-- FT754 canvass_open: the household canvass is the step in progress (below its threshold)
-- and it has been open for more than settings.canvass_days days since its first contact.
-- item: the canvass step (its id; item_name: its name).
SELECT p.folder, p.project,
       p.canvass_first + s.canvass_days AS since,
       CAST(s.as_of - (p.canvass_first + s.canvass_days) AS INT) AS days,
       s.canvass_days AS limit_days,
       p.next_step AS item,
       p.next_step_name AS item_name
FROM projects p
JOIN settings s ON s.folder = p.folder
WHERE p.next_kind = 'canvass'
  AND p.canvass_first IS NOT NULL
  AND s.as_of > p.canvass_first + s.canvass_days
ORDER BY p.folder, p.project
