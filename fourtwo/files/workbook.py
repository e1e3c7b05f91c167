"""Reading an XLSX sheet as rows of text, as a person sees them in Excel or WPS."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import T

MAX_ROWS = 200_000  # ten times the largest estate fourtwo is measured on
MAX_COLUMNS = 64
MAX_UNPACKED = 256 * 1024 * 1024
MAX_WHOLE = 2 * 1024 * 1024  # read whole (merged cells filled) below this size
_ZEROS = re.compile(r"0+")  # an integer padded with zeros to that many digits, as Excel shows it


def _merged_values(sheet: object) -> dict[tuple[int, int], Any]:
    """(row, column) -> the first cell of the merged range the cell belongs to."""
    values: dict[tuple[int, int], Any] = {}
    for cells in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        value = sheet.cell(cells.min_row, cells.min_col)  # type: ignore[attr-defined]
        for row in range(cells.min_row, cells.max_row + 1):
            for col in range(cells.min_col, cells.max_col + 1):
                values[(row, col)] = value
    return values


def cell_text(value: object, number_format: str | None = None) -> str:
    """What the cell shows: 101 not 101.0, 0001 for 1 formatted 0000, a date as YYYY-MM-DD, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if whole and number_format and _ZEROS.fullmatch(number_format):  # a 户号 kept as a number, padded by its format
        number = int(value)  # type: ignore[call-overload]
        return ("-" if number < 0 else "") + str(abs(number)).zfill(len(number_format))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def xlsx_rows(data: bytes, path: Path, findings: list[Diagnostic]) -> Iterator[tuple[int, list[str]]]:
    """Rows of the first sheet, numbered as Excel numbers them; a finding if it is not a workbook."""
    from openpyxl import (
        load_workbook,  # heavy: only a command that reads a sheet pays for it
    )

    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        unpacked = 0  # openpyxl says what is wrong with it, below
    if unpacked > MAX_UNPACKED:  # a small file may unpack to gigabytes: refuse before reading
        findings.append(diag("FT009", Loc(path), size=T("{size:,} unpacked", size=unpacked), limit=f"{MAX_UNPACKED:,}", what=T("workbook")))
        return
    # A small sheet (a visit form) is read whole, so merged cells can read as they show: the
    # value of a merged range fills every cell of it. A large one is streamed.
    streamed = len(data) > MAX_WHOLE
    try:
        book = load_workbook(io.BytesIO(data), read_only=streamed, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        findings.append(diag("FT001", Loc(path), what=T("spreadsheet"), reason=T("not a readable .xlsx workbook ({error})", error=type(exc).__name__)))
        return
    try:
        sheet = book.worksheets[0]
        others = [ws.title for ws in book.worksheets[1:] if any(any(v not in (None, "") for v in row) for row in ws.iter_rows(max_row=50, values_only=True))]
        if others:  # only the first sheet is read: say so, rather than drop what the others hold
            findings.append(diag("FT308", Loc(path), sheet=sheet.title, others="、".join(others)))
        if streamed:  # the sheet's <dimension> may be stale (a tool that appended rows): read to the last row there is
            sheet.reset_dimensions()
        merged = {} if streamed else _merged_values(sheet)
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells: tuple[Any, ...] = tuple(merged.get((number, col), c) for col, c in enumerate(row, start=1)) if merged else row
            if number > MAX_ROWS:  # a small file can claim a huge sheet: stop, and say so
                findings.append(
                    diag("FT009", Loc(path, number), size=T("more than {rows:,} rows", rows=MAX_ROWS), limit=T("{rows:,} rows", rows=MAX_ROWS), what=T("sheet"))
                )
                return
            yield number, [cell_text(c.value, getattr(c, "number_format", None)) for c in cells[:MAX_COLUMNS]]
    except Exception as exc:
        findings.append(diag("FT001", Loc(path), what=T("spreadsheet"), reason=T("the sheet cannot be read ({error})", error=type(exc).__name__)))
    finally:
        book.close()
