"""Recording the implementation (`fourtwo implement`): completion, acceptance, actual cost;
and a re-acceptance (复验, `--reaccepted`) after a failed one, recorded beside it as a new fact.

It comes between the two disclosures: after the period of the notice that makes the decision
public (the resolution notice; in the seed's form, which has none, the progress notice), with every objection raised within a period
answered; the result notice then reports it. Work may not start before the decision (先干后议).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fourtwo.deliberation.timeline import decision, work_before_decision, work_on
from fourtwo.disclosure.lines import objection_late
from fourtwo.disclosure.publish import notice_states, step_state
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T
from fourtwo.transaction import change


@dataclass(frozen=True)
class Work:
    """The implementation as the clerk records it."""

    completed: dt.date
    cost: Decimal
    contractor: str = ""
    accepted_by: str = ""
    acceptance: str = ""  # no default: an acceptance nobody recorded is never 合格
    note: str = ""
    started: dt.date | None = None
    accepted: dt.date | None = None
    audited: Decimal | None = None
    next_steps: str = ""


def implement(project_path: Path, work: Work) -> dt.date:
    """Record the implementation; the day it was completed."""
    completed = work.completed
    if work.started and work.started > completed:
        raise InputError(
            "FT905", what="--started", value=work.started, hint=T("the work cannot start after it was completed ({completed})", completed=completed)
        )
    if work.accepted and work.accepted < completed:
        raise InputError(
            "FT905", what="--accepted-on", value=work.accepted, hint=T("acceptance comes once the work is completed ({completed})", completed=completed)
        )
    with change(project_path) as c:
        if completed > c.model.workspace.today():
            raise InputError("FT905", what="--completed", value=completed, hint=T("record the completion once the work is done"))
        states = notice_states(c)
        state = step_state(states, "implementation")
        if state.records:
            raise Refusal(
                "FT611",
                what=T("implement"),
                why=T("the implementation is already recorded ({date})", date=state.date),
                hint=T(
                    "if that record is wrong, correct it: fourtwo correct implementation {name} --completed … --cost … --reason …",
                    name=display_path(c.project.folder),
                ),
            )
        c.refuse_if_blocked(state.step.id, completed)
        notice, end = decision(states)
        if notice is not None and end is not None and completed <= end:
            raise Refusal(
                "FT611",
                what=T("implement"),
                why=T("'{notice}' is up until {end}; completion is dated {completed}", notice=notice.step.term, end=end, completed=completed),
                hint=T("record the completion after {end}", end=end),
            )
        early = work_before_decision(states, work.started, display_path(c.project.folder))
        if early is not None:
            raise Refusal("FT433", None, **early)
        notices = [r for s in states if s.step.kind == "notice" for r in s.notices]
        open_objections = [o for o in c.project.data.objections if not o.answer and objection_late(o, notices) is None]  # a late one alone blocks nothing
        if open_objections:
            o = open_objections[0]
            raise Refusal(
                "FT611",
                what=T("implement"),
                why=T("objection {number} of {date} is unanswered", number=o.number, date=o.date),
                hint=T('answer it first: fourtwo object {name} --answer {number} --text "the answer"', name=display_path(c.project.folder), number=o.number),
            )
        item: Item = [("step", state.step.id), ("date", completed.isoformat()), ("cost", f"{work.cost:.2f}")]
        if work.audited is not None:
            item.append(("audited", f"{work.audited:.2f}"))
        for key, day in (("started", work.started), ("accepted", work.accepted)):
            if day:
                item.append((key, day.isoformat()))
        texts = (
            ("contractor", work.contractor),
            ("accepted_by", work.accepted_by),
            ("acceptance", work.acceptance),
            ("next_steps", work.next_steps),
            ("note", work.note),
        )
        for key, value in texts:
            if value:
                item.append((key, render_value(value)))
        c.append("steps", item)
    return completed


@dataclass(frozen=True)
class Reacceptance:
    """A second acceptance (复验) after repair: its day and verdict, and what else it changed."""

    accepted: dt.date
    acceptance: str
    accepted_by: str = ""
    cost: Decimal | None = None  # the cost after repair, where it changed
    note: str = ""
    next_steps: str = ""


def reaccept(project_path: Path, again: Reacceptance) -> dt.date | None:
    """Record a re-acceptance as a new implementation record beside the first (timeline.work_on
    reads it from its own day, so a result notice posted before it stays true); the day of the
    failed acceptance it follows."""
    with change(project_path) as c:
        name = display_path(c.project.folder)
        if again.accepted > c.model.workspace.today():
            raise InputError("FT905", what="--reaccepted", value=again.accepted, hint=T("record the re-acceptance once it is done"))
        states = notice_states(c)
        state = step_state(states, "implementation")
        latest = work_on(states, None)
        if latest is None:
            raise Refusal(
                "FT635",
                Loc(c.project.file),
                why=T("no implementation is recorded"),
                hint=T("record it first: fourtwo implement {name} --completed … --cost … --acceptance failed", name=name),
            )
        if latest.acceptance != "failed":
            shown = T("passed (合格)") if latest.acceptance == "passed" else T("not recorded (未验收)")
            raise Refusal(
                "FT635",
                latest.at("acceptance"),
                why=T("the acceptance before it is {verdict}, not failed", verdict=shown),
                hint=T("if that acceptance failed, correct it: fourtwo correct implementation {name} --acceptance failed --reason …", name=name),
            )
        failed_on = latest.accepted or latest.date
        if failed_on is not None and again.accepted < failed_on:
            raise Refusal(
                "FT635",
                latest.at("accepted" if latest.accepted else "date"),
                why=T("it is dated {date}, before the failed acceptance of {failed}", date=again.accepted, failed=failed_on),
                hint=T("date it on or after {failed}: fourtwo implement {name} --reaccepted … --acceptance passed", failed=failed_on, name=name),
            )
        # `date` is the work's completion, which a re-acceptance leaves as it was; its own day is `accepted`
        item: Item = [("step", state.step.id), ("date", (latest.date or again.accepted).isoformat()), ("accepted", again.accepted.isoformat())]
        cost = again.cost if again.cost is not None else latest.cost
        if cost is not None:
            item.append(("cost", f"{cost:.2f}"))
        texts = (("accepted_by", again.accepted_by), ("acceptance", again.acceptance), ("next_steps", again.next_steps), ("note", again.note))
        item += [(key, render_value(value)) for key, value in texts if value]
        c.append("steps", item)
    return failed_on
