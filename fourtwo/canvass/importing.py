"""Importing a filled-in visit sheet (`fourtwo canvass import`; CSV or XLSX, Chinese or English headers).

The sheet `fourtwo canvass sheet` writes reads back here; so does any sheet whose
header names a household (户号, or 楼栋/单元/房号) and an opinion (意见).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from fourtwo.canvass.coverage import households_in_scope, left_out
from fourtwo.canvass.record import canvass_open, masked_note
from fourtwo.files.canvasscsv import FIELDS, field_for, row_text
from fourtwo.files.csvtext import csv_reason
from fourtwo.files.encodings import file_encoding
from fourtwo.files.limits import MAX_SHEET_BYTES, Unreadable, checked_size, read_limited
from fourtwo.files.reading import unreadable
from fourtwo.findings import Cap, Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, Text
from fourtwo.model.household import Household, column_for
from fourtwo.model.visit import Cells, Visit, column_words, parse_rows
from fourtwo.transaction import change

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    added: int = 0
    already: int = 0  # rows identical to a visit already recorded: importing twice changes nothing
    blank: int = 0  # rows with no opinion yet: households not visited
    findings: list[Diagnostic] = field(default_factory=list)
    masked: list[Diagnostic] = field(default_factory=list)  # a full number in a note, written masked (FT668): said, not a bad row
    written: bool = False


def _rows(path: Path, findings: list[Diagnostic]) -> Iterator[tuple[int, list[str]]]:
    """The sheet's rows as they stream (a visit sheet is bounded: files/limits.py), each with
    the line or row it starts on; `findings` gets what is wrong with the file itself."""
    try:
        checked_size(path, MAX_SHEET_BYTES)
    except Unreadable as exc:
        raise exc.to_input_error(Loc(path), T("visit sheet")) from exc
    except OSError as exc:  # a FIFO (FT010) or a file that cannot be read
        raise InputError.of(unreadable(path, T("visit sheet"), exc)) from exc
    if path.suffix.lower() == ".xlsx":
        from fourtwo.files.workbook import xlsx_rows

        yield from xlsx_rows(read_limited(path, MAX_SHEET_BYTES), path, findings)
        return
    if path.suffix.lower() != ".csv":
        raise InputError("FT529", Loc(path), suffix=path.suffix or "(none)")
    import csv

    try:
        encoding = file_encoding(path, MAX_SHEET_BYTES)
    except UnicodeDecodeError as exc:
        raise InputError("FT002", Loc(path), offset=exc.start, guess=T("{guess}; save it as CSV UTF-8 (or .xlsx)", guess=getattr(exc, "guess", ""))) from exc
    with open(path, encoding=encoding, newline="") as handle:
        reader, line = csv.reader(handle), 0
        try:
            for row in reader:
                start, line = line + 1, reader.line_num
                yield start, [c.strip() for c in row]
        except csv.Error as exc:
            findings.append(diag("FT307", Loc(path, reader.line_num), row=reader.line_num, reason=csv_reason(exc)))


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """Where the header is (a sheet may open with a title) and which column holds what."""
    for n, (_line, cells) in enumerate(rows[:10]):
        index: dict[str, int] = {}
        for i, cell in enumerate(cells):
            name = field_for(cell) or _register_column(cell)
            if name and name not in index:
                index[name] = i
        if "opinion" in index and ("household" in index or {"building", "room"} <= index.keys()):
            return n, index
    return -1, {}


def _register_column(cell: str) -> str | None:
    name = column_for(cell)
    return name if name in ("building", "unit", "room") else None


def read_sheet(
    path: Path,
    scope: dict[str, Household],
    progress: Callable[[int, int], None] | None,
    channel: str = "",
    left_out: Callable[[str], tuple[Text, Text] | None] = lambda household: None,
) -> tuple[list[Visit], ImportResult]:
    """The visits of a sheet; a blank 方式 is `channel` (an id), or a problem of its row when none is given."""
    result = ImportResult()
    sheet: list[Diagnostic] = []  # what is wrong with the file itself (a workbook's)
    rows = _rows(path, sheet)
    head = list(itertools.islice(rows, 10))
    at, index = _header(head)
    if at < 0:
        if sheet:
            raise InputError(sheet[0].code, sheet[0].loc, **sheet[0].args)
        raise InputError("FT508", path=path)
    body = itertools.chain(head[at + 1 :], rows)

    def named() -> Iterator[tuple[int, Cells]]:
        n = 0
        for n, (line, cells) in enumerate(body, 1):
            if progress and n % 500 == 1:
                progress(n - 1, 0)  # the sheet streams: its length is known at its end
            get = {name: (cells[i] if i < len(cells) else "") for name, i in index.items()}
            if not any(get.values()):
                continue
            if not get.get("opinion"):
                result.blank += 1  # not visited yet: the sheet's blank rows
                continue
            if not get.get("household"):
                get["household"] = "-".join(p for p in (get.get("building", ""), get.get("unit", ""), get.get("room", "")) if p)
            yield line, tuple(get.get(f, "").strip() for f in FIELDS)  # type: ignore[misc]
        if progress:
            progress(n, n)

    headers = head[at][1]
    columns = {name: (i + 1, headers[i]) for name, i in index.items()}
    if "household" not in columns and "building" in columns:  # an id made of 楼栋, 单元 and 房号: found by its building
        columns["household"] = columns["building"]
    visits = []
    cap = Cap()
    for item in parse_rows(named(), path, default_channel=channel, cap=cap, columns=columns):
        if isinstance(item, Visit):
            if item.household not in scope:
                if cap.room("FT501"):
                    result.findings.append(
                        diag(
                            "FT501",
                            Loc(path, item.row, columns["household"][0]),
                            row=item.row,
                            column=column_words(columns, "household"),
                            what=_outside(item.household, out := left_out(item.household)),
                            hint=out[1] if out else T("check the id, or the register the project names"),
                        )
                    )
                continue
            visits.append(item)
        else:
            result.findings.append(item)
    if sheet:  # the workbook's own problem, located in it (its name is the user's answer to "which file?")
        raise InputError(sheet[0].code, sheet[0].loc, **sheet[0].args)
    result.findings += cap.summary(Loc(path))
    return visits, result


def _outside(household: str, out: tuple[Text, Text] | None) -> Text:
    """Why a row's household is not counted: out of the canvass's scope, or not on the register."""
    if out is not None:
        return T("'{household}' is not in the canvass's scope: {why}; a visit to it would not be counted", household=household, why=out[0])
    return T("household '{household}' is not on the project's register", household=household)


def import_visits(project_path: Path, sheet: Path, partial: bool, progress: Progress | None = None, channel: str = "") -> ImportResult:
    with change(project_path) as c:
        scope = {h.id: h for h in households_in_scope(c.model, c.project)}
        existing = {v.key() for v in c.model.project_visits(c.project)}
        register = c.model.register(c.project)
        known = register.by_id if register is not None else {}
        project = c.project

        def out_of_scope(household: str) -> tuple[Text, Text] | None:
            return left_out(project, household, known[household].status) if household in known else None

        rows, result = read_sheet(sheet, scope, progress, channel, out_of_scope)
        fresh: list[Visit] = []
        for visit in rows:
            if visit.key() in existing:
                result.already += 1
                continue
            existing.add(visit.key())
            fresh.append(visit)
        if fresh:
            canvass_open(c, max(v.date for v in fresh))
        opens, closes = c.judged.window(c.project)
        today = c.model.workspace.today()
        outside = [v for v in fresh if v.date > today or (opens and v.date < opens) or (closes and v.date > closes)]
        for v in outside:
            why = (
                T("it is in the future")
                if v.date > today
                else T("the canvass runs from {opens} to {closes}", opens=opens or "…", closes=closes or T("the resolution"))
            )
            result.findings.append(diag("FT510", Loc(sheet, v.row), row=v.row, date=v.date, why=why))
        fresh = [v for v in fresh if v not in outside]
        if result.findings and not partial:
            return result
        lines: list[str] = []
        for v in fresh:  # a note with a full phone or ID number is written masked, and said
            note, said = masked_note(c.model.workspace, v.note, v.household, Path(sheet))
            result.masked += [replace(d, loc=Loc(sheet, v.row)) for d in said]
            lines.append(row_text(v.household, v.opinion, v.by, v.date, v.channel, note))
        c.add_visits(lines)
        result.added, result.written = len(fresh), bool(fresh)
    return result
