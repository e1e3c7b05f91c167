"""canvass.csv read into Visits: whole and a column at a time when every row is plain, row by
row (streaming, for a large file) when any is not, with a finding for each row that is not
a visit; voided rows taken out."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
import unicodedata
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fourtwo.files.canvasscsv import BOM, FIELDS, field_for, unquote
from fourtwo.files.csvtext import Lines, csv_reason, open_at_end, plain_rows, swallowed, unpadded, whole_at
from fourtwo.files.encodings import decode, file_encoding
from fourtwo.files.limits import MAX_CANVASS_BYTES, Unreadable, checked_size, read_checked
from fourtwo.files.reading import unreadable
from fourtwo.files.values import CONTROL_IN_CELL, control_in, household_id, parse_date, visible
from fourtwo.findings import Cap, Diagnostic, Loc, Severity, diag
from fourtwo.i18n import T
from fourtwo.model.visit import CHANNEL_OF, OPINION_OF, VOID, Visit, Visits, is_opinion, parse_rows

# Up to this size canvass.csv is read whole (a column at a time when every row is plain); a
# larger one row by row as it streams, into columns, so memory grows with the visits kept,
# not with the text (files/limits.py bounds the file).
WHOLE_BELOW = 2 * 1024 * 1024


def load_visits(path: Path, within: Path | None = None) -> tuple[Visits, list[Diagnostic]]:
    """All visits of a project; a missing canvass.csv is no visits, not an error.

    Read in two ways that give the same result (a property test holds them to it): whole
    columns at once when every row is plainly well-formed, as fourtwo and spreadsheets
    write it, else row by row, where a row that is not goes through parse_rows for its finding.
    """
    try:
        if checked_size(path, MAX_CANVASS_BYTES, within) > WHOLE_BELOW:
            with contextlib.suppress(UnicodeDecodeError):  # neither UTF-8 nor GB18030: the whole-file reader says why
                with open(path, encoding=file_encoding(path, MAX_CANVASS_BYTES), newline="") as handle:
                    first = handle.readline()
                    visits, findings = _rows(itertools.chain([first], handle), path)
                return _without_voided(visits, path, _header_findings(first, path) + findings)
        text, _ = decode(read_checked(path, MAX_CANVASS_BYTES))  # its size and kind looked at just above
    except FileNotFoundError:
        return Visits(), []
    except Unreadable as exc:
        return Visits(), [exc.finding(Loc(path), T("canvass file"))]
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
    return _without_voided(visits, path, header + findings)


def for_appending(path: Path, within: Path | None, household: str = "") -> tuple[Visits, list[Diagnostic]]:
    """What appending to canvass.csv needs: the visits of `household` (none for ''), and the
    errors that make appending unsafe (its bytes, its size, its header, a quote left open:
    a row appended after them would be lost or torn). A row of another household that is not
    a visit blocks nothing: the new row loses nothing by it, and check says where it is.

    When the file has no quote (each row one line), only the lines on which the room stands as a
    whole number are looked at, and only the household's own are parsed, so a visit recorded into 20,000 costs about what
    one into 200 does; a test holds this to reading the whole file."""
    text = None
    try:
        if checked_size(path, MAX_CANVASS_BYTES, within) <= WHOLE_BELOW:
            text = decode(read_checked(path, MAX_CANVASS_BYTES))[0].lstrip(BOM)
    except FileNotFoundError:
        return Visits(), []
    except (Unreadable, OSError, UnicodeDecodeError):
        pass  # load_visits says why
    last = household.rsplit("-", 1)[-1]
    if text is None or not _one_row_a_line(text) or (household and not last):  # an empty part is found everywhere
        visits, findings = load_visits(path, within)
        return _of(visits, household), _blocking(findings)
    end = text.find("\n") + 1 or len(text)
    norm = unicodedata.normalize("NFKC", text)  # as household_id reads each id (the same string when nothing changes)
    lines = None if norm is text else text.split("\n")
    if lines is not None and len(lines) != norm.count("\n") + 1:
        visits, findings = load_visits(path, within)
        return _of(visits, household), _blocking(findings)
    positions = _positions(text[:end].rstrip("\r\n").split(","))  # no quote: cells are what lies between commas
    at_id = positions[0] if positions is not None else -1
    found: list[tuple[int, str]] = []  # (line number, its text) of each of the household's lines
    start, counted, line = end, 0, 1
    while household and at_id >= 0 and (at := whole_at(norm, last, start)) >= 0:
        line_start = norm.rfind("\n", 0, at) + 1
        line_end = norm.find("\n", at)
        start = len(norm) if line_end < 0 else line_end + 1
        line, counted = line + norm.count("\n", counted, line_start), line_start  # counted on from the line before: once over the text
        raw = norm[line_start:start] if lines is None else lines[line - 1]
        cells = raw.rstrip("\r\n").split(",")
        if at_id < len(cells) and household_id(unquote(cells[at_id].strip())) == household:
            found.append((line, raw.rstrip("\n") + "\n"))
    visits, findings = _rows(text[:end].rstrip("\n") + "\n" + "".join(line for _, line in found), path)
    visits = Visits.of(v._replace(row=found[v.row - 2][0]) for v in visits)  # row k of what was parsed is the k-1th line found
    return _of(_without_voided(visits, path, [])[0], household), _blocking(findings)


def _one_row_a_line(text: str) -> bool:
    """No quote, NUL, lone CR or cell longer than csv takes: row n is line n, and csv raises nowhere."""
    if '"' in text or "\x00" in text or text.count("\r") != text.count("\r\n"):
        return False
    half = csv.field_size_limit() // 2  # a longer line holds a whole window of `half` with no line break
    if all(text.find("\n", at, at + half) >= 0 for at in range(0, len(text) - half + 1, half)):
        return True
    return max(map(len, text.split("\n"))) < 2 * half


def _of(visits: Visits, household: str) -> Visits:
    return visits.take(i for i, h in enumerate(visits.household) if h == household)


def _blocking(findings: list[Diagnostic]) -> list[Diagnostic]:
    """The errors a row appended would suffer by: not a bad row of its own (FT501, their count FT022)."""
    return [f for f in findings if f.severity is Severity.ERROR and f.code not in ("FT501", "FT022")]


def _without_voided(visits: Visits, path: Path, findings: list[Diagnostic]) -> tuple[Visits, list[Diagnostic]]:
    """The visits that count: a void row takes out the rows above it of its household and date,
    and itself; one that takes out nothing is a warning (FT516). Over the columns: a void
    looks only at the rows of its own household and date."""
    if VOID not in set(visits.opinion):
        return visits, findings
    voids = [i for i, opinion in enumerate(visits.opinion) if opinion == VOID]
    keys = {(visits.household[i], visits.date[i]) for i in voids}
    rows_of: dict[tuple[str, dt.date], list[int]] = {}
    for i, key in enumerate(zip(visits.household, visits.date, strict=True)):
        if key in keys and visits.opinion[i] != VOID:
            rows_of.setdefault(key, []).append(i)
    dropped = set(voids)
    for v in voids:
        key = (visits.household[v], visits.date[v])
        cancelled = [i for i in rows_of.get(key, ()) if i < v and i not in dropped]
        dropped.update(cancelled)
        if not cancelled:
            findings = [*findings, diag("FT516", Loc(path, visits.row[v]), row=visits.row[v], household=key[0], date=key[1])]
    return visits.take(i for i in range(len(visits)) if i not in dropped), findings


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
            findings.append(diag("FT512", Loc(path, 1, col), column=cell, why=T("it names none of the fields")))
        elif name is not None and names.index(name) < col - 1:
            findings.append(diag("FT512", Loc(path, 1, col), column=cell, why=T("'{name}' is column {n} already", name=name, n=names.index(name) + 1)))
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
    if not opinions <= OPINION_OF.keys() or not channels <= CHANNEL_OF.keys() or None in dates.values():
        return None
    names = set(by) | set(note)
    if any(v[:1] == "'" for v in names):
        return None
    if control_in("".join(households) + "".join(names), CONTROL_IN_CELL):  # the other columns are known words and dates
        return None  # a control character: said row by row
    if "void" in opinions or "作废" in opinions:  # a void needs its reason: row by row, to say which has none
        return None
    channel_of = {**CHANNEL_OF, "": "in_person"}
    return Visits(
        household,
        tuple(map(OPINION_OF.__getitem__, opinion)),
        by,
        tuple(map(dates.__getitem__, day)),  # type: ignore[arg-type]
        tuple(map(channel_of.__getitem__, channel)),
        note,
        range(2, len(body) + 2),
    )


def _rows(source: str | Iterable[str], path: Path) -> tuple[Visits, list[Diagnostic]]:
    """Row by row, each with the line it starts on, into columns; findings for rows that are
    not visits (the first MAX_LISTED, then their count)."""
    from operator import itemgetter

    errors: list[Diagnostic] = []
    cap = Cap()
    lines = Lines(io.StringIO(source, newline="") if isinstance(source, str) else source)
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return Visits(), [diag("FT307", Loc(path, 1), row=1, reason=csv_reason(exc))]
    if header is None:
        return Visits(), []
    positions = _positions(header)
    if positions is None:
        return Visits(), [diag("FT502", Loc(path, 1), header=",".join(header))]
    columns: tuple[Any, ...] = ([], [], [], [], [], [], array("l"))  # the last: row numbers, 4 bytes each
    adds = tuple(c.append for c in columns)
    same: dict[str, str] = {}  # one string for each distinct id, name and note: 20,000 rows name few
    get, width, line, start = itemgetter(*positions), max(positions) + 1, reader.line_num, 0
    opinion_at = positions[1]
    placed = {name: (at + 1, header[at]) for name, at in zip(FIELDS, positions, strict=True) if 0 <= at < len(header)}
    opinions, channels = OPINION_OF, CHANNEL_OF
    dates: dict[str, dt.date | None] = {}
    last: list[str] = lines.take()

    def add(visit: Visit) -> None:
        for append, value in zip(adds, visit, strict=True):
            append(same.setdefault(value, value) if isinstance(value, str) else value)

    try:
        for row in reader:
            last = lines.take()
            start, line = line + 1, reader.line_num
            if line > start and swallowed(row, opinion_at, is_opinion):
                if not cap.room("FT511"):
                    continue
                what = T(
                    'a quote (") opened here closes only on line {line}: lines {first}–{line} are read into one cell, not as rows', line=line, first=start + 1
                )
                errors.append(diag("FT511", Loc(path, start), row=start, what=what))
                continue  # the row and the lines it swallowed are not counted: the finding says so
            if len(row) < width:
                row.extend([""] * (width - len(row)))
            row.append("")  # what position -1 reads
            household, opinion, by, day, channel, note = get(row)
            date = dates[day] if day in dates else dates.setdefault(day, parse_date(day))
            kind, via = opinions.get(opinion), channels.get(channel or "in_person")
            plain = household == household.strip() and household.isascii() and "'" not in by[:1] + note[:1] and (kind != VOID or visible(note))
            plain = plain and not control_in(household + by + note, CONTROL_IN_CELL)
            if household and kind and date and via and plain:
                add(Visit(household, kind, by, date, via, note, start))
            elif any(row):
                cells = tuple(unquote(c.strip()) for c in (household, opinion, by, day, channel, note))
                for item in parse_rows([(start, cells)], path, cap=cap, columns=placed):  # type: ignore[list-item]
                    if isinstance(item, Visit):
                        add(item)
                    else:
                        errors.append(item)
    except csv.Error as exc:
        errors.append(diag("FT307", Loc(path, reader.line_num), row=reader.line_num, reason=csv_reason(exc)))
    visits = Visits(*columns)
    if open_at_end("".join(last + lines.kept) + lines.rest()):
        # the last row's quote never closes: anything appended after it would be swallowed
        visits = visits.take(i for i, row in enumerate(visits.row) if row != start)
        errors = [f for f in errors if f.line != start]
        spans = T(": lines {first}–{line} are read into one cell", first=start + 1, line=line) if line > start else ""
        errors.append(diag("FT511", Loc(path, start), row=start, what=T('a quote (") opened here never closes{lines}', lines=spans)))
    return visits, errors + cap.summary(Loc(path))
