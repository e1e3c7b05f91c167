-- FT757 notice_changed: a posted notice no longer matches its records (its facts changed
-- since), its archived file was edited, the file is gone, or its record lost the digests to
-- check it by (unverifiable: nothing can show it still says what was posted). item: the notice step's id,
-- item_name its name.
SELECT n.folder, n.project,
       MIN(COALESCE(n.period_start, n.date)) AS since,
       CAST(NULL AS INT) AS days,
       CAST(NULL AS INT) AS limit_days,
       n.step AS item,
       n.name AS item_name
FROM notices n
WHERE n.verdict IN ('changed', 'altered', 'missing', 'unverifiable')
GROUP BY n.folder, n.project, n.step, n.name
ORDER BY n.folder, n.project, n.step
