"""DuckDB, the embedded engine: the office's tables (built in memory from the workspaces,
or read from a dataset's Parquet files) and the queries shipped in queries/, one per flag.

The queries are written in the SQL that DuckDB and Spark SQL share (a test runs each on
both), over the tables of schema.py and one more, `settings`: per workspace folder, the
report's date (as_of) and the thresholds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fourtwo.files.reading import real
from fourtwo.findings.errors import InputError
from fourtwo.office import dataset
from fourtwo.office.schema import TABLES, THRESHOLDS
from fourtwo.office.tables import sql_type

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from fourtwo.model.workspace import ReportSettings

# The tables the shipped queries read (a report from a dataset reads no other: each is a file
# per organisation and year to open).
QUERIED = ("workspaces", "projects", "canvass", "notices", "objections")


def require() -> None:
    """The `office` extra, or one clear message saying how to get it."""
    from importlib.util import find_spec

    for name in ("duckdb", "pyarrow"):  # found, not imported: report --data never needs pyarrow
        try:
            found = find_spec(name) is not None
        except (ImportError, ValueError):  # a module set to None in sys.modules (tests), or broken
            found = False
        if not found:
            raise InputError("FT950", missing=name)


def query_text(name: str) -> str:
    """A shipped query (a flag's slug, or `status`)."""
    return resources.files("fourtwo.office").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


class Engine:
    def __init__(self) -> None:
        import duckdb

        self.con: duckdb.DuckDBPyConnection = duckdb.connect(":memory:")
        self._kept: list[pa.Table] = []  # registered tables must outlive the connection's use of them

    def load_tables(self, tables: dict[str, pa.Table]) -> None:
        for name, data in tables.items():
            self._kept.append(data)
            self.con.register(f"_{name}", data)
            self.con.execute(f"CREATE VIEW {name} AS SELECT * FROM _{name}")

    def load_dataset(self, folder: Path, names: tuple[str, ...] = tuple(TABLES)) -> None:
        """A dataset's tables, in schema.py's column order: a view over each table's whole file
        (each query reads the few columns it needs, faster than copying every table into memory
        first), or, where there are only partitions, each table read once into memory: ten
        queries over a county's 600 partitions would otherwise open every file ten times."""
        import duckdb

        dataset.check_version(folder)
        try:
            self._views(folder, names)
        except duckdb.Error as exc:  # a file that is not Parquet, or not the table's: said, never a crash
            raise InputError("FT957", path=folder, why=str(exc).splitlines()[0]) from None

    def _views(self, folder: Path, names: tuple[str, ...]) -> None:
        for name in names:
            columns = TABLES[name]
            found, partitioned = dataset.files(folder, name)
            listed = ", ".join(c.name for c in columns)
            if not found:
                typed = ", ".join(f"CAST(NULL AS {sql_type(c)}) AS {c.name}" for c in columns)
                self.con.execute(f"CREATE TABLE {name} AS SELECT {typed} WHERE false")
                continue
            paths = "[" + ", ".join(_literal(str(p)) for p in found) + "]"
            hive = "true, hive_types = {'organisation': 'VARCHAR', 'year': 'INTEGER'}" if partitioned else "false"
            made = "TABLE" if partitioned else "VIEW"
            self.con.execute(f"CREATE {made} {name} AS SELECT {listed} FROM read_parquet({paths}, hive_partitioning = {hive})")

    def settle(self, as_of: dt.date, override: ReportSettings | None) -> None:
        self.con.execute(f"CREATE TABLE settings AS {settings_sql(as_of, override)}")

    def seal(self, allowed: list[Path]) -> None:
        """No query reads or writes a file but the dataset's, installs or attaches anything,
        or changes that: an inspector's own query (--sql) runs after this."""
        folders = ", ".join(_literal(str(real(f)) + "/") for f in allowed)
        self.con.execute(f"SET allowed_directories = [{folders}]")
        self.con.execute("SET enable_external_access = false")
        self.con.execute("SET lock_configuration = true")

    def run(self, sql: str, what: str, params: dict[str, object] | None = None) -> Result:
        import duckdb

        try:
            cursor = self.con.execute(sql, params)
            return Result([d[0] for d in cursor.description or []], cursor.fetchall())
        except duckdb.Error as exc:
            raise InputError("FT952", what=what, error=str(exc).splitlines()[0]) from None


def settings_sql(as_of: dt.date, override: ReportSettings | None) -> str:
    """The `settings` table, in SQL DuckDB and Spark share: per workspace folder, its thresholds
    (or the office's, given) and the report's date."""
    chosen = ", ".join(f"CAST({int(getattr(override, t))} AS INT) AS {t}" if override else t for t in THRESHOLDS)
    return f"SELECT folder, DATE '{as_of.isoformat()}' AS as_of, {chosen} FROM workspaces"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
