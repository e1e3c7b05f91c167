"""Household visits: canvass.csv beside project.yaml, one row per visit, appended.

CSV, not YAML (DESIGN.md): appending a row costs the same in a 20,000-household
project as in a small one, and a grid worker opens the file in Excel or WPS, for
which it is written as UTF-8 with a BOM.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, overload

from fourtwo.files.canvasscsv import BOM, FIELDS, field_for, unquote
from fourtwo.files.csvtext import plain_rows, unpadded
from fourtwo.files.encodings import decode
from fourtwo.files.reading import read_bytes, unreadable
from fourtwo.files.values import date_problem, invisible_in, normal_id, parse_date
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import T, fold

# A contact is an opinion heard; `absent` (nobody home) is an attempt and never counts as visited.
CONTACTS = ("agree", "oppose", "abstain")
# `void` is no opinion: a row that cancels the household's visits of its date recorded above it
# (`fourtwo canvass void`), its reason in the note; the rows stay as history (docs/canvass.md).
VOID = "void"
OPINIONS = (*CONTACTS, "absent", VOID)
OPINION_ALIASES = {
    "同意": "agree",
    "赞成": "agree",
    "反对": "oppose",
    "不同意": "oppose",
    "弃权": "abstain",
    "未遇": "absent",
    "不在家": "absent",
    "作废": VOID,
}
CHANNELS = ("in_person", "phone", "paper", "proxy")
CHANNEL_ALIASES = {"入户": "in_person", "当面": "in_person", "电话": "phone", "书面": "paper", "纸质": "paper", "代录": "proxy", "代填": "proxy"}
OPINION_NAMES = {"agree": "同意", "oppose": "反对", "abstain": "弃权", "absent": "未遇", VOID: "作废"}
CHANNEL_NAMES = {"in_person": "入户", "phone": "电话", "paper": "书面", "proxy": "代录"}


class Visit(NamedTuple):
    """One row of canvass.csv (a tuple: 20,000 of them build quickly)."""

    household: str
    opinion: str
    by: str
    date: dt.date
    channel: str
    note: str
    row: int  # line in canvass.csv (the header is line 1)

    @property
    def contact(self) -> bool:
        return self.opinion in CONTACTS

    def key(self) -> tuple[str, str, str, str, str, str]:
        """What makes two rows the same visit, for idempotent imports."""
        return (self.household, self.opinion, self.by, self.date.isoformat(), self.channel, self.note)


def opinion_of(text: str) -> str | None:
    text = fold(text)
    return _OPINION_OF.get(text) or _OPINION_OF.get(text.lower())


def channel_of(text: str) -> str | None:
    text = fold(text)
    return _CHANNEL_OF.get(text) or _CHANNEL_OF.get(text.lower())


Cells = tuple[str, str, str, str, str, str]  # household, opinion, by, date, channel, note


def parse_rows(rows: Iterable[tuple[int, Cells]], path: Path, default_channel: str = "") -> Iterator[Visit | Diagnostic]:
    """Visits from rows of cells in FIELDS order; a finding (with its row) for each row that is not one."""
    dates: dict[str, dt.date | None] = {}  # a canvass has few distinct days: parse each once
    opinions, channels = _OPINION_OF, _CHANNEL_OF
    for line, (household, opinion_text, by, date_text, channel_text, note) in rows:
        household = normal_id(household)
        if invisible_in(household):
            what = f"household id '{household}' holds an invisible character ({invisible_in(household)})"
            yield diag("FT501", Loc(path, line), row=line, what=what, hint="retype the id: what cannot be seen makes it another household")
            continue
        opinion = opinions.get(opinion_text) or opinions.get(opinion_text.lower())
        date = dates[date_text] if date_text in dates else dates.setdefault(date_text, parse_date(date_text))
        channel = channels.get(channel_text or default_channel or "in_person") or channels.get(channel_text.lower())
        if household and opinion and date and channel:
            yield Visit(household, opinion, by, date, channel, note, line)
        elif not household:
            yield diag("FT501", Loc(path, line), row=line, what=T("no household id"), hint=T("fill 户号 (household)"))
        elif opinion is None:
            yield diag(
                "FT501",
                Loc(path, line),
                row=line,
                what=T("opinion '{opinion_text}' is not one of 同意/反对/弃权/未遇", opinion_text=opinion_text),
                hint=T("write agree, oppose, abstain or absent (同意, 反对, 弃权, 未遇)"),
            )
        elif date is None:
            yield diag("FT501", Loc(path, line), row=line, what=T("date '{date_text}' is not a real date", date_text=date_text), hint=date_problem(date_text))
        else:
            yield diag(
                "FT501",
                Loc(path, line),
                row=line,
                what=T("channel '{channel_text}' is not one of 入户/电话/书面/代录", channel_text=channel_text),
                hint=T("write in_person, phone, paper or proxy"),
            )


_OPINION_OF = {**{o: o for o in OPINIONS}, **OPINION_ALIASES}
_CHANNEL_OF = {**{c: c for c in CHANNELS}, **CHANNEL_ALIASES}


class Visits(Sequence[Visit]):
    """The rows of canvass.csv as columns, in file order.

    A check over 1,000 projects counts, filters and compares whole columns (sets, maps,
    Counters run in C) and makes a Visit only for a row it names; iterating still gives
    Visits, one row at a time.
    """

    __slots__ = ("_days", "by", "channel", "date", "household", "note", "opinion", "row")

    def __init__(
        self,
        household: Sequence[str] = (),
        opinion: Sequence[str] = (),
        by: Sequence[str] = (),
        date: Sequence[dt.date] = (),
        channel: Sequence[str] = (),
        note: Sequence[str] = (),
        row: Sequence[int] = (),
    ) -> None:
        self.household, self.opinion, self.by, self.date = household, opinion, by, date
        self.channel, self.note, self.row = channel, note, row
        self._days: frozenset[dt.date] | None = None

    @property
    def days(self) -> frozenset[dt.date]:
        """The distinct days visited (a canvass has few): checks of dates look at these, not at every row."""
        if self._days is None:
            self._days = frozenset(self.date)
        return self._days

    @classmethod
    def of(cls, visits: Iterable[Visit]) -> Visits:
        if isinstance(visits, Visits):
            return visits
        columns = tuple(zip(*visits, strict=False))
        return cls(*columns) if columns else cls()

    def columns(self) -> tuple[Sequence[Any], ...]:
        return (self.household, self.opinion, self.by, self.date, self.channel, self.note, self.row)

    def __len__(self) -> int:
        return len(self.household)

    @overload
    def __getitem__(self, index: int) -> Visit: ...
    @overload
    def __getitem__(self, index: slice) -> Visits: ...
    def __getitem__(self, index: int | slice) -> Visit | Visits:
        if isinstance(index, slice):
            return Visits(*(c[index] for c in self.columns()))
        return _VISIT(c[index] for c in self.columns())

    def __iter__(self) -> Iterator[Visit]:
        return map(_VISIT, zip(*self.columns(), strict=True))

    def __repr__(self) -> str:
        return f"Visits({len(self)} rows)"

    def take(self, indices: Iterable[int]) -> Visits:
        """The rows at these positions, in the order given."""
        picked = list(indices)
        return Visits(*(tuple(map(c.__getitem__, picked)) for c in self.columns()))


_VISIT = functools.partial(tuple.__new__, Visit)  # a Visit from an iterable, without a Python call per row


def load_visits(path: Path, within: Path | None = None) -> tuple[Visits, list[Diagnostic]]:
    """All visits of a project; a missing canvass.csv is no visits, not an error.

    Read in two ways that give the same result (a property test holds them to it): whole
    columns at once when every row is plainly well-formed, as fourtwo and spreadsheets
    write it, else row by row, where a row that is not goes through parse_rows for its finding.
    """
    try:
        text, _ = decode(read_bytes(path, within))
    except FileNotFoundError:
        return Visits(), []
    except OSError as exc:
        return Visits(), [unreadable(path, T("canvass file"), exc)]
    except UnicodeDecodeError as exc:
        return Visits(), [diag("FT002", Loc(path), offset=exc.start, guess=getattr(exc, "guess", ""))]
    text = text.lstrip(BOM)
    header = _header_findings(text, path)
    fast = _columns(text)
    if fast is not None:
        return _without_voided(fast, path, header)
    visits, findings = _rows(text, path)
    return _without_voided(Visits.of(visits), path, header + findings)


def _without_voided(visits: Visits, path: Path, findings: list[Diagnostic]) -> tuple[Visits, list[Diagnostic]]:
    """The visits that count: a void row takes out the rows above it of its household and date,
    and itself; one that takes out nothing is a warning (FT516)."""
    if VOID not in set(visits.opinion):
        return visits, findings
    kept: dict[int, Visit] = {}
    for index, visit in enumerate(visits):
        if visit.opinion != VOID:
            kept[index] = visit
            continue
        cancelled = [i for i, v in kept.items() if v.household == visit.household and v.date == visit.date]
        for i in cancelled:
            del kept[i]
        if not cancelled:
            findings = [*findings, diag("FT516", Loc(path, visit.row), row=visit.row, household=visit.household, date=visit.date)]
    return Visits.of(kept.values()), findings


def _header_findings(text: str, path: Path) -> list[Diagnostic]:
    """A warning for each header cell that names no field, or a field named before: its column is not read."""
    try:
        header = next(csv.reader(io.StringIO(text[: text.find("\n") + 1 or None], newline="")), [])
    except csv.Error:
        return []
    names = [field_for(h) for h in header]
    if "household" not in names or "opinion" not in names:
        return []  # FT502 says it
    findings = []
    for col, (cell, name) in enumerate(zip(header, names, strict=True), 1):
        if name is None and cell.strip():
            findings.append(diag("FT512", Loc(path, 1, col), column=cell, why="it names none of the fields"))
        elif name is not None and names.index(name) < col - 1:
            findings.append(diag("FT512", Loc(path, 1, col), column=cell, why=f"'{name}' is column {names.index(name) + 1} already"))
    return findings


def _positions(header: list[str]) -> list[int] | None:
    """Where each of FIELDS is in a row (-1: not there); None without household or opinion."""
    names = [field_for(h) for h in header]
    if "household" not in names or "opinion" not in names:
        return None
    return [names.index(f) if f in names else -1 for f in FIELDS]


def _columns(text: str) -> Visits | None:
    """Every row read and checked a column at a time; None when any row needs a closer look
    (a cell spanning lines, a short or long row, a value that is not plainly valid)."""
    rows = plain_rows(text)
    if rows is None:
        return None
    positions, body = _positions(rows[0]), rows[1:]
    if positions is None or not body:
        return None if positions is None else Visits()
    if set(map(len, body)) != {len(rows[0])}:
        return None
    columns = list(zip(*body, strict=False))
    blank = ("",) * len(body)
    household, opinion, by, day, channel, note = (columns[p] if p >= 0 else blank for p in positions)
    households, opinions, channels, days = set(household), set(opinion), set(channel) - {""}, set(day)
    dates = {d: parse_date(d) for d in days}
    if "" in households or not unpadded(household) or not "".join(households).isascii():
        return None  # an id with other characters is normalised, or reported, row by row
    if not opinions <= _OPINION_OF.keys() or not channels <= _CHANNEL_OF.keys() or None in dates.values():
        return None
    if any(v[:1] == "'" for v in set(by) | set(note)):
        return None
    channel_of = {**_CHANNEL_OF, "": "in_person"}
    return Visits(
        household,
        tuple(map(_OPINION_OF.__getitem__, opinion)),
        by,
        tuple(map(dates.__getitem__, day)),  # type: ignore[arg-type]
        tuple(map(channel_of.__getitem__, channel)),
        note,
        range(2, len(body) + 2),
    )


def _rows(text: str, path: Path) -> tuple[list[Visit], list[Diagnostic]]:
    """Row by row, each with the line it starts on; findings for rows that are not visits."""
    from operator import itemgetter

    findings: list[Diagnostic] = []
    visits: list[Visit] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [diag("FT307", Loc(path, 1), row=1, reason=str(exc))]
    if header is None:
        return [], []
    positions = _positions(header)
    if positions is None:
        return [], [diag("FT502", Loc(path, 1), header=",".join(header))]
    get, width, line, start = itemgetter(*positions), max(positions) + 1, reader.line_num, 0
    opinions, channels = _OPINION_OF, _CHANNEL_OF
    dates: dict[str, dt.date | None] = {}
    add = visits.append
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if line > start and any("\n" in c and "," in c.split("\n", 1)[1] for c in row):
                what = f'a quote (") opened here closes only on line {line}: lines {start + 1}–{line} are read into one cell, not as rows'
                findings.append(diag("FT511", Loc(path, start), row=start, what=what))
                continue  # the row and the lines it swallowed are not counted: the finding says so
            if len(row) < width:
                row.extend([""] * (width - len(row)))
            row.append("")  # what position -1 reads
            household, opinion, by, day, channel, note = get(row)
            date = dates[day] if day in dates else dates.setdefault(day, parse_date(day))
            kind, via = opinions.get(opinion), channels.get(channel or "in_person")
            if household and kind and date and via and household == household.strip() and household.isascii() and "'" not in by[:1] + note[:1]:
                add(Visit(household, kind, by, date, via, note, start))
            elif any(row):
                cells = tuple(unquote(c.strip()) for c in (household, opinion, by, day, channel, note))
                for item in parse_rows([(start, cells)], path):  # type: ignore[list-item]
                    if isinstance(item, Visit):
                        add(item)
                    else:
                        findings.append(item)
    except csv.Error as exc:
        findings.append(diag("FT307", Loc(path, reader.line_num), row=reader.line_num, reason=str(exc)))
    if _open_at_end(text, start):
        # the last row's quote never closes: anything appended after it would be swallowed
        visits[:] = [v for v in visits if v.row != start]
        findings[:] = [f for f in findings if f.line != start]
        lines = f": lines {start + 1}–{line} are read into one cell" if line > start else ""
        findings.append(diag("FT511", Loc(path, start), row=start, what=f'a quote (") opened here never closes{lines}'))
    return visits, findings


def _open_at_end(text: str, line: int) -> bool:
    """Is a quoted cell still open at the end of the text, reading from `line` (the last row's) as csv does?"""
    if line < 1 or '"' not in text:
        return False
    raw = "".join(io.StringIO(text, newline="").readlines()[line - 1 :])
    quoted, at_start, i = False, True, 0
    while i < len(raw):
        char = raw[i]
        if quoted:
            if char == '"':
                if raw[i + 1 : i + 2] == '"':
                    i += 1  # a quote written twice is a quote
                else:
                    quoted = False
        elif char == '"' and at_start:
            quoted, at_start = True, False
        else:
            at_start = char in ",\r\n"
        i += 1
    return quoted
