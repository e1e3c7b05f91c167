"""XLSX sheets read as Excel shows them: every row, whatever the sheet claims; numbers as formatted."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from fourtwo.files import workbook
from fourtwo.findings import Diagnostic


def _book(rows: list[list[object]], formats: dict[str, str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for ref, fmt in (formats or {}).items():
        sheet[ref].number_format = fmt
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _stale_dimension(data: bytes) -> bytes:
    """The sheet claims A1:B3 (as a tool that appended rows without updating it leaves it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:B3"/>', content)
                assert n == 1
            new.writestr(info, content)
    return out.getvalue()


def _read(data: bytes) -> tuple[list[tuple[int, list[str]]], list[Diagnostic]]:
    findings: list[Diagnostic] = []
    return list(workbook.xlsx_rows(data, Path("r.xlsx"), findings)), findings


@pytest.mark.parametrize("streamed", [False, True])
def test_every_row_is_read_whatever_the_dimension_claims(monkeypatch: pytest.MonkeyPatch, streamed: bool) -> None:
    data = _stale_dimension(_book([["户号", "姓名"], *([f"1-1-{n}", f"住户{n}"] for n in range(1, 41))]))
    monkeypatch.setattr(workbook, "MAX_WHOLE", 0 if streamed else 10**9)
    rows, findings = _read(data)
    assert not findings
    assert [number for number, _ in rows] == list(range(1, 42))
    assert rows[-1][1] == ["1-1-40", "住户40"]


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [(1, "0000", "0001"), (1.0, "0000", "0001"), (101, "00000", "00101"), (12345, "000", "12345"), (7, "0", "7"), (7, "General", "7"), (2.5, "0000", "2.5")],
)
def test_a_zero_padded_number_reads_as_excel_shows_it(monkeypatch: pytest.MonkeyPatch, streamed: bool, value: object, fmt: str, shown: str) -> None:
    monkeypatch.setattr(workbook, "MAX_WHOLE", 0 if streamed else 10**9)
    rows, findings = _read(_book([["户号"], [value]], {"A2": fmt}))
    assert not findings
    assert rows[1][1] == [shown]
