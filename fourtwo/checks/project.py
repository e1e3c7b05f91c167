"""Checks of each project.yaml against its workspace: ids, procedure, register, steps, dates."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from fourtwo.checks.registry import per_project
from fourtwo.files.git import ignored
from fourtwo.files.reading import check_regular, unreadable
from fourtwo.files.safepath import id_problem
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import Term
from fourtwo.judge import Judgement
from fourtwo.model.loaded import Model
from fourtwo.model.procedure import listed as listed_procedures
from fourtwo.model.project import Project
from fourtwo.model.workspace import ORGANISATION_NAMES

IdEntry = tuple[str, Loc, str]  # a project's id, where it is written, its file from the workspace root


@per_project
def project_id(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    data = project.data
    if not data.id:
        return
    why = id_problem(data.id)
    if why is not None:
        yield diag("FT207", data.at("id"), id=data.id, why=why)
    elif data.id != project.folder.name:
        yield diag("FT201", data.at("id"), id=data.id, folder=project.folder.name)


def id_entries(model: Model) -> list[IdEntry]:
    """Each project's id, for the one check across projects (the pipeline runs it over every part)."""
    root = model.workspace.root
    return [(p.data.id, p.data.at("id"), str(p.file.relative_to(root))) for p in model.projects if p.data.id]


def duplicate_ids(entries: Iterable[IdEntry]) -> list[Diagnostic]:
    """Each id used a second time, pointing at the first project that has it (in path order)."""
    seen: dict[str, str] = {}
    found = []
    for id_, loc, file in entries:
        key = id_.casefold()  # ABC beside abc: one folder, one page, on Windows and macOS
        if key in seen:
            found.append(diag("FT202", loc, id=id_, other=seen[key]))
        else:
            seen[key] = file
    return found


@per_project
def project_procedure(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    data, settings = project.data, judged.model.workspace.settings
    proc = judged.model.procedure(project)
    if proc is None:
        loc = data.at("procedure") if data.procedure else settings.at("procedure")
        yield diag("FT107", loc, name=project.procedure_id, known=listed_procedures(judged.model.procedures))
        return
    kind = settings.organisation.kind
    if data.procedure and kind and proc.kind != kind:
        yield diag("FT205", data.at("procedure"), key="procedure", value=proc.term, kind=Term(kind, ORGANISATION_NAMES.get(kind, "")))
    for record in data.steps:
        if record.step and proc.step(record.step) is None:
            yield diag("FT209", record.at("step"), step=Term(record.step), procedure=proc.term, known=proc.listed())


@per_project
def project_register(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    ref = project.data.households
    path = judged.model.register_path(project)
    if ref is None or path is None:
        return
    if path not in judged.model.registers and not path.is_relative_to(judged.model.workspace.root):  # read: inside (the root is resolved when found)
        yield diag("FT204", ref.at("register"), key="households.register", value=ref.register)
    elif absent_by_design(judged, project):  # said at the register, so the same finding of every project naming it is said once
        yield diag("FT233", Loc(path), register=ref.register)
    elif path not in judged.model.registers and not path.is_file():  # read in this run: a file
        try:
            check_regular(path)
        except FileNotFoundError:
            twin = _written_otherwise(path)
            if twin:  # café.csv named, cafe\u0301.csv there (as macOS writes it): a name that reads the same, never found
                yield diag("FT234", ref.at("register"), register=ref.register, found=ascii(twin)[1:-1])
            else:
                yield diag("FT203", ref.at("register"), register=ref.register, folder=display_path(project.folder))
        except OSError as exc:  # a FIFO or a device where the register should be: never opened
            yield unreadable(ref.at("register").path, ref.register, exc)


def _written_otherwise(path: Path) -> str:
    """A file beside `path` whose name reads the same once both are normalised (NFC), written
    with other code points; '' when none."""
    want = unicodedata.normalize("NFC", path.name)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return ""
    return next((n for n in names if n != path.name and unicodedata.normalize("NFC", n) == want), "")


def absent_by_design(judged: Judgement, project: Project) -> bool:
    """The project's register is not in this checkout because git ignores it: a register holds
    residents' names and phones, and `init`'s .gitignore keeps it out of the repository (a
    fresh clone in CI has the record without it)."""
    path = judged.model.register_path(project)
    if (
        path is None or path in judged.model.registers or path.is_file() or not path.is_relative_to(judged.model.workspace.root)
    ):  # the root is resolved when found
        return False
    known = judged.model.ignored  # one git call per register however many projects name it, in this run only
    if path not in known:
        known[path] = bool(ignored(judged.model.workspace.root, [path]))
    return known[path]


@per_project
def project_dates(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    schedule = project.data.schedule
    if schedule and schedule.start and schedule.end and schedule.end < schedule.start:
        yield diag("FT210", schedule.at("end"), key="schedule.end", end=schedule.end, start_key="schedule.start", start=schedule.start)
