"""Province scale: the shipped queries run unchanged on Spark SQL over the same Parquet
dataset, and give DuckDB's answers row for row. One local Spark session for all of them
(it takes some seconds to start); Java and pyspark must be there: CI fails without them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import cli
from street import AS_OF, write_street

from fourtwo.office import spark as on_spark
from fourtwo.office.engine import Engine, query_text
from fourtwo.office.schema import FLAGS

pytestmark = pytest.mark.xdist_group("spark")  # one session, on one worker


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_street(tmp_path_factory.mktemp("street"))
    out = root / "data"
    old = Path.cwd()
    os.chdir(root)
    try:
        result = cli("export", ".", "--out", str(out))
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    assert shutil.which("java"), "Spark needs Java 17+ (Debian: default-jre-headless); .ci/run installs it"
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("fourtwo-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _plain(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in r) for r in rows]


def test_every_shipped_query_answers_the_same_on_spark_and_duckdb(exported: Path, spark: Any, tmp_path: Path) -> None:
    """Spark reads the partitions; DuckDB the whole file of each table (as report --data does)
    and, apart, the partitions alone: the three give the same answers."""
    partitions = tmp_path / "partitions"
    shutil.copytree(exported, partitions, ignore=lambda folder, names: [n for n in names if Path(folder) == exported and n.endswith(".parquet")])
    assert (exported / "projects.parquet").is_file() and not (partitions / "projects.parquet").exists()
    engines = {"whole files": Engine(), "partitions": Engine()}
    for engine, folder in zip(engines.values(), (exported, partitions), strict=True):
        engine.load_dataset(folder)
        engine.settle(AS_OF, None)
    on_spark.register(spark, str(exported), AS_OF)
    flagged = 0
    for name in on_spark.QUERIES:
        theirs = on_spark.answer(spark, name)
        rows = _plain([tuple(r) for r in theirs.collect()])
        for read, engine in engines.items():
            ours = engine.run(query_text(name), name)
            assert [f.name for f in theirs.schema.fields] == ours.columns, (name, read)
            assert rows == _plain(ours.rows), (name, read)  # row for row, in the queries' own order
        flagged += len(rows) if name in FLAGS else 0
    assert flagged == 8  # the street raises a flag on 8 of its projects: the answers compared are not empty
    tables = {name: spark.sql(f"SELECT * FROM {name}").count() for name in ("projects", "steps", "canvass", "notices", "objections", "findings")}
    for engine in engines.values():
        assert tables == {name: engine.run(f"SELECT COUNT(*) FROM {name}", name).rows[0][0] for name in tables}


def test_the_spark_submit_entry_writes_each_answer(exported: Path, spark: Any, tmp_path: Path) -> None:
    """What the spark-submit line in docs/data.md runs, on the local session already started."""
    assert on_spark.main([str(exported), AS_OF.isoformat(), str(tmp_path / "flags")]) == 0
    written = spark.read.parquet(str(tmp_path / "flags" / "unposted")).collect()
    assert [(r.project, r.days) for r in written] == [("unposted", 185)]
