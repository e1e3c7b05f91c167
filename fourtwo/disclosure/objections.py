"""Objections raised while a notice is up (`fourtwo object`), and their answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fourtwo.disclosure.publish import notice_states
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T
from fourtwo.transaction import change


def object_to(project_path: Path, date: dt.date, text: str, by: str) -> int:
    """Record an objection; its number."""
    with change(project_path) as c:
        if date > c.model.workspace.today():
            raise InputError("FT905", what="--date", value=date, hint=T("an objection is recorded once it is raised"))
        states = notice_states(c)
        posted = [r.period_start for s in states if s.step.kind == "notice" for r in s.notices if r.period_start]  # every posting, not the latest
        if not posted:
            raise Refusal("FT610", kind=T("posted"), what=T("object to"), hint=T("objections are raised against a posted notice: publish one first"))
        first = min(posted)
        if date < first:
            raise Refusal(
                "FT611", what=T("object"), why=T("{date} is before the first notice was posted ({first})", date=date, first=first), hint=T("check the date")
            )
        number = max((o.number or 0 for o in c.project.data.objections), default=0) + 1
        item: Item = [("number", str(number)), ("date", date.isoformat())]
        if by:
            item.append(("by", render_value(by)))
        item.append(("text", render_value(text)))
        c.append("objections", item)
    return number


def answer(project_path: Path, number: int, text: str, date: dt.date) -> None:
    """Record the answer to objection `number`."""
    with change(project_path) as c:
        notice_states(c)
        objections = c.project.data.objections
        index = next((i for i, o in enumerate(objections) if o.number == number), None)
        if index is None:
            raise InputError(
                "FT905", what="--answer", value=number, hint=T("objections: {value}", value=", ".join(str(o.number) for o in objections) or T("none"))
            )
        objection = objections[index]
        if objection.answer:
            raise Refusal(
                "FT611",
                what=T("answer"),
                why=T("objection {number} was answered on {answered}", number=number, answered=objection.answered),
                hint=T(
                    'if that answer is wrong, correct it: fourtwo correct objection {name} {number} --answer "…" --reason …',
                    name=display_path(c.project.folder),
                    number=number,
                ),
            )
        if objection.date and date < objection.date:
            raise InputError("FT905", what="--date", value=date, hint=T("the answer cannot come before the objection ({date})", date=objection.date))
        c.add_to_item("objections", index, [("answer", render_value(text)), ("answered", date.isoformat())])
