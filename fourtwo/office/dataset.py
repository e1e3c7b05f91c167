"""The office's dataset, written twice in one folder: each table partitioned by organisation
and year, in folders named as Hive and Spark name them
(projects/organisation=北苑社区/year=2024/part-0.parquet: what Spark and an object store
shared by many counties want), and beside it the same rows as one file per table
(projects.parquet: what one machine wants, as DuckDB pays about a millisecond to open each
file and a county is thousands of them); fourtwo-dataset.json names the schema's version.
The same records give the same bytes: rows in a fixed order, no time and no path of the
machine in any file.

The folder is written whole or not at all: the new tables are written in a hidden folder
inside it, then each replaces the old one; a folder that is neither empty nor a dataset is
refused, so nothing else is ever overwritten.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from fourtwo.files.limits import Unreadable, read_limited
from fourtwo.files.reading import check_regular
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, os_reason
from fourtwo.office.schema import PARTITIONS, SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    import pyarrow as pa

MARKER = "fourtwo-dataset.json"
_STAGING = ".fourtwo-new"
# As Spark escapes a partition's value in a folder name (and DuckDB and Spark unescape it).
_ESCAPE = frozenset("\"#%'*/:=?\\{[]^") | frozenset(map(chr, range(0x20))) | {"\x7f"}


def escape(value: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in _ESCAPE else c for c in value) or "__HIVE_DEFAULT_PARTITION__"


def is_dataset(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def write(folder: Path, tables: dict[str, pa.Table]) -> dict[str, int]:
    """Write the dataset into `folder`; the rows of each table."""
    from fourtwo.files.atomic import atomic_write, make_dirs
    from fourtwo.files.refused import write_refused

    if folder.exists() and not folder.is_dir():
        raise InputError("FT954", path=folder)
    if folder.is_dir() and any(p.name != _STAGING for p in folder.iterdir()) and not is_dataset(folder):
        raise InputError("FT954", path=folder)
    for name, data in tables.items():  # a partition's folder is named by its organisation: a name a folder cannot hold is said first
        if name != "workspaces" and "organisation" in data.column_names:
            for organisation in sorted(set(data.column("organisation").to_pylist())):
                size = len(f"organisation={escape(organisation)}".encode())
                if size > _MAX_NAME:
                    raise InputError("FT959", organisation=organisation[:20] + "…", size=size)
    made = not folder.exists()
    staging = folder / _STAGING
    try:
        shutil.rmtree(staging, ignore_errors=True)
        make_dirs(staging)
        wholes = [(staging / whole(name), data) for name, data in tables.items()]
        _write_parts([*wholes, *(part for name, data in tables.items() for part in _parts(staging / name, name, data))])
        for name in tables:
            (staging / name).mkdir(exist_ok=True)  # a table without rows is a folder without files
        marker = {"format": "fourtwo dataset", "schema_version": SCHEMA_VERSION, "tables": list(TABLES), "partitions": list(PARTITIONS)}
        # Said before the tables are put in place one by one: stopped among them, the folder
        # says it is part old, part new, and no report reads it until an export finishes it.
        atomic_write(folder / MARKER, json.dumps({**marker, "writing": True}, indent=2) + "\n")
        for name in TABLES:
            shutil.rmtree(folder / name, ignore_errors=True)
            (staging / name).rename(folder / name)
            (staging / whole(name)).replace(folder / whole(name))
        atomic_write(folder / MARKER, json.dumps(marker, indent=2) + "\n")
    except OSError as exc:
        raise write_refused(folder, exc) from exc
    except BaseException:
        if made:  # nothing of a dataset written: the folder the export made goes too
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {name: data.num_rows for name, data in tables.items()}


_MAX_NAME = 255  # bytes in one folder's name, on the systems an office's disks use (FT959 says it)


def whole(name: str) -> str:
    """The file holding every row of a table, beside its partitions."""
    return f"{name}.parquet"


def _parts(folder: Path, name: str, data: pa.Table) -> list[tuple[Path, pa.Table]]:
    """Each file of one table, with its rows: one per organisation and year."""
    if name == "workspaces":  # a few rows: one file
        return [(folder / "part-0.parquet", data)]
    keys: dict[tuple[str, int], list[int]] = {}
    for i, key in enumerate(zip(data.column("organisation").to_pylist(), data.column("year").to_pylist(), strict=True)):
        keys.setdefault(key, []).append(i)
    rest = data.drop_columns(list(PARTITIONS))
    return [
        (folder / f"organisation={escape(organisation)}" / f"year={year}" / "part-0.parquet", rest.take(rows))
        for (organisation, year), rows in sorted(keys.items())
    ]


def _write_parts(parts: list[tuple[Path, pa.Table]]) -> None:
    """A county is thousands of small files: written by threads side by side (pyarrow lets go
    of the GIL while it encodes and writes; each file is whole and the same whichever first)."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow.parquet as pq

    from fourtwo.parallel import cores

    for path, _rows in parts:
        path.parent.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max(1, min(cores(), 4))) as pool:
        list(pool.map(lambda part: pq.write_table(part[1], part[0], compression="zstd"), parts))


def files(folder: Path, name: str) -> tuple[list[Path], bool]:
    """The Parquet files of one table: its one whole file when the dataset has it, else its
    partitions in path order; and whether they are partitions (a dataset written before the
    whole files, or a union of several exports' partitions, has only those)."""
    one = folder / whole(name)
    found, partitioned = ([one], False) if one.is_file() else (sorted((folder / name).rglob("*.parquet")), name != "workspaces")
    for path in found:  # only regular files inside the dataset's folder are read: a FIFO would hang the query
        try:
            check_regular(path, folder)
        except OSError as exc:
            raise InputError("FT957", path=folder, why=T("{file}: {reason}", file=path.relative_to(folder), reason=os_reason(exc))) from None
    return found, partitioned


def check_version(folder: Path) -> None:
    """A folder that is not a dataset, or one of another schema version, is refused."""
    try:  # a regular file of a marker's size: never a FIFO or /dev/zero
        marker = json.loads(read_limited(folder / MARKER, 1 << 20, folder).decode("utf-8"))
    except (OSError, ValueError, Unreadable) as exc:
        raise InputError("FT951", path=folder) from exc
    if not isinstance(marker, dict) or marker.get("schema_version") != SCHEMA_VERSION:
        raise InputError("FT953", path=folder, found=marker.get("schema_version") if isinstance(marker, dict) else "?", version=SCHEMA_VERSION)
    if marker.get("writing"):
        raise InputError("FT958", path=folder)
