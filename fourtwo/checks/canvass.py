"""Checks of canvass.csv against the register and the steps around the canvass."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from fourtwo.checks.registry import check
from fourtwo.diagnostics import Diagnostic, Loc, diag
from fourtwo.loader import Model
from fourtwo.model.visit import CANVASS_FILE
from fourtwo.progress import timeline


@check
def visits(model: Model) -> Iterator[Diagnostic]:
    today = dt.date.today()
    for project in model.projects:
        rows = model.visits.get(project.folder, [])
        if not rows:
            continue
        path = project.folder / CANVASS_FILE
        cov = model.coverage(project)
        proc = model.procedures.get(project.procedure_id)
        if cov is None or proc is None:
            if project.data.households is None:
                yield diag("FT504", Loc(path, 1), project=project.id)
            continue
        for visit in cov.outside:
            yield diag("FT509", Loc(path, visit.row), row=visit.row, household=visit.household)
        states = timeline(project, proc, cov)
        index = next(i for i, s in enumerate(states) if s.step.kind == "canvass")
        before = max((s.date for s in states[:index] if s.date), default=None)
        after = next((s for s in states[index + 1 :] if s.latest is not None), None)
        for visit in rows:
            if visit.date > today:
                yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why="it is in the future")
            elif before and visit.date < before:
                yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=f"the canvass opens after the step before it ({before})")
            elif after and after.date and visit.date > after.date:
                yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=f"'{after.step.id}' was decided on {after.date}")
