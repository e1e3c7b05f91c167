"""canvass.csv as a file: its columns, its header words, and appending whole rows to it.

CSV, not YAML (DESIGN.md): appending a row costs the same in a 20,000-household
project as in a small one, and a grid worker opens the file in Excel or WPS, for
which it is written as UTF-8 with a BOM and CRLF line ends.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
from pathlib import Path

from fourtwo.files.atomic import atomic_write, atomic_write_bytes
from fourtwo.files.refused import write_refused
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, language

FIELDS = ("household", "opinion", "by", "date", "channel", "note")
BOM = "\ufeff"
# A Chinese workspace's canvass.csv is Chinese for the grid workers who open it in WPS: its
# header and its opinions and channels; both spellings are read, always.
ZH_HEADER = ("户号", "意见", "走访人", "日期", "方式", "备注")
ZH_WORDS = {
    "agree": "同意",
    "oppose": "反对",
    "abstain": "弃权",
    "absent": "未遇",
    "void": "作废",
    "in_person": "入户",
    "phone": "电话",
    "paper": "书面",
    "proxy": "代录",
}

HEADER_ALIASES = {
    "household": ("household", "户号", "户", "id"),
    "opinion": ("opinion", "意见"),
    "by": ("by", "记录人", "网格员", "走访人"),
    "date": ("date", "日期", "走访日期"),
    "channel": ("channel", "方式", "走访方式"),
    "note": ("note", "备注"),
}


def csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run: a leading = + - @ (or tab/CR) is neutralised with a quote."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def row_text(household: str, opinion: str, by: str, date: dt.date, channel: str, note: str) -> str:
    """One CSV row, ending in CRLF as Excel writes it. A line break inside a cell (Alt+Enter in
    Excel) is written as Excel does: a bare LF inside the quoted cell, never CRLF, so a reader
    tells it from the end of a row."""
    buffer = io.StringIO()
    cells = [csv_cell(_LINE_BREAKS.sub("\n", v)) for v in (household, opinion, by, date.isoformat(), channel, note)]
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")


def header_text(chinese: bool = False) -> str:
    return BOM + ",".join(ZH_HEADER if chinese else FIELDS) + "\r\n"


def _in_chinese(rows: list[str]) -> list[str]:
    """Rows made in FIELDS order with their opinion and channel in Chinese words (同意, 入户)."""
    out = []
    for row in rows:
        cells = next(csv.reader([row]))
        cells[1], cells[4] = ZH_WORDS.get(cells[1], cells[1]), ZH_WORDS.get(cells[4], cells[4])
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(cells)
        out.append(buffer.getvalue())
    return out


def unquote(cell: str) -> str:
    """Undo csv_cell's guard so a note reads as written."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


@functools.lru_cache(maxsize=256)  # 1,000 projects head their files alike
def field_for(header: str) -> str | None:
    """Which field a header names: '意见（在□内打√）' names opinion, as people head their sheets."""
    cleaned = re.sub(r"[（(【\[].*?[）)】\]]", "", header).strip().lstrip(BOM).lower()
    return next((name for name, aliases in HEADER_ALIASES.items() if cleaned in aliases), None)


def append_rows(path: Path, rows: list[str], whole: bool = False) -> None:
    """Append whole CSV lines in one write; create the file with its header if needed.
    `whole`: write the file anew beside it and rename it over the old one, so a batch of any
    size is all there or not at all, whenever the process dies."""
    if not rows:
        return
    if not path.exists():  # a new file speaks the language of the workspace it is made in
        chinese = language() == "zh"
        atomic_write(path, header_text(chinese) + "".join(_in_chinese(rows) if chinese else rows))
        return
    encoding = _encoding_of(path)
    rows = _in_file_order(path, encoding, rows)
    data = "".join(rows).encode(encoding)
    try:  # a file with another name (a hard link, perhaps outside the workspace) is written anew, never appended to
        whole = whole or os.stat(path).st_nlink > 1
    except OSError as exc:
        raise write_refused(path, exc) from exc
    if whole:
        try:
            old = path.read_bytes()
        except OSError as exc:
            raise write_refused(path, exc) from exc
        atomic_write_bytes(path, old + (b"\r\n" if old and not old.endswith(b"\n") else b"") + data)
        return
    try:
        with open(path, "rb+") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":  # a person saved it without a final line break
                    data = b"\r\n" + data
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        size = os.fstat(fd).st_size
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(28, str(T("short write: the disk may be full")))
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)  # a half-written row must not stay: back to the rows there were
            raise
        finally:
            os.close(fd)
    except OSError as exc:
        raise write_refused(path, exc) from exc


def _in_file_order(path: Path, encoding: str, rows: list[str]) -> list[str]:
    """Rows are made in FIELDS order; a file whose header a person reordered gets its own order.
    A header that cannot take a row whole (a column naming no field, a field named twice, a
    value with no column to go to) is refused, never guessed at (FT513)."""
    with open(path, encoding=encoding, newline="") as handle:
        header = next(csv.reader([handle.readline().lstrip(BOM)]), [])
    names = [field_for(h) for h in header]
    if "opinion" in names and not header[names.index("opinion")].isascii():  # a Chinese header takes Chinese words
        rows = _in_chinese(rows)
    if names == list(FIELDS):
        return rows
    unknown = [h for h, n in zip(header, names, strict=True) if n is None and h.strip()]
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if unknown or twice or not header:
        why = (
            T("column '{column}' names no field", column=unknown[0])
            if unknown
            else T("'{field}' is named twice", field=twice[0])
            if twice
            else T("it has no header")
        )
        raise InputError("FT513", Loc(path, 1, 1), why=why)
    out = []
    for row in rows:
        cells = dict(zip(FIELDS, next(csv.reader([row])), strict=True))
        lost = [
            f for f, v in cells.items() if v and f not in names and (f, v) not in (("channel", "in_person"), ("channel", ZH_WORDS["in_person"]))
        ]  # what a missing channel reads as
        if lost:
            raise InputError("FT513", Loc(path, 1, 1), why=T("it has no column for '{field}' ({value})", field=lost[0], value=cells[lost[0]]))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow([cells.get(n, "") if n else "" for n in names])
        out.append(buffer.getvalue())
    return out


def _encoding_of(path: Path) -> str:
    """Keep the file's encoding: Excel may have saved it back as GB18030."""
    with open(path, "rb") as handle:
        if handle.read(3) == BOM.encode("utf-8"):
            return "utf-8"
    try:
        path.read_bytes().decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"
