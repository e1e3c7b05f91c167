"""Recording and importing household visits (`fourtwo canvass record` / `import`).

Visits are appended to canvass.csv under the project's lock, each batch in one write
of whole lines, so a crash or a second writer never leaves a torn row. Recording one
visit reads neither the visits already there nor any other project.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from fourtwo.diagnostics import Diagnostic, Loc, Severity, diag
from fourtwo.errors import FindingsError, InputError, Refusal
from fourtwo.fsio import atomic_write, locked
from fourtwo.loader import Model, open_project, project_folder
from fourtwo.model.household import Household
from fourtwo.model.project import Project
from fourtwo.model.visit import BOM, CANVASS_FILE, Visit, channel_of, header_text, opinion_of, row_text
from fourtwo.progress import Status, blockers, timeline

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    added: int = 0
    already: int = 0  # rows identical to a visit already recorded: importing twice changes nothing
    blank: int = 0  # rows with no opinion yet: households not visited
    findings: list[Diagnostic] = field(default_factory=list)
    written: bool = False


def _open(project_path: Path, visits: bool, registers: bool = True) -> tuple[Model, Project]:
    from fourtwo.review import blocking_findings

    model, project, findings = open_project(project_path, checks=False, visits=visits, registers=registers)
    own = blocking_findings(findings, model, project)
    if own:
        raise FindingsError(own)
    return model, project


def _scope(model: Model, project: Project) -> dict[str, Household]:
    from fourtwo.coverage import in_scope

    path = model.register_path(project)
    register = model.registers.get(path) if path else None
    if register is None or not register.households:
        raise InputError("FT504", project=project.id, why=model.register_problem(project) or "it cannot be read")
    return {h.id: h for h in in_scope(register, project.data.households)[0]}


def _canvass_open(model: Model, project: Project, date: dt.date) -> str:
    """The canvass step's id, once the steps before it are done and none after it is recorded."""
    proc = model.procedures.get(project.procedure_id)
    step = next((s for s in proc.steps if s.kind == "canvass"), None) if proc else None
    if proc is None or step is None:
        raise InputError("FT505", procedure=project.procedure_id)
    states = timeline(project, proc)
    order = blockers(states, step.id, date)
    if order:
        raise Refusal(order[0].code, **order[0].args)
    index = proc.index(step.id)
    later = next((s for s in states[index + 1 :] if s.latest is not None and s.status is not Status.MISSING), None)
    if later is not None:
        raise Refusal("FT506", step=later.step.id, name=later.step.name, date=later.date)
    return step.id


def _household_on_register(model: Model, project: Project, household: str) -> str:
    """Is this household on the project's register, in its scope? Read without building the register."""
    from fourtwo.coverage import scope_test
    from fourtwo.model.household import lookup, scan

    from fourtwo.model.household import MAX_REGISTER_BYTES

    path = model.register_path(project)
    if path is None or not path.is_file():
        raise InputError("FT504", project=project.id, why="it is not there")
    if path.stat().st_size > MAX_REGISTER_BYTES:
        raise InputError("FT009", Loc(path), size=path.stat().st_size, limit=MAX_REGISTER_BYTES, what="household register")
    test = scope_test(project.data.households)
    found = lookup(path, household)
    if found is not None and not test(*found):
        return household
    _, entries, findings = scan(path)  # not found quickly: read it all, to be sure and to suggest
    if not entries or any(f.severity is Severity.ERROR for f in findings):
        raise InputError("FT504", project=project.id, why=findings[0].message if findings else "it has no households")
    ids = [e[1] for e in entries if not test(e[2], e[8])]
    if household in ids:
        return household
    close = difflib.get_close_matches(household, ids, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "check the id against the register (building-unit-room, e.g. 3-2-501)"
    raise InputError("FT507", household=household, hint=hint)


def record_visit(project_path: Path, household: str, opinion: str, by: str, date: dt.date, channel: str, note: str) -> Visit:
    op = opinion_of(opinion)
    if op is None:
        raise InputError("FT905", what="OPINION", value=opinion, hint="agree, oppose, abstain or absent (同意, 反对, 弃权, 未遇)")
    ch = channel_of(channel)
    if ch is None:
        raise InputError("FT905", what="--channel", value=channel, hint="in_person, phone, paper or proxy (入户, 电话, 书面, 代录)")
    if date > dt.date.today():
        raise InputError("FT905", what="--date", value=date, hint="a visit cannot be in the future")
    folder, _ = project_folder(project_path)
    with locked(folder):
        model, project = _open(folder, visits=False, registers=False)
        _canvass_open(model, project, date)
        hid = _household_on_register(model, project, household.strip())
        append(project.folder / CANVASS_FILE, [row_text(hid, op, by.strip(), date, ch, note.strip())])
    return Visit(hid, op, by.strip(), date, ch, note.strip(), 0)


def append(path: Path, rows: list[str]) -> None:
    """Append whole CSV lines in one write; create the file with its header if needed."""
    if not rows:
        return
    if not path.exists():
        atomic_write(path, header_text() + "".join(rows))
        return
    encoding = _encoding_of(path)
    rows = _in_file_order(path, encoding, rows)
    data = "".join(rows).encode(encoding)
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
                raise OSError(28, "short write: the disk may be full")
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)  # a half-written row must not stay: back to the rows there were
            raise
        finally:
            os.close(fd)
    except OSError as exc:
        raise InputError("FT908", path=path, reason=exc.strerror or str(exc)) from exc


def _in_file_order(path: Path, encoding: str, rows: list[str]) -> list[str]:
    """Rows are made in FIELDS order; a file whose header a person reordered gets its own order."""
    import csv
    import io

    from fourtwo.model.visit import FIELDS, field_for

    with open(path, encoding=encoding, newline="") as handle:
        header = next(csv.reader([handle.readline()]), [])
    names = [field_for(h) for h in header]
    if names == list(FIELDS) or not names:
        return rows
    out = []
    for row in rows:
        cells = dict(zip(FIELDS, next(csv.reader([row]))))
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


def import_visits(project_path: Path, sheet: Path, partial: bool, progress: Progress | None = None) -> ImportResult:
    from fourtwo.sheetio import read_sheet

    folder, _ = project_folder(project_path)
    with locked(folder):
        model, project = _open(folder, visits=True)
        scope = _scope(model, project)
        existing = {v.key() for v in model.visits.get(project.folder, [])}
        rows, result = read_sheet(sheet, scope, progress)
        fresh: list[Visit] = []
        for visit in rows:
            if visit.key() in existing:
                result.already += 1
                continue
            existing.add(visit.key())
            fresh.append(visit)
        if fresh:
            _canvass_open(model, project, max(v.date for v in fresh))
        opens, closes = model.canvass_window(project)
        today = dt.date.today()
        outside = [v for v in fresh if v.date > today or (opens and v.date < opens) or (closes and v.date > closes)]
        for v in outside:
            why = "it is in the future" if v.date > today else f"the canvass runs from {opens or '…'} to {closes or 'the resolution'}"
            result.findings.append(diag("FT510", Loc(sheet, v.row), row=v.row, date=v.date, why=why))
        fresh = [v for v in fresh if v not in outside]
        if result.findings and not partial:
            return result
        append(project.folder / CANVASS_FILE, [row_text(v.household, v.opinion, v.by, v.date, v.channel, v.note) for v in fresh])
        result.added, result.written = len(fresh), bool(fresh)
    return result

