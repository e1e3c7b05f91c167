"""Checks of each project.yaml against its workspace: ids, procedure, register, steps, dates."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from fourtwo.checks.registry import check
from fourtwo.diagnostics import Diagnostic, Loc, diag
from fourtwo.loader import Model
from fourtwo.model.project import PROJECT_ID


@check
def project_ids(model: Model) -> Iterator[Diagnostic]:
    for project in model.projects:
        data = project.data
        if not data.id:
            continue
        if not re.fullmatch(PROJECT_ID, data.id):
            yield diag("FT207", data.at("id"), id=data.id)
        elif data.id != project.folder.name:
            yield diag("FT201", data.at("id"), id=data.id, folder=project.folder.name)
    if not model.part:  # a part of the workspace cannot see ids in the others: see fourtwo.runner
        yield from duplicate_ids(project_id_entries(model))


IdEntry = tuple[str, Loc, str]  # a project's id, where it is written, its file from the workspace root


def project_id_entries(model: Model) -> list[IdEntry]:
    root = model.workspace.root
    return [(p.data.id, p.data.at("id"), str(p.file.relative_to(root))) for p in model.projects if p.data.id]


def duplicate_ids(entries: Iterable[IdEntry]) -> Iterator[Diagnostic]:
    """Each id used a second time, pointing at the first project that has it (in path order)."""
    seen: dict[str, str] = {}
    for id_, loc, file in entries:
        if id_ in seen:
            yield diag("FT202", loc, id=id_, other=seen[id_])
        else:
            seen[id_] = file


@check
def project_procedure(model: Model) -> Iterator[Diagnostic]:
    for project in model.projects:
        data = project.data
        proc = model.procedures.get(project.procedure_id)
        if proc is None:
            loc = data.at("procedure") if data.procedure else model.workspace.settings.at("procedure")
            yield diag("FT107", loc, name=project.procedure_id, known=", ".join(sorted(model.procedures)))
            continue
        kind = model.workspace.settings.organisation.kind
        if data.procedure and kind and proc.kind != kind:
            yield diag("FT205", data.at("procedure"), key="procedure", value=proc.id, kind=kind)
        for record in data.steps:
            if record.step and proc.step(record.step) is None:
                yield diag("FT209", record.at("step"), step=record.step, procedure=proc.id, known=", ".join(proc.step_ids))


@check
def project_register(model: Model) -> Iterator[Diagnostic]:
    root = model.workspace.root.resolve()
    for project in model.projects:
        ref = project.data.households
        path = model.register_path(project)
        if ref is None or path is None:
            continue
        if not path.is_relative_to(root):
            yield diag("FT204", ref.at("register"), key="households.register", value=ref.register)
        elif not path.is_file():
            yield diag("FT203", ref.at("register"), register=ref.register)


@check
def project_dates(model: Model) -> Iterator[Diagnostic]:
    for project in model.projects:
        schedule = project.data.schedule
        if schedule and schedule.start and schedule.end and schedule.end < schedule.start:
            yield diag("FT210", schedule.at("end"), key="schedule.end", end=schedule.end, start_key="schedule.start", start=schedule.start)
