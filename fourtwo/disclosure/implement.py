"""Recording the implementation (`fourtwo implement`): completion, acceptance, actual cost.

It comes between the two disclosures: after the resolution notice's period (in the seed's
form, which has none, after the canvass), with every objection raised within a period
answered; the result notice then reports it. Work may not start before the decision (先干后议).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fourtwo.deliberation.timeline import decision, work_before_decision
from fourtwo.disclosure.lines import objection_late
from fourtwo.disclosure.publish import notice_states, step_state
from fourtwo.files.yamledit import Item, render_value
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
                why=T("the resolution notice is up until {end}; completion is dated {completed}", end=end, completed=completed),
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
