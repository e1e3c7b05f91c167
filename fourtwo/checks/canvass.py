"""Checks of canvass.csv against the register and the steps around the canvass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from fourtwo.canvass.window import outside
from fourtwo.checks.registry import per_project
from fourtwo.files.layout import CANVASS_FILE
from fourtwo.findings import Cap, Diagnostic, Loc, diag
from fourtwo.i18n import T
from fourtwo.judge import Judgement
from fourtwo.model.project import Project
from fourtwo.model.visit import Visit, Visits


@per_project
def visits(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    today = judged.model.workspace.today()
    rows = judged.model.project_visits(project)
    if not rows:
        return
    path = project.folder / CANVASS_FILE
    cov = judged.coverage(project)
    if cov is None or judged.model.procedure(project) is None:
        if project.data.households is None:
            yield diag("FT504", Loc(path, 1), project=project.id, why=T("project.yaml names none"))
        return
    cap = Cap()
    yield from _rows_found(judged, project, cov.outside, rows, today, cap)
    yield from cap.summary(Loc(path))


def _rows_found(judged: Judgement, project: Project, unknown: Sequence[Visit], rows: Visits, today: dt.date, cap: Cap) -> Iterator[Diagnostic]:
    """A finding per row naming a household off the register or dated outside the canvass
    (those the cap has room for; the others counted)."""
    path = project.folder / CANVASS_FILE
    for visit in unknown:
        if cap.room("FT509"):
            yield diag("FT509", Loc(path, visit.row), row=visit.row, household=visit.household)
    window = judged.window(project)
    opens, closes = window
    late = outside(window, rows, today)
    for visit in rows.take(i for i, day in enumerate(rows.date) if day in late) if late else ():  # these do not count towards coverage either
        if not cap.room("FT510"):
            continue
        if visit.date > today:
            yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("it is in the future"))
        elif opens and visit.date < opens:
            yield diag(
                "FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("the canvass opens after the step before it ({opens})", opens=opens)
            )
        elif closes and visit.date > closes:
            yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("the step after it was recorded on {closes}", closes=closes))
