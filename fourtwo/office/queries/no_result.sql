-- FT753 no_result: the work was finished and no result notice was posted within
-- settings.result_notice_days days of it.
SELECT p.folder, p.project,
       p.work_finished + s.result_notice_days AS since,
       CAST(s.as_of - (p.work_finished + s.result_notice_days) AS INT) AS days,
       s.result_notice_days AS limit_days,
       '' AS item,
       '' AS item_name
FROM projects p
JOIN settings s ON s.folder = p.folder
WHERE p.work_finished IS NOT NULL
  AND s.as_of > p.work_finished + s.result_notice_days
  AND NOT EXISTS (SELECT 1 FROM notices n
                  WHERE n.folder = p.folder AND n.project = p.project AND n.kind = 'result')
ORDER BY p.folder, p.project
