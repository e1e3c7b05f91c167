"""The shipped queries on Spark SQL, for a province's dataset on a cluster (docs/data.md):

    spark-submit --master yarn fourtwo/office/spark.py s3a://bucket/fourtwo-data 2026-06-30 s3a://bucket/flags

reads the dataset `fourtwo export` wrote (on HDFS, S3 or any path Spark reads), runs each
flag's query and the status query unchanged, and writes each answer as Parquet under the
third path (flags/unposted/, ...). Only the driver needs fourtwo and pyspark: the queries
are plain SQL, so the executors run no Python. tests/test_spark.py runs the same functions
on a local session and holds every answer to DuckDB's.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from fourtwo.model.workspace import ReportSettings
from fourtwo.office.engine import query_text, settings_sql
from fourtwo.office.schema import FLAGS, TABLES
from fourtwo.office.tables import sql_type

QUERIES = (*FLAGS, "status")


def register(spark: Any, dataset: str, as_of: dt.date, override: ReportSettings | None = None) -> None:
    """Each table as a view over the dataset's files (schema given, not guessed), then `settings`."""
    for name, columns in TABLES.items():
        ddl = ", ".join(f"`{c.name}` {sql_type(c)}" for c in columns)
        path = f"{dataset.rstrip('/')}/{name}"
        try:
            frame = spark.read.schema(ddl).option("basePath", path).parquet(path)
        except Exception as exc:  # a table with no row has no file: an empty view
            if "PATH_NOT_FOUND" not in str(exc) and "does not exist" not in str(exc):
                raise
            frame = spark.createDataFrame([], ddl)
        if name != "workspaces":
            frame = frame.select(*(c.name for c in columns))  # partitions back in schema.py's place
        frame.createOrReplaceTempView(name)
    spark.sql(settings_sql(as_of, override)).createOrReplaceTempView("settings")


def answer(spark: Any, name: str) -> Any:
    """One shipped query's answer, as a Spark DataFrame."""
    return spark.sql(query_text(name))


def main(argv: list[str]) -> int:
    from pyspark.sql import SparkSession

    dataset, day, out = argv
    spark = SparkSession.builder.appName("fourtwo report").getOrCreate()
    register(spark, dataset, dt.date.fromisoformat(day))
    for name in QUERIES:
        answer(spark, name).coalesce(1).write.mode("overwrite").parquet(f"{out.rstrip('/')}/{name}")
    return 0  # spark-submit stops the session as the driver ends


if __name__ == "__main__":  # pragma: no cover - run by spark-submit; a failure raises, and spark-submit exits non-zero
    main(sys.argv[1:])
