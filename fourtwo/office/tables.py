"""Rows → Arrow tables in the columns of schema.py (pyarrow: the `office` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fourtwo.office.schema import TABLES, Column

if TYPE_CHECKING:
    import pyarrow as pa

    from fourtwo.office.gather import Gathered

DECIMAL = (16, 2)  # yuan: up to 99,999,999,999,999.99


def arrow_type(column: Column) -> pa.DataType:
    import pyarrow as pa

    return {
        "string": pa.string(),
        "int32": pa.int32(),
        "date": pa.date32(),
        "bool": pa.bool_(),
        "decimal": pa.decimal128(*DECIMAL),
    }[column.type]


def sql_type(column: Column) -> str:
    """The type as DuckDB and Spark SQL both write it."""
    return {"string": "STRING", "int32": "INT", "date": "DATE", "bool": "BOOLEAN", "decimal": "DECIMAL({},{})".format(*DECIMAL)}[column.type]


def schema(name: str, columns: list[Column] | None = None) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c)) for c in columns or TABLES[name]])


def table(name: str, rows: list[tuple[object, ...]]) -> pa.Table:
    import pyarrow as pa

    columns = TABLES[name]
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pa.Table.from_arrays([pa.array(list(v), type=arrow_type(c)) for c, v in zip(columns, values, strict=True)], schema=schema(name))


def tables(gathered: Gathered) -> dict[str, pa.Table]:
    rows = gathered.rows
    return {
        "workspaces": table("workspaces", gathered.workspaces),
        **{name: table(name, getattr(rows, name)) for name in TABLES if name != "workspaces"},
    }
