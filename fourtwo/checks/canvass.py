"""Checks of canvass.csv against the register and the steps around the canvass."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from fourtwo.checks.registry import check
from fourtwo.diagnostics import Diagnostic, Loc, diag
from fourtwo.loader import Model
from fourtwo.model.visit import CANVASS_FILE, Visits


@check
def visits(model: Model) -> Iterator[Diagnostic]:
    today = dt.date.today()
    for project in model.projects:
        rows = model.visits.get(project.folder, Visits())
        if not rows:
            continue
        path = project.folder / CANVASS_FILE
        cov = model.coverage(project)
        proc = model.procedures.get(project.procedure_id)
        if cov is None or proc is None:
            if project.data.households is None:
                yield diag("FT504", Loc(path, 1), project=project.id, why="project.yaml names none")
            continue
        for visit in cov.outside:
            yield diag("FT509", Loc(path, visit.row), row=visit.row, household=visit.household)
        opens, closes = model.canvass_window(project)
        late = {d for d in rows.days if d > today} | model.outside_window(project, rows)
        for visit in rows.take(i for i, day in enumerate(rows.date) if day in late) if late else ():  # these do not count towards coverage either
            if visit.date > today:
                yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why="it is in the future")
            elif opens and visit.date < opens:
                yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=f"the canvass opens after the step before it ({opens})")
            elif closes and visit.date > closes:
                yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=f"the step after it was recorded on {closes}")
