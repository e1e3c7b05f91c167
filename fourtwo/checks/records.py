"""What the writing commands refuse, written by hand: a day that has not come yet, an objection
the records make impossible. `review`, `publish`, `implement`, `object` and `correct` refuse
these; a clean check must not pass them either, and each finding names the command that puts
the record right."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from fourtwo.checks.registry import per_project
from fourtwo.findings import Diagnostic, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, Text
from fourtwo.judge import Judgement
from fourtwo.model.project import Objection, Project

# The days an implementation record states, and the option of `correct implementation` for each.
_WORK_DAYS = (("date", "completed"), ("started", "started"), ("accepted", "accepted-on"))


@per_project
def dated_ahead(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """A record states what has happened: none of its days is after today where the committee
    sits. A notice period's last day and a planned date may be ahead; they are not looked at."""
    today = judged.model.workspace.today()
    name = display_path(project.folder)
    proc = judged.model.procedure(project)
    for record in project.data.steps:
        if record.withdrawn:
            continue  # history: `correct withdraw` took it out of every count
        step = proc.step(record.step) if proc else None
        kind = step.kind if step else ""
        term = proc.term_of(record.step) if proc else Term(record.step)  # a command takes the step's name as its id
        for key, option in _WORK_DAYS if kind == "implementation" else (("date", ""),):
            day = getattr(record, key, None)
            if isinstance(day, dt.date) and day > today:
                yield diag("FT110", record.at(key), key=key, value=day, hint=_step_fix(kind, term, record.date, name, option))
    for objection in project.data.objections:
        for key, option in (("date", "date"), ("answered", "answered")):
            day = getattr(objection, key)
            if day is not None and day > today:
                yield diag("FT110", objection.at(key), key=key, value=day, hint=_objection_fix(objection, name, option))
    for excluded in project.data.exclusions:
        if excluded.date is not None and excluded.date > today and not excluded.withdrawn:
            hint = T(
                "withdraw it (fourtwo correct exclusion {project} {household} --withdraw --reason …), then record it on its day (fourtwo canvass exclude …)",
                project=name,
                household=excluded.household,
            )
            yield diag("FT110", excluded.at("date"), key="date", value=excluded.date, hint=hint)
    for correction in project.data.corrections:
        if correction.date is not None and correction.date > today:
            hint = T("a correction is dated the day it is made: restore the record from git (git log -p shows the change), then run the correction again")
            yield diag("FT110", correction.at("date"), key="date", value=correction.date, hint=hint)


def _step_fix(kind: str, step: Term, held: dt.date | None, project: str, option: str) -> Text:
    if kind == "implementation":
        return T("correct it: fourtwo correct implementation {project} --{option} … --reason …", project=project, option=option)
    if kind == "notice":
        return T(
            "a notice is recorded on the day it is posted: withdraw this record (fourtwo correct withdraw {project} {step} --held {held} --reason …) and publish it on its day",
            project=project,
            step=step,
            held=held,
        )
    return T("correct it: fourtwo correct meeting {project} {step} --held {held} --date … --reason …", project=project, step=step, held=held)


def _objection_fix(objection: Objection, project: str, option: str) -> Text:
    return T("correct it: fourtwo correct objection {project} {number} --{option} … --reason …", project=project, number=objection.number, option=option)


@per_project
def objections_possible(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """An objection is raised against a posted notice, answered after it is raised, and has a
    number of its own: `object` and `correct objection` refuse anything else."""
    objections = project.data.objections
    if not objections:
        return
    name = display_path(project.folder)
    states = judged.timeline(project)
    if states is None:
        return  # an unknown procedure: which notices were posted is not known (FT107 says why)
    posted = [r.period_start for s in states if s.step.kind == "notice" for r in s.notices if r.period_start]
    first = min(posted) if posted else None
    used = Counter(o.number for o in objections if o.number is not None)
    seen: set[int] = set()
    for o in objections:
        if o.number is not None and used[o.number] > 1:
            if o.number in seen:
                hint = T(
                    "two objections cannot share a number: restore the record from git (git log -p shows the change), then record each with fourtwo object"
                )
                yield diag("FT665", o.at("number"), number=o.number, problem=T("the number is used by an objection before it"), hint=hint)
            seen.add(o.number)
        if o.date is not None and first is None:
            problem = T("it is recorded, but no notice has been posted to object to")
            yield diag("FT665", o.at("date"), number=o.number, problem=problem, hint=_objection_fix(o, name, "date"))
        elif o.date is not None and first is not None and o.date < first:
            problem = T("it is dated {date}, before the first notice was posted ({first})", date=o.date, first=first)
            yield diag("FT665", o.at("date"), number=o.number, problem=problem, hint=_objection_fix(o, name, "date"))
        if o.date is not None and o.answered is not None and o.answered < o.date:
            problem = T("it is answered on {answered}, before it was raised ({date})", answered=o.answered, date=o.date)
            yield diag("FT665", o.at("answered"), number=o.number, problem=problem, hint=_objection_fix(o, name, "answered"))
