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


def load_register(path: Path) -> tuple[Register, list[Diagnostic]]:
    register = Register(path)
    if path.suffix.lower() != ".csv":
        return register, [diag("FT306", Loc(path), suffix=path.suffix or "(none)")]
    try:
        size = path.stat().st_size
        if size > MAX_REGISTER_BYTES:
            return register, [diag("FT009", Loc(path), size=size, limit=MAX_REGISTER_BYTES, what="household register")]
        data = path.read_bytes()
    except OSError as exc:
        return register, [diag("FT001", Loc(path), what="household register", reason=exc.strerror or str(exc))]
    try:
        text, register.encoding = decode(data)
    except UnicodeDecodeError as exc:
        return register, [diag("FT002", Loc(path), offset=exc.start, guess="")]
    return register, _read_rows(register, text)


def _read_rows(register: Register, text: str) -> list[Diagnostic]:
    path = register.path
    findings: list[Diagnostic] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [diag("FT307", Loc(path, 1), row=1, reason=str(exc))]
    if not header:
        return [diag("FT301", Loc(path))]
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        col = column_for(name)
        if col and col not in index:
            index[col] = i
            register.columns[col] = name
    if "id" not in index and not {"building", "unit", "room"} <= index.keys():
        missing = [c for c in ("building", "unit", "room") if c not in index]
        names = " or ".join(f"'{COLUMNS[c][0]}' ({c})" for c in missing)
        return [diag("FT304", Loc(path, 1), what="the household id", names=f"'户号' (household), or {names}")]

    first_row: dict[str, int] = {}
    line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            findings.append(diag("FT307", Loc(path, reader.line_num), row=reader.line_num, reason=str(exc)))
            break
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # Excel leaves blank lines at the end

        def cell(name: str) -> str:
            i = index.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        hid = cell("id") or "-".join(p for p in (cell("building"), cell("unit"), cell("room")) if p)
        if not cell("id") and not (cell("building") and cell("room")):
            findings.append(diag("FT303", Loc(path, start), row=start, columns="'户号', or '楼栋', '单元' and '房号'"))
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
    if not register.households and not findings:
        findings.append(diag("FT301", Loc(path)))
    return findings
