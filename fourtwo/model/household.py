"""Household registers as a community office keeps them: one row per household.

Excel and WPS save CSV as UTF-8, UTF-8 with a BOM, or (on Chinese Windows) GB18030;
the register is read in whichever it is, without the user saying. Strict UTF-8
decoding fails on almost any GB18030 text with Chinese in it, so trying UTF-8 first
and GB18030 second tells the two apart without a detection library.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple

from fourtwo.files.csvtext import csv_reason, plain_rows, unpadded, whole_at
from fourtwo.files.encodings import decode
from fourtwo.files.limits import MAX_REGISTER_BYTES
from fourtwo.files.reading import check_regular, read_bytes, unreadable
from fourtwo.files.values import CONTROL_IN_CELL, control_in, household_id, invisible_in, normal_id
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import T, Term

# Column names people use, Chinese and English, per field: as clerks head registers in Excel and WPS.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("户号", "编号", "户编号", "房屋编号", "住户编号", "household", "id"),
    "building": ("楼栋", "楼号", "栋", "楼", "栋号", "楼栋号", "幢", "幢号", "楼宇", "楼座", "楼栋名称", "楼栋编号", "building", "block"),
    "unit": ("单元", "单元号", "单元编号", "单元名称", "unit"),
    "room": ("房号", "门牌号", "室", "室号", "房间号", "房间", "户室号", "房间编号", "门牌", "room"),
    "head": ("户主", "户主姓名", "户主名", "姓名", "住户姓名", "户主名称", "head", "name"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式", "户主电话", "联系人电话", "phone", "mobile"),
    "area": ("建筑面积", "面积", "房屋面积", "住房面积", "area"),
    "status": ("状态", "居住状态", "入住状态", "房屋状态", "status"),
}
_ALIASES = {alias.lower(): name for name, aliases in COLUMNS.items() for alias in aliases}
_BRACKETS = re.compile(r"[（(【\[].*?[）)】\]]")
# A header that names no field but reads like a part of a household's id (3号楼, 单元编号, 门牌):
# dropping it would merge households (3-501 for every unit), so it is reported, never passed over.
_ID_PART = re.compile(r"楼|栋|幢|单元|门牌|房|室|building|block|unit|room", re.IGNORECASE)
_NOT_ID_PART = re.compile(r"层|面积|人数|日期|电话|姓名|状态|floor|area", re.IGNORECASE)  # 楼层, 房屋面积: about a household, not its id
_ID_PARTS = ("building", "unit", "room")


class Household(NamedTuple):
    """One row of the register (a tuple: a 20,000-row register builds quickly)."""

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
    problem: str = ""  # why no household could be read, when none could
    digest: str = ""  # sha256 of its bytes as read: a canvass's frozen scope keeps it

    @functools.cached_property
    def by_id(self) -> dict[str, Household]:
        """Each household by its id, built once though a hundred projects use the register (read after loading)."""
        return dict(zip(map(_ID, self.households), self.households, strict=True))

    @functools.cached_property
    def ids(self) -> frozenset[str]:
        """Every household's id, built once though a hundred projects use the register (read after loading)."""
        return frozenset(map(_ID, self.households))


def column_for(header: str) -> str | None:
    """Which field a header names: '建筑面积（㎡）', ' Area ' and '单 元 号' name 'area', 'area' and 'unit'."""
    cleaned = "".join(_BRACKETS.sub("", unicodedata.normalize("NFKC", header)).split()).lower()
    return _ALIASES.get(cleaned)


def header_findings(path: Path, line: int, cells: list[str], index: dict[str, int]) -> list[Diagnostic]:
    """A header column that is not read though it reads like part of an id (an error when ids are
    formed from the parts: they may be wrong), or names a field another column gives already."""
    findings = []
    formed = "id" not in index
    for i, cell in enumerate(cells):
        name = column_for(cell)
        if name is not None and index.get(name) != i:
            findings.append(diag("FT231", Loc(path, line, i + 1), column=cell.strip(), field=Term(name, COLUMNS[name][0]), first=index[name] + 1))
        elif name is None and cell.strip() and _ID_PART.search(cell) and not _NOT_ID_PART.search(cell):
            code = "FT230" if formed else "FT232"
            findings.append(
                diag(
                    code,
                    Loc(path, line, i + 1),
                    column=cell.strip(),
                    used=Term(", ".join(p for p in _ID_PARTS if p in index), "、".join(COLUMNS[p][0] for p in _ID_PARTS if p in index)),
                )
            )
    return findings


Row = tuple[int, list[str]]  # (line or spreadsheet row number, cells as text)


def load_register(path: Path) -> tuple[Register, list[Diagnostic]]:
    """The register and its findings; when no household could be read, the first finding's
    message is kept on the register, so a command refusing for it can say why."""
    register, findings = _load_register(path)
    if not register.households and findings:
        register.problem = findings[0].message
    return register, findings


def _load_register(path: Path) -> tuple[Register, list[Diagnostic]]:
    register = Register(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        return register, [diag("FT306", Loc(path), suffix=path.suffix or "(none)")]
    try:
        check_regular(path)  # a FIFO is never opened, whatever its size says
        size = path.stat().st_size
        if size > MAX_REGISTER_BYTES:
            return register, [diag("FT009", Loc(path), size=size, limit=MAX_REGISTER_BYTES, what=T("household register"))]
        data = read_bytes(path)
    except OSError as exc:
        return register, [unreadable(path, T("household register"), exc)]
    register.digest = "sha256:" + hashlib.sha256(data).hexdigest()
    findings: list[Diagnostic] = []
    if suffix == ".xlsx":
        from fourtwo.files.workbook import xlsx_rows

        rows, register.encoding = xlsx_rows(data, path, findings), "xlsx"
    else:
        try:
            text, register.encoding = decode(data)
        except UnicodeDecodeError as exc:
            return register, [diag("FT002", Loc(path), offset=exc.start, guess=getattr(exc, "guess", ""))]
        households = by_columns(register, text)
        if households:
            register.households = households
            return register, []
        rows = _csv_rows(text, path, findings)
    return register, _read_households(register, rows, findings)


_ID = attrgetter("id")
_FIELDS = ("id", "building", "unit", "room", "head", "phone", "area", "status")
_HOUSEHOLD = functools.partial(tuple.__new__, Household)  # a Household from an iterable, in C


def by_columns(register: Register, text: str) -> list[Household] | None:
    """The households of a register read a column at a time; None (for the row-by-row reader,
    which says what is wrong) unless every row is plain: one line each, its id whole and
    unique, no cell padded with spaces, every area a number."""
    rows = plain_rows(text)
    if rows is None:
        return None
    header, index = find_header(iter(enumerate(rows, 1)))
    if header is None or ("id" not in index and not {"building", "room"} <= index.keys()) or header_findings(register.path, 0, header[1], index):
        return None  # the row-by-row reader says what is wrong
    body = rows[header[0] :]
    while body and not any(body[-1]):
        body.pop()  # Excel leaves blank lines at the end
    if not body or set(map(len, body)) != {len(header[1])}:
        return None
    columns, blank = list(zip(*body, strict=False)), ("",) * len(body)
    hid, building, unit, room, head, phone, area, status = (columns[index[f]] if f in index else blank for f in _FIELDS)
    if not all(map(unpadded, (hid, building, unit, room, head, phone, area, status))):
        return None
    if control_in("".join(set().union(hid, building, unit, room, head, phone, area, status)), CONTROL_IN_CELL):
        return None  # a control character: said row by row
    if "id" in index:
        ids = hid
    elif "" in set(building) | set(room) or ("" in set(unit) and unit is not blank):
        return None  # some rows lack part of an id, or have no unit where others do
    else:
        ids = tuple(map("-".join, zip(building, unit, room, strict=True) if unit is not blank else zip(building, room, strict=True)))
    if "" in ids or len(set(ids)) != len(ids) or not "".join(ids).isascii():
        return None  # an id with other characters is normalised, or reported, row by row
    areas = {text: _area(text) for text in set(area)}
    if any(value is None and text for text, value in areas.items()):
        return None
    register.columns = {col: header[1][i].strip() for col, i in index.items()}
    start = header[0] + 1
    return list(
        map(_HOUSEHOLD, zip(ids, building, unit, room, head, phone, map(areas.__getitem__, area), status, range(start, start + len(body)), strict=False))
    )


def _area(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")) if text else None
    except InvalidOperation:
        return None


def _csv_rows(text: str, path: Path, findings: list[Diagnostic]) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            findings.append(diag("FT307", Loc(path, reader.line_num), row=reader.line_num, reason=csv_reason(exc)))
            return
        start, line = line + 1, reader.line_num  # a quoted cell may span lines: report where the row starts
        yield start, row  # cells are stripped where they are read


def find_header(rows: Iterator[Row], look: int = 10) -> tuple[Row | None, dict[str, int]]:
    """The first row naming known columns: a sheet may open with a title row or two."""
    for n, (line, cells) in enumerate(rows):
        index: dict[str, int] = {}
        for i, name in enumerate(cells):
            col = column_for(name.strip())
            if col and col not in index:
                index[col] = i
        if index:
            return (line, cells), index
        if n + 1 >= look:
            break
    return None, {}


Entry = tuple[int, str, str, str, str, str, str, str, str]  # row, id, building, unit, room, head, phone, area, status


def _entries(register: Register, rows: Iterator[Row], findings: list[Diagnostic]) -> Iterator[Entry]:
    """Each household row with its id formed, once; the problems of the others as findings."""
    path = register.path
    header, index = find_header(rows)
    if header is None:
        if not findings:
            findings.append(diag("FT304", Loc(path, 1), what=T("the household id"), names=T("'户号' (household), or '楼栋', '单元', '房号'")))
        return
    register.columns = {col: header[1][i].strip() for col, i in index.items()}
    findings += header_findings(path, header[0], header[1], index)
    if "id" not in index and not {"building", "room"} <= index.keys():
        missing = [c for c in ("building", "room") if c not in index]
        names = Term(" and ".join(f"'{COLUMNS[c][0]}' ({c})" for c in missing), "和".join(f"“{COLUMNS[c][0]}”" for c in missing))
        findings.append(diag("FT304", Loc(path, header[0]), what=T("the household id"), names=T("'户号' (household), or {names}", names=names)))
        return
    first_row: dict[str, int] = {}
    fields = ("id", "building", "unit", "room", "head", "phone", "area", "status")
    # One position per field (an absent column reads the '' appended at the end): this
    # loop runs once per household, so it stays free of per-cell calls.
    positions = [index.get(f, -1) for f in fields]
    get, width = itemgetter(*positions), max(positions) + 1
    for start, row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        row.append("")
        hid, building, unit, room, head, phone, area_text, status = map(str.strip, get(row))
        if not any(row):
            continue  # Excel leaves blank lines at the end
        char = control_in("".join((hid, building, unit, room, head, phone, area_text, status)), CONTROL_IN_CELL)
        if char:  # printed, it would move the cursor or retitle the window: never read as a name or a phone
            findings.append(diag("FT310", Loc(path, start), row=start, char=char))
            continue
        hid, building, unit, room = map(normal_id, (hid, building, unit, room))
        if not hid:
            if not (building and room):
                findings.append(diag("FT303", Loc(path, start), row=start, columns=T("'户号', or '楼栋' and '房号' (and '单元' where there are units)")))
                continue
            hid = f"{building}-{unit}-{room}" if unit else f"{building}-{room}"
        hid = household_id(hid)
        if invisible_in(hid):
            findings.append(diag("FT309", Loc(path, start), row=start, id=hid, where=invisible_in(hid)))
            continue
        if hid in first_row:
            findings.append(diag("FT302", Loc(path, start), id=hid, first=first_row[hid]))
            continue
        first_row[hid] = start
        yield start, hid, building, unit, room, head, phone, area_text, status


def _read_households(register: Register, rows: Iterator[Row], findings: list[Diagnostic]) -> list[Diagnostic]:
    path = register.path
    for start, hid, building, unit, room, head, phone, area_text, status in _entries(register, rows, findings):
        area: Decimal | None = None
        if area_text:
            try:
                area = Decimal(area_text.replace(",", ""))
            except InvalidOperation:
                findings.append(diag("FT305", Loc(path, start), row=start, column=register.columns["area"], value=area_text))
        register.households.append(Household(hid, building, unit, room, head, phone, area, status, start))
    if not register.households and not findings:  # rows that are all bad have their own findings
        findings.append(diag("FT301", Loc(path)))
    return findings


def scan(path: Path) -> tuple[Register, list[Entry], list[Diagnostic]]:
    """The register's rows with their ids, without building households: what recording
    one visit needs, at a fraction of the cost of load_register on a large estate."""
    register = Register(path)
    findings: list[Diagnostic] = []
    try:
        data = read_bytes(path)
    except OSError as exc:
        return register, [], [unreadable(path, T("household register"), exc)]
    if path.suffix.lower() == ".xlsx":
        from fourtwo.files.workbook import xlsx_rows

        rows: Iterator[Row] = xlsx_rows(data, path, findings)
    else:
        try:
            text, register.encoding = decode(data)
        except UnicodeDecodeError as exc:
            return register, [], [diag("FT002", Loc(path), offset=exc.start, guess=getattr(exc, "guess", ""))]
        rows = _csv_rows(text, path, findings)
    return register, list(_entries(register, rows, findings)), findings


def lookup(path: Path, household: str) -> tuple[str, str] | None:
    """(building, status) of one household, found without reading every row into memory.

    Only lines that contain the id's last part are parsed, so a 20,000-household
    register costs about as much as a small one. None when not found (or when the
    file is one this shortcut cannot read: an XLSX, a quoted line break); the caller
    then scans the whole register and can say why.
    """
    if path.suffix.lower() != ".csv":
        return None
    try:
        text, _ = decode(read_bytes(path))
    except (OSError, UnicodeDecodeError):
        return None
    end = 0
    for _ in range(10):  # the header is within the first ten lines, as find_header looks
        end = text.find("\n", end) + 1 or len(text)
    head = text[:end]
    register = Register(path)
    header, _ = find_header(_csv_rows(head, path, []))
    if header is None or ('"' in text and "\n" in "".join(c for c in text.split('"')[1::2])):
        return None  # a quoted cell spans lines: leave it to the full scan
    # Its room, then each other part, on one line, however the row spells the rest (3号楼-2单元-501):
    # not inside a longer number (a phone number, room 1301 or building 13), so a 20,000-household
    # register parses the lines of one building, not those of every room 301. A line this
    # passes over is read by the caller's full scan.
    *others, room = household.split("-")
    start = 0
    while (at := whole_at(text, room, start, len(text))) >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end + 1
        start = line_end
        if any(whole_at(text, part, line_start, line_end) < 0 for part in others):
            continue
        entries = list(_entries(register, iter([(0, header[1]), *_csv_rows(text[line_start:line_end], path, [])]), []))
        for entry in entries:
            if entry[1] == household:
                return entry[2], entry[8]
    return None
