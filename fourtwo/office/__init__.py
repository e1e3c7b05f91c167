"""The street office's view: one row per project over many workspaces, the flags an
inspector looks for, and the same records as a Parquet dataset (docs/data.md).

rows.py turns one judged project into plain rows (a pure function, picklable values);
schema.py names every column; the rest (tables, dataset, engine, report, output) needs
the `office` extra (duckdb, pyarrow) and is imported only by `fourtwo report` and
`fourtwo export`: the clerk's commands never import this package but for rows and schema.
"""
