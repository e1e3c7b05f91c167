"""Household registers as a community office keeps them: one row per household.

Excel and WPS save CSV as UTF-8, UTF-8 with a BOM, or (on Chinese Windows) GB18030;
the register is read in whichever it is, without the user saying. Strict UTF-8
decoding fails on almost any GB18030 text with Chinese in it, so trying UTF-8 first
and GB18030 second tells the two apart without a detection library.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator

from fourtwo.diagnostics import Diagnostic, Loc, diag

MAX_REGISTER_BYTES = 50 * 1024 * 1024

# Column names people use, Chinese and English, per field.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("户号", "编号", "household", "id"),
    "building": ("楼栋", "楼号", "栋", "楼", "building"),
    "unit": ("单元", "unit"),
    "room": ("房号", "门牌号", "室", "room"),
    "head": ("户主", "户主姓名", "姓名", "head", "name"),
    "phone": ("联系电话", "电话", "手机", "手机号", "phone"),
    "area": ("建筑面积", "面积", "area"),
    "status": ("状态", "status"),
}
_ALIASES = {alias.lower(): name for name, aliases in COLUMNS.items() for alias in aliases}
_BRACKETS = re.compile(r"[（(【\[].*?[）)】\]]")


@dataclass(frozen=True)
class Household:
    id: str
    building: str
    unit: str
    room: str
    head: str
    phone: str
    area: Decimal | None
    status: str
    row: int


@dataclass
class Register:
    path: Path
    encoding: str = ""
    households: list[Household] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    def by_id(self) -> dict[str, Household]:
        return {h.id: h for h in self.households}


def column_for(header: str) -> str | None:
    """Which field a header names: '建筑面积（㎡）' and ' Area ' both name 'area'."""
    cleaned = _BRACKETS.sub("", header).strip().lower()
    return _ALIASES.get(cleaned)


def decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


Row = tuple[int, list[str]]  # (line or spreadsheet row number, cells as text)


def load_register(path: Path) -> tuple[Register, list[Diagnostic]]:
    register = Register(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        return register, [diag("FT306", Loc(path), suffix=path.suffix or "(none)")]
    try:
        size = path.stat().st_size
        if size > MAX_REGISTER_BYTES:
            return register, [diag("FT009", Loc(path), size=size, limit=MAX_REGISTER_BYTES, what="household register")]
        data = path.read_bytes()
    except OSError as exc:
        return register, [diag("FT001", Loc(path), what="household register", reason=exc.strerror or str(exc))]
    findings: list[Diagnostic] = []
    if suffix == ".xlsx":
        from fourtwo.model.workbook import xlsx_rows

        rows, register.encoding = xlsx_rows(data, path, findings), "xlsx"
    else:
        try:
            text, register.encoding = decode(data)
        except UnicodeDecodeError as exc:
            return register, [diag("FT002", Loc(path), offset=exc.start, guess="")]
        rows = _csv_rows(text, path, findings)
    return register, _read_households(register, rows, findings)


def _csv_rows(text: str, path: Path, findings: list[Diagnostic]) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            findings.append(diag("FT307", Loc(path, reader.line_num), row=reader.line_num, reason=str(exc)))
            return
        start, line = line + 1, reader.line_num  # a quoted cell may span lines: report where the row starts
        yield start, [cell.strip() for cell in row]


def find_header(rows: Iterator[Row], look: int = 10) -> tuple[Row | None, dict[str, int]]:
    """The first row naming known columns: a sheet may open with a title row or two."""
    for n, (line, cells) in enumerate(rows):
        index: dict[str, int] = {}
        for i, name in enumerate(cells):
            col = column_for(name)
            if col and col not in index:
                index[col] = i
        if index:
            return (line, cells), index
        if n + 1 >= look:
            break
    return None, {}


def _read_households(register: Register, rows: Iterator[Row], findings: list[Diagnostic]) -> list[Diagnostic]:
    path = register.path
    header, index = find_header(rows)
    if header is None:
        if not findings:
            findings.append(diag("FT304", Loc(path, 1), what="the household id", names="'户号' (household), or '楼栋', '单元', '房号'"))
        return findings
    register.columns = {col: header[1][i] for col, i in index.items()}
    if "id" not in index and not {"building", "room"} <= index.keys():
        missing = [c for c in ("building", "room") if c not in index]
        names = " and ".join(f"'{COLUMNS[c][0]}' ({c})" for c in missing)
        findings.append(diag("FT304", Loc(path, header[0]), what="the household id", names=f"'户号' (household), or {names}"))
        return findings

    first_row: dict[str, int] = {}
    for start, row in rows:
        if not any(row):
            continue  # Excel leaves blank lines at the end

        def cell(name: str) -> str:
            i = index.get(name)
            return row[i] if i is not None and i < len(row) else ""

        hid = cell("id") or "-".join(p for p in (cell("building"), cell("unit"), cell("room")) if p)
        if not cell("id") and not (cell("building") and cell("room")):
            findings.append(diag("FT303", Loc(path, start), row=start, columns="'户号', or '楼栋' and '房号' (and '单元' where there are units)"))
            continue
        if hid in first_row:
            findings.append(diag("FT302", Loc(path, start), id=hid, first=first_row[hid]))
            continue
        first_row[hid] = start
        area: Decimal | None = None
        if cell("area"):
            try:
                area = Decimal(cell("area").replace(",", ""))
            except InvalidOperation:
                findings.append(diag("FT305", Loc(path, start), row=start, column=register.columns["area"], value=cell("area")))
        register.households.append(
            Household(hid, cell("building"), cell("unit"), cell("room"), cell("head"), cell("phone"), area, cell("status"), start)
        )
    if not register.households and not any(f.code in ("FT302", "FT303", "FT307") for f in findings):
        findings.append(diag("FT301", Loc(path)))
    return findings
