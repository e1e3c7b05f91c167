-- FT758 unanswered: an objection has had no answer for more than
-- settings.objection_days days. item: the objection's number.
SELECT o.folder, o.project,
       o.raised + s.objection_days AS since,
       CAST(s.as_of - (o.raised + s.objection_days) AS INT) AS days,
       s.objection_days AS limit_days,
       CAST(o.number AS STRING) AS item,
       '' AS item_name
FROM objections o
JOIN settings s ON s.folder = o.folder
WHERE o.answered IS NULL
  AND o.raised IS NOT NULL
  AND s.as_of > o.raised + s.objection_days
ORDER BY o.folder, o.project, o.number
