"""Checks of canvass.csv against the register and the steps around the canvass."""

from __future__ import annotations

from collections.abc import Iterator

from fourtwo.canvass.window import outside
from fourtwo.checks.registry import per_project
from fourtwo.files.layout import CANVASS_FILE
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T
from fourtwo.judge import Judgement
from fourtwo.model.project import Project


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
    for visit in cov.outside:
        yield diag("FT509", Loc(path, visit.row), row=visit.row, household=visit.household, date=visit.date, project=display_path(project.folder))
    window = judged.window(project)
    opens, closes = window
    late = {d for d in rows.days if d > today} | outside(window, rows)
    for visit in rows.take(i for i, day in enumerate(rows.date) if day in late) if late else ():  # these do not count towards coverage either
        if visit.date > today:
            yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("it is in the future"))
        elif opens and visit.date < opens:
            yield diag(
                "FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("the canvass opens after the step before it ({opens})", opens=opens)
            )
        elif closes and visit.date > closes:
            yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("the step after it was recorded on {closes}", closes=closes))
